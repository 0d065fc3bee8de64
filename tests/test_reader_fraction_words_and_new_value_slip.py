"""Two readings the held-out sets real37 (024: “666 cơ sở truyền thanh cấp huyện/705 huyện …, đạt tỷ lệ
94,45%”) and real39 (021: “46 vụ; …, tăng 8 vụ (tăng 17,4%)”) showed unread, each on phrasings of our own,
both ways."""

from __future__ import annotations

import pytest

from tests.test_reader_phrasings import audit_report, page, rules_of


def _loud(text: str) -> list[tuple[str, str]]:
    return [(f.rule_id, f.severity) for f in audit_report(page(text), "t") if f.severity in ("error", "warning")]


def _rates(text: str) -> list[tuple[str, str, str]]:
    return [(r.numerator.text, r.denominator.text if r.denominator else "", r.percent.text if r.percent else "")
            for r in page(text).rates]


# -- a fraction whose numerator's noun phrase stands before the slash


@pytest.mark.parametrize("text", [
    "Cả nước hiện có 666 cơ sở truyền thanh cấp huyện/705 huyện, quận, thị xã, thành phố thuộc tỉnh, đạt tỷ lệ 94,45%.",
    "Toàn tỉnh có 86 trạm y tế đạt chuẩn quốc gia/112 xã, chiếm 72,5%.",
])
def test_a_worded_fraction_over_another_noun_that_does_not_hold_is_a_doubt(text: str) -> None:
    # 666 / 705 = 94,468 (94,47, never 94,45); 86 / 112 = 76,8: stations over districts is a reading
    assert _loud(text) == [("PCT003", "warning")]


def test_a_worded_fraction_over_its_own_noun_that_does_not_hold_is_an_error() -> None:
    assert _loud("Toàn huyện có 12 xã đạt chuẩn nông thôn mới/20 xã, đạt 65%.") == [("PCT003", "error")]


@pytest.mark.parametrize("text,rate", [
    ("Cả nước hiện có 9.690 đài truyền thanh/10.599 xã, phường, thị trấn, đạt tỷ lệ 91,4%.", ("9.690", "10.599", "91,4")),
    ("Toàn huyện có 12 xã đạt chuẩn nông thôn mới/20 xã, đạt 60%.", ("12", "20", "60")),
    ("Toàn tỉnh có 86 trạm y tế đạt chuẩn quốc gia/112 xã, chiếm 76,8%.", ("86", "112", "76,8")),
])
def test_a_worded_fraction_that_holds_is_read_and_silent(text: str, rate: tuple[str, str, str]) -> None:
    assert _loud(text) == []
    assert rate in _rates(text)


@pytest.mark.parametrize("text", [
    # no percent: nothing states the fraction
    "Cả nước hiện có 666 cơ sở truyền thanh cấp huyện/705 huyện, quận, thị xã, thành phố thuộc tỉnh.",
    # a figure between the count and the slash: a date, not a fraction
    "Xã tổ chức 12 buổi tuyên truyền ngày 5/6, đạt 100% kế hoạch.",
    # a unit per something: no figure after the slash
    "Năng suất lúa đạt 62 tạ/ha, tăng 3% so với năm trước.",
])
def test_what_is_not_a_worded_fraction_is_not_read_as_one(text: str) -> None:
    assert not any(r[1] for r in _rates(text) if r[0] in ("666", "12")), _rates(text)
    assert _loud(text) == []


# -- a change's percent divided by the new level instead of the earlier one


@pytest.mark.parametrize("text", [
    "Về ùn tắc giao thông, cả nước xảy ra 46 vụ; so với cùng kỳ năm 2018, tăng 8 vụ (tăng 17,4%).",
    "Cả nước xảy ra 46 vụ ùn tắc, tăng 8 vụ (tăng 17,4%) so với cùng kỳ năm 2018.",
    "Toàn huyện có 250 hộ nghèo, tăng 50 hộ (20%) so với năm 2022.",
])
def test_a_change_over_the_new_level_is_an_error(text: str) -> None:
    # 8 / 46 = 17,4 but the rise is of 38: 8 / 38 = 21,05; 50 / 250 = 20 but 50 / 200 = 25
    assert _loud(text) == [("CHG001", "error")]


@pytest.mark.parametrize("text", [
    "Cả nước xảy ra 46 vụ ùn tắc, tăng 8 vụ (tăng 21,1%) so với cùng kỳ năm 2018.",
    "Toàn huyện có 250 hộ nghèo, tăng 50 hộ (25%) so với năm 2022.",
    # a fall of a rate in points of the whole population: below the count's own change, not read
    "Toàn xã có 1.200 hộ nghèo, giảm 92 hộ (giảm 0,35%) so với năm 2022.",
])
def test_a_change_over_the_earlier_level_or_in_points_stays_silent(text: str) -> None:
    assert rules_of(text) == []


@pytest.mark.parametrize("text", [
    # a density per 100 people and its change (real37 008–011)
    "Mật độ thuê bao điện thoại di động đạt 85,5 thuê bao di động/100 dân, tăng 1,75% so với năm 2022.",
    "Số thuê bao băng rộng cố định đạt 22 thuê bao/100 dân, tăng 8,2% so với cùng kỳ.",
])
def test_a_density_per_hundred_and_its_change_are_not_a_share(text: str) -> None:
    assert _loud(text) == []
