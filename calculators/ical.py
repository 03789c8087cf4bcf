"""还款提醒：把还款计划的每一笔还款导出成日历文件（iCalendar，RFC 5545，.ics）。

每笔还款是还款日当天的一个全天事件（``DTSTART;VALUE=DATE``，``DTEND`` 是第二天），标题写债务名称和金额，
并在前一天提醒（``VALARM``，``TRIGGER:-P1D``）。格式约定：行尾 CRLF；每行最长 75 个字节（UTF-8），超出的
部分折到下一行、以一个空格开头，折行不会拆开一个汉字；文本里的 ``\\``、``;``、``,`` 和换行按规定转义。
``DTSTAMP`` 由调用方传入（函数不读系统时钟），所以同样的输入总是得到同样的文件。
"""

from __future__ import annotations

import datetime
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from .debts import Debt
from .money import format_money
from .months import DEFAULT_DUE_DAY, Month, due_date, month_of
from .plan import PlanResult

__all__ = [
    "PRODID",
    "UID_SUFFIX",
    "Event",
    "Payment",
    "escape_text",
    "fold_line",
    "calendar_text",
    "digest",
    "dtstamp",
    "plan_payments",
    "plan_ics",
]

PRODID = "-//wangdai-guide//calculators//ZH"
UID_SUFFIX = "@wangdai-guide"  # 固定后缀，不是域名：文件里的 UID 只由计划输入决定
CRLF = "\r\n"
MAX_OCTETS = 75


def escape_text(value: str) -> str:
    """TEXT 值转义（RFC 5545 §3.3.11）：反斜杠、分号、逗号、换行。

    >>> escape_text("还款；A, B\\\\C\\n第二行")
    '还款；A\\\\, B\\\\\\\\C\\\\n第二行'
    """
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold_line(line: str) -> str:
    """按 75 个字节折行（RFC 5545 §3.1）：续行以一个空格开头，不拆开多字节字符；返回的各行以 CRLF 连接。

    >>> folded = fold_line("SUMMARY:" + "还" * 50)
    >>> [len(part.encode()) for part in folded.split("\\r\\n")]
    [74, 73, 13]
    """
    parts: list[str] = []
    current, size, limit = [], 0, MAX_OCTETS
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            parts.append("".join(current))
            current, size, limit = [" "], 1, MAX_OCTETS
        current.append(ch)
        size += n
    parts.append("".join(current))
    return CRLF.join(parts)


@dataclass(frozen=True)
class Event:
    """日历里的一个全天事件：日期、标题、说明，以及提前一天的提醒文字（None 表示不提醒）。"""

    uid: str
    day: datetime.date
    summary: str
    description: str = ""
    alarm: str | None = None


def dtstamp(now: object = None) -> datetime.datetime:
    """生成时刻（DTSTAMP）：页面传来的 ISO 时间（``now``），读不出来时用此刻（UTC）。

    >>> dtstamp("2026-12-01T08:00:00Z")
    datetime.datetime(2026, 12, 1, 8, 0, tzinfo=datetime.timezone.utc)
    """
    try:
        moment = datetime.datetime.fromisoformat(str(now or "").replace("Z", "+00:00"))
    except ValueError:
        return datetime.datetime.now(datetime.UTC)
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def digest(parts: Sequence[str]) -> str:
    """输入的指纹（16 位十六进制）：同样的输入得到同样的 UID，不同输入的 UID 不会撞上。

    >>> digest(["a", "b"]) == digest(["a", "b"]) != digest(["a", "c"])
    True
    """
    data = "\n".join(parts).encode("utf-8")
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


def _stamp(moment: datetime.datetime) -> str:
    if moment.tzinfo is not None:
        moment = moment.astimezone(datetime.UTC)
    return moment.strftime("%Y%m%dT%H%M%SZ")


