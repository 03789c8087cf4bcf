"""Reminders (还款提醒, iCalendar RFC 5545): the exported file parses with a well-kept parser (test-only dependency),
has one all-day event per planned payment on the due day, an alarm the day before, CRLF lines folded at 75 octets
and escaped TEXT values."""

import datetime
from decimal import Decimal as D

import icalendar
from hypothesis import given
from hypothesis import strategies as st

from calculators.debts import Debt
from calculators.ical import PRODID, Event, calendar_text, escape_text, fold_line, plan_ics, plan_payments
from calculators.money import format_money
from calculators.months import Month
from calculators.plan import plan

STAMP = datetime.datetime(2026, 12, 1, 9, 30, tzinfo=datetime.UTC)
START = Month(2027, 1)


def example_debts():
    return [
        Debt("信用卡", D(5000), D("0.1825"), D(250), due_day=31),
        Debt("网贷", D(12000), D("0.24"), D(600), due_day=15),
        Debt("消费贷", D(30000), D("0.072"), D(900)),
    ]


def example():
    debts = example_debts()
    result = plan(debts, D(2500), "avalanche")
    return debts, result, plan_ics(result, debts, START, dtstamp=STAMP)


def parse(text):
    cal = icalendar.Calendar.from_ical(text)
    assert cal.errors == []
    return cal


def assert_wire_format(text):
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "") and "\r" not in text.replace("\r\n", "")
    for line in text.split("\r\n")[:-1]:
        assert len(line.encode("utf-8")) <= 75, line
        assert line  # no empty content lines


def test_calendar_properties():
    _, _, text = example()
    assert_wire_format(text)
    cal = parse(text)
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["PRODID"]) == PRODID
    assert str(cal["CALSCALE"]) == "GREGORIAN"
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")


def test_one_all_day_event_per_payment_on_the_due_day():
    debts, result, text = example()
    payments = [(row.month, name, amount) for row in result.table
                for name, amount in zip(result.names, row.payments, strict=True) if amount > 0]
    events = parse(text).walk("VEVENT")
    assert len(events) == len(payments) == len(plan_payments(result, debts, START))
    assert len(payments) > 21  # several debts a month
    due = {"信用卡": 31, "网贷": 15, "消费贷": 1}  # 消费贷 has no due day: the 1st
    for ev, (k, name, amount) in zip(events, payments, strict=True):
        start, end = ev["DTSTART"].dt, ev["DTEND"].dt
        assert type(start) is datetime.date and type(end) is datetime.date  # all-day (VALUE=DATE)
        month = START.add(k - 1)
        assert (start.year, start.month) == (month.year, month.month)
        assert start.day == min(due[name], month.days)
        assert end - start == datetime.timedelta(days=1)
        assert str(ev["SUMMARY"]) == f"还款：{name} ¥{format_money(amount)}"
        assert ev["DTSTAMP"].dt == STAMP
        alarms = ev.walk("VALARM")
        assert len(alarms) == 1
        assert alarms[0]["TRIGGER"].dt == datetime.timedelta(days=-1)
        assert str(alarms[0]["ACTION"]) == "DISPLAY"
        assert name in str(alarms[0]["DESCRIPTION"])


def test_worked_example_first_and_february_events():
    _, _, text = example()
    events = parse(text).walk("VEVENT")
    first = [(ev["DTSTART"].dt, str(ev["SUMMARY"])) for ev in events[:3]]
    assert first == [
        (datetime.date(2027, 1, 31), "还款：信用卡 ¥250.00"),
        (datetime.date(2027, 1, 15), "还款：网贷 ¥1,350.00"),
        (datetime.date(2027, 1, 1), "还款：消费贷 ¥900.00"),
    ]
    february = [ev["DTSTART"].dt for ev in events if str(ev["SUMMARY"]).startswith("还款：信用卡")][1]
    assert february == datetime.date(2027, 2, 28)  # due day 31 clamps to the month's last day
    no_due_day = [str(ev["DESCRIPTION"]) for ev in events if "消费贷" in str(ev["SUMMARY"])]
    assert all("按每月 1 日提醒" in d for d in no_due_day)
    assert not any("按每月" in str(ev["DESCRIPTION"]) for ev in events if "网贷" in str(ev["SUMMARY"]))


