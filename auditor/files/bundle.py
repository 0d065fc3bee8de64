"""The Python modules of a run served from one file of the cache folder (issue 16, start-up).

A JSON run imports ~100 modules written in Python (the tool's ~70 and the standard library's `re`,
`json`, `enum`, `decimal` …). For each, the import system asks every folder of `sys.path` (or of
its package) for it, checks the source's time and size against its `__pycache__` file, reads that
file and unmarshals its code: ~1.300 system calls and ~17 M instructions of importlib's own Python
code a run, besides the unmarshalling and running of the modules themselves (measured on seed 000:
298 M instructions a run; a prototype serving them from one file, 281 M).

`install` puts a finder first on `sys.meta_path` that serves the modules this file holds: for
each, the origin, package folders and code the normal import found and loaded, that code being
the bytes of its `__pycache__` file (marshal data, unmarshalled only when the module is imported,
as the normal loader does). A module is served only when what the normal import would do is known
to give the same module:
- the file is named after the interpreter (its version, its code format, `-O`), the tool's version,
  `sys.path`, the finders and path hooks: another setting has another file;
- every folder the import system would list to find a module (each entry of `sys.path`, the
  folder each module was found in) has the time of change it had when the file was written (a file
  added, removed or renamed in a folder changes it: another module could then be found first, so
  no module is served from the file in this run); the import system's own folder cache
  (`FileFinder`) relies on the same time;
- the module's source has the time (in nanoseconds) and size it had (what `__pycache__` files are
  checked by, in seconds): an edited source is imported from itself, and the file written again;
- for a module of a package, the package's search path is the one recorded.
The module gets the spec the normal finder makes (`spec_from_file_location` with the same origin
and package folders) and a `SourceFileLoader` whose `get_code` returns the kept code: `__file__`,
`__cached__`, `__path__`, resources and source lines are the normal ones.

The file is checked as the interpreter checks its `__pycache__` files (by their source's time and
size, not by a checksum of the code) plus a digest of its index: a cut, emptied or foreign file,
or an index changed behind its digest, is not used; code that marshal cannot read or that is not a
code object is loaded the normal way. Either way the file is written again at the end of the run
(`save`, called by the fast path of the command line, `fastpath.run`), with the modules the run
imported the normal way added (those whose loader is the standard `SourceFileLoader`: extension
modules, frozen and built-in ones, zip imports are left to the import system). Like the rule plan,
the kept patterns and the dataclass code, it is trusted as much as the cache folder it is in
(`AUDIT_NO_CACHE=1`: no file). On Windows (no `os.pread`) nothing is installed.
"""

from __future__ import annotations

import marshal
import os
import sys

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from types import ModuleType
    from typing import Any

# the import system's own classes (the frozen `importlib._bootstrap_external`, loaded before any code
# runs: importing `importlib.machinery` or `importlib.util` would cost modules of their own)
_external: Any = sys.modules.get("_frozen_importlib_external")
_FORMAT = 1
_MAGIC = b"AUDITOR-MODULES\n"
_CHECK = 64  # the index's digest (`digest.key`, hex)
_HEAD = len(_MAGIC) + _CHECK + 8  # magic, digest, the index's length
_FIRST_READ = 1 << 15  # the header and index are read in one go when they fit
_MAX_MODULES = 1500  # past this a run's own modules replace the file's
_MAX_BYTES = 64 << 20
# files kept in the folder: one per `sys.path`, and `python -m auditor` puts the current folder on it
_MAX_FILES = 4


def _function() -> None:
    """(its code's type is `types.CodeType`, without importing `types`)"""


_CODE = type(_function.__code__)


