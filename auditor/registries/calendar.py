"""Calendar facts reports count with, and helpers to recognise them in a phrase.

Two registries, both data (`auditor/data/*.yaml`), each row with its source:

* `anniversaries()`: the founding day of every event reports celebrate (“Kỷ niệm 92 năm ngày
  thành lập Đảng” in 2022: 2022 − 1930 = 92);
* `terms()`: terms of elected bodies and periods of national plans, programmes and standards
  (“nhiệm kỳ 2020 - 2025”, “Chương trình MTQG giảm nghèo bền vững giai đoạn 2021 - 2025”).

Text helpers shared with the .docx/.txt extractor:

* `fold(text)`: the text without diacritics, case, đ/Đ and punctuation, for matching names as
  reports write them (NFC or NFD, “Thương binh - Liệt sĩ” or “thương binh, liệt sĩ”);
* `match_event(text)` / `match_events(text)`: the anniversary key(s) a phrase names;
* `match_term(text)`: the body, plan, programme or standard a phrase names;
* `ordinal_year(text)`: N in “năm thứ N” / “năm thứ ba”;
* `can_chi(year)`, `can_chi_in(text)`, `can_chi_years(name, near)`: the sexagenary name of a
  lunar year (“Nhâm Dần” = the lunar year that begins in 2022). This is modular arithmetic over
  the 60-year cycle, not astronomy: converting a lunar *day* needs a Vietnamese lunar calendar
  (UTC+7) and is not done here.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
import unicodedata
from functools import lru_cache

from auditor.files.yamlio import load_data
from auditor.records import dataclass

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from typing import Any

__all__ = [
    "Anniversary", "Term", "TermPeriod", "anniversaries", "terms", "fold", "match_event",
    "match_events", "match_term", "ordinal_year", "can_chi", "can_chi_in", "can_chi_years",
]


# ----------------------------------------------------------------------------- text folding

_NON_WORD = re.compile(r"[^0-9a-z]+")


# Combining marks (what NFKD splits Vietnamese diacritics into); a regex is far faster than
# testing unicodedata.combining() character by character.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def _fold_piece(text: str) -> str:
    """`fold` before runs of word breaks are merged and the ends stripped: one character of
    text gives one or more characters here, independently of its neighbours."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = _COMBINING.sub("", decomposed) if not decomposed.isascii() else decomposed
    return _NON_WORD.sub(" ", bare.replace("đ", "d").replace("Đ", "D").casefold())


