"""Repair hints: one keystroke (two adjacent digits swapped, or one digit changed) that restores
the relation is suggested; many possible repairs suggest none."""

from __future__ import annotations

from auditor.engine.ruleset import load_rules
from auditor.engine.runner import digit_variants, run_rules
from auditor.read.json_reader import ReadResult, validate_data
from auditor.workflows.examples import BASE_REPORT

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


# ----------------------------------------------------------------------------- windows
# A kind's `window` only narrows which one-keystroke candidates are re-run; it must never
# change the hints. Compared with the same search without a window, on generated inputs.

from dataclasses import replace  # noqa: E402
from decimal import Decimal  # noqa: E402

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from auditor.checks import load_all  # noqa: E402
from auditor.checks.registry import MESSAGES  # noqa: E402
from auditor.engine.runner import _search_hints  # noqa: E402
from auditor.model.facts import Fact  # noqa: E402
from auditor.numeric.notation import format_vn  # noqa: E402

REGISTRY = load_all()  # every family (a run imports only those its rules use)


@st.composite
def _fact(draw, name: str, lo: int = 1, hi: int = 99_999, exact: bool | None = None) -> Fact:
    decimals = draw(st.integers(0, 2))
    units = draw(st.integers(lo, hi))
    value = Decimal(units).scaleb(-decimals)
    is_exact = draw(st.booleans()) if exact is None else exact
    return Fact(value, decimals, is_exact and decimals == 0, format_vn(value, decimals), f"/{name}")


def _compare(kind_name: str, args: dict, opts: dict) -> None:
    kind = REGISTRY[kind_name]
    MESSAGES.on = False
    try:
        outs = kind.fn(args, opts)
        if len(outs) != 1 or outs[0].status != "fail":
            return
        with_window = _search_hints(kind, args, opts, outs[0])
        without = _search_hints(replace(kind, window=None), args, opts, outs[0])
    finally:
        MESSAGES.on = True
    assert [(h.pointer, h.suggested) for h in with_window] == [(h.pointer, h.suggested) for h in without]


@given(_fact("n"), _fact("d"), _fact("s", 1, 200_00, exact=False), st.sampled_from([100, 1, 1000]))
def test_ratio_window_keeps_the_hints(n: Fact, d: Fact, s: Fact, scale: int) -> None:
    _compare("ratio", {"numerator": n, "denominator": d, "stated": s}, {"scale": scale})


@given(_fact("n"), _fact("d"))
def test_ratio_window_keeps_the_hints_near_a_true_typo(n: Fact, d: Fact) -> None:
    # Stated = the true percent with two digits swapped: there is something to find.
    true = format_vn(n.value / d.value * 100, 1)
    digits = [i for i, ch in enumerate(true) if ch.isdigit()]
    for i in digits[:-1]:
        if true[i + 1].isdigit() and true[i] != true[i + 1]:
            typo = true[:i] + true[i + 1] + true[i] + true[i + 2:]
            from auditor.numeric.notation import parse_vn_number
            p = parse_vn_number(typo)
            _compare("ratio", {"numerator": n, "denominator": d,
                               "stated": Fact(p.value, p.decimals, False, typo, "/s")}, {})


@given(st.lists(_fact("p"), min_size=1, max_size=4), _fact("t", 1, 400_000))
def test_sum_window_keeps_the_hints(parts: list[Fact], total: Fact) -> None:
    parts = [replace(p, pointer=f"/p{i}") for i, p in enumerate(parts)]
    _compare("sum", {"total": total, "parts": parts}, {})


@given(_fact("m"), _fact("t"), _fact("s"))
def test_difference_window_keeps_the_hints(m: Fact, t: Fact, s: Fact) -> None:
    _compare("difference", {"minuend": m, "subtrahend": t, "stated": s}, {})
