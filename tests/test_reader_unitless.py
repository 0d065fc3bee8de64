"""A change written without its unit where the level's unit leaves two readings (NUM005,
extract/unitless.py): phrasings of our own, both ways."""

from __future__ import annotations

import pytest

from auditor.extract.corpus import audit_bytes


def found(text: str) -> list[tuple[str, str]]:
    """The findings of the whole audit of a document (the reader's number problems included)."""
    _, fs = audit_bytes(text.encode("utf-8"), "t.txt")
    return [(f.rule_id, f.severity) for f in fs if f.severity in ("error", "warning")]


@pytest.mark.parametrize("text", [
    "Diện tích rừng trồng tập trung ước đạt 16.170,1 ha, tăng 9,5.",
    "Năng suất lúa bình quân đạt 62,5 tạ/ha, tăng 1,5 so với cùng kỳ.",
    "Tổng thu ngân sách trên địa bàn đạt 215,6 tỷ đồng, giảm 12,4; chi ngân sách đạt 180 tỷ đồng.",
])
def test_a_change_without_its_unit_after_a_measure_is_reported(text):
    assert found(text) == [("NUM005", "warning")]


@pytest.mark.parametrize("text", [
    "Diện tích rừng trồng tập trung ước đạt 16.170,1 ha, tăng 9,5 ha so với cùng kỳ.",
    "Diện tích rừng trồng tập trung ước đạt 16.170,1 ha, tăng 9,5%.",
    # a whole number after a count is that count
    "Toàn huyện có 12 xã đạt chuẩn nông thôn mới, tăng 3 so với năm trước.",
    # a change in percentage points of a rate has its own reading (“%” is the level's)
    "Tỷ lệ hộ nghèo còn 2,35%, giảm 0,8 so với năm trước.",
    # a unit written after the change in words
    "Sản lượng lương thực đạt 8.450,5 tấn, tăng 120,5 tấn.",
])
def test_a_change_with_its_unit_or_a_single_reading_is_silent(text):
    assert ("NUM005", "warning") not in found(text)
