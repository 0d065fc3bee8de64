"""Shortcuts taken for the cost of one report in a batch (issue 16) give what the plain
definitions give: whether every number of a report was read by OCR (`provenance`)."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.engine.provenance import _all_nums_ocr
from auditor.read.json_reader import _nums, read_report

FIX = Path(__file__).resolve().parent.parent / "fixtures"


def _by_definition(report: object) -> bool:
    seen = False
    for _, n in _nums(report, ""):
        if n.src is None or not n.src.ocr:
            return False
        seen = True
    return seen


def _reports() -> list[object]:
    out = [read_report(p).report for p in sorted(FIX.glob("*.json"))]
    return [r for r in out if r is not None]


class _Src:
    def __init__(self, ocr: bool) -> None:
        self.ocr = ocr


@pytest.mark.parametrize("i", range(len(_reports())))
def test_all_nums_ocr_on_the_fixtures(i: int) -> None:
    assert _all_nums_ocr(_reports()[i]) is _by_definition(_reports()[i]) is False


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_all_nums_ocr_as_defined_when_numbers_are_scanned(data: st.DataObject) -> None:
    """Every number marked as read by OCR, but some (drawn): the walk that stops at the first
    number read otherwise answers as the walk over every number."""
    reports = _reports()
    report = copy.deepcopy(reports[data.draw(st.integers(0, len(reports) - 1))])
    nums = [n for _, n in _nums(report, "")]
    plain = set(data.draw(st.lists(st.integers(0, max(len(nums) - 1, 0)), max_size=3)))
    for k, n in enumerate(nums):
        n.__dict__["src"] = None if k in plain and k % 2 else _Src(k not in plain)
    assert _all_nums_ocr(report) is _by_definition(report)
    assert _all_nums_ocr(report) is (not plain)


class _Forgetful(dict):  # type: ignore[type-arg]
    """A memo that keeps nothing: every question is asked anew."""

    def __setitem__(self, key: object, value: object) -> None:
        pass


def test_localize_answers_the_same_without_its_memo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`localize._holds` (and the labels of values) keep their answers during one report;
    without them (every check re-run, every label walked to)
    the findings, their localization and their grouping are the same, on generated reports
    with defects and on the fixtures."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from benchmark import generate

    from auditor.engine import localize
    from auditor.engine.ruleset import load_rules
    from auditor.workflows.pipeline import audit_file

    ruleset = load_rules()
    rules = list(ruleset.rules)
    files = [str(p) for p in generate(30, tmp_path)] + [str(p) for p in sorted(FIX.glob("*.json"))]

    def dump(path: str) -> list[str]:
        return [repr(f) for f in audit_file(path, ruleset, rules).findings]

    with_memo = [dump(f) for f in files]
    monkeypatch.setattr(localize, "_HELD", _Forgetful())
    monkeypatch.setattr(localize, "_PARTS", _Forgetful())
    assert [dump(f) for f in files] == with_memo
    assert any("localization=Localization" in f for fs in with_memo for f in fs)


def _candidates_by_definition(f, allowed):  # type: ignore[no-untyped-def]
    """`localize._candidates` testing every keystroke variant against the window."""
    from auditor.engine import localize as L
    from auditor.numeric import limits

    lo, hi = allowed
    seen = {f.value}
    grid = L._grid(f, allowed)
    if grid is not None and len(grid) == 1 and grid[0] not in seen:
        seen.add(grid[0])
        v = grid[0]
        yield f.written(L.like(f.text, v, max(f.decimals, 0)), v, max(f.decimals, 0)), None
    typos = []
    digits = limits.current().digits
    for text, typo, v, decimals in L._parsed_variants(f.text, digits) if len(f.text) <= 2 * digits + 20 else ():
        if v in seen or (lo is not None and v < lo) or (hi is not None and v > hi):
            continue
        if f.exact and v != v.to_integral_value():
            continue
        seen.add(v)
        typos.append((L._TYPO_ORDER[typo], text, v, decimals, typo))
    typos.sort(key=lambda t: t[0])
    for _, text, v, d, typo in typos:
        yield f.written(text, v, d), typo
    for c in L._points(f, allowed):
        if c.value not in seen:
            seen.add(c.value)
            yield c, None


_WRITTEN = ["1.896", "46,3", "2.350", "9,751", "03", "1650", "17", "0,5", "100%", "98,7%", "1.234.567", "7"]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_WRITTEN), st.booleans(), st.one_of(st.none(), st.integers(-5, 30000)),
       st.one_of(st.none(), st.integers(0, 40000)), st.sampled_from([1, 10, 100, 1000]))
def test_repair_candidates_as_defined(text: str, exact: bool, lo: int | None, hi: int | None, scale: int) -> None:
    """The variants inside a repair window, found by bisection, are those (and in the order)
    that testing each variant against the window gives."""
    from decimal import Decimal

    from auditor.engine.localize import _candidates
    from auditor.model.facts import Fact
    from auditor.numeric.notation import parse_vn_number

    p = parse_vn_number(text)
    f = Fact(p.value, p.decimals, exact, text, "/x")
    allowed = (None if lo is None else Decimal(lo) / scale, None if hi is None else Decimal(hi) / scale)
    got = [(c.text, c.value, c.decimals, t) for c, t in _candidates(f, allowed)]
    want = [(c.text, c.value, c.decimals, t) for c, t in _candidates_by_definition(f, allowed)]
    assert got == want
