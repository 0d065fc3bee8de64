"""A structure's sector values in the “Trong đó” sentence after its shares (“… Nông nghiệp chiếm 5%.
Trong đó, Giá trị TMDV: 349,2 tỷ đồng, …”): each share is checked against its value over their sum
(SHR002), as a reading (a warning: shares are often of value added, values of output). Phrasings of
our own, both ways (extract/prose.sector_values)."""

from __future__ import annotations

import pytest

from tests.test_reader_phrasings import loud, page

COLON = ("Cơ cấu kinh tế: nông nghiệp chiếm 20%, công nghiệp - xây dựng chiếm 30%, thương mại - dịch vụ chiếm "
         "50%. Trong đó, giá trị nông nghiệp 100 tỷ đồng, giá trị công nghiệp - xây dựng 150 tỷ đồng, giá trị "
         "thương mại - dịch vụ 250 tỷ đồng.")
SENTENCE = ("Năm 2024, tỷ trọng nông nghiệp chiếm 20,5%, công nghiệp - xây dựng 30,2%, dịch vụ 49,3%. Cụ thể: "
            "dịch vụ đạt 493 tỷ đồng, nông nghiệp đạt 205 tỷ đồng, công nghiệp - xây dựng đạt 302 tỷ đồng.")


def valued(text: str) -> list[list[tuple[str, str]]]:
    return [[(x.share.text, x.value.text) for x in s.shares] for s in page(text).structures
            if all(x.value is not None for x in s.shares)]


@pytest.mark.parametrize("text,pairs", [
    (COLON, [("20", "100"), ("30", "150"), ("50", "250")]),
    (SENTENCE, [("20,5", "205"), ("30,2", "302"), ("49,3", "493")]),  # matched by sector, not by order
])
def test_sector_values_after_the_shares_are_read_and_silent_when_they_agree(text, pairs):
    assert valued(text) == [pairs]
    assert loud(page(text)) == []


@pytest.mark.parametrize("text,old,new", [(COLON, "250 tỷ", "350 tỷ"), (SENTENCE, "493 tỷ", "593 tỷ")])
def test_sector_values_that_do_not_give_the_shares_are_a_warning(text, old, new):
    wrong = text.replace(old, new)
    found = {(r, s) for r, s, _m in loud(page(wrong))}
    assert found and found <= {("SHR002", "warning")}, found


def test_shares_that_do_not_make_100_stay_an_error_and_take_no_values():
    wrong = COLON.replace("chiếm 50%", "chiếm 55%")
    assert valued(wrong) == []
    assert [(r, s) for r, s, _m in loud(page(wrong))] == [("SHR001", "error")]


@pytest.mark.parametrize("text", [
    # two values for three shares
    COLON.replace(", giá trị thương mại - dịch vụ 250 tỷ đồng", ""),
    # a sector named twice among the values
    COLON.replace("giá trị thương mại - dịch vụ 250", "giá trị công nghiệp 250"),
    # counts are not the sectors' values
    COLON.replace("tỷ đồng", "doanh nghiệp"),
    # not a “Trong đó” sentence: the values of another measure, said separately
    COLON.replace("Trong đó, giá trị", "Giá trị"),
])
def test_no_values_where_they_are_not_the_sectors_values_one_to_one(text):
    assert valued(text) == []
    assert loud(page(text)) == []
