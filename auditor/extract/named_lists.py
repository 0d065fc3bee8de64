"""A count followed by the names it counts (DOMAIN family 6, “counts match lists”):

    “Đề nghị Chủ tịch UBND huyện tặng Giấy khen cho 4 tập thể: Trường Mầm non Hoa Sen, Trường Tiểu
     học Kim Đồng, Trạm Y tế xã, Công an xã.”
    “Toàn xã có 3 thôn đạt chuẩn nông thôn mới kiểu mẫu gồm thôn Đông, thôn Tây và thôn Nam.”
    “… 2 cá nhân (ông Nguyễn Văn An, bà Trần Thị Bình)”

Read only when every name is plainly a name: each starts with the counted noun (“thôn Đông”), or
with a capital letter or a form of address (“ông”, “bà”, “đồng chí”) followed by one, or parted
by “;” (“4 khoản thu tăng, gồm: thuế A; thuế B; lệ phí C”). Not read: a
list of examples (“như”, “tiêu biểu”, “…”, “v.v.”, “và các … khác”), a list holding numbers of its
own (a breakdown, read by `totals`), a count coordinated with another (“2 tập thể và 5 cá nhân:
…” names both kinds). Items are split at “;” when the list has one (names then carry their own
commas: “ông A, Chủ tịch UBND xã; bà B, …”), else at “,” and at a “và” that opens a name. A “và”
before a capital may be inside a name (“Trường Tiểu học và THCS Kim Đồng”): the list is then read
both ways (`joined`). Names that start with the counted noun make the reading explicit; otherwise
it is inferred (a mismatch is a warning)."""

from __future__ import annotations

import re

from auditor.extract.context import Ctx
from auditor.extract.document import Para

# after the count and its noun: a few words of its own, then what opens the list
# (“thông qua 8 nghị quyết, gồm: …”: a comma may stand before “gồm”)
# (a year among them: “3 thôn đạt danh hiệu Thôn văn hóa năm 2024, gồm: …”)
_OPEN = re.compile(r"(?P<words>(?:\s+(?:[^\W\d][^\s\d:;,.()]*|(?:19|20)\d{2}(?![\d/.,]\d))){0,10}?)\s*,?(?P<open>:|\(|\s+gồm\s+có\s*:?|\s+gồm\s*:?|"
                   r"\s+bao\s+gồm\s*:?|\s+là\s*:)\s*", re.I)
_EXAMPLES = re.compile(r"(?<![\w])(?:như|tiêu\s+biểu|điển\s+hình|trong\s+đó|chẳng\s+hạn|ví\s+dụ|gồm\s+các\s+đơn\s+vị\s+như)"
                       r"(?![\w])", re.I)
_OPEN_ENDED = re.compile(r"(?:…|\.\.\.|\bv\.?\s?v\.?|\bkhác)\s*$", re.I)
_ADDRESS = re.compile(r"^(?:ông|bà|anh|chị|đồng\s+chí|đ/c|cô|thầy|em|cháu|cụ)\s+(?=[^\W\d_])", re.I)
_END = re.compile(r"\.(?=\s|$)|\n")
_CLOSED_AND = re.compile(r"(?<=\))\s+và\s+(?=[A-ZĐ])")
_NEXT_CLAUSE = re.compile(r"(?<![\w])(?:có|gồm)(?![\w])", re.I)
# (the words before the list end on where: “… tại các tỉnh”, “… ở 3 xã”: the list names the places)
_WHERE = re.compile(r"(?<![\w])(?:tại|ở|thuộc|trên\s+địa\s+bàn)\s+(?:các\s+|những\s+)?(?P<n>[^\W\d_]+)\s*$", re.I)
_MAX_NAMES = 40
_MAX_WORDS = 12
_MAX_WORDS_HEADED = 20
_MAX_CHARS = 2000  # a list longer than 40 names of 12 words is not read (and a line repeated is not rescanned)


def _top_split(text: str, seps: str) -> list[str]:
    out, start, depth = [], 0, 0
    for k, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in seps:
            out.append(text[start:k])
            start = k + 1
    out.append(text[start:])
    return [x.strip() for x in out]


def _capital(name: str) -> bool:
    name = _ADDRESS.sub("", name)
    return name[:1].isupper() or name[:1].isdigit()


def _list_text(text: str, a: int, paren: bool) -> tuple[str, int] | None:
    if paren:
        depth = 1
        for k in range(a, min(len(text), a + _MAX_CHARS)):
            if text[k] == "(":
                depth += 1
            elif text[k] == ")":
                depth -= 1
                if depth == 0:
                    return text[a:k], k + 1
        return None
    m = _END.search(text, a, a + _MAX_CHARS + 1)
    if m is None and len(text) - a > _MAX_CHARS:
        return None
    b = m.start() if m else len(text)
    return text[a:b], b


_LEAD_AND = re.compile(r"^(?:và|cùng)\s+", re.I)
_AND = re.compile(r"\s+và\s+", re.I)


def _starts_with(name: str, head: list[str]) -> bool:
    """The name's first words are the counted noun's (“thôn Đông” for “thôn”), as whole words."""
    words = name.split()
    return len(words) > len(head) and [w.lower() for w in words[:len(head)]] == head


def _split_headed(item: str, head: list[str]) -> list[str]:
    """“thôn Nam và thôn Bắc” → two names: a “và” followed by the counted noun joins two of them."""
    out, start = [], 0
    for m in _AND.finditer(item):
        if _starts_with(item[m.end():], head):
            out.append(item[start:m.start()].strip())
            start = m.end()
    out.append(item[start:].strip())
    return out


