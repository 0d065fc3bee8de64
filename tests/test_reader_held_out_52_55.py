"""What the session of 8 December taught the reader (held-out sets real45 and real52 … real55 among them),
each class on phrasings of our own, both ways."""

from __future__ import annotations

import pytest

from auditor.extract.classes import classes_listed_whole
from tests.test_reader_phrasings import audit_report, page, rules_of


def _loud(text: str) -> list[tuple[str, str]]:
    return [(f.rule_id, f.severity) for f in audit_report(page(text), "t") if f.severity in ("error", "warning")]


# -- “huy chương gồm 5 HCV”: the number after a medal's name and “gồm” counts, it is not a chapter's number


@pytest.mark.parametrize("text", [
    "Đoàn giành được 20 huy chương gồm 5 HCV, 6 HCB, 9 HCĐ.",
    "Đoàn thể thao huyện giành 20 huy chương (5 HCV, 6 HCB, 9 HCĐ).",
    "Đội tuyển giành được tổng cộng 14 huy chương, gồm 3 HCĐ, 4 HCB và 7 HCV.",
])
def test_medals_after_gom_add_up_silently(text: str) -> None:
    assert rules_of(text) == []


@pytest.mark.parametrize("text", [
    "Đoàn giành được 20 huy chương gồm 5 HCV, 7 HCB, 9 HCĐ.",
    "Đoàn thể thao huyện giành 20 huy chương (5 HCV, 6 HCB, 8 HCĐ).",
])
def test_medals_after_gom_that_do_not_add_up_are_an_error_with_every_part(text: str) -> None:
    found = audit_report(page(text), "t")
    sums = [f for f in found if f.rule_id == "SUM002"]
    assert [f.severity for f in sums] == ["error"]
    assert sums[0].message.vi.count("+") == 2  # all three medals are read, the first one too


def test_a_chapter_number_is_still_a_name() -> None:
    assert rules_of("Luật gồm 10 chương, Chương 5 gồm 3 mục.") == []


# -- every class of the award the total names: the breakdown is whole (real45 026)


@pytest.mark.parametrize("text", [
    "Năm học này có 27 học sinh được nhận Huân chương Lao động và Bằng khen của Thủ tướng Chính phủ. Trong đó, có 02 "
    "học sinh được nhận Huân chương Lao động hạng Nhất; 06 học sinh được nhận Huân chương Lao động hạng Nhì; 08 học "
    "sinh được nhận Huân chương Lao động hạng Ba và 09 học sinh được nhận Bằng khen của Thủ tướng Chính phủ.",
    "Có 27 cá nhân được tặng Huân chương Lao động, trong đó 2 hạng Nhất, 6 hạng Nhì và 8 hạng Ba.",
    "Đoàn vận động viên của tỉnh giành 20 huy chương, trong đó 5 HCV, 6 HCB và 7 HCĐ.",
    "Đoàn vận động viên của tỉnh giành 20 huy chương, trong đó 5 huy chương vàng, 6 huy chương bạc và 7 huy chương đồng.",
])
def test_every_class_listed_makes_a_short_sum_a_warning(text: str) -> None:
    assert ("SUM002", "warning") in _loud(text)


@pytest.mark.parametrize("text", [
    # the same lists adding up
    "Năm học này có 25 học sinh được nhận Huân chương Lao động và Bằng khen của Thủ tướng Chính phủ. Trong đó, có 02 "
    "học sinh được nhận Huân chương Lao động hạng Nhất; 06 học sinh được nhận Huân chương Lao động hạng Nhì; 08 học "
    "sinh được nhận Huân chương Lao động hạng Ba và 09 học sinh được nhận Bằng khen của Thủ tướng Chính phủ.",
    "Có 16 cá nhân được tặng Huân chương Lao động, trong đó 2 hạng Nhất, 6 hạng Nhì và 8 hạng Ba.",
    "Đoàn vận động viên của tỉnh giành 18 huy chương, trong đó 5 HCV, 6 HCB và 7 HCĐ.",
    # a class left out, an award the total does not name, a total that is not of medals: “trong đó” may be partial
    "Có 27 cá nhân được tặng Huân chương Lao động, trong đó 2 hạng Nhất và 6 hạng Nhì.",
    "Có 27 cá nhân được khen thưởng, trong đó 2 cá nhân nhận Huân chương Lao động hạng Nhất, 6 cá nhân hạng Nhì, "
    "8 cá nhân hạng Ba.",
    "Có 27 cá nhân được tặng Huân chương Lao động và Bằng khen của Thủ tướng Chính phủ, trong đó 2 hạng Nhất, 6 hạng "
    "Nhì và 8 hạng Ba.",
    "Học sinh của tỉnh đạt 20 giải, trong đó 5 HCV, 6 HCB và 7 HCĐ.",
])
def test_a_list_that_adds_up_or_may_be_partial_stays_silent(text: str) -> None:
    assert [f for f in _loud(text) if f[0] == "SUM002"] == []


