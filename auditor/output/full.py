"""`full`: the readable table, findings grouped by severity, file by file."""

from __future__ import annotations

import os
import sys

from auditor.output.common import BASELINED, LINK_LABEL, SEV_LABEL, baseline_note, location_text, message, summary_line
from auditor.output.table import simple_table

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from auditor.model.findings import FileResult, Finding, RunResult


def render_full(rr: RunResult, lang: str = "vi") -> str:
    out: list[str] = []
    by_file: dict[str, list[Finding]] = {}
    for f in rr.findings:
        by_file.setdefault(f.file, []).append(f)
    for fr in rr.files:
        out.extend(full_file_block(fr, by_file.get(fr.path, []), lang))
    if len(rr.files) > 1:  # multi-file runs: one line per file (batch.py)
        from auditor.output.summary import render_summary_table

        out.append(render_summary_table(rr, lang))
    out.append(summary_line(rr, lang))
    return "\n".join(out) + "\n"


def _terminal_columns(fallback: int) -> int:
    """`shutil.get_terminal_size((fallback, 24)).columns`, without importing shutil (and bz2,
    lzma … with it) at every run: $COLUMNS, else the terminal of stdout, else `fallback`."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = fallback
    return columns or fallback


def full_file_block(fr: FileResult, findings: list[Finding], lang: str = "vi") -> list[str]:
    """The lines of `full` output for one file (batch.py streams big runs file by file)."""
    width = max(_terminal_columns(120), 80)
    msg_width = max(width - 45, 40)
    out: list[str] = []
    desc = " · ".join(x for x in (fr.unit, fr.period) if x)
    out.append(f"{fr.path}" + (f" — {desc}" if desc else ""))
    if not findings:
        out.append("  " + ("Không có phát hiện nào." if lang == "vi" else "No findings."))
        out.append("")
        return out
    for sev in ("error", "warning", "info", "baselined"):
        group = [f for f in findings if (f.severity == sev and not f.suppressed)
                 or (sev == "baselined" and f.suppressed)]
        if not group:
            continue
        out.append(f"  {SEV_LABEL[lang].get(sev, BASELINED[lang])} ({len(group)})")
        rows = []
        for f in group:
            rows.append([f.rule_id, location_text(f, lang), message(f, lang) + baseline_note(f, lang)])
            for c in f.consequences or []:  # one defect, one finding: the rest nested under it
                rows.append([f"  ↳ {c.rule_id}", location_text(c, lang),
                             f"({LINK_LABEL[lang].get(c.link or '', '')}) {message(c, lang)}"])
        headers = (["Quy tắc", "Vị trí", "Nội dung"] if lang == "vi" else ["Rule", "Location", "Message"])
        table = simple_table(rows, headers, maxcolwidths=[None, 28, msg_width])
        out.extend("    " + line for line in table.splitlines())
        out.append("")
    return out
