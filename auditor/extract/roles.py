"""Layer (b) of the reader: what each quantity of a paragraph is doing, from the cue words around
it (auditor/data/cues.yaml), never from one report's phrasing.

    roles(text, toks) -> [Role | None, …]     # one per token; None for a number that is not a quantity

A percent is `pct_plan` (“đạt 97% KH”, “bằng 113% so với kế hoạch”, “so với dự toán … đạt 151%”),
`pct_prior` (“bằng 103% so với cùng kỳ”), `growth` (“tăng 4,3% so với cùng kỳ”, “vượt 16,67% chỉ tiêu”,
“giảm 0,45% so với năm trước”: a change, never a ratio), `share` (“chiếm 15,8%”, “tỷ lệ 33,59%”,
“(98,2%)” after a count) or plain. A value is a `level` (what was reached), a `delta` (“tăng 171 lượt”,
“(-162,63 ha)”), a `prior` (“(CK 42,2 tạ/ha)”, “cùng kỳ đạt khoảng 25.080 tỷ”), a `plan` (“KH 18,2”,
“16,02%/KH 16%”) or a `remainder` (“còn lại 35 vụ việc”, “15 đơn đang giải quyết”).
"""

from __future__ import annotations

import re

from auditor.extract.numbers import NumTok
from auditor.extract.scan import CLAUSE_LOOKBACK, unit_key
from auditor.files.rxgate import may_match
from auditor.records import dataclass
from auditor.registries.cues import cue

_OWN_NOUN = re.compile(r"\s+[^\W\d_]{2,}", re.I)
_SO_VOI = re.compile(r"\s*(?:so\s+với|so\s+sánh\s+với|so)\s+", re.I)
_VERB_GAP = r"\s"
_PAREN_PRIOR = re.compile(r"\(\s*(?:CK|cùng\s+kỳ(?:\s+năm\s+(?:trước|ngoái|\d{4}))?)\s*(?:đạt|là|:)?\s*"
                          r"(?:khoảng|gần|trên|hơn|xấp\s+xỉ)?\s*$", re.I)
_PAREN_PRIOR_NEEDS = (("ck", "cùng"),)  # what every match holds (`rxgate.needs`, written out: tests/test_rxgate.py)
# “tăng 12,2% so với năm 2022 (44 triệu đồng)”: the value of the period compared with, in a bracket
# right after the comparison
# “cùng kỳ năm trước đạt 25.080 tỷ”, “… so với cùng kỳ năm 2023 là 195,4 tỷ đồng”, “so với đầu năm là 85 hộ”:
# the earlier period named, then its value after “đạt / là”
_PRIOR_STATED = re.compile(r"(?:cùng\s+kỳ(?:\s+năm\s+(?:trước|ngoái|(?:19|20)\d{2}))?|so\s+với\s+(?:năm\s+(?:trước|ngoái|"
                           r"(?:19|20)\d{2})|đầu\s+năm|đầu\s+kỳ))\s+(?:đạt|là)\s*(?:khoảng|gần|trên|hơn|xấp\s+xỉ)?\s*$",
                           re.I)
_PRIOR_STATED_NEEDS = (("cùng", "với"),)
_COMPARED_PRIOR = re.compile(r"so\s+với\s+(?:cùng\s+kỳ(?:\s+năm\s+(?:trước|ngoái|\d{4}))?|năm\s+(?:trước|ngoái|\d{4})"
                             r"|đầu\s+năm)\s*\(\s*(?:khoảng|gần|trên|hơn|xấp\s+xỉ)?\s*$", re.I)
_COMPARED_PRIOR_NEEDS = (("với",),)
# A change against the plan with the plan named before the percent: “vượt chỉ tiêu 24%”, “vượt
# mức kế hoạch năm 12,5%”, “thấp hơn dự toán 3%” (the percent right after, “là” or “:” allowed)
_OVER_PLAN_BEFORE = re.compile(r"(?<![\w])(?P<v>vượt(?:\s+mức)?|tăng|giảm|thấp\s+hơn|cao\s+hơn)\s+(?:so\s+với\s+)?"
                               r"(?P<base>(?:chỉ\s+tiêu|kế\s+hoạch|KH|dự\s+toán)(?:\s+[^\W\d]+){0,3}?)"
                               r"\s*(?:là\s*|:\s*)?$", re.I)
