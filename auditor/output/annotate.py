"""The document as written with every finding marked where it is (the printable report and the
web page, `audit serve`, share it).

Each finding's number is highlighted in its sentence or table cell and linked to the finding
(`#<anchor>`); the other values a finding involves (its evidence) are underlined and linked to it
too. After each paragraph or table that holds findings, a short note per finding says what is
wrong, so a printed page shows every problem beside the text it is about. A finding whose
place is not in the document view (no `src`, or a place the view does not hold) is listed by
the caller only.

Pieces and places match by (line, paragraph, table, row, column): the extractor gives a
finding's `src` the same coordinates as the piece of text its number was read from, and the
span of the number in that piece's original text (`start`, `end`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any

from auditor.model.severity import SEVERITY_RANK

if TYPE_CHECKING:
    from auditor.model.findings import DocBlock, DocPiece, DocumentText, Finding

Key = tuple  # (page, line, paragraph, table, row, column)

_WORDS = {
    "vi": {"line": "dòng", "paragraph": "đoạn", "table": "bảng", "page": "tr.", "hidden": "{n} dòng không có phát hiện",
           "truncated": "Văn bản dài: chỉ phần đầu được giữ lại.",
           "sev": {"error": "LỖI", "warning": "CẢNH BÁO", "info": "THÔNG TIN"}},
    "en": {"line": "line", "paragraph": "paragraph", "table": "table", "page": "p.", "hidden": "{n} lines without findings",
           "truncated": "Long document: only its beginning is kept.",
           "sev": {"error": "ERROR", "warning": "WARNING", "info": "INFO"}},
}


@dataclass
class Mark:
    start: int | None
    end: int | None
    anchor: str          # id of the finding in the page
    mark_id: str | None  # id of the highlight itself (the primary mark of a finding)
    num: int             # the finding's number on the page
    severity: str
    rule: str
    primary: bool        # the finding's own number (else: another value it involves)


@dataclass
class Numbered:
    """A finding as the page shows it: its number and the ids of the finding and its mark."""

    finding: Finding
    num: int
    anchor: str
    mark_id: str


def _e(s: Any) -> str:
    return escape("" if s is None else str(s), quote=True)


def piece_key(p: DocPiece) -> Key:
    return (getattr(p, "page", None), p.line, p.paragraph, p.table, p.row, p.column)


def src_key(src: Any) -> Key | None:
    if src is None:
        return None
    key = (getattr(src, "page", None), src.line, src.paragraph, src.table, src.row, src.column)
    return key if any(k is not None for k in key) else None


_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[^,\]}\s]+')


def _json_span(text: str, column: int | None) -> tuple[int, int] | None:
    """The JSON value that starts at `column` (1-based) of a line."""
    if not column:
        return None
    i = column - 1
    m = _JSON_TOKEN.match(text, i)
    if m is None:
        return (i, min(i + 1, len(text))) if i < len(text) else None
    return m.start(), m.end()


_TEXT_MEMBER = re.compile(r'"text"\s*:\s*("(?:[^"\\]|\\.)*")')


def _json_value(lines: dict[int, str], line: int, column: int | None) -> tuple[int, tuple[int, int] | None]:
    """The line and span to mark for a value at (line, column): the value itself, or for a
    number written as an object (`{"text": "1.896", "src": …}`) its `text`, a few lines down."""
    span = _json_span(lines[line], column)
    if span is not None and lines[line][span[0]:span[0] + 1] == "{":
        rest = lines[line][span[0] + 1:]
        m = _TEXT_MEMBER.search(rest)
        if m:
            return line, (span[0] + 1 + m.start(1), span[0] + 1 + m.end(1))
        for k in range(line + 1, line + 4):
            m = _TEXT_MEMBER.search(lines.get(k, ""))
            if m:
                return k, (m.start(1), m.end(1))
            if "}" in lines.get(k, "") or "{" in lines.get(k, ""):
                break
    return line, span


def collect_marks(doc: DocumentText, numbered: list[Numbered]) -> tuple[dict[Key, list[Mark]], set[str]]:
    """Marks per piece of the document, and the anchors of the findings that got a mark of
    their own (the others are not in the view)."""
    keys = {piece_key(p) for b in doc.blocks for p in b.pieces}
    lines: dict[int, str] = {}
    if doc.kind == "json":
        lines = {p.line: p.text for b in doc.blocks for p in b.pieces if p.line is not None}
    out: dict[Key, list[Mark]] = {}
    placed: set[str] = set()
    for n in numbered:
        f = n.finding
        if doc.kind == "json":  # the JSON text itself: the finding's line and column
            if f.line and f.line in lines:
                line, span = _json_value(lines, f.line, f.column)
                key = (None, line, None, None, None, None)
                out.setdefault(key, []).append(Mark(span[0] if span else None, span[1] if span else None,
                                                    n.anchor, n.mark_id, n.num, f.severity, f.rule_id, True))
                placed.add(n.anchor)
            continue
        key = src_key(f.src)
        if key is not None and key in keys:
            out.setdefault(key, []).append(Mark(f.src.start, f.src.end, n.anchor, n.mark_id, n.num,  # type: ignore[union-attr]
                                                f.severity, f.rule_id, True))
            placed.add(n.anchor)
        seen = {(key, f.src.start if f.src else None)}
        for e in f.evidence:
            k = src_key(e.src)
            if k is None or k not in keys or e.pointer == f.pointer:
                continue
            at = (k, e.src.start)  # type: ignore[union-attr]
            if at in seen:
                continue
            seen.add(at)
            out.setdefault(k, []).append(Mark(e.src.start, e.src.end, n.anchor, None, n.num,  # type: ignore[union-attr]
                                              f.severity, f.rule_id, False))
    return out, placed


def _worst(marks: list[Mark]) -> str:
    return max((m.severity for m in marks), key=lambda s: SEVERITY_RANK[s])


def render_piece(text: str, marks: list[Mark]) -> str:
    """The piece's text with its marks: spans highlighted and linked, a reference number after
    each finding's own span. A mark without a span (or outside the text) covers the piece."""
    n = len(text)
    spans = []
    for m in marks:
        a = m.start if m.start is not None and 0 <= m.start < n else 0
        b = m.end if m.end is not None and a < m.end <= n else n
        if m.start is None or m.end is None or m.start >= n:
            a, b = 0, n
        spans.append((a, b, m))
    if not spans or n == 0:
        anchors = "".join(f'<span class="anchor" id="{_e(m.mark_id)}"></span>' for m in marks if m.primary and m.mark_id)
        return anchors + _e(text) + "".join(_ref(m) for m in marks if m.primary)
    cuts = sorted({0, n, *(a for a, _, _ in spans), *(b for _, b, _ in spans)})
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:]):
        starting = [m for s, _, m in spans if s == a and m.primary and m.mark_id]
        out.extend(f'<span class="anchor" id="{_e(m.mark_id)}"></span>' for m in starting)
        active = [(s, e, m) for s, e, m in spans if s <= a and e >= b]
        seg = _e(text[a:b])
        if active:
            prim = [x for x in active if x[2].primary] or active
            s, e, target = min(prim, key=lambda x: (x[1] - x[0], -SEVERITY_RANK[x[2].severity]))
            ms = [x[2] for x in active]
            cls = "mk sev-" + _worst([m for _, _, m in prim])
            if not any(m.primary for m in ms):
                cls += " related"
            nums = " ".join(sorted({str(m.num) for m in ms}, key=int))
            rules = " ".join(sorted({m.rule for m in ms}))
            out.append(f'<a class="{cls}" href="#{_e(target.anchor)}" data-f="{nums}" data-rules="{_e(rules)}">'
                       f"{seg}</a>")
        else:
            out.append(seg)
        ending = [m for _, e2, m in spans if e2 == b and m.primary]
        out.extend(_ref(m) for m in sorted(ending, key=lambda m: m.num))
    return "".join(out)


