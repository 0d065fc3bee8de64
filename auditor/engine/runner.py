"""Run rules over a validated report: select items, resolve inputs, call the check, turn
outcomes into findings (with the severity the policy gives their evidence), count what was
evaluated or skipped, and keep every evaluated relation between values (passing ones too) for
error localization (`localize.py`)."""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from auditor.checks import Outcome
from auditor.checks import kind as check_kind
from auditor.checks.registry import CheckKind, new_report
from auditor.engine import policy
from auditor.engine.jmes import SelectionTooLarge, compile_expression
from auditor.engine.provenance import cap_ocr
from auditor.engine.ruleset import RuleSpec
from auditor.engine.template import render
from auditor.model.facts import Fact, build_view, label_of
from auditor.model.findings import Evidence, Finding, Stats, Text, fingerprint, source_loc
from auditor.numeric import limits
from auditor.records import dataclass, field

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from typing import Any

    from auditor.model.report import Report

    # A variant's gatherer: (items, view, report-wide values, counts) -> (group, arguments) of
    # each item the check is to run on (`_gatherer`).
    Gather = Callable[[list[Any], dict[str, Any], dict[str, Any], "Counts"], Iterator[tuple[tuple[Any], Any]]]
    # A variant's straight-line run (`engine/straight.py`) and the data it reads its parameters by.
    Straight = tuple[Callable[..., None], tuple[Any, ...]]
    _PlanRow = tuple[str, Any, list[tuple[str, Any]], dict[str, Any], bool, Gather | None, Straight | None]


class EngineError(Exception):
    """A rule could not be evaluated because of a bug (exit 2), never a finding."""


_COMPILED: dict[str, Any] = {}


_SIMPLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")
_PROJECTION = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\[\*\]((\.[A-Za-z_][A-Za-z0-9_]*)+)$")


def _dotted(data: Any, parts: list[str]) -> Any:
    for p in parts:
        if not isinstance(data, dict):
            return None
        data = data.get(p)
    return data


def search(expr: str, data: Any) -> Any:
    """JMESPath search, each expression compiled once (`auditor.engine.jmes`). Plain dotted paths
    ("values.th") are looked up directly; "parts[*].values.th" keeps missing values (below)."""
    return _compiled(expr)(data)


def _compiled(expr: str) -> Any:
    """The function `search` calls for `expr` (made once per expression)."""
    c = _COMPILED.get(expr)
    if c is None:
        if expr == "@":
            c = _COMPILED[expr] = lambda d: d
        elif _SIMPLE.match(expr):
            parts = expr.split(".")
            c = _COMPILED[expr] = lambda d: _dotted(d, parts)
        elif m := _PROJECTION.match(expr):
            head, rest = m.group(1), m.group(2)[1:].split(".")

            def project(d: Any) -> Any:
                seq = d.get(head) if isinstance(d, dict) else None
                if not isinstance(seq, list):
                    return None
                # Unlike a JMESPath projection, keep missing values as None: a check must see
                # that a part has no value (then “parts = total” cannot be asserted).
                return [_dotted(x, rest) for x in seq]
            c = _COMPILED[expr] = project
        else:
            c = _COMPILED[expr] = compile_expression(expr)
    return c


def _resolver(path: Any) -> Any:
    """A function (item, root) -> value for one parameter, built once per rule. One that does
    not look at the item (a path on the report, "$.meta.period.year") is marked `on_root`:
    `_run_variant` calls it once per report, not once per item."""
    if isinstance(path, str):
        if path.startswith("$."):
            expr = path[2:]

            def on_report(item: Any, root: Any) -> Any:
                return _to_facts(search(expr, root))
            on_report.on_root = True  # type: ignore[attr-defined]
            return on_report
        if _SIMPLE.match(path):
            return _dotted_resolver(path.split("."))
        select = _compiled(path)
        return lambda item, root: _to_facts(select(item))
    return lambda item, root: _resolve(path, item, root)


def _dotted_resolver(parts: list[str]) -> Any:
    """`values.th` on the item, in one call: the shape of most parameters (same result as
    `_to_facts(search(path, item))`)."""
    def resolve(item: Any, root: Any) -> Any:
        d = item
        for p in parts:
            if type(d) is not dict:
                return None
            d = d.get(p)
        if type(d) is dict:
            return d["$fact"] if "$fact" in d else d
        if type(d) is list:
            return [x["$fact"] if type(x) is dict and "$fact" in x else x for x in d]
        return d
    return resolve