_OVER_PLAN_NEEDS = (("cao", "giảm", "thấp", "tăng", "vượt"),)
_PLAN_BEFORE = re.compile(r"(?:^|[\s(,;:])(?:KH|kế\s+hoạch|chỉ\s+tiêu|dự\s+toán)\s*[:.]?\s*$", re.I)
_PLAN_BEFORE_NEEDS = (("hoạch", "kh", "tiêu", "toán"),)
_NAMED_BASE = re.compile(r"\s*(?:của\s+|trên\s+)?(?P<words>(?P<head>tổng\s+số|tổng|số|dân\s+số|hộ\s+dân|toàn\s+bộ)?"
                         r"(?:\s*[^\W\d]+){1,9}?)(?=\s*(?:[;,.()]|$|\s(?:và|đạt|bằng|tăng|giảm|so\s+với|trong\s+đó)\s))",
                         re.I)
# a named base qualified by what its members reached: “số tập thể đạt danh hiệu "Tập thể lao động tiên tiến"”
_BASE_QUALIFIED = re.compile(r"\s+(?:đạt|được)\s+(?:danh\s+hiệu|chuẩn|công\s+nhận)[^;,.()\d]{0,80}", re.I)
_BASE_WORDS_STOP = re.compile(r"[;,.():]|\s+(?:và|đạt|bằng|tăng|giảm|vượt|so\s+với|trong\s+đó|là)\s", re.I)


@dataclass
class Role:
    """What a number does in its sentence (a level, a percent of plan, a change …)."""
    kind: str                       # pct_plan | pct_prior | growth | share | pct | level | delta | prior | plan | remainder
    direction: str | None = None    # up | down (growth, delta)
    base: str | None = None         # plan | prior | None: what a percent or a change is taken against
    base_words: str = ""            # the words naming the base (“dự toán tỉnh giao”, “số hộ đã đăng ký”)
    base_year: int | None = None    # “so với năm 2021”
    explicit_base: bool = False     # the base is written next to this number (not inherited)
    in_paren: bool = False
    estimate: bool = False          # “ước”, “dự kiến” before it in its clause
    verb: str | None = None         # the cue word right before (đạt, bằng, chiếm …)
    to: int | None = None           # a `prior` read from “từ A … xuống B”: the index of B
    change_at: int | None = None    # … and of the change stated after B (“, tương ứng giảm 0,6%”)
    base_end: int = -1              # a percent's base words written after it end here (in `text`)
    base_of: int | None = None      # a plan or prior value written after a percent's base: that percent's index


def _cue_before(name: str, text: str, pos: int, window: int = 30):
    return cue(name).before(text, pos, window=window, gap=r"\s*")


def _base_after(text: str, pos: int) -> tuple[str | None, str, int, int | None]:
    """(plan | prior | None, the base's words, end, year) of the base written after a percent or a
    change: “% KH”, “% so với kế hoạch năm”, “so với cùng kỳ năm 2021”, “so KH”, “chỉ tiêu nghị quyết”."""
    p = pos
    so = _SO_VOI.match(text, p)
    if so:
        p = so.end()
    m = re.compile(r"\s*năm\s+((?:19|20)\d{2})(?!\d)", re.I).match(text, p)
    if m and so:
        return "prior", m.group(0).strip(), m.end(), int(m.group(1))
    for kind, name in (("prior", "base_prior"), ("plan", "base_plan")):
        cm = cue(name).after(text, p, gap=r"\s*")
        if cm and (so or cm.start() - pos <= 2 or text[pos:cm.start()].strip() == ""):
            stop = _BASE_WORDS_STOP.search(text, cm.end())
            end = stop.start() if stop else len(text)
            end = min(end, cm.end() + 60)
            words = text[cm.start():end].strip()
            ym = re.search(r"năm\s+((?:19|20)\d{2})", words)
            return kind, words, end, int(ym.group(1)) if ym else None
    # a base named in other words: “so với số hộ đã đăng ký”, “chiếm 15,32% số hộ dân toàn tỉnh”
    nm = _NAMED_BASE.match(text, p if so else pos)
    if nm and (so or nm.group("head")):
        words, end = nm.group("words").strip(), nm.end()
        q = _BASE_QUALIFIED.match(text, end)
        if q is not None:
            words, end = f"{words}{q.group(0).rstrip()}", q.end()
        if len(words.split()) >= 2:
            return "named", words, end, None
    return None, "", pos, None


