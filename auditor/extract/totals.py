"""Totals and their parts stated in running text, read from the roles of the numbers.

    “Tổng số cán bộ, công chức xã là 22 người, gồm 10 cán bộ chuyên trách và 12 công chức.”
    “… 626 lượt công dân (giảm 59 lượt so cùng kỳ), trong đó, cấp huyện tiếp 173 lượt (giảm 50
     lượt); cấp xã tiếp 453 lượt (giảm 9 lượt)”
    “… tiếp nhận 111 đơn thuộc thẩm quyền (35 khiếu nại, 2 tố cáo, 74 kiến nghị và phản ánh)”
    “Tổng số suất quà Tết: 420 suất, trị giá 126.000.000 đồng. Trong đó: - Quà của tỉnh: 120 suất …”

The total is the last *level* before the marker (never a change such as “giảm 59 lượt”, a plan or a
percent); a part is the first level of its piece, and a change written with it (“(giảm 50 lượt)”)
is its change. “gồm / (…)” give all the parts, “cụ thể” too but only as a reading (inferred); “trong đó” may give only some, and they may
overlap (“trong đó 15.215 hộ nghèo DTTS, 2.193 hộ nghèo không có khả năng lao động …”): when the
parts of a “trong đó” add up to more than the total, the reading that holds is taken and said —
the first parts already make the total and the rest details one of them, or the parts are
overlapping attributes and only each part ≤ total is checked. When the total, its parts and all
their changes are written, the changes of a complete breakdown must add up too.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from decimal import Decimal

from auditor.extract.classes import classes_listed_whole
from auditor.extract.context import Ctx
from auditor.extract.document import Para
from auditor.extract.numbers import NumTok, value_of
from auditor.extract.prose import clean_name, label_before, np_after, sentence_of
from auditor.extract.roles import Role
from auditor.extract.scan import SENTENCE_LOOKBACK, unit_key
from auditor.extract.vn import UNIT_RE, UPPER_VN, content_tokens, is_count_unit
from auditor.files.rxgate import may_match
from auditor.numeric.words import parse_words
from auditor.records import replace
from auditor.registries.cues import cue

# “1.057.374 hộ phân theo các khu vực như sau: …” (broken down by region, area, unit, field …)
_BY = (r"phân\s+theo(?:\s+(?:các|từng|mỗi))?\s+(?:khu\s+vực|vùng|địa\s+bàn|đơn\s+vị|lĩnh\s+vực|ngành|xã|huyện|"
       r"phường|tỉnh|thôn|ấp|bản|tổ\s+dân\s+phố|loại|nhóm|đối\s+tượng|giới\s+tính|độ\s+tuổi|nguồn(?:\s+vốn)?)"
       r"(?:\s+như\s+sau)?(?=\s*:)")  # (with its colon: “Phân theo vùng, tại …” does not open a list)
# (opens, outside `(?i:…)`, with a class of its first letters in both cases and looks back at the
# letter taken, what precedes it included: `re` skips in C to a candidate; the same matches,
# tests/test_first_char_patterns.py)
_MARKER = re.compile(r"([TtBbGgCcPp](?i:(?<![\w][\s\S])(?:(?<=t)rong\s+đó|(?<=t)rong\s+số\s+đó|(?<=b)ao\s+gồm|(?<=g)ồm\s+có|(?<=g)ồm|"
                     r"(?<=c)ụ\s+thể|(?<=c)hia\s+ra|(?<=c)hia\s+thành|(?<=p)hân\s+thành|(?<=p)" + _BY.removeprefix("p") +
                     r")))(?i:(?![\w])\s*[:,]?\s*)")
# what every match holds (`rxgate.needs`, written out: tests/test_rxgate.py): most paragraphs have none
_MARKER_NEEDS = (("hia", "rong", "theo", "thành", "thể", "ồm"),)
_COMPLETE = {"bao gồm", "gồm có", "gồm", "cụ thể", "chia ra", "chia thành", "phân thành", "phân theo"}
# “cụ thể” and “phân theo …” read as the whole breakdown, but a gap is a doubt, not a proof
_DETAIL = {"cụ thể": "“cụ thể” có thể chỉ kể các phần chính (“cụ thể” may list only the main parts)",
           "phân theo": "“phân theo …” có thể chỉ kể một số nhóm (“phân theo …” may list only some groups)"}
_NEW_TOTAL = re.compile(r"^\s*[-+•]?\s*(?:tổng\s+số|tổng\s+cộng|tổng)(?![\w])", re.I)


_value = value_of


def _bounds(t: NumTok, v: Decimal) -> tuple[Decimal, Decimal]:
    """What a value written “hơn/gần/khoảng X” may be (one unit of its last digit beyond X, GOLD rule 3); a
    value written plainly is itself."""
    if not t.approx:
        return v, v
    from auditor.model.facts import approx_interval

    exp = v.as_tuple().exponent
    iv = approx_interval(v, max(0, -exp) if isinstance(exp, int) else 0, t.approx)
    return iv.lo, iv.hi


def _items(text: str, a: int, b: int) -> list[tuple[int, int]]:
    out, start, depth = [], a, 0
    for k in range(a, b):
        ch = text[k]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and (ch in ";+" or (ch == "," and (k + 1 >= len(text) or text[k + 1] == " "))):
            out.append((start, k))
            start = k + 1
        elif depth == 0 and text.startswith(" và ", k) and k >= start:
            out.append((start, k))
            start = k + 4
    out.append((start, b))
    return [(x, y) for x, y in out if text[x:y].strip()]


class _Piece:
    __slots__ = ("block", "x", "y", "toks", "roles")

    def __init__(self, block: int, x: int, y: int, toks: list[NumTok], rs: list[Role | None]) -> None:
        self.block, self.x, self.y, self.toks, self.roles = block, x, y, toks, rs


def _piece(ctx: Ctx, block: int, x: int, y: int) -> _Piece:
    toks = ctx.ntoks(block)
    rs = _roles(ctx, block)
    i, j = bisect_left(ctx.ntok_starts(block), x), bisect_left(ctx.ntok_starts(block), y)
    sel = [(t, r) for t, r in zip(toks[i:j], rs[i:j]) if t.quantity]
    return _Piece(block, x, y, [t for t, _ in sel], [r for _, r in sel])


def _roles(ctx: Ctx, block: int) -> list[Role | None]:
    return ctx.roles(block)


def _level(t: NumTok, r: Role | None) -> bool:
    return r is not None and t.form == "number" and not t.pct and r.kind in ("level", "remainder")


def totals(ctx: Ctx, block: int, following: list[int], prev_block: int | None) -> None:
    p = ctx.doc.blocks[block]
    assert isinstance(p, Para)
    text = p.text
    for mk in (_MARKER.finditer(text) if may_match(text, _MARKER_NEEDS) else ()):
        marker = re.sub(r"\s+", " ", mk.group(1).lower())
        if marker.startswith("phân theo"):
            marker = "phân theo"
        _one(ctx, block, text, mk.start(), mk.end(), marker, following, prev_block)
    for w in (_OF_THE_WHOLE.finditer(text) if "rong" in text else ()):
        # “Trong tổng số 25.953 người được giải quyết việc làm có 16.610 lao động …; 8.282 lao động …; xuất khẩu
        # lao động là 1.061 người”: the whole first, its parts after “có”, read as after “trong đó”
        sa, sb = sentence_of(text, w.start())
        if sa != w.start() and text[sa:w.start()].strip(" -+•"):
            continue  # (the sentence opens with it)
        if not w.group("so"):
            # “Trong 96 người, có 42 người là nữ …”: without “số”, only a count of a noun (“Trong 6 tháng đầu năm, có
            # …” is a span of time)
            n = next((t for t in ctx.ntoks(block) if t.s == w.start("n")), None)
            if n is None or n.form != "number" or not is_count_unit(n.unit):
                continue
        has = _HAS.search(text, w.end(), sb)
        if has is not None:
            _one(ctx, block, text, has.start(), has.end(), "trong đó", following, prev_block)
    _paren_breakdowns(ctx, block, text)


# (after a connective that opens the sentence: “Ngoài ra, trong 96 người, có …”)
_OF_THE_WHOLE = re.compile(r"(?:^|(?<=[.;:]\s)|(?<=\n))\s*[-+•]?\s*(?:(?:Ngoài\s+ra|Bên\s+cạnh\s+đó|Đồng\s+thời)\s*,\s*)?"
                           r"[Tt]rong\s+(?P<so>(?:tổng\s+)?số\s+)?(?P<n>\d)[\d.,]*")
_HAS = re.compile(r"(?<![\w])(?:có|gồm)(?![\w])")


def _one(ctx: Ctx, block: int, text: str, ms: int, me: int, marker: str, following: list[int],
         prev_block: int | None) -> None:
    sa, sb = sentence_of(text, ms)
    open_paren = text.rfind("(", sa, ms)
    in_paren = open_paren > text.rfind(")", sa, ms)
    if in_paren:
        close = text.find(")", me)
        region_end = close if close != -1 else sb
    else:
        nxt = _MARKER.search(text, me)
        region_end = min(sb, nxt.start() if nxt and nxt.start() < sb else sb)
    # after names listed, the count right before the next marker heads that marker's own list: “05 đơn vị xếp
    # loại xuất sắc gồm: xã A …, xã B … và 06 đơn vị xếp loại tốt gồm: …” (06 is not one of the 05); a count
    # right after the marker is its part (“105/114 khu phố …; trong đó 04 khu phố gồm: …”)
    next_head = not in_paren and nxt is not None and nxt.start() == region_end
    if not in_paren and region_end == sb and marker == "trong đó":
        region_end = _same_shape_sentences(text, me, sb)
    pieces: list[_Piece] = []
    region = text[me:region_end].strip(" .:")
    if region:
        for x, y in _items(text, me, region_end):
            pieces.append(_piece(ctx, block, x, y))
    if (not region or (ms == 0 and following)) and following:
        for j in following:
            q = ctx.doc.blocks[j]
            pieces.append(_piece(ctx, j, 0, len(q.text)))
    if pieces and not pieces[0].toks and marker in ("gồm", "gồm có", "bao gồm") and pieces[0].block == block \
            and _names_first(text[pieces[0].x:pieces[0].y]):
        # “Trong đó có 3 trường mầm non gồm Bảo Cường, Đồng Thịnh, Bình Yên vừa được công nhận lại; 15 trường …”:
        # the marker lists names; the counts after them are the next items of the list around it
        return
    # a piece without numbers continues the previous one's name (“6 chi bộ cơ quan, trường học”); one whose
    # count is written in words (“gồm bốn giải Nhất, 34 giải Nhì …”) is a part the figures do not hold
    merged: list[_Piece] = []
    for pc in pieces:
        if pc.toks:
            merged.append(pc)
        elif starts_spelled(ctx.doc.blocks[pc.block].text[pc.x:pc.y]):
            return
        elif not merged and _AN_OFFICE.match(ctx.doc.blocks[pc.block].text, pc.x, pc.y):
            return  # “23 người, gồm: Chủ tịch, 3 Phó Chủ tịch và 19 Ủy viên”: one holder of an office, no number written
        elif merged and merged[-1].block == pc.block:
            merged[-1].y = pc.y
    pieces = merged
    if not pieces:
        return
    # the parts: the first level of each piece; a piece that opens a new total ends the list
    firsts: list[tuple[_Piece, NumTok]] = []
    for pc in pieces:
        ptext = ctx.doc.blocks[pc.block].text[pc.x:pc.y]
        if firsts and _NEW_TOTAL.match(ptext):
            break
        if firsts and _sibling_statement(ctx, firsts[0][0], pc, ptext):
            break
        if _NEXT_ITEM_WORDS.match(ptext) and ctx.doc.blocks[pc.block].text[:pc.x].rstrip().endswith(";"):
            break  # “…, trong đó 7/16 khoản thu đạt …; kế đến là thu dầu thô 8.097 tỷ”: the next item beside it
        lv = [t for t, r in zip(pc.toks, pc.roles) if _level(t, r) and not _base_of_a_change(ctx, pc, t, r)]
        if len(lv) > 1 and lv[0].unit is None and lv[1].unit and re.fullmatch(
                r"\s*:\s*", ctx.doc.blocks[pc.block].text[lv[0].end:lv[1].start]):
            lv = lv[1:]  # “khu phố Hiệp Tâm 1: 538 hộ”: the number before the colon is the name's
        if lv and next_head and (firsts or len(text[me:lv[0].start].strip(" :,")) > 30) and pc.block == block \
                and (pc.y >= region_end - 1 or not text[pc.y:region_end].strip(" ,;:") and text[:pc.x].rstrip().endswith(";")
                     and re.match(r"(?:bao\s+)?gồm(?![\w])", text[region_end:region_end + 8], re.I)) \
                and not re.search(r"\d", text[lv[0].end:region_end]) and lv[0] is pc.toks[-1]:
            # (after a part already read, the last piece before the next marker heads that marker's list:
            # “2 cụm … gồm 12 đơn vị; 3 khối thi đua gồm 35 cơ quan”: the 3 is not one of the 2's parts)
            break
        if lv and firsts and pc.block == block and _in_an_aside(text, me, pc.x, lv[0].start):
            break  # (“…; BHXH bắt buộc là 14,78 triệu người, … (số người còn phải phát triển … là 1,26 triệu người”: an aside)
        if lv and firsts and _ANOTHER_BASIS.search(ctx.doc.blocks[pc.block].text, firsts[-1][1].ue
                                                   if firsts[-1][0].block == pc.block else pc.x, lv[0].start):
            break  # “Trong đó: Thu nội địa 20.107 …; thu nội địa không kể tiền sử dụng đất … 19.836”: a part again, narrowed
        if lv and firsts and _OTHER_TIME.search(ctx.doc.blocks[pc.block].text, pc.x, lv[0].start):
            break  # “…, trong đó chính thức là 66 người, so với năm ngoái thì giảm (năm 2021 có 95 …)”: then
        if lv and firsts and _done_clause(ctx.doc.blocks[pc.block].text, firsts[-1][1].ue if firsts[-1][0].block == pc.block
                                          else pc.x, pc.x, lv[0].start) \
                and not any(cue("resolved").search(ctx.doc.blocks[f.block].text[f.x:v.start]) for f, v in firsts):
            # “… 885.833 việc, trong đó số việc có điều kiện thi hành là 708.674 việc; đã thi hành xong 576.933
            # việc, đạt 81,41%”, “… thụ lý 429 vụ án …, đã giải quyết, xét xử 415 vụ”: what was done among the parts
            # before it, not one more of them
            break
        if lv:
            firsts.append((pc, lv[0]))
    if not firsts:
        return
    first_unit = firsts[0][1].unit
    repeated = False  # a noun that comes back among parts of several nouns
    if not all(unit_key(v.unit) == unit_key(first_unit) for _, v in firsts):
        if len(firsts) >= 2 and all(is_count_unit(v.unit) for _, v in firsts):
            first_unit = None  # “22 người, gồm 10 cán bộ … và 12 công chức”: parts named by their nouns
            keys = [unit_key(v.unit) for _, v in firsts]
            repeated = len(set(keys)) < len(keys)
        elif first_unit is not None and all(v.unit is None for pc, v in firsts[1:]
                                            if unit_key(v.unit) != unit_key(first_unit)) \
                and sum(1 for _pc, v in firsts if v.unit is None) >= 2:
            # “Tam Kỳ … 150 đảng viên mới; Hội An 110; Điện Bàn 150; …”: the items after the first leave its
            # noun out; their numbers count it too
            pass
        else:
            kept = [(pc, v) for pc, v in firsts if unit_key(v.unit) == unit_key(first_unit)]
            if any(unit_key(t.unit) == unit_key(first_unit) for pc, v in firsts if (pc, v) not in kept
                   for t in pc.toks):
                return  # a piece with a part in the list's unit that was not read: the parts would be short
            firsts = kept
    if first_unit is None and all(v.unit is None for _, v in firsts):
        # “1.541 đảng viên, sinh hoạt ở 47 chi bộ; trong đó, đảng viên chính thức là 1.497, đảng viên dự bị là 44”:
        # parts without a unit whose names open with one count noun count that noun
        first_unit = _named_noun(ctx, firsts)
    parts: list[tuple[_Piece, NumTok, NumTok | None]] = []
    for pc, val in firsts:
        chg = next((t for t, r in zip(pc.toks, pc.roles) if r is not None and r.kind == "delta" and t.form == "number"
                    and unit_key(t.unit) in (unit_key(val.unit), None)), None)
        parts.append((pc, val, chg))
    if unit_key(first_unit) == _TIMES_COUNTED:
        # “274 lượt hộ, 1.245 lượt hộ …” under “3.939 lượt hộ”: parts in “lượt” of one noun count that noun (as the
        # total's `_count_key` does)
        nouns = {_count_key(v, ctx.doc.blocks[pc.block].text) for pc, v, _c in parts}
        if len(nouns) == 1 and _TIMES_COUNTED not in nouns:
            m = UNIT_RE.match(ctx.doc.blocks[parts[0][0].block].text, parts[0][1].ue)
            first_unit = m.group("unit") if m is not None else first_unit
    uk = unit_key(first_unit)
    if uk in ("chỉtiêu", "%"):
        return
    heads = _heads(ctx, block, text, sa, ms, first_unit, len(parts), prev_block)
    if repeated and len(heads) == 1:
        # “717 vụ tai nạn, bao gồm 492 vụ … và 225 vụ va chạm, làm 389 người chết, 275 người bị thương …”: one
        # total, and parts of its noun and of others; the others' are what the events did, not its parts
        hk = unit_key(heads[0][1].unit)
        own = [x for x in parts if unit_key(x[1].unit) == hk]
        if len(own) < 2:
            return
        parts, first_unit, uk = own, heads[0][1].unit, hk
    if not heads or _joined_with_another_noun(ctx, heads[-1], parts):
        return
    hu = heads[-1][1].unit
    if marker in ("gồm", "gồm có", "bao gồm") and len(parts) == 1 and hu and is_count_unit(hu) \
            and is_count_unit(parts[0][1].unit) and unit_key(parts[0][1].unit) != unit_key(hu):
        # “2 cụm thi đua gồm 12 đơn vị”: one count of another noun after “gồm” is what the total is made
        # of (its members), not a part of it
        return
    if hu and unit_key(hu) != uk and all(
            re.match(rf"\s*(?:[-+•]\s*)?{re.escape(hu)}\s", ctx.doc.blocks[pc.block].text[pc.x:val.s], re.I)
            for pc, val, _c in parts):
        # “3 thôn đạt chuẩn, gồm: thôn An 120 hộ, thôn Bình 95 hộ, …”: the parts are the villages counted,
        # named, each with a number of its own; their households do not add up to the 3
        return
    if len(heads) == 1 and is_count_unit(heads[0][1].unit) and first_unit is not None and not is_count_unit(first_unit):
        # “đề ra 18 chỉ tiêu …, trong đó … giá trị sản phẩm đạt hơn 4.000 tỷ đồng; thu ngân sách … 78,3 tỷ đồng”:
        # amounts are not parts of a count (the targets are listed with their values)
        return
    if len(heads) == 1:
        tb, tt, from_fraction = heads[0]
        if _PER_EACH.search(ctx.doc.blocks[tb].text, max(0, tt.s - 40), tt.s):
            return  # (“Vĩnh Linh và Vĩnh Định mỗi đơn vị có 1 giải. Trong đó có 9 giải Nhì”: a count for each, not a total)
        if _per_unit(tt.unit):
            return  # (“Năng suất lúa … 68,8 tạ/ha. Trong đó, các địa phương phía Bắc đạt 64,8 tạ/ha”: averages do not add)
        if from_fraction is None:
            levels = _flat_levels(parts, tt, marker in _COMPLETE)
            if levels == ([], []):
                # “70 trường, gồm 23 …, 26 …, 19 …, 2 … và 5 …”: 26 = 19 + 2 + 5 by chance, and 23 + 26 leaves the
                # whole list short; neither the flat list nor its levels hold, so a mismatch is a doubt
                _emit(ctx, block, ms, marker, tb, tt, None, parts, uk, first_unit,
                      "các phần có thể viết liền nhiều cấp, nhưng không cách đọc nào khớp tổng (the parts may run over "
                      "several levels, and no reading meets the total)", "inferred")
                return
            if levels is not None:
                # “diện tích tự nhiên 4.478,15 ha. Trong đó đất nông nghiệp 319,14 ha, đất trồng cây hàng
                # năm 292,65 ha, đất trồng lúa 143,59 ha, … khác 149,06 ha; … lâu năm 26,49 ha, đất lâm
                # nghiệp …”: the parts run over several levels; each subtotal heads the parts after it
                top, subs = levels
                _emit(ctx, block, ms, marker, tb, tt, None, top, uk, first_unit,
                      "các phần viết liền nhiều cấp: phần bằng tổng các phần ngay sau nó là tổng của chúng (parts "
                      "written flat over several levels: a part equal to the sum of the parts right after it is "
                      "their total)", "inferred")
                for (hpc, hval), sub in subs:
                    _emit(ctx, hpc.block, ms, "trong đó", hpc.block, hval, None, sub, uk, first_unit,
                          f"“{hval.text}” là tổng của các phần kể ngay sau nó (a part that is the total of the parts "
                          "right after it)", "inferred")
                return
            nested = _nested(ctx, parts, uk)
            if nested is not None:
                # “trong đó có 5.591 đơn đủ điều kiện với 651 khiếu nại, 281 tố cáo và 4.659 kiến nghị”: the
                # first part is itself the total of the list that follows it
                sub_head, sub_parts, outer = nested
                _emit(ctx, block, ms, marker, tb, tt, None, outer, uk, first_unit, "", "explicit")
                _emit(ctx, sub_head[0].block, ms, "trong đó", sub_head[0].block, sub_head[1], None, sub_parts, uk,
                      first_unit, f"“{sub_head[1].text}” là tổng của các phần kể tiếp sau nó (a part that is itself the "
                      "total of the list after it)", "inferred")
                return
        _emit(ctx, block, ms, marker, tb, tt, from_fraction, parts, uk, first_unit, "", "explicit")
        return
    # “đã giải quyết 274 đơn khiếu nại và 105 đơn tố cáo; trong đó có … ; có …”: two totals, each
    # with the group of parts of its own clause; without one group per total the list is not read
    names = " và ".join(f"“{h[1].text}”" for h in heads)
    by_unit = _by_unit(ctx, heads, parts)
    if by_unit is not None:
        # “12 tập thể và 35 cá nhân, trong đó: Giấy khen … 5 tập thể, 15 cá nhân; … 7 tập thể, 20 cá nhân”:
        # totals of different nouns take the parts of their own noun, whatever the grouping
        for (tb, tt, _f), grp in zip(heads, by_unit):
            if grp:
                _emit(ctx, block, ms, marker, tb, tt, None, grp, unit_key(tt.unit), tt.unit,
                      f"“{marker}” sau {names}: mỗi tổng lấy các phần cùng đơn vị với nó (each total takes the parts "
                      "of its own unit)", "inferred")
        return
    groups = _groups(text, me, parts, len(heads), block)
    if groups is None:
        return
    for (tb, tt, _f), grp in zip(heads, groups):
        if first_unit is None and any(unit_key(v.unit) != unit_key(tt.unit) for _pc, v, _c in grp):
            continue  # a group mixing nouns is not the parts of one total
        _emit(ctx, block, ms, marker, tb, tt, None, grp, uk, first_unit,
              f"“{marker}” sau {names}: mỗi nhóm phần (ngăn bởi “;”) là của một tổng, theo thứ tự (one group of parts "
              "per total, in order)", "inferred")


# (“S có/là/gồm N”, or “S: N”: “…; học sinh giỏi cấp tỉnh: 6 giải”)
_STATEMENT = re.compile(r"^\s*[-+•]?\s*(?P<subj>[^\W\d][^\d();:,]{1,60}?)(?:\s+(?:có|là|gồm)\s+(?:tổng\s+(?:số\s+)?)?|"
                        r"\s*:\s*)\d", re.I)


def _named_noun(ctx: Ctx, firsts: list) -> str | None:
    """The one count noun every part's name opens with (“đảng viên chính thức là 1.497”), or None."""
    from auditor.extract.vn import COUNT_UNITS

    nouns = set()
    for pc, v in firsts:
        words = re.sub(r"^[\s\-+•:,;]*(?:có\s+)?", "", ctx.doc.blocks[pc.block].text[pc.x:v.s]).lower().split()
        found = next((" ".join(words[:n]) for n in (3, 2, 1) if len(words) > n and " ".join(words[:n]) in COUNT_UNITS),
                     None)
        if found is None:
            return None
        nouns.add(found)
    return nouns.pop() if len(nouns) == 1 else None


