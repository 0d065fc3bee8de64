"""Layer (c) of the reader: relations assembled from the roles of the numbers of a paragraph.

* a written fraction with a percent: “03/19 xã …, chiếm 15,8%” (a rate), “369.882,4 ha/392.069 ha,
  tương đương 94,34% kế hoạch” (actual/plan), “120/115 ha, tăng 4,3%” (actual/plan and the rise over
  the plan: never 4,3% = 120/115); a count over a total “17/19 tiêu chí”; an actual/plan pair in a
  measure “lúa 120/115 ha”;
* a value and its percent of a base: “đạt 221,562 tỷ, đạt 67,44% kế hoạch”, “bằng 100% so cùng kỳ”;
  a share “3.853 hộ …, đạt 96,91% so với số hộ đã đăng ký”, “34.849 hộ (đạt tỷ lệ 98,2%)”;
* a change: “15.435,48 ha, giảm 1,04% (-162,63 ha)”, “27.361 tỷ, tăng 9,1% so với cùng kỳ (cùng kỳ
  đạt khoảng 25.080 tỷ)”.

Every relation says how it was read (`confidence`, `reading`). When the arithmetic contradicts the
reading a phrase suggests but satisfies a nearby one (a rise over the plan instead of a ratio,
actual/plan instead of part/whole), the relation is read the way that holds and its `reading` says
so (shown by `audit extract --explain` and with any finding).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from decimal import Decimal
from typing import Any

from auditor.extract.clauses import binds, opens_subgroup
from auditor.extract.context import Ctx, MentionCand
from auditor.extract.document import Para
from auditor.extract.numbers import NumTok, value_of
from auditor.extract.prose import (
    EXCLUDING,
    SUBSET_OPENING,
    attach_sector_values,
    bullet_topic,
    clause_start,
    clean_name,
    label_before,
    mention_scope,
    names_before,
    np_after,
    outer_rates,
    paragraph_names,
    qualifier,
    season_before,
    sector_values,
    sentence_of,
    target_context,
    whole_qualifier,
)
from auditor.extract.roles import Role
from auditor.extract.scan import SENTENCE_LOOKBACK, unit_key
from auditor.extract.vn import ADMIN_PLACE, ADMIN_PLACE_NEEDS, UPPER_VN, content_tokens, is_count_unit, slug
from auditor.files.rxgate import lowered, may_match
from auditor.model.units import conversion, unit_info
from auditor.numeric.interval import Interval, IntervalError
from auditor.numeric.notation import NumberFormatError, parse_vn_number
from auditor.records import dataclass
from auditor.registries.cues import cue

_MEASURE_DIMS = ("area", "length", "mass", "volume", "money", "money_usd")


@dataclass
class Para_:
    """A paragraph being read for relations: its numbers, their roles, the ones already taken."""
    block: int
    text: str
    toks: list[NumTok]
    roles: list[Role | None]
    taken: set[int]


def _iv(text: str, count: bool, approx: str | None = None) -> Interval | None:
    """The interval a number as written stands for (for choosing between readings only)."""
    from auditor.model.facts import approx_interval

    t = text.strip()
    if re.fullmatch(r"\d+\.(?:\d{1,2}|\d{4,})", t):
        t = t.replace(".", ",")
    t = re.sub(r",\s+", ",", t)
    try:
        p = parse_vn_number(t)
    except NumberFormatError:
        return None
    if approx:
        return approx_interval(p.value, p.decimals, approx)
    if count and p.decimals == 0:
        return Interval.point(p.value)
    return Interval.rounded(p.value, p.decimals)


def _holds(stated: Interval | None, computed: Interval | None) -> bool:
    return stated is not None and computed is not None and stated.meets(computed)


def _is_measure(unit: str | None) -> bool:
    return unit_info(unit).dimension in _MEASURE_DIMS if unit else False


def read(ctx: Ctx, block: int, only_fractions: bool = False) -> list[dict]:
    """Read the relations of one paragraph; returns the rates (finished with the others later).
    In a list item (read by lists.py) only its written fractions are read here."""
    p = ctx.doc.blocks[block]
    assert isinstance(p, Para)
    toks = ctx.ntoks(block)
    if not any(t.quantity for t in toks):
        return []
    P = Para_(block, p.text, toks, ctx.roles(block), set())
    rates: list[dict] = []
    _bracketed_fractions(ctx, P, rates)
    _worded_fractions(ctx, P, rates)
    _fractions(ctx, P, rates)
    if not only_fractions:
        _from_to_changes(ctx, P)
        _intake(ctx, P, rates)
        _changes_of_named_levels(ctx, P)
        _delta_and_percent(ctx, P)
        _percents(ctx, P, rates)
        _delta_with_prior(ctx, P)
        _multiples(ctx, P)
        _share_lists(ctx, P)
    return rates


_TIMES = re.compile(r"(?<![\w])gấp\s*$", re.I)
_TIMES_AFTER = re.compile(r"\s*lần(?![\w])", re.I)


def _multiples(ctx: Ctx, P: Para_) -> None:
    """“Thu nhập bình quân đầu người năm 2025 ước đạt 72 triệu đồng, gấp 1,6 lần năm 2020 (45 triệu đồng)”: the
    value is the multiple of the earlier one written in the bracket after it (72 = 45 × 1,6 within the
    precision of each). Only “gấp N lần” (never “tăng N lần”, which is read both ×N and +N×100%), the value
    right before it in its clause and the one value in its unit in the bracket after it; a reading (inferred)."""
    text = P.text
    if "gấp" not in lowered(text):
        return
    for k, t in enumerate(P.toks):
        if t.form != "number" or t.pct or t.unit or t.approx or k in P.taken or k == 0 \
                or not _TIMES.search(text, max(0, t.start - 8), t.start) or not _TIMES_AFTER.match(text, t.e):
            continue
        lvl = P.toks[k - 1]
        r = P.roles[k - 1]
        g = text.rfind("gấp", lvl.ue, t.start)
        if r is None or r.kind != "level" or lvl.form != "number" or lvl.pct or not lvl.unit or lvl.approx \
                or g < 0 or not re.fullmatch(r"\s*,?\s*", text[lvl.ue:g]):
            continue  # (the value right before “, gấp”)
        op = text.find("(", _TIMES_AFTER.match(text, t.e).end(), min(len(text), t.e + 60))
        close = text.find(")", op) if op >= 0 else -1
        if op < 0 or close < 0 or re.search(r"[.;]", text[t.e:op]):
            continue
        inside = [j for j in range(k + 1, len(P.toks)) if op < P.toks[j].start < close]
        same = [j for j in inside if P.toks[j].form == "number" and not P.toks[j].pct
                and unit_key(P.toks[j].unit) == unit_key(lvl.unit) and P.toks[j].approx is None]
        if len(same) != 1 or len(inside) != 1:
            continue
        b = P.toks[same[0]]
        ctx.add("products", {"id": f"{ctx.sid(P.block) or 'doc'}:product_{len(ctx.out['products']) + 1}",
                             "label": clean_name(label_before(text, lvl.s)) or "giá trị",
                             "factors": [ctx.num(P.block, b), ctx.num(P.block, t)], "scale": "1",
                             "result": ctx.num(P.block, lvl), "unit": lvl.unit, "section": ctx.sid(P.block),
                             "src": ctx.loc(P.block, lvl.start, close + 1), "confidence": "inferred",
                             "reading": (f"“{lvl.text}”, gấp “{t.text}” lần “{b.text}”: {lvl.text} = {b.text} × {t.text} "
                                         "(a value N times the earlier one in brackets)")})
        P.taken.update((k, same[0]))


# (“giảm 9 vụ (13,43%) so với cùng kỳ năm 2023 (67 vụ)”: the bracket between the change and its base)
_PRIOR_AFTER_BRACKET = re.compile(r"\s*\([^()]{1,20}\)\s*,?\s*so\s+với\s+(?:cùng\s+kỳ|năm|tháng|quý|kỳ|đầu|cuối|trước)",
                                  re.I)


_COMPARED_THEN_BRACKET = re.compile(r"\s*so\s+với\s+[^()\d;.]{0,30}(?:\d{4})?\s*\(\s*", re.I)


def _delta_with_prior(ctx: Ctx, P: Para_) -> None:
    """“Sản lượng lúa đạt 6.230 tấn, tăng 250 tấn so với cùng kỳ (6.080 tấn)”: a level, its change in
    its own unit and the earlier value, all in one sentence: value − prior = change. Without the earlier
    value nothing is checked (the change alone is kept as read)."""
    for k, t in enumerate(P.toks):
        r = P.roles[k]
        if r is None or k in P.taken or r.kind != "delta" or t.pct or not t.unit or t.form != "number" \
                or not (r.base == "prior" or r.base is None and _PRIOR_AFTER_BRACKET.match(P.text, t.ue)):
            continue
        s = _subject(P, k)
        if s is None or s in P.taken:
            continue
        same = _same_measure(P.toks[s].unit, t.unit)
        if same is None:
            continue
        _sa, sb = sentence_of(P.text, t.start)
        prior = pct = None
        for j in range(k + 1, len(P.toks)):
            tj, rj = P.toks[j], P.roles[j]
            if tj.start >= sb:
                break
            if rj is None and tj.form in ("year", "years"):
                continue
            if j == k + 1 and tj.pct and re.fullmatch(r"\s*\(\s*", P.text[t.ue:tj.start]) \
                    and re.match(r"\s*%?\s*\)", P.text[tj.e:]):
                pct = j  # “giảm 9 vụ (13,43%) so với cùng kỳ năm 2023 (67 vụ)”: the change's size in brackets
                continue
            if rj is not None and rj.kind == "prior" and unit_key(tj.unit) in (unit_key(t.unit), unit_key(P.toks[s].unit)):
                prior = j
            elif rj is not None and rj.kind == "level" and rj.in_paren and unit_key(tj.unit) == unit_key(P.toks[s].unit) \
                    and _COMPARED_THEN_BRACKET.fullmatch(P.text, t.ue, tj.start):
                prior = j  # (“tăng 5,2 triệu đồng so với năm 2023 (53,4 triệu đồng/người/năm)”: the earlier level, in its unit)
            break
        if prior is None:
            continue
        st, pt = P.toks[s], P.toks[prior]
        per = (f"; “{t.unit}” đọc là “{st.unit}” (the change's unit read as the level's)"
               if same == "per" else "")
        _change(ctx, P, s, None, value=(st.s, st.e), prior=(pt.s, pt.e), unit=st.unit, direction=r.direction or "up",
                against="prior", confidence="explicit" if same == "same" else "inferred",
                reading=(f"“{st.text}” {'tăng' if r.direction == 'up' else 'giảm'} “{t.text}” so với “{pt.text}” "
                         f"(the level, its change and the earlier value){per}"),
                delta=t, reference=r.base_words or None, percent_at=pct)
        P.taken.update((s, k, prior) if pct is None else (s, k, prior, pct))


# between a change and its percent: a bracket (“giảm 92 vụ (35%)”, “(-35%)”, “(giảm 35%)”) or an
# equivalence (“giảm 92 vụ, tương ứng giảm 35%”, “tăng 12.600 tấn, tương đương 9,03%”)
# (after the change's size, its reference may come first: “tăng 599 bản án so với cùng kỳ năm 2023 (tăng 73.7%)”,
# “tăng 331 tỷ 273 triệu đồng so với đầu năm, tỷ lệ tăng đạt 9,9%”)
_DELTA_TO_PCT = re.compile(r"(?P<more>(?:\s+[^\W\d_]+){0,2}?)(?:\s*,?\s*so\s+(?:với\s+)?[^\d(),;.%]{1,40}?(?:\s+(?:19|20)\d\d)?)?"
                           r"\s*(?:(?P<open>\()\s*(?P<sign>[-−–+])?\s*|,?\s*(?:tương\s+ứng|tương\s+đương|tức\s+là|hay)"
                           r"(?:\s+(?:với|mức))?\s+|,\s*t[ỷỉ]\s+lệ\s+(?=tăng|giảm))(?:(?P<verb>tăng|giảm)\s+)?"
                           r"(?:(?:thêm|đạt|là)\s+)?", re.I)
_PCT_CLOSES = re.compile(r"\s*%?\s*\)")
# between a change's percent and its size in the bracket after it
_PCT_TO_DELTA = re.compile(r"\s*\(\s*(?P<eq>(?:tương\s+ứng|tương\s+đương|tức\s+là|hay)(?:\s+(?:với|mức))?\s+)?"
                           r"(?:(?P<verb>tăng|giảm)\s+)?(?:thêm\s+)?", re.I)


def _round_iv(t: NumTok) -> Interval | None:
    """A whole number ending in zeros (“12.600 tấn”) read as rounded to its last non-zero digit (12.550–12.650),
    where that is at most half a percent of it."""
    iv = _iv(t.text, False, t.approx)
    m = re.fullmatch(r"\d{1,3}(?:[.\s]\d{3})*", t.text.strip())
    zeros = len(m.group(0).replace(".", "").replace(" ", "")) - len(m.group(0).replace(".", "").replace(" ", "").rstrip("0")) \
        if m else 0
    half = Decimal(10) ** zeros / 2
    if iv is None or zeros < 2 or half > iv.lo / 200:
        return iv  # (“400 ha” is not read as 350–450: only where rounding is a small part of the figure)
    return Interval(iv.lo - half, iv.hi + half)


def _change_fits(value: NumTok, delta: NumTok, pct: NumTok, up: bool, rounded: bool = False) -> str | None:
    """How the percent of a change stands against its level and size: “meets” (within what each
    was written to; with `rounded`, whole numbers ending in zeros as rounded), “above”, “below”; None
    when a value cannot be read."""
    if rounded:
        v, d = _round_iv(value), _round_iv(delta)
    else:
        # (“3.579 tỷ 654 triệu đồng”: the value as read, 3.579,654 tỷ)
        v, d = (_iv(value.value_text or value.text, is_count_unit(value.unit), value.approx),
                _iv(delta.value_text or delta.text, is_count_unit(delta.unit), delta.approx))
    p = _iv(pct.text, False, pct.approx)
    if v is None or d is None or p is None:
        return None
    try:
        prior = v - d if up else v + d
        if prior.hi <= 0:
            return None  # (“5 vụ, tăng 8 vụ”: no earlier value that rose by 8 to 5; not this reading)
        g = d / prior * 100
    except IntervalError:
        return None
    return "above" if p.lo > g.hi else "below" if p.hi < g.lo else "meets"


_ROUNDED_NOTE = ("; các số tròn có thể đã được làm tròn: đọc như vậy thì tỷ lệ khớp (round figures may be rounded: read "
                 "so, the percent holds)")


def _rounded_confidence(value: NumTok, delta: NumTok, pct: NumTok, up: bool, fit: str | None) -> str:
    """“152.500 tấn, tăng 9,03% (tương đương 12.600 tấn)”: a percent that fails with the values as written
    but holds with their round figures read as rounded is a doubt, not an error."""
    return "inferred" if fit not in ("meets", None) and _change_fits(value, delta, pct, up, rounded=True) == "meets" \
        else "explicit"


def _head_of_count(level: str | None, change: str | None) -> bool:
    """“186.420 lượt người …, tăng 12.850 lượt”: a change counted by the first word of the level's count noun."""
    return bool(level and change and is_count_unit(level) and is_count_unit(change) and " " in level.strip()
                and unit_key(level.split()[0]) == unit_key(change))


def _over_new_value(value: NumTok, delta: NumTok, pct: NumTok) -> bool:
    """“46 vụ; …, tăng 8 vụ (tăng 17,4%)”: the percent is the change over the new level (8 / 46), the slip
    of dividing by the wrong value, not a change in points of a population (which is never near it)."""
    v, d, p = (_iv(value.text, is_count_unit(value.unit), value.approx),
               _iv(delta.text, is_count_unit(delta.unit), delta.approx), _iv(pct.text, False, pct.approx))
    if v is None or d is None or p is None or v.lo <= 0:
        return False
    try:
        return _holds(p, d / v * 100)
    except IntervalError:
        return False


def _delta_and_percent(ctx: Ctx, P: Para_) -> None:
    """“cả nước xảy ra 179 vụ cháy rừng, giảm 92 vụ (35%) so với năm 2019”, “… 645 ha, giảm 1.331 ha (giảm
    68%)”, “… 179 vụ, giảm 92 vụ, tương ứng giảm 35%”: a level, the size of its change in its own unit and
    the change's percent right after it. The earlier value is the level ∓ the change, and the percent is of
    it (CHG001). A count of people or households that falls by “92 hộ (0,35%)” may give the fall of a rate in
    points of the whole population, which is never more than the change's own percent: a count whose
    percent is below its own is not read (the two readings cannot be told apart)."""
    text = P.text
    for j in range(len(P.toks) - 1):
        t, r, k = P.toks[j], P.roles[j], j + 1
        while k + 1 < len(P.toks) and P.toks[k].form == "year":
            k += 1  # (the reference's year between: “tăng 599 bản án so với cùng kỳ năm 2023 (tăng 73.7%)”)
        pt = P.toks[k]
        if r is None or j in P.taken or k in P.taken or r.kind != "delta" or t.pct or not t.unit \
                or t.form != "number" or not pt.pct or pt.form != "number" or r.direction not in ("up", "down"):
            continue
        m = _DELTA_TO_PCT.fullmatch(text, t.ue, pt.start)
        if m is None:
            continue
        if m.group("open") and not _PCT_CLOSES.match(text, pt.ue):
            continue  # (the bracket holds more than the percent)
        verb = (m.group("verb") or "").lower()
        sign = m.group("sign")
        if verb and (verb == "tăng") != (r.direction == "up") or sign and (sign == "+") != (r.direction == "up"):
            continue  # “giảm 92 vụ (tăng 5%)”: not one change
        s = _subject(P, j)
        if s is None or s in P.taken or P.toks[s].pct or not (
                _same_measure(P.toks[s].unit, t.unit) == "same" or _head_of_count(P.toks[s].unit, t.unit)):
            continue
        _sa, sb = sentence_of(text, t.start)
        if any(P.roles[x] is not None and P.roles[x].kind == "prior" and P.toks[x].start < sb
               and unit_key(P.toks[x].unit) == unit_key(t.unit) for x in range(k + 1, len(P.toks))):
            continue  # “… giảm 9 vụ (13,43%) so với cùng kỳ năm 2023 (67 vụ)”: with its earlier value (_delta_with_prior)
        st = P.toks[s]
        more = m.group("more").split()
        if more and re.findall(r"[^\W\d_]+", text[st.ue:st.ue + 60])[:len(more)] != more:
            continue  # (“bị thương 9.571 người; … giảm 356 người chết (-6%)”: the change names another noun)
        fit = _change_fits(st, t, pt, r.direction == "up")
        if fit == "below" and is_count_unit(st.unit) and not _over_new_value(st, t, pt):
            P.taken.update((j, k))  # (nor is the percent the level's own change: “1.200 hộ, … (giảm 0,35%)”)
            continue
        if fit is None:
            continue
        _change(ctx, P, s, None, value=(st.s, st.e), prior=None, unit=st.unit, direction=r.direction,
                against="prior", confidence=_rounded_confidence(st, t, pt, r.direction == "up", fit), delta=t,
                percent_at=k, reference=r.base_words or None,
                reading=(f"“{st.text}” {'tăng' if r.direction == 'up' else 'giảm'} “{t.text}” ({pt.text}%): kỳ trước là "
                         f"{st.text} {'−' if r.direction == 'up' else '+'} {t.text} (the level, its change and the "
                         f"change's percent){_ROUNDED_NOTE if fit != 'meets' else ''}"))
        P.taken.update((s, j, k))


