"""Calendar months, reminders and a phone-sized chart in Chromium (issue 12 items 1, 2, 6): the plan shows calendar
months from the chosen start; the .ics downloaded from the page parses and has one event per payment; at 360 px
the chart's axis labels are legible and the summary cards sit two to a row."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import icalendar
from cases import DEFAULTS
from playwright.sync_api import expect
from steps import expect_result, root_of, set_fields, wait_ready

from calculators import web

DEBTS = "信用卡,5000,18.25%,250,,,31\n网贷,12000,24%,600,,,15\n消费贷,30000,7.2%,900"
CHOSEN = {"debts": DEBTS, "strategy": "avalanche", "start": "2027-01"}


def test_plan_shows_calendar_months_and_downloads_the_reminders(page_visit):
    page = page_visit.goto("/tools/plan/")
    wait_ready(page, "plan")
    set_fields(page, "plan", CHOSEN)
    out = web.run("plan", {**DEFAULTS["plan"], **CHOSEN}, data=True)
    expect_result(page, "plan", out["html"])
    root = root_of(page, "plan")
    expect(root.locator("[data-result]")).to_contain_text("21 个月（2028年9月还清）")
    expect(root.locator("[data-result] td", has_text="2027年1月")).not_to_have_count(0)  # the monthly tables
    with page.expect_download() as d:
        root.locator('[data-call="plan_ics"]').click()
    assert d.value.suggested_filename == "wdyq-plan.ics"
    raw = Path(d.value.path()).read_bytes()
    events = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    payments = [(row["month"], p) for row in out["data"]["main"]["table"] for p in row["payments"] if Decimal(p) > 0]
    assert len(events) == len(payments) == 43
    days = sorted(e.decoded("DTSTART") for e in events)
    assert (days[0].isoformat(), days[-1].isoformat()) == ("2027-01-01", "2028-09-01")
    assert all(e.walk("VALARM") for e in events)
    expect(root.locator("[data-store-msg], [data-status-text]").filter(has_text="已生成还款提醒")).to_have_count(1)
    assert page_visit.external == []


def test_phone_chart_labels_are_legible_and_cards_sit_two_to_a_row(visit):
    v = visit(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = v.goto("/tools/plan/")
    wait_ready(page, "plan")
    chart = page.locator(".calc-chart").first
    chart.scroll_into_view_if_needed()
    ticks = chart.locator(".tick")
    texts = [t.strip() for t in ticks.all_inner_texts()]
    assert "¥0" in texts and any(t.endswith("万") or t.startswith("¥") and t != "¥0" for t in texts)
    assert any("年" in t and "月" in t for t in texts), texts  # calendar months on the x axis
    for tick in ticks.all():
        box = tick.bounding_box()
        size = float(tick.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
        assert box["height"] >= 10 and size >= 10, (tick.inner_text(), box, size)
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360, (tick.inner_text(), box)
    cards = page.locator(".calc-summary").first.locator(":scope > div")
    boxes = [cards.nth(i).bounding_box() for i in range(3)]
    assert abs(boxes[0]["y"] - boxes[1]["y"]) < 1 and boxes[1]["x"] > boxes[0]["x"] + boxes[0]["width"] - 1
    assert boxes[2]["y"] > boxes[0]["y"] + boxes[0]["height"] - 1
    # every chart is still followed by its data table
    assert page.evaluate("""() => [...document.querySelectorAll('.calc-chart')].every(f => {
        const next = f.nextElementSibling;
        return next && (next.matches('.calc-table') || next.querySelector('.calc-table'));
    })""")
