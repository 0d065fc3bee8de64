"""What the held-out sets real41 (health, social insurance), real42 (education), real43 (administration,
justice, inspection) and real44 (agriculture, rural credit) taught the reader, each class on phrasings of
our own, both ways."""

from __future__ import annotations

import pytest

from tests.test_reader_phrasings import audit_report, page, rules_of


def _loud(text: str) -> list[tuple[str, str]]:
    return [(f.rule_id, f.severity) for f in audit_report(page(text), "t") if f.severity in ("error", "warning")]


# -- a part counted after “trong đó” is not a later level of the whole (real41 017)


@pytest.mark.parametrize("text", [
    "Từ đầu năm 2022 đến nay, cả nước ghi nhận 258.480 trường hợp mắc sốt xuất huyết (tăng 4,8 lần so với cùng kỳ năm "
    "2021), trong đó có 102 trường hợp tử vong (tăng 81 trường hợp so với năm 2021).",
    "Từ đầu năm đến nay, toàn tỉnh có 1.250 hộ vay vốn, trong đó có 320 hộ nghèo (tăng 45 hộ so với năm 2022).",
])
def test_a_parts_own_change_is_not_a_difference_of_two_levels(text: str) -> None:
    assert rules_of(text) == []


@pytest.mark.parametrize("text,expected", [
    ("Số hộ nghèo đầu năm 2022 là 1.250 hộ, cuối năm 2022 còn 980 hộ, giảm 280 hộ.", ["DIF002"]),
    ("Số hộ nghèo đầu năm 2022 là 1.250 hộ (chiếm 9,8%), cuối năm 2022 còn 980 hộ, giảm 280 hộ.", ["DIF002"]),
    ("Số hộ nghèo đầu năm 2022 là 1.250 hộ, cuối năm 2022 còn 980 hộ, giảm 270 hộ.", []),
])
def test_two_levels_and_their_difference_are_still_checked(text: str, expected: list[str]) -> None:
    assert rules_of(text) == expected


# -- a whole year named at the head of a clause and the year so far are two periods (real41 024)


def test_a_year_and_the_year_so_far_are_two_quantities() -> None:
    text = ("Năm 2021, toàn tỉnh tổ chức được 83 đợt hiến máu, tiếp nhận 15.151 đơn vị máu an toàn, đạt 103% chỉ tiêu. "
            "Từ đầu năm đến nay, toàn tỉnh đã tổ chức 42 đợt hiến máu, tiếp nhận 8.729 đơn vị máu, đạt 58% kế hoạch.")
    assert [f for f in _loud(text) if f[0] == "VAL001"] == []


def test_a_year_restated_with_another_value_is_still_compared() -> None:
    text = ("Năm 2021, toàn tỉnh tổ chức được 83 đợt hiến máu, tiếp nhận 15.151 đơn vị máu an toàn.\n"
            "Tổng kết năm 2021, toàn tỉnh tổ chức được 83 đợt hiến máu, tiếp nhận 15.115 đơn vị máu an toàn.")
    assert "VAL001" in {f[0] for f in _loud(text)}


def test_a_year_after_a_comparison_is_not_a_period_of_its_own() -> None:
    from auditor.extract.links import span_before

    for text, span in [("Năm 2021, toàn tỉnh tiếp nhận 15", "year:2021"), ("Trong năm 2021, có 5", "year:2021"),
                       ("tăng 5% so với năm 2021, đạt 15", None), ("Tháng 9 năm 2022, đạt 5", "month:9"),
                       ("Từ đầu năm đến nay, 5", "ytd")]:
        assert span_before(text, len(text)) == span, text


# -- shares of a named total, each said of its own district (real41 003)


def test_shares_of_two_named_districts_are_of_two_populations() -> None:
    text = ("Dẫn đầu là huyện Vĩnh Tường với hơn 166 nghìn hồ sơ đã được lập, chiếm 70% tổng dân số. "
            "Địa phương đạt tỷ lệ thấp nhất là huyện Bình Xuyên với 8.698 hồ sơ, chiếm 6,42% tổng dân số.")
    assert rules_of(text) == []


