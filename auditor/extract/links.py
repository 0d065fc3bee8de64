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
Candidates are compared only within buckets of the same unit, and not pairwise: by profiles (what
decides a link), looked up through their rarest words (`link_groups`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from auditor.extract.context import Ctx, MentionCand
from auditor.extract.prose import CHANGE_HEAD, sentence_of
from auditor.extract.scan import unit_key
from auditor.extract.vn import ADMIN_PLACE, ADMIN_PLACE_NEEDS, content_tokens, is_count_unit, polar_tokens, slug
from auditor.files.rxgate import may_match
from auditor.model.units import conversion, unit_info

_DATE = re.compile(r"\d\d?\s*/\s*\d{1,2}(?:\s*/\s*\d{2,4})?")  # (“\d\d?”, not “\d{1,2}”: `re` skips to a digit in C)
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


# the share of a rate's part's words the other label must hold (`_probes` relies on it)
_COVER = 0.85


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
    na, nb = a.extra.get("names"), b.extra.get("names")
    if na and nb and not (na <= nb or nb <= na):
        return None  # two paragraphs about two places (prose.paragraph_names); one side unnamed says nothing
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
            other = lb if x is a else la
            if _levels(x.extra.get("topic") or "") - _levels(other):
                # “- Nguồn vốn ngân sách tỉnh: kế hoạch vốn 100 tỷ đồng” / “Kế hoạch vốn năm 2024 đã giao 200 tỷ
                # đồng”: a topic naming a level scopes the words after it even when it shares one of them
                return None
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


# Words that say when or how a figure is counted, not what: “Lũy kế 8 tháng năm 2024” names no quantity
# (the imports of one sentence and the exports of the next are both “lũy kế 8 tháng”).
_WHEN_WORDS = frozenset(("luy", "ke", "cong", "don", "thang", "nam", "quy", "dau", "cuoi", "ca", "uoc", "dat",
                         "thuc", "hien", "tinh", "den", "het", "ky", "nay", "qua", "trong", "tu"))


# The verbs of case statistics: “Khởi tố 4 vụ” (of corruption) and “Đã khởi tố 179 vụ” (of every kind) are
# two quantities; what is counted is named by the object, not by the act.
_ACT_WORDS = frozenset(("khoi", "to", "bat", "giu", "phat", "hien", "xu", "ly", "tiep", "nhan", "giai", "quyet",
                        "kiem", "tra", "dieu", "truy", "xet", "xay", "ra", "thu", "lam", "ro", "triet", "pha",
                        "duoc"))  # (not “đã”, “có”: folded they are “đá”, “cỏ” too)


def _strong_labels(a: MentionCand, b: MentionCand, la: str, lb: str) -> str | None:
    ta, tb = _tokens(la), _tokens(lb)
    if len(ta) < 2 or len(tb) < 2:
        return None
    if not ta - _WHEN_WORDS - _ACT_WORDS or not tb - _WHEN_WORDS - _ACT_WORDS:
        return None
    lva, lvb = _levels(la), _levels(lb)
    if lva and lvb and lva != lvb:
        return None  # “hộ nghèo của huyện” / “hộ nghèo của xã”: the place words left out of the name still scope it
    if _polar(la) != _polar(lb):
        return None
    for x, y, tx, ty in ((a, b, ta, tb), (b, a, tb, ta)):
        if x.context:  # a rate's numerator / denominator
            if _cover(tx, ty) >= _COVER and _cover(ty, _tokens(x.context) | tx) >= _COVER:
                return "explicit"
    if a.context or b.context:
        return None
    if ta == tb:
        return "explicit"
    small, big = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if small <= big and _cover(big, small) >= 0.66:
        if _narrowed(la, lb):
            return None
        return "inferred"  # one label is the other with a word more (“Số rãnh thoát nước …”)
    return None


_NARROWING = re.compile(r"\s+(?:theo|của|tại|thuộc|ngoài|do|từ)(?![\w])", re.I)


def _narrowed(la: str, lb: str) -> bool:
    """One label is the other followed by words that narrow it (“Thu ngân sách địa phương hưởng” and
    “… hưởng theo phân cấp”, a part listed under it): two quantities, not one said twice."""
    a, b = (" ".join(re.sub(r"[^\w\s]", " ", x.lower()).split()) for x in (la, lb))
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return bool(short) and long_.startswith(short) and _NARROWING.match(long_, len(short)) is not None


def _weak_ok(a: MentionCand, b: MentionCand) -> bool:
    ta, tb = _tokens(a.extra.get("np") or a.label), _tokens(b.extra.get("np") or b.label)
    small, big = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    return len(small) >= 2 and small <= big


def link(ctx: Ctx) -> None:
    """Links the mentions of one quantity among the candidates of `ctx` (`link_groups`) into facts."""
    cands = [c for c in ctx.cands if c.part in ("results", "other", None) and c.num.value is not None]
    _spans(ctx, cands)
    keys: set[str] = set()
    for group, conf in link_groups(cands, ctx.L.sections):
        for members in _consistent_parts(group, cands):
            _add_fact(ctx, keys, [cands[i] for i in members], conf)


def _add_fact(ctx: Ctx, keys: set[str], group: list[MentionCand], conf: str) -> None:
    ms = sorted(group, key=lambda c: (c.kind != "indicator", c.block))
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
        return
    head = uniq[0]
    key = slug(head.label)[:40] or "fact"
    base, n = key, 2
    while key in keys:
        key, n = f"{base}_{n}", n + 1
    keys.add(key)
    reading = "; ".join(f"“{m.label}” = {m.num.text}" for m in uniq)
    ctx.add("facts", {"key": key, "label": head.label, "unit": head.unit,
                      "confidence": conf,
                      "reading": f"cùng một số liệu (one quantity): {reading}",
                      "mentions": [{"value": m.num, "unit": m.unit, "where": m.where, "section": m.section,
                                    "src": m.num.src} for m in uniq]})


def _consistent_parts(group: list[int], cands: list[MentionCand]) -> list[list[int]]:
    """A group joined through a vague mention (a headline's “đạt hơn 22,9 tỷ đồng”, of no span) may hold
    mentions that are two quantities by what they say (“trong tháng 10 … 14,1 tỷ đồng” and “Tính từ đầu năm
    … 22,9 tỷ đồng”) or by where they are (“cây lúa …, năng suất bình quân đạt 61,1 tạ/ha …; cây bắp …, năng
    suất bình quân đạt 60,32 tạ/ha”, one sentence): the mentions compatible with two that are not are left
    out as ambiguous, and the rest split into sets compatible with each other. (A group with no such pair
    is kept whole.) Compared once per kind of mention (what `_compatible` reads, and the sentence when the
    group is small): a long report's many copies cost no more."""
    small = len(group) <= _SMALL_GROUP
    kinds: dict[Any, list[int]] = {}
    for i in group:
        c = cands[i]
        x = c.extra
        key = (c.part, c.kind, x.get("scope"), x.get("dates") or tuple(_DATE.findall(c.label)), x.get("time"),
               x.get("season"), x.get("span"), c.year, (c.block, x.get("sentence")) if small else None,
               x.get("subject"), x.get("epoch"), x.get("about"))
        try:
            kinds.setdefault(key, []).append(i)
        except TypeError:  # (a value that cannot be hashed: a kind of its own)
            kinds.setdefault(("alone", i), []).append(i)
    reps = [ms[0] for ms in kinds.values()]
    if len(reps) < 2:
        return [group]

    def apart(a: MentionCand, b: MentionCand) -> bool:
        if not _compatible(a, b):
            return True
        sa, sb = a.extra.get("sentence"), b.extra.get("sentence")
        return small and a.block == b.block and sa is not None and sa == sb \
            and not (a.kind.startswith("rate") or b.kind.startswith("rate"))

    pairs = {(p, q) for p in range(len(reps)) for q in range(p + 1, len(reps)) if apart(cands[reps[p]], cands[reps[q]])}
    # (one kind's own members in one sentence are apart too: two items of one list)
    inner = {p for p, ms in enumerate(kinds.values()) if len(ms) > 1 and small and apart(cands[ms[0]], cands[ms[1]])}
    if not pairs and not inner:
        return [group]
    bridges = {m for m in range(len(reps)) for p, q in pairs
               if m not in (p, q) and (min(m, p), max(m, p)) not in pairs and (min(m, q), max(m, q)) not in pairs}
    bridges |= {m for m in range(len(reps)) for p in inner if m != p and (min(m, p), max(m, p)) not in pairs}
    parts: list[list[int]] = []
    for m in range(len(reps)):
        if m in bridges:
            continue
        home = next((h for h in parts if all((min(m, x), max(m, x)) not in pairs for x in h)), None)
        if home is None:
            parts.append([m])
        else:
            home.append(m)
    members = list(kinds.values())
    out = [sorted(i for k in h if k not in inner for i in members[k]) for h in parts]
    return [p for p in out if len(p) > 1]


_SMALL_GROUP = 8  # (a group this small is compared mention by mention, its sentences included)


def link_groups(cands: list[MentionCand], section_list: list[Any]) -> list[tuple[list[int], str]]:
    """The groups of candidates that are one quantity (indices into `cands`, in order; groups in
    the order of their first candidate) and how each is linked ('explicit' or 'inferred').

    Whether two candidates are one quantity depends on what they say (their profile: the words,
    unit, kind, year, scope … of `_profile`; `_decide`) and on where they are (never within one
    item, clause, sentence or table, nor under sibling headings; `_apart`). Candidates with one
    profile are decided once; two profiles are compared only when one holds a rarest word of the
    other's label (`_probes`: a linkable pair always does), not every pair in a unit's bucket: a
    repeated body repeats its labels, and the pairwise loop grew with the square of the copies.
    The candidates of linked profiles are joined by a walk that skips only the pairs kept apart
    (`_join`), the weak pairs counted without listing them (`_weak_counts`). The groups are
    exactly those of the pairwise loop, which tests/links_reference.py keeps and
    tests/test_links_index.py compares with this one."""
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

    # looked up for every candidate: the sections by id once (the first of an id, as a scan would find)
    sections: dict[str, Any] = {}
    for sec in section_list:
        sections.setdefault(sec.id, sec)
    places = [_place(c, sections) for c in cands]
    members: dict[Any, list[int]] = {}
    for i, c in enumerate(cands):
        members.setdefault(_profile(c, i), []).append(i)
    profs = list(members.values())  # in the order of their first candidate
    reps = [cands[m[0]] for m in profs]
    bucket = [_bucket(r) for r in reps]
    # which profiles to compare: those that share one of the rarest words of the other's label
    # (`_probes`); a word's rarity is the number of profiles that hold it
    held = [_keys(r) for r in reps]
    postings: dict[Any, list[int]] = {}
    for p, keys in enumerate(held):
        for key in keys:
            postings.setdefault(key, []).append(p)
    rarity = {key: (len(ps), str(key)) for key, ps in postings.items()}
    weak: dict[str, list[tuple[int, int]]] = {}
    stars: dict[tuple[int, str, bool], list[int]] = {}
    done: set[tuple[int, int]] = set()
    for p, r in enumerate(reps):
        others = {p}
        for key in _probes(r, rarity):
            others.update(postings[key])
        for q in sorted(others):
            if (min(p, q), max(p, q)) in done:
                continue  # found from q's words too
            done.add((min(p, q), max(p, q)))
            if bucket[p] != bucket[q] and bucket[p] and bucket[q]:
                continue  # compared within a unit's bucket, and a mention without a unit with every bucket
            # the pairwise loop took a mention without a unit first, else the earlier candidate
            x, y = (q, p) if bucket[q] == "" and bucket[p] != "" else (p, q)
            got = _decide(reps[x], reps[y])
            if got is None:
                continue
            what, arg = got
            if what == "link" and x == y:
                _join(profs[x], profs[x], True, True, arg, cands, places, union)
            elif what == "link":
                # joined by stars around the larger profile: a profile linked to many others (a
                # label and its variants) is walked once, not once for each of them
                hub, leaf = (x, y) if (len(profs[x]), -x) >= (len(profs[y]), -y) else (y, x)
                stars.setdefault((hub, arg, reps[hub].kind == reps[leaf].kind), []).append(leaf)
            else:
                weak.setdefault(arg, []).append((x, y))
    for (hub, kind, sib_applies), leaves in stars.items():
        _join(profs[hub], [i for leaf in leaves for i in profs[leaf]], False, sib_applies, kind, cands, places, union)
    for wpairs in weak.values():
        counts = _weak_counts(wpairs, profs, cands, places)
        for x, y in wpairs:
            for i in profs[x]:
                if counts[i] == 1:
                    j = next((j for j in profs[y] if not _apart(cands[i], cands[j], places[i], places[j])), None)
                    if j is not None and counts[j] == 1:
                        union(i, j, "inferred")
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return [(part, how.get(find(members[0]), "explicit")) for members in groups.values() if len(members) > 1
            for part in split_templates(members, cands) if len(part) > 1]


def split_templates(members: list[int], cands: list[MentionCand]) -> list[list[int]]:
    """A group whose mentions are all one sentence written again up to its figure (the same words before it),
    each going on about another thing after it (“… đã điều động 820 lượt phương tiện … tổ chức chữa cháy …” /
    “… đã điều động 347 lượt phương tiện … thực hiện cứu nạn, cứu hộ …”), is one group per thing: instances of a
    template, not one quantity stated twice. Linear in the group (one pass, a few kinds of tail)."""
    templates = [cands[i].extra.get("template") for i in members]
    if not all(templates) or len({t[0] for t in templates}) != 1:  # type: ignore[index]
        return [members]
    parts: list[tuple[frozenset[str], list[int]]] = []
    for i, t in zip(members, templates):
        tail = t[1]  # type: ignore[index]
        for rep, part in parts:
            if not rep or not tail or len(rep & tail) * 2 >= len(rep | tail):
                part.append(i)
                break
        else:
            parts.append((tail, [i]))
    return [part for _rep, part in parts]


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


def _one_span(pa: str, pb: str) -> bool:
    """“months:6:” and “months:6:đầu”: “6 tháng” and “6 tháng đầu năm” are one span (`span_before`)."""
    xa, xb = pa.split(":"), pb.split(":")
    return len(xa) == len(xb) == 3 and xa[:2] == xb[:2] == ["months", xa[1]] and "" in (xa[2], xb[2]) \
        and "cuối" not in (xa[2], xb[2])


def _names_a_change(scope: str | None) -> bool:
    return scope is not None and CHANGE_HEAD in scope  # (a list's lead-in naming a change, prose._list_head)


def _compatible(a: MentionCand, b: MentionCand) -> bool:
    """What the two mentions say allows one quantity (part, scope, dates, moment, year); where
    they are is `_apart`'s."""
    if a.part != b.part and not ({a.part, b.part} <= {"results", "other", None}):
        return False
    sa, sb = a.extra.get("scope"), b.extra.get("scope")
    if a.kind == b.kind and sa and sb and sa != sb:
        return False  # one template under two short headings (a. Vụ Xuân / b. Vụ hè thu)
    if _names_a_change(sa) != _names_a_change(sb):
        return False  # “dư nợ tăng chủ yếu ở các chương trình như: cho vay … là 340,6 tỷ đồng”: items of increases
    da = a.extra.get("dates") or tuple(_DATE.findall(a.label))
    db = b.extra.get("dates") or tuple(_DATE.findall(b.label))
    if da and db and da != db:
        return False  # “giải ngân đến 22/01/2021” and “… đến 31/01/2021” are two moments
    oa, ob = a.extra.get("about"), b.extra.get("about")
    if oa and ob and oa != ob:
        return False  # (“Về sản xuất nông nghiệp, … 58.240 tấn” and “Về thủy sản, … 123 tấn”)
    ua, ub = a.extra.get("subject"), b.extra.get("subject")
    if ua and ub and ua != ub:
        return False  # (the findings of an inspection of xã Thanh Bình and of one of xã Kỳ Khang)
    if a.extra.get("epoch", 0) != b.extra.get("epoch", 0):
        return False  # (before and after a paragraph that narrows to “Riêng quý 4, …”: two periods)
    ta, tb = a.extra.get("time"), b.extra.get("time")
    if ta and tb and ta != tb:
        return False  # the stock at the start of the year and at its end
    va, vb = a.extra.get("season"), b.extra.get("season")
    if va and vb and va != vb:
        return False  # “vụ thu mùa …: khoai lang 1.266 ha” and “vụ đông …: khoai lang 933 ha”
    pa, pb = a.extra.get("span"), b.extra.get("span")
    if pa and pb and pa != pb and not _one_span(pa, pb):
        return False  # “ước thực hiện tháng 9 … 4,5 tỷ” and “Tính chung 9 tháng … 40,8 tỷ”: two periods
    if a.year and b.year and a.year != b.year:
        return False
    return True


# the span of time a paragraph's figures are of, named before them: “tháng 9”, “9 tháng”, “6 tháng đầu
# năm”, “quý I” (“ngày 30 tháng 9” is a date, not a span)
_SPAN = re.compile(r"(?<![\w])(?:(?P<ytd>từ\s+đầu\s+năm(?!\s+\d))|(?P<y>năm\s+(?P<yy>(?:19|20)\d\d)(?=\s*,))|(?P<n>\d{1,2})\s+tháng(?:\s+(?P<half>đầu|cuối)\s+năm)?|tháng\s+"
                   r"(?P<m>\d{1,2})(?:\s*[/.-]\s*(?:19|20)\d\d)?(?![\d/.-])|quý\s+(?P<q>IV|I{1,3}|[1-4])(?![\w]))", re.I)
_SPAN_NEEDS = (("năm", "quý", "tháng", "đầu"),)  # what every match holds (`rxgate.needs`, written out: tests/test_rxgate.py)
# (“tháng 02/2023”: a month with its year is the month)
_DAY_BEFORE = re.compile(r"(?:ngày|\d)\s*$", re.I)
# a year heads its clause (“Năm 2021, …”, “Trong năm 2021, …”): not “so với năm 2021,”, “tháng 9 năm 2022,”
_YEAR_HEADS = re.compile(r"(?:^|[.;:!?\n(,])\s*(?:(?:trong|riêng|cả|tính\s+chung(?:\s+cả)?)\s+)?$", re.I)
_MONTH_AFTER = re.compile(r"\s*\d")


def span_before(text: str, pos: int) -> str | None:
    """The last span of time named in `text` before `pos`: “months:9”, “month:9”, “quarter:I”, “ytd”
    (“ngày 30 tháng 9”, “30 tháng 9” are dates)."""
    last = None
    for m in (_SPAN.finditer(text, 0, pos) if may_match(text, _SPAN_NEEDS) else ()):
        if m.group("n") and not m.group("half") and _MONTH_AFTER.match(text, m.end()):
            continue  # “30 tháng 9”: a day of a month
        if m.group("m") and _DAY_BEFORE.search(text, max(0, m.start() - 8), m.start()):
            continue
        if m.group("y") and not _YEAR_HEADS.search(text, max(0, m.start() - 24), m.start()):
            continue
        last = m
    if last is None:
        return None
    if last.group("y"):
        return f"year:{last.group('yy')}"  # “Năm 2021, toàn tỉnh …”: a whole year, named at the head of a clause
    if last.group("ytd"):
        return "ytd"  # “Tính từ đầu năm đến nay”, after “trong tháng 10”: the year so far, not the month
    if last.group("n"):
        return f"months:{int(last.group('n'))}:{(last.group('half') or '').lower()}"
    if last.group("m"):
        return f"month:{int(last.group('m'))}"
    return f"quarter:{last.group('q').upper()}"


# a sentence that opens on a part of what the sentence before it counted: its figures are of a subset
_SUBSET = re.compile(r"\s*[-+•]?\s*(?:trong\s+đó|trong\s+số\s+(?:đó|này)|riêng)(?![\w])", re.I)


def _subset_of(a: MentionCand, b: MentionCand) -> bool:
    """`a` is in a sentence opening on a subset (“Trong đó, …”) of the earlier sentences of its
    paragraph, where `b` is: a part of what `b` counts, not `b` again. (A mention elsewhere, a
    headline's “đóng góp 3,93 điểm” restated in the breakdown, can still be the same.)"""
    sa, sb = a.extra.get("sentence"), b.extra.get("sentence")
    return bool(a.extra.get("subset")) and not b.extra.get("subset") and a.block == b.block \
        and isinstance(sa, tuple) and isinstance(sb, tuple) and sb[0] < sa[0]


def _spans(ctx: Ctx, cands: list[MentionCand]) -> None:
    """Each candidate of a paragraph gets the span of time named before it in its paragraph, and
    whether its sentence opens on a subset of the sentence before (“Trong đó, …”, “Riêng …”)."""
    epochs: dict[int, int] = {}  # block → how many paragraphs before it opened on “Riêng quý 4, …”
    for c in cands:
        place = ctx.num_place.get(id(c.num))
        if place is None or not isinstance(place[0], int) or "span" in c.extra:
            continue
        epoch = _epoch(ctx, place[0], epochs)
        if epoch:
            c.extra["epoch"] = epoch
        subject = _subject_place(ctx, place[0], place[1])
        if subject:
            c.extra["subject"] = subject
        about = _topic_before(ctx, place[0], place[1])
        if about:
            c.extra["about"] = about
        block = ctx.doc.blocks[place[0]]
        text = getattr(block, "text", None)
        if isinstance(text, str):
            span = span_before(text, place[1])
            if span is not None:
                c.extra["span"] = span
            if _SUBSET.match(text, sentence_of(text, place[1])[0]):
                c.extra["subset"] = True


# a paragraph that narrows what follows to a span of time: “Riêng quý 4, toàn ngành …”, “Tính riêng tháng 12, …”
_NARROWS_TO_SPAN = re.compile(r"\s*[-+•]?\s*(?:tính\s+)?riêng\s+(?:trong\s+)?(?:quý|tháng|\d{1,2}\s+tháng|năm\s+(?:19|20)\d\d)"
                              r"(?![\w])", re.I)


def _epoch(ctx: Ctx, block: int, memo: dict[int, int]) -> int:
    """How many paragraphs up to `block` open on a narrowing to a span of time: figures of two epochs
    are of two periods (“Qua thanh tra phát hiện 247 đơn vị …” for the year, then “Riêng quý 4, …” and
    “Qua thanh tra phát hiện 103 đơn vị …” for the quarter)."""
    if not memo:
        n = 0
        for i, b in enumerate(ctx.doc.blocks):
            text = getattr(b, "text", None)
            if isinstance(text, str) and _NARROWS_TO_SPAN.match(text):
                n += 1
            memo[i] = n
    return memo.get(block, 0)


# a sentence that names its topic first: “Về sản xuất nông nghiệp, …”, “Về thủy sản, …”, “Đối với cấp huyện, …”,
# “Ở cấp xã, …” (one pattern each, so that each is gated by its own word)
_TOPICS = tuple(re.compile(r"(?:^|[.;:!?\n]\s*)(?:[-+•]\s*)?" + lead + r"\s+(?P<t>[^\W\d_]+(?:\s+[^\W\d_]+){0,5})\s*,", re.I)
                for lead in ("Về", r"Đối\s+với", "Ở"))
_TOPICS_NEEDS = ((("về",),), (("đối",),), (("ở",),))  # (`rxgate.needs`, written out: tests/test_rxgate.py)


def _topic_before(ctx: Ctx, block: int, pos: int) -> str | None:
    """The topic the last “Về …,” before a mention in its paragraph names, folded; None when none does."""
    text = getattr(ctx.doc.blocks[block], "text", None)
    if not isinstance(text, str):
        return None
    last = None
    for rx, want in zip(_TOPICS, _TOPICS_NEEDS):
        if may_match(text, want, 0, pos):
            for m in rx.finditer(text, 0, pos):
                if last is None or m.start() > last.start():
                    last = m
    return " ".join(last.group("t").lower().split()) if last else None


def _subject_place(ctx: Ctx, block: int, pos: int) -> str | None:
    """The unit of the territory a mention is said of: the last one named before it in its paragraph, else
    in the paragraph before (“UBND huyện Kỳ Anh ban hành kết luận … xã Kỳ Khang.” then “Qua thanh tra phát
    hiện …, kiến nghị xử lý kinh tế 79 triệu đồng”), folded; None when none is named."""
    for b, end in ((block, pos), (block - 1, None)):
        if b < 0:
            break
        text = getattr(ctx.doc.blocks[b], "text", None)
        if not isinstance(text, str):
            break
        head = text[:end] if end is not None else text
        found = [m.group(0) for m in ADMIN_PLACE.finditer(head)] if may_match(head, ADMIN_PLACE_NEEDS) else []
        if found:
            return " ".join(found[-1].lower().split())
    return None


# (group, block, clause, sentence, section id, siblings' key, table): where a candidate is
Place = tuple[str, int, Any, Any, "str | None", Any, Any]


def _place(c: MentionCand, sections: dict[str, Any]) -> Place:
    """Where a candidate is, for `_apart`; the siblings' key is its section's parent and level
    (sections under one parent at one level are siblings), None without a known section."""
    sec = sections.get(c.section) if c.section is not None else None
    sib = (id(sec.parent), sec.level) if sec is not None else None
    return (c.group, c.block, c.extra.get("clause"), c.extra.get("sentence"), c.section, sib, c.extra.get("table"))


def _apart(a: MentionCand, b: MentionCand, pa: Place, pb: Place) -> bool:
    """The two mentions are kept apart by where they are: one item, one clause, one sentence
    (unless a rate restates a quantity), two rows of one table, or the same kind under sibling
    headings."""
    if pa[0] == pb[0]:
        return True
    if pa[6] and pa[6] == pb[6] and a.kind == b.kind == "indicator":
        return True
    if pa[1] == pb[1]:
        if pa[2] and pa[2] == pb[2]:
            return True
        if pa[3] and pa[3] == pb[3] and not (a.kind.startswith("rate") or b.kind.startswith("rate")):
            # one sentence lists different things (“lúa 6.838,3 ha, năng suất dự kiến 69,4 tạ/ha; bắp
            # 1.025,2 ha, năng suất dự kiến 60,2 tạ/ha”); only a formula restates a quantity in it
            return True
        if (a.extra.get("subset") or b.extra.get("subset")) and (_subset_of(a, b) or _subset_of(b, a)):
            return True  # “… 78 đơn vị xếp loại tốt …. Trong đó, các xã thuộc huyện … có 06 đơn vị xếp loại tốt”
    return _siblings(a, b, pa, pb)


def _siblings(a: MentionCand, b: MentionCand, pa: Place, pb: Place) -> bool:
    """The same kind of mention under two sibling headings (a. Vụ Xuân / b. Vụ hè thu; + Cây lúa / +
    Cây ngô): one template repeated for two scopes."""
    return a.kind == b.kind and pa[5] is not None and pa[5] == pb[5] and pa[4] != pb[4]


def _profile(c: MentionCand, i: int) -> Any:
    """What `_decide` reads of a candidate, as it reads it (a label's words, polarity, place
    levels and dates, not its spelling): two candidates with one profile are decided alike against
    any other. (A value that cannot be hashed makes the candidate a profile of its own.)"""
    x = c.extra
    bare, np_ = x.get("bare"), x.get("np")
    key = (c.part, c.unit, c.kind, c.year, c.block == -1,
           _tokens(c.label), _polar(c.label), _levels(c.label), x.get("dates") or tuple(_DATE.findall(c.label)),
           bool(bare), _tokens(bare or ""), _polar(bare or ""), _levels(bare or ""),
           _tokens(x.get("topic") or ""), _levels(x.get("topic") or ""), _tokens(np_ or c.label), bool(c.context),
           _tokens(c.context or ""), x.get("qual"), x.get("names"), x.get("scope"), x.get("time"), x.get("span"), bool(x.get("subset")), bool(x.get("table")),
           x.get("pair"),
           x.get("inferred"),
           x.get("listed"),
           x.get("subject"), x.get("epoch"), x.get("about"))  # (what `_compatible` reads of where a mention stands)
    try:
        hash(key)
    except TypeError:
        return ("alone", i)
    return key


def _keys(c: MentionCand) -> set[Any]:
    """Words any candidate linked to `c` shares with it: a label's words are (mostly) in the
    other's, or the words of a rate's part in it (`_strong_labels`, on the label or the words
    after a topic), or the shorter noun phrase's in the other (`_weak_ok`); two change
    statements are linked by their pair."""
    keys: set[Any] = set(_tokens(c.label))
    keys |= _tokens(c.extra.get("bare") or "")
    keys |= _tokens(c.extra.get("np") or c.label)
    if c.kind == "change_after" and c.extra.get("pair") is not None:
        keys.add(("pair", c.extra.get("pair")))
    return keys


def _probes(c: MentionCand, rarity: dict[Any, tuple[int, str]]) -> list[Any]:
    """The keys to look a profile's partners up by: of each of its labels' word sets (label, the
    words after a topic, the noun phrase), the rarest words but as many as a partner may lack.
    A linked pair has a side whose words the other holds all of (equal labels, a label with a word
    more, the noun phrases of a weak pair) or at least `_COVER` of them (a rate's part): that
    side's rarest words are in the other's, however rare. Two change statements, by their pair."""
    out: list[Any] = []
    sets = [_tokens(c.label), _tokens(c.extra.get("np") or c.label)]
    if c.extra.get("bare"):
        sets.append(_tokens(c.extra["bare"]))
    for words in sets:
        if len(words) < 2:
            continue  # (a label of one word is linked to nothing)
        need = next(m for m in range(len(words) + 1) if m / len(words) >= _COVER)
        out.extend(sorted(words, key=rarity.__getitem__)[:len(words) - need + 1])
    if c.kind == "change_after" and c.extra.get("pair") is not None:
        out.append(("pair", c.extra.get("pair")))
    return out


def _topic_unshared(a: MentionCand, b: MentionCand) -> bool:
    """A bullet's topic names what its figures are of (“- Thủy sản: Tổng sản lượng khai thác và nuôi trồng
    32.640 tấn”); a shorter phrase elsewhere without the topic's own words (“Năng suất lúa …, sản lượng
    86.310 tấn”) is of something else."""
    for x, y in ((a, b), (b, a)):
        topic = x.extra.get("topic")
        if not topic:
            continue
        own = _tokens(topic) - _tokens(x.extra.get("bare") or "")
        other = _tokens(y.label) | _tokens(y.extra.get("topic") or "") | (y.extra.get("qual") or frozenset())
        if own and not own & other:
            return True
    return False


def _decide(a: MentionCand, b: MentionCand) -> tuple[str, str] | None:
    """What links two candidates of these profiles wherever they are: ("link", "explicit" or
    "inferred"), ("weak", dimension) for a measure named by a shorter phrase (linked when the
    pair is the only one), or None."""
    if not _compatible(a, b):
        return None
    kind = _units_match(a, b)
    if kind is None:
        return None
    if a.kind == b.kind == "change_after":
        if a.extra.get("pair") is not None and a.extra.get("pair") == b.extra.get("pair"):
            return ("link", "inferred")  # two sentences about one subject and year
        return None
    strong = _strong(a, b)
    if strong and (a.extra.get("inferred") or b.extra.get("inferred")):
        strong = "inferred"  # a value read by inference (“130,7/120 ha” as actual/plan) links at most as one
    if strong:
        return ("link", strong)
    if kind == "measure" and _weak_ok(a, b) and _one_listed(a, b) and not _topic_unshared(a, b) \
            and unit_info(a.unit).dimension in ("length", "area", "mass", "volume"):
        return ("weak", unit_info(a.unit).dimension or unit_key(a.unit) or "")
    return None


def _join(xs: list[int], ys: list[int], same: bool, sib_applies: bool, kind: str, cands: list[MentionCand],
          places: list[Place], union: Any) -> None:
    """Joins every candidate of `xs` with every one of `ys` (or the candidates of `xs` with each
    other when `same`) that `_apart` does not keep apart, as the components they make: a walk
    over the complement of the pairs kept apart. The candidates left to reach are held by their
    siblings' key and section, so that a candidate looks only at the sections it is not a
    sibling of (`sib_applies`: every pair of the two lists is of one kind); what it skips is its
    own item, block and table, so the walk costs the candidates plus the pairs kept apart by
    item, block or table, not the pairs."""

    def held(idx: list[int]) -> dict[Any, dict[Any, dict[int, None]]]:
        # siblings' key → section → the candidates (an ordered set)
        out: dict[Any, dict[Any, dict[int, None]]] = {}
        for i in idx:
            sib = places[i][5] if sib_applies else None
            out.setdefault(sib, {}).setdefault(places[i][4] if sib is not None else None, {})[i] = None
        return out

    left = {0: held(xs)}
    left[1] = left[0] if same else held(ys)
    for side, start in ((0, xs), (1, ys)):
        for s in start:
            sib = places[s][5] if sib_applies else None
            sec = places[s][4] if sib is not None else None
            secs = left[side].get(sib)
            if secs is None or s not in secs.get(sec, ()):
                continue  # already reached
            del secs[sec][s]
            if not secs[sec]:
                del secs[sec]
                if not secs:
                    del left[side][sib]
            queue = [(s, side)]
            while queue:
                u, su = queue.pop()
                other = left[0] if same else left[1 - su]
                usib = places[u][5] if sib_applies else None
                for key in list(other):
                    secs = other[key]
                    names = [places[u][4]] if key is not None and key == usib else list(secs)
                    for name in names:
                        found = secs.get(name)
                        if found is None:
                            continue
                        for v in list(found):
                            if not _apart(cands[u], cands[v], places[u], places[v]):
                                del found[v]
                                union(u, v, kind)
                                queue.append((v, 0 if same else 1 - su))
                        if not found:
                            del secs[name]
                    if not secs:
                        del other[key]


def _weak_counts(wpairs: list[tuple[int, int]], profs: list[list[int]], cands: list[MentionCand],
                 places: list[Place]) -> dict[int, int]:
    """How many weak pairs each candidate is in (over the pairs of profiles `wpairs`), counted as
    the candidates of the other profile less those kept apart from it (by siblings' key and
    section, then by item and block), without listing the pairs."""
    counts: dict[int, int] = {}
    for x, y in wpairs:
        for mine, theirs in ((profs[x], profs[y]), (profs[y], profs[x])):
            sib_applies = cands[mine[0]].kind == cands[theirs[0]].kind
            by_sib: dict[Any, int] = {}
            by_sec: dict[Any, int] = {}
            near: dict[Any, list[int]] = {}
            for j in theirs:
                pj = places[j]
                by_sib[pj[5]] = by_sib.get(pj[5], 0) + 1
                by_sec[(pj[5], pj[4])] = by_sec.get((pj[5], pj[4]), 0) + 1
                near.setdefault(("g", pj[0]), []).append(j)
                near.setdefault(("b", pj[1]), []).append(j)
                near.setdefault(("t", pj[6]), []).append(j)
            for i in mine:
                pi = places[i]
                apart = 0
                if sib_applies and pi[5] is not None:
                    apart = by_sib.get(pi[5], 0) - by_sec.get((pi[5], pi[4]), 0)
                close = set(near.get(("g", pi[0]), ())) | set(near.get(("b", pi[1]), ())) | set(near.get(("t", pi[6]), ()))
                apart += sum(1 for j in close if _apart(cands[i], cands[j], pi, places[j])
                             and not (sib_applies and _siblings(cands[i], cands[j], pi, places[j])))
                counts[i] = counts.get(i, 0) + len(theirs) - apart
    return counts


_SAME_BREAKDOWN_WITHIN = 50  # statements of one breakdown compared with each other, at most


def totals_facts(ctx: Ctx) -> None:
    """The same breakdown given twice (same count unit, parts that match) is one quantity."""
    tots = [t for t in ctx.out["totals"] if t.get("total") is not None and t.get("unit") and is_count_unit(t["unit"])]
    linked: set[int] = set()
    # Two breakdowns are one only when their first parts hold the same values (below): compared
    # within buckets of that key, each with the next few of its bucket, not every pair of totals.
    buckets: dict[tuple, list[int]] = {}
    for i, a in enumerate(tots):
        if len(a["parts"]) >= 2:
            vals = tuple(p["value"].value for p in a["parts"][:2])
            if None not in vals:
                buckets.setdefault((unit_key(a["unit"]), vals), []).append(i)
    later: dict[int, list[int]] = {}
    for members in buckets.values():
        for k, i in enumerate(members):
            later[i] = members[k + 1:k + 1 + _SAME_BREAKDOWN_WITHIN]
    for i, a in enumerate(tots):
        for j in later.get(i, ()):
            b = tots[j]
            if j in linked or unit_key(a["unit"]) != unit_key(b["unit"]) or len(a["parts"]) < 2 \
                    or len(a["parts"]) != len(b["parts"]):
                continue  # (“Phú Thọ: 11 người (1 …; 1 …; 8 …; 1 …)” and “Hà Giang: 2 người (1 …; 1 …)”: two breakdowns)
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

