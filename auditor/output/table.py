"""Plain-text tables for the terminal output of `audit` (the `full` format, the batch summary).

The same layout as tabulate's "simple" format (a test compares the two on generated tables),
written here because importing tabulate 0.10 reads its own version from the installed
packages' metadata (`importlib.metadata`): a tenth of a one-report run. `audit rules` and
`audit compare` still use tabulate. Cells are text as given: unlike tabulate, a cell that
looks like a number is not re-formatted ("1.000" stays "1.000").
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from typing import Any

_GAP = "  "
_MIN_PADDING = 2  # a column is at least its header plus two


def _cell_lines(value: Any, width: int | None) -> list[str]:
    text = "" if value is None else str(value)
    if width is not None:  # wrap each line of the text; blank lines go
        wrapper = textwrap.TextWrapper(width=width)
        text = "\n".join(w for line in text.splitlines() if line.strip() for w in wrapper.wrap(line))
    return text.strip().splitlines() or [""]  # (tabulate strips the whitespace around a cell)


def simple_table(rows: Sequence[Sequence[Any]], headers: Sequence[str], *,
                 colalign: Sequence[str] | None = None,
                 maxcolwidths: Sequence[int | None] | None = None) -> str:
    """`rows` under `headers`; `colalign` "left" (default) or "right" per column;
    `maxcolwidths` wraps a column's text at word boundaries."""
    n = len(headers)
    align = list(colalign or ["left"] * n)
    limits = list(maxcolwidths or [None] * n)
    cells = [[_cell_lines(row[i] if i < len(row) else None, limits[i]) for i in range(n)] for row in rows]
    if any(len(c) > 1 for r in cells for c in r):  # multi-line rows: an empty cell has no line
        cells = [[[] if c == [""] else c for c in r] for r in cells]
    widths = [max([len(headers[i]) + _MIN_PADDING] + [len(line) for r in cells for line in r[i]])
              for i in range(n)]

    def fit(text: str, i: int) -> str:
        return text.rjust(widths[i]) if align[i] == "right" else text.ljust(widths[i])

    out = [_GAP.join(fit(h, i) for i, h in enumerate(headers)).rstrip(),
           _GAP.join("-" * w for w in widths)]
    for r in cells:
        for k in range(max(len(c) for c in r)):  # (a row of empty multi-line cells: no line)
            out.append(_GAP.join(fit(c[k] if k < len(c) else "", i) for i, c in enumerate(r)).rstrip())
    return "\n".join(out)
