"""HTML tables left in a text or Markdown file (a web page copied, Pandoc's fallback for tables it
cannot draw): `<table>`, `<tr>`, `<td>`/`<th>` with `colspan`/`rowspan`.

Only the structure is read here; each cell keeps its raw inner HTML as pieces of lines, and the
text cleaner undoes the markup inside it (`<br>`, `<b>`, `<sup>`, entities) with the offset
map, so a number still points into the original line. Closing tags may be missing (HTML allows
`<td>a<td>b`); a table nested inside a cell is text of that cell. Linear: one scan of the tags.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from auditor.extract.spaced import RawCell, RawTable

_TAG = re.compile(r"<(/?)(table|tr|td|th|thead|tbody|tfoot|caption)\b([^>]*)>", re.I)
_SPAN = {"colspan": re.compile(r"colspan\s*=\s*[\"']?(\d{1,2})", re.I),
         "rowspan": re.compile(r"rowspan\s*=\s*[\"']?(\d{1,3})", re.I)}
_OPEN = re.compile(r"<table\b", re.I)


def find_html(lines: list[str]) -> list[tuple[RawTable, tuple[int, int], tuple[int, int]]]:
    """HTML tables: (table, (line, col) where `<table` starts, (line, col) after `</table>`)."""
    out = []
    n = len(lines)
    i = 0
    while i < n:
        if "<" not in lines[i] or not _OPEN.search(lines[i]):
            i += 1
            continue
        found = _one(lines, i)
        if found is None:
            i += 1
            continue
        out.append(found)
        i = found[2][0] + 1
    return out


def _one(lines: list[str], first: int):
    starts = [0]
    # the region: from the line of <table to the line holding its </table>
    text_parts: list[str] = []
    depth = 0
    begin = None
    li = first
    while li < len(lines):
        if li > first:
            starts.append(starts[-1] + len(lines[li - 1]) + 1)
        text_parts.append(lines[li])
        for m in _TAG.finditer(lines[li]):
            if m.group(2).lower() != "table":
                continue
            if m.group(1):
                depth -= 1
                if depth == 0 and begin is not None:
                    return _build(lines, first, starts, "\n".join(text_parts), begin, li, m.end())
            else:
                if depth == 0:
                    begin = (li, m.start())
                depth += 1
        li += 1
        if li - first > 5000:
            break
    return None


def _build(lines: list[str], first: int, starts: list[int], region: str, begin: tuple[int, int],
           last: int, end_col: int):
    def pos(off: int) -> tuple[int, int]:
        k = bisect_right(starts, off) - 1
        return first + k, off - starts[k]

    a0 = starts[begin[0] - first] + begin[1]
    z = starts[last - first] + end_col
    rows: list[list[RawCell]] = []
    pending: dict[int, tuple[int, int]] = {}   # column -> (rows still covered, origin row)
    row: list[RawCell] | None = None
    cell_start: int | None = None
    cell: RawCell | None = None
    depth = 0

    def close_cell(at: int) -> None:
        nonlocal cell_start, cell
        if cell is not None and cell_start is not None:
            for piece in _pieces(region, cell_start, at, pos):
                cell.pieces.append(piece)
        cell_start, cell = None, None

    def fill_pending() -> None:
        assert row is not None
        while len(row) in pending:
            left, origin = pending[len(row)]
            row.append(RawCell(vmerge_of=origin))
            if left <= 1:
                del pending[len(row) - 1]
            else:
                pending[len(row) - 1] = (left - 1, origin)

    for m in _TAG.finditer(region, a0, z):
        closing, tag = bool(m.group(1)), m.group(2).lower()
        if tag == "table":
            depth += -1 if closing else 1
            if depth == 0:
                close_cell(m.start())
                break
            continue
        if depth != 1:
            continue  # a nested table is text of its cell
        if tag == "tr":
            close_cell(m.start())
            if row is not None:
                fill_pending()
                if row:
                    rows.append(row)
                row = None
            if not closing:
                row = []
        elif tag in ("td", "th"):
            close_cell(m.start())
            if closing:
                continue
            if row is None:
                row = []
            fill_pending()
            attrs = m.group(3)
            cs = _SPAN["colspan"].search(attrs)
            rs = _SPAN["rowspan"].search(attrs)
            colspan = max(1, int(cs.group(1))) if cs else 1
            rowspan = max(1, int(rs.group(1))) if rs else 1
            col = len(row)
            cell = RawCell()
            cell_start = m.end()
            row.append(cell)
            for k in range(1, colspan):
                row.append(RawCell(span_of=col))
            if rowspan > 1:
                for k in range(colspan):
                    pending[col + k] = (rowspan - 1, len(rows))
        elif tag in ("thead", "tbody", "tfoot", "caption"):
            close_cell(m.start())
    if row is not None:
        fill_pending()
        if row:
            rows.append(row)
    if not rows:
        return None
    t = RawTable(begin[0], last + 1, rows, spans=True, lines=set(range(begin[0], last + 1)))
    return t, begin, (last, end_col)


def _pieces(region: str, a: int, b: int, pos) -> list[tuple[int, int, int]]:
    """The cell's raw content [a, b) as pieces of lines, without the blank edges."""
    out = []
    x = a
    while x < b:
        nl = region.find("\n", x, b)
        y = b if nl < 0 else nl
        piece = region[x:y]
        if piece.strip():
            li, col = pos(x)
            lead = len(piece) - len(piece.lstrip())
            out.append((li, col + lead, col + len(piece.rstrip())))
        x = y + 1
    return out
