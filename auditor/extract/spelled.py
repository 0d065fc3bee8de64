"""Numbers written in figures and again in words, right after each other:

    “Tổng số tiền thưởng là 11.000.000 đồng (Mười một triệu đồng)”
    “Số tiền: 2.005.000.000 đồng. Bằng chữ: Hai tỷ không trăm linh năm triệu đồng chẵn.”
    “Tặng Giấy khen cho 05 (năm) tập thể”

The words are read only when they stand right after the figures (and their unit), in brackets or
after “bằng chữ:”, and are number words only (`numeric.words`): a bracket that says anything else
(“(có danh sách kèm theo)”, “(năm 2024)”) is not a spelled number (VAL002)."""

from __future__ import annotations

import re

from auditor.extract.context import Ctx
from auditor.extract.document import Para
from auditor.numeric.words import parse_words

# after the figures and their unit: “(… )”, “(Bằng chữ: …)”, “. Bằng chữ: … .”, “, viết bằng chữ: …;”
_BRACKET = re.compile(r"[ \t]*\([ \t]*(?:(?:viết[ \t]+)?bằng[ \t]+chữ[ \t]*:?[ \t]*)?([^()\d\n]{2,160}?)[ \t]*\)", re.I)
_SAID = re.compile(r"[ \t]*[.,;]?[ \t]*\(?[ \t]*(?:viết[ \t]+)?bằng[ \t]+chữ[ \t]*:?[ \t]*"
                   r"([^()\d\n;]{2,160}?)[ \t]*(?=\)|;|\./\.|\.[ \t]*$|\.[ \t]+\S|$)", re.I | re.M)


def spelled_numbers(ctx: Ctx, block: int) -> None:
    p = ctx.doc.blocks[block]
    if not isinstance(p, Para) or "(" not in p.text and "chữ" not in p.text:
        return
    text = p.text
    for t in ctx.ntoks(block):
        if t.form != "number" or not t.quantity or t.pct:
            continue
        # (“05 (năm) tập thể”: the words before the unit, which the tokenizer reads past them)
        m = _BRACKET.match(text, t.e) or _BRACKET.match(text, t.end) or _SAID.match(text, t.end)
        if m is None or parse_words(m.group(1)) is None:
            continue
        words = m.group(1).strip()
        ctx.mark_used(block, m.start(1), m.end(1))
        n = len(ctx.out["spelled"])
        ctx.add("spelled", {
            "id": f"{ctx.sid(block) or 'doc'}:spelled_{n + 1}", "value": ctx.num(block, t), "words": words,
            "unit": t.unit, "section": ctx.sid(block), "src": ctx.loc(block, t.s, m.end(1)),
            "confidence": "explicit", "reading": f"“{text[t.s:t.end]}” = “{words}”"})
