"""The value a percent or a change is taken against, written after it (phrasings of our own, each
both ways).

1. The value of a percent's base written in brackets, or after “là” / “:”, after the base's words:

    “Tổng thu ngân sách … ước đạt 215,6 tỷ đồng, bằng 112,4% dự toán tỉnh giao (191,8 tỷ đồng), tăng
     8,5% so với cùng kỳ.”

The bracket holds the plan (or the earlier period) the percent is taken against: the reader keeps
it as the plan (`kh`) or the prior value (`ck`) of the indicator, so that actual / plan = % is
checked, and the change after it is said of the actual value, not of the bracket's.

2. The earlier value of a change stated after “so với … là / đạt” or after “so với đầu năm”:
   “tăng 20,2 tỷ đồng so với cùng kỳ năm 2023 là 195,4 tỷ đồng”, “giảm 23 hộ so với đầu năm (85 hộ)”:
   level − earlier = change is checked.

3. A change written in the first unit of its level's rate (“52,3 triệu đồng/người/năm, tăng 4,1 triệu
   đồng so với năm 2023 (48,2 triệu đồng)”): checked as a reading (a warning at most), since
   “60 tạ/ha, tăng 1.200 tạ” could be another quantity."""

from __future__ import annotations

import pytest

from tests.test_reader_phrasings import loud, page


def indicator_values(text: str) -> list[dict[str, str]]:
    return [{k: v.text for k, v in vars(ind.values).items() if v is not None} for ind in page(text).indicators]


HOLDS = [
    ("Tổng thu ngân sách trên địa bàn ước đạt 215,6 tỷ đồng, bằng 112,4% dự toán tỉnh giao (191,8 tỷ đồng), "
     "tăng 8,5% so với cùng kỳ.", "kh", "191,8"),
    ("Diện tích gieo trồng cả năm đạt 12.450 ha, bằng 101,2% kế hoạch năm (KH: 12.300 ha).", "kh", "12.300"),
    ("Giá trị sản xuất nông nghiệp đạt 640 tỷ đồng, bằng 98,5% chỉ tiêu nghị quyết (650 tỷ đồng).", "kh", "650"),
    ("Thu nhập bình quân đầu người đạt 52,3 triệu đồng, bằng 108,3% cùng kỳ (48,3 triệu đồng).", "ck", "48,3"),
    # the base's value after “là” or “:”, ending its clause
    ("Tổng thu ngân sách đạt 215,6 tỷ đồng, bằng 112,4% so với dự toán HĐND xã giao là 191,8 tỷ đồng, tăng 10,3% "
     "so với cùng kỳ.", "kh", "191,8"),
    ("Tổng thu ngân sách đạt 215,6 tỷ đồng, bằng 110,3% so với cùng kỳ năm 2023 là 195,4 tỷ đồng.", "ck", "195,4"),
    ("Sản lượng lương thực đạt 8.450 tấn, bằng 102,4% kế hoạch giao: 8.250 tấn.", "kh", "8.250"),
]


@pytest.mark.parametrize("text,field,value", HOLDS)
def test_the_bracket_is_the_base_and_correct_arithmetic_is_silent(text, field, value):
    assert any(vals.get(field) == value for vals in indicator_values(text)), indicator_values(text)
    assert loud(page(text)) == []


@pytest.mark.parametrize("text,wrong,right", [
    (HOLDS[0][0], "112,4%", "121,4%"),
    (HOLDS[1][0], "101,2%", "110,2%"),
    (HOLDS[2][0], "98,5%", "95,8%"),
    (HOLDS[3][0], "108,3%", "118,3%"),
    (HOLDS[4][0], "112,4%", "121,4%"),
    (HOLDS[5][0], "110,3%", "113,3%"),
    (HOLDS[6][0], "102,4%", "104,2%"),
])
def test_a_percent_that_is_not_actual_over_the_bracketed_base_is_caught(text, wrong, right):
    found = loud(page(text.replace(wrong, right)))
    assert [(rule, sev) for rule, sev, _msg in found] in ([("PCT001", "error")], [("PCT002", "error")]), found


@pytest.mark.parametrize("text", [
    # the bracket says something else: an excess, an approximate value, a count of units
    "Tổng thu ngân sách đạt 215,6 tỷ đồng, bằng 112,4% dự toán (vượt 23,8 tỷ đồng).",
    "Tổng thu ngân sách đạt 215,6 tỷ đồng, bằng 112,4% dự toán (khoảng 150 tỷ đồng).",
    # “là” not followed by the base's value alone
    "Tổng thu ngân sách đạt 215,6 tỷ đồng, bằng 112,4% dự toán là 150 tỷ đồng ngân sách xã và 41,8 tỷ đồng bổ sung.",
    "Có 18 xã đạt chuẩn, bằng 90% kế hoạch (20 xã), trong đó 5 xã đạt chuẩn nâng cao.",
])
def test_other_brackets_are_not_the_base(text):
    # the third is a base in another phrasing of the count's own unit: read, and it holds
    for vals in indicator_values(text):
        assert vals.get("kh") in (None, "20"), vals
    assert loud(page(text)) == []


