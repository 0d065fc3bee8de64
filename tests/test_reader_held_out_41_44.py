"""What the held-out sets real41 (health, social insurance), real42 (education), real43 (administration,
justice, inspection) and real44 (agriculture, rural credit) taught the reader, each class on phrasings of
our own, both ways."""

from __future__ import annotations

import pytest

from tests.test_reader_phrasings import audit_report, page, rules_of


def _loud(text: str) -> list[tuple[str, str]]:
    return [(f.rule_id, f.severity) for f in audit_report(page(text), "t") if f.severity in ("error", "warning")]


# -- a part counted after “trong đó” is not a later level of the whole (real41 017)


@pytest.mark.parametrize("text", [
    "Từ đầu năm 2022 đến nay, cả nước ghi nhận 258.480 trường hợp mắc sốt xuất huyết (tăng 4,8 lần so với cùng kỳ năm "
    "2021), trong đó có 102 trường hợp tử vong (tăng 81 trường hợp so với năm 2021).",
    "Từ đầu năm đến nay, toàn tỉnh có 1.250 hộ vay vốn, trong đó có 320 hộ nghèo (tăng 45 hộ so với năm 2022).",
])
def test_a_parts_own_change_is_not_a_difference_of_two_levels(text: str) -> None:
    assert rules_of(text) == []


@pytest.mark.parametrize("text,expected", [
    ("Số hộ nghèo đầu năm 2022 là 1.250 hộ, cuối năm 2022 còn 980 hộ, giảm 280 hộ.", ["DIF002"]),
    ("Số hộ nghèo đầu năm 2022 là 1.250 hộ (chiếm 9,8%), cuối năm 2022 còn 980 hộ, giảm 280 hộ.", ["DIF002"]),
    ("Số hộ nghèo đầu năm 2022 là 1.250 hộ, cuối năm 2022 còn 980 hộ, giảm 270 hộ.", []),
])
def test_two_levels_and_their_difference_are_still_checked(text: str, expected: list[str]) -> None:
    assert rules_of(text) == expected


# -- a whole year named at the head of a clause and the year so far are two periods (real41 024)


def test_a_year_and_the_year_so_far_are_two_quantities() -> None:
    text = ("Năm 2021, toàn tỉnh tổ chức được 83 đợt hiến máu, tiếp nhận 15.151 đơn vị máu an toàn, đạt 103% chỉ tiêu. "
            "Từ đầu năm đến nay, toàn tỉnh đã tổ chức 42 đợt hiến máu, tiếp nhận 8.729 đơn vị máu, đạt 58% kế hoạch.")
    assert [f for f in _loud(text) if f[0] == "VAL001"] == []


def test_a_year_restated_with_another_value_is_still_compared() -> None:
    text = ("Năm 2021, toàn tỉnh tổ chức được 83 đợt hiến máu, tiếp nhận 15.151 đơn vị máu an toàn.\n"
            "Tổng kết năm 2021, toàn tỉnh tổ chức được 83 đợt hiến máu, tiếp nhận 15.115 đơn vị máu an toàn.")
    assert "VAL001" in {f[0] for f in _loud(text)}


def test_a_year_after_a_comparison_is_not_a_period_of_its_own() -> None:
    from auditor.extract.links import span_before

    for text, span in [("Năm 2021, toàn tỉnh tiếp nhận 15", "year:2021"), ("Trong năm 2021, có 5", "year:2021"),
                       ("tăng 5% so với năm 2021, đạt 15", None), ("Tháng 9 năm 2022, đạt 5", "month:9"),
                       ("Từ đầu năm đến nay, 5", "ytd")]:
        assert span_before(text, len(text)) == span, text


# -- shares of a named total, each said of its own district (real41 003)


def test_shares_of_two_named_districts_are_of_two_populations() -> None:
    text = ("Dẫn đầu là huyện Vĩnh Tường với hơn 166 nghìn hồ sơ đã được lập, chiếm 70% tổng dân số. "
            "Địa phương đạt tỷ lệ thấp nhất là huyện Bình Xuyên với 8.698 hồ sơ, chiếm 6,42% tổng dân số.")
    assert rules_of(text) == []


def test_shares_of_one_named_total_still_share_it() -> None:
    # 120 / 2,5% = 4.800 households but 240 / 6,5% ≈ 3.692: one named total, two denominators
    assert rules_of("Xã có 120 hộ nghèo, chiếm 2,5% tổng số hộ; 240 hộ cận nghèo, chiếm 6,5% tổng số hộ.") == ["PCT004"]


