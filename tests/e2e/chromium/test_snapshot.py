"""Fast return visits from a memory snapshot (docs/assets/calc-snapshot.js).

* a first visit boots normally (``data-boot="fresh"``) and, in idle time, keeps a snapshot on the device;
* a return visit in the same profile boots from it (``data-boot="snapshot"``) and computes what CPython computes;
* a corrupt snapshot, one that fails its self-check, or one from another deployment (another wheel sha256) is
  deleted, the normal boot runs (``data-boot="fresh"``) and the result is still CPython's;
* an offline return visit boots from the snapshot too.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile

import pytest
from cases import CASES, DEFAULTS
from server import SITE
from steps import expect_result, online_visit, set_fields, wait_async, wait_ready

from calculators import web

STORED = """async () => {
    const cache = await caches.open("calc-snapshot");
    const base = new URL("assets/pyodide/calc-snapshot/", location.origin + "/");
    const meta = await cache.match(new URL("meta", base));
    const memory = await cache.match(new URL("memory", base));
    if (!meta || !memory) return null;
    return { meta: await meta.json(), size: (await memory.arrayBuffer()).byteLength };
}"""


def stored(page):
    """The stored snapshot's description and size, or None (asked through the Cache API, as the worker does)."""
    return page.evaluate(STORED)


STORED_OTHER_THAN = """async (notKey) => {
    const found = await (""" + STORED + """)();
    return found && found.meta.key !== notKey ? found : null;
}"""


def wait_stored(page, not_key=None):
    """Wait until a snapshot (with a key other than ``not_key``) is stored: the worker makes it in idle time."""
    return wait_async(page, STORED_OTHER_THAN, not_key, timeout=180_000)


def boot_of(page, calc_id):
    return wait_ready(page, calc_id).get_attribute("data-boot")


def computes_like_cpython(page, calc_id):
    case = CASES[calc_id][0]
    set_fields(page, calc_id, case)
    expect_result(page, calc_id, web.run(calc_id, {**DEFAULTS[calc_id], **case})["html"])


def first_visit(visit):
    v = visit()
    page = v.goto("/tools/apr/")
    assert boot_of(page, "apr") == "fresh"
    snapshot = wait_stored(page)
    assert snapshot["size"] > 10_000_000  # the interpreter's memory, not a stub
    assert "calculators" in snapshot["meta"]["key"]
    return v, snapshot


def test_return_visit_boots_from_the_snapshot_and_computes_the_same(visit):
    v, _ = first_visit(visit)
    page = v.context.new_page()
    page.goto(f"{v.base_url}/tools/plan/")
    assert boot_of(page, "plan") == "snapshot"
    computes_like_cpython(page, "plan")
    assert v.external == []


@pytest.mark.parametrize("damage", ["corrupt", "self-check"])
def test_a_broken_snapshot_is_deleted_and_the_normal_boot_runs(visit, damage):
    v, snapshot = first_visit(visit)
    if damage == "corrupt":
        script = """async () => {
            const cache = await caches.open("calc-snapshot");
            await cache.put(new URL("assets/pyodide/calc-snapshot/memory", location.origin + "/"),
                            new Response(new Uint8Array(4096).fill(7)));
        }"""
    else:  # a snapshot that computes something else than the normal start did
        script = """async () => {
            const cache = await caches.open("calc-snapshot");
            const url = new URL("assets/pyodide/calc-snapshot/meta", location.origin + "/");
            const meta = await (await cache.match(url)).json();
            await cache.put(url, new Response(JSON.stringify({ ...meta, check: meta.check + " " })));
        }"""
    v.page.evaluate(script)
    page = v.context.new_page()
    page.goto(f"{v.base_url}/tools/apr/")
    assert boot_of(page, "apr") == "fresh"
    computes_like_cpython(page, "apr")
    again = stored(page)  # deleted; the next idle time may already have made a good one
    assert again is None or (again["size"] == snapshot["size"] and again["meta"]["check"] == snapshot["meta"]["check"])


