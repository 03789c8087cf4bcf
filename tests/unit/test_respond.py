"""应诉准备 (respond): the claim against the caps (same rules as caps/overdue), deadlines as dates and an .ics file,
no appeal date for small claims, the draft answer through the letters machinery, the checklist, the page calls."""

from __future__ import annotations

import datetime
import json
import re
from decimal import Decimal

import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import caps, sources, web
from calculators.errors import InputError
from calculators.respond import PROCEDURES, RespondInput, assess, timeline
from calculators.tools import FORMS
from calculators.tools import respond as tool

D = datetime.date
CJK = re.compile(r"[\u4e00-\u9fff]")
LOG = json.dumps([{"when": "2026-11-20 22:30", "channel": "电话", "target": "家人", "said": "告诉你全家"},
                  {"when": "2026-11-22 10:00", "channel": "短信", "target": "本人", "said": "还钱"}], ensure_ascii=False)


def fields(**changes: str) -> dict[str, str]:
    out = {f.id: f.default for f in FORMS["respond"].fields}
    out.update(changes)
    return out


def run(**changes: str) -> dict:
    return web.run("respond", fields(**changes), data=True)


def inp(**kw) -> RespondInput:
    base = dict(contract_principal=Decimal("10000.00"), received=Decimal("8500.00"), contract_date=D(2025, 3, 1),
                through_date=D(2026, 3, 1), service_date=D(2026, 11, 27))
    base.update(kw)
    return RespondInput(**base)


# ---------------------------------------------------------------- the claim

def test_worked_example_the_readers_question():
    """合同写借款1万元，实际到账8500元，起诉要求本金1万、利息罚息服务费共4200元，法院大概支持多少？"""
    out = run()
    assert out["errors"] == {}
    data = out["data"]["check"]
    assert (data["claimed"], data["supported"], data["excess"], data["cap"]) == (
        "14200.00", "10540.00", "3660.00", "2040.00")
    assert [(i["label"], i["supported"], i["excess"]) for i in data["items"]] == [
        ("本金", "8500.00", "1500.00"), ("利息", "1500.00", "0.00"), ("罚息、逾期利息、违约金", "540.00", "160.00"),
        ("服务费等各项费用", "0.00", "2000.00")]
    html = out["html"]
    for text in ("¥3,660.00", "49.41%", "《民法典》第六百七十条（法律）", "法发〔2017〕22号第二条（司法指导文件）",
                 "《民法典》第五百八十五条（法律）", "2026年12月14日（星期一）", "法院怎么判由法院决定"):
        assert text in html, text


def test_the_cap_is_the_one_caps_gives():
    """One place for each fact: the line and the amount come from caps.benchmark and caps.cap_amount."""
    for lender, day in (("private", D(2025, 6, 1)), ("private", D(2019, 1, 1)), ("bank", D(2025, 6, 1)),
                        ("microloan", D(2023, 1, 1))):
        c = assess(inp(lender_type=lender, contract_date=day, through_date=day + datetime.timedelta(days=200),
                       interest=Decimal(5000)))
        rate = caps.benchmark(lender, day).rate
        assert c.cap_rate == rate
        assert c.cap == caps.cap_amount([(Decimal(8500), 200)], rate, 365)


def test_private_lending_uses_four_times_the_lpr_at_the_contract_date():
    c = assess(inp(lender_type="private", contract_date=D(2025, 6, 1), through_date=D(2026, 6, 1),
                   interest=Decimal(2000)))
    assert (c.cap_rate, c.cap, c.statutory) == (Decimal("0.1200"), Decimal("1020.00"), True)
    assert c.items[1].supported == Decimal("1020.00") and c.items[1].excess == Decimal("980.00")
    cites = {g.key: g.cites for g in c.grounds}
    assert ("spc-private-lending-2020", "第二十六条") in cites["withheld"]
    assert cites["cap"] == (("spc-private-lending-2020", "第二十五条、第二十九条"),)


