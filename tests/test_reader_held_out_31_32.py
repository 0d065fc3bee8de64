"""What the held-out sets real31 (the economy) and real32 (civic life) taught the reader, each class
on phrasings of our own, both ways: the false readings they showed stay silent, the readings next to
them still fire on a real defect."""

from __future__ import annotations

from auditor.extract.numbers import tokenize
from tests.test_reader_phrasings import rules_of

# -- a fraction of members, then a list of their own figures (real31 014–016)

def test_a_percent_after_a_list_opens_is_an_items_not_the_fractions() -> None:
    text = ("Có 9/17 ngành có số doanh nghiệp thành lập mới tăng so với cùng kỳ năm 2022, trong đó có: Giáo dục và đào "
            "tạo (tăng 49,7%); Y tế (tăng 23,5%).")
    assert "CHG001" not in rules_of(text)
    text = "Tất cả 6/6 khu vực đều có số doanh nghiệp tăng: Tây Nguyên (399 doanh nghiệp, tăng 44,0%)."
    assert "CHG001" not in rules_of(text)


def test_a_fractions_own_rise_is_still_checked() -> None:
    assert "CHG001" in rules_of("Diện tích lúa gieo cấy đạt 120/100 ha, tăng 30% so với kế hoạch.")
    assert rules_of("Diện tích lúa gieo cấy đạt 120/100 ha, tăng 20% so với kế hoạch.") == []


# -- a base named like the part itself (real31 004)

def test_a_siblings_value_of_the_same_name_is_not_the_base() -> None:
    text = ("Hà Nội dẫn đầu với tổng vốn đầu tư đăng ký gần 2,53 tỷ USD, chiếm gần 12,5% tổng vốn đầu tư đăng ký. "
            "TP. Hồ Chí Minh với tổng vốn đầu tư đăng ký hơn 1,955 tỷ USD, đứng thứ 3 cả nước.")
    assert rules_of(text) == []


def test_a_whole_of_that_name_is_still_the_base() -> None:
    text = ("Tổng sản lượng vải thiều đạt 199,5 nghìn tấn. Sản lượng vải thiều xuất khẩu đạt khoảng 80 nghìn tấn (chiếm "
            "{p}% tổng sản lượng).")
    assert "PCT003" in rules_of(text.format(p="45,07"))
    assert rules_of(text.format(p="40,10")) == []


# -- shares of one named total said of two spans (real31 005)

def test_shares_of_a_total_in_another_span_are_not_compared() -> None:
    text = ("TP Hồ Chí Minh thu hút 3,08 tỷ USD vốn đầu tư, chiếm 10,7% tổng vốn đầu tư cả nước. Trước đó, sau 10 tháng "
            "năm 2023, Hải Phòng thu hút 2,8 tỷ USD vốn đầu tư, chiếm 10,9% tổng vốn đầu tư cả nước.")
    assert "PCT004" not in rules_of(text)


def test_shares_of_a_total_in_one_span_are_still_compared() -> None:
    text = ("TP Hồ Chí Minh thu hút 3,08 tỷ USD vốn đầu tư, chiếm 10,7% tổng vốn đầu tư cả nước. Hải Phòng thu hút "
            "2,8 tỷ USD vốn đầu tư, chiếm 10,9% tổng vốn đầu tư cả nước.")
    assert "PCT004" in rules_of(text)


# -- the bar of a criterion (real31 012)

def test_the_bar_a_counted_group_is_chosen_by_is_no_value() -> None:
    text = ("Cả nước có 7 tỉnh, thành phố có kim ngạch xuất khẩu đạt từ 10 tỷ USD trở lên. Trong đó, TP HCM tiếp tục dẫn "
            "đầu với 19,95 tỷ USD.")
    assert [t.form for t in tokenize(text) if t.text == "10"] == ["threshold"]
    assert rules_of(text) == []


def test_a_target_with_from_and_upward_is_still_a_value() -> None:
    assert [t.form for t in tokenize("Tổng sản phẩm trên địa bàn tăng từ 8,5% trở lên.") if t.text == "8,5"] == ["number"]
    assert [t.form for t in tokenize("Thu ngân sách đạt từ 500 tỷ đồng trở lên.") if t.text == "500"] == ["number"]


# -- a bracketed list that trails off (real32 008, 009)

def test_a_bracketed_list_that_trails_off_names_only_some_parts() -> None:
    text = "Bão làm 121.668 cây xanh bị gãy đổ (Hải Phòng 6.059, Hà Nội 24.807, Hưng Yên 9.036, Bắc Ninh 31.860,...)."
    assert rules_of(text) == []
    text = "Mưa bão làm hư hỏng 46.548 ngôi nhà (Quảng Ninh 20.245 nhà, Hải Phòng 13.927 nhà, Lạng Sơn 2.627 nhà...)."
    assert rules_of(text) == []


