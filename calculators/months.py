"""日历月份（还款月份）与还款日：把计划里的“第 N 个月”写成“2027年1月”，把还款日落到具体日期。

约定：
- 计划的第 1 个月就是开始月份，第 N 个月是开始月份之后的第 N−1 个月。
- 开始月份默认是“今天”所在月份的下一个月；纯函数不读系统时钟，“今天”由调用方传入。
- 还款日（1–31 日）在没有这一天的月份取该月最后一天：31 日在 2027年2月 是 2027年2月28日。
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from .errors import InputError
from .money import MAX_YEAR, MIN_YEAR, normalize_text

__all__ = [
    "Month",
    "MIN_YEAR",
    "MAX_YEAR",
    "DEFAULT_DUE_DAY",
    "parse_month",
    "default_start",
    "due_date",
    "month_of",
    "index_of",
    "month_labels",
    "payoff_months",
    "debt_free_month",
]

DEFAULT_DUE_DAY = 1  # 没填还款日的债务按每月 1 日提醒：不会晚于真实的还款日

_MONTH = re.compile(r"^([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*月?(?:份)?$")
_MONTH_COMPACT = re.compile(r"^([0-9]{4})([0-9]{2})$")


@dataclass(frozen=True, order=True)
class Month:
    """一个日历月份（年、月）。``str()`` 是 ISO 写法 ``2027-01``，``label`` 是中文 ``2027年1月``。

    >>> m = Month(2027, 12)
    >>> str(m.next()), m.add(-12).label, m.add(14).label
    ('2028-01', '2026年12月', '2029年2月')
    """

    year: int
    month: int

    def __post_init__(self) -> None:
        if not (isinstance(self.year, int) and isinstance(self.month, int)) or not 1 <= self.month <= 12 \
                or not 1 <= self.year <= 9999:
            raise InputError("month", "月份：年份要在 1 到 9999 之间，月份要在 1 到 12 之间。")

    @classmethod
    def of(cls, day: datetime.date) -> Month:
        """某一天所在的月份。"""
        return cls(day.year, day.month)

    def add(self, n: int) -> Month:
        """之后第 n 个月（n 可以是负数）。"""
        y, m = divmod(self.year * 12 + self.month - 1 + n, 12)
        return Month(y, m + 1)

    def next(self) -> Month:
        """下一个月。"""
        return self.add(1)

    def __sub__(self, other: Month) -> int:
        """两个月份相差几个月：``Month(2027, 3) - Month(2026, 12) == 3``。"""
        return (self.year - other.year) * 12 + self.month - other.month

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def iso(self) -> str:
        """ISO 写法：2027-01。"""
        return str(self)

    @property
    def label(self) -> str:
        """中文写法：2027年1月。"""
        return f"{self.year}年{self.month}月"

    @property
    def days(self) -> int:
        """这个月有几天。"""
        return calendar.monthrange(self.year, self.month)[1]

    def first_day(self) -> datetime.date:
        return datetime.date(self.year, self.month, 1)

    def day(self, due_day: int) -> datetime.date:
        """这个月的还款日：没有这一天时取月末（见 :func:`due_date`）。"""
        return due_date(self, due_day)


def parse_month(text: str, field: str = "start", label: str = "开始月份") -> Month:
    """解析月份：接受“2027-01”“2027-1”“2027/1”“2027.1”“2027年1月”“202701”，全角数字也可以。

    >>> parse_month("2027年1月"), parse_month("２０２７-０３")
    (Month(year=2027, month=1), Month(year=2027, month=3))
    >>> parse_month("2027-13")
    Traceback (most recent call last):
    ...
    calculators.errors.InputError: start: 开始月份：请输入 1950 年到 2100 年之间的年月，例如 2027-01 或 2027年1月。
    """
    message = f"{label}：请输入 {MIN_YEAR} 年到 {MAX_YEAR} 年之间的年月，例如 2027-01 或 2027年1月。"
    t = normalize_text(text)
    if not t:
        raise InputError(field, f"{label}：不能为空。" + message.split("：", 1)[1])
    m = _MONTH.match(t) or _MONTH_COMPACT.match(t)
    if not m:
        raise InputError(field, message)
    y, mo = int(m.group(1)), int(m.group(2))
    if not (MIN_YEAR <= y <= MAX_YEAR and 1 <= mo <= 12):
        raise InputError(field, message)
    return Month(y, mo)


def default_start(today: datetime.date) -> Month:
    """默认开始月份：today 所在月份的下一个月。

    >>> default_start(datetime.date(2026, 12, 1)).label
    '2027年1月'
    """
    return Month.of(today).next()


def due_date(month: Month, due_day: int | None, default: int = DEFAULT_DUE_DAY) -> datetime.date:
    """还款日落在这个月的哪一天：1–31 日，超过当月天数时取月末；没填（None）时用 ``default``。

    >>> due_date(Month(2027, 2), 31), due_date(Month(2028, 2), 30), due_date(Month(2027, 4), None)
    (datetime.date(2027, 2, 28), datetime.date(2028, 2, 29), datetime.date(2027, 4, 1))
    """
    day = default if due_day is None else due_day
    if not isinstance(day, int) or not 1 <= day <= 31:
        raise InputError("due_day", "还款日：请填每月 1 到 31 日之间的一天，也可以留空。")
    return datetime.date(month.year, month.month, min(day, month.days))


def month_of(start: Month, index: int) -> Month:
    """计划的第 index 个月（从 1 起）是哪个日历月份；第 1 个月就是开始月份。

    >>> month_of(Month(2027, 1), 21).label
    '2028年9月'
    """
    if index < 1:
        raise InputError("month", "计划月份：从第 1 个月算起。")
    return start.add(index - 1)


def index_of(start: Month, month: Month) -> int:
    """日历月份是计划的第几个月（开始月份是第 1 个月；开始之前的月份得到 0 或负数）。

    >>> index_of(Month(2027, 1), Month(2028, 9))
    21
    """
    return month - start + 1


def month_labels(start: Month, count: int) -> list[str]:
    """计划前 count 个月的中文月份名，用作表格的行名和图表的横轴。

    >>> month_labels(Month(2026, 11), 3)
    ['2026年11月', '2026年12月', '2027年1月']
    """
    return [start.add(i).label for i in range(count)]


def payoff_months(payoff_month: dict[str, int | None], start: Month) -> dict[str, Month | None]:
    """每笔债务还清的日历月份（``PlanResult.payoff_month`` 换成月份）。开始时就是 0 的债务、还不清的债务为 None。

    >>> payoff_months({"A": 12, "B": 0, "C": None}, Month(2027, 1))
    {'A': Month(year=2027, month=12), 'B': None, 'C': None}
    """
    return {name: (month_of(start, m) if m else None) for name, m in payoff_month.items()}


def debt_free_month(months: int | None, start: Month) -> Month | None:
    """全部还清的月份（“无债月”）：计划用 months 个月还清时是第 months 个月；还不清（None）或本来无债（0）时为 None。

    >>> debt_free_month(21, Month(2027, 1)).label
    '2028年9月'
    """
    return month_of(start, months) if months else None
