"""Repair hints: one keystroke (two adjacent digits swapped, or one digit changed) that restores
the relation is suggested; many possible repairs suggest none."""

from __future__ import annotations

from auditor.engine import digit_variants, run_rules
from auditor.examples import BASE_REPORT
from auditor.reader import ReadResult, validate_data
from auditor.rules import load_rules

RULESET = load_rules()


def findings(rule_id: str, **fragment):
    res = validate_data({**BASE_REPORT, **fragment}, ReadResult("x"))
    return run_rules(res.report, [RULESET.get(rule_id)], "x").findings


def test_transposed_total_is_suggested():
    [f] = findings("SUM001", indicators=[{
        "name": "Tổng giá trị sản xuất", "unit": "tỷ đồng", "values": {"th": "1.869"}, "parts_complete": True,
        "parts": [{"name": "NN", "values": {"th": "170"}}, {"name": "CN", "values": {"th": "891"}},
                  {"name": "DV", "values": {"th": "835"}}]}])
    assert [(h.written, h.suggested) for h in f.hints] == [("1.869", "1.896")]
    assert "có thể gõ nhầm: 1.869 → 1.896" in f.message.vi.lower()
    assert "Possible typo: 1.869 → 1.896" in f.message.en


def test_transposed_part_is_suggested():
    [f] = findings("SUM002", totals=[{"label": "Quà", "unit": "suất", "total": "780",
                                       "parts": [{"label": "a", "value": "137"}, {"label": "b", "value": "173"},
                                                 {"label": "c", "value": "112"}, {"label": "d", "value": "31"},
                                                 {"label": "e", "value": "291"}]}])
    assert ("137", "173") in [(h.written, h.suggested) for h in f.hints]
    assert f.hints[0].pointer == "/totals/0/parts/0/value"


def test_transposed_percent_is_suggested():
    [f] = findings("PCT002", indicators=[{"name": "Thu ngân sách", "unit": "Trđ",
                                          "values": {"ck": "5.774", "th": "36.054", "pct_ck": "642,4"}}])
    assert [(h.written, h.suggested) for h in f.hints] == [("642,4", "624,4")]


def test_off_by_one_count_has_no_hint():
    """6 + 3 + 1 ≠ 11: any part + 1 or the total − 1 would do, so nothing is suggested."""
    [f] = findings("SUM002", totals=[{"label": "Chi bộ", "unit": "chi bộ", "total": "11",
                                       "parts": [{"label": "a", "value": "6"}, {"label": "b", "value": "3"},
                                                 {"label": "c", "value": "1"}]}])
    assert f.hints == []
    assert "Chênh lệch (ghi − tính): 1" in f.message.vi


def test_digit_variants():
    v = digit_variants("1.869")
    assert "1.896" in v and "1.969" in v and "0.869" not in v  # no leading zero
    assert "1.869" not in v
    assert digit_variants("5") == [str(d) for d in range(10) if d != 5]  # a lone digit may become 0
