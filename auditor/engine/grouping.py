"""One defect, one finding: group the findings of one report after error localization.

Findings are grouped when
* error localization explains them by the same culprit (failing relations that one written
  value, or one of several equally likely values, explains): `link = "culprit"`;
* they are about the same value or phrase (same JSON Pointer, or the same span of the original
  document), whatever rules raised them: `link = "place"`;
* one rule says the same thing about the same subject at several places (each citation of a
  replaced decree), or reports several numbers of a document that the report does not hold
  (a table written with decimal dots): `link = "repeat"`.

Each group becomes one primary finding with the others as its `consequences`, so it is counted
once in the summary and the exit code. The primary is the finding that names the defect: a
diagnosis whose other reading is the repair localization found (a comma for a thousands dot),
else the finding at the culprit, else the most severe. Its severity is the most severe of the
group's, unless that diagnosis explains the whole group (then its own: the report is consistent
under its reading). Fingerprints are kept, the consequences' too (baselines match either).
"""

from __future__ import annotations

from collections.abc import Iterable

from auditor.engine.localize import Component, hints_of, relation_of
from auditor.model.findings import SEVERITY_RANK, Finding, Text
from auditor.numeric.notation import NumberFormatError, parse_vn_number

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from typing import Any


def group_findings(findings: list[Finding], comps: list[Component], rules: Iterable[Any],
                   sort_key: Any) -> list[Finding]:
    """The findings of one report, grouped (primary findings only; the others nested)."""
    specs = {r.id: r for r in rules}
    comp_of = relation_of(findings, comps)
    n = len(findings)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    index = {id(f): i for i, f in enumerate(findings)}
    # culprit: the failing relations of a component explained by one value (or by one of
    # several equally likely values); with two culprits, each culprit's relations
    for comp in comps:
        if comp.verdict in ("named", "undetermined"):
            parts = [comp.failing]
        elif comp.verdict == "several":
            parts = comp.parts
        else:
            continue
        for part in parts:
            ids = [index[id(r.finding)] for r in part if r.finding is not None and id(r.finding) in index]
            for j in ids[1:]:
                union(ids[0], j)
    # the culprit's own findings (a diagnosis of it, another rule on it) join its group
    at_pointer: dict[str, list[int]] = {}
    for i, f in enumerate(findings):
        at_pointer.setdefault(f.pointer, []).append(i)
    for comp in comps:
        if comp.localization is None or comp.verdict == "several":
            continue
        ptrs = comp.pointers or {c.pointer for c in comp.localization.culprits}
        anchor = next((index[id(r.finding)] for r in comp.failing if r.finding is not None
                       and id(r.finding) in index), None)
        if anchor is None:
            continue
        for ptr in ptrs:
            for i in at_pointer.get(ptr, ()):
                # a remark (a truncation) on one of several equally likely values is not
                # shown to be the same defect
                if comp.verdict != "named" and findings[i].severity == "info" and not _diagnosis(findings[i], specs):
                    continue
                union(anchor, i)
    # place: the same value, or the same span of the original text
    first_at: dict[tuple, int] = {}
    for i, f in enumerate(findings):
        for key in _places(f):
            j = first_at.setdefault(key, i)
            if j != i:
                union(i, j)
    # repeat: the same problem about the same subject stated at several places
    first_said: dict[tuple[str, str, str], int] = {}
    for i, f in enumerate(findings):
        spec = specs.get(f.rule_id)
        if spec is None:
            continue
        if _unplaced_input(f, spec):  # numbers of the text the report has no place for
            key = (f.file, f.rule_id, "")
        elif _repeatable(spec):
            key = (f.file, f.rule_id, f.message.vi)
        else:
            continue
        j = first_said.setdefault(key, i)
        if j != i:
            union(i, j)

    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    out = []
    for members in groups.values():
        fs = [findings[i] for i in members]
        out.append(_primary(fs, comp_of, specs, sort_key))
    return out


def _places(f: Finding) -> list[tuple]:
    keys: list[tuple] = []
    if f.pointer:
        keys.append(("ptr", f.file, f.pointer))
    s = f.src
    if s is not None and s.start is not None and s.end is not None and (
            s.line is not None or s.paragraph is not None or s.table is not None):
        keys.append(("src", f.file, s.line, s.paragraph, s.table, s.row, s.column, s.start, s.end))
    return keys


def _diagnosis(f: Finding, specs: dict[str, Any]) -> bool:
    """The finding's rule diagnoses a value (its other reading may be the repair: a comma for a
    thousands dot); other info findings (a truncation, a cosmetic note) say nothing about which
    value is wrong."""
    spec = specs.get(f.rule_id)
    kind = _kind(spec.check) if spec is not None else None
    return bool(kind and kind.diagnosis)


def _repeatable(spec: Any) -> bool:
    """Rules about a subject rather than a value: the same message at several places is one
    problem (a replaced decree cited three times). Not relations between values (each place
    is its own value) nor input problems (each unreadable number must be rewritten)."""
    kind = _kind(spec.check)
    return kind is not None and not kind.relation and spec.check != "input"


def _unplaced_input(f: Finding, spec: Any) -> bool:
    """An input problem about a number of a document that the report does not hold (no
    pointer: a text file gives its line, a .docx nothing but the number quoted): the same rule
    on several such numbers is one finding (“numbers written off-standard”), each number listed
    with its place, so that a table written with decimal dots is not a hundred findings sharing
    the empty pointer. (A whole-file problem, INP001 …, is alone in its file.)"""
    return not f.pointer and spec.check == "input"


