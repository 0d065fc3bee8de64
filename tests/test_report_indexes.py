"""The indexes the checks make once per report list (issue 16) answer as the scans they
replaced did: the part of a section, the part of a table's section, the indicators a count
claim counts, an answer listed again in the references. The scans are kept here as the
reference, and compared on generated lists."""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from benchmark import scale_report  # noqa: E402

from auditor.checks import arithmetic, calendar, period  # noqa: E402
from auditor.checks.registry import per_list  # noqa: E402
from auditor.engine.ruleset import load_rules  # noqa: E402
from auditor.engine.runner import run_rules  # noqa: E402
from auditor.read.json_reader import parse_report_text, read_report  # noqa: E402
from auditor.registries.legal import normalize_number  # noqa: E402

# ----------------------------------------------------------------------- the scans, as they were


def part_of_scan(sections: Any, sid: Any) -> str | None:
    if not isinstance(sections, list) or not isinstance(sid, str):
        return None
    secs = [s for s in sections if isinstance(s, dict)]
    idx = next((i for i, s in enumerate(secs) if s.get("id") == sid), None)
    if idx is None:
        return None
    level = secs[idx].get("level") if isinstance(secs[idx].get("level"), int) else 9
    for s in reversed(secs[:idx + 1]):
        lv = s.get("level") if isinstance(s.get("level"), int) else 9
        if s is secs[idx] or lv < level:
            if s.get("part"):
                return str(s["part"])
            level = min(level, lv)
    return None


def table_part_scan(table: dict[str, Any], sections: Any) -> str | None:
    sid = table.get("section")
    if not sid or not isinstance(sections, list):
        return None
    best: tuple[int, str | None] = (-1, None)
    for s in sections:
        if not isinstance(s, dict) or not s.get("id"):
            continue
        x = str(s["id"])
        if x == sid:
            return s.get("part")
        if str(sid).startswith(x + ".") and len(x) > best[0]:
            best = (len(x), s.get("part"))
    return best[1]


def matching_scan(universe: list[Any], match: dict[str, Any]) -> list[Any]:
    return [it for it in universe if isinstance(it, dict)
            and all(v is None or it.get(k) == v for k, v in match.items())]


def duplicate_scan(ref: dict[str, Any], refs: Any) -> bool:
    if not period.ptr(ref).startswith("/meta/answers/") or not isinstance(refs, list):
        return False
    key = normalize_number(ref.get("number"))
    when = period.view_bounds(ref.get("date"))
    return any(isinstance(r, dict) and normalize_number(r.get("number")) == key
               and period.view_bounds(r.get("date")) == when for r in refs)


# ----------------------------------------------------------------------------- generated lists

IDS = ["p1", "p1.I", "p1.I.2", "p1.I.2.1", "p1.II", "p2", "p2.1", "x", "x.1.2", "1", "1.1", ""]
section = st.one_of(
    st.fixed_dictionaries({}, optional={
        "id": st.one_of(st.sampled_from(IDS), st.none(), st.integers(0, 2)),
        "level": st.one_of(st.integers(0, 4), st.none(), st.just("2"), st.booleans()),
        "part": st.sampled_from([None, "", "results", "plan", "other"]),
    }),
    st.none(), st.integers(),
)
sections = st.lists(section, max_size=14)
sids = st.one_of(st.sampled_from(IDS + ["p1.I.2.1.a", "p1.I.9", "x.1", "p3", "1.1.1"]), st.none(), st.integers(0, 2))


@given(sections, sids)
def test_part_of_a_section_as_the_scan_gives_it(secs: list[Any], sid: Any) -> None:
    assert calendar._part_of(secs, sid) == part_of_scan(secs, sid)
    assert calendar._part_of(list(secs), sid) == part_of_scan(secs, sid)  # another list: its own index


@given(sections, sids)
def test_part_of_a_table_as_the_scan_gives_it(secs: list[Any], sid: Any) -> None:
    table = {"id": "t", "section": sid}
    assert period.table_part(table, secs) == table_part_scan(table, secs)


VALUES = st.sampled_from(["t1", "t2", "g", None, 1])
indicator = st.one_of(st.fixed_dictionaries({"name": st.text(max_size=3)},
                                            optional={"table": VALUES, "group": VALUES, "section": VALUES}),
                      st.none(), st.integers())
match = st.fixed_dictionaries({"table": VALUES, "group": VALUES, "section": VALUES})


@given(st.lists(indicator, max_size=20), st.lists(match, min_size=1, max_size=4))
def test_items_a_count_claim_counts_as_the_scan_finds_them(universe: list[Any], matches: list[dict[str, Any]]) -> None:
    for m in matches:  # the claims of one rule look up the same list
        got = arithmetic._matching(universe, m)
        want = matching_scan(universe, m)
        assert len(got) == len(want) and all(a is b for a, b in zip(got, want))


def test_an_unhashable_value_is_compared_one_by_one() -> None:
    universe = [{"table": ["a"]}, {"table": "t"}]
    assert arithmetic._matching(universe, {"table": "t", "group": None}) == [{"table": "t"}]
    assert arithmetic._matching(universe, {"table": ["a"], "group": None}) == [{"table": ["a"]}]


date = st.one_of(st.none(), st.fixed_dictionaries({"year": st.sampled_from([2022, 2023])},
                                                  optional={"month": st.integers(1, 2), "day": st.integers(1, 2)}))
ref = st.fixed_dictionaries({"number": st.sampled_from([None, "05-CT/TW", "5-CT/TƯ", "91/2017/NĐ-CP", "12/KH"]),
                             "date": date})


@given(st.lists(ref, max_size=8), st.lists(ref, min_size=1, max_size=3))
def test_an_answer_listed_again_as_the_scan_finds_it(refs: list[Any], answers: list[dict[str, Any]]) -> None:
    items = [{**r, "$ptr": f"/references/{i}"} for i, r in enumerate(refs)]
    for j, a in enumerate(answers):
        answer = {**a, "$ptr": f"/meta/answers/{j}"}
        assert period.duplicate_answer(answer, items) == duplicate_scan(answer, items)


def test_an_index_is_made_once_per_list() -> None:
    built: list[tuple[int, Any]] = []

    @per_list
    def index(seq: list[Any], key: str) -> dict[Any, int]:
        built.append((id(seq), key))
        return {x: i for i, x in enumerate(seq)}

    a = [1, 2, 3]
    assert index(a, "k") == {1: 0, 2: 1, 3: 2}
    index(a, "k")
    index(a, "other")  # another index of the same list
    assert len(built) == 2
    b = [1, 2, 3]
    index(b, "k")  # an equal list is another list
    assert len(built) == 3
    b.append(4)  # (views never change; a list that did is indexed again)
    assert index(b, "k")[4] == 3


# ------------------------------------------------------------------ checks share their arguments


def test_checks_leave_the_report_view_as_they_found_it() -> None:
    """The engine hands every item of a rule the same report-wide lists (“$.sections”,
    “$.indicators”): checks must not change their arguments."""
    ruleset = load_rules()
    rules = list(ruleset.rules)
    seed = json.loads((ROOT / "fixtures" / "seed_000_but_son_2022.json").read_text("utf-8"))
    reads = [read_report(p) for p in sorted((ROOT / "fixtures").glob("*.json"))]
    reads.append(parse_report_text(json.dumps(scale_report(seed, 3), ensure_ascii=False)))
    for res in reads:
        assert res.report is not None and res.view is not None
        before = copy.deepcopy(res.view)
        out = run_rules(res.report, rules, "r.json", view=res.view)
        assert out.stats.evaluated > 50
        assert res.view == before
