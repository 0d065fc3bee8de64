"""The held-out real texts (tests/data/real, real2, real3, real4, real5, real6, real7, real8, real9, real10, real11,
real12, real13, real14, real15, real16, real17, real18, real19, real20, real21, real22, real23,
real24, real25, real26, real27, real28, real29, real30, real31, real32, real33, real34, real35, real36, real37,
real38, real39, real40, real41, real42, real43, real44, real45, real46, real47, real48, real49, real50,
real51, real52, real53, real54, real55, real56, real57, real58, real59, real60, real61, real62, real63, real64,
real65, real66, real67 and real68): their hand-made gold cannot drift silently.

Runs the checks of each set's gold_calc.py (the corpus's recomputation script, copied so that each
folder stands alone) row by row: every quote and every number occurs verbatim in its text, every
arithmetic row carries a spec, and every spec recomputed with Decimal gives the stored verdict. It
also pins the texts themselves (byte length and SHA-256 prefix from INDEX.md), so an edited text
fails. This tests the data, not the auditor: the reader is measured on these texts elsewhere.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

DATA = Path(__file__).resolve().parent / "data"
VERDICTS = {"pass", "I", "W", "E"}
KINDS = {"sum", "shares", "rate", "pct_plan", "growth", "stated_twice", "count", "period", "term",
         "anniversary", "legal", "unit", "other"}
FIELDS = {"id", "file", "kind", "numbers", "quote", "computed", "verdict", "note"}


@dataclass(frozen=True)
class GoldSet:
    folder: str
    prefix: str       # row ids are <prefix>-NNN-k
    min_texts: int
    min_defects: int  # E + W rows: the set is only useful for recall if it holds some


SETS = (GoldSet("real", "R", 25, 10), GoldSet("real2", "R2", 30, 12), GoldSet("real3", "R3", 25, 6),
        GoldSet("real4", "R4", 25, 8), GoldSet("real5", "R5", 25, 8), GoldSet("real6", "R6", 25, 8),
        GoldSet("real7", "R7", 25, 8), GoldSet("real8", "R8", 25, 10), GoldSet("real9", "R9", 25, 8),
        GoldSet("real10", "R10", 25, 8), GoldSet("real11", "R11", 25, 8), GoldSet("real12", "R12", 25, 8),
        GoldSet("real13", "R13", 25, 3), GoldSet("real14", "R14", 25, 8),
        GoldSet("real15", "R15", 25, 5), GoldSet("real16", "R16", 25, 5),
        GoldSet("real17", "R17", 20, 3), GoldSet("real18", "R18", 20, 4),
        GoldSet("real19", "R19", 20, 3), GoldSet("real20", "R20", 25, 10),
        GoldSet("real21", "R21", 25, 5), GoldSet("real22", "R22", 20, 3),
        GoldSet("real23", "R23", 25, 8), GoldSet("real24", "R24", 25, 5),
        GoldSet("real25", "R25", 15, 8), GoldSet("real26", "R26", 22, 6),
        GoldSet("real27", "R27", 35, 8), GoldSet("real28", "R28", 25, 5),
        GoldSet("real29", "R29", 20, 5), GoldSet("real30", "R30", 25, 4),
        GoldSet("real31", "R31", 25, 8),
        GoldSet("real32", "R32", 25, 7),
        GoldSet("real33", "R33", 25, 5),
        GoldSet("real34", "R34", 30, 2),
        GoldSet("real35", "R35", 20, 2),
        GoldSet("real36", "R36", 20, 8),
        GoldSet("real37", "R37", 25, 8),
        GoldSet("real38", "R38", 25, 5),
        GoldSet("real39", "R39", 25, 8),
        GoldSet("real40", "R40", 25, 6),
        GoldSet("real41", "R41", 25, 6),
        GoldSet("real42", "R42", 25, 6),
        GoldSet("real43", "R43", 25, 8),
        GoldSet("real44", "R44", 25, 10),
        GoldSet("real45", "R45", 25, 4),
        GoldSet("real46", "R46", 25, 6),
        GoldSet("real47", "R47", 25, 5),
        GoldSet("real48", "R48", 25, 4),
        GoldSet("real49", "R49", 25, 4),
        GoldSet("real50", "R50", 20, 8),
        GoldSet("real51", "R51", 25, 5),
        GoldSet("real52", "R52", 25, 6),
        GoldSet("real53", "R53", 25, 8),
        GoldSet("real54", "R54", 30, 6),
        GoldSet("real55", "R55", 35, 5),
        GoldSet("real56", "R56", 25, 3),
        GoldSet("real57", "R57", 25, 7),
        GoldSet("real58", "R58", 25, 5),
        GoldSet("real59", "R59", 25, 4),
        GoldSet("real60", "R60", 25, 3),
        GoldSet("real62", "R62", 25, 3),
        GoldSet("real63", "R63", 20, 4),
        GoldSet("real61", "R61", 22, 8),
        GoldSet("real64", "R64", 25, 12),
        GoldSet("real65", "R65", 25, 8),
        GoldSet("real66", "R66", 25, 3),
        GoldSet("real67", "R67", 25, 4),
        GoldSet("real68", "R68", 17, 0))


def _gold_calc(s: GoldSet) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"{s.folder}_gold_calc", DATA / s.folder / "gold_calc.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rows(s: GoldSet) -> list[dict]:
    return [json.loads(line) for line in (DATA / s.folder / "gold.jsonl").read_text("utf-8").splitlines()
            if line.strip()]


def _texts(s: GoldSet) -> dict[str, str]:
    return {p.name: p.read_text("utf-8") for p in sorted((DATA / s.folder / "texts").glob("*.txt"))}


def _index_rows(s: GoldSet) -> dict[str, tuple[int, int, str]]:
    """file -> (chars, bytes, sha256 prefix) from the table in INDEX.md."""
    out: dict[str, tuple[int, int, str]] = {}
    for line in (DATA / s.folder / "INDEX.md").read_text("utf-8").splitlines():
        m = re.match(r"\| \d{3} \| `([^`]+)` \|.*\| (\d+)/(\d+) \| `([0-9a-f]{12})` \|", line)
        if m:
            out[m.group(1)] = (int(m.group(2)), int(m.group(3)), m.group(4))
    return out


GC = {s.folder: _gold_calc(s) for s in SETS}
ROWS = [(s, r) for s in SETS for r in _rows(s)]
TEXTS = [(s, name) for s in SETS for name in _texts(s)]
by_set = pytest.mark.parametrize("s", SETS, ids=[s.folder for s in SETS])


@by_set
def test_gold_calc_script_passes(s: GoldSet, capsys: pytest.CaptureFixture[str]) -> None:
    assert GC[s.folder].main([]) == 0, capsys.readouterr().out
    assert "problems: 0" in capsys.readouterr().out


@by_set
def test_rows_are_well_formed(s: GoldSet) -> None:
    rows = _rows(s)
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    n = len(s.prefix) + 1
    for r in rows:
        assert FIELDS <= set(r), r["id"]
        assert re.fullmatch(rf"{s.prefix}-(\d{{3}})-\d+", r["id"]), r["id"]
        assert r["file"].startswith(r["id"][n:n + 3] + "_"), r["id"]
        assert r["verdict"] in VERDICTS and r["kind"] in KINDS, r["id"]
        assert r["numbers"] and r["note"].strip(), r["id"]


@by_set
def test_every_text_has_gold_and_an_index_entry(s: GoldSet) -> None:
    texts = _texts(s)
    assert len(texts) >= s.min_texts
    assert {r["file"] for r in _rows(s)} == set(texts)
    assert set(_index_rows(s)) == set(texts)


@pytest.mark.parametrize("s,name", TEXTS, ids=[f"{s.folder}/{name}" for s, name in TEXTS])
def test_text_is_unchanged(s: GoldSet, name: str) -> None:
    data = (DATA / s.folder / "texts" / name).read_bytes()
    chars, size, sha = _index_rows(s)[name]
    assert (len(data.decode("utf-8")), len(data), hashlib.sha256(data).hexdigest()[:12]) == (chars, size, sha)


@pytest.mark.parametrize("s,row", ROWS, ids=[r["id"] for _s, r in ROWS])
def test_row_is_verbatim_and_recomputes(s: GoldSet, row: dict) -> None:
    text = (DATA / s.folder / "texts" / row["file"]).read_text("utf-8")
    assert row["quote"] in text
    for number in row["numbers"]:
        assert number in text, number
    calc = row.get("calc")
    gc = GC[s.folder]
    if row["kind"] in gc.ARITH_KINDS:
        assert calc, "arithmetic row without a calc spec"
    if calc:
        verdict, computed = gc.evaluate(calc)
        assert verdict == row["verdict"], computed
        assert computed == row["computed"]


@by_set
def test_held_out_set_has_real_defects(s: GoldSet) -> None:
    """The set is only useful for measuring recall if it holds E/W rows (found, not invented)."""
    rows = _rows(s)
    counts = {v: sum(r["verdict"] == v for r in rows) for v in VERDICTS}
    assert counts["E"] + counts["W"] >= s.min_defects
    assert counts["pass"] > counts["E"] + counts["W"]


@by_set
def test_readme_matches_gold(s: GoldSet) -> None:
    """README.md's counts and its table of non-pass rows say what gold.jsonl says."""
    rows = _rows(s)
    readme = (DATA / s.folder / "README.md").read_text("utf-8")
    counts = {v: sum(r["verdict"] == v for r in rows) for v in VERDICTS}
    assert f"{len(rows)} rows over {len(_texts(s))} texts" in readme
    assert "**pass {pass}, I {I}, W {W}, E {E}**".format(**counts) in readme
    listed = dict(re.findall(rf"^\| ({s.prefix}-\d{{3}}-\d+) \| \w+ \| \*\*(\w+)\*\* \|", readme, flags=re.M))
    assert listed == {r["id"]: r["verdict"] for r in rows if r["verdict"] != "pass"}