# a piece that opens with what was done, without a subject of its own (“; đã thi hành xong 576.933 việc”; not
# “Đội Kiểm lâm … phát hiện, xử lý 10 vụ”, one more part)
_DONE_OPENS = re.compile(r"[\s,;:]*(?:đã\s+|và\s+)?(?:giải\s+quyết|xử\s+lý|hoàn\s+thành|thi\s+hành\s+xong)", re.I)
# (after a comma only with “đã”: “Đội Kiểm lâm … phát hiện, xử lý 10 vụ” is a part with its own subject and verbs)
_DONE_AFTER_STOP = re.compile(r"[,;][\s:]*đã\s+(?:giải\s+quyết|xử\s+lý|hoàn\s+thành|thi\s+hành\s+xong)", re.I)


def _done_clause(text: str, prev_end: int, x: int, num: int) -> bool:
    """The piece at `x` (its number at `num`) states what was done: it opens with a verb of doing after “;”
    or “,” (“…; đã thi hành xong 576.933 việc”), or such a clause without a number of its own stands between
    the part before and it (“429 vụ án …, tăng 49 vụ …, đã giải quyết, xét xử 415 vụ”)."""
    if text[:x].rstrip().endswith(";") and _DONE_OPENS.match(text, x) and cue("resolved").search(text, x, num):
        return True
    m = _DONE_AFTER_STOP.search(text, prev_end, num)
    return m is not None and cue("resolved").search(text, m.start(), num) is not None
