"""A number after a place word (or “tháng”, “thứ”) is part of a name, a month or an ordinal only
when it is a short number on its own (“thôn 2”, “khu phố 1, 3 và 5”, “thứ 3/63”): never the first
digits of a longer number. “Dân số của
xã là 23.000 người” was read as the name “xã là 2” and a count of 3.000 people."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from auditor.extract.numbers import tokenize
from auditor.numeric.notation import format_vn

PLACES = ["xã", "thôn", "phường", "tổ", "khu phố", "ấp", "bản", "huyện", "thành phố", "xóm", "trong tháng", "thứ"]


@given(place=st.sampled_from(PLACES), link=st.sampled_from([" là ", " ", " gồm ", ": "]),
       n=st.integers(min_value=10, max_value=9_999_999), noun=st.sampled_from(["người", "hộ", "con", "khẩu"]))
def test_a_long_number_after_a_place_word_is_read_whole(place, link, n, noun):
    written = format_vn(n)
    text = f"Dân số của {place}{link}{written} {noun}."
    toks = tokenize(text)
    pos = text.index(written)
    # nothing ends inside the number: either it is one token from its first digit to its last, or it is not a
    # label cut out of it
    assert not any(t.s == pos and t.e < pos + len(written) for t in toks), [(text[t.s:t.e], t.form) for t in toks]
    assert not any(pos < t.s < pos + len(written) for t in toks), [(text[t.s:t.e], t.form) for t in toks]


def test_short_numbers_of_names_are_still_names():
    for text, want in [("gồm thôn 1, 2 và 3", "1, 2 và 3"), ("Tổ dân phố 7 có 120 hộ", "7"), ("khu phố là 4", "4")]:
        labels = [text[t.s:t.e] for t in tokenize(text) if t.form == "label"]
        assert labels == [want], (text, labels)
