"""Error localization, the Fellegi–Holt way (R errorlocate): which written value is wrong.

After the rules run, every evaluated relation between values is known, passing or failing
(`runner.Relation`). The failing ones are split into components (relations that share a value);
for each component we look for the smallest weighted set of written values whose change makes
every failing relation of the component hold while every passing relation still holds:

* one value (a *single*): it must be involved in every failing relation of the component, and a
  value exists that makes all its relations hold — the windows of the relations (the values it
  may take, the others as written; `CheckKind.window`) give the candidates, and each candidate is
  verified by running the checks again with it;
* failing that, two values (a small exhaustive search over pairs, bounded).

The weight of a value is 1, plus 0.1 for each passing relation it is in that would break if it
changed to the repair (it *confirms* the value; such a value is then no solution), minus 0.05 when
a single relation involves it. The number of values changed dominates. A culprit is *named* only
when it is the one least-weight solution; when several values would do equally, the finding says
honestly that the report does not tell which one is wrong, and lists them with their repairs.

Where the relations determine the replacement (one value at the written precision), it is
computed; where they leave a range, a value one keystroke away inside it (two digits swapped, one
digit changed, comma for dot, a digit dropped or doubled) is suggested when it is the only one.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from itertools import islice

from auditor.checks import MESSAGES
from auditor.engine.runner import EngineResult, Relation, substitute
from auditor.model.facts import Fact, label_of
from auditor.model.findings import Confirmation, Culprit, Finding, Hint, Localization, Text
from auditor.numeric import limits
from auditor.numeric.interval import Interval
from auditor.numeric.notation import NumberFormatError, format_vn, parse_vn_number
from auditor.records import dataclass, field

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from typing import Any

Bounds = tuple[Decimal | None, Decimal | None]

_MAX_COMPONENT_VALUES = 40      # beyond this a component is not searched (none is that big in a report)
_MAX_PAIR_VALUES = 12           # pairs are searched in components of at most this many values
_MAX_PAIRS = 60                 # pairs of values tried per component
_MAX_CANDIDATES = 8             # repair candidates verified per value (windows give a few)
_MAX_BLIND = 24                 # keystroke variants verified when no relation gives a window
_MAX_BLIND_VALUES = 8           # … and only in components of at most this many values
_BUDGET = 4000                  # checks re-run per report at most (then the search stops: no verdict)
_TYPO_ORDER = {"swap": 0, "separator": 1, "digit": 2, "dropped": 3, "extra": 4}


@dataclass
class Repair:
    """A value that can change, and what to: `new` is a verified replacement; `suggested` the
    one to show (determined by the relations, or the only one keystroke away); low/high the
    range the relations leave."""

    fact: Fact
    new: Fact
    suggested: str | None = None
    typo: str | None = None
    low: Decimal | None = None
    high: Decimal | None = None


@dataclass
class Component:
    """Failing relations that share values, and what localization found for them."""

    failing: list[Relation]
    verdict: str | None = None                        # named | undetermined | several | None
    repairs: list[Repair] = field(default_factory=list)
    confirmed: dict[int, tuple[Fact, list[Relation]]] = field(default_factory=dict)
    # for `several`: the failing relations explained by each culprit (same order as repairs)
    parts: list[list[Relation]] = field(default_factory=list)
    localization: Localization | None = None
    pointers: set[str] = field(default_factory=set)   # every place the culprits are written


# ------------------------------------------------------------------------------ entry point

class _Values:
    """The written values of a report, each once. A value read into several items from the
    same words of a document (same place and span) is one written value: changing it changes
    every item that carries it."""

    def __init__(self, relations: list[Relation]) -> None:
        self.key: dict[int, tuple] = {}
        self._of: dict[int, tuple[Relation, list[Fact]]] = {}
        self._alias: dict[int, tuple[Relation, dict[tuple, Fact]]] = {}
        self.canon: dict[tuple, Fact] = {}
        self.aliases: dict[tuple, list[Fact]] = {}
        key, canon, aliases = self.key, self.canon, self.aliases  # (locals: every fact of every relation)
        for r in relations:
            for f in r.facts:
                fid = id(f)
                if fid not in key and isinstance(f, Fact) and f.pointer:
                    k = key[fid] = _written_key(f)
                    # (each fact once: `key` holds it from here on, so it is not among them yet;
                    # `canon` and `aliases` get their keys together)
                    if k in canon:
                        aliases[k].append(f)
                    else:
                        canon[k] = f
                        aliases[k] = [f]

    def of(self, r: Relation) -> list[Fact]:
        """The written values a relation involves (canonical facts, each once)."""
        got = self._of.get(id(r))
        if got is not None and got[0] is r:
            return got[1]
        out: list[Fact] = []
        seen: set[int] = set()  # (a count's relation involves every item it classifies)
        key_of, canon = self.key.get, self.canon
        for f in r.facts:
            k = key_of(id(f))
            if k is not None:
                c = canon[k]
                if id(c) not in seen:
                    seen.add(id(c))
                    out.append(c)
        self._of[id(r)] = (r, out)
        return out

    def alias_in(self, r: Relation, f: Fact) -> Fact | None:
        """The fact that carries the value `f` in this relation's arguments."""
        got = self._alias.get(id(r))
        if got is None or got[0] is not r:
            table: dict[tuple, Fact] = {}
            for x in r.facts:
                k = self.key.get(id(x)) if isinstance(x, Fact) else None
                if k is not None:
                    table.setdefault(k, x)
            got = self._alias[id(r)] = (r, table)
        return got[1].get(self.key[id(f)])

    def sub(self, f: Fact, new: Fact) -> dict[int, Fact]:
        """The substitution that writes `new` in place of the value `f` everywhere it is carried."""
        out = {}
        for a in self.aliases[self.key[id(f)]]:
            _FACTS[id(a)] = a
            out[id(a)] = a.written(new.text, new.value, new.decimals)
        return out

    def pointers(self, f: Fact) -> set[str]:
        return {a.pointer for a in self.aliases[self.key[id(f)]] if a.pointer}


