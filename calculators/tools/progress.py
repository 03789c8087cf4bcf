"""还款进度 (progress): what the reader actually paid, month by month, against the plan — ahead or behind, the
debt-free month recomputed from the actual balances, the interest paid so far, missed months, what to do next.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace

from .. import progress as domain
from ..forms import Form
from ..months import Month, default_start
from ..plan import STRATEGY_LABELS
from ..render import collapsed, esc, line_chart, money, notes, scroll_table, summary, table
from .shared import BUDGET, DEBTS, ORDER, RECORDS, START, STRATEGY

__all__ = ["FORM", "NEGOTIATE_URL", "STRATEGY_URL", "ProgressView", "compute", "render"]

NEGOTIATE_URL = "../negotiate/"
STRATEGY_URL = "../../strategies/negotiate/"
FIELDS = (
    replace(DEBTS, help=DEBTS.help + "这里的余额是开始月份月初的余额；之后每月的变化记在下面的还款记录里，不用改这里。"),
    BUDGET,
    STRATEGY,
    ORDER,
    replace(START, help="计划的第 1 个月，和还款计划共用，例如 2027-01；留空时从第一条还款记录的月份算起。"),
    RECORDS,
)
STATUS_LABELS = {"not_started": "还没有记录", "ahead": "比计划提前", "on_plan": "和计划一致", "behind": "比计划落后",
                 "debt_free": "已经还清", "plan_infeasible": "预算不够付最低还款"}
SOURCE_LABELS = {"paid": "记了已还", "balance": "记了余额", "both": "记了已还和余额", "missed": "漏记（按没还算）",
                 "pending": "本月待记（按计划估算）", "cleared": "已还清"}


@dataclass
class ProgressView:
    """还款进度的结果：对照用的策略（“三种策略对比”时按雪崩法）和 :class:`calculators.progress.Progress`。"""

    strategy: str
    compared: bool
    result: domain.Progress


def compute(v: dict, today: datetime.date | None = None) -> ProgressView:
    """还款进度: the chosen plan (三种策略对比 → 雪崩法) against the records, as of today (the reader's clock)."""
    today = today or datetime.date.today()
    records = v["records"] or []
    start = v.get("start") or (min(r.month for r in records) if records else default_start(today))
    strategy = "avalanche" if v["strategy"] == "compare" else v["strategy"]
    result = domain.progress(v["debts"], v["budget"], strategy, order=v.get("order"), start=start,
                             records=records, today=today)
    return ProgressView(strategy, v["strategy"] == "compare", result)


def _months(n: int) -> str:
    return "和计划同步" if n == 0 else f"提前 {n} 个月" if n > 0 else f"落后 {-n} 个月"


def _free(m: Month | None) -> str:
    return "按现在的预算还不清" if m is None else m.label


def _figures(p: domain.Progress) -> list[tuple[str, str]]:
    items = [("进度", STATUS_LABELS[p.status]), ("对照到", p.through.label if p.through else "—"),
             ("现在共欠", money(p.balance)), ("按计划应欠", money(p.planned_balance))]
    if p.difference:
        items.append(("比计划少欠" if p.difference > 0 else "比计划多欠", money(abs(p.difference))))
    items += [("相当于", _months(p.months_ahead)), ("已还合计", money(p.paid_so_far)),
              ("已付利息", money(p.interest_so_far)), ("原计划还清", _free(p.planned_debt_free)),
              ("按实际余额重算还清", _free(p.debt_free))]
    if p.months_earlier:
        items.append(("比原计划", f"早 {p.months_earlier} 个月" if p.months_earlier > 0 else f"晚 {-p.months_earlier} 个月"))
    return items


def _missed(p: domain.Progress) -> str:
    if not p.missed:
        return ""
    by_month: dict[str, list[str]] = {}
    for m in p.missed:
        by_month.setdefault(m.label, []).append(m.debt)
    items = "".join(f"<li><strong>{esc(label)}</strong>：{esc('、'.join(debts))}</li>" for label, debts in by_month.items())
    return ('<div class="admonition warning calc-missed"><p class="admonition-title">这些月份没有记录，按没还计算</p>'
            f"<ul>{items}</ul></div>")


def _next_steps(p: domain.Progress) -> str:
    items = "".join(f"<li>{esc(a)}</li>" for a in p.advice)
    if "negotiate" in p.actions or p.status == "behind":
        items += (f'<li>落后了或者付不起最低还款：用<a href="{NEGOTIATE_URL}">协商分期测算</a>算出每月能还多少，'
                  f'再按<a href="{STRATEGY_URL}">怎样和放贷机构协商</a>去谈。</li>')
    return f"<h3>接下来怎么做</h3><ul>{items}</ul>" if items else ""


def _month_rows(p: domain.Progress) -> list[str]:
    rows = []
    for m in p.months:
        flag = "".join(f'<span class="calc-flag">{esc(n)} 漏记</span>' for n in m.missed)
        cells = [money(m.planned_paid), money(m.paid), money(m.planned_balance), money(m.balance),
                 ("少欠 " if m.difference >= 0 else "多欠 ") + money(abs(m.difference)), _months(m.months_ahead)]
        tds = "".join(f'<td class="num">{esc(c)}</td>' for c in cells)
        rows.append(f'<tr{" class=calc-missed-row" if m.missed else ""}><td>{esc(m.label)}{flag}</td>{tds}</tr>')
    return rows


def _month_table(p: domain.Progress) -> str:
    head = "".join(f'<th scope="col">{h}</th>' for h in ("月份", "计划还款", "实际还款", "计划月末欠款", "实际月末欠款",
                                                        "和计划比", "进度"))
    return scroll_table("每月对照", f"<caption>每月对照：计划和实际</caption><thead><tr>{head}</tr></thead>"
                                  f"<tbody>{''.join(_month_rows(p))}</tbody>")


def _debt_table(p: domain.Progress) -> str:
    last = p.months[-1]
    rows = [(d.name, money(d.planned_balance), money(d.balance), SOURCE_LABELS[d.source]
             + ("，低于最低还款" if d.below_minimum else "")) for d in last.debts]
    return table(["债务", "计划月末欠款", "实际月末欠款", f"{last.label}的记录"], rows, caption=f"{last.label}：每笔债务")


def render(view: ProgressView, v: dict) -> str:
    """还款进度：关键数字、漏记的月份、接下来怎么做、计划和实际的走势图和每月对照表、每笔债务、口径。"""
    p = view.result
    label = STRATEGY_LABELS.get(view.strategy, view.strategy)
    basis = f"对照的计划：{label}，每月 {money(p.plan.budget)}，从 {p.start.label} 开始。"
    if view.compared:
        basis += "还款策略选的是“三种策略对比”，这里按雪崩法对照。"
    intro = f'<p class="calc-explain">{esc(basis)}</p>'
    if not p.months:
        return (intro + summary([("进度", STATUS_LABELS[p.status]), ("原计划还清", _free(p.planned_debt_free))],
                                title="还款进度")
                + '<div class="calc-empty"><p>还没有可以对照的月份。每个月还完款，在“还款记录”里记一行：'
                  "这个月给哪笔债务还了多少，或者账单上还欠多少。</p></div>" + notes(p.warnings, p.conventions))
    months = [m.label for m in p.months]
    chart = line_chart([("计划", [m.planned_balance for m in p.months]), ("实际", [m.balance for m in p.months])],
                       title="总欠款：计划和实际", x_labels=months)
    return (intro + summary(_figures(p), title="还款进度") + _missed(p) + _next_steps(p) + notes(p.warnings, [])
            + chart + collapsed(f"每月对照（{len(p.months)} 个月）", _month_table(p), len(p.months))
            + _debt_table(p) + notes([], p.conventions))


FORM = Form("progress", "还款进度", FIELDS, compute, render, switch="strategy", today=True,
            remind_export=True)
