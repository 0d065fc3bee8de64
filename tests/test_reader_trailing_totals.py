"""A total written after its parts (“15 tập thể và 42 cá nhân, tổng cộng 57 lượt”,
extract/trailing_totals.py). Phrasings of our own, both ways, and the readings it must not make."""

from __future__ import annotations

import pytest

from tests.test_reader_phrasings import loud, page

# (sentence, the total as written, its parts as written, confidence)
READ = [
    ("UBND xã tặng Giấy khen cho 15 tập thể và 42 cá nhân, tổng cộng 57 lượt.", "57", ["15", "42"], "explicit"),
    ("Thôn Đông 120 hộ, thôn Tây 95 hộ, thôn Nam 80 hộ; tổng cộng 295 hộ.", "295", ["120", "95", "80"], "explicit"),
    ("Xã đã hỗ trợ 12 hộ nghèo, 8 hộ cận nghèo và 5 hộ khó khăn (tổng số 25 hộ).", "25", ["12", "8", "5"],
     "explicit"),
    ("Chủ tịch UBND huyện tặng Giấy khen cho 1.205 cá nhân, 96 tập thể, 18 hộ gia đình, tổng cộng: 1.319 lượt.",
     "1.319", ["1.205", "96", "18"], "explicit"),
    ("Hỗ trợ thôn Bắc 20 triệu đồng, thôn Trung 35 triệu đồng và thôn Nam 15 triệu đồng, tổng cộng số tiền hỗ trợ "
     "là 70 triệu đồng.", "70", ["20", "35", "15"], "explicit"),
    ("Năm qua, 36 đảng viên được tặng Huy hiệu 30 năm tuổi Đảng, 12 đảng viên được tặng Huy hiệu 40 năm tuổi Đảng "
     "và 5 đảng viên được tặng Huy hiệu 50 năm tuổi Đảng, tổng cộng 53 đảng viên.", None, None, None),
    ("Hội Nông dân xã có 145 hội viên ở thôn Đông, 132 hội viên ở các thôn ven sông và khu mới, tổng cộng 277 "
     "hội viên.", "277", ["145", "132"], "inferred"),
]
READ_OK = [r for r in READ if r[1] is not None]


def trailing(text: str) -> list[tuple[str, list[str], str]]:
    return [(t.total.text, [p.value.text for p in t.parts], t.confidence) for t in page(text).totals
            if t.reading and "sau danh sách" in t.reading]


@pytest.mark.parametrize("text,total,parts,confidence", READ_OK)
def test_a_total_after_its_parts_is_read_and_correct_arithmetic_is_silent(text, total, parts, confidence):
    assert trailing(text) == [(total, parts, confidence)]
    assert loud(page(text)) == []


@pytest.mark.parametrize("text,total,parts,confidence", READ_OK)
def test_a_total_that_is_not_the_sum_of_the_parts_before_it_is_found(text, total, parts, confidence):
    # the total's first digit changed: beyond the rounding of any amount written without decimals
    wrong = text.replace(f" {total} ", f" {(int(total[0]) % 9) + 1}{total[1:]} ")
    assert wrong != text
    found = [(rule, sev) for rule, sev, _msg in loud(page(wrong))]
    # an unmistakable list is an error; one whose parts are parted by more words is a reading: a warning
    assert found == [("SUM002", "error" if confidence == "explicit" else "warning")], found


def test_the_numbers_inside_the_parts_words_break_the_list():
    # “Huy hiệu 30 năm tuổi Đảng” stands between the counts: not one plain list
    text = READ[5][0]
    assert trailing(text) == []
    assert loud(page(text.replace("tổng cộng 53", "tổng cộng 54"))) == []


