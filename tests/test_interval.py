"""Interval arithmetic: the inclusion property, rounding intervals, meets/intersect."""

from __future__ import annotations

from decimal import Decimal, localcontext

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from auditor.numeric.interval import Interval, IntervalError, imax, imin, isum

dec = st.decimals(min_value=Decimal(-10**6), max_value=Decimal(10**6), places=4,
                  allow_nan=False, allow_infinity=False)
frac = st.integers(min_value=0, max_value=1000).map(lambda i: Decimal(i) / 1000)


def _holds(q: Interval, a: Decimal, b: Decimal) -> bool:
    """a / b, computed at high precision, lies in q (up to the 40-digit rounding of q's ends)."""
    with localcontext() as ctx:
        ctx.prec = 80
        exact = a / b
        tol = Decimal("1e-30") * (abs(exact) + 1)
        return q.lo - tol <= exact <= q.hi + tol


@st.composite
def intervals(draw: st.DrawFn) -> Interval:
    a, b = draw(dec), draw(dec)
    return Interval(min(a, b), max(a, b))


@st.composite
def interval_and_point(draw: st.DrawFn) -> tuple[Interval, Decimal]:
    iv = draw(intervals())
    t = draw(frac)
    p = iv.lo + (iv.hi - iv.lo) * t
    p = min(max(p, iv.lo), iv.hi)
    return iv, p


@given(interval_and_point(), interval_and_point())
def test_inclusion_add_sub_mul(aa: tuple[Interval, Decimal], bb: tuple[Interval, Decimal]) -> None:
    (A, a), (B, b) = aa, bb
    assert A.contains(a) and B.contains(b)
    assert (A + B).contains(a + b)
    assert (A - B).contains(a - b)
    assert (A * B).contains(a * b)


@given(interval_and_point(), interval_and_point())
def test_inclusion_div(aa: tuple[Interval, Decimal], bb: tuple[Interval, Decimal]) -> None:
    (A, a), (B, b) = aa, bb
    assume(not B.contains(Decimal(0)))
    assert _holds(A / B, a, b)


@given(intervals(), intervals())
def test_operations_are_monotone_in_width(A: Interval, B: Interval) -> None:
    s = A + B
    assert s.hi - s.lo == (A.hi - A.lo) + (B.hi - B.lo)
    assert (A - B).lo == A.lo - B.hi
    assert (A - B).hi == A.hi - B.lo
    assert -(-A) == A
    assert A.hull(B).contains(A.lo) and A.hull(B).contains(B.hi)


@given(interval_and_point())
def test_scalars_and_reflected_ops(aa: tuple[Interval, Decimal]) -> None:
    A, a = aa
    assert (A + 1).contains(a + 1)
    assert (1 + A).contains(a + 1)
    assert (10 - A).contains(10 - a)
    assert (A * 100).contains(a * 100)
    assert (100 * A).contains(a * 100)
    assert (A * Decimal("-2")).contains(a * -2)
    assert abs(A).contains(abs(a))
    assert abs(A).lo >= 0


@given(interval_and_point())
def test_rtruediv(aa: tuple[Interval, Decimal]) -> None:
    A, a = aa
    assume(not A.contains(Decimal(0)))
    assert _holds(100 / A, Decimal(100), a)


@given(intervals(), intervals())
def test_meets_and_intersect_agree(A: Interval, B: Interval) -> None:
    inter = A.intersect(B)
    assert A.meets(B) == B.meets(A) == (inter is not None)
    if inter is not None:
        assert A.contains(inter.lo) and A.contains(inter.hi)
        assert B.contains(inter.lo) and B.contains(inter.hi)
        assert A.distance(B) == 0
    else:
        assert A.distance(B) > 0
        assert A.distance(B) == B.distance(A)


@given(st.lists(intervals(), min_size=1, max_size=6))
def test_isum_imin_imax(xs: list[Interval]) -> None:
    s = isum(xs)
    assert s.lo == sum(x.lo for x in xs)
    assert s.hi == sum(x.hi for x in xs)
    assert imin(*xs).lo == min(x.lo for x in xs)
    assert imax(*xs).hi == max(x.hi for x in xs)


def test_isum_empty_is_zero() -> None:
    assert isum([]) == Interval.point(0)


# ----------------------------------------------------------------------------- rounding

