"""Straight-line runs of rule variants: the source of `engine/_straight.py` (issue 16, the batch).

A rule variant without `group_by` is run item by item: each item's arguments are read, the check
is called, its outcomes are counted and kept. `runner._gatherer` does that with a generator and a
getter function per parameter, made once per process; per item that is a generator resumption, a
call per parameter and a loop over the parameters' descriptions, ~7.000 instructions an item. Here
the same work is written out as plain code for each *shape* of variant — which parameters are read
how (the item itself, one or two dotted fields inlined; a getter or resolver for the others; a
report-wide value), which are needed, whether the check takes groups — with the passing and
skipped outcomes handled inline (a failing one goes to `runner._failed`, as `_outcomes` sends it).
The names, getters and paths of a variant are data (`runner._straight_run`), so one function serves
every variant of its shape, the user's rules too.

`python -m auditor.generate` writes the functions for the shapes of the shipped rules into
`auditor/engine/_straight.py` (a module, so its code is compiled once and kept by Python's own
`__pycache__`, not at every start); a variant of any other shape runs on its gatherer.
`tests/test_straight.py` fails when the file drifts from what this module writes and compares the
runs with the gatherers' and the plain path's on every rule.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable

TYPE_CHECKING = False  # (not typing's, as elsewhere in the tool)
if TYPE_CHECKING:
    from typing import Any

# How a parameter is read (the shape's letters): the item itself ("@"), one or two dotted fields
# of it ("1", "2"), a getter of the item ("H"), a resolver of the item and the report ("B"), a
# report-wide value resolved once per report for all rules ("R").
HOWS = ("@", "1", "2", "H", "B", "R")

GENERATED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_straight.py")

# A shape: (whether the check takes groups, ((how, needed) of each parameter in order)).
Shape = tuple[bool, tuple[tuple[str, bool], ...]]


def shape_key(shape: Shape) -> str:
    """The key a shape's function is found by (`"g|2!|H|1"`: grouped, then each parameter's
    letter, `!` when it is needed)."""
    grouped, steps = shape
    return "|".join(["g" if grouped else "-", *(how + ("!" if needed else "") for how, needed in steps)])


def _data_names(i: int, how: str) -> list[str]:
    """The names the function unpacks from its data for parameter `i` (`runner._straight_run`
    gives them in this order): its key, then the fields, the getter or the path."""
    extra = {"@": [], "1": [f"a{i}"], "2": [f"a{i}", f"b{i}"], "H": [f"h{i}"], "B": [f"h{i}"], "R": [f"p{i}"]}[how]
    return [f"k{i}", *extra]


_FACTS_OF = (  # a dict's fact, or a list's facts, as `runner._to_facts` and the getters take them
    "{ind}if type({v}) is dict:\n"
    "{ind}    if \"$fact\" in {v}:\n"
    "{ind}        {v} = {v}[\"$fact\"]\n"
    "{ind}elif type({v}) is list:\n"
    "{ind}    {v} = [x[\"$fact\"] if type(x) is dict and \"$fact\" in x else x for x in {v}]\n")


def _read(i: int, how: str, ind: str) -> str:
    """The statements that set `v{i}` for the item `it`, exactly as `runner._gatherer` reads it."""
    v = f"v{i}"
    if how == "@":  # `runner._to_facts(it)` (isinstance, as it tests)
        return (f"{ind}if isinstance(it, dict):\n"
                f"{ind}    {v} = it[\"$fact\"] if \"$fact\" in it else it\n"
                f"{ind}elif isinstance(it, list):\n"
                f"{ind}    {v} = [x[\"$fact\"] if isinstance(x, dict) and \"$fact\" in x else x for x in it]\n"
                f"{ind}else:\n"
                f"{ind}    {v} = it\n")
    if how == "1":  # the getter `one` of `runner._item_getter`
        return f"{ind}{v} = it.get(a{i}) if type(it) is dict else None\n" + _FACTS_OF.format(ind=ind, v=v)
    if how == "2":  # the getter `two`
        return (f"{ind}{v} = it.get(a{i}) if type(it) is dict else None\n"
                f"{ind}{v} = {v}.get(b{i}) if type({v}) is dict else None\n" + _FACTS_OF.format(ind=ind, v=v))
    if how == "H":
        return f"{ind}{v} = h{i}(it)\n"
    if how == "B":
        return f"{ind}{v} = h{i}(it, view)\n"
    if how == "R":
        return f"{ind}{v} = r{i}\n"
    raise ValueError(how)


def function_source(name: str, shape: Shape) -> str:
    """One shape's function, indented to sit inside `build`."""
    grouped, steps = shape
    ind = "    " * 2
    data = [n for i, (how, _) in enumerate(steps) for n in _data_names(i, how)]
    out = [f"    def {name}(items, view, roots, result, rule, variant, kind, opts, file, data):\n"]
    if data:
        out.append(f"{ind}{', '.join(data)}{',' if len(data) == 1 else ''} = data\n")
    out.append(f"{ind}stats = result.stats\n"
               f"{ind}passed = result.passed\n"
               f"{ind}relations = result.relations\n"
               f"{ind}fn = kind.fn\n"
               f"{ind}relation = kind.relation\n"
               f"{ind}rid = rule.id\n")
    for i, (how, _) in enumerate(steps):  # report-wide values first, in order, as the gatherer
        if how == "R":
            out.append(f"{ind}if p{i} in roots:\n"
                       f"{ind}    r{i} = roots[p{i}]\n"
                       f"{ind}else:\n"
                       f"{ind}    r{i} = roots[p{i}] = root(p{i}, view)\n")
    body = ind + "    "
    out.append(f"{ind}for it in items:\n"
               f"{body}if it is None:\n"
               f"{body}    continue\n")
    for i, (how, needed) in enumerate(steps):
        out.append(_read(i, how, body))
        if needed and not grouped:  # (a check of groups is given every parameter: `_gatherer`)
            out.append(f"{body}if not isinstance(v{i}, Fact):\n"
                       f"{body}    stats.skipped += 1\n"
                       f"{body}    continue\n")
    pairs = ", ".join(f"k{i}: v{i}" for i in range(len(steps)))
    out.append(f"{body}args = [{{{pairs}}}]\n" if grouped else f"{body}args = {{{pairs}}}\n")
    # `runner._outcomes`, the passing and skipped outcomes inline
    out.append(f"{body}for o in fn(args, opts):\n"
               f"{body}    status = o.status\n"
               f"{body}    if status == \"skip\":\n"
               f"{body}        stats.skipped += 1\n"
               f"{body}        continue\n"
               f"{body}    stats.evaluated += 1\n"
               f"{body}    if status == \"pass\":\n"
               f"{body}        stats.passed += 1\n"
               f"{body}        passed.append((rid, it.get(\"$ptr\", \"\") if isinstance(it, dict) else \"\"))\n"
               f"{body}        if relation:\n"
               f"{body}            relations.append(Relation(rule, kind, args, opts, o.key, \"pass\",\n"
               f"{body}                                      o.involved or o.facts, None, variant))\n"
               f"{body}        continue\n"
               f"{body}    failed(rule, variant, kind, args, opts, (it,), file, result, o)\n")
    return "".join(out)


