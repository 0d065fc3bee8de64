"""Legal references (family 11): the registry of documents, the citation parser, and the LEG
rules on the seeds (the real defects at the right place, silence on correct citations)."""

from __future__ import annotations

import copy
import datetime as dt
import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from auditor.cli import main
from auditor.engine.ruleset import drop_strict, load_rules, select_rules
from auditor.engine.runner import run_rules
from auditor.model.report import DocRef, JsonNumberText, Report
from auditor.registries.citations import find_citations, kind_from_number, parse_citation, parse_vn_date
from auditor.registries.legal import (
    REQUIRED_KEYS,
    RegistryError,
    in_force_successor,
    legal_registry,
    lookup,
    normalize_number,
    number_year,
    parse_rows,
)

FIX = Path(__file__).resolve().parent.parent / "fixtures"
RULESET = load_rules()
LEGAL = [r for r in RULESET.rules if r.family == "legal"]


def load(name: str) -> dict[str, Any]:
    return json.loads((FIX / name).read_text("utf-8"), parse_float=JsonNumberText, parse_int=JsonNumberText)


def run(data: dict[str, Any], rules=None):
    return run_rules(Report.model_validate(data), rules or LEGAL, "test")


def keys(res, severities=("error", "warning", "info")) -> set[tuple[str, str]]:
    return {(f.rule_id, f.pointer) for f in res.findings if f.severity in severities}


# ----------------------------------------------------------------------------- registry

# DOMAIN.md §7, every document it names, with the dates it gives (issued, effective).
DOMAIN_7: dict[str, tuple[dt.date | None, dt.date | None]] = {
    "15/2003/QH11": (None, None),
    "47/2005/QH11": (None, None),
    "32/2009/QH12": (None, None),
    "39/2013/QH13": (None, None),
    "16/VBHN-VPQH": (dt.date(2013, 12, 13), None),
    "06/2022/QH15": (dt.date(2022, 6, 15), dt.date(2024, 1, 1)),
    "91/2017/NĐ-CP": (dt.date(2017, 7, 31), dt.date(2017, 10, 1)),
    "98/2023/NĐ-CP": (dt.date(2023, 12, 31), None),
    "152/2025/NĐ-CP": (dt.date(2025, 6, 14), None),
    "12/2019/TT-BNV": (dt.date(2019, 11, 4), dt.date(2020, 1, 1)),
    "01/2024/TT-BNV": (None, None),
    "15/2025/TT-BNV": (None, None),
    "34-CT/TW": (dt.date(2014, 4, 7), None),
    "03-CT/TW": (dt.date(2011, 5, 14), None),
    "05-CT/TW": (dt.date(2016, 5, 15), None),
    "01-KL/TW": (dt.date(2021, 5, 18), None),
    "16/2021/QH15": (dt.date(2021, 7, 27), None),
    "07/2021/NĐ-CP": (dt.date(2021, 1, 27), None),
    "86/2023/NĐ-CP": (dt.date(2023, 12, 7), None),
    "122/2018/NĐ-CP": (None, None),
}


def raw_rows() -> list[dict[str, Any]]:
    text = resources.files("auditor.data").joinpath("legal_documents.yaml").read_text("utf-8")
    return yaml.safe_load(text)["documents"]


def test_every_registry_row_is_well_formed():
    rows = raw_rows()
    reg = parse_rows(rows)  # raises on missing keys, bad dates, dangling replaced_by, duplicates
    assert len(reg) == len(rows)
    for row in rows:
        assert all(k in row for k in REQUIRED_KEYS), row
        assert str(row["source"]).strip(), row
        assert isinstance(row["date"], dt.date) or (row["date"] is None and row.get("date_verified") is False)
        for k in ("effective", "replaced_from"):
            assert row.get(k) is None or isinstance(row[k], dt.date), (row["number"], k)
    for doc in reg.values():
        if doc.replaced_by:
            assert lookup(doc.replaced_by) is not None
            assert doc.date is None or doc.replaced_from > doc.date
        if doc.effective and doc.date:
            assert doc.effective >= doc.date
        # The year in a normative number is the year of issue.
        if number_year(doc.number) and doc.date:
            assert number_year(doc.number) == doc.date.year, doc.number


def test_every_document_of_domain_7_is_in_the_registry_with_its_dates():
    for number, (issued, effective) in DOMAIN_7.items():
        doc = lookup(number)
        assert doc is not None, number
        if issued:
            assert doc.date == issued, number
        if effective:
            assert doc.effective == effective, number


