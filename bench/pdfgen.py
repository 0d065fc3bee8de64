"""Test PDFs made from report texts: a text PDF laid out as an office would print the report, and
a "scan" of it (pages rasterised with a little noise and skew), for the PDF reader's tests and
its measurement (`bench/pdf_quality.py`).

    text_pdf(text)               -> bytes   # A4, DejaVu Serif, ruled tables with merged header cells
    text_pdf(text, ruled=False)  -> bytes   # the same with whitespace-aligned tables (no rules)
    scan_pdf(pdf, dpi=200)       -> bytes   # image-only PDF: rasterised, noise, skew ≤ 1°
    scan_images(pdf, dpi=200)    -> list of PIL images

The text is read with the project's own text reader (`read_text`) so that the PDF has the same
paragraphs and tables as the .txt: one paragraph per line of the text, tab-separated lines as
tables (header cells merged where the text leaves them empty, as `docx_from_text` does). Pages
carry a page number at the top (from page 2, as Vietnamese administrative documents do) and a
running footer, which the reader must drop. The header's "Số: …" and place/date lines are laid
side by side in two columns, as on a real report. Needs fpdf2 and Pillow (test dependencies) and
the DejaVu fonts (Debian's fonts-dejavu-core).
"""

from __future__ import annotations

import io
import random
import re
from pathlib import Path
from typing import Any

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"),
             Path("/usr/local/share/fonts/dejavu")]
FONT = "DejaVuSerif.ttf"
FONT_BOLD = "DejaVuSerif-Bold.ttf"
# the typefaces a test page may be set in (regular, bold): checks vary them so that the OCR is
# not tuned to one face's glyphs
FACES = {"serif": (FONT, FONT_BOLD), "sans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
         "condensed": ("DejaVuSerifCondensed.ttf", "DejaVuSerifCondensed-Bold.ttf")}


def font_path(name: str = FONT) -> Path | None:
    for d in FONT_DIRS:
        if (d / name).is_file():
            return d / name
    return None


def _blocks(text: str) -> list[tuple[str, Any]]:
    """("para", (text, bold)) and ("table", rows) in document order, as the text reader sees them."""
    from auditor.extract.document import Para
    from auditor.extract.text import read_text

    doc = read_text(text, markdown=True)
    out: list[tuple[str, Any]] = []
    for b in doc.blocks:
        if isinstance(b, Para):
            out.append(("para", (b.text, "**" in b.first.quote)))
        else:
            out.append(("table", [[c.s for c in row] for row in b.rows]))
    return out


def _merge_plan(rows: list[list[str]]) -> tuple[dict[tuple[int, int], tuple[int, int]], set[tuple[int, int]]]:
    """(rowspan, colspan) of the header cells to merge and the cells they cover, by the rules of
    `auditor.extract.quality._add_table`: a label whose right neighbours are empty while the rows
    below label them spans them; a first-row label with nothing below it spans the header rows."""
    from auditor.extract.tables import _is_data_row, _is_numrow

    width = len(rows[0])
    header = 0
    while header < len(rows) and not _is_data_row(rows[header]) and not _is_numrow(rows[header]):
        header += 1
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    for r in range(header):
        c = 0
        while c < width:
            if rows[r][c] and r + 1 < header and (r, c) not in covered:
                end = c
                while end + 1 < width and not rows[r][end + 1] and any(rows[rr][end + 1] for rr in range(r + 1, header)):
                    end += 1
                if end > c:
                    spans[(r, c)] = (1, end - c + 1)
                    covered.update((r, cc) for cc in range(c + 1, end + 1))
                c = end + 1
            else:
                c += 1
    for c in range(width):
        if rows[0][c] and header > 1 and not any(rows[rr][c] for rr in range(1, header)) and (0, c) not in spans:
            spans[(0, c)] = (header, 1)
            covered.update((rr, c) for rr in range(1, header))
    return spans, covered


_HEAD_NO = re.compile(r"^\s*Số\s*:", re.I)
_HEAD_PLACE = re.compile(r",\s*ngày\b", re.I)


class _Pdf:
    def __init__(self, footer: str | None, page_numbers: bool, size: float, face: str = "serif") -> None:
        from fpdf import FPDF

        regular, bold = (font_path(f) for f in FACES[face])
        if regular is None or bold is None:
            raise RuntimeError("DejaVu fonts not found (install fonts-dejavu-core)")
        footer_text, numbers = footer, page_numbers

        class Doc(FPDF):
            def header(self) -> None:  # noqa: D401 - fpdf2 hook
                if numbers and self.page_no() > 1:
                    self.set_font("serif", "", size - 1)
                    self.set_y(10)
                    self.cell(0, 6, str(self.page_no()), align="C")
                    self.set_y(self.t_margin)

            def footer(self) -> None:
                if footer_text:
                    self.set_y(-14)
                    self.set_font("serif", "", size - 3)
                    self.cell(0, 5, f"{footer_text} - Trang {self.page_no()}", align="R")

        self.pdf = Doc(format="A4", unit="mm")
        self.pdf.add_font("serif", "", str(regular))
        self.pdf.add_font("serif", "B", str(bold))
        self.pdf.set_margins(30, 20, 15)
        self.pdf.set_auto_page_break(True, 20)
        self.pdf.add_page()
        self.size = size


