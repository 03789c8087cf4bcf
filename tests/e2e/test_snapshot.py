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
from conftest import SITE, wait_ready
from test_calculators import CASES, DEFAULTS, expect_result, set_fields
from test_offline import _online_visit

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
    handle = page.wait_for_function(STORED_OTHER_THAN, arg=not_key, timeout=180_000, polling=100)
    return handle.json_value()


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


def test_an_offline_return_visit_boots_from_the_snapshot(browser, base_url):
    ctx, page, requests = _online_visit(browser, base_url)
    wait_stored(page)
    ctx.set_offline(True)
    page = ctx.new_page()
    page.goto(f"{base_url}/tools/evidence-log/")
    assert boot_of(page, "evidence-log") == "snapshot"
    computes_like_cpython(page, "evidence-log")
    page.evaluate("localStorage.clear()")
    ctx.close()
