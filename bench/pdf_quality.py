#!/usr/bin/env python3
"""Measured: PDFs and scans against the text they were made from.

    python bench/pdf_quality.py                          # the seeds: text PDFs and 200-dpi scans
    python bench/pdf_quality.py --corpus DIR --scans 10  # also the corpus texts (scans of the first 10)
    python bench/pdf_quality.py --corpus DIR --scans 8 --kinds scan --face sans --size 11 --noise 0.08
                                                         # scans alone, another typeface, size and noise

For every report text (the seeds in fixtures/seeds, and with --corpus the .txt files of a
folder), the same text is read four ways and compared with the .txt:

* `pdf`     a text PDF (bench/pdfgen.py: A4, ruled tables with merged header cells, a page number
            at the top, a running footer, the header in two columns);
* `pdf-ws`  the same with tables aligned by whitespace only (no rules);
* `scan`    the text PDF rasterised at --dpi (200) with noise, a light blur and up to 1° of skew,
            saved as an image-only PDF, read by OCR.

Per kind: numbers recovered exactly (the multiset of every number's text in the report, against
the .txt's), documents whose findings equal the .txt's (rule, severity, values quoted; errors and
warnings), for scans the defects found (rule and values, whatever the severity: OCR caps errors
at warnings) and the false warnings (errors or warnings the .txt does not have), and the time per
page (wall, and CPU of this process and its Tesseract children). "… severity aside" counts the
documents whose errors and warnings equal the .txt's by rule and values (for a scan: same defects,
no false warning).
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import resource
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from pdfgen import scan_pdf, text_pdf  # noqa: E402

from auditor.extract import extract_bytes  # noqa: E402
from auditor.extract.quality import audit_report, finding_key  # noqa: E402
from auditor.read.json_reader import _nums  # noqa: E402


def numbers(report) -> Counter:  # noqa: ANN001
    return Counter("".join(n.text.split()) for _, n in _nums(report, ""))


def findings(report) -> Counter:  # noqa: ANN001
    return Counter(finding_key(f) for f in audit_report(report, "x") if f.severity in ("error", "warning"))


def _cpu() -> float:
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime


def cache_ocr(folder: Path) -> None:
    """Keep each page's OCR (words and rules) in `folder`, keyed by the page image and the source
    of ocr.py: a change to the layout or the reader is measured again without running Tesseract
    again (times are then meaningless)."""
    from auditor.extract import ocr

    folder.mkdir(parents=True, exist_ok=True)
    src = hashlib.sha256(Path(ocr.__file__).read_bytes()).hexdigest()[:16]
    real = ocr.read_page_image

    def cached(img, dpi: int = 0):  # noqa: ANN001, ANN202
        key = hashlib.sha256(img.tobytes() + f"{img.size}{dpi}{src}".encode()).hexdigest()[:32]
        f = folder / f"{key}.pkl"
        if f.is_file():
            return pickle.loads(f.read_bytes())
        got = real(img, dpi)
        f.write_bytes(pickle.dumps(got))
        return got

    ocr.read_page_image = cached


def measure(texts: list[Path], scans: int, dpi: int, kinds: tuple[str, ...] = ("pdf", "pdf-ws", "scan"),
            skew: float = 1.0, face: str = "serif", size: float = 12.0, noise: float = 0.04,
            seed: int = 0) -> dict[str, dict]:
    tot = {k: Counter() for k in kinds}
    details: list[str] = []
    for n, path in enumerate(texts):
        text = path.read_text("utf-8")
        base = extract_bytes(text.encode("utf-8"), path.name)
        if base.report is None:
            continue
        want_n, want_f = numbers(base.report), findings(base.report)
        pdf = text_pdf(text, face=face, size=size)
        inputs = {"pdf": pdf, "pdf-ws": text_pdf(text, ruled=False, face=face, size=size)}
        if n < scans and "scan" in kinds:
            inputs["scan"] = scan_pdf(pdf, dpi=dpi, seed=seed + n, max_skew=skew, noise=noise)
        inputs = {k: v for k, v in inputs.items() if k in kinds}
        for kind, data in inputs.items():
            t0, c0 = time.perf_counter(), _cpu()
            ex = extract_bytes(data, path.stem + ".pdf")
            wall, cpu = time.perf_counter() - t0, _cpu() - c0
            t = tot[kind]
            t["docs"] += 1
            t["pages"] += ex.pages
            t["wall"] += wall
            t["cpu"] += cpu
            t["numbers"] += sum(want_n.values())
            if ex.report is None:
                details.append(f"{path.name} {kind}: no report: {[p.en for p in ex.problems]}")
                continue
            got_n, got_f = numbers(ex.report), findings(ex.report)
            t["numbers_ok"] += sum((got_n & want_n).values())
            t["numbers_extra"] += sum((got_n - want_n).values())
            same = got_f == want_f
            t["same_findings"] += same
            loose = Counter((r, v) for r, _, v in want_f.elements())
            got_loose = Counter((r, v) for r, _, v in got_f.elements())
            t["same_loose"] += got_loose == loose
            t["defects"] += sum(loose.values())
            t["defects_found"] += sum((got_loose & loose).values())
            t["false"] += sum((got_loose - loose).values())
            t["errors_from_scan"] += sum(1 for r, s, _ in got_f.elements() if s == "error") if kind == "scan" else 0
            if not same:
                miss = sorted((want_f - got_f).elements())
                new = sorted((got_f - want_f).elements())
                details.append(f"{path.name} {kind}: missing {miss} new {new}")
    return {"totals": tot, "details": details}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, help="a folder of report texts (.txt) to add to the seeds")
    ap.add_argument("--scans", type=int, default=3, help="scan the first N texts (OCR is slow)")
    ap.add_argument("--dpi", type=int, default=200)
    ap.add_argument("--no-seeds", action="store_true")
    ap.add_argument("--kinds", default="pdf,pdf-ws,scan", help="which inputs to measure (comma-separated)")
    ap.add_argument("--skew", type=float, default=1.0, help="the scans' largest skew, degrees")
    ap.add_argument("--face", default="serif", help="typeface of the PDFs: serif, sans, condensed (bench/pdfgen.py)")
    ap.add_argument("--seed", type=int, default=0, help="another draw of the scans' skew and noise")
    ap.add_argument("--size", type=float, default=12.0, help="body text size, points")
    ap.add_argument("--noise", type=float, default=0.04, help="the scans' dust and pale ink (bench/pdfgen.py)")
    ap.add_argument("--ocr-cache", type=Path, help="keep each page's OCR here (development: times are then meaningless)")
    a = ap.parse_args(argv)
    if a.ocr_cache:
        cache_ocr(a.ocr_cache)
    texts = [] if a.no_seeds else sorted((ROOT / "fixtures" / "seeds").glob("*.txt"))
    if a.corpus:
        texts += sorted(a.corpus.glob("*.txt"))
    res = measure(texts, a.scans, a.dpi, tuple(a.kinds.split(",")), a.skew, a.face, a.size, a.noise, a.seed)
    print("| input | documents | pages | numbers recovered exactly | numbers not in the text | findings equal to the .txt's "
          "| … severity aside | defects found | false errors/warnings | errors from OCR'd numbers | s/page (wall) | s/page (CPU) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for kind, t in res["totals"].items():
        if not t["docs"]:
            continue
        pct = 100 * t["numbers_ok"] / t["numbers"] if t["numbers"] else 100.0
        print(f"| {kind} | {t['docs']} | {t['pages']} | {t['numbers_ok']} of {t['numbers']} ({pct:.1f} %) | "
              f"{t['numbers_extra']} | {t['same_findings']} of {t['docs']} | {t['same_loose']} of {t['docs']} | {t['defects_found']} of {t['defects']} | "
              f"{t['false']} | {t['errors_from_scan'] if kind == 'scan' else '–'} | "
              f"{t['wall'] / max(1, t['pages']):.3f} | {t['cpu'] / max(1, t['pages']):.3f} |")
    for d in res["details"]:
        print("  ", d)
    return 0


if __name__ == "__main__":
    sys.exit(main())