def _kind(name: str) -> Any:
    from auditor.checks import kind

    try:
        return kind(name)
    except KeyError:
        return None


def _culprit_pointers(comp: Component | None) -> set[str]:
    if comp is None or comp.localization is None:
        return set()
    return comp.pointers | {c.pointer for c in comp.localization.culprits}


def _suggestions(comp: Component | None) -> set[str]:
    if comp is None or comp.localization is None:
        return set()
    return {c.suggested for c in comp.localization.culprits if c.suggested}


def _same_number(a: str | None, b: str) -> bool:
    if not a:
        return False
    try:
        return parse_vn_number(a).value == parse_vn_number(b).value
    except NumberFormatError:
        return a.strip() == b.strip()


def _primary(fs: list[Finding], comp_of: dict[int, Component], specs: dict[str, Any],
             sort_key: Any) -> Finding:
    fs = sorted(fs, key=sort_key)
    if not any(f.pointer for f in fs):  # places in a text only: in the order of the text
        fs.sort(key=lambda f: (f.line is None, f.line or 0, f.column or 0))
    comps = []
    for f in fs:
        c = comp_of.get(id(f))
        if c is not None and c.localization is not None and all(c is not x for x in comps):
            comps.append(c)
    culprit_ptrs = set().union(*(_culprit_pointers(c) for c in comps)) if comps else set()
    suggestions = set().union(*(_suggestions(c) for c in comps)) if comps else set()
    explaining = [f for f in fs if _diagnosis(f, specs) and f.pointer in culprit_ptrs
                  and any(_same_number(f.expected, s) for s in suggestions)]
    at_culprit = [f for f in fs if f.pointer in culprit_ptrs and not _diagnosis(f, specs)]
    rank = (lambda f: -SEVERITY_RANK[f.severity])
    if explaining:
        primary = explaining[0]
        severity = primary.severity
    else:
        primary = sorted(at_culprit or fs, key=rank)[0]  # (stable: sort order among equals)
        severity = max((f.severity for f in fs), key=lambda s: SEVERITY_RANK[s])
    if severity != primary.severity:
        primary.severity = severity
        primary.severity_note = None  # (a consequence is inconsistent under every reading)
    comp = comp_of.get(id(primary)) or (comps[0] if comps else None)
    # the same finding twice at one place (one rule, one pointer, one message) is shown once
    seen = {_same_key(primary)}
    others = []
    for f in fs:
        key = _same_key(f)
        if f is not primary and key not in seen:
            seen.add(key)
            others.append(f)
    if comp is not None and comp.localization is not None:
        _attach(primary, comp)
    if others:
        in_comp = {id(r.finding) for c in comps for r in c.failing}
        for f in others:
            if id(f) in in_comp:
                f.link = "culprit"
            elif f.rule_id == primary.rule_id and (f.message.vi == primary.message.vi
                                                   or not (f.pointer or primary.pointer)):
                f.link = "repeat"
            else:
                f.link = "place"
            f.consequences = None
        primary.consequences = others
    return primary


def _same_key(f: Finding) -> tuple:
    """One finding at one place: its rule, pointer and message; without a pointer, its line and
    column too (the same number written at two lines of a text is two places)."""
    return (f.rule_id, f.pointer, f.message.vi, *(() if f.pointer else (f.line, f.column)))


def _attach(f: Finding, comp: Component) -> None:
    """The localization on the primary finding: its sentence appended to the message, the
    repair in the fix, the suggested values as hints (format 1)."""
    loc = comp.localization
    assert loc is not None
    f.localization = loc
    f.message = Text(vi=f"{f.message.vi} {loc.message.vi}", en=f"{f.message.en} {loc.message.en}")
    f.hints = hints_of(loc)
    if loc.verdict in ("named", "several") and loc.culprits:
        vis, ens = [], []
        for c in loc.culprits:
            wv = f" ({c.label.vi})" if c.label and c.label.vi else ""
            we = f" ({c.label.en})" if c.label and c.label.en else ""
            if c.suggested:
                vis.append(f"Sửa {c.written}{wv} thành {c.suggested}.")
                ens.append(f"Change {c.written}{we} to {c.suggested}.")
            elif c.low and c.high:
                vis.append(f"Sửa {c.written}{wv} thành một giá trị trong khoảng {c.low} … {c.high}.")
                ens.append(f"Change {c.written}{we} to a value between {c.low} and {c.high}.")
            else:
                vis.append(f"Kiểm tra lại {c.written}{wv}.")
                ens.append(f"Recheck {c.written}{we}.")
        base = f.fix or Text(vi="", en="")
        f.fix = Text(vi=" ".join([*vis, base.vi]).strip(), en=" ".join([*ens, base.en]).strip())
    elif loc.verdict == "undetermined":
        vi = "Đối chiếu với tài liệu gốc để biết số nào sai trong: " + ", ".join(c.written for c in loc.culprits) + "."
        en = "Check against the source which of these is wrong: " + ", ".join(c.written for c in loc.culprits) + "."
        base = f.fix or Text(vi="", en="")
        f.fix = Text(vi=f"{base.vi} {vi}".strip(), en=f"{base.en} {en}".strip())
