"""Tables flattened to one cell per line: what a web page or a copy-paste leaves of a Word table.

    TT                    TT
                          Chỉ tiêu
    Chỉ tiêu              ĐVT
                          KH 2024
    ĐVT                   TH 2024
    …                     1
    1                     Thu ngân sách
                          Tr.đ
    Thu ngân sách         …

Two layouts, told apart by the line after the “TT”/“STT” that opens the header:

* **blank-separated**: a blank line after every cell; a cell is a group of consecutive lines (a
  label wrapped over two lines is one cell), a group of whitespace-only lines an empty cell;
* **one line per cell**: every line a cell, an empty or whitespace-only line an empty cell.

Two blank lines in a row (three in the first layout) end the table. The header is the cells from
“TT” up to the first row number followed by a name: TT, the names' column (not a %, a year or a
value column), ĐVT if there is one, the value columns, Ghi chú if there is one; it must name a
value column (KH, thực hiện, %, a year). Years written on one line (“2021 2022 2023”) are a column
each. Value labels that outnumber a row's values by their labels without a digit (“TH” over “9
tháng năm 2021” and “Ước TH năm 2021”) are two header rows, each such label over the labels after
it; an empty label is tried as a column and as none.

Rows are read by count: a number cell (“1”, “I”, “-”, “a)”, or empty), a name, the unit if the
header has an ĐVT column, one cell per value column (a number, a dash, an empty cell, or a short
status such as “Đạt” — never a text with a digit, a dash or a row number, which could be a name or
a number shifted into the cell), the note if there is a Ghi chú column. A row may lack its number
cell (“- NTTS” right after the row above) when the row above cannot have taken it. The first cell
that does not fit ends the table. A false value costs more than a missed row, so where the grouping
is not certain nothing is kept: row numbers must run on (1, 2, 3; again from 1 under a group row);
a last row whose last cell could be the next row's number or its empty number cell (a cell missing
in that row shifts the next row's into it) is dropped unless the table ends cleanly after it; and
each row count the header allows is tried, the table being made only when exactly one of them
reads at least two rows.

The result is the `RawTable` the other text readers give, so the table passes (`tables`) read it
as they read a Word table. Linear: `text` imports this module only for a text with “TT” or “STT”
alone on a line, a line is a header candidate only then, and a header is at most 16 cells.
"""

from __future__ import annotations

import re

from auditor.extract.rows import CODE, column_key, folded_words
from auditor.extract.spaced import RawCell, RawTable

_TT_FOLDED = {"tt", "stt", "so tt", "s tt", "so thu tu"}  # (text.py looks for the same first)
_NUMBER = re.compile(r"^[<>≤≥~]?\s*[(+\-−]?\d[\d.,]*(?:\s*[-–]\s*\d[\d.,]*)?\s*%?\)?$")
_YEARISH = re.compile(r"^(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)?\d\d)?$")
_YEAR_RUN = re.compile(r"^(?:(?:19|20)\d\d )+(?:19|20)\d\d$")
_YEAR = re.compile(r"(?:19|20)\d\d")
_NIL = {"-", "–", "—", "x", "…", "...", "'-"}
_VALUE_KEYS = {"kh", "th", "ck", "pct_kh", "pct_ck", "remaining"}
_ROW_NO = re.compile(r"^(\d{1,2})\.?$")
_MAX_HEADER = 16          # header cells at most
_MAX_LABEL = 80           # a longer line is prose, never a header label
_STATUS = 15              # a text in a value cell (“Đạt”, “Duy trì”) at most this long
_UNIT = 25                # a unit cell at most this long


class _Cell:
    """A cell: its text (spaces collapsed), its pieces of lines, its first and last line."""

    __slots__ = ("text", "pieces", "first", "last")

    def __init__(self, text: str, pieces: list[tuple[int, int, int]], first: int, last: int) -> None:
        self.text, self.pieces, self.first, self.last = text, pieces, first, last

    @property
    def empty(self) -> bool:
        return not self.text


