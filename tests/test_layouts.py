"""Layouts read (issue 12, item 4), each on at least two layouts written for these tests (none
taken from the seeds or the corpus): tables aligned with spaces, ruled and grid tables, HTML and
pipe tables, a table cut by a page break, two tables with no blank line between them, a page
header flattened into one or two lines, NFD, CRLF and CR, tabs in prose, a .docx with a page
break inside a paragraph or a table split in two, merged cells. And what must not be read as a
table: prose with double spaces, a list that happens to align."""

from __future__ import annotations

import io
import unicodedata

import pytest

from auditor.extract import extract_bytes
from auditor.model.report import Report

HEADER = """ỦY BAN NHÂN DÂN
XÃ TÂN LẬP
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 31/BC-UBND
Tân Lập, ngày 12 tháng 12 năm 2023
"""

TITLE = """BÁO CÁO
Tổng kết công tác thi đua, khen thưởng năm 2023

I. KẾT QUẢ THỰC HIỆN

1. Các chỉ tiêu kinh tế - xã hội
"""

CLOSING = """
Trên đây là báo cáo tổng kết công tác thi đua, khen thưởng năm 2023 của UBND xã Tân Lập.
"""


def report(body: str, header: str = HEADER) -> str:
    return header + "\n" + TITLE + "\n" + body.strip("\n") + "\n" + CLOSING


def read(data: str | bytes, name: str = "bao_cao.txt") -> Report:
    ex = extract_bytes(data.encode("utf-8") if isinstance(data, str) else data, name)
    assert ex.report is not None, [p.en for p in ex.problems]
    return ex.report


def values(r: Report) -> dict[str, dict[str, str]]:
    """Indicator name -> {field: number as written}, parts included."""
    out: dict[str, dict[str, str]] = {}

    def add(i) -> None:
        out[i.name] = {f: getattr(i.values, f).text for f in ("ck", "kh", "th", "pct_ck", "pct_kh", "remaining")
                       if getattr(i.values, f) is not None}
        for p in i.parts:
            add(p)
    for i in r.indicators:
        add(i)
    return out


def grid_tables(r: Report) -> list[str]:
    """The tables read from a table of the document (not the indicator lists written as prose)."""
    return [t.id for t in r.tables if not t.id.startswith("list")]


def leftovers(data: str, name: str = "bao_cao.txt") -> list[tuple[str, str]]:
    ex = extract_bytes(data.encode("utf-8"), name)
    return [(u.text, u.reason) for u in ex.unparsed]


EXPECTED = {
    "Tổng giá trị sản xuất": {"kh": "1.250", "th": "1.310", "pct_kh": "104,8"},
    "Sản lượng lương thực": {"kh": "4.200", "th": "4.350", "pct_kh": "103,6"},
    "Thu ngân sách": {"kh": "12.500", "th": "13.100", "pct_kh": "104,8"},
    "Tỷ lệ hộ nghèo": {"kh": "2,1", "th": "1,9", "pct_kh": "90,5"},
}


# ============================================================================ space-aligned tables

SPACED_LEFT = """
 TT   Chỉ tiêu                          ĐVT         KH 2023     TH 2023    So với KH (%)
  1   Tổng giá trị sản xuất             tỷ đồng       1.250       1.310          104,8
  2   Sản lượng lương thực              tấn           4.200       4.350          103,6
  3   Thu ngân sách                     triệu đồng   12.500      13.100          104,8
  4   Tỷ lệ hộ nghèo                    %              2,1         1,9           90,5
"""

# pdftotext-like: labels wrapped over lines, a label centred over the columns it spans, a
# group row, a name wrapped onto the next line, a page number, and on the second page a
# column (KH) that happens to be empty
SPACED_WRAPPED = """
                                                                    Kết quả thực hiện
  TT  Chỉ tiêu                        Đơn vị   KH năm        Thực        So với      So với
                                      tính     2023          hiện        cùng kỳ     kế hoạch
                                                                         (%)         (%)
   I  Về kinh tế (3 chỉ tiêu)
   1  Tổng giá trị sản xuất           tỷ đồng  1.250         1.310       108,2       104,8
   2  Giá trị sản phẩm trên một ha    triệu    110           112         101,8       101,8
      đất trồng trọt
   3  Thu ngân sách                   triệu    12.500        13.100      111,0       104,8

                                   - 3 -

  II  Văn hóa - xã hội (2 chỉ tiêu)
   4  Tỷ lệ hộ nghèo                  %                      1,9         86,4
   5  Tỷ lệ tham gia BHYT             %        96,4          96,4        101,5       100,0
"""