def _written_key(f: Fact) -> tuple:
    src = f.src
    if src is None:  # (a JSON report's numbers: no place in a document)
        return ("ptr", f.pointer)
    # (`getattr` or the dict's own `get`, called directly: no function made per fact; a JSON
    # report's places, `{"line": n}`, have no span and are decided at the first field read)
    get = src.get if isinstance(src, dict) else None
    if get is not None:
        start, end = get("start"), get("end")
    else:
        start = getattr(src, "start", None)
        end = getattr(src, "end", None) if start is not None else None
    if start is None or end is None:
        return ("ptr", f.pointer)
    if get is not None:
        line, paragraph, table, row, column = map(get, _SRC_HEAD)
    else:
        line, paragraph, table, row, column = (getattr(src, k, None) for k in _SRC_HEAD)
    if line is None and paragraph is None and table is None:
        return ("ptr", f.pointer)
    return ("src", line, paragraph, table, row, column, start, end, f.text)


_SRC_HEAD = ("line", "paragraph", "table", "row", "column")


def localize(result: EngineResult, view: Any = None) -> list[Component]:
    """Components of the failing relations of one report, each with its localization (None
    when no single value nor pair explains it). The findings are not changed here."""
    failing = [r for r in result.relations if r.status == "fail" and r.finding is not None]
    if not failing:
        return []
    MESSAGES.on = False  # checks re-run hundreds of times: statuses only
    try:
        vals = _Values(result.relations)
        index = _index(result.relations, failing, vals)
        comps = [Component(c) for c in _components(failing, vals)]
        _SPENT[0] = 0
        out: list[Component] = []
        # small components first: a report with many defects spends its budget on the clear ones
        for comp in sorted(comps, key=lambda c: sum(len(r.facts) for r in c.failing)):
            try:
                _solve(comp, index, vals)
                if comp.verdict is None and len(comp.failing) > 1:
                    # neither one value nor two explain them together: each failing relation
                    # on its own (separate defects that happen to share a value)
                    subs = [Component([r]) for r in comp.failing]
                    for sub in subs:
                        _solve(sub, index, vals, pairs=False)
                    comp_list = subs
                else:
                    comp_list = [comp]
            except _OutOfBudget:
                comp.verdict, comp.repairs = None, []
                out.append(comp)
                break
            except ArithmeticError:  # values beyond the arithmetic's precision (50-digit numbers):
                comp.verdict, comp.repairs = None, []  # no verdict, the findings stay as they are
                out.append(comp)
                continue
            for c in comp_list:
                try:
                    c.localization = _describe(c, index, view)
                except ArithmeticError:
                    c.verdict, c.repairs, c.localization = None, [], None
                c.pointers = set().union(*(vals.pointers(r.fact) for r in c.repairs)) if c.repairs else set()
            out.extend(comp_list)
        comps = out
    finally:
        MESSAGES.on = True
        _PATHS.clear()
        _HELD.clear()
        _PARTS.clear()
        _WINDOWS.clear()
        _FACTS.clear()
        _LISTS.clear()
    return comps


def _index(relations: list[Relation], failing: list[Relation], vals: _Values) -> dict[int, list[Relation]]:
    """For every value of a failing relation, every relation (any status) that involves it."""
    wanted = {id(f) for r in failing for f in vals.of(r)}
    index: dict[int, list[Relation]] = {k: [] for k in wanted}
    for r in relations:
        for f in vals.of(r):
            if id(f) in index:
                index[id(f)].append(r)
    return index


