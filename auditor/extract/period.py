"""The reporting period of a page without a formal header, and the report a page is an excerpt of.

A report's title names its period (“Sơ kết 6 tháng đầu năm 2024”, read by layout.infer_period).
A portal page or a press write-up has no “BÁO CÁO” header: its period is read from its headline
(“Kết quả công tác tiếp công dân 6 tháng đầu năm 2020”, “… phiên thường kỳ tháng 01 năm 2023”) or,
failing that, from the first sentence of the body that opens with the period of its figures
(“Năm 2022, …”, “Trong 6 tháng đầu năm 2020, …”, “Thông tin … cho thấy, 6 tháng đầu năm 2022, …”).
A period written after “so với”, “cùng kỳ”, “từ” is a reference, not the period of the page.

“(Trích báo cáo số 84/BC-TTT ngày 09/6/2020 của Thanh tra tỉnh)” says which report the page quotes:
its number and date are the report's.
"""

from __future__ import annotations

import re

from auditor.extract.document import Document, Para
from auditor.files.rxgate import may_match
from auditor.numeric.months import days_in_month

_MONTHS = re.compile(r"(?<![\w/])(\d{1,2})\s+tháng\s+(?:đầu\s+|qua\s+)?(?:năm\s+)?((?:19|20)\d{2})?", re.I)
_QUARTER = re.compile(r"quý\s+(I{1,3}|IV|[1-4])(?:\s*(?:/|năm)\s*((?:19|20)\d{2}))?", re.I)
_MONTH = re.compile(r"(?<![\w/])tháng\s+(\d{1,2})\s*(?:/|năm|-)\s*((?:19|20)\d{2})", re.I)
_YEAR = re.compile(r"(?<![\w/])năm\s+((?:19|20)\d{2})(?![\d/])", re.I)
_REFERENCE = re.compile(r"(?:so\s+với|so|cùng\s+kỳ|từ|trước|của|đến|giai\s+đoạn|nhiệm\s+kỳ)\s*$", re.I)
_STAMP = re.compile(r"^\W*(?:\w+\s*,?\s*)?\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|^\s*\d{1,2}:\d{2}", re.I)
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
# “ước đạt”, “ước thực hiện”, “ước 5.742,64 ha”, “dự kiến”; not “hương ước”, “quy ước”, “giao ước”
# (opens, outside `(?i:…)`, with a class of its first letters in both cases and looks back at the
# letter taken, what precedes it included: `re` skips in C to a candidate; the same matches,
# tests/test_first_char_patterns.py)
_ESTIMATE = re.compile(r"[ƯưDd](?i:(?<![\w][\s\S])(?<!hương\s[\s\S])(?<!quy\s[\s\S])(?<!giao\s[\s\S])(?<!công\s[\s\S])"
                       r"(?<!điều\s[\s\S])(?<!mong\s[\s\S])(?:(?<=ư)ớc|(?<=d)ự\s+kiến|(?<=d)ự\s+ước)(?![\w])"
                       r"(?!\s+(?:mơ|nguyện|vọng|muốn|ao)))")
_ESTIMATE_NEEDS = (("kiến", "ớc"),)  # what every match holds (`rxgate.needs`, written out: tests/test_rxgate.py)
_SOURCE = re.compile(r"(?:trích|theo|nguồn\s*:?)\s+(?:từ\s+)?báo\s+cáo\s+số\s+(?P<no>\d+/[\w\-/Đđ]+)\s*,?\s*"
                     r"ngày\s+(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>(?:19|20)\d{2})", re.I)


