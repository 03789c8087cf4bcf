"""The browser boundary (网页适配层): raw form strings in, escaped HTML and errors out.

The same functions run at build time (the pre-rendered worked example) and in the reader's browser, inside
Pyodide in a Web Worker. JavaScript only moves strings: it sends ``{name: raw text}`` and inserts the ``html``.
"""

from __future__ import annotations

import csv
import io
import json

from . import evidence, render
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
        return {"html": render.error_box(errors), "errors": errors, "data": None}
    return {"html": form.render(result, values), "errors": {}, "data": result.to_dict()}


def _json_object(text: str) -> dict:
    """What the page sent, as a dict; anything that is not a JSON object counts as empty."""
    try:
        value = json.loads(text)
    except (TypeError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def run_json(calc_id: str, fields_json: str) -> str:
    """JSON in, JSON out: what the Web Worker calls (strings only cross the boundary).

    The page only needs ``html`` and ``errors``; ``data`` (every month of a plan) stays in Python.
    """
    fields = {str(k): v if isinstance(v, str) else "" for k, v in _json_object(fields_json).items()}
    out = run(calc_id, fields)
    return json.dumps({"html": out["html"], "errors": out["errors"]}, ensure_ascii=False)


def render_calculator(calc_id: str) -> str:
    """The calculator block of a page: the form (defaults filled in) and the pre-rendered worked example."""
    form = CALCULATORS[calc_id]
    out = run(calc_id, {f.id: f.default for f in form.fields})
    if out["errors"]:
        raise ValueError(f"{calc_id}: the worked example (the form's defaults) does not compute: {out['errors']}")
    return render.calculator_block(form, out["html"])


def _is_log(args: dict) -> bool:
    """Does the page action come from a tool whose saved data is the evidence log (not the debts box)?"""
    form = CALCULATORS.get(str(args.get("_calc", "")))
    return form is not None and any(f.id == "entries" for f in form.fields) and \
        not any(f.id == "debts" for f in form.fields)


def export_csv(fields: dict) -> dict:
    """导出 CSV: the shared debts box (or, from the evidence-log tools, the log) as a CSV table with a Chinese
    header (the page adds the UTF-8 BOM). Returns ``{"csv": text, "filename": name}``.

    Debt cells are kept exactly as typed ("日息万五" stays "日息万五"), so export → import gives the same text.

    >>> out = export_csv({"debts": "网贷,1.2万,日息万五,600"})
    >>> out["csv"].splitlines(), out["filename"]
    (['名称,余额,年化利率,最低还款,机构类型,逾期天数', '网贷,1.2万,日息万五,600'], 'wdyq-debts.csv')
    >>> log = '[{"when": "2026-11-20 22:30", "channel": "电话", "target": "本人", "said": "今晚去你家"}]'
    >>> export_csv({"_calc": "evidence-log", "entries": log})["csv"].splitlines()[1]
    '2026-11-20 22:30,电话,,本人,今晚去你家,'
    """
    if _is_log(fields):
        try:
            entries = evidence.load_entries(str(fields.get("entries", "")))
        except InputError as exc:
            return {"error": exc.message}
        return {"csv": evidence.to_csv(entries), "filename": "wdyq-evidence-log.csv"}
    text = str(fields.get("debts", "")).replace("，", ",")
    rows = [[c.strip() for c in row] for row in csv.reader(io.StringIO(text)) if any(c.strip() for c in row)]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(DEBT_COLUMNS)
    writer.writerows(rows)
    return {"csv": out.getvalue(), "filename": "wdyq-debts.csv"}


def import_csv(args: dict) -> dict:
    """导入 CSV: a CSV exported here (or typed in Excel with the same columns) → the new field values.

    Debts replace the debts box (also returned under the old top-level ``debts`` key); log entries are merged
    into the saved log, identical entries kept once.

    >>> import_csv({"text": "\\ufeff名称,余额,年化利率,最低还款\\n网贷,1.2万,日息万五,600\\n"})
    {'debts': '网贷,1.2万,日息万五,600', 'fields': {'debts': '网贷,1.2万,日息万五,600'}}
    >>> out = import_csv({"_calc": "evidence-log", "text": "时间,方式,说了什么\\n2026/11/20 22:30,电话,今晚去你家\\n"})
    >>> out["fields"]["entries"], out["message"]
    ('[{"when": "2026-11-20 22:30", "channel": "电话", "contact": "", "target": "本人", "said": "今晚去你家", "files": ""}]', '导入了 1 条记录，现在共 1 条。')
    """
    text = str(args.get("text", "")).lstrip("\ufeff")
    if _is_log(args):
        try:
            old = evidence.load_entries(str(args.get("entries", "")))
        except InputError:
            old = []
        try:
            new = evidence.from_csv(text)
        except InputError as exc:
            return {"error": exc.message}
        merged, added = evidence.merge(old, new)
        skipped = len(new) - added
        message = f"导入了 {added} 条记录" + (f"，{skipped} 条和已有的相同、没有重复导入" if skipped else "")
        return {"fields": {"entries": evidence.dump_entries(merged)}, "message": f"{message}，现在共 {len(merged)} 条。"}
    rows = [[c.strip() for c in row] for row in csv.reader(io.StringIO(text)) if any(c.strip() for c in row)]
    if rows and rows[0] and rows[0][0] in ("名称", "name"):
        rows = rows[1:]
    if not rows:
        return {"error": "文件里没有债务行"}
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    debts = out.getvalue().rstrip("\n")
    return {"debts": debts, "fields": {"debts": debts}}


def evidence_add(args: dict) -> dict:
    """添加这条记录 (page call): new-entry fields → ``{"fields": {...}, "message": ...}`` or ``{"errors": {...}}``.

    >>> out = evidence_add({"entries": "", "when": "2026年11月20日 22:30", "channel": "电话", "target": "家人",
    ...                     "said": "让你家人出事"})
    >>> out["fields"]["when"], out["message"]
    ('', '已记录 1 条（在夜间 22:00 至次日 8:00），现在共 1 条。')
    >>> evidence_add({"when": "昨天", "channel": "电话", "target": "本人", "said": "x"})["errors"]["when"][:3]
    '时间：'
    """
    return evidence.add(args)


def evidence_delete(args: dict) -> dict:
    """删除一条记录 (page call): ``_arg`` is the entry's index in the saved log."""
    return evidence.delete(args)


CALLS = {"export_csv": export_csv, "import_csv": import_csv, "evidence_add": evidence_add,
         "evidence_delete": evidence_delete}


def call_json(name: str, args_json: str) -> str:
    """Helper calls from the page (export / import, adding and deleting log entries), JSON in and out.

    ``args`` holds every raw form field of the calculator plus ``_calc`` (its id) and ``_arg`` (the clicked
    button's ``data-arg``).
    """
    fn = CALLS.get(name)
    out = fn(_json_object(args_json)) if fn else {"error": f"unknown call {name}"}
    return json.dumps(out, ensure_ascii=False)
