"""Compiled patterns kept between runs (auditor/files/rxcache.py, issue 16): a second run of the
document path compiles almost none of the ~400 patterns the first one compiled, finds exactly
the same, and a pattern rebuilt from the file is the pattern `re` compiles (its code with the set
of its matches' first characters where `re` knows none: files/rxstart.py, tests/test_rxstart.py). (Work is counted —
calls of `re`'s compiler — not timed.)"""

from __future__ import annotations

import json
import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.files import rxcache

ROOT = Path(__file__).resolve().parent.parent
SEED_TEXT = next((ROOT / "fixtures" / "seeds").glob("000_*.txt"))

# One `audit FILE -f json` run as the console script makes it, counting the patterns that
# `re` compiles itself (its compiler is called only when its cache has no such pattern).
_RUN = """
import json, re, sys
import re._compiler as C
count = [0]
orig = C.compile
def counting(p, flags=0):
    count[0] += 1
    return orig(p, flags)
C.compile = counting
from auditor import cli
sys.argv = ["audit", sys.argv[1], "-f", "json", "-o", sys.argv[2]]
code = cli._run()
added = cli.rxcache.save()
print(json.dumps({"code": code, "compiled": count[0], "added": added,
                  "imported": sorted(m for m in sys.modules if m.split(".")[0] in ("yaml", "pydantic", "docx"))}))
"""


