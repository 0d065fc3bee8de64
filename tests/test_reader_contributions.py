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
