"""The browser boundary (web.run) for every calculator: defaults compute, bad input → Chinese field errors, escaping.

Pure and fast: the same file runs inside Pyodide under Node.
"""

import csv
import dataclasses
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from calculators import web
from calculators.tools import FORMS, NAMES, tool
from calculators.tools.shared import DEBTS_DEFAULT

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u4e00-\u9fff]")
SHARED = ("debts", "monthly_income", "budget", "incomes", "expenses", "entries")
XSS = ("<img src=x onerror=alert(1)>", "<script>alert(1)</script>")


def defaults(calc_id: str, **changes: str) -> dict[str, str]:
    fields = {f.id: f.default for f in FORMS[calc_id].fields}
    fields.update(changes)
    return fields


def run(calc_id: str, **changes: str) -> dict:
    return web.run(calc_id, defaults(calc_id, **changes), data=True)


def assert_safe(html: str) -> None:
    assert "<img" not in html
    assert "<script" not in html
    assert "¥-" not in html
    assert "NaN" not in html and "Infinity" not in html


# ---------------------------------------------------------------- every calculator

@pytest.mark.parametrize("calc_id", sorted(web.CALCULATORS))
def test_worked_example_renders(calc_id):
    block = web.render_calculator(calc_id)
    assert f'data-calculator="{calc_id}"' in block
    for field in FORMS[calc_id].fields:
        assert f'name="{field.id}"' in block
    out = run(calc_id)
    assert out["errors"] == {}
    assert out["html"] in block
    assert isinstance(out["data"], dict)
    json.dumps(out["data"])
    assert_safe(out["html"])


@pytest.mark.parametrize("calc_id", sorted(web.CALCULATORS))
def test_every_chart_is_followed_by_a_table(calc_id):
    strategies = ("compare", "avalanche", "minimum") if calc_id == "plan" else (None,)
    for strategy in strategies:
        html = run(calc_id, **({"strategy": strategy} if strategy else {}))["html"]
        parts = html.split("</figure>")
        for after in parts[1:]:
            assert "<table" in after
            assert after.find("<table") < (after.find("<figure") if "<figure" in after else len(after))


def _number_fields():
    for calc_id, form in sorted(FORMS.items()):
        for field in form.fields:
            if field.kind in ("money", "int", "multiple"):
                yield calc_id, field


@pytest.mark.parametrize(("calc_id", "field"), list(_number_fields()), ids=lambda x: getattr(x, "id", x))
def test_bad_numbers_give_chinese_field_errors(calc_id, field):
    mode = {FORMS[calc_id].switch: field.modes[0]} if field.modes else {}
    bad = ["abc", "-5", "1e999"] + ([] if field.optional else [""])
    for text in bad:
        out = run(calc_id, **mode, **{field.id: text})
        assert field.id in out["errors"], (calc_id, field.id, text, out["errors"])
        assert CJK.search(out["errors"][field.id])
        assert out["data"] is None
        assert "calc-errors" in out["html"]


@pytest.mark.parametrize("calc_id", sorted(web.CALCULATORS))
def test_garbage_in_every_field_never_raises(calc_id):
    for text in ("", "abc", "-1", "1e999", "\x00", "，，，", "<script>", "9" * 70):
        out = web.run(calc_id, {f.id: text for f in FORMS[calc_id].fields})
        assert set(out) == {"html", "errors", "data"}
        assert_safe(out["html"])
        for key in out["errors"]:
            assert key in {f.id for f in FORMS[calc_id].fields}, (calc_id, key)


@pytest.mark.parametrize("calc_id", sorted(web.CALCULATORS))
def test_run_json_round_trips(calc_id):
    fields = defaults(calc_id)
    out = json.loads(web.run_json(calc_id, json.dumps(fields, ensure_ascii=False)))
    full = web.run(calc_id, fields)
    assert out == {"html": full["html"], "errors": full["errors"]}  # the page gets no bulky ``data``
    assert out["errors"] == {}


