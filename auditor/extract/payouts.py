"""Counts, the amount each one gets and the total paid:

    “tặng Giấy khen cho 15 hộ …, mỗi hộ được thưởng 300.000 đồng, tổng số tiền 4.500.000 đồng”
        → 15 × 300.000 = 4.500.000 (a product, PRD001)
    “… 5 tập thể, mỗi tập thể 1.000.000 đồng; 12 cá nhân, mỗi cá nhân 500.000 đồng; tổng số tiền 11.000.000 đồng”
        → 5 × 1.000.000 + 12 × 500.000 = 11.000.000 (a payout, PRD002)
    “Điều 1. Tặng Giấy khen cho 05 tập thể và 12 cá nhân … Điều 2. Mỗi tập thể được thưởng 1.000.000
     đồng, mỗi cá nhân được thưởng 500.000 đồng. Tổng số tiền thưởng là 11.000.000 đồng”
        → the same, with the counts taken from Article 1 (inferred: at most a warning)
    “12 tập thể (mức thưởng 1.000.000 đồng/tập thể) và 35 cá nhân (500.000 đồng/cá nhân), tổng kinh phí
     29.500.000 đồng” → an amount per unit written as a rate

A group is “mỗi <noun>” followed, in its clause, by one amount of money; its noun must be a count
unit (“mỗi tháng” is not: the number of months is not said). A run of groups ends at the first
amount after them that words of a total name (“tổng số tiền …”, “tổng cộng”). A group's count is
the number of its unit right before it in the sentence; when there is none, the one count of that
unit the document states before (never when it states two different ones)."""

from __future__ import annotations

import re
from decimal import Decimal

from auditor.extract.awards import RECIPIENT_FIELDS, award_identity, awards_title_in
from auditor.extract.context import Ctx
from auditor.extract.document import Para
from auditor.extract.numbers import NumTok
from auditor.extract.prose import sentence_of
from auditor.extract.scan import unit_key
from auditor.extract.vn import is_count_unit
from auditor.files.rxgate import lowered
from auditor.model.units import conversion, unit_info
from auditor.records import dataclass

_EACH = re.compile(r"(?<![\w])mỗi\s+(?P<noun>[^\W\d_]+(?:\s+[^\W\d_]+){0,2})", re.I)
# the words between “mỗi <noun>” and its amount: a verb of giving, “mức”, “là”, a colon
_GIVEN = re.compile(r"^(?:[\s,:]|được|thưởng|tặng|hỗ\s+trợ|nhận|mức|tiền|là|với|kèm\s+theo)*$", re.I)
# (at most two words more: “tổng số tiền thưởng là”; not “tổng kinh phí thực hiện chương trình”, a wider sum)
_TOTAL_MONEY = re.compile(r"(?<![\w])(?:tổng\s+(?:số\s+tiền|kinh\s+phí|cộng|số)|tổng|thành\s+tiền|tất\s+cả)(?![\w])"
                          r"(?:\s+[^\W\d_]+){0,2}?\s*(?:là|đạt|:)?\s*$", re.I)
# (“…, mỗi cá nhân 370.000 đồng, là 152.440.000 đồng” / “…, số tiền 152.440.000 đồng”: right after the amount each,
# “là” or “số tiền” alone name what the group comes to)
_ITS_AMOUNT = re.compile(r"\s*(?:/\s*[^\W\d_]+(?:\s+[^\W\d_]+)?)?\s*,\s*(?:là|số\s+tiền(?:\s+là)?)\s*", re.I)


@dataclass
class _Group:
    noun: str             # the count unit the group names
    each: NumTok          # the amount each one gets
    count: NumTok | None  # its count in the same sentence, if any
    start: int
    sentence: tuple[int, int]
    money: str = ""       # the amount's unit (“triệu đồng” of “2 triệu đồng/hộ”)
    award: str | None = None  # the award the clause names (“danh hiệu “Chiến sĩ thi đua cơ sở” 1.800.000 đồng/cá nhân”)


