"""Contributions of the sectors to a growth rate in percentage points (extract/contributions.py):
phrasings of our own, both ways."""

from __future__ import annotations

import pytest

from tests.test_reader_phrasings import loud, page

COMPLETE = ("Trong {x}% tăng trưởng GRDP của tỉnh, khu vực nông, lâm nghiệp và thủy sản đóng góp 0,85 điểm phần "
            "trăm; khu vực công nghiệp - xây dựng đóng góp 3,62 điểm phần trăm; khu vực dịch vụ đóng góp 2,71 "
            "điểm phần trăm; thuế sản phẩm trừ trợ cấp sản phẩm đóng góp 0,52 điểm phần trăm.")
PARTIAL = ("Trong mức {x}% tăng trưởng kinh tế của huyện, ngành công nghiệp đóng góp 4,1 điểm phần trăm, ngành dịch "
           "vụ đóng góp 2,3 điểm phần trăm.")


def found(text: str) -> list[tuple[str, str]]:
    return [(rule, sev) for rule, sev, _msg in loud(page(text))]


def read(text: str) -> list[tuple[str, list[str], bool]]:
    return [(t.total.text, [p.value.text for p in t.parts], t.complete) for t in page(text).totals]


def test_the_points_of_a_complete_list_make_the_rate():
    assert read(COMPLETE.format(x="7,7")) == [("7,7", ["0,85", "3,62", "2,71", "0,52"], True)]
    assert found(COMPLETE.format(x="7,7")) == []
    assert found(COMPLETE.format(x="7,9")) == [("SUM002", "error")]


def test_a_list_without_product_taxes_may_be_partial():
    assert read(PARTIAL.format(x="7,2")) == [("7,2", ["4,1", "2,3"], False)]
    assert found(PARTIAL.format(x="7,2")) == []      # 6,4 of 7,2: the rest may be agriculture and taxes
    assert found(PARTIAL.format(x="5,9")) != []      # 6,4 points cannot be part of 5,9 %


@pytest.mark.parametrize("text", [
    # the rate is in another sentence: not linked
    "Tốc độ tăng trưởng kinh tế đạt 7,2%. Khu vực công nghiệp đóng góp 4,1 điểm phần trăm, dịch vụ đóng góp 2,3 "
    "điểm phần trăm.",
    # shares of the growth in %, not points
    "Trong mức tăng trưởng chung, khu vực công nghiệp đóng góp 55%, khu vực dịch vụ đóng góp 40%.",
])
def test_points_not_said_of_a_rate_in_their_sentence_are_not_read(text):
    assert read(text) == []


RATE_FIRST = ("Tổng sản phẩm trên địa bàn (GRDP) 6 tháng đầu năm 2025 ước tăng {x}% so với cùng kỳ; trong đó khu vực "
              "nông, lâm nghiệp và thủy sản tăng 3,2%, đóng góp 0,6 điểm phần trăm; khu vực công nghiệp và xây dựng tăng "
              "10,1%, đóng góp 3,9 điểm phần trăm; khu vực dịch vụ tăng 6,8%, đóng góp 2,7 điểm phần trăm; thuế sản phẩm "
              "trừ trợ cấp sản phẩm tăng 5,1%, đóng góp 0,3 điểm phần trăm.")


def test_the_rate_first_then_its_sectors_points_after_trong_do():
    assert read(RATE_FIRST.format(x="7,5")) == [("7,5", ["0,6", "3,9", "2,7", "0,3"], True)]
    assert [p.label for p in page(RATE_FIRST.format(x="7,5")).totals[0].parts][0] == "khu vực nông, lâm nghiệp và thủy sản"
    assert found(RATE_FIRST.format(x="7,5")) == []
    assert found(RATE_FIRST.format(x="8,0")) == [("SUM002", "error")]


def test_points_of_another_rate_in_the_sentence_are_not_its_parts():
    # no “trong đó” between the rate and the points: not read as its breakdown
    text = ("GRDP tăng 7,5% so với cùng kỳ, thu ngân sách đạt 102%; ngành công nghiệp đóng góp 3,9 điểm phần trăm, "
            "ngành dịch vụ đóng góp 2,7 điểm phần trăm.")
    assert read(text) == []
