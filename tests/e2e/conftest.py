"""Fixtures every layer of tests/e2e shares: the built site served by nginx with deploy/nginx.conf.

The layout (tests/e2e/README.md): ``site/`` needs no browser, ``chromium/`` is the full suite in Chromium
(Playwright), ``engines/`` the cross-engine layer in WebKit and Firefox (Selenium). Shared modules: ``server``
(the site and its servers) and ``cases`` (what CPython computes).
"""

from __future__ import annotations

import os

import pytest
from server import SITE, free_port, start_nginx, stop


def pytest_configure(config):
    """Start the one nginx every test of this run uses (``E2E_BASE_URL``), in the main process: with pytest-xdist
    (make test-e2e runs two test processes) the workers inherit its address. ``E2E_PORT`` is the port the site was
    built for (Material's instant navigation needs the site's own address); a given ``E2E_BASE_URL`` is used as is."""
    if hasattr(config, "workerinput") or os.environ.get("E2E_BASE_URL") or not (SITE / "index.html").exists():
        return
    port = int(os.environ.get("E2E_PORT") or free_port())
    try:
        config.wdyq_nginx = start_nginx(SITE, port)
    except pytest.fail.Exception as e:
        raise pytest.UsageError(str(e)) from e
    os.environ["E2E_BASE_URL"] = f"http://127.0.0.1:{port}"


def pytest_unconfigure(config):
    server = getattr(config, "wdyq_nginx", None)
    if server is not None:
        stop(server)
        os.environ.pop("E2E_BASE_URL", None)


@pytest.fixture(scope="session")
def base_url():
    """The real server a deployer uses: nginx with deploy/nginx.conf, serving site/ (started by pytest_configure)."""
    if not (SITE / "index.html").exists():
        pytest.fail("site/ is not built: run `make build` (make test-e2e does it)")
    return os.environ["E2E_BASE_URL"].rstrip("/")