def _changes_of_named_levels(ctx: Ctx, P: Para_) -> None:
    """“… thanh loại 329 đối tượng truy nã, 123 đối tượng nguy hiểm. So với tháng 4/2023, số đối tượng truy
    nã … giảm 21 đối tượng (-6,00%), số đối tượng nguy hiểm … giảm 10 đối tượng (-7,25%)”: a change with
    its size in brackets and no level in its own sentence is of the one level of the sentence before
    whose noun its name repeats (“số <noun> …”); a reading (inferred)."""
    text = P.text
    for k, t in enumerate(P.toks):
        r = P.roles[k]
        if r is None or k in P.taken or r.kind != "delta" or t.pct or not t.unit or t.form != "number" \
                or k + 1 >= len(P.toks):
            continue
        pt = P.toks[k + 1]
        if not pt.pct or pt.form != "number" or k + 1 in P.taken \
                or not re.fullmatch(r"\s*\(\s*", text[t.ue:pt.start]) or not re.match(r"\s*\)", text[pt.ue:]):
            continue
        sa, _sb = sentence_of(text, t.start)
        if sa == 0 or _subject(P, k) is not None:
            continue
        pa, _ = sentence_of(text, sa - 1)
        # (its name runs from the figure before it in the sentence: “…, số đối tượng truy nã đã bắt, vận động
        # đầu thú và thanh loại giảm 21 …”)
        label = text[max([sa] + [x.end for x in P.toks[:k] if x.end <= t.start]):t.start]
        if not re.search(r"(?<![\w])số\s", label, re.I):
            continue  # (the change names its count: “số <noun> …”)
        name = content_tokens(label)
        fits = []
        for j, (lv, lr) in enumerate(zip(P.toks, P.roles)):
            if lv.start < pa or lv.start >= sa or lr is None or lr.kind != "level" or lv.pct or lv.form != "number" \
                    or unit_key(lv.unit) != unit_key(t.unit):
                continue
            own = content_tokens(f"{lv.unit} {np_after(text, lv.ue)}")
            if len(own) >= 2 and own <= name:
                fits.append(j)
        if len(fits) != 1:
            continue
        lv = P.toks[fits[0]]
        ch = _change(ctx, P, k, None, value=(lv.s, lv.e), prior=None, unit=lv.unit, direction=r.direction or "up",
                against="prior", confidence="inferred", delta=t, percent_at=k + 1,
                reading=(f"“{t.text}” ({pt.text}%) là thay đổi của “{lv.text} {lv.unit}” ở câu trước, theo tên gọi (the "
                         "change of the level the sentence before names the same way)"))
        ch["label"] = re.sub(r"\s*(?:tăng|giảm)\s*$", "", label.strip(" ,;"), flags=re.I) or ch["label"]
        P.taken.update((k, k + 1))


def _same_measure(level: str | None, change: str | None) -> str | None:
    """“same” when a level and its change are in one unit; “per” when the level's is a rate and
    the change is written in its first unit only (“52,3 triệu đồng/người/năm, tăng 4,1 triệu đồng”:
    usual, but “60 tạ/ha, tăng 1.200 tạ” would be another quantity, so it is only a reading)."""
    a, b = unit_key(level), unit_key(change)
    if a == b:
        return "same"
    if a is not None and b is not None and "/" in a and "/" not in b and a.split("/", 1)[0] == b:
        return "per"
    return None


# ----------------------------------------------------------------------------- from A to B

_PERCENT_POINTS = re.compile(r"\s*(?:phần\s+trăm|%)", re.I)  # (after “điểm”: percentage points)


def _from_to_changes(ctx: Ctx, P: Para_) -> None:
    """“giảm từ 1,8% xuống 1,2%, tương ứng giảm 0,6%”, “từ 120 hộ giảm còn 95 hộ, giảm 25 hộ”: the
    change between the two levels the roles found (roles._from_to). A change of a percent written in
    % is read in points when that holds, else as a relative change when that holds (the reading that
    holds; `--explain` says which); when neither does, in points (the usual reading), inferred."""
    for k, r in enumerate(P.roles):
        if r is None or r.kind != "prior" or r.to is None or k in P.taken or r.to in P.taken:
            continue
        a, b = P.toks[k], P.toks[r.to]
        c = P.toks[r.change_at] if r.change_at is not None and r.change_at not in P.taken else None
        unit = b.unit or a.unit
        delta = percent = None
        points = False
        conf, how = "explicit", f"từ “{a.text}” đến “{b.text}”"
        if c is not None:
            if a.pct and b.pct and not c.pct and unit_key(c.unit) == unit_key("điểm") and _PERCENT_POINTS.match(P.text, c.ue):
                # “giảm 5,16 điểm phần trăm (từ 23,58% xuống 18,42%)”: the change of a rate in points, in words
                percent, points = r.change_at, True
                how += f", thay đổi “{c.text} điểm phần trăm” (percentage points)"
            elif a.pct and c.pct:
                pts = _iv(b.text, False) - _iv(a.text, False) if _iv(b.text, False) is not None and \
                    _iv(a.text, False) is not None else None
                c_iv = _iv(c.text, False, c.approx)
                pts_ok = pts is not None and _holds(c_iv, Interval(min(abs(pts.lo), abs(pts.hi)), max(abs(pts.lo), abs(pts.hi))))
                rel_ok = _holds(c_iv, _growth(_iv(b.text, False), _iv(a.text, False)))
                if pts_ok or not rel_ok:
                    percent, points = r.change_at, True
                    how += f", thay đổi “{c.text}%” là điểm phần trăm (percentage points)"
                    if not pts_ok:
                        conf = "inferred"
                else:
                    percent = r.change_at
                    how += (f", “{c.text}%” là mức thay đổi tương đối, không phải điểm phần trăm (read as a relative "
                            "change: the points do not hold, the relative change does)")
                    conf = "inferred"
            elif c.pct:
                percent = r.change_at
                how += f", thay đổi “{c.text}%” (relative change)"
            elif unit_key(c.unit) == unit_key(unit) or c.unit is None:
                delta = r.change_at
                how += f", thay đổi “{c.text}” (the change)"
        ch = _change(ctx, P, k, None, value=(b.s, b.e), prior=(a.s, a.e), unit="%" if b.pct else unit,
                     direction=r.direction or "up", against="prior", confidence=conf, reading=how,
                     delta=P.toks[delta] if delta is not None else None, points=points)
        if percent is not None:
            ch["percent"] = ctx.num(P.block, P.toks[percent], percent=True)
        ch["src"] = ctx.loc(P.block, a.start, (c or b).ue)
        if c is not None and r.change_at < k:
            # “Số hộ nghèo giảm 25 hộ … (từ 120 hộ xuống 95 hộ)”: named before the change
            ch["label"] = label_before(P.text, c.start) or ch["label"]
            ch["src"] = ctx.loc(P.block, c.start, b.ue)
        ch["label"] = re.sub(r"[\s,]*(?:(?:giảm|tăng|hạ)\s*)?(?:từ(?:\s+mức)?)?\s*$", "", ch["label"], flags=re.I) or ch["label"]
        P.taken.update(x for x in (k, r.to, r.change_at if c is not None else None) if x is not None)


# ----------------------------------------------------------------------------- received, done, the rest

# (“Số đơn thuộc thẩm quyền 58 đơn, đã giải quyết 52 đơn, đạt 89,66%”, “có 58 đơn …, đã giải quyết …”: a
# count stated as such, then the part of it done, reads as what was received)
_COUNT_STATED = re.compile(r"^\W*(?:(?:tổng\s+)?số(?!\s+(?:tiền|vốn|kinh\s+phí))\s|có\s+\S*\d)|(?<![\w])có\s*$", re.I)


def _intake(ctx: Ctx, P: Para_, rates: list[dict]) -> None:
    """“tiếp nhận 35 tin báo, giải quyết 33 tin, đạt 94,3%”, “nhận 15 đơn, đã giải quyết 13 đơn, còn
    2 đơn đang xem xét”: in one sentence, a number received (cue `intake`), the part of it done (cue
    `resolved`, the same unit, right after) and then the rest (`remainder`) or “đạt p%”. The rest makes
    a total (received = done + the rest), the percent a rate (done over received); both are read
    automatically (inferred: at most a warning)."""
    text = P.text
    for x, tx in enumerate(P.toks):
        if x in P.taken or tx.form != "number" or tx.pct or not tx.unit or not is_count_unit(tx.unit):
            continue
        rx = P.roles[x]
        if rx is None or rx.kind != "level" or not (cue("intake").before(text, tx.start, window=40, gap=r"\s*")
                                                   or _COUNT_STATED.search(text[clause_start(text, tx.start):tx.start])):
            continue
        y = _next_quantity(P, x)
        if y is None or y in P.taken:
            continue
        ty, ry = P.toks[y], P.roles[y]
        sa, sb = sentence_of(text, tx.start)
        if ty.start >= sb or ty.form != "number" or ty.pct or unit_key(ty.unit) != unit_key(tx.unit) \
                or ry is None or ry.kind != "level" or ";" in text[tx.end:ty.start] \
                or not cue("resolved").before(text, ty.start, window=40, gap=r"\s*"):
            continue
        z = _next_quantity(P, y)
        gap_at = ty.ue
        if z is not None and P.toks[z].form == "number" and not P.toks[z].pct and is_count_unit(P.toks[z].unit) \
                and unit_key(P.toks[z].unit) != unit_key(tx.unit) and re.fullmatch(r"\s*,\s*", text[ty.ue:P.toks[z].start]):
            # “xảy ra 65 vụ, điều tra làm rõ 63 vụ, 94 đối tượng, đạt tỷ lệ 96,9%”: the people of the cases done, said
            # beside them; the rest or the percent comes after
            gap_at = P.toks[z].ue
            z = _next_quantity(P, z)
        if z is None or z in P.taken or P.toks[z].start >= sb or ";" in text[ty.end:P.toks[z].start]:
            continue
        tz, rz = P.toks[z], P.roles[z]
        if tz.form == "number" and not tz.pct and rz is not None and rz.kind == "remainder" \
                and unit_key(tz.unit) == unit_key(tx.unit):
            ctx.add("totals", {
                "id": f"{ctx.sid(P.block) or 'doc'}:total_intake_{P.block}_{x}",
                "label": _count_label(text, tx), "unit": tx.unit,
                "total": ctx.num(P.block, tx), "complete": True, "section": ctx.sid(P.block),
                "parts": [{"label": "đã xong (done)", "value": ctx.num(P.block, ty)},
                          {"label": "còn lại (the rest)", "value": ctx.num(P.block, tz)}],
                "src": ctx.loc(P.block, tx.start, tz.ue), "confidence": "inferred",
                "reading": (f"nhận “{tx.text} {tx.unit}”, xong “{ty.text}”, còn “{tz.text}”: đã nhận = đã xong + "
                            "còn lại (received = done + the rest)")})
            P.taken.update((x, y, z))
        elif tz.form == "number" and tz.pct and rz is not None and (
                rz.kind == "pct" and rz.verb == "đạt" or rz.kind == "share" and (rz.verb or "").split()[:1] in (["đạt"], ["chiếm"])) \
                and not rz.base and re.fullmatch(r"[\s,(]*(?:đạt|chiếm)\s*(?:tỷ\s+lệ|tỉ\s+lệ)?\s*", text[gap_at:tz.start], re.I):
            # (“đã giải quyết 34 đơn (đạt 96,3%)”: the share in brackets after what was done is of what was received)
            rates.append({
                "id": f"{ctx.sid(P.block) or 'doc'}:rate_intake_{P.block}_{y}",
                "label": _count_label(text, ty), "numerator": ctx.num(P.block, ty),
                "denominator": ctx.num(P.block, tx), "percent": ctx.num(P.block, tz, percent=True),
                "unit": ty.unit, "section": ctx.sid(P.block), "src": ctx.loc(P.block, tx.start, tz.ue),
                "confidence": "inferred",
                "reading": (f"“{ty.text}” đã xong trên “{tx.text}” đã nhận = {tz.text}% (done over received, "
                            "the same sentence)"),
                "_den_text": tx.text, "_block": P.block, "_s": tx.start})
            P.taken.update((x, y, z))


def _next_quantity(P: Para_, k: int) -> int | None:
    return next((j for j in range(k + 1, len(P.toks)) if P.toks[j].quantity), None)


# ----------------------------------------------------------------------------- fractions

_LIST_OPENED = re.compile(r":|(?<![\w])(?:trong\s+đó|cụ\s+thể|bao\s+gồm|gồm)(?![\w])", re.I)


def _next_percent(P: Para_, k: int) -> int | None:
    """The percent that states the fraction at k: the next percent of the sentence, before any other
    fraction and with no “;” between (“242/258 đơn kiến nghị, phản ánh của công (đạt 93,7%)”,
    “03/19 xã đạt 19 tiêu chí, chiếm 15,8%”)."""
    sa, sb = sentence_of(P.text, P.toks[k].start)
    for j in range(k + 1, len(P.toks)):
        t = P.toks[j]
        if t.start >= sb or ";" in P.text[P.toks[k].end:t.start]:
            return None
        if not t.quantity:
            continue
        if t.form in ("fraction", "triple"):
            return None
        if not t.pct and _after_first_piece(P.text, P.toks[k].end, t.start):
            return None  # a new quantity with its own noun (“18/15 ha, thu về 367 tấn, tăng 20%”)
        if t.pct and t.form == "number":
            r = P.roles[j]
            if r is not None and r.kind == "pct_of":
                return None
            # only in the fraction's own clause (“32/35 chỉ tiêu …, tốc độ tăng … đạt 12,1%” is not), and
            # not after a subgroup is opened (“9/11 nhóm hàng … có CPI tăng, trong đó nhóm giáo dục tăng cao
            # nhất với 9,21%”: the rise of one of them)
            if opens_subgroup(P.text, P.toks[k].start, P.toks[k].end, t.start):
                return None
            if _LIST_OPENED.search(P.text, P.toks[k].end, t.start):
                # “Có 9/17 ngành có số doanh nghiệp tăng …, trong đó có: Giáo dục (tăng 49,7%)”, “Tất cả
                # 6/6 khu vực … tăng: Tây Nguyên (399 doanh nghiệp, tăng 44,0%)”: an item's figure
                return None
            return j if binds(P.text, P.toks[k].end, t.start) else None
    return None


def _after_first_piece(text: str, a: int, b: int) -> bool:
    """A top-level comma or “;” between a and b: b is past the first piece after a (its noun phrase)."""
    depth = 0
    for ch in text[a:b]:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch in ",;" and depth == 0:
            return True
    return False


def _percent_before_paren(P: Para_, k: int) -> int | None:
    """“đạt 95% (380/400 hộ)”: the percent right before the bracket the fraction opens."""
    j = k - 1
    while j >= 0 and not P.toks[j].quantity:
        j -= 1
    if j < 0 or j in P.taken or not P.toks[j].pct or P.toks[j].form != "number":
        return None
    between = P.text[P.toks[j].end:P.toks[k].start]
    if re.fullmatch(r"\s*\(\s*", between):
        return j
    if P.toks[j].rel == "kh" and re.fullmatch(r"(?:\s+[^\W\d_]+){1,5}(?:\s+năm\s+(?:19|20)\d\d)?\s*\(\s*", between):
        return j  # “Hoàn thành 100% chỉ tiêu giao quân năm 2024 (12/12 thanh niên)”: the plan named, then the fraction
    return None


_DATE_WORDS = re.compile(r"(?:ngày|kỷ\s+niệm|dịp|lễ|tết)(?![\w])", re.I)


def _looks_like_date(P: Para_, t: NumTok) -> bool:
    """“kỷ niệm ngày giải phóng miền Nam 30/4”: a day/month with no unit in a clause about a day."""
    if t.unit or t.pct or len(t.parts) != 2:
        return False
    try:
        d, m = int(t.parts[0][2]), int(t.parts[1][2])
    except ValueError:
        return False
    if not (1 <= d <= 31 and 1 <= m <= 12):
        return False
    cs = clause_start(P.text, t.start)
    return _DATE_WORDS.search(P.text, max(cs, t.start - 60), t.start) is not None


def _unit_of(t: NumTok) -> str | None:
    us = [u for u in t.part_units if u and u != "%"]
    return us[-1] if us else t.unit


_CLOSE_SLASH = re.compile(r"\)\s*/\s*$")


def _bracketed_fractions(ctx: Ctx, P: Para_, rates: list[dict]) -> None:
    """“đã giải quyết 176 đơn (160 khiếu nại, 16 tố cáo)/221 đơn, đạt tỷ lệ 79,63%”: a fraction whose
    numerator carries its breakdown in brackets before the slash. Read as the written fraction it
    is (the bracket's list stays the numerator's breakdown)."""
    text = P.text
    for k, t in enumerate(P.toks):
        if k in P.taken or t.form != "number" or t.pct or not t.unit or not is_count_unit(t.unit):
            continue
        m = _CLOSE_SLASH.search(text, max(0, t.start - 6), t.start)
        if m is None:
            continue
        close = m.start()
        depth, op = 0, -1
        for x in range(close, -1, -1):
            if text[x] == ")":
                depth += 1
            elif text[x] == "(":
                depth -= 1
                if depth == 0:
                    op = x
                    break
        if op < 0:
            continue
        j = next((x for x in range(k - 1, -1, -1) if P.toks[x].quantity and P.toks[x].end <= op), None)
        if j is None or j in P.taken:
            continue
        a = P.toks[j]
        if a.form != "number" or a.pct or text[a.end:op].strip() or unit_key(a.unit) != unit_key(t.unit):
            continue
        pj = next((x for x in range(k + 1, len(P.toks)) if P.toks[x].quantity), None)
        if pj is not None and not (P.toks[pj].pct and P.toks[pj].form == "number" and binds(text, t.end, P.toks[pj].start)):
            pj = None
        rate = {"id": f"{ctx.sid(P.block) or 'doc'}:rate_{len(ctx.out['rates']) + len(rates) + 1}_{P.block}_{k}",
                "label": _count_label(text, a), "numerator": ctx.num(P.block, a), "denominator": ctx.num(P.block, t),
                "unit": t.unit, "section": ctx.sid(P.block),
                "src": ctx.loc(P.block, a.start, P.toks[pj].ue if pj is not None else t.ue),
                "confidence": "explicit",
                "reading": f"“{a.text} {a.unit} (…)/{t.text} {t.unit}”: phân số viết tách bởi ngoặc (a fraction split by "
                           "a bracket)", "_den_text": t.text, "_block": P.block, "_s": a.start}
        if pj is not None:
            rate["percent"] = ctx.num(P.block, P.toks[pj], percent=True)
            P.taken.add(pj)
        rates.append(rate)
        P.taken.update((j, k))


# the numerator's noun phrase between its unit and the slash: words only (no figure, no punctuation)
_A_PAIR = re.compile(r"\s+[^\W\d_]")  # (a noun right after a fraction's second figure)
_CASES = re.compile(r"vụ(?:\s+(?:án|việc))?|ca|việc", re.I)  # (cases, whose people are counted after the slash)
_WORDS_THEN_SLASH = re.compile(r"(?:\s+[^\W\d_]+){1,8}\s*/\s*")
_A_NOUN = re.compile(r"\s+[^\W\d_]")
_WHOLE = re.compile(r"\d{1,3}(?:\.\d{3})+|\d+")


