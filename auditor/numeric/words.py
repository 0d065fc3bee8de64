"""Vietnamese numbers written in words: read them, and write a value the way a decision does.

Official documents repeat an amount or a count in words next to its figures: “11.000.000 đồng
(Mười một triệu đồng)”, “Bằng chữ: Hai tỷ không trăm linh năm triệu đồng chẵn”, “05 (năm) tập thể”.
The words are the legally binding form on a payment, so a mismatch matters (VAL002).

Reading is strict: every word must be a number word, and the words must form a number the
way Vietnamese writes one (groups of hundreds, tens and units under the scale words nghìn/ngàn,
triệu, tỷ/tỉ; “linh”/“lẻ” for an empty tens place; “mốt”, “tư”, “lăm”/“nhăm” after “mươi”). Anything
else gives None: a phrase the reader is not sure of is never read as a number.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

_DIGITS = {"không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5,
           "nhăm": 5, "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9}
# forms that only follow “mươi” / “mười” (“hai mươi mốt”, “mười lăm”); “tư” also stands after
# “mươi” only (“hai mươi tư”); “bốn”, “năm”, “một” are accepted there too, as many writers use them
_AFTER_TENS_ONLY = {"mốt", "lăm", "nhăm"}
_SCALES = {"nghìn": 3, "ngàn": 3, "triệu": 6, "tỷ": 9, "tỉ": 9}
_ZERO_TENS = {"linh", "lẻ"}
# what may close the words: a currency and “chẵn” (“exactly”), and the “./.” that ends a line
_TAIL = {"đồng", "chẵn", "vnđ", "vnd", "việt", "nam"}
_WORD_RX = re.compile(r"[^\W\d_]+|\d", re.UNICODE)


def words_of(text: str) -> list[str]:
    return [w.lower() for w in _WORD_RX.findall(unicodedata.normalize("NFC", text))]


def _unit_after_tens(w: str | None) -> int | None:
    """The unit digit after “mười”/“mươi”: any of 1–9, in its plain or its after-tens form."""
    d = _DIGITS.get(w or "")
    return d if d else None


def _below_thousand(ws: list[str]) -> int | None:
    """A group of at most three places: “một trăm linh năm”, “hai mươi mốt”, “mười lăm”, “chín”,
    “không trăm năm mươi” (after a scale word)."""
    if not ws:
        return None
    value, rest = 0, ws
    if len(ws) >= 2 and ws[1] == "trăm":
        d = _DIGITS.get(ws[0])
        if d is None or ws[0] in _AFTER_TENS_ONLY or ws[0] == "tư":
            return None
        value, rest = d * 100, ws[2:]
        if not rest:
            return value
        if rest[0] in _ZERO_TENS:  # “một trăm linh năm”: one unit digit follows
            u = _DIGITS.get(rest[1]) if len(rest) == 2 else None
            if not u or rest[1] in _AFTER_TENS_ONLY or rest[1] == "tư":
                return None
            return value + u
    if rest[0] == "mười":
        tens, rest = 1, rest[1:]
    elif len(rest) >= 2 and rest[1] == "mươi":
        d = _DIGITS.get(rest[0])
        if d is None or d < 2 or rest[0] in _AFTER_TENS_ONLY or rest[0] == "tư":
            return None
        tens, rest = d, rest[2:]
    else:  # a unit alone: “chín”; never the after-tens forms, never “không” inside a number
        u = _DIGITS.get(rest[0]) if len(rest) == 1 else None
        if not u or rest[0] in _AFTER_TENS_ONLY or rest[0] == "tư":
            return None
        return value + u
    if not rest:
        return value + tens * 10
    u = _unit_after_tens(rest[0]) if len(rest) == 1 else None
    if u is None or (rest[0] == "mốt" and tens == 1):  # “mười một”, never “mười mốt”
        return None
    return value + tens * 10 + u


def _integer(ws: list[str], limit: int | None = None) -> int | None:
    """Groups under scale words, read from the highest scale down: the words before the last
    “tỷ” are a number of billions (which may itself hold “nghìn”, “triệu”: “một nghìn hai trăm tỷ”),
    the words after it a number below a billion; likewise for “triệu” and “nghìn”."""
    if not ws:
        return None
    top = max((_SCALES[w] for w in ws if w in _SCALES), default=0)
    if top == 0:
        v = _below_thousand(ws)
        return v if v is not None and (limit is None or v < limit) else None
    k = max(i for i, w in enumerate(ws) if _SCALES.get(w) == top)
    head, tail = ws[:k], ws[k + 1:]
    if not head:
        return None
    # a billion count may hold lower scales (“một nghìn tỷ”); a million or thousand count is a group
    hv = _integer(head) if top == 9 else _below_thousand(head)
    if hv is None or hv == 0:
        return None
    if tail and tail[0] in _ZERO_TENS and len(tail) > 1:  # “hai nghìn lẻ năm”, “một tỷ linh năm triệu”
        tail = tail[1:]
    elif len(tail) == 1:
        return None  # “hai nghìn năm” is 2.500 in speech and 2.005 by the digits: not read
    tv = _integer(tail, 10 ** top) if tail else 0
    if tv is None:
        return None
    v = hv * 10 ** top + tv
    return v if limit is None or v < limit else None


def parse_words(text: str) -> Decimal | None:
    """The value of a number written in words, or None when the text is not (only) one.

    Currency words and “chẵn” may close it (“… triệu đồng chẵn”), commas and dashes may part its
    groups, and “phẩy” marks decimals (“hai phẩy năm tỷ”: the decimals are read digit by digit
    or as one group, “hai phẩy mười lăm” = 2,15)."""
    ws = words_of(text.replace("./.", " "))
    if any(w.isdigit() for w in ws):
        return None
    while ws and ws[-1] in _TAIL:
        ws.pop()
    if not ws:
        return None
    if "phẩy" in ws:
        k = ws.index("phẩy")
        scale_after = [w for w in ws[k + 1:] if w in _SCALES]
        frac_ws = [w for w in ws[k + 1:] if w not in _SCALES]
        if len(scale_after) > 1 or (scale_after and ws[-1] != scale_after[0]) or not frac_ws:
            return None
        head = _integer(ws[:k])
        if head is None and ws[:k] != ["không"]:
            return None
        if all(w in _DIGITS and w not in _AFTER_TENS_ONLY for w in frac_ws):
            frac = "".join(str(_DIGITS[w]) for w in frac_ws)
        else:
            g = _below_thousand(frac_ws)
            if g is None:
                return None
            frac = str(g)
        value = Decimal(f"{head or 0}.{frac}")
        return value.scaleb(_SCALES[scale_after[0]]) if scale_after else value
    if ws == ["không"]:
        return Decimal(0)
    v = _integer(ws)
    return Decimal(v) if v is not None else None


_UNITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")


def _spell_group(n: int, full: bool) -> list[str]:
    """0 < n < 1000; `full`: a group after a higher one, written with all its places
    (“không trăm linh năm”)."""
    h, t, u = n // 100, n // 10 % 10, n % 10
    out: list[str] = []
    if h or full:
        out += [_UNITS[h], "trăm"]
    if t == 0:
        if u and out:
            out += ["linh", _UNITS[u]]
        elif u:
            out.append(_UNITS[u])
        return out
    if t == 1:
        out.append("mười")
    else:
        out += [_UNITS[t], "mươi"]
    if u == 1:
        out.append("một" if t == 1 else "mốt")
    elif u == 5:
        out.append("lăm")
    elif u == 4 and t > 1:
        out.append("tư")
    elif u:
        out.append(_UNITS[u])
    return out


def spell(n: int) -> str:
    """A whole number in words, as a decision writes it: 2005000000 → “hai tỷ không trăm linh năm
    triệu”. Billions of billions are written “… nghìn tỷ …”."""
    if n < 0:
        raise ValueError("a negative number")
    if n == 0:
        return "không"
    billions, rest = divmod(n, 10 ** 9)
    out: list[str] = []
    if billions:
        out += spell(billions).split() + ["tỷ"]
    groups = [(rest // 10 ** 6, "triệu"), (rest // 10 ** 3 % 1000, "nghìn"), (rest % 1000, "")]
    for g, name in groups:
        if g:
            out += _spell_group(g, full=bool(out))
            if name:
                out.append(name)
    return " ".join(out)


_SCALE_OF_UNIT = re.compile(r"^\s*(nghìn|ngàn|triệu|tỷ|tỉ)\b", re.I)


def unit_scale(unit: str | None) -> int:
    """The power of ten a figure's unit carries: “triệu đồng” 6, “tỷ đồng” 9, “đồng” 0."""
    m = _SCALE_OF_UNIT.match(unit or "")
    return _SCALES[m.group(1).lower()] if m else 0
