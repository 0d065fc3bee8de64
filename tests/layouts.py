"""Layouts of one report: the same content written the ways reports reach the tool.

A text is parsed into a logical document (lines of prose, blank lines, tables as rows of cells)
and rendered again with the variations of issue 12 item 4: tables with tabs, pipes (with or
without the outer pipes), HTML, Pandoc grid / simple / multiline tables, columns aligned with
spaces (spanning header labels centred or not, numbers right-aligned, long names and labels
wrapped over lines); a table cut by a page break whose second part has no header; no blank
lines between paragraphs (two tables touching); the page header flattened into fewer lines;
NFD; CRLF or CR line ends; tabs after list labels and as indentation; Markdown bold and HTML
remnants in prose; double spaces in prose; and a .docx with real Word tables (merged header
cells, a table split in two Word tables around a page break, the header as a layout table).

`reading()` is what the property tests compare: every number of the report as written with
the item and field it fills, the items, the sections, the header, the numbers left over.
"""

from __future__ import annotations

import html
import io
import itertools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from auditor.extract.rows import is_data_row, is_numrow
from auditor.extract.text import looks_like_header

# ---------------------------------------------------------------------------- the logical document


@dataclass
class Line:
    text: str


@dataclass
class Blank:
    pass


@dataclass
class Table:
    rows: list[list[str]]

    @property
    def width(self) -> int:
        return max(len(r) for r in self.rows)

    def grid(self) -> list[list[str]]:
        return [[c.strip() for c in r] + [""] * (self.width - len(r)) for r in self.rows]

    @property
    def header(self) -> int:
        """Rows before the first data row or the row of column numbers."""
        g = self.grid()
        h = 0
        while h < len(g) and not is_data_row(g[h]) and not is_numrow(g[h]):
            h += 1
        return h

    @property
    def first_data(self) -> int:
        g = self.grid()
        return next((r for r, row in enumerate(g) if is_data_row(row)), len(g))


Block = Line | Blank | Table


def parse(text: str) -> list[Block]:
    """Lines with tabs are table rows (a blank line inside a table is kept out; a row that
    looks like a header after a blank line opens a new table), as the text reader reads them."""
    out: list[Block] = []
    blank_since_table = 0
    for raw in text.replace("\r\n", "\n").split("\n"):
        if "\t" in raw and raw.strip():
            cells = raw.split("\t")
            if out and isinstance(out[-1], Table) and not (blank_since_table and looks_like_header(cells)):
                out[-1].rows.append(cells)
            elif out and isinstance(out[-1], Blank) and len(out) > 1 and isinstance(out[-2], Table) \
                    and blank_since_table == 1 and not looks_like_header(cells):
                out.pop()
                out[-1].rows.append(cells)  # type: ignore[union-attr]
            else:
                out.append(Table([cells]))
            blank_since_table = 0
        elif not raw.strip():
            out.append(Blank())
            blank_since_table += 1
        else:
            out.append(Line(raw))
            blank_since_table = 0
    return out


# ---------------------------------------------------------------------------- spans of header cells

def spans(t: Table) -> dict[tuple[int, int], tuple[int, int]]:
    """Header cells that span: (row, col) -> (rows, cols), the way Word draws them: a label with
    empty cells to its right that have sub-labels below spans them; a label of the first header
    row with nothing below spans the header's rows."""
    g = t.grid()
    h = t.header
    out: dict[tuple[int, int], tuple[int, int]] = {}
    for r in range(h):
        c = 0
        while c < t.width:
            if g[r][c] and r + 1 < h:
                end = c
                while end + 1 < t.width and not g[r][end + 1] and any(g[rr][end + 1] for rr in range(r + 1, h)):
                    end += 1
                if end > c:
                    out[(r, c)] = (1, end - c + 1)
                c = end + 1
            else:
                c += 1
    covered = {(r, c + k) for (r, c), (_, w) in out.items() for k in range(w)}
    for c in range(t.width):
        if g[0][c] and h > 1 and not any(g[rr][c] for rr in range(1, h)) and (0, c) not in out \
                and not any((rr, c) in covered for rr in range(1, h)):
            out[(0, c)] = (h, 1)
    return out


def _dlen(s: str) -> int:
    return len(unicodedata.normalize("NFC", s))


