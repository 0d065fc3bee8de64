"""Repair suggestions, now from error localization (auditor/engine/localize.py): the value the
relations determine, or the one value one keystroke away among those they allow; where nothing
else confirms the values, the report does not tell which one is wrong and the finding says so.

The windows a check kind gives for one fact (the values it may take for the relation to hold)
must never exclude a true repair: property tests compare them with the check itself."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from auditor.checks import kind as check_kind
from auditor.checks.registry import MESSAGES
from auditor.engine.localize import digit_variants, keystroke_variants, like, typo_of
from auditor.engine.ruleset import load_rules
from auditor.model.facts import Fact
from auditor.numeric.interval import Interval
from auditor.numeric.notation import format_vn, parse_vn_number
from auditor.read.json_reader import ReadResult, validate_data
from auditor.workflows.examples import BASE_REPORT
from auditor.workflows.pipeline import audit_read

RULESET = load_rules()


def findings(*rule_ids: str, **fragment):
    res = validate_data({**BASE_REPORT, **fragment}, ReadResult("x"))
    rules = [RULESET.get(r) for r in rule_ids] if rule_ids else list(RULESET.rules)
    return audit_read(res, RULESET, rules, "x").findings


def test_transposed_total_is_suggested():
    [f] = findings("SUM001", indicators=[{
        "name": "Tổng giá trị sản xuất", "unit": "tỷ đồng", "values": {"th": "1.869"}, "parts_complete": True,
        "parts": [{"name": "NN", "values": {"th": "170"}}, {"name": "CN", "values": {"th": "891"}},
                  {"name": "DV", "values": {"th": "835"}}]}])
    # four values in one sum, nothing else confirms any: the report does not tell which is wrong,
    # but only the total is one keystroke from a repair
    assert f.localization.verdict == "undetermined"
    assert [(h.written, h.suggested) for h in f.hints] == [("1.869", "1.896")]
    assert "Có thể là lỗi gõ phím: 1.869 → 1.896 (hai chữ số bị đảo chỗ)" in f.message.vi
    assert "Possibly a typo: 1.869 → 1.896 (two digits swapped)" in f.message.en


def test_transposed_part_is_suggested():
    [f] = findings("SUM002", totals=[{"label": "Quà", "unit": "suất", "total": "780",
                                       "parts": [{"label": "a", "value": "137"}, {"label": "b", "value": "173"},
                                                 {"label": "c", "value": "112"}, {"label": "d", "value": "31"},
                                                 {"label": "e", "value": "291"}]}])
    assert [(h.pointer, h.written, h.suggested) for h in f.hints] == [("/totals/0/parts/0/value", "137", "173")]


def test_transposed_percent_is_suggested():
    [f] = findings("PCT002", indicators=[{"name": "Thu ngân sách", "unit": "Trđ",
                                          "values": {"ck": "5.774", "th": "36.054", "pct_ck": "642,4"}}])
    assert ("642,4", "624,4") in [(h.written, h.suggested) for h in f.hints]
    [c] = [c for c in f.localization.culprits if c.written == "642,4"]
    assert c.typo == "swap" and c.suggested == "624,4"


def test_off_by_one_count_has_no_hint():
    """6 + 3 + 1 ≠ 11: any part + 1 or the total − 1 would do, so nothing is suggested."""
    [f] = findings("SUM002", totals=[{"label": "Chi bộ", "unit": "chi bộ", "total": "11",
                                       "parts": [{"label": "a", "value": "6"}, {"label": "b", "value": "3"},
                                                 {"label": "c", "value": "1"}]}])
    assert "Chênh lệch (ghi − tính): 1" in f.message.vi
    assert f.localization.verdict == "undetermined" and "gõ phím" not in f.message.vi
    assert "không cho biết" in f.message.vi and "does not tell" in f.message.en


def test_the_other_relations_name_the_swapped_percent():
    """The issue's case: % KH with two digits swapped; th is confirmed by % CK and the remainder,
    kh by the remainder: the stated percent is named, with its repair, and why."""
    [f] = findings(indicators=[{"name": "Sản lượng lương thực", "unit": "tấn", "values": {
        "ck": "600", "kh": "1.460", "th": "636,4", "pct_kh": "46,3", "pct_ck": "106,1", "remaining": "823,6"}}])
    loc = f.localization
    assert loc.verdict == "named"
    [c] = loc.culprits
    assert (c.pointer, c.written, c.suggested, c.typo) == ("/indicators/0/values/pct_kh", "46,3", "43,6", "swap")
    assert {(x.written, tuple(x.rules)) for x in loc.confirmed} == {("636,4", ("DIF001", "PCT002")),
                                                                    ("1.460", ("DIF001",))}
    assert "Số có khả năng sai: % kế hoạch 46,3 → 43,6 (hai chữ số bị đảo chỗ)" in f.message.vi
    assert "confirmed by relations that hold: 636,4 (actual) by DIF001, PCT002" in f.message.en
    assert f.fix.vi.startswith("Sửa 46,3 (% kế hoạch · Sản lượng lương thực) thành 43,6.")
    assert f.fix.en.startswith("Change 46,3 (% of plan · Sản lượng lương thực) to 43,6.")


def test_a_wrong_actual_is_named_when_it_breaks_every_relation():
    [f] = findings(indicators=[{"name": "Thu ngân sách", "unit": "Trđ", "values": {
        "ck": "5.774", "kh": "30.000", "th": "63.054", "pct_kh": "120,2", "pct_ck": "624,4", "remaining": "-6.054"}}])
    assert f.localization.verdict == "named"
    [c] = f.localization.culprits
    assert (c.written, c.suggested, c.typo) == ("63.054", "36.054", "swap")
    assert {g.rule_id for g in f.consequences} == {"PCT001", "PCT002", "DIF001"} - {f.rule_id}
    assert all(g.link == "culprit" for g in f.consequences)


def test_comma_for_a_thousands_dot_is_one_finding():
    """The issue's cascade: a decimal comma where a thousands dot was meant breaks a sum, a %
    of plan and the implied plans; another rule says the sum holds under the thousands
    reading. One finding, the comma rule first (its reading is the repair, so a warning), the
    failing relations its consequences."""
    fs = findings(indicators=[{
        "name": "Vốn đầu tư", "unit": "tỷ đồng", "parts_complete": True,
        "values": {"kh": "3.500", "th": "3.500", "pct_kh": "100"},
        "parts": [{"name": "Ngân sách", "values": {"kh": "2.350", "th": "2,350", "pct_kh": "100"}},
                  {"name": "Dân góp", "values": {"kh": "1.150", "th": "1.150", "pct_kh": "100"}}]}])
    assert len(fs) == 1, [(f.rule_id, f.pointer) for f in fs]
    [f] = fs
    assert (f.rule_id, f.severity, f.pointer) == ("UNIT004", "warning", "/indicators/0/parts/0/values/th")
    [c] = f.localization.culprits
    assert (f.localization.verdict, c.written, c.suggested, c.typo) == ("named", "2,350", "2.350", "separator")
    assert {(g.rule_id, g.link) for g in f.consequences} == {("SUM001", "culprit"), ("PCT001", "culprit"),
                                                            ("PCT006", "culprit")}
    assert f.fix.en.startswith("Change 2,350")


def test_findings_on_one_phrase_are_one_finding():
    """Two items read from the same words of the document (same line and span) carry one
    written value: the rules on it give one finding, which names it, the others its reasons."""
    src = {"line": 12, "start": 10, "end": 15, "quote": "Đường giao thông: 5,7 km"}
    fs = findings(facts=[{"key": "d", "label": "Đường", "unit": "km",
                          "mentions": [{"value": {"text": "2", "src": {"line": 3, "start": 1, "end": 2}}},
                                       {"value": {"text": "5,7", "src": src}},
                                       {"value": {"text": "2", "src": {"line": 30, "start": 1, "end": 2}}}]}],
                  rates=[{"label": "Đường đạt chuẩn", "numerator": {"text": "5,7", "src": src}, "denominator": "4"}])
    assert len(fs) == 1, [(f.rule_id, f.pointer) for f in fs]
    [f] = fs
    assert {f.rule_id, *(g.rule_id for g in f.consequences)} == {"VAL001", "PCT007"}
    [c] = f.localization.culprits
    # the other mentions (2 ± 0,5) leave 1,5 … 2,5; in it, 1,7 is one keystroke from 5,7
    assert (f.localization.verdict, c.written, c.low, c.high) == ("named", "5,7", "1,5", "2,5")
    assert (c.suggested, c.typo) == ("1,7", "digit")


def test_keystroke_variants_and_typos():
    v = dict(keystroke_variants("46,3"))
    assert v["43,6"] == "swap" and v["64,3"] == "swap" and v["47,3"] == "digit"
    assert dict(keystroke_variants("2,350"))["2.350"] == "separator"
    assert dict(keystroke_variants("9.751"))["9,751"] == "separator"
    assert dict(keystroke_variants("1.869"))["1.896"] == "swap"
    assert dict(keystroke_variants("186"))["1.869"] == "dropped"
    assert dict(keystroke_variants("18.669"))["1.869"] == "extra"
    assert typo_of("46,3", "43,6") == "swap" and typo_of("636,4", "676,4") == "digit"
    assert typo_of("2,350", "2.350") == "separator" and typo_of("186", "1.869") == "dropped"
    assert typo_of("1.869", "1.500") is None
    d = digit_variants("1.869")
    assert "1.896" in d and "1.969" in d and "0.869" not in d and "1.869" not in d
    assert like("03", Decimal(4), 0) == "04" and like("115,6%", Decimal("43.6"), 1) == "43,6%"
    assert like("1 650", Decimal(1750), 0) == "1 750"


# ----------------------------------------------------------------------------- windows
# A kind's window (the values one fact may take for its relation to hold, the others as
# written) gives localization its repair candidates. It may be a little wide (candidates are
# verified by running the check), never narrow: a value that makes the check pass lies inside.

@st.composite
def _fact(draw, name: str, lo: int = 1, hi: int = 99_999, exact: bool | None = None) -> Fact:
    decimals = draw(st.integers(0, 2))
    units = draw(st.integers(lo, hi))
    value = Decimal(units).scaleb(-decimals)
    is_exact = draw(st.booleans()) if exact is None else exact
    return Fact(value, decimals, is_exact and decimals == 0, format_vn(value, decimals), f"/{name}")


def _never_narrow(kind_name: str, args: dict, opts: dict, f: Fact, trials: list[Decimal]) -> None:
    kind = check_kind(kind_name)
    w = kind.window(args, opts, f)
    if w is None:
        return
    lo, hi = (w.lo, w.hi) if isinstance(w, Interval) else w

    def sub(x):
        if x is f:
            return new
        if isinstance(x, list):
            return [sub(y) for y in x]
        if isinstance(x, dict):
            return {k: sub(v) for k, v in x.items()}
        return x
    MESSAGES.on = False
    try:
        for v in trials:
            new = Fact(v, f.decimals, f.exact, format_vn(v, max(f.decimals, 0)), f.pointer)
            outs = kind.fn(sub(args), opts)
            if outs and all(o.status == "pass" for o in outs):
                assert (lo is None or v >= lo) and (hi is None or v <= hi), (v, lo, hi)
    finally:
        MESSAGES.on = True


def _around(f: Fact, target: Decimal) -> list[Decimal]:
    """Values at f's precision around a target (the value the relation asks for)."""
    q = Decimal(1).scaleb(-max(f.decimals, 0))
    base = target.quantize(q)
    return [base + k * q for k in range(-3, 4)]


