"""Positioned words of printed pages → the intermediate `Document` (paragraphs and tables).

Both kinds of page come here as words with their boxes: a PDF's text layer (`pdf.py`) and a
scan read by OCR (`ocr.py`), together with the ruling lines drawn on the page (from the PDF's
paths, or found in the scan's pixels). The same steps then apply to both:

1. ruled tables: connected horizontal and vertical rules form a grid; merged cells are the grid
   cells with no rule between them; the words inside become cell text;
2. visual lines: the other words grouped by their vertical position; every line of a page gets
   its number (`dòng`), counted from the top with the running header and footer left out;
3. running headers and footers: lines near the top or bottom edge that are a page number, or
   that repeat (digits aside) on several pages, are dropped;
4. columns and whitespace-aligned tables: runs of lines that share a vertical gutter are read
   column by column (a two-column header block) or, with three or more columns or numbers in
   them, as a table whose rows are separated by the larger vertical gaps;
5. paragraphs: lines are joined while the text runs on (no first-line indent, no list marker, no
   larger gap, and the previous line was full: the next line's first word would not have fitted
   on it); a word hyphenated at a line end is joined; a paragraph or a table cut by a page break
   continues on the next page.

Every line keeps its page and line number; numbers found in it map back to the line's text.
Coordinates are PDF points with the origin at the top left of the page (y grows downwards).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median

from auditor.extract.document import Cell, Document, MappedText, Origin, Para, TableBlock
from auditor.extract.text import clean


@dataclass
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    crop: str | None = None          # OCR: a picture of the word (data URI), for words with digits
    conf: float | None = None        # OCR: Tesseract's confidence in the word (0–100)

    @property
    def yc(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def h(self) -> float:
        return self.y1 - self.y0


@dataclass(frozen=True)
class Rule:
    """A ruling line: horizontal (y0 == y1 within a point or two) or vertical."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def horizontal(self) -> bool:
        return (self.x1 - self.x0) >= (self.y1 - self.y0)


@dataclass
class Page:
    number: int
    width: float
    height: float
    words: list[Word]
    rules: list[Rule] = field(default_factory=list)
    ocr: bool = False


# ---------------------------------------------------------------------------- lines

@dataclass
class Line:
    words: list[Word]
    number: int = 0                  # visual line on the page (1-based), set later

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def y0(self) -> float:
        return min(w.y0 for w in self.words)

    @property
    def y1(self) -> float:
        return max(w.y1 for w in self.words)

    @property
    def text(self) -> str:
        return _join_words(self.words)


def _join_words(words: list[Word]) -> str:
    return " ".join(w.text for w in words)


def _group_lines(words: list[Word], height: float) -> list[list[Word]]:
    """Words → lines by vertical position (a word joins a line whose centre is within half a
    line height of its own), each line sorted left to right."""
    lines: list[list[Word]] = []
    centres: list[float] = []
    for w in sorted(words, key=lambda w: (w.yc, w.x0)):
        if lines and abs(w.yc - centres[-1]) <= 0.45 * height:
            lines[-1].append(w)
            n = len(lines[-1])
            centres[-1] += (w.yc - centres[-1]) / n
        else:
            lines.append([w])
            centres.append(w.yc)
    return [sorted(ln, key=lambda w: w.x0) for ln in lines]


def _split_segments(words: list[Word], gap: float) -> list[list[Word]]:
    segs: list[list[Word]] = [[words[0]]]
    for a, b in zip(words, words[1:]):
        if b.x0 - a.x1 > gap:
            segs.append([b])
        else:
            segs[-1].append(b)
    return segs


# ---------------------------------------------------------------------------- ruled tables

@dataclass
class Grid:
    xs: list[float]
    ys: list[float]
    owner: dict[tuple[int, int], tuple[int, int]]   # grid cell -> its merged cell's top-left
    words: dict[tuple[int, int], list[Word]] = field(default_factory=dict)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]


def _cluster(values: list[float], tol: float) -> list[float]:
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(c) / len(c) for c in out]


