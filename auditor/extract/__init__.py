"""Read the documents people actually send — .docx, PDF (text or scanned), plain text, Markdown,
images of a page — into the report format, with the place in the document every number came from.

    extract("bao_cao.docx")      -> ExtractResult(report, problems, unparsed, …)
    read_document("bao_cao.txt") -> ReadResult (what `audit FILE` runs the rules on)

The extractor never invents a value: every `Num` is a number written in the document, with its
text as written and its `src` (line or paragraph, table/row/column, character span, quote).
Numbers it could not place are listed (`audit extract --explain`). Files it cannot read (an old
.doc, an encrypted or corrupt .docx or PDF, a legacy Vietnamese encoding, a scan without
Tesseract) give a clear input finding, never a traceback.
"""

from __future__ import annotations

import os
import time
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from auditor.files import digest
from auditor.read import sniff
from auditor.read.input_file import InputRefused, read_input
from auditor.read.json_reader import InputProblem, ReadResult, _opened_as
from auditor.records import dataclass, field

if TYPE_CHECKING:  # the patterns are imported when a document is read, not at start-up
    from pathlib import Path

    from auditor.extract.build import Dropped, Unparsed
    from auditor.model.report import Report

DOC_EXTENSIONS = (".docx", ".pdf", ".txt", ".md", ".markdown", ".text")
# Images of a page (a photographed or scanned page): read by OCR when named explicitly.
IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg")
# Extensions we recognise as documents we cannot read (a clear message rather than “invalid JSON”).
KNOWN_UNREADABLE = (".doc", ".rtf", ".odt", ".xls", ".xlsx", ".ppt", ".pptx", ".docm", ".dotx",
                    ".dot", ".wps", ".zip", ".rar", ".7z", ".tif", ".tiff")

__all__ = ["ExtractResult", "extract", "extract_bytes", "read_document", "is_document", "DOC_EXTENSIONS"]


@dataclass
class ExtractResult:
    """What reading one document gave: the report, the problems, the numbers not read, the document."""
    path: str
    report: Report | None = None
    problems: list[InputProblem] = field(default_factory=list)
    unparsed: list[Unparsed] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    kind: str | None = None          # docx | pdf | image | text | markdown
    ocr_pages: int = 0               # pages read by OCR (scans, images)
    pages: int = 0                   # pages of a PDF or image
    meta_locs: dict = field(default_factory=dict)
    sha256: str | None = None
    seconds: float = 0.0
    document: Any = None             # the Document read (auditor/extract/document.py)


def is_document(path: str) -> bool:
    """True for the files `audit FILE` hands to the extractor (not JSON)."""
    s = str(path).lower()
    return s.endswith(DOC_EXTENSIONS) or s.endswith(IMAGE_EXTENSIONS) or s.endswith(KNOWN_UNREADABLE)


def extract(path: str | Path) -> ExtractResult:
    res = ExtractResult(str(path))
    # the file `Path(path)` names, as a string when that is the same file: pathlib (with
    # `urllib.parse` and `ipaddress`) is ~13 M instructions on the document path
    p = _opened_as(path)
    try:
        data = read_input(p)  # a regular file only, within the size limit (read/input_file.py)
    except InputRefused as e:
        res.problems.append(InputProblem(e.rule_id, "", e.vi, e.en))
        return res
    except OSError as e:
        res.problems.append(InputProblem("INP001", "", f"Không đọc được tệp: {e.strerror or e}.",
                                         f"Cannot read the file: {e.strerror or e}."))
        return res
    return extract_bytes(data, os.path.basename(p) if type(p) is str else p.name, res)


def extract_bytes(data: bytes, name: str = "<bytes>", res: ExtractResult | None = None) -> ExtractResult:
    t0 = time.perf_counter()
    res = res or ExtractResult(name)
    # (the interpreter's own SHA-256, or OpenSSL's in a batch: `files/digest.py`; `hashlib` would load
    # OpenSSL in every run, ~10 M instructions)
    res.sha256 = digest.sha256(data).hexdigest()
    try:
        _extract(data, name, res)
    except Exception as e:  # noqa: BLE001 - a document we fail on is a finding, never a traceback
        res.report = None
        res.problems.append(InputProblem(
            "INP005", "",
            f"Không đọc được nội dung tài liệu ({type(e).__name__}: {e}). Hãy mở bằng Word, lưu lại thành "
            ".docx mới rồi kiểm tra lại; nếu vẫn lỗi, xin gửi tệp cho nhóm phát triển.",
            f"Could not read the document's content ({type(e).__name__}: {e}). Open it in Word, save it "
            "as a new .docx and check again; if it still fails, send the file to the developers."))
    res.seconds = time.perf_counter() - t0
    return res


def _problem(res: ExtractResult, p: sniff.Problem) -> None:
    res.problems.append(InputProblem(p.rule_id, "", p.vi, p.en))


