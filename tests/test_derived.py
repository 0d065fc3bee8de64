"""Values a reading derives from the tool's code and data, kept in the cache folder
(auditor/files/derived.py, issue 16): a value served from the file is the value its builder makes,
for every key a reading asks; a file that is damaged, foreign or made from other sources is not
used; only plain data is kept; and a document reads the same with the file, without it and with
no cache at all."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.files import derived
from auditor.registries import cues

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201 - a fixture
    """The store as a process starts: nothing loaded, its folder a new one."""
    monkeypatch.setenv("AUDIT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("AUDIT_NO_CACHE", raising=False)

    def reset() -> None:
        derived._values, derived._path, derived._added = None, None, 0

    reset()
    yield reset
    reset()


def _files(folder: Path) -> list[Path]:
    return sorted((folder / "derived").glob("*-reader.marshal")) if (folder / "derived").is_dir() else []


def _reading_keys() -> list[tuple[str, tuple, object]]:
    """Every (kind, arguments, builder) a reading asks the store for: each cue's alternation and
    needs, a reversed matcher for each cue and gap (with and without gap words) and the lexicon itself
    (the calendar's folded aliases are kept by files/tables.py, tests/test_tables.py)."""
    out: list[tuple[str, tuple, object]] = [("cues", (), cues._rows)]
    for c in cues._all().values():
        out.append(("phrase", (c.name,), lambda name: cues.phrase_pattern(cues.cue(name).words)))
        out.append(("needs", (c.name,), lambda name: cues.phrase_needs(cues.cue(name).words)))
        for chars, words in cues._GAPS.values():
            for gap_words in (words, ("số",), ("số", "gồm có")):
                out.append(("reverse", (c.words, chars, tuple(gap_words)), cues.reverse_pattern))
    return out


def _served(kind: str, args: tuple) -> object:
    """What the reader's own code gets for one key (through the store)."""
    if kind == "cues":
        return tuple((c.name, c.words, c.doc_vi, c.doc_en) for c in cues._all.__wrapped__().values())
    if kind == "phrase":
        return cues.cue(args[0]).pattern
    if kind == "needs":
        return cues._needs.__wrapped__(args[0])
    m = cues.ReverseMatcher(*args)
    return m.rx.pattern if m.rx is not None else None


def test_values_served_from_the_file_are_the_builders_values(fresh, monkeypatch: pytest.MonkeyPatch,
                                                             tmp_path: Path) -> None:
    keys = _reading_keys()
    built = [_served(kind, args) for kind, args, _ in keys]  # (a first run: built and kept)
    assert derived.save() > 0 and len(_files(tmp_path)) == 1
    fresh()
    # the next run: no builder is called, every value comes from the file
    for name in ("phrase_pattern", "reverse_pattern", "phrase_needs", "_rows"):
        monkeypatch.setattr(cues, name, _refuse)
    served = [_served(kind, args) for kind, args, _ in keys]
    monkeypatch.undo()
    for (kind, args, builder), got, first in zip(keys, served, built):
        want = builder(*args)
        assert got == want and type(got) is type(want), (kind, args)
        assert got == first


def _refuse(*args: object, **kwargs: object) -> object:
    raise AssertionError("built, not served from the file")


def test_a_value_missing_from_the_file_is_built_and_added(fresh, tmp_path: Path) -> None:
    derived.get(("phrase", ("một",)), lambda: cues.phrase_pattern(("một",)))
    assert derived.save() == 1
    fresh()
    assert derived.get(("phrase", ("hai",)), lambda: cues.phrase_pattern(("hai",))) == cues.phrase_pattern(("hai",))
    assert derived.save() == 2  # (written again, with both)
    fresh()
    assert derived.save() == 0  # (nothing built: not written)


@pytest.mark.parametrize("damage", ["flip", "cut", "empty", "foreign"])
def test_a_damaged_or_foreign_file_is_not_used(fresh, tmp_path: Path, damage: str) -> None:
    derived.get(("phrase", ("một",)), lambda: "kept")
    derived.save()
    (path,) = _files(tmp_path)
    raw = path.read_bytes()
    if damage == "flip":  # a byte of the values changed behind the digest
        i = raw.index(b"kept")
        raw = raw[:i] + b"kepu" + raw[i + 4:]
    elif damage == "cut":
        raw = raw[:-3]
    elif damage == "empty":
        raw = b""
    else:  # a good digest over data of another shape
        import marshal

        from auditor.files import digest

        payload = marshal.dumps([("phrase", ("một",)), "kept"])
        raw = digest.key(payload).encode("ascii") + payload
    path.write_bytes(raw)
    fresh()
    assert derived.get(("phrase", ("một",)), lambda: "built") == "built"
    assert derived.save() == 1 and derived.get(("phrase", ("một",)), lambda: "again") == "built"


def test_other_sources_have_another_file(fresh, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "source.py"
    source.write_text("a = 1\n")
    monkeypatch.setattr(derived, "SOURCES", (str(source),))
    derived.get(("k",), lambda: "old")
    derived.save()
    fresh()
    assert derived.get(("k",), lambda: "new") == "old"  # (the same sources: served)
    fresh()
    source.write_text("a = 22\n")  # an edited source (another size)
    assert derived.get(("k",), lambda: "new") == "new"
    assert derived.save() == 1
    fresh()
    st = source.stat()
    os.utime(source, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))  # (the same size, a later time)
    assert derived.get(("k",), lambda: "newer") == "newer"
    assert derived.save() == 1
    fresh()
    assert derived.get(("k",), lambda: "again") == "newer"  # (unchanged since: served)
    fresh()
    source.unlink()  # a source that is not a file: nothing kept
    assert derived.get(("k",), lambda: "built") == "built"
    assert derived.save() == 0


def test_only_plain_values_are_kept(fresh) -> None:
    for value in (["a"], {"a": 1}, 1.5, frozenset({"a"}), ("a", ["b"]), b"a"):
        assert derived.get(("v", repr(value)), lambda v=value: v) == value
    assert derived.get((["unhashable"],), lambda: "built") == "built"
    assert derived.save() == 0
    for value in ("a", 1, True, None, ("a", (1, None, False)), ()):
        derived.get(("v", repr(value)), lambda v=value: v)
    assert derived.save() == 6
    fresh()
    for value in ("a", 1, True, None, ("a", (1, None, False)), ()):
        got = derived.get(("v", repr(value)), _refuse)
        assert got == value and type(got) is type(value)


def test_no_file_without_a_cache_folder(fresh, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUDIT_NO_CACHE", "1")
    assert derived.get(("k",), lambda: "built") == "built"
    assert derived.save() == 0 and _files(tmp_path) == []


def test_every_builder_is_in_the_sources() -> None:
    """The file is named after the files its values are built from: each builder's module, what
    they call of the tool's, and the data they read."""
    builders = [cues.phrase_pattern, cues.first_letters, cues.reverse_pattern, cues._rows, cues.phrase_needs]
    from auditor.files import yamlio

    builders.append(yamlio.load_data.__wrapped__ if hasattr(yamlio.load_data, "__wrapped__") else yamlio.load_data)
    sources = {os.path.realpath(s) for s in derived.SOURCES}
    for f in builders:
        f = getattr(f, "__wrapped__", f)
        assert os.path.realpath(f.__code__.co_filename) in sources, f
    for name in ("cues.yaml",):
        assert os.path.realpath(ROOT / "auditor" / "data" / name) in sources


_RUN = [sys.executable, "-m", "auditor", str(ROOT / "fixtures" / "dong_hoa_2023.docx"), "-f", "json"]


def test_a_document_reads_the_same_with_the_file_without_it_and_without_a_cache(tmp_path: Path) -> None:
    env = {**os.environ, "AUDIT_CACHE_DIR": str(tmp_path)}
    env.pop("AUDIT_NO_CACHE", None)
    outs = []
    for cache in ("cold", "warm", "none"):
        run_env = {**env, "AUDIT_NO_CACHE": "1"} if cache == "none" else env
        proc = subprocess.run(_RUN, capture_output=True, text=True, env=run_env, check=False, cwd=tmp_path)
        assert proc.returncode in (0, 1), proc.stderr
        doc = json.loads(proc.stdout)
        doc.pop("duration_s", None)
        for f in doc.get("files", []):
            f.pop("duration_s", None)
        outs.append(doc)
        if cache == "cold":
            assert len(_files(tmp_path)) == 1
    assert outs[0] == outs[1] == outs[2]


def test_files_of_other_installs_are_kept_up_to_a_few(tmp_path: Path) -> None:
    """The folder keeps the last `_MAX_FILES` files of derived values (the others' next run writes them again)."""
    import time

    from auditor.files.bundle import prune

    folder = tmp_path / "derived"
    folder.mkdir()
    names = [folder / f"{i:02d}-reader.marshal" for i in range(derived._MAX_FILES + 3)]
    for k, f in enumerate(names):
        f.write_bytes(b"x")
        os.utime(f, ns=(time.time_ns(), time.time_ns() + k * 1_000_000))
    (folder / "other-modules.bundle").write_bytes(b"y")  # (another kind of file is left alone)
    prune(str(names[-1]), "-reader.marshal", derived._MAX_FILES)
    left = sorted(p.name for p in folder.glob("*-reader.marshal"))
    assert left == [f.name for f in names[-derived._MAX_FILES:]]
    assert (folder / "other-modules.bundle").exists()
