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


# ---------------------------------------------------------------- invented reports (s18): a bullet's topic, an aside

FARMING = ("1. Sản xuất nông nghiệp\n- Trồng trọt: Vụ Đông Xuân gieo trồng 18.450 ha. Năng suất lúa bình quân 68,5 tạ/ha, "
           "sản lượng 86.310 tấn.\n- Thủy sản: Tổng sản lượng khai thác và nuôi trồng {n} tấn, đạt 54,4% kế hoạch năm; "
           "trong đó khai thác 30.120 tấn, nuôi trồng 2.520 tấn.")


def test_a_bullets_topic_keeps_a_shorter_phrase_of_another_topic_apart() -> None:
    assert loud(page(FARMING.format(n="32.640"))) == []
    assert "SUM002" in rules(FARMING.format(n="32.460"))  # (the total is read all the same)


@pytest.mark.parametrize("aside", ["(giá so sánh 2010)", "(theo giá hiện hành)"])
def test_an_indicators_name_is_read_before_an_aside(aside: str) -> None:
    text = (f"Giá trị sản xuất công nghiệp {aside} ước đạt 2.150 tỷ đồng, đạt {{p}}% kế hoạch (kế hoạch 4.500 tỷ "
            "đồng), tăng 9,2% so với cùng kỳ.")
    r = page(text.format(p="47,78"))
    assert [i.name for i in r.indicators] == ["Giá trị sản xuất công nghiệp"]
    assert loud(r) == []
    assert "PCT001" in rules(text.format(p="57,78"))


# ---------------------------------------------------------------- invented reports (s20): the money of a decision

DECISION = ("QUYẾT ĐỊNH:\nĐiều 1. Tặng danh hiệu \"Tập thể lao động tiên tiến\" cho 18 tập thể và danh hiệu \"Lao động "
            "tiên tiến\" cho 215 cá nhân; tặng Giấy khen của Chủ tịch UBND thành phố cho 12 tập thể và 46 cá nhân.\n"
            "Điều 2. Mức tiền thưởng: danh hiệu \"Tập thể lao động tiên tiến\" 1.800.000 đồng/tập thể; danh hiệu \"Lao "
            "động tiên tiến\" 540.000 đồng/cá nhân; Giấy khen tập thể 1.800.000 đồng/tập thể; Giấy khen cá nhân 900.000 "
            "đồng/cá nhân.\nTổng số tiền thưởng là {t} đồng, trích từ Quỹ thi đua, khen thưởng của thành phố.")


def test_a_total_opening_the_next_paragraph_closes_the_amounts_by_title() -> None:
    r = page(DECISION.format(t="211.500.000"))
    assert [[g.count.text for g in p.groups] for p in r.payouts] == [["18", "215", "12", "46"]]
    assert loud(r) == []
    found = [f for f in loud(page(DECISION.format(t="221.500.000"))) if f[0] == "PRD002"]
    assert found and found[0][1] == "warning"  # (counts from Article 1: a reading)


def test_a_paragraph_going_on_after_its_amounts_is_not_closed_by_the_next() -> None:
    text = DECISION.replace("900.000 đồng/cá nhân.", "900.000 đồng/cá nhân, chi từ nguồn kinh phí năm 2024.")
    assert page(text.format(t="211.500.000")).payouts == []