class _Finder:
    """First on `sys.meta_path`: the modules of the file, as the normal finder would find them.

    The index: `dirs`, a list of (folder, its time of change or None when absent), the entries
    of `sys.path` first; `entries`, module name -> (the place in `dirs` of its folder and of the
    folder it is found in — its package's, or a `sys.path` entry; for a package, the folder that
    holds its own —, its file's name, whether it is a package, the source's time in ns and size,
    the place and length of its code after the index)."""

    def __init__(self, path: str, fd: int = -1, base: int = 0, dirs: list[Any] | None = None,
                 entries: dict[str, Any] | None = None) -> None:
        self.path, self.fd, self.base = path, fd, base
        self.dirs: list[Any] = dirs or []
        self.entries: dict[str, Any] = entries or {}
        self.checked: dict[int, bool] = {}  # folder's place in `dirs` -> unchanged
        self.missed: list[str] = []  # the names asked for and not served
        self.sys_path = list(sys.path)  # (the file is named after it: one changed later serves no top-level module)
        # the file needs writing again: absent or damaged, a folder or a source changed
        self.stale = fd < 0

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        entry = self.entries.get(name)
        if entry is not None:
            try:
                spec = self._spec(name, path, entry)
            except (TypeError, ValueError, IndexError, OSError):  # an index of another shape
                spec = None
                self.stale = True
            if spec is not None:
                return spec
        self.missed.append(name)
        return None

    def _spec(self, name: str, path: Any, entry: tuple) -> Any:
        at, found_at, file_name, package, mtime_ns, size, offset, length = entry
        folder, found_in = self.dirs[at][0], self.dirs[found_at][0]
        if path is None:  # a top-level module: the entries of `sys.path` before it are asked first
            if "." in name or sys.path != self.sys_path or not self._unchanged(range(len(sys.path))):
                return None
        elif len(path) != 1 or path[0] != found_in:
            return None  # a package whose search path is not the one recorded
        if not self._unchanged((found_at, at)):
            return None
        origin = folder + os.sep + file_name
        st = os.stat(origin)
        if st.st_mtime_ns != mtime_ns or st.st_size != size:
            self.stale = True  # an edited source: imported from itself (and the file written again)
            return None
        loader = _BundledLoader(name, origin)
        loader.bundle_part = (self, offset, length)
        return _external.spec_from_file_location(
            name, origin, loader=loader, submodule_search_locations=[folder] if package else None)

    def _unchanged(self, places: Any) -> bool:
        """Whether the folders at these places of `dirs` have the time of change recorded (each
        asked once)."""
        for i in places:
            ok = self.checked.get(i)
            if ok is None:
                folder, mtime = self.dirs[i]
                ok = self.checked[i] = _mtime(folder) == mtime
                if not ok:
                    self.stale = True
            if not ok:
                return False
        return True

    def code(self, offset: int, length: int, source_path: str) -> Any:
        """The kept code of one module, or None when it cannot be read as code."""
        try:
            data = os.pread(self.fd, length, self.base + offset)
            code = marshal.loads(data) if len(data) == length else None
        except (OSError, EOFError, ValueError, TypeError, OverflowError):
            code = None
        if type(code) is not _CODE:
            self.stale = True
            return None
        import _imp

        _imp._fix_co_filename(code, source_path)  # (as the normal loader does with code from `__pycache__`)
        return code

    def blob(self, name: str) -> bytes | None:
        """The marshalled code of `name` as the file holds it (to write it again)."""
        try:
            length, offset = self.entries[name][7], self.entries[name][6]
            data = os.pread(self.fd, length, self.base + offset)
        except (KeyError, OSError, ValueError, TypeError, IndexError, OverflowError):
            return None
        return data if len(data) == length else None


class _BundledLoader(_external.SourceFileLoader if _external is not None else object):  # type: ignore[misc]
    """`SourceFileLoader` with the kept code: everything else (source, resources, `__cached__`) as
    the standard one does it. Code the file cannot give is read the normal way."""

    bundle_part: tuple[_Finder, int, int]

    def get_code(self, fullname: str) -> Any:
        finder, offset, length = self.bundle_part
        code = finder.code(offset, length, self.path)
        if code is None:
            return super().get_code(fullname)
        return code


# the finder installed by this process (one)
_finder: _Finder | None = None


def _file_name() -> str | None:
    from auditor import __version__
    from auditor.files import digest
    from auditor.files.cache import cache_dir

    d = cache_dir()
    if d is None:
        return None
    key = repr((_FORMAT, sys.version, sys.hexversion, sys.implementation.cache_tag, sys.flags.optimize,
                __version__, sys.path, [type(f).__qualname__ for f in sys.meta_path],
                [getattr(h, "__qualname__", type(h).__qualname__) for h in sys.path_hooks]))
    return os.path.join(d, "code", digest.key(key.encode("utf-8", "surrogatepass"))[:24] + "-modules.bundle")


