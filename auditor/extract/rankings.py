"""Items ranked by their values in one sentence:

    “Xếp theo thứ tự, có tỷ lệ hộ nghèo cao nhất là huyện Pác Nặm với 35,22%; tiếp theo là huyện Ngân
     Sơn 34,41%; huyện Na Rì 25,11%; …; thấp nhất là thành phố Bắc Kạn 1,93%.”

The list opens on one end (“cao nhất”, “lớn nhất”, “nhiều nhất”, “dẫn đầu”; or “thấp nhất”, “nhỏ
nhất”, “ít nhất”) and closes on the other, right before its last value; its items are the pieces
between “;” (or “,”), each with exactly one value, all values of one kind (percents, or one unit).
The two ends say the first item is the highest and the last the lowest; “xếp theo thứ tự”, “tiếp
theo (là)”, “tiếp đến”, “giảm dần / tăng dần” say every item is in order (`sorted`). Three items at
least; anything else in a piece (a second number, a change) leaves the sentence unread (ORD001)."""

from __future__ import annotations

import re

from auditor.extract.context import Ctx
from auditor.extract.document import Para
from auditor.extract.prose import clean_name, label_before, sentence_of
from auditor.extract.scan import unit_key
from auditor.files.rxgate import lowered

_HIGH = re.compile(r"(?<![\w])(?:cao\s+nhất|lớn\s+nhất|nhiều\s+nhất|dẫn\s+đầu)(?![\w])", re.I)
_LOW = re.compile(r"(?<![\w])(?:thấp\s+nhất|nhỏ\s+nhất|ít\s+nhất)(?![\w])", re.I)
_SORTED = re.compile(r"(?<![\w])(?:theo\s+thứ\s+tự|tiếp\s+theo|tiếp\s+đến|giảm\s+dần|tăng\s+dần)(?![\w])", re.I)
_LEAD = re.compile(r"^[\s,;:]*(?:(?:tiếp\s+theo|tiếp\s+đến|sau\s+đó)(?:\s+là)?|(?:cao|thấp|lớn|nhỏ)\s+nhất(?:\s+là)?|"
                   r"nhiều\s+nhất(?:\s+là)?|ít\s+nhất(?:\s+là)?|dẫn\s+đầu(?:\s+là)?|là)\s*", re.I)
_TAIL = re.compile(r"\s*(?:với|là|đạt|chiếm|có)?\s*[:(]?\s*$", re.I)


def rankings(ctx: Ctx, block: int) -> None:
    p = ctx.doc.blocks[block]
    if not isinstance(p, Para):
        return
    text = p.text
    if "nhất" not in text and "dẫn đầu" not in lowered(text):
        return
    toks, rs = ctx.ntoks(block), ctx.roles(block)
    for m in _HIGH.finditer(text):
        _one(ctx, block, text, toks, rs, m, "desc")
    for m in _LOW.finditer(text):
        _one(ctx, block, text, toks, rs, m, "asc")


def _one(ctx: Ctx, block: int, text: str, toks: list, rs: list, m: re.Match, order: str) -> None:
    sa, sb = sentence_of(text, m.start())
    other = _LOW if order == "desc" else _HIGH
    o = None
    for o in other.finditer(text, m.end(), sb):
        pass
    if o is None:
        return
    # (numbers of names, “phường 1”, are not values)
    vals = [(t, r) for t, r in zip(toks, rs) if m.end() <= t.s < sb and t.form == "number"]
    if len(vals) < 3 or any(r is None or r.kind not in ("level", "share", "pct", "remainder") or t.rel is not None
                            for t, r in vals):
        return
    kinds = {("%", None) if t.pct else ("unit", unit_key(t.unit)) for t, _r in vals}
    if len(kinds) != 1:
        return
    last = vals[-1][0]
    if not (o.start() < last.s) or any(o.start() < t.s for t, _r in vals[:-1]):
        return  # the other end names the last value only
    sep = ";" if ";" in text[m.end():last.s] else ","
    cut = max(text.rfind(sep, m.end(), o.start()), m.end())
    if len(re.findall(r"[^\W\d_]+", text[cut:o.start()])) > 2:
        return  # “…; tỷ lệ hộ cận nghèo thấp nhất là …”: the other end of another measure
    pieces: list[tuple[str, object]] = []
    pos = m.end()
    for t, _r in vals:
        cut = text.rfind(sep, pos, t.s)
        start = cut + 1 if cut >= 0 else pos
        if pieces and cut < 0:
            return  # two values in one piece
        label = clean_name(_TAIL.sub("", _LEAD.sub("", text[start:t.s])))
        if not label:
            return
        pieces.append((label, t))
        pos = t.ue
    if len(pieces) < 3:
        return
    what = label_before(text, m.start(), sa) or "?"
    is_sorted = _SORTED.search(text, sa, sb) is not None
    n = len(ctx.out["rankings"])
    ctx.add("rankings", {
        "id": f"{ctx.sid(block) or 'doc'}:ranking_{n + 1}", "label": what, "order": order, "sorted": is_sorted,
        "items": [{"label": lb, "value": ctx.num(block, t, percent=t.pct)} for lb, t in pieces],  # type: ignore[attr-defined]
        "section": ctx.sid(block), "src": ctx.loc(block, m.start(), last.ue), "confidence": "explicit",
        "reading": (f"“{m.group(0)}” … “{o.group(0)}”" + (" , cả danh sách theo thứ tự (the whole list in order)"
                                                            if is_sorted else " (the two ends)"))})
