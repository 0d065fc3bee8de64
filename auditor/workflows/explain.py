"""A rule's page (like `ruff rule`): what it checks, why, legal basis, examples."""

from __future__ import annotations

import json
import re

import yaml

from auditor.engine.ruleset import Ruleset, RuleSpec
from auditor.workflows.examples import example_verdict, run_example

_H = {
    "vi": {"what": "Kiểm tra gì", "why": "Vì sao", "fix": "Cách sửa", "legal": "Căn cứ",
           "ex": "Ví dụ", "pass": "đúng", "fail": "sai", "info": "thông tin", "sev": "Mức",
           "family": "Nhóm", "check": "Kiểu kiểm tra", "scope": "Phạm vi", "got": "kết quả",
           "policy": "Mức độ của từng phát hiện"},
    "en": {"what": "What it checks", "why": "Why", "fix": "How to fix", "legal": "Legal basis",
           "ex": "Examples", "pass": "correct", "fail": "wrong", "info": "info", "sev": "Severity",
           "family": "Family", "check": "Check kind", "scope": "Scope", "got": "result",
           "policy": "Severity of each finding"},
}


_POLICY = {
    "vi": {"error": "lỗi: mâu thuẫn như đã viết, với mọi cách đọc hợp lý",
           "warning": "cảnh báo: mâu thuẫn theo cách đọc thông thường, nhưng có một cách đọc hay quy ước hợp lệ",
           "info": "thông tin: trình bày, số cắt bớt thay vì làm tròn, bản dự thảo",
           "base": "Mức của quy tắc ({sev}) là mức của một phát hiện rõ ràng; mỗi phát hiện được hạ mức theo bằng chứng của nó:",
           "fixed": "Mức đặt trong cấu hình được giữ nguyên cho mọi phát hiện.",
           "q": {"truncated": "số bị cắt bớt (không làm tròn)", "approximate": "quan hệ dùng một số viết gần đúng (gần, khoảng, trên, hơn …) mà một cách hiểu của nó làm quan hệ đúng",
                 "inferred": "các số do công cụ đọc văn bản tự liên kết (qua câu, đoạn khác), không được viết liền trong một cấu trúc", "hidden_base": "tổng số chung của các tỷ lệ không được ghi, chỉ suy ra từ các tỷ lệ",
                 "convention": "khớp với một quy ước khác đang được dùng",
                 "unit_dependent": "giới hạn tùy quy định của đơn vị", "draft": "báo cáo còn là dự thảo", "cosmetic": "lỗi trình bày"},
           "more": "Chính sách đầy đủ: docs/findings.md. Mức đặt trong cấu hình ([tool.audit.severity]) luôn được ưu tiên."},
    "en": {"error": "error: inconsistent as written under every reasonable reading",
           "warning": "warning: inconsistent under the likely reading, but a legitimate reading or convention exists",
           "info": "info: presentation, a truncation instead of a rounding, a draft",
           "base": "The rule's severity ({sev}) is that of a clear-cut finding; each finding is lowered by its evidence:",
           "fixed": "The severity set in the configuration is kept for every finding.",
           "q": {"truncated": "a value truncated, not rounded", "approximate": "the relation uses a value written as an approximation (gần, khoảng, trên, hơn …) that some reading of it makes hold",
                 "inferred": "values linked by the document reader (across sentences or paragraphs), not stated together in one construction", "hidden_base": "the total the rates share is not written, only implied by the rates",
                 "convention": "it matches another convention in use",
                 "unit_dependent": "a cap that depends on the unit's rules", "draft": "the report is a draft", "cosmetic": "a matter of presentation"},
           "more": "The full policy: docs/findings.md. A severity set in the configuration ([tool.audit.severity]) always wins."},
}


def severity_lines(rule: RuleSpec, lang: str = "vi") -> list[str]:
    """The severity policy as it applies to this rule (`engine/policy.py`)."""
    from auditor.engine.policy import DEFAULT_WHEN
    from auditor.model.severity import SEVERITY_RANK

    p = _POLICY[lang]
    lines = [f"- {p['error']}", f"- {p['warning']}", f"- {p['info']}", ""]
    when = rule.severity_when
    if when is not None and not when:
        return lines + [p["fixed"]]
    caps = {**DEFAULT_WHEN, **(when or {})}
    lower = [(q, c) for q, c in caps.items() if SEVERITY_RANK[c] < SEVERITY_RANK[rule.severity]]
    if lower:
        lines.append(p["base"].format(sev=rule.severity))
        lines += [f"- {p['q'].get(q, q)} → {c}" for q, c in lower]
    return lines + [p["more"]]


def rule_page(rule: RuleSpec, ruleset: Ruleset, lang: str = "vi") -> str:
    h = _H[lang]
    t = (lambda x: x.vi) if lang == "vi" else (lambda x: x.en)
    lines = [f"{rule.id}: {t(rule.title)}", "",
             f"{h['sev']}: {rule.severity} · {h['family']}: {rule.family} · {h['check']}: {rule.check}"]
    if rule.scope:
        lines.append(f"{h['scope']}: {rule.scope}")
    lines += ["", f"## {h['what']}", t(rule.title) + ".", "", f"## {h['why']}", t(rule.rationale).strip()]
    lines += ["", f"## {h['policy']}"] + severity_lines(rule, lang)
    if rule.fix:  # the template: each finding fills it with its own values
        lines += ["", f"## {h['fix']}", re.sub(r"\{(\w+)\}", r"‹\1›", t(rule.fix))]
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
            for f in findings:
                lines.append(f"→ {f.rule_id} [{f.severity}] {f.message.vi if lang == 'vi' else f.message.en}")
                if f.severity_note:
                    lines.append(f"  ({t(f.severity_note)})")
                if f.fix:
                    lines.append(f"  {h['fix']}: {t(f.fix)}")
        else:
            lines.append("→ " + ("không có phát hiện" if lang == "vi" else "no finding"))
        if verdict != ex.expect or (ex.severity and any(f.severity != ex.severity for f in findings)):
            lines.append(f"!! {h['got']}: {verdict} " + ", ".join(f.severity for f in findings))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
