"""Glossary tooltips (wdyq_markdown/tooltips.py, on html.parser): the first eligible occurrence of each term,
longest first; everything else copied as it was.

Build tests: skipped one by one inside Pyodide, which has no MkDocs (same count)."""

from __future__ import annotations

from conftest import needs_mkdocs

from wdyq_markdown import tooltips

pytestmark = needs_mkdocs
GLOSSARY = {"年化利率": "按年计算的利率", "实际年化利率": "把费用也算进去的年化", "征信": "信用报告 \"记录\" <系统>"}


def tips(html: str) -> str:
    return tooltips.add_tooltips(html, GLOSSARY)


def test_only_the_first_occurrence_in_chinese_text_is_marked():
    out = tips("<p>逾期会上征信。征信有记录。</p>")
    assert out == ('<p>逾期会上<abbr title="信用报告 &quot;记录&quot; &lt;系统&gt;">征信</abbr>。征信有记录。</p>')


def test_headings_links_code_and_existing_abbr_are_left_alone():
    html = ('<h2 id="x">征信<a class="headerlink" href="#x">¶</a></h2><p><a href="/z/">征信</a> <code>征信</code>'
            '<abbr title="别的">征信</abbr></p><pre><code>征信</code></pre><p>正文里的征信</p>')
    out = tips(html)
    assert out.count("<abbr") == 2 and out.endswith('<p>正文里的<abbr title="信用报告 &quot;记录&quot; '
                                                    '&lt;系统&gt;">征信</abbr></p>')
    assert out.startswith('<h2 id="x">征信<a') and '<a href="/z/">征信</a>' in out


def test_calculator_forms_and_results_are_left_alone():
    html = ('<div data-calculator="apr"><p>征信</p><div data-result><p>年化利率</p></div></div>'
            '<p>年化利率<br>征信</p>')
    out = tips(html)
    assert '<div data-calculator="apr"><p>征信</p><div data-result><p>年化利率</p></div></div>' in out
    assert out.count("<abbr") == 2


def test_the_longer_term_wins_and_the_shorter_inside_it_is_not_marked():
    out = tips("<p>真实的实际年化利率。</p><p>另一个年化利率。</p>")
    assert '<abbr title="把费用也算进去的年化">实际年化利率</abbr>' in out
    assert '<p>另一个<abbr title="按年计算的利率">年化利率</abbr>。</p>' in out
    assert out.count("<abbr") == 2


def test_character_references_comments_and_self_closing_tags_are_copied_as_written():
    html = ('<!-- 征信 --><p>A&amp;B 征信&nbsp;记录<br/>年化利率&#12290;</p><svg viewBox="0 0 1 1"/>'
            '<p title="征信">无</p><script>var s = "征信";</script>')
    out = tips(html)
    assert out == ('<!-- 征信 --><p>A&amp;B <abbr title="信用报告 &quot;记录&quot; &lt;系统&gt;">征信</abbr>&nbsp;记录<br/>'
                   '<abbr title="按年计算的利率">年化利率</abbr>&#12290;</p><svg viewBox="0 0 1 1"/>'
                   '<p title="征信">无</p><script>var s = "征信";</script>')


def test_text_across_lines_and_unclosed_elements_keep_their_place():
    html = "<ul>\n<li>第一项\n<li>逾期会上征信\n</ul>\n<p>征信</p>"
    out = tips(html)
    assert out == ('<ul>\n<li>第一项\n<li>逾期会上<abbr title="信用报告 &quot;记录&quot; &lt;系统&gt;">征信</abbr>\n'
                   "</ul>\n<p>征信</p>")
