"""Shared test configuration: hypothesis profiles.

HYPOTHESIS_PROFILE=ci (default) keeps the suite fast and reproducible; =dev explores more.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", max_examples=60, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "dev", max_examples=200, deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# The real browser (Chromium through Playwright) for the browser tests: registered once here,
# so that every module shares the one session-scoped browser (tests/browser.py).
from tests.browser import browser_fixture, page_fixture  # noqa: E402, F401


@pytest.fixture(autouse=True)
def _run_limits_restored():  # noqa: ANN202 - a fixture
    """The limits in force as before each test: a command run in the test process sets them from
    its configuration (`config.check_options`) and keeps them, which made a later test depend on
    which tests its worker ran before (`[limits] digits = 80` left by test_hostile made NUM004's
    sixty-digit example pass)."""
    from auditor.numeric import limits

    before = limits.current()
    yield
    if limits.current() is not before:
        limits.configure(before)
