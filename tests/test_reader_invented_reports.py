"""Constructions met in invented reports of realistic shape (a district's poverty programme, …): a
signatory of the Central Highlands' peoples, products of a count named by a classifier and their amount
each, one per clause. Phrasings of our own, both ways."""

from __future__ import annotations

import pytest

from tests.test_reader_phrasings import loud, page

BODY = "BÁO CÁO\nKết quả công tác năm 2023\n\nNăm 2023 xã có 12 tập thể được khen thưởng.\n\n"


@pytest.mark.parametrize("name", ["Y Hoan Byă", "H'Yim Kđoh", "Ksor Y Phước", "Nguyễn Văn A"])
def test_a_signatory_of_the_highlands_is_read(name: str) -> None:
    r = page(BODY + f"TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n{name}\n")
    assert r.meta.signatory is not None and r.meta.signatory.name == name
    assert "CMP003" not in {f[0] for f in loud(r)}


def test_a_signature_without_a_name_is_still_reported() -> None:
    assert "CMP003" in {f[0] for f in loud(page(BODY + "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n"))}


HOUSES = ("Hỗ trợ xây dựng 120 căn nhà cho hộ nghèo, mỗi căn 40 triệu đồng, tổng kinh phí {a} triệu đồng; sửa chữa "
          "35 căn nhà, mỗi căn 20 triệu đồng, tổng kinh phí {b} triệu đồng.")


def test_count_times_each_in_each_clause() -> None:
    assert loud(page(HOUSES.format(a="4.800", b="700"))) == []
    first = loud(page(HOUSES.format(a="4.600", b="700")))
    assert [(f[0], f[1]) for f in first] == [("PRD001", "error")] and "4.800" in first[0][2]
    second = loud(page(HOUSES.format(a="4.800", b="800")))
    assert [(f[0], f[1]) for f in second] == [("PRD001", "error")] and "700" in second[0][2]


ATTENDANCE = ("Hội đồng Thi đua - Khen thưởng tỉnh gồm 19 thành viên, có mặt 17 thành viên, vắng 02 thành viên (có lý "
              "do), đạt {p}%, đủ điều kiện theo quy định.\nHội đồng tiếp tục họp.\n")


def test_a_percent_is_the_share_that_holds_of_the_stated_total() -> None:
    # 17 / 19 = 89,47%: the attendance, not the two absent members' share of an unstated total
    assert loud(page(ATTENDANCE.format(p="89,47"))) == []
    # a percent no count of the sentence gives is still doubted
    assert loud(page(ATTENDANCE.format(p="89,74"))) != []


FILES = ("Trung tâm tiếp nhận 6.842 hồ sơ, đã giải quyết {a} hồ sơ, trong đó đúng hạn 6.702 hồ sơ, đạt 99,81%; "
         "đang giải quyết 127 hồ sơ.\nTrung tâm tiếp tục cải cách.\n")


def test_what_is_still_being_done_is_no_part_of_what_was_done() -> None:
    assert loud(page(FILES.format(a="6.715"))) == []
    # a part above its total is still caught
    assert "SUM002" in {f[0] for f in loud(page(FILES.format(a="6.615")))}


def test_the_next_item_after_a_semicolon_is_beside_the_total() -> None:
    text = ("Trong các nguồn thu, thu nội địa 9.877 tỷ đồng, trong đó, 7/16 khoản thu đạt tiến độ; kế đến là thu dầu thô "
            "8.097 tỷ đồng; thu xuất nhập khẩu 4.081 tỷ đồng.\nTỉnh tiếp tục.\n")
    assert loud(page(text)) == []


REVENUE = ("Tổng thu ngân sách 10 tháng ước {t} tỷ đồng, đạt 87,9% dự toán.\nCụ thể, thu dầu thô 27.412 tỷ đồng; thu thuế "
           "xuất nhập khẩu 18.613 tỷ đồng.\nTỉnh tiếp tục.\n")


def test_main_parts_far_short_of_the_total_leave_a_part_unlisted() -> None:
    # 46.025 of 77.856: a fifth or more short, a part left out, not a figure written wrong
    assert [f for f in loud(page(REVENUE.format(t="77.856"))) if f[0] == "SUM002"] == []
    # a little short is still a doubt (“cụ thể” may list only the main parts: a warning)
    assert [(f[0], f[1]) for f in loud(page(REVENUE.format(t="47.025"))) if f[0] == "SUM002"] == [("SUM002", "warning")]


# ---------------------------------------------------------------- (s21) model examples counted by field

MODELS = ("Giai đoạn 2020 - 2025, toàn huyện đã phát hiện, bồi dưỡng 245 điển hình tiên tiến, trong đó: lĩnh vực kinh tế 98 "
          "điển hình (40%), lĩnh vực văn hóa - xã hội 87 điển hình ({p}%), lĩnh vực quốc phòng - an ninh 34 điển hình "
          "(13,88%), lĩnh vực xây dựng Đảng, chính quyền 26 điển hình (10,61%).")


