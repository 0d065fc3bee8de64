"""Compositions of deputies and candidates, and lists that read like breakdowns but are not
(extract/relations._lead_in_count, _stated_base, _without_other_council; extract/totals; extract/links).
Phrasings of our own, both ways."""

from __future__ import annotations

import pytest

from tests.test_reader_phrasings import loud, page

BULLETS = ("Tổng số được bầu 21 đại biểu, số người ứng cử 35 người; số đại biểu trúng cử 21 đại biểu, với cơ cấu, "
           "thành phần như sau:\n\n* Cơ cấu:\n\n+ Đại biểu nữ: 8 đại biểu, tỷ lệ 38,10%\n\n"
           "+ Ngoài Đảng: 01 đại biểu, tỷ lệ 4,76%\n\n*Thành phần:\n\n+ Khối Đảng: 02 đại biểu, tỷ lệ 9,52%\n\n"
           "+ Khối Chính quyền: 07 đại biểu, tỷ lệ 33,33%")
INLINE = ("Cơ cấu, thành phần 103 người đủ tiêu chuẩn tham gia ứng cử đại biểu HĐND tỉnh, như sau: nữ: 37 ứng cử "
          "viên (đạt tỷ lệ 35,92%); dân tộc: 08 ứng cử viên (đạt tỷ lệ 7,77%); ngoài Đảng: 22 ứng cử viên (đạt tỷ lệ "
          "21,36%).")
OVER = ("Đại biểu HĐND tỉnh tái cử là 27 ứng cử viên tính trên số đại biểu HĐND tỉnh hiện nay là 73 đại biểu "
        "(đạt tỷ lệ 36,99%).")


def pairs(text: str) -> set[tuple[str, str | None, str]]:
    return {(r.numerator.text, r.denominator.text if r.denominator else None, r.percent.text) for r in page(text).rates}


@pytest.mark.parametrize("text,want", [
    (BULLETS, {("8", "21", "38,10"), ("02", "21", "9,52"), ("07", "21", "33,33")}),
    (INLINE, {("37", "103", "35,92"), ("22", "103", "21,36")}),
    (OVER, {("27", "73", "36,99")}),
])
def test_the_whole_of_a_composition_is_read_and_correct_shares_are_silent(text, want):
    assert want <= pairs(text), pairs(text)
    assert loud(page(text)) == []


@pytest.mark.parametrize("text,old,new", [
    (BULLETS, "07 đại biểu, tỷ lệ 33,33%", "04 đại biểu, tỷ lệ 29,05%"),
    (INLINE, "21,36%", "21,34%"),
    (OVER, "36,99%", "39,99%"),
])
def test_a_share_that_its_whole_does_not_give_is_found(text, old, new):
    wrong = text.replace(old, new)
    assert wrong != text
    assert {r for r, _s, _m in loud(page(wrong))} & {"PCT003", "PCT004"}, loud(page(wrong))


def test_two_values_in_the_lead_in_leave_the_whole_unread():
    text = BULLETS.replace("số đại biểu trúng cử 21 đại biểu", "số đại biểu trúng cử 20 đại biểu")
    assert all(d is None for _n, d, _p in pairs(text) if d != "21") and not any(d == "21" for _n, d, _p in pairs(text))


def test_reelected_deputies_of_the_outgoing_council_are_not_held_to_the_candidates_base():
    # 12 of 33 seats, beside 9 of 54 candidates: two wholes, no PCT004
    text = ("Hội nghị lựa chọn 54 người đủ tiêu chuẩn ứng cử. Trong đó, người ngoài đảng 9 đại biểu chiếm 16,67%, "
            "tái cử 12 đại biểu chiếm 36,36%.")
    assert loud(page(text)) == []
    # re-elected deputies whose share gives the same whole as the others' stay checked with them
    same = ("Danh sách gồm các ứng cử viên: nữ 17 đại biểu, tỷ lệ 39,53%; ngoài đảng 5 đại biểu, tỷ lệ 11,63%; "
            "tái cử 19 đại biểu, tỷ lệ 44,19%.")
    assert loud(page(same)) == []
    assert ("PCT004", "info") in {(f[0], f[1]) for f in _all(same.replace("44,19", "44,18"))}


def _all(text: str) -> list[tuple[str, str, str]]:
    from auditor.extract.quality import audit_report

    return [(f.rule_id, f.severity, f.message.vi) for f in audit_report(page(text), "t")]