@lru_cache(maxsize=16384)
def fold(text: str | None) -> str:
    """Lower case, no diacritics (đ → d), words separated by single spaces.

    NFKD first so that NFC and NFD spellings of the same text fold alike; every punctuation
    mark becomes a word break, so “Thương binh - Liệt sĩ” and “thương binh, liệt sĩ” match."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", str(text))
    bare = _COMBINING.sub("", decomposed) if not decomposed.isascii() else decomposed
    bare = bare.replace("đ", "d").replace("Đ", "D").casefold()
    return _NON_WORD.sub(" ", bare).strip()


_SEP = "\x1e"  # between the texts searched at once; it stays itself, so no match crosses it
_PHRASE = re.compile(r"[0-9a-z]+(?: [0-9a-z]+)*")  # what `fold` gives (but "")
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    """What each character folds to (`_fold_piece`), for `str.translate`: ASCII and the Latin,
    punctuation and CJK punctuation blocks at first (~2 ms), other characters as texts bring
    them. (A plain dict: `translate` looks it up a third faster than a dict with __missing__.)"""
    table = {code: _fold_piece(chr(code)) for lo, hi in _TABLE_BLOCKS for code in range(lo, hi)}
    table[ord(_SEP)] = _SEP
    return table


_TABLE_BLOCKS = ((0x0, 0x250), (0x1E00, 0x1F00), (0x2000, 0x2070), (0x3000, 0x3040), (0xFE30, 0xFF10))


@lru_cache(maxsize=64)
def _phrase_pattern(folded: str) -> re.Pattern[str]:
    return re.compile(" +".join(folded.split(" ")))


def folded_in_each(folded: str, texts: list[str]) -> list[bool]:
    """`[folded in fold(t) for t in texts]` for a folded phrase (`fold`'s output), in one pass.

    The rule that looks for the unit's name in every paragraph spent a fifth of all the work on
    a report folding its ~20.000 characters, even with one `str.translate` for all of them
    (`_folded_in_each_by_table`). Here the texts are not folded at all: one regular expression,
    made for the phrase from the fold table, finds it in the raw text (`_raw_pattern`). Texts
    with characters it does not model (outside the Latin, punctuation and combining-mark blocks,
    or folding to more than one letter: ligatures, “№”, “½” …) are folded as before. The same
    answer either way (tests compare the two on generated texts)."""
    if not texts:
        return []
    if not _PHRASE.fullmatch(folded) or any(_SEP in t for t in texts):
        return [folded in fold(t) for t in texts]  # (not a phrase `fold` gives, or no separator)
    joined = _SEP.join(texts)
    both = _raw_pattern_or_unmodeled(folded)
    if both is not None:
        return _found_in_one_pass(both, joined, folded, texts)
    pattern = _raw_pattern(folded)
    if pattern is None:  # (an interpreter whose `re` internals are not the expected ones)
        return _folded_in_each_by_table(folded, texts)
    found = [False] * len(texts)
    i = at = 0
    for m in pattern.finditer(joined):
        i += joined.count(_SEP, at, m.start())
        at = m.start()
        found[i] = True
    unmodeled: list[int] = []  # texts with a character the pattern does not model
    i = at = 0
    for m in _raw_classes().unmodeled.finditer(joined):
        i += joined.count(_SEP, at, m.start())
        at = m.start()
        if not unmodeled or unmodeled[-1] != i:
            unmodeled.append(i)
    if unmodeled:  # those texts folded character by character, as before
        for i, hit in zip(unmodeled, _folded_in_each_by_table(folded, [texts[i] for i in unmodeled])):
            found[i] = hit
    return found


def _found_in_one_pass(both: re.Pattern[str], joined: str, folded: str, texts: list[str]) -> list[bool]:
    """`folded_in_each` with the pattern that finds the phrase or a character it does not
    model (`_raw_pattern_or_unmodeled`): the texts are scanned once, not twice. A match that
    starts at a character the pattern does not model is that character (the phrase's letters
    are all modeled); the phrase's matches are those of `_raw_pattern` (no unmodeled character
    can be inside one, nor start one)."""
    unmodeled_map = _raw_classes().unmodeled_map
    found = [False] * len(texts)
    unmodeled: list[int] = []  # texts with a character the pattern does not model
    i = at = 0
    for m in both.finditer(joined):
        start = m.start()
        i += joined.count(_SEP, at, start)
        at = start
        cp = ord(joined[start])
        if cp > 0xFFFF or unmodeled_map[cp]:
            if not unmodeled or unmodeled[-1] != i:
                unmodeled.append(i)
        else:
            found[i] = True
    if unmodeled:  # those texts folded character by character, as before
        for i, hit in zip(unmodeled, _folded_in_each_by_table(folded, [texts[i] for i in unmodeled])):
            found[i] = hit
    return found


def _folded_in_each_by_table(folded: str, texts: list[str]) -> list[bool]:
    """`folded_in_each` by folding the texts, joined, with one `str.translate` (~375
    instructions a character, CPython's charmap path) and searching the phrase with any run of
    breaks between its words. Folding is the same character by character (decomposition, case
    folding and dropping marks treat each character alone; marks that swap places all fold to
    nothing or to a break)."""
    table = _fold_table()
    joined = _SEP.join(texts)
    flat = joined.translate(table)
    if not flat.isascii():  # characters the table does not have yet (folds are ASCII)
        for ch in set(_NOT_ASCII.findall(flat)):
            table[ord(ch)] = _fold_piece(ch)
        flat = joined.translate(table)
    found = [False] * len(texts)
    i = at = 0
    for m in _phrase_pattern(folded).finditer(flat):
        i += flat.count(_SEP, at, m.start())
        at = m.start()
        found[i] = True
    return found


_JOIN = "\u4e00"  # (一: a starter, decomposed, marked and cased to itself, that no character below folds to)
_WORD_PIECES = frozenset(["", *"0123456789abcdefghijklmnopqrstuvwxyz"])  # what `_NON_WORD` leaves as it is


def _fold_pieces(chars: list[str]) -> list[str]:
    """`[_fold_piece(c) for c in chars]`, each step but the last over all of them at once (the
    ~1.570 characters of the classes: 18 M instructions one by one at every start, issue 16). Each
    step works character by character: NFKD (canonical reordering never crosses a starter such as
    `_JOIN`), `_COMBINING` (one character a match), `replace` of one character, `casefold` (no
    context); `_NON_WORD`, which merges a run of breaks, is applied to each piece. The pieces are
    exactly as many as the characters only if no character gave `_JOIN` (else: one by one).
    `tests/test_folding.py` compares with `_fold_piece` on every character of the blocks."""
    joined = _JOIN.join(chars)
    bare = _COMBINING.sub("", unicodedata.normalize("NFKD", joined)).replace("đ", "d").replace("Đ", "D").casefold()
    pieces = bare.split(_JOIN)
    if _JOIN in chars or len(pieces) != len(chars):
        return [_fold_piece(c) for c in chars]
    sub = _NON_WORD.sub
    return [p if p in _WORD_PIECES else sub(" ", p) for p in pieces]  # (most are one letter: left as they are)


# The blocks of combining marks `_COMBINING` drops (the table blocks hold none of them).
_MARK_BLOCKS = ((0x300, 0x370), (0x1AB0, 0x1B00), (0x1DC0, 0x1E00), (0x20D0, 0x2100), (0xFE20, 0xFE30))


class _RawClasses:
    """The characters of the table and mark blocks by what they fold to: "" (a mark), " " (a
    break: punctuation, spaces, symbols), or one letter or digit; `unmodeled` finds any other
    character (other blocks, or folding to more than one character), whose text is then folded.
    `code(keys)` is the code of one class (or of a repeat of it) for `re`'s engine, made once
    per process and reused by every phrase."""

    def __init__(self, members: dict[str, list[int]] | None = None) -> None:
        """`members`: what `members()` gives, when the caller has it (`_raw_classes`: kept in the
        cache folder)."""
        self.members = members if members is not None else self.fold_members()
        self.modeled = sorted(cp for cps in self.members.values() for cp in cps) + [ord(_SEP)]
        self._unmodeled: re.Pattern[str] | None = None
        self.codes: dict[tuple[tuple[str, ...], bool], list[int]] = {}
        # 1 for each character of the BMP the classes do not model (those beyond it are none)
        self.unmodeled_map = bytearray(b"\x01") * 0x10000
        for cp in self.modeled:
            self.unmodeled_map[cp] = 0
        self.unmodeled_ops: list[int] | None = None
        self.either_ops: dict[str, list[int]] = {}

    @staticmethod
    def fold_members() -> dict[str, list[int]]:
        """The characters of the blocks (code points, in order) by what they fold to."""
        members: dict[str, list[int]] = {}
        # (_SEP is never part of a match: no match crosses from one text to the next)
        chars = [chr(cp) for lo, hi in _TABLE_BLOCKS + _MARK_BLOCKS for cp in range(lo, hi) if cp != ord(_SEP)]
        for ch, piece in zip(chars, _fold_pieces(chars)):
            key = piece if len(piece) <= 1 else " " if not piece.strip() else None
            if key is not None:
                members.setdefault(key, []).append(ord(ch))
        return members

    @property
    def unmodeled(self) -> re.Pattern[str]:
        """A character the classes do not model, as a compiled class: made when first asked (only
        the two-pass path of `folded_in_each` asks, on an interpreter without the one-pass
        pattern: writing its ~1.570 characters out cost ~4,6 M instructions at every start)."""
        if self._unmodeled is None:
            self._unmodeled = re.compile(f"[^{_class_body(self.modeled)}]")
        return self._unmodeled

    def unmodeled_code(self) -> list[int]:
        """Code of one character the classes do not model (an IN item)."""
        if self.unmodeled_ops is None:
            ops = _bigcharset(self.unmodeled_map) + [_RANGE, 0x10000, 0x10FFFF]
            self.unmodeled_ops = [_IN, len(ops) + 2, *ops, _FAILURE]
        return self.unmodeled_ops

    def either_charset(self, key: str) -> list[int]:
        """The set of the characters of class `key` and those not modeled, in `re`'s code
        through its FAILURE: one table lookup a character (what a search tests at every
        character of the text)."""
        if key not in self.either_ops:
            # the unmodeled set's BIGCHARSET with the class's characters added: a block that
            # holds some of them is copied with their bits set (a few blocks; the others shared)
            ops = self.unmodeled_code()[2:-1]  # BIGCHARSET <n> <index: 64 words> <n × 8 words> RANGE …
            n = ops[1]
            index = bytearray(b"".join(w.to_bytes(4, sys.byteorder) for w in ops[2:66]))  # block of each 256
            blocks, tail = ops[66:66 + 8 * n], ops[66 + 8 * n:]
            copied: dict[int, int] = {}
            for cp in self.members[key]:
                hi = cp >> 8
                if hi not in copied:
                    copied[hi] = len(blocks) // 8
                    blocks += blocks[index[hi] * 8:index[hi] * 8 + 8]
                    index[hi] = copied[hi]
                blocks[copied[hi] * 8 + ((cp & 255) >> 5)] |= 1 << (cp & 31)
            self.either_ops[key] = [_BIGCHARSET, len(blocks) // 8, *memoryview(bytes(index)).cast("I").tolist(),
                                    *blocks, *tail, _FAILURE]
        return self.either_ops[key]

    def code(self, keys: tuple[str, ...], star: bool = False) -> list[int]:
        """Code of one character of the classes `keys` ("" marks, " " breaks, a letter), or,
        with `star`, of any run of them, in `re`'s code (an IN item, in a REPEAT_ONE)."""
        if (keys, star) not in self.codes:
            ops = _set_ops(sorted(cp for k in keys for cp in self.members[k]))
            item = [_IN, len(ops) + 2, *ops, _FAILURE]
            if star:
                item = [_REPEAT_ONE, len(item) + 4, 0, _MAXREPEAT, *item, _SUCCESS]
            self.codes[keys, star] = item
        return self.codes[keys, star]


def _bigcharset(charmap: bytearray) -> list[int]:
    """A set of BMP characters (`charmap[cp]` 1 or 0) as `re`'s BIGCHARSET: the 256 blocks of
    256 characters, identical blocks stored once, and a table of which block each is (what
    `re` makes of a large class, without its optimizer's cost)."""
    blocks: dict[bytes, int] = {}
    index = bytearray(256)
    data = bytearray()
    for b in range(256):
        chunk = bytes(charmap[b << 8:(b + 1) << 8])
        if chunk not in blocks:
            blocks[chunk] = len(blocks)
            data += chunk
        index[b] = blocks[chunk]
    bits = data.translate(_BITS)[::-1]  # as `re` does: one 32-bit word for 32 characters
    words = [int(bits[i - 32:i], 2) for i in range(len(bits), 0, -32)]
    return [_BIGCHARSET, len(blocks), *memoryview(bytes(index)).cast("I").tolist(), *words]


_BITS = b"0" + b"1" * 255


def _set_ops(cps: list[int]) -> list[int]:
    """A set of code points (sorted) in `re`'s code: a bitmap of those below 256 (one test per
    character), then a range or a literal for each run of the others. `re` would compile the
    class to the same set, with a bigger bitmap where it saves tests, but its optimizer takes
    5–20 ms a class in Python: built here, it costs microseconds."""
    ops: list[int] = []
    low = [cp for cp in cps if cp < 256]
    if low:
        words = [0] * (256 // 32)
        for cp in low:
            words[cp >> 5] |= 1 << (cp & 31)
        ops += [_CHARSET, *words]
    high = [cp for cp in cps if cp >= 256]
    i = 0
    while i < len(high):
        j = i
        while j + 1 < len(high) and high[j + 1] == high[j] + 1:
            j += 1
        ops += [_LITERAL, high[i]] if i == j else [_RANGE, high[i], high[j]]
        i = j + 1
    return ops


def _class_body(cps: list[int]) -> str:
    """The inside of a character class holding exactly `cps` (sorted), as ranges."""
    out: list[str] = []
    i = 0
    while i < len(cps):
        j = i
        while j + 1 < len(cps) and cps[j + 1] == cps[j] + 1:
            j += 1
        out.append(re.escape(chr(cps[i])) if i == j else f"{re.escape(chr(cps[i]))}-{re.escape(chr(cps[j]))}")
        i = j + 1
    return "".join(out)


@lru_cache(maxsize=1)
def _raw_classes() -> _RawClasses:
    """The classes, their members kept in the cache folder: folding the ~1.570 characters of the
    blocks cost ~9 M instructions at every start that runs the unit-name rule (issue 16)."""
    import marshal

    from auditor.files import cache

    path = _classes_path()
    payload = cache.read_checked(path) if path is not None else None
    if payload is not None:
        try:
            members = marshal.loads(payload)
        except (EOFError, ValueError, TypeError):
            members = None
        if _are_members(members):
            return _RawClasses(members)
    classes = _RawClasses()
    if path is not None:
        cache.write_checked(path, marshal.dumps(classes.members))
    return classes


def _classes_path() -> str | None:
    """Where the classes' members are kept: named from what folding depends on, the interpreter
    (its Unicode data) and this module's code (the blocks and the folding), as read from its file;
    None without a cache folder or when the file cannot be read."""
    from auditor import __version__
    from auditor.files import cache, digest

    d = cache.cache_dir()
    if d is None:
        return None
    try:
        with open(__file__, "rb") as fh:
            code = fh.read()
    except OSError:
        return None
    head = f"{sys.version}|{sys.hexversion}|{unicodedata.unidata_version}|{__version__}|".encode()
    return os.path.join(d, "tables", digest.key(head + code)[:40] + "-fold-classes.marshal")


def _are_members(members: Any) -> bool:
    """Data of the shape `fold_members` gives (a file of another shape is not used)."""
    return type(members) is dict and all(
        type(k) is str and len(k) <= 1 and type(v) is list and all(type(cp) is int for cp in v)
        for k, v in members.items())


_INFO = _SUCCESS = _FAILURE = _IN = _LITERAL = _RANGE = _CHARSET = _REPEAT_ONE = _INFO_CHARSET = _MAXREPEAT = -1
_BIGCHARSET = _BRANCH = _JUMP = -1
try:
    import _sre
    from re import _constants as _sre_constants  # type: ignore[attr-defined]

    if _sre.CODESIZE == 4:  # (the bitmaps above are of 32-bit words)
        _INFO, _SUCCESS, _FAILURE = int(_sre_constants.INFO), int(_sre_constants.SUCCESS), int(_sre_constants.FAILURE)
        _IN, _LITERAL, _RANGE = int(_sre_constants.IN), int(_sre_constants.LITERAL), int(_sre_constants.RANGE)
        _CHARSET, _REPEAT_ONE = int(_sre_constants.CHARSET), int(_sre_constants.REPEAT_ONE)
        _INFO_CHARSET, _MAXREPEAT = int(_sre_constants.SRE_INFO_CHARSET), int(_sre_constants.MAXREPEAT)
        _BIGCHARSET, _BRANCH, _JUMP = int(_sre_constants.BIGCHARSET), int(_sre_constants.BRANCH), int(_sre_constants.JUMP)
except (ImportError, AttributeError):  # another interpreter: the table path only
    pass


@lru_cache(maxsize=64)
def _raw_pattern(folded: str) -> re.Pattern[str] | None:
    """A pattern that matches, in raw text of modeled characters, exactly where `fold` of the
    text has the phrase `folded`: each letter is any character that folds to it, followed by
    any marks (NFD), and each space between words is a run of marks and breaks holding at least
    one break. It is the regular expression

        [h…] M* [o…] M* …  M* B (M|B)*  [k…] M* …

    but written directly in `re`'s code, from each class's code (`re` would parse and compile
    the classes, ~1.700 characters for a name of two words, for every name: ~4 ms, more than
    folding the text)."""
    if _INFO < 0:
        return None
    items = _name_items(folded)
    if items is None:
        return None
    try:
        import _sre

        classes = _raw_classes()
        charset = classes.code((folded[0],))[2:]  # (the set's code, through its FAILURE)
        width = len(folded)  # each letter one character, each space at least one
        info = [_INFO, 4 + len(charset), _INFO_CHARSET, width, _MAXREPEAT, *charset]
        return _sre.compile(folded, int(re.UNICODE), info + items + [_SUCCESS], 0, {}, (None,))
    except Exception:  # noqa: BLE001 - `re`'s internals are not what this expects: fold instead
        return None


@lru_cache(maxsize=64)
def _raw_pattern_or_unmodeled(folded: str) -> re.Pattern[str] | None:
    """`_raw_pattern(folded)` or one character the classes do not model, in one pattern: the
    regular expression `NAME|[^modeled]`, written in `re`'s code like `_raw_pattern`, whose
    search tests each character of the text once against one table (the phrase's first class
    and the unmodeled characters together). `folded_in_each` scans the texts once with it
    instead of once for the phrase and once for those characters."""
    if _INFO < 0 or _BIGCHARSET < 0:
        return None
    items = _name_items(folded)
    if items is None:
        return None
    try:
        import _sre

        classes = _raw_classes()
        other = classes.unmodeled_code()
        # BRANCH <skip> NAME JUMP <to end> <skip> OTHER JUMP <to end> FAILURE
        branch = [_BRANCH, len(items) + 3, *items, _JUMP, len(other) + 5,
                  len(other) + 3, *other, _JUMP, 2, _FAILURE]
        charset = classes.either_charset(folded[0])
        info = [_INFO, 4 + len(charset), _INFO_CHARSET, 1, _MAXREPEAT, *charset]
        return _sre.compile(folded, int(re.UNICODE), info + branch + [_SUCCESS], 0, {}, (None,))
    except Exception:  # noqa: BLE001 - `re`'s internals are not what this expects: two passes
        return None


def _name_items(folded: str) -> list[int] | None:
    """The code of `_raw_pattern`'s expression (without its INFO block)."""
    if _INFO < 0:
        return None
    try:
        classes = _raw_classes()
        marks = classes.code(("",), star=True)
        gap = marks + classes.code((" ",)) + classes.code(("", " "), star=True)
        items: list[int] = []
        for w, word in enumerate(folded.split(" ")):
            if w:
                items += gap
            for c, ch in enumerate(word):
                if c:
                    items += marks
                items += classes.code((ch,))
        return items
    except Exception:  # noqa: BLE001 - `re`'s internals are not what this expects: fold instead
        return None


def folded_in(folded: str, text: str) -> bool:
    """`folded in fold(text)` (see `folded_in_each`)."""
    return folded_in_each(folded, [text])[0]


def _find_whole(haystack: str, needle: str) -> list[int]:
    """Start offsets of `needle` in `haystack` on word boundaries (both folded)."""
    out: list[int] = []
    if not needle:
        return out
    start = 0
    while True:
        i = haystack.find(needle, start)
        if i < 0:
            return out
        j = i + len(needle)
        if (i == 0 or haystack[i - 1] == " ") and (j == len(haystack) or haystack[j] == " "):
            out.append(i)
        start = i + 1


# ----------------------------------------------------------------------------- registries

@dataclass(frozen=True)
class Anniversary:
    """A day the calendar registry knows (an anniversary), with the names it is written by."""
    key: str
    name_vi: str
    name_en: str
    date: dt.date
    aliases: tuple[str, ...]
    not_followed_by: tuple[str, ...]
    source: str
    label: str
    # other years the count is also started from (a programme approved one year and begun the
    # next): a count from one of them is a convention in use, not a plain error
    also_from: tuple[int, ...] = ()

    @property
    def year(self) -> int:
        return self.date.year

    def count_in(self, year: int) -> int:
        """N of “kỷ niệm N năm” in `year`: the anniversary falls in that calendar year."""
        return year - self.date.year

    @property
    def shown_date(self) -> str:
        return f"{self.date.day}/{self.date.month}/{self.date.year}"


@dataclass(frozen=True)
class TermPeriod:
    """The years of one term (nhiệm kỳ) or plan period, and where they are set."""
    start: int
    end: int
    source: str
    label: str

    @property
    def shown(self) -> str:
        return f"{self.start} – {self.end}"


@dataclass(frozen=True)
class Term:
    """A kind of term or plan period the calendar registry knows, with its periods."""
    key: str
    kind: str
    name_vi: str
    name_en: str
    aliases: tuple[str, ...]
    periods: tuple[TermPeriod, ...]

    @property
    def coverage(self) -> tuple[int, int]:
        return min(p.start for p in self.periods), max(p.end for p in self.periods)

    def find(self, start: int, end: int) -> TermPeriod | None:
        return next((p for p in self.periods if p.start == start and p.end == end), None)

    def judges(self, start: int, end: int) -> bool:
        """Whether the registry knows enough to judge a mention of start–end: its first year
        lies in [lo, hi) or its last year in (lo, hi]. Terms share boundary years (2015–2020,
        2020–2025), so a term that only touches the covered span (HĐND 2026–2031 after
        2021–2026) is a term the registry has not listed yet, not a wrong one."""
        lo, hi = self.coverage
        return lo <= start < hi or lo < end <= hi

    def containing(self, year: int) -> list[TermPeriod]:
        return [p for p in self.periods if p.start <= year <= p.end]

    def overlapping(self, start: int, end: int) -> list[TermPeriod]:
        return [p for p in self.periods if p.start <= end and start <= p.end]


def _names(row: dict[str, Any]) -> tuple[str, str]:
    name = row.get("name") or {}
    if isinstance(name, str):
        return name, name
    return str(name.get("vi", row["key"])), str(name.get("en", name.get("vi", row["key"])))


def _load(name: str) -> Any:
    return load_data(name)


@lru_cache(maxsize=1)
def anniversaries() -> dict[str, Anniversary]:
    """key → Anniversary, from `auditor/data/anniversaries.yaml`."""
    out: dict[str, Anniversary] = {}
    for row in _load("anniversaries.yaml")["events"]:
        vi, en = _names(row)
        date = row["date"]
        if not isinstance(date, dt.date):
            date = dt.date.fromisoformat(str(date))
        out[row["key"]] = Anniversary(
            key=row["key"], name_vi=vi, name_en=en, date=date,
            aliases=tuple(str(a) for a in row.get("aliases") or ()),
            not_followed_by=tuple(str(a) for a in row.get("not_followed_by") or ()),
            source=str(row.get("source") or ""), label=str(row.get("label") or ""),
            also_from=tuple(int(y) for y in row.get("also_from") or ()))
    return out


@lru_cache(maxsize=1)
def terms() -> dict[str, Term]:
    """key → Term, from `auditor/data/terms.yaml`."""
    out: dict[str, Term] = {}
    for row in _load("terms.yaml")["entries"]:
        vi, en = _names(row)
        periods = tuple(TermPeriod(int(p["start"]), int(p["end"]), str(p.get("source") or ""),
                                   str(p.get("label") or "")) for p in row.get("periods") or ())
        out[row["key"]] = Term(key=row["key"], kind=str(row.get("kind") or ""), name_vi=vi, name_en=en,
                               aliases=tuple(str(a) for a in row.get("aliases") or ()), periods=periods)
    return out


# ----------------------------------------------------------------------------- matching

@lru_cache(maxsize=1)
def _event_aliases() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    # (kept in the cache folder: the registry read and its ~300 aliases folded are ~5 M instructions
    # of a document's first reading; files/derived.py)
    from auditor.files import derived

    return derived.get(("event_aliases",), _build_event_aliases)


def _build_event_aliases() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    rows = [(fold(a), e.key, tuple(fold(w) for w in e.not_followed_by))
            for e in anniversaries().values() for a in e.aliases]
    # longest first: “thành lập Đảng Cộng sản Việt Nam” before “thành lập Đảng”
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@lru_cache(maxsize=1)
def _term_aliases() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    from auditor.files import derived

    return derived.get(("term_aliases",), _build_term_aliases)


def _build_term_aliases() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    rows = [(fold(a), t.key, ()) for t in terms().values() for a in t.aliases]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


def _matches(text: str | None, aliases: tuple[tuple[str, str, tuple[str, ...]], ...],
             with_places: bool = False) -> list:
    """Keys named in `text`, in text order; at each place the longest alias wins and the
    places it covers are not matched again."""
    hay = fold(text)
    if not hay:
        return []
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, str]] = []
    for alias, key, blockers in aliases:
        for i in _find_whole(hay, alias):
            j = i + len(alias)
            if any(i < b and a < j for a, b in taken):
                continue
            rest = hay[j:].lstrip()
            if any(rest == w or rest.startswith(w + " ") for w in blockers):
                continue  # “thành lập Đảng bộ …”: another event
            taken.append((i, j))
            found.append((i, j, key))
    if with_places:  # (where each name ends, with its key)
        return [(j, k) for _, j, k in sorted(found)]
    return [k for _, _, k in sorted(found)]


