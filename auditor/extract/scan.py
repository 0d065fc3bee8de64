"""Number tokens of a piece of text: the number as written, the unit or “%” written after it,
and a relation word after a percent (“% KH”, “% so với dự toán”, “% CK”).

Dates, document numbers and years are recognised first so their digits are never read as
quantities.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from auditor.extract.vn import NUM_FREE, PCT_RE, UNIT_RE, norm_unit
from auditor.records import dataclass

if TYPE_CHECKING:
    from auditor.extract.numbers import NumTok

_REL = re.compile(r"\s*(?P<rel>(?:so\s+với\s+)?(?:KH|kế\s*hoạch|dự\s*toán|chỉ\s*tiêu|mục\s*tiêu)"
                  r"|(?:so\s+với\s+)?(?:CK|cùng\s*kỳ|năm\s+trước))(?![\wđ])", re.I)
_BARE_KH = re.compile(r"\s*(?P<rel>KH|CK)(?![\wđ])")
_DATE = re.compile(r"(?:ngày\s*)?\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|ngày\s*\d{0,2}\s*tháng\s*\d{0,2}\s*năm\s*\d{4}"
                   r"|tháng\s*\d{1,2}\s*(?:/|năm)\s*\d{4}|\d{1,2}/\d{4}(?!\d)"
                   r"|(?<![\d.,])\d{1,2}\s+tháng\s+\d{1,2}(?![\d/.,])(?!\s*năm)", re.I)
_YEAR_CTX = re.compile(r"(?:năm|giai\s+đoạn|nhiệm\s+kỳ|niên\s+độ|khóa|năm\s+học|đến|từ|trước|sau|"
                       r"tháng\s+\d{1,2})\s*$", re.I)
_PHONE = re.compile(r"(?<![\d.,])0\d{2,4}[ .]\d{3}[ .]\d{3,4}(?!\d)")
_PERIOD_WORDS = re.compile(r"(?<![\d.,])(?:0?[1-9]|1[0-2])\s*tháng\s+(?:đầu|cuối)\s+năm|(?<![\d.,])[369]\s*tháng(?=\s+(?:đầu|năm|cuối))"
                           r"|(?<![\d.,])(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}(?!\d)", re.I)
_RANGE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})(?!\d)")


@dataclass
class Tok:
    """A number of a paragraph in the per-value form the pattern modules use."""
    s: int
    e: int
    text: str
    unit: str | None = None
    ue: int = 0          # end of the unit / percent sign
    pct: bool = False
    rel: str | None = None   # "kh" | "ck"
    re_: int = 0         # end of the relation phrase
    kind: str = "value"  # value | year | date | code | phone

    @property
    def end(self) -> int:
        return max(self.e, self.ue, self.re_)


# How far back the reader looks for the start of a number's clause. A real clause is a few
# hundred characters; a text without any clause break (a generated one, a run of “a chiếm 1%, …”)
# would otherwise cost its length for every number, its length squared in all.
CLAUSE_LOOKBACK = 800
# The same for the start of its sentence (the longest sentence of the corpora runs 1.365
# characters up to a number).
SENTENCE_LOOKBACK = 3000


def blocked_spans(text: str, extra: list[tuple[int, int]] | None = None) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    for m in _DATE.finditer(text):
        spans.append((m.start(), m.end(), "date"))
    for m in _PHONE.finditer(text):
        spans.append((m.start(), m.end(), "phone"))
    for m in _PERIOD_WORDS.finditer(text):
        spans.append((m.start(), m.end(), "year"))
    for a, b in extra or []:
        spans.append((a, b, "code"))
    return spans


def scan(text: str, a: int = 0, b: int | None = None, *, blocked: list[tuple[int, int, str]] | None = None) -> list[Tok]:
    b = len(text) if b is None else b
    blocked = blocked if blocked is not None else blocked_spans(text)
    out: list[Tok] = []
    for m in NUM_FREE.finditer(text, a, b):
        s, e = m.start(), m.end()
        kind = "value"
        for x, y, k in blocked:
            if x <= s < y:
                kind = k
                break
        t = Tok(s, e, m.group(0), ue=e, re_=e, kind=kind)
        if kind == "value":
            if re.fullmatch(r"(?:19|20)\d{2}", t.text) and (
                    _YEAR_CTX.search(text[max(0, s - 20):s]) or _in_year_range(text, s)):
                t.kind = "year"
            elif s > 0 and text[s - 1] in "-–" and s > 1 and text[s - 2].isalpha():
                t.kind = "code"   # Covid-19, QL-1
        if t.kind == "value":
            pm = PCT_RE.match(text, e, b)
            if pm:
                t.pct, t.ue = True, pm.end()
                t.unit = "%"
                rm = _REL.match(text, pm.end(), b)
                if rm:
                    t.rel = _rel_kind(rm.group("rel"))
                    t.re_ = rm.end()
            else:
                um = UNIT_RE.match(text, e, b)
                if um:
                    t.unit, t.ue = _clean_unit(um.group("unit")), um.end()
                else:
                    bm = _BARE_KH.match(text, e, b)
                    if bm:  # “105,3KH”: a percent of plan written without “%”
                        t.pct, t.rel, t.re_ = True, _rel_kind(bm.group("rel")), bm.end()
        t.ue = max(t.ue, t.e)
        t.re_ = max(t.re_, t.ue)
        out.append(t)
    return out


def _in_year_range(text: str, s: int) -> bool:
    for m in _RANGE_YEAR.finditer(text, max(0, s - 8), min(len(text), s + 12)):
        if m.start(1) == s or m.start(2) == s:
            return True
    return False


def _rel_kind(rel: str) -> str:
    r = rel.lower()
    return "ck" if ("ck" in r.split() or "cùng" in r or "trước" in r or r == "ck") else "kh"


def _clean_unit(u: str) -> str:
    return re.sub(r"\s+", " ", u.strip())


@lru_cache(maxsize=4096)
def unit_key(u: str | None) -> str | None:
    n = norm_unit(u)
    if n is None:
        return None
    n = n.replace(" ", "").replace(".", "")
    return {"lđ": "laođộng", "dn": "doanhnghiệp", "htx": "hợptácxã", "trđ": "triệuđồng",
            "trđồng": "triệuđồng", "tỉđồng": "tỷđồng", "m2": "m²", "suấtquà": "suất",
            "hộgiađình": "hộ", "đơnthư": "đơn", "vụviệc": "vụ"}.get(n, n)


_KIND_OF_FORM = {"year": "year", "years": "year", "period": "year", "month": "date", "date": "date", "time": "date",
                 "docno": "code", "phone": "phone"}


def tok_of(n: NumTok) -> Tok | None:
    """The older per-value token of a tokenizer token: quantities of one number are `value`
    tokens (unit, percent and the plan/prior word after it kept); fractions, triples and ranges
    are read by the relation reader only (None); any other number keeps its kind."""
    if n.form in ("fraction", "triple", "range"):
        return None
    if n.form == "number":
        return Tok(n.s, n.e, n.text, unit=n.unit if not n.pct else "%", ue=n.ue, pct=n.pct, rel=n.rel,
                   re_=n.re_, kind="value")
    return Tok(n.s, n.e, n.text, ue=n.ue, re_=n.ue, kind=_KIND_OF_FORM.get(n.form, n.form))
