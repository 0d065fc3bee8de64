"""Shared state of one extraction: the items found so far, the spans of text they used (to
list the numbers nobody used), and the candidates for “one quantity, one value”."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from auditor.extract.document import Cell, Document, Para
from auditor.extract.layout import Layout, Section
from auditor.extract.scan import Tok, blocked_spans, scan
from auditor.extract.vn import make_num
from auditor.model.report import Num, SourceLoc


@dataclass
class MentionCand:
    """A stated quantity that may be the same as another one stated elsewhere."""

    num: Num
    unit: str | None
    label: str                   # words that name the quantity
    where: str
    section: str | None
    part: str | None             # results / plan / other
    block: int
    group: str                   # items of one group are never linked to each other
    context: str | None = None   # wider words (a rate's whole label) the label may borrow
    kind: str = "plain"          # plain | indicator | rate_num | rate_den | change_after | total | diff
    year: int | None = None
    extra: dict = field(default_factory=dict)


class Ctx:
    def __init__(self, doc: Document, layout: Layout, year: int | None) -> None:
        self.doc = doc
        self.L = layout
        self.year = year
        self.used: dict[Any, list[tuple[int, int]]] = defaultdict(list)
        self.labels: dict[Any, list[tuple[int, int]]] = defaultdict(list)  # numbers read as part of a name
        self.out: dict[str, list] = defaultdict(list)
        self.council: dict | None = None
        self.used_by: dict[tuple[int, int], str] = {}
        self.council_decision: dict | None = None
        self.list_blocks: set[int] = set()
        self.cands: list[MentionCand] = []
        self._blocked: dict[int, list] = {}
        self._toks: dict[int, list[Tok]] = {}
        self.citation_spans: dict[int, list[tuple[int, int]]] = defaultdict(list)

    # ---- sections
    def section(self, block: int) -> Section | None:
        return self.L.section_of.get(block)

    def sid(self, block: int) -> str | None:
        s = self.section(block)
        return s.id if s else None

    def part(self, block: int) -> str | None:
        s = self.section(block)
        return s.part if s else None

    # ---- numbers
    def toks(self, block: int) -> list[Tok]:
        if block not in self._toks:
            p = self.doc.blocks[block]
            assert isinstance(p, Para)
            self._blocked[block] = blocked_spans(p.text, self.citation_spans.get(block))
            self._toks[block] = scan(p.text, blocked=self._blocked[block])
        return self._toks[block]

    def toks_in(self, block: int, a: int, b: int) -> list[Tok]:
        return [t for t in self.toks(block) if a <= t.s and t.e <= b]

    def num(self, block: int, tok: Tok | tuple[int, int], *, unit: str | None = None,
            exact: bool | None = None, percent: bool | None = None, keep_unit: bool = False) -> Num:
        p = self.doc.blocks[block]
        assert isinstance(p, Para)
        s, e = (tok.s, tok.e) if isinstance(tok, Tok) else tok
        pct = percent if percent is not None else (tok.pct if isinstance(tok, Tok) else False)
        end = max(e, tok.ue) if isinstance(tok, Tok) else e
        loc = p.loc(s, end)
        self.used[block].append((s, end))
        return make_num(p.text[s:e], loc, unit=unit if keep_unit else None, exact=exact, percent=bool(pct))

    def cell_num(self, cell: Cell, key: Any, text: str, a: int, b: int, *, exact: bool | None = None,
                 percent: bool = False) -> Num:
        from auditor.extract.document import loc_of

        loc = loc_of([cell.text], a, b)
        self.used[key].append((a, b))
        return make_num(text, loc, exact=exact, percent=percent)

    def mark_label(self, block: Any, a: int, b: int) -> None:
        self.labels[block].append((a, b))

    def mark_used(self, block: Any, a: int, b: int) -> None:
        self.used[block].append((a, b))

    def loc(self, block: int, a: int, b: int) -> SourceLoc:
        p = self.doc.blocks[block]
        assert isinstance(p, Para)
        return p.loc(a, b)

    def add(self, kind: str, item: Any) -> None:
        self.out[kind].append(item)
