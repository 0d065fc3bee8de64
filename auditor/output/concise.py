"""`concise`: one line per finding, `file:line:col: RULE [severity] message [pointer]`.

A finding in a file without lines to point at (a .docx) gives its place in the document's own
terms instead (`bao_cao.docx:đoạn 27: …`, `bao_cao.docx:bảng 1, dòng 12, cột 7: …`), as ruff
names a notebook's cell; a finding with no place at all gives only the file (`file: …`)."""

from __future__ import annotations

from auditor.output.common import consequence_note, finding_place, message, summary_line

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from auditor.model.findings import Finding, RunResult


def concise_location(f: Finding, lang: str = "vi") -> str:
    """`line:col:`, `place:` or the empty string (what follows `file:`)."""
    if f.line:
        return f"{f.line}:{f.column or 1}:"
    place = finding_place(f, lang)
    return f"{place}:" if place else ""


def concise_line(f: Finding, lang: str = "vi") -> str:
    known = ", baseline" if f.suppressed else ""
    return (f"{f.file}:{concise_location(f, lang)} {f.rule_id} [{f.severity}{known}] {message(f, lang)}"
            f"{consequence_note(f, lang)} [{f.pointer or '/'}]")


def render_concise(rr: RunResult, lang: str = "vi") -> str:
    lines = [concise_line(f, lang) for f in rr.findings]
    lines.append(summary_line(rr, lang))
    return "\n".join(lines) + "\n"
