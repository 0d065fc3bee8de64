"""Tables built from the package's data, kept ready in the cache folder (`auditor/files/tables.py`,
issue 16): a kept table is the table built anew; a damaged or foreign file is not used and is
written again; an edited data file or module gives a new table, never the kept one."""

from __future__ import annotations

import marshal
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from auditor.files import cache, tables, yamlio
from auditor.model import units
from auditor.registries import calendar as cal
from auditor.registries import legal

# name of the kept file → (the cached function, what builds its table)
TABLES: dict[str, tuple[Any, Callable[[], Any]]] = {
    "legal": (legal.legal_registry, legal._build),
    "anniversaries": (cal.anniversaries, cal._build_anniversaries),
    "terms": (cal.terms, cal._build_terms),
    "event-aliases": (cal._event_aliases, cal._build_event_aliases),
    "term-aliases": (cal._term_aliases, cal._build_term_aliases),
    "units": (units._registry, units._build),
}


def _clear() -> None:
    for fn, _ in TABLES.values():
        fn.cache_clear()
    cal._raw_classes.cache_clear()


@pytest.fixture
def kept_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A cache folder of its own; the tables made anew before and after the test."""
    monkeypatch.setenv("AUDIT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("AUDIT_NO_CACHE", raising=False)
    _clear()
    yield tmp_path / "cache" / "tables"
    _clear()


def _file(folder: Path, name: str) -> Path:
    (found,) = folder.glob(f"*-{name}.marshal")
    return found


def _same(a: Any, b: Any) -> bool:
    """The same table: equal, and the same `repr` (field by field, in order) but for the order of
    a set, which only membership reads (the count units)."""
    if isinstance(a, tuple) and len(a) == 2 and isinstance(a[0], frozenset):
        return a == b and repr(a[1]) == repr(b[1]) and type(b[0]) is frozenset
    return a == b and repr(a) == repr(b)


@pytest.mark.parametrize("name", list(TABLES))
def test_a_kept_table_is_the_table_built_anew(kept_in: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fn, build = TABLES[name]
    built = build()
    assert _same(fn(), built)  # built, and kept
    path = _file(kept_in, name)
    assert cache.read_checked(str(path)) is not None
    fn.cache_clear()
    # from the file, not built: nothing is read from the data files
    monkeypatch.setattr(yamlio, "load_data", lambda name: pytest.fail(f"{name} read"))
    kept = fn()
    assert _same(kept, built)
    if isinstance(kept, dict):  # the registries' objects: the same classes, fields and properties
        for key, obj in kept.items():
            other = built[key]
            assert type(obj) is type(other) and vars(obj) == vars(other)
    assert path.stat().st_mtime_ns == _file(kept_in, name).stat().st_mtime_ns  # not written again


@pytest.mark.parametrize("name", list(TABLES))
def test_a_damaged_or_foreign_kept_table_is_built_again_and_rewritten(kept_in: Path, name: str) -> None:
    fn, build = TABLES[name]
    built = build()
    fn()
    path = _file(kept_in, name)
    raw = path.read_bytes()
    good = marshal.loads(cache.read_checked(str(path)))  # type: ignore[arg-type]
    damaged = [raw[:-1], raw[:30], b"", raw[:64] + bytes([raw[64] ^ 1]) + raw[65:],  # (a letter behind its digest)
               b"0" * 64 + raw[64:]]
    foreign: list[Any] = [None, 1, "x", [], {}, (good, good)]  # (an empty tuple is an empty table: a shape `freeze` gives)
    if isinstance(good, tuple) and good and isinstance(good[0], tuple):
        row = good[0]
        foreign += [(row[:-1],), ((*row, None),), (tuple(reversed(row)),),
                    ((*row[:-1], 1.5),), ((*row[:1], 1, *row[2:]),)]
    if name in ("legal", "anniversaries"):  # a day no calendar has: refused when made, built again
        day = 5 if name == "legal" else 3
        foreign.append(((*good[0][:day], 0, *good[0][day + 1:]),))
    if name == "units":
        foreign += [(list(good[0]), good[1]), (frozenset({1}), good[1]), (good[0], ((*good[1][0], "x"),))]
    for bad in damaged + [cache.digest.key(marshal.dumps(f)).encode() + marshal.dumps(f) for f in foreign]:
        path.write_bytes(bad)
        fn.cache_clear()
        assert _same(fn(), built)
        assert marshal.loads(cache.read_checked(str(path))) == good  # type: ignore[arg-type]


def test_an_edited_data_file_gives_a_new_table_never_the_kept_one(kept_in: Path, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    shutil.copytree(yamlio._DATA, data)
    monkeypatch.setattr(yamlio, "_DATA", str(data))
    before = legal.legal_registry()
    assert "99/2099/NDCP" not in before
    text = (data / "legal_documents.yaml").read_text(encoding="utf-8")
    row = ('  - {number: "99/2099/NĐ-CP", kind: "Nghị định", issuer: "Chính phủ", title: "Thử", date: 2099-01-01,\n'
           '     source: "test"}\n')
    (data / "legal_documents.yaml").write_text(text.replace("documents:\n", "documents:\n" + row, 1), encoding="utf-8")
    legal.legal_registry.cache_clear()
    after = legal.legal_registry()
    assert "99/2099/NDCP" in after and len(after) == len(before) + 1
    assert len(list(kept_in.glob("*-legal.marshal"))) == 2  # each kept under its own name
    # the same size and another time, or the same time and another size: not the kept table either
    stat = os.stat(data / "units.yaml")
    first = units._registry()
    units_text = (data / "units.yaml").read_text(encoding="utf-8")
    (data / "units.yaml").write_text(units_text.replace("hộ", "ho", 1) if "hộ" in units_text else units_text + " ",
                                     encoding="utf-8")
    os.utime(data / "units.yaml", ns=(stat.st_atime_ns, stat.st_mtime_ns))
    units._registry.cache_clear()
    assert units._registry() != first
    assert tables.kept_path("units", (str(data / "units.yaml"),)) != tables.kept_path(
        "units", (str(Path(yamlio.__file__).parent.parent / "data" / "units.yaml"),))


def test_the_name_of_a_kept_table_follows_its_sources(kept_in: Path, tmp_path: Path) -> None:
    src = tmp_path / "source.py"
    src.write_text("x = 1\n")
    first = tables.kept_path("t", (str(src),))
    assert first is not None and first == tables.kept_path("t", (str(src),))
    assert tables.kept_path("u", (str(src),)) != first  # another table
    os.utime(src, ns=(0, src.stat().st_mtime_ns + 1))  # another time
    assert tables.kept_path("t", (str(src),)) != first
    second = tables.kept_path("t", (str(src),))
    src.write_text("x = 12\n")
    os.utime(src, ns=(0, src.stat().st_mtime_ns))
    assert tables.kept_path("t", (str(src),)) not in (first, second)  # another size, the same time
    assert tables.kept_path("t", (str(tmp_path / "nowhere.py"),)) is None  # not a file: never kept


def test_a_table_of_an_edited_module_is_built_again(kept_in: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def build() -> tuple[int, ...]:
        calls.append(1)
        return (len(calls),)

    src = tmp_path / "builder.py"
    src.write_text("# the code that builds the table\n")

    def table() -> tuple[int, ...]:
        return tables.kept("test", (str(src),), build, lambda t: t,
                           lambda d: tables.rows((d,), tables.INT), lambda d: d)

    assert table() == (1,) and table() == (1,) and len(calls) == 1
    src.write_text("# the code that builds the table, edited\n")
    assert table() == (2,) and table() == (2,) and len(calls) == 2
    monkeypatch.setenv("AUDIT_NO_CACHE", "1")  # no cache folder: built every time, nothing kept
    assert table() == (3,) and table() == (4,)


def test_a_cache_folder_that_cannot_be_written_only_loses_the_saving(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("")
    monkeypatch.setenv("AUDIT_CACHE_DIR", str(blocked))  # (a file: no folder can be made in it)
    monkeypatch.delenv("AUDIT_NO_CACHE", raising=False)
    _clear()
    try:
        assert _same(legal.legal_registry(), legal._build())
        assert _same(cal._event_aliases(), cal._build_event_aliases())
    finally:
        _clear()


def test_the_shapes_refuse_what_freeze_never_gives() -> None:
    rows = tables.rows
    assert rows((), tables.STR) and rows((("a", 1),), tables.STR, tables.INT)
    assert not rows([("a", 1)], tables.STR, tables.INT) and not rows((["a", 1],), tables.STR, tables.INT)
    assert not rows((("a",),), tables.STR, tables.INT) and not rows((("a", True),), tables.STR, tables.INT)
    assert not rows((("a", None),), tables.STR, tables.INT) and rows((("a", None),), tables.STR, tables.OPT_INT)
    assert tables.tuples_of(tables.STR)((("a", "b"), ())) and not tables.tuples_of(tables.STR)((("a", 1),))
    assert not tables.tuples_of(tables.STR)((["a"],)) and not tables.lists_of(tables.INT)(((1,),))
    assert tables.rows_of(tables.INT)((((1,), (2,)), ())) and not tables.rows_of(tables.INT)(((("1",),),))
