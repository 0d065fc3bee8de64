"""What the package promises about where it runs (issue 14): the suite runs on the oldest Python
pyproject allows — CI (`.ci/run`) tests with Debian's own python3, and this test fails there if
that is not the oldest minor version `requires-python` admits; the web page's templates and
assets are package data."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _requires() -> tuple[int, int]:
    text = (ROOT / "pyproject.toml").read_text("utf-8")
    m = re.search(r'^requires-python\s*=\s*">=\s*(\d+)\.(\d+)"', text, re.M)
    assert m, "requires-python must be a lower bound"
    return int(m.group(1)), int(m.group(2))


def test_this_python_is_allowed() -> None:
    assert sys.version_info[:2] >= _requires()


def test_ci_runs_the_oldest_python_allowed() -> None:
    run = (ROOT / ".ci" / "run").read_text("utf-8")
    assert "/usr/bin/python3" in run and "AUDIT_CI=1" in run
    if os.environ.get("AUDIT_CI") == "1":  # under .ci/run: the oldest minor version allowed
        assert sys.version_info[:2] == _requires(), (sys.version, _requires())


def test_ruff_targets_the_same_python() -> None:
    major, minor = _requires()
    assert f'target-version = "py{major}{minor}"' in (ROOT / "pyproject.toml").read_text("utf-8")


def test_web_assets_are_package_data() -> None:
    import tomllib

    tool = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    web = ROOT / "auditor" / "web"
    for folder in ("templates", "static"):
        package = f"auditor.web.{folder}"
        # a data folder listed as a package (setuptools warns on install about one that is not)
        assert package in tool["packages"], package
        for asset in (web / folder).iterdir():
            if asset.name != "__pycache__":
                assert any(asset.match(g) for g in tool["package-data"][package]), asset
    assert {p.name for p in (web / "static").iterdir()} == {"app.css", "app.js"}
    for p in list((web / "templates").iterdir()) + list((web / "static").iterdir()):  # no CDN, no remote asset
        assert not re.search(r"(src|href)=\"(https?:)?//", p.read_text("utf-8")), p