class _Stream:
    """The cells from a line on, made as the reading asks for them (a look that fails early costs
    only the cells it looked at), up to the end of the table's block."""

    def __init__(self, lines: list[str], free: list[bool], i: int, blank_separated: bool) -> None:
        self.lines, self.free, self.k, self.blank_separated = lines, free, i, blank_separated
        self.cells: list[_Cell] = []
        self.done = False

    def has(self, p: int) -> bool:
        while len(self.cells) <= p and not self.done:
            self._next()
        return p < len(self.cells)

    def __getitem__(self, p: int) -> _Cell:
        self.has(p)
        return self.cells[p]

    def take(self, p: int, w: int) -> list[_Cell]:
        self.has(p + w - 1)
        return self.cells[p:p + w]

    def _free(self, k: int) -> bool:
        return k < len(self.lines) and self.free[k]

    def _next(self) -> None:
        lines, k = self.lines, self.k
        if self.blank_separated:
            gap = 0
            while self._free(k) and lines[k] == "":
                gap += 1
                k += 1
            if gap >= 2 or not self._free(k):
                self.done = True
                return
            first = k
            pieces: list[tuple[int, int, int]] = []
            while self._free(k) and lines[k] != "":
                s = lines[k]
                a = len(s) - len(s.lstrip())
                b = len(s.rstrip())
                if b > a:
                    pieces.append((k, a, b))
                k += 1
            text = " ".join(lines[li][x:y] for li, x, y in pieces)
            self.cells.append(_Cell(" ".join(text.split()), pieces, first, k - 1))
            self.k = k
            return
        if not self._free(k):
            self.done = True
            return
        s = lines[k]
        a = len(s) - len(s.lstrip())
        b = len(s.rstrip())
        if b <= a:
            if self._free(k + 1) and not lines[k + 1].strip():
                self.done = True  # two blank lines: the table's block ends
                return
            self.cells.append(_Cell("", [], k, k))
        else:
            self.cells.append(_Cell(" ".join(s[a:b].split()), [(k, a, b)], k, k))
        self.k = k + 1


def _code(c: _Cell) -> bool:
    return bool(CODE.match(c.text))


def _name(c: _Cell) -> bool:
    t = c.text
    return len(t) >= 2 and any(ch.isalpha() for ch in t) and not _NUMBER.match(t) and not _code(c)


def _value(c: _Cell) -> bool:
    t = c.text
    if not t or t in _NIL or _NUMBER.match(t):
        return True
    # a status (“Đạt”, “Duy trì”), never what could be a row's name or number shifted into the cell
    return len(t) <= _STATUS and t[0].isalpha() and not any(ch.isdigit() for ch in t) and not _code(c)


def _row_start(cells: _Stream, p: int) -> bool:
    return cells.has(p + 1) and (cells[p].empty or _code(cells[p])) and _name(cells[p + 1])


def _header(cells: _Stream) -> int | None:
    """The number of header cells (the first is “TT”): up to the first row number followed by a name."""
    for p in range(1, _MAX_HEADER + 1):
        if not cells.has(p):
            return None
        c = cells[p]
        if not c.empty and _code(c) and cells.has(p + 1) and _name(cells[p + 1]):
            return p
        if len(c.text) > _MAX_LABEL or (c.text.endswith((".", ":", ";")) and len(c.text) > 12):
            return None
        if not c.empty and _NUMBER.match(c.text) and not _YEARISH.match(c.text):
            return None
    return None


class _Shape:
    """What a row holds: name, unit, values, note."""

    def __init__(self, unit: bool, values: int, note: bool) -> None:
        self.unit, self.values, self.note = unit, values, note

    @property
    def width(self) -> int:
        return 2 + self.unit + self.values + self.note


