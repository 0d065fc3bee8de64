"""`github`: workflow commands, most severe first, then one notice with the totals."""

from __future__ import annotations

from auditor.output.common import consequence_note, finding_place, message, most_severe_first, pointer_shown, rel_path

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from auditor.model.findings import RunResult


GITHUB_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def gh_escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def gh_escape_property(s: str) -> str:
    return gh_escape_data(s).replace(":", "%3A").replace(",", "%2C")


def render_github(rr: RunResult, lang: str = "vi") -> str:
    """GitHub Actions annotations. GitHub shows at most 10 of each kind per step, so the most
    severe come first and a last notice gives the totals."""
    from auditor.output.common import summary_line

    lines = []
    for f in most_severe_first(rr.findings):
        props = [f"file={gh_escape_property(rel_path(f.file))}"]
        if f.line:
            props.append(f"line={f.line}")
            if f.column:
                props.append(f"col={f.column}")
        props.append(f"title={gh_escape_property(f.rule_id)}")
        place = finding_place(f, lang)  # a .docx has no line: its paragraph or cell, in the text
        text = f"{message(f, lang)}{consequence_note(f, lang)}" + (f" ({place})" if place else "") + \
            f" [{pointer_shown(f.pointer)}]"
        lines.append(f"::{GITHUB_COMMAND[f.severity]} {','.join(props)}::{gh_escape_data(text)}")
    total = " ".join(summary_line(rr, lang).splitlines())
    lines.append(f"::notice title={gh_escape_property(rr.tool.name)}::{gh_escape_data(total)}")
    return "\n".join(lines) + "\n"