def test_model_examples_are_counted_and_their_shares_checked() -> None:
    r = page(MODELS.format(p="35,51"))
    assert [(t.total.text, [p.value.text for p in t.parts]) for t in r.totals] == [("245", ["98", "87", "34", "26"])]
    assert loud(r) == []
    assert "PCT003" in {f[0] for f in loud(page(MODELS.format(p="36,51")))}


def test_cases_are_counted_as_cases_not_schools() -> None:
    from auditor.extract.numbers import tokenize

    assert [t.unit for t in tokenize("Khen thưởng cấp Nhà nước: 12 trường hợp; 3 trường đạt chuẩn")] == ["trường hợp",
                                                                                                      "trường"]


# ---------------------------------------------------------------- (s21) a value N times an earlier one

INCOME = "Thu nhập bình quân đầu người năm 2025 ước đạt 72 triệu đồng, {how} {n} lần năm 2020 (45 triệu đồng)."


def test_a_value_n_times_the_one_in_brackets_is_checked() -> None:
    r = page(INCOME.format(how="gấp", n="1,6"))
    assert [(p.result.text, [f.text for f in p.factors]) for p in r.products] == [("72", ["45", "1,6"])]
    assert loud(r) == []
    assert [f[:2] for f in loud(page(INCOME.format(how="gấp", n="1,8")))] == [("PRD001", "warning")]


@pytest.mark.parametrize("text", [
    INCOME.format(how="tăng", n="1,8"),                                    # (×N or +N×100%: not read)
    "Tổng vốn huy động đạt 1.200 tỷ đồng, gấp 2 lần năm 2020.",           # (no earlier value written)
    "Thu nhập đạt 72 triệu đồng, gấp hơn 1,8 lần năm 2020 (45 triệu đồng).",  # (a bound)
])
def test_no_multiple_is_read_without_a_written_base_or_with_increase(text: str) -> None:
    assert page(text).products == []


# ---------------------------------------------------------------- (s25) a change's size in brackets before its base

CASES = "Lũy kế 11 tháng, xảy ra 58 vụ, giảm {d} vụ ({p}%) so với cùng kỳ năm 2023 (67 vụ)."


@pytest.mark.parametrize("d,p,fires", [("9", "13,43", False), ("9", "14,43", True), ("19", "13,43", True)])
def test_a_change_with_its_size_in_brackets_then_its_base(d: str, p: str, fires: bool) -> None:
    r = page(CASES.format(d=d, p=p))
    assert [(c.value.text, c.prior.text, c.delta.text, c.percent.text) for c in r.changes] == [("58", "67", d, p)]
    assert ("CHG001" in {f[0] for f in loud(r)}) is fires


@pytest.mark.parametrize("done,fires", [("12/12", False), ("11/12", True)])
def test_a_percent_of_a_named_plan_then_its_fraction_in_brackets(done: str, fires: bool) -> None:
    # (a commune's half-year report: “Hoàn thành 100% chỉ tiêu giao quân năm 2024 (12/12 thanh niên)”)
    found = [f[0] for f in loud(page(f"Hoàn thành 100% chỉ tiêu giao quân năm 2024 ({done} thanh niên)."))]
    assert ("PCT001" in found) is fires and (found == [] or fires)


_SOURCES = ("Tổng thu ngân sách xã: 7.640 triệu đồng, gồm: thu ngân sách xã được hưởng theo phân cấp 2.310 triệu đồng; "
            "thu bổ sung từ ngân sách cấp trên 5.330 triệu đồng (bổ sung cân đối 4.980 triệu đồng, bổ sung có mục tiêu "
            "{b} triệu đồng).")


@pytest.mark.parametrize("b,fires", [("350", False), ("530", True)])
def test_an_amount_and_its_sources_in_the_bracket_after_it(b: str, fires: bool) -> None:
    # (a commune council's budget resolution: an amount of money broken down right after its unit)
    found = [f[0] for f in loud(page(_SOURCES.format(b=b)))]
    assert ("SUM002" in found) is fires and (found == [] or fires)


def test_a_bracket_after_an_amount_that_says_something_else_is_no_breakdown() -> None:
    # (an earlier year's amount and the plan are no parts of it)
    text = "Thu bổ sung từ ngân sách cấp trên 5.330 triệu đồng (năm 2023 là 4.980 triệu đồng, kế hoạch 5.000 triệu đồng)."
    assert "SUM002" not in [f[0] for f in loud(page(text))]


# -- a district's report on the cultural movement (an invented report of realistic shape)

