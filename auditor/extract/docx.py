"""Word .docx reports → `Document`, read with `zipfile` and `xml.etree` (the standard library).

(It was python-docx, whose import alone registers hundreds of element classes: ~240 M
instructions, a fifth of reading a seed .docx; xml.etree costs ~10 M, lxml.etree ~70 M.) The
package is opened as python-docx opens it: the main part named by the package relationships
(`_rels/.rels`), of the Word document content type, its styles and numbering parts named by its
own relationships. The archive was checked before (`sniff.zip_bomb`: declared sizes, which
`zipfile` never inflates beyond); an XML part with a document type declaration is refused (Word
never writes one: it is how entity tricks — external entities, “billion laughs” — come in).

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

import posixpath
import re
from xml.etree import ElementTree as ET

from auditor.extract.document import Cell, Document, MappedText, Origin, Para, TableBlock
from auditor.extract.reflow import normalise
from auditor.extract.text import clean
from auditor.read.zipread import Archive

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_MAIN_TYPES = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",)


class NotWord(ValueError):
    """The package is not a Word document we read (the caller reports it as a damaged file)."""


def _xml(data: bytes) -> ET.Element:
    _no_doctype(data)
    return ET.fromstring(data)


def _no_doctype(data: bytes) -> None:
    # A document type declaration can only start where these bytes are (UTF-8, or the UTF-16
    # that expat also reads): refused before parsing, so no entity is ever declared.
    if any(mark in data for mark in _DOCTYPES):
        raise NotWord("an XML part declares a document type")


# “<!DOCTYPE” in UTF-8 and in UTF-16 (LE, BE), written out: encoding it at each part imported
# two codecs on every run
_DOCTYPES = (b"<!DOCTYPE", b"<\x00!\x00D\x00O\x00C\x00T\x00Y\x00P\x00E\x00",
             b"\x00<\x00!\x00D\x00O\x00C\x00T\x00Y\x00P\x00E")


def _checked(data: bytes) -> bytes:
    """`data` once it is known that `_xml(data)` succeeds, without building its tree: the same
    parser (expat) on the same bytes, with no handler, with the namespaces processed as
    ElementTree has them or, where that gives the same answer, without (`xmlcheck`), so it
    refuses exactly what `_xml` refuses. A styles part is only read when a paragraph names a
    style; Word's own styles part is 350 KB (its table styles): building its tree cost ~110 M
    instructions, checking it with the namespaces ~69 M, without ~35 M."""
    _no_doctype(data)
    from auditor.extract.xmlcheck import parse_check

    parse_check(data)
    return data


class _Part:
    """A part of the package, inflated when its bytes are first asked for (`data`)."""

    __slots__ = ("_z", "_name", "_data", "_here")

    def __init__(self, z: Archive, name: str) -> None:
        self._z, self._name = z, name
        self._data: bytes | None = None
        self._here = False

    @property
    def data(self) -> bytes:
        if self._data is None:
            self._data, self._here = self._z.read_here(self._name)
        return self._data

    def stored(self) -> bytes | None:
        """The part as the archive stores it, when reading it is a function of that alone."""
        return self._z.stored(self._name)

    @property
    def read_here(self) -> bool:
        return self._here


def _checked_once(part: _Part) -> None:
    """`_checked(part.data)`, skipped for a part that passed it before (`files/passed.py`): a file
    made from a template already seen carries the same styles part, whose check is ~45 M
    instructions for Word's own. A part that fails is never remembered: it is refused every time.
    A part is known by its bytes as stored (compressed: 12 KB of Word's 350 KB part, and no
    inflating: ~7 M instructions less), or else by its bytes once inflated."""
    import pyexpat  # (loaded already by ElementTree: its version is the checker's)

    from auditor.files import passed

    version = pyexpat.EXPAT_VERSION
    stored = part.stored()
    stored_key = passed.passed_before("docx-zip", version, stored) if stored is not None else None
    if stored is not None and stored_key is None:
        return  # (read here, these bytes inflate to the part that passed: `zipread._stored`)
    data = part.data
    key = passed.passed_before("docx-xml", version, data)
    if key is not None:
        _checked(data)
        passed.remember("docx-xml", version, key)
    if stored_key is not None and part.read_here:  # (what `zipfile` read is not known by its stored bytes)
        passed.remember("docx-zip", version, stored_key)


def _has(z: Archive, member: str) -> bool:
    try:
        z.getinfo(member)
    except KeyError:
        return False
    return True


def _rels(z: Archive, part: str) -> dict[str, str]:
    """relationship type → member name of the (first) internal target, for `part`'s relationships."""
    folder, name = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    if not _has(z, rels_name):
        return {}
    out: dict[str, str] = {}
    for rel in _xml(z.read(rels_name)).iter(_RELS):
        if rel.get("TargetMode") == "External" or rel.get("Type") is None or rel.get("Target") is None:
            continue
        target = rel.get("Target", "")
        member = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out.setdefault(rel.get("Type", ""), member)
    return out


