"""The plan stated in the sentence before its result:

    “Dự toán thu ngân sách năm 2024 HĐND huyện giao 150 tỷ đồng. Kết quả thu ngân sách ước đạt 165 tỷ
     đồng, bằng 110% dự toán.”
    “Năm 2022, thành phố được Trung ương giao thu ngân sách là 386.568 tỷ đồng. … thành phố đã thu được
     457.500 tỷ đồng, vượt 18,4% dự toán được giao.”

A result read with its percent of plan (“bằng 110% dự toán”) or its excess over it (“vượt 18,4% dự
toán”) and no plan value of its own takes the one value, in its unit, that its own item or sentence
earlier names as a plan (“kế hoạch vốn 4.417,2 tỷ đồng, khối lượng thực hiện 2.313 tỷ đồng, đạt 52,4%
kế hoạch”), or else that the sentence just before assigns as a plan (“dự toán … giao”, “kế hoạch … là”, “được … giao … là”), when the two sentences
share a word of what is measured (“thu”, “ngân sách”). The link crosses a sentence: it is a reading
(inferred), so a mismatch is a warning."""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Any

from auditor.extract.context import Ctx
from auditor.extract.document import Para
from auditor.extract.prose import sentence_of
from auditor.extract.scan import CLAUSE_LOOKBACK, unit_key
from auditor.extract.vn import content_tokens

# the clause before a value names it as a plan
_PLAN_WORDS = re.compile(r"(?<![\w])(?:dự\s+toán|kế\s+hoạch|chỉ\s+tiêu|giao|phân\s+bổ)(?![\w])", re.I)
_CLAUSE = re.compile(r"[;:(]|,(?=\s)")
# words that say nothing of what is measured
_GENERIC = frozenset(("năm", "kết", "quả", "ước", "đạt", "tính", "đến", "được", "giao", "dự", "toán", "kế", "hoạch",
                      "chỉ", "tiêu", "bằng", "vượt", "so", "với", "tháng", "giữa", "cuối", "đầu", "đã", "là", "thành",
                      "phố", "tỉnh", "huyện", "xã", "phường", "trung", "ương", "hđnd", "ubnd", "trên", "địa", "bàn"))


def _words(s: str) -> set[str]:
    return {w for w in content_tokens(s) if w not in _GENERIC and not w.isdigit()}


def _previous_sentence(ctx: Ctx, block: int, sa: int, body: list[int]) -> tuple[int, int, int] | None:
    """(block, start, end) of the sentence before the one starting at `sa`: in its paragraph, or the
    last of the paragraph before it in the same section."""
    text = ctx.doc.blocks[block].text
    if text[:sa].strip():
        a, b = sentence_of(text, len(text[:sa].rstrip()) - 1)
        return block, a, b
    k = body.index(block) if block in body else -1
    if k <= 0 or ctx.sid(body[k - 1]) != ctx.sid(block):
        return None
    prev = body[k - 1]
    ptext = ctx.doc.blocks[prev].text.rstrip()
    if not ptext:
        return None
    a, b = sentence_of(ptext, len(ptext) - 1)
    return prev, a, b


def _plan_in(ctx: Ctx, where: tuple[int, int, int], unit: str | None) -> tuple[int, Any] | None:
    block, a, b = where
    text = ctx.doc.blocks[block].text
    found = []
    starts = ctx.ntok_starts(block)
    i, j = bisect_left(starts, a), bisect_left(starts, b)
    for t, r in zip(ctx.ntoks(block)[i:j], ctx.roles(block)[i:j]):
        if r is None or r.kind not in ("level", "plan") or t.pct or t.form != "number" \
                or t.approx or unit_key(t.unit) != unit_key(unit):
            continue
        cut = 0
        for m in _CLAUSE.finditer(text, max(a, t.start - CLAUSE_LOOKBACK), t.start):  # (its own clause: near it)
            cut = m.end()
        if _PLAN_WORDS.search(text, max(a, cut), t.start):
            found.append(t)
    if len(found) != 1:
        return None
    return block, found[0]


