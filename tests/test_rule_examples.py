"""Every rule's examples run as tests: the passing one raises nothing from that rule, the
failing one raises a finding at the rule's severity (or info for a truncation example)."""

from __future__ import annotations

import pytest

from auditor.engine.ruleset import load_rules
from auditor.workflows.examples import example_verdict, run_example

RULESET = load_rules()
CASES = [(r, i, e) for r in RULESET.rules for i, e in enumerate(r.examples)]


@pytest.mark.parametrize("rule,index,example", CASES, ids=[f"{r.id}-{i}-{e.expect}" for r, i, e in CASES])
def test_rule_example(rule, index, example):
    findings = run_example(rule, example, RULESET)
    assert example_verdict(findings, rule) == example.expect, [f.message.en for f in findings]
    for f in findings:
        assert f.message.vi and f.message.en
        assert f.rule_id == rule.id
        if example.severity is not None:  # the severity policy, per finding (docs/findings.md)
            assert f.severity == example.severity, (f.severity, f.severity_note, f.message.en)
        # a concrete fix in both languages, every placeholder filled
        assert f.fix is not None and f.fix.vi and f.fix.en
        assert "{" not in f.fix.vi and "{" not in f.fix.en, f.fix


def test_every_rule_has_bilingual_metadata():
    for r in RULESET.rules:
        assert r.title.vi and r.title.en and r.rationale.vi and r.rationale.en
        assert r.message.vi and r.message.en
        assert any(e.expect == "pass" for e in r.examples)
        assert any(e.expect != "pass" for e in r.examples)
