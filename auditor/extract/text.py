"""Plain text and Markdown reports (often a conversion of a .docx) → `Document`.

What conversions leave behind and how it is undone (every character keeps its offset in the
original line, so a number found in the cleaned text still points at the original):

* Markdown: **bold**, *italic*, `# headings`, `\\.` escapes, [links](…); bullets (also in .txt);
* LaTeX: “$3.222/3.353 = 96,1\\%$” → “3.222/3.353 = 96,1%”, \\times, \\frac{a}{b}, {,};
* HTML: “m<sup>2</sup>” → “m²”, <br>, <http://…>, &nbsp; and other entities, stray tags;
* decomposed (NFD) Vietnamese → NFC; no-break and thin spaces, tabs, form feeds → spaces.

Tables, whatever drew them: tab-separated lines (Word tables pasted as text; not a tab that
indents a paragraph or follows a list label), pipe tables with or without outer pipes, HTML
`<table>` (`htmltable`), Pandoc grid / simple / multiline tables and columns aligned with spaces
(`spaced`), tables flattened to one cell per line by a web page or a copy-paste (`stacked`).
Lines end at CRLF, LF or a lone CR. A two-column header or signature block written with wide
spaces gives one paragraph per column. Then the document passes of `reflow` (layout
tables, flattened header, tables cut by a page break or run together).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from auditor.extract.document import Cell, Document, MappedText, Origin, Para, TableBlock, nfc
from auditor.extract.reflow import normalise

if TYPE_CHECKING:
    from auditor.extract.spaced import Geo, RawCell, RawTable

_SUP = str.maketrans("0123456789+-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻")
_RX = {
    "spaces": re.compile(r"[\u00a0\u202f\u2009\u2007\u200b\ufeff\t\f\v]"),
    "sup": re.compile(r"<sup>\s*([^<]{1,8}?)\s*</sup>", re.I),
    "sub": re.compile(r"<sub>\s*([^<]{1,8}?)\s*</sub>", re.I),
    "br": re.compile(r"<br\s*/?>", re.I),
    "autolink": re.compile(r"<((?:https?|ftp)://[^>\s]+|[\w.+-]+@[\w-]+\.[\w.]+)>"),
    "tag": re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>"),
    "entity": re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,5}|#x[0-9a-fA-F]{2,4});"),
    "latex_math": re.compile(r"\$\$?([^$\n]{1,400}?)\$\$?"),
    "latex_pct": re.compile(r"\\%"),
    "latex_frac": re.compile(r"\\[dt]?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}"),
    "latex_times": re.compile(r"\\(?:times|cdot)\b\s*"),
    "latex_text": re.compile(r"\\(?:text|mathrm|textbf|mathbf)\s*\{([^{}]*)\}"),
    "latex_brace_comma": re.compile(r"\{([,.])\}"),
    "latex_space": re.compile(r"\\[,;: !]|~"),
    "latex_approx": re.compile(r"\\approx\b\s*"),
    # (these three open with the character they take, what precedes it looked back at from after
    # it, so that `re` skips in C to a candidate; the same matches as `_PLAIN`, tests/test_first_char_patterns.py)
    "md_bold": re.compile(r"\*\*|__(?=\S)|_(?<=\S_)_"),
    "md_italic": re.compile(r"\*(?<![\w*]\*)(?=[^\s*])([^*\n]{1,300}?)(?<=[^\s*])\*(?![\w*])"),
    "md_heading": re.compile(r"^\s{0,3}(#{1,6})\s+"),
    "md_bullet": re.compile(r"^(\s*)[*•●▪◦·]\s+"),
    "md_escape": re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~<>=])"),
    "md_link": re.compile(r"\[([^\]\n]{1,300})\]\(([^)\s]{1,500})\)"),
    "md_code": re.compile(r"`([^`\n]{1,200})`"),
    "multi_space": re.compile(r"[ \t][ \t]+"),
}
# the patterns as they were written before, for the tests (not compiled by a run)
_PLAIN = {"md_bold": r"\*\*|__(?=\S)|(?<=\S)__", "md_italic": r"(?<![\w*])\*(?=[^\s*])([^*\n]{1,300}?)(?<=[^\s*])\*(?![\w*])",
          "multi_space": r"[ \t]{2,}", "wide_gap": r"(?<=\S)[ \u00a0]{4,}(?=\S)"}


def _unescape(entity: str) -> str:
    # `html` is imported only for a text that has an entity: importing it (its table of 2.231
    # entities) cost ~8 M instructions on every document
    import html

    return html.unescape(entity)


def clean(mt: MappedText, *, markdown: bool = True) -> tuple[MappedText, int | None]:
    """Normalise one line (or cell). Returns the cleaned text and a Markdown heading level."""
    mt = nfc(mt)
    mt = mt.sub(_RX["spaces"], " ")
    level = None
    if markdown:
        m = _RX["md_heading"].match(mt.text)
        if m:
            level = len(m.group(1))
            mt = mt.sub(_RX["md_heading"], "")
    # HTML remnants (each of these patterns opens with “<”; a line without one is left as it is)
    if "<" in mt.text:
        mt = mt.sub(_RX["sup"], lambda m: m.group(1).translate(_SUP) if re.fullmatch(r"[0-9+-]+", m.group(1)) else m.group(1))
        mt = mt.sub(_RX["sub"], r"\1")
        mt = mt.sub(_RX["br"], " ")
        mt = mt.sub(_RX["autolink"], r"\1")
        mt = mt.sub(_RX["tag"], "")
    if "&" in mt.text:
        mt = mt.sub(_RX["entity"], lambda m: _unescape(m.group(0)).replace("\u00a0", " "))
    # LaTeX remnants (each needs a “$”, “\”, “{” or “~”)
    if "\\" in mt.text or "$" in mt.text or "{" in mt.text or "~" in mt.text:
        mt = mt.sub(_RX["latex_math"], r"\1")
        mt = mt.sub(_RX["latex_frac"], lambda m: f"{m.group(1)}/{m.group(2)}")
        mt = mt.sub(_RX["latex_text"], r"\1")
        mt = mt.sub(_RX["latex_pct"], "%")
        mt = mt.sub(_RX["latex_times"], "× ")
        mt = mt.sub(_RX["latex_approx"], "≈ ")
        mt = mt.sub(_RX["latex_brace_comma"], r"\1")
        mt = mt.sub(_RX["latex_space"], " ")
    # a bullet is a bullet, whether or not the file is read as Markdown
    mt = mt.sub(_RX["md_bullet"], r"\1- ")
    if markdown:
        mt = mt.sub(_RX["md_link"], r"\1")
        mt = mt.sub(_RX["md_code"], r"\1")
        mt = mt.sub(_RX["md_bold"], "")
        mt = mt.sub(_RX["md_italic"], r"\1")
        mt = mt.sub(_RX["md_escape"], r"\1")
    if "  " in mt.text or "\t" in mt.text:  # (what two spaces or tabs in a row need)
        mt = mt.sub(_RX["multi_space"], " ")
    return mt.strip(), level


_PIPE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
# GFM's delimiter row: “--- | :-: | --:” (one dash is enough), at least one pipe
_PIPE_DELIM = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)+\|?\s*$|^\s*\|\s*:?-+:?\s*\|\s*$")
_LINE_END = re.compile(r"\r\n|\r|\n")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
# A list label written before a tab (“1.<tab>Tổng giá trị …”): Word's automatic numbering as text.
_LIST_LABEL = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*[.)]|[a-zđ][.)]|[IVX]{1,5}[.)]|[-+–•*●▪◦·])\s*$")
_NUMERIC_CELL = re.compile(r"[\d.,%\s]+")
_MARKUP = re.compile(r"<[^<>]{1,200}>|\*\*|__")


def _split_cells(raw: str) -> list[tuple[str, int]] | None:
    """Cells of a table row with their offsets in the line, or None if the line is not a row."""
    if "\t" in raw:
        cells, pos = [], 0
        for part in raw.split("\t"):
            cells.append((part, pos))
            pos += len(part) + 1
        return cells
    s = raw.strip()
    if s.startswith("|") and s.endswith("|") and s.count("|") >= 3:
        start = raw.index("|") + 1
        body = raw[start:raw.rindex("|")]
        cells, pos = [], start
        for part in body.split("|"):
            cells.append((part, pos))
            pos += len(part) + 1
        return cells
    return None


def _split_pipes(raw: str) -> list[tuple[str, int]]:
    """A row of a pipe table whose outer pipes may be missing: “a | b | c”, “| a | b”."""
    a = len(raw) - len(raw.lstrip())
    b = len(raw.rstrip())
    if raw[a:a + 1] == "|":
        a += 1
    if b > a and raw[b - 1] == "|" and raw[b - 2:b - 1] != "\\":
        b -= 1
    cells, pos = [], a
    for part in _UNESCAPED_PIPE.split(raw[a:b]):
        cells.append((part, pos))
        pos += len(part) + 1
    return cells


def _numeric(s: str) -> bool:
    return bool(_NUMERIC_CELL.fullmatch(s.strip())) and any(c.isdigit() for c in s)


def looks_like_header(cells: list[str]) -> bool:
    first = cells[0].strip().lower() if cells else ""
    if first in ("tt", "stt", "số tt", "số thứ tự"):
        return True
    nonempty = [c for c in cells if c.strip()]
    return bool(nonempty) and not any(_numeric(c) for c in nonempty) and len(nonempty) >= 3


def _tab_row(raw: str, cells: list[tuple[str, int]], table_open: bool) -> bool:
    """Whether a line with tabs is a table row. Tabs also indent paragraphs (“<tab>Thực hiện …”)
    and follow list labels (“1.<tab>Tổng giá trị …”): those lines are paragraphs."""
    ne = [c for c, _ in cells if c.strip()]
    if len(cells) < 2 or not ne:
        return False
    if len(ne) == 1:
        # a header line with one label (“<tab><tab><tab>6 tháng đầu năm<tab><tab>”) inside a table
        return table_open and raw.count("\t") >= 2
    if len(ne) == 2 and not table_open and _LIST_LABEL.match(_MARKUP.sub("", ne[0])):
        return False  # (the label may itself be indented by a tab)
    return True


def _cell_text(lines: list[str], cell: RawCell, origin: dict, markdown: bool) -> MappedText:
    parts = [lines[li][x:y] for li, x, y in cell.pieces]
    quote = "\n".join(parts)
    line = cell.pieces[0][0] + 1 if cell.pieces else origin.get("line")
    o = Origin(quote=quote, line=line, table=origin["table"], row=origin["row"], column=origin["column"])
    mt = MappedText(quote.replace("\n", " "), list(range(len(quote))), o)
    return clean(mt, markdown=markdown)[0]


def _table_block(lines: list[str], t: RawTable, number: int, markdown: bool) -> TableBlock:
    tb = TableBlock(rows=[], number=number, explicit_spans=t.spans)
    for r, raw_row in enumerate(t.rows, start=1):
        row: list[Cell] = []
        for c, rc in enumerate(raw_row, start=1):
            where = {"table": number, "row": r, "column": c, "line": t.start + 1}
            if rc.pieces:
                row.append(Cell(_cell_text(lines, rc, where, markdown)))
            else:
                o = Origin(quote="", line=t.start + 1, table=number, row=r, column=c)
                row.append(Cell(MappedText("", [], o),
                                rc.span_of + 1 if rc.span_of is not None else None,
                                rc.vmerge_of + 1 if rc.vmerge_of is not None else None))
        tb.rows.append(row)
    return tb


class _Geos:
    """Line geometry, measured when a finder first asks for it."""

    def __init__(self, lines: list[str], skip: list[bool]) -> None:
        self.lines, self.skip = lines, skip
        self.cache: dict[int, Geo | None] = {}

    def __getitem__(self, i: int) -> Geo | None:
        g = self.cache.get(i, False)
        if g is False:
            from auditor.extract.spaced import Geo

            g = None if self.skip[i] else Geo(self.lines[i])
            self.cache[i] = g
        return g  # type: ignore[return-value]


def _para(doc: Document, raw: str, i: int, a: int, b: int, markdown: bool) -> None:
    origin = Origin(quote=raw, line=i)
    if "<" in raw:
        doc.markup.extend((i, m.start(), m.end(), raw) for m in _RX["tag"].finditer(raw, a, b)
                          if any(ch.isdigit() for ch in m.group(0)))
    for x, y in _columns(raw, a, b):
        mt, level = clean(MappedText.of(raw, origin).slice(x, y), markdown=markdown)
        if mt.text:
            doc.blocks.append(Para([mt], level=level))


_TT_LINES = {"tt", "stt", "số tt", "s tt", "số thứ tự"}
_WIDE_GAP = re.compile(r"[ \u00a0](?<=\S[ \u00a0])[ \u00a0]{3,}(?=\S)")  # (the same way)
# The parts of a two-column page header or signature block laid out with spaces
_LAYOUT_PART = re.compile(r"^(?:Nơi\s+nhận|TM\.|KT\.|TL\.|TUQ\.|(?:PHÓ\s+)?CHỦ\s+TỊCH|CỘNG\s+H[OÒ]|Độc\s+lập|"
                          r"Số\s*[:.]|(?:ỦY|UỶ)\s+BAN|UBND\b)", re.I)


def _columns(raw: str, a: int, b: int) -> list[tuple[int, int]]:
    """A line of a two-column layout (the header, “Nơi nhận: … TM. ỦY BAN NHÂN DÂN”) written
    with a wide run of spaces between its columns: each column's text is a paragraph. Any other
    line is one paragraph, whatever its spaces."""
    gaps = list(_WIDE_GAP.finditer(raw, a, b))
    if not gaps:
        return [(a, b)]
    bounds = [a] + [x for m in gaps for x in (m.start(), m.end())] + [b]
    parts = [(bounds[k], bounds[k + 1]) for k in range(0, len(bounds), 2)]
    if not any(_LAYOUT_PART.match(raw[x:y].lstrip()) for x, y in parts):
        return [(a, b)]
    return parts


def read_text(text: str, *, markdown: bool, name: str = "") -> Document:
    # (the readers of tables in a text, imported here: a Word file's reading needs only `clean`)
    from auditor.extract.htmltable import find_html
    from auditor.extract.spaced import find_free, find_grid, find_ruled

    doc = Document(kind="markdown" if markdown else "text", name=name)
    lines = _LINE_END.split(text)
    n = len(lines)
    # Tables found by their markup or their geometry, before the line-by-line reading.
    starts: dict[int, tuple[RawTable, int, int]] = {}   # first line -> (table, prefix end, suffix start)
    taken = [False] * n
    for t, (bl, bc), (el, ec) in find_html(lines):
        starts[t.start] = (t, bc, ec)
        for k in t.lines:
            taken[k] = True
    geos = _Geos(lines, taken)
    for t in find_grid(lines, [not x for x in taken], geos):  # type: ignore[arg-type]
        starts[t.start] = (t, 0, len(lines[t.end - 1]))
        for k in t.lines:
            taken[k] = True
    marked = [taken[k] or "\t" in lines[k] or "|" in lines[k] for k in range(n)]
    free = [not x for x in marked]
    for finder in (find_ruled, find_free):
        for t in finder(lines, free, geos):  # type: ignore[arg-type]
            starts[t.start] = (t, 0, len(lines[t.end - 1]))
            for k in t.lines:
                taken[k] = True
                free[k] = False
    # a table flattened to one cell per line opens with “TT” or “STT” alone on a line (the module is
    # imported only then: most texts have none)
    if any(len(s) <= 24 and s.strip().rstrip(".:").lower() in _TT_LINES for s in lines):
        from auditor.extract.stacked import find_stacked

        for t in find_stacked(lines, free):
            starts[t.start] = (t, 0, len(lines[t.end - 1]))
            for k in t.lines:
                taken[k] = True
    table_no = 0
    current: TableBlock | None = None
    pipe_table = False               # inside a pipe table whose rows may lack the outer pipes
    blank_run = 0
    i = 0
    while i < n:
        raw = lines[i]
        if i in starts:
            t, pre, post = starts[i]
            current, pipe_table, blank_run = None, False, 0
            if pre:
                _para(doc, raw, i + 1, 0, pre, markdown)
            table_no += 1
            doc.blocks.append(_table_block(lines, t, table_no, markdown))
            last = t.end - 1
            if post < len(lines[last]):
                _para(doc, lines[last], last + 1, post, len(lines[last]), markdown)
            i = t.end
            continue
        if taken[i]:
            i += 1
            continue
        if (_PIPE_SEP.match(raw) or _PIPE_DELIM.match(raw)) and current is not None:
            i += 1
            continue
        cells = _split_cells(raw)
        if cells is None and "|" in raw:
            if pipe_table and raw.strip():
                cells = _split_pipes(raw)
            elif i + 1 < n and _PIPE_DELIM.match(lines[i + 1]):
                cells = _split_pipes(raw)   # the header of a pipe table, its delimiter row below
                if len(cells) == len(_split_pipes(lines[i + 1])):
                    pipe_table = True
                    current = None
                else:
                    cells = None
        is_row = cells is not None and (_tab_row(raw, cells, current is not None) if "\t" in raw
                                        else len(cells) >= 2 and any(c.strip() for c, _ in cells))
        if is_row:
            assert cells is not None
            texts = [c for c, _ in cells]
            start_new = current is None or (blank_run > 0 and looks_like_header(texts))
            if start_new:
                table_no += 1
                current = TableBlock(rows=[], number=table_no, explicit_spans=False)
                doc.blocks.append(current)
            assert current is not None
            row_no = len(current.rows) + 1
            row: list[Cell] = []
            for col, (c, _off) in enumerate(cells, start=1):
                origin = Origin(quote=c, line=i + 1, table=current.number, row=row_no, column=col)
                mt, _ = clean(MappedText.of(c, origin), markdown=markdown)
                row.append(Cell(mt))
            current.rows.append(row)
            blank_run = 0
            i += 1
            continue
        if not raw.strip():
            blank_run += 1
            pipe_table = False
            if current is not None and blank_run > 1:
                current = None
            i += 1
            continue
        current, pipe_table, blank_run = None, False, 0
        _para(doc, raw, i + 1, 0, len(raw), markdown)
        i += 1
    normalise(doc)
    return doc
