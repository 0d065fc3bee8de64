"""The members of a plain ZIP (a .docx as Word, LibreOffice or python-docx write it), read without
importing `zipfile` (issue 16).

`import zipfile` brings `shutil`, `bz2`, `lzma`, `struct`, `binascii` and the cp437 codec: ~13 M
instructions of a .docx audit's ~950 M, more than reading the ZIP itself. This reads the archive
the way `zipfile` does (its end record, its central directory, each member's local header, the
deflate stream and its CRC), but only when every feature of it is one this module is sure of: no
archive comment, no ZIP64 record, no data before the archive, no extra field, names in ASCII (or
flagged UTF-8) without a NUL, no encryption, stored or deflated members, a local header that
repeats the central directory's name. Anything else — and anything damaged — is `None`, and the
caller opens the archive with `zipfile`, which then accepts, reads or refuses it exactly as it
always did. tests/test_zipread.py compares both on well-formed, crafted and damaged archives.
"""

from __future__ import annotations

import zlib
from typing import Any

_EOCD = b"PK\x05\x06"
_EOCD64_LOCATOR = b"PK\x06\x07"
_CENTRAL = b"PK\x01\x02"
_LOCAL = b"PK\x03\x04"
_MAX_EXTRACT_VERSION = 63   # zipfile.MAX_EXTRACT_VERSION: a member needing more is refused there
_UTF8_NAME = 0x800
_REFUSED_FLAGS = 0x1 | 0x20 | 0x40   # encrypted, compressed patched data, strong encryption
_MAX_N = 1 << 31 - 1   # zipfile.ZipExtFile.MAX_N (1 << 30): the output asked of zlib in one call


def _u16(b: bytes, at: int) -> int:
    return b[at] | b[at + 1] << 8


def _u32(b: bytes, at: int) -> int:
    return int.from_bytes(b[at:at + 4], "little")


class Member:
    """What `zipfile.ZipInfo` says of a member that `read` and `sniff.zip_bomb` use."""

    __slots__ = ("filename", "file_size", "compress_size", "compress_type", "flag_bits", "CRC",
                 "header_offset", "_raw_name")

    def __init__(self, filename: str, raw_name: bytes, flag_bits: int, compress_type: int, crc: int,
                 compress_size: int, file_size: int, header_offset: int) -> None:
        self.filename = filename
        self._raw_name = raw_name
        self.flag_bits = flag_bits
        self.compress_type = compress_type
        self.CRC = crc
        self.compress_size = compress_size
        self.file_size = file_size
        self.header_offset = header_offset


class PlainZip:
    """A ZIP whose directory was read here: `infolist`, `getinfo` and `read` as `zipfile.ZipFile`'s,
    `read` returning None where `zipfile` would have to decide."""

    def __init__(self, data: bytes, members: list[Member]) -> None:
        self._data = data
        self._members = members
        self._by_name = {m.filename: m for m in members}  # (the last of a repeated name, as zipfile)

    def infolist(self) -> list[Member]:
        return list(self._members)

    def getinfo(self, name: str) -> Member:
        return self._by_name[name]  # KeyError for a missing member, as zipfile

    def read(self, name: str) -> bytes | None:
        return _read(self._data, self._by_name[name])

    def stored(self, name: str) -> bytes | None:
        """The member as stored, with everything `read` decides on (see `_stored`); None where
        `read` must leave it to `zipfile`."""
        return _stored(self._data, self._by_name[name])


