"""The ZIP reader without `zipfile` (auditor/read/zipread.py) against `zipfile` itself: whatever it
reads, `zipfile` reads the same (names, sizes, CRC, bytes); whatever it is not sure of, it leaves
to `zipfile` (None), and `Archive` then gives `zipfile`'s answer or refusal."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from auditor.read import sniff
from auditor.read.zipread import Archive, open_plain

ROOT = Path(__file__).resolve().parent.parent
_FIELDS = ("filename", "file_size", "compress_size", "CRC", "header_offset", "flag_bits", "compress_type")


def _zip(members: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED, comment: bytes = b"",
         force_zip64: bool = False) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        for name, data in members.items():
            with z.open(name, "w", force_zip64=force_zip64) as f:
                f.write(data)
        z.comment = comment
    return buf.getvalue()


_SMALL = _zip({"[Content_Types].xml": b"<Types/>" * 40, "word/document.xml": "<w:document>đạt 96%</w:document>".encode()
               * 30, "empty": b"", "word/styles.xml": b"<styles/>"})


def _outcome(read) -> tuple[str, bytes | str]:  # noqa: ANN001 - a callable
    try:
        return "ok", read()
    except Exception as e:  # noqa: BLE001 - the refusal's kind is what is compared
        return "refused", type(e).__name__


def _same_as_zipfile(data: bytes) -> None:
    """Whatever the plain reader answers, zipfile answers the same; `Archive` gives zipfile's
    outcome for every member (bytes or a refusal)."""
    plain = open_plain(data)
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except Exception:  # noqa: BLE001
        assert plain is None  # zipfile refuses the archive: never read here
        with pytest.raises(Exception):  # noqa: B017 - any refusal: the caller reports a damaged file
            Archive(data)
        return
    if plain is not None:
        assert [[getattr(i, f) for f in _FIELDS] for i in plain.infolist()] == \
            [[getattr(i, f) for f in _FIELDS] for i in z.infolist()]
    archive = Archive(data)
    for name in {i.filename for i in z.infolist()} | {"missing"}:
        want = _outcome(lambda: z.read(name))
        if plain is not None and name != "missing":
            got_plain = plain.read(name)
            if got_plain is not None:
                assert want == ("ok", got_plain)
        assert _outcome(lambda: archive.read(name)) == want


def _docx_files() -> list[Path]:
    return sorted((ROOT / "fixtures").glob("*.docx"))


@pytest.mark.parametrize("path", _docx_files(), ids=lambda p: p.name)
def test_word_files_are_read_here_as_zipfile_reads_them(path: Path) -> None:
    data = path.read_bytes()
    assert open_plain(data) is not None
    _same_as_zipfile(data)


def test_python_docx_files_are_read_here() -> None:
    from auditor.extract.quality import docx_from_text

    for text in sorted((ROOT / "fixtures" / "seeds").glob("*.txt"))[:3]:
        data = docx_from_text(text.read_text("utf-8"))
        assert open_plain(data) is not None
        _same_as_zipfile(data)


def test_stored_and_deflated_members() -> None:
    for compression in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        data = _zip({"a.xml": b"x" * 5000, "b/c.xml": b"", "d": bytes(range(256)) * 3}, compression=compression)
        assert open_plain(data) is not None
        _same_as_zipfile(data)


def test_what_is_left_to_zipfile() -> None:
    members = {"a.xml": b"<a/>" * 100, "b.xml": b"<b/>"}
    # an archive comment, data before the archive, an extra field in the directory, a bz2 member
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        info = zipfile.ZipInfo("a.xml")
        info.extra = b"UT\x05\x00\x01\x00\x00\x00\x00"  # (an extended timestamp)
        z.writestr(info, b"<a/>" * 100)
    for data in (_zip(members, comment=b"hello"), b"junk" * 10 + _zip(members), buf.getvalue()):
        assert open_plain(data) is None
        _same_as_zipfile(data)
    # ZIP64 sizes in the local headers only (the directory has none): read here, skipped as zipfile skips them
    data = _zip(members, force_zip64=True)
    assert open_plain(data) is not None
    _same_as_zipfile(data)
    bz = _zip(members, compression=zipfile.ZIP_BZIP2)
    plain = open_plain(bz)
    assert plain is not None and plain.read("a.xml") is None
    _same_as_zipfile(bz)
    # a name in cp437 beyond ASCII (no UTF-8 flag), a name with a NUL
    raw = _zip({"xyz.xml": b"<x/>" * 50})
    for new in (b"x\x82z.xml", b"x\x00z.xml"):
        data = raw.replace(b"xyz.xml", new)
        assert open_plain(data) is None
        _same_as_zipfile(data)


def test_utf8_names() -> None:
    data = _zip({"thư mục/báo cáo.xml": "đạt".encode() * 100})
    assert open_plain(data) is not None
    _same_as_zipfile(data)


def test_damaged_members_are_refused_as_zipfile_refuses_them() -> None:
    # a wrong CRC, a deflate stream cut, a local header whose name differs
    data = bytearray(_SMALL)
    info = zipfile.ZipFile(io.BytesIO(_SMALL)).getinfo("word/document.xml")
    at = info.header_offset + 30 + len(info.filename)
    for change in ((at + 3, 0x55), (at, 0xFF), (info.header_offset + 31, ord("W"))):
        bad = bytearray(data)
        bad[change[0]] ^= change[1]
        _same_as_zipfile(bytes(bad))


def test_sniff_lists_the_members_as_before() -> None:
    for path in _docx_files():
        data = path.read_bytes()
        assert sniff.sniff_binary(data) is None
    assert sniff.sniff_binary(_SMALL[:-30]) == sniff.CORRUPT


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(_SMALL) - 1), st.integers(1, 255)), min_size=1, max_size=3),
       st.integers(0, 40))
def test_any_damage_is_read_as_zipfile_reads_it(changes: list[tuple[int, int]], cut: int) -> None:
    bad = bytearray(_SMALL)
    for at, xor in changes:
        bad[at] ^= xor
    data = bytes(bad[:len(bad) - cut] if cut else bad)
    _same_as_zipfile(data)


@settings(max_examples=400, deadline=None)
@given(at=st.integers(0, len(_SMALL) - 1), byte=st.integers(0, 255))
def test_a_member_stored_alike_reads_alike(at: int, byte: int) -> None:
    """`stored(name)` holds all that reading the member here decides on: a byte changed anywhere in
    the archive either changes it or leaves the member's reading as it was (a styles part known by
    its stored bytes is not inflated again: extract/docx._checked_once)."""
    changed = _SMALL[:at] + bytes([byte]) + _SMALL[at + 1:]
    old, new = open_plain(_SMALL), open_plain(changed)
    assert old is not None
    assume(new is not None)
    for name in ("word/styles.xml", "word/document.xml", "[Content_Types].xml", "empty"):
        try:
            stored = new.stored(name)
        except KeyError:
            continue  # (the name itself changed)
        if stored is not None and stored == old.stored(name):
            assert new.read(name) == old.read(name)
        if stored is None:
            assert new.read(name) is None  # (what is not known by its stored bytes is zipfile's to read)
