"""Markers (wdyq_markdown/markers.py, tables.py): one grammar, loud page-naming errors, hedges.

Build tests: skipped one by one inside Pyodide, which has no MkDocs (same count)."""

from __future__ import annotations

import pytest
from conftest import needs_mkdocs

from calculators import lpr, sources
from wdyq_markdown import markers, tables

pytestmark = needs_mkdocs


def page(src_uri: str = "rules/example.md") -> str:
    return src_uri


UNVERIFIED = "microloan-cost-guideline-2025"  # partly-unverified in laws.json
SECONDARY = "psapl-2025"  # verified-secondary
PRIMARY = "pipl"  # verified-primary


def test_the_sources_used_here_have_the_confidence_the_tests_assume():
    laws = sources.laws()
    assert [laws[i]["confidence"] for i in (UNVERIFIED, SECONDARY, PRIMARY)] == [
        "partly-unverified", "verified-secondary", "verified-primary"]


def test_a_partly_unverified_source_carries_a_visible_label_and_others_do_not():
    m = markers
    out = m.expand(f"监管部门提示过风险[[src:{UNVERIFIED}]]。罚款上限1000元[[src:{SECONDARY}|第五十条]]。", page())
    assert out.count('<span class="src-flag">〔未经核实〕</span>') == 1
    assert f"(../about/laws.md#{UNVERIFIED}){{.src}}<span" in out
    assert f"(../about/laws.md#{SECONDARY}){{.src}}。" in out and "第五十条（法律）" in out


def test_unhedged_finds_the_sentence_that_cites_an_unverified_source_without_a_hedge():
    m = markers
    text = (f"第一句没有问题。监管部门提示过这类风险[[src:{UNVERIFIED}]]。\n"
            f"据报道，另一份文件也这样说[[src:{UNVERIFIED}]]。这句引用已核实的来源[[src:{PRIMARY}]]。\n"
            f"- 列表项里的说法[[src:{UNVERIFIED}]]\n- 下一项")
    assert m.unhedged(text) == ["监管部门提示过这类风险", "- 列表项里的说法"]


def test_a_marker_after_the_full_stop_belongs_to_the_sentence_before():
    m = markers
    text = f"前一句。这一句可能不准。[[src:{UNVERIFIED}]]下一句。"
    start = text.index("[[")
    assert m.sentence_around(text, start, text.index("]]") + 2) == "这一句可能不准"
    assert m.unhedged(text) == []


@pytest.mark.parametrize("markdown, message", [
    ("说法[[src:no-such-id]]。", "rules/example.md: 未知的来源编号：no-such-id"),
    ("[[calculator:no-such-tool]]", "rules/example.md: 未知的计算器 [[calculator:no-such-tool]]"),
    ("[[tabel:laws]]", "rules/example.md: 未知的标记 [[tabel:laws]]"),
    ("[[table:nothing]]", "rules/example.md: 未知的表格 [[table:nothing]]"),
    ("见下表 [[table:lpr]]", "rules/example.md: [[table:lpr]] 必须单独占一行"),
    ("[[channels:12378,no-such]]", "rules/example.md: [[channels:12378,no-such]]：未知的渠道编号：no-such"),
])
def test_a_bad_marker_fails_the_build_naming_the_page(markdown, message):
    m = markers
    with pytest.raises(m.MarkerError) as err:
        m.expand(markdown, page())
    assert str(err.value).startswith(message)


def test_channels_marker_lists_name_contact_purpose_and_links_to_the_complaints_section():
    m = markers
    out = m.expand("前文\n[[channels:12378,lender]]\n后文", page("rules/privacy.md"))
    known = {ch["id"]: ch for ch in sources.channels()}
    assert f"[{known['12378']['name']}](../rights/complaints.md#12378)" in out
    assert f"[{known['lender']['name']}](../rights/complaints.md#lender)" in out
    assert known["lender"]["for"] in out
    assert out.index("#12378") < out.index("#lender"), "channels keep the order the page gives"


def test_calculator_marker_leaves_a_slot_for_the_html_stage():
    m = markers
    assert m.expand("[[calculator:apr]]", page("tools/apr.md")) == '<div data-calculator-slot="apr"></div>'


def test_lpr_table_comes_from_the_domain_loader():
    t = tables
    rows = [r for r in t.table_lpr().splitlines() if r.startswith("| 20")]
    changes = lpr.lpr_changes()
    assert len(rows) == len(changes)
    first = changes[0]
    assert rows[0] == (f"| {first.date.year}年{first.date.month}月{first.date.day}日 | {first.one_year * 100:.2f}% "
                       f"| {first.five_year * 100:.2f}% | {4 * first.one_year * 100:.2f}% |")
    assert t.zh_date(lpr.verified_through().isoformat()) in t.table_lpr()


def test_laws_index_states_the_research_cutoff_and_each_source_date():
    t = tables
    text = t.table_laws()
    dates = [rec["checked"] for rec in sources.laws().values()]
    if min(dates) == max(dates):
        assert f"本索引的资料核实截至 **{t.zh_date(max(dates))}**" in text
    else:  # sources re-checked later than the others: the index gives the span, not one cut-off
        assert f"从 **{t.zh_date(min(dates))}** 到 **{t.zh_date(max(dates))}** 不等" in text
        assert "资料核实截至" not in text
    assert text.count("- **最后核实**：") == len(sources.laws())
    assert text.count("**核实程度**：未见原件") == sum(r["confidence"] == "verified-secondary" for r in sources.laws().values())
