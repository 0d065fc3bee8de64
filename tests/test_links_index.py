"""The indexed text linker (`links.link_groups`: profiles, rarest words, a walk over what is not
kept apart) makes exactly the groups, with the same confidence, as the pairwise loop it replaced
(`links_reference.reference_groups`), on generated candidate sets: a few profiles (words, unit,
kind, year, scope …) repeated at many places (items, blocks, clauses, sentences, tables, sibling
and nested sections), as a repeated body repeats them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from links_reference import reference_groups

from auditor.extract import links
from auditor.extract.context import MentionCand

# words that matter to the linker: content words, function words (dropped), place levels,
# polar words, a measure word the labels leave out, a date
WORDS = ["diện", "tích", "gieo", "trồng", "lúa", "ngô", "đường", "giao", "thông", "bê", "tông",
         "nghèo", "rãnh", "thoát", "nước", "vỉa", "hè", "số", "các", "của", "xã", "huyện", "tăng",
         "giảm", "cận", "km", "22/01/2021", "31/01/2021"]
UNITS = [None, None, "hộ", "người", "km", "m", "ha", "m²", "ha", "tấn", "%", "tỷ đồng", "triệu đồng"]
KINDS = ["plain", "plain", "indicator", "rate_num", "rate_den", "change_after", "total"]


@dataclass
class Sec:
    id: str
    level: int
    parent: Sec | None


def _sections() -> list[Sec]:
    s1, s2 = Sec("1", 1, None), Sec("2", 1, None)
    s11, s12, s21 = Sec("1.1", 2, s1), Sec("1.2", 2, s1), Sec("2.1", 2, s2)
    return [s1, s2, s11, s12, s21, Sec("1", 3, s21), Sec("2.1.1", 3, s21)]  # (a second "1": the first counts)


SECTION_IDS = [None, "1", "2", "1.1", "1.2", "2.1", "2.1.1", "9"]  # ("9": not a section)

label = st.lists(st.sampled_from(WORDS), min_size=1, max_size=9).map(" ".join)
EXTRA = {"scope": st.sampled_from(["a", "b"]), "dates": st.sampled_from([("1/1",), ("2/2",)]),
         "time": st.sampled_from(["start", "end"]), "pair": st.sampled_from([1, 2]),
         "qual": st.sampled_from([frozenset({"vu", "xuan"}), frozenset({"vu", "mua"}), frozenset({"vu"})]),
         "bare": label, "topic": label, "np": label, "inferred": st.just(True), "listed": st.booleans(),
         # where a mention stands: the named unit, the narrowing paragraphs before it, the “Về …,” topic
         "subject": st.sampled_from(["xã an bình", "xã tân phú"]), "epoch": st.sampled_from([1, 2]),
         "about": st.sampled_from(["thủy sản", "sản xuất nông nghiệp"])}
profile = st.fixed_dictionaries({
    "label": label, "unit": st.sampled_from(UNITS), "kind": st.sampled_from(KINDS),
    "part": st.sampled_from(["results", "results", "other", None]),
    "context": st.none() | label, "year": st.sampled_from([None, None, 2023, 2024]),
    "extra": st.fixed_dictionaries({}, optional=EXTRA),
})
FIELDS = ["label", "unit", "kind", "part", "context", "year", "extra"]


@st.composite
def profiles(draw: Any) -> list[dict[str, Any]]:
    """A profile and up to four variants of it, each with one or two fields (or entries of
    `extra`) from another profile: near profiles are where a linker's shortcut would show."""
    base = draw(profile)
    out = [base]
    for _ in range(draw(st.integers(0, 4))):
        other = draw(profile)
        other_extra = draw(st.fixed_dictionaries(EXTRA))
        v = {**base, "extra": dict(base["extra"])}
        for name in draw(st.lists(st.sampled_from(FIELDS + [f"extra.{k}" for k in EXTRA]), min_size=1, max_size=2)):
            if name.startswith("extra."):
                v["extra"][name[6:]] = other_extra[name[6:]]
            else:
                v[name] = other[name]
        out.append(v)
    return out


place = st.fixed_dictionaries({
    "group": st.sampled_from([f"g{i}" for i in range(6)]), "block": st.integers(-1, 5),
    "section": st.sampled_from(SECTION_IDS),
    "extra": st.fixed_dictionaries({}, optional={
        "table": st.sampled_from(["t1", "t2"]), "clause": st.sampled_from([(0, 5), (6, 9)]),
        "sentence": st.sampled_from([(0, 20), (21, 40)])}),
})