def _resolve(path: Any, item: Any, root: Any) -> Any:
    """A parameter: a JMESPath on the item ("values.th"), on the report ("$.indicators"),
    a dict of such paths, or a literal number."""
    if isinstance(path, dict):
        return {k: _resolve(v, item, root) for k, v in path.items()}
    if isinstance(path, bool) or path is None:
        return path
    if isinstance(path, (int, float)):
        return Fact.literal(str(path))
    if not isinstance(path, str):
        return path
    raw = search(path[2:], root) if path.startswith("$.") else search(path, item)
    return _to_facts(raw)


def _to_facts(v: Any) -> Any:
    if isinstance(v, dict):
        return v["$fact"] if "$fact" in v else v
    if isinstance(v, list):
        return [x["$fact"] if isinstance(x, dict) and "$fact" in x else x for x in v]
    return v


@dataclass
class Counts:
    """Plain counters while rules run (a pydantic model's attribute writes are slow here)."""

    evaluated: int = 0
    passed: int = 0
    failed: int = 0
    skipped: int = 0
    rules: int = 0

    def as_stats(self) -> Stats:
        return Stats(evaluated=self.evaluated, passed=self.passed, failed=self.failed,
                     skipped=self.skipped, rules=self.rules)


@dataclass(slots=True)
class Relation:
    """One evaluated relation between written values (a sum, a ratio, one value stated twice …):
    what error localization needs to weigh its values and to re-run it with changed ones.
    Kept for passing relations too (they confirm their values): references, not copies."""

    rule: RuleSpec
    kind: CheckKind
    args: Any
    opts: dict[str, Any]
    key: str                    # the outcome's key as the check returned it
    status: str                 # pass, fail or truncated
    facts: list[Fact]           # the values it involves (those with a pointer are written ones)
    finding: Finding | None = None
    variant: str = ""           # the rule's `for_each` value (the column), if any

    @property
    def name(self) -> str:
        """The rule id, with the column for a rule run per column (“SUM001 kh”)."""
        return f"{self.rule.id} {self.variant}" if self.variant else self.rule.id


@dataclass
class EngineResult:
    """What running the rules on one report gave."""

    findings: list[Finding] = field(default_factory=list)
    stats: Counts = field(default_factory=Counts)
    # (rule id, pointer of the item) of every check that was evaluated and passed: lets
    # tests and reports show what was verified, not only what failed.
    passed: list[tuple[str, str]] = field(default_factory=list)
    # every evaluated relation between values, passing or not (error localization)
    relations: list[Relation] = field(default_factory=list)
    # the report was read from a document: values its reader linked count as inferred
    # (severity policy) unless the reader marked them explicit
    inferred_links: bool = False
    view: Any = None  # the report's view the rules read (labels for localization)
    # rule id -> findings made / findings beyond `limits.findings_per_rule` (not made: summed up
    # in one finding at the end of the rule)
    made: dict[str, int] = field(default_factory=dict)
    over: dict[str, int] = field(default_factory=dict)
    # (rule id, vi, en) of the rules not run on this report because a limit was reached (INP009)
    beyond_limits: list[tuple[str, str, str]] = field(default_factory=list)


def run_rules(report: Report, rules: Iterable[RuleSpec], file: str,
              view: dict[str, Any] | None = None, *, inferred_links: bool = False) -> EngineResult:
    """Run `rules` on a report. `view`: the report's view if the reader made it already
    (the same as `build_view(report)`). `inferred_links`: the report was read from a document
    (see `policy.inferred`)."""
    if view is None:
        view = build_view(report)
    new_report()  # (the checks' memos of the report before are emptied)
    result = EngineResult(inferred_links=inferred_links, view=view)
    scopes: dict[str, Any] = {}
    roots: dict[str, Any] = {}  # report-wide parameter values (“$.meta.period”), by path
    with collector_paused():
        for rule in rules:
            if rule.check == "input":
                continue
            result.stats.rules += 1
            try:
                _run_rule(rule, view, file, result, scopes, roots)
            except SelectionTooLarge as e:
                _beyond_selection(rule, e.n, result)
            except EngineError:
                raise
            except Exception as e:  # a bug in a check or a rule: never a finding, never silent
                raise EngineError(f"rule {rule.id} could not be evaluated: {type(e).__name__}: {e}") from e
            if rule.id in result.over:
                result.findings.append(_more_finding(rule, result.over[rule.id], file))
    cap_ocr(result.findings, report)  # values read from a scan: at most a warning (provenance.py)
    return result


def _beyond_selection(rule: RuleSpec, n: int, result: EngineResult) -> None:
    lim = limits.current().selection_items
    key = limits.key_of("selection_items")
    result.beyond_limits.append((
        rule.id,
        f"Quy tắc {rule.id} chọn hơn {lim} mục trong báo cáo này (đã đến {n}; khóa cấu hình {key}): "
        "quy tắc không được chạy trên báo cáo.",
        f"Rule {rule.id} selects more than {lim} items in this report (it reached {n}; configuration key "
        f"{key}): the rule was not run on the report."))


