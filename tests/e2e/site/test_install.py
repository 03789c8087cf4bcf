"""Installable (添加到主屏幕): the manifest says what a phone needs. Chromium's own check (DevTools protocol
``Page.getInstallabilityErrors``, in chromium/test_deployment.py) covers the rest; we do not re-implement its rules.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin

from server import PAGES, SITE


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


def test_every_page_links_the_manifest():
    """Every built page links the one manifest, by a relative URL that resolves to it from the page's own place."""
    for path in PAGES:
        html = (SITE / path.lstrip("/") / "index.html").read_text(encoding="utf-8")
        links = re.findall(r'<link rel="manifest" href="([^"]+)"', html)
        assert len(links) == 1, path
        assert urljoin(f"http://host/guide{path}", links[0]) == "http://host/guide/manifest.webmanifest", path