class Archive:
    """`getinfo` and `read` of `zipfile.ZipFile(io.BytesIO(data))`, the same answers and the same
    refusals (exceptions), `zipfile` imported only for an archive or a member read here cannot
    read (see the module's text)."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._plain = open_plain(data)
        self._zip: Any = None
        if self._plain is None:
            self._full()  # (opens it, or raises as zipfile does)

    def _full(self) -> Any:
        if self._zip is None:
            import io
            import zipfile

            self._zip = zipfile.ZipFile(io.BytesIO(self._data))
        return self._zip

    def getinfo(self, name: str) -> Any:
        return self._plain.getinfo(name) if self._plain is not None else self._full().getinfo(name)

    def read(self, name: str) -> bytes:
        return self.read_here(name)[0]

    def read_here(self, name: str) -> tuple[bytes, bool]:
        """`read(name)`, and whether it was read here (not by `zipfile`): then the bytes are a
        function of `stored(name)` alone."""
        if self._plain is not None:
            got = self._plain.read(name)  # (KeyError for a missing member, as zipfile)
            if got is not None:
                return got, True
        return self._full().read(name), False  # (zipfile reads it, or refuses it with its own error)

    def stored(self, name: str) -> bytes | None:
        """The member `name` as the archive stores it (`PlainZip.stored`), or None."""
        return self._plain.stored(name) if self._plain is not None else None


def open_plain(data: bytes) -> PlainZip | None:
    """The archive's directory, or None when `zipfile` must read it (see the module's text)."""
    n = len(data)
    if n < 22 + 20 + 56:
        return None  # (zipfile's look for a ZIP64 record before the end record: left to it)
    end = n - 22
    if data[end:end + 4] != _EOCD or data[n - 2:] != b"\x00\x00":
        return None  # a comment after the end record, or no end record there
    if data[end - 20:end - 16] == _EOCD64_LOCATOR:
        return None
    size_cd, offset_cd = _u32(data, end + 12), _u32(data, end + 16)
    if offset_cd + size_cd != end:
        return None  # data before the archive (zipfile's “concat”), or a directory that does not fit
    members: list[Member] = []
    at = offset_cd
    while at < end:
        if at + 46 > end or data[at:at + 4] != _CENTRAL:
            return None
        flags, method = _u16(data, at + 8), _u16(data, at + 10)
        name_len, extra_len, comment_len = _u16(data, at + 28), _u16(data, at + 30), _u16(data, at + 32)
        if data[at + 6] > _MAX_EXTRACT_VERSION or extra_len:
            return None  # (the extract version is the byte zipfile compares; the extra field may be ZIP64)
        raw = data[at + 46:at + 46 + name_len]
        nxt = at + 46 + name_len + comment_len
        if nxt > end or b"\x00" in raw:
            return None
        if flags & _UTF8_NAME:
            try:
                name = raw.decode("utf-8")
            except UnicodeDecodeError:
                return None
        elif raw.isascii():
            name = raw.decode("ascii")  # (cp437, zipfile's reading, is ASCII on these bytes)
        else:
            return None
        members.append(Member(name, raw, flags, method, _u32(data, at + 16), _u32(data, at + 20),
                              _u32(data, at + 24), _u32(data, at + 42)))
        at = nxt
    return PlainZip(data, members)


def _stored(data: bytes, m: Member) -> bytes | None:
    """Every byte and field `_read(data, m)` reads — the central directory's fields of `m`, its
    local header, name, extra field and compressed bytes — in one string, or None where `_read`
    leaves the member to `zipfile` before inflating it. `_read` is a function of these bytes: two
    members with the same `_stored` read the same (the same bytes, or both None). A styles part
    known by them is not inflated and hashed again (`extract/docx._checked_once`)."""
    if m.flag_bits & _REFUSED_FLAGS or m.compress_type not in (0, 8):
        return None
    h = m.header_offset
    if m.compress_size > _MAX_N or h + 30 > len(data) or data[h:h + 4] != _LOCAL:
        return None
    end = h + 30 + _u16(data, h + 26) + _u16(data, h + 28) + m.compress_size
    if end > len(data):
        return None  # (a truncated member: `_read` refuses it)
    fields = b"%d|%d|%d|%d|%d|%d|" % (m.flag_bits, m.compress_type, m.CRC, m.compress_size, m.file_size,
                                      len(m._raw_name))
    return fields + m._raw_name + data[h:end]


def _read(data: bytes, m: Member) -> bytes | None:
    """The member's bytes as `zipfile.ZipFile.read` gives them, or None when it must decide."""
    if m.flag_bits & _REFUSED_FLAGS or m.compress_type not in (0, 8):
        return None
    h = m.header_offset
    if m.compress_size > _MAX_N or h + 30 > len(data) or data[h:h + 4] != _LOCAL:
        return None
    name_len, extra_len = _u16(data, h + 26), _u16(data, h + 28)
    if data[h + 30:h + 30 + name_len] != m._raw_name or \
            (_u16(data, h + 6) ^ m.flag_bits) & _UTF8_NAME:
        return None  # (zipfile compares the names as decoded with the local header's flag)
    start = h + 30 + name_len + extra_len
    packed = data[start:start + m.compress_size]
    if len(packed) != m.compress_size:
        return None  # a truncated member
    if m.compress_type == 0:
        out = packed[:m.file_size]
    else:
        # what ZipExtFile.read does: one decompress call of at most MAX_N bytes, then a flush
        # once the stream has ended or all its input is taken
        d = zlib.decompressobj(-15)
        try:
            out = d.decompress(packed, _MAX_N)
            if d.eof or not d.unconsumed_tail:
                out += d.flush()
            elif len(out) < m.file_size:
                return None  # (more calls: left to zipfile)
        except zlib.error:
            return None
        out = out[:m.file_size]
    if zlib.crc32(out) != m.CRC:
        return None  # zipfile refuses it (“Bad CRC-32”)
    return out
