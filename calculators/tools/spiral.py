"""以贷养贷模拟 (spiral): how borrowing new loans to repay old ones makes the debt grow (two models)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from ..forms import Form, Int, Money, Rate
from ..months import month_of
from ..render import Cell, collapsed, esc, line_chart, money, notes, pct, summary, table
from ..spiral import LABELS, MAX_MONTHS, SpiralInput, spiral
from .shared import START, start_month

__all__ = ["FORM", "compute", "render"]

FIELDS = (
    Money("start_debt", LABELS["start_debt"], "10000", "元", "要靠借新贷来还的欠款；例如 10000、1万 或 一万。"),
    Rate("monthly_rate", LABELS["monthly_rate"], "2%", "每月", "例如 2%（每月）、年化24%、日息万五。", period="month",
         flat_ok=False),
    Rate("fee", LABELS["fee"], "3%", "", "每借一笔新贷，放款时先扣掉的比例（服务费、砍头息）；例如 3%。",
         period="month", periods=("year", "month"), hint="请直接填占借款金额的百分比，例如 3%。"),
    Int("months", LABELS["months"], "24", "个月", f"看多少个月，1 到 {MAX_MONTHS}。", minimum=1, maximum=MAX_MONTHS),
    Money("obligations", LABELS["obligations"], "5000", "元",
          "模型二（可选）：每月各笔合计要还多少。和下一项一起填，不用就两项都留空。", optional=True),
    Money("available", LABELS["available"], "4000", "元",
          "模型二（可选）：每月实际能拿出来还的钱；差额假设靠借 30 天的新贷补上。", optional=True),
    replace(START, help="模拟的第 1 个月是哪个月，例如 2027-01；留空就是下个月。", shared=False),
)


def compute(v: dict):
    """以贷养贷: model one (整笔滚动) always, model two (缺口靠短期贷补) when both monthly amounts are given."""
    return spiral(SpiralInput(v["start_debt"], v["monthly_rate"].monthly(360), v["fee"].value, v["months"],
                              v["obligations"], v["available"]))


def render(r, v: dict) -> str:
    """以贷养贷：欠款每月乘以 g，多久翻倍，折算年成本；走势图和逐月表。"""
    start = start_month(v.get("start"))

    def when(m: int) -> str:
        return month_of(start, m).label

    year = r.rollover[min(11, len(r.rollover) - 1)]
    last = r.rollover[-1]
    items = [
        ("每月欠款变成原来的", f"{r.growth.quantize(Decimal('0.000001'))} 倍"),
        ("大约几个月翻一倍", "不会翻倍" if r.doubling_months is None else f"{r.doubling_months} 个月"),
        ("折算年成本", pct(r.effective_annual)),
        (f"{when(year.month)}欠款", money(year.debt)),
    ]
    if last.month != year.month:
        items.append((f"{when(last.month)}欠款", money(last.debt)))
    if r.bridge:
        b = r.bridge[-1]
        items.append((f"模型二：{when(b.month)}欠过桥贷", money(b.bridge_debt)))
        items.append(("其中纯利息和手续费", money(b.financing_cost)))
    head = summary(items, title="结果")
    conclusion = f'<p class="calc-conclusion"><strong>{esc(r.conclusion)}</strong></p>'
    series = [("借新还旧（整笔滚动）的欠款", [x.debt for x in r.rollover])]
    if r.bridge:
        series.append(("缺口靠借新贷补：欠的过桥贷", [x.bridge_debt for x in r.bridge]))
    chart = line_chart(series, title="欠款走势", x_labels=[when(x.month) for x in r.rollover])
    headers = ["月份", "整笔滚动：欠款"]
    if r.bridge:
        headers += ["模型二：欠过桥贷", "累计真实缺口", "多付的利息和手续费"]
    rows = []
    for i, x in enumerate(r.rollover):
        cells: list[Cell] = [when(x.month), money(x.debt)]
        if r.bridge:
            b = r.bridge[i]
            cells += [money(b.bridge_debt), money(b.cumulative_shortfall), money(b.financing_cost)]
        rows.append(cells)
    body = table(headers, rows, caption="逐月欠款")
    return head + conclusion + notes(r.warnings, r.conventions) + chart + collapsed(
        f"逐月欠款（{len(rows)} 个月）", body, len(rows))



FORM = Form("spiral", "以贷养贷模拟", FIELDS, compute, render, today=True)
