"""Calendar months (日历月份) and due days (还款日): arithmetic, parsing, clamping, labelling a plan's months."""

import datetime
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators.debts import Debt
from calculators.errors import InputError
from calculators.months import (
    Month,
    debt_free_month,
    default_start,
    due_date,
    index_of,
    month_labels,
    month_of,
    parse_month,
    payoff_months,
)
from calculators.plan import plan


def test_month_arithmetic_crosses_years_both_ways():
    m = Month(2027, 12)
    assert m.next() == Month(2028, 1)
    assert m.add(0) == m
    assert m.add(-12) == Month(2026, 12)
    assert m.add(-13) == Month(2026, 11)
    assert m.add(25) == Month(2030, 1)
    assert Month(2027, 3) - Month(2026, 12) == 3
    assert Month(2026, 12) - Month(2027, 3) == -3
    assert Month(2026, 12) < Month(2027, 1) < Month(2027, 2)


def test_month_labels_and_iso():
    assert Month(2027, 1).label == "2027年1月"
    assert Month(2027, 11).label == "2027年11月"
    assert str(Month(2027, 1)) == Month(2027, 1).iso == "2027-01"
    assert month_labels(Month(2027, 11), 4) == ["2027年11月", "2027年12月", "2028年1月", "2028年2月"]
    assert month_labels(Month(2027, 1), 0) == []


@pytest.mark.parametrize(("year", "month", "days"), [(2027, 2, 28), (2028, 2, 29), (2100, 2, 28), (2000, 2, 29),
                                                      (2027, 4, 30), (2027, 12, 31)])
def test_days_in_month(year, month, days):
    assert Month(year, month).days == days


@pytest.mark.parametrize("bad", [(2027, 0), (2027, 13), (0, 1), (10000, 1)])
def test_invalid_month_raises_input_error(bad):
    with pytest.raises(InputError):
        Month(*bad)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2027-01", Month(2027, 1)),
        ("2027-1", Month(2027, 1)),
        ("2027/12", Month(2027, 12)),
        ("2027.3", Month(2027, 3)),
        ("2027年1月", Month(2027, 1)),
        ("2027 年 11 月", Month(2027, 11)),
        ("2027年1月份", Month(2027, 1)),
        ("202701", Month(2027, 1)),
        ("２０２７－０２", Month(2027, 2)),
        ("  2027-06  ", Month(2027, 6)),
    ],
)
def test_parse_month_accepts_common_spellings(text, expected):
    assert parse_month(text) == expected


@pytest.mark.parametrize("text", ["", "  ", "2027", "2027-13", "2027-00", "1949-12", "2101-01", "27-01", "一月",
                                  "2027-01-05", "abc", None])
def test_parse_month_rejects_bad_input_naming_the_field(text):
    with pytest.raises(InputError) as e:
        parse_month(text, "start", "开始月份")
    assert e.value.field == "start"
    assert e.value.message.startswith("开始月份：")
    assert "2027-01" in e.value.message


def test_parse_month_uses_the_given_field_and_label():
    with pytest.raises(InputError) as e:
        parse_month("13月", "records", "还款记录第3行的月份")
    assert e.value.field == "records" and e.value.message.startswith("还款记录第3行的月份：")


@pytest.mark.parametrize(
    ("today", "start"),
    [((2026, 12, 1), (2027, 1)), ((2026, 12, 31), (2027, 1)), ((2027, 1, 31), (2027, 2)), ((2028, 2, 29), (2028, 3))],
)
def test_default_start_is_the_month_after_the_given_date(today, start):
    assert default_start(datetime.date(*today)) == Month(*start)


@pytest.mark.parametrize(
    ("month", "day", "expected"),
    [
        ((2027, 2), 31, (2027, 2, 28)),
        ((2028, 2), 31, (2028, 2, 29)),
        ((2027, 2), 29, (2027, 2, 28)),
        ((2027, 4), 31, (2027, 4, 30)),
        ((2027, 1), 31, (2027, 1, 31)),
        ((2027, 2), 28, (2027, 2, 28)),
        ((2027, 6), 1, (2027, 6, 1)),
        ((2027, 6), 15, (2027, 6, 15)),
        ((2027, 6), None, (2027, 6, 1)),
    ],
)
def test_due_day_clamps_to_the_last_day_of_the_month(month, day, expected):
    assert due_date(Month(*month), day) == datetime.date(*expected)
    assert Month(*month).day(day if day is not None else 1) == datetime.date(*expected)


def test_due_date_default_can_be_changed_and_bad_days_are_rejected():
    assert due_date(Month(2027, 2), None, default=30) == datetime.date(2027, 2, 28)
    for bad in (0, 32, -1):
        with pytest.raises(InputError) as e:
            due_date(Month(2027, 2), bad)
        assert e.value.field == "due_day" and "1 到 31" in e.value.message


def test_plan_month_index_to_calendar_month():
    start = Month(2027, 1)
    assert month_of(start, 1) == start
    assert month_of(start, 12) == Month(2027, 12)
    assert month_of(start, 13) == Month(2028, 1)
    assert index_of(start, Month(2028, 1)) == 13
    assert index_of(start, Month(2026, 12)) == 0
    with pytest.raises(InputError):
        month_of(start, 0)


def test_worked_example_plan_in_calendar_months():
    debts = [Debt("A", D(5000), D("0.1825"), D(250)), Debt("B", D(12000), D("0.24"), D(600)),
             Debt("C", D(30000), D("0.072"), D(900))]
    r = plan(debts, D(2500), "avalanche")
    months = payoff_months(r.payoff_month, Month(2027, 1))
    assert {k: v.label for k, v in months.items()} == {"A": "2027年12月", "B": "2027年10月", "C": "2028年9月"}
    assert debt_free_month(r.months, Month(2027, 1)) == Month(2028, 9)
    assert month_labels(Month(2027, 1), len(r.table))[-1] == "2028年9月"
    assert debt_free_month(None, Month(2027, 1)) is None
    assert debt_free_month(0, Month(2027, 1)) is None


months = st.builds(Month, st.integers(1950, 2100), st.integers(1, 12))


@given(months, st.integers(-1200, 1200), st.integers(-1200, 1200))
def test_month_add_is_consistent(m, a, b):
    assert m.add(a).add(b) == m.add(a + b)
    assert m.add(a) - m == a
    assert (m.add(a) > m) == (a > 0)


@given(months)
def test_iso_and_label_parse_back(m):
    assert parse_month(m.iso) == m
    assert parse_month(m.label) == m


@given(months, st.integers(1, 600))
def test_month_of_and_index_of_are_inverse(start, k):
    assert index_of(start, month_of(start, k)) == k
    assert month_of(start, k) - start == k - 1


@given(months, st.integers(1, 31))
def test_due_date_is_in_the_month_and_never_after_the_due_day(m, day):
    d = due_date(m, day)
    assert (d.year, d.month) == (m.year, m.month)
    assert d.day == min(day, m.days)