@pytest.mark.parametrize("name,pieces,whole", [
    ("20 huy chương", ["5 HCV", "6 HCB", "7 HCĐ"], True),
    ("20 huy chương", ["5 HC Vàng", "6 HC Bạc", "7 HC Đồng"], True),
    ("20 huy chương", ["5 HCV", "6 HCV", "7 HCĐ"], False),            # a metal twice, one missing
    ("20 huy chương", ["5 HCV", "6 HCB", "7 HCĐ", "2 cúp"], False),   # something else among them
    ("9 tập thể nhận Huân chương Chiến công", ["2 hạng I", "3 hạng II", "4 hạng III"], True),
    ("9 tập thể nhận Huân chương Chiến công", ["2 Huân chương Lao động hạng Nhất", "3 hạng Nhì", "4 hạng Ba"], False),
    ("9 tập thể nhận Huân chương", ["2 hạng Nhất", "3 hạng Nhì", "4 hạng Nhì và hạng Ba"], False),
    ("9 tập thể nhận Huân chương Lao động và Cờ thi đua của Chính phủ", ["2 hạng Nhất", "3 hạng Nhì", "4 hạng Ba"],
     False),                                                          # the flags are not among the parts
    ("9 tập thể nhận Huân chương Lao động và Cờ thi đua của Chính phủ",
     ["2 hạng Nhất", "3 hạng Nhì", "1 hạng Ba", "3 Cờ thi đua của Chính phủ"], True),
])
def test_classes_listed_whole(name: str, pieces: list[str], whole: bool) -> None:
    assert (classes_listed_whole(name, pieces) is not None) is whole


# -- what was done, with its share in brackets, over what was received; “đơn thư” and “đơn”, “vụ việc” and “vụ”


@pytest.mark.parametrize("text", [
    "Trong năm, xã tiếp nhận 35 đơn, đã giải quyết 34 đơn (đạt 96,3%).",
    "Công an xã tiếp nhận 12 vụ, đã giải quyết 11 vụ (chiếm 93,7%).",
    "Trong năm, xã tiếp nhận 35 đơn thư, đã giải quyết 33 đơn (đạt 96,3%).",
    "Công an xã tiếp nhận 12 vụ việc, đã giải quyết 11 vụ, đạt 93,67%.",
])
def test_done_over_received_with_the_share_in_brackets_is_checked(text: str) -> None:
    assert ("PCT003", "warning") in _loud(text)


@pytest.mark.parametrize("text", [
    "Trong năm, xã tiếp nhận 35 đơn, đã giải quyết 33 đơn (đạt 94,3%).",
    "Công an xã tiếp nhận 12 vụ, đã giải quyết 11 vụ (chiếm 91,7%).",
    "Trong năm, xã tiếp nhận 35 đơn thư, đã giải quyết 33 đơn (đạt 94,3%).",
    "Công an xã tiếp nhận 12 vụ việc, đã giải quyết 11 vụ, đạt 91,67%.",
    "Trong năm, xã tiếp nhận 35 đơn thư, đã giải quyết 33 đơn, còn 2 đơn đang giải quyết.",
])
def test_done_over_received_that_holds_stays_silent(text: str) -> None:
    assert _loud(text) == []


def test_letters_received_done_and_left_must_add_up() -> None:
    text = "Trong năm, xã tiếp nhận 35 đơn thư, đã giải quyết 33 đơn, còn 3 đơn đang giải quyết."
    assert ("SUM002", "warning") in _loud(text)


# -- a share whose whole is written right after the percent


@pytest.mark.parametrize("text", [
    "Có 5 hộ nghèo, chiếm 12,9% tổng số 42 hộ.",
    "Có 5 người đạt Chiến sĩ thi đua cơ sở, chiếm 12,9% tổng số cán bộ, công chức (42 người).",
    "Số cá nhân đạt danh hiệu Chiến sĩ thi đua cơ sở là 5 người, bằng 12,9% số cá nhân đạt danh hiệu Lao động tiên "
    "tiến (42 người).",
    "Toàn xã có 40 hộ đạt chuẩn, đạt 97,2% trên tổng số 42 hộ.",
])
def test_a_share_over_the_whole_written_after_it_is_an_error(text: str) -> None:
    assert ("PCT003", "error") in _loud(text)


@pytest.mark.parametrize("text", [
    "Có 5 hộ nghèo, chiếm 11,9% tổng số 42 hộ.",
    "Có 5 người đạt Chiến sĩ thi đua cơ sở, chiếm 11,9% tổng số cán bộ, công chức (42 người).",
    "Toàn xã có 40 hộ đạt chuẩn, đạt 95,2% trên tổng số 42 hộ.",
    # a whole of another noun, or smaller than the part: not the share's whole
    "Có 5 hộ nghèo, chiếm 12,9% tổng số 42 nhân khẩu của thôn.",
    "Có 50 hộ nghèo, chiếm 12,9% tổng số 42 hộ được rà soát lần đầu.",
])
def test_a_share_over_the_whole_after_it_that_holds_or_is_not_its_whole_stays_silent(text: str) -> None:
    assert [f for f in _loud(text) if f[0] == "PCT003"] == []


# -- an amount per person over a count of individuals


