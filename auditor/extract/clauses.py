"""Whether a percent (or a change) is said of a value written before it: the clause rule.

    binds(text, value_end, pct_start)      # True when the words between join them

A percent binds to a value, a fraction or a base only inside the same clause. Between them there
may be the value's own noun phrase (“2.590/2.974 hộ gia đình đạt tiêu chuẩn văn hóa”), then
pieces that each say something of the value with a number of their own (“, đạt 73,59% kế hoạch”,
“(giảm 50 lượt)”), and the percent's own piece must be only words that join a value to what is
said of it: “, chiếm”, “(đạt tỷ lệ”, “, bằng”, “=”, “, tăng”, “so với dự toán tỉnh giao đạt”
(cue lists `estimate`, `achieve`, `share`, `increase`, `decrease`, `approx_*`, `compare`,
`base_plan`, `base_prior` of auditor/data/cues.yaml). A clause boundary breaks the binding:

* a “;” (unless the next clause opens with “so với”, naming the base of the value before it);
* a top-level “ và ” opening a measure of its own (“… và tỷ lệ hộ nghèo còn 2%”); “và” between
  two predicates of one value (“đạt 97% dự toán và bằng 100% so cùng kỳ”) or inside its noun
  phrase (“khiếu nại, tố cáo và kiến nghị, phản ánh, tăng 9,3%”) is not one;
* a piece that names a measure of its own before the percent: a rate or a share (“, tỷ lệ hộ đạt
  danh hiệu gia đình văn hóa đạt trên 90%”), a growth rate (“, tốc độ tăng giá trị sản xuất đạt
  12,1%”), a change opening it (“, giảm tỷ lệ … còn 6%”): a new subject. Other words are the
  value's noun phrase, which may run over commas (“242/258 đơn kiến nghị, phản ánh của công (đạt
  93,7%)”, “1.035/1.035 ấp, khu phố đăng ký … đạt 100%”).

When in doubt the percent is not bound: an unbound percent is checked against nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache

from auditor.extract.vn import content_tokens
from auditor.registries.cues import cue

_JOIN_CUES = ("estimate", "achieve", "share", "increase", "decrease", "approx_over", "approx_under",
              "approx_about")
_DIGIT = re.compile(r"\d")
_LETTER = re.compile(r"[^\W\d_]")
_SO_VOI = re.compile(r"(?<![\w])so(?:\s+sánh)?(?:\s+với)?(?![\w])(?P<base>[^,;()]*?)(?=\s*(?:đạt|bằng|là|=|tăng|giảm|$))",
                     re.I)


@lru_cache(maxsize=1)
def _joiners() -> re.Pattern[str]:
    alts = "|".join(cue(n).pattern for n in _JOIN_CUES)
    return re.compile(rf"(?:{alts}|=|:|%|\bvới\b)", re.I)


@lru_cache(maxsize=1)
def _tail() -> re.Pattern[str]:
    """The joining words at the end of a piece, right before the percent (“… đạt”, “, chiếm tỷ
    lệ”, “so với dự toán tỉnh giao đạt”)."""
    alts = "|".join(cue(n).pattern for n in _JOIN_CUES)
    base = f"{cue('base_plan').pattern}|{cue('base_prior').pattern}"
    # (“vượt chỉ tiêu 24%”, “vượt kế hoạch năm 12,5%”: the plan named between the verb and the percent)
    over = f"(?:{cue('increase').pattern}|{cue('decrease').pattern})\\s+(?:{cue('base_plan').pattern})(?:\\s+[^\\W\\d]+){{0,3}}?"
    return re.compile(rf"(?:\s*(?:{alts}|=|:|với|{over}|so(?:\s+sánh)?(?:\s+với)?\s+(?:{base})(?:\s+[^\W\d]+){{0,4}}?))+\s*$",
                      re.I)


def new_measure(words: str) -> bool:
    """Words that name a measure of their own: a rate or a share (“tỷ lệ hộ …”, “tỷ trọng”), a
    growth rate (“tốc độ tăng …”), or a change opening the piece (“giảm tỷ lệ …”)."""
    return (cue("share").search(words) is not None or cue("growth_rate").search(words) is not None
            or cue("increase").after(words, 0, gap=r"\s*") is not None
            or cue("decrease").after(words, 0, gap=r"\s*") is not None)


def _top_level_pieces(seg: str) -> list[str]:
    """The comma / bracket pieces of `seg` at bracket depth 0 (a bracket is a piece of its own)."""
    out, cur, depth = [], [], 0
    for ch in seg:
        if ch == "(":
            if depth == 0:
                out.append("".join(cur))
                cur = []
            depth += 1
            continue
        if ch == ")":
            depth = max(0, depth - 1)
            if depth == 0:
                out.append("".join(cur))
                cur = []
            continue
        if ch == "," and depth == 0:
            out.append("".join(cur))
            cur = []
            continue
        cur.append(ch)
    out.append("".join(cur))
    return out


def joining_only(piece: str) -> bool:
    """The piece holds only words that join a value to what is said of it (“, đạt”, “(chiếm tỷ
    lệ”, “so với dự toán tỉnh giao đạt”, “ước đạt trên”)."""
    s = _SO_VOI.sub(lambda m: " " if cue("base_plan").search(m.group("base") or "") or
                    cue("base_prior").search(m.group("base") or "") or not (m.group("base") or "").strip()
                    else m.group(0), piece)
    s = _joiners().sub(" ", s)
    return _LETTER.search(s) is None


def _opens_measure(piece: str) -> bool:
    """The words of a piece before its joining words name a measure of their own."""
    m = _tail().search(piece)
    head = piece[:m.start()] if m else piece
    return _LETTER.search(head) is not None and new_measure(head)


def boundary(seg: str) -> bool:
    """A “;” (not followed by “so với”), or a top-level “ và ” that opens a measure of its own."""
    depth = 0
    for k, ch in enumerate(seg):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and ch == ";" and not re.match(r"\s*so(?:\s+sánh)?\s+với\b", seg[k + 1:], re.I):
            return True
        elif depth == 0 and seg.startswith(" và ", k) and _opens_measure(re.split(r"[,;(]", seg[k + 4:])[0]):
            return True  # “… và tỷ lệ hộ …”: a new subject (“và bằng 100% so cùng kỳ” is not)
    return False


def binds(text: str, value_end: int, pct_start: int, noun_phrase: bool = True) -> bool:
    """A percent (or a change) starting at `pct_start` is said of the value ending at
    `value_end`: no clause boundary between, and the percent's own piece (after the last
    top-level comma or bracket) only joins them. With no comma between, the words are the
    value's own noun phrase (`noun_phrase`), unless they name a growth rate (“tốc độ tăng”)."""
    if pct_start < value_end:
        return False
    seg = text[value_end:pct_start]
    if boundary(seg):
        return False
    pieces = _top_level_pieces(seg)
    if len(pieces) == 1:
        return noun_phrase and cue("growth_rate").search(seg) is None
    if _opens_measure(pieces[-1]):
        return False  # “, tỷ lệ hộ … đạt 90%”, “, tốc độ tăng … đạt 12,1%”: a new subject
    for p in pieces[1:-1]:
        if _DIGIT.search(p) is None and new_measure(p) and not joining_only(p):
            return False
    return True


_WORDS_BEFORE = re.compile(r"((?:[^\W\d_]+\s+){1,6})$")


def opens_subgroup(text: str, value_start: int, value_end: int, pct_start: int) -> bool:
    """The percent's own piece opens with a noun that narrows the value's noun: “Trong đó đàn bò là
    3.182 con, bò lai chiếm 16,5% tổng đàn” (“bò lai” of “đàn bò”), “1.378 hộ gia đình văn hóa, hộ
    nghèo chiếm 2%”. The percent is said of the subgroup, whose count is not written. A piece that
    shares no word with the value's noun continues its noun phrase (“1.035/1.035 ấp, khu phố đăng
    ký … đạt 100%”)."""
    pieces = _top_level_pieces(text[value_end:pct_start])
    if len(pieces) < 2:
        return False
    last = pieces[-1]
    m = _tail().search(last)
    head = content_tokens(last[:m.start()] if m else last)
    if not head:
        return False
    before = _WORDS_BEFORE.search(text, max(0, value_start - 60), value_start)
    own = content_tokens((before.group(1) if before else "") + " " + text[value_start:value_end] + " " + pieces[0])
    return bool(head & own) and bool(head - own)