def test_run_json_survives_bad_json():
    out = json.loads(web.run_json("plan", "not json"))
    assert out["errors"] and "data" not in out
    out = json.loads(web.run_json("plan", json.dumps({"budget": 5, "debts": None})))
    assert "budget" in out["errors"]


def test_store_line_carries_the_keep_sentences_and_only_plan_and_progress_remind():
    """Every box with the export buttons has the keep slot (calc-keep.js fills it from these templates); the export
    reminder, with its own export button, is on the plan and progress pages only."""
    from calculators.render import KEEP

    reminding = set()
    for calc_id in web.CALCULATORS:
        block = web.render_calculator(calc_id)
        exports = 'data-action="export-json"' in block
        assert ("data-keep " in block) == exports, calc_id
        if exports:
            for key, text in KEEP.items():
                assert f'data-keep-{key}="{text}"' in block
        if "data-remind hidden" in block:
            reminding.add(calc_id)
            reminder = block.split("data-remind hidden", 1)[1].split("</div>", 1)[0]
            assert 'data-action="remind-export"' in reminder and 'data-action="remind-later"' in reminder
    assert reminding == {"plan", "progress"}
    assert KEEP["exported"].format(y=2026, m=11, d=3) == "上次导出 JSON 备份：2026年11月3日。"


def test_shared_fields_are_identical_everywhere():
    seen = {}
    for form in FORMS.values():
        for f in form.fields:
            if f.id in SHARED:
                assert f.shared, (form.id, f.id)
                key = (f.label, f.kind, f.default, f.unit)
                assert seen.setdefault(f.id, key) == key, (form.id, f.id)
    assert set(seen) == set(SHARED)
    for calc_id in ("inventory", "plan", "budget"):
        assert "debts" in {f.id for f in FORMS[calc_id].fields}
    for calc_id in ("plan", "negotiate"):
        assert "budget" in {f.id for f in FORMS[calc_id].fields}
    for calc_id in ("checker", "evidence-log", "letters"):
        assert "entries" in {f.id for f in FORMS[calc_id].fields}


# ---------------------------------------------------------------- debts field

def test_debts_with_or_without_header_and_chinese_commas_agree():
    headed = run("inventory", debts="名称,余额,年化利率,最低还款\n" + DEBTS_DEFAULT)
    chinese = run("inventory", debts=DEBTS_DEFAULT.replace(",", "，"))
    assert headed["errors"] == chinese["errors"] == {}
    assert headed["data"] == chinese["data"] == run("inventory")["data"]


def test_debt_row_errors_are_keyed_to_the_debts_box():
    out = run("plan", debts=DEBTS_DEFAULT + "\n房贷,abc,5%,100")
    assert list(out["errors"]) == ["debts"]
    assert "第4笔" in out["errors"]["debts"]
    out = run("inventory", debts="信用卡,5000,18%")
    assert list(out["errors"]) == ["debts"] and "最低还款" in out["errors"]["debts"]
    out = run("plan", debts="a,100,5%,10\na,200,5%,10")
    assert list(out["errors"]) == ["debts"] and "重复" in out["errors"]["debts"]
    out = run("budget", debts="x,1,手续费0.6%,1")
    assert list(out["errors"]) == ["debts"]


def test_optional_columns_lender_and_days_overdue():
    out = run("inventory", debts="借朋友，20000，月息2分，0，民间借贷，40", monthly_income="")
    assert out["errors"] == {}
    line = out["data"]["lines"][0]
    assert line["debt"]["lender_type"] == "private" and line["debt"]["days_overdue"] == 40
    assert {f["key"] for f in line["flags"]} >= {"over_private_cap", "overdue", "never_shrinks"}
    assert "民间借贷" in out["html"]
    assert "每月收入" not in out["html"]


