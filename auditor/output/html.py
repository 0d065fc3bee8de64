"""The printable report (`audit report.json -f html`): one self-contained HTML file.

No external assets and no JavaScript: inline CSS (screen and print), so the file can be
e-mailed, archived with the submission and printed (or saved as PDF) as it is. Vietnamese by
default, English with `--lang en`. Content (cli_conventions.md §4):

- header: tool and rule-set version, date of the run, threshold; per file: input path and
  SHA-256, unit and period;
- verdict and counts by severity, checks evaluated and passed; findings per rule;
- findings grouped by the section of the report they are in (the item's `section` field, shown
  as a breadcrumb of the report's headings; else by kind of item), each with the stated and
  expected numbers, the computation, the evidence, the legal basis, how to fix it (the rule's
  `fix`) and whether it is new or already known (baseline);
- the checks that passed, collapsed (`<details>`); suppressed findings with their justification;
- one section per file for multi-file runs, each starting on a new page when printed.

Sections are found by reading the audited file again (plain JSON, no validation) when it is
still there and has the same SHA-256; otherwise findings are grouped by kind of item.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor.model.severity import SEVERITY_RANK
from auditor.output.annotate import DOC_CSS, Numbered, render_document
from auditor.output.common import LINK_LABEL, doc_place, fix_text

if TYPE_CHECKING:
    from auditor.model.findings import DocumentText, FileResult, Finding, RunResult

_SEVERITIES = ("error", "warning", "info")
_FAIL_RANK = {"error": 3, "warning": 2, "info": 1, "never": 99}

_T: dict[str, dict[str, Any]] = {
    "vi": {
        "title": "Báo cáo kiểm tra số liệu", "subtitle": "Báo cáo công tác thi đua, khen thưởng",
        "tool": "Công cụ", "ruleset": "Bộ quy tắc", "run_date": "Ngày kiểm tra", "threshold": "Ngưỡng không đạt",
        "files_n": "Số tệp", "file": "Tệp", "input": "Tệp đầu vào", "unit": "Đơn vị", "period": "Kỳ báo cáo",
        "status": "Kết luận", "verdict": "Kết luận chung", "checks": "Kiểm tra",
        "checks_text": "{evaluated} phép kiểm tra được đánh giá: {passed} đạt, {failed} không đạt; "
                       "{skipped} bỏ qua vì thiếu dữ liệu.",
        "overview": "Tổng hợp theo tệp", "per_rule": "Phát hiện theo quy tắc", "rule": "Quy tắc",
        "count": "Số lần", "severity": "Mức", "findings": "Các phát hiện, theo mục của báo cáo",
        "none": "Không có phát hiện nào.", "passed": "Các kiểm tra đã đạt", "where": "Vị trí",
        "suppressed": "Phát hiện đã được chấp nhận (không tính)", "justification": "Lý do",
        "stated": "Báo cáo ghi", "expected": "Giá trị đúng", "formula": "Phép tính", "imbalance": "Chênh lệch",
        "item": "Nội dung", "pointer": "Vị trí trong tệp", "line": "dòng {line}, cột {column}",
        "src": "Nguồn (văn bản gốc)", "evidence": "Số liệu liên quan", "role": "Vai trò", "text": "Số ghi",
        "value": "Giá trị", "legal": "Căn cứ", "fix": "Cách sửa", "hint": "Gợi ý", "state": "Tình trạng",
        "fp": "Mã nhận dạng", "explain": "Xem thêm: audit explain {rule}", "general": "Toàn bộ tệp",
        "no_section": "Khác", "page": "Trang", "generated": "Tạo bởi {tool} {version}",
        "document": "Văn bản báo cáo, các phát hiện được đánh dấu tại chỗ",
        "document_note": "Số bị đánh dấu là số có phát hiện (bấm vào để xem); số gạch chân chấm là số liên quan. "
                         "Ghi chú dưới mỗi đoạn, mỗi bảng nêu các phát hiện tại đó.",
        "document_json": "Tệp JSON (chỉ các dòng có phát hiện và lân cận)",
        "not_placed": "Phát hiện không gắn với một vị trí trong văn bản: {refs}.",
        "in_text": "↑ xem trong văn bản", "charts": "Tổng quan",
        "chart_units": "Phát hiện theo đơn vị và mức độ", "chart_rules": "Các quy tắc không đạt nhiều nhất",
        "files_word": "tệp",
        "fail_on": {"error": "lỗi", "warning": "cảnh báo", "info": "thông tin", "never": "không bao giờ"},
        "sev": {"error": "Lỗi", "warning": "Cảnh báo", "info": "Thông tin"},
        "sev_badge": {"error": "LỖI", "warning": "CẢNH BÁO", "info": "THÔNG TIN"},
        "verdicts": {"ok": "ĐẠT", "fail": "KHÔNG ĐẠT", "notes": "ĐẠT (CÓ LƯU Ý)",
                     "invalid": "KHÔNG ĐÚNG ĐỊNH DẠNG", "unreadable": "KHÔNG ĐỌC ĐƯỢC", "skipped": "BỎ QUA"},
        "states": {"new": "Mới", "unchanged": "Đã biết", "updated": "Đã biết (số liệu thay đổi)",
                   "absent": "Đã khắc phục"},
        "roles": {"stated": "số được kiểm tra", "operand": "số dùng để tính", "mention": "lần nêu"},
        "kinds": {"meta": "Thông tin chung", "sections": "Nội dung văn bản", "tables": "Bảng",
                  "indicators": "Chỉ tiêu", "totals": "Tổng và các phần", "structures": "Cơ cấu",
                  "rates": "Tỷ lệ", "products": "Phép nhân", "differences": "Hiệu số",
                  "facts": "Số liệu nêu nhiều lần", "counts": "Số đếm", "awards": "Khen thưởng",
                  "council": "Hội đồng Thi đua - Khen thưởng", "references": "Văn bản viện dẫn",
                  "mentions": "Mốc thời gian, nhiệm kỳ", "appendices": "Phụ lục"},
        "fields": {"th": "thực hiện", "kh": "kế hoạch", "ck": "cùng kỳ", "pct_kh": "% KH",
                   "pct_ck": "% cùng kỳ", "remaining": "còn lại", "total": "tổng", "value": "giá trị",
                   "share": "tỷ trọng", "percent": "tỷ lệ", "numerator": "tử số", "denominator": "mẫu số",
                   "result": "kết quả", "amount": "số tiền", "total_amount": "tổng số tiền",
                   "stated": "số nêu", "date": "ngày", "number": "số"},
    },
    "en": {
        "title": "Audit report", "subtitle": "Report on thi đua, khen thưởng (emulation and commendation)",
        "tool": "Tool", "ruleset": "Rule set", "run_date": "Date of run", "threshold": "Fails on",
        "files_n": "Files", "file": "File", "input": "Input file", "unit": "Unit", "period": "Period",
        "status": "Verdict", "verdict": "Overall verdict", "checks": "Checks",
        "checks_text": "{evaluated} checks evaluated: {passed} passed, {failed} failed; "
                       "{skipped} skipped for missing data.",
        "overview": "Summary by file", "per_rule": "Findings by rule", "rule": "Rule", "count": "Count",
        "severity": "Severity", "findings": "Findings, by section of the report", "none": "No findings.",
        "passed": "Checks that passed", "where": "Where",
        "suppressed": "Accepted findings (not counted)", "justification": "Justification",
        "stated": "Stated", "expected": "Expected", "formula": "Computation", "imbalance": "Difference",
        "item": "Item", "pointer": "Location in the file", "line": "line {line}, column {column}",
        "src": "Source (original document)", "evidence": "Values involved", "role": "Role", "text": "As written",
        "value": "Value", "legal": "Legal basis", "fix": "How to fix", "hint": "Hint", "state": "State",
        "fp": "Fingerprint", "explain": "See: audit explain {rule}", "general": "Whole file",
        "no_section": "Other", "page": "Page", "generated": "Generated by {tool} {version}",
        "document": "The report as written, with its findings marked in place",
        "document_note": "Highlighted numbers have findings (select one to read it); dotted underlines mark the "
                         "other values involved. The notes under each paragraph and table list its findings.",
        "document_json": "JSON file (only the lines with findings and around them)",
        "not_placed": "Findings not tied to a place in the text: {refs}.",
        "in_text": "↑ see in the text", "charts": "Overview",
        "chart_units": "Findings per unit, by severity", "chart_rules": "Rules failed most often",
        "files_word": "files",
        "fail_on": {"error": "error", "warning": "warning", "info": "info", "never": "never"},
        "sev": {"error": "Error", "warning": "Warning", "info": "Info"},
        "sev_badge": {"error": "ERROR", "warning": "WARNING", "info": "INFO"},
        "verdicts": {"ok": "PASS", "fail": "FAIL", "notes": "PASS (WITH NOTES)", "invalid": "INVALID FORMAT",
                     "unreadable": "UNREADABLE", "skipped": "SKIPPED"},
        "states": {"new": "New", "unchanged": "Already known", "updated": "Already known (values changed)",
                   "absent": "Corrected"},
        "roles": {"stated": "value checked", "operand": "value used", "mention": "mention"},
        "kinds": {"meta": "General information", "sections": "Text of the report", "tables": "Tables",
                  "indicators": "Indicators", "totals": "Totals and parts", "structures": "Structures",
                  "rates": "Rates", "products": "Products", "differences": "Differences",
                  "facts": "Quantities stated more than once", "counts": "Counts", "awards": "Awards",
                  "council": "Emulation and commendation council", "references": "Documents cited",
                  "mentions": "Dates, terms and anniversaries", "appendices": "Appendices"},
        "fields": {"th": "actual", "kh": "plan", "ck": "same period", "pct_kh": "% of plan",
                   "pct_ck": "% of same period", "remaining": "remaining", "total": "total", "value": "value",
                   "share": "share", "percent": "rate", "numerator": "numerator", "denominator": "denominator",
                   "result": "result", "amount": "amount", "total_amount": "total amount", "stated": "stated",
                   "date": "date", "number": "number"},
    },
}

_CSS = """
:root { --err: #b42318; --err-bg: #fef3f2; --warn: #b54708; --warn-bg: #fffaeb; --info: #175cd3;
  --info-bg: #eff8ff; --ok: #067647; --ok-bg: #ecfdf3; --ink: #1d2939; --muted: #667085; --line: #d0d5dd; }
* { box-sizing: border-box; }
html { font-family: "Noto Sans", "Segoe UI", "DejaVu Sans", "Liberation Sans", Arial, sans-serif;
  color: var(--ink); font-size: 14px; line-height: 1.45; }
body { max-width: 1100px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 1.7rem; margin: 0 0 2px; }
h2 { font-size: 1.3rem; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
h3 { font-size: 1.1rem; margin: 22px 0 8px; }
h4 { font-size: 0.98rem; margin: 18px 0 8px; color: #344054; background: #f2f4f7; padding: 4px 8px;
  border-left: 4px solid #98a2b3; }
.subtitle { color: var(--muted); margin: 0 0 14px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f2f4f7; font-weight: 600; }
table.meta th { width: 13em; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.tnum { font-variant-numeric: tabular-nums; }
code, .mono { font-family: "DejaVu Sans Mono", "Liberation Mono", Consolas, monospace; font-size: 0.9em;
  overflow-wrap: anywhere; }
.verdict-row { display: flex; flex-wrap: wrap; gap: 10px; align-items: stretch; margin: 10px 0; }
.verdict { font-size: 1.25rem; font-weight: 700; padding: 10px 18px; border-radius: 6px; border: 2px solid; }
.verdict.ok, .verdict.notes { color: var(--ok); background: var(--ok-bg); border-color: var(--ok); }
.verdict.fail, .verdict.invalid, .verdict.unreadable { color: var(--err); background: var(--err-bg);
  border-color: var(--err); }
.count { min-width: 7.5em; padding: 6px 12px; border-radius: 6px; border: 1px solid var(--line); }
.count b { display: block; font-size: 1.35rem; }
.count.error b { color: var(--err); } .count.warning b { color: var(--warn); } .count.info b { color: var(--info); }
.checks { color: #344054; margin: 4px 0 12px; }
.badge { display: inline-block; font-size: 0.75rem; font-weight: 700; letter-spacing: .03em;
  padding: 1px 7px; border-radius: 4px; color: #fff; vertical-align: 1px; }
.badge.error { background: var(--err); } .badge.warning { background: var(--warn); }
.badge.info { background: var(--info); } .badge.ok { background: var(--ok); }
.badge.fail, .badge.invalid, .badge.unreadable { background: var(--err); } .badge.notes { background: var(--ok); }
.state { font-size: 0.8rem; border: 1px solid var(--line); border-radius: 10px; padding: 0 8px;
  color: #344054; margin-left: 6px; white-space: nowrap; }
.state.new { border-color: var(--err); color: var(--err); }
article.finding { border: 1px solid var(--line); border-left: 5px solid var(--muted); border-radius: 4px;
  padding: 8px 12px 4px; margin: 10px 0; }
article.finding .num { display: inline-block; min-width: 1.6em; text-align: center; font-weight: 700;
  border: 1px solid var(--line); border-radius: 8px; margin-right: 4px; }
article.finding .back { font-size: 0.85em; margin-left: 8px; font-weight: 400; }
svg.chart { max-width: 100%; height: auto; margin: 4px 0 12px; }
table.evidence code.ptr { white-space: nowrap; overflow-wrap: normal; }
.charts h4 { background: none; border: none; padding: 0; color: var(--ink); }
article.finding.error { border-left-color: var(--err); }
article.finding.warning { border-left-color: var(--warn); }
article.finding.info { border-left-color: var(--info); }
article.finding header { font-weight: 600; }
article.finding .msg { margin: 6px 0 8px; }
article.finding table.detail th { width: 12em; font-weight: 600; }
.ocr-crop { display: inline-block; vertical-align: middle; height: 1.8em; border: 1px solid var(--line);
            margin-left: 6px; image-rendering: auto; }
.numbers { display: flex; flex-wrap: wrap; gap: 8px; margin: 4px 0 8px; }
.numbers div { border: 1px solid var(--line); border-radius: 4px; padding: 3px 10px; }
.numbers .lbl { display: block; font-size: 0.75rem; color: var(--muted); }
.numbers .stated .v { color: var(--err); font-weight: 700; }
.numbers .expected .v { color: var(--ok); font-weight: 700; }
ul.plain { margin: 0; padding-left: 1.2em; }
details { margin: 12px 0; border: 1px solid var(--line); border-radius: 4px; padding: 6px 10px; }
details > summary { cursor: pointer; font-weight: 600; }
section.file { margin-top: 10px; }
footer { margin-top: 36px; color: var(--muted); font-size: 0.85rem; border-top: 1px solid var(--line);
  padding-top: 6px; }
a { color: #175cd3; }
@page { size: A4; margin: 16mm 14mm 18mm; }
@media print {
  /* Nothing tall is kept in one piece: a finding may continue on the next page (its head, a
     table row and a paragraph of the document may not). A block that must not break, taller
     than what is left of a page, left the rest of the page empty; Chromium even stretched the
     heading before it (with break-after: avoid) down to the foot of the page. */
  html { font-size: 11px; }
  body { max-width: none; padding: 0; }
  section.file.multi { break-before: page; page-break-before: always; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  article.finding .fhead, tr, .verdict-row, svg.chart { break-inside: avoid; page-break-inside: avoid; }
  table.detail tr.ev { break-inside: auto; page-break-inside: auto; }
  /* the footer and a finding's last row never stand alone on the last page */
  table.detail tr:last-child, div.consequences { break-before: avoid; page-break-before: avoid; }
  div.consequences li { break-inside: avoid; page-break-inside: avoid; }
  /* the tool and rule set are in the header of the first page: the footer, which a full last
     page pushed alone onto a page of its own, is left off paper */
  footer { display: none; }
  details.passed { display: none; }  /* collapsed on paper: the counts are in the header */
  a { color: inherit; text-decoration: none; }
  .verdict, .count, .badge, .state, h4, th, svg.chart { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


# ----------------------------------------------------------------------------------- helpers


def _e(s: Any) -> str:
    return escape("" if s is None else str(s), quote=True)


def _t(text: Any, lang: str) -> str:
    if text is None:
        return ""
    return text.vi if lang == "vi" else text.en


def _run_date(lang: str) -> str:
    """Now (or SOURCE_DATE_EPOCH, for reproducible files), local time."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        now = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    else:
        now = dt.datetime.now().astimezone()
    tz = now.strftime("%z")
    tz = f"UTC{tz[:3]}:{tz[3:]}" if tz else ""
    if lang == "vi":
        return f"{now:%H:%M} ngày {now.day:02d}/{now.month:02d}/{now.year} ({tz})"
    return f"{now:%Y-%m-%d %H:%M} ({tz})"


def _verdict(status: str, counts: dict[str, int], fail_on: str) -> str:
    if status in ("invalid", "unreadable", "skipped"):
        return status
    threshold = _FAIL_RANK.get(fail_on, 2)
    if any(counts.get(s, 0) for s in _SEVERITIES if SEVERITY_RANK[s] >= threshold):
        return "fail"
    return "notes" if any(counts.get(s, 0) for s in _SEVERITIES) else "ok"


def _counts(findings: list[Finding]) -> dict[str, int]:
    return {s: sum(1 for f in findings if f.severity == s) for s in _SEVERITIES}


def _rule_meta() -> dict[str, Any]:
    from auditor.engine.ruleset import RuleError, load_rules

    try:
        return {r.id: r for r in load_rules().rules}
    except RuleError:
        return {}


def _is_suppressed(f: Finding) -> bool:
    return bool(getattr(f, "suppressed", False))


def _justification(f: Finding) -> str | None:
    for name in ("justification", "suppression_justification"):
        v = getattr(f, name, None)
        if v:
            return str(v)
    sup = getattr(f, "suppression", None)
    if sup is not None:
        v = getattr(sup, "justification", None) or (sup.get("justification") if isinstance(sup, dict) else None)
        if v:
            return str(v)
    return None


def _state(f: Finding) -> str:
    s = getattr(f, "baseline_state", None)
    return s if s in ("new", "unchanged", "updated", "absent") else "new"


# ------------------------------------------------------------------------ sections of a report


def _tokens(pointer: str) -> list[str]:
    if not pointer:
        return []
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]


class _Sections:
    """Pointer -> section of the report (breadcrumb of headings), from the audited file."""

    def __init__(self, data: Any) -> None:
        self.data = data if isinstance(data, dict) else None
        self.crumbs: dict[str, list[str]] = {}
        self.order: dict[str, int] = {}
        secs = self.data.get("sections") if self.data else None
        stack: list[tuple[int, str]] = []
        for i, s in enumerate(secs if isinstance(secs, list) else []):
            if not isinstance(s, dict) or not isinstance(s.get("id"), str):
                continue
            level = s.get("level") if isinstance(s.get("level"), int) else 1
            label = " ".join(str(x) for x in (s.get("number"), s.get("heading")) if x) or s["id"]
            # level 0 (preamble, closing) stands alone: it is nobody's parent
            while stack and (stack[-1][0] >= level or stack[-1][0] <= 0):
                stack.pop()
            stack.append((level, label))
            self.crumbs[s["id"]] = [lbl for _, lbl in stack]
            self.order[s["id"]] = i

    def section_of(self, pointer: str) -> str | None:
        """The `section` of the deepest object on the pointer's path (or the section itself)."""
        if self.data is None:
            return None
        node: Any = self.data
        found: str | None = None
        toks = _tokens(pointer)
        if len(toks) >= 2 and toks[0] == "sections" and toks[1].isdigit():
            secs = self.data.get("sections")
            i = int(toks[1])
            if isinstance(secs, list) and i < len(secs) and isinstance(secs[i], dict):
                sid = secs[i].get("id")
                return sid if isinstance(sid, str) else None
        for tok in toks:
            if isinstance(node, dict):
                if isinstance(node.get("section"), str) and node["section"]:
                    found = node["section"]
                node = node.get(tok)
            elif isinstance(node, list) and tok.isdigit() and int(tok) < len(node):
                node = node[int(tok)]
            else:
                break
        if isinstance(node, dict) and isinstance(node.get("section"), str) and node["section"]:
            found = node["section"]
        return found


def _load_sections(fr: FileResult | None) -> _Sections:
    if fr is None or not fr.sha256:
        return _Sections(None)
    try:
        raw = Path(fr.path).read_bytes()
    except OSError:
        return _Sections(None)
    if hashlib.sha256(raw).hexdigest() != fr.sha256:
        return _Sections(None)
    try:
        return _Sections(json.loads(raw.decode("utf-8-sig")))
    except (ValueError, RecursionError):
        return _Sections(None)


def _groups(findings: list[Finding], secs: _Sections, lang: str) -> list[tuple[str, list[Finding]]]:
    """(heading, findings) in the order of the report: its sections, then kinds of item."""
    T = _T[lang]
    kinds = list(T["kinds"])
    keyed: dict[tuple[int, int, str], tuple[str, list[Finding]]] = {}
    for f in findings:
        sid = secs.section_of(f.pointer)
        if sid is not None and sid in secs.crumbs:
            key = (1, secs.order[sid], sid)
            title = " › ".join(secs.crumbs[sid])
        elif sid is not None:
            key = (2, 0, sid)
            title = sid
        else:
            toks = _tokens(f.pointer)
            kind = toks[0] if toks else ""
            if not kind:
                key, title = (0, 0, ""), T["general"]
            elif kind in T["kinds"]:
                key, title = (3, kinds.index(kind), kind), T["kinds"][kind]
            else:
                key, title = (4, 0, kind), f"{T['no_section']}: {kind}"
        keyed.setdefault(key, (title, []))[1].append(f)
    return [keyed[k] for k in sorted(keyed)]


def _location_label(f: Finding, lang: str) -> str:
    """Human label of the value: item › field (e.g. “4 Sản lượng lương thực › % KH”)."""
    T = _T[lang]
    toks = [t for t in _tokens(f.pointer) if not t.isdigit()]
    field = toks[-1] if toks else ""
    parts = [p for p in (f.item, T["fields"].get(field)) if p]
    return " › ".join(parts)


# ---------------------------------------------------------------------------------- renderers


def _numbers(f: Finding, T: dict[str, Any]) -> str:
    boxes = []
    for key, cls in (("stated", "stated"), ("expected", "expected"), ("imbalance", "imbalance")):
        v = getattr(f, key)
        if v:
            boxes.append(f'<div class="{cls}"><span class="lbl">{_e(T[key])}</span><span class="v tnum">{_e(v)}'
                         "</span></div>")
    return f'<div class="numbers">{"".join(boxes)}</div>' if boxes else ""


def _src_html(src: Any, lang: str, width: int = 60) -> str:
    """The place in the original document and the words around the value (the number in
    bold): “đoạn 66: “… 474 hộ, tỷ lệ 13,57% …””. The whole sentence is in the document view."""
    if src is None:
        return ""
    text = _e(doc_place(src, lang) or "")
    quote = getattr(src, "quote", None)
    if quote:
        a, b = getattr(src, "start", None), getattr(src, "end", None)
        if a is not None and b is not None and 0 <= a < b <= len(quote):
            lo, hi = max(0, a - width), min(len(quote), b + width)
            snip = (("…" if lo > 0 else "") + _e(quote[lo:a]) + f"<b>{_e(quote[a:b])}</b>" + _e(quote[b:hi])
                    + ("…" if hi < len(quote) else ""))
        else:
            snip = _e(quote if len(quote) <= 2 * width else quote[: 2 * width] + "…")
        text = f"{text}: “{snip}”" if text else f"“{snip}”"
    if getattr(src, "ocr", None):
        text += " (OCR)"
    return text


def _crop_html(src: Any, lang: str) -> str:
    """The picture of a number read from a scan (a data: URI made by the reader), so the reader
    of the report can check the OCR's reading."""
    uri = getattr(src, "image", None) if src is not None else None
    if not uri or not str(uri).startswith("data:image/png;base64,"):
        return ""
    alt = "ảnh số liệu trên bản quét" if lang == "vi" else "the number on the scan"
    return f' <img class="ocr-crop" src="{_e(uri)}" alt="{_e(alt)}">'


def _finding_html(f: Finding, rule: Any, lang: str, show_state: bool = True, num: Numbered | None = None,
                  placed: bool = False) -> str:
    T = _T[lang]
    state = _state(f)
    head = (f'<span class="badge {f.severity}">{_e(T["sev_badge"][f.severity])}</span> '
            f'<code>{_e(f.rule_id)}</code> {_e(_t(f.title, lang))}')
    if num is not None:
        head = f'<span class="num">{num.num}</span>' + head
    if show_state:
        head += f' <span class="state {state}">{_e(T["states"][state])}</span>'
    if num is not None and placed:
        head += f' <a class="back" href="#{_e(num.mark_id)}">{_e(T["in_text"])}</a>'
    rows: list[tuple[str, str]] = []
    if f.formula:
        rows.append((T["formula"], _e(f.formula)))
    label = _location_label(f, lang)
    if label:
        rows.append((T["item"], _e(label)))
    where = f"<code>{_e(f.pointer or '(root)')}</code>"
    if f.line:
        where += " · " + _e(T["line"].format(line=f.line, column=f.column or 1))
    rows.append((T["pointer"], where))
    src = _src_html(f.src, lang)
    if src:
        rows.append((T["src"], src + _crop_html(f.src, lang)))
    if f.evidence:
        roles = T["roles"]
        ev = ["<table class='evidence'><tr>"
              f"<th>{_e(T['role'])}</th><th>{_e(T['text'])}</th><th>{_e(T['where'])}</th><th>{_e(T['src'])}</th></tr>"]
        for e in f.evidence:
            text = e.text + (f" {e.unit}" if e.unit else "")
            ev.append(f"<tr><td>{_e(roles.get(e.role, e.role))}</td><td class='tnum'>{_e(text)}</td>"
                      f"<td><code class='ptr'>{_e(e.pointer or '')}</code></td><td>{_src_html(e.src, lang, 40)}"
                      f"{_crop_html(e.src, lang)}</td></tr>")
        ev.append("</table>")
        rows.append((T["evidence"], "".join(ev)))
    for h in f.hints:
        rows.append((T["hint"], f"<code>{_e(h.written)}</code> → <code>{_e(h.suggested)}</code> "
                                f"({_e(_t(h.message, lang))})"))
    legal = list(f.legal_basis) or (list(rule.legal_basis) if rule is not None else [])
    if legal:
        rows.append((T["legal"], "<ul class='plain'>" + "".join(f"<li>{_e(x)}</li>" for x in legal) + "</ul>"))
    fix = fix_text(f, lang)
    rows.append((T["fix"], _e(fix) + ("<br>" if fix else "") + f"<small>{_e(T['explain'].format(rule=f.rule_id))}"
                 "</small>"))
    just = _justification(f)
    if just:
        rows.append((T["justification"], _e(just)))
    rows.append((T["fp"], f"<code>{_e(f.fingerprint)}</code>"))
    table = "".join(f"<tr{' class=ev' if k == T['evidence'] else ''}><th>{_e(k)}</th><td>{v}</td></tr>"
                    for k, v in rows)
    nested = ""
    if f.consequences:  # one defect, one finding: the others nested inside it
        items = "".join(
            f"<li><code>{_e(c.rule_id)}</code> <small>({_e(LINK_LABEL[lang].get(c.link or '', ''))})</small> "
            f"<code>{_e(c.pointer or '(root)')}</code>: {_e(_t(c.message, lang))}</li>" for c in f.consequences)
        nested = f'<div class="consequences"><ul class="plain">{items}</ul></div>'
    fid = f' id="{_e(num.anchor)}"' if num is not None else ""
    return (f'<article class="finding {f.severity}"{fid} data-rule="{_e(f.rule_id)}" data-sev="{f.severity}">'
            f'<div class="fhead"><header>{head}</header>'
            f'<p class="msg">{_e(_t(f.message, lang))}</p>{_numbers(f, T)}</div>'
            f'<table class="detail">{table}</table>{nested}</article>')


def number_findings(findings: list[Finding], index: int) -> list[Numbered]:
    """Findings numbered 1, 2 … in the order the page lists them; ids `f<file>-<n>` for the
    finding and `m<file>-<n>` for its mark in the document."""
    return [Numbered(f, n, f"f{index}-{n}", f"m{index}-{n}") for n, f in enumerate(findings, start=1)]


def _document_html(doc: DocumentText, numbered: list[Numbered], lang: str, index: int) -> tuple[str, set[str]]:
    T = _T[lang]
    body, placed = render_document(doc, numbered, lang, lambda f, lg: _t(f.message, lg), prefix=f"d{index}")
    title = T["document_json"] if doc.kind == "json" else T["document"]
    missing = [n for n in numbered if n.anchor not in placed]
    note = ""
    if missing and doc.kind != "json":
        refs = ", ".join(f'<a href="#{_e(n.anchor)}">{n.num}</a> <code>{_e(n.finding.rule_id)}</code>' for n in missing)
        note = f"<p class='checks'>{T['not_placed'].format(refs=refs)}</p>"
    return (f"<section class='document'><h3>{_e(title)}</h3><p class='checks'>{_e(T['document_note'])}</p>"
            f"{note}{body}</section>", placed)


def _counts_html(counts: dict[str, int], T: dict[str, Any]) -> str:
    return "".join(f'<div class="count {s}"><span>{_e(T["sev"][s])}</span><b>{counts.get(s, 0)}</b></div>'
                   for s in _SEVERITIES)


def _passed_html(fr: FileResult | None, rules: dict[str, Any], lang: str) -> str:
    T = _T[lang]
    passed = fr.passed if fr is not None else None
    if not passed:
        return ""
    per: dict[str, dict[str, int]] = {}
    for p in passed:
        per.setdefault(p.rule_id, {})
        per[p.rule_id][p.pointer] = per[p.rule_id].get(p.pointer, 0) + 1
    rows = []
    for rid in sorted(per):
        title = _t(rules[rid].title, lang) if rid in rules else ""
        where = ", ".join(f"<code>{_e(ptr or '(root)')}</code>" + (f" ×{n}" if n > 1 else "")
                          for ptr, n in per[rid].items())
        rows.append(f"<tr><td><code>{_e(rid)}</code></td><td>{_e(title)}</td>"
                    f"<td class='num'>{sum(per[rid].values())}</td><td>{where}</td></tr>")
    return (f"<details class='passed'><summary>{_e(T['passed'])} ({len(passed)})</summary>"
            f"<table><tr><th>{_e(T['rule'])}</th><th></th><th class='num'>{_e(T['count'])}</th>"
            f"<th>{_e(T['where'])}</th></tr>{''.join(rows)}</table></details>")


def _per_rule_html(findings: list[Finding], lang: str) -> str:
    T = _T[lang]
    if not findings:
        return ""
    per: dict[str, list[Finding]] = {}
    for f in findings:
        per.setdefault(f.rule_id, []).append(f)
    rows = []
    for rid in sorted(per, key=lambda r: (-len(per[r]), r)):
        fs = per[rid]
        sev = max((f.severity for f in fs), key=lambda s: SEVERITY_RANK[s])
        rows.append(f"<tr><td class='num'>{len(fs)}</td><td><code>{_e(rid)}</code></td>"
                    f"<td><span class='badge {sev}'>{_e(T['sev_badge'][sev])}</span></td>"
                    f"<td>{_e(_t(fs[0].title, lang))}</td></tr>")
    return (f"<h3>{_e(T['per_rule'])}</h3><table><tr><th class='num'>{_e(T['count'])}</th>"
            f"<th>{_e(T['rule'])}</th><th>{_e(T['severity'])}</th><th></th></tr>{''.join(rows)}</table>")


def _file_html(fr: FileResult | None, path: str, findings: list[Finding], rr: RunResult, rules: dict[str, Any],
               lang: str, index: int, multi: bool) -> str:
    T = _T[lang]
    shown = [f for f in findings if not _is_suppressed(f)]
    suppressed = [f for f in findings if _is_suppressed(f)]
    counts = _counts(shown)
    verdict = _verdict(fr.status if fr else "findings", counts, rr.fail_on)
    out = [f'<section class="file{" multi" if multi else ""}" id="file-{index}">']
    out.append(f"<h2>{_e(T['file'])}: <code>{_e(path)}</code></h2>" if multi else "")
    meta = [(T["input"], f"<code>{_e(path)}</code>")]
    if fr is not None and fr.sha256:
        meta.append(("SHA-256", f"<code>{_e(fr.sha256)}</code>"))
    if fr is not None:
        meta.append((T["unit"], _e(fr.unit or "—")))
        meta.append((T["period"], _e(fr.period or "—")))
    if multi:  # a single file's identity and verdict are in the page header
        out.append("<table class='meta'>" + "".join(f"<tr><th>{_e(k)}</th><td>{v}</td></tr>" for k, v in meta)
                   + "</table>")
        out.append(f'<div class="verdict-row"><div class="verdict {verdict}">{_e(T["verdicts"][verdict])}</div>'
                   f"{_counts_html(counts, T)}</div>")
        if fr is not None and fr.passed is not None:
            out.append(f"<p class='checks'>{_e(T['checks'])}: {len(fr.passed)} ✓ · "
                       f"{sum(counts.values())} ✗</p>")
        out.append(_per_rule_html(shown, lang))
    groups = _groups(shown, _load_sections(fr), lang) if shown else []
    numbered = number_findings([f for _, g in groups for f in g], index)
    placed: set[str] = set()
    if fr is not None and fr.document is not None and fr.document.blocks:
        doc_html, placed = _document_html(fr.document, numbered, lang, index)
        out.append(doc_html)
    out.append(f"<h3>{_e(T['findings'])}</h3>")
    if not shown:
        out.append(f"<p>{_e(T['none'])}</p>")
    else:
        by_f = {id(n.finding): n for n in numbered}
        for title, group in groups:
            out.append(f"<h4>{_e(title)}</h4>")
            out.extend(_finding_html(f, rules.get(f.rule_id), lang, num=by_f[id(f)],
                                     placed=by_f[id(f)].anchor in placed) for f in group)
    out.append(_passed_html(fr, rules, lang))
    if suppressed:
        out.append(f"<details class='suppressed'><summary>{_e(T['suppressed'])} ({len(suppressed)})</summary>")
        out.extend(_finding_html(f, rules.get(f.rule_id), lang) for f in suppressed)
        out.append("</details>")
    out.append("</section>")
    return "\n".join(x for x in out if x)


def _charts_html(rr: RunResult, paths: list[str], info: dict[str, FileResult], by_file: dict[str, list[Finding]],
                 lang: str) -> str:
    """The batch overview: findings per unit by severity, and the rules most often failed."""
    from auditor.output.charts import rule_bars, severity_bars

    T = _T[lang]
    labels = []
    for p in paths:  # the unit; its period when the unit occurs twice; the file when still ambiguous
        fr = info.get(p)
        label = (fr.unit if fr is not None and fr.unit else Path(p).name)
        if fr is not None and fr.period and sum(1 for q in paths if info.get(q) and info[q].unit == fr.unit) > 1:
            label = f"{label} ({fr.period})"
        labels.append(label)
    rows = [(f"{Path(p).name} · {label}" if labels.count(label) > 1 else label,
             _counts([f for f in by_file.get(p, []) if not _is_suppressed(f)])) for label, p in zip(labels, paths)]
    per: dict[str, dict[str, Any]] = {}
    for p in paths:
        for f in by_file.get(p, []):
            if _is_suppressed(f):
                continue
            s = per.setdefault(f.rule_id, {"code": f.rule_id, "name": _t(f.title, lang), "count": 0,
                                           "severity": f.severity, "files": set()})
            s["count"] += 1
            s["files"].add(p)
            if SEVERITY_RANK[f.severity] > SEVERITY_RANK[s["severity"]]:
                s["severity"] = f.severity
    stats = sorted(({**s, "files": len(s["files"])} for s in per.values()), key=lambda s: (-s["count"], s["code"]))
    return (f"<section class='charts'><h3>{_e(T['charts'])}</h3>"
            f"<h4>{_e(T['chart_units'])}</h4>{severity_bars(rows, T['sev'], T['chart_units'])}"
            f"<h4>{_e(T['chart_rules'])}</h4>{rule_bars(stats, T['chart_rules'], T['files_word'])}</section>")


def render_html(rr: RunResult, lang: str = "vi") -> str:
    """The whole report as one HTML document (str)."""
    T = _T[lang]
    rules = _rule_meta()
    by_file: dict[str, list[Finding]] = {}
    for f in rr.findings:
        by_file.setdefault(f.file, []).append(f)
    info = {fr.path: fr for fr in rr.files}
    paths = [fr.path for fr in rr.files] + [p for p in by_file if p not in info]
    multi = len(paths) > 1
    shown = [f for f in rr.findings if not _is_suppressed(f)]
    counts = _counts(shown)
    statuses = [_verdict(info[p].status if p in info else "findings", _counts(
        [f for f in by_file.get(p, []) if not _is_suppressed(f)]), rr.fail_on) for p in paths]
    overall = ("fail" if any(s in ("fail", "invalid", "unreadable") for s in statuses)
               else "notes" if any(s == "notes" for s in statuses) else "ok")
    title = T["title"]
    if not multi and paths:
        fr = info.get(paths[0])
        desc = " · ".join(x for x in ((fr.unit, fr.period) if fr else ()) if x)
        if desc:
            title = f"{title} — {desc}"
    st = rr.stats
    head = [
        "<!DOCTYPE html>", f'<html lang="{lang}">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="{_e(rr.tool.name)} {_e(rr.tool.version)}">',
        f"<title>{_e(title)}</title>", f"<style>{_CSS}{DOC_CSS}</style>", "</head>", "<body>",
        f"<header><h1>{_e(title)}</h1><p class='subtitle'>{_e(T['subtitle'])}</p>",
        "<table class='meta'>",
        f"<tr><th>{_e(T['tool'])}</th><td>{_e(rr.tool.name)} {_e(rr.tool.version)}</td></tr>",
        f"<tr><th>{_e(T['ruleset'])}</th><td>{_e(rr.tool.ruleset)}</td></tr>",
        f"<tr><th>{_e(T['run_date'])}</th><td>{_e(_run_date(lang))}</td></tr>",
        f"<tr><th>{_e(T['threshold'])}</th><td>{_e(T['fail_on'].get(rr.fail_on, rr.fail_on))}</td></tr>",
    ]
    if multi:
        head.append(f"<tr><th>{_e(T['files_n'])}</th><td>{len(paths)}</td></tr>")
    elif paths:
        fr = info.get(paths[0])
        head.append(f"<tr><th>{_e(T['input'])}</th><td><code>{_e(paths[0])}</code></td></tr>")
        if fr is not None and fr.sha256:
            head.append(f"<tr><th>SHA-256</th><td><code>{_e(fr.sha256)}</code></td></tr>")
        if fr is not None:
            head.append(f"<tr><th>{_e(T['unit'])}</th><td>{_e(fr.unit or '—')}</td></tr>")
            head.append(f"<tr><th>{_e(T['period'])}</th><td>{_e(fr.period or '—')}</td></tr>")
    head.append("</table></header>")
    body = [f"<h2>{_e(T['verdict'])}</h2>" if multi else "",
            f'<div class="verdict-row"><div class="verdict {overall}">{_e(T["verdicts"][overall])}</div>'
            f"{_counts_html(counts, T)}</div>",
            f"<p class='checks'>{_e(T['checks_text'].format(evaluated=st.evaluated, passed=st.passed, failed=st.failed, skipped=st.skipped))}</p>"]
    if multi:
        rows = []
        for i, (p, s) in enumerate(zip(paths, statuses)):
            fr = info.get(p)
            c = _counts([f for f in by_file.get(p, []) if not _is_suppressed(f)])
            rows.append(f"<tr><td><a href='#file-{i}'><code>{_e(p)}</code></a></td>"
                        f"<td>{_e(fr.unit if fr else '')}</td><td>{_e(fr.period if fr else '')}</td>"
                        + "".join(f"<td class='num'>{c[s2]}</td>" for s2 in _SEVERITIES)
                        + f"<td><span class='badge {s}'>{_e(T['verdicts'][s])}</span></td></tr>")
        body.append(_charts_html(rr, paths, info, by_file, lang))
        body.append(f"<h3>{_e(T['overview'])}</h3><table><tr><th>{_e(T['file'])}</th><th>{_e(T['unit'])}</th>"
                    f"<th>{_e(T['period'])}</th>"
                    + "".join(f"<th class='num'>{_e(T['sev'][s])}</th>" for s in _SEVERITIES)
                    + f"<th>{_e(T['status'])}</th></tr>{''.join(rows)}</table>")
    body.append(_per_rule_html(shown, lang))
    for i, p in enumerate(paths):
        body.append(_file_html(info.get(p), p, by_file.get(p, []), rr, rules, lang, i, multi))
    body.append(f"<footer>{_e(T['generated'].format(tool=rr.tool.name, version=rr.tool.version))} · "
                f"{_e(T['ruleset'])} {_e(rr.tool.ruleset)}</footer>")
    return "\n".join(head + [b for b in body if b] + ["</body>", "</html>"]) + "\n"


# ------------------------------------------------------------------ shared with the web page

REPORT_CSS = _CSS + DOC_CSS
TEXTS = _T


def finding_html(f: Finding, lang: str, num: Numbered | None = None, placed: bool = False) -> str:
    """One finding as the report shows it (auditor/web shows findings the same way)."""
    return _finding_html(f, _rule_meta().get(f.rule_id), lang, num=num, placed=placed)


def verdict_of(status: str, counts: dict[str, int], fail_on: str) -> str:
    """ok | fail | notes | invalid | unreadable (the exit code's threshold)."""
    return _verdict(status, counts, fail_on)


def charts_html(rr: RunResult, lang: str) -> str:
    """The batch overview (two inline SVG charts) of a run."""
    by_file: dict[str, list[Finding]] = {}
    for f in rr.findings:
        by_file.setdefault(f.file, []).append(f)
    info = {fr.path: fr for fr in rr.files}
    return _charts_html(rr, [fr.path for fr in rr.files], info, by_file, lang)
