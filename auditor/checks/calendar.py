"""Check kinds for calendar arithmetic in prose (DOMAIN.md §5 family 10, §6).

Each check reads one `CalendarMention` (the rule's scope selects `mentions[...]`, so a finding
points at `/mentions/k`) and the report's context through `$.meta.period`, `$.meta.date` and
`$.sections`. The facts they compare with come from `auditor.registries.calendar`. A mention that
lacks what a check needs is a `skip`, never a finding; nothing here raises on odd input.

The years a mention can be about, when it names none itself (`_years`): the reporting period's
years, the year of the report date (a 2022 report dated in January 2023), and — only for a
mention in the plan part — the year after the period (a 2023 report's plan for 2024 rightly
prepares “Kỷ niệm 94 năm ngày thành lập Đảng”). Stale text copied from last year's file names
the year *before* the period, which is never allowed.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from auditor.checks.registry import Outcome, per_list, register, skip
from auditor.model.facts import Fact
from auditor.model.findings import source_loc
from auditor.numeric.months import days_in_month
from auditor.registries.calendar import (
    Anniversary,
    Term,
    anniversaries,
    can_chi,
    can_chi_in,
    can_chi_name,
    can_chi_years,
    match_event,
    ordinal_year,
    terms,
)

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from typing import Any

# ----------------------------------------------------------------------------- helpers


def _int(v: Any) -> int | None:
    if isinstance(v, bool):
        return None
    if isinstance(v, int):
        return v
    if isinstance(v, str) and v.strip().isdigit():
        return int(v.strip())
    return None


def _year_of(iso: Any) -> int | None:
    """The year of an ISO date string from the view ("2022-01-01")."""
    if isinstance(iso, str) and len(iso) >= 4 and iso[:4].isdigit():
        return int(iso[:4])
    return None


def _date_of(iso: Any) -> dt.date | None:
    if isinstance(iso, str):
        try:
            return dt.date.fromisoformat(iso[:10])
        except ValueError:
            return None
    return None


def period_years(period: Any) -> list[int]:
    """The calendar years the reporting period covers: start..end, else its year."""
    if not isinstance(period, dict):
        return []
    a, b = _year_of(period.get("start")), _year_of(period.get("end"))
    if a is not None and b is not None and a <= b and b - a <= 50:
        return list(range(a, b + 1))
    y = _int(period.get("year"))
    if y is not None:
        return [y]
    return [x for x in (a, b) if x is not None][:1]


def period_start(period: Any) -> dt.date | None:
    if not isinstance(period, dict):
        return None
    d = _date_of(period.get("start"))
    if d is not None:
        return d
    ys = period_years(period)
    return dt.date(ys[0], 1, 1) if ys else None


def _target(m: dict[str, Any], value: int | None = None) -> Fact:
    """A fact that carries the mention's pointer and source line to the finding."""
    text = str(m.get("text") or "")
    v = Decimal(value) if value is not None else Decimal(0)
    return Fact(v, 0, True, text, m.get("$ptr"), None, source_loc(m.get("src")))


def _part_of(sections: Any, sid: Any) -> str | None:
    """The part (results/plan/other) of the section with id `sid`; a section without a part
    inherits it from the nearest heading above it of a lower level."""
    if not isinstance(sections, list) or not isinstance(sid, str):
        return None
    return _parts_by_id(sections).get(sid)


@per_list
def _parts_by_id(sections: list[Any]) -> dict[str, str | None]:
    """Each section id's part, inherited where the section has none (the first section of an
    id counts), in one pass: the headings above the current one, each of a lower level than
    the next, are kept on a stack with their parts."""
    out: dict[str, str | None] = {}
    above: list[tuple[int, str | None]] = []  # (level, part) of the open headings
    for s in sections:
        if not isinstance(s, dict):
            continue
        lv = s.get("level") if isinstance(s.get("level"), int) else 9
        while above and above[-1][0] >= lv:
            above.pop()
        part = str(s["part"]) if s.get("part") else (above[-1][1] if above else None)
        above.append((lv, part))
        sid = s.get("id")
        if isinstance(sid, str) and sid not in out:
            out[sid] = part
    return out