@pytest.mark.parametrize("name", XSS)
def test_debt_names_are_escaped(name):
    debts = f"{name},5000,18%,250\n网贷,12000,36.5%,100"
    for calc_id, extra in (("inventory", {}), ("plan", {}), ("plan", {"strategy": "avalanche"}),
                           ("plan", {"strategy": "custom", "order": name}), ("plan", {"budget": "100"}),
                           ("budget", {})):
        out = run(calc_id, debts=debts, **extra)
        assert out["errors"] == {}, (calc_id, out["errors"])
        assert_safe(out["html"])
        assert "&lt;" in out["html"] or calc_id == "budget" or "budget" in extra
    out = run("plan", strategy="custom", order=name)
    assert "order" in out["errors"]
    assert_safe(out["html"])


@pytest.mark.parametrize("name", XSS)
def test_budget_item_names_are_escaped(name):
    out = run("budget", incomes=f"{name},8000", expenses=f"{name},100,可选,每周")
    assert out["errors"] == {}
    assert_safe(out["html"])
    assert "&lt;" in out["html"]


# ---------------------------------------------------------------- inventory

def test_inventory_worked_example():
    out = run("inventory")
    for figure in ("¥47,000.00", "¥1,750.00", "¥496.04", "12.66%", "21.88%"):
        assert figure in out["html"]
    assert out["data"]["total_balance"] == "47000.00"


def test_inventory_as_of_date_is_parsed():
    assert "as_of" in run("inventory", as_of="2026-13-40")["errors"]


# ---------------------------------------------------------------- plan

def test_plan_avalanche_worked_example():
    out = run("plan", strategy="avalanche")
    assert out["errors"] == {}
    assert "¥4,527.85" in out["html"]
    assert "21 个月" in out["html"]
    assert out["data"]["main"]["payoff_month"] == {"信用卡": 12, "网贷": 10, "消费贷": 21}
    assert out["data"]["minimum"]["months"] == 38
    assert "<svg" in out["html"] and "逐月明细" in out["html"]


def test_plan_compare_is_the_default():
    out = run("plan")
    html = out["html"]
    for figure in ("¥4,527.85", "¥4,696.43", "¥8,057.44", "¥3,529.59", "17 个月", "第 12 个月", "第 6 个月"):
        assert figure in html
    assert out["data"]["strategy"] == "compare"
    assert out["data"]["main"]["months_saved"] == {"avalanche": 17, "snowball": 17}
    assert html.count("<svg") == 2
    assert "计息时点" in html


def test_plan_snowball_and_minimum():
    assert "¥4,696.43" in run("plan", strategy="snowball")["html"]
    out = run("plan", strategy="minimum")
    assert out["data"]["main"]["months"] == 38 and "¥8,057.44" in out["html"]


def test_plan_infeasible_budget_explains_shortfall_and_instalments():
    out = run("plan", budget="1700")
    assert out["errors"] == {}
    html = out["html"]
    assert "¥50.00" in html and "¥1,750.00" in html
    assert "28 期" in html
    assert out["data"]["main"]["avalanche"]["feasible"] is False


def test_plan_custom_order_extra_and_budget_changes():
    out = run("plan", strategy="custom", order="消费贷\n信用卡", extra="3, 5000\n3，1000", budget_changes="13, 3000")
    assert out["errors"] == {}
    data = out["data"]["main"]
    assert data["table"][2]["budget"] == "8500.00"
    assert data["payoff_month"]["消费贷"] < data["payoff_month"]["网贷"]
    assert run("plan", strategy="custom", order="")["errors"].keys() == {"order"}
    assert run("plan", strategy="custom", order="房贷")["errors"].keys() == {"order"}
    assert run("plan", strategy="avalanche", order="房贷")["errors"] == {}


@pytest.mark.parametrize(("field", "text"), [("extra", "abc"), ("extra", "0, 100"), ("extra", "3"),
                                             ("budget_changes", "2, -5"), ("budget_changes", "601, 100"),
                                             ("strategy", "fastest")])
def test_plan_bad_optional_lines(field, text):
    out = run("plan", **{field: text})
    assert list(out["errors"]) == [field]
    assert CJK.search(out["errors"][field])


