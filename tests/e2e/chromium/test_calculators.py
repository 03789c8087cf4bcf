"""Every calculator page in Chromium: pre-rendered example, ``ready``, the same results as CPython, Chinese
field errors, keyboard use, and the shared debts that survive reloads, page changes and export → clear → import.

The checks that need no fresh profile (CPython's results, bad input, the keyboard) run in one reader's browser,
the ``tour``: the runtime starts once, on the first tool, and every other tool is reached as a reader reaches it,
by Material's instant navigation (the worker survives it). Each tool's first load in a fresh browser is checked
in test_pages.py::test_page.
"""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest
from cases import BAD, CASES, DEFAULTS, MINE, TYPED, expected_html, typed_field
from conftest import Visit
from playwright.sync_api import expect
from steps import debts_typed, expect_result, follow_link, root_of, set_fields, wait_ready

from calculators import web


def test_every_calculator_has_cases():
    assert set(CASES) == set(web.CALCULATORS)


@pytest.mark.parametrize("calc_id", sorted(web.CALCULATORS))
def test_prerendered_example_is_in_the_served_html(base_url, calc_id):
    html = urllib.request.urlopen(f"{base_url}/tools/{calc_id}/").read().decode("utf-8")
    assert f'data-calculator="{calc_id}"' in html and 'data-state="loading"' in html
    assert expected_html(calc_id) in html


class Tour:
    """One reader's browser moving from tool to tool by instant navigation: one runtime start for the module."""

    def __init__(self, browser, base_url):
        self.visit = Visit(browser, base_url)
        self.page = self.visit.goto("/")
        self.page.wait_for_function("() => window.document$ !== undefined")  # Material runs: instant navigation
        self.page.evaluate("window.__tour = 1")

    def go(self, calc_id: str):
        """Follow the site's own link to /tools/ID/ (Material's instant navigation: no page load), with no saved
        data, as a new reader; returns the page once the tool is ready."""
        page = self.page
        page.evaluate("localStorage.clear()")
        follow_link(page, f"/tools/{calc_id}/")
        wait_ready(page, calc_id)
        assert page.evaluate("window.__tour") == 1, "the link did a full page load, not instant navigation"
        # One calculators' worker for the whole tour (in idle time a second one may make the memory snapshot).
        workers = len([u for u in self.visit.requests if u.endswith("/assets/calc-worker.js")])
        assert workers == 1, f"the calculators' worker was started {workers} times"
        assert self.visit.external == []
        return page


@pytest.fixture(scope="module")
def tour(browser, base_url):
    t = Tour(browser, base_url)
    yield t
    t.visit.context.close()


@pytest.mark.parametrize("calc_id", sorted(web.CALCULATORS))
def test_browser_results_equal_cpython(tour, calc_id):
    page = tour.go(calc_id)
    for case in CASES[calc_id]:
        set_fields(page, calc_id, case)
        expect_result(page, calc_id, expected_html(calc_id, case))
        set_fields(page, calc_id, {k: DEFAULTS[calc_id][k] for k in case})
    expect_result(page, calc_id, expected_html(calc_id))


def test_tools_without_typed_numbers_are_only_choices_or_the_log():
    assert set(web.CALCULATORS) - set(TYPED) == {"checker", "evidence-log", "what-to-do"}


@pytest.mark.parametrize("calc_id", TYPED)
def test_bad_input_shows_chinese_error_on_the_field_and_recovers(tour, calc_id):
    field = typed_field(calc_id)
    page = tour.go(calc_id)
    slot = root_of(page, calc_id).locator(f'[data-error-for="{field.id}"]')
    for bad in BAD if field.kind != "lines" and not field.optional else BAD[:-1]:  # empty can be a valid answer
        expected = web.run(calc_id, {**DEFAULTS[calc_id], field.id: bad})
        assert field.id in expected["errors"], (field.id, bad)
        set_fields(page, calc_id, {field.id: bad})
        expect_result(page, calc_id, expected["html"])
        text = slot.inner_text()
        assert text == expected["errors"][field.id] and field.label in text
        assert "NaN" not in page.locator("article").inner_text()
    set_fields(page, calc_id, {field.id: field.default})
    expect_result(page, calc_id, web.run(calc_id, DEFAULTS[calc_id])["html"])
    assert slot.inner_text() == ""


def tab_to(page, name: str) -> None:
    """Press Tab until the element with this name has the focus."""
    for _ in range(250):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.name") == name:
            return
    pytest.fail(f"{name} cannot be reached with the Tab key")


