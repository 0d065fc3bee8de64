"""The workbook a reviewer files (`--summary FILE.xlsx`, issue 14): a sheet of findings with
the place in the document, a bold frozen header, a filter, severity colours; a units × rules
sheet; the same rows whether the run was streamed or not."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from auditor.extract.quality import docx_from_text
from auditor.workflows import batch
from tests.helpers import invoke

ROOT = Path(__file__).resolve().parent.parent
TEXT = (ROOT / "tests" / "data" / "docs" / "dong_hoa_2023.txt").read_text("utf-8")
SEED_JSON = ROOT / "fixtures" / "seed_001_hoang_kim_2024h1.json"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("xlsx")
    (d / "a_dong_hoa.txt").write_text(TEXT, "utf-8")
    (d / "b_dong_hoa.docx").write_bytes(docx_from_text(TEXT))
    (d / "c_hoang_kim.json").write_bytes(SEED_JSON.read_bytes())
    (d / "d_clean.json").write_bytes((ROOT / "fixtures" / "example.json").read_bytes())
    return d


def _book(folder: Path, out: Path, *extra: str) -> openpyxl.Workbook:
    files = sorted(str(p) for p in folder.iterdir())
    r = invoke(*files, "--summary", str(out), "-f", "concise", *extra)
    assert r.exit_code == 1, r.output
    return openpyxl.load_workbook(out)


def test_findings_sheet(folder: Path, tmp_path: Path) -> None:
    wb = _book(folder, tmp_path / "tong_hop.xlsx")
    assert wb.sheetnames == ["Tệp", "Phát hiện", "Đơn vị × quy tắc", "Quy tắc"]
    ws = wb["Phát hiện"]
    head = [c.value for c in ws[1]]
    assert head == ["Tệp", "Đơn vị", "Kỳ báo cáo", "Quy tắc", "Mức", "Nội dung", "Vị trí trong văn bản", "Số ghi",
                    "Giá trị đúng", "Cách sửa"]
    assert all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:J{ws.max_row}"
    rows = [dict(zip(head, (c.value for c in r))) for r in ws.iter_rows(min_row=2)]
    by = {(Path(r["Tệp"]).name, r["Quy tắc"]): r for r in rows}
    assert by[("b_dong_hoa.docx", "PCT001")]["Vị trí trong văn bản"] == "bảng 1, dòng 2, cột 6"
    assert by[("b_dong_hoa.docx", "SUM002")]["Vị trí trong văn bản"].startswith("đoạn ")
    line = next(i for i, x in enumerate(TEXT.splitlines(), start=1) if "gồm 10 cán bộ" in x)
    assert by[("a_dong_hoa.txt", "SUM002")]["Vị trí trong văn bản"] == f"dòng {line}"
    pct = by[("a_dong_hoa.txt", "PCT001")]
    assert (pct["Số ghi"], pct["Giá trị đúng"], pct["Mức"]) == ("120,0", "110,0", "lỗi")
    assert pct["Đơn vị"] == "UBND phường Đông Hòa" and pct["Kỳ báo cáo"] == "năm 2023"
    from auditor.engine.ruleset import load_rules

    fixes = {r.id: r.fix.vi for r in load_rules().rules if r.fix}
    for r in rows:  # the finding's own fix when it has one, else its rule's
        if fixes.get(r["Quy tắc"]):
            assert r["Cách sửa"], r
    assert by[("a_dong_hoa.txt", "PER007")]["Cách sửa"]  # PER007 has a fix
    # the JSON report's findings: the place in the document its numbers were read from
    assert all(r["Vị trí trong văn bản"].startswith("dòng ") for r in rows if r["Tệp"].endswith("c_hoang_kim.json"))
    # colours by severity, the severity cell in bold
    for r in ws.iter_rows(min_row=2):
        sev = r[4].value
        colour = {"lỗi": "FEE4E2", "cảnh báo": "FEF0C7", "thông tin": "D1E9FF"}[sev]
        assert r[0].fill.fgColor.rgb.endswith(colour) and r[4].font.bold
    # one row per finding of the run
    files = wb["Tệp"]
    assert len(rows) == sum(sum(c.value for c in r[3:6]) for r in files.iter_rows(min_row=2))


def test_units_by_rules_sheet(folder: Path, tmp_path: Path) -> None:
    wb = _book(folder, tmp_path / "t.xlsx", "--lang", "en")
    ws = wb["Units × rules"]
    head = [c.value for c in ws[1]]
    assert head[:3] == ["File", "Unit", "Period"] and head[-1] == "Total"
    assert ws.freeze_panes == "D2" and ws.auto_filter.ref
    findings = [[c.value for c in r] for r in wb["Findings"].iter_rows(min_row=2)]
    for r in ws.iter_rows(min_row=2, values_only=True):
        mine = [f for f in findings if f[0] == r[0]]
        assert r[-1] == len(mine)
        for rule, n in zip(head[3:-1], r[3:-1]):
            assert (n or 0) == sum(1 for f in mine if f[3] == rule)
    clean = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[0].endswith("d_clean.json"))
    assert clean[-1] == 0


def test_a_streamed_run_writes_the_same_findings(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = _book(folder, tmp_path / "whole.xlsx", "-f", "json")  # json: never streamed
    monkeypatch.setattr(batch, "STREAM_MIN", 2)
    streamed = _book(folder, tmp_path / "streamed.xlsx")
    for name in whole.sheetnames:
        a = [[c.value for c in r] for r in whole[name].iter_rows()]
        b = [[c.value for c in r] for r in streamed[name].iter_rows()]
        assert a == b, name
