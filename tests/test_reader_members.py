"""Counts of members after “gồm” (a cluster of units, a council of people) are what a total is made
of, not its parts; and after a part already read, the count right before the next “gồm” heads that
marker's own list. Phrasings of our own; both ways (a real breakdown still fires when it is wrong)."""

from __future__ import annotations

import pytest

from tests.test_reader_phrasings import loud, page

SILENT = [
    "Toàn huyện có 5 cụm, khối thi đua với 47 đơn vị thành viên, trong đó: 2 cụm thi đua các xã, thị trấn "
    "gồm 12 đơn vị; 3 khối thi đua gồm 35 cơ quan, đơn vị.",
    "Tỉnh chia thành 4 cụm thi đua gồm 18 huyện, thị xã; 6 khối thi đua gồm 52 sở, ngành.",
    "Huyện thành lập 3 tổ công tác gồm 21 thành viên để kiểm tra việc bình xét danh hiệu.",
    "Xã có 2 chi bộ gồm 45 đảng viên; 7 chi bộ thôn gồm 160 đảng viên.",
]


@pytest.mark.parametrize("text", SILENT)
def test_members_are_not_parts(text: str) -> None:
    assert [f for f in loud(page(text)) if f[0].startswith("SUM")] == []


@pytest.mark.parametrize("text,rule", [
    # a real breakdown of the same noun, wrong: still an error
    ("Toàn huyện có 5 cụm thi đua, gồm 2 cụm các xã và 4 cụm các cơ quan.", "SUM002"),
    ("Hội đồng gồm 11 thành viên, gồm 1 Chủ tịch, 2 Phó Chủ tịch và 9 ủy viên.", None),
])
def test_a_real_breakdown_still_checked(text: str, rule: str | None) -> None:
    found = {f[0] for f in loud(page(text)) if f[1] == "error"}
    if rule:
        assert rule in found
    else:
        assert found, "1 + 2 + 9 = 12 ≠ 11 must be caught"


def test_right_breakdown_of_same_noun_is_silent() -> None:
    assert loud(page("Toàn huyện có 5 cụm thi đua, gồm 2 cụm các xã và 3 cụm các cơ quan.")) == []
