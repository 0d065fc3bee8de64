"""OCR of scans (issue 15): binarisation, the dash of a sub-item, the votes of the second readings
of numbers and of roman numerals, lone punctuation kept or dropped, words shaped like a text
layer's, and ruled tables read cell by cell (one scanned page, two tables of different layouts:
one with a header in three rows and merged cells, one plain; the section rows numbered in Roman
numerals are left out: “II” printed at 200 dpi is read as “H”, “lÍ” or nothing, which the
English second reading mends only in part, see docs/inputs.md).
The Tesseract tests are skipped, with the reason, when Tesseract or its Vietnamese model is
missing; they read two page images and a few small line images in all, to keep the suite fast."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from pdfgen import font_path, scan_pdf, text_pdf  # noqa: E402

from auditor.extract import extract_bytes, ocr  # noqa: E402
from auditor.extract.pagelayout import Word  # noqa: E402
from auditor.extract.quality import audit_report, finding_key  # noqa: E402
from auditor.read.json_reader import _nums  # noqa: E402

needs_fonts = pytest.mark.skipif(font_path() is None, reason="DejaVu fonts missing (apt-get install fonts-dejavu-core)")
_missing = ocr.missing_tesseract()
needs_ocr = pytest.mark.skipif(_missing is not None,
                               reason=f"OCR tests need Tesseract with its Vietnamese model: {_missing and _missing.en}")


# ============================================================================ pixels

@settings(max_examples=30, deadline=None)
@given(paper=st.integers(170, 255), contrast=st.integers(70, 170), noise=st.integers(0, 8),
       fraction=st.floats(0.005, 0.4), seed=st.integers(0, 2**16))
def test_binarise_separates_ink_from_paper(paper, contrast, noise, fraction, seed):
    ink_level = max(0, paper - contrast)
    g = np.random.default_rng(seed)
    ink = g.random((60, 80)) < fraction
    a = np.where(ink, ink_level, paper).astype(np.int16) + g.integers(-noise, noise + 1, ink.shape)
    a = np.clip(a, 0, 255).astype(np.uint8)
    assert (ocr.binarise(a) == ink).all()


@pytest.mark.parametrize("dpi", [200, 300])
def test_a_lone_dash_is_recognised_and_specks_and_strokes_are_not(dpi):
    k = dpi / 300
    dash = np.ones((max(2, round(4 * k)), round(18 * k)), dtype=bool)
    assert ocr._is_dash(dash, dpi)
    assert not ocr._is_dash(np.ones((1, 2), dtype=bool), dpi)                    # a speck
    assert not ocr._is_dash(np.ones((round(30 * k), round(5 * k)), dtype=bool), dpi)   # “1”, “I”
    assert not ocr._is_dash(np.ones((round(4 * k), round(120 * k)), dtype=bool), dpi)  # a rule's remnant
    hollow = np.zeros((round(8 * k), round(24 * k)), dtype=bool)
    hollow[0] = hollow[-1] = True                                                 # “=”, not solid
    assert not ocr._is_dash(hollow, dpi)


# ============================================================================ second readings

def _fake_stacked(readings: dict[str, list[list[str]]]):
    def fake(crops, dpi, pad, lang=ocr.LANG):  # noqa: ANN001, ANN202
        return [[Word(t, 0, 0, 10, 10, conf=90.0) for t in ws] for ws in readings[lang][:len(crops)]]
    return fake


def test_a_number_is_replaced_only_by_a_reading_the_two_second_readings_agree_on(monkeypatch):
    words = [Word("53,7", 0, 0, 10, 10, conf=61.0), Word("2.5.", 0, 20, 10, 30, conf=97.0),
             Word("QĐ-12", 0, 40, 10, 50, conf=80.0), Word("5,", 0, 60, 10, 70, conf=85.0),
             Word("tấn", 0, 80, 10, 90, conf=50.0)]
    monkeypatch.setattr(ocr, "_stacked", _fake_stacked({
        "vie": [["5,7"], ["2.5."], ["QĐ-12"], ["5", ","]],
        "eng": [["5,7"], ["2.9."], ["QD-12"], ["5."]]}))
    monkeypatch.setattr(ocr, "_languages", lambda: ("vie",))      # no English model: nothing changes
    ocr.reread_numbers(np.zeros((100, 20), dtype=np.uint8), words, 300)
    assert [w.text for w in words] == ["53,7", "2.5.", "QĐ-12", "5,", "tấn"]
    monkeypatch.setattr(ocr, "_languages", lambda: ("eng", "vie"))
    ocr.reread_numbers(np.zeros((100, 20), dtype=np.uint8), words, 300)
    assert [w.text for w in words] == [
        "5,7",     # both agree: replaced
        "2.5.",    # the English model alone disagrees: kept
        "QĐ-12",   # the Vietnamese reading is the first one (diacritics compared loosely)
        "5,",      # a reading in two words: kept
        "tấn"]     # no digit: not read again


def test_a_doubtful_word_is_replaced_only_by_a_much_surer_reading(monkeypatch):
    words = [Word("nấm", 0, 0, 30, 12, conf=62.0), Word("Trả", 0, 20, 30, 32, conf=80.0),
             Word("năm", 0, 40, 30, 52, conf=96.0)]

    def fake(crops, dpi, pad, lang=ocr.LANG):  # noqa: ANN001, ANN202
        assert len(crops) == 2 and dpi == 600        # only the doubtful ones, at twice the size
        return [[Word("năm", 0, 0, 1, 1, conf=96.0)], [Word("Trở", 0, 0, 1, 1, conf=85.0)]]

    monkeypatch.setattr(ocr, "_stacked", fake)
    ocr.reread_doubtful(np.full((60, 40), 255, dtype=np.uint8), words, 300)
    assert [w.text for w in words] == ["năm", "Trả", "năm"]


def test_a_doubtful_roman_numeral_is_replaced_by_the_english_reading_only_when_it_is_one(monkeypatch):
    words = [Word("H.", 0, 0, 10, 10, conf=60.0), Word("IH", 0, 20, 10, 30, conf=74.0),
             Word("H", 0, 40, 10, 50, conf=60.0), Word("XII", 0, 60, 10, 70, conf=51.0),
             Word("II.", 0, 80, 10, 90, conf=96.0), Word("Hội", 0, 100, 10, 110, conf=40.0),
             Word("Il", 0, 120, 10, 130, conf=70.0), Word("IV", 0, 140, 10, 150, conf=50.0),
             Word("lII", 0, 160, 10, 170, conf=93.0), Word("H", 0, 180, 10, 190, conf=95.0),
             Word("I.", 0, 200, 10, 210, conf=92.0), Word("lÍ", 0, 220, 10, 230, conf=88.0)]
    seen: list[int] = []

    def fake(crops, dpi, pad, lang=ocr.LANG):  # noqa: ANN001, ANN202
        assert lang == "eng"
        seen.append(len(crops))
        return [[Word(t, 0, 0, 1, 1, conf=90.0) for t in ws]
                for ws in [["II."], ["Il]"], ["H"], ["XIII"], ["1", "1"], ["IV"], ["lII"], ["H"], ["Il"]]]

    monkeypatch.setattr(ocr, "_stacked", fake)
    monkeypatch.setattr(ocr, "_languages", lambda: ("vie",))      # no English model: nothing changes
    ocr.reread_roman(np.zeros((240, 20), dtype=np.uint8), words, 300)
    assert seen == [] and words[0].text == "H."
    monkeypatch.setattr(ocr, "_languages", lambda: ("eng", "vie"))
    ocr.reread_roman(np.zeros((240, 20), dtype=np.uint8), words, 300)
    assert seen == [9]        # the sure “II.” and “I.”, and the word “Hội”, are not read again
    assert [w.text for w in words] == [
        "II.", "III",   # a roman numeral once the English model's bars count as “I”
        "H",            # the English model reads a letter: kept
        "XIII", "II.", "Hội",
        "Il",           # a reading in two words: kept
        "IV",           # the same reading: unchanged
        "III",          # “lII” is no word however sure: read again
        "H",            # a sure “H”, read again, stays a letter
        "I.",
        "II"]           # “lÍ”


def _fake_tsv(monkeypatch, words: list[tuple[str, float]]) -> None:
    """Tesseract's TSV for one line of the given (text, confidence) words, 40 pixels apart."""
    import subprocess

    rows = ["level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
            "4\t1\t1\t1\t1\t0\t0\t10\t800\t30\t-1\t"]
    rows += [f"5\t1\t1\t1\t1\t{i + 1}\t{40 * i}\t12\t30\t24\t{c}\t{t}" for i, (t, c) in enumerate(words)]
    out = subprocess.CompletedProcess([], 0, ("\n".join(rows) + "\n").encode("utf-8"), b"")
    monkeypatch.setattr(ocr.subprocess, "run", lambda *a, **k: out)


