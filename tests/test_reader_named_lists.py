"""A count followed by the names it counts (extract/named_lists.py, rule CNT002). Phrasings of our
own, both ways, and the lists it must not read."""

from __future__ import annotations

import pytest

from tests.test_reader_phrasings import loud, page


def lists_of(text: str) -> list[tuple[str, list[str], bool]]:
    return [(nl.stated.text, nl.names, nl.joined) for nl in page(text).named_lists]


def found(text: str) -> list[tuple[str, str]]:
    return [(rule, sev) for rule, sev, _msg in loud(page(text))]


CASES = [
    # (text, the stated count, the names, a wrong count, the severity of a mismatch)
    ("Toàn xã có 3 thôn đạt chuẩn nông thôn mới kiểu mẫu gồm thôn Đông, thôn Tây và thôn Nam.",
     "3", ["thôn Đông", "thôn Tây", "thôn Nam"], "4", "error"),
    ("Năm 2024, huyện có 02 xã đạt chuẩn nông thôn mới nâng cao: xã Tân Lập, xã Hòa Phú.",
     "02", ["xã Tân Lập", "xã Hòa Phú"], "03", "error"),
    ("Đề nghị Chủ tịch UBND huyện tặng Giấy khen cho 3 tập thể: Trường Mầm non Hoa Sen, Trạm Y tế xã, Công an xã.",
     "3", ["Trường Mầm non Hoa Sen", "Trạm Y tế xã", "Công an xã"], "5", "warning"),
    ("Chủ tịch UBND xã tặng Giấy khen cho 2 cá nhân (ông Nguyễn Văn An, bà Trần Thị Bình) có thành tích xuất sắc.",
     "2", ["ông Nguyễn Văn An", "bà Trần Thị Bình"], "3", "warning"),
    ("Đề nghị tặng danh hiệu Chiến sĩ thi đua cơ sở cho 2 cá nhân: ông Lê Văn Cường, Chủ tịch UBND xã; bà Phạm Thị "
     "Dung, công chức Văn phòng - Thống kê.",
     "2", ["ông Lê Văn Cường, Chủ tịch UBND xã", "bà Phạm Thị Dung, công chức Văn phòng - Thống kê"], "4", "warning"),
    # a comma before “gồm”, long names that start with the counted noun, years inside them
    ("Kỳ họp đã thông qua 3 nghị quyết, gồm: Nghị quyết về nhiệm vụ phát triển kinh tế - xã hội năm 2025; Nghị quyết "
     "về dự toán thu, chi ngân sách năm 2025; Nghị quyết về phê chuẩn quyết toán ngân sách năm 2023.",
     "3", ["Nghị quyết về nhiệm vụ phát triển kinh tế - xã hội năm 2025", "Nghị quyết về dự toán thu, chi ngân sách "
           "năm 2025", "Nghị quyết về phê chuẩn quyết toán ngân sách năm 2023"], "4", "error"),
]


@pytest.mark.parametrize("text,stated,names,_wrong,_sev", CASES)
def test_the_names_are_read_and_a_matching_count_is_silent(text, stated, names, _wrong, _sev):
    assert lists_of(text) == [(stated, names, False)]
    assert found(text) == []


@pytest.mark.parametrize("text,stated,names,wrong,sev", CASES)
def test_a_count_that_is_not_the_number_of_names_is_caught(text, stated, names, wrong, sev):
    bad = text.replace(f" {stated} ", f" {wrong} ", 1)
    assert bad != text
    assert found(bad) == [("CNT002", sev)]


def test_a_va_that_may_be_inside_a_name_accepts_both_counts():
    text = ("Đề nghị tặng Bằng khen cho {n} tập thể: Trạm Y tế xã, Trường Tiểu học và Trung học cơ sở Kim Đồng.")
    assert lists_of(text.format(n=2)) == [("2", ["Trạm Y tế xã", "Trường Tiểu học", "Trung học cơ sở Kim Đồng"], True)]
    assert found(text.format(n=2)) == []
    assert found(text.format(n=3)) == []
    assert found(text.format(n=4)) == [("CNT002", "warning")]


@pytest.mark.parametrize("text", [
    # examples, not the whole list
    "Có 5 tập thể được khen thưởng, tiêu biểu như: Trường Mầm non Hoa Sen, Trạm Y tế xã.",
    "Toàn xã có 6 thôn đạt chuẩn như: thôn Đông, thôn Tây, …",
    "Năm nay có 7 thôn tổ chức tốt ngày hội: thôn Đông, thôn Tây, thôn Nam v.v.",
    # two counts named together
    "Đề nghị tặng Giấy khen cho 2 tập thể và 3 cá nhân: Trạm Y tế xã, Công an xã, ông Nguyễn Văn An, bà Trần Thị "
    "Bình, ông Lê Văn Cường.",
    # a breakdown with numbers of its own (totals read it)
    "Toàn xã có 3 thôn: thôn Đông 120 hộ, thôn Tây 95 hộ, thôn Nam 80 hộ.",
    # not names: tasks in lower case
    "Năm 2025 xã tập trung 3 nhiệm vụ: tăng cường công tác tuyên truyền, đẩy mạnh phong trào thi đua, nâng cao "
    "chất lượng khen thưởng.",
])
def test_lists_that_are_not_a_plain_list_of_names_are_not_read(text):
    assert lists_of(text) == []
    assert found(text) == []


def test_a_list_cut_by_the_end_of_an_excerpt_is_not_counted():
    text = ("Kỳ họp đã thông qua 04 nghị quyết, gồm: Nghị quyết về kế hoạch phát triển kinh tế - xã hội năm 2025; "
            "Nghị quyết về dự toán thu, chi ngân sách xã năm 2025, phương án ph")
    assert lists_of(text) == []
    assert found(text) == []