def test_domain_7_replacements():
    assert lookup("91/2017/NĐ-CP").replaced_by == "98/2023/NĐ-CP"
    assert lookup("91/2017/NĐ-CP").replaced_from == dt.date(2024, 1, 1)
    assert lookup("98/2023/NĐ-CP").replaced_from == dt.date(2025, 7, 1)
    assert lookup("122/2018/NĐ-CP").replaced_by == "86/2023/NĐ-CP"
    assert lookup("122/2018/NĐ-CP").replaced_from == dt.date(2024, 1, 30)
    for old in ("15/2003/QH11", "47/2005/QH11", "39/2013/QH13", "16/VBHN-VPQH"):
        assert lookup(old).replaced_by == "06/2022/QH15"
        assert lookup(old).replaced_from == dt.date(2024, 1, 1)
    # DOMAIN says “verify” / sources conflict: never asserted.
    assert lookup("15/2025/TT-BNV").date_verified is False
    assert lookup("01/2024/TT-BNV").date is None and lookup("01/2024/TT-BNV").date_verified is False
    assert lookup("01/2024/TT-BNV").replaced_verified is False


def test_successor_chain_follows_to_the_document_in_force():
    assert in_force_successor(lookup("121/2005/NĐ-CP"), dt.date(2024, 7, 1)).number == "98/2023/NĐ-CP"
    assert in_force_successor(lookup("91/2017/NĐ-CP"), dt.date(2025, 9, 1)).number == "152/2025/NĐ-CP"
    assert in_force_successor(lookup("91/2017/NĐ-CP"), dt.date(2023, 9, 1)) is None


@pytest.mark.parametrize("written,canonical", [
    ("91/2017/ND-CP", "91/2017/NĐ-CP"),
    ("số 91/2017/NĐ - CP", "91/2017/NĐ-CP"),
    ("91/2017/nđ-cp", "91/2017/NĐ-CP"),
    ("5-CT/TW", "05-CT/TW"),
    ("05-CT/TƯ", "05-CT/TW"),
    ("05 – CT/TW", "05-CT/TW"),
    ("Số: 6/2022/QH15", "06/2022/QH15"),
    ("16/VBHN-VPQH", "16/VBHN-VPQH"),
])
def test_number_normalisation(written, canonical):
    assert normalize_number(written) == normalize_number(canonical)
    assert lookup(written).number == canonical


def test_provincial_party_committee_is_not_the_central_committee():
    assert normalize_number("04-CT/TU") != normalize_number("04-CT/TW")
    assert lookup("03-CT/TU") is None


def test_registry_errors_are_reported():
    good = {"number": "1/2020/NĐ-CP", "kind": "Nghị định", "issuer": "Chính phủ", "title": "x",
            "date": dt.date(2020, 1, 1), "source": "test"}
    with pytest.raises(RegistryError, match="missing"):
        parse_rows([{k: v for k, v in good.items() if k != "source"}])
    with pytest.raises(RegistryError, match="not in the registry"):
        parse_rows([{**good, "replaced_by": "2/2021/NĐ-CP", "replaced_from": dt.date(2021, 1, 1)}])
    with pytest.raises(RegistryError, match="duplicate"):
        parse_rows([good, {**good, "number": "01/2020/ND-CP"}])
    with pytest.raises(RegistryError, match="ISO date"):
        parse_rows([{**good, "date": "31/12/2020"}])
    with pytest.raises(RegistryError, match="date_verified"):
        parse_rows([{**good, "date": None}])


# ----------------------------------------------------------------------------- citation parser

def test_parse_decree_citation():
    c = parse_citation("Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ quy định chi tiết "
                       "thi hành một số điều của Luật thi đua khen thưởng;")
    assert c is not None
    assert (c["kind"], c["number"], c["issuer"]) == ("Nghị định", "91/2017/NĐ-CP", "Chính phủ")
    assert (c["date"].day, c["date"].month, c["date"].year) == (31, 7, 2017)
    assert c["title"] == "quy định chi tiết thi hành một số điều của Luật thi đua khen thưởng"
    DocRef(**{**c, "date": c["date"].model_dump()})  # the fields build a DocRef (the date: its fields)


