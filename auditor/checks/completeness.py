"""Check kinds for completeness and identity (DOMAIN.md §5 family 12): blank report number and
date, the signatory's name, indicators with nothing in them, appendices referred to but not
attached, and the unit's own name spelled differently across the report.

A field the JSON does not carry at all (`meta.number`, `meta.date`, `meta.signatory` null) is
*not recorded*, and the check is skipped: an encoder that did not copy the signature block is
not a report without a signature. A field recorded blank (“/BC-UBND”, “ngày tháng năm 2022”, a
signature block without a name) is a finding.
"""

from __future__ import annotations

import codecs
import re
import string
import unicodedata
from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache

from auditor.checks.registry import Outcome, register, skip
from auditor.model.facts import Fact
from auditor.model.findings import source_loc
from auditor.registries.calendar import fold, folded_in, folded_in_each

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from typing import Any


def _at(pointer: str, text: str = "", src: Any = None) -> Fact:
    """A fact that only carries a pointer (and the text found there) to the finding."""
    return Fact(Decimal(0), 0, True, text, pointer, None, source_loc(src))


def _blank(s: Any) -> bool:
    """Nothing but spaces, dots, ellipses and dashes (“…”, “.....”, “---”)."""
    if not isinstance(s, str):
        return True
    return not any(ch.isalnum() for ch in s)


# ----------------------------------------------------------------------------- meta