def _run(path: Path, out: Path, cache: Path, seed: str = "0") -> dict:
    env = {**os.environ, "AUDIT_CACHE_DIR": str(cache), "PYTHONHASHSEED": seed}
    env.pop("AUDIT_NO_CACHE", None)
    proc = subprocess.run([sys.executable, "-c", _RUN, str(path), str(out)], capture_output=True, text=True,
                          env=env, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _findings(path: Path) -> list:
    data = json.loads(path.read_text("utf-8"))
    return [(f["rule_id"], f["pointer"], f.get("line"), f["message"]["en"]) for f in data["findings"]]


@pytest.mark.skipif(not rxcache._usable(), reason="CPython's re internals only")
def test_a_second_run_of_the_document_path_compiles_almost_nothing(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _run(SEED_TEXT, tmp_path / "a.json", cache, seed="1")
    second = _run(SEED_TEXT, tmp_path / "b.json", cache, seed="2")  # (another hash seed: same patterns)
    assert first["code"] == second["code"] == 1
    assert first["compiled"] > 300 and first["added"] > 300
    # what is left: a few patterns of the standard library compiled before the file is read
    assert second["compiled"] < 20, second
    assert second["added"] == 0  # nothing new: the file is not written again
    assert _findings(tmp_path / "a.json") == _findings(tmp_path / "b.json")
    assert len(_findings(tmp_path / "a.json")) > 0
    # the document path reads no YAML once the registries are in the cache
    assert "yaml" not in second["imported"]


@pytest.mark.skipif(not rxcache._usable(), reason="CPython's re internals only")
def test_every_kept_pattern_is_the_pattern_re_compiles(tmp_path: Path) -> None:
    import _sre
    import array
    import re._compiler as compiler  # type: ignore[import-not-found]
    import re._parser as parser  # type: ignore[import-not-found]

    from auditor.files.rxstart import start_set_code

    cache = tmp_path / "cache"
    _run(SEED_TEXT, tmp_path / "a.json", cache)
    files = sorted((cache / "regex").glob("*.marshal"))
    with_set = 0
    assert {f.name.rsplit("-", 1)[1] for f in files} == {"start.marshal", "document.marshal"}
    n = 0
    for f in files:
        for pattern, flags, final_flags, code, groups, groupindex, indexgroup in marshal.loads(f.read_bytes()):
            words = array.array("I")
            words.frombytes(code)
            rebuilt = _sre.compile(pattern, final_flags, words.tolist(), groups, groupindex, indexgroup)
            fresh = compiler.compile(pattern, flags)  # (not through re's cache)
            # re's code, with the set of its matches' first characters where re knows none (rxstart.py)
            p = parser.parse(pattern, flags)
            own = compiler._code(p, flags)
            code = start_set_code(pattern, flags, own)
            with_set += code is not own
            expected = _sre.compile(pattern, final_flags, code, groups, groupindex, indexgroup)
            assert rebuilt == expected and rebuilt.groupindex == fresh.groupindex and rebuilt.flags == fresh.flags
            assert rebuilt.pattern == fresh.pattern and rebuilt.groups == fresh.groups
            n += 1
    assert n > 300 and with_set > 200


@pytest.mark.skipif(not rxcache._usable(), reason="CPython's re internals only")
def test_a_damaged_or_foreign_file_is_ignored(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _run(SEED_TEXT, tmp_path / "a.json", cache)
    bad_entry = marshal.dumps([("(a", 0, 0, b"\x00\x01", 0, {}, ())])  # code _sre refuses
    for start, document in ((bad_entry, marshal.dumps(42)), (b"not marshal", b"")):
        for f in (cache / "regex").glob("*.marshal"):
            f.write_bytes(start if "start" in f.name else document)
        again = _run(SEED_TEXT, tmp_path / "b.json", cache)
        assert again["code"] == 1 and again["compiled"] > 300
        assert _findings(tmp_path / "a.json") == _findings(tmp_path / "b.json")


def test_off_without_a_cache_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUDIT_NO_CACHE", "1")
    assert rxcache._path("start") is None
    assert rxcache.save() == 0


def test_the_lexicon_alternations_do_not_depend_on_set_order() -> None:
    """Alternatives of equal length were in the order of a set (which changes with the hash
    seed): the same lexicon gave another pattern text in each run (never kept by the cache), and
    on a tie another alternative could win."""
    from auditor.registries.cues import ReverseMatcher, phrase_pattern

    words = ["hộ nghèo", "hộ mới", "xã", "hộ cận nghèo", "hộ thoát", "thôn"]
    assert phrase_pattern(words) == phrase_pattern(list(reversed(words)))
    assert ReverseMatcher(words, r"\s").rx.pattern == ReverseMatcher(list(reversed(words)), r"\s").rx.pattern
    out = {subprocess.run([sys.executable, "-c", "from auditor.extract.vn import UNIT_RE; print(UNIT_RE.pattern)"],
                          capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONHASHSEED": s}).stdout for s in ("1", "2", "3")}
    assert len(out) == 1 and re.compile(out.pop())


@pytest.mark.skipif(not rxcache._usable(), reason="CPython's re internals only")
def test_patterns_of_bytes_are_kept_and_rebuilt_as_re_compiles_them(tmp_path: Path) -> None:
    """The checks of a Word file's XML parts (extract/xmlcheck.py) search bytes: their patterns
    are kept as those of text, rebuilt equal to `re`'s own, and a second run finds the same."""
    import _sre
    import array
    import re._compiler as compiler  # type: ignore[import-not-found]

    from auditor.extract.quality import docx_from_text

    docx = tmp_path / "seed.docx"
    docx.write_bytes(docx_from_text(SEED_TEXT.read_text("utf-8")))
    cache = tmp_path / "cache"
    first = _run(docx, tmp_path / "a.json", cache, seed="1")
    second = _run(docx, tmp_path / "b.json", cache, seed="2")
    assert first["code"] == second["code"] == 1
    assert second["compiled"] < first["compiled"] and second["added"] == 0
    assert _findings(tmp_path / "a.json") == _findings(tmp_path / "b.json")
    kept = [e for f in (cache / "regex").glob("*-document.marshal") for e in marshal.loads(f.read_bytes())
            if type(e[0]) is bytes]
    from auditor.extract import xmlcheck

    assert {xmlcheck._ROOT.pattern, xmlcheck._BAD_LOCAL.pattern} <= {e[0] for e in kept}
    for pattern, flags, final_flags, code, groups, groupindex, indexgroup in kept:
        words = array.array("I")
        words.frombytes(code)
        rebuilt = _sre.compile(pattern, final_flags, words.tolist(), groups, groupindex, indexgroup)
        fresh = compiler.compile(pattern, flags)
        assert rebuilt == fresh and rebuilt.groupindex == fresh.groupindex and rebuilt.flags == fresh.flags
        assert rebuilt.search(b"<w:a x:y='1'>:1") is not None or fresh.search(b"<w:a x:y='1'>:1") is None


_LAZY = """
import json, re, sys
import re._compiler as C
count = [0]
orig = C.compile
def counting(p, flags=0):
    count[0] += 1
    return orig(p, flags)
C.compile = counting
from auditor.files import rxcache
loaded = rxcache.load("start")
pending = sorted(k[1] for k in rxcache._pending)
asked = re.compile(sys.argv[1], re.I)
damaged = re.compile(sys.argv[2])
print(json.dumps({"loaded": loaded, "pending_before": pending, "pending_after": sorted(k[1] for k in rxcache._pending),
                  "compiled": count[0], "asked_ok": asked.pattern == sys.argv[1] and bool(asked.match("ABC")),
                  "damaged_ok": bool(damaged.search("xx-12")), "kept": sorted(e[0] for e in rxcache._entries["start"]),
                  "damaged_loaded": (str, sys.argv[2], 0) in rxcache._loaded,
                  "built": rxcache.build_all(), "pending_at_last": len(rxcache._pending),
                  "unused_is_res": re._cache[(str, "never\\s+used", 0)] == C.compile("never\\s+used", 0)}))
"""


@pytest.mark.skipif(not rxcache._usable(), reason="CPython's re internals only")
def test_a_kept_pattern_is_rebuilt_only_when_re_asks_for_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A run uses a fraction of the kept patterns: each is rebuilt from its code when `re` first
    looks for it, and is then the pattern `re` compiles; one never asked for costs nothing; a
    damaged one is compiled by `re` and dropped from what the next save keeps."""
    monkeypatch.setenv("AUDIT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("AUDIT_NO_CACHE", raising=False)
    asked, unused, damaged = r"a(b)c", r"never\s+used", r"\d+"
    # (`re._compiler.compile`, not `re.compile`: an earlier test in this process may have put a kept pattern,
    # with its start set, into `re`'s cache under the same text)
    fresh = re._compiler.compile  # type: ignore[attr-defined]
    entries = [rxcache._entry(asked, re.I.value, fresh(asked, re.I)),
               rxcache._entry(unused, 0, fresh(unused, 0))]
    assert None not in entries
    bad = list(rxcache._entry(damaged, 0, fresh(damaged, 0)))  # type: ignore[arg-type]
    bad[3] = b"\x00\x01\x02\x03"  # code _sre refuses
    path = rxcache._path("start")
    assert path is not None
    os.makedirs(os.path.dirname(path))
    Path(path).write_bytes(marshal.dumps([*entries, tuple(bad)]))
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    out = json.loads(subprocess.run([sys.executable, "-c", _LAZY, asked, damaged], capture_output=True, text=True,
                                    env=env, check=True).stdout.strip().splitlines()[-1])
    assert out["loaded"] == 3 and out["pending_before"] == sorted([asked, unused, damaged])
    assert out["pending_after"] == [unused]  # never asked for: never rebuilt
    assert out["asked_ok"] and out["damaged_ok"]
    assert out["compiled"] == 1  # the damaged one only, by `re`
    assert out["kept"] == sorted([asked, unused]) and not out["damaged_loaded"]  # (saved again as compiled)
    # the resident process builds them all at once (`build_all`): the same as `re` compiles them
    assert out["built"] == 1 and out["pending_at_last"] == 0 and out["unused_is_res"]