_CULTURE = ("Năm 2024, toàn huyện có 18.420/19.850 hộ gia đình được công nhận danh hiệu \"Gia đình văn hóa\", đạt 92,8%; "
            "trong đó có 6.215 hộ đạt danh hiệu 3 năm liên tục, chiếm {p}% số hộ gia đình văn hóa.")


def test_a_share_of_a_fractions_count_is_read_against_it_when_that_holds() -> None:
    # 6.215 / 18.420 = 33,74% (of the titled households, as named), not of all 19.850 households (31,31%)
    assert loud(page(_CULTURE.format(p="33,7"))) == []
    found = loud(page(_CULTURE.format(p="35,7")))
    assert [(f[0], f[1]) for f in found] == [("PCT003", "warning")]


_VISITORS = ("Năm 2024, toàn huyện đón 185.600 lượt khách du lịch, tăng {t}% so với năm 2023, trong đó khách quốc tế "
             "12.300 lượt, tăng 24,1%; khách nội địa 173.300 lượt, tăng 18,1%.")


def test_visitors_and_their_growth_by_origin() -> None:
    # earlier: 12.300 / 1,241 + 173.300 / 1,181 = 156.651,5; 185.600 / 156.651,5 − 1 = 18,48%
    assert loud(page(_VISITORS.format(t="18,5"))) == []
    assert [(f[0], f[1]) for f in loud(page(_VISITORS.format(t="21,5")))] == [("CHG003", "warning")]


# -- a district's report on the national target programmes (an invented report of realistic shape)

_BIRTHS = "Số trẻ sinh ra trong năm 1.186 trẻ, trong đó sinh con thứ ba trở lên 214 trẻ, chiếm {p}%."


def test_children_are_counted() -> None:
    # 214 / 1.186 = 18,04%
    assert loud(page(_BIRTHS.format(p="18,04"))) == []
    assert [(f[0], f[1]) for f in loud(page(_BIRTHS.format(p="19,04")))] == [("PCT003", "warning")]


@pytest.mark.parametrize("text", [
    "Tỷ lệ hộ nghèo giảm {d} điểm phần trăm (từ 23,58% xuống 18,42%).",
    "Tỷ lệ hộ nghèo giảm từ 23,58% xuống còn 18,42%, giảm {d} điểm phần trăm.",
    "Tỷ lệ hộ nghèo giảm {d} điểm % (từ 23,58% xuống 18,42%).",
])
def test_a_rates_fall_in_points_written_in_words(text: str) -> None:
    assert loud(page(text.format(d="5,16"))) == []
    found = loud(page(text.format(d="5,61")))
    assert [(f[0], f[1]) for f in found] == [("CHG001", "error")] and "5,16" in found[0][2]


@pytest.mark.parametrize("before", ["Năm 2024, ", "Ngày 15/3/2024, ", "Theo Quyết định số 125/QĐ-UBND, "])
def test_a_total_after_its_parts_in_a_sentence_opening_with_a_year_or_a_document(before: str) -> None:
    text = before + "UBND xã tặng Giấy khen cho 15 tập thể và 42 cá nhân, tổng cộng {n} lượt."
    assert loud(page(text.format(n="57"))) == []
    assert [(f[0], f[1]) for f in loud(page(text.format(n="59")))] == [("SUM002", "error")]


# -- a district's emulation review (an invented report of realistic shape)

_EACH_COMES_TO = "Chi tiền thưởng cho 412 cá nhân, mỗi cá nhân 370.000 đồng, {w} {a} đồng."


@pytest.mark.parametrize("w", ["là", "số tiền", "số tiền là"])
def test_a_count_times_the_amount_each_then_what_it_comes_to(w: str) -> None:
    # 412 × 370.000 = 152.440.000
    assert loud(page(_EACH_COMES_TO.format(w=w, a="152.440.000"))) == []
    assert [(f[0], f[1]) for f in loud(page(_EACH_COMES_TO.format(w=w, a="152.840.000")))] == [("PRD001", "error")]


def test_after_each_amount_a_la_that_opens_a_clause_is_no_total() -> None:
    assert loud(page("Hỗ trợ 20 hộ, mỗi hộ 2 triệu đồng, là hộ nghèo; kinh phí 45 triệu đồng.")) == []


_BY_KIND = ("Chủ tịch UBND huyện tặng Giấy khen cho 156 lượt tập thể và 412 lượt cá nhân, {m}: khen thưởng theo công "
            "trạng 98 tập thể, 285 cá nhân; khen thưởng theo đợt 52 tập thể, 117 cá nhân; khen thưởng đột xuất {a} tập "
            "thể, {b} cá nhân.")


