"""Summaries of a run: one row per file (the table after `full` output, `--summary FILE.csv|xlsx`)
and the findings per rule (`--statistics`, the rules sheet)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from auditor.errors import UsageError
from auditor.model.severity import SEVERITY_RANK
from auditor.output.common import FAIL_RANK

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from typing import Any

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
    from pathlib import Path

    suffix = Path(out).suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise UsageError(f"--summary phải là tệp .csv hoặc .xlsx: {out}",
                         f"--summary must be a .csv or .xlsx file: {out}")
    return suffix


def write_summary(rr: RunResult, out: str, lang: str = "vi",
                  per_rule: dict[str, dict[str, Any]] | None = None,
                  rows: list[list[Any]] | None = None) -> None:
    """Write the per-file table to `out`: `.csv` (UTF-8 with a BOM, so that Excel shows the
    Vietnamese letters) or `.xlsx` (sheets: files, findings, units × rules, rules). `rows`:
    the findings' rows (`finding_rows`) when the run kept no findings (a streamed run).
    Raises `UsageError`."""
    suffix = summary_kind(out)
    from auditor.output.write import write_bytes, write_text

    files = [[_cell(v) for v in row] for row in summary_rows(rr, lang)]
    # made in memory, then written whole (output/write.py): a full disk is then one clear error,
    # never a half-saved file nor a zip file complaining when the interpreter exits
    if suffix == ".csv":
        import pandas as pd

        text = pd.DataFrame(files, columns=_HEAD[lang]).to_csv(index=False)
        write_text(out, "\ufeff" + text)  # BOM: Excel shows the Vietnamese letters
        return
    import io

    from auditor.output.xlsx import write_workbook

    if rows is None:
        rows = findings_rows(rr, lang)
    stats = [{**st, "name": _cell(st["name"])} for st in statistics(rr, lang, per_rule)]
    buf = io.BytesIO()
    write_workbook(buf, lang, files, _HEAD[lang], [[_cell(v) for v in row] for row in rows],  # type: ignore[arg-type]
                   FINDING_HEAD[lang], stats, SEV_WORD[lang])
    write_bytes(out, buf.getvalue())


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


FINDING_HEAD = {
    "vi": ["Tệp", "Đơn vị", "Kỳ báo cáo", "Quy tắc", "Mức", "Nội dung", "Vị trí trong văn bản", "Số ghi",
           "Giá trị đúng", "Cách sửa"],
    "en": ["File", "Unit", "Period", "Rule", "Severity", "Message", "Place in the document", "Stated",
           "Expected", "How to fix"],
}
SEV_WORD = {"vi": {"error": "lỗi", "warning": "cảnh báo", "info": "thông tin"},
            "en": {"error": "error", "warning": "warning", "info": "info"}}


def findings_rows(rr: RunResult, lang: str = "vi") -> list[list[Any]]:
    """One row per finding of the run (the “Phát hiện” sheet), in the order of the files."""
    info = {fr.path: fr for fr in rr.files}
    by_file: dict[str, list[Finding]] = {}
    for f in rr.findings:
        by_file.setdefault(f.file, []).append(f)
    out: list[list[Any]] = []
    for path, fs in by_file.items():
        out.extend(finding_rows(info.get(path), fs, lang))
    return out


def finding_rows(fr: Any, findings: Iterable[Finding], lang: str = "vi") -> list[list[Any]]:
    """[file, unit, period, rule, severity, message, place, stated, expected, fix] per finding
    of one file (suppressed ones left out, as in the counts)."""
    from auditor.output.common import consequence_note, doc_place, is_json_file, rules_by_id, text_in

    rules = rules_by_id()
    words = SEV_WORD[lang]
    line_word = "dòng" if lang == "vi" else "line"
    out = []
    for f in findings:
        if getattr(f, "suppressed", False):
            continue
        place = doc_place(f.src, lang)
        if place is None and f.line:  # a JSON report without its document's place: the file's line
            place = f"{line_word} {f.line}" + ("" if not is_json_file(f.file) else " (JSON)")
        fix = getattr(f, "fix", None)
        rule = rules.get(f.rule_id)
        fix_text = text_in(fix, lang) if fix is not None else (text_in(rule.fix, lang) if rule and rule.fix else "")
        out.append([f.file, getattr(fr, "unit", None) or "", getattr(fr, "period", None) or "", f.rule_id,
                    words[f.severity], text_in(f.message, lang) + consequence_note(f, lang),  # (grouped ones)
                    place or f.pointer or "/", f.stated or "",
                    f.expected or "", fix_text])
    return out


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