def _content_type(z: Archive, member: str) -> str | None:
    root = _xml(z.read("[Content_Types].xml"))
    for o in root.iter(f"{_CT}Override"):
        if (o.get("PartName") or "").lower() == "/" + member.lower():
            return o.get("ContentType")
    ext = member.rsplit(".", 1)[-1].lower()
    for d in root.iter(f"{_CT}Default"):
        if (d.get("Extension") or "").lower() == ext:
            return d.get("ContentType")
    return None


def _package(data: bytes) -> tuple[ET.Element, _Part | None, ET.Element | None]:
    """(document root, styles part, numbering root) of a .docx; styles and numbering may be
    absent. The styles part is left uninflated, unchecked and unparsed: `read_docx` parses it
    when a paragraph names a style, and checks it (`_checked_once`) otherwise."""
    z = Archive(data)  # (zipfile's reading, without importing it for a plain archive)
    main = _rels(z, "").get(_RT + "officeDocument")
    if main is None or not _has(z, main):
        raise NotWord("no main document part")
    if _content_type(z, main) not in _MAIN_TYPES:
        raise NotWord("the main part is not a Word document")
    document = _xml(z.read(main))
    rels = _rels(z, main)
    member = rels.get(_RT + "styles")
    styles = _Part(z, member) if member is not None and _has(z, member) else None
    member = rels.get(_RT + "numbering")
    numbering = _xml(z.read(member)) if member is not None and _has(z, member) else None
    return document, styles, numbering



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

    def __init__(self, root: ET.Element | None) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[str, list[int]] = {}
        if root is None:
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


def _num_pr(p_el: ET.Element) -> tuple[str, int] | None:
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
    root, styles_part, numbering_root = _package(data)
    numbering = _Numbering(numbering_root)
    # the style names are looked up only for a paragraph that names its style; otherwise the
    # part is only checked, refusing what parsing it would refuse. (Checked before it was parsed
    # too, ~45 M instructions for Word's own 350 KB part, when parsing refuses the same; either
    # refusal, and the numbering's or the body's, is reported by the caller as one damaged file.)
    named = styles_part is not None and next(root.iter(f"{W}pStyle"), None) is not None
    if styles_part is not None and not named:
        _checked_once(styles_part)
    styles = _style_names(_xml(styles_part.data) if named and styles_part is not None else None)
    doc = Document(kind="docx", name=name)
    para_no = 0
    table_no = 0
    body = root.find(f"{W}body")
    if body is None:
        raise NotWord("the document has no body")
    for el in _body_elements(body):
        tag = el.tag
        if tag == f"{W}p":
            para_no += 1
            _add_paragraph(doc, el, para_no, numbering, styles)
        elif tag == f"{W}tbl":
            table_no += 1
            doc.blocks.append(_read_table(el, table_no))
    normalise(doc)
    for b in doc.blocks:
        if isinstance(b, TableBlock):
            for r in b.rows:
                for c in r:
                    if "\n" in c.text.text:  # a cell of several paragraphs: one text
                        c.text = clean(c.text.sub(r"\s*\n\s*", " "), markdown=False)[0]
    return doc


def _body_elements(body: ET.Element):  # noqa: ANN202 - an iterator of elements
    """Paragraphs and tables of the body in order, also those inside content controls
    (`w:sdt`, as templates put the header or a whole section in one)."""
    for el in body:
        if el.tag == f"{W}sdt":
            content = el.find(f"{W}sdtContent")
            if content is not None:
                yield from _body_elements(content)
        else:
            yield el


