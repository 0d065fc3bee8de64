"""JMESPath expressions compiled to Python closures.

Rules select items with JMESPath (`mentions[?kind=='term' && as_current]`, `rates[?base]`,
`[references[], meta.answers[]][]` …). The `jmespath` package interprets the parsed tree on
every call, node by node; a report runs dozens of such selections. Here the tree is turned once
into nested closures with the same semantics (filters, projections, flatten, comparisons,
and/or/not, multi-select lists, pipes, indexes and the `flatten_tree` function). Any node this
module does not know is left to the `jmespath` interpreter, so every expression works; the
tests check both agree.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from numbers import Number

from auditor.numeric import limits

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from typing import Any

if TYPE_CHECKING:
    Fn = Callable[[Any], Any]

# Parsed expressions (the `jmespath` parser's trees: plain dicts), filled by `parse` and by
# `remember` (the rule loader keeps the trees of its rules' expressions in the rule cache): a
# run whose rules come from the cache neither imports `jmespath` nor parses an expression.
_TREES: dict[str, dict[str, Any]] = {}
_REMEMBERED: set[str] = set()  # the trees that came from the cache, not from the parser


class SelectionTooLarge(Exception):
    """A selection made more items than `limits.selection_items` (a rule folder's expression that
    doubles a list thirty times, or a report with more items than any real one): stopped as soon
    as one step goes over, before it can eat the memory."""

    def __init__(self, n: int) -> None:
        super().__init__(n)
        self.n = n


def _capped(out: list[Any]) -> list[Any]:
    if len(out) > limits.current().selection_items:
        raise SelectionTooLarge(len(out))
    return out


# Functions that can make a result far larger than their input in one step (a string of a
# list of a hundred thousand copies of the report): refused in rule expressions (ruleset.py).
UNBOUNDED_FUNCTIONS = frozenset({"join", "to_string"})


def expression_depth(parsed: dict[str, Any]) -> int:
    """Nesting depth of a parsed expression (iterative: a deep one must not blow the stack)."""
    depth, stack = 0, [(parsed, 1)]
    while stack:
        node, d = stack.pop()
        depth = max(depth, d)
        for c in node.get("children") or []:
            if isinstance(c, dict):
                stack.append((c, d + 1))
    return depth


def functions_of(parsed: dict[str, Any]) -> set[str]:
    """The names of the functions an expression calls."""
    out, stack = set(), [parsed]
    while stack:
        node = stack.pop()
        if node.get("type") == "function_expression":
            out.add(node.get("value"))
        stack.extend(c for c in node.get("children") or [] if isinstance(c, dict))
    return out



def parse(expr: str) -> dict[str, Any]:
    """The parsed tree of `expr`; raises jmespath's errors for a bad expression."""
    tree = _TREES.get(expr)
    if tree is None:
        import jmespath

        tree = _TREES[expr] = jmespath.compile(expr).parsed
    return tree


def remember(trees: Any) -> None:
    """Trees parsed by an earlier run (`{expression: tree}`; anything else is ignored)."""
    if isinstance(trees, dict):
        for k, v in trees.items():
            if isinstance(k, str) and isinstance(v, dict) and k not in _TREES:
                _TREES[k] = v
                _REMEMBERED.add(k)


def syntax_error(expr: str) -> str | None:
    """Why `expr` is not a JMESPath expression, or None when it is."""
    try:
        parse(expr)
    except Exception as e:  # noqa: BLE001 - jmespath's own errors, imported only to parse
        from jmespath.exceptions import JMESPathError

        if isinstance(e, JMESPathError):
            return str(e)
        raise
    return None


