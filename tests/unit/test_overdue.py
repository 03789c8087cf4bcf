"""Overdue cost (罚息 / 复利 / 违约金): CONVENTIONS.md §8 and the court benchmark."""

import json
from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import web
from calculators.errors import InputError
from calculators.overdue import OverdueInput, overdue_cost
from calculators.serialize import to_data
from calculators.tools import overdue as tool

DEFAULTS = {f.id: f.default for f in tool.FIELDS}


def test_overdue_worked_example():
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


def test_the_multiplier_is_the_contracts_not_a_rule():
    """罚息倍数按合同填写: no multiple is presented as usual or as the rule, and the result says whose number it is."""
    for k in (D(1), D("1.2"), D("1.5"), D(2)):
        r = overdue_cost(OverdueInput(D(10000), D("0.072"), 30, date(2025, 6, 1), multiplier=k))
        text = " ".join(r.warnings + r.conventions)
        assert f"罚息倍数按 {k} 计算" in text and "以合同的逾期利率（罚息）条款为准" in text
        assert "通常" not in text and "常见" not in text and "251号" not in text
    field = next(f for f in tool.FIELDS if f.id == "multiplier")
    assert "按合同" in field.label and "只是示例，不是规定" in field.help
    assert "常见" not in field.html()


@pytest.mark.parametrize(("written", "penalty"), [
    ("1", "60.00"), ("1.3", "78.00"), ("上浮30%", "78.00"), ("1.3倍", "78.00"), ("130%", "78.00"),
    ("加收 50%", "90.00"), ("2", "120.00")])
def test_the_form_reads_the_multiplier_as_a_contract_writes_it(written, penalty):
    out = web.run("overdue", {**DEFAULTS, "multiplier": written}, data=True)
    assert out["errors"] == {}
    assert out["data"]["now"]["penalty_interest"] == penalty  # 10000 × 7.2% × k ÷ 360 × 30


@pytest.mark.parametrize("written", ["0.5", "上浮150%", "2.5", "50%"])
def test_a_multiplier_outside_one_to_two_is_refused_under_its_field(written):
    errors = web.run("overdue", {**DEFAULTS, "multiplier": written})["errors"]
    assert list(errors) == ["multiplier"] and "按合同" in errors["multiplier"]


@given(st.integers(min_value=0, max_value=100), st.sampled_from(["上浮{}%", "加收{}%", "提高 {}%"]))
def test_a_raise_in_percent_is_the_same_multiplier_as_the_number(n, written):
    """“上浮n%” and 1 + n/100 are the same 罚息倍数, and the penalty grows in proportion to it."""
    field = next(f for f in tool.FIELDS if f.id == "multiplier")
    k = field.parse(written.format(n))
    assert k == field.parse(str(1 + D(n) / 100)) == 1 + D(n) / 100
    base = overdue_cost(OverdueInput(D(36000), D("0.10"), 36, date(2025, 6, 1), multiplier=D(1))).now.penalty_interest
    r = overdue_cost(OverdueInput(D(36000), D("0.10"), 36, date(2025, 6, 1), multiplier=k))
    assert r.now.penalty_interest == base * k  # 36000 × 10% ÷ 360 × 36 = 360.00, so × k stays exact to the fen