def test_an_amount_per_person_times_individuals_is_checked() -> None:
    bad = "Tặng danh hiệu Lao động tiên tiến cho 42 cá nhân, mức thưởng 710.000 đồng/người, tổng số tiền 29.400.000 đồng."
    assert ("PRD001", "error") in _loud(bad)
    assert _loud(bad.replace("29.400.000", "29.820.000")) == []


# -- what was done, after a part, is not one more part


@pytest.mark.parametrize("text", [
    "Trong năm 2023, Tòa án huyện đã thụ lý 698 vụ các loại. Trong đó, Tòa án huyện đã thụ lý 429 vụ án hôn nhân và "
    "gia đình, tăng 49 vụ so với năm 2022, đã giải quyết, xét xử 415 vụ.",
    "Tiếp nhận 50 đơn, trong đó 20 đơn khiếu nại, 30 đơn kiến nghị, đã giải quyết 45 đơn.",
])
def test_a_count_done_after_the_parts_is_not_a_part(text: str) -> None:
    assert _loud(text) == []


def test_parts_that_exceed_their_total_are_still_a_warning() -> None:
    assert ("SUM002", "warning") in _loud("Tiếp nhận 50 đơn, trong đó 20 đơn khiếu nại, 31 đơn kiến nghị, đã giải quyết "
                                          "45 đơn.")


# -- real52 … real55 on first contact: readings of our own phrasings, both ways


@pytest.mark.parametrize("text", [
    "Đối với cấp huyện, có 6 đơn vị phải bầu cử thêm thuộc 3 tỉnh. Đối với cấp xã, có 79 đơn vị phải bầu cử thêm "
    "thuộc 15 tỉnh.",
    "Ở cấp huyện, có 6 đơn vị phải bầu cử thêm. Ở cấp xã, có 79 đơn vị phải bầu cử thêm.",
])
def test_a_sentence_opening_on_its_scope_is_another_quantity(text: str) -> None:
    assert _loud(text) == []


def test_the_same_scope_restated_with_another_value_is_still_compared() -> None:
    text = "Năm 2022 đoàn giành 12 huy chương bạc. Năm 2022 đoàn giành 13 huy chương bạc."
    assert "VAL001" in {f[0] for f in _loud(text)}


@pytest.mark.parametrize("text", [
    "Tổ chức kỳ họp thứ nhất HĐND các cấp nhiệm kỳ 2021-20206.",
    "Trong giai đoạn 2016-20205, xã đạt nhiều kết quả.",
])
def test_a_year_run_on_into_a_fifth_digit_is_no_term(text: str) -> None:
    assert [f for f in _loud(text) if f[0].startswith("CAL")] == []


def test_two_breakdowns_of_different_lengths_are_two_totals() -> None:
    text = ("Phú Thọ: 11 người (1 người chết do sạt lở đất; 1 người chết do lũ; 8 người mất tích tại sự cố sập cầu; 1 "
            "người mất tích do lũ). Hòa Bình: 7 người chết do sạt lở đất. Hà Giang: 2 người (1 người chết; 1 người mất "
            "tích).")
    assert _loud(text) == []


@pytest.mark.parametrize("text,expected", [
    ("Qua thanh tra đã xử lý 27 trường hợp (đất đai 4, khoáng sản 12, môi trường 11) vi phạm hành chính.", []),
    ("Qua thanh tra đã xử lý 27 trường hợp (đất đai 4, khoáng sản 12, môi trường 10) vi phạm hành chính.",
     [("SUM002", "error")]),
    ("Học sinh trường 11 đạt 5 giải.", []),
])
def test_a_label_word_closing_a_compound_is_no_label(text: str, expected: list) -> None:
    assert _loud(text) == expected


def test_a_count_after_and_names_its_own_noun() -> None:
    text = ("Với 15 huy chương vàng, 12 huy chương bạc và 8 huy chương đồng, đoàn Hà Nội giành giải Nhất toàn đoàn. Xếp "
            "thứ Ba là đoàn thành phố Hồ Chí Minh với 6 huy chương vàng, 7 huy chương bạc và 7 huy chương đồng.")
    assert _loud(text) == []


@pytest.mark.parametrize("text,expected", [
    ("Trong 96 người, có 42 người là nữ, chiếm 43,75%; 36 người trẻ tuổi, chiếm 37,5%; 10 người theo các tôn giáo, "
     "chiếm 3,1%.", [("PCT003", "warning")]),
    ("Trong 96 người, có 42 người là nữ, chiếm 43,75%; 36 người trẻ tuổi, chiếm 37,5%; 10 người theo các tôn giáo, "
     "chiếm 10,4%.", []),
    ("Ngoài ra, trong 96 người, có 42 người là nữ, chiếm 45,75%.", [("PCT003", "warning")]),
    ("Trong 6 tháng đầu năm, có 42 hộ thoát nghèo, chiếm 45,75%.", [("PCT008", "warning")]),
])
def test_a_whole_named_first_without_so(text: str, expected: list) -> None:
    assert _loud(text) == expected


def test_shares_in_brackets_of_another_term_are_of_that_terms_total() -> None:
    text = ("Người ứng cử là phụ nữ có 2.542 người, chiếm tỷ lệ 40,90% (Quốc hội khóa XIV cả nước là 2.427 người, tỷ lệ "
            "37,04%); người ứng cử là người dân tộc thiểu số có 1.150 người, tỷ lệ 18,5% (Khóa XIV cả nước là 1.003 "
            "người, tỷ lệ 15,31%).")
    assert _loud(text) == []