def _more_finding(rule: RuleSpec, n: int, file: str) -> Finding:
    """The one finding that stands for a rule's findings beyond the per-file limit."""
    lim = limits.current().findings_per_rule
    key = limits.key_of("findings_per_rule")
    return Finding(
        rule_id=rule.id, severity=rule.severity, title=Text(vi=rule.title.vi, en=rule.title.en),
        message=Text(
            vi=f"Còn {n} phát hiện khác của quy tắc {rule.id} trong tệp này không được liệt kê (tối đa {lim} "
               f"phát hiện của một quy tắc trong một tệp; khóa cấu hình {key}).",
            en=f"{n} more findings of rule {rule.id} in this file are not listed (at most {lim} findings of one "
               f"rule in one file; configuration key {key})."),
        file=file, pointer="", legal_basis=list(rule.legal_basis),
        fingerprint=fingerprint(rule.id, "$more-findings"))


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cycle collector paused while a report is read and its rules run (the pipeline pauses
    it for a whole file, `run_rules` for its rules). Reading builds the report's objects, the
    rules allocate much and free it at once, all without cycles, but every collection walks the
    young objects and lists that hold a whole report's items (“$.indicators”, a flattened tree
    …): that costs more the larger the report, 40 % of the CPU time of a report 100 times a
    seed. The cycles a file leaves, if any, are collected after it."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _groups(rule: RuleSpec, items: list[Any]) -> list[list[Any]] | list[tuple[Any]]:
    if not rule.group_by:
        return [(it,) for it in items if it is not None]
    groups: dict[str, list[Any]] = {}
    for it in items:
        if it is None:
            continue
        key = it.get(rule.group_by) if isinstance(it, dict) else None
        if key is None:
            groups.setdefault(f"\x00{id(it)}", []).append(it)  # ungrouped items stand alone
        else:
            groups.setdefault(str(key), []).append(it)
    return list(groups.values())


def _expand(rule: RuleSpec) -> list[tuple[str, dict[str, Any]]]:
    """The parameter sets of a rule: one, or one per `for_each` value."""
    if not rule.for_each:
        return [("", rule.params)]
    (name, values), = rule.for_each.items()

    def sub(v: Any, val: str) -> Any:
        if isinstance(v, str):
            return v.replace("{" + name + "}", val)
        if isinstance(v, dict):
            return {k: sub(x, val) for k, x in v.items()}
        if isinstance(v, list):
            return [sub(x, val) for x in v]
        return v
    return [(val, sub(rule.params, val)) for val in values]


def _run_rule(rule: RuleSpec, view: dict[str, Any], file: str, result: EngineResult,
              scopes: dict[str, Any] | None = None, roots: dict[str, Any] | None = None) -> None:
    # Many rules share a scope (“flatten_tree(indicators, 'parts')”): select once per report.
    expr = rule.scope or "@"
    if scopes is None:
        scopes = {}
    if roots is None:
        roots = {}
    if expr in scopes:
        selected = scopes[expr]
    else:
        selected = scopes[expr] = search(expr, view)
    if selected is None:
        return
    items = selected if isinstance(selected, list) else [selected]
    for variant, kind, resolvers, opts, on_root, gather, straight in _plan(rule):
        if straight is not None:
            run, data = straight
            run(items, view, roots, result, rule, variant, kind, opts, file, data)
        elif gather is not None:
            _run_gathered(rule, variant, kind, gather, opts, items, view, file, result, roots)
        else:
            _run_variant(rule, variant, kind, resolvers, opts, items, view, file, result, on_root)


@dataclass(frozen=True)
class _Variant:
    """A rule's parameter sets, prepared once per process."""

    rule: RuleSpec  # kept so that the id used as the cache key is never reused
    variants: list[_PlanRow]


_PLANS: dict[int, _Variant] = {}


def _plan(rule: RuleSpec) -> list[_PlanRow]:
    """Per rule, once per process: its parameter sets, each split into resolvers (compiled
    selectors) and literal options, whether a resolver reads the report rather than the
    item (`on_root`: asked here once, not by every report's run of the rule), and, when its
    rule runs item by item, the variant's straight-line run (`_straight_run`) or, for a shape
    `engine/_straight.py` lacks, its gatherer (`_gatherer`)."""
    cached = _PLANS.get(id(rule))
    if cached is not None and cached.rule is rule:
        return cached.variants
    kind = check_kind(rule.check)
    variants: list[_PlanRow] = []
    for variant, params in _expand(rule):
        resolvers, marks = _resolvers(kind, params)
        opts = {k: v for k, v in params.items() if k not in kind.paths}
        on_root = any(marks)
        gather = straight = None
        if not rule.group_by:
            steps = [(k, params[k], r, mark) for (k, r), mark in zip(resolvers, marks)]
            straight = _straight_run(steps, kind.needs, kind.grouped) if _STRAIGHT_ON[0] else None
            if straight is None:
                gather = _gatherer(steps, kind.needs, kind.grouped)
        variants.append((variant, kind, resolvers, opts, on_root, gather, straight))
    _PLANS[id(rule)] = _Variant(rule, variants)
    return variants


