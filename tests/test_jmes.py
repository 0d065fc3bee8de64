"""The JMESPath compiler agrees with the `jmespath` interpreter: on every selector of the rule
catalogue over the seed fixtures, and on generated expressions over generated data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jmespath
import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditor.engine.jmes import OPTIONS, compile_expression
from auditor.engine.ruleset import load_rules
from auditor.model.facts import build_view
from auditor.read.json_reader import read_report

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _interpreted(expr: str, data: Any) -> tuple[str, Any]:
    try:
        return "ok", jmespath.search(expr, data, options=OPTIONS)
    except jmespath.exceptions.JMESPathError as e:
        return "error", type(e).__name__


def _compiled(expr: str, data: Any) -> tuple[str, Any]:
    try:
        return "ok", compile_expression(expr)(data)
    except jmespath.exceptions.JMESPathError as e:
        return "error", type(e).__name__


def _catalogue_expressions() -> list[str]:
    out: set[str] = set()

    def params(v: Any) -> None:
        if isinstance(v, str) and v.startswith("$."):
            out.add(v[2:])
        elif isinstance(v, dict):
            for x in v.values():
                params(x)
    for rule in load_rules().rules:
        if rule.scope:
            out.add(rule.scope)
        params(rule.params)
    return sorted(out)


@pytest.fixture(scope="module")
def views() -> list[Any]:
    out = []
    for f in sorted(FIXTURES.glob("*.json")):
        res = read_report(f)
        assert res.report is not None
        out.append(build_view(res.report))
    return out


@pytest.mark.parametrize("expr", _catalogue_expressions())
def test_catalogue_selectors_agree_with_the_interpreter(expr: str, views: list[Any]) -> None:
    for view in views:
        assert _compiled(expr, view) == _interpreted(expr, view)


def test_a_filter_selects_something_on_the_seeds(views: list[Any]) -> None:
    # Guards the test above against agreeing on empty results only.
    expr = "mentions[?kind=='term' || kind=='period']"
    assert any(compile_expression(expr)(v) for v in views)


@pytest.mark.parametrize("expr, data, expected", [
    ("a[?k=='x'].n", {"a": [{"k": "x", "n": 1}, {"k": "y", "n": 2}, {"k": "x"}]}, [1]),
    ("a[?b && !c]", {"a": [{"b": 1, "c": 0}, {"b": 1}, {"b": ""}]}, [{"b": 1}]),
    ("[a[], b.c[]][]", {"a": [1, [2]], "b": {"c": [3]}}, [1, 2, 3]),
    ("a[?k==`true`]", {"a": [{"k": True}, {"k": 1}]}, [{"k": True}]),
    ("a[?k==`1`]", {"a": [{"k": True}, {"k": 1}]}, [{"k": 1}]),
    ("a[?k!='x']", {"a": [{"k": "x"}, {"k": None}]}, [{"k": None}]),
    ("a[1] | b", {"a": [{}, {"b": 5}]}, 5),
    ("a[5]", {"a": [1]}, None),
    ("flatten_tree(t, 'p')", {"t": [{"p": True}]}, [{"p": True}]),  # a non-list is a leaf
    ("flatten_tree(t, 'p')[?v]", {"t": [{"v": 1, "p": [{"v": 2}, {}]}]}, [{"v": 1, "p": [{"v": 2}, {}]}, {"v": 2}]),
    # a chain of fields (one loop) and a comparison with a text (Python's equality)
    ("a.b.c", {"a": {"b": {"c": 3}}}, 3),
    ("a.b.c", {"a": {"b": [{"c": 3}]}}, None),
    ("a.b.c", {"a": "b"}, None),
    ("a[?k=='1']", {"a": [{"k": 1}, {"k": "1"}, {"k": True}, {}]}, [{"k": "1"}]),
    ("a[?k!='']", {"a": [{"k": ""}, {"k": False}, {}]}, [{"k": False}, {}]),
    ("a[?b.c=='x'].n", {"a": [{"b": {"c": "x"}, "n": 1}, {"b": "x", "n": 2}, {"b": {"c": "y"}, "n": 3}]}, [1]),
])
def test_known_results(expr: str, data: Any, expected: Any) -> None:
    assert compile_expression(expr)(data) == expected
    assert _interpreted(expr, data) == ("ok", expected)


def test_a_wrong_argument_type_fails_as_in_the_interpreter() -> None:
    assert _compiled("flatten_tree(a, 'p')", {"a": "text"}) == _interpreted("flatten_tree(a, 'p')", {"a": "text"})
    assert _compiled("flatten_tree(a, 'p')", {"a": "text"})[0] == "error"


def test_an_unknown_node_falls_back_to_the_interpreter() -> None:
    assert compile_expression("length(a)")({"a": [1, 2]}) == 2
    assert compile_expression("a[?n > `1`].n")({"a": [{"n": 1}, {"n": 2}]}) == [2]


# ----------------------------------------------------------------------------- generated

_KEYS = ["a", "b", "kind", "n"]
_scalars = st.one_of(st.none(), st.booleans(), st.integers(-1, 2), st.sampled_from(["", "x", "term"]))
_data = st.recursive(
    _scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.sampled_from(_KEYS), inner, max_size=4)),
    max_leaves=25,
)
_literal = st.sampled_from(["'x'", "'term'", "''", "`0`", "`1`", "`true`", "`false`", "`null`", "`[]`"])
_field = st.sampled_from(_KEYS)


def _expr() -> st.SearchStrategy[str]:
    cond = st.recursive(
        st.one_of(_field, st.builds(lambda f, op, lit: f"{f}{op}{lit}", _field, st.sampled_from(["==", "!="]),
                                    _literal)),
        lambda inner: st.one_of(
            st.builds(lambda x, y: f"({x} && {y})", inner, inner),
            st.builds(lambda x, y: f"({x} || {y})", inner, inner),
            st.builds(lambda x: f"!{x}", inner)),
        max_leaves=4,
    )
    return st.recursive(
        st.one_of(_field, st.just("@")),
        lambda inner: st.one_of(
            st.builds(lambda x, f: f"{x}.{f}", inner, _field),
            st.builds(lambda x, c: f"{x}[?{c}]", inner, cond),
            st.builds(lambda x: f"{x}[*]", inner),
            st.builds(lambda x: f"{x}[]", inner),
            st.builds(lambda x, i: f"{x}[{i}]", inner, st.integers(-2, 2)),
            st.builds(lambda x, y: f"[{x}, {y}]", inner, inner),
            st.builds(lambda x, y: f"{x} | {y}", inner, inner),
            st.builds(lambda x: f"flatten_tree({x}, 'a')", inner),
        ),
        max_leaves=5,
    )


@given(_expr(), _data)
def test_generated_expressions_agree_with_the_interpreter(expr: str, data: Any) -> None:
    try:
        jmespath.compile(expr)
    except jmespath.exceptions.JMESPathError:
        return  # not an expression (the grammar above is loose); nothing to compare
    assert _compiled(expr, data) == _interpreted(expr, data)