def _worded_fractions(ctx: Ctx, P: Para_, rates: list[dict]) -> None:
    """“Cả nước hiện có 666 cơ sở truyền thanh cấp huyện/705 huyện, quận, thị xã …, đạt tỷ lệ 94,45%”: a
    fraction whose numerator's noun phrase stands before the slash, with the percent that states it. Read
    only with that percent; over a whole counted in another noun (stations over districts) it is a
    reading (inferred), over the same noun as written."""
    text = P.text
    for k, t in enumerate(P.toks):
        if k == 0 or k in P.taken or t.form != "number" or t.pct or (
                not is_count_unit(t.unit) if t.unit else not _A_NOUN.match(text, t.e)):
            continue  # (a whole in a noun the units do not list: “/705 huyện, quận, …”)
        a = P.toks[k - 1]
        if k - 1 in P.taken or a.form != "number" or a.pct or (a.unit is not None and not is_count_unit(a.unit)) \
                or not _WORDS_THEN_SLASH.fullmatch(text, max(a.ue, a.e), t.start):
            continue  # (a count, in a noun the units list or not: “9.690 đài truyền thanh/10.599 xã”)
        j = _next_percent(P, k)
        if j is None or j in P.taken or P.roles[j] is None or P.roles[j].kind not in ("pct", "share") \
                or not _WHOLE.fullmatch(a.text) or not _WHOLE.fullmatch(t.text):
            continue  # (“85,5 thuê bao di động/100 dân, tăng 1,75%”: a density and its change, not a share)
        same = t.unit is not None and a.unit is not None and unit_key(a.unit) == unit_key(t.unit)
        pt = P.toks[j]
        rate = {"id": f"{ctx.sid(P.block) or 'doc'}:rate_{len(ctx.out['rates']) + len(rates) + 1}_{P.block}_{k}",
                "label": text[a.e:t.start].strip(" /"), "numerator": ctx.num(P.block, a, exact=True),
                "denominator": ctx.num(P.block, t, exact=True), "unit": t.unit or a.unit, "section": ctx.sid(P.block),
                "src": ctx.loc(P.block, a.start, pt.ue), "confidence": "explicit" if same else "inferred",
                "reading": f"“{text[a.start:t.ue]}” = {pt.text}%: phân số có cụm danh từ trước dấu “/” (a fraction "
                           f"with the numerator's noun phrase before the slash"
                           f"{'' if same else '; tử và mẫu đếm hai thứ khác nhau (numerator and whole count different things)'})",
                "_den_text": t.text, "_block": P.block, "_s": a.start,
                "percent": ctx.num(P.block, pt, percent=True)}
        rates.append(rate)
        P.taken.update((k - 1, k, j))


_RESPECTIVELY = re.compile(r"(?<![\w])(?:tương\s+ứng|lần\s+lượt|theo\s+thứ\s+tự)(?:\s+(?:là|với))?\s*:?\s*$", re.I)


# “so với cùng kỳ … tăng 93 vụ (206/113 vụ)”, “ít hơn 03 vụ = 1,6% (180/183 vụ)”: the change, then in brackets
# this period's figure over the earlier one's
_CHANGE_THEN_PAIR = re.compile(r"(?P<verb>tăng|giảm|ít\s+hơn|nhiều\s+hơn)\s+(?P<d>\d[\d.,]*)(?:\s+[^\W\d]+){0,4}?"
                               r"(?:\s*\(?\s*=?\s*(?:tăng|giảm)?\s*(?P<p>\d[\d.,]*)\s*%\s*\)?)?\s*[,;]?\s*$", re.I)


def _now_over_before(ctx: Ctx, P: Para_, k: int, unit: str | None) -> bool:
    """A fraction that opens a bracket right after a change against an earlier period is this period over
    that one (police and statistics reports: “so với cùng kỳ năm 2022 xảy ra ít hơn 03 vụ = 1,6% (180/183
    vụ)”): now − before = the change, its direction the verb's (CHG001), not a count over a total."""
    t = P.toks[k]
    text = P.text
    op = text.rfind("(", 0, t.start)
    if op < 0 or text[op + 1:t.start].strip():
        return False
    sa, _ = sentence_of(text, t.start)
    m = _CHANGE_THEN_PAIR.search(text, max(sa, op - 80), op)
    if m is None or not re.search(r"(?<![\w])so\s+(?:với\s+)?(?:cùng\s+kỳ|năm|tháng|quý|kỳ|trước)", text[sa:m.start()], re.I):
        return False
    d = next((i for i, x in enumerate(P.toks) if x.s == m.start("d")), None)
    pj = next((i for i, x in enumerate(P.toks) if m.group("p") and x.s == m.start("p") and x.pct), None)
    if d is None or (m.group("p") and pj is None):
        return False
    (a0, a1, _at), (b0, b1, _bt) = t.parts[0], t.parts[1]
    down = m.group("verb").lower().startswith(("giảm", "ít"))
    _change(ctx, P, k, pj, value=(a0, a1), prior=(b0, b1), unit=unit or P.toks[d].unit,
            direction="down" if down else "up", against="prior", confidence="inferred",
            reading=f"“{m.group('verb')} {m.group('d')}” rồi “({t.text})”: kỳ này/cùng kỳ (now/the same period before)",
            delta=P.toks[d])
    P.taken.update(x for x in (k, d, pj) if x is not None)
    return True


_OF_ANOTHER = re.compile(r"\s*%?\s*(?:số|tổng\s+số)\s+", re.I)


def _fractions(ctx: Ctx, P: Para_, rates: list[dict]) -> None:
    for k, t in enumerate(P.toks):
        if t.form != "fraction" or k in P.taken:
            continue
        u = [x for x in t.part_units if x and x != "%"]
        if len(set(unit_key(x) for x in u)) > 1:
            continue  # “866 lượt/964 lượt người”: two counts of different things, not a ratio
        if _A_PAIR.match(P.text, t.parts[1][1]) and t.part_units[0] and _CASES.fullmatch(t.part_units[0].strip()) \
                and not t.part_units[1] and len(t.parts) == 2 \
                and not P.text[t.parts[1][1]:].lstrip().lower().startswith(t.part_units[0].lower()):
            P.taken.add(k)
            continue  # “4.975 vụ/6.755 bị can”: cases and the people in them, a pair (“118.000 hội viên/166.000 phụ nữ” is not)
        unit = _unit_of(t)
        if _looks_like_date(P, t):
            t.form, t.why = "date", "ngày tháng"
            continue
        (a0, a1, at), (b0, b1, bt) = t.parts[0], t.parts[1]
        if _RESPECTIVELY.search(P.text[max(0, t.start - 40):t.start]):
            # “(chỉ tiêu tương ứng 20.000/1.700 người)”: two values, one for each quantity named before
            P.taken.add(k)
            continue
        if t.plan_mark:
            _actual_over_plan(ctx, P, k, unit)
            continue
        if _now_over_before(ctx, P, k, unit):
            continue
        j = _next_percent(P, k)
        if j is not None and j > k and P.toks[j].approx and (re.search(
                r"t[ỷỉ]\s+lệ|(?<![\w])có(?![\w]).*(?<![\w])đạt(?![\w])", P.text[t.e:P.toks[j].start], re.I)
                or _OF_ANOTHER.match(P.text, P.toks[j].ue) and not (unit and P.text[_OF_ANOTHER.match(P.text, P.toks[j].ue)
                                                                             .end():].lower().startswith(unit.lower()))):
            # (“29/29 người đạt trên 50% số phiếu tín nhiệm”: a bound on a share of something else, the votes)
            # “9/9 huyện, thành phố đạt tỷ lệ dưới 10%”, “6/6 vùng … đều có giá trị trung bình Chỉ số … đạt trên 80%”: a
            # bound on another rate the units meet, not their share
            j = None
        if j is not None and j > k and _rate_of_another_noun(P.text, t, P.toks[j]):
            # “53/54 tỉnh có tỷ lệ tiêm vắc-xin phòng chống bệnh sởi đạt 95,2%”: the rate they reached, not their share
            j = None
        if j is None:
            j = _percent_before_paren(P, k)
        count = is_count_unit(unit) or unit is None
        a_iv, b_iv = _iv(at, count), _iv(bt, count)
        if j is None:
            rem = _remainder_after(P, k, unit)
            if rem is not None:
                _remainder_total(ctx, P, k, rem, unit)
            elif _is_measure(unit):
                # “lúa 120/115 ha”: actual over plan, in a measure (DOMAIN §4b)
                _indicator(ctx, P, k, name_end=t.start, th=(a0, a1), kh=(b0, b1), unit=unit,
                           confidence="inferred", reading=f"“{t.text}”: thực hiện/kế hoạch (actual/plan)")
            elif is_count_unit(unit) and a_iv is not None and b_iv is not None:
                # “17/19 tiêu chí”, “03/19 xã”: a count over its total (more than the total is PCT007)
                rates.append(_rate(ctx, P, k, None, unit, "explicit", f"“{t.text}”: số đạt/tổng số (count/total)"))
            P.taken.add(k)
            continue
        pt, pr = P.toks[j], P.roles[j]
        # (“đạt 95% kế hoạch (380/400 triệu đồng)”: the name is before the percent, not the bracket)
        name_end = pt.start if j < k else t.start
        p_iv = _iv(pt.text, False, pt.approx)
        ratio = None
        try:
            ratio = a_iv / b_iv * 100 if a_iv is not None and b_iv is not None else None
        except IntervalError:
            ratio = None
        if pr.kind == "growth" and ratio is not None and (ratio.lo > 1000 or ratio.hi < 10):
            # “so với tuần trước (8.811/2) số nhập viện giảm 13,9%”: cases/deaths written as a pair, not an actual
            # over a plan ten times apart (the ratio is in percent: over 1.000 is more than ten times)
            P.taken.add(k)
            continue
        if pr.kind == "growth" or (pr.kind in ("pct", "share") and ratio is not None and not _holds(p_iv, ratio)
                                   and _holds(p_iv, _growth(a_iv, b_iv))):
            # “120/115 ha, tăng 4,3%”: the rise over the plan (or the earlier value), not a ratio
            how = ("“{f}”: thực hiện/kế hoạch; “{p}%”: mức tăng so với kế hoạch (actual/plan; the rise over the plan)"
                   if pr.kind == "growth" else
                   "“{f}” rồi “{p}%”: {p}% ≠ {f} × 100 nhưng = mức chênh so với kế hoạch, nên đọc là mức tăng "
                   "(read as the rise over the plan: the ratio does not hold, the rise does)")
            _change(ctx, P, k, j, value=(a0, a1), prior=(b0, b1), unit=unit, direction=pr.direction or "up",
                    against="plan", confidence="inferred", reading=how.format(f=t.text, p=pt.text))
        elif pr.kind == "pct_plan" or (_is_measure(unit) and pr.kind in ("pct", "share")) or (
                pr.kind in ("pct", "share") and a_iv is not None and b_iv is not None and a_iv.lo > b_iv.hi
                and _holds(p_iv, ratio)):
            # “971/876 = 110,8%”: more than the whole, and the ratio holds: achieved over a target
            _indicator(ctx, P, k, name_end=name_end, th=(a0, a1), kh=(b0, b1), pct=j, unit=unit,
                       confidence="explicit" if pr.kind == "pct_plan" else "inferred",
                       reading=f"“{t.text}”: thực hiện/kế hoạch; “{pt.text}%”: % kế hoạch (actual/plan; % of plan)")
        elif pr.kind == "pct_prior":
            _indicator(ctx, P, k, name_end=name_end, th=(a0, a1), ck=(b0, b1), pct=j, pct_field="pct_ck",
                       unit=unit, confidence="explicit", reading=f"“{t.text}”: kỳ này/cùng kỳ (now/same period)")
        elif pr.kind == "pct" and pr.verb in ("đạt", None) and j > k and ratio is not None and not _holds(p_iv, ratio) \
                and a_iv is not None and b_iv is not None and a_iv.hi < b_iv.lo \
                and p_iv is not None and p_iv.lo + p_iv.hi >= 200:  # (written 100 or more)
            # “xây dựng làng văn hóa 6/7 làng đạt 100%”: a part of a whole “đạt” 100% or more cannot be its
            # share, so it is said of an unstated plan (6 of 6 planned), or of what each of them did (“27/30
            # tổ bầu cử, cử tri tham gia bỏ phiếu 100%”); the fraction alone is read
            # (“178/441 đại biểu nữ, đạt 40,59%” stays a share, and is checked)
            rates.append(_rate(ctx, P, k, None, unit, "explicit", f"“{t.text}”: số đạt/tổng số (count/total)"))
        else:
            rates.append(_rate(ctx, P, k, j, unit, "explicit", f"“{t.text}” = {pt.text}%"))
        P.taken.update((k, j))
        rem = _remainder_after(P, j, unit)
        if rem is not None:
            _remainder_total(ctx, P, k, rem, unit)


def _actual_over_plan(ctx: Ctx, P: Para_, k: int, unit: str | None) -> None:
    """“16,02%/KH 16%”, “61.280 con/KH 43.000-45.000 con”, “tăng 8,31%/KH tăng 3-4%”: what was
    reached against what was planned, never a part over its whole. A planned range or a planned
    change is kept as the indicator's note (there is nothing to compute from it); a single plan is
    the indicator's plan, and a percent of the same clause right after it is its % of plan."""
    t = P.toks[k]
    (a0, a1, _), (b0, b1, _) = t.parts[0], t.parts[1]
    single = not t.plan_range and t.plan_change is None
    plan_text = P.text[b0:t.e]
    pct = None
    if single:
        j = _next_percent(P, k)
        if j is not None and j not in P.taken and (P.roles[j].kind == "pct_plan" or (
                P.roles[j].kind == "pct" and P.roles[j].verb in ("đạt", "bằng", "="))):
            pct = j
    how = (f"“{t.text}”: thực hiện/kế hoạch (actual/plan)" if single else
           f"“{t.text}”: thực hiện so với kế hoạch {'tăng ' if t.plan_change == 'tăng' else 'giảm ' if t.plan_change else ''}"
           f"{plan_text} (actual against a planned {'change' if t.plan_change else 'range'}: nothing to compute)")
    _indicator(ctx, P, k, name_end=t.start, th=(a0, a1), kh=(b0, b1) if single else None, pct=pct,
               unit="%" if t.pct else unit, percent_values=t.pct, confidence="explicit", reading=how,
               note=None if single else f"KH {'%s ' % t.plan_change if t.plan_change else ''}{plan_text}")
    P.taken.add(k)
    if pct is not None:
        P.taken.add(pct)


def _growth(a: Interval | None, b: Interval | None) -> Interval | None:
    if a is None or b is None:
        return None
    try:
        g = (a - b) / b * 100
    except IntervalError:
        return None
    return Interval(abs(g.lo) if g.lo >= 0 else -g.hi if g.hi <= 0 else Decimal(0), max(abs(g.lo), abs(g.hi)))


def _rate(ctx: Ctx, P: Para_, k: int, j: int | None, unit: str | None, confidence: str, reading: str) -> dict:
    t = P.toks[k]
    text = P.text
    (a0, a1, _), (b0, b1, bt) = t.parts[0], t.parts[1]
    before_pct = j is not None and j < k   # “đạt 95% (380/400 hộ)”
    end = P.toks[j].ue if j is not None and not before_pct else t.ue
    tail_from = t.ue if t.ue > t.e else t.e
    label_tail = text[tail_from:P.toks[j].start] if j is not None and not before_pct else ""
    label_tail = re.sub(r"[\s,(]*(?:chiếm|đạt|bằng|=|tỷ\s+lệ|tỉ\s+lệ)?[\s(]*(?:chiếm|đạt|bằng|tỷ\s+lệ|tỉ\s+lệ)?\s*$",
                        "", label_tail, flags=re.I).strip(" ,(")
    if unit and label_tail:
        label = f"{unit} {label_tail}"
    elif before_pct:
        label = re.sub(r"\s*(?:đạt|chiếm|bằng|là|=)\s*$", "", label_before(text, P.toks[j].start), flags=re.I) \
            or (unit or "")
    else:
        label = label_before(text, t.start) or label_tail or (unit or "")
    if j is not None and not before_pct:
        ctx.mark_label(P.block, tail_from, P.toks[j].start)
    # “18/20 tổ chức”, “380/400 hộ”: whole numbers over whole numbers of a thing counted (no unit of
    # measure) are counts, exact
    counted = not _is_measure(unit) and (unit is None or is_count_unit(unit) or unit_info(unit).dimension is None) \
        and re.fullmatch(r"\d+", t.parts[0][2].strip()) is not None and re.fullmatch(r"\d+", bt.strip()) is not None
    exact = True if counted else None
    rate = {"id": f"{ctx.sid(P.block) or 'doc'}:rate_{len(ctx.out['rates']) + 1}_{P.block}_{k}",
            "label": label, "numerator": ctx.num(P.block, (a0, a1), exact=exact),
            "denominator": ctx.num(P.block, (b0, b1), exact=exact),
            "unit": unit, "section": ctx.sid(P.block),
            "src": ctx.loc(P.block, P.toks[j].start if before_pct else t.start, end),
            "confidence": confidence, "reading": reading, "_den_text": bt, "_block": P.block, "_s": t.start}
    if j is not None:
        rate["percent"] = ctx.num(P.block, P.toks[j], percent=True)
    _rate_cands(ctx, P.block, rate, label_before(text, t.start))
    return rate


def _rate_cands(ctx: Ctx, block: int, rate: dict, before: str) -> None:
    from auditor.extract.prose import _rate_cands as cands

    cands(ctx, block, rate, before)


# ----------------------------------------------------------------------------- remainders

_TRONG_DO = re.compile(r"trong\s+(?:đó|số\s+đó)", re.I)
_RESOLVED_AFTER = re.compile(r"\s*(?:[^\W\d]+\s+){0,4}?(?:còn\s+lại|còn)\s*$", re.I)


def _remainder_after(P: Para_, k: int, unit: str | None) -> int | None:
    """“238/316 vụ việc, đạt tỷ lệ 88,9%, còn lại 35 vụ việc …”, “7/22 đơn …, 15 đơn đang tiếp tục
    giải quyết”: the next value of the sentence in the same unit that the words call the rest."""
    sa, sb = sentence_of(P.text, P.toks[k].start)
    for j in range(k + 1, len(P.toks)):
        t, r = P.toks[j], P.roles[j]
        if t.start >= sb:
            return None
        if not t.quantity or t.pct or (r is not None and r.in_paren):
            continue
        if r is not None and r.kind == "remainder" and t.form == "number" and (
                unit_key(t.unit) == unit_key(unit) or (t.unit is None and unit is None)):
            return j
        if t.form != "number" or r is None or r.kind not in ("delta",):
            return None
    return None


def _remainder_total(ctx: Ctx, P: Para_, k: int, j: int, unit: str | None) -> None:
    t, rest = P.toks[k], P.toks[j]
    (a0, a1, _), (b0, b1, _) = t.parts[0], t.parts[1]
    label = label_before(P.text, t.start) or unit or "?"
    ctx.add("totals", {
        "id": f"{ctx.sid(P.block) or 'doc'}:total_rest_{P.block}_{k}", "label": label, "unit": unit,
        "total": ctx.num(P.block, (b0, b1)), "complete": True, "section": ctx.sid(P.block),
        "parts": [{"label": "đã xong (done)", "value": ctx.num(P.block, (a0, a1))},
                  {"label": "còn lại (the rest)", "value": ctx.num(P.block, rest)}],
        "src": ctx.loc(P.block, t.start, rest.ue), "confidence": "explicit",
        "reading": f"“{t.text}” và phần còn lại “{rest.text}”: tổng = đã xong + còn lại (total = done + the rest)"})
    P.taken.add(j)


# ----------------------------------------------------------------------------- percents

_PCT_THEN_REF = re.compile(r"\s*%?\s*(?:so\s+với\s+[^\d(),;%]{1,40}?\s*)?")  # (“39,94% so với hộ đăng ký (vượt …”)


_LIST_OPENS = re.compile(r"(?<![\w])(?:trong\s+đó|bao\s+gồm|gồm)(?![\w])", re.I)