@pytest.mark.parametrize("text", [
    # a running total holds more than the parts written
    "Năm 2024 khen thưởng 15 tập thể, 42 cá nhân, nâng tổng số lên 380 lượt tập thể, cá nhân được khen.",
    "Năm 2024 kết nạp 12 hội viên, 8 hội viên trẻ, lũy kế tổng cộng 950 hội viên.",
    "Thôn Đông 120 hộ, thôn Tây 95 hộ; toàn xã tổng cộng 1.250 hộ.",
    "Năm 2024 có 15 tập thể và 42 cá nhân được khen thưởng, tổng số từ đầu nhiệm kỳ là 300 lượt.",
    # “tổng số <population>” names a stock, not the sum of the flows before it
    "Năm 2024 kết nạp 12 đảng viên, chuyển sinh hoạt 3 đảng viên, tổng số đảng viên 250 đảng viên.",
    # stages of one process, each with its own predicate
    "Có 120 hộ đăng ký, 115 hộ được công nhận, tổng cộng 120 hộ.",
    # another measure after the marker
    "Tặng Giấy khen cho 15 tập thể và 42 cá nhân, tổng số tiền thưởng 30 triệu đồng.",
    "Tặng Giấy khen cho 15 tập thể và 42 cá nhân, với tổng cộng 3 đợt khen thưởng.",
    # parts of different kinds and a total in one of their units
    "Toàn xã có 5 thôn, 1.250 hộ; tổng số 1.200 hộ.",
    # a “trong đó” inside the list: a breakdown, not a plain list
    "Xã có 120 hộ nghèo, trong đó 40 hộ dân tộc thiểu số, và 80 hộ cận nghèo, tổng cộng 230 hộ.",
    # a change and a percent stand in the list
    "Có 120 hộ nghèo, giảm 15 hộ, và 80 hộ cận nghèo, tổng cộng 200 hộ.",
    # approximate parts
    "Có hơn 120 hộ ở thôn Đông và gần 80 hộ ở thôn Tây, tổng cộng 205 hộ.",
    # a name, not a marker
    "Kỷ niệm 94 năm ngày thành lập Đảng Cộng sản Việt Nam, xã có 15 tập thể, 42 cá nhân được khen.",
])
def test_no_reading_where_the_total_is_not_of_the_parts_written(text):
    assert trailing(text) == []
    assert loud(page(text)) == []


def test_only_the_last_parts_make_the_total_when_a_new_clause_starts_before_them():
    text = ("Năm 2024 tặng Giấy khen cho 10 tập thể, 25 cá nhân; đề nghị UBND huyện tặng Giấy khen cho 3 tập thể, "
            "5 cá nhân, tổng cộng 8 lượt.")
    assert trailing(text) == [("8", ["3", "5"], "explicit")]
    assert loud(page(text)) == []
    wrong = text.replace("tổng cộng 8", "tổng cộng 9")
    assert [(r, s) for r, s, _m in loud(page(wrong))] == [("SUM002", "error")]


def test_a_total_already_read_with_its_breakdown_is_not_read_again():
    text = "Tổng số cán bộ, công chức xã là 22 người, gồm 10 cán bộ chuyên trách và 12 công chức; tổng cộng 22 người."
    assert trailing(text) == []


# ---------------------------------------------------------------- a line of totals after bullets

AWARDS = ("Kết quả khen thưởng năm 2024:\n\n"
          "- Giấy khen của Chủ tịch UBND xã: 15 tập thể, 42 cá nhân;\n\n"
          "- Giấy khen của Chủ tịch UBND huyện: 5 tập thể, 12 cá nhân;\n\n"
          "- Bằng khen của Chủ tịch UBND tỉnh: 1 tập thể, 2 cá nhân.\n\n"
          "Tổng cộng: 21 tập thể, 56 cá nhân.")
VILLAGES = ("Hỗ trợ hộ nghèo làm nhà ở:\n\n+ Thôn Đông: 12 hộ;\n\n+ Thôn Tây: 8 hộ;\n\n+ Thôn Nam: 5 hộ.\n\n"
            "Cộng: 25 hộ.")


def lines(text: str) -> list[tuple[str, list[str], str]]:
    return [(t.total.text, [p.value.text for p in t.parts], t.confidence) for t in page(text).totals
            if t.reading and "dòng tổng cộng" in t.reading]