def _components(failing: list[Relation], vals: _Values) -> list[list[Relation]]:
    parent = list(range(len(failing)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[int, int] = {}
    for i, r in enumerate(failing):
        for f in vals.of(r):
            j = owner.setdefault(id(f), i)
            if j != i:
                parent[find(i)] = find(j)
    groups: dict[int, list[Relation]] = {}
    for i, r in enumerate(failing):
        groups.setdefault(find(i), []).append(r)
    return list(groups.values())


# ------------------------------------------------------------------------------ the search

_PATHS: dict[int, tuple[Relation, dict[int, list[tuple]]]] = {}


def _paths(r: Relation, subst: dict[int, Fact]) -> dict[int, list[tuple]]:
    """Where the facts to replace sit in a relation's arguments, found by their pointers: the
    report's view dicts carry theirs (`$ptr`), so only the way to each fact is walked (a count
    claim's arguments hold every indicator of its table)."""
    got = _PATHS.get(id(r))
    if got is None or got[0] is not r:
        got = _PATHS[id(r)] = (r, {})
    known = got[1]
    for fid in subst:
        if fid not in known:
            f = _FACTS.get(fid)
            known[fid] = _find(r.args, fid, f.pointer if f is not None and f.pointer else None, ())
    return {fid: known[fid] for fid in subst if known[fid]}


_FACTS: dict[int, Fact] = {}  # the facts being replaced, by id (set by `_Values.sub`)


def _find(node: Any, fid: int, ptr: str | None, path: tuple) -> list[tuple]:
    t = type(node)
    if t is Fact:
        return [path] if id(node) == fid else []
    if t is dict:
        here = node.get("$ptr")
        if ptr is not None and isinstance(here, str) and here and not (ptr == here or ptr.startswith(here + "/")):
            return []
        out: list[tuple] = []
        for k, v in node.items():
            tv = type(v)
            if tv is Fact or tv is dict or tv is list:
                out.extend(_find(v, fid, ptr, (*path, k)))
        return out
    if t is list:
        out = []
        for i in _children(node, ptr):
            out.extend(_find(node[i], fid, ptr, (*path, i)))
        return out
    return []


_LISTS: dict[int, tuple[list[Any], dict[str, list[int]], list[int]]] = {}


def _children(node: list[Any], ptr: str | None) -> Iterable[int]:
    """The items of a list that may hold the fact at `ptr`: the view dicts whose `$ptr` is a
    prefix of it (looked up, not scanned: a count claim's list holds every indicator) and the
    items without a pointer."""
    got = _LISTS.get(id(node))
    if got is None or got[0] is not node:
        by_ptr: dict[str, list[int]] = {}
        others: list[int] = []
        for i, v in enumerate(node):
            tv = type(v)
            if tv is dict and isinstance(v.get("$ptr"), str) and v["$ptr"]:
                by_ptr.setdefault(v["$ptr"], []).append(i)
            elif tv is Fact or tv is dict or tv is list:
                others.append(i)
        got = _LISTS[id(node)] = (node, by_ptr, others)
    _, by_ptr, others = got
    if ptr is None:
        return sorted([i for ids in by_ptr.values() for i in ids] + others)
    found = list(others)
    cut = len(ptr)
    while cut > 0:  # every prefix of the pointer ending at a “/”
        found.extend(by_ptr.get(ptr[:cut], ()))
        cut = ptr.rfind("/", 0, cut)
    return sorted(found)


class _OutOfBudget(Exception):
    """The search re-ran as many checks as one report is allowed: no verdict for the rest."""


_SPENT = [0]


def _holds(r: Relation, subst: dict[int, Fact]) -> bool:
    _SPENT[0] += 1  # (a question asked again counts against the budget as before)
    if _SPENT[0] > _BUDGET:
        raise _OutOfBudget
    # The same relation with the same values written in the same places has the same answer:
    # the searches for a value, for its shown repair and for pairs ask some of them again.
    key = (id(r), *[(fid, n.text, n.value, n.decimals) for fid, n in subst.items()])
    got = _HELD.get(key)
    if got is None:
        outs = r.kind.fn(substitute(r.args, subst, _paths(r, subst)), r.opts)
        got = _HELD[key] = all(o.status != "fail" for o in outs if o.key == r.key)
    return got


_HELD: dict[tuple, bool] = {}  # `_holds`' answers during one `localize` (its relations are alive)


def _passing(r: Relation) -> bool:
    return r.status != "fail"


def _weight(f: Fact, index: dict[int, list[Relation]], confirmers: int) -> float:
    rels = index.get(id(f), [])
    return 1 + 0.1 * min(confirmers, 3) - (0.05 if len(rels) == 1 else 0)


def _solve(comp: Component, index: dict[int, list[Relation]], vals: _Values, pairs: bool = True) -> None:
    values: dict[int, Fact] = {}
    for r in comp.failing:
        for f in vals.of(r):
            values.setdefault(id(f), f)
    if len(values) > _MAX_COMPONENT_VALUES:
        return
    failing_ids = {id(r) for r in comp.failing}
    singles: list[Repair] = []
    for f in values.values():
        # the relations the change must satisfy: those that hold, and the component's failing
        # ones (another component's failing relations are other defects)
        rels = [r for r in index.get(id(f), []) if _passing(r) or id(r) in failing_ids]
        if not failing_ids <= {id(r) for r in rels}:
            continue  # a value outside some failing relation cannot explain it
        # Values a count claim reads only to decide which items count (a % of plan) are not
        # searched blindly (the count is localized to its stated number unless another relation
        # bounds them), nor at all in a big component (a list of thirty indicators).
        classifies = any(r.kind.name == "count" and not _passing(r) and r.facts and r.facts[0] is not f
                         for r in rels)
        if classifies and len(values) > _MAX_BLIND_VALUES:
            continue
        blind = len(values) <= _MAX_BLIND_VALUES and not classifies
        repair, confirmers = _repair(f, rels, {}, vals, blind=blind)
        if repair is not None:
            singles.append(repair)
        elif confirmers:
            comp.confirmed[id(f)] = (f, confirmers)
    for f in values.values() if len(values) <= _MAX_PAIR_VALUES else ():  # why the others are not
        if id(f) not in comp.confirmed and not any(s.fact is f for s in singles):  # (for the message)
            conf = _confirmers(f, index.get(id(f), []), comp.failing, vals)
            if conf:
                comp.confirmed[id(f)] = (f, conf)
    if singles:
        comp.repairs = sorted(singles, key=lambda s: s.fact.pointer or "")
        comp.verdict = "named" if len(singles) == 1 else "undetermined"
        return
    if pairs:
        _solve_pairs(comp, values, index, vals)


def _confirmers(f: Fact, rels: list[Relation], failing: list[Relation], vals: _Values) -> list[Relation]:
    """Passing relations that would break if `f` took a value one of its failing relations
    asks for (they confirm it as written)."""
    fail_ids = {id(r) for r in failing}
    wanted = [w for r in rels if id(r) in fail_ids and (w := _window(r, f, {}, vals)) is not None]
    if not wanted:
        return []
    need = _intersect(wanted)
    if need is None:
        need = wanted[0]
    out = []
    for r in rels:
        if id(r) in fail_ids or not _passing(r):
            continue
        w = _window(r, f, {}, vals)
        if w is not None and _intersect([need, w]) is None:
            out.append(r)
            continue
        cand = _points(f, need)
        if cand and not _holds(r, vals.sub(f, cand[0])):
            out.append(r)
    return out


def _repair(f: Fact, rels: list[Relation], subst: dict[int, Fact], vals: _Values,
            blind: bool = True) -> tuple[Repair | None, list[Relation]]:
    """A verified replacement for `f` under which every relation in `rels` holds (the other
    values as in `subst`, else as written), or None with the passing relations that forbid it.
    `blind`: when no relation bounds `f`, try the values one keystroke away."""
    windows = [(r, _window(r, f, subst, vals)) for r in rels]
    fail_w = [w for r, w in windows if not _passing(r) and w is not None]
    pass_w = [(r, w) for r, w in windows if _passing(r) and w is not None]
    need = _intersect(fail_w) if fail_w else (None, None)
    if need is None:
        return None, []  # the failing relations ask for different values
    blockers = [r for r, w in pass_w if _intersect([need, w]) is None]
    if blockers:
        return None, blockers
    allowed = _intersect([need] + [w for _, w in pass_w])
    assert allowed is not None
    if allowed == (None, None) and not blind:
        return None, []
    broke: list[Relation] = []
    tried = 0
    limit = _MAX_CANDIDATES if allowed != (None, None) else _MAX_BLIND
    if not fail_w and allowed[0] is not None and allowed[1] is not None:
        # no failing relation bounds f (a count reads it only to classify an item): only the
        # holding ones do; the middle and the two ends of what they allow are enough to see
        # whether moving f inside it changes anything
        limit = 3
        cands: Iterable[tuple[Fact, str | None]] = ((c, None) for c in _points(f, allowed))
    else:
        cands = _candidates(f, allowed)
    failing_first = sorted(rels, key=_passing)  # a candidate must first repair the failing ones
    for cand, typo in cands:
        tried += 1
        if tried > limit:
            break
        trial = {**subst, **vals.sub(f, cand)}
        if not all(_holds(r, trial) for r in failing_first if not _passing(r)):
            continue
        bad = [r for r in failing_first if _passing(r) and not _holds(r, trial)]
        if not bad:
            return _shown_repair(f, cand, typo, allowed, rels, subst, vals), []
        broke.extend(r for r in bad if r not in broke)
    return None, broke


def _shown_repair(f: Fact, cand: Fact, typo: str | None, allowed: Bounds, rels: list[Relation],
                  subst: dict[int, Fact], vals: _Values) -> Repair:
    """What to show for a verified candidate: the value itself when the relations determine it
    (one value at the written precision) or when it is the only verified value one keystroke
    away; else the range."""
    lo, hi = allowed
    grid = _grid(f, allowed)
    if grid is not None and len(grid) == 1:
        return Repair(f, cand, cand.text, typo_of(f.text, cand.text), lo, hi)
    if typo is not None:  # the only one keystroke away? (a few others tried)
        others = list(islice((c for c, t in _candidates(f, allowed) if t is not None and c.value != cand.value), 4))
        if not any(all(_holds(r, {**subst, **vals.sub(f, c)}) for r in rels) for c in others):
            return Repair(f, cand, cand.text, typo, lo, hi)
    return Repair(f, cand, None, None, lo, hi)


def _solve_pairs(comp: Component, values: dict[int, Fact], index: dict[int, list[Relation]],
                 vals: _Values) -> None:
    if len(values) > _MAX_PAIR_VALUES:
        return
    order = sorted(values.values(), key=lambda f: (_weight(f, index, 0), f.pointer or ""))
    failing_ids = {id(r) for r in comp.failing}
    found: list[tuple[float, Repair, Repair]] = []
    tried = 0
    for i, x in enumerate(order):
        for y in order[i + 1:]:
            rx, ry = index.get(id(x), []), index.get(id(y), [])
            covered = {id(r) for r in rx} | {id(r) for r in ry}
            if not failing_ids <= covered:
                continue
            tried += 1
            if tried > _MAX_PAIRS:
                break
            for a, b, ra, rb in ((x, y, rx, ry), (y, x, ry, rx)):
                only_a = [r for r in ra if all(f is not b for f in vals.of(r))]
                if not any(not _passing(r) for r in only_a):
                    continue
                rep_a, _ = _repair(a, only_a, {}, vals)
                if rep_a is None:
                    continue
                rep_b, _ = _repair(b, rb, vals.sub(a, rep_a.new), vals)
                if rep_b is None:
                    continue
                if all(_holds(r, {**vals.sub(a, rep_a.new), **vals.sub(b, rep_b.new)}) for r in ra):
                    w = _weight(a, index, 0) + _weight(b, index, 0)
                    found.append((w, rep_a, rep_b))
                    break
    if not found:
        return
    found.sort(key=lambda t: t[0])
    best = [t for t in found if t[0] - found[0][0] < 1e-9]
    if len(best) > 1:
        return  # several pairs would do: nothing worth saying
    _, ra_, rb_ = best[0]
    comp.verdict = "several"
    comp.repairs = [ra_, rb_]
    part_a = [r for r in comp.failing if any(f is ra_.fact for f in vals.of(r))]
    part_b = [r for r in comp.failing if r not in part_a]
    comp.parts = [part_a, part_b]


# ------------------------------------------------------------------------------ windows

_WINDOWS: dict[tuple[int, int], tuple[Relation, Bounds | None]] = {}


def _window(r: Relation, f: Fact, subst: dict[int, Fact], vals: _Values) -> Bounds | None:
    w = r.kind.window
    alias = vals.alias_in(r, f)
    if w is None or alias is None:
        return None
    if not subst:  # the others as written: the same answer every time it is asked
        got_memo = _WINDOWS.get((id(r), id(alias)))
        if got_memo is not None and got_memo[0] is r:
            return got_memo[1]
    args = substitute(r.args, subst, _paths(r, subst)) if subst else r.args
    try:
        got = w(args, r.opts, alias)
    except (ArithmeticError, InvalidOperation, ValueError, TypeError):
        got = None
    out: Bounds | None = None
    if isinstance(got, Interval):
        out = (got.lo, got.hi)
    elif got is not None:
        out = got
    if not subst:
        _WINDOWS[(id(r), id(alias))] = (r, out)
    return out


def _intersect(ws: Iterable[Bounds]) -> Bounds | None:
    lo: Decimal | None = None
    hi: Decimal | None = None
    for a, b in ws:
        if a is not None:
            lo = a if lo is None else max(lo, a)
        if b is not None:
            hi = b if hi is None else min(hi, b)
    if lo is not None and hi is not None and lo > hi:
        return None
    return (lo, hi)


def _grid(f: Fact, allowed: Bounds, extra: int = 0) -> list[Decimal] | None:
    """The values at the written precision (plus `extra` digits) inside a bounded window; None
    when unbounded or too many to list."""
    lo, hi = allowed
    if lo is None or hi is None:
        return None
    d = max(f.decimals, 0) + extra
    q = Decimal(1).scaleb(-d)
    k_lo = math.ceil(lo / q)
    k_hi = math.floor(hi / q)
    if k_hi < k_lo or k_hi - k_lo > 50:
        return [] if k_hi < k_lo else None
    return [Decimal(k) * q for k in range(k_lo, k_hi + 1)]


def _points(f: Fact, allowed: Bounds) -> list[Fact]:
    """A few values inside a window, at the written precision (or a little finer)."""
    lo, hi = allowed
    out: list[Decimal] = []
    for extra in (0, 1, 2):
        g = _grid(f, allowed, extra)
        if g:
            out = [g[len(g) // 2], g[0], g[-1]]
            break
        if g is None:  # unbounded or wide: the middle, or the bound
            d = max(f.decimals, 0)
            q = Decimal(1).scaleb(-d)
            if lo is not None and hi is not None:
                out = [((lo + hi) / 2).quantize(q)]
            elif lo is not None:
                out = [(math.ceil(lo / q)) * q]
            elif hi is not None:
                out = [(math.floor(hi / q)) * q]
            break
    facts = []
    for v in dict.fromkeys(out):
        if f.exact and v != v.to_integral_value():
            continue
        d = max(-v.as_tuple().exponent, 0)  # type: ignore[operator]
        facts.append(f.written(like(f.text, v, max(d, max(f.decimals, 0))), v, max(d, max(f.decimals, 0))))
    return facts


def _candidates(f: Fact, allowed: Bounds) -> Iterable[tuple[Fact, str | None]]:
    """Repair candidates for `f` inside a window: the one value the window allows at the written
    precision, values one keystroke away inside it (likeliest typos first), then a few points."""
    lo, hi = allowed
    seen: set[Decimal] = {f.value}
    grid = _grid(f, allowed)
    if grid is not None and len(grid) == 1 and grid[0] not in seen:
        seen.add(grid[0])
        v = grid[0]
        yield f.written(like(f.text, v, max(f.decimals, 0)), v, max(f.decimals, 0)), None
    typos = []
    # (a number beyond the digit limit is not searched: its variants would be quadratic)
    digits = limits.current().digits
    variants = _parsed_variants(f.text, digits) if len(f.text) <= 2 * digits + 20 else ()
    # those inside the window, found by bisection in the variants sorted by value, then taken
    # in their own order (the same as testing each against the window)
    inside: Iterable[int] = ()
    if variants:
        by_value, order = _variants_by_value(f.text, digits)
        start = bisect_left(by_value, lo) if lo is not None else 0
        stop = bisect_right(by_value, hi) if hi is not None else len(by_value)
        inside = sorted(order[start:stop])
    for k in inside:
        text, typo, v, decimals = variants[k]
        if v in seen:
            continue
        if f.exact and v != v.to_integral_value():
            continue
        seen.add(v)
        typos.append((_TYPO_ORDER[typo], text, v, decimals, typo))
    typos.sort(key=lambda t: t[0])
    for _, text, v, d, typo in typos:
        yield f.written(text, v, d), typo
    for c in _points(f, allowed):
        if c.value not in seen:
            seen.add(c.value)
            yield c, None


# ------------------------------------------------------------------------------ keystrokes

def like(written: str, value: Decimal, decimals: int) -> str:
    """A value written the way `written` is: Vietnamese notation, its percent sign, its
    leading zeros (“03”), a space for the thousands when it used one.

    Remembered per process: the searches ask for the same few values again and again (the
    points of a window, for each relation that may confirm a value; the same texts across the
    reports of a batch: 4 calls in 5 on the benchmark's batch). The text depends only on the
    value, not on how the `Decimal` is written (`format_vn` quantizes it to `decimals`;
    `tests/test_like_cache.py` compares), so equal values share an entry; the digit limit, which decides
    whether a huge value is written in scientific form, is part of the key."""
    key = (written, value, decimals, limits.current().digits)
    try:
        got = _LIKE.get(key)
    except TypeError:  # (a value that cannot be hashed, a signaling NaN: never from the search)
        return _like(written, value, decimals)
    if got is None:
        if len(_LIKE) >= _LIKE_MAX:  # (bounded: a long batch meets many values)
            _LIKE.clear()
        got = _LIKE[key] = _like(written, value, decimals)
    return got


_LIKE: dict[tuple[str, Decimal, int, int], str] = {}
_LIKE_MAX = 4096


def _like(written: str, value: Decimal, decimals: int) -> str:
    """`like`, computed."""
    core = written.strip()
    pct = core.endswith("%")
    text = format_vn(value, decimals)
    digits = _NOT_DIGIT.sub("", core.split(",")[0])
    if digits.startswith("0") and len(digits) > 1 and value >= 0:
        int_part = text.split(",")[0].replace(".", "")
        if len(int_part) < len(digits):
            text = "0" * (len(digits) - len(int_part)) + text
    if " " in core and "." not in core:
        text = text.replace(".", " ")
    return text + ("%" if pct else "")


_DIGIT = re.compile(r"\d")
_NOT_DIGIT = re.compile(r"\D")


def keystroke_variants(text: str) -> list[tuple[str, str]]:
    return list(_keystroke_variants(text))


@lru_cache(maxsize=2048)
def _variants_by_value(text: str, digits: int) -> tuple[list[Decimal], list[int]]:
    """`_parsed_variants(text, digits)` sorted by value: the values, and each one's index."""
    parsed = _parsed_variants(text, digits)
    order = sorted(range(len(parsed)), key=lambda k: parsed[k][2])
    return [parsed[k][2] for k in order], order


@lru_cache(maxsize=2048)
def _parsed_variants(text: str, digits: int) -> tuple[tuple[str, str, Decimal, int], ...]:
    """The keystroke variants of a text that read as numbers, each with its value and decimals
    (read once per text and digit limit: a value is searched for again and again)."""
    out = []
    for t, typo in _keystroke_variants(text):
        try:
            p = parse_vn_number(t)
        except NumberFormatError:
            continue
        out.append((t, typo, p.value, p.decimals))
    return tuple(out)


@lru_cache(maxsize=2048)
def _keystroke_variants(text: str) -> tuple[tuple[str, str], ...]:
    """Texts one keystroke away from a written number, each with how: two adjacent digits
    swapped (across a separator too: 46,3 → 43,6), one digit changed, a comma for a thousands
    dot or back (2,350 ↔ 2.350; 9.751 ↔ 9,751), a digit dropped (written 1.69 for 1.869), a digit
    too many (1.8869 for 1.869)."""
    core = text.strip()
    pct = "%" if core.endswith("%") else ""
    core = core.rstrip("%").strip()
    out: list[tuple[str, str]] = []
    pos = [i for i, ch in enumerate(core) if ch.isdigit()]
    if not pos:
        return tuple(out)
    for a, b in zip(pos, pos[1:]):
        if core[a] != core[b] and not (a == pos[0] and core[b] == "0" and len(pos) > 1):
            s = list(core)
            s[a], s[b] = s[b], s[a]
            out.append(("".join(s) + pct, "swap"))
    for i in pos:
        for d in "0123456789":
            if d == core[i] or (d == "0" and i == pos[0] and len(pos) > 1):
                continue
            out.append((core[:i] + d + core[i + 1:] + pct, "digit"))
    if re.fullmatch(r"\d{1,3},\d{3}", core):
        out.append((core.replace(",", ".") + pct, "separator"))
    if re.fullmatch(r"\d{1,3}\.\d{3}", core):
        out.append((core.replace(".", ",") + pct, "separator"))
    # a digit dropped / doubled: work on the digits, then write the number again
    int_part, _, frac = core.partition(",")
    if "." in int_part and not re.fullmatch(r"\d{1,3}(\.\d{3})+", int_part):
        return tuple(out)
    digits = int_part.replace(".", "").replace(" ", "")
    if not digits.isdigit():
        return tuple(out)
    for i in range(len(digits) + 1):
        for d in "0123456789":
            nd = digits[:i] + d + digits[i:]
            if nd[0] == "0" and len(nd) > 1 and not digits.startswith("0"):
                continue
            out.append((_regroup(nd, frac, int_part) + pct, "dropped"))
    if len(digits) > 1:
        for i in range(len(digits)):
            nd = digits[:i] + digits[i + 1:]
            if nd[0] == "0" and len(nd) > 1 and not digits.startswith("0"):
                continue
            out.append((_regroup(nd, frac, int_part) + pct, "extra"))
    return tuple(out)


def _regroup(digits: str, frac: str, like_int: str) -> str:
    """Integer digits written in Vietnamese notation (dots for thousands) unless the original
    wrote four or more digits without them (“1650”) or with leading zeros (“03”)."""
    if digits.startswith("0") or (len(like_int) > 3 and "." not in like_int) or len(digits) <= 3:
        grouped = digits
    else:
        grouped = f"{int(digits):,}".replace(",", ".")
    return grouped + ("," + frac if frac else "")


def _digits_and_decimals(text: str) -> tuple[str, int] | None:
    try:
        p = parse_vn_number(text)
    except NumberFormatError:
        return None
    t = text.strip().rstrip("%").strip()
    return re.sub(r"\D", "", t), p.decimals


def typo_of(written: str, suggested: str) -> str | None:
    """How `suggested` is one keystroke away from `written` (None when it is not)."""
    a, b = _digits_and_decimals(written), _digits_and_decimals(suggested)
    if a is None or b is None:
        return None
    (da, pa), (db, pb) = a, b
    if da == db and pa != pb and abs(pa - pb) == 3:
        return "separator"
    if len(da) == len(db) and pa == pb:
        diff = [i for i in range(len(da)) if da[i] != db[i]]
        if len(diff) == 1:
            return "digit"
        if len(diff) == 2 and diff[1] == diff[0] + 1 and da[diff[0]] == db[diff[1]] and da[diff[1]] == db[diff[0]]:
            return "swap"
        return None
    if len(db) == len(da) + 1 and any(db[:i] + db[i + 1:] == da for i in range(len(db))):
        return "dropped"
    if len(da) == len(db) + 1 and any(da[:i] + da[i + 1:] == db for i in range(len(da))):
        return "extra"
    return None


def digit_variants(text: str) -> list[str]:
    """Texts one keystroke away by a changed digit or two adjacent digits swapped (kept for
    callers of the former hint search)."""
    return [t for t, how in keystroke_variants(text) if how in ("digit", "swap")]


# ------------------------------------------------------------------------------ describing

_TYPO_TEXT = {
    "swap": ("hai chữ số bị đảo chỗ", "two digits swapped"),
    "digit": ("gõ nhầm một chữ số", "one digit mistyped"),
    "separator": ("dấu phẩy và dấu chấm bị nhầm", "comma and dot confused"),
    "dropped": ("thiếu một chữ số", "a digit dropped"),
    "extra": ("thừa một chữ số", "a digit too many"),
}

_FIELD_LABELS = {
    "th": ("thực hiện", "actual"), "kh": ("kế hoạch", "plan"), "ck": ("cùng kỳ", "same period"),
    "pct_kh": ("% kế hoạch", "% of plan"), "pct_ck": ("% cùng kỳ", "% of same period"),
    "remaining": ("còn phải thực hiện", "remaining"), "total": ("tổng", "total"),
    "total_amount": ("tổng giá trị", "total amount"), "amount": ("giá trị", "amount"),
    "value": ("số", "value"), "share": ("tỷ trọng", "share"), "total_value": ("tổng giá trị", "total value"),
    "numerator": ("tử số", "numerator"), "denominator": ("mẫu số", "denominator"),
    "percent": ("tỷ lệ", "percent"), "result": ("kết quả", "result"), "minuend": ("số bị trừ", "minuend"),
    "subtrahend": ("số trừ", "subtrahend"), "stated": ("số nêu", "stated number"),
    "members": ("số thành viên", "members"), "chair": ("chủ tịch", "chair"),
    "vice_chairs": ("phó chủ tịch", "vice-chairs"), "others": ("ủy viên", "members"),
    "individuals": ("cá nhân", "individuals"), "collectives": ("tập thể", "collectives"),
}


def value_parts(pointer: str, view: Any, lang: str) -> tuple[str, str]:
    """(what the value is, the item it belongs to): (“% kế hoạch”, “Sản lượng lương thực”); for a
    mention of a quantity stated twice, where it is."""
    toks = [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]
    fields = [t for t in toks if not t.isdigit()]
    names = _FIELD_LABELS.get(fields[-1] if fields else "")
    name = (names[0] if lang == "vi" else names[1]) if names and fields[-1] != "value" else ""
    node, owner = view, None
    for t in toks:
        if isinstance(node, dict) and "$fact" not in node:
            if node.get("name") or node.get("label") or node.get("title"):
                owner = node
            node = node.get(t)
        elif isinstance(node, list) and t.isdigit() and int(t) < len(node):
            node = node[int(t)]
            if isinstance(node, dict) and node.get("where") and "$fact" not in node:
                name = str(node["where"])  # a mention: say where it is
        else:
            break
    return name, (label_of(owner) if owner is not None else "")


def value_label(pointer: str, view: Any, lang: str) -> str:
    """“% kế hoạch · Sản lượng lương thực”."""
    return " · ".join(x for x in value_parts(pointer, view, lang) if x)


_PARTS: dict[tuple[int, str, str], tuple[Any, tuple[str, str]]] = {}  # during one `localize`


def _parts(pointer: str, view: Any, lang: str) -> tuple[str, str]:
    """`value_parts`, asked once per value and language in one `localize` (a culprit's label,
    its name in the message, the confirmed values' … each walk the view to it)."""
    got = _PARTS.get((id(view), pointer, lang))
    if got is None or got[0] is not view:
        got = _PARTS[id(view), pointer, lang] = (view, value_parts(pointer, view, lang))
    return got[1]


class _Namer:
    """How values are named in one localization message: the written value and what it is,
    without the item when every value named belongs to the same one."""

    def __init__(self, facts: list[Fact], view: Any) -> None:
        self.parts = {(f.pointer or "", lang): _parts(f.pointer or "", view, lang)
                      for f in facts for lang in ("vi", "en")}
        items = {p[1] for p in self.parts.values()}
        self.one_item = len(items) == 1

    def label(self, f: Fact | Culprit, lang: str) -> str:
        name, item = self.parts.get((f.pointer or "", lang), ("", ""))
        return " · ".join(x for x in (name, "" if self.one_item else item) if x)

    def __call__(self, f: Fact | Culprit, lang: str) -> str:
        label = self.label(f, lang)
        written = f.text if isinstance(f, Fact) else f.written
        return f"{written} ({label})" if label else written


def _label(f: Fact, view: Any) -> Text | None:
    vi, en = (" · ".join(x for x in _parts(f.pointer or "", view, lang) if x) for lang in ("vi", "en"))
    return Text(vi=vi, en=en) if vi or en else None


def _culprit(r: Repair, view: Any) -> Culprit:
    f = r.fact
    d = max(f.decimals, 0)
    lo = hi = None
    grid = _grid(f, (r.low, r.high)) if r.low is not None and r.high is not None else None
    if grid:
        if len(grid) > 1:  # (one value: the suggestion itself)
            lo, hi = like(f.text, grid[0], d), like(f.text, grid[-1], d)
    elif r.suggested is None:  # wide or open: the bounds, inward at the written precision
        q = Decimal(1).scaleb(-d)
        lo = like(f.text, math.ceil(r.low / q) * q, d) if r.low is not None else None
        hi = like(f.text, math.floor(r.high / q) * q, d) if r.high is not None else None
    return Culprit(pointer=f.pointer or "", written=f.text, label=_label(f, view),
                   suggested=r.suggested, low=lo, high=hi, typo=r.typo)  # type: ignore[arg-type]


def _change_text(c: Culprit, lang: str) -> str:
    vi = lang == "vi"
    if c.suggested is not None:
        how = f" ({_TYPO_TEXT[c.typo][0 if vi else 1]})" if c.typo else ""
        return f"{c.written} → {c.suggested}{how}"
    if c.low is not None and c.high is not None:
        return f"{c.written} → {c.low} … {c.high}"
    if c.low is not None:
        return f"{c.written} → ≥ {c.low}"
    if c.high is not None:
        return f"{c.written} → ≤ {c.high}"
    return c.written


def vals_of(r: Relation) -> set[str]:
    """The places of the written values a relation involves."""
    return {f.pointer for f in r.facts if isinstance(f, Fact) and f.pointer}


def _describe(comp: Component, index: dict[int, list[Relation]], view: Any) -> Localization | None:
    if comp.verdict is None:
        return None
    culprits = [_culprit(r, view) for r in comp.repairs]
    name = _Namer([r.fact for r in comp.repairs] + [f for f, _ in comp.confirmed.values()], view)
    confirmed = []
    conf_vi, conf_en = [], []
    for f, rels in comp.confirmed.values():
        rules = sorted({r.name for r in rels})
        confirmed.append(Confirmation(pointer=f.pointer or "", written=f.text,
                                      label=_label(f, view), rules=rules))
        conf_vi.append(f"{name(f, 'vi')} bởi {', '.join(rules)}")
        conf_en.append(f"{name(f, 'en')} by {', '.join(rules)}")

    def what(c: Culprit, lang: str) -> str:
        label = name.label(c, lang)
        return f"{label} {_change_text(c, lang)}" if label else _change_text(c, lang)

    if comp.verdict == "named":
        c = culprits[0]
        vi = f"Số có khả năng sai: {what(c, 'vi')}."
        en = f"Likely wrong: {what(c, 'en')}."
        if conf_vi:
            vi += " Các số khác được các quan hệ đúng xác nhận: " + "; ".join(conf_vi) + "."
            en += " The other values are confirmed by relations that hold: " + "; ".join(conf_en) + "."
        elif len(comp.failing) > 1:
            vi += " Đây là số duy nhất có mặt trong mọi quan hệ không khớp."
            en += " It is the only value involved in every failing relation."
    elif comp.verdict == "undetermined":
        all_of_one = len(comp.failing) == 1 and len(culprits) == len(vals_of(comp.failing[0]))
        if all_of_one:  # one relation, nothing else involves its values: nothing to weigh
            vi = "Báo cáo không cho biết số nào sai: không quan hệ nào khác xác nhận các số này."
            en = "The report does not tell which value is wrong: no other relation confirms any of them."
        elif len(culprits) <= 3:
            vi = "Báo cáo không cho biết số nào sai; sửa một trong các số sau đều làm khớp: " + "; ".join(
                what(c, "vi") for c in culprits) + "."
            en = "The report does not tell which value is wrong; changing any one of these makes it hold: " + "; ".join(
                what(c, "en") for c in culprits) + "."
        else:
            vi = "Báo cáo không cho biết số nào sai trong " + ", ".join(name(c, "vi") for c in culprits) + "."
            en = "The report does not tell which of these is wrong: " + ", ".join(name(c, "en") for c in culprits) + "."
        if conf_vi and not all_of_one:
            vi += " Các số khác được các quan hệ đúng xác nhận: " + "; ".join(conf_vi) + "."
            en += " The other values are confirmed by relations that hold: " + "; ".join(conf_en) + "."
        telling = [c for c in culprits if _telling(c)]
        if telling:
            vi += " Có thể là lỗi gõ phím: " + "; ".join(
                f"{t.written} → {t.suggested} ({_TYPO_TEXT[t.typo][0]})" for t in telling) + "."  # type: ignore[index]
            en += " Possibly a typo: " + "; ".join(
                f"{t.written} → {t.suggested} ({_TYPO_TEXT[t.typo][1]})" for t in telling) + "."  # type: ignore[index]
    else:  # several
        vi = "Không một số nào giải thích được mọi quan hệ không khớp; ít nhất hai số sai: " + "; ".join(
            what(c, "vi") for c in culprits) + "."
        en = "No single value explains every failing relation; at least two are wrong: " + "; ".join(
            what(c, "en") for c in culprits) + "."
    return Localization(verdict=comp.verdict, culprits=culprits, confirmed=confirmed,  # type: ignore[arg-type]
                        message=Text(vi=vi, en=en))


def _telling(c: Culprit) -> bool:
    """A typo worth pointing out among equally likely repairs: two digits swapped, comma for
    dot, a digit dropped or doubled; a changed digit only in a value of three significant digits
    or more (a short number is one digit from many values)."""
    if not c.typo or not c.suggested:
        return False
    if c.typo != "digit":
        return True
    return len(re.sub(r"\D", "", c.written).lstrip("0")) >= 3


def hints_of(loc: Localization) -> list[Hint]:
    """The former `hints` of a finding (format 1): the suggested repairs, as typo hints."""
    out = []
    culprits = loc.culprits
    if loc.verdict == "undetermined":  # only telling typos (see _describe)
        culprits = [c for c in culprits if _telling(c)]
    for c in culprits:
        if c.suggested is None:
            continue
        out.append(Hint(pointer=c.pointer, written=c.written, suggested=c.suggested,
                        message=Text(vi=f"Có thể gõ nhầm: {c.written} → {c.suggested}." if c.typo
                                     else f"Có thể sửa: {c.written} → {c.suggested}.",
                                     en=f"Possible typo: {c.written} → {c.suggested}." if c.typo
                                     else f"Possible fix: {c.written} → {c.suggested}.")))
    return out


def relation_of(findings: Iterable[Finding], comps: list[Component]) -> dict[int, Component]:
    """Which component each failing finding belongs to (by identity)."""
    out: dict[int, Component] = {}
    for comp in comps:
        for r in comp.failing:
            if r.finding is not None:
                out[id(r.finding)] = comp
    return out
