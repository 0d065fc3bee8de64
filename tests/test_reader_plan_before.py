"""The plan stated in the sentence before its result (extract/plan_before.py): phrasings of our own,
both ways, and the links it must not make."""

from __future__ import annotations

import pytest

from tests.test_reader_phrasings import loud, page


def found(text: str) -> list[tuple[str, str]]:
    return [(rule, sev) for rule, sev, _msg in loud(page(text))]


CASES = [
    # (text with {p}, a right percent, a wrong one, the rule)
    ("Dự toán thu ngân sách năm 2024 HĐND huyện giao 150 tỷ đồng. Kết quả thu ngân sách ước đạt 165 tỷ đồng, "
     "bằng {p}% dự toán.", "110", "112", "PCT001"),
    ("Kế hoạch trồng rừng tập trung năm 2024 là 420 ha.\n\nĐến nay, diện tích rừng trồng tập trung đạt 399 ha, "
     "bằng {p}% kế hoạch.", "95", "97", "PCT001"),
    ("Năm 2022, thành phố được Trung ương giao thu ngân sách là 386.568 tỷ đồng. Đến giữa tháng 12, thành phố đã "
     "thu được 457.500 tỷ đồng, vượt {p}% dự toán được giao.", "18,35", "21,4", "CHG001"),
]


@pytest.mark.parametrize("text,right,_wrong,_rule", CASES)
def test_a_plan_in_the_sentence_before_and_a_right_percent_are_silent(text, right, _wrong, _rule):
    r = page(text.format(p=right))
    assert any(i.values.kh is not None for i in r.indicators) or any(c.prior is not None for c in r.changes)
    assert found(text.format(p=right)) == []


@pytest.mark.parametrize("text,_right,wrong,rule", CASES)
def test_a_percent_that_is_not_result_over_the_plan_before_is_a_warning(text, _right, wrong, rule):
    assert found(text.format(p=wrong)) == [(rule, "warning")]


@pytest.mark.parametrize("text", [
    # the plan before is of something else
    "Dự toán chi ngân sách năm 2024 là 150 tỷ đồng. Giá trị sản xuất công nghiệp ước đạt 165 tỷ đồng, bằng 112% "
    "kế hoạch.",
    # two plans in the sentence before: which one is unknown
    "Dự toán thu ngân sách tỉnh giao 150 tỷ đồng, HĐND huyện giao 160 tỷ đồng. Kết quả thu ngân sách ước đạt 165 "
    "tỷ đồng, bằng 112% dự toán.",
    # the plan is two sentences back
    "Dự toán thu ngân sách năm 2024 HĐND huyện giao 150 tỷ đồng. Công tác thu được triển khai quyết liệt. Kết "
    "quả thu ngân sách ước đạt 165 tỷ đồng, bằng 112% dự toán.",
])
def test_no_plan_is_taken_unless_the_sentence_before_gives_one_of_the_same_thing(text):
    r = page(text)
    assert all(i.values.kh is None for i in r.indicators)
    assert found(text) == []
