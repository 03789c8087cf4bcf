"""协商分期测算 (negotiate): what to ask the lender for — 停息挂账, 减免罚息, 分期 — and the shortest term each
option fits into the monthly budget.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from ..forms import Form, Money, Rate
from ..listfields import Terms
from ..months import month_of
from ..negotiate import DEFAULT_TERMS, NegotiationInput, negotiate
from ..render import Cell, money, notes, pct, plain_list, summary, table
from .shared import BUDGET, START, start_month

__all__ = ["FORM", "compute", "render"]

FIELDS = (
    Money("principal", "欠款本金", "30000", "元", "还没还的本金，不含利息和罚息；例如 30000、3万 或 三万。"),
    Money("interest", "已产生的利息", "2000", "元", "账单上已经产生、还没还的利息；没有就留空。", optional=True),
    Money("fees", "罚息、违约金等费用", "1000", "元", "逾期后产生的罚息、复利、违约金和其他费用合计；没有就留空。",
          optional=True),
    BUDGET,
    Rate("annual_rate", "分期期间的年利率", "7.2%", "",
         "如果对方不同意停息，分期期间继续按这个利率计息；例如 7.2%、月息0.6%、日息万二。", flat_ok=False),
    Terms("terms", "想看的期数", "", "期",
          "可选。用逗号隔开，例如“12, 24, 36”；留空就看 12、24、36、48、60 期。最长 60 期。", optional=True, rows=1),
    replace(START, help="分期的第 1 期在哪个月，例如 2027-01；留空就是下个月。", shared=False),
)


def compute(v: dict):
    """协商分期: the three options (照常分期、停息分期、减免后分期) for every term asked about."""
    zero = Decimal(0)
    return negotiate(NegotiationInput(v["principal"], v["interest"] or zero, v["fees"] or zero, v["budget"],
                                      v["annual_rate"].annual(360), v["terms"] or DEFAULT_TERMS))


def render(r, v: dict) -> str:
    """协商分期：一次还清要多少、各方案放得进预算的最短期数、可以提的请求、各期数的月供。"""
    start = start_month(v.get("start"))

    def last(months: int) -> str:
        return month_of(start, months).label

    items = [("现在一次还清需要", money(r.total_now)), ("每月能拿出来还的钱", money(v.get("budget"))),
             ("第 1 期", start.label)]
    for sc in r.scenarios:
        sh = sc.shortest
        items.append((sc.label, "60 期内放不进预算" if sh is None else
                      f"最少 {sh.months} 期（到 {last(sh.months)}），每月约 {money(sh.payment)}"))
    head = summary(items, title="结果")
    asks = plain_list(r.asks, title="可以向对方提出的请求", ordered=True)
    rows = []
    for sc in r.scenarios:
        sh = sc.shortest
        rows.append((sc.label, money(sc.base), pct(sc.annual_rate), "—" if sh is None else f"{sh.months} 期",
                     "—" if sh is None else money(sh.payment), "—" if sh is None else money(sh.total)))
    shortest = table(["方案", "分期基数", "年利率", "放得进预算的最短期数", "月供", "一共要还"], rows,
                     caption="三种方案对比")
    headers = ["期数", "最后一期"] + [f"{sc.label}：月供" for sc in r.scenarios] + [f"{r.scenarios[-1].label}：一共要还"]
    term_rows = []
    for i, o in enumerate(r.scenarios[0].options):
        cells: list[Cell] = [f"{o.months} 期", last(o.months)]
        for sc in r.scenarios:
            opt = sc.options[i]
            cells.append(money(opt.payment) + ("" if opt.fits else "（超预算）"))
        cells.append(money(r.scenarios[-1].options[i].total))
        term_rows.append(cells)
    terms = table(headers, term_rows, caption="按期数看月供（最后一期吸收尾差）", numeric_from=2)
    return head + notes(r.warnings, r.conventions) + asks + shortest + terms



FORM = Form("negotiate", "协商分期测算", FIELDS, compute, render, today=True)