def _period(m: re.Match[str], kind: str, year_hint: int | None) -> dict | None:
    if kind == "months":
        n = int(m.group(1))
        year = int(m.group(2)) if m.group(2) else year_hint
        if not 1 <= n <= 12:
            return None
        label = m.group(0).strip()
        if year is None:
            return {"kind": "other", "year": None, "label": label, "_months": n}
        end_day = days_in_month(year, n)
        k = {6: "half_year", 9: "nine_months", 12: "year", 3: "quarter"}.get(n, "other")
        out = {"kind": k, "year": year, "start": f"{year}-01-01", "end": f"{year}-{n:02d}-{end_day:02d}",
               "label": label if m.group(2) else f"{label} {year}"}
        return out
    if kind == "quarter":
        q = _ROMAN.get(m.group(1).upper()) or int(m.group(1)) if not m.group(1).isdigit() else int(m.group(1))
        year = int(m.group(2)) if m.group(2) else year_hint
        if year is None:
            return None
        end_m = 3 * q
        return {"kind": "quarter", "year": year, "start": f"{year}-{end_m - 2:02d}-01",
                "end": f"{year}-{end_m:02d}-{days_in_month(year, end_m):02d}", "label": m.group(0).strip()}
    if kind == "month":
        mo, year = int(m.group(1)), int(m.group(2))
        if not 1 <= mo <= 12:
            return None
        return {"kind": "month", "year": year, "start": f"{year}-{mo:02d}-01",
                "end": f"{year}-{mo:02d}-{days_in_month(year, mo):02d}", "label": m.group(0).strip()}
    year = int(m.group(1))
    return {"kind": "year", "year": year, "start": f"{year}-01-01", "end": f"{year}-12-31", "label": f"năm {year}"}


def _inside_reference(text: str, pos: int) -> bool:
    """“so với 6 tháng đầu năm 2020”: the year of a reference written before it in the same phrase."""
    return bool(re.search(r"(?:so\s+với|cùng\s+kỳ)\s+(?:\d{1,2}\s+tháng\s+(?:đầu\s+)?|quý\s+\w+\s+)?$",
                          text[max(0, pos - 30):pos], re.I))


# events of a year that are held at one time of it: the year names the event, not a period reported on
_CAMPAIGN = re.compile(r"(?<![\w])(?:giao\s+(?:nhận\s+)?quân|tuyển\s+quân|nhập\s+ngũ|tuyển\s+sinh|kỳ\s+thi|"
                       r"thi\s+tốt\s+nghiệp(?:\s+THPT)?|bầu\s+cử|lễ\s+hội)\s*$", re.I)


def _find(text: str, year_hint: int | None = None, head: int | None = None) -> dict | None:
    """The first period of `text` (within its first `head` characters) that is not a reference."""
    best = None
    for kind, rx in (("month", _MONTH), ("months", _MONTHS), ("quarter", _QUARTER), ("year", _YEAR)):
        for m in rx.finditer(text):
            if head is not None and m.start() > head:
                break
            if _REFERENCE.search(text[max(0, m.start() - 14):m.start()]) or _inside_reference(text, m.start()):
                continue
            if kind == "year" and _CAMPAIGN.search(text, max(0, m.start() - 40), m.start()):
                continue  # “Báo cáo kết quả giao quân năm 2023” (held in February): a campaign's year, no period
            p = _period(m, kind, year_hint)
            if p is not None and (best is None or m.start() < best[0]):
                best = (m.start(), p)
            break
    return best[1] if best else None


