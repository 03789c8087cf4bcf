"""Rights tools in Chromium: the collection log kept in this browser, letters built from it, the checker, and
escaping of everything a person types (issue: rights tools)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cases import DEFAULTS, LOG
from playwright.sync_api import expect
from steps import expect_result, follow_link, root_of, set_fields, wait_ready

from calculators import web

ENTRY = {"when": "2026年11月22日 23:40", "channel": "电话", "contact": "0755-xxxx", "target": "通讯录联系人",
         "said": "给我朋友打电话，说我不还钱要去坐牢", "files": "录音-1122.m4a"}


def add_entry(page, entry):
    root = root_of(page, "evidence-log")
    set_fields(page, "evidence-log", entry)
    before = root.locator('[name="entries"]').input_value()
    root.locator('[data-call="evidence_add"]').click()
    page.wait_for_function("b => document.querySelector('[name=\"entries\"]').value !== b", arg=before)
    wait_ready(page, "evidence-log")


def current_fields(page, calc_id):
    """The raw text of every field as the page sends it (shared fields included)."""
    return page.evaluate("""id => {
        const out = {};
        for (const el of document.querySelectorAll(`[data-calculator="${id}"] form [name]`)) {
            if (el.type === "checkbox") out[el.name] = [out[el.name], el.checked ? el.value : ""].filter(Boolean).join(",");
            else out[el.name] = el.value;
        }
        return out;
    }""", calc_id)


def entries_of(page):
    return json.loads(root_of(page, "evidence-log").locator('[name="entries"]').input_value() or "[]")


def test_log_entries_survive_reload_and_export_clear_import(page_visit, tmp_path):
    page = page_visit.goto("/tools/evidence-log/")
    wait_ready(page, "evidence-log")
    add_entry(page, ENTRY)
    add_entry(page, {**ENTRY, "when": "2026-11-23 10:05", "target": "本人", "said": "催我今天还款", "files": ""})
    saved = entries_of(page)
    assert len(saved) == 2 and saved[0]["contact"] == "0755-xxxx"
    expect_result(page, "evidence-log", web.run("evidence-log", {**DEFAULTS["evidence-log"],
                                                                 "entries": json.dumps(saved, ensure_ascii=False)})["html"])
    page.reload()
    wait_ready(page, "evidence-log")
    assert entries_of(page) == saved
    root = root_of(page, "evidence-log")
    with page.expect_download() as d:
        root.locator('[data-action="export-json"]').click()
    exported = Path(d.value.path()).read_text(encoding="utf-8")
    with page.expect_download() as d:
        root.locator('[data-action="export-csv"]').click()
    csv_bytes = Path(d.value.path()).read_bytes()
    assert csv_bytes.startswith("\ufeff时间,".encode()) and "坐牢".encode() in csv_bytes
    page.on("dialog", lambda dialog: dialog.accept())
    root.locator('[data-action="clear"]').click()
    page.wait_for_function("() => Object.keys(localStorage).every(k => !k.startsWith('wdyq:'))")
    assert entries_of(page) == []
    (tmp_path / "log.json").write_text(exported, encoding="utf-8")
    root.locator('input[type="file"][data-action="import"]').set_input_files(str(tmp_path / "log.json"))
    page.wait_for_function("() => document.querySelector('[name=\"entries\"]').value.includes('0755')")
    assert entries_of(page) == saved
    root.locator('[data-action="clear"]').click()
    page.wait_for_function("() => Object.keys(localStorage).every(k => !k.startsWith('wdyq:'))")
    (tmp_path / "log.csv").write_bytes(csv_bytes)
    root.locator('input[type="file"][data-action="import"]').set_input_files(str(tmp_path / "log.csv"))
    page.wait_for_function("() => document.querySelector('[name=\"entries\"]').value.includes('0755')")
    assert entries_of(page) == saved
    assert page_visit.external == []


def test_bad_time_is_a_chinese_error_and_nothing_is_saved(page_visit):
    page = page_visit.goto("/tools/evidence-log/")
    wait_ready(page, "evidence-log")
    set_fields(page, "evidence-log", {**ENTRY, "when": "昨天晚上"})
    root_of(page, "evidence-log").locator('[data-call="evidence_add"]').click()
    slot = root_of(page, "evidence-log").locator('[data-error-for="when"]')
    slot.wait_for(state="visible")
    assert "时间" in slot.inner_text()
    assert entries_of(page) == []


COUNT_COMPUTES = """() => {
    // Count the computations that finish from now on (data-state busy → ready), as the reader sees them.
    const root = document.querySelector('[data-calculator="evidence-log"]');
    window.__computed = 0;
    new MutationObserver(() => { if (root.dataset.state === "ready") window.__computed += 1; })
        .observe(root, { attributes: true, attributeFilter: ["data-state"] });
}"""


def computed(page, at_least):
    page.wait_for_function(
        "n => window.__computed >= n && document.querySelector('[data-calculator=\"evidence-log\"]').dataset.state"
        " === 'ready'", arg=at_least)
    return page.evaluate("window.__computed")


def test_bad_time_error_and_typed_text_stay_until_the_field_is_changed(page_visit):
    page = page_visit.goto("/tools/evidence-log/")
    wait_ready(page, "evidence-log")
    root = root_of(page, "evidence-log")
    page.evaluate(COUNT_COMPUTES)
    set_fields(page, "evidence-log", {**ENTRY, "when": "2026-02-30 10:00"})
    root.locator('[data-call="evidence_add"]').click()
    slot = root.locator('[data-error-for="when"]')
    expect(slot).to_contain_text("时间")
    error = slot.inner_text()
    # Leaving the box and editing another field recompute; neither the error nor the typed text goes.
    done = computed(page, 1)
    root.locator('[name="files"]').fill("录音-1122-2.m4a")
    computed(page, done + 1)
    assert slot.inner_text() == error
    assert root.locator('[name="when"]').input_value() == "2026-02-30 10:00"
    assert root.locator('[name="said"]').input_value() == ENTRY["said"]
    assert entries_of(page) == []
    # Fixing the field removes its error; adding then clears the entry fields (only now that it is saved).
    root.locator('[name="when"]').fill("2026-02-28 10:00")
    expect(slot).to_have_text("")
    root.locator('[data-call="evidence_add"]').click()
    expect(root.locator('[name="when"]')).to_have_value("")
    assert len(entries_of(page)) == 1 and entries_of(page)[0]["when"] == "2026-02-28 10:00"


def test_checker_and_letter_use_the_log(page_visit):
    page = page_visit.goto("/tools/evidence-log/")
    wait_ready(page, "evidence-log")
    set_fields(page, "evidence-log", {"entries": LOG})
    page.wait_for_function("() => localStorage.getItem('wdyq:v1:shared') && localStorage.getItem('wdyq:v1:shared').includes('106xxx')")
    page.goto(page_visit.base_url + "/tools/checker/")
    wait_ready(page, "checker")
    case = {"happened": "threats,third_party", "lender": "bank"}
    set_fields(page, "checker", case)
    expected = web.run("checker", {**DEFAULTS["checker"], **case, "entries": LOG})
    expect_result(page, "checker", expected["html"])
    result = root_of(page, "checker").locator("[data-result]").inner_text()
    assert "110" in result and "治安管理处罚法" in result
    page.goto(page_visit.base_url + "/tools/letters/")
    wait_ready(page, "letters")
    case = {"kind": "complaint-lender", "lender_name": "某某消费金融"}
    set_fields(page, "letters", case)
    expect_result(page, "letters", web.run("letters", {**DEFAULTS["letters"], **case, "entries": LOG})["html"])
    letter = root_of(page, "letters").locator("[data-letter]").inner_text()
    assert "共 3 次" in letter and "夜间 2 次" in letter and "某某消费金融" in letter
    assert page_visit.external == []


PAYLOADS = ['<img src=x onerror="window.__xss=1">', "<script>window.__xss=1</script>", '"><svg onload=window.__xss=1>']
FREE_TEXT = {
    "letters": ["name", "lender_name", "facts"],
    "inventory": ["debts"],
    "budget": ["incomes", "expenses"],
}


@pytest.mark.parametrize("payload", PAYLOADS)
def test_typed_text_is_never_executed(page_visit, payload):
    page = page_visit.goto("/tools/evidence-log/")
    wait_ready(page, "evidence-log")
    add_entry(page, {**ENTRY, "contact": payload, "said": payload, "files": payload})
    set_fields(page, "evidence-log", {"filter_text": payload})
    wait_ready(page, "evidence-log")
    checks = [("evidence-log", root_of(page, "evidence-log"))]
    for calc_id, fields in FREE_TEXT.items():  # from tool to tool as a reader moves: nothing reloads window.__xss
        follow_link(page, f"/tools/{calc_id}/")
        wait_ready(page, calc_id)
        values = {f: (f"{payload},1000" if calc_id == "budget" else
                      f"{payload},5000,18%,250" if f == "debts" else payload) for f in fields}
        set_fields(page, calc_id, values)
        expect_result(page, calc_id, web.run(calc_id, current_fields(page, calc_id))["html"])
        checks.append((calc_id, root_of(page, calc_id)))
        result = root_of(page, calc_id).locator("[data-result]")
        assert result.locator("img, script, svg[onload]").count() == 0, calc_id
        assert "<" in result.inner_text() or calc_id == "inventory" or payload.startswith('">')
    assert page.evaluate("window.__xss") is None
    assert page_visit.external == []
