"""What the build hooks put into the built pages: page dates, unverified labels, glossary tooltips, search aliases."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from calculators import sources

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "site"
DOCS = ROOT / "docs"
BUILT = sorted(p for p in SITE.glob("**/index.html") if not {"assets", "search"} & set(p.relative_to(SITE).parts)) \
    if SITE.exists() else []
SKIP = {"h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "kbd", "script", "style", "button", "label",
        "select", "option", "textarea", "svg", "title", "summary"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def page_id(p: Path) -> str:
    return str(p.parent.relative_to(SITE)) if p.parent != SITE else "index"


class Article(HTMLParser):
    """The article's text split into eligible text (where a tooltip may go) and the rest, plus its tooltips."""

    def __init__(self, glossary: dict[str, str]):
        super().__init__()
        self.glossary = glossary
        self.stack: list[tuple[str, bool]] = []
        self.in_article = 0
        self.eligible: list[str] = []
        self.ineligible: list[str] = []
        self.tooltips: list[tuple[str, str]] = []  # (term, title)
        self._abbr: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            self.in_article += 1
        if tag in VOID:
            return
        parent = self.stack[-1][1] if self.stack else False
        skip = parent or tag in SKIP or any(k.startswith("data-calculator") for k in attrs)
        if tag == "abbr" and self.in_article:
            self._abbr = attrs.get("title")
            if not parent:  # a glossary tooltip sits in eligible text
                skip = False
        self.stack.append((tag, skip))

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_article -= 1
        while self.stack:
            if self.stack.pop()[0] == tag:
                break
        if tag == "abbr":
            self._abbr = None

    def handle_data(self, data):
        if not self.in_article:
            return
        if self._abbr is not None:
            self.tooltips.append((data, self._abbr))
        (self.ineligible if self.stack and self.stack[-1][1] else self.eligible).append(data)


def parse(path: Path) -> Article:
    article = Article(sources.glossary())
    article.feed(path.read_text(encoding="utf-8"))
    return article


def terms_in(text: str, terms) -> set[str]:
    """Terms that occur in ``text`` on their own (leftmost-longest: 年化利率 inside 实际年化利率 does not count)."""
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)))
    return set(pattern.findall(text))


def test_every_page_ends_with_a_date_that_says_what_it_means():
    """Moved from the source pages (a hand-written 最后核实 line) to the built ones: the build writes the date."""
    assert len(BUILT) >= 40
    cited_date = re.compile(r"本页引用的来源最后核实于 20\d\d年\d{1,2}月\d{1,2}日。")
    updated = re.compile(r"本页内容更新于 20\d\d年\d{1,2}月\d{1,2}日。")
    for path in BUILT:
        html = path.read_text(encoding="utf-8")
        line = re.search(r'<p class="page-checked">([^<]*)</p>', html)
        assert line, f"{page_id(path)}: no page date"
        src = DOCS / f"{page_id(path)}.md"
        src = src if src.exists() else DOCS / page_id(path) / "index.md"
        text = src.read_text(encoding="utf-8")
        expected = cited_date if re.search(r"\[\[(src|table:(laws|lpr|channels)|channels|calculator:(overdue|inventory))",
                                           text) else updated
        assert expected.fullmatch(line.group(1)), f"{page_id(path)}: {line.group(1)}"
        assert html.index('class="page-checked"') < html.index("需要马上求助"), "the date comes before the crisis box"


def test_no_source_page_writes_its_own_checked_date():
    for page in DOCS.glob("**/*.md"):
        assert not re.search(r"^\s*最后核实[:：]", page.read_text(encoding="utf-8"), re.M), page


def test_the_laws_index_states_the_research_cutoff():
    """The cutoff is the latest ``checked`` date of laws.json (hooks/tables.py), whatever that date is."""
    latest = max(r["checked"] for r in sources.laws().values())
    html = (SITE / "about" / "laws" / "index.html").read_text(encoding="utf-8")
    y, m, d = (int(x) for x in latest.split("-"))
    assert f"本索引的资料核实截至 <strong>{y}年{m}月{d}日</strong>（研究截止日）" in html


def test_every_citation_of_a_partly_unverified_source_shows_its_label():
    unverified = {i for i, r in sources.laws().items() if r["confidence"] == "partly-unverified"}
    seen = 0
    for path in BUILT:
        html = path.read_text(encoding="utf-8")
        for m in re.finditer(r'<a class="src" href="[^"#]*#([a-z0-9-]+)">[^<]*</a>(<span class="src-flag">〔未经核实〕</span>)?', html):
            assert bool(m.group(2)) is (m.group(1) in unverified), f"{page_id(path)}: {m.group(0)}"
            seen += m.group(1) in unverified
    assert seen >= 10


def test_glossary_tooltips_cover_nine_in_ten_pages_and_terms():
    glossary = sources.glossary()
    pairs = marked = 0
    missing = []
    for path in BUILT:
        article = parse(path)
        occurring = terms_in("".join(article.eligible), glossary)
        tips = {term for term, title in article.tooltips if glossary.get(term) == title}
        assert tips <= occurring
        pairs += len(occurring)
        marked += len(occurring & tips)
        missing += [(page_id(path), t) for t in occurring - tips]
        assert len([t for t, _ in article.tooltips if t in glossary]) == len(tips), f"{page_id(path)}: a term twice"
    assert pairs > 300
    assert marked / pairs >= 0.9, f"{marked}/{pairs}: {missing[:20]}"


def test_terms_in_headings_and_links_carry_no_tooltip():
    html = (SITE / "rules" / "privacy" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<h1[^>]*>[^<]*爆通讯录", html), "the title contains the glossary term 爆通讯录"
    for block in re.findall(r"<h[1-6][^>]*>.*?</h[1-6]>|<a [^>]*>.*?</a>", html, re.S):
        assert "<abbr" not in block, block


def test_search_aliases_are_in_the_index_of_their_target():
    index = json.loads((SITE / "search" / "search_index.json").read_text(encoding="utf-8"))
    for alias in sources.search_aliases():
        page = alias["page"].removesuffix(".md") + "/"
        docs = [d for d in index["docs"] if d["location"].split("#")[0] == page]
        hit = [d for d in docs if set(alias["words"]) <= set(d.get("tags", []))]
        assert len(hit) == 1, alias


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
