"""Every number of a document accounted for: in the report, or listed by `--explain`.

“Numbers written” come from a deliberately simple scan of the original text (runs of digits with
the separators between them), never from the reader's own tokenizer, so a number the reader does
not see at all still counts. A written number is

* **used** when it overlaps the place of a value of the report (a `Num`'s `src`) or of an item
  that is itself made of the number (a cited document, a calendar mention, an appendix, a section
  heading, the header's number and date);
* **listed** when `--explain` lists it (`ExtractResult.unparsed`, with its place and why);
* **missing** otherwise: a number the reader consumed and dropped. The tests require none.

Only text documents are scanned here (a line is the unit of place); a .docx keeps the same
bookkeeping but its paragraphs are not re-read by this scan.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from auditor.records import dataclass, field

if TYPE_CHECKING:
    from auditor.extract import ExtractResult

# The simple scan: a digit, then digits and single separators between digits (not the exponent of a unit of
# area or volume glued to its “m”: “74km2/27.368 người”).
WRITTEN = re.compile(r"(?<![^\W\d_]m)(?<!\bm)(?<!^m)\d+(?:[.,]\d+)*")


@dataclass
class Accounting:
    written: int = 0
    used: int = 0
    listed: int = 0
    missing: list[tuple[int, str, str]] = field(default_factory=list)  # (line, number, the line)


def _spans_of(obj: Any, out: dict[int, list[tuple[int, int]]], numeric_only: bool) -> None:
    from auditor.model.lean import is_model

    if is_model(obj):  # a report plan object (a pydantic one has the same fields)
        if type(obj).__name__ == "Num":
            _add(obj.src, out)
            return
        src = getattr(obj, "src", None)
        if src is not None and not numeric_only:
            _add(src, out)
        for name, value in obj.__dict__.items():
            if name != "src":
                _spans_of(value, out, numeric_only)
    elif isinstance(obj, list):
        for v in obj:
            _spans_of(v, out, numeric_only)


def _add(src: Any, out: dict[int, list[tuple[int, int]]]) -> None:
    if src is None or src.line is None or src.start is None:
        return
    end = src.end if src.end is not None else src.start + 1
    if src.table is not None and src.column is not None:
        # a table cell: offsets are relative to the cell; resolved against the line later
        out.setdefault(src.line, []).append((-src.column, src.start, end, src.quote or ""))  # type: ignore[arg-type]
        return
    out.setdefault(src.line, []).append((src.start, end))


_CELL_SEP = re.compile(r"\t|\|")


def _cells(line: str) -> list[tuple[int, int]]:
    """(start, end) of the cells of a table line: fields between tabs or pipes (a leading pipe of
    a Markdown row opens the first cell)."""
    out: list[tuple[int, int]] = []
    pos = 0
    body = line
    if body.lstrip().startswith("|"):
        pos = body.index("|") + 1
    for m in _CELL_SEP.finditer(body, pos):
        out.append((pos, m.start()))
        pos = m.end()
    if pos < len(body):
        out.append((pos, len(body)))
    return out


def _resolve(spans: list[Any], line: str) -> list[tuple[int, int]]:
    """Line offsets of the spans of one line (cell-relative spans placed in their cell: the
    column-th cell, where its quoted text starts)."""
    out: list[tuple[int, int]] = []
    cells = None
    for sp in spans:
        if len(sp) == 2:
            out.append(sp)
            continue
        col, a, b, quote = -sp[0], sp[1], sp[2], sp[3]
        if cells is None:
            cells = _cells(line)
        if 1 <= col <= len(cells):
            c0 = cells[col - 1][0]
            at = line.find(quote, c0) if quote else -1  # the cell's text as quoted (offsets are into it)
            out.append(((at if at >= 0 else c0) + a, (at if at >= 0 else c0) + b))
        elif quote:
            # a cell of a table drawn without tabs or pipes (columns of spaces, one cell per line):
            # its text as quoted is on the line
            at = line.find(quote)
            if at >= 0:
                out.append((at + a, at + b))
    return out


def report_spans(ex: ExtractResult) -> dict[int, list[tuple[int, int]]]:
    """(line → spans) of every number-bearing place of the report: the values, and the items made
    of numbers (references, calendar mentions, appendices, sections, the header)."""
    out: dict[int, list[tuple[int, int]]] = {}
    r = ex.report
    if r is None:
        return out
    for name, v in r.__dict__.items():
        # items whose own src is the number's place; the others only through their Nums
        whole = name in ("references", "mentions", "appendices", "sections")
        _spans_of(v, out, numeric_only=not whole)
    for a in r.meta.answers:
        _add(a.src, out)
    if r.council is not None and r.council.decision is not None:
        _add(r.council.decision.src, out)
    for loc in ex.meta_locs.values():
        _add(loc, out)
    return out


def _carry(spans: dict[int, list[Any]], lines: list[str]) -> None:
    """A place that runs past the end of its line belongs to a paragraph the reader joined from
    several lines (one space for each line break; blank lines between skipped): carry the rest
    onto the next lines."""
    for n in sorted(spans):
        for sp in list(spans[n]):
            if len(sp) != 2 or n > len(lines):
                continue
            a, b = sp
            k, width = n, len(lines[n - 1])
            while b > width and k < len(lines):
                b -= width + 1
                k += 1
                while k <= len(lines) and not lines[k - 1].strip():
                    k += 1
                if k > len(lines) or b <= 0:
                    break
                spans.setdefault(k, []).append((0, b))
                width = len(lines[k - 1])


def account(ex: ExtractResult, text: str) -> Accounting:
    """Numbers written in `text` (the document as given) against the report and the list."""
    used = report_spans(ex)
    listed: dict[int, list[tuple[int, int]]] = {}
    for u in ex.unparsed:
        _add(u.src, listed)
    acc = Accounting()
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    _carry(used, lines)
    _carry(listed, lines)
    for n, line in enumerate(lines, start=1):
        u_spans = _resolve(used.get(n, []), line)
        l_spans = _resolve(listed.get(n, []), line)
        for m in WRITTEN.finditer(line):
            a, b = m.start(), m.end()
            acc.written += 1
            if any(x < b and a < y for x, y in u_spans):
                acc.used += 1
            elif any(x < b and a < y for x, y in l_spans):
                acc.listed += 1
            else:
                acc.missing.append((n, m.group(0), line.strip()[:160]))
    return acc
