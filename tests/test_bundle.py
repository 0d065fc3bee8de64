"""The modules of a run served from one file of the cache folder (`auditor/files/bundle.py`, issue 16):
a module comes from the file only when the normal import would give the same module, and any damage,
edit or change of a folder sends it back to the normal import (and the file is written again)."""

from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Imports the modules named on the command line with the bundle installed first, as `launch.run` does;
# prints each one's value of X (or its names), whether it came from the file, and what `save` wrote.
_IMPORT = """
import sys
sys.path[:0] = [p for p in sys.argv[1].split("|") if p]
from auditor.files import bundle
installed = bundle.install()
out = {}
for name in sys.argv[2:]:
    m = __import__(name, fromlist=["X"])
    out[name] = [getattr(m, "X", None), type(m.__spec__.loader).__name__ == "_BundledLoader"]
import json
print(json.dumps({"installed": installed, "modules": out, "saved": bundle.save()}))
"""


def _run(tmp: Path, paths: list[Path], *names: str, env: dict[str, str] | None = None) -> dict:
    cache = tmp / "cache"
    run_env = {"AUDIT_CACHE_DIR": str(cache), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT),
               "PYTHONDONTWRITEBYTECODE": "", **(env or {})}
    out = subprocess.run([sys.executable, "-c", _IMPORT, "|".join(map(str, paths)), *names], capture_output=True,
                         text=True, check=True, env=run_env, cwd=tmp)
    return json.loads(out.stdout)


def _bundle(tmp: Path) -> Path:
    (found,) = (tmp / "cache" / "code").glob("*-modules.bundle")
    return found


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def mods(tmp_path: Path) -> Path:
    d = tmp_path / "mods"
    _write(d / "alpha.py", 'X = "alpha"\n')
    _write(d / "bravo.py", 'X = "bravo"\n')
    _write(d / "pkg" / "__init__.py", 'X = "pkg"\n')
    _write(d / "pkg" / "sub.py", 'from pkg import X as P\nX = P + ".sub"\n')
    return d


def test_a_second_run_takes_the_modules_from_the_file(tmp_path: Path, mods: Path) -> None:
    first = _run(tmp_path, [mods], "alpha", "pkg.sub", "textwrap")
    assert first["installed"] is False and first["saved"] > 0
    assert first["modules"] == {"alpha": ["alpha", False], "pkg.sub": ["pkg.sub", False], "textwrap": [None, False]}
    second = _run(tmp_path, [mods], "alpha", "pkg.sub", "textwrap")
    assert second["installed"] is True and second["saved"] == 0  # (nothing new: not written again)
    assert second["modules"] == {"alpha": ["alpha", True], "pkg.sub": ["pkg.sub", True], "textwrap": [None, True]}


_ATTRS = """
import sys
sys.path[:0] = [p for p in sys.argv[1].split("|") if p]
if sys.argv[2] == "1":
    from auditor.files import bundle
    bundle.install()
modules = [__import__(name, fromlist=["X"]) for name in sys.argv[3:]]
import importlib, inspect, importlib.resources, json
out = {}
for name, m in zip(sys.argv[3:], modules):
    s = m.__spec__
    out[name] = [m.__name__, m.__file__, m.__cached__, m.__package__, getattr(m, "__path__", None), s.name, s.origin,
                 s.cached, s.parent, s.has_location, s.submodule_search_locations, m.__loader__.path,
                 m.__loader__.name, m.__loader__.get_source(name)[:80], isinstance(m.__loader__, importlib.machinery.SourceFileLoader),
                 sorted(k for k in vars(m) if k.startswith("__"))]
    if hasattr(m, "__path__"):
        out[name].append(sorted(p.name for p in importlib.resources.files(name).iterdir() if p.name != "__pycache__"))
served = [n for n in sys.argv[3:] if type(sys.modules[n].__loader__).__name__ == "_BundledLoader"]
print(json.dumps([out, served]))
"""


