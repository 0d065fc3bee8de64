"""Shared state of one extraction: the items found so far, the spans of text they used (to
list the numbers nobody used), and the candidates for “one quantity, one value”."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from auditor.extract.document import Cell, Document, Para
from auditor.extract.layout import Layout, Section
from auditor.extract.numbers import NumTok, dot_decimal_value, tokenize
from auditor.extract.scan import Tok, tok_of
from auditor.extract.vn import make_num
from auditor.records import dataclass, field

if TYPE_CHECKING:  # (pydantic is not imported by a run: the objects are the report plan's)
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
        self._ntoks: dict[int, list[NumTok]] = {}
        self._roles: dict[int, list] = {}
        self._toks: dict[int, list[Tok]] = {}
        self._ntok_at: dict[int, tuple[list[NumTok], dict[int, NumTok]]] = {}
        self._ntok_starts: dict[int, tuple[list[NumTok], list[int]]] = {}
        self._ids: dict[str, list] = {}
        self._id_next: dict[tuple[str, str], int] = {}
        # where each Num made here was read: only those that end in the report count as used
        self.num_place: dict[int, tuple[Any, int, int]] = {}
        self.item_spans: dict[Any, list[tuple[int, int]]] = defaultdict(list)
        self.citation_spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
        self.cell_repairs: list[tuple[Any, SourceLoc, str, Num]] = []   # cells read with a dot decimal

    def cut_at_end(self, block: int) -> bool:
        """`block` is the document's last paragraph and stops without closing its sentence: an
        excerpt cut in the middle (a page's text kept up to a size), so a list in it may go on."""
        import re

        blocks = self.doc.blocks
        last = max((i for i, b in enumerate(blocks) if isinstance(b, Para) and b.text.strip()), default=-1)
        return block == last and re.search(r"[.!?…;:)”\"»]\s*$", blocks[block].text) is None

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
    def ntoks(self, block: int) -> list[NumTok]:
        """Every number of a paragraph as the tokenizer reads it (numbers.py)."""
        if block not in self._ntoks:
            p = self.doc.blocks[block]
            assert isinstance(p, Para)
            item = self.L.items.get(block)
            numbering_end = item.rest_start if item is not None and item.kind != "bullet" else 0
            if not numbering_end and block in self.L.headings:
                from auditor.extract.layout import numbering

                n = numbering(p.text)
                numbering_end = n.rest_start if n is not None and n.kind != "bullet" else 0
            self._ntoks[block] = tokenize(p.text, self.citation_spans.get(block), numbering_end)
        return self._ntoks[block]

    def roles(self, block: int) -> list:
        """The role of each of the paragraph's numbers (roles.py), in the order of `ntoks`."""
        if block not in self._roles:
            from auditor.extract.roles import roles

            p = self.doc.blocks[block]
            self._roles[block] = roles(p.text, self.ntoks(block))
        return self._roles[block]

    def toks(self, block: int) -> list[Tok]:
        """The paragraph's numbers in the older per-value form the pattern modules use: quantities
        of one number are `value` tokens; fractions and ranges are left to the relation reader."""
        if block not in self._toks:
            self._toks[block] = [t for t in (tok_of(n) for n in self.ntoks(block)) if t is not None]
        return self._toks[block]

    def ntok_starts(self, block: int) -> list[int]:
        """Where each number of the paragraph starts (in order), to find those of a span by bisection."""
        toks = self.ntoks(block)
        got = self._ntok_starts.get(block)
        if got is None or got[0] is not toks:
            got = self._ntok_starts[block] = (toks, [t.s for t in toks])
        return got[1]

    def ntok_at(self, block: Any, s: int) -> NumTok | None:
        """The first number of the paragraph that starts at `s`, or one of whose parts does."""
        if not isinstance(block, int):
            return None
        toks = self.ntoks(block)
        got = self._ntok_at.get(block)
        if got is None or got[0] is not toks:  # (indexed once per paragraph's reading)
            index: dict[int, NumTok] = {}
            for t in toks:
                index.setdefault(t.s, t)
                for a, _, _ in t.parts:
                    index.setdefault(a, t)
            got = self._ntok_at[block] = (toks, index)
        return got[1].get(s)

    def toks_in(self, block: int, a: int, b: int) -> list[Tok]:
        return [t for t in self.toks(block) if a <= t.s and t.e <= b]

    def num(self, block: int, tok: Tok | NumTok | tuple[int, int], *, unit: str | None = None,
            exact: bool | None = None, percent: bool | None = None, keep_unit: bool = False) -> Num:
        p = self.doc.blocks[block]
        assert isinstance(p, Para)
        is_tok = isinstance(tok, (Tok, NumTok))
        s, e = (tok.s, tok.e) if is_tok else tok
        pct = percent if percent is not None else (tok.pct if is_tok else False)
        end = max(e, tok.ue) if is_tok else e
        nt = self.ntok_at(block, s)
        value_text, scale, approx = None, 0, None
        if nt is not None:
            if nt.s == s and nt.e == e:
                value_text = nt.value_text
                scale = 3 if nt.repaired == "scaled" else 0
            elif nt.parts:
                value_text = _part_value_text(p.text[s:e])
                if value_text is None:
                    # (“693 ngàn ha/750 ngàn ha”: a part written with a word of thousands)
                    from auditor.extract.numbers import scaled_text_of

                    value_text = scaled_text_of(p.text[s:e])
                    scale = 3 if value_text is not None else 0
            if nt.s == s:
                approx = nt.approx
        loc = p.loc(s, end)
        self.used[block].append((s, end))
        num = make_num(p.text[s:e], loc, unit=unit if keep_unit else None, exact=exact, percent=bool(pct),
                       value_text=value_text, scale=scale, approx=approx)
        self.num_place[id(num)] = (block, s, end)
        return num

    def cell_num(self, cell: Cell, key: Any, text: str, a: int, b: int, *, exact: bool | None = None,
                 percent: bool = False) -> Num:
        from auditor.extract.document import loc_of

        loc = loc_of([cell.text], a, b)
        self.used[key].append((a, b))
        # a dot decimal in a cell (“79.31”, a database export's “63379.00”) is read as in a sentence:
        # a dot before one or two digits cannot group thousands (numbers.py); it is reported once
        # per table when the table is written that way (build._number_problems)
        vt = dot_decimal_value(text)
        num = make_num(text, loc, exact=exact, percent=percent, value_text=vt)
        if vt is not None:
            self.cell_repairs.append((key, loc, text.strip(), num))
        self.num_place[id(num)] = (key, a, b)
        return num

    def mark_label(self, block: Any, a: int, b: int) -> None:
        self.labels[block].append((a, b))

    def mark_used(self, block: Any, a: int, b: int) -> None:
        """A span read into a report item that is not a number (a citation, a calendar mention …)."""
        self.used[block].append((a, b))
        self.item_spans[block].append((a, b))

    def loc(self, block: int, a: int, b: int) -> SourceLoc:
        p = self.doc.blocks[block]
        assert isinstance(p, Para)
        return p.loc(a, b)

    def add(self, kind: str, item: Any) -> None:
        self.out[kind].append(item)

    def fresh_id(self, kind: str, base: str) -> str:
        """`base`, or `base_2`, `base_3` … : the first id no item of `kind` made so far has (the
        same name twice, “Trồng cỏ … Trồng cỏ …”, is two items). Kept in step with `out[kind]`, so
        a text with thousands of items costs each of them one look-up."""
        items = self.out[kind]
        seen = self._ids.get(kind)
        if seen is None or seen[0] > len(items):
            seen = self._ids[kind] = [0, set()]
        for it in items[seen[0]:]:
            seen[1].add(it.get("id"))
        seen[0] = len(items)
        iid, n = base, self._id_next.get((kind, base), 2)
        while iid in seen[1]:
            iid = f"{base}_{n}"
            n += 1
        self._id_next[(kind, base)] = n
        return iid


def _part_value_text(t: str) -> str | None:
    """A part of a fraction written with a dot decimal (“4.8”) is read as a decimal; one written
    in scale words (“5 tỷ 137 triệu”) in triệu."""
    from auditor.extract.numbers import value_text_of

    return value_text_of(t)
