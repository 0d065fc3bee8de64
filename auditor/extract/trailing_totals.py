"""A total written after its parts, closing their list:

    “UBND xã tặng Giấy khen cho 15 tập thể và 42 cá nhân, tổng cộng 57 lượt.”
    “Thôn Đông 120 hộ, thôn Tây 95 hộ, thôn Nam 80 hộ; tổng cộng 295 hộ.”
    “… hỗ trợ 12 hộ nghèo, 8 hộ cận nghèo và 5 hộ khó khăn (tổng số 25 hộ)”

and a line of totals closing a list of bullets:

    “- Giấy khen của Chủ tịch UBND xã: 15 tập thể, 42 cá nhân;
     - Giấy khen của Chủ tịch UBND huyện: 5 tập thể, 12 cá nhân;
     Tổng cộng: 20 tập thể, 54 cá nhân.”

“tổng cộng / tổng số / tổng / cộng / tất cả [là | có | :] N” right after a list of counts says
N is their sum. The parts are the levels written before it in one chain: each part separated
from the next only by its unit, a few words (its noun, the next part's label) and a separator —
no percent, change, plan or other number, no “trong đó”, no word that opens another measure or
another time. A running total (“nâng tổng số … lên”, “lũy kế”, “từ đầu nhiệm kỳ”, “toàn xã”) is
not read: it holds more than the parts written. When the whole chain adds up, or only its last
parts do (the first ones belong to the clause before), that is the reading; otherwise the total is
wrong — an error when the list is unmistakable (each gap a separator and at most a few words), a
warning (inferred) when longer gaps part the numbers. A “;” followed by many words opens another
clause and ends the list (“…; đề nghị UBND huyện tặng Giấy khen cho 3 tập thể, 5 cá nhân, tổng
cộng 8 lượt”).

A total line is read when the paragraph is only the marker and counts (“Tổng cộng: 20 tập thể, 54
cá nhân.”) right after two or more bullets of one kind (or “a)”, “b)” … items): each of its counts is the sum of the
bullets' counts in its unit. A bullet with two counts in that unit (a detail “(trong đó 3 …)”), one
that opens a breakdown of its own (“gồm:”, “trong đó”), sub-bullets or a percent, change or estimate
in a bullet leave the total unread; a bullet without a count in that unit counts as none and makes the
sum a reading (a warning)."""

from __future__ import annotations

import re

from auditor.extract.context import Ctx
from auditor.extract.document import Para
from auditor.extract.numbers import NumTok, value_of
from auditor.extract.prose import np_after, sentence_of
from auditor.extract.scan import unit_key
from auditor.extract.vn import is_count_unit
from auditor.files.rxgate import lowered

# the marker, then at most a few words naming the total (“tổng số hộ được hỗ trợ là 25 hộ”), then N
# (“tổng” alone, “cộng” and “tất cả” only right before N: “Đảng Cộng sản”, “tổng kết” are not markers)
# (“tổng số” only right before N: “tổng số đảng viên 250” names a population, often a stock that the
# admissions and transfers listed before it are not the parts of)
_MARKER = re.compile(r"(?<![\w])(?:(?P<m>tổng\s+cộng)(?![\w])(?P<words>(?:\s+[^\W\d]+){0,6}?)"
                     r"|(?P<m2>tổng\s+số|tổng|cộng|tất\s+cả)(?P<none>))\s*(?:là|có|:|đạt|được)?\s*$", re.I)
# before the marker: a running total or another scope (“nâng tổng số”, “lũy kế”, “toàn xã tổng cộng”)
_RUNNING_BEFORE = re.compile(r"(?<![\w])(?:nâng|đưa|lũy\s+kế|luỹ\s+kế|toàn|cả|chung|từ\s+đầu|đến\s+nay)\s*$", re.I)
# words between the marker and N that name another scope or time
_OTHER_SCOPE = re.compile(r"(?<![\w])(?:toàn|cả|chung|lũy|luỹ|từ|đến|trong|năm|tháng|quý|kỳ|nhiệm|giai|trước|"
                          r"đầu|cuối)(?![\w])", re.I)
