"""The browser runtime: a calculator page loads Pyodide and the calculators wheel from this site, reaches
``ready`` and computes exactly what ``calculators.web.run`` computes in CPython."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import wait_ready

SITE = Path(__file__).resolve().parents[2] / "site"


def test_lockfile_registers_the_wheel_with_its_sha256():
    import hashlib

    lock = json.loads((SITE / "assets/pyodide/pyodide-lock.json").read_text(encoding="utf-8"))
    entry = lock["packages"]["calculators"]
    wheel = SITE / "assets/pyodide" / entry["file_name"]
    assert entry["sha256"] == hashlib.sha256(wheel.read_bytes()).hexdigest()
    for name in ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"]:
        assert (SITE / "assets/pyodide" / name).stat().st_size > 10_000


def test_worker_loads_wheel_from_lockfile_and_becomes_ready(page_visit):
    page = page_visit.goto("/tools/apr/")
    assert page.locator('[data-calculator="apr"] [data-result]').inner_text().count("13.03%") >= 1  # pre-rendered
    wait_ready(page, "apr")
    requested = page_visit.requests
    assert any(u.endswith("/assets/pyodide/pyodide-lock.json") for u in requested)
    assert any(u.endswith(".whl") and "/assets/pyodide/calculators-" in u for u in requested)
    assert page_visit.external == []
