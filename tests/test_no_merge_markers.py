"""No file of the project keeps a merge's conflict markers (docs/architecture.md did, unseen, for a session)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_MARKER = re.compile(r"^(?:<{7}|>{7})(?: |$)", re.M)


def _tracked() -> list[Path]:
    try:
        out = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    return [ROOT / p for p in out.splitlines() if p.endswith((".py", ".md", ".yaml", ".toml", ".json", ".cfg", ".txt"))
            and not p.startswith("tests/data/")]


def test_no_conflict_markers() -> None:
    bad = [str(p.relative_to(ROOT)) for p in _tracked() if p.is_file() and _MARKER.search(p.read_text("utf-8", "replace"))]
    assert bad == []
