"""End-to-end fixtures: the built site served on 127.0.0.1 by nginx (deploy/nginx.conf), Debian's Chromium.

Every page opened through ``page`` records requests that would leave 127.0.0.1 (and blocks them), so each
test can assert that nothing is fetched from another host.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "site"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(script: str, port: int, site: Path, *extra: str) -> subprocess.Popen:
    """Run one of our server scripts (scripts/serve.py, scripts/serve_nginx.py) and return once it accepts
    connections: each prints one line, 网站已…运行, when its socket listens (nginx: when its workers start)."""
    proc = subprocess.Popen([sys.executable, str(ROOT / "scripts" / script), "--port", str(port), "--dir", str(site),
                             *extra], stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline()  # blocks until the line, or '' if the server exits first
    if "运行" not in line:
        proc.kill()
        pytest.fail(f"the server did not start (exit code {proc.wait()}): {proc.args}")
    return proc


def start_nginx(site: Path, port: int, root_link: Path | None = None, prefix: str = "/") -> subprocess.Popen:
    """The site served by Debian's nginx with deploy/nginx.conf (scripts/serve_nginx.py), once it accepts.

    ``prefix``: serve it under that path, as a host would ("/sub/guide/"); ``root_link``: through a symlink the
    caller can point at another build while nginx runs (a new deployment)."""
    return serve("serve_nginx.py", port, site, "--prefix", prefix, *(["--root-link", str(root_link)] if root_link else []))


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="session")
def base_url():
    """The real server a deployer uses: nginx with deploy/nginx.conf, serving site/."""
    if not (SITE / "index.html").exists():
        pytest.fail("site/ is not built: run `make build` (make test-e2e does it)")
    port = int(os.environ.get("E2E_PORT") or _free_port())
    proc = start_nginx(SITE, port)
    yield f"http://127.0.0.1:{port}"
    stop(proc)


@pytest.fixture(scope="session")
def browser():
    executable = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not executable:
        pytest.fail("Chromium not found: apt-get install chromium")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Visit:
    """A browser context that blocks and records every request leaving 127.0.0.1."""

    def __init__(self, browser, base_url, **context_args):
        self.base_url = base_url
        # Service workers are blocked unless a test asks for them: a worker's cache would hide requests.
        self.context = browser.new_context(**{"service_workers": "block", **context_args})
        self.external: list[str] = []
        self.requests: list[str] = []
        self.console_errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        self.page.on("pageerror", lambda e: self.console_errors.append(str(e)))

    def _route(self, route):
        url = route.request.url
        host = urlparse(url).hostname
        self.requests.append(url)
        if url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.continue_()
        else:
            self.external.append(url)
            route.abort()

    def goto(self, path: str):
        self.page.goto(self.base_url + path)
        return self.page


@pytest.fixture
def visit(browser, base_url):
    visits = []

    def make(**context_args) -> Visit:
        v = Visit(browser, base_url, **context_args)
        visits.append(v)
        return v

    yield make
    for v in visits:
        v.context.close()


@pytest.fixture
def page_visit(visit):
    return visit()


def wait_ready(page, calc_id: str, timeout: float = 60_000):
    """Wait until the calculator's result is current (data-state="ready")."""
    page.wait_for_selector(f'[data-calculator="{calc_id}"][data-state="ready"]', timeout=timeout)
    return page.locator(f'[data-calculator="{calc_id}"]')



POLL_ASYNC = """(arg) => {
    // Playwright's wait_for_function wants a synchronous predicate (a Promise would count as truthy at once):
    // run the page's asynchronous check one at a time and answer with its latest result.
    const probe = window.__wdyqProbe;
    if (!probe.busy) {
        probe.busy = true;
        Promise.resolve(window.__wdyqCheck(arg)).then((v) => { probe.value = v; }, () => { probe.value = null; })
            .finally(() => { probe.busy = false; });
    }
    return probe.value;
}"""


def wait_async(page, check: str, arg=None, timeout: float = 60_000):
    """Wait until the asynchronous page function ``check`` (e.g. a Cache API query) answers something truthy;
    returns that answer. (The function text is installed through Playwright, so the page's CSP allows it.)"""
    page.evaluate(f"() => {{ window.__wdyqCheck = {check}; window.__wdyqProbe = {{ value: null, busy: false }}; }}")
    return page.wait_for_function(POLL_ASYNC, arg=arg, timeout=timeout, polling=100).json_value()