def _split_lines(mt: MappedText) -> list[MappedText]:
    """The lines of `mt` (at each "\n"), each stripped; one line for a text without a break."""
    text = mt.text
    out, start = [], 0
    while True:
        i = text.find("\n", start)  # (not a loop over every character: 1 % of reading a .docx)
        if i < 0:
            out.append(mt.slice(start, len(text)).strip())
            return out
        out.append(mt.slice(start, i).strip())
        start = i + 1


_STYLE_NUM: dict[str, tuple[str, int]] = {}


def _style_names(root: ET.Element | None) -> dict[str, str]:
    """styleId -> name, read once; also the numbering a style applies (“List Number”), in
    _STYLE_NUM. (Without a styles part a style is known by its id: “Heading1” still gives level 1.)"""
    out: dict[str, str] = {}
    _STYLE_NUM.clear()
    if root is None:
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


def para_text(p_el: ET.Element) -> str:
    """The text of a paragraph element as Word shows it: a tab is a tab, a line break a new
    line, a page or column break a space (python-docx dropped it, gluing “đạt” to the number
    on the next page), a non-breaking hyphen a hyphen. Text in text boxes inside the paragraph
    is not part of it."""
    out: list[str] = []
    _run_text(p_el, out)
    return "".join(out)


_R, _BOX = f"{W}r", f"{W}txbxContent"


def _run_text(el: ET.Element, out: list[str]) -> None:
    """The text pieces of the runs under `el`, in document order, text boxes left out."""
    for child in el:
        tag = child.tag
        if tag == _BOX:
            continue
        if el.tag == _R and tag in _TEXT_TAGS:  # (a tab stop in pPr is not a run's tab)
            if tag == f"{W}t":
                out.append(child.text or "")
            elif tag == f"{W}tab":
                out.append("\t")
            elif tag == f"{W}br":
                out.append(" " if child.get(f"{W}type") in ("page", "column") else "\n")
            elif tag == f"{W}cr":
                out.append("\n")
            elif tag == f"{W}noBreakHyphen":
                out.append("-")
        if len(child):
            _run_text(child, out)


def _add_paragraph(doc: Document, p_el: ET.Element, para_no: int, numbering: _Numbering,
                   styles: dict[str, str]) -> None:
    raw = para_text(p_el)
    style = None
    ppr = p_el.find(f"{W}pPr")
    ps = ppr.find(f"{W}pStyle") if ppr is not None else None
    if ps is not None:
        sid = ps.get(f"{W}val")
        style = styles.get(sid, sid)
    label = ""
    npr = _num_pr(p_el)
    if npr is None and ps is not None:
        npr = _STYLE_NUM.get(ps.get(f"{W}val"))
    if npr is not None:
        label = numbering.label(*npr)
    origin = Origin(quote=raw, paragraph=para_no)
    mt = MappedText.of(raw, origin)
    if "\t" in raw:  # (most paragraphs have none: no search, no call)
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


def _cell_text(tc: ET.Element) -> str:
    """The cell's paragraphs (also those of a table or text box inside it) one per line; a
    paragraph inside a text box counts as an empty line, as python-docx's reader gave it."""
    paras: list[str] = []
    _cell_paras(tc, False, paras)
    return "\n".join(paras)


def _cell_paras(el: ET.Element, in_box: bool, out: list[str]) -> None:
    for child in el:
        box = in_box or child.tag == _BOX
        if child.tag == f"{W}p":
            out.append("" if box else para_text(child))
        if len(child):
            _cell_paras(child, box, out)


def _read_table(tbl: ET.Element, table_no: int) -> TableBlock:
    rows: list[list[Cell]] = []
    first_of_col: dict[int, int] = {}  # column -> row index of the open vertical merge
    for r_i, tr in enumerate(tbl.findall(f"{W}tr"), start=1):
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
            text = _cell_text(tc)
            origin = Origin(quote=text, table=table_no, row=r_i, column=col)
            mt = MappedText.of(text, origin)
            if "\t" in text:
                mt = mt.sub(r"\t", " ")
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
    import io
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
