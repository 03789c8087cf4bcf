"""债务清单 (inventory): every debt in one table — totals, monthly interest, weighted rate, debt-to-income."""

from __future__ import annotations

from ..caps import LENDERS
from ..debts import inventory
from ..forms import Date, Form
from ..render import money, notes, pct, plain_list, summary, table
from .shared import DEBTS, INCOME

__all__ = ["FORM", "compute", "render"]

FIELDS = (
    DEBTS,
    INCOME,
    Date("as_of", "计算日期", "2026-11-28", "", "用于判断适用的 LPR（民间借贷利率上限）；例如 2026-11-28。"),
)


def compute(v: dict):
    """梳理债务: the parsed debts → :class:`calculators.debts.Inventory`."""
    return inventory(v["debts"], v["monthly_income"], as_of=v["as_of"])


def render(inv, v: dict) -> str:
    """债务清单：总欠款、每月最低还款、每月利息、加权利率、还款收入比，逐笔明细和提醒。"""

    items = [
        ("总欠款", money(inv.total_balance)),
        ("每月最低还款合计", money(inv.total_minimums)),
        ("每月利息（估算）", money(inv.monthly_interest)),
        ("加权年利率", "—" if inv.weighted_rate is None else pct(inv.weighted_rate)),
    ]
    if inv.monthly_income is not None:
        items.append(("每月收入", money(inv.monthly_income)))
        items.append(("最低还款占收入", "—" if inv.debt_service_ratio is None else pct(inv.debt_service_ratio)))
    head = summary(items, title="结果")

    def name(d) -> str:
        kind = LENDERS.get(d.lender_type, "")
        return f"{d.name}（{kind}）" if kind else d.name

    rows = [(name(ln.debt), money(ln.debt.balance), pct(ln.debt.annual_rate), money(ln.debt.minimum_payment),
             money(ln.monthly_interest), ln.debt.days_overdue or "—") for ln in inv.lines]
    rows.append(("合计", money(inv.total_balance), "—" if inv.weighted_rate is None else pct(inv.weighted_rate),
                 money(inv.total_minimums), money(inv.monthly_interest), ""))
    body = table(["债务", "余额", "年化利率", "最低还款", "每月利息", "逾期天数"], rows, caption="逐笔明细")
    flags = plain_list((f"{ln.debt.name}：{f.message}" for ln in inv.lines for f in ln.flags), title="逐笔提醒")
    return head + notes(inv.warnings, inv.conventions) + body + flags



FORM = Form("inventory", "债务清单", FIELDS, compute, render)
