"""Chinese search in the browser: words in the middle of a title, jieba-segmented words, and every search alias
(the words people type in distress) lands on its page or section."""

from __future__ import annotations

import pytest
from conftest import Visit
from server import DOCS

from calculators import sources

ALIASES = [(word, a["section"] or a["page"]) for a in sources.search_aliases() for word in a["words"]]


def _title(alias_target: str) -> str:
    """What the reader sees in the results for a target: the section heading, or the page's title."""
    if alias_target.endswith(".md"):
        return (DOCS / alias_target).read_text(encoding="utf-8").splitlines()[0].lstrip("# ").strip()
    return alias_target


@pytest.fixture(scope="module")
def search(browser, base_url):
    """One reader's home page with Material's search ready: every query of this module is typed into its box (the
    index is built once; each query is a new search, as when a reader clears the box and types again)."""
    visit = Visit(browser, base_url)
    page = visit.goto("/")
    page.wait_for_function("() => window.document$ !== undefined")
    page.locator(".md-search__input").first.click()
    yield visit
    assert visit.external == []
    visit.context.close()


def results_for(page, word: str, expected: str) -> list[str]:
    """Type ``word`` into the search box as a reader does; once the results name ``expected``, their titles."""
    box = page.locator(".md-search__input").first
    box.fill("")  # start from an empty box, so that no result of the last query is read as this one's
    box.press("End")
    page.wait_for_function("() => !document.querySelector('.md-search-result__item')")
    box.fill(word)
    box.press("End")  # Material searches on keyup, as when a reader types (fill alone sends no key)
    page.wait_for_function(
        """([word, expected]) => {
            const list = document.querySelector('.md-search-result__list');
            const meta = document.querySelector('.md-search-result__meta');
            return list && meta && document.querySelector('.md-search__input').value === word
                && list.innerText.replaceAll('\\u200b', '').includes(expected);
        }""", arg=[word, expected], timeout=30_000)
    return [t.replace("\u200b", "") for t in page.locator(".md-search-result__item h1, "
                                                          ".md-search-result__item h2").all_inner_texts()]


@pytest.mark.parametrize("group", sorted({t for _, t in ALIASES}))
def test_typing_an_alias_into_the_search_box_finds_its_page(search, group):
    expected = _title(group)
    for word in [w for w, t in ALIASES if t == group]:
        titles = results_for(search.page, word, expected)
        assert any(expected in t for t in titles[:5]), (word, titles[:5])


@pytest.mark.parametrize("query, expected", [
    ("上限", "利率"),  # from the middle of the title “利率上限…”
    ("停息挂账", "停息挂账"),
    ("爆通讯录", "通讯录"),
    ("应诉准备", "应诉准备"),  # the tool's title
])
def test_search_in_the_browser_finds_chinese_words(search, query, expected):
    results_for(search.page, query, expected)
