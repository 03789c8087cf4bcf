"""Page footer (wdyq_markdown/footer.py): 最后核实 derived from what a page cites; no hard-coded "now"; and the
whole extension (wdyq_markdown/extension.py) as an engine runs it.

Build tests: skipped one by one inside Pyodide, which has no MkDocs (same count)."""

from __future__ import annotations

import datetime
import re

import pytest
from conftest import needs_mkdocs

from calculators import lpr, sources
from wdyq_markdown import footer, tables
from wdyq_markdown.errors import ContentError

pytestmark = needs_mkdocs


def test_every_source_has_an_iso_checked_date_not_after_the_research_cutoff():
    for source_id, rec in sources.laws().items():
        assert re.fullmatch(r"20\d\d-\d\d-\d\d", rec["checked"]), source_id
        assert rec["checked"] >= (rec["issued"] or "0"), f"{source_id} checked before it was issued"


def test_page_dates_follow_the_sources_the_channels_and_the_lpr_data():
    f = footer
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
    f = footer
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
    assert bool(footer.now_sentences(line)) is hit


def test_a_hand_written_checked_line_fails_the_build_naming_the_page():
    with pytest.raises(ContentError, match=r"^topics/example\.md: 手写的“最后核实”行"):
        footer.check_page("# 标题\n\n正文。\n\n最后核实：2026年11月28日\n", "topics/example.md")
    with pytest.raises(ContentError, match=r"^topics/example\.md: 句子把“现在”写死"):
        footer.check_page("# 标题\n\n目前（2025年3月）仍然有效。\n", "topics/example.md")
    footer.check_page("# 标题\n\n正文[[src:pipl]]。\n", "topics/example.md")
    assert footer.footer_block("正文[[src:pipl]]。", "topics/example.md") == (
        f"本页引用的来源最后核实于 {tables.zh_date(sources.checked('pipl'))}。\n{{: .page-checked }}\n")


def test_a_page_without_sources_is_dated_by_its_last_commit_or_the_build_day():
    day = datetime.date(2030, 5, 6)
    assert footer.footer_block("没有引用。", "no/such-page.md", today=day) == "本页内容更新于 2030年5月6日。\n{: .page-checked }\n"
    committed = next(iter(footer.git_dates()), None)
    if committed:  # a checkout with git: a committed page gets its commit date
        date = footer.git_dates()[committed]
        assert footer.footer_block("没有引用。", committed.removeprefix("docs/"), today=day).startswith(
            f"本页内容更新于 {tables.zh_date(date)}。")


def test_stale_sources_give_one_warning_for_the_whole_build():
    checked = sources.checked("pipl")
    later = datetime.date.fromisoformat(checked) + datetime.timedelta(days=200)
    pages = {"a.md": "说法[[src:pipl]]。", "b.md": "又一个[[src:pipl]]。", "c.md": "没有引用。"}
    message = footer.stale_sources(pages, today=later)
    assert message.startswith(f"2 个页面引用的来源最后核实已超过六个月（最早 {tables.zh_date(checked)}")
    assert footer.stale_sources(pages, today=datetime.date.fromisoformat(checked)) is None