def match_events(text: str | None) -> list[str]:
    """Every anniversary key a phrase names, in order: “78 năm Ngày thành lập QĐND Việt Nam và
    33 năm Ngày hội Quốc phòng toàn dân” → [quan_doi_nhan_dan, quoc_phong_toan_dan]."""
    return _matches(text, _event_aliases())


def match_event(text: str | None) -> str | None:
    """The anniversary a phrase names (the first one), or None: diacritic- and case-insensitive,
    whole words, longest alias first. “Kỷ niệm 92 năm ngày thành lập Đảng cộng sản Việt Nam”
    → thanh_lap_dang; “kỷ niệm 90 năm thành lập Đảng bộ huyện” → None."""
    keys = match_events(text)
    return keys[0] if keys else None


def match_term(text: str | None) -> str | None:
    """The body, plan, programme or standard a phrase names, or None:
    “Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2021-2025” → ctmtqg_giam_ngheo.
    A province's own plan names none of them and gives None. When the phrase names several, the
    one written last is the one its years qualify: in “trình HĐND tỉnh ban hành nghị quyết triển
    khai Chương trình MTQG giảm nghèo bền vững giai đoạn 2021 - 2025” the phase is the programme's,
    not the council's term."""
    found = _matches(text, _term_aliases(), with_places=True)
    if not found:
        return None
    end, key = found[-1]
    # a plan or programme of the province's own named after it (“… HĐND tỉnh thông qua Nghị quyết về Kế hoạch
    # đầu tư công trung hạn giai đoạn 2021-2025”): the years are that plan's, and it is in no registry
    if _OWN_PLAN.search(fold(text)[end:]):
        return None
    return key


