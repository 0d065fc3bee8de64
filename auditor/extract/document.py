"""The intermediate document: what the readers (.txt/.md, .docx) produce and the patterns read.

A document is a sequence of blocks: paragraphs and tables. Every piece of text keeps where it
came from (`Origin`: a line of a text file, a paragraph of a .docx, a table cell) and, for every
character of the *normalised* text, the offset of the character it came from in the original
text, so any span the patterns find maps back to a `SourceLoc` with the original quote.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING

from auditor.extract.objects import place, source_loc
from auditor.records import dataclass, field

if TYPE_CHECKING:  # (pydantic is not imported by a run: the objects are the report plan's)
    from auditor.model.report import SourceLoc


@dataclass(frozen=True)
class Origin:
    """One piece of the original document: a line (text), a paragraph (docx) or a cell."""

    quote: str                      # the original text of that piece
    line: int | None = None
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None
    page: int | None = None         # PDF or image: the page; `line` then counts that page's lines
    ocr: bool = False               # read by OCR from a scan
    crops: tuple[tuple[int, int, str], ...] = ()   # OCR: (start, end, picture as data URI) of words
    wrapped: bool = False           # PDF: this line continues the previous one (a line wrap)


class MappedText:
    """A string with, for each character, its offset in an original string."""

    __slots__ = ("text", "offs", "origin")

    def __init__(self, text: str, offs: list[int], origin: Origin) -> None:
        assert len(text) == len(offs)
        self.text, self.offs, self.origin = text, offs, origin

    @classmethod
    def of(cls, text: str, origin: Origin) -> MappedText:
        return cls(text, list(range(len(text))), origin)

    def sub(self, pattern: re.Pattern[str] | str, repl: str | Callable[[re.Match[str]], str]) -> MappedText:
        """re.sub that keeps the offset map: replacement characters map to the start of what
        they replace; kept characters keep their offset."""
        rx = re.compile(pattern) if isinstance(pattern, str) else pattern
        if rx.search(self.text) is None:
            return self  # (most cleaning steps find nothing: no copy then)
        out: list[str] = []
        offs: list[int] = []
        last = 0
        for m in rx.finditer(self.text):
            out.append(self.text[last:m.start()])
            offs.extend(self.offs[last:m.start()])
            r = repl(m) if callable(repl) else m.expand(repl)
            # Keep the offsets of any part of the match that survives verbatim (a group).
            base = self.offs[m.start()] if m.start() < len(self.offs) else (self.offs[-1] + 1 if self.offs else 0)
            mapped = _map_replacement(m, r, self.offs)
            out.append(r)
            offs.extend(mapped if mapped is not None else [base] * len(r))
            last = m.end()
        out.append(self.text[last:])
        offs.extend(self.offs[last:])
        return MappedText("".join(out), offs, self.origin)

    def strip(self) -> MappedText:
        t = self.text
        a = len(t) - len(t.lstrip())
        b = len(t.rstrip())
        return MappedText(t[a:b], self.offs[a:b], self.origin)

    def slice(self, a: int, b: int) -> MappedText:
        return MappedText(self.text[a:b], self.offs[a:b], self.origin)


def _map_replacement(m: re.Match[str], r: str, offs: list[int]) -> list[int] | None:
    """If the replacement is one of the match's groups verbatim, map it to that group."""
    for g in range(1, (m.re.groups or 0) + 1):
        s = m.group(g)
        if s is not None and s == r and m.start(g) >= 0:
            return offs[m.start(g):m.end(g)]
    return None


def nfc(mt: MappedText) -> MappedText:
    """Compose decomposed Vietnamese (NFD) text cluster by cluster, keeping offsets."""
    if unicodedata.is_normalized("NFC", mt.text):
        return mt
    out: list[str] = []
    offs: list[int] = []
    t = mt.text
    i = 0
    while i < len(t):
        j = i + 1
        while j < len(t) and unicodedata.combining(t[j]):
            j += 1
        c = unicodedata.normalize("NFC", t[i:j])
        out.append(c)
        offs.extend([mt.offs[i]] * len(c))
        i = j
    return MappedText("".join(out), offs, mt.origin)


