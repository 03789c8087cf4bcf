"""Build hooks, Chinese search (hooks/search.py): aliases as data, jieba imported without its known warnings.

The hooks need MkDocs, which Pyodide does not have: there these tests are skipped one by one (same count)."""

from __future__ import annotations

import importlib
import importlib.util
import warnings
from pathlib import Path

import pytest
from conftest import hook, needs_mkdocs

from calculators import sources

pytestmark = needs_mkdocs
ROOT = Path(__file__).resolve().parents[2]


def test_every_alias_points_at_a_page_and_heading_that_exist():
    for alias in sources.search_aliases():
        page = ROOT / "docs" / alias["page"]
        assert page.exists(), alias
        if alias["section"]:
            headings = [ln.lstrip("#").split("{#")[0].strip() for ln in page.read_text(encoding="utf-8").splitlines()
                        if ln.startswith("#")]
            assert alias["section"] in headings, alias
    words = [w for a in sources.search_aliases() for w in a["words"]]
    assert len(words) == len(set(words)), "an alias leads to one place"
    assert {"想不开", "不想活", "活不下去", "轻生", "口子", "714高炮", "砍头息", "爆通讯录", "冒充公检法"} <= set(words)


def test_aliases_go_into_their_section_of_the_search_index():
    s = hook("search")
    index = {"docs": [{"location": "strategies/support/", "title": "照顾", "text": "a"},
                      {"location": "strategies/support/#_5", "title": "可以\u200b求助\u200b的\u200b地方", "text": "b"}]}
    aliases = [{"words": ["想不开", "不想活"], "page": "strategies/support.md", "section": "可以求助的地方"},
               {"words": ["口子"], "page": "strategies/support.md", "section": ""}]
    out = s.add_aliases(index, aliases)
    assert [d.get("tags") for d in out["docs"]] == [["口子"], ["想不开", "不想活"]]
    assert [d["text"] for d in out["docs"]] == ["a", "b"]
    with pytest.raises(s.PluginError, match="找不到 strategies/support.md 没有这节"):
        s.add_aliases(index, [{"words": ["x"], "page": "strategies/support.md", "section": "没有这节"}])


def test_jiebas_own_warnings_are_hidden_and_no_other():
    """jieba's source compiled as an import does (no bytecode): its SyntaxWarnings are hidden, a real one shows."""
    s = hook("search")
    origin = importlib.util.find_spec("jieba").origin
    source = Path(origin).read_text(encoding="utf-8")
    with warnings.catch_warnings(record=True) as unfiltered:
        warnings.simplefilter("always")
        compile(source, origin, "exec")
    assert any(issubclass(w.category, SyntaxWarning) for w in unfiltered), "the test no longer tests anything"
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        with s.jieba_warnings_hidden():
            compile(source, origin, "exec")
            warnings.warn("pkg_resources is deprecated as an API", UserWarning, stacklevel=1)  # attributed to this test module
            warnings.warn("a real warning", SyntaxWarning, stacklevel=1)
    assert [str(w.message) for w in seen] == ["pkg_resources is deprecated as an API", "a real warning"]
