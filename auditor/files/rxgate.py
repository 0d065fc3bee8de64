"""A search skipped when the text cannot hold a match (issue 16, the document path).

A costly pattern that finds nothing in most paragraphs (a citation's head, “trong đó” and its kin …)
still walks the whole paragraph in `re`'s engine, trying its alternatives at every letter that
could open one. Such a pattern cannot match unless the text holds one of a few words (every
citation's head has a kind, an abbreviation or “số”, and a number): the caller searches only a
text that holds what the pattern needs, tested by `str`'s own substring search on the text
lowercased once per text (and one `\\d` search for “a digit”), whichever patterns ask:

    _HEAD_NEEDS = (("báo cáo", "công văn", …), (DIGIT,))      # needs(_HEAD), written out
    heads = _HEAD.finditer(text) if may_match(text, _HEAD_NEEDS) else ()

The needs are written beside the pattern (parsing a pattern costs ~1 M instructions a run) and
`tests/test_rxgate.py` checks that they are exactly what `needs` derives from the pattern's own
parse: an alternative added to the pattern without its word fails that test, not a reading.

Why a skipped search is never a lost match (each point tested in tests/test_rxgate.py):
- `needs` keeps a set only where every match must contain one of its members: a literal run of
  the match, of each alternative of a branch, of a repeat at least once, of a group, of a
  lookahead that must hold (its text lies after the match's start and before `endpos`); a class
  of decimal digits only is the need “a digit”. Anything else (another class, `.`, a lookbehind,
  which may look before `pos`, a negative lookahead, a back-reference, an optional part) needs
  nothing. So every need of a match lies where the search runs, `text[pos:endpos]`.
- Case: `re` matches a text character `t` with a pattern letter `c` under IGNORECASE when their
  simple lowercase forms are equal or are one of `re`'s few extra case equivalences (ſ and s,
  ı and i, the Greek letters' variants …). A text holding one of those (lowercased: `_SPECIAL`,
  with U+0307, which `str.lower` adds after an “İ”) is always searched; otherwise `str.lower` of
  the text is the simple lowercase of each character, so a match's letters lowercased are a
  substring of the lowered text, with or without IGNORECASE.
- `may_match(text, want, a, b)` tests `text[a:b]` only (a search from `a` to `b`, or of the slice
  `text[a:b]`): `str.lower` keeps each character's place but for “İ”, whose text is always searched.
"""

from __future__ import annotations

import re
import sys
from typing import Any

DIGIT = "\\d"  # the need “a decimal digit” (no literal run is this text: it has no backslash lowered)

# `re`'s extra case equivalences (re._casefix) but plain i and s, and U+0307 (what `str.lower` adds after
# an “İ”, whose simple lowercase is a plain “i”): a text holding one is searched without a test.
_SPECIAL = re.compile("[\u00b5\u0131\u017f\u0345\u0390\u03b0\u03b2\u03b5\u03b8\u03b9\u03ba\u03bc\u03c0\u03c1"
                      "\u03c2\u03c3\u03c6\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1\u03f5\u0432\u0434\u043e\u0441"
                      "\u0442\u044a\u0463\u1c80-\u1c88\u1e61\u1e9b\u1fbe\u1fd3\u1fe3\ua64b\ufb05\ufb06\u0307]")
_DIGIT = re.compile(r"\d")

_lowered: dict[str, str | None] = {}  # text -> the text lowered, or None (search it always)
_digits: dict[str, bool] = {}


def _low(text: str) -> str | None:
    low = _lowered.get(text, False)
    if low is False:
        if len(_lowered) > 2048:  # (the paragraphs of a few documents; a batch reads many)
            _lowered.clear()
            _digits.clear()
        low = text.lower()
        if not low.isascii() and _SPECIAL.search(low):
            low = None
        _lowered[text] = low
    return low  # type: ignore[return-value]


def lowered(text: str) -> str:
    """`text.lower()`, made once per text for every reader that asks: the passes of a reading test the
    same paragraphs for their cue words in turn (on seed 000 each paragraph was lowered ~4 times, 78 % of
    the characters lowered again), and the gates below lower them anyway."""
    low = _lowered.get(text)
    if low is None:
        low = _low(text)
        if low is None:  # (a text holding one of `_SPECIAL`, which the gates do not keep: rare)
            return text.lower()
    return low


def _has_digit(text: str) -> bool:
    d = _digits.get(text)
    if d is None:
        d = _digits[text] = _DIGIT.search(text) is not None
    return d


