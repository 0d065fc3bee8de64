"""The severity policy, applied per finding (docs/findings.md has the full text).

* error: inconsistent as written under every reasonable reading;
* warning: inconsistent under the likely reading, but a legitimate reading or convention exists:
  a value written as an approximation (“gần”, “khoảng”, “trên”, “hơn” …: DOMAIN.md §4b, at most
  a warning, unless the relation fails for every value a floor “trên X” allows), values linked
  by the reader rather than stated together (the reader marks a relation it states in one
  construction `explicit`: docs/findings.md, “Stated or linked”), a counting convention, a cap
  that depends on the unit;
* info: cosmetic, a truncation instead of a rounding, a draft.

A check reports the evidence as qualifiers of its outcome; the engine adds those it can see
itself (truncation, a value the reader marked `approx`, relations it marked inferred). A rule's
`severity` is the severity of a clear-cut finding; each qualifier caps it (the default caps
below, merged with the rule's `severity_when`). A severity set in the configuration wins: the
rule then carries `severity_when: {}` and every finding keeps that severity."""

from __future__ import annotations

from auditor.model.findings import Text
from auditor.model.severity import QUALIFIERS, SEVERITY_RANK

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from typing import Any

    from auditor.model.severity import Severity

DEFAULT_WHEN: dict[str, Severity] = {
    "truncated": "info", "draft": "info", "cosmetic": "info",
    "approximate": "warning", "inferred": "warning", "hidden_base": "warning", "convention": "warning",
    "unit_dependent": "warning",
}

NOTES: dict[str, Text] = {
    "truncated": Text(
        vi="Mức thông tin: số ghi là số bị cắt bớt (không làm tròn) của kết quả tính, phép tính vẫn khớp.",
        en="Info: the written value is the truncation (not the rounding) of the computed one; the "
           "arithmetic holds."),
    "approximate": Text(
        vi="Mức cảnh báo: có số được viết gần đúng (“gần”, “khoảng”, “trên”, “hơn” …), người viết không "
           "cho biết số chính xác.",
        en="Warning: a value is written as an approximation (“gần”, “khoảng”, “trên”, “hơn” …); the "
           "writer does not give the exact figure."),
    "inferred": Text(
        vi="Mức cảnh báo: các số này do công cụ đọc văn bản tự liên kết, văn bản không nói rõ đó là "
           "cùng một số liệu.",
        en="Warning: these values were linked by the document reader; the text does not state that "
           "they are the same quantity."),
    "hidden_base": Text(
        vi="Mức cảnh báo: tổng số mà các tỷ lệ này cùng tính trên đó không được ghi trong báo cáo, chỉ "
           "suy ra từ chính các tỷ lệ; cần biết tổng số đó mới nói được số nào sai.",
        en="Warning: the total these rates are taken over is not written in the report, only implied "
           "by the rates themselves; which value is wrong depends on that total."),
    "convention": Text(
        vi="Mức cảnh báo: số ghi khớp với một cách tính khác vẫn được dùng.",
        en="Warning: the value written matches another convention that is in use."),
    "unit_dependent": Text(
        vi="Mức cảnh báo: giới hạn này tùy quy định của từng địa phương, ngành.",
        en="Warning: this cap depends on the rules of the unit or sector."),
    "draft": Text(vi="Mức thông tin: báo cáo còn là bản dự thảo.", en="Info: the report is still a draft."),
    "cosmetic": Text(vi="Mức thông tin: lỗi trình bày.", en="Info: a matter of presentation."),
}


def severity_for(rule: Any, qualifiers: set[str] | frozenset[str]) -> tuple[Severity, Text | None]:
    """The severity of one finding of `rule` whose evidence carries `qualifiers`, and the note
    saying why it is lower than the rule's (None when it is not)."""
    when = rule.severity_when
    sev: Severity = rule.severity
    if not qualifiers or (when is not None and not when):  # {}: fixed (configuration)
        return sev, None
    caps = DEFAULT_WHEN if not when else {**DEFAULT_WHEN, **when}
    note = None
    # the lowest cap wins; among equal caps the first in QUALIFIERS, so that the note does not
    # depend on the order of a set (which changes with the hash seed from run to run)
    order = {q: i for i, q in enumerate(QUALIFIERS)}
    for q in sorted(qualifiers, key=lambda q: (SEVERITY_RANK.get(caps.get(q, "error"), 3), order.get(q, len(order)), q)):
        cap = caps.get(q)
        if cap is not None and SEVERITY_RANK[cap] < SEVERITY_RANK[sev]:
            sev, note = cap, NOTES.get(q)
    return sev, note


_INFERRED_KEYS = ("reading", "confidence", "link", "linked")


def marked_reading(d: Any) -> str | None:
    """'inferred' or 'explicit' when a report item (or a mention) says how it was read.

    The document reader marks the relations it assembles (issue 12); the field may be spelled
    `reading`, `confidence`, `link(ed)` with those words, or a boolean `inferred`/`explicit`."""
    if not isinstance(d, dict):
        return None
    if d.get("inferred") is True or d.get("explicit") is False:
        return "inferred"
    if d.get("explicit") is True or d.get("inferred") is False:
        return "explicit"
    for k in _INFERRED_KEYS:
        v = d.get(k)
        if isinstance(v, str) and v.lower() in ("inferred", "explicit"):
            return v.lower()
    return None


def inferred(rule: Any, items: list[Any], links_default: bool) -> bool:
    """Whether the values a finding compares were brought together by the reader: a mark on
    the item or any of its mentions says so; otherwise, for a report read from a document,
    the rules that compare values the reader linked (one quantity stated twice, rates over one
    base, a count against a list) are inferred unless marked explicit."""
    marks = []
    for it in items:
        marks.append(marked_reading(it))
        if isinstance(it, dict):
            for m in it.get("mentions") or []:
                marks.append(marked_reading(m))
    if "inferred" in marks:
        return True
    if "explicit" in marks:
        return False
    return links_default and links_values(rule)


def links_values(rule: Any) -> bool:
    return rule.check in ("same_value", "unit_scale", "count") or bool(rule.group_by)
