"""Tables written with spaces: columns separated by runs of spaces instead of tabs or pipes.

Three layouts, each found from the lines' geometry (display columns: a combining mark takes no
room, a no-break space is a space, a form feed none):

* **ruled**: a line of dash groups (“-----  ---------  ----”) under the header gives the columns
  (Pandoc simple and multiline tables, many PDF-to-text outputs). Rows run to a blank line; in a
  multiline table (a rule above the header too) rows are separated by blank lines and a cell's
  words may run over several lines.
* **grid**: `+----+------+` rules, `|` between the cells (Pandoc grid tables); a row's cells run
  over the lines between two rules; a missing `|` is a cell spanning columns.
* **free**: no rules at all. A column boundary is a position blank in every data row (a run of
  two or more spaces separates cells; single spaces are inside a cell). The rows must be aligned:
  a line whose text crosses a boundary the rows above agree on ends the table, so prose with a
  double space here and there never reads as one. Header lines above the data may have cells
  spanning several columns: a header cell covers the columns it overlaps, and a centred one
  reaches the neighbouring columns that have a sub-label below and no label of their own; a
  label wrapped over lines inside one column is one label. A line holding only the lower-case
  rest of a name is that name's continuation. Two neighbouring columns that no line fills both
  of are one column aligned two ways (“TT” left, row numbers right). A block of lines is a table
  only if it has a header naming its columns (TT, Chỉ tiêu, ĐVT, KH …), at least two rows with
  a number and three rows in all; numbered rows without a header only right after another
  table (otherwise they are an aligned numbered list).

A page break inside a free table leaves a second block without a header, often with columns
that are empty on that page: lines after the table (past blank lines and page numbers) that
fit the table's columns are read with those columns, as a continuation. The document pass
(`reflow`) then joins it to the table.

Everything is linear in the size of the text: each line is measured once, and a table's
column map is a byte array over its width.
"""

from __future__ import annotations

import re
import unicodedata

from auditor.extract.rows import CODE, is_debris, is_header_row, is_numrow
from auditor.records import dataclass, field

_SEG = re.compile(r"[^ ]+(?: [^ ]+)*")
_VALUE = re.compile(r"^[(+\-−]?\d[\d.,]*(?: \d{3})*\s*%?\)?$")
_COLRULE = re.compile(r"^ *-{2,}(?: +-{2,})+ *$")      # dash groups: the columns of a ruled table
_FULLRULE = re.compile(r"^ *-{3,} *$")                 # one dash group: top/bottom of a multiline table
_GRIDRULE = re.compile(r"^ *\+(?:[-=:]+\+)+ *$")
_GRIDROW = re.compile(r"^ *\|.*\| *$")
_DASHES = re.compile(r"-+")
_PLUS = re.compile(r"\+")
_GRIDSEP = re.compile(r"\+[-=:]{2,}|[-=:]{2,}\+")
MAX_WIDTH = 400          # a line wider than this is never a table row
_HEADER_LINES = 8        # header lines above the data rows, at most


@dataclass
class RawCell:
    """A cell as pieces of lines: (line index, start, end) in the raw line's characters."""

    pieces: list[tuple[int, int, int]] = field(default_factory=list)
    span_of: int | None = None      # 0-based column of the cell this one continues (spans)
    vmerge_of: int | None = None    # 0-based row of the cell this one continues (rowspans)


@dataclass
class RawTable:
    """A table found in plain text, before its cells are mapped to the document."""
    start: int                      # first line index
    end: int                        # one past the last line index
    rows: list[list[RawCell]]
    spans: bool = False             # spans are known (from geometry or markup)
    lines: set[int] = field(default_factory=set)   # the lines the table consumed
    columns: list[tuple[int, int]] | None = None    # display columns of a free table


