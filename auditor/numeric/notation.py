"""Vietnamese number notation: parse what people write, format what we print.

Rules (documented in the README):
- "." groups thousands, "," marks decimals: "1.896" = 1896, "70,2" = 70.2,
  "310.800.000" = 310800000, "1.234,5" = 1234.5.
- A space (or no-break space) may group thousands only in groups of three: "1 650".
- A trailing "%" (also LaTeX "\\%") marks a percent; the value is the number before it.
- Leading zeros are allowed ("02" = 2, as in "02 xã").
- A dot followed by anything but groups of exactly three digits ("3.32", "1.5") is not
  Vietnamese notation; we refuse to guess and report it with its possible readings.
The precision of a value is the number of digits written after the decimal comma.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from functools import lru_cache

_SPACES = "\u00a0\u202f\u2009 "
_MINUS = "-\u2212\u2013"

_RE_INT = re.compile(r"^\d+$")
_RE_DOT_GROUPS = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
_RE_COMMA_DEC = re.compile(r"^\d+,\d+$")
_RE_SPACE_GROUPS = re.compile(r"^\d{1,3}(?: \d{3})+(?:,\d+)?$")
_RE_DOT_DEC = re.compile(r"^\d+\.\d+$")
_RE_COMMA_GROUPS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")


# No report writes numbers this long; beyond it we refuse rather than compute nonsense.
MAX_DIGITS = 30


@dataclass(frozen=True)
class ParsedNumber:
    value: Decimal
    decimals: int
    percent: bool
    text: str


@dataclass
class NumberFormatError(ValueError):
    """A text that is not a number in Vietnamese notation, or one we will not guess."""

    code: str  # "not_a_number" | "ambiguous"
    text: str
    message_vi: str
    message_en: str
    readings: list[Decimal] = field(default_factory=list)

    def __str__(self) -> str:
        return self.message_en


def _decimals_of(digits_after: str) -> int:
    return len(digits_after)


@lru_cache(maxsize=16384)  # pure; reports repeat the same short texts (“100”, “2022”, “1,5”)
def parse_vn_number(text: str) -> ParsedNumber:
    """Parse a number written in Vietnamese notation; raise NumberFormatError if we cannot."""
    original = text
    s = text.strip()
    for ch in _SPACES[:-1]:
        s = s.replace(ch, " ")
    percent = False
    if s.endswith("\\%"):
        s, percent = s[:-2].rstrip(), True
    elif s.endswith("%"):
        s, percent = s[:-1].rstrip(), True
    sign = ""
    if s and s[0] in _MINUS:
        sign, s = "-", s[1:].lstrip()
    elif s.startswith("+"):
        s = s[1:].lstrip()
    if not s:
        raise NumberFormatError(
            "not_a_number", original,
            f"“{original}” không phải là một số.",
            f"“{original}” is not a number.",
        )
    if _RE_INT.match(s):
        return ParsedNumber(Decimal(sign + s), 0, percent, original)
    if _RE_DOT_GROUPS.match(s) or _RE_SPACE_GROUPS.match(s):
        int_part, _, dec_part = s.partition(",")
        digits = int_part.replace(".", "").replace(" ", "")
        num = digits + ("." + dec_part if dec_part else "")
        return ParsedNumber(Decimal(sign + num), _decimals_of(dec_part), percent, original)
    if _RE_COMMA_DEC.match(s):
        int_part, _, dec_part = s.partition(",")
        return ParsedNumber(Decimal(f"{sign}{int_part}.{dec_part}"), len(dec_part), percent, original)
    readings: list[Decimal] = []
    if _RE_DOT_DEC.match(s):
        readings.append(Decimal(sign + s))
        return _ambiguous(original, readings,
                          "dấu chấm chỉ dùng để phân nhóm hàng nghìn (nhóm 3 chữ số); "
                          "nếu là số thập phân hãy viết dấu phẩy",
                          "a dot only groups thousands (groups of three digits); "
                          "write a decimal comma if a decimal was meant")
    if _RE_COMMA_GROUPS.match(s):
        readings.append(Decimal(sign + s.replace(",", "")))
        return _ambiguous(original, readings,
                          "dấu phẩy là dấu thập phân, không phân nhóm hàng nghìn",
                          "a comma is the decimal mark, it does not group thousands")
    raise NumberFormatError(
        "not_a_number", original,
        f"“{original}” không phải là một số viết theo cách Việt Nam.",
        f"“{original}” is not a number in Vietnamese notation.",
    )


def _ambiguous(text: str, readings: list[Decimal], why_vi: str, why_en: str) -> ParsedNumber:
    shown = ", ".join(format_vn(r) for r in readings)
    raise NumberFormatError(
        "ambiguous", text,
        f"“{text}” không rõ nghĩa: {why_vi}. Có thể đọc là: {shown}.",
        f"“{text}” is ambiguous: {why_en}. Possible reading: {shown}.",
        readings,
    )


def parse_json_number(text: str) -> ParsedNumber:
    """A JSON number literal, kept exact: "115.60" has two decimals."""
    try:
        value = Decimal(text)
    except InvalidOperation as exc:  # pragma: no cover - json already validated it
        raise NumberFormatError("not_a_number", text, f"“{text}” không phải là số.",
                                f"“{text}” is not a number.") from exc
    if not value.is_finite():
        raise NumberFormatError("not_a_number", text, f"“{text}” không phải là số hữu hạn.",
                                f"“{text}” is not a finite number.")
    mantissa = text.lower().split("e")[0]
    decimals = len(mantissa.split(".")[1]) if "." in mantissa else 0
    exp = int(text.lower().split("e")[1]) if "e" in text.lower() else 0
    decimals = max(decimals - exp, 0)
    return ParsedNumber(value, decimals, False, text)


def format_vn(value: Decimal | int, decimals: int | None = None, *, percent: bool = False) -> str:
    """Format in Vietnamese notation: thousands ".", decimals ",". Rounds half-up when
    `decimals` is given; otherwise shows the value as it is (trailing zeros kept)."""
    d = Decimal(value)
    if decimals is not None and decimals >= 0:
        with localcontext() as ctx:
            ctx.prec = max(100, len(d.as_tuple().digits) + decimals + 5)
            d = d.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    sign = "-" if d < 0 else ""
    d = abs(d)
    text = format(d, "f")
    int_part, _, dec_part = text.partition(".")
    groups = []
    while len(int_part) > 3:
        groups.insert(0, int_part[-3:])
        int_part = int_part[:-3]
    groups.insert(0, int_part)
    out = sign + ".".join(groups) + ("," + dec_part if dec_part else "")
    if out in ("-0",):
        out = "0"
    return out + ("%" if percent else "")