# -- a list of names ends at a “;” that opens another subject (real41 004)


def test_a_list_of_names_ends_where_another_subject_has_its_own() -> None:
    text = ("Huyện Văn Bàn có 3 xã: Chiềng Ken, Nậm Xây, Thẩm Dương; huyện Mường Khương có 3 xã: Dìn Chin, La Pán Tẩn, "
            "Tả Gia Khâu; thành phố Lào Cai có phường Duyên Hải.")
    assert rules_of(text) == []


@pytest.mark.parametrize("text", [
    "Huyện Mường Khương có 3 xã: Dìn Chin, La Pán Tẩn; thành phố Lào Cai có phường Duyên Hải.",
    "Huyện có 3 tập thể được khen: Trường Mầm non A; Trạm Y tế xã C.",
])
def test_a_list_of_names_short_of_its_count_is_still_a_doubt(text: str) -> None:
    assert _loud(text) == [("CNT002", "warning")]


# -- doses are given against each dose's own people to cover (real41 009)


def test_doses_with_their_coverage_are_not_shares_of_one_total() -> None:
    text = ("Tính đến hết ngày 6/8/2022, cả nước đã tiêm nhắc lần 1 với tổng số 48.638.368 mũi tiêm (74,0%), tiêm nhắc "
            "lần 2 với tổng số 10.594.168 mũi tiêm (54,5%).")
    assert rules_of(text) == []


def test_people_with_their_shares_still_share_one_total() -> None:
    text = "Toàn xã có 1.250 người tham gia bảo hiểm y tế (74,0%), 310 người tham gia bảo hiểm xã hội (24,5%)."
    assert rules_of(text) == ["PCT004"]


# -- cases/deaths written as a pair are not an actual over a plan (real41 019)


def test_a_pair_of_counts_is_not_an_actual_over_a_plan() -> None:
    text = "Trong đó, số nhập viện là 7.582/1, so với tuần trước (8.811/2) số nhập viện giảm 13,9%."
    assert rules_of(text) == []


@pytest.mark.parametrize("text,expected", [
    ("Diện tích lúa đạt 120/115 ha, tăng 8,3% so với kế hoạch.", [("CHG001", "warning")]),
    ("Diện tích lúa đạt 120/115 ha, tăng 4,3% so với kế hoạch.", []),
])
def test_an_actual_over_its_plan_and_its_rise_are_still_checked(text: str, expected: list) -> None:
    assert _loud(text) == expected


# -- a rate named between a fraction and its percent is the rate they reached (real41 011)


@pytest.mark.parametrize("text", [
    "53/54 tỉnh có tỷ lệ tiêm vắc-xin phòng chống bệnh sởi đạt 95,2%.",
    "12/15 xã có tỷ lệ hộ nghèo đa chiều đạt dưới 4,5%.",
])
def test_a_rate_the_counted_units_reached_is_not_their_share(text: str) -> None:
    assert rules_of(text) == []


@pytest.mark.parametrize("text", [
    "Toàn huyện có 35/63 xã đạt chuẩn nông thôn mới, đạt tỷ lệ 54%.",
    "Có 12/20 tỉnh có tỷ lệ tỉnh đạt chuẩn 65%.",
])
def test_a_fractions_own_share_is_still_checked(text: str) -> None:
    assert rules_of(text) == ["PCT003"]


# -- a “trong đó” list is not summed under a count for each, nor under an average (real42 002, real44 011)


@pytest.mark.parametrize("text", [
    "Các trường THPT: thị xã Quảng Trị, Đông Hà, Vĩnh Linh và Vĩnh Định mỗi đơn vị có 1 giải. Trong đó có 9 giải Nhì, "
    "9 giải Ba và 14 giải Khuyến khích.",
    "Năng suất lúa đông xuân của cả nước ước đạt 68,8 tạ/ha. Trong đó, các địa phương phía Bắc đạt 64,8 tạ/ha; các "
    "địa phương phía Nam đạt 71,1 tạ/ha.",
    "Thu nhập bình quân đầu người đạt 52 triệu đồng/người. Trong đó, khu vực thành thị 61 triệu đồng/người, khu vực "
    "nông thôn 45 triệu đồng/người.",
])
def test_a_count_for_each_or_an_average_is_not_a_total(text: str) -> None:
    assert rules_of(text) == []


