"""诉讼期间（按日计算的期限）：从哪天起算、最后一天遇到休息日怎样顺延（民事诉讼法 第八十五条）。

- 期间开始的日不计算在内：从次日起算（民事诉讼法解释 第一百二十五条），所以 15 日的期间届满日是“起算日 + 15 天”。
- 期间中间遇到节假日不扣除；只有最后一日是休息日时，以休息日后的第一日为届满日。
- 休息日：国务院办公厅公布的放假日（``data/holidays.json`` 的 ``off``），以及星期六、星期日，但调休上班的
  星期六、星期日（``work``）除外。放假安排只收录核对过的年份；遇到没有收录的年份，不推算放假，
  结果里说清楚（:attr:`Deadline.uncovered`），届满日按不顺延的日期给出，这是更早、更稳妥的一天。
见 CONVENTIONS.md §10。
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cache

from . import sources
from .errors import InputError

__all__ = ["Calendar", "Deadline", "MAX_PERIOD", "calendar", "deadline", "is_rest_day", "uncovered_note"]

MAX_PERIOD = 366
"""按日计算的期间最长多少天（本工具用到的答辩期、举证期限、上诉期都在这之内）。"""


@dataclass(frozen=True)
class Calendar:
    """放假安排：每个收录年份的放假日、调休上班日，以及各年份的出处（laws.json 的 id）。"""

    off: frozenset[datetime.date]
    work: frozenset[datetime.date]
    years: tuple[int, ...]
    sources: tuple[tuple[int, str], ...]
    weekend_source: str


@cache
def calendar() -> Calendar:
    """读入 ``data/holidays.json``（国务院办公厅每年公布的放假安排）。"""
    data = sources._read_json("holidays.json")
    off: set[datetime.date] = set()
    work: set[datetime.date] = set()
    for info in data["years"].values():
        for first, last in info["off"]:
            day, end = datetime.date.fromisoformat(first), datetime.date.fromisoformat(last)
            while day <= end:
                off.add(day)
                day += datetime.timedelta(days=1)
        work.update(datetime.date.fromisoformat(d) for d in info["work"])
    years = tuple(sorted(int(y) for y in data["years"]))
    return Calendar(frozenset(off), frozenset(work), years,
                    tuple((int(y), info["source"]) for y, info in sorted(data["years"].items())), data["weekend_source"])


def is_rest_day(day: datetime.date) -> bool | None:
    """休息日（法定休假日）：放假日，或没有调休上班的星期六、星期日；该年份没有收录时返回 None（不知道）。

    2026年2月14日是星期六，但春节调休要上班；2026年2月23日是星期一，但在春节假期里：

    >>> is_rest_day(datetime.date(2026, 2, 14)), is_rest_day(datetime.date(2026, 2, 23))
    (False, True)
    >>> is_rest_day(datetime.date(2099, 1, 1)) is None
    True
    """
    cal = calendar()
    if day.year not in cal.years:
        return None
    if day in cal.off:
        return True
    return day.weekday() >= 5 and day not in cal.work


@dataclass(frozen=True)
class Deadline:
    """一个按日计算的期间：从 ``start``（收到文书的那天，不计入）起 ``days`` 日。

    ``naive`` 是不顺延的第 ``days`` 日；``due`` 是最后一日遇到休息日顺延后的届满日（不用顺延时等于 naive）；
    ``skipped`` 是顺延跳过的休息日；``uncovered`` 是没有放假安排数据的年份（None 表示都有数据）。
    有年份没有数据时，``due`` 等于 ``naive``：工具不推算，也不假装知道。
    """

    start: datetime.date
    days: int
    naive: datetime.date
    due: datetime.date
    skipped: tuple[datetime.date, ...] = ()
    uncovered: int | None = None


def deadline(start: datetime.date, days: int) -> Deadline:
    """期间届满日（民事诉讼法 第八十五条）：开始的那天不算，最后一天是休息日的顺延到休息日后的第一天。

    2026年11月27日（星期五）收到起诉状副本，15 日的答辩期到哪天？第 15 日是 12月12日（星期六），
    顺延到 12月14日（星期一）：

    >>> d = deadline(datetime.date(2026, 11, 27), 15)
    >>> d.naive, d.due, len(d.skipped)
    (datetime.date(2026, 12, 12), datetime.date(2026, 12, 14), 2)

    2026年12月20日收到，第 15 日落在 2027 年，本工具还没有 2027 年的放假安排：

    >>> d = deadline(datetime.date(2026, 12, 20), 15)
    >>> d.due, d.uncovered
    (datetime.date(2027, 1, 4), 2027)
    """
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= MAX_PERIOD:
        raise InputError("days", f"期间天数：请填 1 到 {MAX_PERIOD} 之间的整数。")
    try:
        naive = start + datetime.timedelta(days=days)
    except OverflowError:
        raise InputError("days", "期间届满日超出了日历范围，请检查日期。") from None
    day, skipped = naive, []
    while True:
        rest = is_rest_day(day)
        if rest is None:
            return Deadline(start, days, naive, naive, (), day.year)
        if not rest:
            return Deadline(start, days, naive, day, tuple(skipped))
        skipped.append(day)
        day += datetime.timedelta(days=1)


def uncovered_note(year: int) -> str:
    """没有放假安排数据的年份：一句话说清楚，不推算。

    >>> uncovered_note(2027).split("。")[0]
    '2027年的放假安排本工具还没有，请以法院通知和国务院公布的安排为准'
    """
    return (f"{year}年的放假安排本工具还没有，请以法院通知和国务院公布的安排为准。"
            "这里给的是不顺延的日期，也就是最早的那一天；按这一天准备最稳妥。")
