"""Hostile input at the browser boundary (恶意或离谱的输入): ``web.run`` never raises, never shows internals.

Every calculator gets its worked example (the form's defaults) with one field, or several, replaced by text a
frightened, hurried or hostile reader might type. Whatever comes in, ``run`` returns a result or Chinese errors
that name only the form's own fields; the HTML never shows NaN, Infinity, None, a traceback or negative money.
The table below is also what the issue note counts (``hostile_cases()``).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import web

HOSTILE = (
    "", " ", "\u3000", "\n\n", "abc", "1,2,3", "12,00", "1,000,000", "12，000", "１２０００", "1.2万", "一万", "壹万元",
    "-5", "0", "0.01", "1", "1亿", "1.5亿", "99999999999999999999999", "1e309", "1E5", "NaN", "nan", "Infinity",
    "-Infinity", "inf", "0x10", "1_000", "½", "٣", "∞", "3.", ".5", "1.2.3", "--1", "+-1", "¥", "元",
    "手续费0.6%", "月费率0.6%", "日息万五", "月息1分", "年化24%", "0.05%/天", "100%", "1000%", "-3%",
    "2026-02-30", "2026-11-20 22:30", "2100-12-31", "1949-12-31", "20261301", "昨天",
    "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "'; DROP TABLE debts; --", "=1+1", "@SUM(A1)",
    "\x00\x01\x02", "\ufeff", "🙂", "\u202e12000", "None", "null", "undefined", "[]", "{}", '{"a": 1}',
    "名称,余额\n", "信用卡,1e9,18%,250", "网贷,12000,手续费0.6%,600", "a,1,2,3,4,5,6,7,8,9",
    "x" * 5000, "1\n" * 2000, "9" * 64, "9" * 65,
    # amounts and rates in Chinese numerals (CONVENTIONS.md §9): read, or asked about, never guessed
    "两万", "一万二", "1万5", "两千块", "3万元整", "人民币贰万元整", "壹仟贰佰叁拾肆元伍角陆分", "一块五", "1w", "2k5",
    "一万二三", "两三万", "两万三万", "万万", "1万50", "二0二五", "两万多", "约两万", "2万-3万", "负两万", "零",
    "九千九百九十九亿", "九千九百九十九万亿", "零零零", "十十", "百分之十八点五", "月息一分五", "日息万分之五", "万二五",
    "一点五万", "0.5万元整", "两万 5千", "万元", "12元5",
)
"""Typed or pasted text, one value per field: numbers in every notation, dates, rates, markup and control text."""

BAD_HTML = re.compile(r"NaN|Infinity|Traceback|>None<|¥-|\bNone\b")
CJK = re.compile(r"[\u4e00-\u9fff]")


def _defaults(calc_id: str) -> dict[str, str]:
    return {f.id: f.default for f in web.CALCULATORS[calc_id].fields}


def hostile_cases() -> list[tuple[str, dict[str, str]]]:
    """Every (calculator, fields) pair of the table: each field of each calculator, each hostile value."""
    cases = []
    for calc_id in web.CALCULATORS:
        for field in web.CALCULATORS[calc_id].fields:
            for value in HOSTILE:
                cases.append((calc_id, {**_defaults(calc_id), field.id: value}))
    return cases


def check(calc_id: str, fields: dict[str, str]) -> dict:
    """Run one input and assert what the reader may see; returns the output."""
    out = web.run(calc_id, fields)
    assert isinstance(out["html"], str) and out["html"]
    ids = {f.id for f in web.CALCULATORS[calc_id].fields}
    errors = out["errors"]
    assert "" not in errors, f"{calc_id}: an unexpected exception reached the guard: {errors['']} for {fields}"
    assert set(errors) <= ids, f"{calc_id}: errors name fields the form does not have: {set(errors) - ids}"
    for field, message in errors.items():
        assert CJK.search(message), f"{calc_id}.{field}: the message is not Chinese: {message!r}"
        assert ("Traceback" not in message and "Error" not in message) or any(
            w in " ".join(fields.values()) for w in ("Traceback", "Error")), message  # an echo of the input is fine
    typed = " ".join(fields.values())
    shown = [m for m in BAD_HTML.findall(out["html"]) if m.strip("<>") not in typed]  # echoes of the input are fine
    assert not shown, f"{calc_id}: the result shows {shown[0]!r} for {fields}"
    return out


@pytest.mark.parametrize("calc_id", list(web.CALCULATORS))
def test_hostile_table(calc_id):
    cases = [fields for cid, fields in hostile_cases() if cid == calc_id]
    assert len(cases) >= len(HOSTILE)
    outcomes = {"error": 0, "result": 0}
    for fields in cases:
        out = check(calc_id, fields)
        outcomes["error" if out["errors"] else "result"] += 1
    assert outcomes["error"] > 0, f"{calc_id}: no hostile value was refused"


def test_the_table_is_big_enough():
    assert len(hostile_cases()) >= 300


field_text = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40),
    st.text(alphabet="0123456789.,，、%万亿千元¥-+ 日息月年化费率分厘：:\n０１２３４５６７８９", max_size=30),
    st.text(alphabet="0123456789.点零〇一二两三四五六七八九十百千万亿壹贰叁拾佰仟萬元块毛角分整负多约-wk ,、\n",
            max_size=24),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)


@given(calc_id=st.sampled_from(sorted(web.CALCULATORS)), data=st.data())
def test_any_text_in_any_fields(calc_id, data):
    fields = _defaults(calc_id)
    ids = sorted(fields)
    chosen = data.draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True))
    for field_id in chosen:
        fields[field_id] = data.draw(field_text)
    check(calc_id, fields)


QUESTIONS = [
    # (calculator, fields replaced, the field that must carry the error, words the message must contain)
    ("apr", {"principal": "1,2,3"}, "principal", "千位分隔"),
    ("apr", {"principal": "0"}, "principal", "大于0元"),
    ("spiral", {"start_debt": "0"}, "start_debt", "大于 0 元"),
    ("apr", {"mode": "daily", "daily_rate": "手续费0.6%"}, "daily_rate", "分期手续费"),
    ("budget", {"expenses": "房租,2000,必要,可选"}, "expenses", "只能选一个"),
    ("budget", {"incomes": "兼职,500,每周,每月"}, "incomes", "只能选一个"),
    ("negotiate", {"principal": "一万二三"}, "principal", "“二三”连在一起"),
    ("negotiate", {"principal": "两万多"}, "principal", "“多”不是一个确切的数"),
    ("apr", {"principal": "1万50"}, "principal", "看不出是 10050 还是 15000"),
    ("schedule", {"annual_rate": "年化20%左右"}, "annual_rate", "“左右”不是一个确切的数"),
    ("inventory", {"debts": "网贷,两万三万,24%,600"}, "debts", "“万”出现了两次"),
    ("budget", {"incomes": "工资,五千多"}, "incomes", "“多”不是一个确切的数"),
]


@pytest.mark.parametrize(("calc_id", "replaced", "field", "words"), QUESTIONS)
def test_ambiguity_gets_a_question(calc_id, replaced, field, words):
    """Guesses are refused: the error lands on the field that is wrong and says what to type instead."""
    out = check(calc_id, {**_defaults(calc_id), **replaced})
    assert field in out["errors"], out["errors"]
    assert words in out["errors"][field]


def test_results_at_the_edges_compute():
    """Tiny and huge amounts that are legal input give a result, not an error (到手 1 元, 一次性费用 1亿)."""
    for replaced in ({"net_received": "1"}, {"net_received": "0.01"}, {"one_off_fee": "1亿"}):
        out = check("apr", {**_defaults("apr"), **replaced})
        assert not out["errors"] and "1000%" in out["html"], replaced


def test_lpr_past_the_verified_data_says_so_everywhere():
    """A date after the LPR data's verified_through gets a caveat naming the last verified value."""
    import datetime

    from calculators import caps, cli, lpr

    late = lpr.verified_through() + datetime.timedelta(days=1)
    note = lpr.unverified_note(late)
    assert note and "没有核实" in note and "核实到" in note
    assert lpr.unverified_note(lpr.verified_through()) is None
    assert caps.check_apr("private", late, lpr.lpr_on(late).one_year).unverified == note
    overdue = {**_defaults("overdue"), "lender_type": "private", "contract_date": late.isoformat()}
    assert "没有核实" in check("overdue", overdue)["html"]
    inventory = {**_defaults("inventory"), "debts": "借朋友,10000,10%,500,民间借贷", "as_of": late.isoformat()}
    assert "没有核实" in check("inventory", inventory)["html"]
    out, text = cli.cmd_lpr(cli.build_parser().parse_args(["lpr", "--date", late.isoformat()]))
    assert out["verified"] is False and any("没有核实" in line for line in text)