def test_space_aligned_table_with_one_header_line() -> None:
    r = read(report(SPACED_LEFT))
    assert values(r) == EXPECTED
    assert [c.key for c in r.tables[0].columns] == [None, None, None, "kh", "th", "pct_kh"]
    assert {i.unit for i in r.indicators} == {"tỷ đồng", "tấn", "triệu đồng", "%"}


def test_space_aligned_table_with_wrapped_and_spanning_labels_and_a_page_break() -> None:
    r = read(report(SPACED_WRAPPED))
    v = values(r)
    assert v["Tổng giá trị sản xuất"] == {"kh": "1.250", "th": "1.310", "pct_ck": "108,2", "pct_kh": "104,8"}
    assert v["Giá trị sản phẩm trên một ha đất trồng trọt"]["th"] == "112"   # the wrapped name, whole
    assert v["Tỷ lệ hộ nghèo"] == {"th": "1,9", "pct_ck": "86,4"}          # after the page break
    assert v["Tỷ lệ tham gia BHYT"] == {"kh": "96,4", "th": "96,4", "pct_ck": "101,5", "pct_kh": "100,0"}
    assert len(grid_tables(r)) == 1
    labels = [c.label for c in r.tables[0].columns]
    assert labels[4] == "Kết quả thực hiện / Thực hiện"          # a label wrapped in its column is one label
    assert labels[5].startswith("Kết quả thực hiện / So với cùng kỳ")
    assert {(c.label, c.stated.text) for c in r.counts} == {("Về kinh tế (3 chỉ tiêu)", "3"),
                                                            ("Văn hóa - xã hội (2 chỉ tiêu)", "2")}
    assert {i.group for i in r.indicators} == {"Về kinh tế", "Văn hóa - xã hội"}


def test_space_aligned_table_in_nfd_keeps_its_columns() -> None:
    """Decomposed text has more characters than columns on screen: alignment is by display."""
    for layout in (SPACED_LEFT, SPACED_WRAPPED):
        nfc = read(report(layout))
        nfd = read(unicodedata.normalize("NFD", report(layout)))
        assert values(nfd) == values(nfc)


ALIGNED_PROSE = """
Tổng diện tích gieo trồng 226 ha, trong đó lúa 115 ha  đạt 99,13% kế hoạch, năng suất đạt 62,58 tạ/ha  sản lượng đạt  719,67  tấn.
Cây lạc: diện tích gieo trồng 33 ha, vượt  1,5 ha so với kế hoạch, năng suất đạt 30 tạ/ha, sản lượng đạt 99 tấn.
Tổng đàn gia cầm 49.550 con,  tăng 850 con so với cùng kỳ;  tổng đàn ong là 867 đàn.
"""

ALIGNED_LIST = """
Số đại biểu theo trình độ:
- Đại học:        16/29 vị chiếm    55,17%;
- Trung cấp:      05/29 vị chiếm    17,24%;
- Khác:           08/29 vị chiếm    27,59%.
"""


ALIGNED_NUMBERED = """
1.  Tổng giá trị sản xuất:    1.310   tỷ đồng,    đạt 104,8% KH
2.  Thu ngân sách:           13.100   triệu đồng, đạt 104,8% dự toán
3.  Sản lượng lương thực:     4.350   tấn,        đạt 103,6% KH
"""


def test_prose_with_double_spaces_is_not_a_table() -> None:
    for body in (ALIGNED_PROSE, ALIGNED_LIST, ALIGNED_NUMBERED):
        with_blank = "\n\n".join(body.strip().split("\n"))
        a, b = read(report(body)), read(report(with_blank))
        assert grid_tables(a) == grid_tables(b) == []
        assert a.model_dump(exclude={"sections"}, mode="json") == _no_src(b.model_dump(exclude={"sections"},
                                                                                         mode="json"), a)
    # an aligned numbered list reads as the same list written with single spaces
    single = "\n".join(" ".join(x.split()) for x in ALIGNED_NUMBERED.strip().split("\n"))
    assert values(read(report(ALIGNED_NUMBERED))) == values(read(report(single)))
    assert values(read(report(single)))["Thu ngân sách"]["th"] == "13.100"
    r = read(report(ALIGNED_LIST))
    assert {(x.numerator.text, x.denominator.text, x.percent.text) for x in r.rates} == {
        ("16", "29", "55,17"), ("05", "29", "17,24"), ("08", "29", "27,59")}


