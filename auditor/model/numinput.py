"""How a number in a report's JSON becomes the fields of a `Num` (pydantic-free).

Shared by the pydantic model (`model.Num`, the definition of the format) and the fast reader
(`lean.py`), so both read a number in exactly the same way.
"""

from __future__ import annotations

from contextvars import ContextVar
from decimal import Decimal
from functools import lru_cache

from auditor.numeric import limits
from auditor.numeric.notation import NumberFormatError, digits_problem, parse_json_number, parse_vn_number

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from typing import Any


class JsonNumberText(str):
    """The exact text of a JSON number literal, as the reader keeps it (never a float)."""


# Set when a number text could not be read during validation, so the reader walks the report
# for such numbers only when there is one (the walk costs more than the validation itself).
_PROBLEMS_SEEN: ContextVar[bool] = ContextVar("auditor_num_problems", default=False)


def reset_problem_flag() -> None:
    _PROBLEMS_SEEN.set(False)
    _CONFLICTS_SEEN.set(False)


# Set when a number object gave a `value` that its `text` does not read as: the text wins, and
# the reader then finds those objects to report them (INP008).
_CONFLICTS_SEEN: ContextVar[bool] = ContextVar("auditor_num_conflicts", default=False)


def conflicts_seen() -> bool:
    return _CONFLICTS_SEEN.get()


def problems_seen() -> bool:
    return _PROBLEMS_SEEN.get()


def coerce_num(v: Any, num_type: type | None = None) -> Any:
    """A JSON number or a string stands for `{"text": ...}`; anything else is left to the
    validation of the object (and rejected there when it is not one)."""
    if v is None or isinstance(v, dict) or (num_type is not None and isinstance(v, num_type)):
        return v
    if isinstance(v, bool):
        return v  # let validation reject it with a type error
    if isinstance(v, JsonNumberText):
        return {"text": v}
    if isinstance(v, (int, Decimal)):
        return {"text": JsonNumberText(str(v))}
    if isinstance(v, float):
        # Only reachable from Python callers; JSON input never goes through float.
        return {"text": JsonNumberText(repr(v))}
    if isinstance(v, str):
        return {"text": v}
    return v


def fill_num(data: Any, repaired: bool = False) -> Any:
    """The fields a number object gets from its text: value, decimals, percent, or a problem
    (with the possible readings) when the text is not a number we can read.

    The text is what the report says, so it always decides: a `value` given with a text that
    reads otherwise is replaced by the text's value (and reported, `explicit_value_conflict`);
    a `value` given with a text that cannot be read is not used either (the problem says so).
    A `value` alone (no text to read) is held to the same digit limit as a text. `repaired`: the
    value is a document reader's reading of an off-standard written form (“79.31”), which the
    reader reports itself (NUM002): kept as given."""
    if not isinstance(data, dict):
        return data
    data = dict(data)
    text = data.get("text")
    if isinstance(text, JsonNumberText):
        data["text"] = str(text)
    if data.get("problem"):
        # a number recorded as unreadable (by the extractor, or written so in the JSON) has no
        # value, whatever `value` says: the checks must not compute with it
        _PROBLEMS_SEEN.set(True)
        data["value"] = None
        return data
    given = data.get("value")
    if repaired and given is not None:
        return data
    if isinstance(text, str):
        try:
            p = (parse_json_number(text) if isinstance(text, JsonNumberText)
                 else parse_vn_number(text))
        except NumberFormatError as e:
            _PROBLEMS_SEEN.set(True)
            data["problem"] = e.message_vi
            data["problem_en"] = e.message_en
            data.setdefault("readings", [str(r) for r in e.readings])
            if given is not None:
                data["value"] = None
                shown = _shown(given)
                data["problem"] += f" Giá trị {shown} ghi kèm không được dùng: số là chữ số được viết."
                data["problem_en"] += f" The value {shown} given with it is not used: the number is what is written."
        else:
            if given is not None and explicit_value_conflict(text, given):
                _CONFLICTS_SEEN.set(True)
            data["value"] = p.value
            data.setdefault("decimals", p.decimals)
            data["percent"] = data.get("percent") or p.percent
    elif given is not None:
        v = given
        try:
            p = parse_json_number(str(v)) if isinstance(v, (JsonNumberText, str, int, Decimal)) \
                and not isinstance(v, bool) else None
        except NumberFormatError as e:
            _PROBLEMS_SEEN.set(True)
            data["value"] = None
            data["problem"], data["problem_en"] = e.message_vi, e.message_en
            return data
        if p is not None:
            data["value"] = p.value
            data.setdefault("decimals", p.decimals)
    return data


def _shown(v: Any) -> str:
    t = str(v)
    return t if len(t) <= 40 else t[:40] + "…"


def explicit_value_conflict(text: str, given: Any) -> bool:
    """True when a number object's explicit `value` is not the value its readable `text`
    stands for (500 with 700; a value that is not a number at all)."""
    try:
        p = parse_json_number(text) if isinstance(text, JsonNumberText) else parse_vn_number(text)
    except NumberFormatError:
        return False  # an unreadable text: reported as such (its problem names the value)
    if isinstance(given, bool):
        return True
    if isinstance(given, Decimal):
        v = given
    elif isinstance(given, (int, str)):
        try:
            v = Decimal(str(given).strip())
        except ArithmeticError:
            return True
    elif isinstance(given, float):
        v = Decimal(repr(given))
    else:
        return True
    if not v.is_finite() or digits_problem(v, 0, str(given)) is not None:
        return True
    return v != p.value


def vn_fields(text: str) -> tuple[Decimal, int, bool, bool] | None:
    """(value, decimals, percent, whole) of a number's text as `fill_num` reads it, or None when
    it would record a problem instead (not a number, ambiguous, too many digits). For the fast
    reader, which reads most numbers of a report through this. (Long texts are not cached: the
    cache would keep them alive from report to report.)"""
    return _vn_fields(text) if len(text) <= 64 else _vn_fields.__wrapped__(text)


@lru_cache(maxsize=16384)
def _vn_fields(text: str) -> tuple[Decimal, int, bool, bool] | None:
    try:
        p = parse_vn_number(text)  # (beyond the digit limit: an error too)
    except NumberFormatError:
        return None
    return p.value, p.decimals, p.percent, p.value == p.value.to_integral_value()


# the digit limit decides what is read: a change of limits empties the cache
limits.watch(lambda _limits: _vn_fields.cache_clear())


def day_problem(day: int | None, month: int | None, year: int | None) -> str | None:
    """Why a written date cannot exist (31 June), or None."""
    if day and month and year:
        from auditor.numeric.months import days_in_month  # (calendar.monthrange, without importing calendar)

        if day > days_in_month(year, month):
            return f"day {day} does not exist in {month}/{year}"
    return None
