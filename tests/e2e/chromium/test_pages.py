"""Every page of the built site in a fresh Chromium, on a 360 px phone: Chinese text, the crisis box, nothing
leaves 127.0.0.1, text pages load no Pyodide, the CSP holds, no serious axe violation, no sideways scroll."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from server import PAGES
from steps import wait_ready

CSP_WATCH = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
"""


@pytest.mark.parametrize("path", PAGES)
def test_page(page_visit, path):
    """One visit per page, on a 360 px phone: content, crisis box, privacy, CSP, accessibility, no sideways scroll."""
    page_visit.context.add_init_script(CSP_WATCH)
    page_visit.page.set_viewport_size({"width": 360, "height": 740})
    page = page_visit.goto(path)
    calc = page.locator("[data-calculator]")
    if calc.count():
        wait_ready(page, calc.first.get_attribute("data-calculator"))
    page.wait_for_load_state("load")
    body = page.locator("article").inner_text()
    assert "12356" in body and "110" in body, f"{path}: crisis box missing"
    assert re.search(r"[\u4e00-\u9fff]{10}", body), f"{path}: no Chinese text"
    assert page.locator("html").get_attribute("lang") == "zh"
    assert page_visit.external == [], f"{path} requested {page_visit.external}"
    if not calc.count():  # text pages load no Pyodide bytes
        assert not [u for u in page_visit.requests if "/pyodide/" in u], f"{path} loaded Pyodide"
    # Content-Security-Policy: own origin only, WebAssembly allowed, no inline script, no eval, no violation.
    csp = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "default-src 'self'" in csp and "'wasm-unsafe-eval'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0] and "'unsafe-eval'" not in csp
    assert page.locator("script:not([src]):not([type='application/json'])").count() == 0, "inline script"
    assert page.evaluate("window.__csp") == []
    assert page.context.cookies() == []
    # Accessibility: no serious or critical axe violation; nothing wider than a 360 px phone.
    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in bad]
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{path} scrolls sideways ({width}px)"
