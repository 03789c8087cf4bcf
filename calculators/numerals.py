"""中文数字（读数）：把“两万”“一万二”“1万5”“贰万”“十八点五”读成 Decimal，金额和利率共用这一个读法。

读得懂阿拉伯数字（12000、1.5）、小写中文数字（两万、三万零五百、一百二十万）、大写数字（贰万、壹仟贰佰叁拾肆）、
两者混写（1万5、2亿3000万、1.5万、3千5百）和“点”（十八点五、一点五万）。单位后面只跟一个数字时按口语读：
一万二 = 一万二千，一千五 = 一千五百，1万5 = 15000。拿不准的写法（一万二三、两万三万、1万50 …）不猜，
抛出 :class:`NumeralError`，说明哪里看不懂；调用方（:mod:`calculators.money`、:mod:`calculators.rates`）
加上字段名和可以怎么写。规则表见 CONVENTIONS.md §9。
"""

from __future__ import annotations

import re
from decimal import Decimal, localcontext

__all__ = ["DIGITS", "DIGIT_CHARS", "NUMBER_CHARS", "RAISED", "NumeralError", "digit_value", "imprecise", "read_number"]

DIGITS = {
    "零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "两": 2, "兩": 2, "贰": 2, "貳": 2, "三": 3, "叁": 3, "參": 3,
    "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9,
    "玖": 9,
}
"""中文数字（小写和大写）→ 0–9。"""
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
DIGIT_CHARS = "0-9" + "".join(DIGITS)
"""A regex character-class body for one digit, Arabic or Chinese."""
NUMBER_CHARS = DIGIT_CHARS + "." + "".join(SMALL_UNITS) + "点"
"""A regex character-class body for a number below 万 (what a rate is written with)."""

RAISED = re.compile("[\u00b2\u00b3\u00b9\u2070-\u209f]")
"""Superscript and subscript characters: NFKC makes “10²” “102”, so the callers refuse them before normalising."""
_PLAIN = re.compile(r"[0-9]+(?:\.[0-9]*)?|\.[0-9]+")
_TOKEN = re.compile(r"[0-9]+(?:\.[0-9]+)?|\.[0-9]+|.", re.S)
_VAGUE = re.compile(r"差不多|大约|大概|左右|上下|出头|将近|不到|以上|以下|至少|最多|最少|好几|若干|超过|多|约|来|余|几|数|近")
_RANGE = re.compile(rf"[{DIGIT_CHARS}{''.join(SMALL_UNITS)}{''.join(BIG_UNITS)}%元块][-~～〜—–至到][{DIGIT_CHARS}]")


class NumeralError(ValueError):
    """读不懂的数：``problem`` 接在读者写的原文后面，说明哪里看不懂（空串 = 整个看不懂）。

    >>> str(NumeralError("里的“二三”连在一起，看不出是哪个数"))
    '里的“二三”连在一起，看不出是哪个数'
    """

    def __init__(self, problem: str = ""):
        super().__init__(problem)
        self.problem = problem

    def said(self, shown: str) -> str:
        """The sentence about the reader's text ``shown``: “两万三万”里“万”出现了两次… / 看不懂“abc”.

        >>> NumeralError("里“万”前面没有数").said("万"), NumeralError().said("abc")
        ('“万”前面没有数', '看不懂“abc”')
        """
        if not self.problem:
            return f"看不懂“{shown}”"
        for lead in ("里的", "里"):
            if self.problem.startswith(f"{lead}“{shown}”"):
                return self.problem[len(lead) :]
        return f"“{shown}”{self.problem}"


class _Ambiguous(Exception):
    """A trailing number after a unit that can be read two ways (1万50: 10050 or 1.50万)."""


def digit_value(ch: str) -> int:
    """一个数字（0–9、零〇一二两…、壹贰叁…）的值。

    >>> digit_value("贰"), digit_value("7")
    (2, 7)
    """
    return int(ch) if "0" <= ch <= "9" else DIGITS[ch]


