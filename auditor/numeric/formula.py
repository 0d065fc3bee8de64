"""A small, safe expression language for rules, evaluated on intervals.

Expressions are Python expressions checked against a whitelist: numbers, names, + − × ÷,
unary minus, comparisons, `and`/`or`/`not`, and calls to a few functions. No attribute access,
no subscripts, no imports, no `eval`: a rule file written by someone else is safe to load.
Values are `Interval`s; a comparison is three-valued: True (holds for every value in the
intervals), False (fails for every value), None (holds for some values: consistent within
rounding).

Python's `ast` defines what an expression is (`parse`). The expressions rules write are read by
a small parser of that whitelist (`_small`), which gives the tree `ast` would give, as tuples
(`Node`): importing `ast` and parsing with it was ~15 M instructions of every run's start (issue
16). Whatever the small parser is not sure of — anything beyond the plain forms of the whitelist
(other spellings of numbers, line breaks, a nesting too deep …) — it leaves to `ast`, which also
gives the errors; a property test holds the two to the same trees.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import lru_cache

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    import ast
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


FUNCTIONS = ("sum", "abs", "min", "max", "missing", "present")
_MAX_LEN = 2000

# An expression's tree, as tuples (what `_from_ast` makes of `ast`'s nodes, and `_small` reads):
# ("const", value) · ("name", id) · ("list", [elements]) (a list or a tuple) · ("unary", op,
# operand) with op "not", "-", "+" · ("binop", op, left, right) with op "+", "-", "*", "/" ·
# ("boolop", "and" | "or", [values]) · ("compare", left, [(op, right) …]) with op "==", "!=", "<",
# "<=", ">", ">=" · ("call", function name, [arguments]).
if TYPE_CHECKING:
    Node = tuple[Any, ...]


def parse(expr: str) -> ast.Expression:
    """The syntax tree of a rule expression, by `ast`, checked against the whitelist and the
    depth limit. Raises FormulaError for anything else, whatever `ast.parse` raised (a
    SyntaxError, but also a ValueError for a NUL character on Python 3.10 and 3.11.2, a
    RecursionError or MemoryError for a deep nesting)."""
    return _parse(expr, limits.current().expression_depth)


def tree(expr: str) -> Node:
    """The tree of a rule expression (`Node`), checked as `parse` checks it, with the same errors."""
    return _tree(expr, limits.current().expression_depth)


@lru_cache(maxsize=1024)
def _tree(expr: str, max_depth: int) -> Node:
    if type(expr) is str and len(expr) <= _MAX_LEN:
        small = _small(expr.strip())
        if small is not None and _ast_depth(small) + 1 <= max_depth:  # (+1: `ast`'s Expression)
            return small
    return _from_ast(_parse(expr, max_depth).body)


@lru_cache(maxsize=1024)
def _parse(expr: str, max_depth: int) -> ast.Expression:
    import ast

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
    allowed = (
        ast.Expression, ast.BinOp, ast.UnaryOp, ast.BoolOp, ast.Compare, ast.Name, ast.Load,
        ast.Constant, ast.Call, ast.Add, ast.Sub, ast.Mult, ast.Div, ast.USub, ast.UAdd, ast.Not,
        ast.And, ast.Or, ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.List, ast.Tuple,
    )
    for node in ast.walk(tree):
        if not isinstance(node, allowed):
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
    import ast

    depth, stack = 0, [(tree, 1)]
    while stack:
        node, d = stack.pop()
        depth = max(depth, d)
        stack.extend((c, d + 1) for c in ast.iter_child_nodes(node))
    return depth


def _from_ast(node: ast.AST) -> Node:
    """An expression's `ast` node (already checked against the whitelist) as a `Node`."""
    import ast

    if isinstance(node, ast.Constant):
        return ("const", node.value)
    if isinstance(node, ast.Name):
        return ("name", node.id)
    if isinstance(node, (ast.List, ast.Tuple)):
        return ("list", [_from_ast(e) for e in node.elts])
    if isinstance(node, ast.UnaryOp):
        op = {ast.Not: "not", ast.USub: "-", ast.UAdd: "+"}[type(node.op)]
        return ("unary", op, _from_ast(node.operand))
    if isinstance(node, ast.BinOp):
        op = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}[type(node.op)]
        return ("binop", op, _from_ast(node.left), _from_ast(node.right))
    if isinstance(node, ast.BoolOp):
        return ("boolop", "and" if isinstance(node.op, ast.And) else "or", [_from_ast(v) for v in node.values])
    if isinstance(node, ast.Compare):
        ops = {ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">="}
        return ("compare", _from_ast(node.left),
                [(ops[type(op)], _from_ast(c)) for op, c in zip(node.ops, node.comparators)])
    if isinstance(node, ast.Call):
        return ("call", node.func.id, [_from_ast(a) for a in node.args])  # type: ignore[attr-defined]
    raise FormulaError(f"{type(node).__name__} cannot be evaluated")


