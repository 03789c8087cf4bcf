"""Build hooks, page footer (hooks/footer.py): 最后核实 derived from what a page cites; no hard-coded "now".

The hooks need MkDocs, which Pyodide does not have: there these tests are skipped one by one (same count)."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from conftest import hook, needs_mkdocs

from calculators import lpr, sources

pytestmark = needs_mkdocs


def test_every_source_has_an_iso_checked_date_not_after_the_research_cutoff():
    for source_id, rec in sources.laws().items():
        assert re.fullmatch(r"20\d\d-\d\d-\d\d", rec["checked"]), source_id
        assert rec["checked"] >= (rec["issued"] or "0"), f"{source_id} checked before it was issued"


def test_page_dates_follow_the_sources_the_channels_and_the_lpr_data():
    f = hook("footer")
    lpr_date = lpr.verified_through().isoformat()
    assert f.page_dates("没有引用。") == []
    assert f.page_dates("说法[[src:pipl|第十条]]。") == [sources.checked("pipl")]
    assert f.page_dates("[[table:lpr]]") == [lpr_date]
    assert f.page_dates("[[calculator:overdue]]") == [lpr_date]
    assert f.page_dates("[[calculator:apr]]") == []
    twelve = next(ch for ch in sources.channels() if ch["id"] == "12378")
    assert f.page_dates("[[channels:12378]]") == [sources.checked(s) for s in twelve["source_ids"]]
    assert len(f.page_dates("[[table:laws]]")) == len(sources.laws())


def test_the_footer_names_the_oldest_date_or_says_when_the_page_was_updated():
    f = hook("footer")
    assert f.footer_line(["2026-03-20", "2026-02-28"], "2026-11-30") == "本页引用的来源最后核实于 2026年2月28日。"
    assert f.footer_line([], "2026-11-30") == "本页内容更新于 2026年11月30日。"


@pytest.mark.parametrize("line, hit", [
    ("## 现在（2026年11月）还能用吗", True),
    ("目前（2025年3月）仍然有效。", True),
    ("如今(2026年)的规定", True),
    ("2026年3月31日前还清的不予展示。", False),
    ("现在就告诉身边的人（可以匿名）。", False),
])
def test_a_sentence_that_hard_codes_now_is_found(line, hit):
    assert bool(hook("footer").now_sentences(line)) is hit


def test_a_hand_written_checked_line_fails_the_build_naming_the_page():
    f = hook("footer")
    f.on_config(SimpleNamespace())
    page = SimpleNamespace(file=SimpleNamespace(src_uri="topics/example.md"))
    with pytest.raises(hook("buildlog").ContentError, match=r"^topics/example\.md: 手写的“最后核实”行"):
        f.on_page_markdown("# 标题\n\n正文。\n\n最后核实：2026年11月28日\n", page=page, config=None, files=None)
    out = f.on_page_markdown("# 标题\n\n正文[[src:pipl]]。\n", page=page, config=None, files=None)
    assert out.endswith(f"本页引用的来源最后核实于 {hook('tables').zh_date(sources.checked('pipl'))}。\n"
                        "{: .page-checked }\n\n{!crisis.md!}\n")
