"""Run the doctests of every module under calculators/ (the worked examples are documentation and tests)."""

import doctest
import fnmatch
import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import calculators

MODULES = sorted(
    ["calculators"] + [m.name for m in pkgutil.walk_packages(calculators.__path__, "calculators.")]
)


def test_core_modules_are_discovered():
    for name in (
        "calculators.money",
        "calculators.rates",
        "calculators.schedules",
        "calculators.lpr",
        "calculators.caps",
        "calculators.errors",
        "calculators.tools",
        "calculators.tools.plan",
    ):
        assert name in MODULES


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    module = importlib.import_module(name)
    result = doctest.testmod(
        module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False
    )
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {name}"


def test_every_package_ships_in_the_wheel():
    text = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text(encoding="utf-8")
    section = text.split("[tool.setuptools.packages.find]\n", 1)[1].split("\n[", 1)[0]
    patterns = re.findall(r'"(calculators[.\w*]*)"', section)
    packages = {"calculators"} | {m.name for m in pkgutil.walk_packages(calculators.__path__, "calculators.") if m.ispkg}
    missing = {p for p in packages if not any(fnmatch.fnmatchcase(p, pattern) for pattern in patterns)}
    assert not missing, "add the package to [tool.setuptools.packages.find] include in pyproject.toml"
