"""Line and column of every value in a JSON text, by JSON Pointer (for findings and SARIF)."""

from __future__ import annotations

import json
import re

_WS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?")
_decoder = json.JSONDecoder()


def source_map(text: str) -> dict[str, tuple[int, int]]:
    """Map JSON Pointer -> (line, column), both 1-based, column in code points.
    Returns what it mapped so far if the text is not valid JSON."""
    out: dict[str, tuple[int, int]] = {}
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def pos(i: int) -> tuple[int, int]:
        lo, hi = 0, len(line_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if line_starts[mid] <= i:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1, i - line_starts[lo] + 1

    def ws(i: int) -> int:
        return _WS.match(text, i).end()  # type: ignore[union-attr]

    def value(i: int, ptr: str, depth: int) -> int:
        i = ws(i)
        out[ptr] = pos(i)
        if depth > 200:
            raise ValueError("too deep")
        ch = text[i:i + 1]
        if ch == "{":
            i = ws(i + 1)
            if text[i:i + 1] == "}":
                return i + 1
            while True:
                key, i = _decoder.raw_decode(text, i) if text[i:i + 1] == '"' else (None, -1)
                if i < 0:
                    raise ValueError("bad key")
                i = ws(i)
                if text[i:i + 1] != ":":
                    raise ValueError("expected :")
                token = str(key).replace("~", "~0").replace("/", "~1")
                i = ws(value(i + 1, f"{ptr}/{token}", depth + 1))
                if text[i:i + 1] == ",":
                    i = ws(i + 1)
                    continue
                if text[i:i + 1] == "}":
                    return i + 1
                raise ValueError("expected , or }")
        if ch == "[":
            i = ws(i + 1)
            if text[i:i + 1] == "]":
                return i + 1
            n = 0
            while True:
                i = ws(value(i, f"{ptr}/{n}", depth + 1))
                n += 1
                if text[i:i + 1] == ",":
                    i += 1
                    continue
                if text[i:i + 1] == "]":
                    return i + 1
                raise ValueError("expected , or ]")
        if ch == '"':
            _, end = _decoder.raw_decode(text, i)
            return end
        m = _NUMBER.match(text, i)
        if m:
            return m.end()
        for lit in ("true", "false", "null"):
            if text.startswith(lit, i):
                return i + len(lit)
        raise ValueError("unexpected character")

    try:
        value(0, "", 0)
    except (ValueError, IndexError):
        pass
    return out
