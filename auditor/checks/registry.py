"""The registry of check kinds: small pure functions from resolved inputs to outcomes.

A check receives `args` (its path parameters resolved to `Fact`s, lists of facts, or plain
values; for grouped rules a list of such dicts, one per item) and `opts` (literal options from
the rule). It returns `Outcome`s. It never raises for a problem in the report: a missing input is
a `skip`, a contradiction is a `fail`. Any exception is a bug and becomes an internal error.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import MAX_EMAX, MIN_EMIN, Decimal, localcontext

from auditor.model.facts import Fact
from auditor.numeric.interval import Interval
from auditor.numeric.notation import format_vn
from auditor.records import dataclass, field

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from typing import Any, Literal

    Status = Literal["pass", "fail", "truncated", "skip"]

    # What a check may say about the evidence of a failing outcome, for the severity policy
    # (`engine/policy.py`, docs/findings.md): a legitimate reading or convention exists.
    Qualifier = Literal["truncated", "approximate", "inferred", "hidden_base", "convention", "unit_dependent",
                        "draft", "cosmetic"]

# The values a fact may take for a relation to hold, the others unchanged: (low, high), a side
# None when unbounded. Used by error localization (`engine/localize.py`) to compute repairs.
Bounds = tuple[Decimal | None, Decimal | None]


@dataclass
class Outcome:
    """The result of one check on one item: its status and the values involved."""

    status: Status
    key: str = ""
    target: Fact | None = None
    facts: list[Fact] = field(default_factory=list)
    params: dict[str, str] = field(default_factory=dict)
    reason: str | None = None
    # evidence for the severity policy (see Qualifier); empty for a clear-cut contradiction
    qualifiers: frozenset[str] = frozenset()
    # the values the relation depends on when they are more than `facts` (the evidence shown),
    # e.g. the % of plan of every indicator a count claim counts; None: `facts`
    involved: list[Fact] | None = None


@dataclass(frozen=True)
class CheckKind:
    """A check kind rules name in `check:`, with what the engine needs to run and explain it."""

    name: str
    fn: Callable[[Any, dict[str, Any]], list[Outcome]]
    paths: frozenset[str]  # parameters that are selectors into the report
    grouped: bool = False
    hints: bool = True
    doc: str = ""
    # Optional: the values a fact could take for the check to pass, given the other inputs
    # (an Interval, or Bounds with an open side; None when unknown). Error localization takes
    # its repair candidates from it; candidates are still verified by running the check.
    window: Callable[[Any, dict[str, Any], Fact], Interval | Bounds | None] | None = None
    # A relation between written values (sum, ratio, same value …): error localization weighs
    # its values and re-runs it with changed ones. Other kinds (dates, citations …) are not.
    relation: bool = False
    # A diagnosis that proposes another reading of one value (a comma for a thousands dot, a
    # wrong unit): when that reading is the repair localization finds, it is the finding shown.
    diagnosis: bool = False
    # Parameters that must resolve to a number: when one does not, the check would only return
    # one `skip`, so the engine counts the skip without resolving the rest or calling it (most
    # items of a scope lack most columns). Tests hold each kind to this.
    needs: frozenset[str] = frozenset()


REGISTRY: dict[str, CheckKind] = {}


class _Messages:
    """Switched off while the engine searches for repair hints: it re-runs a check hundreds of
    times and only needs the status, not the formatted numbers."""

    on = True


MESSAGES = _Messages()


def register(name: str, paths: set[str], *, grouped: bool = False, hints: bool = True,
             needs: set[str] = frozenset(), relation: bool = False,
             diagnosis: bool = False) -> Callable:  # type: ignore[assignment]
    assert not (needs and grouped) and set(needs) <= set(paths)
    def deco(fn: Callable[[Any, dict[str, Any]], list[Outcome]]) -> Callable:
        REGISTRY[name] = CheckKind(name, fn, frozenset(paths), grouped, hints, (fn.__doc__ or "").strip(),
                                   needs=frozenset(needs), relation=relation, diagnosis=diagnosis)
        return fn
    return deco


# ----------------------------------------------------------------------------- helpers

def fmt(v: Decimal, decimals: int) -> str:
    return format_vn(v, max(decimals, 0))


def shown(point: Decimal, stated_decimals: int) -> str:
    """A computed value shown with the stated precision, plus one digit when that hides
    the difference (8,5 / 15 × 100 is shown as 56,67 next to a stated 56,6)."""
    q = Decimal(1).scaleb(-max(stated_decimals, 0))
    with localcontext() as ctx:
        # enough digits for the value at that precision (a ratio of numbers at the digit limit
        # can have more than a hundred)
        ctx.prec = max(100, point.adjusted() + max(stated_decimals, 0) + 5) if point.is_finite() and point else 100
        ctx.Emax, ctx.Emin = MAX_EMAX, MIN_EMIN
        exact_at_q = point == point.quantize(q)
    return fmt(point, stated_decimals if exact_at_q else stated_decimals + 1)


def judge(stated: Fact, point: Interval, computed: Interval) -> Status:
    """Stated vs computed, precision-aware (XBRL Calculations 1.1 style):
    pass when the face-value result rounds to the stated value, `truncated` when it only
    truncates to it, pass when the intervals of the inputs still allow it, else fail."""
    si = stated.interval
    if si.meets(point):
        return "pass"
    if not stated.exact and stated.decimals >= 0 and stated.approx is None and stated.truncation.meets(point) \
            and point.lo < stated.truncation.hi:
        return "truncated"
    if si.meets(computed):
        return "pass"
    return "fail"


def _texts(facts: list[Fact], sep: str) -> str:
    return sep.join(f.text for f in facts)


def _result(status: Status, stated: Fact, point: Interval, facts: list[Fact],
            formula_text: str | Callable[[], str], key: str = "", **extra: str) -> Outcome:
    if status == "pass" or not MESSAGES.on:  # parameters only for a finding that is shown
        return Outcome(status, key, stated, facts)
    if callable(formula_text):
        formula_text = formula_text()
    p = point.mid
    params = {
        "stated": stated.text,
        "expected": shown(p, stated.decimals),
        "formula": formula_text,
        "imbalance": shown(stated.value - p, stated.decimals),
        "rounded": fmt(p, stated.decimals),  # the computed value as the stated one is written
        **extra,
    }
    return Outcome(status, key, stated, facts, params)


def skip(reason: str, key: str = "") -> list[Outcome]:
    return [Outcome("skip", key, reason=reason)]


def _present(xs: Any) -> list[Fact]:
    if not isinstance(xs, list):
        return []
    return [x for x in xs if isinstance(x, Fact)]


# ----------------------------------------------------------------------------- per-report indexes

_PER_REPORT: list[dict[Any, Any]] = []


def per_report(cache: dict[Any, Any]) -> dict[Any, Any]:
    """A check's memo that holds objects of one report's view (by identity): emptied by
    `new_report`, which the engine calls when it starts a report's rules, so that it never
    keeps an earlier report alive (error localization, after the rules, still finds it full)."""
    _PER_REPORT.append(cache)
    return cache


def new_report() -> None:
    for cache in _PER_REPORT:
        cache.clear()


class _Slot:
    """The last list a `per_list` function indexed, with its indexes (by extra arguments)."""

    __slots__ = ("seq", "size", "indexes")

    def __init__(self) -> None:
        self.seq: Any = None
        self.size = -1
        self.indexes: dict[Any, Any] = {}


def per_list(build: Callable[..., Any]) -> Callable[..., Any]:
    """`build(seq, *key)` made once per list: a rule gets a list of the whole report
    (“$.indicators”, “$.sections”) for each of its items, the very same list object (the
    engine resolves it once per rule and report), so an index of it is built for the first
    item and looked up for the others instead of scanning the list for each item. Views are
    never changed once made; the list is held, so that its identity is not reused while the
    index is kept, and its length is compared as a guard."""
    slot = _Slot()

    def indexed(seq: Any, *key: Any) -> Any:
        if slot.seq is not seq or slot.size != len(seq):
            slot.seq, slot.size, slot.indexes = seq, len(seq), {}
        found = slot.indexes.get(key, _NONE)
        if found is _NONE:
            found = slot.indexes[key] = build(seq, *key)
        return found
    indexed.__wrapped__ = build  # type: ignore[attr-defined]
    indexed.__doc__ = build.__doc__
    return indexed


_NONE = object()
