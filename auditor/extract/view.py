"""The document as written, for showing findings in place (`FileResult.document`), and where a
report item lies in it (`Locator`: findings whose item has no `src` of its own).

The view keeps every piece of the original once, in document order: a text line, a .docx
paragraph, a table cell. A finding's `src` names the same piece (line, paragraph, or table, row
and column) and the span of its number in the piece's text (`start`, `end`), so a renderer can
highlight the number in its sentence or cell.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from auditor.extract.document import Document, Origin, Para, TableBlock

if TYPE_CHECKING:
    from auditor.model.findings import DocumentText

# A document longer than this is kept only up to it (the view is for reading, and a batch
# keeps the views of every file in memory until the report is written).
MAX_PIECES = 20_000
MAX_CHARS = 4_000_000


def _key(o: Origin) -> tuple:
    return (o.page, o.line, o.paragraph, o.table, o.row, o.column)


def document_view(doc: Document, kind: str | None = None) -> DocumentText:
    """Paragraphs (headings marked) and tables of `doc`, each piece with its original text."""
    from auditor.model.findings import DocBlock, DocPiece, DocumentText

    out = DocumentText(kind=kind or doc.kind)
    seen: set[tuple] = set()
    chars = pieces = 0

    def piece(o: Origin, span: int | None = None) -> DocPiece | None:
        nonlocal chars, pieces
        k = _key(o)
        if k in seen:
            return None
        seen.add(k)
        chars += len(o.quote)
        pieces += 1
        return DocPiece(text=o.quote, page=o.page, line=o.line, paragraph=o.paragraph, table=o.table, row=o.row,
                        column=o.column, span=span)

    for b in doc.blocks:
        if chars > MAX_CHARS or pieces > MAX_PIECES:
            out.truncated = True
            break
        if isinstance(b, Para):
            ps = [p for p in (piece(mt.origin) for mt in b.pieces) if p is not None]
            if ps:
                out.blocks.append(DocBlock(kind="heading" if b.level else "paragraph", pieces=ps, level=b.level))
        elif isinstance(b, TableBlock):
            cells = []
            for row in b.rows:
                for i, c in enumerate(row):
                    if c.span_from is not None:  # covered by the cell before (gridSpan)
                        continue
                    span = 1
                    while i + span < len(row) and row[i + span].span_from is not None:
                        span += 1
                    p = piece(c.text.origin, span if span > 1 else None)
                    if p is not None:
                        cells.append(p)
            if cells:
                out.blocks.append(DocBlock(kind="table", pieces=cells))
    return out


class Locator:
    """`locate(pointer)`: the place in the document of the deepest item on the pointer's path
    that has one (its `src`, the header's places, or the paragraph a section's text comes
    from). Built from the report once; a section's text is searched for only when asked."""

    def __init__(self, report: Any, doc: Document | None, meta_locs: dict[str, Any]) -> None:
        self.report, self.doc = report, doc
        self.srcs: dict[str, Any] = {}
        _collect(report, "", self.srcs)
        for ptr, loc in meta_locs.items():
            if loc is not None:
                self.srcs.setdefault(ptr, loc)

    def __call__(self, pointer: str) -> Any:
        if pointer in self.srcs:
            return self.srcs[pointer]
        found = self._section_text(pointer)
        if found is not None:
            return found
        p = pointer
        while p:
            p = p.rsplit("/", 1)[0]
            if p in self.srcs:
                return self.srcs[p]
        return None

    def _section_text(self, pointer: str) -> Any:
        """`/sections/I/text/J`: the paragraph that holds that text (searched after the
        section's heading; the text is kept as the reader cleaned it)."""
        toks = pointer.split("/")
        if len(toks) < 5 or toks[1] != "sections" or toks[3] != "text" or self.doc is None:
            return None
        try:
            sec = self.report.sections[int(toks[2])]
            text = sec.text[int(toks[4])]
        except (ValueError, IndexError, AttributeError):
            return None
        if not text:
            return None
        start_key = _key_of_src(sec.src)
        started = start_key is None
        for b in self.doc.blocks:
            if not isinstance(b, Para):
                continue
            if not started:
                started = _key(b.first) == start_key
            if started:
                at = b.text.find(text)
                if at >= 0:
                    return b.loc(at, at + len(text))
        return None


def _key_of_src(src: Any) -> tuple | None:
    if src is None:
        return None
    return (getattr(src, "page", None), src.line, src.paragraph, src.table, src.row, src.column)


def _collect(obj: Any, ptr: str, out: dict[str, Any]) -> None:
    """Every place (`src`) of the report's items and numbers, by pointer, in document order. The
    leaves (texts, values: most of a report) are not visited and each field's escaped name is
    made once (a visit of every value cost ~20 M instructions on a seed)."""
    from auditor.model.facts import escape_pointer_token
    from auditor.model.lean import is_model

    escaped: dict[str, str] = {}

    def visit(o: Any, at: str) -> None:
        if is_model(o):  # a report plan object (a pydantic one has the same fields)
            src = getattr(o, "src", None)
            if src is not None:
                out[at] = src
            for name, v in o.__dict__.items():
                if name != "src" and type(v) not in _LEAVES:
                    e = escaped.get(name)
                    if e is None:
                        e = escaped[name] = escape_pointer_token(name)
                    visit(v, f"{at}/{e}")
        elif isinstance(o, list):
            for i, v in enumerate(o):
                if type(v) not in _LEAVES:
                    visit(v, f"{at}/{i}")

    visit(obj, ptr)


# values that are neither an item nor a list (visiting them found nothing)
_LEAVES = frozenset((str, int, float, bool, type(None), Decimal))
