"""Helpers shared by the CLI-level tests: write a report file, invoke `audit` in-process."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from auditor.cli import main


def write(path: Path, data: Any) -> Path:
    """Write `data` (a report as a dict, or raw text) to `path`, creating folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False, indent=2)
    path.write_text(text, encoding="utf-8")
    return path


def invoke(*args: str) -> Result:
    """Run `audit ARGS` in-process; an exception other than the exit is a test failure, and
    no traceback may reach the output."""
    r = CliRunner().invoke(main, list(args), catch_exceptions=True)
    if r.exception is not None and not isinstance(r.exception, SystemExit):
        raise AssertionError(f"exception escaped: {r.exception!r}\n{r.output}") from r.exception
    assert "Traceback" not in r.output
    return r
