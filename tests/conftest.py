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

# TEMPORARY (lead, 2026-12-06): the layout branch (issue 12 item 4) and the new quantity reader
# (issue 12) were developed apart; these tests of the layout work fail on the reader as merged
# and are being fixed with the reader's second round. Listed here, in one place, so that the
# integration removes this block; strict=False only while that work is under way.
_INTEGRATION_PENDING = (
    "tests/test_layouts.py::test_a_table_cut_by_a_page_break_takes_the_header_of_its_first_part[tabs, page number]",
    "tests/test_layout_properties.py::test_seed_as_docx_reads_as_its_text[003]",
    "tests/test_layout_properties.py::test_prose_in_another_layout_reads_the_same",
    "tests/test_layout_properties.py::test_paragraphs_split_into_sentences",
)


def pytest_collection_modifyitems(config, items):  # type: ignore[no-untyped-def]
    import pytest

    for item in items:
        if any(item.nodeid == n or (item.nodeid.startswith(n + "[") and "[" not in n) for n in _INTEGRATION_PENDING):
            item.add_marker(pytest.mark.xfail(reason="layout × reader integration pending (issue 12)", strict=False))
