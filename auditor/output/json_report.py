"""`json`: the whole run as one JSON document (schemas/findings.schema.json)."""

from __future__ import annotations

import json

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from auditor.model.findings import RunResult


def render_json(rr: RunResult, lang: str = "vi") -> str:
    return json.dumps(rr.to_json(), ensure_ascii=False, indent=2) + "\n"
