"""Debt inventory (梳理债务): loading CSV/JSON and the summary with its flags."""

import json
from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators.debts import Debt, inventory, load_debts
from calculators.errors import InputError
from calculators.serialize import to_data

AS_OF = date(2026, 1, 1)


def test_load_csv_english_headers_with_bom_and_optional_columns():
    text = (
        "\ufeffname,balance,annual_rate,minimum_payment,lender_type,product,due_day,days_overdue\n"
        "信用卡,5000,18.25%,250,bank,某行信用卡,5,\n"
        "网贷,1.2万,日息万五,600,platform,,,30\n"
    )
    a, b = load_debts(text)
    assert (a.name, a.balance, a.annual_rate, a.minimum_payment) == ("信用卡", D(5000), D("0.1825"), D(250))
    assert (a.lender_type, a.product, a.due_day, a.days_overdue) == ("bank", "某行信用卡", 5, 0)
    assert (b.balance, b.annual_rate, b.days_overdue, b.due_day) == (D(12000), D("0.18"), 30, None)


def test_load_csv_chinese_headers_and_lender_alias():
    text = "名称,余额,年化利率,最低还款,机构类型,逾期天数\n朋友借款,￥3，000,月息1分,100,民间借贷,0\n"
    (d,) = load_debts(text)
    assert d.balance == D(3000) and d.annual_rate == D("0.12") and d.lender_type == "private"


@pytest.mark.parametrize(
    "text",
    [
        '[{"name": "A", "balance": 5000, "annual_rate": "18%", "minimum_payment": 250.5}]',
        '{"debts": [{"名称": "A", "余额": "5000", "年化利率": "18%", "最低还款": "250.50"}]}',
    ],
)
def test_load_json(text):
    (d,) = load_debts(text)
    assert d == Debt("A", D(5000), D("0.18"), D("250.50"))


@pytest.mark.parametrize(
    ("text", "field", "fragment"),
    [
        ("name,balance,annual_rate,minimum_payment\nA,1,1%,1\nB,1,1%,1\nC,abc,1%,1\n", "debts[2].balance", "第3笔"),
        ("name,balance,annual_rate,minimum_payment\nA,1,,1\n", "debts[0].annual_rate", "年化利率"),
        ("name,balance,annual_rate,minimum_payment\nA,1,很多,1\n", "debts[0].annual_rate", "年化利率"),
        ("name,balance,annual_rate,minimum_payment\nA,1,手续费0.6%/月,1\n", "debts[0].annual_rate", "真实年化"),
        ("name,balance,annual_rate,minimum_payment,lender_type\nA,1,1%,1,alien\n", "debts[0].lender_type", "机构类型"),
        ("name,balance,annual_rate,minimum_payment,due_day\nA,1,1%,1,32\n", "debts[0].due_day", "还款日"),
        ("名称,余额\nA,1\n", "debts[0].annual_rate", "没有填"),
        ("name,balance,annual_rate,minimum_payment\n", "debts", "没有"),
        ("", "debts", "空"),
        ("[1, 2]", "debts", "JSON"),
        ("{broken", "debts", "JSON"),
    ],
)
def test_bad_rows_name_row_and_column(text, field, fragment):
    with pytest.raises(InputError) as e:
        load_debts(text)
    assert e.value.field == field
    assert fragment in e.value.message


@given(st.text(max_size=200))
def test_loader_only_raises_input_error(text):
    try:
        debts = load_debts(text)
    except InputError as e:
        assert e.message
    else:
        assert all(isinstance(d.balance, D) for d in debts)


def example():
    return [
        Debt("信用卡", D(5000), D("0.1825"), D(250), "bank"),
        Debt("网贷", D(12000), D("0.36"), D(200), "platform", days_overdue=15),
        Debt("朋友", D(10000), D("0.15"), D(500), "private"),
        Debt("消费贷", D(30000), D("0.40"), D(1200), "consumer-finance"),
    ]


def keys(line):
    return [f.key for f in line.flags]


def test_inventory_totals_and_flags():
    inv = inventory(example(), D(8000), as_of=AS_OF)
    assert inv.total_balance == D(57000)
    assert inv.total_minimums == D(2150)
    assert inv.monthly_interest == D("76.04") + D(360) + D(125) + D(1000)
    # (5000×0.1825 + 12000×0.36 + 10000×0.15 + 30000×0.40) / 57000
    assert inv.weighted_rate == D("0.3286")  # 18732.5 / 57000
    assert inv.debt_service_ratio == D("0.2688")
    card, online, friend, consumer = inv.lines
    assert keys(card) == []
    assert keys(online) == ["over_24", "never_shrinks", "overdue"]  # 36% is not above 36%
    assert keys(friend) == ["over_private_cap"]  # 4 × LPR 3.00% = 12%
    assert keys(consumer) == ["over_36"]
    assert "负摊还" in online.flags[1].message


def test_interest_only_flag_and_no_income():
    inv = inventory([Debt("x", D(12000), D("0.24"), D(240))], as_of=AS_OF)
    assert "只还利息" in inv.lines[0].flags[-1].message
    assert inv.debt_service_ratio is None
    assert inventory([], as_of=AS_OF).weighted_rate is None


def test_inventory_warns_when_minimums_exceed_income():
    inv = inventory(example(), D(1500), as_of=AS_OF)
    assert inv.debt_service_ratio > 1
    assert any("协商" in w for w in inv.warnings)
    d = json.loads(json.dumps(to_data(inv)))
    assert d["total_balance"] == "57000.00" and d["lines"][1]["flags"][0]["key"] == "over_24"
