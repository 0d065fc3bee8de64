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

from auditor.extract.context import Ctx
from auditor.extract.document import Para
from auditor.extract.numbers import NumTok
from auditor.extract.prose import sentence_of
from auditor.extract.scan import unit_key
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
        _add(ctx, block, text, start, ins, [], end,
             f"“{start.text} {start.unit}” có sẵn + “thêm {', '.join(t.text for t in ins)}” = “{end.text}” "
             "(the stock + what is added = the new total)")


def _start_end(ctx: Ctx, block: int, text: str) -> None:
    levels = _levels(ctx, block)
    sents = sentences(text)

    def sent_of(t: NumTok) -> tuple[int, int]:
        return next(((a, b) for a, b in sents if a <= t.s < b), (0, len(text)))

    for i, st in enumerate(levels):
        sa, _sb = sent_of(st)
        if not cue("stock_start").search(text, sa, st.s):
            continue
        end = None
        for t in levels[i + 1:]:
            ta, _ = sent_of(t)
            if ta > sa and unit_key(t.unit) == unit_key(st.unit) and cue("stock_end").search(text, ta, t.s):
                end = t
                break
        if end is None:
            continue
        ls = _words(text[sa:st.s] + " " + _after(text, st))
        le = _words(text[sent_of(end)[0]:end.s] + " " + _after(text, end))
        if len(ls & le) < 2:
            continue  # not the same stock (“hộ nghèo” … “hộ cận nghèo”)
        ins, outs = [], []
        for t in levels[i + 1:]:
            if t is end:
                break
            if unit_key(t.unit) != unit_key(st.unit):
                continue
            a, b = _clause(text, t)
            if cue("flow_out").search(text, a, b):
                outs.append(t)
            elif cue("flow_in").search(text, a, b):
                ins.append(t)
        if not ins or not outs:
            continue  # one direction only: the rest of the movement is not written
        _add(ctx, block, text, st, ins, outs, end,
             "tồn đầu kỳ + phát sinh − giảm = tồn cuối kỳ, theo các từ “đầu năm / thoát / phát sinh / cuối năm” "
             "(the stock at the start + inflows − outflows = the stock at the end)")


def _add(ctx: Ctx, block: int, text: str, start: NumTok, ins: list[NumTok], outs: list[NumTok], end: NumTok,
         how: str) -> None:
    from auditor.extract.prose import label_before

    ctx.add("balances", {
        "id": f"{ctx.sid(block) or 'doc'}:balance_{len(ctx.out['balances']) + 1}",
        "label": label_before(text, end.s) or (end.unit or "?"), "unit": end.unit,
        "start": ctx.num(block, start),
        "inflows": [{"label": _flow_label(text, t), "value": ctx.num(block, t)} for t in ins],
        "outflows": [{"label": _flow_label(text, t), "value": ctx.num(block, t)} for t in outs],
        "end": ctx.num(block, end),
        "section": ctx.sid(block), "src": ctx.loc(block, start.s, end.ue),
        "confidence": "inferred", "reading": how})


def _flow_label(text: str, t: NumTok) -> str:
    a, b = _clause(text, t)
    s = (text[a:t.s] + " " + text[t.ue:b]).strip(" ;,.")
    return re.sub(r"\s+", " ", s) or (t.unit or "?")