def test_shares_of_one_named_total_still_share_it() -> None:
    # 120 / 2,5% = 4.800 households but 240 / 6,5% ≈ 3.692: one named total, two denominators
    assert rules_of("Xã có 120 hộ nghèo, chiếm 2,5% tổng số hộ; 240 hộ cận nghèo, chiếm 6,5% tổng số hộ.") == ["PCT004"]


# -- a list of names ends at a “;” that opens another subject (real41 004)


def test_a_list_of_names_ends_where_another_subject_has_its_own() -> None:
    text = ("Huyện Văn Bàn có 3 xã: Chiềng Ken, Nậm Xây, Thẩm Dương; huyện Mường Khương có 3 xã: Dìn Chin, La Pán Tẩn, "
            "Tả Gia Khâu; thành phố Lào Cai có phường Duyên Hải.")
    assert rules_of(text) == []


@pytest.mark.parametrize("text", [
    "Huyện Mường Khương có 3 xã: Dìn Chin, La Pán Tẩn; thành phố Lào Cai có phường Duyên Hải.",
    "Huyện có 3 tập thể được khen: Trường Mầm non A; Trạm Y tế xã C.",
])
def test_a_list_of_names_short_of_its_count_is_still_a_doubt(text: str) -> None:
    assert _loud(text) == [("CNT002", "warning")]


# -- doses are given against each dose's own people to cover (real41 009)


def test_doses_with_their_coverage_are_not_shares_of_one_total() -> None:
    text = ("Tính đến hết ngày 6/8/2022, cả nước đã tiêm nhắc lần 1 với tổng số 48.638.368 mũi tiêm (74,0%), tiêm nhắc "
            "lần 2 với tổng số 10.594.168 mũi tiêm (54,5%).")
    assert rules_of(text) == []


def test_people_with_their_shares_still_share_one_total() -> None:
    text = "Toàn xã có 1.250 người tham gia bảo hiểm y tế (74,0%), 310 người tham gia bảo hiểm xã hội (54,5%)."
    assert rules_of(text) == ["PCT004"]


# -- cases/deaths written as a pair are not an actual over a plan (real41 019)


def test_a_pair_of_counts_is_not_an_actual_over_a_plan() -> None:
    text = "Trong đó, số nhập viện là 7.582/1, so với tuần trước (8.811/2) số nhập viện giảm 13,9%."
    assert rules_of(text) == []


@pytest.mark.parametrize("text,expected", [
    ("Diện tích lúa đạt 120/115 ha, tăng 8,3% so với kế hoạch.", [("CHG001", "warning")]),
    ("Diện tích lúa đạt 120/115 ha, tăng 4,3% so với kế hoạch.", []),
])
def test_an_actual_over_its_plan_and_its_rise_are_still_checked(text: str, expected: list) -> None:
    assert _loud(text) == expected


# -- a rate named between a fraction and its percent is the rate they reached (real41 011)


@pytest.mark.parametrize("text", [
    "53/54 tỉnh có tỷ lệ tiêm vắc-xin phòng chống bệnh sởi đạt 95,2%.",
    "12/15 xã có tỷ lệ hộ nghèo đa chiều đạt dưới 4,5%.",
])
def test_a_rate_the_counted_units_reached_is_not_their_share(text: str) -> None:
    assert rules_of(text) == []


@pytest.mark.parametrize("text", [
    "Toàn huyện có 35/63 xã đạt chuẩn nông thôn mới, đạt tỷ lệ 54%.",
    "Có 12/20 tỉnh có tỷ lệ tỉnh đạt chuẩn 65%.",
])
def test_a_fractions_own_share_is_still_checked(text: str) -> None:
    assert rules_of(text) == ["PCT003"]
