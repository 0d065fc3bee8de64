"""A share said of a subgroup named after a count (“đàn bò là 3.182 con, bò lai chiếm 16,5% tổng
đàn”): the count is not its numerator (extract/clauses.opens_subgroup). Phrasings of our own, both
ways: the subgroup's share is not checked against the count, the count's own share still is."""

from __future__ import annotations

import pytest

from tests.test_reader_phrasings import loud, page

SUBGROUP = [
    # the share of crossbred cattle, not of all 3.182 head
    "Tổng đàn gia súc của xã là 13.000 con. Trong đó đàn bò là 3.182 con, bò lai chiếm 16,5% tổng đàn.",
    # the poor households among 1.378 households with the cultural title: another group
    "Toàn xã có 1.450 hộ, trong đó 1.378 hộ gia đình văn hóa, hộ nghèo chiếm 2,1%.",
    "Diện tích lúa gieo cấy 820 ha, lúa chất lượng cao chiếm 65% diện tích.",
]


def numerators(text: str) -> list[str]:
    return [r.numerator.text for r in page(text).rates]


@pytest.mark.parametrize("text", SUBGROUP)
def test_a_share_said_of_a_subgroup_is_not_the_counts_share(text):
    r = page(text)
    nums = [x.numerator.text for x in r.rates if x.percent is not None and x.percent.text in text.split("chiếm")[-1]]
    assert nums == [], nums
    assert loud(r) == []


@pytest.mark.parametrize("text,num,pct", [
    # the count's own share, with no new noun between: still read
    ("Tổng đàn gia súc của xã là 13.000 con. Trong đó đàn bò là 3.182 con, chiếm 24,5% tổng đàn.", "3.182", "24,5"),
    # a list of nouns continuing the count's noun phrase: still read
    ("Toàn xã có 1.035/1.035 ấp, khu phố đăng ký xây dựng văn hóa, đạt 100%.", "1.035", "100"),
    # the same noun repeated without narrowing it
    ("Toàn xã có 1.450 hộ, trong đó 1.378 hộ đạt gia đình văn hóa, chiếm 95%.", "1.378", "95"),
])
def test_the_counts_own_share_is_still_read(text, num, pct):
    assert (num, pct) in [(x.numerator.text, x.percent.text) for x in page(text).rates]


def test_the_counts_own_share_is_still_checked():
    text = "Tổng đàn gia súc của xã là 13.000 con. Trong đó đàn bò là 3.182 con, chiếm 26,5% tổng đàn."
    assert [(r, s) for r, s, _m in loud(page(text))] in ([("PCT003", "error")], [("PCT003", "warning")])
