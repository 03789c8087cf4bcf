"""Fixtures every layer of tests/e2e shares: the built site served by nginx with deploy/nginx.conf.

The layout (tests/e2e/README.md): ``site/`` needs no browser, ``chromium/`` is the full suite in Chromium
(Playwright), ``engines/`` the cross-engine layer in WebKit and Firefox (Selenium). Shared modules: ``server``
(the site and its servers) and ``cases`` (what CPython computes).
"""

from __future__ import annotations

import os

import pytest
from server import SITE, free_port, start_nginx, stop


@pytest.fixture(scope="session")
def base_url():
    """The real server a deployer uses: nginx with deploy/nginx.conf, serving site/."""
    if not (SITE / "index.html").exists():
        pytest.fail("site/ is not built: run `make build` (make test-e2e does it)")
    port = int(os.environ.get("E2E_PORT") or free_port())
    proc = start_nginx(SITE, port)
    yield f"http://127.0.0.1:{port}"
    stop(proc)
