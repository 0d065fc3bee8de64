"""Rule messages rendered by a restricted formatter.

A rule's message is a template such as "{label}: {formula}, nhưng tổng ghi {stated}." filled with
the outcome's parameters. `str.format` would let a rule file reach into objects
(`{label.__class__.__mro__}`, `{label[0]}`) and ask for a field a billion characters wide
(`{label:>1000000000}`); a rule folder from elsewhere must not. Here a field is a plain name,
with at most a conversion `!s` and a format spec whose width and precision are at most
`limits.template_width`; anything else is a `TemplateError`, raised when the rule is loaded (a
usage error naming the file and the rule) and again, should a template reach the runner
another way, when it is rendered.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache

from auditor.numeric import limits

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from typing import Any


class TemplateError(ValueError):
    """A message template a rule may not use."""


_NAME = r"[A-Za-z_][A-Za-z0-9_]*"  # (patterns compiled by `re` at their first use)
# [[fill]align][sign][0][width][grouping][.precision][type], as in the format mini-language
_SPEC = (r"(?:(?P<fill>[^{}])?(?P<align>[<>=^]))?[-+ ]?0?(?P<width>\d+)?[,_]?(?:\.(?P<prec>\d+))?"
                   r"[bcdeEfFgGnosxX%]?")

Piece = str | tuple[str, str]  # literal text, or (field name, format spec)


@lru_cache(maxsize=1024)
def compile_template(template: str) -> tuple[Piece, ...]:
    """The pieces of a template, checked. Raises TemplateError."""
    lim = limits.current().template_width
    pieces: list[Piece] = []
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as e:
        raise TemplateError(f"message template: {e}") from None
    for literal, name, spec, conversion in parsed:
        if literal:
            pieces.append(literal)
        if name is None:
            continue
        if not re.fullmatch(_NAME, name):
            raise TemplateError(f"message template field {{{name}}}: only a plain name is allowed "
                                "(no attribute, index or position)")
        if conversion not in (None, "s"):
            raise TemplateError(f"message template field {{{name}!{conversion}}}: only !s is allowed")
        spec = spec or ""
        m = re.fullmatch(_SPEC, spec)
        if m is None:
            raise TemplateError(f"message template field {{{name}:{spec}}}: not an allowed format")
        for part in ("width", "prec"):
            if m.group(part) and int(m.group(part)) > lim:
                raise TemplateError(f"message template field {{{name}:{spec}}}: {part} above {lim} "
                                    f"(configuration key {limits.key_of('template_width')})")
        pieces.append((name, spec))
    return tuple(pieces)


def render(template: str, params: dict[str, Any]) -> str:
    """The template with its fields filled from `params`; a field without a parameter is kept as
    written (“{number}”). Raises TemplateError for a template `compile_template` refuses."""
    out: list[str] = []
    for piece in compile_template(template):
        if isinstance(piece, str):
            out.append(piece)
            continue
        name, spec = piece
        if name not in params:
            out.append("{" + name + "}")
            continue
        value = params[name]
        try:
            out.append(format(value, spec) if spec else str(value))
        except (ValueError, TypeError):  # a spec for another type (":d" on a text): the value as is
            out.append(str(value))
    return "".join(out).strip()


limits.watch(lambda _limits: compile_template.cache_clear())  # (the width limit is checked once)
