import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators.errors import InputError
from calculators.money import FEN, MAX_MONEY, fen, format_money, parse_date, parse_int, parse_money


def pm(text, **kw):
    return parse_money(text, "principal", "借款本金", **kw)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("12000", "12000"),
        ("12,000", "12000"),
        ("12，000", "12000"),
        ("1.2万", "12000"),
        ("3千", "3000"),
        ("¥3000", "3000"),
        ("￥3000", "3000"),
        ("3000元", "3000"),
        ("3000 元", "3000"),
        ("１２０００", "12000"),
        ("  12000  ", "12000"),
        ("1.2万元", "12000"),
        ("0", "0"),
        ("12.345", "12.35"),
        ("12.344", "12.34"),
        ("1亿", "100000000"),
        ("1,234,567.89", "1234567.89"),
        ("￥１，２００．５０", "1200.50"),
    ],
)
def test_parse_money_accepts_chinese_input(text, expected):
    assert pm(text) == Decimal(expected)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "abc",
        "一万二三",
        "nan",
        "NaN",
        "inf",
        "-inf",
        "Infinity",
        "1e999",
        "1e5",
        "12元5",
        "1.2.3",
        "万",
        "¥",
        "1亿零1",
        "100000000.01",
        "2亿",
        "-5",
        "１２-",
        "12%",
        "0x10",
    ],
)
def test_parse_money_rejects_bad_input(text):
    with pytest.raises(InputError) as e:
        pm(text)
    assert e.value.field == "principal"
    assert "借款本金" in e.value.message


def test_parse_money_options():
    with pytest.raises(InputError, match="大于0"):
        pm("0", allow_zero=False)
    assert pm("-5", allow_negative=True) == Decimal("-5")
    assert pm("-¥3,000元", allow_negative=True) == Decimal("-3000")
    assert pm("+1.2万") == Decimal("12000")
    with pytest.raises(InputError, match="5万元"):
        pm("60000", maximum=Decimal(50000))
    with pytest.raises(InputError, match="负数"):
        pm("-1")


def test_error_message_names_range():
    with pytest.raises(InputError) as e:
        pm("abc")
    assert "1亿元" in e.value.message and "0元" in e.value.message


def test_fen_rounds_half_up():
    assert fen(Decimal("0.005")) == Decimal("0.01")
    assert fen(Decimal("2.675")) == Decimal("2.68")
    assert fen(Decimal("-0.005")) == Decimal("-0.01")
    assert fen(Decimal("1")).as_tuple().exponent == -2


def test_format_money():
    assert format_money(Decimal("12000")) == "12,000.00"
    assert format_money(Decimal("0")) == "0.00"
    assert format_money(Decimal("100000000")) == "100,000,000.00"
    assert format_money(Decimal("0.125")) == "0.13"


@given(st.decimals(min_value=0, max_value=MAX_MONEY, places=2, allow_nan=False, allow_infinity=False))
def test_format_parse_round_trip(x):
    assert pm(format_money(x)) == fen(x)
    assert pm(f"¥{format_money(x)}元") == fen(x)


@given(st.text(max_size=30))
def test_parsers_only_raise_input_error(text):
    for parse in (
        lambda t: pm(t),
        lambda t: parse_int(t, "months", "期数", minimum=1, maximum=600),
        lambda t: parse_date(t, "contract_date", "签约日期"),
    ):
        try:
            parse(text)
        except InputError as e:
            assert e.message and e.field


@given(st.text(alphabet="0123456789.,，万千亿元¥￥ -+%e１２３", max_size=14))
def test_parse_money_on_money_like_text(text):
    try:
        value = pm(text)
    except InputError:
        return
    assert 0 <= value <= MAX_MONEY
    assert value == fen(value)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("12", 12),
        ("１２", 12),
        ("12期", 12),
        ("12个月", 12),
        ("12 天", 12),
        (" 600 ", 600),
        ("1", 1),
    ],
)
def test_parse_int_accepts(text, expected):
    assert parse_int(text, "months", "期数", minimum=1, maximum=600) == expected


@pytest.mark.parametrize("text", ["", "0", "601", "1.5", "-3", "abc", "12年", "9" * 40, "1e3", "1 2", "1 5天"])
def test_parse_int_rejects(text):
    with pytest.raises(InputError) as e:
        parse_int(text, "months", "期数", minimum=1, maximum=600)
    assert "期数" in e.value.message and "600" in e.value.message


@pytest.mark.parametrize(
    "text",
    ["2025-06-01", "2025/6/1", "2025.6.1", "2025年6月1日", "２０２５年６月１日", "20250601", " 2025-6-1 "],
)
def test_parse_date_accepts(text):
    assert parse_date(text, "contract_date", "签约日期") == datetime.date(2025, 6, 1)


@pytest.mark.parametrize("text", ["", "2025-02-30", "2025-13-01", "昨天", "6/1/2025", "1800-01-01", "2025-6"])
def test_parse_date_rejects(text):
    with pytest.raises(InputError) as e:
        parse_date(text, "contract_date", "签约日期")
    assert "签约日期" in e.value.message


def test_fen_constant():
    assert FEN == Decimal("0.01") and MAX_MONEY == Decimal("100000000")