# numbers that are part of a name: “thôn 3”, “tổ dân phố 7”, a year or a span of years (“Nghị quyết về dự
# toán ngân sách năm 2025”, “nhiệm kỳ 2021 - 2026”)
_NAME_NUMBERS = re.compile(r"(?<![\w])(?:(?:số|thôn|tổ|khu|ấp|bản|xóm|đội|khu\s+phố|tổ\s+dân\s+phố)\s+\d+|"
                           r"(?:năm|giai\s+đoạn|nhiệm\s+kỳ)\s+(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?)(?![\d])", re.I)


def _names(body: str, head: str) -> tuple[list[str], bool, bool] | None:
    """(names, joined, headed) of a list, or None when it is not a plain list of names."""
    body = body.strip().rstrip(";,")
    if not body or _OPEN_ENDED.search(body) or re.search(r"\d", _NAME_NUMBERS.sub("", body)):
        return None
    items = _top_split(body, ";") if ";" in body else _top_split(body, ",")
    if any(not x for x in items):
        return None
    hw = head.lower().split()
    names: list[str] = []
    for x in items:
        # (“Thăng Bình (cụm đồng bằng) và Hiệp Đức”: a bracket closes a name, so the “và” after it opens another)
        for y in _CLOSED_AND.split(x):
            names.extend(_split_headed(y, hw))
    names = [_LEAD_AND.sub("", x) for x in names]
    headed = all(_starts_with(x, hw) for x in names)
    # (names that start with the counted noun may be long: “Nghị quyết về nhiệm vụ phát triển kinh tế - xã hội
    # năm 2025”)
    if not 2 <= len(names) <= _MAX_NAMES or any(len(x.split()) > (_MAX_WORDS_HEADED if headed else _MAX_WORDS)
                                                for x in names):
        return None
    if not headed and not all(_capital(x) for x in names) and ";" not in body:
        return None  # (items parted by “;” are items even in lower case: “gồm: thuế A; thuế B; lệ phí C.”)
    joined = False
    if not headed:
        last = names[-1]
        m = re.search(r"\s+và\s+(?=[^\W\d_])", last)
        if m is not None:
            after = last[m.end():]
            if _capital(after):
                # “…, Trạm Y tế xã và Công an xã” or “Trường Tiểu học và THCS Kim Đồng”: both readings
                names = names[:-1] + [last[:m.start()].strip(), after.strip()]
                joined = True
    return names, joined, headed


def named_lists(ctx: Ctx, block: int) -> None:
    p: Para = ctx.doc.blocks[block]
    text = p.text
    if ":" not in text and "(" not in text and "gồm" not in text:
        return
    toks, roles = ctx.ntoks(block), ctx.roles(block)
    for k, t in enumerate(toks):
        r = roles[k]
        if r is None or r.kind != "level" or t.form != "number" or t.pct or t.approx or t.sign or not t.unit:
            continue
        if not re.fullmatch(r"0?\d{1,2}", t.text) or int(t.text) < 2:
            continue
        if k > 0 and toks[k - 1].quantity and re.fullmatch(r"\s*(?:,|và|,\s*và)\s*", text[toks[k - 1].end:t.start]):
            continue  # “2 tập thể và 5 cá nhân: …” names both kinds
        m = _OPEN.match(text, t.ue)
        if m is None or _EXAMPLES.search(m.group("words")):
            continue
        w = _WHERE.search(m.group("words"))
        if w is not None and w.group("n").lower().split()[0] != t.unit.lower().split()[0]:
            continue  # “4 người bị thương trong đợt mưa lớn tại các tỉnh: Hà Giang, …”: the places, not the people
        got = _list_text(text, m.end(), m.group("open") == "(")
        if got is None:
            continue
        body, end = got
        if _EXAMPLES.match(body.strip()):
            continue
        cut = body.find(";")
        if cut >= 0 and "," in body[:cut] and _NEXT_CLAUSE.search(body, cut):
            # “huyện Mường Khương có 3 xã: Dìn Chin, La Pán Tẩn, Tả Gia Khâu; thành phố Lào Cai có phường Duyên
            # Hải”: a “;” after names parted by commas, then another subject that “có”: the list ends there
            body, end = body[:cut], m.end() + cut
        if end >= len(text.rstrip()) - 1 and ctx.cut_at_end(block):
            continue  # an excerpt that stops inside its list: more names may follow
        read = _names(body, t.unit)
        if read is None:
            continue
        names, joined, headed = read
        label = f"{t.unit}{m.group('words')}".strip()
        shown = "; ".join(names)
        ctx.add("named_lists", {
            "id": f"{ctx.sid(block) or 'doc'}:list_{len(ctx.out['named_lists']) + 1}", "label": label,
            "stated": ctx.num(block, t, exact=True), "names": names, "joined": joined, "section": ctx.sid(block),
            "src": p.loc(t.start, end), "confidence": "explicit" if headed and not joined else "inferred",
            "reading": (f"“{t.text} {label}” rồi kể tên: {shown}" + (
                " (“và” có thể nằm trong một tên: danh sách có thể ít hơn một tên; “và” may be inside a name)"
                if joined else "") + f" (the names after the count: {len(names)})")})
        # the names are used; a number inside a name (“… năm 2025”) is part of that name, not a figure
        pos = m.end()
        for x in ctx.toks(block):
            if m.end() <= x.s < end:
                ctx.mark_used(block, pos, x.s)
                ctx.mark_label(block, x.s, x.e)
                pos = x.e
        ctx.mark_used(block, pos, end)
