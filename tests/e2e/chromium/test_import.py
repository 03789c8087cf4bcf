"""Imports never replace data by surprise (issue 11): GBK files are read as Chinese, binary files, the other
tool's CSV, malformed JSON and oversized files are refused with a Chinese message and the saved data untouched;
an import is shown before it replaces anything, and 撤销 brings the previous data back."""

from __future__ import annotations

import json

import pytest
from cases import DEFAULTS, MINE
from playwright.sync_api import expect
from steps import debts_typed, expect_result, root_of

from calculators import web

STORE_KEY = "wdyq:v1:shared"
LOG_CSV = "时间,方式,号码或名称,联系了谁,说了什么,证据文件\n2026-11-20 22:30,电话,95xxx,本人,说要上门,\n"
GBK_ROWS = "借呗,8000,日息万五,400\n微粒贷,1.2万,18%,600"


def saved_debts_page(page_visit):
    """The inventory page with MINE saved (the result shown and the store written)."""
    page = debts_typed(page_visit)
    page.wait_for_function("k => (localStorage.getItem(k) || '').includes('日息万五,900')", arg=STORE_KEY)
    return page


def choose(page, path):
    root_of(page, "inventory").locator('input[type="file"][data-action="import"]').set_input_files(str(path))


REFUSED = {
    "binary-named-csv": ("debts.csv", bytes(range(256)) * 64, "不是文本文件"),
    "evidence-log-csv": ("wdyq-evidence-log.csv", ("\ufeff" + LOG_CSV).encode(), "催收记录表"),
    "fields-not-an-object": ("wdyq-data.json", json.dumps({"schema": 1, "saved": "2026-11-20T10:00:00Z",
                                                           "fields": "房贷,20万"}).encode(), "fields"),
    "ten-megabytes": ("big.csv", b"a,1,1%,1\n" * (10 * 1024 * 1024 // 9), "超过了 2 MB"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_wrong_file_is_refused_and_nothing_changes(page_visit, tmp_path, case):
    name, content, said = REFUSED[case]
    page = saved_debts_page(page_visit)
    before = page.evaluate("k => localStorage.getItem(k)", STORE_KEY)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.accept()))
    (tmp_path / name).write_bytes(content)
    choose(page, tmp_path / name)
    msg = root_of(page, "inventory").locator("[data-store-msg]")
    expect(msg).to_contain_text("无法导入")
    expect(msg).to_contain_text(said)
    assert "undefined" not in msg.inner_text() and "Error" not in msg.inner_text()
    assert dialogs == [], "a refused file must not even ask"
    assert page.evaluate("k => localStorage.getItem(k)", STORE_KEY) == before
    assert root_of(page, "inventory").locator('[name="debts"]').input_value() == MINE
    assert page_visit.external == []


def test_gbk_csv_is_read_as_chinese_previewed_and_can_be_declined(page_visit, tmp_path):
    page = saved_debts_page(page_visit)
    before = page.evaluate("k => localStorage.getItem(k)", STORE_KEY)
    path = tmp_path / "债务.csv"
    path.write_bytes(("名称,余额,年化利率,最低还款\n" + GBK_ROWS + "\n").encode("gb18030"))
    asked = []
    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    choose(page, path)
    msg = root_of(page, "inventory").locator("[data-store-msg]")
    expect(msg).to_contain_text("没有导入")
    assert asked and "现有 2 笔 → 文件里 2 笔" in asked[0]
    assert page.evaluate("k => localStorage.getItem(k)", STORE_KEY) == before
    assert root_of(page, "inventory").locator('[name="debts"]').input_value() == MINE


def test_confirmed_import_saves_and_undo_restores(page_visit, tmp_path):
    page = saved_debts_page(page_visit)
    before = json.loads(page.evaluate("k => localStorage.getItem(k)", STORE_KEY))["fields"]
    path = tmp_path / "excel.csv"
    path.write_bytes(("名称,余额,年化利率,最低还款\r\n" + GBK_ROWS.replace("\n", "\r\n") + "\r\n").encode("gb18030"))
    page.on("dialog", lambda d: d.accept())
    choose(page, path)
    root = root_of(page, "inventory")
    expect(root.locator("[data-store-msg]")).to_contain_text("已导入")
    assert root.locator('[name="debts"]').input_value() == GBK_ROWS  # Chinese, not mojibake
    assert json.loads(page.evaluate("k => localStorage.getItem(k)", STORE_KEY))["fields"]["debts"] == GBK_ROWS
    expect_result(page, "inventory", web.run("inventory", {**DEFAULTS["inventory"], "debts": GBK_ROWS})["html"])
    root.locator('[data-store-msg] [data-action="undo"]').click()
    expect(root.locator("[data-store-msg]")).to_contain_text("已撤销")
    assert root.locator('[name="debts"]').input_value() == MINE
    assert json.loads(page.evaluate("k => localStorage.getItem(k)", STORE_KEY))["fields"] == before
    expect_result(page, "inventory", web.run("inventory", {**DEFAULTS["inventory"], "debts": MINE})["html"])
    assert page_visit.external == []
