"""Overdue cost (罚息 / 复利 / 违约金): loan-math §5.1 and the court benchmark."""

import json
from datetime import date
from decimal import Decimal as D

import pytest

from calculators.errors import InputError
from calculators.overdue import OverdueInput, overdue_cost
from calculators.serialize import to_data


def test_loan_math_5_1_worked_example():
    r = overdue_cost(OverdueInput(D(10000), D("0.072"), 30, date(2025, 6, 1)))
    assert r.now.penalty_interest == D("90.00")
    assert r.now.total == D("90.00")
    assert r.now.compound_interest == 0 and r.now.fee == 0
    assert [d for d, _ in r.projections] == [30, 90, 180]
    assert r.projections[0][1].penalty_interest == D("180.00")  # 60 days
    assert r.projections[-1][1].days == 210
    assert r.benchmark_rate == D("0.24")
    assert r.now.above_cap == 0
    assert any("主动提出" in w for w in r.warnings)


def test_compound_interest_fee_and_annualised_rate():
    inp = OverdueInput(D(10000), D("0.18"), 90, date(2025, 6, 1), unpaid_interest=D(500),
                       fee_amount=D(50), fee_percent=D("0.05"))
    r = overdue_cost(inp)
    assert r.now.penalty_interest == D("675.00")  # 10000 × 0.27 / 360 × 90
    assert r.now.compound_interest == D("33.75")  # 500 × 0.27 / 360 × 90
    assert r.now.fee == D("575.00")  # 50 + 5% × 10500
    assert r.now.total == D("1283.75")
    assert r.now.annualised == D("0.5206")  # 1283.75 / 10000 × 365 / 90
    assert r.now.cap_amount == D("591.78")  # 10000 × 24% × 90 / 365
    assert r.now.above_cap == D("691.97")
    no_compound = overdue_cost(OverdueInput(D(10000), D("0.18"), 90, date(2025, 6, 1),
                                            unpaid_interest=D(500), compound=False))
    assert no_compound.now.compound_interest == 0


def test_private_lending_uses_four_times_lpr():
    r = overdue_cost(OverdueInput(D(10000), D("0.10"), 365, date(2025, 6, 1), lender_type="private",
                                  fee_amount=D(800)))
    assert r.benchmark_rate == D("0.12")
    assert r.now.cap_amount == D("1200.00")
    assert r.now.total == D("2320.83")  # 10000 × 0.15 / 360 × 365 + 800
    assert r.now.above_cap == D("1120.83")
    assert r.source_ids


def test_day_basis_and_multiplier_are_parameters():
    r = overdue_cost(OverdueInput(D(10000), D("0.072"), 30, date(2025, 6, 1), multiplier=D("1.3"), day_basis=365))
    assert r.now.penalty_interest == D("76.93")  # 10000 × 0.0936 / 365 × 30
    assert any("365" in c for c in r.conventions)


def test_zero_days_and_json():
    r = overdue_cost(OverdueInput(D(10000), D("0.072"), 0, date(2025, 6, 1)))
    assert r.now.total == 0 and r.now.annualised is None
    d = json.loads(json.dumps(to_data(r)))
    assert d["projections"][0][0] == 30 and d["projections"][0][1]["days"] == 30


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [({"principal": D(0)}, "principal"), ({"multiplier": D(3)}, "multiplier"),
     ({"day_basis": 300}, "day_basis"), ({"fee_percent": D(2)}, "fee_percent"),
     ({"days_overdue": -1}, "days_overdue")],
)
def test_bad_input(kwargs, field):
    args = {"principal": D(1000), "annual_rate": D("0.1"), "days_overdue": 10, "contract_date": date(2025, 6, 1),
            **kwargs}
    with pytest.raises(InputError) as e:
        overdue_cost(OverdueInput(**args))
    assert e.value.field == field