def _numeric(s: str) -> bool:
    return bool(re.fullmatch(r"[\d.,%\s$=*/()+-]+", s)) and any(ch.isdigit() for ch in s)


# ---------------------------------------------------------------------------- table renderers

@dataclass
class Style:
    """How tables are drawn (each choice is one a converter or a typist makes)."""

    kind: str = "tabs"              # tabs | pipes | pipes_bare | html | grid | ruled | multiline | spaced
    gap: int = 2                    # spaces between columns (spaced)
    right_numbers: bool = True      # numbers right-aligned (spaced)
    centre_spans: bool = True       # spanning header labels centred over their columns (spaced)
    wrap_names: int = 0             # wrap names longer than this (spaced, grid, multiline); 0 = never
    wrap_header: int = 0            # wrap header labels longer than this (spaced)
    html_lines: bool = True         # one tag per line (html) or the whole table on one line
    trim_tabs: bool = False         # trailing tabs removed (tabs)


def _wrap(s: str, w: int, lower_only: bool) -> list[str]:
    """Words of `s` in lines of at most `w` characters; with `lower_only`, a line break only
    before a word starting with a lower-case letter (the rest of a name reads as one)."""
    if not w or _dlen(s) <= w:
        return [s]
    words = s.split(" ")
    lines, cur = [], ""
    for word in words:
        if cur and _dlen(cur) + 1 + _dlen(word) > w and (not lower_only or word[:1].islower()):
            lines.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}" if cur else word
    lines.append(cur)
    return lines


Tagged = list[tuple[int, str]]   # (row of the table the line belongs to, line)


def render_table(t: Table, st: Style) -> list[str]:
    return [x for _, x in _tagged(t, st)]


def _tagged(t: Table, st: Style) -> Tagged:
    return {"tabs": _tabs, "pipes": _pipes, "pipes_bare": _pipes_bare, "html": _html, "grid": _grid,
            "ruled": _ruled, "multiline": _multiline, "spaced": _spaced}[st.kind](t, st)


def render_split(t: Table, st: Style, cut: int) -> tuple[list[str], list[str]]:
    """A table cut by a page break before data row `cut`: its two parts as the same tool draws
    them (the same column positions on both pages), the second without a header."""
    if st.kind == "multiline" and len(t.rows) - cut < 2:
        # one row without a header and a blank line to end it reads as a simple table (even to
        # Pandoc): a converter draws such a part as one
        st = Style(kind="ruled")
    if st.kind in ("tabs", "pipes", "pipes_bare", "html"):
        first, rest = Table(t.rows[:cut]), Table(t.rows[cut:])
        body, more = render_table(first, st), render_table(rest, st)
        if st.kind in ("pipes", "pipes_bare"):
            more = [x for x in more if not re.fullmatch(r"[|\s:-]+", x)]   # no delimiter row: no header
            more = [x if x.startswith("|") else "| " + x + " |" for x in more]
        return body, more
    tagged = _tagged(t, st)
    body = [x for r, x in tagged if r < cut]
    more = [x for r, x in tagged if r >= cut]
    if st.kind == "ruled":
        rule = next(x for x in body if x.strip() and set(x) <= {"-", " "})
        body = body + [rule]
        more = [rule] + more + [rule]   # Pandoc's simple table without a header: rules above and below
    elif st.kind == "grid":
        more = [tagged[0][1]] + more
    elif st.kind == "multiline":
        # Pandoc's multiline table without a header: a column rule above and below the rows
        rule = next(x for r, x in tagged if x.strip() and set(x) <= {"-", " "} and " " in x.strip())
        n = len(t.grid())
        body = body + [tagged[-1][1]]
        more = [rule] + [x for r, x in tagged if cut <= r < n] + [rule]
    return body, more


def _tabs(t: Table, st: Style) -> Tagged:
    out = []
    for k, r in enumerate(t.rows):
        line = "\t".join(r)
        out.append((k, line.rstrip("\t") if st.trim_tabs and line.strip("\t").count("\t") else line))
    return out


def _esc(c: str) -> str:
    return c.replace("|", "\\|")


