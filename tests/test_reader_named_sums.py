"""“tổng số A và B là N”: a total named by its two parts, each part stated on its own nearby
(extract/named_sums.py). Phrasings of our own, both ways, and the readings it must not make."""

from __future__ import annotations

import pytest

from tests.test_reader_phrasings import loud, page

READ = [
    ("Toàn xã có 1.250 hộ nghèo và 830 hộ cận nghèo; tổng số hộ nghèo và hộ cận nghèo là 2.080 hộ.",
     "2.080", ["1.250", "830"]),
    ("Năm 2024, UBND xã khen thưởng 25 tập thể. Chủ tịch UBND xã tặng Giấy khen cho 118 cá nhân. Tổng số tập "
     "thể và cá nhân được khen thưởng là 143.", "143", ["25", "118"]),
    ("Tỷ lệ hộ nghèo của huyện là 3,2% với 1.540 hộ.\n\nTỷ lệ hộ cận nghèo là 2,1% với tổng số 1.010 hộ.\n\n"
     "Như vậy, tổng số hộ nghèo và hộ cận nghèo của huyện là 2.550 hộ.", "2.550", ["1.540", "1.010"]),
    ("Tỷ lệ nghèo đa chiều của tỉnh là 9,5%, tổng số hộ nghèo và cận nghèo là 16.800 hộ; tỷ lệ hộ nghèo là 5,1%, "
     "tổng số hộ nghèo là 9.020 hộ; tỷ lệ hộ cận nghèo là 4,4%, số hộ cận nghèo là 7.780 hộ.",
     "16.800", ["9.020", "7.780"]),
]


def named_totals(text: str) -> list[tuple[str, list[str]]]:
    return [(t.total.text, [p.value.text for p in t.parts]) for t in page(text).totals
            if t.reading and "tổng số" in t.reading]


@pytest.mark.parametrize("text,total,parts", READ)
def test_the_total_of_two_named_parts_is_read_and_correct_arithmetic_is_silent(text, total, parts):
    assert named_totals(text) == [(total, parts)]
    assert loud(page(text)) == []


@pytest.mark.parametrize("text,total,parts", READ)
def test_a_total_that_is_not_the_sum_of_its_named_parts_is_a_warning(text, total, parts):
    wrong = text.replace(f"là {total}", f"là {total[:-2]}{int(total[-2]) + 1 if total[-2] != '9' else 0}{total[-1]}")
    assert wrong != text
    found = loud(page(wrong))
    # a link across sentences is a reading: a warning, never an error
    assert [(rule, sev) for rule, sev, _msg in found] == [("SUM002", "warning")], found


@pytest.mark.parametrize("text", [
    # a part with more words is a subgroup, not the part
    "Toàn xã có 1.250 hộ nghèo dân tộc thiểu số và 830 hộ cận nghèo; tổng số hộ nghèo và hộ cận nghèo là 2.500 hộ.",
    # the counts are of another time
    "Đầu năm, xã có 1.300 hộ nghèo và 900 hộ cận nghèo.\n\nCuối năm, tổng số hộ nghèo và hộ cận nghèo là 2.080 hộ.",
    # two counts named as one part: which one is unknown
    "Thôn Đông có 120 hộ nghèo, thôn Tây có 95 hộ nghèo; toàn xã có 300 hộ cận nghèo. Tổng số hộ nghèo và hộ cận "
    "nghèo là 600 hộ.",
    # another subject stands between the name and the count
    "Tỷ lệ hộ nghèo giảm còn 2,1%, toàn xã có 1.250 hộ. Số hộ cận nghèo là 830 hộ. Tổng số hộ nghèo và hộ cận "
    "nghèo là 1.000 hộ.",
])
def test_no_link_without_one_clearly_named_count_for_each_part(text):
    assert named_totals(text) == []
    assert loud(page(text)) == []


def test_a_total_given_with_its_breakdown_is_not_read_twice():
    text = "Tổng số hộ nghèo và hộ cận nghèo là 2.080 hộ, gồm 1.250 hộ nghèo và 830 hộ cận nghèo."
    assert len(page(text).totals) == 1
    assert loud(page(text)) == []
