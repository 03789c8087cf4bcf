"""利率：解析（年化/月息/日息、“万五”、“月息1分”、手续费）和换算。

换算约定（银发〔2005〕129号）：日利率 = 年利率 ÷ 360，月利率 = 年利率 ÷ 12；计息天数基准 360 或 365
作为参数（默认 360）。写法的读法见 CONVENTIONS.md §2、§3；真实年化利率（IRR）在 :mod:`calculators.irr`。
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext

from .errors import InputError
from .money import SPACE_BETWEEN_DIGITS, echo, normalize_text
from .numerals import DIGIT_CHARS, NUMBER_CHARS, RAISED, NumeralError, digit_value, imprecise, read_number

__all__ = ["MAX_ANNUAL_RATE", "PERIODS", "PERIOD_LABELS", "Rate", "format_percent", "parse_rate"]

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
    >>> format_percent(Decimal("123456789012345678901234567890123456789012"))
    '12345678901234567890123456789012345678901200.00%'
    """
    x = Decimal(x)
    # Enough digits for absurd rates too (到手 1 元、要还 1 万元): quantize needs every integer digit.
    with localcontext(prec=max(_PREC, x.adjusted() + places + 5)):
        q = (x * 100).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
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
_N = rf"([{NUMBER_CHARS}]+|半)"
"""A number as rates are written: 18, 0.05, 十八, 十八点五, 五, 半 (read by :func:`calculators.numerals.read_number`)."""
_PATTERNS = (  # (regex, divisor, implied period, kind)
    (re.compile(rf"^(?:百分之){_N}$"), 100, None, "pct"),
    (re.compile(rf"^{_N}%$"), 100, None, "pct"),
    (re.compile(rf"^{_N}$"), 100, None, "pct"),
    (re.compile(rf"^{_N}‰$"), 1000, None, "pct"),
    (re.compile(rf"^(?:万分之|万){_N}$"), 10000, "day", "wan"),
    (re.compile(rf"^千分之{_N}$"), 1000, None, "pct"),
    (re.compile(rf"^{_N}分(?:([{DIGIT_CHARS}])厘?|(半))?(?:利|息)?$"), None, "month", "fen"),
    (re.compile(rf"^{_N}厘(?:利|息)?$"), None, "month", "li"),
)
_EXAMPLES = "18%、年化18%、百分之十八、日息0.05%、万五、月息1分、一分五、手续费0.6%/月"


def _rate_message(label: str) -> str:
    return f"{label}：请输入 0 到 1000%（折合年利率）之间的利率，例如 {_EXAMPLES}。"


def _number(m: re.Match) -> Decimal:
    """The number a pattern matched; “一分五”“1分5厘”“一分半” add tenths of a 分."""
    number = Decimal("0.5") if m.group(1) == "半" else read_number(m.group(1))
    tenths = m.group(2) if m.re.groups >= 2 else None
    half = m.group(3) if m.re.groups >= 3 else None
    if (tenths or half) and number != number.to_integral_value():
        raise NumeralError()
    if tenths:
        number += Decimal(digit_value(tenths)) / 10
    return number + (Decimal("0.5") if half else 0)


def parse_rate(
    text: str, field: str, label: str, *, default_period: str = "year", allow_zero: bool = True
) -> Rate:
    """解析利率：年化/年利率、月息/月利率、日息/日利率、“万五”“万分之五”、“月息1分”“1.5分”、月费率/手续费。

    数字可以用中文写（百分之十八、百分之十八点五、万分之二点五、月息一分五 = 1.5分），读法同金额
    （:func:`calculators.numerals.read_number`）；“左右”“多”这类不确切的说法不猜。

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
    >>> parse_rate("年化百分之二十四", "rate", "利率"), parse_rate("月息一分五", "rate", "利率")
    (Rate(value=Decimal('0.24'), period='year', flat=False), Rate(value=Decimal('0.015'), period='month', flat=False))
    """
    if default_period not in PERIODS:
        raise ValueError(f"default_period must be one of {PERIODS}")
    advice = _rate_message(label).split("：", 1)[1]
    spaced = normalize_text(text)
    t = spaced.replace(" ", "")
    if not t:
        raise InputError(field, f"{label}：不能为空。{advice}")
    shown = echo(t)

    def refuse(said: str = "") -> InputError:
        return InputError(field, f"{label}：{said or f'看不懂“{shown}”'}。{advice}")

    if RAISED.search(text):  # 2³% is not 23%
        raise refuse(f"看不懂“{echo(text.strip())}”")
    if SPACE_BETWEEN_DIGITS.search(spaced):  # “5 8%” is not 58%
        raise refuse(f"“{echo(spaced)}”里数字中间有空格，看不出是哪个数")

    if len(t) > 40:
        raise refuse(f"“{shown}”太长了，看不懂")
    if imprecise(t):
        raise refuse(f"“{shown}”{imprecise(t)}")
    period: str | None = None
    flat = False
    for _ in range(2):  # e.g. "年化利率" or "月费率" then nothing; "日息" + "万五"
        for prefix, p, f in _PREFIXES:
            if t.startswith(prefix) and len(t) > len(prefix):
                if p and period and p != period:
                    raise refuse(f"“{shown}”里写了两个不同的周期")
                period = p or period
                flat = flat or f
                t = t[len(prefix) :]
                break
        else:
            break
    for suffix, p in _SUFFIXES:
        if t.endswith(suffix) and len(t) > len(suffix):
            if period and p != period:
                raise refuse(f"“{shown}”里写了两个不同的周期")
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
        try:
            number = _number(m)
        except NumeralError as e:
            raise refuse(e.said(shown)) from None
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
        raise refuse()
    if flat and period is None:
        period = "month"
    rate = Rate(value, period or default_period, flat)
    if rate.annual(365) > MAX_ANNUAL_RATE:
        raise refuse(f"“{shown}”超出了范围")
    if value == 0 and not allow_zero:
        raise InputError(field, f"{label}：必须大于0。{advice}")
    return rate
