"""Payoff plans (还款计划): loan-math §6.1 worked examples, edge cases and invariants."""

import json
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators.debts import Debt
from calculators.errors import InputError
from calculators.plan import MAX_MONTHS, compare, instalment_months, plan
from calculators.serialize import to_data


def example_debts():
    return [
        Debt("A", D(5000), D("0.1825"), D(250)),
        Debt("B", D(12000), D("0.24"), D(600)),
        Debt("C", D(30000), D("0.072"), D(900)),
    ]


@pytest.mark.parametrize(
    ("budget", "strategy", "payoff", "months", "interest"),
    [
        (2500, "avalanche", {"B": 10, "A": 12, "C": 21}, 21, "4527.85"),
        (2500, "snowball", {"A": 6, "B": 13, "C": 21}, 21, "4696.43"),
        (3000, "avalanche", {"B": 8, "A": 9, "C": 17}, 17, "3619.18"),
        (3000, "snowball", {"A": 4, "B": 9, "C": 17}, 17, "3755.21"),
        (1750, "avalanche", {"A": 25, "B": 26, "C": 32}, 32, "7863.32"),
        (1750, "minimum", {"A": 25, "B": 26, "C": 38}, 38, "8057.44"),
        (2500, "minimum", {"A": 25, "B": 26, "C": 38}, 38, "8057.44"),
    ],
)
def test_loan_math_6_1_worked_examples(budget, strategy, payoff, months, interest):
    r = plan(example_debts(), D(budget), strategy)
    assert r.feasible
    assert r.payoff_month == payoff
    assert r.months == months
    assert r.total_interest == D(interest)
    assert r.total_paid == D(47000) + D(interest)
    assert len(r.table) == months
    assert r.table[-1].total_balance == 0


def test_budget_below_minimums_is_reported_not_raised():
    r = plan(example_debts(), D(1700))
    assert not r.feasible
    assert r.shortfall == D("50.00")
    assert r.minimum_budget == D("1750.00")
    assert r.months is None and r.table == []
    zero, weighted = r.instalment_fits
    assert zero.annual_rate == 0 and zero.months == 28 and zero.payment == D("1678.57")
    assert weighted.annual_rate > 0 and weighted.months is not None and weighted.months > zero.months
    assert weighted.payment <= D(1700)
    assert any("50.00" in w for w in r.warnings)


def test_instalment_months_none_when_budget_too_small():
    fit = instalment_months(D(100000), D(100), D(0))
    assert fit.months is None and fit.payment is None
    assert instalment_months(D(6000), D(500), D(0)).months == 12


def test_negative_amortisation_is_detected_and_capped():
    r = plan([Debt("X", D(10000), D("0.24"), D(150))], D(150))
    assert r.feasible
    assert r.never_shrinks == ["X"]
    assert r.never_pays_off
    assert r.months is None
    assert r.payoff_month == {"X": None}
    assert r.table[0].balances[0] == D("10050.00")  # 200 interest − 150 paid
    assert len(r.table) <= MAX_MONTHS
    assert any("还不清" in w for w in r.warnings)


def test_interest_only_minimum_hits_month_cap():
    r = plan([Debt("X", D(10000), D("0.24"), D(200))], D(200))
    assert r.never_shrinks == ["X"]
    assert r.capped and r.never_pays_off
    assert len(r.table) == MAX_MONTHS
    assert r.table[-1].total_balance == D(10000)


def test_never_shrinking_debt_can_still_be_paid_with_extra_budget():
    r = plan([Debt("X", D(10000), D("0.24"), D(150))], D(1000))
    assert r.never_shrinks == ["X"] and not r.never_pays_off and r.months is not None


def test_interest_accrues_once_on_start_balance_then_minimums_then_target():
    r = plan(example_debts(), D(2500), "avalanche")
    m1 = r.table[0]
    assert m1.interest == [D("76.04"), D("240.00"), D("180.00")]
    # A and C get only their minimums; B (highest rate) gets its minimum plus the rest
    assert m1.payments == [D(250), D(1350), D(900)]
    assert m1.balances == [D("4826.04"), D("10890.00"), D("29280.00")]
    assert m1.total_paid == D(2500)


def test_freed_minimum_rolls_over_within_the_same_month():
    debts = [Debt("small", D(100), D(0), D(50)), Debt("big", D(1000), D(0), D(50))]
    r = plan(debts, D(200), "snowball")
    assert r.table[0].payments == [D(100), D(100)]
    assert r.payoff_month["small"] == 1
    assert r.table[1].payments == [D(0), D(200)]


def test_one_off_extra_payment_and_budget_change():
    base = plan(example_debts(), D(2500))
    extra = plan(example_debts(), D(2500), extra_payments={1: D(5000)})
    assert extra.table[0].total_paid == D(7500)
    assert extra.total_interest < base.total_interest
    assert extra.months < base.months
    raised = plan(example_debts(), D(2000), budget_changes=[(6, D(3000))])
    assert raised.table[4].budget == D(2000) and raised.table[5].budget == D(3000)
    assert raised.table[5].total_paid == D(3000)