def _in_an_aside(text: str, me: int, x: int, at: int) -> bool:
    """The part at `at` (its piece from `x`) stands in a bracket left open: one opened before its piece, or one opened
    in its piece with words before the number (“(số người còn phải phát triển … là 1,26 triệu người”), not a bracket
    holding the number alone (“Hà Giang (42)”)."""
    if text.count("(", me, x) > text.count(")", me, x):
        return True
    op = text.rfind("(", x, at)
    return op != -1 and text.find(")", op, at) == -1 and re.search(r"[^\W\d_]", text[op + 1:at]) is not None


_EQUIVALENT = re.compile(r"(?<![\w])tương\s+(?:đương|ứng)(?:\s+(?:với|là))?\s*[-:]?\s*$", re.I)
_ANOTHER_BASIS = re.compile(r"(?<![\w])(?:không\s+(?:tính|kể)|loại\s+trừ)(?![\w])", re.I)
# a piece about an earlier time than the total's: its figure is a comparison, not a part
_OTHER_TIME = re.compile(r"(?<![\w])(?:so\s+với\s+(?:năm|cùng\s+kỳ|kỳ|tháng|quý)|năm\s+(?:19|20)\d\d\s+(?:có|là|đạt))(?![\w])",
                         re.I)
_NEXT_ITEM_WORDS = re.compile(r"\s*[-+•]?\s*(?:kế\s+đến|tiếp\s+đến|tiếp\s+theo|ngoài\s+ra|bên\s+cạnh\s+đó)(?![\w])",
                              re.I)


def _sibling_statement(ctx: Ctx, first: _Piece, pc: _Piece, ptext: str) -> bool:
    """“Hộ nghèo có 10.689 hộ, …, trong đó có 3.373 hộ DTTS (…); hộ cận nghèo có 14.994 hộ, …”:
    after a “;”, a clause with a subject of its own (“S có/là N”) where the first part had none
    states a new quantity beside the total, not one more of its parts (items of a list are written
    alike: “trong đó: xã A có 50 hộ; xã B có 30 hộ” stays one list)."""
    if pc.block != first.block:
        return False
    text = ctx.doc.blocks[pc.block].text
    before = text[:pc.x].rstrip()
    if not before.endswith(";"):
        return False
    if re.match(r"\s*[-+•]?\s*(?:đang|chưa)\s+[^\W\d]", ptext, re.I) and re.search(
            r"(?<![\w])đã(?![\w])", text[max(0, first.x - 120):first.x], re.I):
        # “đã giải quyết 6.715 hồ sơ, trong đó đúng hạn 6.702 hồ sơ; đang giải quyết 127 hồ sơ”: what is still
        # being (or not yet) done stands beside what was done, not among its parts
        return True
    m = _STATEMENT.match(ptext)
    if not m:
        return False
    ftext = text[first.x:first.y]
    if ":" in m.group(0) and not re.match(r"\s*[-+•]?\s*(?:có\s+)?\d", ftext):
        return False  # “S: N” beside parts written “name N” is one more item (“Khu phố A 415 hộ; Khu phố B: 468 hộ”)
    return _STATEMENT.match(ftext) is None


# (“2.885 lao động …. Trong đó, làm việc trong nước là 2.485 người, …”: parts counted as people of a total counted by a
# noun of people)
_PERSON = unit_key("người")
_PEOPLE = frozenset(unit_key(u) for u in (
    "lao động", "thanh niên", "học sinh", "sinh viên", "học viên", "đảng viên", "hội viên", "đoàn viên", "cán bộ",
    "công chức", "công dân", "cử tri", "đại biểu", "thí sinh", "bệnh nhân", "đối tượng", "tân binh", "thành viên"))


# a list's first item naming the one holder of an office, with no number
_AN_OFFICE = re.compile(r"[\s:,]*(?:đồng\s+chí\s+|01\s+|một\s+)?(?:phó\s+)?(?:chủ\s+tịch|bí\s+thư|trưởng\s+(?:ban|phòng|"
                        r"đoàn|khối|cụm)|giám\s+đốc|chánh\s+(?:án|văn\s+phòng|thanh\s+tra)|thủ\s+trưởng)(?![\w])"
                        r"[^\d,;]*[,;]?\s*$", re.I)


_TIMES_COUNTED = unit_key("lượt")
_ANOTHER_GROUP = re.compile(r",\s*[^\W\d_]+(?:\s+[^\W\d_]+){1,6}\s*$")
_CRITERIA = frozenset(unit_key(u) for u in ("tiêu chí", "chỉ tiêu"))
# an item opening on a proper name (each word capitalised) and its verb: another subject (“Bà Rịa – Vũng Tàu đạt …”)
_NEW_SUBJECT = re.compile(rf"[\s,;:+•-]*[{UPPER_VN}][^\W\d_]*(?:\s*[-–]?\s*[{UPPER_VN}][^\W\d_]*){{1,4}}\s+"
                          r"(?:ước\s+)?(?:đạt|thu|có|xảy\s+ra|là)(?![\w])")


def _turns_after_semicolon(ctx: Ctx, tt: NumTok, parts: list) -> int | None:
    """Where a “trong đó” list turns into other items after a “;”: an item counting another noun than the
    total and the part before it (“hơn 300 công trình …, trong đó có 38 điểm sinh hoạt …; trồng mới 17.600 cây
    xanh”), or, after parts that do not, one opening on a proper name and its verb (“103.619 tỷ đồng. Trong đó, thu nội
    địa … 43.466 tỷ đồng …; Bà Rịa – Vũng Tàu đạt mức 95.067 tỷ đồng”: another subject)."""
    for k in range(1, len(parts)):
        pc, v, _c = parts[k]
        text = ctx.doc.blocks[pc.block].text
        if parts[k - 1][0].block != pc.block or not text[:pc.x].rstrip().endswith(";"):
            continue
        prev = parts[k - 1][1]
        if v.unit and is_count_unit(v.unit) and is_count_unit(tt.unit) \
                and unit_key(v.unit) not in (unit_key(tt.unit), unit_key(prev.unit)):
            return k
        if _NEW_SUBJECT.match(text, pc.x) and not any(_NEW_SUBJECT.match(ctx.doc.blocks[p.block].text, p.x)
                                                      for p, _v, _c2 in parts[:k]):
            return k
    return None


def _count_key(t: NumTok, text: str) -> str | None:
    """The unit a count counts: “156 lượt tập thể” counts collectives (its parts are “98 tập thể, …”)."""
    if unit_key(t.unit) == unit_key("lượt"):
        m = UNIT_RE.match(text, t.ue)
        if m is not None and is_count_unit(m.group("unit")) and unit_key(m.group("unit")) != unit_key("lượt"):
            return unit_key(m.group("unit"))
    return unit_key(t.unit)


def _by_unit(ctx: Ctx, heads: list, parts: list) -> list[list] | None:
    """Parts shared out to totals of different units (each part to the one total of its unit), or
    None when the totals share a unit or a part has no total of its unit."""
    keys = [_count_key(tt, ctx.doc.blocks[tb].text) for tb, tt, _f in heads]
    if len(set(keys)) != len(keys) or None in keys:
        return None
    out: list[list] = [[] for _ in heads]
    for p in parts:
        k = unit_key(p[1].unit)
        if k not in keys:
            return None
        out[keys.index(k)].append(p)
    return out


def _aside(text: str, pos: int, a: int, b: int) -> bool:
    """`pos` is inside a bracket that opens and closes within [a, b): an aside (“(có 256 hộ đi làm
    ăn xa)”), not the head of a list that follows."""
    op = text.rfind("(", a, pos)
    if op < 0 or text.rfind(")", a, pos) > op:
        return False
    close = text.find(")", pos, b)
    return close != -1


def _top_semis(text: str, a: int, b: int) -> list[int]:
    depth, out = 0, []
    for k in range(a, b):
        ch = text[k]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch == ";" and depth == 0:
            out.append(k)
    return out


_WINS = re.compile(r"(?:\s+[^\W\d]+){0,3}?\s+(?:đạt|đoạt|giành|được|có)\s+giải(?![\w])", re.I)


def _wins_prizes(text: str, t: NumTok) -> bool:
    """“32 học sinh đạt giải”: a count of people who won, one prize each, heads a list of prizes."""
    return bool(t.unit) and is_count_unit(t.unit) and unit_key(t.unit) != "giải" and _WINS.match(text, t.ue) is not None