@pytest.mark.parametrize("text,expected", [
    ("Báo cáo cũng ban hành chi tiết phụ lục I đến V tổng hợp kết quả giải quyết ý kiến cử tri.", []),
    ("Chi tiết có Phụ lục 1 kèm theo báo cáo này.", ["CMP005"]),
])
def test_an_appendix_named_by_a_page_is_of_the_document_it_tells_of(text: str, expected: list) -> None:
    assert rules_of(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Sáng ngày 330/11, HĐND phường tổ chức tiếp xúc cử tri.", [("CAL011", "error")]),
    ("Ngày 31/6/2024, UBND xã họp tổng kết.", [("CAL011", "error")]),
    ("Sáng ngày 29/02/2023, HĐND xã họp.", [("CAL011", "error")]),
    ("Ngày 15/13/2024, xã họp.", [("CAL011", "error")]),
    ("Ngày 30/6/2024, UBND xã họp tổng kết.", []),
    ("Đến ngày 31 tháng 12 năm 2024, xã có 1.245 hộ.", []),
    ("Sáng ngày 29/02/2024, HĐND xã họp.", []),
    ("Đăng ngày 12/31/2023.", []),
    ("Có 330/11 hộ đạt chuẩn.", [("PCT007", "warning")]),  # (no “ngày”: a fraction, and a part over its whole)
])
def test_a_date_the_calendar_does_not_have(text: str, expected: list) -> None:
    assert [f for f in _loud(text) if f[0] in ("CAL011", "PCT007")] == expected


@pytest.mark.parametrize("text,expected", [
    # a list after a change is that change's (“thiếu 6 đại biểu … gồm: …”), not the total's before it
    ("HĐND cấp xã bầu được 638/644 đại biểu (thiếu 6 đại biểu ở 5 đơn vị gồm: Vĩnh Hải 1 đại biểu, Vĩnh Trường 2 đại "
     "biểu, Vĩnh Phương 1 đại biểu, Phước Tân 1 đại biểu, Phước Hải 1 đại biểu).", []),
    # a bare number and a comma right before the total: which number it is, the text does not say
    ("Diện tích rừng đủ tiêu chí tính tỷ lệ che phủ là 13, 92 triệu ha, trong đó, rừng tự nhiên 10,12 triệu ha, rừng "
     "trồng là 3,79 triệu ha.", []),
    # (a count with its own noun before the comma is still a total)
    ("Năm 2023 có 3 xã, 25 thôn, trong đó 10 thôn đạt chuẩn, 16 thôn chưa đạt.", [("SUM002", "warning")]),
])
def test_what_a_list_after_a_marker_belongs_to(text: str, expected: list) -> None:
    assert _loud(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Riêng ngày đầu của kỳ nghỉ lễ (31/8) khoảng 45%.", []),
    ("Trong 4 ngày (từ 31/8 đến 4/9) có khoảng 565.086 lượt khách đến tỉnh.", []),
])
def test_a_day_and_month_in_brackets_after_a_day_named_is_a_date(text: str, expected: list) -> None:
    assert _loud(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Toàn tỉnh đã xảy ra 56 vụ TNGT, làm chết 35 người và 59 người bị thương; so với cùng kỳ năm 2019 tăng 7,69% số "
     "vụ, 2,94% số người chết và 31,11% số người bị thương.", []),
    ("Toàn tỉnh đã xảy ra 56 vụ TNGT, làm chết 35 người và 59 người bị thương; so với cùng kỳ năm 2019 tăng 8,69% số "
     "vụ.", [("CHG002", "warning")]),
    ("Năm 2023 kết nạp 37 đảng viên, tăng 24% số đảng viên so với năm trước.", [("CHG002", "warning")]),
])
def test_a_change_in_percent_of_a_named_count(text: str, expected: list) -> None:
    assert _loud(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Án xảy ra 65 vụ, điều tra làm rõ 63 vụ, 94 đối tượng, đạt tỷ lệ 98,9%.", [("PCT003", "warning")]),
    ("Án xảy ra 65 vụ, điều tra làm rõ 63 vụ, 94 đối tượng, đạt tỷ lệ 96,9%.", []),
    ("Án xảy ra 65 vụ, điều tra làm rõ 63 vụ, đạt tỷ lệ 98,9%.", [("PCT003", "warning")]),
    ("Trong năm, xã tiếp nhận 35 đơn, đã giải quyết 33 đơn, chiếm 94,3%.", []),
])
def test_cases_solved_over_cases_that_occurred(text: str, expected: list) -> None:
    assert _loud(text) == expected


def test_a_list_of_the_places_where_is_not_a_list_of_the_counted() -> None:
    text = ("Đã có 4 người chết, 4 người bị thương trong đợt mưa lớn tại các tỉnh: Hà Giang, Tuyên Quang, Yên Bái, Lào "
            "Cai, Điện Biên.")
    assert _loud(text) == []
    assert ("CNT002", "warning") in _loud("Đề nghị tặng Giấy khen cho 4 tập thể: Trường Mầm non Hoa Sen, Trường Tiểu "
                                          "học Kim Đồng, Trạm Y tế xã.")


