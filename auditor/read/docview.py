"""The document behind a JSON report, for showing findings in place (`FileResult.document`).

A report made by `audit extract` (or by hand, with quotes) carries, in the `src` of its items,
the sentences and cells its numbers were read from: those pieces, in document order, are the
view (`kind: "quotes"`). A report without quotes is shown as its own JSON text, line by line
(`kind: "json"`), since that is where its findings' lines and columns point.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from auditor.model.findings import DocumentText
    from auditor.read.json_reader import ReadResult

MAX_LINES = 20_000
MAX_CHARS = 4_000_000


def json_document(res: ReadResult) -> DocumentText | None:
    from auditor.model.findings import DocumentText

    if res.report is not None:
        quotes: dict[tuple, Any] = {}
        _quotes(res.report, quotes)
        if quotes:
            return _quotes_view(quotes)
    if res.text is None:
        return None
    from auditor.model.findings import DocBlock, DocPiece

    out = DocumentText(kind="json")
    block = DocBlock(kind="code")
    chars = 0
    for i, line in enumerate(res.text.split("\n"), start=1):
        chars += len(line)
        if i > MAX_LINES or chars > MAX_CHARS:
            out.truncated = True
            break
        block.pieces.append(DocPiece(text=line.rstrip("\r"), line=i))
    out.blocks.append(block)
    return out


def _order(k: tuple) -> tuple:
    page, line, paragraph, table, row, column = k
    at = line if line is not None else paragraph
    return (page or 0, at is None, at or 0, table or 0, row or 0, column or 0)


def _quotes_view(quotes: dict[tuple, Any]) -> DocumentText:
    from auditor.model.findings import DocBlock, DocPiece, DocumentText

    out = DocumentText(kind="quotes")
    table: DocBlock | None = None
    chars = 0
    for n, k in enumerate(sorted(quotes, key=_order)):
        page, line, paragraph, tab, row, column = k
        chars += len(quotes[k])
        if n >= MAX_LINES or chars > MAX_CHARS:
            out.truncated = True
            break
        piece = DocPiece(text=quotes[k], page=page, line=line, paragraph=paragraph, table=tab, row=row, column=column)
        if tab is not None and row is not None:
            if table is None or table.pieces[0].table != tab:
                table = DocBlock(kind="table")
                out.blocks.append(table)
            table.pieces.append(piece)
        else:
            table = None
            out.blocks.append(DocBlock(kind="paragraph", pieces=[piece]))
    return out


def _quotes(obj: Any, out: dict[tuple, Any]) -> None:
    """Every `src` with a quote in a report (pydantic or lean objects: fields in `__dict__`)."""
    if isinstance(obj, list):
        for v in obj:
            _quotes(v, out)
        return
    fields = getattr(obj, "__dict__", None)
    if not isinstance(fields, dict) or isinstance(obj, type):
        return
    src = fields.get("src")
    if src is not None and getattr(src, "quote", None):
        out.setdefault((getattr(src, "page", None), src.line, src.paragraph, src.table, src.row, src.column),
                       src.quote)
    for name, v in fields.items():
        if name != "src" and v is not None and not isinstance(v, _PLAIN):
            _quotes(v, out)


_PLAIN = (str, int, float, bool)