def text_pdf(text: str, *, ruled: bool = True, footer: str | None = "Báo cáo thi đua, khen thưởng",
             page_numbers: bool = True, size: float = 12.0, two_column_head: bool = True,
             face: str = "serif") -> bytes:
    """A text PDF of a report text (see the module docstring); `face` one of FACES."""
    w = _Pdf(footer, page_numbers, size, face)
    pdf = w.pdf
    blocks = _blocks(text)
    lh = size * 0.3528 * 1.3  # line height in mm
    i = 0
    seen_title = False
    while i < len(blocks):
        kind, val = blocks[i]
        if kind == "para":
            body, bold = val
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if two_column_head and _HEAD_NO.match(body) and nxt and nxt[0] == "para" and _HEAD_PLACE.search(nxt[1][0]):
                # “Số: …/BC-UBND” on the left, “X, ngày … năm …” on the right, on one line
                pdf.set_font("serif", "", size)
                y = pdf.get_y()
                half = (pdf.w - pdf.l_margin - pdf.r_margin) / 2
                pdf.set_xy(pdf.l_margin, y)
                pdf.multi_cell(half - 20, lh, body, align="C")
                y_left = pdf.get_y()
                pdf.set_xy(pdf.l_margin + half - 10, y)
                pdf.multi_cell(half + 10, lh, nxt[1][0], align="C")
                pdf.set_y(max(y_left, pdf.get_y()) + 2)
                i += 2
                continue
            centred = (body.isupper() and len(body) < 90) or (seen_title is False and body.startswith("BÁO CÁO"))
            pdf.set_font("serif", "B" if bold or centred else "", size)
            if centred:
                pdf.multi_cell(0, lh, body, align="C")
                seen_title = seen_title or body.startswith("BÁO CÁO")
            else:
                pdf.set_x(pdf.l_margin)
                # first-line indent as Word prints it: one paragraph, justified
                pdf.multi_cell(0, lh, "      " + body if not re.match(r"^[-+•]", body) else body, align="J")
            pdf.ln(1.5)
        else:
            _table(pdf, val, ruled, size)
            pdf.ln(2)
        i += 1
    return bytes(pdf.output())


def _table(pdf: Any, rows: list[list[str]], ruled: bool, size: float) -> None:
    from fpdf.enums import TableBordersLayout

    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    spans, covered = _merge_plan(rows)
    total = pdf.w - pdf.l_margin - pdf.r_margin
    cs = size - 2 if width > 6 else size - 1
    pad = 2.4 if ruled else 2.4 + 2.5  # cell padding, and the gutter between unruled columns
    while True:
        # every word fits its column (a number is never wrapped inside); the rest of the width
        # goes to the columns with more text
        pdf.set_font("serif", "", cs)
        low = [max((pdf.get_string_width(x) for r in rows for x in r[c].split()), default=2) + pad
               for c in range(width)]
        if sum(low) <= total or cs <= 6:
            break
        cs -= 0.5
    avg = [sum(len(r[c]) for r in rows) / len(rows) + 1 for c in range(width)]
    spare = max(0.0, total - sum(low))
    cw = [lo + spare * a / sum(avg) for lo, a in zip(low, avg)]
    layout = TableBordersLayout.ALL if ruled else TableBordersLayout.NONE
    with pdf.table(col_widths=cw, borders_layout=layout, num_heading_rows=0, first_row_as_headings=False,
                   line_height=cs * 0.3528 * 1.25, text_align="LEFT", padding=0.8,
                   gutter_width=0 if ruled else 2.5, v_align="MIDDLE" if ruled else "TOP") as t:
        for r, row in enumerate(rows):
            tr = t.row()
            for c, val in enumerate(row):
                if (r, c) in covered:
                    continue
                rs, csp = spans.get((r, c), (1, 1))
                tr.cell(val, rowspan=rs, colspan=csp,
                        align="R" if re.fullmatch(r"[\d.,%\s-]+", val or "x") else "L")


# ---------------------------------------------------------------------------- scans

def scan_images(pdf: bytes, *, dpi: int = 200, noise: float = 0.04, max_skew: float = 1.0,
                seed: int = 0) -> list[Any]:
    """Pages of a PDF as a scanner would give them: grey, at `dpi`, rotated by up to
    `max_skew` degrees, with salt-and-pepper noise on a fraction `noise` of the ink and a
    light blur."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter

    rnd = random.Random(seed)
    out = []
    doc = pdfium.PdfDocument(pdf)
    try:
        for page in doc:
            img = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            angle = rnd.uniform(-max_skew, max_skew)
            img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
            img = img.filter(ImageFilter.GaussianBlur(0.5))
            img = _speckle(img, noise, rnd)
            out.append(img)
    finally:
        doc.close()
    return out


def _speckle(img: Any, amount: float, rnd: random.Random) -> Any:
    """Salt-and-pepper noise: a few dark specks on the paper and pale specks in the ink, and a
    slightly uneven background."""
    import numpy as np
    from PIL import Image

    a = np.asarray(img, dtype=np.int16).copy()
    g = np.random.default_rng(rnd.randrange(1 << 30))
    a += g.normal(0, 6, a.shape).astype(np.int16)          # sensor noise
    n = int(a.size * amount * 0.02)
    ys, xs = g.integers(0, a.shape[0], n), g.integers(0, a.shape[1], n)
    a[ys, xs] = g.integers(0, 120, n)                        # dust
    ys, xs = g.integers(0, a.shape[0], n), g.integers(0, a.shape[1], n)
    a[ys, xs] = 255                                          # paler ink
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L")


def scan_pdf(pdf: bytes, **kw: Any) -> bytes:
    """An image-only PDF (no text layer) of the scanned pages."""
    imgs = scan_images(pdf, **kw)
    dpi = kw.get("dpi", 200)
    buf = io.BytesIO()
    imgs[0].save(buf, "PDF", save_all=True, append_images=imgs[1:], resolution=dpi)
    return buf.getvalue()
