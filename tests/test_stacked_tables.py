"""Tables flattened to one cell per line (`auditor/extract/stacked.py`): read as the same table a Word
file or a tab-separated copy gives, checked by the same table passes, and never made where the
grouping of lines into rows is not certain. Phrasings of our own, each both ways."""

from __future__ import annotations

from auditor.extract.document import TableBlock
from auditor.extract.text import read_text
from tests.test_reader_phrasings import loud, page


def _stack(rows: list[list[str]], blank: bool) -> str:
    """A table as one cell per line (a blank line after each cell when `blank`)."""
    sep = "\n\n" if blank else "\n"
    return sep.join(c for r in rows for c in r)


def _tabs(rows: list[list[str]]) -> str:
    return "\n".join("\t".join(r) for r in rows)


def _doc(body: str) -> str:
    return ("ỦY BAN NHÂN DÂN XÃ AN BÌNH\n\nBÁO CÁO\nKết quả thực hiện các chỉ tiêu năm 2024\n\n"
            "Các chỉ tiêu chủ yếu như sau:\n\n" + body + "\n\n\nTrên đây là báo cáo của UBND xã.\n")


def _tables(text: str) -> list[list[list[str]]]:
    doc = read_text(text, markdown=False)
    return [[[c.s for c in r] for r in b.rows] for b in doc.blocks if isinstance(b, TableBlock)]


HEAD = ["TT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2024", "Thực hiện năm 2024", "% so với KH"]
ROWS = [
    ["1", "Thu ngân sách xã", "Triệu đồng", "8.000", "8.800", "110"],
    ["2", "Tổng sản lượng lương thực", "Tấn", "2.500", "2.450", "98"],
    ["3", "Tỷ lệ hộ nghèo", "%", "2,5", "2,1", "84"],
]


def _indicators(text: str) -> list[tuple]:
    return [(i.code, i.name, i.values.kh.text if i.values.kh else None, i.values.th.text if i.values.th else None,
             i.values.pct_kh.text if i.values.pct_kh else None) for i in page(text).indicators]


def test_one_cell_per_line_is_the_same_table_as_the_tab_separated_one() -> None:
    want = _tables(_doc(_tabs([HEAD] + ROWS)))
    assert want == [[HEAD] + ROWS]
    for blank in (False, True):
        assert _tables(_doc(_stack([HEAD] + ROWS, blank))) == want
        assert _indicators(_doc(_stack([HEAD] + ROWS, blank))) == _indicators(_doc(_tabs([HEAD] + ROWS)))


def test_correct_arithmetic_is_silent_and_a_wrong_percent_is_found_at_its_row() -> None:
    for blank in (False, True):
        assert loud(page(_doc(_stack([HEAD] + ROWS, blank)))) == []
        bad = [r[:] for r in ROWS]
        bad[1][5] = "89"              # 2.450 / 2.500 = 98 %
        text = _doc(_stack([HEAD] + bad, blank))
        found = loud(page(text))
        assert [(rule, sev) for rule, sev, _m in found] == [("PCT001", "error")]
        assert "Tổng sản lượng lương thực" in found[0][2] and "89" in found[0][2]


def test_empty_cells_blank_or_dash_and_parts_under_their_row() -> None:
    head = ["STT", "Nội dung", "Đơn vị tính", "Kế hoạch", "Thực hiện", "Ghi chú"]
    rows = [
        ["1", "Giá trị sản xuất", "Tỷ đồng", "500", "520", " "],
        [" ", "- Nông nghiệp", "Tỷ đồng", "200", "210", " "],
        [" ", "- Công nghiệp, xây dựng", "Tỷ đồng", "180", "185", " "],
        [" ", "- Dịch vụ", "Tỷ đồng", "120", "125", "Vượt"],
        ["2", "Thu nhập bình quân", "Triệu đồng", "60", "-", " "],
    ]
    text = _doc(_stack([head] + rows, True))
    got = _tables(text)
    assert len(got) == 1 and len(got[0]) == 6 and got[0][2][1] == "- Nông nghiệp" and got[0][2][0] == ""
    assert loud(page(text)) == []
    # dashed parts are partial (“trong đó”): they may fall short of the total, never exceed it
    rows[0][4] = "540"
    assert loud(page(_doc(_stack([head] + rows, True)))) == []
    rows[0][4] = "502"                 # 210 + 185 + 125 = 520 > 502
    found = loud(page(_doc(_stack([head] + rows, True))))
    assert [(rule, sev) for rule, sev, _m in found] == [("SUM001", "error")]
    assert "502" in found[0][2]


