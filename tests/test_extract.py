"""The document extractor (auditor/extract): .txt/.md/.docx → report, with provenance.

* the three seeds, as text and as a .docx built from the text (tables as real tables), against
  their hand-made fixtures: facts (precision/recall) and the findings the rules produce;
* every phrase family on synthetic sentences that are not in the seeds;
* bad files (.doc, PDF, encrypted or corrupt .docx, legacy encodings): a clear finding, exit 1;
* the command line: `audit extract`, `--explain`, `audit FILE.txt|.docx`, the JSON round trip;
* speed.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import main
from auditor.extract import extract, extract_bytes
from auditor.extract.quality import SEEDS, compare, docx_from_text, facts_of, finding_key, load_fixture, parity
from auditor.model.report import Report

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "fixtures" / "seeds"
FIX = ROOT / "fixtures"
DATA = Path(__file__).resolve().parent / "data"
AUDIT = str(Path(sys.executable).parent / "audit")

needs_seeds = pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason="seed reports not available")


def seed_text(seed: str) -> bytes:
    return (SEEDS_DIR / f"{seed}.txt").read_bytes()


_cache: dict[tuple[str, str], Report] = {}


def seed_report(seed: str, kind: str) -> Report:
    if (seed, kind) not in _cache:
        data = seed_text(seed)
        if kind == "docx":
            data = docx_from_text(data.decode("utf-8"))
        ex = extract_bytes(data, f"{seed}.{kind}")
        assert ex.report is not None, [p.en for p in ex.problems]
        _cache[(seed, kind)] = ex.report
    return _cache[(seed, kind)]


# ============================================================================ seeds vs fixtures

SEED_IDS = [s for s, _ in SEEDS]
FIXTURE_OF = dict(SEEDS)


@needs_seeds
@pytest.mark.parametrize("kind", ["txt", "docx"])
@pytest.mark.parametrize("seed", SEED_IDS)
def test_seed_facts_precision_recall(seed, kind):
    """Numbers by (item type, field, text as written): precision and recall ≥ 95 % per seed."""
    got = compare(seed_report(seed, kind), load_fixture(FIX / f"{FIXTURE_OF[seed]}.json"))
    numeric = [k for k in got if k not in ("meta", "sections", "references", "mentions", "appendices")]
    m, e, f = (sum(got[k][i] for k in numeric) for i in range(3))
    print(f"\n{seed} {kind}: " + ", ".join(f"{k} {v[0]}/{v[1]}/{v[2]}" for k, v in got.items()))
    assert m / e >= 0.95 and m / f >= 0.95, got
    # the header and the sections are read exactly
    assert got["meta"][0] == got["meta"][2] == got["meta"][1]
    assert got["sections"][0] == got["sections"][2]


# Findings of the fixture the extraction does not reproduce, with the reason (strict xfail:
# the test fails as soon as the gap is closed, so this list stays true).
KNOWN_MISSING = {
    "000_11283473c0855b4c": {
        ("VAL001", "error", ("1.896", "1.906")):
            "the fixture links item 1 (1.896 tỷ đồng, results) with row 1 of the plan table of Phần thứ "
            "hai (1.906 Tr. đồng, column “TH 2022”); the extractor never links a plan-part table to the "
            "results (doing it for every row would add a dozen contradictions the fixture deliberately "
            "leaves out, see fixtures/README.md “Not encoded”)",
        ("UNIT002", "warning", ("1.896", "1.906")): "the same link (units of one quantity)",
    },
}


# Findings the document reader produces at a lower severity than the fixture, because the reading
# they rest on is inferred (docs/inputs.md, “Confidence and severity”): same rule, same values.
SEVERITY_DROPPED = {
    "000_11283473c0855b4c": {
        ("PCT004", "error", "warning"):
            "line 111 states four household rates (180 hộ = 5,21% … 474 hộ = 13,57%) but never the "
            "number of households they are taken of; that they share one base is the reader's inference "
            "(the fixture's author wrote the base key by hand), so the finding is a warning that shows "
            "the reading",
        ("VAL001", "error", "warning"):
            "“lát 2.000m² vỉa hè” (line 133) names indicator 14 “Vỉa hè làm mới trong khu dân cư: 3.000m²” "
            "in other words (only “vỉa hè” is shared): the link is the reader's inference",
    },
    "001_3cdedf276bc2b5a6": {
        ("VAL001", "error", "warning"):
            "the poverty rate of 2024 is stated as “còn 1,59% giảm 1,73% so với cùng kỳ” (line 82) and as "
            "“Tỷ lệ hộ nghèo năm 2023 từ 3,32 giảm còn 1,53 năm 2024” (line 100): two sentences linked by "
            "their subject and year, an inference (the other VAL001 of this seed, employed 2.685 vs the "
            "formula's 3.222, names the quantity in the same words and stays an error)",
    },
}


def _drop(keys: list, seed: str, frm: str, to: str) -> list:
    dropped = {(r, a) for (r, a, b) in SEVERITY_DROPPED.get(seed, {}) if (a, b) == (frm, to)}
    return [k for k in keys if (k[0], k[1]) not in dropped]


@needs_seeds
@pytest.mark.parametrize("kind", ["txt", "docx"])
@pytest.mark.parametrize("seed", SEED_IDS)
def test_seed_findings_parity(seed, kind):
    """Every finding of the fixture is produced from the raw document (except the known gaps, and
    at a lower severity where the reading is inferred), and no error or warning appears that the
    fixture does not have."""
    rep, missing, new = parity(seed_report(seed, kind), load_fixture(FIX / f"{FIXTURE_OF[seed]}.json"))
    known = KNOWN_MISSING.get(seed, {})
    for (rule, frm, to) in SEVERITY_DROPPED.get(seed, {}):
        lowered = [k for k in missing if k[:2] == (rule, frm) and k not in known]
        assert [(k[0], to, k[2]) for k in lowered] == [k for k in new if k[:2] == (rule, to)], (rule, missing, new)
    missing = _drop(missing, seed, "error", "warning")
    new = [k for k in new if not any(k[:2] == (r, b) for (r, a, b) in SEVERITY_DROPPED.get(seed, {}))]
    assert [k for k in missing if k not in known] == [], missing
    assert [k for k in new if k[1] in ("error", "warning")] == [], new
    assert rep, "the rules found nothing"


@needs_seeds
@pytest.mark.parametrize("seed,key", [(s, k) for s, d in KNOWN_MISSING.items() for k in d])
def test_seed_known_gaps(seed, key, request):
    request.applymarker(pytest.mark.xfail(strict=True, reason=KNOWN_MISSING[seed][key]))
    _, missing, _ = parity(seed_report(seed, "txt"), load_fixture(FIX / f"{FIXTURE_OF[seed]}.json"))
    assert key not in missing


@needs_seeds
def test_seed_arithmetic_findings_reproduced():
    """The defects the fixtures document, found from the text."""
    r0 = seed_report("000_11283473c0855b4c", "txt")
    keys0 = {finding_key(f)[:2] + (finding_key(f)[2],) for f in _audit(r0)}
    assert ("PCT004", "warning") in {k[:2] for k in keys0}             # 180 hộ = 5,21% vs 92 hộ = 2,26% (base inferred)
    assert ("VAL001", "error", ("0,95", "2")) in keys0                   # drains 2 km vs 0,95 km
    assert ("VAL001", "warning", ("2.000", "3.000")) in keys0            # pavement (named in other words)
    assert ("CNT001", "error", ("7",)) in keys0                          # “7 chỉ tiêu vượt KH”, 8 listed
    r1 = seed_report("001_3cdedf276bc2b5a6", "txt")
    keys1 = {finding_key(f) for f in _audit(r1)}
    assert ("VAL001", "error", ("2.685", "3.222")) in keys1              # employed 2.685 vs 3.222
    assert ("VAL001", "warning", ("1,53", "1,59")) in keys1              # poverty rate 1,59% vs 1,53% (two sentences)
    assert ("PCT001", "info", ("15", "56,6", "8,5")) in keys1            # 56,6 truncated, not rounded


def _audit(r: Report):
    from auditor.extract.quality import audit_report

    return audit_report(r, "t")


@needs_seeds
@pytest.mark.parametrize("kind", ["txt", "docx"])
@pytest.mark.parametrize("seed", SEED_IDS)
def test_every_number_points_back_to_its_text(seed, kind):
    from auditor.read.json_reader import _nums

    r = seed_report(seed, kind)
    n = 0
    for ptr, num in _nums(r, ""):
        assert num.src is not None and num.src.quote, ptr
        q = num.src.quote
        if kind == "txt":
            assert num.src.line is not None
            assert q[num.src.start:num.src.end].replace(" ", "").startswith(num.text.replace(" ", "")), (ptr, q)
        else:
            assert num.src.paragraph is not None or num.src.table is not None
            assert num.text in q.replace("\u00a0", " "), (ptr, num.text, q)
        n += 1
    assert n > 40


@needs_seeds
def test_seed_text_and_docx_agree():
    for seed in SEED_IDS:
        a, b = facts_of(seed_report(seed, "txt")), facts_of(seed_report(seed, "docx"))
        for k in a:
            if k in ("meta",):
                continue
            assert a[k] == b[k], (seed, k, (a[k] - b[k]), (b[k] - a[k]))


# ============================================================================ synthetic documents

HEAD = """Số: 125/BC-UBND

