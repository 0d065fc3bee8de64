"""Dataclasses whose methods' code is kept between runs (auditor/files/dccache.py, issue 16): a
class made through the cache is the class `dataclasses` makes (the same code in every method,
the same behaviour), from the file or compiled; a second process compiles none of the methods
the first one wrote; a damaged file changes nothing. (Work is counted, not timed.)"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, ClassVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.files import dccache

ROOT = Path(__file__).resolve().parent.parent
SEED_TEXT = next((ROOT / "fixtures" / "seeds").glob("000_*.txt"))


def _methods(cls: type) -> dict[str, Any]:
    return {k: v for k, v in vars(cls).items() if callable(v) and hasattr(v, "__code__")}


def _same_class(a: type, b: type) -> None:
    ma, mb = _methods(a), _methods(b)
    assert sorted(ma) == sorted(mb)
    for name in ma:
        fa, fb = ma[name], mb[name]
        assert fa.__code__ == fb.__code__, name
        assert fa.__code__.co_filename == fb.__code__.co_filename
        assert fa.__defaults__ == fb.__defaults__ and fa.__kwdefaults__ == fb.__kwdefaults__, name
        assert fa.__annotations__ == fb.__annotations__, name
        assert fa.__qualname__.split(".")[-1] == fb.__qualname__.split(".")[-1]
    assert [f.name for f in dataclasses.fields(a)] == [f.name for f in dataclasses.fields(b)]
    assert a.__hash__ is None if b.__hash__ is None else a.__hash__ is not None


def _make(decorator: Any, options: dict[str, Any], fields: list[tuple[str, str, Any]]) -> type:
    ns: dict[str, Any] = {"__annotations__": {}}
    for name, typ, default in fields:
        ns["__annotations__"][name] = typ
        if default is not dataclasses.MISSING:
            ns[name] = default
    ns["__annotations__"]["shared"] = "ClassVar[int]"
    ns["shared"] = 1
    return decorator(**options)(type("Sample", (), ns))


_OPTIONS = st.fixed_dictionaries({}, optional={
    "frozen": st.booleans(), "eq": st.booleans(), "order": st.booleans(), "repr": st.booleans(),
    "unsafe_hash": st.booleans(), "kw_only": st.booleans(), "slots": st.booleans(), "match_args": st.booleans(),
}).filter(lambda o: not (o.get("order") and o.get("eq") is False))
_FIELDS = st.lists(st.tuples(st.sampled_from(["int", "str", "list[int]", "Any", "int | None"]),
                             st.sampled_from([dataclasses.MISSING, 0, "x", None,
                                              dataclasses.field(default_factory=list)])),
                   max_size=6)


@settings(max_examples=60, deadline=None)
@given(_OPTIONS, _FIELDS)
def test_a_class_made_through_the_cache_is_the_class_dataclasses_makes(options: dict, raw: list) -> None:
    # (fields with a default after none are refused alike: then both raise)
    fields = [(f"f{i}", typ, default) for i, (typ, default) in enumerate(raw)]
    try:
        plain = _make(dataclasses.dataclass, options, fields)
    except (TypeError, ValueError) as e:
        with pytest.raises(type(e)):
            _make(dccache.dataclass, options, fields)
        return
    cached = _make(dccache.dataclass, options, fields)
    again = _make(dccache.dataclass, options, fields)  # the code now from the cache
    _same_class(cached, plain)
    _same_class(again, plain)
    values = {name: (0 if default is dataclasses.MISSING else None) for name, _, default in fields}
    required = {k: v for k, v in values.items() if next(d for n, _, d in fields if n == k) is dataclasses.MISSING}
    a, b = plain(**required), again(**required)
    if options.get("repr", True):
        assert repr(a) == repr(b)
    assert dataclasses.asdict(a) == dataclasses.asdict(b)
    assert "exec" not in vars(dataclasses)  # the builtin again once the class is made


def test_annotations_are_not_strings_through_the_cache() -> None:
    # dccache.py has `from __future__ import annotations`; `exec` in dataclasses' frame has not
    @dccache.dataclass
    class A:
        x: int = 0

    @dataclasses.dataclass
    class B:
        x: int = 0

    assert A.__init__.__annotations__ == B.__init__.__annotations__
    assert A.__init__.__code__ == B.__init__.__code__
    assert "ClassVar" in repr(ClassVar)  # (the import is used by the samples above)


# A process that imports the document path and reads the seed, reporting how many methods it
# compiled itself (not found in the file) and what it read.
_RUN = """
import json, sys
from auditor.files import dccache
from auditor.extract import read_document
rr = read_document(sys.argv[1])
print(json.dumps({"compiled": len(dccache._new), "found": len(dccache._codes or {}),
                  "saved": dccache.save(), "report": repr(rr.report)[:20000]}))
"""


def _run(cache: Path) -> dict:
    env = {**os.environ, "AUDIT_CACHE_DIR": str(cache), "PYTHONHASHSEED": "0"}
    env.pop("AUDIT_NO_CACHE", None)
    proc = subprocess.run([sys.executable, "-c", _RUN, str(SEED_TEXT)], capture_output=True, text=True,
                          env=env, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_a_second_process_compiles_no_method_and_reads_the_same(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _run(cache)
    assert first["compiled"] > 30 and first["saved"] == first["compiled"]
    second = _run(cache)
    assert second["compiled"] == 0 and second["saved"] == 0
    assert second["found"] >= first["compiled"]
    assert second["report"] == first["report"]


def test_a_damaged_file_is_ignored(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _run(cache)
    files = list((cache / "dataclass").glob("*.marshal"))
    assert len(files) == 1
    files[0].write_bytes(b"\x00not marshal")
    again = _run(cache)
    assert again["compiled"] == first["compiled"] and again["report"] == first["report"]
    files[0].write_bytes(__import__("marshal").dumps({"def f(): pass": 1}))  # not code: ignored
    assert _run(cache)["compiled"] == first["compiled"]
