"""Keeping the reader's data and a first visit a phone reader can bear (issue 22 items 5 and 6), in Chromium.

* The first save asks the browser to keep the site's data (navigator.storage.persist(), once) and the store line says
  what it answered; where there is no StorageManager nothing is asked or said. Each JSON export is dated on the store
  line. After a month of saved data without an export the plan and progress pages remind the reader once, with a
  working export button; put away, the reminder stays away for a month; it never shows when nothing is saved.
  Time is the stored times (or Playwright's clock), never a wait.
* On a first visit over a slow link the progress bar counts the runtime's download in bytes up to its total, with a
  time hint once the rate is known.
"""

from __future__ import annotations

import datetime
import json
import time
from pathlib import Path

from playwright.sync_api import expect
from server import SITE
from steps import root_of, set_fields, wait_ready

from calculators.render import KEEP

STORE_KEY = "wdyq:v1:shared"
KEEP_KEY = "wdyq:v1:keep"
DAY_MS = 24 * 60 * 60 * 1000
MINE = "房贷,20万,4.2%,1500\n网贷,1.5万,日息万五,900,网贷平台,20"
RECORDS = "2026-09, 网贷, 已还 1350"

COUNT_PERSIST = """
window.__persistCalls = 0;
if (window.StorageManager) {
  const ask = StorageManager.prototype.persist;
  StorageManager.prototype.persist = function () { window.__persistCalls += 1; return ask.call(this); };
}
"""
NO_STORAGE_MANAGER = "Object.defineProperty(Navigator.prototype, 'storage', { get() { return undefined; } });"


def keep_line(page, calc_id):
    return root_of(page, calc_id).locator("[data-keep]")


def grant_persistent_storage(visit, base_url):
    """What a browser that trusts the site answers: the durable-storage permission for this origin, in this context."""
    cdp = visit.context.new_cdp_session(visit.page)
    context_id = cdp.send("Target.getTargetInfo")["targetInfo"]["browserContextId"]
    browser_cdp = visit.context.browser.new_browser_cdp_session()
    browser_cdp.send("Browser.grantPermissions", {"permissions": ["durableStorage"], "origin": base_url,
                                                  "browserContextId": context_id})


def tool_with(v, script: str, calc_id: str):
    """/tools/CALC_ID/ in visit ``v`` with ``script`` run before the page's own (a stand-in browser API), once ready."""
    v.context.add_init_script(script)
    page = v.goto(f"/tools/{calc_id}/")
    wait_ready(page, calc_id)
    return page


def saved(page, key):
    return page.evaluate("k => JSON.parse(localStorage.getItem(k) || 'null')", key)


def store_with(page, fields: dict, keep: dict | None):
    """Put saved data (and the keep record) in place as an earlier visit would have left them, then reload."""
    page.evaluate("([k, v]) => localStorage.setItem(k, JSON.stringify(v))",
                  [STORE_KEY, {"schema": 1, "saved": "2026-10-01T10:00:00Z", "fields": fields}])
    if keep is not None:
        page.evaluate("([k, v]) => localStorage.setItem(k, JSON.stringify(v))", [KEEP_KEY, keep])
    page.reload()


def test_first_save_asks_to_keep_the_data_once_and_shows_the_answer(visit, base_url):
    v = visit()
    grant_persistent_storage(v, base_url)
    page = tool_with(v, COUNT_PERSIST, "inventory")
    line = keep_line(page, "inventory")
    expect(line).to_be_hidden()  # nothing saved: nothing to say, nothing asked
    assert page.evaluate("window.__persistCalls") == 0
    set_fields(page, "inventory", {"debts": MINE})
    expect(line).to_have_text(KEEP["granted"] + KEEP["never"])
    set_fields(page, "inventory", {"debts": MINE + "\n花呗,3000,18%,150"})
    assert page.evaluate("window.__persistCalls") == 1
    assert saved(page, KEEP_KEY)["answer"] == "granted"
    page.reload()
    wait_ready(page, "inventory")
    expect(line).to_have_text(KEEP["granted"] + KEEP["never"])  # read again (persisted()), not asked again
    set_fields(page, "inventory", {"debts": MINE})
    expect(root_of(page, "inventory").locator('[name="debts"]')).to_have_value(MINE)
    assert page.evaluate("window.__persistCalls") == 0
    assert v.external == [] and v.console_errors == []


