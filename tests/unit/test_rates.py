import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators.errors import InputError
from calculators.rates import (
    Rate,
    apr_of_payments,
    daily_loan_apr,
    flat_fee_apr,
    format_percent,
    irr,
    parse_rate,
    xirr_days,
)
from calculators.schedules import flat
from calculators.serialize import to_data

D = Decimal


def pr(text, **kw):
    return parse_rate(text, "rate", "年利率", **kw)


@pytest.mark.parametrize(
    "text,value,period,is_flat",
    [
        ("18%", "0.18", "year", False),
        ("18", "0.18", "year", False),
        ("年化18%", "0.18", "year", False),
        ("年利率18%", "0.18", "year", False),
        ("日息0.05%", "0.0005", "day", False),
        ("日利率0.05%", "0.0005", "day", False),
        ("万五", "0.0005", "day", False),
        ("日息万五", "0.0005", "day", False),
        ("万分之五", "0.0005", "day", False),
        ("月息1分", "0.01", "month", False),
        ("1.5分", "0.015", "month", False),
        ("月利率1.5%", "0.015", "month", False),
        ("月费率0.6%", "0.006", "month", True),
        ("手续费0.6%/月", "0.006", "month", True),
        ("0.05%/天", "0.0005", "day", False),
        ("１８％", "0.18", "year", False),
        (" 年化 18 % ", "0.18", "year", False),
        ("万2.5", "0.00025", "day", False),
        ("年息1分", "0.1", "year", False),
        ("0", "0", "year", False),
        ("1000%", "10", "year", False),
    ],
)
def test_parse_rate_accepts(text, value, period, is_flat):
    assert pr(text) == Rate(D(value), period, is_flat)


def test_parse_rate_default_period():
    assert pr("1.5", default_period="month") == Rate(D("0.015"), "month")
    assert pr("0.05", default_period="day") == Rate(D("0.0005"), "day")
    assert pr("年化18%", default_period="month").period == "year"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        "nan",
        "inf",
        "1e999",
        "-5%",
        "1001%",
        "日息3%",
        "月息84%",
        "18%%",
        "年化18%/月",
        "日息1分",
        "0",
        "18.5.1",
        "%",
    ],
)
def test_parse_rate_rejects(text):
    with pytest.raises(InputError) as e:
        pr(text, allow_zero=False)
    assert e.value.field == "rate" and "年利率" in e.value.message


def test_rate_cap_uses_annual_equivalent():
    assert pr("日息2.7%").annual(365) < 10  # 985.5% a year is allowed
    with pytest.raises(InputError):
        pr("日息2.8%")  # 1022% a year (×365)
    with pytest.raises(InputError):
        pr("月息84分")


@given(st.text(max_size=30))
def test_parse_rate_only_raises_input_error(text):
    try:
        rate = pr(text)
    except InputError as e:
        assert e.field == "rate" and e.message
    else:
        assert rate.value >= 0 and rate.annual(365) <= 10 and rate.period in ("day", "month", "year")


def test_conversions():
    day = Rate(D("0.0005"), "day")
    assert day.annual() == D("0.18") and day.annual(365) == D("0.1825")
    assert day.monthly() == D("0.015")
    assert Rate(D("0.12"), "year").monthly() == D("0.01")
    assert Rate(D("0.18"), "year").daily() == D("0.0005")
    assert Rate(D("0.01"), "month").annual() == D("0.12")
    assert abs(Rate(D("0.01"), "month").daily() - D("0.01") / 30) < D("1e-30")
    with pytest.raises(InputError):
        day.annual(364)


def test_format_percent():
    assert format_percent(D("0.130312")) == "13.03%"
    assert format_percent(D("0.13035")) == "13.04%"
    assert format_percent(D("0")) == "0.00%"
    assert format_percent(D("-0.00001")) == "0.00%"


def test_flat_fee_worked_example():
    r = flat_fee_apr(D(12000), 12, D("0.006"))
    assert r.payments == [D("1072.00")] * 12
    assert r.total_cost == D("864.00")
    assert format_percent(r.apr) == "13.03%" and format_percent(r.effective_annual) == "13.84%"
    assert abs(r.monthly_irr - D("0.010862")) < D("0.000001")
    assert r.warnings and r.conventions
    d = to_data(r)
    assert format_percent(D(d["apr"])) == "13.03%" and d["payments"][0] == "1072.00"


