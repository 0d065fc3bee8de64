"""Errors about how the tool was called (exit code 2), in both languages.

Kept apart from every stage so that any of them can raise them without importing another. No
click here: the common `audit FILE` runs without importing it (`auditor/fastpath.py`); the command
line shows a `ConfigError` as click shows its own errors (`cli.DefaultGroup.invoke`)."""

from __future__ import annotations


class UsageError(Exception):
    """A usage problem with the arguments (exit 2): `.vi` and `.en` messages."""

    def __init__(self, vi: str, en: str) -> None:
        super().__init__(vi, en)
        self.vi, self.en = vi, en


class ConfigError(Exception):
    """A configuration problem (a file, a key, a baseline) or any other failure a command reports
    as click reports its own (“Error: …” on stderr): exit code 2, both languages."""

    exit_code = 2

    def __init__(self, vi: str, en: str) -> None:
        super().__init__(f"{vi}\n{en}")
        self.vi, self.en = vi, en
        self.message = f"{vi}\n{en}"


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> tuple[str, str]:
    """(vi, en) “Có phải ý bạn là …?” for the choices closest to a mistyped word (a command, a
    rule id), or ("", "") when none is close; a leading space, to append to a message."""
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=3, cutoff=0.7)
    if not close and word.upper() != word:
        close = difflib.get_close_matches(word.upper(), list(choices), n=3, cutoff=0.7)
    if not close:
        return "", ""
    shown = ", ".join(f"“{c}”" for c in close)
    return f" Có phải ý bạn là {shown}?", f" Did you mean {shown}?"


def rule_suggestions(code: str, rule_ids: list[str]) -> tuple[str, str]:
    """`did_you_mean` for a rule id or prefix: the ids, and the prefixes (“SUM”, “PCT”) too."""
    prefixes = sorted({r.rstrip("0123456789") for r in rule_ids})
    return did_you_mean(code.upper(), [*rule_ids, *prefixes])
