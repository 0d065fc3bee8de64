"""The contributions of the sectors to a growth rate, in percentage points:

    “Trong 6,6% tăng trưởng GRDP toàn tỉnh, khu vực nông lâm nghiệp - thuỷ sản đóng góp 1,48 điểm phần
     trăm …; khu vực công nghiệp - XDCB đóng góp 2,1 điểm phần trăm; khu vực dịch vụ đóng góp 2,85 điểm
     phần trăm; thuế sản phẩm và trợ cấp đóng góp 0,33 điểm phần trăm.”

The points add up to the growth rate they are said to make up: sectors plus product taxes are the
whole of GRDP, so a list that names the taxes is complete (their sum is the rate); one that does not
may leave them out (their sum is at most the rate). Read only when the sentence itself names the
rate the points are of (“Trong X% tăng trưởng …”); points said in another paragraph than the rate are
left alone."""

from __future__ import annotations

import re

from auditor.extract.context import Ctx
from auditor.extract.document import Para
from auditor.extract.prose import clean_name, sentence_of
from auditor.files.rxgate import lowered

_LEAD = re.compile(r"(?<![\w])trong\s+(?:mức\s+)?(?P<x>\d{1,2}(?:,\d{1,3})?)\s*%\s+(?:mức\s+)?tăng\s+trưởng", re.I)
_PART = re.compile(r"đóng\s+góp(?:\s+thêm)?(?:\s+được)?\s+(?P<v>\d{1,2}(?:,\d{1,3})?)\s*điểm\s+(?:phần\s+trăm|%)", re.I)
_TAXES = re.compile(r"(?<![\w])thuế(?![\w])", re.I)
_LEAD_RATE = re.compile(r"(?<![\w])(?:GRDP|tổng\s+sản\s+phẩm|tăng\s+trưởng\s+kinh\s+tế)(?![\w])[^.;%]{0,80}?"
                        r"(?<![\w])(?:tăng|đạt)\s+(?P<x>\d{1,2}(?:,\d{1,3})?)\s*%", re.I)
_SECTOR_WORD = re.compile(r"(?<![\w])(?:khu\s+vực|ngành|lĩnh\s+vực|thuế|nhóm)(?![\w])", re.I)
_THEN_PARTS = re.compile(r"(?<![\w])(?:trong\s+đó|cụ\s+thể)(?![\w])", re.I)
_SECTOR_RISE = re.compile(r"(?<![\w])(?:ước\s+)?(?:tăng|giảm)\s+\d{1,3}(?:,\d{1,3})?\s*%\s*,?", re.I)


def contributions(ctx: Ctx, block: int) -> None:
    p: Para = ctx.doc.blocks[block]
    text = p.text
    if "đóng góp" not in lowered(text):
        return
    leads = list(_LEAD.finditer(text))
    for lead in _LEAD_RATE.finditer(text):
        # “GRDP … ước tăng 7,5% so với cùng kỳ; trong đó khu vực nông, lâm nghiệp và thủy sản tăng 3,2%, đóng
        # góp 0,6 điểm phần trăm; …”: the rate first, then its sectors' points after “trong đó”
        _sa, sb = sentence_of(text, lead.start())
        first = _PART.search(text, lead.end(), sb)
        if first is not None and _THEN_PARTS.search(text, lead.end(), first.start()) \
                and not any(x.start() <= lead.start() < x.end() for x in leads):
            leads.append(lead)
    for lead in leads:
        _sa, sb = sentence_of(text, lead.start())
        parts = list(_PART.finditer(text, lead.end(), sb))
        if len(parts) < 2:
            continue
        items, pos = [], lead.end()
        for m in parts:
            seg = _SECTOR_RISE.sub(" ", re.split(r";", text[pos:m.start()])[-1])
            head = None
            for head in _SECTOR_WORD.finditer(seg):
                pass
            # (from the sector's own word: “khu vực nông, lâm nghiệp và thủy sản” keeps its comma)
            label = clean_name(seg[head.start():].strip(" ,")) if head is not None else \
                clean_name(re.split(r"[;,]", seg.strip(" ,"))[-1]) or clean_name(seg) or "?"
            items.append({"label": label, "value": ctx.num(block, (m.start("v"), m.end("v")))})
            ctx.used_by[(block, m.start("v"))] = "part"
            pos = m.end()
        complete = any(_TAXES.search(it["label"]) for it in items)
        n = len(ctx.out["totals"])
        ctx.add("totals", {
            "id": f"{ctx.sid(block) or 'doc'}:total_{n + 1}", "label": f"đóng góp vào tăng trưởng {lead.group('x')}%",
            "unit": "điểm phần trăm", "total": ctx.num(block, (lead.start("x"), lead.end("x"))), "parts": items,
            "complete": complete, "section": ctx.sid(block), "src": p.loc(lead.start(), parts[-1].end()),
            "confidence": "explicit",
            "reading": ("các khu vực đóng góp (điểm phần trăm) vào mức tăng trưởng đã nêu; " + (
                "có thuế sản phẩm nên là toàn bộ (with product taxes: the whole)" if complete else
                "không nêu thuế sản phẩm nên có thể chưa đủ: chỉ kiểm tra tổng các phần không vượt mức tăng "
                "(without product taxes the list may be partial)"))})
