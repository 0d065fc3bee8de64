"""PDF reports (and scanned pages, and images) → the intermediate `Document`.

A page with a text layer is read with pypdfium2 (PDFium, the engine of Chrome's viewer): every
character with its box, grouped into words, and the ruling lines drawn on the page (the path
objects), so tables are recovered as tables. A page without a text layer — a scan — is rendered
by PDFium and read by Tesseract (`ocr.py`). Both go through `pagelayout.build_document`, whose
`Document` is read by the same text reader as a .docx or a .txt.

Limits (each a clear input finding, never a traceback): 50 MB per file, 300 pages, 40 megapixels
per page image. A corrupt or password-protected PDF is an input finding too.
pypdfium2 is imported here only, when a PDF is read.
"""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass, field
from typing import Any

from auditor.extract.pagelayout import Page, Rule, Word
from auditor.read.sniff import Problem

MAX_BYTES = 50 * 1024 * 1024
MAX_PAGES = 300
MAX_PIXELS = 40_000_000
OCR_DPI = 300

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg")


def too_big(size: int) -> Problem:
    mb = size / 1024 / 1024
    return Problem("INP005",
                   f"Tệp quá lớn ({mb:.0f} MB; giới hạn {MAX_BYTES // 1024 // 1024} MB). Hãy gửi tệp .docx của báo cáo, "
                   "hoặc chia PDF thành các phần nhỏ hơn (hoặc quét lại ở độ phân giải 200–300 dpi, đen trắng).",
                   f"The file is too large ({mb:.0f} MB; the limit is {MAX_BYTES // 1024 // 1024} MB). Send the "
                   "report's .docx, or split the PDF into smaller parts (or scan it again at 200–300 dpi, black and "
                   "white).", "too_big")


def too_many_pages(n: int) -> Problem:
    return Problem("INP005",
                   f"PDF có {n} trang, vượt giới hạn {MAX_PAGES} trang. Hãy tách phần báo cáo ra tệp riêng (các phụ lục "
                   "dài có thể kiểm tra riêng).",
                   f"The PDF has {n} pages, over the limit of {MAX_PAGES}. Split the report into a file of its own "
                   "(long appendices can be checked separately).", "too_many_pages")


CORRUPT_PDF = Problem("INP005",
                      "Tệp PDF bị hỏng, không mở được. Hãy tải lại tệp từ cổng thông tin hoặc xin đơn vị gửi lại; nếu có "
                      "bản Word (.docx), hãy kiểm tra bản đó.",
                      "The PDF is corrupt and cannot be opened. Download it again from the portal or ask for the file "
                      "again; if there is a Word version (.docx), check that instead.", "pdf_corrupt")
ENCRYPTED_PDF = Problem("INP005",
                        "Tệp PDF được đặt mật khẩu nên không đọc được. Hãy mở bằng trình đọc PDF có mật khẩu, in hoặc lưu "
                        "lại thành PDF không mật khẩu, rồi kiểm tra lại.",
                        "The PDF is password-protected and cannot be read. Open it with the password, print or save it "
                        "as a PDF without a password, and check it again.", "pdf_encrypted")
NO_TEXT = Problem("INP005",
                  "Không đọc được chữ nào trong tệp (trang trắng, hoặc ảnh quá mờ để nhận dạng). Hãy quét lại rõ hơn "
                  "(200–300 dpi) hoặc gửi tệp .docx.",
                  "No text could be read from the file (blank pages, or images too blurred to recognise). Scan it "
                  "again more clearly (200–300 dpi) or send the .docx.", "no_text")
LEGACY_PDF = Problem("INP005",
                     "PDF được tạo từ văn bản dùng phông chữ tiếng Việt cũ (TCVN3/ABC như .VnTime, hoặc VNI), nên lớp "
                     "chữ của PDF không phải Unicode (ví dụ “Tæng kÕt” thay cho “Tổng kết”). Hãy dùng tệp Word gốc, "
                     "chuyển mã sang Unicode bằng Unikey (Ctrl+Shift+F6, bảng mã nguồn TCVN3 hoặc VNI, đích Unicode), "
                     "rồi kiểm tra tệp đó.",
                     "The PDF was made from a document in a legacy Vietnamese font (TCVN3/ABC such as .VnTime, or VNI), "
                     "so its text layer is not Unicode (e.g. “Tæng kÕt” for “Tổng kết”). Use the original Word file, "
                     "convert it to Unicode with Unikey (Ctrl+Shift+F6, source TCVN3 or VNI, target Unicode), and "
                     "check that file.", "legacy")


@dataclass
class PdfRead:
    pages: list[Page] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    ocr_pages: int = 0
    notices: list[Problem] = field(default_factory=list)   # not fatal: said, and the run goes on


# ---------------------------------------------------------------------------- reading

