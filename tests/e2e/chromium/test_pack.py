"""协商材料 in Chromium: debts and a budget typed on the inventory and budget pages appear in the pack (the shared
store carries them), the result equals CPython's, and under print media only the pack and the crisis box show."""

from __future__ import annotations

from cases import DEFAULTS, MINE
from steps import debts_typed, expect_result, root_of, set_fields, wait_ready

from calculators import web

INCOMES = "工资,6500\n兼职,200,每周"
EXPENSES = "房租,1800\n吃饭,1500\n外卖,200,可选"


def _saved_on_other_pages(page_visit):
    """Type the debts on 债务清单 and the budget on 收支预算, as a reader would; return the pack page."""
    debts_typed(page_visit)
    page = page_visit.goto("/tools/budget/")
    wait_ready(page, "budget")
    set_fields(page, "budget", {"incomes": INCOMES, "expenses": EXPENSES})
    expect_result(page, "budget", web.run("budget", {**DEFAULTS["budget"], "debts": MINE, "incomes": INCOMES,
                                                     "expenses": EXPENSES})["html"])
    page = page_visit.goto("/tools/pack/")
    wait_ready(page, "pack")
    return page


def test_pack_shows_the_debts_and_budget_saved_on_the_other_pages(page_visit):
    page = _saved_on_other_pages(page_visit)
    fields = {**DEFAULTS["pack"], "debts": MINE, "incomes": INCOMES, "expenses": EXPENSES}
    expected = web.run("pack", fields)
    assert expected["errors"] == {}
    expect_result(page, "pack", expected["html"])
    root = root_of(page, "pack")
    assert root.locator('[name="debts"]').input_value() == MINE
    result = root.locator("[data-result]")
    debts = result.locator("section", has_text="一、债务情况").inner_text()
    assert "房贷" in debts and "网贷" in debts and "¥215,000.00" in debts
    budget = result.locator("section", has_text="二、每月收支").inner_text()
    assert "¥7,366.67" in budget and "¥3,300.00" in budget and "外卖" in budget  # 6500 + 200 × 52 ÷ 12
    letter = result.locator("[data-letter]").inner_text()
    assert "目前欠款合计：215,000.00 元" in letter and "7,366.67 元" in letter
    # One debt: the browser computes what CPython computes for the same saved data.
    set_fields(page, "pack", {"target": "网贷", "fees": "300"})
    expect_result(page, "pack", web.run("pack", {**fields, "target": "网贷", "fees": "300"})["html"])
    assert "网贷（助贷平台（与银行等合作））（本次协商）" in result.inner_text()
    assert page_visit.external == []


def test_print_media_shows_the_pack_and_the_crisis_box_only(page_visit):
    page = _saved_on_other_pages(page_visit)
    root = root_of(page, "pack")
    assert root.locator(".calc-form").is_visible() and page.locator("h1").is_visible()
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", "h1", ".admonition.abstract",
                   '[data-calculator="pack"] .calc-form', '[data-calculator="pack"] .calc-store',
                   '[data-calculator="pack"] .calc-status', '[data-action="print"]', '[data-action="copy"]',
                   ".calc-pack-screen", ".page-checked"):
        assert page.locator(hidden).first.is_hidden(), hidden
    pack = root.locator(".calc-pack")
    assert pack.is_visible()
    sections = pack.locator("section.calc-pack-part")
    assert sections.count() == 5
    for i in range(5):
        assert sections.nth(i).is_visible()
    assert pack.locator("[data-letter]").is_visible() and "房贷" in sections.nth(0).inner_text()
    crisis = page.locator("article > .admonition.danger")
    assert crisis.is_visible() and "12356" in crisis.inner_text()
    breaks = sections.evaluate_all("els => els.map(e => getComputedStyle(e).breakBefore)")
    assert breaks == ["auto", "page", "page", "page", "page"]
    colours = pack.evaluate("e => [getComputedStyle(e).color, getComputedStyle(document.body).backgroundColor]")
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]
    page.emulate_media(media="screen")
    assert root.locator(".calc-form").is_visible()
    assert page_visit.external == []