def _no_src(d: dict, a: Report) -> dict:
    """`d` with the source locations of `a` (line numbers differ by the blank lines)."""
    want = a.model_dump(exclude={"sections"}, mode="json")

    def strip(x):
        if isinstance(x, dict):
            return {k: strip(v) for k, v in x.items() if k != "src"}
        if isinstance(x, list):
            return [strip(v) for v in x]
        return x
    assert strip(d) == strip(want)
    return want


def test_a_signature_block_aligned_with_spaces_is_read_as_one() -> None:
    for gap in ("                              ", "\t\t"):
        tail = (f"Nơi nhận:{gap}TM. ỦY BAN NHÂN DÂN\n- UBND huyện;{gap}CHỦ TỊCH\n- Lưu: VT.\n\n"
                f"{' ' * 40 if gap.strip() == '' else gap}Nguyễn Văn An\n")
        r = read(report(SPACED_LEFT) + "\n" + tail)
        assert r.meta.signatory is not None and r.meta.signatory.name == "Nguyễn Văn An"
        assert "UBND huyện;" in r.meta.recipients
        assert values(r) == EXPECTED


# ============================================================================ ruled and grid tables

RULED = """
TT Chỉ tiêu              ĐVT        KH 2023 TH 2023 So với KH (%)
-- --------------------- ---------- ------- ------- -------------
1  Tổng giá trị sản xuất tỷ đồng      1.250   1.310         104,8
2  Sản lượng lương thực  tấn          4.200   4.350         103,6

-- --------------------- ---------- ------- ------- -------------
3  Thu ngân sách         triệu đồng  12.500  13.100         104,8
4  Tỷ lệ hộ nghèo        %              2,1     1,9          90,5
-- --------------------- ---------- ------- ------- -------------
"""

MULTILINE = """
----------------------------------------------------------------
TT Chỉ tiêu          ĐVT        KH 2023 TH 2023 So với KH (%)
-- ----------------- ---------- ------- ------- -------------
1  Tổng giá trị sản  tỷ đồng      1.250   1.310         104,8
   xuất

2  Sản lượng lương   tấn          4.200   4.350         103,6
   thực

3  Thu ngân sách     triệu đồng  12.500  13.100         104,8

4  Tỷ lệ hộ nghèo    %              2,1     1,9          90,5
----------------------------------------------------------------
"""

GRID = """
+----+-----------------------+------------+---------+---------+--------------+
| TT | Chỉ tiêu              | ĐVT        | KH 2023 | TH 2023 | So với KH    |
|    |                       |            |         |         | (%)          |
+====+=======================+============+=========+=========+==============+
| 1  | Tổng giá trị sản xuất | tỷ đồng    | 1.250   | 1.310   | 104,8        |
+----+-----------------------+------------+---------+---------+--------------+
| 2  | Sản lượng lương thực  | tấn        | 4.200   | 4.350   | 103,6        |
+----+-----------------------+------------+---------+---------+--------------+
| 3  | Thu ngân sách         | triệu đồng | 12.500  | 13.100  | 104,8        |
+----+-----------------------+------------+---------+---------+--------------+
| 4  | Tỷ lệ hộ nghèo        | %          | 2,1     | 1,9     | 90,5         |
+----+-----------------------+------------+---------+---------+--------------+
"""

GRID_SPANS = """
+----+-----------------+-----+---------+---------------------------+
| TT | Chỉ tiêu        | ĐVT | KH 2023 | Kết quả thực hiện         |
|    |                 |     |         +-------------+-------------+
|    |                 |     |         | TH 2023     | So với KH   |
|    |                 |     |         |             | (%)         |
+====+=================+=====+=========+=============+=============+
| 1  | Tổng giá trị    | tỷ  | 1.250   | 1.310       | 104,8       |
|    | sản xuất        |     |         |             |             |
+----+-----------------+-----+---------+-------------+-------------+
| 2  | Sản lượng lương | tấn | 4.200   | 4.350       | 103,6       |
|    | thực            |     |         |             |             |
+----+-----------------+-----+---------+-------------+-------------+
"""