def test_what_was_paid_before_uses_up_the_line():
    c = assess(inp(interest=Decimal(1000), paid=Decimal(1500)))
    assert (c.cap, c.room) == (Decimal("2040.00"), Decimal("540.00"))
    assert c.items[1].supported == Decimal("540.00")
    c = assess(inp(interest=Decimal(1000), paid=Decimal(5000)))
    assert c.room == 0 and c.items[1].supported == 0 and c.items[1].excess == Decimal("1000.00")
    assert "paid" in {g.key for g in c.grounds}


def test_a_partly_repaid_principal_still_loses_what_was_withheld():
    c = assess(inp(claim_principal=Decimal(6000)))
    assert c.items[0].supported == Decimal("4500.00") and c.items[0].excess == Decimal("1500.00")
    c = assess(inp(claim_principal=Decimal(1000)))  # less than what was withheld: nothing negative
    assert c.items[0].supported == 0 and c.items[0].excess == Decimal("1000.00")


def test_no_withholding_no_principal_ground_and_the_penalty_ground_computes_nothing():
    c = assess(inp(received=Decimal(10000), penalties=Decimal(300)))
    keys = [g.key for g in c.grounds]
    assert "withheld" not in keys and "penalty" in keys
    penalty = next(g for g in c.grounds if g.key == "penalty")
    assert "%" not in penalty.text and penalty.cites == (("civil-code", "第五百八十五条"),)


def test_an_assignee_gets_the_notice_ground():
    c = assess(inp(plaintiff="assignee"))
    assert next(g for g in c.grounds if g.key == "assignee").cites == (("civil-code", "第五百四十六条"),)
    assert "债权转让通知" in [e.title for e in tool.compute(_values(plaintiff="assignee")).evidence]


def _values(**changes: str) -> dict:
    from calculators.forms import parse_fields
    values, errors = parse_fields(FORMS["respond"], fields(**changes))
    assert errors == {}
    return values


money = st.decimals(min_value=0, max_value=10**6, places=2)


@given(contract=st.decimals(min_value="0.01", max_value=10**6, places=2), share=st.integers(1, 100), claim=money,
       interest=money, penalties=money, fees=money, paid=money, days=st.integers(0, 4000),
       lender=st.sampled_from(list(caps.LENDERS)), start=st.dates(D(2015, 1, 1), D(2026, 6, 1)))
def test_property_never_more_than_claimed_and_excess_is_exact(contract, share, claim, interest, penalties, fees, paid,
                                                              days, lender, start):
    received = max(Decimal("0.01"), (contract * share / 100).quantize(Decimal("0.01")))
    c = assess(RespondInput(contract, received, start, start + datetime.timedelta(days=days), start, lender, claim,
                            interest, penalties, fees, paid))
    for item in c.items:
        for x in (item.claimed, item.supported, item.excess):
            assert isinstance(x, Decimal) and x.is_finite() and x >= 0 and x == x.quantize(Decimal("0.01"))
        assert item.supported <= item.claimed and item.excess == item.claimed - item.supported
    assert c.supported <= c.claimed and c.excess == c.claimed - c.supported >= 0
    assert c.claimed == sum(i.claimed for i in c.items) and c.supported == sum(i.supported for i in c.items)
    assert c.items[0].supported <= received
    assert sum(i.supported for i in c.items[1:]) <= c.room <= c.cap


