"""The straight-line runs of rule variants (`engine/straight.py`, `engine/_straight.py`): the
generated file is what the writer makes for the shipped rules now; every shipped variant that runs
item by item gets one; and they give exactly what the gatherers and the plain path give — the same
findings, passes, counts, relations and check arguments — on the fixtures, the rule examples,
generated reports and variants of the fixtures, and, for every shape, on generated items."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.checks.registry import CheckKind, Outcome
from auditor.engine import runner as engine
from auditor.engine import straight
from auditor.engine.ruleset import load_rules
from auditor.generate import straight_shapes
from auditor.model.facts import Fact
from auditor.read.json_reader import read_report
from auditor.workflows import batch
from auditor.workflows.examples import example_report
from tests.test_lean import variants
from tests.test_rule_gatherers import _FACT, _canon, _items, _read, _result

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted((ROOT / "fixtures").glob("*.json"))
RULES = list(load_rules().rules)


@pytest.fixture(autouse=True, scope="module")
def _straight_runs_on() -> Iterator[None]:
    """The runs of this module with the straight-line code switched on, as a batch has it (off,
    the default of a process, each variant runs on its gatherer)."""
    engine.use_straight_runs()
    yield
    engine.use_straight_runs(False)


def test_the_generated_file_is_what_the_writer_makes_now() -> None:
    want = straight.source(straight_shapes(RULES))
    assert Path(straight.GENERATED).read_text(encoding="utf-8") == want, (
        "auditor/engine/_straight.py is out of date: run `python -m auditor.generate`")


def test_every_shipped_variant_that_runs_item_by_item_runs_straight() -> None:
    engine._PLANS.clear()
    straight_runs = 0
    for rule in RULES:
        if rule.check == "input":
            continue
        for row in engine._plan(rule):
            gather, run = row[5], row[6]
            if rule.group_by:
                assert gather is None and run is None, rule.id  # (`_run_variant`)
            else:
                assert run is not None and gather is None, rule.id
                straight_runs += 1
    assert straight_runs > 60


def _three(report: Any, view: Any) -> tuple[Any, Any, Any]:
    """The run as it is (straight-line), with the gatherers, and every variant through
    `_run_variant` (the plain path)."""
    engine._PLANS.clear()
    real = engine._plan
    try:
        runs = _result(report, view)
        with pytest.MonkeyPatch.context() as m:
            engine._PLANS.clear()
            m.setattr(engine, "_straight_run", lambda steps, needs, grouped: None)
            gathered = _result(report, view)
            engine._PLANS.clear()
            m.setattr(engine, "_plan", lambda rule: [(*row[:5], None, None) for row in real(rule)])
            plain = _result(report, view)
    finally:
        engine._PLANS.clear()
    return runs, gathered, plain


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_straight_runs_equal_the_gatherers_and_the_plain_path_on_the_fixtures(path: Path) -> None:
    res = read_report(path)
    assert res.report is not None
    runs, gathered, plain = _three(res.report, res.view)
    assert runs == gathered == plain
    assert runs[2].evaluated > 0 and runs[2].skipped > 0


def test_straight_runs_equal_the_gatherers_and_the_plain_path_on_the_rule_examples() -> None:
    compared = failing = 0
    for rule in RULES:
        for example in rule.examples:
            if example.document is not None or example.raw is not None or rule.check == "input":
                continue
            res = _read(example_report(example))
            if res.report is None:
                continue
            runs, gathered, plain = _three(res.report, res.view)
            assert runs == gathered == plain, (rule.id, example.title)
            compared += 1
            failing += bool(runs[0])
    assert compared > 100 and failing > 50  # (the examples hold defects: findings are compared too)


def test_straight_runs_equal_the_gatherers_and_the_plain_path_on_generated_reports(tmp_path: Path) -> None:
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
        runs, gathered, plain = _three(res.report, res.view)
        assert runs == gathered == plain, path.name
        findings += len(runs[0])
    assert findings > 0


@settings(max_examples=60, deadline=None)
@given(raw=variants())
def test_straight_runs_equal_the_gatherers_and_the_plain_path_on_variants(raw: Any) -> None:
    res = _read(raw)
    if res.report is None:
        return
    runs, gathered, plain = _three(res.report, res.view)
    assert runs == gathered == plain


# ----------------------------------------------------------------------------- every shape

# Parameters of every way a straight-line run reads one: the item, one and two fields, getters of
# the item (a longer path, a projection, a multi-select, a dict, a literal), a resolver of the item
# and the report (a filter), a report-wide value.
_PARAMS: list[tuple[Any, str]] = [
    ("@", "@"), ("a", "1"), ("values.th", "2"), ("a.b.th", "H"), ("parts[*].values.th", "H"),
    ("[values.th, a]", "H"), ({"x": "values.th", "y": 100}, "H"), (100, "B"), ("parts[?a].b", "B"),
    ("$.meta.period", "R")]
# A rule whose finding the fake check's failing outcomes are written with.
_RULE = next(r for r in RULES if r.id == "SUM002")
_PLACEHOLDERS = set(re.findall(r"\{(\w+)", _RULE.message.vi + _RULE.message.en + (_RULE.fix.vi + _RULE.fix.en if _RULE.fix else "")))


def _fake_kind(calls: list[Any], grouped: bool, relation: bool) -> CheckKind:
    """A check that records its arguments and answers, by call, pass, skip, fail, or pass and fail."""
    def fn(args: Any, opts: dict[str, Any]) -> list[Outcome]:
        calls.append(_canon(args))
        n = len(calls) % 4
        fail = Outcome("fail", "k", _FACT, [_FACT], dict.fromkeys(_PLACEHOLDERS, "1"))
        return [[Outcome("pass", "k", facts=[_FACT])], [Outcome("skip")], [fail],
                [Outcome("pass", "j", facts=[_FACT]), fail]][n]
    return CheckKind("fake", fn, frozenset(), grouped, relation=relation)


def _shape_of(steps: list[tuple[str, Any, Any, bool]], needs: frozenset[str], grouped: bool) -> Any:
    return straight.shape_of(steps, needs, grouped, engine._item_getter, engine._SIMPLE.match)


def _run_shape(params: list[tuple[str, Any]], needs: frozenset[str], grouped: bool, relation: bool,
               items: list[Any], view: dict[str, Any], use_straight: bool) -> Any:
    calls: list[Any] = []
    kind = _fake_kind(calls, grouped, relation)
    resolvers = [(k, engine._resolver(p)) for k, p in params]
    steps = [(k, p, r, getattr(r, "on_root", False)) for (k, p), (_, r) in zip(params, resolvers)]
    result = engine.EngineResult()
    roots: dict[str, Any] = {}
    if use_straight:
        shape, data = _shape_of(steps, needs, grouped)
        ns: dict[str, Any] = {}
        exec(straight.source([shape]), ns)  # (the writer's code for any shape, not only the file's)
        run = ns["build"](Fact, engine.Relation, engine._failed, engine._root_value)[straight.shape_key(shape)]
        run(items, view, roots, result, _RULE, "", kind, {}, "f.json", data)
    else:
        gather = engine._gatherer(steps, needs, grouped)
        engine._run_gathered(_RULE, "", kind, gather, {}, items, view, "f.json", result, roots)
    return (calls, result.stats, result.passed, [f.to_json() for f in result.findings], result.made,
            [(r.key, r.status, _canon(r.args), len(r.facts), r.finding is not None) for r in result.relations],
            sorted(roots))


@settings(max_examples=300, deadline=None)
@given(picks=st.lists(st.sampled_from(range(len(_PARAMS))), min_size=1, max_size=4),
       needed=st.lists(st.booleans(), min_size=4, max_size=4), grouped=st.booleans(), relation=st.booleans(),
       items=st.lists(_items, max_size=5), period=st.sampled_from([None, {"$fact": _FACT}, {"year": 2024}]))
def test_each_shape_reads_counts_and_keeps_as_the_gatherer(picks: list[int], needed: list[bool], grouped: bool,
                                                          relation: bool, items: list[Any], period: Any) -> None:
    params = [(f"p{i}", _PARAMS[j][0]) for i, j in enumerate(picks)]
    needs = frozenset(k for (k, _), n in zip(params, needed) if n)
    view = {"meta": {"period": period}}
    a = _run_shape(params, needs, grouped, relation, items, view, use_straight=True)
    b = _run_shape(params, needs, grouped, relation, items, view, use_straight=False)
    assert a == b


def test_the_shapes_name_how_each_parameter_is_read() -> None:
    for path, how in _PARAMS:
        r = engine._resolver(path)
        shape, data = _shape_of([("x", path, r, getattr(r, "on_root", False))], frozenset({"x"}), False)
        assert shape == (False, ((how, True),)), path
        assert data[0] == "x"
    assert straight.shape_key((True, (("2", False), ("R", True)))) == "g|2|R!"


def test_a_shape_the_file_lacks_runs_on_its_gatherer() -> None:
    r = engine._resolver("a.b.th")
    steps = [(f"x{i}", "a.b.th", r, False) for i in range(9)]  # (no shipped rule has nine getters)
    assert engine._straight_run(steps, frozenset(), False) is None
    assert engine._straight_run([("x", "a", engine._resolver("a"), False)], frozenset(), False) is not None


def test_switched_off_every_variant_runs_on_its_gatherer() -> None:
    engine.use_straight_runs(False)
    try:
        for rule in RULES:
            if rule.check == "input" or rule.group_by:
                continue
            for row in engine._plan(rule):
                assert row[5] is not None and row[6] is None, rule.id
    finally:
        engine.use_straight_runs()


@pytest.mark.parametrize("n", [batch.STRAIGHT_MIN - 1, batch.STRAIGHT_MIN])
def test_a_batch_of_so_many_files_switches_the_straight_runs_on(n: int, tmp_path: Path) -> None:
    files = []
    for i in range(n):
        p = tmp_path / f"r{i}.json"
        p.write_bytes(FIXTURES[0].read_bytes())
        files.append((str(p), p.name))
    engine.use_straight_runs(False)
    try:
        audits = list(batch.audit_files(files, load_rules(), RULES, jobs=1))
        assert len(audits) == n
        assert engine._STRAIGHT_ON[0] is (n >= batch.STRAIGHT_MIN)
    finally:
        engine.use_straight_runs()


def test_one_report_does_not_load_the_straight_runs(tmp_path: Path) -> None:
    """`audit FILE` (the fast path, as bin/audit runs it) keeps the gatherers: the generated
    module is not imported, and a folder of `STRAIGHT_MIN` reports imports it."""
    from tests.test_startup import _FAST

    folder = tmp_path / "reports"
    folder.mkdir()
    for i in range(batch.STRAIGHT_MIN):
        (folder / f"r{i}.json").write_bytes((ROOT / "fixtures" / "seed_000_but_son_2022.json").read_bytes())
    env = {"AUDIT_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    loaded = {}
    for target in (folder / "r0.json", folder):
        out = subprocess.run([sys.executable, "-c", _FAST, str(target)], capture_output=True, text=True,
                             check=True, env=env, cwd=tmp_path)
        code, modules = json.loads(out.stdout.splitlines()[-1])
        assert code == 1 and "auditor.engine.runner" in modules
        loaded[target.name] = {m for m in modules if "straight" in m}
    assert loaded == {"r0.json": set(), "reports": {"auditor.engine._straight", "auditor.engine.straight"}}
