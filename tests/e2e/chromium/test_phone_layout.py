"""Reading on a phone: nothing reaches past a 360 px screen; the complaints table becomes cards on a phone.
(Every page's sideways scroll is also checked in test_pages.py::test_page.)"""

from __future__ import annotations

import pytest
from steps import wait_ready

OVERFLOW = """() => {
  const vw = document.documentElement.clientWidth;
  // Fine: calculator result tables scroll inside their own box; the card list's header row is visually hidden
  // (kept for screen readers) and clipped to 1 px.
  const fine = (el) => el.closest(".calc-table, .channel-cards thead");
  const wide = [];
  for (const el of document.querySelectorAll("article *")) {
    const r = el.getBoundingClientRect();
    if (fine(el) || r.width <= 1) continue;
    if (r.right > vw + 0.5) wide.push(`${el.tagName}.${el.className} ${Math.round(r.right)}`);
    // A box that scrolls sideways inside itself (a code block with overflow: auto) counts as too wide too.
    if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) wide.push(`${el.tagName}.${el.className} scrolls`);
  }
  return {scroll: document.documentElement.scrollWidth, vw, wide: wide.slice(0, 8)};
}"""


@pytest.mark.parametrize("path", ["/tools/letters/", "/tools/evidence-log/", "/rights/complaints/"])
def test_nothing_wider_than_a_360px_phone(page_visit, path):
    """Letter templates, evidence examples and the complaints table wrap: nothing reaches past 360 px."""
    page_visit.page.set_viewport_size({"width": 360, "height": 740})
    page = page_visit.goto(path)
    calc = page.locator("[data-calculator]")
    if calc.count():
        wait_ready(page, calc.first.get_attribute("data-calculator"))
    page.wait_for_selector("article")
    out = page.evaluate(OVERFLOW)
    assert out["scroll"] <= 360 and out["wide"] == [], out
    if path != "/rights/complaints/":
        spaces = page.evaluate("""() => [...document.querySelectorAll("article pre > code, article pre.letter")]
            .map((el) => getComputedStyle(el).whiteSpace)""")
        sheets = page.evaluate("() => [...document.styleSheets].map((s) => [s.href, s.cssRules.length])")
        assert len(spaces) >= 2 and set(spaces) == {"pre-wrap"}, (spaces, sheets)


def test_complaints_table_is_cards_on_a_phone_and_a_table_on_a_desktop(page_visit):
    page = page_visit.goto("/rights/complaints/")
    rows = page.locator(".channel-cards tbody tr")
    assert rows.count() >= 10 and page.locator(".channel-cards thead th").count() == 4
    page.set_viewport_size({"width": 1200, "height": 900})
    assert rows.first.evaluate("(tr) => getComputedStyle(tr).display") == "table-row"
    page.set_viewport_size({"width": 360, "height": 740})
    assert rows.first.evaluate("(tr) => getComputedStyle(tr).display") == "block"
    label = page.locator(".channel-cards tbody tr td:nth-child(3)").first.evaluate(
        "(td) => getComputedStyle(td, '::before').content")
    assert "适用情形" in label