def test_a_served_module_is_the_module_the_normal_import_makes(tmp_path: Path, mods: Path) -> None:
    names = ["alpha", "pkg", "pkg.sub", "auditor.engine.runner", "auditor.data", "json.decoder", "textwrap"]
    env = {"AUDIT_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}

    def attrs(bundled: str) -> list:
        out = subprocess.run([sys.executable, "-c", _ATTRS, str(mods), bundled, *names], capture_output=True,
                             text=True, check=True, env=env, cwd=tmp_path)
        return json.loads(out.stdout)

    _run(tmp_path, [mods], *names)  # writes the file (the same sys.path as below: the same file)
    normal, none_served = attrs("0")
    served_attrs, served = attrs("1")
    assert none_served == [] and served == names
    assert served_attrs == normal


def test_an_edited_source_is_imported_from_itself(tmp_path: Path, mods: Path) -> None:
    _run(tmp_path, [mods], "alpha", "bravo")
    assert _run(tmp_path, [mods], "alpha", "bravo")["modules"]["alpha"] == ["alpha", True]
    # the same size, another time of change (a later second: the `__pycache__` file, checked by
    # its source's time in seconds, is then compiled again by the normal import too)
    _write(mods / "alpha.py", 'X = "ALPHA"\n')
    st = (mods / "bravo.py").stat()
    os.utime(mods / "alpha.py", ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))
    edited = _run(tmp_path, [mods], "alpha", "bravo")
    assert edited["modules"] == {"alpha": ["ALPHA", False], "bravo": ["bravo", True]} and edited["saved"] > 0
    assert _run(tmp_path, [mods], "alpha", "bravo")["modules"] == {"alpha": ["ALPHA", True], "bravo": ["bravo", True]}
    # the same time of change, another size
    ns = (mods / "alpha.py").stat().st_mtime_ns
    _write(mods / "alpha.py", 'X = "alpha, again"\n')
    os.utime(mods / "alpha.py", ns=(ns, ns))
    assert _run(tmp_path, [mods], "alpha")["modules"]["alpha"] == ["alpha, again", False]


def test_a_module_put_before_a_served_one_is_found_first(tmp_path: Path, mods: Path) -> None:
    early = tmp_path / "early"
    early.mkdir()
    _run(tmp_path, [early, mods], "alpha", "pkg.sub")
    assert _run(tmp_path, [early, mods], "alpha", "pkg.sub")["modules"]["alpha"] == ["alpha", True]
    _write(early / "alpha.py", 'X = "early"\n')  # (an earlier folder of the path: found first)
    _write(mods / "pkg" / "sub" / "__init__.py", 'X = "sub package"\n')  # (a package wins over a module)
    again = _run(tmp_path, [early, mods], "alpha", "pkg.sub")
    assert again["modules"] == {"alpha": ["early", False], "pkg.sub": ["sub package", False]}
    assert _run(tmp_path, [early, mods], "alpha", "pkg.sub")["modules"] == {
        "alpha": ["early", True], "pkg.sub": ["sub package", True]}