# A full date (“24/3/2020”, “25-3-2020”, “ngày 12 tháng 01 năm 2023”): the year of its event
_EVENT_DATE = re.compile(r"(?<![\w/.-])\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*((?:19|20)\d{2})(?![\w/])|"
                         r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+((?:19|20)\d{2})", re.I)
_CLOCK = re.compile(r"\s*[,|]?\s*\d{1,2}:\d{2}")  # a date with its time: a page's stamp
_LEAD = re.compile(r"^\W*(?:(?:trong|tính\s+đến|qua|sau|kết\s+quả|theo\s+đó|đến\s+nay|riêng)\s+)?", re.I)


_LEAD_WORD = re.compile(r"(?<![\w])(?:trong|tính\s+đến|qua|sau|đến\s+nay)$", re.I)


def _opening(sent: str) -> dict | None:
    """The period a sentence opens with (“Năm 2022, …”, “Trong 6 tháng đầu năm 2020, …”), or puts
    between commas near its start (“Thông tin … cho thấy, 6 tháng đầu năm 2022, …”)."""
    lead = _LEAD.match(sent).end()
    for kind, rx in (("month", _MONTH), ("months", _MONTHS), ("quarter", _QUARTER), ("year", _YEAR)):
        m = rx.match(sent, lead)
        if m is None:
            for m2 in rx.finditer(sent, 0, 120):
                before = _LEAD_WORD.sub("", sent[:m2.start()].rstrip())
                if before.rstrip().endswith(",") and sent[m2.end():].lstrip().startswith(","):
                    m = m2  # “Theo báo cáo …, trong 10 tháng đầu năm 2019, …”
                    break
        if m is not None and sent[m.end():].lstrip()[:1] in (",", "") or (m is not None and m.start() == lead):
            p = _period(m, kind, None)
            if p is not None and p.get("year"):
                return p
    return None


def headline_of(doc: Document) -> Para | None:
    """A page's headline: among its first four paragraphs, the first that is a title: short, and not
    a sentence of the body (it does not end with a full stop), so a layout with one sentence a line
    does not make the body's first sentence one."""
    for p in [b for b in doc.blocks if isinstance(b, Para)][:4]:
        t = p.text.strip()
        if len(t.split()) >= 5 and not _STAMP.match(t) and len(t) < 220 and not t.endswith("."):
            return p
    return None


_HISTORY = 1990   # a period before it, in a page's opening sentences, is history told, not the page's


def page_period(doc: Document, header_blocks: set[int]) -> dict | None:
    """The period of a page without a report header: its headline's, else the first one a body
    sentence opens with. A headline's period without a year (“6 tháng đầu năm”) takes the year of
    the body's first period that is not a reference."""
    paras = [b for b in doc.blocks if isinstance(b, Para)]
    headline = headline_of(doc)
    body = None
    year_hint = None
    event_year = None   # the year of the first full date of the body (the event the page reports)
    for p in paras:
        if p is headline:
            continue
        for sent in re.split(r"(?<=[.!?])\s+", p.text):
            if body is None:
                body = _opening(sent)
                if body is not None and body["year"] < _HISTORY:
                    body = None  # “Tháng 3 năm 1947, …”: history told (the anniversary of a call to emulation)
                if body is not None and event_year is not None and body["year"] < event_year - 1:
                    # “Trong hai ngày 24 và 25-3-2020, Đảng bộ xã tổ chức Đại hội …” then, paragraphs
                    # later, “Năm 2018, xã đạt chuẩn nông thôn mới”: a look back, not the page's
                    # period (a year-end review held in January reports on the year before: kept)
                    body = None
            if event_year is None and len(p.text.split()) >= 10:   # (not a page's clock or byline)
                d = _EVENT_DATE.search(sent)
                if d is not None and not _CLOCK.match(sent, d.end()):
                    event_year = int(d.group(1) or d.group(2))
            if year_hint is None:
                found = _find(sent)
                if found is not None and found.get("year"):
                    year_hint = found["year"]
        if body is not None and year_hint is not None:
            break
    if headline is not None:
        h = _find(headline.text, year_hint=year_hint)
        if h is not None and h.get("year") and h["year"] >= _HISTORY:
            h.pop("_months", None)
            h["source"] = "headline"
            return h
    if body is not None:
        body.pop("_months", None)
        body["source"] = "body"
        return body
    return None


def estimates(doc: Document) -> bool:
    return any(may_match(b.text, _ESTIMATE_NEEDS) and _ESTIMATE.search(b.text) for b in doc.blocks if isinstance(b, Para))


def source_report(doc: Document) -> dict | None:
    """“(Trích báo cáo số 84/BC-TTT ngày 09/6/2020 của Thanh tra tỉnh)”: the report this page quotes."""
    for b in doc.blocks:
        if not isinstance(b, Para):
            continue
        m = _SOURCE.search(b.text)
        if m:
            d, mo, y = int(m.group("d")), int(m.group("m")), int(m.group("y"))
            if 1 <= mo <= 12 and 1 <= d <= days_in_month(y, mo):
                return {"number": m.group("no"), "date": {"text": f"ngày {m.group('d')}/{m.group('m')}/{m.group('y')}",
                                                          "day": d, "month": mo, "year": y},
                        "loc": b.loc(m.start("no"), m.end("y"))}
    return None
