"""The cue lexicon (auditor/data/cues.yaml): the words that say what a number is or does.

    cue("approx_over").before(text, pos)   # the match ending right before pos, or None
    cue("base_plan").after(text, pos)      # the match starting at pos (after spaces), or None
    cue("remainder").search(text, a, b)    # any match in text[a:b]

A phrase matches as whole words, case-insensitively, with any run of spaces between its words.
The regular expressions are compiled on first use of a cue and kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from auditor.files.yamlio import load_data

_WB_L = r"(?<![\w])"
_WB_R = r"(?![\w])"


def phrase_pattern(words: list[str] | tuple[str, ...]) -> str:
    """An alternation of phrases, longest first, spaces flexible, whole words."""
    alts = []
    for w in sorted(set(words), key=len, reverse=True):
        p = r"\s+".join(re.escape(x) for x in w.split())
        left = _WB_L if w[:1].isalnum() else ""
        right = _WB_R if w[-1:].isalnum() else ""
        alts.append(f"{left}{p}{right}")
    return "(?:" + "|".join(alts) + ")"


@dataclass(frozen=True)
class Cue:
    name: str
    words: tuple[str, ...]
    doc_vi: str
    doc_en: str

    @property
    def pattern(self) -> str:
        return phrase_pattern(self.words)

    def _rx(self, where: str) -> re.Pattern[str]:
        return _compiled(self.name, where)

    def before(self, text: str, pos: int, window: int = 48, gap: str = r"[\s:,(]*") -> re.Match[str] | None:
        """The cue ending right before `pos` (only `gap` characters between)."""
        a = max(0, pos - window)
        return _compiled(self.name, "end", gap).search(text, a, pos)

    def after(self, text: str, pos: int, gap: str = r"[\s:,]*") -> re.Match[str] | None:
        """The cue starting right at `pos` (after `gap`)."""
        return _compiled(self.name, "start", gap).match(text, pos)

    def search(self, text: str, a: int = 0, b: int | None = None) -> re.Match[str] | None:
        return self._rx("any").search(text, a, len(text) if b is None else b)

    def finditer(self, text: str, a: int = 0, b: int | None = None):
        return self._rx("any").finditer(text, a, len(text) if b is None else b)


@lru_cache(maxsize=None)
def _compiled(name: str, where: str, gap: str = "") -> re.Pattern[str]:
    p = cue(name).pattern
    if where == "end":
        return re.compile(f"{p}{gap}$", re.I)
    if where == "start":
        return re.compile(f"{gap}{p}", re.I)
    return re.compile(p, re.I)


@lru_cache(maxsize=1)
def _all() -> dict[str, Cue]:
    data = load_data("cues.yaml")
    out = {}
    for name, spec in data["cues"].items():
        doc = spec.get("doc") or {}
        out[name] = Cue(name, tuple(str(w) for w in spec["words"]), doc.get("vi", ""), doc.get("en", ""))
    return out


def cue(name: str) -> Cue:
    return _all()[name]


def names() -> list[str]:
    return list(_all())