def payouts(ctx: Ctx, block: int) -> None:
    p = ctx.doc.blocks[block]
    if not isinstance(p, Para) or "mỗi" not in lowered(p.text) and "/" not in p.text:
        return
    text = p.text
    toks = [t for t in ctx.ntoks(block) if t.form == "number" and not t.pct]
    roles = dict(zip((id(t) for t in ctx.ntoks(block)), ctx.roles(block)))
    run: list[_Group | None] = []
    # “mỗi tập thể 1.000.000 đồng” and “1.000.000 đồng/tập thể”, in the order they are written
    starts: list[tuple[int, re.Match | NumTok]] = [(m.start(), m) for m in _EACH.finditer(text)]
    starts += [(t.s, t) for t in toks if _per_unit(text, t) is not None]
    for _pos, m in sorted(starts, key=lambda x: x[0]):
        g = _group(text, toks, roles, m) if isinstance(m, re.Match) else _per_group(text, toks, roles, m)
        if run and run[-1] is not None and g is not None and run[-1].sentence != g.sentence:
            run = []  # groups of an earlier sentence that no total closed
        if g is not None:
            g.award = _award_of(text, g, run[-1] if run else None)
        run.append(g)
        if g is None:
            continue
        total = next((t for t in toks if t.s >= g.each.ue), None)
        if total is None or unit_info(total.unit or "").dimension != "money" or total.approx is not None \
                or not (_TOTAL_MONEY.search(text, g.each.ue, total.s) or _ITS_AMOUNT.fullmatch(text, g.each.ue, total.s)):
            continue
        groups, run = run, []
        ts = sentence_of(text, total.s)
        # the total closes the groups' own sentence, or opens the next one (“… 500.000 đồng. Tổng số tiền …”)
        if any(x is None for x in groups) or ts != g.sentence and text[g.sentence[1]:ts[0]].strip():
            continue
        _emit(ctx, block, p, [x for x in groups if x is not None], total)
    if run and all(x is not None for x in run):
        # “Điều 2. … 540.000 đồng/cá nhân; Giấy khen cá nhân 900.000 đồng/cá nhân.” and the next paragraph
        # “Tổng số tiền thưởng là 211.500.000 đồng …”: a total opening the paragraph after the groups closes them
        last = run[-1]
        assert last is not None
        nxt = _total_opening_next(ctx, block, text, last)
        if nxt is not None:
            _emit(ctx, block, p, [x for x in run if x is not None], nxt[1], nxt[0])


_OPENS_TOTAL = re.compile(r"\s*(?:tổng|thành\s+tiền|tất\s+cả)(?![\w])", re.I)


def _total_opening_next(ctx: Ctx, block: int, text: str, last: _Group) -> tuple[int, NumTok] | None:
    per = _PER_NOUN.match(text, last.each.ue)  # (“900.000 đồng/cá nhân.”)
    if text[per.end() if per else last.each.ue:].strip(" .;,)\t") or last.sentence[1] < len(text.rstrip()) - 1:
        return None  # (the paragraph goes on after its last group)
    blocks = ctx.doc.blocks
    j = block + 1
    if j >= len(blocks) or not isinstance(blocks[j], Para) or j not in ctx.L.body:
        return None
    ntext = blocks[j].text
    first = next((t for t in ctx.ntoks(j) if t.form == "number" and not t.pct), None)
    if first is None or first.s > 60 or unit_info(first.unit or "").dimension != "money" or first.approx is not None \
            or not _OPENS_TOTAL.match(ntext) or not _TOTAL_MONEY.search(ntext, 0, first.s):
        return None
    return j, first


def _award_of(text: str, g: _Group, before: _Group | None) -> str | None:
    """The award of a group's clause (back to the previous “;”, “:”, “,” or the sentence's start); a clause
    naming none continues the award of the group before it in the same sentence (“Giấy khen: 1.350.000
    đồng/tập thể; 675.000 đồng/cá nhân”)."""
    a = max(g.sentence[0], *(text.rfind(c, 0, g.start) + 1 for c in ";:,"))
    title = awards_title_in(text, a, g.start)
    if title is not None:
        return award_identity(title)
    return before.award if before is not None and before.sentence == g.sentence else None


