"""Run rules over a validated report: select items, resolve inputs, call the check, turn
outcomes into findings (with repair hints), and count what was evaluated or skipped."""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from auditor.checks import MESSAGES, Outcome
from auditor.checks import kind as check_kind
from auditor.engine.jmes import compile_expression
from auditor.engine.provenance import cap_ocr
from auditor.engine.ruleset import RuleSpec
from auditor.model.facts import Fact, build_view, label_of
from auditor.model.findings import Evidence, Finding, Hint, Stats, Text, fingerprint, source_loc
from auditor.numeric.notation import NumberFormatError, parse_vn_number

if TYPE_CHECKING:
    from auditor.model.report import Report


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
    return c(data)


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
        return lambda item, root: _to_facts(search(path, item))
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


@dataclass
class EngineResult:
    findings: list[Finding] = field(default_factory=list)
    stats: Counts = field(default_factory=Counts)
    # (rule id, pointer of the item) of every check that was evaluated and passed: lets
    # tests and reports show what was verified, not only what failed.
    passed: list[tuple[str, str]] = field(default_factory=list)


def run_rules(report: Report, rules: Iterable[RuleSpec], file: str,
              view: dict[str, Any] | None = None) -> EngineResult:
    """Run `rules` on a report. `view`: the report's view if the reader made it already
    (the same as `build_view(report)`)."""
    if view is None:
        view = build_view(report)
    result = EngineResult()
    scopes: dict[str, Any] = {}
    with collector_paused():
        for rule in rules:
            if rule.check == "input":
                continue
            result.stats.rules += 1
            try:
                _run_rule(rule, view, file, result, scopes)
            except EngineError:
                raise
            except Exception as e:  # a bug in a check or a rule: never a finding, never silent
                raise EngineError(f"rule {rule.id} could not be evaluated: {type(e).__name__}: {e}") from e
    cap_ocr(result.findings, report)  # values read from a scan: at most a warning (provenance.py)
    return result


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
              scopes: dict[str, Any] | None = None) -> None:
    # Many rules share a scope (“flatten_tree(indicators, 'parts')”): select once per report.
    expr = rule.scope or "@"
    if scopes is None:
        selected = search(expr, view)
    elif expr in scopes:
        selected = scopes[expr]
    else:
        selected = scopes[expr] = search(expr, view)
    if selected is None:
        return
    items = selected if isinstance(selected, list) else [selected]
    for variant, kind, resolvers, opts in _plan(rule):
        _run_variant(rule, variant, kind, resolvers, opts, items, view, file, result)


@dataclass(frozen=True)
class _Variant:
    rule: RuleSpec  # kept so that the id used as the cache key is never reused
    variants: list[tuple[str, Any, list[tuple[str, Any]], dict[str, Any]]]


_PLANS: dict[int, _Variant] = {}


def _plan(rule: RuleSpec) -> list[tuple[str, Any, list[tuple[str, Any]], dict[str, Any]]]:
    """Per rule, once per process: its parameter sets, each split into resolvers (compiled
    selectors) and literal options."""
    cached = _PLANS.get(id(rule))
    if cached is not None and cached.rule is rule:
        return cached.variants
    kind = check_kind(rule.check)
    variants = []
    for variant, params in _expand(rule):
        resolvers = [(k, _resolver(p)) for k, p in params.items() if k in kind.paths]
        resolvers.sort(key=lambda kr: kr[0] not in kind.needs)  # needed ones first (stable)
        opts = {k: v for k, v in params.items() if k not in kind.paths}
        variants.append((variant, kind, resolvers, opts))
    _PLANS[id(rule)] = _Variant(rule, variants)
    return variants


def _run_variant(rule: RuleSpec, variant: str, kind: Any, resolvers: list[tuple[str, Any]],
                 opts: dict[str, Any], items: list[Any], view: dict[str, Any], file: str,
                 result: EngineResult) -> None:
    needs = kind.needs
    if any(getattr(r, "on_root", False) for _, r in resolvers):
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
        outcomes = kind.fn(args, opts)
        item = group[0]
        for o in outcomes:
            if o.status == "skip":
                result.stats.skipped += 1
                continue
            result.stats.evaluated += 1
            if o.status == "pass":
                result.stats.passed += 1
                result.passed.append((rule.id, item.get("$ptr", "") if isinstance(item, dict) else ""))
                continue
            result.stats.failed += 1
            hints = _hints(kind, args, opts, o) if o.status == "fail" and kind.hints else []
            if variant:
                o.key = f"{variant}:{o.key}"
                o.params.setdefault("column", variant)
            result.findings.append(_finding(rule, o, item, group, file, hints))


def _constant(v: Any) -> Any:
    return lambda item, root: v


