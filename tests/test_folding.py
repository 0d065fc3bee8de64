"""Text folding shortcuts give exactly what folding gives.

`calendar_registry.folded_in_each` answers `phrase in fold(text)` for many texts at once,
folding them with one `str.translate`; `checks_completeness._words` strips punctuation at the
ends of a word without a character loop. Both are compared with the plain definitions on
generated texts, and on the seeds' paragraphs."""

from __future__ import annotations

import json
import re
import string
import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.checks.completeness import _keys_of, _name_parts, _variants, _words, name_variants, syllable_key
from auditor.registries.calendar import (
    _SEP,
    _class_body,
    _fold_piece,
    _fold_table,
    _folded_in_each_by_table,
    _raw_classes,
    _raw_pattern,
    _raw_pattern_or_unmodeled,
    fold,
    folded_in,
    folded_in_each,
)


def _fold_by_translate(text: str) -> str:
    table = _fold_table()
    for ch in text:
        if ord(ch) not in table:
            table[ord(ch)] = _fold_piece(ch)
    return " ".join(text.translate(table).split())


# Combining marks of several classes (230, 220, 107, 10, 1, 202, 240) and characters that
# decompose into several, or fold to several letters, or to none.
_HARD = ["\u0301", "\u0323", "\u0e48", "\u05b0", "\u0334", "\u0327", "\u0345", "\u1ab0", "\u20d0",
         "\u0344", "ǖ", "ẫ", "ﬁ", "ß", "İ", "Σ", "ς", "½", "Ｋ", "가", "ǅ", "ʼ", "\u00a0", "\ud800", "中", "\u2028"]


@settings(max_examples=300)
@given(st.lists(st.sampled_from(list("aAoOđĐ ,-") + _HARD), max_size=30).map("".join))
def test_folding_goes_character_by_character(text: str) -> None:
    """fold() of a text is its characters folded one by one, then breaks merged: what lets
    folded_in_each fold with str.translate. Marks that the decomposition reorders across
    characters fold to nothing or to a break, so their order does not matter."""
    for form in ("NFC", "NFD", None):
        t = unicodedata.normalize(form, text) if form else text
        assert fold(t) == _fold_by_translate(t)


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


def _variants_by_definition(text: str, kind_words: tuple[str, ...], name: str) -> list[str]:
    """`_variants` word by word: every word keyed and folded, every place tried."""
    name_words, _ = _name_parts(name)
    name_keys, name_base = _keys_of(name)
    words = _words(text)
    keys = [syllable_key(w) for w in words]
    folded = [fold(w) for w in words]
    n = len(name_words)
    out = []
    for kw in kind_words:
        kw_keys = _keys_of(kw)[0]
        k = len(kw_keys)
        for i in range(len(words) - k - n + 1):
            if keys[i:i + k] == kw_keys and folded[i + k:i + k + n] == name_base and keys[i + k:i + k + n] != name_keys:
                out.append(" ".join(words[i + k:i + k + n]))
    return out


_KIND_SPELLINGS = ["xã", "Xã", "XÃ", "xa\u0303", "xa", "xạ", "thị trấn", "Thị  Trấn", "thi tran", "huyện", "thị", "x.ã"]
_NAME_SPELLINGS = ["Hoàng Kim", "Hoằng Kim", "HOÀNG KIM", "Hoang Kim", "Hoàng", "Kim", "hoàng-kim", "Hoàng Kim,", "Hòa Bình",
                   "Hoà Bình", "Hoa Binh", "(Hoàng", "Kim)", "Hoàng\u0301 Kim"]


@settings(max_examples=300)
@given(st.lists(st.sampled_from(_KIND_SPELLINGS + _NAME_SPELLINGS + ["và", "xã hội", ",", "-", "1.234", "của"]),
                max_size=30).map(" ".join),
       st.sampled_from([("xã",), ("thị trấn",), ("xã", "thị trấn"), ("huyện",)]),
       st.sampled_from(["Hoàng Kim", "Hòa Bình", "Kim"]),
       st.sampled_from(["NFC", "NFD"]))
