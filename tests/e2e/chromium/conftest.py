"""Chromium fixtures (Playwright + Debian's Chromium): the browser, and visits that block and record every request
leaving 127.0.0.1, so each test can assert that nothing is fetched from another host."""

from __future__ import annotations

import os
import shutil
from urllib.parse import urlparse

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


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
