"""PDF reports and scans (issue 15): text PDFs made from the seeds give the seeds' findings;
layout (columns, running header/footer, paragraphs, hyphenation, tables across pages) on
synthetic pages; bad PDFs give a clear finding and the run goes on; page and line in the outputs;
OCR (a few pages, skipped with the reason when Tesseract or its Vietnamese model is missing) and
the severity cap for values read from a scan."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from pdfgen import font_path, scan_images, scan_pdf, text_pdf  # noqa: E402

from auditor.cli import main  # noqa: E402
from auditor.engine.provenance import cap_ocr  # noqa: E402
from auditor.extract import extract_bytes  # noqa: E402
from auditor.extract.document import Para, TableBlock  # noqa: E402
from auditor.extract.pagelayout import Page, Rule, Word, build_document  # noqa: E402
from auditor.extract.quality import audit_report, finding_key  # noqa: E402
from auditor.model.findings import Evidence, Finding, SourceLoc, Text  # noqa: E402
from auditor.read.json_reader import _nums  # noqa: E402

SEEDS = sorted((ROOT / "fixtures" / "seeds").glob("*.txt"))
DATA = Path(__file__).resolve().parent / "data"
needs_fonts = pytest.mark.skipif(font_path() is None, reason="DejaVu fonts missing (apt-get install fonts-dejavu-core)")


def _tesseract_reason() -> str | None:
    from auditor.extract.ocr import missing_tesseract

    p = missing_tesseract()
    return p.en if p else None


needs_ocr = pytest.mark.skipif(_tesseract_reason() is not None,
                               reason=f"OCR tests need Tesseract with its Vietnamese model: {_tesseract_reason()}")

_pdf_cache: dict[tuple[str, bool], bytes] = {}


def seed_pdf(path: Path, ruled: bool = True) -> bytes:
    key = (path.name, ruled)
    if key not in _pdf_cache:
        _pdf_cache[key] = text_pdf(path.read_text("utf-8"), ruled=ruled)
    return _pdf_cache[key]


def keys(report) -> Counter:  # noqa: ANN001
    return Counter(finding_key(f) for f in audit_report(report, "x"))


# ============================================================================ text PDFs of the seeds

@needs_fonts
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_text_pdf_of_each_seed_gives_the_seed_findings(seed):
    txt = extract_bytes(seed.read_bytes(), seed.name)
    pdf = extract_bytes(seed_pdf(seed), seed.stem + ".pdf")
    assert pdf.report is not None, [p.en for p in pdf.problems]
    assert pdf.kind == "pdf" and pdf.pages >= 5 and pdf.ocr_pages == 0
    assert keys(pdf.report) == keys(txt.report)
    # the same numbers, as written
    nt = Counter("".join(n.text.split()) for _, n in _nums(txt.report, ""))
    npdf = Counter("".join(n.text.split()) for _, n in _nums(pdf.report, ""))
    assert npdf == nt


@needs_fonts
@pytest.mark.parametrize("seed", [s for s in SEEDS if not s.name.startswith("001")], ids=lambda p: p.name[:3])
def test_whitespace_aligned_tables(seed):
    """Tables without rules (columns by whitespace) are read as tables (001's three-row merged
    header without rules is not: see docs/inputs.md)."""
    txt = extract_bytes(seed.read_bytes(), seed.name)
    pdf = extract_bytes(seed_pdf(seed, ruled=False), seed.stem + ".pdf")
    assert keys(pdf.report) == keys(txt.report)


@needs_fonts
def test_every_number_has_page_line_and_its_text():
    seed = SEEDS[0]
    ex = extract_bytes(seed_pdf(seed), "r.pdf")
    nums = list(_nums(ex.report, ""))
    assert len(nums) > 50
    pages = set()
    for _, n in nums:
        s = n.src
        assert s is not None and s.page and s.line and s.paragraph is None and not s.ocr
        assert "".join(n.text.split()) in "".join(s.quote[s.start:s.end + 2].split()) or \
            n.text.replace(" ", "") in s.quote.replace(" ", ""), (n.text, s)
        pages.add(s.page)
    assert len(pages) >= 3
    cells = [n for _, n in nums if n.src.table]
    assert cells and all(n.src.row and n.src.column and n.src.page for n in cells)


@needs_fonts
def test_cli_audit_pdf_shows_page_and_line(tmp_path):
    seed = SEEDS[0]
    p = tmp_path / "bao_cao.pdf"
    p.write_bytes(seed_pdf(seed))
    res = CliRunner().invoke(main, ["check", str(p), "-f", "concise"])
    assert res.exit_code == 1, res.output
    assert "(trang " in res.output and ", dòng " in res.output and "Traceback" not in res.output
    res = CliRunner().invoke(main, ["check", str(p), "-f", "sarif", "--lang", "en"])
    log = json.loads(res.output)
    locs = [lg for r in log["runs"][0]["results"] for loc in r["locations"] for lg in loc["logicalLocations"]]
    pages = [lg for lg in locs if lg.get("kind") == "page"]
    assert pages and all(lg["properties"]["page"] >= 1 for lg in pages)
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text("utf-8"))
    import jsonschema

    jsonschema.validate(log, schema)
    res = CliRunner().invoke(main, ["extract", str(p)])
    assert res.exit_code == 0 and '"page":' in res.output


# ============================================================================ layout on synthetic pages

def _line(y: float, x: float, text: str, size: float = 10.0, gap: float = 3.0) -> list[Word]:
    out, pos = [], x
    for w in text.split():
        width = 5.2 * len(w)
        out.append(Word(w, pos, y, pos + width, y + size))
        pos += width + gap
    return out


def _justified(y: float, text: str, left: float = 80, right: float = 520) -> list[Word]:
    words = _line(y, left, text)
    spare = right - words[-1].x1
    n = len(words) - 1
    for i, w in enumerate(words):
        shift = spare * i / n if n else 0
        w.x0, w.x1 = w.x0 + shift, w.x1 + shift
    return words


def _doc(pages: list[list[Word]], rules: list[list[Rule]] | None = None):
    ps = [Page(i + 1, 595, 842, ws, (rules or [[]] * len(pages))[i]) for i, ws in enumerate(pages)]
    doc, dropped = build_document(ps)
    return doc, dropped


def test_two_column_header_is_read_column_by_column():
    words = (_line(60, 80, "UBND XÃ AN PHÚ") + _line(60, 330, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
             + _line(74, 90, "Số: 12/BC-UBND") + _line(74, 350, "Độc lập - Tự do - Hạnh phúc")
             + _line(88, 340, "An Phú, ngày 5 tháng 12 năm 2023")
             + _justified(130, "Thực hiện kế hoạch của huyện, Ủy ban nhân dân xã báo cáo kết quả công tác")
             + _line(144, 80, "thi đua năm 2023 như sau:"))
    doc, _ = _doc([words])
    texts = [b.text for b in doc.blocks if isinstance(b, Para)]
    assert texts.index("UBND XÃ AN PHÚ") < texts.index("Số: 12/BC-UBND") < texts.index("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert texts[-1].startswith("Thực hiện kế hoạch") and texts[-1].endswith("thi đua năm 2023 như sau:")


def test_running_header_footer_and_page_numbers_are_dropped():
    pages = []
    for n in range(1, 4):
        ws = (_line(30, 290, str(n)) if n > 1 else []) + _line(800, 300, f"Báo cáo thi đua năm 2023 - Trang {n}/3")
        ws += _justified(100, f"Đoạn văn thứ {n} có 12 hộ và nội dung đủ dài để chiếm cả dòng của trang giấy này")
        ws += _line(114, 80, "kết thúc đoạn.")
        pages.append(ws)
    doc, dropped = _doc(pages)
    texts = " ".join(b.text for b in doc.blocks if isinstance(b, Para))
    assert "Trang" not in texts and "Báo cáo thi đua năm 2023" not in texts
    assert len(dropped) == 5
    first = doc.blocks[0]
    assert isinstance(first, Para) and first.first.page == 1 and first.first.line == 1


def test_paragraphs_lines_joined_hyphenation_and_page_continuation():
    p1 = (_justified(100, "Năm 2023 toàn xã có 1.245 hộ tham gia phong trào xây dựng hạ tầng in-")
          + _justified(114, "ternet cho các thôn, đạt 96,5% kế hoạch; số hộ nghèo giảm còn 32 hộ, tức là đã")
          + _justified(128, "giảm 15 hộ so với năm trước và vượt chỉ tiêu huyện giao cho năm này mà không cần"))
    p2 = _line(100, 80, "thêm kinh phí.") + _line(114, 100, "- Công tác khen thưởng: 21 tập thể, 25 cá nhân.")
    doc, _ = _doc([p1, p2])
    paras = [b for b in doc.blocks if isinstance(b, Para)]
    assert len(paras) == 2
    assert "hạ tầng internet cho các thôn, đạt 96,5% kế hoạch" in paras[0].text
    assert "ternet" not in paras[0].text.replace("internet", "")
    assert paras[0].text.endswith("mà không cần thêm kinh phí.")
    # each line keeps its page and line; the continued paragraph spans two pages
    assert {(pc.origin.page, pc.origin.line) for pc in paras[0].pieces} == {(1, 1), (1, 2), (1, 3), (2, 1)}
    assert paras[1].text.startswith("- Công tác khen thưởng")
    # the section text (raw lines) joins the wrapped lines into one, the hyphen removed
    raw = paras[0].raw_lines()
    assert len(raw) == 1 and "hạ tầng internet cho" in raw[0]
    # a number on line 2 maps back to its line
    start = paras[0].text.index("96,5")
    loc = paras[0].loc(start, start + 4)
    assert (loc.page, loc.line) == (1, 2) and loc.quote[loc.start:loc.end] == "96,5"


def test_a_second_phrasing_of_paragraphs_indent_and_short_lines():
    words = (_justified(100, "Xã có 3 thôn đạt chuẩn nông thôn mới kiểu mẫu và 2 thôn", left=110)  # indented
             + _justified(114, "đang hoàn thiện hồ sơ đề nghị công nhận trong quý IV năm 2023 theo kế hoạch.")
             + _line(128, 110, "Tỷ lệ hộ dùng nước sạch đạt 98%.")
             + _line(142, 110, "Thu ngân sách đạt 5.774 triệu đồng."))
    doc, _ = _doc([words])
    texts = [b.text for b in doc.blocks if isinstance(b, Para)]
    assert len(texts) == 3 and texts[1] == "Tỷ lệ hộ dùng nước sạch đạt 98%."


def _grid(x0: float, y0: float, xs: list[float], ys: list[float]) -> list[Rule]:
    rules = [Rule(xs[0], y, xs[-1], y) for y in ys] + [Rule(x, ys[0], x, ys[-1]) for x in xs]
    return rules


def test_ruled_table_with_a_merged_header_and_continued_on_the_next_page():
    xs = [80, 110, 300, 380, 450, 520]
    ys = [100, 115, 130, 145, 160, 175]
    rules = [r for r in _grid(0, 0, xs, ys) if not (r.horizontal and r.y0 == 115 and False)]
    # "Kết quả" spans the last two columns in the first header row: no rule between them there
    rules = [r for r in rules if not (not r.horizontal and r.x0 == 450)] + [Rule(450, 115, 450, 175)]
    # the first three columns' header cells span two rows: no rule under them at y=115
    rules = [r for r in rules if not (r.horizontal and r.y0 == 115)] + [Rule(380, 115, 520, 115)]
    w = (_line(104, 84, "TT") + _line(104, 114, "Chỉ tiêu") + _line(104, 304, "ĐVT") + _line(104, 390, "Kết quả")
         + _line(119, 384, "KH") + _line(119, 454, "TH")
         + _line(134, 84, "1") + _line(134, 114, "Thu ngân sách") + _line(134, 304, "Trđ") + _line(134, 384, "18.038")
         + _line(134, 454, "15.381")
         + _line(149, 84, "2") + _line(149, 114, "Số hộ nghèo") + _line(149, 304, "hộ") + _line(149, 384, "40")
         + _line(149, 454, "32")
         + _line(164, 84, "3") + _line(164, 114, "Số thôn văn hóa") + _line(164, 304, "thôn") + _line(164, 384, "6")
         + _line(164, 454, "6"))
    page2_rules = _grid(0, 0, xs, [100, 115, 130])
    w2 = (_line(104, 84, "4") + _line(104, 114, "Lao động có việc làm") + _line(104, 304, "người")
          + _line(104, 384, "3.353") + _line(104, 454, "3.222")
          + _line(119, 84, "5") + _line(119, 114, "Trạm y tế") + _line(119, 304, "trạm") + _line(119, 384, "1")
          + _line(119, 454, "1"))
    doc, _ = _doc([w, w2], [rules, page2_rules])
    tables = [b for b in doc.blocks if isinstance(b, TableBlock)]
    assert len(tables) == 1 and tables[0].explicit_spans
    rows = [[c.s for c in r] for r in tables[0].rows]
    assert rows[0] == ["TT", "Chỉ tiêu", "ĐVT", "Kết quả", ""] and rows[1] == ["", "", "", "KH", "TH"]
    assert tables[0].rows[0][4].span_from == 4 and tables[0].rows[1][0].vmerge_from == 1
    assert rows[-1] == ["5", "Trạm y tế", "trạm", "1", "1"] and len(rows) == 7
    cell = tables[0].rows[5][3]
    assert cell.text.origin.page == 2 and cell.text.origin.row == 6 and cell.text.origin.column == 4


# ============================================================================ bad PDFs

def _simple_pdf(text: str = "Báo cáo", pages: int = 1, **enc: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("dv", "", str(font_path()))
    for _ in range(pages):
        pdf.add_page()
        pdf.set_font("dv", size=12)
        pdf.multi_cell(0, 6, text)
    if enc:
        pdf.set_encryption(**enc)
    return bytes(pdf.output())


@needs_fonts
@pytest.mark.parametrize("case,words", [
    ("corrupt", "hỏng"), ("encrypted", "mật khẩu"), ("too_many_pages", "giới hạn 2 trang"), ("too_big", "quá lớn"),
    ("legacy", "TCVN3"), ("blank", "Không đọc được chữ")])
def test_bad_pdfs_give_a_clear_finding(case, words, monkeypatch):
    import auditor.extract.pdf as P

    if case == "corrupt":
        data = _simple_pdf()[:400]
    elif case == "encrypted":
        data = _simple_pdf(owner_password="o", user_password="u")
    elif case == "too_many_pages":
        monkeypatch.setattr(P, "MAX_PAGES", 2)
        data = _simple_pdf(pages=3)
    elif case == "too_big":
        monkeypatch.setattr(P, "MAX_BYTES", 100)
        data = _simple_pdf()
    elif case == "legacy":
        data = _simple_pdf("B¸o c¸o\nTæng kÕt c«ng t¸c thi ®ua khen th­ëng n¨m 2022\nKÕt qu¶ ®¹t ®­îc trong n¨m")
    else:
        monkeypatch.setattr("auditor.extract.ocr.missing_tesseract", lambda: None)
        monkeypatch.setattr("auditor.extract.ocr.read_page_image", lambda img, dpi=0: ([], []))
        data = _simple_pdf(" ")
    ex = extract_bytes(data, "x.pdf")
    assert ex.report is None and [p.rule_id for p in ex.problems] == ["INP005"]
    assert words.lower() in ex.problems[0].vi.lower(), ex.problems[0].vi
    assert ex.problems[0].en


@needs_fonts
def test_batch_goes_on_after_a_bad_pdf(tmp_path):
    (tmp_path / "a_broken.pdf").write_bytes(b"%PDF-1.7\n garbage")
    (tmp_path / "b_locked.pdf").write_bytes(_simple_pdf(owner_password="o", user_password="u"))
    (tmp_path / "c_good.pdf").write_bytes(seed_pdf(SEEDS[2]))
    files = [str(tmp_path / n) for n in ("a_broken.pdf", "b_locked.pdf", "c_good.pdf")]
    res = CliRunner().invoke(main, ["check", *files, "-f", "json"])
    assert res.exit_code == 1 and "Traceback" not in res.output
    out = json.loads(res.output)
    status = {Path(f["path"]).name: f["status"] for f in out["files"]}
    assert status["a_broken.pdf"] == "invalid" and status["b_locked.pdf"] == "invalid"
    assert status["c_good.pdf"] == "findings"


def test_missing_tesseract_says_what_to_install(monkeypatch):
    import auditor.extract.ocr as O

    monkeypatch.setattr(O, "_languages", lambda: None)
    p = O.missing_tesseract()
    assert p is not None and "tesseract-ocr-vie" in p.vi and "tesseract-ocr-vie" in p.en
    monkeypatch.setattr(O, "_languages", lambda: ("eng", "osd"))
    p = O.missing_tesseract()
    assert p is not None and "vie" in p.en and "apt-get install" in p.vi


def test_an_image_too_large_is_refused():
    from PIL import Image

    import auditor.extract.ocr as O

    buf = __import__("io").BytesIO()
    Image.new("L", (400, 300), 255).save(buf, "PNG")
    img, prob = O.open_image(buf.getvalue(), max_pixels=100_000)
    assert img is None and "megapixel" in prob.vi and "megapixels" in prob.en


def test_pdf_named_json_is_recognised(tmp_path):
    p = tmp_path / "r.json"
    p.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    res = CliRunner().invoke(main, ["check", str(p)])
    assert res.exit_code == 1 and "INP005" in res.output and ".pdf" in res.output


# ============================================================================ OCR severity cap

def _f(severity: str, ocr_flags: list[bool]) -> Finding:
    ev = [Evidence(role="operand", text=str(i), value=str(i), pointer=f"/x/{i}",
                   src=SourceLoc(page=1, line=i + 1, ocr=o or None)) for i, o in enumerate(ocr_flags)]
    return Finding(rule_id="SUM001", severity=severity, title=Text(vi="t", en="t"), message=Text(vi="m", en="m"),
                   file="f", pointer="/x/0", evidence=ev, fingerprint="fp")


@given(st.sampled_from(["error", "warning", "info"]), st.lists(st.booleans(), min_size=1, max_size=5))
def test_cap_property(severity, flags):
    f = _f(severity, flags)
    cap_ocr([f], None)
    if all(flags) and severity != "info":
        assert f.severity == "warning" and "OCR" in f.message.vi and "OCR" in f.message.en
        assert "trang 1" in f.message.vi and "page 1" in f.message.en
    else:
        assert f.severity == severity and f.message.vi == "m"


# ============================================================================ OCR (a few pages)

REPORT = """Số: 15/BC-UBND

