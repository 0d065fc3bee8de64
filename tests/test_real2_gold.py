"""The second held-out set (tests/data/real2): its hand-made gold cannot drift silently.

Runs the checks of tests/data/real2/gold_calc.py (the corpus's recomputation script, copied)
row by row: every quote and every number occurs verbatim in its text, every arithmetic row
carries a spec, and every spec recomputed with Decimal gives the stored verdict. It also pins
the texts themselves (byte length and SHA-256 prefix from INDEX.md), so an edited text fails.
This tests the data, not the auditor: the reader is measured on these texts elsewhere.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
from pathlib import Path
from types import ModuleType

import pytest

REAL = Path(__file__).resolve().parent / "data" / "real2"
TEXTS = REAL / "texts"
VERDICTS = {"pass", "I", "W", "E"}
KINDS = {"sum", "shares", "rate", "pct_plan", "growth", "stated_twice", "count", "period", "term",
         "anniversary", "legal", "unit", "other"}
FIELDS = {"id", "file", "kind", "numbers", "quote", "computed", "verdict", "note"}


def _gold_calc() -> ModuleType:
    spec = importlib.util.spec_from_file_location("real2_gold_calc", REAL / "gold_calc.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GC = _gold_calc()
ROWS = [json.loads(line) for line in (REAL / "gold.jsonl").read_text("utf-8").splitlines() if line.strip()]
TEXT = {p.name: p.read_text("utf-8") for p in sorted(TEXTS.glob("*.txt"))}


def _index_rows() -> dict[str, tuple[int, int, str]]:
    """file -> (chars, bytes, sha256 prefix) from the table in INDEX.md."""
    out: dict[str, tuple[int, int, str]] = {}
    for line in (REAL / "INDEX.md").read_text("utf-8").splitlines():
        m = re.match(r"\| \d{3} \| `([^`]+)` \|.*\| (\d+)/(\d+) \| `([0-9a-f]{12})` \|", line)
        if m:
            out[m.group(1)] = (int(m.group(2)), int(m.group(3)), m.group(4))
    return out


def test_gold_calc_script_passes(capsys: pytest.CaptureFixture[str]) -> None:
    assert GC.main([]) == 0, capsys.readouterr().out
    assert "problems: 0" in capsys.readouterr().out


def test_rows_are_well_formed() -> None:
    ids = [r["id"] for r in ROWS]
    assert len(ids) == len(set(ids))
    for r in ROWS:
        assert FIELDS <= set(r), r["id"]
        assert re.fullmatch(r"R2-(\d{3})-\d+", r["id"]) and r["file"].startswith(r["id"][3:6] + "_"), r["id"]
        assert r["verdict"] in VERDICTS and r["kind"] in KINDS, r["id"]
        assert r["numbers"] and r["note"].strip(), r["id"]


def test_every_text_has_gold_and_an_index_entry() -> None:
    assert len(TEXT) >= 30
    assert {r["file"] for r in ROWS} == set(TEXT)
    assert set(_index_rows()) == set(TEXT)


@pytest.mark.parametrize("name", sorted(TEXT))
def test_text_is_unchanged(name: str) -> None:
    data = (TEXTS / name).read_bytes()
    chars, size, sha = _index_rows()[name]
    assert (len(data.decode("utf-8")), len(data), hashlib.sha256(data).hexdigest()[:12]) == (chars, size, sha)


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_row_is_verbatim_and_recomputes(row: dict) -> None:
    text = TEXT[row["file"]]
    assert row["quote"] in text
    for number in row["numbers"]:
        assert number in text, number
    calc = row.get("calc")
    if row["kind"] in GC.ARITH_KINDS:
        assert calc, "arithmetic row without a calc spec"
    if calc:
        verdict, computed = GC.evaluate(calc)
        assert verdict == row["verdict"], computed
        assert computed == row["computed"]


def test_held_out_set_has_real_defects() -> None:
    """The set is only useful for measuring recall if it holds E/W rows (found, not invented)."""
    counts = {v: sum(r["verdict"] == v for r in ROWS) for v in VERDICTS}
    assert counts["E"] + counts["W"] >= 12
    assert counts["pass"] > counts["E"] + counts["W"]


def test_readme_matches_gold() -> None:
    """README.md's counts and its table of non-pass rows say what gold.jsonl says."""
    readme = (REAL / "README.md").read_text("utf-8")
    counts = {v: sum(r["verdict"] == v for r in ROWS) for v in VERDICTS}
    assert f"{len(ROWS)} rows over {len(TEXT)} texts" in readme
    assert "**pass {pass}, I {I}, W {W}, E {E}**".format(**counts) in readme
    listed = dict(re.findall(r"^\| (R2-\d{3}-\d+) \| \w+ \| \*\*(\w+)\*\* \|", readme, flags=re.M))
    assert listed == {r["id"]: r["verdict"] for r in ROWS if r["verdict"] != "pass"}


def test_no_text_shared_with_the_first_held_out_set() -> None:
    """Source addresses differ from tests/data/real (the corpus was checked the same way when the set was made)."""
    first = (REAL.parent / "real" / "INDEX.md").read_text("utf-8")
    for line in (REAL / "INDEX.md").read_text("utf-8").splitlines():
        m = re.match(r"\| \d{3} \| `[^`]+` \| (\S+) \|", line)
        if m:
            assert m.group(1) not in first, m.group(1)