def find_grids(rules: list[Rule], tol: float = 2.5) -> list[Grid]:
    """Tables drawn with rules: connected sets of horizontal and vertical rules."""
    hs = [r for r in rules if r.horizontal and r.x1 - r.x0 >= 4]
    vs = [r for r in rules if not r.horizontal and r.y1 - r.y0 >= 4]
    if len(hs) < 2 or len(vs) < 2:
        return []
    items = hs + vs
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(hs):
        y = (h.y0 + h.y1) / 2
        for j, v in enumerate(vs, start=len(hs)):
            x = (v.x0 + v.x1) / 2
            if h.x0 - tol <= x <= h.x1 + tol and v.y0 - tol <= y <= v.y1 + tol:
                a, b = find(i), find(j)
                if a != b:
                    parent[a] = b
    groups: dict[int, list[Rule]] = {}
    for i, r in enumerate(items):
        groups.setdefault(find(i), []).append(r)
    grids = []
    for rs in groups.values():
        gh = [r for r in rs if r.horizontal]
        gv = [r for r in rs if not r.horizontal]
        ys = _cluster([(r.y0 + r.y1) / 2 for r in gh], tol)
        xs = _cluster([(r.x0 + r.x1) / 2 for r in gv], tol)
        if len(xs) < 3 or len(ys) < 2:  # one column: a box around text, not a table
            continue
        owner = _merge_cells(xs, ys, gh, gv, tol)
        grids.append(Grid(xs, ys, owner))
    return sorted(grids, key=lambda g: g.ys[0])


def _covers(rules: list[Rule], at: float, lo: float, hi: float, vertical: bool, tol: float) -> bool:
    """Whether a rule at coordinate `at` covers the middle of [lo, hi]."""
    mid = (lo + hi) / 2
    for r in rules:
        pos = (r.x0 + r.x1) / 2 if vertical else (r.y0 + r.y1) / 2
        a, b = (r.y0, r.y1) if vertical else (r.x0, r.x1)
        if abs(pos - at) <= tol and a - tol <= mid <= b + tol:
            return True
    return False


def _merge_cells(xs: list[float], ys: list[float], hs: list[Rule], vs: list[Rule],
                 tol: float) -> dict[tuple[int, int], tuple[int, int]]:
    nr, nc = len(ys) - 1, len(xs) - 1
    owner = {(r, c): (r, c) for r in range(nr) for c in range(nc)}
    for r in range(nr):
        for c in range(nc):
            o = owner[(r, c)]
            # no rule on the left: the cell continues the one on its left
            if c > 0 and not _covers(vs, xs[c], ys[r], ys[r + 1], True, tol):
                owner[(r, c)] = o = owner[(r, c - 1)]
            # no rule above: it continues the one above (a vertical merge)
            if r > 0 and not _covers(hs, ys[r], xs[c], xs[c + 1], False, tol):
                above = owner[(r - 1, c)]
                if o == (r, c):
                    owner[(r, c)] = above
    return owner


def _assign_words(grids: list[Grid], words: list[Word]) -> list[Word]:
    """Words inside a grid go to its cells; the others are returned."""
    rest = []
    for w in words:
        cx, cy = (w.x0 + w.x1) / 2, w.yc
        for g in grids:
            x0, y0, x1, y1 = g.bbox
            if x0 <= cx <= x1 and y0 <= cy <= y1:
                c = _index(g.xs, cx)
                r = _index(g.ys, cy)
                g.words.setdefault(g.owner[(r, c)], []).append(w)
                break
        else:
            rest.append(w)
    return rest


def _index(edges: list[float], v: float) -> int:
    for i in range(len(edges) - 1):
        if v <= edges[i + 1]:
            return i
    return len(edges) - 2


# ---------------------------------------------------------------------------- page analysis

@dataclass
class TableSketch:
    """A table found on one page, before it becomes a `TableBlock` (it may continue a table of
    the previous page)."""

    rows: list[list[list[Word]]]     # row -> column -> words (empty for a covered cell)
    spans: dict[tuple[int, int], tuple[int | None, int | None]]   # (row, col) -> (span_from col, vmerge_from row), 1-based
    y0: float
    y1: float
    xs: list[float]                  # column boundaries (for continuing across pages)
    explicit: bool                   # ruled: merges are known


@dataclass
class Flow:
    """A run of lines read top to bottom (the page's body, or one column of a band)."""

    lines: list[Line]


@dataclass
class PageResult:
    page: Page
    items: list[tuple[float, Flow | TableSketch]]   # in reading order
    line_no: dict[int, int]                         # id(word) -> visual line number
    dropped: list[str]                              # header/footer lines dropped
    left: float = 0.0
    right: float = 0.0
    height: float = 10.0


