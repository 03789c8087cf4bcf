"""Run the doctests of every module under calculators/ (the worked examples are documentation and tests)."""

import doctest
import importlib
import pkgutil

import pytest

import calculators

MODULES = sorted(
    ["calculators"] + [f"calculators.{m.name}" for m in pkgutil.iter_modules(calculators.__path__)]
)


def test_core_modules_are_discovered():
    for name in (
        "calculators.money",
        "calculators.rates",
        "calculators.schedules",
        "calculators.lpr",
        "calculators.caps",
        "calculators.errors",
    ):
        assert name in MODULES


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    module = importlib.import_module(name)
    result = doctest.testmod(
        module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False
    )
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {name}"
