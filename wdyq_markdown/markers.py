"""Markers (标记): ``[[kind:arg|extra]]`` in the Markdown becomes content, through one grammar and one table.

* ``[[src:ID]]`` / ``[[src:ID|第五十条]]`` (inline): a citation linking to the laws index; a source whose
  ``confidence`` is ``partly-unverified`` carries a visible 「未经核实」 label, and the sentence it supports must
  hedge (see :data:`HEDGES`).
* ``[[table:NAME]]`` (own line): a table generated from ``calculators/data`` (see ``tables.TABLES``).
* ``[[channels:ID,ID]]`` (own line): those complaint / help channels from ``channels.json``.
* ``[[calculator:ID]]`` (own line): the form and its worked example, rendered by ``calculators.web``.

An unknown kind, id or table fails the build with the page's name. ``page`` is always the page's path under
``docs/`` (``rules/privacy.md``): links are written relative to it, as Markdown ``.md`` links the engine resolves.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass

from calculators import sources, web

from . import tables
from .errors import ContentError, MarkerError

__all__ = ["HEDGES", "MARKER_RE", "MARKERS", "Marker", "check_hedges", "expand", "sentence_around", "unhedged"]

MARKER_RE = re.compile(r"\[\[([a-z]+):([^\]|]*)(?:\|([^\]]*))?\]\]")
"""The one marker grammar: ``[[kind:arg]]`` or ``[[kind:arg|extra]]``."""

HEDGES = ("未能核实", "未经核实", "未核实", "据报道", "据称", "报道称", "可能", "尚未确认", "未见原件", "据媒体")
"""Words that tell the reader a claim is not confirmed (a partly-unverified source needs one in its sentence)."""

SENTENCE_END = "。！？!?\n"
CALC_SLOT = '<div data-calculator-slot="{}"></div>'
"""What ``[[calculator:ID]]`` becomes: a slot the extension fills with the form on the HTML (extension.py)."""


@dataclass(frozen=True)
class Marker:
    """One marker kind: how it renders (``render(page, arg, extra)``) and whether it must stand on its own line."""

    render: Callable[[str, str, str], str]
    block: bool


def relative(page: str, target: str) -> str:
    """Link from ``page`` to the source file ``target`` (both relative to docs/)."""
    here = posixpath.dirname(page)
    return posixpath.relpath(target, here or ".")


def _src(page: str, source_id: str, article: str) -> str:
    """引用: the citation link, with the 「未经核实」 label for a partly-unverified source."""
    try:
        text = sources.cite(source_id, article)
    except KeyError as exc:
        raise MarkerError(f"{page}: {exc.args[0]}") from None
    link = f'[{text}]({relative(page, "about/laws.md")}#{source_id}){{.src}}'
    label = sources.confidence_label(source_id)
    return f'{link}<span class="src-flag">〔{label}〕</span>' if label else link


def _table(page: str, name: str, _extra: str) -> str:
    if name not in tables.TABLES:
        raise MarkerError(f"{page}: 未知的表格 [[table:{name}]]（可用：{'、'.join(tables.TABLES)}）")
    return tables.TABLES[name]()


def _channels(page: str, ids: str, _extra: str) -> str:
    try:
        return tables.channel_list([i.strip() for i in ids.split(",") if i.strip()],
                                   relative(page, "rights/complaints.md"))
    except KeyError as exc:
        raise MarkerError(f"{page}: [[channels:{ids}]]：{exc.args[0]}") from None


def _calculator(page: str, calc_id: str, _extra: str) -> str:
    return CALC_SLOT.format(calc_id)


MARKERS: dict[str, Marker] = {
    "src": Marker(_src, block=False),
    "table": Marker(_table, block=True),
    "channels": Marker(_channels, block=True),
    "calculator": Marker(_calculator, block=True),
}
"""The dispatch table: marker kind → how it renders."""


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (up to 。！？ or a line end) that contains ``text[start:end]``, markers removed."""
    left = max(text.rfind(c, 0, start) for c in SENTENCE_END) + 1
    rights = [i for i in (text.find(c, end) for c in SENTENCE_END) if i >= 0]
    right = min(rights) if rights else len(text)
    # A marker right after the full stop (not after a line break) belongs to the sentence before it.
    if left > 0 and text[left - 1] != "\n" and not MARKER_RE.sub("", text[left:start]).strip():
        left, right = max(text.rfind(c, 0, left - 1) for c in SENTENCE_END) + 1, left - 1
    return MARKER_RE.sub("", text[left:right]).strip()


def unhedged(markdown: str) -> list[str]:
    """Sentences that cite a partly-unverified source without a hedge word (未能核实、据报道、可能 …)."""
    found = []
    for m in MARKER_RE.finditer(markdown):
        if m.group(1) != "src" or sources.laws().get(m.group(2), {}).get("confidence") != "partly-unverified":
            continue
        sentence = sentence_around(markdown, m.start(), m.end())
        if not any(h in sentence for h in HEDGES) and sentence not in found:
            found.append(sentence)
    return found


def check_hedges(markdown: str, page: str) -> None:
    """Fail the build for a sentence that cites a partly-unverified source without saying so."""
    for sentence in unhedged(markdown):
        raise ContentError(f"{page}: 引用了部分未经核实的来源，句子却没有说明：“{sentence}”")


def expand(markdown: str, page: str) -> str:
    """Replace every marker by its content; block markers must stand on a line of their own. A calculator leaves
    a slot (:data:`CALC_SLOT`) that the extension fills on the HTML; an id that is not a calculator fails here."""

    def one(m: re.Match) -> str:
        kind, arg, extra = m.group(1), m.group(2), m.group(3) or ""
        marker = MARKERS.get(kind)
        if marker is None:
            raise MarkerError(f"{page}: 未知的标记 {m.group(0)}（可用：{'、'.join(MARKERS)}）")
        line_start = markdown.rfind("\n", 0, m.start()) + 1
        line_end = markdown.find("\n", m.end())
        line = markdown[line_start: len(markdown) if line_end < 0 else line_end]
        if marker.block and line.strip() != m.group(0):
            raise MarkerError(f"{page}: {m.group(0)} 必须单独占一行")
        if kind == "calculator" and arg not in web.CALCULATORS:
            raise MarkerError(f"{page}: 未知的计算器 [[calculator:{arg}]]")
        return marker.render(page, arg, extra)

    return MARKER_RE.sub(one, markdown)