@pytest.mark.parametrize(
    "fee,n,apr,eff",
    [
        ("0.0075", 12, "16.22%", "17.48%"),
        ("0.005", 3, "8.98%", "9.36%"),
        ("0.005", 36, "11.08%", "11.66%"),
        ("0.006", 6, "12.24%", "12.95%"),
        ("0.006", 24, "13.27%", "14.10%"),
        ("0.0075", 3, "13.45%", "14.31%"),
        ("0.0075", 36, "16.24%", "17.51%"),
        ("0.007", 12, "15.16%", "16.26%"),
        ("0.008", 12, "17.27%", "18.71%"),
        ("0.0065", 12, "14.10%", "15.05%"),
    ],
)
def test_flat_fee_table(fee, n, apr, eff):
    r = flat_fee_apr(D(12000), n, D(fee))
    assert (format_percent(r.apr), format_percent(r.effective_annual)) == (apr, eff)


def test_one_off_fee_spdb_example():
    # SPDB 12期 one-off fee 8.16%: billed with the first instalment 15.79%, deducted at drawdown 16.01%
    billed = flat_fee_apr(D(10000), 12, D(0), one_off_fee=D(816))
    assert format_percent(billed.apr) == "15.79%"
    upfront = flat_fee_apr(D(10000), 12, D(0), net_received=D(9184))
    assert format_percent(upfront.apr) == "16.01%"
    assert any("砍头息" in w for w in upfront.warnings)


def test_pboc_example():
    r = apr_of_payments(D(99000), [D("8833.3")] * 12)
    assert format_percent(r.apr) == "12.80%" and format_percent(r.effective_annual) == "13.58%"
    assert abs(r.apr - D("0.128038")) < D("0.000001")
    no_fee = apr_of_payments(D(100000), [D("8833.3")] * 12)
    assert format_percent(no_fee.apr) == "10.90%"


def test_daily_example():
    r = daily_loan_apr(D(2500), D("0.0005"), 5, datetime.date(2025, 1, 1))
    assert r.total_interest == D("112.75")
    assert [i.payment for i in r.schedule.instalments] == [
        D(x) for x in ("538.75", "528.00", "523.25", "515.00", "507.75")
    ]
    assert format_percent(r.apr_365) == "18.12%" and format_percent(r.apr_360) == "17.87%"
    assert abs(r.daily_irr - D("0.00049640")) < D("0.0000001")
    assert format_percent(D(to_data(r)["apr_360"])) == "17.87%"


def test_xirr_days_bullet():
    start = datetime.date(2025, 1, 1)
    r = xirr_days(D(1000), start, [(datetime.date(2025, 1, 11), D(1005))])
    assert abs(r.daily_irr - D("0.000498879")) < D("0.000000001")
    with pytest.raises(InputError):
        xirr_days(D(1000), start, [(datetime.date(2024, 12, 1), D(1100))])


def test_irr_edge_cases():
    assert irr(D(1000), [D(999)]) is None  # repays less than received: no non-negative rate
    assert irr(D(1000), [D(500), D(500)]) == 0
    assert irr(D(1000), []) is None
    assert irr(D(0), [D(100)]) is None
    assert irr(D(100), [D(100), D(1)], times=[0, 0]) is None  # no sign change
    big = irr(D(100), [D(10000)])  # 9900% per period: the bracket must grow
    assert abs(big - D(99)) < D("1e-15")
    with pytest.raises(InputError):
        apr_of_payments(D(1000), [D(900)])
    with pytest.raises(InputError):
        apr_of_payments(D(1000), [])


@given(
    st.integers(min_value=1, max_value=36),
    st.integers(min_value=1, max_value=200),
    st.integers(min_value=100, max_value=10_000_000),
)
def test_flat_apr_monotonic_in_fee(n, fee_bp, cents):
    principal = D(cents) / 100
    low = flat_fee_apr(principal, n, D(fee_bp) / 10000)
    high = flat_fee_apr(principal, n, D(fee_bp + 10) / 10000)
    assert 0 <= low.apr <= high.apr
    assert low.effective_annual >= low.apr  # compounding never lowers the rate
    # the IRR reproduces the cash flows: discounting the payments at m gives back what was received
    m = low.monthly_irr
    pv = sum(p / (1 + m) ** k for k, p in enumerate(low.payments, start=1))
    assert abs(pv - low.net_received) < D("0.000001")


@given(st.integers(min_value=1, max_value=24), st.integers(min_value=0, max_value=300))
def test_flat_apr_above_nominal(n, fee_bp):
    fee = D(fee_bp) / 10000
    r = flat_fee_apr(D(10000), n, fee)
    s = flat(D(10000), fee, n)
    assert r.payments == s.payments
    assert r.apr >= fee * 12 - D("0.0001")  # repaying principal early makes the true rate higher, never lower
