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

from auditor import engine
from auditor.checks import REGISTRY
from auditor.facts import Fact
from auditor.reader import read_report
from auditor.rules import load_rules

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