def read_pdf(data: bytes) -> PdfRead:
    """Pages of a PDF as positioned words and rules, OCR'd where there is no text layer."""
    import pypdfium2 as pdfium

    out = PdfRead()
    if len(data) > MAX_BYTES:
        out.problems.append(too_big(len(data)))
        return out
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        out.problems.append(ENCRYPTED_PDF if getattr(e, "err_code", None) == 4 else CORRUPT_PDF)
        return out
    try:
        n = len(doc)
        if n == 0:
            out.problems.append(CORRUPT_PDF)
            return out
        if n > MAX_PAGES:
            out.problems.append(too_many_pages(n))
            return out
        scans: list[int] = []
        for i in range(n):
            page = doc[i]
            try:
                p, is_scan = _read_page(page, i + 1)
            finally:
                page.close()
            out.pages.append(p)
            if is_scan:
                scans.append(i)
        if scans:
            from auditor.extract import ocr

            problem = ocr.missing_tesseract()
            if problem is not None:
                if len(scans) == n:
                    out.problems.append(problem)
                    return out
                out.notices.append(ocr.some_pages_not_read(problem, [i + 1 for i in scans]))
            else:
                # pages are rendered here, one at a time (PDFium is not thread-safe), and read
                # by Tesseract in worker threads
                renders = ((i, *_render(doc, i)) for i in scans)
                dpi_of: dict[int, int] = {}

                def feed():  # noqa: ANN202 - a generator of (index, image, dpi)
                    for i, img, dpi in renders:
                        dpi_of[i] = dpi
                        yield i, img, dpi

                for i, (words, rules) in ocr.ocr_stream(feed()):
                    scale = 72 / dpi_of[i]
                    out.pages[i] = Page(i + 1, out.pages[i].width, out.pages[i].height,
                                        [ocr.scaled_word(w, scale) for w in words],
                                        [Rule(r.x0 * scale, r.y0 * scale, r.x1 * scale, r.y1 * scale) for r in rules],
                                        ocr=True)
                out.ocr_pages = len(scans)
    finally:
        doc.close()
    return out


def _render(doc: Any, i: int) -> tuple[Any, int]:
    """Page i as a greyscale PIL image at OCR_DPI (less for a page so large that the image
    would pass MAX_PIXELS)."""
    page = doc[i]
    try:
        w, h = page.get_size()
        dpi = OCR_DPI
        while (w * dpi / 72) * (h * dpi / 72) > MAX_PIXELS and dpi > 72:
            dpi -= 25
        img = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    finally:
        page.close()
    return img, dpi


def _read_page(page: Any, number: int) -> tuple[Page, bool]:
    """Words and rules of a page's text layer; True when the page is a scan (no usable text)."""
    import pypdfium2.raw as c

    w, h = page.get_size()
    rot = page.get_rotation() % 360
    tf = _transform(rot, w, h)
    dw, dh = (h, w) if rot in (90, 270) else (w, h)
    tp = page.get_textpage()
    try:
        words = _words(tp, c, tf)
    finally:
        tp.close()
    rules = _rules(page, c, tf)
    chars = sum(len(x.text) for x in words)
    is_scan = chars < 20 or (chars < 200 and _image_coverage(page, c) >= 0.5)
    return Page(number, dw, dh, [] if is_scan else words, [] if is_scan else rules), is_scan


def _transform(rot: int, w: float, h: float):  # noqa: ANN202 - a small closure
    """PDF user space (y up) → the displayed page, origin top left, y down."""
    if rot == 90:
        return lambda x, y: (y, x)
    if rot == 180:
        return lambda x, y: (w - x, y)
    if rot == 270:
        return lambda x, y: (h - y, w - x)
    return lambda x, y: (x, h - y)


_SPACE = {0x20, 0x09, 0x0A, 0x0D, 0xA0, 0x2002, 0x2003, 0x2009, 0x200B, 0x3000}


def _words(tp: Any, c: Any, tf: Any) -> list[Word]:
    n = c.FPDFText_CountChars(tp.raw)
    raw = tp.raw
    rect = c.FS_RECTF()
    words: list[Word] = []
    cur: list[str] = []
    box = [0.0, 0.0, 0.0, 0.0]

    def flush() -> None:
        if cur:
            words.append(Word("".join(cur), box[0], box[1], box[2], box[3]))
            cur.clear()

    for i in range(n):
        u = c.FPDFText_GetUnicode(raw, i)
        if u in _SPACE or u == 0 or u == 0xFFFE or c.FPDFText_IsGenerated(raw, i) == 1 and u != 0x02:
            flush()
            continue
        if u == 0xAD:  # a soft hyphen inside a word is not printed
            continue
        ch = "-" if u == 0x02 else chr(u)  # PDFium marks a hyphen at a line end with 0x02
        if not c.FPDFText_GetLooseCharBox(raw, i, rect):
            continue
        ax, ay = tf(rect.left, rect.top)
        bx, by = tf(rect.right, rect.bottom)
        x0, x1 = min(ax, bx), max(ax, bx)
        y0, y1 = min(ay, by), max(ay, by)
        if cur:
            hgt = max(box[3] - box[1], 1.0)
            if x0 - box[2] > 0.22 * hgt or abs((y0 + y1) / 2 - (box[1] + box[3]) / 2) > 0.5 * hgt or x1 < box[0]:
                flush()
        if not cur:
            box[:] = [x0, y0, x1, y1]
        else:
            box[:] = [min(box[0], x0), min(box[1], y0), max(box[2], x1), max(box[3], y1)]
        cur.append(ch)
    flush()
    return words


