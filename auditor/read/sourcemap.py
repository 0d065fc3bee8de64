"""Line and column of every value in a JSON text, by JSON Pointer (for findings and SARIF).

`source_map` maps every value; `positions_for` only the pointers asked for (the same walker goes
down their paths and skips everything else with the C JSON scanner: ~10× faster on a seed-sized report);
`LazyPositions` is what the reader keeps: nothing is computed for a file without findings.
`loads_with_spans` parses a JSON object and notes where each of its members' values lies, so
that the walk can start at the members that hold the pointers asked for instead of parsing the
whole text again.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from typing import Any

_WS = re.compile(r"[ \t\n\r]*")
# What `_WS` skips, and "" (the end of the text): `text[i:i + 1] in _WS_CHARS` tells whether
# `_WS.match(text, i)` would move at all, without making a match object (a third of the
# positions' regular-expression work was matches of nothing).
_WS_CHARS = " \t\n\r"
_decoder = json.JSONDecoder()
_scan_once = _decoder.scan_once  # C scanner: parses (and so skips) one whole value
_scanstring = json.decoder.scanstring


def source_map(text: str) -> dict[str, tuple[int, int]]:
    """Map JSON Pointer -> (line, column), both 1-based, column in code points.
    Returns what it mapped so far if the text is not valid JSON."""
    return _walk(text, None)


def _token(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def _member(text: str, i: int) -> tuple[str, int]:
    """The key of the object member at `i`, and where its value starts (after the colon)."""
    if text[i:i + 1] != '"':
        raise ValueError("expected a key")
    key, i = _scanstring(text, i + 1)
    if text[i:i + 1] in _WS_CHARS:  # (most keys are followed by the colon itself)
        i = _WS.match(text, i).end()
    if text[i:i + 1] != ":":
        raise ValueError("expected :")
    return key, _WS.match(text, i + 1).end()


def _after(text: str, end: int, close: str) -> tuple[int, bool]:
    """After a member or an element that ends at `end`: (where the next one starts, False), or
    (just past the closing `close`, True)."""
    ch = text[end:end + 1]
    i = end
    if ch in _WS_CHARS:  # (most values are followed by the comma or the bracket itself)
        i = _WS.match(text, end).end()
        ch = text[i:i + 1]
    if ch == ",":
        return _WS.match(text, i + 1).end(), False
    if ch == close:
        return i + 1, True
    raise ValueError(f"expected , or {close}")


Spans = dict[str, tuple[int, int]]  # member of the top-level object -> (start, end) of its value


def loads_with_spans(text: str, scan_once: Callable[[str, int], tuple[Any, int]]) -> tuple[Any, Spans | None]:
    """`(json.loads(text), spans)` for a text holding one JSON object, parsed with `scan_once`
    (a decoder's scanner: the caller's number hooks apply): the object as the decoder builds
    it, and where each member's value lies (None when a member is repeated: the walk then
    covers the whole text). Raises ValueError for anything else, and the caller lets its
    decoder parse the text again for its own result or error message."""
    ws = _WS.match
    i = ws(text, 0).end()
    if text[i:i + 1] != "{":
        raise ValueError("not an object")
    obj: dict[str, Any] = {}
    spans: Spans | None = {}
    i = ws(text, i + 1).end()
    if text[i:i + 1] == "}":
        i += 1
    else:
        done = False
        while not done:
            key, start = _member(text, i)
            value, end = scan_once(text, start)
            if spans is not None:
                if key in spans:
                    spans = None
                else:
                    spans[key] = (start, end)
            obj[key] = value  # a repeated member keeps its place and takes the last value
            i, done = _after(text, end, "}")
    if ws(text, i).end() != len(text):
        raise ValueError("extra data")
    return obj, spans


def positions_for(text: str, pointers: Iterable[str], spans: Spans | None = None,
                  unique_keys: bool = False) -> dict[str, tuple[int, int]]:
    """(line, column) of the given pointers only, as `source_map` would give them (a later
    duplicate key wins, as in `json.loads`). Pointers not in the text are left out. With the
    `spans` of the top-level members (`loads_with_spans`), only the members that hold the
    pointers are walked. `unique_keys`: no object of the text repeats a key (the reader's
    decoder saw none), so each pointer is at one place and a member's walk stops once it has
    found all of its pointers (the rest of a list of indicators is not scanned)."""
    want = set(pointers)
    if not want:
        return {}
    if spans is None or "" in want:
        return _walk(text, want)
    by_member: dict[str, set[str]] = {}
    for p in want:
        j = p.find("/", 1)
        token = p[1:] if j < 0 else p[1:j]
        key = token.replace("~1", "/").replace("~0", "~")
        if key in spans:
            by_member.setdefault(key, set()).add(p)
    out: dict[str, tuple[int, int]] = {}
    seen = [0, 1, 0]  # shared by the walks, which go forward through the text
    for key in sorted(by_member, key=lambda k: spans[k][0]):
        out.update(_walk(text, by_member[key], start=spans[key][0], prefix="/" + _token(key), seen=seen,
                         stop=unique_keys))
    return out


class _AllFound(Exception):
    """Every pointer a walk looks for is found (and none can be found twice)."""


def _walk(text: str, want: set[str] | None, start: int = 0, prefix: str = "",
          seen: list[int] | None = None, stop: bool = False) -> dict[str, tuple[int, int]]:
    """One walker for both: every value (`want` None), or only the pointers in `want`,
    descending only into their containers and skipping the rest with the C JSON scanner.
    (`start`, `prefix`: walk only the value at that offset, whose pointer is `prefix`;
    `stop`: no key is repeated, so the walk ends when every pointer of `want` is found.)"""
    below: set[str] = set()  # strict prefixes of wanted pointers: containers to walk into
    for p in want or ():
        i = p.rfind("/")
        while i >= 0:
            below.add(p[:i])
            i = p.rfind("/", 0, i)
    out: dict[str, tuple[int, int]] = {}
    ws = _WS.match
    if want is None:
        line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

        def pos(i: int) -> tuple[int, int]:
            lo = bisect_right(line_starts, i) - 1
            return lo + 1, i - line_starts[lo] + 1
    else:
        # A few pointers: counting newlines (in C) is cheaper than indexing every line. The
        # walk goes forward, so each count starts where the last one stopped, and so does the
        # search for the line's start (a minified report is one line: searching back from
        # each pointer to the start of the text would cost the text's length per finding).
        if seen is None:
            seen = [0, 1, 0]  # offset counted up to, line number there, where that line starts

        def pos(i: int) -> tuple[int, int]:
            at, line, start = seen
            if i >= at:
                n = text.count("\n", at, i)
                if n:
                    line, start = line + n, text.rfind("\n", at, i) + 1
            else:
                line, start = text.count("\n", 0, i) + 1, text.rfind("\n", 0, i) + 1
            seen[0], seen[1], seen[2] = i, line, start
            return line, i - start + 1

    def value(i: int, ptr: str) -> int:
        if text[i:i + 1] in _WS_CHARS:  # (callers mostly start at the value itself)
            i = ws(text, i).end()
        if want is None or ptr in want:
            out[ptr] = pos(i)
            if stop and len(out) == len(want):  # type: ignore[arg-type]
                raise _AllFound
        ch = text[i:i + 1]
        if ch not in ("{", "[") or (want is not None and ptr not in below):
            return _scan_once(text, i)[1]
        i = ws(text, i + 1).end()
        done = False
        if ch == "{":
            if text[i:i + 1] == "}":
                return i + 1
            while not done:
                key, i = _member(text, i)
                i, done = _after(text, value(i, f"{ptr}/{_token(key)}"), "}")
            return i
        if text[i:i + 1] == "]":
            return i + 1
        n = 0
        while not done:
            i, done = _after(text, value(i, f"{ptr}/{n}"), "]")
            n += 1
        return i

    try:
        value(start, prefix)
    except (ValueError, IndexError, StopIteration, RecursionError, _AllFound):
        pass
    return out


class LazyPositions(Mapping[str, tuple[int, int]]):
    """The positions of a JSON text, computed when first needed: `lookup(pointers)` walks only
    to those pointers; any other use (`get`, `[]`, iteration) maps the whole text once."""

    def __init__(self, text: str, spans: Spans | None = None, unique_keys: bool = False) -> None:
        self._text = text
        self._spans = spans
        self._unique = unique_keys  # no object of the text repeats a key (`positions_for`)
        self._full: dict[str, tuple[int, int]] | None = None
        self._some: dict[str, tuple[int, int] | None] = {}

    def _all(self) -> dict[str, tuple[int, int]]:
        if self._full is None:
            self._full = source_map(self._text)
        return self._full

    def lookup(self, pointers: Iterable[str]) -> dict[str, tuple[int, int]]:
        ptrs = list(dict.fromkeys(pointers))
        if self._full is not None:
            return {p: self._full[p] for p in ptrs if p in self._full}
        todo = [p for p in ptrs if p not in self._some]
        if todo:
            found = positions_for(self._text, todo, self._spans, self._unique)
            for p in todo:
                self._some[p] = found.get(p)
        return {p: v for p in ptrs if (v := self._some[p]) is not None}

    def __getitem__(self, key: str) -> tuple[int, int]:
        return self._all()[key]

    def __contains__(self, key: object) -> bool:
        return key in self._all()

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


def lookup_positions(positions: Mapping[str, tuple[int, int]], pointers: Iterable[str]) -> dict[str, tuple[int, int]]:
    """Positions of some pointers from a `LazyPositions` (cheap) or any mapping."""
    if isinstance(positions, LazyPositions):
        return positions.lookup(pointers)
    return {p: positions[p] for p in pointers if p in positions}


def duplicate_keys(text: str) -> list[tuple[str, tuple[int, int], tuple[int, int]]]:
    """Members written twice in one object of a JSON text: (JSON Pointer of the member, line
    and column of its first key, of the repeated one), in the order of the text. (`json.loads`
    keeps only the last; the reader reports each repeat.) Only called when the decoder saw a
    repeat, so a walk in Python is affordable."""
    out: list[tuple[str, tuple[int, int], tuple[int, int]]] = []
    ws = _WS.match
    seen = [0, 1]

    def pos(i: int) -> tuple[int, int]:
        at, line = seen
        line = line + text.count("\n", at, i) if i >= at else text.count("\n", 0, i) + 1
        seen[0], seen[1] = i, line
        return line, i - text.rfind("\n", 0, i)

    def value(i: int, ptr: str) -> int:
        i = ws(text, i).end()
        ch = text[i:i + 1]
        if ch not in ("{", "["):
            return _scan_once(text, i)[1]
        i = ws(text, i + 1).end()
        done = False
        if ch == "{":
            if text[i:i + 1] == "}":
                return i + 1
            keys: dict[str, tuple[int, int]] = {}
            while not done:
                at = i
                key, i = _member(text, i)
                where = pos(at)
                p = f"{ptr}/{_token(key)}"
                if key in keys:
                    out.append((p, keys[key], where))
                else:
                    keys[key] = where
                i, done = _after(text, value(i, p), "}")
            return i
        if text[i:i + 1] == "]":
            return i + 1
        n = 0
        while not done:
            i, done = _after(text, value(i, f"{ptr}/{n}"), "]")
            n += 1
        return i

    try:
        value(0, "")
    except (ValueError, IndexError, StopIteration, RecursionError):
        pass
    return out