def test_a_total_and_its_parts_still_add_up() -> None:
    assert rules_of("Toàn tỉnh có 30 giải. Trong đó có 9 giải Nhì, 9 giải Ba và 14 giải Khuyến khích.") == ["SUM002"]
    assert rules_of("Toàn tỉnh có 32 giải. Trong đó có 9 giải Nhì, 9 giải Ba và 14 giải Khuyến khích.") == []


# -- several names with one count each (real42 002)


@pytest.mark.parametrize("total,expected", [(9, []), (10, ["SUM002"])])
def test_names_with_one_count_each_make_the_total(total: int, expected: list[str]) -> None:
    text = (f"Trong đó có {total} giải Nhì (Tin học 3 giải, Tiếng Anh 2 giải, các môn Lịch sử, Ngữ văn, Vật lý và Sinh học "
            "mỗi môn 1 giải).")
    assert rules_of(text) == expected


def test_two_places_with_one_count_each_still_make_the_total() -> None:
    assert rules_of("Năm 2023 xảy ra 7 vụ cháy (Thạch Hà 2 vụ, Hương Khê 3 vụ, Can Lộc và Đức Thọ cùng 1 vụ).") == []


# -- one item's several counts are parts of several totals (real43 011)


def test_one_items_counts_in_several_nouns_are_not_parts_of_one_total() -> None:
    text = ("Trong năm đã tiếp 91 lượt, tổng số người: 87 người, tổng số vụ việc: 79 vụ việc; Đoàn đông người: 01 đoàn, "
            "số người: 06 người, số vụ việc: 01; trong đó, Lãnh đạo cơ quan tiếp: 42 lượt, 38 người, 34 vụ việc.")
    assert rules_of(text) == []


# -- the first parts make a total written with “hơn/gần” (real43 025)


def test_first_parts_make_an_approximate_total() -> None:
    text = ("Qua thanh tra, phát hiện vi phạm với số tiền sai phạm hơn 340,8 triệu đồng. Trong đó, chấn chỉnh, khắc phục "
            "với số tiền gần 33,6 triệu đồng; kiến nghị thu hồi nộp ngân sách nhà nước hơn 307 triệu đồng và đến nay đã "
            "thu hồi gần 196,8 triệu đồng (đạt 64%).")
    assert rules_of(text) == []


def test_parts_beyond_a_plain_total_are_still_a_doubt() -> None:
    text = ("Phát hiện sai phạm 340,8 triệu đồng. Trong đó, khắc phục 33,6 triệu đồng; kiến nghị thu hồi 300 triệu đồng "
            "và đã thu hồi 196,8 triệu đồng.")
    assert _loud(text) == [("SUM002", "warning")]


# -- a pair of counts “vụ/bị can” is not a ratio (real43 007, 008)


@pytest.mark.parametrize("text", [
    "Cơ quan điều tra đã giải quyết 4.975 vụ/6.755 bị can, đạt tỷ lệ 95,9%.",
    "Cơ quan điều tra đã giải quyết 32 vụ/47 bị can (đạt 76,19%).",
])
def test_cases_over_people_charged_are_a_pair(text: str) -> None:
    assert rules_of(text) == []


@pytest.mark.parametrize("text", ["Đã giải quyết 32 vụ/47 vụ (đạt 76,19%).", "Đã giải quyết 32/47 vụ (đạt 76,19%)."])
def test_a_fraction_of_one_noun_is_still_checked(text: str) -> None:
    assert rules_of(text) == ["PCT003"]


# -- figures before and after a paragraph narrowing to a span, or of two named units (real43 023, 026)


def test_figures_for_the_year_and_for_its_last_quarter_are_two_quantities() -> None:
    text = ("Qua thanh tra phát hiện 247 đơn vị được thanh tra có vi phạm.\n"
            "Riêng quý 4, toàn ngành đã triển khai 131 cuộc thanh tra hành chính.\n"
            "Qua thanh tra phát hiện 103 đơn vị được thanh tra có vi phạm.")
    assert [f for f in _loud(text) if f[0] == "VAL001"] == []


def test_the_findings_of_two_inspections_of_two_communes_are_two_quantities() -> None:
    text = ("UBND huyện Đức Thọ ban hành kết luận thanh tra tại xã Thanh Bình.\n"
            "Qua thanh tra phát hiện sai sót, kiến nghị xử lý kinh tế 116 triệu đồng.\n"
            "UBND huyện Kỳ Anh ban hành kết luận thanh tra tại xã Kỳ Khang.\n"
            "Qua thanh tra phát hiện sai sót, kiến nghị xử lý kinh tế 79 triệu đồng.")
    assert [f for f in _loud(text) if f[0] == "VAL001"] == []