def source(shapes: Iterable[Shape]) -> str:
    """The text of `_straight.py` for these shapes (sorted by key: the file does not depend on
    the order the rules come in)."""
    ordered = sorted(set(shapes), key=shape_key)
    parts = ['"""Straight-line runs of rule variants, one function per shape: generated by `python -m\n'
             'auditor.generate` from `auditor/engine/straight.py` and the shipped rules. Do not edit."""\n'
             "\n"
             "# ruff: noqa\n"
             "# fmt: off\n"
             "\n"
             "\n"
             "def build(Fact, Relation, failed, root):\n"
             '    """The functions by shape key (`straight.shape_key`), bound to the runner\'s `Fact`,\n'
             "    `Relation`, `_failed` and report-wide value.\"\"\"\n"]
    for n, shape in enumerate(ordered):
        parts.append("\n" + function_source(f"run_{n}", shape))
    parts.append("\n    return {\n")
    parts.extend(f"        {shape_key(shape)!r}: run_{n},\n" for n, shape in enumerate(ordered))
    parts.append("    }\n")
    return "".join(parts)


# ------------------------------------------------------------------ used by `runner` (imported only
# when the straight runs are switched on: a single report does not unmarshal this code)

def shape_of(steps: list[tuple[str, Any, Any, bool]], needs: frozenset[str], grouped: bool,
             item_getter: Callable[[Any, Any], Any], simple: Callable[[str], Any]
             ) -> tuple[Shape, tuple[Any, ...]]:
    """A variant's shape (how each parameter is read, whether it is needed) and the data its
    straight-line function reads them by: the same reading as `runner._gatherer`'s (the item
    itself and one or two dotted fields written out; `item_getter`'s other getters, a resolver, a
    report-wide path given). `simple`: the runner's test of a plain dotted path."""
    shape: list[tuple[str, bool]] = []
    data: list[Any] = []
    for key, path, resolver, on_root in steps:
        needed = key in needs and not grouped
        if on_root:
            shape.append(("R", needed))
            data += [key, path]
            continue
        get = item_getter(path, resolver)
        if get is None:
            shape.append(("B", needed))
            data += [key, resolver]
        elif path == "@":
            shape.append(("@", needed))
            data.append(key)
        elif isinstance(path, str) and simple(path) and path.count(".") < 2:
            parts = path.split(".")
            shape.append((str(len(parts)), needed))
            data += [key, *parts]
        else:
            shape.append(("H", needed))
            data += [key, get]
    return (grouped, tuple(shape)), tuple(data)


_RUNS: dict[str, Callable[..., None]] | None = None


def runs(*bound: Any) -> dict[str, Callable[..., None]]:
    """The functions of `engine/_straight.py` by shape key, bound to the runner's `Fact`,
    `Relation`, `_failed` and report-wide value (made once per process)."""
    global _RUNS
    if _RUNS is None:
        try:
            from auditor.engine import _straight
        except ImportError:  # (not generated yet: `python -m auditor.generate` makes it; gatherers meanwhile)
            _RUNS = {}
        else:
            _RUNS = _straight.build(*bound)
    return _RUNS