def _cand(p: dict[str, Any], where: dict[str, Any]) -> MentionCand:
    num: Any = None  # (the linker does not read the number)
    return MentionCand(num, p["unit"], p["label"], "", where["section"], p["part"], where["block"],
                       where["group"], context=p["context"], kind=p["kind"], year=p["year"],
                       extra={**p["extra"], **where["extra"]})


def _check(cands: list[MentionCand]) -> None:
    got = {frozenset(m): conf for m, conf in links.link_groups(cands, _sections())}
    assert got == reference_groups(cands, _sections())


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(profiles(),
       st.lists(st.tuples(st.integers(0, 4), place), min_size=2, max_size=30))
def test_the_indexed_linker_makes_the_groups_of_the_pairwise_loop(profiles: list[dict[str, Any]],
                                                                  where: list[tuple[int, dict[str, Any]]]) -> None:
    _check([_cand(profiles[k % len(profiles)], w) for k, w in where])


def test_it_links_copies_across_items_and_not_across_sibling_headings() -> None:
    """Two phrasings repeated under nested and sibling sections: the same words link (explicit),
    a word more links as an inference, sibling headings keep one template's copies apart."""
    a = {"label": "rãnh thoát nước trong khu dân cư", "unit": "km", "kind": "plain", "part": "results",
         "context": None, "year": 2024, "extra": {}}
    b = {**a, "label": "Chiều dài rãnh thoát nước trong khu dân cư"}
    places = [{"group": f"g{i}", "block": i, "section": s, "extra": {}}
              for i, s in enumerate(["1.1", "1.1", "1.2", "2.1", None])]
    cands = [_cand(a, places[0]), _cand(a, places[1]), _cand(a, places[2]), _cand(b, places[3]),
             _cand(b, places[4])]
    groups = {frozenset(m): conf for m, conf in links.link_groups(cands, _sections())}
    # 1.1 and 1.2 are siblings: candidate 2 links only to 2.1 (another parent) and the unsectioned one
    assert groups == reference_groups(cands, _sections())
    assert groups == {frozenset({0, 1, 2, 3, 4}): "inferred"}
    only_a = [_cand(a, places[0]), _cand(a, places[1]), _cand(a, places[2])]
    assert {frozenset(m): c for m, c in links.link_groups(only_a, _sections())} == {frozenset({0, 1}): "explicit"}


_BASE = {"label": "diện tích gieo trồng lúa", "unit": "ha", "kind": "plain", "part": "results", "context": None,
         "year": None, "extra": {}}
NEAR = {
    # two openings that differ are two quantities; one that says more leaves an inference
    "qual": [{**_BASE, "extra": {"qual": frozenset({"vu", "xuan"})}}, {**_BASE, "extra": {"qual": frozenset({"vu", "mua"})}},
             {**_BASE, "extra": {"qual": frozenset({"vu"})}}],
    # the word more is the topic (a scope) or not
    "topic": [{**_BASE, "label": "Cây lạc diện tích gieo trồng", "extra": {"bare": "diện tích gieo trồng", "topic": "Cây lạc"}},
              {**_BASE, "label": "Cây lạc diện tích gieo trồng", "extra": {"bare": "diện tích gieo trồng", "topic": "Vụ mùa"}},
              {**_BASE, "label": "diện tích gieo trồng"}],
    # a rate's part that lacks the rarest word of the other's label and holds two of its own
    # (from its whole label): found only through the other's second rarest word
    "cover": [{**_BASE, "kind": "rate_num", "label": "lúa ngô khoai sắn đậu lạc mía chè", "context": "bông cói"},
              {**_BASE, "label": "ngô khoai sắn đậu lạc mía chè bông cói"},
              {**_BASE, "label": "ngô khoai sắn đậu lạc mía chè vải"}, {**_BASE, "label": "ngô khoai sắn đậu lạc mía chè nhãn"}],
    "year": [{**_BASE, "year": 2023}, {**_BASE, "year": 2024}, _BASE],
    "polar": [_BASE, {**_BASE, "label": "diện tích gieo trồng lúa giảm"}, {**_BASE, "label": "diện tích gieo trồng lúa tăng"}],
}


def test_near_profiles_are_decided_each_on_its_own() -> None:
    """Profiles that differ in one thing the linker reads, each repeated at several places."""
    for name, profs in NEAR.items():
        cands = [_cand(p, {"group": f"g{k}{i}", "block": 10 * k + i, "section": None, "extra": {}})
                 for k, p in enumerate(profs) for i in range(2)]
        got = {frozenset(m): conf for m, conf in links.link_groups(cands, _sections())}
        assert got == reference_groups(cands, _sections()), name
        assert got, name  # (each case links something)
