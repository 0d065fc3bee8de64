"""The walks over an extracted report (auditor/extract/__init__.py `_walk`, build.py `_nums_of`;
issue 16) give what the walks they replace gave: every item's position and every number's
pointer, in the same order, on the reports read from the seeds, the corpora and a Word file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from auditor.extract import _item_positions, _walk, extract
from auditor.extract.build import _nums_of
from auditor.model.facts import escape_pointer_token
from auditor.model.lean import is_model
from auditor.read.json_reader import _nums

ROOT = Path(__file__).resolve().parent.parent
TEXTS = [*sorted((ROOT / "fixtures" / "seeds").glob("*.txt"))[:6],
         *sorted((ROOT / "tests" / "data" / "corpus" / "texts").glob("*"))[:8],
         *sorted((ROOT / "tests" / "data" / "real2" / "texts").glob("*"))[:4],
         *sorted((ROOT / "fixtures").glob("*.docx"))]


def _positions_before(obj: object, ptr: str, out: dict) -> None:
    # the walk as it was (each field visited, every call importing)
    if is_model(obj):
        if type(obj).__name__ == "Num":
            return
        src = getattr(obj, "src", None)
        if src is not None and getattr(src, "line", None) is not None and getattr(src, "page", None) is None:
            out[ptr] = (src.line, (src.start or 0) + 1)
        for name, value in obj.__dict__.items():
            if name != "src":
                _positions_before(value, f"{ptr}/{escape_pointer_token(name)}", out)
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            _positions_before(v, f"{ptr}/{i}", out)


def _nums_of_before(obj: Any) -> list:
    out: list = []
    stack = [obj]
    while stack:
        o = stack.pop()
        if is_model(o):
            if type(o).__name__ == "Num":
                out.append(o)
            else:
                stack.extend(o.__dict__.values())
        elif isinstance(o, list):
            stack.extend(o)
    return out


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name[:24])
def test_the_walks_give_what_they_gave(path: Path) -> None:
    report = extract(path).report
    assert report is not None
    before: dict = {}
    _positions_before(report, "", before)
    after: dict = {}
    nums: list = []
    _walk(report, "", nums, after)
    assert list(after.items()) == list(before.items())
    alone: dict = {}
    _item_positions(report, "", alone)
    assert list(alone.items()) == list(before.items())
    assert [(p, id(n)) for p, n in nums] == [(p, id(n)) for p, n in _nums(report, "")]
    assert [id(n) for n in _nums_of(report)] == [id(n) for n in _nums_of_before(report)]
    assert nums and (before or path.suffix == ".docx")  # (a Word file has no lines)
