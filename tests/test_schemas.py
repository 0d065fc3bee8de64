"""The committed JSON Schemas are generated from the models; fail when they drift."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from auditor.model.schemas import GENERATORS, schema_text

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("kind", sorted(GENERATORS))
def test_schema_file_matches_models(kind):
    committed = (ROOT / "schemas" / f"{kind}.schema.json").read_text("utf-8")
    assert committed == schema_text(kind), (
        f"schemas/{kind}.schema.json is out of date: run `python -m auditor.generate`")


@pytest.mark.parametrize("kind", sorted(GENERATORS))
def test_schema_is_valid_json_schema(kind):
    schema = json.loads(schema_text(kind))
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", sorted((ROOT / "rules").glob("*.yaml")), ids=lambda p: p.name)
def test_rule_files_validate_against_rule_schema(path):
    schema = json.loads((ROOT / "schemas" / "rule.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(yaml.safe_load(path.read_text("utf-8")))


@pytest.mark.parametrize("path", sorted((ROOT / "fixtures").glob("*.json")), ids=lambda p: p.name)
def test_fixtures_validate_against_report_schema(path):
    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(json.loads(path.read_text("utf-8")))


def test_broken_rule_file_is_a_usage_error(tmp_path):
    from click.testing import CliRunner

    from auditor.cli import main
    from auditor.engine.ruleset import RuleError, load_rules

    (tmp_path / "bad.yaml").write_text("version: '1'\nrules:\n  - id: bad\n", "utf-8")
    with pytest.raises(RuleError):
        load_rules(str(tmp_path))
    report = tmp_path / "r.json"
    report.write_text('{"meta": {"unit": {"name": "A"}, "title": "t", "period": {"kind": "year"}}}', "utf-8")
    res = CliRunner().invoke(main, ["check", str(report), "--rules-dir", str(tmp_path)])
    assert res.exit_code == 2
    assert "Traceback" not in res.output


def test_rule_file_with_unsafe_expression_is_rejected(tmp_path):
    from auditor.engine.ruleset import RuleError, load_rules

    src = (ROOT / "rules" / "arithmetic.yaml").read_text("utf-8")
    src = src.replace('assert: "sum(pth / ppct) == th / pct"', 'assert: "().__class__"')
    (tmp_path / "a.yaml").write_text(src, "utf-8")
    with pytest.raises(RuleError, match="not allowed"):
        load_rules(str(tmp_path))