def _word_height(words: list[Word]) -> float:
    hs = [w.h for w in words if w.h > 0]
    return median(hs) if hs else 10.0


def analyse_page(page: Page, drop: set[str] | None = None) -> PageResult:
    """One page: grids, lines, header/footer, bands, in reading order. `drop` holds the
    normalised texts of the running header/footer lines to leave out (see `running_lines`)."""
    words = [w for w in page.words if w.text.strip()]
    h = _word_height(words)
    grids = find_grids(page.rules)
    flow_words = _assign_words(grids, words) if grids else words
    # visual lines over the whole page (tables included) give every word its line number
    all_lines = _group_lines(words, h)
    dropped: list[str] = []
    skip: set[int] = set()
    for idx in _edge_lines(all_lines, page, h):
        text = _join_words(all_lines[idx])
        if _is_page_number(text) or (drop and normalise_running(text) in drop):
            skip.add(idx)
            dropped.append(text)
    line_no: dict[int, int] = {}
    n = 0
    for idx, ln in enumerate(all_lines):
        if idx in skip:
            for w in ln:
                line_no[id(w)] = -1
            continue
        n += 1
        for w in ln:
            line_no[id(w)] = n
    flow_words = [w for w in flow_words if line_no.get(id(w), 0) != -1]
    lines = [Line(ws, line_no[id(ws[0])]) for ws in _group_lines(flow_words, h)]
    items: list[tuple[float, Flow | TableSketch]] = []
    for g in grids:
        t = _grid_sketch(g, line_no)
        if t is not None:
            items.append((t.y0, t))
        else:  # a grid without text in two columns: its words are read as text
            extra = [w for ws in g.words.values() for w in ws if line_no.get(id(w), 0) != -1]
            lines = [Line(ws, line_no[id(ws[0])]) for ws in _group_lines(
                [w for ln in lines for w in ln.words] + extra, h)]
    left, right = _margins(lines, page)
    breaks = sorted(t.y0 for _, t in items)
    items.extend(_bands(lines, h, left, right, breaks, _word_gap(lines, h)))
    items.sort(key=lambda it: it[0])
    return PageResult(page, items, line_no, dropped, left, right, h)


def _grid_sketch(g: Grid, line_no: dict[int, int]) -> TableSketch | None:
    nr, nc = len(g.ys) - 1, len(g.xs) - 1
    rows: list[list[list[Word]]] = []
    spans: dict[tuple[int, int], tuple[int | None, int | None]] = {}
    keep_rows = [r for r in range(nr) if any(g.words.get(g.owner[(r, c)]) for c in range(nc)
                                             if g.owner[(r, c)][0] == r)]
    if not keep_rows:
        return None
    row_of = {r: i for i, r in enumerate(keep_rows)}
    for r in keep_rows:
        row: list[list[Word]] = []
        for c in range(nc):
            o = g.owner[(r, c)]
            if o == (r, c):
                row.append(sorted(g.words.get(o, []), key=lambda w: (line_no.get(id(w), 0), w.x0)))
            else:
                row.append([])
                span_from = o[1] + 1 if o[0] == r or o[1] != c else None
                vfrom = row_of.get(o[0], 0) + 1 if o[0] != r else None
                spans[(row_of[r], c)] = (span_from, vfrom)
        rows.append(row)
    filled_cols = {c for row in rows for c, ws in enumerate(row) if ws}
    if len(filled_cols) < 2:
        return None
    return TableSketch(rows, spans, g.ys[0], g.ys[-1], list(g.xs), True)