def test_one_finding_restated_otherwise_is_still_compared() -> None:
    text = ("UBND huyện Đức Thọ ban hành kết luận thanh tra tại xã Thanh Bình.\n"
            "Qua thanh tra phát hiện sai sót, kiến nghị xử lý kinh tế 116 triệu đồng.\n"
            "Tóm lại, qua thanh tra phát hiện sai sót, kiến nghị xử lý kinh tế 161 triệu đồng.")
    assert "VAL001" in {f[0] for f in _loud(text)}


# -- shares of the two parts of a stated whole, and shares over 100% (real44 014, 029)


def test_shares_of_the_two_parts_of_a_whole_are_each_of_its_own() -> None:
    text = ("Cả nước thu hoạch được 1.403,4 nghìn ha lúa mùa, chiếm 90,7% diện tích gieo cấy. Trong đó, các địa phương "
            "phía Bắc thu hoạch 933,8 nghìn ha, chiếm 93,8%; các địa phương phía Nam thu hoạch 469,6 nghìn ha, chiếm 85,3%.")
    assert rules_of(text) == []


def test_a_percent_over_a_hundred_is_no_share() -> None:
    assert rules_of("Tổng đàn gia súc 11.432 con (đạt 87,94%), gia cầm 35.305 con (đạt 153,50%).") == []




# -- stage outcomes of students overlap (real42 032)


def test_students_graduated_counselled_and_employed_overlap() -> None:
    text = ("Năm học 2022-2023, 12 trường đã tuyển sinh trên 16.300 học sinh, sinh viên. Trong đó có trên 8.700 HSSV tốt "
            "nghiệp, trên 5.700 HSSV được tư vấn, giới thiệu việc làm; trên 5.000 HSSV có việc làm sau tốt nghiệp 3 tháng.")
    assert rules_of(text) == []


def test_members_over_all_women_is_a_fraction() -> None:
    # (not a pair: the members are some of the women)
    assert rules_of("Toàn tỉnh có 118.000 hội viên/166.000 phụ nữ, đạt 81%.") == ["PCT003"]
    assert rules_of("Toàn tỉnh có 118.000 hội viên/166.000 phụ nữ, đạt 71,1%.") == []


# -- a change's size, its reference, then its percent (real43 010, real44 006)


@pytest.mark.parametrize("text", [
    "Tổng số bản án phải thi hành là 1.973 bản án, tăng 599 bản án so với cùng kỳ năm 2023 (tăng 73.7%).",
    "Tổng nguồn vốn đạt 3.579 tỷ 654 triệu đồng, tăng 331 tỷ 273 triệu đồng so với đầu năm, tỷ lệ tăng đạt 9,9%.",
    "Tổng số hộ vay vốn là 12.400 hộ, giảm 600 hộ so với năm trước, tỷ lệ giảm 6%.",
])
def test_a_change_with_its_reference_before_its_percent_is_checked(text: str) -> None:
    # 599 / 1.374 = 43,6; 331,273 / 3.248,381 = 10,2; 600 / 13.000 = 4,6
    assert rules_of(text) == ["CHG001"]


@pytest.mark.parametrize("text", [
    "Tổng số bản án phải thi hành là 1.973 bản án, tăng 599 bản án so với cùng kỳ năm 2023 (tăng 43,6%).",
    "Tổng dư nợ đạt 3.569 tỷ 659 triệu đồng, tăng 331 tỷ 910 triệu đồng so với đầu năm, tỷ lệ tăng 10,3%.",
    # the change names another noun than the level before it: not that level's
    "Đường bộ xảy ra 12.501 vụ, làm chết 5.526 người, bị thương 9.571 người; so với cùng kỳ năm trước giảm 554 vụ "
    "(-4,2%), giảm 356 người chết (-6%), giảm 694 người bị thương (-6,7%).",
])
def test_a_change_with_its_reference_that_holds_or_names_another_noun_is_silent(text: str) -> None:
    assert rules_of(text) == []


# -- two sides of one division: natural and planted forest, carried over and new (real44 020, real43 012)