def _redeployed_wheel() -> tuple[bytes, str]:
    """The site's wheel with one more file: what a new deployment serves (another sha256, same name)."""
    lock = json.loads((SITE / "assets/pyodide/pyodide-lock.json").read_text(encoding="utf-8"))
    entry = lock["packages"]["calculators"]
    data = io.BytesIO((SITE / "assets/pyodide" / entry["file_name"]).read_bytes())
    with zipfile.ZipFile(data, "a") as whl:
        whl.writestr("calculators/_redeployed.txt", "a new deployment\n")
    wheel = data.getvalue()
    lock["packages"]["calculators"] = {**entry, "sha256": hashlib.sha256(wheel).hexdigest()}
    return wheel, json.dumps(lock)


def test_a_new_wheel_invalidates_the_snapshot(visit):
    v, snapshot = first_visit(visit)
    wheel, lock = _redeployed_wheel()
    v.context.route("**/assets/pyodide/pyodide-lock.json",
                    lambda route: route.fulfill(body=lock, content_type="application/json"))
    v.context.route("**/assets/pyodide/calculators-*.whl",
                    lambda route: route.fulfill(body=wheel, content_type="application/zip"))
    page = v.context.new_page()
    page.goto(f"{v.base_url}/tools/apr/")
    assert boot_of(page, "apr") == "fresh"
    computes_like_cpython(page, "apr")
    renewed = wait_stored(page, not_key=snapshot["meta"]["key"])  # remade for the new deployment
    assert json.loads(lock)["packages"]["calculators"]["sha256"] in renewed["meta"]["key"]
    page = v.context.new_page()
    page.goto(f"{v.base_url}/tools/apr/")
    assert boot_of(page, "apr") == "snapshot"


def test_a_new_glue_invalidates_the_snapshot(visit):
    """The lock file names the shipped glue's sha256 (hooks/runtime.py): a deployment with other glue (say, a
    Pyodide patch release with the same build) does not restore a snapshot the old glue made."""
    v, snapshot = first_visit(visit)
    lock = json.loads((SITE / "assets/pyodide/pyodide-lock.json").read_text(encoding="utf-8"))
    assert lock["tool"]["wdyq"]["glue_sha256"] in snapshot["meta"]["key"]
    lock["tool"]["wdyq"]["glue_sha256"] = "0" * 64
    v.context.route("**/assets/pyodide/pyodide-lock.json",
                    lambda route: route.fulfill(body=json.dumps(lock), content_type="application/json"))
    page = v.context.new_page()
    page.goto(f"{v.base_url}/tools/apr/")
    assert boot_of(page, "apr") == "fresh"
    computes_like_cpython(page, "apr")


def test_an_offline_return_visit_boots_from_the_snapshot(browser, base_url):
    ctx, page, requests = online_visit(browser, base_url)
    wait_stored(page)
    ctx.set_offline(True)
    page = ctx.new_page()
    page.goto(f"{base_url}/tools/evidence-log/")
    assert boot_of(page, "evidence-log") == "snapshot"
    computes_like_cpython(page, "evidence-log")
    page.evaluate("localStorage.clear()")
    ctx.close()


FAILED_NOTE = """async () => {
    const hit = await (await caches.open("calc-snapshot"))
        .match(new URL("assets/pyodide/calc-snapshot/failed", location.origin + "/"));
    return hit ? hit.json() : null;
}"""
SET_FAILED_AT = """async (daysAgo) => {
    const cache = await caches.open("calc-snapshot");
    const url = new URL("assets/pyodide/calc-snapshot/failed", location.origin + "/");
    const note = await (await cache.match(url)).json();
    await cache.put(url, new Response(JSON.stringify({ ...note, at: Date.now() - daysAgo * 86400000 })));
}"""


def snapshot_outcome(page, calc_id, outcome):
    """Wait (up to the maker's time) until the calculator root says what became of the idle-time snapshot."""
    page.locator(f'[data-calculator="{calc_id}"][data-snapshot="{outcome}"]').wait_for(state="attached",
                                                                                      timeout=180_000)