def _whole_plan(value: NumTok, pct: NumTok) -> bool | None:
    """Whether a count over its % of plan can give a whole number of planned units (None: not a count)."""
    v, p = _iv(value.text, True), _iv(pct.text, False, pct.approx)
    if v is None or p is None or p.lo <= 0 or not is_count_unit(value.unit) or value.approx:
        return None
    try:
        plan = v / p * 100
    except IntervalError:
        return None
    return plan.hi.to_integral_value(rounding="ROUND_FLOOR") >= plan.lo


def _head_of_list_for_plan(P: Para_, s: int, k: int) -> int:
    """“đã tổ chức được 74 phiên …, trong đó … 16 phiên, lưu động 2 phiên và 58 phiên …, đạt 148% so với kế hoạch”:
    a % of plan after the last part of a list is the list's head's when the head's plan comes out whole and the
    part's does not (74 / 148% = 50; 58 / 148% = 39,2)."""
    st = P.toks[s]
    sa, _ = sentence_of(P.text, st.start)
    m = None
    for m in _LIST_OPENS.finditer(P.text, sa, st.start):
        pass
    if m is None:
        return s
    head = next((h for h in range(s - 1, -1, -1) if P.toks[h].end <= m.start() and P.toks[h].start >= sa
                 and P.roles[h] is not None and P.roles[h].kind == "level" and not P.toks[h].pct
                 and unit_key(P.toks[h].unit) == unit_key(st.unit)), None)
    if head is None or head in P.taken:
        return s
    if _whole_plan(st, P.toks[k]) is False and _whole_plan(P.toks[head], P.toks[k]) is True:
        return head
    return s


def _subject(P: Para_, k: int) -> int | None:
    """The value a percent or a change is about: the nearest earlier level of the sentence,
    skipping the other percents and changes said of it (“… 9.751 tỷ đồng, đạt 73,59% kế hoạch …, đạt
    122,77% so với chỉ tiêu …”); a “;” may only be crossed by a clause that starts with “so với”."""
    text = P.text
    sa, _ = sentence_of(text, P.toks[k].start)
    op = text.rfind("(", sa, P.toks[k].start)
    if op >= 0 and op > text.rfind(")", sa, P.toks[k].start) and k > 0 and P.toks[k - 1].pct \
            and P.toks[k - 1].end <= op and _PCT_THEN_REF.fullmatch(text, P.toks[k - 1].end, op) \
            and re.fullmatch(r"\(\s*(?:tăng|giảm|vượt)\s*", text[op:P.toks[k].start], re.I):
        # “chiếm 9,05% (giảm 0,45% …)”, “đạt 39,94% so với hộ đăng ký (vượt 6,94% so với chỉ tiêu …)”: the change of
        # the share before the bracket
        return k - 1
    aside = -1  # where a bracket closed before the change opens: the numbers in it are its breakdown
    for j in range(k - 1, -1, -1):
        t, r = P.toks[j], P.roles[j]
        if t.start < sa:
            return None
        if t.start > aside >= 0:
            continue  # “7 vụ (trộm cắp 5 vụ, cố ý gây thương tích 2 vụ), giảm 3 vụ”: the change is the 7's
        if r is None:
            continue
        seg = text[t.end:P.toks[k].start]
        if ";" in seg and not re.match(r"\s*(?:so\s+với|so)\b", seg[seg.rfind(";") + 1:], re.I):
            return None
        close = seg.rfind(")")
        if close >= 0 and r.kind in ("level", "remainder") and t.form == "number":
            op = text.rfind("(", sa, t.start)
            if op >= 0 and op > text.rfind(")", sa, t.start) and not re.search(r"[\d()]", seg[close + 1:]):
                aside = op
                continue
        if r.kind in ("level", "remainder") and t.form == "number":
            # only in the value's own clause (“5 làng, 2 cơ quan văn hóa, tỷ lệ hộ … đạt trên 90%”
            # is not said of the 2 cơ quan)
            return j if binds(text, t.end, P.toks[k].start) and not opens_subgroup(text, t.start, t.end, P.toks[k].start) \
                else None
        if r.kind in ("pct", "pct_plan") and t.pct and _RATE_NAMED.search(text, clause_start(text, t.start), t.start):
            # “… việc làm cho 458 lao động, tỷ lệ lao động qua đào tạo đạt 78,2%, đạt 100,3% chỉ tiêu”: a rate
            # named in its own clause is a level of its own, and what the percent after it is said of
            return j
        if r.kind in ("pct_plan", "pct_prior", "growth", "share", "pct", "delta", "prior", "plan"):
            continue
        return None
    return None


def _whole_before_with(P: Para_, s: int) -> int | None:
    """The count of the same noun right before “, với” and the count `s` (“6.776 hồ sơ, với 2.521 hồ sơ”)."""
    if s == 0:
        return None
    st, u = P.toks[s], P.toks[s - 1]
    if not (u.quantity and not u.pct and u.form == "number" and is_count_unit(u.unit)
            and unit_key(u.unit) == unit_key(st.unit) and u.approx is None and st.approx is None):
        return None
    return s - 1 if re.fullmatch(r"\s*,?\s*với\s*", P.text[u.ue:st.start], re.I) else None


def _after_a_change(P: Para_, k: int) -> bool:
    """The bracket holding the percent opens right after a change (“giảm 1.686ha (bằng 2,24%)”)."""
    text = P.text
    op = text.rfind("(", 0, P.toks[k].s)
    if op < 0 or k == 0 or ")" in text[op:P.toks[k].s]:
        return False
    before = text[:op].rstrip()
    j = k - 1
    r = P.roles[j]
    return max(P.toks[j].ue, P.toks[j].e) == len(before) and r is not None and r.kind in ("delta", "growth")


_WITH_ANOTHER = re.compile(r"(?<![\w])với\s*$", re.I)
_PIECE_END = re.compile(r"[,;:]")
_DUE = re.compile(r"(?<![\w])phải(?![\w])", re.I)
_BASE_TIME = re.compile(r"(?<![\w])(?:(?:cuối|đầu)\s+năm(?:\s+(?P<y>(?:19|20)\d\d))?|năm\s+(?:19|20)\d\d|năm\s+trước|cùng\s+kỳ|"
                        r"kỳ\s+trước)(?![\w])", re.I)
_SUPERLATIVE = re.compile(r"(?<![\w])(?:cao|thấp|nhiều|ít|lớn|nhỏ)\s+nhất(?![\w])|(?<![\w])(?:đứng|dẫn)\s+đầu(?![\w])", re.I)
_RATE_NAMED = re.compile(r"(?<![\w])t[ỷỉ]\s+lệ(?![\w])", re.I)


_FIRST_WORD = re.compile(r"\s+([^\W\d_]+)")
_NAMED_RATE = re.compile(r"(?<![\w])t[ỷỉ]\s+lệ\s+(?P<noun>[^\W\d_]+(?:\s+[^\W\d_]+)?)", re.I)


def _rate_of_another_noun(text: str, st: NumTok, t: NumTok) -> bool:
    """“Toàn huyện có 3 xã tỷ lệ hộ nghèo chiếm hơn 50%”: a rate named between a count and its percent, of another
    noun than the count's (hộ nghèo, not xã), is the rate of what is counted, not the count's share of a whole
    (“3.586 hộ nghèo, tỷ lệ hộ nghèo 10,74%” names the count's own)."""
    head = st.unit or (m0.group(1) if (m0 := _FIRST_WORD.match(text, st.ue)) and st.form == "fraction" else None)
    if not head or st.unit and not is_count_unit(st.unit):
        return False  # (a fraction's noun the units do not list counts too: “53/54 tỉnh có tỷ lệ tiêm …”)
    between = text[st.ue:t.start]
    if len(between) > 60 or re.search(r"[;()]", between):
        return False
    m = _NAMED_RATE.search(between)
    if m is None:
        return False
    noun = m.group("noun").lower().split()
    unit = head.lower().split()
    return noun[:len(unit)] != unit and noun[0] not in ("chiếm", "là", "đạt", "trên", "dưới", "hơn", "khoảng", "gần",
                                                          "bằng", "so", "giảm", "tăng", "còn")


def _share_of_stated_total(P: Para_, s: int, k: int) -> tuple[int, int] | None:
    """(numerator, total) when the sentence states a total of the subject's count unit before it, the
    subject's share of it is not the percent, and exactly one other count of that unit in the sentence is
    (its share holds the percent as written); else None (the usual reading)."""
    st, t = P.toks[s], P.toks[k]
    if st.pct or not st.unit or not is_count_unit(st.unit) or st.form != "number":
        return None
    sa, _ = sentence_of(P.text, t.start)
    uk = unit_key(st.unit)
    levels = [i for i, x in enumerate(P.toks[:k]) if x.start >= sa and x.form == "number" and not x.pct
              and unit_key(x.unit) == uk and P.roles[i] is not None and P.roles[i].kind == "level"
              and x.approx is None]
    p_iv = _iv(t.text, False, t.approx)
    vals = {i: _iv(P.toks[i].text, True) for i in levels}
    if p_iv is None or any(v is None for v in vals.values()) or s not in vals:
        return None
    bigger = [i for i in levels if i < s and vals[i].lo > vals[s].hi]
    if not bigger:
        return None
    d = max(bigger, key=lambda i: vals[i].lo)  # (the whole: the largest count of the unit before the subject)
    if any(i != d and not vals[i].hi < vals[d].lo for i in bigger):
        return None
    try:
        if _holds(p_iv, vals[s] / vals[d] * 100):
            return None
        fits = [i for i in levels if i not in (s, d) and _holds(p_iv, vals[i] / vals[d] * 100)]
    except IntervalError:
        return None
    return (fits[0], d) if len(fits) == 1 else None


def _percents(ctx: Ctx, P: Para_, rates: list[dict]) -> None:
    text = P.text
    made: list[tuple[dict, int]] = []
    by_subject: dict[int, dict] = {}
    shared: set[int] = set()  # counts already read as the part a share is of
    for k, t in enumerate(P.toks):
        r = P.roles[k]
        if r is None or k in P.taken or not t.pct or t.form != "number":
            continue
        if r.kind == "growth":
            s = _named_subject(P, k, r, _subject(P, k))
            if s is not None and _corresponds(P, s, k):
                # “3.409 hộ thoát cận nghèo …, tương ứng giảm 3,87%”: the count is that many points of
                # the population the rate is taken of (its base is the population's, inferred)
                st = P.toks[s]
                rates.append({
                    "id": f"{ctx.sid(P.block) or 'doc'}:rate_{len(ctx.out['rates']) + len(rates) + 1}_{P.block}_{k}",
                    "label": _count_label(text, st), "numerator": ctx.num(P.block, st),
                    "percent": ctx.num(P.block, t, percent=True), "unit": st.unit, "section": ctx.sid(P.block),
                    "src": ctx.loc(P.block, st.start, t.ue), "confidence": "inferred",
                    "reading": (f"“{st.text} {st.unit}”, tương ứng {'tăng' if r.direction == 'up' else 'giảm'} "
                                f"“{t.text}%”: {st.text} là {t.text} điểm phần trăm của tổng số (the count is that "
                                "many points of the whole)"),
                    "_den_text": None, "_block": P.block, "_base_words": "", "_s": st.start, "_population": True})
                P.taken.update((s, k))
                continue
            if s is not None and _RATE_NAMED.search(text, P.toks[s].end, t.start):
                # “483 hộ thoát nghèo, tỷ lệ giảm 2,97%”: the fall of a rate named between them, in points of
                # a population the sentence does not give, not the count's own change
                P.taken.add(k)
                continue
            if s is not None:
                _growth_change(ctx, P, s, k)
            else:
                _change(ctx, P, k, k, value=None, prior=None, unit=None, direction=r.direction or "up",
                        against="plan" if r.base == "plan" else "prior", confidence="explicit",
                        reading=f"{'tăng' if r.direction == 'up' else 'giảm'} “{t.text}%”", reference=r.base_words or None)
                P.taken.add(k)
            continue
        if r.kind in ("pct_plan", "pct_prior"):
            s = _subject(P, k)
            if s is not None and r.kind == "pct_plan":
                s = _head_of_list_for_plan(P, s, k)
            if s is None and r.explicit_base and r.verb in ("đạt", "bằng", "="):
                # “… bàn giao quân cho các đơn vị đạt 100% chỉ tiêu giao”: a percent of plan alone
                _indicator(ctx, P, k, name_end=_verb_start(P, k), th=None, pct=k,
                           pct_field="pct_kh" if r.kind == "pct_plan" else "pct_ck", unit=None,
                           confidence="explicit", reading=_pct_reading(None, t, r), made=made)
                P.taken.add(k)
                continue
            if s is None or P.toks[s].pct:
                continue
            field = "pct_kh" if r.kind == "pct_plan" else "pct_ck"
            host = by_subject.get(s)
            if host is not None and field not in host["values"]:
                host["values"][field] = ctx.num(P.block, t, percent=True)
                if not r.explicit_base:
                    host["confidence"] = "inferred"
                P.taken.add(k)
                continue
            b = _bracketed_base(P, k, s)
            bspan = (P.toks[b].s, P.toks[b].e) if b is not None else None
            b_unit = P.toks[b].unit if b is not None and unit_key(P.toks[b].unit) != unit_key(P.toks[s].unit) else None
            ind = _indicator(ctx, P, s, name_end=P.toks[s].start, th=(P.toks[s].s, P.toks[s].e), pct=k,
                             kh=bspan if field == "pct_kh" else None, ck=bspan if field == "pct_ck" else None,
                             base_unit=b_unit,
                             pct_field=field, unit=P.toks[s].unit,
                             confidence="explicit" if r.explicit_base else "inferred",
                             reading=_pct_reading(P.toks[s], t, r), made=made)
            if ind is not None:
                by_subject[s] = ind
                if b is not None:
                    P.taken.add(b)
            P.taken.update((s, k))
            continue
        if r.kind in ("share", "pct"):
            if r.kind == "share" and r.base == "plan":
                continue  # (“chi BHXH gần 1.075 tỷ đồng, chiếm 48% dự toán”: of its own plan, no share of a total)
            if r.in_paren and _after_a_change(P, k):
                # “giảm 1.686ha (bằng 2,24%) so với vụ mùa năm 2018”: the change's size relative to its base
                continue
            s = _subject(P, k)
            alt = _share_of_stated_total(P, s, k) if s is not None else None
            if alt is not None:
                # “gồm 19 thành viên, có mặt 17 thành viên, vắng 02 thành viên (có lý do), đạt 89,47%”: the percent
                # is not the nearest count's share of the total the sentence states, but another count's exactly
                ni, di = alt
                nt, dt = P.toks[ni], P.toks[di]
                rates.append({
                    "id": f"{ctx.sid(P.block) or 'doc'}:rate_{len(ctx.out['rates']) + len(rates) + 1}_{P.block}_{k}",
                    "label": _count_label(text, nt), "numerator": ctx.num(P.block, nt),
                    "denominator": ctx.num(P.block, dt), "percent": ctx.num(P.block, t, percent=True),
                    "unit": nt.unit, "section": ctx.sid(P.block), "src": ctx.loc(P.block, dt.start, t.ue),
                    "confidence": "inferred",
                    "reading": (f"“{t.text}%” = “{nt.text}” / “{dt.text}” (the share the percent is of: not the nearer "
                                f"“{P.toks[s].text}”)"),
                    "_den_text": dt.text, "_block": P.block, "_base_words": "", "_s": nt.start})
                P.taken.update((ni, di, s, k))
                continue
            bracketed = False
            if s is None or (P.toks[s].end <= t.start and _paren_count_after(P, k) is not None
                             and not re.search(r"(?:đạt|chiếm|bằng|=)\s*$", text[P.toks[s].end:t.start], re.I)
                             and not (r.in_paren and _opens_paren(text, t))):
                # “Tỷ lệ hộ nghèo còn 1,2% (17 hộ)”: the count in brackets right after the percent
                pc = _paren_count_after(P, k)
                if pc is not None:
                    s, bracketed = pc, True
            if s is None or s in shared:
                # “5.600 người …, chiếm 47,3%. trong đó: dân tộc Kinh chiếm 83%, …”: a count is the
                # part of one share; the shares after it are of other parts, whose counts are unwritten
                continue
            st = P.toks[s]
            if st.pct or not (is_count_unit(st.unit) or st.unit is None and st.noun
                              or (r.kind == "share" and _is_measure(st.unit))):
                continue
            if not bracketed and _rate_of_another_noun(text, st, t):
                P.taken.add(k)  # (“3 xã tỷ lệ hộ nghèo chiếm hơn 50%”: the communes' poverty rate, not their share)
                continue
            if st.end <= t.start and _SUPERLATIVE.search(text, st.end, t.start):
                P.taken.add(k)  # (“16 tỉnh chưa đạt 15%, thấp nhất là Cần Thơ (8%)”: the rate of the one named)
                continue
            if _WITH_ANOTHER.search(text, max(0, st.start - 12), st.start) and any(
                    u.quantity and is_count_unit(u.unit) and unit_key(u.unit) != unit_key(st.unit) and u.end <= st.start
                    and binds(text, u.end, st.start) for u in P.toks[max(0, s - 2):s]):
                # “có 10 hộ cận nghèo với 32 nhân khẩu, chiếm 0,18%”: the share may be of the households or of
                # the people; which one, the sentence does not say (“6.776 hồ sơ, với 2.521 hồ sơ trực tuyến (đạt tỷ
                # lệ 37,76%)”, one noun, is a part's share)
                continue
            whole = _whole_before_with(P, s)
            if whole is not None:
                # “cấp huyện tiếp nhận 6.776 hồ sơ, với 2.521 hồ sơ trực tuyến (đạt tỷ lệ 37,76%)”: the count after
                # “với” is a part of the count of the same noun before it, and the percent its share
                wt = P.toks[whole]
                rates.append(_count_over(ctx, P, rates, k, st, wt, wt.start, "inferred",
                                         f"“{wt.text} {wt.unit}, với {st.text} {st.unit}” = {t.text}% (a part after "
                                         "“với” over the count of the same noun before it)"))
                P.taken.update((whole, s, k))
                shared.add(s)
                continue
            over = _stated_base(P, s)
            if over is not None:
                # “tái cử là 27 ứng cử viên tính trên số đại biểu HĐND tỉnh hiện nay là 73 đại biểu (đạt tỷ lệ
                # 36,99%)”: the count before “tính trên” over the count after it
                nt = P.toks[over]
                rates.append(_count_over(ctx, P, rates, k, nt, st, nt.start, "explicit",
                                         f"“{nt.text}” tính trên “{st.text}” = {t.text}% (a count over the whole named "
                                         "after “tính trên”)"))
                P.taken.update((over, s, k))
                shared.add(s)
                continue
            after = _whole_after_share(P, k, s) if not bracketed else None
            if after is not None:
                # “có 5 hộ nghèo, chiếm 12,9% tổng số 42 hộ”, “… chiếm 12,9% tổng số cán bộ, công chức (42 người)”:
                # the whole the share is of, written right after it
                bt = P.toks[after]
                rates.append(_count_over(ctx, P, rates, k, st, bt, st.start, "explicit",
                                         f"“{st.text}” = {t.text}% của “{bt.text}” (the whole written right after the "
                                         "percent)"))
                P.taken.update((after, s, k))
                shared.add(s)
                continue
            if r.kind == "pct" and not (r.verb in ("đạt", "bằng", "=") or (r.in_paren and _opens_paren(text, t))
                                        or bracketed):
                continue  # “tỷ lệ giảm … là 4,46%”, “(… giảm ít nhất 4%/năm)” do not state the count's share
            if _TRONG_DO.search(text, max(st.end, clause_start(text, t.start)), t.start):
                # “73 Chiến sĩ thi đua cơ sở (trong đó người lao động trực tiếp đạt 82%)”: the share of
                # a part of the 73, whose count is not written; the 73 is its whole
                continue
            conf = "explicit" if r.kind == "share" or r.base == "named" else "inferred"
            how = (f"“{st.text} {st.unit or st.noun}” = {t.text}% của "
                   f"{('“' + r.base_words + '”') if r.base_words else 'một tổng số không nêu (an unstated total)'}")
            rate = {"id": f"{ctx.sid(P.block) or 'doc'}:rate_{len(ctx.out['rates']) + len(rates) + 1}_{P.block}_{k}",
                    "label": _count_label(text, st), "numerator": ctx.num(P.block, st),
                    "percent": ctx.num(P.block, t, percent=True), "unit": st.unit, "section": ctx.sid(P.block),
                    "src": ctx.loc(P.block, min(st.start, t.start), max(st.ue, t.ue)),
                    "confidence": conf, "reading": how, "_den_text": None, "_block": P.block,
                    "_base_words": r.base_words if r.base == "named" else "", "_s": st.start}
            rates.append(rate)
            P.taken.update((s, k))
            shared.add(s)


