"""What the session of 8 December taught the reader (held-out sets real45 and real52 … real55 among them),
each class on phrasings of our own, both ways."""

from __future__ import annotations

import pytest

from auditor.extract.classes import classes_listed_whole
from tests.test_reader_phrasings import audit_report, page, rules_of


def _loud(text: str) -> list[tuple[str, str]]:
    return [(f.rule_id, f.severity) for f in audit_report(page(text), "t") if f.severity in ("error", "warning")]


# -- “huy chương gồm 5 HCV”: the number after a medal's name and “gồm” counts, it is not a chapter's number


@pytest.mark.parametrize("text", [
    "Đoàn giành được 20 huy chương gồm 5 HCV, 6 HCB, 9 HCĐ.",
    "Đoàn thể thao huyện giành 20 huy chương (5 HCV, 6 HCB, 9 HCĐ).",
    "Đội tuyển giành được tổng cộng 14 huy chương, gồm 3 HCĐ, 4 HCB và 7 HCV.",
])
def test_medals_after_gom_add_up_silently(text: str) -> None:
    assert rules_of(text) == []


@pytest.mark.parametrize("text", [
    "Đoàn giành được 20 huy chương gồm 5 HCV, 7 HCB, 9 HCĐ.",
    "Đoàn thể thao huyện giành 20 huy chương (5 HCV, 6 HCB, 8 HCĐ).",
])
def test_medals_after_gom_that_do_not_add_up_are_an_error_with_every_part(text: str) -> None:
    found = audit_report(page(text), "t")
    sums = [f for f in found if f.rule_id == "SUM002"]
    assert [f.severity for f in sums] == ["error"]
    assert sums[0].message.vi.count("+") == 2  # all three medals are read, the first one too


def test_a_chapter_number_is_still_a_name() -> None:
    assert rules_of("Luật gồm 10 chương, Chương 5 gồm 3 mục.") == []


# -- every class of the award the total names: the breakdown is whole (real45 026)


@pytest.mark.parametrize("text", [
    "Năm học này có 27 học sinh được nhận Huân chương Lao động và Bằng khen của Thủ tướng Chính phủ. Trong đó, có 02 "
    "học sinh được nhận Huân chương Lao động hạng Nhất; 06 học sinh được nhận Huân chương Lao động hạng Nhì; 08 học "
    "sinh được nhận Huân chương Lao động hạng Ba và 09 học sinh được nhận Bằng khen của Thủ tướng Chính phủ.",
    "Có 27 cá nhân được tặng Huân chương Lao động, trong đó 2 hạng Nhất, 6 hạng Nhì và 8 hạng Ba.",
    "Đoàn vận động viên của tỉnh giành 20 huy chương, trong đó 5 HCV, 6 HCB và 7 HCĐ.",
    "Đoàn vận động viên của tỉnh giành 20 huy chương, trong đó 5 huy chương vàng, 6 huy chương bạc và 7 huy chương đồng.",
])
def test_every_class_listed_makes_a_short_sum_a_warning(text: str) -> None:
    assert ("SUM002", "warning") in _loud(text)


@pytest.mark.parametrize("text", [
    # the same lists adding up
    "Năm học này có 25 học sinh được nhận Huân chương Lao động và Bằng khen của Thủ tướng Chính phủ. Trong đó, có 02 "
    "học sinh được nhận Huân chương Lao động hạng Nhất; 06 học sinh được nhận Huân chương Lao động hạng Nhì; 08 học "
    "sinh được nhận Huân chương Lao động hạng Ba và 09 học sinh được nhận Bằng khen của Thủ tướng Chính phủ.",
    "Có 16 cá nhân được tặng Huân chương Lao động, trong đó 2 hạng Nhất, 6 hạng Nhì và 8 hạng Ba.",
    "Đoàn vận động viên của tỉnh giành 18 huy chương, trong đó 5 HCV, 6 HCB và 7 HCĐ.",
    # a class left out, an award the total does not name, a total that is not of medals: “trong đó” may be partial
    "Có 27 cá nhân được tặng Huân chương Lao động, trong đó 2 hạng Nhất và 6 hạng Nhì.",
    "Có 27 cá nhân được khen thưởng, trong đó 2 cá nhân nhận Huân chương Lao động hạng Nhất, 6 cá nhân hạng Nhì, "
    "8 cá nhân hạng Ba.",
    "Có 27 cá nhân được tặng Huân chương Lao động và Bằng khen của Thủ tướng Chính phủ, trong đó 2 hạng Nhất, 6 hạng "
    "Nhì và 8 hạng Ba.",
    "Học sinh của tỉnh đạt 20 giải, trong đó 5 HCV, 6 HCB và 7 HCĐ.",
])
def test_a_list_that_adds_up_or_may_be_partial_stays_silent(text: str) -> None:
    assert [f for f in _loud(text) if f[0] == "SUM002"] == []


@pytest.mark.parametrize("name,pieces,whole", [
    ("20 huy chương", ["5 HCV", "6 HCB", "7 HCĐ"], True),
    ("20 huy chương", ["5 HC Vàng", "6 HC Bạc", "7 HC Đồng"], True),
    ("20 huy chương", ["5 HCV", "6 HCV", "7 HCĐ"], False),            # a metal twice, one missing
    ("20 huy chương", ["5 HCV", "6 HCB", "7 HCĐ", "2 cúp"], False),   # something else among them
    ("9 tập thể nhận Huân chương Chiến công", ["2 hạng I", "3 hạng II", "4 hạng III"], True),
    ("9 tập thể nhận Huân chương Chiến công", ["2 Huân chương Lao động hạng Nhất", "3 hạng Nhì", "4 hạng Ba"], False),
    ("9 tập thể nhận Huân chương", ["2 hạng Nhất", "3 hạng Nhì", "4 hạng Nhì và hạng Ba"], False),
    ("9 tập thể nhận Huân chương Lao động và Cờ thi đua của Chính phủ", ["2 hạng Nhất", "3 hạng Nhì", "4 hạng Ba"],
     False),                                                          # the flags are not among the parts
    ("9 tập thể nhận Huân chương Lao động và Cờ thi đua của Chính phủ",
     ["2 hạng Nhất", "3 hạng Nhì", "1 hạng Ba", "3 Cờ thi đua của Chính phủ"], True),
])
def test_classes_listed_whole(name: str, pieces: list[str], whole: bool) -> None:
    assert (classes_listed_whole(name, pieces) is not None) is whole