def test_parse_party_document_without_year():
    c = parse_citation("gắn với việc thực hiện Chỉ thị số 05-CT/TW, ngày 15/5/2016 của Bộ chính trị về "
                       "“Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh” nhằm …")
    assert (c["kind"], c["number"], c["issuer"]) == ("Chỉ thị", "05-CT/TW", "Bộ chính trị")
    assert c["date"].text == "ngày 15/5/2016"
    assert c["title"] == "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
    assert number_year(c["number"]) is None


def test_parse_letter_and_date_in_words():
    c = parse_citation("Thực hiện công văn số 2067/UBND-NV ngày 21/6/2024 của UBND huyện về Hướng dẫn sơ kết")
    assert (c["kind"], c["number"], c["issuer"], c["title"]) == (
        "Công văn", "2067/UBND-NV", "UBND huyện", "Hướng dẫn sơ kết")
    c = parse_citation("theo Kế hoạch số 3077/KH-UBND ngày 30 tháng 8 năm 2019 của Ủy ban nhân dân tỉnh Cao Bằng")
    assert (c["date"].day, c["date"].month, c["date"].year) == (30, 8, 2019)
    assert c["issuer"] == "Ủy ban nhân dân tỉnh Cao Bằng"


def test_parse_law_name_before_number():
    c = parse_citation("Triển khai thi hành Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022 "
                       "của Quốc hội, có hiệu lực từ ngày 01/01/2024.")
    assert (c["kind"], c["number"], c["issuer"], c["title"]) == (
        "Luật", "06/2022/QH15", "Quốc hội", "Thi đua, khen thưởng")


def test_find_every_citation_of_a_paragraph():
    text = ("Thực hiện Kế hoạch số 01/KH-HĐTĐKT ngày 28/1/2022 của Hội đồng Thi đua, khen thưởng tỉnh "
            "Cao Bằng về kế hoạch công tác năm 2022 và Công văn số 802/TTr-VP ngày 15/11/2022 của Thanh "
            "tra tỉnh Cao Bằng về việc kiểm tra công tác thi đua")
    found = find_citations(text)
    assert [c["number"] for c in found] == ["01/KH-HĐTĐKT", "802/TTr-VP"]
    assert found[0]["issuer"] == "Hội đồng Thi đua, khen thưởng tỉnh Cao Bằng"
    assert found[0]["title"] == "kế hoạch công tác năm 2022"
    assert text[found[1]["start"]:].startswith("Công văn số 802/TTr-VP")
    assert found[1]["issuer"] == "Thanh tra tỉnh Cao Bằng"


def test_parse_odd_forms():
    assert parse_citation("Chỉ thị 12 và văn hóa công vụ")["number"] == "12"
    c = parse_citation("NĐ 98/2023/NĐ-CP ngày 31/12/2023")
    assert (c["kind"], c["number"]) == ("Nghị định", "98/2023/NĐ-CP")
    assert parse_citation("ban hành Kế hoạch số 22/KH-UBND, ngày 21 tháng 01 năm 2022")["date"].month == 1
    assert parse_citation("không có văn bản nào") is None
    assert parse_citation("") is None
    # kind only from an unambiguous code in the number
    assert parse_citation("số 98/2023/NĐ-CP")["kind"] == "Nghị định"
    assert kind_from_number("06/2022/QH15") is None  # a law or a resolution
    assert kind_from_number("2067/UBND-NV") is None


@pytest.mark.parametrize("text,expected", [
    ("ngày 21/6/2024", (21, 6, 2024)),
    ("ngày 07/4/2014", (7, 4, 2014)),
    ("ngày 30 tháng 8 năm 2019", (30, 8, 2019)),
    ("ngày 14-5-2011", (14, 5, 2011)),
    ("ngày 14.5.2011", (14, 5, 2011)),
    ("ngày   tháng 7 năm 2024", (None, 7, 2024)),
    ("Thị trấn Bút Sơn, ngày tháng năm 2022", (None, None, 2022)),
    ("ngày … tháng … năm 2022", (None, None, 2022)),
    ("ngày 31/2/2024", None),
    ("ngày 12/13/2024", None),
    ("không có ngày", None),
])
def test_parse_vn_date(text, expected):
    d = parse_vn_date(text)
    assert (None if d is None else (d.day, d.month, d.year)) == expected


_KINDS = st.sampled_from([("Nghị định", "NĐ-CP"), ("Thông tư", "TT-BNV"), ("Quyết định", "QĐ-UBND"),
                          ("Nghị quyết", "NQ-HĐND"), ("Thông tư liên tịch", "TTLT-BTC-BNV")])
