"""Arithmetic check kinds: sums, shares, ratios, differences, products, one value stated twice,
implied denominators, counts against lists, comparisons, formulas and the input pseudo-check.
Each is a small pure function registered under its name in `registry.REGISTRY`."""

from __future__ import annotations

import math
from decimal import Decimal

from auditor.checks.registry import (
    MESSAGES,
    REGISTRY,
    Bounds,
    Outcome,
    _present,
    _result,
    _texts,
    fmt,
    judge,
    per_list,
    per_report,
    register,
    shown,
    skip,
)
from auditor.model.facts import Fact
from auditor.model.units import conversion, is_count_unit
from auditor.numeric import formula
from auditor.numeric.interval import Interval, IntervalError, isum
from auditor.numeric.notation import format_vn
from auditor.records import replace

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from typing import Any

    from auditor.checks.registry import Status

# ----------------------------------------------------------------------------- windows
# For error localization: the values one fact may take for the relation to hold, the other
# inputs as written (± half a unit of the fact's own last digit, so that the fact's interval
# meets). Exact or slightly wide: a candidate taken from a window is always verified by
# running the check again.

def _half(f: Fact) -> Decimal:
    return f.interval.hi - f.value  # ± half a unit of f's last digit (0 when exact)


def _widen(w: Interval, f: Fact) -> Interval:
    h = _half(f)
    margin = (abs(w.lo) + abs(w.hi)) * _HAIR
    return Interval(w.lo - h - margin, w.hi + h + margin)


def _sum_window(a: dict[str, Any], o: dict[str, Any], f: Fact) -> Interval | Bounds | None:
    """For a complete sum: the values `f` may take so that the written total and the sum of
    the parts (each ± half a unit) still meet; for a partial one (parts ≤ total) a bound."""
    total, raw = a.get("total"), a.get("parts") or []
    parts = _present(raw)
    complete = a.get("complete", o.get("complete", True))
    complete = True if complete is None else bool(complete)
    if not isinstance(total, Fact) or not parts:
        return None
    half = _half(f)
    if complete and len(parts) == len(raw):
        if f is total:
            s = isum([p.interval for p in parts])
            return Interval(s.lo - half, s.hi + half)
        if not any(p is f for p in parts):
            return None
        others = isum([p.interval for p in parts if p is not f])
        t = total.interval
        return Interval(t.lo - others.hi - half, t.hi - others.lo + half)
    if f is total:
        return (isum([p.interval for p in parts]).lo - half, None)
    if any(p is f for p in parts):
        others = isum([p.interval for p in parts if p is not f]) if len(parts) > 1 else Interval.point(0)
        return (None, total.interval.hi - others.lo + half)
    return None


def _difference_window(a: dict[str, Any], o: dict[str, Any], f: Fact) -> Interval | None:
    """minuend − subtrahend = stated, solved for the fact that changes."""
    m, t, s = a.get("minuend"), a.get("subtrahend"), a.get("stated")
    if not all(isinstance(x, Fact) for x in (m, t, s)) or len({id(m), id(t), id(s)}) < 3:
        return None
    if f is s:
        return _widen(m.interval - t.interval, f)
    if f is m:
        return _widen(s.interval + t.interval, f)
    if f is t:
        return _widen(m.interval - s.interval, f)
    return None


def _ratio_window(a: dict[str, Any], o: dict[str, Any], f: Fact) -> Interval | None:
    """numerator / denominator × scale = stated, solved for the fact that changes: the check
    passes exactly when the stated interval meets the computed one, and for intervals
    X / D · k meets S ⟺ X meets S · D / k (and N / X · k meets S ⟺ X meets N · k / S).
    Widened by a hair for the rounding of 40-digit division."""
    n, d, s = a.get("numerator"), a.get("denominator"), a.get("stated")
    if not all(isinstance(x, Fact) for x in (n, d, s)) or n is d or n is s or d is s:
        return None  # (one fact in two roles would change in both: no simple solution)
    scale = Decimal(str(o.get("scale", 100)))
    if scale <= 0:
        return None
    try:
        if f is s:
            w = n.interval / d.interval * scale
        elif f is n:
            w = s.interval * d.interval / scale
        elif f is d:
            w = n.interval * scale / s.interval
        else:
            return None
    except IntervalError:  # the solved-for interval would divide by one holding 0
        return None
    return _widen(w, f)


def _shares_window(a: dict[str, Any], o: dict[str, Any], f: Fact) -> Interval | None:
    """Mode `sum`: the shares add up to the total; mode `values`: a share = value / whole × 100
    (solved for the share, or for the value or the whole when the whole is written)."""
    shares = a.get("shares") or []
    present = _present(shares)
    if o.get("mode", "sum") == "sum":
        if len(present) != len(shares) or not any(x is f for x in present):
            return None
        total = a.get("total") if isinstance(a.get("total"), Fact) else Fact.literal(o.get("total", 100))
        others = isum([x.interval for x in present if x is not f])
        return _widen(total.interval - others, f)
    values = a.get("values") or []
    tv = a.get("total_value") if isinstance(a.get("total_value"), Fact) else None
    try:
        for sh, v in zip(shares, values):
            if not isinstance(sh, Fact) or not isinstance(v, Fact):
                continue
            if tv is None:
                if f is sh and len(_present(values)) == len(values):
                    return _widen(v.interval / isum([x.interval for x in _present(values)]) * 100, f)
                continue
            if f is sh:
                return _widen(v.interval / tv.interval * 100, f)
            if f is v:
                return _widen(sh.interval * tv.interval / 100, f)
        if tv is not None and f is tv:
            w: Interval | None = None
            for sh, v in zip(shares, values):
                if isinstance(sh, Fact) and isinstance(v, Fact):
                    one = v.interval * 100 / sh.interval
                    w = one if w is None else w.intersect(one)
                    if w is None:
                        return None
            return _widen(w, f) if w is not None else None
    except IntervalError:
        return None
    return None


def _product_window(a: dict[str, Any], o: dict[str, Any], f: Fact) -> Interval | None:
    factors, s = _present(a.get("factors") or []), a.get("stated")
    if not isinstance(s, Fact) or len(factors) != len(a.get("factors") or []) or len(factors) < 2:
        return None
    raw_scale = a.get("scale", o.get("scale", 1))
    scale = Interval.point(Decimal(str(raw_scale)) if raw_scale is not None else Decimal(1))
    try:
        if f is s:
            w = scale
            for x in factors:
                w = w * x.interval
            return _widen(w, f)
        if sum(1 for x in factors if x is f) != 1:
            return None
        rest = scale
        for x in factors:
            if x is not f:
                rest = rest * x.interval
        return _widen(s.interval / rest, f)
    except IntervalError:
        return None


