"""Run a rule's examples: the same code serves `audit explain` and the test suite."""

from __future__ import annotations

import copy
import json
from typing import Any

from auditor.engine.ruleset import Example, Ruleset, RuleSpec, drop_strict
from auditor.model.findings import Finding
from auditor.model.numinput import JsonNumberText
from auditor.numeric import limits
from auditor.read.json_reader import ReadResult, parse_report_bytes, validate_data
from auditor.workflows.pipeline import INTERNAL_RULE, FileAudit, audit_isolated, audit_read

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


# What an INT001 example may simulate (`params: {fault: NAME}`): an exception raised inside the
# audit of the example's report, to show what a bug becomes. Only the examples can do this: in a
# run, nothing a rule file or a report says reaches the isolation of a file's audit.
_FAULTS: dict[str, type[Exception]] = {"ZeroDivisionError": ZeroDivisionError, "RecursionError": RecursionError,
                                       "KeyError": KeyError, "MemoryError": MemoryError}


def run_example(rule: RuleSpec, example: Example, ruleset: Ruleset) -> list[Finding]:
    if rule.id == INTERNAL_RULE:
        return _internal_example(rule, example, ruleset)
    if rule.check == "input" and example.params:
        # an input rule's example may set limits, as `[tool.audit.limits]` would
        base = limits.current()
        with limits.override(**limits.from_config(example.params, base).__dict__):
            return _run_example(rule, example, ruleset)
    return _run_example(rule, example, ruleset)


def _run_example(rule: RuleSpec, example: Example, ruleset: Ruleset) -> list[Finding]:
    if example.params and rule.check != "input":
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
    # Every rule runs (the others' relations are what error localization weighs: a % of plan
    # the % of same period and the remainder confirm), the rule's own findings are shown,
    # wherever grouping put them.
    others = [r for r in drop_strict(list(ruleset.rules)) if r.id != rule.id]
    audit = audit_read(res, ruleset, [*others, rule], f"{rule.id}-example")
    return [f for f in _flat(audit.findings) if f.rule_id == rule.id]


def _flat(findings: list[Finding]) -> list[Finding]:
    out = []
    for f in findings:
        out.append(f)
        out.extend(f.consequences or [])
    return out


def _internal_example(rule: RuleSpec, example: Example, ruleset: Ruleset) -> list[Finding]:
    fault = (example.params or {}).get("fault")
    if fault is not None and fault not in _FAULTS:
        raise ValueError(f"{rule.id}: example fault {fault!r} is not one of {', '.join(_FAULTS)}")

    def audit() -> FileAudit:
        res = parse_report_bytes((example.raw or "").encode(example.encoding))
        if fault is not None:
            raise _FAULTS[fault]("raised on purpose by the rule's example")
        return audit_read(res, ruleset, [r for r in ruleset.rules if r.check == "input"], f"{rule.id}-example")

    a = audit_isolated(audit, f"{rule.id}-example", ruleset)
    return [f for f in a.findings if f.rule_id == rule.id]


def example_verdict(findings: list[Finding], rule: RuleSpec) -> str:
    if not findings:
        return "pass"
    if all(f.severity == "info" for f in findings) and rule.severity != "info":
        return "info"
    return "fail"