@pytest.mark.parametrize("text", [
    "Năm 2022, Việt Nam có 14.790.075 ha diện tích rừng, trong đó rừng tự nhiên chiếm 10.134.082 ha và rừng trồng "
    "chiếm 4.655.933 ha.",
    "Trên địa bàn có 2.362 vụ việc phải thi hành án; trong đó, có 1.180 vụ việc cũ tồn đọng chuyển qua và 1.196 vụ "
    "mới phát sinh trong năm 2021.",
    "Thanh tra tiếp tục thực hiện 17 cuộc thanh tra, trong đó: số cuộc từ kỳ trước chuyển sang 13 cuộc, triển khai mới "
    "trong kỳ 05 cuộc.",
])
def test_two_sides_of_one_division_that_miss_the_total_are_a_doubt(text: str) -> None:
    assert _loud(text) == [("SUM002", "warning")]


@pytest.mark.parametrize("text", [
    "Năm 2022, Việt Nam có 14.790.015 ha diện tích rừng, trong đó rừng tự nhiên chiếm 10.134.082 ha và rừng trồng "
    "chiếm 4.655.933 ha.",
    "Trên địa bàn có 2.376 vụ việc phải thi hành án; trong đó, có 1.180 vụ việc cũ tồn đọng chuyển qua và 1.196 vụ "
    "mới phát sinh trong năm 2021.",
    # two parts that are not two sides of one division may leave others out
    "Năm 2022, tỉnh có 14.790 ha rừng, trong đó rừng phòng hộ 10.134 ha và rừng đặc dụng 3.655 ha.",
])
def test_two_sides_that_make_the_total_or_two_parts_of_more_are_silent(text: str) -> None:
    assert rules_of(text) == []


# -- real45 (emulation and commendation): a day after “chiều nay”, a rate's excess over its target, all levels


def test_a_day_after_this_afternoon_is_a_date() -> None:
    assert rules_of("Hòa trong không khí cả nước vui mừng, chiều nay 16/11 đoàn đại biểu đã đến dự Ngày hội.") == []


def test_a_fraction_over_its_whole_is_still_a_doubt() -> None:
    assert _loud("Xã đã giải quyết 16/11 đơn thư của công dân.") == [("PCT007", "warning")]


def test_a_rates_excess_over_its_target_is_not_the_counts_change() -> None:
    text = ("Kết quả, 3.939 lượt hộ được công nhận danh hiệu nông dân sản xuất, kinh doanh giỏi, đạt 39,94% so với hộ "
            "đăng ký (vượt 6,94% so với chỉ tiêu Hội Nông dân tỉnh giao).")
    assert rules_of(text) == []


@pytest.mark.parametrize("total,expected", [("3.939", [("SUM002", "warning")]), ("3.930", [])])
def test_a_total_of_all_levels_and_each_level(total: str, expected: list) -> None:
    text = (f"Kết quả, {total} lượt hộ được công nhận danh hiệu nông dân sản xuất, kinh doanh giỏi các cấp giai đoạn "
            "2020 - 2022. Trong đó, đạt danh hiệu cấp Trung ương là 22 lượt hộ, cấp tỉnh 274 lượt hộ, cấp huyện 1.245 "
            "lượt hộ và cấp cơ sở 2.389 lượt hộ.")
    assert _loud(text) == expected


def test_some_levels_without_all_levels_may_leave_others_out() -> None:
    text = "Kết quả, 3.939 lượt hộ đạt danh hiệu sản xuất giỏi. Trong đó, cấp tỉnh 274 lượt hộ, cấp huyện 1.245 lượt hộ."
    assert rules_of(text) == []


# -- real46, real47, real48 (mass organisations, economy, defence and security)


@pytest.mark.parametrize("text", [
    # another noun after a “;” is the next item beside the total, not its part (real46 001)
    "Năm 2022, toàn tỉnh thực hiện hơn 300 công trình thanh niên cấp cơ sở, trong đó có 38 điểm sinh hoạt, vui chơi "
    "cho thanh thiếu nhi; trồng mới 17.600 cây xanh các loại tại các điểm công cộng.",
    # another subject after a “;” (a place and its verb) after parts that are not places (real47 011)
    "Hải Phòng thu ngân sách Nhà nước đạt 103.619 tỷ đồng. Trong đó, thu nội địa đạt 43.466 tỷ đồng; Bà Rịa – Vũng Tàu "
    "đạt mức 95.067 tỷ đồng; Quảng Ninh ước đạt 55.632 tỷ đồng.",
])
def test_a_list_that_turns_into_other_items_after_a_semicolon_is_cut_there(text: str) -> None:
    assert rules_of(text) == []


