"""Plain text and Markdown reports (often a conversion of a .docx) → `Document`.

What conversions leave behind and how it is undone (every character keeps its offset in the
original line, so a number found in the cleaned text still points at the original):

* Markdown: **bold**, *italic*, `# headings`, `\\.` escapes, [links](…), pipe tables;
* LaTeX: “$3.222/3.353 = 96,1\\%$” → “3.222/3.353 = 96,1%”, \\times, \\frac{a}{b}, {,};
* HTML: “m<sup>2</sup>” → “m²”, <br>, <http://…>, &nbsp; and other entities, stray tags;
* tab-separated lines (Word tables pasted as text) → a table, one cell per tab;
* decomposed (NFD) Vietnamese → NFC; no-break and thin spaces → spaces.
"""

from __future__ import annotations

import html
import re

from auditor.extract.document import Cell, Document, MappedText, Origin, Para, TableBlock, nfc

_SUP = str.maketrans("0123456789+-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻")
_RX = {
    "spaces": re.compile(r"[\u00a0\u202f\u2009\u2007\u200b\ufeff]"),
    "sup": re.compile(r"<sup>\s*([^<]{1,8}?)\s*</sup>", re.I),
    "sub": re.compile(r"<sub>\s*([^<]{1,8}?)\s*</sub>", re.I),
    "br": re.compile(r"<br\s*/?>", re.I),
    "autolink": re.compile(r"<((?:https?|ftp)://[^>\s]+|[\w.+-]+@[\w-]+\.[\w.]+)>"),
    "tag": re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>"),
    "entity": re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,5}|#x[0-9a-fA-F]{2,4});"),
    "latex_math": re.compile(r"\$\$?([^$\n]{1,400}?)\$\$?"),
    "latex_pct": re.compile(r"\\%"),
    "latex_frac": re.compile(r"\\[dt]?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}"),
    "latex_times": re.compile(r"\\(?:times|cdot)\b\s*"),
    "latex_text": re.compile(r"\\(?:text|mathrm|textbf|mathbf)\s*\{([^{}]*)\}"),
    "latex_brace_comma": re.compile(r"\{([,.])\}"),
    "latex_space": re.compile(r"\\[,;: !]|~"),
    "latex_approx": re.compile(r"\\approx\b\s*"),
    "md_bold": re.compile(r"\*\*|__(?=\S)|(?<=\S)__"),
    "md_italic": re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]{1,300}?)(?<=[^\s*])\*(?![\w*])"),
    "md_heading": re.compile(r"^\s{0,3}(#{1,6})\s+"),
    "md_bullet": re.compile(r"^(\s*)[*•●▪◦·]\s+"),
    "md_escape": re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~<>=])"),
    "md_link": re.compile(r"\[([^\]\n]{1,300})\]\(([^)\s]{1,500})\)"),
    "md_code": re.compile(r"`([^`\n]{1,200})`"),
    "multi_space": re.compile(r"[ \t]{2,}"),
}


