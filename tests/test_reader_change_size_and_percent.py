"""A level, the size of its change and the change's percent, written together (held-out real36 001 and
019, real20 026): “179 vụ, giảm 92 vụ (35%)”, “645 ha, giảm 1.331 ha (giảm 68%)”, “8,72 ha, giảm 27,2%
(giảm 3,38 ha)”, “152.500 tấn, tăng 9,03% (tương đương 12.600 tấn)”. The earlier value is the level ∓ the
change and the percent is of it (CHG001). Each form on phrasings of our own, both ways."""

from __future__ import annotations

import pytest

from tests.test_reader_phrasings import loud, page, rules_of

# the change's size, then its percent: in brackets, signed, with its verb, or after “tương ứng / tương đương”
_SIZE_THEN_PERCENT = [
    "Năm 2023, toàn huyện xảy ra 60 vụ tai nạn giao thông, giảm 15 vụ ({p}) so với năm 2022.",
    "Năm 2023, toàn huyện xảy ra 60 vụ tai nạn giao thông, giảm 15 vụ (-{p}) so với năm 2022.",
    "Năm 2023, toàn huyện xảy ra 60 vụ tai nạn giao thông, giảm 15 vụ (giảm {p}) so với năm 2022.",
    "Năm 2023, toàn huyện xảy ra 60 vụ tai nạn giao thông, giảm 15 vụ, tương ứng giảm {p} so với năm 2022.",
    "Diện tích gieo trồng cả năm đạt 2.400 ha, tăng 400 ha (tăng {p2}) so với năm trước.",
    "Diện tích gieo trồng cả năm đạt 2.400 ha, tăng 400 ha, tương đương {p2} so với năm trước.",
]


@pytest.mark.parametrize("template", _SIZE_THEN_PERCENT)
def test_a_size_then_a_percent_that_holds_is_silent(template: str) -> None:
    # 15 / (60 + 15) = 20%; 400 / (2.400 − 400) = 20%
    assert rules_of(template.format(p="20%", p2="20%")) == []


@pytest.mark.parametrize("template", _SIZE_THEN_PERCENT)
def test_a_size_then_a_percent_that_does_not_hold_fires(template: str) -> None:
    # 15 / 60 = 25% (the percent of the new level, not of the earlier one); 400 / 2.400 = 16,7%
    text = template.format(p="25%", p2="16,7%")
    found = loud(page(text))
    assert [(r, s) for r, s, _m in found] == [("CHG001", "error")], found
    assert ("/ (60 + 15)" in found[0][2]) or ("/ (2.400 − 400)" in found[0][2])


@pytest.mark.parametrize("text", [
    "Diện tích rừng bị thiệt hại là 12,5 ha, giảm 25% (giảm 4,2 ha) so với cùng kỳ.",    # 4,2 / 16,7 = 25,1%
    "Sản lượng thủy sản đạt 8.460 tấn, tăng 12,8% (tương ứng 960 tấn) so với năm trước.",  # 960 / 7.500 = 12,8%
    "Diện tích lúa 15.435,48 ha, giảm 1,04% (-162,63 ha) so với cùng kỳ.",
])
def test_a_percent_then_its_size_in_brackets_that_holds_is_silent(text: str) -> None:
    assert rules_of(text) == []


@pytest.mark.parametrize("text", [
    "Diện tích rừng bị thiệt hại là 12,5 ha, giảm 33% (giảm 4,2 ha) so với cùng kỳ.",
    "Sản lượng thủy sản đạt 8.460 tấn, tăng 11,3% (tương ứng 960 tấn) so với năm trước.",
    "Diện tích lúa 15.435,48 ha, giảm 1,40% (-162,63 ha) so với cùng kỳ.",
])
def test_a_percent_then_its_size_in_brackets_that_does_not_hold_fires(text: str) -> None:
    assert rules_of(text) == ["CHG001"]
    assert [s for _r, s, _m in loud(page(text))] == ["error"]


def test_round_figures_that_hold_when_read_as_rounded_give_a_warning() -> None:
    # 12.600 / 139.900 = 9,006%: not 9,03 as written, but 12.600 may be rounded to the hundred (12.629 gives 9,03)
    found = loud(page("Sản lượng lúa ước đạt 152.500 tấn, tăng 9,03% (tương đương 12.600 tấn) so với cùng kỳ."))
    assert [(r, s) for r, s, _m in found] == [("CHG001", "warning")]
    # far off even so: an error
    found = loud(page("Sản lượng lúa ước đạt 152.500 tấn, tăng 9,03% (tương đương 12.000 tấn) so với cùng kỳ."))
    assert [(r, s) for r, s, _m in found] == [("CHG001", "error")]