def _same_value_window(a: dict[str, Any], o: dict[str, Any], f: Fact) -> Interval | Bounds | None:
    """A mention must meet every other mention (converted to its unit)."""
    mentions = _present(a.get("mentions") or [])
    if not any(m is f for m in mentions):
        return None
    common: Interval | None = None
    for m in mentions:
        if m is f:
            continue
        k = conversion(m.unit, f.unit) if (m.unit and f.unit) else Decimal(1)
        if k is None:
            return None
        iv = m.round_interval * k  # (as the check reads a bound: check_same_value)
        common = iv if common is None else common.intersect(iv)
        if common is None:
            return (Decimal(1), Decimal(0))  # the other mentions disagree already: no value of f helps
    return _widen(common, f) if common is not None else None


def _implied_window(items: list[dict[str, Any]], o: dict[str, Any], f: Fact) -> Interval | Bounds | None:
    """Rates over one base: the fact solved against the denominator the other rates imply."""
    scale = Decimal(str(o.get("scale", 100)))
    common: Interval | None = None
    mine: tuple[str, dict[str, Any]] | None = None
    try:
        for it in items:
            n, p, d = it.get("numerator"), it.get("percent"), it.get("denominator")
            roles = [(r, x) for r, x in (("numerator", n), ("percent", p), ("denominator", d)) if x is f]
            if roles:
                mine = (roles[0][0], it)
                continue
            if isinstance(d, Fact):  # (as the check: a written denominator stands for its rate)
                if o.get("only_when_denominator_missing"):
                    continue
                common = d.interval if common is None else common.intersect(d.interval)
            elif isinstance(n, Fact) and isinstance(p, Fact):
                iv = n.interval / p.interval * scale
                common = iv if common is None else common.intersect(iv)
            else:
                continue
            if common is None:
                return (Decimal(1), Decimal(0))  # the other rates disagree already: no value of f helps
        if mine is None or common is None:
            return None
        role, it = mine
        n, p = it.get("numerator"), it.get("percent")
        if role == "denominator":
            return _widen(common, f)
        if role == "numerator" and isinstance(p, Fact):
            return _widen(common * p.interval / scale, f)
        if role == "percent" and isinstance(n, Fact):
            return _widen(n.interval * scale / common, f)
    except IntervalError:
        return None
    return None


# the count of one argument set (asked once per value; emptied when a report's rules start)
_COUNTED: dict[int, tuple[Any, str]] = per_report({})


def _count_window(a: dict[str, Any], o: dict[str, Any], f: Fact) -> Interval | Bounds | None:
    """The stated count must lie between the items that surely and possibly match. A value
    the condition reads (a % of plan) moves one item in or out: it cannot repair a count off
    by more than one (an empty window), and where it might, the window is unknown."""
    got = _COUNTED.get(id(a))
    if got is None or got[0] is not a:
        out = check_count(a, o)
        expected = out[0].params.get("expected", "") if out and out[0].status != "skip" and out[0].params else ""
        if len(_COUNTED) > 64:
            _COUNTED.clear()
        got = _COUNTED[id(a)] = (a, expected)
    lo_s, _, hi_s = got[1].partition("–")
    if not lo_s:
        return None
    lo, hi = Decimal(lo_s), Decimal(hi_s or lo_s)
    stated = a.get("stated")
    if stated is f:
        return Interval(lo, hi)
    if isinstance(stated, Fact) and (stated.value < lo - 1 or stated.value > hi + 1):
        return (Decimal(1), Decimal(0))  # no value of one item's figure can make it hold
    return None


def _compare_window(a: dict[str, Any], o: dict[str, Any], f: Fact) -> Bounds | None:
    left, right = a.get("left"), a.get("right")
    if not isinstance(left, Fact) or not isinstance(right, Fact) or left is right:
        return None
    op = o.get("op", "<=")
    factor = Decimal(str(o.get("factor", 1)))
    if factor <= 0 or op not in _OPS:
        return None
    h = _half(f)
    if f is left:
        r = right.interval * factor
        return {"<=": (None, r.hi + h), "<": (None, r.hi + h), ">=": (r.lo - h, None),
                ">": (r.lo - h, None), "==": (r.lo - h, r.hi + h)}[op]
    if f is right:
        lft = left.interval / factor
        return {"<=": (lft.lo - h, None), "<": (lft.lo - h, None), ">=": (None, lft.hi + h),
                ">": (None, lft.hi + h), "==": (lft.lo - h, lft.hi + h)}[op]
    return None


_HAIR = Decimal("1e-25")


# ----------------------------------------------------------------------------- kinds

