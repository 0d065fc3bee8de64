"""`localize.like` remembers its texts per process (issue 16, the batch): the remembered text must
be the one `_like` computes for the value asked, whatever was asked before it — equal values
written as other `Decimal`s (1,50 and 1,5; 1E+3 and 1000; −0 and 0), other decimals, other
written forms, another digit limit."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.engine import localize
from auditor.numeric import limits

WRITTEN = ["5", "03", "1.234", "1 234", "12,5", "12,5%", "0,05", "007", "1.234.567,89", " 99 %"]


def _forms(v: Decimal) -> list[Decimal]:
    """The same value written as several `Decimal`s (trailing zeros, exponents, a signed zero)."""
    out = [v, v.normalize(), v.quantize(Decimal("1.000")) if abs(v) < 10**20 else v, Decimal(str(v)) * 1]
    if v == 0:
        out += [Decimal("-0"), Decimal("0E+3"), Decimal("-0.00")]
    return out


values = st.decimals(min_value=-10**12, max_value=10**12, allow_nan=False, allow_infinity=False, places=4)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WRITTEN), values, st.integers(0, 4)), min_size=1, max_size=8))
def test_like_gives_what_it_computes_whatever_was_asked_before(asks: list[tuple[str, Decimal, int]]) -> None:
    localize._LIKE.clear()
    for written, v, d in asks:
        for form in _forms(v):
            assert localize.like(written, form, d) == localize._like(written, form, d)


def test_equal_values_written_differently_share_a_text() -> None:
    localize._LIKE.clear()
    assert localize.like("1,5", Decimal("1.50"), 1) == "1,5"
    assert localize.like("1,5", Decimal("1.5"), 1) == "1,5"
    assert localize.like("1.000", Decimal("1E+3"), 0) == "1.000"
    assert localize.like("1.000", Decimal("1000"), 0) == "1.000"
    assert localize.like("0", Decimal("-0"), 0) == localize._like("0", Decimal("0"), 0) == "0"


def test_decimals_and_the_written_form_are_part_of_the_key() -> None:
    localize._LIKE.clear()
    assert localize.like("2", Decimal(2), 0) == "2"
    assert localize.like("2", Decimal(2), 1) == "2,0"
    assert localize.like("02", Decimal(2), 0) == "02"
    assert localize.like("2%", Decimal(2), 0) == "2%"


def test_the_digit_limit_is_part_of_the_key() -> None:
    localize._LIKE.clear()
    huge = Decimal("1E+400")  # (beyond 4 × 50 + 100 digits: scientific under the default limit)
    before = localize.like("1", huge, 0)
    with limits.override(digits=1000):
        assert localize.like("1", huge, 0) == localize._like("1", huge, 0)
        assert localize.like("1", huge, 0) != before  # written out in full under the higher limit
    assert localize.like("1", huge, 0) == before == localize._like("1", huge, 0)


def test_an_unhashable_value_is_computed_not_remembered() -> None:
    localize._LIKE.clear()
    snan = Decimal("sNaN")
    try:
        expected: object = localize._like("1", snan, 0)
    except Exception as e:  # (whatever `_like` does with it, `like` does the same)
        expected = type(e)
    try:
        got: object = localize.like("1", snan, 0)
    except Exception as e:
        got = type(e)
    assert got == expected
    assert not localize._LIKE


def test_the_memo_is_bounded() -> None:
    localize._LIKE.clear()
    for k in range(localize._LIKE_MAX + 10):
        assert localize.like("5", Decimal(k), 0) == localize._like("5", Decimal(k), 0)
    assert len(localize._LIKE) <= localize._LIKE_MAX