# -- real56 … real59 on first contact


@pytest.mark.parametrize("text,expected", [
    # a review meeting that honours those of a year names that year for them, not for the review
    ("Sáng ngày 28/6/2022, Ban Chỉ đạo huyện Hưng Hà đã tổ chức hội nghị tổng kết và tuyên dương gia đình văn hóa tiêu "
     "biểu năm 2022.", []),
    ("Sáng ngày 28/6/2022, UBND huyện Hưng Hà đã tổ chức hội nghị tổng kết năm 2022.", [("PER011", "error")]),
])
def test_a_review_that_honours_the_people_of_a_year(text: str, expected: list) -> None:
    assert _loud(text) == expected


@pytest.mark.parametrize("text,expected", [
    # “tuổi 100” is an age, not a count of 100; the elderly (“cụ”) are counted
    ("Năm 2025, thị trấn Vĩnh Trụ có 344 người cao tuổi được mừng thọ, trong đó có 4 cụ từ tuổi 100 trở lên; 3 cụ tròn "
     "100 tuổi.", []),
    ("Năm 2025 có 50 cụ được mừng thọ, gồm 20 cụ 70 tuổi, 15 cụ 80 tuổi, 10 cụ 90 tuổi và 6 cụ 100 tuổi.",
     [("SUM002", "error")]),
    ("Năm 2025 có 51 cụ được mừng thọ, gồm 20 cụ 70 tuổi, 15 cụ 80 tuổi, 10 cụ 90 tuổi và 6 cụ 100 tuổi.", []),
    ("Tăng 5 cụ thể là các hộ nghèo.", []),
])
def test_the_elderly_by_age(text: str, expected: list) -> None:
    assert _loud(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a bar not met and the rate of the one named as lowest are no shares of the count
    ("Cụ thể: có 27/43 tỉnh đạt tỷ lệ cấp ủy viên nữ trên 15% trong đó cao nhất là Tuyên Quang 29,2%; 16 tỉnh chưa đạt "
     "15%, thấp nhất là Cần Thơ (8%).", []),
    ("Có 16 xã, chiếm 35,2% số 43 xã.", [("PCT003", "error")]),
    ("Có 16 xã, chiếm 37,2% số 43 xã.", []),
])
def test_a_bar_and_the_lowest_are_no_shares(text: str, expected: list) -> None:
    assert _loud(text) == expected


def test_two_digit_numbers_run_together_are_a_list() -> None:
    from auditor.extract.numbers import tokenize

    toks = tokenize("có 44 đảng viên được trao huy hiệu 30, 40,45,50,60,65 năm tuổi đảng")
    assert [(t.form, t.text) for t in toks if "45" in t.text] == [("label", "40,45,50,60,65")]
    assert [t.form for t in tokenize("Giá trị 1,234,567 đồng.") if t.text.startswith("1,")] != ["label"]


@pytest.mark.parametrize("text,expected", [
    # the years of a badge are part of its name: two tiers are two quantities
    ("Đợt này có 18 đồng chí nhận Huy hiệu, trong đó nhận Huy hiệu 80 năm tuổi Đảng có 10 đồng chí; nhận Huy hiệu 75 "
     "năm tuổi Đảng có 8 đồng chí.", []),
    ("Năm 2023 nhận Huy hiệu 80 năm tuổi Đảng có 10 đồng chí. Tổng kết năm 2023, nhận Huy hiệu 80 năm tuổi Đảng có 11 "
     "đồng chí.", [("VAL001", "error")]),
])
def test_numbers_in_a_quantitys_name(text: str, expected: list) -> None:
    assert _loud(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a share of a total of another time is not of the total the count is a part of now
    ("Từ đầu năm đến nay các tổ chức cơ sở Đảng cũng kết nạp được 2.270 đảng viên mới, đạt tỷ lệ 2,98% so với tổng số "
     "đảng viên cuối năm 2017, nâng tổng số đảng viên trong toàn tỉnh là 78.047 đảng viên.", []),
    ("Toàn xã có 1.450 hộ, trong đó 1.378 hộ đạt gia đình văn hóa, chiếm 96%.", [("PCT003", "warning")]),
])
def test_a_share_of_another_times_total(text: str, expected: list) -> None:
    assert _loud(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Tỷ lệ cử tri đi bầu rất cao 99,60% (cao hơn kỳ bầu cử nhiệm kỳ 2026-2021 là 0,25%).", [("CAL012", "error")]),
    ("Trong giai đoạn 2025-2021, xã đạt nhiều kết quả.", [("CAL012", "error")]),
    ("Năm học 2024-2023 có 500 học sinh.", [("CAL012", "error")]),
    ("Trong giai đoạn 2021-2025, xã đạt nhiều kết quả.", []),
    ("Đại hội Đảng bộ xã nhiệm kỳ 2025-2020 thành công tốt đẹp.", [("CAL006", "error")]),  # (the registry's years)
])
def test_a_span_of_years_written_backwards(text: str, expected: list) -> None:
    assert [f for f in _loud(text) if f[0].startswith("CAL")] == expected


