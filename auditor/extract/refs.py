"""Documents cited (with their role), calendar mentions, appendices.

Citations are read with `auditor.registries.citations.find_citations` and calendar phrases are matched
with `auditor.registries.calendar` (both shared with the rest of the project). The role of a
citation comes from the verb that governs it in its sentence: the preamble's “Thực hiện …”,
“Căn cứ …” → answers; “thực hiện”, “tiếp tục triển khai”, “cụ thể”, “theo”, “quán triệt”,
“lồng ghép với việc thực hiện” → basis; “ban hành …” (the unit's own output) → cited.
"""

from __future__ import annotations

import datetime as dt
import re

from auditor.extract.context import Ctx
from auditor.extract.document import Para
from auditor.extract.prose import clause_start, sentence_of
from auditor.extract.vn import UNIT_RE, is_count_unit
from auditor.files.rxgate import DIGIT, may_match

try:  # shared helpers written by other modules of the project
    from auditor.registries.citations import KINDS as _KINDS
    from auditor.registries.citations import find_citations
except ImportError:  # pragma: no cover - fallback keeps the extractor usable on its own
    find_citations = None  # type: ignore[assignment]
    _KINDS = ()
_KIND_RE = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(k) for k in sorted(_KINDS, key=len, reverse=True))
                      + r")(?:\s+số|\s+\d)", re.I) if _KINDS else None
try:
    from auditor.registries import calendar as _cal
except ImportError:  # pragma: no cover
    _cal = None  # type: ignore[assignment]

_BASIS = re.compile(r"(?:thực\s+hiện|căn\s+cứ|theo|triển\s+khai|quán\s+triệt|cụ\s+thể|lồng\s+ghép|áp\s+dụng|"
                    r"tiếp\s+tục|thi\s+hành|chấp\s+hành)", re.I)
_CITED = re.compile(r"(?:ban\s+hành|ký|xây\s+dựng\s+và\s+ban\s+hành|đã\s+ban\s+hành|kiện\s+toàn\s+theo)", re.I)
_DIGIT = re.compile(r"\d")
_ANSWER = re.compile(r"^\s*(?:thực\s+hiện|căn\s+cứ|theo|triển\s+khai)\b", re.I)


def citations(ctx: Ctx, block: int) -> None:
    if find_citations is None:
        return
    p: Para = ctx.doc.blocks[block]
    text = p.text
    if _DIGIT.search(text) is None:
        return  # every citation has a number (and a paragraph's numbers are not read yet: they
        # are read around its citations, so `ctx.ntoks` cannot say it here)
    sec = ctx.section(block)
    preamble = sec is not None and sec.id == "preamble"
    found = []
    for c in find_citations(text):
        if not (c.get("kind") or c.get("date") is not None):
            continue
        if not _document_shaped(text, c):
            continue  # “KH 18,2 tấn”, “97% KH 2023”: a plan figure, not a plan document
        head = text[c["start"]:c["end"]]
        before_number = head[len(c.get("kind") or "") + 1:].split(c.get("number") or "\x00")[0]
        inner = _KIND_RE.search(before_number) if _KIND_RE is not None else None
        kinds = [inner.group(0)] if inner else []
        if kinds and not head[:1].islower():
            # “Luật Thi đua, khen thưởng, UBND phường đã ban hành Kế hoạch số 08/KH-UBND …”: the
            # number belongs to the inner document; read again from there
            at = c["start"] + len(c.get("kind") or "") + 1 + inner.start()
            again = find_citations(text[at:])
            if again:
                c2 = dict(again[0])
                c2["start"] += at
                c2["end"] += at
                found.append(c2)
            continue
        if kinds and head[:1].islower() and found:
            # “quy định … của Nghị định số 91/…”: a document named inside the previous one's title
            prev = found[-1]
            if text[prev["end"]:c["start"]].strip() == "":
                prev["end"] = c["end"]
                prev["text"] = text[prev["start"]:prev["end"]]
                prev["title"] = ((prev.get("title") or "") + " " + head).strip()
            continue
        found.append(dict(c))
    spans = [(c["start"], c["end"]) for c in found]
    for c in found:
        s, e = c["start"], c["end"]
        ctx.citation_spans[block].append((s, e))
        ctx.mark_used(block, s, e)
        role = _role(_mask(text, [x for x in spans if x[1] <= s]), s, preamble)
        ref = {k: c.get(k) for k in ("kind", "number", "issuer", "title", "text")}
        d = c.get("date")
        if d is not None:
            ref["date"] = d.model_dump() if hasattr(d, "model_dump") else d
        ref["role"] = role
        ref["section"] = ctx.sid(block)
        ref["src"] = p.loc(s, e)
        ref = {k: v for k, v in ref.items() if v is not None}
        ctx.add("references", ref)
        if role == "answers":
            ctx.add("answers", dict(ref))
        sa, sb = sentence_of(text, s)
        if ctx.council_decision is None and (ref.get("kind") or "").lower() == "quyết định" and re.search(
                r"Hội\s+đồng", text[sa:sb], re.I) and re.search(r"kiện\s+toàn|thành\s+lập", text[sa:sb], re.I):
            ctx.council_decision = dict(ref)


