"""Uploads of `audit serve`: files written into the server's temporary folder, under limits,
and .zip archives checked before anything in them is unpacked.

Nothing from an upload is ever executed or served back: a file is stored under a name made
here (a counter and a cleaned copy of its name, inside the batch's folder), read by the
auditor as data, and shown only through the findings and the escaped text of the document.

Limits (each with a message in Vietnamese and English): a file (or an archive member, once
unpacked) at most `max_file` bytes; at most `max_files` files per upload (archive members
counted); an upload at most `max_total` bytes; an archive's members are checked from its
central directory before unpacking — their number, their total size, their compression ratio
(a “zip bomb” claims little and inflates to much), their paths (absolute, `..`, drive letters,
links) and encryption — and counted again while inflating, in case the directory lies.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_file: int = 50 * MB         # one file, or one archive member unpacked
    max_files: int = 500            # files per upload, archive members included
    max_total: int = 1024 * MB      # bytes per upload (what was sent, and what archives unpack to)
    max_ratio: int = 100            # unpacked / packed size of an archive member
    max_field: int = 64 * 1024      # a form field that is not a file


class UploadError(Exception):
    """An upload refused as a whole (too big, too many files, a bad archive): HTTP 413 or 400."""

    def __init__(self, vi: str, en: str, status: int = 400) -> None:
        super().__init__(vi, en)
        self.vi, self.en, self.status = vi, en, status


@dataclass
class Stored:
    path: Path          # where it is, inside the batch's folder
    name: str           # the name as sent (folder/file.docx), shown to the user


@dataclass
class Skipped:
    name: str
    vi: str
    en: str


@dataclass
class Received:
    files: list[Stored] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def _mb(n: int) -> str:
    return f"{n / MB:g} MB"


_UNSAFE = re.compile(r"[^\w.\-]+")


def safe_name(name: str, counter: int) -> str:
    """A file name made here: the counter, then the last part of the sent name reduced to
    letters, digits, `.`, `-` and `_` (never a path, never a hidden file)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode()
    base = _UNSAFE.sub("_", base).strip("._") or "file"
    return f"{counter:04d}_{base[-80:]}"


def shown_name(raw: str) -> str:
    """The name as the user sent it (a folder upload sends `folder/file.docx`), cleaned of
    control characters and of any leading `/`, `./` or `../` (it is only shown)."""
    s = "".join(ch for ch in raw.replace("\\", "/") if unicodedata.category(ch)[0] != "C")
    parts = [p for p in s.split("/") if p not in ("", ".", "..")]
    return "/".join(parts)[-240:] or "file"