@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"received": "12000"}, "received", "不能比合同写的借款金额"),
    ({"received": "0"}, "received", "实际到账金额"),
    ({"contract_principal": "-5"}, "contract_principal", "合同写的借款金额"),
    ({"through_date": "2025-01-01"}, "through_date", "不能早于借款日期"),
    ({"service_date": "2024-12-31"}, "service_date", "不能早于借款日期"),
    ({"hearing": "2026-11-01"}, "hearing", "不能早于收到起诉材料的日期"),
    ({"judgment_date": "2026-11-26"}, "judgment_date", "不能早于收到起诉材料的日期"),
    ({"service_date": "2101-01-01"}, "service_date", "2100"),
    ({"contract_date": "２０２５年１３月１日"}, "contract_date", "有效日期"),
    ({"answer_days": "31"}, "answer_days", "通知书写的答辩期"),
    ({"evidence_days": "0"}, "evidence_days", "举证期限"),
    ({"interest": "1e999"}, "interest", "起诉要求的利息"),
    ({"fees": "两千多"}, "fees", "服务费"),
    ({"lender_type": "loan-shark"}, "lender_type", "出借人类型"),
    ({"procedure": "fast"}, "procedure", "审理程序"),
])
def test_bad_input_is_a_chinese_error_on_its_field(changes, field, words):
    out = run(**changes)
    assert list(out["errors"]) == [field], out["errors"]
    assert words in out["errors"][field] and CJK.search(out["errors"][field])
    assert out["data"] is None and "calc-errors" in out["html"]


def test_full_width_wan_and_chinese_numeral_amounts_are_read():
    out = run(contract_principal="１万", received="８５００", interest="1,500")
    assert out["errors"] == {} and out["data"]["check"]["claimed"] == "14200.00"
    words = run(contract_principal="一万", received="八千五", interest="一千五百")
    assert words["errors"] == {} and words["data"]["check"] == out["data"]["check"]


# ---------------------------------------------------------------- deadlines

def test_small_claims_never_show_an_appeal_date():
    for judgment in ("", "2027-01-08"):
        out = run(procedure="small", judgment_date=judgment)
        assert out["errors"] == {}
        appeal = [s for s in out["data"]["timeline"]["steps"] if s["key"] == "appeal"]
        assert len(appeal) == 1 and appeal[0]["day"] is None
        assert "一审终审" in out["html"] and "上诉期最后一天" not in out["html"]
        assert "第一百六十五条" in out["html"]


@given(procedure=st.just("small"), judgment=st.dates(D(2026, 11, 27), D(2100, 1, 1)),
       answer=st.one_of(st.none(), st.integers(1, 30)))
def test_property_small_claims_have_no_appeal_date_whatever_is_typed(procedure, judgment, answer):
    t = timeline(inp(procedure=procedure, judgment_date=judgment, answer_days=answer))
    assert all(s.day is None for s in t.steps if s.key == "appeal")


def test_ordinary_and_simple_appeal_from_the_judgment_and_unclear_says_when():
    out = run(procedure="ordinary", judgment_date="2027-01-08")
    steps = {s["key"]: s for s in out["data"]["timeline"]["steps"]}
    assert steps["appeal"]["day"] is None or steps["appeal"]["period"]["uncovered"] == 2027
    assert "2027年的放假安排本工具还没有" in out["html"]  # 2027-01-23, a year without data
    out = run(procedure="simple", judgment_date="2026-06-01", service_date="2026-05-01", hearing="2026-05-20")
    steps = {s["key"]: s for s in out["data"]["timeline"]["steps"]}
    assert steps["appeal"]["day"] == "2026-06-16" and steps["hearing"]["day"] == "2026-05-20"
    out = run(procedure="unclear", judgment_date="2026-06-01", service_date="2026-05-01")
    assert "如果不是小额诉讼：2026年6月16日（星期二）" in out["html"]
    assert "一审终审" in out["html"] and "小额诉讼" in out["html"]


def test_answer_period_follows_the_notice():
    out = run(procedure="small", answer_days="7")
    answer = out["data"]["timeline"]["steps"][0]
    assert answer["day"] == "2026-12-04" and "按通知书写的 7 日" in answer["label"]
    assert "第二百七十五条" in out["html"]
    out = run(procedure="small")
    assert "按最长的 15 日算" in out["data"]["timeline"]["steps"][0]["label"]
    assert any("法律规定的 15 日" in w for w in run(procedure="ordinary", answer_days="10")["data"]["timeline"]["warnings"])
    assert any("最长 15 日" in w for w in run(procedure="small", answer_days="20")["data"]["timeline"]["warnings"])


