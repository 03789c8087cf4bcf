"""The browser boundary (网页适配层): raw form strings in, escaped HTML and errors out.

The same functions run at build time (the pre-rendered worked example) and in the reader's browser, inside
Pyodide in a Web Worker. JavaScript only moves strings: it sends ``{name: raw text}`` and inserts the ``html``.
"""

from __future__ import annotations

import json

from . import render
from .errors import InputError
from .forms import FORMS, Form, parse_fields

CALCULATORS: dict[str, Form] = FORMS
"""Every calculator the site has, by page id (``/tools/ID/``)."""


def run(calc_id: str, fields: dict[str, str] | None = None) -> dict:
    """计算: parse ``fields``, compute, render. Never raises for bad input.

    Returns ``{"html": str, "errors": {field id: 中文提示}, "data": JSON-safe dict or None}``.

    >>> out = run("apr", {"principal": "abc"})
    >>> out["errors"]["principal"].startswith("借款本金")
    True
    """
    form = CALCULATORS.get(calc_id)
    if form is None:
        return {"html": render.error_box({"": f"没有这个计算器：{calc_id}"}), "errors": {"": "没有这个计算器"},
                "data": None}
    values, errors = parse_fields(form, fields or {})
    if not errors:
        try:
            result = form.compute(values)
        except InputError as exc:
            errors = exc.to_dict()
    if errors:
        return {"html": render.error_box(errors, form), "errors": errors, "data": None}
    return {"html": form.render(result, values), "errors": {}, "data": result.to_dict()}


def run_json(calc_id: str, fields_json: str) -> str:
    """JSON in, JSON out: what the Web Worker calls (strings only cross the boundary)."""
    try:
        fields = json.loads(fields_json)
    except (TypeError, ValueError):
        fields = {}
    if not isinstance(fields, dict):
        fields = {}
    fields = {str(k): v if isinstance(v, str) else "" for k, v in fields.items()}
    return json.dumps(run(calc_id, fields), ensure_ascii=False)


def render_calculator(calc_id: str) -> str:
    """The calculator block of a page: the form (defaults filled in) and the pre-rendered worked example."""
    form = CALCULATORS[calc_id]
    out = run(calc_id, {f.id: f.default for f in form.fields})
    if out["errors"]:
        raise ValueError(f"{calc_id}: the worked example (the form's defaults) does not compute: {out['errors']}")
    return render.calculator_block(form, out["html"])