def test_plan_never_pays_off_says_so():
    out = run("plan", debts="网贷,1000,36%,10", budget="10", strategy="avalanche")
    assert out["errors"] == {}
    assert "还不清" in out["html"]
    assert_safe(out["html"])


def test_plan_many_debts_keeps_the_month_table_small():
    debts = "\n".join(f"债{i},{1000 + i * 100},{5 + i}%,{50 + i}" for i in range(20))
    out = run("plan", debts=debts, budget="5000", strategy="avalanche")
    assert out["errors"] == {}
    assert "债5 余额" not in out["html"] and "月末总欠款" in out["html"]


# ---------------------------------------------------------------- negotiate

def test_negotiate_worked_example():
    out = run("negotiate")
    assert out["errors"] == {}
    html = out["html"]
    assert "¥33,000.00" in html and "最少 12 期" in html and "¥2,461.54" in html
    assert [o["months"] for o in out["data"]["scenarios"][0]["options"]] == [12, 24, 36, 48, 60]


def test_negotiate_terms_and_rates():
    out = run("negotiate", terms="6，18")
    assert [o["months"] for o in out["data"]["scenarios"][0]["options"]] == [6, 18]
    assert list(run("negotiate", terms="61")["errors"]) == ["terms"]
    assert list(run("negotiate", annual_rate="手续费0.6%")["errors"]) == ["annual_rate"]
    assert list(run("negotiate", principal="0")["errors"]) == ["principal"]
    assert run("negotiate", interest="", fees="")["data"]["total_now"] == "30000.00"


# ---------------------------------------------------------------- overdue

def test_overdue_worked_example():
    out = run("overdue")
    assert out["errors"] == {}
    assert "¥90.00" in out["html"]
    assert out["data"]["now"]["penalty_interest"] == "90.00"
    assert "10.80%" in out["html"] and "24.00%" in out["html"]


def test_overdue_options():
    out = run("overdue", lender_type="private", multiplier="1.3", fee_percent="5%", fee_amount="100",
              unpaid_interest="500", day_basis="365")
    assert out["errors"] == {}
    assert out["data"]["now"]["fee"] == "625.00"
    assert list(run("overdue", fee_percent="日息万五")["errors"]) == ["fee_percent"]
    assert list(run("overdue", lender_type="loan-shark")["errors"]) == ["lender_type"]
    assert list(run("overdue", contract_date="昨天")["errors"]) == ["contract_date"]


# ---------------------------------------------------------------- spiral

def test_spiral_worked_example():
    out = run("spiral")
    assert out["errors"] == {}
    html = out["html"]
    assert "¥18,278.53" in html and "13.8 个月" in html and "82.79%" in html
    assert out["data"]["rollover"][11]["debt"] == "18278.53"
    assert out["data"]["bridge"] is not None and "<svg" in html


def test_spiral_model_two_needs_both_amounts():
    assert list(run("spiral", available="")["errors"]) == ["available"]
    out = run("spiral", obligations="", available="")
    assert out["errors"] == {} and out["data"]["bridge"] is None
    assert list(run("spiral", fee="日息万五")["errors"]) == ["fee"]
    assert run("spiral", monthly_rate="年化24%")["data"]["rollover"][11]["debt"] == "18278.53"


# ---------------------------------------------------------------- budget

def test_budget_worked_example():
    out = run("budget")
    assert out["errors"] == {}
    data = out["data"]["result"]
    assert (data["total_income"], data["essential"], data["optional"]) == ("8000.00", "4800.00", "700.00")
    assert data["available"] == "2500.00" and data["minimum_payments"] == "1750.00"
    assert "¥130.00" in out["html"] and "每月多出 ¥750.00" in out["html"]


def test_budget_without_debts_and_in_deficit():
    out = run("budget", debts="", incomes="低保,1000", expenses="房租,1500\n外卖,100,可选,每周")
    assert out["errors"] == {}
    assert out["data"]["result"]["minimum_payments"] == "0.00" and out["data"]["debt_count"] == 0
    assert "入不敷出" in out["html"]
    assert_safe(out["html"])


