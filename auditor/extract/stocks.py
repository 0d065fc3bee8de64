"""Stocks and their flows stated in running text (cue words: auditor/data/cues.yaml).

* “huyện có 2 xã đạt chuẩn NTM nâng cao, dự kiến đến hết năm có thêm 2 xã đạt chuẩn NTM nâng cao,
  nâng tổng số xã NTM nâng cao toàn huyện lên 7 xã”: a stock, what is added, the new total;
* “Tổng số hộ nghèo tính từ đầu năm … là 21.989 hộ … Số hộ thoát nghèo trong năm là 6.782 hộ …; có
  169 hộ cận nghèo trở thành hộ nghèo; 13 hộ tái nghèo; số hộ nghèo phát sinh mới là 594 hộ. Tổng số
  hộ nghèo đến cuối năm … là 15.943 hộ”: the stock at the start, flows out and in, the stock at the end.

start + inflows − outflows = end (BAL001). Flows in only one direction are not read as a balance:
the text then lists what went out (or in) but not the rest of the movement, and a gap proves nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from auditor.extract.context import Ctx
from auditor.extract.document import Para
from auditor.extract.numbers import NumTok
from auditor.extract.prose import sentence_of
from auditor.extract.scan import CLAUSE_LOOKBACK, unit_key
from auditor.extract.vn import content_tokens, sentences
from auditor.registries.cues import cue

_TIME_WORDS = frozenset(("nam", "dau", "cuoi", "tinh", "den", "tu", "trong", "ky", "toan", "tinh", "dia", "ban", "tren"))


def _levels(ctx: Ctx, block: int) -> list[NumTok]:
    return [t for t, r in zip(ctx.ntoks(block), ctx.roles(block))
            if r is not None and t.form == "number" and not t.pct and t.unit and r.kind in ("level", "remainder")]


def _clause(text: str, t: NumTok) -> tuple[int, int]:
    a = max(text.rfind(";", 0, t.s), text.rfind(",", 0, t.s), sentence_of(text, t.s)[0] - 1) + 1
    m = re.compile(r"[;,]|(?<=[^\d\s])\.(?=\s|$)").search(text, t.ue)
    return a, (m.start() if m else len(text))


def _after(text: str, t: NumTok) -> str:
    """The words after a count up to the clause's end: what is counted (“xã đạt chuẩn NTM nâng cao”)."""
    m = re.compile(r"[;,(]|(?<=[^\d\s])\.(?=\s|$)").search(text, t.ue)
    return text[t.ue:m.start() if m else len(text)]


def _words(s: str) -> frozenset[str]:
    return frozenset(content_tokens(re.sub(r"\d[\d.,]*", " ", s))) - _TIME_WORDS


def balances(ctx: Ctx, block: int) -> None:
    p = ctx.doc.blocks[block]
    assert isinstance(p, Para)
    if not _levels(ctx, block):
        return  # both readings end at a level of this paragraph (and the chain's levels are its followers')
    _raised(ctx, block, p.text)
    _start_end(ctx, block, p.text)


def _raised(ctx: Ctx, block: int, text: str) -> None:
    levels = _levels(ctx, block)
    for m in cue("raise_total").finditer(text):
        sa, sb = sentence_of(text, m.start())
        end = next((t for t in levels if m.end() <= t.s < sb), None)
        if end is None:
            continue
        before = [t for t in levels if sa <= t.s < m.start() and unit_key(t.unit) == unit_key(end.unit)]
        ins = [t for t in before if cue("flow_in").before(text, t.start, window=20, gap=r"\s*")]
        if not ins:
            continue
        noun = _words(_after(text, ins[0]))
        start = next((t for t in reversed(before) if t.s < ins[0].s and t not in ins
                      and noun and noun == _words(_after(text, t))), None)
        if start is None:
            continue
        _add(ctx, block, (block, start), [(block, t) for t in ins], [], (block, end),
             f"“{start.text} {start.unit}” có sẵn + “thêm {', '.join(t.text for t in ins)}” = “{end.text}” "
             "(the stock + what is added = the new total)")


def _following(ctx: Ctx, block: int, n: int = 6) -> list[int]:
    """The paragraphs right after `block` in its section: a stock and its flows may be told over
    several (one sentence a paragraph in some layouts)."""
    out, sec = [], ctx.section(block)
    for j in range(block + 1, min(len(ctx.doc.blocks), block + 1 + n)):
        if not isinstance(ctx.doc.blocks[j], Para) or ctx.section(j) is not sec or j in ctx.L.headings:
            break
        out.append(j)
    return out


# A stock's end is told within a few levels of its start (its flows between); on a text of
# thousands of levels the search for it would otherwise cost levels × levels.
_END_WITHIN = 60


