"""The limits that keep a run bounded in time and memory whatever it is given.

A report, a document or a rule folder beyond a limit is refused with a finding (or, for a rule
folder, a usage error) that names the limit and the configuration key that raises it; nothing
is cut silently. Every default sits far above what real reports need (and above what the speed
benchmark feeds: a hundred times a seed). `[tool.audit.limits]` in the configuration sets other
values (workflows/config.py); `docs/limits.md` lists them with the figures of the fuzz runs.

Kept in the lowest stage so that every stage can read it; `configure` is called once per run,
before the rules are loaded and the files read (and in every worker process).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from auditor.records import dataclass, field_names, replace

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from typing import Any


@dataclass(frozen=True)
class Limits:
    """The bounds on input sizes and number lengths (configurable: see KEYS)."""
    # digits of a number written out in full (integer digits, and decimals, each at most this)
    digits: int = 50
    # one input file (a .json, .docx, .txt, .md), in MB (may be fractional)
    file_size_mb: float = 50
    # one member of a .docx (a ZIP) once inflated, in MB, and its inflated / compressed ratio
    docx_member_mb: int = 100
    docx_ratio: int = 100
    # findings of one rule in one file before the rest are summed up in one finding
    findings_per_rule: int = 200
    # nesting of a rule expression (formula and JMESPath), in levels
    expression_depth: int = 50
    # items a rule's JMESPath selection may produce
    selection_items: int = 100_000
    # width or precision of one field in a rule's message template
    template_width: int = 200

    @property
    def file_size(self) -> int:
        return int(self.file_size_mb * 1024 * 1024)

    @property
    def docx_member_size(self) -> int:
        return self.docx_member_mb * 1024 * 1024


# configuration key -> (field, the highest value accepted: far above any real need, below what
# would exhaust a machine in one step)
KEYS: dict[str, tuple[str, int]] = {
    "digits": ("digits", 1000),
    "file-size-mb": ("file_size_mb", 4096),
    "docx-member-mb": ("docx_member_mb", 4096),
    "docx-ratio": ("docx_ratio", 100_000),
    "findings-per-rule": ("findings_per_rule", 10_000_000),
    "expression-depth": ("expression_depth", 500),
    "selection-items": ("selection_items", 100_000_000),
    "template-width": ("template_width", 100_000),
}

DEFAULTS = Limits()
_current = DEFAULTS
_watchers: list[Callable[[Limits], None]] = []


def watch(fn: Callable[[Limits], None]) -> None:
    """Call `fn(limits)` now and whenever the limits change (interval.py sets its precision)."""
    _watchers.append(fn)
    fn(_current)


def current() -> Limits:
    return _current


def from_config(table: dict[str, Any], base: Limits | None = None) -> Limits:
    """The limits a `[tool.audit.limits]` table (kebab-case keys) sets over `base`. Raises
    ValueError naming the key for an unknown key or a value out of range."""
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in KEYS:
            raise ValueError(f"unknown limit “{key}” (known: {', '.join(KEYS)})")
        name, highest = KEYS[key]
        fractional = name == "file_size_mb"
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) \
            and (fractional or float(value).is_integer()) and 0 < value <= highest
        if not ok:
            kind = "a number" if fractional else "a whole number"
            raise ValueError(f"limit “{key}” must be {kind} above 0 and at most {highest}, got {value!r}")
        values[name] = value if fractional else int(value)
    return replace(base or DEFAULTS, **values)


@contextmanager
def override(**values: Any) -> Iterator[Limits]:
    """The limits with `values` (field names) for the duration of a block (rule examples,
    tests)."""
    previous = configure(replace(_current, **values))
    try:
        yield _current
    finally:
        configure(previous)


def key_of(field_name: str) -> str:
    """The configuration key of a field (for messages: “limits.digits”)."""
    return "limits." + next(k for k, (f, _) in KEYS.items() if f == field_name)


def configure(limits: Limits | None = None, **values: Any) -> Limits:
    """Set the limits of this process (default: the defaults), and what follows from them (the
    precision of interval arithmetic). Returns the previous ones."""
    global _current
    previous = _current
    new = replace(limits or DEFAULTS, **values)
    for name in field_names(new):
        if getattr(new, name) <= 0:
            raise ValueError(f"limit {name} must be above 0")
    _current = new
    for fn in _watchers:
        fn(new)
    return previous


def arithmetic_precision(digits: int) -> int:
    """Significant digits of interval arithmetic for numbers of at most `digits` digits each
    side of the decimal mark: a sum or a difference of two of them is exact."""
    return max(40, 2 * digits + 20)
