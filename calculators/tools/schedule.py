"""还款方式对比 (schedule): 等额本息、等额本金、先息后本、一次性还本付息、等本等息 side by side."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .. import schedules
from ..forms import Choice, Form, Int, Money, Rate
from ..months import Month, month_of
from ..render import esc, line_chart, money, notes, summary, table
from .shared import START, start_month

__all__ = ["DAY_BASIS", "FORM", "ScheduleView", "compute", "render", "schedule_table"]

DAY_BASIS = Choice("day_basis", "一年按多少天", "360", choices=(("360", "360 天（人民币贷款通常口径）"),
                                                           ("365", "365 天")))
"""计息天数基准 (360 or 365 days a year), shared by the schedule and overdue tools."""
COMPARED = ("annuity", "equal-principal", "interest-only", "flat")

FIELDS = (
    Money("principal", "借款本金", "10000", "元", "例如 10000、1万 或 一万。"),
    Rate("annual_rate", "年利率", "12%", "", "例如 12%、月息1分、日息万五；按日或按月的利率会换算成年利率。"),
    Int("months", "期数", "12", "月", "分几个月还。", minimum=1, maximum=600),
    Choice("method", "还款方式", "compare", choices=(
        ("compare", "四种方式对比"), ("annuity", "等额本息"), ("equal-principal", "等额本金"),
        ("interest-only", "先息后本"), ("bullet", "一次性还本付息"), ("flat", "等本等息（年利率按 月费率×12 填）"))),
    Int("days", "借款天数", "90", "天", "一次性还本付息：从借款到还款一共多少天。", minimum=1, maximum=18300,
        modes=("bullet",)),
    DAY_BASIS,
    replace(START, help="第 1 期在哪个月，例如 2027-01；留空就是下个月。", shared=False),
)


@dataclass
class ScheduleView:
    """还款方式对比的结果：一种或四种还款方式的还款计划。"""

    schedules: list[schedules.Schedule]
    start: Month = Month(2027, 1)


def compute(v: dict) -> ScheduleView:
    """还款计划: one schedule, or the four common methods compared (对比)."""
    basis = int(v["day_basis"])
    annual = v["annual_rate"].annual(basis)
    start = start_month(v.get("start"))
    if v["method"] == "compare":
        return ScheduleView([schedules.build(m, v["principal"], annual, v["months"]) for m in COMPARED], start)
    term = v["days"] if v["method"] == "bullet" else v["months"]
    return ScheduleView([schedules.build(v["method"], v["principal"], annual, term, basis)], start)


def _when(i, start: Month | None) -> str:
    if i.due:
        return f"（{i.due:%Y-%m-%d}）"
    return f"（{month_of(start, i.period).label}）" if start is not None else ""


def schedule_table(s, start: Month | None = None) -> str:
    """One repayment schedule as a table (期次、应还、本金、利息、剩余本金); ``start`` names each period's month."""
    rows = [(f"第 {i.period} 期" + _when(i, start), money(i.payment), money(i.principal),
             money(i.interest), money(i.balance)) for i in s.instalments]
    interest = "手续费" if s.method == "flat" else "利息"
    return table(["期次", "应还", "本金", interest, "剩余本金"], rows, caption=f"{s.label}还款计划")


def render(view: ScheduleView, v: dict) -> str:
    """还款方式对比: totals side by side, then each schedule's table."""
    result = view.schedules
    if len(result) > 1:
        rows = [(s.label, money(s.instalments[0].payment), money(s.instalments[-1].payment), money(s.total_interest),
                 money(s.total_paid)) for s in result]
        head = table(["还款方式", "第一期", "最后一期", "总利息或手续费", "一共要还"], rows, caption="四种还款方式对比")
        longest = max(len(s.instalments) for s in result)
        chart = line_chart([(s.label, [i.balance for i in s.instalments]) for s in result],
                           title="剩余本金走势", x_labels=[view.start.add(k).label for k in range(longest)])
    else:
        s = result[0]
        head = summary([("还款方式", s.label), ("第一期应还", money(s.instalments[0].payment)),
                        ("总利息或手续费", money(s.total_interest)), ("一共要还", money(s.total_paid))], title="结果")
        chart = ""
    tables = "".join(
        f'<details class="calc-detail"{" open" if len(result) == 1 else ""}><summary>{esc(s.label)}：每期明细</summary>'
        f"{schedule_table(s, view.start)}</details>" for s in result)
    warnings = [w for s in result for w in s.warnings]
    conventions = list(dict.fromkeys(c for s in result for c in s.conventions))
    return head + notes(warnings, conventions) + chart + tables  # the chart right before its tables



FORM = Form("schedule", "还款方式对比", FIELDS, compute, render, switch="method", today=True)
