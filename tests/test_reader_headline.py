"""A page's headline restating a count of its body (extract/headline.py, VAL001 as a reading):
phrasings of our own, both ways."""

from __future__ import annotations

import pytest

from tests.test_reader_phrasings import loud, page

PAGE = ("Huyện Tân Phú khen thưởng {h} tập thể và 25 cá nhân tiêu biểu trong phong trào thi đua\n\n"
        "10:15, 20/12/2024\n\n"
        "Ngày 19/12, UBND huyện Tân Phú tổ chức hội nghị tổng kết phong trào thi đua yêu nước năm 2024. Dịp này, "
        "Chủ tịch UBND huyện tặng Giấy khen cho {b} tập thể và 25 cá nhân tiêu biểu trong phong trào thi đua.\n")


def found(text: str) -> list[tuple[str, str]]:
    return [(rule, sev) for rule, sev, _msg in loud(page(text))]


def headline_facts(text: str) -> list[list[str]]:
    return [[m.value.text for m in f.mentions] for f in page(text).facts if f.key.startswith("tieu_de_")]


def test_the_headline_and_the_body_give_the_same_counts():
    text = PAGE.format(h=12, b=12)
    assert headline_facts(text) == [["12", "12"], ["25", "25"]]
    assert found(text) == []


def test_a_headline_count_the_body_contradicts_is_a_warning():
    assert found(PAGE.format(h=12, b=10)) == [("VAL001", "warning")]


def test_a_caption_repeating_the_headline_is_not_the_body():
    head = PAGE.splitlines()[0].format(h=12)
    text = PAGE.format(h=12, b=10) + "\n" + head + "\n"
    assert headline_facts(text) == [["12", "10"], ["25", "25"]]


@pytest.mark.parametrize("text", [
    # two counts of the body with the same words: which one the headline sums up is unknown
    PAGE.format(h=12, b=10) + "\nNgoài ra, Ban Thi đua huyện đề nghị khen thưởng 5 tập thể và 25 cá nhân tiêu biểu "
                              "trong phong trào thi đua cấp tỉnh.\n",
    # the body counts something else
    "Huyện Tân Phú khen thưởng 12 tập thể tiêu biểu năm 2024\n\nNgày 19/12, huyện có 10 tập thể đăng ký thi đua.\n",
    # a report with its header: its title is not a headline
    "UBND HUYỆN TÂN PHÚ\nBÁO CÁO\nKết quả khen thưởng 12 tập thể tiêu biểu năm 2024\n\n"
    "Năm 2024, Chủ tịch UBND huyện khen thưởng 10 tập thể tiêu biểu.\n",
])
def test_no_link_without_one_body_count_in_the_same_words(text):
    assert not any("VAL001" == rule for rule, _sev in found(text))


def test_the_body_may_cut_the_headlines_words_short():
    text = ("Tỉnh An Giang khen thưởng 570 cá nhân tiêu biểu thi đua yêu nước\n\n"
            "Tại buổi lễ, tỉnh đã khen thưởng 17 tập thể và {n} cá nhân tiêu biểu trong phong trào thi đua yêu nước.\n")
    assert found(text.format(n=570)) == []
    assert found(text.format(n=571)) == [("VAL001", "warning")]
