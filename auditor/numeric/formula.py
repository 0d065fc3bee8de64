"""A small, safe expression language for rules, evaluated on intervals.

Expressions are parsed with Python's `ast` and checked against a whitelist: numbers, names,
+ − × ÷, unary minus, comparisons, `and`/`or`/`not`, and calls to a few functions. No
attribute access, no subscripts, no imports, no `eval`: a rule file written by someone else
is safe to load. Values are `Interval`s; a comparison is three-valued:
True (holds for every value in the intervals), False (fails for every value),
None (holds for some values: consistent within rounding).
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import lru_cache
from typing import Any

from auditor.numeric import limits
from auditor.numeric.interval import Interval, IntervalError, imax, imin, isum


class FormulaError(ValueError):
    """The expression is not allowed or not well formed (a rule-file error)."""


class Missing(Exception):
    """A name in the expression has no value in this report: the check is skipped."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


_ALLOWED = (
    ast.Expression, ast.BinOp, ast.UnaryOp, ast.BoolOp, ast.Compare, ast.Name, ast.Load,
    ast.Constant, ast.Call, ast.Add, ast.Sub, ast.Mult, ast.Div, ast.USub, ast.UAdd, ast.Not,
    ast.And, ast.Or, ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.List, ast.Tuple,
)
FUNCTIONS = ("sum", "abs", "min", "max", "missing", "present")
_MAX_LEN = 2000


def parse(expr: str) -> ast.Expression:
    """The syntax tree of a rule expression, checked against the whitelist and the depth limit.
    Raises FormulaError for anything else, whatever `ast.parse` raised (a SyntaxError, but also
    a ValueError for a NUL character on Python 3.10 and 3.11.2, a RecursionError or MemoryError
    for a deep nesting)."""
    return _parse(expr, limits.current().expression_depth)


@lru_cache(maxsize=1024)
def _parse(expr: str, max_depth: int) -> ast.Expression:
    if not isinstance(expr, str):
        raise FormulaError(f"an expression must be text, not {type(expr).__name__}")
    if len(expr) > _MAX_LEN:
        raise FormulaError("expression too long")
    try:
        tree = ast.parse(expr.strip(), mode="eval")
    except SyntaxError as e:
        raise FormulaError(f"syntax error in {_shown(expr)}: {e.msg}") from None
    except (ValueError, RecursionError, MemoryError, OverflowError) as e:  # all of ast.parse's errors
        raise FormulaError(f"not a valid expression: {_shown(expr)} ({type(e).__name__}: {e})") from None
    depth = _depth(tree)
    if depth > max_depth:
        raise FormulaError(f"expression nested {depth} levels deep (at most {max_depth}; configuration key "
                           f"{limits.key_of('expression_depth')}): {_shown(expr)}")
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED):
            raise FormulaError(f"{type(node).__name__} is not allowed in a rule expression: {expr!r}")
        if isinstance(node, ast.Constant) and not (
                isinstance(node.value, (int, float, bool)) or node.value is None):
            raise FormulaError(f"only numbers and booleans are allowed as constants: {expr!r}")
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) \
                and not isinstance(node.value, bool) and not (abs(node.value) < 1e30):
            raise FormulaError(f"number out of range in {expr!r}")
        if isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
                raise FormulaError(f"only the functions {', '.join(FUNCTIONS)} may be called: {expr!r}")
            if node.keywords:
                raise FormulaError(f"keyword arguments are not allowed: {expr!r}")
    return tree


def _shown(expr: str) -> str:
    return repr(expr if len(expr) <= 80 else expr[:80] + "…")


def _depth(tree: ast.AST) -> int:
    """Nesting depth of a syntax tree, counted without recursion (the tree may be deep)."""
    depth, stack = 0, [(tree, 1)]
    while stack:
        node, d = stack.pop()
        depth = max(depth, d)
        stack.extend((c, d + 1) for c in ast.iter_child_nodes(node))
    return depth


@lru_cache(maxsize=1024)
def names(expr: str) -> frozenset[str]:
    """The variables an expression reads (not the functions it calls)."""
    tree = parse(expr)
    called = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    return frozenset({n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} - called)


Value = Interval | bool | None | list[Any]


def evaluate(expr: str, env: Mapping[str, Any]) -> Value:
    """Evaluate on intervals. `env` maps names to Interval, list of Interval, bool or None
    (None = missing). Raises Missing when a needed name is missing."""
    return compiled(expr)(env)


Evaluator = Callable[[Mapping[str, Any]], Any]


@lru_cache(maxsize=1024)
def compiled(expr: str) -> Evaluator:
    """The expression as a tree of closures, built once: rules evaluate the same few
    expressions on every item of every report, and walking the syntax tree each time (a
    method looked up by name per node, constants converted again) cost several times more.
    Every node is still evaluated, in the same order, with the same errors at run time."""
    return _compile(parse(expr).body)


