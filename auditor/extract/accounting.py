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
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from auditor.extract import ExtractResult

# The simple scan: a digit, then digits and single separators between digits.
WRITTEN = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass
class Accounting:
    written: int = 0
    used: int = 0
    listed: int = 0
    missing: list[tuple[int, str, str]] = field(default_factory=list)  # (line, number, the line)


def _spans_of(obj: Any, out: dict[int, list[tuple[int, int]]], numeric_only: bool) -> None:
    from pydantic import BaseModel

    from auditor.model.report import Num

    if isinstance(obj, Num):
        _add(obj.src, out)
        return
    if isinstance(obj, BaseModel):
        src = getattr(obj, "src", None)
        if src is not None and not numeric_only:
            _add(src, out)
        for name in type(obj).model_fields:
            if name != "src":
                _spans_of(getattr(obj, name), out, numeric_only)
    elif isinstance(obj, list):
        for v in obj:
            _spans_of(v, out, numeric_only)


def _add(src: Any, out: dict[int, list[tuple[int, int]]]) -> None:
    if src is None or src.line is None or src.start is None:
        return
    out.setdefault(src.line, []).append((src.start, src.end if src.end is not None else src.start + 1))


def report_spans(ex: ExtractResult) -> dict[int, list[tuple[int, int]]]:
    """(line → spans) of every number-bearing place of the report: the values, and the items made
    of numbers (references, calendar mentions, appendices, sections, the header)."""
    out: dict[int, list[tuple[int, int]]] = {}
    r = ex.report
    if r is None:
        return out
    for name in type(r).model_fields:
        v = getattr(r, name)
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


def account(ex: ExtractResult, text: str) -> Accounting:
    """Numbers written in `text` (the document as given) against the report and the list."""
    used = report_spans(ex)
    listed: dict[int, list[tuple[int, int]]] = {}
    for u in ex.unparsed:
        _add(u.src, listed)
    acc = Accounting()
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for n, line in enumerate(lines, start=1):
        for m in WRITTEN.finditer(line):
            a, b = m.start(), m.end()
            acc.written += 1
            if any(x < b and a < y for x, y in used.get(n, ())):
                acc.used += 1
            elif any(x < b and a < y for x, y in listed.get(n, ())):
                acc.listed += 1
            else:
                acc.missing.append((n, m.group(0), line.strip()[:160]))
    return acc