def test_evidence_period_only_when_typed_and_checked_against_the_procedure():
    assert [s["key"] for s in run()["data"]["timeline"]["steps"]] == ["answer", "appeal"]
    out = run(procedure="small", evidence_days="10")
    steps = out["data"]["timeline"]["steps"]
    assert steps[1]["key"] == "evidence" and steps[1]["day"] == "2026-12-07"
    assert any("一般不超过 7 日" in w for w in out["data"]["timeline"]["warnings"])


def test_a_deadline_in_a_year_without_data_says_so_plainly():
    out = run(service_date="2026-12-20")
    assert "2027年1月4日（星期一）" in out["html"]
    assert "2027年的放假安排本工具还没有，请以法院通知和国务院公布的安排为准" in out["html"]


# ---------------------------------------------------------------- draft, checklist, page

LEFTOVER = re.compile(r"\$|\{|\}")


@pytest.mark.parametrize("lender", list(caps.LENDERS))
@pytest.mark.parametrize("plaintiff", ["lender", "assignee"])
def test_the_draft_fills_completely(lender, plaintiff):
    for extra in ({}, {"name": "张三", "plaintiff_name": "某某小额贷款有限公司", "case_number": "（2026）某0105民初1号",
                       "court": "某某区人民法院", "paid": "300", "claim_principal": "9000"}):
        out = run(lender_type=lender, plaintiff=plaintiff, **extra)
        assert out["errors"] == {}
        text = out["data"]["letter"]["text"]
        assert not LEFTOVER.search(text) and text.count("【") == text.count("】")
        assert text.startswith("民事答辩状") and "此致" in text
        assert 'data-action="copy"' in out["html"] and 'data-filename="答辩状.txt"' in out["html"]
        if extra:
            assert "张三" in text and "（2026）某0105民初1号" in text and "【案号" not in text


@pytest.mark.parametrize("bad", ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "$name ${court}"])
def test_typed_text_is_only_escaped_and_kept_as_typed(bad):
    out = run(name=bad, plaintiff_name=bad, case_number=bad, court=bad)
    assert out["errors"] == {}
    assert "<script" not in out["html"] and "<img" not in out["html"]
    assert bad[:40] in out["data"]["letter"]["text"]


def test_the_evidence_log_reaches_the_checklist():
    out = run(entries=LOG)
    assert "催收记录本里已有 2 条记录（2026年11月20日至2026年11月22日）" in out["html"]
    assert "催收记录（如果有）" in run()["html"]


def test_the_page_is_printable_and_points_to_free_help():
    html = run()["html"]
    assert html.count('<section class="calc-respond-part') == 5 and "calc-respond-draft" in html
    assert 'data-action="print"' in html and "12348" in html and 'href="../../rights/professional-help/"' in html
    assert "撤诉" in html  # the warning against paid intermediaries


def test_every_cited_source_exists():
    for lender in caps.LENDERS:
        for procedure in PROCEDURES:
            view = tool.compute(_values(lender_type=lender, procedure=procedure, plaintiff="assignee",
                                        contract_date="2019-06-01", judgment_date="2026-12-30", evidence_days="7"))
            cites = [c for g in view.check.grounds for c in g.cites] + [c for s in view.timeline.steps for c in s.cites]
            for sid, article in cites:
                assert CJK.search(sources.cite(sid, article))


# ---------------------------------------------------------------- page calls