def _ref(m: Mark) -> str:
    return (f'<sup class="ref sev-{m.severity}" data-f="{m.num}" data-rules="{_e(m.rule)}">'
            f'<a href="#{_e(m.anchor)}">{m.num}</a></sup>')


def _place(p: DocPiece, lang: str, table: bool = False) -> str:
    w = _WORDS[lang]
    page = getattr(p, "page", None)
    if page is not None:  # a PDF: “tr. 3, dòng 12”
        return f"{w['page']} {page}" + (f", {w['line']} {p.line}" if p.line is not None and not table else "")
    if table and p.table is not None:
        return f"{w['table']} {p.table}"
    if p.paragraph is not None:
        return f"{w['paragraph']} {p.paragraph}"
    if p.line is not None:
        return f"{w['line']} {p.line}"
    if p.table is not None:
        return f"{w['table']} {p.table}"
    return ""


def _notes(marks: list[Mark], numbered: dict[str, Numbered], lang: str, message: Any) -> str:
    seen: list[str] = []
    for m in marks:
        if m.primary and m.anchor not in seen:
            seen.append(m.anchor)
    if not seen:
        return ""
    sev = _WORDS[lang]["sev"]
    items = []
    for a in sorted(seen, key=lambda a: numbered[a].num):
        n = numbered[a]
        f = n.finding
        items.append(f'<li class="note sev-{f.severity}" data-f="{n.num}" data-rules="{_e(f.rule_id)}">'
                     f'<a href="#{_e(a)}">{n.num}</a> <span class="badge {f.severity}">{_e(sev[f.severity])}</span> '
                     f"<code>{_e(f.rule_id)}</code> {_e(message(f, lang))}</li>")
    return f'<ul class="notes">{"".join(items)}</ul>'