@pytest.mark.parametrize("text,expected", [
    ("Kết quả bầu cử: tổng số cử tri 5.678 người, số cử tri đã đi bầu 5.670 người, đạt tỷ lệ 99,68%.",
     [("PCT003", "warning")]),
    ("Kết quả bầu cử: tổng số cử tri 5.678 người, số cử tri đã đi bầu 5.670 người, đạt tỷ lệ 99,86%.", []),
    ("Toàn xã có 5.678 cử tri, đã có 5.670 cử tri đi bầu, đạt tỷ lệ 99,68%.", [("PCT003", "warning")]),
    ("Toàn xã có 5.678 cử tri, đã có 5.670 cử tri đi bầu, đạt tỷ lệ 99,86%.", []),
    # (“đạt” alone after a count may be of its plan: not a share of the territory's count)
    ("Toàn xã có 2.939 hộ, có 2.800 hộ đạt gia đình văn hóa, đạt 90% kế hoạch.", []),
])
def test_voters_who_voted_over_all_voters(text: str, expected: list) -> None:
    assert _loud(text) == expected


# -- real57 on first contact


@pytest.mark.parametrize("text,expected", [
    # the level of a budget in the sentence's subject scopes what follows
    ("Trong đó vốn ngân sách tỉnh là 07 công trình với kế hoạch vốn là 28,7 tỷ đồng, giá trị thực hiện đến nay là 29,5 "
     "tỷ đồng.\n\nVốn ngân sách huyện gồm 12 công trình với kế hoạch vốn hơn 16 tỷ đồng, giá trị thực hiện đến nay là "
     "1,1 tỷ đồng.", []),
    ("Vốn ngân sách tỉnh là 07 công trình, giá trị thực hiện đến nay là 29,5 tỷ đồng.\n\nVốn ngân sách tỉnh gồm 7 công "
     "trình, giá trị thực hiện đến nay là 28,5 tỷ đồng.", [("VAL001", "error")]),
])
def test_two_budgets_by_level(text: str, expected: list) -> None:
    assert _loud(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Đơn Dương: Đầu tư xây dựng 37 công trình hạ tầng\n\n05:01, 21/01/2022\nNăm 2021, huyện đã xây dựng 37 công "
     "trình hạ tầng, trong đó có 12 trường học. Riêng nguồn vốn của huyện, Đơn Dương đã khởi công mới 18 công trình hạ "
     "tầng.", []),
    ("Đơn Dương: Đầu tư xây dựng 37 công trình hạ tầng\n\n05:01, 21/01/2022\nNăm 2021, huyện đã xây dựng 35 công "
     "trình hạ tầng.", [("VAL001", "warning")]),
])
def test_a_subset_in_the_body_is_not_the_headlines_count(text: str, expected: list) -> None:
    assert _loud(text) == expected


def test_a_headline_figure_restated_in_a_detail_sentence_is_still_the_headlines() -> None:
    text = ("159 lớp đào tạo nghề cho lao động nông thôn\n\nCập nhật, 12:01, Thứ Tư, 14/09/2022\n\nĐầu năm đến nay đã tuyển "
            "sinh cho 29.802 người.\n\nTrong đó gồm đào tạo sơ cấp và dưới 3 tháng (có 159 lớp đào tạo nghề cho người lao "
            "động).\n\nTháng 9/2022, dự kiến tổ chức 33 lớp đào tạo nghề cho gần 600 lao động.")
    assert _loud(text) == []


def test_a_total_named_for_the_shares_noun_only_in_the_shares_clause() -> None:
    text = ("Tổng mức bán lẻ đạt 50,7 nghìn tỷ đồng. Trong đó, thương nghiệp 44,3 nghìn tỷ đồng, chiếm 87,45% trong tổng "
            "số và tăng 10,89%; dịch vụ lưu trú đạt 4,2 nghìn tỷ đồng, chiếm 8,19% và tăng 9,69%; các ngành khác thực hiện "
            "2,2 nghìn tỷ đồng, chiếm 4,36% và tăng 8,93%.")
    assert [f for f in _loud(text) if f[0] == "PCT003"] == []


# -- real60 … real63 on first contact


@pytest.mark.parametrize("text,expected", [
    # an anniversary marked at an event the paragraph dates is counted to that date's year
    ("Tuyên dương các tập thể, cá nhân trong phong trào thi đua năm 2023\n\nChiều ngày 26/2/2024. Bệnh viện Bãi Cháy tổ "
     "chức Hội nghị tuyên dương các tập thể, cá nhân đạt nhiều thành tích trong phong trào thi đua năm 2023, nhân dịp 69 "
     "năm ngày thầy thuốc Việt Nam 27/2.", []),
    ("Chiều ngày 26/2/2024, Bệnh viện tổ chức Hội nghị nhân dịp 70 năm ngày thầy thuốc Việt Nam 27/2.",
     [("CAL001", "error")]),
    # a document's date inside the sentence does not date the event (the page's own year, 2025, is the one)
    ("Báo cáo tình hình năm 2025\n\nPhong trào xóa nhà tạm, về đích sớm so với mục tiêu Nghị quyết 42-NQ/TW, ngày "
     "24/11/2023 của Ban Chấp hành Trung ương, là công trình chào mừng 80 năm Quốc khánh.", []),
])
def test_an_anniversary_dated_by_its_paragraph(text: str, expected: list) -> None:
    assert [f for f in _loud(text) if f[0].startswith("CAL")] == expected