def _margins(lines: list[Line], page: Page) -> tuple[float, float]:
    if not lines:
        return 0.0, page.width
    xs0 = sorted(round(ln.x0) for ln in lines)
    xs1 = sorted(ln.x1 for ln in lines)
    # the body's left edge: the smallest x where many lines start; the right edge: where the
    # longest lines end (justified text reaches it)
    left = xs0[len(xs0) // 10] if len(xs0) >= 10 else xs0[0]
    right = xs1[int(len(xs1) * 0.9)] if len(xs1) >= 5 else xs1[-1]
    return float(left), float(right)


# ---------------------------------------------------------------------------- header / footer

_PAGE_NO = re.compile(r"^[\s\-–—.|]*(?:(?:trang|page|tr\.)\s*)?\d{1,4}(?:\s*(?:/|trên|of)\s*\d{1,4})?[\s\-–—.|]*$",
                      re.I)


def _is_page_number(text: str) -> bool:
    return bool(_PAGE_NO.match(text))


def _edge_lines(lines: list[list[Word]], page: Page, h: float) -> list[int]:
    """Indices of the lines that may be a running header or footer: the first two and last two
    lines of the page when they lie in the top or bottom tenth."""
    out = []
    for idx in list(range(min(2, len(lines)))) + list(range(max(0, len(lines) - 2), len(lines))):
        ln = lines[idx]
        y0 = min(w.y0 for w in ln)
        y1 = max(w.y1 for w in ln)
        if y1 <= page.height * 0.1 or y0 >= page.height * 0.9:
            out.append(idx)
    return sorted(set(out))


def normalise_running(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", text.strip().lower()))


def running_lines(pages: list[Page]) -> set[str]:
    """Texts (digits aside) of the edge lines repeated on at least two pages and on at least a
    third of them: the running header and footer."""
    if len(pages) < 2:
        return set()
    seen: dict[str, set[int]] = {}
    for p in pages:
        words = [w for w in p.words if w.text.strip()]
        if not words:
            continue
        h = _word_height(words)
        lines = _group_lines(words, h)
        for idx in _edge_lines(lines, p, h):
            seen.setdefault(normalise_running(_join_words(lines[idx])), set()).add(p.number)
    need = max(2, len(pages) // 3)
    return {t for t, ps in seen.items() if len(ps) >= need and len(t) >= 3}


# ---------------------------------------------------------------------------- bands: columns, whitespace tables

_NUMERIC = re.compile(r"^[\d.,%+\-–()/]+$")


def _gutters(lines: list[Line], lo: float, hi: float, min_width: float) -> list[tuple[float, float]]:
    """x intervals inside [lo, hi] that no word of these lines covers."""
    spans = sorted((w.x0, w.x1) for ln in lines for w in ln.words)
    out = []
    x = lo
    for a, b in spans:
        if a - x >= min_width and x > lo:
            out.append((x, a))
        x = max(x, b)
    return out


def _word_gap(lines: list[Line], h: float) -> float:
    """The usual space between two words of a line on this page (the gaps between the columns
    of a table, wider than half a line height, are not spaces)."""
    gaps = [b.x0 - a.x1 for ln in lines for a, b in zip(ln.words, ln.words[1:]) if 0 < b.x0 - a.x1 <= 0.6 * h]
    return median(gaps) if gaps else 0.0


def _bands(lines: list[Line], h: float, left: float, right: float, breaks: list[float] | None = None,
           word_gap: float = 0.0) -> list[tuple[float, Flow | TableSketch]]:
    """Split the page's lines into flows and whitespace tables, in reading order. `breaks` are
    the tops of the ruled tables: a flow does not run across one (the text above a table is
    read before it, the text below after it)."""
    out: list[tuple[float, Flow | TableSketch]] = []
    i = 0
    gap = max(1.2 * h, 8.0)
    plain: list[Line] = []
    breaks = breaks or []

    def flush() -> None:
        if plain:
            out.append((plain[0].y0, Flow(list(plain))))
            plain.clear()

    while i < len(lines):
        if plain and any(plain[-1].y0 < b <= lines[i].y0 for b in breaks):
            flush()
        band = _band_at(lines, i, h, gap, word_gap)
        if band is None:
            plain.append(lines[i])
            i += 1
            continue
        j, cols = band
        flush()
        blines = lines[i:j]
        if _tabular(blines, cols):
            out.append((blines[0].y0, _ws_table(blines, cols, h)))
        else:
            # columns of text: each column is read top to bottom, left column first
            for k, (c0, c1) in enumerate(cols):
                col_lines = []
                for ln in blines:
                    ws = [w for w in ln.words if c0 - 1 <= (w.x0 + w.x1) / 2 <= c1 + 1]
                    if ws:
                        col_lines.append(Line(ws, ln.number))
                if col_lines:
                    out.append((blines[0].y0 + k * 1e-3, Flow(col_lines)))
        i = j
    flush()
    return out


def _columns_of(lines: list[Line], gutters: list[tuple[float, float]]) -> list[tuple[float, float]]:
    lo = min(ln.x0 for ln in lines)
    hi = max(ln.x1 for ln in lines)
    cols = []
    x = lo
    for a, b in gutters:
        cols.append((x, a))
        x = b
    cols.append((x, hi))
    return cols


def _band_at(lines: list[Line], i: int, h: float, gap: float,
             word_gap: float = 0.0) -> tuple[int, list[tuple[float, float]]] | None:
    """A run of lines from i sharing a vertical gutter, where the first line has words on both
    sides of it: (end index, columns) or None."""
    first = lines[i]
    gaps = [b.x0 - a.x1 for a, b in zip(first.words, first.words[1:])]
    # a justified line stretches every space alike: a gutter is a gap much wider than the
    # line's narrowest one
    segs = _split_segments(first.words, max(gap, 1.8 * min(gaps))) if gaps else []
    if len(segs) < 2:
        return None
    j = i + 1
    best: tuple[int, list[tuple[float, float]]] | None = None
    cur = [first]
    while True:
        lo = min(ln.x0 for ln in cur)
        hi = max(ln.x1 for ln in cur)
        # a gutter is wider than the page's usual space between words (a scan's word boxes hug
        # the ink, so its spaces measure wider than a text layer's)
        gs = _gutters(cur, lo, hi, max(0.5 * h, 4.0, 1.6 * word_gap))
        gs = [g for g in gs if _both_sides(cur, g) >= min(2, len(cur))]
        if not gs:
            break
        best = (j, _columns_of(cur, gs))
        if j >= len(lines) or lines[j].y0 - cur[-1].y1 > 2.2 * h:
            break
        cur.append(lines[j])
        j += 1
    if best is None:
        return None
    end, cols = best
    # a single line split in two (“Số: …” | “…, ngày …”) or a run of several
    return end, cols


def _both_sides(lines: list[Line], g: tuple[float, float]) -> int:
    return sum(1 for ln in lines if any(w.x1 <= g[0] for w in ln.words) and any(w.x0 >= g[1] for w in ln.words))


_LAYOUT = re.compile(r"CỘNG HÒA XÃ HỘI|CỘNG HOÀ XÃ HỘI|Độc lập\s*-\s*Tự do|Nơi nhận|^\s*Số\s*:|TM\.\s*(ỦY|UỶ) BAN|"
                     r"KT\.\s*CHỦ TỊCH|, ngày", re.I | re.M)


def _tabular(lines: list[Line], cols: list[tuple[float, float]]) -> bool:
    """Columns of a table rather than columns of text (a header block: issuer | motto)."""
    if len(lines) < 2:
        return False
    if _LAYOUT.search("\n".join(ln.text for ln in lines)):
        return False
    if len(cols) >= 3:
        return True
    # two columns: a table when the right one holds numbers alone on most lines
    right = [[w for w in ln.words if (w.x0 + w.x1) / 2 >= cols[1][0] - 1] for ln in lines]
    numeric = sum(1 for ws in right if ws and all(_NUMERIC.match(w.text) for w in ws))
    return numeric >= max(2, int(0.6 * len(lines)))


def _ws_table(lines: list[Line], cols: list[tuple[float, float]], h: float) -> TableSketch:
    """Rows of a table without rules: lines are grouped into rows at the larger vertical gaps
    (a wrapped cell's lines are closer together than two rows)."""
    pitches = [b.y0 - a.y0 for a, b in zip(lines, lines[1:])]
    base = min(pitches) if pitches else h
    groups: list[list[Line]] = [[lines[0]]]
    for a, b in zip(lines, lines[1:]):
        if b.y0 - a.y0 > base + 0.25 * h:
            groups.append([b])
        else:
            groups[-1].append(b)
    rows: list[list[list[Word]]] = []
    for g in groups:
        row: list[list[Word]] = [[] for _ in cols]
        for ln in g:
            for w in ln.words:
                cx = (w.x0 + w.x1) / 2
                k = min(range(len(cols)), key=lambda i: 0 if cols[i][0] - 1 <= cx <= cols[i][1] + 1
                        else min(abs(cx - cols[i][0]), abs(cx - cols[i][1])))
                row[k].append(w)
        rows.append(row)
    xs = [c[0] for c in cols] + [cols[-1][1]]
    return TableSketch(rows, {}, lines[0].y0, lines[-1].y1, xs, False)


# ---------------------------------------------------------------------------- paragraphs

_MARKER = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*[.)]\s|[a-zđ]\)\s|[-+–•●▪*]\s?|[IVX]{1,5}[.)]\s|Phần\s|PHẦN\s)")
_HYPHEN_END = re.compile(r"[^\W\d_]-$")


