"""What the twenty-seventh and twenty-eighth held-out sets (tests/data/real27: agriculture, new rural
development, OCOP, forestry, tourism; real28: poverty, labour, welfare funds) showed on first contact, as
general classes, tested on phrasings of our own, both ways."""

from __future__ import annotations

from decimal import Decimal

import pytest

from auditor.model.facts import approx_interval
from auditor.numeric.interval import Interval
from tests.test_reader_phrasings import loud, page


def rules(text: str) -> set[str]:
    return {f[0] for f in loud(page(text))}


# ---------------------------------------------------------------- a change's base in brackets is no part

DAMAGE = ("Ước tính 6 tháng đầu năm 2023, diện tích rừng bị thiệt hại là {t} ha, giảm 40,4% so với cùng kỳ năm trước, "
          "bao gồm: diện tích rừng bị cháy là 7,8 ha, giảm 93,2% (6 tháng đầu năm 2022, diện tích rừng bị cháy là "
          "115,1 ha); diện tích rừng bị chặt phá là 208,7 ha, giảm 15,9%.")


def test_the_base_of_a_parts_change_in_brackets_is_not_a_part() -> None:
    r = page(DAMAGE.format(t="216,5"))
    assert [[p.value.text for p in t.parts] for t in r.totals] == [["7,8", "208,7"]]
    assert loud(r) == []
    assert "SUM002" in rules(DAMAGE.format(t="226,5"))


# ---------------------------------------------------------------- “hơn N năm (A-B)”, “qua N năm (A-B)”

@pytest.mark.parametrize("text,fires", [
    ("Qua hơn 5 năm (2018-2023) thực hiện Chương trình OCOP, toàn tỉnh có 120 sản phẩm.", False),
    ("Sau 5 năm (2018-2023) thực hiện Chương trình OCOP, toàn tỉnh có 120 sản phẩm.", False),
    ("Qua gần 6 năm (2018-2023) thực hiện Chương trình OCOP, toàn tỉnh có 120 sản phẩm.", False),
    ("Qua hơn 3 năm (2018-2023) thực hiện Chương trình OCOP, toàn tỉnh có 120 sản phẩm.", True),
    ("Kế hoạch 5 năm (2018-2023) thực hiện Chương trình OCOP, toàn tỉnh có 120 sản phẩm.", True),
])
def test_years_elapsed_or_about_fit_either_count_of_a_span(text: str, fires: bool) -> None:
    assert ("CAL005" in rules(text)) is fires


# ---------------------------------------------------------------- a season's review

@pytest.mark.parametrize("what,fires", [
    ("tổng kết sản xuất vụ mùa, vụ đông năm 2021", False),
    ("tổng kết niên vụ cà phê năm 2021", False),
    ("tổng kết công tác thi đua, khen thưởng năm 2021", True),
])
def test_a_seasons_review_has_its_own_calendar(what: str, fires: bool) -> None:
    text = f"Chiều 31-5-2022, Sở Nông nghiệp và Phát triển nông thôn đã tổ chức hội nghị {what}."
    assert ("PER011" in rules(text)) is fires


# ---------------------------------------------------------------- a paragraph is about the names it opens with

PROVINCES = ("Tiếp đến là TP. Hà Nội đón 8,61 triệu lượt khách, tăng gần 3 lần so với cùng kỳ năm trước. Tổng thu từ "
             "khách du lịch ước đạt 25.200 tỷ đồng.\nThanh Hóa cũng đón được 6,8 triệu lượt khách, đạt 68,2% kế hoạch "
             "năm. Tổng thu từ du lịch ước đạt {v} tỷ đồng, đạt 64,5% kế hoạch cả năm.")


def test_later_sentences_are_about_the_names_their_paragraph_opens_with() -> None:
    assert [f for f in loud(page(PROVINCES.format(v="11.555"))) if f[0] == "VAL001"] == []


