"""Line/column of JSON values: every pointer of the document is mapped, each position is the
first character of that value, and the targeted walk agrees with the full map."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.read.sourcemap import positions_for, source_map

FIX = Path(__file__).resolve().parent.parent / "fixtures"


def _pointers(o, p=""):
    yield p, o
    if isinstance(o, dict):
        for k, v in o.items():
            yield from _pointers(v, f"{p}/{k.replace('~', '~0').replace('/', '~1')}")
    elif isinstance(o, list):
        for i, v in enumerate(o):
            yield from _pointers(v, f"{p}/{i}")


@pytest.mark.parametrize("path", sorted(FIX.glob("*.json")), ids=lambda p: p.name)
def test_every_value_is_located_at_its_first_character(path):
    text = path.read_text("utf-8")
    full = source_map(text)
    lines = text.split("\n")
    pairs = list(_pointers(json.loads(text)))
    assert {p for p, _ in pairs} == set(full)
    for p, v in pairs:
        line, col = full[p]
        rest = lines[line - 1][col - 1:]
        first = "{" if isinstance(v, dict) else "[" if isinstance(v, list) else json.dumps(v, ensure_ascii=False)[0]
        assert rest.startswith(first), (p, rest[:20])
    some = [p for p, _ in pairs][::29]
    assert positions_for(text, some) == {p: full[p] for p in some}


def test_broken_json_maps_what_it_can():
    m = source_map('{"a": 1, "b": [1, 2')
    assert m["/a"] == (1, 7) and "/b/0" in m
    assert positions_for('{"a": {"b": 1}}', ["/a/b", "/zz"]) == {"/a/b": (1, 13)}


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text('ab/~ \\"', max_size=3), kids, max_size=4),
    max_leaves=25)


@settings(max_examples=150, deadline=None)
@given(_json, st.sampled_from([None, 1, 2, "\t"]), st.data())
def test_targeted_walk_agrees_with_the_full_map(doc, indent, data):
    text = json.dumps(doc, indent=indent, ensure_ascii=False)
    full = source_map(text)
    pointers = sorted(full)
    some = data.draw(st.lists(st.sampled_from(pointers), max_size=6)) if pointers else []
    absent = data.draw(st.lists(st.sampled_from(["/zz", "/0/zz", "/a/9", "/~1/x"]), max_size=2))
    assert positions_for(text, some + absent) == {p: full[p] for p in some + absent if p in full}


_WS_RUN = st.text(" \t\n\r", max_size=2)


@settings(max_examples=150, deadline=None)
@given(_json, _WS_RUN, _WS_RUN, _WS_RUN, _WS_RUN, st.data())
def test_every_value_is_found_with_any_whitespace_around_the_separators(doc, before_colon, after_colon,
                                                                        before_comma, after_comma, data):
    """With or without whitespace before and after each “:” and “,” (the walk skips it only where
    there is some), every position is the first character of its value, and the targeted walk
    finds the same."""
    text = json.dumps(doc, ensure_ascii=False,
                      separators=(before_comma + "," + after_comma, before_colon + ":" + after_colon))
    full = source_map(text)
    lines = text.split("\n")
    pairs = list(_pointers(doc))
    assert {p for p, _ in pairs} == set(full)
    for p, v in pairs:
        line, col = full[p]
        first = "{" if isinstance(v, dict) else "[" if isinstance(v, list) else json.dumps(v, ensure_ascii=False)[0]
        assert lines[line - 1][col - 1:].startswith(first), p
    some = data.draw(st.lists(st.sampled_from(sorted(full)), max_size=6))
    assert positions_for(text, some) == {p: full[p] for p in some}


def test_a_later_duplicate_key_wins_in_both_walks():
    text = '{"a": [1, {"b": 2}], "a": [3, {"b": 4, "c": 5}]}'
    full = source_map(text)
    assert positions_for(text, ["/a/1/b", "/a/1/c"]) == {"/a/1/b": full["/a/1/b"], "/a/1/c": full["/a/1/c"]}
    assert full["/a/1/b"] == (1, 37)  # the 4 of the second "a"


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.text('ab/~ "', max_size=3), _json, max_size=5), st.sampled_from([None, 1, "\t"]),
       st.data())
def test_walking_from_the_members_spans_agrees_with_the_full_map(doc, indent, data):
    """The reader notes where each member of the report lies (loads_with_spans); the walk
    from those members finds what the walk from the start finds."""
    from auditor.read.json_reader import _decoder
    from auditor.read.sourcemap import loads_with_spans

    text = json.dumps(doc, indent=indent, ensure_ascii=False)
    obj, spans = loads_with_spans(text, _decoder().scan_once)
    expected = _decoder().decode(text)
    assert obj == expected and list(obj) == list(expected)
    assert spans is not None and set(spans) == set(doc)
    full = source_map(text)
    pointers = sorted(full)
    some = data.draw(st.lists(st.sampled_from(pointers), max_size=6))
    absent = data.draw(st.lists(st.sampled_from(["/zz", "/a/9", "/~1/x", "/~0"]), max_size=2))
    assert positions_for(text, some + absent, spans) == {p: full[p] for p in some + absent if p in full}
    # a walk that stops once it has found its pointers (the reader saw no repeated key: JSON
    # text from a dict has none) finds the same
    assert positions_for(text, some + absent, spans, unique_keys=True) == {p: full[p] for p in some + absent if p in full}


def test_the_reader_lets_the_walk_stop_only_without_repeated_keys():
    from auditor.read.json_reader import parse_report_text

    text = '{"meta": {}, "indicators": [{"a": 1}, {"a": 2}, {"a": 3, "a": 4}]}'
    res = parse_report_text(text)
    assert res.positions._unique is False  # type: ignore[attr-defined]
    assert res.positions.lookup(["/indicators/2/a"]) == {"/indicators/2/a": source_map(text)["/indicators/2/a"]}
    assert source_map(text)["/indicators/2/a"] == (1, 63)  # the later one, as json.loads keeps it
    res = parse_report_text('{"meta": {}, "indicators": [{"a": 1}, {"a": 2}]}')
    assert res.positions._unique is True  # type: ignore[attr-defined]


_TEXTS = ['{"a": 1, "a": {"b": 2}}', '{"a": 1,}', '{"a" 1}', '{"a": 1} x', '[1]', ' {} ', '{"a": NaN}',
          '{"a": [1, 2}', '{"a": "\\ud800"}', '{"a": "x\ny"}', '\t{"a"\n:\r1 }\n', '{"a": 1e400, "b": -0}', '']


@pytest.mark.parametrize("text", _TEXTS)
def test_loads_with_spans_accepts_what_json_accepts_and_nothing_else(text):
    from auditor.read.json_reader import _decoder
    from auditor.read.sourcemap import loads_with_spans

    try:
        expected = _decoder().decode(text)
    except (ValueError, RecursionError):
        expected = None
    try:
        got, spans = loads_with_spans(text, _decoder().scan_once)
    except ValueError:
        got, spans = None, None
    if got is not None:
        assert expected is not None and got == expected and list(got) == list(expected)
    else:
        assert expected is None or not isinstance(expected, dict)
    if text.startswith('{"a": 1, "a"'):
        assert got == {"a": {"b": "2"}} and spans is None  # a repeated member: walk the whole text


def test_a_repeated_top_level_member_still_maps_its_last_value():
    from auditor.read.json_reader import parse_report_text

    text = '{"meta": 1,\n "meta": {"unit": {"name": "X"}}}'
    res = parse_report_text(text)
    assert res.positions.lookup(["/meta/unit/name"]) == {"/meta/unit/name": (2, 28)}