def _named_subject(P: Para_, k: int, r: Role, s: int | None) -> int | None:
    """The count a change in % is of when the percent names it (“tăng 7,69% số vụ, …”): the count of that noun
    before it in the sentence, not the nearest count (“… làm chết 35 người và 59 người bị thương; … tăng 7,69% số
    vụ”: the 56 vụ); None when the sentence has no count of that noun."""
    if s is None or r.base != "named" or not r.base_words:
        return s
    m = re.match(r"(?:tổng\s+)?số\s+([^\W\d_]+(?:\s+[^\W\d_]+)*)", r.base_words, re.I)
    if m is None:
        return s
    want = unit_key(m.group(1)) or ""

    def names(t: NumTok) -> bool:  # (“số người chết” names the count of “người”; “số đảng viên” of “đảng viên”)
        u = unit_key(t.unit)
        return bool(u) and (want.startswith(u) or u.startswith(want))
    if names(P.toks[s]):
        return s
    sa, _ = sentence_of(P.text, P.toks[k].start)
    for j in range(k - 1, -1, -1):
        t = P.toks[j]
        if t.start < sa:
            break
        if t.form == "number" and not t.pct and names(t) and P.roles[j] is not None and P.roles[j].kind == "level":
            return j
    return None


def _count_over(ctx: Ctx, P: Para_, rates: list[dict], k: int, num: NumTok, den: NumTok, src_start: int,
                confidence: str, reading: str) -> dict:
    """A rate of one count over another, both read exactly, its percent the token `k`."""
    t = P.toks[k]
    return {"id": f"{ctx.sid(P.block) or 'doc'}:rate_{len(ctx.out['rates']) + len(rates) + 1}_{P.block}_{k}",
            "label": _count_label(P.text, num), "numerator": ctx.num(P.block, num, exact=True),
            "denominator": ctx.num(P.block, den, exact=True), "percent": ctx.num(P.block, t, percent=True),
            "unit": num.unit, "section": ctx.sid(P.block), "src": ctx.loc(P.block, src_start, t.ue),
            "confidence": confidence, "_den_text": den.text, "_block": P.block, "_s": num.start, "reading": reading}


_OVER = re.compile(r"(?<![\w])(?:tính\s+trên|trên\s+tổng|so\s+với\s+tổng)(?![\w])[^\d.;:()]{0,80}?(?:\s(?:là|có)|:)?\s*$",
                   re.I)


def _stated_base(P: Para_, s: int) -> int | None:
    """The count a whole is said of when the whole is introduced by “tính trên (tổng) số … là”: the
    nearest count before that phrase in the sentence, in a count unit and no larger than the whole."""
    text, st = P.text, P.toks[s]
    sa, _ = sentence_of(text, st.start)
    m = _OVER.search(text, max(sa, st.start - 100), st.start)
    if m is None:
        return None
    for j in range(s - 1, -1, -1):
        t, r = P.toks[j], P.roles[j]
        if t.start < sa:
            return None
        if t.end > m.start():
            continue
        if t.form == "number" and not t.pct and r is not None and r.kind in ("level", "remainder") \
                and is_count_unit(t.unit):
            a, b = value_of(t), value_of(st)
            return j if a is not None and b is not None and a <= b else None
        return None
    return None


# (“chiếm 12,9% [trên] tổng số 42 hộ”; “chiếm 12,9% tổng số cán bộ, công chức (42 người)”)
_WHOLE_NEXT = re.compile(r"\s*(?:của|trên|so\s+với)?\s*(?:tổng(?:\s+số)?|số)\s*$", re.I)
_WHOLE_NAMED_THEN = re.compile(r"\s*(?:của|trên|so\s+với)?\s*(?:tổng\s+số|tổng|số)\s+[^\W\d][^\d();:.%]{0,60}\(\s*$", re.I)
_PERSON_KEYS = frozenset({"người", "cánhân"})


def _whole_after_share(P: Para_, k: int, s: int) -> int | None:
    """The count a share is of when the text names it right after the percent (“chiếm 12,9% tổng số 42
    hộ”, or the whole's name and then its count in brackets), in the part's unit and not smaller."""
    text, t, st = P.text, P.toks[k], P.toks[s]
    if st.end > t.start:
        return None
    j = next((j for j in range(k + 1, len(P.toks)) if P.toks[j].quantity), None)
    if j is None or j in P.taken:
        return None
    tj, rj = P.toks[j], P.roles[j]
    if tj.form != "number" or tj.pct or tj.approx is not None or rj is None or rj.kind != "level":
        return None
    gap = text[t.ue:tj.start]
    if not (_WHOLE_NEXT.fullmatch(gap) or _WHOLE_NAMED_THEN.fullmatch(gap) and re.match(r"[^\S\n]*\)", text[tj.ue:])):
        return None
    ka, kb = unit_key(st.unit), unit_key(tj.unit)
    if ka is None or not (ka == kb or {ka, kb} <= _PERSON_KEYS):
        return None
    a, b = value_of(st), value_of(tj)
    return j if a is not None and b is not None and a <= b else None


def _bracketed_base(P: Para_, k: int, s: int) -> int | None:
    """“215,6 tỷ đồng, bằng 112,4% dự toán tỉnh giao (191,8 tỷ đồng)”, “… so với cùng kỳ năm 2023 là 195,4
    tỷ đồng”: the base's value after the percent (roles._bracketed_base_values), in the subject's unit
    or none."""
    j = next((j for j in range(k + 1, len(P.toks)) if P.roles[j] is not None), None)
    if j is None or j in P.taken:
        return None
    rj, tj, st = P.roles[j], P.toks[j], P.toks[s]
    want = "plan" if P.roles[k].kind == "pct_plan" else "prior"
    if rj is None or rj.kind != want or rj.base_of != k:
        return None
    if tj.unit is not None and unit_key(tj.unit) != unit_key(st.unit) \
            and (st.unit is None or conversion(str(tj.unit).lower(), str(st.unit).lower()) is None):
        return None  # (“150.000 triệu đồng đạt 42,86% dự toán (KH 468 tỷ đồng)”: units that convert are kept)
    return j


def _corresponds(P: Para_, s: int, k: int) -> bool:
    """“N hộ …, tương ứng giảm p%”: a count, then “tương ứng / tương đương” right before the change."""
    st = P.toks[s]
    if not (st.unit and is_count_unit(st.unit)):
        return False
    return re.search(r"(?:tương\s+ứng|tương\s+đương)(?:\s+(?:với|mức))?\s+(?:tăng|giảm)\s*(?:thêm\s+)?$",
                     P.text[P.toks[s].end:P.toks[k].start], re.I) is not None


def _opens_paren(text: str, t: NumTok) -> bool:
    """The percent opens its bracket: “(97,5%)”, “(đạt 93,7%)”, “(chiếm 77% …)”."""
    op = text.rfind("(", 0, t.start)
    return op >= 0 and re.fullmatch(r"\(\s*(?:(?:đạt|chiếm|bằng|=)\s*)?(?:tỷ\s+lệ|tỉ\s+lệ)?\s*",
                                    text[op:t.start], re.I) is not None


def _paren_count_after(P: Para_, k: int) -> int | None:
    """“tỷ lệ hộ nghèo còn lại … là 0,36%(05 hộ)”: the count written in brackets after the percent."""
    j = k + 1
    if j < len(P.toks) and P.toks[j].form == "number" and not P.toks[j].pct and P.toks[j].unit \
            and re.fullmatch(r"\s*\(\s*", P.text[P.toks[k].ue:P.toks[j].start]):
        return j
    return None


def _count_label(text: str, t: NumTok) -> str:
    from auditor.extract.prose import np_after

    after = np_after(text, t.ue).strip(" ,;")
    if not after:
        after = re.split(r"[,;:()]|\.(?=\s|$)", text[t.ue:])[0].strip()
        after = "" if re.search(r"\d", after) or len(after) > 60 else after
    verb = re.match(r"(?:đạt|chiếm|bằng|tỷ\s+lệ)\b\s*", after, re.I)
    # “1.378 hộ đạt gia đình văn hóa” names the count; “33 tin, đạt 94,3%” does not
    if after and len(content_tokens(after[verb.end():] if verb else after)) >= (2 if verb else 1):
        return f"{t.unit or ''} {after}".strip()
    before = label_before(text, t.start)
    return f"{before} ({t.unit})" if before and t.unit else (before or t.unit or "?")


def _verb_start(P: Para_, k: int) -> int:
    m = re.search(r"(?:đạt|bằng|=)\s*$", P.text[:P.toks[k].start], re.I)
    return m.start() if m else P.toks[k].start


def _pct_reading(v: NumTok | None, p: NumTok, r: Role) -> str:
    base = r.base_words or ("kế hoạch" if r.kind == "pct_plan" else "cùng kỳ")
    how = "% kế hoạch (percent of plan)" if r.kind == "pct_plan" else "% so với cùng kỳ (percent of the same period)"
    inherited = "" if r.explicit_base else " — mốc lấy theo vế đầu của câu (base taken from the first clause)"
    return f"“{v.text if v else '…'}” đạt “{p.text}%” {how}, mốc “{base}”{inherited}"


def _indicator(ctx: Ctx, P: Para_, k: int, *, name_end: int, th: tuple[int, int] | None,
               kh: tuple[int, int] | None = None,
               ck: tuple[int, int] | None = None, pct: int | None = None, pct_field: str = "pct_kh",
               unit: str | None, confidence: str, reading: str, percent_values: bool = False,
               made: list | None = None, note: str | None = None, base_unit: str | None = None) -> dict | None:
    text = P.text
    cs = clause_start(text, name_end)
    # several relations in one clause: a name starts after the previous relation's numbers
    starts = ctx.ntok_starts(P.block)  # (P.toks: the numbers of the clause, by bisection)
    near = P.toks[bisect_left(starts, cs - 200):bisect_right(starts, name_end)]
    prev_end = max((t.end for t in near if t.quantity and t.end <= name_end and t.end > cs), default=cs)
    if prev_end > cs:
        cs = prev_end + len(text[prev_end:name_end]) - len(text[prev_end:name_end].lstrip(" ,;"))
    name = clean_name(text[cs:name_end])
    parts = re.split(r"\s+và\s+", name)
    if len(parts) > 1 and len(parts[-1].split()) >= 3 and len(name.split()) > 10:
        name = parts[-1]
    if len(name) < 3:
        name = label_before(text, name_end) or name
    if len(name) < 3 and text[:cs].rstrip().endswith(")"):
        # “Giá trị sản xuất công nghiệp (giá so sánh 2010) ước đạt 2.150 tỷ đồng”: the name is before the aside
        close = len(text[:cs].rstrip()) - 1
        op = text.rfind("(", 0, close)
        if op > 0 and ")" not in text[op + 1:close]:
            cs = clause_start(text, op)
            name = clean_name(text[cs:op])
    if len(name) < 3 or len(name) > 160:
        return None
    vals: dict = {"th": ctx.num(P.block, th, percent=percent_values)} if th is not None else {}
    # (a base in another unit that converts keeps its own: “(KH 468 tỷ đồng)” for an actual in triệu đồng)
    if kh is not None:
        vals["kh"] = ctx.num(P.block, kh, percent=percent_values, unit=base_unit, keep_unit=base_unit is not None)
    if ck is not None:
        vals["ck"] = ctx.num(P.block, ck, unit=base_unit, keep_unit=base_unit is not None)
    if pct is not None:
        vals[pct_field] = ctx.num(P.block, P.toks[pct], percent=True)
    name_start = text.find(name, cs)
    iid = f"{ctx.sid(P.block) or 'doc'}:{slug(name)[:30]}"
    iid = ctx.fresh_id("indicators", iid)  # the same name twice (“Trồng cỏ … Trồng cỏ …”): two ids
    ind = {"id": iid, "code": None, "name": name, "unit": unit,
           "values": vals, "table": None, "section": ctx.sid(P.block), "parts": [],
           "src": ctx.loc(P.block, max(0, name_start), max(0, name_start) + len(name)),
           "confidence": confidence, "reading": reading}
    if note:
        ind["note"] = note
    ctx.mark_label(P.block, max(0, name_start), max(0, name_start) + len(name))
    # an indicator inside “(trong đó …)” is a part of the one before it
    op = text.rfind("(", 0, P.toks[k].start)
    inside = op > text.rfind(")", 0, P.toks[k].start) and re.match(r"\(\s*trong\s+đó", text[op:], re.I)
    host = None
    if inside and made:
        host = next((h for h, s0 in reversed(made) if s0 < op), None)
    if host is not None:
        ind["id"] = f"{host['id']}-{len(host['parts']) + 1}"
        host["parts"].append(ind)
        host["parts_complete"] = False
        return ind
    ctx.add("indicators", ind)
    if made is not None:
        made.append((ind, cs))
    if "th" not in vals:
        return ind
    sec = ctx.section(P.block)
    sent = sentence_of(text, P.toks[k].s)
    if EXCLUDING.match(text, sent[0]) or EXCLUDING.search(text, clause_start(text, P.toks[k].s), P.toks[k].s):
        return ind  # (“Không tính số thu từ tiền sử dụng đất … thì thu nội địa thực hiện 11.104 tỷ”: another basis)
    extra: dict = {"sentence": sent, "inferred": confidence == "inferred",
                   "season": season_before(text, sent[0], P.toks[k].s),
                   # (the short heading above it: “TP. HCM” / “Hà Nội” over one template of two cities)
                   "scope": mention_scope(ctx, P.block, text, sent[0], P.toks[k].s)}
    # (the opening of its sentence before its name: “Cây ngô …, năng suất …, sản lượng 341 tấn, đạt 82,4% KH” and “Cây
    # lạc, …; sản lượng 118,8 tấn đạt 95% KH” are two crops' outputs, as for a sentence's other mentions)
    # (only the sentence's first piece, its subject; one ending in “:” leads a list in: “… đã đạt một số kết quả: …”)
    sep = _PIECE_END.search(text, sent[0], sent[1])
    own = qualifier(text, ctx.ntoks(P.block), sent[0], min(name_start, sep.start() if sep else name_start), unit,
                    ctx.ntok_starts(P.block)) if name_start > sent[0] and not (sep and sep.group(0) == ":") else frozenset()
    if own:
        extra["qual"] = own
    if sent[0] and SUBSET_OPENING.match(text, sent[0]):
        # (“Trong đó, thu nội địa …”: scoped by the opening of the sentence it is a subset of, prose.whole_qualifier)
        extra["qual"] = own | whole_qualifier(text, ctx.ntoks(P.block), sent[0], ctx.ntok_starts(P.block))
    elif sent[0] and not names_before(text, max(sent[0], P.toks[k].s - SENTENCE_LOOKBACK), P.toks[k].s):
        # (a later sentence naming nothing is about what the paragraph opens with, prose.paragraph_names)
        extra["names"] = paragraph_names(text, ctx.ntoks(P.block), {})
    label = name
    topic = bullet_topic(text, name_start)
    if topic:
        # “+ Cây lúa: … sản lượng ước 187.780 tấn” / “+ Cây Ngô: … sản lượng ước 150.826 tấn”: the topic
        # of the bullet scopes the indicator's name (as for the sentences of a bullet, prose.py)
        label, extra["bare"], extra["topic"] = f"{topic} {name}", name, topic
    a, b = max(0, P.toks[k].start - 30), min(len(text), P.toks[k].end + 30)
    snippet = ("…" if a else "") + text[a:b].strip() + ("…" if b < len(text) else "")
    ctx.cands.append(MentionCand(vals["th"], unit, label, f"mục {sec.number or sec.heading}: “{snippet}”" if sec else "",
                                 ctx.sid(P.block), "plan" if target_context(text, P.toks[k].s) else ctx.part(P.block),
                                 P.block, f"ind:{ind['id']}", kind="indicator", year=ctx.year, extra=extra))
    return ind


# ----------------------------------------------------------------------------- changes

def _change(ctx: Ctx, P: Para_, k: int, j: int | None, *, value: tuple[int, int] | None,
            prior: tuple[int, int] | None, unit: str | None, direction: str, against: str, confidence: str,
            reading: str, delta: NumTok | None = None, points: bool = False, reference: str | None = None,
            percent_at: int | None = None) -> dict:
    """A change read at token `k` (its percent at `j`, or `percent_at` when it is written apart from it)."""
    t = P.toks[k]
    label = label_before(P.text, t.start) or unit or "?"
    ch = {"id": f"{ctx.sid(P.block) or 'doc'}:change_{P.block}_{k}", "label": label, "unit": unit,
          "direction": direction, "against": against, "points": points,
          "section": ctx.sid(P.block), "src": ctx.loc(P.block, t.start, (P.toks[j].ue if j is not None else t.ue)),
          "confidence": confidence, "reading": reading}
    if value is not None:
        ch["value"] = ctx.num(P.block, value)
    if reference:
        ch["reference"] = reference
    if prior is not None:
        ch["prior"] = ctx.num(P.block, prior)
    if j is not None or percent_at is not None:
        ch["percent"] = ctx.num(P.block, P.toks[j if j is not None else percent_at], percent=True)  # type: ignore[index]
    if delta is not None:
        ch["delta"] = ctx.num(P.block, delta)
    ctx.add("changes", ch)
    return ch


