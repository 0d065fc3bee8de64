"""Completeness and identity (issue 3, DOMAIN.md §5 family 12): blank number and date, the
signatory, empty indicators, absent appendices and the unit's own name, on the seeds and on
generated texts (NFD encoding, case and tone placement never make a finding)."""

from __future__ import annotations

import copy
import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditor.checks.completeness import name_variants, syllable_key
from auditor.engine.ruleset import load_rules
from auditor.engine.runner import run_rules
from auditor.model.report import JsonNumberText, Report
from auditor.workflows.examples import BASE_REPORT
from auditor.workflows.pipeline import audit_file

FIX = Path(__file__).resolve().parent.parent / "fixtures"
RULESET = load_rules()
MINE = [r for r in RULESET.rules if r.id[:3] in ("CMP", "CAL")]
CMP = [r for r in RULESET.rules if r.id.startswith("CMP")]
SEEDS = ["seed_000_but_son_2022.json", "seed_001_hoang_kim_2024h1.json", "seed_003_trung_khanh_2022.json"]


def audit(name: str):
    return audit_file(str(FIX / name), RULESET, list(RULESET.rules))


def found(a, prefix: str = "CMP", severities=("error", "warning", "info")) -> set[tuple[str, str]]:
    return {(f.rule_id, f.pointer) for f in a.findings if f.rule_id.startswith(prefix) and f.severity in severities}


def raw(data: Any) -> Any:
    return json.loads(json.dumps(data, ensure_ascii=False), parse_float=JsonNumberText, parse_int=JsonNumberText)


def run(data: dict[str, Any], rules=CMP) -> set[tuple[str, str]]:
    res = run_rules(Report.model_validate(raw(data)), rules, "x")
    return {(f.rule_id, f.pointer) for f in res.findings}


def report(**parts: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE_REPORT)
    meta = parts.pop("meta", {})
    data["meta"].update(meta)
    data.update(parts)
    return data


# ----------------------------------------------------------------------------- seeds

def test_seed_000_completeness() -> None:
    a = audit("seed_000_but_son_2022.json")
    assert found(a) == {("CMP001", "/meta/number"),   # “/BC- UBND”
                        ("CMP002", "/meta/date"),     # “ngày tháng năm 2022”
                        ("CMP004", "/indicators/7")}  # item 8: a name and nothing else
    assert all(f.severity == "info" for f in a.findings if f.rule_id.startswith("CMP"))
    item8 = next(f for f in a.findings if f.rule_id == "CMP004")
    assert "Tỷ lệ tăng thu ngân sách" in item8.message.vi
    # the group rows with parts (“Cơ cấu kinh tế”) and the “duy trì” rows are not empty
    ok = {p for p in a.passed if p[0] == "CMP004"}
    assert {("CMP004", "/indicators/25"), ("CMP004", "/indicators/29")} <= ok
    assert ("CMP003", "/meta") in a.passed and ("CMP006", "/meta") in a.passed


def test_seed_001_completeness() -> None:
    a = audit("seed_001_hoang_kim_2024h1.json")
    assert found(a) == {("CMP001", "/meta/number"), ("CMP002", "/meta/date")}
    date = next(f for f in a.findings if f.rule_id == "CMP002")
    assert "ngày tháng 7 năm 2024" in date.message.vi and "ngày" in date.message.vi


def test_seed_003_absent_appendix_and_case_only_name() -> None:
    a = audit("seed_003_trung_khanh_2022.json")
    assert found(a) == {("CMP001", "/meta/number"), ("CMP002", "/meta/date"), ("CMP005", "/appendices/0")}
    app = next(f for f in a.findings if f.rule_id == "CMP005")
    assert app.severity == "warning" and "Phụ lục 1" in app.message.vi and app.src.line == 18
    # “huyện Trùng khánh” (lines 10, 16) differs from “Trùng Khánh” in case only: no finding
    assert ("CMP006", "/meta") in a.passed


def test_example_is_complete() -> None:
    a = audit("example.json")
    assert found(a) == set()
    assert {("CMP001", "/meta"), ("CMP002", "/meta"), ("CMP003", "/meta")} <= set(a.passed)


# ----------------------------------------------------------------------------- meta fields

@pytest.mark.parametrize("number,blank", [("125/BC-UBND", False), ("/BC-UBND", True), ("/BC- UBND", True),
                                          ("…/BC-UBND", True), ("", True), ("Số: 07/BC-UBND", False),
                                          ("BC-UBND", True)])
def test_blank_number(number: str, blank: bool) -> None:
    assert (("CMP001", "/meta/number") in run(report(meta={"number": number}))) == blank


def test_fields_not_recorded_are_not_judged() -> None:
    # BASE_REPORT carries no number, date or signatory: nothing to say about them
    assert run(report()) == set()


