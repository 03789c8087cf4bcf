"""开源节流（月度收支预算）：收入、必要开支、可选开支，算出每月能拿来还债的钱，和最低还款比一比。"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, localcontext

from .errors import InputError
from .money import MAX_MONEY, fen

__all__ = ["BudgetItem", "BudgetInput", "BudgetResult", "budget", "monthly_amount", "KINDS"]

KINDS = ("essential", "optional")
WEEKS_PER_MONTH = Decimal(52) / Decimal(12)


@dataclass
class BudgetItem:
    """一项收入或开支。weekly=True 表示填的是每周金额，按 ×52÷12 折成每月。"""

    name: str
    amount: Decimal
    kind: str = "essential"  # 开支：essential（必要）或 optional（可选）；收入项忽略
    weekly: bool = False


@dataclass
class BudgetInput:
    """预算输入：收入项、开支项、每月最低还款合计。"""

    incomes: list[BudgetItem]
    expenses: list[BudgetItem]
    minimum_payments: Decimal = Decimal(0)


@dataclass
class BudgetResult:
    """预算结果（每月，元）。gap = 能拿来还债的钱 − 最低还款；负数表示每月差多少。"""

    total_income: Decimal
    essential: Decimal
    optional: Decimal
    available: Decimal  # 收入 − 全部开支，可以为负
    available_if_cut: Decimal  # 暂停全部可选开支后
    minimum_payments: Decimal
    debt_service_ratio: Decimal | None  # 最低还款 ÷ 收入
    covers_minimums: bool
    gap: Decimal
    covers_if_cut: bool
    gap_if_cut: Decimal
    warnings: list[str] = field(default_factory=list)
    conventions: list[str] = field(default_factory=list)


def monthly_amount(item: BudgetItem) -> Decimal:
    """折成每月金额：每周的 × 52 ÷ 12，四舍五入到分。

    每周买菜 300 元，一个月算多少？

    >>> monthly_amount(BudgetItem("买菜", Decimal(300), weekly=True))
    Decimal('1300.00')
    """
    with localcontext(prec=34, rounding=ROUND_HALF_UP):
        return fen(item.amount * WEEKS_PER_MONTH) if item.weekly else fen(item.amount)


def _check(items: list[BudgetItem], where: str, is_expense: bool) -> None:
    for i, it in enumerate(items):
        if not 0 <= it.amount <= MAX_MONEY:
            raise InputError(f"{where}[{i}].amount", f"第{i + 1}项的金额：请填 0 到 1亿元 之间。")
        if is_expense and it.kind not in KINDS:
            raise InputError(f"{where}[{i}].kind", f"第{i + 1}项开支的类型：请选 必要（essential）或 可选（optional）。")


def budget(inp: BudgetInput) -> BudgetResult:
    """开源节流（收支预算）：每月能拿多少钱还债，够不够付最低还款，砍掉可选开支能多出多少。

    月收入 6000，房租水电吃饭 3500，其他开销 800，最低还款合计 1750，够吗？

    >>> r = budget(BudgetInput([BudgetItem("工资", Decimal(6000))],
    ...     [BudgetItem("房租水电吃饭", Decimal(3500)), BudgetItem("其他", Decimal(800), "optional")],
    ...     Decimal(1750)))
    >>> r.available, r.covers_minimums, r.gap, r.available_if_cut
    (Decimal('1700.00'), False, Decimal('-50.00'), Decimal('2500.00'))
    """
    _check(inp.incomes, "incomes", False)
    _check(inp.expenses, "expenses", True)
    if not 0 <= inp.minimum_payments <= MAX_MONEY:
        raise InputError("debts", "每月最低还款合计：请填 0 到 1亿元 之间。")
    zero = Decimal("0.00")
    income = sum((monthly_amount(x) for x in inp.incomes), zero)
    essential = sum((monthly_amount(x) for x in inp.expenses if x.kind == "essential"), zero)
    optional = sum((monthly_amount(x) for x in inp.expenses if x.kind == "optional"), zero)
    mins = fen(inp.minimum_payments)
    available = income - essential - optional
    if_cut = income - essential
    ratio = (mins / income).quantize(Decimal("0.0001"), ROUND_HALF_UP) if income > 0 else None
    gap, gap_cut = available - mins, if_cut - mins
    warnings: list[str] = []
    if essential > income:
        warnings.append(
            f"必要开支（{essential} 元）已经超过收入（{income} 元）。先保住住房、吃饭、水电等基本生活；"
            "可以向社区、民政部门求助，拨打 12348 咨询免费法律援助，并如实告诉债权人你的困难。不要为了还款借新贷。"
        )
    elif gap < 0 <= gap_cut:
        warnings.append(f"现在每月差 {-gap} 元才够付最低还款；如果暂停可选开支（{optional} 元），每月能多出 {gap_cut} 元。")
    elif gap_cut < 0:
        warnings.append(
            f"即使暂停全部可选开支，每月仍差 {-gap_cut} 元才够付最低还款。"
            "这时应尽早和债权人协商分期或减免，而不是借新还旧。"
        )
    elif mins > 0:
        warnings.append(f"付完最低还款，每月还能多出 {gap} 元，可以用还款计划工具看看怎样最快还清。")
    if ratio is not None and ratio > Decimal("0.5"):
        warnings.append("最低还款占收入一半以上，压力很大，请照顾好自己；需要倾诉可以拨打 12356 心理援助热线。")
    conventions = ["所有金额折成每月；按周填写的 × 52 ÷ 12。", "金额四舍五入到分。",
                   "能拿来还债的钱 = 收入 − 必要开支 − 可选开支。"]
    return BudgetResult(income, essential, optional, available, if_cut, mins, ratio, gap >= 0, gap,
                        gap_cut >= 0, gap_cut, warnings, conventions)
