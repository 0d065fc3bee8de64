"""Calendar arithmetic in prose (issue 3, DOMAIN.md §5 family 10, §6): the registries, the
helpers the extractor uses, the CAL rules on the seeds and on generated mentions."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditor.engine.ruleset import load_rules
from auditor.engine.runner import run_rules
from auditor.model.report import JsonNumberText, Report
from auditor.registries.calendar import (
    anniversaries,
    can_chi,
    can_chi_in,
    can_chi_years,
    fold,
    match_event,
    match_events,
    match_term,
    ordinal_year,
    terms,
)
from auditor.workflows.examples import BASE_REPORT
from auditor.workflows.pipeline import audit_file

FIX = Path(__file__).resolve().parent.parent / "fixtures"
RULESET = load_rules()
CAL = [r for r in RULESET.rules if r.id.startswith("CAL")]


def audit(name: str):
    return audit_file(str(FIX / name), RULESET, list(RULESET.rules))


def found(a, prefix: str = "CAL") -> set[tuple[str, str]]:
    return {(f.rule_id, f.pointer) for f in a.findings if f.rule_id.startswith(prefix)}


def passed(a, prefix: str = "CAL") -> set[tuple[str, str]]:
    return {p for p in a.passed if p[0].startswith(prefix)}


def run(mentions: list[dict[str, Any]], **meta: Any):
    data = copy.deepcopy(BASE_REPORT)
    data["meta"].update(meta)
    data["mentions"] = mentions
    raw = json.loads(json.dumps(data, ensure_ascii=False), parse_float=JsonNumberText, parse_int=JsonNumberText)
    return run_rules(Report.model_validate(raw), CAL, "x")


# ----------------------------------------------------------------------------- registries

# DOMAIN.md §6, as written there: (phrase a report uses, founding day).
DOMAIN_ANNIVERSARIES = [
    ("Kỷ niệm 92 năm ngày thành lập Đảng Cộng sản Việt Nam", dt.date(1930, 2, 3)),
    ("132 năm ngày sinh Chủ tịch Hồ Chí Minh", dt.date(1890, 5, 19)),
    ("76 năm Ngày Thương binh - Liệt sĩ", dt.date(1947, 7, 27)),
    ("77 năm Cách mạng tháng Tám thành công", dt.date(1945, 8, 19)),
    ("77 năm Ngày truyền thống Công an nhân dân", dt.date(1945, 8, 19)),
    ("77 năm Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam", dt.date(1945, 9, 2)),
    ("74 năm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc", dt.date(1948, 6, 11)),
    ("74 năm Ngày truyền thống thi đua yêu nước", dt.date(1948, 6, 11)),
    ("47 năm Ngày giải phóng miền Nam, thống nhất đất nước", dt.date(1975, 4, 30)),
    ("92 năm Ngày thành lập Mặt trận Tổ quốc Việt Nam", dt.date(1930, 11, 18)),
    ("78 năm Ngày thành lập Quân đội nhân dân Việt Nam", dt.date(1944, 12, 22)),
    ("33 năm Ngày hội Quốc phòng toàn dân", dt.date(1989, 12, 22)),
    ("91 năm Ngày thành lập Đoàn TNCS Hồ Chí Minh", dt.date(1931, 3, 26)),
    ("92 năm Ngày thành lập Hội Liên hiệp Phụ nữ Việt Nam", dt.date(1930, 10, 20)),
    ("92 năm Ngày thành lập Hội Nông dân Việt Nam", dt.date(1930, 10, 14)),
    ("33 năm Ngày thành lập Hội Cựu chiến binh Việt Nam", dt.date(1989, 12, 6)),
    ("40 năm Ngày Nhà giáo Việt Nam", dt.date(1982, 11, 20)),
]


@pytest.mark.parametrize("phrase,date", DOMAIN_ANNIVERSARIES)
def test_every_domain_anniversary_is_in_the_registry(phrase: str, date: dt.date) -> None:
    key = match_event(phrase)
    assert key is not None, phrase
    assert anniversaries()[key].date == date


def test_anniversary_rows_are_well_formed() -> None:
    reg = anniversaries()
    assert len(reg) >= 16
    for key, ev in reg.items():
        assert re.fullmatch(r"[a-z][a-z0-9_]*", key), key
        assert ev.name_vi and ev.name_en and ev.aliases, key
        assert ev.source.strip(), key
        assert ev.label in {"V", "P", "G"}, key  # [U] facts never become rules
        assert dt.date(1850, 1, 1) < ev.date < dt.date(2000, 1, 1), key
        for alias in ev.aliases:  # every alias recognises its own event
            assert match_event(alias) == key, (key, alias)


# DOMAIN.md §6: (term or period, start, end, a word its source must contain).
DOMAIN_TERMS = [
    ("dai_hoi_dang_dia_phuong", 2020, 2025, ""),
    ("dai_hoi_dang_dia_phuong", 2025, 2030, ""),
    ("hdnd", 2021, 2026, ""),
    ("ke_hoach_5_nam", 2021, 2025, "16/2021/QH15"),
    ("ctmtqg_ntm", 2021, 2025, "263/QĐ-TTg"),
    ("ctmtqg_giam_ngheo", 2021, 2025, "90/QĐ-TTg"),
    ("chuan_ngheo_da_chieu", 2022, 2025, "07/2021/NĐ-CP"),
]


@pytest.mark.parametrize("key,start,end,cite", DOMAIN_TERMS)
def test_every_domain_term_is_in_the_registry(key: str, start: int, end: int, cite: str) -> None:
    p = terms()[key].find(start, end)
    assert p is not None and p.source.strip()
    assert cite in p.source


def test_term_rows_are_well_formed() -> None:
    for key, t in terms().items():
        assert re.fullmatch(r"[a-z][a-z0-9_]*", key), key
        assert t.kind in {"term", "plan", "programme", "standard"}, key
        assert t.name_vi and t.name_en and t.aliases and t.periods, key
        for p in t.periods:
            assert 1945 < p.start < p.end < 2100, (key, p)
            assert p.source.strip() and p.label in {"V", "P", "G"}, (key, p)
        for alias in t.aliases:
            assert match_term(alias) == key, (key, alias)


# ----------------------------------------------------------------------------- helpers

def test_match_event_ignores_case_diacritics_encoding_and_punctuation() -> None:
    nfd = unicodedata.normalize("NFD", "KỶ NIỆM 77 NĂM NGÀY THƯƠNG BINH, LIỆT SỸ")
    assert match_event(nfd) == "thuong_binh_liet_si"
    assert match_event("ky niem 92 nam ngay thanh lap dang") == "thanh_lap_dang"
    assert match_event("132 năm ngày sinh nhật Bác") == "sinh_nhat_bac"


def test_match_event_refuses_local_anniversaries_and_longer_names_win() -> None:
    assert match_event("Kỷ niệm 75 năm ngày thành lập Đảng bộ huyện") is None
    assert match_event("kỷ niệm 20 năm thành lập Hội Nông dân xã") is None
    assert match_event("Ngày hội Quốc phòng toàn dân") == "quoc_phong_toan_dan"
    assert match_events("78 năm Ngày thành lập QĐND Việt Nam và 33 năm Ngày hội Quốc phòng toàn dân") == [
        "quan_doi_nhan_dan", "quoc_phong_toan_dan"]
    assert match_event("Tổ chức tốt các hoạt động văn hóa") is None
    assert match_event("") is None and match_event(None) is None


def test_match_term_only_names_national_programmes() -> None:
    assert match_term("Chương trình MTQG giảm nghèo bền vững giai đoạn 2021-2025") == "ctmtqg_giam_ngheo"
    assert match_term("Chương trình mục tiêu quốc gia xây dựng nông thôn mới") == "ctmtqg_ntm"
    assert match_term("theo tiêu chuẩn đa chiều giai đoạn 2022-2025") == "chuan_ngheo_da_chieu"
    assert match_term("nghị quyết đại hội Đảng bộ thị trấn nhiệm kỳ 2015 – 2020") == "dai_hoi_dang_dia_phuong"
    # several named: the years qualify the one written last, nearest to them
    assert match_term("trình HĐND tỉnh ban hành nghị quyết triển khai Chương trình MTQG giảm nghèo bền vững "
                      "giai đoạn 2021 - 2025") == "ctmtqg_giam_ngheo"
    assert match_term("Thường trực HĐND huyện giám sát việc thực hiện Chương trình mục tiêu quốc gia xây dựng nông "
                      "thôn mới giai đoạn 2021-2025") == "ctmtqg_ntm"
    assert match_term("Chương trình MTQG giảm nghèo bền vững được HĐND xã khóa XX, nhiệm kỳ 2021-2026") == "hdnd"
    # a province's own criteria or plan is not a national programme
    assert match_term("Bộ tiêu chí xã nông thôn mới tỉnh Cao Bằng giai đoạn 2021-2025") is None
    assert match_term("Kế hoạch số 76/KH-UBND giai đoạn 2024-2025 trên địa bàn huyện") is None


@pytest.mark.parametrize("text,n", [("năm thứ ba thực hiện", 3), ("Năm thứ 2 thực hiện", 2),
                                   ("là năm thứ tư", 4), ("năm thứ năm", 5), ("thu ngân sách năm 2022", None)])
def test_ordinal_year(text: str, n: int | None) -> None:
    assert ordinal_year(text) == n


@pytest.mark.parametrize("year,name", [(1984, "Giáp Tý"), (2020, "Canh Tý"), (2021, "Tân Sửu"),
                                       (2022, "Nhâm Dần"), (2023, "Quý Mão"), (2024, "Giáp Thìn"),
                                       (2025, "Ất Tỵ"), (2026, "Bính Ngọ")])
def test_can_chi(year: int, name: str) -> None:
    assert can_chi(year) == name
    idx = can_chi_in(f"Tết Nguyên đán {name.lower()}")
    assert idx is not None and year in can_chi_years(idx, year)


def test_can_chi_ignores_impossible_pairs_and_plain_words() -> None:
    assert can_chi_in("Đinh Thìn") is None        # a yin stem with a yang branch names no year
    assert can_chi_in("xã Tân Sơn") is None
    assert can_chi_in("tết Quí Mẹo") == can_chi_in("Tết Quý Mão")


def test_fold() -> None:
    assert fold("Thương binh - Liệt sĩ") == fold(unicodedata.normalize("NFD", "THƯƠNG BINH, LIỆT SĨ")) == "thuong binh liet si"
    assert fold("Đảng") == "dang" and fold(None) == ""


# ----------------------------------------------------------------------------- seeds

def test_seed_000_stale_term_and_correct_anniversaries() -> None:
    a = audit("seed_000_but_son_2022.json")
    assert found(a) == {("CAL003", "/mentions/0")}   # “nhiệm kỳ 2015 – 2020” quoted as current in 2022
    f = next(f for f in a.findings if f.rule_id == "CAL003")
    assert "2015 – 2020" in f.message.vi and "2020 – 2025" in f.message.vi and "2022" in f.message.vi
    assert f.severity == "warning" and f.src is not None and f.src.line == 25
    ok = passed(a)
    assert ("CAL001", "/mentions/1") in ok    # 92 năm ngày thành lập Đảng: 2022 − 1930
    assert ("CAL001", "/mentions/2") in ok    # 132 năm ngày sinh nhật Bác: 2022 − 1890
    assert ("CAL006", "/mentions/0") in ok    # 2015–2020 is a real (past) term: only CAL003 speaks
    assert ("CAL006", "/mentions/5") in ok    # hộ nghèo giai đoạn 2022-2025: the poverty standard
    assert {("CAL008", f"/mentions/{i}") for i in (3, 4, 6)} <= ok   # tết Nhâm Dần in 2022
    assert ("CAL002", "/mentions/8") in ok    # giải phóng miền nam 30/4


def test_seed_001_poverty_programme_period() -> None:
    a = audit("seed_001_hoang_kim_2024h1.json")
    assert found(a) == {("CAL006", "/mentions/3")}   # giảm nghèo bền vững “giai đoạn 2023-2025”
    f = next(f for f in a.findings if f.rule_id == "CAL006")
    assert "2023 – 2025" in f.message.vi and "2021 – 2025" in f.message.vi and f.src.line == 96
    ok = passed(a)
    assert ("CAL007", "/mentions/1") in ok    # năm học mới 2024-2025 has not ended
    assert ("CAL008", "/mentions/2") in ok    # Tết Giáp Thìn năm 2024
    # the province's own plans “giai đoạn 2022 - 2025”, “2024-2025” are not judged at all
    assert not {p for p in ok if p[1] in ("/mentions/0", "/mentions/4", "/mentions/5") and p[0] == "CAL006"}


def test_seed_003_periods_are_right() -> None:
    a = audit("seed_003_trung_khanh_2022.json")
    assert found(a) == set()
    ok = passed(a)
    for i in (2, 3, 5, 6, 7, 8, 9):   # NTM, giảm nghèo 2021–2025; chuẩn nghèo 2022–2025
        assert ("CAL006", f"/mentions/{i}") in ok
    assert ("CAL008", "/mentions/11") in ok   # Tết Nguyên đán Nhâm dần 2022


def test_example_mentions_are_checked_and_clean() -> None:
    a = audit("example.json")
    assert a.findings == []
    ok = passed(a)
    assert {("CAL001", "/mentions/2"), ("CAL001", "/mentions/3"), ("CAL002", "/mentions/2"),
            ("CAL004", "/mentions/0"), ("CAL003", "/mentions/1")} <= ok


# ----------------------------------------------------------------------------- small cases

def keys(res) -> set[tuple[str, str]]:
    return {(f.rule_id, f.pointer) for f in res.findings}


def test_anniversary_in_the_plan_part_may_count_to_next_year() -> None:
    plan = [{"id": "p2", "number": "Phần thứ hai", "heading": "PHƯƠNG HƯỚNG NĂM 2024", "level": 1, "part": "plan"},
            {"id": "p2.1", "heading": "Nhiệm vụ", "level": 2}]
    m = {"kind": "anniversary", "text": "94 năm ngày thành lập Đảng", "number": 94, "section": "p2.1"}
    data = copy.deepcopy(BASE_REPORT)
    data["sections"] = plan
    data["mentions"] = [m, {**m, "section": None}]
    res = run_rules(Report.model_validate(data), CAL, "x")
    assert keys(res) == {("CAL001", "/mentions/1")}   # the same phrase in the results part is stale


def test_anniversary_year_from_report_date_is_allowed() -> None:
    # a 2022 report dated in January 2023 may already speak of the 93rd anniversary
    res = run([{"kind": "anniversary", "text": "93 năm ngày thành lập Đảng", "number": 93}],
              period={"kind": "year", "year": 2022}, date={"month": 1, "year": 2023})
    assert keys(res) == set()


def test_stale_term_needs_as_current() -> None:
    m = {"kind": "term", "text": "nhiệm kỳ 2015 - 2020", "start_year": 2015, "end_year": 2020}
    assert keys(run([m])) == set()
    assert keys(run([{**m, "as_current": True}])) == {("CAL003", "/mentions/0")}
    assert keys(run([{**m, "as_current": True, "start_year": 2025, "end_year": 2030}])) == {("CAL003", "/mentions/0")}


def test_registry_period_is_judged_only_inside_the_years_it_knows() -> None:
    def one(start: int, end: int, event: str = "ctmtqg_ntm"):
        return keys(run([{"kind": "period", "text": "x", "event": event, "start_year": start, "end_year": end}]))
    assert one(2021, 2025) == set()
    assert one(2020, 2025) == {("CAL006", "/mentions/0")}
    assert one(2026, 2030) == set()            # a phase the registry does not list yet
    assert one(2026, 2031, "hdnd") == set()    # the next People's Council term
    assert one(2021, 2025, "hdnd") == {("CAL006", "/mentions/0")}
    assert one(2023, 2025, "some_provincial_plan") == set()


def test_school_year_and_half_year_period() -> None:
    m = {"kind": "school_year", "text": "năm học 2023-2024", "start_year": 2023, "end_year": 2024}
    h2 = {"kind": "half_year", "year": 2024, "start": "2024-07-01", "end": "2024-12-31"}
    assert keys(run([m], period=h2)) == set()          # it ended in the summer of 2024
    y25 = {"kind": "year", "year": 2025}
    assert keys(run([m], period=y25)) == {("CAL007", "/mentions/0")}
    assert keys(run([{**m, "as_current": False}], period=y25)) == set()


@given(st.sampled_from(sorted(anniversaries())), st.integers(1950, 2100), st.integers(-3, 3))
def test_anniversary_count_property(key: str, year: int, delta: int) -> None:
    ev = anniversaries()[key]
    n = year - ev.year + delta
    if n < 1:
        return
    res = run([{"kind": "anniversary", "text": "kỷ niệm", "event": key, "number": n, "year": year}])
    assert (("CAL001", "/mentions/0") in keys(res)) == (delta != 0)


@given(st.integers(2000, 2090), st.integers(0, 6), st.integers(0, 8))
def test_ordinal_property(start: int, into: int, n: int) -> None:
    year = start + into
    res = run([{"kind": "ordinal", "text": "năm thứ", "number": n, "start_year": start, "end_year": start + 5,
                "year": year}])
    ok = n in (year - start + 1, year - start) and n >= 1
    if n == 0:
        return  # “năm thứ 0” is not a phrase anyone writes; any answer is acceptable
    assert (("CAL004", "/mentions/0") in keys(res)) == (not ok)


# Anything the schema accepts in a mention: the rules never crash (a bug would be EngineError).
_year = st.one_of(st.none(), st.integers(1800, 2200))
_mention = st.fixed_dictionaries(
    {"kind": st.sampled_from(["anniversary", "term", "ordinal", "period", "school_year", "data_as_of",
                              "lunar_date"]),
     "text": st.one_of(st.text(max_size=30), st.sampled_from([
         "Tết Nhâm Dần", "năm thứ ba", "ngày thành lập Đảng", "Quý Mão", "nhiệm kỳ", ""]))},
    optional={"event": st.one_of(st.none(), st.sampled_from(sorted(anniversaries()) + sorted(terms()) + ["zz"])),
              "number": st.one_of(st.none(), st.integers(-5, 300)), "start_year": _year, "end_year": _year,
              "year": _year, "as_current": st.one_of(st.none(), st.booleans()),
              "section": st.one_of(st.none(), st.sampled_from(["p1", "p2", "nope"])),
              "date": st.fixed_dictionaries({}, optional={"day": st.integers(1, 28), "month": st.integers(1, 12),
                                                          "year": st.integers(1800, 2200)})})
_period = st.one_of(
    st.builds(lambda y: {"kind": "year", "year": y}, st.integers(1900, 2200)),
    st.just({"kind": "other"}),
    st.builds(lambda y: {"kind": "half_year", "year": y, "start": f"{y}-01-01", "end": f"{y}-06-30"},
              st.integers(1900, 2199)))


@given(st.lists(_mention, max_size=4), _period)
def test_odd_mentions_never_crash(mentions: list[dict[str, Any]], period: dict[str, Any]) -> None:
    data = copy.deepcopy(BASE_REPORT)
    data["meta"]["period"] = period
    data["sections"] = [{"id": "p1", "heading": "A", "part": "results"}, {"id": "p2", "heading": "B", "part": "plan"}]
    data["mentions"] = mentions
    res = run_rules(Report.model_validate(data), CAL, "x")
    for f in res.findings:
        assert f.message.vi and f.message.en and f.pointer.startswith("/mentions/")
