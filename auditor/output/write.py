"""Writing output files whole or not at all.

Every output (`-o`, `--sarif-output`, `--summary`, a baseline …) is written to a temporary file
beside its target and renamed over it once complete (`os.replace` is atomic): a run that fails
or is interrupted halfway — a full disk, Ctrl+C, a crash — never leaves a truncated file, and a
previous output stays as it was. Text is written as UTF-8 with `backslashreplace`, so that a
lone surrogate in a report's text (INP007) or in a file name is written as `\\ud800` instead of
failing the whole output.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager

from auditor.errors import UsageError

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from pathlib import Path

ENCODING_ERRORS = "backslashreplace"
_IN_PLACE = ("/dev/stdout", "/dev/stderr", "/dev/null")


@contextmanager
def atomic_path(target: str | Path) -> Iterator[str]:
    """A temporary path in the target's folder to write to; renamed to `target` when the block
    ends without an exception, removed otherwise. Raises `UsageError` (both languages) for a
    file that cannot be written (full disk, no permission, no such folder)."""
    if type(target) is str and target in _IN_PLACE:  # (the same branch as below, without pathlib)
        try:
            yield target
        except OSError as e:
            raise write_error(target, e) from None
        return
    from pathlib import Path

    target = Path(target)
    if str(target) in _IN_PLACE or (target.exists() and not target.is_file()):
        # not a file to replace (a device, a pipe): written in place
        try:
            yield str(target)
        except OSError as e:
            raise write_error(target, e) from None
        return
    folder = target.parent if str(target.parent) else Path(".")
    import tempfile  # (imports shutil and more: only when a file is written, not at every start)

    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=f".tmp{target.suffix}")
        os.close(fd)
    except OSError as e:
        raise write_error(target, e) from None
    try:
        yield tmp
        _keep_mode(target, tmp)
        os.replace(tmp, target)
    except OSError as e:
        _remove(tmp)
        raise write_error(target, e) from None
    except BaseException:
        _remove(tmp)
        raise


def write_text(target: str | Path, text: str) -> None:
    """Write `text` to `target` whole, as UTF-8 (see `atomic_path`)."""
    write_bytes(target, text.encode("utf-8", ENCODING_ERRORS))


def write_bytes(target: str | Path, data: bytes) -> None:
    """Write `data` to `target` whole (see `atomic_path`)."""
    with atomic_path(target) as tmp:
        _save(tmp, data)


def _save(path: str, data: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(data)


def printable(text: str) -> str:
    """`text` as it can be printed: a lone surrogate (INP007, or a file name the system could not
    decode) written as \\ud800 rather than failing the whole output. (A single pass in C for
    the usual text.)"""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", ENCODING_ERRORS).decode("utf-8")
    return text


def _keep_mode(target: Path, tmp: str) -> None:
    """The permissions a new file would get (mkstemp makes it private), or the old file's."""
    try:
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
        os.chmod(tmp, mode)
    except OSError:
        pass


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def write_error(target: str | Path, e: OSError) -> UsageError:
    """The message for an output that could not be written; a full disk says so plainly."""
    if e.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return UsageError(f"Không ghi được tệp kết quả {target}: ổ đĩa đã đầy. Không có tệp nào bị ghi dở; hãy "
                          "giải phóng chỗ trống rồi chạy lại.",
                          f"Cannot write the output file {target}: the disk is full. No file was left "
                          "half-written; free some space and run again.")
    why = e.strerror or str(e)
    return UsageError(f"Không ghi được tệp kết quả {target}: {why}.", f"Cannot write the output file {target}: {why}.")