def imprecise(text: str) -> str:
    """不确切的说法（两万多、约两万、2万-3万）→ 给读者的说明；确切的写法 → 空串。

    >>> imprecise("两万多"), imprecise("2万-3万"), imprecise("两万")
    ('里的“多”不是一个确切的数，没法计算', '像是一个范围，没法计算', '')
    """
    if _RANGE.search(text):
        return "像是一个范围，没法计算"
    m = _VAGUE.search(text.replace("余额", ""))
    return f"里的“{m.group()}”不是一个确切的数，没法计算" if m else ""


def read_number(text: str) -> Decimal:
    """读数：阿拉伯数字、中文数字（小写或大写）或两者混写 → Decimal；读不懂或拿不准时抛出 NumeralError。

    借条上写“一万二”，是多少？

    >>> read_number("一万二"), read_number("三万零五百"), read_number("1万5"), read_number("壹仟贰佰叁拾肆")
    (Decimal('12000'), Decimal('30500'), Decimal('15000'), Decimal('1234'))
    >>> read_number("十八点五"), read_number("1.5万")
    (Decimal('18.5'), Decimal('15000.0'))
    >>> read_number("1万50")
    Traceback (most recent call last):
    ...
    calculators.numerals.NumeralError: 看不出是 10050 还是 15000
    """
    with localcontext(prec=80):
        try:
            return _read(text, None)[0]
        except _Ambiguous:
            readings = [_read(text, policy)[0] for policy in ("literal", "scaled")]
            if readings[0] == readings[1]:  # 2万00: 20000 either way
                return readings[0]
            a, b = (f"{x.normalize():f}" for x in readings)
            raise NumeralError(f"看不出是 {a} 还是 {b}") from None


