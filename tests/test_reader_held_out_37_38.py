"""What the held-out sets real37 (culture, tourism, sports, information) and real38 (national target
programmes, ethnic-minority policy, population) taught the reader, each class on phrasings of our own,
both ways."""

from __future__ import annotations

import pytest

from tests.test_reader_phrasings import page, rules_of

# -- a bracket that names some of a count's parts (real37 017)


@pytest.mark.parametrize("opening", ["có", "như", "nhất là", "trong số đó", "chủ yếu là"])
def test_a_bracket_naming_some_parts_does_not_have_to_add_up(opening: str) -> None:
    text = f"Năm 2023, toàn tỉnh có 58 câu lạc bộ văn nghệ ({opening} 21 câu lạc bộ dân ca, 14 câu lạc bộ cồng chiêng)."
    assert rules_of(text) == []


def test_a_bracket_naming_some_parts_that_exceed_the_count_is_a_doubt() -> None:
    text = "Năm 2023, toàn tỉnh có 58 câu lạc bộ văn nghệ (có 41 câu lạc bộ dân ca, 24 câu lạc bộ cồng chiêng)."
    assert rules_of(text) == ["SUM002"]
    assert [f.severity for f in _loud(text)] == ["warning"]


def test_a_bare_bracket_after_a_count_still_adds_up() -> None:
    assert rules_of("Năm 2023, toàn tỉnh có 58 câu lạc bộ văn nghệ (21 câu lạc bộ dân ca, 34 câu lạc bộ cồng chiêng).") \
        == ["SUM002"]
    assert rules_of("Năm 2023, toàn tỉnh có 58 câu lạc bộ văn nghệ (21 câu lạc bộ dân ca, 37 câu lạc bộ cồng chiêng).") == []


def _loud(text: str) -> list:
    from tests.test_reader_phrasings import audit_report

    return [f for f in audit_report(page(text), "t") if f.severity in ("error", "warning")]


# -- the two rates of a change from one level to another (real38 015)

def test_rates_before_and_after_a_change_are_of_two_populations() -> None:
    text = "Giai đoạn 2021 - 2023, số hộ nghèo của huyện giảm từ 1.250 hộ, chiếm 9,80% xuống còn 980 hộ, chiếm 7,40%."
    assert rules_of(text) == []


def test_rates_of_one_time_still_share_their_base() -> None:
    # 1.250 / 9,80% ≈ 12.755 households but 980 / 7,40% ≈ 13.243: one population, two denominators
    assert rules_of("Năm 2023, toàn huyện có 1.250 hộ nghèo, chiếm 9,80%; 980 hộ cận nghèo, chiếm 7,40%.") == ["PCT004"]


# -- a rate of another noun named between a count and its percent (real38 030)

def test_a_rate_of_what_is_counted_is_not_the_counts_share() -> None:
    text = ("Toàn huyện có 3 xã tỷ lệ hộ nghèo chiếm hơn 50% gồm A Rooi, A Ting, Jơ Ngây; "
            "4 xã tỷ lệ hộ nghèo chiếm hơn 42% gồm Kà Dăng, Zà Hung, Sông Kôn, Tà Lu.")
    assert rules_of(text) == []


def test_shares_of_the_counts_own_noun_still_share_their_base() -> None:
    assert rules_of("Toàn huyện có 3 xã đạt chuẩn, chiếm 50%; 4 xã đạt chuẩn nâng cao, chiếm 42%.") == ["PCT004"]


def test_names_of_one_letter_words_are_names() -> None:
    # (the counts after a list of names are the next items of the list around it, not parts of the count before)
    text = "Toàn huyện có 3 xã đặc biệt khó khăn gồm A Rooi, A Ting, Jơ Ngây; 4 xã khu vực II gồm Kà Dăng, Zà Hung."
    assert "SUM002" not in rules_of(text)


# -- after parts counting the total's noun, a count of another noun is the next item (real38 026)