def _resolvers(kind: CheckKind, params: dict[str, Any]) -> tuple[list[tuple[str, Any]], list[bool]]:
    """A parameter set's resolvers, the needed ones first, and whether each reads the report."""
    resolvers = [(k, _resolver(p)) for k, p in params.items() if k in kind.paths]
    resolvers.sort(key=lambda kr: kr[0] not in kind.needs)  # needed ones first (stable)
    # (asked once per resolver: a plain closure has no mark, and `getattr` then raises inside)
    return resolvers, [getattr(r, "on_root", False) for _, r in resolvers]


def _run_variant(rule: RuleSpec, variant: str, kind: Any, resolvers: list[tuple[str, Any]],
                 opts: dict[str, Any], items: list[Any], view: dict[str, Any], file: str,
                 result: EngineResult, on_root: bool = True) -> None:
    """A variant, every parameter through its resolver: what runs a rule with `group_by` (the
    others' gatherers give the same, `tests/test_rule_gatherers.py`)."""
    needs = kind.needs
    if on_root:  # (False only when `_plan` found no resolver that reads the report)
        # the report-wide values once, the same objects for every item: checks never change
        # their arguments, and they index a list of the report once per rule (checks.per_list)
        fixed = {k: r(None, view) for k, r in resolvers if getattr(r, "on_root", False)}
        resolvers = [(k, _constant(fixed[k]) if k in fixed else r) for k, r in resolvers]
    for group in _groups(rule, items):
        if kind.grouped:
            args: Any = [{k: r(it, view) for k, r in resolvers} for it in group]
        else:
            first = group[0]
            args = {}
            missing = False
            for k, r in resolvers:
                v = args[k] = r(first, view)
                if k in needs and not isinstance(v, Fact):
                    missing = True  # the check would only skip: see CheckKind.needs
                    break
            if missing:
                result.stats.skipped += 1
                continue
        _outcomes(rule, variant, kind, args, opts, group, file, result)


def _run_gathered(rule: RuleSpec, variant: str, kind: Any, gather: Gather, opts: dict[str, Any],
                  items: list[Any], view: dict[str, Any], file: str, result: EngineResult,
                  roots: dict[str, Any]) -> None:
    """A variant of a rule without `group_by`: its gatherer resolves each item's arguments (and
    counts the items a needed value is missing from), the check runs on the others."""
    for group, args in gather(items, view, roots, result.stats):
        _outcomes(rule, variant, kind, args, opts, group, file, result)


def _outcomes(rule: RuleSpec, variant: str, kind: Any, args: Any, opts: dict[str, Any],
              group: Any, file: str, result: EngineResult) -> None:
    """Run the check on one group's arguments; count, keep and turn its outcomes into findings.
    (The straight-line runs of `engine/_straight.py` do the same inline, `_failed` included.)"""
    outcomes = kind.fn(args, opts)
    item = group[0]
    relation = kind.relation
    for o in outcomes:
        if o.status == "skip":
            result.stats.skipped += 1
            continue
        result.stats.evaluated += 1
        if o.status == "pass":
            result.stats.passed += 1
            result.passed.append((rule.id, item.get("$ptr", "") if isinstance(item, dict) else ""))
            if relation:
                result.relations.append(Relation(rule, kind, args, opts, o.key, "pass",
                                                 o.involved or o.facts, None, variant))
            continue
        _failed(rule, variant, kind, args, opts, group, file, result, o)


def _failed(rule: RuleSpec, variant: str, kind: Any, args: Any, opts: dict[str, Any], group: Any,
            file: str, result: EngineResult, o: Outcome) -> None:
    """A failing (or truncated) outcome of a check on one group, once it is counted as evaluated:
    its finding (up to the per-file limit) and its relation."""
    result.stats.failed += 1
    made = result.made.get(rule.id, 0)
    if made >= limits.current().findings_per_rule:
        # counted, not made (nor localized): one finding sums them up
        result.over[rule.id] = result.over.get(rule.id, 0) + 1
        return
    result.made[rule.id] = made + 1
    raw_key = o.key
    qualifiers = _qualifiers(rule, kind, args, opts, o, group, result.inferred_links)
    if variant:
        o.key = f"{variant}:{o.key}"
        o.params.setdefault("column", variant)
    finding = _finding(rule, o, group[0], group, file, qualifiers)
    result.findings.append(finding)
    if kind.relation:
        result.relations.append(Relation(rule, kind, args, opts, raw_key, o.status,
                                         o.involved or o.facts, finding, variant))