def _base_before(text: str, pos: int, floor: int) -> tuple[str | None, str]:
    """“so với dự toán Trung ương giao đạt 151%”: the base written before the verb."""
    seg = text[floor:pos]
    m = None
    for m in re.finditer(r"so\s+với\s+|so\s+", seg, re.I):
        pass
    if m is None:
        return None, ""
    rest = seg[m.end():]
    if not re.search(r"(?:đạt|bằng|=|là)\s*$", rest, re.I):
        return None, ""
    for kind, name in (("prior", "base_prior"), ("plan", "base_plan")):
        cm = cue(name).after(rest, 0, gap=r"\s*")
        if cm:
            return kind, re.sub(r"\s*(?:đạt|bằng|=|là)\s*$", "", rest, flags=re.I).strip()
    return None, ""


def clause_floor(text: str, pos: int) -> int:
    """Start of the clause holding `pos`: after the last “;”, “.” that ends a sentence, or “(”."""
    lo = max(0, pos - CLAUSE_LOOKBACK)  # (a clause longer than that is cut there)
    best = lo
    for m in _FLOOR_BREAK.finditer(text[lo:pos]):
        best = lo + m.end()
    return best


# (as prose._CLAUSE_BREAK: each alternative opens with its mark)
_FLOOR_BREAK = re.compile(r";|\.(?<=[^\d\s]\.)(?=\s)|\.(?=\s+[A-ZĐ])")


def roles(text: str, toks: list[NumTok]) -> list[Role | None]:
    out: list[Role | None] = []
    for k, t in enumerate(toks):
        if not t.quantity:
            out.append(None)
            continue
        out.append(_role(text, toks, k))
    _inherit_bases(text, toks, out)
    _coordinated_deltas(text, toks, out)
    _from_to(text, toks, out)
    _bracketed_base_values(text, toks, out)
    return out


# “bằng 112,4% dự toán tỉnh giao (191,8 tỷ đồng)”, “đạt 96% kế hoạch năm (KH: 1.250 ha)”, “bằng 108%
# cùng kỳ (CK 198,6 tỷ)”: a bracket opened right after the base's words holds the base's value; so does
# “là” / “:” after them, the value then ending its clause (“bằng 110,3% so với cùng kỳ năm 2023 là 195,4 tỷ”)
_BASE_VALUE_OPEN = re.compile(r"\s*\(\s*(?:(?:KH|kế\s+hoạch|dự\s+toán|chỉ\s+tiêu|CK|cùng\s+kỳ)(?:\s+giao)?\s*)?"
                              r"(?:(?::|là)\s*)?", re.I)
_BRACKET_CLOSE = re.compile(r"\s*\)")
# (“… do trung ương giao cho tỉnh trong năm 2023 là 23.187 tỉ”: the base's year may stand before “là”)
_BASE_VALUE_SAID = re.compile(r"(?:\s+(?:trong\s+)?năm\s+(?:19|20)\d{2})?\s+là\s+|\s*:\s*", re.I)
_CLAUSE_END = re.compile(r"\s*(?:[,;)]|\.(?!\d)|$)")


def _bracketed_base_values(text: str, toks: list[NumTok], out: list[Role | None]) -> None:
    """The value of the plan or the period a percent is taken against, in brackets or after “là”
    following its base's words: that value is the base (`plan` / `prior`), not a level of its own
    (which a change after it, “…, tăng 8,5% so với cùng kỳ”, would otherwise take as its subject).
    Only a plain number alone: “(vượt 10 tỷ)”, “(khoảng 190 tỷ)” say something else."""
    for k in range(len(toks) - 1):
        r = out[k]
        if r is None or r.kind not in ("pct_plan", "pct_prior") or r.base_end < 0:
            continue
        # the next quantity (a year in the base's words, “cùng kỳ năm 2023 là …”, is not one)
        j = next((j for j in range(k + 1, len(toks)) if out[j] is not None), None)
        if j is None:
            continue
        rj, t = out[j], toks[j]
        kind = "plan" if r.kind == "pct_plan" else "prior"
        # (“(KH: 12.300 ha)” is already a plan by the word before it)
        if rj.kind not in ("level", kind) or t.pct or t.form != "number" or t.approx or t.sign:
            continue
        bracketed = _BASE_VALUE_OPEN.fullmatch(text, r.base_end, t.start) is not None and _BRACKET_CLOSE.match(text, t.end)
        said = _BASE_VALUE_SAID.fullmatch(text, r.base_end, t.start) is not None and _CLAUSE_END.match(text, t.end)
        if not (bracketed or said):
            continue
        rj.kind, rj.base, rj.base_words, rj.explicit_base, rj.base_of = kind, kind, r.base_words, True, k  # type: ignore[union-attr]


