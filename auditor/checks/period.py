"""Check kinds for the report's period and dates: headings, column labels, plan section, report
date, documents and data dates (DOMAIN.md §5 family 7).

Every date may be partial ("ngày tháng 11 năm 2022"): it stands for the interval of days it
can mean, and a check fails only when *no* day of that interval satisfies it.

A finding about a sub-item that is not a number (a heading, a column label, a paragraph, a
citation's date) points at it through a marker `Fact` whose pointer is that sub-item and
whose value is the year at stake; the engine then reports the right pointer and source line.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from auditor.checks.registry import Outcome, per_list, register, skip
from auditor.model.facts import Fact
from auditor.model.findings import source_loc
from auditor.numeric.months import MONTH_NAMES, days_in_month
from auditor.records import dataclass
from auditor.registries.legal import normalize_number

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from typing import Any

# ----------------------------------------------------------------------------- shared helpers


def view_bounds(v: Any) -> tuple[dt.date, dt.date] | None:
    """(earliest, latest) day a PartialDate view can mean; None when it has no year or is
    not a date at all."""
    if not isinstance(v, dict):
        return None
    y, m, d = v.get("year"), v.get("month"), v.get("day")
    if not isinstance(y, int):
        return None
    try:
        if isinstance(m, int) and isinstance(d, int):
            x = dt.date(y, m, d)
            return x, x
        if isinstance(m, int):
            return dt.date(y, m, 1), dt.date(y, m, days_in_month(y, m))
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    except ValueError:
        return None


def show_day(d: dt.date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def show_date(v: Any, lang: str = "vi") -> str:
    """A PartialDate view as a reader would say it: “ngày 14/05/2011”, “tháng 7/2024”,
    “năm 2022” (vi); “14/05/2011”, “July 2024”, “2022” (en)."""
    if not isinstance(v, dict) or not isinstance(v.get("year"), int):
        return "?"
    y, m, d = v["year"], v.get("month"), v.get("day")
    if isinstance(m, int) and isinstance(d, int):
        return f"ngày {d:02d}/{m:02d}/{y}" if lang == "vi" else f"{d:02d}/{m:02d}/{y}"
    if isinstance(m, int) and 1 <= m <= 12:
        return f"tháng {m}/{y}" if lang == "vi" else f"{MONTH_NAMES[m]} {y}"
    return f"năm {y}" if lang == "vi" else str(y)


def iso(v: Any) -> dt.date | None:
    if isinstance(v, dt.date):
        return v
    if isinstance(v, str):
        try:
            return dt.date.fromisoformat(v[:10])
        except ValueError:
            return None
    return None


def marker(pointer: str, text: str, src: Any = None, value: int | None = None) -> Fact:
    """A Fact that stands for a non-number sub-item (heading, label, paragraph, date) so the
    finding points at it. Its value is the year at stake (0 when there is none)."""
    return Fact(Decimal(value or 0), 0, True, text, pointer, None, source_loc(src))


def ptr(item: Any) -> str:
    return item.get("$ptr", "") if isinstance(item, dict) else ""


def doc_name(ref: dict[str, Any]) -> str:
    """“Chỉ thị 05-CT/TW”, “Công văn 2067/UBND-NV”, or what there is."""
    kind, number = ref.get("kind"), ref.get("number")
    if kind and number:
        return f"{kind} {number}"
    return str(number or kind or ref.get("text") or "?")


def duplicate_answer(ref: dict[str, Any], refs: Any) -> bool:
    """An item of meta.answers that is also listed in references (the usual encoding): the
    reference carries the finding, so the answer is skipped to avoid reporting it twice."""
    if not ptr(ref).startswith("/meta/answers/") or not isinstance(refs, list):
        return False
    return (normalize_number(ref.get("number")), view_bounds(ref.get("date"))) in _ref_keys(refs)


@per_list
def _ref_keys(refs: list[Any]) -> set[tuple[Any, Any]]:
    """(number as normalized, days the date can mean) of each reference."""
    return {(normalize_number(r.get("number")), view_bounds(r.get("date"))) for r in refs if isinstance(r, dict)}


@dataclass(frozen=True)
class PeriodInfo:
    """A report's period as a reader would take it: kind, year and dates."""

    kind: str
    year: int
    start: dt.date | None
    end: dt.date | None
    label: str
    half: str | None  # "first" / "second" for half_year