def test_ics_call_gives_a_calendar_with_the_dates():
    out = json.loads(web.call_json("respond_ics", json.dumps(fields(
        procedure="ordinary", evidence_days="15", hearing="2027-01-12", judgment_date="2027-02-01",
        case_number="（2026）某0105民初1号", now="2026-12-01T08:00:00Z"), ensure_ascii=False)))
    assert out["errors"] == {} and out["file"]["name"] == "wdyq-respond.ics"
    assert out["file"]["mime"].startswith("text/calendar") and "4 个日程" in out["message"]
    cal = icalendar.Calendar.from_ical(out["file"]["text"])
    events = {str(e["SUMMARY"]).split(" ")[0]: e.decoded("DTSTART") for e in cal.walk("VEVENT")}
    assert events == {"答辩期最后一天": D(2026, 12, 14), "举证期限最后一天": D(2026, 12, 14), "开庭": D(2027, 1, 12),
                      "上诉期最后一天": D(2027, 2, 16)}
    assert all(e.walk("VALARM") for e in cal.walk("VEVENT"))
    again = json.loads(web.call_json("respond_ics", json.dumps(fields(
        procedure="ordinary", evidence_days="15", hearing="2027-01-12", judgment_date="2027-02-01",
        case_number="（2026）某0105民初1号", now="2026-12-01T08:00:00Z"), ensure_ascii=False)))
    assert again["file"]["text"] == out["file"]["text"]  # same input, same file (UIDs from the input)


def test_ics_call_small_claims_has_no_appeal_event_and_bad_input_is_an_error():
    out = web.respond_ics(fields(procedure="small", judgment_date="2027-01-08"))
    assert "上诉" not in out["file"]["text"]
    out = web.respond_ics(fields(service_date="昨天"))
    assert list(out["errors"]) == ["service_date"] and out["file"] is None
    out = web.respond_ics(fields(received="20000"))
    assert list(out["errors"]) == ["received"]


DEBTS = "信用卡,5000,18%,250\n网贷,1.2万,24%,600,小贷,40\n借朋友,3000,0%,0"


@pytest.mark.parametrize(("args", "expected"), [
    ({"debts": DEBTS, "debt": "网贷"}, {"claim_principal": "12000.00", "lender_type": "microloan"}),
    ({"debts": DEBTS, "debt": "1"}, {"claim_principal": "5000.00"}),
    ({"debts": "网贷,8000,24%,600,消费金融"}, {"claim_principal": "8000.00", "lender_type": "consumer-finance"}),
])
def test_prefill_from_the_saved_debts(args, expected):
    out = web.respond_prefill(args)
    assert out["errors"] == {} and out["fields"] == expected
    assert "请对照起诉状" in out["message"]
    if "lender_type" not in expected:
        assert "出借人类型请自己选" in out["message"]


@pytest.mark.parametrize(("args", "key", "words"), [
    ({}, "", "还没有保存债务清单"),
    ({"debts": "  "}, "", "还没有保存债务清单"),
    ({"debts": "网贷,abc,24%,600"}, "", "读不出来"),
    ({"debts": DEBTS}, "debt", "清单里有 3 笔"),
    ({"debts": DEBTS, "debt": "花呗"}, "debt", "债务清单里没有“花呗”"),
    ({"debts": DEBTS, "debt": "9"}, "debt", "1 到 3"),
])
def test_prefill_refusals_are_chinese(args, key, words):
    out = web.respond_prefill(args)
    assert list(out["errors"]) == [key] and words in out["errors"][key] and out["fields"] == {}


def test_the_domain_refuses_what_the_form_cannot_send():
    with pytest.raises(InputError) as exc:
        assess(inp(lender_type="nope"))
    assert exc.value.field == "lender_type"
    with pytest.raises(InputError) as exc:
        timeline(inp(procedure="nope"))
    assert exc.value.field == "procedure"
    with pytest.raises(InputError) as exc:
        assess(inp(plaintiff="nope"))
    assert exc.value.field == "plaintiff" and exc.value.message.startswith("原告是谁")


# ---------------------------------------------------------------- found by a hostile reading (2026-12)

def _request_principal(text: str) -> str:
    return re.search(r"三、答辩人的请求\n1\. ([^\n]*)", text).group(1)