_DIR_DOWN = re.compile(r"giảm|hạ|xuống|còn", re.I)
_DIR_UP = re.compile(r"tăng|lên|nâng", re.I)
_YEAR_NOTE = re.compile(r"\s*\(?\s*(?:(?:năm|cuối\s+năm|đầu\s+năm|đầu\s+kỳ|cuối\s+kỳ)\s+)?(?:19|20)\d{2}\s*\)?\s*,?", re.I)
_CHANGE_GAP = re.compile(r"\s*[,;(]?\s*(?:(?:tương\s+ứng|tương\s+đương|tức\s+là|tức)\s+)?(?:với\s+)?(?:mức\s+)?"
                         r"(?:giảm|tăng)(?:\s+(?:thêm|được|đi))?\s*(?:là\s+)?$", re.I)


def _from_to(text: str, toks: list[NumTok], out: list[Role | None]) -> None:
    """“Tỷ lệ hộ nghèo giảm từ 1,8% xuống 1,2%, tương ứng giảm 0,6%”, “số hộ nghèo từ 120 hộ (năm
    2020) giảm còn 95 hộ”: the number after “từ” (cue `from_before`) is the earlier level, the one
    after the joining words (`to_between`) the level reached, and a change written right after is the
    change between them. “từ 5 đến 10 người” (no direction) is a range, not a change."""
    qs = [k for k, t in enumerate(toks) if t.quantity and out[k] is not None]
    for i, k in enumerate(qs[:-1]):
        a, b = toks[k], toks[qs[i + 1]]
        if not cue("from_before").before(text, a.start, window=16, gap=r"\s*"):
            continue
        gap = text[a.ue:b.start]
        yn = _YEAR_NOTE.match(gap)
        join = gap[yn.end():] if yn and yn.group(0).strip(" ,") else gap
        dir_before = text[max(0, a.start - 24):a.start]
        jm = re.fullmatch(r"\s*,?\s*(?:(?:giảm|tăng|hạ)\s+)?(?:" + cue("to_between").pattern + r")\s*", join, re.I)
        ranged = re.fullmatch(r"\s*,?\s*(?:(?:giảm|tăng)\s+)?(?:đến|tới)\s*", join, re.I)
        if not jm and not (ranged and re.search(r"(?:giảm|tăng)\s*$", dir_before.strip() + " " + join.split()[0] if join.split() else "", re.I)):
            continue
        if a.pct != b.pct or (a.unit and b.unit and unit_key(a.unit) != unit_key(b.unit)):
            continue
        words = dir_before[-12:] + join
        direction = "down" if _DIR_DOWN.search(words) and not _DIR_UP.search(words) else \
            "up" if _DIR_UP.search(words) and not _DIR_DOWN.search(words) else \
            ("down" if b.value is not None and a.value is not None and b.value < a.value else "up")
        ra, rb = out[k], out[qs[i + 1]]
        ra.kind, ra.base, ra.base_words, ra.direction = "prior", "prior", "từ", direction
        ra.to = qs[i + 1]
        rb.kind, rb.direction, rb.base = "level", direction, None
        if i + 2 < len(qs):
            c = qs[i + 2]
            if _CHANGE_GAP.fullmatch(text[b.ue:toks[c].start]) and out[c].kind in ("delta", "growth") \
                    and text.count(".", b.ue, toks[c].start) == 0:
                ra.change_at = c
        if ra.change_at is None and i > 0:
            # “giảm 25 hộ so với năm 2022 (từ 120 hộ xuống 95 hộ)”: the change written before the bracket
            c = qs[i - 1]
            op = text.rfind("(", toks[c].end, a.start)
            if op >= 0 and out[c].kind in ("delta", "growth") and out[c].direction in (None, direction) \
                    and re.fullmatch(r"\s*(?:(?:giảm|tăng|hạ)\s+)?từ(?:\s+mức)?\s*", text[op + 1:a.start], re.I) \
                    and text.count(")", toks[c].end, op) == 0 and ";" not in text[toks[c].end:op]:
                ra.change_at = c


