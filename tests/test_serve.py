"""`audit serve` (issue 14), without a browser: uploads and their limits, archives checked before
they are unpacked, the Host and Origin checks, the pages, the downloads, the temporary folder.
The browser drives it in test_serve_browser.py."""

from __future__ import annotations

import io
import json
import stat
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import pytest

with warnings.catch_warnings():  # Starlette ≥ 1.x would rather have httpx2; httpx still works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from auditor.engine.ruleset import load_rules
from auditor.extract.quality import docx_from_text
from auditor.web.app import create_app
from auditor.web.batches import Auditor
from auditor.web.uploads import Limits

ROOT = Path(__file__).resolve().parent.parent
TEXT = (ROOT / "tests" / "data" / "docs" / "dong_hoa_2023.txt").read_text("utf-8")
SEED_JSON = (ROOT / "fixtures" / "seed_001_hoang_kim_2024h1.json").read_bytes()
ORIGIN = {"origin": "http://testserver"}


def _client(tmp_path: Path, limits: Limits | None = None, lang: str = "vi") -> tuple[TestClient, Path]:
    ruleset = load_rules()
    work = tmp_path / "work"
    work.mkdir(parents=True)
    app = create_app(work, Auditor(ruleset, list(ruleset.rules), "warning"), hosts={"testserver"},
                     origins={"http://testserver"}, lang=lang, limits=limits)
    return TestClient(app, follow_redirects=False), work


def _zip(members: dict[str, bytes], *, symlink: str | None = None, encrypted: bool = False) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            if name == symlink:
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
            z.writestr(info, data)
    data = bytearray(buf.getvalue())
    if encrypted:  # zipfile cannot encrypt: set the “encrypted” bit in the headers (the data stays plain)
        for sig, at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
            i = data.find(sig)
            while i >= 0:
                data[i + at] |= 0x1
                i = data.find(sig, i + 4)
    return bytes(data)


def _upload(client: TestClient, files: list[tuple[str, bytes]], headers: dict | None = None):
    return client.post("/upload", files=[("files", (name, data)) for name, data in files],
                       headers=ORIGIN if headers is None else headers)


@pytest.fixture
def docs() -> dict[str, bytes]:
    return {"dong_hoa.docx": docx_from_text(TEXT), "dong_hoa.txt": TEXT.encode("utf-8"),
            "hoang_kim.json": SEED_JSON}


# ------------------------------------------------------------------------------ the happy path


def test_upload_table_view_and_downloads(tmp_path: Path, docs: dict[str, bytes]) -> None:
    client, work = _client(tmp_path)
    assert "Kéo thả" in client.get("/").text
    archive = _zip({"xa/b.docx": docs["dong_hoa.docx"], "xa/bang_tinh.xlsx": b"PK\x03\x04xlsx", "__MACOSX/._b.docx": b"x"})
    r = _upload(client, [*docs.items(), ("thu_muc.zip", archive)])
    assert r.status_code == 303, r.text
    batch = r.headers["location"]
    page = client.get(batch).text
    assert page.count('class="file-row"') == 4   # three files and the .docx of the archive
    for unit in ("UBND phường Đông Hòa", "UBND xã Hoàng Kim"):
        assert unit in page
    assert "thu_muc.zip/xa/b.docx" in page and "KHÔNG ĐẠT" in page
    assert "thu_muc.zip/xa/bang_tinh.xlsx" in page and "không được hỗ trợ" in page  # listed as skipped
    assert "<svg class=\"chart\"" in page
    # the annotated view of the .docx: the % KH cell marked and linked to its finding
    view = client.get(f"{batch}/f/0").text
    assert '<a class="mk sev-error" href="#f0-' in view and ">120,0</a>" in view
    only_info = client.get(f"{batch}/f/0?sev=info").text
    assert "Đang hiện 0/3 phát hiện." in only_info and ">120,0</a>" not in only_info
    by_rule = client.get(f"{batch}/f/0?rule=SUM002").text
    assert "Đang hiện 1/3 phát hiện." in by_rule and "SUM002" in by_rule
    # downloads
    html = client.get(f"{batch}/report.html")
    assert html.headers["content-disposition"].startswith("attachment") and "<section class='document'>" in html.text
    sarif = json.loads(client.get(f"{batch}/report.sarif").text)
    assert sarif["version"] == "2.1.0" and len(sarif["runs"][0]["artifacts"]) == 4
    xlsx = client.get(f"{batch}/f/1/report.xlsx")
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    assert wb.sheetnames[1] == "Phát hiện" and wb["Phát hiện"].max_row == 4  # the .txt's three findings
    # the uploads are in the temporary folder, under names made by the server
    stored = sorted(p.name for p in work.rglob("*") if p.is_file() and p.suffix != ".xlsx")
    assert all(n[:4].isdigit() for n in stored), stored


