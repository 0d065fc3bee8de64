"""Period and dates (family 7): headings, column labels, plan text, report date, documents and
data dates against meta.period / meta.date. The seeds' defects are found at the right place and
nothing else in the seeds is flagged."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditor.checks.period import date_window, label_year, named_years, period_info, plan_target, view_bounds
from auditor.engine.ruleset import load_rules
from auditor.engine.runner import run_rules
from auditor.model.report import JsonNumberText, Report
from auditor.workflows.examples import BASE_REPORT

FIX = Path(__file__).resolve().parent.parent / "fixtures"
RULESET = load_rules()
PERIOD = [r for r in RULESET.rules if r.family == "period"]
OURS = [r for r in RULESET.rules if r.family in ("period", "legal")]


def load(name: str) -> dict[str, Any]:
    return json.loads((FIX / name).read_text("utf-8"), parse_float=JsonNumberText, parse_int=JsonNumberText)


def run(data: dict[str, Any], rules=None):
    return run_rules(Report.model_validate(data), rules or PERIOD, "test")


def keys(res, severities=("error", "warning", "info")) -> set[tuple[str, str]]:
    return {(f.rule_id, f.pointer) for f in res.findings if f.severity in severities}


def report(**parts: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE_REPORT)
    meta = parts.pop("meta", {})
    data["meta"].update(meta)
    data.update(parts)
    return data


# ----------------------------------------------------------------------------- seeds

def test_seed_000_stale_years():
    res = run(load("seed_000_but_son_2022.json"))
    assert keys(res) == {
        ("PER001", "/sections/1/heading"),           # KẾT QUẢ … NĂM 2021 in the 2022 report
        ("PER003", "/tables/1/columns/3/label"),     # “TH 2022” heads the 2023 plan table
        ("PER005", "/sections/13/text/4"),           # 2023 plan: “… các chỉ tiêu … năm 2022”
    }
    by = {f.rule_id: f for f in res.findings}
    assert by["PER001"].severity == "error" and "NĂM 2021" in by["PER001"].message.vi
    assert by["PER001"].src is not None and by["PER001"].src.line is not None
    assert by["PER003"].severity == "warning"
    assert "TH 2022" in by["PER003"].message.vi and "2023" in by["PER003"].message.vi
    assert by["PER005"].severity == "warning" and "năm 2022" in by["PER005"].message.vi
    assert "2023" in by["PER005"].message.en


@pytest.mark.parametrize("name", ["seed_001_hoang_kim_2024h1.json", "seed_003_trung_khanh_2022.json",
                                  "example.json"])
def test_other_seeds_have_no_period_finding(name):
    assert keys(run(load(name))) == set()


GUARDS = [
    ("seed_000_but_son_2022.json", "PER002", "/sections/12"),   # PHƯƠNG HƯỚNG … NĂM 2023
    ("seed_000_but_son_2022.json", "PER006", "/meta"),          # “ngày tháng năm 2022”: an interval
    ("seed_001_hoang_kim_2024h1.json", "PER001", "/sections/1"),   # 6 THÁNG ĐẦU NĂM 2024
    ("seed_001_hoang_kim_2024h1.json", "PER002", "/sections/22"),  # 6 THÁNG CUỐI NĂM 2024
    ("seed_001_hoang_kim_2024h1.json", "PER002", "/sections/23"),
    ("seed_001_hoang_kim_2024h1.json", "PER004", "/tables/0"),  # CK 6 tháng 2023, KH năm 2024
    ("seed_001_hoang_kim_2024h1.json", "PER004", "/tables/1"),
    ("seed_001_hoang_kim_2024h1.json", "PER006", "/meta"),      # July 2024
    ("seed_001_hoang_kim_2024h1.json", "PER007", "/references/0"),   # 21/6/2024 < July 2024
    ("seed_001_hoang_kim_2024h1.json", "PER007", "/references/11"),  # 13/4/2024
    ("seed_003_trung_khanh_2022.json", "PER001", "/sections/1"),
    ("seed_003_trung_khanh_2022.json", "PER002", "/sections/27"),    # NĂM 2023
    ("seed_003_trung_khanh_2022.json", "PER006", "/meta"),           # November 2022
    ("seed_003_trung_khanh_2022.json", "PER007", "/references/1"),   # 15/11/2022, report “tháng 11”
    ("seed_003_trung_khanh_2022.json", "PER007", "/references/10"),  # 10/11/2022
    ("example.json", "PER001", "/sections/1"),
    ("example.json", "PER002", "/sections/5"),
    ("example.json", "PER004", "/tables/0"),   # TH năm 2022 (ck), KH / Ước TH năm 2023
    ("example.json", "PER005", "/sections/5"),  # “… năm 2024” in the 2024 plan
    ("example.json", "PER006", "/meta"),
    ("example.json", "PER007", "/references/0"),
    ("example.json", "PER007", "/meta/answers/0"),  # answers listed only in meta are checked too
]


@pytest.mark.parametrize("name,rule_id,pointer", GUARDS)
def test_correct_periods_are_checked_and_pass(name, rule_id, pointer):
    data = load(name)
    if pointer.startswith("/meta/answers"):
        data["references"] = []  # otherwise the answer is checked once, in references
    res = run(data)
    assert (rule_id, pointer) in res.passed
    assert not [f for f in res.findings if f.rule_id == rule_id and f.pointer.startswith(pointer)]


def test_all_seeds_with_both_families():
    """The families together raise exactly the known defects (fixtures/README.md)."""
    found = set()
    for name in ("seed_000_but_son_2022.json", "seed_001_hoang_kim_2024h1.json",
                 "seed_003_trung_khanh_2022.json", "example.json"):
        found |= {(name[:8], *k) for k in keys(run(load(name), [r for r in OURS if "strict" not in r.tags]))}
    assert found == {
        ("seed_000", "PER001", "/sections/1/heading"),
        ("seed_000", "PER003", "/tables/1/columns/3/label"),
        ("seed_000", "PER005", "/sections/13/text/4"),
        ("seed_001", "LEG002", "/references/2"),
        ("seed_001", "LEG002", "/references/3"),
        ("seed_001", "LEG002", "/references/13"),
        ("seed_001", "LEG002", "/references/14"),
        ("seed_003", "LEG001", "/references/13/date"),
    }


# ----------------------------------------------------------------------------- headings

def test_plan_heading_of_an_annual_report_names_the_next_year():
    data = load("seed_003_trung_khanh_2022.json")
    data["sections"][27]["heading"] = "PHƯƠNG HƯỚNG, NHIỆM VỤ, GIẢI PHÁP NĂM 2022"
    res = run(data)
    assert keys(res) == {("PER002", "/sections/27/heading")}
    assert "năm 2023" in res.findings[0].message.vi


def test_first_half_review_plans_the_second_half():
    data = load("seed_001_hoang_kim_2024h1.json")
    data["sections"][22]["heading"] = "PHƯƠNG HƯỚNG, NHIỆM VỤ TRỌNG TÂM 6 THÁNG ĐẦU NĂM 2024"
    res = run(data)
    assert keys(res) == {("PER002", "/sections/22/heading")}
    assert "6 tháng cuối năm 2024" in res.findings[0].message.vi
    data["sections"][22]["heading"] = "PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025"
    assert keys(run(data)) == {("PER002", "/sections/22/heading")}


def test_deep_headings_may_name_a_comparison_year():
    data = load("example.json")
    data["sections"].insert(2, {"heading": "So sánh kết quả năm 2022", "level": 3, "part": "results"})
    assert keys(run(data)) == set()
    data["sections"][2]["level"] = 2
    assert keys(run(data)) == {("PER001", "/sections/2/heading")}


# ----------------------------------------------------------------------------- columns

def test_plan_table_with_a_baseline_column_is_fine():
    data = load("seed_000_but_son_2022.json")
    data["tables"][1]["columns"].append({"key": "kh", "label": "KH 2023"})
    assert ("PER003", "/tables/1") in run(data).passed
    assert not [f for f in run(data).findings if f.rule_id == "PER003"]


def test_results_table_columns():
    data = load("example.json")
    cols = data["tables"][0]["columns"]
    cols[3]["label"] = "TH năm 2021"          # ck two years back
    cols[5]["label"] = "Ước TH năm 2022"      # th of the previous year
    res = run(data)
    assert keys(res) == {("PER004", "/tables/0/columns/3/label"), ("PER004", "/tables/0/columns/5/label")}
    msg = {f.pointer: f.message.vi for f in res.findings}
    assert "năm 2022" in msg["/tables/0/columns/3/label"] and "cùng kỳ" in msg["/tables/0/columns/3/label"]


def test_unkeyed_columns_are_read_only_when_labelled_ck():
    data = load("example.json")
    cols = data["tables"][0]["columns"]
    cols.append({"label": "TH năm 2020"})                 # some baseline: not checked
    assert keys(run(data)) == set()
    cols.append({"label": "Cùng kỳ năm 2021"})            # CK must be 2022
    assert keys(run(data)) == {("PER004", f"/tables/0/columns/{len(cols) - 1}/label")}


@pytest.mark.parametrize("label,year", [
    ("TH 2022", 2022), ("KH năm 2024 (theo NQ HĐND giao)", 2024), ("KQ thực hiện 6 tháng năm 2023", 2023),
    ("Giai đoạn 2021-2025", None), ("TH 2023/TH 2022 (%)", None), ("So với KH (%)", None),
    ("KH 2023 so với TH 2022", None), ("Kế hoạch 2021 - 2025", None),
])
def test_label_year(label, year):
    assert label_year(label) == year


# ----------------------------------------------------------------------------- plan text

@pytest.mark.parametrize("text,flag", [
    ("Quyết tâm thực hiện thắng lợi các chỉ tiêu kinh tế - xã hội năm 2023.", True),
    ("Phấn đấu hoàn thành các mục tiêu, nhiệm vụ năm 2022.", True),
    ("Phấn đấu hoàn thành các chỉ tiêu năm 2024.", False),
    ("Tổ chức tổng kết công tác thi đua, khen thưởng năm 2023.", False),
    ("Thực hiện Kế hoạch số 12/KH-UBND năm 2023 của UBND huyện.", False),
    ("Tiếp tục thực hiện nhiệm vụ giai đoạn 2021 - 2025.", False),
    ("Thực hiện tốt Chỉ thị số 04-CT/TU ngày 28 tháng 5 năm 2021 của Ban thường vụ.", False),
    ("Thực hiện các chỉ tiêu tăng so với năm 2023.", False),
    ("Bình xét khen thưởng năm 2023 đảm bảo đúng luật.", False),
])
def test_plan_text(text, flag):
    data = report(meta={"period": {"kind": "year", "year": 2023}},
                  sections=[{"heading": "PHƯƠNG HƯỚNG NĂM 2024", "level": 1, "part": "plan", "text": [text]}])
    assert keys(run(data)) == ({("PER005", "/sections/0/text/0")} if flag else set())


def test_half_year_plan_may_name_the_current_year():
    data = report(meta={"period": {"kind": "half_year", "year": 2024, "start": "2024-01-01", "end": "2024-06-30"}},
                  sections=[{"heading": "6 THÁNG CUỐI NĂM 2024", "level": 1, "part": "plan",
                             "text": ["Phấn đấu hoàn thành các chỉ tiêu năm 2024.",
                                      "Phấn đấu hoàn thành các chỉ tiêu năm 2023."]}])
    assert keys(run(data)) == {("PER005", "/sections/0/text/1")}


# ----------------------------------------------------------------------------- report date

@pytest.mark.parametrize("period,date,ok", [
    ({"kind": "year", "year": 2023}, {"day": 1, "month": 10, "year": 2023}, True),
    ({"kind": "year", "year": 2023}, {"day": 30, "month": 9, "year": 2023}, False),
    ({"kind": "year", "year": 2023}, {"day": 31, "month": 3, "year": 2024}, True),
    ({"kind": "year", "year": 2023}, {"day": 1, "month": 4, "year": 2024}, False),
    ({"kind": "year", "year": 2023}, {"month": 9, "year": 2023}, False),
    ({"kind": "year", "year": 2023}, {"year": 2024}, True),          # Jan–Mar 2024 fit
    ({"kind": "year", "year": 2023}, {"year": 2022}, False),
    ({"kind": "half_year", "year": 2024, "start": "2024-01-01"}, {"month": 6, "year": 2024}, True),
    ({"kind": "half_year", "year": 2024, "start": "2024-01-01"}, {"month": 5, "year": 2024}, False),
    ({"kind": "half_year", "year": 2024, "label": "6 tháng đầu năm 2024"}, {"day": 30, "month": 9, "year": 2024}, True),
    ({"kind": "half_year", "year": 2024, "end": "2024-06-30"}, {"day": 1, "month": 10, "year": 2024}, False),
    ({"kind": "half_year", "year": 2024}, {"day": 1, "month": 1, "year": 2020}, None),  # half unknown: skip
    ({"kind": "quarter", "year": 2024}, {"day": 1, "month": 1, "year": 2020}, None),    # no window
    ({"kind": "year", "year": 2023}, None, None),
])
def test_report_date_window(period, date, ok):
    data = report(meta={"period": period, **({"date": date} if date else {})})
    res = run(data, [r for r in PERIOD if r.id == "PER006"])
    if ok is None:
        assert res.stats.evaluated == 0
    else:
        assert keys(res) == (set() if ok else {("PER006", "/meta/date")})


@given(st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)))
def test_annual_window_property(day):
    """For a full date: the rule fires exactly when the day is outside 1/10/Y – 31/3/Y+1."""
    year = 2015
    data = report(meta={"period": {"kind": "year", "year": year},
                        "date": {"day": day.day, "month": day.month, "year": day.year}})
    res = run(data, [r for r in PERIOD if r.id == "PER006"])
    inside = dt.date(year, 10, 1) <= day <= dt.date(year + 1, 3, 31)
    assert bool(res.findings) == (not inside)


def test_date_window():
    assert date_window(dt.date(2023, 12, 31), 3, 3) == (dt.date(2023, 10, 1), dt.date(2024, 3, 31))
    assert date_window(dt.date(2024, 6, 30), 1, 3) == (dt.date(2024, 6, 1), dt.date(2024, 9, 30))


# ----------------------------------------------------------------------------- documents and data

def test_document_dated_after_the_report():
    data = load("seed_003_trung_khanh_2022.json")   # “ngày tháng 11 năm 2022”
    data["references"][10]["date"] = {"text": "ngày 02/12/2022", "day": 2, "month": 12, "year": 2022}
    res = run(data)
    assert keys(res) == {("PER007", "/references/10/date")}
    assert res.findings[0].severity == "error"
    assert "02/12/2022" in res.findings[0].message.vi and "tháng 11/2022" in res.findings[0].message.vi


def test_data_as_of_after_the_report():
    data = load("example.json")  # dated 15/12/2023
    data["mentions"] = [
        {"kind": "data_as_of", "text": "tính đến ngày 30/11/2023", "date": {"day": 30, "month": 11, "year": 2023}},
        {"kind": "data_as_of", "text": "tính đến ngày 31/12/2023", "date": {"day": 31, "month": 12, "year": 2023}},
        {"kind": "data_as_of", "text": "tính đến tháng 12/2023", "date": {"month": 12, "year": 2023}},
        {"kind": "data_as_of", "text": "tính đến nay"},
    ]
    res = run(data)
    assert keys(res) == {("PER008", "/mentions/1/date")}
    assert "31/12/2023" in res.findings[0].message.vi


# ----------------------------------------------------------------------------- helpers and odd input

def test_named_years_skip_dates_and_ranges():
    text = "ngày 30 tháng 8 năm 2019; giai đoạn năm 2021 - 2025; năm học 2023-2024; chỉ tiêu năm 2022"
    assert [m.group(1) for m in named_years(text)] == ["2022"]
    assert [m.group(1) for m in named_years("KẾT QUẢ … NĂM 2021")] == ["2021"]


def test_period_info_and_plan_target():
    pi = period_info({"kind": "half_year", "year": 2024, "label": "6 tháng đầu năm 2024"})
    assert pi.half == "first" and pi.end == dt.date(2024, 6, 30)
    assert plan_target(pi)[:2] == (2024, "6 tháng cuối năm 2024")
    assert plan_target(period_info({"kind": "year", "year": 2022}))[0] == 2023
    assert plan_target(period_info({"kind": "half_year", "year": 2024, "start": "2024-07-01"}))[0] == 2025
    assert plan_target(period_info({"kind": "nine_months", "year": 2024}))[0] == 2024
    assert plan_target(period_info({"kind": "other", "year": 2024})) is None
    assert period_info({"kind": "year"}) is None
    assert period_info(None) is None


def test_view_bounds():
    assert view_bounds({"year": 2022, "month": 2}) == (dt.date(2022, 2, 1), dt.date(2022, 2, 28))
    assert view_bounds({"year": 2022, "day": 5}) == (dt.date(2022, 1, 1), dt.date(2022, 12, 31))
    assert view_bounds({"month": 2}) is None
    assert view_bounds(None) is None


_PARTIAL = st.fixed_dictionaries({"year": st.one_of(st.none(), st.integers(1990, 2030))},
                                 optional={"month": st.integers(1, 12), "day": st.integers(1, 28)})
_PERIOD = st.fixed_dictionaries({"kind": st.sampled_from(["year", "half_year", "nine_months", "quarter",
                                                          "month", "other"])},
                                optional={"year": st.integers(1990, 2030), "label": st.text(max_size=20),
                                          "start": st.sampled_from(["2024-01-01", "2024-07-01"]),
                                          "end": st.sampled_from(["2024-06-30", "2024-12-31"])})


@given(period=_PERIOD, date=st.one_of(st.none(), _PARTIAL), ref_date=st.one_of(st.none(), _PARTIAL),
       number=st.sampled_from([None, "", "91/2017/NĐ-CP", "05-CT/TW", "abc", "16/VBHN-VPQH", "01/2024/TT-BNV"]),
       role=st.sampled_from(["answers", "basis", "cited"]),
       kind=st.sampled_from([None, "xa", "huyen", "thi_tran", "other"]),
       heading=st.text(max_size=40), label=st.text(max_size=30))
def test_odd_input_never_crashes(period, date, ref_date, number, role, kind, heading, label):
    meta: dict[str, Any] = {"period": period, "unit": {"name": "X", "kind": kind}}
    if date is not None:
        meta["date"] = date
    ref: dict[str, Any] = {"number": number, "role": role}
    if ref_date is not None:
        ref["date"] = ref_date
    data = report(meta=meta, references=[ref],
                  sections=[{"id": "p2", "heading": heading, "part": "plan", "text": [heading, label]},
                            {"heading": heading, "part": "results"}],
                  tables=[{"id": "t", "section": "p2", "columns": [{"key": "th", "label": label},
                                                                   {"key": "ck", "label": label}]}],
                  mentions=[{"kind": "data_as_of", "text": label, **({"date": ref_date} if ref_date else {})}])
    try:
        rep = Report.model_validate(data)
    except ValueError:
        return  # not a valid report (e.g. 31 February): the reader reports it, no rule runs
    run_rules(rep, OURS, "fuzz")  # must not raise


@given(year=st.one_of(st.integers(-10**6, 10**6), st.booleans()), month=st.one_of(st.integers(-3, 15), st.booleans()))
def test_days_in_month_is_the_calendar_modules(year: int, month: int) -> None:
    # a run does not import the stdlib calendar (and locale) for this (numeric/months.py)
    import calendar

    from auditor.numeric.months import days_in_month

    try:
        expected: Any = calendar.monthrange(year, month)[1]
    except ValueError as e:
        expected = (ValueError, str(e))
    try:
        got: Any = days_in_month(year, month)
    except ValueError as e:
        got = (ValueError, str(e))
    assert got == expected


def test_month_names_and_lengths_are_the_calendar_modules() -> None:
    import calendar

    from auditor.numeric.months import MONTH_NAMES, days_in_month

    assert list(MONTH_NAMES) == list(calendar.month_name)
    # every month of a whole 400-year cycle of leap years
    assert [days_in_month(y, m) for y in range(1, 2401) for m in range(1, 13)] == \
        [calendar.monthrange(y, m)[1] for y in range(1, 2401) for m in range(1, 13)]
