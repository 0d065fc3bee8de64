"""JSON Schemas and fast-reader plans generated from the pydantic models (the single source of
truth). `python -m auditor.generate` rewrites them with the reader generated from the report
plan; a test fails when a committed file drifts from the models."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from auditor.model.findings import run_result_schema
from auditor.model.lean import plan_path
from auditor.model.plan import plan_text
from auditor.model.report import Report
from auditor.model.rule import RuleFile


def rule_schema() -> dict[str, Any]:
    schema = RuleFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://auditor.local/schemas/rule.schema.json"
    return schema


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
    out = []
    for kind, model in PLANNED.items():
        p = plan_path(kind)
        p.write_text(plan_text(model), encoding="utf-8")
        out.append(p)
    return out