def test_pages_escape_what_was_uploaded(tmp_path: Path) -> None:
    client, _ = _client(tmp_path)
    r = _upload(client, [("<img src=x onerror=alert(1)>.txt", TEXT.encode())])
    page = client.get(r.headers["location"]).text
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;.txt" in page


def test_english_pages(tmp_path: Path, docs: dict[str, bytes]) -> None:
    client, _ = _client(tmp_path, lang="en")
    r = _upload(client, [("a.txt", docs["dong_hoa.txt"])])
    assert "FAIL" in client.get(r.headers["location"]).text


# ------------------------------------------------------------------------- Host and Origin


def test_another_host_or_site_cannot_drive_it(tmp_path: Path, docs: dict[str, bytes]) -> None:
    client, work = _client(tmp_path)
    assert client.get("/", headers={"host": "evil.example"}).status_code == 400  # DNS rebinding
    assert client.get("/", headers={"host": "127.0.0.1.evil.example:8765"}).status_code == 400
    files = [("a.txt", docs["dong_hoa.txt"])]
    assert _upload(client, files, headers={"origin": "http://evil.example"}).status_code == 403
    assert _upload(client, files, headers={"origin": "null"}).status_code == 403
    assert _upload(client, files, headers={}).status_code == 403                     # neither Origin nor Referer
    assert _upload(client, files, headers={"referer": "http://evil.example/x"}).status_code == 403
    assert _upload(client, files, headers={"referer": "http://testserver/"}).status_code == 303
    assert not any(p.is_file() for p in work.rglob("*") if "a.txt" in p.name and len(list(work.iterdir())) > 1)
    r = client.get("/")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-frame-options"] == "DENY"


# ----------------------------------------------------------------------------------- limits


def test_a_file_over_the_limit_is_refused_with_a_message(tmp_path: Path) -> None:
    client, work = _client(tmp_path, Limits(max_file=5000))
    r = _upload(client, [("big.txt", b"x" * 6000)])
    assert r.status_code == 413
    assert "quá lớn" in r.text and "too big" in r.text and "0.00476837 MB" in r.text
    assert not any(p.is_file() for p in work.rglob("*"))  # nothing kept of a refused upload


def test_too_many_files(tmp_path: Path) -> None:
    client, _ = _client(tmp_path, Limits(max_files=3))
    r = _upload(client, [(f"{i}.txt", TEXT.encode()) for i in range(4)])
    assert r.status_code == 413 and "tối đa 3 tệp" in r.text
    r = _upload(client, [("a.zip", _zip({f"{i}.txt": b"x" for i in range(5)}))])
    assert r.status_code == 413 and "tối đa 3 tệp" in r.text