def _coordinated_deltas(text: str, toks: list[NumTok], out: list[Role | None]) -> None:
    """“giảm 146 lượt tiếp, 127 lượt người”, “tăng 171 lượt và 185 công dân so với cùng kỳ”: a value
    coordinated right after a change, with no verb of its own, is a change in the same direction."""
    for k in range(1, len(toks)):
        r, prev = out[k], out[k - 1]
        if r is None or prev is None or prev.kind != "delta" or r.kind != "level" or toks[k].pct:
            continue
        gap = text[toks[k - 1].end:toks[k].start]
        if re.fullmatch(r"\s*(?:[^\W\d]+\s*){0,2}(?:,|và)\s*", gap) and not cue("achieve").search(gap) \
                and not cue("increase").search(gap) and not cue("decrease").search(gap):
            r.kind, r.direction = "delta", prev.direction
            if prev.base:
                r.base, r.base_words, r.base_year = prev.base, prev.base_words, prev.base_year
            else:
                base, words, _e, year = _base_after(text, toks[k].end)
                r.base, r.base_words, r.base_year = base, words, year
                prev.base, prev.base_words, prev.base_year = base, words, year


def _in_paren(text: str, pos: int, floor: int = 0) -> bool:
    o = text.rfind("(", floor, pos)
    return o >= 0 and o > text.rfind(")", floor, pos)


def _role(text: str, toks: list[NumTok], k: int) -> Role:
    t = toks[k]
    start = t.start
    floor = clause_floor(text, start)
    r = Role("level", in_paren=_in_paren(text, start, _sentence_start(text, start)))
    est = cue("estimate").search(text, floor, start)
    r.estimate = est is not None
    inc = _cue_before("increase", text, start)
    dec = _cue_before("decrease", text, start)
    share = _cue_before("share", text, start)
    ach = _cue_before("achieve", text, start)
    r.verb = (inc or dec or share or ach).group(0).strip().lower() if (inc or dec or share or ach) else None
    if t.pct:
        base, words, base_end, year = _base_after(text, t.ue)
        if base in ("plan", "prior"):
            r.base_end = base_end
        if t.rel and base not in ("plan", "prior"):
            base, words = ("plan" if t.rel == "kh" else "prior"), ""
            if t.re_ > t.ue:  # (the base's words the tokenizer read: its value may follow, “… giao là 23.187”)
                r.base_end = t.re_
        if base is None:
            b2, w2 = _base_before(text, start, floor)
            if b2:
                base, words = b2, w2
        r.base, r.base_words, r.base_year = base, words, year
        r.explicit_base = base is not None
        over = None if (inc or dec) or not may_match(text, _OVER_PLAN_NEEDS, floor, start) \
            else _OVER_PLAN_BEFORE.search(text, floor, start)
        if over is not None:
            # “vượt chỉ tiêu 24%”, “vượt kế hoạch năm 12,5%”: the excess over the plan, the plan named
            # between the verb and the percent
            r.kind, r.direction = "growth", "down" if over.group("v").lower().startswith(("giảm", "thấp")) else "up"
            r.base, r.base_words, r.explicit_base = "plan", over.group("base").strip(), True
            r.verb = over.group("v").lower()
        elif inc or dec:
            r.kind, r.direction = "growth", "up" if inc else "down"
        elif share:
            r.kind = "share"
        elif base == "plan":
            r.kind = "pct_plan"
        elif base == "prior":
            r.kind = "pct_prior"
        elif _plan_before(text, start):
            r.kind, r.base = "plan", "plan"
        elif t.sign and r.in_paren:
            # “tăng 41 vụ (+51,25%)”, “giảm 403 vụ (-62,10%)”: a signed percent in brackets is a change, never a share
            r.kind, r.direction = "growth", "up" if t.sign == "+" else "down"
        elif r.in_paren and _count_before_paren(text, toks, k):
            r.kind = "share"
        elif r.verb is None and _OWN_NOUN.match(text, t.ue) and not cue("compare").after(text, t.ue, gap=r"\s*"):
            # “100% cơ quan, đơn vị đạt danh hiệu …”, “90% gia đình, 65% dòng họ”: the share of the
            # noun that follows, a statement of its own
            r.kind = "pct_of"
        else:
            r.kind = "pct"
        return r
    # a value
    if t.sign and r.in_paren:
        r.kind, r.direction = "delta", "up" if t.sign == "+" else "down"
        return r
    if (inc or dec) and t.form == "number" and (t.unit or "").lower() not in ("chỉ tiêu", "tiêu chí"):
        r.kind, r.direction = "delta", "up" if inc else "down"
        base, words, _end, year = _base_after(text, t.end)
        r.base, r.base_words, r.base_year, r.explicit_base = base, words, year, base is not None
        return r
    a40 = max(0, start - 40)
    if (may_match(text, _PAREN_PRIOR_NEEDS, a40, start) and _PAREN_PRIOR.search(text[a40:start])) or (
            may_match(text, _COMPARED_PRIOR_NEEDS, a40, start) and _COMPARED_PRIOR.search(text[a40:start])
            and re.match(r"\s*\)", text[t.ue:])):
        r.kind, r.base = "prior", "prior"
        return r
    if may_match(text, _PRIOR_STATED_NEEDS, a40, start) and _PRIOR_STATED.search(text[a40:start]):
        r.kind, r.base = "prior", "prior"
        return r
    if _plan_before(text, start) or (k > 0 and toks[k - 1].plan_mark):
        r.kind, r.base = "plan", "plan"
        return r
    if _cue_before("remainder", text, start) or cue("remainder").after(text, t.end, gap=r"\s*(?:[^\W\d]+\s+){0,3}"):
        r.kind = "remainder"
    return r


