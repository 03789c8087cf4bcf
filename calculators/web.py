"""The browser boundary (网页适配层): raw form strings in, escaped HTML and errors out.

The same functions run at build time (the pre-rendered worked example) and in the reader's browser, inside
Pyodide in a Web Worker. JavaScript only moves strings: it sends ``{name: raw text}`` and inserts the ``html``.
"""

from __future__ import annotations

import csv
import io
import json

from . import csvio, evidence, render
from .errors import InputError
from .forms import Form, parse_fields
from .listfields import DEBT_COLUMNS
from .serialize import to_data
from .tools import FORMS, tool

__all__ = ["CALCULATORS", "CALLS", "CSV_MIME", "FAILED", "STORE_SCHEMA", "call_json", "evidence_add", "evidence_delete",
           "export_csv", "export_json", "import_file", "plan_ics", "render_calculator", "reply", "respond_ics",
           "respond_prefill", "run", "run_json"]

FAILED = "计算出错了，请检查输入后再试；如果一直出错，请把输入内容反馈给我们。"
"""The last-resort message when something unexpected goes wrong (never a traceback on the page)."""

CALCULATORS = FORMS
"""Every calculator the site has, by page id (``/tools/ID/``); each tool's module is imported on first use."""


def run(calc_id: str, fields: dict[str, str] | None = None, *, data: bool = False) -> dict:
    """计算: parse ``fields``, compute, render. Never raises: bad input and unexpected failures become ``errors``.

    Returns ``{"html": str, "errors": {field id: 中文提示}, "data": JSON-safe result or None}``; ``data`` is built
    only when asked for (``data=True``): the page never needs it, so every keystroke skips it.

    >>> out = run("apr", {"principal": "abc"})
    >>> out["errors"]["principal"].startswith("借款本金")
    True
    """
    form = CALCULATORS.get(calc_id)
    if form is None:
        errors = {"": f"没有这个计算器：{calc_id}"}
        return {"html": render.error_box(errors), "errors": errors, "data": None}
    try:
        values, errors = parse_fields(form, fields or {})
        if not errors:
            try:
                result = form.compute(values)
            except InputError as exc:
                errors = form.report(exc)
        if not errors:
            return {"html": form.render(result, values), "errors": {}, "data": to_data(result) if data else None}
    except Exception:  # noqa: BLE001 - last-resort guard: the reader sees Chinese, never a traceback
        errors = {"": FAILED}
    return {"html": render.error_box(errors), "errors": errors, "data": None}