def test_uids_are_unique_and_stable():
    debts, result, text = example()
    uids = [str(ev["UID"]) for ev in parse(text).walk("VEVENT")]
    assert len(set(uids)) == len(uids)
    assert all(u.endswith("@wangdai-guide") for u in uids)
    assert plan_ics(result, debts, START, dtstamp=STAMP) == text  # same inputs, same file
    other = plan(debts, D(3000), "avalanche")
    other_uids = {str(ev["UID"]) for ev in parse(plan_ics(other, debts, START, dtstamp=STAMP)).walk("VEVENT")}
    assert not other_uids & set(uids)  # a different plan never reuses an event's UID
    later = plan_ics(result, debts, START.next(), dtstamp=STAMP)
    assert not {str(ev["UID"]) for ev in parse(later).walk("VEVENT")} & set(uids)


def test_dtstamp_is_converted_to_utc_and_naive_means_utc():
    debts, result, _ = example()
    beijing = datetime.timezone(datetime.timedelta(hours=8))
    text = plan_ics(result, debts, START, dtstamp=datetime.datetime(2026, 12, 1, 17, 30, tzinfo=beijing))
    assert "DTSTAMP:20261201T093000Z\r\n" in text
    text = plan_ics(result, debts, START, dtstamp=datetime.datetime(2026, 12, 1, 9, 30))
    assert parse(text).walk("VEVENT")[0]["DTSTAMP"].dt == STAMP


def test_text_values_are_escaped_and_long_names_fold_without_splitting_characters():
    name = "招联;好期贷,\\分期" + "还" * 30
    debts = [Debt(name, D(600), D(0), D(300), due_day=10)]
    result = plan(debts, D(300))
    text = plan_ics(result, debts, START, dtstamp=STAMP)
    assert "招联\\;好期贷\\,\\\\分期" in text.replace("\r\n ", "")
    assert_wire_format(text)
    assert any(line.startswith(" ") for line in text.split("\r\n"))  # something was folded
    events = parse(text).walk("VEVENT")
    assert len(events) == 2
    assert str(events[0]["SUMMARY"]) == f"还款：{name} ¥300.00"
    assert "\n金额按计划估算" in str(events[0]["DESCRIPTION"])  # newline survives as \n


def test_escape_text():
    assert escape_text("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf"
    assert escape_text("还款：¥1,234.56") == "还款：¥1\\,234.56"


def test_no_payments_gives_an_empty_but_valid_calendar():
    debts = [Debt("done", D(0), D("0.1"), D(100))]
    text = plan_ics(plan(debts, D(100)), debts, START, dtstamp=STAMP)
    assert parse(text).walk("VEVENT") == []
    assert_wire_format(text)


def test_event_without_alarm_or_description():
    ev = Event("x@y", datetime.date(2027, 12, 31), "还款")
    text = calendar_text([ev], dtstamp=STAMP, name="我的,计划")
    cal = parse(text)
    (e,) = cal.walk("VEVENT")
    assert e.walk("VALARM") == [] and "DESCRIPTION" not in e
    assert e["DTEND"].dt == datetime.date(2028, 1, 1)
    assert "\r\nX-WR-CALNAME:我的\\,计划\r\n" in text  # X- properties are TEXT too (the parser leaves them raw)


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300))
def test_fold_line_keeps_every_line_within_75_octets_and_unfolds_exactly(value):
    line = "DESCRIPTION:" + escape_text(value)
    folded = fold_line(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert "".join([parts[0]] + [p[1:] for p in parts[1:]]) == line
    # a part never starts with a bare continuation byte: no character was split
    assert all(p.encode("utf-8").decode("utf-8") == p for p in parts)
