"""Check kinds for awards, units and numbers whose reading is in doubt."""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from functools import lru_cache

from auditor.checks.registry import REGISTRY, Outcome, fmt, judge, register, skip
from auditor.files.yamlio import load_data
from auditor.model.facts import Fact
from auditor.model.units import conversion, normalize_unit
from auditor.numeric.interval import isum
from auditor.numeric.notation import format_vn
from auditor.records import replace

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from typing import Any


@lru_cache(maxsize=1)
def awards_registry() -> dict[str, Any]:
    return load_data("awards.yaml")


def _count(item: dict[str, Any], who: str) -> Fact | None:
    f = item.get(who)
    return f if isinstance(f, Fact) else None


def _sum_key(items: list[dict[str, Any]], key: str, who: str) -> tuple[Fact, list[Fact]] | None:
    facts = [f for it in items if it.get("key") == key and (f := _count(it, who)) is not None]
    if not facts:
        return None
    total = sum((f.value for f in facts), Decimal(0))
    text = " + ".join(f.text for f in facts)
    head = facts[0] if len(facts) == 1 else Fact(total, 0, True, text, facts[0].pointer, facts[0].unit, facts[0].src)
    return head, facts


def _title(key: str) -> str:
    t = awards_registry()["titles"].get(key)
    return t["names"][0] if t else key


@register("award_tiers", {"key", "individuals", "collectives", "year"}, grouped=True, hints=False,
          relation=True)
def check_award_tiers(items: list[dict[str, Any]], o: dict[str, Any]) -> list[Outcome]:
    """A higher title is chosen among holders of the lower one in the same unit and year, so
    its count cannot exceed the lower's (#CSTĐCS ≤ #LĐTT, #TTLĐXS ≤ #TTLĐTT)."""
    tiers = o.get("tiers") or awards_registry()["tiers"]
    outs: list[Outcome] = []
    year = next((it.get("year") for it in items if it.get("year")), None)
    for t in tiers:
        hi = _sum_key(items, t["higher"], t["who"])
        lo = _sum_key(items, t["lower"], t["who"])
        if hi is None or lo is None:
            continue
        (h, hf), (low, lf) = hi, lo
        status = "fail" if h.value > low.value else "pass"
        outs.append(Outcome(status, t["higher"], hf[0], hf + lf, {
            "stated": h.text, "expected": f"≤ {low.text}", "higher": _title(t["higher"]),
            "lower": _title(t["lower"]), "year": str(year or ""),
            "formula": f"{h.text} {_title(t['higher'])} > {low.text} {_title(t['lower'])}",
            "imbalance": format_vn(h.value - low.value)}))
    return outs or skip("no pair of tiered titles in the same year")


@register("award_cap", {"key", "individuals", "collectives", "year"}, grouped=True, hints=False,
          relation=True)
def check_award_cap(items: list[dict[str, Any]], o: dict[str, Any]) -> list[Outcome]:
    """A configurable cap: #higher ≤ cap% × #lower (e.g. CSTĐCS ≤ 15% of LĐTT, a pre-2024 rule
    and some provinces' rules). Off unless a cap is configured."""
    cap = o.get("cap")
    if cap is None:
        return skip("no cap configured")
    hi = _sum_key(items, o["higher"], o.get("who", "individuals"))
    lo = _sum_key(items, o["lower"], o.get("who", "individuals"))
    if hi is None or lo is None or lo[0].value == 0:
        return skip("counts missing")
    (h, hf), (low, lf) = hi, lo
    share = h.value / low.value * 100
    status = "fail" if share > Decimal(str(cap)) else "pass"
    return [Outcome(status, "", hf[0], hf + lf, {
        "stated": h.text, "expected": f"≤ {format_vn(Decimal(str(cap)))}%",
        "formula": f"{h.text} / {low.text} × 100 = {fmt(share, 1)}%", "cap": format_vn(Decimal(str(cap))),
        "source": str(o.get("source", "")), "imbalance": ""},
        qualifiers=frozenset({"unit_dependent"}))]  # caps are set per province and sector


def base_salary_on(day: dt.date) -> Decimal | None:
    rows = sorted(awards_registry()["base_salary"], key=lambda r: r["from"])
    amount = None
    for r in rows:
        if r["from"] <= day:
            amount = Decimal(str(r["amount"]))
    return amount


@register("award_money", {"key", "amount", "decision_date", "individuals", "collectives", "year"}, hints=False,
          relation=True)
