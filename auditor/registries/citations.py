"""Reading Vietnamese citations of documents and dates as they are written in reports.

    "Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ quy định chi tiết …"
    "Chỉ thị số 05-CT/TW, ngày 15/5/2016 của Bộ chính trị về “Học tập và làm theo …”"
    "Công văn số 2067/UBND-NV ngày 21/6/2024 của UBND huyện về …"
    "Kế hoạch số 3077/KH-UBND ngày 30 tháng 8 năm 2019 của Ủy ban nhân dân tỉnh Cao Bằng"
    "Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022 của Quốc hội"

`parse_citation(text)` returns the fields of a `DocRef` (kind, number, date, issuer, title,
text); `find_citations(text)` returns every citation of a paragraph with its character span;
`parse_vn_date(text)` reads one date ("ngày 21/6/2024", "ngày 30 tháng 8 năm 2019",
"ngày   tháng 7 năm 2024" with blanks). Nothing here guesses: a part that is not written is
None, and an impossible date (31/2) is no date.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Any

from auditor.files.rxgate import DIGIT, may_match
from auditor.model.lean import plan
from auditor.numeric.months import days_in_month

if TYPE_CHECKING:
    from auditor.model.report import PartialDate

# Kinds as written, longest first so "Nghị quyết liên tịch" wins over "Nghị quyết".
KINDS: tuple[str, ...] = (
    "Thông tư liên tịch", "Nghị quyết liên tịch", "Văn bản hợp nhất", "Phát động thi đua",
    "Nghị quyết", "Nghị định", "Thông tư", "Quyết định", "Chỉ thị", "Kết luận", "Công văn",
    "Công điện", "Kế hoạch", "Hướng dẫn", "Thông báo", "Pháp lệnh", "Báo cáo", "Tờ trình",
    "Quy định", "Quy chế", "Chương trình", "Đề án", "Sắc lệnh", "Luật", "Lệnh",
)
# Abbreviations used before a number ("NĐ 91/2017/NĐ-CP", "QĐ số 1137/QĐ-UBND").
ABBREVIATIONS: dict[str, str] = {
    "NĐ": "Nghị định", "NQ": "Nghị quyết", "QĐ": "Quyết định", "TT": "Thông tư",
    "CT": "Chỉ thị", "KL": "Kết luận", "KH": "Kế hoạch", "CV": "Công văn", "HD": "Hướng dẫn",
    "TB": "Thông báo", "VBHN": "Văn bản hợp nhất", "TTLT": "Thông tư liên tịch",
}
# The document type is also written inside the number; used only when the text names no kind.
# Quốc hội numbers (".../QH15") are laws *or* resolutions, and letters ("2067/UBND-NV") carry
# no type code at all, so neither is inferred.
_KIND_FROM_NUMBER: tuple[tuple[str, str], ...] = (
    (r"/NĐ-CP$", "Nghị định"), (r"/TTLT-", "Thông tư liên tịch"), (r"/TT-", "Thông tư"),
    (r"/QĐ-", "Quyết định"), (r"^\d+-CT/", "Chỉ thị"), (r"/CT-", "Chỉ thị"),
    (r"^\d+-KL/", "Kết luận"), (r"^\d+-NQ/", "Nghị quyết"), (r"/NQ-", "Nghị quyết"),
    (r"/KH-", "Kế hoạch"), (r"/VBHN-", "Văn bản hợp nhất"), (r"/HD-", "Hướng dẫn"),
    (r"^\d+-HD/", "Hướng dẫn"), (r"/TB-", "Thông báo"), (r"^\d+-TB/", "Thông báo"),
    (r"/BC-", "Báo cáo"), (r"/L-CTN$", "Lệnh"),
)

_L = "A-Za-zĐđƯưĂăÂâÊêÔôƠơ"
# A number: digits, then "/" or "-" separated tokens ("91/2017/NĐ-CP", "05-CT/TW",
# "2067/UBND-NV", "158/PĐTĐ-UBND", "802/TTr-VP"), or bare digits ("Chỉ thị 12").
# A space is tolerated after a dash before an upper-case token ("/BC- UBND").
NUMBER = rf"\d{{1,6}}(?:(?:\s?/\s?|[-–]\s?)(?=[0-9{_L}])[0-9{_L}]+)*"

_DATE_NUMERIC = r"(?P<d1>\d{1,2})\s*[/.\-]\s*(?P<m1>\d{1,2})\s*[/.\-]\s*(?P<y1>\d{4})"
_DATE_WORDS = (r"(?P<d2>\d{1,2})?\s*(?:[.…_]+\s*)?tháng\s*(?:[.…_]+\s*)?(?P<m2>\d{1,2})?\s*"
               r"(?:[.…_]+\s*)?năm\s*(?P<y2>\d{4})")
DATE = rf"ngày\s*(?:{_DATE_NUMERIC}|{_DATE_WORDS})"
_DATE_RE = re.compile(DATE, re.IGNORECASE)

_KIND_ALT = "|".join(re.escape(k) for k in KINDS)
_ABBR_ALT = "|".join(re.escape(k) for k in sorted(ABBREVIATIONS, key=len, reverse=True))

# The letters a head can start with (a kind, an abbreviation, “số”), as a class.
_FIRST = "".join(sorted({re.escape(w[0]) for w in (*KINDS, *ABBREVIATIONS, "số")}))
# and their second letters (“g” of Nghị, “h” of Thông …: a letter of the first class followed by one of
# the second is rarer than the first alone, and each position that passes tries the ~40 words)
_SECOND = "".join(sorted({re.escape(w[1]) for w in (*KINDS, *ABBREVIATIONS, "số")}))

# kind [name] số NUMBER  |  kind NUMBER  |  ABBR [số] NUMBER  |  số NUMBER
# Every head starts with one of the words (a kind, an abbreviation, “số”): the lookaheads say so
# first, the first letter then the word, so that `re` passes over any other character in one
# step instead of trying each of the ~60 alternatives there (a 5 MB line of digits: 2,7 s →
# 0,1 s; a seed's paragraphs, case-insensitive words: 80 M → 28 M instructions). The class holds
# each word's first letter, which `re` folds as it folds the word's: the matches are the same
# (tests/test_citation_heads.py compares them with the pattern without the lookaheads).
_HEAD = re.compile(
    rf"(?=[{_FIRST}][{_SECOND}])(?=(?:{_KIND_ALT})|\b(?:{_ABBR_ALT})|\bsố)(?:(?P<kind>{_KIND_ALT})(?P<name>(?:\s+[^\s\d;:.“”\"()]+){{0,12}}?)?\s+số\s*:?\s*(?P<n1>{NUMBER})"
    rf"|(?P<kind_b>{_KIND_ALT})\s+(?P<n2>{NUMBER})"
    rf"|\b(?P<abbr>{_ABBR_ALT})\s+(?:số\s*)?(?P<n3>{NUMBER})"
    rf"|\bsố\s*:?\s*(?P<n4>{NUMBER}))",
    re.IGNORECASE,
)
# what every head holds (`rxgate.needs`, written out: tests/test_rxgate.py): a paragraph without a
# number or without any of these words is not searched
_HEAD_NEEDS = (("báo cáo", "chương trình", "chỉ thị", "ct", "cv", "công văn", "công điện", "hd", "hướng dẫn", "kh",
                "kl", "kế hoạch", "kết luận", "luật", "lệnh", "nghị quyết", "nghị định", "nq", "nđ",
                "phát động thi đua", "quy chế", "quy định", "quyết định", "qđ", "số", "tb", "thông báo",
                "thông tư", "tt", "tờ trình", "vbhn", "văn bản hợp nhất", "đề án"), (DIGIT,))
_AFTER_DATE = re.compile(rf"\s*,?\s*(?:ban hành\s+)?(?P<date>{DATE})", re.IGNORECASE)
_ISSUER = re.compile(r"\s*,?\s*của\s+(?P<issuer>.+)", re.IGNORECASE | re.DOTALL)
# Where an issuer's name ends: the subject ("về", "V/v", "quy định", a quotation), a clause
# break, or the next citation.
_ISSUER_END = re.compile(
    r"\s+(?:về|v/v|quy định|hướng dẫn|ban hành|phê duyệt|triển khai|thực hiện|tại|nhằm|và)\b"
    r"|\s*[“\"(;:]|\s*,\s|\.(?:\s|$)|$",
    re.IGNORECASE,
)
# A title starts with "về (việc)", "V/v", a quotation, or the verb of a normative text's
# name ("quy định chi tiết …"); anything else after the citation is the sentence going on.
_TITLE = re.compile(
    r"\s*(?:(?:về việc|về|v/v)\s*:?\s*(?P<t1>.+)|(?P<t2>[“\"].+)"
    r"|(?P<t3>(?:quy định|hướng dẫn|ban hành|phê duyệt|sửa đổi|thành lập|kiện toàn)\b.+))",
    re.IGNORECASE | re.DOTALL)


def _nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def _partial(day: int | None, month: int | None, year: int | None, text: str) -> PartialDate | None:
    """A PartialDate, or None when the parts cannot be a date (day 31 of June, month 13)."""
    if year is None or not 1800 <= year <= 2200:
        return None
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None:
        if month is None or not 1 <= day <= days_in_month(year, month):
            return None
    # the report plan's object (what the JSON reader gives too): reading a document does not
    # import pydantic for its dates
    return plan("report").build({"text": text.strip(), "day": day, "month": month, "year": year}, "PartialDate")


def _date_from_match(m: re.Match[str]) -> PartialDate | None:
    g = m.groupdict()
    if g.get("y1"):
        return _partial(int(g["d1"]), int(g["m1"]), int(g["y1"]), m.group(0))
    day = int(g["d2"]) if g.get("d2") else None
    month = int(g["m2"]) if g.get("m2") else None
    return _partial(day, month, int(g["y2"]), m.group(0))


def parse_vn_date(text: str) -> PartialDate | None:
    """The first date written "ngày d/m/yyyy", "ngày d-m-yyyy", "ngày d tháng m năm yyyy" or
    with blanks ("ngày   tháng 7 năm 2024" → month 7, year 2024, day None)."""
    m = _DATE_RE.search(_nfc(text or ""))
    return _date_from_match(m) if m else None


def _kind_of(head: re.Match[str]) -> str | None:
    raw = head.group("kind") or head.group("kind_b")
    if raw:
        low = raw.lower()
        return next(k for k in KINDS if k.lower() == low)
    abbr = head.group("abbr")
    if abbr:
        return ABBREVIATIONS.get(abbr.upper())
    return None


def kind_from_number(number: str | None) -> str | None:
    """The document type coded in a number ("91/2017/NĐ-CP" → Nghị định), if any."""
    if not number:
        return None
    for pat, kind in _KIND_FROM_NUMBER:
        if re.search(pat, number, re.IGNORECASE):
            return kind
    return None


def _clean_number(raw: str) -> str:
    # As written, without the spaces a line break or a typo put inside it.
    return re.sub(r"\s+", "", raw).replace("–", "-")


def _issuer(rest: str) -> tuple[str | None, int]:
    m = _ISSUER.match(rest)
    if not m:
        return None, 0
    body = m.group("issuer")
    # "Hội đồng Thi đua, khen thưởng tỉnh …": the comma belongs to the name.
    masked = re.sub(r"(thi đua)\s*,\s*(khen thưởng)", lambda x: x.group(0).replace(",", "\x00"),
                    body, flags=re.IGNORECASE)
    end = _ISSUER_END.search(masked)
    stop = end.start() if end else len(body)
    issuer = body[:stop].strip()
    return (issuer or None), m.start("issuer") + stop


_CONJ_TAIL = re.compile(r"(?:\s+(?:và|cùng|với))+\s*$")


_COLON = re.compile(r"\s*:\s+")


def _opens_statement(text: str, pos: int) -> bool:
    ch = text[pos:pos + 1]
    return ch.isdigit() or ch in "-+•–" or (ch.isalpha() and ch.isupper())


_NEW_SUBJECT = re.compile(r",\s+(?:UBND|HĐND|Ủy\s+ban|Uỷ\s+ban|Đảng\s+ủy|Đảng\s+uỷ|Ban\s+Chỉ\s+đạo|BCĐ|Ban\s+Thường\s+vụ|"
                          r"Thường\s+trực|MTTQ|Mặt\s+trận|[Cc]ác\s+(?:ngành|cấp|cơ\s+quan|đơn\s+vị|phòng|ban|thôn|xã))"
                          r"(?![\w])")


def _title(rest: str) -> tuple[str | None, int]:
    """The title and how many characters of `rest` it uses."""
    m = _TITLE.match(rest)
    if not m:
        return None, 0
    g = next(n for n in ("t1", "t2", "t3") if m.group(n))
    start, body = m.start(g), m.group(g)
    if body.startswith(("“", '"')):
        close = "”" if body[0] == "“" else '"'
        end = body.find(close, 1)
        t, used = (body[1:end], end + 1) if end > 0 else (body[1:], len(body))
    else:
        cut = re.search(r"\s*;|\.(?:\s|$)", body)
        used = cut.start() if cut else len(body)
        # “… phê duyệt Danh sách huyện nghèo …: Tỷ lệ nghèo đa chiều là 47,94%, …”: a colon that opens a
        # new statement (capital, number or list mark after it) ends the title
        colon = next((c for c in _COLON.finditer(body, 0, used) if _opens_statement(body, c.end())), None)
        if colon is not None:
            used = colon.start()
        # “Thực hiện Nghị quyết số 25/NQ-HĐND … về nhiệm vụ năm 2024, UBND xã đã chỉ đạo …”: a comma before
        # the body that acts ends the title (the sentence goes on with its subject)
        actor = _NEW_SUBJECT.search(body, 0, used)
        if actor is not None:
            used = actor.start()
        t = body[:used]
    # A title cut by the next citation ends with the conjunction that joined them.
    t = _CONJ_TAIL.sub("", t.strip(" ,.;:")).strip(" ,.;:")
    return (t or None), start + used


def find_citations(text: str) -> list[dict[str, Any]]:
    """Every citation in a text, in order: DocRef fields plus `start`/`end` (character span
    of the citation head, number and date). The title runs to the end of the clause."""
    text = _nfc(text or "")
    heads = list(_HEAD.finditer(text)) if may_match(text, _HEAD_NEEDS) else []
    out: list[dict[str, Any]] = []
    for i, head in enumerate(heads):
        number = _clean_number(next(head.group(g) for g in ("n1", "n2", "n3", "n4") if head.group(g)))
        limit = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        pos = head.end()
        date = None
        dm = _AFTER_DATE.match(text, pos, limit)
        if dm:
            inner = _DATE_RE.match(text, dm.start("date"), dm.end("date"))
            date = _date_from_match(inner) if inner else None
            pos = dm.end()
        issuer, used = _issuer(text[pos:limit])
        pos += used
        title, used = _title(text[pos:limit]) if pos < limit else (None, 0)
        end = pos + used
        kind = _kind_of(head) or kind_from_number(number)
        name = (head.group("name") or "").strip(" ,") if head.group("kind") else ""
        if name and not title:
            # "Luật Thi đua, khen thưởng số 06/2022/QH15": the name before "số" is the title.
            title = name
        out.append({
            "kind": kind, "number": number, "date": date, "issuer": issuer, "title": title,
            "text": _CONJ_TAIL.sub("", text[head.start():end]).strip(" ,;"), "start": head.start(),
            "end": end,
        })
    return out


def parse_citation(text: str) -> dict[str, Any] | None:
    """The first citation in `text` as DocRef fields (kind, number, date, issuer, title,
    text), or None when the text cites no numbered document. `DocRef(**fields)` builds it."""
    found = find_citations(text)
    if not found:
        return None
    c = found[0]
    return {k: c[k] for k in ("kind", "number", "date", "issuer", "title", "text")}