def _heads(ctx: Ctx, block: int, text: str, sa: int, ms: int, first_unit: str | None, n_parts: int,
           prev_block: int | None) -> list[tuple[int, NumTok, NumTok | None]]:
    """The total(s) a list of parts belongs to: the nearest level or fraction with the parts' unit
    in the marker's own clause (after the last “;”; the clause before when the marker opens its
    own), never a number in a bracket closed before the marker (an aside). Two totals of the same
    unit joined by “và” or “,” (“274 đơn khiếu nại và 105 đơn tố cáo”) are both heads."""
    toks, rs = ctx.ntoks(block), _roles(ctx, block)
    uk = unit_key(first_unit)
    sa = max(sa, ms - SENTENCE_LOOKBACK)  # (a sentence of any length costs a bounded look back)
    semis = _top_semis(text, sa, ms)
    hs, he = (semis[-1] + 1 if semis else sa), ms

    def cands(a: int, b: int, blk: int = block, tks=None, rls=None) -> list[tuple[int, NumTok, NumTok | None]]:
        if tks is None:  # this paragraph's numbers in [a, b), by bisection
            i, j = bisect_left(ctx.ntok_starts(block), a), bisect_left(ctx.ntok_starts(block), b)
            tks, rls = toks[i:j], rs[i:j]
        btext = ctx.doc.blocks[blk].text
        out = []
        for t, r in zip(tks, rls):
            if not (a <= t.s < b) or _aside(btext, t.s, a, b):
                continue
            if _EQUIVALENT.search(btext, max(0, t.s - 16), t.s):
                continue  # (“tăng 4,48% so với năm 2019 - tương đương 50.454 người”: a change's size, no total)
            if _level(t, r) and (uk is None and t.unit and is_count_unit(t.unit) and unit_key(t.unit) not in _CRITERIA
                                 or uk is not None
                                 and (_count_key(t, btext) == uk or uk == "giải" and _wins_prizes(btext, t)
                                      or uk == _PERSON and unit_key(t.unit) in _PEOPLE)):
                out.append((blk, t, None))
            elif t.form == "fraction" and len(t.parts) == 2 and not t.plan_mark and first_unit is not None \
                    and unit_key(next((u for u in reversed(t.part_units) if u), t.unit)) == uk:
                a0, a1, at = t.parts[0]
                num_tok = replace(t, s=a0, e=a1, form="number", text=at, parts=[], part_units=[], value_text=None,
                                  unit=first_unit, plan_mark=False)
                out.append((blk, num_tok, t))
        return out

    found = cands(hs, he)
    if found and uk is None and any(
            found[-1][1].end <= t.s < ms and _level(t, r) and t.form == "number" and not t.pct and not _aside(text, t.s, hs, he)
            for t, r in zip(toks, rs)):
        # “Có 15 cơ sở thờ tự, 303 chức sắc, chức việc, nhà tu hành (trong đó: 01 Hòa Thượng; 11 Thượng tọa; …)”: the
        # list's head is the nearer number, in a noun the units do not list; not the count before it
        found = []
    if found and re.match(r"(?:bao\s+)?gồm(?![\w])", text[ms:ms + 8], re.I) \
            and _ANOTHER_GROUP.search(text, found[-1][1].ue, ms):
        # “… cho 02 đối tượng hộ gia đình chính sách …, hộ bảo trợ xã hội gồm 221 đối tượng”: “gồm” opens the list of
        # the group named after the comma, which has no number of its own
        found = []
    if not found and semis and text[hs:he].strip(" ,:") == "":
        hs2 = semis[-2] + 1 if len(semis) > 1 else sa
        he = semis[-1]
        found = cands(hs2, he)
        hs = hs2
    if not found and text[sa:ms].strip() == "":
        pa, _ = sentence_of(text, max(0, sa - 2))
        found = cands(pa, sa)
        if not found and prev_block is not None and ms < 3:
            pb = ctx.doc.blocks[prev_block]
            found = cands(0, len(pb.text), prev_block, ctx.ntoks(prev_block), _roles(ctx, prev_block))
    if not found and uk is not None and n_parts >= 2:
        # parts named by their nouns under a count total of another noun (“22 người, gồm 10 cán bộ …”)
        # (never a count of criteria: “kéo giảm cả 3 tiêu chí. Cụ thể, … 191 vụ …, 135 người bị thương”)
        found = [(block, t, None) for t, r in zip(toks, rs) if hs <= t.s < he and _level(t, r) and t.unit
                 and is_count_unit(t.unit) and unit_key(t.unit) not in _CRITERIA and not _aside(text, t.s, hs, he)]
    if not found:
        return []
    if uk is None and n_parts < 2:
        return []
    last = found[-1]
    if last[0] == block and last[2] is None and re.search(r"(?<![\d.,])\d{1,3},\s+$", text[max(0, last[1].s - 8):last[1].s]):
        # “… là 13, 92 triệu ha, trong đó …”: a bare number and a comma right before the total may be its integer
        # part with a stray space (13,92): which number the total is, the text does not say
        return []
    if last[0] == block and re.match(r"(?:bao\s+)?gồm(?![\w])", text[ms:ms + 8], re.I) and any(
            last[1].end <= t.s < ms and t.form == "number" and not t.pct and r is not None and r.kind == "delta"
            and _count_key(t, text) == uk and not re.search(r"so\s+với|[.;]", text[t.e:ms], re.I)
            for t, r in zip(toks, rs)):
        # “bầu được 638/644 đại biểu (thiếu 6 đại biểu ở 5 đơn vị gồm: Vĩnh Hải 1 đại biểu, …)”: the list after a
        # change (the 6 short) is that change's, not the total's before it
        return []
    if ctx.used_by.get((last[0], last[1].s)) == "council":
        return []
    heads = [last]
    if last[2] is None and last[0] == block:
        for prev in reversed(found[:-1]):
            if prev[2] is not None or prev[0] != block:
                break
            if not _coordinated(text, prev[1].end, heads[0][1].s):
                break
            heads.insert(0, prev)
    return heads


# (“24 lớp với 892 học sinh”: two totals of two nouns, each item of the list giving both)
_COORD = re.compile(r"[^\d;()]*?(?:,|\s+và|\s+với)\s*", re.I)
_JOIN = re.compile(r"\s*(?:,|và|,\s*và)\s*", re.I)


def _joined_with_another_noun(ctx: Ctx, head: tuple[int, NumTok, NumTok | None], parts: list) -> bool:
    """“17 xã và 2 thị trấn, …, trong đó 18 xã, thị trấn …”: the total is joined to a count of another
    noun that the parts also name, so the parts break down both together, not the first alone; the
    reader does not know which total they make (the sum, or each its own), so it reads none."""
    blk, tt, frac = head
    if frac is not None:
        return False
    text = ctx.doc.blocks[blk].text
    nxt = next((t for t in ctx.ntoks(blk) if t.s >= tt.end), None)
    if nxt is None or not nxt.unit or not is_count_unit(nxt.unit) or unit_key(nxt.unit) == unit_key(tt.unit) \
            or not _JOIN.fullmatch(text[tt.end:nxt.s]):
        return False
    word = re.compile(r"(?<!\w)" + re.escape(nxt.unit.casefold()) + r"(?!\w)")
    return any(word.search(ctx.doc.blocks[pc.block].text[pc.x:pc.y].casefold()) for pc, _v, _c in parts)


def _coordinated(text: str, a: int, b: int) -> bool:
    """Two totals joined as one enumeration (“274 đơn khiếu nại và 105 đơn tố cáo”), no verb between."""
    seg = text[a:b]
    return bool(_COORD.fullmatch(seg)) and not any(
        cue(n).search(seg) for n in ("achieve", "increase", "decrease", "share", "parts_partial", "parts_complete"))


def _groups(text: str, me: int, parts: list, n: int, block: int) -> list[list] | None:
    """The parts split at the top-level “;” of the list: one group per total, or None."""
    cuts = [k for k in _top_semis(text, me, len(text))]
    groups: list[list] = [[] for _ in range(len(cuts) + 1)]
    for p in parts:
        pc = p[0]
        if pc.block != block:
            return None
        g = sum(1 for c in cuts if c < pc.x)
        groups[g].append(p)
    groups = [g for g in groups if g]
    return groups if len(groups) == n else None


def _half(t: NumTok) -> Decimal:
    """Half a unit of the last digit written."""
    text = (t.value_text or t.text).replace(" ", "")
    decimals = len(text.split(",", 1)[1]) if "," in text else 0
    return Decimal(5).scaleb(-decimals - 1)


def _flat_levels(parts: list, tt: NumTok, complete: bool = False) -> tuple[list, list[tuple[tuple, list]]] | None:
    """Parts written flat over two or more levels, read only when the flat list cannot be the
    total's parts (their sum exceeds it): a part whose value is the sum of the two or more parts
    right after it (within the written precision) is their subtotal, inner levels first. Returns
    the top-level parts and, for each subtotal, ((piece, value), its parts); None when no part
    is such a subtotal or the top level still exceeds the total; ([], []) when, in a whole list
    (`complete`), the top level falls short of the total (neither reading holds)."""
    total = _value(tt)
    vals = [_value(v) for _, v, _ in parts]
    if total is None or len(parts) < 3 or any(v is None for v in vals) or tt.approx is not None \
            or any(v.approx is not None for _, v, _ in parts):
        return None
    if any(unit_key(v.unit) != unit_key(tt.unit) for _, v, _ in parts):
        return None  # parts named by other nouns (tập thể, gia đình under cá nhân) are no levels of one sum

    def exceeds(items: list) -> bool:
        lo = sum((_value(v) - _half(v) for _, v, _ in items), Decimal(0))  # type: ignore[operator]
        return lo > total + _half(tt)  # type: ignore[operator]

    if not exceeds(parts):
        return None
    items = list(parts)
    subs: list[tuple[tuple, list]] = []
    found = True
    while found:
        found = False
        for i in range(len(items) - 3, -1, -1):   # from the end: the inner levels first
            pc, head, _c = items[i]
            hv, hh = _value(head), _half(head)
            acc, slack = Decimal(0), Decimal(0)
            for k in range(i + 1, len(items)):
                _pc, v, _cc = items[k]
                acc += _value(v)  # type: ignore[operator]
                slack += _half(v)
                if k - i >= 2 and abs(acc - hv) <= hh + slack:  # type: ignore[operator]
                    subs.append(((pc, head), items[i + 1:k + 1]))
                    items = items[:i + 1] + items[k + 1:]
                    found = True
                    break
                if acc - slack > hv + hh:  # type: ignore[operator]
                    break
            if found:
                break
    if not subs or exceeds(items):
        return None
    hi = sum((_value(v) + _half(v) for _, v, _ in items), Decimal(0))  # type: ignore[operator]
    if complete and hi < total - _half(tt):  # type: ignore[operator]
        return [], []  # (neither reading holds: the caller reads the flat list, as a doubt)
    return items, subs


def _nested(ctx: Ctx, parts: list, uk: str | None) -> tuple[tuple, list, list] | None:
    """The first piece of a list holds two levels of the parts' unit (“có 5.591 đơn đủ điều kiện với
    651 đơn khiếu nại”): its first level heads the rest of the list. When the levels after it are in the
    bracket right after it (“cây ngô 62 ha (ngô đông là 29,3 ha; ngô xuân là 24,8 ha; ngô mùa 7,9 ha); cây
    lạc 27,8 ha; …”), they are its own breakdown, and the list goes on beside it. Returns the head, its
    parts and the parts left to the list's total (the first alone: what the rest of the list is a part of
    is not read)."""
    pc, val, _chg = parts[0]
    more = [t for t, r in zip(pc.toks, pc.roles) if _level(t, r) and t is not val and t.s > val.s
            and unit_key(t.unit) == uk]
    if not more or len(parts) < 2:
        return None
    text = ctx.doc.blocks[pc.block].text
    op = text.find("(", val.ue, pc.y)
    close = text.find(")", op) if op >= 0 else -1
    if op >= 0 and not text[val.ue:op].strip() and close > op and all(op < t.s < close for t in more):
        return (pc, val), [(pc, t, None) for t in more], [parts[0]]
    sub = [(pc, more[0], None)] + list(parts[1:])
    return (pc, val), sub, [parts[0]]


