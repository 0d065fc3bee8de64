"""What the twenty-first held-out set (tests/data/real21, communes and the new communes of 2025) showed on
first contact, as general classes, tested on phrasings of our own, both ways."""

from __future__ import annotations

import pytest

from auditor.extract.numbers import tokenize
from tests.test_reader_phrasings import loud, page


@pytest.mark.parametrize("text", [
    "Năm 2023, khu dân cư được tặng giấy khen vì tổ chức tốt 20 năm ngày hội đại đoàn kết toàn dân tộc, giai đoạn "
    "2003-2023.",
    "Năm 2023, xã tổ chức tổng kết 20 năm Ngày hội Đại đoàn kết toàn dân tộc (2003 - 2023).",
    "Năm 2023, xã tổng kết 21 năm Ngày hội Đại đoàn kết toàn dân tộc, giai đoạn 2003-2023.",
])
def test_years_counted_from_another_start_are_not_an_anniversary(text: str) -> None:
    assert loud(page(text)) == []


def test_the_founding_anniversary_is_still_checked() -> None:
    ok = "Năm 2023, xã kỷ niệm 93 năm Ngày thành lập Mặt trận Tổ quốc Việt Nam (18/11/1930 - 18/11/2023)."
    assert loud(page(ok)) == []
    assert "CAL001" in {f[0] for f in loud(page(ok.replace("93 năm", "92 năm")))}
    # a founding year near the true one is a wrong date, not another start
    assert "CAL002" in {f[0] for f in loud(page(ok.replace("1930", "1931")))}


def test_a_span_of_the_wrong_length_from_another_start_is_reported() -> None:
    text = "Năm 2023, xã tổng kết 25 năm Ngày hội Đại đoàn kết toàn dân tộc, giai đoạn 2003-2023."
    assert {f[0] for f in loud(page(text))} == {"CAL005"}


@pytest.mark.parametrize("text,expected", [
    ("thu nhập bình quân đầu người 90-95 triệu đồng/người/năm", ("range", "90-95")),
    ("mức hỗ trợ 50-70 nghìn đồng/người/ngày", ("range", "50-70 nghìn")),
    ("ngày 14-8 năm 2024", ("date", "14-8")),
])
def test_a_range_of_money_with_a_short_first_number(text: str, expected: tuple[str, str]) -> None:
    assert expected in [(t.form, t.text) for t in tokenize(text)]


def test_a_target_range_is_not_the_value_achieved() -> None:
    text = ("Đại hội thông qua các chỉ tiêu nhiệm kỳ mới: giá trị sản xuất tăng bình quân 11,6%; thu nhập bình quân "
            "đầu người 90-95 triệu đồng/người/năm; giao quân đạt 100% chỉ tiêu.\n"
            "Nhiệm kỳ qua, thu nhập bình quân đầu người năm 2020 ước đạt 57 triệu đồng/người/năm.\n")
    assert [f for f in loud(page(text)) if f[0] == "VAL001"] == []
