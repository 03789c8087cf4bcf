"""Borrowing spiral (以贷养贷): loan-math §6.2 models 1 and 2."""

import json
from decimal import Decimal as D

import pytest

from calculators.errors import InputError
from calculators.serialize import to_data
from calculators.spiral import SpiralInput, doubling_months, growth_factor, spiral


def test_model_1_full_rollover():
    r = spiral(SpiralInput(D(10000), D("0.02"), D("0.03"), 24))
    by_month = {row.month: row.debt for row in r.rollover}
    assert by_month[1] == D("10515.46")
    assert by_month[3] == D("11627.47")
    assert by_month[6] == D("13519.81")
    assert by_month[12] == D("18278.53")
    assert by_month[24] == D("33410.46")
    assert r.doubling_months == D("13.8")
    assert r.effective_annual == D("0.8279")  # 82.8%
    assert r.bridge is None
    assert "82.8%" in r.conclusion and "协商" in r.conclusion


def test_model_2_shortfall_bridge():
    r = spiral(SpiralInput(D(10000), D("0.02"), D("0.03"), 24, obligations=D(5000), available=D(4000)))
    rows = {row.month: row for row in r.bridge}
    assert [rows[m].bridge_debt for m in (1, 3, 6, 12, 24)] == [
        D("1030.93"), D("3254.95"), D("7039.63"), D("16557.07"), D("46820.97")]
    assert rows[12].cumulative_shortfall == D(12000) and rows[24].cumulative_shortfall == D(24000)
    assert rows[12].financing_cost == D("4557.07")
    assert any("46820.97" in w for w in r.warnings)
    json.loads(json.dumps(to_data(r)))


def test_no_growth_means_no_doubling():
    assert doubling_months(growth_factor(D(0), D(0))) is None
    r = spiral(SpiralInput(D(10000), D(0), D(0), 12, obligations=D(4000), available=D(5000)))
    assert r.doubling_months is None
    assert all(row.debt == D(10000) for row in r.rollover)
    assert all(row.bridge_debt == 0 for row in r.bridge)
    assert "借新贷" in r.conclusion


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [({"debt": D(0)}, "start_debt"), ({"fee": D(1)}, "fee"), ({"months": 0}, "months"),
     ({"obligations": D(10)}, "available"), ({"monthly_rate": D(-1)}, "monthly_rate")],
)
def test_bad_input(kwargs, field):
    args = {"debt": D(1000), "monthly_rate": D("0.02"), "fee": D("0.03"), **kwargs}
    with pytest.raises(InputError) as e:
        spiral(SpiralInput(**args))
    assert e.value.field == field
