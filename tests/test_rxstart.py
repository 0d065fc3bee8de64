"""The first characters of a pattern's matches, written into its compiled code
(auditor/files/rxstart.py, issue 16): a search skips only positions where no match starts, so
every search, `finditer`, `findall`, `sub` and `split` answers what `re`'s own pattern answers."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.files import rxcache
from auditor.files.rxstart import start_set_code

pytestmark = pytest.mark.skipif(not rxcache._usable(), reason="CPython's re internals only")


def _both(pattern: str, flags: int = 0) -> tuple[re.Pattern[str], re.Pattern[str], bool]:
    """`re`'s own compiled pattern, the one with the start set, and whether a set was added."""
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]

    p = _parser.parse(pattern, flags)
    code = _compiler._code(p, flags)
    groupindex = dict(p.state.groupdict)
    indexgroup: list[Any] = [None] * p.state.groups
    for k, i in groupindex.items():
        indexgroup[i] = k
    final = flags | p.state.flags
    better = start_set_code(pattern, flags, code)
    own = _sre.compile(pattern, final, code, p.state.groups - 1, groupindex, tuple(indexgroup))
    with_set = _sre.compile(pattern, final, better, p.state.groups - 1, groupindex, tuple(indexgroup))
    return own, with_set, better is not code


def _answers(rx: re.Pattern[str], text: str, pos: int, end: int) -> tuple:
    m = rx.search(text, pos, end)
    return ((m.span(), m.groups(), m.groupdict()) if m else None,
            [(x.span(), x.groups()) for x in rx.finditer(text, pos, end)],
            rx.findall(text, pos, end), rx.sub("<\\g<0>>", text), rx.split(text),
            bool(rx.match(text, pos, end)), bool(rx.fullmatch(text, pos, end)))