@pytest.mark.parametrize("text", [
    # a count before the next “gồm” heads its own list
    "Huyện có 05 đơn vị xếp loại xuất sắc gồm: xã Quảng Thái vị thứ 4/141, xã Quảng Thọ vị thứ 5/141, xã Quảng Phú "
    "vị thứ 13/141, xã Quảng Công vị thứ 16/141, xã Quảng An vị thứ 18/141 và 06 đơn vị xếp loại tốt gồm: xã "
    "Quảng Thành, xã Quảng Vinh, xã Quảng Lợi, xã Quảng Ngạn, xã Quảng Phước, thị trấn Sịa.",
    # targets listed with their values are not parts of the count of targets
    "Năm 2026, xã đề ra 18 chỉ tiêu trên tất cả các lĩnh vực, trong đó phấn đấu tổng giá trị sản phẩm đạt hơn "
    "4.000 tỷ đồng; thu ngân sách Nhà nước trên địa bàn đạt 78,3 tỷ đồng.",
    # a month with its year and the two months to date are two spans
    "Tổng chi ngân sách địa phương tháng 02/2023 ước đạt 1.545,6 tỷ đồng, bằng 60,6% so với tháng trước. Ước 02 "
    "tháng/2023 tổng chi ngân sách địa phương đạt 4.094,6 tỷ đồng, đạt 10,4% dự toán.",
    # a sentence that opens on a subset is not the same quantity as the sentence before
    "Tỉnh có 22 đơn vị xếp loại xuất sắc, 78 đơn vị xếp loại tốt. Trong đó, các xã thuộc huyện có 05 đơn vị xếp "
    "loại xuất sắc và 06 đơn vị xếp loại tốt.",
])
def test_no_finding_where_the_numbers_are_not_one_quantity_or_its_parts(text):
    assert loud(page(text)) == []


def test_a_count_right_after_the_marker_is_still_a_part():
    text = ("Thành phố công nhận 105/114 khu phố đạt danh hiệu khu phố văn hóa; trong đó 04 khu phố gồm: Khu Chu Mẫu, "
            "khu Trà Xuyên, khu phố Đông và khu phố Tây đạt danh hiệu 05 năm liên tục.")
    assert any(t.total.text == "105" and [p.value.text for p in t.parts] == ["04"] for t in page(text).totals)


PARTITION = ("Số đại biểu trúng cử 21 đại biểu, với cơ cấu, thành phần như sau:\n\n* Cơ cấu:\n\n"
             "+ Đại biểu nữ: 8 đại biểu, tỷ lệ 38,10%\n\n+ Trẻ tuổi: 09 đại biểu, tỷ lệ 42,86%\n\n*Thành phần:\n\n"
             "+Khối Đảng: 02 đại biểu, tỷ lệ 9,52%\n\n+ Khối Chính quyền: 07 đại biểu, tỷ lệ 33,33%\n\n"
             "+MTTQ và các tổ chức thành viên 06 đại biểu, tỷ lệ 28,57%\n\n+Quân sự, công an: 02 đại biểu, tỷ lệ 9,52%\n\n"
             "+Cơ quan đơn vị khác: 04 đại biểu, tỷ lệ 19,05%.\n\n"
             "* Trình độ chuyên môn: Đại học 16 đại biểu, tỷ lệ 76,19%. Dưới Đại học 05 đại biểu, tỷ lệ 23,81%")


def test_shares_whose_counts_make_the_whole_are_a_partition_that_makes_100():
    r = page(PARTITION)
    shares = sorted(len(s.shares) for s in r.structures)
    assert shares == [2, 5], shares   # “Thành phần” and “Trình độ”: their counts make 21; “Cơ cấu” (8 + 9) does not
    assert loud(r) == []
    wrong = PARTITION.replace("04 đại biểu, tỷ lệ 19,05%", "04 đại biểu, tỷ lệ 29,05%")
    found = {(rule, sev) for rule, sev, _m in loud(page(wrong))}
    # the shares of a partition must make 100 (explicit: an error); the share against its count is a reading
    assert found == {("SHR001", "error"), ("PCT003", "warning")}, found


def test_a_group_whose_counts_do_not_make_the_whole_is_not_a_partition():
    text = PARTITION.replace("+ Trẻ tuổi: 09 đại biểu, tỷ lệ 42,86%", "+ Trẻ tuổi: 13 đại biểu, tỷ lệ 61,90%")
    # nữ 8 + trẻ 13 = 21 by chance would make a partition of overlapping groups: the shares 38,10 + 61,90 = 100
    # still hold, so nothing is reported either way
    assert loud(page(text)) == []


def test_a_count_of_other_people_in_the_lead_in_is_not_the_whole():
    # the voters are “người”, the shares are of deputies: not their whole
    text = ("Tổng số cử tri 8.231 người, kết quả bầu cử như sau:\n\n+ Đại biểu nữ: 8 đại biểu, tỷ lệ 38,10%\n\n"
            "+ Ngoài Đảng: 01 đại biểu, tỷ lệ 4,76%\n\n+ Tái cử: 16 đại biểu, tỷ lệ 76,19%")
    assert {d for _n, d, _p in pairs(text)} == {None}
    assert loud(page(text)) == []
