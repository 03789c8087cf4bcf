"""收支预算 (budget): monthly income, essential and optional spending, and what is left for the debts."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from ..budget import BudgetInput, BudgetItem, BudgetResult, budget, monthly_amount
from ..forms import Form
from ..render import money, notes, pct, signed, summary, table
from .shared import DEBTS, EXPENSES, INCOMES

__all__ = ["FORM", "BudgetView", "compute", "render"]

FIELDS = (INCOMES, EXPENSES, replace(DEBTS, optional=True))


@dataclass
class BudgetView:
    """收支预算的结果，连同逐项收入、开支（折成每月）。"""

    result: BudgetResult
    incomes: list[BudgetItem]
    expenses: list[BudgetItem]
    debt_count: int


def compute(v: dict) -> BudgetView:
    """收支预算: incomes and expenses per month, against the debts' minimum payments."""
    debts = v["debts"] or []
    minimums = sum((d.minimum_payment for d in debts), Decimal(0))
    return BudgetView(budget(BudgetInput(v["incomes"], v["expenses"], minimums)), v["incomes"], v["expenses"],
                      len(debts))


def render(view: BudgetView, v: dict) -> str:
    """收支预算：每月收入、开支、能拿来还债的钱，够不够付最低还款，逐项明细（折成每月）。"""
    r = view.result
    items = [
        ("每月收入", money(r.total_income)),
        ("必要开支", money(r.essential)),
        ("可选开支", money(r.optional)),
        ("能拿来还债的钱", signed(r.available, "", "入不敷出，每月缺").strip()),
        ("暂停可选开支后能拿出", signed(r.available_if_cut, "", "仍然每月缺").strip()),
        (f"最低还款合计（{view.debt_count} 笔债务）", money(r.minimum_payments)),
        ("付完最低还款后", signed(r.gap, "每月多出", "每月还差")),
    ]
    if r.debt_service_ratio is not None:
        items.append(("最低还款占收入", pct(r.debt_service_ratio)))
    head = summary(items, title="结果")

    def how(x) -> str:
        return "每周" if x.weekly else "每月"

    incomes = table(["收入", "填的金额", "折成每月"],
                    [(f"{x.name}（{how(x)}）", money(x.amount), money(monthly_amount(x))) for x in view.incomes]
                    + [("合计", "", money(r.total_income))], caption="收入")
    kinds = {"essential": "必要", "optional": "可选"}
    expenses = table(["开支", "类型", "填的金额", "折成每月"],
                     [(f"{x.name}（{how(x)}）", kinds.get(x.kind, x.kind), money(x.amount), money(monthly_amount(x)))
                      for x in view.expenses] + [("合计", "", "", money(r.essential + r.optional))],
                     caption="开支", numeric_from=2)
    return head + notes(r.warnings, r.conventions) + incomes + expenses



FORM = Form("budget", "收支预算", FIELDS, compute, render)
