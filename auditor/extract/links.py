"""“One quantity, one value”: link mentions of the same quantity so VAL001 can compare them.

Two mentions are linked when all of these hold:

* they are in the same part of the report (results with results; a plan table's figures are
  about another period), and not in the same item (an indicator and its own parts, the numbers
  of one sentence clause);
* their units measure the same thing (equal count units; convertible measures: km and m,
  tỷ đồng and triệu đồng; both without unit only for rates);
* the years they name, if any, agree;
* their words name the same quantity: each label's content words are (almost, ≥ 75 %) all in
  the other's — “rãnh thoát nước trong khu dân cư” and “Số rãnh thoát nước trong khu dân cư”;
  for the numerator of “Tỷ lệ A trên B: x/y = p%” the words of A must be in the other mention and
  the other mention's words in the whole rate label. A measure (km, m², ha, tấn …) named by a
  shorter phrase (“lát 2.000m² vỉa hè” / “Vỉa hè làm mới trong khu dân cư”) is linked when the
  pair is the only one with that measure whose words match;
* the change statements “… còn 1,59% giảm …” and “từ 3,32 giảm còn 1,53 năm 2024” about the same
  subject and year are linked by the caller.

Two totals with the same count unit whose parts match (the same 11 chi bộ broken down twice) are
also one quantity.

When in doubt, the reader does not link (issue 12): two narrative mentions of the body are linked
only when their words are the same (not merely the same unit in one sentence); the same words
repeated under sibling headings (“a. Vụ Xuân … Tổng diện tích gieo trồng 226 ha”, “b. Vụ hè thu …
Tổng diện tích gieo trồng 96 ha”) are the same template for two scopes, not one quantity. A fact is
`explicit` when its mentions' labels name the quantity in the same words (or a rate names its
numerator in them); any other link is `inferred`, and VAL001 on it is at most a warning.
Candidates are compared only within buckets of the same unit.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import chain
from typing import Any

from auditor.extract.context import Ctx, MentionCand
from auditor.extract.scan import unit_key
from auditor.extract.vn import content_tokens, is_count_unit, polar_tokens, slug
from auditor.model.units import conversion, unit_info

_DATE = re.compile(r"\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{2,4})?")
_UNIT_WORDS = frozenset(("km", "m", "ha", "tấn", "tạ", "kg", "đồng", "tỷ", "triệu", "hộ", "người", "m2", "m²",
                         "lượt",
                         # the subject (the unit that reports) is not part of the quantity's name
                         "xã", "phường", "huyện", "quận", "tỉnh", "thị", "trấn", "toàn", "địa", "bàn",
                         # discourse words that open a sentence, not part of what is counted
                         "kết", "quả", "cụ", "thể", "nổi", "bật", "chung", "nhìn"))


# Labels repeat across a report's candidates and every pair asks for their words again: each
# label's words are worked out once (the pairwise loop was spending nine tenths of its time here).
@lru_cache(maxsize=8192)
def _tokens(label: str) -> frozenset[str]:
    return frozenset(content_tokens(label, _UNIT_WORDS))


@lru_cache(maxsize=8192)
def _polar(label: str) -> frozenset[str]:
    return frozenset(polar_tokens(label))


def _units_match(a: MentionCand, b: MentionCand) -> str | None:
    """'count', 'measure', 'none' when the units are compatible, else None."""
    ua, ub = unit_key(a.unit), unit_key(b.unit)
    if ua is None and ub is None:
        return "none"
    if ua is None or ub is None:
        # a rate part without a written unit against a count
        if a.kind.startswith("rate") or b.kind.startswith("rate") or a.kind == "change_after" or b.kind == "change_after":
            return "count"
        return None
    if ua == ub:
        return "count" if is_count_unit(a.unit) else "measure"
    if is_count_unit(a.unit) or is_count_unit(b.unit):
        return None
    if conversion(a.unit, b.unit) is not None and unit_info(a.unit).dimension not in (None, "percent"):
        return "measure"
    return None


def _cover(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a) if a else 0.0


def _strong(a: MentionCand, b: MentionCand) -> str | None:
    """How the two labels name one quantity (`_named`), then what the openings of their sentences
    add (“Tháng 10, …” / “Tháng 11, …”, “Vụ Xuân, …” / “Vụ Mùa, …”, “Dự án A …, ngân sách xã …” /
    “Dự án B …, ngân sách xã …”): two different openings are two quantities; an opening on one side
    only (or one that says more) leaves the link an inference."""
    got = _named(a, b)
    if got is None:
        return None
    qa, qb = a.extra.get("qual") or frozenset(), b.extra.get("qual") or frozenset()
    if qa == qb:
        return got
    if qa and qb and not (qa <= qb or qb <= qa):
        return None
    if min(len(_tokens(a.label)), len(_tokens(b.label))) <= 2:
        # “Kết quả bầu cử HĐND huyện … có 33 đại biểu trúng cử” / “… HĐND các xã … có 305 đại biểu
        # trúng cử”: a label of two words says too little to link across openings that differ
        return None
    return "inferred"


def _named(a: MentionCand, b: MentionCand) -> str | None:
    """'explicit' when the two labels name the quantity in the same words (or a rate names its
    numerator in them), 'inferred' when they only mostly agree, None when they are not one quantity.
    The topic of a bullet scopes the words after it (“- Cây lạc: Diện tích gieo trồng 33 ha”); when
    it only restates their subject (“- Tổ chức cơ sở Đảng: Đảng bộ xã có 282 đảng viên”, a word in
    common) the words after it, against a mention without a topic, can name one quantity: at most
    an inferred link."""
    la, lb = a.label, b.label
    bare_a, bare_b = a.extra.get("bare"), b.extra.get("bare")
    if bool(bare_a) != bool(bare_b):
        x, bare = (a, bare_a) if bare_a else (b, bare_b)
        if _tokens(x.extra.get("topic") or "") & _tokens(bare):
            la, lb = bare_a or la, bare_b or lb
            got = _strong_labels(a, b, la, lb)
            return "inferred" if got else None
        got = _strong_labels(a, b, la, lb)
        if got == "inferred" and (_tokens(a.label) ^ _tokens(b.label)) <= _tokens(x.extra.get("topic") or ""):
            return None  # the word more is the topic: a scope (“- Cây lạc: Diện tích gieo trồng …”)
        return got
    return _strong_labels(a, b, la, lb)


_LEVEL = re.compile(r"(?<![\w])(xã|phường|thị\s+trấn|huyện|quận|thị\s+xã|thành\s+phố|tỉnh)(?![\w])", re.I)


@lru_cache(maxsize=8192)
def _levels(label: str) -> frozenset[str]:
    return frozenset(re.sub(r"\s+", " ", m.group(1).lower()) for m in _LEVEL.finditer(label))


def _strong_labels(a: MentionCand, b: MentionCand, la: str, lb: str) -> str | None:
    ta, tb = _tokens(la), _tokens(lb)
    if len(ta) < 2 or len(tb) < 2:
        return None
    lva, lvb = _levels(la), _levels(lb)
    if lva and lvb and lva != lvb:
        return None  # “hộ nghèo của huyện” / “hộ nghèo của xã”: the place words left out of the name still scope it
    if _polar(la) != _polar(lb):
        return None
    for x, y, tx, ty in ((a, b, ta, tb), (b, a, tb, ta)):
        if x.context:  # a rate's numerator / denominator
            if _cover(tx, ty) >= 0.85 and _cover(ty, _tokens(x.context) | tx) >= 0.85:
                return "explicit"
    if a.context or b.context:
        return None
    if ta == tb:
        return "explicit"
    small, big = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if small <= big and _cover(big, small) >= 0.66:
        return "inferred"  # one label is the other with a word more (“Số rãnh thoát nước …”)
    return None


def _weak_ok(a: MentionCand, b: MentionCand) -> bool:
    ta, tb = _tokens(a.extra.get("np") or a.label), _tokens(b.extra.get("np") or b.label)
    small, big = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    return len(small) >= 2 and small <= big


def link(ctx: Ctx) -> None:
    cands = [c for c in ctx.cands if c.part in ("results", "other", None) and c.num.value is not None]
    n = len(cands)
    parent = list(range(n))
    how: dict[int, str] = {}  # root → weakest link of the group

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(x: int, y: int, kind: str) -> None:
        rx, ry = find(x), find(y)
        k = "inferred" if "inferred" in (kind, how.get(rx), how.get(ry)) else "explicit"
        parent[rx] = ry
        how[ry] = k

    # looked up for every pair: the sections by id once (the first of an id, as a scan would find)
    sections: dict[str, Any] = {}
    for sec in ctx.L.sections:
        sections.setdefault(sec.id, sec)
    buckets: dict[str, list[int]] = {}
    for i, c in enumerate(cands):
        buckets.setdefault(_bucket(c), []).append(i)
    weak: dict[tuple[str, str], list[tuple[int, int]]] = {}
    # generated, not listed: a long report's pairs would otherwise all be held in memory at once
    pairs = chain(((i, j) for idx in buckets.values() for x, i in enumerate(idx) for j in idx[x + 1:]),
                  ((i, j) for i in buckets.get("", []) for key, idx in buckets.items() if key for j in idx))
    for i, j in pairs:
        a, b = cands[i], cands[j]
        if a.group == b.group or not _compatible(a, b) or _sibling_scopes(sections, a, b):
            continue
        if a.kind == b.kind == "indicator" and a.extra.get("table") and a.extra.get("table") == b.extra.get("table"):
            continue
        kind = _units_match(a, b)
        if kind is None:
            continue
        if a.kind == b.kind == "change_after":
            if a.extra.get("pair") is not None and a.extra.get("pair") == b.extra.get("pair"):
                union(i, j, "inferred")  # two sentences about one subject and year
            continue
        strong = _strong(a, b)
        if strong and (a.extra.get("inferred") or b.extra.get("inferred")):
            strong = "inferred"  # a value read by inference (“130,7/120 ha” as actual/plan) links at most as one
        if strong:
            union(i, j, strong)
        elif kind == "measure" and _weak_ok(a, b) and _one_listed(a, b) \
                and unit_info(a.unit).dimension in ("length", "area", "mass", "volume"):
            dim = unit_info(a.unit).dimension or unit_key(a.unit) or ""
            weak.setdefault((dim, ""), []).append((i, j))
    for (_dim, _), wpairs in weak.items():
        counts: dict[int, int] = {}
        for i, j in wpairs:
            counts[i] = counts.get(i, 0) + 1
            counts[j] = counts.get(j, 0) + 1
        for i, j in wpairs:
            if counts[i] == 1 and counts[j] == 1:
                union(i, j, "inferred")
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    keys: set[str] = set()
    for members in groups.values():
        if len(members) < 2:
            continue
        ms = sorted((cands[i] for i in members), key=lambda c: (c.kind != "indicator", c.block))
        # two mentions of one place (the same number) are one mention
        seen, uniq = set(), []
        for m in ms:
            k = (m.num.src.line if m.num.src else None, m.num.src.paragraph if m.num.src else None,
                 m.num.src.start if m.num.src else None, m.num.text)
            if k in seen:
                continue
            seen.add(k)
            uniq.append(m)
        if len(uniq) < 2:
            continue
        head = uniq[0]
        key = slug(head.label)[:40] or "fact"
        base, k = key, 2
        while key in keys:
            key, k = f"{base}_{k}", k + 1
        keys.add(key)
        conf = how.get(find(members[0]), "explicit")
        reading = "; ".join(f"“{m.label}” = {m.num.text}" for m in uniq)
        ctx.add("facts", {"key": key, "label": head.label, "unit": head.unit,
                          "confidence": conf,
                          "reading": f"cùng một số liệu (one quantity): {reading}",
                          "mentions": [{"value": m.num, "unit": m.unit, "where": m.where, "section": m.section,
                                        "src": m.num.src} for m in uniq]})


def _bucket(c: MentionCand) -> str:
    """Candidates that can be one quantity share a bucket: the unit's dimension or its key; a
    mention without a unit ("") is compared with every bucket (a rate's part against a count)."""
    info = unit_info(c.unit)
    if info.dimension not in (None, "percent"):
        return info.dimension
    return unit_key(c.unit) or ""


def _one_listed(a: MentionCand, b: MentionCand) -> bool:
    """A short narrative phrase may name an indicator of a list or table (“lát 2.000m² vỉa hè” for
    “Vỉa hè làm mới trong khu dân cư”), never another sentence of the body."""
    def listed(c: MentionCand) -> bool:
        return c.kind == "indicator" and (bool(c.extra.get("table")) or c.block == -1 or c.extra.get("listed"))
    return listed(a) != listed(b)


def _sibling_scopes(sections: dict[str, Any], a: MentionCand, b: MentionCand) -> bool:
    """The same kind of mention under two sibling headings (a. Vụ Xuân / b. Vụ hè thu; + Cây lúa / +
    Cây ngô): one template repeated for two scopes."""
    if a.kind != b.kind or a.section == b.section or a.section is None or b.section is None:
        return False
    sa, sb = sections.get(a.section), sections.get(b.section)
    if sa is None or sb is None:
        return False
    return sa.parent is sb.parent and sa.level == sb.level


def _compatible(a: MentionCand, b: MentionCand) -> bool:
    if a.part != b.part and not ({a.part, b.part} <= {"results", "other", None}):
        return False
    sa, sb = a.extra.get("scope"), b.extra.get("scope")
    if a.kind == b.kind and sa and sb and sa != sb:
        return False  # one template under two short headings (a. Vụ Xuân / b. Vụ hè thu)
    da = a.extra.get("dates") or tuple(_DATE.findall(a.label))
    db = b.extra.get("dates") or tuple(_DATE.findall(b.label))
    if da and db and da != db:
        return False  # “giải ngân đến 22/01/2021” and “… đến 31/01/2021” are two moments
    ta, tb = a.extra.get("time"), b.extra.get("time")
    if ta and tb and ta != tb:
        return False  # the stock at the start of the year and at its end
    if a.year and b.year and a.year != b.year:
        return False
    if a.block == b.block and a.extra.get("clause") and a.extra.get("clause") == b.extra.get("clause"):
        return False
    if a.block == b.block and a.extra.get("sentence") and a.extra.get("sentence") == b.extra.get("sentence") \
            and not (a.kind.startswith("rate") or b.kind.startswith("rate")):
        # one sentence lists different things (“lúa 6.838,3 ha, năng suất dự kiến 69,4 tạ/ha; bắp 1.025,2 ha,
        # năng suất dự kiến 60,2 tạ/ha”); only a formula restates a quantity in the same sentence
        return False
    return True


def totals_facts(ctx: Ctx) -> None:
    """The same breakdown given twice (same count unit, parts that match) is one quantity."""
    tots = [t for t in ctx.out["totals"] if t.get("total") is not None and t.get("unit") and is_count_unit(t["unit"])]
    linked: set[int] = set()
    for i, a in enumerate(tots):
        for j in range(i + 1, len(tots)):
            b = tots[j]
            if j in linked or unit_key(a["unit"]) != unit_key(b["unit"]) or len(a["parts"]) < 2 or len(b["parts"]) < 2:
                continue
            if a["total"].src == b["total"].src:
                continue
            matched = 0
            for pa in a["parts"]:
                ta = _tokens(pa["label"]) - _tokens(a["unit"])
                if any(ta & (_tokens(pb["label"]) - _tokens(b["unit"])) for pb in b["parts"]):
                    matched += 1
            if matched * 2 < max(len(a["parts"]), len(b["parts"])):
                continue
            same_values = sum(1 for pa, pb in zip(a["parts"], b["parts"])
                              if pa["value"].value is not None and pa["value"].value == pb["value"].value)
            if same_values < min(len(a["parts"]), len(b["parts"])):
                continue  # two breakdowns by the same categories of different totals (received, resolved)
            if polar_tokens(a["label"]) != polar_tokens(b["label"]) or any(
                    polar_tokens(pa["label"]) != polar_tokens(pb["label"]) for pa, pb in zip(a["parts"], b["parts"])):
                continue  # the same kinds of parts under two different totals (hộ nghèo, hộ cận nghèo)
            linked.add(j)
            key = slug(f"so {a['unit']}")[:40]
            ctx.add("facts", {"key": key, "label": a["label"], "unit": a["unit"], "confidence": "explicit",
                              "reading": f"cùng một tổng, nêu hai lần với cùng các phần (one total stated twice): {a['label']}",
                              "mentions": [{"value": t["total"], "unit": t["unit"], "where": t["label"],
                                            "section": t.get("section"), "src": t["total"].src} for t in (a, b)]})