def _emit(ctx: Ctx, block: int, ms: int, marker: str, tb: int, tt: NumTok, from_fraction: NumTok | None,
          parts: list, uk: str | None, first_unit: str | None, how: str, confidence: str) -> None:
    """One total and its parts, read the way that holds (docstring of the module)."""
    tq = ctx.doc.blocks[tb]
    ttext = tq.text
    if is_count_unit(tt.unit) and parts and unit_key(parts[0][1].unit) == unit_key(tt.unit):
        # “32 xã đạt chuẩn NTM, trong đó có 13 xã đạt chuẩn NTM nâng cao, 81 thôn đạt chuẩn thôn NTM”: after parts
        # counting the total's own noun, a count of another noun is the next item beside the total, not a part
        # (“1.196 vụ” after “2.362 vụ việc”: the first word of the total's noun is its noun still)
        cut = next((i for i, (_pc, v, _c) in enumerate(parts)
                    if v.unit and is_count_unit(v.unit) and unit_key(v.unit) != unit_key(tt.unit)
                    and unit_key(str(tt.unit).split()[0]) != unit_key(v.unit)), None)
        if cut is not None:
            parts = parts[:cut]
    turn = _turns_after_semicolon(ctx, tt, parts)
    if turn is not None:
        parts = parts[:turn]
        if not parts:
            return
    nouns = [unit_key(v.unit) for _pc, v, _c in parts if v.unit and is_count_unit(v.unit)]
    if len(nouns) >= 3 and len(set(nouns)) == len(nouns) and unit_key(tt.unit) in nouns:
        # “…, số vụ việc: 01; trong đó, Lãnh đạo cơ quan tiếp: 42 lượt, 38 người, 34 vụ việc”: parts in the total's
        # noun and in others are one item's several counts, each a part of another total
        return
    if _BALANCE.search(ttext, max(0, tt.s - 50), tt.s):
        # “xuất siêu 10,73 tỷ USD. Trong đó, kim ngạch xuất khẩu đạt 26,6 tỷ USD và … nhập khẩu đạt 15,87”: a
        # surplus is a difference of what follows, not their sum
        _trade_balance(ctx, tb, tt, parts, ttext[max(0, tt.s - 50):tt.s])
        return
    # the total's own change, written between it and the marker (“224 đơn, giảm 37 đơn so với cùng kỳ. Trong đó”)
    # (the numbers after the total, up to the marker in its own paragraph: by bisection)
    starts = ctx.ntok_starts(tb)
    lo, hi = bisect_right(starts, tt.s), (bisect_left(starts, ms) if tb == block else len(starts))
    t_rs = list(zip(ctx.ntoks(tb)[lo:hi], _roles(ctx, tb)[lo:hi]))
    tchg = next((t for t, r in t_rs if r is not None and r.kind == "delta" and t.s > tt.s and t.form == "number"
                 and (tb != block or t.s < ms) and unit_key(t.unit) in (unit_key(tt.unit), None)), None)
    # a second measure (money) stated with the total and with each part
    second = next((t for t, r in t_rs if t.s > tt.s and (tb != block or t.s < ms) and _level(t, r) and t.unit
                   and unit_key(t.unit) not in (uk, None, unit_key(tt.unit))), None)
    complete = marker in _COMPLETE and len(parts) >= 2   # (one part named after “bao gồm” is one of them)
    if complete and ctx.cut_at_end(parts[-1][0].block):
        complete = False  # an excerpt that stops inside its list (“gồm: 10 cán bộ, 8 công chức” and no more)
        how = "; ".join(x for x in (how, "văn bản dừng giữa danh sách: các phần có thể chưa đủ (the text stops "
                                          "inside the list: parts may be missing)") if x)
    if marker in _DETAIL and len(parts) < 2:
        return  # “Cụ thể, khu vực công nghiệp … đóng góp 0,79 điểm %; … (long text) … xây dựng … 1,79”: one part read
    if marker in _DETAIL and confidence == "explicit":
        # “cụ thể” (specifically) introduces the detail, often only the main parts (the crops of a
        # plan without “cây khác”); “phân theo khu vực” may leave a group out of an excerpt
        confidence = "inferred"
        how = "; ".join(x for x in (how, _DETAIL[marker]) if x)
    total_v = _value(tt)
    vals = [_value(v) for _, v, _ in parts]
    if marker in _DETAIL and complete and total_v and all(v is not None for v in vals) \
            and sum(vals) < total_v * Decimal("0.8"):  # type: ignore[arg-type]
        # “tổng thu 77.856 tỷ … Cụ thể, thu dầu thô 27.412 tỷ …; thu thuế xuất nhập khẩu 18.613 tỷ”: main parts
        # a fifth or more short of the total leave a part unlisted (a figure written wrong is not that far off)
        complete = False
    if not complete and len(parts) >= 2 and from_fraction is None and _ALL_LEVELS.search(ttext, tt.ue, tt.ue + 120) \
            and all(_A_LEVEL.search(ctx.doc.blocks[pc.block].text, pc.x, v.s) for pc, v, _c in parts):
        # “3.939 lượt hộ … giỏi các cấp …. Trong đó, … cấp Trung ương là 22 lượt hộ, cấp tỉnh 274 …, cấp huyện 1.245
        # …, cấp cơ sở 2.389”: a total of all levels, then each level: complete, a reading
        complete = True
        confidence = "inferred"
        how = "; ".join(x for x in (how, "tổng “các cấp” rồi từng cấp: đủ (a total of all levels, then each level)") if x)
    if not complete and len(parts) >= 3 and from_fraction is None:
        t_end = ms if tb == block else sentence_of(ttext, tt.s)[1]
        whole = classes_listed_whole(ttext[tt.s:t_end], [ctx.doc.blocks[pc.block].text[pc.x:pc.y]
                                                         for pc, _v, _c in parts])
        if whole:
            # “27 học sinh … Huân chương Lao động và Bằng khen … Trong đó 02 … hạng Nhất; 06 … hạng Nhì; 08 … hạng
            # Ba và 09 … Bằng khen …”: every class of the award the total names is a part: complete, a reading
            complete = True
            confidence = "inferred"
            how = "; ".join(x for x in (how, whole) if x)
    if not complete and len(parts) == 2 and from_fraction is None and _two_sides(ctx, parts):
        # “2.915 trẻ, trong đó 1.532 trẻ trai và 1.383 trẻ gái”: two parts that are the two sides of one division
        # (boys and girls, urban and rural, at home and abroad) leave nothing out; a reading (at most a warning)
        complete = True
        confidence = "inferred"
        how = "; ".join(x for x in (how, "hai phần là hai nhóm bù nhau của một cách chia (nam/nữ, thành thị/nông "
                                          "thôn …): đủ (the two sides of one division: complete)") if x)
    if from_fraction is None and _restates_a_part(ctx, ttext, tt, total_v, parts, vals):
        return
    if from_fraction is None and _measures_not_parts(ctx, tb, tt, parts, ms if tb == block else None):
        return
    if is_count_unit(tt.unit) and all(v.unit is None for _, v, _ in parts) and any(
            v.noun and v.noun.split()[0].lower() not in str(tt.unit).lower().split()
            and len(content_tokens(ctx.doc.blocks[pc.block].text[pc.x:v.s])) >= 2 for pc, v, _ in parts):
        # “tái định cư cho người dân tại 6 điểm. Trong đó, khu … khoảng 198 nền đất; khu … 15 nền; …”: parts named
        # before their number (a site) that count another noun after it (its plots) are not the total's (“11
        # thành viên, gồm 1 Chủ tịch, 2 Phó Chủ tịch và 9 ủy viên”: the noun after the number names the part)
        return
    # (the pieces are cut at “và”: the words since the part before are looked at)
    times = [_each_of(ctx.doc.blocks[pc.block].text, parts[k - 1][1].ue if k and parts[k - 1][0].block == pc.block
                      else pc.x, v.s) for k, (pc, v, _c) in enumerate(parts)]
    if any(n > 1 for n in times) and total_v is not None and all(v is not None for v in vals) and sum(vals) != total_v \
            and sum(v * n for v, n in zip(vals, times)) == total_v:  # type: ignore[arg-type, misc, operator]
        # “…, Thạch Hà 2 vụ, Can Lộc và Đức Thọ cùng 1 vụ”, “các môn Lịch sử, Ngữ văn, Vật lý và Sinh học mỗi môn 1
        # giải”: places or subjects with the same count each, when the total holds so (and not read once)
        parts = [p for p, n in zip(parts, times) for _ in range(n)]  # (the caller's list stays as read)
        vals = [_value(v) for _, v, _ in parts]
        how = "; ".join(x for x in (how, "“A và B cùng N”: N mỗi nơi, đọc như vậy thì tổng khớp (N each, which makes "
                                          "the total)") if x)
    reading = ""
    overlap = False
    share_base = None
    if from_fraction is not None:
        den = _value(replace(from_fraction, text=from_fraction.parts[1][2], value_text=None))
        share_base = from_fraction.parts[1]
        if total_v is not None and den is not None and all(v is not None for v in vals) \
                and any(v > total_v for v in vals) and all(v <= den for v in vals):  # type: ignore[operator]
            # a part larger than the numerator but within the whole: the parts are of the whole (the
            # reading that holds), e.g. households with an attribute among all households
            b0, b1, bt = from_fraction.parts[1]
            tt = replace(from_fraction, s=b0, e=b1, form="number", text=bt, parts=[], part_units=[], value_text=None,
                         unit=first_unit, plan_mark=False)
            total_v = den
            how = (f"“{marker}” sau “{from_fraction.text}”: có phần lớn hơn tử số nên các phần là của mẫu số {bt} (a part "
                   f"exceeds the numerator: the parts are of the whole {bt})")
    if _PUBLIC.search(ttext, tt.ue, min(len(ttext), tt.ue + 40)) and any(
            _PRIVATE.search(ctx.doc.blocks[pc.block].text, pc.x, pc.y) for pc, _v, _c in parts):
        # “70 trường công lập, gồm 23 …, 26 …, 19 …, 2 … và 5 trường mầm non tư thục”: a private part in a list of
        # public ones may be outside their count; a mismatch is a doubt
        confidence = "inferred"
        how = "; ".join(x for x in (how, "có phần ngoài công lập trong danh sách các phần của tổng công lập (a private part "
                                         "among the parts of a public total)") if x)
    if total_v is not None and all(v is not None for v in vals):
        s = sum(vals)  # type: ignore[arg-type]
        if not complete and s == total_v:
            complete = True
            reading = "các phần cộng lại đúng bằng tổng (the parts add up to the total)"
        elif not complete and s > total_v:
            run, cut = Decimal(0), None
            t_lo, t_hi = _bounds(tt, total_v)
            r_lo = r_hi = Decimal(0)
            for k, v in enumerate(vals):
                run += v  # type: ignore[operator]
                lo, hi = _bounds(parts[k][1], v)  # type: ignore[arg-type]
                r_lo, r_hi = r_lo + lo, r_hi + hi
                if (run == total_v or r_lo <= t_hi and t_lo <= r_hi) and k + 1 < len(vals):
                    # (“hơn 340,8 triệu … Trong đó, … gần 33,6 triệu đồng; … hơn 307 triệu đồng và đến nay đã thu hồi
                    # gần 196,8 triệu đồng (đạt 64%)”: the first parts make the total within what their words allow)
                    cut = k + 1
                    break
            tail = None
            if cut is None:
                run = Decimal(0)
                for k in range(len(vals) - 1, 0, -1):
                    run += vals[k]  # type: ignore[operator]
                    if run == total_v and len(vals) - k >= 2:
                        tail = k
                        break
            if cut is not None:
                parts = parts[:cut]
                complete = True
                reading = ("các phần đầu đã cộng đủ tổng, phần sau là chi tiết của một phần (the first parts make the "
                           "total; the rest details one of them)")
            elif tail is not None:
                # “22/22 trường … Trong đó có 5 trường mới được công nhận …; 20 trường … mức độ 1; 2 trường … mức độ
                # 2”: the last parts make the total; the first ones are of another criterion, among them
                parts = parts[tail:]
                complete = True
                reading = ("các phần cuối đã cộng đủ tổng, phần đầu là theo tiêu chí khác (the last parts make the total; "
                           "the first is by another criterion)")
            elif _of_the_siblings_too(ctx, tb, tt, s):
                # “13 sản phẩm OCOP 4 sao, 131 sản phẩm OCOP 3 sao …, trong đó 124 …; 11 …; 6 …; 3 …”: the parts
                # add up to the total with the counts listed beside it (144): they are of all of them
                return
            elif _attributes(ctx, parts, tt, ttext) or _tiers(ctx, parts):
                overlap = True
                reading = ("các phần là thuộc tính có thể chồng lấn nên chỉ kiểm tra từng phần ≤ tổng (overlapping "
                           "attributes: only each part ≤ the total is checked)")
            elif _kinds_of_the_total(ctx, parts, tt, ttext):
                overlap = True
                reading = ("tổng là số tham gia một trong các loại nó kể ra, mỗi phần là một loại ấy: một người có thể "
                           "thuộc nhiều loại, nên chỉ kiểm tra từng phần ≤ tổng (the total counts those in any of the kinds "
                           "it lists, each part is one of them: they overlap)")
            elif _shares_over_100(ctx, parts):
                overlap = True
                reading = ("tỷ lệ ghi của các phần cộng lại hơn 100% nên các phần chồng lấn; chỉ kiểm tra từng phần ≤ tổng "
                           "(the parts' own shares add up to more than 100%: they overlap)")
            else:
                # a “trong đó” list may be of overlapping attributes: more than the total is a doubt, not a proof
                confidence = "inferred"
                reading = ("các phần “trong đó” có thể chồng lấn (không nói là chia theo một tiêu chí), nên tổng các phần "
                           "lớn hơn tổng là điều cần xem lại (“trong đó” parts may overlap)")
    after = np_after(ttext, from_fraction.ue if from_fraction is not None else tt.ue)
    if after and len(content_tokens(after)) >= 1:
        label = f"{tt.unit or ''} {after}".strip(" ,;:")
    else:
        label = label_before(ttext, tt.s)
        if len(content_tokens(label)) < 1:
            label = tt.unit or "?"
    base = {"label": label, "unit": tt.unit or first_unit, "section": ctx.sid(tb), "src": tq.loc(tt.s, tt.ue),
            "confidence": confidence, "reading": "; ".join(x for x in (how, reading) if x) or None}
    if from_fraction is not None:
        base["confidence"] = "inferred"
        if not how:
            base["reading"] = (f"“{marker}” sau “{from_fraction.text}”: các phần là của tử số {tt.text} (the parts are "
                               f"of the numerator {tt.text})" + (f"; {reading}" if reading else ""))
    if share_base is not None and is_count_unit(first_unit):
        base["_share_base"] = ctx.num(tb, share_base[:2])  # a count over its whole: shares are of the whole
    total_num = ctx.num(tb, tt)
    part_items = []
    for pc, val, _chg in parts:
        ptext = ctx.doc.blocks[pc.block].text
        part = {"label": _part_label(ptext, pc.x, pc.y, pc.toks) or "?", "value": ctx.num(pc.block, val)}
        ctx.used_by[(pc.block, val.s)] = "part"
        if second is not None:
            amt = next((t for t, r in zip(pc.toks, pc.roles) if _level(t, r) and unit_key(t.unit) == unit_key(second.unit)),
                       None)
            if amt is not None:
                part["amount"] = ctx.num(pc.block, amt)
        part_items.append(part)
    n = len(ctx.out["totals"])
    if overlap:
        for k, part in enumerate(part_items):
            ctx.add("totals", {**base, "id": f"{ctx.sid(block) or 'doc'}:total_{n + 1}_{k + 1}", "total": total_num,
                               "parts": [part], "complete": False})
        return
    tot = {**base, "id": f"{ctx.sid(block) or 'doc'}:total_{n + 1}", "total": total_num, "parts": part_items,
           "complete": complete}
    if complete and from_fraction is None:
        _growths_of_each(ctx, tb, tt, parts, tot, part_items)
    if second is not None and any("amount" in x for x in part_items):
        tot["amount_unit"] = second.unit
        tot["total_amount"] = ctx.num(tb, second)
    ctx.add("totals", tot)
    _changes_add_up(ctx, tb, tt, tchg, parts, complete, label, block)


