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
import time
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


def start_nginx(site: Path, port: int, root_link: Path | None = None, prefix: str = "/") -> subprocess.Popen:
    """The site served by Debian's nginx with deploy/nginx.conf (scripts/serve_nginx.py), once it accepts.

    ``prefix``: serve it under that path, as a host would ("/sub/guide/"); ``root_link``: through a symlink the
    caller can point at another build while nginx runs (a new deployment)."""
    args = [sys.executable, str(ROOT / "scripts" / "serve_nginx.py"), "--port", str(port), "--dir", str(site),
            "--prefix", prefix, "--quiet"]
    proc = subprocess.Popen(args + (["--root-link", str(root_link)] if root_link else []))
    wait_listening(port, proc)
    return proc


def wait_listening(port: int, proc: subprocess.Popen) -> None:
    """Poll until the server process accepts connections on the port (fail if it exits or never does)."""
    for _ in range(200):
        if proc.poll() is not None:
            pytest.fail(f"the server exited with {proc.returncode}: {proc.args}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            return
        except OSError:
            time.sleep(0.05)  # polling a port the server has not opened yet: no page state to wait on
    proc.terminate()
    pytest.fail(f"nothing listens on 127.0.0.1:{port}: {proc.args}")


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