@pytest.mark.parametrize("layout", [RULED, MULTILINE, GRID], ids=["simple+headerless part", "multiline", "grid"])
def test_ruled_and_grid_tables(layout: str) -> None:
    r = read(report(layout), "bao_cao.md")
    assert values(r) == EXPECTED
    assert len(grid_tables(r)) == 1


def test_grid_table_with_a_spanning_label_and_cells_on_two_lines() -> None:
    r = read(report(GRID_SPANS), "bao_cao.md")
    assert values(r) == {"Tổng giá trị sản xuất": {"kh": "1.250", "th": "1.310", "pct_kh": "104,8"},
                         "Sản lượng lương thực": {"kh": "4.200", "th": "4.350", "pct_kh": "103,6"}}


# ============================================================================ HTML and pipe tables

HTML_ONE_LINE = (
    '<table><tr><th rowspan="2">TT</th><th rowspan="2">Chỉ tiêu</th><th rowspan="2">ĐVT</th>'
    '<th rowspan="2">KH 2023</th><th colspan="2">Kết quả thực hiện</th></tr>'
    '<tr><th>TH 2023</th><th>So với KH&nbsp;(%)</th></tr>'
    '<tr><td>1</td><td><b>Tổng giá trị</b><br>sản xuất</td><td>tỷ đồng</td><td>1.250</td><td>1.310</td>'
    '<td>104,8</td></tr>'
    '<tr><td>2</td><td>Sản lượng lương thực</td><td>tấn</td><td>4.200</td><td>4.350</td><td>103,6</td></tr>'
    '<tr><td>3</td><td>Thu ngân sách</td><td>triệu đồng</td><td>12.500</td><td>13.100</td><td>104,8</td></tr>'
    '<tr><td>4</td><td>Tỷ lệ hộ nghèo</td><td>%</td><td>2,1</td><td>1,9</td><td>90,5</td></tr></table>')

# tags on their own lines, closing tags left out (as HTML allows), the table cut in two
HTML_LINES = """
<table border="1">
<thead>
<tr><th>STT<th>Chỉ tiêu<th>Đơn vị tính<th>Kế hoạch<th>Thực hiện<th>Tỷ lệ so với KH (%)
</thead>
<tr><td>1<td>Tổng giá trị sản xuất<td>tỷ đồng<td>1.250<td>1.310<td>104,8
<tr><td>2<td>Sản lượng lương thực<td>tấn<td>4.200<td>4.350<td>103,6
</table>
<p>Trang 2</p>
<table border="1">
<tr>
  <td>3</td>
  <td>Thu ngân sách</td>
  <td>triệu đồng</td>
  <td>12.500</td>
  <td>13.100</td>
  <td>104,8</td>
</tr>
<tr><td>4<td>Tỷ lệ hộ nghèo<td>%<td>2,1<td>1,9<td>90,5
</table>
"""


@pytest.mark.parametrize("layout", [HTML_ONE_LINE, HTML_LINES], ids=["one line, spans", "lines, cut in two"])
def test_html_tables(layout: str) -> None:
    for name in ("bao_cao.txt", "bao_cao.md"):
        r = read(report(layout), name)
        assert values(r) == EXPECTED, name
        assert len(grid_tables(r)) == 1


def test_html_cell_points_into_its_line() -> None:
    text = report(HTML_LINES)
    r = read(text)
    num = next(i for i in r.indicators if i.name == "Thu ngân sách").values.th
    line = text.split("\n")[num.src.line - 1]
    assert num.src.quote[num.src.start:num.src.end] == "13.100" and "13.100" in line


PIPES_BARE = """
TT | Chỉ tiêu | ĐVT | KH 2023 | TH 2023 | So với KH (%)
:-- | :-- | :-: | --: | --: | --:
1 | Tổng giá trị sản xuất | tỷ đồng | 1.250 | 1.310 | 104,8
2 | Sản lượng lương thực | tấn | 4.200 | 4.350 | 103,6
3 | Thu ngân sách | triệu đồng | 12.500 | 13.100 | 104,8
4 | Tỷ lệ hộ nghèo | % | 2,1 | 1,9 | 90,5
"""

