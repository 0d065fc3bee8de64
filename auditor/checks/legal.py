"""Check kinds for legal and administrative references (DOMAIN.md §5 family 11, §7).

They compare the structured citations of a report (`references`, `meta.answers`: kind,
number, date, role) with the registry `auditor/data/legal_documents.yaml`. Nothing is parsed
from prose here (see `auditor.registries.citations` for that).

A number without a year ("05-CT/TW", "16/VBHN-VPQH", "263/QĐ-TTg") is not unique over time:
party numbering restarts with each Central Committee term and VBHN numbering every year. Such
a citation is taken to mean the registry's document only when its date or its title agrees
with the registry; numbers with a year ("91/2017/NĐ-CP") identify the document by themselves.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

# Imported as a module (not names): checks_period may be half-initialised when a caller
# imports it before auditor.checks.registry, and its helpers are only used at call time.
from auditor.checks import period as P
from auditor.checks.registry import Outcome, register, skip
from auditor.registries.legal import (
    LegalDoc,
    documents_dated,
    in_force_successor,
    lookup,
    normalize_number,
    number_year,
)

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from typing import Any

# Words that say nothing about which document is meant.
_STOP = frozenset("về việc và của các cho trong theo với số một những đối tại năm ngày".split())


def _words(text: str) -> set[str]:
    t = unicodedata.normalize("NFC", text or "").lower()
    return {w for w in re.findall(r"\w+", t) if w not in _STOP and not w.isdigit()}


def title_match(ref: dict[str, Any], doc: LegalDoc) -> float:
    """Share of the registry title's words found in the citation's title and text."""
    want = _words(doc.title)
    if not want:
        return 0.0
    have = _words(f"{ref.get('title') or ''} {ref.get('text') or ''}")
    return len(want & have) / len(want)


def identified(ref: dict[str, Any], doc: LegalDoc, threshold: float, *, by_date: bool = True) -> bool:
    """The citation means this registry document: its number carries a year, or (for a number
    without one) its date or its title agrees with the registry."""
    if doc.has_year:
        return True
    if by_date and doc.date is not None:
        b = P.view_bounds(ref.get("date"))
        if b is not None and b[0] <= doc.date <= b[1]:
            return True
    return title_match(ref, doc) >= threshold


def _ref_and_doc(a: dict[str, Any]) -> tuple[dict[str, Any], LegalDoc] | str:
    ref = a.get("ref")
    if not isinstance(ref, dict):
        return "no reference"
    if P.duplicate_answer(ref, a.get("refs")):
        return "an answer also listed in references"
    doc = lookup(ref.get("number"))
    if doc is None:
        return "number not in the registry"
    return ref, doc


def _ref_and_dated_doc(a: dict[str, Any]) -> tuple[dict[str, Any], LegalDoc] | str:
    """As `_ref_and_doc`, for checks that rely on the registry's date: only a verified one."""
    got = _ref_and_doc(a)
    if isinstance(got, str):
        return got
    if got[1].date is None or not got[1].date_verified:
        return "registry date not verified"
    return got


def _date_text(ref: dict[str, Any]) -> str:
    """The cited date as the report wrote it (“ngày 17/9/2019”), else as a reader would say it."""
    d = ref.get("date") or {}
    return str(d.get("text") or P.show_date(d)).strip()