@pytest.mark.parametrize("date,blank", [({"day": 15, "month": 12, "year": 2023}, False),
                                        ({"text": "ngày tháng năm 2023", "year": 2023}, True),
                                        ({"text": "ngày tháng 7 năm 2024", "month": 7, "year": 2024}, True),
                                        ({"text": "ngày ... tháng ... năm ..."}, True)])
def test_blank_date(date: dict[str, Any], blank: bool) -> None:
    assert (("CMP002", "/meta/date") in run(report(meta={"date": date}))) == blank


@pytest.mark.parametrize("sig,blank", [({"title": "CHỦ TỊCH", "name": "Lê Quang Thành"}, False),
                                       ({"on_behalf": "TM. ỦY BAN NHÂN DÂN", "title": "CHỦ TỊCH"}, True),
                                       ({"title": "CHỦ TỊCH", "name": "  "}, True),
                                       ({"title": "CHỦ TỊCH", "name": "........"}, True)])
def test_signatory_name(sig: dict[str, Any], blank: bool) -> None:
    assert (("CMP003", "/meta/signatory") in run(report(meta={"signatory": sig}))) == blank


def test_empty_indicator_counts_status_note_and_parts_as_content() -> None:
    inds = [{"code": "1", "name": "A"},
            {"code": "2", "name": "B", "status": "huyện chưa xét"},
            {"code": "3", "name": "C", "note": "6/6"},
            {"code": "4", "name": "D", "parts": [{"code": "-", "name": "D1"}]},
            {"code": "5", "name": "E", "values": {"pct_kh": "100"}}]
    assert run(report(indicators=inds)) == {("CMP004", "/indicators/0"), ("CMP004", "/indicators/3/parts/0")}


# ----------------------------------------------------------------------------- the unit's name

def texts_report(name: str, kind: str, texts: list[str], title: str = "Báo cáo") -> dict[str, Any]:
    return report(meta={"unit": {"name": name, "kind": kind}, "title": title},
                  sections=[{"heading": "Mở đầu", "text": texts}])


def test_unit_name_diacritic_variant_is_an_info_at_its_place() -> None:
    data = texts_report("Hoàng Kim", "xa", ["UBND xã Hoàng Kim báo cáo.", "Nhân dân xã Hoằng Kim và xã Hoằng Kim."],
                        title="BÁO CÁO CỦA UBND XÃ HOÀNG KIM")
    res = run_rules(Report.model_validate(raw(data)), CMP, "x")
    f = [f for f in res.findings if f.rule_id == "CMP006"]
    assert len(f) == 1 and f[0].pointer == "/sections/0/text/1" and f[0].severity == "info"  # cosmetic (severity policy)
    assert "Hoằng Kim" in f[0].message.vi and "Hoàng Kim" in f[0].message.vi


def test_unit_name_places_in_the_title_the_issuer_a_heading_and_the_texts() -> None:
    """Every kind of place a variant is found in is named by its pointer (`_texts` writes them
    only for the texts that spell the name differently)."""
    data = report(meta={"unit": {"name": "Hoàng Kim", "kind": "xa"}, "title": "BÁO CÁO UBND XÃ HOẰNG KIM",
                        "issuer": "UBND xã Hoằng Kim"},
                  sections=[{"heading": "Mở đầu", "text": ["UBND xã Hoàng Kim báo cáo."]},
                            {"heading": "Kết quả của xã Hoằng Kim", "text": ["Không có gì.", "Xã Hoằng Kim làm tốt."]}])
    res = run_rules(Report.model_validate(raw(data)), CMP, "x")
    f = [f for f in res.findings if f.rule_id == "CMP006"]
    assert len(f) == 1 and f[0].pointer == "/meta/title"
    assert ("cả ở 3 chỗ khác: /meta/issuer, /sections/1/heading, /sections/1/text/1" in f[0].message.vi)


@pytest.mark.parametrize("written", [
    "UBND huyện Trùng khánh",                                   # case only (seed 003)
    "UBND HUYỆN TRÙNG KHÁNH",
    unicodedata.normalize("NFD", "huyện Trùng Khánh"),          # encoding only
    "huyện Trùng Khánh, tỉnh Cao Bằng",
    "thị trấn Trùng Khánh",                                     # another kind of unit
    "huyện Trùng Khánh Hạ",                                     # longer name: the first words agree
    "huyện Hà Quảng",                                           # another unit
])
def test_unit_name_no_finding(written: str) -> None:
    assert run(texts_report("Trùng Khánh", "huyen", [written])) == set()


def test_tone_placement_is_not_a_difference() -> None:
    assert run(texts_report("Hòa An", "xa", ["UBND xã Hoà An"])) == set()        # old vs new placement
    assert run(texts_report("Hòa An", "xa", ["UBND xã Hoá An"])) == {("CMP006", "/sections/0/text/0")}