_ISSUERS = st.sampled_from(["Chính phủ", "Bộ Nội vụ", "UBND tỉnh Thanh Hóa", "Thủ tướng Chính phủ",
                            "Hội đồng nhân dân tỉnh Cao Bằng"])


@given(kind=_KINDS, n=st.integers(1, 9999), day=st.dates(dt.date(1990, 1, 1), dt.date(2035, 12, 31)),
       issuer=_ISSUERS, words=st.booleans(), pad=st.booleans())
def test_parse_citation_round_trip(kind, n, day, issuer, words, pad):
    name, suffix = kind
    number = f"{n:02d}/{day.year}/{suffix}" if pad else f"{n}/{day.year}/{suffix}"
    when = (f"ngày {day.day} tháng {day.month} năm {day.year}" if words
            else f"ngày {day.day:02d}/{day.month}/{day.year}")
    c = parse_citation(f"Căn cứ {name} số {number} {when} của {issuer} về việc ban hành quy chế;")
    assert c is not None
    assert (c["kind"], c["number"], c["issuer"]) == (name, number, issuer)
    assert (c["date"].year, c["date"].month, c["date"].day) == (day.year, day.month, day.day)
    assert c["title"] == "ban hành quy chế"
    assert DocRef(**{**c, "date": c["date"].model_dump()}).number == number


# ----------------------------------------------------------------------------- rules on the seeds

def test_seed_003_chi_thi_05_with_the_date_of_chi_thi_03():
    res = run(load("seed_003_trung_khanh_2022.json"))
    assert keys(res) == {("LEG001", "/references/13/date")}
    f = res.findings[0]
    assert f.severity == "warning"
    assert "14/05/2011" in f.message.vi and "15/05/2016" in f.message.vi and "03-CT/TW" in f.message.vi
    assert "03-CT/TW" in f.message.en
    assert f.src is not None and f.src.line == 148


def test_seed_001_replaced_decree_and_circular_as_basis():
    res = run(load("seed_001_hoang_kim_2024h1.json"))
    assert keys(res, ("error", "warning")) == {
        ("LEG002", "/references/2"),   # Nghị định 91/2017/NĐ-CP, results part
        ("LEG002", "/references/3"),   # Thông tư 12/2019/TT-BNV
        ("LEG002", "/references/13"),  # the same two in the plan for the second half of 2024
        ("LEG002", "/references/14"),
    }
    msgs = {f.pointer: f.message.vi for f in res.findings if f.rule_id == "LEG002"}
    assert "98/2023/NĐ-CP" in msgs["/references/2"] and "01/01/2024" in msgs["/references/2"]
    assert "01/2024/TT-BNV" in msgs["/references/3"]
    assert all(f.severity == "warning" for f in res.findings if f.rule_id == "LEG002")


def test_seed_000_and_example_have_no_legal_finding():
    for name in ("seed_000_but_son_2022.json", "example.json"):
        res = run(load(name))
        assert keys(res) == set(), name


# Every correctly dated citation of a registry document in the seeds is checked and passes.
CORRECT_CITATIONS = [
    ("seed_000_but_son_2022.json", "/references/6"),    # Chỉ thị 05-CT/TW ngày 15/5/2016
    ("seed_001_hoang_kim_2024h1.json", "/references/1"),   # Chỉ thị 34-CT/TW ngày 07/4/2014
    ("seed_001_hoang_kim_2024h1.json", "/references/2"),   # Nghị định 91/2017/NĐ-CP ngày 31/7/2017
    ("seed_001_hoang_kim_2024h1.json", "/references/3"),   # Thông tư 12/2019/TT-BNV ngày 04/11/2019
    ("seed_001_hoang_kim_2024h1.json", "/references/12"),
    ("seed_001_hoang_kim_2024h1.json", "/references/13"),
    ("seed_001_hoang_kim_2024h1.json", "/references/14"),
    ("example.json", "/references/1"),                  # Chỉ thị 34-CT/TW
    ("example.json", "/references/2"),                  # Nghị định 91/2017/NĐ-CP
    ("example.json", "/references/3"),                  # Luật 06/2022/QH15 ngày 15/6/2022
]


@pytest.mark.parametrize("name,pointer", CORRECT_CITATIONS)
def test_correct_citation_dates_pass(name, pointer):
    res = run(load(name))
    assert ("LEG001", pointer) in res.passed
    assert ("LEG003", pointer) in res.passed
    assert not [f for f in res.findings if f.pointer.startswith(pointer + "/") and f.rule_id == "LEG001"]


