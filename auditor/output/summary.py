"""Summaries of a run: one row per file (the table after `full` output, `--summary FILE.csv|xlsx`)
and the findings per rule (`--statistics`, the rules sheet)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor.errors import UsageError
from auditor.model.severity import SEVERITY_RANK
from auditor.output.common import FAIL_RANK

if TYPE_CHECKING:
    from auditor.model.findings import Finding, RunResult


_STATUS = {
    "vi": {"ok": "đạt", "fail": "không đạt", "notes": "đạt (có lưu ý)", "invalid": "sai định dạng",
           "unreadable": "không đọc được", "skipped": "bỏ qua", "error": "lỗi nội bộ"},
    "en": {"ok": "pass", "fail": "fail", "notes": "pass (with notes)", "invalid": "invalid",
           "unreadable": "unreadable", "skipped": "skipped", "error": "internal error"},
}


_HEAD = {
    "vi": ["Tệp", "Đơn vị", "Kỳ báo cáo", "Lỗi", "Cảnh báo", "Thông tin", "Kết luận"],
    "en": ["File", "Unit", "Period", "Errors", "Warnings", "Infos", "Status"],
}


def file_status(status: str, counts: dict[str, int], fail_on: str = "warning") -> str:
    """ok | fail | notes | invalid | unreadable | skipped | error, with the same threshold as the
    exit code."""
    if status in ("invalid", "unreadable", "skipped", "error"):
        return status
    threshold = FAIL_RANK.get(fail_on, 2)
    if any(counts.get(s, 0) for s, r in SEVERITY_RANK.items() if r >= threshold):
        return "fail"
    if any(counts.values()):
        return "notes"
    return "ok"


def summary_rows(rr: RunResult, lang: str = "vi") -> list[list[Any]]:
    """[file, unit, period, errors, warnings, infos, status] per file of the run."""
    words = _STATUS[lang]
    rows = []
    for fr in rr.files:
        c = fr.counts
        rows.append([fr.path, fr.unit or "", fr.period or "", c.get("error", 0), c.get("warning", 0),
                     c.get("info", 0), words[file_status(fr.status, c, rr.fail_on)]])
    return rows


def render_summary_table(rr: RunResult, lang: str = "vi") -> str:
    """The per-file table printed at the end of `full` output (multi-file runs)."""
    from auditor.output.table import simple_table

    title = "Tổng hợp theo tệp" if lang == "vi" else "Summary by file"
    table = simple_table(summary_rows(rr, lang), _HEAD[lang],
                         colalign=("left", "left", "left", "right", "right", "right", "left"),
                         maxcolwidths=[None, 30, 24, None, None, None, None])
    return f"{title}\n{table}\n"


def summary_kind(out: str) -> str:
    suffix = Path(out).suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise UsageError(f"--summary phải là tệp .csv hoặc .xlsx: {out}",
                         f"--summary must be a .csv or .xlsx file: {out}")
    return suffix


def write_summary(rr: RunResult, out: str, lang: str = "vi",
                  per_rule: dict[str, dict[str, Any]] | None = None) -> None:
    """Write the per-file table to `out`: `.csv` (UTF-8 with a BOM, so that Excel shows the
    Vietnamese letters) or `.xlsx` (two sheets: files and rules). Raises `UsageError`."""
    suffix = summary_kind(out)
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is a dependency
        raise UsageError("Cần cài pandas để ghi --summary.", "pandas is needed for --summary.") from None
    from auditor.output.write import write_bytes, write_text

    df = pd.DataFrame([[_cell(v) for v in row] for row in summary_rows(rr, lang)], columns=_HEAD[lang])
    # made in memory, then written whole (output/write.py): a full disk is then one clear error,
    # not a half-saved workbook whose zip file complains when the interpreter exits
    if suffix == ".csv":
        write_text(out, "\ufeff" + df.to_csv(index=False))  # BOM: Excel shows the Vietnamese letters
        return
    write_bytes(out, _workbook(df, rr, lang, per_rule))


_CONTROL = "[\x00-\x08\x0b\x0c\x0e-\x1f]"  # (compiled by `re` at its first use)


def _cell(v: Any) -> Any:
    """A value for a spreadsheet cell: a lone surrogate (a file name, a unit's name, INP007) or
    a control character written as \\ud800 or \\x01, which a cell can hold."""
    if not isinstance(v, str):
        return v
    if not v.isascii():
        try:
            v.encode("utf-8")
        except UnicodeEncodeError:
            v = v.encode("utf-8", "backslashreplace").decode("utf-8")
    return re.sub(_CONTROL, lambda m: f"\\x{ord(m.group()):02x}", v)


def _workbook(df: Any, rr: RunResult, lang: str, per_rule: dict[str, dict[str, Any]] | None) -> bytes:
    """The .xlsx (two sheets: files and rules) as bytes."""
    import io

    import pandas as pd

    sev = {"error": "lỗi", "warning": "cảnh báo", "info": "thông tin"} if lang == "vi" else {}
    stats = pd.DataFrame([[s["count"], s["code"], sev.get(s["severity"], s["severity"]), _cell(s["name"])]
                          for s in statistics(rr, lang, per_rule)],
                         columns=(["Số lần", "Mã", "Mức", "Tên"] if lang == "vi"
                                  else ["Count", "Code", "Severity", "Title"]))
    buf = io.BytesIO()
    xw = pd.ExcelWriter(buf, engine="openpyxl")
    # (not `with`: should a sheet fail, closing would save a workbook without sheets and hide why)
    sheet_files = "Tệp" if lang == "vi" else "Files"
    sheet_rules = "Quy tắc" if lang == "vi" else "Rules"
    df.to_excel(xw, sheet_name=sheet_files, index=False)
    stats.to_excel(xw, sheet_name=sheet_rules, index=False)
    for name, frame in ((sheet_files, df), (sheet_rules, stats)):
        ws = xw.sheets[name]
        ws.freeze_panes = "A2"
        for i, col in enumerate(frame.columns):
            width = max([len(str(col))] + [len(str(v)) for v in frame[col].head(500)])
            ws.column_dimensions[ws.cell(row=1, column=i + 1).column_letter].width = min(width + 2, 70)
    xw.close()
    return buf.getvalue()


def count_rules(per: dict[str, dict[str, Any]], findings: Iterable[Finding], lang: str) -> None:
    for f in findings:
        if getattr(f, "suppressed", False):  # baselined or accepted: not reported
            continue
        s = per.get(f.rule_id)
        if s is None:
            s = per[f.rule_id] = {"count": 0, "code": f.rule_id,
                                  "name": f.title.vi if lang == "vi" else f.title.en,
                                  "severity": f.severity}
        s["count"] += 1
        if SEVERITY_RANK[f.severity] > SEVERITY_RANK[s["severity"]]:
            s["severity"] = f.severity


def merge_rule_counts(per: dict[str, dict[str, Any]], part: dict[str, dict[str, Any]]) -> None:
    """Add one file's counts per rule (`count_rules`) to the run's, as if counted together."""
    for rule_id, c in part.items():
        s = per.get(rule_id)
        if s is None:
            per[rule_id] = dict(c)
            continue
        s["count"] += c["count"]
        if SEVERITY_RANK[c["severity"]] > SEVERITY_RANK[s["severity"]]:
            s["severity"] = c["severity"]


def statistics(rr: RunResult, lang: str = "vi",
               per_rule: dict[str, dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Findings per rule, most frequent first (then by code): {count, code, name, severity}.
    `per_rule`: counts already made (a streamed run keeps no findings)."""
    per: dict[str, dict[str, Any]] = {}
    if per_rule is not None:
        per = per_rule
    else:
        count_rules(per, rr.findings, lang)
    return sorted(per.values(), key=lambda s: (-s["count"], s["code"]))


def render_statistics(rr: RunResult, lang: str = "vi", fmt: str = "text",
                      per_rule: dict[str, dict[str, Any]] | None = None) -> str:
    """`--statistics`: `count  code  [severity]  title` lines (ruff), or a JSON array."""
    import json

    stats = statistics(rr, lang, per_rule)
    if fmt == "json":
        return json.dumps(stats, ensure_ascii=False, indent=2) + "\n"
    if not stats:
        return ("Không có phát hiện nào." if lang == "vi" else "No findings.") + "\n"
    w = max(len(str(s["count"])) for s in stats)
    cw = max(len(s["code"]) for s in stats)
    sw = max(len(s["severity"]) for s in stats) + 2
    return "".join(f"{s['count']:>{w}}  {s['code']:<{cw}}  {'[' + s['severity'] + ']':<{sw}}  {s['name']}\n"
                   for s in stats)