def test_the_change_after_the_bracket_is_of_the_actual_value():
    text = HOLDS[0][0]
    changes = page(text).changes
    assert all(c.value is None or c.value.text != "191,8" for c in changes), changes


CHANGES = [
    "Tổng thu ngân sách đạt 215,6 tỷ đồng, tăng 20,2 tỷ đồng so với cùng kỳ năm 2023 là 195,4 tỷ đồng.",
    "Giá trị sản xuất công nghiệp đạt 1.250 tỷ đồng, tăng 130 tỷ đồng so với năm 2023 là 1.120 tỷ đồng.",
    "Số hộ nghèo còn 62 hộ, giảm 23 hộ so với đầu năm (85 hộ).",
    "Số hộ nghèo cuối năm là 62 hộ, giảm 23 hộ so với đầu năm là 85 hộ.",
    "Số đảng viên toàn đảng bộ là 412 đồng chí, tăng 12 đồng chí so với cùng kỳ năm trước đạt 400 đồng chí.",
]


def _checked_changes(text: str) -> list:
    return [c for c in page(text).changes if c.prior is not None and c.delta is not None]


@pytest.mark.parametrize("text", CHANGES)
def test_level_earlier_and_change_are_read_and_correct_arithmetic_is_silent(text):
    assert len(_checked_changes(text)) == 1, page(text).changes
    assert loud(page(text)) == []


@pytest.mark.parametrize("text,right,wrong", [
    (CHANGES[0], "tăng 20,2", "tăng 30,2"), (CHANGES[1], "tăng 130", "tăng 140"), (CHANGES[2], "giảm 23", "giảm 25"),
    (CHANGES[3], "giảm 23", "giảm 32"), (CHANGES[4], "tăng 12", "tăng 21"),
])
def test_a_change_that_is_not_level_minus_earlier_is_an_error(text, right, wrong):
    found = loud(page(text.replace(right, wrong)))
    assert [(rule, sev) for rule, sev, _msg in found] == [("CHG001", "error")], found


@pytest.mark.parametrize("text,holds", [
    ("Thu nhập bình quân đầu người đạt 52,3 triệu đồng/người/năm, tăng 4,1 triệu đồng so với năm 2023 "
     "(48,2 triệu đồng).", True),
    ("Thu nhập bình quân đầu người đạt 52,3 triệu đồng/người/năm, tăng 5,1 triệu đồng so với năm 2023 "
     "(48,2 triệu đồng).", False),
    ("Năng suất lúa bình quân đạt 62,5 tạ/ha, tăng 1,5 tạ so với cùng kỳ (61 tạ/ha).", True),
    ("Năng suất lúa bình quân đạt 62,5 tạ/ha, tăng 2,5 tạ so với cùng kỳ (61 tạ/ha).", False),
])
def test_a_change_in_the_first_unit_of_a_rate_is_a_reading(text, holds):
    found = [(rule, sev) for rule, sev, _msg in loud(page(text))]
    assert found == ([] if holds else [("CHG001", "warning")]), found


def test_another_quantity_after_so_voi_is_not_the_earlier_value():
    # a percent after “so với cùng kỳ là” is a ratio, not the earlier value; nothing to check here
    text = "Tổng thu ngân sách đạt 215,6 tỷ đồng, tăng 20,2 tỷ đồng, so với cùng kỳ là 111,5%."
    assert _checked_changes(text) == []
    assert loud(page(text)) == []


AWARD_BASE = ('Danh hiệu "Lao động tiên tiến": 45 cá nhân.\n\n'
              'Danh hiệu "Chiến sĩ thi đua cơ sở": 07 cá nhân (chiếm 15,56% số cá nhân đạt danh hiệu Lao động tiên tiến).\n')


def test_a_base_named_by_an_award_title_is_that_awards_count():
    r = page(AWARD_BASE)
    assert [(x.numerator.text, x.denominator.text) for x in r.rates if x.denominator is not None] == [("07", "45")]
    assert loud(r) == []
    got = loud(page(AWARD_BASE.replace("15,56%", "16,56%")))
    assert [(x, s) for x, s, _m in got] == [("PCT003", "warning")] and "07 / 45" in got[0][2]


def test_two_awards_the_base_may_name_are_not_guessed_between():
    text = AWARD_BASE.replace("45 cá nhân.\n", "45 cá nhân.\n\nDanh hiệu \"Lao động tiên tiến\" năm 2023: 40 cá nhân.\n")
    assert all(x.denominator is None for x in page(text.replace("15,56%", "16,56%")).rates)
