"""Negotiation (协商分期 / 个性化分期 / 停息挂账): scenarios, shortest fitting term, asks."""

import json
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators.errors import InputError
from calculators.negotiate import NegotiationInput, negotiate
from calculators.serialize import to_data


def example(budget=1200, rate="0.12"):
    return negotiate(NegotiationInput(D(30000), D(2000), D(1000), D(budget), D(rate)))


def test_full_repayment_and_three_scenarios():
    r = example()
    assert r.total_now == D(33000) and not r.fits_now
    keys = [s.key for s in r.scenarios]
    assert keys == ["waive_all", "waive_future", "continue"]
    waive_all, waive_future, cont = r.scenarios
    assert (waive_all.base, waive_future.base, cont.base) == (D(30000), D(32000), D(33000))
    assert [o.months for o in waive_all.options] == [12, 24, 36, 48, 60]
    twelve = waive_all.options[0]
    assert (twelve.payment, twelve.total, twelve.fits) == (D(2500), D(30000), False)
    thirty_six = waive_all.options[2]
    assert (thirty_six.payment, thirty_six.last_payment, thirty_six.total) == (D("833.33"), D("833.45"), D(30000))


def test_shortest_fitting_term():
    waive_all, waive_future, cont = example().scenarios
    assert (waive_all.shortest.months, waive_all.shortest.payment) == (25, D(1200))
    assert (waive_future.shortest.months, waive_future.shortest.payment) == (27, D("1185.19"))
    assert cont.shortest.months == 33 and cont.shortest.payment <= D(1200)
    # interest continuing at 12%: 12 instalments of an annuity on 33000
    assert cont.options[0].payment == D("2932.01")
    assert cont.options[0].total > D(33000)


def test_asks_are_plain_and_discretionary():
    r = example()
    assert any("27 期" in a and "1185.19" in a for a in r.asks)
    assert any("减免罚息" in a for a in r.asks)
    assert any("不是法律用语" in a for a in r.asks)
    assert any("可以" in w and "第七十条" in w for w in r.warnings)


def test_budget_too_small_for_60_months():
    r = example(budget=300)
    assert all(s.shortest is None for s in r.scenarios)
    assert any("60 期" in w and "500.00" in w for w in r.warnings)
    json.dumps(to_data(r))


def test_budget_covers_everything_now():
    r = example(budget=40000)
    assert r.fits_now
    assert r.scenarios[2].shortest.months == 1


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [({"principal": D(0)}, "principal"), ({"fees": D(-1)}, "fees"), ({"terms": (0,)}, "terms"),
     ({"terms": (61,)}, "terms"), ({"annual_rate": D(-1)}, "annual_rate")],
)
def test_bad_input(kwargs, field):
    args = {"principal": D(1000), "monthly_budget": D(100), **kwargs}
    with pytest.raises(InputError) as e:
        negotiate(NegotiationInput(**args))
    assert e.value.field == field


@given(
    st.integers(1, 10_000_000).map(lambda c: D(c) / 100),
    st.integers(0, 1_000_000).map(lambda c: D(c) / 100),
    st.integers(0, 1_000_000).map(lambda c: D(c) / 100),
    st.integers(0, 2000).map(lambda bp: D(bp) / 10000),
)
def test_instalments_repay_the_base(principal, budget, fees, rate):
    r = negotiate(NegotiationInput(principal, D(0), fees, budget, rate))
    for s in r.scenarios:
        for o in s.options:
            assert o.payment >= 0 and o.last_payment >= 0
            if s.annual_rate == 0:
                assert o.total == s.base
            else:
                assert o.total >= s.base
            assert o.fits == (max(o.payment, o.last_payment) <= budget)
        if s.shortest is not None:
            assert s.shortest.fits