def _growth_change(ctx: Ctx, P: Para_, s: int, k: int) -> None:
    """“15.435,48 ha, giảm 1,04% (-162,63 ha)”, “27.361 tỷ, tăng 9,1% so với cùng kỳ (cùng kỳ đạt
    khoảng 25.080 tỷ)”: a change is checkable when its level and two of prior, change, percent are
    written; otherwise it is kept (its numbers are read) with nothing to check."""
    st, pt, pr = P.toks[s], P.toks[k], P.roles[k]
    delta = prior = None
    sa, sb = sentence_of(P.text, pt.start)
    for j in range(k + 1, len(P.toks)):
        t, r = P.toks[j], P.roles[j]
        if t.start < sb and r is None and t.form in ("year", "years"):
            continue  # the year compared with (“so với năm 2022 (44 triệu đồng)”)
        if t.start >= sb or r is None:
            break
        bm = _PCT_TO_DELTA.fullmatch(P.text, pt.ue, t.start) if delta is None else None
        if bm is not None and r.in_paren and unit_key(t.unit) == unit_key(st.unit) and t.form == "number" \
                and not t.pct and (r.kind == "delta" or r.kind == "level" and (bm.group("eq") or bm.group("verb"))) \
                and not (bm.group("verb") and (bm.group("verb").lower() == "tăng") != (pr.direction == "up")):
            # “giảm 1,04% (-162,63 ha)”, “giảm 27,2% (giảm 3,38 ha)”, “tăng 9,03% (tương đương 12.600 tấn)”
            delta = j
            continue
        if r.kind == "prior" and unit_key(t.unit) == unit_key(st.unit) and prior is None:
            prior = j
            continue
        break
    if delta is not None and not st.pct and is_count_unit(st.unit) \
            and _change_fits(st, P.toks[delta], pt, pr.direction == "up") == "below":
        # “1.200 hộ, giảm 0,35% (giảm 92 hộ)”: the percent may be the fall of a rate in points of the whole
        # population (never more than the count's own change): the two readings cannot be told apart
        P.taken.update(x for x in (s, k, delta, prior) if x is not None)
        return
    if st.pct and not (pr.base == "prior" and False):
        points = True  # the change of a share (“chiếm 9,05% (giảm 0,45% …)”) is in percentage points
    else:
        points = False
    parts = []
    if delta is not None:
        parts.append(f"“{P.toks[delta].text}” = mức thay đổi (the change)")
    if prior is not None:
        parts.append(f"“{P.toks[prior].text}” = cùng kỳ (the same period before)")
    how = (f"“{st.text}” {'tăng' if pr.direction == 'up' else 'giảm'} “{pt.text}%”"
           + (" điểm phần trăm (percentage points)" if points else "") + ("; " + "; ".join(parts) if parts else ""))
    confidence = "explicit"
    if delta is not None and prior is None and not st.pct and pr.base != "plan":
        fit = _change_fits(st, P.toks[delta], pt, pr.direction == "up")
        confidence = _rounded_confidence(st, P.toks[delta], pt, pr.direction == "up", fit)
        how += _ROUNDED_NOTE if confidence == "inferred" else ""
    _change(ctx, P, s, k, value=(st.s, st.e), prior=(P.toks[prior].s, P.toks[prior].e) if prior is not None else None,
            unit=st.unit, direction=pr.direction or "up",
            against="plan" if pr.base == "plan" else "prior", confidence=confidence, reading=how,
            delta=P.toks[delta] if delta is not None else None, points=points, reference=pr.base_words or None)
    P.taken.update(x for x in (s, k, delta, prior) if x is not None)


# ----------------------------------------------------------------------------- bases of rates

_PLACE = re.compile(r"(?<![\w])(?i:thôn|khu\s+phố|tổ\s+dân\s+phố|tổ|ấp|xóm|bản|khu|làng|buôn)\s+"
                    r"(?:[A-ZĐ][\w]*(?:\s+[A-ZĐ][\w]*){0,2}|\d+)"
                    # an area of the territory named by its kind, as the subject of a clause: “Riêng khu vực
                    # đồng bằng có …”, “; vùng miền núi có …” (not “một huyện vùng cao”, which describes it)
                    r"|(?:^|[;,.:]\s*|(?<![\w])(?i:riêng|ở|tại|còn|trong\s+đó)\s+)(?i:khu\s+vực|vùng)\s+"
                    r"(?!(?i:này|đó|trên)\b)\w+")
_PLACE_NEEDS = (("buôn", "bản", "dân", "khu", "làng", "thôn", "tổ", "vùng", "xóm", "ấp"),)  # what every match holds (`rxgate.needs`, written out: tests/test_rxgate.py)
_TERRITORY = re.compile(r"trên\s+địa\s+bàn|toàn\s+(?:xã|phường|thị\s+trấn|huyện|quận|thị\s+xã|thành\s+phố|tỉnh)", re.I)
_START = re.compile(r"đầu\s+(?:năm|kỳ)", re.I)
_SPAN_OF_MONTHS = re.compile(r"(?<![\w])(?:\d{1,2}|ba|sáu|chín|mười(?:\s+một)?)\s+tháng(?:\s+đầu)?(?:\s+năm\s+\d{4})?|"
                             r"(?<![\w])quý\s+(?:[IV]+|\d)(?:\s+năm\s+\d{4})?", re.I)
_BASE_STOP = frozenset(("tong", "so", "cua", "toan", "bo"))


def finish(ctx: Ctx, rates: list[dict]) -> None:
    """The rates of the document: rates written over the same denominator in one list are a
    breakdown of it (a total and a structure when they add up, or when the list ends with “khác”);
    rates without a denominator over the same population share a `base`: the same named base
    (“… chiếm 15,32% số hộ dân toàn tỉnh”) at the same time (đầu năm / cuối năm) across the document,
    otherwise the whole territory (“trên địa bàn …”) across the document, otherwise one paragraph;
    never two places (“thôn Đông …; thôn Trung …”)."""
    _written_denominators(ctx, [r for r in rates if r.get("_den_text")])
    _named_denominators(ctx, [r for r in rates if not r.get("_den_text") and r.get("percent") is not None])
    _lead_in_structures(ctx, rates)
    _shared_bases(ctx, [r for r in rates if not r.get("_den_text") and r.get("percent") is not None])
    for r in rates:
        ctx.add("rates", r)


def _written_denominators(ctx: Ctx, rates: list[dict]) -> None:
    groups: list[list[dict]] = []
    for r in rates:
        if r.get("percent") is None:
            continue
        g = groups[-1] if groups else None
        if g and unit_key(g[-1].get("unit")) == unit_key(r.get("unit")) and g[-1]["_den_text"] == r["_den_text"] \
                and r["_block"] - g[-1]["_block"] in (0, 1):
            g.append(r)
        else:
            groups.append([r])
    used: set[str] = set()
    for g in groups:
        if len(g) < 2:
            continue
        base = f"tong_so_{slug(g[0].get('unit') or 'x')}_{slug(g[0]['_den_text'])}"
        k = 2
        while base in used:
            base, k = f"{base.rsplit('__', 1)[0]}__{k}", k + 1
        used.add(base)
        for r in g:
            r["base"] = base
        _breakdown(ctx, g)


def _breakdown(ctx: Ctx, group: list[dict]) -> None:
    """x/N rates of one list: a total N with its parts, complete when they add up to N or when the
    list closes with an “other” item (“Đại học …; Trung cấp …; Khác …”)."""
    from auditor.registries.cues import cue

    try:
        total = parse_vn_number(group[0]["denominator"].text).value
        parts = [parse_vn_number(r["numerator"].text).value for r in group]
    except (NumberFormatError, AttributeError):
        return
    other = any(cue("other_item").search(r["label"]) for r in group)
    s = sum(parts)
    if s != total and not other:
        return  # a partial or overlapping list: each rate is checked on its own
    unit = group[0].get("unit")
    label = f"{unit or ''} ({', '.join(r['label'] for r in group)})".strip()
    how = ("các phần cộng lại bằng tổng (the parts add up to the total)" if s == total else
           "danh sách kết thúc bằng mục “khác”, nên là đủ (the list ends with an “other” item, so it is complete)")
    ctx.add("totals", {"id": f"{group[0]['id']}:total", "label": label, "unit": unit,
                       "total": group[0]["denominator"], "complete": True, "section": group[0].get("section"),
                       "parts": [{"label": r["label"], "value": r["numerator"]} for r in group],
                       "src": group[0].get("src"), "confidence": "explicit", "reading": how})
    ctx.add("structures", {"id": f"{group[0]['id']}:structure", "label": label, "unit": unit,
                           "total_value": group[0]["denominator"], "section": group[0].get("section"),
                           "shares": [{"label": r["label"], "share": r["percent"], "value": r["numerator"]}
                                      for r in group], "src": group[0].get("src"),
                           "confidence": "explicit", "reading": how})


def _population_base(ctx: Ctx, rates: list[dict], uk: str) -> frozenset[str] | None:
    """The one named population of the document for a unit (“số hộ dân toàn tỉnh”), if there is one."""
    names = {frozenset(content_tokens(r.get("_base_words") or "")) - _BASE_STOP for r in rates
             if r.get("_base_words") and unit_key(r.get("unit")) == uk}
    return next(iter(names)) if len(names) == 1 else None


_FROM = re.compile(r"(?<![\w])từ\s", re.I)
_TO = re.compile(r"(?<![\w])(?:xuống|lên|còn)\s", re.I)


def _from_or_to(text: str, sa: int, s: int, sb: int) -> str:
    """“số hộ nghèo giảm từ 3.586 hộ, chiếm 10,74% xuống còn 2.900 hộ, chiếm 8,65%”: the two rates of a change from
    one level to another are of two times, and of two populations (the households of each year)."""
    f = [m.start() for m in _FROM.finditer(text, sa, s)]
    if not f:
        return ""
    to_before = [m.start() for m in _TO.finditer(text, f[-1], s)]
    if to_before:
        return " to"
    return " from" if _TO.search(text, s, sb) else ""


_OTHER_TERM = re.compile(r"(?<![\w])(?:kh[oó]a|khoá|nhiệm\s+kỳ|cùng\s+kỳ|kỳ\s+trước|năm\s+(?:19|20)\d\d)(?![\w])", re.I)


def _shared_bases(ctx: Ctx, rates: list[dict]) -> None:
    groups: dict[tuple, list[dict]] = {}
    # a count that is itself a share of something (“3.898 hộ … chiếm 97,5%”) is not the total the
    # others share: a rate over it (“trong đó 1.671 hộ … chiếm 42,87%”, of the 3.898) stays apart
    shares_of = {ctx.num_place.get(id(r["numerator"])) for r in rates if r["percent"].value is None or r["percent"].value < 100}
    shares_of.discard(None)
    for r in rates:
        uk = unit_key(r.get("unit"))
        if uk is None or r["percent"].value is not None and r["percent"].value > 100:
            continue  # (“gia cầm 35.305 con (đạt 153,50%)”: over the whole is no share of it)
        den = r.get("denominator")
        if den is not None and not r.get("_siblings") and ctx.num_place.get(id(den)) in shares_of:
            continue
        text = ctx.doc.blocks[r["_block"]].text
        s = r.get("_s", 0)
        sa, sb = sentence_of(text, s)
        before = text[sa:s]
        # a stock at the start of the period is another population than the current one (the end of
        # the period, “đến nay”, or no time named)
        time = "start" if _START.search(text, sa, sb) else ""
        span = _SPAN_OF_MONTHS.search(before)
        if span is not None:
            # (“Trước đó, tổng kết sau hơn 10 tháng năm 2023 Hải Phòng … chiếm 10,9% tổng vốn đầu tư cả
            # nước”: a share of another span's total than the shares that name none)
            time += " " + re.sub(r"\s+", " ", span.group(0).lower())
        time += _from_or_to(text, sa, s, sb)
        op = text.rfind("(", sa, s)
        if op != -1 and text.find(")", op, s) == -1 and _OTHER_TERM.search(text, op, s):
            # “… 1.150 người, tỷ lệ 18,5% (Khóa XIV cả nước là 1.003 người, tỷ lệ 15,31%)”: a share in brackets that
            # names another term or time is of that time's total
            time += " (" + text[op + 1:s].strip().lower()[:40]
        named = frozenset(content_tokens(r.get("_base_words") or "")) - _BASE_STOP
        place = _PLACE.search(before) if may_match(before, _PLACE_NEEDS) else None
        # a narrower group (“hộ nghèo là đồng bào dân tộc thiểu số”) shares a total only with its own kind
        sub = frozenset(m.group(0).lower() for m in cue("subpopulation").finditer(f"{before} {r.get('label') or ''}"))
        if r.get("_population"):
            pop = _population_base(ctx, rates, uk)
            if pop is None:
                continue
            named, time = pop, "start"
        if r.get("_siblings"):
            key: tuple = (uk, "siblings", r["_siblings"])
        elif named:
            # (“huyện Vĩnh Tường với hơn 166 nghìn hồ sơ, chiếm 70% tổng dân số”, “… huyện Bình Xuyên với 8.698 hồ
            # sơ, chiếm 6,42% tổng dân số”: each of its own district's population)
            unit_named = [m.group(0) for m in ADMIN_PLACE.finditer(before)] if may_match(before, ADMIN_PLACE_NEEDS) else []
            key = (uk, "named", named, time, unit_named[-1] if unit_named else "")
        elif place:
            key = (uk, "place", place.group(0), r["_block"])
        elif den is not None:
            # (“đã giải quyết 12.420 hồ sơ, trong đó đúng hạn 12.385, đạt 99,72%”: a rate of a total it names is not
            # of the unstated total of the paragraph's other rates)
            continue
        elif (r.get("unit") or "").split()[:1] in (["mũi"], ["liều"]):
            # “… mũi 3 với tổng số 48.638.368 mũi tiêm (74,0%), … mũi 4 … 10.594.168 mũi tiêm (54,5%)”: doses given
            # against each dose's own people to cover, never shares of one total of doses
            continue
        elif _TERRITORY.search(text, sa, sb):
            key = (uk, "territory", time, sub)
        else:
            key = (uk, "paragraph", r["_block"], time, sub)
        groups.setdefault(key, []).append(r)
    used: dict[str, int] = {}
    for key, g in groups.items():
        if key[1] != "siblings":
            g = outer_rates(g)  # (a subgroup's rate over an earlier rate's count is of that count)
            g = _without_other_council(ctx, g)
        if len(g) < 2 or key[1] == "place":
            continue
        if key[1] in ("named", "paragraph") and _each_its_own(ctx, g):
            continue
        if key[1] in ("paragraph", "territory") and _achieved_in_own_items(ctx, g):
            # “tập huấn cho 15.111 lượt cán bộ DQTV, đạt tỷ lệ 95,6%; huấn luyện cho 113.452 lượt DQTV, đạt 96%”: what
            # each task reached of its own plan, not shares of one total
            continue
        if key[1] in ("paragraph", "territory") and len(g) == 2 and sum(r["percent"].value or 0 for r in g) > 100 \
                and _stated_whole_of(ctx, g):
            # “1.403,4 nghìn ha … Trong đó, … phía Bắc thu hoạch 933,8 nghìn ha, chiếm 93,8%; … phía Nam … 469,6 nghìn
            # ha, chiếm 85,3%”: the two parts of a whole stated beside them, with shares adding up to more than 100%,
            # are each a share of its own part's total, not of one
            continue
        base = f"tong_so_{slug(g[0].get('unit') or 'x')}"
        n = used.get(base, 0)
        used[base] = n + 1
        if n:
            base = f"{base}_{n + 1}"
        population = any(r.get("_population") for r in g)
        named = key[1] == "named" and not population
        for r in g:
            r["base"] = base
            if named:
                continue
            r["confidence"] = "inferred"
            if key[1] == "named":
                words = next((x["_base_words"] for x in g if x.get("_base_words")), "")
                how = (f" — cùng tổng số được gọi tên ({words}), kể cả số “tương ứng” với một mức thay đổi "
                       "(the same named total, with the count that matches a change)")
            elif key[1] == "siblings":
                how = ""
            elif key[1] == "territory":
                how = " — cùng một tổng số (không nêu) với các tỷ lệ khác trên địa bàn (the same unstated total as the territory's other rates)"
            else:
                how = " — cùng một tổng số (không nêu) với các tỷ lệ khác của đoạn (the same unstated total as the paragraph's other rates)"
            r["reading"] = (r.get("reading") or "") + how


_TOTALIZING = re.compile(r"(?<![\w])(?:tổng|toàn|cả|chung|tất\s+cả|số)(?![\w])", re.I)


_ACHIEVED = re.compile(r"(?<![\w])đạt(?:\s+t[ỷỉ]\s+lệ)?\s*(?:(?:khoảng|gần|trên|hơn)\s*)?$", re.I)


_ACTIVITY = frozenset(("lượt", "lớp", "cuộc", "buổi", "đợt"))  # (counts of what was done, against a plan)


def _achieved_in_own_items(ctx: Ctx, g: list[dict]) -> bool:
    """Each rate says what a task reached (“đạt 96%”, never “chiếm”) in counts of what was done (“lượt”, “lớp”
    …), each in its own “;” item of one paragraph (“1.200 hộ …, đạt 80%; 150 hộ …, đạt 20%” stay shares)."""
    items = set()
    for r in g:
        if (r.get("unit") or "").split()[:1] not in [[w] for w in _ACTIVITY]:
            return False
        pl = ctx.num_place.get(id(r["percent"]))
        if pl is None or not isinstance(pl[0], int) or pl[0] != r["_block"]:
            return False
        text = ctx.doc.blocks[pl[0]].text
        if not _ACHIEVED.search(text, max(0, pl[1] - 20), pl[1]):
            return False
        items.add(text.count(";", 0, pl[1]))
    return len(items) == len(g)


def _stated_whole_of(ctx: Ctx, g: list[dict]) -> bool:
    """The rates' counts add up to a value written in their paragraphs (the whole they break down)."""
    toks = [t for b in {r["_block"] for r in g} for t in ctx.ntoks(b) if t.form == "number" and not t.pct]
    own = [next((t for t in toks if t.text == r["numerator"].text), None) for r in g]
    if any(t is None for t in own):
        return False
    # (as written, before a scale word: “933,8 nghìn ha” and “1.403,4 nghìn ha”)
    whole = sum(value_of(t) or 0 for t in own)  # type: ignore[union-attr]
    return any(value_of(t) == whole for t in toks)


def _each_its_own(ctx: Ctx, g: list[dict]) -> bool:
    """Rates of one sentence's items, each of its own subject, whose base is named the same way but
    as no total (“vắc xin cúm gia cầm được 3.738.280 con, đạt 59,6% diện tiêm; vắc xin dại cho chó mèo
    được 224.191 con, đạt 70,1% diện tiêm; …”): each item's own base, not one shared total."""
    named = {_words_after_percent(ctx, r) for r in g}
    if len(named) != 1 or not next(iter(named)):
        return False  # (“hộ nghèo 120 hộ, chiếm 2,5%; hộ cận nghèo 240 hộ, chiếm 6,5%”: one population's)
    if _TOTALIZING.search(next(iter(named))):
        return False  # (“chiếm 2,5% tổng số hộ; … chiếm 6,5% tổng số hộ”: one named total)
    places = {(r["_block"], sentence_of(ctx.doc.blocks[r["_block"]].text, r.get("_s", 0))) for r in g}
    if len(places) != 1:
        return False
    (block, (sa, _sb)), = places
    text = ctx.doc.blocks[block].text
    items = [text.count(";", sa, r.get("_s", 0)) for r in g]   # each in an item of its own, parted by “;”
    return len(set(items)) == len(items)


def _of_another_time(ctx: Ctx, r: dict, words: str) -> bool:
    """The base a share names, or the words right after its percent up to the end of its item, is of another
    time (“đạt tỷ lệ 2,98% so với tổng số đảng viên cuối năm 2017”): not the total the share's count is a part of."""
    if words:
        return _BASE_TIME.search(words) is not None
    pl = ctx.num_place.get(id(r["percent"]))
    if pl is None or not isinstance(pl[0], int):
        return False
    text = ctx.doc.blocks[pl[0]].text
    item = re.match(r"[^;,.()]{0,80}", text[pl[2]:])
    return item is not None and _BASE_TIME.search(item.group(0)) is not None


def _words_after_percent(ctx: Ctx, r: dict) -> str:
    """The words written right after a rate's percent, up to the end of its item (its base's name)."""
    pl = ctx.num_place.get(id(r["percent"]))
    if pl is None or not isinstance(pl[0], int):
        return ""
    text = ctx.doc.blocks[pl[0]].text
    m = re.match(r"\s*%?\s*([^\W\d_][^;,.()\d]{0,60}?)\s*(?=[;,.()]|$)", text[pl[2]:])
    return " ".join(m.group(1).lower().split()) if m else ""


_REELECTED = re.compile(r"(?<![\w])tái\s+(?:đắc\s+)?cử(?![\w])", re.I)


def _base_of(r: dict) -> Interval | None:
    """The whole a rate's count and percent imply (count / percent × 100)."""
    count = is_count_unit(r.get("unit"))
    num, pct = _iv(r["numerator"].text, count), _iv(r["percent"].text, False, r["percent"].approx)
    if num is None or pct is None or pct.lo <= 0:
        return None
    try:
        return num / pct * 100
    except IntervalError:
        return None


