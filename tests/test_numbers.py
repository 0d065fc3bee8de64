"""Vietnamese number notation: parse what people write, format what we print."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from auditor.numeric.notation import NumberFormatError, ParsedNumber, format_vn, parse_json_number, parse_vn_number

# Values with 0–4 decimals, positive and negative, up to 10^15 (the default Decimal context has
# 28 digits; see test_format_vn_beyond_28_digits for what happens above that).
decimals_st = st.integers(min_value=0, max_value=4)
coeff_st = st.one_of(
    st.integers(min_value=-999_999, max_value=999_999),
    st.integers(min_value=-10**19, max_value=10**19),
)


@st.composite
def vn_decimals(draw: st.DrawFn) -> tuple[Decimal, int]:
    k = draw(decimals_st)
    n = draw(coeff_st)
    return Decimal(n).scaleb(-k), k


# ----------------------------------------------------------------------------- round trips

@given(vn_decimals())
def test_format_then_parse_round_trip(dk: tuple[Decimal, int]) -> None:
    d, k = dk
    text = format_vn(d)
    p = parse_vn_number(text)
    assert p.value == d
    assert p.decimals == k
    assert p.percent is False
    # Exactly the digits written: "12,50" keeps its trailing zero.
    assert p.value.as_tuple().exponent == -k


@given(vn_decimals())
def test_format_with_decimals_then_parse(dk: tuple[Decimal, int]) -> None:
    d, k = dk
    text = format_vn(d, k)
    assert text == format_vn(d)
    assert parse_vn_number(text).value == d


@given(vn_decimals())
def test_format_shape(dk: tuple[Decimal, int]) -> None:
    d, k = dk
    text = format_vn(d)
    assert "," not in text if k == 0 else text.count(",") == 1
    int_part = text.lstrip("-").partition(",")[0]
    groups = int_part.split(".")
    assert 1 <= len(groups[0]) <= 3
    assert all(len(g) == 3 for g in groups[1:])
    assert text.startswith("-") == (d < 0)


@st.composite
def spelled(draw: st.DrawFn) -> tuple[str, str, bool]:
    """(canonical text, another way people write the same number, percent)."""
    d, _ = draw(vn_decimals())
    canonical = format_vn(d)
    body = canonical.lstrip("-")
    neg = canonical.startswith("-")
    if "." in body and draw(st.booleans()):
        body = body.replace(".", draw(st.sampled_from([" ", "\u00a0", "\u202f"])))
    elif "." not in body and draw(st.booleans()):
        body = "0" * draw(st.integers(1, 2)) + body  # leading zeros: "02 xã"
    sign = draw(st.sampled_from(["-", "\u2212", "\u2013", "- "])) if neg else draw(st.sampled_from(["", "+"]))
    percent = draw(st.sampled_from(["", "%", " %", "\\%"]))
    pad = draw(st.sampled_from(["", " ", "\u00a0"]))
    return canonical, f"{pad}{sign}{body}{percent}{pad}", bool(percent)


@given(spelled())
def test_parse_then_format_gives_canonical_text(case: tuple[str, str, bool]) -> None:
    canonical, text, percent = case
    p = parse_vn_number(text)
    assert format_vn(p.value, p.decimals) == canonical
    assert p.percent is percent
    assert p.text == text


@given(st.one_of(st.text(max_size=20),
                 st.text(alphabet="0123456789.,% -+\\\u2212\u00a0", max_size=14)))
def test_parse_never_raises_anything_else(text: str) -> None:
    try:
        p = parse_vn_number(text)
    except NumberFormatError as e:
        assert e.code in ("ambiguous", "not_a_number")
        assert e.message_vi and e.message_en
        assert str(e) == e.message_en
        if e.code == "ambiguous":
            assert e.readings
        return
    assert isinstance(p, ParsedNumber)
    assert p.decimals >= 0
    assume(len(p.value.as_tuple().digits) <= 28)
    again = parse_vn_number(format_vn(p.value, p.decimals))
    assert (again.value, again.decimals) == (p.value, p.decimals)


# ----------------------------------------------------------------------------- examples

@pytest.mark.parametrize(
    "text, value, decimals, percent",
    [
        ("1.896", Decimal(1896), 0, False),
        ("70,2", Decimal("70.2"), 1, False),
        ("310.800.000", Decimal(310800000), 0, False),
        ("1.234,5", Decimal("1234.5"), 1, False),
        ("1.000.000,25", Decimal("1000000.25"), 2, False),
        ("02", Decimal(2), 0, False),
        ("03", Decimal(3), 0, False),
        ("115,6%", Decimal("115.6"), 1, True),
        ("115,6 %", Decimal("115.6"), 1, True),
        ("3,2\\%", Decimal("3.2"), 1, True),
        ("\u22125", Decimal(-5), 0, False),
        ("-0,5", Decimal("-0.5"), 1, False),
        ("1 650", Decimal(1650), 0, False),
        ("1\u00a0650", Decimal(1650), 0, False),
        ("1 650,5", Decimal("1650.5"), 1, False),
        ("12,50", Decimal("12.50"), 2, False),
        ("0,00", Decimal("0.00"), 2, False),
        (" 1.896 ", Decimal(1896), 0, False),
        ("+5", Decimal(5), 0, False),
    ],
)
def test_parse_examples(text: str, value: Decimal, decimals: int, percent: bool) -> None:
    p = parse_vn_number(text)
    assert p.value == value
    assert p.decimals == decimals
    assert p.percent is percent
    assert p.text == text


@pytest.mark.parametrize(
    "text, reading",
    [
        ("3.32", Decimal("3.32")),
        ("1.5", Decimal("1.5")),
        ("12.5%", Decimal("12.5")),
        ("1,234,567", Decimal(1234567)),
        ("1,234,567.5", Decimal("1234567.5")),
        ("-3.32", Decimal("-3.32")),
    ],
)
def test_ambiguous_numbers_are_refused_with_readings(text: str, reading: Decimal) -> None:
    with pytest.raises(NumberFormatError) as ei:
        parse_vn_number(text)
    e = ei.value
    assert e.code == "ambiguous"
    assert e.text == text
    assert e.readings == [reading]
    assert format_vn(reading) in e.message_vi
    assert "ambiguous" in e.message_en


@pytest.mark.parametrize(
    "text",
    ["", "   ", "%", "-", "abc", "1..2", "1.234.5", "1,5.3", "1.23,4", "12 34", "02373 866 051",
     "0912.345.678a", "--5", "1,", ",5", "1e3", "NaN", "Infinity"],
)
def test_not_a_number(text: str) -> None:
    with pytest.raises(NumberFormatError) as ei:
        parse_vn_number(text)
    assert ei.value.code == "not_a_number"
    assert ei.value.readings == []
    assert isinstance(ei.value, ValueError)


def test_phone_number_is_not_a_number() -> None:
    # A phone number written with spaces is not a space-grouped thousand.
    with pytest.raises(NumberFormatError) as ei:
        parse_vn_number("02373 866 051")
    assert ei.value.code == "not_a_number"
    assert "02373 866 051" in ei.value.message_vi


# ----------------------------------------------------------------------------- JSON numbers

@pytest.mark.parametrize(
    "text, value, decimals",
    [
        ("115.60", Decimal("115.60"), 2),
        ("115.6", Decimal("115.6"), 1),
        ("1896", Decimal(1896), 0),
        ("-0.5", Decimal("-0.5"), 1),
        ("1e3", Decimal(1000), 0),
        ("1E3", Decimal(1000), 0),
        ("1.5e1", Decimal(15), 0),
        ("1.25e1", Decimal("12.5"), 1),
        ("1e-2", Decimal("0.01"), 2),
        ("2.5E-1", Decimal("0.25"), 2),
    ],
)
def test_parse_json_number(text: str, value: Decimal, decimals: int) -> None:
    p = parse_json_number(text)
    assert p.value == value
    assert p.decimals == decimals
    assert p.percent is False
    assert p.text == text


def test_parse_json_number_keeps_trailing_zeros() -> None:
    p = parse_json_number("115.60")
    assert p.decimals == 2
    assert str(p.value) == "115.60"
    assert format_vn(p.value) == "115,60"


@given(vn_decimals())
def test_json_number_round_trip(dk: tuple[Decimal, int]) -> None:
    d, k = dk
    p = parse_json_number(str(d))
    assert (p.value, p.decimals) == (d, k)


# ----------------------------------------------------------------------------- formatting

@pytest.mark.parametrize(
    "value, decimals, text",
    [
        (Decimal(1896), None, "1.896"),
        (Decimal("70.2"), None, "70,2"),
        (Decimal("1234567.891"), None, "1.234.567,891"),
        (Decimal("-1234.5"), None, "-1.234,5"),
        (Decimal("12.50"), None, "12,50"),
        (Decimal("1E+3"), None, "1.000"),
        (Decimal("-0"), None, "0"),
        (Decimal("2.5"), 0, "3"),           # half-up, not banker's rounding
        (Decimal("-2.5"), 0, "-3"),
        (Decimal("56.666"), 1, "56,7"),
        (Decimal("56.65"), 1, "56,7"),
        (Decimal("-0.04"), 1, "0,0"),       # no "-0,0"
        (Decimal("8.97"), 0, "9"),
        (7, None, "7"),
    ],
)
def test_format_examples(value: Decimal, decimals: int | None, text: str) -> None:
    assert format_vn(value, decimals) == text


def test_format_percent() -> None:
    assert format_vn(Decimal("115.6"), percent=True) == "115,6%"
    assert parse_vn_number(format_vn(Decimal("115.6"), percent=True)).percent


def test_format_vn_beyond_28_digits() -> None:
    big = Decimal(10) ** 28
    assert format_vn(big, 0) == "10" + ".000" * 9
