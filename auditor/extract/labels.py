"""A quantity's name against its unit: “sản lượng 46,8 tạ/ha” names an output (a mass) but is
written in a yield unit (mass per area).

    label_unit_problems(ctx) -> [(rule, vi, en, loc, text), …]     # UNIT006, one per number

The name is the word of the number's own piece (after the last “,”, “;”, “:” or bracket before
it) that says what kind of measure it is (cue lists `names_output`, `names_yield`, `names_area`
of auditor/data/cues.yaml); the unit is the one written after the number. Only the three
agricultural measures whose units cannot be confused are checked: an output is a mass, a yield is
a mass per area, an area is an area; and a growth rate by name (“tốc độ tăng …”, “tỷ lệ tăng”) is a
percentage, never an amount (“Tốc độ tăng tổng sản phẩm … ước đạt 15.420 tỷ đồng”). A yield written in a mass unit (“năng suất đạt 55,92 tạ”, the
“/ha” left out) is a common shorthand and is not reported. Which of the two (the word or the unit) is wrong is not known:
the finding says both and quotes the sentence.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from auditor.extract.context import Ctx
from auditor.extract.document import Para
from auditor.extract.prose import sentence_of
from auditor.model.units import unit_info
from auditor.registries.cues import cue

if TYPE_CHECKING:  # (pydantic is not imported by a run: the objects are the report plan's)
    from auditor.model.report import SourceLoc

_YIELD = re.compile(r"(?:tạ|tấn|kg|yến)\s*/\s*(?:ha|sào)", re.I)
_PIECE = re.compile(r"[,;:()]")
_KINDS = (("names_output", "output"), ("names_yield", "yield"), ("names_area", "area"))
_WHAT = {"output": ("sản lượng (khối lượng: tấn, tạ, kg)", "an output (a mass: tấn, tạ, kg)"),
         "yield": ("năng suất (khối lượng trên diện tích: tạ/ha, tấn/ha)", "a yield (mass per area: tạ/ha, tấn/ha)"),
         "area": ("diện tích (ha, m², sào)", "an area (ha, m², sào)"),
         "rate": ("tốc độ tăng (một tỷ lệ phần trăm)", "a growth rate (a percentage)")}
_UNIT_IS = {"output": ("đơn vị của năng suất hay diện tích", "a yield or an area unit"),
            "yield": ("đơn vị của diện tích", "an area unit"),
            "area": ("đơn vị của khối lượng hay năng suất", "a mass or a yield unit"),
            "rate": ("đơn vị của một giá trị, không phải %", "the unit of an amount, not a percentage")}


# a growth rate by name: a percent (or an index), never an amount
_RATE_NAME = re.compile(r"(?<![\w])(?:tốc\s+độ\s+(?:tăng(?:\s+trưởng)?|phát\s+triển|giảm)|t[ỷỉ]\s+lệ\s+(?:tăng|giảm))(?![\w])",
                        re.I)


def _dimension(unit: str) -> str | None:
    if _YIELD.fullmatch(unit.strip()):
        return "yield"
    d = unit_info(unit).dimension
    if d == "mass":
        return "output"
    if d == "area" or unit.strip().lower() == "sào":
        return "area"
    if d == "money":
        return "amount"
    return None


def label_unit_problems(ctx: Ctx) -> list[tuple[str, str, str, SourceLoc, str]]:
    out = []
    for i, b in enumerate(ctx.doc.blocks):
        if not isinstance(b, Para):
            continue
        text = b.text
        prev_end = 0
        for t in ctx.ntoks(i):
            if not t.quantity or t.form != "number" or t.pct or not t.unit:
                prev_end = max(prev_end, t.end)
                continue
            has = _dimension(t.unit)
            if has is None:
                prev_end = t.end
                continue
            cut = max([m.end() for m in _PIECE.finditer(text, prev_end, t.start)], default=prev_end)
            # (never across a sentence's end: “… chiếm 1/3 sản lượng lúa toàn huyện. Cây trồng chủ yếu khác … là 24 ha”)
            cut = max(cut, sentence_of(text, t.start)[0])
            words = text[cut:t.start]
            named = None
            for name, kind in _KINDS:
                m = None
                for m in cue(name).finditer(words):
                    pass
                if m is not None and (named is None or m.start() > named[1]):
                    named = (kind, m.start())
            if has == "amount":
                # (the rate's name may stand before the period it is of: “Tốc độ tăng … 6 tháng đầu năm 2023 ước
                # đạt 15.420 tỷ đồng”; its piece runs back over the numbers that are not quantities)
                sa = sentence_of(text, t.start)[0]
                back = max([m.end() for m in _PIECE.finditer(text, sa, t.start)], default=sa)
                if not any(x.quantity and back <= x.s < t.s for x in ctx.ntoks(i)):
                    for m in _RATE_NAME.finditer(text, back, t.start):
                        named = ("rate", m.start() - cut)
                        cut = min(cut, m.start())
            prev_end = t.end
            if named is None or named[0] == has or (named[0], has) == ("yield", "output") \
                    or (has == "amount" and named[0] != "rate"):
                continue  # “năng suất đạt 55,92 tạ”: a yield with its “/ha” left out is a shorthand
            sa, sb = sentence_of(text, t.start)
            quote = text[sa:sb].strip()
            if len(quote) > 160:
                a = max(sa, t.start - 70)
                quote = "…" + text[a:min(sb, t.ue + 70)].strip() + "…"
            what_vi, what_en = _WHAT[named[0]]
            unit_vi, unit_en = _UNIT_IS[named[0]]
            written = text[cut:t.ue].strip()
            out.append((
                "UNIT006",
                f"“{written}”: chữ viết là {what_vi} nhưng “{t.unit}” là {unit_vi}; chữ hoặc đơn vị bị viết nhầm "
                f"(“{quote}”).",
                f"“{written}”: the words name {what_en} but “{t.unit}” is {unit_en}; the word or the unit is "
                f"wrong (“{quote}”).", b.loc(t.s, t.ue), t.text))
    return out
