"""The cue lexicon (auditor/data/cues.yaml): the words that say what a number is or does.

    cue("approx_over").before(text, pos)   # the match ending right before pos, or None
    cue("base_plan").after(text, pos)      # the match starting at pos (after spaces), or None
    cue("remainder").search(text, a, b)    # any match in text[a:b]

A phrase matches as whole words, case-insensitively, with any run of spaces between its words.
The regular expressions are compiled on first use of a cue and kept.
"""

from __future__ import annotations

import re
from functools import lru_cache

from auditor.files import derived
from auditor.files.rxgate import may_match, phrase_needs
from auditor.files.yamlio import load_data
from auditor.records import dataclass

_WB_L = r"(?<![\w])"
_WB_R = r"(?![\w])"


def phrase_pattern(words: list[str] | tuple[str, ...]) -> str:
    """An alternation of phrases, longest first, spaces flexible, whole words. It opens with a
    lookahead for the phrases' first letters, so that a search passes over any other character
    in one step instead of trying every phrase there (`re` folds the class's letters as it folds
    the phrases' own: the matches are the same)."""
    alts = []
    for w in sorted(set(words), key=lambda w: (-len(w), w)):  # (ties by text: the same pattern every run)
        p = r"\s+".join(re.escape(x) for x in w.split())
        left = _WB_L if w[:1].isalnum() else ""
        right = _WB_R if w[-1:].isalnum() else ""
        alts.append(f"{left}{p}{right}")
    group = "(?:" + "|".join(alts) + ")"
    if not words or not all(w.split() for w in words):
        return group  # (an empty phrase matches anywhere: no first letter to look for)
    return f"(?=[{first_letters(w.split()[0] for w in words)}])" + group


def first_letters(words: object) -> str:
    """The inside of a character class holding the first character of each word (escaped)."""
    return "".join(sorted({re.escape(w[0]) for w in words}))  # type: ignore[attr-defined]


class Before:
    """A match found before a position: the cue phrase and the gap up to the position."""

    __slots__ = ("_start", "_end", "_text")

    def __init__(self, start: int, end: int, text: str) -> None:
        self._start, self._end, self._text = start, end, text

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self, n: int = 0) -> str:
        return self._text


def reverse_pattern(words: tuple[str, ...], gap_chars: str, gap_words: tuple[str, ...] = ()) -> str | None:
    """The pattern of a `ReverseMatcher` (matched, case-insensitively, on the reversed text before a
    position), or None when there are no phrases."""
    def rev(w: str) -> tuple[str, bool, bool]:
        p = r"\s+".join(re.escape(x[::-1]) for x in reversed(w.split()))
        return p, w[-1:].isalnum(), w[:1].isalnum()
    alnum_end, other_end = [], []
    for w in sorted(set(words), key=lambda w: (-len(w), w)):  # (ties by text: the same pattern every run)
        p, ends_alnum, starts_alnum = rev(w)
        p = p + (r"(?![\w])" if starts_alnum else "")
        (alnum_end if ends_alnum else other_end).append(p)
    c = f"[{gap_chars}]"
    gw = ""
    if gap_words:
        gw = "(?:(?:" + "|".join(r"\s+".join(re.escape(x[::-1]) for x in reversed(g.split()))
                                   for g in sorted(gap_words, key=len, reverse=True)) + rf")(?![\w]){c}*)?"
    alts = []
    if alnum_end:
        alts.append(f"{c}+{gw}(?:{'|'.join(alnum_end)})")
    if other_end:
        alts.append(f"{c}*{gw}(?:{'|'.join(other_end)})")
    return "(?:" + "|".join(alts) + ")" if alts else None


