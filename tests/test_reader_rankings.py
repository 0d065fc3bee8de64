"""Items ranked by value in one sentence (extract/rankings.py, ORD001). Phrasings of our own, both
ways: in order is silent, an item out of place is found, and lists that are not rankings are not read."""

from __future__ import annotations

import pytest

from tests.test_reader_phrasings import loud, page

SORTED = ("Xếp theo thứ tự, có tỷ lệ hộ nghèo cao nhất là huyện An Lạc với 35,22%; tiếp theo là huyện Bình Minh "
          "34,41%; huyện Cẩm Thủy 25,11%; huyện Đông Sơn 17,46%; thấp nhất là thành phố Hòa Bình 1,93%.")
ENDS = ("Số hộ nghèo nhiều nhất là xã An Phú 120 hộ, xã Bình Lợi 95 hộ, xã Cẩm Hà 101 hộ, ít nhất là xã Đông "
        "Hưng 12 hộ.")
ASC = ("Tỷ lệ hộ nghèo thấp nhất là phường 1 với 0,52%; tiếp đến là phường 2 0,87%; phường 3 1,15%; cao nhất là "
       "xã Tân Hòa 4,36%.")


def ranked(text: str) -> list[tuple[str, bool, list[str]]]:
    return [(r.order, r.sorted, [i.value.text for i in r.items]) for r in page(text).rankings]


@pytest.mark.parametrize("text,want", [
    (SORTED, ("desc", True, ["35,22", "34,41", "25,11", "17,46", "1,93"])),
    (ENDS, ("desc", False, ["120", "95", "101", "12"])),     # only the ends are said: the middle may be any order
    (ASC, ("asc", True, ["0,52", "0,87", "1,15", "4,36"])),
])
def test_a_ranking_is_read_and_silent_when_in_order(text, want):
    assert ranked(text) == [want]
    assert loud(page(text)) == []


@pytest.mark.parametrize("text,old,new", [
    (SORTED, "huyện Cẩm Thủy 25,11%", "huyện Cẩm Thủy 15,11%"),   # below the next one in a sorted list
    (ENDS, "xã Cẩm Hà 101 hộ", "xã Cẩm Hà 131 hộ"),              # above the one said to be the most
    (ASC, "phường 3 1,15%", "phường 3 0,15%"),                    # below the one said to be the lowest
])
def test_an_item_out_of_place_is_an_error(text, old, new):
    wrong = text.replace(old, new)
    assert wrong != text
    assert [(r, s) for r, s, _m in loud(page(wrong))] == [("ORD001", "error")]


def test_values_equal_at_their_precision_may_stand_in_either_order():
    assert loud(page(SORTED.replace("34,41%", "35,2%"))) == []   # 35,2 may be 35,22 rounded


@pytest.mark.parametrize("text", [
    # two ends only
    "Tỷ lệ hộ nghèo cao nhất là xã An Phú 5,2%, thấp nhất là xã Bình Lợi 0,5%.",
    # two numbers in an item: not one value per item
    "Số hộ nghèo nhiều nhất là xã An Phú 120 hộ (chiếm 12%); xã Bình Lợi 95 hộ (9%); ít nhất là xã Cẩm Hà 12 hộ (1,2%).",
    # no other end
    "Xã có tỷ lệ hộ nghèo cao nhất là An Phú 5,2%; Bình Lợi 4,1%; Cẩm Hà 3,5%.",
    # the other end of another measure
    "Tỷ lệ hộ nghèo cao nhất là xã An Phú 12%; xã Bình Lợi 10%; tỷ lệ hộ cận nghèo thấp nhất là xã Cẩm Hà 15%.",
    # values of different kinds
    "Cao nhất là xã An Phú 120 hộ; xã Bình Lợi 9,5%; thấp nhất là xã Cẩm Hà 12 hộ.",
])
def test_not_a_ranking(text):
    assert ranked(text) == []