@given(st.integers(-10**9, 10**9), st.integers(0, 4))
def test_rounded_interval(n: int, d: int) -> None:
    v = Decimal(n).scaleb(-d)
    iv = Interval.rounded(v, d)
    half = Decimal(5).scaleb(-(d + 1))
    assert iv == Interval(v - half, v + half)
    assert iv.mid == v
    # The values that round (half-up) to v at d decimals lie in the interval.
    q = Decimal(1).scaleb(-d)
    for x in (v - half + q / 1000, v + half - q / 1000, v):
        assert iv.contains(x)
        assert x.quantize(q, rounding="ROUND_HALF_UP") == v
    assert not iv.contains(v + q) and not iv.contains(v - q)


@pytest.mark.parametrize(
    "v, d, lo, hi",
    [
        ("70.2", 1, "70.15", "70.25"),
        ("1896", 0, "1895.5", "1896.5"),
        ("1.59", 2, "1.585", "1.595"),
        ("0", 0, "-0.5", "0.5"),
        ("1000", -2, "950", "1050"),  # rounded to tens … hundreds (negative decimals)
    ],
)
def test_rounded_examples(v: str, d: int, lo: str, hi: str) -> None:
    assert Interval.rounded(Decimal(v), d) == Interval(Decimal(lo), Decimal(hi))


@pytest.mark.parametrize(
    "v, d, lo, hi",
    [
        ("56.6", 1, "56.6", "56.7"),
        ("3", 0, "3", "4"),
        ("-56.6", 1, "-56.7", "-56.6"),
    ],
)
def test_truncated_examples(v: str, d: int, lo: str, hi: str) -> None:
    assert Interval.truncated(Decimal(v), d) == Interval(Decimal(lo), Decimal(hi))


@given(st.integers(-10**6, 10**6), st.integers(0, 3))
def test_truncated_holds_values_that_truncate_to_v(n: int, d: int) -> None:
    v = Decimal(n).scaleb(-d)
    iv = Interval.truncated(v, d)
    q = Decimal(1).scaleb(-d)
    inside = v + q * Decimal("0.37") if v >= 0 else v - q * Decimal("0.37")
    assert iv.contains(inside)
    assert inside.quantize(q, rounding="ROUND_DOWN") == v
    assert iv.hi - iv.lo == q


# ----------------------------------------------------------------------------- basics

def test_point_and_mid() -> None:
    p = Interval.point(5)
    assert p.is_point and p.lo == p.hi == Decimal(5)
    assert Interval(Decimal(1), Decimal(2)).mid == Decimal("1.5")
    assert not Interval(Decimal(1), Decimal(2)).is_point


def test_empty_interval_is_refused() -> None:
    with pytest.raises(ValueError):
        Interval(Decimal(2), Decimal(1))


def test_meets_examples() -> None:
    a = Interval(Decimal(1), Decimal(2))
    assert a.meets(Interval(Decimal(2), Decimal(3)))          # touching ends meet
    assert not a.meets(Interval(Decimal("2.0001"), Decimal(3)))
    assert a.intersect(Interval(Decimal("1.5"), Decimal(5))) == Interval(Decimal("1.5"), Decimal(2))
    assert a.intersect(Interval(Decimal(3), Decimal(5))) is None
    assert a.distance(Interval(Decimal(3), Decimal(5))) == Decimal(1)
    assert Interval(Decimal(3), Decimal(5)).distance(a) == Decimal(1)


@pytest.mark.parametrize(
    "b",
    [Interval(Decimal(-1), Decimal(1)), Interval(Decimal(0), Decimal(1)),
     Interval(Decimal(-1), Decimal(0)), Interval.point(0)],
)
def test_division_by_interval_containing_zero(b: Interval) -> None:
    with pytest.raises(IntervalError):
        Interval(Decimal(1), Decimal(2)) / b
    with pytest.raises(ArithmeticError):  # IntervalError is an ArithmeticError
        Interval(Decimal(1), Decimal(2)) / b


def test_division_by_zero_scalar() -> None:
    with pytest.raises(IntervalError):
        Interval(Decimal(1), Decimal(2)) / 0
    with pytest.raises(IntervalError):
        5 / Interval(Decimal(-1), Decimal(1))


def test_percent_example() -> None:
    # 636,4 / 1.460 × 100 = 43,59 … with the rounding of both written values.
    th, kh = Interval.rounded(Decimal("636.4"), 1), Interval.rounded(Decimal(1460), 0)
    pct = th / kh * 100
    assert pct.contains(Decimal("43.6"))
    assert pct.meets(Interval.rounded(Decimal("43.6"), 1))
    assert not pct.meets(Interval.rounded(Decimal("46.3"), 1))
