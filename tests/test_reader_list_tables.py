"""Tables that only list names (extract/tables._list_table): not indicators without data (no false
CMP004), and, announced by one count in the paragraph right before them, that count's names
(CNT002). Tables of our own, as text and as Word files, both ways."""

from __future__ import annotations

import pytest

from tests.test_reader_award_tables import report
from tests.test_reader_phrasings import hits, loud

INTRO = "Chủ tịch UBND xã tặng Giấy khen cho 4 cá nhân có thành tích xuất sắc trong phong trào thi đua năm 2024, gồm:\n\n"
ROWS = ["Nguyễn Văn An\tTrưởng thôn Đông", "Trần Thị Bình\tChi hội trưởng phụ nữ thôn Tây", "Lê Văn Cường\tCông an viên",
        "Phạm Thị Dung\tGiáo viên trường Mầm non"]


def table(rows: list[str], head: str = "TT\tHọ và tên\tChức vụ, đơn vị") -> str:
    return head + "\n" + "".join(f"{k}\t{r}\n" for k, r in enumerate(rows, 1))


@pytest.mark.parametrize("docx", [False, True])
def test_an_announced_list_table_is_read_and_silent_when_the_count_matches(docx):
    r = report(INTRO + table(ROWS), docx)
    assert [(n.stated.text, n.names) for n in r.named_lists] == [("4", [x.split("\t")[0] for x in ROWS])]
    assert r.indicators == []
    assert hits(r) == set()


@pytest.mark.parametrize("docx", [False, True])
@pytest.mark.parametrize("rows", [ROWS + ["Hoàng Văn Em\tXã đội trưởng"], ROWS[:3]])
def test_a_list_table_with_more_or_fewer_names_than_announced_is_an_error(docx, rows):
    assert [(rule, sev) for rule, sev, _m in loud(report(INTRO + table(rows), docx))] == [("CNT002", "error")]


@pytest.mark.parametrize("body", [
    # two counts announced: which rows are which is not said
    INTRO.replace("4 cá nhân", "2 tập thể và 3 cá nhân") + table(ROWS),
    # not announced: a list of its own
    "Danh sách cán bộ phụ trách các thôn.\n\n" + table(ROWS),
    # group rows: not one list
    INTRO + "TT\tHọ và tên\tChức vụ, đơn vị\nI\tTập thể\t\n1\tThôn Đông\t\nII\tCá nhân\t\n1\tNguyễn Văn An\tTrưởng thôn\n",
])
def test_no_count_check_where_the_rows_are_not_the_counts_names(body):
    r = report(body, False)
    assert r.named_lists == [] or all(n.reading and "bảng" not in n.reading for n in r.named_lists)
    assert [rule for rule, _s, _m in loud(r) if rule == "CNT002"] == []
    assert r.indicators == []  # a list of names, not indicators without data


def test_a_year_of_birth_does_not_make_it_a_table_of_quantities():
    rows = [f"{x.split(chr(9))[0]}\t{1970 + k}\t{x.split(chr(9))[1]}" for k, x in enumerate(ROWS)]
    r = report(INTRO + table(rows, "TT\tHọ và tên\tNăm sinh\tChức vụ, đơn vị"), False)
    assert [(n.stated.text, len(n.names)) for n in r.named_lists] == [("4", 4)]
    assert r.indicators == []
