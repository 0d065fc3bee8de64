"""What is on each page of a PDF printed by Chromium (for the printable-report tests).

`pages(pdf)` gives, per page: the number of characters, how far down the page the text goes
(the bottom of the lowest character, as a fraction of the page height from the top), and the
tallest run of pixel rows painted in one light colour across most of the page width (a box
stretched over an empty page, as Chromium drew a heading with `break-after: avoid` before a
finding that did not fit). Uses pypdfium2 (PDFium, the engine of Chromium's own viewer)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Page:
    chars: int
    text_bottom: float   # 0 = top of the page, 1 = bottom
    tinted_run: float    # tallest block of rows filled with one non-white colour, as a fraction of the height
    text: str


def pages(data: bytes, scale: float = 0.35) -> list[Page]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    out = []
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            width, height = page.get_size()
            tp = page.get_textpage()
            n = tp.count_chars()
            lowest = 0.0
            for k in range(n):
                left, bottom, right, top = tp.get_charbox(k)
                if right > left and top > bottom:  # a visible glyph (spaces have empty boxes)
                    lowest = max(lowest, (height - bottom) / height)
            text = tp.get_text_range()
            out.append(Page(n, lowest, _tinted_run(page, scale), text))
    finally:
        pdf.close()
    return out


def _tinted_run(page: object, scale: float) -> float:
    bitmap = page.render(scale=scale)  # type: ignore[attr-defined]
    w, h, stride = bitmap.width, bitmap.height, bitmap.stride
    buf = bytes(bitmap.buffer)
    n_channels = bitmap.n_channels
    best = run = 0
    for y in range(h):
        row = buf[y * stride: y * stride + w * n_channels]
        # the colour that fills the middle of the row, and how much of the row it fills
        mid = row[(w // 2) * n_channels:(w // 2) * n_channels + 3]
        light_tint = min(mid) >= 200 and max(mid) < 252  # not white, not ink: a background
        if light_tint:
            same = sum(1 for x in range(0, w * n_channels, n_channels * 4) if row[x:x + 3] == mid)
            light_tint = same >= 0.6 * (w / 4)
        run = run + 1 if light_tint else 0
        best = max(best, run)
    return best / h