def test_variants_as_defined(text: str, kinds: tuple[str, ...], name: str, form: str) -> None:
    """`_variants` looks for the kind word with `list.index` and folds only the words after
    it: the same spellings, in the same order, as trying every place with every word folded."""
    text = unicodedata.normalize(form, text)
    assert _variants(text, kinds, name) == _variants_by_definition(text, kinds, name)


def test_variants_of_short_texts() -> None:
    """A text shorter than a kind word and the name has no place for them (`list.index` reads a
    negative end from the end of the list: it is not asked)."""
    assert _variants("thị trấn", ("thị trấn",), "Hoàng Kim") == []
    assert _variants("xã", ("xã",), "Kim") == []
    assert _variants("xã Kìm", ("xã",), "Kim") == ["Kìm"]


def test_the_seeds_paragraphs_fold_alike() -> None:
    root = Path(__file__).resolve().parent.parent / "fixtures"
    texts = []
    for p in sorted(root.glob("*.json")):
        report = json.loads(p.read_text("utf-8"))
        for s in report.get("sections") or []:
            texts += [t for t in s.get("text") or [] if isinstance(t, str)]
    assert len(texts) > 200
    for t in texts:
        assert fold(t) == _fold_by_translate(t)
    for phrase in ("hoang kim", "but son", "trung khanh", "an phu", "xa hoang kim", "thi dua"):
        assert folded_in_each(phrase, texts) == [phrase in fold(t) for t in texts]


# ----------------------------------------------------------- the raw-text pattern (issue 16)

_NAMES = ["Hoàng Kim", "Trùng Khánh", "An Bình 00123", "Đông Sơn", "Quảng Yên", "Nghĩa Hưng", "Ea Kao",
          "Phường 12", "Thị trấn Bút Sơn", "Yên Lạc", "Đắk Lắk", "Hòa", "Ia Grai"]


def _spellings(name: str) -> st.SearchStrategy[str]:
    """The name as reports write it, and near misses: case, NFC/NFD, tone moved or changed,
    đ/Đ, punctuation or marks between words, letters dropped, a ligature or a fullwidth letter."""
    def respell(parts: list[tuple[int, str]]) -> str:
        out = []
        for op, w in parts:
            if op == 1:
                w = w.upper()
            elif op == 2:
                w = unicodedata.normalize("NFD", w)
            elif op == 3:
                w = fold(w)  # no diacritics at all
            elif op == 4:
                w = w[:-1]  # another word
            elif op == 5:
                w = w.replace("f", "ﬁ").replace("K", "Ｋ").replace("i", "ǐ")
            elif op == 6:
                w = w.replace("D", "Đ").replace("d", "đ").replace("Đ", "D").replace("đ", "d")
            out.append(w)
        return "".join(out)

    words = name.split()
    seps = st.sampled_from([" ", "  ", "-", " – ", "\u00a0", ", ", "\u0301 ", " \u0323", "", "\n", "…", _SEP])
    ops = st.lists(st.integers(0, 6), min_size=len(words), max_size=len(words))
    gaps = st.lists(seps, min_size=len(words) - 1, max_size=len(words) - 1)
    return st.tuples(ops, gaps).map(lambda t: "".join(
        respell([(op, w)]) + (t[1][i] if i < len(t[1]) else "") for i, (op, w) in enumerate(zip(t[0], words))))


def _mixed(name: str) -> st.SearchStrategy[list[str]]:
    other = st.lists(st.sampled_from(_ALPHABET), max_size=25).map("".join)
    return st.lists(st.lists(st.one_of(other, _spellings(name)), max_size=4).map("".join), max_size=8)


@settings(max_examples=400)
@given(data=st.data(), name=st.sampled_from(_NAMES), form=st.sampled_from(["NFC", "NFD", None]))
def test_raw_pattern_answers_as_folding(data: st.DataObject, name: str, form: str | None) -> None:
    """The raw-text search (no folding) gives exactly `phrase in fold(text)`, and what the
    table path gives, on texts that spell the name in many ways among other characters
    (other scripts, ligatures, marks of every class, the separator itself)."""
    texts = data.draw(_mixed(name))
    if form:
        texts = [unicodedata.normalize(form, t) for t in texts]
    phrase = fold(name)
    expected = [phrase in fold(t) for t in texts]
    assert folded_in_each(phrase, texts) == expected
    if not any(_SEP in t for t in texts):
        assert _folded_in_each_by_table(phrase, texts) == expected