def test_a_count_of_another_noun_after_the_parts_is_not_a_part() -> None:
    text = ("Năm 2023, toàn tỉnh có 32 xã đạt chuẩn nông thôn mới, trong đó có 13 xã đạt chuẩn nâng cao, "
            "81 thôn đạt chuẩn thôn nông thôn mới, trong đó có 10 thôn đạt chuẩn thôn kiểu mẫu.")
    assert rules_of(text) == []


def test_parts_of_the_totals_noun_still_add_up() -> None:
    assert rules_of("Huyện có 20 xã, gồm 12 xã đồng bằng, 6 xã trung du và 3 xã miền núi.") == ["SUM002"]
    assert rules_of("Huyện có 21 xã, gồm 12 xã đồng bằng, 6 xã trung du và 3 xã miền núi.") == []


# -- an office in sentence case as the last line of an excerpt (real38 017)

_BODY = "Năm 2023, tỉnh đã tặng bằng khen cho 25 tập thể và 40 cá nhân tiêu biểu trong đồng bào dân tộc thiểu số.\n\n"


def test_an_office_in_sentence_case_at_the_end_of_an_excerpt_is_no_signature() -> None:
    assert rules_of(_BODY + "Phó Chủ tịch UBND\n") == []


def test_a_signature_in_capitals_without_a_name_still_fires() -> None:
    assert "CMP003" in rules_of("BÁO CÁO\nKết quả công tác dân tộc năm 2023\n\n" + _BODY
                                + "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n")


# -- a standard named as the measure of a past series (real38 023)

def test_a_standard_chosen_by_name_for_a_past_series_is_not_said_to_be_current() -> None:
    text = ("Năm 2023, tỷ lệ hộ nghèo đa chiều của tỉnh là 3,1%. Tính theo chuẩn nghèo đa chiều giai đoạn 2016-2020, "
            "huyện Mường Nhé có tỷ lệ nghèo cao nhất là 34,5%.")
    assert rules_of(text) == []


def test_the_2016_standard_applied_through_2021_is_named_so() -> None:
    assert rules_of("Năm 2021, tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều giai đoạn 2016-2021 của xã là 4,3%.") == []


def test_a_standard_quoted_as_current_after_it_ended_still_fires() -> None:
    assert "CAL003" in rules_of("Năm 2023, tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều giai đoạn 2016-2020 của xã là 4,3%.")


# -- what real39 (transport, construction) and real40 (councils, voters, the Front) taught the reader

@pytest.mark.parametrize("text", [
    "Vận tải hành khách quý 1/2019 đạt 1.027 nghìn lượt khách, so với quý 1/2018 tăng 5,3%.",
    "Quý 11/2019 đạt 1.032 nghìn lượt khách, so với quý 11/2018 tăng 9,5%.",  # (a slip for “II”)
])
def test_a_quarter_of_a_year_is_no_fraction(text: str) -> None:
    assert rules_of(text) == []


def test_a_fraction_of_a_count_still_checks_its_rate() -> None:
    assert rules_of("Năm 2023, có 1/18 xã chưa đạt chuẩn, chiếm 15%.") == ["PCT003"]


def test_a_bound_on_a_share_of_something_else_is_not_the_fractions_ratio() -> None:
    assert rules_of("Kết quả có 29/29 người đạt trên 50% số phiếu tín nhiệm và tín nhiệm cao.") == []
    # (of the fraction's own noun it is its ratio)
    assert rules_of("Kết quả có 28/29 người đạt trên 99% số người được lấy phiếu.") == ["PCT003"]


def test_a_list_opening_with_one_holder_of_an_office_is_not_summed() -> None:
    assert rules_of("Khối UBND tỉnh có 23 người, gồm: Chủ tịch, 3 Phó Chủ tịch và 19 Ủy viên UBND tỉnh.") == []
    assert rules_of("Khối UBND tỉnh có 23 người, gồm: 1 Chủ tịch, 3 Phó Chủ tịch và 18 Ủy viên UBND tỉnh.") == ["SUM002"]