def test_one_paragraphs_quantity_said_twice_is_still_compared() -> None:
    text = ("Thanh Hóa cũng đón được 6,8 triệu lượt khách, đạt 68,2% kế hoạch năm. Tổng thu từ du lịch ước đạt 11.555 tỷ "
            "đồng, đạt 64,5% kế hoạch cả năm. Như vậy, tổng thu từ du lịch đạt {v} tỷ đồng.")
    assert [f for f in loud(page(text.format(v="11.555"))) if f[0] == "VAL001"] == []
    assert "VAL001" in rules(text.format(v="12.555"))


# ---------------------------------------------------------------- (real28) a rate's fall after a count

@pytest.mark.parametrize("text", [
    "Năm 2020, huyện có 483 hộ thoát nghèo, tỷ lệ giảm 2,97%.",
    "Năm 2020, thoát cận nghèo là 104 hộ, tỷ lệ hộ cận nghèo giảm 0,71%.",
])
def test_a_rates_fall_after_a_count_is_not_the_counts_change(text: str) -> None:
    assert loud(page(text)) == []


def test_a_counts_own_fall_is_still_checked() -> None:
    assert "CHG002" in rules("Năm 2020, huyện có 483 hộ nghèo, giảm 2,97% so với năm 2019.")


def test_a_share_after_two_counts_joined_by_with_is_not_read() -> None:
    text = ("Đầu giai đoạn, phường có 5.347 hộ với 19.316 nhân khẩu; có 10 hộ cận nghèo với 32 nhân khẩu, chiếm 0,18%. "
            "Năm 2022 có 9 hộ cận nghèo với 23 nhân khẩu chiếm 0,16%.")
    assert loud(page(text)) == []


# ---------------------------------------------------------------- (real28) what one quantity is not

def test_items_of_a_lead_in_naming_an_increase_are_changes() -> None:
    text = ("Dư nợ cho vay doanh nghiệp sử dụng người lao động theo Nghị quyết số 68 là 345 tỷ đồng.\nVới dư nợ tăng "
            "chủ yếu ở các chương trình như: cho vay doanh nghiệp sử dụng người lao động theo Nghị quyết số 68 là 340,6 "
            "tỷ đồng; giải quyết việc làm tăng 194 tỷ đồng.")
    assert [f for f in loud(page(text)) if f[0] == "VAL001"] == []


JOBS = ("Toàn tỉnh giải quyết việc làm cho gần 26.000 lao động\n\nNăm 2023, toàn tỉnh đã giải quyết việc làm cho 25.953 "
        "lao động, đạt hơn 116% kế hoạch năm. Trong tổng số 25.953 người được giải quyết việc làm có {a} lao động làm "
        "việc tại các ngành kinh tế tại tỉnh; 8.282 lao động đi làm việc tại các tỉnh khác.\nMục tiêu năm 2024, toàn tỉnh "
        "giải quyết việc làm mới cho trên 22.500 lao động.")


def test_a_target_and_the_parts_of_a_whole_are_not_the_whole_again() -> None:
    assert [f for f in loud(page(JOBS.format(a="16.610"))) if f[0] == "VAL001"] == []


def test_parts_after_trong_tong_so_are_summed() -> None:
    r = page(JOBS.format(a="16.610"))
    assert [(t.total.text, [p.value.text for p in t.parts]) for t in r.totals] == [("25.953", ["16.610", "8.282"])]
    assert "SUM002" in rules(JOBS.format(a="18.610"))  # (more than the whole)


FUND = ("Vận động Quỹ Đền ơn đáp nghĩa đạt hơn 22,9 tỷ đồng\n\nTrong tháng 10, vận động Quỹ Đền ơn đáp nghĩa toàn tỉnh "
        "đạt hơn 14,1 tỷ đồng. Tính từ đầu năm đến nay, toàn tỉnh vận động Quỹ Đền ơn đáp nghĩa đạt hơn {v} tỷ đồng.")