def _damaged(raw: bytes, how: str) -> bytes:
    head = 16 + 64 + 8
    size = int.from_bytes(raw[head - 8:head], "little")
    if how == "cut":
        return raw[: len(raw) // 2]
    if how == "emptied":
        return b""
    if how == "header":
        return raw[:head - 8] + (size + 1).to_bytes(8, "little") + raw[head:]
    if how == "index letter":  # a letter of the index changed behind its digest
        i = raw.index(b"alpha.py", head)
        return raw[:i] + b"b" + raw[i + 1:]
    if how == "code":  # the code of every module unreadable
        return raw[:head + size] + bytes(len(raw) - head - size)
    if how == "code cut":
        return raw[:head + size + 3]
    raise AssertionError(how)


@pytest.mark.parametrize("how", ["cut", "emptied", "header", "index letter", "code", "code cut"])
def test_a_damaged_file_is_not_used_and_is_written_again(tmp_path: Path, mods: Path, how: str) -> None:
    _run(tmp_path, [mods], "alpha", "pkg.sub")
    path = _bundle(tmp_path)
    path.write_bytes(_damaged(path.read_bytes(), how))
    damaged = _run(tmp_path, [mods], "alpha", "pkg.sub")
    assert [v[0] for v in damaged["modules"].values()] == ["alpha", "pkg.sub"]
    assert damaged["saved"] > 0
    assert _run(tmp_path, [mods], "alpha", "pkg.sub")["modules"] == {"alpha": ["alpha", True], "pkg.sub": ["pkg.sub", True]}


def _rewrite_index(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    """The file with its index changed by `change` and a good digest (`bundle._read` checks it)."""
    from auditor.files import digest

    raw = path.read_bytes()
    head = 16 + 64 + 8
    size = int.from_bytes(raw[head - 8:head], "little")
    dirs, entries = marshal.loads(raw[head:head + size])
    index = marshal.dumps(change(dirs, entries))
    code = raw[head + size:]
    path.write_bytes(raw[:16] + digest.key(index).encode("ascii") + len(index).to_bytes(8, "little") + index + code)


def test_code_swapped_behind_a_good_digest_is_what_the_digest_is_for(tmp_path: Path, mods: Path) -> None:
    # alpha.py and bravo.py have the same size: with their places swapped in an index whose digest
    # were not checked, each would get the other's code
    _run(tmp_path, [mods], "alpha", "bravo")
    path = _bundle(tmp_path)
    raw = bytearray(path.read_bytes())
    head = 16 + 64 + 8
    size = int.from_bytes(raw[head - 8:head], "little")
    dirs, entries = marshal.loads(bytes(raw[head:head + size]))
    a, b = entries["alpha"], entries["bravo"]
    entries["alpha"], entries["bravo"] = (*a[:6], *b[6:]), (*b[:6], *a[6:])
    index = marshal.dumps((dirs, entries))
    assert len(index) == size
    path.write_bytes(bytes(raw[:head]) + index + bytes(raw[head + size:]))  # (the old digest)
    assert _run(tmp_path, [mods], "alpha", "bravo")["modules"] == {"alpha": ["alpha", False], "bravo": ["bravo", False]}


@pytest.mark.parametrize("change", [
    lambda d, e: ([], e),
    lambda d, e: (d, {n: (1, 2) for n in e}),
    lambda d, e: (d, {n: (*v[:2], 7, *v[3:]) for n, v in e.items()}),
    lambda d, e: (d, {n: (*v[:6], v[6] + 1, v[7]) for n, v in e.items()}),
    lambda d, e: ({}, e),
    lambda d, e: ("dirs", "entries"),
    lambda d, e: [d, e, e],
], ids=["no folders", "short entries", "a number for a name", "code shifted", "folders as a dict", "strings",
        "three parts"])
def test_an_index_of_another_shape_is_not_used(tmp_path: Path, mods: Path, change) -> None:  # type: ignore[no-untyped-def]
    _run(tmp_path, [mods], "alpha", "pkg.sub")
    _rewrite_index(_bundle(tmp_path), change)
    foreign = _run(tmp_path, [mods], "alpha", "pkg.sub")
    # (code at a wrong place is found when it is read: the module's own `__pycache__` file then)
    assert [v[0] for v in foreign["modules"].values()] == ["alpha", "pkg.sub"]
    assert foreign["saved"] > 0
    assert _run(tmp_path, [mods], "alpha", "pkg.sub")["modules"] == {"alpha": ["alpha", True], "pkg.sub": ["pkg.sub", True]}


def test_another_path_or_no_cache_has_no_file_of_its_own(tmp_path: Path, mods: Path) -> None:
    _run(tmp_path, [mods], "alpha")
    other = tmp_path / "other"
    other.mkdir()
    # another `sys.path`: another file, not this one
    assert _run(tmp_path, [other, mods], "alpha")["modules"]["alpha"] == ["alpha", False]
    assert len(list((tmp_path / "cache" / "code").glob("*-modules.bundle"))) == 2
    off = _run(tmp_path, [mods], "alpha", env={"AUDIT_NO_CACHE": "1"})
    assert off == {"installed": False, "modules": {"alpha": ["alpha", False]}, "saved": 0}


# `audit FILE` as bin/audit runs it (`launch.run`, the fast path), reporting the modules served from the file
_FAST = """
import os, sys
import auditor.fastpath as fp
def leave(code):
    import json
    loaders = {n: type(getattr(getattr(m, "__spec__", None), "loader", None)).__name__ for n, m in sys.modules.items()}
    served = sorted(n for n, t in loaders.items() if t == "_BundledLoader")
    normal = sorted(n for n, t in loaders.items() if t == "SourceFileLoader" and n.startswith("auditor"))
    sys.stderr.write(json.dumps([code, served, normal]) + "\\n")
    sys.stderr.flush()
    os._exit(0)
fp.leave = leave
sys.argv = ["audit", *sys.argv[1:]]
from auditor.launch import run
run()
"""


def test_a_json_run_serves_its_modules_from_the_file_with_the_same_output(tmp_path: Path) -> None:
    env = {"AUDIT_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    report = str(ROOT / "fixtures" / "seed_000_but_son_2022.json")
    outs = []
    for _ in range(3):
        p = subprocess.run([sys.executable, "-c", _FAST, report, "-f", "json", "--lang", "en"], capture_output=True,
                           text=True, check=True, env=env, cwd=tmp_path)
        outs.append((p.stdout, *json.loads(p.stderr.strip().splitlines()[-1])))
    (out1, c1, served1, _), (out2, c2, served2, normal2), (out3, c3, served3, _) = outs
    assert c1 == c2 == c3 == 1 and out1 == out2 == out3
    assert served1 == [] and served2 == served3
    assert {"auditor.engine.runner", "auditor.checks.arithmetic", "auditor.read._fastview", "decimal",
            "json.decoder"} <= set(served2)
    # (the modules imported before the file is read: `launch` reads it after the hand-over check)
    assert normal2 == ["auditor", "auditor.fastpath", "auditor.files", "auditor.files.bundle", "auditor.files.cache",
                       "auditor.files.digest", "auditor.launch", "auditor.resident", "auditor.resident.client",
                       "auditor.resident.protocol"]


def test_kept_bytes_that_are_not_code_are_not_run(tmp_path: Path, mods: Path) -> None:
    _run(tmp_path, [mods], "alpha")
    path = _bundle(tmp_path)
    raw = path.read_bytes()
    head = 16 + 64 + 8
    size = int.from_bytes(raw[head - 8:head], "little")
    _, entries = marshal.loads(raw[head:head + size])
    at = head + size + entries["alpha"][6]
    text = marshal.dumps('X = "not code"')  # (a text marshal reads; `exec` would run it)
    path.write_bytes(raw[:at] + text + raw[at + len(text):])
    assert _run(tmp_path, [mods], "alpha")["modules"]["alpha"][0] == "alpha"


def test_a_package_whose_search_path_changed_is_searched_as_it_is(tmp_path: Path, mods: Path) -> None:
    extra = tmp_path / "extra"
    _write(extra / "sub.py", 'X = "extra sub"\n')
    _write(mods / "pkg" / "__init__.py", f'import os\nX = "pkg"\nif os.environ.get("PKG_EXTRA"):\n'
                                         f'    __path__.insert(0, {str(extra)!r})\n')
    _run(tmp_path, [mods], "pkg.sub")
    assert _run(tmp_path, [mods], "pkg.sub")["modules"]["pkg.sub"] == ["pkg.sub", True]
    assert _run(tmp_path, [mods], "pkg.sub", env={"PKG_EXTRA": "1"})["modules"]["pkg.sub"] == ["extra sub", False]


def test_a_path_changed_after_the_file_was_read_is_searched_as_it_is(tmp_path: Path, mods: Path) -> None:
    front = tmp_path / "front"
    _write(front / "alpha.py", 'X = "front"\n')
    script = _IMPORT.replace("installed = bundle.install()\n",
                             f"installed = bundle.install()\nsys.path.insert(0, {str(front)!r})\n")
    _run(tmp_path, [mods], "alpha")
    assert _run(tmp_path, [mods], "alpha")["modules"]["alpha"] == ["alpha", True]
    env = {"AUDIT_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", script, str(mods), "alpha"], capture_output=True, text=True,
                         check=True, env=env, cwd=tmp_path)
    assert json.loads(out.stdout)["modules"]["alpha"] == ["front", False]


def test_files_of_other_paths_are_kept_up_to_a_few(tmp_path: Path, mods: Path) -> None:
    from auditor.files import bundle

    folders = []
    for i in range(bundle._MAX_FILES + 2):
        folders.append(tmp_path / f"p{i}")
        folders[-1].mkdir()
        _run(tmp_path, [folders[-1], mods], "alpha")
    kept = list((tmp_path / "cache" / "code").glob("*-modules.bundle"))
    assert len(kept) == bundle._MAX_FILES
    # the last ones written are kept (the first path's file was removed: its next run writes it again)
    assert _run(tmp_path, [folders[-1], mods], "alpha")["modules"]["alpha"] == ["alpha", True]
    assert _run(tmp_path, [folders[0], mods], "alpha")["modules"]["alpha"] == ["alpha", False]