def _root_value(path: str, view: dict[str, Any]) -> Any:
    """A report-wide parameter ("$.meta.period"), as a gatherer resolves it."""
    return _to_facts(search(path[2:], view))


# Whether rule variants run as straight-line code (`use_straight_runs`); off: on their gatherers.
_STRAIGHT_ON = [False]


def use_straight_runs(on: bool = True) -> None:
    """Run rule variants as straight-line code (`engine/straight.py`) from now on in this process,
    or (`on=False`) on their gatherers: for a batch (`batch.STRAIGHT_MIN`). Plans made are dropped."""
    if _STRAIGHT_ON[0] != on:
        _STRAIGHT_ON[0] = on
        _PLANS.clear()


def _straight_run(steps: list[tuple[str, Any, Any, bool]], needs: frozenset[str], grouped: bool
                  ) -> Straight | None:
    """The straight-line run of a variant of a rule without `group_by`, when
    `engine/_straight.py` has its shape (None: its gatherer runs it)."""
    from auditor.engine import straight

    shape, data = straight.shape_of(steps, needs, grouped, _item_getter, _SIMPLE.match)
    run = straight.runs(Fact, Relation, _failed, _root_value).get(straight.shape_key(shape))
    return (run, data) if run is not None else None

def _item_getter(path: Any, resolver: Any) -> Callable[[Any], Any] | None:
    """A parameter read from the item alone, as a function of the item (the same value as
    `resolver(item, view)`), specialised to the shapes rules use most: the item itself ("@")
    and a dotted path of one or two fields. None for any other parameter."""
    if path == "@":
        return _to_facts  # (`search("@", item)` is the item)
    if isinstance(path, dict):
        return _dict_getter(path)
    if not isinstance(path, str) or path.startswith("$."):
        return None
    if m := _PROJECTION.match(path):
        return _projection_getter(m.group(1), m.group(2)[1:].split("."))
    if path[:1] == "[" and path[-1:] == "]":
        # `[values.ck, values.kh]`: JMESPath's multi-select list when every part is a dotted path
        paths = [p.strip() for p in path[1:-1].split(",")]
        if all(_SIMPLE.match(p) for p in paths):
            return _multi_select_getter([p.split(".") for p in paths])
        return None
    if not _SIMPLE.match(path):
        return None
    parts = path.split(".")
    if len(parts) == 1:
        (a,) = parts

        def one(d: Any) -> Any:
            if type(d) is not dict:
                return None
            d = d.get(a)
            if type(d) is dict:
                return d["$fact"] if "$fact" in d else d
            if type(d) is list:
                return [x["$fact"] if type(x) is dict and "$fact" in x else x for x in d]
            return d
        return one
    if len(parts) == 2:
        a, b = parts

        def two(d: Any) -> Any:
            if type(d) is not dict:
                return None
            d = d.get(a)
            if type(d) is not dict:
                return None
            d = d.get(b)
            if type(d) is dict:
                return d["$fact"] if "$fact" in d else d
            if type(d) is list:
                return [x["$fact"] if type(x) is dict and "$fact" in x else x for x in d]
            return d
        return two
    return lambda d: resolver(d, None)  # (a longer dotted path reads the item only)


def _projection_getter(head: str, rest: list[str]) -> Callable[[Any], Any]:
    """`parts[*].values.th` (as `search` reads it: a missing value kept as None) with its
    values' facts, in one pass."""
    def project(d: Any) -> Any:
        seq = d.get(head) if isinstance(d, dict) else None
        if not isinstance(seq, list):
            return None
        out = []
        for x in seq:
            for p in rest:
                if not isinstance(x, dict):
                    x = None
                    break
                x = x.get(p)
            out.append(x["$fact"] if isinstance(x, dict) and "$fact" in x else x)
        return out
    return project


def _multi_select_getter(paths: list[list[str]]) -> Callable[[Any], Any]:
    """`[values.ck, values.kh]` with their facts: null for a null item, else one value per path
    (null where a path does not lead to one), held to the selection limit as `jmes` holds it."""
    def select(d: Any) -> Any:
        if d is None:
            return None
        if len(paths) > limits.current().selection_items:
            raise SelectionTooLarge(len(paths))
        out = []
        for parts in paths:
            x = d
            for p in parts:
                if not isinstance(x, dict):
                    x = None
                    break
                x = x.get(p)
            out.append(x["$fact"] if isinstance(x, dict) and "$fact" in x else x)
        return out
    return select