def _mtime(path: str) -> int | None:
    try:
        return os.stat(path).st_mtime_ns
    except (OSError, ValueError):
        return None


def install() -> bool:
    """Put the finder first on `sys.meta_path` (once per process); whether it has a file to serve
    modules from."""
    global _finder
    if _finder is not None or _external is None or not hasattr(os, "pread") or sys.implementation.name != "cpython":
        return False
    try:
        path = _file_name()
    except Exception:  # noqa: BLE001 - no file then: the normal imports
        return False
    if path is None:
        return False
    read = _read(path)
    _finder = _Finder(path) if read is None else _Finder(path, *read)
    sys.meta_path.insert(0, _finder)
    return read is not None


def _read(path: str) -> tuple[int, int, list[Any], dict[str, Any]] | None:
    """The open file, where its modules' code begins, its folders and entries; None when it is
    absent, damaged or foreign. (Each entry is checked when it is used.)"""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except (OSError, ValueError):
        return None
    try:
        head = os.read(fd, _FIRST_READ)
        if len(head) < _HEAD or head[:len(_MAGIC)] != _MAGIC:
            raise ValueError
        size = int.from_bytes(head[_HEAD - 8:_HEAD], "little")
        index = head[_HEAD:_HEAD + size]
        if len(index) < size:
            index += os.pread(fd, size - len(index), _HEAD + len(index))
        from auditor.files import digest

        if len(index) != size or digest.key(index).encode("ascii") != head[len(_MAGIC):len(_MAGIC) + _CHECK]:
            raise ValueError
        dirs, entries = marshal.loads(index)
        if type(dirs) is not list or type(entries) is not dict:
            raise ValueError
        return fd, _HEAD + size, dirs, entries
    except (OSError, ValueError, EOFError, TypeError, OverflowError):
        os.close(fd)
        return None


def _kept(name: str, module: ModuleType | None) -> tuple[str, bool] | None:
    """(origin, whether a package) of a module the standard `SourceFileLoader` (or this file)
    loaded, found as the normal finder finds a file; None for any other module."""
    spec = getattr(module, "__spec__", None)
    if spec is None or spec.name != name or not spec.has_location:
        return None
    if type(spec.loader) is not _external.SourceFileLoader and type(spec.loader) is not _BundledLoader:
        return None
    origin = spec.origin
    if type(origin) is not str or not origin.endswith(".py"):
        return None
    search = spec.submodule_search_locations
    if search is None:
        return origin, False
    if (len(search) != 1 or search[0] != os.path.dirname(origin)
            or os.path.basename(origin) != "__init__.py"):
        return None
    return origin, True


def _pyc_blob(origin: str, st: os.stat_result) -> bytes | None:
    """The marshalled code in `origin`'s `__pycache__` file when that file is the one the import
    system would use for the source as it is (a timestamp pyc of its time and size)."""
    try:
        pyc = _external.cache_from_source(origin)
        with open(pyc, "rb") as fh:
            data = fh.read()
    except (OSError, ValueError, NotImplementedError):
        return None
    if (len(data) < 16 or data[:4] != _external.MAGIC_NUMBER or data[4:8] != b"\0\0\0\0"
            or int.from_bytes(data[8:12], "little") != (int(st.st_mtime) & 0xFFFFFFFF)
            or int.from_bytes(data[12:16], "little") != (st.st_size & 0xFFFFFFFF)):
        return None
    return data[16:]


def save() -> int:
    """Write the file again when this run imported modules it lacks or found it stale; how many
    modules it holds then (0: not written)."""
    finder = _finder
    if finder is None:
        return 0
    if not finder.stale and not any(
            name not in finder.entries and _kept(name, sys.modules.get(name)) for name in finder.missed):
        return 0
    try:
        return _write(finder)
    except Exception:  # noqa: BLE001 - the cost is only the saving (as any error of the cache folder)
        return 0


