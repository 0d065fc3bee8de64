"""`json-lines`: one finding per line, the same object as in `-f json` `findings[]`."""

from __future__ import annotations

import json

from auditor.output.common import finding_dict

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from auditor.model.findings import RunResult


def render_json_lines(rr: RunResult, lang: str = "vi") -> str:
    """One finding per line (ruff's `json-lines`); no findings → empty output."""
    return "".join(json.dumps(finding_dict(f), ensure_ascii=False) + "\n" for f in rr.findings)