def _pipes(t: Table, st: Style) -> Tagged:
    g = t.grid()
    out = [(0, "| " + " | ".join(_esc(c) for c in g[0]) + " |"), (0, "|" + "|".join("---" for _ in g[0]) + "|")]
    out += [(k, "| " + " | ".join(_esc(c) for c in r) + " |") for k, r in enumerate(g[1:], start=1)]
    return out


def _pipes_bare(t: Table, st: Style) -> Tagged:
    """GFM without the outer pipes; a row whose first or last cell is empty keeps them (without
    them the row would lose that cell)."""
    g = t.grid()

    def row(r: list[str]) -> str:
        s = " | ".join(_esc(c) for c in r)
        return f"| {s} |" if not r[0] or not r[-1] else s
    return [(0, row(g[0])), (0, " | ".join("---" for _ in g[0]))] + [(k, row(r)) for k, r in enumerate(g[1:], start=1)]


def _html(t: Table, st: Style) -> Tagged:
    g = t.grid()
    sp = spans(t)
    covered = {(r + i, c + k) for (r, c), (h, w) in sp.items() for i in range(h) for k in range(w)} - set(sp)
    parts = ["<table border=\"1\">"]
    for r, row in enumerate(g):
        cells = []
        tag = "th" if r < t.header else "td"
        for c, v in enumerate(row):
            if (r, c) in covered:
                continue
            attrs = ""
            if (r, c) in sp:
                h, w = sp[(r, c)]
                attrs = (f' rowspan="{h}"' if h > 1 else "") + (f' colspan="{w}"' if w > 1 else "")
            cells.append(f"<{tag}{attrs}>{html.escape(v, quote=False)}</{tag}>")
        parts.append("<tr>" + "".join(cells) + "</tr>")
    parts.append("</table>")
    return [(0, x) for x in parts] if st.html_lines else [(0, "".join(parts))]


def _widths(g: list[list[str]]) -> list[int]:
    w = [1] * len(g[0])
    for row in g:
        for c, v in enumerate(row):
            w[c] = max(w[c], _dlen(v))
    return w


def _pad(s: str, w: int, right: bool = False) -> str:
    n = w - _dlen(s)
    return " " * n + s if right else s + " " * n


def _grid(t: Table, st: Style) -> Tagged:
    g = t.grid()
    cellines = [[_wrap(v, st.wrap_names, lower_only=False) if st.wrap_names and c == 1 else [v]
                 for c, v in enumerate(row)] for row in g]
    w = [max(max((_dlen(x) for x in cellines[r][c]), default=1) for r in range(len(g))) for c in range(len(g[0]))]
    w = [max(1, x) for x in w]
    rule = "+" + "+".join("-" * (x + 2) for x in w) + "+"
    head = "+" + "+".join("=" * (x + 2) for x in w) + "+"
    out = [(-1, rule)]
    for r, row in enumerate(cellines):
        n = max(len(x) for x in row)
        for k in range(n):
            out.append((r, "|" + "|".join(" " + _pad(row[c][k] if k < len(row[c]) else "", w[c]) + " "
                                          for c in range(len(w))) + "|"))
        out.append((r, head if r == t.header - 1 and t.header else rule))
    return out


def _ruled(t: Table, st: Style) -> Tagged:
    """Pandoc simple table: one header line, a dash rule per column, one line per row (a
    header of several rows keeps its first above the rule; the others are rows below it)."""
    g = t.grid()
    h = min(t.header, 1)
    w = _widths(g)
    out = [(r, " ".join(_pad(v, w[c]) for c, v in enumerate(row)).rstrip()) for r, row in enumerate(g[:h])]
    out.append((max(h - 1, 0), " ".join("-" * x for x in w)))
    out += [(r, " ".join(_pad(v, w[c], right=_numeric(v)) for c, v in enumerate(g[r])).rstrip())
            for r in range(h, len(g))]
    if not h:
        out.append((len(g), " ".join("-" * x for x in w)))
    return out


