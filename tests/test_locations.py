"""Findings about documents point into the document in every output format (issue 14).

A .txt or .md report has lines: every finding gets the line (and column) of its number, also
those whose item the rules name without a place of their own (a legal citation, a section's
text). A .docx has no lines: every finding names its paragraph or table cell (“đoạn 9”,
“bảng 1, dòng 2, cột 6”) — never `report.docx:0:0:`."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from auditor.extract.quality import docx_from_text
from tests.helpers import invoke

DATA = Path(__file__).resolve().parent / "data"
TEXT = (DATA / "docs" / "dong_hoa_2023.txt").read_text("utf-8")
SEED_003 = Path(__file__).resolve().parent.parent / "fixtures" / "seeds" / "003_03026f8b928707b4.txt"

# A second report of our own, written differently: Markdown, a pipe table, a count in prose.
MARKDOWN = """**Số: 08/BC-UBND**

Thị trấn Phú Mỹ, ngày 02 tháng 7 năm 2024

# BÁO CÁO
Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2024

## I. KẾT QUẢ

Hội đồng Thi đua - Khen thưởng thị trấn có 11 thành viên, gồm: 01 Chủ tịch, 02 Phó Chủ tịch và 09 ủy viên.

| TT | Chỉ tiêu | ĐVT | Kế hoạch | Thực hiện | So với KH (%) |
|---|---|---|---|---|---|
| 1 | Thu ngân sách | triệu đồng | 5.000 | 4.500 | 95,0 |

## II. PHƯƠNG HƯỚNG

