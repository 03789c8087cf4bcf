"""Offline use (issue: offline / CSP / lean runtime / accessibility).

* after one online visit the whole site, calculators included, works with the browser offline;
* the site works from a path prefix (service worker scope included);
The CSP, axe-core and 360 px checks run on every page in test_pages.py::test_page (one visit per page); the
keyboard use of every tool in test_calculators.py.
"""

from __future__ import annotations

from urllib.parse import urlparse

from cases import CASES, expected_html
from server import PAGES, SITE, free_port, start_nginx, stop
from steps import expect_result, follow_link, online_visit, set_fields, wait_ready

from calculators import web


def test_every_page_and_calculator_work_offline_after_one_visit(browser, base_url):
    ctx, page, requests = online_visit(browser, base_url)
    ctx.set_offline(True)
    tools = [f"/tools/{calc_id}/" for calc_id in sorted(web.CALCULATORS)]
    for path in [p for p in PAGES if p not in tools]:
        page.goto(f"{base_url}{path}")
        assert "12356" in page.locator("article").inner_text(), f"{path} did not open offline"
    # Every calculator: the first opened offline by a full page load, the others reached from it as a reader
    # moves between tools (Material's instant navigation, through the service worker).
    for k, calc_id in enumerate(sorted(web.CALCULATORS)):
        page.evaluate("localStorage.clear()")
        if k == 0:
            page.goto(f"{base_url}/tools/{calc_id}/")
        else:
            follow_link(page, f"/tools/{calc_id}/")
        wait_ready(page, calc_id)
        assert "12356" in page.locator("article").inner_text()
        case = CASES[calc_id][0]
        set_fields(page, calc_id, case)
        expect_result(page, calc_id, expected_html(calc_id, case))
    external = [u for u in requests if urlparse(u).hostname not in ("127.0.0.1", None) and not u.startswith("data:")]
    assert external == []
    ctx.close()


def test_site_works_from_a_path_prefix(browser):
    port = free_port()
    server = start_nginx(SITE, port, prefix="/sub/guide/")
    try:
        base = f"http://127.0.0.1:{port}/sub/guide"
        ctx, page, _ = online_visit(browser, base)
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