PIPES_HALF = """
| TT | Chỉ tiêu | ĐVT | KH 2023 | TH 2023 | So với KH (%)
|----|----------|-----|---------|---------|---
| 1 | **Tổng giá trị sản xuất** | tỷ đồng | 1.250 | 1.310 | 104,8
| 2 | Sản lượng lương thực | tấn | 4.200 | 4.350 | 103,6
| 3 | Thu ngân sách | triệu đồng | 12.500 | 13.100 | 104,8
| 4 | Tỷ lệ hộ nghèo | % | 2,1 | 1,9 | 90,5
"""


@pytest.mark.parametrize("layout", [PIPES_BARE, PIPES_HALF], ids=["no outer pipes", "leading pipes only"])
def test_pipe_tables_without_outer_pipes(layout: str) -> None:
    r = read(report(layout), "bao_cao.md")
    assert values(r) == EXPECTED


def test_lines_with_a_pipe_are_not_a_table_without_a_delimiter_row() -> None:
    body = "Cập nhật ngày: 11/12/2018 | 09:07 GMT+7\nTiếng Việt | English\n\nTổng thu ngân sách đạt 13.100 triệu đồng."
    r = read(report(body))
    assert grid_tables(r) == []


# ============================================================================ page breaks

TABS_CUT = """
TT\tChỉ tiêu\tĐVT\tKH 2023\tTH 2023\tSo với KH (%)\tGhi chú
1\tTổng giá trị sản xuất\ttỷ đồng\t1.250\t1.310\t104,8\t
2\tSản lượng lương thực\ttấn\t4.200\t4.350\t103,6\t

Trang 2/3


3\tThu ngân sách\ttriệu đồng\t12.500\t13.100\t104,8
4\tTỷ lệ hộ nghèo\t%\t2,1\t1,9\t90,5
"""

SPACED_CUT = """
 TT   Chỉ tiêu                          ĐVT         KH 2023     TH 2023    So với KH (%)
  1   Tổng giá trị sản xuất             tỷ đồng       1.250       1.310          104,8
  2   Sản lượng lương thực              tấn           4.200       4.350          103,6
\f
  3   Thu ngân sách                     triệu đồng   12.500      13.100          104,8
  4   Tỷ lệ hộ nghèo                    %              2,1         1,9           90,5
"""


@pytest.mark.parametrize("layout", [TABS_CUT, SPACED_CUT], ids=["tabs, page number", "spaces, form feed"])
def test_a_table_cut_by_a_page_break_takes_the_header_of_its_first_part(layout: str) -> None:
    text = report(layout)
    r = read(text)
    assert values(r) == EXPECTED
    assert len(grid_tables(r)) == 1
    from auditor.extract.quality import audit_report
    assert [f.rule_id for f in audit_report(r, "t") if f.rule_id == "CMP004"] == []   # no “indicator with no value”
    # the page number is a number of the document, listed as such; nothing else is left over
    assert [t for t, reason in leftovers(text) if reason == "not_recognised"] == (["2/3"] if "Trang" in layout else [])


def test_a_continuation_is_joined_only_when_it_fits() -> None:
    other_width = TABS_CUT.replace("3\tThu ngân sách\ttriệu đồng\t12.500\t13.100\t104,8",
                                   "3\tThu ngân sách\t12.500").replace("4\tTỷ lệ hộ nghèo\t%\t2,1\t1,9\t90,5",
                                                                        "4\tTỷ lệ hộ nghèo\t2,1")
    r = read(report(other_width))
    assert len(grid_tables(r)) == 2            # three columns under a table of seven: not its rest
    prose_between = TABS_CUT.replace("Trang 2/3", "Các chỉ tiêu khác như sau:")
    r = read(report(prose_between))
    assert len(grid_tables(r)) == 2            # a paragraph between two tables: not a page break
    assert values(r)["Thu ngân sách"] == {}   # rows without a header of their own: not read as values


def test_docx_table_split_in_two_word_tables_around_a_page_break() -> None:
    import docx
    from docx.enum.text import WD_BREAK

    rows = [r.split("\t") for r in TABS_CUT.strip().split("\n") if "\t" in r]
    for gap in ("page break", "page number"):
        d = docx.Document()
        d.add_paragraph("BÁO CÁO")
        d.add_paragraph("Tổng kết công tác thi đua, khen thưởng năm 2023")
        d.add_paragraph("1. Các chỉ tiêu kinh tế - xã hội")
        for part in (rows[:3], rows[3:]):
            t = d.add_table(rows=len(part), cols=7)
            for i, row in enumerate(part):
                for j, v in enumerate(row):
                    t.cell(i, j).text = v
            if part is rows[:3]:
                p = d.add_paragraph()
                if gap == "page break":
                    p.add_run().add_break(WD_BREAK.PAGE)
                else:
                    p.add_run("- 2 -")
        buf = io.BytesIO()
        d.save(buf)
        r = read(buf.getvalue(), "bao_cao.docx")
        assert values(r) == EXPECTED, gap
        assert len(grid_tables(r)) == 1


