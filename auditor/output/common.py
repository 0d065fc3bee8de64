"""Shared by the output formats: severity labels, the summary line, where a finding is, paths and
URIs, grouping and counting findings, and the plain-text details of one finding."""

from __future__ import annotations

import os
import re

from auditor.model.severity import SEVERITY_RANK

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from typing import Any

    from auditor.model.findings import Finding, RunResult, Text


SEV_LABEL = {
    "vi": {"error": "LỖI", "warning": "CẢNH BÁO", "info": "THÔNG TIN"},
    "en": {"error": "ERROR", "warning": "WARNING", "info": "INFO"},
}


BASELINED = {"vi": "ĐÃ BIẾT — CÓ TRONG BASELINE, KHÔNG TÍNH", "en": "BASELINED — KNOWN, NOT COUNTED"}


FAIL_RANK = {"error": 3, "warning": 2, "info": 1, "never": 99}  # --fail-on


FINGERPRINT_KEY = "auditor/v1"


SEVERITIES = ("error", "warning", "info")


def text_in(text: Text | None, lang: str) -> str:
    if text is None:
        return ""
    return text.vi if lang == "vi" else text.en


def message(f: Finding, lang: str) -> str:
    return text_in(f.message, lang) + page_place(f, lang)


def page_place(f: Finding, lang: str) -> str:
    """“ (trang 3, dòng 12)” for a finding in a PDF or a scan, whose lines are not lines of the
    file: line-based formats show the place in the message."""
    s = f.src
    if s is None or not s.page:
        return ""
    vi = lang == "vi"
    text = f"{'trang' if vi else 'page'} {s.page}"
    if s.line:
        text += f", {'dòng' if vi else 'line'} {s.line}"
    if s.table:
        text += f", {'bảng' if vi else 'table'} {s.table}"
        if s.row:
            text += f", {'hàng' if vi else 'row'} {s.row}"
        if s.column:
            text += f", {'cột' if vi else 'column'} {s.column}"
    return f" ({text})"


LINK_LABEL = {
    "vi": {"culprit": "hệ quả", "place": "cùng chỗ", "repeat": "lặp lại"},
    "en": {"culprit": "consequence", "place": "same place", "repeat": "repeated"},
}


def consequence_note(f: Finding, lang: str) -> str:
    """For one-line formats: the findings grouped under this one (one defect, one finding),
    “ (+2: DIF001 /indicators/0/values/remaining, PCT002 …)”."""
    cs = f.consequences or []
    if not cs:
        return ""
    return f" (+{len(cs)}: " + ", ".join(f"{c.rule_id} {_where(c)}" for c in cs) + ")"


def _where(c: Finding) -> str:
    """A grouped finding's place: its pointer, else (a number of a text the report does not
    hold) its line and column."""
    if not c.pointer and c.line is not None:
        return f"{c.line}:{c.column}" if c.column is not None else str(c.line)
    return pointer_shown(c.pointer)


def fix_text(f: Finding, lang: str) -> str:
    """The finding's own fix (with its suggested value), else its rule's."""
    if f.fix is not None:
        return text_in(f.fix, lang)
    rule = rules_by_id().get(f.rule_id)
    return text_in(rule.fix, lang) if rule is not None and rule.fix else ""


def pointer_shown(pointer: str | None) -> str:
    """RFC 6901: the root is the empty string; show it as `(root)`."""
    return pointer if pointer else "(root)"


def rules_by_id() -> dict[str, Any]:
    """Rule metadata by id, from the default rule set (cached by `load_rules`). A run made with
    other rules still renders: unknown ids get metadata from the finding itself."""
    from auditor.engine.ruleset import RuleError, load_rules

    try:
        return {r.id: r for r in load_rules().rules}
    except RuleError:
        return {}


def rel_path(path: str) -> str:
    """The file path relative to the working directory when it lies below it, with forward
    slashes; other paths are kept (absolute) with forward slashes."""
    p = path.replace("\\", "/")
    if os.path.isabs(path):
        try:
            rel = os.path.relpath(path)
        except ValueError:  # another drive on Windows
            rel = ""
        if rel and os.name == "posix":  # relpath's result is already what pathlib would write
            if rel.split("/", 1)[0] != "..":
                p = rel
        elif rel:
            from pathlib import Path

            if Path(rel).parts[:1] != ("..",):
                p = Path(rel).as_posix()
    while p.startswith("./"):
        p = p[2:]
    return p


