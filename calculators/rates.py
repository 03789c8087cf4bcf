"""利率：解析（年化/月息/日息、“万五”、“月息1分”、手续费）、换算，以及按内部收益率（IRR）计算的真实年化利率。

换算约定（银发〔2005〕129号）：日利率 = 年利率 ÷ 360，月利率 = 年利率 ÷ 12；计息天数基准 360 或 365
作为参数（默认 360）。真实年化利率按中国人民银行公告〔2021〕第3号：名义年化 = 12 × 月 IRR，
实际（复利）年化 = (1 + 月 IRR)^12 − 1。见 loan-math.md §2.5–2.7、§3。
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, localcontext

from . import schedules
from .errors import InputError
from .money import fen, normalize_text

__all__ = [
    "Rate",
    "parse_rate",
    "format_percent",
    "irr",
    "AprResult",
    "apr_of_payments",
    "flat_fee_apr",
    "DailyAprResult",
    "xirr_days",
    "daily_loan_apr",
    "MAX_ANNUAL_RATE",
]

PERIODS = ("day", "month", "year")
PERIOD_LABELS = {"day": "日利率", "month": "月利率", "year": "年利率"}
MAX_ANNUAL_RATE = Decimal(10)  # 1000% a year
_PREC = 40


@dataclass(frozen=True)
class Rate:
    """利率：每期的小数利率（万五 = 0.0005/日）、计息周期，以及是否按原始本金收取（月费率/手续费，等本等息）。"""

    value: Decimal
    period: str
    flat: bool = False

    def annual(self, day_basis: int = 360) -> Decimal:
        """名义年利率（单利换算）：日利率 × 360（或 365）、月利率 × 12。

        >>> Rate(Decimal("0.0005"), "day").annual(), Rate(Decimal("0.0005"), "day").annual(365)
        (Decimal('0.1800'), Decimal('0.1825'))
        """
        _check_basis(day_basis)
        with localcontext(prec=_PREC):
            return self.value * {"day": day_basis, "month": 12, "year": 1}[self.period]

    def monthly(self, day_basis: int = 360) -> Decimal:
        """月利率：年利率 ÷ 12；日利率按 日利率 × 天数基准 ÷ 12（360 时即 × 30）。"""
        if self.period == "month":
            return self.value
        with localcontext(prec=_PREC):
            return self.annual(day_basis) / 12

    def daily(self, day_basis: int = 360) -> Decimal:
        """日利率：年利率 ÷ 360（或 365）。"""
        if self.period == "day":
            return self.value
        with localcontext(prec=_PREC):
            return self.annual(day_basis) / day_basis

    def describe(self) -> str:
        """中文描述，例如“月费率 0.60%（按原始本金收取）”。"""
        name = "月费率" if self.flat and self.period == "month" else PERIOD_LABELS[self.period]
        text = f"{name} {format_percent(self.value, places=self._places())}"
        return text + ("（按原始本金收取）" if self.flat else "")

    def _places(self) -> int:
        return 3 if self.period == "day" else 2


def _check_basis(day_basis: int) -> None:
    if day_basis not in (360, 365):
        raise InputError("day_basis", "计息天数基准：只能是 360 或 365。")


def format_percent(x: Decimal, places: int = 2) -> str:
    """百分比显示：小数 0.130312 → "13.03%"（四舍五入）。

    >>> format_percent(Decimal("0.130312"))
    '13.03%'
    >>> format_percent(Decimal("0.0005"), places=3)
    '0.050%'
    """
    with localcontext(prec=_PREC):
        q = (Decimal(x) * 100).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if q == 0:
        q = abs(q)
    return f"{q}%"


# ---------------------------------------------------------------- parsing

_PREFIXES = (  # (text, period or None, flat)
    ("年化利率", "year", False),
    ("年化", "year", False),
    ("年利率", "year", False),
    ("年息", "year", False),
    ("年利", "year", False),
    ("月费率", "month", True),
    ("月手续费率", "month", True),
    ("月手续费", "month", True),
    ("月利率", "month", False),
    ("月息", "month", False),
    ("月利", "month", False),
    ("日利率", "day", False),
    ("日息", "day", False),
    ("日利", "day", False),
    ("分期手续费率", None, True),
    ("分期手续费", None, True),
    ("每期手续费", None, True),
    ("手续费率", None, True),
    ("手续费", None, True),
    ("费率", None, True),
    ("利率", None, False),
    ("利息", None, False),
    ("每月", "month", False),
    ("每天", "day", False),
    ("每日", "day", False),
    ("每年", "year", False),
    ("年", "year", False),
    ("月", "month", False),
    ("日", "day", False),
)
_SUFFIXES = (
    ("/天", "day"),
    ("/日", "day"),
    ("/月", "month"),
    ("/期", "month"),
    ("/年", "year"),
    ("每天", "day"),
    ("每日", "day"),
    ("每月", "month"),
    ("每期", "month"),
    ("每年", "year"),
    ("一天", "day"),
    ("一个月", "month"),
    ("一年", "year"),
)
_CN_DIGITS = {
    "一": "1",
    "二": "2",
    "两": "2",
    "三": "3",
    "四": "4",
    "五": "5",
    "六": "6",
    "七": "7",
    "八": "8",
    "九": "9",
    "十": "10",
    "半": "0.5",
}
_NUM = r"([0-9]+(?:\.[0-9]+)?|\.[0-9]+|[一二两三四五六七八九十半])"
_PATTERNS = (  # (regex, divisor, implied period, kind)
    (re.compile(rf"^(?:百分之){_NUM}$"), 100, None, "pct"),
    (re.compile(rf"^{_NUM}%$"), 100, None, "pct"),
    (re.compile(rf"^{_NUM}$"), 100, None, "pct"),
    (re.compile(rf"^{_NUM}‰$"), 1000, None, "pct"),
    (re.compile(rf"^(?:万分之|万){_NUM}$"), 10000, "day", "wan"),
    (re.compile(rf"^千分之{_NUM}$"), 1000, None, "pct"),
    (re.compile(rf"^{_NUM}分(?:利|息)?$"), None, "month", "fen"),
    (re.compile(rf"^{_NUM}厘(?:利|息)?$"), None, "month", "li"),
)


def _rate_message(label: str) -> str:
    return (
        f"{label}：请输入 0 到 1000%（折合年利率）之间的利率，例如 18%、年化18%、日息0.05%、万五、"
        "月息1分、手续费0.6%/月。"
    )


def parse_rate(
    text: str, field: str, label: str, *, default_period: str = "year", allow_zero: bool = True
) -> Rate:
    """解析利率：年化/年利率、月息/月利率、日息/日利率、“万五”“万分之五”、“月息1分”“1.5分”、月费率/手续费。

    没写百分号的数字按百分数理解（“18” = 18%）；没写周期时用 ``default_period``，但“万五”默认按日、
    “1分”默认按月、手续费/费率默认按月且按原始本金收取（flat）。

    日息万五，年化是多少？

    >>> r = parse_rate("日息万五", "rate", "利率")
    >>> r, format_percent(r.annual()), format_percent(r.annual(365))
    (Rate(value=Decimal('0.0005'), period='day', flat=False), '18.00%', '18.25%')
    >>> parse_rate("手续费0.6%/月", "rate", "利率")
    Rate(value=Decimal('0.006'), period='month', flat=True)
    >>> parse_rate("月息1分", "rate", "利率")
    Rate(value=Decimal('0.01'), period='month', flat=False)
    """
    if default_period not in PERIODS:
        raise ValueError(f"default_period must be one of {PERIODS}")
    message = _rate_message(label)
    t = normalize_text(text).replace(" ", "")
    if not t:
        raise InputError(field, f"{label}：不能为空。" + message.split("：", 1)[1])
    if len(t) > 40:
        raise InputError(field, message)
    period: str | None = None
    flat = False
    for _ in range(2):  # e.g. "年化利率" or "月费率" then nothing; "日息" + "万五"
        for prefix, p, f in _PREFIXES:
            if t.startswith(prefix) and len(t) > len(prefix):
                if p and period and p != period:
                    raise InputError(field, message)
                period = p or period
                flat = flat or f
                t = t[len(prefix) :]
                break
        else:
            break
    for suffix, p in _SUFFIXES:
        if t.endswith(suffix) and len(t) > len(suffix):
            if period and p != period:
                raise InputError(field, message)
            period = p
            t = t[: -len(suffix)]
            break
    if t.endswith("单利"):
        t = t[:-2]
    value = None
    for regex, divisor, implied, kind in _PATTERNS:
        m = regex.match(t)
        if not m:
            continue
        number = Decimal(_CN_DIGITS.get(m.group(1), m.group(1)))
        if kind in ("fen", "li"):
            period = period or implied
            # 月息1分 = 1%/月，年息1分 = 10%/年；厘是分的十分之一
            if period == "month":
                divisor = 100 if kind == "fen" else 1000
            elif period == "year":
                divisor = 10 if kind == "fen" else 100
            else:
                raise InputError(field, f"{label}：日息请写成百分数或“万五”，例如 日息0.05%。")
        else:
            period = period or (implied if not flat else "month") or default_period
        with localcontext(prec=_PREC):
            value = number / divisor
        break
    if value is None:
        raise InputError(field, message)
    if flat and period is None:
        period = "month"
    rate = Rate(value, period or default_period, flat)
    if rate.annual(365) > MAX_ANNUAL_RATE:
        raise InputError(field, message)
    if value == 0 and not allow_zero:
        raise InputError(field, f"{label}：必须大于0。" + message.split("：", 1)[1])
    return rate


# ---------------------------------------------------------------- IRR


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
    return AprResult(
        apr,
        effective,
        m,
        fen(net_received),
        fen(total),
        fen(total - net_received),
        list(payments),
        [],
        list(_APR_CONVENTIONS),
    )


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
    """按日 XIRR：解 net_received = Σ CF_j / (1+d)^{天数_j}，再按 × 365 和 × 360 折算年化（loan-math §2.6、§3）。"""
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
