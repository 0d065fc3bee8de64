"""The engine's shortcuts change nothing: `CheckKind.needs` (skip without calling the check) and
the per-rule plans give the same findings, passes and counts as the plain path."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditor.checks import load_all
from auditor.engine import runner as engine
from auditor.engine.ruleset import load_rules
from auditor.model.facts import Fact
from auditor.read.json_reader import read_report

REGISTRY = load_all()  # every family (a run imports only those its rules use)

FIXTURES = sorted((Path(__file__).resolve().parent.parent / "fixtures").glob("*.json"))
KINDS_WITH_NEEDS = sorted(k for k, v in REGISTRY.items() if v.needs)
_FACT = Fact(Decimal("12"), 0, True, "12", "/x")


def test_some_kinds_declare_needs() -> None:
    assert {"ratio", "difference", "sum"} <= set(KINDS_WITH_NEEDS)


@pytest.mark.parametrize("name", KINDS_WITH_NEEDS)
@given(data=st.data())
def test_a_missing_needed_input_is_exactly_one_skip(name: str, data: st.DataObject) -> None:
    """What the engine assumes of `needs`: with a needed input absent (or not a number), the
    check returns one skip, whatever the other inputs are."""
    kind = REGISTRY[name]
    missing = data.draw(st.sampled_from(sorted(kind.needs)))
    other = st.one_of(st.none(), st.just(_FACT), st.lists(st.just(_FACT), max_size=3),
                      st.booleans(), st.just({"$ptr": "/y"}))
    args: dict[str, Any] = {k: data.draw(other) for k in kind.paths}
    args[missing] = data.draw(st.one_of(st.none(), st.just({"$ptr": "/z", "text": "?"}), st.just([])))
    outs = kind.fn(args, {})
    assert [o.status for o in outs] == ["skip"]


def _plain(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in KINDS_WITH_NEEDS:
        monkeypatch.setitem(REGISTRY, name, replace(REGISTRY[name], needs=frozenset()))
    monkeypatch.setattr(engine, "_PLANS", {})


def _run(path: Path) -> tuple[Any, ...]:
    res = read_report(path)
    assert res.report is not None
    out = engine.run_rules(res.report, list(load_rules().rules), path.name)
    return ([f.to_json() for f in out.findings], out.passed, out.stats)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_needs_shortcut_gives_the_same_result(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    engine._PLANS.clear()
    fast = _run(path)
    _plain(monkeypatch)
    plain = _run(path)
    assert fast == plain
    assert fast[2].skipped > 0 and fast[2].evaluated > 0



@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_report_wide_parameters_once_give_the_same_result(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # "$." parameters are resolved once per rule and report (`on_root`); resolving them for
    # every item, as before, must give exactly the same findings, passes and counts
    engine._PLANS.clear()
    once = _run(path)
    real = engine._resolver

    def per_item(p: Any) -> Any:
        r = real(p)
        return lambda item, root: r(item, root)  # no `on_root` mark
    monkeypatch.setattr(engine, "_resolver", per_item)
    monkeypatch.setattr(engine, "_PLANS", {})
    assert _run(path) == once


def test_report_wide_parameters_are_resolved_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = engine.search

    def counting(expr: str, data: Any) -> Any:
        calls.append(expr)
        return real(expr, data)
    monkeypatch.setattr(engine, "search", counting)
    monkeypatch.setattr(engine, "_PLANS", {})
    rules = [r for r in load_rules().rules
             if any(isinstance(p, str) and p.startswith("$.") for p in r.params.values())]
    assert rules, "the catalogue has rules with report-wide parameters"
    uses: dict[str, int] = {}
    for rule in rules:
        for _, params in engine._expand(rule):
            for p in params.values():
                if isinstance(p, str) and p.startswith("$."):
                    uses[p[2:]] = uses.get(p[2:], 0) + 1
    for path in FIXTURES:
        res = read_report(path)
        assert res.report is not None
        calls.clear()
        engine.run_rules(res.report, rules, path.name)
        for expr, n in uses.items():
            assert calls.count(expr) <= n, (path.name, expr)


def test_a_fact_is_still_frozen_with_its_own_init() -> None:
    """facts.Fact writes its fields itself (speed) but stays a frozen, hashable dataclass."""
    import dataclasses
    from decimal import Decimal

    import pytest as _pytest

    from auditor.model.facts import Fact

    f = Fact(Decimal("1.5"), 1, False, "1,5", "/x", "ha")
    assert dataclasses.astuple(f) == (Decimal("1.5"), 1, False, "1,5", "/x", "ha", None, None)  # … src, approx
    assert f == Fact(Decimal("1.5"), 1, False, "1,5", "/x", "ha") and hash(f) == hash(dataclasses.replace(f))
    assert dataclasses.replace(f, text="1.5").text == "1.5" and f.text == "1,5"
    with _pytest.raises(dataclasses.FrozenInstanceError):
        f.value = Decimal(2)  # type: ignore[misc]


def test_a_facts_kept_intervals_change_nothing_else() -> None:
    """Fact.interval and Fact.point are made once and kept: equality, hashing, fields, copies
    and pickling are as before, and a copy with another value gets its own intervals."""
    import dataclasses
    import pickle
    from decimal import Decimal

    from auditor.model.facts import Fact
    from auditor.numeric.interval import Interval

    f = Fact(Decimal("1.5"), 1, False, "1,5", "/x", "ha")
    fresh = Fact(Decimal("1.5"), 1, False, "1,5", "/x", "ha")
    assert f.interval == Interval(Decimal("1.45"), Decimal("1.55")) and f.interval is f.interval
    assert f.point == Interval.point(Decimal("1.5")) and f.point is f.point
    assert f == fresh and hash(f) == hash(fresh)
    assert dataclasses.astuple(f) == dataclasses.astuple(fresh)
    g = f.with_text("2,5", Decimal("2.5"))
    assert g.interval == Interval(Decimal("2.45"), Decimal("2.55")) and g.point == Interval.point(Decimal("2.5"))
    assert pickle.loads(pickle.dumps(f)) == f
    exact = Fact(Decimal(7), 0, True, "7")
    assert exact.interval == Interval.point(Decimal(7))
