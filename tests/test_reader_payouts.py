"""Counts, the amount each one gets and the total paid (extract/payouts.py; PRD001 for one group,
PRD002 for several or for counts stated in another sentence). Phrasings of our own, both ways."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from auditor.numeric.notation import format_vn
from tests.test_reader_phrasings import loud, page

ONE_SENTENCE = ("Tặng Giấy khen cho 5 tập thể, mỗi tập thể 1.000.000 đồng; 12 cá nhân, mỗi cá nhân 500.000 đồng; "
                "tổng số tiền 11.000.000 đồng.")
COUNTS_FIRST = ("Tặng Giấy khen cho 05 tập thể và 12 cá nhân, mỗi tập thể được thưởng 1.000.000 đồng, mỗi cá nhân "
                "được thưởng 500.000 đồng, tổng số tiền thưởng là 11.000.000 đồng.")
DECISION = ("QUYẾT ĐỊNH\nVề việc tặng Giấy khen năm 2024\n\n"
            "Điều 1. Tặng Giấy khen cho 05 (năm) tập thể và 12 (mười hai) cá nhân đã có thành tích xuất sắc trong "
            "phong trào thi đua năm 2024 (có danh sách kèm theo).\n\n"
            "Điều 2. Mỗi tập thể được thưởng 1.000.000 đồng, mỗi cá nhân được thưởng 500.000 đồng. Tổng số tiền "
            "thưởng là 11.000.000 đồng, trích từ Quỹ thi đua, khen thưởng của xã.\n")


def payouts(text: str) -> list[tuple[str, list[tuple[str, str]], str | None]]:
    return [(p.total.text, [(g.count.text, g.each.text) for g in p.groups], p.confidence)
            for p in page(text).payouts]


@pytest.mark.parametrize("text,want", [
    (ONE_SENTENCE, [("11.000.000", [("5", "1.000.000"), ("12", "500.000")], "explicit")]),
    (COUNTS_FIRST, [("11.000.000", [("05", "1.000.000"), ("12", "500.000")], "explicit")]),
    (DECISION, [("11.000.000", [("05", "1.000.000"), ("12", "500.000")], "inferred")]),
])
def test_a_payout_is_read_and_silent_when_it_adds_up(text, want):
    assert payouts(text) == want
    assert loud(page(text)) == []


@pytest.mark.parametrize("text,severity", [(ONE_SENTENCE, "error"), (COUNTS_FIRST, "error"), (DECISION, "warning")])
def test_a_wrong_total_is_found(text, severity):
    wrong = text.replace("11.000.000", "12.000.000")
    got = loud(page(wrong))
    assert [(r, s) for r, s, _m in got] == [("PRD002", severity)]
    assert "11.000.000" in got[0][2]


def test_the_last_group_alone_is_not_held_to_the_whole_total():
    """Before payouts were read, the last group and the total were taken as a product:
    12 × 500.000 ≠ 11.000.000, a false error."""
    assert [p.result.text for p in page(ONE_SENTENCE).products] == []


def test_one_group_in_one_sentence_stays_a_product():
    text = "Tặng giấy khen cho 15 hộ gia đình văn hóa tiêu biểu, mỗi hộ được thưởng 300.000 đồng, tổng số tiền 4.500.000 đồng."
    r = page(text)
    assert [([f.text for f in p.factors], p.result.text) for p in r.products] == [(["15", "300.000"], "4.500.000")]
    assert r.payouts == [] and loud(r) == []
    assert [x for x, _s, _m in loud(page(text.replace("4.500.000", "4.600.000")))] == ["PRD001"]


@pytest.mark.parametrize("text", [
    # months are not counted anywhere: not a count unit
    "Hỗ trợ 5 hộ nghèo, mỗi tháng 500.000 đồng; tổng số tiền 3.000.000 đồng.",
    # two different counts of individuals before: which one is paid is not said
    "Điều 1. Tặng danh hiệu Lao động tiên tiến cho 45 cá nhân.\n\nĐiều 2. Tặng Giấy khen cho 12 cá nhân.\n\n"
    "Điều 3. Mỗi cá nhân được thưởng 500.000 đồng. Tổng số tiền thưởng là 7.000.000 đồng.",
    # no count of the unit anywhere
    "Mỗi tập thể được thưởng 1.000.000 đồng, mỗi cá nhân được thưởng 500.000 đồng. Tổng số tiền là 9.000.000 đồng.",
    # a wider sum, not the groups' total
    "Hỗ trợ 10 hộ, mỗi hộ 2.000.000 đồng; tổng kinh phí thực hiện chương trình năm 2024 là 150.000.000 đồng.",
])
def test_what_is_not_a_payout_is_not_read(text):
    r = page(text)
    assert r.payouts == [] and r.products == []
    assert loud(r) == []


def test_groups_of_an_earlier_sentence_are_not_added_to_a_later_total():
    text = ("Năm 2024, xã có 30 hộ nghèo, mỗi hộ được hỗ trợ 2.000.000 đồng. Xã tặng Giấy khen cho 12 cá nhân, mỗi "
            "cá nhân 500.000 đồng, tổng số tiền 6.000.000 đồng.")
    r = page(text)
    assert r.payouts == [] and [p.result.text for p in r.products] == ["6.000.000"]
    assert loud(r) == []


@given(st.lists(st.tuples(st.integers(1, 60), st.integers(1, 40)), min_size=2, max_size=2),
       st.integers(-3, 3))
def test_any_payout_that_adds_up_is_silent_and_any_other_total_is_caught(groups, off):
    (c1, a1), (c2, a2) = groups
    e1, e2 = a1 * 100_000, a2 * 50_000
    total = c1 * e1 + c2 * e2 + off * 100_000
    assume(total > 0)
    text = (f"Tặng Giấy khen cho {c1} tập thể, mỗi tập thể {format_vn(e1)} đồng; {c2} cá nhân, mỗi cá nhân "
            f"{format_vn(e2)} đồng; tổng số tiền {format_vn(total)} đồng.")
    got = [r for r, _s, _m in loud(page(text))]
    assert got == ([] if off == 0 else ["PRD002"])


PER_UNIT = ("Tặng Giấy khen cho 12 tập thể (mức thưởng 1.000.000 đồng/tập thể) và 35 cá nhân (mức thưởng 500.000 "
            "đồng/cá nhân), tổng kinh phí khen thưởng 29.500.000 đồng.")


def test_an_amount_per_unit_written_as_a_rate_is_a_group():
    assert payouts(PER_UNIT) == [("29.500.000", [("12", "1.000.000"), ("35", "500.000")], "explicit")]
    assert loud(page(PER_UNIT)) == []
    assert [(r, s) for r, s, _m in loud(page(PER_UNIT.replace("29.500.000", "28.500.000")))] == [("PRD002", "error")]


def test_an_amount_per_household_read_into_its_unit():
    text = "Hỗ trợ 20 hộ nghèo làm nhà với mức 25.000.000 đồng/hộ, tổng kinh phí 500.000.000 đồng."
    r = page(text)
    assert [([f.text for f in p.factors], p.result.text) for p in r.products] == [(["20", "25.000.000"], "500.000.000")]
    assert loud(r) == []
    assert [x for x, _s, _m in loud(page(text.replace("500.000.000", "520.000.000")))] == ["PRD001"]


def test_a_rate_per_person_and_year_is_not_an_amount_each():
    r = page("Thu nhập bình quân đạt 62 triệu đồng/người/năm, tổng cộng 70 triệu đồng.")
    assert r.products == [] and r.payouts == []
