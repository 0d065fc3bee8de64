"""A day of the week written with a date (extract/weekdays.py, rule CAL010): phrasings of our own
both ways, the ordinals it must not read, and a property over the calendar."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.test_reader_phrasings import loud, page

HEAD = "UBND XÃ HÒA BÌNH\nBÁO CÁO\nTổng kết công tác năm 2024\n\n"
VI = {1: "thứ Hai", 2: "thứ Ba", 3: "thứ Tư", 4: "thứ Năm", 5: "thứ Sáu", 6: "thứ Bảy", 7: "Chủ nhật"}


def found(text: str) -> list[tuple[str, str]]:
    return [(rule, sev) for rule, sev, _msg in loud(page(HEAD + text))]


def weekdays(text: str) -> list[tuple[int | None, int | None, int | None, int | None]]:
    return [(m.number, m.date.day, m.date.month, m.date.year) for m in page(HEAD + text).mentions
            if m.kind == "weekday" and m.date is not None]


@pytest.mark.parametrize("text,read", [
    ("Ngày 15/12/2024 (Chủ nhật), HĐND xã tổ chức kỳ họp thứ 10.", (8, 15, 12, 2024)),
    ("Thứ Hai, ngày 16 tháng 12 năm 2024, Hội đồng Thi đua - Khen thưởng xã họp xét khen thưởng.", (2, 16, 12, 2024)),
    ("Chiều thứ 6 (ngày 13/12/2024), Ban Chỉ đạo họp phiên cuối năm.", (6, 13, 12, 2024)),
    ("Sáng thứ Năm (12/12), UBND xã tổ chức hội nghị tổng kết.", (5, 12, 12, None)),
])
def test_a_weekday_with_its_date_is_read_and_a_right_one_is_silent(text, read):
    assert weekdays(text) == [read]
    assert found(text) == []


@pytest.mark.parametrize("text,sev", [
    ("Ngày 15/12/2024 (thứ Hai), HĐND xã tổ chức kỳ họp thứ 10.", "error"),
    ("Thứ Ba, ngày 16 tháng 12 năm 2024, Hội đồng Thi đua - Khen thưởng xã họp xét khen thưởng.", "error"),
    ("Chiều thứ 5 (ngày 13/12/2024), Ban Chỉ đạo họp phiên cuối năm.", "error"),
    # the year is the report's: a reading, a warning
    ("Sáng thứ Sáu (12/12), UBND xã tổ chức hội nghị tổng kết.", "warning"),
])
def test_a_weekday_that_is_not_the_dates_is_caught(text, sev):
    assert found(text) == [("CAL010", sev)]


@pytest.mark.parametrize("text", [
    "Kỳ họp thứ hai, ngày 15/12/2024, HĐND xã đã thông qua 5 nghị quyết.",
    "Lần thứ ba (ngày 20/11/2024), đoàn kiểm tra làm việc tại thôn Đông.",
    "Năm thứ tư, 15/12/2024 là hạn cuối nộp hồ sơ.",
    "Hội nghị lần thứ 5, ngày 15/12/2024 đã kết luận.",
])
def test_an_ordinal_before_a_date_is_not_a_weekday(text):
    assert weekdays(text) == []
    assert found(text) == []


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2035, 12, 31)), st.integers(0, 6),
       st.sampled_from(["{wd}, ngày {d}/{m}/{y}, UBND xã họp.", "Ngày {d}/{m}/{y} ({wd}), UBND xã họp.",
                        "{wd}, ngày {d} tháng {m} năm {y}, UBND xã họp."]))
def test_any_date_is_silent_with_its_weekday_and_caught_with_another(day, shift, form):
    right = day.isoweekday()
    wd = (right - 1 + shift) % 7 + 1
    text = form.format(wd=VI[wd][0].upper() + VI[wd][1:], d=day.day, m=day.month, y=day.year)
    assert found(text) == ([] if shift == 0 else [("CAL010", "error")])
