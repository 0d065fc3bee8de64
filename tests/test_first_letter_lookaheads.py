"""Patterns that open with a lookahead for their phrases' first letters (issue 16: a search
passes over other characters in one step) find exactly what they found without it: every cue of
the lexicon (`registries/cues.py`) and the award titles (`extract/awards.py`), case-insensitive,
on every text of the corpora and on generated texts made of the phrases, their case variants,
the phrases without their first letter and characters `re` folds specially."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.extract import awards
from auditor.registries import cues

ROOT = Path(__file__).resolve().parent.parent
# (a third of the texts, every kind: the whole corpora take ~15 s)
_TEXTS = [p.read_text("utf-8") for p in [*sorted((ROOT / "fixtures" / "seeds").glob("*.txt")),
                                         *sorted((ROOT / "tests" / "data").glob("*/texts/*"))][::3]]
_WORDS = sorted({w for c in cues._all().values() for w in c.words})


def _plain(pattern: str) -> str:
    """The pattern without its opening lookahead for first letters."""
    assert pattern.startswith("(?=[")
    return pattern[pattern.index("])") + 2:]


def _found(rx: re.Pattern[str], text: str) -> list[tuple]:
    return [(m.span(), m.groups()) for m in rx.finditer(text)]


def _pairs() -> list[tuple[re.Pattern[str], re.Pattern[str]]]:
    out = [(awards._TITLE_WORDS, re.compile(awards._TITLE_PLAIN, re.I))]
    for c in cues._all().values():
        out.append((re.compile(c.pattern, re.I), re.compile(_plain(c.pattern), re.I)))
        out.append((re.compile(r"[\s:,]*" + c.pattern, re.I), re.compile(r"[\s:,]*" + _plain(c.pattern), re.I)))
    return out


_PAIRS = _pairs()


def test_every_cue_opens_with_its_first_letters() -> None:
    assert len(_PAIRS) > 40
    for c in cues._all().values():
        first = re.compile(f"[{cues.first_letters(c.words)}]", re.I)
        assert all(first.match(w) and first.match(w.upper()) for w in c.words), c.name


def test_the_same_matches_on_every_text_of_the_corpora() -> None:
    found = 0
    for text in _TEXTS:
        for new, old in _PAIRS:
            got = _found(new, text)
            assert got == _found(old, text), old.pattern[:80]
            found += len(got)
    assert found > 300


_PIECES = st.one_of(
    st.sampled_from(_WORDS), st.sampled_from(_WORDS).map(str.upper), st.sampled_from(_WORDS).map(str.title),
    st.sampled_from(_WORDS).map(lambda w: w[1:]),
    st.sampled_from(["Huân chương", "Bằng khen", "Giấy khen", "Chiến sĩ thi đua", "Đơn vị tiên tiến", "danh hiệu"]),
    st.sampled_from([" ", "  ", "\n", ", ", ": ", "(", ")", "x", "12", "5%", "a", "đ"]),
    st.sampled_from(["ſ", "K", "İ", "ı", "ǅ", "Ɖ", "ß", "ẞ", "ﬅ", "\u0301"]),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_PIECES, max_size=10).map("".join))
def test_the_same_matches_on_generated_texts(text: str) -> None:
    for new, old in _PAIRS:
        assert _found(new, text) == _found(old, text), old.pattern[:80]