class Receiver:
    """Writes the files of one upload as they arrive (`start`, `write`, `end` per file),
    enforcing the limits; then `unpack()` opens the archives among them."""

    def __init__(self, folder: Path, limits: Limits, supported: tuple[str, ...],
                 images: tuple[str, ...] = ()) -> None:
        self.folder, self.limits, self.supported, self.images = folder, limits, supported, images
        folder.mkdir(parents=True, exist_ok=True)
        self.result = Received()
        self.archives: list[Stored] = []
        self._fh: BinaryIO | None = None
        self._current: Stored | None = None
        self._size = 0
        self.total = 0
        self.count = 0

    # -- one file of the form
    def start(self, raw_name: str) -> None:
        self.count += 1
        if self.count > self.limits.max_files:
            raise UploadError(f"Quá nhiều tệp: tối đa {self.limits.max_files} tệp mỗi lần tải lên.",
                              f"Too many files: at most {self.limits.max_files} per upload.", 413)
        name = shown_name(raw_name)
        stored = Stored(self.folder / safe_name(name, self.count), name)
        self._current, self._size = stored, 0
        self._fh = open(stored.path, "xb")  # noqa: SIM115 - closed in end()

    def write(self, data: bytes) -> None:
        assert self._fh is not None and self._current is not None
        self._size += len(data)
        self.total += len(data)
        if self._size > self.limits.max_file:
            raise UploadError(f"Tệp “{self._current.name}” quá lớn: tối đa {_mb(self.limits.max_file)} mỗi tệp.",
                              f"The file “{self._current.name}” is too big: at most {_mb(self.limits.max_file)} "
                              "per file.", 413)
        if self.total > self.limits.max_total:
            raise UploadError(f"Lần tải lên quá lớn: tối đa {_mb(self.limits.max_total)}.",
                              f"The upload is too big: at most {_mb(self.limits.max_total)}.", 413)
        self._fh.write(data)

    def end(self) -> None:
        if self._fh is None or self._current is None:
            return
        self._fh.close()
        stored, self._fh, self._current = self._current, None, None
        self._sort(stored)

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def _sort(self, stored: Stored) -> None:
        lower = stored.name.lower()
        if lower.endswith(".zip"):
            self.archives.append(stored)
        elif _hidden(stored.name):
            self.result.skipped.append(Skipped(stored.name, "tệp ẩn hoặc tệp hệ thống", "a hidden or system file"))
        elif lower.endswith(self.supported):
            self.result.files.append(stored)
        elif lower.endswith(self.images) and "/" not in stored.name:
            self.result.files.append(stored)  # a picture of a page, sent on its own: read by OCR
        elif lower.endswith(self.images):
            self.result.skipped.append(Skipped(
                stored.name, "ảnh trong thư mục hoặc tệp nén (tải riêng ảnh của một trang báo cáo để đọc bằng OCR)",
                "a picture inside a folder or an archive (upload a picture of a report page on its own to read it "
                "by OCR)"))
        else:
            ext = PurePosixPath(lower).suffix or "(không có đuôi)"
            self.result.skipped.append(Skipped(
                stored.name, f"định dạng {ext} không được hỗ trợ (đọc .json, .docx, .txt, .md)",
                f"the type {ext if ext.startswith('.') else '(none)'} is not supported (reads .json, .docx, .txt, .md)"))

    # -- archives
    def unpack(self) -> Received:
        for a in self.archives:
            self._unpack(a)
        return self.result

    def _unpack(self, archive: Stored) -> None:
        try:
            z = zipfile.ZipFile(archive.path)
        except (zipfile.BadZipFile, OSError, ValueError):
            raise UploadError(f"Tệp nén “{archive.name}” bị hỏng hoặc không phải .zip.",
                              f"The archive “{archive.name}” is damaged or not a .zip.") from None
        with z:
            members = [i for i in z.infolist() if not i.is_dir()]
            check_archive(archive.name, members, self.limits, self.count, self.total)
            for info in members:
                name = f"{archive.name}/{shown_name(info.filename)}"
                inner = info.filename.lower()
                if inner.endswith(".zip"):
                    self.result.skipped.append(Skipped(name, "tệp nén nằm trong tệp nén (không mở)",
                                                       "an archive inside the archive (not opened)"))
                    continue
                if _hidden(info.filename):
                    self.result.skipped.append(Skipped(name, "tệp ẩn hoặc tệp hệ thống", "a hidden or system file"))
                    continue
                self.start(name)
                try:
                    for chunk in _inflate(z, info, self.limits):
                        self.write(chunk)
                except BaseException:
                    self.close()
                    raise
                self.end()


def _hidden(name: str) -> bool:
    parts = name.replace("\\", "/").split("/")
    return any(p.startswith(".") or p == "__MACOSX" for p in parts if p) or parts[-1].lower() in (
        "thumbs.db", "desktop.ini")