@register("sum", {"total", "parts", "complete"}, needs={"total"}, relation=True)
def check_sum(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """Parts add up to the total (complete), or do not exceed it (partial, “trong đó”)."""
    total: Fact | None = a.get("total")
    raw_parts = a.get("parts") or []
    parts = _present(raw_parts)
    if not isinstance(total, Fact) or not parts:
        return skip("total or parts missing")
    complete = a.get("complete", o.get("complete", True))
    complete = True if complete is None else bool(complete)
    point = isum([p.point for p in parts])
    computed = isum([p.interval for p in parts])
    text = _texts(parts, " + ")
    if complete and len(parts) == len(raw_parts) and len(parts) >= o.get("min_parts", 1):
        status = judge(total, point, computed)
        return [_result(status, total, point, parts + [total],
                        lambda: f"{text} = {shown(point.mid, total.decimals)}", relation="=")]
    ok = computed.lo <= total.interval.hi
    def partial() -> str:
        lhs = f"{text} = {shown(point.mid, total.decimals)}" if len(parts) > 1 else text
        return f"{lhs} > {total.text}"
    return [_result("pass" if ok else "fail", total, point, parts + [total], partial, relation="≤")]


@register("shares", {"shares", "values", "total_value", "total", "complete"}, relation=True)
def check_shares(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """Shares of a structure add up to 100% (mode `sum`) and each share matches
    value / total × 100 (mode `values`)."""
    shares = a.get("shares") or []
    mode = o.get("mode", "sum")
    if mode == "sum":
        present = _present(shares)
        if len(present) < 2 or len(present) != len(shares):
            return skip("shares missing")
        total = a.get("total") if isinstance(a.get("total"), Fact) else Fact.literal(o.get("total", 100))
        point = isum([s.point for s in present])
        computed = isum([s.interval for s in present])
        if a.get("complete") is False:
            # some of the whole's parts only (GRDP's sectors without product taxes): they may not exceed it
            ok = computed.lo <= total.interval.hi
            out = _result("pass" if ok else "fail", total, point, present,
                          lambda: f"{_texts(present, ' + ')} = {shown(point.mid, max(s.decimals for s in present))}",
                          relation="≤")
            if not ok:
                out.params["expected"] = shown(point.mid, max(s.decimals for s in present))
            out.target = None
            return [out]
        status = judge(total, point, computed)
        if status == "fail" and total.interval.meets(isum([_or_truncated(s) for s in present])):
            status = "truncated"  # shares cut, not rounded (33,3 + 33,3 + 33,3 for thirds)
        out = _result(status, total, point, present,
                      lambda: f"{_texts(present, ' + ')} = {shown(point.mid, max(s.decimals for s in present))}")
        if status != "pass":
            out.params["expected"] = shown(point.mid, max(s.decimals for s in present))
        out.target = None  # the sum is the problem, not one share
        return [out]
    values = a.get("values") or []
    if len(values) != len(shares):
        return skip("values missing")
    tv: Fact | None = a.get("total_value") if isinstance(a.get("total_value"), Fact) else None
    vals = _present(values)
    if tv is None:
        if len(vals) != len(values) or not vals:
            return skip("no total value")
        whole_point, whole = isum([v.point for v in vals]), isum([v.interval for v in vals])
        whole_text = f"({_texts(vals, ' + ')})"
        whole_facts = vals
    else:
        whole_point, whole, whole_text, whole_facts = tv.point, tv.interval, tv.text, [tv]
    # Shares rounded by the largest-remainder method so that they add up to exactly 100 may
    # each be off by one unit of their last digit; accept that when they do add up exactly.
    present_shares = _present(shares)
    forced_100 = (len(present_shares) == len(shares) and
                  sum((x.value for x in present_shares), Decimal(0)) == Decimal(str(o.get("total", 100))))
    outs: list[Outcome] = []
    for i, (s, v) in enumerate(zip(shares, values)):
        if not isinstance(s, Fact) or not isinstance(v, Fact):
            continue
        try:
            point = v.point / whole_point * 100
            computed = v.interval / whole * 100
        except IntervalError:
            return skip("total value is zero")
        status = judge(s, point, computed)
        # A share cut rather than rounded stays `truncated` (info in every rule that sees
        # it); the allowance is for a share pushed up or down by one unit to reach 100.
        if status == "fail" and forced_100:
            unit = Decimal(1).scaleb(-max(s.decimals, 0))
            if Interval(s.value - unit, s.value + unit).meets(point):
                status = "pass"
        outs.append(_result(status, s, point, [s, v, *whole_facts],
                            lambda: f"{v.text} / {whole_text} × 100 = {shown(point.mid, s.decimals)}",
                            key=str(i)))
    return outs or skip("no share with a value")


@register("ratio", {"numerator", "denominator", "stated"}, needs={"numerator", "denominator", "stated"},
          relation=True)
def check_ratio(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """A stated percent equals numerator / denominator × scale (default 100)."""
    n, d, s = a.get("numerator"), a.get("denominator"), a.get("stated")
    if not all(isinstance(x, Fact) for x in (n, d, s)):
        return skip("numerator, denominator or stated value missing")
    shown_scale = scale = Decimal(str(o.get("scale", 100)))
    units = ""
    if n.unit and d.unit and n.unit != d.unit:
        # (an actual in triệu đồng over a plan in tỷ đồng: the ratio of the same quantities in one unit)
        f = conversion(n.unit, d.unit)   # (two names of one count, “hộ” and “hộ gia đình”, stay as they are)
        if f is not None and Decimal(f) != 1:
            scale *= Decimal(f)
            units = "converted"
    try:
        point = n.point / d.point * scale
        computed = n.interval / d.interval * scale
    except IntervalError:
        return skip("denominator is zero")
    def text() -> str:
        if units:
            return f"{n.text} {n.unit} / {d.text} {d.unit} × {format_vn(shown_scale)} = {shown(point.mid, s.decimals)}"
        sc = f" × {format_vn(scale)}" if scale != 1 else ""
        return f"{n.text} / {d.text}{sc} = {shown(point.mid, s.decimals)}"
    status = judge(s, point, computed)
    out = _result(status, s, point, [n, d, s], text)
    if status == "fail" and o.get("inverse") and n.point.lo > 0:
        # “Tỷ lệ hộ nghèo: KH 2,5%, TH 2,3%, đạt 108,7% KH”: for a target to reduce, % of plan is
        # often written plan / actual; a stated value that matches it follows that convention
        if judge(s, d.point / n.point * scale, d.interval / n.interval * scale) == "pass":
            out = replace(out, qualifiers=frozenset({"convention"}))
    return [out]


@register("difference", {"minuend", "subtrahend", "stated"}, needs={"minuend", "subtrahend", "stated"},
          relation=True)
def check_difference(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """A stated difference equals minuend − subtrahend (a remainder, a decrease)."""
    m, t, s = a.get("minuend"), a.get("subtrahend"), a.get("stated")
    if not all(isinstance(x, Fact) for x in (m, t, s)):
        return skip("an operand is missing")
    point = m.point - t.point
    computed = m.interval - t.interval
    return [_result(judge(s, point, computed), s, point, [m, t, s],
                    lambda: f"{m.text} − {t.text} = {shown(point.mid, s.decimals)}")]


@register("product", {"factors", "stated", "scale"}, needs={"stated"}, relation=True)
def check_product(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """A stated result equals the product of its factors times a unit conversion
    (area × yield × 0,1 = output when yield is in tạ/ha and output in tấn)."""
    factors = a.get("factors") or []
    present = _present(factors)
    s = a.get("stated")
    if not isinstance(s, Fact) or len(present) < 2 or len(present) != len(factors):
        return skip("a factor or the result is missing")
    raw_scale = a.get("scale", o.get("scale", 1))
    scale = Decimal(str(raw_scale)) if raw_scale is not None else Decimal(1)
    point, computed = Interval.point(scale), Interval.point(scale)
    for f in present:
        point, computed = point * f.point, computed * f.interval
    def text() -> str:
        sc = f" × {format_vn(scale)}" if scale != 1 else ""
        return f"{_texts(present, ' × ')}{sc} = {shown(point.mid, s.decimals)}"
    return [_result(judge(s, point, computed), s, point, [*present, s], text)]


@register("same_value", {"mentions", "wheres"}, hints=False, relation=True)
def check_same_value(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """Every mention of the same quantity states the same value (within the precision
    of each mention, after converting units of the same dimension)."""
    mentions = a.get("mentions") or []
    wheres = a.get("wheres") or [None] * len(mentions)
    pairs = [(m, w) for m, w in zip(mentions, wheres) if isinstance(m, Fact)]
    if len(pairs) < 2:
        return skip("fewer than two mentions")
    base = pairs[0][0]
    converted: list[tuple[Fact, Interval, Interval, str | None]] = []
    for m, w in pairs:
        f = conversion(m.unit, base.unit) if (m.unit and base.unit) else Decimal(1)
        if f is None:
            return skip("mentions in units that do not convert")
        # (a bound restating a value is a round figure: “hơn 2.140 tỷ đồng” for 2.141.605 triệu đồng)
        converted.append((m, m.round_interval * f, m.point * f, w))
    common: Interval | None = converted[0][1]
    for _, iv, _, _ in converted[1:]:
        common = common.intersect(iv) if common else None
    if common is not None:
        return [Outcome("pass", facts=[m for m, *_ in converted])]
    wide: Interval | None = None
    for m, _, _, _ in converted:  # a mention may be the other's truncation (16 for 16,67)
        k = conversion(m.unit, base.unit) if (m.unit and base.unit) else Decimal(1)
        iv = _or_truncated(m) * k
        wide = iv if wide is None else wide.intersect(iv)
        if wide is None:
            break
    status: Status = "fail" if wide is None else "truncated"
    # The mention at fault: one that disagrees with the first, else (all meet the first but
    # not each other) the later of the first pair that disagrees.
    odd = next((m for m, iv, _, _ in converted[1:] if not iv.meets(converted[0][1])), None)
    if odd is None:
        odd = next(converted[j][0] for i in range(len(converted)) for j in range(i + 1, len(converted))
                   if not converted[i][1].meets(converted[j][1]))
    listing = "; ".join(f"{m.text}{(' ' + m.unit) if m.unit else ''}{f' ({w})' if w else ''}"
                        for m, _, _, w in converted)
    return [Outcome(status, "", odd, [m for m, *_ in converted],
                    {"stated": odd.text, "expected": "", "values": listing,  # which mention is right is unknown
                     "formula": listing, "imbalance": ""})]


@register("implied_denominator", {"numerator", "percent", "denominator"}, grouped=True, hints=False,
          relation=True)
def check_implied_denominator(items: list[dict[str, Any]], o: dict[str, Any]) -> list[Outcome]:
    """Rates over the same base imply the same denominator (numerator / percent × 100);
    over a count the implied denominator must be a whole number. A conflict that disappears
    when the percents are read as truncated (56,6 for 56,67) is a truncation, as in the
    rate rules."""
    scale = Decimal(str(o.get("scale", 100)))
    only_missing = bool(o.get("only_when_denominator_missing", False))

    def collect(truncated: bool, forced: bool = False) -> tuple[list[tuple[Interval, list[Fact], str]], list[Fact], bool]:
        ranges: list[tuple[Interval, list[Fact], str]] = []
        facts: list[Fact] = []
        counts = False
        for it in items:
            n, p, d = it.get("numerator"), it.get("percent"), it.get("denominator")
            if isinstance(d, Fact):
                if only_missing:
                    continue
                ranges.append((d.interval, [d], d.text))
                facts.append(d)
                counts = counts or is_count_unit(d.unit)
                continue  # the denominator is written: the rate itself is checked on its own (PCT003)
            if isinstance(n, Fact) and isinstance(p, Fact):
                piv = p.interval
                if truncated and not p.exact and p.decimals >= 0 and p.approx is None:
                    piv = Interval(piv.lo, max(piv.hi, p.truncation.hi))  # written by cutting, not rounding
                if forced and not p.exact and p.decimals >= 0 and p.approx is None:
                    unit = Decimal(1).scaleb(-p.decimals)  # pushed by one unit to make the whole
                    piv = Interval(p.value - unit, p.value + unit)
                try:
                    iv = n.interval / piv * scale
                except IntervalError:
                    continue
                ranges.append((iv, [n, p], f"{n.text} / {p.text}%"))
                facts.extend([n, p])
                counts = counts or is_count_unit(n.unit)
        if forced:  # the parts make the whole: its denominator is their sum
            ranges.append((isum([f.interval for f in facts[::2]]), [], "Σ"))
        return ranges, facts, counts

    def holds(ranges: list[tuple[Interval, list[Fact], str]], want_integer: bool) -> bool:
        common: Interval | None = ranges[0][0]
        for iv, _, _ in ranges[1:]:
            common = common.intersect(iv) if common else None
        ok = common is not None
        if ok and want_integer:
            ok = math.ceil(common.lo) <= math.floor(common.hi)
        return ok

    ranges, facts, counts = collect(False)
    if not ranges or (len(ranges) < 2 and not counts):
        return skip("not enough rates")
    want_integer = o.get("integer", "auto")
    want_integer = counts if want_integer == "auto" else bool(want_integer)
    if holds(ranges, want_integer):
        return [Outcome("pass", facts=facts)]
    # rates written by cutting instead of rounding: for a single rate; for a group when the
    # rounded readings already agree on a range and only the whole number is missing, or when a
    # written denominator anchors the group (then each percent is held to that denominator, as
    # the rate rule holds it, cut or rounded). Otherwise cutting several percents of a group
    # that disagree could hide a real disagreement.
    # So is a group where one percent alone read as cut (the others as rounded) lets all agree:
    # the same reading the rate rule gives that percent, and no disagreement of the others hidden.
    anchored = not only_missing and any(isinstance(it.get("denominator"), Fact) for it in items)
    # Percents that make exactly the whole (100 %) may each be one unit off, pushed so that they
    # add up (largest remainder), as the shares rule allows: when that reading agrees, no finding.
    pcts = [it.get("percent") for it in items]
    # Several percents may be read as cut together where that cannot hide a disagreement of any
    # size: over a count, when cutting moves each one's implied denominator by under 1 % (1 / 2,85
    # and 15 / 42,85 agree on 35 once both are cut; 3 / 0,08 % moves by 6 % and is not cut).
    fine = want_integer and all(_cut_moves_little(it.get("percent")) for it in items
                                if not isinstance(it.get("denominator"), Fact))
    forced = (not anchored and len(ranges) == len(items) >= 2 and all(isinstance(x, Fact) for x in pcts)
              and sum((x.value for x in pcts), Decimal(0)) == scale)
    if not MESSAGES.on:  # (re-run by error localization: the status is all it needs)
        agree = holds(ranges, False)
        cut = o.get("truncation") and (len(items) == 1 or agree or anchored)
        tranges = collect(True)[0] if cut else []
        if tranges and holds(tranges, want_integer):
            return [Outcome("truncated", "", None, facts)]
        if o.get("truncation") and fine and _all_cut(ranges, collect(True)[0]):
            return [Outcome("truncated", "", None, facts)]
        single = o.get("truncation") and _one_cut(ranges, collect(True)[0], want_integer) is not None
        if not single and forced and holds(collect(False, forced=True)[0], want_integer):
            return [Outcome("pass", facts=facts)]
        return [Outcome("truncated" if single else "fail", "", None, facts)]
    agree = holds(ranges, False)
    cut = o.get("truncation") and (len(items) == 1 or agree or anchored)
    tranges, tfacts, _ = collect(True) if cut else ([], [], False)
    single = None
    if not (tranges and holds(tranges, want_integer)) and o.get("truncation"):
        single = _one_cut(ranges, collect(True)[0], want_integer)
    if single is not None:
        listing = "; ".join(f"{t} → {fmt(iv.lo, 1)}–{fmt(iv.hi, 1)}" for iv, _, t in ranges)
        target = ranges[single][1][-1]
        return [Outcome("truncated", "", target, facts,
                        {"ranges": listing, "formula": listing, "stated": target.text, "expected": "",
                         "imbalance": ""})]
    if not (tranges and holds(tranges, want_integer)) and single is None and o.get("truncation") and fine:
        every_cut = collect(True)
        if _all_cut(ranges, every_cut[0]):
            tranges, tfacts = every_cut[0], every_cut[1]
    if tranges and (holds(tranges, want_integer) or (fine and _all_cut(ranges, tranges))):
        listing = "; ".join(f"{t} → {fmt(iv.lo, 1)}–{fmt(iv.hi, 1)}" for iv, _, t in ranges)
        # the percent that had to be read as cut: its rounded reading misses the denominator
        # that all the cut readings allow (the least whole number of it, over a count)
        common: Interval | None = tranges[0][0]
        for iv, _, _ in tranges[1:]:
            common = common.intersect(iv) if common else None
        at: Interval | None = common
        if common is not None and want_integer:
            at = Interval.point(Decimal(math.ceil(common.lo)))
        cut_ones = [fs[-1] for iv, fs, _ in ranges if len(fs) == 2 and at is not None and not iv.meets(at)]
        target = cut_ones[0] if cut_ones else tfacts[-1]
        return [Outcome("truncated", "", target, tfacts,
                        {"ranges": listing, "formula": listing, "stated": target.text, "expected": "",
                         "imbalance": ""})]
    if forced and holds(collect(False, forced=True)[0], want_integer):
        return [Outcome("pass", facts=facts)]
    listing = "; ".join(f"{t} → {fmt(iv.lo, 1)}–{fmt(iv.hi, 1)}" for iv, _, t in ranges)
    # Point at the odd one out: the one rate without which the others agree (3395 / 99,09%
    # admits no whole denominator, the other three agree on one); failing that, the rate whose
    # implied denominator is farthest from the median.
    alone = [k for k in range(len(ranges)) if len(ranges) > 2 and holds(ranges[:k] + ranges[k + 1:], want_integer)]
    if len(alone) == 1:
        target = ranges[alone[0]][1][0]
    else:
        mids = sorted(iv.mid for iv, _, _ in ranges)
        median = mids[len(mids) // 2]
        target = max(ranges, key=lambda r: abs(r[0].mid - median))[1][0]
    # no denominator written in the group: the total they share is only implied (GOLD §8: a warning)
    hidden = frozenset() if any(isinstance(it.get("denominator"), Fact) for it in items) else frozenset({"hidden_base"})
    return [Outcome("fail", "", target, facts,
                    {"ranges": listing, "formula": listing, "stated": target.text, "expected": "",
                     "imbalance": ""}, qualifiers=hidden)]


def _cut_moves_little(p: Any) -> bool:
    """A percent written with decimals whose cut reading (one more half unit of its last decimal)
    changes it by under 1 %."""
    if not isinstance(p, Fact) or p.exact or p.approx is not None or p.decimals < 1 or p.value <= 0:
        return False
    return Decimal(5).scaleb(-p.decimals - 1) * 100 < p.value


def _all_cut(ranges: list[tuple[Interval, list[Fact], str]], cut: list[tuple[Interval, list[Fact], str]]) -> bool:
    """Every percent read as cut (`cut`: each rate's range so read) and the implied denominators
    agree on a whole number. The cut reading is half-open (6,0 cut to one decimal is 6,0, never
    5,9): a whole number at the open end of a cut range does not count."""
    if len(cut) != len(ranges) or len(cut) < 2:
        return False
    common: Interval | None = cut[0][0]
    for iv, _, _ in cut[1:]:
        common = common.intersect(iv) if common is not None else None
    if common is None:
        return False
    open_ends = {civ.lo for (civ, fs, _), (riv, _, _) in zip(cut, ranges) if len(fs) == 2 and civ.lo < riv.lo}
    k = math.ceil(common.lo)
    if k == common.lo and common.lo in open_ends:
        k += 1
    return k <= math.floor(common.hi)


def _one_cut(ranges: list[tuple[Interval, list[Fact], str]], cut: list[tuple[Interval, list[Fact], str]],
             want_integer: bool) -> int | None:
    """The one rate whose percent read as cut, with every other read as rounded, makes the
    implied denominators agree (on a whole number when they must), or None. Linear: the
    intersection of the others comes from prefix and suffix intersections."""
    n = len(ranges)
    if n < 2 or len(cut) != n:
        return None
    every = Interval(Decimal("-Infinity"), Decimal("Infinity"))
    pre: list[Interval | None] = [every]
    for iv, _, _ in ranges:
        pre.append(pre[-1].intersect(iv) if pre[-1] is not None else None)
    suf: list[Interval | None] = [every]
    for iv, _, _ in reversed(ranges):
        suf.append(suf[-1].intersect(iv) if suf[-1] is not None else None)
    suf.reverse()  # suf[i]: the intersection of ranges[i:]
    for i in range(n):
        (civ, facts, _), riv = cut[i], ranges[i][0]
        if len(facts) != 2 or not (civ.lo < riv.lo and civ.hi == riv.hi) or facts[-1].decimals < 1:
            continue  # a written denominator, a percent that reads the same cut, or a whole
            # percent (“1%” cut from 1,99 % is a guess too far without a written denominator)
        before, after = pre[i], suf[i + 1]
        if before is None or after is None:
            continue
        common = civ.intersect(before)
        common = common.intersect(after) if common is not None else None
        if common is None:
            continue
        # the cut reading is half-open: 6,0 cut to one decimal is 6,0, never 5,9, so the
        # denominator at the cut end (120 / 6,0% = 2.000 for “120, 5,9%”) is not allowed
        if want_integer:
            k = math.ceil(common.lo)
            if k == civ.lo:
                k += 1
            if k <= math.floor(common.hi):
                return i
        elif common.hi > civ.lo:
            return i
    return None


def _or_truncated(f: Fact) -> Interval:
    """The values a written number stands for when it may also be a truncation (cut, not
    rounded): its rounding interval and its truncation interval together."""
    if f.exact or f.decimals < 0:
        return f.interval
    return f.interval.hull(f.truncation)


@register("count", {"stated", "universe", "match", "condition"}, hints=False, relation=True)
def check_count(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """A stated number of items equals the items listed that match a condition
    (“30 chỉ tiêu”, “trong đó 7 chỉ tiêu vượt KH”)."""
    stated = a.get("stated")
    universe = a.get("universe")
    if not isinstance(stated, Fact) or not isinstance(universe, list):
        return skip("stated count or list missing")
    match: dict[str, Any] = a.get("match") or {}
    items = _matching(universe, match)
    if all(v is None for v in match.values()) or not items:
        return skip("no items to count")
    cond_name = a.get("condition") or "all"
    conditions: dict[str, str] = o.get("conditions", {"all": "true"})
    expr = conditions.get(str(cond_name))
    if expr is None:
        return skip(f"no condition named {cond_name}")
    needed = formula.names(expr)  # (“true” reads nothing: no value is looked up)
    var_paths = {k: p for k, p in o.get("vars", {}).items() if k in needed}
    sure, maybe = [], []
    how = (expr, tuple(var_paths.items()))
    for it in items:
        r = _classified(it, how)
        if r is True:
            sure.append(it)
        elif r is None:
            maybe.append(it)
    lo, hi = len(sure), len(sure) + len(maybe)
    n = stated.value
    status: Status = "pass" if lo <= n <= hi else "fail"
    names = ", ".join(str(it.get("code") or it.get("name") or "?") for it in sure + maybe)
    expected = str(lo) if lo == hi else f"{lo}–{hi}"
    # the count also depends on the values the condition reads (a % of plan decides “vượt KH”);
    # listed for error localization (not while it re-runs the check)
    involved = [stated] + [f for it in items for p in var_paths.values()
                           if isinstance(f := _item_fact(it, p), Fact)] if MESSAGES.on else None
    return [Outcome(status, "", stated, [stated],
                    {"stated": stated.text, "expected": expected, "items": names,
                     "formula": f"{expected} ({names})", "imbalance": str(n - lo)}, involved=involved)]


# Whether each item meets a count's condition, by the item's identity (views are never changed
# once made; error localization re-runs a count with one item's value changed, and that item
# is then a copy): each item is classified once per condition, not once per run. Emptied when
# a report's rules start (`registry.per_report`).
_CLASSIFIED: dict[int, tuple[Any, dict[tuple[str, tuple[tuple[str, str], ...]], Any]]] = per_report({})


def _classified(item: Any, how: tuple[str, tuple[tuple[str, str], ...]]) -> Any:
    """`formula.evaluate(expr, {name: the item's value at path})` for `how` = (expr, ((name,
    path) …)), False when a value is missing; remembered for the item."""
    got = _CLASSIFIED.get(id(item))
    if got is None or got[0] is not item:
        got = _CLASSIFIED[id(item)] = (item, {})
    memo = got[1]
    if how in memo:
        return memo[how]
    return memo.setdefault(how, _classify(item, how))


def _classify(item: Any, how: tuple[str, tuple[tuple[str, str], ...]]) -> Any:
    expr, var_paths = how
    env = {k: _item_value(item, p) for k, p in var_paths}
    try:
        return formula.evaluate(expr, env)
    except formula.Missing:
        return False


def _item_fact(item: dict[str, Any], path: str) -> Fact | None:
    cur: Any = item
    for part in path.split("."):
        if not isinstance(cur, dict):
            return None
        cur = cur.get(part)
    return cur.get("$fact") if isinstance(cur, dict) else None


@per_list
def _by_fields(universe: list[Any], keys: tuple[str, ...]) -> dict[tuple[Any, ...], list[dict[str, Any]]]:
    """The items of the list by their values of `keys`, in the list's order."""
    index: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for it in universe:
        if isinstance(it, dict):
            index.setdefault(tuple(it.get(k) for k in keys), []).append(it)
    return index


def _matching(universe: list[Any], match: dict[str, Any]) -> list[dict[str, Any]]:
    """The items whose fields equal every value of `match` that is not None (a count claim's
    table, group or section), looked up in an index of the list rather than filtered for
    each claim."""
    keys = tuple(k for k, v in match.items() if v is not None)
    try:
        return _by_fields(universe, keys).get(tuple(match[k] for k in keys), [])
    except TypeError:  # a value that cannot be a key (not in a valid report): compare each
        return [it for it in universe if isinstance(it, dict)
                and all(v is None or it.get(k) == v for k, v in match.items())]


def _item_value(item: dict[str, Any], path: str) -> Any:
    cur: Any = item
    for part in path.split("."):
        if not isinstance(cur, dict):
            return None
        cur = cur.get(part)
    if isinstance(cur, dict) and "$fact" in cur:
        # Classification (“vượt KH”) follows the value as written: a stated 100% met the plan.
        f = cur["$fact"]
        return f.point if f is not None else None
    return cur


_OPS = {"<=": "≤", ">=": "≥", "<": "<", ">": ">", "==": "="}


@register("compare", {"left", "right"}, needs={"left", "right"}, relation=True)
def check_compare(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """left op right × factor (≤, ≥, <, >, =), e.g. #CSTĐCS ≤ #LĐTT."""
    left, right = a.get("left"), a.get("right")
    if not isinstance(left, Fact) or not isinstance(right, Fact):
        return skip("an operand is missing")
    op = o.get("op", "<=")
    if op not in _OPS:
        raise ValueError(f"unknown comparison operator {op!r}")
    factor = Decimal(str(o.get("factor", 1)))
    r = formula.evaluate(f"l {op} r * f", {"l": left.interval, "r": right.interval,
                                          "f": Interval.point(factor)})
    fac = f" × {format_vn(factor)}" if factor != 1 else ""
    text = f"{left.text} {_OPS[op]} {right.text}{fac}"
    status: Status = "fail" if r is False else "pass"
    return [Outcome(status, "", left, [left, right],
                    {"stated": left.text, "expected": f"{_OPS[op]} {fmt(right.value * factor, right.decimals)}",
                     "formula": text, "imbalance": ""})]


@register("formula", {"vars"}, hints=False, relation=True)
def check_formula(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """Escape hatch: an arithmetic assertion over named values, evaluated on intervals.
    Fails only when it is false for every value the written numbers can stand for."""
    env_facts: dict[str, Any] = a.get("vars") or {}
    env: dict[str, Any] = {}
    facts: list[Fact] = []
    for k, v in env_facts.items():
        if isinstance(v, Fact):
            env[k] = v.interval
            facts.append(v)
        elif isinstance(v, list):
            present = [x for x in v if isinstance(x, Fact)]
            env[k] = [x.interval for x in present] if len(present) == len(v) else None
            facts.extend(present)
        else:
            env[k] = v
    expr = o["assert"]
    try:
        r = formula.evaluate(expr, env)
    except formula.Missing as m:
        return skip(f"{m.name} missing")
    if not isinstance(r, bool) and r is not None:
        raise formula.FormulaError(f"assertion {expr!r} is not a condition")
    truncated = False
    if r is False:  # does it hold when the values may be truncations rather than roundings?
        wide = {k: _or_truncated(v) if isinstance(v, Fact) else
                ([_or_truncated(x) for x in v] if isinstance(v, list) and env.get(k) is not None else env[k])
                for k, v in env_facts.items()}
        truncated = formula.evaluate(expr, wide) is not False
    shown_vars = ", ".join(f"{k} = {v.text}" for k, v in env_facts.items() if isinstance(v, Fact))
    target = facts[0] if facts else None
    status: Status = "pass" if r is not False else "truncated" if truncated else "fail"
    return [Outcome(status, "", target, facts,
                    {"formula": f"{expr} ({shown_vars})", "stated": target.text if target else "",
                     "expected": "", "imbalance": ""})]


@register("balance", {"start", "inflows", "outflows", "end"}, needs={"start", "end"}, relation=True)
def check_balance(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """A stock and its flows: start + inflows − outflows = end, within the precision written."""
    start, end = a.get("start"), a.get("end")
    ins, outs = _present(a.get("inflows") or []), _present(a.get("outflows") or [])
    if not isinstance(start, Fact) or not isinstance(end, Fact) or not (ins or outs):
        return skip("a stock or its flows missing")
    point = start.point + isum([f.point for f in ins]) - isum([f.point for f in outs])
    computed = start.interval + isum([f.interval for f in ins]) - isum([f.interval for f in outs])

    def text() -> str:
        s = start.text + "".join(f" + {f.text}" for f in ins) + "".join(f" − {f.text}" for f in outs)
        return f"{s} = {shown(point.mid, end.decimals)}"
    return [_result(judge(end, point, computed), end, point, [start, *ins, *outs, end], text)]


@register("change", {"value", "prior", "delta", "percent", "direction", "points"}, hints=False,
          relation=True)
def check_change(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """A change agrees with what is written of it: value − prior = ±delta, delta / prior × 100 =
    percent (percent = the difference itself for a change in percentage points). With value, delta
    and percent only, the prior is value ∓ delta. Signs come from the direction words."""
    v, b, d, p = (a.get(k) for k in ("value", "prior", "delta", "percent"))
    sign = -1 if a.get("direction") == "down" else 1
    v, b, d, p = (x if isinstance(x, Fact) else None for x in (v, b, d, p))
    if v is None or sum(x is not None for x in (b, d, p)) < 2:
        return skip("a change needs its value and two of prior, change, percent")
    try:
        if b is None:  # the prior is implied: value − sign × delta
            prior_pt, prior_iv = v.point - d.point * sign, v.interval - d.interval * sign
        else:
            prior_pt, prior_iv = b.point, b.interval
        if p is not None:
            if a.get("points"):
                chg_pt, chg_iv = (v.point - prior_pt) * sign, (v.interval - prior_iv) * sign
            elif d is not None and b is None:
                chg_pt, chg_iv = d.point / prior_pt * 100, d.interval / prior_iv * 100
            else:
                chg_pt, chg_iv = (v.point - prior_pt) / prior_pt * 100 * sign, (v.interval - prior_iv) / prior_iv * 100 * sign
            def text() -> str:
                base = b.text if b is not None else f"{v.text} {'−' if sign > 0 else '+'} {d.text}"
                if b is None and not a.get("points"):  # (the change over the earlier value it implies)
                    return f"{d.text} / ({base}) × 100 = {shown(chg_pt.mid, p.decimals)}"
                what = "" if a.get("points") else f" / ({base}) × 100"
                return f"({v.text} − {base}){' × −1' if sign < 0 else ''}{what} = {shown(chg_pt.mid, p.decimals)}"
            out = [_result(judge(p, chg_pt, chg_iv), p, chg_pt, [x for x in (v, b, d, p) if x is not None], text)]
            if b is not None and d is not None and not a.get("points"):
                # all four written (“ít hơn 03 vụ = 1,6% (180/183 vụ)”): the change in units is checked too
                dpt, div = (v.point - b.point) * sign, (v.interval - b.interval) * sign
                out.append(_result(judge(d, dpt, div), d, dpt, [v, b, d],
                                   lambda: f"({v.text} − {b.text}){' × −1' if sign < 0 else ''} = {shown(dpt.mid, d.decimals)}",
                                   key="delta"))
            return out
        dpt, div = (v.point - prior_pt) * sign, (v.interval - prior_iv) * sign
        return [_result(judge(d, dpt, div), d, dpt, [v, b, d],
                        lambda: f"({v.text} − {b.text}){' × −1' if sign < 0 else ''} = {shown(dpt.mid, d.decimals)}")]
    except IntervalError:
        return skip("the prior holds zero")


@register("change_of_parts", {"total", "total_change", "direction", "parts", "complete"}, hints=False, relation=True)
def check_change_of_parts(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """A whole and its complete breakdown, each with its change in % against the same earlier period:
    each part's earlier value is value / (1 ± change/100), and the whole's change is the whole over the
    sum of those earlier values (a weighted mean of the parts' changes, never outside them)."""
    total, tchg = a.get("total"), a.get("total_change")
    rows = a.get("parts") or []
    if not isinstance(total, Fact) or not isinstance(tchg, Fact) or not a.get("complete", True) or len(rows) < 2:
        return skip("a complete breakdown whose whole and parts all state their change")
    parts: list[tuple[Fact, Fact, int]] = []
    for row in rows:
        # (a multi-select gives each part's values as views: the fact is under “$fact”)
        v, c = (x.get("$fact") if isinstance(x, dict) else x for x in (row[:2] if isinstance(row, list) else (None, None)))
        if not isinstance(row, list) or len(row) != 3 or not isinstance(v, Fact) or not isinstance(c, Fact) \
                or row[2] not in ("up", "down"):
            return skip("a part without its value or its change")
        parts.append((v, c, 1 if row[2] == "up" else -1))
    sign = -1 if a.get("direction") == "down" else 1
    hundred = Interval.point(Decimal(100))
    try:
        prior_pt = isum([v.point / (hundred + c.point * s) * hundred for v, c, s in parts])
        prior_iv = isum([v.interval / (hundred + c.interval * s) * hundred for v, c, s in parts])
        chg_pt = (total.point / prior_pt - Interval.point(Decimal(1))) * hundred * sign
        chg_iv = (total.interval / prior_iv - Interval.point(Decimal(1))) * hundred * sign
    except IntervalError:
        return skip("an earlier value holds zero")
    def text() -> str:
        each = " + ".join(f"{v.text} / (1 {'+' if s > 0 else '−'} {c.text}%)" for v, c, s in parts)
        return f"{total.text} / ({each}) − 1 = {'−' if sign < 0 else ''}{shown(chg_pt.mid * sign, tchg.decimals)}%"
    return [_result(judge(tchg, chg_pt, chg_iv), tchg, chg_pt, [total, tchg] + [x for v, c, _s in parts for x in (v, c)],
                    text, verb_vi="giảm" if sign < 0 else "tăng", verb_en="fall" if sign < 0 else "rise")]


@register("input", set(), hints=False)
def check_input(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """Findings about the input itself (unreadable file, invalid JSON, schema errors,
    numbers that cannot be read). Emitted by the reader, not evaluated on a report."""
    return []


# Windows for error localization (see CheckKind.window).
for _name, _window in (("sum", _sum_window), ("difference", _difference_window), ("ratio", _ratio_window),
                       ("shares", _shares_window), ("product", _product_window),
                       ("same_value", _same_value_window), ("implied_denominator", _implied_window),
                       ("count", _count_window), ("compare", _compare_window)):
    REGISTRY[_name] = replace(REGISTRY[_name], window=_window)


@register("implied_prior", {"value", "prior", "delta", "percent", "direction", "points"}, hints=False)
def check_implied_prior(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """A change written as a count and a percent only (“kết nạp 37 đảng viên, tăng 24% so với năm
    trước”): the earlier count (or the plan) it implies, value / (100 ± percent) × 100, must hold
    a whole number. A conflict that disappears when the percent is read as cut is a truncation."""
    v, b, d, p = (a.get(k) for k in ("value", "prior", "delta", "percent"))
    if not isinstance(v, Fact) or not isinstance(p, Fact) or b is not None or d is not None:
        return skip("only a change written as a value and a percent implies its base")
    if a.get("points") or not is_count_unit(v.unit) or v.approx is not None or p.approx is not None:
        return skip("the implied base must be whole only for a count stated as such")
    sign = -1 if a.get("direction") == "down" else 1

    def base(piv: Interval) -> Interval | None:
        try:
            return v.interval / (piv * sign + 100) * 100
        except IntervalError:
            return None

    def whole(iv: Interval | None) -> bool:
        return iv is not None and math.ceil(iv.lo) <= math.floor(iv.hi)

    implied = base(p.interval)
    if implied is None or implied.hi <= 0:
        return skip("the percent leaves no base")
    if max(abs(v.interval.hi - implied.lo), abs(v.interval.lo - implied.hi)) < 1:
        # “… trong đó có 7 đảng viên, tăng 4% so với năm 2023”: a change of less than one member is no
        # count's change; the percent is said of something else (the reading, not the data, is in doubt)
        return skip("the percent would change the count by less than one")
    if whole(implied):
        return [Outcome("pass", facts=[v, p])]
    ranges = f"{v.text} / (100 {'+' if sign > 0 else '−'} {p.text}) × 100 → {fmt(implied.lo, 1)}–{fmt(implied.hi, 1)}"
    info = {"ranges": ranges, "formula": ranges, "stated": p.text, "expected": "", "imbalance": ""}
    if o.get("truncation") and not p.exact and p.decimals >= 0:
        cut = base(Interval(p.interval.lo, max(p.interval.hi, p.truncation.hi)))
        if cut is not None and whole(cut):
            return [Outcome("truncated", "", p, [v, p], info)]
    # the base is never written here: an inconsistency that hangs on it is a warning (GOLD §8)
    return [Outcome("fail", "", p, [v, p], info, qualifiers=frozenset({"hidden_base"}))]


@register("named_list", {"stated", "names", "joined"}, hints=False, relation=True)
def check_named_list(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """A stated count equals the names listed after it (“4 tập thể: A, B, C, D”). When the last
    “và” may be inside a name (`joined`), one name fewer holds too."""
    stated, names = a.get("stated"), a.get("names")
    if not isinstance(stated, Fact) or not isinstance(names, list) or not names:
        return skip("stated count or names missing")
    hi = len(names)
    lo = hi - 1 if a.get("joined") is True else hi
    status: Status = "pass" if lo <= stated.value <= hi else "fail"
    expected = str(hi) if lo == hi else f"{lo}–{hi}"
    listed = "; ".join(str(x) for x in names)
    return [Outcome(status, "", stated, [stated],
                    {"stated": stated.text, "expected": expected, "items": listed,
                     "formula": f"{expected} ({listed})", "imbalance": str(stated.value - hi)})]


@register("ranking", {"values", "labels", "order", "sorted"}, hints=False, relation=True)
def check_ranking(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """Items said to be ranked by value are in that order: the first is the highest (or lowest) of
    all, the last the other end, and every one in order when the text says the list is sorted. Two
    values whose written precision lets them be equal are in either order."""
    values, labels = a.get("values"), a.get("labels")
    if not isinstance(values, list) or len(values) < 3 or not all(isinstance(v, Fact) for v in values):
        return skip("fewer than three ranked values")
    names = [str(x) for x in labels] if isinstance(labels, list) and len(labels) == len(values) else \
        [v.text for v in values]
    desc = a.get("order") != "asc"

    def before(x: Fact, y: Fact) -> bool:   # x may stand before y
        return x.interval.hi >= y.interval.lo if desc else x.interval.lo <= y.interval.hi

    pairs: list[tuple[int, int]] = []
    if a.get("sorted") is True:
        pairs = [(i, i + 1) for i in range(len(values) - 1)]
    else:
        last = len(values) - 1
        pairs = [(0, j) for j in range(1, len(values))] + [(i, last) for i in range(1, last)]
    for i, j in pairs:
        if not before(values[i], values[j]):
            x, y = values[i], values[j]
            word_vi, word_en = ("cao hơn", "higher") if desc else ("thấp hơn", "lower")
            return [Outcome("fail", f"{i}-{j}", y, [x, y],
                            {"stated": y.text, "expected": x.text, "first": names[i], "second": names[j],
                             "first_value": x.text, "second_value": y.text, "word_vi": word_vi, "word_en": word_en,
                             "formula": f"{names[i]} {x.text} / {names[j]} {y.text}", "imbalance": "",
                             "items": "; ".join(f"{n} {v.text}" for n, v in zip(names, values))})]
    return [Outcome("pass")]


@register("spelled", {"value", "words", "unit"}, hints=False)  # (not localized: either side may be the wrong one)
def check_spelled(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """A number written in figures and again in words (“11.000.000 đồng (Mười một triệu đồng)”)
    says one value. The words are exact; the figures within their written precision, in their
    unit (“1,2 tỷ đồng (Một tỷ hai trăm triệu đồng)”) or as bare figures (“500 triệu (năm trăm)”)."""
    from auditor.numeric.words import parse_words, spell, unit_scale

    value, words = a.get("value"), a.get("words")
    if not isinstance(value, Fact) or not isinstance(words, str):
        return skip("figures or words missing")
    said = parse_words(words)
    if said is None:
        return skip("the words are not a number the tool can read")
    iv = value.interval
    scale = unit_scale(a.get("unit") if isinstance(a.get("unit"), str) else None)
    if iv.contains(said) or (scale and iv.contains(said.scaleb(-scale))):
        return [Outcome("pass")]
    whole = value.value.scaleb(scale) if scale and said >= value.value.scaleb(scale - 3) else value.value
    right = spell(int(whole)) if whole == whole.to_integral_value() and whole >= 0 else ""
    return [Outcome("fail", "", value, [value],
                    {"stated": value.text, "words": words.strip(), "words_value": format_vn(said),
                     "expected": format_vn(said), "spelled": right[:1].upper() + right[1:],
                     "formula": f"{value.text} / “{words.strip()}” = {format_vn(said)}",
                     "imbalance": ""})]


@register("payout", {"counts", "eaches", "stated", "scale"}, needs={"stated"}, relation=True)
def check_payout(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """A total paid to several groups equals the sum over the groups of their count times the
    amount each member gets (5 tập thể × 1.000.000 + 12 cá nhân × 500.000 = 11.000.000 đồng)."""
    counts, eaches, s = _present(a.get("counts")), _present(a.get("eaches")), a.get("stated")
    if not isinstance(s, Fact) or not counts or len(counts) != len(eaches) \
            or len(counts) != len(a.get("counts") or []) or len(eaches) != len(a.get("eaches") or []):
        return skip("a count, an amount or the total is missing")
    raw_scale = a.get("scale", o.get("scale", 1))
    scale = Decimal(str(raw_scale)) if raw_scale is not None else Decimal(1)
    point, computed = Interval.point(0), Interval.point(0)
    for c, e in zip(counts, eaches):
        point, computed = point + c.point * e.point * scale, computed + c.interval * e.interval * scale
    def text() -> str:
        sc = f" × {format_vn(scale)}" if scale != 1 else ""
        terms = " + ".join(f"{c.text} × {e.text}{sc}" for c, e in zip(counts, eaches))
        return f"{terms} = {shown(point.mid, s.decimals)}"
    return [_result(judge(s, point, computed), s, point, [*counts, *eaches, s], text)]
