"""OCR of scanned pages and images with Tesseract and its Vietnamese model.

Each page image is straightened (its skew, up to a few degrees, found from the horizontal
projection profile) and binarised (Otsu's threshold: Tesseract reads a clean black-on-white page
better than the grey of a scan); its ruling lines are found in the pixels (long horizontal and
vertical runs of ink) and erased. Then, one Tesseract process at a time (`tesseract … tsv`, two
pages at a time on two cores):

1. the page without its ruled tables (`--psm 3`);
2. the cells of the ruled tables, each cut out and all stacked into one image (`cell_words`), so
   that a cell is read alone, its words neither running into the next cell's nor taking their
   line from a taller neighbour; a cell whose only ink is a short dash gets its “-”;
3. the words with a digit, read again alone by the Vietnamese and by the English model; a
   reading the two agree on replaces the first (`reread_numbers`);
4. the words read with a low confidence, read again alone at twice the size (`reread_doubtful`).

Words get boxes shaped like a text layer's (the height of their line, a little side bearing), so
the layout step measures a scan like a text PDF. Words with a digit keep a small picture of their
place (a PNG data URI) so a reader can check what was read. The words and rules go to
`pagelayout` like a text PDF's.

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
from statistics import median
from typing import Any

from auditor.extract.pagelayout import Grid, Rule, Word, find_grids
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
    """Straighten, binarise, find and erase the rules, OCR the text outside the ruled tables as
    a page and the cells of the tables one by one. Coordinates are pixels of the straightened
    image."""
    import numpy as np
    from PIL import Image, ImageFilter

    dpi = dpi or image_dpi(img)
    img = img.filter(ImageFilter.MedianFilter(3))   # specks of dust and paper grain
    angle = skew_angle(img)
    if abs(angle) >= 0.05:
        img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    a = np.asarray(img)
    ink = binarise(a)
    rules, mask = find_rules(ink)
    clean = np.where(ink & ~mask, 0, 255).astype(np.uint8)
    grids = find_grids(rules, tol=2.5 * dpi / 72)
    body = clean.copy()
    for g in grids:
        x0, y0, x1, y1 = (int(round(v)) for v in g.bbox)
        body[max(0, y0):y1 + 1, max(0, x0):x1 + 1] = 255
    words = tesseract_words(Image.fromarray(body), dpi)
    if grids:
        words += cell_words(clean, grids, dpi)
    grey = a.copy()
    grey[mask] = 255
    reread_numbers(clean, words, dpi)
    reread_roman(clean, words, dpi)
    reread_doubtful(grey, words, dpi)
    for w in words:
        if any(ch.isdigit() for ch in w.text):
            w.crop = crop_uri(img, w)
    return words, rules


def binarise(a: Any) -> Any:
    """Ink pixels of a grey page: Otsu's threshold over the page. Tesseract's LSTM reads the
    grey image it is given, and the grey of a scanned page (paper noise, blurred strokes) makes
    it misread digits in small print (“71,3” as “T128”); a clean black-on-white page does not."""
    import numpy as np

    hist = np.bincount(a.ravel(), minlength=256).astype(np.float64)
    p = hist / hist.sum()
    omega = np.cumsum(p)
    mu = np.cumsum(p * np.arange(256))
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mu[-1] * omega - mu) ** 2 / (omega * (1 - omega))
    t = int(np.nanargmax(between)) if np.isfinite(between).any() else 128
    return a <= t


def cell_words(clean: Any, grids: list[Grid], dpi: int) -> list[Word]:
    """The words of every cell of the ruled tables. Each cell's ink is cut out and the cells are
    stacked, one under the other with white between them, into one image that Tesseract reads
    as a block of text (one process for all the cells): a cell is read alone, so its words
    neither run into the next cell's nor take their line from a taller neighbour."""
    import numpy as np

    inset = max(2, int(round(dpi / 100)))            # the rule and its fringe are already erased
    pad = _pad(dpi)
    boxes: list[tuple[int, int, int, int]] = []
    for g in grids:
        seen: dict[tuple[int, int], list[tuple[int, int]]] = {}
        for rc, o in g.owner.items():
            seen.setdefault(o, []).append(rc)
        for o, members in seen.items():
            r0, r1 = min(r for r, _ in members), max(r for r, _ in members)
            c0, c1 = min(c for _, c in members), max(c for _, c in members)
            x0, x1 = int(g.xs[c0]) + inset, int(g.xs[c1 + 1]) - inset
            y0, y1 = int(g.ys[r0]) + inset, int(g.ys[r1 + 1]) - inset
            if x1 - x0 < 4 or y1 - y0 < 4:
                continue
            sub = clean[y0:y1, x0:x1] == 0
            rows = np.nonzero(sub.sum(axis=1) >= 2)[0]
            cols = np.nonzero(sub.sum(axis=0) >= 1)[0]
            if len(rows) == 0 or len(cols) == 0:
                continue
            boxes.append((x0 + int(cols[0]), y0 + int(rows[0]), x0 + int(cols[-1]) + 1, y0 + int(rows[-1]) + 1))
    words: list[Word] = []
    read = _stacked([clean[y0:y1, x0:x1] for x0, y0, x1, y1 in boxes], dpi, pad)
    heights = [w.h for ws in read for w in ws]
    line_h = median(heights) if heights else dpi / 6
    for (x0, y0, x1, y1), got in zip(boxes, read):
        words.extend(Word(w.text, w.x0 + x0, w.y0 + y0, w.x1 + x0, w.y1 + y0, conf=w.conf) for w in got)
        if not got and _is_dash(clean[y0:y1, x0:x1] == 0, dpi):
            yc = (y0 + y1) / 2
            words.append(Word("-", x0, yc - line_h / 2, x1, yc + line_h / 2))
    return words


