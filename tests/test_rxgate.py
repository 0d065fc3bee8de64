"""A search skipped when the text cannot hold a match (auditor/files/rxgate.py, issue 16): the needs
written beside each pattern are what its parse gives, the derivation never drops a match (random
patterns and texts), the lowering agrees with `re`'s case folding on every character, and the
reader's output is the same with the gates as with every search run."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.extract import build, links, numbers, period, prose, refs, relations, roles, totals, vn
from auditor.extract.vn import ANY_NUMBER
from auditor.files import rxgate
from auditor.files.rxgate import DIGIT, may_match, needs
from auditor.registries import citations, cues

GATED = [
    (refs._ANNIV, refs._ANNIV_NEEDS),
    (refs._PERIOD, refs._PERIOD_NEEDS),
    (refs._APPX, refs._APPX_NEEDS),
    (links._SPAN, links._SPAN_NEEDS),
    *zip(links._TOPICS, links._TOPICS_NEEDS),
    (prose._COUNCIL, prose._COUNCIL_NEEDS),
    (totals._MARKER, totals._MARKER_NEEDS),
    (citations._HEAD, citations._HEAD_NEEDS),
    *zip(prose._CHANGES, prose._CHANGES_NEEDS),
    (prose._IF_THEN, prose._IF_THEN_NEEDS),
    (prose._SEASON, prose._SEASON_NEEDS),
    (prose._RAISE_TOTAL, prose._RAISE_TOTAL_NEEDS),
    (roles._PAREN_PRIOR, roles._PAREN_PRIOR_NEEDS),
    (roles._COMPARED_PRIOR, roles._COMPARED_PRIOR_NEEDS),
    (roles._PRIOR_STATED, roles._PRIOR_STATED_NEEDS),
    (roles._OVER_PLAN_BEFORE, roles._OVER_PLAN_NEEDS),
    (roles._PLAN_BEFORE, roles._PLAN_BEFORE_NEEDS),
    (period._ESTIMATE, period._ESTIMATE_NEEDS),
    (refs._SPAN, refs._SPAN_NEEDS),
    (refs._ORDINAL, refs._ORDINAL_NEEDS),
    (relations._PLACE, relations._PLACE_NEEDS),
    (vn.ADMIN_PLACE, vn.ADMIN_PLACE_NEEDS),
    (numbers._FORMATION, numbers._FORMATION_NEEDS),
    (ANY_NUMBER, build._CELL_NEEDS),
    (build._GLUED, build._CELL_NEEDS),
]


@pytest.mark.parametrize(("rx", "written"), GATED, ids=lambda x: getattr(x, "pattern", "")[:30])
def test_written_needs_are_the_derived_ones(rx: re.Pattern[str], written: tuple) -> None:
    # a word added to a pattern without its need written out fails here (not a reading)
    assert written == needs(rx)
    assert written  # (a gate that needs nothing would test in vain)


def test_derivation_by_hand() -> None:
    assert needs(re.compile(r"ab(c|de)f+")) == (("ab",),)
    assert needs(re.compile(r"(?:abc|zabcd)y")) == (("abc",),)  # “zabcd” holds “abc”
    assert needs(re.compile(r"a?b*")) == ()
    assert needs(re.compile(r"(?:word|\d)")) == ()  # an alternative without a word
    assert needs(re.compile(r"\d+ năm|năm \d")) == ((" năm", "năm "), (DIGIT,))
    assert needs(re.compile(r"(?<!abc)x")) == (("x",),)  # a negative lookbehind needs nothing
    assert needs(re.compile(r"(?<=abc)x")) == (("x",),)  # nor a lookbehind: it may look before `pos`
    assert needs(re.compile(r"(?=phụ)\w+")) == (("phụ",),)
    assert needs(re.compile(r"Ab[0-9]", re.I)) == (("ab",), (DIGIT,))
    assert needs(re.compile(r"[0-9a]")) == ()


def test_lowering_agrees_with_re_on_every_character() -> None:
    """`re` (IGNORECASE) matches t with c when their simple lowercase forms are equal or one is an extra
    case of the other; `str.lower` is that simple form on every character but “İ”, and the extra cases
    (but plain i and s) and what “İ” lowers to are `_SPECIAL`."""
    import _sre
    from re._casefix import _EXTRA_CASES

    for code in range(sys.maxunicode + 1):
        low = chr(code).lower()
        if len(low) == 1:
            assert ord(low) == _sre.unicode_tolower(code), hex(code)
        else:
            assert rxgate._SPECIAL.search(low), hex(code)
    for lo, others in _EXTRA_CASES.items():
        for k in (lo, *others):
            assert chr(k) in "is" or rxgate._SPECIAL.match(chr(k)), hex(k)


# random patterns over a small alphabet (letters with their other case and re's extra cases, digits)
_CHARS = "aAbBiIıİsSſkKKσςΣđĐộỘ0 7.-"
_lits = st.text(alphabet="abisđộkσ0", min_size=1, max_size=3).map(re.escape)
_atoms = st.one_of(_lits, st.sampled_from([r"\d", r"\s", r"[ab]", r"[0-9]", ".", r"\w", "[^a]"]))


def _patterns() -> st.SearchStrategy[str]:
    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.one_of(
            st.lists(inner, min_size=1, max_size=3).map("".join),
            st.lists(inner, min_size=2, max_size=3).map(lambda xs: "(?:" + "|".join(xs) + ")"),
            st.tuples(inner, st.sampled_from(["*", "+", "?", "{2}", "{0,2}"])).map(lambda t: f"(?:{t[0]}){t[1]}"),
            inner.map(lambda x: f"({x})"),
            inner.map(lambda x: f"(?i:{x})"),
            inner.map(lambda x: f"(?={x})"),
            inner.map(lambda x: f"(?!{x})"),
            _lits.map(lambda x: f"(?<={x})"),
            _lits.map(lambda x: f"(?<!{x})"),
        )
    return st.recursive(_atoms, extend, max_leaves=8)


@settings(max_examples=1500)
@given(pattern=_patterns(), flags=st.sampled_from([0, re.I]), text=st.text(alphabet=_CHARS, max_size=14),
       pos=st.integers(0, 14), end=st.integers(0, 14))
def test_a_text_the_gate_skips_holds_no_match(pattern: str, flags: int, text: str, pos: int, end: int) -> None:
    rx = re.compile(pattern, flags)
    want = needs(rx)
    rxgate._lowered.clear()
    rxgate._digits.clear()
    if not may_match(text, want):
        assert rx.search(text) is None
    if not may_match(text, want, pos, end):  # (a search from pos to end, or of that slice)
        assert rx.search(text, pos, end) is None
        assert rx.search(text[pos:end]) is None


# paragraphs from the reader's own words (every need of every gate, in any case) and numbers
_WORDS = sorted({w for _, want in GATED for one in want for w in one if w != DIGIT}
                | {"trong đó", "giai đoạn", "Hội đồng thi đua", "phụ lục", "Nghị định", "QĐ", "số", "năm",
                   "tháng", "quý", "kỷ niệm", "ngày", "thành lập", "gồm", "cụ thể", "xã", "đơn vị", "tổng",
                   "khen thưởng", "Bằng khen", "ſ", "İ", "Σ",
                   # a match of each gated pattern, so that the texts hold matches as often as near misses
                   "20 năm ngày thành lập", "giai đoạn 2021-2025", "Phụ lục 2", "tháng 9", "6 tháng", "quý III",
                   "Hội đồng Thi đua", "HĐTĐKT", "trong đó", "bao gồm:", "Nghị định số 91/2017/NĐ-CP",
                   "Quyết định 15", "QĐ 12", "nâng tổng số lên", "ước thực hiện", "so với cùng kỳ",
                   "giảm từ 12 xuống 8", "còn 5, giảm 3", "từ 10 tăng lên 12", "giảm 2 còn 7", "nếu", "thì",
                   "đối với", "vụ đông xuân", "(CK: 12)", "so với năm trước (", "cùng kỳ năm trước đạt",
                   "vượt kế hoạch", "KH", "chỉ tiêu", "dự kiến", "ước đạt", "2020 - 2025", "năm thứ hai",
                   "thôn Đông", "Sư đoàn 2", "m2", "tăng", "đạt"})
_NUMS = st.sampled_from(["1", "12", "2023", "2020-2025", "15/2023/NĐ-CP", "1.250", "3,5", "98", "6"])
_piece = st.one_of(st.sampled_from(_WORDS).flatmap(lambda w: st.sampled_from([w, w.upper(), w.capitalize()])),
                   _NUMS, st.sampled_from([",", ".", ";", ":", "(", ")", "-", "%"]))
_paragraph = st.lists(_piece, min_size=1, max_size=24).map(" ".join)


@settings(max_examples=400)
@given(text=_paragraph)
def test_the_gated_patterns_on_the_readers_words(text: str) -> None:
    for rx, want in GATED:
        if not may_match(text, want):
            assert list(rx.finditer(text)) == [], rx.pattern[:40]


def _read(text: str) -> str:
    from auditor.extract import extract_bytes

    res = extract_bytes(text.encode("utf-8"), "bao_cao.txt")
    return repr((res.report, res.problems, res.unparsed, res.dropped))


@settings(max_examples=40, deadline=None)
@given(paras=st.lists(_paragraph, min_size=1, max_size=6))
def test_the_readers_output_is_the_same_without_the_gates(paras: list[str]) -> None:
    text = "\n\n".join(paras) + "\n"
    gated = _read(text)
    always = (lambda text, want, a=0, b=None: True)
    mods = (refs, links, prose, totals, citations, cues, build, numbers, period, relations, roles)
    saved = [m.may_match for m in mods]
    try:
        for m in mods:
            m.may_match = always  # type: ignore[attr-defined]
        open_ = _read(text)
    finally:
        for m, f in zip(mods, saved):
            m.may_match = f  # type: ignore[attr-defined]
    assert gated == open_


def test_the_gates_skip() -> None:
    # the gates are not vacuous: a paragraph without the words is not searched
    assert not may_match("Tổ chức tốt các phong trào", citations._HEAD_NEEDS)  # no number
    assert not may_match("Năm 2023 xã tổ chức 5 hội nghị", refs._APPX_NEEDS)
    assert may_match("Phụ lục 2 kèm theo", refs._APPX_NEEDS)
    assert may_match("PHỤ LỤC", refs._APPX_NEEDS)
    assert may_match("ſ", (("x",),))  # a text holding one of re's extra cases is always searched


def test_re_s_extra_cases_and_the_dotted_capital_i_are_searched() -> None:
    # each text below matches its pattern under IGNORECASE although its lowered form does not hold the
    # pattern's lowered letters: the gate must let every one through
    from re._casefix import _EXTRA_CASES

    cases = [(chr(lo) + "x", chr(k) + "x") for lo, ks in _EXTRA_CASES.items() for k in ks]
    cases += [(chr(k) + "x", chr(lo) + "x") for lo, ks in _EXTRA_CASES.items() for k in ks]
    cases += [("in", "İn"), ("xin", "XİN"), ("σx", "Σx"), ("ας", "ΑΣ"), ("kx", "\u212ax")]
    for pattern, text in cases:
        rx = re.compile(re.escape(pattern), re.I)
        if rx.search(text) is None:
            continue
        rxgate._lowered.clear()
        want = needs(rx)
        assert may_match(text, want), (pattern, text, want)
        assert may_match(text, want, 0, len(text)), (pattern, text, want)


def test_every_cue_needs_a_word_of_each_of_its_phrases() -> None:
    for name in cues.names():
        want = cues._needs(name)
        assert want, name  # (every phrase of the lexicon has a word)
        (one_of,) = want
        for phrase in cues.cue(name).words:
            assert any(w in phrase.lower() for w in one_of), (name, phrase)


_word = st.text(alphabet="aAsSſıİiđĐộσΣK0.%", min_size=1, max_size=4)
_phrase = st.lists(_word, min_size=1, max_size=3).map(" ".join)


@settings(max_examples=800)
@given(phrases=st.lists(_phrase, min_size=1, max_size=4), text=st.text(alphabet="aAsSſıİiđĐộσΣςK0.% \n", max_size=16),
       pos=st.integers(0, 16), end=st.integers(0, 16))
def test_a_text_without_a_phrases_needs_holds_no_phrase(phrases: list[str], text: str, pos: int, end: int) -> None:
    rx = re.compile(cues.phrase_pattern(phrases), re.I)
    want = rxgate.phrase_needs(phrases)
    rxgate._lowered.clear()
    if not may_match(text, want, pos, end):
        assert rx.search(text, pos, end) is None
    if not may_match(text, want):
        assert rx.search(text) is None


@given(text=_paragraph, a=st.integers(0, 60), n=st.integers(0, 200))
def test_the_lexicons_searches_with_and_without_the_gate(text: str, a: int, n: int) -> None:
    saved = cues.may_match
    try:
        for name in cues.names():
            c = cues.cue(name)
            gated = (c.search(text, a, a + n), [m.span() for m in c.finditer(text, a, a + n)], c.search(text))
            cues.may_match = lambda text, want, a=0, b=None: True  # type: ignore[assignment]
            plain = (c.search(text, a, a + n), [m.span() for m in c.finditer(text, a, a + n)], c.search(text))
            cues.may_match = saved  # type: ignore[assignment]
            assert (gated[0] and gated[0].span(), gated[1], gated[2] and gated[2].span()) == \
                (plain[0] and plain[0].span(), plain[1], plain[2] and plain[2].span()), name
    finally:
        cues.may_match = saved  # type: ignore[assignment]


@given(text=st.text(alphabet=" \t\u00a0a\n", max_size=12))
def test_two_spaces_or_a_tab_is_what_multi_space_needs(text: str) -> None:
    from auditor.extract.text import _RX

    if _RX["multi_space"].search(text) is not None:
        assert "  " in text or "\t" in text


# the lowered text shared by the gates and the passes (`rxgate.lowered`)

@settings(max_examples=400)
@given(texts=st.lists(st.text(alphabet=_CHARS + "ẞßǅΩΩ\u0307", max_size=12), min_size=1, max_size=8),
       gate_first=st.booleans())
def test_the_shared_lowered_text_is_the_texts_lower(texts: list[str], gate_first: bool) -> None:
    rxgate._lowered.clear()
    for text in texts + texts:  # (each text asked again: served from what is kept)
        if gate_first:
            may_match(text, (("x",),))  # (the gates may have kept the text first, or kept it as “search always”)
        assert rxgate.lowered(text) == text.lower()


def test_a_paragraph_is_lowered_once_for_every_pass_that_asks() -> None:
    rxgate._lowered.clear()
    text = "Tổng số thùng đựng rác mua mới là 560 THÙNG"
    first = rxgate.lowered(text)
    assert first == text.lower() and rxgate.lowered(text) is first  # kept, not made again
    assert may_match(text, (("thùng",),)) and rxgate.lowered(text) is first  # and shared with the gates
    for k in range(2100):  # (the kept texts are dropped past a bound: a batch reads many documents)
        rxgate.lowered(f"Đoạn {k}")
    assert len(rxgate._lowered) <= 2049
    assert rxgate.lowered(text) == text.lower()
    special = "Kỳ họp thứ İI"  # (one of `_SPECIAL` once lowered: the gates search it always, the passes get its lower)
    assert rxgate._low(special) is None and rxgate.lowered(special) == special.lower()
