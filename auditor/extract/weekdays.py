"""A day of the week written with a date (“thứ Hai, ngày 15/12/2025”, “ngày 17/7/2024 (thứ Tư)”,
“sáng thứ Năm (6/3)”): kept as a calendar mention (kind `weekday`) for CAL010 to compare with the
calendar. The same words are an ordinal after a noun (“kỳ họp thứ hai, ngày 15/12”, “lần thứ ba”):
a weekday is read only at the start of its clause, in brackets, or after a word of time (“sáng”,
“vào”, “hôm” …)."""

from __future__ import annotations

import re

from auditor.extract.context import Ctx
from auditor.extract.document import Para
from auditor.files.rxgate import lowered
from auditor.numeric.months import days_in_month

_DAYS = {"hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "bẩy": 7}
_WD = r"(?:(?P<thu>thứ)\s+(?P<n>hai|ba|tư|bốn|năm|sáu|bảy|bẩy|[2-7])|(?P<cn>chủ\s+nhật))(?![\w])"
_DATE = (r"(?:ngày\s+)?(?:(?P<d>\d{1,2})\s*(?P<sep>[/.-])\s*(?P<m>\d{1,2})(?:(?P=sep)(?P<y>\d{4}))?"
         r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})(?:\s*(?:,\s*)?năm\s+(?P<y2>\d{4}))?)(?![\d/.-]\d)")
# the weekday first: “thứ Hai, ngày 15/12/2025”, “Thứ Tư, 17/07/2024 03:49”, “thứ Sáu (ngày 6/3)”
_BEFORE = re.compile(_WD + r"\s*(?:,\s*|-\s*|(?P<op>\(\s*))?" + _DATE + r"(?(op)\s*\))", re.I)
# the date first, the weekday in brackets: “ngày 17/7/2024 (thứ Tư)”
_AFTER = re.compile(_DATE + r"\s*\(\s*" + _WD + r"\s*\)", re.I)
# words after which “thứ hai …” is still a weekday
_TIME_WORDS = frozenset("sáng chiều tối trưa đêm vào hôm từ đến tới nay".split())


def _weekday_ok_before(text: str, at: int) -> bool:
    """The word before “thứ …” leaves it a weekday (a noun before it makes it an ordinal)."""
    seg = text[max(0, at - 30):at]
    m = re.search(r"([^\W\d_]+)\s*$", seg)
    if m is None:
        return True  # the start of the text, or after a mark or a number
    return m.group(1).lower() in _TIME_WORDS


def _number(m: re.Match[str]) -> int:
    if m.group("cn"):
        return 8
    n = m.group("n").lower()
    return int(n) if n.isdigit() else _DAYS[n]


# the words of a web portal's header or footer, beside its own clock (not a statement of the page's text)
_CHROME = re.compile(r"(?<![\w])(?:hotline|đường\s+dây\s+nóng|lượt\s+truy\s+cập|đang\s+truy\s+cập|đăng\s+nhập)(?![\w])")


def weekday_mentions(ctx: Ctx, block: int) -> None:
    p: Para = ctx.doc.blocks[block]
    text = p.text
    if not ctx.ntoks(block):
        return  # every pattern holds its date's digits (a paragraph without a digit has no token)
    low = lowered(text)
    if "thứ" not in low and "chủ nhật" not in low:
        return
    if _CHROME.search(low):
        return  # “HOTLINE: 0982.095.095 … Thứ ba, ngày 15/12/2016 / 72,790,124 lượt truy cập”: a portal's clock
    seen: set[int] = set()
    for pat, first in ((_BEFORE, True), (_AFTER, False)):
        for m in pat.finditer(text):
            wd_at = m.start("thu") if m.group("thu") else m.start("cn")
            if first and not _weekday_ok_before(text, wd_at):
                continue
            if m.start() in seen:
                continue
            seen.add(m.start())
            day, month = m.group("d") or m.group("d2"), m.group("m") or m.group("m2")
            year = m.group("y") or m.group("y2")
            if not 1 <= int(month) <= 12 or not 1 <= int(day) <= days_in_month(int(year or 2024), int(month)):
                continue  # not a date (31/6): the date checks say so
            date_text = text[m.start("d") if m.group("d") else m.start("d2"):
                             (m.end("y") if m.group("y") else m.end("m")) if m.group("d")
                             else (m.end("y2") if m.group("y2") else m.end("m2"))]
            date = {"text": date_text, "day": int(day), "month": int(month)}
            if year:
                date["year"] = int(year)
            ctx.add("mentions", {"kind": "weekday", "text": m.group(0).strip(), "number": _number(m), "date": date,
                                 "section": ctx.sid(block), "src": p.loc(m.start(), m.end())})
            ctx.mark_used(block, m.start(), m.end())