def _stacked(crops: list[Any], dpi: int, pad: int, lang: str = LANG) -> list[list[Word]]:
    """Small images read by one Tesseract process: stacked one under the other with white
    between them, read as a block of text, and each image's words given back with coordinates
    in that image."""
    import numpy as np
    from PIL import Image

    out: list[list[Word]] = [[] for _ in crops]
    limit = 30000                                     # Tesseract's images stay well under 32k pixels
    k = 0
    while k < len(crops):
        batch: list[tuple[int, int]] = []             # (index, top in the stack)
        top = 0
        while k < len(crops) and (not batch or top + crops[k].shape[0] + 2 * pad <= limit):
            batch.append((k, top))
            top += crops[k].shape[0] + 2 * pad
            k += 1
        width = max(crops[i].shape[1] for i, _ in batch) + 2 * pad
        m = np.full((top, width), 255, dtype=np.uint8)
        for i, t in batch:
            h, w = crops[i].shape
            m[t + pad:t + pad + h, pad:pad + w] = crops[i]
        for w in tesseract_words(Image.fromarray(m), dpi, psm=6, lang=lang):
            for i, t in batch:
                if t <= w.yc < t + crops[i].shape[0] + 2 * pad:
                    dy = t + pad
                    out[i].append(Word(w.text, w.x0 - pad, w.y0 - dy, w.x1 - pad, w.y1 - dy, conf=w.conf))
                    break
    return out


DOUBT = 85          # Tesseract's confidence under which a word is read a second time


def reread_numbers(clean: Any, words: list[Word], dpi: int) -> None:
    """Words with a digit are read twice more, each alone: by the Vietnamese model and by the
    English one, which reads digits and their punctuation differently (often better: “5,7”
    where the Vietnamese model read “53,7” in its cell, “5.” for “5,”; sometimes worse: “2.9.”
    for “2.5.”). A reading that the two agree on and that differs from the first replaces it (two
    readings out of three); otherwise the first stays."""
    from auditor.extract.vn import fold

    if "eng" not in (_languages() or ()):    # Debian installs it with Tesseract; another setup may not
        return
    numeric = [w for w in words if w.conf is not None and any(ch.isdigit() for ch in w.text)]
    crops = [_crop(clean, w) for w in numeric]
    alone = _stacked(crops, dpi, _pad(dpi))
    english = _stacked(crops, dpi, _pad(dpi), lang="eng")
    for w, vi, en in zip(numeric, alone, english):
        if len(vi) == 1 and len(en) == 1 and vi[0].text != w.text and fold(vi[0].text) == fold(en[0].text):
            w.text, w.conf = vi[0].text, min(vi[0].conf or 0.0, en[0].conf or 0.0)


_ROMANISH = re.compile(r"[IVXHLl1|\[\]ÍÌỊỈĨ]{1,6}[.)]?")   # what a section's or a group row's numeral may be read as
_ROMAN = re.compile(r"(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})[.)]?")
_AS_I = str.maketrans({"l": "I", "|": "I", "]": "I", "[": "I", "1": "I"})


def reread_roman(clean: Any, words: list[Word], dpi: int) -> None:
    """Roman numerals (“II.”, “III”, “XIII” numbering a part or a table's group row) that the
    Vietnamese model read as letters (“H.”, “IH”, “lII”, “lÍ”) or doubtfully (“XII”) are read
    again alone by the English model, which reads them better; its reading replaces the first
    when it is a roman numeral once the strokes it gives for an upright bar (“l”, “|”, “]”) count
    as “I”. A first reading that is a roman numeral already is read again only when doubtful."""
    if "eng" not in (_languages() or ()):
        return
    cand = [w for w in words if w.conf is not None and _ROMANISH.fullmatch(w.text)
            and any(ch in "IVXHLÍÌỊỈĨ" for ch in w.text) and (w.conf < DOUBT or not _ROMAN.fullmatch(w.text))]
    if not cand:
        return
    english = _stacked([_crop(clean, w) for w in cand], dpi, _pad(dpi), lang="eng")
    for w, en in zip(cand, english):
        if len(en) != 1 or not _ROMANISH.fullmatch(en[0].text):
            continue
        text = en[0].text.translate(_AS_I)
        if _ROMAN.fullmatch(text) and text != w.text:
            w.text, w.conf = text, float(DOUBT)   # settled: not read a third time as a doubtful word


