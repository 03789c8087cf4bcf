"""计算器 (the calculators): one module per page ``/tools/ID/`` (module name = page id with ``_`` for ``-``).

Each module declares ``FIELDS``, ``compute(values)`` (thin glue to a pure domain module), ``render(result,
values)`` (HTML from the shared pieces in :mod:`calculators.render`) and ``FORM``. Adding a calculator means
adding its module and its name to ``NAMES`` below, in the order of the site's navigation (``mkdocs.yml``).
"""

from __future__ import annotations

from importlib import import_module

from ..forms import Form

__all__ = ["FORMS", "NAMES", "TOOLS"]

NAMES = ("what_to_do", "inventory", "apr", "schedule", "plan", "progress", "negotiate", "pack", "overdue", "spiral",
         "budget", "checker", "evidence_log", "letters")
"""The tool modules, in the site's order."""

TOOLS = tuple(import_module(f"{__name__}.{name}") for name in NAMES)

FORMS: dict[str, Form] = {tool.FORM.id: tool.FORM for tool in TOOLS}
"""Every calculator by page id."""
