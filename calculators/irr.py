"""真实年化利率（内部收益率 IRR）：按中国人民银行公告〔2021〕第3号，以实际到手的钱为基数、按每期还款后的剩余
本金计算。名义年化 = 12 × 月 IRR，实际（复利）年化 = (1 + 月 IRR)^12 − 1；按日计息的贷款用日 IRR × 365（或 360）。
求解方法和取舍见 CONVENTIONS.md §5。
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, localcontext

from . import schedules
from .errors import InputError
from .money import fen
from .rates import format_percent

__all__ = ["AprResult", "DailyAprResult", "apr_of_payments", "daily_loan_apr", "flat_fee_apr", "irr", "xirr_days"]

_PREC = 40


def _pv(rate: Decimal, payments: list[Decimal], times: list[Decimal]) -> Decimal:
    one = 1 + rate
    return sum((p / one**t for p, t in zip(payments, times, strict=True)), Decimal(0))


def irr(net_received: Decimal, payments: list[Decimal], times: list | None = None) -> Decimal | None:
    """内部收益率（IRR，每期）：解 net_received = Σ payments_k / (1+m)^t_k，用二分法在有符号变化的区间内求根。

    ``times`` 默认是 1, 2, …, n（按期）；也可以是天数等任意非负时点。还款总额低于实际到手金额
    （即不存在不小于 0 的利率）或找不到区间时返回 None。

    到手99000元，每月还8833.3元、还12个月，月利率是多少？

    >>> m = irr(Decimal(99000), [Decimal("8833.3")] * 12)
    >>> format_percent(m * 12), format_percent((1 + m) ** 12 - 1)
    ('12.80%', '13.58%')
    """
    if not isinstance(net_received, Decimal) or not net_received.is_finite() or net_received <= 0:
        return None
    if not payments:
        return None
    times = list(range(1, len(payments) + 1)) if times is None else list(times)
    if len(times) != len(payments):
        raise ValueError("payments and times must have the same length")
    if any(not isinstance(p, Decimal) or not p.is_finite() or p < 0 for p in payments):
        return None
    times = [Decimal(t) for t in times]
    if any(t < 0 for t in times) or all(t == 0 for t in times):
        return None
    with localcontext(prec=_PREC):
        total = sum(payments, Decimal(0))
        if total < net_received:
            return None
        if total == net_received:
            return Decimal(0)
        lo, hi = Decimal(0), Decimal(1)
        while _pv(hi, payments, times) > net_received:  # PV falls as the rate rises
            lo, hi = hi, hi * 2
            if hi > 10**6:
                return None
        tolerance = Decimal("1e-22")
        for _ in range(300):
            mid = (lo + hi) / 2
            if _pv(mid, payments, times) > net_received:
                lo = mid
            else:
                hi = mid
            if hi - lo < tolerance:
                break
        return (lo + hi) / 2


@dataclass(frozen=True)
class AprResult:
    """真实年化利率（人民银行公告〔2021〕第3号 口径）：名义年化 = 12 × 月 IRR，实际年化 = (1+月IRR)^12 − 1。"""

    apr: Decimal
    effective_annual: Decimal
    monthly_irr: Decimal
    net_received: Decimal
    total_paid: Decimal
    total_cost: Decimal
    payments: list[Decimal]
    warnings: list[str] = field(default_factory=list)
    conventions: list[str] = field(default_factory=list)


_APR_CONVENTIONS = [
    "按中国人民银行公告〔2021〕第3号：年化利率以实际到手的本金为基数，按每期还款后的剩余本金计算（内部收益率法）。",
    "名义年化利率 = 月内部收益率 × 12；实际年化利率（复利）=（1 + 月内部收益率）^12 − 1。",
    "每期按一个月计，不按实际天数加权。",
]


ABSURD_APR = Decimal(10)
"""Above 1000% a year the reader most likely mistyped something (or holds a 714-style loan): say both."""
ABSURD_APR_WARNING = ("真实年化超过 1000%：请先核对“实际到手金额”和每期还款有没有填错；如果没填错，"
                      "这笔借款的成本远远超过法律保护的范围，可以看“利率上限”一页。")


def apr_of_payments(net_received: Decimal, payments: list[Decimal]) -> AprResult:
    """任意按月还款计划的真实年化利率（IRR 法，人民银行公告〔2021〕第3号）。

    借10万元、先扣1000元服务费（到手99000元），每月还8833.3元、还12期，真实年化是多少？

    >>> r = apr_of_payments(Decimal(99000), [Decimal("8833.3")] * 12)
    >>> format_percent(r.apr), format_percent(r.effective_annual)
    ('12.80%', '13.58%')
    """
    if not isinstance(net_received, Decimal) or not net_received.is_finite() or net_received <= 0:
        raise InputError("net_received", "实际到手金额：必须大于 0。")
    if not payments or len(payments) > 1200:
        raise InputError("payments", "还款计划：请至少填写一期、最多 1200 期还款。")
    if any(not isinstance(p, Decimal) or not p.is_finite() or p < 0 for p in payments):
        raise InputError("payments", "每期还款额：必须是不小于 0 的金额。")
    m = irr(net_received, payments)
    if m is None:
        raise InputError("payments", "还款计划：还款总额低于实际到手金额，无法计算借款年化利率。")
    with localcontext(prec=_PREC):
        apr = m * 12
        effective = (1 + m) ** 12 - 1
        total = sum(payments, Decimal(0))
    warnings = [ABSURD_APR_WARNING] if apr > ABSURD_APR else []
    return AprResult(
        apr,
        effective,
        m,
        fen(net_received),
        fen(total),
        fen(total - net_received),
        list(payments),
        warnings,
        list(_APR_CONVENTIONS),
    )


def _check_principal(principal: Decimal) -> None:
    """No loan, no rate: a principal of 0 is the principal's error, not the net amount's."""
    if not isinstance(principal, Decimal) or not principal.is_finite() or principal <= 0:
        raise InputError("principal", "借款本金：请输入大于0元到1亿元之间的金额，例如 12000 或 1.2万。")


def flat_fee_apr(
    principal: Decimal,
    months: int,
    monthly_fee: Decimal,
    *,
    one_off_fee: Decimal = Decimal(0),
    net_received: Decimal | None = None,
) -> AprResult:
    """等本等息（分期手续费）的真实年化利率：每期还 本金/期数 + 本金 × 月费率，用 IRR 折算年化。

    ``one_off_fee``（一次性手续费）随第一期收取；如果手续费在放款时就被扣掉（砍头息），
    把 ``net_received`` 设为实际到手金额，利率按实际到手的钱计算。

    借12000元分12期、每期手续费0.6%，真实年化是多少？

    >>> r = flat_fee_apr(Decimal(12000), 12, Decimal("0.006"))
    >>> r.payments[0], format_percent(r.apr), format_percent(r.effective_annual)
    (Decimal('1072.00'), '13.03%', '13.84%')
    """
    _check_principal(principal)
    schedule = schedules.flat(principal, monthly_fee, months, one_off_fee)
    received = schedule.principal if net_received is None else net_received
    if net_received is not None and (
        not isinstance(net_received, Decimal) or net_received > schedule.principal
    ):
        raise InputError("net_received", "实际到手金额：不能超过借款本金。")
    result = apr_of_payments(received, schedule.payments)
    warnings = list(result.warnings)
    with localcontext(prec=_PREC):
        nominal = monthly_fee * 12
    warnings.insert(
        0,
        f"宣传的“月费率 {format_percent(monthly_fee)}”看起来像年化 {format_percent(nominal)}，"
        f"但手续费始终按原始本金收，真实年化约为 {format_percent(result.apr)}。",
    )
    if net_received is not None and net_received < schedule.principal:
        warnings.append(
            "放款时预先扣除费用或利息（砍头息）：《民法典》第六百七十条规定，利息预先扣除的，按实际借款数额计算本金。"
        )
    return AprResult(
        result.apr,
        result.effective_annual,
        result.monthly_irr,
        result.net_received,
        result.total_paid,
        result.total_cost,
        result.payments,
        warnings,
        result.conventions + schedule.conventions,
    )


# ---------------------------------------------------------------- daily products


@dataclass(frozen=True)
class DailyAprResult:
    """按日计息产品的真实年化利率：按天数做 XIRR，日 IRR × 365 与 × 360 两种折算都给出。"""

    daily_irr: Decimal
    apr_365: Decimal
    apr_360: Decimal
    effective_annual: Decimal
    total_interest: Decimal
    total_paid: Decimal
    schedule: schedules.Schedule | None = None
    warnings: list[str] = field(default_factory=list)
    conventions: list[str] = field(default_factory=list)


def xirr_days(
    net_received: Decimal, start: datetime.date, dated_payments: list[tuple[datetime.date, Decimal]]
) -> DailyAprResult:
    """按日 XIRR：解 net_received = Σ CF_j / (1+d)^{天数_j}，再按 × 365 和 × 360 折算年化（CONVENTIONS.md §5）。"""
    if not dated_payments:
        raise InputError("payments", "还款计划：请至少填写一期还款。")
    times = [(d - start).days for d, _ in dated_payments]
    if any(t < 0 for t in times):
        raise InputError("payments", "还款日期：不能早于借款日期。")
    amounts = [a for _, a in dated_payments]
    d = irr(net_received, amounts, times)
    if d is None:
        raise InputError("payments", "还款计划：还款总额低于实际到手金额，无法计算借款年化利率。")
    with localcontext(prec=_PREC):
        total = sum(amounts, Decimal(0))
        result = DailyAprResult(
            d,
            d * 365,
            d * 360,
            (1 + d) ** 365 - 1,
            fen(total - net_received),
            fen(total),
            None,
            [],
            [
                "按实际天数计算内部收益率（XIRR），日 IRR × 365 与 × 360 两种年化都列出；"
                "不同机构用的天数基准不同。",
                "实际年化（复利）=（1 + 日 IRR）^365 − 1。",
            ],
        )
    return result


def daily_loan_apr(
    principal: Decimal, daily_rate: Decimal, months: int, start: datetime.date
) -> DailyAprResult:
    """日息产品（借呗、微粒贷一类）按月等额本金还款的真实年化：利息 = 剩余本金 × 日利率 × 实际天数。

    2025年1月1日借2500元、日息0.05%、分5期等额本金，总利息和年化是多少？

    >>> r = daily_loan_apr(Decimal(2500), Decimal("0.0005"), 5, datetime.date(2025, 1, 1))
    >>> r.total_interest, format_percent(r.apr_365), format_percent(r.apr_360)
    (Decimal('112.75'), '18.12%', '17.87%')
    """
    _check_principal(principal)
    schedule = schedules.daily_equal_principal(principal, daily_rate, months, start)
    base = xirr_days(schedule.principal, start, [(i.due, i.payment) for i in schedule.instalments])
    warnings = [
        f"日利率 {format_percent(daily_rate, 3)} 按 × 360 折合年利率 {format_percent(daily_rate * 360)}，"
        f"按 × 365 为 {format_percent(daily_rate * 365)}。"
    ]
    return DailyAprResult(
        base.daily_irr,
        base.apr_365,
        base.apr_360,
        base.effective_annual,
        schedule.total_interest,
        schedule.total_paid,
        schedule,
        warnings,
        base.conventions + schedule.conventions,
    )