# in a gap between two parts: words that start another measure, a breakdown, a comparison or a time
_GAP_BREAK = re.compile(r"(?<![\w])(?:trong\s+đó|trong\s+số|gồm|bao\s+gồm|cụ\s+thể|so\s+với|tăng|giảm|còn|đạt|chiếm|"
                        r"bằng|vượt|mỗi|bình\s+quân|trung\s+bình|lũy\s+kế|luỹ\s+kế|năm|tháng|quý|kỳ|đầu|cuối|"
                        r"trước|sau|trị\s+giá|với|tổng|cộng|tất\s+cả|riêng|ngoài\s+ra|khác|toàn|cả|chung|"
                        # a predicate of its own: a stage of a process, not one more part
                        r"được|đã|đang|chưa|sẽ|bị|công\s+nhận|hoàn\s+thành)(?![\w])|[%/=\d()]", re.I)
_AND = re.compile(r"(?<![\w])và(?![\w])", re.I)
_SEPARATOR = re.compile(r"[,;+]|(?<![\w])và(?![\w])|\s[-–]\s", re.I)
_WORD = re.compile(r"[^\W\d_]+")
# a total whose unit is a generic count of what the parts count (“57 lượt”, “… trường hợp”)
_GENERIC = {"lượt", "trường hợp", "lượt người"}
_PLAIN_WORDS = 4    # an unmistakable list: at most this many words in each gap (its noun, the next label)
_MAX_WORDS = 10     # beyond this a gap is not part of one list
_LOOK_BACK = 160    # characters before the marker where the marker's own clause is looked at


def _gap_words(gap: str) -> int | None:
    """Words in a gap between two parts (or a part and the marker), None when it breaks the list."""
    if _GAP_BREAK.search(gap):
        return None
    return len(_WORD.findall(gap))


def trailing_totals(ctx: Ctx, block: int) -> None:
    p = ctx.doc.blocks[block]
    if not isinstance(p, Para):
        return
    text = p.text
    low = lowered(text)
    if "tổng" not in low and "cộng" not in low and "tất cả" not in low:
        return
    toks, rs = ctx.ntoks(block), ctx.roles(block)
    for k, tt in enumerate(toks):
        if k < 2 or tt.form != "number" or tt.pct or not tt.quantity or rs[k] is None \
                or rs[k].kind not in ("level", "remainder"):
            continue
        m = _MARKER.search(text, max(0, tt.start - _LOOK_BACK), tt.start)
        if m is None or _RUNNING_BEFORE.search(text, 0, m.start()) or ctx.used_by.get((block, tt.s)) == "part":
            continue
        words = m.group("words") or ""
        # “tổng số A và B là N” names its parts: extract/named_sums.py reads it, part by part
        if _OTHER_SCOPE.search(words) or _AND.search(words):
            continue
        _read(ctx, block, text, toks, rs, k, tt, m)


