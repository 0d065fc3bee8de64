"""Sets of character spans asked “does any of them overlap this one?” in log time: a paragraph
may hold thousands of numbers, and a scan of every span for every number is quadratic."""

from __future__ import annotations

import itertools
from bisect import bisect_left


class Spans:
    def __init__(self, spans: list[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.xs = [x for x, _ in ordered]
        self.reach = list(itertools.accumulate((y for _, y in ordered), max))  # the furthest end so far

    def overlaps(self, a: int, b: int) -> bool:
        """Some span [x, y) has x < b and a < y."""
        i = bisect_left(self.xs, b)  # the spans that start before b
        return i > 0 and self.reach[i - 1] > a

    def holds(self, pos: int) -> bool:
        """Some span [x, y) has x <= pos < y."""
        return self.overlaps(pos, pos + 1)