def artifact_uri(path: str) -> str:
    """A URI reference for SARIF `artifactLocation.uri`: relative and percent-encoded, or a
    `file://` URI for a path outside the working directory."""
    p = rel_path(path)
    if os.path.isabs(path) and (p.startswith("/") or re.match(r"^[A-Za-z]:/", p)):
        from pathlib import Path

        try:
            return Path(path).resolve().as_uri()
        except ValueError:
            pass
    from urllib.parse import quote

    # ':' is encoded so that a first segment like "a:b" is not read as a scheme.
    return quote(p, safe="/!$&'()*+,;=@-._~")


def run_files(rr: RunResult) -> list[str]:
    """Every file of the run, in order: those listed in `files`, then any only in findings."""
    out = [fr.path for fr in rr.files]
    seen = set(out)
    for f in rr.findings:
        if f.file not in seen:
            seen.add(f.file)
            out.append(f.file)
    return out


def findings_by_file(rr: RunResult) -> dict[str, list[Finding]]:
    out: dict[str, list[Finding]] = {}
    for f in rr.findings:
        out.setdefault(f.file, []).append(f)
    return out


def severity_counts(findings: list[Finding]) -> dict[str, int]:
    return {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}


def most_severe_first(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: -SEVERITY_RANK[f.severity])  # stable


def finding_dict(f: Finding) -> dict[str, Any]:
    """The finding exactly as `-f json` writes it."""
    return f.to_json()


def evidence_label(f: Finding, pointer: str) -> str | None:
    for e in f.evidence:
        if e.pointer == pointer:
            return " ".join(x for x in (f"{e.role}:", e.text, e.unit or "") if x).strip()
    return None


_SLUG_WORDS = {"%": " percent ", "=": " equals ", "×": " times ", "/": " over ", "−": " minus ",
               "+": " plus ", "≠": " differs from "}


def slug(title: str) -> str:
    import unicodedata

    for k, v in _SLUG_WORDS.items():
        title = title.replace(k, v)
    ascii_ = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")


HEADINGS = {
    "vi": {"why": "Vì sao", "fix": "Cách sửa", "legal": "Căn cứ", "explain": "Xem thêm",
           "stated": "Báo cáo ghi", "expected": "Giá trị đúng", "formula": "Phép tính",
           "imbalance": "Chênh lệch", "pointer": "Vị trí (JSON Pointer)", "line": "Dòng",
           "source": "Nguồn", "evidence": "Số liệu", "item": "Nội dung", "related": "Liên quan",
           "hint": "Gợi ý", "place": "Vị trí trong văn bản"},
    "en": {"why": "Why", "fix": "How to fix", "legal": "Legal basis", "explain": "See also",
           "stated": "Stated", "expected": "Expected", "formula": "Computation",
           "imbalance": "Difference", "pointer": "Location (JSON Pointer)", "line": "Line",
           "source": "Source", "evidence": "Evidence", "item": "Item", "related": "Related",
           "hint": "Hint", "place": "Place in the document"},
}


def source_text(f: Finding, lang: str) -> str | None:
    s = f.src
    if s is None:
        return None
    names = ({"page": "trang", "line": "dòng", "paragraph": "đoạn", "table": "bảng", "row": "hàng", "column": "cột"}
             if lang == "vi" else
             {"page": "page", "line": "line", "paragraph": "paragraph", "table": "table", "row": "row",
              "column": "column"})
    parts = [f"{names[k]} {getattr(s, k)}" for k in names if getattr(s, k) is not None]
    text = ", ".join(parts)
    if s.quote:
        text = f"{text}: “{s.quote}”" if text else f"“{s.quote}”"
    return text or None


_PLACE_WORDS = {
    "vi": {"page": "trang", "table": "bảng", "row": "dòng", "column": "cột", "paragraph": "đoạn", "line": "dòng"},
    "en": {"page": "page", "table": "table", "row": "row", "column": "column", "paragraph": "paragraph",
           "line": "line"},
}


def doc_place(src: Any, lang: str = "vi") -> str | None:
    """The place in the original document in its own terms: “bảng 1, dòng 12, cột 7” (a table
    cell), “đoạn 27” (a .docx paragraph), “dòng 133” (a line of a text), preceded by “trang N”
    when the page is known; None when the source says nothing of it."""
    if src is None:
        return None
    w = _PLACE_WORDS[lang]
    parts = []
    page = getattr(src, "page", None)
    if page is not None:
        parts.append(f"{w['page']} {page}")
    if src.table is not None:
        parts.append(f"{w['table']} {src.table}")
        parts += [f"{w[k]} {getattr(src, k)}" for k in ("row", "column") if getattr(src, k) is not None]
    elif src.paragraph is not None:
        parts.append(f"{w['paragraph']} {src.paragraph}")
    elif src.line is not None:
        parts.append(f"{w['line']} {src.line}")
    return ", ".join(parts) or None


def is_json_file(path: str) -> bool:
    """Whether a finding's file is a JSON report (its lines are the JSON text's) rather than a
    document read by the extractor (its lines, if any, are the document's)."""
    return path == "-" or path.lower().endswith(".json")


