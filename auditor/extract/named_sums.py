"""A total named by its two parts, the parts stated on their own elsewhere:

    “… tổng số hộ nghèo và hộ cận nghèo đa chiều là 1.972.767 hộ.
     Tỷ lệ hộ nghèo chung cả nước 4,03% với 1.057.374 hộ …
     Tỷ lệ hộ cận nghèo chung cả nước 3,49% với tổng số 915.274 hộ …”
    “Toàn xã có 1.250 hộ nghèo và 830 hộ cận nghèo; tổng số hộ nghèo và hộ cận nghèo là 2.080 hộ.”
    “… khen thưởng cho 25 tập thể … tặng Giấy khen cho 118 cá nhân … Tổng số tập thể và cá nhân được
     khen thưởng là 143.”

“tổng số A và B là N” says N = A + B. The reader links each part to the one count near it that is
named A (or B) and nothing else: the words after the count (its unit and noun), or else the words of
its clause before it. A part named by no count, or by two, leaves the total unread; so does a count
said of another time (“đầu năm”, “cùng kỳ”, “năm trước”). The link crosses sentences, so the total is
always a reading (inferred: a gap is a warning, never an error)."""

from __future__ import annotations

import re

from auditor.extract.context import Ctx
from auditor.extract.document import Para
from auditor.extract.numbers import NumTok
from auditor.extract.prose import np_after, sentence_of
from auditor.extract.scan import unit_key
from auditor.extract.vn import is_count_unit
from auditor.files.rxgate import lowered

# “tổng số A và B [qualifiers] là / đạt / có / : N”
_NAMED = re.compile(r"(?<![\w])tổng\s+số\s+(?P<a>[^\W\d][^\d.;:,()]{1,50}?)\s+và\s+(?P<b>[^\W\d][^\d.;:,()]{1,60}?)"
                    r"\s*(?:là|đạt|có|:)\s*$", re.I)
# words that start a qualifier of the second part: its core is the words before (“hộ cận nghèo đa chiều”)
_QUALIFIER = re.compile(r"\s+(?:đa\s+chiều|được|đã|trên|toàn|của|tại|thuộc|theo|năm|chung|trong|ở|có|là|đạt|với)(?![\w]).*$",
                        re.I)
# a count said of another time than the total (its clause before it)
_OTHER_TIME = re.compile(r"(?<![\w])(?:đầu\s+năm|đầu\s+kỳ|cùng\s+kỳ|năm\s+trước|năm\s+ngoái|trước\s+đây|so\s+với|"
                         r"giai\s+đoạn\s+trước|kỳ\s+trước)(?![\w])", re.I)
_CLAUSE_BREAK = re.compile(r"[;:(\n]|\.(?=\s)")
_NEAR = 6          # paragraphs either side of the total where its parts are looked for
_LOOK_BACK = 160   # characters of a clause before a count


def _core(words: str) -> str:
    return re.sub(r"\s+", " ", _QUALIFIER.sub("", words)).strip().lower()