def _ast_depth(node: Node) -> int:
    """The depth `_depth` counts for the `ast` tree of `node`, without its Expression: a name and
    a list have a context node under them, an operator is a node under its operation, a call's
    function is a name (counted without recursion: a long sum is a deep tree)."""
    depth, stack = 0, [(node, 1)]
    while stack:
        node, d = stack.pop()
        kind = node[0]
        if kind == "const":
            children: list[Node] = []
            below = 0
        elif kind == "name":
            children, below = [], 1
        elif kind == "list":
            children, below = node[1], 1
        elif kind == "unary":
            children, below = [node[2]], 1
        elif kind == "binop":
            children, below = [node[2], node[3]], 1
        elif kind == "boolop":
            children, below = node[2], 1
        elif kind == "compare":
            children, below = [node[1], *(c for _, c in node[2])], 1
        else:  # "call"
            children, below = node[2], 2
        depth = max(depth, d + below)
        stack.extend((c, d + 1) for c in children)
    return depth


# ------------------------------------------------------------------ the small parser

# Python's keywords: a name that is one is left to `ast` (but those the whitelist reads).
_KEYWORDS = frozenset((
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
    "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
    "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield"))
_CONSTANTS = {"True": True, "False": False, "None": None}
_COMPARISONS = ("==", "!=", "<=", ">=", "<", ">")
_PUNCTUATION = frozenset("+-*/(),[]")
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")
_DIGITS = frozenset("0123456789")
_MAX_NESTING = 60  # brackets and unary operators deeper than this are left to `ast` (and its limit)


class _Refused(Exception):
    """Not a plain form of the whitelist: `ast` decides."""


