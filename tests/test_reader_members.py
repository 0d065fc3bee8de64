"""Counts of members after “gồm” (a cluster of units, a council of people) are what a total is made
of, not its parts; and after a part already read, the count right before the next “gồm” heads that
marker's own list. Phrasings of our own; both ways (a real breakdown still fires when it is wrong)."""

from __future__ import annotations

import pytest

from tests.test_reader_phrasings import loud, page

SILENT = [
    "Toàn huyện có 5 cụm, khối thi đua với 47 đơn vị thành viên, trong đó: 2 cụm thi đua các xã, thị trấn "
    "gồm 12 đơn vị; 3 khối thi đua gồm 35 cơ quan, đơn vị.",
    "Tỉnh chia thành 4 cụm thi đua gồm 18 huyện, thị xã; 6 khối thi đua gồm 52 sở, ngành.",
    "Huyện thành lập 3 tổ công tác gồm 21 thành viên để kiểm tra việc bình xét danh hiệu.",
    "Xã có 2 chi bộ gồm 45 đảng viên; 7 chi bộ thôn gồm 160 đảng viên.",
]


@pytest.mark.parametrize("text", SILENT)
def test_members_are_not_parts(text: str) -> None:
    assert [f for f in loud(page(text)) if f[0].startswith("SUM")] == []


@pytest.mark.parametrize("text,rule", [
    # a real breakdown of the same noun, wrong: still an error
    ("Toàn huyện có 5 cụm thi đua, gồm 2 cụm các xã và 4 cụm các cơ quan.", "SUM002"),
    ("Hội đồng gồm 11 thành viên, gồm 1 Chủ tịch, 2 Phó Chủ tịch và 9 ủy viên.", None),
])
def test_a_real_breakdown_still_checked(text: str, rule: str | None) -> None:
    found = {f[0] for f in loud(page(text)) if f[1] == "error"}
    if rule:
        assert rule in found
    else:
        assert found, "1 + 2 + 9 = 12 ≠ 11 must be caught"


def test_right_breakdown_of_same_noun_is_silent() -> None:
    assert loud(page("Toàn huyện có 5 cụm thi đua, gồm 2 cụm các xã và 3 cụm các cơ quan.")) == []


# ---------------------------------------------------------------- prizes, and items with two counts each

@pytest.mark.parametrize("text,rule", [
    ("Học sinh giỏi cấp huyện đạt 34 giải, gồm 5 giải Nhất, 9 giải Nhì, 12 giải Ba và 9 giải Khuyến khích.\n"
     "Nhà trường tiếp tục nâng cao chất lượng.", "SUM002"),
    # (“trong đó”: parts may be only some, so the defect shown is parts above the total)
    ("Kỳ thi năm nay, huyện có 26 học sinh đạt giải. Trong đó có 2 giải Nhất, 6 giải Nhì, 10 giải Ba và 9 giải "
     "Khuyến khích.\nNhà trường tiếp tục nâng cao chất lượng.", "SUM002"),
])
def test_prizes_add_up_to_their_total(text: str, rule: str) -> None:
    assert rule in {f[0] for f in loud(page(text))}
    right = text.replace("9 giải Khuyến khích", "8 giải Khuyến khích")
    assert loud(page(right)) == []


@pytest.mark.parametrize("text", [
    # the next clause “S: N” beside a list of “N giải X” parts states another quantity
    "Học sinh giỏi cấp huyện: 34 giải, gồm 5 giải Nhất, 9 giải Nhì, 12 giải Ba và 8 giải Khuyến khích; học sinh "
    "giỏi cấp tỉnh: 6 giải.\nNhà trường tiếp tục nâng cao chất lượng.",
    # each item gives two counts, of two wholes: the classes and the pupils
    "Năm học này, nhà trường có 24 lớp với 892 học sinh, trong đó: khối 6 có 7 lớp, 251 học sinh; khối 7 có 6 lớp, "
    "228 học sinh; khối 8 có 6 lớp, 214 học sinh; khối 9 có 5 lớp, 199 học sinh.",
    # items written “name N” and “name: N” alike are one list
    "Thị trấn công nhận 1.175 hộ gia đình văn hóa. Cụ thể: Khu phố Một 415 hộ; Khu phố Hai: 468 hộ; khu phố Ba: 292 "
    "hộ.",
])
def test_lists_of_this_shape_are_read_right(text: str) -> None:
    assert loud(page(text)) == []


def test_the_classes_of_the_items_are_still_checked() -> None:
    text = ("Năm học này, nhà trường có 23 lớp với 892 học sinh, trong đó: khối 6 có 7 lớp, 251 học sinh; khối 7 có 6 "
            "lớp, 228 học sinh; khối 8 có 6 lớp, 214 học sinh; khối 9 có 5 lớp, 199 học sinh.")
    assert "SUM002" in {f[0] for f in loud(page(text))}


# ---------------------------------------------------------------- a change after a bracketed breakdown

@pytest.mark.parametrize("text", [
    "Trong 9 tháng, trên địa bàn xã xảy ra 7 vụ phạm pháp hình sự (trộm cắp tài sản 5 vụ, cố ý gây thương tích 2 "
    "vụ), giảm 3 vụ so với cùng kỳ năm 2023 (10 vụ).",
    "Toàn huyện có 412 hộ nghèo (hộ nghèo dân tộc thiểu số 250 hộ, hộ khác 162 hộ), giảm 88 hộ so với cùng kỳ "
    "(500 hộ).",
])
def test_the_change_after_a_bracket_is_the_wholes(text: str) -> None:
    assert loud(page(text)) == []


def test_a_wrong_change_of_the_whole_is_still_caught() -> None:
    text = ("Trong 9 tháng, trên địa bàn xã xảy ra 7 vụ phạm pháp hình sự (trộm cắp tài sản 5 vụ, cố ý gây thương "
            "tích 2 vụ), giảm 4 vụ so với cùng kỳ năm 2023 (10 vụ).")
    found = loud(page(text))
    assert [f[0] for f in found] == ["CHG001"] and "7" in found[0][2]


# ---------------------------------------------------------------- a rate of a total it names

def test_a_rate_of_a_named_total_is_not_of_the_paragraphs_unstated_total() -> None:
    text = ("Bộ phận Một cửa tiếp nhận 12.546 hồ sơ (tiếp nhận trực tuyến 9.812 hồ sơ, chiếm 78,21%); đã giải quyết "
            "12.420 hồ sơ, trong đó giải quyết đúng hạn 12.385 hồ sơ, đạt 99,72%, trễ hạn 35 hồ sơ.")
    assert loud(page(text)) == []


def test_two_rates_of_one_unstated_total_are_still_compared() -> None:
    text = ("Toàn xã có 320 hộ nghèo, chiếm 8,0%; 160 hộ cận nghèo, chiếm 5,0%.")
    assert "PCT004" in {f[0] for f in loud(page(text))}
