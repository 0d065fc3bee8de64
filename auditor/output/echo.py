"""`click.echo` without importing click, where both write the same thing.

The common `audit FILE` runs without click (`auditor/fastpath.py`), and the `check` command's code
(`workflows/check.py`) writes through this function in both paths. `click.echo(text)` to the
standard streams writes the text, then flushes, when: the stream is a text stream whose encoding
and errors are set and whose encoding is not ASCII (else click wraps the binary buffer anew) — taken
here for UTF-8 only, the encoding of every stream the tool meets on Linux —, not
on Windows (the console), and when the text has no escape character or colours are asked for
(else click removes ANSI codes when the stream is not a terminal). In every other case this calls
`click.echo` itself. `tests/test_fastpath.py` compares the two on generated texts and streams."""

from __future__ import annotations

import io
import sys


def _plain(stream: object) -> bool:
    """Whether click would write to `stream` as it is (`click._compat._force_correct_text_writer`
    keeps a text stream whose encoding and errors are set and whose encoding is not ASCII)."""
    if type(stream) is not io.TextIOWrapper or sys.platform.startswith("win"):
        return False
    encoding, errors = stream.encoding, stream.errors
    if encoding is None or errors is None:
        return False
    import codecs

    try:  # UTF-8 only: click first writes "" to the stream to probe it, which in UTF-16 writes a BOM
        return codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False


def echo(message: str = "", *, err: bool = False, nl: bool = True, color: bool | None = None) -> None:
    """`click.echo(message, err=err, nl=nl, color=color)` for a text `message`."""
    stream = sys.stderr if err else sys.stdout
    if type(message) is not str or not _plain(stream) or ("\x1b" in message and color is not True):
        import click

        click.echo(message, err=err, nl=nl, color=color)
        return
    out = message + "\n" if nl else message
    if out:
        stream.write(out)
    stream.flush()