def _starts_paragraph(prev: Line, cur: Line, pr: PageResult, pitch: float) -> bool:
    h = pr.height
    if cur.y0 - prev.y0 > pitch + 0.3 * h:          # a larger gap
        return True
    if cur.x0 > pr.left + 1.2 * h and cur.x0 > prev.x0 + 0.8 * h and not _centred(cur, pr):   # first-line indent
        return True
    if _MARKER.match(cur.text) and not _HYPHEN_END.search(prev.text):
        return True
    first = cur.words[0]
    room = pr.right - prev.x1
    # the previous line ended early: the next line's first word would have fitted on it
    return room > (first.x1 - first.x0) + 0.6 * h


def _centred(ln: Line, pr: PageResult) -> bool:
    """A line set in the middle of the text block (a title's second line), not indented."""
    before, after = ln.x0 - pr.left, pr.right - ln.x1
    return before > pr.height and abs(before - after) < 1.5 * pr.height


def _pitch(lines: list[Line], h: float) -> float:
    ps = [b.y0 - a.y0 for a, b in zip(lines, lines[1:]) if 0 < b.y0 - a.y0 < 3 * h]
    return median(ps) if ps else 1.3 * h


# ---------------------------------------------------------------------------- the document

@dataclass
class _Builder:
    doc: Document
    table_no: int = 0
    open_para: Para | None = None               # may continue on the next page
    open_para_line: Line | None = None
    open_para_page: PageResult | None = None
    open_table: tuple[TableBlock, TableSketch] | None = None


