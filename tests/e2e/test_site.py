"""The built site: every page renders in Chinese with the crisis box, nothing leaves 127.0.0.1, search works."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

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


@pytest.mark.parametrize("path", [p.replace("//", "/") for p in PAGES])
def test_page_renders_with_crisis_box_and_no_third_party_request(page_visit, path):
    page = page_visit.goto(path)
    page.wait_for_load_state("load")
    body = page.locator("article").inner_text()
    assert "12356" in body and "110" in body, f"{path}: crisis box missing"
    assert re.search(r"[\u4e00-\u9fff]{10}", body), f"{path}: no Chinese text"
    assert page.locator("html").get_attribute("lang") == "zh"
    assert page_visit.external == [], f"{path} requested {page_visit.external}"
    # Text pages must not load any Pyodide bytes.
    if not page.locator("[data-calculator]").count():
        page.wait_for_timeout(50)
        loaded = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
        assert not [u for u in loaded if "/pyodide/" in u], f"{path} loaded Pyodide"


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
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    assert expected in page.locator(".md-search-result__list").inner_text()
    assert page_visit.external == []
