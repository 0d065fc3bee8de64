"""The unit-name rule (CMP006) reads a *plain* text from its one-byte code (issue 16).

`completeness._variants_in_each` gives, for each text, what the rule gave before: the pre-filter
(`folded_in_each`: the folded name anywhere in the folded text), then `_variants` on the texts that
pass it. A plain text (every character in `_plain_tables`' 256) is read instead from its code with
`bytes.translate` and `split`. These tests check the facts that rests on, character by character,
and compare the two ways (the old one kept here as the oracle) on generated texts: Vietnamese
spellings of names and kind words, punctuation inside words (where `_words` and `fold` disagree:
“Ki'm” is one word “Kim” but folds to “ki m”), marks, NFD, and characters of every kind."""

from __future__ import annotations

import string
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.checks import completeness
from auditor.checks.completeness import (
    _PLAIN_LETTERS,
    _PLAIN_OTHERS,
    _PLAIN_SPACES,
    _name_parts,
    _plain_code,
    _plain_tables,
    _variants,
    _variants_in_each,
    _words,
    check_unit_name,
    syllable_key,
)
from auditor.registries.calendar import _fold_piece, fold, folded_in_each


def _oracle(texts: list[str], kind_words: tuple[str, ...], name: str) -> list[list[str]]:
    """What the rule did before: the pre-filter on all texts, `_variants` on those that pass."""
    name_words, folded_name = _name_parts(name)
    if not name_words:
        return [[] for _ in texts]
    mention = folded_in_each(folded_name, texts)
    return [_variants(t, kind_words, name) if hit else [] for t, hit in zip(texts, mention)]


def _by_definition(texts: list[str], kind_words: tuple[str, ...], name: str) -> list[list[str]]:
    """The same from the definitions: `phrase in fold(text)`, every word keyed and folded."""
    name_words, folded_name = _name_parts(name)
    out = []
    for t in texts:
        found: list[str] = []
        if name_words and folded_name in fold(t):
            words = _words(t)
            keys = [syllable_key(w) for w in words]
            folds = [fold(w) for w in words]
            name_keys = [syllable_key(w) for w in _words(name)]
            base = [fold(w) for w in _words(name)]
            n = len(name_keys)
            for kw in kind_words:
                kw_keys = [syllable_key(w) for w in _words(kw)]
                k = len(kw_keys)
                for i in range(len(words) - k - n + 1):
                    if keys[i:i + k] == kw_keys and folds[i + k:i + k + n] == base and keys[i + k:i + k + n] != name_keys:
                        found.append(" ".join(words[i + k:i + k + n]))
        out.append(found)
    return out


# ----------------------------------------------------------------------------- the table

def test_the_plain_characters_are_256_with_nul_first() -> None:
    encoding, fold_of, dropped, chars = _plain_tables()
    assert len(chars) == 256 == len(set(chars)) == len(fold_of)
    assert chars[0] == "\x00"
    assert sorted(_PLAIN_SPACES + _PLAIN_LETTERS + _PLAIN_OTHERS) == list(chars)
    # (the fast map: a mapping that is a dict would encode character by character in Python terms)
    assert type(encoding).__name__ == "EncodingMap"
    assert _plain_code(chars) == bytes(range(256))


def test_each_plain_character_is_of_its_kind_and_folds_as_its_table_says() -> None:
    _, fold_of, dropped, chars = _plain_tables()
    for i, c in enumerate(chars):
        assert unicodedata.normalize("NFC", c) == c, c
        assert not unicodedata.combining(c), c
        piece = _fold_piece(c)
        if c in _PLAIN_LETTERS:
            assert c.isalnum() and not c.isspace(), c
            assert len(piece) == 1 and piece in string.digits + string.ascii_lowercase, (c, piece)
            assert chr(fold_of[i]) == piece and i not in dropped
        elif c in _PLAIN_SPACES:
            assert c.isspace() and piece == " " and chr(fold_of[i]) == " " and i not in dropped, c
        else:
            assert not c.isalnum() and not c.isspace(), c
            assert piece == " " and chr(fold_of[i]) == " " and i in dropped, c
    # the characters `str.split` splits at are exactly the spaces
    assert [c for c in chars if c.isspace()] == sorted(_PLAIN_SPACES)