def _start_end(ctx: Ctx, block: int, text: str) -> None:
    chain = [block] + _following(ctx, block)
    levels = [(b, t) for b in chain for t in _levels(ctx, b)]
    # the flows: counts, or changes with no base of their own (“trong kỳ tăng mới 25 người, giảm 18 người”)
    flows = [(b, t, r) for b in chain for t, r in zip(ctx.ntoks(b), ctx.roles(b))
             if r is not None and t.form == "number" and not t.pct and t.unit
             and (r.kind in ("level", "remainder") or r.kind == "delta" and r.base is None)]

    def txt(b: int) -> str:
        return ctx.doc.blocks[b].text

    sents: dict[int, tuple[list[tuple[int, int]], list[int]]] = {}

    def sent_of(b: int, t: NumTok) -> tuple[int, int]:
        if b not in sents:  # (each paragraph's sentences once: a level of it is found by bisection)
            ss = list(sentences(txt(b)))
            sents[b] = (ss, [a for a, _ in ss])
        ss, starts = sents[b]
        i = bisect_right(starts, t.s) - 1
        return ss[i] if i >= 0 and ss[i][0] <= t.s < ss[i][1] else (0, len(txt(b)))

    def near(a: int, t: NumTok) -> int:
        return max(a, t.s - CLAUSE_LOOKBACK)  # the cue is looked for in the words near the level

    for i, (b0, st) in enumerate(levels):
        if b0 != block:
            break
        sa, _sb = sent_of(b0, st)
        if not cue("stock_start").search(text, near(sa, st), st.s):
            continue
        end = None
        for b, t in levels[i + 1:i + 1 + _END_WITHIN]:
            ta, _ = sent_of(b, t)
            if (b, ta) != (b0, sa) and unit_key(t.unit) == unit_key(st.unit) \
                    and cue("stock_end").search(txt(b), near(ta, t), t.s):
                end = (b, t)
                break
        if end is None:
            continue
        etx, et = txt(end[0]), end[1]
        ns, ne = _words(f"{st.unit} {_after(text, st)}"), _words(f"{et.unit} {_after(etx, et)}")
        if ns != ne and len(ns) > 1 and len(ne) > 1:
            continue  # both name what they count, differently (“85 hộ nghèo” … “60 hộ cận nghèo”)
        ls = _words(text[sa:st.s]) | ns
        le = _words(etx[sent_of(*end)[0]:et.s]) | ne
        if len(ls & le) < 2:
            continue  # not the same stock (“hộ nghèo” … “hộ cận nghèo”)
        ins, outs = [], []
        lo, hi = (chain.index(b0), st.s), (chain.index(end[0]), et.s)
        for b, t, r in flows:
            if not lo < (chain.index(b), t.s) < hi or unit_key(t.unit) != unit_key(st.unit):
                continue
            a, e = _clause(txt(b), t)
            if cue("flow_out").search(txt(b), a, e):
                outs.append((b, t))
            elif cue("flow_in").search(txt(b), a, e):
                ins.append((b, t))
            elif r.kind == "delta" and r.direction in ("up", "down"):
                (ins if r.direction == "up" else outs).append((b, t))
        if not ins or not outs:
            continue  # one direction only: the rest of the movement is not written
        _add(ctx, block, (b0, st), ins, outs, end,
             "tồn đầu kỳ + phát sinh − giảm = tồn cuối kỳ, theo các từ “đầu năm / thoát / phát sinh / cuối năm” "
             "(the stock at the start + inflows − outflows = the stock at the end)")


def _stock_label(stext: str, st: NumTok, etext: str, et: NumTok) -> str:
    """What the stock counts: the words after its start (“85 hộ nghèo”), else (a place, or nothing
    after it: “21.989 hộ trên địa bàn tỉnh”) the label before its end (“Tổng số hộ nghèo đến cuối năm”)."""
    from auditor.extract.prose import label_before

    after = _after(stext, st).strip(" :")
    if content_tokens(after) and not re.match(r"(?:trên\s+địa\s+bàn|toàn|tại|của|ở|trong)(?![\w])", after, re.I):
        return f"{st.unit} {after}".strip()
    end_label, start_label = label_before(etext, et.s), label_before(stext, st.s)
    if not _words(end_label) and _words(start_label):
        return start_label  # the end's words only say when (“Cuối kỳ có”)
    return end_label or start_label or (et.unit or "?")


def _add(ctx: Ctx, block: int, start: tuple[int, NumTok], ins: list[tuple[int, NumTok]],
         outs: list[tuple[int, NumTok]], end: tuple[int, NumTok], how: str) -> None:

    eb, et = end
    etext = ctx.doc.blocks[eb].text
    sb, st = start
    ctx.add("balances", {
        "id": f"{ctx.sid(block) or 'doc'}:balance_{len(ctx.out['balances']) + 1}",
        "label": _stock_label(ctx.doc.blocks[sb].text, st, etext, et), "unit": et.unit,
        "start": ctx.num(sb, st),
        "inflows": [{"label": _flow_label(ctx.doc.blocks[b].text, t), "value": ctx.num(b, t)} for b, t in ins],
        "outflows": [{"label": _flow_label(ctx.doc.blocks[b].text, t), "value": ctx.num(b, t)} for b, t in outs],
        "end": ctx.num(eb, et),
        "section": ctx.sid(block), "src": ctx.loc(sb, st.s, et.ue if eb == sb else st.ue),
        "confidence": "inferred", "reading": how})


def _flow_label(text: str, t: NumTok) -> str:
    a, b = _clause(text, t)
    s = (text[a:t.s] + " " + text[t.ue:b]).strip(" ;,.")
    return re.sub(r"\s+", " ", s) or (t.unit or "?")
