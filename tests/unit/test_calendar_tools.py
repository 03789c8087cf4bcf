"""Calendar months on the site and the command line (issue 12 items 1, 2, 3): the plan names calendar months from
the start month, the 还款日 column survives export → import, the plan_ics page call and ``plan --ics`` write a
calendar with one event per payment, and the 还款进度 tool glue (start month, records, ahead / behind, missed)."""

from __future__ import annotations

import datetime
import json
import re
from decimal import Decimal as D

import icalendar

from calculators import web
from calculators.cli import main
from calculators.forms import parse_fields
from calculators.months import Month, default_start
from calculators.tools import progress as tool
from calculators.tools.shared import RECORDS, start_month

DEBTS = "信用卡,5000,18.25%,250,,,31\n网贷,12000,24%,600,,,15\n消费贷,30000,7.2%,900"


def defaults(calc_id: str) -> dict:
    return {f.id: f.default for f in web.CALCULATORS[calc_id].fields}


def test_plan_names_calendar_months_from_the_start():
    out = web.run("plan", {**defaults("plan"), "strategy": "avalanche", "start": "2027年1月"})
    assert out["errors"] == {}
    html = out["html"]
    assert "<dd>2027年1月</dd>" in html and "21 个月（2028年9月还清）" in html
    assert "<td>2027年1月</td>" in html and "<td>2028年9月</td>" in html  # the month-by-month table
    assert "第 1 个月</td>" not in html
    assert "2028年9月（第 21 个月）" in html  # 消费贷 is paid off last


def test_empty_start_is_next_month_of_the_readers_clock():
    assert start_month(None, datetime.date(2026, 12, 31)) == Month(2027, 1)
    assert start_month(Month(2030, 5), datetime.date(2026, 12, 31)) == Month(2030, 5)
    html = web.run("plan", {**defaults("plan"), "start": ""})["html"]
    assert f"<dd>{default_start(datetime.date.today()).label}</dd>" in html


def test_bad_start_is_a_field_error():
    errors = web.run("plan", {**defaults("plan"), "start": "2027-13"})["errors"]
    assert errors.keys() == {"start"} and errors["start"].startswith("开始月份：")


def test_due_day_column_round_trips_through_csv_export_and_import():
    text = "网贷,1.2万,日息万五,600,网贷平台,30,15\n信用卡,5000,18%,250,,,31"
    csv_text = web.export_csv({"debts": text})["file"]["text"]
    assert csv_text.lstrip("\ufeff").splitlines()[0].endswith(",还款日")
    back = web.import_file({"_calc": "plan", "debts": "", "text": csv_text, "filename": "wdyq-debts.csv"})
    assert back["fields"]["debts"] == text
    values, errors = parse_fields(web.CALCULATORS["plan"], {**defaults("plan"), "debts": back["fields"]["debts"]})
    assert errors == {} and [d.due_day for d in values["debts"]] == [15, 31]


def test_plan_ics_call_gives_one_event_per_payment_on_the_due_days():
    args = {**defaults("plan"), "debts": DEBTS, "strategy": "avalanche", "start": "2027-01",
            "now": "2026-12-01T08:00:00Z", "_calc": "plan"}
    out = json.loads(web.call_json("plan_ics", json.dumps(args)))
    assert out["errors"] == {} and out["file"]["name"] == "wdyq-plan.ics"
    assert out["file"]["mime"] == "text/calendar;charset=utf-8"
    cal = icalendar.Calendar.from_ical(out["file"]["text"])
    events = cal.walk("VEVENT")
    result = web.run("plan", {**args}, data=True)["data"]["main"]
    payments = sum(1 for row in result["table"] for p in row["payments"] if D(p) > 0)
    assert len(events) == payments == 43
    assert {e.decoded("DTSTART").day for e in events if "信用卡" in str(e["SUMMARY"])} <= {28, 29, 30, 31}
    assert all(e.decoded("DTSTAMP") == datetime.datetime(2026, 12, 1, 8, tzinfo=datetime.UTC) for e in events)
    assert f"{len(events)} 笔还款" in out["message"] and "2027年1月" in out["message"]


def test_plan_ics_call_compare_uses_avalanche_and_reports_errors():
    out = web.plan_ics({**defaults("plan"), "strategy": "compare", "start": "2027-01"})
    assert "雪崩法" in out["message"] and out["file"]["text"].count("BEGIN:VEVENT") == 43
    bad = web.plan_ics({**defaults("plan"), "budget": "abc"})
    assert bad["file"] is None and bad["errors"].keys() == {"budget"}
    short = web.plan_ics({**defaults("plan"), "strategy": "avalanche", "budget": "1000"})
    assert short["file"] is None and short["errors"][""].startswith("无法生成还款提醒")


