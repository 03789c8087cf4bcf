"""What the build put into the built pages (no browser): page dates, unverified labels, glossary tooltips, search
aliases in the index, every page present, Chinese segmentation of the search index."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from server import DOCS, PAGES, SITE

from calculators import sources

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
    """The index says when its sources were checked: one date, or the span from the oldest to the latest."""
    html = (SITE / "about" / "laws" / "index.html").read_text(encoding="utf-8")
    dates = sorted(rec["checked"] for rec in sources.laws().values())
    first, last = (f"{int(y)}年{int(m)}月{int(d)}日" for y, m, d in (dates[0].split("-"), dates[-1].split("-")))
    if first == last:
        assert f"本索引的资料核实截至 <strong>{last}</strong>（研究截止日）" in html
    else:
        assert f"从 <strong>{first}</strong> 到 <strong>{last}</strong> 不等" in html


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


def test_site_has_every_page():
    assert len(PAGES) >= 40, PAGES
    assert "/" in PAGES and "/tools/apr/" in PAGES and "/rules/red-lines/" in PAGES


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


def test_no_page_asks_the_browser_to_prefetch_the_next_one():
    """Firefox prefetches <link rel="next"> on every view: bytes on a reader's mobile data for a page the service
    worker already has (and an error event when it is cached). overrides/main.html leaves both links out."""
    for path in PAGES:
        html = (SITE / path.lstrip("/") / "index.html").read_text(encoding="utf-8")
        assert not re.search(r'<link rel="(next|prev|prefetch|prerender)"', html), path