def _group(text: str, toks: list[NumTok], roles: dict, m: re.Match) -> _Group | None:
    """“mỗi tập thể được thưởng 1.000.000 đồng”: the noun, its amount and its count, if the
    sentence states one count of that unit before it."""
    each = next((t for t in toks if t.s >= m.end()), None)
    words = m.group("noun").split()
    n = next((n for n in range(len(words), 0, -1) if is_count_unit(" ".join(words[:n]).lower())), 0)
    if each is None or not n or unit_info(each.unit or "").dimension != "money" or each.approx is not None:
        return None
    noun = " ".join(words[:n]).lower()
    noun_end = re.match(r"\S+(?:\s+\S+){%d}" % (n - 1), text[m.start("noun"):])
    if noun_end is None or not _GIVEN.match(text[m.start("noun") + noun_end.end():each.start]):
        return None
    sentence = sentence_of(text, m.start())
    # (the count in the group's own clause: “xây dựng 120 căn nhà, mỗi căn …; sửa chữa 35 căn nhà, mỗi căn …”)
    clause = max(sentence[0], text.rfind(";", 0, m.start()) + 1)
    return _Group(noun, each, _count_before(toks, roles, clause, m.start(), unit_key(noun)), m.start(), sentence)


_PER_NOUN = re.compile(r"[ \t]*/[ \t]*(?P<noun>[^\W\d_]+(?:[ \t]+[^\W\d_]+)?)")


def _per_unit(text: str, t: NumTok) -> tuple[str, str] | None:
    """(money unit, count noun) of an amount per unit: “1.000.000 đồng/tập thể”, “2 triệu đồng/hộ”."""
    unit = t.unit or ""
    if "/" in unit:  # (“/hộ”, “/người” are read into the unit)
        money, words = unit.split("/", 1)[0].strip(), unit.split("/", 1)[1].split()
    else:
        m = _PER_NOUN.match(text, t.ue)
        if m is None:
            return None
        money, words = unit, m.group("noun").split()
    if unit_info(money).dimension != "money":
        return None
    n = next((n for n in range(len(words), 0, -1) if is_count_unit(" ".join(words[:n]).lower())), 0)
    return (money, " ".join(words[:n]).lower()) if n else None


def _per_group(text: str, toks: list[NumTok], roles: dict, t: NumTok) -> _Group | None:
    """“12 tập thể (mức thưởng 1.000.000 đồng/tập thể)”: an amount per unit of a count unit, and that
    unit's count before it in the sentence."""
    per = _per_unit(text, t)
    if per is None or t.approx is not None:
        return None
    money, noun = per
    sentence = sentence_of(text, t.s)
    return _Group(noun, t, _count_before(toks, roles, sentence[0], t.s, unit_key(noun)), t.s, sentence, money)


# (“42 cá nhân, mức thưởng 710.000 đồng/người”: a person and an individual are one kind of count)
_PERSONS = {"người", "cánhân"}


def _count_before(toks: list[NumTok], roles: dict, a: int, b: int, key: str) -> NumTok | None:
    """The one count of unit `key` in text[a:b] (its last mention), or None (none, or two values)."""
    # (“120 căn nhà …, mỗi căn 40 triệu đồng”: the noun after “mỗi” may be the head of the count's unit)
    keys = _PERSONS if key in _PERSONS else {key}
    same = [t for t in toks if a <= t.s < b and (unit_key(t.unit) in keys or _headed_by(t.unit, key))]
    if len({t.text for t in same}) != 1:
        return None
    c = same[-1]
    r = roles.get(id(c))
    return c if c.approx is None and r is not None and r.kind == "level" else None


def _headed_by(unit: str | None, key: str) -> bool:
    """“căn nhà” is headed by “căn”, “chiếc xe” by “chiếc” (the first word of a unit of several)."""
    words = (unit or "").lower().split()
    return len(words) > 1 and unit_key(words[0]) == key


def _doc_count(ctx: Ctx, block: int, before: int, key: str) -> tuple[int, NumTok] | None:
    """The one count of unit `key` the document states before position `before` of `block`,
    nearest first; None when there is none or two different ones."""
    from auditor.extract.numbers import value_of

    found: list[tuple[int, NumTok]] = []
    values: set[Decimal] = set()
    for j in range(block, -1, -1):
        if not isinstance(ctx.doc.blocks[j], Para):
            continue
        for t, r in reversed(list(zip(ctx.ntoks(j), ctx.roles(j)))):
            if t.form != "number" or t.pct or unit_key(t.unit) != key or (j == block and t.s >= before):
                continue
            if t.approx is not None or r is None or r.kind != "level":
                return None
            v = value_of(t)
            if v is None:
                return None
            values.add(v)
            found.append((j, t))
    return found[0] if len(values) == 1 else None