def _re_has_set(pattern: str, flags: int) -> bool:
    """Whether `re`'s own code knows a prefix or a set of first characters."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    return _compiler._code(_parser.parse(pattern, flags), flags)[2] != 0


# ---- what gets a set, and what does not

@pytest.mark.parametrize(("pattern", "flags"), [
    (r"(?<![\w])(?:tổng\s+số|trong\s+đó|bao\s+gồm)(?![\w])", re.I),   # the lexicon's alternations
    (r"(?=[tb])(?:tổng|bao)", re.I),                                   # a lookahead first
    (r"[Tt]rong\s+năm", re.I),
    (r"(?:a|b)?c", 0),                                                  # an optional part, then the next
    (r"\d+(?:[.,]\d+)*", 0),                                            # a repeat first (re has no set)
    (r"(?i:k)m", 0),                                                    # a scoped flag
    (r"(a)\1", re.I),                                                   # a group, then its back-reference
])
def test_a_set_is_added_where_re_has_none(pattern: str, flags: int) -> None:
    own, with_set, added = _both(pattern, flags)
    assert added and not _re_has_set(pattern, flags) and with_set != own


@pytest.mark.parametrize(("pattern", "flags"), [
    (r"tổng số", 0),             # a literal prefix: re's own
    (r"[ab]c", 0),               # a set: re's own
    (r"x*", re.I),               # can match empty
    (r"(?:a|)b?", re.I),         # can match empty
    (r"[^\W\d_]+", re.I),        # a negated class
    (r".a", re.I),               # any character
    (r"^(?:tổng|số)", re.I),     # opens with ^: tried at the start only
    (r"\Ahọ", re.I),
    (r"(a)?\1x", re.I),          # a back-reference first (after an optional group)
])
def test_no_set_where_none_helps_or_can_be_bounded(pattern: str, flags: int) -> None:
    own, with_set, added = _both(pattern, flags)
    assert not added and with_set == own


def test_every_case_variant_re_accepts_is_in_the_set() -> None:
    """`re` under IGNORECASE takes “ſ” for “s”, the Kelvin sign for “k”, “İ” for “i”, “ς” and “ϲ” for
    “σ”: a search must still find them at the start of a match."""
    cases = [("s", "ſ"), ("S", "ſ"), ("k", "\u212a"), ("i", "İ"), ("I", "ı"), ("σ", "ς"), ("Σ", "ς"),
             ("đ", "Đ"), ("ộ", "Ộ"), ("µ", "μ"), ("ß", "ẞ"), ("ǅ", "ǆ"), ("ǆ", "Ǆ")]
    for lit, variant in cases:
        own, with_set, added = _both(re.escape(lit) + "x", re.I)
        assert added
        text = f"-- {variant}x {variant.upper()}x --"
        assert _answers(own, text, 0, len(text)) == _answers(with_set, text, 0, len(text)), (lit, variant)


@pytest.mark.parametrize(("pattern", "text"), [
    (r"(?<=a)b", "ab bab Ab"), (r"(?<!a)b", "ab b cb"), (r"(?<=số )\d+", "số 12, Số 3"),
    (r"(?=ab)a", "aab Ab"), (r"(?!x)\w", "xay"), (r"\bh", "ah h hh"), (r"(?:x?)(?<=y)z", "yz xz"),
    (r"(?<![\w])(?:kế\s+hoạch)(?![\w])", "Kế hoạch, KẾ  HOẠCH, kếhoạch"), (r"\B1", "a1 1 11"),
])
def test_zero_width_parts_first(pattern: str, text: str) -> None:
    """A lookbehind looks before the match and consumes nothing: the set is that of what follows it."""
    for flags in (0, re.I):
        own, with_set, _ = _both(pattern, flags)
        for pos in range(len(text) + 1):
            assert _answers(own, text, pos, len(text)) == _answers(with_set, text, pos, len(text)), (pattern, pos)


# ---- the same answers, on random patterns and texts

_CHARS = "aAbBiIıİsSſkKKσςΣđĐộỘµμßẞǅǆǄ0 7.-\n"
_lits = st.text(alphabet="abisđộkσµßǆ0 .", min_size=1, max_size=3).map(re.escape)
_atoms = st.one_of(_lits, st.sampled_from([r"\d", r"\s", r"\w", r"[ab]", r"[A-C]", r"[à-ỹ]", r"[0-9]", ".",
                                           r"[^a]", r"[\dk]", r"[sS\s]", r"\b", "^", "$", r"\A", r"\Z"]))


def _patterns() -> st.SearchStrategy[str]:
    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.one_of(
            st.lists(inner, min_size=1, max_size=3).map("".join),
            st.lists(inner, min_size=2, max_size=3).map(lambda xs: "(?:" + "|".join(xs) + ")"),
            st.lists(inner, min_size=1, max_size=3).map(lambda xs: "(" + "|".join(xs) + ")"),
            st.tuples(inner, st.sampled_from(["*", "+", "?", "{2}", "{0,2}", "{1,3}?", "*+", "++"])).map(
                lambda t: f"(?:{t[0]}){t[1]}"),
            inner.map(lambda x: f"(?={x})"), inner.map(lambda x: f"(?!{x})"),
            _lits.map(lambda x: f"(?<!{x})"), _lits.map(lambda x: f"(?<={x})"),
            inner.map(lambda x: f"(?i:{x})"), inner.map(lambda x: f"(?-i:{x})"), inner.map(lambda x: f"(?>{x})"),
        )
    return st.recursive(_atoms, extend, max_leaves=8)


@settings(max_examples=3000, deadline=None)
@given(pattern=_patterns(), flags=st.sampled_from([0, re.I, re.I | re.M, re.I | re.S, re.M, re.A | re.I]),
       text=st.text(alphabet=_CHARS, max_size=16), pos=st.integers(0, 16), end=st.integers(0, 16))
def test_the_same_answers_as_re(pattern: str, flags: int, text: str, pos: int, end: int) -> None:
    try:
        own, with_set, _ = _both(pattern, flags)
    except re.error:
        return  # (a pattern re refuses: nothing to compare)
    assert _answers(own, text, pos, end) == _answers(with_set, text, pos, end)


# ---- the reader's own patterns, on the texts it reads

def test_the_readers_patterns_find_the_same_on_the_seeds_and_the_corpus() -> None:
    """Every pattern the document path compiles (the modules' and the lexicon's), re's and with
    its start set, over each paragraph of the seeds and of a part of the corpus: the same matches."""
    from pathlib import Path

    from auditor.extract import extract_bytes
    from auditor.extract.quality import docx_from_text

    root = Path(__file__).resolve().parent.parent
    texts = [p.read_text("utf-8") for p in sorted((root / "fixtures" / "seeds").glob("*.txt"))]
    texts += [p.read_text("utf-8") for p in sorted((root / "tests" / "data" / "corpus" / "texts").glob("*"))[:12]]
    for t in texts[:2]:
        extract_bytes(docx_from_text(t), "x.docx")
        extract_bytes(t.encode(), "x.txt")
    patterns = {(k[1], k[2]) for k in list(re._cache) if type(k) is tuple and len(k) == 3 and k[0] is str}  # type: ignore[attr-defined]
    paras = sorted({p for t in texts for p in t.split("\n") if p.strip()})
    added = 0
    for pattern, flags in sorted(patterns):
        try:
            own, with_set, was_added = _both(pattern, flags)
        except (re.error, ValueError, TypeError):
            continue
        if not was_added:
            continue
        added += 1
        for p in paras:
            assert [(m.span(), m.groups()) for m in own.finditer(p)] == \
                [(m.span(), m.groups()) for m in with_set.finditer(p)], (pattern, p)
    assert added > 200  # (most of the reader's patterns get a set: this tests something)