_LAST_PERIOD: list[Any] = [None, None]  # [the period's view dict, its PeriodInfo]


def period_info(p: Any) -> PeriodInfo | None:
    """The report's period, with the dates a reader would assume. Rules ask it for every
    section and reference with the same `$.meta.period` dict: the last answer is kept, and
    holding that dict keeps another from taking its identity. (Views are not changed once
    made; PeriodInfo is frozen.)"""
    last = _LAST_PERIOD
    if p is last[0] and p is not None:
        return last[1]
    info = _period_info(p)
    last[0], last[1] = p, info
    return info


def _period_info(p: Any) -> PeriodInfo | None:
    if not isinstance(p, dict) or not p.get("kind"):
        return None
    start, end = iso(p.get("start")), iso(p.get("end"))
    year = p.get("year") or (end.year if end else None) or (start.year if start else None)
    if not isinstance(year, int):
        return None
    kind = str(p["kind"])
    label = str(p.get("label") or "")
    half = None
    if kind == "half_year":
        low = label.lower()
        if (start and start.month >= 7) or (end and end.month == 12 and not (start and start.month < 7)) \
                or "cuối" in low:
            half = "second"
        elif (start and start.month == 1) or (end and end.month == 6) or "đầu" in low:
            half = "first"
    # Defaults a reader would assume for the usual periods.
    if kind == "year":
        start, end = start or dt.date(year, 1, 1), end or dt.date(year, 12, 31)
    elif kind == "half_year" and half == "first":
        start, end = start or dt.date(year, 1, 1), end or dt.date(year, 6, 30)
    elif kind == "half_year" and half == "second":
        start, end = start or dt.date(year, 7, 1), end or dt.date(year, 12, 31)
    elif kind == "nine_months":
        start, end = start or dt.date(year, 1, 1), end or dt.date(year, 9, 30)
    if not label:
        label = {"year": f"năm {year}", "half_year": f"6 tháng {'cuối' if half == 'second' else 'đầu'} năm {year}",
                 "nine_months": f"9 tháng năm {year}"}.get(kind, f"{kind} {year}")
    return PeriodInfo(kind, year, start, end, label, half)


def plan_target(pi: PeriodInfo) -> tuple[int, str, str] | None:
    """The year the plan part ("phương hướng, nhiệm vụ") is about, with its label (vi, en):
    annual report Y → năm Y+1; first half of Y → 6 tháng cuối năm Y; nine months → the last
    quarter of Y; a period ending in December → the next year."""
    y = pi.year
    if pi.kind == "year" or (pi.kind == "half_year" and pi.half == "second"):
        return y + 1, f"năm {y + 1}", f"{y + 1}"
    if pi.kind == "half_year" and pi.half == "first":
        return y, f"6 tháng cuối năm {y}", f"the second half of {y}"
    if pi.kind == "nine_months":
        return y, f"3 tháng cuối năm {y}", f"the last quarter of {y}"
    if pi.kind in ("quarter", "month") and pi.end is not None:
        if pi.end.month == 12:
            return y + 1, f"năm {y + 1}", f"{y + 1}"
        return y, f"các tháng còn lại của năm {y}", f"the rest of {y}"
    return None


# "năm 2022" naming a year, not inside a date ("ngày 30 tháng 8 năm 2019") and not the start
# of a range ("năm 2021 - 2025", "năm 2023/2024").
_NAM_YEAR = re.compile(r"(?<!\w)năm\s+((?:19|20)\d{2})(?!\d)", re.IGNORECASE)
_RANGE_AFTER = re.compile(r"\s*[-–—/]\s*\d")
_DATE_BEFORE = re.compile(r"tháng\s*[\d.…_]*\s*$", re.IGNORECASE)


def named_years(text: str) -> list[re.Match[str]]:
    """Matches of “năm YYYY” that name a year (group 1), in order."""
    out = []
    for m in _NAM_YEAR.finditer(text or ""):
        if _RANGE_AFTER.match(text, m.end()):
            continue
        if _DATE_BEFORE.search(text[max(0, m.start() - 20):m.start()]):
            continue
        out.append(m)
    return out


_HALF = re.compile(r"6\s*tháng\s*(đầu|cuối)", re.IGNORECASE)


# ----------------------------------------------------------------------------- headings