class ReverseMatcher:
    """Finds a phrase that ends right before a position, with only `gap_chars` (and optionally
    one of `gap_words`) between: one anchored match on the reversed text before the position,
    instead of a search that tries every start in a window."""

    def __init__(self, words: list[str] | tuple[str, ...], gap_chars: str, gap_words: tuple[str, ...] = ()) -> None:
        # (the text is kept in the cache folder with the lexicon's other derived values: files/derived.py)
        words, gap_words = tuple(words), tuple(gap_words)
        text = derived.get(("reverse", words, gap_chars, gap_words),
                           lambda: reverse_pattern(words, gap_chars, gap_words))
        self.rx = re.compile(text, re.I) if text is not None else None

    def before(self, text: str, pos: int, window: int = 48) -> Before | None:
        if self.rx is None:
            return None
        a = max(0, pos - window)
        m = self.rx.match(text[a:pos][::-1])
        if m is None:
            return None
        start = pos - m.end()
        return Before(start, pos, text[start:pos])


_GAPS = {
    r"[\s:(]*": (r"\s:(", ()),
    r"[\s:,(]*": (r"\s:,(", ()),
    r"\s*": (r"\s", ()),
    r"\s*[:]?\s*": (r"\s:", ()),
}


@dataclass(frozen=True)
class Cue:
    """A cue of the lexicon: its name, its phrases and what it says (cues.yaml)."""
    name: str
    words: tuple[str, ...]
    doc_vi: str
    doc_en: str

    @property
    def pattern(self) -> str:
        words = self.words
        return derived.get(("phrase", words), lambda: phrase_pattern(words))

    def _rx(self, where: str) -> re.Pattern[str]:
        return _compiled(self.name, where)

    def before(self, text: str, pos: int, window: int = 48, gap: str = r"[\s:(]*",
               gap_words: tuple[str, ...] = ()) -> Before | None:
        """The cue ending right before `pos`, with only the gap's characters (and one of
        `gap_words`) between. `gap` is one of the character classes of `_GAPS`."""
        chars, words = _GAPS[gap]
        return _reverse(self.name, chars, tuple(words) + tuple(gap_words)).before(text, pos, window)

    def after(self, text: str, pos: int, gap: str = r"[\s:,]*") -> re.Match[str] | None:
        """The cue starting right at `pos` (after `gap`)."""
        return _compiled(self.name, "start", gap).match(text, pos)

    def search(self, text: str, a: int = 0, b: int | None = None) -> re.Match[str] | None:
        # (a text without any of the phrases' words is not searched: files/rxgate.py)
        if not may_match(text, _needs(self.name), a, b):
            return None
        return self._rx("any").search(text, a, len(text) if b is None else b)

    def finditer(self, text: str, a: int = 0, b: int | None = None):
        if not may_match(text, _needs(self.name), a, b):
            return iter(())
        return self._rx("any").finditer(text, a, len(text) if b is None else b)


@lru_cache(maxsize=None)
def _reverse(name: str, chars: str, gap_words: tuple[str, ...]) -> ReverseMatcher:
    return ReverseMatcher(cue(name).words, chars, gap_words)


@lru_cache(maxsize=None)
def _needs(name: str) -> tuple[tuple[str, ...], ...]:
    words = cue(name).words
    return derived.get(("needs", words), lambda: phrase_needs(words))


@lru_cache(maxsize=None)
def _compiled(name: str, where: str, gap: str = "") -> re.Pattern[str]:
    p = cue(name).pattern
    if where == "start":
        return re.compile(f"{gap}{p}", re.I)
    return re.compile(p, re.I)


@lru_cache(maxsize=1)
def _all() -> dict[str, Cue]:
    # (the rows are kept in the cache folder: reading cues.yaml's cached data again is ~4 M instructions)
    return {row[0]: Cue(*row) for row in derived.get(("cues",), _rows)}


def _rows() -> tuple[tuple[str, tuple[str, ...], str, str], ...]:
    """The lexicon as read from cues.yaml: (name, phrases, doc_vi, doc_en) of each cue."""
    data = load_data("cues.yaml")
    out = []
    for name, spec in data["cues"].items():
        doc = spec.get("doc") or {}
        out.append((name, tuple(str(w) for w in spec["words"]), doc.get("vi", ""), doc.get("en", "")))
    return tuple(out)


def cue(name: str) -> Cue:
    return _all()[name]


def names() -> list[str]:
    return list(_all())