def test_no_two_plain_characters_compose() -> None:
    """A plain text is its own NFC: no character changes, and no two side by side compose (a
    composition takes a starter and what follows it, so pairs are every case)."""
    chars = _plain_tables()[3]
    for a in chars:
        for b in chars:
            pair = a + b
            assert unicodedata.is_normalized("NFC", pair), pair


def test_a_text_is_plain_exactly_when_each_character_is() -> None:
    chars = set(_plain_tables()[3])
    for text in ["xã Hoàng Kim", "“Hoằng Kim” – 1.234,5 m²", "ﬁ", "a\u0301", "\x0b", "\x1e", "Σ", "\ud800", "", "中"]:
        assert (_plain_code(text) is not None) == all(c in chars for c in text), text


# ----------------------------------------------------------------------------- the two ways

_VI = "aăâeêioôơuưy"
_TONED = [unicodedata.normalize("NFC", v + t) for v in _VI + _VI.upper() for t in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")]
_KINDS = ["xã", "Xã", "XÃ", "xa\u0303", "xa", "xạ", "phường", "PHƯỜNG", "phừơng", "thị trấn", "Thị  Trấn", "thi tran", "huyện",
          "x.ã", "x'ã", "(xã", "đặc khu", "Đặc Khu", "dac khu"]
_SPELLINGS = ["Hoàng Kim", "Hoằng Kim", "HOÀNG KIM", "Hoang Kim", "Hoàng", "Kim", "Kìm", "Ki'm", "Ki.m", "Hoàng-Kim", "Hoàng–Kim",
              "Hoàng Kim,", "(Hoàng", "Kim)", "Hoà Bình", "Hòa Bình", "Hoa Binh", "Hòa  Bình", "Bình.", "Hoàng\u0301 Kim",
              "Ho\u0300ang Kim", "Hoàng ﬁ Kim", "Ｋim", "Đông Sơn", "Dong Son", "Đông Sơn 00012", "00012", "000.12", "Phường 12",
              "12", "1.2", "m²", "²", "1²", "Yên Lạc", "Yen Lac", "Yên\u00a0Lạc", "Yên\tLạc"]
_FILLER = ["và", "xã hội", ",", "-", "–", "1.234", "của", "…", "“", "”", "\n", "\u00a0", "\x0b", "\x1e", "\x00", "ß", "Σ",
           "\u0301", "中", "’", "·", "''", "_", "Hoàng_Kim", "\ud800", "→", "%", "@"]
_NAMES = ["Hoàng Kim", "Hòa Bình", "Kim", "Đông Sơn 00012", "Phường 12", "12", "Yên Lạc", "Hoàng", "hoàng-kim", "Ki'm",
          "xã Hoàng Kim", "Hoàng ﬁ", "Σ Kim", "", "…", "A B C D"]
_KIND_TUPLES = [("xã",), ("thị trấn",), ("xã", "thị trấn"), ("huyện",), ("phường",), ("đặc khu",), ("xã", "xã")]


def _text() -> st.SearchStrategy[str]:
    pieces = st.sampled_from(_KINDS + _SPELLINGS + _FILLER + _TONED + list("abgikmnhoHOK 0123.,"))
    joins = st.sampled_from([" ", " ", " ", "", ", ", "  ", "\n", "-"])
    return st.lists(st.tuples(pieces, joins), max_size=24).map(lambda parts: "".join(p + j for p, j in parts))


@settings(max_examples=400)
@given(texts=st.lists(_text(), max_size=6), kinds=st.sampled_from(_KIND_TUPLES), name=st.sampled_from(_NAMES),
       form=st.sampled_from([None, None, "NFC", "NFD"]))
def test_plain_way_gives_what_the_old_way_gave(texts: list[str], kinds: tuple[str, ...], name: str, form: str | None) -> None:
    if form:
        texts = [unicodedata.normalize(form, t) for t in texts]
    assert _variants_in_each(texts, kinds, name) == _oracle(texts, kinds, name)


@settings(max_examples=200)
@given(texts=st.lists(st.text(max_size=40), max_size=5), kinds=st.sampled_from(_KIND_TUPLES),
       name=st.one_of(st.sampled_from(_NAMES), st.text(max_size=12)))
def test_plain_way_on_arbitrary_unicode(texts: list[str], kinds: tuple[str, ...], name: str) -> None:
    assert _variants_in_each(texts, kinds, name) == _oracle(texts, kinds, name)


@settings(max_examples=200)
@given(texts=st.lists(_text(), max_size=4), kinds=st.sampled_from(_KIND_TUPLES), name=st.sampled_from(_NAMES))
def test_plain_way_is_the_definition(texts: list[str], kinds: tuple[str, ...], name: str) -> None:
    assert _variants_in_each(texts, kinds, name) == _by_definition(texts, kinds, name)


def test_examples() -> None:
    kinds = ("xã",)
    nfd = unicodedata.normalize("NFD", "xã Hoằng Kim, xã Hoàng Kim")
    cases = [
        # a variant in a plain text
        ("UBND xã Hoằng Kim báo cáo", ["Hoằng Kim"]),
        ("“xã Hoằng Kim”, xã Hoàng Kim, XÃ HOẰNG KIM", ["Hoằng Kim", "HOẰNG KIM"]),
        # punctuation inside a word: `_words` reads “Kim”, but `fold` reads “ki m”: the text does not
        # mention the name as folded, so the pre-filter leaves it out, as it did …
        ("xã Hoằng Ki'm", []),
        # … unless it mentions the name elsewhere
        ("xã Hoằng Ki'm và xã Hoàng Kim", ["Hoằng Kim"]),
        # a kind word with punctuation inside is the kind word to `_words`
        ("x.ã Hoằng Kim", ["Hoằng Kim"]),
        # a dash on its own is no word: the name still follows the kind word
        ("xã – Hoằng Kim", ["Hoằng Kim"]),
        # case and tone placement are not differences; other letters are another name
        ("xã HOÀNG KIM, xã Hoàng Kìm", ["Hoàng Kìm"]),
        ("xã hội Hoằng Kim", []),
        # not plain (NFD, a ligature): the old way, with the same answer
        (nfd, ["Hoằng Kim"]),
        ("xã Hoằng Kim ﬁ", ["Hoằng Kim"]),
    ]
    texts = [t for t, _ in cases]
    got = _variants_in_each(texts, kinds, "Hoàng Kim")
    assert got == [want for _, want in cases]
    assert got == _oracle(texts, kinds, "Hoàng Kim")
    assert [_plain_code(t) is not None for t in texts] == [True] * 8 + [False, False]


def test_plain_texts_do_not_take_the_old_way(monkeypatch: pytest.MonkeyPatch) -> None:
    """On plain texts neither the pre-filter over all texts nor `_variants` runs (the saving this
    is for); a text that is not plain still takes them."""
    def refuse(*a: object) -> None:
        raise AssertionError("the old way was taken")

    monkeypatch.setattr(completeness, "folded_in_each", refuse)
    monkeypatch.setattr(completeness, "_variants", refuse)
    texts = ["UBND xã Hoằng Kim báo cáo", "xã Hoàng Kim", "không nhắc tên", "xã Hoằng Ki'm"]
    assert _variants_in_each(texts, ("xã",), "Hoàng Kim") == [["Hoằng Kim"], [], [], []]
    with pytest.raises(AssertionError, match="old way"):
        _variants_in_each(["xã Hoằng Kim ﬁ"], ("xã",), "Hoàng Kim")


def test_the_rule_names_a_variant_in_a_plain_text() -> None:
    meta = {"$ptr": "/meta", "unit": {"name": "Hoàng Kim", "kind": "xa"}, "title": "Báo cáo của UBND xã Hoàng Kim"}
    sections = [{"$ptr": "/sections/0", "heading": "I. Kết quả", "text": ["Xã Hoằng Kim đã …", "xã Hoàng Kim"]}]
    out = check_unit_name({"meta": meta, "sections": sections}, {})
    assert [o.status for o in out] == ["fail"]
    assert out[0].target is not None and out[0].target.pointer == "/sections/0/text/0"
    assert out[0].params["stated"] == "xã Hoằng Kim"
    sections[0]["text"][0] = "Xã Hoàng Kim đã …"
    assert [o.status for o in check_unit_name({"meta": meta, "sections": sections}, {})] == ["pass"]
