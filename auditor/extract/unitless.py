"""A change written without its unit where the level's unit leaves two readings (NUM005):

    “Diện tích rừng trồng tập trung ước đạt 16.170,1 ha, tăng 9,5.”      (9,5 ha or 9,5 %?)
    “Năng suất lúa đạt 62,5 tạ/ha, tăng 1,5 so với cùng kỳ.”             (1,5 tạ/ha or 1,5 %?)

Only a change with decimals (a whole number of a count, “12 xã, tăng 3 so với năm trước”, is read
as that count), right after a level of a measure (not a count) in its sentence, and with nothing
after it that could be its unit (the clause ends, or “so với …” follows). The tool does not pick a
reading: the checks that need the change skip it, and the reviewer is told."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from auditor.extract.context import Ctx
from auditor.extract.document import Para
from auditor.extract.prose import sentence_of
from auditor.extract.vn import is_count_unit

if TYPE_CHECKING:  # (pydantic is not imported by a run: the objects are the report plan's)
    from auditor.model.report import SourceLoc

_AFTER = re.compile(r"\s*(?:[.;,)]|$|so\s+(?:với\s+)?)", re.I)
_GAP = re.compile(r"\s*,?\s*(?:(?:và|,)\s*)?$")


def unitless_changes(ctx: Ctx) -> list[tuple[str, str, str, SourceLoc, str]]:
    out = []
    for i, b in enumerate(ctx.doc.blocks):
        if not isinstance(b, Para) or ("tăng" not in b.text and "giảm" not in b.text):
            continue
        text = b.text
        toks, roles = ctx.ntoks(i), ctx.roles(i)
        for k, t in enumerate(toks):
            r = roles[k]
            if r is None or r.kind != "delta" or t.unit or t.pct or t.form != "number" or "," not in t.text:
                continue
            if not _AFTER.match(text, t.end):
                continue
            sa, _sb = sentence_of(text, t.start)
            level = next((toks[j] for j in range(k - 1, -1, -1) if roles[j] is not None and toks[j].start >= sa
                          and roles[j].kind == "level" and not toks[j].pct and toks[j].form == "number"), None)
            if level is None or not level.unit or is_count_unit(level.unit):
                continue
            shown = f"{t.text} {level.unit}"
            vi = (f"“{text[max(sa, level.start):t.end].strip()}”: mức thay đổi “{t.text}” không ghi đơn vị: là {shown} "
                  f"hay {t.text}%? Công cụ không đoán; các kiểm tra cần số này bị bỏ qua.")
            en = (f"“{text[max(sa, level.start):t.end].strip()}”: the change “{t.text}” has no unit: {shown} or "
                  f"{t.text}%? The tool does not guess; the checks that need it are skipped.")
            out.append(("NUM005", vi, en, b.loc(t.s, t.e), t.text))
    return out
