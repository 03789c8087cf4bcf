"""还款计划 (plan): pay several debts from one monthly budget — 雪崩法, 雪球法, 自定义顺序 or 只还最低 — month by
month, with one-off extra payments and budget changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from .. import plan
from ..forms import Form, parse_fields
from ..ical import dtstamp, plan_ics
from ..listfields import Pairs
from ..months import Month, month_of
from ..pagefields import Button
from ..plan import STRATEGY_LABELS
from ..render import Cell, collapsed, esc, line_chart, money, notes, pct, summary, table
from .shared import BUDGET, DEBTS, ORDER, START, STRATEGY, start_month

__all__ = ["FORM", "ICS_MIME", "PlanView", "compute", "ics_call", "render"]

ICS_MIME = "text/calendar;charset=utf-8"
FIELDS = (
    DEBTS,
    BUDGET,
    STRATEGY,
    ORDER,
    START,
    Pairs("extra", "一次性额外还款", "", "",
          "可选。每行一笔：第几个月, 金额，例如“6, 3000”（第 6 个月多还 3000 元，比如年终奖）。", optional=True, rows=2),
    Pairs("budget_changes", "预算变化", "", "", "可选。每行一条：从第几个月起, 新的每月预算，例如“13, 3000”。",
          optional=True, rows=2, second="新预算"),
    Button("ics", "下载还款提醒（日历文件 .ics）", "", "",
           "每笔还款在还款日当天一个全天日程，前一天提醒；手机或电脑的日历都能导入。没填还款日的债务按每月 1 日提醒。"
           "选了“三种策略对比”时按雪崩法导出。", optional=True, call="plan_ics"),
)
MAX_DEBT_COLUMNS = 12
"""With more debts than this, the month-by-month table lists totals only and the per-debt chart is left out."""


@dataclass
class PlanView:
    """还款计划的结果：``main`` 是 Comparison（三种策略对比）或 PlanResult；``minimum`` 是只还最低的对照。"""

    strategy: str
    main: plan.Comparison | plan.PlanResult
    minimum: plan.PlanResult | None = None
    start: Month = Month(2027, 1)


def compute(v: dict) -> PlanView:
    """还款计划: the chosen strategy (or all three compared), plus the 只还最低 baseline to compare with."""
    extra: dict[int, Decimal] = {}
    for month, amount in v["extra"] or ():
        extra[month] = extra.get(month, Decimal(0)) + amount
    kw = {"extra_payments": extra, "budget_changes": v["budget_changes"] or []}
    strategy, debts, budget = v["strategy"], v["debts"], v["budget"]
    start = start_month(v.get("start"))
    if strategy == "compare":
        return PlanView(strategy, plan.compare(debts, budget, **kw), start=start)
    result = plan.plan(debts, budget, strategy, order=v.get("order"), **kw)
    minimum = None if strategy == "minimum" else plan.plan(debts, budget, "minimum", **kw)
    return PlanView(strategy, result, minimum, start)


def _months(m: int | None, start: Month | None = None) -> str:
    if m is None:
        return "还不清"
    return f"{m} 个月" + (f"（{month_of(start, m).label}还清）" if start is not None and m else "")


def _payoff(m: int | None, start: Month) -> str:
    if m is None:
        return "还不清"
    return "无欠款" if m == 0 else f"{month_of(start, m).label}（第 {m} 个月）"


def _interest(r) -> str:
    return "还不清，利息越滚越多" if r.never_pays_off else money(r.total_interest)


def _paid(r) -> str:
    return "—" if r.never_pays_off else money(r.total_paid)


def plan_month_table(r, start: Month) -> str:
    """还款计划逐月明细：每月共还、利息，以及每笔债务的还款和月末余额（债务太多时只列合计）."""
    per_debt = len(r.names) <= MAX_DEBT_COLUMNS
    headers = ["月份", "本月共还", "本月利息"]
    if per_debt:
        for name in r.names:
            headers += [f"{name} 还款", f"{name} 余额"]
    else:
        headers.append("月末总欠款")
    rows = []
    for row in r.table:
        cells: list[Cell] = [month_of(start, row.month).label, money(row.total_paid), money(sum(row.interest, Decimal("0.00")))]
        if per_debt:
            for p, b in zip(row.payments, row.balances, strict=True):
                cells += [money(p), money(b)]
        else:
            cells.append(money(row.total_balance))
        rows.append(cells)
    return table(headers, rows, caption=f"{STRATEGY_LABELS.get(r.strategy, r.strategy)}：逐月明细")


def _per_debt_chart(r, start: Month) -> str:
    """每笔债务的余额走势，后面紧跟同样数字的逐月明细表."""
    if not r.table:
        return ""
    label = STRATEGY_LABELS.get(r.strategy, r.strategy)
    chart = ""
    if len(r.names) <= MAX_DEBT_COLUMNS:
        chart = line_chart([(name, [row.balances[i] for row in r.table]) for i, name in enumerate(r.names)],
                           title=f"{label}：每笔债务的余额走势", x_labels=_labels(start, len(r.table)))
    else:
        chart = (f'<p class="calc-explain">{esc(f"债务超过 {MAX_DEBT_COLUMNS} 笔，逐月明细只列合计；")}'
                 f'{esc("每笔在第几个月还清见上面的表。")}</p>')
    return chart + collapsed(f"{label}：逐月明细（{len(r.table)} 个月）", plan_month_table(r, start), len(r.table))


def _labels(start: Month, count: int) -> list[str]:
    return [start.add(i).label for i in range(count)]


def _totals_chart(results: Sequence, start: Month) -> str:
    """不同策略的总余额走势，后面紧跟同样数字的表。"""
    results = [r for r in results if r.table]
    if not results:
        return ""
    labels = [STRATEGY_LABELS.get(r.strategy, r.strategy) for r in results]
    chart = line_chart([(lab, [row.total_balance for row in r.table]) for lab, r in zip(labels, results, strict=True)],
                       title="总欠款走势（各策略对比）", x_labels=_labels(start, max(len(r.table) for r in results)))
    longest = max(len(r.table) for r in results)
    rows = []
    for m in range(longest):
        rows.append([start.add(m).label] + [money(r.table[m].total_balance) if m < len(r.table) else "已还清"
                                           if r.months is not None else "—" for r in results])
    body = table(["月份"] + [f"{lab}：月末总欠款" for lab in labels], rows, caption="各策略每月月末总欠款")
    return chart + collapsed(f"各策略每月月末总欠款（{longest} 个月）", body, longest)


def _infeasible(r, start: Month) -> str:
    """预算不够付最低还款：缺口、最低预算，以及协商分期能放进预算的期数。"""
    items = [("每月预算", money(r.budget)), ("每月最低还款合计", money(r.minimum_budget)),
             ("每月还差", money(r.shortfall))]
    if r.infeasible_month:
        items.append(("从哪个月起不够", _payoff(r.infeasible_month, start)))
    head = summary(items, title="预算不够付最低还款")
    fits = []
    for f in r.instalment_fits:
        what = "免息分期" if f.annual_rate == 0 else f"按加权年利率 {pct(f.annual_rate)} 分期"
        fits.append((what, "60 期内放不进预算" if f.months is None else f"{f.months} 期",
                     "—" if f.payment is None else money(f.payment)))
    body = table(["如果协商把全部欠款分期", "至少要几期", "每月约还"], fits, caption="协商分期粗算")
    partial = _per_debt_chart(r, start) if r.table else ""
    return head + notes(r.warnings, r.conventions) + body + partial


def render(view: PlanView, v: dict) -> str:
    """还款计划：先给关键数字，再给提醒和口径，然后是策略对比、每笔还清月份、余额走势和逐月明细。"""
    main, start = view.main, view.start
    if view.strategy == "compare":
        a, s, m = main.avalanche, main.snowball, main.minimum
        if not a.feasible:
            return _infeasible(a, start)
        items = [("每月预算", money(a.budget)), ("第 1 个月", start.label),
                 ("雪崩法还清用时", _months(a.months, start)), ("雪崩法总利息", _interest(a)),
                 ("雪球法还清用时", _months(s.months, start)), ("雪球法总利息", _interest(s)),
                 ("只还最低还清用时", _months(m.months, start)), ("只还最低总利息", _interest(m))]
        if main.interest_saved.get("avalanche") is not None:
            items.append(("雪崩法比只还最低少付利息", money(main.interest_saved["avalanche"])))
        head = summary(items, title="三种策略对比")
        rows = []
        for key, r in (("avalanche", a), ("snowball", s), ("minimum", m)):
            saved = main.interest_saved.get(key)
            months_saved = main.months_saved.get(key)
            rows.append((STRATEGY_LABELS[key], _months(r.months, start), _interest(r), _paid(r),
                         "对照" if key == "minimum" else ("—" if saved is None else money(saved)),
                         "对照" if key == "minimum" else ("—" if months_saved is None else f"{months_saved} 个月")))
        comparison = table(["策略", "还清用时", "总利息", "一共要还", "比只还最低少付利息", "比只还最低早还清"], rows,
                           caption="策略对比")
        payoff = table(["债务", STRATEGY_LABELS["avalanche"], STRATEGY_LABELS["snowball"], STRATEGY_LABELS["minimum"]],
                       [(n, _payoff(a.payoff_month[n], start), _payoff(s.payoff_month[n], start),
                         _payoff(m.payoff_month[n], start)) for n in a.names], caption="每笔债务在哪个月还清")
        return (head + notes(main.warnings, main.conventions) + comparison + payoff
                + _totals_chart([a, s, m], start) + _per_debt_chart(a, start))
    r = main
    if not r.feasible:
        return _infeasible(r, start)
    base = view.minimum
    items = [("还款策略", STRATEGY_LABELS.get(r.strategy, r.strategy)), ("每月预算", money(r.budget)),
             ("第 1 个月", start.label), ("全部还清用时", _months(r.months, start)), ("总利息", _interest(r)), ("一共要还", _paid(r))]
    if base is not None and base.feasible and base.months is not None and r.months is not None:
        items.append(("比只还最低少付利息", money(max(base.total_interest - r.total_interest, Decimal("0.00")))))
        items.append(("比只还最低早还清", f"{max(base.months - r.months, 0)} 个月"))
    head = summary(items, title="结果")
    payoff = table(["债务", "还清月份"], [(n, _payoff(r.payoff_month[n], start)) for n in r.names],
                   caption="每笔债务在哪个月还清")
    totals = _totals_chart([r, base] if base is not None and base.feasible else [r], start)
    return head + notes(r.warnings, r.conventions) + payoff + totals + _per_debt_chart(r, start)


def ics_call(args: dict) -> dict:
    """下载还款提醒 (page call ``plan_ics``): the plan's payments as ``wdyq-plan.ics``, or the form's errors."""
    raw = {f.id: args[f.id] if isinstance(args.get(f.id), str) else f.default for f in FORM.fields}
    values, errors = parse_fields(FORM, raw)
    if errors:
        return {"errors": errors}
    strategy = "avalanche" if values["strategy"] == "compare" else values["strategy"]
    view = compute({**values, "strategy": strategy})
    result = view.main
    if not result.feasible or not result.table:
        return {"errors": {"": "无法生成还款提醒：预算不够付最低还款，请先调整预算或先去协商。"}}
    text = plan_ics(result, values["debts"], view.start, dtstamp=dtstamp(args.get("now")))
    count = text.count("BEGIN:VEVENT")
    label = STRATEGY_LABELS.get(strategy, strategy)
    message = (f"已生成还款提醒（{label}）：{count} 笔还款，从 {view.start.label} 起。"
               "用手机或电脑的日历打开这个文件即可导入。")
    return {"file": {"name": "wdyq-plan.ics", "text": text, "mime": ICS_MIME}, "message": message}


FORM = Form("plan", "还款计划", FIELDS, compute, render, switch="strategy", today=True, remind_export=True)