def _years(m: dict[str, Any], a: dict[str, Any]) -> tuple[list[int], int | None]:
    """(years the mention may be about, the main one for messages). A year the mention names
    itself is the only one allowed."""
    own = _int(m.get("year"))
    if own is None and isinstance(m.get("date"), dict):
        own = _int(m["date"].get("year"))
    if own is not None:
        return [own], own
    ys = period_years(a.get("period"))
    if not ys:
        return [], None
    allowed = list(ys)
    date = a.get("date")
    dy = _int(date.get("year")) if isinstance(date, dict) else None
    if dy is not None and dy not in allowed and 0 <= dy - ys[-1] <= 1:
        allowed.append(dy)
    if _part_of(a.get("sections"), m.get("section")) == "plan" and ys[-1] + 1 not in allowed:
        allowed.append(ys[-1] + 1)
    return allowed, ys[-1]


def _event(m: dict[str, Any]) -> Anniversary | None:
    key = m.get("event")
    reg = anniversaries()
    if isinstance(key, str) and key in reg:
        return reg[key]
    if key is None:  # not classified by the encoder: recognise it from the phrase
        k = match_event(m.get("text") if isinstance(m.get("text"), str) else None)
        return reg.get(k) if k else None
    return None


def _term(m: dict[str, Any]) -> Term | None:
    key = m.get("event")
    reg = terms()
    if isinstance(key, str):
        return reg.get(key)
    return None


def _span(a: int | None, b: int | None) -> str:
    return f"{a} – {b}"


def _or(xs: list[str], word: str) -> str:
    return xs[0] if len(xs) == 1 else ", ".join(xs[:-1]) + f" {word} " + xs[-1]


# ----------------------------------------------------------------------------- anniversaries