# a heading about targets (not about how they were met)
_TARGETS_HEAD = re.compile(r"(?<!\w)(?:chỉ\s+tiêu|mục\s+tiêu|kế\s+hoạch|phương\s+hướng|nhiệm\s+vụ|dự\s+kiến)(?!\w)",
                           re.IGNORECASE)
_RESULTS_HEAD = re.compile(r"(?<!\w)(?:kết\s+quả|thực\s+hiện|đánh\s+giá|tình\s+hình|đạt\s+được|tổng\s+kết|"
                           r"sơ\s+kết)(?!\w)", re.IGNORECASE)


# ----------------------------------------------------------------------------- the title's year, outvoted

_LAST_VOTE: list[Any] = [None, None, None, None]  # [period, sections, date, its outcome] (asked once per section)


@dataclass(frozen=True)
class Outvote:
    """The year the rest of an annual report names when its title's year has no support in it."""
    year: int
    results: tuple[str, ...]  # results headings naming `year`
    plans: tuple[str, ...]    # plan headings naming `year` + 1
    date_fits: bool           # the report's date falls in the window of a report on `year`


def outvoted(period: Any, sections: Any, date: Any) -> Outvote | None:
    """An annual report whose title names a year that nothing else in it supports, while at least two
    independent parts of it agree on another (the results headings name it, the plan headings the year
    after it, the date falls in its report window): then the title is the item that is wrong, not the
    headings and the date that agree with each other. None when the title's year has any support,
    when the rest names two different years, or when fewer than two parts agree."""
    last = _LAST_VOTE
    if last[0] is period and last[1] is sections and last[2] is date and period is not None:
        return last[3]
    out = _outvoted(period, sections, date)
    last[0], last[1], last[2], last[3] = period, sections, date, out
    return out


def _outvoted(period: Any, sections: Any, date: Any) -> Outvote | None:
    pi = period_info(period)
    if pi is None or pi.kind != "year" or not isinstance(sections, list):
        return None
    results: dict[int, list[str]] = {}
    plans: dict[int, list[str]] = {}
    for sec in sections:
        if not isinstance(sec, dict) or isinstance(sec.get("level"), int) and sec["level"] > 2:
            continue
        heading = str(sec.get("heading") or "")
        years = {int(m.group(1)) for m in named_years(heading)}
        if len(years) != 1:
            continue
        y = years.pop()
        if sec.get("part") == "results" and not (_TARGETS_HEAD.search(heading) and not _RESULTS_HEAD.search(heading)):
            results.setdefault(y, []).append(heading)
        elif sec.get("part") in ("plan", "results"):  # (a results-part heading of targets is the plan's)
            plans.setdefault(y - 1, []).append(heading)
    named = set(results) | set(plans)
    if pi.year in named or len(named) != 1:
        return None
    y = named.pop()
    b = view_bounds(date)

    def fits(year: int) -> bool:
        lo, hi = date_window(dt.date(year, 12, 31), 3, 3)
        return b is not None and b[0] <= hi and b[1] >= lo

    if fits(pi.year):
        return None  # the date agrees with the title: which one is wrong, the report does not tell
    if (y in results) + (y in plans) + fits(y) < 2:
        return None
    return Outvote(y, tuple(results.get(y, ())), tuple(plans.get(y, ())), fits(y))