def build_document(pages: list[Page], *, name: str = "") -> tuple[Document, list[str]]:
    """The document of these pages, and the header/footer lines dropped."""
    doc = Document(kind="pdf", name=name)
    b = _Builder(doc)
    running = running_lines(pages)
    dropped: list[str] = []
    for page in pages:
        pr = analyse_page(page, running)
        dropped.extend(pr.dropped)
        for k, (_, item) in enumerate(pr.items):
            first_on_page = k == 0
            if isinstance(item, Flow):
                _add_flow(b, item, pr, first_on_page)
            else:
                _add_table(b, item, pr, first_on_page)
    for k, blk in enumerate(doc.blocks):
        blk.index = k
    return doc, dropped


def _piece(text: str, origin: Origin) -> MappedText:
    return clean(MappedText.of(text, origin), markdown=False)[0]


def _crops(words: list[Word], text_start: int = 0) -> tuple[tuple[int, int, str], ...]:
    out = []
    pos = text_start
    for w in words:
        if w.crop:
            out.append((pos, pos + len(w.text), w.crop))
        pos += len(w.text) + 1
    return tuple(out)


def _line_origin(ln: Line, pr: PageResult, text: str, wrapped: bool) -> Origin:
    return Origin(quote=text, line=ln.number, page=pr.page.number, ocr=pr.page.ocr,
                  crops=_crops(ln.words) if pr.page.ocr else (), wrapped=wrapped)


def _add_flow(b: _Builder, flow: Flow, pr: PageResult, first_on_page: bool) -> None:
    pitch = _pitch(flow.lines, pr.height)
    para_lines: list[list[Line]] = []
    for k, ln in enumerate(flow.lines):
        if k == 0:
            cont = (first_on_page and b.open_para is not None and b.open_para_line is not None
                    and b.open_para_page is not None and _continues_page(b.open_para_line, b.open_para_page, ln, pr))
            if cont:
                para_lines.append([ln])
                para_lines[-1].insert(0, None)  # type: ignore[arg-type]  # marker: continues open_para
                continue
            para_lines.append([ln])
            continue
        if _starts_paragraph(flow.lines[k - 1], ln, pr, pitch):
            para_lines.append([ln])
        else:
            para_lines[-1].append(ln)
    for group in para_lines:
        continues = group[0] is None
        lines = [ln for ln in group if ln is not None]
        pieces = _pieces(lines, pr, continues)
        if continues and b.open_para is not None:
            _join_hyphen(b.open_para.pieces, pieces)
            b.open_para.pieces.extend(p for p in pieces if p.text)
            b.open_para._text = None
            para = b.open_para
        else:
            pieces = [p for p in pieces if p.text]
            if not pieces:
                continue
            para = Para(pieces)
            b.doc.blocks.append(para)
        b.open_para, b.open_para_line, b.open_para_page = para, lines[-1], pr
    b.open_table = None