def _table(b: DocBlock, marks: dict[Key, list[Mark]]) -> str:
    rows: dict[int, list[DocPiece]] = {}
    for p in b.pieces:
        rows.setdefault(p.row or 0, []).append(p)
    out = ['<table class="d-t">']
    for r in sorted(rows):
        cells = []
        for p in rows[r]:
            span = f' colspan="{p.span}"' if p.span and p.span > 1 else ""
            text = render_piece(p.text, marks.get(piece_key(p), []))
            cells.append(f"<td{span}>{text.replace(chr(10), '<br>')}</td>")
        out.append(f"<tr>{''.join(cells)}</tr>")
    out.append("</table>")
    return "".join(out)


def render_document(doc: DocumentText, numbered: list[Numbered], lang: str, message: Any, *,
                    prefix: str = "d", notes: bool = True, elide: bool | None = None) -> tuple[str, set[str]]:
    """HTML of the document with its findings marked (a `<div class="doc">`), and the anchors
    of the findings that were placed in it. `message(finding, lang)` gives a finding's text
    for the notes. `elide` (default: for a JSON text) keeps only the lines near findings."""
    marks, placed = collect_marks(doc, numbered)
    by_anchor = {n.anchor: n for n in numbered}
    elide = doc.kind == "json" if elide is None else elide
    w = _WORDS[lang]
    out = [f'<div class="doc doc-{_e(doc.kind)}">']
    for k, b in enumerate(doc.blocks):
        bid = f"{prefix}-{k}"
        block_marks = [m for p in b.pieces for m in marks.get(piece_key(p), [])]
        if b.kind == "code":
            out.append(_code(b, marks, elide, w))
        elif b.kind == "table":
            place = _place(b.pieces[0], lang, table=True) if b.pieces else ""
            out.append(f'<div class="d-b d-tb" id="{bid}"><span class="loc">{_e(place)}</span>{_table(b, marks)}</div>')
        else:
            cls = "d-h" if b.kind == "heading" else "d-p"
            body = "<br>".join(render_piece(p.text, marks.get(piece_key(p), [])) for p in b.pieces)
            place = _place(b.pieces[0], lang) if b.pieces else ""
            flag = " has-marks" if any(m.primary for m in block_marks) else ""
            out.append(f'<div class="d-b {cls}{flag}" id="{bid}"><span class="loc">{_e(place)}</span>'
                       f'<p>{body}</p></div>')
        if notes and block_marks:
            out.append(_notes(block_marks, by_anchor, lang, message))
    if doc.truncated:
        out.append(f'<p class="truncated">{_e(w["truncated"])}</p>')
    out.append("</div>")
    return "\n".join(x for x in out if x), placed