_BALANCE = re.compile(r"(?<![\w])(?:xuất\s+siêu|nhập\s+siêu|thặng\s+dư|cán\s+cân|chênh\s+lệch|bội\s+chi|bội\s+thu)(?![\w])",
                      re.I)
_EXPORT = re.compile(r"(?<![\w])xuất\s+khẩu(?![\w])", re.I)
_IMPORT = re.compile(r"(?<![\w])nhập\s+khẩu(?![\w])", re.I)


def _trade_balance(ctx: Ctx, tb: int, tt: NumTok, parts: list, words: str) -> None:
    """A trade surplus (deficit) with its exports and imports: exports − imports = surplus (DIF002);
    anything else under such a word is left unread."""
    if len(parts) != 2:
        return
    named = [ctx.doc.blocks[pc.block].text[pc.x:val.s] for pc, val, _c in parts]
    exp = next((i for i, w in enumerate(named) if _EXPORT.search(w) and not _IMPORT.search(w)), None)
    imp = next((i for i, w in enumerate(named) if _IMPORT.search(w) and not _EXPORT.search(w)), None)
    if exp is None or imp is None or exp == imp:
        return
    surplus = re.search(r"xuất\s+siêu", words, re.I) is not None
    deficit = re.search(r"nhập\s+siêu", words, re.I) is not None
    if surplus == deficit:
        return  # (a “cán cân”, “chênh lệch” says no direction)
    big, small = (parts[exp], parts[imp]) if surplus else (parts[imp], parts[exp])
    ctx.add("differences", {
        "id": f"{ctx.sid(tb) or 'doc'}:diff_{len(ctx.out['differences']) + 1}",
        "label": "xuất siêu" if surplus else "nhập siêu", "unit": tt.unit,
        "minuend": ctx.num(big[0].block, big[1]), "subtrahend": ctx.num(small[0].block, small[1]),
        "result": ctx.num(tb, tt), "section": ctx.sid(tb), "confidence": "inferred",
        "reading": ("xuất siêu = xuất khẩu − nhập khẩu (a surplus is exports minus imports)" if surplus else
                    "nhập siêu = nhập khẩu − xuất khẩu (a deficit is imports minus exports)")})


def _tiers(ctx: Ctx, parts: list) -> bool:
    """Parts that are cumulative tiers (“60 thôn duy trì từ năm thứ 3 trở lên; 47 thôn … từ năm thứ 5
    trở lên”): each tier contains the next, so they overlap by construction (cue `tier`)."""
    return sum(1 for pc, _v, _c in parts if cue("tier").search(ctx.doc.blocks[pc.block].text, pc.x, pc.y)) >= 2


def _shares_over_100(ctx: Ctx, parts: list) -> bool:
    """The parts' own written shares (“2.689 hộ an toàn (chiếm 99,26%), 2.706 hộ sức khỏe (chiếm
    99,55%)”) add up to more than 100%: the writer's figures say the parts overlap."""
    total = Decimal(0)
    n = 0
    for pc, _v, _c in parts:
        pct = next((t for t, r in zip(pc.toks, pc.roles) if t.pct and t.form == "number" and r is not None
                    and r.kind in ("share", "pct", "pct_of")), None)
        if pct is None:
            continue
        v = _value(pct)
        if v is None:
            continue
        total += v
        n += 1
    return n >= 2 and total > 101


def _restates_a_part(ctx: Ctx, ttext: str, tt: NumTok, total_v: Decimal | None, parts: list,
                     vals: list[Decimal | None]) -> bool:
    """The number before the list is one of its own parts said first (a lead repeating one sector:
    “Khu vực công nghiệp và xây dựng tăng 6,78%, đóng góp 3,93 điểm phần trăm …” then “Trong đó,
    khu vực nông, lâm nghiệp … 0,49 …; khu vực công nghiệp và xây dựng …, đóng góp 3,93 …”): the
    same value with the same words, so not the parts' total."""
    if total_v is None:
        return False
    a, b = sentence_of(ttext, tt.s)
    own = set(content_tokens(re.sub(r"[\d.,%]+", " ", ttext[max(a, tt.s - SENTENCE_LOOKBACK):tt.s])))
    if len(own) < 2:
        return False
    for (pc, tok, _c), v in zip(parts, vals):
        if v != total_v:
            continue
        text = ctx.doc.blocks[pc.block].text
        # the part's own item: from its sentence's start or the “;” or “:” before it, to its number
        start = max(text.rfind(";", 0, tok.s) + 1, text.rfind(":", 0, tok.s) + 1, sentence_of(text, tok.s)[0],
                    tok.s - SENTENCE_LOOKBACK)
        words = set(content_tokens(re.sub(r"[\d.,%]+", " ", text[start:tok.s])))
        if len(own & words) >= 0.75 * len(own):
            return True
    return False


# words that name no measure: verbs and fillers around a value
_NOT_MEASURE = frozenset(("đạt", "là", "ước", "được", "đã", "có", "số", "tổng", "với", "và", "trong", "đó", "tính",
                          "đến", "bằng", "gần", "hơn", "khoảng", "trên", "dưới", "cả"))


def _measure_words(s: str) -> frozenset[str]:
    return frozenset(w for w in content_tokens(re.sub(r"[\d.,%]+", " ", s)) if w not in _NOT_MEASURE)


def _measures_not_parts(ctx: Ctx, tb: int, tt: NumTok, parts: list, ms: int | None) -> bool:
    """The “parts” restate the measures of the total's own sentence for a subset (“… khối lượng thực hiện
    đạt 2.933 tỷ đồng, …, giải ngân đạt 2.844 tỷ đồng. Trong đó, kế hoạch vốn năm 2022: đã phân bổ 5.564,5
    tỷ đồng, khối lượng thực hiện đạt 2.603 tỷ đồng, … giải ngân đạt 2.537 tỷ đồng”), or list several
    measures per item (the same name twice: “nguồn ngân sách tỉnh: kế hoạch vốn …, giải ngân …; nguồn
    ngân sách Trung ương: kế hoạch vốn …, giải ngân …”): other quantities side by side, not pieces of the
    total, so no sum is read."""
    labels: list[frozenset[str]] = []
    names: list[str] = []
    for pc, v, _c in parts:
        ptext = ctx.doc.blocks[pc.block].text
        labels.append(_measure_words(_part_label(ptext, pc.x, pc.y, pc.toks)))
        names.append(" ".join(re.findall(r"\w+", ptext[pc.x:v.s].lower())))
    named = [w for w in labels if len(w) >= 2]
    # (word for word: “khu phố Hiệp Tâm 1: 538 hộ; khu phố Hiệp Tâm 2: 1019 hộ”, “thôn A có 50 hộ nghèo, thôn B
    # có 90 hộ nghèo” are two places)
    twice = [w for w in names if len(w.split()) >= 2]
    if len(set(twice)) < len(twice):
        return True
    ttext = ctx.doc.blocks[tb].text
    a, b = sentence_of(ttext, tt.s)
    if ms is not None:
        b = min(b, ms)  # (not the parts themselves, when they follow in the sentence)
    # (near the total: a sentence of any length costs a bounded window)
    a, b = max(a, tt.s - SENTENCE_LOOKBACK), min(b, tt.e + SENTENCE_LOOKBACK)
    uk = unit_key(tt.unit)
    others = set()
    starts = ctx.ntok_starts(tb)
    for t in ctx.ntoks(tb)[bisect_left(starts, a):bisect_left(starts, b)]:
        if t.s != tt.s and not t.pct and unit_key(t.unit) == uk:
            w = _measure_words(label_before(ttext, t.s, a))
            if len(w) >= 2:
                others.add(w)
    return any(w in others for w in named)


_SHARE_WORD = re.compile(r"(?<![\w])chiếm(?![\w])", re.I)
_NEW_TOTAL_WORDS = re.compile(r"(?<![\w])(?:tổng|trong\s+đó|bao\s+gồm|gồm)(?![\w])", re.I)


def _same_shape_sentences(text: str, me: int, sb: int) -> int:
    """“Trong đó: Chi đầu tư phát triển đạt 1.997,40 tỷ đồng, tăng 30,10%, chiếm 28,15%. Chi thường xuyên đạt
    5.032,15 tỷ đồng, tăng 7,68%, chiếm 71,63%. …”: a list after “trong đó” whose items are sentences of one
    shape, each with its share (“chiếm”), goes on over them; it ends at the first sentence without a share or
    with words of a new total."""
    if not _SHARE_WORD.search(text, me, sb):
        return sb
    end = sb
    while end < len(text):
        a, b = sentence_of(text, min(len(text) - 1, end + 1))
        if a < end or b <= end or not text[a:b].strip() or not text[a:b].lstrip()[:1].isupper() \
                or not _SHARE_WORD.search(text, a, b) or _NEW_TOTAL_WORDS.search(text, a, b) \
                or not re.search(r"\d", text[a:b]):
            break
        end = b
    return end


def _names_first(piece: str) -> bool:
    """The piece opens with a proper name (two capitalised words: “Bảo Cường”, “Đồng Thịnh”)."""
    words = re.sub(r"^[\s:]*(?:các\s+(?:xã|trường|đơn\s+vị)\s*:?\s*)?", "", piece, flags=re.I).split()
    # (a one-letter word is capitalised alike: “A Rooi”, “A Ting”, “Y Tý”)
    return len(words) >= 2 and all(w[0].isupper() and (len(w) == 1 or not w.isupper()) for w in words[:2])


_PUBLIC = re.compile(r"(?<![\w])công\s+lập(?![\w])", re.I)
_PRIVATE = re.compile(r"(?<![\w])(?:tư\s+thục|ngoài\s+công\s+lập|dân\s+lập)(?![\w])", re.I)