def test_docx_page_break_inside_a_paragraph_does_not_glue_words_to_numbers() -> None:
    import docx
    from docx.enum.text import WD_BREAK

    for before, after in (("Tổng thu ngân sách đạt", "13.100 triệu đồng, bằng 104,8% dự toán."),
                          ("Sản lượng lương thực đạt 4.350 tấn,", "bằng 103,6% kế hoạch.")):
        d = docx.Document()
        d.add_paragraph("BÁO CÁO")
        d.add_paragraph("Tổng kết công tác thi đua, khen thưởng năm 2023")
        p = d.add_paragraph(before)
        p.add_run().add_break(WD_BREAK.PAGE)
        p.add_run(after)
        buf = io.BytesIO()
        d.save(buf)
        ex = extract_bytes(buf.getvalue(), "bao_cao.docx")
        text = " ".join(b.quote for b in [u.src for u in ex.unparsed] if b is not None)
        assert "đạt13" not in text and ",bằng" not in text
        nums = {n.text for i in ex.report.indicators for n in (i.values.th, i.values.pct_kh) if n}
        assert nums, [(u.text, u.reason) for u in ex.unparsed]


def test_a_unit_merged_down_over_rows_in_word_and_html() -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("BÁO CÁO")
    d.add_paragraph("Tổng kết công tác thi đua, khen thưởng năm 2023")
    d.add_paragraph("1. Các chỉ tiêu")
    rows = [["TT", "Chỉ tiêu", "ĐVT", "KH 2023", "TH 2023"], ["1", "Tỷ lệ hộ nghèo", "%", "2,1", "1,9"],
            ["2", "Tỷ lệ tham gia BHYT", "", "96,0", "96,4"], ["3", "Tỷ lệ trẻ em suy dinh dưỡng", "", "5,5", "5,2"]]
    t = d.add_table(rows=4, cols=5)
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            t.cell(i, j).text = v
    t.cell(1, 2).merge(t.cell(3, 2))
    t.cell(1, 2).text = "%"
    buf = io.BytesIO()
    d.save(buf)
    r = read(buf.getvalue(), "bao_cao.docx")
    assert [i.unit for i in r.indicators] == ["%", "%", "%"]
    html_rowspan = ("<table><tr><th>TT</th><th>Chỉ tiêu</th><th>ĐVT</th><th>KH 2023</th><th>TH 2023</th></tr>"
                    "<tr><td>1</td><td>Tỷ lệ hộ nghèo</td><td rowspan=\"3\">%</td><td>2,1</td><td>1,9</td></tr>"
                    "<tr><td>2</td><td>Tỷ lệ tham gia BHYT</td><td>96,0</td><td>96,4</td></tr>"
                    "<tr><td>3</td><td>Tỷ lệ trẻ em suy dinh dưỡng</td><td>5,5</td><td>5,2</td></tr></table>")
    r = read(report(html_rowspan))
    assert [(i.unit, i.values.th.text) for i in r.indicators] == [("%", "1,9"), ("%", "96,4"), ("%", "5,2")]


# ============================================================================ two tables touching

TWO_TABS = """
TT\tChỉ tiêu\tĐVT\tKH 2023\tTH 2023\tSo với KH (%)
1\tTổng giá trị sản xuất\ttỷ đồng\t1.250\t1.310\t104,8
2\tSản lượng lương thực\ttấn\t4.200\t4.350\t103,6
STT\tChỉ tiêu\tĐơn vị tính\tKế hoạch\tThực hiện\tTỷ lệ so với KH (%)
3\tThu ngân sách\ttriệu đồng\t12.500\t13.100\t104,8
4\tTỷ lệ hộ nghèo\t%\t2,1\t1,9\t90,5
"""