def _award_count(ctx: Ctx, g: _Group) -> tuple[int, NumTok] | None:
    """The one count of the group's kind of recipient that the awards read before give its award."""
    field = RECIPIENT_FIELDS.get(g.noun)
    if field is None or g.award is None:
        return None
    found = {aw[f"_{field}_at"][1].text: aw[f"_{field}_at"] for aw in ctx.out.get("awards", [])
             if f"_{field}_at" in aw and _same_award(award_identity(aw.get("title", "")), g.award)}
    return next(iter(found.values())) if len(found) == 1 else None


def _same_award(a: str, b: str) -> bool:
    """“Giấy khen” in the article on money is the “Giấy khen của Chủ tịch UBND thành phố” of Article 1: a title
    said without its giver is the one with it (ambiguous givers leave two counts, and no count is taken)."""
    return a == b or a.startswith(b + "_cua_") or b.startswith(a + "_cua_")


def _emit(ctx: Ctx, block: int, p: Para, groups: list[_Group], total: NumTok, tblock: int | None = None) -> None:
    """`tblock`: the paragraph of the total when it is not the groups' own (`_total_opening_next`)."""
    tb = block if tblock is None else tblock
    units = {(g.money or str(g.each.unit)).lower() for g in groups}
    by_award = len({(g.award, g.noun) for g in groups}) == len(groups) and all(g.award for g in groups)
    if len(units) != 1 or len({g.noun for g in groups}) != len(groups) and not by_award:
        return
    scale = conversion(units.pop(), str(total.unit).lower())
    if scale is None:
        return
    if len(groups) == 1 and groups[0].count is not None:
        g = groups[0]
        ctx.add("products", {"id": f"{ctx.sid(block) or 'doc'}:product_{len(ctx.out['products']) + 1}",
                             "label": f"{g.noun} × mức mỗi {g.noun}",
                             "factors": [ctx.num(block, g.count, exact=True), ctx.num(block, g.each)],
                             "scale": str(Decimal(scale).normalize()), "result": ctx.num(tb, total),
                             "unit": total.unit, "section": ctx.sid(block),
                             "src": p.loc(g.count.start, total.ue if tb == block else g.each.ue),
                             "confidence": "explicit",
                             "reading": "số lượng × mức cho mỗi đơn vị = tổng số tiền (count × amount each = total)"})
        return
    counts = []
    for g in groups:
        if g.count is not None:
            counts.append((block, g.count))
            continue
        # (several groups of one noun, told apart by their awards: each count is its award's, read before)
        got = _award_count(ctx, g) if by_award else _doc_count(ctx, block, g.sentence[0], unit_key(g.noun))
        if got is None:
            return
        counts.append(got)
    inferred = any(j != block for j, _t in counts) or tb != block
    ctx.add("payouts", {
        "id": f"{ctx.sid(block) or 'doc'}:payout_{len(ctx.out['payouts']) + 1}",
        "label": "tổng số tiền" if len(groups) > 1 else f"{groups[0].noun} × mức mỗi {groups[0].noun}",
        "groups": [{"label": _label(ctx, g) if by_award else g.noun, "count": ctx.num(j, c, exact=True),
                    "each": ctx.num(block, g.each)}
                   for g, (j, c) in zip(groups, counts)],
        "scale": str(Decimal(scale).normalize()), "total": ctx.num(tb, total), "unit": total.unit,
        "section": ctx.sid(block), "src": p.loc(groups[0].start, total.ue if tb == block else groups[-1].each.ue),
        "confidence": "inferred" if inferred else "explicit",
        "reading": ("số lượng ở câu khác (Điều 1) × mức mỗi đơn vị = tổng số tiền (counts from another sentence)"
                    if inferred else "Σ số lượng × mức mỗi đơn vị = tổng số tiền (Σ count × amount each = total)")})


def _label(ctx: Ctx, g: _Group) -> str:
    title = next((aw.get("title", "") for aw in ctx.out.get("awards", []) if award_identity(aw.get("title", "")) == g.award),
                 g.award or "")
    return f"{title.strip('“”')} ({g.noun})"
