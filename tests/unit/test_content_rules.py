"""Content rules read from the Markdown sources (issue 15): legal weight in words, honest dates, glossary.

A sentence that says something is forbidden or required (不得、禁止、应当……) must name, in its own words,
the legal weight (效力层级) of every source its `[[src:…]]` markers cite — the tag alone is not enough.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
DATA = ROOT / "calculators" / "data"
LAWS = json.loads((DATA / "laws.json").read_text(encoding="utf-8"))
LEGAL_PAGES = sorted([*DOCS.glob("rules/*.md"), *DOCS.glob("rights/*.md")])
ALL_PAGES = sorted(DOCS.glob("**/*.md")) + sorted((ROOT / "includes").glob("*.md"))
"""Every page, and every fragment pages share (includes/, markdown-include): the same rules apply to both."""

MARKER = re.compile(r"\[\[src:([a-z0-9-]+)(?:\|[^\]]*)?\]\]")
DUTY = re.compile(r"不得|禁止|严禁|不允许|不准|不能|不可以|必须|应当|应该|要求|不宜")
#: laws.json `weight` → the words that name it in a sentence.
WEIGHT_WORDS = {
    "law": ("法律",),
    "administrative-regulation": ("行政法规",),
    "departmental-rule": ("部门规章", "规章"),
    "judicial-interpretation": ("司法解释",),
    "judicial-document": ("司法指导文件", "司法文件"),
    "normative-document": ("规范性文件",),
    "recommended-standard": ("推荐性国家标准", "国家标准", "国标", "标准"),
    "self-regulation": ("行业自律", "自律"),
    "announcement": ("公告", "风险提示", "提醒"),
}


def sentences(text: str) -> list[str]:
    """Split a page into sentences (句): at 。！？ and line ends; a marker after the stop stays with it."""
    out: list[str] = []
    for line in text.splitlines():
        for part in re.split(r"(?<=[。！？])", line):
            if out and MARKER.match(part.strip()) and not MARKER.sub("", part).strip(" 。，"):
                out[-1] += part
            elif part.strip():
                out.append(part)
    return out


def weight_gaps(text: str) -> list[str]:
    """Duty sentences (义务句) whose words do not name the weight of a source they cite."""
    gaps = []
    for sent in sentences(text):
        ids = MARKER.findall(sent)
        words = MARKER.sub("", sent)
        if not ids or not DUTY.search(words):
            continue
        missing = sorted(
            {LAWS[i]["weight"] for i in ids if i in LAWS}
            - {w for w, names in WEIGHT_WORDS.items() if any(n in words for n in names)}
        )
        if missing:
            gaps.append(f"{sent.strip()[:80]} … needs {missing}")
    return gaps


def test_the_rules_and_rights_pages_are_checked():
    assert len(LEGAL_PAGES) >= 11 and set(LEGAL_PAGES) <= set(ALL_PAGES)


def test_every_weight_of_the_data_has_words():
    assert {v["weight"] for v in LAWS.values()} <= set(WEIGHT_WORDS)


def test_the_check_catches_a_self_regulation_rule_stated_without_its_weight():
    bad = "催收人员应当说明自己代表哪家机构 [[src:nifa-collection-convention-2018|第十五条]]。"
    good = "按行业自律公约，催收人员应当说明自己代表哪家机构 [[src:nifa-collection-convention-2018|第十五条]]。"
    assert weight_gaps(bad) and not weight_gaps(good)
    two = "法律禁止骚扰 [[src:civil-code]]，行业指引也禁止 [[src:cba-collection-guideline-2026]]。"
    assert weight_gaps(two) and "self-regulation" in weight_gaps(two)[0]


@pytest.mark.parametrize("page", ALL_PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_duty_sentences_name_their_legal_weight(page):
    """On the rules and rights pages (the issue's scope) and, since they quote the same rules, on every page."""
    assert weight_gaps(page.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("page", ALL_PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_hard_coded_now(page):
    """No 现在（2026年11月）/ 目前（…）/ 今年 that ages every month (硬编码的“现在”)."""
    text = page.read_text(encoding="utf-8")
    body = "\n".join(ln for ln in text.splitlines() if not ln.startswith("最后核实"))
    found = re.findall(r"(?:现在|目前|当前|如今)（[^）]*\d{4}年[^）]*）|今年|本月|\d{4}年\d{1,2}月(?:的今天|为止)", body)
    assert found == []


PARTLY = sorted(k for k, v in LAWS.items() if v["confidence"] == "partly-unverified")
HEDGES = ("未能核实", "未经核实", "据报道", "据称", "可能", "尚未确认")


@pytest.mark.parametrize("page", ALL_PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_partly_unverified_sources_are_hedged(page):
    """A sentence citing a partly-unverified source carries a hedge (未能核实、据报道、可能……)."""
    bad = []
    for sent in sentences(page.read_text(encoding="utf-8")):
        ids = set(MARKER.findall(sent)) & set(PARTLY)
        if ids and not any(h in MARKER.sub("", sent) for h in HEDGES):
            bad.append(f"{sent.strip()[:70]} ({sorted(ids)})")
    assert bad == []


GLOSSARY = json.loads((DATA / "glossary.json").read_text(encoding="utf-8"))
JARGON = "综合融资成本 增信 名单制 窗口指导 白名单 交互式语音催收 人格权禁令 两高两部 效力层级 规范性文件 司法指导文件"


@pytest.mark.parametrize("term", JARGON.split())
def test_jargon_is_in_the_glossary(term):
    assert len(GLOSSARY.get(term, "")) >= 12


def test_glossary_states_no_unconfirmed_rule_as_fact():
    """罚息的30%–50%出自2003年的通知，其现行效力未经核实，必须说明。"""
    for term, text in GLOSSARY.items():
        if "30%" in text and "50%" in text:
            assert "2003" in text and ("未" in text or "不确定" in text), term


def test_12348_is_called_free_legal_advice_not_legal_aid():
    """12348 gives 免费法律咨询; 法律援助 has its own eligibility, so never 「12348 咨询免费法律援助」."""
    texts = [p.read_text(encoding="utf-8") for p in ALL_PAGES]
    texts += [(DATA / f).read_text(encoding="utf-8") for f in ("glossary.json", "channels.json", "triage.json")]
    wrong = [m.group(0) for t in texts for m in re.finditer(r"12348[^。\n]{0,10}免费法律援助", t)]
    assert wrong == []
    assert re.search(r"12348[^。\n]{0,10}免费法律援助", "拨打 12348 咨询免费法律援助")


CHANNELS = {c["id"] for c in json.loads((DATA / "channels.json").read_text(encoding="utf-8"))}
CHANNEL_MARKER = re.compile(r"^\[\[channels:([^\]]+)\]\]$", re.M)
#: Pages that discuss a situation, and the channels they must name where they discuss it.
SITUATIONS = {
    "rules/privacy.md": {"110", "12378", "local-regulator", "12321"},  # 爆通讯录
    "rules/red-lines.md": {"110", "lender", "12378"},  # threats, harassment
    "rights/professional-help.md": {"110", "12348"},  # 代理维权 scams
    "topics/credit-repair.md": {"12363", "110"},  # paid "credit repair"
    "rules/interest-caps.md": {"court", "12348"},  # rates above the caps
    "topics/short-term-loans.md": {"110", "local-regulator"},  # illegal lending
    "strategies/support.md": {"12356", "110"},  # crisis
    "strategies/consequences.md": {"court", "12348"},  # (fake) court papers
}


@pytest.mark.parametrize("page", sorted(SITUATIONS))
def test_situation_pages_list_their_channels_from_data(page):
    text = (DOCS / page).read_text(encoding="utf-8")
    named = {i.strip() for m in CHANNEL_MARKER.findall(text) for i in m.split(",")}
    assert SITUATIONS[page] <= named


def test_channel_markers_name_existing_channels():
    for page in ALL_PAGES:
        for m in CHANNEL_MARKER.findall(page.read_text(encoding="utf-8")):
            assert {i.strip() for i in m.split(",")} <= CHANNELS, (page.name, m)
