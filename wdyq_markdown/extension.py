"""The Python-Markdown extension (``markdown_extensions: [wdyq_markdown.extension]`` in mkdocs.yml).

* A preprocessor, after ``markdown_include`` (so shared fragments count too) and before everything else: the
  page's content rules (:func:`footer.check_page`, :func:`markers.check_hedges`), its footer line from the markers
  it uses (:func:`footer.footer_block`), then the markers expanded (:func:`markers.expand`); a calculator becomes
  an empty slot (``<div data-calculator-slot="ID">``, raw HTML that Markdown passes through).
* Two postprocessors, on the page's finished HTML: each slot becomes the calculator's form and worked example
  (``calculators.web``), then the glossary tooltips (:func:`tooltips.add_tooltips`), which skip the calculators.

Python-Markdown does not tell an extension which page it renders; :func:`page_path` asks the engine: MkDocs and
ProperDocs register their link resolver (``relpath``) with the page's file, Zensical its rendering context
(``rendering_context``) with the page. An engine that gives neither fails the build here, by name, rather than
writing links relative to the wrong page.
"""

from __future__ import annotations

import re

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from calculators import sources, web

from . import footer, markers, tooltips
from .errors import ContentError

__all__ = ["SiteExtension", "makeExtension", "page_path"]

SLOT = re.compile(r'(?:<p>)?<div data-calculator-slot="([a-z-]+)"></div>(?:</p>)?')
AFTER_INCLUDE = 100
"""markdown_include's preprocessor runs at 101; Python-Markdown's own start at 30."""
CALCULATORS = 6
LAST = 5
"""After Python-Markdown's raw HTML (30) and ampersand (20) postprocessors: the page's HTML is complete."""


def page_path(md: Markdown) -> str:
    """The path under docs/ of the page ``md`` is rendering (``rules/privacy.md``), as the engine knows it."""
    if "relpath" in md.treeprocessors:  # MkDocs 1.6 / ProperDocs: _RelativePathTreeprocessor(file, …)
        file = getattr(md.treeprocessors["relpath"], "file", None)
        if file is not None:
            return file.src_uri
    for processor in md.preprocessors:  # Zensical: ContextPreprocessor(page=Page(url, path, …))
        page = getattr(processor, "page", None)
        if getattr(processor, "name", "") == "rendering_context" and page is not None:
            return str(page.path).replace("\\", "/").lstrip("/")
    raise ContentError("wdyq_markdown：这个构建引擎没有告诉扩展当前是哪个页面（已知：MkDocs、ProperDocs、Zensical） / "
                       "the engine does not say which page is being rendered")


class PagePreprocessor(Preprocessor):
    """Content rules, footer line and markers, on the page's Markdown (fragments included)."""

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        page = page_path(self.md)
        footer.check_page(text, page)
        markers.check_hedges(text, page)
        block = footer.footer_block(text, page)
        text = markers.expand(text, page)
        return f"{text.rstrip()}\n\n{block}".split("\n")


class CalculatorPostprocessor(Postprocessor):
    """Each calculator slot (with the paragraph Markdown may have put around it) becomes the rendered calculator."""

    def run(self, text: str) -> str:
        return SLOT.sub(lambda m: web.render_calculator(m.group(1)), text)


class TooltipPostprocessor(Postprocessor):
    def run(self, text: str) -> str:
        return tooltips.add_tooltips(text, sources.glossary())


class SiteExtension(Extension):
    """Markers, page dates, content rules and glossary tooltips (网贷逾期应对指南)."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(PagePreprocessor(md), "wdyq_page", AFTER_INCLUDE)
        md.postprocessors.register(CalculatorPostprocessor(md), "wdyq_calculators", CALCULATORS)
        md.postprocessors.register(TooltipPostprocessor(md), "wdyq_tooltips", LAST)


def makeExtension(**kwargs) -> SiteExtension:
    return SiteExtension(**kwargs)
