"""Numbers written in figures and again in words, right after each other:

    “Tổng số tiền thưởng là 11.000.000 đồng (Mười một triệu đồng)”
    “Số tiền: 2.005.000.000 đồng. Bằng chữ: Hai tỷ không trăm linh năm triệu đồng chẵn.”
    “Tặng Giấy khen cho 05 (năm) tập thể”

The words are read only when they stand right after the figures (and their unit), in brackets or
after “bằng chữ:” (or on the next line, “(Bằng chữ: …)” under “Tổng cộng: 11.000.000 đồng”), and are
number words only (`numeric.words`): a bracket that says anything else
(“(có danh sách kèm theo)”, “(năm 2024)”) is not a spelled number (VAL002)."""

from __future__ import annotations

import re

from auditor.extract.context import Ctx
from auditor.extract.document import Para
from auditor.extract.numbers import NumTok
from auditor.model.units import unit_info
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
    toks = ctx.ntoks(block)
    if not toks:
        _on_its_own_line(ctx, block, p)
        return
    for t in toks:
        if t.form != "number" or not t.quantity or t.pct:
            continue
        # (“05 (năm) tập thể”: the words before the unit, which the tokenizer reads past them; a currency
        # the unit list does not hold, “11.000.000 VNĐ (…)”, between the figures and the words)
        after = _CURRENCY.match(text, t.end)
        m = _BRACKET.match(text, t.e) or _BRACKET.match(text, after.end()) or _SAID.match(text, after.end())
        if m is None or parse_words(m.group(1)) is None:
            continue
        _add(ctx, block, t, m.group(1).strip(), block, m.start(1), m.end(1), text[t.s:after.end()],
             money=bool(after.group(0).strip()))


_IN_MONEY = re.compile(r"(?<![\w])(?:đồng|vnđ|vnd)(?![\w])", re.I)
_CURRENCY = re.compile(r"(?:[ \t]*(?:VNĐ|VND|đ)(?![\w]))?", re.I)
_LINE = re.compile(r"^[ \t]*\(?[ \t]*(?:viết[ \t]+)?bằng[ \t]+chữ[ \t]*:?[ \t]*([^()\d\n;]{2,160}?)[ \t]*\)?[ \t]*(?:\./\.|\.)?[ \t]*$",
                   re.I)


def _on_its_own_line(ctx: Ctx, block: int, p: Para) -> None:
    """“Tổng cộng: 11.000.000 đồng” then, on the next line, “(Bằng chữ: Mười một triệu đồng)”: the
    words are the last figures of the line before, when nothing but their unit follows them."""
    m = _LINE.match(p.text)
    if m is None or parse_words(m.group(1)) is None or block == 0:
        return
    prev = ctx.doc.blocks[block - 1]
    if not isinstance(prev, Para) or not ctx.ntoks(block - 1):
        return
    t = ctx.ntoks(block - 1)[-1]
    if t.form != "number" or not t.quantity or t.pct or prev.text[t.end:].strip(" \t.,;:)VNĐvnđ"):
        return
    _add(ctx, block - 1, t, m.group(1).strip(), block, m.start(1), m.end(1), prev.text[t.s:t.end])


def _add(ctx: Ctx, block: int, t: NumTok, words: str, wblock: int, a: int, b: int, figures: str,
         money: bool = False) -> None:
    if _IN_MONEY.search(words) and not money and unit_info(t.unit or "").dimension != "money":
        return  # words of an amount of money are not a count's (“… chi cho 12 hộ. Bằng chữ: Mười một triệu đồng”)
    ctx.mark_used(wblock, a, b)
    n = len(ctx.out["spelled"])
    ctx.add("spelled", {
        "id": f"{ctx.sid(block) or 'doc'}:spelled_{n + 1}", "value": ctx.num(block, t), "words": words,
        "unit": t.unit, "section": ctx.sid(block),
        "src": ctx.loc(block, t.s, b) if wblock == block else ctx.loc(block, t.s, t.end),
        "confidence": "explicit", "reading": f"“{figures}” = “{words}”"})