# -- what was done, with its share in brackets, over what was received; “đơn thư” and “đơn”, “vụ việc” and “vụ”


@pytest.mark.parametrize("text", [
    "Trong năm, xã tiếp nhận 35 đơn, đã giải quyết 34 đơn (đạt 96,3%).",
    "Công an xã tiếp nhận 12 vụ, đã giải quyết 11 vụ (chiếm 93,7%).",
    "Trong năm, xã tiếp nhận 35 đơn thư, đã giải quyết 33 đơn (đạt 96,3%).",
    "Công an xã tiếp nhận 12 vụ việc, đã giải quyết 11 vụ, đạt 93,67%.",
])
def test_done_over_received_with_the_share_in_brackets_is_checked(text: str) -> None:
    assert ("PCT003", "warning") in _loud(text)


@pytest.mark.parametrize("text", [
    "Trong năm, xã tiếp nhận 35 đơn, đã giải quyết 33 đơn (đạt 94,3%).",
    "Công an xã tiếp nhận 12 vụ, đã giải quyết 11 vụ (chiếm 91,7%).",
    "Trong năm, xã tiếp nhận 35 đơn thư, đã giải quyết 33 đơn (đạt 94,3%).",
    "Công an xã tiếp nhận 12 vụ việc, đã giải quyết 11 vụ, đạt 91,67%.",
    "Trong năm, xã tiếp nhận 35 đơn thư, đã giải quyết 33 đơn, còn 2 đơn đang giải quyết.",
])
def test_done_over_received_that_holds_stays_silent(text: str) -> None:
    assert _loud(text) == []


def test_letters_received_done_and_left_must_add_up() -> None:
    text = "Trong năm, xã tiếp nhận 35 đơn thư, đã giải quyết 33 đơn, còn 3 đơn đang giải quyết."
    assert ("SUM002", "warning") in _loud(text)


# -- a share whose whole is written right after the percent


@pytest.mark.parametrize("text", [
    "Có 5 hộ nghèo, chiếm 12,9% tổng số 42 hộ.",
    "Có 5 người đạt Chiến sĩ thi đua cơ sở, chiếm 12,9% tổng số cán bộ, công chức (42 người).",
    "Số cá nhân đạt danh hiệu Chiến sĩ thi đua cơ sở là 5 người, bằng 12,9% số cá nhân đạt danh hiệu Lao động tiên "
    "tiến (42 người).",
    "Toàn xã có 40 hộ đạt chuẩn, đạt 97,2% trên tổng số 42 hộ.",
])
def test_a_share_over_the_whole_written_after_it_is_an_error(text: str) -> None:
    assert ("PCT003", "error") in _loud(text)


@pytest.mark.parametrize("text", [
    "Có 5 hộ nghèo, chiếm 11,9% tổng số 42 hộ.",
    "Có 5 người đạt Chiến sĩ thi đua cơ sở, chiếm 11,9% tổng số cán bộ, công chức (42 người).",
    "Toàn xã có 40 hộ đạt chuẩn, đạt 95,2% trên tổng số 42 hộ.",
    # a whole of another noun, or smaller than the part: not the share's whole
    "Có 5 hộ nghèo, chiếm 12,9% tổng số 42 nhân khẩu của thôn.",
    "Có 50 hộ nghèo, chiếm 12,9% tổng số 42 hộ được rà soát lần đầu.",
])
def test_a_share_over_the_whole_after_it_that_holds_or_is_not_its_whole_stays_silent(text: str) -> None:
    assert [f for f in _loud(text) if f[0] == "PCT003"] == []


# -- an amount per person over a count of individuals


def test_an_amount_per_person_times_individuals_is_checked() -> None:
    bad = "Tặng danh hiệu Lao động tiên tiến cho 42 cá nhân, mức thưởng 710.000 đồng/người, tổng số tiền 29.400.000 đồng."
    assert ("PRD001", "error") in _loud(bad)
    assert _loud(bad.replace("29.400.000", "29.820.000")) == []


# -- what was done, after a part, is not one more part


@pytest.mark.parametrize("text", [
    "Trong năm 2023, Tòa án huyện đã thụ lý 698 vụ các loại. Trong đó, Tòa án huyện đã thụ lý 429 vụ án hôn nhân và "
    "gia đình, tăng 49 vụ so với năm 2022, đã giải quyết, xét xử 415 vụ.",
    "Tiếp nhận 50 đơn, trong đó 20 đơn khiếu nại, 30 đơn kiến nghị, đã giải quyết 45 đơn.",
])
def test_a_count_done_after_the_parts_is_not_a_part(text: str) -> None:
    assert _loud(text) == []


def test_parts_that_exceed_their_total_are_still_a_warning() -> None:
    assert ("SUM002", "warning") in _loud("Tiếp nhận 50 đơn, trong đó 20 đơn khiếu nại, 31 đơn kiến nghị, đã giải quyết "
                                          "45 đơn.")
