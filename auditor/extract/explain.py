"""`audit extract --explain`: what was read, and every number of the document that is not in
the report, with its place, so a reviewer sees what the extractor did not use."""

from __future__ import annotations

import json
from collections import Counter
from typing import TYPE_CHECKING

from auditor.model.report import Report, SourceLoc

if TYPE_CHECKING:
    from auditor.extract import ExtractResult

_REASONS = {
    "unreadable": ("số viết sai, không đọc được (NUM001)", "malformed, cannot be read (NUM001)"),
    "quantity": ("số lượng đọc được nhưng không thuộc quan hệ nào được kiểm tra",
                 "a quantity read but in no relation that is checked"),
    "not_recognised": ("chưa nhận ra (không thuộc mẫu câu nào)", "not recognised (no pattern matched)"),
    "in_name": ("nằm trong tên, nhãn hoặc phần đầu văn bản", "part of a name, a label or the header"),
    "counter": ("bộ đếm, bình chọn của trang, số đứng riêng", "a page counter, a poll, a number standing alone"),
    "ordinal": ("số thứ tự, thứ hạng, số hiệu tiêu chí hoặc mục", "an ordinal, a rank, a criterion or section number"),
    "duration": ("khoảng thời gian (3 năm liền, sau 9 năm)", "a duration (3 năm liền, sau 9 năm)"),
    "threshold": ("ngưỡng của một tiêu chí (từ 10 tỷ USD trở lên)", "a criterion's bar (từ 10 tỷ USD trở lên)"),
    "numbering": ("số thứ tự mục", "section or item numbering"),
    "date": ("ngày tháng, giờ", "a date or a time"),
    "year": ("năm, kỳ báo cáo", "a year or a period"),
    "document_number": ("số hiệu, ngày của văn bản được dẫn", "number or date of a cited document"),
    "phone": ("số điện thoại", "a phone number"),
    "unit": ("chữ số của tên đơn vị hay mã (m², m2, CO2)", "a digit of a unit's or a code's name (m², m2, CO2)"),
    "continued": ("phần sau của một số trong báo cáo, viết sang dòng sau", "the rest of a number of the report, "
                  "written on the next line"),
    "markup": ("mã trang web (HTML) đã bỏ: địa chỉ ảnh, kích thước", "page markup (HTML) removed: an image's address, a size"),
}
_ORDER = ["unreadable", "quantity", "not_recognised", "in_name", "counter", "ordinal", "duration", "threshold",
          "year", "date", "document_number", "numbering", "phone", "unit", "continued", "markup"]


def where(src: SourceLoc, lang: str = "vi") -> str:
    vi = lang == "vi"
    parts = []
    if src.table:
        parts.append((f"bảng {src.table}, hàng {src.row}, cột {src.column}" if vi
                      else f"table {src.table}, row {src.row}, column {src.column}"))
        if src.line:
            parts.append((f"dòng {src.line}" if vi else f"line {src.line}"))
    elif src.line:
        parts.append((f"dòng {src.line}" if vi else f"line {src.line}")
                     + (f", cột {src.start + 1}" if vi and src.start is not None else "")
                     + (f", column {src.start + 1}" if not vi and src.start is not None else ""))
    elif src.paragraph:
        parts.append((f"đoạn {src.paragraph}" if vi else f"paragraph {src.paragraph}")
                     + (f", ký tự {src.start + 1}" if vi and src.start is not None else "")
                     + (f", character {src.start + 1}" if not vi and src.start is not None else ""))
    return "; ".join(parts) or "?"


def report_json(report: Report) -> str:
    if not isinstance(report, Report):
        # the extractor's report is the plan's plain objects; the models write it (defaults left
        # out). Its numbers are filled already: the models keep their fields as they are.
        from auditor.extract.objects import plain

        report = Report.model_validate(plain(report), context={"repaired_number": True})
    data = report.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    data = {"schema_version": report.schema_version, **data}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def explain_text(ex: ExtractResult, lang: str = "vi") -> str:
    vi = lang == "vi"
    r = ex.report
    out: list[str] = []
    if r is not None:
        counts = {k: len(getattr(r, k)) for k in ("sections", "tables", "indicators", "totals", "structures",
                                                    "rates", "products", "payouts", "differences", "changes", "balances",
                                                    "facts", "counts", "named_lists", "rankings", "spelled", "awards", "references",
                                                    "mentions",
                                                    "appendices")}
        shown = ", ".join(f"{v} {k}" for k, v in counts.items() if v)
        out.append((f"Đã đọc ({ex.kind}, {ex.seconds:.2f} s): " if vi else f"Read ({ex.kind}, {ex.seconds:.2f} s): ")
                   + shown + (", hội đồng TĐKT" if vi and r.council else ", council" if r.council else "") + ".")
        if not r.meta.title:
            out.append("Không tìm thấy tiêu đề (dòng sau “BÁO CÁO”)." if vi
                       else "No title found (the line after “BÁO CÁO”).")
    if r is not None:
        out.extend(_readings(r, vi))
    by = Counter(u.reason for u in ex.unparsed)
    out.append((f"{len(ex.unparsed)} số trong tài liệu không có trong báo cáo:" if vi
                else f"{len(ex.unparsed)} numbers of the document are not in the report:"))
    for reason in _ORDER:
        items = [u for u in ex.unparsed if u.reason == reason]
        if not items:
            continue
        label = _REASONS[reason][0 if vi else 1]
        out.append(f"\n  {label} ({by[reason]}):")
        for u in items:
            out.append(f"    {where(u.src, lang):<32} {u.text:<12} {u.context}")
    if ex.dropped:
        out.append("\n  " + ("Mục bị bỏ vì không hợp lệ:" if vi else "Items dropped as invalid:"))
        for d in ex.dropped:
            out.append(f"    {d.kind}: {d.error[:160]}")
    return "\n".join(out) + "\n"


_RELATION_KINDS = ("indicators", "totals", "structures", "rates", "products", "payouts", "differences", "changes", "balances",
                   "facts", "counts", "named_lists", "rankings", "spelled")


def _readings(r: Report, vi: bool) -> list[str]:
    """The relations read automatically (inferred: a finding on them is at most a warning), each with
    how it was read; then how many were read as written."""
    inferred, explicit = [], 0
    for kind in _RELATION_KINDS:
        for it in getattr(r, kind):
            items = [it] + (list(getattr(it, "parts", []) or []) if kind == "indicators" else [])
            for x in items:
                conf = getattr(x, "confidence", None)
                if conf == "inferred":
                    label = getattr(x, "label", None) or getattr(x, "name", None) or ""
                    inferred.append((kind, label, getattr(x, "reading", None) or ""))
                elif conf == "explicit":
                    explicit += 1
    if not inferred and not explicit:
        return []
    out = ["", (f"Quan hệ đọc theo đúng chữ viết: {explicit}; đọc tự động (suy ra, tối đa là cảnh báo): "
                f"{len(inferred)}" if vi else
                f"Relations read as written: {explicit}; read automatically (inferred, at most a warning): "
                f"{len(inferred)}")]
    for kind, label, how in inferred:
        out.append(f"    {kind}: {label[:60]} — {how}")
    return out
