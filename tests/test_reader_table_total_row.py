"""A plan table's last row “Tổng cộng” under rows numbered 1 … n is their total, column by column (SUM001),
and a bare “Tỷ lệ (%)” beside one plan and one actual column is actual / plan (PCT001). Tables of our own,
both ways."""

from __future__ import annotations

import pytest

from tests.test_reader_phrasings import loud, page

HEAD = "STT\tNội dung\tDự toán năm\tƯớc thực hiện 6 tháng\t{rate}\n"
ROWS = ("1\tThuế ngoài quốc doanh\t5.200\t{a}\t{pa}\n2\tLệ phí trước bạ\t2.300\t1.150\t50,00\n"
        "3\tThu khác\t1.500\t764\t50,93\n\t{total}\t9.000\t4.826\t53,62\n")


def table(a: str = "2.912", pa: str = "56,00", total: str = "Tổng cộng", rate: str = "Tỷ lệ (%)") -> str:
    return ("Bảng thu ngân sách (triệu đồng)\n" + HEAD.format(rate=rate) + ROWS.format(a=a, pa=pa, total=total)
            + "Năm nay phường tiếp tục thu đúng, thu đủ.\n")


@pytest.mark.parametrize("total", ["Tổng cộng", "Cộng", "Tổng số"])
def test_a_right_table_is_silent(total: str) -> None:
    assert loud(page(table(total=total))) == []


def test_a_row_that_breaks_the_total_is_an_error() -> None:
    found = loud(page(table(a="2.812", pa="54,08")))
    assert [(f[0], f[1]) for f in found] == [("SUM001", "error")]
    assert "4.726" in found[0][2]


def test_a_bare_rate_column_is_actual_over_plan() -> None:
    found = {(f[0], f[1]) for f in loud(page(table(pa="58,00")))}
    # (and the plans implied by the rows' rates no longer add up to the total's: PCT006, a warning)
    assert found == {("PCT001", "error"), ("PCT006", "warning")}


def test_a_table_with_an_earlier_period_leaves_a_bare_rate_unread() -> None:
    # “Tỷ lệ (%)” beside a plan, an actual and the same period last year: of which, the table does not say
    text = ("STT\tNội dung\tDự toán năm\tCùng kỳ năm trước\tƯớc thực hiện 6 tháng\tTỷ lệ (%)\n"
            "1\tThuế ngoài quốc doanh\t5.200\t2.500\t2.912\t99,00\n2\tLệ phí trước bạ\t2.300\t1.000\t1.150\t50,00\n"
            "Năm nay phường tiếp tục.\n")
    assert [f for f in loud(page(text)) if f[0].startswith("PCT")] == []


def test_rows_not_numbered_one_to_n_are_not_summed() -> None:
    # (rows 1, 3, 4: a row left out, the total may hold it)
    text = table().replace("2\tLệ phí", "3\tLệ phí").replace("3\tThu khác", "4\tThu khác")
    assert [f for f in loud(page(text)) if f[0] == "SUM001"] == []