def _finding(rule: RuleSpec, o: Outcome, item: Any, group: list[Any], file: str,
             hints: list[Hint]) -> Finding:
    severity = "info" if o.status == "truncated" else rule.severity
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
    for h in hints:
        msg_vi += " " + h.message.vi
        msg_en += " " + h.message.en
    severity, msg_vi, msg_en = _respect_reading(severity, msg_vi, msg_en, group or [item], o.facts)
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
        evidence=evidence, hints=hints, legal_basis=list(rule.legal_basis), fingerprint=fp,
    )


def _respect_reading(severity: str, msg_vi: str, msg_en: str, items: list[Any],
                     facts: list[Fact]) -> tuple[str, str, str]:
    """A relation the document reader inferred (its item says `confidence: inferred`), or one
    that uses a number written with “trên / gần / khoảng”, gives at most a warning, and the
    message says how it was read (docs/inputs.md, “Confidence and severity”)."""
    inferred = next((it for it in items if isinstance(it, dict) and it.get("confidence") == "inferred"), None)
    approx = [f for f in facts if getattr(f, "approx", None)]
    if inferred is None and not approx:
        return severity, msg_vi, msg_en
    if severity == "error":
        severity = "warning"
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
    return severity, msg_vi, msg_en


def _unique(facts: list[Fact]) -> list[Fact]:
    seen: set[int] = set()
    out = []
    for f in facts:
        if id(f) not in seen:
            seen.add(id(f))
            out.append(f)
    return out


class _SafeDict(dict):  # type: ignore[type-arg]
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _render(template: str, params: dict[str, str]) -> str:
    return template.format_map(_SafeDict(params)).strip()


# ----------------------------------------------------------------------------- repair hints

def digit_variants(text: str) -> list[str]:
    """Texts one keystroke away: one digit changed, or two adjacent digits swapped."""
    out: list[str] = []
    digits = [i for i, ch in enumerate(text) if ch.isdigit()]
    for i in digits:
        for d in "0123456789":
            if d == text[i] or (d == "0" and i == digits[0] and len(digits) > 1):
                continue
            out.append(text[:i] + d + text[i + 1:])
    for i in range(len(text) - 1):
        a, b = text[i], text[i + 1]
        if a.isdigit() and b.isdigit() and a != b:
            if b == "0" and i == digits[0] and len(digits) > 1:
                continue
            out.append(text[:i] + b + a + text[i + 2:])
    return out


def _all_facts(args: Any) -> list[Fact]:
    out: list[Fact] = []
    if isinstance(args, Fact):
        out.append(args)
    elif isinstance(args, dict):
        for v in args.values():
            out.extend(_all_facts(v))
    elif isinstance(args, list):
        for v in args:
            out.extend(_all_facts(v))
    return out


def _substitute(args: Any, old: Fact, new: Fact) -> Any:
    if args is old:
        return new
    if isinstance(args, dict):
        return {k: _substitute(v, old, new) for k, v in args.items()}
    if isinstance(args, list):
        return [_substitute(v, old, new) for v in args]
    return args


_MAX_CANDIDATES = 8
_MAX_RERUNS = 600


def _hints(kind: Any, args: Any, opts: dict[str, Any], failed: Outcome) -> list[Hint]:
    """One-keystroke repairs (deductive::correct_typos): a swap of two adjacent digits is
    shown when it restores the relation; a single changed digit only when it is the one
    repair that does. Many possible repairs mean none is worth suggesting."""
    MESSAGES.on = False
    try:
        return _search_hints(kind, args, opts, failed)
    finally:
        MESSAGES.on = True


def _search_hints(kind: Any, args: Any, opts: dict[str, Any], failed: Outcome) -> list[Hint]:
    facts = [f for f in _unique(_all_facts(args)) if f.pointer]
    facts.sort(key=lambda f: 0 if f is failed.target else 1)
    swaps: list[Hint] = []
    singles: list[Hint] = []
    budget = _MAX_RERUNS
    for f in facts:
        if swaps and f is not failed.target:
            break  # a transposition in the stated value explains it: the likeliest typo
        window = kind.window(args, opts, f) if kind.window and not kind.grouped else None
        for variant in digit_variants(f.text):
            try:
                p = parse_vn_number(variant)
            except NumberFormatError:
                continue
            if p.decimals != f.decimals or (window is not None and not window.contains(p.value)):
                continue
            budget -= 1
            if budget < 0:  # bounded search: long lists are not worth thousands of re-runs
                return swaps[:2]
            new = f.with_text(variant, p.value)
            outs = kind.fn(_substitute(args, f, new), opts)
            same = [o for o in outs if o.key == failed.key]
            if not same or not all(o.status == "pass" for o in same):
                continue
            hint = Hint(pointer=f.pointer or "", written=f.text, suggested=variant,
                        message=Text(vi=f"Có thể gõ nhầm: {f.text} → {variant}.",
                                     en=f"Possible typo: {f.text} → {variant}."))
            is_swap = sorted(variant) == sorted(f.text)
            (swaps if is_swap else singles).append(hint)
            if len(swaps) + len(singles) > _MAX_CANDIDATES:
                return swaps[:2]
    if swaps:
        return swaps[:2]
    return singles if len(singles) == 1 else []
