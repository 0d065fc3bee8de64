"""Shared test configuration: hypothesis profiles.

HYPOTHESIS_PROFILE=ci (default) keeps the suite fast and reproducible; =dev explores more.
"""

from __future__ import annotations

import os

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