def may_match(text: str, want: tuple[tuple[str, ...], ...], a: int = 0, b: int | None = None) -> bool:
    """False only when `text` (or `text[a:b]`, where the search runs) lacks every member of one of
    the sets of needs `want`: then their pattern has no match there."""
    whole = a == 0 and b is None
    low: str | None = None
    for one_of in want:
        for w in one_of:
            if w == DIGIT:  # (a digit has no case: the text is not lowered for it)
                if _has_digit(text) if whole else _DIGIT.search(text, a, len(text) if b is None else b) is not None:
                    break
                continue
            if low is None:
                low = _low(text)
                if low is None:
                    return True
            # (`str.lower` keeps each character's place: only “İ” lowers to two, and then `low` is None)
            if (w in low) if whole else low.find(w, a, len(text) if b is None else b) >= 0:
                break
        else:
            return False
    return True


def phrase_needs(phrases: tuple[str, ...] | list[str]) -> tuple[tuple[str, ...], ...]:
    """The needs of an alternation of phrases whose words are written literally, with any spaces
    between them, in any case (`registries.cues.phrase_pattern`): for each phrase, its longest run of
    letters that lower plainly (a word, or a part of one around a letter of `_SPECIAL`). A match
    is one of the phrases, so it holds that run lowered. () when a phrase has no such run."""
    out: set[str] = set()
    for phrase in phrases:
        runs: list[str] = []
        for word in phrase.split():
            run = ""
            for ch in word:
                low = _lit(ord(ch))
                if low is None:
                    runs.append(run)
                    run = ""
                else:
                    run += low
            runs.append(run)
        best = max(runs, key=len, default="")
        if not best:
            return ()
        out.add(best)
    return (tuple(sorted(_least(frozenset(out)))),) if out else ()


# --- the derivation (tests and `python -m auditor.files.rxgate PATTERN`; never on a reading) ----

def needs(rx: re.Pattern[str]) -> tuple[tuple[str, ...], ...]:
    """What every match of `rx` holds: for each tuple, one of its members (lowercased literal runs,
    or `DIGIT`). At most two tuples (the rarest set of words, and a digit when every match has
    one); () when nothing is certain."""
    from re import _parser  # type: ignore[attr-defined]

    sets = _seq(_parser.parse(rx.pattern, rx.flags).data)
    words = [s for s in sets if DIGIT not in s]
    out = [max(words, key=_score)] if words else []
    if frozenset({DIGIT}) in sets:
        out.append(frozenset({DIGIT}))
    return tuple(tuple(sorted(_least(s))) for s in out)


def _least(s: frozenset[str]) -> set[str]:
    # a member holding another one adds nothing: a text with it holds the other
    return {w for w in s if not any(v != w and v in w for v in s)}


def _lit(code: int) -> str | None:
    ch = chr(code)
    low = ch.lower()
    if len(low) != 1 or _SPECIAL.match(low) or low == "\\":
        return None
    return low


def _score(s: frozenset[str]) -> tuple[int, int]:
    # the rarest in a paragraph: longest shortest member, then fewest members
    return (min(len(w) for w in s), -len(s))


def _best(sets: list[frozenset[str]]) -> frozenset[str] | None:
    words = [s for s in sets if DIGIT not in s]
    return max(words, key=_score) if words else (sets[0] if sets else None)


def _seq(items: list[Any]) -> list[frozenset[str]]:
    """Each set one of whose members every match of the sequence holds (all of them hold)."""
    from re import _constants as c  # type: ignore[attr-defined]

    out: list[frozenset[str]] = []
    run: list[str] = []

    def close() -> None:
        if run:
            out.append(frozenset({"".join(run)}))
            run.clear()

    for op, av in items:
        if op is c.LITERAL:
            ch = _lit(av)
            if ch is not None:
                run.append(ch)
                continue
        close()
        if op is not c.LITERAL:
            out.extend(_node(op, av))
    close()
    return out


def _node(op: Any, av: Any) -> list[frozenset[str]]:
    from re import _constants as c  # type: ignore[attr-defined]

    if op is c.SUBPATTERN:
        return _seq(av[3])
    if op is c.ATOMIC_GROUP:
        return _seq(av)
    if op is c.BRANCH:
        alts = [_seq(alt) for alt in av[1]]
        out = []
        best = [_best(a) for a in alts]
        if all(b is not None for b in best):
            out.append(frozenset().union(*best))  # type: ignore[arg-type]
        if all(frozenset({DIGIT}) in a for a in alts):
            out.append(frozenset({DIGIT}))
        return out
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        lo, _hi, sub = av
        return _seq(sub) if lo >= 1 else []
    if op is c.ASSERT and av[0] == 1:  # a lookahead that must hold: its text is before `endpos`
        return _seq(av[1])
    if op is c.IN and all(_is_digit(o, a) for o, a in av):
        return [frozenset({DIGIT})]
    return []


def _is_digit(op: Any, av: Any) -> bool:
    from re import _constants as c  # type: ignore[attr-defined]

    if op is c.CATEGORY:
        return av is c.CATEGORY_DIGIT
    if op is c.LITERAL:
        return 48 <= av <= 57
    if op is c.RANGE:
        return 48 <= av[0] <= av[1] <= 57
    return False


if __name__ == "__main__":
    print(needs(re.compile(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 0)))
