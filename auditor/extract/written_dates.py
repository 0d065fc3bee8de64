"""Dates written with one of the last days of a month or beyond (“ngày 31/6/2024”, “sáng ngày 330/11”,
“ngày 29/02/2023”), or with a month beyond twelve (“ngày 15/13/2024”): kept as calendar mentions (kind
`written_date`) with the day, month and year as written, for CAL011 to tell whether the calendar has the date.
Only a date after the word “ngày” is read: a bare “30/11” may be a fraction or a portal's month/day stamp.
Days 1–28 of months 1–12 exist in every year and are not kept."""

from __future__ import annotations

import re

from auditor.extract.context import Ctx
from auditor.extract.document import Para

# “ngày 31/6”, “ngày 31-6-2024”, “ngày 31.6.2024”, “ngày 31 tháng 6 năm 2024”
_WRITTEN = re.compile(r"(?<![\w])ngày\s*(?P<d>\d{1,3})\s*(?:(?P<sep>[/.\-])\s*(?P<m>\d{1,2})(?:\s*(?P=sep)\s*(?P<y>(?:19|20)\d{2}))?"
                      r"|\s+tháng\s+(?P<m2>\d{1,2})(?:\s*(?:,\s*)?năm\s+(?P<y2>(?:19|20)\d{2}))?)(?![\d/]|[.,]\d)", re.I)


def written_dates(ctx: Ctx, block: int) -> None:
    p: Para = ctx.doc.blocks[block]
    text = p.text
    if "gày" not in text or not any(t.form in ("date", "nodate") for t in ctx.ntoks(block)):
        return  # (every date kept is a date or a “nodate” token of the tokenizer)
    for m in _WRITTEN.finditer(text):
        day, month = int(m.group("d")), int(m.group("m") or m.group("m2"))
        year = m.group("y") or m.group("y2")
        if 1 <= day <= 28 and 1 <= month <= 12:
            continue
        item = {"kind": "written_date", "text": m.group(0).strip(), "number": day, "month": month,
                "section": ctx.sid(block), "src": p.loc(m.start(), m.end())}
        if year:
            item["year"] = int(year)
        ctx.add("mentions", item)