def _write(finder: _Finder) -> int:
    """The file's modules whose source is unchanged and this run's, each with its source's time and
    size taken before its code is read (a source changed in between is then seen as changed by the
    next run)."""
    modules: dict[str, tuple[str, bool]] = {}
    for name, module in list(sys.modules.items()):
        kept = _kept(name, module)
        if kept is not None:
            modules[name] = kept
    # the file's other modules, while the folders they were found through are unchanged (else
    # another module could now be found first: such a module comes back when a run imports it)
    old: dict[str, tuple[str, bool]] = {}
    if len(modules) < _MAX_MODULES:
        for name, entry in finder.entries.items():
            try:
                if name in modules or not finder._unchanged(
                        (entry[1], entry[0]) if "." in name else (*range(len(sys.path)), entry[1], entry[0])):
                    continue
                old[name] = (finder.dirs[entry[0]][0] + os.sep + entry[2], bool(entry[3]))
            except (TypeError, IndexError, KeyError, ValueError, OSError):
                continue
    if any(type(p) is not str for p in sys.path):
        return 0  # (`_Finder._spec` counts on one folder per entry of `sys.path`)
    dirs: list[tuple[str, int | None]] = [(p, _mtime(p)) for p in sys.path]
    where: dict[str, int] = {}
    for i, p in enumerate(sys.path):
        where.setdefault(p, i)

    def place(folder: str) -> int:
        at = where.get(folder)
        if at is None:
            at = where[folder] = len(dirs)
            dirs.append((folder, _mtime(folder)))
        return at

    entries: dict[str, tuple] = {}
    blobs: list[bytes] = []
    offset = 0
    for name, (origin, package) in [*((n, m) for n, m in old.items() if n not in modules), *modules.items()]:
        if len(entries) >= _MAX_MODULES:
            break
        folder, file_name = os.path.split(origin)
        if folder + os.sep + file_name != origin:
            continue
        try:
            st = os.stat(origin)
        except (OSError, ValueError):
            continue
        blob = None
        was = finder.entries.get(name)
        try:
            if (was is not None and finder.dirs[was[0]][0] + os.sep + was[2] == origin and was[3] == package
                    and tuple(was[4:6]) == (st.st_mtime_ns, st.st_size)):
                blob = finder.blob(name)  # (the same code as the `__pycache__` file's, read already)
        except (TypeError, IndexError):
            pass
        if blob is None:
            blob = _pyc_blob(origin, st)
        if blob is None:
            module = sys.modules.get(name)
            if module is None:
                continue
            loader = getattr(getattr(module, "__spec__", None), "loader", None)
            code = loader.get_code(name) if loader is not None else None
            if code is None:
                continue
            blob = marshal.dumps(code)
        if offset + len(blob) > _MAX_BYTES:
            break
        # the folder the import system lists to find it (for a package, the one that holds its own)
        found_in = os.path.dirname(folder) if package else folder
        entries[name] = (place(folder), place(found_in), file_name, package, st.st_mtime_ns, st.st_size, offset,
                         len(blob))
        blobs.append(blob)
        offset += len(blob)
    # the header, the index and the modules' code (each entry's place counts from the index's end)
    index = marshal.dumps((dirs, entries))
    from auditor.files import digest
    from auditor.files.cache import write_atomic

    head = _MAGIC + digest.key(index).encode("ascii") + len(index).to_bytes(8, "little")
    if not write_atomic(finder.path, b"".join([head, index, *blobs])):
        return 0
    prune(finder.path)
    finder.stale = False
    finder.missed.clear()
    return len(entries)


def prune(written: str, suffix: str = "-modules.bundle", keep: int = _MAX_FILES) -> None:
    """At most `keep` files named `*suffix` in the folder of `written`: the ones written last (another
    `sys.path`'s file, removed, is written again by its next run). Also used by `derived`."""
    folder = os.path.dirname(written)
    try:
        found = []
        for entry in os.scandir(folder):
            if entry.name.endswith(suffix) and entry.path != written:
                found.append((entry.stat().st_mtime_ns, entry.path))
        found.sort()
        for _, old in found[:max(0, len(found) - (keep - 1))]:
            os.unlink(old)
    except OSError:
        pass
