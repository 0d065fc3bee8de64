"""`concise`: one line per finding, `file:line:col: RULE [severity] message [pointer]`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from auditor.output.common import consequence_note, message, summary_line

if TYPE_CHECKING:
    from auditor.model.findings import Finding, RunResult


def concise_line(f: Finding, lang: str = "vi") -> str:
    loc = f"{f.line}:{f.column}" if f.line else "0:0"
    known = ", baseline" if f.suppressed else ""
    return f"{f.file}:{loc}: {f.rule_id} [{f.severity}{known}] {message(f, lang)}{consequence_note(f, lang)} [{f.pointer or '/'}]"


def render_concise(rr: RunResult, lang: str = "vi") -> str:
    lines = [concise_line(f, lang) for f in rr.findings]
    lines.append(summary_line(rr, lang))
    return "\n".join(lines) + "\n"
