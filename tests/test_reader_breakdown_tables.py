"""Tables of counts by unit (extract/tables._breakdown_table): each count column's “Tổng cộng”
cell is the sum of the rows (SUM002) and a rate column is its count over the whole's count, row by
row (PCT003). Tables of our own, as text and as Word files, both ways."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.test_reader_award_tables import report
from tests.test_reader_phrasings import hits, loud

GDVH = ("Kết quả bình xét gia đình văn hóa:\n\n"
        "TT\tThôn\tTổng số hộ\tSố hộ đạt GĐVH\tTỷ lệ (%)\n"
        "1\tThôn Đông\t320\t300\t93,75\n"
        "2\tThôn Tây\t280\t250\t89,29\n"
        "3\tThôn Nam\t400\t360\t90,0\n"
        "\tTổng cộng\t1.000\t910\t91,0\n")
POOR = ("Kết quả rà soát hộ nghèo:\n\n"
        "TT\tThôn\tTổng số hộ\tSố hộ nghèo\tSố khẩu nghèo\tTỷ lệ hộ nghèo (%)\n"
        "1\tThôn Đông\t320\t12\t40\t3,75\n"
        "2\tThôn Tây\t280\t10\t35\t3,57\n"
        "3\tThôn Nam\t400\t8\t30\t2,0\n"
        "\tToàn xã\t1.000\t30\t105\t3,0\n")


@pytest.mark.parametrize("docx", [False, True])
@pytest.mark.parametrize("table,rates", [(GDVH, 4), (POOR, 4)])
def test_a_table_by_unit_is_read_and_silent_when_it_adds_up(docx, table, rates):
    r = report(table, docx)
    assert len([t for t in r.totals if t.reading and "bảng theo đơn vị" in t.reading]) == (2 if table is GDVH else 3)
    assert len(r.rates) == rates
    assert r.indicators == []  # the units are not indicators without data (no false CMP004)
    assert loud(r) == []


@pytest.mark.parametrize("docx", [False, True])
@pytest.mark.parametrize("table,old,new,rule", [
    (GDVH, "\t910\t91,0", "\t910\t91,5", "PCT003"),        # the total row's rate
    (GDVH, "\t250\t89,29", "\t250\t98,29", "PCT003"),      # a row's rate
    (GDVH, "\t1.000\t910", "\t1.010\t910", "SUM002"),      # a column's total (its rate still fits)
    (POOR, "\t30\t105", "\t31\t105", "SUM002"),            # poor households by village vs the whole
])
def test_a_cell_that_does_not_add_up_is_found(docx, table, old, new, rule):
    wrong = table.replace(old, new)
    assert wrong != table
    found = {r for r, _s, _m in loud(report(wrong, docx))}
    assert rule in found, found


@pytest.mark.parametrize("table", [
    # sub-rows under a group: counted twice if summed
    GDVH.replace("1\tThôn Đông", "1.1\tThôn Đông"),
    # a column of plan and actual: an indicator table, read as such
    "Kết quả:\n\nTT\tChỉ tiêu\tKế hoạch\tThực hiện\tTỷ lệ (%)\n1\tSố hộ GĐVH\t900\t910\t101,1\n"
    "2\tSố thôn văn hóa\t10\t11\t110,0\n3\tSố cơ quan văn hóa\t5\t5\t100,0\n",
])
def test_not_read_as_a_table_by_unit(table):
    r = report(table, False)
    assert [t for t in r.totals if t.reading and "bảng theo đơn vị" in t.reading] == []
    assert [x for x in r.rates if x.reading and "the rate column" in x.reading] == []


def test_a_rate_naming_another_count_than_the_one_before_it_takes_the_one_it_names():
    r = report(POOR, False)
    pairs = {(x.numerator.text, x.denominator.text, x.percent.text) for x in r.rates}
    assert ("12", "320", "3,75") in pairs  # “Số hộ nghèo”, not “Số khẩu nghèo” right before the rate


ONE = ("Số hộ nghèo theo thôn:\n\nTT\tThôn\tSố hộ nghèo\n1\tThôn Đông\t12\n2\tThôn Tây\t10\n3\tThôn Nam\t8\n"
       "\tTổng cộng\t30\n")


@pytest.mark.parametrize("docx", [False, True])
def test_one_count_column_with_a_total_row(docx):
    assert loud(report(ONE, docx)) == []
    assert [(r, s) for r, s, _m in loud(report(ONE.replace("\t30", "\t31"), docx))] == [("SUM002", "error")]


def test_a_number_in_a_column_of_unknown_role_is_not_a_row_without_data():
    table = ("Kết quả tuyên truyền:\n\nTT\tNội dung\tSố lượng\tGhi chú\n1\tSố cuộc tuyên truyền\t12\t\n"
             "2\tSố người tham gia\t450\t\n3\tSố tin bài\t25\t\n")
    r = report(table, False)
    assert [i.note for i in r.indicators] == ["Số lượng: “12”", "Số lượng: “450”", "Số lượng: “25”"]
    assert "CMP004" not in {rule for rule, _s in hits(r)}
    # a row that really has nothing is still reported
    r = report(table.replace("\t25\t", "\t\t"), False)
    assert ("CMP004", "info") in hits(r)


def _table(rows: list[tuple[str, int, int]], total_shift: int = 0) -> str:
    from decimal import ROUND_HALF_UP, Decimal

    from auditor.numeric.notation import format_vn

    def pct(n: int, d: int) -> str:
        return format_vn((Decimal(n) * 100 / Decimal(d)).quantize(Decimal("0.01"), ROUND_HALF_UP), 2)

    lines = ["TT\tThôn\tTổng số hộ\tSố hộ đạt GĐVH\tTỷ lệ (%)"]
    for k, (name, d, n) in enumerate(rows, 1):
        lines.append(f"{k}\t{name}\t{format_vn(d)}\t{format_vn(n)}\t{pct(n, d)}")
    td, tn = sum(d for _, d, _ in rows), sum(n for _, _, n in rows)
    lines.append(f"\tTổng cộng\t{format_vn(td + total_shift)}\t{format_vn(tn)}\t{pct(tn, td + total_shift)}")
    return "Kết quả bình xét gia đình văn hóa:\n\n" + "\n".join(lines) + "\n"


_NAMES = ["Thôn Đông", "Thôn Tây", "Thôn Nam", "Thôn Bắc", "Thôn Trung", "Xóm Mới"]


def _rows(draw_sizes: list[tuple[int, int]]) -> list[tuple[str, int, int]]:
    return [(_NAMES[k], d, min(n, d)) for k, (d, n) in enumerate(draw_sizes)]


SIZES = st.lists(st.tuples(st.integers(20, 2000), st.integers(1, 2000)), min_size=3, max_size=6)


@given(SIZES)
def test_a_consistent_table_by_unit_raises_nothing(sizes):
    assert loud(report(_table(_rows(sizes)), False)) == []


@given(SIZES, st.integers(1, 50))
def test_a_whole_that_is_not_the_sum_of_its_rows_is_caught(sizes, shift):
    # the total row's whole shifted, its rate recomputed from it: only the sum can tell
    found = {r for r, _s, _m in loud(report(_table(_rows(sizes), shift), False))}
    assert "SUM002" in found, found


def test_a_share_of_the_columns_total_is_not_a_rate_of_the_row():
    table = ("Số hộ theo thôn:\n\nTT\tThôn\tSố hộ\tSố hộ nghèo\tTỷ trọng (%)\n1\tThôn Đông\t320\t12\t40,0\n"
             "2\tThôn Tây\t280\t10\t33,3\n3\tThôn Nam\t400\t8\t26,7\n\tTổng cộng\t1.000\t30\t100\n")
    r = report(table, False)
    assert [x for x in r.rates if x.reading and "the rate column" in x.reading] == []
    assert loud(r) == []
