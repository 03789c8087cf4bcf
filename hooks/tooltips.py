"""术语提示: the first occurrence of each glossary term on a page becomes ``<abbr title="解释">``.

Python-Markdown's ``abbr`` matches only at ``\\b`` word boundaries, and Chinese characters are word characters,
so it missed most terms in Chinese text. This works on the page's HTML instead: it walks the text between tags,
skips headings, links, code, existing ``<abbr>``, buttons, labels and the calculators (``[data-calculator]``),
and matches the longest term first, so 实际年化利率 wins over 年化利率 and a term inside another is not marked.
Material's ``content.tooltips`` then shows the definition.
"""

from __future__ import annotations

import html as htmllib
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from calculators import sources

SKIP = {"h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "kbd", "abbr", "script", "style", "button",
        "label", "select", "option", "textarea", "svg", "title", "summary"}
"""Elements whose text never gets a tooltip."""
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
TOKEN = re.compile(r"<!--.*?-->|<[^>]+>", re.S)
TAG = re.compile(r"<\s*(/)?\s*([a-zA-Z][a-zA-Z0-9-]*)([^>]*?)(/)?\s*>", re.S)


def term_pattern(terms) -> re.Pattern:
    """One alternation of all terms, longest first (so the longer term wins where two overlap)."""
    return re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)))


def add_tooltips(html: str, glossary: dict[str, str]) -> str:
    """Wrap the first eligible occurrence of each term of ``glossary`` in ``<abbr title=…>``."""
    if not glossary:
        return html
    pattern = term_pattern(glossary)
    done: set[str] = set()
    stack: list[tuple[str, bool]] = []  # (tag, skipped) of open elements
    out: list[str] = []
    pos = 0

    def wrap(text: str) -> str:
        def one(m: re.Match) -> str:
            term = m.group(0)
            if term in done:
                return term
            done.add(term)
            return f'<abbr title="{htmllib.escape(glossary[term], quote=True)}">{term}</abbr>'

        return pattern.sub(one, text)

    for tok in TOKEN.finditer(html):
        text = html[pos:tok.start()]
        skipping = bool(stack) and stack[-1][1]
        out.append(text if skipping or not text.strip() else wrap(text))
        out.append(tok.group(0))
        pos = tok.end()
        tag = TAG.fullmatch(tok.group(0))
        if not tag:
            continue
        closing, name, attrs, selfclosing = tag.group(1), tag.group(2).lower(), tag.group(3), tag.group(4)
        if closing:
            while stack:  # pop to the matching element (tolerates unclosed <p>, <li>)
                if stack.pop()[0] == name:
                    break
        elif name not in VOID and not selfclosing:
            parent_skips = bool(stack) and stack[-1][1]
            stack.append((name, parent_skips or name in SKIP or "data-calculator" in attrs))
    tail = html[pos:]
    out.append(tail if stack and stack[-1][1] else wrap(tail))
    return "".join(out)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return add_tooltips(html, sources.glossary())
