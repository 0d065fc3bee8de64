"""OCR of scanned pages and images with Tesseract and its Vietnamese model.

Each page image is straightened (its skew, up to a few degrees, found from the horizontal
projection profile), its ruling lines are found in the pixels (long horizontal and vertical
runs of ink) and erased before recognition, and Tesseract (`tesseract … -l vie tsv`, one process
per page, two pages at a time on two cores) gives every word with its box and confidence. Words
with a digit keep a small picture of their place (a PNG data URI) so a reader can check what was
read. The words and rules go to `pagelayout` like a text PDF's.

Tesseract is a program, not a Python package: when it (or its Vietnamese model) is missing, the
input finding says what to install.
"""

from __future__ import annotations

import base64
import io
import os
import re
import shutil
import subprocess
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from functools import lru_cache
from typing import Any

from auditor.extract.pagelayout import Rule, Word
from auditor.read.sniff import Problem

LANG = "vie"
TIMEOUT = 120          # seconds per page


def _install_text() -> tuple[str, str]:
    vi = ("Cài Tesseract và gói tiếng Việt: trên Debian/Ubuntu `sudo apt-get install tesseract-ocr "
          "tesseract-ocr-vie`; trên Windows dùng bộ cài Tesseract của UB Mannheim và chọn thêm ngôn ngữ "
          "“Vietnamese”, rồi thêm thư mục cài đặt vào PATH; trên macOS `brew install tesseract tesseract-lang`.")
    en = ("Install Tesseract and its Vietnamese model: on Debian/Ubuntu `sudo apt-get install tesseract-ocr "
          "tesseract-ocr-vie`; on Windows use the UB Mannheim Tesseract installer with the additional language "
          "“Vietnamese” and add its folder to PATH; on macOS `brew install tesseract tesseract-lang`.")
    return vi, en


@lru_cache(maxsize=1)
def _languages() -> tuple[str, ...] | None:
    exe = shutil.which("tesseract")
    if exe is None:
        return None
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return tuple(x.strip() for x in (out.stdout + out.stderr).splitlines()[1:] if x.strip())


def missing_tesseract() -> Problem | None:
    """None when Tesseract with the Vietnamese model can run, else the finding saying what to
    install."""
    langs = _languages()
    vi, en = _install_text()
    if langs is None:
        return Problem("INP005",
                       "Tệp là bản quét (ảnh, không có lớp chữ) nên cần nhận dạng chữ (OCR), nhưng máy chưa cài "
                       "Tesseract. " + vi + " Hoặc gửi tệp .docx của báo cáo.",
                       "The file is a scan (images without a text layer), which needs OCR, but Tesseract is not "
                       "installed. " + en + " Or send the report's .docx.", "no_tesseract")
    if LANG not in langs:
        return Problem("INP005",
                       "Tệp là bản quét cần nhận dạng chữ (OCR); Tesseract đã cài nhưng thiếu gói tiếng Việt (vie). "
                       + vi,
                       "The file is a scan that needs OCR; Tesseract is installed but its Vietnamese model (vie) is "
                       "missing. " + en, "no_tesseract_vie")
    return None


def some_pages_not_read(p: Problem, pages: list[int]) -> Problem:
    listed = ", ".join(str(x) for x in pages[:20]) + (" …" if len(pages) > 20 else "")
    return Problem("INP005",
                   f"Các trang {listed} là ảnh quét, chưa đọc được vì thiếu OCR; chỉ các trang có lớp chữ được kiểm "
                   f"tra. {p.vi}",
                   f"Pages {listed} are scanned images and were not read (no OCR); only the pages with a text layer "
                   f"were checked. {p.en}", "pages_not_read")


def open_image(data: bytes, max_pixels: int) -> tuple[Any, Problem | None]:
    """A page image (PNG, JPEG), upright, grey; or the finding saying why not."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        img = Image.open(io.BytesIO(data))
        w, h = img.size
        if w * h > max_pixels:
            return None, Problem(
                "INP005",
                f"Ảnh quá lớn ({w}×{h} điểm ảnh, {w * h / 1e6:.0f} megapixel; giới hạn {max_pixels // 1_000_000} "
                "megapixel). Hãy quét hoặc chụp lại ở 200–300 dpi (khổ A4 khoảng 2500×3500 điểm ảnh).",
                f"The image is too large ({w}×{h} pixels, {w * h / 1e6:.0f} megapixels; the limit is "
                f"{max_pixels // 1_000_000}). Scan or photograph it again at 200–300 dpi (an A4 page is about "
                "2500×3500 pixels).", "image_too_big")
        img = ImageOps.exif_transpose(img)
        img.load()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as e:
        return None, Problem("INP005",
                             f"Không mở được ảnh ({type(e).__name__}). Hãy lưu lại ảnh dạng PNG hoặc JPEG.",
                             f"The image cannot be opened ({type(e).__name__}). Save it again as PNG or JPEG.",
                             "image_corrupt")
    return img.convert("L"), None


def image_dpi(img: Any) -> int:
    """The image's resolution: as recorded in the file, else as if it were an A4 page."""
    dpi = img.info.get("dpi")
    if dpi and dpi[0] and 72 <= float(dpi[0]) <= 1200:
        return int(round(float(dpi[0])))
    return max(100, min(600, int(max(img.size) / 11.69)))


