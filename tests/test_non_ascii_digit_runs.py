"""`notation.non_ascii_digit_runs` looks for one digit other than 0–9 before it lists the runs of
digits (issue 16: a class `re` skips to in C, where the runs were listed over every Vietnamese
text): the same runs as listing them all, on the corpora and on generated texts."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.numeric import notation

ROOT = Path(__file__).resolve().parent.parent


def _all_runs(text: str) -> list[tuple[int, int, str]]:
    """As it was written before: every run of digits, those with a digit other than 0–9 kept."""
    if text.isascii():
        return []
    return [(m.start(), m.end(), m.group()) for m in re.finditer(r"\d+(?:[.,]\d+)*", text) if not m.group().isascii()]


def test_the_class_is_every_decimal_digit_but_0_to_9() -> None:
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    found = set(notation._other_digit().findall(every))
    assert found == set(re.findall(r"\d", every)) - set("0123456789")
    assert "５" in found and "١" in found and "7" not in found


def test_the_same_runs_on_the_corpora() -> None:
    texts = [p.read_text("utf-8") for p in [*sorted((ROOT / "fixtures" / "seeds").glob("*.txt")),
                                             *sorted((ROOT / "tests" / "data").glob("*/texts/*"))]]
    assert texts
    for text in texts:
        assert notation.non_ascii_digit_runs(text) == _all_runs(text)
    mixed = texts[0] + " số ５００ người, ١٢,٥ ha, 3.٤٥٦ hộ"
    assert notation.non_ascii_digit_runs(mixed) == _all_runs(mixed) != []


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["12", "3,5", "1.250", "５", "００", "١٢", "٣", "۴", "०", "𝟘", "²", "½", "Ⅻ",
                                 ".", ",", " ", "hộ", "đ", "a", "\n"]), max_size=15).map("".join))
def test_the_same_runs_on_generated_texts(text: str) -> None:
    assert notation.non_ascii_digit_runs(text) == _all_runs(text)