@pytest.mark.parametrize("marker", ["trong đó", "gồm"])
def test_counts_of_lượt_take_the_parts_of_their_noun(marker: str) -> None:
    # 98 + 52 + 6 = 156 collectives, 285 + 117 + 10 = 412 individuals
    assert loud(page(_BY_KIND.format(m=marker, a="6", b="10"))) == []
    found = loud(page(_BY_KIND.format(m=marker, a="8", b="10")))
    assert [f[0] for f in found] == ["SUM002"] and "98 + 52 + 8" in found[0][2]


# -- a commune's half-year report (an invented report of realistic shape)

_PUPILS = "Tổng số học sinh các cấp học là 1.642 em, trong đó mầm non 412 em, tiểu học 706 em, trung học cơ sở {n} em."


def test_pupils_are_counted_as_em() -> None:
    assert loud(page(_PUPILS.format(n="524"))) == []
    assert [(f[0], f[1]) for f in loud(page(_PUPILS.format(n="534")))] == [("SUM002", "warning")]


# -- a school year's review (an invented report of realistic shape)

def test_a_school_year_compared_with_is_not_the_reports() -> None:
    from tests.test_reader_phrasings import audit_report

    head = ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO\nSố: 356/BC-PGDĐT\nAn Lạc, ngày 12 tháng 6 năm 2024\n\nBÁO CÁO\nTổng kết năm học "
            "2023 - 2024\n\n")
    body = "Năm học 2023 - 2024, toàn huyện có 23.450 học sinh, tăng 615 học sinh {w} năm học 2022 - 2023.\n"
    ids = {f.rule_id for f in audit_report(page(head + body.format(w="so với")), "t")}
    assert "CAL007" not in ids
    ids = {f.rule_id for f in audit_report(page(head + body.format(w="trong")), "t")}
    assert "CAL007" in ids  # (the past school year said of this report's figures: noted, as info)


# -- a district's health and population report (an invented report of realistic shape)

@pytest.mark.parametrize("text,fires", [
    ("Số trẻ sinh ra trong năm {n} trẻ, trong đó 1.532 trẻ trai và 1.383 trẻ gái.", True),
    ("Dân số {n} người, trong đó nam 1.532 người, nữ 1.383 người.", True),
    ("Năm 2024, giải quyết việc làm cho {n} lao động, trong đó làm việc trong nước 1.532 người, xuất khẩu lao động "
     "1.383 người.", True),
    ("Toàn huyện có {n} học sinh, trong đó khu vực thành thị 1.532 em, nông thôn 1.383 em.", True),
    # one side only, or two attributes that may overlap: a “trong đó” of some of them
    ("Toàn huyện có {n} lao động được đào tạo, trong đó 1.532 lao động nữ, 1.383 lao động là người dân tộc thiểu số.",
     False),
])
def test_two_sides_of_one_division_make_the_whole(text: str, fires: bool) -> None:
    assert loud(page(text.format(n="2.915"))) == []
    found = loud(page(text.format(n="2.951")))
    assert [(f[0], f[1]) for f in found] == ([("SUM002", "warning")] if fires else [])


_VISITS = ("Năm 2023, các cơ sở y tế đã khám bệnh cho 186.420 lượt người, đạt 103,6% kế hoạch, tăng 12.850 lượt (tăng {p}%) "
           "so với năm 2022.")


def test_a_change_counted_by_the_first_word_of_the_levels_noun() -> None:
    # 12.850 / (186.420 − 12.850) = 7,40%
    assert loud(page(_VISITS.format(p="7,4"))) == []
    assert [(f[0], f[1]) for f in loud(page(_VISITS.format(p="7,9")))] == [("CHG001", "error")]


_PLACED = ("Đã giới thiệu được {n} lao động có việc làm. Trong đó, làm việc trong nước là 2.485 người, tham gia xuất "
           "khẩu nước ngoài là 240 người.")


def test_parts_counted_as_people_of_a_total_counted_by_a_noun_of_people() -> None:
    assert loud(page(_PLACED.format(n="2.725"))) == []
    assert [(f[0], f[1]) for f in loud(page(_PLACED.format(n="2.885")))] == [("SUM002", "warning")]
    # (households are not people: no total is read)
    assert loud(page(_PLACED.format(n="2.885").replace("lao động có việc làm", "hộ có việc làm"))) == []


_INCOME = ("Thu nhập bình quân đầu người khu vực nông thôn năm 2024 ước đạt 58,6 triệu đồng/người/năm, tăng 5,2 triệu đồng "
           "so với năm 2023 ({p} triệu đồng/người/năm).")


def test_the_earlier_level_in_brackets_in_the_levels_unit() -> None:
    assert loud(page(_INCOME.format(p="53,4"))) == []
    assert [(f[0], f[1]) for f in loud(page(_INCOME.format(p="52,4")))] == [("CHG001", "warning")]
