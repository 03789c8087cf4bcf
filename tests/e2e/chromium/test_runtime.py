"""The browser runtime: a calculator page loads Pyodide and the calculators wheel from this site, reaches
``ready`` and computes exactly what ``calculators.web.run`` computes in CPython."""

from __future__ import annotations

import time

from steps import wait_ready


def test_worker_loads_wheel_from_lockfile_and_becomes_ready(page_visit):
    page = page_visit.goto("/tools/apr/")
    assert page.locator('[data-calculator="apr"] [data-result]').inner_text().count("13.03%") >= 1  # pre-rendered
    wait_ready(page, "apr")
    requested = page_visit.requests
    assert any(u.endswith("/assets/pyodide/pyodide-lock.json") for u in requested)
    assert any(u.endswith(".whl") and "/assets/pyodide/calculators-" in u for u in requested)
    assert page_visit.external == []


def search_finds(page, query: str) -> str:
    """Type ``query`` into Material's search box as a reader does and wait for results; returns their text."""
    box = page.locator(".md-search__input").first
    box.click()
    box.fill(query)
    box.press("End")  # Material searches on keyup, as when a reader types
    page.wait_for_selector(".md-search-result__item", timeout=30_000)
    return page.locator(".md-search-result__list").inner_text()


def pause_timers(page) -> None:
    """The page's clock is the test's from now on: no timer fires until the test runs the clock."""
    page.clock.install()
    page.clock.pause_at(time.time() * 1000 + 1000)


def test_search_index_waits_for_the_calculators_unless_the_reader_searches(page_visit):
    """On a calculator page Material's search index is fetched only once the runtime is ready (calc-boot.js), or at
    once when the reader turns to the search box before that."""
    held, go = [], []
    # the runtime cannot get ready until the test lets the wheel through
    page_visit.page.route("**/assets/pyodide/calculators-*.whl", lambda r: r.fallback() if go else held.append(r))
    page = page_visit.goto("/tools/plan/")
    page.wait_for_selector("html[data-search-index=held]")
    assert not [u for u in page_visit.requests if u.endswith("/search/search_index.json")]
    assert page.get_attribute('[data-calculator="plan"]', "data-state") == "loading"
    assert "停息挂账" in search_finds(page, "停息挂账")
    assert page.get_attribute("html", "data-search-index") == "sent"
    assert page.get_attribute('[data-calculator="plan"]', "data-state") == "loading"
    go.append(True)  # a wheel request made from now on is not held
    for route in held:
        route.fallback()
    page.keyboard.press("Escape")
    wait_ready(page, "plan")


def test_search_index_loads_once_the_calculators_are_ready(page_visit):
    page = page_visit.goto("/tools/apr/")
    wait_ready(page, "apr")
    page.wait_for_selector("html[data-search-index=sent]", state="attached")
    page.wait_for_function("() => performance.getEntriesByType('resource')"
                           ".some((e) => e.name.endsWith('/search/search_index.json') && e.responseEnd > 0)")
    search_finds(page, "征信")
    assert page_visit.external == []


MATERIAL_AT_LOAD = """document.addEventListener("DOMContentLoaded", () => {
  window.__materialAtLoad = { running: !!window.document$, state: document.documentElement.dataset.material };
}, { once: true });"""


def test_material_starts_once_the_calculators_are_ready(page_visit):
    """On a calculator page Material's script runs only after the runtime is ready (calc-boot.js), and then works:
    search finds pages, and its document$ is there for instant navigation (followed in test_calculators.py)."""
    page_visit.page.add_init_script(MATERIAL_AT_LOAD)
    pause_timers(page_visit.page)  # Material cannot start on its timeout
    page = page_visit.goto("/tools/apr/")
    wait_ready(page, "apr")
    assert page.evaluate("window.__materialAtLoad") == {"running": False, "state": "held"}
    page.wait_for_selector("html[data-material=ready]", state="attached")
    page_visit.page.clock.resume()
    assert page.evaluate("typeof window.document$.subscribe") == "function"
    assert page.locator("script[data-wdyq-held]").count() == 0
    search_finds(page, "协商还款")
    assert page_visit.console_errors == []


def test_text_pages_run_material_at_once(page_visit):
    page_visit.page.add_init_script(MATERIAL_AT_LOAD)
    page = page_visit.goto("/rules/red-lines/")
    page.wait_for_function("() => window.__materialAtLoad")
    assert page.evaluate("window.__materialAtLoad") == {"running": True, "state": None}
    assert page.locator("script[data-wdyq-held]").count() == 0


def _keep_in(held: list):
    """A route handler that holds every request it gets (the test answers them later)."""
    return lambda route: held.append(route)


def test_material_starts_at_the_readers_first_touch_or_after_ten_seconds(visit):
    """While the runtime is still loading (here: it cannot, the test holds the wheel), a tap starts Material at once;
    without one it starts after ten seconds (the page's clock is the test's, so the test neither waits 10 s nor races the timer)."""
    for how in ("reader", "timeout"):
        v = visit()
        held = []
        v.page.route("**/assets/pyodide/calculators-*.whl", _keep_in(held))
        pause_timers(v.page)
        v.page.add_init_script(MATERIAL_AT_LOAD)
        page = v.goto("/tools/plan/")
        page.wait_for_function("() => window.__materialAtLoad")
        assert page.evaluate("window.__materialAtLoad") == {"running": False, "state": "held"}
        if how == "reader":
            page.locator("article h1").click()
        else:
            page.clock.run_for(9_900)
            assert page.get_attribute("html", "data-material") == "held"
            page.clock.run_for(200)
        page.wait_for_selector(f"html[data-material={how}]", state="attached")
        page.wait_for_function("() => typeof window.document$?.subscribe === 'function'")
        assert page.get_attribute('[data-calculator="plan"]', "data-state") == "loading"
        for route in held:
            route.abort()
