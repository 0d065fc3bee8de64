"""`markdown`: a readable report with Vietnamese or English headings."""

from __future__ import annotations

import re

from auditor.model.severity import SEVERITY_RANK
from auditor.output.common import (
    FAIL_RANK,
    HEADINGS,
    LINK_LABEL,
    SEVERITIES,
    findings_by_file,
    fix_text,
    message,
    pointer_shown,
    rel_path,
    run_files,
    severity_counts,
    source_text,
    text_in,
)

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from typing import Any

    from auditor.model.findings import Finding, RunResult


_MD = {
    "vi": {"title": "Báo cáo kiểm tra", "tool": "Công cụ", "ruleset": "bộ quy tắc", "files": "Các tệp",
           "file": "Tệp", "unit": "Đơn vị", "period": "Kỳ báo cáo", "verdict": "Kết luận",
           "counts": "Số phát hiện", "summary": "Tóm tắt", "rules": "Quy tắc vi phạm", "rule": "Quy tắc",
           "n": "Số lần", "none": "Không có phát hiện nào.", "sev": "Mức",
           "status": {"ok": "Đạt", "fail": "Không đạt", "notes": "Đạt (có thông tin cần xem)",
                      "invalid": "Không đúng định dạng báo cáo", "unreadable": "Không đọc được tệp",
                      "skipped": "Bỏ qua (không phải báo cáo)"}},
    "en": {"title": "Audit report", "tool": "Tool", "ruleset": "ruleset", "files": "Files",
           "file": "File", "unit": "Unit", "period": "Period", "verdict": "Verdict",
           "counts": "Findings", "summary": "Summary", "rules": "Rules violated", "rule": "Rule",
           "n": "Count", "none": "No findings.", "sev": "Severity",
           "status": {"ok": "Pass", "fail": "Fail", "notes": "Pass (with notes)",
                      "invalid": "Not in the report format", "unreadable": "Cannot be read",
                      "skipped": "Skipped (not a report)"}},
}


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def _md(s: Any) -> str:
    """Inline text: special characters escaped, on one line."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(s).split()))


def _code(s: Any) -> str:
    s = " ".join(str(s).split()) or " "
    ticks = "`"
    while ticks in s:
        ticks += "`"
    pad = " " if s.startswith("`") or s.endswith("`") else ""
    return f"{ticks}{pad}{s}{pad}{ticks}"


def _verdict(status: str | None, counts: dict[str, int], lang: str, fail_on: str = "warning") -> str:
    st = _MD[lang]["status"]
    if status in ("invalid", "unreadable", "skipped"):
        return st[status]
    if any(counts.get(s) for s in SEVERITIES if SEVERITY_RANK[s] >= FAIL_RANK.get(fail_on, 2)):
        return st["fail"]
    if counts.get("info"):
        return st["notes"]
    return st["ok"]


_COUNT_WORDS = {"vi": {"error": ("lỗi", "lỗi"), "warning": ("cảnh báo", "cảnh báo"),
                       "info": ("thông tin", "thông tin")},
                "en": {"error": ("error", "errors"), "warning": ("warning", "warnings"),
                       "info": ("info", "infos")}}


def _counts_text(counts: dict[str, int], lang: str) -> str:
    words = _COUNT_WORDS[lang]
    return ", ".join(f"{counts.get(s, 0)} {words[s][0 if counts.get(s, 0) == 1 else 1]}" for s in SEVERITIES)


_STATE = {"vi": {"label": "Tình trạng", "new": "mới", "unchanged": "đã biết", "updated": "đã biết (số liệu thay đổi)",
                 "absent": "đã khắc phục", "passed": "Các kiểm tra đã đạt"},
          "en": {"label": "State", "new": "new", "unchanged": "already known",
                 "updated": "already known (values changed)", "absent": "corrected", "passed": "Checks that passed"}}


def _md_passed(fr: Any, lang: str) -> list[str]:
    """The checks that passed on a file, collapsed (GitHub renders <details>)."""
    if fr is None or not getattr(fr, "passed", None):
        return []
    per: dict[str, list[str]] = {}
    for p in fr.passed:
        per.setdefault(p.rule_id, []).append(p.pointer)
    out = ["<details>", f"<summary>{_STATE[lang]['passed']} ({len(fr.passed)})</summary>", ""]
    out += [f"- **{_md(rid)}** ({len(ptrs)}): " + ", ".join(_code(pointer_shown(x)) for x in dict.fromkeys(ptrs))
            for rid, ptrs in sorted(per.items())]
    return out + ["", "</details>", ""]


def _md_finding(f: Finding, lang: str) -> list[str]:
    h = HEADINGS[lang]
    out = [f"- **{_md(f.rule_id)}** — {_md(text_in(f.title, lang))}", "", f"  {_md(message(f, lang))}", ""]
    rows = [(h["pointer"], _code(pointer_shown(f.pointer)))]
    if f.line:
        rows.append((h["line"], f"{f.line}" + (f":{f.column}" if f.column else "")))
    for key in ("item", "stated", "expected", "formula", "imbalance"):
        v = getattr(f, key)
        if v is not None:
            rows.append((h[key], _code(v) if key in ("stated", "expected") else _md(v)))
    src = source_text(f, lang)
    if src:
        rows.append((h["source"], _md(src)))
    if f.related:
        rows.append((h["related"], ", ".join(_code(p) for p in f.related)))
    for hint in f.hints:
        rows.append((h["hint"], f"{_code(hint.pointer)}: {_code(hint.written)} → {_code(hint.suggested)} "
                                f"({_md(text_in(hint.message, lang))})"))
    if f.legal_basis:
        rows.append((h["legal"], _md("; ".join(f.legal_basis))))
    fix = fix_text(f, lang)  # as in the HTML report: how to fix, new or already known
    if fix:
        rows.append((h["fix"], _md(fix)))
    state = getattr(f, "baseline_state", None) or "new"
    rows.append((_STATE[lang]["label"], _STATE[lang].get(state, state)))
    out += [f"  - {k}: {v}" for k, v in rows]
    for c in f.consequences or []:  # one defect, one finding: the others nested under it
        out.append(f"    - ↳ **{_md(c.rule_id)}** ({_md(LINK_LABEL[lang].get(c.link or '', ''))}) "
                   f"{_code(pointer_shown(c.pointer))}: {_md(message(c, lang))}")
    out.append("")
    return out


def render_markdown(rr: RunResult, lang: str = "vi") -> str:
    from auditor.output.common import SEV_LABEL, summary_line

    m = _MD[lang]
    by_file = findings_by_file(rr)
    info = {fr.path: fr for fr in rr.files}
    out = [f"# {m['title']}", "",
           f"{m['tool']}: {_md(rr.tool.name)} {_md(rr.tool.version)} · {m['ruleset']} {_md(rr.tool.ruleset)}", ""]

    paths = run_files(rr)
    out += [f"## {m['files']}", "",
            f"| {m['file']} | {m['unit']} | {m['period']} | {m['verdict']} | "
            + " | ".join(SEV_LABEL[lang][s] for s in SEVERITIES) + " |",
            "|---|---|---|---|" + "---:|" * len(SEVERITIES)]
    for path in paths:
        fr = info.get(path)
        c = severity_counts(by_file.get(path, []))
        out.append(f"| {_code(rel_path(path)).replace('|', chr(92) + '|')} | {_md(fr.unit or '') if fr else ''} | "
                   f"{_md(fr.period or '') if fr else ''} | {_verdict(fr.status if fr else None, c, lang, rr.fail_on)} | "
                   + " | ".join(str(c[s]) for s in SEVERITIES) + " |")
    out.append("")

    for path in paths:
        fr = info.get(path)
        findings = by_file.get(path, [])
        c = severity_counts(findings)
        out += [f"## {_code(rel_path(path))}", ""]
        if fr is not None:
            if fr.unit:
                out.append(f"- {m['unit']}: {_md(fr.unit)}")
            if fr.period:
                out.append(f"- {m['period']}: {_md(fr.period)}")
            if fr.sha256:
                out.append(f"- SHA-256: {_code(fr.sha256)}")
        out.append(f"- {m['verdict']}: **{_verdict(fr.status if fr else None, c, lang, rr.fail_on)}**")
        out.append(f"- {m['counts']}: {_counts_text(c, lang)}")
        out.append("")
        if not findings:
            out += [m["none"], ""]
            out += _md_passed(fr, lang)
            continue
        for sev in SEVERITIES:
            group = [f for f in findings if f.severity == sev]
            if not group:
                continue
            out += [f"### {SEV_LABEL[lang][sev]} ({len(group)})", ""]
            for f in group:
                out += _md_finding(f, lang)
        out += _md_passed(fr, lang)

    out += [f"## {m['summary']}", ""]
    out += [line + "  " for line in summary_line(rr, lang).splitlines()]
    out.append("")
    if rr.findings:
        per_rule: dict[str, list[Finding]] = {}
        for f in rr.findings:
            per_rule.setdefault(f.rule_id, []).append(f)
        out += [f"### {m['rules']}", "", f"| {m['rule']} | {m['sev']} | {m['n']} |", "|---|---|---:|"]
        for rid in sorted(per_rule):
            fs = per_rule[rid]
            sev = max((f.severity for f in fs), key=lambda s: SEVERITY_RANK[s])
            out.append(f"| **{_md(rid)}** {_md(text_in(fs[0].title, lang))} | {SEV_LABEL[lang][sev]} | {len(fs)} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