def _json_object(text: str) -> dict:
    """What the page sent, as a dict; anything that is not a JSON object counts as empty."""
    try:
        value = json.loads(text)
    except (TypeError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def run_json(calc_id: str, fields_json: str) -> str:
    """计算（JSON 版）: JSON in, JSON out: what the Web Worker calls (strings only cross the boundary).

    The page only needs ``html`` and ``errors``; ``data`` (every month of a plan) stays in Python.
    """
    fields = {str(k): v if isinstance(v, str) else "" for k, v in _json_object(fields_json).items()}
    out = run(calc_id, fields)
    return json.dumps({"html": out["html"], "errors": out["errors"]}, ensure_ascii=False)


def render_calculator(calc_id: str) -> str:
    """计算器区块（构建时）: The calculator block of a page: the form (defaults filled in) and the pre-rendered worked example."""
    form = CALCULATORS[calc_id]
    out = run(calc_id, {f.id: f.default for f in form.fields})
    if out["errors"]:
        raise ValueError(f"{calc_id}: the worked example (the form's defaults) does not compute: {out['errors']}")
    return render.calculator_block(form, out["html"])


def reply(errors: dict | None = None, fields: dict | None = None, message: str = "", file: dict | None = None) -> dict:
    """页面操作的回复: The one reply shape of every page call: ``{"errors", "fields", "message", "file"}``, all four always there."""
    return {"errors": dict(errors or {}), "fields": dict(fields or {}), "message": message, "file": file}


def _form_of(args: dict) -> Form | None:
    return CALCULATORS.get(str(args.get("_calc", "")))


def _has(args: dict, field_id: str) -> bool:
    form = _form_of(args)
    return form is not None and any(f.id == field_id for f in form.fields)


def _is_log(args: dict) -> bool:
    """Does the page call come from a tool whose saved data is the evidence log (not the debts box)?"""
    return _has(args, "entries") and not _has(args, "debts")


def _debt_rows(text: str) -> list[list[str]]:
    """The debts box as rows of stripped cells (Chinese commas read as commas, a typed header row dropped)."""
    rows = [[c.strip() for c in row] for row in csv.reader(io.StringIO(str(text or "").replace("，", ",")))
            if any(c.strip() for c in row)]
    return rows[1:] if rows and rows[0] and rows[0][0] in ("名称", "name") else rows


def export_csv(args: dict) -> dict:
    """导出 CSV: the shared debts box (or, from the evidence-log tools, the log) as a CSV file with a Chinese
    header and the UTF-8 BOM; cells Excel would run as formulas are neutralised (:mod:`calculators.csvio`).

    Debt cells are kept exactly as typed ("日息万五" stays "日息万五"), so export → import gives the same text.

    >>> out = export_csv({"debts": "网贷,1.2万,日息万五,600"})["file"]
    >>> out["name"], out["text"].lstrip("\\ufeff").splitlines()
    ('wdyq-debts.csv', ['名称,余额,年化利率,最低还款,机构类型,逾期天数,还款日', '网贷,1.2万,日息万五,600'])
    >>> log = '[{"when": "2026-11-20 22:30", "channel": "电话", "target": "本人", "said": "今晚去你家"}]'
    >>> export_csv({"_calc": "evidence-log", "entries": log})["file"]["text"].splitlines()[1]
    '2026-11-20 22:30,电话,,本人,今晚去你家,'
    """
    if _is_log(args):
        try:
            entries = evidence.load_entries(str(args.get("entries", "")))
        except InputError as exc:
            return reply(errors={"": f"无法导出：{exc.message}"})
        return reply(file={"name": "wdyq-evidence-log.csv", "text": csvio.BOM + evidence.to_csv(entries),
                           "mime": CSV_MIME})
    text = csvio.write_rows(DEBT_COLUMNS, _debt_rows(str(args.get("debts", ""))))
    return reply(file={"name": "wdyq-debts.csv", "text": text, "mime": CSV_MIME})


CSV_MIME = "text/csv;charset=utf-8"
STORE_SCHEMA = 1
"""Version of the saved store ``{"schema": 1, "saved": ISO time, "fields": {field id: raw text}}``."""


def export_json(args: dict) -> dict:
    """导出全部数据 (JSON): the saved store the page passes in ``store``, pretty-printed as ``wdyq-data.json``.

    >>> out = export_json({"store": '{"schema": 1, "saved": "2026-11-20T10:00:00Z", "fields": {"debts": "网贷"}}'})
    >>> out["file"]["name"], out["file"]["text"].splitlines()[4]
    ('wdyq-data.json', '    "debts": "网贷"')
    """
    store = _json_object(str(args.get("store", "")))
    if not isinstance(store.get("fields"), dict):
        return reply(errors={"": "无法导出：本机保存的数据读不出来。"})
    return reply(file={"name": "wdyq-data.json", "text": json.dumps(store, ensure_ascii=False, indent=2) + "\n",
                       "mime": "application/json"})


def _import_store(text: str) -> dict:
    """Our JSON export → the fields it would restore, with a preview of what they hold."""
    try:
        store = json.loads(text)
    except ValueError:
        return reply(errors={"": "无法导入：这个 JSON 文件已损坏，读不出来。"})
    if not isinstance(store, dict) or store.get("schema") != STORE_SCHEMA:
        return reply(errors={"": "无法导入：这不是本站导出的数据文件（wdyq-data.json）。"})
    fields = store.get("fields")
    if not isinstance(fields, dict) or not all(isinstance(v, str) for v in fields.values()):
        return reply(errors={"": "无法导入：文件里的 fields 不是本站保存的数据。"})
    parts = []
    if fields.get("debts", "").strip():
        parts.append(f"债务 {len(_debt_rows(fields['debts']))} 笔")
    if fields.get("entries", "").strip():
        try:
            parts.append(f"催收记录 {len(evidence.load_entries(fields['entries']))} 条")
        except InputError:
            return reply(errors={"": "无法导入：文件里的催收记录已损坏。"})
    if fields.get("records", "").strip():
        parts.append(f"还款记录 {sum(1 for ln in fields['records'].splitlines() if ln.strip())} 行")
    others = len([k for k, v in fields.items() if k not in ("debts", "entries", "records") and v.strip()])
    if others:
        parts.append(f"其他 {others} 项")
    saved = str(store.get("saved", ""))[:10]
    when = f"（文件保存于 {saved}）" if saved else ""
    content = "、".join(parts) if parts else "没有内容"
    return reply(fields=fields, message=f"将用文件里的数据替换本机保存的数据{when}：{content}。")


def _import_log(args: dict, text: str) -> dict:
    try:
        old = evidence.load_entries(str(args.get("entries", "")))
    except InputError:
        old = []
    try:
        new = evidence.from_csv(text)
    except InputError as exc:
        return reply(errors={"": f"无法导入：{exc.message}"})
    merged, added = evidence.merge(old, new)
    message = f"将合并催收记录：新增 {added} 条，{len(new) - added} 条已存在，合并后共 {len(merged)} 条。"
    return reply(fields={"entries": evidence.dump_entries(merged)}, message=message)


def _import_debts(args: dict, rows: list[list[str]]) -> dict:
    rows = rows[1:] if rows and rows[0] and rows[0][0].strip() in ("名称", "name") else rows
    rows = [[c.strip() for c in row] for row in rows]
    if not rows:
        return reply(errors={"": "无法导入：文件里没有债务行。"})
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    now = len(_debt_rows(str(args.get("debts", ""))))
    return reply(fields={"debts": out.getvalue().rstrip("\n")}, message=f"将替换债务：现有 {now} 笔 → 文件里 {len(rows)} 笔。")


def _title(calc_id: str) -> str:
    return CALCULATORS[calc_id].title


def import_file(args: dict) -> dict:
    """导入文件: decide what ``text`` is (our JSON export, our debts CSV, our evidence-log CSV, or anything else)
    and reply with the fields that would be saved plus a Chinese preview, or ``{"": "无法导入：……"}``.

    >>> out = import_file({"_calc": "inventory", "debts": "a,1,1%,1",
    ...                    "text": "\\ufeff名称,余额,年化利率,最低还款\\n网贷,1.2万,日息万五,600\\n"})
    >>> out["fields"], out["message"]
    ({'debts': '网贷,1.2万,日息万五,600'}, '将替换债务：现有 1 笔 → 文件里 1 笔。')
    >>> import_file({"_calc": "evidence-log", "text": "时间,方式,说了什么\\n2026/11/20 22:30,电话,今晚去你家\\n"})["message"]
    '将合并催收记录：新增 1 条，0 条已存在，合并后共 1 条。'
    """
    text = str(args.get("text", "")).lstrip(csvio.BOM)
    name = str(args.get("filename", "")).lower()
    if name.endswith(".json") or text.lstrip().startswith(("{", "[")):
        return _import_store(text)
    try:
        rows = csvio.read_rows(text)
    except csv.Error:
        return reply(errors={"": "无法导入：这个文件不是 CSV 表格。"})
    if not rows:
        return reply(errors={"": "无法导入：文件是空的。"})
    if evidence.is_log_header(rows[0]):
        if _has(args, "entries"):
            return _import_log(args, text)
        return reply(errors={"": f"无法导入：这是催收记录表，请到“{_title('evidence-log')}”页面导入。"})
    if not all(len(row) >= 4 for row in rows):
        return reply(errors={"": "无法导入：看不懂这个文件。本站能导入自己导出的数据文件（.json）、债务表和催收记录表（.csv）。"})
    if not _has(args, "debts"):
        return reply(errors={"": f"无法导入：这是债务表，请到“{_title('inventory')}”页面导入。"})
    return _import_debts(args, rows)


def evidence_add(args: dict) -> dict:
    """添加这条记录 (page call): new-entry fields → the updated ``fields`` and a ``message``, or ``errors``.

    >>> out = evidence_add({"entries": "", "when": "2026年11月20日 22:30", "channel": "电话", "target": "家人",
    ...                     "said": "让你家人出事"})
    >>> out["fields"]["when"], out["message"]
    ('', '已记录 1 条（在夜间 22:00 至次日 8:00），现在共 1 条。')
    >>> evidence_add({"when": "昨天", "channel": "电话", "target": "本人", "said": "x"})["errors"]["when"][:3]
    '时间：'
    """
    return reply(**tool("evidence-log").add(args))


def evidence_delete(args: dict) -> dict:
    """删除一条记录 (page call): ``_arg`` is the entry's index in the saved log."""
    return reply(**tool("evidence-log").delete(args))


def plan_ics(args: dict) -> dict:
    """下载还款提醒 (page call): the plan tool's payments as an iCalendar file ``wdyq-plan.ics`` (RFC 5545).

    ``now`` (ISO time from the page), when given, is the file's DTSTAMP; else this moment.

    >>> out = plan_ics({"debts": "网贷,1200,0%,600,,,15", "budget": "600", "strategy": "avalanche",
    ...                 "start": "2027-01", "now": "2026-12-01T08:00:00Z"})
    >>> out["file"]["name"], out["file"]["text"].count("BEGIN:VEVENT"), "DTSTART;VALUE=DATE:20270215" in out["file"]["text"]
    ('wdyq-plan.ics', 2, True)
    """
    return reply(**tool("plan").ics_call(args))


def respond_ics(args: dict) -> dict:
    """下载期限提醒 (page call): the respond tool's deadlines as an iCalendar file ``wdyq-respond.ics``.

    >>> out = respond_ics({"service_date": "2026-11-27", "procedure": "ordinary", "now": "2026-12-01T08:00:00Z"})
    >>> out["file"]["name"], "DTSTART;VALUE=DATE:20261214" in out["file"]["text"]
    ('wdyq-respond.ics', True)
    """
    return reply(**tool("respond").ics_call(args))


def respond_prefill(args: dict) -> dict:
    """从债务清单带入 (page call): a saved debt's balance and lender type into the respond tool's fields.

    >>> respond_prefill({"debts": "网贷,1.2万,24%,600,小贷", "debt": "网贷"})["fields"]
    {'claim_principal': '12000.00', 'lender_type': 'microloan'}
    """
    return reply(**tool("respond").prefill_call(args))


CALLS = {"export_csv": export_csv, "export_json": export_json, "import_file": import_file,
         "evidence_add": evidence_add, "evidence_delete": evidence_delete, "plan_ics": plan_ics,
         "respond_ics": respond_ics, "respond_prefill": respond_prefill}
"""Page calls by name (the ``data-call`` of a button, or the page runtime's export / import)."""


def call_json(name: str, args_json: str) -> str:
    """页面操作: a page call, JSON in and out; the reply always has ``errors``, ``fields``, ``message``, ``file``.

    ``args`` holds every raw form field of the calculator plus ``_calc`` (its id) and ``_arg`` (the clicked
    button's ``data-arg``).

    >>> json.loads(call_json("nope", "{}"))
    {'errors': {'': '没有这个操作：nope'}, 'fields': {}, 'message': '', 'file': None}
    """
    fn = CALLS.get(name)
    if fn is None:
        out = reply(errors={"": f"没有这个操作：{name}"})
    else:
        try:
            out = reply(**fn(_json_object(args_json)))
        except Exception:  # noqa: BLE001 - last-resort guard: the page shows Chinese, never a traceback
            out = reply(errors={"": FAILED})
    return json.dumps(out, ensure_ascii=False)
