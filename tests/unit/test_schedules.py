import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators.errors import InputError
from calculators.schedules import (
    METHODS,
    add_months,
    annuity,
    build,
    bullet,
    equal_principal,
    flat,
    interest_only,
)
from calculators.serialize import to_data

D = Decimal


def test_annuity_worked_example():
    s = annuity(D(10000), D("0.01"), 12)
    first, second, last = s.instalments[0], s.instalments[1], s.instalments[-1]
    assert (first.payment, first.interest, first.principal, first.balance) == (
        D("888.49"),
        D("100.00"),
        D("788.49"),
        D("9211.51"),
    )
    assert (second.interest, second.principal) == (D("92.12"), D("796.37"))
    assert (last.payment, last.interest, last.principal, last.balance) == (
        D("888.47"),
        D("8.80"),
        D("879.67"),
        D("0.00"),
    )
    assert all(i.payment == D("888.49") for i in s.instalments[:-1])
    assert s.total_interest == D("661.86") and s.total_paid == D("10661.86")
    assert s.method == "annuity" and s.label == "等额本息" and s.conventions


def test_equal_principal_worked_example():
    s = equal_principal(D(12000), D("0.01"), 12)
    assert s.payments == [D(1120 - 10 * k) for k in range(12)]
    assert s.payments[0] == D("1120.00") and s.payments[-1] == D("1010.00")
    assert s.total_interest == D("780.00")


def test_equal_principal_tail():
    s = equal_principal(D(10000), D(0), 3)
    assert [i.principal for i in s.instalments] == [D("3333.33"), D("3333.33"), D("3333.34")]


def test_interest_only():
    s = interest_only(D(10000), D("0.01"), 12)
    assert s.payments == [D("100.00")] * 11 + [D("10100.00")]
    assert s.total_interest == D("1200.00")
    assert [i.balance for i in s.instalments] == [D(10000)] * 11 + [D(0)]


def test_bullet():
    assert bullet(D(10000), D("0.12"), 90).total_interest == D("300.00")
    s = bullet(D(10000), D("0.12"), 90, day_basis=365)
    assert s.total_interest == D("295.89") and s.payments == [D("10295.89")]
    assert "365" in s.conventions[0]
    with pytest.raises(InputError):
        bullet(D(10000), D("0.12"), 90, day_basis=364)
    with pytest.raises(InputError):
        bullet(D(10000), D("0.12"), 0)


def test_flat():
    s = flat(D(12000), D("0.006"), 12)
    assert s.payments == [D("1072.00")] * 12 and s.total_interest == D("864.00")
    assert s.warnings
    with_fee = flat(D(10000), D(0), 12, one_off_fee=D(816))
    assert with_fee.payments[0] == D("1649.33") and with_fee.payments[1] == D("833.33")
    assert with_fee.payments[-1] == D("833.37") and with_fee.total_interest == D("816.00")


def test_zero_rate():
    for fn in (annuity, equal_principal, interest_only, flat):
        s = fn(D(1000), D(0), 7)
        assert s.total_interest == 0 and s.total_paid == D(1000)
    assert annuity(D(1000), D(0), 3).payments == [D("333.33"), D("333.33"), D("333.34")]
    assert bullet(D(1000), D(0), 30).total_paid == D(1000)


def test_build_dispatch():
    assert build("annuity", D(10000), D("0.12"), 12).total_interest == D("661.86")
    assert build("bullet", D(10000), D("0.12"), 90, day_basis=365).total_interest == D("295.89")
    assert set(METHODS) == {"annuity", "equal-principal", "interest-only", "bullet", "flat"}
    with pytest.raises(InputError):
        build("balloon", D(1), D(0), 1)


def test_bad_arguments():
    with pytest.raises(InputError):
        annuity(D(-1), D("0.01"), 12)
    with pytest.raises(InputError):
        annuity(D(1), D("-0.01"), 12)
    with pytest.raises(InputError):
        annuity(D(1), D("0.01"), 0)
    with pytest.raises(InputError):
        annuity(D("NaN"), D("0.01"), 12)


def test_data():
    s = annuity(D(10000), D("0.01"), 12)
    d = to_data(s)
    assert d["method"] == "annuity" and s.label == "等额本息" and d["total_interest"] == "661.86"
    assert d["instalments"][0] == {
        "period": 1,
        "payment": "888.49",
        "principal": "788.49",
        "interest": "100.00",
        "balance": "9211.51",
        "due": None,
    }


def test_add_months():
    assert add_months(datetime.date(2025, 1, 31), 1) == datetime.date(2025, 2, 28)
    assert add_months(datetime.date(2024, 1, 31), 1) == datetime.date(2024, 2, 29)
    assert add_months(datetime.date(2025, 11, 15), 3) == datetime.date(2026, 2, 15)


def test_a_thousand_month_schedule_repays_exactly():
    """Its speed is measured by make bench-engine (a timer in a test fails at random on a busy machine)."""
    s = annuity(D(1000000), D("0.005"), 1000)
    assert len(s.instalments) == 1000 and s.instalments[-1].balance == 0
    assert sum(i.principal for i in s.instalments) == D(1000000)


principals = st.integers(min_value=1, max_value=10_000_000_000).map(lambda c: D(c) / 100)  # 0.01 .. 1亿
monthly = st.integers(min_value=0, max_value=5000).map(lambda bp: D(bp) / 100000)  # 0 .. 5%/month
terms = st.integers(min_value=1, max_value=120)


def _check_invariants(s, principal):
    p = sum((i.principal for i in s.instalments), D(0))
    assert p == principal
    for i in s.instalments:
        assert i.payment == i.principal + i.interest
        assert i.balance >= 0 and i.principal >= 0 and i.interest >= 0
        assert i.payment == i.payment.quantize(D("0.01"))
    assert s.instalments[-1].balance == 0
    assert s.total_paid == principal + s.total_interest
    balances = [principal] + [i.balance for i in s.instalments]
    assert all(b >= a for a, b in zip(balances[1:], balances, strict=False))  # never increases


@given(principals, monthly, terms)
def test_annuity_invariants(principal, rate, n):
    s = annuity(principal, rate, n)
    _check_invariants(s, principal)
    if (
        principal >= n
    ):  # sub-fen instalments can run the balance out early; otherwise all but the last are equal
        assert len({i.payment for i in s.instalments[:-1]}) <= 1


@given(principals, monthly, terms)
def test_equal_principal_invariants(principal, rate, n):
    _check_invariants(equal_principal(principal, rate, n), principal)


@given(principals, monthly, terms)
def test_flat_invariants(principal, rate, n):
    s = flat(principal, rate, n)
    _check_invariants(s, principal)
    assert s.total_interest == (principal * rate * n).quantize(D("0.01"), rounding="ROUND_HALF_UP")


@given(principals, monthly, terms)
def test_interest_only_invariants(principal, rate, n):
    _check_invariants(interest_only(principal, rate, n), principal)