Xã An Phú, ngày 15 tháng 12 năm 2023

BÁO CÁO
Tổng kết công tác thi đua, khen thưởng năm 2023

Thực hiện Kế hoạch số 45/KH-UBND ngày 20/11/2023 của UBND huyện Tân Phong, UBND xã An Phú báo cáo như sau:

I. KẾT QUẢ ĐẠT ĐƯỢC

1. Đặc điểm tình hình

Xã An Phú có diện tích tự nhiên 1.250 ha.

"""
TAIL = """
Nơi nhận:
- UBND huyện (b/c);
- Lưu VP.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Nguyễn Văn Bình
"""


def doc(body: str, *, name: str = "x.txt") -> Report:
    ex = extract_bytes((HEAD + body + TAIL).encode("utf-8"), name)
    assert ex.report is not None, [p.en for p in ex.problems]
    return ex.report


def findings(r: Report) -> set[tuple]:
    return {finding_key(f) for f in _audit(r)}


def rules_hit(r: Report) -> set[tuple[str, str]]:
    return {(f.rule_id, f.severity) for f in _audit(r)}


def test_header_meta_and_answers():
    r = doc("Nội dung.\n")
    m = r.meta
    assert (m.number, m.place, m.title) == ("125/BC-UBND", "Xã An Phú",
                                          "Tổng kết công tác thi đua, khen thưởng năm 2023")
    assert (m.date.day, m.date.month, m.date.year) == (15, 12, 2023)
    assert (m.unit.kind, m.unit.name, m.issuer) == ("xa", "An Phú", "UBND xã An Phú")
    assert m.unit.district == "Tân Phong"
    assert (m.period.kind, m.period.year) == ("year", 2023)
    assert [a.number for a in m.answers] == ["45/KH-UBND"] and m.answers[0].role == "answers"
    assert (m.signatory.on_behalf, m.signatory.title, m.signatory.name) == (
        "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn Bình")
    assert m.recipients == ["UBND huyện (b/c);", "Lưu VP."]
    assert [s.id for s in r.sections] == ["preamble", "I", "I.1"]


def test_half_year_period():
    ex = extract_bytes(HEAD.replace("Tổng kết công tác thi đua, khen thưởng năm 2023",
                                    "Sơ kết công tác thi đua 6 tháng đầu năm 2023").encode(), "x.txt")
    p = ex.report.meta.period
    assert (p.kind, p.year, str(p.start), str(p.end)) == ("half_year", 2023, "2023-01-01", "2023-06-30")


def test_indicator_list_with_parts_structure_and_counts():
    r = doc("""2. Kết quả thực hiện các chỉ tiêu

