"""A truncation is info in every rule that sees it (issue 13): rates over one base whose
implied denominators disagree only because one percent was cut, not rounded, give one info
finding naming that percent; a percent neither cut nor rounded stays an error."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from auditor.engine.ruleset import load_rules
from auditor.extract.corpus import audit_bytes
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
    assert [s for _, s, _ in found] == ["warning"]  # (no total written: a hidden base, not an info)


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


# ------------------------------------------------ shares and rates of a written text
# Sentences written for these tests (none from the seeds or the corpus), both ways:
# * shares (or rates over one base) made to add up to exactly 100 may each be one unit off of
#   part / sum of parts; a share that is cut
#   (0,16 for 0,167) is said to be cut (info), not passed silently nor raised as a disagreement;
# * rates over one base whose implied denominators agree once one percent alone is read as cut
#   are a truncation (PCT004 info), not a warning; the cut reading is half-open (5,9 is never a
#   cut 6,0);
# * a cut share beside a real error is its own info finding, not a consequence of the error
#   (the error's culprit is one of several values, and the cut share is not among the causes).


def shown(text: str) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(rule, severity, [(rule, link) of its consequences]) of every finding shown."""
    _, fs = audit_bytes(text.encode("utf-8"), "t.txt")
    return [(f.rule_id, f.severity, [(c.rule_id, c.link or "") for c in f.consequences or []]) for f in fs]


def loud(text: str) -> list[tuple[str, str]]:
    return [(r, s) for r, s, _ in shown(text) if s in ("error", "warning")]


CUT = [
    # 5 / 3.000 = 0,1667 %: the writer cut it to 0,16 and the shares add up to exactly 100
    "Cơ cấu lao động: nông nghiệp 2.000 người, chiếm 66,67%; công nghiệp 995 người, chiếm 33,17%; "
    "dịch vụ 5 người, chiếm 0,16%.",
    # 7 / 1.600 = 0,4375 %: cut to 0,43; 1.213 / 1.600 = 75,8125 → 75,81; 380 / 1.600 = 23,75 (the
    # shares add up to 99,99)
    "Năm 2024, cơ cấu dân số theo dân tộc: dân tộc Tày 1.213 người, chiếm 75,81%; dân tộc Nùng 380 người, "
    "chiếm 23,75%; dân tộc khác 7 người, chiếm 0,43%.",
]


@pytest.mark.parametrize("text", CUT)
def test_a_cut_share_in_shares_made_to_add_up_is_info(text: str) -> None:
    out = shown(text)
    assert loud(text) == []
    assert any(r in ("SHR002", "PCT004") and s == "info" for r, s, _ in out), out
    _, fs = audit_bytes(text.encode("utf-8"), "t.txt")
    cut = text.split("chiếm ")[-1].rstrip("%.")
    assert all(cut in f.message.vi for f in fs), [f.message.vi for f in fs]  # the cut share is named


@pytest.mark.parametrize("text", [
    # the small share beyond a cut: 0,14 for 0,167
    "Cơ cấu lao động: nông nghiệp 2.000 người, chiếm 66,67%; công nghiệp 995 người, chiếm 33,17%; "
    "dịch vụ 5 người, chiếm 0,14%.",
    # 5,9 for exactly 6,0: neither rounded nor cut
    "Cơ cấu lao động theo ngành: nông, lâm nghiệp 1.500 người, chiếm 75,00%; công nghiệp, xây dựng 380 người, "
    "chiếm 19,00%; thương mại, dịch vụ 120 người, chiếm 5,9%.",
])
def test_a_share_beyond_a_cut_is_still_an_error(text: str) -> None:
    out = shown(text)
    assert ("SHR002", "error") in loud(text)
    # the implied denominators join the error as a consequence and never call the share cut
    assert not any(r == "PCT004" for r, _, _ in out)
    assert all(("PCT004", "place") not in cons for _, _, cons in out)


@pytest.mark.parametrize("text,loud_ones", [
    # 10 / 1.200 = 0,833 %: pushed up to 0,84 so that the shares make exactly 100
    ("Cơ cấu lao động: nông nghiệp 1.000 người, chiếm 83,33%; công nghiệp 190 người, chiếm 15,83%; "
     "dịch vụ 10 người, chiếm 0,84%.", False),
    # thirds: 33,33 each, the first pushed up to 33,34 so that they make 100
    ("Cơ cấu cán bộ theo trình độ: đại học 100 người, chiếm 33,34%; cao đẳng 100 người, chiếm 33,33%; "
     "trung cấp 100 người, chiếm 33,33%.", False),
    # two units off is not a share pushed to make 100 (83,33 + 15,82 + 0,85 = 100)
    ("Cơ cấu lao động: nông nghiệp 1.000 người, chiếm 83,33%; công nghiệp 190 người, chiếm 15,82%; "
     "dịch vụ 10 người, chiếm 0,85%.", True),
])
def test_shares_pushed_one_unit_to_make_100_are_silent(text: str, loud_ones: bool) -> None:
    assert bool(loud(text)) is loud_ones, shown(text)