def _pieces(lines: list[Line], pr: PageResult, continues: bool) -> list[MappedText]:
    pieces: list[MappedText] = []
    for k, ln in enumerate(lines):
        text = ln.text
        pieces.append(_piece(text, _line_origin(ln, pr, text, k > 0 or continues)))
    out: list[MappedText] = []
    for p in pieces:
        if out:
            nxt = [p]
            _join_hyphen(out, nxt)
            p = nxt[0]
            if not p.text:
                continue
        out.append(p)
    return out


def _join_hyphen(prev: list[MappedText], nxt: list[MappedText]) -> None:
    """“phát-” at a line end and “triển …” on the next line: the word's second half moves to the
    first line (its characters point at the hyphen), the hyphen goes."""
    if not prev or not nxt:
        return
    a, b = prev[-1], nxt[0]
    m = re.match(r"([^\W\d_]+)([.,;:)]?)(\s+|$)", b.text)
    if not (_HYPHEN_END.search(a.text) and m and b.text[:1].islower()):
        return
    word = m.group(1) + m.group(2)
    hyph = a.offs[-1]
    prev[-1] = MappedText(a.text[:-1] + word, a.offs[:-1] + [hyph] * len(word), a.origin)
    nxt[0] = b.slice(m.end(), len(b.text))


def _continues_page(prev: Line, prev_pr: PageResult, cur: Line, pr: PageResult) -> bool:
    """The first line of a page continues the last paragraph of the previous one: that line was
    full, and this one has no indent and no list marker."""
    if _MARKER.match(cur.text):
        return False
    if cur.x0 > pr.left + 1.2 * pr.height:
        return False
    first = cur.words[0]
    room = prev_pr.right - prev.x1
    return room <= (first.x1 - first.x0) + 0.6 * prev_pr.height


def _add_table(b: _Builder, t: TableSketch, pr: PageResult, first_on_page: bool) -> None:
    b.open_para = None
    cont = None
    if first_on_page and b.open_table is not None:
        block, prev = b.open_table
        if len(prev.xs) == len(t.xs) and all(abs(a - c) <= 3 for a, c in zip(prev.xs, t.xs)):
            cont = block
    if cont is None:
        b.table_no += 1
        cont = TableBlock(rows=[], number=b.table_no, explicit_spans=t.explicit)
        b.doc.blocks.append(cont)
        start = 0
    else:
        start = len(cont.rows)
        # a header repeated at the top of the page is not data
        while t.rows and len(cont.rows) > 0 and _same_row_text(t.rows[0], cont.rows, start - len(cont.rows)):
            t.rows.pop(0)
            t.spans = {(r - 1, c): v for (r, c), v in t.spans.items() if r > 0}
    for r, row in enumerate(t.rows):
        row_no = start + r + 1
        cells: list[Cell] = []
        for c, words in enumerate(row):
            text = _cell_text(words)
            line = min((pr.line_no.get(id(w), 0) for w in words), default=None) or None
            origin = Origin(quote=text, line=line, page=pr.page.number, table=cont.number, row=row_no,
                            column=c + 1, ocr=pr.page.ocr, crops=_crops(words) if pr.page.ocr else ())
            span_from, vfrom = t.spans.get((r, c), (None, None))
            piece = _piece(text, origin).sub(_CELL_HYPHEN, r"\1\2")
            cells.append(Cell(piece, span_from, start + vfrom if vfrom else None))
        cont.rows.append(cells)
    b.open_table = (cont, t)


def _same_row_text(row: list[list[Word]], rows: list[list[Cell]], _: int) -> bool:
    text = [_join_words(ws) for ws in row]
    return any([c.text.origin.quote for c in r] == text for r in rows[:4]) and any(text)


def _cell_text(words: list[Word]) -> str:
    """Words of a cell in reading order, its lines joined by a space (a hyphenated word is
    joined in the cleaned text, see _CELL_HYPHEN)."""
    return _join_words(words)


_CELL_HYPHEN = re.compile(r"([^\W\d_])- ([a-zà-ỹđ])")
