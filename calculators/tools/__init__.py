"""计算器 (the calculators): one module per page ``/tools/ID/`` (module name = page id with ``_`` for ``-``).

Each module declares ``FIELDS``, ``compute(values)`` (thin glue to a pure domain module), ``render(result,
values)`` (HTML from the shared pieces in :mod:`calculators.render`) and ``FORM``. They are registered here in
the order of the site's navigation (``mkdocs.yml``).
"""

from __future__ import annotations

from ..forms import Form
from . import (
               apr,
               budget,
               checker,
               evidence_log,
               inventory,
               letters,
               negotiate,
               overdue,
               plan,
               schedule,
               spiral,
               what_to_do,
)

__all__ = ["FORMS", "TOOLS"]

TOOLS = (what_to_do, inventory, apr, schedule, plan, negotiate, overdue, spiral, budget, checker, evidence_log,
         letters)
"""The tool modules in the site's order."""

FORMS: dict[str, Form] = {tool.FORM.id: tool.FORM for tool in TOOLS}
"""Every calculator by page id."""
