"""还款进度 in Chromium (issue 12 item 3): recorded payments above and below plan show ahead / behind and the
recomputed debt-free month, exactly as CPython computes them; the records and the plan settings are shared with
the plan tool and survive a reload and export → clear → import."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from cases import DEFAULTS
from playwright.sync_api import expect
from steps import expect_result, root_of, set_fields, wait_ready

from calculators import web
from calculators.forms import parse_fields
from calculators.months import Month
from calculators.tools import progress as tool

STORE_KEY = "wdyq:v1:shared"
START = Month.of(datetime.date.today()).add(-3)
MONTHS = [START.add(k) for k in range(3)]
ON_PLAN = "\n".join(f"{m}, 信用卡, 已还 250\n{m}, 网贷, 已还 1350\n{m}, 消费贷, 已还 900" for m in MONTHS)
LAST = f"{MONTHS[-1]}, 网贷, 已还 1350"
ABOVE = ON_PLAN.replace(LAST, f"{MONTHS[-1]}, 网贷, 已还 4350")
BELOW = ON_PLAN.replace(LAST, f"{MONTHS[-1]}, 网贷, 已还 0")


def fields(records: str) -> dict:
    return {**DEFAULTS["progress"], "strategy": "avalanche", "start": str(START), "records": records}


def expected(records: str):
    """What CPython shows for these records, and the progress it computed (today, as the browser does)."""
    values, errors = parse_fields(web.CALCULATORS["progress"], fields(records))
    assert errors == {}
    return web.run("progress", fields(records))["html"], tool.compute(values).result


def show(page, records: str):
    html, result = expected(records)
    set_fields(page, "progress", {"records": records})
    expect_result(page, "progress", html)
    return result


def test_ahead_and_behind_with_the_recomputed_debt_free_month(page_visit):
    page = page_visit.goto("/tools/progress/")
    wait_ready(page, "progress")
    set_fields(page, "progress", {"strategy": "avalanche", "start": str(START)})
    root = root_of(page, "progress")
    result = root.locator("[data-result]")

    on_plan = show(page, ON_PLAN)
    assert on_plan.status == "on_plan"
    expect(result).to_contain_text("和计划一致")

    ahead = show(page, ABOVE)
    assert ahead.status == "ahead" and ahead.debt_free < on_plan.debt_free
    expect(result).to_contain_text("比计划提前")
    expect(result).to_contain_text("比计划少欠¥3,000.00")
    expect(result).to_contain_text(f"按实际余额重算还清{ahead.debt_free.label}")

    behind = show(page, BELOW)
    assert behind.status == "behind" and behind.debt_free > on_plan.debt_free
    expect(result).to_contain_text("比计划落后")
    expect(result).to_contain_text("比计划多欠¥1,350.00")
    expect(result).to_contain_text(f"按实际余额重算还清{behind.debt_free.label}")
    expect(result.locator('a[href="../negotiate/"]')).to_have_count(1)
    assert page_visit.external == []


def test_records_and_plan_settings_survive_reload_and_are_shared_with_the_plan(page_visit):
    page = page_visit.goto("/tools/progress/")
    wait_ready(page, "progress")
    set_fields(page, "progress", {"strategy": "avalanche", "start": str(START)})
    show(page, ABOVE)
    page.wait_for_function("([k, v]) => (localStorage.getItem(k) || '').includes(v)",
                           arg=[STORE_KEY, "已还 4350"])
    page.reload()
    wait_ready(page, "progress")
    root = root_of(page, "progress")
    assert root.locator('[name="records"]').input_value() == ABOVE
    expect_result(page, "progress", expected(ABOVE)[0])
    page = page_visit.goto("/tools/plan/")
    wait_ready(page, "plan")
    plan = root_of(page, "plan")
    assert plan.locator('[name="strategy"]').input_value() == "avalanche"
    assert plan.locator('[name="start"]').input_value() == str(START)
    expect(plan.locator("[data-result]")).to_contain_text(START.label)


def test_export_clear_import_brings_the_records_back(page_visit, tmp_path):
    page = page_visit.goto("/tools/progress/")
    wait_ready(page, "progress")
    set_fields(page, "progress", {"strategy": "avalanche", "start": str(START)})
    show(page, BELOW)
    root = root_of(page, "progress")
    page.wait_for_function("([k, v]) => (localStorage.getItem(k) || '').includes(v)", arg=[STORE_KEY, "已还 0"])
    with page.expect_download() as d:
        root.locator('[data-action="export-json"]').click()
    exported = Path(d.value.path()).read_text(encoding="utf-8")
    saved = json.loads(exported)["fields"]
    assert saved["records"] == BELOW and saved["start"] == str(START) and saved["strategy"] == "avalanche"
    page.on("dialog", lambda dialog: dialog.accept())
    root.locator('[data-action="clear"]').click()
    page.wait_for_function("k => localStorage.getItem(k) === null", arg=STORE_KEY)
    assert root.locator('[name="records"]').input_value() == DEFAULTS["progress"]["records"]
    backup = tmp_path / "wdyq-data.json"
    backup.write_text(exported, encoding="utf-8")
    root.locator('input[type="file"][data-action="import"]').set_input_files(str(backup))
    expect_result(page, "progress", expected(BELOW)[0])
    assert root.locator('[name="records"]').input_value() == BELOW
    expect(root.locator("[data-result]")).to_contain_text("比计划落后")
    assert page_visit.external == []