@pytest.mark.parametrize("text,expected", [
    # a figure on another basis (“không tính …”, “không kể …”) is not the same words' figure elsewhere
    ("Năm 2020, thu nội địa đạt 16.186 tỷ đồng, đạt 117,6% dự toán.\n\nKhông tính số thu từ tiền sử dụng đất và thu xổ "
     "số kiến thiết (5.056 tỷ đồng) thì thu nội địa thực hiện 11.104 tỷ đồng, đạt 100,7% dự toán.", []),
    ("Năm 2020, thu nội địa đạt 16.186 tỷ đồng. Tổng kết năm 2020, thu nội địa đạt 16.168 tỷ đồng.", [("VAL001", "error")]),
    ("Tổng thu NSNN trên địa bàn ước thực hiện hết tháng 11/2023 là 26.497 tỷ đồng, đạt 83,77% dự toán. Trong đó: Thu "
     "nội địa 20.107 tỷ đồng, đạt 84,41% dự toán; thu nội địa không kể tiền sử dụng đất, thu xổ xố kiến thiết 19.836 tỷ "
     "đồng, đạt 95,38% dự toán.", []),
    # what a city manages is not what is collected in its territory
    ("Trong năm 2020, tổng thu ngân sách Nhà nước trên địa bàn thành phố ước đạt 1.547,4 tỷ đồng, bằng 100% dự toán. "
     "Tổng thu ngân sách Nhà nước do thành phố quản lý ước đạt gần 590,6 tỷ đồng, bằng 100% dự toán.", []),
    # a bar met, in brackets after “đạt …”, is no share of the group
    ("Được biết, cả nước có 49/63 địa phương thu nội địa đạt tiến độ dự toán (trên 24%), trong đó 43/63 địa phương thu "
     "cao hơn so cùng kỳ.", []),
    ("Có 27/43 tỉnh (chiếm 72,8%) đạt tỷ lệ cấp ủy viên nữ.", [("PCT003", "error")]),
])
def test_budgets_on_another_basis_and_bars(text: str, expected: list) -> None:
    assert _loud(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a list turns after “;” to another statement with its own “gồm” (real66 003)
    ("Theo đó, UBND tỉnh đã công nhận 44 sản phẩm xếp hạng đạt tiêu chuẩn sản phẩm OCOP lần đầu năm 2022, gồm 07 sản "
     "phẩm đạt hạng 4 sao, 37 sản phẩm đạt hạng 3 sao; công nhận lại 13 sản phẩm đã hết hạn chứng nhận OCOP, gồm 04 sản "
     "phẩm đạt hạng 4 sao, 09 sản phẩm đạt hạng 3 sao.", []),
    ("UBND tỉnh đã công nhận 45 sản phẩm OCOP, gồm 07 sản phẩm đạt hạng 4 sao, 37 sản phẩm đạt hạng 3 sao; công nhận lại "
     "13 sản phẩm, gồm 04 sản phẩm đạt hạng 4 sao, 09 sản phẩm đạt hạng 3 sao.", [("SUM002", "error")]),
    # the communes counted, not the criteria they fall under or in (real66 021)
    ("Có 15 xã đạt dưới 10 tiêu chí, chiếm 16,9%, giảm 3 xã so cùng kỳ. Có 38 xã đạt 10-14 tiêu chí, chiếm 42,7%, tăng 2 "
     "xã so cùng kỳ. Có 26 xã đạt 15-18 tiêu chí, chiếm 29,2%, tăng 8 xã so cùng kỳ.", []),
    ("Toàn tỉnh có 89 xã. Có 15 xã đạt dưới 10 tiêu chí, chiếm 16,9%; 38 xã đạt 10-14 tiêu chí, chiếm 45,7%; 26 xã đạt "
     "15-18 tiêu chí, chiếm 29,2%.", [("PCT004", "warning")]),
])
def test_lists_that_turn_and_communes_by_criteria(text: str, expected: list) -> None:
    assert _loud(text) == expected


# -- real64 … real67 on first contact


