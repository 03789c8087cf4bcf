"""计算器 (the calculators): one module per page ``/tools/ID/`` (module name = page id with ``_`` for ``-``).

Each module declares ``FIELDS``, ``compute(values)`` (thin glue to a pure domain module), ``render(result,
values)`` (HTML from the shared pieces in :mod:`calculators.render`) and ``FORM``. Adding a calculator means
adding its module and its name to ``NAMES`` below, in the order of the site's navigation (``mkdocs.yml``).
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from importlib import import_module
from types import ModuleType

from ..forms import Form

__all__ = ["FORMS", "NAMES", "tool"]

NAMES = ("what_to_do", "inventory", "apr", "schedule", "plan", "progress", "negotiate", "pack", "overdue", "spiral",
         "budget", "checker", "evidence_log", "respond", "letters")
"""The tool modules, in the site's order."""


def tool(page_id: str) -> ModuleType:
    """The module of the calculator at ``/tools/PAGE_ID/``, imported on first use."""
    return import_module(f"{__name__}.{page_id.replace('-', '_')}")


class Forms(MutableMapping):
    """Every calculator's form by page id, in the site's order. A tool's module is imported only when its form is
    first asked for: a calculator page in the browser starts without importing the others."""

    def __init__(self) -> None:
        self._ids = tuple(name.replace("_", "-") for name in NAMES)
        self._forms: dict[str, Form] = {}

    def __getitem__(self, page_id: str) -> Form:
        if page_id not in self._forms:
            if page_id not in self._ids:
                raise KeyError(page_id)
            form = tool(page_id).FORM
            if form.id != page_id:
                raise RuntimeError(f"calculators.tools: {page_id} declares the form {form.id}")
            self._forms[page_id] = form
        return self._forms[page_id]

    def __setitem__(self, page_id: str, form: Form) -> None:  # tests replace a form (monkeypatch.setitem)
        if page_id not in self._ids:
            raise KeyError(page_id)
        self._forms[page_id] = form

    def __delitem__(self, page_id: str) -> None:
        del self._forms[page_id]

    def __contains__(self, page_id: object) -> bool:
        return page_id in self._ids

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


FORMS = Forms()
"""Every calculator by page id."""
