"""Passes over the blocks a reader produced (.txt/.md and .docx alike), before the patterns run:

* **layout tables** — the page header or the signature block laid out as a table (“CỘNG HÒA XÃ
  HỘI …”, “Nơi nhận”, “TM. ỦY BAN NHÂN DÂN”) is not data: its cells become paragraphs, column by
  column (the issuer and the number on the left are read before the motto and the date);
* **flattened header** — see `header`;
* **two tables in one** — a table whose rows include a second header row after its data rows
  (two tables with no blank line between them) is cut at that row, so the second header is a
  header and never an indicator;
* **a table cut by a page break** — a table that starts with a data row (no header) right after
  another table, with nothing between them but blank lines, page numbers or “(tiếp theo)”, and
  the same number of columns (a missing trailing “Ghi chú” column counts as the same), is the
  rest of that table: its rows are appended to it, so they are read under its header. A second
  part that repeats the header stays a table of its own, as it is written.

Each pass is one walk over the blocks.
"""

from __future__ import annotations

import re

from auditor.extract.document import Document, Para, TableBlock
from auditor.extract.header import split_header
from auditor.extract.rows import column_key, is_data_row, is_debris, is_header_row, width
from auditor.records import replace

LAYOUT_MARKERS = re.compile(r"CỘNG HÒA XÃ HỘI|CỘNG HOÀ XÃ HỘI|Độc lập\s*[-–]\s*Tự do|Nơi nhận|^\s*Số\s*:|"
                            r"TM\.\s*ỦY BAN|TM\.\s*UỶ BAN|KT\.\s*CHỦ TỊCH", re.I | re.M)
_NUMERIC = re.compile(r"[\d.,%\s]+")


def looks_like_data_table(block: TableBlock) -> bool:
    numeric = sum(1 for r in block.rows for c in r if _NUMERIC.fullmatch(c.s or "x"))
    return numeric >= 6


def normalise(doc: Document) -> None:
    _layout_tables(doc)
    split_header(doc)
    _split_tables(doc)
    _join_continuations(doc)
    _renumber(doc)


def _texts(tb: TableBlock) -> list[list[str]]:
    return [[c.s for c in r] for r in tb.rows]


# ---------------------------------------------------------------------------- layout tables

def _layout_tables(doc: Document) -> None:
    out: list = []
    for b in doc.blocks:
        if not isinstance(b, TableBlock):
            out.append(b)
            continue
        all_text = "\n".join(c.s for r in b.rows for c in r)
        if not LAYOUT_MARKERS.search(all_text) or looks_like_data_table(b):
            out.append(b)
            continue
        ncol = max((len(r) for r in b.rows), default=0)
        for c in range(ncol):
            for r in b.rows:
                if c >= len(r):
                    continue
                cell = r[c]
                if cell.span_from is not None or cell.vmerge_from is not None:
                    continue
                for line in _lines(cell.text):
                    if line.text:
                        out.append(Para([line]))
    doc.blocks = out


def _lines(mt):
    out, start = [], 0
    t = mt.text
    for i, ch in enumerate(t + "\n"):
        if ch == "\n":
            out.append(mt.slice(start, i).strip())
            start = i + 1
    return out


# ---------------------------------------------------------------------------- two tables in one

def _split_tables(doc: Document) -> None:
    out: list = []
    for b in doc.blocks:
        if not isinstance(b, TableBlock):
            out.append(b)
            continue
        cut_at: list[int] = []
        in_data = False              # a data row since the last cut: a header row opens a table
        for r, t in enumerate(_texts(b)):
            if is_data_row(t):
                in_data = True
            elif in_data and is_header_row(t):
                cut_at.append(r)
                in_data = False
        if not cut_at:
            out.append(b)
            continue
        bounds = [0, *cut_at, len(b.rows)]
        for a, e in zip(bounds, bounds[1:]):
            out.append(TableBlock(rows=b.rows[a:e], number=b.number, explicit_spans=b.explicit_spans))
            if b.explicit_spans and a:
                _rebase_merges(out[-1], a)
    doc.blocks = out


def _rebase_merges(tb: TableBlock, first: int) -> None:
    """Vertical merges of a part cut from a table count rows from that part's first row."""
    for r in tb.rows:
        for c in r:
            if c.vmerge_from is not None:
                c.vmerge_from = c.vmerge_from - first if c.vmerge_from - first >= 1 else None


# ---------------------------------------------------------------------------- page breaks

class _Shape:
    """What a table's continuation is compared with, measured once per table."""

    __slots__ = ("width", "labels", "has_data")

    def __init__(self, tb: TableBlock) -> None:
        texts = _texts(tb)
        first_data = next((r for r, t in enumerate(texts) if is_data_row(t)), None)
        self.has_data = first_data is not None
        self.width = max((width(t) for t in texts), default=0)
        head = texts[:first_data] if first_data is not None else []
        self.labels = [" ".join(t[c] for t in head if c < len(t) and t[c].strip()) for c in range(self.width)]


def _continues(shape: _Shape, cont: TableBlock) -> bool:
    tc = _texts(cont)
    if not tc or not is_data_row(tc[0]) or not shape.has_data:
        return False
    wc = max(width(t) for t in tc)
    if wc == shape.width:
        return True
    if wc > shape.width or wc < 2:
        return False
    # the continuation lacks trailing columns: only notes (or columns without a label)
    return all(not label or column_key(label, None) == "note" for label in shape.labels[wc:])


def _join_continuations(doc: Document) -> None:
    out: list = []
    last: int | None = None          # position in `out` of the last table
    shape: _Shape | None = None
    only_debris = False              # nothing but page debris since that table
    for b in doc.blocks:
        if isinstance(b, TableBlock):
            if last is not None and shape is not None and only_debris and _continues(shape, b):
                prev = out[last]
                if b.explicit_spans:
                    for row in b.rows:
                        for c in row:
                            if c.vmerge_from is not None:
                                c.vmerge_from += len(prev.rows)
                prev.rows.extend(b.rows)
                continue
            out.append(b)
            last = len(out) - 1
            shape = _Shape(b)
            only_debris = True
            continue
        out.append(b)
        if not (isinstance(b, Para) and is_debris(b.text)):
            only_debris = False
    doc.blocks = out


# ---------------------------------------------------------------------------- numbering

def _renumber(doc: Document) -> None:
    """Blocks and tables numbered in order. In a text file a table has no number of its own,
    so its cells' origins follow (a .docx cell keeps the Word table it is in)."""
    k = 0
    for i, b in enumerate(doc.blocks):
        b.index = i
        if not isinstance(b, TableBlock):
            continue
        k += 1
        b.number = k
        if doc.kind == "docx":
            continue
        for r, row in enumerate(b.rows, start=1):
            for c, cell in enumerate(row, start=1):
                o = cell.text.origin
                if o.table != k or o.row != r or o.column != c:
                    cell.text.origin = replace(o, table=k, row=r, column=c)