def _read(ctx: Ctx, block: int, text: str, toks: list[NumTok], rs: list, k: int, tt: NumTok, m: re.Match) -> None:
    sa, _sb = sentence_of(text, tt.start)
    total_key = unit_key(tt.unit)
    generic = tt.unit is None or (tt.unit or "").strip().lower() in _GENERIC
    chain: list[NumTok] = []
    gaps: list[int] = []
    edge = m.start()
    for q in range(k - 1, -1, -1):
        t, r = toks[q], rs[q]
        if t.end > edge:
            return  # a number inside the marker's words (“tổng số 3 thôn là …”)
        if t.start < sa:
            break
        gap = text[t.end:edge]
        if not chain:
            gap = re.sub(r"\(\s*$", ",", gap)  # “… 5 hộ khó khăn (tổng số 25 hộ)”
        words = _gap_words(gap)
        if words is None or words > _MAX_WORDS or (chain and not _SEPARATOR.search(gap)) \
                or (not chain and not re.search(r"[,;(]|\s[-–]\s", gap)):
            if not chain:
                return  # the number right before the marker is not a part of a list
            break
        if not t.quantity and chain:
            break  # (“Năm 2024, UBND xã tặng … 15 tập thể và 42 cá nhân, tổng cộng 57 lượt”: a year before the list)
        if t.form != "number" or t.pct or not t.quantity or r is None or r.kind not in ("level", "remainder") \
                or t.approx is not None:
            return  # a percent, a change, an estimate “hơn 15” … in the list: not a plain sum
        if chain and ";" in gap and words > _PLAIN_WORDS:
            break  # “…; đề nghị UBND huyện tặng Giấy khen cho 3 tập thể, 5 cá nhân, tổng cộng 8 lượt”: a new clause
        chain.append(t)
        gaps.append(words)
        edge = t.start
    # the clause before the first part must not itself be a number of the list's measure (the chain stopped at
    # a gap that breaks it: the parts after it are the list)
    chain.reverse()
    gaps.reverse()
    if len(chain) < 2:
        return
    keys = {unit_key(t.unit) for t in chain}
    if generic:
        if not all(is_count_unit(t.unit) for t in chain):
            return
    elif keys != {total_key}:
        return
    if any(ctx.used_by.get((block, t.s)) == "part" for t in chain):
        return  # already the parts of a total written with them
    vals = [value_of(t) for t in chain]
    total = value_of(tt)
    if total is None or any(v is None for v in vals):
        return
    parts = chain
    reading = "tổng ghi sau danh sách các phần (a total written after its list of parts)"
    if sum(vals) != total:  # type: ignore[arg-type]
        for start in range(1, len(chain) - 1):
            if sum(vals[start:]) == total:  # type: ignore[arg-type]
                parts = chain[start:]
                gaps = gaps[start:]
                reading = ("chỉ các phần cuối cộng lại bằng tổng; các số trước thuộc vế câu trước (only the last parts "
                           "make the total; the numbers before belong to the clause before)")
                break
    plain = all(w <= _PLAIN_WORDS for w in gaps)
    _emit(ctx, block, text, tt, m, parts, reading, "explicit" if plain else "inferred")


def _emit(ctx: Ctx, block: int, text: str, tt: NumTok, m: re.Match, parts: list[NumTok], reading: str,
          confidence: str) -> None:
    items = []
    ends = [*(t.start for t in parts[1:]), m.start()]
    for t, nxt in zip(parts, ends):
        # the part's own words: its noun after the unit, up to the separator before the next part
        after = _SEPARATOR.split(text[t.ue:nxt], maxsplit=1)[0].strip(" ,;:(")
        label = " ".join(x for x in (t.unit or "", after) if x) or t.text
        items.append({"label": label, "value": ctx.num(block, t)})
        ctx.used_by[(block, t.s)] = "part"
    after = np_after(text, tt.ue)
    label = " ".join(x for x in (tt.unit or "", after) if x).strip(" ,;:") or m.group("m") or m.group("m2")
    n = len(ctx.out["totals"])
    ctx.add("totals", {
        "id": f"{ctx.sid(block) or 'doc'}:total_{n + 1}", "label": label, "unit": tt.unit,
        "total": ctx.num(block, tt), "parts": items, "complete": True, "section": ctx.sid(block),
        "src": ctx.loc(block, parts[0].start, tt.ue), "confidence": confidence,
        "reading": reading if confidence == "explicit" else
        f"{reading}; các phần cách nhau bởi nhiều chữ nên là cách đọc (words between the parts: a reading)"})