def _extract(data: bytes, name: str, res: ExtractResult) -> None:
    from auditor.files import rxcache

    rxcache.load("document")  # the patterns of the modules below, compiled by an earlier run
    if not data.strip():
        _problem(res, sniff.EMPTY)
        return
    bad = sniff.sniff_binary(data)
    if bad is not None:
        _problem(res, bad)
        return
    lower = name.lower()
    if data.lstrip()[:5] == b"%PDF-" or (lower.endswith(IMAGE_EXTENSIONS) and _is_image(data)):
        doc = _read_pages(data, name, res)
        if doc is None:
            return
        text = "\n".join(b.text for b in doc.paragraphs())
    elif data[:4] == b"PK\x03\x04":
        from auditor.extract.docx import read_docx

        try:
            doc = read_docx(data, name)
        except Exception:  # noqa: BLE001 - a damaged package (zip, XML, parts missing)
            _problem(res, sniff.CORRUPT)
            return
        res.kind = "docx"
        text = "\n".join(b.text for b in doc.paragraphs())
        # (The fonts, .VnTime, VNI-Times …, were read here as a hint: `A or (legacy fonts and B)`,
        # B the same test on `text + " "`. A space is in none of the test's patterns, so B is A and
        # the fonts never changed the answer; reading them cost ~15 M instructions on a file with
        # Word's own 350 KB styles part. tests/test_docx_fast_paths.py compares the two.)
        if sniff.legacy_font_text(text):
            _problem(res, sniff.LEGACY_FONT)
            return
    else:
        if lower.endswith(KNOWN_UNREADABLE) and not lower.endswith(DOC_EXTENSIONS):
            from pathlib import Path

            _problem(res, sniff.Problem("INP005", f"Định dạng tệp “{Path(name).suffix}” không được hỗ trợ. Công cụ "
                                        "đọc .docx, .pdf, .txt, .md và .json (và ảnh .png/.jpg của một trang).",
                                        f"The file type “{Path(name).suffix}” is not supported. The tool reads "
                                        ".docx, .pdf, .txt, .md and .json (and .png/.jpg images of a page).",
                                        "unsupported"))
            return
        text, prob = sniff.decode_text(data)
        if prob is not None:
            _problem(res, prob)
            return
        assert text is not None
        if not text.strip():
            _problem(res, sniff.EMPTY)
            return
        if sniff.legacy_font_text(text):
            _problem(res, sniff.LEGACY_FONT)
            return
        from auditor.extract.text import read_text

        markdown = lower.endswith((".md", ".markdown")) or _looks_markdown(text)
        doc = read_text(text, markdown=markdown, name=name)
        res.kind = "markdown" if lower.endswith((".md", ".markdown")) else "text"
    from auditor.extract.build import build

    res.document = doc
    built = build(doc)
    res.report = built.report
    res.unparsed = built.unparsed
    res.dropped = built.dropped
    res.meta_locs = built.meta_locs
    for rule, vi, en in built.problems:
        res.problems.append(InputProblem(rule, "", vi, en))
    for np in built.number_problems:
        res.problems.append(InputProblem(np.rule, "", np.vi, np.en, np.src.line,
                                         (np.src.start or 0) + 1 if np.src.line is not None else None, np.text))
    _stray_digits(res, text, res.kind != "text" and res.kind != "markdown")
    if res.report is None and not res.problems:
        res.problems.append(InputProblem("INP005", "", "Không dựng được báo cáo từ tài liệu.",
                                         "Could not build a report from the document."))


def _stray_digits(res: ExtractResult, text: str, docx: bool) -> None:
    """NUM003 for digits other than 0–9 (“５００”, “١٢”) the reader did not take as a number:
    never read, and never silent either (the ones it took are reported with their number)."""
    from auditor.numeric.notation import ascii_reading, non_ascii_digit_runs

    runs = non_ascii_digit_runs(text)
    if not runs:
        return
    from auditor.read.json_reader import _nums

    taken = {num.text.strip() for _, num in (_nums(res.report, "") if res.report is not None else ())}
    for start, _end, run in runs:
        if any(run in t for t in taken):
            continue
        line = None if docx else text.count("\n", 0, start) + 1
        col = None if docx else start - text.rfind("\n", 0, start)
        res.problems.append(InputProblem(
            "NUM003", "",
            f"“{run}” có chữ số không phải 0–9; công cụ không đọc như một số. Nếu muốn ghi {ascii_reading(run)}, "
            "hãy gõ lại bằng chữ số 0–9.",
            f"“{run}” has digits other than 0–9; the tool does not read it as a number. If {ascii_reading(run)} "
            "was meant, type it again with the digits 0–9.", line, col, run))


def _is_image(data: bytes) -> bool:
    return data[:8] == b"\x89PNG\r\n\x1a\n" or data[:3] == b"\xff\xd8\xff"


