"""Shared test configuration: a small, deterministic hypothesis profile.

The same suite runs inside Pyodide under Node (5-10x slower), so keep examples few and the run
derandomized; never write files in tests.
"""

import importlib
import importlib.util
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "calculators",
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("calculators")


HOOKS = Path(__file__).resolve().parents[2] / "hooks"
needs_mkdocs = pytest.mark.skipif(importlib.util.find_spec("mkdocs") is None, reason="MkDocs is not in Pyodide")
"""The build hooks import MkDocs, which Pyodide does not have: there their tests are skipped one by one (same count)."""


def hook(name: str):
    """Import one of the build hooks (hooks/NAME.py) for a test."""
    if str(HOOKS) not in sys.path:
        sys.path.insert(0, str(HOOKS))
    return importlib.import_module(name)
