"""还款记录：读者逐月记下实际还了多少（已还），或账单上的余额（余额），存成一段文字。

一行一条，写法是“月份, 债务名称, 已还 金额”或“月份, 债务名称, 余额 金额”，也可以两样写在同一行：

    2027-01, 信用卡, 已还 500
    2027-01, 网贷, 余额 10890
    2027年2月, 信用卡, 已还 500, 余额 4400

中文逗号、全角数字都可以；空行和以 # 开头的行会被忽略；金额的写法同其他工具（1.2万、一万二、¥3,000）。
同一个月同一笔债务的“已还”和“余额”各只能记一次。:func:`format_records` 写出的文字再读回来完全一样。
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from .errors import InputError
from .money import fen, normalize_text, parse_money
from .months import Month, parse_month

__all__ = ["Record", "MAX_RECORD_LINES", "parse_records", "format_records"]

MAX_RECORD_LINES = 5000
FIELD = "records"
_PAID = ("已还", "实还", "还了", "还款")
_BALANCE = ("账单余额", "余额", "剩余")
_KIND = "|".join(_PAID + _BALANCE)
_SPLIT = re.compile(rf"\s*[,，\t]\s*(?=(?:{_KIND}))")
_ITEM = re.compile(rf"^({_KIND})\s*[:：]?\s*(.*)$")
_FORMAT = "请按“月份, 债务名称, 已还 金额”或“月份, 债务名称, 余额 金额”来写，例如 2027-01, 信用卡, 已还 500。"


@dataclass(frozen=True)
class Record:
    """一条还款记录：某月某笔债务实际还了多少（paid），和/或账单上的余额（balance）；line 是文字里的行号。"""

    month: Month
    debt: str
    paid: Decimal | None = None
    balance: Decimal | None = None
    line: int = field(default=0, compare=False)


def _where(n: int) -> str:
    return f"还款记录第{n}行"


def _parse_line(n: int, text: str) -> tuple[Month, str, dict[str, Decimal]]:
    head, sep, rest = _split_month(text)
    if not sep:
        raise InputError(FIELD, f"{_where(n)}：{_FORMAT}")
    month = parse_month(head, FIELD, f"{_where(n)}的月份")
    pieces = _SPLIT.split(rest)
    name = pieces[0].strip()
    if not name or len(pieces) < 2:
        raise InputError(FIELD, f"{_where(n)}：{_FORMAT}")
    values: dict[str, Decimal] = {}
    for piece in pieces[1:]:
        m = _ITEM.match(piece.strip())
        if not m:
            raise InputError(FIELD, f"{_where(n)}：{_FORMAT}")
        kind = "paid" if m.group(1) in _PAID else "balance"
        word = "已还" if kind == "paid" else "余额"
        if kind in values:
            raise InputError(FIELD, f"{_where(n)}：“{word}”写了两次。")
        values[kind] = parse_money(m.group(2), FIELD, f"{_where(n)}的{word}金额")
    return month, name, values


def _split_month(text: str) -> tuple[str, str, str]:
    m = re.match(r"^([^,，\t]*)([,，\t])(.*)$", text)
    return (m.group(1), m.group(2), m.group(3)) if m else (text, "", "")


def parse_records(text: str, names: Sequence[str] | None = None) -> list[Record]:
    """读入还款记录（见模块说明的写法）。给了 names（债务清单里的名称）时，记录里的名称必须在清单里。

    同一个月同一笔债务分两行写的“已还”和“余额”合并成一条记录。

    >>> recs = parse_records("2027-01，信用卡，已还 500\\n# 备注\\n2027年1月, 信用卡, 余额 4,500")
    >>> recs == [Record(Month(2027, 1), "信用卡", Decimal("500.00"), Decimal("4500.00"))]
    True
    >>> parse_records("2027-01, 信用卡, 还了五百")[0].paid
    Decimal('500.00')
    >>> parse_records("2027-01, 信用卡, 还了五百多")
    Traceback (most recent call last):
    ...
    calculators.errors.InputError: records: 还款记录第1行的已还金额：“五百多”里的“多”不是一个确切的数，没法计算。请输入 0元 到 1亿元 之间的金额，例如 12000、1.2万、一万二、¥3,000。
    """
    known = {nm: nm for nm in names} if names is not None else None
    if known is not None:
        for nm in names:
            known.setdefault(normalize_text(nm), nm)  # “借呗（1）”也认“借呗(1)”
    merged: dict[tuple[Month, str], dict] = {}
    seen: dict[tuple[Month, str, str], int] = {}
    lines = text.splitlines() if isinstance(text, str) else []
    if sum(1 for ln in lines if ln.strip()) > MAX_RECORD_LINES:
        raise InputError(FIELD, f"还款记录：最多 {MAX_RECORD_LINES} 行。")
    for n, raw in enumerate(lines, start=1):
        t = raw.strip()  # 不做全角转换：名称按原样保存，月份和金额各自的解析会处理全角
        if not t or t.startswith(("#", "＃")):
            continue
        month, name, values = _parse_line(n, t)
        if known is not None:
            name = name if name in known else normalize_text(name)
            if name not in known:
                raise InputError(FIELD, f"{_where(n)}：债务清单里没有名为“{name}”的债务。")
            name = known[name]
        entry = merged.setdefault((month, name), {"line": n})
        for kind, amount in values.items():
            if (month, name, kind) in seen:
                word = "已还" if kind == "paid" else "余额"
                raise InputError(
                    FIELD, f"{_where(n)}：{month.label}“{name}”的{word}在第{seen[(month, name, kind)]}行已经记过了。"
                )
            seen[(month, name, kind)] = n
            entry[kind] = amount
    return [Record(m, nm, e.get("paid"), e.get("balance"), e["line"]) for (m, nm), e in merged.items()]


def format_records(records: Sequence[Record]) -> str:
    """把还款记录写回文字（一条一行，金额两位小数），:func:`parse_records` 读回来与原记录相同。

    >>> print(format_records([Record(Month(2027, 1), "信用卡", Decimal(500)),
    ...                       Record(Month(2027, 2), "网贷", Decimal(600), Decimal("9000.5"))]))
    2027-01, 信用卡, 已还 500.00
    2027-02, 网贷, 已还 600.00, 余额 9000.50
    """
    out = []
    for r in records:
        parts = [str(r.month), r.debt]
        if r.paid is not None:
            parts.append(f"已还 {fen(r.paid)}")
        if r.balance is not None:
            parts.append(f"余额 {fen(r.balance)}")
        out.append(", ".join(parts))
    return "\n".join(out)