def test_syllable_key() -> None:
    assert syllable_key("Hoà") == syllable_key("hòa") == syllable_key(unicodedata.normalize("NFD", "HÒA"))
    assert syllable_key("Hoàng") != syllable_key("Hoằng")
    assert syllable_key("Đức") != syllable_key("Dức")
    assert name_variants("xã hội và xã Hoằng Kim", ("xã",), "Hoàng Kim") == ["Hoằng Kim"]


NAMES = [("Hoàng Kim", "xa"), ("Bút Sơn", "thi_tran"), ("Trùng Khánh", "huyen"), ("Quảng Hòa", "huyen"),
         ("Đức Thắng", "phuong"), ("Ngọc Côn", "xa"), ("Thủy Nguyên", "thanh_pho"), ("Vân Đồn", "dac_khu")]
WORD = {"xa": "xã", "thi_tran": "thị trấn", "huyen": "huyện", "phuong": "phường", "thanh_pho": "thành phố",
        "dac_khu": "đặc khu"}
FILLER = st.sampled_from(["UBND", "báo cáo", "năm 2022", "xã hội", "Nhân dân", "các xã,", "Phong trào “thi đua”",
                          "huyện", "tỉnh Cao Bằng", "thị trấn", "(Phụ lục 1)", "đạt 100%", "—", "Ủy ban nhân dân"])


@st.composite
def unit_texts(draw: st.DrawFn) -> tuple[str, str, list[str]]:
    name, kind = draw(st.sampled_from(NAMES))
    texts = []
    for _ in range(draw(st.integers(1, 4))):
        parts = draw(st.lists(FILLER, max_size=4))
        case = draw(st.sampled_from([str, str.upper, str.lower, str.title]))
        parts.insert(draw(st.integers(0, len(parts))), case(f"{WORD[kind]} {name}"))
        texts.append(" ".join(parts))
    return name, kind, texts


def nfd(v: Any) -> Any:
    if isinstance(v, str):
        return unicodedata.normalize("NFD", v)
    if isinstance(v, list):
        return [nfd(x) for x in v]
    if isinstance(v, dict):
        return {k: nfd(x) for k, x in v.items()}
    return v


@given(unit_texts(), st.booleans(), st.booleans())
def test_nfd_encoding_never_creates_a_finding(case: tuple[str, str, list[str]], nfd_name: bool,
                                              nfd_text: bool) -> None:
    """The unit's own name written anywhere in any case, with the name and/or the text in
    NFD: never a CMP006 finding."""
    name, kind, texts = case
    data = texts_report(unicodedata.normalize("NFD", name) if nfd_name else name, kind,
                        nfd(texts) if nfd_text else texts, title=f"BÁO CÁO {WORD[kind].upper()} {name.upper()}")
    assert run(data) == set()


@pytest.mark.parametrize("name", SEEDS + ["example.json"])
def test_nfd_encoding_of_a_whole_report_changes_no_finding(name: str) -> None:
    """Every string of the fixture NFD-encoded: the calendar and completeness rules find exactly
    what they find in the NFC original."""
    data = json.loads((FIX / name).read_text("utf-8"), parse_float=JsonNumberText, parse_int=JsonNumberText)
    before = run_rules(Report.model_validate(data), MINE, name)
    after = run_rules(Report.model_validate(nfd(data)), MINE, name)
    assert {(f.rule_id, f.pointer) for f in after.findings} == {(f.rule_id, f.pointer) for f in before.findings}
    assert sorted(after.passed) == sorted(before.passed)


# Whatever the schema accepts in meta, indicators and appendices: the rules never crash.
_txt = st.one_of(st.none(), st.text(max_size=12), st.sampled_from(["/BC-UBND", "…", "xã An Phù", ""]))


@given(st.fixed_dictionaries({}, optional={
    "number": _txt, "issuer": _txt, "place": _txt,
    "signatory": st.one_of(st.none(), st.fixed_dictionaries({}, optional={"name": _txt, "title": _txt})),
    "date": st.one_of(st.none(), st.fixed_dictionaries({}, optional={
        "day": st.integers(1, 28), "month": st.integers(1, 12), "year": st.integers(1800, 2200), "text": _txt})),
    "unit": st.fixed_dictionaries({"name": st.text(max_size=10)},
                                  optional={"kind": st.sampled_from(["xa", "phuong", "huyen", "other", "tinh"])}),
}), st.lists(st.fixed_dictionaries({"label": st.text(max_size=8)}, optional={"present": st.booleans(),
                                                                             "title": _txt}), max_size=2),
   st.lists(st.text(max_size=40), max_size=3))
def test_odd_meta_never_crashes(meta: dict[str, Any], apps: list[dict[str, Any]], texts: list[str]) -> None:
    data = report(meta=meta, appendices=apps, sections=[{"heading": "x", "text": texts}],
                  indicators=[{"name": "x"}])
    res = run_rules(Report.model_validate(raw(data)), CMP, "x")
    for f in res.findings:
        assert f.message.vi and f.message.en
