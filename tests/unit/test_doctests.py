"""Run the doctests of every module under calculators/ (the worked examples are documentation and tests)."""

import doctest
import importlib
import pkgutil

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
