"""Numbers written in figures and again in words (numeric/words.py, extract/spelled.py, VAL002).

The words reader both ways: every whole number round-trips through the way a decision writes it
and through the variants writers use, and phrases that are not (only) a number are not read. The
document reader on phrasings of our own: agreeing figures and words are silent, a mismatch is an
error at the figures, and brackets that are not a spelled number are not read."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditor.numeric.words import parse_words, spell, unit_scale
from tests.test_reader_phrasings import loud, page


@pytest.mark.parametrize("text,value", [
    ("Mười một triệu đồng", 11_000_000),
    ("Một trăm hai mươi lăm triệu, bốn trăm nghìn đồng", 125_400_000),
    ("Hai tỷ không trăm linh năm triệu đồng chẵn", 2_005_000_000),
    ("Ba triệu năm trăm ngàn đồng./.", 3_500_000),
    ("năm", 5), ("mười", 10), ("mười lăm", 15), ("mười bốn", 14), ("hai mươi mốt", 21), ("hai mươi tư", 24),
    ("hai mươi bốn", 24), ("ba mươi nhăm", 35), ("một trăm linh năm", 105), ("một trăm lẻ năm", 105),
    ("hai nghìn lẻ năm", 2005), ("một nghìn không trăm năm mươi", 1050), ("một nghìn hai trăm tỷ", 1_200_000_000_000),
    ("không", 0), ("hai phẩy năm tỷ", 2_500_000_000), ("Một tỷ năm triệu đồng", 1_005_000_000),
])
def test_words_are_read(text, value):
    assert parse_words(text) == Decimal(value)


@pytest.mark.parametrize("text", [
    "năm 2024",                 # a digit: not words
    "có danh sách kèm theo",    # not number words
    "hai nghìn năm",            # 2.500 in speech, 2.005 by the digits: not read
    "một triệu hai",            # likewise
    "mười mốt",                 # “mốt” never follows “mười”
    "mốt", "lăm", "tư",         # after-tens forms alone
    "trăm", "triệu đồng", "đồng", "",
    "hai trăm trăm", "năm mươi mươi", "một triệu triệu",
])
def test_phrases_that_are_not_a_number_are_not_read(text):
    assert parse_words(text) is None


@given(st.integers(min_value=0, max_value=10 ** 15))
def test_every_number_round_trips_through_its_words(n):
    assert parse_words(spell(n)) == n


_VARIANTS = (("nghìn", "ngàn"), ("linh", "lẻ"), ("mươi tư", "mươi bốn"), ("mươi mốt", "mươi một"), ("lăm", "nhăm"),
             ("tỷ", "tỉ"), ("bảy", "bẩy"))


@given(st.integers(min_value=1, max_value=10 ** 13), st.sets(st.sampled_from(range(len(_VARIANTS)))))
def test_the_variants_writers_use_read_the_same(n, which):
    words = spell(n)
    for i in which:
        words = words.replace(*_VARIANTS[i])
    words = words[:1].upper() + words[1:] + " đồng chẵn"
    assert parse_words(words) == n


@given(st.text(max_size=60))
def test_no_text_crashes_the_words_reader(text):
    v = parse_words(text)
    assert v is None or v >= 0


def test_a_unit_carries_its_scale():
    assert [unit_scale(u) for u in ("đồng", "nghìn đồng", "triệu đồng", "tỷ đồng", None, "tập thể")] == [0, 3, 6, 9, 0, 0]


# ---------------------------------------------------------------------------------- the reader

DECISION = ("Điều 2. Mỗi tập thể được thưởng 1.000.000 đồng, mỗi cá nhân được thưởng 500.000 đồng. Tổng số tiền "
            "thưởng là 11.000.000 đồng (Mười một triệu đồng), trích từ Quỹ thi đua, khen thưởng của huyện.")
SAID = "Tổng kinh phí khen thưởng: 2.005.000.000 đồng. Bằng chữ: Hai tỷ không trăm linh năm triệu đồng chẵn."
COUNT = "Tặng Giấy khen cho 05 (năm) tập thể và 12 (mười hai) cá nhân có thành tích xuất sắc (có danh sách kèm theo)."
SCALED = "Tổng nguồn kinh phí là 1,2 tỷ đồng (Một tỷ hai trăm triệu đồng), từ ngân sách xã."


def spelled(text: str) -> list[tuple[str, str]]:
    return [(s.value.text, s.words) for s in page(text).spelled]


@pytest.mark.parametrize("text,want", [
    (DECISION, [("11.000.000", "Mười một triệu đồng")]),
    (SAID, [("2.005.000.000", "Hai tỷ không trăm linh năm triệu đồng chẵn")]),
    (COUNT, [("05", "năm"), ("12", "mười hai")]),
    (SCALED, [("1,2", "Một tỷ hai trăm triệu đồng")]),
])
def test_figures_and_words_are_read_and_silent_when_they_agree(text, want):
    assert spelled(text) == want
    assert loud(page(text)) == []


@pytest.mark.parametrize("text,old,new,figure", [
    (DECISION, "(Mười một triệu", "(Mười hai triệu", "11.000.000"),
    (SAID, "không trăm linh năm triệu", "không trăm năm mươi triệu", "2.005.000.000"),
    (COUNT, "12 (mười hai)", "12 (mười ba)", "12"),
    (SCALED, "Một tỷ hai trăm", "Một tỷ ba trăm", "1,2"),
])
def test_words_that_say_another_number_are_an_error(text, old, new, figure):
    wrong = text.replace(old, new)
    assert wrong != text
    got = loud(page(wrong))
    assert [(r, s) for r, s, _m in got] == [("VAL002", "error")]
    assert got[0][2].startswith(figure)


@pytest.mark.parametrize("text", [
    "Tặng Giấy khen cho 5 tập thể (có danh sách kèm theo).",
    "Kết quả đạt 15 điểm (năm 2024 đạt 12 điểm).",
    "Xã có 12 thôn (mười hai thôn đạt chuẩn văn hóa).",   # words with a noun after them: another statement
    "Số tiền 3.000.000 đồng được chi cho hai mươi hộ.",   # words not right after the figures
])
def test_brackets_that_are_not_the_figures_in_words_are_not_read(text):
    assert spelled(text) == []


@pytest.mark.parametrize("text", [
    "Tổng cộng: 11.000.000 đồng\n\n(Bằng chữ: Mười một triệu đồng chẵn)\n",   # the words on the next line
    "Tổng số tiền thưởng: 11.000.000 đồng.\nBằng chữ: Mười một triệu đồng.\n",
    "Tổng số tiền thưởng là 11.000.000 VNĐ (Mười một triệu đồng).",            # a currency outside the unit list
    "Tổng số tiền thưởng là 11.000.000đ (Mười một triệu đồng).",
])
def test_words_on_the_next_line_or_after_a_currency_are_read_both_ways(text):
    assert [(s.value.text, parse_words(s.words)) for s in page(text).spelled] == [("11.000.000", 11_000_000)]
    assert loud(page(text)) == []
    assert [r for r, _s, _m in loud(page(text.replace("Mười một", "Mười hai")))] == ["VAL002"]


def test_words_of_money_are_not_a_counts():
    assert spelled("Tổng số tiền 11.000.000 đồng, chi cho 12 hộ.\nBằng chữ: Mười một triệu đồng.\n") == []