def test_basis_in_force_at_the_report_date_passes():
    res = run(load("example.json"))  # 15/12/2023 cites Nghị định 91/2017 as basis: still in force
    assert ("LEG002", "/references/2") in res.passed


def test_report_on_the_previous_year_may_cite_the_old_texts():
    data = load("example.json")
    data["meta"]["date"] = {"text": "ngày 10/01/2024", "day": 10, "month": 1, "year": 2024}
    assert keys(run(data)) == set()
    data["meta"]["period"] = {"kind": "year", "year": 2024}
    data["meta"]["date"] = {"text": "ngày 10/12/2024", "day": 10, "month": 12, "year": 2024}
    assert ("LEG002", "/references/2") in keys(run(data))


def test_document_issued_after_the_report():
    data = load("example.json")
    data["references"].append({"kind": "Nghị định", "number": "98/2023/NĐ-CP", "role": "basis"})
    res = run(data)
    assert keys(res) == {("LEG003", "/references/4")}
    assert "31/12/2023" in res.findings[0].message.vi
    # a partial report date is an interval: "tháng 12 năm 2023" may be 31/12/2023
    data["meta"]["date"] = {"text": "ngày tháng 12 năm 2023", "month": 12, "year": 2023}
    assert keys(run(data)) == set()


def test_cited_date_after_report_is_left_to_per007():
    data = load("example.json")
    data["references"].append({"kind": "Nghị định", "number": "98/2023/NĐ-CP", "role": "basis",
                               "date": {"text": "ngày 31/12/2023", "day": 31, "month": 12, "year": 2023}})
    all_rules = [r for r in RULESET.rules if r.family in ("legal", "period")]
    assert {k for k in keys(run(data, all_rules)) if k[1] == "/references/4/date" or k[1] == "/references/4"} == {
        ("PER007", "/references/4/date")}


def test_two_tier_government():
    data = load("seed_003_trung_khanh_2022.json")  # UBND huyện, 2022: fine then
    assert not [f for f in run(data).findings if f.rule_id == "LEG005"]
    data["meta"]["date"] = {"text": "ngày tháng 8 năm 2025", "month": 8, "year": 2025}
    assert ("LEG005", "/meta/unit/kind") in keys(run(data))
    data["meta"]["date"] = {"text": "ngày tháng năm 2025", "year": 2025}  # may be before 1/7
    assert not [f for f in run(data).findings if f.rule_id == "LEG005"]
    data = load("seed_000_but_son_2022.json")  # thị trấn
    data["meta"]["date"] = {"text": "ngày 01/7/2025", "day": 1, "month": 7, "year": 2025}
    f = next(f for f in run(data).findings if f.rule_id == "LEG005")
    assert "thị trấn" in f.message.vi and "01/07/2025" in f.message.vi


def test_number_year_against_date():
    data = load("example.json")
    data["references"][2]["date"] = {"text": "ngày 31/7/2018", "day": 31, "month": 7, "year": 2018}
    assert keys(run(data), ("warning",)) == {("LEG001", "/references/2/date"), ("LEG006", "/references/2/date")}


def test_yearless_number_needs_its_title_or_date_to_be_the_same_document():
    data = load("seed_003_trung_khanh_2022.json")
    ref = data["references"][13]
    ref["title"] = "Về công tác cán bộ"
    ref["text"] = "Chỉ thị số 05-CT/TW ngày 14/5/2011 của Bộ Chính trị về công tác cán bộ"
    assert not [f for f in run(data).findings if f.rule_id == "LEG001"]


def test_answers_listed_twice_are_reported_once():
    data = load("example.json")
    late = {"kind": "Chỉ thị", "number": "05-CT/TW", "role": "answers",
            "date": {"text": "ngày 14/5/2011", "day": 14, "month": 5, "year": 2011},
            "title": "Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"}
    data["meta"]["answers"] = [copy.deepcopy(late)]
    assert keys(run(data)) == {("LEG001", "/meta/answers/0/date")}
    data["references"].append(late)
    assert keys(run(data)) == {("LEG001", "/references/4/date")}


# ----------------------------------------------------------------------------- strict rules

def test_strict_rules_are_off_by_default():
    ids = {r.id for r in select_rules(RULESET, None, None)}
    assert "LEG004" not in ids and "LEG001" in ids
    assert "LEG004" not in {r.id for r in select_rules(RULESET, ["LEG"], None)}
    assert "LEG004" in {r.id for r in select_rules(RULESET, ["LEG004"], None)}
    assert "LEG004" in {r.id for r in select_rules(RULESET, None, None, strict=True)}
    assert "LEG004" in {r.id for r in drop_strict(list(RULESET.rules), strict=True)}