# (“… của HĐND thị xã về phát triển sự nghiệp văn hóa … giai đoạn 2013 - 2020”: what the council decided on)
_OWN_PLAN = re.compile(r"\b(?:ke hoach|chuong trinh|de an|chien luoc|quy hoach|du an|trung han|ve|phat trien)\b")


_ORDINALS = {"nhat": 1, "mot": 1, "hai": 2, "ba": 3, "tu": 4, "bon": 4, "nam": 5, "sau": 6,
             "bay": 7, "tam": 8, "chin": 9, "muoi": 10}
_ORDINAL_RE = re.compile(r"\bnam thu (\d{1,2}|nhat|mot|hai|ba|tu|bon|nam|sau|bay|tam|chin|muoi)\b")


def ordinal_year(text: str | None) -> int | None:
    """N in “năm thứ N” (digits or a word: “năm thứ ba” → 3, “năm thứ tư” → 4), else None."""
    m = _ORDINAL_RE.search(fold(text))
    if not m:
        return None
    w = m.group(1)
    return int(w) if w.isdigit() else _ORDINALS[w]


# ----------------------------------------------------------------------------- can chi

STEMS = ("Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý")
BRANCHES = ("Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi")
# Spellings reports use besides the ones above (folded): Kỉ, Quí, Mẹo, Tị. Folding merges Tý (0)
# and Tỵ (5); the stem's parity tells them apart (a stem and a branch of a year share parity).
_STEM_FOLD = {fold(s): i for i, s in enumerate(STEMS)} | {"ki": 5, "qui": 9}
_BRANCH_FOLD: dict[str, tuple[int, ...]] = {}
for _i, _b in enumerate(BRANCHES):
    _BRANCH_FOLD.setdefault(fold(_b), ())
    _BRANCH_FOLD[fold(_b)] += (_i,)