def test_cli_plan_start_and_ics(tmp_path, capsys):
    debts = tmp_path / "debts.csv"
    debts.write_text("名称,余额,年化利率,最低还款,还款日\n" + DEBTS.replace(",,,", ","), encoding="utf-8")
    ics = tmp_path / "out.ics"
    code = main(["plan", "--debts", str(debts), "--budget", "2500", "--strategy", "avalanche", "--start", "2027-01",
                 "--ics", str(ics)])
    out = capsys.readouterr().out
    assert code == 0
    assert out.splitlines()[:2] == ["第 1 个月：2027年1月", "全部还清：2028年9月（第 21 个月）；总利息 4,527.85 元"]
    raw = ics.read_bytes()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    assert len(icalendar.Calendar.from_ical(raw).walk("VEVENT")) == 43
    code = main(["plan", "--debts", str(debts), "--budget", "2500", "--start", "2027-01", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert (data["start"], data["debt_free_month"], data["payoff_calendar_month"]["网贷"]) == \
        ("2027-01", "2028-09", "2027-10")


def test_cli_schedule_start_names_months(capsys):
    code = main(["schedule", "--principal", "10000", "--annual-rate", "12%", "--months", "3", "--start", "2027-11",
                 "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and [r["month"] for r in data["instalments"]] == ["2027-11", "2027-12", "2028-01"]
    assert main(["schedule", "--principal", "10000", "--annual-rate", "12%", "--months", "3", "--start", "明年"]) == 2
    assert "开始月份（--start）" in capsys.readouterr().err


# ---------------------------------------------------------------- 还款进度 (the tool glue)

def progress_view(records: str, start: str = "2026-09", today=datetime.date(2026, 12, 1), **fields):
    form = web.CALCULATORS["progress"]
    values, errors = parse_fields(form, {**defaults("progress"), "records": records, "start": start, **fields})
    assert errors == {}
    return tool.compute(values, today)


def test_worked_example_is_the_default_and_computes():
    view = progress_view(RECORDS.default, start="")
    p = view.result
    assert view.compared and view.strategy == "avalanche"  # 三种策略对比 → 雪崩法
    assert p.start == Month(2026, 9) and p.through == Month(2026, 11)  # empty start = the first record's month
    assert (p.status, p.difference, p.months_ahead) == ("ahead", D("102.96"), 0)
    assert p.debt_free == p.planned_debt_free == Month(2028, 5)
    html = tool.render(view, {})
    assert "比计划提前" in html and "¥102.96" in html and "2028年5月" in html and "¥1,390.12" in html


def test_paying_more_and_less_show_ahead_and_behind():
    plan_months = ["2026-09", "2026-10", "2026-11"]
    on_plan = "\n".join(f"{m}, 信用卡, 已还 250\n{m}, 网贷, 已还 1350\n{m}, 消费贷, 已还 900" for m in plan_months)
    ahead = progress_view(on_plan.replace("2026-11, 网贷, 已还 1350", "2026-11, 网贷, 已还 4350")).result
    behind = progress_view(on_plan.replace("2026-11, 网贷, 已还 1350", "2026-11, 网贷, 已还 0")).result
    exact = progress_view(on_plan).result
    assert exact.status == "on_plan" and exact.debt_free == exact.planned_debt_free
    assert ahead.status == "ahead" and ahead.difference == D("3000.00") and ahead.months_ahead == 1
    assert ahead.debt_free < exact.debt_free
    assert behind.status == "behind" and behind.difference == D("-1350.00") and behind.months_ahead < 0
    assert behind.debt_free > exact.debt_free and "negotiate" in behind.actions
    html = tool.render(progress_view(on_plan.replace("2026-11, 网贷, 已还 1350", "2026-11, 网贷, 已还 0")), {})
    assert "比计划落后" in html and "比计划多欠" in html and 'href="../negotiate/"' in html
    assert 'href="../../strategies/negotiate/"' in html


def test_missed_month_is_highlighted():
    view = progress_view("2026-09, 信用卡, 已还 250\n2026-09, 网贷, 已还 1350\n2026-09, 消费贷, 已还 900",
                         today=datetime.date(2026, 11, 15))
    p = view.result
    assert [(m.label, m.debt) for m in p.missed] == [("2026年10月", "信用卡"), ("2026年10月", "网贷"),
                                                     ("2026年10月", "消费贷")]
    html = tool.render(view, {})
    assert "calc-missed" in html and "<strong>2026年10月</strong>：信用卡、网贷、消费贷" in html
    assert re.search(r'<tr class=calc-missed-row><td>2026年10月<span class="calc-flag">信用卡 漏记', html)


def test_records_errors_are_field_errors():
    out = web.run("progress", {**defaults("progress"), "records": "2026-09, 房贷, 已还 100"})
    assert out["errors"].keys() == {"records"} and "没有名为“房贷”" in out["errors"]["records"]
    out = web.run("progress", {**defaults("progress"), "records": "2026-09, 网贷, 还了很多"})
    assert out["errors"].keys() == {"records"} and out["errors"]["records"].startswith("还款记录第1行")
    future = default_start(datetime.date.today()).add(2)
    out = web.run("progress", {**defaults("progress"), "records": f"{future}, 网贷, 已还 100", "start": ""})
    assert out["errors"].keys() == {"records"} and "还没到" in out["errors"]["records"]


def test_no_records_yet():
    html = web.run("progress", {**defaults("progress"), "records": "", "start": "2030-01"})["html"]
    assert "还没有记录" in html and "还没有可以对照的月份" in html


def test_plan_settings_are_shared_with_the_plan_tool():
    ids = {f.id: f.shared for f in web.CALCULATORS["progress"].fields}
    assert ids == {"debts": True, "budget": True, "strategy": True, "order": True, "start": True, "records": True}
    plan_fields = {f.id: f for f in web.CALCULATORS["plan"].fields}
    assert all(plan_fields[i].shared for i in ("strategy", "order", "start"))
    html = web.render_calculator("progress")
    assert re.search(r'<select id="f-strategy"[^>]*data-shared', html)
    assert re.search(r'<textarea id="f-records"[^>]*data-shared', html)


def test_json_import_preview_counts_records():
    store = {"schema": 1, "saved": "2026-12-01T00:00:00Z", "fields": {"debts": DEBTS, "records": RECORDS.default}}
    out = web.import_file({"_calc": "progress", "text": json.dumps(store, ensure_ascii=False),
                           "filename": "wdyq-data.json"})
    assert out["fields"]["records"] == RECORDS.default and "还款记录 9 行" in out["message"]