@pytest.mark.parametrize(("field", "text"), [("incomes", "工资"), ("incomes", "工资,abc"), ("incomes", "工资,100,可选"),
                                             ("expenses", "房租,-5"), ("expenses", "房租,100,偶尔"),
                                             ("expenses", "房租,1e999")])
def test_budget_bad_items(field, text):
    out = run("budget", **{field: text})
    assert list(out["errors"]) == [field]
    assert "第 1 行" in out["errors"][field]


# ---------------------------------------------------------------- page calls (one reply shape)

REPLY_KEYS = {"errors", "fields", "message", "file"}


@pytest.mark.parametrize("name", sorted(web.CALLS))
def test_every_call_answers_in_one_shape(name):
    for args in ({}, {"_calc": "inventory"}, {"_calc": "evidence-log", "entries": "{oops"}, {"_calc": "nope"},
                 {"_calc": "plan", "debts": DEBTS_DEFAULT, "store": "[]", "text": "\x00", "_arg": "x"}):
        out = json.loads(web.call_json(name, json.dumps(args)))
        assert set(out) == REPLY_KEYS, (name, args)
        assert isinstance(out["errors"], dict) and isinstance(out["fields"], dict)
        assert isinstance(out["message"], str)
        assert out["file"] is None or set(out["file"]) == {"name", "text", "mime"}
        assert bool(out["errors"]) != bool(out["file"] or out["fields"]), (name, args, out)
        for message in out["errors"].values():
            assert CJK.search(message) and "Traceback" not in message
    out = json.loads(web.call_json("no_such_call", "{}"))
    assert set(out) == REPLY_KEYS and list(out["errors"]) == [""]


def test_export_csv_neutralises_formulas_and_round_trips_every_cell():
    cells = ["=1+1", "+86 138", "-500", "@SUM(A1)", "\tx", "\rx", "'=x", "'", "a,b", 'say "hi"', "多\n行", "日息万五"]
    debts = "\n".join(csv_line([c, "1000", "18%", "100"]) for c in cells)
    out = web.export_csv({"_calc": "inventory", "debts": debts})
    assert out["errors"] == {} and out["file"]["text"].startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(out["file"]["text"].lstrip("\ufeff"))))
    for row in rows[1:]:
        assert not row[0].startswith(("=", "+", "-", "@", "\t", "\r")), row
    back = web.import_file({"_calc": "inventory", "text": out["file"]["text"], "debts": debts})
    assert back["errors"] == {}
    again = list(csv.reader(io.StringIO(back["fields"]["debts"])))
    expected = [[c.strip(), "1000", "18%", "100"] for c in cells]
    assert again == expected
    assert back["message"] == f"将替换债务：现有 {len(cells)} 笔 → 文件里 {len(cells)} 笔。"


def csv_line(cells):
    buf = io.StringIO()
    csv.writer(buf, lineterminator="").writerow(cells)
    return buf.getvalue()


def test_export_json_pretty_prints_the_store_and_imports_back():
    store = {"schema": 1, "saved": "2026-11-20T10:00:00.000Z",
             "fields": {"debts": DEBTS_DEFAULT, "monthly_income": "8000", "entries": ""}}
    out = web.export_json({"_calc": "plan", "store": json.dumps(store, ensure_ascii=False)})
    assert out["errors"] == {}
    assert out["file"]["name"] == "wdyq-data.json" and out["file"]["mime"] == "application/json"
    assert json.loads(out["file"]["text"]) == store and "\n  " in out["file"]["text"]
    back = web.import_file({"_calc": "apr", "filename": "wdyq-data.json", "text": out["file"]["text"]})
    assert back["errors"] == {} and back["fields"] == store["fields"]
    assert back["message"] == "将用文件里的数据替换本机保存的数据（文件保存于 2026-11-20）：债务 3 笔、其他 1 项。"
    assert web.export_json({"store": "not json"})["errors"][""].startswith("无法导出")


