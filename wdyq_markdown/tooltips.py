"""术语提示: the first occurrence of each glossary term on a page becomes ``<abbr title="解释">``.

Python-Markdown's ``abbr`` matches only at ``\\b`` word boundaries, and Chinese characters are word characters,
so it missed most terms in Chinese text. This works on the page's HTML instead, read by the standard library's
HTML parser (``html.parser``): it takes the text between tags, skips headings, links, code, existing ``<abbr>``,
buttons, labels and the calculators (``[data-calculator]``), and matches the longest term first, so 实际年化利率
wins over 年化利率 and a term inside another is not marked. Everything else is copied byte for byte. Material's
``content.tooltips`` then shows the definition.
"""

from __future__ import annotations

import html as htmllib
import re
from html.parser import HTMLParser

__all__ = ["SKIP", "add_tooltips", "term_pattern"]

SKIP = {"h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "kbd", "abbr", "script", "style", "button",
        "label", "select", "option", "textarea", "svg", "title", "summary"}
"""Elements whose text never gets a tooltip."""
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def term_pattern(terms) -> re.Pattern:
    """One alternation of all terms, longest first (so the longer term wins where two overlap)."""
    return re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)))


class _TextRuns(HTMLParser):
    """Finds the runs of text where a tooltip may go, as ``(start, end)`` offsets into the HTML it is fed."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=False)  # character references stay out of the text runs, as written
        self.lines = [0] + [m.end() for m in re.finditer("\n", html)]
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped) of open elements
        self.runs: list[tuple[int, int]] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        parent_skips = bool(self.stack) and self.stack[-1][1]
        calculator = any(name.startswith("data-calculator") for name, _ in attrs)
        self.stack.append((tag, parent_skips or tag in SKIP or calculator))

    def handle_startendtag(self, tag, attrs):
        """``<br/>``, ``<svg … />``: opens nothing."""

    def handle_endtag(self, tag):
        while self.stack:  # pop to the matching element (tolerates unclosed <p>, <li>)
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if data.strip() and not (self.stack and self.stack[-1][1]):
            start = self._offset()
            self.runs.append((start, start + len(data)))


def add_tooltips(html: str, glossary: dict[str, str]) -> str:
    """Wrap the first eligible occurrence of each term of ``glossary`` in ``<abbr title=…>``."""
    if not glossary:
        return html
    parser = _TextRuns(html)
    parser.feed(html)
    parser.close()
    pattern = term_pattern(glossary)
    done: set[str] = set()

    def one(m: re.Match) -> str:
        term = m.group(0)
        if term in done:
            return term
        done.add(term)
        return f'<abbr title="{htmllib.escape(glossary[term], quote=True)}">{term}</abbr>'

    out: list[str] = []
    pos = 0
    for start, end in parser.runs:
        out += [html[pos:start], pattern.sub(one, html[start:end])]
        pos = end
    out.append(html[pos:])
    return "".join(out)
