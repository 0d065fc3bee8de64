"""The fast reader (lean.py) against the pydantic models it stands in for.

Whatever the fast reader accepts, the models accept with exactly the same values (same
types, same Decimal digits, same field order); whatever the models reject, the fast reader
does not accept. A valid report is read without importing pydantic at all."""

from __future__ import annotations

import copy
import datetime as dt
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from auditor.engine.ruleset import load_rules, rules_dir
from auditor.files.yamlio import load_yaml
from auditor.model import lean
from auditor.model.facts import Fact, build_view
from auditor.model.findings import SourceLoc, source_loc
from auditor.model.numinput import JsonNumberText
from auditor.model.plan import plan_text
from auditor.model.report import Report
from auditor.model.rule import RuleFile
from auditor.read import fastview

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted((ROOT / "fixtures").glob("*.json"))


def _parse(text: str) -> Any:
    return json.loads(text, parse_float=JsonNumberText, parse_int=JsonNumberText)


RAW = {p.name: _parse(p.read_text("utf-8")) for p in FIXTURES}


def canon(v: Any) -> Any:
    """Values with their exact types: Decimal("1.0") and Decimal("1.00") differ here."""
    if isinstance(v, (BaseModel, lean.Lean)):
        return (type(v).__name__, [(k, canon(x)) for k, x in v.__dict__.items()])
    if isinstance(v, Fact):  # a view's number; its `src` is the reader's own object
        return ("Fact", str(v.value), v.decimals, v.exact, v.text, v.pointer, v.unit,
                canon(source_loc(v.src)))
    if isinstance(v, SourceLoc):
        return ("SourceLoc", v.to_json())
    if isinstance(v, list):
        return ["list", [canon(x) for x in v]]
    if isinstance(v, dict):
        return ["dict", [(k, canon(x)) for k, x in v.items()]]
    return (type(v).__name__, str(v) if isinstance(v, Decimal) else v)


def both(raw: Any) -> tuple[Any, Any]:
    """(fast reader's result or None, the models' result or None)."""
    fast = lean.plan("report").validate(copy.deepcopy(raw))
    try:
        model = Report.model_validate(copy.deepcopy(raw))
    except ValidationError:
        model = None
    return fast, model


def check_fused(raw: Any, model: Any) -> bool:
    """The one-pass reader (fastview.py): when it accepts, the models accept, with the same
    objects, and its view is the view `build_view` makes of the models' objects."""
    fused = fastview.read(copy.deepcopy(raw))
    if fused is None:
        return False
    obj, view = fused
    assert model is not None, "the one-pass reader accepted what the models reject"
    assert canon(obj) == canon(model)
    assert canon(view) == canon(build_view(model))
    return True


def test_the_generated_one_pass_reader_matches_the_plan() -> None:
    committed = fastview.GENERATED.read_text("utf-8")
    assert committed == fastview.generated_source(), (
        "auditor/read/_fastview.py is out of date: run `python -m auditor.generate`")


@pytest.mark.parametrize("kind, model", [("report", Report), ("rule", RuleFile)])
def test_committed_plans_match_the_models(kind: str, model: type[BaseModel]) -> None:
    committed = lean.plan_path(kind).read_text("utf-8")
    assert committed == plan_text(model), (
        f"auditor/data/{kind}_plan.json is out of date: run `python -m auditor.generate`")


@pytest.mark.parametrize("name", sorted(RAW))
def test_fixtures_are_read_by_the_fast_reader_exactly_as_by_the_models(name: str) -> None:
    fast, model = both(RAW[name])
    assert fast is not None, "a valid fixture must take the fast path"
    assert model is not None
    assert canon(fast) == canon(model)
    assert canon(build_view(fast)) == canon(build_view(model))
    assert check_fused(RAW[name], model), "a valid fixture must take the one-pass path"


def test_rule_files_read_from_the_cache_equal_the_validated_files() -> None:
    p = lean.plan("rule")
    for path in sorted(rules_dir().glob("*.yaml")):
        data = load_yaml(path.read_text("utf-8"))
        fast = p.validate(json.loads(json.dumps(data)))  # as the cache stores it
        assert fast is not None, path.name
        assert canon(fast) == canon(p.adopt(RuleFile.model_validate(data))), path.name


def test_rule_examples_are_read_alike() -> None:
    """Every report fragment of the rule examples (a few hundred small, odd reports)."""
    from auditor.workflows.examples import example_report  # merges a fragment onto a minimal report

    seen = fused = 0
    for rule in load_rules().rules:
        for ex in rule.examples:
            if ex.report is None:
                continue
            raw = _parse(json.dumps(example_report(ex), ensure_ascii=False))  # as run_example reads it
            fast, model = both(raw)
            if fast is not None:  # (None: not sure, the models decide)
                assert model is not None and canon(fast) == canon(model), (rule.id, ex.title)
                seen += 1
            fused += check_fused(raw, model)
    assert seen > 100 and fused > 100


# ---- generated variants: any value anywhere, keys removed or added ---------------------------