TWO_PIPES = """
| TT | Chỉ tiêu | ĐVT | KH 2023 | TH 2023 | So với KH (%) |
|---|---|---|---|---|---|
| 1 | Tổng giá trị sản xuất | tỷ đồng | 1.250 | 1.310 | 104,8 |
| 2 | Sản lượng lương thực | tấn | 4.200 | 4.350 | 103,6 |
| TT | Chỉ tiêu | ĐVT | Kế hoạch | Thực hiện | % KH |
|---|---|---|---|---|---|
| 3 | Thu ngân sách | triệu đồng | 12.500 | 13.100 | 104,8 |
| 4 | Tỷ lệ hộ nghèo | % | 2,1 | 1,9 | 90,5 |
"""


@pytest.mark.parametrize("layout", [TWO_TABS, TWO_PIPES], ids=["tabs", "pipes"])
def test_two_tables_with_no_blank_line_between_them(layout: str) -> None:
    r = read(report(layout), "bao_cao.md")
    assert values(r) == EXPECTED           # no indicator named “Chỉ tiêu” from the second header
    assert len(grid_tables(r)) == 2


# ============================================================================ flattened page header

FLAT_ONE_LINE = ("ỦY BAN NHÂN DÂN XÃ TÂN LẬP CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc "
                 "Số: 31/BC-UBND Tân Lập, ngày 12 tháng 12 năm 2023\n")
FLAT_PAIRS = """UBND HUYỆN MƯỜNG LA                  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
UBND XÃ TÂN LẬP                           Độc lập - Tự do - Hạnh phúc
                                           ---------------
Số: 31/BC-UBND                        Tân Lập, ngày 12 tháng 12 năm 2023
"""
FLAT_TABS = ("ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nXÃ TÂN LẬP\tĐộc lập - Tự do - Hạnh phúc\n"
             "Số: 31/BC- UBND\tTân Lập, ngày 12 tháng 12 năm 2023\n")


@pytest.mark.parametrize("header", [FLAT_ONE_LINE, FLAT_PAIRS, FLAT_TABS], ids=["one line", "spaces", "tabs"])
def test_a_flattened_page_header_is_split(header: str) -> None:
    r = read(report(SPACED_LEFT, header=header))
    assert r.meta.unit.name == "Tân Lập" and r.meta.unit.kind == "xa"
    assert r.meta.issuer == "UBND xã Tân Lập"
    assert r.meta.number.replace(" ", "") == "31/BC-UBND"
    assert r.meta.date.day == 12 and r.meta.date.month == 12 and r.meta.date.year == 2023
    assert r.meta.place == "Tân Lập"
    assert values(r) == EXPECTED


