"""The build proves the runtime it ships (hooks/upgrade.py, issue 21): a broken standard-library list, a runtime
that computes something else than CPython, or a pin that disagrees with the installed Pyodide fails the build with
a Chinese + English message naming the module or the two values.

Build tests: skipped inside Pyodide (no MkDocs, no Node there) and without node_modules (make setup)."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest
from conftest import HOOKS, needs_mkdocs

ROOT = HOOKS.parent
pytestmark = [needs_mkdocs, pytest.mark.skipif(not (ROOT / "node_modules" / "pyodide" / "package.json").exists()
                                               or shutil.which("node") is None, reason="needs make setup and Node")]


def hooks(name: str):
    if str(HOOKS) not in sys.path:
        sys.path.insert(0, str(HOOKS))
    return importlib.import_module(name)


def scratch_root(tmp_path: Path) -> Path:
    """A copy of the files that carry the Pyodide pins, to break one at a time."""
    for rel in ("Makefile", "docs/assets/calc-snapshot.js", "hooks/stdlib-modules.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / rel, tmp_path / rel)
    return tmp_path


def test_the_repository_pins_agree_with_the_installed_pyodide():
    assert hooks("upgrade").pin_problems() == []


@pytest.mark.parametrize("rel, old, new, message", [
    ("docs/assets/calc-snapshot.js", 'version: "', 'version: "1', "docs/assets/calc-snapshot.js 的 TRUSTED 是 1"),
    ("docs/assets/calc-snapshot.js", 'buildId: "', 'buildId: "0', "the snapshot pin TRUSTED"),
    ("hooks/stdlib-modules.txt", "for Pyodide ", "for Pyodide 9", "hooks/stdlib-modules.txt 是为 Pyodide 9"),
    ("Makefile", "PYODIDE_PYTHON := ", "PYODIDE_PYTHON := 2.", "Makefile 的 PYODIDE_PYTHON 是 2."),
])
def test_a_pin_that_disagrees_with_the_installed_pyodide_fails_naming_both(tmp_path, rel, old, new, message):
    upgrade = hooks("upgrade")
    root = scratch_root(tmp_path)
    text = (root / rel).read_text(encoding="utf-8")
    assert old in text
    (root / rel).write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(upgrade.UpgradeError) as err:
        upgrade.check_pins(root)
    assert message in str(err.value)
    assert "Pyodide pins disagree" in str(err.value) and "升级 Pyodide" in str(err.value)
    assert len(upgrade.pin_problems(root)) == 1


def shipped(site: Path, monkeypatch, stdlib_list: Path | None = None) -> Path:
    """A scratch site holding only what the runtime check reads: the runtime as the post-build step makes it
    (hooks/runtime.py) and calc-snapshot.js (the pin and the Python snippets; it imports nothing)."""
    runtime = hooks("runtime")
    if stdlib_list is not None:
        monkeypatch.setattr(runtime, "STDLIB_MODULES", stdlib_list)
        monkeypatch.setattr(runtime, "PYC_CACHE", ROOT / ".cache" / "pyc-test")  # not the build's, kept between runs
    dest = runtime.vendor_pyodide(site)
    runtime.register_wheel(dest, runtime.shipped_runtime(dest / "python_stdlib.zip", dest))
    shutil.copy(ROOT / "docs" / "assets" / "calc-snapshot.js", site / "assets" / "calc-snapshot.js")
    return site


def test_the_shipped_runtime_starts_and_computes_what_cpython_computes(tmp_path, monkeypatch):
    upgrade = hooks("upgrade")
    site = shipped(tmp_path / "site", monkeypatch)
    report = upgrade.self_check(site)
    assert report["version"] == upgrade.installed()["version"]
    assert report["check"] == upgrade.run_snippet(report["selfCheck"])
    monkeypatch.setattr(upgrade, "run_snippet", lambda code: "something else")
    with pytest.raises(upgrade.UpgradeError, match="the shipped runtime's self-check differs from CPython's"):
        upgrade.self_check(site)


def test_a_stdlib_list_without_a_needed_module_fails_naming_it(tmp_path, monkeypatch):
    upgrade = hooks("upgrade")
    broken = tmp_path / "stdlib-modules.txt"
    lines = (ROOT / "hooks" / "stdlib-modules.txt").read_text(encoding="utf-8").splitlines()
    broken.write_text("\n".join(ln for ln in lines if ln != "decimal") + "\n", encoding="utf-8")
    site = shipped(tmp_path / "site", monkeypatch, broken)
    with pytest.raises(upgrade.UpgradeError) as err:
        upgrade.self_check(site)
    assert "网站带的 Pyodide 运行时在 Node 下起不来 / the shipped Pyodide runtime fails to start" in str(err.value)
    assert "缺少模块 decimal" in str(err.value) and "missing module decimal" in str(err.value)


@pytest.mark.parametrize("npm, own", [("314.0.8", "314.0.8"), ("315.0.0-alpha.2", "315.0.0a2"),
                                      ("315.0.0-beta.1", "315.0.0b1"), ("315.0.0-rc.3", "315.0.0rc3")])
def test_npm_versions_are_compared_as_pyodide_spells_them(npm, own):
    """TRUSTED and the stdlib list carry pyodide.version (found on the upgrade walk-through: 315.0.0a2 on npm's
    315.0.0-alpha.2)."""
    assert hooks("upgrade").pyodide_version(npm) == own


@pytest.mark.parametrize("line", ["ModuleNotFoundError: No module named 'zipfile._path._functools'",
                                  "ModuleNotFoundError: Standard library module 'zipfile._path._functools' was not found"])
def test_the_missing_module_is_named_in_the_words_of_python_3_14_and_3_15(line):
    assert hooks("upgrade").MISSING.findall(f"Traceback …\n{line}\n") == ["zipfile._path._functools"]


def test_run_snippet_gives_the_last_expression_as_runpython_does():
    upgrade = hooks("upgrade")
    assert upgrade.run_snippet("x = 2\nx * 21") == 42
    assert upgrade.run_snippet("x = 2") is None
