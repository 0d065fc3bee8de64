"""What a table row is: a header row, the row of column numbers, a data row; what a column's
label means (KH, TH, CK, %KH …). Shared by the table reader (`tables`) and the passes that cut
and join tables before it (`reflow`), whatever the document's format.
"""

from __future__ import annotations

import re

from auditor.extract.vn import fold, years_in

NUMROW_CELL = re.compile(r"^\(?\s*(?:[A-Z]|[IVX]+|\d{1,2}|\d{1,2}\s*=\s*[\d\s()/*+\-x×.,]+)\s*\)?$")
# The first cell of a data row: a row number (“1”, “2.1”), a Roman group, a letter, a bullet.
CODE = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,5}\.?|[a-zđ][.)]?|[-+–•*])$")
_TT = {"tt", "stt", "so tt", "so thu tu", "t t"}
# Column keys that only a header cell has (a data cell never reads as one of them).
_HEADER_KEYS = {"name", "unit", "kh", "th", "ck", "pct_kh", "pct_ck", "remaining", "note"}


def folded_words(s: str) -> str:
    return " " + re.sub(r"[^a-z0-9%]+", " ", fold(s)) + " "


def column_key(label: str, year: int | None) -> str | None:
    f = folded_words(label)
    if " ghi chu " in f:
        return "note"
    if f.strip() in _TT:
        return "code"
    if " dvt " in f or " don vi tinh " in f or f.strip() in ("don vi",):
        return "unit"
    pct = "%" in label or " so voi " in f or " ty le " in f
    if pct and (" ke hoach " in f or " kh " in f or " du toan " in f or " chi tieu " in f):
        return "pct_kh"
    if pct and (" cung ky " in f or " ck " in f or " nam truoc " in f):
        return "pct_ck"
    if " con phai " in f or " con lai " in f:
        return "remaining"
    if (" chi tieu " in f or " noi dung " in f or " danh muc " in f or f.strip().startswith("ten ")) \
            and " kh " not in f and " ke hoach " not in f and " thuc hien " not in f:
        return "name"
    if " ke hoach " in f or " kh " in f or " du toan " in f or " muc tieu " in f:
        return "kh"
    if " cung ky " in f or " ck " in f:
        return "ck"
    if " thuc hien " in f or " th " in f or " uoc " in f or " ket qua " in f or " kq " in f:
        ys = years_in(label)
        if ys and year and max(ys) < year:
            return "ck"
        return "th"
    return None


def is_numrow(cells: list[str]) -> bool:
    """The row of column numbers: “A B I 2 3 4 5=4/2*100 6=4/3*100 7=3-4 8”."""
    ne = [c.strip().strip("$") for c in cells if c.strip()]
    if len(ne) < 3:
        return False
    return sum(1 for c in ne if NUMROW_CELL.match(c)) >= 0.8 * len(ne) and any(
        c.isalpha() or "=" in c for c in ne)


def is_data_row(cells: list[str]) -> bool:
    """A row of an indicator table: a row code in the first cell and a name in the second."""
    if not cells:
        return False
    first = cells[0].strip()
    return bool(first) and bool(CODE.match(first)) and len(cells) > 1 and bool(cells[1].strip()) \
        and not is_numrow(cells)


def is_header_row(cells: list[str]) -> bool:
    """A row that opens a table: “TT / STT” first, or at least two cells that name a column
    (Chỉ tiêu, ĐVT, KH, thực hiện, % so với …) — never a data row."""
    if is_data_row(cells) or is_numrow(cells):
        return False
    ne = [c for c in cells if c.strip()]
    if not ne:
        return False
    if folded_words(cells[0]).strip() in _TT:
        return True
    return sum(1 for c in ne if column_key(c, None) in _HEADER_KEYS) >= 2


def width(cells: list[str]) -> int:
    """Columns a row uses: up to its last non-empty cell."""
    n = len(cells)
    while n and not cells[n - 1].strip():
        n -= 1
    return n


# (here rather than in `spaced`, the reader of tables drawn with spaces in a text, which a Word
# file's reading does not import: `layout` and `reflow` ask this of every document)
_DEBRIS = re.compile(r"^\s*(?:[-–—]+\s*)?(?:(?:trang|page|tr\.)\s*)?\d{1,4}(?:\s*(?:/|trên|of)\s*\d{1,4})?"
                     r"(?:\s*[-–—]+)?\s*$|^\s*\(?\s*(?:tiếp\s*(?:theo)?|xem\s+tiếp)\b[^.]{0,80}\)?\s*$", re.I)


def is_debris(text: str) -> bool:
    """A page number, “Trang 3/12”, “(tiếp theo)”: what a page break leaves between the parts of
    a table."""
    return bool(_DEBRIS.match(text))
