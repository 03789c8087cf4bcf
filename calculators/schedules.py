"""还款计划（还款方式）：等额本息、等额本金、先息后本、一次性还本付息、等本等息，以及按日计息的等额本金。

约定（见 loan-math.md §2、§7）：金额四舍五入到分（ROUND_HALF_UP）；每期利息按期初剩余本金计算并
四舍五入到分；本金平分时精确到分、尾数计入最后一期；等额本息的月供四舍五入到分，最后一期吸收尾差。
利率参数一律是 Decimal 小数（1% 写成 Decimal("0.01")）。
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal, localcontext

from .errors import InputError
from .money import FEN, fen

__all__ = [
    "METHODS",
    "MAX_MONTHS",
    "Instalment",
    "Schedule",
    "annuity",
    "annuity_payment",
    "equal_principal",
    "interest_only",
    "bullet",
    "flat",
    "daily_equal_principal",
    "add_months",
    "build",
]

MAX_MONTHS = 600  # longest term a form should accept (50 years); the functions themselves allow 1200 periods

METHODS = {
    "annuity": "等额本息",
    "equal-principal": "等额本金",
    "interest-only": "先息后本",
    "bullet": "一次性还本付息",
    "flat": "等本等息",
}

_ZERO = Decimal(0)


@dataclass(frozen=True)
class Instalment:
    """一期还款：期次、本期应还、其中本金、其中利息（或手续费）、还款后剩余本金；按日计息时附到期日。"""

    period: int
    payment: Decimal
    principal: Decimal
    interest: Decimal
    balance: Decimal
    due: datetime.date | None = None


@dataclass(frozen=True)
class Schedule:
    """还款计划表：各期明细、利息（费用）合计、还款合计、还款方式及所用约定。"""

    method: str
    principal: Decimal
    instalments: list[Instalment]
    total_interest: Decimal
    total_paid: Decimal
    conventions: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        """还款方式的中文名称。"""
        return METHODS.get(self.method, self.method)

    @property
    def payments(self) -> list[Decimal]:
        """每期应还金额列表。"""
        return [i.payment for i in self.instalments]


def _check(principal: Decimal, rate: Decimal, periods: int, *, max_periods: int = 1200) -> None:
    if not isinstance(principal, Decimal) or not principal.is_finite() or principal < 0:
        raise InputError("principal", "借款本金：必须是不小于 0 的金额。")
    if not isinstance(rate, Decimal) or not rate.is_finite() or rate < 0:
        raise InputError("rate", "利率：必须是不小于 0 的数。")
    if not isinstance(periods, int) or isinstance(periods, bool) or not 1 <= periods <= max_periods:
        raise InputError("months", f"期数：请输入 1 到 {max_periods} 之间的整数。")


def _finish(
    method: str,
    principal: Decimal,
    rows: list[Instalment],
    conventions: list[str],
    warnings: list[str] | None = None,
) -> Schedule:
    total_interest = sum((r.interest for r in rows), _ZERO)
    total_paid = sum((r.payment for r in rows), _ZERO)
    return Schedule(
        method, fen(principal), rows, fen(total_interest), fen(total_paid), conventions, list(warnings or [])
    )


def annuity_payment(principal: Decimal, monthly_rate: Decimal, months: int) -> Decimal:
    """等额本息月供（未取整）：A = P·r·(1+r)^n / ((1+r)^n − 1)，r = 0 时 A = P/n。

    >>> fen(annuity_payment(Decimal(10000), Decimal("0.01"), 12))
    Decimal('888.49')
    """
    _check(principal, monthly_rate, months)
    with localcontext(prec=40):
        if monthly_rate == 0:
            return principal / months
        f = (1 + monthly_rate) ** months
        return principal * monthly_rate * f / (f - 1)


def annuity(principal: Decimal, monthly_rate: Decimal, months: int) -> Schedule:
    """等额本息：每期还款额相同，利息按剩余本金计算（loan-math §2.1）。

    借1万元、年利率12%、分12个月等额本息，每月还多少、总利息多少？

    >>> s = annuity(Decimal(10000), Decimal("0.01"), 12)
    >>> s.instalments[0].payment, s.instalments[-1].payment, s.total_interest
    (Decimal('888.49'), Decimal('888.47'), Decimal('661.86'))
    """
    payment = fen(annuity_payment(principal, monthly_rate, months))
    rows: list[Instalment] = []
    balance = fen(principal)
    with localcontext(prec=40):
        for k in range(1, months + 1):
            interest = fen(balance * monthly_rate)
            part = balance if k == months else min(payment - interest, balance)
            balance -= part
            rows.append(Instalment(k, part + interest, part, interest, balance))
    conventions = [
        "月利率 = 年利率 ÷ 12；每期利息 = 期初剩余本金 × 月利率，四舍五入到分。",
        "月供四舍五入到分，最后一期按剩余本金加当期利息结清（吸收尾差）。",
    ]
    return _finish("annuity", principal, rows, conventions)


def _split(total: Decimal, n: int) -> list[Decimal]:
    """把金额平分成 n 份：前 n−1 份精确到分（舍去），尾数计入最后一份。"""
    with localcontext(prec=40):
        base = (total / n).quantize(FEN, rounding=ROUND_DOWN)
        return [base] * (n - 1) + [total - base * (n - 1)]


def equal_principal(principal: Decimal, monthly_rate: Decimal, months: int) -> Schedule:
    """等额本金：每期还相同本金，利息按剩余本金计算，月供逐月减少（loan-math §2.2）。

    借12000元、月利率1%、分12个月等额本金，第一个月和最后一个月各还多少？

    >>> s = equal_principal(Decimal(12000), Decimal("0.01"), 12)
    >>> s.instalments[0].payment, s.instalments[-1].payment, s.total_interest
    (Decimal('1120.00'), Decimal('1010.00'), Decimal('780.00'))
    """
    _check(principal, monthly_rate, months)
    balance = fen(principal)
    rows: list[Instalment] = []
    with localcontext(prec=40):
        for k, part in enumerate(_split(balance, months), start=1):
            interest = fen(balance * monthly_rate)
            balance -= part
            rows.append(Instalment(k, part + interest, part, interest, balance))
    conventions = [
        "每期本金 = 本金 ÷ 期数，精确到分，尾数计入最后一期。",
        "每期利息 = 期初剩余本金 × 月利率，四舍五入到分。",
    ]
    return _finish("equal-principal", principal, rows, conventions)


def interest_only(principal: Decimal, monthly_rate: Decimal, months: int) -> Schedule:
    """先息后本：每期只还利息，最后一期连本带息（loan-math §2.3）。

    借1万元、月利率1%、12个月先息后本，最后一期还多少？

    >>> interest_only(Decimal(10000), Decimal("0.01"), 12).instalments[-1].payment
    Decimal('10100.00')
    """
    _check(principal, monthly_rate, months)
    p = fen(principal)
    with localcontext(prec=40):
        interest = fen(p * monthly_rate)
        rows = [Instalment(k, interest, _ZERO, interest, p) for k in range(1, months)]
        rows.append(Instalment(months, p + interest, p, interest, fen(_ZERO)))
    conventions = ["每期利息 = 本金 × 月利率，四舍五入到分；最后一期归还全部本金。"]
    return _finish("interest-only", principal, rows, conventions)


def bullet(principal: Decimal, annual_rate: Decimal, days: int, day_basis: int = 360) -> Schedule:
    """一次性还本付息（利随本清）：利息 = 本金 × 年利率 × 天数 ÷ 360（或 365）（loan-math §2.4）。

    借1万元、年利率12%、借90天，到期一共要付多少利息？

    >>> bullet(Decimal(10000), Decimal("0.12"), 90).total_interest
    Decimal('300.00')
    >>> bullet(Decimal(10000), Decimal("0.12"), 90, day_basis=365).total_interest
    Decimal('295.89')
    """
    _check(principal, annual_rate, 1)
    if day_basis not in (360, 365):
        raise InputError("day_basis", "计息天数基准：只能是 360 或 365。")
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= 36600:
        raise InputError("days", "借款天数：请输入 1 到 36600 之间的整数。")
    p = fen(principal)
    with localcontext(prec=40):
        interest = fen(p * annual_rate * days / day_basis)
    rows = [Instalment(1, p + interest, p, interest, fen(_ZERO))]
    conventions = [f"利息 = 本金 × 年利率 × 实际天数 ÷ {day_basis}（单利，算头不算尾）。"]
    return _finish("bullet", principal, rows, conventions)


def flat(principal: Decimal, monthly_fee: Decimal, months: int, one_off_fee: Decimal = _ZERO) -> Schedule:
    """等本等息（分期手续费）：每期还 本金/期数 + 本金 × 月费率，费用始终按原始本金收（loan-math §2.5）。

    一次性手续费 ``one_off_fee`` 随第一期收取。“利息”一栏即手续费。

    借12000元分12期、每期手续费0.6%，每期还多少？

    >>> flat(Decimal(12000), Decimal("0.006"), 12).instalments[0].payment
    Decimal('1072.00')
    """
    _check(principal, monthly_fee, months)
    if not isinstance(one_off_fee, Decimal) or not one_off_fee.is_finite() or one_off_fee < 0:
        raise InputError("one_off_fee", "一次性手续费：必须是不小于 0 的金额。")
    p = fen(principal)
    with localcontext(prec=40):
        fees = _split(fen(p * monthly_fee * months), months)
        fees[0] += fen(one_off_fee)
        balance = p
        rows: list[Instalment] = []
        for k, (part, fee) in enumerate(zip(_split(p, months), fees, strict=True), start=1):
            balance -= part
            rows.append(Instalment(k, part + fee, part, fee, balance))
    conventions = [
        "每期手续费 = 原始本金 × 月费率（不随本金减少而减少），总额四舍五入到分，尾数计入最后一期。",
        "每期本金 = 本金 ÷ 期数，精确到分，尾数计入最后一期。",
    ]
    if one_off_fee:
        conventions.append("一次性手续费随第一期收取。")
    warning = "等本等息的手续费始终按原始本金收取，真实年化利率远高于“月费率 × 12”（12期时约为 1.8 倍）。"
    return _finish("flat", principal, rows, conventions, [warning])


def add_months(start: datetime.date, months: int) -> datetime.date:
    """同日对月：start 之后第 months 个月的同一天；该月没有这一天时取月末。

    >>> add_months(datetime.date(2025, 1, 31), 1)
    datetime.date(2025, 2, 28)
    """
    y, m = divmod(start.month - 1 + months, 12)
    year, month = start.year + y, m + 1
    return datetime.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def daily_equal_principal(
    principal: Decimal, daily_rate: Decimal, months: int, start: datetime.date
) -> Schedule:
    """按日计息的等额本金（借呗、微粒贷一类）：每月同日还款，利息 = 剩余本金 × 日利率 × 实际天数（loan-math §3）。

    2025年1月1日借2500元、日息0.05%、分5个月等额本金，总利息多少？

    >>> daily_equal_principal(Decimal(2500), Decimal("0.0005"), 5, datetime.date(2025, 1, 1)).total_interest
    Decimal('112.75')
    """
    _check(principal, daily_rate, months)
    balance = fen(principal)
    rows: list[Instalment] = []
    previous = start
    with localcontext(prec=40):
        for k, part in enumerate(_split(balance, months), start=1):
            due = add_months(start, k)
            interest = fen(balance * daily_rate * (due - previous).days)
            balance -= part
            rows.append(Instalment(k, part + interest, part, interest, balance, due))
            previous = due
    conventions = [
        "利息 = 期初剩余本金 × 日利率 × 实际天数（算头不算尾），四舍五入到分。",
        "每月同一天还款；该月没有这一天时在月末还款。",
    ]
    return _finish("equal-principal", principal, rows, conventions)


def build(method: str, principal: Decimal, annual_rate: Decimal, term: int, day_basis: int = 360) -> Schedule:
    """按还款方式键生成还款计划（调度函数）。

    ``annual_rate`` 是名义年利率（小数）；除 "bullet" 外 ``term`` 是月数，月利率 = 年利率 ÷ 12；
    "bullet" 的 ``term`` 是天数；"flat" 的 ``annual_rate`` 按“月费率 × 12”理解。
    """
    if method not in METHODS:
        raise InputError(
            "method", "还款方式：只能是 等额本息、等额本金、先息后本、一次性还本付息 或 等本等息。"
        )
    if method == "bullet":
        return bullet(principal, annual_rate, term, day_basis)
    with localcontext(prec=40):
        monthly = annual_rate / 12
    return {
        "annuity": annuity,
        "equal-principal": equal_principal,
        "interest-only": interest_only,
        "flat": flat,
    }[method](principal, monthly, term)