@lru_cache(maxsize=1)
def options() -> Any:
    """The interpreter's options, with `flatten_tree` (for expressions the compiler leaves to it)."""
    import jmespath
    import jmespath.functions

    class Functions(jmespath.functions.Functions):
        @jmespath.functions.signature({"types": ["array", "null"]}, {"types": ["string"]})
        def _func_flatten_tree(self, items: list[Any] | None, key: str) -> list[Any]:
            """All items of a tree, depth first: `flatten_tree(indicators, 'parts')`."""
            return flatten_tree(items, key)

    return jmespath.Options(custom_functions=Functions())


def __getattr__(name: str) -> Any:
    if name == "OPTIONS":  # (kept for callers of the name: made when first asked)
        return options()
    raise AttributeError(name)

@lru_cache(maxsize=1)
def _interpreter_class() -> Any:
    """jmespath's interpreter, with every list a step makes held to the selection limit (made at
    first use: a run whose expressions all compile to closures never imports jmespath)."""
    import jmespath.visitor

    class _Interpreter(jmespath.visitor.TreeInterpreter):
        def visit(self, node: Any, *args: Any, **kwargs: Any) -> Any:
            out = super().visit(node, *args, **kwargs)
            if type(out) is list and len(out) > limits.current().selection_items:
                raise SelectionTooLarge(len(out))
            return out

    return _Interpreter


def flatten_tree(items: list[Any] | None, key: str) -> list[Any]:
    out: list[Any] = []
    stack = list(reversed(items or []))
    cap = limits.current().selection_items
    while stack:
        it = stack.pop()
        out.append(it)
        if len(out) > cap:  # (a tree whose parts are itself: a shared list, from Python callers)
            raise SelectionTooLarge(len(out))
        sub = it.get(key) if isinstance(it, dict) else None
        if isinstance(sub, list):  # a non-list under the key is a leaf, not a crash
            stack.extend(reversed(sub))
    return out


def is_false(v: Any) -> bool:
    """JMESPath falsiness: empty string, list and object, false and null (0 is true)."""
    return v is None or v is False or v == "" or v == [] or v == {}


def _number(v: Any) -> bool:
    return isinstance(v, Number) and not isinstance(v, bool)


def _equals(x: Any, y: Any) -> bool:
    # JMESPath keeps booleans and numbers apart: true != 1, false != 0 (Python says equal).
    if isinstance(x, bool) != isinstance(y, bool) and (_number(x) or _number(y)):
        return False
    return bool(x == y)


class _Unsupported(Exception):
    pass


def compile_expression(expr: str) -> Fn:
    """A function data -> result, equal to `jmespath.search(expr, data, options=OPTIONS)`, that
    raises `SelectionTooLarge` as soon as a step makes more items than the limit."""
    try:
        return _node(parse(expr))
    except _Unsupported:
        pass
    except (KeyError, TypeError, IndexError, ValueError):  # a damaged tree from the cache
        if expr not in _REMEMBERED:
            raise
        _REMEMBERED.discard(expr)
        del _TREES[expr]
        return compile_expression(expr)
    import jmespath

    tree = jmespath.compile(expr).parsed  # the parser's own tree (a remembered one may be damaged)
    interpreter = _interpreter_class()
    return lambda d: interpreter(options()).visit(tree, d)