@pytest.mark.parametrize(("calc_id", "filename", "text", "says"), [
    ("plan", "x.json", "{broken", "损坏"),
    ("plan", "x.json", '{"schema": 2, "fields": {}}', "不是本站导出"),
    ("plan", "x.json", '{"schema": 1, "fields": []}', "fields"),
    ("plan", "x.json", '{"schema": 1, "fields": {"debts": 5}}', "fields"),
    ("plan", "x.json", '[1, 2]', "不是本站导出"),
    ("plan", "x.csv", "", "空"),
    ("plan", "x.csv", "名称,余额,年化利率,最低还款\n", "没有债务行"),
    ("plan", "x.csv", "hello world\n", "看不懂"),
    ("plan", "x.csv", "时间,方式,说了什么\n2026/11/20 22:30,电话,x\n", "催收记录表"),
    ("evidence-log", "x.csv", "名称,余额,年化利率,最低还款\n网贷,1,1%,1\n", "债务表"),
    ("apr", "x.csv", "网贷,1,1%,1\n", "债务表"),
])
def test_import_refuses_what_it_cannot_use(calc_id, filename, text, says):
    out = web.import_file({"_calc": calc_id, "filename": filename, "text": text})
    assert out["fields"] == {} and out["file"] is None and list(out["errors"]) == [""]
    assert out["errors"][""].startswith("无法导入：") and says in out["errors"][""], out["errors"]


# ---------------------------------------------------------------- last-resort guard

def test_an_unexpected_failure_is_chinese_never_a_traceback(monkeypatch):
    def boom(values):
        raise ZeroDivisionError("division by zero")

    def broken_render(result, values):
        raise KeyError("oops")

    form = web.CALCULATORS["apr"]
    monkeypatch.setitem(web.CALCULATORS, "apr", dataclasses.replace(form, compute=boom))
    for out in (web.run("apr", defaults("apr"), data=True), json.loads(web.run_json("apr", json.dumps(defaults("apr"))))):
        assert out["errors"] == {"": web.FAILED} and CJK.search(out["errors"][""])
        assert "calc-errors" in out["html"] and "Traceback" not in out["html"] and "division" not in out["html"]
    assert web.run("apr", defaults("apr"))["data"] is None
    monkeypatch.setitem(web.CALCULATORS, "apr", dataclasses.replace(form, render=broken_render))
    assert web.run("apr", defaults("apr"))["errors"] == {"": web.FAILED}
    monkeypatch.setitem(web.CALLS, "export_csv", boom)
    out = json.loads(web.call_json("export_csv", "{}"))
    assert out == {"errors": {"": web.FAILED}, "fields": {}, "message": "", "file": None}


def test_one_tool_module_per_page_in_the_site_order():
    nav = re.findall(r"^\s+- [^:\n]+: tools/([a-z-]+)\.md$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    assert list(web.CALCULATORS) == nav
    assert [name.replace("_", "-") for name in NAMES] == nav
    for calc_id in web.CALCULATORS:
        module = tool(calc_id)
        assert module.__name__ == f"calculators.tools.{calc_id.replace('-', '_')}"
        assert module.FORM is web.CALCULATORS[calc_id] and module.FORM.fields == module.FIELDS


@pytest.mark.skipif(sys.platform == "emscripten", reason="Pyodide has no subprocesses")
def test_a_calculator_imports_only_its_own_tool():
    """In a fresh interpreter, computing one calculator imports its tool module and not the others."""
    code = ("import json, sys; from calculators import web; web.run('apr', {}); "
            "print(json.dumps(sorted(m for m in sys.modules if m.startswith('calculators.tools.'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    # apr shows its schedule table (tools.schedule); tools.shared declares the shared fields
    assert json.loads(out.stdout) == ["calculators.tools.apr", "calculators.tools.schedule", "calculators.tools.shared"]


def test_the_form_registry_refuses_unknown_pages():
    assert "nope" not in web.CALCULATORS and web.CALCULATORS.get("nope") is None
    with pytest.raises(KeyError):
        web.CALCULATORS["nope"] = web.CALCULATORS["apr"]
