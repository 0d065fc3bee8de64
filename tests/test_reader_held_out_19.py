"""What the nineteenth held-out set (tests/data/real19) showed on first contact, as general classes,
tested on phrasings of our own, both ways."""

from __future__ import annotations

import pytest

from auditor.extract.numbers import tokenize
from tests.test_reader_phrasings import loud, page


@pytest.mark.parametrize("text", [
    "Có thể là hình ảnh về 9 người và mọi người đang đứng",
    "Có thể là hình ảnh về 12 người, mọi người đang ngồi và văn bản cho biết 'HỘI NGHỊ TỔNG KẾT 2024'",
    "Có thể là ảnh chụp 3 người",
    "May be an image of 7 people and people standing",
])
def test_automatic_image_descriptions_hold_no_figures(text: str) -> None:
    assert {t.form for t in tokenize(text)} == {"counter"}


def test_two_photos_are_not_one_quantity_stated_twice() -> None:
    text = ("Năm 2022, Ủy ban MTTQ quận được tặng Bằng khen.\n"
            "Có thể là hình ảnh về 9 người và mọi người đang đứng\n"
            "Cũng tại Hội nghị, 3 tập thể được khen thưởng.\n"
            "Có thể là hình ảnh về 8 người và mọi người đang đứng\n")
    assert loud(page(text)) == []


def test_a_sentence_that_only_starts_alike_is_read() -> None:
    # “Có thể” (“may”) in a report's own sentence: its numbers are figures
    toks = tokenize("Có thể khẳng định năm 2024 xã có 9 thôn đạt chuẩn.")
    assert ("number", "9") in [(t.form, t.text) for t in toks]