def calendar_text(events: Sequence[Event], *, dtstamp: datetime.datetime, name: str = "还款计划") -> str:
    """生成 iCalendar 文本（VCALENDAR，内含每个 VEVENT）。``dtstamp`` 是生成时刻（没有时区时按 UTC 理解）。

    >>> ev = Event("1@x", datetime.date(2027, 1, 31), "还款：网贷 ¥600.00")
    >>> text = calendar_text([ev], dtstamp=datetime.datetime(2026, 12, 1, 8, 0))
    >>> text.splitlines()[8:12]
    ['DTSTAMP:20261201T080000Z', 'DTSTART;VALUE=DATE:20270131', 'DTEND;VALUE=DATE:20270201', 'SUMMARY:还款：网贷 ¥600.00']
    """
    stamp = _stamp(dtstamp)
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for ev in events:
        lines += [
            "BEGIN:VEVENT", f"UID:{ev.uid}", f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{ev.day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{ev.day + datetime.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{escape_text(ev.summary)}",
        ]
        if ev.description:
            lines.append(f"DESCRIPTION:{escape_text(ev.description)}")
        lines.append("TRANSP:TRANSPARENT")
        if ev.alarm is not None:
            lines += ["BEGIN:VALARM", "ACTION:DISPLAY", f"DESCRIPTION:{escape_text(ev.alarm)}", "TRIGGER:-P1D",
                      "END:VALARM"]
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold_line(ln) + CRLF for ln in lines)


@dataclass(frozen=True)
class Payment:
    """计划里的一笔还款：计划第几个月、日历月份、还款日、债务名称、金额；due_day_given=False 表示用了默认还款日。"""

    index: int
    month: Month
    day: datetime.date
    debt: str
    amount: Decimal
    due_day_given: bool


def plan_payments(
    result: PlanResult, debts: Sequence[Debt], start: Month, *, default_due_day: int = DEFAULT_DUE_DAY
) -> list[Payment]:
    """计划里每一笔大于 0 的还款，落到日历上：第 N 个月的还款在该月的还款日（没填还款日时用 default_due_day）。

    >>> from calculators.plan import plan
    >>> ds = [Debt("信用卡", Decimal(500), Decimal(0), Decimal(300), due_day=31)]
    >>> [(p.day.isoformat(), p.amount) for p in plan_payments(plan(ds, Decimal(300)), ds, Month(2027, 1))]
    [('2027-01-31', Decimal('300.00')), ('2027-02-28', Decimal('200.00'))]
    """
    by_name = {d.name: d for d in debts}
    out: list[Payment] = []
    for row in result.table:
        month = month_of(start, row.month)
        for name, amount in zip(result.names, row.payments, strict=True):
            if amount <= 0:
                continue
            due_day = by_name[name].due_day if name in by_name else None
            out.append(Payment(row.month, month, due_date(month, due_day, default_due_day), name, amount,
                               due_day is not None))
    return out


def _digest(result: PlanResult, debts: Sequence[Debt], start: Month) -> str:
    """计划输入的指纹（16 位十六进制）：同样的输入得到同样的 UID，不同计划的 UID 不会撞上。"""
    parts = [str(start), result.strategy, str(result.budget)]
    parts += [f"{d.name}|{d.balance}|{d.annual_rate}|{d.minimum_payment}|{d.due_day}" for d in debts]
    return digest(parts)


def plan_ics(
    result: PlanResult, debts: Sequence[Debt], start: Month, *, dtstamp: datetime.datetime,
    default_due_day: int = DEFAULT_DUE_DAY, name: str = "还款计划",
) -> str:
    """还款提醒（.ics）：计划的每笔还款一个全天事件，标题“还款：债务名 ¥金额”，前一天提醒。

    没填还款日的债务按每月 ``default_due_day`` 日（默认 1 日）提醒，说明里会写明。

    >>> from calculators.plan import plan
    >>> ds = [Debt("网贷", Decimal(1200), Decimal(0), Decimal(600), due_day=15)]
    >>> text = plan_ics(plan(ds, Decimal(600)), ds, Month(2027, 1), dtstamp=datetime.datetime(2026, 12, 1))
    >>> text.count("BEGIN:VEVENT"), "SUMMARY:还款：网贷 ¥600.00" in text, text.endswith("END:VCALENDAR\\r\\n")
    (2, True, True)
    """
    digest = _digest(result, debts, start)
    index = {n: i for i, n in enumerate(result.names)}
    events = []
    for p in plan_payments(result, debts, start, default_due_day=default_due_day):
        money = f"¥{format_money(p.amount)}"
        note = "" if p.due_day_given else f"这笔债务没有填还款日，按每月 {default_due_day} 日提醒。"
        description = (
            f"还款计划第 {p.index} 个月（{p.month.label}）：给“{p.debt}”还 {money}。{note}\n"
            "金额按计划估算，实际应还金额和日期以账单为准。"
        )
        events.append(Event(
            uid=f"{p.day:%Y%m%d}-{index[p.debt] + 1}-{digest}{UID_SUFFIX}",
            day=p.day,
            summary=f"还款：{p.debt} {money}",
            description=description,
            alarm=f"明天还款：{p.debt} {money}",
        ))
    return calendar_text(events, dtstamp=dtstamp, name=name)
