"""The text linker's pairwise loop as it was before issue 16 phase 2, kept as the reference the
indexed linker (`auditor.extract.links.link`) must agree with: every pair of candidates within a
unit's bucket (and a candidate without a unit against every bucket) compared in full."""

from __future__ import annotations

import re
from itertools import chain
from typing import Any

from auditor.extract import links as L
from auditor.extract.context import MentionCand
from auditor.extract.scan import unit_key
from auditor.model.units import unit_info

_DATE = re.compile(r"\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{2,4})?")


def _sibling_scopes(sections: dict[str, Any], a: MentionCand, b: MentionCand) -> bool:
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
        return False
    da = a.extra.get("dates") or tuple(_DATE.findall(a.label))
    db = b.extra.get("dates") or tuple(_DATE.findall(b.label))
    if da and db and da != db:
        return False
    ta, tb = a.extra.get("time"), b.extra.get("time")
    if ta and tb and ta != tb:
        return False
    # (where a mention stands, added with the ninth session's held-out sets: the unit of the territory it is said
    # of, the paragraphs narrowing to a span before it, the “Về …,” topic of its sentence)
    for key in ("subject", "about"):
        xa, xb = a.extra.get(key), b.extra.get(key)
        if xa and xb and xa != xb:
            return False
    if a.extra.get("epoch", 0) != b.extra.get("epoch", 0):
        return False
    pa, pb = a.extra.get("span"), b.extra.get("span")
    if pa and pb and pa != pb:
        return False
    if L._subset_of(a, b) or L._subset_of(b, a):
        return False
    if a.year and b.year and a.year != b.year:
        return False
    if a.block == b.block and a.extra.get("clause") and a.extra.get("clause") == b.extra.get("clause"):
        return False
    if a.block == b.block and a.extra.get("sentence") and a.extra.get("sentence") == b.extra.get("sentence") \
            and not (a.kind.startswith("rate") or b.kind.startswith("rate")):
        return False
    return True


def reference_groups(cands: list[MentionCand], sections_list: list[Any]) -> dict[frozenset[int], str]:
    """The groups of linked candidates (indices into `cands`, already filtered as `link` filters
    them) with their confidence, by the pairwise loop."""
    n = len(cands)
    parent = list(range(n))
    how: dict[int, str] = {}

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

    sections: dict[str, Any] = {}
    for sec in sections_list:
        sections.setdefault(sec.id, sec)
    buckets: dict[str, list[int]] = {}
    for i, c in enumerate(cands):
        buckets.setdefault(L._bucket(c), []).append(i)
    weak: dict[tuple[str, str], list[tuple[int, int]]] = {}
    pairs = chain(((i, j) for idx in buckets.values() for x, i in enumerate(idx) for j in idx[x + 1:]),
                  ((i, j) for i in buckets.get("", []) for key, idx in buckets.items() if key for j in idx))
    for i, j in pairs:
        a, b = cands[i], cands[j]
        if a.group == b.group or not _compatible(a, b) or _sibling_scopes(sections, a, b):
            continue
        if a.kind == b.kind == "indicator" and a.extra.get("table") and a.extra.get("table") == b.extra.get("table"):
            continue
        kind = L._units_match(a, b)
        if kind is None:
            continue
        if a.kind == b.kind == "change_after":
            if a.extra.get("pair") is not None and a.extra.get("pair") == b.extra.get("pair"):
                union(i, j, "inferred")
            continue
        strong = L._strong(a, b)
        if strong and (a.extra.get("inferred") or b.extra.get("inferred")):
            strong = "inferred"
        if strong:
            union(i, j, strong)
        elif kind == "measure" and L._weak_ok(a, b) and L._one_listed(a, b) \
                and unit_info(a.unit).dimension in ("length", "area", "mass", "volume"):
            dim = unit_info(a.unit).dimension or unit_key(a.unit) or ""
            weak.setdefault((dim, ""), []).append((i, j))
    for wpairs in weak.values():
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
    return {frozenset(part): how.get(r, "explicit") for r, m in groups.items() if len(m) > 1
            for part in L.split_templates(m, cands) if len(part) > 1}
