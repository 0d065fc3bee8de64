"""The characters a pattern's matches can start with, given to `re`'s engine (issue 16).

`re` looks for a match of a pattern with no known first characters by trying a whole match at
every position of the text. It knows them only for a pattern that starts with a literal or a
class *without* IGNORECASE: the reader's searches are mostly case-insensitive alternations of
words (`registries/cues.py`, citations' heads, the awards' titles …), and for them the engine
entered its matcher at every character (~180.000 attempts a reading of seed 000). The engine
itself has the remedy: an INFO block may hold a set of characters, and a search then skips in C
the positions whose character is not in it (`SRE_INFO_CHARSET`).

`start_set_code` derives that set from `re`'s own parse of the pattern, *with every case
variant* `re` accepts under IGNORECASE (a character matches a cased literal when its simple
lowercase is that literal's lowercase or one of `re._casefix`'s extra cases: the inverse of
`_sre.unicode_tolower` over every code point is taken), and writes it into the pattern's
compiled code. It is a superset of the first character of every match (a zero-width part —
an anchor, a lookahead, a lookbehind — consumes nothing; an optional part adds the next part's
characters), so a search skips only positions where no match can start: the matches, their
groups and every search's answer stay the same. Anything it cannot bound (any character, a
negated class or category, a back-reference, LOCALE, a pattern that can match empty) leaves
the code as `re` made it. `files/rxcache.py` keeps the improved code; `re` itself is untouched
(a pattern compiled without the cache is `re`'s own, only slower).
"""

from __future__ import annotations

from functools import lru_cache

TYPE_CHECKING = False  # (not typing's: issue 16)
if TYPE_CHECKING:
    from typing import Any

_MAX_RANGE = 0x3000  # a wider range of a class is not enumerated: no set (`re` as before)


class _Unbounded(Exception):
    """The first character of a match is not bounded by what this understands."""


@lru_cache(maxsize=1)
def _inverse_lower() -> dict[int, tuple[int, ...]]:
    """code point y -> the other code points whose simple lowercase (`re`'s) is y. Built once
    per process, only when patterns are written to the cache (~0,2 s)."""
    import _sre

    out: dict[int, list[int]] = {}
    for c, lo in zip(range(0x110000), map(_sre.unicode_tolower, range(0x110000))):
        if lo != c:
            out.setdefault(lo, []).append(c)
    return {k: tuple(v) for k, v in out.items()}


def _cased_closure(points: set[int]) -> set[int]:
    """Every character whose simple lowercase is in `points` (and `points` themselves)."""
    inv = _inverse_lower()
    out = set(points)
    for y in points:
        out.update(inv.get(y, ()))
    return out


def _first(items: Any, flags: int, chars: set[int], cats: set[Any]) -> bool:
    """Add to `chars`/`cats` what the first character of a match of the sequence `items` can be;
    whether the sequence can match without consuming a character (then what follows it counts)."""
    from re import _compiler as C  # type: ignore[attr-defined]
    from re import _constants as K  # type: ignore[attr-defined]

    for op, av in items:
        if op is K.LITERAL:
            chars.update(_literal(av, flags))
            return False
        if op is K.IN:
            _class(av, flags, chars, cats)
            return False
        if op is K.AT or op is K.ASSERT or op is K.ASSERT_NOT:
            continue  # (consumes nothing: an anchor, a lookahead, a lookbehind)
        if op is K.SUBPATTERN:
            _, add, rem, sub = av
            if not _first(sub.data, C._combine_flags(flags, add, rem), chars, cats):
                return False
            continue
        if op is K.ATOMIC_GROUP:
            if not _first(av.data, flags, chars, cats):
                return False
            continue
        if op is K.BRANCH:
            empty = False
            for alt in av[1]:
                empty = _first(alt.data, flags, chars, cats) or empty
            if not empty:
                return False
            continue
        if op is K.MAX_REPEAT or op is K.MIN_REPEAT or op is K.POSSESSIVE_REPEAT:
            lo, hi, sub = av
            if hi == 0:
                continue
            if not _first(sub.data, flags, chars, cats) and lo > 0:
                return False
            continue
        raise _Unbounded  # ANY, NOT_LITERAL, GROUPREF, GROUPREF_EXISTS …
    return True


