"""Facts stated in running text (one function per phrase family; each is written for the
family, not for a report):

* indicators: “thu ngân sách đạt 41,288 tỷ đồng, bằng 66,9% so với dự toán”, “… đạt 100% chỉ
  tiêu giao”; a “(trong đó, …)” inside is a part;
* rates: “03/19 xã …, chiếm 15,8%”, “$3.222/3.353 = 96,1\\%$”, “5.858 hộ, tỷ lệ 33,59%”,
  “180 hộ = 5,21%”; x/N rates whose numerators add up to N are a partition (a total and a
  structure of shares);
* totals: a number followed by “trong đó / gồm / cụ thể / phân thành …” and parts with the same
  unit, inline or as the bullets that follow (“Tổng trao quà: 780 suất trị giá 310.800.000
  đồng. Trong đó: - Quà Trung ương: 173 suất trị giá 53.400.000 đồng …”); “… mới 560 thùng,
  nâng tổng số … đạt 1650 thùng”;
* the emulation council: “Hội đồng … gồm 17 thành viên, gồm 01 Chủ tịch, 02 Phó Chủ tịch và 14
  ủy viên”;
* differences: “trước … 180 hộ …, sau … 92 hộ (giảm 88 hộ)”; change statements “từ 3,32 giảm
  còn 1,53 năm 2024”, “còn 1,59% giảm 1,73%”;
* products: area (ha) × yield (tạ/ha) = output (tấn);
* count claims: “Trong 30 chỉ tiêu …”, “trong đó 7 chỉ tiêu vượt KH”.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from decimal import Decimal
from functools import lru_cache
from typing import Any

from auditor.extract.context import Ctx, MentionCand
from auditor.extract.document import Para
from auditor.extract.numbers import NumTok
from auditor.extract.scan import CLAUSE_LOOKBACK, SENTENCE_LOOKBACK, unit_key
from auditor.extract.spans import Spans
from auditor.extract.vn import (
    NUM,
    UNIT,
    UNIT_RE,
    UPPER_VN,
    content_tokens,
    fold,
    is_count_unit,
    sentence_starts,
    sentences,
    slug,
    years_in,
)
from auditor.files.rxgate import DIGIT, may_match
from auditor.model.units import conversion
from auditor.numeric.notation import parse_vn_number
from auditor.registries.cues import cue

_NAME_TRAIL = re.compile(r"[\s,:=]*(?:\b(?:ước\s+)?(?:đạt|thực\s+hiện|là|được|có|gồm|với))?[\s,:=]*$", re.I)
_NAME_LEAD = re.compile(r"^[\s,;:(]*(?:trong\s+đó\s*[,:]?\s*|kết\s+quả[^:]{0,30}:\s*|có\s+)?", re.I)
_RATIO_VERB = re.compile(r"(?:đạt|bằng|=|chiếm|tương\s+đương|ước\s+đạt)\s*$", re.I)
_CHANGE_VERB = re.compile(r"(?:giảm|tăng)\s*(?:được|thêm)?\s*$", re.I)
# (opens, outside `(?i:…)`, with a class of its first letters in both cases and looks back at the
# letter taken, what precedes it included: `re` skips in C to a candidate; the same matches,
# tests/test_first_char_patterns.py)
_MARKER = re.compile(r"([TtBbGgCcPp](?i:(?<![\wđ][\s\S])(?:(?<=t)rong\s+đó|(?<=t)rong\s+số\s+đó|(?<=b)ao\s+gồm|(?<=g)ồm\s+có|"
                     r"(?<=g)ồm|(?<=c)ụ\s+thể|(?<=c)hia\s+ra|(?<=c)hia\s+thành|(?<=p)hân\s+thành)))(?i:(?![\wđ])\s*[:,]?\s*)")
_COMPLETE_MARKERS = {"bao gồm", "gồm có", "gồm", "cụ thể", "chia ra", "chia thành", "phân thành"}
_FRACTION = re.compile(rf"(?<![\w/.,])(?P<a>{NUM})\s*/\s*(?P<b>{NUM})(?![\d/])")
_COUNCIL = re.compile(r"[Hh](?i:ội\s+đồng\s+(?:thi\s+đua|TĐKT|Thi\s+đua)|ĐTĐKT|Đ\s*TĐKT)")  # (the same way)
_COUNCIL_NEEDS = (("tđkt", "đồng"),)  # what every match holds (`rxgate.needs`, written out: tests/test_rxgate.py)
_SEP_VERBS = re.compile(r"\s+(?:gồm|được|là|với|đạt|bằng|chiếm|tăng|giảm|nâng|trị\s+giá|tại|cho|so|bao\s+gồm)\b", re.I)


# (each alternative opens with its mark, what precedes a full stop looked back at from after it:
# `re` then skips to the next mark in one step)
_CLAUSE_BREAK = re.compile(r";|:|\(|\.(?<=[^\d\s]\.)(?=\s)|\.(?=\s+[" + UPPER_VN + r"])|\)")


def clause_start(text: str, pos: int, floor: int = 0) -> int:
    lo = max(floor, pos - CLAUSE_LOOKBACK)  # (a clause longer than that is cut there)
    best = lo
    for m in _CLAUSE_BREAK.finditer(text[lo:pos]):
        best = lo + m.end()
    return best


_CLAUSE_END = re.compile(r"[;)]|(?<=[^\d\s])\.(?=\s|$)")


def clause_end(text: str, pos: int) -> int:
    end = pos + CLAUSE_LOOKBACK  # (a clause longer than that is cut there)
    # one character more, so that a “.” at the window's end sees what follows it (“$” would match)
    m = _CLAUSE_END.search(text, pos, min(len(text), end + 1))
    if m is not None and m.start() >= end:
        m = None
    return m.start() if m else min(len(text), end)


def sentence_of(text: str, pos: int) -> tuple[int, int]:
    ss = sentences(text)
    i = bisect_right(sentence_starts(text), pos) - 1
    if i >= 0 and ss[i][0] <= pos < ss[i][1]:
        return ss[i]
    return 0, len(text)


def label_before(text: str, pos: int, floor: int = 0, depth: int = 0) -> str:
    """The words naming the number at `pos`: its clause, or the last comma-separated piece of it;
    after a colon with nothing before the number, the words before the colon."""
    cs = clause_start(text, pos, floor)
    seg = text[cs:pos]
    parts = re.split(r",\s+", seg)
    lab = clean_name(_strip_numbers(parts[-1]))
    if len(content_tokens(lab)) >= 1:
        return lab
    if cs > floor and text[cs - 1] == ":" and depth < 2:
        return label_before(text, cs - 1, floor, depth + 1)
    return clean_name(_strip_numbers(seg))


def _bracket_head(text: str, ntoks: list[NumTok], sa: int, s: int) -> NumTok | None:
    """The count a bracket still open at s comes right after, in the same sentence (“121.668 cây xanh bị
    gãy đổ (Hải Phòng 6.059, …”), or None."""
    op = text.rfind("(", sa, s)
    if op < 0 or ")" in text[op:s]:
        return None
    for u in reversed([u for u in ntoks if sa <= u.s and u.end <= op and u.form == "number" and not u.pct]):
        gap = text[u.end:op]
        if re.search(r";|\.(?=\s|$)", gap):
            return None
        if gap.count(")") > gap.count("("):
            continue  # (“6.887 ha cây ăn quả bị hư hại (tăng 1.860ha …) (tập trung tại …”: an aside of its own)
        return u
    return None


def np_after(text: str, end: int) -> str:
    """The noun phrase right after a number's unit (“0,95km rãnh thoát nước trong khu dân cư;”,
    “1,2 km ngõ, ngách;”: a list of nouns without numbers up to the clause end)."""
    after = _SEP_VERBS.split(text[end:end + CLAUSE_LOOKBACK], maxsplit=1)[0]  # (a clause is shorter)
    clause = re.split(r"[;:()=]|\.(?=\s|$)", after)[0]
    first = clause.split(",")[0].strip()
    if first and "," in clause and not re.search(r"\d", clause) and len(clause) <= 60:
        return clause.strip()
    # (“12 huy chương bạc và 8 huy chương đồng”: the count after “và” names its own noun)
    return _AND_A_COUNT.split(first, maxsplit=1)[0].strip()


_AND_A_COUNT = re.compile(r"\s(?:và|hoặc)\s+(?=\d)", re.I)


def clean_name(s: str) -> str:
    s = _NAME_LEAD.sub("", s)
    s = _NAME_TRAIL.sub("", s)
    return re.sub(r"\s+", " ", s).strip(" ,;:-–")


# ============================================================================ indicators

def prose_indicators(ctx: Ctx, block: int) -> None:
    p: Para = ctx.doc.blocks[block]
    text = p.text
    toks = ctx.toks(block)
    made: list[tuple[dict, int, int]] = []   # (indicator, clause start, paren depth marker)
    for k, t in enumerate(toks):
        if t.kind != "value" or not t.pct or t.rel is None:
            continue
        cs = clause_start(text, t.s)
        # the actual: the number just before, with a unit, in the same clause
        prev = [u for u in toks[:k] if u.kind == "value" and u.s >= cs and not u.pct and u.unit]
        th = prev[-1] if prev else None
        if th is not None and not re.fullmatch(r"\s*,?\s*(?:đạt|bằng|=|tương\s+đương)?\s*", text[th.ue:t.s], re.I):
            th = None
        if th is None and not _RATIO_VERB.search(text[cs:t.s]):
            continue
        if th is None and _CHANGE_VERB.search(text[max(cs, t.s - 12):t.s]):
            continue
        name_end = th.s if th is not None else _RATIO_VERB.search(text[cs:t.s]).start() + cs
        name = clean_name(text[cs:name_end])
        # several coordinated clauses: the measured thing is the last one
        parts = re.split(r"\s+và\s+", name)
        if len(parts) > 1 and len(parts[-1].split()) >= 3 and len(name.split()) > 10:
            name = parts[-1]
        if len(name) < 3 or len(name) > 160:
            continue
        vals = {"pct_kh" if t.rel == "kh" else "pct_ck": ctx.num(block, t, percent=True)}
        unit = None
        if th is not None:
            vals["th"] = ctx.num(block, th)
            unit = th.unit
        name_start = text.find(name, cs)
        ind = {"id": f"{ctx.sid(block) or 'doc'}:{slug(name)[:30]}", "code": None, "name": name,
               "unit": unit, "values": vals, "table": None, "section": ctx.sid(block), "parts": [],
               "src": p.loc(max(0, name_start), max(0, name_start) + len(name))}
        ctx.mark_label(block, max(0, name_start), max(0, name_start) + len(name))
        inside_paren = text.rfind("(", 0, t.s) > text.rfind(")", 0, t.s)
        host = None
        if inside_paren and re.match(r"\(\s*trong\s+đó", text[text.rfind("(", 0, t.s):], re.I):
            host = next((ind0 for ind0, s0, _ in reversed(made) if s0 < text.rfind("(", 0, t.s)), None)
        if host is not None:
            ind["id"] = f"{host['id']}-{len(host['parts']) + 1}"
            host["parts"].append(ind)
            host["parts_complete"] = False
        else:
            ctx.add("indicators", ind)
            made.append((ind, cs, 0))
            _cand_indicator(ctx, block, ind)


def _cand_indicator(ctx: Ctx, block: int, ind: dict) -> None:
    th = ind["values"].get("th")
    if th is None:
        return
    sec = ctx.section(block)
    ctx.cands.append(MentionCand(th, ind.get("unit"), ind["name"], f"mục {sec.number or sec.heading}" if sec else "",
                                 ctx.sid(block), ctx.part(block), block, f"ind:{ind['id']}", kind="indicator",
                                 year=ctx.year))


# ============================================================================ rates

def prose_rates(ctx: Ctx, block: int) -> list[dict]:
    p: Para = ctx.doc.blocks[block]
    text = p.text
    toks = ctx.toks(block)
    rates: list[dict] = []
    taken: set[int] = set()
    # x/y … p%
    fracs = [m for m in _FRACTION.finditer(text) if not _blocked(ctx, block, m.start())
             and not _is_date_fraction(m)]
    for j, m in enumerate(fracs):
        lim = fracs[j + 1].start() if j + 1 < len(fracs) else clause_end(text, m.end())
        lim = min(lim, clause_end(text, m.end()))
        um = UNIT_RE.match(text, m.end())
        unit = um.group("unit").strip() if um else None
        after = um.end() if um else m.end()
        pct = next((t for t in toks if t.pct and t.rel is None and after <= t.s < lim and t.kind == "value"), None)
        if pct is None:
            continue
        clause_start(text, m.start())
        label_tail = text[after:pct.s]
        label_tail = re.sub(r"[\s,]*(?:chiếm|đạt|bằng|=|tỷ\s+lệ)?\s*$", "", label_tail, flags=re.I).strip(" ,")
        if unit and label_tail:
            label = f"{unit} {label_tail}"
        else:
            label = label_before(text, m.start()) or label_tail or (unit or "")
        ctx.mark_label(block, after, pct.s)
        num = ctx.num(block, (m.start("a"), m.end("a")))
        den = ctx.num(block, (m.start("b"), m.end("b")))
        per = ctx.num(block, pct, percent=True)
        rate = {"id": f"{ctx.sid(block) or 'doc'}:rate_{len(ctx.out['rates']) + len(rates) + 1}",
                "label": label, "numerator": num, "denominator": den, "percent": per,
                "unit": unit, "section": ctx.sid(block), "src": p.loc(m.start(), pct.ue),
                "_den_text": m.group("b"), "_block": block}
        rates.append(rate)
        taken.add(pct.s)
        _rate_cands(ctx, block, rate, label_before(text, m.start()))
    # N unit, tỷ lệ p% · N unit = p% · N unit (chiếm p%)
    for k, t in enumerate(toks):
        if t.kind != "value" or not t.pct or t.rel is not None or t.s in taken:
            continue
        prev = next((u for u in reversed(toks[:k]) if u.e <= t.s), None)
        if prev is None or prev.pct or not prev.unit or prev.kind != "value":
            continue
        between = text[prev.ue:t.s]
        bm = re.fullmatch(r"(?P<np>(?:\s+[^\W\d][\w]*){0,4}?)\s*(?:,\s*)?(?:tỷ\s+lệ|tỉ\s+lệ|chiếm|=|bằng|\(\s*chiếm|"
                          r"\(\s*tỷ\s+lệ|\()\s*", between, re.I)
        if not bm:
            continue
        if not is_count_unit(prev.unit):
            continue
        np_ = bm.group("np").strip()
        label = f"{prev.unit} {np_}" if np_ else (label_before(text, prev.s) or prev.unit)
        label = re.sub(r"\s*=\s*$", "", label).strip()
        rate = {"id": f"{ctx.sid(block) or 'doc'}:rate_{len(ctx.out['rates']) + len(rates) + 1}",
                "label": label, "numerator": ctx.num(block, prev), "percent": ctx.num(block, t, percent=True),
                "unit": prev.unit, "section": ctx.sid(block), "src": p.loc(prev.s, t.ue),
                "_den_text": None, "_block": block}
        rates.append(rate)
        taken.add(t.s)
    return rates


def _blocked(ctx: Ctx, block: int, pos: int) -> bool:
    return any(a <= pos < b for a, b in ctx.citation_spans.get(block, []))


def _is_date_fraction(m: re.Match[str]) -> bool:
    a, b = m.group("a"), m.group("b")
    if re.fullmatch(r"(?:19|20)\d{2}", b) and a.isdigit() and 1 <= int(a) <= 12:
        return True
    return False


def _rate_cands(ctx: Ctx, block: int, rate: dict, before: str) -> None:
    """A rate “Tỷ lệ A trên B: x/y = p%” states the number of A (x) and of B (y)."""
    label = clean_name(before)
    m = re.search(r"(?:tỷ|tỉ)\s+lệ\s+(?P<a>.+?)\s+(?:trên|so\s+với|/)\s+(?P<b>.+)$", label, re.I)
    if not m:
        return
    sec = ctx.section(block)
    where = f"mục {sec.number or sec.heading}" if sec else ""
    unit = rate.get("unit")
    if unit is None:
        head = re.match(r"(người|hộ|xã|thôn|lao động|trẻ em|học sinh|doanh nghiệp)\b", m.group("a"), re.I)
        unit = head.group(1) if head else None
        if unit:
            rate["unit"] = unit
    grp = f"rate:{rate['id']}"
    ctx.cands.append(MentionCand(rate["numerator"], unit, m.group("a"), f"{where}: tử số của “{rate['label']}”",
                                 ctx.sid(block), ctx.part(block), block, grp, context=label, kind="rate_num",
                                 year=ctx.year))
    ctx.cands.append(MentionCand(rate["denominator"], unit, m.group("b"), f"{where}: mẫu số của “{rate['label']}”",
                                 ctx.sid(block), ctx.part(block), block, grp, context=label, kind="rate_den",
                                 year=ctx.year))


def finish_rates(ctx: Ctx, rates: list[dict]) -> None:
    """Bases: rates over the same population (same count unit) in one paragraph share a base;
    x/N rates whose numerators add up to N are also a partition of N."""
    by_para: dict[tuple, list[dict]] = {}
    for r in rates:
        if r.get("percent") is None:
            continue  # a count over a total (“17/19 tiêu chí”) has no base to share
        by_para.setdefault((r["_block"], unit_key(r.get("unit")), r["_den_text"]), []).append(r)
    used_bases: dict[str, int] = {}
    for (block, uk, den), group in by_para.items():
        if den is None:
            group = outer_rates(group)
            by_para[block, uk, den] = group
        if uk is None or (len(group) < 2 and den is None):
            continue
        if len(group) >= 2 or den is not None:
            base = f"tong_so_{slug(group[0]['unit'] or 'x')}"
            n = used_bases.get(base, 0)
            used_bases[base] = n + 1
            if n:
                base = f"{base}_{n + 1}"
            if len(group) >= 2:
                for r in group:
                    r["base"] = base
        if den is not None and len(group) >= 2:
            _partition(ctx, group)
    for r in rates:
        r.pop("_den_text", None)
        r.pop("_block", None)
        ctx.add("rates", r)


def outer_rates(group: list[dict]) -> list[dict]:
    """The rates of a paragraph that may share its unstated total, less those of a subgroup over
    an earlier rate's count: “3.459 người đạt danh hiệu …, đạt 6,55%. Trong đó, 311 người … tiêu
    biểu, đạt 8,99%” (311 / 3.459 = 8,99 %: of the 3.459, not of the population). A rate is taken
    out when its count over the count of one of the few rates kept just before it gives its
    percent within the rounding of how both are written (a subgroup follows its group closely:
    bounded work on any text)."""
    out: list[dict] = []
    read: list[tuple[Decimal, Decimal, int] | None] = []
    for r in group:
        mine = _rate_numbers(r)
        if mine is None or not any(q is not None and _nested(mine, q) for q in read[-_NEST_BACK:]):
            out.append(r)
            read.append(mine)
    return out


_NEST_BACK = 6


def _rate_numbers(r: dict) -> tuple[Decimal, Decimal, int] | None:
    """(count, percent, the percent's decimals) of a rate, or None."""
    try:
        num = parse_vn_number(r["numerator"].text)
        pct = parse_vn_number(r["percent"].text.rstrip("% "))
    except Exception:  # noqa: BLE001 - a number not read: not a subgroup, nor a group
        return None
    return (num.value, pct.value, pct.decimals) if pct.decimals is not None else None


def _nested(r: tuple[Decimal, Decimal, int], q: tuple[Decimal, Decimal, int]) -> bool:
    num, pct, decimals = r
    den = q[0]
    if den <= 0 or num >= den:
        return False
    half = Decimal(5) / (Decimal(10) ** (decimals + 1))
    ratio = num * 100 / den
    return pct - half <= ratio < pct + half


def _partition(ctx: Ctx, group: list[dict]) -> None:
    try:
        total = parse_vn_number(group[0]["denominator"].text).value
        parts = [parse_vn_number(r["numerator"].text).value for r in group]
    except Exception:  # noqa: BLE001
        return
    if sum(parts) != total:
        return
    unit = group[0].get("unit")
    label = f"{unit or ''} ({', '.join(r['label'] for r in group)})".strip()
    ctx.add("totals", {"id": f"{group[0]['id']}:total", "label": label, "unit": unit,
                       "total": group[0]["denominator"], "complete": True, "section": group[0].get("section"),
                       "parts": [{"label": r["label"], "value": r["numerator"]} for r in group],
                       "src": group[0].get("src")})
    if any(r.get("percent") is None for r in group):
        return
    ctx.add("structures", {"id": f"{group[0]['id']}:structure", "label": label, "unit": unit,
                           "total_value": group[0]["denominator"], "section": group[0].get("section"),
                           "shares": [{"label": r["label"], "share": r["percent"], "value": r["numerator"]}
                                      for r in group], "src": group[0].get("src")})


# ============================================================================ structures in prose

_CHANGE_BEFORE = re.compile(r"(?<![\w])(?:tăng|giảm|tăng\s+thêm|giảm\s+đi|cao\s+hơn|thấp\s+hơn)(?:\s+(?:được|khoảng|gần|"
                            r"hơn|trên))?\s*$", re.I)


_NEXT_ITEM = re.compile(r"(?<=[.;:])\s+(?:\d{1,2}|[IVX]{1,4})[.)]\s+(?=[^\W\d_])")


def prose_structures(ctx: Ctx, block: int) -> None:
    """“Cơ cấu kinh tế: nông nghiệp 9%; công nghiệp 47%; dịch vụ 44%” in one paragraph."""
    p: Para = ctx.doc.blocks[block]
    text = p.text
    if sum(1 for t in ctx.toks(block) if t.pct and t.kind == "value") < 2:
        return  # both readings need two shares (percents) at least
    heads = list(_STRUCTURE_HEAD.finditer(text))
    if not heads:
        _class_structure(ctx, block)
        return
    if any(str(x.get("id", "")).startswith(f"{ctx.sid(block)}:co_cau_{block}_") for x in ctx.out["structures"]):
        return
    for n, m in enumerate(heads):
        # each “cơ cấu …:” opens its own list, up to the next one: “… dịch vụ 34,78%; thuế … 3,18% (Cơ cấu
        # tương ứng năm 2021 là: 20,80%; 41,86%; …)” is this year's structure, then last year's
        _one_structure(ctx, block, p, text, m, heads[n + 1].start() if n + 1 < len(heads) else len(text),
                       f"{ctx.sid(block)}:co_cau_{block}" + (f"s{n + 1}" if n else ""))


_STRUCTURE_HEAD = re.compile(r"\bcơ\s*cấu\b[^:]{0,80}:", re.I)


def _one_structure(ctx: Ctx, block: int, p: Para, text: str, m: re.Match, end: int, sid: str) -> None:
    # the list ends where the paragraph's next numbered item starts (“… 59,14%. 4. Kim ngạch …”, a
    # numbered list run into one paragraph): “7. Tỷ lệ học sinh …: mẫu giáo 91,5%, …” is not a share
    nxt = _NEXT_ITEM.search(text, m.end(), end)
    stop = nxt.start() if nxt else end
    # “chiếm 38,10%, giảm 0,07% so với năm trước”: the change of a share is not a share
    toks = [t for t in ctx.toks(block) if m.end() < t.s < stop and t.pct and t.rel is None and t.kind == "value"
            and not _CHANGE_BEFORE.search(text, max(m.end(), t.s - 40), t.s)]
    if len(toks) < 2 or ctx.cut_at_end(block):
        return  # (an excerpt that stops inside its list of shares: the rest is not written)
    shares, pos, counts, items = [], m.end(), [], []
    for t in toks:
        items.append(text[pos:t.s])
        label = clean_name(re.split(r"[;,]", text[pos:t.s])[-1]) if text[pos:t.s].strip() else ""
        label = label or clean_name(text[pos:t.s])
        shares.append({"label": label or "?", "share": ctx.num(block, t, percent=True)})
        counts.append(_own_count(ctx, block, text, pos, t.s))
        pos = t.ue
    if len(dimensions(items)) >= 2:
        return  # “đại biểu nữ 40,38%; dân tộc thiểu số 15,38%; trẻ dưới 40 tuổi 50%”: overlapping groups
    # its label: the words of its own sentence (“Cơ cấu các dân tộc”), not the paragraph before it
    st: dict = {"id": sid, "label": clean_name(text[max(sentence_of(text, m.start())[0], text.rfind("(", 0, m.start()) + 1):m.end()]),
                "section": ctx.sid(block), "shares": shares, "src": p.loc(m.start(), m.end())}
    units = {unit_key(c.unit) for c in counts if c is not None}
    if all(c is not None for c in counts) and len(units) == 1 and is_count_unit(counts[0].unit):
        # “Dân tộc Thái 3395 người, chiếm 99,09 %; … dân tộc khác 1 người, chiếm 0,03 %”: each share
        # with its own count, all in one unit, is the whole's breakdown; its total is their sum
        # (SHR002 checks each share against it; SHR001 that the shares make 100)
        for sh, c in zip(shares, counts):
            sh["value"] = ctx.num(block, c)
        st["unit"] = counts[0].unit
    else:
        attach_sector_values(ctx, block, st, sector_values(ctx, block, text, toks[-1].ue, stop,
                                                           [str(sh["label"]) for sh in shares]))
    ctx.add("structures", st)


# the sentence after a structure's shares that gives each sector's value (“… Nông nghiệp chiếm 5%. Trong đó,
# Giá trị TMDV: 349,2 tỷ đồng, Giá trị sản xuất Công nghiệp-Xây dựng: 271 tỷ đồng, Giá trị Nông nghiệp 28,3 tỷ đồng.”)
_VALUES_AFTER = re.compile(r"\s*[.;]\s+(?:Trong\s+đó|Cụ\s+thể)\s*[,:]?\s*", re.I)


def sector_values(ctx: Ctx, block: int, text: str, after: int, stop: int, labels: list[str]) -> list | None:
    """One value in one money or measure unit for each sector share, the sectors matched one to one,
    in the “Trong đó” sentence right after the shares (ending before `stop`)."""
    from auditor.extract.lists import sector

    m = _VALUES_AFTER.match(text, after)
    if m is None or m.end() >= stop:
        return None
    end = min(sentence_of(text, m.end())[1], stop)
    vals = [t for t in ctx.ntoks(block) if m.end() <= t.s < end]
    if len(vals) != len(labels) or any(t.form != "number" or t.pct or not t.unit or t.approx is not None for t in vals) \
            or len({unit_key(t.unit) for t in vals}) != 1 or is_count_unit(vals[0].unit):
        return None
    want = [sector(x) for x in labels]
    pos, got = m.end(), []
    for t in vals:
        got.append(sector(text[pos:t.s]))
        pos = t.ue
    if None in want or len(set(want)) != len(want) or sorted(want, key=str) != sorted(got, key=str):  # type: ignore[arg-type]
        return None
    by = dict(zip(got, vals))
    return [by[w] for w in want]


def attach_sector_values(ctx: Ctx, block: int, st: dict, values: list | None) -> None:
    """The sector values found by `sector_values` as the structure's values: a reading (the shares may
    be of value added while the values are of output), so a mismatch is a warning. Only for shares
    that make 100 %: the structure becomes a reading as a whole, which must not soften SHR001."""
    if values is None:
        return
    shares = [sh["share"] for sh in st["shares"]]
    try:
        total = sum(x.value for x in shares)
        room = sum(Decimal(5).scaleb(-(x.decimals or 0) - 1) for x in shares)
    except (TypeError, AttributeError):
        return
    if abs(total - 100) > room:
        return  # shares that do not make 100 % are a defect of their own (SHR001, as stated): not a reading's
    for sh, v in zip(st["shares"], values):
        sh["value"] = ctx.num(block, v)
    st["unit"] = values[0].unit
    st["confidence"] = "inferred"
    st["reading"] = ("giá trị của từng ngành nêu ở câu “Trong đó” sau các tỷ trọng; tỷ trọng có thể tính trên giá trị "
                     "tăng thêm chứ không trên giá trị sản xuất (each sector's value from the “Trong đó” sentence after "
                     "the shares; the shares may be of value added, not of output)")


_DIMENSIONS = ("dimension_sex", "dimension_ethnicity", "dimension_party", "dimension_age", "dimension_term",
               "dimension_religion", "dimension_education")


def dimensions(labels: Any) -> set[str]:
    """The dimensions of people (sex, ethnicity, party, age, re-election, religion, education:
    cues.yaml) the items of a composition (each share's own words) are along; each item counts
    for the first it names, so that “nữ dân tộc thiểu số” is one group, not two dimensions."""
    out: set[str] = set()
    for label in labels:
        hit = min(((m.start(), name) for name in _DIMENSIONS if (m := cue(name).search(label)) is not None),
                  default=None)
        if hit is not None:
            out.add(hit[1])
    return out


_CLASSES = re.compile(r"\bcó\s+(?P<n>\d{1,2})\s+(?P<noun>[^\W\d_]+(?:\s+[^\W\d_]+){0,2})", re.I)


def _class_structure(ctx: Ctx, block: int) -> None:
    """“Toàn xã có 10 dân tộc …, trong đó: dân tộc Kinh chiếm 83%, dân tộc Nùng chiếm 8,9%, …”: as
    many “<class> X chiếm p%” in a row as the classes counted before them is the whole's
    breakdown, whose shares make 100 % (SHR001). Each share bare (nothing after its percent
    before the next item: “chiếm 95% số hộ của thôn” is of another whole), the items one after
    the other; the class noun as written (“dân tộc”), the longest of its first words that heads
    every item."""
    p: Para = ctx.doc.blocks[block]
    text = p.text
    pcts = [t for t in ctx.toks(block) if t.pct and t.kind == "value"]
    if len(pcts) < 2:
        return
    starts = [t.s for t in pcts]
    # bounded on hostile text: the first 50 counts of classes, each with the percents that follow
    for m in itertools.islice(_CLASSES.finditer(text), 50):
        n = int(m.group("n"))
        if n < 2:
            continue
        i = bisect_right(starts, m.end())
        toks = pcts[i:i + n + 5]  # the list starts within a few percents of its count
        words = m.group("noun").split()
        for k in range(len(words), 0, -1):
            noun = r"\s+".join(re.escape(w) for w in words[:k])
            item = re.compile(rf"\s*(?:và\s+)?({noun}\s+[^\W\d_][^\d%;,:.()]{{0,40}}?)\s+(?:chiếm|chiến)\s*", re.I)
            items: list[tuple[str, Any]] = []
            pos = m.end()
            for t in toks:
                im = item.fullmatch(re.split(r"[;,:.]", text[pos:t.s])[-1])
                after = re.match(r"(?:(?!\s+và\s)[^;,.])*", text[t.ue:t.ue + 200]).group(0)
                pos = t.ue
                if im is None or after.strip():
                    if items:
                        break  # the list ends at the first item of another form
                    continue
                items.append((clean_name(im.group(1)), t))
            if len(items) == n:
                label = clean_name(text[sentence_of(text, m.start())[0]:m.end()])
                ctx.add("structures", {
                    "id": f"{ctx.sid(block)}:classes_{block}_{m.start()}", "label": label, "section": ctx.sid(block),
                    "shares": [{"label": lb, "share": ctx.num(block, t, percent=True)} for lb, t in items],
                    "reading": (f"“{m.group(0).strip()}” và {n} tỷ lệ “… chiếm p%” liền nhau: cơ cấu đủ các thành "
                                "phần (as many shares as the classes counted: the whole's breakdown)"),
                    "src": p.loc(m.start(), items[-1][1].ue)})
                return
            if items:
                break  # the longest noun that heads an item decides


def _own_count(ctx: Ctx, block: int, text: str, a: int, b: int) -> Any:
    """The one count written in a share's own clause, right before its “chiếm p%” (“Dân tộc Thái
    3395 người, chiếm”), or None (no count, several, or other words between them)."""
    own = [t for t in ctx.toks(block) if a <= t.s and t.e <= b and not t.pct and t.kind == "value"]
    if len(own) != 1 or not own[0].unit:
        return None
    between = text[own[0].ue:b]
    return own[0] if re.fullmatch(r"[\s,]*(?:chiếm|bằng)?\s*(?:tỷ\s*lệ\s*)?", between, re.I) else None


# ============================================================================ totals

def raise_totals(ctx: Ctx, block: int) -> None:
    """“… mới là 560 thùng, nâng tổng số thùng … đạt 1650 thùng”: the new ones are part of the
    (new) total."""
    p: Para = ctx.doc.blocks[block]
    text = p.text
    if not ctx.toks(block):
        return  # (no number: the case-insensitive search below would try every character for nothing)
    for m in (_RAISE_TOTAL.finditer(text) if may_match(text, _RAISE_TOTAL_NEEDS) else ()):
        toks = ctx.toks(block)
        before = [t for t in toks if t.e <= m.start() and t.unit and t.kind == "value" and not t.pct]
        if not before:
            continue
        part = before[-1]
        sa, sb = sentence_of(text, m.start())
        if part.s < sa:
            continue
        after = next((t for t in toks if t.s > m.end() and t.s < sb and unit_key(t.unit) == unit_key(part.unit)), None)
        if after is None:
            continue
        plabel = label_before(text, part.s) or part.unit
        tlabel = clean_name(text[m.start():after.s])
        ctx.add("totals", {"id": f"{ctx.sid(block) or 'doc'}:total_{len(ctx.out['totals']) + 1}",
                           "label": tlabel, "unit": part.unit, "total": ctx.num(block, after),
                           "parts": [{"label": plabel, "value": ctx.num(block, part)}], "complete": False,
                           "section": ctx.sid(block), "src": p.loc(m.start(), after.ue)})


# ============================================================================ council

def council(ctx: Ctx, block: int) -> None:
    if ctx.council is not None:
        return
    p: Para = ctx.doc.blocks[block]
    text = p.text
    if not ctx.toks(block) or not may_match(text, _COUNCIL_NEEDS) or not _COUNCIL.search(text):
        return  # (its number of members is a number of the paragraph)
    for sa, sb in sentences(text):
        s = text[sa:sb]
        if not _COUNCIL.search(s):
            continue
        toks = [t for t in ctx.toks(block) if sa <= t.s < sb and t.kind == "value" and not t.pct]
        mem = next((t for t in toks if (t.unit or "").lower() in ("thành viên", "đồng chí", "người")), None)
        if mem is None:
            continue
        out = {"members": ctx.num(block, mem, exact=True), "section": ctx.sid(block), "src": p.loc(mem.s, mem.ue)}
        ctx.used_by[(block, mem.s)] = "council"
        roles = (("vice_chairs", r"Phó\s+Chủ\s+tịch"), ("chair", r"(?<!Phó\s)Chủ\s+tịch"),
                 ("others", r"(?:ủy|uỷ)\s+viên|thành\s+viên"))
        found = _council_roles(text, toks, mem, roles, after=True)
        if not found:
            # the roles written before their counts: “Chủ tịch Hội đồng 01, Phó Chủ tịch 02, ủy viên 05”
            found = _council_roles(text, toks, mem, roles, after=False)
        for fld, t in found.items():
            out[fld] = ctx.num(block, t, exact=True)
            ctx.used_by[(block, t.s)] = "council"
        ctx.council = out
        return


def _council_roles(text: str, toks: list, mem: Any, roles: tuple, *, after: bool) -> dict:
    """Each role's count after the members' count: the role's name right after the number (“1 Chủ
    tịch, 2 Phó Chủ tịch”), or (`after` false) right before it, alone in its piece of the list."""
    found: dict = {}
    for fld, rx in roles:
        for t in toks:
            if t is mem or t.s < mem.s or any(t is x for x in found.values()):
                continue
            if after:
                if re.match(r"\s*(?:đồng\s+chí\s+)?" + rx, text[t.e:t.e + 30], re.I) and not (
                        fld == "chair" and re.match(r"\s*(?:đồng\s+chí\s+)?Phó", text[t.e:t.e + 12], re.I)):
                    found[fld] = t
                    break
                continue
            before = re.sub(r":\s*$", " ", text[max(mem.ue, t.s - 40):t.s])  # (“Chủ tịch: 01 đồng chí”)
            piece = re.split(r"[,;:(]|\s(?:và|gồm|trong\s+đó)\s", before)[-1]
            if re.fullmatch(r"\s*(?:" + rx + r")(?:\s+(?:Hội\s+đồng|HĐ))?\s*(?:là|có|gồm)?\s*", piece, re.I) \
                    and not (fld == "chair" and re.match(r"\s*Phó", piece, re.I)):
                found[fld] = t
                break
    return found


# ============================================================================ differences

_BEFORE_CUE = re.compile(r"(?:trước|đầu\s+kỳ|đầu\s+năm|từ|năm\s+\d{4})", re.I)
_AFTER_CUE = re.compile(r"(?:sau|còn|xuống|cuối\s+kỳ|cuối\s+năm|năm\s+\d{4})", re.I)


# a change compared with something other than an earlier time: a plan, an estimate, another place
_OTHER_BASE = re.compile(r"\s*(?:\([^()]*\)\s*)?,?\s*so(?:\s+với)?\s+(?!(?:với|năm|cùng\s+kỳ|đầu|cuối|trước|kỳ|tháng|quý|"
                         r"thời\s+điểm|lúc|khi|ngày|\d))\w", re.I)
_DIFF_BACK = 200  # numbers looked back over for the two levels of a change
_BRACKETS = re.compile(r"\([^()]*\)")
_PART_OPENS = re.compile(r"(?<![\w])(?:trong\s+đó|bao\s+gồm|gồm\s+có)(?![\w])", re.I)


def differences(ctx: Ctx, block: int) -> None:
    p: Para = ctx.doc.blocks[block]
    text = p.text
    toks = [t for t in ctx.toks(block) if t.kind == "value"]
    for k, c in enumerate(toks):
        cs = max(0, c.s - 14)
        vm = _CHANGE_VERB.search(text[cs:c.s])
        if not vm or c.pct or not c.unit:
            continue
        if any(x <= c.s < y for x, y in ctx.used.get(block, ())):
            continue  # already read as the change of “từ A … xuống B” (relations._from_to_changes)
        sa, _ = sentence_of(text, c.s)
        same = []  # the two levels of the sentence right before, in the change's unit
        for t in reversed(toks[max(0, k - _DIFF_BACK):k]):
            if t.s < sa:
                break
            if unit_key(t.unit) == unit_key(c.unit) and not t.pct:
                if _CHANGE_VERB.search(text[max(0, t.s - 14):t.s]):
                    same = []  # another change of the unit before it (“112 xã (tăng 4 xã …) và 21 xã (tăng 2
                    break      # xã …)”): each count has its own change, not two levels of one
                same.append(t)
                if len(same) == 2:
                    break
        if len(same) < 2:
            continue
        if _OTHER_BASE.match(text, c.ue):
            continue  # “tăng từ A lên B, tăng thêm 225 tỷ so với phương án đang thực hiện”: against another base
        b, a = same
        sa = max(sa, a.s - CLAUSE_LOOKBACK)  # (the words naming it: near it, on a sentence of any length)
        between = _BRACKETS.sub(" ", text[a.ue:b.s])  # (a bracket is the first level's aside: “(tăng … năm 2021)”)
        if not _BEFORE_CUE.search(text[max(sa, a.s - 40):a.s]) or not _AFTER_CUE.search(between) \
                or _PART_OPENS.search(between):
            continue  # (“258.480 trường hợp …, trong đó có 102 trường hợp tử vong (tăng 81 …)”: a part, not a later level)
        inc = "tăng" in vm.group(0).lower()
        minu, sub = (b, a) if inc else (a, b)
        la = clean_name(_strip_numbers(text[sa:a.s]))
        lb = clean_name(_strip_numbers(text[a.ue:b.s]))
        subject = _common_phrase(la, lb)
        if len(content_tokens(re.sub(r"\b(?:năm|kỳ|đầu|cuối|trước|sau|còn)\b", " ", subject))) < 1:
            subject = re.sub(r"\s*\b(?:đầu\s+năm|cuối\s+năm|đầu\s+kỳ|cuối\s+kỳ|trước\s+kỳ\s+rà\s+soát|trước|"
                             r"sau\s+rà\s+soát|sau|năm\s+\d{4})\b", " ", la).strip() or la
        label = f"{subject} {'tăng' if inc else 'giảm'}".strip()
        d = {"id": f"{ctx.sid(block) or 'doc'}:diff_{len(ctx.out['differences']) + 1}", "label": label,
             "unit": c.unit, "minuend": ctx.num(block, minu), "subtrahend": ctx.num(block, sub),
             "result": ctx.num(block, c), "section": ctx.sid(block), "src": p.loc(a.s, c.ue)}
        ctx.add("differences", d)
        sec = ctx.section(block)
        ctx.cands.append(MentionCand(d["result"], c.unit, label,
                                     f"mục {sec.number or sec.heading}: “{text[max(0, c.s - 12):c.ue].strip()}”" if sec else "",
                                     ctx.sid(block), ctx.part(block), block, f"diff:{d['id']}", kind="diff",
                                     year=ctx.year))


def _common_phrase(a: str, b: str) -> str:
    """The longest run of words (diacritic-insensitive) that both labels contain."""
    wa = [w.strip(",.;:()“”\"") for w in a.split()]
    wb = [w.strip(",.;:()“”\"") for w in b.split()]
    wa, wb = [w for w in wa if w], [w for w in wb if w]
    fa, fb = [fold(w) for w in wa], [fold(w) for w in wb]
    best = (0, 0)
    for i in range(len(fa)):
        for j in range(len(fb)):
            n = 0
            while i + n < len(fa) and j + n < len(fb) and fa[i + n] == fb[j + n]:
                n += 1
            if n > best[1]:
                best = (i, n)
    i, n = best
    return " ".join(wa[i:i + n]) if n >= 1 else ""


# Each opens, outside `(?i:…)`, with a class of its first letters in both cases (“[Tt]” for
# “từ”; the group of “giảm|tăng” starts with “[GgTt]” and looks back at the letter it took): `re`
# then skips in C to the next such letter, where a case-insensitive pattern opening with a cased
# letter is tried at every character (~4 M instructions a pattern over a seed). The matches,
# groups and spans are those of the case-insensitive patterns they replace (`_CHANGES_PLAIN`,
# compared by tests/test_prose_change_patterns.py).
_DIR = r"(?P<dir>[GgTt](?i:(?<=g)iảm|(?<=t)ăng))"
_CHANGES = [
    # từ A (năm X) giảm (còn|xuống) B
    re.compile(rf"[Tt](?i:ừ\s+(?P<before>{NUM})\s*%?\s*(?:năm\s+\d{{4}}\s*)?,?\s*(?P<dir>giảm|tăng)\s*(?:xuống|lên|còn)?\s*(?P<after>{NUM})\s*(?P<apct>%)?)"),
    # giảm từ A xuống B
    re.compile(rf"{_DIR}(?i:\s+từ\s+(?P<before>{NUM})\s*%?\s*(?:xuống|lên|còn)\s+(?P<after>{NUM})\s*(?P<apct>%)?)"),
    # còn A giảm D
    re.compile(rf"[Cc](?i:òn\s+(?P<after>{NUM})\s*(?P<apct>%)?\s*,?\s*(?P<dir>giảm|tăng)\s+(?P<delta>{NUM})\s*(?P<dpct>%)?)"),
    # giảm D, còn A
    re.compile(rf"{_DIR}(?i:\s+(?P<delta>{NUM})\s*(?P<dpct>%)?\s*,?\s*(?:xuống\s+)?còn\s+(?P<after>{NUM})\s*(?P<apct>%)?)"),
]
# what every match of each holds (`rxgate.needs`, written out: tests/test_rxgate.py)
_CHANGES_NEEDS = ((("giảm", "tăng"), (DIGIT,)), (("iảm", "ăng"), (DIGIT,)), (("giảm", "tăng"), (DIGIT,)), (("còn",), (DIGIT,)))
# the plain patterns, for the tests (not compiled by a run)
_CHANGES_PLAIN = (
    rf"từ\s+(?P<before>{NUM})\s*%?\s*(?:năm\s+\d{{4}}\s*)?,?\s*(?P<dir>giảm|tăng)\s*(?:xuống|lên|còn)?\s*(?P<after>{NUM})\s*(?P<apct>%)?",
    rf"(?P<dir>giảm|tăng)\s+từ\s+(?P<before>{NUM})\s*%?\s*(?:xuống|lên|còn)\s+(?P<after>{NUM})\s*(?P<apct>%)?",
    rf"còn\s+(?P<after>{NUM})\s*(?P<apct>%)?\s*,?\s*(?P<dir>giảm|tăng)\s+(?P<delta>{NUM})\s*(?P<dpct>%)?",
    rf"(?P<dir>giảm|tăng)\s+(?P<delta>{NUM})\s*(?P<dpct>%)?\s*,?\s*(?:xuống\s+)?còn\s+(?P<after>{NUM})\s*(?P<apct>%)?",
)


def change_statements(ctx: Ctx, block: int) -> list[dict]:
    p: Para = ctx.doc.blocks[block]
    text = p.text
    out: list[dict] = []
    if not ctx.ntoks(block):
        return out  # every pattern holds a number (a digit: a paragraph without one has no token)
    for rx, want in zip(_CHANGES, _CHANGES_NEEDS):
        for m in (rx.finditer(text) if may_match(text, want) else ()):
            if any(m.start() < s["end"] and s["start"] < m.end() for s in out):
                continue
            sa, sb = sentence_of(text, m.start())
            cs = clause_start(text, m.start(), sa)
            subject = text[cs:m.start()]
            tail = text[m.end():clause_end(text, m.end())]
            yrs_after = years_in(tail[:20]) or years_in(subject)
            st = {"block": block, "start": m.start(), "end": m.end(), "dir": m.group("dir").lower(),
                  "subject": subject, "year": yrs_after[-1] if yrs_after else None, "m": m,
                  "pct": bool(m.groupdict().get("apct") or m.groupdict().get("dpct"))}
            out.append(st)
    return out


def link_changes(ctx: Ctx, stmts: list[dict]) -> None:
    """Change statements about the same subject and year: their “after” values are one quantity,
    and “from A” + “decreased by D” + “to C” is a difference.

    Each statement gives at most one candidate (grouped with every statement it pairs with, so a
    subject stated n times is one quantity with n mentions, not n² candidates that the linker would
    then compare pairwise) and each “decreased by D” statement at most one difference."""
    def num(st, g, pct_group):
        m = st["m"]
        return ctx.num(st["block"], (m.start(g), m.end(g)), percent=bool(m.groupdict().get(pct_group)))

    for st in stmts:
        st["nums"] = {}
        for g, pg in (("before", "apct"), ("after", "apct"), ("delta", "dpct")):
            if st["m"].groupdict().get(g):
                st["nums"][g] = num(st, g, pg)
        st["bigrams"] = _bigrams(st["subject"])
    parent = list(range(len(stmts)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    label: dict[int, str] = {}
    pct: dict[int, bool] = {}
    with_delta_done: set[int] = set()
    unit = "%"
    for i, a in enumerate(stmts):
        for j in range(i + 1, len(stmts)):
            b = stmts[j]
            if a["dir"] != b["dir"] or a["year"] is None or a["year"] != b["year"]:
                continue
            if not (a["bigrams"] & b["bigrams"]):
                continue
            if "after" in a["nums"] and "after" in b["nums"]:
                if i not in label or j not in label:
                    subj = _common_phrase(clean_name(a["subject"]), clean_name(b["subject"]))
                    label.setdefault(i, f"{subj} năm {a['year']}".strip())
                    label.setdefault(j, f"{subj} năm {a['year']}".strip())
                pct[i] = pct.get(i, False) or a["pct"] or b["pct"]
                pct[j] = pct.get(j, False) or a["pct"] or b["pct"]
                parent[find(i)] = find(j)
            with_before = a if "before" in a["nums"] else b if "before" in b["nums"] else None
            with_delta = a if "delta" in a["nums"] else b if "delta" in b["nums"] else None
            if with_before is not None and with_delta is not None and with_before is not with_delta \
                    and "after" in with_delta["nums"] and id(with_delta) not in with_delta_done:
                with_delta_done.add(id(with_delta))
                subj = _common_phrase(clean_name(a["subject"]), clean_name(b["subject"]))
                inc = a["dir"] == "tăng"
                d = {"id": f"{ctx.sid(with_delta['block']) or 'doc'}:diff_{len(ctx.out['differences']) + 1}",
                     "label": f"{subj} năm {a['year']}", "unit": unit if (a["pct"] or b["pct"]) else None,
                     "section": ctx.sid(with_delta["block"])}
                if inc:
                    d.update(minuend=with_delta["nums"]["after"], subtrahend=with_before["nums"]["before"],
                             result=with_delta["nums"]["delta"])
                else:
                    d.update(minuend=with_before["nums"]["before"], subtrahend=with_delta["nums"]["delta"],
                             result=with_delta["nums"]["after"])
                ctx.add("differences", d)
    for i, st in enumerate(stmts):
        if i not in label:
            continue
        sec = ctx.section(st["block"])
        ctx.cands.append(MentionCand(st["nums"]["after"], unit if pct[i] else None, label[i],
                                     f"mục {sec.number or sec.heading}: “…{ctx.doc.blocks[st['block']].text[st['start']:st['end']]}”" if sec else "",
                                     ctx.sid(st["block"]), ctx.part(st["block"]), st["block"],
                                     f"chg:{id(st)}", kind="change_after", year=st["year"],
                                     extra={"pair": find(i)}))
    for st in stmts:
        if {"before", "delta", "after"} <= set(st["nums"]):
            ctx.add("differences", {"id": f"{ctx.sid(st['block']) or 'doc'}:diff_{len(ctx.out['differences']) + 1}",
                                    "label": clean_name(st["subject"]) or "?", "minuend": st["nums"]["before"],
                                    "subtrahend": st["nums"]["delta"], "result": st["nums"]["after"],
                                    "section": ctx.sid(st["block"])})


def _bigrams(s: str) -> set[tuple[str, str]]:
    w = [x for x in re.findall(r"\w+", fold(s)) if not x.isdigit()]
    return {(w[i], w[i + 1]) for i in range(len(w) - 1)} - {("ty", "le"), ("nam", "nam")}


# ============================================================================ products

def products(ctx: Ctx, block: int) -> None:
    """Area × yield = output in one sentence (“33.529 ha …; năng suất ước 56 tạ/ha; sản lượng ước
    187.780 tấn”). Only levels take part: not a change (“vượt 1,5 ha so với KH”), not last year's
    value (“(CK 42,2 tạ/ha)”), not a plan; of an actual/plan pair (“33/ 31,5 ha”) the actual."""
    p: Para = ctx.doc.blocks[block]
    text = p.text
    ntoks = ctx.ntoks(block)
    rs = ctx.roles(block)
    levels: list[tuple[int, int, int, str]] = []   # (start, end, unit end, unit)
    for t, r in zip(ntoks, rs):
        if r is None or t.pct or r.kind not in ("level", "remainder"):
            continue
        if t.form == "number" and t.unit:
            levels.append((t.s, t.e, t.ue, t.unit))
        elif t.form == "fraction" and t.unit and len(t.parts) == 2 and not t.plan_mark:
            a0, a1, _ = t.parts[0]
            levels.append((a0, a1, t.ue, t.unit))   # actual over plan: the actual
    if not levels:
        return  # (every factor and result is a level)
    for sa, sb in sentences(text):
        st = [x for x in levels if sa <= x[0] < sb]
        st = [x for x in st if not _MORE_THAN_BEFORE.search(text, max(sa, x[0] - 40), x[0])]
        for y in st:
            ym = re.fullmatch(r"(tạ|tấn|kg|yến)\s*/\s*(ha|sào)", (y[3] or "").strip(), re.I)
            if not ym:
                continue
            area = next((x for x in reversed(st) if x[0] < y[0] and unit_key(x[3]) == fold(ym.group(2))), None)
            res = next((x for x in st if x[0] > y[0] and (x[3] or "").lower() in ("tấn", "tạ", "kg")), None)
            if area is None or res is None:
                continue
            scale = conversion(ym.group(1).lower(), res[3].lower())
            if scale is None:
                continue
            cs = clause_start(text, area[0], sa)
            # the three must be of one crop: “Diện tích gieo trồng vụ Đông Xuân 8.520 ha” (all crops) is not
            # the area of “năng suất lúa 62 tạ/ha … sản lượng lúa 32.240 tấn”
            own = np_after(text, area[2])   # “420 ha lúa”: the area's own noun
            at = text.find(own, area[2], y[0]) if own else -1
            own_end = at + len(own) if at >= 0 else area[2]
            named = _crops(text[own_end:y[0]]) | _crops(text[y[2]:res[0]])
            if named and not named <= _crops(text[sa:area[0]]) | _crops(own):
                continue
            if _PERENNIAL.search(text, sa, res[0]) and not _BEARING.search(text, max(sa, area[0] - 60), area[0]):
                # “diện tích cà phê trên địa bàn tỉnh là 204.577 ha; năng suất bình quân ước 24,46 tạ/ha; tổng sản
                # lượng … 464.175 tấn”: a perennial's yield is of its bearing area, not of all it covers
                continue
            ctx.add("products", {"id": f"{ctx.sid(block) or 'doc'}:product_{len(ctx.out['products']) + 1}",
                                 "label": clean_name(text[cs:area[0]]) or "sản lượng",
                                 "factors": [ctx.num(block, (area[0], area[1])), ctx.num(block, (y[0], y[1]))],
                                 "scale": str(Decimal(scale).normalize()), "result": ctx.num(block, (res[0], res[1])),
                                 "unit": res[3], "section": ctx.sid(block), "src": p.loc(area[0], res[2]),
                                 "confidence": "explicit",
                                 "reading": "diện tích × năng suất = sản lượng (area × yield = output)"})


# (“thu hoạch nhiều hơn cùng kỳ hơn 75,6 ngàn ha”: a difference from another period, never a factor)
_MORE_THAN_BEFORE = re.compile(r"(?<![\w])(?:nhiều|ít|cao|thấp|tăng|giảm)\s+hơn(?:\s+so\s+với)?\s+(?:cùng\s+kỳ|năm\s+trước|"
                               r"kế\s+hoạch)[^\d]{0,8}$", re.I)  # (of an area, a yield or an output alike)
_PERENNIAL = re.compile(r"(?<![\w])(?:cà\s+phê|cao\s+su|chè|hồ\s+tiêu|cây\s+(?:tiêu|điều|cam|vải|dừa)|vải\s+thiều|"
                        r"cây\s+ăn\s+quả|cây\s+lâu\s+năm|mắc\s+ca|sầu\s+riêng|ca\s+cao|bưởi|nhãn|xoài|thanh\s+long)(?![\w])",
                        re.I)
_BEARING = re.compile(r"(?<![\w])(?:cho\s+sản\s+phẩm|kinh\s+doanh|thu\s+hoạch|cho\s+thu\s+hoạch)(?![\w])", re.I)


# crops a sentence of area, yield and output may name (the longer names first)
_CROP = re.compile(r"(?<![\w])(khoai\s+lang|khoai\s+tây|đậu\s+tương|đậu\s+phộng|cà\s+phê|hồ\s+tiêu|cao\s+su|thuốc\s+lá|"
                   r"cây\s+ăn\s+quả|lúa|ngô|bắp|khoai|sắn|lạc|đậu|mía|chè|điều|vừng|rau)(?![\w])", re.I)


def _crops(words: str) -> set[str]:
    return {re.sub(r"\s+", " ", m.group(1).lower()) for m in _CROP.finditer(words)}


# ============================================================================ counts

def count_claims(ctx: Ctx, block: int, list_table: str | None) -> None:
    """“Trong 30 chỉ tiêu đề ra …” (all items), “trong đó 7 chỉ tiêu vượt KH” (exceeding plan);
    “30 chỉ tiêu … đều hoàn thành đạt và vượt kế hoạch” states both the count and a condition."""
    if list_table is None:
        return
    p: Para = ctx.doc.blocks[block]
    text = p.text
    for t in ctx.toks(block):
        if t.kind != "value" or unit_key(t.unit) != "chỉtiêu":
            continue
        end = re.compile(r"[;().]|,\s").search(text, t.ue)
        rest = text[t.ue:end.start() if end else len(text)]
        head = " ".join(rest.split()[:3]).lower()
        cs = clause_start(text, t.s)
        start = cs + (1 if text[cs:cs + 1] == "(" else 0)
        claims: list[tuple[str, int]] = []
        direct = _condition(head)
        if direct is not None:
            claims.append((direct, t.ue + len(rest)))
        else:
            claims.append(("all", t.ue + len(re.match(r"\s*(?:đề\s+ra|được\s+giao|chủ\s+yếu|giao)?", rest).group(0))))
            m = re.search(r"\bđều\s+(.*)$", rest)
            pred = _condition(m.group(1).lower()) if m else None
            if pred is not None:
                claims.append((pred, t.ue + len(rest)))
        for cond, label_end in claims:
            ctx.add("counts", {"id": f"{ctx.sid(block) or 'doc'}:count_{len(ctx.out['counts']) + 1}",
                               "label": text[start:label_end].strip(), "stated": ctx.num(block, t, exact=True),
                               "of": {"table": list_table}, "condition": cond, "section": ctx.sid(block),
                               "src": p.loc(t.s, t.ue)})


def _condition(words: str) -> str | None:
    if re.match(r"(?:đều\s+)?(?:hoàn\s+thành\s+)?(?:đạt\s+và\s+vượt|đạt,\s+vượt)", words):
        return "meets_plan"
    if re.match(r"(?:đều\s+)?vượt", words):
        return "exceeds_plan"
    if re.match(r"(?:đều\s+)?(?:không|chưa)\s+(?:đạt|hoàn\s+thành)", words):
        return "below_plan"
    if re.match(r"(?:đều\s+)?(?:đạt|hoàn\s+thành)", words):
        return "meets_plan"
    return None


# ============================================================================ narrative mentions

_CONDITION = re.compile(r"(?<![\w])(?:đối\s+với|nếu|(?:trong\s+)?trường\s+hợp)(?![\w])", re.I)
SUBSET_OPENING = re.compile(r"\s*(?:trong\s+đó|riêng)(?![\w])", re.I)


def whole_qualifier(text: str, ntoks: list, sa: int, starts: list[int],
                    memo: dict[int, frozenset[str]] | None = None) -> frozenset[str]:
    """A sentence opening with “Trong đó” / “Riêng” is a subset of the sentence before it and is scoped
    by that sentence's opening too (“Hà Nội … với tổng số 376.430 tỷ đồng … Trong đó, thu nội địa 353.932
    tỷ đồng” and “Thành phố Hải Phòng, tổng thu ngân sách đạt gần 87.500 tỷ đồng … Trong đó, thu nội địa
    đạt gần 38.700 tỷ đồng” are two cities' revenues): the names before its first quantity."""
    if memo is None:
        memo = {}
    if sa not in memo:
        pa, _pb = sentence_of(text, len(text[:sa].rstrip()) - 1)
        first = next((t for t in ntoks[bisect_left(starts, pa):bisect_left(starts, sa)] if t.quantity), None)
        # (its names only: “Hà Nội”, “Thành phố Hải Phòng”; the other words of an opening — “Theo báo cáo, tổng
        # thu ngân sách …” / “Năm 2024, tổng thu …” — do not make another whole)
        words = re.findall(r"\w+", text[pa:first.s] if first is not None else "")[1:]
        memo[sa] = frozenset(content_tokens(" ".join(w for w in words if w[0].isupper() and not w.isupper())))
    return memo[sa]


_WORD = re.compile(r"[^\W\d_]+")


def names_before(text: str, a: int, b: int) -> frozenset[str]:
    """The proper names written in text[a:b]: runs of two capitalised words or more (“Thanh Hóa”, “TP. Hà Nội”,
    “Hội Nông dân” → “Hội Nông”); acronyms (“UBND”, “TP.”) neither make nor break a run."""
    out: list[str] = []
    run: list[str] = []
    last = a
    for m in _WORD.finditer(text, a, b):
        w = m.group(0)
        if w.isupper() and len(w) > 1:
            last = m.end()
            continue
        joined = not text[last:m.start()].strip(" .")  # (only spaces, or the dot of “TP.”, between them)
        if w[0].isupper() and (joined or not run):
            run.append(w)
        else:
            if len(run) >= 2:
                out += run
            run = [w] if w[0].isupper() else []
        last = m.end()
    if len(run) >= 2:
        out += run
    return frozenset(content_tokens(" ".join(out)))


def paragraph_names(text: str, ntoks: list, memo: dict[str, frozenset[str]]) -> frozenset[str]:
    """The names the paragraph's first sentence opens with, before its first quantity: what its later
    sentences are about when they name nothing themselves (a mention's `names`, links._strong) (“Thanh Hóa cũng đón được 6,8 triệu lượt khách …
    Tổng thu từ du lịch ước đạt 11.555 tỷ đồng” and “Tiếp đến là TP. Hà Nội … Tổng thu từ khách du lịch ước
    đạt 25.200 tỷ đồng” are two provinces' revenues)."""
    if "p" not in memo:
        # (up to its first quantity, a bounded stretch: “TP.” may end a sentence for `sentence_of`)
        _a, b = sentence_of(text, 0)
        first = next((t for t in ntoks if t.quantity), None)
        memo["p"] = names_before(text, 0, min(first.s if first is not None and first.s <= max(b, 250) else b, 400))
        topic = _TOPIC_OPENING.match(text)
        if topic is not None and (first is None or topic.end() <= first.s):
            # “Lĩnh vực đầu tư xây dựng cơ bản, đã thực hiện 45 cuộc …” / “Lĩnh vực tài chính, ngân sách, …”: the
            # field a paragraph opens with names what its figures are of, as a place does
            memo["p"] = memo["p"] | {"field:" + w for w in content_tokens(topic.group(1))}
        figure = next((t for t in ntoks if t.form == "number"), None)  # (not a day read as a fraction: “- 24/12”)
        head = text[:min(figure.s if figure is not None else b, b, 400)]
        low = head.lower()
        # (the last period before the first figure: “Báo cáo … năm 2024 …, cho biết trong 11 tháng đầu năm 2024, …”)
        pm = None
        for pm in (_OPENING_PERIOD.finditer(head) if "năm" in low or "tháng" in low else ()):
            pass
        if pm is not None:
            # “Tháng 11/2021, toàn quốc xảy ra 132 vụ cháy … Xảy ra 01 vụ nổ” and “… trong năm 2021 … Xảy ra 21 vụ
            # nổ”: the period a paragraph opens with is what its later sentences are of
            memo["p"] = memo["p"] | {"time:" + "-".join(g for g in pm.groups() if g)}
        if first is not None and first.unit is not None and first.unit.lower() in _BATCH_UNITS:
            # “Thanh tra các sở, ngành đã triển khai 704 cuộc thanh tra …; kiến nghị thu hồi 2.416,7 triệu đồng” and
            # “… triển khai 332 cuộc …; kiến nghị thu hồi 119.452,43 triệu đồng”: the amounts of two batches
            memo["p"] = memo["p"] | {"batch:" + first.text}
    return memo["p"]


_BATCH_UNITS = frozenset(("cuộc", "đợt"))
_OPENING_PERIOD = re.compile(r"(?<![\w/])(?:(\d{1,2})\s+tháng(?:\s+đầu)?\s+năm\s+((?:19|20)\d\d)|tháng\s+(\d{1,2})\s*(?:[/-]|năm)\s*"
                             r"((?:19|20)\d\d)|năm\s+((?:19|20)\d\d))(?![\d/])", re.I)


_TOPIC_OPENING = re.compile(r"\W*(?:về|trong\s+lĩnh\s+vực|lĩnh\s+vực|đối\s+với)\s+([^\d,:;.()]{3,60}?)\s*[,:]", re.I)


_OF_THE_WHOLE = re.compile(r"\s*[-+•]?\s*trong\s+(?:tổng\s+)?số\s+\d[\d.,]*", re.I)
EXCLUDING = re.compile(r"\s*[-+•]?\s*(?:nếu\s+)?(?:không\s+(?:tính|kể)|loại\s+trừ)(?![\w])", re.I)
_IF_THEN = re.compile(r"(?<![\w])nếu(?![\w]).*(?<![\w])thì(?![\w])", re.I | re.S)
# what every match holds (`rxgate.needs`, written out: tests/test_rxgate.py)
_IF_THEN_NEEDS = (("nếu",),)


def narrative_mentions(ctx: Ctx, block: int) -> None:
    """Every level stated in a sentence (not a change, a prior value, a plan or a percent) is a
    candidate for “one quantity, one value”, named by the words of its own piece of the clause
    before it and the noun phrase after it (“Trong năm đã bê tông hóa 4,2 km đường giao thông
    nông thôn” → “bê tông hóa … đường giao thông nông thôn”)."""
    p: Para = ctx.doc.blocks[block]
    text = p.text
    sec = ctx.section(block)
    used = Spans(ctx.used.get(block, []))
    ntoks = ctx.ntoks(block)
    inherited: dict[int, frozenset[str]] = {}  # (a subset sentence's whole's opening, by sentence start)
    pnames: dict[str, frozenset[str]] = {}  # (the names opening the paragraph)
    rs = ctx.roles(block)
    prev_end = 0
    for t, r in zip(ntoks, rs):
        if r is None or t.form != "number" or t.pct or not t.unit or r.kind not in ("level", "remainder") \
                or used.holds(t.s):
            prev_end = max(prev_end, t.end)
            continue
        cs = max(clause_start(text, t.s), prev_end)
        piece = re.split(r",\s+", text[cs:t.s])[-1]
        before = clean_name(_strip_numbers(piece))
        topic = _TOPIC.match(text)
        # “- Cây lạc: Diện tích gieo trồng 33 ha”: the crop before the colon is the scope of the words
        # after it (only for the clause right after that colon, and only when it has words of its own)
        topic = topic if topic and before and text[topic.end(1):cs].strip(" :") == "" else None
        bare = before
        if topic:
            before = f"{topic.group(1).strip()} {before}".strip()
        np_ = np_after(text, t.ue)
        if len(content_tokens(np_)) >= 1:
            label = f"{before} {np_}".strip() if len(content_tokens(before)) >= 1 else np_
            bare = f"{bare} {np_}".strip() if len(content_tokens(bare)) >= 1 else np_
        elif topic and len(content_tokens(before)) >= 1:
            label = before
        else:
            cs0 = clause_start(text, t.s)
            if len(content_tokens(before)) < 1 and any(
                    cs0 <= u.s < t.s and u.form == "number" and not u.pct and unit_key(u.unit) == unit_key(t.unit)
                    for u in ntoks):
                # “có 80 xã đạt chuẩn …, 24 xã đạt 15-18 tiêu chí, 38 xã …”: a count with no words of its
                # own after a sibling in its clause; the clause's words are the sibling's, not its name
                prev_end = max(prev_end, t.end)
                continue
            label = bare = label_before(text, t.s)
        prev_end = max(prev_end, t.end)
        if len(content_tokens(label)) < 1:
            continue
        sa, sb = sentence_of(text, t.s)
        if may_match(text, _IF_THEN_NEEDS, sa, t.s) and _IF_THEN.search(text, sa, t.s):
            continue  # “Nếu tính gia hạn 1.400 tỉ đồng thì … đạt trên 14.000 tỉ đồng”: a figure on a condition
        if EXCLUDING.match(text, sa) or EXCLUDING.search(text, clause_start(text, t.s), t.s):
            # “Không tính số thu từ tiền sử dụng đất … (5.056 tỷ đồng) thì thu nội địa thực hiện 11.104 tỷ đồng”, “thu nội
            # địa không kể tiền sử dụng đất … 19.836 tỷ đồng”: a figure on another basis than the same words elsewhere
            continue
        whole = _OF_THE_WHOLE.match(text, sa)
        if whole is not None and t.s >= whole.end():
            # “Trong tổng số 25.953 người được giải quyết việc làm có 16.610 lao động làm việc tại …”: the parts
            # of the whole the sentence opens with, named by words after them (totals.py reads the sum)
            continue
        # (the words of the sentence near the number: a sentence of any length costs a bounded window)
        near = text[max(sa, t.s - SENTENCE_LOOKBACK):min(sb, t.e + SENTENCE_LOOKBACK)]
        ys = [y for y in years_in(near)]
        if len(set(ys)) > 1:
            # “… đến cuối năm 2019 đạt 39 triệu đồng; tỷ lệ … năm 2020 …”: the year of the number's own
            # clause, else the one written before it in that clause
            cs0 = clause_start(text, t.s)
            for span in (text[cs0:clause_end(text, t.e)], text[cs0:t.e]):
                yc = years_in(span)
                if len(set(yc)) == 1:
                    ys = list(yc)
                    break
        qual = qualifier(text, ntoks, max(sa, topic.end() if topic else sa, t.s - SENTENCE_LOOKBACK),
                          t.s - len(piece), t.unit, ctx.ntok_starts(block))
        if sa and SUBSET_OPENING.match(text, sa):
            qual = qual | whole_qualifier(text, ntoks, sa, ctx.ntok_starts(block), inherited)
        head = _bracket_head(text, ntoks, sa, t.s)
        if head is not None:
            # “22.047 ha hoa màu bị ngập úng (tập trung tại … Thái Bình 3.345ha …)” and “6.887 ha cây ăn quả bị
            # hư hại (… Thái Bình 1.385ha …)”: a name in a bracket that breaks a count down is that count's
            qual = qual | {"of:" + w for w in content_tokens(f"{head.unit or ''} {np_after(text, head.ue)}")}
        names = paragraph_names(text, ntoks, pnames) if sa and not names_before(
            text, max(sa, t.s - SENTENCE_LOOKBACK), t.s) else None
        if not sa:
            # (the opening sentence's own period: “Trong năm 2021, … 2.245 vụ cháy” / “Tháng 11/2021, … 132 vụ cháy”)
            names = frozenset(x for x in paragraph_names(text, ntoks, pnames) if x.startswith("time:")) or None
        cond = _CONDITION.search(text, t.ue, min(sb, t.ue + SENTENCE_LOOKBACK))
        if cond is not None:
            # “… trị giá 1.250 triệu đồng/xã …, đối với xã: đạt chuẩn … sớm hơn 01 năm” and “… 1.000 triệu đồng/xã
            # …, đối với xã: … đúng kế hoạch”: the case a figure is stated for scopes it like an opening does
            qual = qual | {"if:" + w for w in content_tokens(text[cond.end():min(sb, cond.end() + SENTENCE_LOOKBACK)])}
        ctx.cands.append(MentionCand(ctx.num(block, t), t.unit, label,
                                     f"mục {sec.number or sec.heading}: “{_snippet(text, t)}”" if sec else "",
                                     ctx.sid(block), "plan" if target_context(text, t.s) else ctx.part(block), block,
                                     f"txt:{block}:{t.s}", kind="plain",
                                     year=ys[0] if len(set(ys)) == 1 else None,
                                     extra={"clause": (clause_start(text, t.s), clause_end(text, t.e)),
                                            "np": np_, "scope": mention_scope(ctx, block, text, sa, t.s),
                                            "bare": bare if topic else None, "qual": qual, "names": names,
                                            "topic": topic.group(1).strip() if topic else None,
                                            # (the clause's dates, else the sentence's: “Tính chung 5 tháng
                                            # (từ 15/12/2021 đến 14/5/2022), toàn quốc xảy ra 4.733 vụ”)
                                            "dates": (tuple(_DATES.findall(text[clause_start(text, t.s):t.s]))
                                                      or _dates_in_force(text, sa, t.s)) + _name_numbers(
                                                ntoks, ctx.ntok_starts(block), clause_start(text, t.s), t.s),
                                            "sentence": (sa, sb),
                                            "template": _template(text, sa, sb, t.s, t.ue),
                                            "time": _time_of(near), "season": season_before(text, sa, t.s)}))


def _name_numbers(ntoks: list, starts: list[int], a: int, b: int) -> tuple[str, ...]:
    """The numbers of a mention's own words that are part of its name (“nhận Huy hiệu 80 năm tuổi Đảng có 10 đồng
    chí” and “… 75 năm tuổi Đảng có 8 đồng chí”: two quantities), as `dates` keeps its dates: written as “#80 năm”.
    Its own words: in its clause (from `a`), after the last quantity before it."""
    out: list[str] = []
    for u in ntoks[bisect_left(starts, a):bisect_left(starts, b)]:  # (the clause's tokens only: no pass over all)
        if u.form == "number":
            out = []  # (a quantity before it: the words before that are that quantity's)
        elif u.form in ("duration", "label", "ordinal"):
            out.append(f"#{u.text}")
    return tuple(out)


def _template(text: str, sa: int, sb: int, s: int, ue: int) -> tuple[str, frozenset[str]] | None:
    """The words of a mention's sentence before it (numbers left out) and the words after it to the sentence's
    end, when the first are enough to be a template (“Lực lượng … đã điều động 820 lượt phương tiện … tổ chức
    chữa cháy …” and “Lực lượng … đã điều động 347 lượt phương tiện … thực hiện cứu nạn, cứu hộ …”)."""
    lead = " ".join(re.sub(r"[\d.,/%]+", " ", text[sa:s]).lower().split())
    if len(lead.split()) < 4:
        return None
    return lead, frozenset(content_tokens(re.sub(r"[\d.,/%]+", " ", text[ue:min(sb, ue + SENTENCE_LOOKBACK)])))


# Words of a sentence's opening that do not qualify what is counted: the reporting unit, discourse.
_QUAL_DROP = frozenset(("xã", "phường", "huyện", "quận", "tỉnh", "thị", "trấn", "địa", "bàn", "kết", "quả", "cụ", "thể",
                        "nổi", "bật", "chung", "nhìn", "ubnd", "uỷ", "ủy", "ban", "nhân", "dân", "đó", "tiếp", "tục",
                        "tổ", "chức", "triển", "khai", "công", "tác", "lũy", "kế", "nhìn", "qua", "nhờ", "đây", "gồm"))


def bullet_topic(text: str, pos: int) -> str | None:
    """The topic of a bullet (“+ Cây lúa: diện tích …; năng suất …; sản lượng …”) when `pos` is in the
    sentence that follows its colon, else None."""
    m = _TOPIC.match(text)
    if m is None or pos < m.end():
        return None
    if sentence_of(text, pos)[0] > m.end():
        return None
    return m.group(1).strip()


def target_context(text: str, pos: int) -> bool:
    """The number at `pos` is a target, not a result: its sentence names a target before it
    (“Phấn đấu tổng giá trị sản xuất đạt trên 461 tỷ đồng”), or its paragraph opens with one
    (“Trong phương hướng năm 2020, …”) (cue `target`)."""
    sa, _sb = sentence_of(text, pos)
    if cue("target").search(text, max(sa, pos - SENTENCE_LOOKBACK), pos):
        return True
    head = text[:min(len(text), 60)]
    m = cue("target").search(head)
    return m is not None and len(head[:m.start()].split()) <= 3


def qualifier(text: str, ntoks: list, a: int, b: int, unit: str | None = None,
               ntok_starts: list[int] | None = None) -> frozenset[str]:
    """What the opening of the sentence says about the quantity named after it: the words between
    the sentence start and the label (“Tháng 10, …”, “Vụ Xuân, …”, “Dự án đường trục xã có tổng vốn
    20 tỷ đồng, …”), with the numbers that are not quantities (tháng 10, đợt 1, quý II) and without
    the quantities, the years (the `year` of a mention) and discourse words."""
    if b <= a:
        return frozenset()
    keep: list[str] = []
    cut = []
    if ntok_starts is not None:  # (the paragraph's numbers are in order: those of [a, b) by bisection)
        inner = ntoks[bisect_left(ntok_starts, a):bisect_left(ntok_starts, b)]
    else:
        inner = [t for t in ntoks if a <= t.s < b]
    starts = [t.s for t in inner]
    # which characters of text[a:b] are cut: a mask, so that a long sentence with many numbers (a
    # garbled text: every character a word) costs its length per call, not its length × its numbers
    gone = bytearray(b - a)

    def drop(x: int, y: int) -> None:
        cut.append((x, y))
        x, y = max(x, a), min(y, b)
        if y > x:
            gone[x - a:y - a] = b"\x01" * (y - x)

    # an earlier item of the sentence in the same unit (“…, số người … là 3.353 người, số người có
    # việc làm …”) is a sibling, not a qualifier: its piece is left out, except the owner before “có”
    # (“Dự án A có tổng vốn 20 tỷ đồng, …”); an item of another kind (“tổng vốn … được 16 tỷ đồng,
    # xây dựng 9 công trình”) says what the words after it are about: it qualifies them
    pos = a
    for m in list(re.finditer(r"[,;:](?!\d)", text[a:b])) + [None]:
        end = a + m.start() if m is not None else b
        own = [t for t in inner[bisect_left(starts, pos):bisect_left(starts, end)] if t.quantity]
        if own and unit is not None and not any(unit_key(t.unit) == unit_key(unit) for t in own):
            own = []
        if own:
            head = text[pos:own[0].s]
            co = re.search(r"\s+có\s+", head)
            la = re.search(r"\s+(?:là|gồm|có)\s+$", head)
            if pos == a and la is not None and unit is not None and unit_key(own[0].unit) != unit_key(unit):
                # “Trong đó vốn ngân sách tỉnh là 07 công trình với kế hoạch vốn là 28,7 tỷ đồng, giá trị …”: the
                # sentence's subject, then a count of another kind: the subject qualifies what follows
                drop(pos + la.start(), end)
            elif re.search(r"\s+là\s*$|\s+là\s+", head) or co is None:
                drop(pos, end)
            else:
                drop(pos + co.start(), end)
        pos = end + 1
    for t in inner:
        if t.quantity or t.form in ("year", "years", "date", "docno", "time"):
            drop(t.s, t.end)
        elif not gone[t.s - a]:
            keep.append(t.text.strip().lower())
    seg = "".join(" " if g else ch for g, ch in zip(gone, text[a:b]))
    words = content_tokens(seg, _QUAL_DROP)
    # (“vốn ngân sách tỉnh …” and “vốn ngân sách huyện …”: the level of a budget or of a body, which the
    # reporting unit's words, dropped above, would otherwise hide)
    levels = {"cấp:" + " ".join(m.group(1).lower().split()) for m in _OF_A_LEVEL.finditer(seg)} if "ấ" in seg or "ách" in seg \
        or "ốn" in seg else set()
    return frozenset(words | set(keep) | levels)


_OF_A_LEVEL = re.compile(r"(?<![\w])(?:ngân\s+sách|cấp|vốn)\s+(xã|phường|thị\s+trấn|huyện|quận|thị\s+xã|tỉnh|trung\s+ương)"
                         r"(?![\w])", re.I)


def mention_scope(ctx: Ctx, block: int, text: str, sentence_start: int, pos: int) -> str | None:
    """What a mention is one of: the short heading above its paragraph (`_subscope`) and the
    lead-in of the list it is an item of, in its own sentence (“Tỷ lệ hộ nghèo … phân theo các khu
    vực như sau: …; Đồng bằng sông Hồng 1,00% với 69.239 hộ; …” and “Tỷ lệ hộ cận nghèo … như sau:
    …; Đồng bằng sông Hồng 1,45% với 100.237 hộ”): the same item under two lead-ins is one
    template for two wholes, not one quantity."""
    sub = _subscope(ctx, block)
    head = _list_head(text, sentence_start, pos)
    if head is None:
        return sub
    return f"{sub} / {head}" if sub else head


def _list_head(text: str, sentence_start: int, pos: int) -> str | None:
    """The words before the last colon of the sentence before `pos` (not a clock's 11:46), when
    they name something (two content words or more, numbers left out)."""
    lo = max(sentence_start, pos - SENTENCE_LOOKBACK)  # (a bounded window on any text)
    colon = None
    end = pos
    for _ in range(8):
        c = text.rfind(":", lo, end)
        if c < 0:
            return None
        if 0 < c < len(text) - 1 and text[c - 1].isdigit() and text[c + 1].isdigit():
            end = c  # a clock (11:46), a ratio (1:500)
            continue
        colon = c
        break
    if colon is None:
        return None
    a = max(sentence_start, colon - SENTENCE_LOOKBACK)
    head = _head_words(text, a, colon)
    if head is not None and _LEAD_CHANGE.search(text, a, colon):
        # “Với dư nợ tăng chủ yếu ở các chương trình như: …”: the items are changes (links._names_a_change)
        return CHANGE_HEAD + head
    return head


CHANGE_HEAD = "Δ "
_LEAD_CHANGE = re.compile(r"(?<![\w])(?:tăng|giảm)(?![\w])", re.I)


@lru_cache(maxsize=256)
def _head_words(text: str, a: int, b: int) -> str | None:
    """(once per lead-in: every item of its list asks; a text's hash is kept by the string)"""
    words = sorted(content_tokens(_strip_numbers(text[a:b])))
    return fold(" ".join(words)) if len(words) >= 2 else None


def _subscope(ctx: Ctx, block: int) -> str | None:
    """The nearest short heading-like line above a paragraph in its section (“a. Vụ Xuân”, “b. Vụ hè
    thu”, “– Học vấn:”): the same words under two such lines are two scopes of one template."""
    def heading_like(t: str) -> bool:
        t = t.strip()
        if ":" in t.rstrip(":*") or "http" in t:
            return False  # “Trang thông tin: http://…”, “Điện thoại: …”: a field and its value
        return 0 < len(t.split()) <= 8 and not re.search(r"\d", t.split(" ", 1)[-1] if " " in t else t) \
            and (t.endswith(":") or not t.endswith("."))

    own = ctx.doc.blocks[block]
    if isinstance(own, Para) and len(own.pieces) > 1 and heading_like(own.pieces[0].text):
        return fold(own.pieces[0].text.strip())  # a short line joined to the paragraph it heads
    sec = ctx.section(block)
    for j in range(block - 1, -1, -1):
        b = ctx.doc.blocks[j]
        if not isinstance(b, Para) or ctx.section(j) is not sec or j in ctx.L.headings:
            return None
        if heading_like(b.text):
            return fold(b.text.strip())
        if len(b.pieces) > 1 and heading_like(b.pieces[-1].text):
            return fold(b.pieces[-1].text.strip())  # a heading line joined to the end of the paragraph before
        if len(b.pieces) > 1 and heading_like(b.pieces[0].text):
            return fold(b.pieces[0].text.strip())
    return None


def _dates_in_force(text: str, sa: int, pos: int) -> tuple[str, ...]:
    """The dates a figure's sentence names before it, else those of the last earlier sentence of the
    paragraph that names any: “Tính chung 5 tháng (từ 15/12/2021 đến 14/5/2022), toàn quốc xảy ra 4.733 vụ … .
    Trong đó, đường bộ xảy ra 4.683 vụ” (the period named once goes on over the sentences after it)."""
    own = tuple(_DATES.findall(text, max(sa, pos - SENTENCE_LOOKBACK), pos))
    if own:
        return own
    last = None
    for m in _DATES.finditer(text, max(0, sa - 4 * SENTENCE_LOOKBACK), sa):
        last = m
    if last is None:
        return ()
    s0, _ = sentence_of(text, last.start())
    return tuple(_DATES.findall(text, s0, min(sa, last.end())))


_DATES = re.compile(r"\d\d?\s*/\s*\d{1,2}(?:\s*/\s*\d{2,4})?")  # (“\d\d?”: `re` skips to a digit in C)


_SEASON = re.compile(r"(?<![\w])vụ\s+(đông\s+xuân|hè\s+thu|thu\s+đông|thu\s+mùa|xuân\s+hè|chiêm\s+xuân|đông|xuân|mùa|"
                     r"chiêm|hè|thu)(?![\w])", re.I)
_SEASON_NEEDS = (("vụ",),)  # what every match holds (`rxgate.needs`, written out: tests/test_rxgate.py)
_RAISE_TOTAL = re.compile(r"nâng\s+tổng\s+số", re.I)
_RAISE_TOTAL_NEEDS = (("nâng",),)


def season_before(text: str, a: int, b: int) -> str | None:
    """The crop season the sentence names before a number (“vụ thu mùa”, “vụ đông năm 2023 - 2024”):
    the same crop's area in two seasons is two quantities."""
    last = None
    for m in (_SEASON.finditer(text, a, b) if may_match(text, _SEASON_NEEDS, a, b) else ()):
        last = m
    return " ".join(last.group(1).lower().split()) if last else None


def _time_of(sentence: str) -> str | None:
    """“đầu năm” and “cuối năm” (or “đến nay”) of one sentence: two moments of a stock."""
    if re.search(r"đầu\s+(?:năm|kỳ)", sentence, re.I):
        return "start"
    if re.search(r"cuối\s+(?:năm|kỳ)|đến\s+nay|hiện\s+nay", sentence, re.I):
        return "end"
    return None


_TOPIC = re.compile(r"^\s*[-+•*]?\s*([^\d:;,.()]{2,40}):\s")
# (not the number of a span of months: “giá trị sản xuất 9 tháng” keeps its “9”)
_NUM_UNIT = re.compile(rf"{NUM}(?!\s*tháng(?![\w]))(?:\s*(?:%|{UNIT})(?![\wđ]))?", re.I)


def _strip_numbers(s: str) -> str:
    return _NUM_UNIT.sub(" ", s)


def _snippet(text: str, t: Any) -> str:
    a = max(0, t.s - 30)
    b = min(len(text), t.ue + 40)
    s = text[a:b].strip()
    return ("…" if a else "") + s + ("…" if b < len(text) else "")