class Geo:
    """A line as seen on screen: display columns and, for each, the character it came from."""

    __slots__ = ("s", "idx")

    def __init__(self, line: str) -> None:
        if line.isascii() and "\f" not in line and "\v" not in line:
            self.s, self.idx = line, None
            return
        out: list[str] = []
        idx: list[int] = []
        for i, ch in enumerate(line):
            if ch in "\f\v\u200b\ufeff" or unicodedata.combining(ch):
                continue
            out.append(" " if ch in "\u00a0\u202f\u2007\u2009" else ch)
            idx.append(i)
        idx.append(len(line))
        self.s, self.idx = "".join(out), idx

    def char(self, col: int) -> int:
        """Character index of display column `col` (the end of the line past it)."""
        if self.idx is None:
            return min(col, len(self.s))
        return self.idx[min(col, len(self.idx) - 1)]

    def segs(self) -> list[tuple[int, int]]:
        return [(m.start(), m.end()) for m in _SEG.finditer(self.s)]


def _gappy(line: str) -> bool:
    """A line with a run of two spaces (or no-break spaces) inside: a candidate row."""
    return "  " in line.strip() or "\u00a0" in line


def _data_like(g: Geo, segs: list[tuple[int, int]]) -> bool:
    return len(segs) >= 2 and any(_VALUE.match(g.s[a:b]) for a, b in segs[1:])


def _runs(cover: bytearray) -> list[tuple[int, int]]:
    """Covered runs (the columns) of a column map."""
    out, start = [], None
    for x, v in enumerate(cover):
        if v and start is None:
            start = x
        elif not v and start is not None:
            out.append((start, x))
            start = None
    if start is not None:
        out.append((start, len(cover)))
    return out


def _overlaps(cols: list[tuple[int, int]], a: int, b: int) -> list[int]:
    return [k for k, (x, y) in enumerate(cols) if x < b and a < y]


def _mark(cover: bytearray, segs: list[tuple[int, int]]) -> None:
    for a, b in segs:
        if b > len(cover):
            cover.extend(b"\x00" * (b - len(cover)))
        cover[a:b] = b"\x01" * (b - a)


# ---------------------------------------------------------------------------- free tables