def _of_the_siblings_too(ctx: Ctx, tb: int, tt: NumTok, parts_sum: Decimal) -> bool:
    """The levels in the total's unit listed right before it in its clause list (“, ” between them), with
    it, add up to the parts' sum."""
    text = ctx.doc.blocks[tb].text
    sa, _sb = sentence_of(text, tt.s)
    starts = ctx.ntok_starts(tb)
    lo = bisect_left(starts, max(sa, tt.s - SENTENCE_LOOKBACK))
    hi = bisect_left(starts, tt.s)
    acc, end = _value(tt), tt.s
    if acc is None:
        return False
    for t, r in reversed(list(zip(ctx.ntoks(tb)[lo:hi], _roles(ctx, tb)[lo:hi]))):
        if re.search(r"[.;:]", text[t.ue:end]):
            break
        if not _level(t, r) or unit_key(t.unit) != unit_key(tt.unit):
            continue  # (“… OCOP 4 sao”: a number naming the item)
        v = _value(t)
        if v is None:
            break
        acc += v
        end = t.s
        if acc == parts_sum:
            return True
    return False


def _base_of_a_change(ctx: Ctx, pc: _Piece, t: NumTok, r: Role | None) -> bool:
    """A level in the bracket right after a change is that change's base, not a part (“diện tích rừng bị cháy
    là 7,8 ha, giảm 93,2% (3 tháng đầu năm 2021, diện tích rừng bị cháy là 115,1 ha)”)."""
    if r is None or not r.in_paren:
        return False
    text = ctx.doc.blocks[pc.block].text
    op = text.rfind("(", 0, t.s)
    before = text[:op].rstrip()
    for u, ru in zip(pc.toks, pc.roles):
        if u.ue == len(before) or u.e == len(before) or (u.pct and before.endswith("%") and u.e <= len(before) <= u.ue + 1):
            return ru is not None and ru.kind in ("growth", "delta")
    return False


def _kinds_of_the_total(ctx: Ctx, parts: list, tt: NumTok, ttext: str) -> bool:
    """“2.995.949 người tham gia bảo hiểm xã hội, bảo hiểm y tế, bảo hiểm thất nghiệp, trong đó: Bảo hiểm xã hội
    là 374.764 người; Bảo hiểm thất nghiệp là 243.822 người; …”: the total names several kinds and each part
    is named by one of them (a union: one person may be in several)."""
    kinds = re.split(r"\d|[.:;(]|(?<![\w])(?:trong\s+đó|gồm|bao\s+gồm|cụ\s+thể)(?![\w])", ttext[tt.ue:tt.ue + 300],
                     maxsplit=1, flags=re.I)[0].strip(" ,")
    if kinds.count(",") + len(re.findall(r"(?<![\w])và(?![\w])", kinds)) < 1:
        return False
    named = content_tokens(kinds)
    for pc, v, _c in parts:
        own = content_tokens(ctx.doc.blocks[pc.block].text[pc.x:v.s])
        if len(own) < 2 or not own <= named:
            return False
    return True


def _attributes(ctx: Ctx, parts: list, tt: NumTok, ttext: str) -> bool:
    """Parts named as properties of the total's members (“hộ nghèo DTTS”, “… có thành viên là người
    có công”, “120 nữ”), which may overlap."""
    for pc, _v, _c in parts:
        ptext = ctx.doc.blocks[pc.block].text[pc.x:pc.y]
        if cue("attribute").search(ptext):
            return True
    return False


# the two sides of one division: a count split in two by them leaves nothing out
_SIDES = [(re.compile(a, re.I), re.compile(b, re.I)) for a, b in (
    (r"(?<![\w])(?:nam|trai)(?![\w])", r"(?<![\w])(?:nữ|gái)(?![\w])"),
    (r"(?<![\w])thành\s+thị(?![\w])", r"(?<![\w])nông\s+thôn(?![\w])"),
    (r"(?<![\w])trong\s+nước(?![\w])", r"(?<![\w])(?:nước\s+ngoài|ngoài\s+nước|xuất\s+khẩu)(?![\w])"),
    (r"(?<![\w])trong\s+tỉnh(?![\w])", r"(?<![\w])ngoài\s+tỉnh(?![\w])"),
    (r"(?<![\w])(?<!ngoài\s)công\s+lập(?![\w])", r"(?<![\w])(?:ngoài\s+công\s+lập|tư\s+thục)(?![\w])"),
    (r"(?<![\w])rừng\s+tự\s+nhiên(?![\w])", r"(?<![\w])rừng\s+trồng(?![\w])"),
    # what a period carries over and what it adds (cases, petitions, inspections: “1.180 vụ việc cũ tồn đọng chuyển
    # qua và 1.196 vụ mới phát sinh”, “từ kỳ trước chuyển sang 13 cuộc, triển khai mới trong kỳ 04 cuộc”)
    (r"(?<![\w])chuyển\s+(?:qua|sang)(?![\w])", r"(?<![\w])mới(?![\w])"),
)]


def _two_sides(ctx: Ctx, parts: list) -> bool:
    """Whether two parts are named by the two sides of one division, one side each."""
    texts = [ctx.doc.blocks[pc.block].text[pc.x:pc.y] for pc, _v, _c in parts]
    for a, b in _SIDES:
        ha = [bool(a.search(x)) for x in texts]
        hb = [bool(b.search(x)) for x in texts]
        if (ha == [True, False] and hb == [False, True]) or (ha == [False, True] and hb == [True, False]):
            return True
    return False


# “Can Lộc và Đức Thọ cùng 1 vụ”, “A và B mỗi nơi 2 hộ”, “các môn A, B, C và D mỗi môn 1 giải”: named places or
# subjects with one count each (the piece since the part before, whole)
_EACH_OF = re.compile(r"\s*[,;(]?\s*(?P<names>[^,;()\d]{1,40}?(?:\s*,\s*[^,;()\d]{1,40}?)*\s+và\s+[^,;()\d]{1,40}?)\s+"
                      r"(?:cùng|mỗi\s+(?:nơi|huyện|xã|tỉnh|trường|đơn\s+vị|địa\s+phương|môn|lớp|đội))\s*(?:có\s+|được\s+)?",
                      re.I)
_ALL_LEVELS = re.compile(r"(?<![\w])các\s+cấp(?![\w])", re.I)
_A_LEVEL = re.compile(r"(?<![\w])cấp\s+(?:trung\s+ương|tỉnh|thành\s+phố|huyện|quận|thị\s+xã|xã|phường|cơ\s+sở|"
                      r"bộ|ngành)(?![\w])", re.I)
_PER_TIME = re.compile(r"(?:năm|tháng|quý|tuần|ngày|giờ|vụ|ca)$", re.I)


def _per_unit(unit: str | None) -> bool:
    """A quantity per area, per person or per thing (“tạ/ha”, “triệu đồng/người”, “người/km2”): an average or
    a density, which parts do not add up to (a quantity per year or per month does)."""
    if not unit or "/" not in unit:
        return False
    return _PER_TIME.search(unit.rsplit("/", 1)[1].strip()) is None


_PER_EACH = re.compile(r"(?<![\w])mỗi\s+[^\W\d_]+(?:\s+[^\W\d_]+)?\s+(?:(?:có|được|đạt)\s+)?$", re.I)
_NAMES_APART = re.compile(r"\s*,\s*|\s+và\s+", re.I)


def _each_of(text: str, a: int, b: int) -> int:
    """How many names share the count at b (“Can Lộc và Đức Thọ cùng 1 vụ”: 2), 1 when none do."""
    m = _EACH_OF.fullmatch(text, a, b)
    return len([x for x in _NAMES_APART.split(m.group("names")) if x.strip()]) if m else 1
_CURRENT_PRICES = re.compile(r"giá\s+hiện\s+hành|giá\s+thực\s+tế", re.I)


def _growth_after(ctx: Ctx, block: int, after: NumTok) -> tuple[NumTok, str] | None:
    """The change in % written right after a value, in its clause (“dịch vụ 240,1 tỷ đồng, tăng 3,4%”), when it
    is against an earlier period (not a plan) and its direction is written."""
    toks, starts = ctx.ntoks(block), ctx.ntok_starts(block)
    k = bisect_right(starts, after.s)
    if k >= len(toks):
        return None
    x, r = toks[k], _roles(ctx, block)[k]
    between = ctx.doc.blocks[block].text[after.ue:x.s]
    if r is None or not x.pct or x.form != "number" or r.kind != "growth" or r.base == "plan" \
            or r.direction not in ("up", "down") or len(between) > 40 or re.search(r"[;:()\d]", between):
        return None
    return x, r.direction


def _growths_of_each(ctx: Ctx, tb: int, tt: NumTok, parts: list, tot: dict, part_items: list[dict]) -> None:
    """“GRDP ước đạt 22.480 tỷ đồng, tăng 2,41%. Trong đó, nông nghiệp 5.120 tỷ đồng, tăng 3,26%; công nghiệp …”: a
    complete breakdown whose whole and every part state a change in % against an earlier period; the parts'
    earlier values then add up to the whole's (CHG003)."""
    own = _growth_after(ctx, tb, tt)
    if own is None:
        return
    ttext = ctx.doc.blocks[tb].text
    sa, _sb = sentence_of(ttext, tt.s)
    if any(_CURRENT_PRICES.search(ctx.doc.blocks[b].text) for b in {tb} | {pc.block for pc, _v, _c in parts}) \
            or _CURRENT_PRICES.search(ttext, sa, tt.s):
        # “GRDP theo giá hiện hành đạt 22.480 tỷ đồng, tăng 7,2%”: values at current prices, changes in real terms
        # (at constant prices): the values are not the weights of the changes
        return
    each = [_growth_after(ctx, pc.block, v) for pc, v, _c in parts]
    if any(g is None for g in each):
        return
    tot["total_change"], tot["change_direction"] = ctx.num(tb, own[0], percent=True), own[1]
    for (pc, _v, _c), g, item in zip(parts, each, part_items):
        item["change"], item["change_direction"] = ctx.num(pc.block, g[0], percent=True), g[1]  # type: ignore[index]


def _changes_add_up(ctx: Ctx, tb: int, tt: NumTok, tchg: NumTok | None, parts: list, complete: bool, label: str,
                    block: int) -> None:
    """“224 đơn, giảm 37 đơn … Trong đó, UBND huyện tiếp nhận 93 đơn (giảm 43 đơn); UBND các xã 131 đơn
    (giảm 5 đơn)”: when a breakdown is complete and the total and every part state a change in the
    same direction, the changes add up as the values do."""
    if not complete or tchg is None or any(c is None for _, _, c in parts) or len(parts) < 2:
        return
    dirs = set()
    for blk, t in [(tb, tchg)] + [(pc.block, c) for pc, _, c in parts]:
        rs = _roles(ctx, blk)
        r = next((r for x, r in zip(ctx.ntoks(blk), rs) if x is t), None)
        dirs.add(r.direction if r else None)
    if len(dirs) != 1 or None in dirs:
        return
    word = "giảm" if dirs == {"down"} else "tăng"
    stated = _changes_stated(ctx, tb, tt, tchg, parts)
    ctx.add("totals", {
        "id": f"{ctx.sid(block) or 'doc'}:total_change_{len(ctx.out['totals']) + 1}",
        "label": f"{label}: mức {word} (the change)", "unit": tt.unit, "total": ctx.num(tb, tchg),
        "parts": [{"label": f"mức {word} của phần {k + 1}", "value": ctx.num(pc.block, c)}
                  for k, (pc, _, c) in enumerate(parts)],
        "complete": True, "section": ctx.sid(tb), "src": ctx.doc.blocks[tb].loc(tchg.s, tchg.ue),
        "confidence": "explicit" if stated else "inferred",
        "reading": (f"mức {word} của tổng bằng tổng mức {word} của các phần, vì các phần hợp thành tổng "
                    "(the change of the total is the sum of the parts' changes, the parts making the total)"
                    + ("; tổng, các phần và các mức thay đổi viết liền nhau, so với cùng một mốc (stated together, "
                       "against one comparison)" if stated else ""))})


_COMPARED = re.compile(r"\s*(?:\S+\s+){0,2}?(so\s+với|so\s+cùng\s+kỳ)([^,;.()]*)", re.IGNORECASE)


