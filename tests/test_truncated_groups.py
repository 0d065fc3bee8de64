"""A truncation is info in every rule that sees it (issue 13): rates over one base whose
implied denominators disagree only because one percent was cut, not rounded, give one info
finding naming that percent; a percent neither cut nor rounded stays an error."""

from __future__ import annotations

import json
from typing import Any

import pytest

from auditor.engine.ruleset import load_rules
from auditor.read.json_reader import ReadResult, validate_data
from auditor.workflows.examples import BASE_REPORT
from auditor.workflows.pipeline import audit_read

RULESET = load_rules()


def _audit(rates: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    rep = {**json.loads(json.dumps(BASE_REPORT)), "rates": rates}
    a = audit_read(validate_data(rep, ReadResult("r.json")), RULESET, list(RULESET.rules), "r.json")
    return [(f.rule_id, f.severity, f.pointer) for f in a.findings]


def _rate(label: str, n: str, p: str, d: str | None = None, unit: str = "hộ") -> dict[str, Any]:
    r = {"label": label, "unit": unit, "numerator": n, "percent": p, "base": "tong"}
    return {**r, "denominator": d} if d else r


@pytest.mark.parametrize("rates,cut", [
    # a written denominator anchors the group: 17/30 = 56,67 written 56,6
    ([_rate("Nam", "17", "56,6", unit="người"), _rate("Nữ", "13", "43,3", unit="người"),
      _rate("Tổng", "30", "100", "30", unit="người")], "/rates/0/percent"),
    # the same with the anchor first: 2/3 = 66,67 written 66,6 beside 1 of 3 written
    ([_rate("Một hộ", "1", "33,3", "3"), _rate("Hai hộ", "2", "66,6")], "/rates/1/percent"),
    # no written denominator, the rounded readings agree but give no whole number: 66,6 is cut
    ([_rate("Chưa đạt", "1", "33,3"), _rate("Đạt", "2", "66,6")], "/rates/1/percent"),
])
def test_a_cut_percent_in_a_group_is_info_and_named(rates: list[dict[str, Any]], cut: str) -> None:
    assert _audit(rates) == [("PCT004", "info", cut)]


@pytest.mark.parametrize("rates", [
    [_rate("Nam", "17", "55,6", unit="người"), _rate("Tổng", "30", "100", "30", unit="người")],
    [_rate("Một hộ", "1", "33,3", "3"), _rate("Hai hộ", "2", "65,6")],
])
def test_a_percent_neither_cut_nor_rounded_is_still_an_error(rates: list[dict[str, Any]]) -> None:
    found = _audit(rates)
    assert [(r, s) for r, s, _ in found] == [("PCT004", "error")]


def test_without_an_anchor_a_disagreeing_group_is_not_cut() -> None:
    """Cutting several percents of a group whose rounded readings disagree could hide a real
    disagreement: 3 / 0,08% (3.529 … 4.000) against 3.395 / 99,09% (≈ 3.426) is not read as cut."""
    found = _audit([_rate("Thái", "3395", "99,09", unit="người"), _rate("Kinh", "3", "0,08", unit="người")])
    assert [s for _, s, _ in found] == ["error"]


@pytest.mark.parametrize("rates,culprit", [
    # 3395 / 99,09% admits no whole denominator; the other three agree on 3.529–3.733
    ([_rate("Thái", "3395", "99,09", unit="người"), _rate("Mường", "28", "0,8", unit="người"),
      _rate("Kinh", "3", "0,08", unit="người"), _rate("Khác", "1", "0,03", unit="người")], "/rates/0/numerator"),
    # the same shape elsewhere in the list: 40 / 20% (200) beside three rates that agree on ~500
    ([_rate("A", "250", "50"), _rate("B", "150", "30"), _rate("C", "40", "20"), _rate("D", "60", "12")],
     "/rates/2/numerator"),
])
def test_a_failing_group_points_at_the_one_rate_without_which_the_others_agree(
        rates: list[dict[str, Any]], culprit: str) -> None:
    found = _audit(rates)
    assert [(r, p) for r, _, p in found] == [("PCT004", culprit)]


def test_with_no_single_odd_rate_the_farthest_from_the_median_is_named() -> None:
    """Two pairs that disagree (≈ 100 and ≈ 1.000): no one rate explains it, the median rule names one."""
    found = _audit([_rate("A", "50", "50"), _rate("B", "25", "25"), _rate("C", "500", "50"), _rate("D", "250", "25")])
    assert [r for r, _, _ in found] == ["PCT004"]
