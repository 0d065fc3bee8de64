"""Closed intervals of Decimals: the arithmetic behind precision-aware checks.

A value written with d decimals stands for [v - ½·10^-d, v + ½·10^-d] (XBRL Calculations 1.1,
round-to-nearest). Relations are evaluated on intervals; a stated value is consistent with a
computed one when their intervals meet.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, localcontext

_PREC = 40


class IntervalError(ArithmeticError):
    """Raised for an undefined operation, such as dividing by an interval that holds 0."""


@dataclass(frozen=True)
class Interval:
    lo: Decimal
    hi: Decimal

    def __post_init__(self) -> None:
        if self.lo > self.hi:
            raise ValueError(f"empty interval [{self.lo}, {self.hi}]")

    @staticmethod
    def point(v: Decimal | int) -> Interval:
        d = Decimal(v)
        return Interval(d, d)

    @staticmethod
    def rounded(v: Decimal, decimals: int) -> Interval:
        """The values that round (half-up or half-even) to v at `decimals` digits."""
        half = Decimal(5).scaleb(-(decimals + 1))
        with localcontext() as ctx:
            ctx.prec = _PREC
            return Interval(v - half, v + half)

    @staticmethod
    def truncated(v: Decimal, decimals: int) -> Interval:
        """The values that truncate to v at `decimals` digits (upper end open, kept closed)."""
        unit = Decimal(1).scaleb(-decimals)
        with localcontext() as ctx:
            ctx.prec = _PREC
            return Interval(v, v + unit) if v >= 0 else Interval(v - unit, v)

    @property
    def mid(self) -> Decimal:
        with localcontext() as ctx:
            ctx.prec = _PREC
            return (self.lo + self.hi) / 2

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
        return other.lo - self.hi if self.hi < other.lo else self.lo - other.hi

    def __add__(self, other: Interval | Decimal | int) -> Interval:
        o = _iv(other)
        with localcontext() as ctx:
            ctx.prec = _PREC
            return Interval(self.lo + o.lo, self.hi + o.hi)

    __radd__ = __add__

    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.lo)

    def __sub__(self, other: Interval | Decimal | int) -> Interval:
        return self + (-_iv(other))

    def __rsub__(self, other: Interval | Decimal | int) -> Interval:
        return _iv(other) - self

    def __mul__(self, other: Interval | Decimal | int) -> Interval:
        o = _iv(other)
        with localcontext() as ctx:
            ctx.prec = _PREC
            c = [self.lo * o.lo, self.lo * o.hi, self.hi * o.lo, self.hi * o.hi]
        return Interval(min(c), max(c))

    __rmul__ = __mul__

    def __truediv__(self, other: Interval | Decimal | int) -> Interval:
        o = _iv(other)
        if o.lo <= 0 <= o.hi:
            raise IntervalError("division by an interval containing zero")
        with localcontext() as ctx:
            ctx.prec = _PREC
            c = [self.lo / o.lo, self.lo / o.hi, self.hi / o.lo, self.hi / o.hi]
        return Interval(min(c), max(c))

    def __rtruediv__(self, other: Interval | Decimal | int) -> Interval:
        return _iv(other) / self

    def __abs__(self) -> Interval:
        if self.lo >= 0:
            return self
        if self.hi <= 0:
            return -self
        return Interval(Decimal(0), max(-self.lo, self.hi))

    def hull(self, other: Interval) -> Interval:
        return Interval(min(self.lo, other.lo), max(self.hi, other.hi))

    def __repr__(self) -> str:
        return f"[{self.lo}, {self.hi}]"


def _iv(v: Interval | Decimal | int) -> Interval:
    return v if isinstance(v, Interval) else Interval.point(Decimal(v))


def imin(*xs: Interval) -> Interval:
    return Interval(min(x.lo for x in xs), min(x.hi for x in xs))


def imax(*xs: Interval) -> Interval:
    return Interval(max(x.lo for x in xs), max(x.hi for x in xs))


def isum(xs: list[Interval]) -> Interval:
    total = Interval.point(0)
    for x in xs:
        total = total + x
    return total