Năm 2023 có 6 chỉ tiêu, trong đó 3 chỉ tiêu vượt kế hoạch.

1. Tổng giá trị sản xuất: 500 tỷ đồng = 104,2% KH = 111,1% CK
Trong đó:
1.1. Nông nghiệp: 95 tỷ đồng
1.2. Công nghiệp - xây dựng: 225 tỷ đồng
1.3. Thương mại - dịch vụ: 180 tỷ đồng
2. Cơ cấu kinh tế:
- Nông nghiệp: 19%;
- Công nghiệp - xây dựng: 45%;
- Thương mại - dịch vụ: 36%.
3. Thu nhập bình quân đầu người 65,6 triệu đồng/năm, đạt 102,5%KH
4. Số hộ được công nhận gia đình văn hóa: 2.550 hộ = 102,0% KH
5. Tỷ lệ tham gia bảo hiểm y tế: 93% = 100%KH
6. Xã đạt chuẩn an toàn thực phẩm: duy trì
""")
    inds = {i.code: i for i in r.indicators}
    assert inds["1"].values.th.text == "500" and inds["1"].unit == "tỷ đồng"
    assert inds["1"].values.pct_kh.text == "104,2" and inds["1"].values.pct_ck.text == "111,1"
    assert [p.values.th.text for p in inds["1"].parts] == ["95", "225", "180"]
    assert inds["1"].parts_complete is True          # the structure confirms the three sectors
    assert inds["3"].unit == "triệu đồng/năm" and inds["3"].values.pct_kh.text == "102,5"
    assert inds["6"].status == "duy trì"
    st = r.structures[0]
    assert [s.share.text for s in st.shares] == ["19", "45", "36"]
    assert [s.value.text for s in st.shares] == ["95", "225", "180"] and st.total_value.text == "500"
    assert [(c.condition, c.stated.text) for c in r.counts] == [("all", "6"), ("exceeds_plan", "3")]
    hit = rules_hit(r)
    assert ("CNT001", "error") not in hit and ("SUM001", "error") not in hit and ("SHR002", "error") not in hit


def test_list_sum_error_is_found():
    r = doc("""2. Chỉ tiêu