def test_docx_header_flattened_in_one_paragraph_or_laid_out_in_a_table() -> None:
    import docx

    for how in ("tabs in a paragraph", "two-column table"):
        d = docx.Document()
        if how == "tabs in a paragraph":
            d.add_paragraph("ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
            d.add_paragraph("XÃ TÂN LẬP\tĐộc lập - Tự do - Hạnh phúc")
            d.add_paragraph("Số: 31/BC-UBND\tTân Lập, ngày 12 tháng 12 năm 2023")
        else:
            t = d.add_table(rows=2, cols=2)
            t.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nXÃ TÂN LẬP"
            t.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
            t.cell(1, 0).text = "Số: 31/BC-UBND"
            t.cell(1, 1).text = "Tân Lập, ngày 12 tháng 12 năm 2023"
        d.add_paragraph("BÁO CÁO")
        d.add_paragraph("Tổng kết công tác thi đua, khen thưởng năm 2023")
        buf = io.BytesIO()
        d.save(buf)
        r = read(buf.getvalue(), "bao_cao.docx")
        assert (r.meta.issuer, r.meta.unit.name, r.meta.number, r.meta.place) == (
            "UBND xã Tân Lập", "Tân Lập", "31/BC-UBND", "Tân Lập"), how


def test_sentences_are_not_header_lines() -> None:
    """Without a “BÁO CÁO” title the header is looked for in the first paragraphs: a sentence
    that starts with “UBND huyện …” or “Số …” is not the issuer or the number."""
    for text in ("Kỳ họp HĐND huyện\nUBND huyện và các phòng chuyên môn đã giải quyết xong 7/22 đơn.\n"
                 "Số đơn thuộc thẩm quyền giải quyết là 376 đơn.\n",
                 "Hội nghị tổng kết\nỦy ban nhân dân xã đã khen thưởng 42 tập thể, 85 cá nhân.\n"
                 "Số tập thể được đề nghị là 12 tập thể.\n"):
        r = read(text)
        assert r.meta.number is None
        assert r.meta.issuer is None or len(r.meta.issuer) < 30


# ============================================================================ NFD, line ends, tabs

PLAN = """
II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024

Phấn đấu hoàn thành các chỉ tiêu năm 2023 đã đề ra, tiếp tục đẩy mạnh phong trào thi đua.

Tiếp tục thực hiện các nhiệm vụ năm 2024 theo kế hoạch.
"""


@pytest.mark.parametrize("layout", [SPACED_LEFT + PLAN, TABS_CUT + PLAN], ids=["spaces", "tabs"])
def test_nfd_anywhere_reads_as_nfc(layout: str) -> None:
    from auditor.extract.quality import audit_report, finding_key

    nfc = read(report(layout))
    nfd = read(unicodedata.normalize("NFD", report(layout)))
    assert values(nfd) == values(nfc)
    assert [s.text for s in nfd.sections] == [s.text for s in nfc.sections]
    assert all(unicodedata.is_normalized("NFC", t) for s in nfd.sections for t in s.text)
    keys = sorted(finding_key(f) for f in audit_report(nfc, "t"))
    assert sorted(finding_key(f) for f in audit_report(nfd, "t")) == keys


@pytest.mark.parametrize("layout", [SPACED_LEFT, TABS_CUT], ids=["spaces", "tabs"])
def test_crlf_and_lone_cr(layout: str) -> None:
    text = report(layout)
    base = read(text)
    for end in ("\r\n", "\r"):
        r = read(text.replace("\n", end))
        assert values(r) == values(base)
        num = next(i for i in r.indicators if i.name == "Thu ngân sách").values.th
        assert num.src.line == next(i for i in base.indicators if i.name == "Thu ngân sách").values.th.src.line


LIST_TABS = """
1.\tTổng giá trị sản xuất: 1.310 tỷ đồng, đạt 104,8% KH
2.\tThu ngân sách: 13.100 triệu đồng, đạt 104,8% dự toán
"""
LIST_TABS_INDENTED = """
\t1.\tTổng giá trị sản xuất: 1.310 tỷ đồng, đạt 104,8% KH
\t2.\tThu ngân sách: 13.100 triệu đồng, đạt 104,8% dự toán
\tCác chỉ tiêu khác đều đạt kế hoạch.
"""


@pytest.mark.parametrize("layout", [LIST_TABS, LIST_TABS_INDENTED], ids=["label tab", "indented"])
def test_tabs_after_list_labels_and_as_indentation_are_not_tables(layout: str) -> None:
    r = read(report(layout))
    plain = read(report(layout.replace("\t", " ").replace("\n ", "\n")))
    assert grid_tables(r) == []
    assert values(r) == values(plain)
    assert values(r)["Tổng giá trị sản xuất"]["th"] == "1.310"


def test_docx_content_controls_are_read() -> None:
    """Templates put the header, a paragraph or a whole table inside a content control (w:sdt)."""
    import docx
    from docx.oxml.ns import qn
    from lxml import etree

    for what in ("paragraph", "table"):
        d = docx.Document()
        d.add_paragraph("BÁO CÁO")
        d.add_paragraph("Tổng kết công tác thi đua, khen thưởng năm 2023")
        if what == "paragraph":
            el = d.add_paragraph("Tổng thu ngân sách đạt 13.100 triệu đồng, bằng 104,8% dự toán.")._p
        else:
            rows = [r.split("\t") for r in TABS_CUT.strip().split("\n") if "\t" in r]
            t = d.add_table(rows=len(rows), cols=7)
            for i, row in enumerate(rows):
                for j, v in enumerate(row):
                    t.cell(i, j).text = v
            el = t._tbl
        body = d.element.body
        sdt = etree.Element(qn("w:sdt"))
        content = etree.SubElement(sdt, qn("w:sdtContent"))
        el.addprevious(sdt)
        content.append(el)
        buf = io.BytesIO()
        d.save(buf)
        r = read(buf.getvalue(), "bao_cao.docx")
        assert body is not None
        if what == "paragraph":
            assert [(i.name, i.values.th.text) for i in r.indicators] == [("Tổng thu ngân sách", "13.100")]
        else:
            assert values(r) == EXPECTED
