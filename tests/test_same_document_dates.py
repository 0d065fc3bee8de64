"""LEG007: one document cited with two dates. Through the reader, phrasings of our own, both ways."""

from __future__ import annotations

import pytest

from tests.test_reader_phrasings import loud, page

FIRST = "Thực hiện Kế hoạch số 25/KH-UBND ngày 15/02/2024 của UBND xã về phát động phong trào thi đua năm 2024."


@pytest.mark.parametrize("second,expected", [
    # the issuer named once: the link is a reading
    ("Theo Kế hoạch số 25/KH-UBND ngày 20/02/2024, phong trào được phát động rộng rãi.", ("LEG007", "warning")),
    # both name the same issuer: one document, two dates
    ("Theo Kế hoạch số 25/KH-UBND ngày 20/02/2024 của UBND xã, phong trào được phát động rộng rãi.",
     ("LEG007", "error")),
])
def test_one_number_cited_with_two_dates_of_one_year_is_found(second, expected):
    found = [(r, s) for r, s, _m in loud(page(f"{FIRST}\n\n{second}")) if r == "LEG007"]
    assert found == [expected]


@pytest.mark.parametrize("second", [
    "Theo Kế hoạch số 25/KH-UBND ngày 15/02/2024, phong trào được phát động rộng rãi.",   # the same date
    "Kế hoạch số 25/KH-UBND ngày 20/02/2023 của UBND xã đã được tổng kết.",              # another year
    "Theo Kế hoạch số 25/KH-UBND ngày 20/02/2024 của UBND huyện, các xã tổ chức phát động.",  # another issuer
    "Theo Quyết định số 25/QĐ-UBND ngày 20/02/2024, xã kiện toàn Hội đồng.",              # another number
])
def test_no_finding_for_the_same_date_or_another_document(second):
    assert [r for r, _s, _m in loud(page(f"{FIRST}\n\n{second}")) if r == "LEG007"] == []