# every later set against every earlier one
LATER_EARLIER = [(later.folder, earlier.folder) for i, later in enumerate(SETS) for earlier in SETS[:i]]


def _addresses(folder: str) -> list[str]:
    """Source addresses from the table in a set's INDEX.md."""
    out = []
    for line in (DATA / folder / "INDEX.md").read_text("utf-8").splitlines():
        m = re.match(r"\| \d{3} \| `[^`]+` \| (\S+) \|", line)
        if m:
            out.append(m.group(1))
    return out


@pytest.mark.parametrize("later,earlier", LATER_EARLIER)
def test_no_text_shared_between_the_held_out_sets(later: str, earlier: str) -> None:
    """Source addresses of a later set differ from an earlier set's (the corpus was checked the same way when
    each set was made)."""
    first = (DATA / earlier / "INDEX.md").read_text("utf-8")
    addresses = _addresses(later)
    assert addresses
    for address in addresses:
        assert address not in first, address


@pytest.mark.parametrize("later,earlier", LATER_EARLIER)
def test_no_text_body_shared_between_the_held_out_sets(later: str, earlier: str) -> None:
    """The same page can be stored under two addresses: no text of a later set opens like an earlier one."""
    first = {p.read_text("utf-8")[:200] for p in (DATA / earlier / "texts").glob("*.txt")}
    for p in sorted((DATA / later / "texts").glob("*.txt")):
        assert p.read_text("utf-8")[:200] not in first, p.name
