"""信件生成 (letters): every template fills completely, the log figures reach complaint letters, escaping."""

import itertools
import json
import re

import pytest

from calculators import letters, web
from calculators.letters import LetterInput, fill

KINDS = [k for k, _ in letters.kinds()]
REASONS = [k for k, _ in letters.reasons()]
LEFTOVER = re.compile(r"\$|\{|\}")


def log(n_night=3, n_day=4):
    out = [{"when": f"2026-03-0{i + 1} 22:30", "channel": "电话", "contact": "1xx", "target": "本人", "said": "还钱",
            "files": ""} for i in range(n_night)]
    out += [{"when": f"2026-03-0{i + 1} 10:00", "channel": "短信", "contact": "", "target": "家人", "said": "告诉家人",
             "files": ""} for i in range(n_day)]
    return json.dumps(out, ensure_ascii=False)


def test_the_five_templates_exist():
    assert KINDS == ["negotiation", "complaint-lender", "complaint-regulator", "nifa", "police"]
    assert REASONS == ["job-loss", "illness", "income-drop", "other"]


@pytest.mark.parametrize(("kind", "reason", "proof"), list(itertools.product(KINDS, REASONS, ("yes", "no"))))
def test_every_combination_fills_without_placeholders(kind, reason, proof):
    for extra in ({}, {"name": "张三", "lender_name": "某某消费金融有限公司", "amount": "1.2万", "monthly": "800",
                       "facts": "2026年3月5日晚上来电"}):
        out = web.run("letters", {"kind": kind, "reason": reason, "has_proof": proof, "entries": "", **extra}, data=True)
        assert out["errors"] == {}, out["errors"]
        text = out["data"]["text"]
        assert not LEFTOVER.search(text), text
        assert text.count("【") == text.count("】")
        assert out["data"]["filename"].endswith(".txt")
        assert f'data-filename="{out["data"]["filename"]}"' in out["html"]
        assert 'data-action="copy"' in out["html"] and 'data-action="print"' in out["html"]


def test_negotiation_with_and_without_proof():
    with_proof = fill(LetterInput("negotiation", "job-loss", True)).text
    without = fill(LetterInput("negotiation", "job-loss", False)).text
    assert "离职证明" in with_proof
    assert "没有失业证明" in without and "社保或公积金停缴记录" in without and "情况说明" in without


def test_negotiation_computes_the_missing_term_or_instalment():
    out = web.run("letters", {"kind": "negotiation", "reason": "illness", "has_proof": "yes", "amount": "12000",
                              "monthly": "500", "entries": ""}, data=True)
    assert "分 24 期偿还" in out["data"]["text"] and "500.00 元" in out["data"]["text"]
    out = web.run("letters", {"kind": "negotiation", "reason": "illness", "has_proof": "yes", "amount": "10000",
                              "months": "3", "entries": ""}, data=True)
    assert "每月【日】日前还款 3,333.34 元" in out["data"]["text"]
    out = web.run("letters", {"kind": "negotiation", "reason": "other", "has_proof": "no", "amount": "100000",
                              "monthly": "100", "entries": ""}, data=True)
    assert any("超过 5 年" in w for w in out["data"]["warnings"])
    out = web.run("letters", {"kind": "negotiation", "reason": "other", "has_proof": "no", "amount": "10000",
                              "monthly": "100", "months": "12", "entries": ""}, data=True)
    assert any("少" in w for w in out["data"]["warnings"])


@pytest.mark.parametrize("kind", ["complaint-lender", "complaint-regulator", "nifa", "police"])
def test_complaints_carry_the_log_figures(kind):
    out = web.run("letters", {"kind": kind, "entries": log()}, data=True)
    assert out["errors"] == {}
    text = out["data"]["text"]
    assert "共 7 次" in text and "夜间 3 次" in text
    assert "2026年3月1日至2026年3月4日" in text
    assert "共 7 条" in text
    if kind != "nifa":
        assert "联系我以外的人共 4 次" in text


def test_complaint_without_log_keeps_prompts():
    text = web.run("letters", {"kind": "complaint-lender", "entries": ""}, data=True)["data"]["text"]
    assert "来电共【×】次" in text and "【只保留和你的情况相符的几条，其余删掉】" in text


def test_negotiation_ignores_the_log():
    text = web.run("letters", {"kind": "negotiation", "reason": "job-loss", "has_proof": "yes", "entries": log()},
                   data=True)
    assert "夜间" not in text["data"]["text"]


@pytest.mark.parametrize("bad", ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"])
def test_typed_text_is_only_escaped(bad):
    entries = json.dumps([{"when": "2026-03-01 22:30", "channel": "电话", "contact": bad, "target": "本人", "said": bad,
                           "files": bad}], ensure_ascii=False)
    for kind in KINDS:
        out = web.run("letters", {"kind": kind, "reason": "job-loss", "has_proof": "yes", "name": bad,
                                  "lender_name": bad, "facts": bad if kind == "negotiation" else "", "entries": entries}, data=True)
        assert out["errors"] == {}
        assert "<script" not in out["html"] and "<img" not in out["html"]
        assert "&lt;" in out["html"]
        assert bad in out["data"]["text"]  # the plain-text letter keeps exactly what was typed


def test_bad_numbers_are_field_errors():
    out = web.run("letters", {"kind": "negotiation", "reason": "job-loss", "has_proof": "yes", "months": "0",
                              "monthly": "abc", "entries": ""})
    assert set(out["errors"]) == {"months", "monthly"}
