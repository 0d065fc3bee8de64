"""`audit serve` driven in a real browser (Chromium through Playwright, tests/browser.py): upload →
the table of files → the report with its findings marked in place → filters → downloads; the
temporary folder is gone once the server stops (issue 14)."""

from __future__ import annotations

import io
import json
import os
import re
import signal
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from auditor.extract.quality import docx_from_text

ROOT = Path(__file__).resolve().parent.parent
TEXT = (ROOT / "tests" / "data" / "docs" / "dong_hoa_2023.txt").read_text("utf-8")


def _start() -> dict[str, Any]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    p = subprocess.Popen([sys.executable, "-m", "auditor", "serve", "--port", "0", "--no-open"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    first, second = p.stdout.readline(), p.stdout.readline()  # type: ignore[union-attr]
    url = re.search(r"http://127\.0\.0\.1:\d+/", first)
    folder = re.search(r"(/\S+audit-serve-\S+)", second)
    if not (url and folder):
        p.kill()
        raise AssertionError((first, second, p.stderr.read()))  # type: ignore[union-attr]
    return {"url": url.group(0), "folder": Path(folder.group(1)), "process": p}


def _stop(info: dict[str, Any]) -> None:
    p = info["process"]
    if p.poll() is None:
        p.send_signal(signal.SIGTERM)
        p.wait(timeout=30)


@pytest.fixture(scope="module")
def server() -> Iterator[dict[str, Any]]:
    info = _start()
    try:
        yield info
    finally:
        _stop(info)


@pytest.fixture(scope="module")
def uploads(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("up")
    (d / "dong_hoa.docx").write_bytes(docx_from_text(TEXT))
    (d / "dong_hoa.txt").write_text(TEXT, "utf-8")
    (d / "hoang_kim.json").write_bytes((ROOT / "fixtures" / "seed_001_hoang_kim_2024h1.json").read_bytes())
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("bao_cao_xa/but_son.txt", (ROOT / "fixtures" / "seeds" / "000_11283473c0855b4c.txt").read_bytes())
        z.writestr("bao_cao_xa/bang_tinh.xlsx", b"PK\x03\x04xlsx")
    (d / "thu_muc.zip").write_bytes(buf.getvalue())
    return {p.name: p for p in d.iterdir()}


def test_upload_table_annotated_view_and_downloads(page: Any, server: dict[str, Any], uploads: dict[str, Path],
                                                   tmp_path: Path) -> None:
    page.goto(server["url"])
    page.set_input_files("input#files", [str(p) for p in uploads.values()])
    page.click("button#submit")
    page.wait_for_url(re.compile(r"/b/[0-9a-f]+$"))
    rows = page.locator("tr.file-row")
    assert rows.count() == 4
    table = page.locator("#files-table").inner_text()
    for text in ("UBND phường Đông Hòa", "UBND xã Hoàng Kim", "UBND thị trấn Bút Sơn", "KHÔNG ĐẠT",
                 "thu_muc.zip/bao_cao_xa/but_son.txt"):
        assert text in table
    assert "bang_tinh.xlsx" in page.locator("table.skipped").inner_text()
    assert page.locator("svg.chart").first.is_visible()

    # the .docx: its report as written, the % KH cell highlighted and linked to the finding
    page.click("text=dong_hoa.docx")
    page.wait_for_url(re.compile(r"/f/\d+$"))
    mark = page.locator("section.document-pane a.mk.sev-error", has_text="120,0")
    mark.wait_for(state="visible")
    assert mark.evaluate("e => e.closest('td') !== null")  # in its table cell
    target = mark.get_attribute("href")
    mark.click()
    finding = page.locator(target)
    assert "PCT001" in finding.inner_text() and "120,0" in finding.inner_text()
    assert "current" in (finding.get_attribute("class") or "")
    assert finding.evaluate("e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight }")

    # filters: only the warnings and infos (none here), then one rule
    page.uncheck("input[name=sev][value=error]")
    page.wait_for_load_state("load")
    page.wait_for_function("() => !document.querySelector('section.document-pane a.mk.sev-error')")
    assert page.locator("article.finding").count() == 0
    page.check("input[name=sev][value=error]")
    page.wait_for_function("() => document.querySelector('section.document-pane a.mk.sev-error')")
    page.select_option("select[name=rule]", "SUM002")
    page.wait_for_function("() => document.querySelectorAll('article.finding').length === 1")
    assert "SUM002" in page.locator("article.finding").inner_text()

    # downloads: SARIF, the workbook, the printable report
    with page.expect_download() as d:
        page.click("text=SARIF")
    sarif = json.loads(Path(d.value.path()).read_text("utf-8"))
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"]
    with page.expect_download() as d:
        page.click("text=Bảng tổng hợp Excel")
    import openpyxl

    assert d.value.suggested_filename == "dong_hoa.xlsx"
    wb = openpyxl.load_workbook(io.BytesIO(Path(d.value.path()).read_bytes()))
    assert "Phát hiện" in wb.sheetnames and wb["Phát hiện"].max_row == 4
    with page.expect_download() as d:
        page.click("text=Báo cáo HTML (in được)")
    html = Path(d.value.path()).read_text("utf-8")
    assert "<section class='document'>" in html and ">120,0</a>" in html
    assert d.value.suggested_filename == "dong_hoa.html"


def test_drop_a_folder_of_files(page: Any, server: dict[str, Any]) -> None:
    """Drag and drop: the page sends the dropped files (here made in the page) with their names."""
    page.goto(server["url"])
    page.evaluate("""(text) => {
        const dt = new DataTransfer();
        dt.items.add(new File([text], "xa_a.txt", {type: "text/plain"}));
        dt.items.add(new File(["ghi chú"], "bang_tinh.xlsx"));
        const drop = document.getElementById("drop");
        drop.dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
    }""", TEXT)
    page.wait_for_url(re.compile(r"/b/[0-9a-f]+$"))
    assert page.locator("tr.file-row").count() == 1
    assert "UBND phường Đông Hòa" in page.locator("#files-table").inner_text()


def test_refusals_are_explained(page: Any, server: dict[str, Any], tmp_path: Path) -> None:
    bad = tmp_path / "x.zip"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("../ra_ngoai.txt", "x")
    bad.write_bytes(buf.getvalue())
    page.goto(server["url"])
    page.set_input_files("input#files", [str(bad)])
    page.click("button#submit")
    msg = page.locator(".error-message")
    msg.wait_for()
    assert "đường dẫn không hợp lệ" in msg.inner_text()


def test_stopping_deletes_the_uploads(page: Any) -> None:
    info = _start()  # a server of its own: this test stops it
    try:
        page.goto(info["url"])
        page.set_input_files("input#files", files=[{"name": "a.txt", "mimeType": "text/plain",
                                                     "buffer": TEXT.encode("utf-8")}])
        page.click("button#submit")
        page.wait_for_url(re.compile(r"/b/[0-9a-f]+$"))
        folder: Path = info["folder"]
        stored = [p for p in folder.rglob("*") if p.is_file()]
        assert stored and all(p.read_bytes() == TEXT.encode("utf-8") for p in stored)
    finally:
        _stop(info)
    assert info["process"].returncode is not None
    assert not folder.exists()
