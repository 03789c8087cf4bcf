"""Page benchmark (make bench): the built site in Chromium, side by side with a bare Pyodide page.

Measured in one run on the same local server:
* bare pages: time until Pyodide is ready in a module worker, once as npm ships Pyodide 314.0.8 (the yardstick:
  Pyodide's own start-up) and once with this site's runtime (its trimmed, precompiled standard library);
* calculator page: first contentful paint with the pre-rendered worked example, and time to ``ready``;
* return visit: a new tab in the same profile after first use and idle (the memory snapshot stored), time to
  ``ready`` and which boot ran (``data-boot``);
* recompute latency after an edit, p50 / p95, with 10 debts on the plan page;
* bytes transferred for a text page, a first calculator page and a second calculator page;
* the build's wall time (the engine, then the post-build step).
* the phone profile (design §8): the stock bare page, a first visit (first paint, ready, bytes) and a return visit,
  with Chromium's DevTools emulation of a slow phone on a weak 4G link (PHONE; the figures of Lighthouse's mobile
  profile). It is slow (half a minute per page load), so it runs PHONE_RUNS times, not RUNS.
Nothing here asserts a time; it prints the figures for the README and the issue notes.

The stock yardstick is npm's files as they are, precompressed here with fixed settings (stock_compressed): not the
site's own compressed copies, which change whenever the site's files or compression change.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
sys.path[:0] = [str(ROOT / "tests" / "e2e" / "chromium"), str(ROOT / "tests" / "e2e"), str(ROOT / "hooks")]
from conftest import CHROMIUM_ARGS  # noqa: E402  (tests/e2e/chromium/conftest.py: the flags every test Chromium runs with)
from offline import compressed  # noqa: E402  (hooks/offline.py: the build's precompression, cached)
from server import free_port, serve  # noqa: E402

RUNS = 3
PHONE_RUNS = int(os.environ.get("BENCH_PHONE_RUNS", "2"))
PHONE = {"cpu": 4, "latency_ms": 150, "down_bps": 1_600_000, "up_bps": 750_000}
"""A slow phone on a weak 4G link: 4× CPU slowdown, 1.6 Mbit/s down, 750 kbit/s up, 150 ms added to each request."""
BARE_HTML = """<!doctype html><meta charset="utf-8"><title>bare</title>
<script type="module">
const t0 = performance.now();
const w = new Worker(new URL("./bare-worker.js", import.meta.url), { type: "module" });
w.onmessage = () => { window.__bareReady = performance.now(); };
</script>"""
BARE_WORKER = """import { loadPyodide } from "%(runtime)spyodide.mjs";
const base = new URL("%(runtime)s", import.meta.url).href;
await loadPyodide({ indexURL: base });
postMessage("ready");"""
STOCK_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
"""Pyodide as npm ships it, served beside the site (its wasm and loaders precompressed; its stdlib zip as it is)."""
TRACK_READY = """
window.__readyAt = null; window.__busyAt = null; window.__durations = [];
new MutationObserver((list) => {
  for (const m of list) {
    const s = m.target.dataset && m.target.dataset.state;
    if (s === "busy") window.__busyAt = performance.now();
    if (s === "ready") {
      if (window.__readyAt === null) window.__readyAt = performance.now();
      if (window.__busyAt !== null) { window.__durations.push(performance.now() - window.__busyAt); window.__busyAt = null; }
    }
  }
}).observe(document, { attributes: true, attributeFilter: ["data-state"], subtree: true });
"""
SNAPSHOT_STORED = """async () => {
  const url = new URL("assets/pyodide/calc-snapshot/meta", location.origin + "/");
  return !!(await (await caches.open("calc-snapshot")).match(url));
}"""
TEN_DEBTS = "\n".join(f"债务{k},{3000 + 1000 * k},{10 + 2 * k}%,{150 + 20 * k}" for k in range(10))


class Meter:
    """A fresh browser context (cold cache) that counts response bytes, worker requests included."""

    def __init__(self, browser):
        self.context = browser.new_context()
        self.bytes = 0
        self.context.on("requestfinished", self._done)
        self.page = self.context.new_page()

    def _done(self, request):
        try:
            sizes = request.sizes()
            self.bytes += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        except Exception:  # noqa: BLE001 - a request torn down with its page has no sizes
            pass

    def take(self) -> int:
        n, self.bytes = self.bytes, 0
        return n

    def open_calculator(self, url: str) -> None:
        """Open a calculator page and wait until its runtime is ready (TRACK_READY must be installed)."""
        self.page.goto(url)
        self.page.wait_for_function("() => window.__readyAt !== null", timeout=120_000)

    def wait_snapshot(self) -> None:
        """Wait (polling the Cache API, which is asynchronous) until the idle-time memory snapshot is stored."""
        deadline = time.monotonic() + 180
        while not self.page.evaluate(SNAPSHOT_STORED):
            if time.monotonic() > deadline:
                raise RuntimeError("no memory snapshot was stored after the first use")
            self.page.wait_for_timeout(200)


def stock_compressed(data: bytes, kind: str) -> bytes:
    """The yardstick's precompressed copies, always made the same way: gzip -9, brotli quality 11 (9 above 5 MB:
    the setting the site used for its own copies when the yardstick was set up), cached by content."""
    return compressed(data, kind, brotli_quality=11 if len(data) <= 5_000_000 else 9)


def emulate_phone(context, page) -> None:
    """PHONE on this page through the DevTools protocol (before it loads anything). The network conditions cover the
    page's dedicated workers too; the CPU slowdown does not: Chromium applies it to the page's main thread only and
    refuses it for worker targets ("Operation is only supported for pages, not workers"), so the worker that starts
    Python runs at this machine's speed."""
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": PHONE["cpu"]})
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": PHONE["latency_ms"],
        "downloadThroughput": PHONE["down_bps"] / 8, "uploadThroughput": PHONE["up_bps"] / 8})