def test_a_trailing_list_whose_parts_exceed_the_total_and_a_full_list_that_falls_short_still_fire() -> None:
    assert "SUM002" in rules_of("Bão làm 12.668 cây xanh bị gãy đổ (Hải Phòng 6.059, Hà Nội 24.807,...).")
    assert "SUM002" in rules_of("Tiếp nhận 111 đơn (35 khiếu nại, 2 tố cáo, 64 kiến nghị).")


# -- names in two brackets of two counts (real32 008)

def test_a_place_in_the_breakdowns_of_two_counts_is_two_quantities() -> None:
    text = ("22.047 ha hoa màu bị ngập úng, thiệt hại (tập trung tại Hải Phòng 1.600ha; Thái Bình 3.345ha; Hải Dương "
            "2.900ha...);\n6.887 ha cây ăn quả bị hư hại (tăng 1.860ha so với báo cáo ngày 07/9) (tập trung tại Hải "
            "Phòng 1.650ha; Thái Bình 1.385ha, Hải Dương 900ha,...);")
    assert "VAL001" not in rules_of(text)


# -- a comparison with an earlier year inside a breakdown (real32 015)

def test_an_earlier_years_figure_after_the_parts_is_not_a_part() -> None:
    text = ("Số đảng viên nhận lệnh là 79 người, trong đó đảng viên chính thức là 66 người, so với năm ngoái thì giảm "
            "(năm 2021 có 95 đảng viên nhận lệnh nhập ngũ).")
    assert "SUM002" not in rules_of(text)
    text = ("Tổng số lệnh gọi nhập ngũ đã trao là 3.984 người, trong đó lệnh chính thức là 3.800 người, so với năm ngoái "
            "thì tăng (năm 2021 có 3.995 người).")
    assert "SUM002" not in rules_of(text)


def test_parts_that_exceed_their_total_still_fire() -> None:
    text = "Tổng số lệnh gọi nhập ngũ đã trao là 3.984 người, trong đó lệnh chính thức là 3.800 người, dự phòng là 195 người."
    assert "SUM002" in rules_of(text)


# -- a campaign's year is no reporting period (real32 012)

def test_a_campaigns_year_sets_no_reporting_window() -> None:
    text = ("Báo cáo kết quả giao quân năm 2023\n\nTỉnh đã tổ chức giao cho các đơn vị 1.250/1.250 thanh niên, đạt 100% "
            "chỉ tiêu giao.\n\nNguồn: Báo cáo số 235/BC-BCH ngày 06/02/2023 của Bộ Chỉ huy Quân sự tỉnh")
    assert "PER006" not in rules_of(text)


def test_a_years_review_dated_before_the_year_ends_still_fires() -> None:
    text = ("Báo cáo kết quả công tác năm 2023\n\nNăm 2023, xã đã giải quyết 120 hồ sơ, đạt 100% kế hoạch.\n\n"
            "Nguồn: Báo cáo số 235/BC-UBND ngày 06/02/2023 của UBND xã")
    assert "PER006" in rules_of(text)


# -- a total of several kinds, each part one of them (real32 024)

def test_parts_that_are_the_kinds_a_total_lists_may_overlap() -> None:
    text = ("Toàn tỉnh có 2.995.949 người tham gia bảo hiểm xã hội, bảo hiểm y tế, bảo hiểm thất nghiệp, trong đó: Bảo "
            "hiểm xã hội là 374.764 người; Bảo hiểm thất nghiệp là 243.822 người; Bảo hiểm y tế là 2.885.885 người.")
    assert rules_of(text) == []


def test_parts_beyond_a_total_that_lists_no_kinds_are_still_a_doubt() -> None:
    text = ("Toàn tỉnh có 2.995.949 người tham gia bảo hiểm, trong đó: bảo hiểm xã hội tự nguyện là 374.764 người; "
            "bảo hiểm y tế hộ gia đình là 2.885.885 người.")
    assert "SUM002" in rules_of(text)
    # (the kinds are those the total names before its list opens, not the parts' own words after it)
    text = ("Toàn tỉnh có 2.000 người tham gia bảo hiểm xã hội, trong đó bảo hiểm xã hội bắt buộc là 1.500 người, bảo "
            "hiểm xã hội tự nguyện là 700 người.")
    assert "SUM002" in rules_of(text)


# -- a percent that would change a small count by less than one (real32 028)

def test_a_percent_beside_a_small_count_is_no_change_of_it() -> None:
    text = "25% tốt nghiệp đại học, cao đẳng hoặc trung cấp, trong đó có 7 đảng viên, tăng 4% so với năm 2023."
    assert "CHG002" not in rules_of(text)


def test_a_counts_percent_that_implies_no_whole_earlier_count_still_fires() -> None:
    assert "CHG002" in rules_of("Năm 2024, chi bộ kết nạp 37 đảng viên mới, tăng 24% so với năm trước.")


