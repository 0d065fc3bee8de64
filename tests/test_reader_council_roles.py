"""The emulation council's members by role, the role written before or after its count
(extract/prose.council). Phrasings of our own, both ways: SUM004 checks chair + vice-chairs +
members against the council's size."""

from __future__ import annotations

import pytest

from tests.test_reader_phrasings import loud, page

HEAD = "Hội đồng Thi đua - Khen thưởng xã gồm 9 thành viên"


@pytest.mark.parametrize("text,roles", [
    (f"{HEAD}, trong đó: Chủ tịch Hội đồng 01, Phó Chủ tịch 02, ủy viên 06.", ("01", "02", "06")),
    (f"{HEAD}: Chủ tịch: 01 đồng chí; Phó Chủ tịch: 02 đồng chí; Ủy viên: 06 đồng chí.", ("01", "02", "06")),
    (f"{HEAD}, gồm 1 Chủ tịch, 2 Phó Chủ tịch và 6 ủy viên.", ("1", "2", "6")),
])
def test_the_councils_roles_are_read_in_either_order_and_silent_when_they_add_up(text, roles):
    c = page(text).council
    assert c is not None
    assert (c.chair.text, c.vice_chairs.text, c.others.text) == roles
    assert loud(page(text)) == []


@pytest.mark.parametrize("text", [
    f"{HEAD}, trong đó: Chủ tịch Hội đồng 01, Phó Chủ tịch 02, ủy viên 05.",
    f"{HEAD}: Chủ tịch: 01 đồng chí; Phó Chủ tịch: 02 đồng chí; Ủy viên: 05 đồng chí.",
])
def test_roles_that_do_not_make_the_councils_size_are_an_error(text):
    assert [(r, s) for r, s, _m in loud(page(text))] == [("SUM004", "error")]


@pytest.mark.parametrize("text", [
    # the chair named with a person, not a count
    f"{HEAD}, do đồng chí Chủ tịch UBND xã làm Chủ tịch Hội đồng, 2 đồng chí Phó Chủ tịch UBND xã làm Phó Chủ tịch.",
    # a count of meetings after the roles is not a role's count
    f"{HEAD}. Năm 2024, Hội đồng họp 4 lần.",
])
def test_no_role_count_where_no_count_is_written_for_it(text):
    assert loud(page(text)) == []
