"""催收合规自查 (checker): the rules table is consistent with the laws and channels data, and a fixed selection
gives the expected rules, weights and channels. Pure and fast (also runs inside Pyodide)."""

import json

import pytest

from calculators import collection, sources, web
from calculators.evidence import make_entry, summarise

ITEMS = collection.items()
LENDERS = [k for k, _ in collection.lenders()]


def test_fourteen_situations_with_complete_records():
    assert len(ITEMS) == 14
    for key, item in ITEMS.items():
        assert key.isascii() and key.replace("_", "").isalpha(), key
        assert item["label"] and item["rules"] and item["evidence"] and item["channels"], key
        assert item["severity"] in (1, 2, 3), key
        assert item.get("log") in (None, "night", "third_party", "threat", "visit", "max_per_day"), key


def test_every_source_and_channel_id_exists():
    laws = sources.laws()
    channel_ids = {c["id"] for c in sources.channels()}
    data = collection.rules()
    for key, item in ITEMS.items():
        for rule in item["rules"]:
            assert rule["source_id"] in laws, (key, rule["source_id"])
            assert rule["says"], key
            assert set(rule.get("lenders", [])) <= set(LENDERS), key
        assert set(item["channels"]) <= channel_ids, key
        assert set(item.get("channel_notes", {})) <= set(item["channels"]), key
    assert set(data["source_scopes"]) <= set(laws)
    assert set(data["channel_lenders"]) <= channel_ids
    for scope in list(data["source_scopes"].values()) + [{"lenders": v} for v in data["channel_lenders"].values()]:
        assert set(scope["lenders"]) <= set(LENDERS)


def test_threats_cite_the_public_security_law_and_put_110_first():
    r = collection.check(["threats"], "consumer-finance")
    f = r.findings[0]
    assert f.channels[0].id == "110"
    cites = [rule.citation for rule in f.rules]
    assert "《治安管理处罚法》第五十条（法律）" in cites
    assert any(rule.source_id == "psapl-2025" and rule.article == "第五十条" for rule in f.rules)
    # 催收非法债务罪 only concerns illegal debts (private lenders), not a licensed consumer-finance company
    assert not any("第二百九十三条之一" in rule.article for rule in f.rules)
    private = collection.check(["threats"], "private").findings[0]
    assert any("第二百九十三条之一" in rule.article for rule in private.rules)


@pytest.mark.parametrize("key", ["threats", "impersonation", "visits", "publish_info", "extra_fees"])
def test_danger_items_go_to_110_first_for_every_lender(key):
    for lender in LENDERS:
        assert collection.check([key], lender).findings[0].channels[0].id == "110", (key, lender)


def test_night_window_is_stated_as_standard_and_self_regulation_not_law():
    f = collection.check(["night"], "bank").findings[0]
    weights = {rule.source_id: rule.weight for rule in f.rules}
    assert weights["gbt-45251-2025"] == "推荐性国家标准"
    assert weights["cba-collection-guideline-2026"] == "行业自律文件"
    assert "GB/T 45251-2025（推荐性国家标准）" in [rule.citation for rule in f.rules]
    assert "不等于“违法”" in f.note
    html = web.run("checker", {"happened": "night", "lender": "bank", "entries": ""})["html"]
    assert "推荐性国家标准" in html and "行业自律文件" in html


def test_findings_are_ordered_by_severity_then_page_order():
    r = collection.check(["night", "not_debtor", "third_party", "threats", "visits"], "unknown")
    assert [f.id for f in r.findings] == ["threats", "visits", "third_party", "night", "not_debtor"]


def test_lender_filters_rules_and_channels():
    credit = collection.check(["third_party"], "bank").findings[0]
    assert any(rule.source_id == "cbrc-credit-card-2011" and rule.article == "第六十八条" for rule in credit.rules)
    assert [c.id for c in credit.channels][:2] == ["lender", "12378"]
    micro = collection.check(["third_party"], "microloan").findings[0]
    assert not any(rule.source_id == "cbrc-credit-card-2011" for rule in micro.rules)
    assert micro.skipped >= 1
    assert "12378" not in [c.id for c in micro.channels]
    assert "local-regulator" in [c.id for c in micro.channels]
    private = collection.check(["night"], "private").findings[0]
    assert {c.id for c in private.channels} >= {"110", "12348"}
    assert "lender" not in {c.id for c in private.channels}


def test_log_figures_support_the_items():
    log = summarise([make_entry({"when": f"2026-03-0{d} 23:00", "target": t, "said": s})
                     for d, t, s in ((1, "本人", "今晚去你家"), (2, "家人", "还钱"), (3, "本人", "还钱"))])
    r = collection.check(["night", "third_party", "threats"], "unknown", log)
    support = {f.id: f.log_support for f in r.findings}
    assert "有 3 次在 22:00 至次日 8:00" in support["night"]
    assert "有 1 次联系的是你以外的人" in support["third_party"]
    assert "有 1 次" in support["threats"] and "关键词" in support["threats"]
    assert collection.check(["night"], "unknown", summarise([])).findings[0].log_support == ""


def test_checker_through_the_browser_boundary():
    entries = json.dumps([{"when": "2026-03-01 22:30", "channel": "电话", "contact": "<img src=x onerror=alert(1)>",
                           "target": "家人", "said": "<script>alert(1)</script>", "files": ""}], ensure_ascii=False)
    out = web.run("checker", {"happened": "threats, night", "lender": "unknown", "entries": entries}, data=True)
    assert out["errors"] == {}
    assert [f["id"] for f in out["data"]["findings"]] == ["threats", "night"]
    assert out["data"]["log"]["night"] == 1
    assert "<script" not in out["html"] and "<img" not in out["html"]
    assert '<a href="../../rights/complaints/#110">' in out["html"]
    empty = web.run("checker", {"happened": "", "lender": "unknown", "entries": ""})
    assert empty["errors"] == {} and "勾选" in empty["html"]
    bad = web.run("checker", {"happened": "night,teleport", "lender": "unknown", "entries": ""})
    assert list(bad["errors"]) == ["happened"]


def test_checks_field_renders_checkboxes():
    block = web.render_calculator("checker")
    assert '<fieldset class="calc-field calc-checks"' in block
    assert '<input type="checkbox" id="f-happened-night" name="happened" value="night" checked>' in block
    assert block.count('type="checkbox"') == 14
    assert '<textarea id="f-entries" name="entries" hidden data-shared' in block