_leaf = st.one_of(
    st.none(), st.booleans(),
    st.integers(-5, 3000).map(lambda i: JsonNumberText(str(i))),
    st.sampled_from(["1.896", "70,2", "115,6%", "3.32", "abc", "", " 1", "2024-06-30", "2024-6-30",
                     "2023-02-29", "0", "-1", "1e3", "x\n", "PHU001", "year", "other", "results",
                     "answers", "xa", "1_000", "+1", ".5", "١٢", "NaN", "Infinity"]).map(str),
    st.sampled_from(["0", "1", "31", "1900", "2200", "2201", "-3", "1.5", "1e2", "0.10", "30", "31"])
      .map(JsonNumberText),
    st.integers(-3, 40),
)
_value = st.recursive(_leaf, lambda inner: st.one_of(
    st.lists(inner, max_size=3),
    st.dictionaries(st.sampled_from(["text", "value", "decimals", "day", "month", "year", "line",
                                     "label", "kind", "x"]), inner, max_size=3)), max_leaves=6)


def _containers(node: Any, out: list[Any]) -> list[Any]:
    if isinstance(node, (dict, list)):
        out.append(node)
        for v in (node.values() if isinstance(node, dict) else node):
            _containers(v, out)
    return out


_BY_KEY: dict[str, list[dict[str, Any]]] = {}
for _raw in RAW.values():
    for _node in _containers(_raw, []):
        if isinstance(_node, dict):
            for _k in _node:
                _BY_KEY.setdefault(_k, []).append(_node)


@st.composite
def variants(draw: st.DrawFn) -> Any:
    raw = copy.deepcopy(RAW[draw(st.sampled_from(sorted(RAW)))])
    for _ in range(draw(st.integers(1, 3))):
        nodes = _containers(raw, [])
        node = nodes[draw(st.integers(0, len(nodes) - 1))]
        if isinstance(node, list):
            if node and draw(st.booleans()):
                node[draw(st.integers(0, len(node) - 1))] = draw(_value)
            else:
                node.append(draw(_value))
            continue
        action = draw(st.sampled_from(["set", "delete", "add", "borrow", "borrow", "borrow"]))
        if action == "borrow" and node:
            # the same key's value from another object of any fixture: mostly valid variants
            key = draw(st.sampled_from(sorted(node)))
            donors = [d[key] for d in _BY_KEY.get(key, [])]
            if donors:
                node[key] = copy.deepcopy(donors[draw(st.integers(0, len(donors) - 1))])
        elif action == "add" or not node:
            node[draw(st.sampled_from(["x", "text", "value", "unit", "src", "day", "percent"]))] = draw(_value)
        elif action == "delete":
            del node[draw(st.sampled_from(sorted(node)))]
        else:
            node[draw(st.sampled_from(sorted(node)))] = draw(_value)
    return raw


@given(variants())
def test_what_the_fast_reader_accepts_the_models_accept_alike(raw: Any) -> None:
    fast, model = both(raw)
    if fast is not None:
        assert model is not None, "the fast reader accepted what the models reject"
        assert canon(fast) == canon(model)
    check_fused(raw, model)


@given(st.dictionaries(st.sampled_from(["meta", "indicators", "x", "schema_version"]), _value, max_size=3))
def test_no_input_crashes_the_fast_reader(raw: dict[str, Any]) -> None:
    fast, model = both(raw)
    if fast is not None:
        assert model is not None and canon(fast) == canon(model)
    check_fused(raw, model)


def test_bounds_types_and_dates_go_to_the_models() -> None:
    base = RAW["example.json"]
    for path, value in [(("meta", "period", "year"), JsonNumberText("1899")),
                        (("meta", "period", "year"), "2023"),
                        (("meta", "period", "year"), True),
                        (("meta", "period", "start"), "2023-1-1"),
                        (("meta", "title"), JsonNumberText("5")),
                        (("meta", "unit", "kind"), "village"),
                        (("meta", "zzz"), "extra")]:
        raw = copy.deepcopy(base)
        node = raw
        for k in path[:-1]:
            node = node[k]
        node[path[-1]] = value
        fast, _ = both(raw)
        assert fast is None, path
    raw = copy.deepcopy(base)
    raw["meta"]["period"]["start"] = "2023-01-01"
    fast, model = both(raw)
    assert fast is not None and fast.meta.period.start == dt.date(2023, 1, 1) == model.meta.period.start


def test_a_valid_report_is_audited_without_importing_pydantic(tmp_path: Path) -> None:
    code = ("import sys\n"
            "from auditor.cli import _run\n"
            f"sys.argv = ['audit', {str(ROOT / 'fixtures' / 'example.json')!r}, '-o', '/dev/null']\n"
            "code = _run()\n"
            "print(code, sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'pydantic_core')))\n")
    env = {"AUDIT_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert first.stdout.startswith("0 ['pydantic")  # rule files not cached yet: validated by the models
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert second.stdout.strip() == "0 []"


def test_lean_objects_copy_and_dump_like_models() -> None:
    rule = load_rules().rules[0]
    copied = rule.model_copy(update={"params": {"x": 1}})
    assert copied.params == {"x": 1} and rule.params != {"x": 1} and copied.id == rule.id
    dumped = rule.model_dump(mode="json", exclude={"examples"})
    assert "examples" not in dumped and dumped["title"] == {"vi": rule.title.vi, "en": rule.title.en}