def test_strict_flag_on_the_command_line():
    path = str(FIX / "seed_001_hoang_kim_2024h1.json")
    runner = CliRunner()
    off = runner.invoke(main, ["check", path, "--select", "LEG", "-f", "concise"])
    on = runner.invoke(main, ["check", path, "--select", "LEG", "--strict", "-f", "concise"])
    assert "LEG004" not in off.output
    # Văn bản hợp nhất 03/VBHN-BNV (unverified, fixtures/README) is not in the registry. It is
    # cited twice: one finding, the second citation its consequence (one defect, one finding).
    assert on.output.count(": LEG004 [") == 1 and "/references/4" in on.output
    data = json.loads(runner.invoke(main, ["check", path, "--select", "LEG004", "--strict", "-f", "json"]).output)
    [f] = data["findings"]
    assert [(c["rule_id"], c["link"]) for c in f["consequences"]] == [("LEG004", "repeat")]
    assert f["pointer"] != f["consequences"][0]["pointer"]


def test_local_documents_are_never_expected_in_the_registry():
    res = run(load("seed_003_trung_khanh_2022.json"), [r for r in LEGAL if r.id == "LEG004"])
    assert res.findings == []


def test_registry_is_cached():
    assert legal_registry() is legal_registry()


def test_the_heads_lookahead_changes_no_match_and_skips_digit_runs() -> None:
    """`_HEAD` opens with lookaheads for a head's first two letters and word (every head starts with
    one) so that `re` skips digits in one step: the matches are those of the pattern without it, on every seed text and
    on a text with a long run of digits between citations."""
    import re
    from pathlib import Path

    from auditor.registries import citations

    lookaheads = (rf"(?=[{citations._FIRST}][{citations._SECOND}])"
                  rf"(?=(?:{citations._KIND_ALT})|\b(?:{citations._ABBR_ALT})|\bsố)")
    plain = re.compile(citations._HEAD.pattern.removeprefix(lookaheads), citations._HEAD.flags)
    assert plain.pattern != citations._HEAD.pattern
    root = Path(__file__).resolve().parent.parent
    texts = [p.read_text("utf-8") for p in sorted((root / "fixtures" / "seeds").glob("*.txt"))]
    texts.append("Căn cứ Nghị quyết số 12/NQ-HĐND ngày 5/3/2023; " + "7" * 20000
                 + " theo Quyết định số 1632/QĐ-UBND, số 45, Luật số 06/2022/QH15 và NĐ 91/2017/NĐ-CP.")
    for t in texts:
        assert [m.groupdict() | {"at": m.span()} for m in citations._HEAD.finditer(t)] == \
            [m.groupdict() | {"at": m.span()} for m in plain.finditer(t)]
    assert len(list(citations._HEAD.finditer(texts[-1]))) >= 4


@pytest.mark.parametrize("text,title", [
    ("Theo Quyết định số 353/QĐ-TTg ngày 15/3/2022 của Thủ tướng Chính phủ phê duyệt Danh sách huyện nghèo giai "
     "đoạn 2021-2025: Tỷ lệ nghèo đa chiều là 47,94%, tổng số hộ nghèo là 311.981 hộ.",
     "phê duyệt Danh sách huyện nghèo giai đoạn 2021-2025"),
    ("Thực hiện Kế hoạch số 15/KH-UBND ngày 10/01/2024 của UBND huyện về việc tổ chức phong trào thi đua: 12 xã đã "
     "đăng ký.", "tổ chức phong trào thi đua"),
    ("Căn cứ Quyết định số 20/QĐ-UBND ngày 5/02/2024 về việc ban hành Quy chế: - Điều 1 quy định phạm vi.",
     "ban hành Quy chế"),
])
def test_a_colon_that_opens_a_statement_ends_the_cited_title(text, title):
    assert find_citations(text)[0]["title"] == title


def test_a_colon_inside_a_title_followed_by_lower_case_is_kept():
    c = find_citations("Theo Kế hoạch số 7/KH-UBND ngày 3/3/2024 về việc triển khai nhiệm vụ: kiểm tra, đôn đốc các "
                       "thôn.")[0]
    assert c["title"] == "triển khai nhiệm vụ: kiểm tra, đôn đốc các thôn"