def _parse_rows(cells: _Stream, p: int, shape: _Shape) -> tuple[list[list[_Cell]], int, int]:
    """Rows read from cell `p` with `shape`, and the index of the first cell not read. A row may
    lack its number cell (“- Dịch vụ” right after the row above): it then begins with its name."""
    rows: list[list[_Cell]] = []
    last_no = 0
    while True:
        if _row_start(cells, p):
            w = shape.width
            row = cells.take(p, w)
        elif rows and cells.has(p) and _name(cells[p]) and _clean_end(cells, p, rows, last_no):
            w = shape.width - 1
            row = [_Cell("", [], cells[p].first, cells[p].first)] + cells.take(p, w)
        else:
            break
        if not cells.has(p + w - 1):
            break
        # row numbers run on: a number skipped is a row that took a cell of another
        m = _ROW_NO.match(row[0].text)
        if m:
            no = int(m.group(1))
            # (numbering starts again under a group row: “II”, “Xã hội”, no values)
            regroup = no == 1 and bool(rows) and all(c.empty for c in rows[-1][2:])
            if last_no and no != last_no + 1 and not regroup:
                break
            last_no = no
        k = 2
        if shape.unit:
            u = row[2]
            if not u.empty and (len(u.text) > _UNIT or _NUMBER.match(u.text) and u.text != "%"):
                break
            k = 3
        vals = row[k:k + shape.values]
        if not all(_value(v) for v in vals):
            break
        if shape.note and len(row[-1].text) > _MAX_LABEL:
            break
        # a row with some values must have a number among them (a row of statuses is a list)
        if not any(_NUMBER.match(v.text) for v in vals) and any(not v.empty and v.text not in _NIL for v in vals):
            break
        # … and a word before a number is a unit or a name shifted into the values, not a status
        kinds = ["n" if _NUMBER.match(v.text) else "w" for v in vals if not v.empty and v.text not in _NIL]
        if "w" in kinds and "n" in kinds[kinds.index("w"):]:
            break
        rows.append(row)
        p += w
    return rows, p, last_no


def _clean_end(cells: _Stream, p: int, rows: list[list[_Cell]], last_no: int) -> bool:
    """Whether the table ends cleanly after its last row: the block ends, or the next cell cannot be
    the rest of a row whose cell is missing (that row would have taken the next row's number — the
    number after the last one, a letter, a dash — or its empty number cell as its last value, and
    the next row would begin with its name)."""
    if not cells.has(p):
        return True
    last = rows[-1][-1]
    if not _name(cells[p]):
        return True
    if last.empty:
        return False
    m = _ROW_NO.match(last.text)
    if m:
        return int(m.group(1)) != last_no + 1
    return not _code(last)


def _two_rows(labels: list[str], values: int) -> list[tuple[int | None, int]] | None:
    """Value labels as (upper, lower) indices when a label without a digit stands over the labels
    after it: exactly as many such labels as the labels exceed the values, each over two or more."""
    groups = [k for k, t in enumerate(labels) if not any(ch.isdigit() for ch in t)]
    if len(labels) - len(groups) != values or not groups or groups[0] == len(labels) - 1:
        return None
    out: list[tuple[int | None, int]] = []
    k = 0
    while k < len(labels):
        if k in groups:
            nxt = next((g for g in groups if g > k), len(labels))
            if nxt - k - 1 < 2:
                return None
            out.extend((k if j == k + 1 else None, j) for j in range(k + 1, nxt))
            k = nxt
            continue
        if k > groups[0]:
            return None  # (unreachable: every label after a group is its child or a group)
        out.append((k, -1))
        k += 1
    return out


def _split_years(lines: list[str], head: list[_Cell]) -> list[_Cell]:
    """A header cell of years only (“2021 2022 2023” on one line) is a column per year."""
    out: list[_Cell] = []
    for c in head:
        if len(c.pieces) == 1 and _YEAR_RUN.match(c.text):
            li, a, b = c.pieces[0]
            out.extend(_Cell(m.group(0), [(li, m.start(), m.end())], li, li) for m in _YEAR.finditer(lines[li], a, b))
        else:
            out.append(c)
    return out


