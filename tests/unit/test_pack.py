"""协商材料 (pack): the same figures as the inventory, budget, negotiation and letters tools, Chinese field errors,
and the printed page's parts."""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal

import pytest

from calculators import web
from calculators.budget import BudgetInput, budget
from calculators.debts import inventory
from calculators.forms import parse_fields
from calculators.listfields import parse_debts
from calculators.negotiate import DEFAULT_TERMS, NegotiationInput, negotiate
from calculators.tools import FORMS
from calculators.tools.letters import FIELDS as LETTER_FIELDS

DEBTS = "信用卡,5000,18%,250\n网贷,1.2万,24%,600,网贷平台,40\n消费贷,30000,7.2%,900"
INCOMES = "工资,6000\n兼职,300,每周"
EXPENSES = "房租,2000\n吃饭,1500\n外卖,300,可选"
LOG = json.dumps([{"when": "2026-11-20 22:30", "channel": "电话", "target": "家人", "said": "告诉你全家"}],
                 ensure_ascii=False)


def fields(**changes: str) -> dict[str, str]:
    out = {f.id: f.default for f in FORMS["pack"].fields}
    out.update(debts=DEBTS, incomes=INCOMES, expenses=EXPENSES, budget="2000", date="2026-12-01")
    out.update(changes)
    return out


def pack(**changes: str):
    values, errors = parse_fields(FORMS["pack"], fields(**changes))
    assert errors == {}
    return FORMS["pack"].compute(values)


def errors(**changes: str) -> dict[str, str]:
    out = web.run("pack", fields(**changes))
    assert "calc-errors" in out["html"]
    return out["errors"]


def test_all_debts_figures_equal_inventory_budget_and_negotiate():
    p = pack()
    debts = parse_debts(DEBTS)
    by_id = {f.id: f for f in FORMS["pack"].fields}
    plan = budget(BudgetInput(by_id["incomes"].parse(INCOMES), by_id["expenses"].parse(EXPENSES), Decimal(1750)))
    inv = inventory(debts, plan.total_income, as_of=date(2026, 12, 1))
    assert p.debts.total_balance == inv.total_balance == Decimal("47000.00")
    assert p.debts.total_minimums == inv.total_minimums and p.debts.monthly_interest == inv.monthly_interest
    assert p.budget == plan
    assert (p.budget.total_income, p.budget.essential, p.budget.optional) == (
        Decimal("7300.00"), Decimal("3500.00"), Decimal("300.00"))
    assert p.monthly == Decimal(2000)
    expected = negotiate(NegotiationInput(Decimal(47000), Decimal(0), Decimal(0), Decimal(2000),
                                          inv.weighted_rate, DEFAULT_TERMS))
    assert p.proposal == expected
    assert p.offer == expected.scenarios[1].shortest
    assert (p.offer.months, p.offer.payment) == (24, Decimal("1958.33"))


def test_one_debt_by_name_or_number_gets_what_the_others_leave():
    by_name, by_number = pack(target="网贷", interest="500", fees="800"), pack(target="2", interest="500", fees="800")
    assert by_name.target == by_number.target == "网贷"
    assert by_name.proposal == by_number.proposal
    assert by_name.monthly == Decimal(2000 - 250 - 900)  # the budget minus the other debts' minimum payments
    assert by_name.set_aside == Decimal(2000)
    expected = negotiate(NegotiationInput(Decimal(12000 - 500 - 800), Decimal(500), Decimal(800), Decimal(850),
                                          Decimal("0.24"), DEFAULT_TERMS))
    assert by_name.proposal == expected
    assert by_name.balance == Decimal(12000) and [d.name for d in by_name.chosen] == ["网贷"]
    html = web.run("pack", fields(target="网贷"))["html"]
    assert "网贷（助贷平台（与银行等合作））（本次协商）" in html and "信用卡（本次协商）" not in html


def test_the_letter_carries_the_same_figures_and_the_date():
    p = pack(target="网贷", name="张三", lender_name="某某小额贷款有限公司", reason="illness", has_proof="no")
    text = p.letter.text
    o = p.offer
    assert f"分 {o.months} 期偿还，每月【日】日前还款 {o.payment:,.2f} 元" in text
    assert f"我每月最多能拿出 {o.payment:,.2f} 元 用于这笔欠款" in text
    assert "目前欠款合计：12,000.00 元" in text
    assert "致：某某小额贷款有限公司" in text and "申请人：张三" in text
    assert text.rstrip().endswith("日期：2026年12月1日")
    assert "诊断证明这类正式证明" in text  # has_proof = no: the letters tool's alternatives
    assert "7,300.00 元" in text and "3,500.00 元" in text  # the budget's income and essentials
    html = web.run("pack", fields(target="网贷"))["html"]
    assert f"每月 ¥{o.payment:,.2f}" in html


