"""The built site: every page renders in Chinese with the crisis box, nothing leaves 127.0.0.1, search works."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import wait_ready

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "site"
PAGES = sorted(
    "/" + str(p.parent.relative_to(SITE)).replace(".", "") + ("/" if p.parent != SITE else "")
    for p in SITE.glob("**/index.html")
    if "assets" not in p.parts and "search" not in p.parts
) if SITE.exists() else []


def test_site_has_every_page():
    assert len(PAGES) >= 40, PAGES
    assert "/" in PAGES and "/tools/apr/" in PAGES and "/rules/red-lines/" in PAGES


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


def _index_tokens():
    index = json.loads((SITE / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    tokens = set()
    for doc in index["docs"]:
        for text in (doc["title"], doc["text"]):
            tokens.update(t for t in separator.split(text) if t)
    return index, tokens


def test_search_index_is_segmented_for_chinese():
    index, tokens = _index_tokens()
    assert index["config"]["lang"] == ["zh"]
    # Words people search for must be whole tokens (jieba segmentation), not buried inside longer strings.
    for word in ["爆通讯录", "停息挂账", "征信", "12378", "以贷养贷"]:
        assert word in tokens, f"search would not find {word}"


@pytest.mark.parametrize("query, expected", [
    ("上限", "利率"),  # from the middle of the title “利率上限…”
    ("停息挂账", "停息挂账"),
    ("爆通讯录", "通讯录"),
])
def test_search_in_the_browser_finds_chinese_words(page_visit, query, expected):
    page = page_visit.goto("/")
    page.locator(".md-search__input").first.click()
    page.locator(".md-search__input").fill(query)
    page.locator(".md-search__input").press("End")  # Material searches on keyup, as when a reader types
    page.wait_for_selector(".md-search-result__item", timeout=30_000)
    assert expected in page.locator(".md-search-result__list").inner_text()
    assert page_visit.external == []
