"""What the twenty-third and twenty-fourth held-out sets (tests/data/real23: order, traffic, complaints,
administrative reform, recruitment; real24: ratings by tier, party members, schools) showed on first
contact, as general classes, tested on phrasings of our own, both ways."""

from __future__ import annotations

import pytest

from auditor.extract.numbers import tokenize
from tests.test_reader_phrasings import loud, page, role_kinds


def rules(text: str) -> set[str]:
    return {f[0] for f in loud(page(text))}


# ---------------------------------------------------------------- a total's parts among what the events did

ACCIDENTS = ("Trong tháng, toàn tỉnh xảy ra {n} vụ tai nạn giao thông, bao gồm 52 vụ từ ít nghiêm trọng trở lên và 25 vụ "
             "va chạm giao thông, làm 38 người chết, 27 người bị thương và 23 người bị thương nhẹ.")


def test_the_events_consequences_are_not_parts_of_their_count() -> None:
    assert loud(page(ACCIDENTS.format(n="77"))) == []
    assert "SUM002" in rules(ACCIDENTS.format(n="78"))


# ---------------------------------------------------------------- a period named once scopes the sentences after it

def test_figures_of_two_periods_named_by_dates_are_two_quantities() -> None:
    text = ("Tính từ ngày 15/4 - 14/5/2023, toàn tỉnh xảy ra 92 vụ tai nạn. Trong đó, đường bộ xảy ra 91 vụ, làm chết "
            "47 người. Tính chung 5 tháng (từ ngày 15/12/2022 đến 14/5/2023), toàn tỉnh xảy ra 473 vụ tai nạn. Trong "
            "đó, đường bộ xảy ra 468 vụ, làm chết 269 người.")
    assert [f for f in loud(page(text)) if f[0] == "VAL001"] == []


# ---------------------------------------------------------------- “(now/before)” after a change

@pytest.mark.parametrize("text,bad", [
    ("So với cùng kỳ năm 2022 xảy ra ít hơn 03 vụ = 1,6% (180/183 vụ).", "ít hơn 04 vụ = 1,6% (180/183 vụ)"),
    ("Phát hiện 206 vụ, so với cùng kỳ năm 2019 tăng 93 vụ (206/113 vụ).", "tăng 83 vụ (206/113 vụ)"),
])
def test_a_fraction_after_a_change_is_now_over_before(text: str, bad: str) -> None:
    assert loud(page(text)) == []
    wrong = text.replace(text[text.index(bad.split()[0]):text.index(")") + 1], bad)
    assert "CHG001" in rules(wrong)


@pytest.mark.parametrize("text", ["xảy ra ít hơn 03 vụ", "phát hiện nhiều hơn 15 vụ", "cao hơn 5%"])
def test_fewer_and_more_by_are_no_bounds(text: str) -> None:
    assert [t.approx for t in tokenize(text)] == [None]


def test_more_than_is_still_a_bound() -> None:
    assert [t.approx for t in tokenize("có hơn 200 hộ")] == ["over"]


def test_a_signed_percent_in_brackets_is_a_change() -> None:
    assert ("51,25", "growth") in role_kinds("Toàn quốc xảy ra 121 vụ, so với tháng 4/2023 tăng 41 vụ (+51,25%).")
    assert loud(page("Toàn quốc xảy ra 121 vụ, so với tháng 4/2023 tăng 41 vụ (+51,25%).")) == []


# ---------------------------------------------------------------- names with numbers

@pytest.mark.parametrize("text,label", [
    ("giao cho Sư đoàn Bộ binh 2 (Quân khu 5) và Lữ đoàn Pháo binh 572", ["2", "5", "572"]),
    ("Trung đoàn 996 nhận 120 chiến sĩ", ["996"]),
])
def test_a_formations_number_is_its_name(text: str, label: list[str]) -> None:
    assert [t.text for t in tokenize(text) if t.form == "label"] == label


def test_a_count_of_formations_is_still_a_count() -> None:
    assert [t.form for t in tokenize("có 3 sư đoàn 12 trung đoàn")] == ["number", "number"]


def test_border_guard_is_no_room() -> None:
    assert [(t.form, t.text) for t in tokenize("Quân sự 29; Biên phòng 15 và Công an 12")] == [
        ("number", "29"), ("number", "15"), ("number", "12")]
    assert [t.form for t in tokenize("phòng 203")] == ["label"]


# ---------------------------------------------------------------- what acts count is named by their object

def test_two_counts_of_one_act_on_different_things_are_two_quantities() -> None:
    text = ("Phát hiện 10 vụ tham nhũng. Khởi tố 4 vụ, 6 bị can về các tội tham nhũng, chức vụ.\n"
            "Về tội phạm nói chung, điều tra làm rõ 210 vụ. Đã khởi tố 179 vụ, 251 bị can.\n")
    assert [f for f in loud(page(text)) if f[0] == "VAL001"] == []


def test_a_named_count_stated_twice_is_still_compared() -> None:
    text = "Số vụ án ma túy khởi tố là 40 vụ.\nTổng kết lại, số vụ án ma túy khởi tố là 42 vụ.\n"
    assert "VAL001" in rules(text)


# ---------------------------------------------------------------- a bound on another rate

def test_units_meeting_a_bound_are_not_its_share() -> None:
    assert loud(page("Có 5/9 huyện đạt tỷ lệ này dưới 3% và cả 9/9 huyện, thành phố đạt tỷ lệ dưới 10%.")) == []
    assert "PCT003" in rules("Có 8/9 xã, chiếm 90%.")


# ---------------------------------------------------------------- items that leave the noun out

QUOTAS = ("Ban Thường vụ giao chỉ tiêu phát triển {n} đảng viên mới trong năm 2024. Cụ thể: Đảng bộ thành phố 150 đảng "
          "viên mới; huyện A 110; huyện B 90; huyện C 45; Quân sự 29; Biên phòng 15 và Đảng bộ Khối cơ quan 61 đảng "
          "viên mới.")


def test_the_items_after_the_first_count_its_noun() -> None:
    assert [f for f in loud(page(QUOTAS.format(n="500"))) if f[0] == "SUM002"] == []
    found = [f for f in loud(page(QUOTAS.format(n="505"))) if f[0] == "SUM002"]
    assert len(found) == 1 and "500" in found[0][2]  # (all seven items read: 150 + … + 61 = 500)
