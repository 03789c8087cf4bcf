"""Chinese search (中文搜索): jieba knows the glossary terms and the words people type, and those words find
the section that helps (``calculators/data/search_aliases.json``: 想不开 → 12356, 口子 → 短期贷, …).

* ``on_config``: import jieba quietly (only its own known warnings are filtered), add every glossary term and
  alias as a whole word, so 停息挂账 or 714高炮 is indexed as typed.
* the post-build step (``postbuild.py``, after the search plugin wrote ``search/search_index.json``): add each
  alias to its target section's entry as a tag (the field with the highest boost); an alias whose page or section
  does not exist fails the build. Without this hook (another engine) the index still gets the aliases; only
  jieba's segmentation of the pages is MkDocs' own.
"""

from __future__ import annotations

import json
import logging
import warnings
from contextlib import contextmanager
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from calculators import sources
from wdyq_markdown.errors import EngineError as PluginError

JIEBA_WARNINGS = [
    # jieba 0.42.1's regular expressions are not raw strings: Python >= 3.12 says so when it compiles them.
    {"category": SyntaxWarning, "message": r"invalid escape sequence", "module": r".*[\\/]jieba[\\/]"},
    # jieba imports pkg_resources, which setuptools deprecates (removed in setuptools >= 81).
    {"category": UserWarning, "message": r"pkg_resources is deprecated", "module": r"jieba"},
    {"category": DeprecationWarning, "message": r".*pkg_resources", "module": r"jieba"},
]
"""Exactly the warnings jieba itself causes at import; anything else still shows."""


@contextmanager
def jieba_warnings_hidden():
    """Within: the warnings of :data:`JIEBA_WARNINGS` are ignored, every other warning behaves as before."""
    with warnings.catch_warnings():
        for rule in JIEBA_WARNINGS:
            warnings.filterwarnings("ignore", **rule)
        yield


def import_jieba():
    """Import jieba with its own known warnings hidden and its start-up chatter ("Building prefix dict") off."""
    with jieba_warnings_hidden():
        try:
            import jieba
        except ImportError:
            raise PluginError("缺少 jieba：没有它，中文搜索什么也找不到（make setup 会安装）") from None
    jieba.setLogLevel(logging.WARNING)
    return jieba


def search_words() -> list[str]:
    """Every glossary term and alias: the words jieba must keep whole."""
    words = list(sources.glossary())
    for alias in sources.search_aliases():
        words += alias["words"]
    return words


@event_priority(100)  # first: before the search plugin's on_config sets up its Chinese segmentation
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    jieba = import_jieba()
    for word in search_words():
        jieba.add_word(word)
    return config


def _location(src_uri: str) -> str:
    """docs/ path → the location the search index uses (``rules/privacy.md`` → ``rules/privacy/``)."""
    stem = src_uri.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def add_aliases(index: dict, aliases: list[dict]) -> dict:
    """Add each alias group's words to the tags of its target entry in a Material search index."""
    docs = index["docs"]
    for alias in aliases:
        page = _location(alias["page"])
        wanted = alias.get("section", "")
        targets = [d for d in docs if d["location"].split("#")[0] == page
                   and (d["title"].replace("\u200b", "") == wanted if wanted else "#" not in d["location"])]
        if not targets:
            raise PluginError(f"search_aliases.json：找不到 {alias['page']} {wanted}（别名 {'、'.join(alias['words'])}）")
        # Tags carry the search plugin's highest boost: Material splits a Chinese query into the index's own
        # words and prefixes, so only a boosted field lifts the target above every page sharing a character.
        tags = targets[0].get("tags", [])
        targets[0]["tags"] = [*tags, *(w for w in alias["words"] if w not in tags)]  # twice: the same index
    return index


def add_aliases_to_site(site_dir: Path) -> None:
    """:func:`add_aliases` on the built site's search index (none: nothing to do)."""
    path = site_dir / "search" / "search_index.json"
    if not path.exists():
        return
    index = add_aliases(json.loads(path.read_text(encoding="utf-8")), sources.search_aliases())
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
