"""The browser boundary (网页适配层): raw form strings in, escaped HTML and errors out.

The same functions run at build time (the pre-rendered worked example) and in the reader's browser, inside
Pyodide in a Web Worker. JavaScript only moves strings: it sends ``{name: raw text}`` and inserts the ``html``.
"""

from __future__ import annotations

import csv
import io
import json

from . import render
from .errors import InputError
from .forms import DEBT_COLUMNS, FORMS, Form, parse_fields

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
    """JSON in, JSON out: what the Web Worker calls (strings only cross the boundary).

    The page only needs ``html`` and ``errors``; ``data`` (every month of a plan) stays in Python.
    """
    try:
        fields = json.loads(fields_json)
    except (TypeError, ValueError):
        fields = {}
    if not isinstance(fields, dict):
        fields = {}
    fields = {str(k): v if isinstance(v, str) else "" for k, v in fields.items()}
    out = run(calc_id, fields)
    return json.dumps({"html": out["html"], "errors": out["errors"]}, ensure_ascii=False)


def render_calculator(calc_id: str) -> str:
    """The calculator block of a page: the form (defaults filled in) and the pre-rendered worked example."""
    form = CALCULATORS[calc_id]
    out = run(calc_id, {f.id: f.default for f in form.fields})
    if out["errors"]:
        raise ValueError(f"{calc_id}: the worked example (the form's defaults) does not compute: {out['errors']}")
    return render.calculator_block(form, out["html"])


def export_csv(fields: dict) -> dict:
    """导出 CSV: the shared debts box as a CSV table with a Chinese header (the page adds the UTF-8 BOM).

    Cells are kept exactly as typed ("日息万五" stays "日息万五"), so export → import gives the same text.

    >>> export_csv({"debts": "网贷,1.2万,日息万五,600"})["csv"].splitlines()
    ['名称,余额,年化利率,最低还款,机构类型,逾期天数', '网贷,1.2万,日息万五,600']
    """
    text = str(fields.get("debts", "")).replace("，", ",")
    rows = [[c.strip() for c in row] for row in csv.reader(io.StringIO(text)) if any(c.strip() for c in row)]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(DEBT_COLUMNS)
    writer.writerows(rows)
    return {"csv": out.getvalue()}


def import_csv(args: dict) -> dict:
    """导入 CSV: a CSV exported here (or typed in Excel with the same columns) → the debts box text.

    >>> import_csv({"text": "\\ufeff名称,余额,年化利率,最低还款\\n网贷,1.2万,日息万五,600\\n"})
    {'debts': '网贷,1.2万,日息万五,600'}
    """
    text = str(args.get("text", "")).lstrip("\ufeff")
    rows = [[c.strip() for c in row] for row in csv.reader(io.StringIO(text)) if any(c.strip() for c in row)]
    if rows and rows[0] and rows[0][0] in ("名称", "name"):
        rows = rows[1:]
    if not rows:
        return {"error": "文件里没有债务行"}
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return {"debts": out.getvalue().rstrip("\n")}


CALLS = {"export_csv": export_csv, "import_csv": import_csv}


def call_json(name: str, args_json: str) -> str:
    """Helper calls from the page (export / import), JSON in and out."""
    try:
        args = json.loads(args_json)
    except (TypeError, ValueError):
        args = {}
    fn = CALLS.get(name)
    out = fn(args if isinstance(args, dict) else {}) if fn else {"error": f"unknown call {name}"}
    return json.dumps(out, ensure_ascii=False)