# -- a change named after its level in the sentence before (real23 018)

_LEVELS = "Toàn quốc đã bắt 329 đối tượng truy nã, 123 đối tượng nguy hiểm và đặc biệt nguy hiểm. "


def test_a_change_named_like_a_level_of_the_sentence_before_is_its_change() -> None:
    text = _LEVELS + ("So với tháng 4/2023, số đối tượng truy nã đã bắt, vận động đầu thú giảm 21 đối tượng (-6,00%), "
                      "số đối tượng nguy hiểm và đặc biệt nguy hiểm bị bắt giảm 10 đối tượng (-{p}%).")
    assert [r for r in rules_of(text.format(p="7,25"))] == ["CHG001"]   # 10 / (123 + 10) = 7,52 %
    assert rules_of(text.format(p="7,52")) == []


def test_a_change_whose_name_fits_no_one_level_is_left_alone() -> None:
    # (the name fits both levels' nouns, or names no count)
    text = _LEVELS + "So với tháng 4/2023, số đối tượng bị bắt giảm 10 đối tượng (-7,25%)."
    assert rules_of(text) == []
    text = _LEVELS + "So với tháng 4/2023, đối tượng truy nã giảm 10 đối tượng (-7,25%)."
    assert rules_of(text) == []


# -- houses counted (invented disaster report; real32 004)

def test_houses_are_counted_and_their_breakdown_checked() -> None:
    text = "Về nhà ở: 126 nhà bị tốc mái, hư hỏng (thôn 1: 34 nhà; thôn 2: 41 nhà; thôn 3: 28 nhà; thôn 4: {n} nhà)."
    assert "SUM002" in rules_of(text.format(n="32"))
    assert rules_of(text.format(n="23")) == []


# -- cases of judgment enforcement, and a count stated before the part of it done (an invented justice report)

def test_cases_are_counted_and_their_parts_checked() -> None:
    text = "Tổng số việc phải thi hành là 1.126 việc (năm trước chuyển sang 412 việc, thụ lý mới {n} việc)."
    assert "SUM002" in rules_of(text.format(n="741"))
    assert rules_of(text.format(n="714")) == []


def test_the_part_done_of_a_count_stated_before_it() -> None:
    for lead in ("Số đơn thuộc thẩm quyền 58 đơn", "Trong kỳ có 58 đơn thuộc thẩm quyền"):
        assert "PCT003" in rules_of(f"{lead}, đã giải quyết 52 đơn, đạt 86,66%.")
        assert rules_of(f"{lead}, đã giải quyết 52 đơn, đạt 89,66%.") == []
    # (a sum of money is no count of things received)
    assert rules_of("Số tiền phải thu 58 triệu đồng, đã thu 52 triệu đồng, đạt 86,66%.") == []


# -- a total whose noun joins its parts' nouns (an invented emulation review)

def test_a_total_of_collectives_and_individuals_and_its_bracket() -> None:
    text = "Đề nghị UBND tỉnh tặng Bằng khen cho 46 lượt tập thể và cá nhân (18 tập thể, {n} cá nhân)."
    assert "SUM002" in rules_of(text.format(n="29"))
    assert rules_of(text.format(n="28")) == []
    # (a bracket counting nouns the total does not name is not its breakdown)
    assert rules_of("Đề nghị tặng Bằng khen cho 46 lượt cá nhân (18 tập thể, 29 hộ).") == []


# -- ballots counted (an invented election report)

def test_ballots_are_counted_and_their_shares_compared() -> None:
    text = ("Tổng số phiếu thu vào 8.617 phiếu; số phiếu hợp lệ 8.540 phiếu, chiếm 99,11%; số phiếu không hợp lệ {n} "
            "phiếu, chiếm 0,89%.")
    assert "PCT004" in rules_of(text.format(n="67"))     # 8.540 / 99,11 % ≈ 8.617, but 67 / 0,89 % ≈ 7.528
    assert rules_of(text.format(n="77")) == []


# -- a total said as a part of a target, and its part's bare share (real32 015)

def test_a_parts_bare_share_under_a_total_said_of_a_target_is_not_read_against_the_total() -> None:
    text = ("Tổng số lệnh gọi nhập ngũ đã trao là 3.984 người. Số đảng viên nhận lệnh là 79 người (đạt 2,08% so với "
            "chỉ tiêu), trong đó đảng viên chính thức là 66 người (chiếm 1,74%).")
    assert rules_of(text) == []


def test_a_parts_share_of_a_plain_total_is_still_checked() -> None:
    text = "Số đảng viên nhận lệnh là 79 người, trong đó đảng viên chính thức là 66 người (chiếm {p}%)."
    assert "PCT003" in rules_of(text.format(p="81,54"))
    assert rules_of(text.format(p="83,54")) == []
