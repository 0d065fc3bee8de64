"""Word .docx reports → `Document`, with python-docx (imported only here, lazily).

Body paragraphs and tables are read in document order. A paragraph keeps its style name
("Heading 2" gives a heading level) and, when Word numbers it automatically, the number Word
would show ("1.", "2.1.", "a)", "I."), computed from numbering.xml, so automatic and typed
numbering read the same. Line breaks inside a paragraph split it into lines (all pointing at
the same paragraph). A page or column break inside a paragraph is a space (python-docx drops it,
gluing the words on both sides). Tables keep their grid: a cell spanning columns (gridSpan) or
continuing a vertical merge (vMerge) is marked, so header labels and row groups are read from
merged cells. Then the document passes of `reflow`, as for text: header and signature blocks laid
out as tables (“CỘNG HÒA XÃ HỘI …”, “Nơi nhận”) become paragraphs, column by column; a header
flattened into a paragraph with tabs is cut; a table split into two Word tables around a page
break is one table.
"""

from __future__ import annotations

import io
import re
from typing import Any

from auditor.extract.document import Cell, Document, MappedText, Origin, Para, TableBlock
from auditor.extract.reflow import normalise
from auditor.extract.text import clean

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"



def _roman(n: int) -> str:
    vals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
            (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for v, s in vals:
        while n >= v:
            out, n = out + s, n - v
    return out


def _fmt(n: int, fmt: str) -> str:
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


class _Numbering:
    """Computes the label Word shows for an automatically numbered paragraph."""

    def __init__(self, doc: Any) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = doc.part.numbering_part.element
        except (KeyError, AttributeError, NotImplementedError):
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for an in root.findall(f"{W}abstractNum"):
            aid = an.get(f"{W}abstractNumId")
            lv: dict[int, tuple[str, str, int]] = {}
            for lvl in an.findall(f"{W}lvl"):
                il = int(lvl.get(f"{W}ilvl", "0"))
                fmt = lvl.find(f"{W}numFmt")
                txt = lvl.find(f"{W}lvlText")
                start = lvl.find(f"{W}start")
                lv[il] = (fmt.get(f"{W}val") if fmt is not None else "decimal",
                          txt.get(f"{W}val") if txt is not None else f"%{il + 1}.",
                          int(start.get(f"{W}val")) if start is not None else 1)
            abstract[aid] = lv
        for num in root.findall(f"{W}num"):
            nid = num.get(f"{W}numId")
            ref = num.find(f"{W}abstractNumId")
            if ref is None:
                continue
            for il, spec in abstract.get(ref.get(f"{W}val"), {}).items():
                self.levels[(nid, il)] = spec

    def label(self, num_id: str, ilvl: int) -> str:
        if (num_id, ilvl) not in self.levels:
            return ""
        ctr = self.counters.setdefault(num_id, [0] * 9)
        starts = [self.levels.get((num_id, i), ("decimal", "", 1))[2] for i in range(9)]
        ctr[ilvl] = (ctr[ilvl] + 1) if ctr[ilvl] else starts[ilvl]
        for deeper in range(ilvl + 1, 9):
            ctr[deeper] = 0
        fmt, text, _ = self.levels[(num_id, ilvl)]
        if fmt == "bullet":
            return "-"
        out = text
        for i in range(ilvl + 1):
            f = self.levels.get((num_id, i), ("decimal", "", 1))[0]
            out = out.replace(f"%{i + 1}", _fmt(ctr[i] or starts[i], f))
        return out.strip()


def _num_pr(p_el: Any) -> tuple[str, int] | None:
    ppr = p_el.find(f"{W}pPr")
    if ppr is None:
        return None
    npr = ppr.find(f"{W}numPr")
    if npr is None:
        return None
    nid = npr.find(f"{W}numId")
    il = npr.find(f"{W}ilvl")
    if nid is None or nid.get(f"{W}val") in (None, "0"):
        return None
    return nid.get(f"{W}val"), int(il.get(f"{W}val")) if il is not None else 0


def _heading_level(style: str | None) -> int | None:
    if not style:
        return None
    m = re.match(r"(?:Heading|Đề mục|Tiêu đề)\s*(\d)", style, re.I)
    if m:
        return int(m.group(1))
    if style.lower() == "title":
        return 0
    return None


def read_docx(data: bytes, name: str = "") -> Document:
    import docx  # lazy: only when a .docx is read
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    d = docx.Document(io.BytesIO(data))
    numbering = _Numbering(d)
    styles = _style_names(d)
    doc = Document(kind="docx", name=name)
    para_no = 0
    table_no = 0
    body = d.element.body
    for el in _body_elements(body):
        tag = el.tag
        if tag == f"{W}p":
            para_no += 1
            p = Paragraph(el, d)
            _add_paragraph(doc, p, para_no, numbering, styles)
        elif tag == f"{W}tbl":
            table_no += 1
            t = Table(el, d)
            doc.blocks.append(_read_table(t, table_no))
    normalise(doc)
    for b in doc.blocks:
        if isinstance(b, TableBlock):
            for r in b.rows:
                for c in r:
                    if "\n" in c.text.text:  # a cell of several paragraphs: one text
                        c.text = clean(c.text.sub(r"\s*\n\s*", " "), markdown=False)[0]
    return doc



def _body_elements(body: Any):  # noqa: ANN202 - an iterator of elements
    """Paragraphs and tables of the body in order, also those inside content controls
    (`w:sdt`, as templates put the header or a whole section in one)."""
    for el in body.iterchildren():
        if el.tag == f"{W}sdt":
            content = el.find(f"{W}sdtContent")
            if content is not None:
                yield from _body_elements(content)
        else:
            yield el


def _split_lines(mt: MappedText) -> list[MappedText]:
    out, start = [], 0
    for i, ch in enumerate(mt.text + "\n"):
        if ch == "\n":
            out.append(mt.slice(start, i).strip())
            start = i + 1
    return out


_STYLE_NUM: dict[str, tuple[str, int]] = {}


def _style_names(d: Any) -> dict[str, str]:
    """styleId -> name, read once (python-docx's per-paragraph lookup is slow); also the
    numbering a style applies (“List Number”), in _STYLE_NUM."""
    out: dict[str, str] = {}
    _STYLE_NUM.clear()
    try:
        root = d.styles.element
    except (KeyError, AttributeError, NotImplementedError):
        return out
    for st in root.findall(f"{W}style"):
        sid = st.get(f"{W}styleId")
        nm = st.find(f"{W}name")
        if sid:
            out[sid] = nm.get(f"{W}val") if nm is not None else sid
            npr = _num_pr(st)
            if npr is not None:
                _STYLE_NUM[sid] = npr
    return out


_TEXT_TAGS = {f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen", f"{W}sym"}


def para_text(p_el: Any) -> str:
    """The text of a paragraph element as Word shows it: a tab is a tab, a line break a new
    line, a page or column break a space (python-docx drops those, gluing “đạt” to the number
    on the next page), a non-breaking hyphen a hyphen. Text in text boxes inside the paragraph
    is not part of it."""
    out: list[str] = []
    for el in p_el.iter(*_TEXT_TAGS):
        parent = el.getparent()
        if parent is None or parent.tag != f"{W}r":
            continue  # tab stops in pPr, etc.
        if any(a.tag == f"{W}txbxContent" for a in el.iterancestors()):
            continue
        tag = el.tag
        if tag == f"{W}t":
            out.append(el.text or "")
        elif tag == f"{W}tab":
            out.append("\t")
        elif tag == f"{W}br":
            out.append(" " if el.get(f"{W}type") in ("page", "column") else "\n")
        elif tag == f"{W}cr":
            out.append("\n")
        elif tag == f"{W}noBreakHyphen":
            out.append("-")
    return "".join(out)


def _add_paragraph(doc: Document, p: Any, para_no: int, numbering: _Numbering, styles: dict[str, str]) -> None:
    raw = para_text(p._p)
    style = None
    ppr = p._p.find(f"{W}pPr")
    ps = ppr.find(f"{W}pStyle") if ppr is not None else None
    if ps is not None:
        sid = ps.get(f"{W}val")
        style = styles.get(sid, sid)
    label = ""
    npr = _num_pr(p._p)
    if npr is None and ps is not None:
        npr = _STYLE_NUM.get(ps.get(f"{W}val"))
    if npr is not None:
        label = numbering.label(*npr)
    origin = Origin(quote=raw, paragraph=para_no)
    mt = MappedText.of(raw, origin)
    mt = mt.sub(r"\t", " ")
    level = _heading_level(style)
    for k, line in enumerate(_split_lines(mt)):
        cleaned, _ = clean(line, markdown=False)
        if not cleaned.text:
            continue
        if k == 0 and label:
            # Prepend the automatic number; it maps to the paragraph start.
            prefix = label + (" " if label not in ("-",) else " ")
            cleaned = MappedText(prefix + cleaned.text, [cleaned.offs[0]] * len(prefix) + cleaned.offs,
                                 cleaned.origin)
        doc.blocks.append(Para([cleaned], style=style, level=level))


def _cell_text(tc: Any, d: Any) -> str:
    return "\n".join(para_text(p) for p in tc.iter(f"{W}p"))


def _read_table(t: Any, table_no: int) -> TableBlock:
    rows: list[list[Cell]] = []
    first_of_col: dict[int, int] = {}  # column -> row index of the open vertical merge
    for r_i, tr in enumerate(t._tbl.findall(f"{W}tr"), start=1):
        row: list[Cell] = []
        col = 1
        for tc in tr.findall(f"{W}tc"):
            tcpr = tc.find(f"{W}tcPr")
            span = 1
            vmerge = None
            if tcpr is not None:
                gs = tcpr.find(f"{W}gridSpan")
                if gs is not None:
                    span = int(gs.get(f"{W}val", "1"))
                vm = tcpr.find(f"{W}vMerge")
                if vm is not None:
                    vmerge = vm.get(f"{W}val") or "continue"
            text = _cell_text(tc, t._parent)
            origin = Origin(quote=text, table=table_no, row=r_i, column=col)
            mt = MappedText.of(text, origin).sub(r"\t", " ")
            cleaned, _ = clean(mt, markdown=False)
            vfrom = None
            if vmerge == "restart":
                first_of_col[col] = r_i
            elif vmerge == "continue":
                vfrom = first_of_col.get(col)
            else:
                first_of_col.pop(col, None)
            row.append(Cell(cleaned, None, vfrom))
            for k in range(1, span):
                o2 = Origin(quote=text, table=table_no, row=r_i, column=col + k)
                row.append(Cell(MappedText("", [], o2), col, vfrom))
            col += span
        rows.append(row)
    return TableBlock(rows=rows, number=table_no, explicit_spans=True)


def docx_fonts(data: bytes) -> set[str]:
    """Font names used in the document (to recognise legacy Vietnamese fonts)."""
    import zipfile

    fonts: set[str] = set()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            for nm in ("word/document.xml", "word/styles.xml", "word/fontTable.xml"):
                if nm in z.namelist():
                    xml = z.read(nm)[:2_000_000].decode("utf-8", "replace")
                    fonts.update(re.findall(r'w:(?:ascii|hAnsi|cs|name)="([^"]+)"', xml))
    except Exception:  # noqa: BLE001 - fonts are only a hint
        return fonts
    return fonts


LEGACY_FONT_RE = re.compile(r"^(\.Vn|\.VN|VNI[- ]|VNtimes|VN-)", re.I)
