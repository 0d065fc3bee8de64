"""Errors about how the tool was called (exit code 2), in both languages.

Kept apart from every stage so that any of them can raise them without importing another."""

from __future__ import annotations

import click


class UsageError(Exception):
    """A usage problem with the arguments (exit 2): `.vi` and `.en` messages."""

    def __init__(self, vi: str, en: str) -> None:
        super().__init__(vi, en)
        self.vi, self.en = vi, en


class ConfigError(click.ClickException):
    """A configuration problem (a file, a key, a baseline): exit code 2, both languages."""

    exit_code = 2

    def __init__(self, vi: str, en: str) -> None:
        super().__init__(f"{vi}\n{en}")
