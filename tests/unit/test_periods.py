"""诉讼期间 (periods): the holiday data, rest days, and deadlines counted as 民事诉讼法 第八十五条 counts them."""

from __future__ import annotations

import datetime
import json
from importlib.resources import files

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import periods, sources
from calculators.errors import InputError
from calculators.periods import deadline, is_rest_day

D = datetime.date
DATA = json.loads((files("calculators") / "data" / "holidays.json").read_text(encoding="utf-8"))
COVERED = periods.calendar().years


def test_the_data_covers_2025_and_2026_only_and_names_its_sources():
    assert COVERED == (2025, 2026)
    laws = sources.laws()
    assert DATA["weekend_source"] in laws
    for year, info in DATA["years"].items():
        assert laws[info["source"]]["weight"] == "normative-document"
        assert year in laws[info["source"]]["name"]
        for first, last in info["off"]:
            assert first[:4] == last[:4] == year and first <= last
        for day in info["work"]:
            assert day[:4] == year and D.fromisoformat(day).weekday() >= 5  # 调休上班 is always a weekend day


@pytest.mark.parametrize(("day", "rest"), [
    ("2025-01-01", True), ("2025-01-26", False), ("2025-02-04", True), ("2025-02-08", False), ("2025-04-27", False),
    ("2025-05-05", True), ("2025-06-02", True), ("2025-09-28", False), ("2025-10-08", True), ("2025-10-11", False),
    ("2026-01-03", True), ("2026-01-04", False), ("2026-02-14", False), ("2026-02-23", True), ("2026-02-28", False),
    ("2026-04-06", True), ("2026-05-05", True), ("2026-05-09", False), ("2026-06-19", True), ("2026-09-20", False),
    ("2026-09-25", True), ("2026-10-07", True), ("2026-10-10", False),
    ("2026-12-12", True), ("2026-12-14", False),  # an ordinary Saturday and Monday
])
def test_rest_days_follow_the_published_notices(day, rest):
    assert is_rest_day(D.fromisoformat(day)) is rest


def test_a_year_without_data_is_unknown_not_guessed():
    assert is_rest_day(D(2027, 1, 1)) is None and is_rest_day(D(2024, 10, 1)) is None


@pytest.mark.parametrize(("start", "days", "naive", "due"), [
    ("2026-11-27", 15, "2026-12-12", "2026-12-14"),  # Saturday → Monday
    ("2026-02-05", 15, "2026-02-20", "2026-02-24"),  # inside the Spring Festival break
    ("2026-02-13", 15, "2026-02-28", "2026-02-28"),  # a Saturday that is a 调休 working day: no extension
    ("2025-09-20", 15, "2025-10-05", "2025-10-09"),  # National Day 2025 (10/1–10/8)
    ("2026-06-01", 7, "2026-06-08", "2026-06-08"),  # a Monday: nothing to move
])
def test_deadlines(start, days, naive, due):
    d = deadline(D.fromisoformat(start), days)
    assert (d.naive.isoformat(), d.due.isoformat(), d.uncovered) == (naive, due, None)
    assert len(d.skipped) == (d.due - d.naive).days


def test_the_starting_day_is_not_counted():
    """Served on the 1st, a 1-day period ends on the 2nd (民诉法解释 第一百二十五条: 从次日起算)."""
    assert deadline(D(2026, 6, 1), 1).naive == D(2026, 6, 2)


def test_a_deadline_in_a_year_without_data_says_so():
    d = deadline(D(2026, 12, 20), 15)
    assert (d.naive, d.due, d.uncovered, d.skipped) == (D(2027, 1, 4), D(2027, 1, 4), 2027, ())
    assert periods.uncovered_note(2027).startswith("2027年的放假安排本工具还没有，请以法院通知和国务院公布的安排为准")


def test_extension_walking_into_a_year_without_data_stops_there(monkeypatch):
    """If the last day is a rest day and the extension runs into a year without data, the tool does not guess:
    it gives the unextended day and names the year (a calendar where 2026-12-31 is a holiday)."""
    real = periods.calendar()
    fake = periods.Calendar(real.off | {D(2026, 12, 31)}, real.work, real.years, real.sources, real.weekend_source)
    monkeypatch.setattr(periods, "calendar", lambda: fake)
    d = deadline(D(2026, 12, 16), 15)
    assert (d.naive, d.due, d.uncovered) == (D(2026, 12, 31), D(2026, 12, 31), 2027)


@pytest.mark.parametrize("days", [0, -1, periods.MAX_PERIOD + 1, True])
def test_bad_period_lengths_are_refused(days):
    with pytest.raises(InputError):
        deadline(D(2026, 1, 1), days)


covered_day = st.dates(min_value=D(2024, 12, 1), max_value=D(2026, 11, 30))


@given(start=covered_day, days=st.integers(min_value=1, max_value=30))
def test_property_a_deadline_never_lands_on_a_rest_day_and_is_never_early(start, days):
    d = deadline(start, days)
    assert d.naive == start + datetime.timedelta(days=days)  # the starting day is not counted
    assert d.due >= d.naive
    if d.uncovered is None:
        assert is_rest_day(d.due) is False
        assert all(is_rest_day(x) for x in d.skipped)
        assert d.skipped == tuple(d.naive + datetime.timedelta(days=i) for i in range((d.due - d.naive).days))
    else:
        assert d.due == d.naive and d.uncovered not in COVERED
