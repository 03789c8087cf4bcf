"""The Markdown extension (wdyq_markdown/extension.py) run by Python-Markdown as an engine runs it: markers,
page date, calculators, tooltips and the content rules, with no MkDocs plugin event involved.

Build tests: skipped one by one inside Pyodide, which has no MkDocs (same count)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from conftest import needs_mkdocs

from calculators import sources

pytestmark = needs_mkdocs
UNVERIFIED = "microloan-cost-guideline-2025"  # partly-unverified in laws.json


def render(text: str, page: str | None = "rules/example.md", engine: str = "mkdocs") -> str:
    """``text`` rendered the way MkDocs (its link resolver knows the page) or Zensical (its context does) would."""
    import markdown
    from markdown.preprocessors import Preprocessor
    from markdown.treeprocessors import Treeprocessor

    md = markdown.Markdown(extensions=["attr_list", "md_in_html", "wdyq_markdown.extension"])
    if page and engine == "mkdocs":
        resolver = Treeprocessor(md)
        resolver.run = lambda root: None
        resolver.file = SimpleNamespace(src_uri=page)
        md.treeprocessors.register(resolver, "relpath", 0)
    elif page and engine == "zensical":
        context = Preprocessor(md)
        context.name, context.page, context.run = "rendering_context", SimpleNamespace(path=page), lambda lines: lines
        md.preprocessors.register(context, "rendering_context", 0)
    return md.convert(text)


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_markers_date_and_tooltips_come_from_the_extension(engine):
    html = render("# 标题\n\n逾期会上征信，个人信息受保护[[src:pipl|第十条]]。\n", engine=engine)
    assert '<a class="src" href="../about/laws.md#pipl">' in html
    assert '<p class="page-checked">本页引用的来源最后核实于 ' in html
    assert f'<abbr title="{sources.glossary()["征信"]}">征信</abbr>' in html.replace("&quot;", '"')


def test_a_calculator_marker_becomes_the_rendered_calculator_without_tooltips():
    from calculators import web

    html = render("# 年化\n\n[[calculator:apr]]\n\n正文", "tools/apr.md")
    assert web.render_calculator("apr") in html
    assert "data-calculator-slot" not in html and "<p><div" not in html


@pytest.mark.parametrize("text, message", [
    ("最后核实：2026年11月28日", "rules/example.md: 手写的“最后核实”行要删掉"),
    ("目前（2025年3月）仍然有效。", "rules/example.md: 句子把“现在”写死成某个日期"),
    (f"监管部门提示过这类风险[[src:{UNVERIFIED}]]。", "rules/example.md: 引用了部分未经核实的来源，句子却没有说明"),
    ("见下表 [[table:lpr]]", "rules/example.md: [[table:lpr]] 必须单独占一行"),
])
def test_content_rules_fail_the_render_naming_the_page(text, message):
    from wdyq_markdown.errors import ContentError

    with pytest.raises(ContentError) as err:
        render(text)
    assert str(err.value).startswith(message)


def test_an_engine_that_does_not_say_which_page_fails_loudly():
    from wdyq_markdown.errors import ContentError

    with pytest.raises(ContentError, match="没有告诉扩展当前是哪个页面"):
        render("正文", page=None)
