"""贷款市场报价利率（LPR）：2019年8月20日新机制以来每次调整的记录与按日期查询（loan-math §1.2–1.3）。

数据在 ``calculators/data/lpr.csv``（只列调整日；未列出的月份为“维持不变”），百分数单位；
``data/lpr_meta.json`` 记录核实到哪一期。本模块返回的利率是 Decimal 小数（3.10% → 0.0310）。
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib.resources import files

from .errors import InputError

__all__ = ["LprQuote", "FIRST_LPR_DATE", "lpr_changes", "lpr_on", "latest", "verified_through"]

FIRST_LPR_DATE = datetime.date(2019, 8, 20)


@dataclass(frozen=True)
class LprQuote:
    """一次 LPR 报价：生效（公布）日、一年期 LPR、五年期以上 LPR（均为小数，3.10% = 0.0310）。"""

    date: datetime.date
    one_year: Decimal
    five_year: Decimal
    source: str = ""
    checked: str = ""


def _read(name: str) -> str:
    return (files("calculators") / "data" / name).read_text(encoding="utf-8")


@cache
def lpr_changes() -> tuple[LprQuote, ...]:
    """LPR 调整记录（按日期升序），读自 data/lpr.csv。"""
    rows = csv.DictReader(io.StringIO(_read("lpr.csv")))
    quotes = [
        LprQuote(
            datetime.date.fromisoformat(r["date"]),
            Decimal(r["one_year"]).scaleb(-2),
            Decimal(r["five_year"]).scaleb(-2),
            r["source"],
            r["checked"],
        )
        for r in rows
    ]
    return tuple(sorted(quotes, key=lambda q: q.date))


@cache
def verified_through() -> datetime.date:
    """LPR 数据用可靠来源核实到的最后一期日期（之后的日期沿用最后一次调整的数值，未核实）。"""
    return datetime.date.fromisoformat(json.loads(_read("lpr_meta.json"))["verified_through"])


def lpr_on(d: datetime.date) -> LprQuote:
    """某日适用的 LPR：取公布日不晚于该日的最近一次报价（公布当日即按新报价）。

    2019年8月20日之前没有新机制 LPR，抛出 ``InputError("contract_date", …)``。

    2024年10月21日签的合同，一年期 LPR 是多少？

    >>> q = lpr_on(datetime.date(2024, 10, 21))
    >>> q.one_year, q.five_year
    (Decimal('0.0310'), Decimal('0.0360'))
    """
    if not isinstance(d, datetime.date):
        raise InputError("contract_date", "签约日期：请输入有效日期，例如 2025-06-01。")
    if d < FIRST_LPR_DATE:
        raise InputError(
            "contract_date",
            "签约日期：2019年8月20日之前还没有新机制的贷款市场报价利率（LPR），"
            "请输入 2019年8月20日 或之后的日期。",
        )
    current = None
    for q in lpr_changes():
        if q.date > d:
            break
        current = q
    assert current is not None
    return current


def latest() -> LprQuote:
    """最近一次 LPR 调整。"""
    return lpr_changes()[-1]