_BRANCH_FOLD |= {"meo": (3,), "ti": (5,)}
_CAN_CHI_RE = re.compile(r"\b(" + "|".join(sorted(_STEM_FOLD, key=len, reverse=True)) + r") ("
                         + "|".join(sorted(_BRANCH_FOLD, key=len, reverse=True)) + r")\b")


def can_chi(year: int) -> str:
    """The name of the lunar year that begins (at Tết) in the solar `year`: 2022 → “Nhâm Dần”.
    1984 was Giáp Tý, the start of a cycle; stems repeat every 10 years, branches every 12."""
    return f"{STEMS[(year - 4) % 10]} {BRANCHES[(year - 4) % 12]}"


def can_chi_in(text: str | None) -> tuple[int, int] | None:
    """(stem, branch) indexes of the first year name in a phrase: “Tết Nguyên đán Nhâm dần” →
    (8, 2). A stem and a branch of different parity name no year and are ignored."""
    for m in _CAN_CHI_RE.finditer(fold(text)):
        s = _STEM_FOLD[m.group(1)]
        for b in _BRANCH_FOLD[m.group(2)]:
            if s % 2 == b % 2:
                return s, b
    return None


def can_chi_years(name: tuple[int, int], near: int, span: int = 60) -> list[int]:
    """Solar years whose lunar year has this name, within ±span of `near` (one per 60 years)."""
    s, b = name
    return [y for y in range(near - span, near + span + 1)
            if (y - 4) % 10 == s and (y - 4) % 12 == b]


def can_chi_name(name: tuple[int, int]) -> str:
    return f"{STEMS[name[0]]} {BRANCHES[name[1]]}"
