"""A page's headline restating a count of its body (“One quantity, one value”, VAL001):

    “Khen thưởng 8 tập thể và 18 cá nhân điển hình tiên tiến giai đoạn 2014 - 2018”   (headline)
    “… Có 4 tập thể và 18 cá nhân điển hình tiên tiến được tôn vinh và khen thưởng …”  (body)

A headline sums up its page: a count it gives of “tập thể … điển hình tiên tiến” is the count the
body gives of the same words. Each count of the headline (a count unit with at least two words of
its own after it, shared by counts joined with “và” or a comma) is compared with the one count of
the body with the same unit and the same first words; none or several, and nothing is linked.
Captions that repeat the headline word for word are the headline again. Only for a page without a
report header (a report's title names no such counts). The link is the reader's: a warning at most."""

from __future__ import annotations

import re

from auditor.extract.context import Ctx
from auditor.extract.document import Para
from auditor.extract.numbers import NumTok
from auditor.extract.period import headline_of
from auditor.extract.prose import sentence_of
from auditor.extract.scan import unit_key
from auditor.extract.vn import is_count_unit, slug

# words after a count's unit, up to where its noun phrase stops
_STOP = re.compile(r"[,.;:()\d]|\s(?:được|đã|trong|tại|năm|giai\s+đoạn|từ|đến|vào|của|với|và|cho|do|nhằm|"
                   r"để|khi|sau|trước|về)(?![\w])", re.I)
_JOIN = re.compile(r"\s*(?:,|và|,\s*và)\s*$", re.I)
_WORDS = 3  # the first words of the phrase that must be the same
# an average for each day or month (“Bình quân mỗi ngày có 16 người chết …”): not the page's count
# what two actions did together (“xây dựng mới và sửa chữa 25 nhà”): the body may give each on its own
_TWO_ACTIONS = re.compile(r"(?<![\w])(?:xây\s+(?:dựng\s+)?mới|làm\s+mới|sửa\s+chữa|nâng\s+cấp|cải\s+tạo|tiếp\s+nhận|"
                          r"giải\s+quyết|hỗ\s+trợ|bàn\s+giao|khởi\s+công)\s+và\s+[^\W\d_]+(?:\s+[^\W\d_]+){0,2}\s*$", re.I)
_PER_PERIOD = re.compile(r"(?<![\w])(?:(?:bình\s+quân|trung\s+bình)(?:\s+mỗi\s+[^\W\d_]+)?|mỗi\s+(?:ngày|tuần|tháng|quý|năm))"
                         r"(?:\s+[^\W\d_]+){0,2}\s*$", re.I)
_WORD = re.compile(r"[^\W\d_]+")


def _counts(ctx: Ctx, block: int) -> list[tuple[NumTok, str, tuple[str, ...], str, bool]]:
    """(count, unit key, the first words of its noun phrase) of each count of a paragraph; counts
    joined by “và” or a comma share the phrase of the last (“8 tập thể và 18 cá nhân điển hình …”)."""
    text = ctx.doc.blocks[block].text
    toks = [t for t, r in zip(ctx.ntoks(block), ctx.roles(block))
            if r is not None and r.kind == "level" and t.form == "number" and not t.pct and not t.approx
            and t.unit and is_count_unit(t.unit) and not _PER_PERIOD.search(text, max(0, t.start - 40), t.start)
            and not _TWO_ACTIONS.search(text, max(0, t.start - 40), t.start)]
    out: list[tuple[NumTok, str, tuple[str, ...], str, bool]] = []
    pending: list[NumTok] = []
    for k, t in enumerate(toks):
        pending.append(t)
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if nxt is not None and _JOIN.match(text[t.end:nxt.start]) and unit_key(nxt.unit) != unit_key(t.unit):
            continue  # joined to the next count: its phrase is the next one's
        stop = _STOP.search(text, t.end)
        phrase = text[t.end:stop.start() if stop else len(text)].strip()
        words = tuple(w.lower() for w in _WORD.findall(phrase))
        # a phrase that ends at punctuation (or the paragraph's end) is whole: “112 xã đạt chuẩn nông thôn
        # mới;” does not go on to “… nâng cao”; one cut at a word (“trong”, “của”) may
        whole = stop is None or stop.group(0)[:1] in ",.;:()"
        for c in pending:
            if len(words) >= 2:
                out.append((c, unit_key(c.unit) or "", words, phrase, whole))
        pending = []
    return out


def _same_words(a: tuple[str, ...], b: tuple[str, ...], a_whole: bool = False, b_whole: bool = False) -> bool:
    """The same first words, as far as the shorter phrase goes (at least two, three compared): “cá nhân
    tiêu biểu thi đua yêu nước” and “cá nhân tiêu biểu trong phong trào …” (cut at “trong”) name one
    group. A whole phrase that the other goes on from names a wider group: “xã đạt chuẩn nông thôn
    mới;” is not “xã đạt chuẩn nông thôn mới nâng cao”."""
    n = min(len(a), len(b), _WORDS)
    if n < 2 or a[:n] != b[:n]:
        return False
    if len(a) < len(b) and a_whole and b[:len(a)] == a or len(b) < len(a) and b_whole and a[:len(b)] == b:
        return False
    return True


_ONLY = re.compile(r"\s*(?:tính\s+)?riêng(?![\w])", re.I)


def headline_restated(ctx: Ctx) -> None:
    if ctx.L.meta.get("title"):
        return
    doc = ctx.doc
    head = headline_of(doc)
    if head is None:
        return
    hb = doc.blocks.index(head)
    wanted = _counts(ctx, hb)
    if not wanted:
        return
    same_as_head = re.sub(r"\s+", " ", head.text).strip()
    body: list[tuple[int, NumTok, str, tuple[str, ...], str, bool]] = []
    for i in ctx.L.body:
        b = doc.blocks[i]
        if i == hb or not isinstance(b, Para) or re.sub(r"\s+", " ", b.text).strip() == same_as_head:
            continue  # (a caption repeating the headline is the headline again)
        # (a sentence opening on “Riêng …”, “Riêng nguồn vốn của huyện …, đã khởi công mới 18 công trình hạ tầng”, counts
        # a part of what the headline counts, not it again; a “Trong đó …” may well hold the headline's figure)
        body.extend((i, t, u, w, ph, wh) for t, u, w, ph, wh in _counts(ctx, i)
                    if not _ONLY.match(b.text, sentence_of(b.text, t.start)[0]))
    for t, u, w, phrase, whole in wanted:
        found = [(i, c) for i, c, u2, w2, _ph, wh2 in body if u2 == u and _same_words(w, w2, whole, wh2)]
        if len(found) != 1:
            continue
        i, c = found[0]
        n1, n2 = ctx.num(hb, t, exact=True), ctx.num(i, c, exact=True)
        label = f"{c.unit} {phrase}"
        ctx.add("facts", {
            "key": f"tieu_de_{slug(label)}"[:60], "label": label, "unit": c.unit, "confidence": "inferred",
            "reading": (f"tiêu đề “{t.text} {t.unit} … {phrase}” và thân bài “{c.text} {c.unit} …”: "
                        "tiêu đề tóm tắt bài, nên là một số liệu (the headline sums up the page: one quantity)"),
            "mentions": [{"value": n1, "where": "tiêu đề", "src": n1.src},
                         {"value": n2, "where": "thân bài", "src": n2.src}]})