def _literal(c: int, flags: int) -> set[int]:
    import _sre
    from re import _casefix  # type: ignore[attr-defined]
    from re import _constants as K  # type: ignore[attr-defined]

    if not flags & K.SRE_FLAG_IGNORECASE:
        return {c}
    lo = _sre.unicode_tolower(c)
    return _cased_closure({c, lo, *_casefix._EXTRA_CASES.get(lo, ())})


def _class(av: Any, flags: int, chars: set[int], cats: set[Any]) -> None:
    from re import _constants as K  # type: ignore[attr-defined]

    for op, x in av:
        if op is K.LITERAL:
            chars.update(_literal(x, flags))
        elif op is K.RANGE:
            a, b = x
            if b - a > _MAX_RANGE or (flags & K.SRE_FLAG_IGNORECASE and b > 0xFFFF):
                raise _Unbounded
            for c in range(a, b + 1):
                chars.update(_literal(c, flags))
        elif op is K.CATEGORY and x in _CATEGORIES:
            cats.add(x)
            if flags & K.SRE_FLAG_IGNORECASE:
                # (matched on the character's lowercase: the characters lowering into the category)
                test = _category_test(x)
                chars.update(c for y, cs in _inverse_lower().items() if test(chr(y)) for c in cs)
        else:
            raise _Unbounded  # NEGATE, a negated category


def _category_test(cat: Any) -> Any:
    import re
    from re import _constants as K  # type: ignore[attr-defined]

    rx = {K.CATEGORY_DIGIT: r"\d", K.CATEGORY_SPACE: r"\s", K.CATEGORY_WORD: r"\w"}[cat]
    return re.compile(rx).fullmatch


def _categories() -> frozenset[Any]:
    from re import _constants as K  # type: ignore[attr-defined]

    return frozenset((K.CATEGORY_DIGIT, K.CATEGORY_SPACE, K.CATEGORY_WORD))


_CATEGORIES = _categories()


def _anchored(items: Any) -> bool:
    from re import _constants as K  # type: ignore[attr-defined]

    return bool(items) and items[0][0] is K.AT and items[0][1] in (K.AT_BEGINNING, K.AT_BEGINNING_STRING)


def start_set_code(pattern: str, flags: int, code: list[int]) -> list[int]:
    """`code` (what `re` compiled `pattern` to) with the set of its matches' first characters in
    its INFO block, or `code` itself when `re` already has a prefix or a set, or none can be
    bounded."""
    from re import _compiler as C  # type: ignore[attr-defined]
    from re import _constants as K  # type: ignore[attr-defined]
    from re import _parser as P  # type: ignore[attr-defined]

    if type(pattern) is not str or len(code) < 5 or code[0] != K.INFO or code[1] != 4 or code[2] != 0 \
            or code[3] == 0:
        return code  # (a prefix or a set already, or a pattern that can match empty)
    p = P.parse(pattern, flags)
    all_flags = p.state.flags | flags
    if all_flags & K.SRE_FLAG_LOCALE:
        return code
    if _anchored(p.data):
        return code  # (`re` tries a pattern that opens with “^” or “\A” at the search's start only)
    chars: set[int] = set()
    cats: set[Any] = set()
    try:
        if _first(p.data, all_flags, chars, cats):
            return code
    except _Unbounded:
        return code
    charset = [(K.LITERAL, c) for c in sorted(chars)] + [(K.CATEGORY, c) for c in sorted(cats)]
    charset, hascased = C._optimize_charset(charset)
    if hascased:
        return code
    block: list[int] = [K.INFO, 0, K.SRE_INFO_CHARSET, code[3], code[4]]
    C._compile_charset(charset, K.SRE_FLAG_UNICODE, block)
    block[1] = len(block) - 1
    return [int(c) for c in block] + code[5:]