@pytest.mark.parametrize("text,expected", [
    (AWARDS, [("21", ["15", "5", "1"], "explicit"), ("56", ["42", "12", "2"], "explicit")]),
    (VILLAGES, [("25", ["12", "8", "5"], "explicit")]),
])
def test_a_line_of_totals_after_bullets_is_read_and_correct_arithmetic_is_silent(text, expected):
    assert lines(text) == expected
    assert loud(page(text)) == []


@pytest.mark.parametrize("text,old,new", [
    (AWARDS, "56 cá nhân.", "57 cá nhân."),
    (AWARDS, "21 tập thể", "12 tập thể"),
    (VILLAGES, "25 hộ", "26 hộ"),
])
def test_a_line_of_totals_that_is_not_the_sum_of_the_bullets_is_an_error(text, old, new):
    wrong = text.replace(old, new)
    assert wrong != text
    assert [(r, s) for r, s, _m in loud(page(wrong))] == [("SUM002", "error")]


def test_a_bullet_without_a_count_in_the_unit_makes_the_sum_a_reading():
    text = AWARDS.replace("5 tập thể, 12 cá nhân", "12 cá nhân").replace("21 tập thể", "16 tập thể")
    assert lines(text)[0] == ("16", ["15", "1"], "inferred")
    assert loud(page(text)) == []
    wrong = text.replace("16 tập thể", "17 tập thể")
    assert [(r, s) for r, s, _m in loud(page(wrong))] == [("SUM002", "warning")]


@pytest.mark.parametrize("text", [
    # sub-bullets detail the bullet above them
    "Kết quả khen thưởng:\n\n- Giấy khen: 20 cá nhân\n\n+ Thôn Đông: 12 cá nhân;\n\n+ Thôn Tây: 8 cá nhân.\n\n"
    "Tổng cộng: 20 cá nhân.",
    # a bullet with a breakdown of its own
    "Kết quả khen thưởng:\n\n- Giấy khen: 20 cá nhân, trong đó 5 cá nhân là nữ;\n\n- Bằng khen: 3 cá nhân.\n\n"
    "Tổng cộng: 23 cá nhân.",
    # a total line with words naming another scope
    "Hỗ trợ hộ nghèo:\n\n- Thôn Đông: 12 hộ;\n\n- Thôn Tây: 8 hộ.\n\nTổng số hộ nghèo toàn xã: 120 hộ.",
    # percents in the bullets
    "Kết quả:\n\n- Thôn Đông: 12 hộ, đạt 80%;\n\n- Thôn Tây: 8 hộ, đạt 80%.\n\nTổng cộng: 21 hộ.",
    # “Tổng số:” after flows is a stock of its own
    "Công tác phát triển đảng viên:\n\n- Kết nạp: 12 đảng viên;\n\n- Chuyển đến: 3 đảng viên.\n\nTổng số: 250 đảng viên.",
    # one bullet only
    "Kết quả:\n\n- Thôn Đông: 12 hộ.\n\nTổng cộng: 12 hộ.",
])
def test_no_line_of_totals_where_the_bullets_are_not_its_parts(text):
    assert lines(text) == []
    assert loud(page(text)) == []


LETTERED = ("Kết quả khen thưởng:\n\na) Giấy khen của Chủ tịch UBND xã: 15 tập thể, 42 cá nhân;\n\n"
            "b) Giấy khen của Chủ tịch UBND huyện: 5 tập thể, 12 cá nhân;\n\n"
            "c) Bằng khen của Chủ tịch UBND tỉnh: 1 tập thể, 2 cá nhân.\n\nTổng cộng: 21 tập thể, 56 cá nhân.")


def test_a_line_of_totals_after_lettered_items():
    assert lines(LETTERED) == [("21", ["15", "5", "1"], "explicit"), ("56", ["42", "12", "2"], "explicit")]
    assert loud(page(LETTERED)) == []
    assert [(r, s) for r, s, _m in loud(page(LETTERED.replace("56 cá nhân.", "57 cá nhân.")))] == [("SUM002", "error")]


def test_items_of_two_kinds_are_not_one_list():
    mixed = LETTERED.replace("c) Bằng khen", "- Bằng khen")
    assert lines(mixed) == []
