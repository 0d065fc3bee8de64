"""Award decisions: each title with its own recipients (“… cho 46 cá nhân và Giấy khen cho 9 tập thể,
14 cá nhân”), and the money of each award checked against the counts of Article 1 (PRD002) when the
amounts are given per award and per kind of recipient. Phrasings of our own, both ways."""

from __future__ import annotations

import pytest

from tests.test_reader_phrasings import loud, page

ART1 = ("Điều 1. Tặng danh hiệu “Tập thể lao động tiên tiến” cho 25 tập thể; danh hiệu “Chiến sĩ thi đua cơ sở” "
        "cho 46 cá nhân và Giấy khen cho 9 tập thể, 14 cá nhân đã có thành tích xuất sắc năm 2024.\n")


def _awards(text: str) -> list[tuple[str, str | None, str | None]]:
    r = page(text)
    return [(a.key, a.collectives.text if a.collectives else None, a.individuals.text if a.individuals else None)
            for a in r.awards]


def test_each_title_keeps_its_own_recipients() -> None:
    assert _awards(ART1) == [("ttldtt", "25", None), ("cstdcs", None, "46"), ("giay_khen", "9", "14")]


@pytest.mark.parametrize("text,expected", [
    # the other kind of recipient after a comma is the same award's
    ("UBND tỉnh tặng Bằng khen cho 3 tập thể, 6 cá nhân; Sở trao Giấy khen cho 12 tập thể và 24 cá nhân.",
     [("bang_khen", "3", "6"), ("giay_khen", "12", "24")]),
    # not when the count is the subject of another award later in its clause
    ("Có 171 cá nhân được tặng danh hiệu Chiến sĩ thi đua cấp tỉnh, 5.777 tập thể, cá nhân được tặng Bằng khen.",
     [("cstd_tinh", None, "171")]),
    # two titles for one count: whose it is is not said, the count is not split between them
    ("Công nhận danh hiệu thi đua cho 04 Tập thể lao động tiên tiến.", [("ttldtt", "04", None)]),
])
def test_recipients_after_a_comma(text: str, expected: list) -> None:
    assert _awards(text) == expected


ART2_OK = ("Điều 2. Mức tiền thưởng: danh hiệu “Tập thể lao động tiên tiến” 1.170.000 đồng/tập thể; danh hiệu “Chiến "
           "sĩ thi đua cơ sở” 1.800.000 đồng/cá nhân; Giấy khen tập thể 1.350.000 đồng/tập thể, Giấy khen cá nhân "
           "675.000 đồng/cá nhân. Tổng số tiền thưởng là {total} đồng.\n")


def test_money_per_award_right_is_silent() -> None:
    assert loud(page(ART1 + ART2_OK.format(total="133.650.000"))) == []


def test_money_per_award_wrong_is_a_warning() -> None:
    found = loud(page(ART1 + ART2_OK.format(total="133.245.000")))
    assert [(f[0], f[1]) for f in found] == [("PRD002", "warning")]  # counts from Article 1: inferred
    assert "133.650.000" in found[0][2]


def test_a_clause_without_a_title_continues_the_award_before() -> None:
    text = ("Điều 1. Tặng Giấy khen cho 8 tập thể, 20 cá nhân.\n"
            "Điều 2. Mức thưởng Giấy khen: 1.350.000 đồng/tập thể; 675.000 đồng/cá nhân. Tổng số tiền là {t} đồng.\n")
    assert loud(page(text.format(t="24.300.000"))) == []
    assert [f[0] for f in loud(page(text.format(t="24.800.000")))] == ["PRD002"]


def test_two_counts_of_one_award_are_not_linked() -> None:
    # Article 1 gives two different collective counts of Giấy khen: which one is paid is not said
    text = ("Điều 1. Tặng Giấy khen cho 8 tập thể; tặng Giấy khen cho 5 tập thể thuộc khối trường học.\n"
            "Điều 2. Giấy khen tập thể 1.350.000 đồng/tập thể; Lao động tiên tiến 540.000 đồng/cá nhân. "
            "Tổng số tiền là 99.000.000 đồng.\n")
    assert [f for f in loud(page(text)) if f[0] == "PRD002"] == []