def _dict_getter(path: dict[str, Any]) -> Callable[[Any], Any] | None:
    """A dict of parameters (`vars: {th: values.th, pth: parts[*].values.th}`), each read from
    the item as `_resolve` reads it; None when one of them reads the report ("$.…")."""
    getters = []
    for k, sub in path.items():
        get: Callable[[Any], Any] | None
        if isinstance(sub, dict):
            get = _dict_getter(sub)
        elif isinstance(sub, bool) or sub is None or not isinstance(sub, (int, float, str)):
            get = _const_getter(sub)
        elif isinstance(sub, (int, float)):
            get = _literal_getter(str(sub))
        elif sub.startswith("$."):
            get = None
        else:  # (a selector on the item: its resolver never reads the report)
            r = _resolver(sub)
            get = _item_getter(sub, r) or _without_view(r)
        if get is None:
            return None
        getters.append((k, get))
    return lambda d: {k: get(d) for k, get in getters}


def _const_getter(v: Any) -> Callable[[Any], Any]:
    return lambda d: v


def _literal_getter(text: str) -> Callable[[Any], Any]:
    return lambda d: Fact.literal(text)  # (a new fact each time, as `_resolve` makes it)


def _without_view(resolver: Any) -> Callable[[Any], Any]:
    return lambda d: resolver(d, None)


def _gatherer(steps: list[tuple[str, Any, Any, bool]], needs: frozenset[str], grouped: bool = False) -> Gather:
    """The gatherer of a variant of a rule without `group_by`, made once per process: for each
    item (in order; a null item is no item), its arguments in the order of `steps` (key, path,
    resolver, whether it reads the report; the needed ones first), as `_run_variant` resolves
    them, except that a report-wide value (“$.meta.period”) is resolved once per report for all
    the rules that name it (`roots`) instead of once per rule. An item whose needed value is not
    a number is counted as skipped at the first such value, the later parameters unresolved (the
    check would only skip: `CheckKind.needs`). A check of groups (`grouped`) gets each item as a
    group of its own, every parameter resolved (`needs` is not asked there, as `_run_variant`
    does not)."""
    plan: list[tuple[str, int, Any, bool]] = []  # (key, how, getter, needed)
    for key, path, resolver, on_root in steps:
        if on_root:
            plan.append((key, _ROOT, path, key in needs))
        elif (get := _item_getter(path, resolver)) is not None:
            plan.append((key, _ITEM, get, key in needs))
        else:
            plan.append((key, _BOTH, resolver, key in needs))
    if grouped:
        plan = [(key, how, get, False) for key, how, get, _ in plan]
    # The first parameter, when it is needed and read from the item, is tested before anything
    # else is made: most items of a scope lack most columns.
    lead = plan[0] if plan and plan[0][1] == _ITEM and plan[0][3] else None
    rest = plan[1:] if lead is not None else plan
    roots_of = [(key, path) for key, how, path, _ in plan if how == _ROOT]

    def gather(items: list[Any], view: dict[str, Any], roots: dict[str, Any],
               stats: Counts) -> Iterator[tuple[tuple[Any], Any]]:
        fixed = {}
        for key, path in roots_of:  # (before the items, as for a scope without items)
            if path in roots:
                fixed[key] = roots[path]
            else:
                fixed[key] = roots[path] = _to_facts(search(path[2:], view))
        if lead is not None:
            lead_key, _, lead_get, _ = lead
        for it in items:
            if it is None:
                continue
            if lead is not None:
                v = lead_get(it)
                if not isinstance(v, Fact):
                    stats.skipped += 1
                    continue
                args = {lead_key: v}
            else:
                args = {}
            for key, how, get, needed in rest:
                if how == _ITEM:
                    v = args[key] = get(it)
                elif how == _ROOT:
                    v = args[key] = fixed[key]
                else:
                    v = args[key] = get(it, view)
                if needed and not isinstance(v, Fact):
                    stats.skipped += 1
                    break
            else:
                yield (it,), [args] if grouped else args
    return gather


_ROOT, _ITEM, _BOTH = 0, 1, 2  # how a gatherer resolves a parameter: report-wide, item, either


def _constant(v: Any) -> Any:
    return lambda item, root: v


def _qualifiers(rule: RuleSpec, kind: CheckKind, args: Any, opts: dict[str, Any], o: Outcome,
                group: list[Any], inferred_links: bool) -> set[str]:
    """The evidence the severity policy weighs (`policy.py`): what the check said, plus a
    truncation, a value written as an approximation, values the reader linked."""
    q = set(o.qualifiers)
    if o.status == "truncated":
        q.add("truncated")
    if policy.inferred(rule, list(group), inferred_links):
        q.add("inferred")
    if o.status == "fail":
        approx = [f for f in _unique(o.involved or o.facts) if getattr(f, "approx", None)]
        if approx and _approximation_may_hold(kind, args, opts, o, approx):
            q.add("approximate")  # DOMAIN.md §4b: relations that use approximations are at most warnings
    return q