@register("anniversary", {"mention", "period", "date", "sections"}, hints=False)
def check_anniversary(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """“Kỷ niệm N năm ngày X” in a report about year Y: N = Y − the founding year of X
    (the anniversary falls in that calendar year)."""
    m = a.get("mention")
    if not isinstance(m, dict):
        return skip("no mention")
    n = _int(m.get("number"))
    if n is None:
        return skip("no number of years")
    ev = _event(m)
    if ev is None:
        return skip("event not in the registry")
    years, main = _years(m, a)
    if not years or main is None:
        return skip("no year to count to")
    if any(ev.count_in(y) == n for y in years):
        return [Outcome("pass", facts=[_target(m, n)])]
    expected = ev.count_in(main)
    t = _target(m, n)
    # an event whose start is counted two ways (a programme approved one year and begun the
    # next, `also_from` in the registry): the other count is a convention (severity policy)
    convention = any(y - start == n for y in years for start in ev.also_from)
    return [Outcome("fail", "", t, [t], {
        "text": str(m.get("text") or ""), "stated": str(n), "expected": str(expected),
        "year": str(main), "founded": ev.shown_date, "implied": str(ev.year + n),
        "event_vi": ev.name_vi, "event_en": ev.name_en,
        "formula": f"{main} − {ev.year} = {expected}", "imbalance": str(n - expected)},
        qualifiers=frozenset({"convention"}) if convention else frozenset())]


@register("anniversary_dates", {"mention"}, hints=False)
def check_anniversary_dates(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """The founding year and day written with an anniversary (“(22/12/1944 – 22/12/2025)”)
    agree with the registry, and N = the year written − the founding year written."""
    m = a.get("mention")
    if not isinstance(m, dict):
        return skip("no mention")
    ev = _event(m)
    if ev is None:
        return skip("event not in the registry")
    start = _int(m.get("start_year"))
    date = m.get("date") if isinstance(m.get("date"), dict) else {}
    day, month = _int(date.get("day")), _int(date.get("month"))
    problems_vi: list[str] = []
    problems_en: list[str] = []
    if start is not None and start != ev.year:
        problems_vi.append(f"năm khởi đầu ghi {start}, đúng là {ev.year}")
        problems_en.append(f"the starting year is written {start}, it is {ev.year}")
    if day is not None and month is not None and (day, month) != (ev.date.day, ev.date.month):
        problems_vi.append(f"ngày ghi {day}/{month}, đúng là {ev.date.day}/{ev.date.month}")
        problems_en.append(f"the day is written {day}/{month}, it is {ev.date.day}/{ev.date.month}")
    elif day is None and month is not None and month != ev.date.month:
        problems_vi.append(f"tháng ghi {month}, đúng là {ev.date.month}")
        problems_en.append(f"the month is written {month}, it is {ev.date.month}")
    if start is None and day is None and month is None:
        return skip("no date written with the anniversary")
    if not problems_vi:
        return [Outcome("pass", facts=[_target(m)])]
    t = _target(m, start if start is not None else None)
    return [Outcome("fail", "", t, [t], {
        "text": str(m.get("text") or ""), "stated": str(start if start is not None else f"{day}/{month}"),
        "expected": ev.shown_date, "founded": ev.shown_date,
        "event_vi": ev.name_vi, "event_en": ev.name_en,
        "problems_vi": "; ".join(problems_vi), "problems_en": "; ".join(problems_en),
        "formula": "; ".join(problems_en), "imbalance": ""})]


# ----------------------------------------------------------------------------- terms, periods

@register("stale_term", {"mention", "period", "date"}, hints=False)
def check_stale_term(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """A term or period quoted as the current one must not have ended before the reporting
    period begins, nor begin after the report is written."""
    m = a.get("mention")
    if not isinstance(m, dict) or m.get("as_current") is not True:
        return skip("not quoted as current")
    start, end = _int(m.get("start_year")), _int(m.get("end_year"))
    ys = period_years(a.get("period"))
    if end is None or not ys:
        return skip("term or period years missing")
    date = a.get("date")
    last = max([ys[-1]] + ([_int(date.get("year"))] if isinstance(date, dict)
                           and _int(date.get("year")) is not None else []))
    t = _target(m, end)
    term = _term(m)
    current = term.containing(ys[-1]) if term else []
    cur_vi = cur_en = ""
    if current:
        shown = _or([p.shown for p in current], "hoặc")
        cur_vi = f" Theo danh mục, {term.name_vi} hiện hành là {shown}."  # type: ignore[union-attr]
        cur_en = (f" The registry gives {term.name_en} "  # type: ignore[union-attr]
                  f"{_or([p.shown for p in current], 'or')} for {ys[-1]}.")
    period_shown = str(ys[0]) if len(ys) == 1 else f"{ys[0]}–{ys[-1]}"
    common = {"text": str(m.get("text") or ""), "span": _span(start, end), "period": period_shown,
              "current_vi": cur_vi, "current_en": cur_en, "stated": _span(start, end),
              "expected": _or([p.shown for p in current], "/") if current else "", "imbalance": ""}
    if end < ys[0]:
        return [Outcome("fail", "", t, [t], {
            **common, "why_vi": f"đã kết thúc năm {end}, trước kỳ báo cáo ({period_shown})",
            "why_en": f"it ended in {end}, before the reporting period ({period_shown})",
            "formula": f"{end} < {ys[0]}"})]
    if start is not None and start > last:
        return [Outcome("fail", "", t, [t], {
            **common, "why_vi": f"chỉ bắt đầu từ năm {start}, sau kỳ báo cáo ({period_shown})",
            "why_en": f"it only begins in {start}, after the reporting period ({period_shown})",
            "formula": f"{start} > {last}"})]
    return [Outcome("pass", facts=[t])]


def _tail(text: str, width: int = 70) -> str:
    """The end of a long phrase, from a word: “…HĐND huyện khóa XX, nhiệm kỳ 2016-2021”."""
    if len(text) <= width:
        return text
    return "…" + text[-width:].split(" ", 1)[-1]


@register("numbered_term", {"mention"}, grouped=True, hints=False)
def check_numbered_term(items: list[dict[str, Any]], o: dict[str, Any]) -> list[Outcome]:
    """The term mentions of one body written with one number (“HĐND huyện khóa XX”, grouped by
    `body`) name one span of years: “khóa XX, nhiệm kỳ 2016-2021” and “khóa XX, nhiệm kỳ 2021 -
    2026” in one document cannot both be right."""
    ms = [it.get("mention") for it in items]
    ms = [m for m in ms if isinstance(m, dict) and _int(m.get("start_year")) and _int(m.get("end_year"))]
    spans: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for m in ms:
        spans.setdefault((_int(m["start_year"]), _int(m["end_year"])), []).append(m)  # type: ignore[arg-type]
    if len(spans) < 2:
        return [Outcome("pass", facts=[_target(m) for m in ms])] if len(ms) > 1 else skip("written once")
    (first, first_ms), (other, other_ms) = list(spans.items())[:2]
    t = _target(other_ms[0], other[1])
    shown = [f"{_span(*sp)} (“{_tail(str(group[0].get('text') or ''))}”)" for sp, group in spans.items()]
    return [Outcome("fail", "", t, [t, *(_target(m) for m in ms if m is not other_ms[0])], {
        "body": str(ms[0].get("body") or ""), "spans_vi": _or(shown, "và"), "spans_en": _or(shown, "and"),
        "stated": _span(*other), "expected": _span(*first), "text": str(other_ms[0].get("text") or ""),
        "formula": " ≠ ".join(_span(*sp) for sp in spans), "imbalance": ""})]


@register("ordinal_year", {"mention", "period", "date", "sections"}, hints=False)
def check_ordinal_year(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """“Năm thứ N thực hiện” a term or plan A–B in year Y: N = Y − A + 1 (the congress year
    counts) or N = Y − A (counting from the first full year); both are in use (DOMAIN §6)."""
    m = a.get("mention")
    if not isinstance(m, dict):
        return skip("no mention")
    n = _int(m.get("number"))
    if n is None:
        n = ordinal_year(m.get("text") if isinstance(m.get("text"), str) else None)
    if n is None:
        return skip("no ordinal")
    years, main = _years(m, a)
    if not years or main is None:
        return skip("no year")
    start = _int(m.get("start_year"))
    starts: list[int]
    if start is not None:
        starts = [start]
    else:  # “năm thứ hai thực hiện Nghị quyết Đại hội Đảng bộ xã”: the registry's term
        term = _term(m)
        starts = sorted({p.start for y in years for p in (term.containing(y) if term else [])})
    if not starts:
        return skip("the term's first year is unknown")
    allowed = sorted({v for y in years for s in starts for v in (y - s + 1, y - s) if v >= 1})
    t = _target(m, n)
    if n in allowed:
        return [Outcome("pass", facts=[t])]
    s0 = starts[-1] if start is None else start
    exp = [main - s0 + 1, main - s0]
    shown = [str(v) for v in exp if v >= 1] or ["—"]
    return [Outcome("fail", "", t, [t], {
        "text": str(m.get("text") or ""), "stated": str(n), "expected": " / ".join(shown),
        "expected_vi": _or(shown, "hoặc"), "expected_en": _or(shown, "or"),
        "year": str(main), "first": str(s0), "span": _span(s0, _int(m.get("end_year"))),
        "formula": f"{main} − {s0} + 1 = {main - s0 + 1}; {main} − {s0} = {main - s0}",
        "imbalance": ""})]


@register("period_span", {"mention"}, hints=False)
def check_period_span(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """A period called “N năm” spans N calendar years (A–B inclusive: B − A + 1); a term called
    “nhiệm kỳ N năm” runs N years from congress to congress (B − A)."""
    m = a.get("mention")
    if not isinstance(m, dict):
        return skip("no mention")
    n, start, end = _int(m.get("number")), _int(m.get("start_year")), _int(m.get("end_year"))
    if n is None or start is None or end is None:
        return skip("number or years missing")
    term = m.get("kind") == "term"
    span = end - start if term else end - start + 1
    t = _target(m, n)
    if span == n:
        return [Outcome("pass", facts=[t])]
    formula = f"{end} − {start} = {span}" if term else f"{end} − {start} + 1 = {span}"
    return [Outcome("fail", "", t, [t], {
        "text": str(m.get("text") or ""), "stated": str(n), "expected": str(span),
        "span": _span(start, end), "formula": formula, "imbalance": str(n - span)})]


@register("registry_period", {"mention"}, hints=False)
def check_registry_period(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """A term or period of a body, plan, programme or standard the registry knows
    (`auditor/data/terms.yaml`) names one of its registered terms or phases."""
    m = a.get("mention")
    if not isinstance(m, dict):
        return skip("no mention")
    term = _term(m)
    if term is None or not term.periods:
        return skip("not a registry body or programme")
    start, end = _int(m.get("start_year")), _int(m.get("end_year"))
    if start is None or end is None:
        return skip("years missing")
    t = _target(m, start)
    if term.find(start, end) is not None:
        return [Outcome("pass", facts=[t])]
    if not term.judges(start, end):
        return skip("outside the years the registry covers")
    near = term.overlapping(start, end) or list(term.periods)
    best = sorted(near, key=lambda p: (abs(p.start - start) + abs(p.end - end), -p.start))[0]
    # a body's term is fixed by law; a programme's period may be named by one of its phases
    # (“giai đoạn 2023-2025” of a 2021–2025 programme): a convention, not a plain error
    phase = m.get("kind") != "term"
    return [Outcome("fail", "", t, [t], {
        "text": str(m.get("text") or ""), "stated": _span(start, end), "expected": best.shown,
        "name_vi": term.name_vi, "name_en": term.name_en, "source": best.source,
        "formula": f"{_span(start, end)} ≠ {best.shown}", "imbalance": ""},
        qualifiers=frozenset({"convention"}) if phase else frozenset())]


@register("school_year", {"mention", "period"}, hints=False)
def check_school_year(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """A school year A–B quoted in a report should not have ended before the reporting period
    began. A school year is taken to end on 31 August of B (the next one opens in September),
    so results of the year just finished, reported in a period starting in June, are fine."""
    m = a.get("mention")
    if not isinstance(m, dict):
        return skip("no mention")
    if m.get("as_current") is False:
        return skip("quoted as a past school year")
    start, end = _int(m.get("start_year")), _int(m.get("end_year"))
    if end is None and start is not None:
        end = start + 1
    if end is None or (start is not None and end - start != 1):
        return skip("not a school year A–(A+1)")
    begins = period_start(a.get("period"))
    if begins is None:
        return skip("reporting period unknown")
    t = _target(m, end)
    ended = dt.date(end, 8, 31)
    if ended >= begins:
        return [Outcome("pass", facts=[t])]
    return [Outcome("fail", "", t, [t], {
        "text": str(m.get("text") or ""), "stated": _span(end - 1, end),
        "ended": f"31/8/{end}", "begins": f"{begins.day}/{begins.month}/{begins.year}",
        "expected": f"{begins.year - 1} – {begins.year}" if begins.month < 9 else f"{begins.year} – {begins.year + 1}",
        "formula": f"31/8/{end} < {begins.day}/{begins.month}/{begins.year}", "imbalance": ""})]


@register("can_chi", {"mention", "period", "date", "sections"}, hints=False)
def check_can_chi(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """The name of a lunar year (“Tết Nhâm Dần”) matches the year it is written with, or the
    year the report is about (that year's Tết, or the next one, which a year-end report
    prepares for). Sexagenary arithmetic: no lunar-day conversion is needed."""
    m = a.get("mention")
    if not isinstance(m, dict):
        return skip("no mention")
    name = can_chi_in(m.get("text") if isinstance(m.get("text"), str) else None)
    if name is None:
        return skip("no lunar year name")
    years, main = _years(m, a)
    if not years or main is None:
        return skip("no year")
    own = _int(m.get("year")) is not None or (
        isinstance(m.get("date"), dict) and _int(m["date"].get("year")) is not None)
    if not own and years[-1] + 1 not in years:
        years = years + [max(years) + 1]  # the coming Tết (a report written in November)
    t = _target(m, main)
    if any(can_chi(y) == can_chi_name(name) for y in years):
        return [Outcome("pass", facts=[t])]
    named = can_chi_years(name, main)
    implied = min(named, key=lambda y: abs(y - main)) if named else None
    return [Outcome("fail", "", t, [t], {
        "text": str(m.get("text") or ""), "stated": can_chi_name(name), "expected": can_chi(main),
        "year": str(main), "implied": str(implied) if implied else "?",
        "formula": f"{main}: {can_chi(main)}; {can_chi_name(name)}: {implied}", "imbalance": ""})]


_WEEKDAY_VI = {2: "thứ Hai", 3: "thứ Ba", 4: "thứ Tư", 5: "thứ Năm", 6: "thứ Sáu", 7: "thứ Bảy", 8: "Chủ nhật"}
_WEEKDAY_EN = {2: "Monday", 3: "Tuesday", 4: "Wednesday", 5: "Thursday", 6: "Friday", 7: "Saturday", 8: "Sunday"}


@register("weekday", {"mention", "period", "date"}, hints=False)
def check_weekday(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """The day of the week written with a date is that date's (“thứ Hai, ngày 15/12/2025”). A date
    without its year is taken in the report's years; the finding is then a reading (inferred)."""
    m = a.get("mention")
    if not isinstance(m, dict) or not isinstance(m.get("date"), dict):
        return skip("no dated mention")
    stated = _int(m.get("number"))
    d = m["date"]
    day, month = _int(d.get("day")), _int(d.get("month"))
    if stated not in _WEEKDAY_VI or day is None or month is None:
        return skip("no weekday or no day and month")
    years, main = _years(m, a)
    if not years or main is None:
        return skip("no year")
    own = _int(d.get("year")) is not None

    def weekday(y: int) -> int | None:
        try:
            return dt.date(y, month, day).isoweekday() + 1  # Monday is thứ Hai (2) … Sunday 8
        except ValueError:
            return None
    t = _target(m, stated)
    if any(weekday(y) == stated for y in years):
        return [Outcome("pass", facts=[t])]
    actual = weekday(main)
    if actual is None:
        return skip("not a day of that year")
    return [Outcome("fail", "", t, [t], {
        "text": str(m.get("text") or ""), "date": f"{day:02d}/{month:02d}/{main}",
        "stated": _WEEKDAY_VI[stated], "stated_en": _WEEKDAY_EN[stated],
        "expected": _WEEKDAY_VI[actual], "expected_en": _WEEKDAY_EN[actual],
        "formula": f"{day:02d}/{month:02d}/{main}: {_WEEKDAY_EN[actual]}", "imbalance": ""},
        qualifiers=frozenset() if own else frozenset({"inferred"}))]


@register("date_exists", {"mention", "period", "date"}, hints=False)
def check_date_exists(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """A date written in the text is on the calendar: a month from 1 to 12, a day from 1 to the month's
    last (“ngày 31/6”, “ngày 29/02/2023”, “ngày 330/11” are not). A 29 February written without its year
    is held to the report's years; a finding then is a reading (inferred)."""
    m = a.get("mention")
    if not isinstance(m, dict):
        return skip("no written date")
    day, month = _int(m.get("number")), _int(m.get("month"))
    if day is None or month is None:
        return skip("no day or no month")
    t = _target(m, day)
    text = str(m.get("text") or "")
    params = {"text": text, "stated": f"{day}/{month}", "formula": "", "imbalance": ""}
    if not 1 <= month <= 12 and 1 <= day <= 12 and month <= days_in_month(_int(m.get("year")) or 2024, day):
        return skip("month and day may be written the other way round (a portal's stamp: 12/31/2023)")
    if not 1 <= month <= 12:
        return [Outcome("fail", "month", t, [t], {**params, "expected": "1–12", "problem_vi": f"không có tháng {month}",
                                                  "problem_en": f"there is no month {month}"})]
    own = _int(m.get("year"))
    if 1 <= day <= 28:
        return [Outcome("pass", facts=[t])]
    years = [own] if own is not None else (_years(m, a)[0] or [2024])  # (no year known: any leap year will do)
    last = max(days_in_month(y, month) for y in years)
    if 1 <= day <= last:
        return [Outcome("pass", facts=[t])]
    in_vi = f"tháng {month}/{own}" if own is not None else f"tháng {month}"
    in_en = f"{month:02d}/{own}" if own is not None else f"month {month}"
    leap_only = own is None and month == 2 and day == 29  # (a year the report does not name could be a leap year)
    return [Outcome("fail", "day", t, [t], {**params, "expected": f"1–{last}",
                                            "problem_vi": f"{in_vi} chỉ có {last} ngày, không có ngày {day}",
                                            "problem_en": f"{in_en} has {last} days, no day {day}"},
                    qualifiers=frozenset({"inferred"}) if leap_only else frozenset())]


@register("span_order", {"mention"}, hints=False)
def check_span_order(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """A span of years written as a term, a period or a school year runs forward: “nhiệm kỳ 2026-2021” and “giai
    đoạn 2025-2021” name an end before their start."""
    m = a.get("mention")
    if not isinstance(m, dict):
        return skip("no span")
    y0, y1 = _int(m.get("start_year")), _int(m.get("end_year"))
    if y0 is None or y1 is None:
        return skip("no span of two years")
    if m.get("event"):
        return skip("a term of the registry: CAL006 gives its years")
    t = _target(m, y0)
    if y0 <= y1:
        return [Outcome("pass", facts=[t])]
    return [Outcome("fail", "", t, [t], {"text": str(m.get("text") or ""), "stated": f"{y0}–{y1}",
                                          "expected": f"{y1}–{y0}", "formula": f"{y1} < {y0}", "imbalance": ""})]

