"""Run a rule's examples: the same code serves `audit explain` and the test suite."""

from __future__ import annotations

import copy
import json
from typing import Any

from auditor.engine.ruleset import Example, Ruleset, RuleSpec
from auditor.model.findings import Finding
from auditor.model.numinput import JsonNumberText
from auditor.read.json_reader import ReadResult, parse_report_bytes, validate_data
from auditor.workflows.pipeline import audit_read

BASE_REPORT: dict[str, Any] = {
    "meta": {"unit": {"name": "An Phú", "kind": "xa"}, "title": "Báo cáo",
             "period": {"kind": "year", "year": 2023}},
}


def example_report(example: Example) -> dict[str, Any]:
    data = copy.deepcopy(BASE_REPORT)
    for k, v in (example.report or {}).items():
        if k == "meta" and isinstance(v, dict):
            data["meta"] = {**data["meta"], **v}
        else:
            data[k] = v
    return data


def run_example(rule: RuleSpec, example: Example, ruleset: Ruleset) -> list[Finding]:
    if example.params:
        rule = rule.model_copy(update={"params": {**rule.params, **example.params}})
    if example.document is not None:
        from auditor.extract import extract_bytes, to_read_result

        res = to_read_result(extract_bytes(example.document.encode("utf-8"), "example.txt"))
    elif example.raw is not None:
        res = parse_report_bytes(example.raw.encode(example.encoding))
    else:
        # Round-trip through JSON text so examples are read exactly like files.
        text = json.dumps(example_report(example), ensure_ascii=False)
        raw = json.loads(text, parse_float=JsonNumberText, parse_int=JsonNumberText)
        res = validate_data(raw, ReadResult("<example>"))
    if rule.check != "input" and any(pr.rule_id == "INP004" for pr in res.problems):
        # an example the report format rejects would "pass" without the rule ever running
        raise ValueError(f"{rule.id}: example {example.title or ''!r} is not a valid report: "
                         + "; ".join(f"{pr.pointer}: {pr.en}" for pr in res.problems))
    audit = audit_read(res, ruleset, [rule], f"{rule.id}-example")
    return [f for f in audit.findings if f.rule_id == rule.id]


def example_verdict(findings: list[Finding], rule: RuleSpec) -> str:
    if not findings:
        return "pass"
    if all(f.severity == "info" for f in findings) and rule.severity != "info":
        return "info"
    return "fail"