1. Tổng giá trị sản xuất: 520 tỷ đồng
Trong đó:
1.1. Nông nghiệp: 95 tỷ đồng
1.2. Công nghiệp: 225 tỷ đồng
2. Cơ cấu kinh tế:
- Nông nghiệp: 19%;
- Công nghiệp: 45%;
3. Số hộ nghèo giảm 24 hộ = 100% KH
""")
    assert r.indicators[0].parts_complete is False   # “Trong đó” with no structure: partial
    assert ("SHR001", "error") in rules_hit(r)       # 19 + 45 ≠ 100


def test_prose_indicator_with_partial_part():
    r = doc("Kết quả: thu ngân sách ước đạt 12,45 tỷ đồng, bằng 105,3% dự toán (trong đó, thu thuế đạt "
            "3,2 tỷ đồng, bằng 98,1% dự toán); tổng sản lượng lương thực đạt 4.520 tấn, bằng 101,2% kế hoạch.\n")
    names = {i.name: i for i in r.indicators}
    t = names["thu ngân sách"]
    assert (t.values.th.text, t.values.pct_kh.text, t.unit) == ("12,45", "105,3", "tỷ đồng")
    assert t.parts[0].name == "thu thuế" and t.parts_complete is False
    assert names["tổng sản lượng lương thực"].values.th.text == "4.520"
    assert any(x.total.text == "12,45" and x.complete is False for x in r.totals)


def test_rates_fractions_partition_and_bases():
    r = doc("Toàn xã có 05/12 thôn đạt chuẩn văn hóa, chiếm 41,7%; 07/12 thôn chưa đạt, chiếm 58,3%. "
            "Rà soát cuối năm có 230 hộ nghèo, tỷ lệ 4,12%; 310 hộ cận nghèo, tỷ lệ 5,55%.\n")
    fr = [x for x in r.rates if x.denominator is not None]
    assert [(x.numerator.text, x.denominator.text, x.percent.text, x.unit) for x in fr] == [
        ("05", "12", "41,7", "thôn"), ("07", "12", "58,3", "thôn")]
    ho = [x for x in r.rates if x.denominator is None]
    assert [(x.numerator.text, x.percent.text) for x in ho] == [("230", "4,12"), ("310", "5,55")]
    assert ho[0].base and ho[0].base == ho[1].base
    assert r.structures and r.totals[0].total.text == "12"   # 5 + 7 = 12: a partition
    hit = rules_hit(r)
    assert not {h for h in hit if h[1] == "error"}, hit


def test_rate_error_is_found():
    r = doc("Có 03/19 xã đạt chuẩn nông thôn mới, chiếm 18,5%.\n")
    assert ("PCT003", "error") in rules_hit(r)


def test_totals_breakdowns():
    r = doc("Tổng số cán bộ, công chức xã là 22 người, gồm 10 cán bộ chuyên trách và 12 công chức. "
            "Đảng bộ có 315 đảng viên, sinh hoạt tại 14 chi bộ, trong đó 10 chi bộ thôn, 2 chi bộ trường học.\n\n"
            "Tổng số suất quà Tết: 420 suất, trị giá 126.000.000 đồng. Trong đó:\n\n"
            "- Quà của tỉnh: 120 suất, trị giá 36.000.000 đồng;\n\n"
            "- Quà của huyện: 300 suất, trị giá 90.000.000 đồng.\n\n"
            "Năm nay mua mới 120 thùng rác, nâng tổng số thùng rác lên 900 thùng.\n")
    t = {x.total.text: x for x in r.totals}
    assert [p.value.text for p in t["22"].parts] == ["10", "12"] and t["22"].complete is True
    assert [p.value.text for p in t["14"].parts] == ["10", "2"] and t["14"].complete is False
    assert [(p.value.text, p.amount.text) for p in t["420"].parts] == [("120", "36.000.000"), ("300", "90.000.000")]
    assert t["420"].total_amount.text == "126.000.000" and t["420"].amount_unit == "đồng"
    assert [p.value.text for p in t["900"].parts] == ["120"] and t["900"].complete is False
    assert not {h for h in rules_hit(r) if h[1] == "error"}


def test_total_error_is_found():
    r = doc("Tổng số cán bộ, công chức xã là 22 người, gồm 10 cán bộ chuyên trách và 11 công chức.\n")
    assert ("SUM002", "error") in rules_hit(r)


def test_council():
    r = doc("4. Hội đồng thi đua\n\nHội đồng Thi đua - Khen thưởng xã được kiện toàn theo Quyết định số "
            "12/QĐ-UBND ngày 10/01/2023, gồm 11 thành viên: 01 Chủ tịch, 02 Phó Chủ tịch và 09 ủy viên.\n")
    c = r.council
    assert (c.members.text, c.chair.text, c.vice_chairs.text, c.others.text) == ("11", "01", "02", "09")
    assert c.decision.number == "12/QĐ-UBND"
    assert ("SUM004", "error") in rules_hit(r)  # 1 + 2 + 9 = 12 ≠ 11


def test_awards_prose():
    r = doc("5. Công tác khen thưởng\n\nKết quả khen thưởng năm 2023: 02 tập thể được tặng Bằng khen của Chủ "
            "tịch UBND tỉnh; 05 tập thể và 12 cá nhân được tặng Giấy khen của Chủ tịch UBND huyện; "
            "35 Lao động tiên tiến, 4 Chiến sĩ thi đua cơ sở (trong đó người lao động trực tiếp đạt 75%), "
            "3 Tập thể lao động tiên tiến.\n")
    aw = {(a.key, a.year): a for a in r.awards}
    assert aw[("bang_khen_tinh", 2023)].collectives.text == "02"
    assert (aw[("giay_khen_huyen", 2023)].collectives.text, aw[("giay_khen_huyen", 2023)].individuals.text) == ("05", "12")
    assert aw[("ldtt", 2023)].individuals.text == "35"
    assert aw[("cstdcs", 2023)].individuals.text == "4"
    assert aw[("cstdcs", 2023)].direct_worker_share.text == "75"
    assert aw[("ttldtt", 2023)].collectives.text == "3"
    assert all(a.collectives is None or a.collectives.exact for a in r.awards)


def test_differences_and_change_statements():
    r = doc("Số hộ nghèo đầu năm 250 hộ, cuối năm còn 180 hộ, giảm 72 hộ. Tỷ lệ hộ nghèo giảm từ 4,5% "
            "xuống còn 3,2%.\n")
    d = r.differences[0]
    assert (d.minuend.text, d.subtrahend.text, d.result.text) == ("250", "180", "72")
    assert ("DIF002", "error") in rules_hit(r)  # 250 − 180 = 70 ≠ 72


def test_products_area_yield():
    r = doc("Diện tích lúa cả năm 520 ha, năng suất bình quân 62,5 tạ/ha, sản lượng đạt 3.520 tấn.\n")
    p = r.products[0]
    assert [f.text for f in p.factors] == ["520", "62,5"] and p.result.text == "3.520"
    assert str(p.scale) in ("0.1", "0.10")
    assert ("PRD001", "error") in rules_hit(r)  # 520 × 62,5 × 0,1 = 3.250


def test_one_quantity_one_value_links_list_and_narrative():
    r = doc("""2. Chỉ tiêu

1. Bê tông hóa đường giao thông nông thôn: 3,5 km = 100% KH
2. Số hộ được hỗ trợ xây nhà: 12 hộ = 100% KH
3. Trồng cây xanh: 1.200 cây = 120% KH

3. Phong trào xây dựng nông thôn mới

