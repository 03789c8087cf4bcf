"""Content rules (issue: knowledge content): 要点 first, every cited source exists, data agrees.

The 最后核实 line is written by the build: test_built_pages.py checks it on the built pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from server import DOCS, ROOT

from calculators import caps, sources

PAGES = sorted(p for p in DOCS.glob("**/*.md"))
SRC = re.compile(r"\[\[src:([a-z0-9-]+)(?:\|[^\]]+)?\]\]")


def rel(p: Path) -> str:
    return str(p.relative_to(DOCS))


def test_every_page_of_the_site_map_exists():
    expected = """index rules/index rules/red-lines rules/privacy rules/process rules/supervision rules/interest-caps
    rules/myths rights/index rights/evidence rights/complaints rights/professional-help strategies/negotiate
    strategies/no-borrowing-to-repay strategies/list-debts strategies/repayment-plan strategies/budget
    strategies/support strategies/consequences court/index court/verify court/answer court/small-claims court/absent
    court/enforcement court/frozen court/family topics/huabei topics/daily-rate-loans topics/credit-report-mortgage
    topics/going-silent topics/no-unemployment-proof topics/lpr topics/short-term-loans topics/credit-repair
    about/laws about/glossary about/disclaimer about/privacy tools/index tools/inventory tools/apr tools/schedule
    tools/plan tools/negotiate tools/overdue tools/spiral tools/budget tools/checker tools/evidence-log
    tools/letters tools/what-to-do""".split()
    missing = [p for p in expected if not (DOCS / f"{p}.md").exists()]
    assert missing == []


@pytest.mark.parametrize("page", PAGES, ids=rel)
def test_page_opens_with_three_key_points(page):
    text = page.read_text(encoding="utf-8")
    lines = text.strip().splitlines()
    assert lines[0].startswith("# "), "first line must be the title"
    box = re.search(r'^!!! abstract "要点"\n((?:    .*\n|\n)+)', text, re.M)
    assert box, "missing the 要点 box"
    points = [ln for ln in box.group(1).splitlines() if ln.strip().startswith(("- ", "* ", "1.", "2.", "3."))]
    assert len(points) == 3, f"要点 must have three lines, found {len(points)}"
    assert text.index('!!! abstract "要点"') < 400, "要点 must come right after the title"


@pytest.mark.parametrize("page", PAGES, ids=rel)
def test_every_cited_source_exists(page):
    ids = SRC.findall(page.read_text(encoding="utf-8"))
    unknown = sorted(set(ids) - set(sources.laws()))
    assert unknown == []


def test_legal_pages_cite_sources():
    for sub in ("rules", "rights"):
        for page in (DOCS / sub).glob("*.md"):
            assert SRC.search(page.read_text(encoding="utf-8")), f"{rel(page)} cites no source"


def test_laws_data_is_complete():
    weights = set(sources.WEIGHT_LABELS)
    for source_id, rec in sources.laws().items():
        assert rec["weight"] in weights, source_id
        assert rec["name"] and rec["short"], source_id
        for key in ("issued", "effective"):
            assert rec[key] == "" or re.fullmatch(r"\d{4}-\d{2}-\d{2}", rec[key]), (source_id, key)
        assert rec["confidence"] in {"verified-primary", "verified-secondary", "partly-unverified"}, source_id


def test_channels_and_caps_cite_existing_sources():
    laws = sources.laws()
    for ch in sources.channels():
        assert set(ch["source_ids"]) <= set(laws), ch["id"]
    ids = {ch["id"] for ch in sources.channels()}
    assert {"110", "12378", "12356", "12348", "nifa", "12321", "lender"} <= ids
    from datetime import date

    for lender in caps.LENDERS:
        for d in (date(2019, 9, 1), date(2025, 6, 1)):
            assert set(caps.benchmark(lender, d).source_ids) <= set(laws), (lender, d)


def test_no_page_promotes_borrowing():
    banned = ["推荐贷款", "点击申请", "立即申请", "立即借款", "马上借钱", "申请链接"]  # calls to borrow, not warnings
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        assert not [w for w in banned if w in text], rel(page)


def test_crisis_fragment_has_12356_and_110():
    """Written once, in the theme (every page gets it from overrides/main.html, whatever engine builds it)."""
    text = (ROOT / "overrides" / "partials" / "crisis.html").read_text(encoding="utf-8")
    assert "12356" in text and "110" in text
    assert '{% include "partials/crisis.html" %}' in (ROOT / "overrides" / "main.html").read_text(encoding="utf-8")


def test_shared_fragments_cite_existing_sources_and_are_used():
    """includes/: text that several pages share is written once; every fragment is placed on a page."""
    used = "".join(p.read_text(encoding="utf-8") for p in PAGES)
    for fragment in sorted((ROOT / "includes").glob("*.md")):
        if fragment.name == "README.md":
            continue
        assert f"{{!{fragment.name}!}}" in used, f"{fragment.name} is on no page"
        assert set(SRC.findall(fragment.read_text(encoding="utf-8"))) <= set(sources.laws()), fragment.name


# ---------------------------------------------------------------- phone reading (issue 15, item 8)