def test_a_row_without_its_number_cell_and_a_total_row() -> None:
    head = ["TT", "Tên thôn", "Số hộ", "Số hộ đạt gia đình văn hóa", "Tỷ lệ (%)"]
    rows = [["1", "Thôn Đông", "120", "108", "90"], ["2", "Thôn Tây", "80", "76", "95"],
            ["3", "Thôn Nam", "100", "85", "85"]]
    total = ["Tổng cộng", "300", "269", "89,67"]     # the number cell left out altogether
    text = _doc(_stack([head] + rows, False) + "\n" + "\n".join(total))
    got = _tables(text)
    assert len(got) == 1 and got[0][-1] == [""] + total
    assert loud(page(text)) == []
    wrong = _doc(_stack([head] + rows, False) + "\n" + "\n".join(["Tổng cộng", "310", "269", "86,77"]))
    found = loud(page(wrong))
    assert [(rule, sev) for rule, sev, _m in found] == [("SUM002", "error")] and "310" in found[0][2]


def test_a_header_label_over_the_labels_after_it() -> None:
    head = ["TT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2024", "Thực hiện", "6 tháng năm 2024", "Ước cả năm 2024",
            "So sánh (%)", "6 tháng/KH năm 2024", "Ước cả năm 2024"]
    rows = [["1", "Thu ngân sách xã", "Triệu đồng", "8.000", "4.400", "8.800", "55", "110"],
            ["2", "Sản lượng lương thực", "Tấn", "2.500", "1.300", "2.450", "52", "98"]]
    text = _doc(_stack([head] + rows, True))
    got = _tables(text)
    assert got and got[0][0] == ["TT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2024", "Thực hiện", "", "So sánh (%)", ""]
    assert got[0][1] == ["", "", "", "", "6 tháng năm 2024", "Ước cả năm 2024", "6 tháng/KH năm 2024",
                         "Ước cả năm 2024"]
    assert loud(page(text)) == []
    # the year's percent is read beside the named one: a reading, so at most a warning
    bad = [r[:] for r in rows]
    bad[1][7] = "89"
    found = loud(page(_doc(_stack([head] + bad, True))))
    assert [(rule, sev) for rule, sev, _m in found] == [("PCT001", "warning")]
    # the six months' percent names the other actual column: never paired with the year's
    bad = [r[:] for r in rows]
    bad[1][6] = "98"
    assert loud(page(_doc(_stack([head] + bad, True)))) == []


def test_a_column_per_year() -> None:
    head = ["TT", "Chỉ tiêu", "ĐVT", "2021", "2022", "2023"]
    rows = [["1", "Dân số trung bình", "Người", "6.120", "6.185", "6.240"],
            ["2", "Số hộ", "Hộ", "1.510", "1.532", "1.560"]]
    assert _tables(_doc(_stack([head] + rows, False))) == [[head] + rows]


def test_a_missing_value_cell_makes_no_table_that_could_shift_values() -> None:
    # row 2 lacks a value: counted by the header, its last value would be row 3's number
    rows = [r[:] for r in ROWS] + [["4", "Số lao động có việc làm", "Người", "300", "330", "110"]]
    del rows[1][4]
    text = _doc(_stack([HEAD] + rows, False))
    got = _tables(text)
    assert all("3" not in r[3:] for t in got for r in t[1:])
    assert loud(page(text)) == []