_ABBREV_HEAD = re.compile(r"^\s*(?:KH|TH|NQ|QĐ|CT|KL|NĐ|TT|CV|HD|TB)\b")


def _document_shaped(text: str, c: dict) -> bool:
    """A citation read from an abbreviation (“KH”, “QĐ” …) or from a kind written in lower case is a
    document only when its number looks like one (“12/KH-UBND”, “số 12”) or it carries a date."""
    head = text[c["start"]:c["end"]]
    number = c.get("number") or ""
    if re.fullmatch(r"\d+", number.strip()) and c.get("date") is None and not re.search(r"\bsố\b", head, re.I):
        um = UNIT_RE.match(text, c["end"])
        if um is not None and is_count_unit(um.group("unit")):
            return False  # “Kết luận 4 cuộc thanh tra”: a count of what the verb is done to, not document 4
    shaped = bool(re.search(r"[/-]", number)) or re.search(r"\bsố\b", head, re.I) is not None or c.get("date") is not None
    if _ABBREV_HEAD.match(head) or head[:1].islower():
        if re.fullmatch(r"\d+", number.strip()) and re.search(r"\bsố\s*$", head[:head.find(number)] if number else "", re.I):
            return True  # “kế hoạch số 145”
        return shaped and not re.fullmatch(r"\d+(?:[.,]\d+)?", number.strip())
    return True


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with earlier citations blanked, so a verb inside a cited title (“về việc ban hành
    quy định …”) does not govern the next citation."""
    for a, b in spans:
        text = text[:a] + " " * (b - a) + text[b:]
    return text


def _role(text: str, start: int, preamble: bool) -> str:
    sa, _ = sentence_of(text, start)
    before = text[sa:start]
    if preamble and _ANSWER.match(text[sa:]):
        # only the documents of the opening clause answer; later ones in the sentence are cited
        head = text[sa:start]
        if not re.search(r"(?:báo\s+cáo|như\s+sau)", head, re.I):
            return "answers"
    last_basis = max((m.end() for m in _BASIS.finditer(before)), default=-1)
    last_cited = max((m.end() for m in _CITED.finditer(before)), default=-1)
    if last_cited > last_basis:
        return "cited"
    if last_basis >= 0:
        return "basis"
    return "cited"


# (_ANNIV, _SPAN: the first digit consumed, what precedes it looked back at from after it, so that
# `re` skips to the next digit in one step; the same matches, tests/test_first_char_patterns.py)
_ANNIV = re.compile(r"(\d(?<![\d/]\d)\d{0,2})\s+năm\s+(?P<what>(?:[Nn]gày\s+)?[^,;.()]{3,90})")
# what every match of a pattern holds (`rxgate.needs` of it, written out: tests/test_rxgate.py)
_ANNIV_NEEDS = (("năm",), (DIGIT,))
# (a year run on into a fifth digit, “nhiệm kỳ 2021-20206”, is no term of these years)
_TERM = re.compile(r"nhiệm\s+kỳ\s+((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})(?!\d)", re.I)
# (these three open, outside `(?i:…)`, with their first letter in both cases: `re` skips in C to a
# candidate; the same matches as the case-insensitive patterns, tests/test_first_char_patterns.py)
_PERIOD = re.compile(r"[Gg](?i:iai\s+đoạn\s+((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})(?!\d))")
_PERIOD_NEEDS = (("đoạn",), (DIGIT,))
_SCHOOL = re.compile(r"[Nn](?i:ăm\s+học(?:\s+[^\W\d]\w*){0,2}?\s+((?:19|20)\d{2})\s*[-–—/]\s*((?:19|20)\d{2})(?!\d))")
_ORDINAL = re.compile(r"[Nn](?i:ăm\s+thứ\s+(\d{1,2}|nhất|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín|mười)\b)")
_ORDINAL_NEEDS = (("thứ",),)
# (opens, outside `(?i:…)`, with a class of its first letters in both cases and looks back at the
# letter taken, what precedes it included: `re` skips in C to a candidate; the same matches,
# tests/test_first_char_patterns.py)
_ASOF = re.compile(r"[TtĐđ](?i:(?:(?<=t)ính\s+đ|(?<=đ))ến\s+ngày\s+(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*((?:19|20)\d{2}))")
_LUNAR = re.compile(r"mùng\s+(\d{1,2})\s+(?:tháng\s+\w+\s+)?Tết", re.I)
# A dated event that reviews a period, in one sentence: “Sáng ngày 17/01/2024, Hội đồng … họp xét
# thi đua, khen thưởng tổng kết năm 2024”, “Ngày 20 tháng 12 năm 2023, UBND xã tổ chức hội nghị
# sơ kết 6 tháng đầu năm 2023”. The date opens the sentence; a meeting word comes before the
# review word; a multi-year review (“tổng kết 5 năm …”) is not one (no digit between).
_REVIEW = re.compile(
    r"(?:^|(?<=[.!?…]\s))(?:(?:[Ss]áng|[Cc]hiều|[Tt]ối|[Tt]rưa)\s+)?(?:[Nn]gày\s+)?"
    r"(?P<d>(?P<dd>\d{1,2})\s*(?:[/-]|\s+tháng\s+)\s*(?P<mm>\d{1,2})\s*(?:[/-]|\s+năm\s+)\s*(?P<y>(?:19|20)\d{2}))"
    r"\s*,(?P<body>[^.;!?…]{0,200}?)\b(?P<verb>[Tt]ổng\s+kết|[Ss]ơ\s+kết)\s+(?:[^.;!?…\d]{0,60}?\s)?"
    r"(?P<what>6\s+tháng\s+đầu\s+năm|9\s+tháng(?:\s+đầu\s+năm)?|năm)\s+(?P<ry>(?:19|20)\d{2})\b")
_AWARDS_OF = re.compile(r"khen\s+thưởng\s*(?:trong\s+|cho\s+|dịp\s+)?$", re.I)
_REVIEW_EVENT = re.compile(r"\b(?:họp|hội\s+nghị|tổ\s+chức|diễn\s+ra|khai\s+mạc|phiên)\b", re.I)
_REVIEW_SEASON = re.compile(r"(?<![\w])(?:vụ|mùa\s+vụ|niên\s+vụ|học\s+kỳ)(?![\w])", re.I)
_HONOURED = re.compile(r"(?<![\w])(?:tuyên\s+dương|biểu\s+dương|vinh\s+danh|tôn\s+vinh|trao\s+giải)(?![\w])", re.I)
_REVIEW_NOT = re.compile(r"\b(?:kế\s+hoạch|chuẩn\s+bị|hướng\s+dẫn|ban\s+hành|công\s+văn|dự\s+kiến|sẽ)\b", re.I)


_SPAN = re.compile(r"((?:19|20)(?<![\d/]\d\d)\d{2})\s*[-–—]\s*((?:19|20)\d{2})(?!\d)")
_SPAN_NEEDS = (("19", "20"), (DIGIT,))
_N_YEARS = re.compile(r"(?<![\d/.,])(\d{1,2})\s+năm(?:\s+(?:liền|liên\s+tục|liên\s+tiếp|qua))?[\s,(]*"
                      r"(?:\(?\s*(?:giai\s+đoạn|từ\s+năm|từ)?\s*)$", re.I)


_YEAR_LIST = re.compile(r"\(\s*(?:các\s+)?(?:năm\s+)?(?:19|20)\d{2}(?:\s*(?:,|và|;)\s*(?:năm\s+)?(?:19|20)\d{2})+\s*\)", re.I)
_N_CONSECUTIVE = re.compile(r"(?<![\d/.,])(\d{1,2})\s+năm\s+(?:liền|liên\s+tục|liên\s+tiếp)\s*$", re.I)


_PAST_YEARS = re.compile(r"(?<![\w])(?:năm\s+qua|(?:qua|sau)\s+\d{1,2}\s+năm)(?![\w])", re.I)
# “hơn 5 năm (2018-2023)”: a bound on the time elapsed, which either count of the span may meet
_ABOUT_YEARS = re.compile(r"(?<![\w])(?:hơn|gần|khoảng|trên|ngót|chưa\s+đầy)\s+\d{1,2}\s+năm(?![\w])", re.I)
_IN_A_ROW = re.compile(r"(?<![\w])(?:liền|liên\s+tục|liên\s+tiếp)(?![\w])", re.I)


def _years_counted(text: str, a: int, m: re.Match[str]) -> int | None:
    """The “N năm” of a span of years (`_n_years`), unless it counts the span's length the other way:
    “Trong 5 năm qua (2020-2025)” of an emulation period is its five years from congress to congress,
    while “5 năm liền, giai đoạn 2020-2024” and “kế hoạch 5 năm (2016 - 2020)” count both ends in."""
    n = _n_years(text, a, m.start())
    if n is None:
        return None
    y0, y1 = int(m.group(1)), int(m.group(2))
    if _ABOUT_YEARS.search(text, max(a, m.start() - 40), m.start()) and n in (y1 - y0, y1 - y0 + 1, y1 - y0 - 1):
        return None
    if n == y1 - y0 and _PAST_YEARS.search(text, max(a, m.start() - 40), m.start()) \
            and not _IN_A_ROW.search(text, max(a, m.start() - 40), m.start()):
        return None  # (“kế hoạch 5 năm (2016 - 2020)” counts both ends: a plan's years are still held to it)
    return n


def _n_years(text: str, a: int, pos: int) -> int | None:
    """The “N năm” written right before a span of years in its clause (“3 năm liền, giai đoạn …”)."""
    m = _N_YEARS.search(text[max(a, pos - 40):pos])
    return int(m.group(1)) if m else None


# (“Tính theo chuẩn nghèo đa chiều giai đoạn 2016-2021, Điện Biên có tỷ lệ …”: a measure chosen by name for a series
# over past years, not a standard said to be in force)
_NOT_CURRENT = re.compile(r"(?:so\s+với|trước|cũ|đã\s+kết\s+thúc|khóa\s+trước|(?<![\w])tính\s+theo)\s*[^,;.]{0,40}$", re.I)


def _phrase(text: str, m: re.Match[str], back: int = 140) -> tuple[int, str]:
    """The mention with the words before it in its clause (what it is a term or period of)."""
    cs = clause_start(text, m.start())
    a = max(cs, m.start() - back)
    if a > cs:
        sp = text.find(" ", a)
        a = sp + 1 if 0 <= sp < m.start() else a
    seg = text[a:m.end()]
    lead = re.match(r"\s*(?:(?:Thực\s+hiện|thực\s+hiện|theo|Theo|Căn\s+cứ|căn\s+cứ|thuộc|của|về)\s+)+", seg)
    if lead and lead.end() < len(seg) - len(m.group(0)):
        a += lead.end()
    return a, text[a:m.end()].strip(" ,;:")


# “HĐND huyện Thanh Ba khóa XX, nhiệm kỳ …”, “Đảng bộ xã khóa XXIV, nhiệm kỳ …”: the body, its level
# and the number of its term, right before “nhiệm kỳ”
_NUMBERED = re.compile(r"(?P<body>HĐND|Hội\s+đồng\s+nhân\s+dân|Đảng\s+bộ|Ban\s+Chấp\s+hành(?:\s+Đảng\s+bộ)?)\s+"
                       r"(?P<level>xã|phường|thị\s+trấn|huyện|quận|thị\s+xã|thành\s+phố|tỉnh)\b[^,;.:()]{0,40}?\s+"
                       r"kh(?:óa|oá)\s+(?P<n>[IVXLC]{1,7}|\d{1,2})\s*[,;(]?\s*$", re.I)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    vals = [_ROMAN[c] for c in s.upper()]
    n = sum(-v if i + 1 < len(vals) and v < vals[i + 1] else v for i, v in enumerate(vals))
    return n if 0 < n < 200 else None


def numbered_body(before: str) -> str | None:
    """“… HĐND huyện Thanh Ba khóa XX, ” before “nhiệm kỳ 2021 – 2026” → “HĐND huyện khóa 20”: the
    body (HĐND, Đảng bộ), its level and the number of its term; None when not written so."""
    m = _NUMBERED.search(before)
    if m is None:
        return None
    n = _roman(m.group("n"))
    if n is None:
        return None
    body = "HĐND" if m.group("body").upper().startswith(("HĐND", "HỘI")) else "Đảng bộ"
    level = " ".join(m.group("level").lower().split())
    return f"{body} {level} khóa {n}"


# Each pattern below is searched only in a paragraph holding a character every match of it holds
# (the search over a paragraph costs `re` ~100 instructions a character, the test a few): “kỳ”
# of “nhiệm kỳ”, “ạ” of “giai đoạn”, “ọ” of “năm học”, “ứ” of “năm thứ”, “/” and “ế” of “đến ngày
# …/…/…”, “kết” of “tổng/sơ kết”, “ù” of “mùng”, “ỷ” of “Kỷ niệm”; for the case-insensitive
# ones, every character `re` takes for that letter (tests/test_docx_fast_paths.py checks both).
def _may_hold(text: str, chars: str | tuple[str, ...]) -> bool:
    return any(c in text for c in chars)


def calendar_mentions(ctx: Ctx, block: int) -> None:
    p: Para = ctx.doc.blocks[block]
    text = p.text
    sid = ctx.sid(block)

    def add(kind: str, m: re.Match[str], a: int | None = None, phrase: str | None = None, **kw) -> None:
        a = m.start() if a is None else a
        # (the phrase may start on an earlier line than the match: the place shown is the match's line)
        item = {"kind": kind, "text": phrase or m.group(0).strip(), "section": sid,
                "src": p.loc(max(a, p.piece_start(m.start())), m.end())}
        item.update({k: v for k, v in kw.items() if v is not None})
        ctx.add("mentions", item)
        ctx.mark_used(block, m.start(), m.end())

    def current(m: re.Match[str], event: str | None) -> bool | None:
        before = text[max(0, m.start() - 60):m.start()]
        if _NOT_CURRENT.search(before):
            return False
        return True if event else None

    if _cal is not None:
        for m in (_ANNIV.finditer(text) if may_match(text, _ANNIV_NEEDS) else ()):
            ev = _cal.match_event(m.group("what"))
            if ev:
                a = m.start()
                km = re.search(r"(?:[Kk]ỷ\s+niệm|[Cc]hào\s+mừng)\s*$", text[max(0, a - 12):a])
                if km:
                    a = max(0, a - 12) + km.start()
                span = _ANNIV_SPAN.match(text, m.end()) or _ANNIV_STAGE.match(text, m.end())
                if span is not None and _counts_another_start(ev, span):
                    # “tổ chức tốt 20 năm ngày hội đại đoàn kết toàn dân tộc, giai đoạn 2003-2023”: the years
                    # counted run from another start than the event's founding (the festival first held in
                    # 2003, the Front founded in 1930), not an anniversary of it. N years over the span counted
                    # either way (2023 − 2003, or both ends in) hold; another N is a span of the wrong length
                    y0, y1, n = int(span.group("y0")), int(span.group("y1")), int(m.group(1))
                    if n not in (y1 - y0, y1 - y0 + 1):
                        add("period", m, a, text[a:span.end()].strip(), start_year=y0, end_year=y1, number=n)
                    continue
                if span is not None and span.re is _ANNIV_STAGE:
                    span = None
                if span is not None and 1800 <= int(span.group("y0")) <= int(span.group("y1")) <= 2200:
                    # “(11/6/1948 - 11/6/2025)” right after it: the founding date and the year counted to
                    d0 = {"text": span.group("d0"), "day": int(span.group("dd")), "month": int(span.group("mm"))} \
                        if span.group("d0") else None
                    add("anniversary", m, a, text[a:span.end()].strip(), event=ev, number=int(m.group(1)),
                        start_year=int(span.group("y0")), year=int(span.group("y1")), date=d0)
                    continue
                add("anniversary", m, a, text[a:m.end()].strip(), event=ev, number=int(m.group(1)),
                    year=_dated_before(text, a))
        for m in (_ANNIV_DATE.finditer(text) if _may_hold(text, "ỷ") else ()):
            ev = _cal.match_event(m.group("what"))
            if ev:
                add("anniversary", m, event=ev, date={"text": m.group("d"), "day": int(m.group("dd")),
                                                     "month": int(m.group("mm"))})
    terms = _may_hold(text, "ỳỲ")
    for m in (_TERM.finditer(text) if terms else ()):
        a, phrase = _phrase(text, m)
        ev = _cal.match_term(phrase) if _cal is not None else None
        add("term", m, a, phrase, event=ev, start_year=int(m.group(1)), end_year=int(m.group(2)),
            as_current=current(m, ev), body=numbered_body(text[max(0, m.start() - 120):m.start()]))
    periods = set()
    for m in (_PERIOD.finditer(text) if _may_hold(text, "ạẠ") and may_match(text, _PERIOD_NEEDS) else ()):
        a, phrase = _phrase(text, m)
        ev = _cal.match_term(phrase) if _cal is not None else None
        add("period", m, a, phrase, event=ev, start_year=int(m.group(1)), end_year=int(m.group(2)),
            as_current=current(m, ev), number=_years_counted(text, a, m))
        periods.add(m.start(1))
    for m in (_SPAN.finditer(text) if may_match(text, _SPAN_NEEDS) else ()):
        # “3 năm liền, giai đoạn 2017-2019” is read above; “kế hoạch 5 năm (2016 - 2020)”, “sau 5 năm
        # 2016-2020”: a span tied to the “N năm” written just before it
        if m.start(1) in periods or (terms and any(x.start(1) == m.start(1) for x in _TERM.finditer(text))):
            continue
        n = _years_counted(text, max(text.rfind(";", 0, m.start()) + 1, text.rfind(".", 0, m.start()) + 1), m)
        if n is not None:
            add("period", m, None, None, start_year=int(m.group(1)), end_year=int(m.group(2)), number=n)
    for m in (_YEAR_LIST.finditer(text) if "(" in text else ()):
        # “2 năm liên tục (năm 2022, 2024)”: the years listed are the N consecutive years (CAL005)
        cs = max(text.rfind(";", 0, m.start()) + 1, text.rfind(".", 0, m.start()) + 1)
        nm = _N_CONSECUTIVE.search(text[max(cs, m.start() - 40):m.start()])
        if nm is None:
            continue
        years = [int(y) for y in re.findall(r"(?:19|20)\d{2}", m.group(0))]
        add("period", m, None, None, start_year=min(years), end_year=max(years), number=int(nm.group(1)))
    for m in (_SCHOOL.finditer(text) if _may_hold(text, "ọỌ") else ()):
        # (“tăng 615 học sinh so với năm học 2022 - 2023”: a year compared with, not the report's)
        add("school_year", m, start_year=int(m.group(1)), end_year=int(m.group(2)),
            as_current=False if _NOT_CURRENT.search(text, max(0, m.start() - 60), m.start()) else None)
    for m in (_ORDINAL.finditer(text) if _may_hold(text, "ứỨ") and may_match(text, _ORDINAL_NEEDS) else ()):
        n = _cal.ordinal_year(m.group(0)) if _cal is not None else (int(m.group(1)) if m.group(1).isdigit() else None)
        if n:
            tm = _TERM.search(text, m.end(), m.end() + 200)
            add("ordinal", m, number=n, start_year=int(tm.group(1)) if tm else None,
                end_year=int(tm.group(2)) if tm else None)
    for m in (_ASOF.finditer(text) if _may_hold(text, "/") and _may_hold(text, "ếẾ") else ()):
        if re.search(r"(?:ước|dự\s+kiến)(?:\s+(?:tính|thực\s+hiện|đạt|giải\s+ngân|cả\s+năm))*\s*$",
                     text[clause_start(text, m.start()):m.start()], re.I):
            continue  # “ước thực hiện đến ngày 31/12/2024”: an estimate to a date, not data as of it
        try:
            add("data_as_of", m, date={"text": m.group(0), "day": int(m.group(1)), "month": int(m.group(2)),
                                       "year": int(m.group(3))})
        except ValueError:
            pass
    for m in (_REVIEW.finditer(text) if _may_hold(text, ("kết",)) else ()):
        body, what = m.group("body"), m.group("what")
        months = 12 if what == "năm" else int(what.split()[0])
        if not _REVIEW_EVENT.search(body) or _REVIEW_NOT.search(body) or (
                months == 12 and m.group("verb").lower().startswith("sơ")):
            continue  # no meeting on that day, a plan for a review to come, or a midterm review
        if _REVIEW_SEASON.search(text, m.end("verb"), m.start("what")):
            continue  # “tổng kết sản xuất vụ mùa, vụ đông năm 2021”: a season's review, which has its own calendar
        if _HONOURED.search(text, m.end("verb"), m.start("what")):
            continue  # “hội nghị tổng kết và tuyên dương gia đình văn hóa tiêu biểu năm 2022”: the year of those honoured
        try:
            dt.date(int(m.group("y")), int(m.group("mm")), int(m.group("dd")))
        except ValueError:
            continue
        # “xét khen thưởng tổng kết năm 2019”: the awards of the review, considered after it
        awards = _AWARDS_OF.search(text, max(m.start("verb") - 30, m.start()), m.start("verb")) is not None
        add("review", m, year=int(m.group("ry")), number=months, event="khen_thuong" if awards else None,
            date={"text": m.group("d"), "day": int(m.group("dd")), "month": int(m.group("mm")),
                  "year": int(m.group("y"))})
    for m in (_LUNAR.finditer(text) if _may_hold(text, "ùÙ") else ()):
        add("lunar_date", m, number=int(m.group(1)))
    if _cal is not None and ("ết" in text or "ẾT" in text):
        for m in _TET.finditer(text):
            if _cal.can_chi_in(m.group(0)) is None:
                continue
            y = re.match(r"\s*(?:năm\s+)?((?:19|20)\d{2})", text[m.end():m.end() + 12])
            add("lunar_date", m, phrase=(m.group(0) + (text[m.end():m.end() + y.end()] if y else "")).strip(),
                year=int(y.group(1)) if y else None)
    for m in (_AM_LICH.finditer(text) if "lịch" in text else ()):
        add("lunar_date", m, date={"text": m.group("d"), "day": int(m.group("dd")), "month": int(m.group("mm"))})


_TET = re.compile(r"[Tt]ết\s+(?:[Nn]guyên\s+[Đđ]án\s+)?[A-ZĐ][a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]+\s+[A-ZĐa-zđ][a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]+")
_AM_LICH = re.compile(r"(?P<d>(?P<dd>\d{1,2})\s*/\s*(?P<mm>\d{1,2})\s*âm\s+lịch)", re.I)
# (after an appositive too: “… ra “Lời kêu gọi thi đua ái quốc”, Ngày truyền thống thi đua yêu nước (11/6/1948 - …)”)
def anniversaries_dated_elsewhere(ctx: Ctx) -> None:
    """“… tham dự Lễ kỷ niệm 70 năm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc.” and, later, “… lễ kỷ
    niệm 70 năm Ngày … (11-6-1948 - 11-6-2018)”: the same anniversary, N years of the same event, is counted to the
    year the text writes with it anywhere (one such year only); the mentions without it take that year."""
    years: dict[tuple, set[int]] = {}
    for m in ctx.out["mentions"]:
        if m.get("kind") == "anniversary" and m.get("year") is not None:
            years.setdefault((m.get("event"), m.get("number")), set()).add(m["year"])
    if not years:
        return
    for m in ctx.out["mentions"]:
        ys = years.get((m.get("event"), m.get("number")))
        if m.get("kind") == "anniversary" and m.get("year") is None and ys is not None and len(ys) == 1:
            m["year"] = next(iter(ys))


# (the days written with “/”, “-” or “.”: “(11/6/1948 - 11/6/2025)”, “(11-6-1948 - 11-6-2018)”)
_ANNIV_SPAN = re.compile(r"(?:\s*,\s*[^,;.()\d]{3,80}?)?\s*\(\s*(?P<d0>(?P<dd>\d{1,2})\s*(?P<sep>[/.-])\s*(?P<mm>\d{1,2})\s*"
                         r"(?P=sep)\s*)?(?P<y0>\d{4})\s*[-–—]\s*(?:\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*)?(?P<y1>\d{4})\s*\)")
# (“…, giai đoạn 2003-2023”, “… (2003 - 2023)” without days: a span after the phrase)
_ANNIV_STAGE = re.compile(r"\s*,?\s*(?:giai\s+đoạn|từ\s+năm|từ)\s+(?P<d0>)(?P<dd>)(?P<mm>)(?P<y0>\d{4})\s*[-–—]\s*(?:năm\s+)?"
                          r"(?P<y1>\d{4})(?!\d)", re.I)


def _counts_another_start(ev: str, span: re.Match[str]) -> bool:
    """The span written after “N năm <event>” starts years away from the event's founding (neither the
    founding year nor another start the registry knows)."""
    y0, y1 = int(span.group("y0")), int(span.group("y1"))
    if not 1800 <= y0 <= y1 <= 2200 or _cal is None:
        return False
    reg = _cal.anniversaries().get(ev)
    return reg is not None and abs(y0 - reg.year) > 5 and y0 not in reg.also_from


# a full date: “26/2/2024”, “26-02-2024”, “ngày 26 tháng 2 năm 2024”
_FULL_DATE = re.compile(r"(?<![\d/.-])\d{1,2}\s*(?:([/.-])\s*\d{1,2}\s*\1|\s+tháng\s+\d{1,2}\s+năm)\s*((?:19|20)\d{2})(?!\d)", re.I)


def _dated_before(text: str, a: int) -> int | None:
    """The year of the event an anniversary is marked at, when its paragraph dates it before the phrase: “Chiều ngày
    26/2/2024, Bệnh viện … tổ chức Hội nghị …, nhân dịp 69 năm ngày thầy thuốc Việt Nam 27/2” is counted to 2024,
    whatever year the page reviews; None when no date, or dates of two years, come before it."""
    years = {int(m.group(2)) for m in _FULL_DATE.finditer(text, 0, a)}
    return years.pop() if len(years) == 1 else None


_ANNIV_DATE = re.compile(r"[Kk]ỷ\s+niệm\s+(?P<what>[Nn]gày\s+[^,;.()\d]{3,60}?)\s*(?P<d>(?P<dd>\d{1,2})\s*/\s*(?P<mm>\d{1,2}))(?!\s*/\s*\d)")


# (opens, outside `(?i:…)`, with a class of its first letters in both cases and looks back at the
# letter taken, what precedes it included: `re` skips in C to a candidate; the same matches,
# tests/test_first_char_patterns.py)
_APPX = re.compile(r"[Pp](?<![\w][\s\S])(?:hụ\s*lục|(?<=P)HỤ\s*LỤC)\s*(?:số\s*)?(?P<n>[0-9]{1,2}|[IVX]{1,4}|[A-Z])?\b")
_APPX_NEEDS = (("lục",),)
_OF_AN_ACT = re.compile(r"\s*(?:ban\s+hành\s+)?(?:kèm(?:\s+theo)?|của)\s+(?:các\s+|bản\s+)?(?:quyết\s+định|nghị\s+quyết|nghị\s+định|"
                        r"thông\s+tư|chỉ\s+thị|kế\s+hoạch|công\s+văn|hướng\s+dẫn|văn\s+bản|đề\s+án|chương\s+trình)(?![\w])", re.I)


def appendices(ctx: Ctx) -> None:
    refs: dict[str, dict] = {}
    present: set[str] = set()
    for i, b in enumerate(ctx.doc.blocks):
        if not isinstance(b, Para):
            continue
        for m in (_APPX.finditer(b.text) if may_match(b.text, _APPX_NEEDS) else ()):
            label = f"Phụ lục {m.group('n')}" if m.group("n") else "Phụ lục"
            starts = b.text.strip().upper().startswith("PHỤ LỤC") and m.start() < 3
            if starts and (len(b.text) < 150 or b.text.strip().isupper()):
                present.add(label)
                continue
            if _OF_AN_ACT.match(b.text, m.end()):
                continue  # (“Theo phụ lục kèm quyết định, 85 xã …”: the appendix of the act cited, not of this text)
            if label not in refs:
                refs[label] = {"label": label, "present": False, "section": ctx.sid(i),
                               "src": b.loc(m.start(), m.end())}
                ctx.mark_used(i, m.start(), m.end())
    for label, a in refs.items():
        a["present"] = label in present
        ctx.add("appendices", a)