def test_a_snapshot_that_cannot_be_stored_is_not_retried_on_every_visit(visit):
    """Storage too small for the snapshot: the failure is noted, the next visit does not start a second interpreter
    again, an attempt is due again after a day (then 2, 4 … days), and once there is room it is stored."""
    v = visit()
    cdp = v.context.new_cdp_session(v.page)
    cdp.send("Storage.overrideQuotaForOrigin", {"origin": v.base_url, "quotaSize": 26 * 2**20})  # < the snapshot
    page = v.goto("/tools/apr/")
    assert boot_of(page, "apr") == "fresh"
    snapshot_outcome(page, "apr", "failed")
    note = page.evaluate(FAILED_NOTE)
    assert note["count"] == 1 and "calculators" in note["key"]
    assert stored(page) is None

    page = v.context.new_page()  # the next visit, the same day: computes normally, makes no attempt
    page.goto(f"{v.base_url}/tools/apr/")
    assert boot_of(page, "apr") == "fresh"
    snapshot_outcome(page, "apr", "waiting")
    computes_like_cpython(page, "apr")
    assert page.evaluate(FAILED_NOTE) == note

    page.evaluate(SET_FAILED_AT, 1.01)  # a day later: tried again, failed again, noted twice
    page = v.context.new_page()
    page.goto(f"{v.base_url}/tools/apr/")
    snapshot_outcome(page, "apr", "failed")
    assert page.evaluate(FAILED_NOTE)["count"] == 2

    page.evaluate(SET_FAILED_AT, 1.01)  # after a second failure the next attempt waits two days
    page = v.context.new_page()
    page.goto(f"{v.base_url}/tools/apr/")
    snapshot_outcome(page, "apr", "waiting")

    cdp.send("Storage.overrideQuotaForOrigin", {"origin": v.base_url})  # room again (the quota override lifted)
    page.evaluate(SET_FAILED_AT, 2.01)
    page = v.context.new_page()
    page.goto(f"{v.base_url}/tools/apr/")
    snapshot_outcome(page, "apr", "stored")
    assert stored(page)["size"] > 10_000_000
    assert page.evaluate(FAILED_NOTE) is None  # a stored snapshot clears the note
    page = v.context.new_page()
    page.goto(f"{v.base_url}/tools/apr/")
    assert boot_of(page, "apr") == "snapshot"


def test_when_the_next_attempt_is_due(visit):
    """calc-snapshot.attemptDue: 1, 2, 4 … days after the last failed attempt for the same deployment, at most 32."""
    page = visit().goto("/tools/apr/")
    due = page.evaluate("""async () => {
        const { attemptDue } = await import(new URL("assets/calc-snapshot-store.js", location.origin + "/"));
        const day = 86400000, now = 1000 * day;
        const after = (count, days, key = "this") => attemptDue({ key, count, at: now - days * day }, "this", now);
        return [attemptDue(null, "this", now), after(1, 0.5), after(1, 1), after(2, 1.9), after(2, 2),
                after(3, 3.9), after(3, 4), after(9, 31.9), after(9, 32), after(1, 0, "an older deployment"),
                after(1, -1)];
    }""")
    assert due == [True, False, True, False, True, False, True, False, True, True, True]


def test_an_untrusted_pyodide_never_starts_the_snapshot_maker(visit):
    v = visit()
    script = (SITE / "assets" / "calc-snapshot.js").read_text(encoding="utf-8")
    other = script.replace('version: "', 'version: "0.0.0-', 1)
    assert other != script
    v.context.route("**/assets/calc-snapshot.js",
                    lambda route: route.fulfill(body=other, content_type="text/javascript"))
    page = v.goto("/tools/apr/")
    assert boot_of(page, "apr") == "fresh"
    root = page.locator('[data-calculator="apr"][data-snapshot]')
    root.wait_for(state="attached", timeout=180_000)  # the first outcome the worker reports
    assert root.get_attribute("data-snapshot") == "untrusted"
    computes_like_cpython(page, "apr")
    assert stored(page) is None
    assert page.evaluate(FAILED_NOTE) is None
    assert v.external == []
