"""The code `dataclasses` generates, kept between runs (auditor/files/codecache.py, issue 16): a
second run compiles none of it, finds exactly the same, and a class made from kept code behaves
as one made by `dataclasses` alone. (Work is counted — texts compiled — not timed.)"""

from __future__ import annotations

import dataclasses
import inspect
import json
import marshal
import os
import shutil
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.files import codecache

ROOT = Path(__file__).resolve().parent.parent
SEED_TEXT = next((ROOT / "fixtures" / "seeds").glob("000_*.txt"))

# One `audit FILE -f json` run as the console script makes it, counting the texts that the
# dataclasses module had to compile (those not in the file).
_RUN = """
import json, sys
from auditor import cli
from auditor.files import codecache
compiled = len(codecache._fresh)
sys.argv = ["audit", sys.argv[1], "-f", "json", "-o", sys.argv[2]]
code = cli._run()
compiled = len(codecache._fresh)
written = codecache.save()
print(json.dumps({"code": code, "compiled": compiled, "written": written, "kept": len(codecache._codes)}))
"""


def _run(path: Path, out: Path, cache: Path, *, no_cache: bool = False) -> dict:
    env = {**os.environ, "AUDIT_CACHE_DIR": str(cache)}
    env.pop("AUDIT_NO_CACHE", None)
    if no_cache:
        env["AUDIT_NO_CACHE"] = "1"
    proc = subprocess.run([sys.executable, "-c", _RUN, str(path), str(out)], capture_output=True, text=True,
                          env=env, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _findings(path: Path) -> list:
    return json.loads(path.read_text("utf-8"))["findings"]


def test_a_second_run_compiles_no_dataclass_code_and_finds_the_same(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _run(SEED_TEXT, tmp_path / "a.json", cache)
    second = _run(SEED_TEXT, tmp_path / "b.json", cache)
    plain = _run(SEED_TEXT, tmp_path / "c.json", cache, no_cache=True)
    assert first["compiled"] > 50 and first["written"] == first["kept"]    # ~30 classes, ~3 methods each (the
    # JSON path's 42 are made without `dataclasses`: auditor/records)
    assert second["compiled"] == 0 and second["written"] == 0
    assert plain["kept"] == 0                                               # AUDIT_NO_CACHE: not installed
    assert first["code"] == second["code"] == plain["code"] == 1
    assert _findings(tmp_path / "a.json") == _findings(tmp_path / "b.json") == _findings(tmp_path / "c.json")


def test_a_damaged_or_foreign_file_is_ignored(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _run(SEED_TEXT, tmp_path / "a.json", cache)
    (kept,) = (cache / "code").glob("*.marshal")
    # every entry of the real file damaged: the file is read, each entry refused when its text comes
    damaged = {k: b"\x00" + v[1:] for k, v in marshal.loads(kept.read_bytes()).items()}
    for content in (b"\x00garbage", marshal.dumps({"x = 1": "not code"}), marshal.dumps(["a list"]),
                    marshal.dumps(damaged)):
        kept.write_bytes(content)
        # (the other cache entries removed: with them warm a text run makes no dataclass at all — the
        # reader's classes are `auditor.records` — and there would be nothing to compile)
        for entry in cache.iterdir():
            if entry.name != "code":
                shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
        again = _run(SEED_TEXT, tmp_path / "b.json", cache)
        assert again["compiled"] > 50           # compiled as usual, and the file written again
        assert _findings(tmp_path / "b.json") == _findings(tmp_path / "a.json")


_NAMES = st.lists(st.from_regex(r"[a-z][a-z0-9_]{0,6}", fullmatch=True), min_size=1, max_size=6, unique=True)
_VALUES = st.one_of(st.integers(), st.text(max_size=5), st.none(), st.booleans())


@settings(max_examples=30, deadline=None)
@given(names=_NAMES, defaults=st.integers(0, 6), frozen=st.booleans(), slots=st.booleans(),
       order=st.booleans(), values=st.lists(_VALUES, min_size=6, max_size=6))
def test_a_class_made_from_kept_code_behaves_as_dataclasses_makes_it(names, defaults, frozen, slots, order,
                                                                       values) -> None:
    """The same class made by `dataclasses` with the built-in exec, then through the cache twice
    (the second time every text comes from the cache): same fields, same methods' behaviour."""
    n_def = min(defaults, len(names))
    ns = {n: int for n in names}

    def make():
        body = {"__annotations__": dict(ns)}
        for n in names[len(names) - n_def:]:
            body[n] = 7
        cls = type("Rec", (), body)
        return dataclasses.dataclass(frozen=frozen, slots=slots, order=order)(cls)

    saved = dict(codecache._codes), dict(codecache._fresh)
    had = vars(dataclasses).get("exec")
    try:
        plain = make()
        dataclasses.exec = codecache._cached_exec
        codecache._codes.clear()
        first = make()
        from_cache = len(codecache._fresh)
        second = make()
        assert len(codecache._fresh) == from_cache     # nothing compiled the second time
    finally:
        if had is None:
            del dataclasses.exec
        codecache._codes.clear()
        codecache._codes.update(saved[0])
        codecache._fresh.clear()
        codecache._fresh.update(saved[1])
    # the generated methods themselves: same annotations (objects, not strings) and signature
    for meth in ("__init__", "__repr__", "__eq__"):
        a, b = getattr(plain, meth), getattr(second, meth)
        assert getattr(a, "__annotations__", None) == getattr(b, "__annotations__", None)
    assert inspect.signature(plain) == inspect.signature(second)
    args = values[:len(names)]
    objs = [cls(*args) for cls in (plain, first, second)]
    assert len({repr(o) for o in objs}) == 1
    assert [f.name for f in dataclasses.fields(plain)] == [f.name for f in dataclasses.fields(second)]
    assert dataclasses.astuple(objs[0]) == dataclasses.astuple(objs[2])
    for o, cls in zip(objs, (plain, first, second)):
        assert o == cls(*args) and o != object()
        assert (type(o).__hash__ is None) == (type(objs[0]).__hash__ is None)
    if order:
        outcomes = set()
        for o, cls in zip(objs, (plain, first, second)):
            try:
                outcomes.add(("ok", o < cls(*args), o <= cls(*args)))
            except TypeError:
                outcomes.add(("TypeError",))
        assert len(outcomes) == 1
    if frozen:
        assert len({hash(o) for o in objs}) == 1


def test_dataclasses_imported_after_install_gets_the_cache_and_stays_as_imported(tmp_path: Path) -> None:
    """A JSON run does not import `dataclasses` (auditor/records); when something imports it after
    `install`, the finder gives it the caching `exec` then, leaves its spec and loader as the
    import made them, and goes away."""
    code = """
import json, sys
from auditor.files import codecache
codecache.install()
before = "dataclasses" in sys.modules
import dataclasses, importlib.util
real = importlib.util.find_spec("dataclasses")
print(json.dumps([before, dataclasses.exec is codecache._cached_exec,
                  type(dataclasses.__loader__).__name__, dataclasses.__spec__.loader is dataclasses.__loader__,
                  dataclasses.__spec__.origin == real.origin, dataclasses.__file__ == real.origin,
                  [type(f).__name__ for f in sys.meta_path if type(f).__name__ == "_WhenImported"]]))
"""
    env = {**os.environ, "AUDIT_CACHE_DIR": str(tmp_path)}
    env.pop("AUDIT_NO_CACHE", None)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert json.loads(out.stdout) == [False, True, "SourceFileLoader", True, True, True, []]