# a paragraph that is a line of totals: the marker, then counts (the counts are checked on the tokens)
# (not “Tổng số: 250 đảng viên”: after bullets of admissions and transfers, a stock of its own)
_TOTAL_LINE = re.compile(r"^\s*(?:tổng\s+cộng|tổng|cộng)\s*(?:[:\-–]|là|có)?\s*(?=\d)", re.I)
_LINE_REST = re.compile(r"^[\s,;.và]*$", re.I)
# in a bullet: a breakdown of its own
_OWN_BREAKDOWN = re.compile(r"(?<![\w])(?:trong\s+đó|trong\s+số|gồm|bao\s+gồm|cụ\s+thể|chia\s+ra)(?![\w])|:\s*$", re.I)


def total_line(ctx: Ctx, block: int, bullets: list[int]) -> None:
    """A paragraph of totals after the list items `bullets` (the run right before it, in order: bullets
    of one mark, or “a)”, “b)”, “c)” items of one depth)."""
    p = ctx.doc.blocks[block]
    if len(bullets) < 2 or not isinstance(p, Para):
        return
    text = p.text
    m = _TOTAL_LINE.match(text)
    if m is None:
        return
    toks, rs = ctx.ntoks(block), ctx.roles(block)
    if not toks or any(t.form != "number" or t.pct or not t.unit or t.approx is not None or r is None
                       or r.kind not in ("level", "remainder") for t, r in zip(toks, rs)):
        return
    # nothing but the counts and separators after the marker
    rest, at = [], m.end()
    for t in toks:
        rest.append(text[at:t.start])
        at = t.ue
    rest.append(text[at:])
    if not all(_LINE_REST.match(x) for x in rest) or len({unit_key(t.unit) for t in toks}) != len(toks):
        return
    kinds = {(ctx.L.items[j].kind, ctx.L.items[j].depth, ctx.L.items[j].label if ctx.L.items[j].kind == "bullet" else "")
             for j in bullets}
    if len(kinds) != 1:
        return  # bullets and sub-bullets (“-” and “+”): the sub-bullets detail a bullet
    per_bullet = []
    for j in bullets:
        btext = ctx.doc.blocks[j].text
        if _OWN_BREAKDOWN.search(btext):
            return
        bt, br = ctx.ntoks(j), ctx.roles(j)
        if any(t.form == "number" and (t.pct or t.approx is not None or r is None or r.kind not in ("level", "remainder"))
               for t, r in zip(bt, br)):
            return
        per_bullet.append([t for t in bt if t.form == "number"])
    for tt in toks:
        key = unit_key(tt.unit)
        parts: list[tuple[int, NumTok]] = []
        missing = 0
        for j, nums in zip(bullets, per_bullet):
            mine = [t for t in nums if unit_key(t.unit) == key]
            if len(mine) > 1:
                break
            if not mine:
                missing += 1
                continue
            parts.append((j, mine[0]))
        else:
            if len(parts) < 2 or any(ctx.used_by.get((j, t.s)) == "part" for j, t in parts):
                continue
            _emit_line(ctx, block, tt, parts, missing)


def _emit_line(ctx: Ctx, block: int, tt: NumTok, parts: list[tuple[int, NumTok]], missing: int) -> None:
    items = []
    for j, t in parts:
        n = ctx.L.items[j]
        btext = ctx.doc.blocks[j].text
        name = btext[n.rest_start:t.start].strip(" :;,.-–")
        items.append({"label": name or t.unit or t.text, "value": ctx.num(j, t)})
        ctx.used_by[(j, t.s)] = "part"
    reading = "dòng tổng cộng sau các gạch đầu dòng (a line of totals after the bullets)"
    if missing:
        reading += (f"; {missing} gạch đầu dòng không ghi số {tt.unit} nên tính là 0: là cách đọc ({missing} bullet(s) "
                    f"give no count in {tt.unit}, taken as none: a reading)")
    n = len(ctx.out["totals"])
    ctx.add("totals", {
        "id": f"{ctx.sid(block) or 'doc'}:total_{n + 1}", "label": tt.unit or "", "unit": tt.unit,
        "total": ctx.num(block, tt), "parts": items, "complete": True, "section": ctx.sid(block),
        "src": ctx.loc(block, 0, tt.ue), "confidence": "inferred" if missing else "explicit", "reading": reading})