@pytest.mark.parametrize("text", [
    # a fall of households in points of all households (1.292 of ~26.000) is not the count's own change
    "Số hộ nghèo còn 1.200 hộ, giảm 92 hộ (giảm 0,35%) so với năm 2023.",
    "Số hộ nghèo còn 1.200 hộ, giảm 92 hộ, tương ứng giảm 0,35% so với năm 2023.",
    "Số hộ nghèo còn 1.200 hộ, giảm 0,35% (giảm 92 hộ) so với năm 2023.",
])
def test_a_count_whose_percent_may_be_points_of_a_population_is_not_read_as_its_change(text: str) -> None:
    assert rules_of(text) == []


def test_a_count_whose_percent_is_above_its_own_change_still_fires() -> None:
    # points of a population are never more than the count's own change (92 / 1.292 = 7,1%)
    assert rules_of("Số hộ nghèo còn 1.200 hộ, giảm 92 hộ (giảm 9,5%) so với năm 2023.") == ["CHG001"]


def test_directions_that_disagree_are_not_one_change() -> None:
    assert rules_of("Năm 2023, toàn huyện xảy ra 60 vụ tai nạn giao thông, giảm 15 vụ (tăng 25%) so với năm 2022.") == []


def test_with_the_earlier_value_written_all_four_are_checked() -> None:
    # (read with the earlier value: the percent and the change's size both checked)
    text = "Lũy kế 11 tháng, xảy ra 58 vụ, giảm 9 vụ (13,43%) so với cùng kỳ năm 2023 (67 vụ)."
    assert rules_of(text) == []
    assert set(rules_of(text.replace("(67 vụ)", "(69 vụ)"))) == {"CHG001"}


# -- a whole and its complete breakdown, each with its change in % (CHG003)

_WHOLE = ("Năm 2023, tổng giá trị sản xuất ước đạt 638 tỷ đồng, tăng {t}% so với năm 2022. Trong đó, nông nghiệp đạt 103 "
          "tỷ đồng, tăng 3%; công nghiệp đạt 220 tỷ đồng, tăng 10%; dịch vụ đạt {dv} tỷ đồng, tăng 5%.")


def test_a_whole_whose_change_is_its_parts_weighted_is_silent() -> None:
    # earlier values 100 + 200 + 300 = 600; 638 / 600 − 1 = 6,33%
    assert rules_of(_WHOLE.format(t="6,33", dv="315")) == []
    assert rules_of(_WHOLE.format(t="6,3", dv="315")) == []


@pytest.mark.parametrize("stated", ["11", "2,5", "8,5"])  # (written to whole percents, the parts allow 5,75–6,92)
def test_a_whole_whose_change_is_not_its_parts_weighted_is_a_warning(stated: str) -> None:
    found = loud(page(_WHOLE.format(t=stated, dv="315")))
    assert [(r, s) for r, s, _m in found] == [("CHG003", "warning")], found
    assert "638 / (103 / (1 + 3%) + 220 / (1 + 10%) + 315 / (1 + 5%)) − 1 = 6,3" in found[0][2]


def test_a_breakdown_that_does_not_make_the_whole_is_not_held_to_it() -> None:
    # (the parts add up to 538 of 638: a “trong đó” of some of them; their changes say nothing of the whole's)
    assert "CHG003" not in rules_of(_WHOLE.format(t="11", dv="215"))


def test_a_part_without_its_change_leaves_the_whole_unchecked() -> None:
    text = ("Năm 2023, tổng giá trị sản xuất ước đạt 638 tỷ đồng, tăng 11% so với năm 2022, gồm: nông nghiệp 103 tỷ đồng, "
            "tăng 3%; công nghiệp 220 tỷ đồng; dịch vụ 315 tỷ đồng, tăng 5%.")
    assert rules_of(text) == []


def test_parts_that_fall_and_rise() -> None:
    # 95 after −5% (100) and 210 after +5% (200): 305 / 300 − 1 = 1,67%
    text = ("Năm 2023, sản lượng lương thực đạt 305 nghìn tấn, tăng {t}% so với năm 2022, gồm: lúa 95 nghìn tấn, giảm 5%; "
            "ngô 210 nghìn tấn, tăng 5%.")
    assert rules_of(text.format(t="1,67")) == []
    assert rules_of(text.format(t="5,2")) == ["CHG003"]


def test_values_at_current_prices_are_not_the_weights_of_real_changes() -> None:
    # GRDP at current prices with its growth at constant prices: the values do not weigh the changes
    text = ("Năm 2023, GRDP theo giá hiện hành ước đạt 638 tỷ đồng, tăng 11% so với năm 2022, gồm: nông nghiệp 103 tỷ "
            "đồng, tăng 3%; công nghiệp 220 tỷ đồng, tăng 10%; dịch vụ 315 tỷ đồng, tăng 5%.")
    assert rules_of(text) == []
    assert rules_of(text.replace("theo giá hiện hành ", "theo giá so sánh ")) == ["CHG003"]
