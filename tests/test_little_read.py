"""INP010: a document of which most numbers were not read is said so, not reported as clean.

Both ways: raised on the real tables the reader does not follow and on a report flattened onto
one line; silent on the seeds (as text and as Word files) and on every other text of the three
corpora, which the reader follows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import main
from auditor.extract import extract, extract_bytes
from auditor.extract.build import Unparsed, little_read
from auditor.extract.quality import docx_from_text
from auditor.model.report import SourceLoc

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "fixtures" / "seeds").glob("*.txt"))
CORPORA = [ROOT / "tests" / "data" / d / "texts" for d in ("corpus", "real", "real2")]
# The tables written in a layout the reader does not know: a statistics page's columns of years
# separated by single spaces (real 028, 029; real2 037), and rows of “|” cells with a header on
# two lines and no delimiter row (real2 033).
NOT_FOLLOWED = {"real/028", "real/029", "real2/033", "real2/037"}


def _rules(res) -> list[str]:
    return [p.rule_id for p in res.problems]


def _u(n: int, reason: str) -> list[Unparsed]:
    return [Unparsed(str(k), reason, SourceLoc(line=1)) for k in range(n)]


def test_threshold_both_sides():
    assert little_read(_u(19, "not_recognised"), 0) is None            # too few to say
    assert little_read(_u(20, "not_recognised"), 0) is not None
    # 20 of 33 written is at least 3 in 5; 20 of 34 is not
    assert little_read(_u(20, "not_recognised"), 13) is not None
    assert little_read(_u(20, "not_recognised"), 14) is None
    # dates, years and numbering are not “not read”
    assert little_read(_u(40, "date") + _u(40, "year") + _u(10, "numbering"), 0) is None


def test_message_says_counts_in_both_languages():
    rule, vi, en = little_read(_u(25, "not_recognised") + _u(5, "date"), 2)
    assert rule == "INP010"
    assert "25 trong 32 số" in vi and "25 of the 32 numbers" in en
    assert "--explain" in vi and "--explain" in en


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_seeds_are_read(path):
    assert "INP010" not in _rules(extract(path))
    docx = docx_from_text(path.read_text(encoding="utf-8"))
    assert "INP010" not in _rules(extract_bytes(docx, path.stem + ".docx"))


def test_only_the_tables_not_followed_raise_it_in_the_corpora():
    raised = set()
    for folder in CORPORA:
        for f in sorted(folder.glob("*.txt")):
            if "INP010" in _rules(extract(f)):
                raised.add(f"{folder.parent.name}/{f.name[:3]}")
    assert raised == NOT_FOLLOWED


def _flattened(path: Path) -> str:
    lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return " ".join(lines) + "\n"


@pytest.mark.parametrize("path", SEEDS[:2], ids=lambda p: p.name[:3])
def test_a_report_flattened_onto_one_line_is_said_unread(path, tmp_path):
    f = tmp_path / "flat.txt"
    f.write_text(_flattened(path), encoding="utf-8")
    out = CliRunner().invoke(main, [str(f), "-f", "json"])
    assert out.exit_code == 0, out.output          # information: the exit code does not change
    found = [x for x in json.loads(out.output)["findings"] if x["rule_id"] == "INP010"]
    assert len(found) == 1 and found[0]["severity"] == "info"
    assert "không đọc được phần lớn số liệu" in found[0]["message"]["vi"]