@register("blank_number", {"meta"}, hints=False)
def check_blank_number(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """The report number (“Số: 125/BC-UBND”) is filled in: “/BC-UBND” with no number before
    the slash is a draft left blank."""
    meta = a.get("meta")
    if not isinstance(meta, dict) or meta.get("number") is None:
        return skip("number not recorded")
    number = str(meta["number"])
    head = number.split("/", 1)[0]
    ptr = f"{meta.get('$ptr', '/meta')}/number"
    if any(ch.isdigit() for ch in head):
        return [Outcome("pass")]
    return [Outcome("fail", "", _at(ptr, number), [], {
        "stated": number, "expected": "", "number": number.strip() or "(trống)",
        "formula": "", "imbalance": ""})]


@register("blank_date", {"meta"}, hints=False)
def check_blank_date(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """The report date has its day, month and year (“ngày tháng năm 2022” is a draft)."""
    meta = a.get("meta")
    if not isinstance(meta, dict) or not isinstance(meta.get("date"), dict):
        return skip("date not recorded")
    d = meta["date"]
    missing = [(vi, en) for k, vi, en in (("day", "ngày", "day"), ("month", "tháng", "month"),
                                          ("year", "năm", "year")) if d.get(k) is None]
    ptr = f"{meta.get('$ptr', '/meta')}/date"
    if not missing:
        return [Outcome("pass")]
    text = str(d.get("text") or "")
    return [Outcome("fail", "", _at(ptr, text), [], {
        "stated": text, "expected": "", "written": text or "(trống)",
        "missing_vi": ", ".join(vi for vi, _ in missing), "missing_en": ", ".join(en for _, en in missing),
        "formula": "", "imbalance": ""})]


@register("signatory_name", {"meta"}, hints=False)
def check_signatory_name(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """A recorded signature block names the person who signs."""
    meta = a.get("meta")
    if not isinstance(meta, dict) or not isinstance(meta.get("signatory"), dict):
        return skip("signature block not recorded")
    sig = meta["signatory"]
    if not _blank(sig.get("name")):
        return [Outcome("pass")]
    block = " / ".join(str(sig[k]) for k in ("on_behalf", "title") if isinstance(sig.get(k), str) and sig[k])
    number = meta.get("number")
    # a draft (its number still blank) is signed when issued: the name is left for then
    draft = isinstance(number, str) and not any(ch.isdigit() for ch in number.split("/", 1)[0])
    return [Outcome("fail", "", _at(sig.get("$ptr") or "/meta/signatory", block), [], {
        "stated": "", "expected": "", "block": block or "(trống)", "formula": "", "imbalance": ""},
        qualifiers=frozenset({"draft"}) if draft else frozenset())]


# ----------------------------------------------------------------------------- indicators

_VALUE_KEYS = ("ck", "kh", "th", "pct_ck", "pct_kh", "remaining")


@register("empty_indicator", {"indicator"}, hints=False)
def check_empty_indicator(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """An indicator has a value, a status (“duy trì”, “huyện chưa xét”) or a note. A group row
    whose sub-indicators carry the values (“Cơ cấu kinh tế”) is not empty."""
    ind = a.get("indicator")
    if not isinstance(ind, dict):
        return skip("no indicator")
    if ind.get("parts"):
        return skip("a group of sub-indicators")
    values = ind.get("values") if isinstance(ind.get("values"), dict) else {}
    if any(values.get(k) is not None for k in _VALUE_KEYS):
        return [Outcome("pass")]
    if not _blank(ind.get("status")) or not _blank(ind.get("note")):
        return [Outcome("pass")]
    name = str(ind.get("name") or "")
    return [Outcome("fail", "", None, [], {
        "stated": "", "expected": "", "name": name, "formula": "", "imbalance": ""})]


# ----------------------------------------------------------------------------- appendices

# (“Chi tiết có Phụ lục 1 kèm theo báo cáo này”: the text says the appendix is its own)
_THIS_TEXT = re.compile(r"(?<![\w])(?:báo\s+cáo|văn\s+bản|công\s+văn|kế\s+hoạch)\s+này(?![\w])", re.I)


@register("appendix_present", {"appendix", "period", "title"}, hints=False)
def check_appendix_present(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """An appendix the text refers to (“Chi tiết … tại Phụ lục 1”) is attached. A page without the report's
    title block (no title, or its period read from a headline or the body) tells of another document: an appendix it
    names (“Báo cáo cũng ban hành chi tiết phụ lục I đến V”) is that document's, not one it must attach, unless
    it says the appendix is its own (“kèm theo báo cáo này”)."""
    app = a.get("appendix")
    if not isinstance(app, dict):
        return skip("no appendix")
    period = a.get("period")
    src = app.get("src")
    own = isinstance(src, dict) and _THIS_TEXT.search(str(src.get("quote") or ""))
    if not own and (isinstance(period, dict) and period.get("source") in ("headline", "body")
                    or not str(a.get("title") or "").strip()):
        return skip("a page about a document, not the report itself")
    if app.get("present") is True:
        return [Outcome("pass")]
    label = str(app.get("label") or "")
    title = str(app.get("title") or "")
    return [Outcome("fail", "", _at(app.get("$ptr") or "", label, app.get("src")), [], {
        "stated": label, "expected": "", "appendix": label,
        "about": f" ({title})" if title else "", "formula": "", "imbalance": ""})]


# ----------------------------------------------------------------------------- the unit's name

# Kind words that precede the unit's name, by AdminUnit.kind.
KIND_WORDS: dict[str, tuple[str, ...]] = {
    "xa": ("xã",), "phuong": ("phường",), "thi_tran": ("thị trấn",), "dac_khu": ("đặc khu",),
    "huyen": ("huyện",), "quan": ("quận",), "thi_xa": ("thị xã",), "thanh_pho": ("thành phố",),
    "tinh": ("tỉnh",),
}

# The longest unit name compared (in words): real ones have two to five (“Hoàng Kim”, “Bến Nghé”).
MAX_NAME_WORDS = 20

# Vietnamese tone marks. Everything else a letter carries (â ă ê ô ơ ư, đ) is part of the letter.
_TONES = {"\u0300": "\u0300", "\u0301": "\u0301", "\u0303": "\u0303", "\u0309": "\u0309",
          "\u0323": "\u0323", "\u0340": "\u0300", "\u0341": "\u0301"}


@lru_cache(maxsize=8192)  # pure, and called for every word of the text of every report
def syllable_key(word: str) -> tuple[str, str]:
    """(letters, tone) of one syllable, case-folded: equal for two spellings that differ only
    in case, Unicode encoding (NFC/NFD) or the old/new placement of the tone mark (“Hoà”/“Hòa”),
    different for a changed letter or tone (“Hoàng”/“Hoằng”, “Sơn”/“Són”)."""
    tone = ""
    letters: list[str] = []
    for ch in unicodedata.normalize("NFD", word):
        if ch in _TONES:
            tone = tone or _TONES[ch]
        else:
            letters.append(ch)
    return unicodedata.normalize("NFC", "".join(letters)).casefold(), tone


# Punctuation that sticks to words (“(xã”, “Kim,”): neither letters nor combining marks.
_EDGE_PUNCT = string.punctuation + "“”‘’«»…–—•·"


def _words(text: str) -> list[str]:
    """Words of a text in NFC (so an NFD text reads the same), punctuation stripped."""
    out = []
    for w in unicodedata.normalize("NFC", text).split():
        if not w.isalnum():  # most words are; most others only have punctuation at an end
            bare = w.strip(_EDGE_PUNCT)
            w = bare if bare.isalnum() else "".join(ch for ch in w if ch.isalnum() or unicodedata.combining(ch))
        if w:
            out.append(w)
    return out


@lru_cache(maxsize=256)
def _name_parts(name: str) -> tuple[tuple[str, ...], str]:
    """The words of a name and their folded form (a rule asks for every paragraph)."""
    words = tuple(_words(name))
    return words, fold(" ".join(words))


def name_variants(text: str, kind_words: tuple[str, ...], name: str) -> list[str]:
    """Spellings of `name` after one of `kind_words` in `text` that are the same name without
    diacritics but differ with them (ignoring case, encoding and tone placement)."""
    name_words, folded_name = _name_parts(name)
    # Cheap pre-filter: most paragraphs never mention the name, even without diacritics.
    if not name_words or not folded_in(folded_name, text):
        return []
    return _variants(text, kind_words, name)


@lru_cache(maxsize=256)
def _keys_of(phrase: str) -> tuple[list[tuple[str, str]], list[str]]:
    """The syllable keys and the folded words of a name or a kind word (asked per paragraph;
    cached, so the lists are only read)."""
    words = _words(phrase)
    return [syllable_key(w) for w in words], [fold(w) for w in words]


def _variants(text: str, kind_words: tuple[str, ...], name: str) -> list[str]:
    """`name_variants` for a text that passed its pre-filter."""
    name_words, _ = _name_parts(name)
    name_keys, name_base = _keys_of(name)
    words = _words(text)
    keys = list(map(syllable_key, words))  # (the cache's C wrapper, called without a Python loop)
    folded: list[str | None] = [None] * len(words)  # each word folded once, when first needed
    n = len(name_words)
    out: list[str] = []
    for kw in kind_words:
        kw_keys = _keys_of(kw)[0]
        k = len(kw_keys)
        stop = len(words) - k - n + 1
        # where the kind word's first syllable is (found by `list.index`, a C loop)
        for i in (_places(keys, kw_keys[0], stop) if k else range(stop)):
            if keys[i:i + k] != kw_keys:
                continue
            if not _same_folded(words, folded, i + k, name_base):
                continue  # another place (“xã Hoàng Lộc”), or not a name at all (“xã hội”)
            if keys[i + k:i + k + n] != name_keys:
                out.append(" ".join(words[i + k:i + k + n]))
    return out


def _same_folded(words: list[str], folded: list[str | None], at: int, base: list[str]) -> bool:
    """`[fold(w) for w in words[at:at + len(base)]] == base`, folding only the words after a
    kind word (most words are not), each at most once (a run of kind words would otherwise
    fold the name's words again for each)."""
    for j, want in enumerate(base, at):
        f = folded[j]
        if f is None:
            f = folded[j] = fold(words[j])
        if f != want:
            return False
    return True


def _places(seq: list[Any], x: Any, stop: int) -> Iterator[int]:
    """The indexes below `stop` at which `seq` holds `x`, in order (none when `stop` ≤ 0:
    `list.index` would read a negative stop from the end)."""
    i = -1
    if stop <= 0:
        return
    while True:
        try:
            i = seq.index(x, i + 1, stop)
        except ValueError:
            return
        yield i


def _variants_in_each(texts: list[str], kind_words: tuple[str, ...], name: str) -> list[list[str]]:
    """`[name_variants(t, kind_words, name) for t in texts]`: the spellings found in each text.

    A *plain* text (`_plain_code`) is read from its one-byte code: its words and their folds come
    from `bytes.translate` and `split`, in C, and only the places where the folded name follows
    are keyed; the pre-filter (the folded name anywhere in the folded text) is asked only of a
    text with a variant, from the same code. The other texts go the usual way: the pre-filter
    for all of them at once, then `_variants`. (The usual way over every text was a quarter of a
    batch report's checks, issue 16.)"""
    name_words, folded_name = _name_parts(name)
    out: list[list[str]] = [[] for _ in texts]
    if not name_words:
        return out
    others: list[int] = []
    want = folded_name.encode("ascii") if folded_name.isascii() else None
    for i, text in enumerate(texts):
        code = _plain_code(text)
        if code is None or want is None:
            others.append(i)
            continue
        variants = _plain_variants(text, code, kind_words, name)
        if variants and want in b" ".join(code.translate(_plain_tables()[1]).split()):
            out[i] = variants
    if others:
        mention = folded_in_each(folded_name, [texts[i] for i in others])
        for i, hit in zip(others, mention):
            if hit:
                out[i] = _variants(texts[i], kind_words, name)
    return out


# ----------------------------------------------------------------------------- plain texts

# What most texts are written with: ASCII (but the rarer controls), the Vietnamese letters, and
# the punctuation reports use. Each character is its own NFC form and none composes with the one
# after it, so a text of them is its own NFC; each is one byte of the encoding `_plain_tables`
# makes (at most 256 characters, U+0000 first: what `codecs.charmap_build` needs for its fast
# map, an `EncodingMap`). `tests/test_plain_texts.py` checks each property.
_PLAIN_SPACES = "\t\n\r \u00a0"
_PLAIN_LETTERS = ("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                  "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯư"
                  "ẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ²³")
# what `fold` makes of each letter (one letter or digit each)
_PLAIN_FOLDS = ("0123456789abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz"
                "aaaaeeeiioooouuyaaaaeeeiioooouuyaaddiiuuoouu"
                "aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy23")
# neither letters nor spaces: dropped from words (`_words`), breaks for `fold`
_PLAIN_OTHERS = "\x00!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~–…—“”−→•≤·×±≈’‘≥°‰≠«"


@lru_cache(maxsize=1)
def _plain_tables() -> tuple[object, bytes, bytes, str]:
    """The encoding map, the fold of each byte (a letter or digit, or a space for the others),
    the bytes of the characters `_words` drops, and the characters by byte (for decoding)."""
    chars = "".join(sorted(_PLAIN_SPACES + _PLAIN_LETTERS + _PLAIN_OTHERS))
    folds = dict(zip(_PLAIN_LETTERS, _PLAIN_FOLDS))
    fold_of = bytes(ord(folds.get(c, " ")) for c in chars)
    dropped = bytes(i for i, c in enumerate(chars) if c in _PLAIN_OTHERS)
    return codecs.charmap_build(chars), fold_of, dropped, chars


def _plain_code(text: str) -> bytes | None:
    """The text as one byte a character, when it is plain (else None)."""
    try:
        return codecs.charmap_encode(text, "strict", _plain_tables()[0])[0]
    except UnicodeEncodeError:
        return None


@lru_cache(maxsize=256)
def _base_bytes(name: str) -> tuple[list[bytes], int] | None:
    """The folded words of a name as bytes, and which of them to look for first: the longest (a
    name's rarest word, mostly: “Kim” is in fewer texts than “Hoàng”, a number than either).
    None when a word is not ASCII: no plain word folds so."""
    base = _keys_of(name)[1]
    if not all(w.isascii() for w in base):
        return None
    anchor = max(range(len(base)), key=lambda j: (len(base[j]), j))
    return [w.encode("ascii") for w in base], anchor


def _plain_variants(text: str, code: bytes, kind_words: tuple[str, ...], name: str) -> list[str]:
    """`_variants(text, kind_words, name)` for a plain text given as its code. The text is its
    own NFC, so `_words` splits it at spaces and drops from each word what is neither a letter
    nor a mark (a plain text has no marks): `code` with those bytes deleted and decoded, split.
    Each letter folds to one letter or digit, so the word folds are the same code translated
    by the fold table, split: the two lists go word for word. The places are those where the
    name's folded words follow (found from one of them, `_base_bytes`); the keys are taken only
    there."""
    got = _base_bytes(name)
    if got is None:
        return []
    base, anchor = got
    _, fold_of, dropped, chars = _plain_tables()
    folded = code.translate(fold_of, dropped)
    if folded.find(base[anchor]) < 0:  # (most texts: a C search, nothing split; `in` would first
        return []                        # try the word as an int, and format the error it raises)
    fw = folded.split()
    n = len(base)
    stop = len(fw) - n + 1 + anchor  # (the name's word `anchor` is at `at + anchor`)
    if stop <= anchor:
        return []
    words: list[str] | None = None
    name_keys = _keys_of(name)[0]
    out: list[str] = []
    for kw in kind_words:
        kw_keys = _keys_of(kw)[0]
        k = len(kw_keys)
        for at in _found(fw, base[anchor], stop):
            at -= anchor
            if at < k or fw[at:at + n] != base:
                continue
            if words is None:
                words = codecs.charmap_decode(code.translate(None, dropped), "strict", chars)[0].split()
            if list(map(syllable_key, words[at - k:at])) != kw_keys:
                continue  # not after the kind word (“Hoàng Kim” alone, “xã hội”)
            if list(map(syllable_key, words[at:at + n])) != name_keys:
                out.append(" ".join(words[at:at + n]))
    return out


def _found(seq: list[Any], x: Any, stop: int) -> list[int]:
    """`list(_places(seq, x, stop))`, without the `ValueError` that ends `_places` (its message
    is formatted with the item's repr)."""
    out: list[int] = []
    i = -1
    for _ in range(seq.count(x)):
        i = seq.index(x, i + 1)
        if i >= stop:
            break
        out.append(i)
    return out


def _texts(meta: dict[str, Any], sections: Any) -> tuple[list[tuple[str, str | int]], list[str]]:
    """The texts the name is looked for in, and where each is: (the pointer of its container,
    its field or the index in its `text` list). The pointer itself is written only for a text
    that spells the name differently (`_pointer`): one in ten texts mentions the name at all."""
    mp = meta.get("$ptr", "/meta")
    places: list[tuple[str, str | int]] = []
    texts: list[str] = []
    for k in ("title", "issuer", "place"):
        if isinstance(meta.get(k), str):
            places.append((mp, k))
            texts.append(meta[k])
    if isinstance(sections, list):
        for i, s in enumerate(sections):
            if not isinstance(s, dict):
                continue
            sp = s.get("$ptr") or f"/sections/{i}"
            if isinstance(s.get("heading"), str):
                places.append((sp, "heading"))
                texts.append(s["heading"])
            for j, t in enumerate(s.get("text") or []):
                if isinstance(t, str):
                    places.append((sp, j))
                    texts.append(t)
    return places, texts


def _pointer(place: tuple[str, str | int]) -> str:
    """The pointer of a text found by `_texts`."""
    container, at = place
    return f"{container}/text/{at}" if type(at) is int else f"{container}/{at}"


@register("unit_name", {"meta", "sections"}, hints=False)
def check_unit_name(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """The unit's own name is spelled the same wherever the report writes “<kind> <name>”
    (title, issuer, place, headings, text). Only diacritics count: the same letters with other
    diacritics (“xã Hoằng Kim” in a report of xã Hoàng Kim) is a warning; case (“huyện Trùng
    khánh”), NFC/NFD encoding and tone placement (“Hoà”/“Hòa”) are not differences; other
    letters name another unit and are not compared."""
    meta = a.get("meta")
    if not isinstance(meta, dict) or not isinstance(meta.get("unit"), dict):
        return skip("unit not recorded")
    unit = meta["unit"]
    name, kind = unit.get("name"), unit.get("kind")
    if not isinstance(name, str) or _blank(name) or kind not in KIND_WORDS:
        return skip("unit name or kind unknown")
    kws = KIND_WORDS[kind]
    # A name recorded with its kind word (“xã Hoàng Kim”) is compared without it.
    nw = _words(name)
    if len(nw) > MAX_NAME_WORDS:
        # no unit's name is that long (a title or a paragraph put in the name field); comparing
        # it at every place its kind word is written would take time quadratic in its length
        return skip("unit name too long to be a name")
    for kw in kws:
        kwk = [syllable_key(w) for w in _words(kw)]
        if [syllable_key(w) for w in nw[:len(kwk)]] == kwk and len(nw) > len(kwk):
            name = " ".join(nw[len(kwk):])
    found: dict[tuple[tuple[str, str], ...], list[tuple[str, str]]] = {}
    places, texts = _texts(meta, a.get("sections"))
    for place, variants in zip(places, _variants_in_each(texts, kws, name)):
        for v in variants:
            found.setdefault(tuple(syllable_key(w) for w in _words(v)), []).append((_pointer(place), v))
    if not found:
        return [Outcome("pass")]
    out: list[Outcome] = []
    name_nfc = unicodedata.normalize("NFC", name)
    kw_shown = kws[0]
    for places in found.values():
        ptr, written = places[0]
        others = [p for p, _ in places[1:]]
        more_vi = f" (cả ở {len(others)} chỗ khác: {', '.join(others[:5])}{' …' if len(others) > 5 else ''})" if others else ""
        more_en = f" (also in {len(others)} other place(s): {', '.join(others[:5])}{' …' if len(others) > 5 else ''})" if others else ""
        out.append(Outcome("fail", written.casefold(), _at(ptr, f"{kw_shown} {written}"), [], {
            "stated": f"{kw_shown} {written}", "expected": f"{kw_shown} {name_nfc}",
            "more_vi": more_vi, "more_en": more_en, "formula": "", "imbalance": ""}))
    return out


_A_YEAR = None


@register("no_period", {"meta", "sections", "mentions", "references"}, hints=False)
def check_no_period(a: dict[str, Any], o: dict[str, Any]) -> list[Outcome]:
    """A report (it has a report header) whose text names no year at all (no period, no date, no
    term): its figures cannot be tied to a reporting period. A text without a report header (a
    portal page, an excerpt, an exported table) is not held to it."""
    import re

    global _A_YEAR
    if _A_YEAR is None:
        # a year as a year (“năm 2022”, “2021-2026”, “30/6/2022”, “tháng 7/2022”), or a period word
        # (“quý I”, “6 tháng đầu năm”, “năm nay”); not a count such as “1980 lao động”
        _A_YEAR = re.compile(r"(?:năm|giai\s+đoạn|nhiệm\s+kỳ|niên\s+độ|khóa|[/\-–])\s*(?:19|20)\d{2}(?!\d)"
                             r"|(?<!\d)(?:19|20)\d{2}\s*[-–/]\s*(?:19|20)\d{2}"
                             # year columns of a table header: “2010 2011 2012”
                             r"|(?<![\d.,])(?:19|20)\d{2}\s+(?:19|20)\d{2}(?![\d.,])"
                             # (a count of months from the start of its digits: in a run of
                             # 100.000 digits, trying every start cost the run's length squared)
                             r"|quý\s+(?:I{1,3}|IV|\d)(?![\w])|(?<!\d)\d+\s+tháng(?![\w])|tháng\s+\d+"
                             r"|năm\s+(?:nay|qua|trước|ngoái)|hiện\s+nay|đến\s+nay|(?:kỳ|kì)\s+(?:này|trước|báo\s+cáo)"
                             r"|trong\s+(?:kỳ|kì)(?![\w])", re.I)
    meta = a.get("meta") if isinstance(a.get("meta"), dict) else {}
    period = meta.get("period") if isinstance(meta.get("period"), dict) else {}
    if period.get("year") is not None or meta.get("date") is not None:
        return skip("the report has a period or a date")
    if not str(meta.get("title") or "").strip():
        # a page, an excerpt or a table without a report header: its period may be on the part of
        # the page that was not kept; nothing says it is a report that should name one
        return skip("no report header (a page or an excerpt)")
    if a.get("mentions") or a.get("references"):
        return skip("the text names terms, periods or dated documents")
    texts = [str(meta.get("title") or "")]
    for s in a.get("sections") or []:
        if isinstance(s, dict):
            texts.append(str(s.get("heading") or ""))
            texts.extend(str(t) for t in (s.get("text") or []))
    if not any(t.strip() for t in texts):
        return skip("no text")
    if any(_A_YEAR.search(t) for t in texts):
        return [Outcome("pass")]
    return [Outcome("fail", "", _at(ptr_of(meta) + "/period", "", None), [], {"stated": ""})]


def ptr_of(v: Any) -> str:
    return v.get("$ptr", "") if isinstance(v, dict) else ""