def test_an_empty_header_cell_is_a_column_only_when_the_rows_fill_it() -> None:
    # what a merged header cell leaves (an empty label) is a column when the rows have a cell for it
    head = ["TT", "Chỉ tiêu", "KH năm 2024", " ", "TH năm 2024"]
    rows = [["1", "Thu ngân sách", "100", "105", "110"], ["2", "Chi ngân sách", "90", "92", "95"]]
    got = _tables(_doc(_stack([head] + rows, True)))
    assert got == [[["TT", "Chỉ tiêu", "KH năm 2024", "", "TH năm 2024"]] + rows]
    # … and no column when they do not
    rows = [["1", "Thu ngân sách", "100", "110"], ["2", "Chi ngân sách", "90", "95"]]
    got = _tables(_doc(_stack([head] + rows, True)))
    assert got == [[["TT", "Chỉ tiêu", "KH năm 2024", "TH năm 2024"]] + rows]


def test_short_lines_of_prose_are_no_table() -> None:
    prose = ["TT", "Họ và tên", "Chức vụ", "1", "Nguyễn Văn An", "Chủ tịch UBND xã", "2", "Trần Thị Bình",
             "Phó Chủ tịch UBND xã"]
    assert _tables(_doc("\n".join(prose))) == []
    lines = ["TT", "", "Nội dung công việc", "", "Thời gian", "", "1", "", "Họp Hội đồng thi đua",
             "", "Tháng 12", "", "2", "", "Tổng kết phong trào", "", "Tháng 1"]
    assert _tables(_doc("\n".join(lines))) == []
    short = ["Kế hoạch năm 2024", "Thực hiện", "Ghi chú", "1", "Xã đạt chuẩn", "2", "Thôn văn hóa"]
    assert _tables(_doc("\n".join(short))) == []


def _lines_run(lines: list[str]) -> int:
    """Lines of `stacked.py` executed to read `lines` (a count, not a time: the machine is shared)."""
    import sys

    from auditor.extract import stacked

    count = [0]

    def local(frame, event, arg):  # noqa: ANN001, ANN202
        if event == "line":
            count[0] += 1
        return local

    def calls(frame, event, arg):  # noqa: ANN001, ANN202
        return local if frame.f_code.co_filename == stacked.__file__ else None

    old = sys.gettrace()
    sys.settrace(calls)
    try:
        stacked.find_stacked(lines, [True] * len(lines))
    finally:
        sys.settrace(old)
    return count[0]


def test_the_reading_is_linear() -> None:
    # lone “TT” lines whose header holds (each a look that fails after its first row), in both
    # layouts, and a long table: 8 times the text costs about 8 times the lines run
    for block, sep in ((["TT", "Chỉ tiêu", "KH 2024", "1", "Thu", "5"], ""), (["TT", "Chỉ tiêu", "a"], ""),
                       (["TT", "Chỉ tiêu", "KH 2024", "TH 2024", "1", "Thu", "5", "6"], "")):
        for blank in (False, True):
            def text(k: int) -> list[str]:
                flat = block * k
                return [x for c in flat for x in ((c, sep) if blank else (c,))]
            small, big = _lines_run(text(200)), _lines_run(text(1600))
            assert big <= 8.5 * small, (block, blank, small, big)


# ---------------------------------------------------------------- the table passes these tables exposed
# (tab-separated here: a Word table pasted as text reads the same)

def test_dashed_names_with_an_empty_number_cell_are_parts() -> None:
    rows = [HEAD,
            ["1", "Giá trị sản xuất", "Tỷ đồng", "500", "520", "104"],
            ["", "- Nông nghiệp", "Tỷ đồng", "200", "210", "105"],
            ["", "- Dịch vụ", "Tỷ đồng", "120", "125", "104,2"]]
    ind = page(_doc(_tabs(rows))).indicators
    assert [p.name for p in ind[0].parts] == ["- Nông nghiệp", "- Dịch vụ"]
    assert loud(page(_doc(_tabs(rows)))) == []
    rows[1][4] = "320"
    rows[1][5] = "64"
    assert [r for r, _s, _m in loud(page(_doc(_tabs(rows))))] == ["SUM001"]