def _plan_before(text: str, start: int) -> bool:
    """“KH 2024: 12”, “chỉ tiêu 95%”: the plan named right before the number."""
    a = max(0, start - 16)
    return may_match(text, _PLAN_BEFORE_NEEDS, a, start) and _PLAN_BEFORE.search(text[a:start]) is not None


def _count_before_paren(text: str, toks: list[NumTok], k: int) -> bool:
    """“34.849 hộ … (đạt tỷ lệ 98,2%)”, “380.419 hộ (97,5%)”: a count before the bracket, and the
    percent first in it (“(đạt … giảm ít nhất 4%/năm)” is not a share of the count)."""
    open_at = text.rfind("(", 0, toks[k].start)
    if not re.fullmatch(r"\(\s*(?:(?:đạt|chiếm|bằng|=)\s*)?(?:tỷ\s+lệ|tỉ\s+lệ)?\s*", text[open_at:toks[k].start], re.I):
        return False
    prev = next((toks[j] for j in range(k - 1, -1, -1) if toks[j].quantity), None)
    return prev is not None and prev.end <= open_at and not prev.pct and open_at - prev.end < 80


def _inherit_bases(text: str, toks: list[NumTok], out: list[Role | None]) -> None:
    """In a list of parallel clauses (“A đạt X, đạt 67,44% kế hoạch, B đạt Y, đạt 70,25%, …”) a bare
    “đạt p%” takes the base written for the first one of the sentence (not explicitly: inferred)."""
    last: tuple[str, str, int] | None = None
    for k, (t, r) in enumerate(zip(toks, out)):
        if r is None or not t.pct:
            continue
        sent = clause_floor(text, t.start) if False else _sentence_start(text, t.start)
        if r.kind in ("pct_plan", "pct_prior") and r.explicit_base:
            last = (r.kind, r.base_words, sent)
        elif r.kind == "pct" and last is not None and last[2] == sent and r.verb in ("đạt", "bằng", "="):
            r.kind = last[0]
            r.base = "plan" if last[0] == "pct_plan" else "prior"
            r.base_words = last[1]
            r.explicit_base = False


def _sentence_start(text: str, pos: int) -> int:
    from auditor.extract.vn import sentences

    for a, b in sentences(text):
        if a <= pos < b:
            return a
    return 0
