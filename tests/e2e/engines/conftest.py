"""The cross-engine layer: WebKit and Firefox (drivers.py). Every test runs once per engine (``engine_name``);
``open_engine`` starts a new session with a fresh profile (a first visit), retried only when the browser or its
display fails to start.

``make test-engines`` installs the engines (scripts/system-deps.sh webkit firefox) and fails when one is missing;
run alone without them, the layer says what to install and stops."""

from __future__ import annotations

import pytest
from drivers import ENGINES, missing, start


@pytest.fixture(params=ENGINES)
def engine_name(request) -> str:
    lacking = missing(request.param)
    if lacking:
        pytest.fail(f"{request.param}: missing {lacking} (scripts/system-deps.sh {request.param} installs it)")
    return request.param


@pytest.fixture
def open_engine(engine_name):
    """``open_engine()`` → a new session of this test's engine; all are closed after the test."""
    sessions = []

    def make():
        session = start(engine_name)
        sessions.append(session)
        return session

    yield make
    for session in sessions:
        session.quit()
