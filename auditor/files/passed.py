"""Parts of a file that passed a check, remembered by their content's hash (issue 16, the
document path).

A .docx made from a template carries the template's styles part: Word's own is 350 KB, and
checking that it is well-formed XML (`extract/docx._checked`, expat over the whole part) costs
~45 M instructions, half of reading such a file. The same bytes give the same answer, so a part
that passed is remembered here, by its BLAKE2b hash (~2 M instructions for 350 KB), and the next
file made from the same template skips the check. A .docx part is also remembered by its bytes as
the archive stores them (`read/zipread.PlainZip.stored`: 12 KB compressed for Word's 350 KB part),
and a part known so is not even inflated (`extract/docx._checked_once`). Only parts that *passed*
are kept: a damaged part is checked (and refused) every time, so an answer never changes, only
its cost.

Kept in one small file per kind of check in the cache folder (`files/cache.py`: `AUDIT_CACHE_DIR`
…, `AUDIT_NO_CACHE=1` turns it off), whose name holds what the answer depends on besides the
bytes (the checker's version: the tool's version, the interpreter and its expat). At most
`_MAX` hashes a kind: past that, the file starts again with the newest. Any error reading or
writing is ignored (the cost is then only the check). Like the other caches, the file is trusted
as much as the cache folder it is in.
"""

from __future__ import annotations

import os
import sys

from auditor.files import digest

_MAX = 256  # templates a kind remembers (a file of ~17 KB)
_known: dict[str, set[str]] = {}  # file -> the hashes read from it (and added by this run)


def _path(kind: str, version: str) -> str | None:
    from auditor.files.cache import cache_dir

    d = cache_dir()
    if d is None:
        return None
    from auditor import __version__

    key = f"{kind}|{version}|{sys.version}|{__version__}"
    return os.path.join(d, "passed", digest.key(key.encode())[:24] + f"-{kind}.marshal")


def _load(path: str) -> set[str]:
    got = _known.get(path)
    if got is not None:
        return got
    import marshal

    got = set()
    try:
        with open(path, "rb") as fh:
            entries = marshal.loads(fh.read())
        if type(entries) is list and all(type(e) is str for e in entries):
            got = set(entries)
    except (OSError, EOFError, ValueError, TypeError):
        pass  # (no file yet, or a damaged one: every part is checked)
    _known[path] = got
    return got


def passed_before(kind: str, version: str, data: bytes) -> str | None:
    """None when `data` passed the check `kind` (at `version`) before; else the key to give
    `remember` once it passes now. Without a cache folder: always a key, never a skip."""
    path = _path(kind, version)
    key = digest.key(data)
    if path is not None and key in _load(path):
        return None
    return key


def remember(kind: str, version: str, key: str) -> None:
    """`data` (of `key`, from `passed_before`) passed the check: keep its hash."""
    path = _path(kind, version)
    if path is None:
        return
    known = _load(path)
    if len(known) >= _MAX:
        known.clear()
    known.add(key)
    from auditor.files.cache import write_marshal

    write_marshal(path, sorted(known))