_WORD = re.compile(r"[^\W_]+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _at(words: list[str], phrase: list[str]) -> list[int]:
    """Where the words of `phrase` stand together in `words` (whole words; no pattern is made per
    phrase, so that a document's names never reach `re`'s cache)."""
    n = len(phrase)
    return [i for i in range(len(words) - n + 1) if words[i:i + n] == phrase] if n else []


def _names(text: str, phrase: str) -> bool:
    return bool(_at(_words(text), _words(phrase)))


def _clause_before(text: str, pos: int) -> str:
    lo = max(0, pos - _LOOK_BACK)
    seg = text[lo:pos]
    cut = 0
    for m in _CLAUSE_BREAK.finditer(seg):
        cut = m.end()
    return seg[cut:]


def _eligible(t: NumTok, r, total_unit: str | None) -> bool:
    if r is None or r.kind != "level" or t.form != "number" or t.pct or t.approx or t.sign:
        return False
    if total_unit is not None:
        return unit_key(t.unit) == unit_key(total_unit)
    return t.unit is not None and is_count_unit(t.unit)


def _which(text: str, t: NumTok, parts: tuple[str, str]) -> int | None:
    """0 or 1: the part this count is named as; None when neither, both, a part with more words
    (“hộ nghèo dân tộc thiểu số” is a subgroup of “hộ nghèo”), or a count said of another time."""
    before = _clause_before(text, t.start)
    if _OTHER_TIME.search(before):
        return None
    # (its own words only: “1.250 hộ nghèo và 830 hộ cận nghèo” names the 1.250 “hộ nghèo”)
    after = _core(_OWN_WORDS.split(f"{t.unit or ''} {np_after(text, t.ue)}", maxsplit=1)[0])
    hits = [k for k, p in enumerate(parts) if after == p]
    if not hits and not any(_names(after, p) for p in parts):
        # named before it: “Tỷ lệ hộ nghèo chung cả nước 4,03% với 1.057.374 hộ”, “tổng số hộ nghèo là 311.981 hộ”
        hits = [k for k, p in enumerate(parts) if _named_last(before, p)]
    return hits[0] if len(hits) == 1 else None


# what may stand between a name and its count (“… hộ nghèo chung cả nước 4,03% với 1.057.374 hộ”): no
# other noun, which would be the count's own subject (“… hộ nghèo giảm còn 2,1%, toàn xã có 1.250 hộ”)
_FILLER = frozenset("là với đạt chung cả nước toàn quốc tổng số chiếm tỷ tỉ lệ bằng khoảng năm của "
                    "xã phường thị trấn huyện quận thành phố tỉnh".split())
_OWN_WORDS = re.compile(r"\s+(?:và|cùng)\s+|[,;(]|\d")


def _named_last(before: str, phrase: str) -> bool:
    words, pw = _words(before), _words(phrase)
    at = _at(words, pw)
    if not at:
        return False
    return all(w in _FILLER or w.isdigit() for w in words[at[-1] + len(pw):])


def named_sums(ctx: Ctx) -> None:
    blocks = ctx.doc.blocks
    body = [i for i in ctx.L.body if isinstance(blocks[i], Para) and i not in ctx.L.headings]
    stated = {id(t.get("total")) for t in ctx.out["totals"]}
    totals_at = {ctx.num_place.get(k) for k in stated}
    for pos, i in enumerate(body):
        text = blocks[i].text
        if "tổng" not in lowered(text):
            continue
        toks, rs = ctx.ntoks(i), ctx.roles(i)
        for k, tt in enumerate(toks):
            if not tt.quantity or tt.form != "number" or tt.pct or rs[k] is None:
                continue
            m = _NAMED.search(text, max(0, tt.start - 140), tt.start)
            if m is None:
                continue
            a, b = _core(m.group("a")), _core(m.group("b"))
            if not a or not b or a == b or _names(a, b) or _names(b, a):
                continue
            if any(p is not None and p[0] == i and p[1] == tt.s for p in totals_at):
                continue  # already the total of a breakdown written with it (“…, gồm …”)
            # each part: the one count so named in the total's sentence, or else in its paragraph, or else
            # in the paragraphs near it
            sa, sb = sentence_of(text, tt.start)
            tiers = (lambda: _candidates(ctx, [i], i, k, tt, m, (a, b), (sa, sb)),
                     lambda: _candidates(ctx, [i], i, k, tt, m, (a, b)),
                     lambda: _candidates(ctx, [j for j in body[max(0, pos - _NEAR):pos + _NEAR + 1] if j != i],
                                         i, k, tt, m, (a, b)))
            chosen = []
            for w in (0, 1):
                for tier in tiers:
                    got = tier()[w]
                    if got:
                        break
                if len(got) != 1:
                    break
                chosen.append(got[0])
            if len(chosen) != 2:
                continue
            _emit(ctx, i, tt, m, chosen)


def _candidates(ctx: Ctx, where: list[int], i: int, k: int, tt: NumTok, m: re.Match,
                parts: tuple[str, str], span: tuple[int, int] | None = None) -> list[list[tuple[int, NumTok]]]:
    found: list[list[tuple[int, NumTok]]] = [[], []]
    for j in where:
        if ctx.sid(j) != ctx.sid(i):
            continue
        jt, jr = ctx.ntoks(j), ctx.roles(j)
        jtext = ctx.doc.blocks[j].text
        for q, t in enumerate(jt):
            if (j == i and (q == k or m.start() <= t.start < tt.start)) or not _eligible(t, jr[q], tt.unit):
                continue
            if span is not None and not span[0] <= t.start < span[1]:
                continue
            w = _which(jtext, t, parts)
            if w is not None:
                found[w].append((j, t))
    return found


def _emit(ctx: Ctx, block: int, tt: NumTok, m: re.Match, parts: list[tuple[int, NumTok]]) -> None:
    label = f"{m.group('a').strip()} và {m.group('b').strip()}"
    where = "; ".join(f"“{t.text}” = {m.group(g).strip()}" for (_j, t), g in zip(parts, ("a", "b")))
    n = len(ctx.out["totals"])
    items = []
    for (j, t), g in zip(parts, ("a", "b")):
        items.append({"label": m.group(g).strip(), "value": ctx.num(j, t)})
        ctx.used_by[(j, t.s)] = "part"
    ctx.add("totals", {
        "id": f"{ctx.sid(block) or 'doc'}:total_{n + 1}", "label": label, "unit": tt.unit,
        "total": ctx.num(block, tt), "parts": items, "complete": True, "section": ctx.sid(block),
        "src": ctx.loc(block, m.start(), tt.ue), "confidence": "inferred",
        "reading": (f"“tổng số {label}” là tổng của hai phần nêu ở chỗ khác: {where} (the total of two parts "
                    "stated elsewhere, each the one count named so nearby)")})