def test_rates_that_agree_once_one_percent_is_cut_are_a_truncation() -> None:
    from decimal import Decimal
    from types import SimpleNamespace

    from auditor.checks.arithmetic import _one_cut
    from auditor.numeric.interval import Interval

    def rng(lo: str, hi: str, n: int = 2, decimals: int = 2) -> tuple[Interval, list, str]:
        return Interval(Decimal(lo), Decimal(hi)), [SimpleNamespace(decimals=decimals)] * n, ""

    rounded = [rng("2999.6", "3000.1"), rng("3529.4", "4000")]
    cut = [rng("2999.6", "3000.1"), rng("2900", "4000")]
    assert _one_cut(rounded, cut, True) == 1
    # the cut end is open: a whole denominator only at that end does not make a truncation
    assert _one_cut([rng("2000", "2000"), rng("2033.9", "2068.9")], [rng("2000", "2000"), rng("2000", "2068.9")],
                    True) is None
    # a whole percent is not read as cut without a written denominator (“1%” for 1,99 %)
    assert _one_cut(rounded, [rounded[0], rng("2900", "4000", decimals=0)], True) is None
    # a written denominator (one fact) is never read as cut
    assert _one_cut([rng("10", "10", 1), rng("11", "12")], [rng("10", "10", 1), rng("11", "12")], True) is None


def test_a_cut_share_beside_an_error_is_a_finding_of_its_own() -> None:
    # 2.000 / 3.000 is 66,67 (66,71 written) and 995 / 3.000 is 33,17 (33,13 written): errors;
    # 5 / 3.000 = 0,167 cut to 0,16: info, not listed under either error
    text = ("Cơ cấu dân số theo dân tộc: dân tộc Tày 2.000 người, chiếm 66,71%; dân tộc Kinh 995 người, "
            "chiếm 33,13%; dân tộc khác 5 người, chiếm 0,16%.")
    out = shown(text)
    assert ("SHR002", "info", []) in out
    assert all(("SHR002", "place") not in cons and ("SHR002", "culprit") not in cons
               for r, s, cons in out if s == "error")


def test_rates_that_make_100_are_held_to_the_sum_of_their_numerators() -> None:
    """Percents adding up to exactly 100 may each be pushed by one unit, but only around the
    denominator their numerators make: 10 of 1.200 written 0,84 passes; the 008 shape does not
    (3395 / 3.427 = 99,066, written 99,09)."""
    pushed = [_rate("A", "1000", "83,33", unit="người"), _rate("B", "190", "15,83", unit="người"),
              _rate("C", "10", "0,84", unit="người")]
    assert _audit(pushed) == []
    two_units = [_rate("A", "1000", "83,33", unit="người"), _rate("B", "190", "15,82", unit="người"),
                 _rate("C", "10", "0,85", unit="người")]
    assert [r for r, _, _ in _audit(two_units)] == ["PCT004"]


# Several percents of one group cut at once (sentences written for these tests): over a count,
# when cutting moves each implied denominator by under 1 %, reading them all as cut cannot hide a
# disagreement, and a whole base they all allow (35, 70) makes it a truncation (info).
@pytest.mark.parametrize("text", [
    # 4/35 = 11,428 → 11,42; 1/35 = 2,857 → 2,85; 13/35 = 37,142 → 37,14
    "HĐND xã khóa mới: đại biểu nữ 4 người, chiếm 11,42%; đại biểu dưới 40 tuổi 1 người, chiếm 2,85%; "
    "đại biểu tái cử 13 người, chiếm 37,14%.",
    # 1/70 = 1,428 → 1,42; 3/70 = 4,285 → 4,28; 11/70 = 15,714 → 15,71
    "Năm 2023, toàn xã có 1 hộ thoát nghèo bền vững, chiếm 1,42%; 3 hộ làm kinh tế giỏi, chiếm 4,28%; "
    "11 hộ được vay vốn ưu đãi, chiếm 15,71%.",
])
def test_several_percents_cut_at_once_are_info(text: str) -> None:
    assert [(r, s) for r, s, _ in shown(text)] == [("PCT004", "info")]


@pytest.mark.parametrize("text", [
    # 15 / 42,75 % implies 35,08–35,09 even cut: no whole base with 1 / 2,85 %
    "HĐND xã khóa mới: đại biểu dưới 40 tuổi 1 người, chiếm tỷ lệ 2,85%; đại biểu tái cử 15 người, chiếm 42,75%.",
    # cutting 0,08 % moves its denominator by 6 %: too far to read several percents as cut
    "Dân số xã theo dân tộc: dân tộc Thái 3.395 người, chiếm 99,09%; dân tộc Kinh 3 người, chiếm 0,08%.",
])
def test_percents_that_disagree_beyond_a_cut_stay_a_warning(text: str) -> None:
    assert [(r, s) for r, s, _ in shown(text)] == [("PCT004", "warning")]


def test_all_cut_needs_a_whole_number_inside_the_half_open_ranges() -> None:
    from auditor.checks.arithmetic import _all_cut
    from auditor.numeric.interval import Interval

    def rng(lo: str, hi: str) -> tuple:
        return (Interval(Decimal(lo), Decimal(hi)), ["n", "p"], "")

    rounded = [rng("35.01", "35.04"), rng("35.03", "35.15")]
    assert _all_cut(rounded, [rng("34.99", "35.04"), rng("34.96", "35.15")])        # 35 inside
    assert not _all_cut(rounded, [rng("35.00", "35.04"), rng("34.96", "35.15")])    # 35 only at an open end
    assert not _all_cut(rounded, [rng("35.05", "35.09"), rng("34.96", "35.04")])    # no common range