@pytest.mark.parametrize("text,expected", [
    # parts that are places all along are parts (and may be short of a “trong đó” total)
    ("Toàn huyện thu ngân sách đạt 500 tỷ đồng, trong đó: Xã An Bình đạt 300 tỷ đồng; Xã Tân Phú đạt 250 tỷ đồng.",
     [("SUM002", "warning")]),
    # a sentence-case item after a “;” is no proper name (real5 025)
    ("Giá trị sản xuất nông nghiệp đạt 1.200 tỷ đồng. Trong đó, giá trị sản xuất ngành trồng trọt đạt 1.046 tỷ đồng; "
     "Giá trị sản xuất ngành chăn nuôi đạt 208 tỷ đồng.", [("SUM002", "warning")]),
])
def test_a_list_of_one_kind_after_semicolons_is_still_summed(text: str, expected: list) -> None:
    assert _loud(text) == expected


@pytest.mark.parametrize("count,expected", [(8, []), (9, [("CNT002", "warning")])])
def test_names_on_both_sides_of_a_bracket_and_and(count: int, expected: list) -> None:
    text = (f"Toàn tỉnh có {count} đơn vị đạt danh hiệu thi đua xuất sắc gồm Điện Bàn, Quế Sơn, Phú Ninh, Thăng Bình "
            "(cụm đồng bằng) và Hiệp Đức, Tiên Phước, Tây Giang, Nông Sơn (cụm miền núi).")
    assert _loud(text) == expected


def test_a_share_of_the_population_is_not_a_share_of_the_force() -> None:
    text = ("Toàn huyện có 9 đơn vị Tự vệ với tổng quân số 1.458 đồng chí trong đó Dân quân 1.369 đồng chí, Tự vệ 89 đồng "
            "chí, đạt 1,28% so với dân số toàn huyện.")
    assert rules_of(text) == []


def test_what_each_task_reached_is_not_a_share() -> None:
    text = ("Toàn tỉnh tổ chức 135 lớp tập huấn cho 15.111 lượt cán bộ DQTV, đạt tỷ lệ 95,6%; huấn luyện cho 113.452 "
            "lượt DQTV, đạt 96%, bảo đảm đúng nội dung.")
    assert rules_of(text) == []


def test_a_count_of_criteria_heads_no_list() -> None:
    text = ("Tình hình TNGT trong 6 tháng đầu năm được kéo giảm cả 3 tiêu chí. Cụ thể, toàn tỉnh xảy ra 191 vụ TNGT "
            "đường bộ làm 103 người chết, 135 người bị thương.")
    assert rules_of(text) == []


def test_a_daily_average_is_not_the_headlines_count() -> None:
    text = ("Quý I năm 2023: 1.436 người chết vì tai nạn giao thông\n\n"
            "Trong quý I năm 2023, cả nước xảy ra 2.346 vụ tai nạn giao thông, làm 1.436 người chết. Bình quân mỗi ngày "
            "có 16 người chết vì tai nạn giao thông.")
    assert rules_of(text) == []


def test_a_fall_written_with_hon_is_a_change_not_a_total() -> None:
    text = ("So với cùng kỳ, tai nạn giao thông tăng hơn 1.800 vụ, giảm hơn 700 người chết và tăng trên 2.700 người bị "
            "thương. Trong đó, đường bộ xảy ra hơn 12.200 vụ, làm tử vong gần 5.200 người, bị thương khoảng 9.584 người.")
    assert rules_of(text) == []


@pytest.mark.parametrize("written,value", [("6,231.8", "6231.8"), ("42,460,418,319", "42460418319"),
                                           ("1,234,567.25", "1234567.25")])
def test_a_number_written_the_english_way_is_read_with_a_note(written: str, value: str) -> None:
    from decimal import Decimal

    from auditor.extract import extract_bytes
    from auditor.extract.numbers import tokenize, value_of

    text = f"Vốn đầu tư đạt {written} triệu USD, tăng 5% so với năm trước."
    tok = next(t for t in tokenize(text) if t.text == written)
    assert value_of(tok) == Decimal(value)
    ex = extract_bytes(text.encode(), "t.txt")
    probs = [(p.rule_id, p.text) for p in ex.problems]
    assert ("NUM002", written) in probs and not any(rule == "NUM001" for rule, _t in probs)


@pytest.mark.parametrize("written", ["1,234", "6,2318.5", "6.231,8"])
def test_a_vietnamese_or_unclear_number_is_not_read_the_english_way(written: str) -> None:
    from auditor.extract import extract_bytes

    ex = extract_bytes(f"Vốn đầu tư đạt {written} triệu USD.".encode(), "t.txt")
    assert not any(p.rule_id == "NUM002" and "tiếng Anh" in p.vi for p in ex.problems)


