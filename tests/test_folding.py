"""Text folding shortcuts give exactly what folding gives.

`calendar_registry.folded_in_each` answers `phrase in fold(text)` for many texts without
folding them (lower-case, NFD, a few replacements, ASCII); `checks_completeness._words` strips
punctuation at the ends of a word without a character loop. Both are compared with the plain
definitions: on every Unicode character, and on generated texts."""

from __future__ import annotations

import re
import string
import sys
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.calendar_registry import _SEP, _fold_piece, _simple_folds, fold, folded_in, folded_in_each
from auditor.checks_completeness import _words, name_variants


def _collapse(s: str) -> str:
    return re.sub(" +", " ", s)


def test_every_character_folds_the_same_way_on_the_short_path() -> None:
    """For each code point that the short path handles (lower-cased and decomposed, it is only
    ASCII, combining marks U+0300–U+036F and `_simple_folds` characters), what the short path
    makes of it is what `fold` makes of it: the same letters, and a break where fold breaks."""
    simple = _simple_folds()
    handled = 0
    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        x = unicodedata.normalize("NFD", ch.lower())
        out = []
        for u in x:
            if u.isascii():
                out.append(u if u in string.digits + string.ascii_lowercase else " ")
            elif "\u0300" <= u <= "\u036f":
                continue
            elif u in simple:
                out.append(simple[u])
            else:
                break
        else:
            handled += 1
            assert _collapse("".join(out)) == _collapse(_fold_piece(ch)), (hex(code), ch)
    assert handled > 1200  # ASCII, the Vietnamese alphabet in both cases, Latin, punctuation


_VI = "aăâeêioôơuưy"
_TONED = [unicodedata.normalize("NFC", v + t) for v in _VI + _VI.upper() for t in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")]
_ALPHABET = (list(string.ascii_letters + string.digits) * 3 + _TONED + ["đ", "Đ"] * 3
             + list(" ,.;:-()“”‘’–—…\u00a0\t\n/%") * 3
             + ["\u0301", "\u0323", "ß", "ﬁ", "Ｋ", "²", "½", "Σ", "ς", "İ", "ǅ", "\u1ab0", "ʼ", _SEP, "\ud800", "中"])


def _texts() -> st.SearchStrategy[list[str]]:
    return st.lists(st.lists(st.sampled_from(_ALPHABET), max_size=40).map("".join), max_size=6)


@settings(max_examples=300)
@given(texts=_texts(), pick=st.integers(0, 10_000), length=st.integers(1, 14), form=st.sampled_from(["NFC", "NFD"]))
def test_folded_in_each_is_folded_containment(texts: list[str], pick: int, length: int, form: str) -> None:
    texts = [unicodedata.normalize(form, t) for t in texts]
    # a phrase that is often there: a piece of one text's fold (or of a fixed name)
    folded = [fold(t) for t in texts]
    source = folded[pick % len(folded)] if folded and any(folded) else "hoang kim"
    start = pick % max(len(source), 1)
    phrase = " ".join(source[start:start + length].split()) or "hoang kim"
    assert folded_in_each(phrase, texts) == [phrase in f for f in folded]
    for t, f in zip(texts, folded):
        assert folded_in(phrase, t) == (phrase in f)


def test_folded_in_each_examples() -> None:
    texts = ["UBND xã Hoàng Kim", "xã HOÀNG–KIM,", "Hoằng  Kim", "hoang\u0300 \u0301kim", "hoàng\nkim", "Hoàng", "Kim",
             "Hoàng ß Kim", "ｈoàng kim"]
    assert folded_in_each("hoang kim", texts) == ["hoang kim" in fold(t) for t in texts]
    assert folded_in_each("hoang kim", texts) == [True, True, True, True, True, False, False, False, True]
    # a phrase never spans two texts, and the separator inside a text is handled
    assert folded_in_each("hoang kim", ["xã Hoàng", "Kim"]) == [False, False]
    assert folded_in_each("hoang kim", [f"Hoàng{_SEP}Kim"]) == ["hoang kim" in fold(f"Hoàng{_SEP}Kim")]
    assert folded_in_each("", ["x"]) == [True] and folded_in_each("a-b", ["a-b"]) == [False]


def _words_by_definition(text: str) -> list[str]:
    out = []
    for w in unicodedata.normalize("NFC", text).split():
        w = "".join(ch for ch in w if ch.isalnum() or unicodedata.combining(ch))
        if w:
            out.append(w)
    return out


@given(st.lists(st.sampled_from(_ALPHABET + ["(", ")", "\"", "'", "«", "»", "•"]), max_size=60).map("".join))
def test_words_strip_punctuation_as_defined(text: str) -> None:
    assert _words(text) == _words_by_definition(text)


def test_name_variants_unchanged() -> None:
    assert name_variants("xã hội và xã Hoằng Kim", ("xã",), "Hoàng Kim") == ["Hoằng Kim"]
    assert name_variants("“xã Hoằng Kim”, xã Hoàng Kim", ("xã",), "Hoàng Kim") == ["Hoằng Kim"]
    assert name_variants("không nhắc tên", ("xã",), "Hoàng Kim") == []