def check_award_money(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """Reward money = coefficient × base salary on the decision date, rounded to 10.000 đồng
    (up under ND 98/2023, to nearest in ND 91/2017's examples: both accepted)."""
    amount, key, d = a.get("amount"), a.get("key"), a.get("decision_date")
    title = awards_registry()["titles"].get(key or "")
    if not isinstance(amount, Fact) or title is None or not isinstance(d, dict) or not d.get("year"):
        return skip("amount, title or decision date missing")
    if not (d.get("month") and d.get("day")):
        return skip("decision date not precise")
    base = base_salary_on(dt.date(d["year"], d["month"], d["day"]))
    if base is None:
        return skip("no base salary known for that date")
    collective_only = isinstance(a.get("collectives"), Fact) and not isinstance(a.get("individuals"), Fact)
    coef = Decimal(str(title.get("coefficient_collective") if collective_only and title.get(
        "coefficient_collective") else title["coefficient"]))
    raw = coef * base
    step = Decimal(10000)
    up = (raw / step).quantize(Decimal(1), rounding=ROUND_CEILING) * step
    near = (raw / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step
    ok = amount.value in (up, near, raw)
    return [Outcome("pass" if ok else "fail", "", amount, [amount], {
        "stated": amount.text, "expected": format_vn(up),
        "formula": f"{format_vn(coef)} × {format_vn(base)} = {format_vn(raw)} → {format_vn(up)}",
        "imbalance": format_vn(amount.value - up)})]


@register("range", {"value"}, relation=True)
def check_range(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """A value lies within [min, max] (a share cannot exceed 100%)."""
    v = a.get("value")
    if not isinstance(v, Fact):
        return skip("value missing")
    lo = Decimal(str(o["min"])) if o.get("min") is not None else None
    hi = Decimal(str(o["max"])) if o.get("max") is not None else None
    iv = v.interval
    bad = (lo is not None and iv.hi < lo) or (hi is not None and iv.lo > hi)
    bounds = f"[{format_vn(lo) if lo is not None else '−∞'}; {format_vn(hi) if hi is not None else '+∞'}]"
    return [Outcome("fail" if bad else "pass", "", v, [v],
                    {"stated": v.text, "expected": bounds, "formula": f"{v.text} ∉ {bounds}", "imbalance": ""})]


@register("unit_percent_amounts", {"unit", "values"}, hints=False, diagnosis=True)
def check_unit_percent_amounts(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """A percent unit holding values that are clearly amounts (thousands of “%”)."""
    unit = a.get("unit")
    if normalize_unit(unit if isinstance(unit, str) else None) != "%":
        return skip("not a percent unit")
    values = [v for v in (a.get("values") or []) if isinstance(v, Fact)]
    if not values:
        return skip("no values")
    limit = Decimal(str(o.get("max_percent", 1000)))
    big = [v for v in values if v.value > limit]
    if not big:
        return [Outcome("pass", facts=values)]
    shown = ", ".join(v.text for v in big)
    return [Outcome("fail", "", big[0], big, {"stated": shown, "expected": f"≤ {format_vn(limit)}%",
                                              "values": shown, "formula": shown, "imbalance": ""})]


@register("unit_scale", {"mentions", "wheres"}, hints=False, diagnosis=True)
def check_unit_scale(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """The same quantity written in two units of one dimension whose scales make the values
    disagree by orders of magnitude while the numbers as written are close: one unit is wrong
    (1.896 tỷ đồng vs 1.906 Tr. đồng)."""
    facts = [m for m in (a.get("mentions") or []) if isinstance(m, Fact)]
    wheres = a.get("wheres") or []
    if len(facts) < 2:
        return skip("fewer than two mentions")
    base = facts[0]
    tol = Decimal(str(o.get("close_within", "0.1")))
    outs: list[Outcome] = []
    for i, m in enumerate(facts[1:], start=1):
        if not (base.unit and m.unit) or normalize_unit(base.unit) == normalize_unit(m.unit):
            continue
        f = conversion(m.unit, base.unit)
        if f is None or f == 1:
            continue
        converted_meets = (m.interval * f).meets(base.interval)
        raw_close = base.value != 0 and abs(m.value - base.value) <= abs(base.value) * tol
        if converted_meets or not raw_close:
            outs.append(Outcome("pass", str(i), m, [base, m]))
            continue
        where = wheres[i] if i < len(wheres) and wheres[i] else ""
        outs.append(Outcome("fail", str(i), m, [base, m], {
            "stated": f"{m.text} {m.unit}", "expected": f"{base.text} {base.unit}",
            "converted": f"{format_vn(m.value * f)} {base.unit}",
            "formula": f"{m.text} {m.unit} = {format_vn(m.value * f)} {base.unit} ≠ {base.text} {base.unit}",
            "where": str(where), "imbalance": ""}))
    return outs or skip("no mentions in different units")


_COMMA_THOUSANDS = re.compile(r"^\d{1,3},\d{3}$")


@register("comma_slip", {"total", "parts"}, hints=False, diagnosis=True)
def check_comma_slip(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """A decimal comma where a thousands dot was meant (“2,350 tỷ” in a list whose total
    needs 2.350): the sum fails as written and holds with the other reading."""
    total, parts = a.get("total"), a.get("parts") or []
    present = [p for p in parts if isinstance(p, Fact)]
    if not isinstance(total, Fact) or not present or len(present) != len(parts):
        return skip("total or parts missing")
    facts = [total, *present]
    candidates = [f for f in facts if _COMMA_THOUSANDS.match(f.text.strip())]
    if not candidates:
        return skip("no number that could be read either way")

    def holds(tot: Fact, ps: list[Fact]) -> bool:
        return judge(tot, isum([p.point for p in ps]), isum([p.interval for p in ps])) == "pass"

    if holds(total, present):
        return [Outcome("pass", facts=facts)]
    for c in candidates:
        alt = Fact((c.value * 1000).to_integral_value(), 0, c.exact, c.text, c.pointer, c.unit, c.src)
        new_total = alt if c is total else total
        new_parts = [alt if p is c else p for p in present]
        if holds(new_total, new_parts):
            return [Outcome("fail", "", c, facts, {
                "stated": c.text, "expected": format_vn(alt.value),
                "formula": f"{c.text} = {format_vn(c.value)} → {format_vn(alt.value)}", "imbalance": "",
                "reading1": format_vn(c.value), "reading2": format_vn(alt.value)})]
    return skip("the other reading does not explain the difference")



_OUTPUT = re.compile(r"giá\s+trị\s+(?:tổng\s+)?(?:sản\s+xuất|nền\s+kinh\s+tế)|tổng\s+sản\s+phẩm|GRDP", re.I)
_SECTOR = re.compile(r"nông|lâm|thủy|thuỷ|công\s+nghiệp|xây\s+dựng|dịch\s+vụ|thương\s+mại|du\s+lịch|ngành|"
                     r"chăn\s+nuôi|trồng\s+trọt|xuất\s+khẩu|bán\s+lẻ", re.I)
_BUDGET = re.compile(r"(?:thu|chi)\s+(?:ngân\s+sách|NSNN)", re.I)
_DOT_THOUSANDS = re.compile(r"^\d{1,3}\.\d{3}$")


@register("budget_within_output", {"indicators"}, hints=False)
def check_budget_within_output(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """A locality's budget revenue or spending cannot exceed the total value of its whole economy
    stated in the same report (“thu ngân sách 9.751 tỷ” against “tổng giá trị nền kinh tế 221,562
    tỷ”): usually a thousands dot written for a decimal comma (9.751 for 9,751)."""
    outputs, budgets = [], []
    for ind in a.get("indicators") or []:
        if not isinstance(ind, dict):
            continue
        th = (ind.get("values") or {}).get("th")
        f = th.get("$fact") if isinstance(th, dict) else None
        name = str(ind.get("name") or "")
        if not isinstance(f, Fact) or f.unit is None or conversion(f.unit, "đồng") is None:
            continue
        if _OUTPUT.search(name) and not _SECTOR.search(name):
            outputs.append((name, f))
        elif _BUDGET.search(name):
            budgets.append((name, f))
    if not outputs or not budgets:
        return skip("no total output and budget figure in the same report")
    oname, out = max(outputs, key=lambda x: x[1].value * (conversion(x[1].unit, "đồng") or 1))
    outs: list[Outcome] = []
    seen: set[Any] = set()
    for bname, b in budgets:
        place = (b.text, repr(b.src) if b.src is not None else b.pointer)
        if place in seen:
            continue  # one written figure read into two indicators: one finding
        seen.add(place)
        f = conversion(b.unit, out.unit)
        if f is None:
            continue
        if (b.interval * f).lo <= out.interval.hi:
            outs.append(Outcome("pass", bname, b, [b, out]))
            continue
        hint_vi = hint_en = ""
        if _DOT_THOUSANDS.match(b.text.strip()):
            alt = b.text.strip().replace(".", ",")
            hint_vi = f" Nếu “{b.text}” là {alt} (dấu phẩy thập phân) thì hợp lý."
            hint_en = f" Read as {alt} (a decimal comma) it would fit."
        outs.append(Outcome("fail", bname, b, [b, out], {
            "stated": f"{b.text} {b.unit}", "budget": bname, "output": f"{out.text} {out.unit}", "output_name": oname,
            "hint_vi": hint_vi, "hint_en": hint_en, "formula": f"{b.text} {b.unit} > {out.text} {out.unit}",
            "expected": f"≤ {out.text} {out.unit}", "imbalance": ""}))
    return outs or skip("no comparable units")


def _range_window(a: dict[str, Any], o: dict[str, Any], f: Fact) -> tuple[Decimal | None, Decimal | None] | None:
    if a.get("value") is not f:
        return None
    lo = Decimal(str(o["min"])) if o.get("min") is not None else None
    hi = Decimal(str(o["max"])) if o.get("max") is not None else None
    return (lo, hi)


REGISTRY["range"] = replace(REGISTRY["range"], window=_range_window)