def test_a_month_and_the_year_so_far_are_two_quantities_even_through_a_headline() -> None:
    assert [f for f in loud(page(FUND.format(v="22,9"))) if f[0] == "VAL001"] == []
    # the year so far said twice is still one quantity
    again = FUND.format(v="22,9") + "\nLũy kế từ đầu năm đến nay, vận động Quỹ Đền ơn đáp nghĩa toàn tỉnh đạt {v} tỷ đồng."
    assert [f for f in loud(page(again.format(v="22,95"))) if f[0] == "VAL001"] == []
    assert "VAL001" in rules(again.format(v="25,9"))


def test_six_months_and_the_first_six_months_are_one_span() -> None:
    text = ("Thu ngân sách đạt hơn 12.700 tỷ đồng\n\nTrong 6 tháng, thu ngân sách của tỉnh đạt {a} tỷ đồng. Trong 6 tháng "
            "đầu năm, thu ngân sách của tỉnh đạt 12.705 tỷ đồng.")
    assert [f for f in loud(page(text.format(a="12.705"))) if f[0] == "VAL001"] == []
    assert "VAL001" in rules(text.format(a="12.805"))


# ---------------------------------------------------------------- a bound restating a value is a round figure

@pytest.mark.parametrize("value,decimals,approx,lo,hi", [
    ("2140", 0, "over", "2140", "2150"),
    ("26000", 0, "under", "25000", "26000"),
    ("2141", 0, "over", "2141", "2142"),
    ("22.9", 1, "over", "22.9", "23.0"),
    ("80", 0, "about", "79", "81"),   # (“khoảng X” keeps the unit as written)
])
def test_a_bounds_unit_is_its_last_non_zero_digit(value: str, decimals: int, approx: str, lo: str, hi: str) -> None:
    assert approx_interval(Decimal(value), decimals, approx, round_figure=True) == Interval(Decimal(lo), Decimal(hi))
    # (read in a relation, a bound keeps its narrow reading: tests/test_severity_provenance.py)
    assert approx_interval(Decimal(value), decimals, approx).lo == Decimal(lo) or approx == "under"


def test_a_headline_over_a_round_figure_meets_the_exact_one() -> None:
    text = ("Hoằng Hóa: Tổng thu ngân sách Nhà nước 6 tháng đầu năm ước đạt hơn 2.140 tỷ đồng\n\nSáng 16/6, HĐND huyện "
            "khai mạc kỳ họp thứ 29.\n\nTổng thu ngân sách Nhà nước 6 tháng ước đạt {v} triệu đồng, đạt 90,1% kế hoạch "
            "tỉnh giao.")
    assert [f for f in loud(page(text.format(v="2.141.605"))) if f[0] == "VAL001"] == []
    assert "VAL001" in rules(text.format(v="2.161.605"))


# ---------------------------------------------------------------- (real27, the five warnings left at first)

def test_parts_of_a_total_and_the_counts_beside_it_are_of_them_all() -> None:
    text = ("Đến nay, toàn tỉnh có 13 sản phẩm OCOP 4 sao, 131 sản phẩm OCOP 3 sao, trong đó {a} sản phẩm thuộc nhóm thực "
            "phẩm; 11 sản phẩm thuộc nhóm đồ uống; 6 sản phẩm thuộc nhóm thủ công mỹ nghệ; 3 sản phẩm thuộc nhóm dịch vụ.")
    assert loud(page(text.format(a="124"))) == []
    assert "SUM002" in rules(text.format(a="134"))


def test_a_bracket_after_a_list_item_is_its_own_breakdown() -> None:
    text = ("Tổng diện tích gieo trồng cả năm đạt hơn 640 ha; trong đó diện tích gieo cấy lúa hơn 463 ha.\nTrong đó, cây ngô "
            "62 ha (diện tích ngô đông là 29,3 ha; ngô xuân là {b} ha; ngô mùa 7,9 ha); cây lạc 27,8 ha; cây đỗ đậu 20 ha; "
            "cây sắn khoảng 60,7 ha; diện tích rau các loại 5,7 ha.")
    r = page(text.format(b="24,8"))
    assert ("62", ["29,3", "24,8", "7,9"]) in [(t.total.text, [p.value.text for p in t.parts]) for t in r.totals]
    assert loud(r) == []
    assert "SUM002" in rules(text.format(b="34,8"))


