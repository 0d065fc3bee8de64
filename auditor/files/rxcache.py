"""Regular expressions compiled once per installation, not once per run (issue 16).

The modules of the document path compile ~400 patterns when they are imported (the lexicon of
cues, number forms, headings …); `re` parses and compiles each in Python, ~1,3 M instructions a
pattern: 0,5 G instructions, a fifth of reading a .docx. What `re` finally hands to its C engine
(`_sre.compile`) is a list of integers; this module keeps, for each pattern a run compiled, that
list in a file of the cache folder (`files/cache.py`: `AUDIT_CACHE_DIR` …, `AUDIT_NO_CACHE=1`
turns it off), and at the start of the next run puts the compiled patterns in `re`'s own cache,
where `re.compile` finds them. Nothing else changes: a pattern not in the file is compiled as
usual.

The file is keyed by the exact interpreter (`sys.version`, `_sre.MAGIC`, the code size): the
integer code is the interpreter's own and may change with it. A pattern is written only after
the object rebuilt from its code compared equal (pattern, flags and code) to the one `re`
compiled; the code kept is then `re`'s with, where `re` knows no first characters for a search,
the set its matches can start with (`files/rxstart.py`: the same matches, fewer positions tried).
Any error reading or writing is ignored: the cost is then only the compilation.
Patterns of bytes are kept as those of text (the checks of a Word file's XML parts use five).
"""

from __future__ import annotations

import os
import re
import sys

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from typing import Any

try:
    import _sre
except ImportError:  # another interpreter: nothing to do
    _sre = None  # type: ignore[assignment]

# (type, pattern, flags as given) of the patterns this run loaded from the file
_loaded: set[tuple[type, str | bytes, int]] = set()
_entries: dict[str, list[tuple[Any, ...]]] = {}  # group -> what its file holds
# group -> (type, pattern, flags) of the patterns in `re`'s cache when the group was loaded (a
# pattern is a text or, for a Word file's XML, bytes: `re` keys its cache by the type too)
_mark: dict[str, set[tuple[type, str | bytes, int]]] = {}
_ROOM = 1024  # patterns a run may compile beyond those loaded
_MAX_ENTRIES = 3000  # past this, the file holds only what the last run that wrote it used
_MIN_NEW = 5  # a report's own patterns (a name escaped …), a few per run, are not worth a write


def _usable() -> bool:
    return (_sre is not None and sys.implementation.name == "cpython"
            and isinstance(getattr(re, "_cache", None), dict) and hasattr(_sre, "MAGIC"))


def _path(group: str) -> str | None:
    if not _usable():
        return None
    from auditor.files.cache import cache_dir

    d = cache_dir()
    if d is None:
        return None
    from auditor import __version__
    from auditor.files import digest

    # the tool's version too: an upgrade that changes fewer patterns than a write needs (`_MIN_NEW`)
    # starts a new file instead of compiling those few on every run; “starts”: the files whose code
    # has the start sets of `files/rxstart.py` (an earlier file of this version has `re`'s plain code)
    key = f"{sys.version}|{sys.hexversion}|{_sre.MAGIC}|{_sre.CODESIZE}|{sys.maxunicode}|{__version__}|starts"
    return os.path.join(d, "regex", digest.key(key.encode())[:24] + f"-{group}.marshal")


def load(group: str = "start") -> int:
    """Put the patterns of the group's file into `re`'s cache (each rebuilt when `re` first looks
    for it: `_Cache`); how many. The patterns compiled after this call belong to `group` when they
    are saved: "start" for those of every run, "document" for those only the document path needs
    (the JSON path does not load them)."""
    if group in _mark or group in _entries:
        return 0  # (once per process)
    if group != "start":
        _mark[group] = {(k[0], k[1], k[2]) for k in list(re._cache)  # type: ignore[attr-defined]
                        if type(k) is tuple and len(k) == 3}
    path = _path(group)
    if path is None:
        return 0
    import marshal
    from array import array

    global _array
    _array = array
    try:
        with open(path, "rb") as fh:
            entries = marshal.loads(fh.read())  # (load(fh) reads the file piece by piece: 50× slower)
    except (OSError, EOFError, ValueError, TypeError):
        entries = []  # (no file yet: still make room, so that this run's patterns are all there to save)
    if type(entries) is not list:
        return 0
    _lazy_cache()
    cache = re._cache  # type: ignore[attr-defined]
    if type(getattr(re, "_MAXCACHE", None)) is int and len(cache) + len(entries) + _ROOM > re._MAXCACHE:
        # `re` drops its oldest pattern when it holds this many: room for all of them and for
        # what a run compiles besides (re's own cache, in this process only; a first run, with no
        # file, compiles some 500 patterns, and those it dropped would be missing from the file)
        re._MAXCACHE = len(cache) + len(entries) + _ROOM  # type: ignore[attr-defined]
    if not entries:
        return 0
    _entries[group] = entries
    n = 0
    try:
        for pattern, flags, final_flags, code, groups, groupindex, indexgroup in entries:
            key = (type(pattern), pattern, flags)
            if key not in cache and key not in _pending:
                _pending[key] = (group, final_flags, code, groups, groupindex, indexgroup)
            _loaded.add(key)
            n += 1
    except Exception:  # noqa: BLE001 - a damaged or foreign file: compile as usual
        _entries[group] = []
    return n


