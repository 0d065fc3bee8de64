"""The runner's gatherers (`runner._gatherer`: a rule variant's items and arguments resolved by
functions made once per process, the report-wide values once per report for all rules) give
exactly what the plain path gives (`runner._run_variant`, every parameter through its resolver):
the same findings, passes, counts, relations and check arguments, on the fixtures, the rule
examples, generated reports and variants of the fixtures; and each specialised getter reads a
parameter as `_resolve` does."""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.engine import runner as engine
from auditor.engine.jmes import SelectionTooLarge
from auditor.engine.ruleset import load_rules
from auditor.model.facts import Fact
from auditor.model.numinput import JsonNumberText
from auditor.numeric import limits
from auditor.read.json_reader import ReadResult, read_report, validate_data
from auditor.workflows.examples import example_report
from tests.test_lean import variants  # (variants of the fixtures, mostly valid)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted((ROOT / "fixtures").glob("*.json"))
RULES = list(load_rules().rules)


def _canon(v: Any) -> Any:
    """A check's arguments as plain data, key order kept (facts by their fields)."""
    if isinstance(v, Fact):
        return ("fact", v.value, v.decimals, v.exact, v.text, v.pointer, v.unit, v.approx)
    if isinstance(v, dict):
        return ("dict", [(k, _canon(x)) for k, x in v.items()])
    if isinstance(v, (list, tuple)):
        return ("list", [_canon(x) for x in v])
    return v


def _result(report: Any, view: Any) -> Any:
    out = engine.run_rules(report, RULES, "r.json", view=view)
    return ([f.to_json() for f in out.findings], out.passed, out.stats, out.made, out.over, out.beyond_limits,
            [(r.name, r.key, r.status, _canon(r.args), r.opts, [f.pointer for f in r.facts],
              r.finding.fingerprint if r.finding else None) for r in out.relations])


