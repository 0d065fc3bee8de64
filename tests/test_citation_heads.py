"""The citation head pattern with its lookaheads (auditor/registries/citations.py, issue 16)
finds exactly what the same pattern without them finds: the same heads, at the same places, with
the same groups, on generated texts (the words, their case variants and the characters `re`
folds specially) and on every text of the corpora."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.registries import citations as C

ROOT = Path(__file__).resolve().parent.parent

# the pattern as it was before the lookaheads (one that only says the head starts with a letter)
_PLAIN = re.compile(
    rf"(?=[^\W\d_])(?:(?P<kind>{C._KIND_ALT})(?P<name>(?:\s+[^\s\d;:.“”\"()]+){{0,12}}?)?\s+số\s*:?\s*(?P<n1>{C.NUMBER})"
    rf"|(?P<kind_b>{C._KIND_ALT})\s+(?P<n2>{C.NUMBER})"
    rf"|\b(?P<abbr>{C._ABBR_ALT})\s+(?:số\s*)?(?P<n3>{C.NUMBER})"
    rf"|\bsố\s*:?\s*(?P<n4>{C.NUMBER}))",
    re.IGNORECASE,
)


def _heads(pattern: re.Pattern[str], text: str) -> list[tuple]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


_WORDS = [*C.KINDS, *C.ABBREVIATIONS, "số", "Số", "SỐ", "so", "sô", "liên tịch", "của", "về việc"]
_PIECES = st.one_of(
    st.sampled_from(_WORDS),
    st.sampled_from(_WORDS).map(str.upper), st.sampled_from(_WORDS).map(str.lower),
    st.sampled_from(_WORDS).map(lambda w: w[1:]),  # a word without its first letter
    st.sampled_from(_WORDS).map(lambda w: w[:1] + w[2:]),  # … or without its second
    st.sampled_from(["12", "91/2017/NĐ-CP", "05-CT/TW", "2067/UBND-NV", "3077/KH-UBND", "/", "-", "–"]),
    st.sampled_from([" ", "  ", "\n", ", ", ". ", ": ", "; ", "“", "”", "(", ")", "x", "ký", "đã"]),
    # characters `re` folds to a letter of the class although their lower case is another one:
    # the long s, the Kelvin sign, dotted and dotless i, titlecase digraphs, a decomposed Đ
    st.sampled_from(["ſ", "K", "İ", "ı", "ǅ", "ǈ", "ǋ", "Ɖ", "ɖ", "D\u0335", "ß", "ẞ", "ﬅ"]),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=14).map("".join))
def test_the_same_heads_as_without_the_lookaheads(text: str) -> None:
    assert _heads(C._HEAD, text) == _heads(_PLAIN, text)


def test_the_same_heads_on_every_text_of_the_corpora() -> None:
    texts = [*sorted((ROOT / "fixtures" / "seeds").glob("*.txt")),
             *sorted((ROOT / "tests" / "data").glob("*/texts/*")), *sorted((ROOT / "tests" / "data").glob("*.md"))]
    assert len(texts) > 100
    found = 0
    for path in texts:
        text = path.read_text("utf-8")
        heads = _heads(C._HEAD, text)
        assert heads == _heads(_PLAIN, text), path
        found += len(heads)
    assert found > 100


def test_the_class_holds_the_first_letter_of_every_word() -> None:
    first = re.compile(f"[{C._FIRST}]", re.IGNORECASE)
    for word in (*C.KINDS, *C.ABBREVIATIONS, "số"):
        assert first.match(word) and first.match(word.lower()) and first.match(word.upper())
