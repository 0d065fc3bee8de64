"""A real browser for the tests: Playwright driving Debian's Chromium (`/usr/bin/chromium`, which
`.ci/run` installs with apt-get; `playwright install` is never used). Without Chromium the tests
that use the `browser` fixture are skipped with the reason; in CI it is installed, so they run.
tests/conftest.py registers the fixtures for every module."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


SKIP_REASON = "Chromium is not installed (Debian: apt-get install -y chromium; .ci/run installs it)"


@pytest.fixture(scope="session", name="browser")
def browser_fixture() -> Iterator[Any]:
    exe = chromium_path()
    if exe is None:
        pytest.skip(SKIP_REASON)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(name="page")
def page_fixture(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    pg = ctx.new_page()
    pg.set_default_timeout(20_000)
    try:
        yield pg
    finally:
        ctx.close()
