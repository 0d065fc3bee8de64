"""Severity that respects where the numbers came from: a value read by OCR from a scan may be
misread, so a finding based only on such values is at most a warning, and says so.

Applied once after the rules (`run_rules`), to every finding: a finding whose values all come
from OCR'd text (every `src` of its evidence, or its own `src`, has `ocr: true`) becomes a
warning if it was an error, and its message says the values were read from a scan and on which
page. A finding with no place at all counts as OCR'd when every number of the report is. A
finding that also involves a value from a text layer, a .docx or JSON is left as it is.
"""

from __future__ import annotations

from collections.abc import Iterable

from auditor.model.findings import Finding, SourceLoc, Text

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from typing import Any


def _sources(f: Finding) -> list[SourceLoc]:
    out = [e.src for e in f.evidence if e.src is not None]
    if f.src is not None:
        out.append(f.src)
    return out


def _all_nums_ocr(report: Any) -> bool:
    """Every number of the report was read by OCR (and there is one at least): what
    `json_reader._nums` finds (models and lists are walked; a Num is not entered), walked
    without making each one's pointer, skipping plain values, and ending at the first number
    read otherwise. (In any order: the answer does not depend on it; from the last field,
    the report's mentions and items, a JSON report's first number is soon met.)"""
    from auditor.model.lean import is_model

    seen = False
    todo = [report]
    while todo:
        obj = todo.pop()
        if type(obj) in _PLAIN:
            continue
        if is_model(obj):
            if obj.__class__.__name__ == "Num":
                if obj.src is None or not obj.src.ocr:
                    return False
                seen = True
            else:
                todo.extend(obj.__dict__.values())
        elif isinstance(obj, list):
            todo.extend(obj)
    return seen


_PLAIN = frozenset({str, int, bool, float, type(None)})  # (never a model, nor a list)


def _note(pages: list[int]) -> Text:
    where_vi = f", trang {', '.join(map(str, pages))}" if pages else ""
    where_en = f", page{'s' if len(pages) > 1 else ''} {', '.join(map(str, pages))}" if pages else ""
    return Text(vi=f" Số liệu được đọc từ bản quét bằng nhận dạng chữ (OCR{where_vi}), có thể đọc sai: hãy đối chiếu "
                   "với bản gốc trước khi kết luận.",
                en=f" The values were read from a scan by OCR{where_en} and may be misread: check them against the "
                   "original before concluding.")


def cap_ocr(findings: Iterable[Finding], report: Any) -> None:
    """Cap (in place) the findings based only on OCR'd values at warning, with a note."""
    doc_ocr: bool | None = None
    for f in findings:
        if f.severity not in ("error", "warning") or f.rule_id.startswith(("INP", "NUM")):
            continue
        srcs = _sources(f)
        if srcs:
            if not all(s.ocr for s in srcs):
                continue
        else:
            if doc_ocr is None:
                doc_ocr = _all_nums_ocr(report)
            if not doc_ocr:
                continue
        if f.severity == "error":
            f.severity = "warning"
        note = _note(sorted({s.page for s in srcs if s.page}))
        f.message = Text(vi=f.message.vi + note.vi, en=f.message.en + note.en)


def has_ocr(findings: Iterable[Finding]) -> bool:
    return any(s.ocr for f in findings for s in _sources(f))
