"""应诉准备 in Chromium: the deadlines download as an .ics that parses with the right dates, the draft answer copies
and downloads as the exact text CPython wrote, a saved debt prefills the form, and under print media only the
result (and the crisis box) shows, the draft answer on a new sheet."""

from __future__ import annotations

import datetime
from pathlib import Path

import icalendar
from cases import DEFAULTS
from playwright.sync_api import expect
from steps import debts_typed, expect_result, root_of, set_fields, wait_ready

from calculators import web

CASE = {"procedure": "ordinary", "evidence_days": "15", "hearing": "2027-01-12", "service_date": "2026-11-27",
        "name": "张三", "case_number": "（2026）某0105民初1号"}


def _page(page_visit, case=CASE):
    page = page_visit.goto("/tools/respond/")
    wait_ready(page, "respond")
    set_fields(page, "respond", case)
    expected = web.run("respond", {**DEFAULTS["respond"], **case}, data=True)
    assert expected["errors"] == {}
    expect_result(page, "respond", expected["html"])
    return page, expected


def test_the_deadlines_download_as_a_calendar_with_the_right_dates(page_visit):
    page, _ = _page(page_visit)
    root = root_of(page, "respond")
    with page.expect_download() as d:
        root.locator('[data-call="respond_ics"]').click()
    assert d.value.suggested_filename == "wdyq-respond.ics"
    cal = icalendar.Calendar.from_ical(Path(d.value.path()).read_bytes())
    events = {str(e["SUMMARY"]): e.decoded("DTSTART") for e in cal.walk("VEVENT")}
    assert events == {"答辩期最后一天 （2026）某0105民初1号": datetime.date(2026, 12, 14),
                      "举证期限最后一天 （2026）某0105民初1号": datetime.date(2026, 12, 14),
                      "开庭 （2026）某0105民初1号": datetime.date(2027, 1, 12)}
    assert all(e.walk("VALARM") for e in cal.walk("VEVENT"))
    expect(root.locator("[data-status-text]")).to_contain_text("已生成期限提醒：3 个日程")
    assert page_visit.external == []


def test_what_was_typed_survives_a_reload(page_visit):
    page, expected = _page(page_visit)
    page.reload()
    wait_ready(page, "respond")
    expect_result(page, "respond", expected["html"])
    root = root_of(page, "respond")
    assert root.locator('[name="case_number"]').input_value() == CASE["case_number"]
    assert root.locator('[name="procedure"]').input_value() == "ordinary"
    assert page_visit.external == []


def test_small_claims_download_has_no_appeal(page_visit):
    page, expected = _page(page_visit, {"procedure": "small", "judgment_date": "2027-01-08"})
    root = root_of(page, "respond")
    assert "上诉期最后一天" not in root.locator("[data-result]").inner_text()
    with page.expect_download() as d:
        root.locator('[data-call="respond_ics"]').click()
    summaries = [str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(Path(d.value.path()).read_bytes()).walk("VEVENT")]
    assert summaries == ["答辩期最后一天"]


def test_the_draft_copies_and_downloads_as_written(visit):
    v = visit(permissions=["clipboard-read", "clipboard-write"])
    page, expected = _page(v)
    letter = expected["data"]["letter"]["text"]
    root = root_of(page, "respond")
    assert root.locator("[data-letter]").inner_text() == letter
    root.locator('[data-action="copy"]').click()
    expect(root.locator("[data-store-msg], [data-status-text]").filter(has_text="已复制到剪贴板")).to_have_count(1)
    assert page.evaluate("navigator.clipboard.readText()") == letter
    with page.expect_download() as d:
        root.locator('[data-action="download-text"]').click()
    assert d.value.suggested_filename == "答辩状.txt"
    assert Path(d.value.path()).read_text(encoding="utf-8") == letter
    assert "张三" in letter and "（2026）某0105民初1号" in letter
    assert v.external == []


def test_a_saved_debt_prefills_the_principal_and_the_lender(page_visit):
    debts_typed(page_visit, "网贷,1.2万,24%,600,小贷,40\n信用卡,5000,18%,250")
    page = page_visit.goto("/tools/respond/")
    wait_ready(page, "respond")
    root = root_of(page, "respond")
    set_fields(page, "respond", {"debt": "网贷"})
    root.locator('[data-call="respond_prefill"]').click()
    expect(root.locator('[name="claim_principal"]')).to_have_value("12000.00")
    expect(root.locator('[name="lender_type"]')).to_have_value("microloan")
    fields = {**DEFAULTS["respond"], "debt": "网贷", "claim_principal": "12000.00", "lender_type": "microloan"}
    expect_result(page, "respond", web.run("respond", fields)["html"])
    set_fields(page, "respond", {"debt": "花呗"})
    root.locator('[data-call="respond_prefill"]').click()
    expect(root.locator('[data-error-for="debt"]')).to_contain_text("债务清单里没有“花呗”")
    assert page_visit.external == []


def test_print_media_shows_the_result_and_the_crisis_box_only(page_visit):
    page, _ = _page(page_visit)
    root = root_of(page, "respond")
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", "h1", ".admonition.abstract",
                   '[data-calculator="respond"] .calc-form', '[data-calculator="respond"] .calc-status',
                   '[data-action="print"]', '[data-action="copy"]', ".calc-pack-screen", ".page-checked", "article > h2"):
        assert page.locator(hidden).first.is_hidden(), hidden
    sections = root.locator("section.calc-respond-part")
    assert sections.count() == 5
    for i in range(5):
        assert sections.nth(i).is_visible()
    breaks = sections.evaluate_all("els => els.map(e => getComputedStyle(e).breakBefore)")
    assert breaks == ["auto", "auto", "page", "auto", "auto"]  # only the draft answer starts a new sheet
    assert "2026年12月14日（星期一）" in sections.nth(0).inner_text()
    crisis = page.locator("article > .admonition.danger")
    assert crisis.is_visible() and "12356" in crisis.inner_text()
    colours = root.locator(".calc-respond").evaluate(
        "e => [getComputedStyle(e).color, getComputedStyle(document.body).backgroundColor]")
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]
    page.emulate_media(media="screen")
    assert root.locator(".calc-form").is_visible()
    assert page_visit.external == []