def test_punctuation_alone_is_kept_only_when_it_can_matter_and_is_read_surely(monkeypatch):
    from PIL import Image

    _fake_tsv(monkeypatch, [("dưỡng", 96.0), (":", 91.0), ("5,7%", 95.0), (":", 40.0), (",", 95.0), ("-", 88.0),
                            ("=", 60.0), ("(%)", 70.0), ("'", 93.0)])
    got = [w.text for w in ocr.tesseract_words(Image.new("L", (10, 10), 255), 300)]
    # a sure lone colon (“dưỡng : 5,7%”: without it “dưới 5 tuổi …” lends its 5 to the value), a
    # sure dash and a column's unit stay; specks read as punctuation go
    assert got == ["dưỡng", ":", "5,7%", "-", "(%)"]


# ============================================================================ Tesseract

def _line_image(text: str, size: int = 50) -> object:
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(font_path()), size)
    img = Image.new("L", (60 + int(font.getlength(text)), 2 * size), 255)
    ImageDraw.Draw(img).text((30, size // 3), text, font=font, fill=0)
    return img


@needs_ocr
@needs_fonts
def test_words_of_a_line_get_the_line_height_and_stacked_crops_map_back():
    words = ocr.tesseract_words(_line_image("Đồng an 1.250 tấn"), 300)
    assert [w.text for w in words] == ["Đồng", "an", "1.250", "tấn"]
    # “an” has no ascender and no accent, yet its box is as high as the line's
    assert len({(w.y0, w.y1) for w in words}) == 1
    a = np.asarray(_line_image("số 205"))
    b = np.asarray(_line_image("Tổng 17"))
    got = ocr._stacked([a, b], 300, 25)
    assert [[w.text for w in ws] for ws in got] == [["số", "205"], ["Tổng", "17"]]
    assert all(0 <= w.x0 < w.x1 <= a.shape[1] and 0 <= w.y0 < w.y1 <= a.shape[0] + 1 for w in got[0])


@needs_ocr
@needs_fonts
@pytest.mark.skipif("eng" not in (ocr._languages() or ()), reason="Tesseract's English model is not installed")
def test_the_english_model_reads_roman_numerals_alone():
    got = ocr._stacked([np.asarray(_line_image(t, 40)) for t in ("II.", "XIII", "III")], 300, 25, lang="eng")
    assert [[w.text for w in ws] for ws in got] == [["II."], ["XIII"], ["III"]]


TABLES = """Số: 15/BC-UBND

Xã An Phú, ngày 10 tháng 12 năm 2023

BÁO CÁO

Kết quả thực hiện các chỉ tiêu năm 2023

1. Các chỉ tiêu kinh tế - xã hội

TT\tChỉ tiêu\tĐVT\tTH năm 2022\tKH năm 2023\tKết quả thực hiện\t\tGhi chú
\t\t\t\t\tƯớc TH năm 2023\tSo với KH (%)\t
A\tB\tC\t1\t2\t3\t4=3/2*100\t5
1\tSản lượng lương thực\ttấn\t2.400\t2.500\t2.550\t{pct}\t
2\tCơ cấu kinh tế\t\t\t\t\t\t
-\tNông nghiệp\t%\t\t\t19\t\t
-\tDịch vụ\t"\t\t\t81\t\t
3\tThu nhập bình quân\tTrđ\t60\t64\t65,6\t102,5\t
4\tTỷ lệ hộ nghèo\t%\t3,2\t2,8\t\t\tĐánh giá cuối năm

2. Thu, chi ngân sách

TT\tNội dung\tDự toán (triệu đồng)\tThực hiện (triệu đồng)\tĐạt (%)
1\tThu ngân sách\t18.038\t36.054\t199,9
2\tChi ngân sách\t17.150\t15.381\t89,7

Nơi nhận:
- UBND huyện (b/c);
- Lưu VP.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Nguyễn Văn Bình
"""


def _numbers(report) -> Counter:  # noqa: ANN001
    return Counter("".join(n.text.split()) for _, n in _nums(report, ""))


@needs_ocr
@needs_fonts
def test_ruled_tables_of_a_scan_are_read_cell_by_cell():
    text = TABLES.format(pct="104,0")          # 2.550 / 2.500 = 102,0 %, not 104,0 %
    ex = extract_bytes(scan_pdf(text_pdf(text, footer=None), dpi=200, seed=5), "scan.pdf")
    want = extract_bytes(text.encode("utf-8"), "r.txt").report
    assert ex.report is not None and ex.ocr_pages >= 1
    got = _numbers(ex.report)
    assert got == _numbers(want), (_numbers(want) - got, got - _numbers(want))
    # the table keeps its shape: the sub-items under their dash, the column keys
    t = ex.report.tables[0]
    assert [c.key for c in t.columns] == [c.key for c in want.tables[0].columns]
    ind = {i.name: i for i in ex.report.indicators}
    assert [p.values.th.text for p in ind["Cơ cấu kinh tế"].parts] == ["19", "81"]
    # the defect is found, at its cell, as a warning (read from a scan), and nothing else is
    fs = [f for f in audit_report(ex.report, "scan.pdf") if f.severity in ("error", "warning")]
    wrong = [f for f in fs if any(e.text == "104,0" for e in f.evidence)]
    assert wrong and all(f.severity == "warning" and "OCR" in f.message.vi for f in wrong)
    src = next(e.src for e in wrong[0].evidence if e.text == "104,0")
    assert src.ocr and src.table == 1 and src.column == 7 and src.page == 1
    # the same findings as the text PDF's, and no other (severity aside: OCR caps errors)
    loose = Counter((r, v) for r, _, v in (finding_key(f) for f in fs))
    pdf = extract_bytes(text_pdf(text, footer=None), "r.pdf").report
    txt = Counter((r, v) for r, s, v in (finding_key(f) for f in audit_report(pdf, "r.pdf"))
                  if s in ("error", "warning"))
    assert loose == txt
