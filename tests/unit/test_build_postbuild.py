"""The post-build step (hooks/postbuild.py) and the order of what runs after the engine (issue 21).

* its steps run in an order where nothing is hashed or compressed before it is final (the search index gets its
  aliases before the service worker and the compressed copies are made, the runtime is there before the
  self-check and the service worker);
* as a hook it runs after every other ``on_post_build`` (the search plugin writes the index there), by its own
  ``@event_priority``, not by its place in mkdocs.yml;
* running it twice changes nothing (the aliases, the calculator pages' early start).

Build tests: skipped one by one inside Pyodide, which has no MkDocs (same count)."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest
from conftest import HOOKS, hook, needs_mkdocs

from calculators import sources

pytestmark = needs_mkdocs
ROOT = HOOKS.parent


def postbuild():
    if str(HOOKS) not in sys.path:
        sys.path.insert(0, str(HOOKS))
    return importlib.import_module("postbuild")


def test_nothing_is_hashed_or_compressed_before_it_is_final():
    order = [name for name, _ in postbuild().STEPS]
    assert order[0] == "pins", "the cheap pin check fails first"
    for before, after in [("runtime", "boot"), ("runtime", "self-check"), ("search", "service-worker"),
                          ("boot", "service-worker"), ("prune", "service-worker"), ("runtime", "service-worker"),
                          ("service-worker", "compress"), ("search", "compress"), ("runtime", "compress"),
                          ("runtime", "transfer"), ("transfer", "service-worker"), ("transfer", "compress")]:
        assert order.index(before) < order.index(after), f"{before} must run before {after}"
    assert order[-2:] == ["compress", "stale"]


def test_as_a_hook_it_runs_after_the_search_plugin_wrote_its_index():
    from mkdocs.config import load_config  # the API ProperDocs keeps (its CLI maps Material onto it)

    config = load_config(str(ROOT / "mkdocs.yml"))
    handlers = config.plugins.events["post_build"]
    ours = [h for h in handlers if getattr(h, "__module__", "").endswith("postbuild.py")]
    search = [h for h in handlers if type(getattr(h, "__self__", None)).__name__ == "SearchPlugin"]
    assert len(ours) == 1 and len(search) == 1
    assert handlers.index(search[0]) < handlers.index(ours[0])
    others = [getattr(h, "mkdocs_priority", 0) for h in handlers if h is not ours[0]]
    assert ours[0].mkdocs_priority < min(others), "last by its own priority, not by the list order"


def test_adding_the_aliases_twice_gives_the_same_index():
    search = hook("search")
    alias = sources.search_aliases()[0]
    page = alias["page"].removesuffix(".md").removesuffix("index") + ("/" if not alias["page"].endswith("index.md") else "")
    index = {"docs": [{"location": page, "title": "页面", "text": ""},
                      {"location": f"{page}#x", "title": alias["section"] or "别的", "text": ""}]}
    once = search.add_aliases(index, [alias])
    tags = list(next(d for d in once["docs"] if d.get("tags"))["tags"])
    twice = search.add_aliases(once, [alias])
    assert next(d for d in twice["docs"] if d.get("tags"))["tags"] == tags == alias["words"]


@pytest.mark.parametrize("page, src", [("tools/apr/index.html", "../../assets/calc-boot.js"),
                                       ("index.html", "assets/calc-boot.js")])
def test_a_calculator_page_starts_the_runtime_early_once(page, src):
    runtime = postbuild().runtime
    html = ('<html><head><meta charset="utf-8"><link rel="stylesheet" href="x.css"></head><body>'
            '<div data-calculator="apr"></div><script src="../../assets/javascripts/bundle.0123abcd.min.js"></script>'
            "</body></html>")
    once = runtime.boot_page(html, page)
    assert once.startswith(f'<html><head><meta charset="utf-8"><meta name="wdyq-calculator" content="1">'
                           f'<script src="{src}"></script><link')
    assert 'type="text/plain" data-wdyq-held="../../assets/javascripts/bundle.0123abcd.min.js"' in once
    assert runtime.boot_page(once, page) == once
    assert runtime.boot_page("<p>no calculator</p>", page) == "<p>no calculator</p>"


def test_the_post_build_step_refuses_a_folder_without_a_site(tmp_path):
    with pytest.raises(SystemExit, match="没有构建好的网站"):
        postbuild().run(tmp_path)


def test_the_hook_leaves_the_step_to_make_when_make_runs_it(monkeypatch):
    step = postbuild()
    ran = []
    monkeypatch.setattr(step, "run", ran.append)
    monkeypatch.setenv("WDYQ_POSTBUILD", "separate")
    step.on_post_build({"site_dir": "somewhere"})
    assert ran == []
    monkeypatch.delenv("WDYQ_POSTBUILD")
    step.on_post_build({"site_dir": "somewhere"})
    assert ran == [Path("somewhere")]