def check_archive(name: str, members: list[zipfile.ZipInfo], limits: Limits, count: int = 0, total: int = 0) -> None:
    """Refuse an archive before unpacking anything: too many members, too big once unpacked,
    a member compressed too well, a path outside the archive, a link, an encrypted member."""
    if count - 1 + len(members) > limits.max_files:
        raise UploadError(f"Tệp nén “{name}” có {len(members)} tệp: tối đa {limits.max_files} tệp mỗi lần tải lên.",
                          f"The archive “{name}” holds {len(members)} files: at most {limits.max_files} per "
                          "upload.", 413)
    unpacked = sum(i.file_size for i in members)
    if total + unpacked > limits.max_total:
        raise UploadError(f"Tệp nén “{name}” giải nén ra {_mb(unpacked)}: tối đa {_mb(limits.max_total)}.",
                          f"The archive “{name}” unpacks to {_mb(unpacked)}: at most {_mb(limits.max_total)}.", 413)
    for i in members:
        bad_path = (i.filename.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", i.filename)
                    or ".." in re.split(r"[\\/]", i.filename) or "\x00" in i.filename)
        if bad_path:
            raise UploadError(f"Tệp nén “{name}” chứa đường dẫn không hợp lệ: “{shown_name(i.filename)}” "
                              "(ra ngoài thư mục giải nén). Không mở tệp nén này.",
                              f"The archive “{name}” holds an invalid path: “{shown_name(i.filename)}” (outside "
                              "the folder it unpacks to). It is not opened.")
        if stat.S_ISLNK(i.external_attr >> 16):
            raise UploadError(f"Tệp nén “{name}” chứa liên kết (symlink) “{shown_name(i.filename)}”: không mở.",
                              f"The archive “{name}” holds a link (symlink) “{shown_name(i.filename)}”: not opened.")
        if i.flag_bits & 0x1:
            raise UploadError(f"Tệp nén “{name}” có mật khẩu: hãy giải nén rồi tải lên các tệp.",
                              f"The archive “{name}” is encrypted: unpack it and upload the files.")
        if i.file_size > limits.max_file:
            raise UploadError(f"Tệp “{shown_name(i.filename)}” trong “{name}” quá lớn khi giải nén "
                              f"({_mb(i.file_size)}): tối đa {_mb(limits.max_file)} mỗi tệp.",
                              f"The file “{shown_name(i.filename)}” in “{name}” is too big unpacked "
                              f"({_mb(i.file_size)}): at most {_mb(limits.max_file)} per file.", 413)
        if i.file_size > 1024 * 1024 and i.file_size > limits.max_ratio * max(i.compress_size, 1):
            raise UploadError(f"Tệp nén “{name}” đáng ngờ: “{shown_name(i.filename)}” nén {i.file_size // max(i.compress_size, 1)} "
                              f"lần (tối đa {limits.max_ratio}). Không mở tệp nén này.",
                              f"The archive “{name}” looks hostile: “{shown_name(i.filename)}” is compressed "
                              f"{i.file_size // max(i.compress_size, 1)} times (at most {limits.max_ratio}). "
                              "It is not opened.", 413)


def _inflate(z: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits) -> Iterator[bytes]:
    """A member's bytes, refusing more than its header said (or than a file may hold)."""
    cap = min(info.file_size, limits.max_file)
    got = 0
    with z.open(info) as fh:
        while True:
            chunk = fh.read(256 * 1024)
            if not chunk:
                return
            got += len(chunk)
            if got > cap:
                raise UploadError(f"Tệp “{shown_name(info.filename)}” giải nén ra nhiều hơn tệp nén khai báo: "
                                  "không mở tệp nén này.",
                                  f"“{shown_name(info.filename)}” unpacks to more than the archive declares: "
                                  "it is not opened.", 413)
            yield chunk


def remove_tree(folder: Path) -> None:
    """Delete the server's temporary folder (uploads, archives, workbooks)."""
    import shutil

    if folder.exists():
        shutil.rmtree(folder, ignore_errors=True)
    if folder.exists():  # a file still open on some systems: one more try, file by file
        for root, dirs, files in os.walk(folder, topdown=False):
            for f in files:
                try:
                    os.unlink(os.path.join(root, f))
                except OSError:
                    pass
            for d in dirs:
                try:
                    os.rmdir(os.path.join(root, d))
                except OSError:
                    pass
        try:
            os.rmdir(folder)
        except OSError:
            pass