def test_a_percent_in_brackets_after_a_change_is_not_a_share() -> None:
    text = "Vụ mùa năm 2019, toàn tỉnh đã gieo trồng 73.467ha lúa, giảm 1.686ha (bằng 2,24%) so với vụ mùa năm 2018."
    r = page(text + " Tổng diện tích trồng lúa cả năm là 146.919ha, giảm 2.170ha (bằng 1,46%) so với cả năm 2018.")
    assert r.rates == [] and loud(r) == []


@pytest.mark.parametrize("area,fires", [
    ("diện tích cà phê trên địa bàn tỉnh là 204.577 ha", False),   # (all the area: the yield is of the bearing part)
    ("diện tích cà phê cho sản phẩm 187.279 ha", True),
    ("diện tích lúa gieo trồng 187.279 ha", True),
])
def test_a_perennials_yield_is_of_its_bearing_area(area: str, fires: bool) -> None:
    text = f"Niên vụ 2018-2019, {area}; năng suất bình quân đạt 24,55 tạ/ha; tổng sản lượng ước đạt 469.785 tấn."
    assert ("PRD001" in rules(text)) is fires


def test_items_of_one_sentence_joined_through_a_caption_are_two_quantities() -> None:
    text = ("Năng suất lúa bình quân của thị xã đạt 61,1 tạ/ha, tăng 1,31 tạ/ha so với năm 2020. Ảnh: V.S\n\nNăm 2021 tổng "
            "diện tích gieo trồng hơn 20.565ha. Trong đó, cây lúa 10.866ha, năng suất bình quân đạt 61,1 tạ/ha; cây bắp hơn "
            "2.352ha, năng suất bình quân đạt 60,32 tạ/ha.")
    assert [f for f in loud(page(text)) if f[0] == "VAL001"] == []


# ---------------------------------------------------------------- (real29) parts of another noun, a part after “với”

def test_parts_counting_another_noun_are_not_the_totals() -> None:
    text = ("Cơ quan chức năng đã bố trí tái định cư cho người dân tại 3 điểm. Trong đó, khu tái định cư phường Đông Hòa "
            "khoảng 198 nền đất; khu tái định cư Đồng Chàm dự kiến 15 nền; khu dân cư Tân Bình dự kiến 30 nền.")
    assert loud(page(text)) == []


FILES = ("Các sở, ban ngành cấp tỉnh tiếp nhận 23.233 hồ sơ, với 6.596 hồ sơ trực tuyến (đạt tỷ lệ 28,39%); cấp huyện "
         "tiếp nhận 6.776 hồ sơ, với {n} hồ sơ trực tuyến (đạt tỷ lệ 37,76%).")


def test_a_part_after_with_is_a_share_of_the_count_before_it() -> None:
    r = page(FILES.format(n="2.559"))
    assert [(x.numerator.text, x.denominator.text) for x in r.rates] == [("6.596", "23.233"), ("2.559", "6.776")]
    assert loud(r) == []
    assert [f[:2] for f in loud(page(FILES.format(n="2.521")))] == [("PCT003", "warning")]


# ---------------------------------------------------------------- (real30) schools by level, public and private

def test_names_after_gom_are_no_parts() -> None:
    text = ("Cấp mầm non có 23/23 trường đạt chuẩn Quốc gia. Trong đó có 3 trường mầm non gồm Bảo Cường, Đồng Thịnh, Bình "
            "Yên vừa được công nhận lại; 15 trường được công nhận đạt chuẩn mức độ 1; 8 trường được công nhận mức độ 2.")
    assert loud(page(text)) == []


@pytest.mark.parametrize("a,fires", [("20", False), ("21", True)])
def test_the_last_parts_making_the_total_leave_the_first_as_another_criterion(a: str, fires: bool) -> None:
    text = (f"Cấp tiểu học có 22/22 trường đạt chuẩn Quốc gia. Trong đó có 5 trường mới được công nhận đạt chuẩn; {a} "
            "trường được công nhận mức độ 1; 2 trường được công nhận mức độ 2.")
    assert bool(loud(page(text))) is fires


