"""An award table's “Tổng cộng” row and “Cộng” column (extract/tables._award_table): the total row
is the sum of the rows above it, column by column, and the “Cộng” column the sum of a row's
collectives and individuals. Tables of our own, as text and as Word files, both ways."""

from __future__ import annotations

import pytest

from auditor.extract import extract_bytes
from auditor.extract.quality import docx_from_text
from tests.test_reader_phrasings import loud

HEAD = "UBND XÃ HÒA BÌNH\nBÁO CÁO\nTổng kết công tác thi đua, khen thưởng năm 2024\n\nI. KẾT QUẢ\n\n"
TABLE = ("Bảng tổng hợp kết quả khen thưởng năm 2024:\n\n"
         "TT\tHình thức khen thưởng\tTập thể\tCá nhân\tCộng\n"
         "1\tGiấy khen Chủ tịch UBND xã\t15\t42\t57\n"
         "2\tGiấy khen Chủ tịch UBND huyện\t5\t12\t17\n"
         "3\tBằng khen Chủ tịch UBND tỉnh\t1\t2\t3\n"
         "\tTổng cộng\t21\t56\t77\n")


def report(body: str, docx: bool):
    text = HEAD + body
    data, name = (docx_from_text(text), "t.docx") if docx else (text.encode("utf-8"), "t.txt")
    ex = extract_bytes(data, name)
    assert ex.report is not None, [p.en for p in ex.problems]
    return ex.report


def table_totals(r) -> list[tuple[str, list[str]]]:
    return [(t.total.text, [p.value.text for p in t.parts]) for t in r.totals]


@pytest.mark.parametrize("docx", [False, True])
def test_the_total_row_and_column_are_read_and_silent_when_they_add_up(docx):
    r = report(TABLE, docx)
    got = table_totals(r)
    for want in [("57", ["15", "42"]), ("77", ["21", "56"]), ("21", ["15", "5", "1"]), ("56", ["42", "12", "2"]),
                 ("77", ["57", "17", "3"])]:
        assert want in got, got
    assert "Tổng cộng" not in [a.title for a in r.awards]  # the total row is not an award
    assert loud(r) == []


@pytest.mark.parametrize("docx", [False, True])
@pytest.mark.parametrize("old,new", [
    ("\t21\t56\t77", "\t21\t56\t78"),    # the grand total
    ("\t15\t42\t57", "\t15\t42\t58"),    # a row's total
    ("\t21\t56\t77", "\t22\t56\t77"),    # a column's total
])
def test_a_total_cell_that_does_not_add_up_is_an_error(docx, old, new):
    wrong = TABLE.replace(old, new)
    assert wrong != TABLE
    found = {(rule, sev) for rule, sev, _m in loud(report(wrong, docx))}
    assert found == {("SUM002", "error")}, found


def test_sub_rows_are_not_summed_with_their_row():
    nested = ("Bảng tổng hợp kết quả khen thưởng năm 2024:\n\n"
              "TT\tHình thức khen thưởng\tTập thể\tCá nhân\n"
              "1\tGiấy khen Chủ tịch UBND xã\t15\t42\n"
              "1.1\tTrong đó: khen thưởng chuyên đề\t5\t10\n"
              "2\tGiấy khen Chủ tịch UBND huyện\t5\t12\n"
              "\tTổng cộng\t20\t54\n")
    r = report(nested, False)
    assert [t for t in r.totals if t.reading and "dòng tổng cộng" in t.reading] == []
    assert loud(r) == []