@pytest.mark.parametrize("text,expected", [
    # two crops' outputs, each named at the opening of its own sentence, measured against their plans
    ("Cây ngô thực hiện cả năm được 79,5 ha, năng suất bình quân 42,9 tạ/ha, sản lượng 341 tấn, đạt 82,4% KH.  Cây lạc, "
     "diện tích thực hiện 43,6 ha; năng suất bình quân 27,25 tạ/ha; sản lượng 118,8 tấn đạt 95% KH.", []),
    ("Vụ Xuân 2021, diện tích cây lương thực có hạt 34,4 nghìn ha, sản lượng ước đạt 17,47 vạn tấn (đạt 101,6% so với "
     "cùng kỳ và 105,2% kế hoạch). Năng suất lúa ước đạt 57,29 tạ/ha, sản lượng 9,37 vạn tấn (đạt 101,7% so cùng kỳ và "
     "108,5% kế hoạch).", []),
    ("Sản lượng lúa đạt 341 tấn, đạt 82,4% KH.\n\nSản lượng lúa đạt 314 tấn, đạt 80% KH.", [("VAL001", "error")]),
])
def test_outputs_of_two_crops_against_their_plans(text: str, expected: list) -> None:
    assert _loud(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a fraction's parts written with a word of thousands
    ("Tiến độ xuống giống lúa Thu Đông 2019 đến ngày 27/9/2019 là 693 ngàn ha/750 ngàn ha, đạt 85,43 % so với kế "
     "hoạch.", [("PCT001", "error")]),
    ("Tiến độ xuống giống lúa đến nay là 693 ngàn ha/750 ngàn ha, đạt 92,4 % so với kế hoạch.", []),
    # a difference from the same period is no factor of area × yield = output
    ("Thu hoạch lúa Thu Đông được 170 ngàn ha, chiếm 24,53% diện tích xuống giống và thu hoạch nhiều hơn cùng kỳ hơn 75,6 "
     "ngàn ha; năng suất đạt 52,86 tạ/ha, ít hơn cùng kỳ 1,423 tạ/ha; sản lượng đạt 899 ngàn tấn, nhiều hơn cùng kỳ hơn "
     "370 ngàn tấn.", []),
    ("Thu hoạch lúa được 170 ngàn ha, nhiều hơn cùng kỳ hơn 75,6 ngàn ha; năng suất đạt 52,86 tạ/ha, ít hơn cùng kỳ "
     "1,423 tạ/ha; sản lượng đạt 950 ngàn tấn.", [("PRD001", "error")]),
])
def test_crop_figures_in_thousands_and_differences(text: str, expected: list) -> None:
    assert _loud(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a change's equivalent is no total of the list after it
    ("Tổng số người tham gia BHXH, BHYT là 1.177.816 người, tăng 4,48% so với năm 2019 - tương đương 50.454 người. "
     "Trong đó, tham gia BHXH bắt buộc 85.072 người, giảm 3,44% - tương đương 3.030 người so với năm 2019.", []),
    # an aside in a bracket left open ends the list
    ("Đến hết tháng 10/2020, số người tham gia BHXH là 15,67 triệu người. Trong đó, BHXH bắt buộc là 14,78 triệu người, "
     "tăng 114,5 nghìn người so với tháng 9/2020 (số người còn phải phát triển đến cuối năm để đạt chỉ tiêu là 1,26 triệu "
     "người", []),
    # a photo's caption between a total and its list
    ("Trong 6 tháng đầu năm, tổng thu BHXH, BHYT và BHTN trên địa bàn tỉnh đạt gần 1.232 tỷ đồng.\n\nTrong 6 tháng đầu "
     "năm, tỉnh đã thu BHYT đạt 596,5 tỷ đồng. Ảnh: Như Nguyện\n\nTrong đó, thu BHXH đạt 593,4 tỷ đồng, bảo hiểm thất "
     "nghiệp đạt 37,6 tỷ đồng, bảo hiểm y tế 596,5 tỷ đồng và lãi phạt chậm đóng là 4,3 tỷ đồng.", []),
    # a share of what is due, and shares of each item's own plan, are no shares of the total collected or spent
    ("Tổng số thu BHXH, BHYT, BHTN từ đầu năm đến nay đạt gần 1.214 tỷ đồng. Trong đó, tổng nợ BHXH, BHYT, BHTN là 77,5 "
     "tỷ đồng, chiếm 2,9% số phải thu.", []),
    ("Từ đầu năm đến nay toàn tỉnh đã chi trả trên 1.390,2 tỷ đồng, chiếm 43,4% dự toán giao. Trong đó, chi BHXH gần 1.075 "
     "tỷ đồng, chiếm 48% dự toán; chi BHYT 278,2 tỷ đồng, chiếm 32,2% dự toán.", []),
])
def test_insurance_totals_and_their_parts(text: str, expected: list) -> None:
    assert _loud(text) == expected


def test_parts_each_in_its_own_brackets_are_still_read() -> None:
    text = ("Ngoài ra, {n} nhà hư hỏng trong đợt thiên tai này gồm: Hà Giang (42), Bắc Cạn (19), Tuyên Quang (101), Yên Bái "
            "(48), Điện Biên (12).")
    assert _loud(text.format(n="222")) == []
    assert [f[0] for f in _loud(text.format(n="226"))] == ["SUM002"]


def test_a_full_stop_typed_after_a_space_ends_a_sentence() -> None:
    from auditor.extract.vn import sentences

    text = "thịt bò 493,2 nghìn tấn, tăng 2,5% . Sản lượng sữa tươi 1,17 triệu tấn. Giá 1 . 2 triệu."
    assert [text[a:b].strip() for a, b in sentences(text)] == [
        "thịt bò 493,2 nghìn tấn, tăng 2,5% .", "Sản lượng sữa tươi 1,17 triệu tấn.", "Giá 1 . 2 triệu."]