# A column of the value part: (index of its upper label or None, index of its lower label or -1)
_Cols = list[tuple[int | None, int]]


def _read_at(lines: list[str], free: list[bool], i: int) -> RawTable | None:
    n = len(lines)
    blank_separated = i + 2 < n and lines[i + 1] == "" and bool(lines[i + 2].strip())
    cells = _Stream(lines, free, i, blank_separated)
    h = _header(cells)
    if h is None or h < 3:
        return None
    head = _split_years(lines, cells.take(0, h))
    labels = [c.text for c in head]
    if len(head) > _MAX_HEADER or not labels[1]:
        return None
    keys = [column_key(t, None) for t in labels]
    if keys[1] in _VALUE_KEYS or keys[1] == "unit" or "%" in labels[1] or _YEARISH.match(labels[1]):
        return None  # the second column holds the names
    unit = len(labels) > 2 and keys[2] == "unit"
    note = keys[-1] == "note"
    first_value = 3 if unit else 2
    vidx = list(range(first_value, len(labels) - note))
    vlabels = [labels[k] for k in vidx]
    if not vlabels or not any(column_key(t, None) in _VALUE_KEYS or _YEARISH.match(t) or "%" in t for t in vlabels):
        return None
    # the shapes the header allows: one header row; empty header cells no columns; a label over others
    shapes: dict[int, _Cols] = {}
    if all(vlabels):
        shapes[len(vlabels)] = [(k, -1) for k in vidx]
        for nv in range(1, len(vlabels)):
            two = _two_rows(vlabels, nv)
            if two is not None:
                shapes.setdefault(nv, [(None if a is None else vidx[a], vidx[b] if b >= 0 else -1) for a, b in two])
    else:
        # an empty label may be a column without a name or what a merged header cell left: both
        # are tried, and a table that reads both ways is not made
        shapes[len(vlabels)] = [(k, -1) for k in vidx]
        filled = [k for k in vidx if labels[k]]
        if filled:
            shapes.setdefault(len(filled), [(k, -1) for k in filled])
    results = []
    for nv, cols in shapes.items():
        shape = _Shape(unit, nv, note)
        rows, p, last_no = _parse_rows(cells, h, shape)
        if rows and not _clean_end(cells, p, rows, last_no):
            rows = rows[:-1]
        if len(rows) >= 2:
            results.append((cols, rows))
    if len(results) != 1:
        return None
    cols, rows = results[0]
    return _raw(head, cols, rows, unit, note)


def _raw(head: list[_Cell], cols: _Cols, rows: list[list[_Cell]], unit: bool, note: bool) -> RawTable:
    def at(k: int | None) -> RawCell:
        return RawCell(list(head[k].pieces)) if k is not None and k >= 0 else RawCell()

    fixed = [0, 1] + ([2] if unit else [])
    top = [at(k) for k in fixed] + [at(a) for a, _b in cols] + ([at(len(head) - 1)] if note else [])
    header_rows = [top]
    if any(b >= 0 for _a, b in cols):
        header_rows.append([RawCell() for _ in fixed] + [at(b) for _a, b in cols] + ([RawCell()] if note else []))
    body = [[RawCell(list(c.pieces)) for c in row] for row in rows]
    start = head[0].first
    end = rows[-1][-1].last + 1
    t = RawTable(start=start, end=end, rows=header_rows + body, spans=False)
    t.lines = set(range(start, end))
    return t


def find_stacked(lines: list[str], free: list[bool]) -> list[RawTable]:
    """The tables of this layout among the free lines."""
    out: list[RawTable] = []
    i, n = 0, len(lines)
    while i < n:
        s = lines[i]
        # (a cheap look first: this runs on every line of every text)
        if len(s) <= 24 and free[i] and s.strip()[:1] in ("T", "S", "t", "s") and \
                folded_words(s).strip() in _TT_FOLDED:
            t = _read_at(lines, free, i)
            if t is not None:
                out.append(t)
                i = t.end
                continue
        i += 1
    return out

