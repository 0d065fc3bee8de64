"""A dated meeting that reviews a period (PER011): “Ngày 20/12/2023, UBND xã tổ chức hội nghị tổng
kết năm 2023” is read as a review mention (the reader, `extract/refs.py`) and held to the window
of the report on that period. Sentences written for these tests (none from the seeds or the
corpus), both ways, and the constructions that are not a review meeting on that day."""

from __future__ import annotations

import pytest

from auditor.extract.corpus import audit_bytes


def reviews(text: str) -> list[tuple[int | None, int | None, tuple]]:
    ex, _ = audit_bytes(text.encode("utf-8"), "t.txt")
    assert ex is not None and ex.report is not None
    return [(m.year, m.number, (m.date.day, m.date.month, m.date.year) if m.date else None)
            for m in ex.report.mentions if m.kind == "review"]


def per011(text: str) -> list[str]:
    _, fs = audit_bytes(text.encode("utf-8"), "t.txt")
    return [f.severity for f in fs if f.rule_id == "PER011"]


@pytest.mark.parametrize("text,read", [
    ("Chiều ngày 26/12/2023, Ủy ban nhân dân xã Tân Lập tổ chức Hội nghị tổng kết công tác thi đua, khen "
     "thưởng năm 2023.", (2023, 12, (26, 12, 2023))),
    ("Sáng 12/7/2022, HĐND huyện tổ chức phiên họp sơ kết 6 tháng đầu năm 2022.", (2022, 6, (12, 7, 2022))),
    ("Ngày 20 tháng 01 năm 2024, Đảng ủy thị trấn họp tổng kết công tác xây dựng Đảng năm 2023.",
     (2023, 12, (20, 1, 2024))),
])
def test_a_review_meeting_in_its_window_is_read_and_silent(text: str, read: tuple) -> None:
    assert reviews(text) == [read]
    assert per011(text) == []


@pytest.mark.parametrize("text,severity", [
    # the year reviewed has barely begun: no reading makes sense of it
    ("Ngày 15 tháng 01 năm 2024, Đảng ủy thị trấn tổ chức hội nghị tổng kết công tác xây dựng Đảng năm 2024.",
     "error"),
    ("Sáng ngày 10/3/2022, UBND huyện tổ chức hội nghị sơ kết 6 tháng đầu năm 2022.", "error"),
    # past half of the year but before October: an early review is possible, a warning
    ("Chiều ngày 18/8/2023, UBND xã tổ chức hội nghị tổng kết công tác năm 2023.", "warning"),
    # a year late
    ("Sáng ngày 22/12/2023, Hội đồng Thi đua - Khen thưởng huyện họp tổng kết năm 2022.", "warning"),
])
def test_a_review_meeting_outside_its_window_is_found(text: str, severity: str) -> None:
    assert len(reviews(text)) == 1
    assert per011(text) == [severity]


@pytest.mark.parametrize("text", [
    # a plan for a review to come, issued early
    "Ngày 10/3/2023, UBND huyện ban hành Kế hoạch tổ chức hội nghị tổng kết năm 2023.",
    # a review of several years (“5 năm”), not of the year named
    "Ngày 05/01/2023, Ban Thường vụ Huyện ủy tổ chức hội nghị tổng kết 5 năm thực hiện Nghị quyết năm 2018.",
    # no meeting on that day: the date is not the review's
    "Ngày 15/01/2024, xã đã hoàn thành và gửi báo cáo tổng kết năm 2024 về huyện.",
    # the date does not open the sentence
    "Hội nghị tổng kết năm 2024 của xã dự kiến tổ chức sau ngày 15/01/2024, khi có số liệu chính thức.",
    # awards made in a year are not a review of it (“khen thưởng năm 2024” in January 2024)
    "Sáng ngày 17/01/2024, Hội đồng thi đua khen thưởng huyện họp xét khen thưởng năm 2024.",
])
def test_what_is_not_a_review_meeting_on_that_day(text: str) -> None:
    assert reviews(text) == []
    assert per011(text) == []