def _read_pages(data: bytes, name: str, res: ExtractResult):  # noqa: ANN202 - Document | None
    """A PDF or an image → Document (pdf.py, ocr.py and pagelayout.py, imported only here);
    None after an input finding."""
    from auditor.extract.pagelayout import build_document
    from auditor.extract.pdf import page_text, read_image, read_pdf

    is_pdf = data.lstrip()[:5] == b"%PDF-"
    pr = read_pdf(data) if is_pdf else read_image(data)
    res.kind = "pdf" if is_pdf else "image"
    res.ocr_pages, res.pages = pr.ocr_pages, len(pr.pages)
    for p in pr.problems:
        _problem(res, p)
    if pr.problems:
        return None
    for p in pr.notices:
        _problem(res, p)
    text = page_text(pr.pages)
    if not text.strip():
        from auditor.extract.pdf import NO_TEXT

        _problem(res, NO_TEXT)
        return None
    if sniff.legacy_font_text(text):
        from auditor.extract.pdf import LEGACY_PDF

        _problem(res, LEGACY_PDF)
        return None
    doc, _dropped = build_document(pr.pages, name=name)
    return doc


def _item_positions(obj: object, ptr: str, out: dict) -> None:
    """Line and column in the text document of every item that has a source (a section, a
    citation, a mention …), so findings about them point into the document."""
    _walk(obj, ptr, None, out)


# the values of a report's fields that hold neither an item nor a number (most of its leaves)
_LEAVES = frozenset((str, int, float, bool, type(None), Decimal))


def _walk(obj: object, ptr: str, nums: list | None, positions: dict | None) -> None:
    """One walk of a report for `_item_positions` (into `positions`, when given) and for
    `json_reader._nums` (its (pointer, number) pairs, in its order, into `nums`, when given):
    the same pointers and order as each walk alone, with each field's escaped name made once
    and the leaves (texts, values) not visited. A place's own fields (`src`) hold no item."""
    from auditor.model.facts import escape_pointer_token
    from auditor.model.lean import is_model

    escaped: dict[str, str] = {}

    def visit(o: object, at: str, items: bool) -> None:
        if is_model(o):  # a report plan object (a pydantic one has the same fields)
            if type(o).__name__ == "Num":
                if nums is not None:
                    nums.append((at, o))
                return
            if items and positions is not None:
                src = getattr(o, "src", None)
                if src is not None and getattr(src, "line", None) is not None and getattr(src, "page", None) is None:
                    positions[at] = (src.line, (src.start or 0) + 1)
            for name, value in o.__dict__.items():
                if type(value) in _LEAVES:
                    continue
                inner = items and name != "src"
                if not inner and nums is None:
                    continue
                e = escaped.get(name)
                if e is None:
                    e = escaped[name] = escape_pointer_token(name)
                visit(value, f"{at}/{e}", inner)
        elif isinstance(o, list):
            for i, v in enumerate(o):
                if type(v) not in _LEAVES:
                    visit(v, f"{at}/{i}", items)

    visit(obj, ptr, positions is not None)


def _looks_markdown(text: str) -> bool:
    # the whole text: a remnant late in a long report counts as much as one at the start
    return "**" in text or "\\%" in text or "<sup>" in text or text.lstrip().startswith("#")


def read_document(path: str | Path) -> ReadResult:
    """Extract a document and return it as the JSON reader would: report, problems (with the
    document's line and column where known) and the positions of every number."""
    ex = extract(path)
    return to_read_result(ex)


def to_read_result(ex: ExtractResult) -> ReadResult:
    from auditor.read.json_reader import num_problem

    rr = ReadResult(ex.path, report=ex.report, problems=list(ex.problems), sha256=ex.sha256, extracted=True)
    if ex.document is not None:
        doc, kind = ex.document, ex.kind
        rr.document = lambda: _view(doc, kind)
    if ex.report is not None:
        rr.locate = _lazy_locator(ex.report, ex.document, ex.meta_locs)
        nums: list = []
        _walk(ex.report, "", nums, rr.positions)  # (`_item_positions` and `_nums` in one walk)
        for ptr, loc in ex.meta_locs.items():
            if loc is not None and loc.line is not None and loc.page is None:
                rr.positions[ptr] = (loc.line, (loc.start or 0) + 1)
        for ptr, num in nums:
            src = num.src
            # a text file's line and column; a PDF's page and line stay in `src` (the messages
            # and SARIF show them), since they are not lines of the file
            if src is not None and src.line is not None and src.page is None:
                rr.positions[ptr] = (src.line, (src.start or 0) + 1)
            if num.problem:
                line, col = rr.positions.get(ptr, (None, None))
                rr.problems.append(num_problem(ptr, num, line, col))  # NUM001, or NUM003/NUM004
    return rr


def _view(doc: Any, kind: str | None) -> Any:
    from auditor.extract.view import document_view

    return document_view(doc, kind)


def _lazy_locator(report: Report, doc: Any, meta_locs: dict) -> Any:
    """`locate(pointer)`, built on its first use (most reports need it for a few findings)."""
    made: list[Any] = []

    def locate(pointer: str) -> Any:
        if not made:
            from auditor.extract.view import Locator

            made.append(Locator(report, doc, meta_locs))
        return made[0](pointer)

    return locate