Trong năm đã bê tông hóa 4,2 km đường giao thông nông thôn; trồng 2 km hàng rào xanh; hỗ trợ xây nhà cho 12 hộ.
""")
    facts = {tuple(sorted(m.value.text for m in f.mentions)) for f in r.facts}
    assert ("3,5", "4,2") in facts
    assert not any("2" in f and "3,5" in f for f in facts)  # the hedge is another quantity
    assert ("VAL001", "error", ("3,5", "4,2")) in findings(r)


def test_calendar_mentions_and_appendix():
    r = doc("Chào mừng kỷ niệm 93 năm Ngày thành lập Đảng Cộng sản Việt Nam; năm thứ ba thực hiện Nghị quyết "
            "Đại hội Đảng bộ xã nhiệm kỳ 2020 - 2025; Chương trình mục tiêu quốc gia giảm nghèo bền vững giai "
            "đoạn 2021 - 2025 (Chi tiết tại Phụ lục 2).\n")
    kinds = {(m.kind, m.number, m.start_year, m.end_year, m.event) for m in r.mentions}
    assert ("anniversary", 93, None, None, "thanh_lap_dang") in kinds
    assert any(k[0] == "ordinal" and k[1] == 3 for k in kinds)
    assert any(k[0] == "term" and k[2:4] == (2020, 2025) for k in kinds)
    assert any(k[0] == "period" and k[4] == "ctmtqg_giam_ngheo" for k in kinds)
    assert [(a.label, a.present) for a in r.appendices] == [("Phụ lục 2", False)]


def test_citation_roles():
    r = doc("Thực hiện Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị về tiếp tục đổi mới công tác thi đua, "
            "khen thưởng. UBND xã đã ban hành Kế hoạch số 10/KH-UBND ngày 15/01/2023 về phát động thi đua.\n")
    roles = {x.number: x.role for x in r.references}
    assert roles == {"45/KH-UBND": "answers", "34-CT/TW": "basis", "10/KH-UBND": "cited"}


def test_ambiguous_numbers_keep_their_readings():
    """“2,350” keeps its thousands reading. A dot before two digits (“3.32”) cannot group thousands,
    so the document reader reads it as 3,32, keeps the text as written and reports it (NUM002, info);
    a number that cannot be read at all (“87,%”) is NUM001 and is never given a value."""
    r = doc("Thu ngân sách đạt 2,350 tỷ đồng, bằng 102% dự toán; thu nhập đạt 3.32 triệu đồng, bằng 101% KH.\n")
    vals = {i.values.th.text: i.values.th for i in r.indicators}
    n = vals["2,350"]
    assert str(n.value) == "2.350" and [str(x) for x in n.readings] == ["2350"]
    dot = vals["3.32"]
    assert str(dot.value) == "3.32" and dot.text == "3.32" and dot.decimals == 2
    rr = read_document_bytes(HEAD + "Thu nhập đạt 3.32 triệu đồng, bằng 101% KH.\n" + TAIL)
    assert [(p.rule_id, p.text) for p in rr.problems] == [("NUM002", "3.32")]
    rr = read_document_bytes(HEAD + "Tỷ lệ hộ gia đình văn hóa đạt 87,% kế hoạch.\n" + TAIL)
    assert [(p.rule_id, p.text) for p in rr.problems] == [("NUM001", "87,")]
    assert not any(num.text.startswith("87") for i in rr.report.indicators for num in (i.values.th, i.values.pct_kh)
                   if num is not None)


@pytest.mark.parametrize("decimals", [51, 64])
def test_a_dot_decimal_beyond_the_digit_limit_is_not_said_to_be_read(decimals: int) -> None:
    """A dot decimal with more decimals than the digit limit is repaired in form but gets no
    value: its NUM002 says so (and why) instead of “read as …”; a short one still says its reading."""
    long = "12." + "3" * decimals
    rr = read_document_bytes(HEAD + f"Thu nhập đạt {long} triệu đồng; năng suất lúa đạt 46.8 tạ/ha.\n" + TAIL)
    by_text = {p.text: p for p in rr.problems if p.rule_id == "NUM002"}
    far, near = by_text[long], by_text["46.8"]
    assert "read as" not in far.en and "đã đọc là" not in far.vi
    assert "50 digits" in far.en and "50 chữ số" in far.vi and "no value" not in far.en
    assert "was not given a value" in far.en and "không được đọc giá trị" in far.vi
    assert "read as 46,8" in near.en and "đã đọc là 46,8" in near.vi


def read_document_bytes(text: str):
    from auditor.extract import to_read_result

    return to_read_result(extract_bytes(text.encode("utf-8"), "x.txt"))


def test_conversion_quirks_markdown_latex_html_nfd_split_lines():
    body = ("**2. Chỉ tiêu**\n\n"
            "1\\. Số rãnh thoát nước làm mới: 1,5 km = 100\\% KH\n"
            "2\\. Vỉa hè làm mới: 2.000 m<sup>2</sup> = 100%KH\n"
            "3\\. Thu nhập bình quân đầu người: 60,2 triệu đồng/năm\n"
            "= 100%KH=110,2%CK\n\n"
            "Tỷ lệ người có việc làm: $1.800/2.000 = 90\\%$.\n")
    r = doc(body, name="x.md")
    ind = {i.code: i for i in r.indicators}
    assert ind["2"].unit == "m²" and ind["2"].values.th.src.quote.endswith("m<sup>2</sup> = 100%KH")
    assert ind["3"].values.pct_ck.text == "110,2" and ind["3"].values.pct_ck.src.line != ind["3"].values.th.src.line
    assert ind["1"].values.pct_kh.text == "100"
    rate = r.rates[0]
    assert (rate.numerator.text, rate.denominator.text, rate.percent.text) == ("1.800", "2.000", "90")
    nfd = doc(unicodedata.normalize("NFD", body), name="x.md")
    assert facts_of(nfd)["indicators"] == facts_of(r)["indicators"]


def test_page_break_inside_a_sentence():
    r = doc("Kết quả: thu ngân sách ước đạt\n\n12,45 tỷ đồng, bằng 105,3% dự toán.\n")
    i = r.indicators[0]
    assert i.values.th.text == "12,45" and i.values.th.src.line != i.src.line


TABLE = ("2. Kết quả thực hiện các chỉ tiêu\n\n"
         "TT\tChỉ tiêu\tĐVT\tTH năm 2022\tKH năm 2023\tKết quả thực hiện\t\tGhi chú\n"
         "\t\t\t\t\tƯớc TH năm 2023\tSo với KH (%)\t\n"
         "A\tB\tC\t1\t2\t3\t4=3/2*100\t5\n"
         "I\tKinh tế (3 chỉ tiêu)\t\t\t\t\t\t\n"
         "1\tSản lượng lương thực\ttấn\t2.400\t2.500\t2.550\t102,0\t\n"
         "2\tCơ cấu kinh tế\t\t\t\t\t\t\n"
         "-\tNông nghiệp\t%\t\t\t19\t\t\n"
         "-\tDịch vụ\t\"\t\t\t81\t\t\n"
         "3\tThu nhập bình quân\tTrđ\t60\t64\t65,6\t102,5\t\n"
         "II\tXã hội (1 chỉ tiêu)\t\t\t\t\t\t\n"
         "4\tTỷ lệ hộ nghèo\t%\t3,2\t2,8\t\t\tĐánh giá cuối năm\n")


def test_indicator_table_from_tabs():
    r = doc(TABLE)
    t = r.tables[0]
    keys = [c.key for c in t.columns]
    assert keys == [None, None, None, "ck", "kh", "th", "pct_kh", None]
    assert t.columns[6].label == "Kết quả thực hiện / So với KH (%)" and t.columns[6].number == "4=3/2*100"
    ind = {i.code: i for i in r.indicators}
    assert (ind["1"].values.ck.text, ind["1"].values.kh.text, ind["1"].values.th.text,
            ind["1"].values.pct_kh.text) == ("2.400", "2.500", "2.550", "102,0")
    assert ind["1"].group == "Kinh tế" and ind["4"].group == "Xã hội"
    assert [p.unit for p in ind["2"].parts] == ["%", "%"]           # the ditto mark repeats “%”
    assert ind["4"].status == "Đánh giá cuối năm"
    assert [(c.of.group, c.stated.text) for c in r.counts] == [("Kinh tế", "3"), ("Xã hội", "1")]
    assert not {h for h in rules_hit(r) if h[1] == "error"}


def test_indicator_table_from_docx_with_merged_cells():
    data = docx_from_text(HEAD + TABLE + TAIL)
    ex = extract_bytes(data, "x.docx")
    r = ex.report
    assert ex.kind == "docx"
    t = r.tables[0]
    assert t.columns[6].label == "Kết quả thực hiện / So với KH (%)"
    assert r.indicators[0].values.th.src.table == 1 and r.indicators[0].values.th.src.row == 5
    assert facts_of(r)["indicators"] == facts_of(doc(TABLE))["indicators"]


def test_docx_auto_numbering_heading_styles_and_header_table():
    import docx

    d = docx.Document()
    hdr = d.add_table(rows=1, cols=2)
    hdr.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nXÃ AN PHÚ\nSố: 125/BC-UBND"
    hdr.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nAn Phú, ngày 15 tháng 12 năm 2023"
    d.add_paragraph("BÁO CÁO")
    d.add_paragraph("Tổng kết công tác thi đua, khen thưởng năm 2023")
    d.add_paragraph("I. KẾT QUẢ ĐẠT ĐƯỢC", style="Heading 1")
    d.add_paragraph("Các chỉ tiêu chủ yếu", style="Heading 2")
    for line in ("Tổng giá trị sản xuất: 500 tỷ đồng = 104,2% KH", "Số doanh nghiệp thành lập mới: 11 doanh nghiệp=122,2%KH",
                 "Số hộ nghèo giảm 24 hộ = 100% KH"):
        d.add_paragraph(line, style="List Number")
    d.add_paragraph("CHỦ TỊCH")
    d.add_paragraph("Nguyễn Văn Bình")
    buf = io.BytesIO()
    d.save(buf)
    ex = extract_bytes(buf.getvalue(), "x.docx")
    r = ex.report
    assert (r.meta.number, r.meta.place, r.meta.issuer) == ("125/BC-UBND", "An Phú", "UBND xã An Phú")
    assert [i.code for i in r.indicators] == ["1", "2", "3"]
    assert r.indicators[1].values.pct_kh.text == "122,2"
    assert r.indicators[0].values.th.src.paragraph is not None
    assert any(s.heading == "Các chỉ tiêu chủ yếu" for s in r.sections)
    assert r.meta.signatory.name == "Nguyễn Văn Bình"


def test_unparsed_numbers_are_listed_with_their_place():
    ex = extract_bytes((HEAD + "Xây dựng 8 phòng học 2 tầng; tuyến tỉnh lộ 509 được nâng cấp.\n" + TAIL).encode(),
                       "x.txt")
    left = {(u.text, u.reason) for u in ex.unparsed}
    # “tỉnh lộ 509” is a road's name; “8 phòng” a count no relation uses; “2 tầng” a bare number
    assert ("509", "in_name") in left and ("2", "not_recognised") in left and ("8", "quantity") in left
    u = next(u for u in ex.unparsed if u.text == "509")
    assert u.src.line == 16 and "tỉnh lộ 509" in u.src.quote


# ============================================================================ bad files

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 24


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for k, v in members.items():
            z.writestr(k, v)
    return buf.getvalue()


BAD_FILES = {
    "old.doc": (OLE + "WordDocument".encode("utf-16-le") + b"\0" * 64, "INP005", ".docx"),
    "report.pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "INP005", "PDF"),
    "locked.docx": (OLE + "EncryptedPackage".encode("utf-16-le") + b"\0" * 64, "INP005", "mật khẩu"),
    "broken.docx": (b"PK\x03\x04" + b"\x00garbage" * 20, "INP005", "hỏng"),
    "archive.docx": (_zip({"a.txt": b"hello"}), "INP005", "ZIP"),
    "empty.txt": (b"", "INP002", "rỗng"),
    "blank.docx": (b"   \n", "INP002", "rỗng"),
    "tcvn3.txt": ("B¸o c¸o\nTæng kÕt c«ng t¸c thi ®ua khen th­ëng n¨m 2022\nKÕt qu¶ ®¹t ®­îc trong n¨m "
                  "vÒ c¸c chØ tiªu kinh tÕ x· héi".encode("utf-8"), "INP005", "Unikey"),
    "vni.txt": ("Baùo caùo\nToång keát coâng taùc thi ñua khen thöôûng naêm 2022\nKeát quaû ñaït ñöôïc "
                "trong naêm veà caùc chæ tieâu kinh teá xaõ hoäi".encode("utf-8"), "INP005", "Unikey"),
    "cp1258.txt": ("Báo cáo thi đua năm 2023".encode("cp1258"), "INP001", "UTF-8"),
    "sheet.xlsx": (_zip({"xl/workbook.xml": b"<x/>", "[Content_Types].xml": b"<x/>"}), "INP005", "Excel"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_gives_a_clear_finding(tmp_path, name):
    data, rule, words = BAD_FILES[name]
    p = tmp_path / name
    p.write_bytes(data)
    ex = extract(p)
    assert ex.report is None
    assert [x.rule_id for x in ex.problems] == [rule]
    msg = ex.problems[0]
    assert words.lower() in (msg.vi + " " + msg.en).lower()
    res = CliRunner().invoke(main, ["check", str(p)])
    assert res.exit_code == 1, res.output
    assert rule in res.output and "Traceback" not in res.output
    res = CliRunner().invoke(main, ["extract", str(p)])
    assert res.exit_code == 1 and "Traceback" not in res.output


def test_legacy_font_docx(tmp_path):
    import docx

    d = docx.Document()
    for line in ("B¸o c¸o", "Tæng kÕt c«ng t¸c thi ®ua khen th­ëng n¨m 2022", "KÕt qu¶ ®¹t ®­îc vÒ c¸c chØ tiªu"):
        run = d.add_paragraph().add_run(line)
        run.font.name = ".VnTime"
    p = tmp_path / "old_font.docx"
    d.save(p)
    ex = extract(p)
    assert ex.report is None and ex.problems[0].rule_id == "INP005" and "TCVN3" in ex.problems[0].vi


def test_pdf_named_json_and_docx_named_json(tmp_path):
    """The JSON reader too recognises documents instead of saying “invalid JSON”."""
    p = tmp_path / "r.json"
    p.write_bytes(BAD_FILES["report.pdf"][0])
    res = CliRunner().invoke(main, ["check", str(p)])
    assert res.exit_code == 1 and "INP005" in res.output
    p.write_bytes(docx_from_text(HEAD + TAIL))
    res = CliRunner().invoke(main, ["check", str(p)])
    assert res.exit_code == 1 and "INP005" in res.output and ".docx" in res.output


def test_no_traceback_from_the_real_command(tmp_path):
    p = tmp_path / "x.doc"
    p.write_bytes(BAD_FILES["old.doc"][0])
    out = subprocess.run([AUDIT, str(p)], capture_output=True, text=True)
    assert out.returncode == 1 and "Traceback" not in out.stderr + out.stdout and "INP005" in out.stdout


# ============================================================================ command line

@needs_seeds
def test_cli_extract_round_trip(tmp_path):
    seed = SEEDS_DIR / "001_3cdedf276bc2b5a6.txt"
    out = tmp_path / "r.json"
    res = CliRunner().invoke(main, ["extract", str(seed), "-o", str(out), "--explain"])
    assert res.exit_code == 0, res.output
    assert "không có trong báo cáo" in res.output and "dòng 66" in res.output  # “tỉnh lộ 509”
    data = json.loads(out.read_text("utf-8"))
    assert data["meta"]["unit"]["name"] == "Hoàng Kim"
    direct = CliRunner().invoke(main, ["check", str(seed), "-f", "json"])
    via_json = CliRunner().invoke(main, ["check", str(out), "-f", "json"])
    assert direct.exit_code == via_json.exit_code == 1

    def keys(r):
        return sorted((f["rule_id"], f["pointer"], f.get("stated")) for f in json.loads(r.output)["findings"])
    assert keys(direct) == keys(via_json)


@needs_seeds
def test_cli_audit_text_points_into_the_document():
    res = CliRunner().invoke(main, ["check", str(SEEDS_DIR / "000_11283473c0855b4c.txt"), "-f", "concise"])
    assert res.exit_code == 1
    line = next(x for x in res.output.splitlines() if "VAL001" in x and "0,95" in x)
    assert ".txt:133:" in line  # the line of “0,95km” in the seed


def test_cli_extract_stdout_and_english_explain(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text(HEAD + "Tuyến tỉnh lộ 509 được nâng cấp.\n" + TAIL, encoding="utf-8")
    res = CliRunner().invoke(main, ["extract", str(p), "--explain", "--lang", "en"])
    assert res.exit_code == 0
    assert json.loads(res.stdout)["meta"]["number"] == "125/BC-UBND"
    assert "part of a name" in res.stderr and "509" in res.stderr


def test_read_document_positions_for_text():
    rr = read_document_bytes(HEAD + "Có 03/19 xã đạt chuẩn nông thôn mới, chiếm 18,5%.\n" + TAIL)
    assert rr.positions["/rates/0/percent"][0] == 16


# ============================================================================ a report never seen

UNSEEN = DATA / "unseen_phuong_2024.md"


@pytest.mark.parametrize("kind", ["md", "docx"])
def test_unseen_clean_report_raises_nothing(kind):
    """A report written in another style (Markdown headings, pipe table, escaped list numbers,
    HTML superscript), internally consistent: the extraction finds its facts and the rules find
    nothing to report."""
    text = UNSEEN.read_text("utf-8")
    data = text.encode("utf-8") if kind == "md" else docx_from_text(text)
    ex = extract_bytes(data, f"unseen.{kind}")
    r = ex.report
    assert (r.meta.unit.kind, r.meta.unit.name, r.meta.number) == ("phuong", "Hòa Bình", "215/BC-UBND")
    assert [i.code for i in r.indicators if i.table and i.table.startswith("list")] == ["1", "2", "3", "4", "5", "6"]
    assert r.structures[0].total_value.text == "2.450"
    assert {t.total.text for t in r.totals} >= {"15", "640"}
    assert r.council.others.text == "10" and r.products and r.differences and len(r.rates) == 3
    assert {a.key for a in r.awards} >= {"ttldtt", "ttldxs", "ldtt", "cstdcs", "bang_khen_tinh"}
    assert {m.kind for m in r.mentions} >= {"anniversary", "term", "ordinal", "period", "lunar_date"}
    assert [(c.condition, c.stated.text) for c in r.counts] == [("all", "6"), ("exceeds_plan", "2")]
    got = [(f.rule_id, f.severity, f.message.en) for f in _audit(r) if f.severity in ("error", "warning")]
    assert got == []


@pytest.mark.parametrize("change,rule,severity", [
    ("công nghiệp - xây dựng 860 tỷ đồng", "SUM001", "error"),      # parts no longer add up
    ("02 Phó Chủ tịch và 10 ủy viên", "SUM004", "error"),            # council 1 + 2 + 11 ≠ 13
    # another household total; that the rates of the paragraph share one base is inferred: a warning
    ("58 hộ cận nghèo, chiếm 1,78%", "PCT004", "warning"),
    ("sản lượng 493 tấn", "PRD001", "error"),                         # 85 ha × 58 tạ/ha ≠ output
    ("trong đó 2 chỉ tiêu vượt", "CNT001", "error"),                  # the list has 2 above plan
    ("bê tông hóa 1,2 km ngõ", "VAL001", "error"),                    # the list says 1,2 km, in the same words
])
def test_unseen_report_with_one_error(change, rule, severity):
    wrong = {"công nghiệp - xây dựng 860 tỷ đồng": "công nghiệp - xây dựng 880 tỷ đồng",
             "02 Phó Chủ tịch và 10 ủy viên": "02 Phó Chủ tịch và 11 ủy viên",
             "58 hộ cận nghèo, chiếm 1,78%": "58 hộ cận nghèo, chiếm 2,78%",
             "sản lượng 493 tấn": "sản lượng 439 tấn",
             "trong đó 2 chỉ tiêu vượt": "trong đó 3 chỉ tiêu vượt",
             "bê tông hóa 1,2 km ngõ": "bê tông hóa 2,1 km ngõ"}[change]
    text = UNSEEN.read_text("utf-8")
    assert text.count(change) == 1
    r = extract_bytes(text.replace(change, wrong).encode("utf-8"), "x.md").report
    assert rule in {f.rule_id for f in _audit(r) if f.severity == severity}


def test_appendix_with_award_table_after_the_signature():
    body = "5. Công tác khen thưởng\n\nKết quả khen thưởng chi tiết tại Phụ lục 1.\n"
    appendix = ("\nPHỤ LỤC 1\n\nKẾT QUẢ KHEN THƯỞNG NĂM 2023\n\n"
                "TT\tDanh hiệu, hình thức khen thưởng\tTập thể\tCá nhân\n"
                "1\tLao động tiên tiến\t\t35\n"
                "2\tChiến sĩ thi đua cơ sở\t\t40\n"
                "3\tTập thể lao động tiên tiến\t6\t\n")
    for name, data in (("x.txt", (HEAD + body + TAIL + appendix).encode()),
                       ("x.docx", docx_from_text(HEAD + body + TAIL + appendix))):
        r = extract_bytes(data, name).report
        aw = {a.key: a for a in r.awards}
        assert aw["ldtt"].individuals.text == "35" and aw["ttldtt"].collectives.text == "6", name
        assert [(a.label, a.present) for a in r.appendices] == [("Phụ lục 1", True)], name
        assert r.meta.signatory.name == "Nguyễn Văn Bình"
        # 40 Chiến sĩ thi đua cơ sở among 35 Lao động tiên tiến: the tier rule fires
        assert ("AWD001", "error") in rules_hit(r), name
