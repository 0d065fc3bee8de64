"""The benchmark's generated reports are what the README says: valid reports (but the odd
damaged upload) that each carry their own unit name and their own paragraphs, so that no cache
keyed by text can make a batch look faster than real reports would."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from benchmark import TEMPLATES, generate  # noqa: E402

from auditor.read.json_reader import read_report  # noqa: E402


def test_generated_reports_have_their_own_names_and_paragraphs(tmp_path: Path) -> None:
    paths = generate(24, tmp_path)
    assert len(paths) == 24
    template_names = {json.loads(t.read_text("utf-8"))["meta"]["unit"]["name"] for t in TEMPLATES}
    paragraphs: Counter[str] = Counter()
    readable = 0
    for p in paths:
        res = read_report(p)
        if res.report is None:  # a damaged upload, one in two hundred
            continue
        readable += 1
        name = res.report.meta.unit.name
        assert name not in template_names
        texts = [t for s in res.report.sections for t in s.text]
        assert not any(old in t for t in texts for old in template_names)  # the name was replaced
        paragraphs.update(t for t in texts if len(t) > 40)
    assert readable >= 22
    repeated = [t for t, n in paragraphs.items() if n > 1]
    assert len(repeated) <= len(paragraphs) // 50, repeated[:3]


def test_generation_is_deterministic(tmp_path: Path) -> None:
    a = [p.read_text("utf-8") for p in generate(6, tmp_path / "a")]
    b = [p.read_text("utf-8") for p in generate(6, tmp_path / "b")]
    assert a == b