@given(_fact("n"), _fact("d"), _fact("s", 1, 200_00, exact=False), st.sampled_from([100, 1, 1000]),
       st.sampled_from(["numerator", "denominator", "stated"]))
def test_ratio_window_never_excludes_a_repair(n: Fact, d: Fact, s: Fact, scale: int, role: str) -> None:
    args = {"numerator": n, "denominator": d, "stated": s}
    f = args[role]
    target = {"numerator": s.value * d.value / scale, "denominator": n.value * scale / s.value,
              "stated": n.value / d.value * scale}[role]
    _never_narrow("ratio", args, {"scale": scale}, f, _around(f, target))


@given(st.lists(_fact("p"), min_size=1, max_size=4), _fact("t", 1, 400_000), st.integers(0, 4))
def test_sum_window_never_excludes_a_repair(parts: list[Fact], total: Fact, which: int) -> None:
    parts = [Fact(p.value, p.decimals, p.exact, p.text, f"/p{i}") for i, p in enumerate(parts)]
    args = {"total": total, "parts": parts}
    f = total if which >= len(parts) else parts[which]
    s = sum((p.value for p in parts), Decimal(0))
    target = s if f is total else total.value - (s - f.value)
    _never_narrow("sum", args, {}, f, _around(f, target))


@given(_fact("m"), _fact("t"), _fact("s"), st.sampled_from(["minuend", "subtrahend", "stated"]))
def test_difference_window_never_excludes_a_repair(m: Fact, t: Fact, s: Fact, role: str) -> None:
    args = {"minuend": m, "subtrahend": t, "stated": s}
    f = args[role]
    target = {"minuend": s.value + t.value, "subtrahend": m.value - s.value, "stated": m.value - t.value}[role]
    _never_narrow("difference", args, {}, f, _around(f, target))


@given(st.lists(_fact("m", 1, 9_999), min_size=2, max_size=4), st.integers(0, 3))
def test_same_value_window_never_excludes_a_repair(mentions: list[Fact], which: int) -> None:
    mentions = [Fact(m.value, m.decimals, m.exact, m.text, f"/m{i}") for i, m in enumerate(mentions)]
    f = mentions[which % len(mentions)]
    other = next(m for m in mentions if m is not f)
    _never_narrow("same_value", {"mentions": mentions}, {}, f, _around(f, other.value))


@given(st.lists(_fact("s", 1, 9_999, exact=False), min_size=2, max_size=4), st.integers(0, 3))
def test_shares_window_never_excludes_a_repair(shares: list[Fact], which: int) -> None:
    shares = [Fact(s.value, s.decimals, False, s.text, f"/s{i}") for i, s in enumerate(shares)]
    f = shares[which % len(shares)]
    target = 100 - (sum((s.value for s in shares), Decimal(0)) - f.value)
    _never_narrow("shares", {"shares": shares}, {"mode": "sum", "total": 100}, f, _around(f, target))


def test_parse_of_suggestions_round_trips():
    for text in ("43,6", "1.896", "2.350", "04", "1 750"):
        assert parse_vn_number(text)
