"""Vietnamese number notation: parse what people write, format what we print.

Rules (documented in the README):
- "." groups thousands, "," marks decimals: "1.896" = 1896, "70,2" = 70.2,
  "310.800.000" = 310800000, "1.234,5" = 1234.5.
- A space (or no-break space) may group thousands only in groups of three: "1 650".
- A trailing "%" (also LaTeX "\\%") marks a percent; the value is the number before it.
- Leading zeros are allowed ("02" = 2, as in "02 xã").
- A dot followed by anything but groups of exactly three digits ("3.32", "1.5") is not
  Vietnamese notation; we refuse to guess and report it with its possible readings.
- Digits are 0–9 only: full-width "５００", Arabic-Indic "١٢" and other scripts' digits are
  reported (with the reading they would have), never read silently.
- At most `limits.digits` digits each side of the decimal mark (50 by default): a longer number
  is reported, not computed with (see `digits_problem`).
The precision of a value is the number of digits written after the decimal comma.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import MAX_EMAX, MIN_EMIN, ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from functools import lru_cache

from auditor.numeric import limits
from auditor.records import dataclass, field

_SPACES = "\u00a0\u202f\u2009 "
_MINUS = "-\u2212\u2013"

# ASCII digits only (re.ASCII): Python's \d would also match “５” or “١” and Decimal reads them.
_RE_INT = re.compile(r"^\d+$", re.ASCII)
_RE_DOT_GROUPS = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$", re.ASCII)
_RE_COMMA_DEC = re.compile(r"^\d+,\d+$", re.ASCII)
_RE_SPACE_GROUPS = re.compile(r"^\d{1,3}(?: \d{3})+(?:,\d+)?$", re.ASCII)
_RE_DOT_DEC = re.compile(r"^\d+\.\d+$", re.ASCII)
_RE_COMMA_GROUPS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$", re.ASCII)


# The default digit limit (the limit in force is `limits.current().digits`): no report writes
# numbers this long; beyond it we refuse rather than compute nonsense.
MAX_DIGITS = limits.DEFAULTS.digits
# Texts longer than this are parsed without the cache (which would keep them alive).
_CACHED_LEN = 64


@dataclass(frozen=True)
class ParsedNumber:
    """A number read from its Vietnamese notation: value, decimals written, percent, text."""
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


def parse_vn_number(text: str) -> ParsedNumber:
    """Parse a number written in Vietnamese notation; raise NumberFormatError if we cannot
    (not a number, ambiguous, digits other than 0–9, more digits than `limits.digits`)."""
    lim = limits.current().digits
    if len(text) > 2 * lim and _ascii_digits(text) > 2 * lim:
        # cannot be within the limit: refused before anything is built from it
        raise too_many_digits(text, lim)
    p = _parse_cached(text) if len(text) <= _CACHED_LEN else _parse(text)
    bad = digits_problem(p.value, p.decimals, text, lim)
    if bad is not None:
        raise bad
    return p


def _ascii_digits(text: str) -> int:
    return sum(text.count(d) for d in "0123456789")


def _quote(text: str, n: int = 40) -> str:
    """A text as quoted in a message: a long one is cut, saying how long it is."""
    t = text.strip()
    return t if len(t) <= n else f"{t[:n]}… ({len(t)} ký tự/chars)"


def too_many_digits(text: str, lim: int) -> NumberFormatError:
    q = _quote(text)
    return NumberFormatError(
        "too_many_digits", text,
        f"“{q}” có quá nhiều chữ số (tối đa {lim} chữ số mỗi phía của dấu thập phân; "
        f"khóa cấu hình {limits.key_of('digits')}).",
        f"“{q}” has too many digits (at most {lim} each side of the decimal mark; "
        f"configuration key {limits.key_of('digits')}).")


def digits_problem(value: Decimal, decimals: int, text: str, lim: int | None = None) -> NumberFormatError | None:
    """The error for a value beyond the digit limit (more than `lim` digits before or after the
    decimal mark once written out in full: “1e400” has 401), or None."""
    lim = limits.current().digits if lim is None else lim
    if not value.is_finite():
        return NumberFormatError("not_a_number", text, f"“{_quote(text)}” không phải là số hữu hạn.",
                                 f"“{_quote(text)}” is not a finite number.")
    whole = value.adjusted() + 1 if value else 1
    # (`decimals` is what the parsers read: the digits after the mark, less a JSON exponent)
    if whole > lim or decimals > lim:
        return too_many_digits(text, lim)
    return None


def non_ascii_digits(text: str) -> list[str]:
    """The digits of `text` that are not 0–9 (full-width “５”, Arabic-Indic “١” …), in order,
    without repeats. Empty for almost every text (checked at C speed first)."""
    if text.isascii():
        return []
    return list(dict.fromkeys(ch for ch in text if ch.isdecimal() and not ch.isascii()))


@lru_cache(maxsize=1)
def _digit_run() -> re.Pattern[str]:  # (Unicode \d: every script's decimal digits)
    return re.compile(r"\d+(?:[.,]\d+)*")


@lru_cache(maxsize=1)
def _other_digit() -> re.Pattern[str]:
    # a decimal digit that is not 0–9: one class, which `re` skips to in C
    return re.compile(r"[^\D0-9]")


def non_ascii_digit_runs(text: str) -> list[tuple[int, int, str]]:
    """(start, end, run) of every run of digits in `text` that holds a digit other than 0–9: for
    a document reader, which may not take every such run as a number (the ones it takes are
    reported with their number)."""
    if text.isascii() or _other_digit().search(text) is None:  # (a run without one is left out anyway)
        return []
    return [(m.start(), m.end(), m.group()) for m in _digit_run().finditer(text) if not m.group().isascii()]


def ascii_reading(text: str) -> str:
    """`text` with every decimal digit of another script replaced by its 0–9 digit."""
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() and not ch.isascii() else ch for ch in text)


def _non_ascii_error(text: str, odd: list[str]) -> NumberFormatError:
    shown = ", ".join(f"“{ch}” U+{ord(ch):04X}" for ch in odd[:5])
    plain = ascii_reading(text.strip())
    readings: list[Decimal] = []
    try:
        readings = [_parse(plain).value]
    except NumberFormatError:
        pass
    meant_vi = f" Nếu muốn ghi {plain}, hãy gõ lại bằng chữ số 0–9." if readings else ""
    meant_en = f" If {plain} was meant, type it again with the digits 0–9." if readings else ""
    return NumberFormatError(
        "non_ascii_digits", text,
        f"“{_quote(text)}” có chữ số không phải 0–9 ({shown}); công cụ không tự đọc các chữ số này.{meant_vi}",
        f"“{_quote(text)}” has digits other than 0–9 ({shown}); the tool does not read them itself.{meant_en}",
        readings)


@lru_cache(maxsize=16384)  # pure; reports repeat the same short texts (“100”, “2022”, “1,5”)
def _parse_cached(text: str) -> ParsedNumber:
    return _parse(text)


def _parse(text: str) -> ParsedNumber:
    original = text
    s = text.strip()
    odd = non_ascii_digits(s)
    if odd:
        raise _non_ascii_error(original, odd)
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
        f"“{_quote(original)}” không phải là một số viết theo cách Việt Nam.",
        f"“{_quote(original)}” is not a number in Vietnamese notation.",
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
    """A JSON number literal, kept exact: "115.60" has two decimals. Raises NumberFormatError
    beyond the digit limit (“1e400”, “1E+999999999”)."""
    lim = limits.current().digits
    if len(text) > 2 * lim + 40 and _ascii_digits(text) > 2 * lim + 20:
        raise too_many_digits(text, lim)
    try:
        value = Decimal(text)
    except InvalidOperation as exc:  # json already validated it; a Python caller may not have
        raise NumberFormatError("not_a_number", text, f"“{_quote(text)}” không phải là số.",
                                f"“{_quote(text)}” is not a number.") from exc
    if not value.is_finite():
        raise NumberFormatError("not_a_number", text, f"“{_quote(text)}” không phải là số hữu hạn.",
                                f"“{_quote(text)}” is not a finite number.")
    # the digits written after the point, less the exponent: "1.25e1" has one
    decimals = max(-value.as_tuple().exponent, 0)  # type: ignore[operator]
    bad = digits_problem(value, decimals, text, lim)
    if bad is not None:
        raise bad
    return ParsedNumber(value, decimals, False, text)


def format_vn(value: Decimal | int, decimals: int | None = None, *, percent: bool = False) -> str:
    """Format in Vietnamese notation: thousands ".", decimals ",". Rounds half-up when
    `decimals` is given; otherwise shows the value as it is (trailing zeros kept). A value far
    beyond the digit limit (only a computation can make one: a product of many factors) is shown
    as “1,2346 × 10^400” rather than written out."""
    d = Decimal(value)
    if d.is_finite() and d and abs(d.adjusted()) > 4 * limits.current().digits + 100:
        return _scientific(d) + ("%" if percent else "")
    if decimals is not None and decimals >= 0:
        with localcontext() as ctx:
            ctx.prec = max(100, len(d.as_tuple().digits) + decimals + 5, d.adjusted() + decimals + 5)
            ctx.Emax, ctx.Emin = MAX_EMAX, MIN_EMIN
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


def _scientific(d: Decimal) -> str:
    exp = d.adjusted()
    with localcontext() as ctx:
        ctx.prec = 5
        ctx.Emax, ctx.Emin = MAX_EMAX, MIN_EMIN
        mantissa = +d.scaleb(-exp)
    return f"{format_vn(mantissa)} × 10^{exp}"