def _without_other_council(ctx: Ctx, g: list[dict]) -> list[dict]:
    """A share of re-elected deputies (“tái cử 12 đại biểu chiếm 36,36%”) is often of the outgoing
    council, not of the candidates or deputies the other shares are of: when its count and percent
    imply another whole than the others agree on, it is left out of their shared base (kept when
    they agree, so that its rounding is still checked with theirs)."""
    term = [r for r in g if _REELECTED.search(_own_words(ctx, r))]
    rest = [r for r in g if not any(r is t for t in term)]
    if not term or not rest:
        return g
    common: Interval | None = None
    for r in rest:
        b = _base_of(r)
        if b is None:
            return g
        common = b if common is None else common.intersect(b)
        if common is None:
            return g  # the others disagree among themselves: the check is theirs to make
    out = list(rest)
    for t in term:
        b = _base_of(t)
        if b is not None and b.meets(common):  # type: ignore[arg-type]
            out.append(t)
    return [r for r in g if any(r is x for x in out)]


def _own_words(ctx: Ctx, r: dict) -> str:
    """The words of a rate's own clause before its count (“tái cử 12 đại biểu”), and its label."""
    place = ctx.num_place.get(id(r["numerator"]))
    if place is None or not isinstance(place[0], int):
        return str(r.get("label") or "")
    text = ctx.doc.blocks[place[0]].text
    cs = clause_start(text, place[1])
    return f"{text[max(cs, place[1] - 60):place[1]]} {r.get('label') or ''}"


_ABBREV = {"ntm": "nông thôn mới", "kt-xh": "kinh tế xã hội", "gđvh": "gia đình văn hóa", "ttcn": "tiểu thủ công nghiệp",
           "nsnn": "ngân sách nhà nước", "xdcb": "xây dựng cơ bản", "dtts": "dân tộc thiểu số"}


_ABBREV_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)?")


# nouns of two words whose words also stand apart in other names (“dân số”, population: not “Dân quân … quân số”)
_COMPOUND_BASES = re.compile(r"(?<![\w])dân\s+số(?![\w])", re.I)


def _compounds_kept(words: str, label: str) -> bool:
    """A base named by such a noun is found only where the label names it whole."""
    return _COMPOUND_BASES.search(words) is None or _COMPOUND_BASES.search(label) is not None


def _words(s: str, unit: str | None = None) -> frozenset[str]:
    # (a word glued to punctuation is still the abbreviation: “người DTTS,”)
    t = _ABBREV_WORD.sub(lambda m: _ABBREV.get(m.group(0).lower(), m.group(0)), s)
    return frozenset(content_tokens(f"{t} {unit or ''}")) - _BASE_STOP - frozenset(("cua", "xa", "phuong", "huyen"))


_WHOLE_WORD = re.compile(r"(?<![\w])(?:tổng|toàn\s+[^\W\d_]+|cả\s+nước|chung|tất\s+cả)(?![\w])", re.I)


_PROPER_NAME = re.compile(rf"(?<![\w])[{UPPER_VN}][\w]*(?:\.?\s+[{UPPER_VN}][\w]*)+")


def _whole_words(label: str) -> set[str]:
    """The words of a label that say it is of a whole (“tổng”, “toàn tỉnh”, “cả nước”)."""
    return {re.sub(r"\s+", " ", m.group(0).lower()) for m in _WHOLE_WORD.finditer(label)}


def _of_a_target(ctx: Ctx) -> set[tuple]:
    """Where the values read as a percent below 100 of a plan or target are (“79 người (đạt 2,08% so với chỉ
    tiêu)”)."""
    out = set()
    for ind in ctx.out["indicators"]:
        vals = ind.get("values") or {}
        pct = vals.get("pct_kh")
        if vals.get("th") is not None and pct is not None and pct.value is not None and pct.value < 100:
            place = ctx.num_place.get(id(vals["th"]))
            if place is not None:
                out.add(place[:2])
    return out


def _named_denominators(ctx: Ctx, rates: list[dict]) -> None:
    """A share whose base is named (“chiếm 77% tổng nguồn vốn …”, “đạt 96,91% so với số hộ đã đăng
    ký”) takes as denominator the total it is a “trong đó” part of, in the same sentence; otherwise the
    one value of the document, in the same unit, whose words contain the base's words. Either is an
    inference: the rate becomes `inferred` and its reading says which value was taken."""
    parts_of: dict[tuple, dict] = {}
    targets = _of_a_target(ctx)
    for t in ctx.out["totals"]:
        for p in t.get("parts", []):
            pl = ctx.num_place.get(id(p.get("value")))
            if pl is not None:
                parts_of[(pl[0], pl[1])] = t
    of_part: dict[int, list[tuple[dict, Any]]] = {}
    # a count that is itself a share of an unstated total (“3.898 hộ … chiếm tỷ lệ 97,5%”)
    share_of: dict[tuple, dict] = {}
    for r in rates:
        pl = ctx.num_place.get(id(r["numerator"]))
        if pl is not None and r.get("denominator") is None and not r.get("_base_words") and not r.get("_population"):
            share_of.setdefault((pl[0], pl[1]), r)
    for r in rates:
        words = r.get("_base_words") or ""
        if r.get("denominator") is not None or r.get("_population"):
            continue
        num_place = ctx.num_place.get(id(r["numerator"]))
        den = None
        how = ""
        tot = parts_of.get((num_place[0], num_place[1])) if num_place else None
        whole = (tot.get("_share_base") or tot.get("total")) if tot is not None else None
        if whole is not None and not words and _reached_like_its_total(ctx, r, tot):
            # “giải quyết việc làm cho 20.096 người (đạt 100,48% kế hoạch), trong đó … 981 người … (đạt
            # 57,71%)”: a part that “đạt” a percent after its total's percent of plan reached its own plan
            continue
        if whole is not None and unit_key(tot.get("unit")) == unit_key(r.get("unit")) \
                and not _of_another_time(ctx, r, words) \
                and (words or _same_sentence(ctx, whole, r["numerator"]) or _same_sentence(ctx, tot["total"], r["numerator"])
                     or _listed_on(ctx, tot, r)) \
                and not _names_a_narrower_base(words, tot, _part_words(ctx, r)):
            # “Toàn xã có 1.450 hộ, trong đó 1.378 hộ đạt gia đình văn hóa, chiếm 95%”: the share of
            # a part is of the total it is a part of (of a fraction's whole: “2.590/2.974 hộ …, trong
            # đó … 2.390 hộ (chiếm 80,36%)” is 80,36% of 2.974); decided below, with its siblings
            tpl = ctx.num_place.get(id(tot["total"]))
            top = share_of.get((tpl[0], tpl[1])) if tpl is not None and not words else None
            if top is not None and top is not r and top["percent"].value is not None and top["percent"].value < 100 \
                    and _same_sentence(ctx, tot["total"], r["numerator"]) and not _share_holds(r, whole):
                # “3.898 hộ … chiếm tỷ lệ 97,5% …, trong đó có 1.671 hộ … chiếm tỷ lệ 40,1%”: the total
                # is itself a share of a total the text does not state; the part's share, written
                # the same way, is read as of that one too (both readings are checked: PCT004)
                top["_siblings"] = r["_siblings"] = id(whole)
                r["confidence"] = "inferred"
                r["reading"] = (f"“{r['numerator'].text}” = {r['percent'].text}% của cùng tổng số (không nêu) mà "
                                f"“{top['numerator'].text}” = {top['percent'].text}% (the same unstated total as the "
                                "share of the total it is a part of)")
                continue
            if words and tot.get("_share_base") is not None and tot.get("total") is not None \
                    and not _share_holds(r, whole) and _share_holds(r, tot["total"]):
                # “18.420/19.850 hộ … đạt danh hiệu “Gia đình văn hóa”…; trong đó có 6.215 hộ đạt danh hiệu 3 năm liên
                # tục, chiếm 33,7% số hộ gia đình văn hóa”: a base named is of the fraction's count (the titled
                # households) when that holds and its whole does not (unnamed, siblings that fit neither share an
                # unstated total, below)
                r["denominator"] = tot["total"]
                r["confidence"] = "inferred"
                r["reading"] = (f"“{r['numerator'].text}” = {r['percent'].text}% của tử số {tot['total'].text} của phân số "
                                f"(of the fraction's count, which holds; its whole {whole.text} does not)")
                continue
            up = _enclosing_whole(ctx, parts_of, tot, r)
            if up is not None and not _share_holds(r, whole) and _share_holds(r, up):
                # “Toàn tỉnh có 161 xã, trong đó 88 xã đạt chuẩn …, trong đó có 2 xã đạt chuẩn nâng cao, chiếm
                # 1,2% số xã toàn tỉnh”: of the total the part's total is itself a part of, when that holds
                r["denominator"] = up
                r["confidence"] = "inferred"
                r["reading"] = (f"“{r['numerator'].text}” = {r['percent'].text}% của tổng số bao ngoài {up.text} (of the "
                                "total that the part's own total is a part of)")
                continue
            head = tot.get("total")
            if head is not None and head is not whole and not _bracketed(ctx, r["percent"]) \
                    and not _share_holds(r, whole) and _same_sentence(ctx, head, r["numerator"]) \
                    and _share_fits(head, r, whole):  # (“1.620 hộ … (chiếm 90%)”: a bracketed share is its part's)
                # “88/161 xã đạt chuẩn …, trong đó có 2 xã … (xã A, xã B), chiếm 54,6% số xã toàn tỉnh”: a
                # share said after a “trong đó” aside that fits the head, not the part, is the head's
                r["numerator"] = head
                r["denominator"] = whole
                r["confidence"] = "inferred"
                r["reading"] = (f"{r['percent'].text}% sau phần “trong đó” là tỷ lệ của số đứng đầu câu “{head.text}” "
                                f"trên {whole.text} (the share after a “trong đó” aside is of the head count)")
                continue
            if not words and (ctx.num_place.get(id(whole)) or (None, None))[:2] in targets \
                    and not _share_holds(r, whole):
                # “Số đảng viên nhận lệnh là 79 người (đạt 2,08% so với chỉ tiêu), trong đó đảng viên chính thức là
                # 66 người (chiếm 1,74%)”: a total said as a part of a target; its part's bare share may be of the
                # target too (66 / 3.800), so it is not read against the total
                continue
            if words and not _compounds_kept(words, tot.get("label") or ""):
                continue  # (“… Tự vệ 89 đồng chí, đạt 1,28% so với dân số toàn huyện”: of the population, not the total)
            if words and _DUE.search(words) and not _DUE.search(tot.get("label") or ""):
                continue  # (“tổng nợ … 77,5 tỷ đồng, chiếm 2,9% số phải thu”: of what is due, not of what was collected)
            if _names_its_total(words, tot) and _same_sentence(ctx, tot["total"], r["numerator"]):
                r["_stated_base"] = True
            of_part.setdefault(id(whole), []).append((r, whole))
            continue
        if not words:
            # “Toàn xã có 2.939 hộ, 11.925 khẩu …, có 5.600 người trong độ tuổi lao động chiếm 47,3%”, else the
            # count a list's lead-in states (“… 21 đại biểu, với cơ cấu … như sau:”)
            pop, whose = _territory_count(ctx, r), ("số của cả địa bàn nêu trước trong câu (of the territory's count "
                                                    "stated before it in the sentence)")
            if pop is None:
                pop, whose = _lead_in_count(ctx, r), ("số nêu ở câu dẫn của danh sách (of the count the list's lead-in "
                                                      "states)")
            if pop is None:
                pop, whose = _total_of_noun(ctx, r), ("“tổng số …” của cùng danh từ nêu trước trong câu (the total of the "
                                                      "same noun stated before it in the sentence)")
            if pop is not None:
                r["denominator"] = pop
                r["confidence"] = "inferred"
                r["reading"] = f"“{r['numerator'].text}” = {r['percent'].text}% của {whose}: {pop.text}"
            continue
        want = _words(words)
        if len(want) < 2:
            continue
        found = [c for c in ctx.cands if c.num is not r["numerator"] and unit_key(c.unit) == unit_key(r.get("unit"))
                 and want <= _words(c.label, c.unit) and c.num.value is not None and _compounds_kept(words, c.label)]
        by = _BASE_TIME.search(words)
        if by is not None:
            # “đạt tỷ lệ 2,98% so với tổng số đảng viên cuối năm 2017”: a base of another time is only a value said of
            # that year (never the current total “78.047 đảng viên” of the same words)
            year = by.group("y")
            found = [c for c in found if year is not None and c.year == int(year)]
        own = _part_words(ctx, r)
        if want <= _words(own, r.get("unit")):
            # “Hà Nội dẫn đầu với tổng vốn đầu tư đăng ký 2,53 tỷ USD, chiếm 12,5% tổng vốn đầu tư đăng ký”:
            # the part is named like its base, so another value of that name is as likely a sibling's
            # when it names a subject of its own (“TP. Hồ Chí Minh với tổng vốn đầu tư đăng ký 1,955 tỷ USD”)
            # and says no more of a whole than the part does
            found = [c for c in found if not _PROPER_NAME.search(c.label) or _whole_words(c.label) - _whole_words(own)]
        vals = {c.num.value for c in found}
        if not vals:
            aw = _award_named(ctx, want, r)
            if aw is not None:  # “07 cá nhân (chiếm 15,56% số cá nhân đạt danh hiệu Lao động tiên tiến)”
                found, vals = [aw], {aw.num.value}
        if len(vals) != 1:
            continue  # none, or several different values fit: do not guess
        den = found[0].num
        how = f"“{words}” = “{found[0].label}” {den.text}"
        r["denominator"] = den
        r["confidence"] = "inferred"
        r["reading"] = (r.get("reading") or "") + f" — mẫu số lấy theo tên gọi (the base found by its name): {how}"
    for group in of_part.values():
        _shares_of_parts(group)


def _listed_on(ctx: Ctx, tot: dict, r: dict) -> bool:
    """The total's “trong đó” list goes on over sentences of one shape in its paragraph, each part with its
    share (totals._same_shape_sentences): a part's share there is of the total too."""
    parts = tot.get("parts", [])
    a, b = ctx.num_place.get(id(tot.get("total"))), ctx.num_place.get(id(r["numerator"]))
    f = ctx.num_place.get(id(parts[0].get("value"))) if parts else None
    if a is None or b is None or f is None or not a[0] == b[0] == f[0] or len(parts) < 2:
        return False
    text = ctx.doc.blocks[b[0]].text
    # (parts in sentences after the first part's: the list went on over sentences)
    over = any((pl := ctx.num_place.get(id(p.get("value")))) is not None and sentence_of(text, pl[1]) != sentence_of(text, f[1])
               for p in parts)
    return over and _SHARE_VERB_ANY.search(text, b[2], min(len(text), b[2] + 60)) is not None


_SHARE_VERB_ANY = re.compile(r"(?<!\w)chiếm(?!\w)", re.I)


def _award_named(ctx: Ctx, want: frozenset[str], r: dict) -> MentionCand | None:
    """The one award whose title the base names, counted in the rate's unit: “số cá nhân đạt danh hiệu
    Lao động tiên tiến” → the individuals of “Lao động tiên tiến” (none, or two different counts: None)."""
    field = {"cánhân": "individuals", "tậpthể": "collectives"}.get(unit_key(r.get("unit")) or "")
    if field is None:
        return None
    hits = [aw for aw in ctx.out["awards"] if aw.get(field) is not None and aw[field] is not r["numerator"]
            and (tw := _words(str(aw.get("title") or ""))) and tw <= want and len(tw) >= 2]
    values = {aw[field].value for aw in hits}
    if len(values) != 1 or None in values:
        return None
    aw = hits[0]
    return MentionCand(aw[field], r.get("unit"), str(aw.get("title")), "", None, None, -1, "award")


def _share_holds(r: dict, whole: Any) -> bool:
    """Whether a rate's count over `whole` gives its percent (True when it cannot be computed)."""
    count = is_count_unit(r.get("unit"))
    num, pct = _iv(r["numerator"].text, count), _iv(r["percent"].text, False, r["percent"].approx)
    den = _iv(whole.text, count)
    try:
        ratio = num / den * 100 if num is not None and den is not None else None
    except IntervalError:
        ratio = None
    return ratio is None or pct is None or _holds(pct, ratio)


def _reached_like_its_total(ctx: Ctx, r: dict, tot: dict) -> bool:
    """The part's percent follows “đạt” and its total's own sentence gives the total's percent of plan."""
    pl, tl = ctx.num_place.get(id(r["percent"])), ctx.num_place.get(id(tot.get("total")))
    if pl is None or tl is None or not isinstance(pl[0], int) or not isinstance(tl[0], int):
        return False
    text = ctx.doc.blocks[pl[0]].text
    if not re.search(r"(?<![\w])đạt\s*$", text[max(0, pl[1] - 12):pl[1]], re.I):
        return False
    ttext = ctx.doc.blocks[tl[0]].text
    sa, sb = sentence_of(ttext, tl[1])
    return re.search(r"%\s*(?:so\s+với\s+)?(?:kế\s+hoạch|KH|chỉ\s+tiêu)", ttext[tl[1]:min(sb, pl[1] if tl[0] == pl[0] else sb)],
                     re.I) is not None


def _bracketed(ctx: Ctx, num: Any) -> bool:
    """Whether a number was read inside brackets (“1.620 hộ xanh sạch đẹp (chiếm 90%)”)."""
    pl = ctx.num_place.get(id(num))
    b = ctx.doc.blocks[pl[0]] if pl is not None and isinstance(pl[0], int) else None
    if b is None or not hasattr(b, "text"):
        return False
    text, s = b.text, pl[1]
    return text.rfind("(", 0, s) > text.rfind(")", 0, s)


def _enclosing_whole(ctx: Ctx, parts_of: dict[tuple, dict], tot: dict, r: dict) -> Any:
    """The whole of the total that `tot` is itself a “trong đó” part of, in the rate's sentence (and
    unit), or None."""
    pl = ctx.num_place.get(id(tot.get("total")))
    outer = parts_of.get((pl[0], pl[1])) if pl is not None else None
    if outer is None or outer is tot or unit_key(outer.get("unit")) != unit_key(r.get("unit")):
        return None
    up = outer.get("_share_base") or outer.get("total")
    return up if up is not None and _same_sentence(ctx, up, r["numerator"]) else None


def _share_fits(count: Any, r: dict, whole: Any) -> bool:
    """Whether `count` over `whole` gives the rate's percent, rounded or truncated as written."""
    c = is_count_unit(r.get("unit"))
    num, den = _iv(count.text, c), _iv(whole.text, c)
    p = r["percent"]
    if num is None or den is None or p.value is None or p.approx:
        return False
    try:
        ratio = num / den * 100
    except IntervalError:
        return False
    pv = _iv(p.text, False)
    decimals = max(len(p.text.split(",", 1)[1]) if "," in p.text else 0, 0)
    trunc = Interval(p.value, p.value + Decimal(1).scaleb(-decimals))
    return _holds(pv, ratio) or _holds(trunc, ratio)


def _shares_of_parts(group: list[tuple[dict, Any]]) -> None:
    """The shares written after the parts of one total, read the way that holds: of the total (or
    of the fraction's whole) when that holds; when two or more do not, they are not of it (a base
    the text does not state, such as the households registered): they share an unstated total
    among themselves (PCT004 checks they agree) and the total is not used."""
    failing = [r for r, whole in group if not _share_holds(r, whole)]
    for r, whole in group:
        words = r.get("_base_words") or ""
        if len(failing) >= 2 and r in failing:
            r["_siblings"] = id(whole)
            r["confidence"] = "inferred"
            r["reading"] = (f"“{r['numerator'].text}” = {r['percent'].text}%: không khớp với tổng “{whole.text}” như một "
                            "số tỷ lệ khác của cùng danh sách, nên lấy theo một tổng số chung không nêu (several shares of "
                            f"the list do not fit “{whole.text}”: read as shares of one unstated total)")
            continue
        r["denominator"] = whole
        r["confidence"] = "explicit" if r.get("_stated_base") and whole is not None else "inferred"
        if words:
            r["reading"] = (r.get("reading") or "") + (" — mẫu số lấy theo tên gọi (the base found by its name): "
                                                       f"“{words}” = tổng của “trong đó” {whole.text}")
        else:
            r["reading"] = (f"“{r['numerator'].text}” = {r['percent'].text}% của tổng mà nó là một phần “trong đó” "
                            f"(the share of a part is of its total): {whole.text}")