_SUBSET = re.compile(r"\s*(?:trong\s+đó|riêng|cụ\s+thể)(?![\w])", re.I)


def _between(ctx: Ctx, block: int, a: int, b: int) -> list:
    """The numbers of `block` starting in [a, b) (by bisection: a long paragraph costs its items, not its
    length per item)."""
    starts = ctx.ntok_starts(block)
    return ctx.ntoks(block)[bisect_left(starts, a):bisect_left(starts, b)]


def _own_value_before(ctx: Ctx, block: int, sa: int, s: int, unit: str | None) -> bool:
    uk = unit_key(unit)
    return any(not t.pct and t.form == "number" and unit_key(t.unit) == uk for t in _between(ctx, block, sa, s))


def plans_stated_before(ctx: Ctx) -> None:
    blocks = ctx.doc.blocks
    body = [i for i in ctx.L.body if isinstance(blocks[i], Para)]
    items: list[tuple[dict, str, str]] = [(ind, "th", "kh") for ind in ctx.out["indicators"]
                                          if "th" in ind["values"] and "pct_kh" in ind["values"]
                                          and "kh" not in ind["values"]]
    items += [(ch, "value", "prior") for ch in ctx.out["changes"]
              if ch.get("against") == "plan" and ch.get("value") is not None and ch.get("prior") is None
              and ch.get("percent") is not None and ch.get("delta") is None]
    for item, have, want in items:
        num = item["values"][have] if have == "th" else item[have]
        place = ctx.num_place.get(id(num))
        if place is None or not isinstance(place[0], int):
            continue
        block, s, _e = place
        text = blocks[block].text
        sa, sb = sentence_of(text, s)
        # (its own item first: “nguồn ngân sách tỉnh: kế hoạch vốn …, đạt 52,4% kế hoạch; nguồn ngân sách Trung
        # ương: kế hoạch vốn 1.147,3 tỷ đồng, khối lượng thực hiện 290 tỷ đồng, đạt 25,3% kế hoạch”)
        semi = text.rfind(";", sa, s) + 1
        own = semi and _plan_in(ctx, (block, semi, s), item.get("unit")) or None
        if own is None:
            own = _plan_in(ctx, (block, sa, s), item.get("unit"))
            if own is not None and semi and any(t.pct for t in _between(ctx, block, own[1].end, semi)):
                own = None  # the plan of an earlier item, which has its own result and percent
        if own is not None:
            # “kế hoạch vốn năm 2022: đã phân bổ 5.564,5 tỷ đồng, khối lượng thực hiện đạt 2.603 tỷ đồng, bằng
            # 46,8% kế hoạch”: the one plan earlier in its own sentence
            prev = (block, sa, s)
        elif _SUBSET.match(text, sa) or _own_value_before(ctx, block, sa, s, item.get("unit")):
            # “Trong đó, …”: a subset of what the sentence before measured, whose plan is the whole's; another
            # value in the unit earlier in its own sentence, not named as a plan, may be its plan all the same
            continue
        else:
            prev = _previous_sentence(ctx, block, sa, body)
        if prev is None:
            continue
        got = own or _plan_in(ctx, prev, item.get("unit"))
        if got is None:
            continue
        pb, tok = got
        ptext = blocks[pb].text
        if own is None and not _words(ptext[prev[1]:tok.start]) & _words(text[sa:s]):
            continue  # nothing measured in common: another quantity's plan
        value = ctx.num(pb, tok)
        if have == "th":
            item["values"][want] = value
        else:
            item[want] = value
        item["confidence"] = "inferred"
        item["reading"] = "; ".join(x for x in (item.get("reading"), (
            f"kế hoạch “{tok.text} {tok.unit}” lấy từ "
            + (f"vế trước trong câu (“{ptext[max(prev[1], tok.start - 80):tok.end].strip()}”) (the plan stated earlier in "
               "the sentence)" if own is not None else
               f"câu trước (“{ptext[prev[1]:tok.end].strip()[:80]}”) (the plan stated in the sentence before)"))) if x)