def finding_place(f: Finding, lang: str = "vi") -> str | None:
    """Where a finding is in its document when its file has no line to point at (a .docx):
    the document's own place; None when the finding has a line (JSON, text) or no place."""
    if f.line or (f.src is not None and getattr(f.src, "page", None)):
        return None  # a PDF's page and line are in the message already (`page_place`)
    return doc_place(f.src, lang)


def detail_lines(f: Finding, lang: str) -> list[str]:
    """Plain-text details of a finding (JUnit bodies)."""
    h = HEADINGS[lang]
    lines = [f"{f.rule_id}: {text_in(f.title, lang)}", f"{h['pointer']}: {pointer_shown(f.pointer)}"]
    if f.line:
        lines.append(f"{h['line']}: {f.line}" + (f":{f.column}" if f.column else ""))
    place = doc_place(f.src, lang)
    if place:
        lines.append(f"{h['place']}: {place}")
    for key in ("item", "stated", "expected", "formula", "imbalance"):
        v = getattr(f, key)
        if v is not None:
            lines.append(f"{h[key]}: {v}")
    src = source_text(f, lang)
    if src:
        lines.append(f"{h['source']}: {src}")
    for e in f.evidence:
        unit = f" {e.unit}" if e.unit else ""
        lines.append(f"  {e.role}: {e.text}{unit}" + (f" ({e.pointer})" if e.pointer else ""))
    for hint in f.hints:
        lines.append(f"{h['hint']}: {hint.pointer}: {hint.written} → {hint.suggested} ({text_in(hint.message, lang)})")
    if f.legal_basis:
        lines.append(f"{h['legal']}: " + "; ".join(f.legal_basis))
    fix = fix_text(f, lang)
    if fix:
        lines.append(f"{h['fix']}: {fix}")
    for c in f.consequences or []:
        lines.append(f"  ↳ {c.rule_id} ({LINK_LABEL[lang].get(c.link or '', '')}) "
                     f"{pointer_shown(c.pointer)}: {text_in(c.message, lang)}")
    lines.append(f"{h['explain']}: audit explain {f.rule_id}")
    return lines


def fails(f: Finding, fail_on: str | None) -> bool:
    """Whether the finding makes the run fail (exit code 1) under `--fail-on`; a suppressed
    (baselined or accepted) finding never does."""
    if getattr(f, "suppressed", False):
        return False
    return SEVERITY_RANK[f.severity] >= FAIL_RANK.get(fail_on or "warning", 2)


def baseline_note(f: Finding, lang: str) -> str:
    if not f.suppressed:
        return ""
    sev = SEV_LABEL[lang][f.severity].lower()
    if f.justification:
        return f" [{sev}; " + ("đã chấp nhận: " if lang == "vi" else "accepted: ") + f"{f.justification}]"
    return f" [{sev}]"


def location_text(f: Finding, lang: str = "vi") -> str:
    """Line:column in the file, pointer, and the place in the original document when known
    (and not the same line again)."""
    loc = f"{f.line}:{f.column}" if f.line else ""
    src = ""
    if f.src is not None:
        place = doc_place(f.src, lang)
        if getattr(f.src, "page", None):  # a PDF: its page and line (they are not lines of the file)
            src = page_place(f, lang).strip(" ()")
        elif is_json_file(f.file):  # the line of the document the report was read from
            if f.src.line:
                src = f"{'văn bản gốc, dòng' if lang == 'vi' else 'original, line'} {f.src.line}"
            elif place:
                src = place
        elif place and (f.src.line is None or f.src.table is not None):
            src = place  # a document: its line is the one shown first
    parts = [p for p in (loc, f.pointer or "/", src) if p]
    return "\n".join(parts)


def counts_text(rr: RunResult, lang: str) -> str:
    """“2 lỗi, 1 cảnh báo, 0 thông tin trong 1 tệp” / “2 errors, 1 warning, 0 infos in 1 file”."""
    s = rr.summary
    n = s.get("files", len(rr.files))
    if lang == "vi":
        return f"{s.get('error', 0)} lỗi, {s.get('warning', 0)} cảnh báo, {s.get('info', 0)} thông tin trong {n} tệp"

    def n_(k: int, word: str) -> str:
        return f"{k} {word}{'' if k == 1 else 's'}"
    return (f"{n_(s.get('error', 0), 'error')}, {n_(s.get('warning', 0), 'warning')}, "
            f"{n_(s.get('info', 0), 'info')} in {n_(n, 'file')}")


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


def worst(rr: RunResult) -> int:
    return max((SEVERITY_RANK[f.severity] for f in rr.findings), default=0)
