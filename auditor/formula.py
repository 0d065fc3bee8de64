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

from .interval import Interval, IntervalError, imax, imin, isum


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


@lru_cache(maxsize=1024)
def parse(expr: str) -> ast.Expression:
    if len(expr) > _MAX_LEN:
        raise FormulaError("expression too long")
    try:
        tree = ast.parse(expr.strip(), mode="eval")
    except SyntaxError as e:
        raise FormulaError(f"syntax error in {expr!r}: {e.msg}") from None
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
    return _Eval(env).visit(parse(expr).body)


class _Eval:
    def __init__(self, env: Mapping[str, Any]) -> None:
        self.env = env

    def visit(self, node: ast.AST) -> Any:
        method: Callable[[Any], Any] = getattr(self, "v_" + type(node).__name__)
        return method(node)

    def v_Constant(self, node: ast.Constant) -> Any:
        if isinstance(node.value, bool) or node.value is None:
            return node.value
        return Interval.point(Decimal(str(node.value)))

    def v_Name(self, node: ast.Name) -> Any:
        if node.id in ("true", "True"):
            return True
        if node.id in ("false", "False"):
            return False
        if node.id not in self.env or self.env[node.id] is None:
            raise Missing(node.id)
        return self.env[node.id]

    def v_List(self, node: ast.List) -> Any:
        return [self.visit(e) for e in node.elts]

    v_Tuple = v_List

    def v_UnaryOp(self, node: ast.UnaryOp) -> Any:
        v = self.visit(node.operand)
        if isinstance(node.op, ast.Not):
            return _not(v)
        iv = _num(v)
        return -iv if isinstance(node.op, ast.USub) else iv

    def v_BinOp(self, node: ast.BinOp) -> Any:
        left, right = self.visit(node.left), self.visit(node.right)
        if isinstance(left, list) or isinstance(right, list):
            # Element-wise over lists of the same length: sum(th / pct) over parts.
            n = len(left) if isinstance(left, list) else len(right)
            ls = left if isinstance(left, list) else [left] * n
            rs = right if isinstance(right, list) else [right] * n
            if len(ls) != len(rs):
                raise Missing("(lists of different length)")
            return [self._binop(node.op, _num(x), _num(y)) for x, y in zip(ls, rs)]
        return self._binop(node.op, _num(left), _num(right))

    def _binop(self, op: ast.operator, a: Interval, b: Interval) -> Interval:
        if isinstance(op, ast.Add):
            return a + b
        if isinstance(op, ast.Sub):
            return a - b
        if isinstance(op, ast.Mult):
            return a * b
        try:
            return a / b
        except IntervalError:
            raise Missing("(division by zero)") from None

    def v_BoolOp(self, node: ast.BoolOp) -> Any:
        vals = [self.visit(v) for v in node.values]
        if isinstance(node.op, ast.And):
            if any(v is False for v in vals):
                return False
            return True if all(v is True for v in vals) else None
        if any(v is True for v in vals):
            return True
        return False if all(v is False for v in vals) else None

    def v_Compare(self, node: ast.Compare) -> Any:
        left = self.visit(node.left)
        results = []
        for op, comp in zip(node.ops, node.comparators):
            right = self.visit(comp)
            results.append(_compare(op, _num(left), _num(right)))
            left = right
        if any(r is False for r in results):
            return False
        return True if all(r is True for r in results) else None

    def v_Call(self, node: ast.Call) -> Any:
        fn = node.func.id  # type: ignore[attr-defined]
        if fn in ("missing", "present"):
            if len(node.args) != 1 or not isinstance(node.args[0], ast.Name):
                raise FormulaError(f"{fn}() takes one name")
            name = node.args[0].id
            is_missing = self.env.get(name) is None
            return is_missing if fn == "missing" else not is_missing
        args = [self.visit(a) for a in node.args]
        flat: list[Interval] = []
        for a in args:
            flat.extend(_num(x) for x in a) if isinstance(a, list) else flat.append(_num(a))
        if fn == "sum":
            return isum(flat)
        if fn == "abs":
            if len(flat) != 1:
                raise FormulaError("abs() takes one argument")
            return abs(flat[0])
        if not flat:
            raise Missing(f"{fn}()")
        return imin(*flat) if fn == "min" else imax(*flat)


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


def _compare(op: ast.cmpop, a: Interval, b: Interval) -> bool | None:
    if isinstance(op, ast.Eq):
        if not a.meets(b):
            return False
        return True if a.is_point and b.is_point else None
    if isinstance(op, ast.NotEq):
        r = _compare(ast.Eq(), a, b)
        return None if r is None else not r
    if isinstance(op, ast.Lt):
        return True if a.hi < b.lo else (False if a.lo >= b.hi else None)
    if isinstance(op, ast.LtE):
        return True if a.hi <= b.lo else (False if a.lo > b.hi else None)
    if isinstance(op, ast.Gt):
        return True if a.lo > b.hi else (False if a.hi <= b.lo else None)
    if isinstance(op, ast.GtE):
        return True if a.lo >= b.hi else (False if a.hi < b.lo else None)
    raise FormulaError(f"unsupported comparison {type(op).__name__}")