def test_a_browser_that_does_not_promise_is_reported_as_such(visit):
    v = visit()
    page = tool_with(v, COUNT_PERSIST, "progress")
    set_fields(page, "progress", {"records": RECORDS})
    line = keep_line(page, "progress")
    expect(line).to_have_text(KEEP["denied"] + KEEP["never"])  # headless Chromium, a site it does not know
    assert page.evaluate("window.__persistCalls") == 1
    assert saved(page, KEEP_KEY)["answer"] == "denied"


def test_without_a_storage_manager_nothing_is_asked_or_claimed(visit):
    """WebKitGTK under automation has no navigator.storage: the store line only dates the exports."""
    v = visit()
    page = tool_with(v, NO_STORAGE_MANAGER, "inventory")
    set_fields(page, "inventory", {"debts": MINE})
    expect(keep_line(page, "inventory")).to_have_text(KEEP["never"])
    assert "asked" not in saved(page, KEEP_KEY)
    assert v.console_errors == []


def exported_text(day: datetime.date) -> str:
    return KEEP["exported"].format(y=day.year, m=day.month, d=day.day)


def test_each_json_export_is_dated_on_the_store_line(page_visit):
    page = page_visit.goto("/tools/inventory/")
    wait_ready(page, "inventory")
    set_fields(page, "inventory", {"debts": MINE})
    line = keep_line(page, "inventory")
    expect(line).to_contain_text(KEEP["never"])
    before = time.time() * 1000
    with page.expect_download() as d:
        root_of(page, "inventory").locator('[data-action="export-json"]').click()
    assert json.loads(Path(d.value.path()).read_text(encoding="utf-8"))["fields"]["debts"] == MINE
    expect(line).to_contain_text(exported_text(datetime.date.today()))
    assert before <= saved(page, KEEP_KEY)["exported"] <= time.time() * 1000
    page.reload()
    wait_ready(page, "inventory")
    expect(line).to_contain_text(exported_text(datetime.date.today()))
    # An export from another day is shown with its own date.
    last_week = datetime.datetime.now() - datetime.timedelta(days=7)
    page.evaluate("([k, t]) => { const v = JSON.parse(localStorage.getItem(k)); v.exported = t;"
                  " localStorage.setItem(k, JSON.stringify(v)); }", [KEEP_KEY, last_week.timestamp() * 1000])
    page.reload()
    expect(line).to_contain_text(exported_text(last_week.date()))


def reminders(page):
    return page.locator("[data-remind]:visible")


def test_after_a_month_without_export_the_progress_page_reminds_once_and_the_export_works(page_visit):
    page = page_visit.goto("/tools/progress/")
    now = page.evaluate("Date.now()")
    store_with(page, {"records": RECORDS}, {"since": now - 40 * DAY_MS, "asked": now - 40 * DAY_MS,
                                            "exported": now - 31 * DAY_MS})
    wait_ready(page, "progress")
    expect(reminders(page)).to_have_count(1)
    reminder = reminders(page).first
    expect(reminder).to_contain_text("一个多月没有导出备份")
    with page.expect_download() as d:
        reminder.locator('[data-action="remind-export"]').click()
    assert json.loads(Path(d.value.path()).read_text(encoding="utf-8"))["fields"]["records"] == RECORDS
    expect(reminders(page)).to_have_count(0)
    expect(keep_line(page, "progress")).to_contain_text(exported_text(datetime.date.today()))
    page.reload()
    wait_ready(page, "progress")
    expect(keep_line(page, "progress")).to_be_visible()
    expect(reminders(page)).to_have_count(0)


def test_a_dismissed_reminder_stays_away_for_a_month(page_visit):
    page = page_visit.goto("/tools/plan/")
    now = page.evaluate("Date.now()")
    store_with(page, {"records": RECORDS}, {"since": now - 35 * DAY_MS})  # saved 35 days ago, never exported
    wait_ready(page, "plan")
    expect(reminders(page)).to_have_count(1)
    reminders(page).locator('[data-action="remind-later"]').click()
    expect(reminders(page)).to_have_count(0)
    page.reload()
    wait_ready(page, "plan")
    expect(keep_line(page, "plan")).to_contain_text(KEEP["never"])
    expect(reminders(page)).to_have_count(0)
    page.goto(page.url.replace("/plan/", "/progress/"))  # the other page that reminds: put away there too
    wait_ready(page, "progress")
    expect(keep_line(page, "progress")).to_be_visible()
    expect(reminders(page)).to_have_count(0)
    # A month after it was put away, still no export: it comes back.
    dismissed = saved(page, KEEP_KEY)["dismissed"]
    page.clock.install(time=datetime.datetime.fromtimestamp((dismissed + 31 * DAY_MS) / 1000))
    page.reload()
    wait_ready(page, "progress")
    expect(reminders(page)).to_have_count(1)


