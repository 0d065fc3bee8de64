"""What the held-out set real36 (fires, forests, accidents, food safety) taught the reader (real35 came
without a false alarm), each class on phrasings of our own, both ways."""

from __future__ import annotations

import pytest

from tests.test_reader_phrasings import rules_of

# -- one sentence written twice to its figure, each going on about another thing (real36 003)

_DEPLOYED = "Lực lượng Công an tỉnh đã huy động {n} lượt phương tiện và {m} lượt cán bộ, chiến sỹ {what}."


def test_two_instances_of_one_template_are_two_quantities() -> None:
    text = (_DEPLOYED.format(n="120", m="640", what="tham gia chữa cháy 35/41 vụ cháy, nổ, cứu được 52 người") + "\n\n"
            + _DEPLOYED.format(n="95", m="410", what="thực hiện cứu nạn, cứu hộ 22 vụ, tìm được 9 thi thể"))
    assert "VAL001" not in rules_of(text)


def test_one_sentence_stated_twice_with_two_values_still_fires() -> None:
    what = "tham gia chữa cháy các vụ cháy, nổ trên địa bàn"
    text = _DEPLOYED.format(n="120", m="640", what=what) + "\n\n" + _DEPLOYED.format(n="102", m="640", what=what)
    assert "VAL001" in rules_of(text)


# -- the period a paragraph opens with (real36 017)

def test_paragraphs_opening_with_two_periods_are_about_two_periods() -> None:
    text = ("Trong năm 2021, toàn quốc xảy ra 2.245 vụ cháy, làm chết 85 người. Xảy ra 21 vụ nổ, làm 12 người chết.\n\n"
            "Tháng 11/2021, toàn quốc xảy ra 132 vụ cháy, làm chết 02 người. Xảy ra 01 vụ nổ, làm 01 người chết.")
    assert "VAL001" not in rules_of(text)


def test_paragraphs_opening_with_one_period_still_compare() -> None:
    text = ("Trong năm 2021, toàn quốc xảy ra 2.245 vụ cháy, làm chết 85 người. Xảy ra 21 vụ nổ, làm 12 người chết.\n\n"
            "Năm 2021, theo thống kê, toàn quốc xảy ra 2.245 vụ cháy. Xảy ra 12 vụ nổ, làm 12 người chết.")
    assert "VAL001" in rules_of(text)


# -- a change, then now/before in brackets after a noun of three words (real36 012)

def test_a_change_then_now_over_before() -> None:
    assert rules_of("So với cùng kỳ năm 2022, tăng 7 người bị thương (12/5 người).") == []
    assert "CHG001" in rules_of("So với cùng kỳ năm 2022, tăng 7 người bị thương (13/5 người).")


# -- a press article's byline (real36 014)

_BODY = "Toàn tỉnh xảy ra 125 vụ cháy, so với năm 2017 tăng 74 vụ.\n"


def test_a_bylines_initial_is_not_an_acting_signatory() -> None:
    assert "CMP003" not in rules_of(_BODY + "Q. THÀNH\n")


def test_an_acting_signatory_without_a_name_still_fires() -> None:
    assert "CMP003" in rules_of("BÁO CÁO\nKết quả công tác năm 2023\n\n" + _BODY + "TM. ỦY BAN NHÂN DÂN\nQ. CHỦ TỊCH\n")


# -- a part with its own subject and verb after a comma is one more part (real36 021)

_FOREST = ("Trong năm 2021, ngành chức năng đã phát hiện và xử lý {n} vụ vi phạm Luật Lâm nghiệp. Cụ thể, tại huyện "
           "Hương Khê xảy ra 55 vụ, Hương Sơn 52 vụ, Đội Kiểm lâm cơ động tỉnh phát hiện, xử lý 10 vụ, Vũ Quang 6 vụ.")


def test_a_part_with_its_own_subject_and_verb_is_read_with_the_others() -> None:
    assert rules_of(_FOREST.format(n="123")) == []
    assert "SUM002" in rules_of(_FOREST.format(n="133"))


# -- two places with one count each (real36 021: “Can Lộc và Đức Thọ cùng 1 vụ”)

_CASES = ("Năm 2021, toàn tỉnh xảy ra {n} vụ vi phạm, gồm: Hương Khê 55 vụ, Hương Sơn 52 vụ, Kỳ Anh 13 vụ, Vũ Quang 16 "
          "vụ, Cẩm Xuyên 3 vụ, Thạch Hà 2 vụ, Can Lộc và Đức Thọ {each} 1 vụ.")


@pytest.mark.parametrize("each", ["cùng", "mỗi huyện"])
def test_two_places_with_one_count_each(each: str) -> None:
    # 55 + 52 + 13 + 16 + 3 + 2 + 1 + 1 = 143
    assert rules_of(_CASES.format(n="143", each=each)) == []
    assert rules_of(_CASES.format(n="146", each=each)) == ["SUM002"]


def test_two_places_with_one_count_between_them_still_add_up_once() -> None:
    # (“cùng” read once, when that is the reading that holds: 142)
    assert rules_of(_CASES.format(n="142", each="cùng")) == []
