"""The change-statement patterns of extract/prose.py open with a class of their first letters in
both cases, outside `(?i:…)`, so that `re` skips in C to a candidate (issue 16): they find exactly
what the case-insensitive patterns they replace find — the same matches, groups and spans."""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.extract import prose

_PLAIN = [re.compile(p, re.I) for p in prose._CHANGES_PLAIN]


def _found(rx: re.Pattern[str], text: str) -> list:
    return [(m.regs, m.groupdict(), m.lastindex, m.lastgroup) for m in rx.finditer(text)]


def test_a_first_letter_has_exactly_its_two_cases_under_ignorecase() -> None:
    """`[Tt]` takes what a case-insensitive “t” takes, over every code point (no other letter
    folds to g, t or c as “ſ” does to s or the Kelvin sign to k)."""
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    for letter in "gtc":
        assert set(re.findall(letter, every, re.I)) == {letter, letter.upper()}


def test_the_fast_patterns_open_with_a_class_re_skips_to() -> None:
    from re import _compiler, _parser  # type: ignore[attr-defined]

    for rx in prose._CHANGES:
        code = _compiler._code(_parser.parse(rx.pattern, rx.flags), rx.flags)
        assert code[2] & 4  # SRE_INFO_CHARSET
        assert not rx.flags & re.I


_SENTENCES = [
    "Tỷ lệ hộ nghèo từ 3,2% năm 2022 giảm còn 2,1%.",
    "số hộ nghèo giảm từ 125 hộ xuống 98 hộ, còn 98 hộ giảm 27 hộ",
    "Số vụ việc GIẢM 12 vụ, còn 40 vụ; TĂNG TỪ 5 lên 9 mô hình",
    "Còn 1.250 người, tăng 3,5%; Từ 10 năm 2021, tăng lên 12",
    "tổng thu giảm 2,5 tỷ, xuống còn 10,2 tỷ đồng (trong đó còn 3 tỷ)",
]


def test_known_phrasings_are_found_the_same() -> None:
    for text in _SENTENCES:
        for fast, plain in zip(prose._CHANGES, _PLAIN):
            assert _found(fast, text) == _found(plain, text), (text, plain.pattern)
    assert any(_found(rx, t) for rx in prose._CHANGES for t in _SENTENCES)


_WORDS = ["từ", "Từ", "TỪ", "tư", "giảm", "Giảm", "GIẢM", "gIảm", "tăng", "Tăng", "TĂNG", "còn", "Còn", "CÒN", "con",
          "xuống", "lên", "Xuống", "năm 2023", "năm", "hộ", "%", ",", ";", ".", "(", ")", "tg", "ggiảm", "ttăng",
          "ccòn", "đạt", "trong đó", "số hộ nghèo", "Ţ", "ţừ", "Ġiảm", "Ċòn"]
_NUMS = st.sampled_from(["12", "3,5", "1.250", "2.345,6", "98", "0,75", "2023", "10.5"])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_WORDS), _NUMS), min_size=1, max_size=14),
       st.lists(st.sampled_from([" ", "  ", "", "\t", "\n"]), min_size=14, max_size=14))
def test_generated_phrasings_are_found_the_same(words: list[str], gaps: list[str]) -> None:
    text = "".join(w + g for w, g in zip(words, gaps))
    for fast, plain in zip(prose._CHANGES, _PLAIN):
        assert _found(fast, text) == _found(plain, text), (text, plain.pattern)