def clean(mt: MappedText, *, markdown: bool = True) -> tuple[MappedText, int | None]:
    """Normalise one line (or cell). Returns the cleaned text and a Markdown heading level."""
    mt = nfc(mt)
    mt = mt.sub(_RX["spaces"], " ")
    level = None
    if markdown:
        m = _RX["md_heading"].match(mt.text)
        if m:
            level = len(m.group(1))
            mt = mt.sub(_RX["md_heading"], "")
    # HTML remnants
    mt = mt.sub(_RX["sup"], lambda m: m.group(1).translate(_SUP) if re.fullmatch(r"[0-9+-]+", m.group(1)) else m.group(1))
    mt = mt.sub(_RX["sub"], r"\1")
    mt = mt.sub(_RX["br"], " ")
    mt = mt.sub(_RX["autolink"], r"\1")
    mt = mt.sub(_RX["tag"], "")
    mt = mt.sub(_RX["entity"], lambda m: html.unescape(m.group(0)).replace("\u00a0", " "))
    # LaTeX remnants
    mt = mt.sub(_RX["latex_math"], r"\1")
    mt = mt.sub(_RX["latex_frac"], lambda m: f"{m.group(1)}/{m.group(2)}")
    mt = mt.sub(_RX["latex_text"], r"\1")
    mt = mt.sub(_RX["latex_pct"], "%")
    mt = mt.sub(_RX["latex_times"], "× ")
    mt = mt.sub(_RX["latex_approx"], "≈ ")
    mt = mt.sub(_RX["latex_brace_comma"], r"\1")
    mt = mt.sub(_RX["latex_space"], " ")
    if markdown:
        mt = mt.sub(_RX["md_link"], r"\1")
        mt = mt.sub(_RX["md_code"], r"\1")
        mt = mt.sub(_RX["md_bold"], "")
        mt = mt.sub(_RX["md_italic"], r"\1")
        mt = mt.sub(_RX["md_bullet"], r"\1- ")
        mt = mt.sub(_RX["md_escape"], r"\1")
    mt = mt.sub(_RX["multi_space"], " ")
    return mt.strip(), level


_PIPE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def _split_cells(raw: str) -> list[tuple[str, int]] | None:
    """Cells of a table row with their offsets in the line, or None if the line is not a row."""
    if "\t" in raw:
        cells, pos = [], 0
        for part in raw.split("\t"):
            cells.append((part, pos))
            pos += len(part) + 1
        return cells
    s = raw.strip()
    if s.startswith("|") and s.endswith("|") and s.count("|") >= 3:
        start = raw.index("|") + 1
        body = raw[start:raw.rindex("|")]
        cells, pos = [], start
        for part in body.split("|"):
            cells.append((part, pos))
            pos += len(part) + 1
        return cells
    return None


def _numeric(s: str) -> bool:
    return bool(re.fullmatch(r"[\d.,%\s]+", s.strip())) and any(c.isdigit() for c in s)


def looks_like_header(cells: list[str]) -> bool:
    first = cells[0].strip().lower() if cells else ""
    if first in ("tt", "stt", "số tt", "số thứ tự"):
        return True
    nonempty = [c for c in cells if c.strip()]
    return bool(nonempty) and not any(_numeric(c) for c in nonempty) and len(nonempty) >= 3


def read_text(text: str, *, markdown: bool, name: str = "") -> Document:
    doc = Document(kind="markdown" if markdown else "text", name=name)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    table_no = 0
    current: TableBlock | None = None
    blank_run = 0
    for i, raw in enumerate(lines, start=1):
        if _PIPE_SEP.match(raw) and current is not None:
            continue
        cells = _split_cells(raw)
        if cells is not None and sum(1 for c, _ in cells if c.strip()) >= 1 and len(cells) >= 2:
            texts = [c for c, _ in cells]
            start_new = current is None or (blank_run > 0 and looks_like_header(texts))
            if start_new:
                table_no += 1
                current = TableBlock(rows=[], number=table_no, explicit_spans=False)
                doc.blocks.append(current)
            row_no = len(current.rows) + 1
            row: list[Cell] = []
            for col, (c, _off) in enumerate(cells, start=1):
                origin = Origin(quote=c, line=i, table=current.number, row=row_no, column=col)
                mt, _ = clean(MappedText.of(c, origin), markdown=markdown)
                row.append(Cell(mt))
            current.rows.append(row)
            blank_run = 0
            continue
        if not raw.strip():
            blank_run += 1
            if current is not None and blank_run > 1:
                current = None
            continue
        if current is not None:
            current = None
        blank_run = 0
        origin = Origin(quote=raw, line=i)
        mt, level = clean(MappedText.of(raw, origin), markdown=markdown)
        if not mt.text:
            continue
        doc.blocks.append(Para([mt], level=level))
    for k, b in enumerate(doc.blocks):
        b.index = k
    return doc