def reread_doubtful(grey: Any, words: list[Word], dpi: int) -> None:
    """Words read with a low confidence (“nấm” for “năm”, “Ty” for “Tỷ”) are read again, each
    alone and at twice the size, and the second reading replaces the first when Tesseract is
    much surer of it. All of a page's doubtful words go to one image, one process."""
    import numpy as np
    from PIL import Image

    doubtful = [w for w in words if w.conf is not None and w.conf < DOUBT and not _JUNK.fullmatch(w.text)]
    crops = []
    for w in doubtful:
        c = _crop(grey, w)
        # enlarged from the grey pixels, then binarised: smoother strokes than an enlarged binary
        big = np.asarray(Image.fromarray(c).resize((c.shape[1] * 2, c.shape[0] * 2), Image.BICUBIC))
        crops.append(np.where(binarise(big), 0, 255).astype(np.uint8))
    read = _stacked(crops, dpi * 2, 2 * _pad(dpi))
    for w, got in zip(doubtful, read):
        # one word read more surely than before (a reading in two words would need new boxes)
        if len(got) == 1 and got[0].conf is not None and w.conf is not None and got[0].conf >= max(w.conf + 10, 60):
            w.text, w.conf = got[0].text, got[0].conf


def _pad(dpi: int) -> int:
    return max(8, int(round(dpi / 15)))


def _crop(img: Any, w: Word) -> Any:
    """The pixels of a word: its box (a line high, with its side bearing) and a little more."""
    lh = w.y1 - w.y0
    x0, x1 = max(0, int(w.x0 - 0.05 * lh)), min(img.shape[1], int(w.x1 + 0.05 * lh) + 1)
    y0, y1 = max(0, int(w.y0)), min(img.shape[0], int(w.y1) + 1)
    return img[y0:max(y1, y0 + 1), x0:max(x1, x0 + 1)]


def _is_dash(ink: Any, dpi: int) -> bool:
    """A cell whose only ink is one short, thin, solid horizontal stroke: a dash (“-”, the
    marker of a sub-item), which Tesseract drops when it stands alone."""
    h, w = ink.shape
    return dpi / 150 <= h <= dpi / 30 and max(2 * h, dpi / 40) <= w <= dpi / 5 and ink.mean() >= 0.6


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


def tesseract_words(img: Any, dpi: int, psm: int = 3, lang: str = LANG) -> list[Word]:
    """Words of an image as Tesseract reads them, with boxes shaped like a text layer's: the
    height of their printed line (not of their own ink, which is shorter for “a” than for
    “Đồng”) and a little side bearing, so that the layout step measures line heights and the
    gaps between words on a scan as on a text PDF."""
    buf = io.BytesIO()
    img.save(buf, "PNG")
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    exe = shutil.which("tesseract") or "tesseract"
    out = subprocess.run([exe, "stdin", "stdout", "-l", lang, "--dpi", str(dpi), "--psm", str(psm), "tsv"],
                         input=buf.getvalue(), capture_output=True, timeout=TIMEOUT, env=env)
    words: list[Word] = []
    last_line: tuple[str, ...] = ()
    last_ink = Word("", 0, 0, 0, 0)        # the last word's own box (before it was shaped)
    line_box: dict[tuple[str, ...], tuple[float, float]] = {}
    for row in out.stdout.decode("utf-8", "replace").splitlines()[1:]:
        f = row.split("\t")
        if len(f) < 12:
            continue
        if f[0] == "4":
            y, h = int(f[7]), int(f[9])
            line_box[tuple(f[2:5])] = (float(y), float(y + h))
            continue
        if f[0] != "5" or not f[11].strip():
            continue
        text = f[11].strip()
        conf = float(f[10]) if f[10] not in ("", "-1") else 0.0
        if _JUNK.fullmatch(text) and not (_PERCENT.fullmatch(text) and conf >= 50) and (conf < 80 or text not in ("-", "+", "=", ":")):
            continue  # a speck read as punctuation (a unit “(%)” heading a column, a sure lone “:” kept)
        x, y, w, h = (int(v) for v in f[6:10])
        line = tuple(f[2:5])
        ly0, ly1 = line_box.get(line, (float(y), float(y + h)))
        ly0, ly1 = min(ly0, y), max(ly1, y + h)
        side = _BEARING * (ly1 - ly0)
        ink = Word(text, float(x), float(y), float(x + w), float(y + h))
        if line == last_line and words and _split_number(last_ink, ink):
            prev = words[-1]
            words[-1] = Word(prev.text + text, prev.x0, prev.y0, x + w + side, prev.y1,
                             conf=min(conf, prev.conf if prev.conf is not None else conf))
            last_ink = Word(last_ink.text + text, last_ink.x0, min(last_ink.y0, ink.y0), ink.x1, max(last_ink.y1, ink.y1))
            continue
        words.append(Word(text, x - side, ly0, x + w + side, ly1, conf=conf))
        last_ink, last_line = ink, line
    return words


_BEARING = 0.04     # a text layer's glyph box is wider than the ink by about this much of the line height


_JUNK = re.compile(r"[\W_]+")
_PERCENT = re.compile(r"\(?%\)?")
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