def test_a_grade_before_a_school_year_is_no_duration() -> None:
    from auditor.extract.numbers import tokenize

    forms = [(t.text, t.form) for t in tokenize("Lễ ra trường cho học sinh lớp 9 năm học 2022-2023.")]
    assert ("9", "label") in forms and not any(f == "duration" for _t, f in forms)
    assert [(t.text, t.form) for t in tokenize("Trong 9 năm học vừa qua, trường đạt chuẩn.")] == [("9 năm", "duration")]


# -- sessions and rounds are counted; a % of plan after a list is its head's when only the head's plan is whole


def test_sessions_that_exceed_their_total_are_a_doubt() -> None:
    text = ("Sở đã tổ chức được 74 phiên giao dịch việc làm, trong đó tổ chức phiên định kỳ được 16 phiên, lưu động 2 "
            "phiên và 58 phiên được tổ chức bằng hình thức online, đạt 148% so với kế hoạch.")
    # 16 + 2 + 58 = 76 > 74; 74 / 148% = 50 sessions planned (58 / 148% = 39,2 is no plan)
    assert _loud(text) == [("SUM002", "warning")]


@pytest.mark.parametrize("text,expected", [
    ("Xã đã tổ chức 12 buổi tuyên truyền, trong đó có 5 buổi lưu động, đạt 120% kế hoạch.", []),
    # the part's plan is whole: the percent stays the part's (7 / 140% = 5)
    ("Xã đã tổ chức 12 buổi tuyên truyền, trong đó có 7 buổi lưu động, đạt 140% kế hoạch.", []),
    # neither plan is whole: the part keeps it, and it is a doubt
    ("Xã đã tổ chức 13 buổi tuyên truyền, trong đó có 5 buổi lưu động, đạt 121% kế hoạch.", [("PCT005", "warning")]),
])
def test_a_percent_of_plan_after_a_list(text: str, expected: list) -> None:
    assert _loud(text) == expected


def test_rounds_are_counted() -> None:
    from auditor.extract.vn import is_count_unit

    assert is_count_unit("đợt") and is_count_unit("phiên")


# -- a share and its own breakdown in brackets are two levels (real50 006)


def test_a_share_and_its_bracketed_breakdown_are_not_one_structure() -> None:
    text = ("Bắc Trà My có 48.488 người; trong đó, đồng bào DTTS có 26.813 người, chiếm tỷ lệ 55,3% dân số toàn huyện (dân "
            "tộc Xơ Đăng 40,2%, Co 11,24 %, M’nông 1,83%, các dân tộc thiểu số khác chiếm 2,02%).")
    assert rules_of(text) == []


@pytest.mark.parametrize("text,expected", [
    ("Cơ cấu kinh tế: khu vực nông, lâm nghiệp và thủy sản chiếm 38,4%; công nghiệp - xây dựng chiếm 31,2%; dịch vụ "
     "chiếm 36,9%.", ["SHR001"]),
    ("Cơ cấu kinh tế: khu vực nông, lâm nghiệp và thủy sản chiếm 31,9%; công nghiệp - xây dựng chiếm 31,2%; dịch vụ "
     "chiếm 36,9%.", []),
    # a breakdown of all of it in brackets is still one level (the same depth)
    ("Cơ cấu dân tộc của huyện (Kinh chiếm 60%, Tày 30%, các dân tộc khác 15%).", ["SHR001"]),
])
def test_a_structure_of_one_level_still_adds_up(text: str, expected: list[str]) -> None:
    assert rules_of(text) == expected


# -- real49, real50, real51 (social protection, ethnic and religious affairs, half-year reviews)


def test_the_head_of_a_list_is_the_nearer_number_even_in_an_unlisted_noun() -> None:
    text = ("Phật giáo Nam tông Khmer: Có 15 cơ sở thờ tự, 303 chức sắc, chức việc, nhà tu hành (trong đó: 01 Hòa Thượng; "
            "11 Thượng tọa; 139 tỳ kheo, 152 sadi) với 29.330 tín đồ.")
    assert rules_of(text) == []


def test_gom_after_another_group_named_after_a_comma_is_that_groups() -> None:
    text = ("Đợt này thị trấn cấp phát tiền hỗ trợ cho 02 đối tượng hộ gia đình chính sách hưởng chi trả hàng tháng, hộ "
            "bảo trợ xã hội gồm 221 đối tượng với tổng số tiền 331.500.000 đồng.")
    assert rules_of(text) == []


