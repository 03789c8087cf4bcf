"""催收记录本 (evidence log): time parsing, the summary figures, add / delete / CSV actions, escaping."""

import datetime
import json

import pytest

from calculators import evidence, tools, web
from calculators.evidence import make_entry, summarise

XSS = ("<img src=x onerror=alert(1)>", "<script>alert(1)</script>")


def entry(when, target="本人", said="", channel="电话", contact="", files=""):
    return {"when": when, "channel": channel, "contact": contact, "target": target, "said": said, "files": files}


LOG = [entry("2026-03-01 22:41", said="明天去你单位找你领导"), entry("2026-03-01 23:10", "家人", "告诉她我欠款"),
       entry("2026-03-02 07:59"), entry("2026-03-02 08:00", "同事或单位"), entry("2026-03-03 12:00", said="后果自负"),
       entry("2026-03-03 13:00", channel="上门"), entry("2026-03-03 21:59")]


@pytest.mark.parametrize("text", ["2026-11-20 22:30", "2026/11/20 22:30", "2026年11月20日 22:30", "2026年11月20日22:30",
                                  "２０２６-11-20 22：30", "2026.11.20 22:30:59", "2026年11月20日 晚上10点30分"])
def test_time_formats(text):
    assert evidence.parse_when(text) == datetime.datetime(2026, 11, 20, 22, 30)


@pytest.mark.parametrize("text", ["", "昨天", "2026-11-20", "2026-13-01 10:00", "2026-11-20 25:00", "1900-01-01 10:00"])
def test_bad_times_are_chinese_errors_keyed_to_when(text):
    with pytest.raises(evidence.InputError) as exc:
        evidence.parse_when(text)
    assert exc.value.field == "when" and exc.value.message.startswith("时间")


def test_summary_figures():
    s = summarise([make_entry(e) for e in LOG])
    assert (s.total, s.night, s.third_party, s.threat, s.visit) == (7, 3, 2, 2, 1)
    assert (s.first, s.last) == (datetime.date(2026, 3, 1), datetime.date(2026, 3, 3))
    assert (s.max_per_day, s.max_day) == (3, datetime.date(2026, 3, 3))
    assert [(d.date.day, d.total, d.night) for d in s.days] == [(1, 2, 2), (2, 2, 1), (3, 3, 0)]
    lines = evidence.summary_lines(s)
    assert lines[0] == "2026年3月1日至2026年3月3日，记录的催收联系共 7 次。"
    assert "其中夜间 3 次" in lines[1]


def test_unreadable_stored_times_are_kept_but_not_counted():
    s = summarise([make_entry(entry("上周五晚上")), make_entry(entry("2026-03-01 23:00"))])
    assert (s.total, s.undated, s.night, len(s.days)) == (2, 1, 1, 1)


def test_add_validates_and_clears_the_inputs():
    out = web.evidence_add({"entries": json.dumps(LOG[:2], ensure_ascii=False), **entry("2026年3月4日 9:05", "家人", "x"),
                            "_calc": "evidence-log", "_arg": ""})
    assert out["message"].startswith("已记录 1 条")
    assert out["fields"]["when"] == out["fields"]["said"] == out["fields"]["contact"] == out["fields"]["files"] == ""
    saved = json.loads(out["fields"]["entries"])
    assert len(saved) == 3 and saved[-1]["when"] == "2026-03-04 09:05" and saved[-1]["target"] == "家人"
    errors = web.evidence_add({"entries": "", **entry("明天", "邻居", "x", channel="飞鸽")})["errors"]
    assert set(errors) == {"when"}
    assert set(web.evidence_add({"entries": "", **entry("2026-03-04 09:05", "邻居", "x")})["errors"]) == {"target"}
    assert set(web.evidence_add({"entries": "", **entry("2026-03-04 09:05", channel="飞鸽")})["errors"]) == {"channel"}
    assert set(web.evidence_add({"entries": "", **entry("2026-03-04 09:05")})["errors"]) == {"said"}
    assert set(web.evidence_add({"entries": "{oops", **entry("2026-03-04 09:05", said="x")})["errors"]) == {"entries"}


def test_the_page_actions_live_in_the_tool_and_the_log_stays_pure():
    """添加/删除 take the page's raw arguments and answer in the page-call shape: tools/evidence_log.py, not the
    domain module (which has no handler taking page arguments)."""
    log_tool = tools.tool("evidence-log")
    assert not hasattr(evidence, "add") and not hasattr(evidence, "delete")
    out = log_tool.add({"entries": "", **entry("2026-03-04 09:05", said="x")})
    assert set(out) == {"fields", "message"} and web.evidence_add({"entries": "", **entry("2026-03-04 09:05", said="x")}) \
        == web.reply(**out)
    assert log_tool.delete({"entries": out["fields"]["entries"], "_arg": "0"})["fields"] == {"entries": "[]"}


