"""Budget (开源节流): monthly totals and where the plan stands against the minimums."""

import json
from decimal import Decimal as D

import pytest

from calculators.budget import BudgetInput, BudgetItem, budget, monthly_amount
from calculators.errors import InputError
from calculators.serialize import to_data


def test_weekly_items_convert_52_over_12():
    assert monthly_amount(BudgetItem("菜", D(300), weekly=True)) == D(1300)
    assert monthly_amount(BudgetItem("菜", D(100), weekly=True)) == D("433.33")
    assert monthly_amount(BudgetItem("房租", D(2000))) == D(2000)


def test_short_but_cutting_optional_spending_covers_minimums():
    r = budget(BudgetInput(
        [BudgetItem("工资", D(6000)), BudgetItem("兼职", D(150), weekly=True)],
        [BudgetItem("房租", D(2500)), BudgetItem("吃饭", D(300), weekly=True),
         BudgetItem("外卖", D(900), "optional")],
        D(1750),
    ))
    assert r.total_income == D(6650)
    assert r.essential == D(3800)
    assert r.optional == D(900)
    assert r.available == D(1950) and r.covers_minimums and r.gap == D(200)
    assert r.debt_service_ratio == D("0.2632")
    tight = budget(BudgetInput([BudgetItem("工资", D(6000))],
                               [BudgetItem("必要", D(3500)), BudgetItem("其他", D(800), "optional")], D(1750)))
    assert (tight.gap, tight.covers_minimums, tight.covers_if_cut, tight.gap_if_cut) == (D(-50), False, True, D(750))
    assert any("50.00" in w and "750.00" in w for w in tight.warnings)


def test_essentials_above_income_prioritise_basics_never_borrow():
    r = budget(BudgetInput([BudgetItem("工资", D(3000))], [BudgetItem("房租吃饭", D(3500))], D(1000)))
    assert r.available == D(-500) and not r.covers_if_cut
    text = "".join(r.warnings)
    assert "住房" in text and "不要为了还款借新贷" in text
    assert r.debt_service_ratio == D("0.3333")
    json.loads(json.dumps(to_data(r)))


def test_no_income():
    r = budget(BudgetInput([], [BudgetItem("吃饭", D(1000))], D(0)))
    assert r.debt_service_ratio is None and r.total_income == 0


@pytest.mark.parametrize(
    ("inp", "field"),
    [
        (BudgetInput([BudgetItem("x", D(-1))], []), "incomes[0].amount"),
        (BudgetInput([], [BudgetItem("x", D(1), "luxury")]), "expenses[0].kind"),
        (BudgetInput([], [], D(-5)), "debts"),
    ],
)
def test_bad_input(inp, field):
    with pytest.raises(InputError) as e:
        budget(inp)
    assert e.value.field == field
