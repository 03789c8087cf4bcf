"""Installable (添加到主屏幕): Chromium itself says the site can be installed, and the start URL opens offline.

Chromium's own check (DevTools protocol ``Page.getInstallabilityErrors``) covers the manifest (name, icons of
the right sizes, start URL, display mode) and the service worker; we do not re-implement its rules.
"""

from __future__ import annotations

import json
import os
import shutil

from conftest import CHROMIUM_ARGS, SITE


def test_manifest_says_what_a_phone_needs():
    manifest = json.loads((SITE / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["lang"] == "zh-CN" and manifest["display"] == "standalone"
    assert manifest["start_url"] == "./" and manifest["scope"] == "./"  # relative: any path prefix works
    assert "逾期" in manifest["name"] and "逾期" in manifest["short_name"]
    sizes = {(i["sizes"], i.get("purpose", "any")) for i in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    for icon in manifest["icons"]:
        data = (SITE / icon["src"]).read_bytes()
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and f"{width}x{height}" == icon["sizes"], icon["src"]


def test_every_page_links_the_manifest(page_visit, base_url):
    for path in ("/", "/rights/complaints/", "/tools/plan/"):
        page = page_visit.goto(path)
        href = page.evaluate("() => document.querySelector('link[rel=manifest]').href")
        assert href == f"{base_url}/manifest.webmanifest", path


def test_chromium_reports_the_site_installable(browser, base_url, tmp_path):
    # Chromium never offers installation in an incognito-like context: use a real profile.
    ctx = browser.browser_type.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=os.environ.get("CHROMIUM") or shutil.which("chromium"),
        args=CHROMIUM_ARGS, service_workers="allow")
    try:
        page = ctx.pages[0] if ctx.pages else ctx.new_page()
        page.goto(f"{base_url}/")
        page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=60_000)
        cdp = ctx.new_cdp_session(page)
        errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
        assert errors == [], errors
        manifest = cdp.send("Page.getAppManifest")
        assert manifest["url"] == f"{base_url}/manifest.webmanifest" and not manifest["errors"]
        # The start URL opens without a network: the service worker has it.
        ctx.set_offline(True)
        page.goto(f"{base_url}/")
        assert "12356" in page.locator("article").inner_text()
    finally:
        ctx.close()