def test_a_private_part_of_a_public_total_is_a_doubt() -> None:
    text = ("Năm học qua, ngành giáo dục huyện có 70 trường công lập, gồm 23 trường mầm non - mẫu giáo, 26 trường tiểu học, "
            "19 trường THCS, 2 trường tiểu học & THCS và 5 trường mầm non tư thục.")
    assert [f[:2] for f in loud(page(text))] == [("SUM002", "warning")]
    public = text.replace("70 trường công lập", "70 trường").replace(" và 5 trường mầm non tư thục", "")
    assert loud(page(public)) == []


def test_a_flat_reading_must_make_a_whole_list_hold() -> None:
    # 26 = 19 + 2 + 5 by chance: read as a subtotal it would leave 23 + 26 = 49 of 70; read flat, 75 ≠ 70:
    # neither reading holds, so the whole list is reported, as a doubt
    text = ("Huyện có 75 trường, gồm 23 trường mầm non, 26 trường tiểu học, 19 trường THCS, 2 trường tiểu học & THCS và 5 "
            "trường liên cấp.")
    assert loud(page(text)) == []
    found = loud(page(text.replace("75 trường", "70 trường")))
    assert [f[:2] for f in found] == [("SUM002", "warning")]
    assert "23 + 26 + 19 + 2 + 5 = 75" in found[0][2]


@pytest.mark.parametrize("line,fires", [
    ("HOTLINE: 0982.095.095 - 0293.3878767 Thứ ba, ngày 15/12/2016", False),   # (a portal's clock)
    ("Hậu Giang, thứ Ba, ngày 15/12/2016", True),
])
def test_a_portals_clock_is_not_the_texts_date(line: str, fires: bool) -> None:
    text = f"{line}\n\nToàn tỉnh có trên 118.000 hội viên phụ nữ, tăng 1.400 hội viên so với năm trước."
    assert ("CAL010" in rules(text)) is fires


# ---------------------------------------------------------------- a “Trong đó:” list over sentences of one shape

SPENDING = ("Tổng chi ngân sách 8 tháng năm 2022 ước đạt 7.025,46 tỷ đồng, tăng 13,37% so với cùng kỳ năm trước. Trong đó: "
            "Chi đầu tư phát triển đạt {a} tỷ đồng, tăng 30,10%, chiếm {p}%. Chi thường xuyên đạt 5.032,15 tỷ đồng, tăng "
            "7,68%, chiếm 71,63%. Các nhiệm vụ chi khác đạt 11,86 tỷ đồng, tăng 250,15%, chiếm 0,17%. Các hoạt động chi "
            "đảm bảo các nhu cầu phát triển kinh tế - xã hội.")


def test_a_list_goes_on_over_sentences_of_one_shape() -> None:
    r = page(SPENDING.format(a="1.977,40", p="28,15"))
    assert [(t.total.text, [p.value.text for p in t.parts]) for t in r.totals] == [
        ("7.025,46", ["1.977,40", "5.032,15", "11,86"])]
    assert [x.denominator.text for x in r.rates] == ["7.025,46"] * 3
    assert loud(r) == []
    assert {f[0] for f in loud(page(SPENDING.format(a="1.997,40", p="28,15")))} == {"SUM002", "PCT003"}


def test_a_share_in_the_marker_sentence_keeps_its_own_base() -> None:
    text = ("Tỷ lệ thất nghiệp chung trên địa bàn tỉnh là 0,76%, tương đương với 6.014 người thất nghiệp. Trong đó, tỷ lệ "
            "thất nghiệp ở thành thị là 1,46%, tương đương với 4.375 người; ở khu vực nông thôn 1.639 người thất nghiệp, "
            "chiếm tỷ lệ 0,33%.")
    assert loud(page(text)) == []
