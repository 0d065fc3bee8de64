"""`json-lines`: one finding per line, the same object as in `-f json` `findings[]`."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from auditor.output.common import finding_dict

if TYPE_CHECKING:
    from auditor.model.findings import RunResult


def render_json_lines(rr: RunResult, lang: str = "vi") -> str:
    """One finding per line (ruff's `json-lines`); no findings → empty output."""
    return "".join(json.dumps(finding_dict(f), ensure_ascii=False) + "\n" for f in rr.findings)
