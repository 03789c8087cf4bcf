"""Storage faults are survivable and typed text stays (issue 11): a full local storage keeps what the reader typed
on the page, says 没有保存 and still exports; a huge unreadable saved value never stops a calculator; each tool's
own fields survive instant navigation, back and reload (a per-page draft, cleared by 清除本机数据)."""

from __future__ import annotations

import json
from pathlib import Path

from cases import DEFAULTS
from playwright.sync_api import expect
from steps import expect_result, root_of, set_fields, wait_ready

from calculators import web

STORE_KEY = "wdyq:v1:shared"
MINE = "房贷,20万,4.2%,1500\n网贷,1.5万,日息万五,900,网贷平台,20"

FILL = """() => {
    // Fill local storage until not even one more character fits.
    let n = 0;
    for (let size = 1 << 20; size >= 1; size >>= 1) {
        const chunk = "x".repeat(size);
        for (;;) {
            try { localStorage.setItem(`fill:${n++}`, chunk); } catch { break; }
        }
    }
    try { localStorage.setItem("fill:probe", "y"); return false; } catch { return true; }
}"""


def test_full_storage_keeps_the_typed_debts_says_not_saved_and_exports(page_visit):
    page = page_visit.goto("/tools/inventory/")
    wait_ready(page, "inventory")
    assert page.evaluate(FILL), "local storage could not be filled"
    set_fields(page, "inventory", {"debts": MINE})
    root = root_of(page, "inventory")
    expect(root.locator("[data-store-msg]")).to_contain_text("没有保存")
    expect_result(page, "inventory", web.run("inventory", {**DEFAULTS["inventory"], "debts": MINE})["html"])
    assert root.locator('[name="debts"]').input_value() == MINE
    assert not [e for e in page_visit.console_errors if "QuotaExceeded" in e], "an uncaught storage error"
    with page.expect_download() as d:
        root.locator('[data-store-msg] [data-action="export-json"]').click()
    assert json.loads(Path(d.value.path()).read_text(encoding="utf-8"))["fields"]["debts"] == MINE
    assert page_visit.external == []


def test_huge_unreadable_saved_value_never_stops_the_calculator(page_visit):
    page = page_visit.goto("/tools/inventory/")
    garbage = page.evaluate("k => { const g = '\\u0001垃圾'.repeat(4 * 1024 * 1024 / 3); localStorage.setItem(k, g);"
                            " return g.length; }", STORE_KEY)
    assert page.evaluate(FILL), "local storage could not be filled"  # so that no copy of it fits either
    page.reload()
    wait_ready(page, "inventory")
    root = root_of(page, "inventory")
    msg = root.locator("[data-store-msg]")
    expect(msg).to_contain_text("无法读取")
    # An edit before the download computes, says 没有保存 and does not overwrite the unreadable value.
    set_fields(page, "inventory", {"debts": MINE})
    expect_result(page, "inventory", web.run("inventory", {**DEFAULTS["inventory"], "debts": MINE})["html"])
    expect(msg).to_contain_text("没有保存")
    assert page.evaluate("k => localStorage.getItem(k).length", STORE_KEY) == garbage
    with page.expect_download() as d:
        msg.locator('[data-action="download-unreadable"]').click()
    assert len(Path(d.value.path()).read_text(encoding="utf-8")) == garbage
    expect(msg).to_contain_text("已下载")
    assert page_visit.external == []


def test_unreadable_value_that_fits_is_copied_aside(page_visit):
    page = page_visit.goto("/tools/inventory/")
    page.evaluate("k => localStorage.setItem(k, JSON.stringify({schema: 1, fields: 'not an object'}))", STORE_KEY)
    page.reload()
    wait_ready(page, "inventory")
    expect(root_of(page, "inventory").locator("[data-store-msg]")).to_contain_text("已原样另存")
    backups = page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('wdyq:backup:'))")
    assert len(backups) == 1 and page.evaluate("k => localStorage.getItem(k)", STORE_KEY) is None


PLAN_OWN = {"extra": "6, 3000", "budget_changes": "13, 3000"}
"""The plan's own fields (its draft); strategy, order and start are shared with 还款进度, so they are saved in the
shared store instead."""


def own_fields(page):
    root = root_of(page, "plan")
    return {name: root.locator(f'form [name="{name}"]').input_value() for name in PLAN_OWN}


def test_own_fields_survive_instant_navigation_back_and_reload(page_visit):
    page = page_visit.goto("/tools/plan/")
    wait_ready(page, "plan")
    set_fields(page, "plan", PLAN_OWN)
    expected = web.run("plan", {**DEFAULTS["plan"], **PLAN_OWN})["html"]
    expect_result(page, "plan", expected)
    page.evaluate("window.__samePage = 1")
    page.locator('a[href$="/tools/inventory/"]:visible').first.click()
    wait_ready(page, "inventory")
    page.locator('a[href$="/tools/plan/"]:visible').first.click()
    page.wait_for_url("**/tools/plan/")
    expect_result(page, "plan", expected, timeout=60_000)
    assert own_fields(page) == PLAN_OWN
    assert page.evaluate("window.__samePage") == 1, "the links did full page loads, not instant navigation"
    page.go_back()
    wait_ready(page, "inventory")
    page.go_forward()
    expect_result(page, "plan", expected, timeout=60_000)
    assert own_fields(page) == PLAN_OWN
    page.reload()
    expect_result(page, "plan", expected, timeout=60_000)
    assert own_fields(page) == PLAN_OWN
    drafts = page.evaluate("() => Object.keys(localStorage).filter(k => k.includes('draft'))")
    assert drafts == ["wdyq:v1:draft:plan"]
    with page.expect_download() as d:
        root_of(page, "plan").locator('[data-action="export-json"]').click()
    exported = json.loads(Path(d.value.path()).read_text(encoding="utf-8"))
    assert not set(PLAN_OWN) & set(exported["fields"]), "a draft is included in nothing else"
    page.on("dialog", lambda dialog: dialog.accept())
    root_of(page, "plan").locator('[data-action="clear"]').click()
    expect_result(page, "plan", web.run("plan", DEFAULTS["plan"])["html"])
    assert page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('wdyq:'))") == []
    assert own_fields(page) == {name: DEFAULTS["plan"][name] for name in PLAN_OWN}
    assert page_visit.external == []