def _rules(page: Any, c: Any, tf: Any) -> list[Rule]:
    """Horizontal and vertical lines drawn on the page: stroked path segments, and filled
    rectangles thin enough to be a line."""
    out: list[Rule] = []
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    px, py = ctypes.c_float(), ctypes.c_float()
    for obj in page.get_objects(filter=[c.FPDF_PAGEOBJ_PATH], max_depth=2):
        l, b, r, t = obj.get_bounds()
        (ax, ay), (bx, by) = tf(l, t), tf(r, b)
        x0, x1, y0, y1 = min(ax, bx), max(ax, bx), min(ay, by), max(ay, by)
        if (x1 - x0 <= 3 and y1 - y0 >= 4) or (y1 - y0 <= 3 and x1 - x0 >= 4):
            out.append(_thin(x0, y0, x1, y1))
            continue
        c.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(fill), ctypes.byref(stroke))
        if not stroke.value:
            continue
        m = obj.get_matrix()
        nseg = c.FPDFPath_CountSegments(obj.raw)
        if nseg > 2000:
            continue
        pts: list[tuple[float, float]] = []
        start: tuple[float, float] | None = None
        for k in range(nseg):
            seg = c.FPDFPath_GetPathSegment(obj.raw, k)
            c.FPDFPathSegment_GetPoint(seg, ctypes.byref(px), ctypes.byref(py))
            x = m.a * px.value + m.c * py.value + m.e
            y = m.b * px.value + m.d * py.value + m.f
            p = tf(x, y)
            kind = c.FPDFPathSegment_GetType(seg)
            if kind == c.FPDF_SEGMENT_MOVETO:
                start = p
            elif kind == c.FPDF_SEGMENT_LINETO and pts:
                _segment(out, pts[-1], p)
            if c.FPDFPathSegment_GetClose(seg) and start is not None:
                _segment(out, p, start)
            pts.append(p)
    return out


def _thin(x0: float, y0: float, x1: float, y1: float) -> Rule:
    if x1 - x0 >= y1 - y0:
        y = (y0 + y1) / 2
        return Rule(x0, y, x1, y)
    x = (x0 + x1) / 2
    return Rule(x, y0, x, y1)


def _segment(out: list[Rule], a: tuple[float, float], b: tuple[float, float]) -> None:
    (ax, ay), (bx, by) = a, b
    if abs(ay - by) <= 1 and abs(ax - bx) >= 4:
        out.append(Rule(min(ax, bx), (ay + by) / 2, max(ax, bx), (ay + by) / 2))
    elif abs(ax - bx) <= 1 and abs(ay - by) >= 4:
        out.append(Rule((ax + bx) / 2, min(ay, by), (ax + bx) / 2, max(ay, by)))


def _image_coverage(page: Any, c: Any) -> float:
    w, h = page.get_size()
    area = 0.0
    for obj in page.get_objects(filter=[c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        l, b, r, t = obj.get_bounds()
        area += max(0.0, r - l) * max(0.0, t - b)
    return area / (w * h) if w * h else 0.0


# ---------------------------------------------------------------------------- images

def read_image(data: bytes) -> PdfRead:
    """A .png/.jpg page (a photo or a scan of one page): OCR."""
    from auditor.extract import ocr

    out = PdfRead()
    if len(data) > MAX_BYTES:
        out.problems.append(too_big(len(data)))
        return out
    problem = ocr.missing_tesseract()
    if problem is not None:
        out.problems.append(problem)
        return out
    img, prob = ocr.open_image(data, MAX_PIXELS)
    if prob is not None:
        out.problems.append(prob)
        return out
    dpi = ocr.image_dpi(img)
    [(words, rules)] = ocr.read_images([img], [dpi])
    scale = 72 / dpi
    out.pages.append(Page(1, img.width * scale, img.height * scale, [ocr.scaled_word(w, scale) for w in words],
                          [Rule(r.x0 * scale, r.y0 * scale, r.x1 * scale, r.y1 * scale) for r in rules], ocr=True))
    out.ocr_pages = 1
    return out


def page_text(pages: list[Page]) -> str:
    return "\n".join(" ".join(w.text for w in p.words) for p in pages)


def is_pdf(data: bytes) -> bool:
    return data.lstrip()[:5] == b"%PDF-"


_IMG_MAGIC = re.compile(rb"^(\x89PNG\r\n\x1a\n|\xff\xd8\xff)")


def is_image(data: bytes) -> bool:
    return bool(_IMG_MAGIC.match(data[:8]))