@pytest.mark.parametrize("member, message", [
    ("../ra_ngoai.txt", "đường dẫn không hợp lệ"),
    ("/etc/passwd", "đường dẫn không hợp lệ"),
    ("C:/Windows/x.txt", "đường dẫn không hợp lệ"),
    ("a/../../b.txt", "đường dẫn không hợp lệ"),
])
def test_archive_paths_outside_the_folder_are_refused(tmp_path: Path, member: str, message: str) -> None:
    client, work = _client(tmp_path)
    r = _upload(client, [("x.zip", _zip({"ok.txt": TEXT.encode(), member: b"boom"}))])
    assert r.status_code == 400 and message in r.text
    assert not any(p.name.endswith(("ra_ngoai.txt", "b.txt", "passwd")) for p in tmp_path.rglob("*"))
    assert not any(p.is_file() for p in work.rglob("*"))


def test_archive_links_and_encryption_are_refused(tmp_path: Path) -> None:
    client, _ = _client(tmp_path)
    r = _upload(client, [("x.zip", _zip({"link.txt": b"/etc/passwd"}, symlink="link.txt"))])
    assert r.status_code == 400 and "symlink" in r.text
    r = _upload(client, [("x.zip", _zip({"a.txt": b"x"}, encrypted=True))])
    assert r.status_code == 400 and "mật khẩu" in r.text


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    client, work = _client(tmp_path)
    bomb = _zip({"bomb.txt": b"0" * (20 * 1024 * 1024)})  # 20 MB of zeros: ~20 KB packed
    assert len(bomb) < 100_000
    r = _upload(client, [("bomb.zip", bomb)])
    assert r.status_code == 413 and "đáng ngờ" in r.text and "tối đa 100" in r.text and "looks hostile" in r.text
    assert not any(p.name.endswith("bomb.txt") for p in work.rglob("*"))
    client2, _ = _client(tmp_path / "2", Limits(max_total=10 * 1024 * 1024))
    r = _upload(client2, [("big.zip", _zip({f"{i}.txt": bytes(range(256)) * 20000 for i in range(3)}))])
    assert r.status_code == 413 and "giải nén ra" in r.text


def test_a_damaged_archive_and_an_empty_upload(tmp_path: Path) -> None:
    client, _ = _client(tmp_path)
    r = _upload(client, [("x.zip", b"PK\x03\x04 not really")])
    assert r.status_code == 400 and "bị hỏng" in r.text
    r = _upload(client, [("bang_tinh.xlsx", b"PK\x03\x04xlsx")])
    assert r.status_code == 400 and "Không có tệp báo cáo nào" in r.text and "bang_tinh.xlsx" in r.text
    r = client.post("/upload", content=b"x", headers={**ORIGIN, "content-type": "text/plain"})
    assert r.status_code == 400


def test_unknown_pages(tmp_path: Path) -> None:
    client, _ = _client(tmp_path)
    assert client.get("/b/nope").status_code == 404
    r = _upload(client, [("a.txt", TEXT.encode())])
    batch = r.headers["location"]
    assert client.get(f"{batch}/f/9").status_code == 404
    assert client.get(f"{batch}/report.exe").status_code == 404
    assert client.get(f"{batch}/files/0001_a.txt").status_code == 404  # uploads are never served back


# ------------------------------------------------------------------------------ start-up cost


def test_audit_file_does_not_import_the_web_stack() -> None:
    p = subprocess.run([sys.executable, "-X", "importtime", "-m", "auditor", str(ROOT / "fixtures" / "example.json")],
                       capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr[-2000:]
    imported = {line.split("|")[-1].strip().split(".")[0] for line in p.stderr.splitlines() if "|" in line}
    assert not imported & {"starlette", "uvicorn", "jinja2", "python_multipart", "rich", "anyio"}, imported


def test_a_picture_is_read_when_sent_on_its_own_not_from_an_archive(tmp_path: Path) -> None:
    client, _ = _client(tmp_path)
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64  # not a readable picture: a finding about the file
    r = _upload(client, [("trang_1.png", png), ("a.zip", _zip({"anh/trang_2.png": png, "a.txt": TEXT.encode()}))])
    page = client.get(r.headers["location"]).text
    assert page.count('class="file-row"') == 2 and "trang_1.png" in page
    assert "a.zip/anh/trang_2.png" in page and "OCR" in page  # skipped, with the reason