def scaled_word(w: Word, scale: float) -> Word:
    return Word(w.text, w.x0 * scale, w.y0 * scale, w.x1 * scale, w.y1 * scale, w.crop)


# ---------------------------------------------------------------------------- one page

def read_images(images: list[Any], dpis: list[int] | None = None) -> list[tuple[list[Word], list[Rule]]]:
    """Words and rules (pixel coordinates) of each image, in order."""
    items = list(zip(range(len(images)), images, dpis or [0] * len(images)))
    got = dict(ocr_stream(items))
    return [got[i] for i in range(len(images))]


def ocr_stream(items: Iterable[tuple[Any, Any, int]], workers: int | None = None
               ) -> Iterator[tuple[Any, tuple[list[Word], list[Rule]]]]:
    """(key, image, dpi) → (key, (words, rules)), at most two pages in flight per worker so that a
    300-page scan does not hold every page image at once."""
    workers = workers or max(1, min(4, os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        pending: list[tuple[Any, Future]] = []
        for key, img, dpi in items:
            pending.append((key, pool.submit(read_page_image, img, dpi)))
            while len(pending) >= 2 * workers:
                k, fut = pending.pop(0)
                yield k, fut.result()
        for k, fut in pending:
            yield k, fut.result()


def read_page_image(img: Any, dpi: int = 0) -> tuple[list[Word], list[Rule]]:
    """Straighten, find and erase the rules, OCR. Coordinates are pixels of the straightened
    image."""
    import numpy as np
    from PIL import Image, ImageFilter

    dpi = dpi or image_dpi(img)
    img = img.filter(ImageFilter.MedianFilter(3))   # specks of dust and paper grain
    angle = skew_angle(img)
    if abs(angle) >= 0.05:
        img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    a = np.asarray(img)
    ink = a < 140
    rules, mask = find_rules(ink)
    clean = a.copy()
    clean[mask] = 255
    words = tesseract_words(Image.fromarray(clean), dpi)
    for w in words:
        if any(ch.isdigit() for ch in w.text):
            w.crop = crop_uri(img, w)
    return words, rules


def skew_angle(img: Any, limit: float = 3.0, step: float = 0.1) -> float:
    """The rotation (degrees, counter-clockwise as PIL's rotate) that makes the text lines
    horizontal: the angle whose horizontal projection profile is the sharpest."""
    import numpy as np
    from PIL import Image

    small = img.copy()
    small.thumbnail((900, 900))
    base = small.point(lambda v: 255 if v < 140 else 0)

    def score(ang: float) -> float:
        r = np.asarray(base.rotate(ang, resample=Image.NEAREST, expand=False, fillcolor=0), dtype=np.float64)
        return float(np.square(np.diff(r.sum(axis=1))).sum())

    # coarse, then fine around the best coarse angle
    coarse = [k * 0.5 for k in range(-int(limit / 0.5), int(limit / 0.5) + 1)]
    best = max(coarse, key=score)
    fine = [best + k * step for k in range(-4, 5)]
    return round(max(fine, key=score), 2)


def _runs(mask: Any, length: int) -> Any:
    """Pixels that belong to a horizontal run of at least `length` ink pixels."""
    import numpy as np

    h, w = mask.shape
    if w < length:
        return np.zeros_like(mask)
    cs = np.zeros((h, w + 1), dtype=np.int32)
    np.cumsum(mask, axis=1, out=cs[:, 1:])
    full = (cs[:, length:] - cs[:, :-length]) == length           # a run of `length` starts here
    cover = np.zeros((h, w + 1), dtype=np.int32)
    cover[:, :w - length + 1] += full
    cover[:, length:] -= full
    return np.cumsum(cover, axis=1)[:, :w] > 0


def find_rules(ink: Any) -> tuple[list[Rule], Any]:
    """Ruling lines in a binary image: horizontal runs longer than a thirtieth of the width and
    vertical runs longer than a fortieth of the height, as segments, and the mask of their
    pixels."""
    h, w = ink.shape
    hmask = _runs(ink, max(40, w // 30))
    vmask = _runs(ink.T, max(30, h // 40)).T
    rules = _segments(hmask, horizontal=True) + _segments(vmask, horizontal=False)
    # the grey fringe of a blurred line is erased with it (else Tesseract reads it as letters)
    return rules, _grow(hmask, 0, 3) | _grow(vmask, 1, 3)


def _grow(mask: Any, axis: int, n: int) -> Any:
    import numpy as np

    out = mask.copy()
    for k in range(1, n + 1):
        out |= np.roll(mask, k, axis=axis) | np.roll(mask, -k, axis=axis)
    return out


def _segments(mask: Any, horizontal: bool) -> list[Rule]:
    import numpy as np

    m = mask if horizontal else mask.T
    out: list[list[float]] = []   # [x0, x1, y0, y1] in the scan direction
    rows = np.nonzero(m.any(axis=1))[0]
    for y in rows:
        line = m[y]
        d = np.diff(np.concatenate(([0], line.astype(np.int8), [0])))
        starts, ends = np.nonzero(d == 1)[0], np.nonzero(d == -1)[0]
        for x0, x1 in zip(starts, ends):
            for seg in out[-8:]:
                if y - seg[3] <= 2 and x0 <= seg[1] and x1 >= seg[0]:
                    seg[0], seg[1], seg[3] = min(seg[0], x0), max(seg[1], x1), y
                    break
            else:
                out.append([float(x0), float(x1), float(y), float(y)])
    rules = []
    for x0, x1, y0, y1 in out:
        yc = (y0 + y1) / 2
        rules.append(Rule(x0, yc, x1, yc) if horizontal else Rule(yc, x0, yc, x1))
    return rules


def tesseract_words(img: Any, dpi: int) -> list[Word]:
    buf = io.BytesIO()
    img.save(buf, "PNG")
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    exe = shutil.which("tesseract") or "tesseract"
    out = subprocess.run([exe, "stdin", "stdout", "-l", LANG, "--dpi", str(dpi), "--psm", "3", "tsv"],
                         input=buf.getvalue(), capture_output=True, timeout=TIMEOUT, env=env)
    words: list[Word] = []
    last_line: tuple[str, ...] = ()
    for row in out.stdout.decode("utf-8", "replace").splitlines()[1:]:
        f = row.split("\t")
        if len(f) < 12 or f[0] != "5" or not f[11].strip():
            continue
        text = f[11].strip()
        conf = float(f[10]) if f[10] not in ("", "-1") else 0.0
        if _JUNK.fullmatch(text) and (conf < 80 or text not in "-+=%"):
            continue  # a speck read as punctuation
        x, y, w, h = (int(v) for v in f[6:10])
        word = Word(text, float(x), float(y), float(x + w), float(y + h))
        line = tuple(f[2:5])
        if line == last_line and words and _split_number(words[-1], word):
            prev = words[-1]
            words[-1] = Word(prev.text + text, prev.x0, min(prev.y0, word.y0), word.x1, max(prev.y1, word.y1))
            continue
        words.append(word)
        last_line = line
    return words


_JUNK = re.compile(r"[\W_]+")
_NUM_HEAD = re.compile(r"(?:^|[^\d.,])\d{1,3}(?:[.,]\d{3})*[.,]$")
_NUM_TAIL = re.compile(r"\d{3}(?:[.,]\d{3})*(?:,\d+)?%?[.,;:)]?")


def _split_number(a: Word, b: Word) -> bool:
    """“3.” and “353” read as two words although printed as one number (“3.353”): the gap is
    much narrower than a space."""
    gap = b.x0 - a.x1
    return bool(_NUM_HEAD.search(a.text) and _NUM_TAIL.fullmatch(b.text)) and gap < 0.3 * (a.y1 - a.y0)


def crop_uri(img: Any, w: Word, height: int = 30) -> str:
    """A small PNG of the word's place, with a margin of context, as a data URI."""
    pad = 0.35 * (w.y1 - w.y0)
    box = (max(0, int(w.x0 - 3 * pad)), max(0, int(w.y0 - pad)),
           min(img.width, int(w.x1 + 3 * pad)), min(img.height, int(w.y1 + pad)))
    c = img.crop(box)
    if c.height > height:
        c = c.resize((max(1, round(c.width * height / c.height)), height))
    buf = io.BytesIO()
    c.save(buf, "PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")