@register("period_outvoted", {"period", "sections", "date", "title"}, hints=False)
def check_period_outvoted(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """The title's year against the rest of the report (`outvoted`): when the rest agrees on another year,
    the title is reported, once, and the heading and date rules stay silent on the items that agree."""
    period = a.get("period")
    pi = period_info(period)
    if pi is None or pi.kind != "year" or not isinstance(a.get("sections"), list):
        return skip("not an annual report with headings")
    v = outvoted(period, a.get("sections"), a.get("date"))
    if v is None:
        return [Outcome("pass")]
    date = a.get("date")
    ev_vi = [f"tiêu đề “{h}”" for h in (*v.results, *v.plans)]
    ev_en = [f"the heading “{h}”" for h in (*v.results, *v.plans)]
    if v.date_fits:
        ev_vi.append(f"ngày báo cáo {show_date(date)}")
        ev_en.append(f"the report's date {show_date(date, 'en')}")
    title = str(a.get("title") or pi.label)
    return [Outcome("fail", "", marker("/meta/title", title, None, pi.year), [], {
        "title": title, "stated": pi.label, "expected": f"năm {v.year}", "expected_en": str(v.year),
        "evidence": ", ".join(ev_vi[:-1]) + (" và " if len(ev_vi) > 1 else "") + ev_vi[-1],
        "evidence_en": ", ".join(ev_en[:-1]) + (" and " if len(ev_en) > 1 else "") + ev_en[-1]})]


@register("heading_year", {"section", "period", "sections", "date"}, hints=False)
def check_heading_year(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """A heading names the period of its part: the report's year in the results part, the
    next period's year in the plan part (annual Y → Y+1; first half of Y → 6 tháng cuối năm Y)."""
    sec, pi = a.get("section"), period_info(a.get("period"))
    if not isinstance(sec, dict) or pi is None:
        return skip("no section or no period")
    if outvoted(a.get("period"), a.get("sections"), a.get("date")) is not None:
        return skip("the title's year is the one the rest of the report contradicts (PER012)")
    pv = a.get("period")
    if pi.kind == "other" and isinstance(pv, dict) and not pv.get("label"):
        # a title that names no period: the year is only the document date's (“ngày 10/01/2025” on a
        # review of 2024), not a period its headings can be held to
        return skip("the period is only guessed from the date")
    level = sec.get("level")
    if isinstance(level, int) and level > int(o.get("max_level", 2)):
        return skip("sub-heading below the levels that name the period")
    heading = str(sec.get("heading") or "")
    expect = o.get("expect", "report")
    if expect == "plan":
        target = plan_target(pi)
        if target is None:
            return skip("no next period for this kind of period")
        want, want_vi, want_en = target
    else:
        want, want_vi, want_en = pi.year, pi.label, pi.label
    years = named_years(heading)
    half = _HALF.search(heading)
    pointer = f"{ptr(sec)}/heading"
    params = {"heading": heading, "expected": str(want), "period": pi.label,
              "plan_vi": want_vi, "plan_en": want_en}
    if expect == "plan" and pi.kind == "half_year" and pi.half == "first" and half \
            and half.group(1).lower() == "đầu" and (not years or int(years[0].group(1)) == pi.year):
        # The plan after a first-half review is for the second half, not the first.
        return [Outcome("fail", "half", marker(pointer, half.group(0), sec.get("src"), pi.year), [],
                        {**params, "stated": half.group(0), "found": half.group(0)})]
    if not years:
        return skip("the heading names no year")
    if any(int(m.group(1)) == want for m in years):
        return [Outcome("pass")]
    target = plan_target(pi) if expect == "report" else None
    if target is not None and target[0] != pi.year and _TARGETS_HEAD.search(heading) \
            and not _RESULTS_HEAD.search(heading) and any(int(m.group(1)) == target[0] for m in years):
        # “Các chỉ tiêu kinh tế - xã hội chủ yếu năm 2021” after a 2020 review: the next period's
        # targets, a heading of the plan that the layout did not tell from the results
        return skip("the heading names the next period's targets")
    bad = years[0]
    return [Outcome("fail", "year", marker(pointer, bad.group(0), sec.get("src"), int(bad.group(1))), [],
                    {**params, "stated": bad.group(0), "found": bad.group(1)})]


# ----------------------------------------------------------------------------- table columns

_CK_LABEL = re.compile(r"(?<!\w)(?:CK|cùng\s+kỳ)(?!\w)", re.IGNORECASE)
_TH_LABEL = re.compile(r"(?<!\w)(?:TH|ƯTH|thực\s+hiện|ước)(?!\w)", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_YEAR_PAIR = re.compile(r"(?<!\d)(?:19|20)\d{2}\s*[-–—/]\s*(?:19|20)?\d{2}(?!\d)")
_CK_KEYS = {"ck", "pct_ck"}
_PERIOD_KEYS = {"kh", "th", "pct_kh", "remaining"}


def label_year(label: str) -> int | None:
    """The one year a column label names ("TH 2022", "KH năm 2024 (theo NQ HĐND giao)"); None
    for no year, a range ("2021-2025"), a comparison ("2023/2022") or several years."""
    rest = _YEAR_PAIR.sub(" ", label or "")
    years = {int(y) for y in _YEAR.findall(rest)}
    return years.pop() if len(years) == 1 else None


def table_part(table: dict[str, Any], sections: Any) -> str | None:
    """The part (results / plan / other) of the section a table belongs to: the section with
    that id, else the deepest section whose id is a dotted prefix of it."""
    sid = table.get("section")
    if not sid or not isinstance(sections, list):
        return None
    parts = _own_parts(sections)
    if isinstance(sid, str) and sid in parts:
        return parts[sid]
    text = str(sid)
    dot = text.rfind(".")
    while dot > 0:  # else the longest prefix that ends before a dot and is a section's id
        if text[:dot] in parts:
            return parts[text[:dot]]
        dot = text.rfind(".", 0, dot)
    return None


@per_list
def _own_parts(sections: list[Any]) -> dict[str, str | None]:
    """Each section id's own part (the first section of an id counts)."""
    out: dict[str, str | None] = {}
    for s in sections:
        if isinstance(s, dict) and s.get("id"):
            out.setdefault(str(s["id"]), s.get("part"))
    return out


def _columns(table: dict[str, Any]) -> list[tuple[int, dict[str, Any], int]]:
    out = []
    for i, c in enumerate(table.get("columns") or []):
        if isinstance(c, dict):
            y = label_year(str(c.get("label") or ""))
            if y is not None:
                out.append((i, c, y))
    return out


def _column_outcome(table: dict[str, Any], i: int, col: dict[str, Any], year: int, expected: int,
                    params: dict[str, str]) -> Outcome:
    label = str(col.get("label") or "")
    th = bool(_TH_LABEL.search(label)) and not _CK_LABEL.search(label)
    return Outcome("fail", str(i), marker(f"{ptr(table)}/columns/{i}/label", label, table.get("src"), year), [],
                   {"stated": label, "found": str(year), "expected": str(expected),
                    "table": str(table.get("title") or table.get("id") or ""),
                    "what_vi": " (số thực hiện)" if th else "", "what_en": " (actuals)" if th else "",
                    **params})


@register("plan_table_years", {"table", "sections", "period"}, hints=False)
def check_plan_table_years(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """A table in the plan part names the planned period in its value columns. A value column
    naming another year ("TH 2022" over 2023 targets) is only a baseline when some column of
    the table names the planned year; otherwise the table is labelled with the wrong period."""
    table, pi = a.get("table"), period_info(a.get("period"))
    if not isinstance(table, dict) or pi is None:
        return skip("no table or no period")
    if table_part(table, a.get("sections")) != "plan":
        return skip("not a table of the plan part")
    target = plan_target(pi)
    if target is None:
        return skip("no next period for this kind of period")
    want, want_vi, want_en = target
    cols = _columns(table)
    if not cols:
        return skip("no column label names a year")
    if any(y == want for _, _, y in cols):
        return [Outcome("pass")]
    outs = [_column_outcome(table, i, c, y, want, {"plan_vi": want_vi, "plan_en": want_en})
            for i, c, y in cols
            if c.get("key") and c.get("key") not in _CK_KEYS and not _CK_LABEL.search(str(c.get("label")))]
    return outs or skip("only baseline columns name a year")


@register("column_years", {"table", "sections", "period"}, hints=False)
def check_column_years(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """Outside the plan part a column's year matches its role: same-period columns (CK, cùng
    kỳ, key ck / pct_ck) name the previous year Y−1; plan, actual and %-of-plan columns (keys
    kh, th, pct_kh, remaining) name the report's year Y. Unkeyed columns are checked only when
    their label says CK, since an unkeyed “TH 2021” may be any baseline."""
    table, pi = a.get("table"), period_info(a.get("period"))
    if not isinstance(table, dict) or pi is None:
        return skip("no table or no period")
    if pi.kind not in o.get("period_kinds", ["year", "half_year", "nine_months"]):
        return skip("period kind without a yearly same-period comparison")
    part = table_part(table, a.get("sections"))
    if part == "plan":
        return skip("plan tables are checked by plan_table_years")
    outs: list[Outcome] = []
    for i, c, y in _columns(table):
        label, key = str(c.get("label") or ""), c.get("key")
        if _CK_LABEL.search(label) or key in _CK_KEYS:
            want, role_vi, role_en = pi.year - 1, "cùng kỳ", "same period last year"
        elif key in _PERIOD_KEYS and part == "results":
            want, role_vi, role_en = pi.year, "kỳ báo cáo", "the reporting period"
        else:
            continue
        if y == want:
            outs.append(Outcome("pass", str(i)))
        else:
            outs.append(_column_outcome(table, i, c, y, want, {"role_vi": role_vi, "role_en": role_en,
                                                               "period": pi.label}))
    return outs or skip("no column whose year can be checked")


# ----------------------------------------------------------------------------- plan text

_CLAUSE = re.compile(r"[^.;:!?\n]+")


@register("plan_text_years", {"section", "period"}, hints=False)
def check_plan_text_years(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """The plan part sets tasks for the next period: a clause that commits to targets
    (“thực hiện thắng lợi các chỉ tiêu … năm 2022”) naming a year already past is stale text
    copied from an earlier report. Dates, ranges (“giai đoạn 2022 - 2025”), document numbers
    and look-backs (“tổng kết”, “so với”, “kết quả”) are not targets."""
    sec, pi = a.get("section"), period_info(a.get("period"))
    if not isinstance(sec, dict) or pi is None:
        return skip("no section or no period")
    target = plan_target(pi)
    if target is None:
        return skip("no next period for this kind of period")
    want, want_vi, want_en = target
    targets = re.compile(r"(?<!\w)(?:" + "|".join(o.get("targets", ["chỉ tiêu", "nhiệm vụ", "mục tiêu"]))
                         + r")(?!\w)", re.IGNORECASE)
    verbs = re.compile(r"(?<!\w)(?:" + "|".join(o.get("verbs", ["thực hiện", "hoàn thành", "phấn đấu"]))
                       + r")(?!\w)", re.IGNORECASE)
    exclude = re.compile(r"(?<!\w)(?:" + "|".join(o.get("exclude", ["tổng kết", "so với"])) + r")(?!\w)",
                         re.IGNORECASE)
    max_gap = int(o.get("max_gap", 100))
    texts = sec.get("text") or []
    outs: list[Outcome] = []
    for j, para in enumerate(texts):
        if not isinstance(para, str) or not _NAM_YEAR.search(para):
            continue  # (most paragraphs name no year: the clause loop below is the cost)
        hit = None
        for clause in _CLAUSE.finditer(para):
            c = clause.group(0)
            if exclude.search(c):
                continue
            for ym in named_years(c):
                year = int(ym.group(1))
                if year >= want:
                    continue
                head = c[:ym.start()]
                tm = None
                for tm in targets.finditer(head):
                    pass
                if tm is None or ym.start() - tm.end() > max_gap or not verbs.search(head[:tm.start()] + " "):
                    continue
                gap = c[tm.end():ym.start()]
                if re.search(r"\d|(?<!\w)số(?!\w)", gap, re.IGNORECASE):
                    continue  # “kế hoạch số 12/KH-UBND năm 2022”: a document, not a target
                hit = (c[tm.start():ym.end()].strip(), year)
                break
            if hit:
                break
        if hit is None:
            if named_years(para):
                outs.append(Outcome("pass", str(j)))
            continue
        phrase, year = hit
        outs.append(Outcome("fail", str(j), marker(f"{ptr(sec)}/text/{j}", phrase, None, year), [],
                            {"stated": phrase, "found": str(year), "expected": str(want),
                             "plan_vi": want_vi, "plan_en": want_en, "heading": str(sec.get("heading") or "")}))
    return outs or skip("no paragraph names a year")


# ----------------------------------------------------------------------------- report date

def _month_shift(year: int, month: int, delta: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + delta
    return k // 12, k % 12 + 1


def date_window(end: dt.date, before: int, after: int) -> tuple[dt.date, dt.date]:
    """From the first day of the month `before − 1` months before the period's last month, to
    the last day of the month `after` months after it: (end 31/12, 3, 3) → 01/10 – 31/03."""
    y0, m0 = _month_shift(end.year, end.month, -(before - 1))
    y1, m1 = _month_shift(end.year, end.month, after)
    return dt.date(y0, m0, 1), dt.date(y1, m1, days_in_month(y1, m1))


@register("report_date_window", {"date", "period", "sections"}, hints=False)
def check_report_date_window(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """A review is written near the end of its period: an annual report between October of
    its year and March of the next, a first-half review between June and September. Windows
    are options (months before the period's last month / after it)."""
    date, pi = a.get("date"), period_info(a.get("period"))
    b = view_bounds(date)
    if b is None or pi is None or pi.end is None:
        return skip("no report date or no period end")
    if outvoted(a.get("period"), a.get("sections"), date) is not None:
        return skip("the title's year is the one the rest of the report contradicts (PER012)")
    windows: dict[str, Any] = o.get("windows", {})
    key = f"{pi.kind}_{pi.half}" if pi.kind == "half_year" else pi.kind
    w = windows.get(key) or windows.get(pi.kind)
    if not isinstance(w, dict):
        return skip(f"no window configured for {key}")
    lo, hi = date_window(pi.end, max(1, int(w.get("months_before_end", 1))), int(w.get("months_after_end", 0)))
    if b[1] < lo or b[0] > hi:
        return [Outcome("fail", "", marker(f"{ptr(date)}", str(date.get("text") or show_date(date)),
                                           None, b[0].year), [],
                        {"stated": show_date(date), "stated_en": show_date(date, "en"),
                         "period": pi.label, "from": show_day(lo), "to": show_day(hi),
                         "expected": f"{show_day(lo)} – {show_day(hi)}"})]
    return [Outcome("pass")]


@register("review_date", {"mention"}, hints=False)
def check_review_date(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """A meeting that reviews a period (“tổng kết năm 2024”, “sơ kết 6 tháng đầu năm 2023”) is
    held near the period's end, in the window of the report on it (`windows`, as PER006). Held
    before half of the period has passed, nothing can be reviewed: an error; held elsewhere
    outside the window (a review in August, or a year late), a late or early review remains
    possible: a warning (`convention`)."""
    m = a.get("mention")
    if not isinstance(m, dict) or not isinstance(m.get("year"), int):
        return skip("no review")
    b = view_bounds(m.get("date"))
    months = m.get("number") if m.get("number") in (6, 9, 12) else 12
    if b is None:
        return skip("undated")
    y = m["year"]
    try:
        end = dt.date(y, months, days_in_month(y, months))
    except ValueError:
        return skip("no such year")
    key = {12: "year", 6: "half_year", 9: "nine_months"}[months]
    w = o.get("windows", {}).get(key) or {"months_before_end": 1, "months_after_end": 3}
    lo, hi = date_window(end, max(1, int(w.get("months_before_end", 1))), int(w.get("months_after_end", 0)))
    if lo <= b[1] and b[0] <= hi:
        return [Outcome("pass")]
    if m.get("event") == "khen_thuong" and b[0] > hi:
        # the awards of a review (“xét khen thưởng tổng kết năm 2019” in May 2020) are considered
        # after the review itself: late is their usual time, and no later year could be meant
        return [Outcome("pass")]
    half = dt.date(y, months // 2 + 1, 1)  # the first day after half of the period
    label = {12: f"năm {y}", 6: f"6 tháng đầu năm {y}", 9: f"9 tháng năm {y}"}[months]
    label_en = {12: str(y), 6: f"the first half of {y}", 9: f"the first nine months of {y}"}[months]
    d = m["date"]
    return [Outcome("fail", "", marker(f"{ptr(m)}/date", str(d.get("text") or show_date(d)), m.get("src"), b[0].year),
                    [], {"stated": show_date(d), "stated_en": show_date(d, "en"), "period": label,
                         "review": "sơ kết" if "sơ kết" in str(m.get("text") or "").lower() else "tổng kết",
                         "period_en": label_en, "from": show_day(lo), "to": show_day(hi),
                         "expected": f"{show_day(lo)} – {show_day(hi)}"},
                    qualifiers=frozenset() if b[1] < half else frozenset({"convention"}))]


# ----------------------------------------------------------------------------- documents and data

@register("dated_after_report", {"ref", "refs", "report_date"}, hints=False)
def check_dated_after_report(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """A document the report answers or cites cannot be dated after the report. Fails only
    when the document's earliest possible day is after the report's latest possible day."""
    ref = a.get("ref")
    if not isinstance(ref, dict) or duplicate_answer(ref, a.get("refs")):
        return skip("no reference, or an answer also listed in references")
    rb, cb = view_bounds(a.get("report_date")), view_bounds(ref.get("date"))
    if rb is None or cb is None:
        return skip("report or document undated")
    if cb[0] <= rb[1]:
        return [Outcome("pass")]
    d = ref["date"]
    return [Outcome("fail", "", marker(f"{ptr(ref)}/date", str(d.get("text") or show_date(d)),
                                       ref.get("src"), cb[0].year), [],
                    {"doc": doc_name(ref), "stated": show_date(d), "stated_en": show_date(d, "en"),
                     "report_date": show_date(a.get("report_date")),
                     "report_date_en": show_date(a.get("report_date"), "en"),
                     "expected": f"≤ {show_day(rb[1])}"})]


@register("data_as_of", {"mention", "report_date"}, hints=False)
def check_data_as_of(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """Data “tính đến ngày …” cannot postdate the report (an estimate is “ước”, not “đến”)."""
    m = a.get("mention")
    if not isinstance(m, dict):
        return skip("no mention")
    rb, mb = view_bounds(a.get("report_date")), view_bounds(m.get("date"))
    if rb is None or mb is None:
        return skip("report or data undated")
    if mb[0] <= rb[1]:
        return [Outcome("pass")]
    return [Outcome("fail", "", marker(f"{ptr(m)}/date", str(m.get("text") or show_date(m["date"])),
                                       m.get("src"), mb[0].year), [],
                    {"stated": str(m.get("text") or show_date(m["date"])), "date": show_date(m["date"]),
                     "date_en": show_date(m["date"], "en"),
                     "report_date": show_date(a.get("report_date")),
                     "report_date_en": show_date(a.get("report_date"), "en")})]


# ----------------------------------------------------------------------------- comparisons and estimates

_WHOLE_YEAR_REF = re.compile(r"^\s*năm\s+((?:19|20)\d{2})\s*$", re.I)
_SAME_PERIOD = re.compile(r"cùng\s+kỳ", re.I)


@register("comparison_period", {"change", "period", "references"}, hints=False)
def check_comparison_period(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """In a report on part of a year, a figure compared “so với năm 2023” (a whole year) while the
    report's other comparisons are “so với cùng kỳ năm 2023” (the same part of the year before): the
    reference is mislabelled or the comparison is of unlike periods."""
    ch, pi = a.get("change"), period_info(a.get("period"))
    if not isinstance(ch, dict) or pi is None or pi.end is None or pi.start is None:
        return skip("no change or no period")
    if pi.kind == "year" or (pi.end - pi.start).days > 300:
        return skip("a whole-year report")
    ref = ch.get("reference") or ""
    m = _WHOLE_YEAR_REF.match(ref)
    if not m:
        return skip("not compared with a whole year")
    others = [r for r in (a.get("references") or []) if isinstance(r, str) and _SAME_PERIOD.search(r)]
    if not others:
        return skip("no comparison with the same period elsewhere: nothing to contrast")
    pct = ch.get("percent")
    target = pct.get("$fact") if isinstance(pct, dict) else None
    stated = target.text if target is not None else ref
    return [Outcome("fail", "", target or marker(ptr(ch), ref, ch.get("src"), int(m.group(1))), [target] if target else [],
                    {"stated": stated, "reference": ref.strip(), "period": pi.label, "other": others[0].strip()})]


@register("final_figures_early", {"date", "period", "meta"}, hints=False)
def check_final_figures_early(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """A report dated before its period ends gives figures for the whole period: they can only be
    estimates, and the text must say so (“ước”, “dự kiến”)."""
    date, pv = a.get("date"), a.get("period")
    pi = period_info(pv)
    b = view_bounds(date)
    if b is None or pi is None or pi.end is None or not isinstance(pv, dict):
        return skip("no full report date or no period end")
    if pv.get("estimates") is not False:
        return skip("the text gives estimates, or it is not known")
    if pi.start is not None and (pi.end - pi.start).days > 300:
        # an annual review is written in November or December as a matter of course, its last
        # weeks estimated with or without the word: only shorter periods are held to it
        return skip("a whole-year report")
    if b[1] >= pi.end - dt.timedelta(days=int(o.get("days_before_end", 14))):
        return [Outcome("pass")]
    meta = a.get("meta") if isinstance(a.get("meta"), dict) else {}
    text = str(date.get("text") or show_date(date))
    return [Outcome("fail", "", marker(f"{ptr(date)}", text, None, b[0].year), [],
                    {"stated": text, "period": pi.label or "", "end": show_day(pi.end),
                     "number": str((meta or {}).get("number") or "")})]