@dataclass
class Para:
    """A logical paragraph: one or more pieces (lines joined across a page break)."""

    pieces: list[MappedText]
    style: str | None = None        # docx style name ("Heading 1", "List Paragraph" …)
    level: int | None = None        # heading level from markup (Markdown #, docx Heading N)
    index: int = 0                  # position in the document's block list

    # (the joined text, made on first use; set to None where pieces change. A class attribute, not a
    # `__post_init__`: the records of `auditor.records` are made without the `dataclasses` module)
    _text = None  # (not annotated: no field of the record) str | None

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = " ".join(p.text for p in self.pieces)
        return self._text

    @property
    def first(self) -> Origin:
        return self.pieces[0].origin

    def loc(self, start: int, end: int, *, quote_all: bool = False) -> SourceLoc:
        return loc_of(self.pieces, start, end)

    def piece_start(self, pos: int) -> int:
        """Where the piece (line of the original) holding `pos` starts in `text`: a place is one
        line, so a span that starts on an earlier line is shown from this one."""
        at = 0
        for p in self.pieces:
            if pos < at + len(p.text) + 1:
                return at
            at += len(p.text) + 1
        return at

    def raw_lines(self) -> list[str]:
        """The original lines; a printed paragraph's wrapped lines (PDF) as one."""
        out: list[str] = []
        for p in self.pieces:
            q = p.origin.quote
            if p.origin.wrapped and out:
                hyphen = re.search(r"[^\W\d_]-$", out[-1]) and q[:1].islower()
                out[-1] = out[-1][:-1] + q if hyphen else out[-1] + " " + q
            else:
                out.append(q)
        return out

    def lines(self) -> list[str]:
        """The text of each piece (a line or paragraph of the original) as read: NFC, without
        conversion remnants (Markdown, HTML, LaTeX), spaces collapsed; a printed paragraph's
        wrapped lines (PDF) as one, as in `raw_lines`."""
        out: list[str] = []
        for p in self.pieces:
            t = p.text
            if p.origin.wrapped and out:
                hyphen = re.search(r"[^\W\d_]-$", out[-1]) and t[:1].islower()
                out[-1] = out[-1][:-1] + t if hyphen else out[-1] + " " + t
            else:
                out.append(t)
        return out


def loc_of(pieces: list[MappedText], start: int, end: int) -> SourceLoc:
    """SourceLoc of [start, end) in the concatenation of pieces joined by one space."""
    pos = 0
    for p in pieces:
        n = len(p.text)
        if start < pos + n or p is pieces[-1]:
            a = max(0, min(start - pos, n - 1)) if n else 0
            b = max(a + 1, min(end - pos, n)) if n else 0
            o = p.origin
            s = p.offs[a] if n else 0
            e = (p.offs[b - 1] + 1) if n else 0
            # A replacement (e.g. “²” for “<sup>2</sup>”) maps to the start of what it replaced:
            # extend the end to the next kept character so the quote covers it.
            if b < n and p.offs[b] > e:
                e = p.offs[b]
            elif b >= n:
                e = max(e, min(len(o.quote), e))
            return place(o.line, o.paragraph, o.table, o.row, o.column, s, max(e, s), o.quote, o.page,
                         o.ocr or None, _crop(o, s, max(e, s)) if o.crops else None)
        pos += n + 1
    o = pieces[0].origin
    return source_loc(line=o.line, paragraph=o.paragraph, quote=o.quote, page=o.page, ocr=o.ocr or None)


def _crop(o: Origin, start: int, end: int) -> str | None:
    """The picture of the first OCR'd word that overlaps [start, end) of the quote."""
    for a, b, uri in o.crops:
        if a < end and start < b:
            return uri
    return None


@dataclass
class Cell:
    """One cell of a table, with the cell it continues when merged."""
    text: MappedText
    span_from: int | None = None    # grid column of the cell this one continues (gridSpan)
    vmerge_from: int | None = None  # row of the cell this one continues (vMerge)

    @property
    def s(self) -> str:
        return self.text.text


@dataclass
class TableBlock:
    """A table of the document: its rows of cells, in document order among the paragraphs."""
    rows: list[list[Cell]]
    number: int                     # table number in the document (1-based)
    explicit_spans: bool = False    # docx: merges are known; text: infer from empty cells
    index: int = 0


Block = Para | TableBlock


@dataclass
class Document:
    """A document as read: its paragraphs and tables in order, whatever the file's format."""
    blocks: list[Block] = field(default_factory=list)
    kind: str = "text"              # "text", "markdown", "docx"
    name: str = ""
    # page markup the reader removed that holds digits (an image's URL, a width): (line, start, end,
    # the line), so that `--explain` lists its numbers instead of losing them
    markup: list[tuple[int | None, int, int, str]] = field(default_factory=list)

    def paragraphs(self) -> list[Para]:
        return [b for b in self.blocks if isinstance(b, Para)]
