"""Render the web app icons (docs/assets/icons/*.png) from icon.svg with the Chromium the tests use.

Run once after changing icon.svg: ``.venv/bin/python scripts/make_icons.py``. The PNGs are committed, so the
build needs neither Chromium nor an image library. "any" icons get rounded corners; the maskable one is full
bleed (the launcher cuts its own shape; the glyph sits inside the central safe zone).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from playwright.sync_api import sync_playwright

ICONS = Path(__file__).resolve().parent.parent / "docs" / "assets" / "icons"
SIZES = (("icon-192.png", 192, "22%"), ("icon-512.png", 512, "22%"), ("icon-maskable-512.png", 512, "0"))


def main() -> None:
    svg = (ICONS / "icon.svg").read_text(encoding="utf-8")
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        for name, size, radius in SIZES:
            page = browser.new_page(viewport={"width": size, "height": size})
            page.set_content(f'<style>html,body{{margin:0;background:transparent}}svg{{display:block;width:{size}px;'
                             f'height:{size}px;border-radius:{radius};overflow:hidden}}</style>{svg}')
            page.screenshot(path=str(ICONS / name), omit_background=True)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