def _code(b: DocBlock, marks: dict[Key, list[Mark]], elide: bool, w: dict[str, Any]) -> str:
    """A JSON text, line by line; with `elide`, only the lines within two of a finding."""
    marked = [i for i, p in enumerate(b.pieces) if marks.get(piece_key(p))]
    keep = set(range(len(b.pieces)))
    if elide:
        keep = {j for i in marked for j in range(i - 2, i + 3) if 0 <= j < len(b.pieces)}
    rows: list[str] = []
    last = -1
    for i, p in enumerate(b.pieces):
        if i not in keep:
            continue
        if i > last + 1:
            rows.append(f'<span class="gap">⋯ {_e(w["hidden"].format(n=i - last - 1))}</span>')
        rows.append(f'<span class="ln">{p.line}</span>{render_piece(p.text, marks.get(piece_key(p), []))}')
        last = i
    if last < len(b.pieces) - 1 and elide and rows:
        rows.append(f'<span class="gap">⋯ {_e(w["hidden"].format(n=len(b.pieces) - 1 - last))}</span>')
    return '<pre class="d-code">' + "\n".join(rows) + "</pre>"


DOC_CSS = """
.doc { border: 1px solid var(--line, #d0d5dd); border-radius: 4px; padding: 10px 14px; margin: 8px 0 14px; }
.doc .d-b { position: relative; padding-left: 6.5em; margin: 0 0 6px; }
.doc .d-b .loc { position: absolute; left: 0; top: 0.15em; width: 6em; font-size: 0.75rem; color: #98a2b3;
  white-space: nowrap; }
.doc .d-b p { margin: 0; }
.doc .d-h p { font-weight: 700; }
.doc table.d-t { width: auto; max-width: 100%; font-size: 0.92em; margin: 2px 0; }
.doc table.d-t td { padding: 2px 6px; }
.doc pre.d-code { font-size: 0.85em; white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; }
.doc pre.d-code .ln { display: inline-block; width: 4.5em; color: #98a2b3; text-align: right; padding-right: 1em;
  user-select: none; }
.doc pre.d-code .gap { color: #98a2b3; font-style: italic; }
a.mk { color: inherit; text-decoration: none; border-radius: 2px; padding: 0 1px; }
a.mk.sev-error { background: #fecdca; box-shadow: inset 0 -2px #b42318; }
a.mk.sev-warning { background: #fedf89; box-shadow: inset 0 -2px #b54708; }
a.mk.sev-info { background: #b2ddff; box-shadow: inset 0 -2px #175cd3; }
a.mk.related { background: none; box-shadow: none; border-bottom: 2px dotted #667085; }
sup.ref { font-size: 0.7em; font-weight: 700; margin-left: 1px; }
sup.ref a { text-decoration: none; color: #fff; border-radius: 6px; padding: 0 4px; }
sup.ref.sev-error a { background: #b42318; } sup.ref.sev-warning a { background: #b54708; }
sup.ref.sev-info a { background: #175cd3; }
ul.notes { list-style: none; margin: 2px 0 10px 6.5em; padding: 4px 8px; border-left: 3px solid #98a2b3;
  background: #f9fafb; font-size: 0.88em; }
ul.notes li { margin: 2px 0; }
ul.notes li > a { font-weight: 700; }
.doc .truncated { color: #667085; font-style: italic; }
@media print {
  a.mk, sup.ref a, ul.notes, .badge { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .doc .d-p, .doc .d-h, ul.notes li, table.d-t tr { break-inside: avoid; page-break-inside: avoid; }
}
"""
