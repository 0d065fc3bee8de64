"""Dataclasses whose generated methods are compiled once per installation, not once per run
(issue 16).

`dataclasses.dataclass` writes the source of each class's `__init__`, `__repr__`, `__eq__` …
and compiles it with `exec`: Python's parser and compiler, ~2,7 M instructions a class (4,6 M
a frozen one), ~60 M for the classes the document path imports, more than reading the seed's
text. `dataclass` here is `dataclasses.dataclass`, except that while it runs, the `exec` it
calls finds the code already compiled from the same source text in a file of the cache folder
(`files/cache.py`: `AUDIT_CACHE_DIR` …, `AUDIT_NO_CACHE=1` turns it off; `dataclass/`), beside the kept
patterns (`files/rxcache.py`, whose `save` writes this file too at the end of a run). The code
is what `compile` makes of that text with the flags `exec` gives it there (none inherited), so
the class is the same; a text not in the file is compiled as before. The file is keyed by the
exact interpreter (`sys.version`, the bytecode's magic number); a damaged or foreign file is
ignored.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from types import CodeType
from typing import Any, TypeVar, dataclass_transform

_T = TypeVar("_T")
_codes: dict[str, CodeType] | None = None  # source text -> code, once loaded
_new: dict[str, CodeType] = {}  # compiled by this run, not in the file
_MAX_ENTRIES = 2000  # past this, the file holds only what the last run that wrote it used
_builtin_exec = exec


def _path() -> str | None:
    from auditor.files.cache import cache_dir

    d = cache_dir()
    if d is None or sys.implementation.name != "cpython":
        return None
    import hashlib
    from importlib.util import MAGIC_NUMBER

    key = f"{sys.version}|{sys.hexversion}|{MAGIC_NUMBER.hex()}"
    return os.path.join(d, "dataclass", hashlib.sha256(key.encode()).hexdigest()[:24] + ".marshal")


def _load() -> dict[str, CodeType]:
    global _codes
    if _codes is None:
        _codes = {}
        path = _path()
        if path is not None:
            import marshal

            try:
                with open(path, "rb") as fh:
                    found = marshal.loads(fh.read())
            except (OSError, EOFError, ValueError, TypeError):
                found = None
            if type(found) is dict and all(type(k) is str and type(v) is CodeType for k, v in found.items()):
                _codes = found
    return _codes


def code_of(text: str) -> CodeType:
    """The code `exec(text)` runs when `dataclasses` calls it: from the file, or compiled."""
    codes = _load()
    code = codes.get(text)
    if code is None:
        # `exec` of a text inherits the flags of the frame that calls it, `dataclasses`'s, which
        # has none (`from __future__ import annotations` here must not reach the class)
        code = compile(text, "<string>", "exec", dont_inherit=True)
        codes[text] = code
        _new[text] = code
    return code


def _exec(source: Any, globals: Any = None, locals: Any = None, /) -> None:  # noqa: A002 - exec's own names
    if type(source) is str:
        source = code_of(source)
    _builtin_exec(source, globals, locals)


@dataclass_transform(field_specifiers=(dataclasses.field, dataclasses.Field))
def dataclass(cls: type[_T] | None = None, /, **kwargs: Any) -> Any:
    """`dataclasses.dataclass(cls, **kwargs)`, its methods' code taken from the file."""
    def wrap(c: type[_T]) -> type[_T]:
        if "exec" in vars(dataclasses):  # (another call is running: a class made in a class)
            return dataclasses.dataclass(c, **kwargs)
        dataclasses.exec = _exec  # type: ignore[attr-defined]  # found before the builtin
        try:
            return dataclasses.dataclass(c, **kwargs)
        finally:
            del dataclasses.exec  # type: ignore[attr-defined]

    return wrap if cls is None else wrap(cls)


def save() -> int:
    """Write the file when this run compiled methods it lacks; how many were added."""
    if not _new or _codes is None:
        return 0
    path = _path()
    if path is None:
        return 0
    import marshal

    entries = _codes if len(_codes) <= _MAX_ENTRIES else dict(_new)
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(tmp, "wb") as fh:
            fh.write(marshal.dumps(entries))
        os.replace(tmp, path)  # atomic: a concurrent run reads the old file or the new one
    except (OSError, ValueError):
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return 0
    n = len(_new)
    _new.clear()
    return n


__all__ = ["dataclass", "code_of", "save"]