def test_delete_by_index_and_stale_index():
    stored = json.dumps(LOG, ensure_ascii=False)
    out = web.evidence_delete({"entries": stored, "_arg": "1"})
    left = json.loads(out["fields"]["entries"])
    assert len(left) == 6 and LOG[1] not in left and "已删除" in out["message"]
    assert "entries" in web.evidence_delete({"entries": stored, "_arg": "7"})["errors"]
    assert "entries" in web.evidence_delete({"entries": stored, "_arg": "-1"})["errors"]


def test_call_json_reaches_the_actions():
    args = {"entries": "", **entry("2026-03-04 23:05", said="今晚去你家"), "_calc": "evidence-log"}
    out = json.loads(web.call_json("evidence_add", json.dumps(args, ensure_ascii=False)))
    assert json.loads(out["fields"]["entries"])[0]["said"] == "今晚去你家"


def test_csv_export_import_round_trip_and_merge():
    stored = evidence.dump_entries([make_entry(e) for e in LOG + [entry("2026-03-05 10:00", said="=HYPERLINK(1)")]])
    out = web.export_csv({"_calc": "evidence-log", "entries": stored, "debts": "x,1,1%,1"})
    assert out["errors"] == {} and out["fields"] == {}
    assert out["file"]["name"] == "wdyq-evidence-log.csv" and out["file"]["mime"] == "text/csv;charset=utf-8"
    text = out["file"]["text"]
    assert text.startswith("\ufeff")
    lines = text.lstrip("\ufeff").splitlines()
    assert lines[0] == "时间,方式,号码或名称,联系了谁,说了什么,证据文件"
    assert "'=HYPERLINK(1)" in text
    back = web.import_file({"_calc": "evidence-log", "text": text, "entries": ""})
    assert json.loads(back["fields"]["entries"]) == json.loads(stored)
    assert back["message"] == "将合并催收记录：新增 8 条，0 条已存在，合并后共 8 条。"
    again = web.import_file({"_calc": "evidence-log", "text": text, "entries": stored})
    assert json.loads(again["fields"]["entries"]) == json.loads(stored)
    assert "8 条已存在" in again["message"]
    wrong = web.import_file({"_calc": "evidence-log", "text": "名称,余额,年化利率,最低还款\n网贷,1,1%,1"})
    assert wrong["fields"] == {} and wrong["errors"][""].startswith("无法导入：")
    debts = web.export_csv({"_calc": "inventory", "debts": "网贷,1.2万,日息万五,600"})
    assert debts["file"]["name"] == "wdyq-debts.csv"
    assert web.import_file({"_calc": "inventory", "text": debts["file"]["text"]})["fields"] == {
        "debts": "网贷,1.2万,日息万五,600"}


def test_view_sort_and_filter():
    entries = [make_entry(e) for e in LOG]
    newest = evidence.view(entries, "new")
    assert [i for i, _ in newest.rows][:2] == [6, 5]
    third = evidence.view(entries, "old", "third")
    assert [e.target for _, e in third.rows] == ["家人", "同事或单位"]
    assert [i for i, _ in evidence.view(entries, "old", "all", "领导").rows] == [0]
    out = web.run("evidence-log", {"entries": evidence.dump_entries(entries), "sort": "old", "filter_target": "家人",
                                   "filter_text": "", "channel": "电话", "target": "本人"})
    assert out["errors"] == {} and "显示 1 条，共 7 条" in out["html"]
    assert 'data-call="evidence_delete" data-arg="1"' in out["html"]


def test_empty_log_is_the_worked_example():
    out = web.run("evidence-log", {f.id: f.default for f in web.CALCULATORS["evidence-log"].fields})
    assert out["errors"] == {} and "还没有记录" in out["html"]
    block = web.render_calculator("evidence-log")
    assert '<button type="button" id="f-add" name="add" class="md-button md-button--primary" data-call="evidence_add"' in block


@pytest.mark.parametrize("text", XSS)
def test_everything_typed_is_escaped(text):
    stored = json.dumps([entry("2026-03-01 22:41", said=text, contact=text, files=text)], ensure_ascii=False)
    out = web.run("evidence-log", {"entries": stored, "sort": "new", "filter_target": "all", "filter_text": text,
                                   "channel": "电话", "target": "本人"})
    assert out["errors"] == {}
    assert "<img" not in out["html"] and "<script" not in out["html"] and "&lt;" in out["html"]


def test_corrupt_store_is_an_error_on_entries():
    for bad in ("{", "[1, 2]", '{"a": 1}'):
        out = web.run("evidence-log", {"entries": bad, "sort": "new", "filter_target": "all", "channel": "电话",
                                       "target": "本人"})
        assert list(out["errors"]) == ["entries"]