@pytest.mark.parametrize("text", ["Toàn huyện có 22 người, gồm 10 cán bộ và 13 công chức.",
                                  "Toàn huyện có 70 trường công lập, gồm 23 trường mầm non, 26 trường tiểu học và 19 "
                                  "trường trung học cơ sở."])
def test_gom_right_after_its_count_still_heads_the_list(text: str) -> None:
    assert rules_of(text) == ["SUM002"]


def test_the_appendix_of_an_act_cited_is_not_the_reports() -> None:
    assert rules_of("Theo phụ lục kèm quyết định, 85 xã, phường được nhận kinh phí tùy theo mức độ nhu cầu.") == []
    assert rules_of("Chi tiết có Phụ lục 1 kèm theo báo cáo này.") == ["CMP005"]


def test_a_headline_of_two_actions_together_is_not_one_of_them() -> None:
    text = ("Năm 2023, toàn huyện xây dựng mới và sửa chữa 25 nhà Đại đoàn kết cho hộ nghèo\n\n"
            "Trong năm 2023, huyện đã tiến hành xây mới 24 nhà Đại đoàn kết và sửa chữa 01 ngôi nhà khác với tổng số tiền "
            "trên 1,2 tỷ đồng.")
    assert rules_of(text) == []


def test_figures_under_two_topics_are_two_quantities() -> None:
    text = ("Về sản xuất nông nghiệp, tổng diện tích gieo trồng đạt 23.012 ha; tổng sản lượng lương thực đạt 58.240 tấn. "
            "Về thủy sản, diện tích nuôi trồng 49,5 ha, trong 9 tháng đạt sản lượng 123 tấn.")
    assert [f for f in _loud(text) if f[0] == "VAL001"] == []
    other = ("Về sản xuất nông nghiệp, tổng sản lượng lương thực cả năm đạt 58.240 tấn.\n"
             "Về thủy sản, tổng sản lượng lương thực cả năm đạt 58.420 tấn.")
    assert [f for f in _loud(other) if f[0] == "VAL001"] == []


def test_figures_under_one_topic_are_still_compared() -> None:
    text = ("Về sản xuất nông nghiệp, tổng sản lượng lương thực cả năm đạt 58.240 tấn.\n"
            "Tóm lại, về sản xuất nông nghiệp, tổng sản lượng lương thực cả năm đạt 58.420 tấn.")
    assert [f for f in _loud(text) if f[0] == "VAL001"] == [("VAL001", "warning")]


@pytest.mark.parametrize("text,expected", [
    # a quantity's name is read in its own sentence, never the one before (real50 019)
    ("Sản lượng bình quân đạt 3.366 tấn/vụ, chiếm 1/3 sản lượng lúa toàn huyện. Cây trồng chủ yếu khác tại vùng đồng "
     "bào dân tộc thiểu số là 24 ha.", []),
    ("Cây ngô: diện tích 40 ha, sản lượng 52 tạ/ha.", ["UNIT006"]),
    ("Cây ngô có diện tích 40 ha. Sản lượng đạt 52 tạ/ha.", ["UNIT006"]),
])
def test_a_name_and_its_unit_are_read_in_one_sentence(text: str, expected: list[str]) -> None:
    from auditor.extract import extract_bytes

    assert [p.rule_id for p in extract_bytes(text.encode(), "t.txt").problems if p.rule_id == "UNIT006"] == expected


# -- a level named “mức độ 3” is a label; clans and communities are counted (real25 007, real42 028)


@pytest.mark.parametrize("pct,expected", [("54%", ["PCT003"]), ("55,6%", [])])
def test_a_fraction_then_a_level_label_then_its_percent(pct: str, expected: list[str]) -> None:
    text = (f"Cả nước có 35/63 tỉnh,thành phố được công nhận đạt chuẩn phổ cập giáo dục tiểu học mức độ 3, đạt tỷ lệ {pct}.")
    assert rules_of(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Toàn huyện có 91/74 cộng đồng đã đăng ký được công nhận Cộng đồng hiếu học.", [("PCT007", "warning")]),
    ("Toàn huyện có 21/22 dòng họ đã đăng ký được công nhận Dòng họ hiếu học.", []),
])
def test_clans_and_communities_are_counted(text: str, expected: list) -> None:
    assert _loud(text) == expected
