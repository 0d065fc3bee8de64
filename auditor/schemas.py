"""JSON Schemas and fast-reader plans generated from the pydantic models.
`python -m auditor.schemas` rewrites `schemas/*.json`, `auditor/data/*_plan.json` and the
reader generated from the report plan (`auditor/_fastview.py`); a test fails when the
committed files drift from the models."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .findings import run_result_schema
from .lean import plan_path
from .leanplan import plan_text
from .model import Report
from .rule_model import RuleFile
from .rules import rule_schema


def report_schema() -> dict[str, Any]:
    s = Report.model_json_schema(mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **s}


def findings_schema() -> dict[str, Any]:
    s = run_result_schema()
    s["$id"] = "https://auditor.local/schemas/findings.schema.json"
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **s}


GENERATORS = {"report": report_schema, "findings": findings_schema, "rule": rule_schema}


def schema_text(kind: str) -> str:
    return json.dumps(GENERATORS[kind](), ensure_ascii=False, indent=2) + "\n"


def write_all(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    out = []
    for kind in GENERATORS:
        p = directory / f"{kind}.schema.json"
        p.write_text(schema_text(kind), encoding="utf-8")
        out.append(p)
    return out


PLANNED = {"report": Report, "rule": RuleFile}


def write_plans() -> list[Path]:
    """The plans, then the fused report reader generated from the report plan."""
    out = []
    for kind, model in PLANNED.items():
        p = plan_path(kind)
        p.write_text(plan_text(model), encoding="utf-8")
        out.append(p)
    from .fastview import GENERATED, generated_source

    GENERATED.write_text(generated_source(), encoding="utf-8")
    return out + [GENERATED]


if __name__ == "__main__":
    for p in write_all(Path(__file__).resolve().parent.parent / "schemas") + write_plans():
        print(p)