@pytest.mark.parametrize(("changes", "wanted"), [
    ({}, "本金按实际到账的 8,500.00 元计算；"),
    ({"claim_principal": "20000"}, "本金按实际到账的 8,500.00 元计算；"),
    # partly repaid: the complaint asks for less than was received; the draft must not ask the court for more
    ({"received": "10000", "claim_principal": "3000"}, "本金最多按 3,000.00 元计算；"),
    ({"claim_principal": "5000"}, "本金最多按 3,500.00 元计算（放款时被预先扣除的 1,500.00 元不计入本金）；"),
    ({"claim_principal": "1000"}, "本金最多按 0.00 元计算（放款时被预先扣除的 1,500.00 元不计入本金）；"),
])
def test_the_draft_asks_for_the_principal_the_table_shows_never_more_than_claimed(changes, wanted):
    out = run(**changes)
    principal = out["data"]["check"]["items"][0]
    assert _request_principal(out["data"]["letter"]["text"]) == wanted
    assert Decimal(principal["supported"]) <= Decimal(principal["claimed"])


def test_the_draft_calls_the_charges_too_high_only_when_they_pass_the_line():
    assert "明显过高" in run()["data"]["letter"]["text"]  # 4,200.00 claimed against a line of 2,040.00
    out = run(received="10000", interest="100", penalties="", fees="")  # 1% a year
    text = out["data"]["letter"]["text"]
    assert out["data"]["check"]["excess"] == "0.00" and "明显过高" not in text
    assert "请求对总计超过年利率 24.00% 的部分予以调减" in text


def test_ics_message_counts_the_events_not_the_words_typed():
    out = web.respond_ics(fields(procedure="ordinary", hearing="2027-01-12", case_number="BEGIN:VEVENT 号"))
    assert out["errors"] == {} and out["file"]["text"].count("\r\nBEGIN:VEVENT\r\n") == 2
    assert "2 个日程" in out["message"]


@pytest.mark.parametrize(("field", "label", "limit"), [
    ("name", "你的姓名", 40), ("plaintiff_name", "原告名称", 80), ("case_number", "案号", 60), ("court", "受理法院", 80)])
def test_text_too_long_for_the_draft_is_refused_not_cut(field, label, limit):
    """A case number cut at 60 characters would put a wrong case number into a court paper without a word."""
    fits = "某" * limit
    out = run(**{field: fits})
    assert out["errors"] == {} and fits in out["data"]["letter"]["text"]
    out = run(**{field: "某" * limit + "号"})
    assert list(out["errors"]) == [field]
    assert out["errors"][field].startswith(f"{label}：") and str(limit) in out["errors"][field]


@pytest.mark.parametrize(("service", "due", "weekday"), [
    ("2025-01-11", "2025-01-26", "星期日"), ("2026-01-30", "2026-02-14", "星期六"), ("2025-09-13", "2025-09-28", "星期日")])
def test_a_last_day_on_a_working_weekend_says_why_it_is_not_moved(service, due, weekday):
    out = run(service_date=service, contract_date="2024-06-01", through_date="2024-12-01")
    answer = out["data"]["timeline"]["steps"][0]
    assert answer["day"] == due and not answer["period"]["skipped"]
    assert any("调休上班" in n and "不顺延" in n for n in answer["notes"]), answer["notes"]
    assert weekday in out["html"] and "调休上班" in out["html"]


def test_a_log_without_readable_times_gives_no_empty_brackets():
    """A restored backup may hold records whose time cannot be read: the checklist never says “（）”."""
    out = run(entries='[{"when": "", "channel": "电话", "target": "本人", "said": "还钱"}]')
    assert out["errors"] == {} and "催收记录本里已有 1 条记录，" in out["html"] and "（）" not in out["html"]


def test_a_deadline_moved_onto_a_working_sunday_says_it_is_a_working_day():
    """2025-12-19 + 15 = 2026-01-03 (元旦 break) → 2026-01-04, a Sunday worked for 元旦."""
    out = run(service_date="2025-12-19")
    answer = out["data"]["timeline"]["steps"][0]
    assert answer["day"] == "2026-01-04" and answer["period"]["skipped"] == ["2026-01-03"]
    assert "2026年1月4日（星期日，调休上班）" in answer["notes"][0]