def _compile(node: ast.AST) -> Evaluator:
    if isinstance(node, ast.Constant):
        c = node.value
        if not (isinstance(c, bool) or c is None):
            c = Interval.point(Decimal(str(c)))  # immutable: one for every evaluation
        return lambda env: c
    if isinstance(node, ast.Name):
        return _compile_name(node.id)
    if isinstance(node, (ast.List, ast.Tuple)):
        elts = [_compile(e) for e in node.elts]
        return lambda env: [e(env) for e in elts]
    if isinstance(node, ast.UnaryOp):
        operand = _compile(node.operand)
        if isinstance(node.op, ast.Not):
            return lambda env: _not(operand(env))
        if isinstance(node.op, ast.USub):
            return lambda env: -_num(operand(env))
        return lambda env: _num(operand(env))
    if isinstance(node, ast.BinOp):
        return _compile_binop(_BINOPS[type(node.op)], _compile(node.left), _compile(node.right))
    if isinstance(node, ast.BoolOp):
        return _compile_boolop(isinstance(node.op, ast.And), [_compile(v) for v in node.values])
    if isinstance(node, ast.Compare):
        return _compile_compare(_compile(node.left),
                                [(_COMPARE[type(op)], _compile(c)) for op, c in zip(node.ops, node.comparators)])
    if isinstance(node, ast.Call):
        return _compile_call(node)
    raise FormulaError(f"{type(node).__name__} cannot be evaluated")


def _compile_name(name: str) -> Evaluator:
    if name in ("true", "True"):
        return lambda env: True
    if name in ("false", "False"):
        return lambda env: False

    def value(env: Mapping[str, Any]) -> Any:
        v = env.get(name)
        if v is None:
            raise Missing(name)
        return v
    return value


def _divide(a: Interval, b: Interval) -> Interval:
    try:
        return a / b
    except IntervalError:
        raise Missing("(division by zero)") from None


_BINOPS: dict[type, Callable[[Interval, Interval], Interval]] = {
    ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b,
    ast.Div: _divide,
}


def _compile_binop(op: Callable[[Interval, Interval], Interval], left: Evaluator, right: Evaluator) -> Evaluator:
    def binop(env: Mapping[str, Any]) -> Any:
        a, b = left(env), right(env)
        if type(a) is Interval and type(b) is Interval:
            return op(a, b)
        if isinstance(a, list) or isinstance(b, list):
            # Element-wise over lists of the same length: sum(th / pct) over parts.
            n = len(a) if isinstance(a, list) else len(b)
            xs = a if isinstance(a, list) else [a] * n
            ys = b if isinstance(b, list) else [b] * n
            if len(xs) != len(ys):
                raise Missing("(lists of different length)")
            return [op(_num(x), _num(y)) for x, y in zip(xs, ys)]
        return op(_num(a), _num(b))
    return binop


def _compile_boolop(is_and: bool, values: list[Evaluator]) -> Evaluator:
    def boolop(env: Mapping[str, Any]) -> Any:
        vals = [v(env) for v in values]  # all of them, as written: a missing name is a skip
        if is_and:
            if any(v is False for v in vals):
                return False
            return True if all(v is True for v in vals) else None
        if any(v is True for v in vals):
            return True
        return False if all(v is False for v in vals) else None
    return boolop


def _compile_compare(first: Evaluator, rest: list[tuple[Callable[[Interval, Interval], bool | None], Evaluator]]
                     ) -> Evaluator:
    def compare(env: Mapping[str, Any]) -> Any:
        left = first(env)
        results = []
        for op, comp in rest:
            right = comp(env)
            results.append(op(_num(left), _num(right)))
            left = right
        if any(r is False for r in results):
            return False
        return True if all(r is True for r in results) else None
    return compare


def _compile_call(node: ast.Call) -> Evaluator:
    fn = node.func.id  # type: ignore[attr-defined]
    if fn in ("missing", "present"):
        if len(node.args) != 1 or not isinstance(node.args[0], ast.Name):
            def wrong(env: Mapping[str, Any]) -> Any:  # raised when evaluated, as any error
                raise FormulaError(f"{fn}() takes one name")
            return wrong
        name, want_missing = node.args[0].id, fn == "missing"
        return lambda env: (env.get(name) is None) is want_missing
    args = [_compile(a) for a in node.args]

    def call(env: Mapping[str, Any]) -> Any:
        values = [a(env) for a in args]  # all arguments first: a missing one is a skip
        flat: list[Interval] = []
        for v in values:
            flat.extend(_num(x) for x in v) if isinstance(v, list) else flat.append(_num(v))
        if fn == "sum":
            return isum(flat)
        if fn == "abs":
            if len(flat) != 1:
                raise FormulaError("abs() takes one argument")
            return abs(flat[0])
        if not flat:
            raise Missing(f"{fn}()")
        return imin(*flat) if fn == "min" else imax(*flat)
    return call


def _num(v: Any) -> Interval:
    if isinstance(v, Interval):
        return v
    raise FormulaError(f"expected a number, got {type(v).__name__}")


def _not(v: Any) -> Any:
    if v is None:
        return None
    if isinstance(v, bool):
        return not v
    raise FormulaError("'not' needs a condition")


def _eq(a: Interval, b: Interval) -> bool | None:
    if not a.meets(b):
        return False
    return True if a.is_point and b.is_point else None


def _ne(a: Interval, b: Interval) -> bool | None:
    r = _eq(a, b)
    return None if r is None else not r


# Three-valued: True when it holds for every value of both intervals, False when for none.
_COMPARE: dict[type, Callable[[Interval, Interval], bool | None]] = {
    ast.Eq: _eq,
    ast.NotEq: _ne,
    ast.Lt: lambda a, b: True if a.hi < b.lo else (False if a.lo >= b.hi else None),
    ast.LtE: lambda a, b: True if a.hi <= b.lo else (False if a.lo > b.hi else None),
    ast.Gt: lambda a, b: True if a.lo > b.hi else (False if a.hi <= b.lo else None),
    ast.GtE: lambda a, b: True if a.lo >= b.hi else (False if a.hi < b.lo else None),
}