# How far a floor is let go when asking whether it can make a relation hold: “trên 293” is any
# value from 293 to 1000 × 293 (far enough to stand for “any”: a wider range only lets more
# relations hold, never fewer).
_BOUNDLESS = 1000


def _approximation_may_hold(kind: CheckKind, args: Any, opts: dict[str, Any], o: Outcome,
                            approx: list[Fact]) -> bool:
    """Whether a failing relation can hold under some reading of its approximate values. “trên /
    hơn X” (over) says “more than X”: a floor, so the check is run again with each such value free
    above it; a relation that fails on the whole side (“trên 293 tỷ”, of which 216 tỷ is said to
    be 77 %: 216 / 293 is already 73,7 %, less for any larger total) is inconsistent under every
    reading of the word, as if it were not there. “khoảng X” (about) and “gần X” (nearly: in use
    also a little above X) give no side, and “dưới X” is read with “gần” (the reader marks both
    `under`): a relation with any of them may hold, a warning (the issue's severity policy)."""
    from auditor.numeric.interval import Interval

    if any(f.approx != "over" for f in approx):
        return True
    subst: dict[int, Fact] = {}
    for f in approx:
        v = f.value
        iv = Interval(v, v * _BOUNDLESS) if v > 0 else Interval(v, v + _BOUNDLESS * max(abs(v), 1))
        free = Fact(v, f.decimals, f.exact, f.text, f.pointer, f.unit, f.src, f.approx)
        free.__dict__["interval"] = iv  # (where `_once` keeps it)
        subst[id(f)] = free
    try:
        outs = kind.fn(substitute(args, subst), opts)
    except ArithmeticError:
        return True
    same = [x for x in outs if x.key == o.key]
    return not same or any(x.status != "fail" for x in same)


def substitute(args: Any, subst: dict[int, Fact], paths: dict[int, list[tuple]] | None = None) -> Any:
    """The arguments of a check with some facts replaced (by identity: a report's facts are
    shared by every rule that reads them). Containers are copied only along the way to a
    replaced fact; `paths` (from `fact_paths(args)`) saves the walk."""
    if paths is None:
        paths = fact_paths(args)
    out = args
    copied: set[tuple] = set()
    for fid, new in subst.items():
        for path in paths.get(fid, ()):
            if not path:
                return new
            out = _copy_path(out, path, copied)
            parent = _at(out, path[:-1])
            parent[path[-1]] = new
    return out


def fact_paths(args: Any, memo: dict[int, tuple[Any, list[tuple[tuple, int]]]] | None = None) -> dict[int, list[tuple]]:
    """Where each fact sits in a check's arguments (keys and indexes from the top). `memo`
    keeps what is inside each container already walked (checks share the report's view
    dicts: a count claim's list of indicators is walked once, not once per claim)."""
    out: dict[int, list[tuple]] = {}
    for rel, fid in _inside(args, {} if memo is None else memo):
        out.setdefault(fid, []).append(rel)
    return out


def _inside(node: Any, memo: dict[int, tuple[Any, list[tuple[tuple, int]]]]) -> list[tuple[tuple, int]]:
    t = type(node)
    if t is Fact:
        return [((), id(node))]
    if t is not dict and t is not list:
        return []
    got = memo.get(id(node))
    if got is not None and got[0] is node:
        return got[1]
    found: list[tuple[tuple, int]] = []
    items = node.items() if t is dict else enumerate(node)
    for k, v in items:
        tv = type(v)
        if tv is Fact:
            found.append(((k,), id(v)))
        elif tv is dict or tv is list:
            found.extend(((k, *rel), fid) for rel, fid in _inside(v, memo))
    memo[id(node)] = (node, found)
    return found


def _at(node: Any, path: tuple) -> Any:
    for k in path:
        node = node[k]
    return node


def _copy_path(root: Any, path: tuple, copied: set[tuple]) -> Any:
    """`root` with every container on the way to `path`'s parent copied once (shallow)."""
    if () not in copied:
        root = dict(root) if isinstance(root, dict) else list(root)
        copied.add(())
    node = root
    for i in range(len(path) - 1):
        sub = path[: i + 1]
        child = node[path[i]]
        if sub not in copied:
            child = dict(child) if isinstance(child, dict) else list(child)
            node[path[i]] = child
            copied.add(sub)
        node = child
    return root


