"""What a browser does with the deployment (deploy/nginx.conf): the first service worker never reloads the page; a
new deployment reaches a reader whose browser still runs the old service worker; no other site may frame this one; Chromium finds the site installable.
(The headers, types and compression themselves are checked without a browser in site/test_server.py.)"""

from __future__ import annotations

import os
import shutil

import pytest
from conftest import CHROMIUM_ARGS
from server import Deployment, free_port, serve, stop
from steps import wait_ready


@pytest.mark.parametrize("path", ["/tools/apr/", "/rules/red-lines/"])
def test_the_first_install_never_reloads_the_page(browser, base_url, path):
    """The first visit's service worker claims the page (controllerchange) without a 新版本 notice or a reload: the
    page keeps what it had (the visit's mark) and it was loaded once."""
    ctx = browser.new_context(service_workers="allow")
    try:
        page = ctx.new_page()
        loads = []
        page.on("load", lambda: loads.append(page.url))
        page.goto(base_url + path)
        page.evaluate("window.__wdyqVisit = 1")
        if path.startswith("/tools/"):
            wait_ready(page, "apr")
        page.wait_for_function("""() => document.documentElement.dataset.offline === "controlled"
            && navigator.serviceWorker.controller !== null""", timeout=60_000)
        page.wait_for_selector("[data-offline-status]:not([hidden]):has-text('可离线使用')", timeout=60_000)
        state = page.evaluate("""() => [window.__wdyqVisit, performance.getEntriesByType("navigation")[0].type,
            document.querySelector("[data-offline-status]").innerText]""")
        assert state[:2] == [1, "navigate"] and "新版本" not in state[2], state
        assert loads == [base_url + path]
    finally:
        ctx.close()


def test_new_deployment_reaches_a_reader_with_the_old_service_worker(browser):
    with Deployment("deploy") as site:
        ctx = browser.new_context(service_workers="allow")
        try:
            page = ctx.new_page()
            page.goto(site.url)
            page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=60_000)
            page.wait_for_selector("[data-offline-status]:not([hidden]):has-text('可离线使用')", timeout=60_000)
            assert page.locator("#new-deployment").count() == 0
            assert page.evaluate("document.documentElement.dataset.offline") == "controlled"

            site.deploy_new()
            page.reload()
            button = page.locator("[data-offline-status] button", has_text="刷新到新版本")
            button.wait_for(timeout=60_000)
            assert "本站有新版本" in page.locator("[data-offline-status]").inner_text()
            assert page.evaluate("document.documentElement.dataset.offline") == "update-waiting"
            assert page.locator("#new-deployment").count() == 0  # still the old version, from the old worker
            button.click()
            page.wait_for_selector("#new-deployment", timeout=60_000)
            assert page.locator("#new-deployment").inner_text() == "这是新部署的版本"
            pages_caches = [k for k in page.evaluate("caches.keys()") if k.startswith("wdyq-pages-")]
            assert pages_caches == ["wdyq-pages-0000deadbeef"]  # the old version's cache is gone
        finally:
            ctx.close()


def test_the_browser_refuses_to_frame_the_site(browser, base_url, tmp_path):
    """frame-ancestors 'none' (a header only: a <meta> CSP cannot say it) keeps the site out of other pages."""
    (tmp_path / "frame.html").write_text(f'<iframe src="{base_url}/" onload="document.body.dataset.loaded = 1">'
                                         "</iframe>", encoding="utf-8")
    port = free_port()  # another origin on 127.0.0.1 (the same address space) frames the site
    other = serve("serve.py", port, tmp_path)
    ctx = browser.new_context()
    try:
        page = ctx.new_page()
        page.goto(f"http://127.0.0.1:{port}/frame.html")
        page.wait_for_selector("body[data-loaded]", state="attached")
        assert page.frames[1].url == "chrome-error://chromewebdata/"  # Chromium's refusal, not our page
    finally:
        ctx.close()
        stop(other)


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