def _assign(g: Geo, segs: list[tuple[int, int]], cols: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Segments of a line by column: one that overlaps several columns goes to the first of
    them; one in a gutter to the column on its right (a label written from a column's left edge
    over numbers aligned on its right edge)."""
    out: list[list[tuple[int, int]]] = [[] for _ in cols]
    for a, b in segs:
        out[_columns_of(cols, a, b)[0]].append((a, b))
    return out


def _columns_of(cols: list[tuple[int, int]], a: int, b: int) -> list[int]:
    """The columns a segment overlaps; in a gutter, the column on its right."""
    return _overlaps(cols, a, b) or [next((k for k, (_, y) in enumerate(cols) if y > a), len(cols) - 1)]


def _cells(i: int, g: Geo, segs: list[tuple[int, int]], cols: list[tuple[int, int]],
           header: bool) -> list[RawCell]:
    by_col = _assign(g, segs, cols)
    row = [RawCell() for _ in cols]
    for k, parts in enumerate(by_col):
        if parts:
            row[k].pieces.append((i, g.char(parts[0][0]), g.char(parts[-1][1])))
    if header:
        # a header cell covers the columns its text overlaps
        for a, b in segs:
            ks = _overlaps(cols, a, b)
            for k in ks[1:]:
                if not row[k].pieces and row[k].span_of is None:
                    row[k].span_of = ks[0]
    return row


def _extend_spans(rows: list[list[RawCell]], segs_of: list[list[tuple[int, int]]],
                  cols: list[tuple[int, int]]) -> None:
    """A header label centred over the columns it spans is often narrower than they are: it
    reaches a neighbouring column that has no label of its own in that line but a sub-label
    below, as long as that brings the span's centre nearer the label's centre. (A label that
    starts at its column's left edge is not centred: it is left as it is.)"""
    h = len(segs_of)
    for r in range(h - 1):
        row = rows[r]
        below = [any(rows[rr][k].pieces for rr in range(r + 1, h)) for k in range(len(cols))]
        for a, b in segs_of[r]:
            ks = _overlaps(cols, a, b)
            if not ks or abs(a - cols[ks[0]][0]) <= 1:
                continue  # a label written from its column's left edge covers what it covers
            lo, hi = ks[0], ks[-1]
            origin = lo if row[lo].pieces else next((k for k in ks if row[k].pieces), lo)
            mid = (a + b) / 2

            def off(x: int, y: int) -> float:
                return abs((cols[x][0] + cols[y][1]) / 2 - mid)

            def free_below(k: int) -> bool:
                return 0 <= k < len(cols) and below[k] and not row[k].pieces and row[k].span_of is None

            # wider than its columns on both sides, it spans the neighbours on both sides
            while a < cols[lo][0] - 1 and b > cols[hi][1] + 1 and free_below(lo - 1) and free_below(hi + 1):
                lo, hi = lo - 1, hi + 1
                row[lo].span_of = row[hi].span_of = origin
            while True:
                best, span = off(lo, hi), None
                for x, y, new in ((lo - 1, hi, lo - 1), (lo, hi + 1, hi + 1)):
                    if free_below(new) and off(x, y) < best:
                        best, span = off(x, y), (x, y, new)
                if span is None:
                    break
                lo, hi, new = span
                row[new].span_of = origin


def _join_wrapped(rows: list[list[RawCell]], header_rows: int) -> int:
    """A header label wrapped over several lines inside its column (“KH năm” / “2024 (theo” /
    “NQ HĐND giao)”) is one label: the lines below a one-column label join it, unless a label
    spanning several columns comes between (then they are sub-labels). Returns the header's rows
    left."""
    ncol = len(rows[0]) if rows else 0
    for c in range(ncol):
        top: int | None = None
        for r in range(header_rows):
            cell = rows[r][c]
            if cell.span_of is not None:
                top = None  # under a spanning label: the labels below are sub-labels
                continue
            if not cell.pieces:
                continue
            spanning = any(x.span_of == c for x in rows[r])
            if top is not None and not spanning:
                rows[top][c].pieces.extend(cell.pieces)
                cell.pieces = []
            else:
                top = None if spanning else r
    keep = [r for r in range(header_rows) if any(x.pieces for x in rows[r])]
    rows[:header_rows] = [rows[r] for r in keep]
    return len(keep)


def find_free(lines: list[str], free: list[bool], geos: list[Geo | None]) -> list[RawTable]:
    out: list[RawTable] = []
    n = len(lines)
    i = 0
    last: RawTable | None = None
    while i < n:
        if last is not None and i == last.end:
            cont = _continuation(lines, free, geos, last, i)
            if cont is not None:
                out.append(cont)
                last = cont
                i = cont.end
                continue
            last = None
        if not free[i] or not _gappy(lines[i]):
            i += 1
            continue
        g = geos[i]
        if g is None:
            i += 1
            continue
        segs = g.segs()
        if not _data_like(g, segs) or len(g.s) > MAX_WIDTH:
            i += 1
            continue
        t, scanned = _grow(lines, free, geos, i, out[-1] if out else None)
        if t is None:
            # the lines it grew over are no table from any of them either (each line is
            # looked at a bounded number of times: reading stays linear)
            i = max(i + 1, scanned)
            continue
        out.append(t)
        last = t
        i = t.end
    return out


def _grow(lines: list[str], free: list[bool], geos: list[Geo | None], i: int,
          prev: RawTable | None = None) -> tuple[RawTable | None, int]:
    n = len(lines)
    cover = bytearray()
    strong: list[int] = []
    soft: set[int] = set()
    rules: set[int] = set()
    j = i
    cols: list[tuple[int, int]] = []
    while j < n and free[j]:
        g = geos[j]
        if g is None or not g.s.strip() or len(g.s) > MAX_WIDTH:
            break
        if _COLRULE.match(g.s) or _FULLRULE.match(g.s):
            rules.add(j)
            j += 1
            continue
        segs = g.segs()
        crosses = bool(cols) and any(len(_overlaps(cols, a, b)) > 1 for a, b in segs)
        if len(segs) >= 2 and not crosses:
            _mark(cover, segs)
            cols = _runs(cover)
            strong.append(j)
        elif cols and len(segs) == 1 and segs[0][0] > 0 and g.s[segs[0][0]].islower() \
                and len(_overlaps(cols, *segs[0])) <= 1 and strong:
            soft.add(j)  # the rest of a name that did not fit on one line
        elif cols and 2 <= len(segs) <= 3 and CODE.match(g.s[segs[0][0]:segs[0][1]]) \
                and not any(_VALUE.match(g.s[a:b]) for a, b in segs[1:]):
            pass  # a group row (“II  Văn hóa - xã hội (10 chỉ tiêu)”) wider than its column
        else:
            break  # a line whose text crosses a column boundary: not the same table
        j += 1
    end = j
    if len(strong) < 2 or len(cols) < 2:
        return None, end
    datas = [k for k in strong if _data_like(geos[k], geos[k].segs())]  # type: ignore[union-attr]
    if len(datas) < 2 or (len(cols) == 2 and len(datas) < 3):
        return None, end
    # header lines above the data
    h = i
    while h > 0 and i - h < _HEADER_LINES and free[h - 1] and geos[h - 1] is not None:
        g = geos[h - 1]
        assert g is not None
        if not g.s.strip() or len(g.s) > MAX_WIDTH:
            break
        if _COLRULE.match(g.s) or _FULLRULE.match(g.s):
            rules.add(h - 1)
            h -= 1
            continue
        segs = g.segs()
        if not _header_line(g, segs, cols):
            break
        h -= 1
    while h < i and h in rules:
        h += 1
    cols = _merge_unfilled(cols, [geos[k].segs() for k in range(h, end)  # type: ignore[union-attr]
                                  if k not in rules and k not in soft])
    # the header runs down to the first row with a row number (or the row of column numbers):
    # a wrapped label with a year in it (“KH năm” / “2024”) is still the header
    i = next((k for k in range(i, end) if k not in rules and k not in soft
              and _row_start(lines, geos[k], cols)), i)  # type: ignore[arg-type]
    rows: list[list[RawCell]] = []
    header_rows = 0
    header_segs: list[list[tuple[int, int]]] = []
    for k in range(h, end):
        if k in rules:
            continue
        g = geos[k]
        assert g is not None
        segs = g.segs()
        if k in soft and rows:
            # continuation of the name above: append to the cell of the column it lies in
            (a, b), = segs
            col = (_overlaps(cols, a, b) or [0])[0]
            rows[-1][col].pieces.append((k, g.char(a), g.char(b)))
            continue
        rows.append(_cells(k, g, segs, cols, header=k < i))
        if k < i:
            header_rows += 1
            header_segs.append(segs)
    if header_rows > 1:
        _extend_spans(rows, header_segs, cols)
        header_rows = _join_wrapped(rows, header_rows)
    after_table = prev is not None and len(prev.columns or ()) == len(cols) and all(
        not lines[k].strip() or is_debris(unicodedata.normalize("NFC", lines[k])) for k in range(prev.end, h))
    if not _readable(rows, lines, header_rows, after_table):
        return None, end
    used = set(range(h, end))
    return RawTable(h, end, rows, spans=True, lines=used, columns=cols), end


def _row_start(lines: list[str], g: Geo, cols: list[tuple[int, int]]) -> bool:
    """A data row (a row number first) or the row of column numbers."""
    texts = [" ".join(g.s[a:b] for a, b in parts) for parts in _assign(g, g.segs(), cols)]
    return bool(texts and CODE.match(texts[0].strip())) or is_numrow(texts)


def _merge_unfilled(cols: list[tuple[int, int]], lines: list[list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """Two neighbouring columns that no line ever fills both of are one column whose cells are
    aligned differently: a row number right-aligned under a left-aligned “TT”, a text (“Duy trì
    100%”) on the left of a column whose numbers are on the right. Distinct columns show in
    some line with a cell in each (the header's labels, the row of column numbers, a data row)."""
    n = len(cols)
    both = [False] * max(0, n - 1)
    for segs in lines:
        owner: dict[int, int] = {}
        for j, (a, b) in enumerate(segs):
            for k in _overlaps(cols, a, b):
                owner.setdefault(k, j)
        for k in range(n - 1):
            if k in owner and k + 1 in owner and owner[k] != owner[k + 1]:
                both[k] = True
    out = [cols[0]]
    for k in range(1, n):
        if not both[k - 1]:
            out[-1] = (out[-1][0], cols[k][1])
        else:
            out.append(cols[k])
    return out


def _header_line(g: Geo, segs: list[tuple[int, int]], cols: list[tuple[int, int]]) -> bool:
    """A line above the data that reads as a header line: short cells, one per column, not a
    sentence or a heading. A line with a single label is a label centred over value columns
    (“Kết quả thực hiện”) or the rest of a wrapped label — never over the row numbers or the
    names, where an indented heading or paragraph would be."""
    if not segs:
        return False
    for a, b in segs:
        t = g.s[a:b]
        if len(t) > 60 or t.endswith((":", ".", ";")) and len(t) > 12:
            return False
    owners = [_columns_of(cols, a, b) for a, b in segs]
    firsts = [ks[0] for ks in owners]
    if len(firsts) != len(set(firsts)):
        return False  # two pieces of text in one column: prose with a double space
    text_cols = 2 if len(cols) >= 3 else 1
    if any(len(ks) > 1 and ks[0] < text_cols for ks in owners):
        return False  # labels span value columns, never the row numbers or the names
    if len(segs) == 1:
        a, b = segs[0]
        ks = owners[0]
        # a centred label over some columns; one over most of them is the table's title
        return a > 0 and b <= cols[-1][1] + 4 and min(ks) >= text_cols and \
            len(ks) <= max(2, len(cols) // 2)
    # a line starting at the margin starts with the first column's label (“TT”, “STT”): text
    # running over the first column's boundary there is a sentence or a heading
    a, b = segs[0]
    return not (a <= cols[0][0] + 1 and len(owners[0]) > 1)


def _row_text(lines: list[str], row: list[RawCell]) -> list[str]:
    return [" ".join(lines[li][x:y] for li, x, y in c.pieces).strip() for c in row]


def _readable(rows: list[list[RawCell]], lines: list[str], header_rows: int, after_table: bool) -> bool:
    """A table the indicator reader can use: a header naming its columns. Rows numbered in the
    first column without a header are a table only right after another one (its rest after a
    page break, drawn with other column positions); elsewhere they are a numbered list whose
    values happen to align (“1.  Tổng giá trị sản xuất:     1.896 tỷ đồng”), read as a list."""
    texts = [_row_text(lines, r) for r in rows]
    if any(is_header_row(t) for t in texts[:header_rows]):
        return True
    if not after_table:
        return False
    data = texts[header_rows:]
    coded = sum(1 for t in data if t and CODE.match(t[0]))
    return coded * 2 >= len(data) and coded >= 2


def _continuation(lines: list[str], free: list[bool], geos: list[Geo | None], last: RawTable,
                  i: int) -> RawTable | None:
    """Rows after a page break: past blank lines and page numbers, lines that fit the columns of
    the table above (no text across its boundaries, a row number first) continue it."""
    if not last.columns:
        return None
    cols = last.columns
    n = len(lines)
    k = i
    skipped = 0
    while k < n and free[k] and skipped < 6:
        s = lines[k]
        if s.strip() and not is_debris(unicodedata.normalize("NFC", s.replace("\f", ""))):
            break
        k += 1
        skipped += 1
    if k == i or k >= n:
        return None
    start = k
    rows: list[list[RawCell]] = []
    while k < n and free[k]:
        g = geos[k]
        if g is None or not g.s.strip():
            break
        segs = g.segs()
        if len(segs) >= 2 and all(len(_overlaps(cols, a, b)) <= 1 for a, b in segs):
            row = _cells(k, g, segs, cols, header=False)
            if not rows and not CODE.match(_row_text(lines, row)[0]):
                return None
            rows.append(row)
        elif rows and len(segs) == 1 and segs[0][0] > 0 and g.s[segs[0][0]].islower() \
                and len(_overlaps(cols, *segs[0])) <= 1:
            a, b = segs[0]
            rows[-1][(_overlaps(cols, a, b) or [0])[0]].pieces.append((k, g.char(a), g.char(b)))
        else:
            break
        k += 1
    # rows of the table, not a sentence that happens to fit: a number in a value column, or
    # three cells at least
    if not rows or not any(_data_like(geos[li], geos[li].segs())  # type: ignore[union-attr]
                           for li in {c.pieces[0][0] for r in rows for c in r if c.pieces}) \
            and not all(sum(1 for c in r if c.pieces) >= 3 for r in rows):
        return None
    return RawTable(start, k, rows, spans=True, lines=set(range(start, k)), columns=cols)


# ---------------------------------------------------------------------------- ruled tables

def find_ruled(lines: list[str], free: list[bool], geos: list[Geo | None]) -> list[RawTable]:
    """Tables whose columns a dash rule gives (Pandoc simple and multiline tables)."""
    out: list[RawTable] = []
    n = len(lines)
    i = 0
    while i < n:
        if not free[i] or "--" not in lines[i]:
            i += 1
            continue
        g = geos[i]
        if g is None or not _COLRULE.match(g.s):
            i += 1
            continue
        cols = [(m.start(), m.end()) for m in _DASHES.finditer(g.s)]
        # header: one line above (a simple table), or the lines up to a full rule (a multiline
        # table); never prose above a simple table written without a blank line
        h = i
        top_rule = None
        while h > 0 and free[h - 1] and geos[h - 1] is not None and geos[h - 1].s.strip():  # type: ignore[union-attr]
            if _FULLRULE.match(geos[h - 1].s):  # type: ignore[union-attr]
                top_rule = h - 1
                break
            h -= 1
            if i - h > _HEADER_LINES:
                break
        if top_rule is None:
            h = i - 1 if i > 0 and free[i - 1] and geos[i - 1] is not None and geos[i - 1].s.strip() else i  # type: ignore[union-attr]
        multiline = top_rule is not None or (h == i and _blank_separated(geos, free, i + 1, n, g.s.rstrip()))
        rows: list[list[RawCell]] = []
        if h < i:
            rows.append(_cut_block(lines, geos, range(h, i), cols))
        k = i + 1
        block: list[int] = []
        end = k
        closed = False
        while k < n and free[k]:
            gk = geos[k]
            if gk is None:
                break
            if not gk.s.strip():
                if not multiline:
                    break
                if block:
                    rows.append(_cut_block(lines, geos, block, cols))
                    block = []
                k += 1
                continue
            if _FULLRULE.match(gk.s) or _COLRULE.match(gk.s):
                closed = gk.s.rstrip() == g.s.rstrip()
                end = k + 1
                k += 1
                break
            if multiline:
                block.append(k)
            else:
                rows.append(_cut_block(lines, geos, [k], cols))
            k += 1
            end = k
        if block:
            rows.append(_cut_block(lines, geos, block, cols))
        start = top_rule if top_rule is not None else h
        # a table of one row is a table when rules close it (a part cut off by a page break)
        if len(rows) >= 2 or (rows and h == i and closed):
            out.append(RawTable(start, end, rows, spans=False, lines=set(range(start, end))))
            i = end
        else:
            i += 1
    return out


def _blank_separated(geos: list[Geo | None], free: list[bool], k: int, n: int, rule: str) -> bool:
    """A headerless ruled table whose rows are separated by blank lines up to its closing rule
    (a multiline table): the same rule comes back before two blank lines in a row, with a
    blank line first."""
    blanks = 0
    seen_blank = False
    while k < n and free[k] and geos[k] is not None:
        s = geos[k].s  # type: ignore[union-attr]
        if not s.strip():
            blanks += 1
            seen_blank = True
            if blanks > 1:
                return False
        else:
            if _COLRULE.match(s) or _FULLRULE.match(s):
                return seen_blank and s.rstrip() == rule
            blanks = 0
        k += 1
    return False


def _cut_block(lines: list[str], geos: list[Geo | None], idx, cols: list[tuple[int, int]]) -> list[RawCell]:
    """One row from one or more lines cut at the rule's column starts."""
    row = [RawCell() for _ in cols]
    for li in idx:
        g = geos[li]
        assert g is not None
        for k, (a, _b) in enumerate(cols):
            x = 0 if k == 0 else a
            y = cols[k + 1][0] if k + 1 < len(cols) else len(g.s)
            piece = g.s[x:y]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                trail = len(piece.rstrip())
                row[k].pieces.append((li, g.char(x + lead), g.char(x + trail)))
    return row


# ---------------------------------------------------------------------------- grid tables

def find_grid(lines: list[str], free: list[bool], geos: list[Geo | None]) -> list[RawTable]:
    """Pandoc grid tables: `+---+---+` rules and `|` rows; a row runs between two rules. A rule
    drawn under part of a row only (`|    |    +------+------+`) separates rows there: the cells
    above it span the columns its `+` marks, the cells it does not cross run on (row spans)."""
    out: list[RawTable] = []
    n = len(lines)
    i = 0
    while i < n:
        if not free[i] or "+-" not in lines[i] and "+=" not in lines[i]:
            i += 1
            continue
        g = geos[i]
        if g is None or not _GRIDRULE.match(g.s) or i + 1 >= n or geos[i + 1] is None \
                or not _GRIDROW.match(geos[i + 1].s):  # type: ignore[union-attr]
            i += 1
            continue
        seps = [i]
        k = i + 1
        while k < n and free[k] and geos[k] is not None:
            gs = geos[k].s  # type: ignore[union-attr]
            if _GRIDRULE.match(gs) or (gs.lstrip()[:1] in "+|" and _GRIDSEP.search(gs)):
                seps.append(k)
            elif not _GRIDROW.match(gs):
                break
            k += 1
        bounds = sorted({m.start() for j in seps for m in _PLUS.finditer(geos[j].s)})  # type: ignore[union-attr]
        rows: list[list[RawCell]] = []
        block: list[int] = []
        sep_set = set(seps)
        for j in range(i + 1, k):
            if j in sep_set:
                if block:
                    rows.append(_grid_row(geos, block, bounds))
                    block = []
                continue
            block.append(j)
        if block:
            rows.append(_grid_row(geos, block, bounds))
        if rows:
            out.append(RawTable(i, k, rows, spans=True, lines=set(range(i, k))))
            i = k
        else:
            i += 1
    return out


def _grid_row(geos: list[Geo | None], block: list[int], bounds: list[int]) -> list[RawCell]:
    ncol = len(bounds) - 1
    # a boundary is present when every line of the row has a bar there
    present = [all(len(geos[li].s) > b and geos[li].s[b] == "|" for li in block)  # type: ignore[union-attr]
               for b in bounds]
    row = [RawCell() for _ in range(ncol)]
    start = 0
    for k in range(1, ncol + 1):
        if not present[k] and k < ncol:
            row[k].span_of = start
            continue
        for li in block:
            g = geos[li]
            assert g is not None
            x, y = bounds[start] + 1, bounds[k]
            piece = g.s[x:y]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                trail = len(piece.rstrip())
                row[start].pieces.append((li, g.char(x + lead), g.char(x + trail)))
        start = k
    return row