def test_letter_without_an_offer_says_the_affordable_amount():
    p = pack(budget="150", debts="网贷,1.2万,24%,600")
    assert p.offer is None and p.monthly == Decimal(150)
    assert "我每月最多能拿出 150.00 元 用于这笔欠款" in p.letter.text
    assert any("超过 5 年" in w for w in p.warnings)


def test_empty_date_is_today():
    assert pack(date="").date == date.today()
    assert pack(date="2027年1月5日").letter.text.rstrip().endswith("日期：2027年1月5日")


def test_the_letter_fields_are_the_letters_tools_own():
    mine = {f.id: f for f in FORMS["pack"].fields}
    for f in LETTER_FIELDS:
        if f.id in ("name", "lender_name", "reason", "has_proof"):
            assert (mine[f.id].label, mine[f.id].help, mine[f.id].default, type(mine[f.id])) == (
                f.label, f.help, f.default, type(f))
            assert mine[f.id].modes == ()


@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"target": "花呗"}, "target", "债务清单里没有“花呗”"),
    ({"target": "4"}, "target", "1 到 3"),
    ({"target": "0"}, "target", "第几笔"),
    ({"target": "网贷", "interest": "2万"}, "interest", "超过了余额"),
    ({"target": "网贷", "interest": "6000", "fees": "6000"}, "target", "本金是 0"),
    ({"target": "网贷", "interest": "6000", "fees": "7000"}, "fees", "超过了余额"),
    ({"debts": "网贷,0,24%,0"}, "debts", "本金是 0"),
    ({"budget": "abc"}, "budget", "每月能拿出来还债的钱"),
    ({"budget": "-5"}, "budget", "每月能拿出来还债的钱"),
    ({"date": "昨天"}, "date", "材料上的日期"),
    ({"interest": "-1"}, "interest", "其中已产生的利息"),
    ({"reason": "lazy"}, "reason", "还不上的原因"),
    ({"debts": ""}, "debts", "你的债务"),
    ({"incomes": "工资,abc"}, "incomes", "收入"),
])
def test_bad_input_gives_chinese_errors_under_the_field(changes, field, words):
    errs = errors(**changes)
    assert field in errs, errs
    assert words in errs[field] and re.search(r"[\u4e00-\u9fff]", errs[field])


def test_budget_smaller_than_the_other_minimums_never_shows_negative_money():
    p = pack(target="网贷", budget="1000")
    assert p.monthly == Decimal(0)
    assert any("不够付其他债务的最低还款" in w for w in p.warnings)
    html = web.run("pack", fields(target="网贷", budget="1000"))["html"]
    assert "¥-" not in html and "60 期内放不进" in html


def test_a_promise_above_the_budget_is_questioned():
    p = pack(budget="5000")
    assert any("只向对方承诺做得到的数字" in w for w in p.warnings)
    assert not any("承诺做得到" in w for w in pack().warnings)


def test_attachments_never_ask_for_passwords_and_use_the_log_only_when_there_is_one():
    p = pack()
    joined = "".join(p.attachments)
    assert "身份证复印件：只在对方明确要求时" in joined
    assert "离职证明" in joined and "账单" in joined and "收支表" in joined
    assert "密码" not in joined and "验证码" not in joined and "催收记录" not in joined
    with_log = pack(entries=LOG)
    assert "催收记录小结" in with_log.attachments[-1] and "共 1 次" in with_log.attachments[-1]
    assert "催收" not in with_log.letter.text  # the hardship letter is about the hardship, not the log
    html = web.run("pack", fields())["html"]
    assert "不要交出：银行卡密码、短信验证码" in html and "代理协商" in html


def test_the_page_has_five_sections_a_print_button_and_one_letter():
    out = web.run("pack", fields(), data=True)
    html = out["html"]
    assert html.count('<section class="calc-pack-part">') == 5
    for title in ("一、债务情况", "二、每月收支", "三、分期还款方案", "四、协商还款申请书", "五、要带的材料"):
        assert f"<h3>{title}</h3>" in html
    assert html.count("data-letter") == 1 and 'data-action="print"' in html
    assert "2026年12月1日" in html and "¥47,000.00" in html and "¥7,300.00" in html
    assert out["data"]["offer"]["months"] == 24 and out["data"]["date"] == "2026-12-01"
    json.dumps(out["data"])


def test_the_saved_data_box_speaks_of_debts_and_budget():
    block = web.render_calculator("pack")
    assert "你填的债务和预算只保存在这台设备的浏览器里" in block
    assert 'data-action="export-csv"' in block


def test_typed_names_are_escaped():
    html = web.run("pack", fields(name="<img src=x>", lender_name="<script>x</script>",
                                  debts="<b>网贷</b>,1000,10%,100", target="<b>网贷</b>"))["html"]
    assert "<img" not in html and "<script" not in html and "<b>" not in html
