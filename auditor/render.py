"""Render a run result: `full` (readable table grouped by severity), `concise`, `json`."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from typing import TYPE_CHECKING

from .severity import SEVERITY_RANK
from .table import simple_table

if TYPE_CHECKING:
    from .findings import FileResult, Finding, RunResult

SEV_LABEL = {
    "vi": {"error": "LỖI", "warning": "CẢNH BÁO", "info": "THÔNG TIN"},
    "en": {"error": "ERROR", "warning": "WARNING", "info": "INFO"},
}


def _msg(f: Finding, lang: str) -> str:
    return f.message.vi if lang == "vi" else f.message.en


BASELINED = {"vi": "ĐÃ BIẾT — CÓ TRONG BASELINE, KHÔNG TÍNH", "en": "BASELINED — KNOWN, NOT COUNTED"}


def _known(f: Finding, lang: str) -> str:
    if not f.suppressed:
        return ""
    sev = SEV_LABEL[lang][f.severity].lower()
    if f.justification:
        return f" [{sev}; " + ("đã chấp nhận: " if lang == "vi" else "accepted: ") + f"{f.justification}]"
    return f" [{sev}]"


def _where(f: Finding, lang: str = "vi") -> str:
    """JSON line:column, pointer, and the place in the original document when known."""
    loc = f"{f.line}:{f.column}" if f.line else ""
    src = ""
    if f.src and f.src.line:
        src = f"{'văn bản gốc, dòng' if lang == 'vi' else 'original, line'} {f.src.line}"
    elif f.src and f.src.table:
        src = (f"{'bảng' if lang == 'vi' else 'table'} {f.src.table}"
               + (f", {'dòng' if lang == 'vi' else 'row'} {f.src.row}" if f.src.row else ""))
    elif f.src and f.src.paragraph:
        src = f"{'đoạn' if lang == 'vi' else 'paragraph'} {f.src.paragraph}"
    parts = [p for p in (loc, f.pointer or "/", src) if p]
    return "\n".join(parts)


def summary_line(rr: RunResult, lang: str) -> str:
    s, st = rr.summary, rr.stats
    n = s.get("files", len(rr.files))
    if lang == "vi":
        head = (f"Tìm thấy {s.get('error', 0)} lỗi, {s.get('warning', 0)} cảnh báo, "
                f"{s.get('info', 0)} thông tin trong {n} tệp.")
        tail = (f"Đã đánh giá {st.evaluated} kiểm tra: {st.passed} đạt, {st.failed} không đạt; "
                f"{st.skipped} bỏ qua vì thiếu dữ liệu.")
    else:
        def n_(k: int, word: str) -> str:
            return f"{k} {word}{'' if k == 1 else 's'}"
        head = (f"Found {n_(s.get('error', 0), 'error')}, {n_(s.get('warning', 0), 'warning')}, "
                f"{n_(s.get('info', 0), 'info')} in {n_(n, 'file')}.")
        tail = (f"Evaluated {st.evaluated} checks: {st.passed} passed, {st.failed} failed; "
                f"{st.skipped} skipped for missing data.")
    if s.get("baselined"):  # baseline.py: known findings, shown but not counted
        head += (f" {s['baselined']} phát hiện đã có trong baseline (không tính)." if lang == "vi"
                 else f" {s['baselined']} baselined (known, not counted).")
    return f"{head}\n{tail}"


def render_full(rr: RunResult, lang: str = "vi") -> str:
    out: list[str] = []
    by_file: dict[str, list[Finding]] = {}
    for f in rr.findings:
        by_file.setdefault(f.file, []).append(f)
    for fr in rr.files:
        out.extend(full_file_block(fr, by_file.get(fr.path, []), lang))
    if len(rr.files) > 1:  # multi-file runs: one line per file (batch.py)
        from .batch import render_summary_table

        out.append(render_summary_table(rr, lang))
    out.append(summary_line(rr, lang))
    return "\n".join(out) + "\n"


def full_file_block(fr: FileResult, findings: list[Finding], lang: str = "vi") -> list[str]:
    """The lines of `full` output for one file (batch.py streams big runs file by file)."""
    width = max(shutil.get_terminal_size((120, 24)).columns, 80)
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
        rows = [[f.rule_id, _where(f, lang), _msg(f, lang) + _known(f, lang)] for f in group]
        headers = (["Quy tắc", "Vị trí", "Nội dung"] if lang == "vi" else ["Rule", "Location", "Message"])
        table = simple_table(rows, headers, maxcolwidths=[None, 28, msg_width])
        out.extend("    " + line for line in table.splitlines())
        out.append("")
    return out


def concise_line(f: Finding, lang: str = "vi") -> str:
    loc = f"{f.line}:{f.column}" if f.line else "0:0"
    known = ", baseline" if f.suppressed else ""
    return f"{f.file}:{loc}: {f.rule_id} [{f.severity}{known}] {_msg(f, lang)} [{f.pointer or '/'}]"


def render_concise(rr: RunResult, lang: str = "vi") -> str:
    lines = [concise_line(f, lang) for f in rr.findings]
    lines.append(summary_line(rr, lang))
    return "\n".join(lines) + "\n"


def render_json(rr: RunResult, lang: str = "vi") -> str:
    return json.dumps(rr.to_json(), ensure_ascii=False, indent=2) + "\n"


RENDERERS: dict[str, Callable[[RunResult, str], str]] = {
    "full": render_full,
    "concise": render_concise,
    "json": render_json,
}


def worst(rr: RunResult) -> int:
    return max((SEVERITY_RANK[f.severity] for f in rr.findings), default=0)


from .formats import register_formats  # noqa: E402  (formats imports render lazily)

register_formats(RENDERERS)
