"""What a reader does in Chromium, for the chromium layer's tests: wait for a calculator, fill its fields, wait for
CPython's result, wait on the page's asynchronous answers (the Cache API …)."""

from __future__ import annotations

import os

from cases import MINE, SAME_RESULT, SWITCH, expected_html
from playwright.sync_api import TimeoutError as PlaywrightTimeout


def wait_ready(page, calc_id: str, timeout: float = 60_000):
    """Wait until the calculator's result is current (data-state="ready")."""
    page.wait_for_selector(f'[data-calculator="{calc_id}"][data-state="ready"]', timeout=timeout)
    return page.locator(f'[data-calculator="{calc_id}"]')



POLL_ASYNC = """(arg) => {
    // Playwright's wait_for_function wants a synchronous predicate (a Promise would count as truthy at once):
    // run the page's asynchronous check one at a time and answer with its latest result.
    const probe = window.__wdyqProbe;
    if (!probe.busy) {
        probe.busy = true;
        Promise.resolve(window.__wdyqCheck(arg)).then((v) => { probe.value = v; }, () => { probe.value = null; })
            .finally(() => { probe.busy = false; });
    }
    return probe.value;
}"""


def wait_async(page, check: str, arg=None, timeout: float = 60_000):
    """Wait until the asynchronous page function ``check`` (e.g. a Cache API query) answers something truthy;
    returns that answer. (The function text is installed through Playwright, so the page's CSP allows it.)"""
    page.evaluate(f"() => {{ window.__wdyqCheck = {check}; window.__wdyqProbe = {{ value: null, busy: false }}; }}")
    return page.wait_for_function(POLL_ASYNC, arg=arg, timeout=timeout, polling=100).json_value()


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


def expect_result(page, calc_id, html, timeout=20_000):
    """Wait until the page shows exactly the HTML CPython produced (both normalised by the browser, links in full);
    when it does not, fail with what the page shows instead (its state, its status line, where the HTML first differs)."""
    try:
        page.wait_for_function(f"([id, html]) => ({SAME_RESULT})(id, html)?.same", arg=[calc_id, html],
                               timeout=timeout)
    except PlaywrightTimeout:
        seen = page.evaluate(f"([id, html]) => ({SAME_RESULT})(id, html)", [calc_id, html])
        if seen is None:
            raise AssertionError(f"{calc_id}: no calculator on {page.url}") from None
        at = len(os.path.commonprefix([seen["shown"], seen["wanted"]]))
        raise AssertionError(f"{calc_id} after {timeout / 1000:.0f} s: state={seen['state']!r} "
                             f"status={seen['status']!r}\n shown: …{seen['shown'][max(0, at - 80):at + 160]!r}"
                             f"\nwanted: …{seen['wanted'][max(0, at - 80):at + 160]!r}") from None


def debts_typed(page_visit, debts: str = MINE):
    """债务清单 with ``debts`` typed as a reader would, once its result is CPython's; returns the page."""
    page = page_visit.goto("/tools/inventory/")
    wait_ready(page, "inventory")
    set_fields(page, "inventory", {"debts": debts})
    expect_result(page, "inventory", expected_html("inventory", {"debts": debts}))
    return page


def online_visit(browser, base):
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
    wait_async(page, runtime_cached)  # the runtime is cached for offline use
    assert "可离线使用" in page.locator("[data-offline-status]").inner_text()
    return ctx, page, requests


def follow_link(page, path: str) -> None:
    """Click the site's own link to ``path`` as a reader does, once Material's script runs (it turns the click into
    instant navigation; on a calculator page it starts when the calculators are ready), and wait for the page."""
    page.wait_for_function("() => window.document$ !== undefined")
    page.evaluate("""(path) => [...document.querySelectorAll('a[href]')]
        .find((a) => a.pathname.endsWith(path)).click()""", path)
    page.wait_for_url(f"**{path}")