_HAS = re.compile(r"(?<!\w)toàn\s+(?:xã|phường|thị\s+trấn|huyện|quận|thị\s+xã|thành\s+phố|tỉnh)\s+(?:hiện\s+)?có\b", re.I)
_PEOPLE = frozenset(("người", "khẩu", "nhânkhẩu"))  # (unit keys: a registered person is a person)
_SHARE_VERB = re.compile(r"(?<!\w)(?:chiếm(?:\s+tỷ\s+lệ)?|đạt\s+tỷ\s+lệ)\s*$", re.I)  # (“đạt” alone may be of a plan)
_NEXT_WORD = re.compile(r"\s+(\w+)")


def _territory_count(ctx: Ctx, r: dict) -> Any:
    """The count of the whole territory a share is of, when the sentence states it first and the
    share is written “chiếm P%” right after its own count: “Toàn xã có 2.939 hộ, 11.925 khẩu …, có
    5.600 người trong độ tuổi lao động chiếm 47,3%”. One count of the share's unit (people and
    registered persons alike) between “toàn xã có” and the share's count, else None."""
    uk = unit_key(r.get("unit"))
    places = _count_then_percent(ctx, r)
    if uk is None or not is_count_unit(r.get("unit")) or places is None:
        return None
    num, pct = places
    block = num[0]
    text = ctx.doc.blocks[block].text
    if not _SHARE_VERB.search(text[max(num[2], pct[1] - 80):pct[1]]) or pct[1] - num[2] > 120:
        return None
    sa, _ = sentence_of(text, num[1])
    m = _HAS.search(text, sa, num[1])
    if m is None:
        return None
    def unit_of(t: Any) -> str | None:  # (“11.925 khẩu”: a word the unit list leaves to its context)
        w = _NEXT_WORD.match(text, t.e)
        return unit_key(t.unit) or (unit_key(w.group(1)) if w else None)

    same = [t for t in ctx.toks(block) if m.end() <= t.s < num[1] and t.kind == "value" and not t.pct
            and (unit_of(t) == uk or {unit_of(t), uk} <= _PEOPLE)]
    if len(same) != 1 or _HAS.search(text, m.end(), num[1]):
        return None
    # the territory's own count, not one of its groups with a share of its own (“toàn phường có 26 hộ
    # nghèo, chiếm 0,8%; 58 hộ cận nghèo, chiếm 1,78%”): no percent between it and the share's count
    if any(t.pct for t in ctx.toks(block) if same[0].s < t.s < num[1]):
        return None
    return ctx.num(block, same[0], exact=True)


_TOTAL_OF = re.compile(r"(?<![\w])tổng\s+số\s+(?P<noun>[^\W\d_]+(?:\s+[^\W\d_]+){0,2}?)\s*(?:là|:)?\s*(?=\d)", re.I)


def _total_of_noun(ctx: Ctx, r: dict) -> Any:
    """“Tổng số cử tri 5.230 người, đã có 5.198 cử tri đi bầu, đạt 99,39%”: the total the sentence names
    for the share's own noun (“tổng số cử tri”), before its count, and nothing else of that noun between."""
    places = _count_then_percent(ctx, r)
    if places is None:
        return None
    num, pct = places
    block = num[0]
    text = ctx.doc.blocks[block].text
    if pct[1] - num[2] > 60 or not re.search(r"(?<![\w])(?:chiếm|đạt)(?:\s+tỷ\s+lệ)?\s*$", text[num[2]:pct[1]], re.I):
        return None
    sa, _ = sentence_of(text, num[1])
    m = None
    for m in _TOTAL_OF.finditer(text, sa, num[1]):
        pass
    if m is None:
        return None
    noun = m.group("noun").lower()
    own = unit_key(r.get("unit"))
    tot = next((t for t in ctx.toks(block) if m.end() <= t.s < num[1] and t.kind == "value" and not t.pct), None)
    if tot is None or any(t.kind == "value" and not t.pct for t in ctx.toks(block) if tot.s < t.s < num[1]):
        return None
    # (the share's own clause: “tổng số cử tri 5.678 người, số cử tri đã đi bầu 5.670 người, đạt tỷ lệ …” names the
    # noun again before its count)
    said = text[max(tot.ue, clause_start(text, num[1])):pct[1]].lower()
    if not (own == unit_key(noun) or re.search(rf"(?<![\w]){re.escape(noun)}(?![\w])", said)):
        return None  # the total of another noun
    return ctx.num(block, tot, exact=True)


_LEAD_END = re.compile(r"(?:như\s+sau|sau\s+đây|cụ\s+thể|gồm)?\s*:\s*$", re.I)
_SUBHEAD = re.compile(r"^\s*[*+•-]?\s*[^\d:]{1,40}:\s*$")


def _lead_in_count(ctx: Ctx, r: dict) -> Any:
    """The count a list of shares is of, stated in the paragraph that leads into the list: “… số đại
    biểu trúng cử 21 đại biểu, với cơ cấu, thành phần, trình độ như sau:” then “* Cơ cấu:”, “+ Đại
    biểu nữ: 8 đại biểu, tỷ lệ 38,10 %”, … The share's count is an item of bullets (sub-headings
    such as “* Thành phần:” between them), the lead-in ends with “:”, and its last sentence states
    one value in the share's unit (written once or more); else None."""
    place = ctx.num_place.get(id(r["numerator"]))
    uk = unit_key(r.get("unit"))
    if place is None or not isinstance(place[0], int) or uk is None or not is_count_unit(r.get("unit")):
        return None
    body = ctx.L.body
    if place[0] not in body:
        return None
    inline = _lead_in_same_sentence(ctx, place, uk, r)
    if inline is not None:
        return inline
    k = body.index(place[0])
    n = ctx.L.items.get(place[0])
    if n is None or n.kind != "bullet":
        return None
    lead = None
    head = None   # the sub-heading the share is listed under (“* Thành phần:”)
    for j in range(k - 1, max(-1, k - 40), -1):
        b = body[j]
        q = ctx.doc.blocks[b]
        if not isinstance(q, Para):
            return None
        nj = ctx.L.items.get(b)
        sub = _SUBHEAD.match(q.text) is not None
        if head is None and (sub or (nj is not None and nj.kind == "bullet" and nj.label != n.label)):
            head = b  # (a bullet of another mark, “* Trình độ: …” among “+” items, heads its own group)
        if (nj is not None and nj.kind == "bullet") or sub:
            continue
        lead = b
        break
    if lead is None:
        return None
    text = ctx.doc.blocks[lead].text
    if not _LEAD_END.search(text):
        return None
    sa, _sb = sentence_of(text, max(0, len(text.rstrip()) - 1))
    whole = _the_whole(ctx, lead, sa, len(text), uk, r)
    if whole is not None:
        own = sum(1 for t in ctx.ntoks(place[0]) if t.pct) >= 2   # “* Trình độ: Đại học 16 …, 76,19%. Dưới … 23,80%”
        r["_lead_group"] = (lead, place[0] if own else head)
    return whole


def _the_whole(ctx: Ctx, block: int, a: int, b: int, uk: str, r: dict) -> Any:
    """The one value counted in the share's unit between `a` and `b` of a paragraph (written once or
    more), else in people (“103 người đủ tiêu chuẩn …” for “37 ứng cử viên”) when the share counts
    people; no larger than the share's count; else None."""
    levels = [t for t, rr in zip(ctx.ntoks(block), ctx.roles(block)) if a <= t.s < b and t.form == "number"
              and not t.pct and rr is not None and rr.kind in ("level", "remainder")]
    same = [t for t in levels if unit_key(t.unit) == uk]
    if not same and uk in _PEOPLE_UNITS:
        # people counted as “người” only when the words next to the count name the share's people
        # (“103 người đủ tiêu chuẩn tham gia ứng cử” for “ứng cử viên”; not “cử tri 8.231 người” for “đại biểu”)
        text = ctx.doc.blocks[block].text
        want = set(str(r.get("unit") or "").lower().split()) - {"viên", "người"}
        same = [t for t in levels if unit_key(t.unit) == "người"
                and want & set(text[max(a, t.s - 40):min(b, t.ue + 60)].lower().split())]
    if not same or len({(t.value_text or t.text) for t in same}) != 1:
        return None
    num = r["numerator"].value
    whole = value_of(same[-1])
    if num is None or whole is None or num > whole:
        return None
    return ctx.num(block, same[-1], exact=True)


# people counted by what they are: a count of “người” before a list of them is theirs
_PEOPLE_UNITS = frozenset(("đạibiểu", "ứngcửviên", "cửtri", "cánbộ", "côngchức", "hộiviên",
                           "đoànviên", "đảngviên", "họcsinh", "laođộng", "thànhviên", "đồngchí", "cánhân"))
_LIST_COLON = re.compile(r"(?:như\s+sau|sau\s+đây|cụ\s+thể|gồm(?:\s+có)?)\s*:", re.I)


def _lead_in_same_sentence(ctx: Ctx, place: tuple, uk: str, r: dict) -> Any:
    """“Cơ cấu, thành phần 103 người đủ tiêu chuẩn …, như sau: nữ: 37 ứng cử viên (đạt tỷ lệ 35,92%);
    …”: the count before the list's “như sau:” in the share's own sentence."""
    block, pos = place[0], place[1]
    text = ctx.doc.blocks[block].text
    sa, _ = sentence_of(text, pos)
    m = None
    for m in _LIST_COLON.finditer(text, sa, pos):
        pass
    if m is None:
        return None
    whole = _the_whole(ctx, block, sa, m.start(), uk, r)
    if whole is not None:
        r["_lead_group"] = (block, m.start())
    return whole


def _lead_in_structures(ctx: Ctx, rates: list[dict]) -> None:
    """The shares listed under one sub-heading of a composition (“* Thành phần: + Khối Đảng: 02 đại
    biểu, tỷ lệ 9,52%; …”) whose counts add up to the lead-in's whole exactly are a partition of it:
    their shares make 100 % (SHR001). Groups whose counts do not (“nữ”, “trẻ tuổi”, “tái cử”: one
    person in several) are left alone."""
    groups: dict[tuple, list[dict]] = {}
    for r in rates:
        if r.get("_lead_group") is not None and r.get("denominator") is not None:
            groups.setdefault((r["_lead_group"], r["denominator"].text), []).append(r)
    for (_g, _den), g in groups.items():
        if len(g) < 2:
            continue
        try:
            total = sum(r["numerator"].value for r in g)
        except TypeError:
            continue
        if total != g[0]["denominator"].value:
            continue
        first = g[0]
        ctx.add("structures", {
            "id": f"{first.get('section') or 'doc'}:thanh_phan_{len(ctx.out['structures']) + 1}",
            "label": f"Cơ cấu theo {first.get('unit') or 'số lượng'}", "section": first.get("section"),
            "src": first.get("src"), "confidence": "explicit",
            "shares": [{"label": r.get("label") or "?", "share": r["percent"]} for r in g],
            "reading": (f"các số đếm cộng lại đúng bằng tổng {first['denominator'].text} nên các tỷ lệ là một phép chia "
                        f"trọn (the counts add up to the whole {first['denominator'].text}: the shares are a partition)")})


def _count_then_percent(ctx: Ctx, r: dict) -> tuple[tuple, tuple] | None:
    """The places (block, start, end) of a rate's count and of its percent, when both are in one
    paragraph, the count first; else None."""
    num, pct = ctx.num_place.get(id(r["numerator"])), ctx.num_place.get(id(r["percent"]))
    if num is None or pct is None or num[0] != pct[0] or type(num[0]) is not int or not 0 <= num[2] <= pct[1]:
        return None
    return num, pct


def _part_words(ctx: Ctx, r: dict) -> str:
    """What a rate's count is said to be: its label and the words between the count and its
    percent (“215 hộ cận nghèo là đồng bào Khmer, chiếm 9,6%”)."""
    label = r.get("label") or ""
    places = _count_then_percent(ctx, r)
    if places is None:
        return label
    num, pct = places
    between = ctx.doc.blocks[num[0]].text[num[2]:pct[1]]
    return f"{label} {between}" if len(between) <= 200 else label


def _names_a_narrower_base(words: str, tot: dict, part_label: str) -> bool:
    """Whether the base a part's share names is not the total the part is listed under but a
    population qualified like the part itself: “Hộ nghèo có 1.200 hộ, trong đó 400 hộ nghèo dân
    tộc thiểu số (chiếm 12,5% so với tổng số hộ dân tộc thiểu số …)”: the base has words of the
    part's own qualifier (“dân tộc thiểu số”: two words or more) that the total's label lacks, so
    it is all the households of that group, a total the text does not state. (Words the part does
    not share, “tổng số hộ dân” for “hộ”, are a paraphrase of the total and keep it.)"""
    if not words:
        return False
    extra = _words(words) - _words(tot.get("label") or "", tot.get("unit"))
    mine = _words(part_label)
    # the part's head noun names the measure, which the base may call by a synonym of the
    # total's (“vốn nhân dân …, chiếm 77% tổng nguồn vốn” under “Tổng nguồn lực …”): only the
    # part's qualifiers narrow the base
    head = next((t for w in part_label.split() for t in sorted(content_tokens(w)) if t in mine), None)
    # and a qualifier of one word is too weak a sign (“tổng diện tích đất tự nhiên” for a part “nhóm
    # đất nông nghiệp” under “Diện tích tự nhiên”: “đất” is the land itself)
    return len((extra & mine) - {head}) >= 2


def _names_its_total(words: str, tot: dict) -> bool:
    """Whether the base a share names is the total its part is listed under, as written: the base
    is named as a total (“chiếm 70% tổng vốn đầu tư”, “45% tổng số hội viên”) and most of its
    words are the total's (“Tổng vốn đầu tư xây dựng đường …, trong đó …”). With the total in
    the same sentence, the share is stated in one construction (the severity policy: a failure is
    an error); a bare “chiếm 95%” after a part may be of another base (the households
    registered), and stays a reading of the tool's."""
    if not words or not re.match(r"\s*tổng\b", words.lower()):
        return False
    want = _words(words)
    have = _words(tot.get("label") or "")
    common = want & have
    return len(common) >= 2 and 2 * len(common) >= len(want)


def _same_sentence(ctx: Ctx, a: Any, b: Any) -> bool:
    pa, pb = ctx.num_place.get(id(a)), ctx.num_place.get(id(b))
    if pa is None or pb is None or pa[0] != pb[0] or not isinstance(pa[0], int):
        return False
    return sentence_of(ctx.doc.blocks[pa[0]].text, pa[1]) == sentence_of(ctx.doc.blocks[pb[0]].text, pb[1])


# ----------------------------------------------------------------------------- shares of the economy in prose

_SECTORS = {
    "agri": ("nong", "lam", "thuy san", "ngu nghiep", "chan nuoi", "trong trot"),
    "ind": ("cong nghiep", "xay dung", "xdcb", "ttcn", "tieu thu cong"),
    "serv": ("dich vu", "thuong mai", "du lich"),
}
_SHARE_HEAD = re.compile(r"cơ\s+cấu|tỷ\s+trọng|tỉ\s+trọng|chiếm", re.I)


def _sectors(label: str) -> set[str]:
    from auditor.extract.vn import fold

    f = " " + re.sub(r"[^a-z0-9]+", " ", fold(label)) + " "
    return {k for k, words in _SECTORS.items() if any(f" {w} " in f for w in words)}


def _share_lists(ctx: Ctx, P: Para_) -> None:
    """“nông nghiệp chiếm 20%, công nghiệp – xây dựng 45%, dịch vụ 35%” in one sentence: the shares
    of the economy by sector. Read as a structure (SHR001: they add up to 100%) only when the
    sectors named cover the whole economy once (agriculture, industry, services) or a list ends
    with “khác”; two of three sectors are a partial list and are not read."""
    from auditor.registries.cues import cue

    text = P.text
    for sa, sb in _sentences(text):
        items = []
        prev_end = sa
        for k, t in enumerate(P.toks):
            if not (sa <= t.s < sb) or not t.quantity:
                continue
            r = P.roles[k]
            if t.form != "number" or not t.pct or r is None or r.kind not in ("share", "pct", "pct_of"):
                items = []
                prev_end = t.end
                continue
            seg = text[prev_end:t.start]
            piece = re.split(r"[;,]|\s+và\s+", seg)[-1] if items else seg
            label = re.sub(r"(?:chiếm|tỷ\s+trọng|tỉ\s+trọng|là|đạt|khoảng)\s*$", "", piece.strip(), flags=re.I)
            label = re.sub(r"^(?:trong\s+đó|cơ\s+cấu[^:]*:|và)\s*[,:]?\s*", "", label.strip(" ,;:(-–"), flags=re.I)
            items.append((k, t, label.strip(" ,;:(-–")))
            # the change written in brackets after a share (“chiếm 9,05% (giảm 0,45% …)”) belongs to it
            close = text.find(")", t.ue)
            prev_end = close + 1 if re.match(r"\s*\(", text[t.ue:t.ue + 3]) and close != -1 else t.end
        if len(items) < 2 or not _SHARE_HEAD.search(text, sa, items[0][1].start):
            continue
        if len({_in_paren_at(text, t.start, sa) for _, t, _ in items}) > 1:
            # “đồng bào DTTS … chiếm tỷ lệ 55,3% dân số toàn huyện (dân tộc Xơ Đăng 40,2%, Co 11,24 %, …, các dân tộc
            # thiểu số khác chiếm 2,02%)”: a share and, in brackets, its own breakdown are two levels, not one list
            continue
        if sb >= len(text.rstrip()) and ctx.cut_at_end(P.block):
            continue  # an excerpt that stops inside this sentence: its list may go on
        hits = [_sectors(lb) for _, _, lb in items]
        other = any(cue("other_item").search(lb) for _, _, lb in items)
        flat = [h for hs in hits for h in hs]
        if any(not h for h in hits[:-1] if not other) or len(flat) != len(set(flat)):
            continue
        if set(flat) != set(_SECTORS) and not other:
            continue
        st = {
            "id": f"{ctx.sid(P.block) or 'doc'}:co_cau_{P.block}_{items[0][0]}", "label": "Cơ cấu kinh tế",
            "section": ctx.sid(P.block), "src": ctx.loc(P.block, items[0][1].start, items[-1][1].ue),
            "shares": [{"label": lb or "?", "share": ctx.num(P.block, t, percent=True)} for _, t, lb in items],
            "confidence": "explicit",
            "reading": "các ngành nêu đủ cả nền kinh tế (the sectors named cover the whole economy)"}
        if not other:
            attach_sector_values(ctx, P.block, st, sector_values(ctx, P.block, text, items[-1][1].ue, len(text),
                                                                 [lb for _, _, lb in items]))
        ctx.add("structures", st)
        P.taken.update(k for k, _, _ in items)


def _in_paren_at(text: str, pos: int, floor: int) -> bool:
    o = text.rfind("(", floor, pos)
    return o >= 0 and o > text.rfind(")", floor, pos)


def _sentences(text: str) -> tuple[tuple[int, int], ...]:
    from auditor.extract.vn import sentences

    return sentences(text)
