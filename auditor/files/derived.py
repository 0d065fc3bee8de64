"""Values a reading derives from the tool's own code and data, kept in the cache folder (issue 16).

The first reading of a document in a process builds the cue lexicon (`registries/cues.py`: the
table read from `cues.yaml`, the text of each cue's alternation, of each reversed matcher, the
words each search needs) before it compiles any of their patterns (the calendar's folded aliases are kept
by `files/tables.py`): ~15 M instructions of `re.escape`, sorting, folding and joining
(measured on seed 000), the same in every run. Those values are plain data (texts, tuples); this
module keeps them in one file of the cache folder, loaded by one `marshal.loads`, so that a run
builds only what the file lacks (and writes it at its end, `save`).

A value is a pure function of its key (the builder's arguments) and of the code and data it is
built from: the files of `SOURCES`. The file is named after those files' time of change (ns) and
size (what the interpreter's own `__pycache__` files are checked by; an edited source or data file
is another file), the interpreter (`re.escape`, `unicodedata`, `re`'s parser) and the tool's
version; its content is checked by its digest (`cache.read_checked`): a damaged or foreign file
is not used, and the values are built again. Only values made of `str`, `int`, `bool`, `None` and
tuples of them are kept (marshal gives them back equal and of the same types). Like the other
caches it is trusted as much as the cache folder it is in; `AUDIT_NO_CACHE=1`: no file, every value
built.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

_FORMAT = 1
_MAX_FILES = 4  # (installs sharing one cache folder each have their own)
_MAX_VALUES = 4000  # past this the file holds only what the last run that wrote it used

_HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # the package's folder
# The files the kept values are built from: the builders' modules (and what they call of the
# tool's) and the data they read. `tests/test_derived.py` checks that every builder lives here.
SOURCES = tuple(os.path.join(_HERE, *p.split("/")) for p in (
    "registries/cues.py", "files/rxgate.py", "files/yamlio.py", "data/cues.yaml"))

_values: dict[Any, Any] | None = None  # what the file holds, and what this run added
_path: str | None = None
_added = 0  # values built by this run (the file is written when there are some)


def _plain(value: Any) -> bool:
    """Whether marshal gives `value` back equal and of the same types (str, int, bool, None,
    tuples of them)."""
    t = type(value)
    if t is str or t is int or t is bool or value is None:
        return True
    return t is tuple and all(_plain(v) for v in value)


def _file() -> str | None:
    from auditor.files.cache import cache_dir

    d = cache_dir()
    if d is None:
        return None
    stats = []
    for source in SOURCES:
        try:
            st = os.stat(source)
        except OSError:
            return None  # (a source not installed as a file: nothing kept)
        stats.append((source, st.st_mtime_ns, st.st_size))
    from auditor import __version__
    from auditor.files import digest

    key = repr((_FORMAT, sys.version, sys.hexversion, __version__, stats))
    return os.path.join(d, "derived", digest.key(key.encode("utf-8", "surrogatepass"))[:24] + "-reader.marshal")


def _load() -> dict[Any, Any]:
    global _values, _path
    values: dict[Any, Any] = {}
    try:
        _path = _file()
    except Exception:  # noqa: BLE001 - no file then: every value built
        _path = None
    if _path is not None:
        from auditor.files.cache import read_checked

        payload = read_checked(_path)
        if payload is not None:
            import marshal

            try:
                kept = marshal.loads(payload)
            except (EOFError, ValueError, TypeError):
                kept = None
            if type(kept) is dict:
                values = kept
    _values = values
    return values


def get(key: tuple[Any, ...], build: Callable[[], Any]) -> Any:
    """The value kept for `key`, or `build()` (kept from then on when it is plain data)."""
    global _added
    values = _values if _values is not None else _load()
    try:
        return values[key]
    except KeyError:
        pass
    except TypeError:  # (a key that cannot be hashed: never kept)
        return build()
    value = build()
    if _plain(value) and _plain(key):
        values[key] = value
        _added += 1
    return value


def save() -> int:
    """Write the file when this run built values it lacks; how many values it holds (0: not
    written)."""
    global _added
    if not _added or _values is None or _path is None:
        return 0
    values = _values
    if len(values) > _MAX_VALUES:
        return 0
    import marshal

    from auditor.files.cache import write_checked

    try:
        payload = marshal.dumps(values)
    except ValueError:
        return 0
    if not write_checked(_path, payload):
        return 0
    _added = 0
    from auditor.files.bundle import prune

    prune(_path, "-reader.marshal", _MAX_FILES)
    return len(values)