def test_no_reminder_when_nothing_worth_keeping_is_saved(page_visit):
    page = page_visit.goto("/tools/progress/")
    long_ago = {"since": page.evaluate("Date.now()") - 90 * DAY_MS}
    page.evaluate("([k, v]) => localStorage.setItem(k, JSON.stringify(v))", [KEEP_KEY, long_ago])
    page.reload()
    wait_ready(page, "progress")
    expect(keep_line(page, "progress")).to_be_hidden()
    expect(reminders(page)).to_have_count(0)
    # Saved, but only emptied fields and the worked example itself: nothing of the reader's own.
    example = root_of(page, "progress").locator('[name="budget"]').input_value()
    store_with(page, {"records": "", "debts": "  ", "budget": example}, long_ago)
    wait_ready(page, "progress")
    expect(keep_line(page, "progress")).to_be_hidden()
    expect(reminders(page)).to_have_count(0)
    # The pages that do not remind never do.
    page.goto(page.url.replace("/progress/", "/inventory/"))
    store_with(page, {"debts": MINE}, long_ago)
    wait_ready(page, "inventory")
    expect(keep_line(page, "inventory")).to_be_visible()
    assert page.locator("[data-remind]").count() == 0


RECORD_BAR = """
window.__bar = [];
new MutationObserver(() => {
  const bar = document.querySelector("[data-progress]");
  const text = document.querySelector("[data-progress-text]");
  if (!bar || bar.hidden || !text || text.hidden) return;
  const last = window.__bar[window.__bar.length - 1];
  const now = [bar.value, bar.max, text.textContent, bar.getAttribute("aria-valuetext")];
  if (!last || last.join() !== now.join()) window.__bar.push(now);
}).observe(document, { attributes: true, childList: true, characterData: true, subtree: true });
"""


def megabytes(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def test_a_first_visit_over_a_slow_link_counts_the_download_in_bytes(page_visit):
    lock = json.loads((SITE / "assets/pyodide/pyodide-lock.json").read_text(encoding="utf-8"))
    total = sum(sizes["br"] for sizes in lock["tool"]["wdyq"]["transfer"].values())  # nginx sends the .br copies
    cdp = page_visit.context.new_cdp_session(page_visit.page)
    cdp.send("Network.enable")  # 4 Mbit/s: about ten seconds for the runtime, long enough to watch it arrive
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 20, "downloadThroughput": 500_000,
                                                  "uploadThroughput": 500_000})
    page_visit.context.add_init_script(RECORD_BAR)
    page = page_visit.goto("/tools/apr/")
    label = root_of(page, "apr").locator("[data-progress-text]")
    expect(label).to_contain_text("已下载", timeout=60_000)
    final = f"已下载 {megabytes(total)} / {megabytes(total)}"
    # On what the reader saw (recorded as it changed): the whole download, then ready.
    page.wait_for_function("text => window.__bar.some((seen) => seen[2] === text)", arg=final, timeout=120_000)
    # Ready also means the wasm compiled from the response itself while the meter read its clone: Pyodide's loader
    # (getInstantiateWasmFunc) only uses WebAssembly.instantiateStreaming and has no fallback.
    wait_ready(page, "apr", timeout=120_000)
    seen = page.evaluate("window.__bar")
    values = [value for value, _max, _text, _aria in seen]
    assert all(maximum == total for _value, maximum, _text, _aria in seen)
    assert values == sorted(values), "the bar went backwards"
    assert len({v for v in values if 0 < v < total}) >= 5, seen
    assert values[-1] == total
    for value, _max, text, aria in seen:
        assert text.startswith(f"已下载 {megabytes(value)} / {megabytes(total)}") and aria == text
    hints = [text for _v, _m, text, _a in seen if "约还需" in text or "不到 10 秒" in text]
    assert hints, "no time hint during a ten-second download"
    assert not [text for v, _m, text, _a in seen if v == total and text != final]  # no hint once all is in
    expect(label).to_be_hidden()  # ready: the bar goes
