"""`json`: the whole run as one JSON document (schemas/findings.schema.json)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from auditor.model.findings import RunResult


def render_json(rr: RunResult, lang: str = "vi") -> str:
    return json.dumps(rr.to_json(), ensure_ascii=False, indent=2) + "\n"
