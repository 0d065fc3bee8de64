"""A .docx part that passed its check is remembered by its hash and not checked again
(auditor/files/passed.py, extract/docx.py `_checked_once`; issue 16): the answer of a read never
changes, only its cost. A part that fails is never remembered, a damaged or foreign file of hashes
is ignored, and without a cache folder every part is checked."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.extract import docx as D
from auditor.extract.quality import docx_from_text
from auditor.files import passed
from auditor.read import zipread

_BODY = "BÁO CÁO\nTổng kết năm 2024\nI. KẾT QUẢ\nCó 12 hộ, đạt 90%.\n"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AUDIT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("AUDIT_NO_CACHE", raising=False)
    monkeypatch.setattr(passed, "_known", {})  # (what this process read of the folder before)
    return tmp_path


def _styles_of(docx: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return z.read("word/styles.xml")


def _with_styles(docx: bytes, styles: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item, styles if item.filename == "word/styles.xml" else zin.read(item.filename))
    return out.getvalue()


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    checks: list[bytes] = []
    real = D._checked

    def counted(data: bytes) -> bytes:
        checks.append(data)
        return real(data)

    monkeypatch.setattr(D, "_checked", counted)
    return checks


def _blocks(docx: bytes) -> list:
    return [(type(b).__name__, b.text) for b in D.read_docx(docx).blocks]


def test_a_part_that_passed_is_not_checked_again(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    checks = _counting(monkeypatch)
    docx = docx_from_text(_BODY)
    first = _blocks(docx)
    assert len(checks) == 1
    assert _blocks(docx) == first and len(checks) == 1  # (remembered in this process)
    monkeypatch.setattr(passed, "_known", {})  # another run: read from the folder
    assert _blocks(docx_from_text("BÁO CÁO\nCó 3 xã.\n"))  # another file, the same template
    assert len(checks) == 1
    assert any(name.endswith("-docx-xml.marshal") for name in os.listdir(cache / "passed"))


def test_a_part_that_fails_is_refused_every_time(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    checks = _counting(monkeypatch)
    good = docx_from_text(_BODY)
    bad = _with_styles(good, _styles_of(good)[:-7])
    for _ in range(3):
        with pytest.raises(Exception):  # noqa: B017, PT011 - the caller reports any as a damaged file
            D.read_docx(bad)
    assert len(checks) == 3
    assert not any(passed._known.values())  # nothing remembered
    assert _blocks(good) and len(checks) == 4


def test_without_a_cache_folder_every_part_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUDIT_NO_CACHE", "1")
    monkeypatch.setattr(passed, "_known", {})
    checks = _counting(monkeypatch)
    docx = docx_from_text(_BODY)
    _blocks(docx)
    _blocks(docx)
    assert len(checks) == 2


@pytest.mark.parametrize("content", [b"", b"\x00garbage", b"\xfb\x00\x00\x00\x00", b"[\x00\x00\x00\x00"])
def test_a_damaged_file_of_hashes_is_ignored(cache: Path, monkeypatch: pytest.MonkeyPatch, content: bytes) -> None:
    docx = docx_from_text(_BODY)
    _blocks(docx)
    paths = [cache / "passed" / n for n in os.listdir(cache / "passed")]
    assert len(paths) == 2  # (the part's hash, and that of its bytes as stored)
    for path in paths:
        path.write_bytes(content)
    monkeypatch.setattr(passed, "_known", {})
    checks = _counting(monkeypatch)
    assert _blocks(docx)
    assert len(checks) == 1  # checked again, and remembered again
    monkeypatch.setattr(passed, "_known", {})
    assert _blocks(docx) and len(checks) == 1


def test_a_hash_kept_for_another_checker_is_not_used(cache: Path) -> None:
    data = b"<x/>"
    key = passed.passed_before("docx-xml", "expat_2.5.0", data)
    assert key is not None
    passed.remember("docx-xml", "expat_2.5.0", key)
    assert passed.passed_before("docx-xml", "expat_2.5.0", data) is None
    assert passed.passed_before("docx-xml", "expat_2.6.0", data) == key  # another expat: checked
    assert passed.passed_before("docx-xml", "expat_2.5.0", data + b" ") is not None


def test_the_file_keeps_at_most_its_share(cache: Path) -> None:
    for n in range(passed._MAX + 5):
        key = passed.passed_before("docx-xml", "v", str(n).encode())
        assert key is not None
        passed.remember("docx-xml", "v", key)
    (known,) = passed._known.values()
    assert 0 < len(known) <= passed._MAX


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2000), st.sampled_from(["<", ">", "&", "&nope;", '"', "</w:style>", "<x:y/>",
                                                                  " ", "é", "<!DOCTYPE x>", "\x01"])), max_size=2))
def test_reading_with_remembered_parts_is_reading_without(inserts: list) -> None:
    """The same blocks or the same refusal, with the cache (read twice) and without it."""
    base = docx_from_text(_BODY)
    text = _styles_of(base).decode("utf-8")
    for at, piece in inserts:
        at = min(at, len(text))
        text = text[:at] + piece + text[at:]
    docx = _with_styles(base, text.encode("utf-8"))

    def outcome() -> object:
        try:
            return _blocks(docx)
        except Exception:  # noqa: BLE001 - any refusal: the caller reports a damaged file for all
            return "refused"

    saved = dict(os.environ)
    try:
        os.environ["AUDIT_NO_CACHE"] = "1"
        plain = outcome()
        del os.environ["AUDIT_NO_CACHE"]
        import tempfile

        with tempfile.TemporaryDirectory() as d:
            os.environ["AUDIT_CACHE_DIR"] = d
            passed._known.clear()
            assert outcome() == plain
            assert outcome() == plain  # (the second read with what the first remembered)
    finally:
        os.environ.clear()
        os.environ.update(saved)
        passed._known.clear()


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    names: list[str] = []
    real = zipread.Archive.read_here

    def counted(self: zipread.Archive, name: str) -> tuple[bytes, bool]:
        names.append(name)
        return real(self, name)

    monkeypatch.setattr(zipread.Archive, "read_here", counted)
    return names


def test_a_part_known_by_its_stored_bytes_is_not_even_inflated(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Word's 350 KB styles part is 12 KB as stored: hashing that instead of the inflated part, and not
    # inflating it, is ~7 M instructions of a seed .docx
    reads, checks = _reads(monkeypatch), _counting(monkeypatch)
    docx = docx_from_text(_BODY)
    first = _blocks(docx)
    assert "word/styles.xml" in reads and len(checks) == 1
    assert any(name.endswith("-docx-zip.marshal") for name in os.listdir(cache / "passed"))
    reads.clear()
    monkeypatch.setattr(passed, "_known", {})  # another run: read from the folder
    assert _blocks(docx) == first
    assert "word/styles.xml" not in reads and len(checks) == 1
    # the same part stored otherwise (another compression level): known by its inflated bytes,
    # not checked again, and its stored bytes remembered from now on
    again = _with_styles(docx, _styles_of(docx) + b" ")
    monkeypatch.setattr(passed, "_known", {})
    assert _blocks(again) == first and len(checks) == 2  # (a new part: one byte more)
    restored = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as zin, zipfile.ZipFile(restored, "w", zipfile.ZIP_DEFLATED,
                                                                  compresslevel=1) as zout:
        for item in zin.infolist():
            zout.writestr(item.filename, zin.read(item.filename))
    reads.clear()
    assert _blocks(restored.getvalue()) == first and len(checks) == 2
    assert "word/styles.xml" in reads
    reads.clear()
    monkeypatch.setattr(passed, "_known", {})
    assert _blocks(restored.getvalue()) == first and "word/styles.xml" not in reads


def test_a_part_zipfile_read_is_not_known_by_its_stored_bytes(cache: Path) -> None:
    # a member this reader leaves to zipfile has no stored key; one it read has
    docx = docx_from_text(_BODY)
    z = zipread.Archive(docx)
    assert z.stored("word/styles.xml") is not None
    with zipfile.ZipFile(io.BytesIO(docx)) as zin:
        commented = io.BytesIO()
        with zipfile.ZipFile(commented, "w", zipfile.ZIP_DEFLATED) as zout:
            for item in zin.infolist():
                zout.writestr(item, zin.read(item.filename))
            zout.comment = b"x"  # (an archive comment: zipfile reads this one)
    z = zipread.Archive(commented.getvalue())
    assert z.stored("word/styles.xml") is None
    assert z.read_here("word/styles.xml")[1] is False


def _member_span(docx: bytes, name: str) -> tuple[int, int]:
    """Where the member's local header, name and compressed bytes lie in the archive."""
    m = zipread.open_plain(docx).getinfo(name)  # type: ignore[union-attr]
    h = m.header_offset
    return h, h + 30 + int.from_bytes(docx[h + 26:h + 28], "little") + \
        int.from_bytes(docx[h + 28:h + 30], "little") + m.compress_size


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(1, 255)), min_size=1, max_size=3))
def test_a_damaged_stored_part_is_refused_though_its_template_passed(changes: list) -> None:
    """The template's styles part passed and is remembered by its stored bytes; the same part with
    bytes changed as stored (its header, its compressed data) gives what it gives without any cache:
    the same blocks, or the same refusal."""
    good = docx_from_text(_BODY)
    a, b = _member_span(good, "word/styles.xml")
    bad = bytearray(good)
    for where, delta in changes:
        at = a + int(where * (b - a))
        bad[at] = (bad[at] + delta) % 256
    docx = bytes(bad)

    def outcome() -> object:
        try:
            return _blocks(docx)
        except Exception:  # noqa: BLE001 - any refusal: the caller reports a damaged file for all
            return "refused"

    saved = dict(os.environ)
    try:
        os.environ["AUDIT_NO_CACHE"] = "1"
        plain = outcome()
        del os.environ["AUDIT_NO_CACHE"]
        import tempfile

        with tempfile.TemporaryDirectory() as d:
            os.environ["AUDIT_CACHE_DIR"] = d
            passed._known.clear()
            assert _blocks(good)  # (the template's part remembered, inflated and stored)
            assert any(passed._known.values())
            assert outcome() == plain
            assert outcome() == plain
            passed._known.clear()  # (and as the next run reads the folder)
            assert outcome() == plain
    finally:
        os.environ.clear()
        os.environ.update(saved)
        passed._known.clear()
