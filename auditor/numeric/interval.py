"""Closed intervals of Decimals: the arithmetic behind precision-aware checks.

A value written with d decimals stands for [v - ½·10^-d, v + ½·10^-d] (XBRL Calculations 1.1,
round-to-nearest). Relations are evaluated on intervals; a stated value is consistent with a
computed one when their intervals meet.
"""

from __future__ import annotations

from decimal import MAX_EMAX, MIN_EMIN, Context, Decimal

from auditor.numeric import limits

# One explicit context for every operation: the same result as `localcontext(prec=…)`, without
# entering and leaving a context manager per operation (the hot path of every check). Traps as
# in the default context, so an invalid operation still raises. The precision follows the digit
# limit of numbers (a sum of two numbers at the limit is exact), and the exponent range is the
# widest there is, so that no product of numbers within the limit overflows.
_CTX = Context()
_add = _sub = _mul = _div = _neg = _CTX.add


def set_precision(prec: int) -> None:
    global _CTX, _add, _sub, _mul, _div, _neg
    _CTX = Context(prec=prec, Emax=MAX_EMAX, Emin=MIN_EMIN)
    _add, _sub, _mul, _div, _neg = _CTX.add, _CTX.subtract, _CTX.multiply, _CTX.divide, _CTX.minus


limits.watch(lambda lim: set_precision(limits.arithmetic_precision(lim.digits)))
_ZERO = Decimal(0)


class IntervalError(ArithmeticError):
    """Raised for an undefined operation, such as dividing by an interval that holds 0."""


class Interval:
    """An immutable closed interval [lo, hi] (a slotted class: checks create many)."""

    __slots__ = ("hi", "lo")
    lo: Decimal
    hi: Decimal

    def __init__(self, lo: Decimal, hi: Decimal) -> None:
        if lo > hi:
            raise ValueError(f"empty interval [{lo}, {hi}]")
        _set_lo(self, lo)  # the slots' own setters: object.__setattr__ looks them up by name
        _set_hi(self, hi)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Interval is immutable")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Interval):
            return NotImplemented
        return self.lo == other.lo and self.hi == other.hi

    def __hash__(self) -> int:
        return hash((self.lo, self.hi))

    def __reduce__(self) -> tuple:
        return (Interval, (self.lo, self.hi))

    @staticmethod
    def point(v: Decimal | int) -> Interval:
        d = v if type(v) is Decimal else Decimal(v)
        return Interval(d, d)

    @staticmethod
    def rounded(v: Decimal, decimals: int) -> Interval:
        """The values that round (half-up or half-even) to v at `decimals` digits."""
        half = _HALVES.get(decimals) or Decimal(5).scaleb(-(decimals + 1))
        return Interval(_sub(v, half), _add(v, half))

    @staticmethod
    def truncated(v: Decimal, decimals: int) -> Interval:
        """The values that truncate to v at `decimals` digits (upper end open, kept closed)."""
        unit = Decimal(1).scaleb(-decimals)
        return Interval(v, _add(v, unit)) if v >= 0 else Interval(_sub(v, unit), v)

    @property
    def mid(self) -> Decimal:
        return _div(_add(self.lo, self.hi), 2)

    @property
    def is_point(self) -> bool:
        return self.lo == self.hi

    def contains(self, v: Decimal) -> bool:
        return self.lo <= v <= self.hi

    def meets(self, other: Interval) -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    def intersect(self, other: Interval) -> Interval | None:
        lo, hi = max(self.lo, other.lo), min(self.hi, other.hi)
        return Interval(lo, hi) if lo <= hi else None

    def distance(self, other: Interval) -> Decimal:
        """0 when the intervals meet, else the gap between them."""
        if self.meets(other):
            return Decimal(0)
        return _sub(other.lo, self.hi) if self.hi < other.lo else _sub(self.lo, other.hi)

    def __add__(self, other: Interval | Decimal | int) -> Interval:
        o = _iv(other)
        return Interval(_add(self.lo, o.lo), _add(self.hi, o.hi))

    __radd__ = __add__

    def __neg__(self) -> Interval:
        # Negation in the interval context too: `-x` alone would round to the thread's 28 digits.
        return Interval(_neg(self.hi), _neg(self.lo))

    def __sub__(self, other: Interval | Decimal | int) -> Interval:
        o = _iv(other)
        return Interval(_sub(self.lo, o.hi), _sub(self.hi, o.lo))

    def __rsub__(self, other: Interval | Decimal | int) -> Interval:
        return _iv(other) - self

    def __mul__(self, other: Interval | Decimal | int) -> Interval:
        o = _iv(other)
        c = [_mul(self.lo, o.lo), _mul(self.lo, o.hi), _mul(self.hi, o.lo), _mul(self.hi, o.hi)]
        return Interval(min(c), max(c))

    __rmul__ = __mul__

    def __truediv__(self, other: Interval | Decimal | int) -> Interval:
        o = _iv(other)
        if o.lo <= 0 <= o.hi:
            raise IntervalError("division by an interval containing zero")
        c = [_div(self.lo, o.lo), _div(self.lo, o.hi), _div(self.hi, o.lo), _div(self.hi, o.hi)]
        return Interval(min(c), max(c))

    def __rtruediv__(self, other: Interval | Decimal | int) -> Interval:
        return _iv(other) / self

    def __abs__(self) -> Interval:
        if self.lo >= 0:
            return self
        if self.hi <= 0:
            return -self
        return Interval(_ZERO, max(_neg(self.lo), self.hi))

    def hull(self, other: Interval) -> Interval:
        return Interval(min(self.lo, other.lo), max(self.hi, other.hi))

    def __repr__(self) -> str:
        return f"[{self.lo}, {self.hi}]"


_set_lo = Interval.__dict__["lo"].__set__
_set_hi = Interval.__dict__["hi"].__set__


def _iv(v: Interval | Decimal | int) -> Interval:
    return v if isinstance(v, Interval) else Interval.point(Decimal(v))


def imin(*xs: Interval) -> Interval:
    return Interval(min(x.lo for x in xs), min(x.hi for x in xs))


def imax(*xs: Interval) -> Interval:
    return Interval(max(x.lo for x in xs), max(x.hi for x in xs))


def isum(xs: list[Interval]) -> Interval:
    lo = hi = _ZERO
    for x in xs:
        lo, hi = _add(lo, x.lo), _add(hi, x.hi)
    return Interval(lo, hi)


# Half a unit of the last digit for the precisions reports use (−6 … 12 decimals).
_HALVES = {d: Decimal(5).scaleb(-(d + 1)) for d in range(-6, 13)}