Xã An Phú, ngày 10 tháng 12 năm 2023

BÁO CÁO

Kết quả công tác thi đua, khen thưởng năm 2023

I. KẾT QUẢ

1. Tổng giá trị sản xuất: 1.896 tỷ đồng, đạt 115,6% KH

Trong đó:

1.1. Giá trị sản xuất nông nghiệp: 170 tỷ đồng

1.2. Giá trị sản xuất công nghiệp - xây dựng: 891 tỷ đồng

1.3. Giá trị sản xuất thương mại - dịch vụ: {tmdv} tỷ đồng

2. Hội đồng thi đua, khen thưởng xã có 11 thành viên, gồm 01 Chủ tịch, 02 Phó Chủ tịch và 8 ủy viên.
"""


def _ocr_report(tmdv: str, as_image: bool = False):
    text = REPORT.format(tmdv=tmdv)
    pdf = text_pdf(text, footer=None)
    if as_image:
        import io

        img = scan_images(pdf, dpi=200, seed=3)[0]
        buf = io.BytesIO()
        img.save(buf, "PNG", dpi=(200, 200))
        return extract_bytes(buf.getvalue(), "trang.png"), text
    return extract_bytes(scan_pdf(pdf, dpi=200, seed=2), "scan.pdf"), text


@needs_ocr
@needs_fonts
def test_scan_finds_the_defect_as_a_warning_with_page_and_picture():
    ex, text = _ocr_report("845")   # 170 + 891 + 845 = 1.906, not 1.896
    assert ex.report is not None and ex.ocr_pages == 1 and ex.kind == "pdf"
    txt = extract_bytes(text.encode("utf-8"), "r.txt")
    want = Counter("".join(n.text.split()) for _, n in _nums(txt.report, ""))
    got = Counter("".join(n.text.split()) for _, n in _nums(ex.report, ""))
    assert sum((got & want).values()) >= 0.98 * sum(want.values()), (want - got, got - want)
    fs = audit_report(ex.report, "scan.pdf")
    sums = [f for f in fs if f.rule_id.startswith("SUM") and any(e.text == "845" for e in f.evidence)]
    assert sums and all(f.severity == "warning" for f in sums)
    assert "OCR" in sums[0].message.vi and "trang 1" in sums[0].message.vi
    srcs = [e.src for e in sums[0].evidence]
    assert all(s.ocr and s.page == 1 and s.image.startswith("data:image/png;base64,") for s in srcs)
    from auditor.engine.ruleset import load_rules
    from auditor.extract import to_read_result
    from auditor.output.html import render_html  # the picture is shown in the HTML report
    from auditor.workflows.pipeline import audit_read, combine

    rs = load_rules()
    audit = audit_read(to_read_result(ex), rs, rs.rules, "scan.pdf")
    html = render_html(combine([audit], rs))
    assert 'class="ocr-crop" src="data:image/png;base64,' in html


@needs_ocr
@needs_fonts
def test_scan_of_a_correct_report_raises_no_error_or_warning_and_an_image_reads_too():
    ex, _ = _ocr_report("835", as_image=True)
    assert ex.report is not None and ex.kind == "image"
    bad = [(f.rule_id, f.message.en) for f in audit_report(ex.report, "trang.png")
           if f.severity in ("error", "warning") and f.rule_id.startswith(("SUM", "PCT", "VAL", "CNC"))]
    assert bad == []
    nums = [n for _, n in _nums(ex.report, "")]
    assert any(n.text == "1.896" and n.src.ocr for n in nums)