def _multiline(t: Table, st: Style) -> Tagged:
    """Pandoc multiline table: full rules above and below, rows separated by blank lines, long
    names wrapped inside their column."""
    g = t.grid()
    h = t.header
    cellines = [[_wrap(v, st.wrap_names, lower_only=False) if st.wrap_names and c == 1 and r >= h else [v]
                 for c, v in enumerate(row)] for r, row in enumerate(g)]
    w = [max(max((_dlen(x) for x in cellines[r][c]), default=1) for r in range(len(g))) for c in range(len(g[0]))]
    full = "-" * (sum(w) + len(w) - 1)
    out = [(-1, full)]
    for r, row in enumerate(g[:h]):
        out.append((r, " ".join(_pad(v, w[c]) for c, v in enumerate(row)).rstrip()))
    out.append((max(h - 1, 0), " ".join("-" * x for x in w)))
    for r in range(h, len(g)):
        n = max(len(x) for x in cellines[r])
        for k in range(n):
            out.append((r, " ".join(_pad(cellines[r][c][k] if k < len(cellines[r][c]) else "", w[c],
                                         right=_numeric(g[r][c])) for c in range(len(w))).rstrip()))
        out.append((r, ""))
    out[-1] = (len(g), full)
    return out


def _spaced(t: Table, st: Style) -> Tagged:
    """Columns aligned with spaces, as a PDF-to-text tool or a fixed-width export draws them."""
    g = t.grid()
    h = t.header
    sp = {k: v for k, v in spans(t).items() if v[1] > 1}
    skip = set(sp)
    # header labels wrapped over lines, each header row then a few lines
    head_cells = [[_wrap(v, st.wrap_header, lower_only=False) if st.wrap_header and (r, c) not in sp else [v]
                   for c, v in enumerate(g[r])] for r in range(h)]
    name_lines = {r: _wrap(g[r][1], st.wrap_names, lower_only=True) for r in range(h, len(g))} \
        if st.wrap_names and t.width > 1 else {}
    w = [1] * t.width
    for r in range(h):
        for c in range(t.width):
            if (r, c) not in skip:
                w[c] = max([w[c]] + [_dlen(x) for x in head_cells[r][c]])
    for r in range(h, len(g)):
        for c in range(t.width):
            parts = name_lines[r] if c == 1 and r in name_lines else [g[r][c]]
            w[c] = max([w[c]] + [_dlen(x) for x in parts])
    gap = " " * st.gap
    # a spanning label wider than its columns widens the last of them
    for (r, c), (_, n) in sp.items():
        room = sum(w[c:c + n]) + st.gap * (n - 1)
        if _dlen(g[r][c]) > room:
            w[c + n - 1] += _dlen(g[r][c]) - room
    starts = [sum(w[:c]) + st.gap * c for c in range(t.width)]
    out: Tagged = []
    for r in range(h):
        depth = max(len(x) for x in head_cells[r])
        for k in range(depth):
            buf = [" "] * (starts[-1] + w[-1])
            covered: set[int] = set()
            for c in range(t.width):
                if c in covered:
                    continue
                if (r, c) in sp:
                    n = sp[(r, c)][1]
                    covered.update(range(c, c + n))
                    if k:
                        continue
                    room = sum(w[c:c + n]) + st.gap * (n - 1)
                    label = g[r][c]
                    x = starts[c] + ((room - _dlen(label)) // 2 if st.centre_spans else 0)
                else:
                    parts = head_cells[r][c]
                    if k >= len(parts):
                        continue
                    label = parts[k]
                    x = starts[c]
                _put(buf, x, label)
            out.append((r, "".join(buf).rstrip()))
    for r in range(h, len(g)):
        cells = []
        for c in range(t.width):
            v = name_lines[r][0] if c == 1 and r in name_lines else g[r][c]
            cells.append(_pad(v, w[c], right=st.right_numbers and _numeric(v)))
        out.append((r, gap.join(cells).rstrip()))
        for more in (name_lines.get(r) or [])[1:]:
            out.append((r, (" " * starts[1] + more).rstrip()))
    return out


def _put(buf: list[str], x: int, s: str) -> None:
    s = unicodedata.normalize("NFC", s)
    if x + len(s) > len(buf):
        buf.extend(" " * (x + len(s) - len(buf)))
    buf[x:x + len(s)] = list(s)


# ---------------------------------------------------------------------------- the whole text

@dataclass
class Variant:
    """One way of writing a report (see the module's docstring)."""

    styles: list[Style] = field(default_factory=list)   # per table (cycled)
    page_breaks: dict[int, int] = field(default_factory=dict)  # table -> data row where a page breaks it
    debris: str = "- {n} -"         # what the page break leaves: page number, “Trang n”, form feed …
    blank_lines: str = "keep"       # keep | none | double
    flatten_header: str = "none"    # none | one_line | pairs: the page header's two columns on fewer lines
    header_sep: str = " "           # between the columns of a flattened header: spaces or a tab
    nfd: str = "none"               # none | all | prose | tables: where the text is decomposed (NFD)
    line_end: str = "\n"
    list_tabs: bool = False         # “1.<tab>Text”, “-<tab>Text”
    indent: str = ""                # leading indentation of prose lines
    bold_labels: bool = False       # **label:** before a colon in prose
    html_prose: bool = False        # <p>…</p> around prose lines, &nbsp; after “đạt”/“là”
    double_spaces: int = 0          # double spaces put between words of prose lines (every n-th word)
    split_sentences: bool = False   # each sentence of a prose line on a line of its own (see SPLIT_RELATIONS)

    def debris_text(self, n: int) -> list[str]:
        return self.debris.format(n=n).split("\n")


_LABEL = re.compile(r"^(\s*(?:\d{1,2}(?:\.\d{1,2})*[.)]|[a-zđ]\)|[-+•]))\s+(\S)")
_COLON = re.compile(r"^(\s*(?:[-+•*–]\s+)?)([^:\d*]{3,60}):(\s)")
_HEADER_LINE = re.compile(r"^(Số\s*:|.{2,60}, ngày\b)")


def render(blocks: list[Block], v: Variant) -> tuple[str, list[str]]:
    """The text of `blocks` written as `v` says, and the numbers the layout itself adds (page
    numbers), which the reading lists as numbers of the document."""
    out: list[str] = []
    added: list[str] = []
    tables = [b for b in blocks if isinstance(b, Table)]
    page = 2
    blocks = _flatten(blocks, v.flatten_header, v.header_sep)
    for b in blocks:
        if isinstance(b, Blank):
            if v.blank_lines == "keep":
                out.append("")
            elif v.blank_lines == "double":
                out.extend(["", ""])
            continue
        if isinstance(b, Line):
            parts = split_sentences(b.text) if v.split_sentences else [b.text]
            for n, part in enumerate(parts):
                if n and v.blank_lines != "none":
                    out.append("")
                out.append(_prose(part, v))
            continue
        k = next(j for j, t in enumerate(tables) if t is b)
        st = v.styles[k % len(v.styles)] if v.styles else Style()
        if v.nfd == "tables":
            b = Table([[unicodedata.normalize("NFD", c) for c in row] for row in b.rows])
        cut = v.page_breaks.get(k)
        if cut is not None and t_splittable(b, cut):
            body, rest = render_split(b, st, cut)
            out.extend(body)
            debris = v.debris_text(page)
            added.extend(re.findall(r"(?<!\w)\d+(?:[.,/]\d+)*", " ".join(debris)))
            page += 1
            out.extend([""] + debris + [""])
            out.extend(rest)
        else:
            out.extend(render_table(b, st))
        if v.blank_lines == "none" and st.kind in ("ruled", "multiline", "grid", "html", "pipes_bare", "pipes",
                                                     "spaced"):
            out.append("")  # these tables end at a blank line (Markdown needs it too)
    text = v.line_end.join(out)
    if v.nfd == "all":
        text = unicodedata.normalize("NFD", text)
    return text, added


_SENTENCE = re.compile(r"(?<=[a-zà-ỹđ%)”\"]\.) +(?=[A-ZĐÀ-Ỹ])")


def split_sentences(line: str) -> list[str]:
    """A line cut after each full stop that ends a sentence of three words or more and that a
    capital follows (never inside a number, an abbreviation or a list label)."""
    out: list[str] = []
    for part in _SENTENCE.split(line):
        if out and len(out[-1].split()) >= 3:
            out.append(part)
        elif out:
            out[-1] += " " + part
        else:
            out.append(part)
    return [x for x in out if x.strip()]


def t_splittable(t: Table, cut: int) -> bool:
    g = t.grid()
    return t.first_data < cut < len(g) and is_data_row(g[cut])


_LEFT = re.compile(r"^(ỦY BAN|UỶ BAN|UBND|ĐẢNG|XÃ|PHƯỜNG|THỊ TRẤN|HUYỆN|THỊ XÃ|THÀNH PHỐ|QUẬN|Số\s*:)")


def header_columns(blocks: list[Block]) -> tuple[list[int], list[int]]:
    """The page header's lines (before the title), as the left column (issuer, number) and the
    right one (motto, place and date)."""
    left, right = [], []
    for k, b in enumerate(blocks[:30]):
        if isinstance(b, Line) and b.text.strip().upper().startswith("BÁO CÁO"):
            break
        if isinstance(b, Line) and b.text.strip():
            (left if _LEFT.match(b.text.strip()) else right).append(k)
    return left, right


def _flatten(blocks: list[Block], how: str, sep: str) -> list[Block]:
    """The page header's two columns put on fewer lines, as a header copied as text is: all on
    one line (`one_line`), or the columns side by side, line by line (`pairs`)."""
    if how == "none":
        return blocks
    left, right = header_columns(blocks)
    head = sorted(left + right)
    if len(head) < 2:
        return blocks
    text = {k: blocks[k].text.strip() for k in head}  # type: ignore[union-attr]
    if how == "one_line":
        lines = [sep.join(text[k] for k in left + right)]
    else:
        lines = [sep.join(text[k] for k in pair if k is not None)
                 for pair in itertools.zip_longest(left, right)]
    out: list[Block] = []
    for k, b in enumerate(blocks):
        if k == head[0]:
            for x in lines:
                out.extend([Line(x), Blank()])
        elif k not in head:
            out.append(b)
    return out


def _prose(s: str, v: Variant) -> str:
    if v.list_tabs:
        s = _LABEL.sub(lambda m: m.group(1) + "\t" + m.group(2), s, count=1)
    if v.bold_labels:
        s = _COLON.sub(lambda m: m.group(1) + "**" + m.group(2) + ":**" + m.group(3), s, count=1)
    if v.double_spaces:
        words = s.split(" ")
        s = "".join(w + ("  " if (k + 1) % v.double_spaces == 0 else " ") for k, w in enumerate(words[:-1])) + words[-1]
    if v.html_prose:
        s = re.sub(r"(?<=\bđạt) (?=\d)", "&nbsp;", s)
        s = s.replace("&nbsp;", "\x00").replace("&", "&amp;")
        links = re.findall(r"<(?:https?|ftp)://[^>\s]+>", s)
        s = re.sub(r"<(?:https?|ftp)://[^>\s]+>", "\x01", s).replace("<", "&lt;").replace(">", "&gt;")
        for u in links:  # a Markdown autolink is a link on a web page
            s = s.replace("\x01", f'<a href="{u[1:-1]}">{u[1:-1]}</a>', 1)
        s = "<p>" + s.replace("\x00", "&nbsp;") + "</p>"
    if v.nfd == "prose":
        s = unicodedata.normalize("NFD", s)
    return v.indent + s if s.strip() else s


def with_header(text: str, issuer: list[str]) -> str:
    """`text` with the issuer's lines and the national motto above its first line, each on its
    own line (the header as Word shows it, read column by column)."""
    motto = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    return "\n".join(issuer + motto) + "\n\n" + text.lstrip("\n")


# ---------------------------------------------------------------------------- .docx

def render_docx(blocks: list[Block], page_breaks: dict[int, int], header_table: bool = False) -> bytes:
    """A Word file of `blocks`: one paragraph per line, tables as Word tables with merged header
    cells; a table with a page break is two Word tables, the second without header, with a page
    break between; with `header_table`, the lines before the title in a borderless two-column
    table (issuer and number left, the rest right)."""
    import docx
    from docx.enum.text import WD_BREAK

    d = docx.Document()
    tables = [b for b in blocks if isinstance(b, Table)]
    start = 0
    if header_table:
        lk, rk = header_columns(blocks)
        start = max(lk + rk) + 1 if lk + rk else 0
        t = d.add_table(rows=1, cols=2)
        t.cell(0, 0).text = "\n".join(_word(blocks[k].text) for k in lk)  # type: ignore[union-attr]
        t.cell(0, 1).text = "\n".join(_word(blocks[k].text) for k in rk)  # type: ignore[union-attr]
    for b in blocks[start:]:
        if isinstance(b, Blank):
            continue
        if isinstance(b, Line):
            p = d.add_paragraph()
            p.add_run(_word(b.text)).bold = "**" in b.text
            continue
        k = next(j for j, t in enumerate(tables) if t is b)
        b = Table([[_word(c) for c in row] for row in b.rows])
        cut = page_breaks.get(k)
        if cut is not None and t_splittable(b, cut):
            _docx_table(d, Table(b.rows[:cut]))
            p = d.add_paragraph()
            p.add_run().add_break(WD_BREAK.PAGE)
            _docx_table(d, Table(b.rows[cut:]))
        else:
            _docx_table(d, b)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _word(s: str) -> str:
    """What a line of a converted text was in Word: without its Markdown, LaTeX or HTML."""
    from auditor.extract.document import MappedText, Origin
    from auditor.extract.text import clean

    return clean(MappedText.of(s, Origin(s)), markdown=True)[0].text


def _docx_table(d: Any, t: Table) -> None:
    g = t.grid()
    tb = d.add_table(rows=len(g), cols=t.width)
    for r, row in enumerate(g):
        for c, v in enumerate(row):
            tb.cell(r, c).text = v
    for (r, c), (h, w) in spans(t).items():
        a = tb.cell(r, c)
        a.merge(tb.cell(r + h - 1, c + w - 1))
        a.text = g[r][c]


# ---------------------------------------------------------------------------- what is compared

_SKIP = {"src", "id", "table", "readings"}


def _label(obj: Any) -> str:
    if isinstance(obj, dict):
        for k in ("name", "label", "title", "key", "heading", "kind"):
            if isinstance(obj.get(k), str):
                return f"{obj[k]}@{obj.get('section') or ''}"
    return "#"


def _is_num(obj: Any) -> bool:
    return isinstance(obj, dict) and "text" in obj and "decimals" in obj


def reading(ex: Any) -> dict[str, Counter]:
    """What a reading of a report is, for comparing layouts: every number with the path of
    items and fields it fills (items named by their label and section, never by position or
    table number); the items' own fields; the sections; the header; the table columns' roles;
    the numbers listed as not in the report, with why."""
    r = ex.report
    d = r.model_dump(mode="json", exclude_none=True)
    nums: Counter = Counter()
    items: Counter = Counter()

    def walk(obj: Any, path: tuple) -> None:
        if _is_num(obj):
            nums[(path, obj["text"], obj.get("percent", False), obj.get("unit"), obj.get("exact"))] += 1
            return
        if isinstance(obj, dict):
            for k, v in obj.items():
                if k not in _SKIP:
                    walk(v, path + (k,))
        elif isinstance(obj, list):
            for v in obj:
                walk(v, path + (_label(v),))

    for kind in ("indicators", "totals", "structures", "rates", "products", "differences", "facts", "counts",
                 "awards", "references", "mentions", "appendices"):
        for it in d.get(kind, []):
            walk(it, (kind, _label(it)))
            items[(kind, tuple(sorted((k, str(v)) for k, v in it.items()
                                      if k not in _SKIP and not isinstance(v, (dict, list)))))] += 1
    if d.get("council"):
        walk(d["council"], ("council",))
    sections = Counter((s["id"], s.get("number"), s["heading"], s["level"], s.get("part"),
                        tuple(s.get("text", []))) for s in d.get("sections", []))
    meta = d["meta"]
    head = Counter({(k, str(meta.get(k))): 1 for k in ("issuer", "unit", "number", "place", "date", "title",
                                                     "period", "signatory", "recipients")})
    head.update((("answers", a.get("number")),) for a in meta.get("answers", []))
    cols = Counter(tuple(c.get("key") for c in t["columns"]) for t in d.get("tables", []))
    left = Counter((u.text, u.reason) for u in ex.unparsed)
    return {"numbers": nums, "items": items, "sections": sections, "meta": head, "columns": cols, "left": left}


def nfc_text(c: Counter) -> Counter:
    """Section texts compared in NFC (a text may be decomposed: the reading is composed)."""
    return Counter({tuple(unicodedata.normalize("NFC", x) if isinstance(x, str) else x for x in k): v
                    for k, v in c.items()})