def phone_profile(browser, base: str) -> dict[str, list]:
    """PHONE_RUNS cold runs of: the stock bare page; a first visit to a calculator page (first paint, ready, bytes);
    after first use and idle, a return visit in a new tab (ready, boot)."""
    rows: dict[str, list] = {k: [] for k in ("stock", "fcp", "ready", "bytes", "return", "boot")}
    for _ in range(PHONE_RUNS):
        m = Meter(browser)
        emulate_phone(m.context, m.page)
        m.page.goto(f"{base}/bench/bare-stock/")
        m.page.wait_for_function("() => window.__bareReady", timeout=300_000)
        rows["stock"].append(m.page.evaluate("window.__bareReady"))
        m.context.close()

        m = Meter(browser)
        m.context.add_init_script(TRACK_READY)
        emulate_phone(m.context, m.page)
        m.page.goto(f"{base}/tools/apr/")
        m.page.wait_for_function("() => window.__readyAt !== null", timeout=300_000)
        rows["fcp"].append(m.page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime"))
        rows["ready"].append(m.page.evaluate("window.__readyAt"))
        m.page.wait_for_load_state("networkidle", timeout=300_000)
        rows["bytes"].append(m.take())
        m.wait_snapshot()
        m.page = m.context.new_page()
        emulate_phone(m.context, m.page)
        m.page.goto(f"{base}/tools/evidence-log/")
        m.page.wait_for_function("() => window.__readyAt !== null", timeout=300_000)
        rows["return"].append(m.page.evaluate("window.__readyAt"))
        rows["boot"].append(m.page.get_attribute("[data-calculator]", "data-boot"))
        m.context.close()
    return rows


def kb(n: float) -> str:
    return f"{n / 1024:,.0f} KB"


def main() -> None:
    stock = SITE / "bench" / "stock-pyodide"
    stock.mkdir(parents=True, exist_ok=True)
    for name in STOCK_FILES:
        shutil.copy2(ROOT / "node_modules" / "pyodide" / name, stock / name)
        if name.startswith("pyodide."):
            data = (stock / name).read_bytes()
            for kind in ("br", "gz"):
                (stock / f"{name}.{kind}").write_bytes(stock_compressed(data, kind))
    for page, runtime in (("bare", "../../assets/pyodide/"), ("bare-stock", "../stock-pyodide/")):
        bare = SITE / "bench" / page
        bare.mkdir(parents=True, exist_ok=True)
        (bare / "index.html").write_text(BARE_HTML, encoding="utf-8")
        (bare / "bare-worker.js").write_text(BARE_WORKER % {"runtime": runtime}, encoding="utf-8")
    t0 = time.perf_counter()  # as make build: the engine, then the post-build step (with the runtime's self-check)
    subprocess.run([str(ROOT / ".venv/bin/properdocs"), "build", "--strict", "--quiet", "--site-dir", "build/bench-site"],
                   cwd=ROOT, check=True, capture_output=True, env={**os.environ, "WDYQ_POSTBUILD": "separate"})
    engine_s = time.perf_counter() - t0
    subprocess.run([sys.executable, str(ROOT / "scripts" / "postbuild.py"), "build/bench-site"], cwd=ROOT, check=True,
                   capture_output=True)
    build_s = time.perf_counter() - t0
    shutil.rmtree(ROOT / "build/bench-site", ignore_errors=True)

    port = free_port()
    server = serve("serve.py", port, SITE)
    base = f"http://127.0.0.1:{port}"
    executable = os.environ.get("CHROMIUM") or shutil.which("chromium")
    rows: dict[str, list[float]] = {k: [] for k in ("stock", "bare", "fcp", "ready", "text", "first", "second",
                                                           "return", "return_bytes")}
    boots: list[str] = []
    durations: list[float] = []
    phone = None
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            for _ in range(RUNS):
                for row, page in (("stock", "bare-stock"), ("bare", "bare")):
                    m = Meter(browser)
                    m.page.goto(f"{base}/bench/{page}/")
                    m.page.wait_for_function("() => window.__bareReady", timeout=120_000)
                    rows[row].append(m.page.evaluate("window.__bareReady"))
                    m.context.close()

                m = Meter(browser)
                m.page.goto(f"{base}/rules/red-lines/")
                m.page.wait_for_load_state("networkidle")
                rows["text"].append(m.take())
                m.context.close()

                m = Meter(browser)
                m.context.add_init_script(TRACK_READY)
                m.open_calculator(f"{base}/tools/plan/")
                rows["fcp"].append(m.page.evaluate(
                    "performance.getEntriesByName('first-contentful-paint')[0].startTime"))
                rows["ready"].append(m.page.evaluate("window.__readyAt"))
                m.page.wait_for_load_state("networkidle")
                rows["first"].append(m.take())
                m.open_calculator(f"{base}/tools/apr/")
                m.page.wait_for_load_state("networkidle")
                rows["second"].append(m.take())
                m.wait_snapshot()
                m.take()
                m.page = m.context.new_page()  # return visit: a new tab, same profile, after first use and idle
                m.open_calculator(f"{base}/tools/evidence-log/")
                rows["return"].append(m.page.evaluate("window.__readyAt"))
                boots.append(m.page.get_attribute("[data-calculator]", "data-boot"))
                m.page.wait_for_load_state("networkidle")
                rows["return_bytes"].append(m.take())
                m.context.close()

            m = Meter(browser)
            m.context.add_init_script(TRACK_READY)
            m.open_calculator(f"{base}/tools/plan/")
            m.page.fill('textarea[name="debts"]', TEN_DEBTS)
            m.page.wait_for_function("() => window.__durations.length >= 1", timeout=30_000)
            budget = m.page.locator('input[name="budget"]')
            for k in range(40):
                m.page.evaluate("window.__durations = []")
                budget.fill(str(6000 + 37 * k))
                m.page.wait_for_function("() => window.__durations.length >= 1", timeout=30_000)
                durations.append(m.page.evaluate("window.__durations[0]"))
            m.page.evaluate("localStorage.clear()")
            m.context.close()
            phone = phone_profile(browser, base) if PHONE_RUNS else None
            browser.close()
    finally:
        server.terminate()
        shutil.rmtree(SITE / "bench", ignore_errors=True)

    med = {k: statistics.median(v) for k, v in rows.items()}
    durations.sort()
    p50 = statistics.median(durations)
    p95 = durations[int(0.95 * (len(durations) - 1))]
    def ratios(ms: float) -> str:
        return f"{ms / med['stock']:.2f} × bare, {ms / med['bare']:.2f} × this site's runtime bare"

    print(f"[pages] Chromium, {RUNS} cold runs each, medians; local server 127.0.0.1")
    print(f"  bare page, Pyodide as npm ships it (the yardstick, 'bare'): ready in {med['stock']:.0f} ms")
    print(f"  bare page, this site's runtime (trimmed, precompiled stdlib): ready in {med['bare']:.0f} ms "
          f"({med['bare'] / med['stock']:.2f} × bare)")
    print(f"  calculator page (plan): worked example at first contentful paint {med['fcp']:.0f} ms "
          f"({ratios(med['fcp'])}; target ≤ 0.15)")
    print(f"  calculator page (plan): interactive (data-state=ready) {med['ready']:.0f} ms "
          f"({ratios(med['ready'])}; target ≤ 1.10)")
    print(f"  return visit (evidence-log, same profile, after first use and idle): ready in {med['return']:.0f} ms "
          f"({ratios(med['return'])}; target ≤ 0.20, aim 0.15); boot: {', '.join(boots)}; "
          f"{kb(med['return_bytes'])} transferred")
    print(f"  recompute after an edit, 10 debts, {len(durations)} edits: p50 {p50:.1f} ms, p95 {p95:.1f} ms "
          f"(targets 20 / 50 ms)")
    print(f"  bytes: text page {kb(med['text'])}; first calculator page {kb(med['first'])}; "
          f"second calculator page {kb(med['second'])}")
    print(f"  site build: {build_s:.1f} s (engine {engine_s:.1f} s, then the post-build step; target ≤ 15 s)")
    if phone:
        print_phone(phone)


def print_phone(rows: dict[str, list]) -> None:
    med = {k: statistics.median(v) for k, v in rows.items() if k != "boot"}
    def each(key: str, scale: float = 1.0) -> str:
        return " / ".join(f"{v / scale:,.0f}" for v in rows[key])
    print(f"[phone] the same Chromium with DevTools emulation: CPU {PHONE['cpu']}× (page thread only, see emulate_phone),"
          f" {PHONE['down_bps'] / 1e6:g} Mbit/s down, {PHONE['up_bps'] / 1e3:g} kbit/s up, {PHONE['latency_ms']} ms a"
          f" request; {PHONE_RUNS} cold runs each, medians (each run's figure after the colon)")
    print(f"  bare page, Pyodide as npm ships it (the yardstick): ready in {med['stock']:,.0f} ms: {each('stock')}")
    print(f"  calculator page (apr), first visit: worked example at first contentful paint {med['fcp']:,.0f} ms "
          f"(target ≤ 1,000 ms): {each('fcp')}")
    print(f"  calculator page (apr), first visit: ready {med['ready']:,.0f} ms ({med['ready'] / med['stock']:.2f} × "
          f"bare; target ≤ 0.75): {each('ready')}; {kb(med['bytes'])} transferred: {each('bytes', 1024)} KB")
    print(f"  return visit (evidence-log, new tab after first use and idle): ready {med['return']:,.0f} ms "
          f"(target ≤ 1,500 ms): {each('return')}; boot: {', '.join(rows['boot'])}")


if __name__ == "__main__":
    main()
