"""The code `dataclasses` generates, compiled once per installation, not once per run (issue 16).

`@dataclass` writes the source of each class's `__init__`, `__repr__`, `__eq__` … as text and
runs it with `exec`, which compiles it: ~2,5 M instructions a class. A one-report run creates 42
dataclasses (findings, facts, the engine's records), a document run ~30 more: counted with
valgrind on seed 000 as JSON, 637 M instructions a run, of which 96 M is this compilation. (Those
classes are now made from generated methods, `auditor/records`, and a warm run of either path makes
none with `dataclasses`; this cache serves the rest: a cold run, the web page, PDF, comparisons.)

This module gives the `dataclasses` module its own `exec` (a module global found before the
built-in): the same call, but a source text it has compiled before comes as the code object
compiled then, kept in a file of the cache folder (`files/cache.py`: `AUDIT_CACHE_DIR` …,
`AUDIT_NO_CACHE=1` turns it off). `exec(text)` and `exec(compile(text, "<string>", "exec"))`
are the same thing, so nothing `dataclasses` does changes; it only stops compiling the same text
again. Nothing of `dataclasses` is copied or replaced: on a Python whose `dataclasses` does not
call `exec` on text the file simply stays empty.

The file maps each text to its code object marshalled on its own, and a code object is unmarshalled
only when its text comes: a JSON run makes ~40 of the ~100 classes the file may hold (the document
path's, the web page's …), and unmarshalling all of their ~600 methods at start cost ~4–10 ms, more
than the ones used (issue 16, start-up).

The file is keyed by the exact interpreter (code objects are its own) and the tool's version.
Any error reading or writing is ignored: the cost is then only the compilation. Like the rule
cache and the compiled patterns, the file is trusted as much as the cache folder it is in.
"""

from __future__ import annotations

import builtins
import marshal
import os
import sys
from types import CodeType

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from typing import Any

# source text -> code object, or its marshalled bytes until the text first comes (from the file)
_codes: dict[str, CodeType | bytes] = {}
_fresh: dict[str, CodeType] = {}    # those compiled by this run (the file lacks them)
_installed = False
_MAX_ENTRIES = 4000  # past this, the file keeps only what the last run that wrote it compiled
_exec = builtins.exec
# 1 compiled with this module's future flags (annotations as strings), 2 code objects (loaded all at
# once): never read again
_FORMAT = 3


def _path() -> str | None:
    if sys.implementation.name != "cpython":
        return None
    from auditor import __version__
    from auditor.files.cache import cache_dir

    d = cache_dir()
    if d is None:
        return None
    from auditor.files import digest

    key = f"{_FORMAT}|{sys.version}|{sys.hexversion}|{sys.implementation.cache_tag}|{__version__}"
    return os.path.join(d, "code", digest.key(key.encode())[:24] + "-dataclasses.marshal")


def _cached_exec(source: Any, globals: Any = None, locals: Any = None, /) -> Any:  # noqa: A002
    if type(source) is str:
        code = _codes.get(source)
        if type(code) is bytes:  # kept by an earlier run: unmarshalled now, when it is used
            try:
                code = marshal.loads(code)
            except (EOFError, ValueError, TypeError):
                code = None
            if type(code) is CodeType:
                _codes[source] = code
            else:  # a damaged entry: compiled as usual (and written again)
                code = None
        if code is None:
            # what exec(source) does first, in `dataclasses`, whose code has no `from __future__`
            # flag: not inheriting this module's (its `annotations` would turn the generated
            # methods' annotations into strings)
            code = compile(source, "<string>", "exec", dont_inherit=True)
            _codes[source] = _fresh[source] = code
        source = code
    return _exec(source, globals, locals)


def install() -> int:
    """Give `dataclasses` the caching `exec`, loading the file then; how many code objects were
    loaded. Once per process; call it before the modules that define dataclasses are imported.
    The tool's own classes on a JSON run's path do not use `dataclasses` (`auditor.records`): when
    it is not imported yet, the file is loaded and the `exec` given when something imports it
    (`_WhenImported`), so a run that never does reads neither."""
    global _installed
    if _installed:
        return 0
    _installed = True
    if _path() is None:
        return 0
    module = sys.modules.get("dataclasses")
    if module is None:
        sys.meta_path.insert(0, _WhenImported())
        return 0
    return _give(module)


def _give(dataclasses: Any) -> int:
    if "exec" in vars(dataclasses):  # someone else's: leave it
        return 0
    path = _path()
    n = _load(path) if path is not None else 0
    dataclasses.exec = _cached_exec
    return n


class _WhenImported:
    """A finder first on `sys.meta_path` that answers nothing itself: when `dataclasses` is
    imported, it imports it with the finders after it, gives it the caching `exec` and leaves
    the module as that import made it (its spec and loader), then removes itself."""

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        if name != "dataclasses":
            return None
        if self in sys.meta_path:
            sys.meta_path.remove(self)
        for finder in sys.meta_path:
            find = getattr(finder, "find_spec", None)
            spec = find(name, path, target) if find is not None else None
            if spec is not None:
                break
        else:
            return None
        loader = spec.loader
        if loader is None or not hasattr(loader, "exec_module"):
            return spec
        spec.loader = _GiveExec(loader, spec)
        return spec


class _GiveExec:
    """The loader of `dataclasses` with one step after it ran the module: the caching `exec`."""

    def __init__(self, loader: Any, spec: Any) -> None:
        self.loader, self.spec = loader, spec

    def create_module(self, spec: Any) -> Any:
        return self.loader.create_module(spec)

    def exec_module(self, module: Any) -> None:
        # the module's attributes as the real loader would have left them
        self.spec.loader = module.__loader__ = self.loader
        self.loader.exec_module(module)
        try:
            _give(module)
        except Exception:  # noqa: BLE001 - the cost is only the compilation (as any error here)
            pass


def _load(path: str) -> int:
    try:
        with open(path, "rb") as fh:
            entries = marshal.loads(fh.read())
    except (OSError, EOFError, ValueError, TypeError):
        return 0
    if type(entries) is not dict:
        return 0
    good = {k: v for k, v in entries.items() if type(k) is str and type(v) is bytes}
    if len(good) != len(entries):  # a damaged or foreign file: compile as usual
        return 0
    _codes.update(good)
    return len(good)


def save() -> int:
    """Write the file when this run compiled texts it lacks; how many entries were written."""
    if not _installed or not _fresh:
        return 0
    path = _path()
    if path is None:
        return 0
    from auditor.files.cache import write_marshal

    chosen = _codes if len(_codes) <= _MAX_ENTRIES else _fresh
    entries = {k: v if type(v) is bytes else marshal.dumps(v) for k, v in chosen.items()}
    if not write_marshal(path, entries):
        return 0
    _fresh.clear()
    return len(entries)