@pytest.mark.parametrize("calc_id", sorted(web.CALCULATORS))
def test_keyboard_only_use(tour, calc_id):
    page = tour.go(calc_id)
    form = web.CALCULATORS[calc_id]
    mode = DEFAULTS[calc_id].get(form.switch)
    usable = [f for f in form.fields if not f.modes or mode in f.modes]
    typed = next((f for f in usable if f.kind in ("money", "int", "lines")), None)
    if calc_id == "evidence-log":  # type an entry, then press the add button with the keyboard
        tab_to(page, "when")
        page.keyboard.type("2026-11-25 22:15")
        tab_to(page, "said")
        page.keyboard.type("晚上打电话催款")
        tab_to(page, "add")
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.querySelector('[name=\"entries\"]').value.includes('22:15')")
        # The result is rendered after the store update: wait for what the reader sees, not for the store.
        expect(page.locator('[data-calculator="evidence-log"] [data-result]')).to_contain_text("晚上打电话催款")
        return
    if typed:
        tab_to(page, typed.id)
        value = "9876" if typed.kind != "lines" else DEFAULTS[calc_id][typed.id].splitlines()[0]
        page.keyboard.press("Control+A")
        page.keyboard.type(value)
        changed = {typed.id: value}
    elif any(f.kind == "checks" for f in usable):  # tick the first box with the space bar
        field = next(f for f in usable if f.kind == "checks")
        tab_to(page, field.id)
        first = page.evaluate("document.activeElement.value")
        page.keyboard.press("Space")
        ticked = set(DEFAULTS[calc_id][field.id].split(",")) ^ {first}
        changed = {field.id: ",".join(k for k, _ in field.choices if k in ticked)}
    else:  # choose the next option of the first question with the arrow key
        field = next(f for f in usable if f.kind == "choice")
        tab_to(page, field.id)
        page.keyboard.press("ArrowDown")
        keys = [k for k, _ in field.choices]
        changed = {field.id: keys[keys.index(DEFAULTS[calc_id][field.id]) + 1]}
    expect_result(page, calc_id, web.run(calc_id, {**DEFAULTS[calc_id], **changed})["html"])


def test_shared_debts_survive_reload_and_instant_navigation(page_visit):
    page = debts_typed(page_visit)
    page.reload()
    wait_ready(page, "inventory")
    assert root_of(page, "inventory").locator('[name="debts"]').input_value() == MINE
    # Material's instant navigation: follow an in-site link; the same worker serves the next page.
    loads = len([u for u in page_visit.requests if u.endswith("pyodide.asm.wasm")])
    page.evaluate("window.__samePage = 1")
    page.locator('a[href$="/tools/plan/"]:visible').first.click()
    page.wait_for_url("**/tools/plan/")
    expect_result(page, "plan", web.run("plan", {**DEFAULTS["plan"], "debts": MINE})["html"], timeout=60_000)
    assert root_of(page, "plan").locator('[name="debts"]').input_value() == MINE
    assert page.evaluate("window.__samePage") == 1, "the link did a full page load, not instant navigation"
    wasm = [u for u in page_visit.requests if u.endswith("pyodide.asm.wasm")]
    assert len(wasm) == loads, "instant navigation started the runtime again"
    assert page_visit.external == []


def test_export_clear_import_restores_exactly(page_visit, tmp_path):
    page = page_visit.goto("/tools/plan/")
    wait_ready(page, "plan")
    set_fields(page, "plan", {"debts": MINE, "budget": "3200"})
    expect_result(page, "plan", web.run("plan", {**DEFAULTS["plan"], "debts": MINE, "budget": "3200"})["html"])
    root = root_of(page, "plan")
    with page.expect_download() as d:
        root.locator('[data-action="export-json"]').click()
    exported = Path(d.value.path()).read_text(encoding="utf-8")
    assert json.loads(exported)["fields"]["debts"] == MINE
    with page.expect_download() as d:
        root.locator('[data-action="export-csv"]').click()
    csv_bytes = Path(d.value.path()).read_bytes()
    assert csv_bytes.startswith("\ufeff名称,余额".encode())
    page.on("dialog", lambda dialog: dialog.accept())
    root.locator('[data-action="clear"]').click()
    page.wait_for_function("() => localStorage.getItem('wdyq:v1:shared') === null")
    assert root.locator('[name="debts"]').input_value() == DEFAULTS["plan"]["debts"]
    json_file = tmp_path / "wdyq-data.json"
    json_file.write_text(exported, encoding="utf-8")
    root.locator('input[type="file"][data-action="import"]').set_input_files(str(json_file))
    expect_result(page, "plan", web.run("plan", {**DEFAULTS["plan"], "debts": MINE, "budget": "3200"})["html"])
    assert root.locator('[name="debts"]').input_value() == MINE
    # CSV import: clear again, import the CSV, and the debts come back the same.
    root.locator('[data-action="clear"]').click()
    page.wait_for_function("() => localStorage.getItem('wdyq:v1:shared') === null")
    csv_file = tmp_path / "wdyq-debts.csv"
    csv_file.write_bytes(csv_bytes)
    root.locator('input[type="file"][data-action="import"]').set_input_files(str(csv_file))
    page.wait_for_function("""() => document.querySelector('[name="debts"]').value.startsWith('房贷')""")
    assert root.locator('[name="debts"]').input_value() == MINE
    assert page_visit.external == []


def test_corrupt_saved_data_is_set_aside_with_a_notice(page_visit):
    page = page_visit.goto("/tools/budget/")
    page.evaluate("localStorage.setItem('wdyq:v1:shared', '{not json')")
    page.reload()
    wait_ready(page, "budget")
    notice = root_of(page, "budget").locator("[data-store-msg]").inner_text()
    assert "无法读取" in notice
    backups = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('wdyq:backup:'))")
    assert len(backups) == 1
    assert page.evaluate(f"localStorage.getItem('{backups[0]}')") == "{not json"