def _tokens(text: str) -> list[str]:
    """The tokens of `text`: names, numbers (plain decimals: digits, or digits, a point and
    digits), the operators of the whitelist. Anything else (another character, a number written
    another way, `**`, `//` …) refuses."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == " ":
            i += 1
            continue
        j = i + 1
        if c in _LETTERS:
            while j < n and (text[j] in _LETTERS or text[j] in _DIGITS):
                j += 1
        elif c in _DIGITS:
            while j < n and text[j] in _DIGITS:
                j += 1
            if j < n and text[j] == ".":
                j += 1
                if j >= n or text[j] not in _DIGITS:
                    raise _Refused
                while j < n and text[j] in _DIGITS:
                    j += 1
            if j < n and (text[j] in _LETTERS or text[j] in _DIGITS or text[j] == "."):
                raise _Refused  # 1e5, 1j, 1_000, 1.2.3, 1if …
            if c == "0" and j - i > 1 and text[i + 1] != ".":
                raise _Refused  # 00, 01: leading zeros
        elif text.startswith(("==", "!=", "<=", ">="), i):
            j = i + 2
        elif c in "<>":
            pass
        elif c in _PUNCTUATION:
            if text.startswith(("**", "//"), i):
                raise _Refused
        else:
            raise _Refused
        out.append(text[i:j])
        i = j
    return out


def _small(text: str) -> Node | None:
    """The tree of `text` when it is a plain form of the whitelist, else None (`ast` decides)."""
    try:
        parser = _Parser(_tokens(text))
        node = parser.expression()
        if parser.i != len(parser.toks):
            return None
        return node
    except _Refused:
        return None


class _Parser:
    """Python's grammar for the whitelist's forms, by precedence: `or`, `and`, `not`, comparisons,
    `+ -`, `* /`, unary `- +`, calls, brackets, names and numbers."""

    def __init__(self, toks: list[str]) -> None:
        self.toks = toks
        self.i = 0
        self.nesting = 0

    def peek(self) -> str | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self, tok: str) -> bool:
        if self.peek() == tok:
            self.i += 1
            return True
        return False

    def deeper(self) -> None:
        self.nesting += 1
        if self.nesting > _MAX_NESTING:
            raise _Refused

    def expression(self) -> Node:
        values = [self.conjunction()]
        while self.take("or"):
            values.append(self.conjunction())
        return values[0] if len(values) == 1 else ("boolop", "or", values)

    def conjunction(self) -> Node:
        values = [self.inversion()]
        while self.take("and"):
            values.append(self.inversion())
        return values[0] if len(values) == 1 else ("boolop", "and", values)

    def inversion(self) -> Node:
        if self.take("not"):
            self.deeper()
            node = ("unary", "not", self.inversion())
            self.nesting -= 1
            return node
        return self.comparison()

    def comparison(self) -> Node:
        left = self.sum()
        rest = []
        while self.peek() in _COMPARISONS:
            op = self.toks[self.i]
            self.i += 1
            rest.append((op, self.sum()))
        return ("compare", left, rest) if rest else left

    def sum(self) -> Node:
        node = self.term()
        while self.peek() in ("+", "-"):
            op = self.toks[self.i]
            self.i += 1
            node = ("binop", op, node, self.term())
        return node

    def term(self) -> Node:
        node = self.factor()
        while self.peek() in ("*", "/"):
            op = self.toks[self.i]
            self.i += 1
            node = ("binop", op, node, self.factor())
        return node

    def factor(self) -> Node:
        tok = self.peek()
        if tok in ("-", "+"):
            self.i += 1
            self.deeper()
            node = ("unary", tok, self.factor())
            self.nesting -= 1
            return node
        return self.atom()

    def atom(self) -> Node:
        tok = self.peek()
        if tok is None:
            raise _Refused
        self.i += 1
        first = tok[0]
        if first in _DIGITS:
            value = float(tok) if "." in tok else int(tok)
            if not abs(value) < 1e30:
                raise _Refused  # (`ast` says it is out of range)
            return ("const", value)
        if first in _LETTERS:
            if tok in _CONSTANTS:
                return ("const", _CONSTANTS[tok])
            if tok in _KEYWORDS:
                raise _Refused
            if self.peek() == "(":
                if tok not in FUNCTIONS:
                    raise _Refused
                self.i += 1
                return ("call", tok, self.items(")"))
            return ("name", tok)
        if tok == "[":
            return ("list", self.items("]"))
        if tok == "(":
            if self.take(")"):
                return ("list", [])  # ()
            self.deeper()
            node = self.expression()
            self.nesting -= 1
            if self.take(")"):
                return node
            if self.peek() != ",":
                raise _Refused
            self.i += 1
            return ("list", [node, *self.items(")")])  # a tuple: (a,) (a, b) …
        raise _Refused

    def items(self, close: str) -> list[Node]:
        """Expressions separated by commas (a last comma allowed) up to `close`."""
        self.deeper()
        out: list[Node] = []
        while not self.take(close):
            out.append(self.expression())
            if not self.take(","):
                if not self.take(close):
                    raise _Refused
                break
        self.nesting -= 1
        return out


@lru_cache(maxsize=1024)
def names(expr: str) -> frozenset[str]:
    """The variables an expression reads (not the functions it calls)."""
    read: set[str] = set()
    called: set[str] = set()
    stack = [tree(expr)]
    while stack:
        node = stack.pop()
        kind = node[0]
        if kind == "name":
            read.add(node[1])
        elif kind == "call":
            called.add(node[1])
            stack.extend(node[2])
        elif kind == "list":
            stack.extend(node[1])
        elif kind == "unary":
            stack.append(node[2])
        elif kind == "binop":
            stack.extend(node[2:])
        elif kind == "boolop":
            stack.extend(node[2])
        elif kind == "compare":
            stack.append(node[1])
            stack.extend(c for _, c in node[2])
    return frozenset(read - called)


if TYPE_CHECKING:
    Value = Interval | bool | None | list[Any]


def evaluate(expr: str, env: Mapping[str, Any]) -> Value:
    """Evaluate on intervals. `env` maps names to Interval, list of Interval, bool or None
    (None = missing). Raises Missing when a needed name is missing."""
    return compiled(expr)(env)


if TYPE_CHECKING:
    Evaluator = Callable[[Mapping[str, Any]], Any]


@lru_cache(maxsize=1024)
def compiled(expr: str) -> Evaluator:
    """The expression as a tree of closures, built once: rules evaluate the same few
    expressions on every item of every report, and walking the syntax tree each time (a
    method looked up by name per node, constants converted again) cost several times more.
    Every node is still evaluated, in the same order, with the same errors at run time."""
    return _compile(tree(expr))


def _compile(node: Node) -> Evaluator:
    kind = node[0]
    if kind == "const":
        c = node[1]
        if not (isinstance(c, bool) or c is None):
            c = Interval.point(Decimal(str(c)))  # immutable: one for every evaluation
        return lambda env: c
    if kind == "name":
        return _compile_name(node[1])
    if kind == "list":
        elts = [_compile(e) for e in node[1]]
        return lambda env: [e(env) for e in elts]
    if kind == "unary":
        operand = _compile(node[2])
        if node[1] == "not":
            return lambda env: _not(operand(env))
        if node[1] == "-":
            return lambda env: -_num(operand(env))
        return lambda env: _num(operand(env))
    if kind == "binop":
        return _compile_binop(_BINOPS[node[1]], _compile(node[2]), _compile(node[3]))
    if kind == "boolop":
        return _compile_boolop(node[1] == "and", [_compile(v) for v in node[2]])
    if kind == "compare":
        return _compile_compare(_compile(node[1]), [(_COMPARE[op], _compile(c)) for op, c in node[2]])
    if kind == "call":
        return _compile_call(node)
    raise FormulaError(f"{kind} cannot be evaluated")


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


_BINOPS: dict[str, Callable[[Interval, Interval], Interval]] = {
    "+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b, "/": _divide,
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


def _compile_call(node: Node) -> Evaluator:
    fn, arg_nodes = node[1], node[2]
    if fn in ("missing", "present"):
        if len(arg_nodes) != 1 or arg_nodes[0][0] != "name":
            def wrong(env: Mapping[str, Any]) -> Any:  # raised when evaluated, as any error
                raise FormulaError(f"{fn}() takes one name")
            return wrong
        name, want_missing = arg_nodes[0][1], fn == "missing"
        return lambda env: (env.get(name) is None) is want_missing
    args = [_compile(a) for a in arg_nodes]

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
_COMPARE: dict[str, Callable[[Interval, Interval], bool | None]] = {
    "==": _eq,
    "!=": _ne,
    "<": lambda a, b: True if a.hi < b.lo else (False if a.lo >= b.hi else None),
    "<=": lambda a, b: True if a.hi <= b.lo else (False if a.lo > b.hi else None),
    ">": lambda a, b: True if a.lo > b.hi else (False if a.hi <= b.lo else None),
    ">=": lambda a, b: True if a.lo >= b.hi else (False if a.hi < b.lo else None),
}
