"""金额（人民币元）：Decimal 金额、四舍五入到分，以及中国用户常见写法的解析。

能读懂的写法：``12000``、``12,000``、``12，000``、``1.2万``、``3千``、``¥3000``、``￥3000``、
``3000元``、``3000 元``、全角数字 ``１２０００``，前后空格。其他输入一律抛出
:class:`calculators.errors.InputError`，提示用中文写明字段名称和允许的范围。
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, localcontext

from .errors import InputError

__all__ = [
    "FEN",
    "MAX_MONEY",
    "MAX_YEAR",
    "MIN_YEAR",
    "fen",
    "parse_money",
    "parse_int",
    "parse_date",
    "format_money",
    "format_yuan_words",
    "normalize_text",
    "format_date_cn",
]

FEN = Decimal("0.01")
MAX_MONEY = Decimal("100000000")  # 1亿元
MIN_YEAR = 1950
MAX_YEAR = 2100  # 读入的年份范围（日期、年月、证据时间）；推算出的月份可以更晚
MAX_INPUT_LENGTH = 64

_MULTIPLIERS = {
    "亿": Decimal("100000000"),
    "万": Decimal("10000"),
    "千": Decimal("1000"),
    "百": Decimal("100"),
}
_NUMBER = re.compile(r"^([+-]?)([0-9]+(?:\.[0-9]*)?|\.[0-9]+)$")
_GROUPED = re.compile(r"(?<![0-9,])[0-9]{1,3}(?:,[0-9]{3})+(?![0-9,])")
"""Thousands separators as people write them: 12,000 or 1,234,567.89 — never 1,2,3 or 12,00."""
_INT = re.compile(r"^\+?[0-9]{1,12}$")
_DATE = re.compile(r"^([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*[日号]?$")
_DATE_COMPACT = re.compile(r"^([0-9]{4})([0-9]{2})([0-9]{2})$")


def fen(x: Decimal) -> Decimal:
    """四舍五入到分（精确到 0.01 元，ROUND_HALF_UP）。

    >>> fen(Decimal("888.4879"))
    Decimal('888.49')
    >>> fen(Decimal("0.005"))
    Decimal('0.01')
    """
    with localcontext(prec=50):
        return Decimal(x).quantize(FEN, rounding=ROUND_HALF_UP)


def normalize_text(text: object) -> str:
    """统一全角/半角（NFKC），去掉首尾空白；不是字符串时返回空串。"""
    if not isinstance(text, str):
        return ""
    t = unicodedata.normalize("NFKC", text)
    return t.replace("\u2212", "-").replace("\u3000", " ").strip()


def format_money(x: Decimal) -> str:
    """金额显示：千分位、两位小数（元）。

    >>> format_money(Decimal("12000"))
    '12,000.00'
    >>> format_money(Decimal("1234567.891"))
    '1,234,567.89'
    """
    return f"{fen(x):,.2f}"


def format_yuan_words(x: Decimal) -> str:
    """把整万、整亿的金额写成“1亿元”“5万元”，其他写成“12,000.00元”。"""
    x = Decimal(x)
    for unit, size in (("亿", Decimal("100000000")), ("万", Decimal("10000"))):
        if x >= size and x % size == 0:
            return f"{(x / size).normalize():f}{unit}元"
    if x == x.to_integral_value():
        return f"{int(x)}元"
    return f"{format_money(x)}元"


def format_date_cn(d: datetime.date) -> str:
    """中文日期：2025年5月20日。

    >>> format_date_cn(datetime.date(2025, 5, 20))
    '2025年5月20日'
    """
    return f"{d.year}年{d.month}月{d.day}日"


def _money_range_message(label: str, allow_zero: bool, allow_negative: bool, maximum: Decimal) -> str:
    if allow_negative:
        low = f"-{format_yuan_words(maximum)}"
    else:
        low = "0元" if allow_zero else "大于0元"
    return f"{label}：请输入 {low} 到 {format_yuan_words(maximum)} 之间的金额，例如 12000、1.2万、¥3,000。"


def parse_money(
    text: str,
    field: str,
    label: str,
    *,
    allow_zero: bool = True,
    allow_negative: bool = False,
    maximum: Decimal = MAX_MONEY,
) -> Decimal:
    """解析金额（元）：把“1.2万”“¥3,000”“３０００元”等写法读成 Decimal，四舍五入到分。

    借款写的是“1.2万”，到底是多少元？

    >>> parse_money("1.2万", "principal", "借款本金")
    Decimal('12000.00')
    >>> parse_money("￥3，000 元", "principal", "借款本金")
    Decimal('3000.00')
    >>> parse_money("1,2,3", "principal", "借款本金")
    Traceback (most recent call last):
    ...
    calculators.errors.InputError: principal: 借款本金：看不懂“1,2,3”里的逗号。千位分隔要每三位一个（例如 12,000）；如果是几笔钱，请分开填写。
    >>> parse_money("abc", "principal", "借款本金")
    Traceback (most recent call last):
    ...
    calculators.errors.InputError: principal: 借款本金：请输入 0元 到 1亿元 之间的金额，例如 12000、1.2万、¥3,000。
    """
    message = _money_range_message(label, allow_zero, allow_negative, maximum)
    t = normalize_text(text)
    if not t:
        raise InputError(field, f"{label}：不能为空。" + message.split("：", 1)[1])
    if len(t) > MAX_INPUT_LENGTH:
        raise InputError(field, message)
    t = t.replace(" ", "")
    if "," in t:
        if not _GROUPED.search(t):
            raise InputError(field, f"{label}：看不懂“{t[:20]}”里的逗号。千位分隔要每三位一个（例如 12,000）；"
                                    "如果是几笔钱，请分开填写。")
        t = t.replace(",", "")
    sign = ""
    if t[:1] in "+-":
        sign, t = t[:1], t[1:]
    for prefix in ("¥", "RMB", "rmb", "人民币", "CNY", "cny"):
        if t.startswith(prefix):
            t = t[len(prefix) :]
    for suffix in ("人民币", "块钱", "块", "元", "圆"):
        if t.endswith(suffix):
            t = t[: -len(suffix)]
            break
    multiplier = Decimal(1)
    if t and t[-1] in _MULTIPLIERS:
        multiplier = _MULTIPLIERS[t[-1]]
        t = t[:-1]
    m = _NUMBER.match(sign + t)
    if not m:
        raise InputError(field, message)
    with localcontext(prec=50):
        value = Decimal(m.group(2)) * multiplier
        if m.group(1) == "-":
            value = -value
        if value < 0 and not allow_negative:
            raise InputError(field, f"{label}：不能是负数。" + message.split("：", 1)[1])
        if abs(value) > maximum:
            raise InputError(field, message)
        value = fen(value)
        if value == 0 and not allow_zero:
            raise InputError(field, f"{label}：必须大于0。" + message.split("：", 1)[1])
    return value


def parse_int(text: str, field: str, label: str, *, minimum: int, maximum: int) -> int:
    """解析整数（期数、天数、月数）：接受“12”“１２”“12期”“12个月”“12 天”。

    分12期还，期数是多少？

    >>> parse_int("12期", "months", "期数", minimum=1, maximum=600)
    12
    >>> parse_int("１２个月", "months", "期数", minimum=1, maximum=600)
    12
    """
    message = f"{label}：请输入 {minimum} 到 {maximum} 之间的整数，例如 12。"
    t = normalize_text(text)
    if not t:
        raise InputError(field, f"{label}：不能为空。" + message.split("：", 1)[1])
    t = t.replace(" ", "")
    for suffix in ("个月", "期", "月", "天", "日", "次", "个"):
        if t.endswith(suffix):
            t = t[: -len(suffix)]
            break
    if not _INT.match(t):
        raise InputError(field, message)
    value = int(t)
    if value < minimum or value > maximum:
        raise InputError(field, message)
    return value


def parse_date(text: str, field: str, label: str) -> datetime.date:
    """解析日期：接受“2025-06-01”“2025/6/1”“2025.6.1”“2025年6月1日”“20250601”。

    >>> parse_date("2025年6月1日", "contract_date", "签约日期")
    datetime.date(2025, 6, 1)
    """
    message = f"{label}：请输入 {MIN_YEAR} 年到 {MAX_YEAR} 年之间的有效日期，例如 2025-06-01 或 2025年6月1日。"
    t = normalize_text(text)
    if not t:
        raise InputError(field, f"{label}：不能为空。" + message.split("：", 1)[1])
    m = _DATE.match(t) or _DATE_COMPACT.match(t)
    if not m:
        raise InputError(field, message)
    y, mo, d = (int(g) for g in m.groups())
    if not MIN_YEAR <= y <= MAX_YEAR:
        raise InputError(field, message)
    try:
        return datetime.date(y, mo, d)
    except ValueError:
        raise InputError(field, message) from None
