"""The fast reader's path for a place that is only a line (`{"line": 143}`, the place of almost every
value of a JSON report; `fastview._Generator._line_only`) reads it as the loop over the place's
fields does: the same object, the same view, the same refusal, whether its line is remembered
from an earlier place or not."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.model.lean import Bail
from auditor.model.numinput import JsonNumberText
from auditor.read import _fastview, fastview

ROOT = Path(__file__).resolve().parent.parent


def _without_line_only() -> ModuleType:
    """The generated reader as it is without the line-only path (every place through the loop)."""
    real = vars(fastview._Generator)["_line_only"]  # (the staticmethod itself, put back as it was)
    fastview._Generator._line_only = staticmethod(lambda m, consts: [])  # type: ignore[method-assign]
    try:
        source = fastview.generated_source()
    finally:
        fastview._Generator._line_only = real  # type: ignore[method-assign]
    assert "LINES" not in source
    module = ModuleType("_fastview_loop")
    exec(compile(source, "_fastview_loop", "exec"), module.__dict__)  # noqa: S102
    return module


LOOP = _without_line_only()


def _read(m_SourceLoc: Any, v: Any, wv: bool) -> Any:
    try:
        o, view = m_SourceLoc(v, "/indicators/0/values/th/src", None, wv)
    except (Bail, ValueError, TypeError) as e:
        return ("refused", type(e).__name__)
    return type(o).__name__, o.__dict__, view


_texts = st.one_of(st.from_regex(r"-?[0-9]{1,12}", fullmatch=True),
                   st.sampled_from(["0", "1", "7", "01", "-1", "1.0", "1e3", "143", " 7", "7 ", "+3", "１２", "999999999", "1000000000"]),
                   st.text(max_size=4))
_lines = st.one_of(_texts.map(JsonNumberText), _texts, st.integers(-3, 10**12), st.none(), st.booleans(),
                   st.just([1]), st.just({"line": 1}))


@settings(max_examples=400, deadline=None)
@given(line=_lines, other=st.one_of(st.none(), st.sampled_from(["paragraph", "quote", "ocr", "x"])), wv=st.booleans())
def test_a_line_only_place_is_read_as_the_loop_reads_it(line: Any, other: str | None, wv: bool) -> None:
    v = {"line": line} if other is None else {"line": line, other: JsonNumberText("2")}
    for _ in range(2):  # (the second time, its line may be remembered)
        assert _read(_fastview.m_SourceLoc, v, wv) == _read(LOOP.m_SourceLoc, v, wv)


def test_lines_are_remembered_and_the_memo_is_bounded() -> None:
    _fastview.LINES.clear()
    v = {"line": JsonNumberText("143")}
    first = _fastview.m_SourceLoc(v, "/a/src", None, True)
    assert _fastview.LINES == {"143": 143}
    again = _fastview.m_SourceLoc(v, "/b/src", None, True)
    assert again[0] is not first[0] and again[0].__dict__ == first[0].__dict__  # (a new object each time)
    assert again[1] == {**first[1], "$ptr": "/b/src"}
    for n in [*range(-2, 5000), *range(1, 300)]:  # (lines read once, then remembered ones)
        v = {"line": JsonNumberText(str(n))}
        assert _read(_fastview.m_SourceLoc, v, n % 2 == 0) == _read(LOOP.m_SourceLoc, v, n % 2 == 0)
    assert len(_fastview.LINES) <= 4096
    assert not any(int(k) < 1 or k != k.strip() for k in _fastview.LINES)


@pytest.mark.parametrize("path", sorted((ROOT / "fixtures").glob("*.json")), ids=lambda p: p.name)
def test_reports_are_read_as_the_loop_reads_them(path: Path) -> None:
    from auditor.read.json_reader import _decoder

    raw = _decoder().decode(path.read_text("utf-8"))
    for _ in range(2):
        got, want = _fastview.m_Report(raw, "", None), LOOP.m_Report(raw, "", None)
        assert json.dumps(got[1], default=repr, ensure_ascii=False) == json.dumps(want[1], default=repr, ensure_ascii=False)
        assert repr(got[0]) == repr(want[0])
