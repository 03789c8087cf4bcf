"""Every calculator page in Chromium: pre-rendered example, ``ready``, the same results as CPython, Chinese
field errors, and the shared debts that survive reloads, page changes and export → clear → import."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest
from conftest import wait_ready

from calculators import web

DEFAULTS = {cid: {f.id: f.default for f in form.fields} for cid, form in web.CALCULATORS.items()}
SWITCH = {cid: form.switch for cid, form in web.CALCULATORS.items()}
TEN = "\n".join(f"债务{k},{3000 + 1000 * k},{10 + 2 * k}%,{150 + 20 * k}" for k in range(10))

CASES = {
    "apr": [{"flat_fee": "0.75%"},
            {"mode": "daily", "principal": "2500", "months": "5", "daily_rate": "万五", "start_date": "2025-01-01"},
            {"mode": "schedule", "net_received_total": "9.9万", "payments": "8833.3，" * 12}],
    "schedule": [{"method": "annuity"},
                 {"method": "equal-principal", "principal": "12000", "annual_rate": "月息1分"},
                 {"method": "bullet", "days": "90", "day_basis": "365"}],
    "inventory": [{"monthly_income": "6000"},
                  {"debts": "网贷A,1.2万,36%,300,网贷平台,45\n借呗,8000,日息万五,400", "monthly_income": ""},
                  {"debts": TEN}],
    "plan": [{"strategy": "avalanche"}, {"strategy": "snowball", "budget": "3000"},
             {"budget": "1700"}, {"strategy": "avalanche", "start": "2027年6月"}],
    "progress": [{"strategy": "avalanche"}, {"budget": "3000", "start": "2026-08"},
                 {"records": "2026-09, 网贷, 余额 11000\n2026-10, 网贷, 已还 600"}],
    "negotiate": [{"budget": "800"}, {"principal": "1.2万", "interest": "", "fees": "600"},
                  {"annual_rate": "0", "terms": "6, 18, 30"}],
    "overdue": [{"days_overdue": "180"}, {"lender_type": "private", "annual_rate": "24%"},
                {"multiplier": "1.3", "fee_amount": "500", "unpaid_interest": "300"}],
    "spiral": [{"months": "12"}, {"monthly_rate": "3%", "fee": "5%", "obligations": "", "available": ""},
               {"start_debt": "5万", "available": "4500"}],
    "budget": [{"incomes": "工资,6000\n兼职,300,每周"}, {"expenses": "房租,5000\n吃饭,2500"},
               {"debts": "", "incomes": "工资,1.2万"}],
    "pack": [{"target": "网贷", "interest": "500", "fees": "800"},
             {"name": "张三", "lender_name": "某某消费金融有限公司", "reason": "illness", "has_proof": "no",
              "date": "2027-01-05"},
             {"budget": "800", "target": "1", "incomes": "工资,4000\n兼职,300,每周"}],
}
LOG = json.dumps([
    {"when": "2026-11-20 22:30", "channel": "电话", "contact": "95xxx", "target": "本人", "said": "说要上门", "files": "rec1.m4a"},
    {"when": "2026-11-20 23:10", "channel": "短信", "contact": "106xxx", "target": "家人", "said": "威胁告诉全家",
     "files": ""},
    {"when": "2026-11-21 09:00", "channel": "电话", "contact": "138xxxx", "target": "同事或单位", "said": "打到单位",
     "files": "rec2.m4a"},
], ensure_ascii=False)
CASES.update({
    "checker": [{"happened": "threats,night", "lender": "bank"}, {"happened": "third_party", "lender": "microloan"},
                {"happened": "impersonation,publish_info,extra_fees", "lender": "private", "entries": LOG}],
    "evidence-log": [{"entries": LOG}, {"entries": LOG, "sort": "old"}, {"entries": LOG, "filter_target": "third"}],
    "letters": [{"reason": "illness", "has_proof": "no", "amount": "3万", "months": "24", "monthly": "1300"},
                {"kind": "complaint-lender", "lender_name": "某某消费金融", "entries": LOG},
                {"kind": "police", "facts": "11月20日起有人多次打电话威胁。"}],
    "respond": [{"procedure": "small", "answer_days": "7", "judgment_date": "2027-01-08"},
                {"lender_type": "private", "contract_date": "2025-06-01", "through_date": "2026-06-01", "paid": "300"},
                {"procedure": "ordinary", "received": "1万", "hearing": "2027-01-12", "judgment_date": "2027-02-01",
                 "case_number": "（2026）某0105民初1号", "entries": LOG}],
    "what-to-do": [{"danger": "yes"}, {"selfharm": "yes", "harassed": "yes"},
                   {"overdue": "long", "pay": "none", "court": "papers", "lender": "bank"}],
})
BAD = ["abc", "-5", "1e999", ""]


def test_every_calculator_has_cases():
    assert set(CASES) == set(web.CALCULATORS)


def root_of(page, calc_id):
    return page.locator(f'[data-calculator="{calc_id}"]')


def set_fields(page, calc_id, fields):
    root = root_of(page, calc_id)
    switch = SWITCH[calc_id]
    ordered = sorted(fields.items(), key=lambda kv: kv[0] != switch)  # the switch first: it shows its fields
    for name, value in ordered:
        el = root.locator(f'form [name="{name}"]')
        if el.count() > 1:  # a group of checkboxes: the value is the comma-separated checked keys
            wanted = value.split(",")
            for box in el.all():
                box.set_checked(box.get_attribute("value") in wanted)
        elif not el.is_visible():  # a hidden store, or a field of another mode: set it, then say it changed
            el.evaluate("(e, v) => { e.value = v; e.dispatchEvent(new Event('input', { bubbles: true })); }", value)
        elif el.evaluate("e => e.tagName") == "SELECT":
            el.select_option(value)
        else:
            el.fill(value)


def expect_result(page, calc_id, expected_html, timeout=20_000):
    """Wait until the page shows exactly the HTML CPython produced (both normalised by the browser)."""
    page.wait_for_function(
        """([id, html]) => {
            const root = document.querySelector(`[data-calculator="${id}"]`);
            if (!root) return false;  // instant navigation has not swapped the page in yet
            const t = document.createElement("div");
            t.innerHTML = html;
            return root.dataset.state === "ready" && root.querySelector("[data-result]").innerHTML === t.innerHTML;
        }""",
        arg=[calc_id, expected_html], timeout=timeout)


@pytest.mark.parametrize("calc_id", sorted(web.CALCULATORS))
def test_prerendered_example_is_in_the_served_html(base_url, calc_id):
    html = urllib.request.urlopen(f"{base_url}/tools/{calc_id}/").read().decode("utf-8")
    assert f'data-calculator="{calc_id}"' in html and 'data-state="loading"' in html
    assert web.run(calc_id, DEFAULTS[calc_id])["html"] in html


@pytest.mark.parametrize("calc_id", sorted(web.CALCULATORS))
def test_browser_results_equal_cpython(page_visit, calc_id):
    page = page_visit.goto(f"/tools/{calc_id}/")
    wait_ready(page, calc_id)
    for case in CASES[calc_id]:
        fields = {**DEFAULTS[calc_id], **case}
        expected = web.run(calc_id, fields)
        assert expected["errors"] == {}, (case, expected["errors"])
        set_fields(page, calc_id, case)
        expect_result(page, calc_id, expected["html"])
        set_fields(page, calc_id, {k: DEFAULTS[calc_id][k] for k in case})
    assert page_visit.external == []


def _typed_field(calc_id):
    """The first field where a person types a number or a list (not a choice), in the form's default mode."""
    form = web.CALCULATORS[calc_id]
    mode = DEFAULTS[calc_id].get(form.switch)
    usable = [f for f in form.fields if not f.modes or mode in f.modes]
    return next((f for f in usable if f.kind in ("money", "int")), None) or next(
        (f for f in usable if f.kind == "lines"), None)


TYPED = sorted(c for c in web.CALCULATORS if _typed_field(c))


def test_tools_without_typed_numbers_are_only_choices_or_the_log():
    assert set(web.CALCULATORS) - set(TYPED) == {"checker", "evidence-log", "what-to-do"}


@pytest.mark.parametrize("calc_id", TYPED)
def test_bad_input_shows_chinese_error_on_the_field_and_recovers(page_visit, calc_id):
    field = _typed_field(calc_id)
    page = page_visit.goto(f"/tools/{calc_id}/")
    wait_ready(page, calc_id)
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
    assert page_visit.external == []


MINE = "房贷,20万,4.2%,1500\n网贷,1.5万,日息万五,900,网贷平台,20"
"""A reader's own debts (the shared debts box), used by the tests of saved data."""


def debts_typed(page_visit, debts: str = MINE):
    """债务清单 with ``debts`` typed as a reader would, once its result is CPython's; returns the page."""
    page = page_visit.goto("/tools/inventory/")
    wait_ready(page, "inventory")
    set_fields(page, "inventory", {"debts": debts})
    expect_result(page, "inventory", web.run("inventory", {**DEFAULTS["inventory"], "debts": debts})["html"])
    return page


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
