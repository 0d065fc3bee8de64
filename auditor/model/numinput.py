"""How a number in a report's JSON becomes the fields of a `Num` (pydantic-free).

Shared by the pydantic model (`model.Num`, the definition of the format) and the fast reader
(`lean.py`), so both read a number in exactly the same way.
"""

from __future__ import annotations

from contextvars import ContextVar
from decimal import Decimal
from functools import lru_cache
from typing import Any

from auditor.numeric.notation import MAX_DIGITS, NumberFormatError, parse_json_number, parse_vn_number


class JsonNumberText(str):
    """The exact text of a JSON number literal, as the reader keeps it (never a float)."""


# Set when a number text could not be read during validation, so the reader walks the report
# for such numbers only when there is one (the walk costs more than the validation itself).
_PROBLEMS_SEEN: ContextVar[bool] = ContextVar("auditor_num_problems", default=False)


def reset_problem_flag() -> None:
    _PROBLEMS_SEEN.set(False)


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


def fill_num(data: Any) -> Any:
    """The fields a number object gets from its text: value, decimals, percent, or a problem
    (with the possible readings) when the text is not a number we can read."""
    if not isinstance(data, dict):
        return data
    data = dict(data)
    text = data.get("text")
    if isinstance(text, JsonNumberText):
        data["text"] = str(text)
    if data.get("problem"):
        _PROBLEMS_SEEN.set(True)
    if data.get("value") is None and isinstance(text, str) and not data.get("problem"):
        try:
            p = (parse_json_number(text) if isinstance(text, JsonNumberText)
                 else parse_vn_number(text))
        except NumberFormatError as e:
            _PROBLEMS_SEEN.set(True)
            data["problem"] = e.message_vi
            data["problem_en"] = e.message_en
            data.setdefault("readings", [str(r) for r in e.readings])
        else:
            if len(p.value.as_tuple().digits) > MAX_DIGITS or p.decimals > MAX_DIGITS:
                _PROBLEMS_SEEN.set(True)
                data["problem"] = f"“{text}” có quá nhiều chữ số (tối đa {MAX_DIGITS})."
                data["problem_en"] = f"“{text}” has too many digits (at most {MAX_DIGITS})."
                return data
            data["value"] = p.value
            data.setdefault("decimals", p.decimals)
            data["percent"] = data.get("percent") or p.percent
    elif data.get("value") is not None:
        v = data["value"]
        if isinstance(v, JsonNumberText):
            p = parse_json_number(v)
            data["value"] = p.value
            data.setdefault("decimals", p.decimals)
    return data


@lru_cache(maxsize=16384)
def vn_fields(text: str) -> tuple[Decimal, int, bool, bool] | None:
    """(value, decimals, percent, whole) of a number's text as `fill_num` reads it, or None when
    it would record a problem instead (not a number, ambiguous, too many digits). For the fast
    reader, which reads most numbers of a report through this."""
    try:
        p = parse_vn_number(text)
    except NumberFormatError:
        return None
    if len(p.value.as_tuple().digits) > MAX_DIGITS or p.decimals > MAX_DIGITS:
        return None
    return p.value, p.decimals, p.percent, p.value == p.value.to_integral_value()


def day_problem(day: int | None, month: int | None, year: int | None) -> str | None:
    """Why a written date cannot exist (31 June), or None."""
    if day and month and year:
        import calendar

        if day > calendar.monthrange(year, month)[1]:
            return f"day {day} does not exist in {month}/{year}"
    return None
