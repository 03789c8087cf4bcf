"""Offline and keyboard use (issue: offline / CSP / lean runtime / accessibility).

* after one online visit the whole site, calculators included, works with the browser offline;
* the site works from a path prefix (service worker scope included);
* every tool can be used with the keyboard alone.
The CSP, axe-core and 360 px checks run on every page in test_site.py::test_page (one visit per page).
"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from conftest import SITE, _free_port, start_nginx, stop, wait_ready
from playwright.sync_api import expect
from test_calculators import CASES, DEFAULTS, expect_result, set_fields
from test_site import PAGES

from calculators import web


def _online_visit(browser, base):
    """A context with service workers allowed; returns it after the site and the runtime are cached."""
    ctx = browser.new_context(service_workers="allow")
    requests = []
    ctx.on("request", lambda r: requests.append(r.url))
    page = ctx.new_page()
    page.goto(f"{base}/tools/apr/")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=60_000)
    wait_ready(page, "apr")
    page.wait_for_selector("[data-offline-status]:not([hidden])", timeout=30_000)
    runtime_cached = """async () => {
        for (const name of await caches.keys()) {
            if (name.startsWith("wdyq-runtime-")) return (await (await caches.open(name)).keys()).length >= 6;
        }
        return false;
    }"""
    page.wait_for_function(runtime_cached, timeout=60_000, polling=100)  # the runtime is cached for offline use
    assert "可离线使用" in page.locator("[data-offline-status]").inner_text()
    return ctx, page, requests


def test_every_page_and_calculator_work_offline_after_one_visit(browser, base_url):
    ctx, page, requests = _online_visit(browser, base_url)
    ctx.set_offline(True)
    for path in PAGES:
        page.goto(f"{base_url}{path}")
        assert "12356" in page.locator("article").inner_text(), f"{path} did not open offline"
    for calc_id in sorted(web.CALCULATORS):
        page.goto(f"{base_url}/tools/{calc_id}/")
        wait_ready(page, calc_id)
        case = CASES[calc_id][0]
        set_fields(page, calc_id, case)
        expect_result(page, calc_id, web.run(calc_id, {**DEFAULTS[calc_id], **case})["html"])
        page.evaluate("localStorage.clear()")
    external = [u for u in requests if urlparse(u).hostname not in ("127.0.0.1", None) and not u.startswith("data:")]
    assert external == []
    ctx.close()


def test_site_works_from_a_path_prefix(browser):
    port = _free_port()
    server = start_nginx(SITE, port, prefix="/sub/guide/")
    try:
        base = f"http://127.0.0.1:{port}/sub/guide"
        ctx, page, _ = _online_visit(browser, base)
        scope = page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)")
        assert scope == f"{base}/"
        ctx.set_offline(True)
        page.goto(f"{base}/tools/plan/")
        wait_ready(page, "plan")
        page.goto(f"{base}/rules/red-lines/")
        assert "12356" in page.locator("article").inner_text()
        ctx.close()
    finally:
        stop(server)


def tab_to(page, name: str) -> None:
    """Press Tab until the element with this name has the focus."""
    for _ in range(250):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.name") == name:
            return
    pytest.fail(f"{name} cannot be reached with the Tab key")


@pytest.mark.parametrize("calc_id", sorted(web.CALCULATORS))
def test_keyboard_only_use(page_visit, calc_id):
    page = page_visit.goto(f"/tools/{calc_id}/")
    wait_ready(page, calc_id)
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
