"""Awards and units rules on the seeds and on small cases (issue 3, families 4 and 6)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from auditor.checks import load_all
from auditor.checks.domain import awards_registry, base_salary_on
from auditor.engine.ruleset import load_rules
from auditor.model.facts import Fact
from auditor.workflows.pipeline import audit_file

REGISTRY = load_all()  # every family (a run imports only those its rules use)

FIX = Path(__file__).resolve().parent.parent / "fixtures"
RULESET = load_rules()


def findings(name, prefix):
    a = audit_file(str(FIX / name), RULESET, list(RULESET.rules))
    return {(f.rule_id, f.pointer) for f in a.findings if f.rule_id.startswith(prefix)}


def test_seed_001_chi_ngan_sach_in_percent():
    assert findings("seed_001_hoang_kim_2024h1.json", "UNIT") == {("UNIT001", "/indicators/8/values/ck")}


def test_seed_000_same_total_in_ty_and_trieu():
    assert findings("seed_000_but_son_2022.json", "UNIT") == {("UNIT002", "/facts/4/mentions/1/value")}


def test_seed_003_award_tiers_hold_in_both_years():
    from auditor.engine.runner import run_rules
    from auditor.read.json_reader import read_report

    res = read_report(FIX / "seed_003_trung_khanh_2022.json")
    out = run_rules(res.report, [RULESET.get("AWD001"), RULESET.get("AWD002")], "x")
    assert out.findings == []
    # 2021: 73 ≤ 1015, 11 ≤ 74; 2022: 44 ≤ 950, 8 ≤ 46 — four comparisons evaluated
    assert sum(1 for r, _ in out.passed if r == "AWD001") == 4
    assert sum(1 for r, _ in out.passed if r == "AWD002") == 6  # every stated share ≤ 100%
    assert findings("seed_003_trung_khanh_2022.json", "AWD") == set()


def _fact(text, value, exact=True):
    return Fact(Decimal(value), 0, exact, text, "/x")


@pytest.mark.parametrize("amount,ok", [("710.000", True), ("700.000", True), ("702.000", True),
                                       ("720.000", False), ("540.000", False)])
def test_reward_money_rounding_is_either_up_or_nearest(amount, ok):
    fn = REGISTRY["award_money"].fn
    value = amount.replace(".", "")
    out = fn({"key": "ldtt", "amount": _fact(amount, value), "individuals": _fact("1", "1"),
              "decision_date": {"day": 2, "month": 1, "year": 2025}}, {})
    assert (out[0].status == "pass") is ok


def test_base_salary_timeline():
    assert base_salary_on(dt.date(2019, 6, 30)) == Decimal("1390000")
    assert base_salary_on(dt.date(2019, 7, 1)) == Decimal("1490000")
    assert base_salary_on(dt.date(2023, 7, 1)) == Decimal("1800000")
    assert base_salary_on(dt.date(2024, 7, 1)) == Decimal("2340000")


def test_awards_registry_rows_are_well_formed_and_sourced():
    reg = awards_registry()
    for key, row in reg["titles"].items():
        assert row["names"] and row["who"] in ("individuals", "collectives", "both") and row["source"], key
        Decimal(row["coefficient"])
    for t in reg["tiers"]:
        assert t["higher"] in reg["titles"] and t["lower"] in reg["titles"] and t["source"]
    # DOMAIN.md §8 facts
    coef = {k: Decimal(v["coefficient"]) for k, v in reg["titles"].items()}
    assert coef["cstdcs"] == Decimal("1.0") and coef["ldtt"] == Decimal("0.3")
    assert coef["ttldxs"] == Decimal("1.5") and coef["ttldtt"] == Decimal("0.8")
    assert coef["co_thi_dua_tinh"] == Decimal("8.0")
    assert {(t["higher"], t["lower"]) for t in reg["tiers"]} >= {("cstdcs", "ldtt"), ("ttldxs", "ttldtt")}
    salaries = {str(r["from"]): r["amount"] for r in reg["base_salary"]}
    assert salaries["2019-07-01"] == "1490000" and salaries["2023-07-01"] == "1800000"
    assert salaries["2024-07-01"] == "2340000"
    for r in reg["base_salary"]:
        assert r["source"]


def test_comma_slip_keeps_both_readings():
    fn = REGISTRY["comma_slip"].fn
    total = Fact(Decimal("3500"), 0, False, "3.500", "/t")
    a = Fact(Decimal("2.350"), 3, False, "2,350", "/a")
    b = Fact(Decimal("1150"), 0, False, "1.150", "/b")
    out = fn({"total": total, "parts": [a, b]}, {})
    assert out[0].status == "fail" and out[0].target is a
    assert out[0].params["reading1"] == "2,350" and out[0].params["reading2"] == "2.350"
    # a genuine decimal that makes the sum hold is left alone
    ok = fn({"total": Fact(Decimal("3.5"), 1, False, "3,5", "/t"),
             "parts": [Fact(Decimal("2.350"), 3, False, "2,350", "/a"), Fact(Decimal("1.15"), 2, False, "1,15", "/b")]}, {})
    assert ok[0].status == "pass"


@pytest.mark.parametrize("left,right,op,factor,status", [
    ("44", "950", "<=", 1, "pass"),
    ("951", "950", "<=", 1, "fail"),
    ("300", "950", "<=", "0.15", "fail"),    # 300 > 15% × 950 = 142,5
    ("142", "950", "<=", "0.15", "pass"),
    ("10", "9", ">=", 1, "pass"),
    ("8", "9", ">=", 1, "fail"),
])
def test_compare_kind_with_factor(left, right, op, factor, status):
    fn = REGISTRY["compare"].fn
    out = fn({"left": _fact(left, left), "right": _fact(right, right)}, {"op": op, "factor": factor})
    assert out[0].status == status


def test_compare_is_interval_aware():
    """9,5 (1 decimal) ≤ 9 fails, but 9 (rounded, could be 9,4) vs 9,4 does not."""
    fn = REGISTRY["compare"].fn
    rounded9 = Fact(Decimal("9"), 0, False, "9", "/l")
    assert fn({"left": rounded9, "right": Fact(Decimal("8.9"), 1, False, "8,9", "/r")}, {"op": "<="})[0].status == "pass"
    assert fn({"left": Fact(Decimal("9.5"), 1, False, "9,5", "/l"),
               "right": Fact(Decimal("9"), 0, True, "9", "/r")}, {"op": "<="})[0].status == "fail"
