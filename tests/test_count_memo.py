"""The count claim's memo (`arithmetic._classified`: whether an item meets a condition, kept by the
item's identity for one report) gives what evaluating the condition on each item gives, on
generated lists, also when error localization re-runs a count with one item copied and changed;
and the engine empties it when the next report's rules start."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditor.checks import arithmetic, registry
from auditor.checks.arithmetic import check_count
from auditor.engine.ruleset import load_rules
from auditor.engine.runner import run_rules
from auditor.model.facts import Fact
from auditor.model.numinput import JsonNumberText
from auditor.read.json_reader import ReadResult, validate_data
from auditor.workflows.examples import BASE_REPORT

_CNT = next(r for r in load_rules().rules if r.id == "CNT001")
OPTS = {k: v for k, v in _CNT.params.items() if k in ("conditions", "vars")}


def _plain_count(a: dict[str, Any], o: dict[str, Any]) -> list[Any]:
    """check_count with every item classified afresh (the memo bypassed)."""
    saved = arithmetic._classified
    arithmetic._classified = arithmetic._classify  # type: ignore[assignment]
    try:
        return check_count(a, o)
    finally:
        arithmetic._classified = saved  # type: ignore[assignment]


def _fact(text: str, ptr: str) -> Fact:
    v = Decimal(text.replace(",", "."))
    d = len(text.split(",")[1]) if "," in text else 0
    return Fact(v, d, False, text, ptr, "%" if ptr.endswith("pct_kh") else None)


_pct = st.sampled_from(["99,9", "100", "100,0", "100,04", "99,96", "115,6", "87", "100,5"])


@st.composite
def universes(draw: Any) -> list[dict[str, Any]]:
    items = []
    for i in range(draw(st.integers(1, 8))):
        values: dict[str, Any] = {}
        for col in draw(st.sets(st.sampled_from(["pct_kh", "th", "kh"]))):
            ptr = f"/indicators/{i}/values/{col}"
            text = draw(_pct) if col == "pct_kh" else str(draw(st.integers(1, 900)))
            values[col] = {"$ptr": ptr, "$fact": _fact(text, ptr), "text": text}
        items.append({"$ptr": f"/indicators/{i}", "name": f"CT{i}", "table": draw(st.sampled_from(["t1", "t2"])),
                      "values": values})
    return items


def _outcome(outs: list[Any]) -> list[tuple[Any, ...]]:
    return [(o.status, o.key, o.params, [f.text for f in o.involved or []]) for o in outs]


@given(universes(), st.sampled_from(sorted(OPTS["conditions"])), st.integers(0, 9),
       st.sampled_from([None, "t1", "t2"]), st.data())
def test_the_memo_counts_as_the_plain_evaluation(universe: list[dict[str, Any]], cond: str, stated: int,
                                                 table: str | None, data: st.DataObject) -> None:
    registry.new_report()
    a = {"stated": _fact(str(stated), "/counts/0/stated"), "universe": universe,
         "match": {"table": table, "group": None, "section": None}, "condition": cond}
    assert _outcome(check_count(a, OPTS)) == _outcome(_plain_count(a, OPTS))
    assert _outcome(check_count(a, OPTS)) == _outcome(_plain_count(a, OPTS))  # asked again: remembered
    # as localization re-runs it: one item copied with another % of plan, the others the same objects
    i = data.draw(st.integers(0, len(universe) - 1))
    ptr = f"/indicators/{i}/values/pct_kh"
    text = data.draw(_pct)
    changed = dict(universe[i], values={**universe[i]["values"],
                                        "pct_kh": {"$ptr": ptr, "$fact": _fact(text, ptr), "text": text}})
    b = dict(a, universe=[changed if j == i else it for j, it in enumerate(universe)])
    assert _outcome(check_count(b, OPTS)) == _outcome(_plain_count(b, OPTS))
    for c in OPTS["conditions"]:  # every condition on the same items
        assert _outcome(check_count(dict(b, condition=c), OPTS)) == _outcome(_plain_count(dict(b, condition=c), OPTS))


def test_a_changed_item_is_classified_again() -> None:
    """The memo is by identity: a copy that changed its % of plan is not answered for the original."""
    registry.new_report()
    ptr = "/indicators/0/values/pct_kh"
    item = {"$ptr": "/indicators/0", "name": "A", "values": {"pct_kh": {"$ptr": ptr, "$fact": _fact("115,6", ptr)}}}
    a = {"stated": _fact("1", "/counts/0/stated"), "universe": [item], "match": {"table": None, "group": None,
                                                                              "section": "/s"},
         "condition": "exceeds_plan"}
    item["section"] = "/s"
    assert check_count(a, OPTS)[0].status == "pass"
    copy = dict(item, values={"pct_kh": {"$ptr": ptr, "$fact": _fact("95", ptr)}})
    assert check_count(dict(a, universe=[copy]), OPTS)[0].status == "fail"
    assert check_count(a, OPTS)[0].status == "pass"


def _report(n: int) -> ReadResult:
    raw = {"indicators": [{"name": f"CT{i}", "table": "t1", "values": {"pct_kh": "120"}} for i in range(n)],
           "counts": [{"label": "chỉ tiêu vượt KH", "stated": str(n), "of": {"table": "t1"},
                       "condition": "exceeds_plan"}]}
    res = validate_data(json.loads(json.dumps({**BASE_REPORT, **raw}), parse_int=JsonNumberText,
                                   parse_float=JsonNumberText), ReadResult("r.json"))
    assert res.report is not None
    return res


@pytest.mark.parametrize("memo", ["_CLASSIFIED", "_COUNTED"])
def test_the_next_report_empties_the_memos(memo: str) -> None:
    """The memos hold a report's view dicts: the next report's rules start without them (an earlier
    version kept up to 64 reports' views in `_COUNTED`)."""
    first, second = _report(3), _report(2)
    run_rules(first.report, [_CNT], "a.json", view=first.view)
    cache = getattr(arithmetic, memo)
    cache[id(first)] = (first, "")  # (what a localization of the first report would leave)
    run_rules(second.report, [_CNT], "b.json", view=second.view)
    assert all(v[0] is not first for v in cache.values())
    kept = [v[0] for v in arithmetic._CLASSIFIED.values()]
    assert kept and all(any(it is x for x in second.view["indicators"]) for it in kept)