def test_budget_change_below_minimums_later_is_infeasible_from_that_month():
    r = plan(example_debts(), D(2500), budget_changes=[(4, D(1000))])
    assert not r.feasible
    assert r.infeasible_month == 4
    assert len(r.table) == 3
    assert r.shortfall == D(750)


def test_custom_order():
    r = plan(example_debts(), D(2500), "custom", order=["C", "A"])
    assert r.table[0].payments == [D(250), D(600), D(1650)]
    with pytest.raises(InputError) as e:
        plan(example_debts(), D(2500), "custom", order=["Z"])
    assert e.value.field == "order"


def test_zero_balance_debt_counts_as_paid_at_month_zero():
    r = plan([Debt("done", D(0), D("0.1"), D(100)), Debt("x", D(300), D(0), D(100))], D(100))
    assert r.payoff_month == {"done": 0, "x": 3}
    assert r.minimum_budget == D(100)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"budget": D(-1)}, "budget"),
        ({"strategy": "fastest"}, "strategy"),
        ({"debts": []}, "debts"),
        ({"debts": [Debt("a", D(1), D(0), D(1)), Debt("a", D(1), D(0), D(1))]}, "debts[1].name"),
        ({"debts": [Debt("a", D(-1), D(0), D(1))]}, "debts[0].balance"),
        ({"debts": [Debt("a", D(1), D(-1), D(1))]}, "debts[0].annual_rate"),
    ],
)
def test_bad_typed_input_raises_input_error(kwargs, field):
    args = {"debts": example_debts(), "budget": D(2500), "strategy": "avalanche", **kwargs}
    with pytest.raises(InputError) as e:
        plan(args["debts"], args["budget"], args["strategy"])
    assert e.value.field == field


def test_compare_side_by_side():
    c = compare(example_debts(), D(2500))
    assert c.avalanche.total_interest == D("4527.85")
    assert c.snowball.total_interest == D("4696.43")
    assert c.minimum.months == 38
    assert c.interest_saved == {"avalanche": D("3529.59"), "snowball": D("3361.01")}
    assert c.months_saved == {"avalanche": 17, "snowball": 17}
    assert any("168.58" in w for w in c.warnings)


def test_data_is_json_safe_and_states_timing():
    r = plan(example_debts(), D(2500))
    d = json.loads(json.dumps(to_data(r)))
    assert d["total_interest"] == "4527.85"
    assert d["table"][0]["payments"] == ["250.00", "1350.00", "900.00"]
    assert any("月初余额" in c for c in d["conventions"])
    json.dumps(to_data(compare(example_debts(), D(1700))))


money = st.integers(min_value=0, max_value=5_000_000).map(lambda c: D(c) / 100)
debt_st = st.builds(
    lambda b, r, m: (b, r, m),
    money,
    st.integers(min_value=0, max_value=6000).map(lambda bp: D(bp) / 10000),
    st.integers(min_value=0, max_value=300_000).map(lambda c: D(c) / 100),
)


@given(
    st.lists(debt_st, min_size=1, max_size=5),
    st.integers(min_value=-50_000, max_value=500_000).map(lambda c: D(c) / 100),
    st.sampled_from(["avalanche", "snowball", "minimum", "custom"]),
    st.dictionaries(st.integers(1, 24), st.integers(0, 200_000).map(lambda c: D(c) / 100), max_size=2),
)
def test_plan_invariants(raw, headroom, strategy, extras):
    debts = [Debt(f"d{i}", b, r, m) for i, (b, r, m) in enumerate(raw)]
    budget = max(D(0), sum((min(d.minimum_payment, d.balance) for d in debts), D(0)) + headroom)
    order = [d.name for d in reversed(debts)] if strategy == "custom" else None
    r = plan(debts, budget, strategy, order=order, extra_payments=extras)
    # terminates, or says it cannot
    assert len(r.table) <= MAX_MONTHS
    assert (r.months is not None) or r.never_pays_off or not r.feasible
    if headroom < 0 and budget < r.minimum_budget:
        assert not r.feasible and r.shortfall > 0
        return
    prev = [d.balance for d in debts]
    for row in r.table:
        assert all(b >= 0 for b in row.balances)
        assert all(p >= 0 for p in row.payments)
        assert row.total_paid == sum(row.payments)
        assert row.total_paid <= budget + extras.get(row.month, D(0))
        for i, d in enumerate(debts):
            owed = prev[i] + row.interest[i]
            if prev[i] > 0:
                assert row.payments[i] >= min(d.minimum_payment, owed)
                assert row.balances[i] == owed - row.payments[i]
            else:
                assert row.payments[i] == 0 and row.interest[i] == 0
        prev = row.balances
    assert sum((d.balance for d in debts), D(0)) + r.total_interest == r.total_paid + sum(prev, D(0))
    if r.months is not None:
        assert r.total_paid == sum((d.balance for d in debts), D(0)) + r.total_interest
        assert all(m is not None and m <= r.months for m in r.payoff_month.values())