def test_raw_pattern_is_used_here() -> None:
    """On this interpreter the names are found without folding (a change of `re`'s internal
    code would fall back to the table path silently: this test says so)."""
    for name in _NAMES:
        assert _raw_pattern(fold(name)) is not None


def _seeds_text(extra: str) -> str:
    """The seeds' JSON text, NFC then NFD, and `extra` (characters of other kinds)."""
    root = Path(__file__).resolve().parent.parent / "fixtures"
    text = _SEP.join(json.dumps(json.loads(p.read_text("utf-8")), ensure_ascii=False) for p in sorted(root.glob("*.json")))
    return text + _SEP + unicodedata.normalize("NFD", text) + extra


def _written(phrase: str) -> str:
    """The regular expression, written out, of a folded phrase over the classes' characters."""
    rc = _raw_classes()

    def klass(*keys: str) -> str:
        return "[" + _class_body(sorted(cp for k in keys for cp in rc.members[k])) + "]"

    words = [f"{klass('')}*".join(klass(ch) for ch in w) for w in phrase.split(" ")]
    return f"{klass('')}*{klass(' ')}{klass('', ' ')}*".join(words)


def test_raw_pattern_as_re_compiles_it() -> None:
    """The pattern built from the classes' code finds what `re` finds with the same regular
    expression written out and compiled as usual (on the seeds' text, NFC and NFD)."""
    text = _seeds_text("ﬁ ½ Ｋim 中 hoàng\u2122kim")
    for name in _NAMES + ["Bút Sơn", "Hoàng Kim 2", "0"]:
        phrase = fold(name)
        plain = re.compile(_written(phrase))
        built = _raw_pattern(phrase)
        assert built is not None
        assert [m.span() for m in built.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_one_pass_pattern_is_used_here() -> None:
    for name in _NAMES:
        assert _raw_pattern_or_unmodeled(fold(name)) is not None


def test_one_pass_pattern_as_re_compiles_it() -> None:
    """The one-pass pattern (the name, or a character the classes do not model) finds what
    `re` finds with `NAME|[^modeled]` written out and compiled as usual, on the seeds' text
    (NFC and NFD) with characters of other blocks, ligatures and characters beyond the BMP."""
    text = _seeds_text("ﬁ ½ Ｋim 中 hoàng\u2122kim ß \U0001F600 Ｈoàng Kim \ud800 ǅ")
    rc = _raw_classes()
    for name in _NAMES + ["Bút Sơn", "Hoàng Kim 2", "0"]:
        phrase = fold(name)
        plain = re.compile(f"(?:{_written(phrase)})|{rc.unmodeled.pattern}")
        built = _raw_pattern_or_unmodeled(phrase)
        assert built is not None
        assert [m.span() for m in built.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_raw_pattern_examples() -> None:
    texts = ["UBND xã Hoàng Kim", "xã HOÀNG–KIM,", "Hoằng  Kim", "hoang\u0300 \u0301kim", "hoàng\nkim", "Hoàng", "Kim",
             "Hoàng ß Kim", "ｈoàng kim", "Hoàngkim", "Hoàng\u0301\u0301 - \u0323Kim", "hoàng ﬁ kim", "hoàng\u2122kim",
             "xã Hoàng Kimﬁ", "中 Hoàng Kim 中"]
    assert folded_in_each("hoang kim", texts) == [
        True, True, True, True, True, False, False, False, True, False, True, False, False, True, True]
    assert folded_in_each("hoang kim", texts) == ["hoang kim" in fold(t) for t in texts]


def test_the_classes_fold_their_characters_as_one_by_one() -> None:
    # `_RawClasses` folds its ~1.570 characters in one pass (`_fold_pieces`): exactly what folding
    # each alone gives, on those characters and on every other character of the BMP, and a
    # character that folds to the joiner is folded one by one
    from auditor.registries import calendar as cal

    chars = [chr(cp) for lo, hi in cal._TABLE_BLOCKS + cal._MARK_BLOCKS for cp in range(lo, hi) if cp != ord(cal._SEP)]
    assert cal._fold_pieces(chars) == [cal._fold_piece(c) for c in chars]
    every = [chr(cp) for cp in range(0x10000) if not 0xD800 <= cp < 0xE000 and chr(cp) != cal._JOIN]
    assert cal._fold_pieces(every) == [cal._fold_piece(c) for c in every]
    # the joiner itself, or ⼀ (which folds to it): folded one by one
    for odd in (cal._JOIN, "\u2f00"):
        assert cal._fold_pieces(["a", odd, "b"]) == ["a", cal._fold_piece(odd), "b"]
    members: dict[str, list[int]] = {}
    for c in chars:
        piece = cal._fold_piece(c)
        key = piece if len(piece) <= 1 else " " if not piece.strip() else None
        if key is not None:
            members.setdefault(key, []).append(ord(c))
    assert cal._RawClasses().members == members


def test_the_classes_kept_in_the_cache_are_the_folded_ones(tmp_path: Path, monkeypatch) -> None:
    # `_raw_classes` keeps the classes in the cache folder (folding them was ~9 M instructions of a
    # start, writing out their code ~6 M): a kept file gives the members folding gives and the code
    # each class gives when made anew; a damaged one, or one of another shape, is folded again and
    # written again; the file's name changes with the code.
    import marshal

    from auditor.files import cache
    from auditor.registries import calendar as cal

    monkeypatch.setenv("AUDIT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("AUDIT_NO_CACHE", raising=False)
    folded = cal._RawClasses.fold_members()

    def fresh() -> cal._RawClasses:
        cal._raw_classes.cache_clear()
        return cal._raw_classes()

    try:
        assert fresh().members == folded  # folded, and kept
        path = cal._classes_path()
        assert path is not None and cache.read_checked(path) is not None
        monkeypatch.setattr(cal._RawClasses, "fold_members", staticmethod(lambda: {"x": [0x78]}))
        kept = fresh()  # not folded: from the file
        assert kept.members == folded
        anew = cal._RawClasses(folded)
        assert kept.modeled == anew.modeled and kept.unmodeled_map == anew.unmodeled_map
        assert kept.unmodeled_ops == anew.unmodeled_code()
        assert kept.codes and all(code == anew.code(keys, star) for (keys, star), code in kept.codes.items())
        assert {(("",), True), (("", " "), True), ((" ",), False), (("a",), False)} <= set(kept.codes)
        raw = Path(path).read_bytes()
        shifted = (dict(folded, a=[*folded["a"], 0x4E01]), (), [])
        stand_in = ({"x": [0x78]}, ((("x",), False, cal._RawClasses({"x": [0x78]}).code(("x",))),),
                    cal._RawClasses({"x": [0x78]}).unmodeled_code())
        foreign = [marshal.dumps(x) for x in ([1], {"ab": [1]}, ({"ab": [1]}, (), []), (folded, ((("a",), 1, [1]),), []),
                                              (folded, (), [1.5]), (folded, (), [1], 4), folded)]
        for bad in (raw[:-1], raw[:64] + marshal.dumps(shifted)[:len(raw) - 64], b"", raw[:30],
                    *(cache.digest.key(f).encode() + f for f in foreign)):
            Path(path).write_bytes(bad)
            assert fresh().members == {"x": [0x78]}  # folded again (here: the stand-in)
            assert marshal.loads(cache.read_checked(path)) == stand_in  # and written again
        monkeypatch.setattr(cal, "__file__", str(tmp_path / "nowhere.py"))
        assert cal._classes_path() is None
        assert fresh().members == {"x": [0x78]}
    finally:
        cal._raw_classes.cache_clear()


def test_the_kept_classes_are_named_by_the_code(tmp_path: Path, monkeypatch) -> None:
    from auditor.registries import calendar as cal

    monkeypatch.setenv("AUDIT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("AUDIT_NO_CACHE", raising=False)
    first = cal._classes_path()
    code = Path(cal.__file__).read_bytes()
    other = tmp_path / "calendar.py"
    other.write_bytes(code.replace(b"_NON_WORD = re.compile", b"_NON_WORD  = re.compile"))
    monkeypatch.setattr(cal, "__file__", str(other))
    assert cal._classes_path() not in (None, first)
    monkeypatch.setenv("AUDIT_NO_CACHE", "1")
    assert cal._classes_path() is None
