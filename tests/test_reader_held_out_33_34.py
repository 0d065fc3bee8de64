"""What the held-out sets real33 (justice, inspection, administration) and real34 (emulation and
commendation) taught the reader, each class on phrasings of our own, both ways."""

from __future__ import annotations

from auditor.extract.numbers import tokenize
from tests.test_reader_phrasings import rules_of

# -- what was done among the parts before it (real33 010)

def test_what_was_done_among_a_subset_is_not_one_more_part() -> None:
    text = ("Số việc phải thi hành là 885.833 việc, trong đó số việc có điều kiện thi hành là 708.674 việc; đã thi hành "
            "xong 576.933 việc, đạt tỉ lệ 81,41%.")
    assert rules_of(text) == []


def test_parts_beyond_their_total_still_fire() -> None:
    text = ("Số việc phải thi hành là 1.000 việc, trong đó số việc có điều kiện thi hành là 700 việc, số việc chưa có "
            "điều kiện thi hành là 350 việc.")
    assert "SUM002" in rules_of(text)


# -- paragraphs about two fields, or two batches of inspections (real33 014, 016)

def test_the_same_measure_in_paragraphs_about_two_fields_is_two_quantities() -> None:
    text = ("Lĩnh vực đầu tư xây dựng cơ bản, đã thực hiện 45 cuộc, kết luận 20 cuộc. Tổng vi phạm về kinh tế được phát "
            "hiện là 7.005,42 triệu đồng, đã kiến nghị thu hồi 1.125 triệu đồng.\n\n"
            "Lĩnh vực tài chính, ngân sách, đã thực hiện 190 cuộc, kết luận 112 cuộc. Qua thanh tra phát hiện vi phạm về "
            "kinh tế là 4.231,4 triệu đồng, đã kiến nghị thu hồi 2.781,4 triệu đồng.")
    assert "VAL001" not in rules_of(text)


def test_the_amounts_of_two_batches_of_inspections_are_two_quantities() -> None:
    text = ("Kết luận 4 cuộc thanh tra từ năm 2018 chuyển sang, phát hiện hơn 5,5 tỷ đồng vi phạm. Đã thu hồi nộp ngân "
            "sách 617 triệu đồng.\n\nThanh tra các sở, ngành đã tổ chức 135 cuộc thanh tra, kiểm tra chuyên ngành. "
            "Phát hiện 182 tổ chức, cá nhân vi phạm. Đã thu hồi nộp ngân sách 652 triệu đồng.")
    assert "VAL001" not in rules_of(text)
    assert [(t.text, t.form) for t in tokenize("Kết luận 4 cuộc thanh tra")][:1] == [("4", "number")]
    assert [(t.text, t.form) for t in tokenize("Thực hiện Kết luận 4 của Bộ Chính trị")][:1] == [("4", "docno")]


def test_one_quantity_stated_twice_with_two_values_still_fires() -> None:
    text = ("Năm 2024, qua thanh tra đã kiến nghị thu hồi 1.125 triệu đồng.\n\n"
            "Kết quả, năm 2024 qua thanh tra đã kiến nghị thu hồi 1.152 triệu đồng.")
    assert "VAL001" in rules_of(text)


# -- a bound on a measure each member meets (real33 023)

def test_a_bound_the_members_of_a_fraction_meet_is_not_its_ratio() -> None:
    text = ("Trong năm 2023, 6/6 vùng kinh tế - xã hội đều có giá trị trung bình Chỉ số Cải cách hành chính đạt trên "
            "80% và đều tăng trưởng cao hơn so với năm 2022.")
    assert rules_of(text) == []
    assert "PCT003" in rules_of("Trong năm 2023, 6/6 vùng đạt chuẩn, đạt tỷ lệ 90%.")


# -- an anniversary's year written with it, in another of its mentions (real34 001)

_HEAD = "Thống nhất đề xuất khen thưởng tập thể, cá nhân đạt thành tích năm 2017\n\n"


def test_an_anniversary_takes_the_year_the_text_writes_with_it() -> None:
    text = _HEAD + ("Hội đồng xin ý kiến chọn đại biểu tham dự Lễ kỷ niệm 70 năm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi "
                    "thi đua ái quốc.\n\nHội đồng giới thiệu 2 tập thể, 6 cá nhân tham dự lễ kỷ niệm 70 năm Ngày Chủ tịch "
                    "Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc (11-6-1948 - 11-6-2018).")
    assert rules_of(text) == []


def test_an_anniversary_counted_wrong_for_the_reports_year_still_fires() -> None:
    text = _HEAD + ("Hội đồng xin ý kiến chọn đại biểu tham dự Lễ kỷ niệm 71 năm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi "
                    "thi đua ái quốc.")
    assert "CAL001" in rules_of(text)
    text = _HEAD + ("Hội đồng giới thiệu 2 tập thể, 6 cá nhân tham dự lễ kỷ niệm 71 năm Ngày Chủ tịch Hồ Chí Minh ra Lời "
                    "kêu gọi thi đua ái quốc (11-6-1948 - 11-6-2018).")
    assert {"CAL001", "CAL002"} & set(rules_of(text))


def test_the_document_kinds_matcher_is_built_once() -> None:
    # (a decorator slipped onto a new function above it once made every number rebuild it: +70 M a reading)
    from auditor.extract.numbers import _doc_kind_before

    assert _doc_kind_before() is _doc_kind_before()