def _read(text: str, policy: str | None) -> tuple[Decimal, bool]:
    """(value, whether a colloquial trailing digit was used)."""
    if not text:
        raise NumeralError()
    if _PLAIN.fullmatch(text):
        return Decimal(text), False
    if text.count(".") > 1:
        raise NumeralError()
    if "点" in text:
        return _read_point(text, policy), False
    tokens = [m.group() for m in _TOKEN.finditer(text)]
    segments: list[tuple[list[str], str | None]] = []
    current: list[str] = []
    for tok in tokens:
        if tok in BIG_UNITS:
            segments.append((current, tok))
            current = []
        elif tok in DIGITS or tok in SMALL_UNITS or _is_arabic(tok):
            current.append(tok)
        else:
            raise NumeralError()
    segments.append((current, None))
    bigs = [b for _, b in segments if b]
    for a, b in zip(bigs, bigs[1:], strict=False):
        if BIG_UNITS[b] == BIG_UNITS[a]:
            raise NumeralError(f"里“{b}”出现了两次，像是写了两个数")
        if BIG_UNITS[b] > BIG_UNITS[a]:
            raise NumeralError("里单位的顺序看不懂（大的单位要写在前面）")
    total, colloquial, ceiling, has_decimal = Decimal(0), False, None, False
    for i, (toks, big) in enumerate(segments):
        if not toks:
            if big:
                raise NumeralError(f"里“{big}”前面没有数")
            continue
        if has_decimal:
            raise NumeralError("的小数后面又接了数字，看不出确切的数")
        scale = BIG_UNITS[big] if big else 1
        value, used, has_decimal = _section(toks, None if i == 0 else ceiling // scale, big is None, policy)
        total += value * scale
        colloquial = colloquial or used
        ceiling = scale
    return total, colloquial


def _section(toks: list[str], ceiling: int | None, final: bool, policy: str | None) -> tuple[Decimal, bool, bool]:
    """One group between big units (万, 亿); ``ceiling`` = the place just above it (None for the first group)."""
    if len(toks) == 1 and _is_arabic(toks[0]):
        if ceiling is None:
            return Decimal(toks[0]), False, "." in toks[0]
        if "." in toks[0]:
            raise NumeralError("的小数写在了单位后面，看不出确切的数")
        if not final:  # 2亿3000万, 2亿300万
            if len(toks[0]) > len(str(ceiling)) - 1:
                raise NumeralError()
            return Decimal(toks[0]), False, False
        return (*_after_unit(toks[0], ceiling, final, False, policy), False)
    if ceiling is None and len(toks) == 2 and toks[1] in SMALL_UNITS and _is_arabic(toks[0]):
        return Decimal(toks[0]) * SMALL_UNITS[toks[1]], False, "." in toks[0]  # 3千, 12千, 1.5千
    value, last, pending, zero = Decimal(0), ceiling, None, False
    for j, tok in enumerate(toks):
        if tok in SMALL_UNITS:
            unit = SMALL_UNITS[tok]
            if pending is None and unit != 10:
                raise NumeralError(f"里“{tok}”前面没有数")
            if last is not None and unit >= last:
                raise NumeralError(f"里“{tok}”出现了两次，像是写了两个数" if unit == last else
                                   "里单位的顺序看不懂（大的单位要写在前面）")
            if zero and unit * 10 >= last:
                raise NumeralError("里“零”的位置不对，看不出是哪个数")
            value += (1 if pending is None else Decimal(digit_value(pending))) * unit
            last, pending, zero = unit, None, False
        elif tok in ("零", "〇", "0"):
            if pending is not None:
                raise NumeralError(f"里的“{pending}{tok}”连在一起，看不出是哪个数")
            if last is None:
                if len(toks) == 1 and final:
                    return Decimal(0), False, False
                raise NumeralError("里“零”的位置不对，看不出是哪个数")
            if zero:
                raise NumeralError("里“零”的位置不对，看不出是哪个数")
            zero = True
        else:
            if pending is not None:
                raise NumeralError(f"里的“{pending}{tok}”连在一起，看不出是哪个数")
            if len(tok) > 1 and (j != len(toks) - 1 or last is None or "." in tok):
                raise NumeralError()
            pending = tok
    if pending is None:
        if zero:
            raise NumeralError("里“零”的位置不对，看不出是哪个数")
        return value, False, False
    if last is None:
        return value + digit_value(pending), False, False
    if last == ceiling and not final and not zero:  # 一亿二万, 2亿300万: the number is the 万 group's own
        if len(pending) > len(str(last)) - 1:
            raise NumeralError()
        return value + (Decimal(pending) if _is_arabic(pending) else digit_value(pending)), False, False
    extra, colloquial = _after_unit(pending, last, final, zero, policy)
    return value + extra, colloquial, False


def _after_unit(tok: str, last: int, final: bool, zero: bool, policy: str | None) -> tuple[Decimal, bool]:
    """The number after the unit ``last`` (1万|5, 一千|五, 1万|5000, 三万零|五): (its value, colloquial?)."""
    n = Decimal(tok) if _is_arabic(tok) else Decimal(digit_value(tok))
    width, places = len(tok), len(str(last)) - 1
    if zero:
        if last < 100 or n * 10 >= last:
            raise NumeralError("里“零”的位置不对，看不出是哪个数")
        return n, False
    if width > places:
        raise NumeralError()
    if width == places:
        return n, False
    if width == 1 and final:
        return n * last / 10, True
    if policy is None:
        raise _Ambiguous()
    return (n, False) if policy == "literal" else (n * last / 10**width, True)


def _read_point(text: str, policy: str | None) -> Decimal:
    """十八点五, 一点五万, 3点5: the integer part, 点, digits, then at most one unit (万, 千万 …)."""
    head, _, tail = text.partition("点")
    m = re.fullmatch(rf"([{DIGIT_CHARS}]+)((?:[{''.join(SMALL_UNITS)}]?[{''.join(BIG_UNITS)}])?)", tail)
    if not head or not m or "点" in tail:
        raise NumeralError()
    unit = m.group(2)
    if unit and any(ch in BIG_UNITS for ch in head):
        raise NumeralError("里单位的顺序看不懂（大的单位要写在前面）")
    whole, colloquial = _read(head, policy)
    if colloquial or whole != whole.to_integral_value():
        raise NumeralError("里“点”前后合起来看不出确切的数")
    value = Decimal(f"{int(whole)}.{''.join(str(digit_value(c)) for c in m.group(1))}")
    for ch in unit:
        value *= SMALL_UNITS.get(ch) or BIG_UNITS[ch]
    return value


def _is_arabic(tok: str) -> bool:
    return _PLAIN.fullmatch(tok) is not None
