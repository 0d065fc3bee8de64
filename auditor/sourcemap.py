"""Line and column of every value in a JSON text, by JSON Pointer (for findings and SARIF).

`source_map` maps every value; `positions_for` only the pointers asked for (the same walker goes
down their paths and skips everything else with the C JSON scanner: ~10× faster on a seed-sized report);
`LazyPositions` is what the reader keeps: nothing is computed for a file without findings.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping

_WS = re.compile(r"[ \t\n\r]*")
_decoder = json.JSONDecoder()
_scan_once = _decoder.scan_once  # C scanner: parses (and so skips) one whole value
_scanstring = json.decoder.scanstring


def source_map(text: str) -> dict[str, tuple[int, int]]:
    """Map JSON Pointer -> (line, column), both 1-based, column in code points.
    Returns what it mapped so far if the text is not valid JSON."""
    return _walk(text, None)


def _token(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def positions_for(text: str, pointers: Iterable[str]) -> dict[str, tuple[int, int]]:
    """(line, column) of the given pointers only, as `source_map` would give them (a later
    duplicate key wins, as in `json.loads`). Pointers not in the text are left out."""
    want = set(pointers)
    return _walk(text, want) if want else {}


def _walk(text: str, want: set[str] | None) -> dict[str, tuple[int, int]]:
    """One walker for both: every value (`want` None), or only the pointers in `want`,
    descending only into their containers and skipping the rest with the C JSON scanner."""
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
        # walk goes forward, so each count starts where the last one stopped.
        seen = [0, 1]  # offset counted up to, line number there

        def pos(i: int) -> tuple[int, int]:
            start, line = seen
            line = line + text.count("\n", start, i) if i >= start else text.count("\n", 0, i) + 1
            seen[0], seen[1] = i, line
            return line, i - text.rfind("\n", 0, i)

    def value(i: int, ptr: str) -> int:
        i = ws(text, i).end()
        if want is None or ptr in want:
            out[ptr] = pos(i)
        ch = text[i:i + 1]
        if ch not in ("{", "[") or (want is not None and ptr not in below):
            return _scan_once(text, i)[1]
        i = ws(text, i + 1).end()
        if ch == "{":
            if text[i:i + 1] == "}":
                return i + 1
            while True:
                if text[i:i + 1] != '"':
                    raise ValueError("bad key")
                key, i = _scanstring(text, i + 1)
                i = ws(text, i).end()
                if text[i:i + 1] != ":":
                    raise ValueError("expected :")
                i = ws(text, value(i + 1, f"{ptr}/{_token(key)}")).end()
                if text[i:i + 1] == ",":
                    i = ws(text, i + 1).end()
                    continue
                if text[i:i + 1] == "}":
                    return i + 1
                raise ValueError("expected , or }")
        if text[i:i + 1] == "]":
            return i + 1
        n = 0
        while True:
            i = ws(text, value(i, f"{ptr}/{n}")).end()
            n += 1
            if text[i:i + 1] == ",":
                i += 1
                continue
            if text[i:i + 1] == "]":
                return i + 1
            raise ValueError("expected , or ]")

    try:
        value(0, "")
    except (ValueError, IndexError, StopIteration, RecursionError):
        pass
    return out


class LazyPositions(Mapping[str, tuple[int, int]]):
    """The positions of a JSON text, computed when first needed: `lookup(pointers)` walks only
    to those pointers; any other use (`get`, `[]`, iteration) maps the whole text once."""

    def __init__(self, text: str) -> None:
        self._text = text
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
            found = positions_for(self._text, todo)
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