def test_the_sectors_growth_rates_are_no_parts_of_the_growth_rate() -> None:
    rows = [["TT", "Chỉ tiêu", "TH năm 2023", "KH năm 2024", "Ước TH năm 2024"],
            ["1", "Tốc độ tăng GRDP (%), trong đó:", "4,36", "6,5", "8,56"],
            ["", "- Nông lâm ngư nghiệp (%)", "3,62", "3", "3,26"],
            ["", "- Công nghiệp, xây dựng (%)", "7,74", "9", "10,02"]]
    ind = page(_doc(_tabs(rows))).indicators
    assert not ind[0].parts and len(ind) == 3
    assert loud(page(_doc(_tabs(rows)))) == []


def test_a_percent_of_plan_is_paired_with_the_actual_it_names() -> None:
    top = ["TT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2024", "Thực hiện", "", "So sánh (%)", ""]
    low = ["", "", "", "", "6 tháng năm 2024", "Ước cả năm 2024", "6 tháng/KH năm 2024", "Ước cả năm 2024"]
    row = ["1", "Thu ngân sách xã", "Triệu đồng", "8.000", "4.400", "8.800", "55", "110"]
    ind = page(_doc(_tabs([top, low, row]))).indicators[0]
    assert (ind.values.th.text, ind.values.pct_kh.text, ind.confidence) == ("8.800", "110", "inferred")
    # only the named percent: the other actual is not paired with it
    low2 = low[:6] + ["6 tháng/KH năm 2024", "Ghi chú"]
    ind = page(_doc(_tabs([top, low2, row[:7] + ["Đạt"]]))).indicators[0]
    assert ind.values.pct_kh is None and ind.values.th.text == "8.800"


def test_every_number_of_such_a_table_is_accounted_for() -> None:
    from auditor.extract import extract_bytes
    from auditor.extract.accounting import account

    text = _doc(_stack([HEAD] + ROWS, True))
    acc = account(extract_bytes(text.encode("utf-8"), "t.txt"), text)
    assert acc.missing == [] and acc.used >= 9


def test_a_name_is_never_read_as_a_value() -> None:
    # a row whose number cell is missing and whose name falls into the first value column, the
    # values shifting right, is not a row: the table ends before it
    head = ["Stt", "Chỉ tiêu chủ yếu", "TH năm 2023", "KH năm 2024", "Ước TH năm 2024", "Ghi chú"]
    cells = head + ["1", "Tốc độ tăng GRDP (%)", "6,61", "7,5", "7,18", "Không đạt",
                    "2", "Thu ngân sách (tỷ đồng)", "7.788", "7.213,5", "7.787", "Vượt",
                    " ", "Tr.đó:", "- Nông nghiệp (%)", "3,46", "2,28", "4,13", "Không đạt"]
    got = _tables(_doc("\n\n".join(cells)))
    assert got == [[head, cells[6:12], cells[12:18]]]


def test_the_years_on_one_line_are_a_column_each() -> None:
    lines = ["TT", "Chỉ tiêu", "ĐVT", "2021 2022 2023",
             "1", "Dân số trung bình", "Người", "6.120", "6.185", "6.240",
             "2", "Số hộ", "Hộ", "1.510", "1.532", "1.560"]
    got = _tables(_doc("\n".join(lines)))
    assert got == [[["TT", "Chỉ tiêu", "ĐVT", "2021", "2022", "2023"], lines[4:10], lines[10:16]]]
    # two years on one line over three values: no table
    lines[3] = "2021 2022"
    assert _tables(_doc("\n".join(lines))) == []


def test_a_unit_without_its_column_is_not_read_as_a_value() -> None:
    # the header has no ĐVT column but the rows give a unit: counted by the header, every row's
    # values would move one column (the unit under KH, the plan under TH, the actual under %)
    head = ["TT", "Chỉ tiêu", "KH năm 2024", "TH năm 2024", "% KH", "Ghi chú"]
    rows = [["1", "Sản lượng lương thực", "Tấn", "2.500", "2.450", "98"],
            ["2", "Diện tích lúa", "Ha", "1.200", "1.260", "105"]]
    assert _tables(_doc(_stack([head] + rows, False))) == []
    assert loud(page(_doc(_stack([head] + rows, False)))) == []
    # with the ĐVT column in the header, the same rows are read
    head.insert(2, "ĐVT")
    assert _tables(_doc(_stack([head] + [r + [" "] for r in rows], True))) == [[head] + [r + [""] for r in rows]]