# key -> (group, final flags, code, groups, groupindex, indexgroup) of the kept patterns not yet
# asked for: a run uses a fraction of what the files hold (a .docx run ~500 of the ~640 of the
# document's file and ~80 of the ~300 of the start file, which holds what every kind of run
# compiled before a document was read), and rebuilding one costs ~20.000 instructions
_pending: dict[tuple[type, str | bytes, int], tuple[Any, ...]] = {}
_array: Any = None  # (array.array, imported by `load`)


class _Cache(dict):  # type: ignore[type-arg]
    """`re`'s own cache (`re._cache`, the same dict with its entries), which rebuilds a kept
    pattern from its code the first time `re` looks for it: a pattern the file holds but the run
    never uses costs nothing. (`re._compile` looks its cache up with `_cache[key]` and compiles
    on a `KeyError`: a key this cannot answer is compiled by `re` as before.)"""

    __slots__ = ()

    def __missing__(self, key: tuple[type, str | bytes, int]) -> re.Pattern[Any]:
        kept = _pending.pop(key, None) if type(key) is tuple else None
        if kept is None:
            raise KeyError(key)
        group, final_flags, code, groups, groupindex, indexgroup = kept
        try:
            words = _array("I")
            words.frombytes(code)
            p = _sre.compile(key[1], final_flags, words.tolist(), groups, groupindex, indexgroup)
        except Exception:  # noqa: BLE001 - damaged code: `re` compiles it, and the next save keeps that
            _loaded.discard(key)
            _entries[group] = [e for e in _entries.get(group, []) if (type(e[0]), e[0], e[1]) != key]
            raise KeyError(key) from None
        self[key] = p
        return p


def build_all() -> int:
    """Rebuild now every kept pattern not asked for yet; how many. For the resident process
    (`audit daemon`): the processes of its commands then inherit them compiled, as they did when
    every kept pattern was rebuilt at load."""
    cache = re._cache  # type: ignore[attr-defined]
    n = 0
    for key in list(_pending):
        try:
            cache[key]
        except KeyError:  # (damaged: `re` compiles it when a command asks for it)
            continue
        n += 1
    return n


def _lazy_cache() -> None:
    """Make `re._cache` a `_Cache` (once; only over `re`'s plain dict)."""
    if type(re._cache) is dict:  # type: ignore[attr-defined]
        re._cache = _Cache(re._cache)  # type: ignore[attr-defined]


def _entry(pattern: str, flags: int, compiled: re.Pattern[str]) -> tuple[Any, ...] | None:
    """What `re._compiler.compile` hands to `_sre.compile` for this pattern, if rebuilding the
    pattern from it gives an object equal to `compiled` (pattern, flags and code)."""
    import array
    from re import _compiler, _parser  # type: ignore[attr-defined]

    p = _parser.parse(pattern, flags)
    code = [int(c) for c in _compiler._code(p, flags)]
    groupindex = dict(p.state.groupdict)
    indexgroup = [None] * p.state.groups
    for k, i in groupindex.items():
        indexgroup[i] = k
    final_flags = int(flags | p.state.flags)
    rebuilt = _sre.compile(pattern, final_flags, code, p.state.groups - 1, groupindex, tuple(indexgroup))
    if rebuilt != compiled or rebuilt.groupindex != compiled.groupindex:
        return None
    # kept with the set of the characters its matches can start with, where `re` knows none (the
    # reader's case-insensitive searches: `files/rxstart.py`); checked by the engine's own validation
    from auditor.files.rxstart import start_set_code

    better = start_set_code(pattern, flags, code)
    if better is not code:
        try:
            _sre.compile(pattern, final_flags, better, p.state.groups - 1, groupindex, tuple(indexgroup))
            code = better
        except Exception:  # noqa: BLE001, S110 - refused by the engine: `re`'s code is kept
            pass
    words = array.array("I", code)
    if words.itemsize != _sre.CODESIZE:
        return None
    return (pattern, flags, final_flags, words.tobytes(), p.state.groups - 1, groupindex, tuple(indexgroup))


def save() -> int:
    """Write the files of the groups for which this run compiled enough patterns they lack;
    how many patterns were added."""
    if _path("start") is None:
        return 0
    new = [(k[1], k[2], v) for k, v in list(re._cache.items())  # type: ignore[attr-defined]
           if type(k) is tuple and len(k) == 3 and (k[0] is str or k[0] is bytes) and type(k[1]) is k[0]
           and type(k[2]) is int and k not in _loaded]
    if new:
        kept = {(type(e[0]), e[0], e[1]) for entries in _entries.values() for e in entries}
        new = [x for x in new if (type(x[0]), x[0], x[1]) not in kept]
    by_group: dict[str, list[tuple[str, int, re.Pattern[str]]]] = {}
    for pattern, flags, compiled in new:
        group = next((g for g, before in _mark.items() if (type(pattern), pattern, flags) not in before), "start")
        by_group.setdefault(group, []).append((pattern, flags, compiled))
    return sum(_write(group, items) for group, items in by_group.items() if len(items) >= _MIN_NEW)


def _write(group: str, items: list[tuple[str, int, re.Pattern[str]]]) -> int:
    path = _path(group)
    if path is None:
        return 0
    added = []
    for pattern, flags, compiled in items:
        try:
            e = _entry(pattern, flags, compiled)
        except Exception:  # noqa: BLE001 - a pattern this cannot rebuild is simply not kept
            e = None
        if e is not None:
            added.append(e)
    old = _entries.get(group, [])
    entries = old + added if len(old) + len(added) <= _MAX_ENTRIES else added
    from auditor.files.cache import write_marshal

    if not write_marshal(path, entries):
        return 0
    _entries[group] = entries
    _loaded.update((type(e[0]), e[0], e[1]) for e in added)
    return len(added)