def _node(n: dict[str, Any]) -> Fn:  # noqa: C901 - one branch per node type
    t = n["type"]
    ch = n.get("children") or []
    if t in ("identity", "current"):
        return lambda d: d
    if t == "literal":
        lit = n["value"]
        return lambda d: lit
    if t == "field":
        name = n["value"]
        return lambda d: d.get(name) if isinstance(d, dict) else None
    if t == "subexpression" and all(c.get("type") == "field" for c in ch):
        return _fields([c["value"] for c in ch])  # `values.th`: the commonest selector
    if t in ("subexpression", "index_expression"):
        steps = [_node(c) for c in ch]

        def chain(d: Any) -> Any:
            for s in steps:
                d = s(d)
            return d
        return chain
    if t == "pipe":
        left, right = _node(ch[0]), _node(ch[1])
        return lambda d: right(left(d))
    if t == "index":
        i = n["value"]

        def index(d: Any) -> Any:
            if not isinstance(d, list):
                return None
            try:
                return d[i]
            except IndexError:
                return None
        return index
    if t == "projection":
        left, right = _node(ch[0]), _node(ch[1])
        ident = ch[1]["type"] == "identity"

        def project(d: Any) -> Any:
            base = left(d)
            if not isinstance(base, list):
                return None
            if ident:
                return _capped([x for x in base if x is not None])
            return _capped([r for x in base if (r := right(x)) is not None])
        return project
    if t == "filter_projection":
        left, right, cond = _node(ch[0]), _node(ch[1]), _node(ch[2])
        ident = ch[1]["type"] == "identity"

        def filtered(d: Any) -> Any:
            base = left(d)
            if not isinstance(base, list):
                return None
            out = []
            for x in base:
                if not is_false(cond(x)):
                    r = x if ident else right(x)
                    if r is not None:
                        out.append(r)
            return _capped(out)
        return filtered
    if t == "flatten":
        inner = _node(ch[0])

        def flatten(d: Any) -> Any:
            base = inner(d)
            if not isinstance(base, list):
                return None
            out: list[Any] = []
            for x in base:
                if isinstance(x, list):
                    out.extend(x)
                    if len(out) > limits.current().selection_items:
                        raise SelectionTooLarge(len(out))
                else:
                    out.append(x)
            return _capped(out)
        return flatten
    if t == "multi_select_list":
        parts = [_node(c) for c in ch]
        return lambda d: None if d is None else _capped([p(d) for p in parts])
    if t == "comparator" and n["value"] in ("eq", "ne"):
        a, b = _node(ch[0]), _node(ch[1])
        if ch[1]["type"] == "literal" and type(ch[1]["value"]) is str:
            # `kind=='term'`: against a text, JMESPath's equality is Python's (no bool/number case)
            lit = ch[1]["value"]
            if n["value"] == "eq":
                return lambda d: bool(a(d) == lit)
            return lambda d: not a(d) == lit
        if n["value"] == "eq":
            return lambda d: _equals(a(d), b(d))
        return lambda d: not _equals(a(d), b(d))
    if t == "and_expression":
        a, b = _node(ch[0]), _node(ch[1])

        def and_(d: Any) -> Any:
            left = a(d)
            return left if is_false(left) else b(d)
        return and_
    if t == "or_expression":
        a, b = _node(ch[0]), _node(ch[1])

        def or_(d: Any) -> Any:
            left = a(d)
            return b(d) if is_false(left) else left
        return or_
    if t == "not_expression":
        a = _node(ch[0])
        return lambda d: is_false(a(d))
    if t == "function_expression" and n["value"] == "flatten_tree" and len(ch) == 2 \
            and ch[1]["type"] == "literal" and isinstance(ch[1]["value"], str):
        items, key = _node(ch[0]), ch[1]["value"]

        def flat(d: Any) -> Any:
            v = items(d)
            if v is not None and not isinstance(v, list):
                raise _type_error(v)
            return flatten_tree(v, key)
        return flat
    raise _Unsupported(t)


def _fields(names: list[str]) -> Fn:
    """`a.b.c` (fields only): each step of a chain of `field` nodes in one loop (a field of
    anything but an object is null, and so is every field after it)."""
    if len(names) == 1:
        name = names[0]
        return lambda d: d.get(name) if isinstance(d, dict) else None

    def fields(d: Any) -> Any:
        for name in names:
            if not isinstance(d, dict):
                return None
            d = d.get(name)
        return d
    return fields


def _type_error(v: Any) -> Exception:
    # What the interpreter raises for a wrong argument type, so both paths fail alike.
    import jmespath.exceptions

    return jmespath.exceptions.JMESPathTypeError("flatten_tree", v, type(v).__name__, ["array", "null"])