@register("legal_date", {"ref", "refs"}, hints=False)
def check_legal_date(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """A cited document's date matches the registry's date for its number. When the date
    cited is that of another registry document, the message names it (05-CT/TW cited with
    14/5/2011, the date of 03-CT/TW)."""
    got = _ref_and_dated_doc(a)
    if isinstance(got, str):
        return skip(got)
    ref, doc = got
    b = P.view_bounds(ref.get("date"))
    if b is None:
        return skip("citation undated")
    if b[0] <= doc.date <= b[1]:
        return [Outcome("pass")]
    if not identified(ref, doc, float(o.get("title_match", 0.8)), by_date=False):
        return skip("number without a year and a different title: maybe another document")
    other_vi = other_en = ""
    if b[0] == b[1]:
        others = [d for d in documents_dated(b[0]) if d.key != doc.key]
        if others:
            names = ", ".join(d.citation() for d in others)
            other_vi = f"; ngày {P.show_day(b[0])} là ngày ban hành của {names}"
            other_en = f"; {P.show_day(b[0])} is the date of {names}"
    return [Outcome("fail", "", P.marker(f"{P.ptr(ref)}/date", _date_text(ref), ref.get("src"), b[0].year), [],
                    {"doc": P.doc_name(ref), "stated": _date_text(ref),
                     "stated_en": P.show_date(ref.get("date"), "en"), "expected": P.show_day(doc.date),
                     "other_vi": other_vi, "other_en": other_en,
                     "source": doc.source})]


@register("legal_in_force", {"ref", "refs", "report_date", "period"}, hints=False)
def check_legal_in_force(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """A document cited as the current legal basis is in force at the report date. Not when
    the report's period began while it was in force (a report on 2023 may rely on the texts
    of 2023), and only when the report is certainly dated on or after the replacement."""
    got = _ref_and_doc(a)
    if isinstance(got, str):
        return skip(got)
    ref, doc = got
    if ref.get("role") not in o.get("roles", ["basis"]):
        return skip("not cited as the current basis")
    if P.duplicate_answer(ref, a.get("refs")):
        return skip("an answer also listed in references")
    if doc.replaced_from is None or (not doc.replaced_verified and not o.get("use_unverified", False)):
        return skip("not replaced (or replacement date not verified)")
    rb = P.view_bounds(a.get("report_date"))
    pi = P.period_info(a.get("period"))
    if rb is None or pi is None or pi.start is None:
        return skip("report date or period start unknown")
    if rb[0] < doc.replaced_from or pi.start < doc.replaced_from:
        return [Outcome("pass")]
    if not identified(ref, doc, float(o.get("title_match", 0.8))):
        return skip("number without a year and a different date and title")
    now = in_force_successor(doc, rb[0])
    now_vi = now_en = ""
    if now is not None and normalize_number(now.number) != normalize_number(doc.replaced_by):
        now_vi = f"; văn bản đang áp dụng: {now.citation()}"
        now_en = f"; in force now: {now.citation()}"
    return [Outcome("fail", "", P.marker(P.ptr(ref), P.doc_name(ref), ref.get("src"),
                                       doc.date.year if doc.date else None), [],
                    {"doc": P.doc_name(ref), "stated": P.doc_name(ref), "replaced_by": str(doc.replaced_by),
                     "replaced_from": P.show_day(doc.replaced_from), "now_vi": now_vi, "now_en": now_en,
                     "report_date": P.show_date(a.get("report_date")),
                     "report_date_en": P.show_date(a.get("report_date"), "en"), "period": pi.label,
                     "expected": str(doc.replaced_by), "source": doc.source})]


@register("legal_issued_before_report", {"ref", "refs", "report_date"}, hints=False)
def check_legal_issued_before_report(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """A report cannot cite a document issued after it. Uses the registry's date, so it also
    catches a citation without a date; a cited date after the report is `dated_after_report`'s
    finding and is not reported twice."""
    got = _ref_and_dated_doc(a)
    if isinstance(got, str):
        return skip(got)
    ref, doc = got
    rb = P.view_bounds(a.get("report_date"))
    if rb is None:
        return skip("report undated")
    cb = P.view_bounds(ref.get("date"))
    if cb is not None and cb[0] > rb[1]:
        return skip("the cited date itself is after the report")
    if doc.date <= rb[1]:
        return [Outcome("pass")]
    if not identified(ref, doc, float(o.get("title_match", 0.8))):
        return skip("number without a year and a different date and title")
    return [Outcome("fail", "", P.marker(P.ptr(ref), P.doc_name(ref), ref.get("src"), doc.date.year), [],
                    {"doc": P.doc_name(ref), "stated": P.doc_name(ref), "issued": P.show_day(doc.date),
                     "report_date": P.show_date(a.get("report_date")),
                     "report_date_en": P.show_date(a.get("report_date"), "en"),
                     "expected": f"≤ {P.show_date(a.get('report_date'), 'en')}", "source": doc.source})]


@register("legal_known", {"ref", "refs"}, hints=False)
def check_legal_known(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """A number shaped like a national normative or party document (patterns are options,
    matched on the normalised number) is in the registry. Local letters and decisions
    ("2067/UBND-NV", "33/2018/QĐ-UBND") are never expected there."""
    ref = a.get("ref")
    if not isinstance(ref, dict) or P.duplicate_answer(ref, a.get("refs")):
        return skip("no reference, or an answer also listed in references")
    number = ref.get("number")
    key = normalize_number(number)
    if not key:
        return skip("no number")
    patterns = [re.compile(p) for p in o.get("patterns", [])]
    if not any(p.search(key) for p in patterns):
        return skip("not a national document number")
    if lookup(number) is not None:
        return [Outcome("pass")]
    return [Outcome("fail", "", P.marker(P.ptr(ref), str(number), ref.get("src"), number_year(number)), [],
                    {"doc": P.doc_name(ref), "stated": str(number)})]


@register("number_year_date", {"ref", "refs"}, hints=False)
def check_number_year_date(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """The year written in a normative document's number is its year of issue:
    “91/2017/NĐ-CP ngày 31/7/2018” contradicts itself, registry or not."""
    ref = a.get("ref")
    if not isinstance(ref, dict) or P.duplicate_answer(ref, a.get("refs")):
        return skip("no reference, or an answer also listed in references")
    year = number_year(ref.get("number"))
    d = ref.get("date")
    if year is None or not isinstance(d, dict) or not isinstance(d.get("year"), int):
        return skip("no year in the number or no dated citation")
    if d["year"] == year:
        return [Outcome("pass")]
    return [Outcome("fail", "", P.marker(f"{P.ptr(ref)}/date", _date_text(ref), ref.get("src"), d["year"]), [],
                    {"doc": P.doc_name(ref), "stated": _date_text(ref), "stated_en": P.show_date(d, "en"),
                     "found": str(d["year"]),
                     "expected": str(year)})]


def _full_date(d: Any) -> bool:
    return isinstance(d, dict) and all(isinstance(d.get(k), int) for k in ("day", "month", "year"))


def _key(text: Any) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", str(text or ""))).strip().casefold()


@register("same_number_dates", {"ref", "refs"}, hints=False)
def check_same_number_dates(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """One document, one date: a number cited twice with two dates of one year (“Kế hoạch số
    25/KH-UBND ngày 15/02/2024” … “Kế hoạch số 25/KH-UBND ngày 20/02/2024”). A number without a
    year restarts every year and belongs to its issuer: two years, two kinds or two issuers are two
    documents. With the issuer named at one citation only, it is a reading (a warning). The pair is
    reported once, at the later citation."""
    ref, refs = a.get("ref"), a.get("refs")
    if not isinstance(ref, dict) or not isinstance(refs, list):
        return skip("no reference")
    num, d = normalize_number(ref.get("number")), ref.get("date")
    if not num or not _full_date(d):
        return skip("no number or no full date")
    for other in refs:
        if other is ref:
            break
        if not isinstance(other, dict) or normalize_number(other.get("number")) != num:
            continue
        od = other.get("date")
        if not _full_date(od) or od["year"] != d["year"]:
            continue
        kinds = {_key(x.get("kind")) for x in (ref, other) if x.get("kind")}
        issuers = {_key(x.get("issuer")) for x in (ref, other) if x.get("issuer")}
        if len(kinds) > 1 or len(issuers) > 1:
            continue
        if (od["day"], od["month"]) == (d["day"], d["month"]):
            return [Outcome("pass")]
        both = bool(ref.get("issuer")) and bool(other.get("issuer"))
        return [Outcome("fail", "", P.marker(f"{P.ptr(ref)}/date", _date_text(ref), ref.get("src"), d["year"]),
                        [P.marker(f"{P.ptr(other)}/date", _date_text(other), other.get("src"), od["year"])],
                        {"doc": P.doc_name(ref), "stated": _date_text(ref), "stated_en": P.show_date(d, "en"),
                         "other": _date_text(other), "other_en": P.show_date(od, "en")},
                        qualifiers=frozenset() if both else frozenset({"inferred"}))]
    return skip("the number is cited once")


@register("two_tier_unit", {"unit", "date"}, hints=False)
def check_two_tier_unit(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """From 1/7/2025 local government has two tiers (province, commune): a report certainly
    dated on or after that day cannot come from a district-level unit or a thị trấn."""
    unit = a.get("unit")
    kind = unit.get("kind") if isinstance(unit, dict) else None
    if not kind:
        return skip("unit kind unknown")
    rb = P.view_bounds(a.get("date"))
    reform = P.iso(o.get("from", "2025-07-01")) or dt.date(2025, 7, 1)
    if rb is None:
        return skip("report undated")
    if kind not in o.get("kinds", ["huyen", "quan", "thi_xa", "thi_tran"]) or rb[0] < reform:
        return [Outcome("pass")]
    names: dict[str, tuple[str, str]] = {"huyen": ("huyện", "district"), "quan": ("quận", "urban district"),
                                         "thi_xa": ("thị xã", "district-level town"),
                                         "thi_tran": ("thị trấn", "township")}
    vi, en = names.get(kind, (kind, kind))
    return [Outcome("fail", "", P.marker(f"{P.ptr(unit)}/kind", str(kind), None, rb[0].year), [],
                    {"stated": vi, "kind_vi": vi, "kind_en": en, "name": str(unit.get("name") or ""),
                     "report_date": P.show_date(a.get("date")), "report_date_en": P.show_date(a.get("date"), "en"),
                     "from": P.show_day(reform), "expected": "xã / phường / đặc khu"})]
