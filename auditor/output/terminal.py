"""The terminal: colours and the progress bar (rich, imported only when a terminal is there).

- `color_enabled(mode, stream)`: `--color auto|always|never`. `auto` colours a terminal unless
  `NO_COLOR` is set (https://no-color.org) or `TERM=dumb`; `FORCE_COLOR` colours even a pipe;
  an explicit `always` or `never` wins over both.
- `colorize(text, fmt)`: the `full` or `concise` text with its severities, rule ids, files and
  totals in colour (ANSI), the characters unchanged.
- `Progress`: a bar on stderr for long runs, shown only when stderr is a terminal. While it is
  shown, what the run prints (a streamed batch) goes above it, never on its line; it is removed
  when the run ends.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from typing import IO, Any

COLOR_MODES = ("auto", "always", "never")


def color_enabled(mode: str = "auto", stream: IO[str] | None = None) -> bool:
    if mode == "always":
        return True
    if mode == "never":
        return False
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    stream = stream or sys.stdout
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError, OSError):
        tty = False
    return tty and os.environ.get("TERM") != "dumb"


# (regex, style) per output format; the first match of overlapping ones wins (rich applies them
# in order, later ones over earlier ones: the severities come last).
_STYLES: dict[str, list[tuple[str, str]]] = {
    "full": [
        (r"(?m)^\S[^\n]*$", "bold"),                                     # a file's heading
        (r"\b[A-Z]{2,5}\d{3}\b", "bold cyan"),                           # rule ids
        (r"(?m)^  (?:LỖI|ERROR) \(\d+\)", "bold red"),
        (r"(?m)^  (?:CẢNH BÁO|WARNING) \(\d+\)", "bold yellow"),
        (r"(?m)^  (?:THÔNG TIN|INFO) \(\d+\)", "bold blue"),
        (r"(?m)^  (?:ĐÃ BIẾT|BASELINED)[^\n]*", "dim"),
        (r"(?m)^(?:Tìm thấy|Found) [^\n]*", "bold"),
        (r"(?m)^(?:Đã đánh giá|Evaluated) [^\n]*", "dim"),
        (r"\bkhông đạt\b|\bfail\b|sai định dạng|không đọc được|\binvalid\b|\bunreadable\b", "red"),
    ],
    "concise": [
        (r"(?m)^[^\n]*?:(?=(?:\d+:\d+:|[^:\n]+:)? [A-Z]{2,5}\d{3} \[)", "bold"),  # file and place
        (r"\b[A-Z]{2,5}\d{3}\b(?= \[)", "bold cyan"),
        (r"\[error(?:, baseline)?\]", "bold red"),
        (r"\[warning(?:, baseline)?\]", "bold yellow"),
        (r"\[info(?:, baseline)?\]", "bold blue"),
        (r"(?m)^(?:Tìm thấy|Found) [^\n]*", "bold"),
        (r"(?m)^(?:Đã đánh giá|Evaluated) [^\n]*", "dim"),
    ],
}


def colorize(text: str, fmt: str) -> str:
    """`text` with ANSI colours for `fmt` (full, concise); other formats are returned as they are."""
    if fmt not in _STYLES:
        return text
    import io

    from rich.console import Console
    from rich.text import Text

    t = Text(text, end="")
    for rx, style in _STYLES[fmt]:
        t.highlight_regex(rx, style)
    buf = io.StringIO()
    console = Console(file=buf, force_terminal=True, color_system="standard", width=1_000_000,
                      no_color=False, highlight=False, emoji=False, markup=False, legacy_windows=False)
    console.print(t, end="", soft_wrap=True, crop=False, overflow="ignore")
    return buf.getvalue()


class Progress:
    """A progress bar on stderr for `total` files: `with Progress(...) as p: p.update(k)`;
    `p.print(text)` writes run output above the bar while it is shown. `Progress.maybe(...)`
    returns None where no bar belongs (not a terminal, a small run, --quiet)."""

    def __init__(self, total: int, label: str) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
        from rich.progress import Progress as RichProgress

        self.stderr = Console(file=sys.stderr)
        self._bar = RichProgress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                 TimeRemainingColumn(), console=self.stderr, transient=True,
                                 redirect_stdout=False, redirect_stderr=False)
        self._task = self._bar.add_task(label, total=total)
        self._stdout_tty = _isatty(sys.stdout)

    @classmethod
    def maybe(cls, total: int, lang: str, *, minimum: int, quiet: bool = False) -> Progress | None:
        if quiet or total < minimum or not _isatty(sys.stderr) or os.environ.get("TERM") == "dumb":
            return None
        return cls(total, "Đang kiểm tra" if lang == "vi" else "Auditing")

    def __enter__(self) -> Progress:
        self._bar.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._bar.stop()

    def update(self, n: int = 1) -> None:
        self._bar.update(self._task, advance=n)

    def print(self, text: str) -> None:
        """Run output while the bar is shown. Standard output on the same terminal goes above
        the bar (through the bar's console, which redraws it below); standard output
        redirected elsewhere (a file, a pipe) is written there as it is."""
        if not self._stdout_tty:
            sys.stdout.write(text)
            return
        sys.stdout.flush()
        self.stderr.print(text, end="", markup=False, highlight=False, emoji=False, soft_wrap=True)


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False
