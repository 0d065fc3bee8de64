"""A result's plan named earlier in its own item or sentence, subsets that keep the whole's plan, and
“trong đó” lists that restate the measures of a subset instead of splitting the total (first seen in
tests/data/real26, a province's disbursement of public investment), tested on phrasings of our own,
both ways."""

from __future__ import annotations

import pytest

from tests.test_reader_phrasings import loud, page


def rules(text: str) -> set[str]:
    return {f[0] for f in loud(page(text))}


# ---------------------------------------------------------------- the plan earlier in its own item

ITEMS = ("Nguồn vốn ngân sách tỉnh: kế hoạch vốn 4.417,2 tỷ đồng, khối lượng thực hiện 2.313 tỷ đồng, đạt {a}% kế "
         "hoạch; nguồn vốn ngân sách Trung ương: kế hoạch vốn 1.147,3 tỷ đồng, khối lượng thực hiện 290 tỷ đồng, đạt "
         "{b}% kế hoạch.")


def test_each_item_takes_the_plan_named_in_it() -> None:
    assert loud(page(ITEMS.format(a="52,4", b="25,3"))) == []
    assert "PCT001" in rules(ITEMS.format(a="62,4", b="25,3"))
    assert "PCT001" in rules(ITEMS.format(a="52,4", b="35,3"))


SEMI = "Kế hoạch vốn năm 2024 đã giao 300 tỷ đồng; đến ngày 30/9/2024 giải ngân được 135 tỷ đồng, đạt {p}% kế hoạch."


def test_a_plan_stated_before_the_semicolon_is_the_results() -> None:
    assert loud(page(SEMI.format(p="45"))) == []
    found = [f for f in loud(page(SEMI.format(p="55"))) if f[0] == "PCT001"]
    assert found and found[0][1] == "warning"  # a reading across clauses: a doubt, not a proof
    assert "vế trước trong câu" in found[0][2]


def test_the_plan_of_an_earlier_item_with_its_own_result_is_not_taken() -> None:
    # 30 / 100 = 30%, not 40%: but the 100 is the provincial source's plan, not the central one's
    text = ("Nguồn vốn ngân sách tỉnh: kế hoạch vốn 100 tỷ đồng, thực hiện 50 tỷ đồng, đạt 50% kế hoạch; nguồn vốn "
            "Trung ương: thực hiện 30 tỷ đồng, đạt 40% kế hoạch.")
    assert loud(page(text)) == []


@pytest.mark.parametrize("opening", ["Trong đó,", "Riêng", "Cụ thể,"])
def test_a_subset_does_not_take_the_wholes_plan(opening: str) -> None:
    # 2.537 / 6.287,322 = 40,35%: the 45,6% is of the subset's own plan, which is not written
    text = (f"Tổng kế hoạch vốn đầu tư công năm 2022 đã giao 6.287,322 tỷ đồng. {opening} vốn kế hoạch năm 2022 "
            "giải ngân đạt 2.537 tỷ đồng, đạt 45,6% kế hoạch.")
    assert loud(page(text)) == []


def test_without_a_subset_the_plan_of_the_sentence_before_still_holds() -> None:
    text = ("Tổng kế hoạch vốn đầu tư công năm 2022 đã giao 6.287,322 tỷ đồng. Vốn đầu tư công giải ngân đạt 2.537 tỷ "
            "đồng, đạt {p}% kế hoạch.")
    assert loud(page(text.format(p="40,4"))) == []
    assert "PCT001" in rules(text.format(p="45,6"))


# ---------------------------------------------------------------- measures of a subset are not parts

SUBSET = ("Đến ngày 30/9/2024, khối lượng thực hiện đạt 1.500 tỷ đồng, giải ngân đạt 1.400 tỷ đồng. Trong đó, vốn kế "
          "hoạch năm 2024: đã phân bổ 3.000 tỷ đồng, khối lượng thực hiện đạt 1.200 tỷ đồng, giải ngân đạt 1.100 tỷ "
          "đồng.")


def test_a_subsets_own_measures_are_not_summed() -> None:
    assert "SUM002" not in rules(SUBSET)


@pytest.mark.parametrize("a,b,fires", [("800", "600", False), ("900", "600", True)])
def test_a_split_by_source_is_still_summed(a: str, b: str, fires: bool) -> None:
    text = (f"Đến ngày 30/9/2024, giải ngân đạt 1.400 tỷ đồng. Trong đó, vốn ngân sách tỉnh {a} tỷ đồng, vốn ngân "
            f"sách Trung ương {b} tỷ đồng.")
    assert ("SUM002" in rules(text)) is fires


def test_several_measures_per_item_are_not_parts() -> None:
    text = ("Giải ngân đạt 2.537 tỷ đồng. Cụ thể, nguồn ngân sách tỉnh: kế hoạch vốn 4.417,2 tỷ đồng, số vốn giải "
            "ngân 2.257 tỷ đồng; nguồn ngân sách Trung ương: kế hoạch vốn 1.147,3 tỷ đồng, số vốn giải ngân 280 tỷ "
            "đồng.")
    assert "SUM002" not in rules(text)


# ---------------------------------------------------------------- a topic naming a level is a scope

def test_a_topic_naming_a_level_scopes_the_words_after_it() -> None:
    text = ("1. Kết quả giải ngân\n- Nguồn vốn ngân sách tỉnh: kế hoạch vốn 100 tỷ đồng, thực hiện 50 tỷ đồng.\n"
            "Kế hoạch vốn năm 2024 đã giao 200 tỷ đồng; đến ngày 30/9/2024 giải ngân được 90 tỷ đồng.")
    assert [f for f in loud(page(text)) if f[0] == "VAL001"] == []


# ---------------------------------------------------------------- a subset sentence is scoped by its whole's opening

CITIES = ("Chín tháng năm 2024, Hà Nội thu ngân sách với tổng số 376.430 tỷ đồng, đạt 92,1% dự toán. Trong đó, thu nội "
          "địa 353.932 tỷ đồng, đạt 93,5% dự toán.\nThành phố Hải Phòng, tổng thu ngân sách đạt 87.500 tỷ đồng, bằng 82% "
          "dự toán. Trong đó, thu nội địa đạt 38.700 tỷ đồng, bằng 86% dự toán.")


def test_subsets_of_two_wholes_opened_by_two_places_are_two_quantities() -> None:
    assert [f for f in loud(page(CITIES)) if f[0] == "VAL001"] == []


def test_subsets_of_one_whole_said_twice_are_still_compared() -> None:
    # only the names of the whole's opening scope a subset: “Theo báo cáo, …” makes no other whole
    text = ("Năm 2024, tổng thu ngân sách trên địa bàn huyện đạt 500 tỷ đồng. Trong đó, thu nội địa 300 tỷ đồng, đạt "
            "90% dự toán.\nTheo báo cáo, tổng thu ngân sách đạt 500 tỷ đồng. Trong đó, thu nội địa đạt {a} tỷ đồng, bằng "
            "90% dự toán.")
    assert [f for f in loud(page(text.format(a="300"))) if f[0] == "VAL001"] == []
    assert "VAL001" in rules(text.format(a="320"))
