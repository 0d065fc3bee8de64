"""CHG002: a count written with its rise or fall as a percent only implies an earlier count (or a
plan) that must be whole; and “vượt chỉ tiêu 24%” (the plan named before the percent) is read as
the excess over the plan, like “vượt 24% chỉ tiêu”. Sentences written for these tests, both ways."""

from __future__ import annotations

import pytest

from auditor.extract import extract_bytes
from auditor.extract.corpus import audit_bytes


def shown(text: str) -> list[tuple[str, str]]:
    _, fs = audit_bytes(text.encode("utf-8"), "t.txt")
    return [(f.rule_id, f.severity) for f in fs]


@pytest.mark.parametrize("text", [
    # 37 / 1,24 = 29,84: no whole number of members last year (29,7–30,0)
    "Năm 2023, Đảng bộ xã kết nạp được 37 đảng viên mới, vượt chỉ tiêu 24%.",
    "Năm 2023, toàn xã có 37 hộ thoát nghèo, tăng 24% so với năm 2022.",
    # a fall: 45 / 0,93 = 48,39 (48,1–48,6)
    "Đến cuối năm, xã còn 45 hộ nghèo, giảm 7% so với đầu năm.",
])
def test_a_count_whose_percent_implies_no_whole_base_is_a_warning(text: str) -> None:
    assert shown(text) == [("CHG002", "warning")]


@pytest.mark.parametrize("text", [
    "Năm 2023, Đảng bộ xã kết nạp được 36 đảng viên mới, vượt chỉ tiêu 20%.",        # 30
    "Giải quyết việc làm cho 120 lao động, vượt 20% kế hoạch.",                      # 100
    "Toàn xã có 45 hộ thoát nghèo, vượt kế hoạch huyện giao 7%.",                    # 42
    "Thu ngân sách xã đạt 1.250 triệu đồng, vượt kế hoạch 25%.",                     # not a count
    "Tỷ lệ hộ nghèo còn 3,5%, giảm 1,2% so với năm 2022.",                           # points of a rate
])
def test_a_whole_base_or_no_count_raises_nothing(text: str) -> None:
    assert shown(text) == []


def test_a_percent_cut_rather_than_rounded_is_info() -> None:
    # 35 / 30 = 1,1667: 16,67 % cut to 16 (35 / 1,16 alone gives 30,04–30,30)
    assert shown("Năm 2023, chi bộ kết nạp 35 đảng viên, tăng 16% so với năm 2022.") == [("CHG002", "info")]


@pytest.mark.parametrize("text,percent", [
    ("Năm 2023, Đảng bộ xã kết nạp được 37 đảng viên mới, vượt chỉ tiêu 24%.", "24"),
    ("Thu ngân sách xã đạt 1.250 triệu đồng, vượt mức kế hoạch năm 12,5%.", "12,5"),
])
def test_the_plan_named_before_the_percent_is_read_as_an_excess_over_it(text: str, percent: str) -> None:
    ex = extract_bytes(text.encode("utf-8"), "t.txt")
    (ch,) = ex.report.changes
    assert ch.against == "plan" and ch.direction == "up"
    assert ch.percent.text == percent and ch.value is not None
