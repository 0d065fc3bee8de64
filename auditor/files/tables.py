"""Tables built from the package's data on first use, kept ready in the cache folder (issue 16).

The registries a JSON run consults (legal documents, anniversaries, terms and their folded
aliases, units) were built at every start from their YAML's cached JSON: the text read and
hashed, the JSON parsed, dates decoded value by value, every row checked, every alias folded,
every document number normalised: ~11 M instructions, a twentieth of a one-report run, for
the same result each time. `kept` builds such a table once and keeps it as marshal data (only
ints, strings, tuples, `None`…: what the table is made of, turned back into its objects by the
table's own `thaw`), which later runs load with one `marshal.loads`.

A kept table is used only when it was built from the same inputs: its file is named from the
interpreter (marshal's format, its Unicode data), the tool's version, the table's name and,
for each source it is built from (the data file and the modules whose code builds it), the
file's path, time of change (ns) and size, as the interpreter checks its own `__pycache__`
files. The file begins with the BLAKE2b digest of the rest (`cache.read_checked`); a file that
is absent, damaged, of another shape (`valid`) or that cannot be turned back into the table is
not used: the table is built as before and the file written again. Without a cache folder
(`AUDIT_NO_CACHE=1`) or when a source cannot be found on disk (a zip install), the table is
built at every start, as before.
"""

from __future__ import annotations

import marshal
import os
import sys
from itertools import chain

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, TypeVar

    T = TypeVar("T")


def kept(name: str, sources: tuple[str, ...], build: Callable[[], T], freeze: Callable[[T], Any],
         valid: Callable[[Any], bool], thaw: Callable[[Any], T]) -> T:
    """The table `name`: `thaw` of the data kept for the same `sources`, or `build()` (then
    kept as `freeze` of it). `valid` says whether loaded data has the shape `freeze` gives."""
    from auditor.files import cache

    path = kept_path(name, sources)
    if path is not None:
        payload = cache.read_checked(path)
        if payload is not None:
            try:
                data = marshal.loads(payload)
                if valid(data):
                    return thaw(data)
            except (EOFError, ValueError, TypeError, OverflowError):
                pass  # damaged behind a good digest, or of values `thaw` refuses: built again
    table = build()
    if path is not None:
        try:
            payload = marshal.dumps(freeze(table))
        except ValueError:  # (a value marshal cannot hold: the table is only not kept)
            return table
        cache.write_checked(path, payload)
    return table


def kept_path(name: str, sources: tuple[str, ...]) -> str | None:
    """The file a table is kept in, named from what it is built from; None without a cache
    folder or when a source is not a file on disk."""
    import unicodedata

    from auditor import __version__
    from auditor.files import cache, digest

    d = cache.cache_dir()
    if d is None:
        return None
    parts = [sys.version, str(sys.hexversion), unicodedata.unidata_version, __version__, name]
    for src in sources:
        try:
            st = os.stat(src)
        except (OSError, ValueError):
            return None
        parts.append(f"{src}\x01{st.st_mtime_ns}\x01{st.st_size}")
    return os.path.join(d, "tables", digest.key("\x00".join(parts).encode("utf-8", "surrogatepass"))[:40]
                        + f"-{name}.marshal")


def module_file(module: str) -> str:
    """The source file of an imported module (a source of the tables its code builds)."""
    return sys.modules[module].__file__ or ""


# Shapes of kept data, for `valid`: a column is the set of the types its values may have, or a
# test of the whole column (a tuple of its values). Tested a column at a time with `map` and
# `set`, not value by value: testing each value in Python cost more than making the objects.

STR = frozenset({str})
INT = frozenset({int})
BOOL = frozenset({bool})
OPT_STR = frozenset({str, type(None)})
OPT_INT = frozenset({int, type(None)})


def tuples_of(types: frozenset[type]) -> Callable[[tuple[Any, ...]], bool]:
    """A column of tuples whose items have these types."""
    def test(column: tuple[Any, ...]) -> bool:
        return set(map(type, column)) <= {tuple} and set(map(type, chain.from_iterable(column))) <= types
    return test


def lists_of(types: frozenset[type]) -> Callable[[tuple[Any, ...]], bool]:
    """A column of lists whose items have these types."""
    def test(column: tuple[Any, ...]) -> bool:
        return set(map(type, column)) <= {list} and set(map(type, chain.from_iterable(column))) <= types
    return test


def rows_of(*columns: frozenset[type] | Callable[[tuple[Any, ...]], bool]) -> Callable[[tuple[Any, ...]], bool]:
    """A column of tables of these columns (`rows`)."""
    def test(column: tuple[Any, ...]) -> bool:
        return all(rows(v, *columns) for v in column)
    return test


def rows(data: Any, *columns: frozenset[type] | Callable[[tuple[Any, ...]], bool]) -> bool:
    """`data` is a tuple of rows, each a tuple of one value per column, of the column's types."""
    if type(data) is not tuple or not set(map(type, data)) <= {tuple} or not set(map(len, data)) <= {len(columns)}:
        return False
    for spec, column in zip(columns, zip(*data)):
        if not (set(map(type, column)) <= spec if isinstance(spec, frozenset) else spec(column)):
            return False
    return True