def _finding(rule: RuleSpec, o: Outcome, item: Any, group: list[Any], file: str,
             qualifiers: set[str]) -> Finding:
    severity, note = policy.severity_for(rule, qualifiers)
    label = label_of(item)
    params = {"label": label, "stated": "", "expected": "", "formula": "", "imbalance": "", **o.params}
    msg_vi = _render(rule.message.vi, params)
    msg_en = _render(rule.message.en, params)
    if o.status == "truncated":
        msg_vi = (f"{o.params.get('stated')} là giá trị bị cắt bớt chứ không làm tròn: "
                  f"{o.params.get('formula')} ({label}).")
        msg_en = (f"{o.params.get('stated')} is truncated, not rounded: "
                  f"{o.params.get('formula')} ({label}).")
    if o.params.get("imbalance") and o.status == "fail" and o.params.get("relation") != "≤" \
            and rule.check in ("sum", "ratio", "difference", "product", "shares"):
        msg_vi += f" Chênh lệch (ghi − tính): {o.params['imbalance']}."
        msg_en += f" Imbalance (stated − computed): {o.params['imbalance']}."
    msg_vi, msg_en = _reading_notes(msg_vi, msg_en, group or [item], o.facts,
                                    bounds_fail=o.status == "fail" and "approximate" not in qualifiers)
    pointer = (o.target.pointer if o.target and o.target.pointer else None) or item.get("$ptr", "")
    related = sorted({f.pointer for f in o.facts if f.pointer and f.pointer != pointer})
    evidence = [Evidence(role="stated" if f is o.target else "operand", text=f.text,
                         value=str(f.value), unit=f.unit, pointer=f.pointer, src=source_loc(f.src))
                for f in _unique(o.facts)]
    fp = fingerprint(rule.id, o.key, label, *sorted(f.text for f in o.facts),
                     *([] if o.facts else [pointer]))
    return Finding(
        rule_id=rule.id, severity=severity, title=Text(vi=rule.title.vi, en=rule.title.en),
        message=Text(vi=msg_vi, en=msg_en), file=file, pointer=pointer,
        item=label or None, related=related,
        src=source_loc(o.target.src if o.target else item.get("src") if isinstance(item, dict) else None),
        stated=o.params.get("stated") or None, expected=o.params.get("expected") or None,
        formula=o.params.get("formula") or None, imbalance=o.params.get("imbalance") or None,
        evidence=evidence, legal_basis=list(rule.legal_basis), fingerprint=fp,
        fix=Text(vi=_render(rule.fix.vi, params), en=_render(rule.fix.en, params)) if rule.fix else None,
        severity_note=note,
    )


def _reading_notes(msg_vi: str, msg_en: str, items: list[Any], facts: list[Fact],
                   bounds_fail: bool = False) -> tuple[str, str]:
    """How the relation was read, in the message: one the document reader inferred (its item
    says `confidence: inferred`, with its `reading`), values written with “trên / gần /
    khoảng” (docs/inputs.md, “Confidence and severity”). The severity is the policy's
    (`policy.py`: an inferred relation is at most a warning; an approximation only when the
    relation can hold under a reasonable reading of it)."""
    inferred = next((it for it in items if isinstance(it, dict) and it.get("confidence") == "inferred"), None)
    approx = [f for f in _unique(facts) if getattr(f, "approx", None)]
    if inferred is not None:
        how = inferred.get("reading") or ""
        msg_vi += f" Quan hệ do công cụ tự đọc ra từ văn bản{': ' + how if how else ''}; hãy xem lại cách đọc."
        msg_en += f" The relation was read automatically from the text{': ' + how if how else ''}; check the reading."
    if approx:
        words = {"over": ("trên/hơn", "at least"), "under": ("gần/dưới", "at most"), "about": ("khoảng", "about")}
        vi = ", ".join(f"{words[f.approx][0]} {f.text}" for f in approx)
        en = ", ".join(f"{words[f.approx][1]} {f.text}" for f in approx)
        msg_vi += f" Số gần đúng: {vi}."
        msg_en += f" Approximate value: {en}."
        if bounds_fail:  # (`_approximation_may_hold`: a “trên X” whose whole side fails)
            msg_vi += " Quan hệ vẫn sai với mọi giá trị lớn hơn số đó, nên không phải do số gần đúng."
            msg_en += " The relation fails for any larger value too, so the approximation does not explain it."
    return msg_vi, msg_en


def _unique(facts: list[Fact]) -> list[Fact]:
    seen: set[int] = set()
    out = []
    for f in facts:
        if id(f) not in seen:
            seen.add(id(f))
            out.append(f)
    return out


def _render(template: str, params: dict[str, str]) -> str:
    return render(template, params).strip()  # the restricted formatter (template.py)
