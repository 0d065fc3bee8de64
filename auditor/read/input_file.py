"""The bytes of an input file, read safely: only a regular file (a named pipe would block the
run forever, a device would never end), and never more than the size limit
(`limits.file_size_mb`). Standard input (`-`) is read up to the same limit.

The JSON reader and the document reader both read through `read_input`; a refusal is an
`InputRefused` carrying the input rule and the message for the finding.
"""

from __future__ import annotations

import os
import stat
import sys

from auditor.numeric import limits

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from pathlib import Path


class InputRefused(Exception):
    """A file that is not read: `rule_id` (INP001 not a regular file / cannot be read, INP009
    beyond a limit) and the messages."""

    def __init__(self, rule_id: str, vi: str, en: str) -> None:
        super().__init__(en)
        self.rule_id, self.vi, self.en = rule_id, vi, en


_KINDS = {
    stat.S_IFDIR: ("một thư mục", "a folder"),
    stat.S_IFIFO: ("một ống dẫn có tên (FIFO)", "a named pipe (FIFO)"),
    stat.S_IFCHR: ("một thiết bị", "a device"),
    stat.S_IFBLK: ("một thiết bị khối", "a block device"),
    stat.S_IFSOCK: ("một socket", "a socket"),
}


def kind_of(mode: int) -> tuple[str, str]:
    """What a file that is not a regular file is, in both languages."""
    return _KINDS.get(stat.S_IFMT(mode), ("không phải tệp thường", "not a regular file"))


def not_regular(mode: int) -> InputRefused:
    vi, en = kind_of(mode)
    return InputRefused("INP001", f"Không đọc: đây là {vi}, không phải một tệp thường.",
                        f"Not read: this is {en}, not a regular file.")


def _size(n: float, vi: bool) -> str:
    """A size for a message: “48,0 MB” (vi) / “48.0 MB” (en), “105 bytes”."""
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if n >= scale:
            text = f"{n / scale:.1f} {unit}"
            return text.replace(".", ",") if vi else text
    return f"{int(n)} byte" if vi else f"{int(n)} bytes"


def too_large(size: int | None) -> InputRefused:
    lim = limits.current()
    key = limits.key_of("file_size_mb")
    at_most = lim.file_size
    seen_vi = _size(size, True) if size is not None else f"hơn {_size(at_most, True)}"
    seen_en = _size(size, False) if size is not None else f"over {_size(at_most, False)}"
    return InputRefused(
        "INP009",
        f"Tệp quá lớn ({seen_vi}; tối đa {_size(at_most, True)}, khóa cấu hình {key}). Không đọc tệp; nếu đây "
        "thật là một báo cáo, hãy tách thành nhiều tệp hoặc nâng giới hạn trong cấu hình.",
        f"The file is too large ({seen_en}; at most {_size(at_most, False)}, configuration key {key}). It is not "
        "read; if it really is one report, split it or raise the limit in the configuration.")


def read_input(path: str | Path) -> bytes:
    """The content of a regular file (or of standard input for `-`), at most the size limit.
    Raises `InputRefused`, or OSError when the file cannot be opened."""
    limit = limits.current().file_size
    if str(path) == "-":
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            raise too_large(None)
        return data
    # O_NONBLOCK: opening a named pipe must not wait for a writer (it is refused just after)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise not_regular(st.st_mode)
        if st.st_size > limit:
            raise too_large(st.st_size)
        with os.fdopen(fd, "rb") as fh:
            fd = -1  # closed by the file object
            data = fh.read(limit + 1)  # the file may have grown since
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > limit:
        raise too_large(len(data))
    return data
