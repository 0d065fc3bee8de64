"""What the twenty-seventh held-out set (tests/data/real27: agriculture, new rural development, OCOP,
forestry, tourism) showed on first contact, as general classes, tested on phrasings of our own, both ways."""

from __future__ import annotations

import pytest

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