def _changes_stated(ctx: Ctx, tb: int, tt: NumTok, tchg: NumTok, parts: list) -> bool:
    """Whether the changes of a breakdown are stated together rather than linked by the reader:
    the total with its change, then its “trong đó” list (in the same sentence or opening the next
    one, as the reader takes a list's total: a paragraph break there is layout), the parts adding
    up exactly to the total (the breakdown is the whole, as written), and every change against
    the same written comparison (“so với cùng kỳ”). Then the changes must add up under every
    reading: a finding on them is an error (the severity policy's “stated in one construction”).
    Parts that only cover the total by a “gồm”, or changes against different or unwritten
    comparisons, stay a reading of the tool's (at most a warning)."""
    total_v = _value(tt)
    vals = [_value(v) for _, v, _ in parts]
    if total_v is None or any(v is None for v in vals) or sum(vals) != total_v:  # type: ignore[arg-type]
        return False
    against = set()
    for blk, c in [(tb, tchg)] + [(pc.block, c) for pc, _, c in parts]:
        m = _COMPARED.match(ctx.doc.blocks[blk].text, c.ue)
        if m is None:
            return False
        against.add(" ".join(m.group(2).lower().split()))
    return len(against) == 1


_TRAILS_OFF = re.compile(r"(?:\.{2,}|…|(?<![\w])v\.?\s?v\.?|(?<![\w])vân\s+vân)[\s,;.]*\Z", re.I)


def _names_each_noun(words: str, parts: list[NumTok]) -> bool:
    """Whether the words after a total join the count nouns of all its parts (“lượt tập thể và cá nhân”)."""
    low = " " + re.sub(r"\s+", " ", words.lower()) + " "
    nouns = {re.sub(r"\s+", " ", t.unit.lower()) for t in parts if t.unit}
    return len(nouns) >= 2 and all(is_count_unit(n) and f" {n} " in low.replace(",", " ") for n in nouns) \
        and all(t.unit for t in parts)


def _money_right_before(text: str, tt: NumTok, op: int) -> bool:
    """An amount of money with its bracket right after its unit (“thu bổ sung từ ngân sách cấp trên 5.330 triệu đồng
    (bổ sung cân đối 4.980 triệu đồng, bổ sung có mục tiêu 350 triệu đồng)”): its parts by source, in its unit."""
    from auditor.model.units import unit_info

    return unit_info(tt.unit).dimension in ("money", "money_usd") and not text[tt.ue:op].strip()


# a bracket that names some of a count's parts, not all: “670 cơ quan tạp chí (có 327 tạp chí lý luận chính trị và khoa
# học, 72 tạp chí văn học nghệ thuật)”, “(như …)”, “(nhất là …)”, “(chủ yếu là …)”
_AMONG = re.compile(r"\s*(?:có|như|nhất\s+là|đặc\s+biệt\s+là|chủ\s+yếu(?:\s+là)?|điển\s+hình(?:\s+(?:là|như))?|"
                    r"trong\s+số\s+(?:đó|này)|riêng|kể\s+cả|bao\s+gồm\s+cả)\s", re.I)


def _paren_breakdowns(ctx: Ctx, block: int, text: str) -> None:
    """“tiếp nhận 111 đơn … (35 khiếu nại, 2 tố cáo, 74 kiến nghị và phản ánh)”: a bracket right
    after a count, holding only a list of counts by category, is its complete breakdown."""
    toks, rs = ctx.ntoks(block), _roles(ctx, block)
    for m in re.finditer(r"\(([^()]*)\)", text):
        a, b = m.start(1), m.end(1)
        if _MARKER.match(text, a) or _MARKER.search(text, a, b):
            continue  # a “(trong đó …)” is read by the marker
        inner = [(t, r) for t, r in zip(toks, rs) if a <= t.s < b and t.quantity]
        if len(inner) < 2 or not all(_level(t, r) for t, r in inner):
            continue
        mixed = any(t.unit and unit_key(t.unit) != unit_key(inner[0][0].unit) for t, _ in inner)
        # the count right before the bracket (a fraction's first part: “37/111 đơn … (…)”)
        before = [(t, r) for t, r in zip(toks, rs) if t.end <= m.start() and t.quantity and r is not None
                  and not t.pct and r.kind in ("level", "remainder")]
        if not before:
            continue
        tt, tr = before[-1]
        if mixed and not _names_each_noun(text[tt.ue:m.start()], [t for t, _ in inner]):
            continue  # (“46 lượt tập thể và cá nhân (18 tập thể, 28 cá nhân)”: the total's noun names each part's)
        sa, _ = sentence_of(text, m.start())
        if tt.s < sa or ";" in text[tt.end:m.start()] or not (tt.unit and (is_count_unit(tt.unit) or (
                _money_right_before(text, tt, m.start()) and not mixed and unit_key(inner[0][0].unit) == unit_key(tt.unit)))):
            continue
        if any(_cues_verb(text[tt.end:m.start()]) for _ in (0,)):
            continue
        pieces = []
        spelled = False
        for x, y in _items(text, a, b):
            its = [t for t, _ in inner if x <= t.s < y]
            if its:
                pieces.append((x, y, its[0]))
            elif starts_spelled(text[x:y]):
                spelled = True  # “63 học sinh (bốn giải Nhất, 34 giải Nhì, 25 giải Ba)”: a part in words
            elif pieces:
                pieces[-1] = (pieces[-1][0], y, pieces[-1][2])
        if len(pieces) < 2 or spelled:
            continue
        total_pos = tt.parts[0][:2] if tt.form == "fraction" else (tt.s, tt.e)
        parts = [{"label": _part_label(text, x, y, [v]) or "?", "value": ctx.num(block, v)} for x, y, v in pieces]
        times = [_each_of(text, pieces[i - 1][2].ue if i else a, v.s) for i, (_x, _y, v) in enumerate(pieces)]
        vals, tv = [_value(v) for _x, _y, v in pieces], _value(tt) if tt.form == "number" else None
        each = any(n > 1 for n in times) and tv is not None and all(v is not None for v in vals) \
            and sum(vals) != tv and sum(v * n for v, n in zip(vals, times)) == tv  # type: ignore[arg-type, misc, operator]
        if each:
            # “9 giải Nhì (Tin học 3 giải, Tiếng Anh 2 giải, các môn Lịch sử, Ngữ văn, Vật lý và Sinh học mỗi môn 1
            # giải)”: one count for each subject named, when the total holds so
            parts = [p for p, n in zip(parts, times) for _ in range(n)]
        # (“121.668 cây xanh bị gãy đổ (Hải Phòng 6.059, Hà Nội 24.807, …, Bắc Ninh 31.860,...)”: a list that
        # trails off names only some of the parts)
        some = bool(_TRAILS_OFF.search(text, a, b))
        among = _AMONG.match(text, a) is not None
        ctx.add("totals", {
            "id": f"{ctx.sid(block) or 'doc'}:total_{len(ctx.out['totals']) + 1}",
            "label": label_before(text, tt.s) or (tt.unit or "?"), "unit": tt.unit, "total": ctx.num(block, total_pos),
            "parts": parts, "complete": not some and not among, "section": ctx.sid(block),
            "src": ctx.loc(block, tt.s, m.end()), "confidence": "inferred" if among else "explicit",
            "reading": ("danh sách trong ngoặc ngay sau một số, kết thúc bằng “…”: một số phần của số đó (a bracketed "
                        "list right after a count, trailing off: some of its parts)") if some else
                       ("danh sách trong ngoặc mở đầu bằng “có”, “như”, “nhất là” …: một số phần của số đó, không nhất "
                        "thiết đủ (a bracketed list opening with “có”, “như” …: some of its parts)") if among else
                       ("danh sách trong ngoặc ngay sau một số là các phần của số đó (a bracketed list right after a "
                        "count breaks it down)") + ("; “A, B và C mỗi môn N”: N cho mỗi tên, đọc như vậy thì tổng khớp (N "
                                                    "each, which makes the total)" if each else "")})


_LEADING_WORDS = re.compile(r"^[\s,;:(]*(?:và\s+|gồm\s+|có\s+)?((?:[^\W\d_]+\s+){1,4})", re.I)


def starts_spelled(piece: str) -> bool:
    """A piece of a list whose count is written in words before its noun (“bốn giải Nhất”, “hai mươi
    mốt học sinh”), not in figures."""
    m = _LEADING_WORDS.match(piece)
    if m is None:
        return False
    words = m.group(1).split()
    return any(parse_words(" ".join(words[:n])) is not None for n in range(len(words), 0, -1)) and len(words) >= 2


def _cues_verb(seg: str) -> bool:
    return bool(re.search(r"(?<![\w])(?:tăng|giảm|đạt|bằng|chiếm)(?![\w])", seg, re.I))


def _part_label(text: str, x: int, y: int, toks: list[NumTok]) -> str:
    s = text[x:y]
    for t in sorted(toks, key=lambda t: t.s, reverse=True):
        a, b = t.s - x, max(t.e, t.ue) - x
        if 0 <= a <= len(s):
            s = s[:a] + " " + s[max(b, a):]
    s = re.sub(r"\btrị\s+giá(?:\s+bằng)?\b|\blà\b|^\s*(?:có|gồm)\b", " ", s, flags=re.I)
    s = re.sub(r"\([^()]*\)", " ", s)
    s = re.sub(r"\s+", " ", s).strip(" :;,.-+–•()")
    return clean_name(s)


def cross_tabs(ctx: Ctx) -> None:
    """A total split two ways: by status (“giải quyết 37/111 đơn …; đang xem xét 74 đơn …”) and each
    of the total and the statuses by the same categories (“(35 khiếu nại, 2 tố cáo, 74 kiến nghị và
    phản ánh)”, “(17 khiếu nại, 1 tố cáo, 19 kiến nghị, phản ánh)”, …). Then each category adds up
    across the statuses too: khiếu nại 35 = 17 + 19. The row and column totals can all check while
    two cells are wrong; only this cross-check sees it."""
    tots = [t for t in ctx.out["totals"] if t.get("complete") and t.get("total") is not None and len(t["parts"]) >= 2]
    place = ctx.num_place

    def at(num) -> tuple | None:
        p = place.get(id(num))
        return (p[0], p[1]) if p else None

    by_place = {at(t["total"]): t for t in tots if at(t["total"]) is not None}
    for r in tots:
        parts = [at(p["value"]) for p in r["parts"]]
        if any(p is None for p in parts):
            continue
        subs = [by_place.get(p) for p in parts]
        if any(s is None for s in subs):
            continue
        rb = at(r["total"])
        if not isinstance(rb[0], int):  # type: ignore[index]
            continue  # (a table's totals: its rows and columns are checked as they are written)
        # the whole's own breakdown: the same count written nearby, broken down by the same categories
        whole = next((t for t in tots if t is not r and t not in subs and at(t["total"]) is not None
                      and t["total"].value == r["total"].value and unit_key(t.get("unit")) == unit_key(r.get("unit"))
                      and isinstance(at(t["total"])[0], int)  # type: ignore[index]
                      and 0 <= rb[0] - at(t["total"])[0] <= 1), None)  # type: ignore[index,operator]
        if whole is None:
            continue
        cats = [(_cat(p["label"]), p) for p in whole["parts"]]
        rows = []
        for key, wp in cats:
            cells = [next((q for q in s["parts"] if _cat(q["label"]) == key), None) for s in subs]
            if not key or any(c is None for c in cells):
                rows = []
                break
            rows.append((wp, cells))
        if not rows:
            continue
        for wp, cells in rows:
            ctx.add("totals", {
                "id": f"{r.get('id')}:cross_{len(ctx.out['totals']) + 1}", "label": f"{wp['label']} ({r.get('label')})",
                "unit": r.get("unit"), "total": wp["value"], "complete": True, "section": r.get("section"),
                "parts": [{"label": f"{c['label']} — {s['label']}", "value": c["value"]} for c, s in zip(cells, subs)],
                "src": wp["value"].src, "confidence": "explicit",
                "reading": ("bảng chéo: mỗi loại của tổng bằng tổng loại đó ở các phần (cross-tab: each category of the "
                            "total is the sum of that category over the parts)")})


def _cat(label: str) -> frozenset[str]:
    return frozenset(content_tokens(label))