Tiếp tục thực hiện tốt các phong trào.
"""


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("docs")
    out = {"txt": d / "dong_hoa.txt", "docx": d / "dong_hoa.docx", "md": d / "phu_my.md",
           "md_docx": d / "phu_my.docx"}
    out["txt"].write_text(TEXT, "utf-8")
    out["docx"].write_bytes(docx_from_text(TEXT))
    out["md"].write_text(MARKDOWN, "utf-8")
    out["md_docx"].write_bytes(docx_from_text(MARKDOWN))
    return out


def _json(path: Path) -> dict:
    return json.loads(invoke(str(path), "-f", "json").stdout)


# ------------------------------------------------------------------------------- text documents


def test_every_finding_of_a_text_has_its_line(files: dict[str, Path]) -> None:
    for key, text in (("txt", TEXT), ("md", MARKDOWN)):
        data = _json(files[key])
        assert data["findings"]
        for f in data["findings"]:
            assert f.get("line"), f
        concise = invoke(str(files[key]), "-f", "concise").stdout
        assert ":0:0:" not in concise
    by_rule = {f["rule_id"]: f for f in _json(files["txt"])["findings"]}
    assert by_rule["SUM002"]["line"] == _line_of(TEXT, "gồm 10 cán bộ")
    assert by_rule["PER007"]["line"] == _line_of(TEXT, "Nghị định số 98/2023")  # a legal citation
    assert by_rule["PCT001"]["line"] == _line_of(TEXT, "Thu ngân sách")        # a table row


def test_a_legal_citation_on_line_148_gets_line_148() -> None:
    text = SEED_003.read_text("utf-8")
    line = _line_of(text, "Chỉ thị số 05-CT/TW ngày 14/5/2011")
    assert line == 148
    r = invoke(str(SEED_003), "-f", "concise", "--select", "LEG001")
    assert re.search(rf"003_03026f8b928707b4\.txt:{line}:\d+: LEG001 ", r.stdout), r.stdout
    gh = invoke(str(SEED_003), "-f", "github", "--select", "LEG001").stdout
    assert f",line={line}," in gh


# ------------------------------------------------------------------------------------- .docx


def test_docx_findings_name_their_paragraph_or_cell(files: dict[str, Path]) -> None:
    r = invoke(str(files["docx"]), "-f", "concise")
    assert ":0:0:" not in r.stdout
    lines = [x for x in r.stdout.splitlines() if "[error" in x or "[warning" in x or "[info" in x]
    assert lines
    for x in lines:
        assert re.match(r".*dong_hoa\.docx:(đoạn \d+|bảng \d+, dòng \d+, cột \d+): [A-Z]+\d+ ", x), x
    assert any(re.search(r"docx:bảng 1, dòng 2, cột 6: PCT001", x) for x in lines)  # the “% KH” cell
    en = invoke(str(files["docx"]), "-f", "concise", "--lang", "en").stdout
    assert re.search(r"docx:table 1, row 2, column 6: PCT001", en)
    assert re.search(r"docx:paragraph \d+: SUM002", en)


def test_docx_places_match_the_paragraph_of_the_number(files: dict[str, Path]) -> None:
    import docx

    d = docx.Document(str(files["docx"]))
    paras = [p.text for p in d.paragraphs]
    data = _json(files["docx"])
    for f in data["findings"]:
        src = f["src"]
        assert src.get("paragraph") or src.get("table"), f
        if src.get("paragraph") and f.get("stated"):
            para = paras[src["paragraph"] - 1]
            assert f["stated"].split()[-1] in para or src["quote"] == para, (f["rule_id"], para)


def test_every_format_carries_the_docx_place(files: dict[str, Path]) -> None:
    path = str(files["docx"])
    gh = invoke(path, "-f", "github").stdout
    assert re.search(r"::error file=[^,]*dong_hoa\.docx,title=SUM002::.*\(đoạn \d+\)", gh)
    assert "line=" not in gh.split("::notice")[0]
    gl = json.loads(invoke(path, "-f", "gitlab").stdout)
    assert all(re.search(r"\((đoạn \d+|bảng \d+, dòng \d+, cột \d+)\)", e["description"]) for e in gl)
    sarif = json.loads(invoke(path, "-f", "sarif").stdout)
    run = sarif["runs"][0]
    assert run["artifacts"][0]["mimeType"].endswith("wordprocessingml.document")
    for res in run["results"]:
        names = [lg["name"] for lg in res["locations"][0]["logicalLocations"]]
        assert any(re.fullmatch(r"đoạn \d+|bảng \d+, dòng \d+, cột \d+", n) for n in names), names
        assert "region" not in res["locations"][0]["physicalLocation"]  # no made-up line
    junit = ET.fromstring(invoke(path, "-f", "junit").stdout)
    cases = junit.findall(".//testcase")
    assert cases and all(re.search(r"\((đoạn \d+|bảng \d+, dòng \d+, cột \d+)\)", c.get("name")) for c in cases)
    assert all(c.get("line") is None for c in cases)
    bodies = "".join(x.text or "" for x in junit.iter("failure"))
    assert "Vị trí trong văn bản: đoạn" in bodies


def test_markdown_as_docx_too(files: dict[str, Path]) -> None:
    data = _json(files["md_docx"])
    assert data["findings"]
    r = invoke(str(files["md_docx"]), "-f", "concise").stdout
    assert ":0:0:" not in r
    import docx

    table = docx.Document(str(files["md_docx"])).tables[0]
    cell = next((r, c) for r, row in enumerate(table.rows, start=1)
                for c, x in enumerate(row.cells, start=1) if x.text == "95,0")
    pct = [f for f in data["findings"] if f["rule_id"] == "PCT001"]
    assert pct and (pct[0]["src"]["table"], pct[0]["src"]["row"], pct[0]["src"]["column"]) == (1, *cell)
    assert f"phu_my.docx:bảng 1, dòng {cell[0]}, cột {cell[1]}: PCT001" in r


def test_json_reports_keep_their_json_lines() -> None:
    seed = Path(__file__).resolve().parent.parent / "fixtures" / "seed_001_hoang_kim_2024h1.json"
    r = invoke(str(seed), "-f", "concise")
    lines = [x for x in r.stdout.splitlines() if "seed_001" in x]
    assert lines and all(re.match(r".*\.json:\d+:\d+: ", x) for x in lines)
