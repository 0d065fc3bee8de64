"""Findings are plain dataclasses (cheap to create and to ship between processes); these tests
keep them honest: what `-f json` writes reads back through the pydantic adapter into equal
records, and the adapter is as strict as the schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from auditor.engine.ruleset import load_rules
from auditor.model.findings import Finding, RunResult, Text, to_json, validate_run_result
from auditor.workflows.pipeline import audit_file, combine

FIXTURES = sorted((Path(__file__).resolve().parent.parent / "fixtures").glob("*.json"))
RULES = load_rules()


@pytest.fixture(scope="module")
def seed_results() -> list[RunResult]:
    return [combine([audit_file(str(p), RULES, list(RULES.rules))], RULES, keep_passed=True)
            for p in FIXTURES]


def test_json_round_trip_is_exact(seed_results: list[RunResult]) -> None:
    assert any(rr.findings for rr in seed_results)  # something non-trivial to carry
    for rr in seed_results:
        text = json.dumps(rr.to_json(), ensure_ascii=False)
        back = validate_run_result(json.loads(text))
        assert back == rr
        assert json.dumps(back.to_json(), ensure_ascii=False) == text


def test_engine_builds_records_of_the_declared_types(seed_results: list[RunResult]) -> None:
    # pydantic validated every field when findings were models; the adapter does it now
    for rr in seed_results:
        for f in rr.findings:
            assert validate_run_result({"tool": to_json(rr.tool), "findings": [f.to_json()]}).findings == [f]


def test_none_fields_are_left_out_and_empty_lists_kept() -> None:
    f = Finding(rule_id="X001", severity="error", title=Text(vi="a", en="b"), message=Text(vi="c", en="d"),
                file="r.json", pointer="/x", fingerprint="0" * 20)
    d = f.to_json()
    assert "item" not in d and "line" not in d and d["related"] == [] and d["evidence"] == []


@pytest.mark.parametrize("bad", [
    {"tool": {"name": "auditor", "version": "1", "ruleset": "1"}, "unknown": 1},
    {"tool": {"name": "auditor", "version": "1", "ruleset": "1"},
     "findings": [{"rule_id": "X001", "severity": "fatal"}]},
    {"findings": []},
])
def test_adapter_rejects_what_the_schema_rejects(bad: dict) -> None:
    with pytest.raises(ValidationError):
        validate_run_result(bad)


def test_a_findings_source_loc_has_the_fields_of_the_reports_src() -> None:
    """findings.SourceLoc is the output twin of model.SourceLoc (a report's `src`), kept
    pydantic-free for the start-up of `audit`: same fields, same order."""
    from dataclasses import fields

    from auditor.model.findings import SourceLoc
    from auditor.model.report import SourceLoc as ModelSourceLoc

    assert [f.name for f in fields(SourceLoc)] == list(ModelSourceLoc.model_fields)
