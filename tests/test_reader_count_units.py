"""Villages, hamlets and residential areas are counts (“287 làng”, “12 buôn”, “95 khu dân cư”): a
count and its rate over an unstated total must fit a whole-number total (PCT008). Phrasings of our
own, both ways."""

from __future__ import annotations

import pytest

from tests.test_reader_phrasings import loud, page


def found(text: str) -> list[tuple[str, str]]:
    return [(rule, sev) for rule, sev, _msg in loud(page(text))]


@pytest.mark.parametrize("text,unit", [
    ("Có 287 làng được công nhận danh hiệu văn hóa (chiếm 89,13% tổng số làng).", "làng"),
    ("Toàn huyện có 12 buôn đạt chuẩn văn hóa, chiếm 80%.", "buôn"),
    ("Có 95 khu dân cư đạt danh hiệu khu dân cư văn hóa, chiếm 93,14%.", "khu dân cư"),
])
def test_a_count_of_villages_is_a_count_and_a_fitting_rate_is_silent(text, unit):
    assert [r.unit for r in page(text).rates] == [unit]
    assert found(text) == []


@pytest.mark.parametrize("text", [
    "Có 287 làng được công nhận danh hiệu văn hóa (chiếm 89,16% tổng số làng).",   # 287 / 321,9
    "Có 95 khu dân cư đạt danh hiệu khu dân cư văn hóa, chiếm 93,18%.",               # 95 / 101,95
])
def test_a_rate_no_whole_number_of_villages_gives_is_a_warning(text):
    assert found(text) == [("PCT008", "warning")]
