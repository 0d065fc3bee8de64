"""A rule's page (like `ruff rule`): what it checks, why, legal basis, examples."""

from __future__ import annotations

import json

import yaml

from auditor.engine.ruleset import Ruleset, RuleSpec
from auditor.workflows.examples import example_verdict, run_example

_H = {
    "vi": {"what": "Kiểm tra gì", "why": "Vì sao", "fix": "Cách sửa", "legal": "Căn cứ",
           "ex": "Ví dụ", "pass": "đúng", "fail": "sai", "info": "thông tin", "sev": "Mức",
           "family": "Nhóm", "check": "Kiểu kiểm tra", "scope": "Phạm vi", "got": "kết quả"},
    "en": {"what": "What it checks", "why": "Why", "fix": "How to fix", "legal": "Legal basis",
           "ex": "Examples", "pass": "correct", "fail": "wrong", "info": "info", "sev": "Severity",
           "family": "Family", "check": "Check kind", "scope": "Scope", "got": "result"},
}


def rule_page(rule: RuleSpec, ruleset: Ruleset, lang: str = "vi") -> str:
    h = _H[lang]
    t = (lambda x: x.vi) if lang == "vi" else (lambda x: x.en)
    lines = [f"{rule.id}: {t(rule.title)}", "",
             f"{h['sev']}: {rule.severity} · {h['family']}: {rule.family} · {h['check']}: {rule.check}"]
    if rule.scope:
        lines.append(f"{h['scope']}: {rule.scope}")
    lines += ["", f"## {h['what']}", t(rule.title) + ".", "", f"## {h['why']}", t(rule.rationale).strip()]
    if rule.fix:
        lines += ["", f"## {h['fix']}", t(rule.fix)]
    if rule.legal_basis:
        lines += ["", f"## {h['legal']}"] + [f"- {x}" for x in rule.legal_basis]
    lines += ["", f"## {h['ex']}"]
    for ex in rule.examples:
        findings = run_example(rule, ex, ruleset)
        verdict = example_verdict(findings, rule)
        lines.append(f"### {h[ex.expect]}" + (f": {ex.title}" if ex.title else ""))
        if ex.report is not None:
            lines.append(yaml.safe_dump(ex.report, allow_unicode=True, sort_keys=False,
                                        default_flow_style=None, width=100).rstrip())
        else:
            lines.append(json.dumps(ex.raw, ensure_ascii=False))
        if findings:
            lines += [f"→ {f.rule_id} [{f.severity}] {f.message.vi if lang == 'vi' else f.message.en}"
                      for f in findings]
        else:
            lines.append("→ " + ("không có phát hiện" if lang == "vi" else "no finding"))
        if verdict != ex.expect:
            lines.append(f"!! {h['got']}: {verdict}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
