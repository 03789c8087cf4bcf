"""Chinese search in the browser: words in the middle of a title, jieba-segmented words, and every search alias
(the words people type in distress) lands on its page or section."""

from __future__ import annotations

import pytest
from server import DOCS

from calculators import sources

ALIASES = [(word, a["section"] or a["page"]) for a in sources.search_aliases() for word in a["words"]]


def _title(alias_target: str) -> str:
    """What the reader sees in the results for a target: the section heading, or the page's title."""
    if alias_target.endswith(".md"):
        return (DOCS / alias_target).read_text(encoding="utf-8").splitlines()[0].lstrip("# ").strip()
    return alias_target


@pytest.mark.parametrize("group", sorted({t for _, t in ALIASES}))
def test_typing_an_alias_into_the_search_box_finds_its_page(page_visit, group):
    page = page_visit.goto("/")
    box = page.locator(".md-search__input").first
    box.click()
    expected = _title(group)
    for word in [w for w, t in ALIASES if t == group]:
        box.fill(word)
        box.press("End")  # Material searches on keyup, as when a reader types (fill alone sends no key)
        page.wait_for_function(
            """([word, expected]) => {
                const list = document.querySelector('.md-search-result__list');
                const meta = document.querySelector('.md-search-result__meta');
                return list && meta && document.querySelector('.md-search__input').value === word
                    && list.innerText.replaceAll('\\u200b', '').includes(expected);
            }""", arg=[word, expected], timeout=30_000)
        titles = [t.replace("\u200b", "") for t in page.locator(".md-search-result__item h1, "
                                                                 ".md-search-result__item h2").all_inner_texts()]
        assert any(expected in t for t in titles[:5]), (word, titles[:5])
    assert page_visit.external == []


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
