"""金额（人民币元）：Decimal 金额、四舍五入到分，以及中国用户常见写法的解析。

能读懂的写法：``12000``、``12,000``、``12，000``、``1.2万``、``3千``、``1w``、``2k``、``¥3000``、``￥3000``、
``3000元``、``3000 元``、全角数字 ``１２０００``，中文数字 ``两万``、``一万二``、``1万5``、``两千块``、
``人民币贰万元整``、``一块五``（读数在 :mod:`calculators.numerals`，规则见 CONVENTIONS.md §9）。其他输入一律抛出
:class:`calculators.errors.InputError`，提示用中文写明字段名称、哪里看不懂和可以怎么写。
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, localcontext

from .errors import InputError
from .numerals import DIGIT_CHARS, RAISED, NumeralError, digit_value, imprecise, read_number

__all__ = [
    "FEN",
    "MAX_MONEY",
    "MONEY_EXAMPLES",
    "echo",
    "MAX_YEAR",
    "MIN_YEAR",
    "SPACE_BETWEEN_DIGITS",
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

MONEY_EXAMPLES = "12000、1.2万、一万二、¥3,000"
"""The accepted forms every money message shows."""

_LATIN_UNITS = str.maketrans({"w": "万", "W": "万", "k": "千", "K": "千"})
_BEFORE_ZHENG = "元圆块钱角毛万萬亿億千仟百佰十拾"
_YUAN = re.compile("[元圆块]")
_JIAO_FEN = re.compile("[角毛分]")
_GROUPED = re.compile(r"(?<![0-9,])[0-9]{1,3}(?:,[0-9]{3})+(?![0-9,])")
"""Thousands separators as people write them: 12,000 or 1,234,567.89 — never 1,2,3 or 12,00."""
_SPACED = re.compile(r"[0-9]+(?: +[0-9]+)+")
_SPACE_GROUPED = re.compile(r"[0-9]{1,3}(?: [0-9]{3})+")
"""Digits split by spaces, and the one form of it that is a single number: thousands groups (12 000, 1 234 567)."""
SPACE_BETWEEN_DIGITS = re.compile(r"[0-9] +[0-9]")
"""A space between two digits: “1 5” is not 15 in a count or a rate (amounts allow thousands groups, _spaced_digits)."""
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
    return f"{label}：请输入 {low} 到 {format_yuan_words(maximum)} 之间的金额，例如 {MONEY_EXAMPLES}。"


def echo(text: str) -> str:
    """读者写的原文，放进提示里：去掉看不见的控制字符，最多 20 个字。"""
    shown = "".join(c for c in text if c.isprintable())
    return shown if len(shown) <= 20 else shown[:20] + "…"


def parse_money(
    text: str,
    field: str,
    label: str,
    *,
    allow_zero: bool = True,
    allow_negative: bool = False,
    maximum: Decimal = MAX_MONEY,
) -> Decimal:
    """解析金额（元）：把“1.2万”“一万二”“¥3,000”“贰万元整”“３０００元”等写法读成 Decimal，四舍五入到分。

    写法的规则（中文数字、1万5、两千块、壹仟贰佰叁拾肆元伍角陆分 …）见 CONVENTIONS.md §9；拿不准的写法不猜，
    提示说明哪里看不懂、可以怎么写。

    借款写的是“1.2万”，到底是多少元？借条上写的“一万二”呢？

    >>> parse_money("1.2万", "principal", "借款本金"), parse_money("一万二", "principal", "借款本金")
    (Decimal('12000.00'), Decimal('12000.00'))
    >>> parse_money("人民币贰万元整", "principal", "借款本金"), parse_money("3块5", "principal", "借款本金")
    (Decimal('20000.00'), Decimal('3.50'))
    >>> parse_money("1,2,3", "principal", "借款本金")
    Traceback (most recent call last):
    ...
    calculators.errors.InputError: principal: 借款本金：看不懂“1,2,3”里的逗号。千位分隔要每三位一个（例如 12,000）；如果是几笔钱，请分开填写。
    >>> parse_money("两万多", "principal", "借款本金")
    Traceback (most recent call last):
    ...
    calculators.errors.InputError: principal: 借款本金：“两万多”里的“多”不是一个确切的数，没法计算。请输入 0元 到 1亿元 之间的金额，例如 12000、1.2万、一万二、¥3,000。
    >>> parse_money("abc", "principal", "借款本金")
    Traceback (most recent call last):
    ...
    calculators.errors.InputError: principal: 借款本金：看不懂“abc”。请输入 0元 到 1亿元 之间的金额，例如 12000、1.2万、一万二、¥3,000。
    """
    message = _money_range_message(label, allow_zero, allow_negative, maximum)
    advice = message.split("：", 1)[1]
    t = normalize_text(text)
    if not t:
        raise InputError(field, f"{label}：不能为空。{advice}")
    shown = echo(t)
    if RAISED.search(text):  # 10² is not 102
        raise InputError(field, f"{label}：看不懂“{echo(text.strip())}”。{advice}")
    if len(t) > MAX_INPUT_LENGTH:
        raise InputError(field, f"{label}：“{shown}”太长了，看不懂。{advice}")
    if _spaced_digits(t):
        raise InputError(field, f"{label}：“{shown}”里数字中间有空格，看不出是一个数还是几笔钱；如果是几笔钱，请分开填写。"
                                f"{advice}")
    t = t.replace(" ", "")
    if "," in t:
        if not _GROUPED.search(t):
            raise InputError(field, f"{label}：看不懂“{t[:20]}”里的逗号。千位分隔要每三位一个（例如 12,000）；"
                                    "如果是几笔钱，请分开填写。")
        t = t.replace(",", "")
    problem = imprecise(t)
    if problem:
        raise InputError(field, f"{label}：“{shown}”{problem}。{advice}")
    sign = ""
    if t[:1] in ("+", "-", "负"):
        sign, t = t[:1], t[1:]
    for prefix in ("¥", "RMB", "rmb", "人民币", "CNY", "cny"):
        if t.startswith(prefix):
            t = t[len(prefix) :]
    if t.endswith("人民币"):
        t = t[:-3]
    try:
        with localcontext(prec=80):
            value = _read_yuan(t)
    except NumeralError as e:
        raise InputError(field, f"{label}：{e.said(shown)}。{advice}") from None
    with localcontext(prec=50):
        if sign in ("-", "负"):
            value = -value
        if value < 0 and not allow_negative:
            raise InputError(field, f"{label}：不能是负数。{advice}")
        if abs(value) > maximum:
            raise InputError(field, f"{label}：“{shown}”超出了范围。{advice}")
        value = fen(value)
        if value == 0 and not allow_zero:
            raise InputError(field, f"{label}：必须大于0。{advice}")
    return value


def _spaced_digits(t: str) -> bool:
    """Digits on both sides of a space that are not thousands groups (12 000): “5000 3000” is not 50003000.

    >>> _spaced_digits("5000 3000"), _spaced_digits("12 000"), _spaced_digits("两万 5千")
    (True, False, False)
    """
    for m in _SPACED.finditer(t):
        if not _SPACE_GROUPED.fullmatch(m.group()) or t[: m.start()].endswith("."):
            return True
    return False


def _read_yuan(t: str) -> Decimal:
    """元、角、分: 两千块 → 2000, 一块五 → 1.5, 壹仟贰佰叁拾肆元伍角陆分 → 1234.56, 1w → 10000."""
    t = t.translate(_LATIN_UNITS)
    if len(t) > 1 and t[-1] in "整正" and t[-2] in _BEFORE_ZHENG:
        t = t[:-1]
    if len(t) > 1 and t[-1] == "钱" and t[-2] in "块毛":
        t = t[:-1]
    mark = _YUAN.search(t)
    if mark:
        if not mark.start():
            raise NumeralError()
        return read_number(t[: mark.start()]) + _jiao_fen(t[mark.end() :], mark.group() == "块")
    if _JIAO_FEN.search(t):
        return _jiao_fen(t, False)
    return read_number(t)


def _jiao_fen(rest: str, kuai: bool) -> Decimal:
    """元后面的角、分: 伍角陆分 → 0.56, 零叁角贰分 → 0.32, 五毛五 → 0.55, 零五分 → 0.05; 块后面只写一个数是几毛（一块五）."""
    if not rest:
        return Decimal(0)
    m = re.fullmatch(rf"(?:零(?=[{DIGIT_CHARS}]角))?([{DIGIT_CHARS}])[角毛](?:([{DIGIT_CHARS}])分?)?", rest)
    if m:
        return Decimal(digit_value(m.group(1))) / 10 + Decimal(digit_value(m.group(2) or "0")) / 100
    m = re.fullmatch(rf"零?([{DIGIT_CHARS}])分", rest) or (kuai and re.fullmatch(rf"零([{DIGIT_CHARS}])", rest))
    if m:
        return Decimal(digit_value(m.group(1))) / 100
    m = re.fullmatch(rf"[{DIGIT_CHARS}]", rest)
    if m and kuai:
        return Decimal(digit_value(rest)) / 10
    if m:
        raise NumeralError(f"里“元”后面的“{rest}”是{rest}角还是{rest}分，看不出来")
    raise NumeralError()


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
    if SPACE_BETWEEN_DIGITS.search(t):  # “1 5” is not 15
        raise InputError(field, message)
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