def _both(report: Any, view: Any, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    engine._PLANS.clear()
    real = engine._plan
    with monkeypatch.context() as m:  # the gatherers, not the straight-line runs (tests/test_straight.py)
        m.setattr(engine, "_straight_run", lambda steps, needs, grouped: None)
        gathered = _result(report, view)
        engine._PLANS.clear()
        # every variant through `_run_variant`, as before the gatherers
        m.setattr(engine, "_plan", lambda rule: [(*row[:5], None, None) for row in real(rule)])
        plain = _result(report, view)
    engine._PLANS.clear()
    return gathered, plain


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_gathered_runs_equal_the_plain_path_on_the_fixtures(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    res = read_report(path)
    assert res.report is not None
    gathered, plain = _both(res.report, res.view, monkeypatch)
    assert gathered == plain
    assert gathered[2].evaluated > 0 and gathered[2].skipped > 0


def _read(raw: Any) -> Any:
    text = json.dumps(raw, ensure_ascii=False)
    return validate_data(json.loads(text, parse_float=JsonNumberText, parse_int=JsonNumberText),
                         ReadResult("<test>"))


def test_gathered_runs_equal_the_plain_path_on_the_rule_examples(monkeypatch: pytest.MonkeyPatch) -> None:
    compared = failing = 0
    for rule in RULES:
        for example in rule.examples:
            if example.document is not None or example.raw is not None or rule.check == "input":
                continue
            res = _read(example_report(example))
            if res.report is None:
                continue
            gathered, plain = _both(res.report, res.view, monkeypatch)
            assert gathered == plain, (rule.id, example.title)
            compared += 1
            failing += bool(gathered[0])
    assert compared > 100 and failing > 50  # (the examples hold defects: findings are compared too)


def test_gathered_runs_equal_the_plain_path_on_generated_reports(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from benchmark import generate
    finally:
        sys.path.remove(str(ROOT / "bench"))
    findings = 0
    for path in generate(24, tmp_path):
        res = read_report(path)
        if res.report is None:
            continue
        gathered, plain = _both(res.report, res.view, monkeypatch)
        assert gathered == plain, path.name
        findings += len(gathered[0])
    assert findings > 0


@settings(max_examples=60, deadline=None)
@given(raw=variants())
def test_gathered_runs_equal_the_plain_path_on_variants(raw: Any) -> None:
    res = _read(raw)
    if res.report is None:
        return
    with pytest.MonkeyPatch.context() as m:
        gathered, plain = _both(res.report, res.view, m)
    assert gathered == plain


_FACT = Fact(Decimal("12"), 0, True, "12", "/a")
_leaf = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.text(max_size=2),
                  st.just({"$ptr": "/f", "$fact": _FACT, "text": "12"}), st.just({"$ptr": "/g"}), st.just([]))
_items = st.recursive(_leaf, lambda inner: st.one_of(
    st.lists(inner, max_size=3),
    st.dictionaries(st.sampled_from(["a", "b", "values", "th", "parts", "$fact"]), inner, max_size=4)),
    max_leaves=12)
_PATHS = ["@", "a", "values.th", "a.b.th", "parts[*].values.th", "parts[*].a", "[values.th, a, a.b]", "[a]",
          {"x": "values.th", "y": "parts[*].a", "z": 100, "w": True, "v": {"u": "@", "t": "a.b"}},
          "parts[?a].b"]


@pytest.mark.parametrize("path", _PATHS, ids=str)
@given(item=_items)
def test_each_getter_reads_a_parameter_as_resolve_does(path: Any, item: Any) -> None:
    get = engine._item_getter(path, engine._resolver(path))
    if path == "parts[?a].b":
        assert get is None  # (another shape: the gatherer calls its resolver)
        return
    assert get is not None
    assert _canon(get(item)) == _canon(engine._resolve(path, item, None))


def test_report_wide_parameters_and_selections_keep_their_shape() -> None:
    # a report-wide value and a parameter of the report are not item getters: the gatherer
    # resolves the first once per report, the second with the view
    assert engine._item_getter("$.meta.period", engine._resolver("$.meta.period")) is None
    assert engine._item_getter({"x": "$.meta.date"}, engine._resolver({"x": "$.meta.date"})) is None
    # a literal number is a new fact each time, as `_resolve` makes it
    get = engine._item_getter({"z": 100}, None)
    assert get is not None and get({})["z"] == Fact.literal("100") and get({})["z"] is not get({})["z"]


def test_a_multi_select_is_held_to_the_selection_limit_as_jmes_holds_it() -> None:
    path = "[values.ck, values.kh, values.th]"
    get = engine._item_getter(path, engine._resolver(path))
    assert get is not None
    item = {"values": {"th": {"$fact": _FACT}}}
    assert get(item) == [None, None, _FACT] == engine._resolve(path, item, None)
    with limits.override(selection_items=2):
        with pytest.raises(SelectionTooLarge) as mine:
            get(item)
        with pytest.raises(SelectionTooLarge) as theirs:
            engine.search(path, item)
    assert mine.value.n == theirs.value.n == 3


def test_a_report_wide_value_is_resolved_once_per_report_for_all_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = engine.search

    def counting(expr: str, data: Any) -> Any:
        calls.append(expr)
        return real(expr, data)
    monkeypatch.setattr(engine, "search", counting)
    monkeypatch.setattr(engine, "_PLANS", {})
    wide = {p[2:] for r in RULES for p in r.params.values() if isinstance(p, str) and p.startswith("$.")}
    shared = [e for e in wide if sum(1 for r in RULES if f"$.{e}" in r.params.values()) > 1]
    assert "meta.period" in shared  # (several rules name it: the case this is about)
    for path in FIXTURES:
        res = read_report(path)
        assert res.report is not None
        calls.clear()
        engine.run_rules(res.report, RULES, path.name)
        for expr in wide:
            assert calls.count(expr) <= 1, (path.name, expr)
