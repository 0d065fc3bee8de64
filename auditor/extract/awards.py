"""Awards stated in prose:

    Kết quả khen thưởng năm 2021: 01 tập thể được tặng Huân chương Lao động hạng ba (…);
    03 tập thể được tặng danh hiệu Cờ thi đua của UBND tỉnh (…); 21 tập thể và 25 cá nhân được
    tặng Bằng khen của Chủ tịch UBND tỉnh. 74 Tập thể lao động tiên tiến, 73 Chiến sĩ thi đua cơ
    sở (trong đó Người lao động trực tiếp đạt 82%), Giấy khen của Chủ tịch UBND huyện tặng cho
    154 tập thể và 372 cá nhân (Trong đó Người lao động trực tiếp đạt 81%).

The year is the one named before the list (“Kết quả khen thưởng năm 2021”), else the report's.
Titles are matched to the awards registry (auditor/data/awards.yaml) to get their key and
whether they go to collectives or individuals.
"""

from __future__ import annotations

import re
from functools import lru_cache

from auditor.extract.context import Ctx
from auditor.extract.vn import fold, slug
from auditor.files.yamlio import load_data

# The group opens, outside `(?i:…)`, with a class of the titles' first letters in every case `re`
# folds them to (the Kelvin sign for “k”), and each title looks back at the letter taken: `re`
# skips in C to the next such letter, where a case-insensitive pattern (or one opening with a
# lookahead) is tried at every character. The same matches, groups and spans as `_TITLE_PLAIN`,
# case-insensitive (tests/test_first_char_patterns.py, tests/test_first_letter_lookaheads.py).
_TITLE_WORDS = re.compile(
    r"([AaBbCcDdGgHhKk\u212aLlTtĐđ](?i:(?<=h)uân\s+chương|(?<=h)uy\s+chương|(?<=b)ằng\s+khen|(?<=g)iấy\s+khen|"
    r"(?<=c)ờ\s+thi\s+đua|(?<=c)hiến\s+s[ĩỹ]\s+thi\s+đua|(?<=c)hiến\s+s[ĩỹ]\s+tiên\s+tiến|(?<=l)ao\s+động\s+tiên\s+tiến|"
    r"(?<=l)ao\s+động\s+xuất\s+sắc|(?<=t)ập\s+thể\s+lao\s+động|(?<=b)à\s+mẹ\s+Việt\s+Nam\s+anh\s+hùng|(?<=a)nh\s+hùng|"
    r"(?<=k)ỷ\s+niệm\s+chương|(?<=d)anh\s+hiệu|(?<=đ)ơn\s+vị\s+tiên\s+tiến|(?<=đ)ơn\s+vị\s+quyết\s+thắng))")
# the plain pattern, for the tests (not compiled by a run)
_TITLE_PLAIN = (
    r"(Huân\s+chương|Huy\s+chương|Bằng\s+khen|Giấy\s+khen|Cờ\s+thi\s+đua|Chiến\s+s[ĩỹ]\s+thi\s+đua|"
    r"Chiến\s+s[ĩỹ]\s+tiên\s+tiến|Lao\s+động\s+tiên\s+tiến|Lao\s+động\s+xuất\s+sắc|Tập\s+thể\s+lao\s+động|"
    r"Bà\s+mẹ\s+Việt\s+Nam\s+anh\s+hùng|Anh\s+hùng|Kỷ\s+niệm\s+chương|Danh\s+hiệu|Đơn\s+vị\s+tiên\s+tiến|"
    r"Đơn\s+vị\s+quyết\s+thắng)")
_AUTH = re.compile(r"của\s+((?:Thủ\s+tướng\s+)?Chính\s+phủ|Chủ\s+tịch\s+(?:UBND|Ủy\s+ban\s+nhân\s+dân)\s+(?:tỉnh|huyện|xã|thành\s+phố)"
                   r"|(?:UBND|Ủy\s+ban\s+nhân\s+dân)\s+(?:tỉnh|huyện|xã|thành\s+phố)|Chủ\s+tịch\s+nước|Bộ\s+[\w\s]{2,30}?)(?=\s*[(;,.]|\s*$|\s+tặng)", re.I)
_YEAR_HEAD = re.compile(r"(?:khen\s+thưởng|kết\s+quả|thành\s+tích)[^:;.]{0,40}?năm\s+((?:19|20)\d{2})", re.I)
_SHARE = re.compile(r"trực\s+tiếp\s+(?:đạt|chiếm|là)?\s*$", re.I)
# “tặng 18 Cờ thi đua (của UBND tỉnh) cho 25 tập thể”: the title, then “cho” and its recipients
_TO = re.compile(r"(?P<title>[^;:()\d]{2,100}?)\s+(?:để\s+)?(?:tặng\s+|trao\s+)?cho\s+"
                 r"(?P<n>\d{1,3}(?:\.\d{3})*|\d+)\s+(?P<kind>tập\s+thể|cá\s+nhân)\b", re.I)
# another count of recipients of the same titles (“cho 25 tập thể và 30 cá nhân”): no longer one to one
_MORE = re.compile(r"\s*(?:,|và)\s*\d[\d.]*\s+(?:tập\s+thể|cá\s+nhân)", re.I)


@lru_cache(maxsize=1)
def _registry() -> list[tuple[str, str, str]]:
    try:
        data = load_data("awards.yaml")  # (parsed once, then from the cache: no PyYAML per run)
        out = []
        for key, row in (data.get("titles") or {}).items():
            for name in row.get("names", []):
                out.append((fold(name), key, row.get("who", "both")))
        return sorted(out, key=lambda x: len(x[0]), reverse=True)
    except Exception:  # noqa: BLE001 - the registry is another module's data; fall back to slugs
        return []


# Spellings of one title (folded): “Chiến sỹ” for “Chiến sĩ”, “cấp cơ sở” for “cơ sở”, “Ủy ban nhân dân”
# for “UBND”, “Thủ tướng” with or without “Chính phủ”.
_SPELLINGS = [
    (re.compile(r"\bchien sy\b"), "chien si"),
    (re.compile(r"\bthi dua cap co so\b"), "thi dua co so"),
    (re.compile(r"\buy ban nhan dan\b"), "ubnd"),
]


def _normal(title: str) -> str:
    f = re.sub(r"\s+", " ", fold(title))
    for rx, rep in _SPELLINGS:
        f = rx.sub(rep, f)
    return f


def award_key(title: str) -> str:
    f = _normal(title)
    for name, key, _ in _registry():
        if name in f:
            return key
    if "ba me viet nam anh hung" in f:
        return "ba_me_vnah"
    return slug(title)[:40]


def award_who(title: str) -> str | None:
    f = _normal(title)
    for name, _, who in _registry():
        if name in f:
            return who
    if "ba me" in f or "chien si" in f or f.startswith("lao dong tien tien"):
        return "individuals"
    if "tap the" in f or "co thi dua" in f:
        return "collectives"
    return None


def _segments(text: str) -> list[tuple[int, int]]:
    """Split at “;”, at sentence ends and at top-level commas (not inside brackets)."""
    out, start, depth = [], 0, 0
    for k, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and (ch == ";" or (ch == "." and (k + 1 == len(text) or text[k + 1] == " ")
                                          and not text[k - 1:k].isdigit()) or (ch == "," and k + 1 < len(text)
                                                                             and text[k + 1] == " ")):
            out.append((start, k))
            start = k + 1
    out.append((start, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip()]


def extract_awards(ctx: Ctx, block: int) -> None:
    p = ctx.doc.blocks[block]
    text = p.text
    if not ctx.ntoks(block) or not _TITLE_WORDS.search(text):
        return  # (an award is read with its count, and the year of the list is a number too)
    year = None
    ym = _YEAR_HEAD.search(text)
    if ym:
        year = int(ym.group(1))
        ctx.mark_label(block, ym.start(1), ym.end(1))
    toks = ctx.toks(block)
    found = 0
    last: tuple[dict, int] | None = None  # the award read last, and where its segment ended
    segments = _split_at_and(text, toks, _segments(text))
    for k, (a, b) in enumerate(segments):
        seg = text[a:b]
        tm = _TITLE_WORDS.search(seg)
        seg_toks = [t for t in toks if a <= t.s < b and t.kind == "value"]
        if not tm:
            if last is not None:
                _more_recipients(ctx, block, text, last, (a, b), seg_toks,
                                 segments[k + 1] if k + 1 < len(segments) else None)
            last = None
            continue
        last = None
        coll = next((t for t in seg_toks if (t.unit or "").lower() == "tập thể"), None)
        indiv = next((t for t in seg_toks if (t.unit or "").lower() == "cá nhân"), None)
        title_start = a + tm.start()
        # the title runs to a bracket, to “tặng cho” or to the end of the segment
        tail = text[title_start:b]
        cut = re.search(r"\s*\(|\s+tặng\s+cho\b|\s+được\s+tặng\b|\s+cho\s+(?=\d[\d.]*\s+(?:tập\s+thể(?!\s+lao\s+động)|cá\s+nhân)(?![\w]))|\s*$", tail)
        title = tail[:cut.start()].strip(" ,.;:") if cut else tail.strip()
        title = re.sub(r"^danh\s+hiệu\s+", "", title, flags=re.I).strip()
        if coll is None and indiv is None:
            # “74 Tập thể lao động tiên tiến”, “73 Chiến sĩ thi đua cơ sở”: the count before the title
            before = [t for t in seg_toks if t.e <= title_start and not t.pct]
            if not before:
                continue
            t = before[-1]
            if text[t.ue:title_start].strip() not in ("", "cá nhân", "tập thể"):
                if not re.fullmatch(r"(?:tặng\s+(?:và\s+truy\s+tặng\s+)?)?", text[t.ue:title_start].strip(), re.I):
                    continue
            who = award_who(title)
            if t.unit and t.unit.lower() == "tập thể" and t.ue > title_start:
                who = "collectives"
            if who == "collectives":
                coll = t
            elif who == "individuals":
                indiv = t
            else:
                continue
        aw: dict = {"title": title, "key": award_key(title), "section": ctx.sid(block),
                    "src": ctx.loc(block, title_start, title_start + max(1, len(title)))}
        if year or ctx.year:
            aw["year"] = year or ctx.year
        am = _AUTH.search(title)
        if am:
            aw["authority"] = re.sub(r"\s+", " ", am.group(1)).strip()
        if coll is not None:
            aw["collectives"] = ctx.num(block, coll, exact=True)
            aw["_collectives_at"] = (block, coll)
        if indiv is not None:
            aw["individuals"] = ctx.num(block, indiv, exact=True)
            aw["_individuals_at"] = (block, indiv)
        ctx.mark_label(block, title_start, title_start + len(title))
        share = next((t for t in seg_toks if t.pct and _SHARE.search(text[max(a, t.s - 40):t.s])), None)
        if share is not None:
            aw["direct_worker_share"] = ctx.num(block, share, percent=True)
        ctx.add("awards", aw)
        last = (aw, b)
        found += 1


_KIND = re.compile(r"(?:tập\s+thể|cá\s+nhân)\Z", re.I)
# the kind of recipient → the award's field that counts it
RECIPIENT_FIELDS = {"tập thể": "collectives", "cá nhân": "individuals"}


def _split_at_and(text: str, toks: list, segments: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """“danh hiệu “Chiến sĩ thi đua cơ sở” cho 46 cá nhân và Giấy khen cho 9 tập thể”: two titles,
    each with its own recipients. A segment is cut before “và <title>” only when what precedes already
    holds a title and a count of recipients after it (“danh hiệu Lao động tiên tiến và Chiến sĩ thi đua
    cơ sở cho 12 cá nhân” stays one: whose the 12 are is not said)."""
    out: list[tuple[int, int]] = []
    for a, b in segments:
        start = a
        for m in re.finditer(r"\s+và\s+(?=\S)", text[a:b]):
            cut = a + m.start()
            if not _TITLE_WORDS.match(text, a + m.end()):
                continue
            head = _TITLE_WORDS.search(text, start, cut)
            if head is None or not any(head.end() <= t.s < cut and t.kind == "value" and _KIND.match(t.unit or "")
                                       for t in toks):
                continue
            out.append((start, cut))
            start = a + m.end()
        out.append((start, b))
    return out


def _more_recipients(ctx: Ctx, block: int, text: str, last: tuple[dict, int], seg: tuple[int, int],
                     seg_toks: list, nxt: tuple[int, int] | None) -> None:
    """“Giấy khen cho 9 tập thể, 14 cá nhân”: a count of the other kind of recipient right after the
    comma that ends the award's segment is the same award's."""
    aw, end = last
    a, b = seg
    if end >= len(text) or text[end] != "," or not seg_toks:
        return
    t = seg_toks[0]
    if text[a:t.s].strip() or t.pct:
        return
    # the award's recipients end its segment (“… cho 9 tập thể, 14 cá nhân”) ...
    counted = [aw.get("collectives"), aw.get("individuals")]
    if not any(c is not None and c.src is not None and c.src.end is not None and not text[c.src.end:end].strip()
               for c in counted):
        return
    # ... and the count is not the subject of another award: “171 cá nhân được tặng danh hiệu Chiến sĩ thi
    # đua cấp tỉnh, 55.777 tập thể, cá nhân được … tặng Bằng khen” (a title later in the clause that does
    # not open a segment of its own)
    if _TITLE_WORDS.search(text, t.ue, b):
        return
    if nxt is not None and text[b:nxt[0]].strip() == ",":
        tm = _TITLE_WORDS.search(text, nxt[0], nxt[1])
        if tm is not None and not re.fullmatch(r"\s*(?:và\s+)?(?:tặng\s+)?[“\"]?\s*", text[nxt[0]:tm.start()]):
            return
    kind = (t.unit or "").lower()
    field = RECIPIENT_FIELDS.get(kind)
    if field is None or field in aw:
        return
    aw[field] = ctx.num(block, t, exact=True)
    aw[f"_{field}_at"] = (block, t)


def award_identity(title: str) -> str:
    """One award however a sentence names it: “danh hiệu “Tập thể lao động tiên tiến”” and “Tập thể lao động
    tiên tiến”, “Giấy khen tập thể” and “Giấy khen” (a kind of recipient after the title is not part of it)."""
    t = re.sub(r"[“”\"]", " ", title)
    t = re.sub(r"^\s*(?:tặng\s+)?(?:danh\s+hiệu\s+)?", "", t, flags=re.I)
    t = re.sub(r"\s+(?:cho\s+)?(?:(?:các|mỗi)\s+)?(?:tập\s+thể|cá\s+nhân)\s*$", "", t.strip(), flags=re.I)
    return award_key(t.strip())


def awards_title_in(text: str, a: int, b: int) -> str | None:
    """The award a clause names (from its first title word to its end), or None."""
    tm = _TITLE_WORDS.search(text, a, b)
    return text[tm.start():b].strip(" ,:;") if tm else None


def extract_award_recipients(ctx: Ctx, block: int) -> None:
    """A number of titles given to a number of recipients (“tặng 18 Cờ thi đua cho 25 tập thể”):
    a title goes to one recipient, so both count the same thing, compared as one quantity stated
    twice (VAL001). Read by the tool (`inferred`: a warning at most): the text does not say one
    title per recipient. Only titles of the registry's words, only one kind of recipient."""
    text = ctx.doc.blocks[block].text
    if "cho" not in text:
        return
    toks = [t for t in ctx.toks(block) if t.kind == "value" and not t.pct]
    if not toks or not _TITLE_WORDS.search(text):
        return  # (both numbers are among these)
    by_start = {t.s: t for t in toks}
    by_end = {t.e: t for t in toks}
    for tm in _TITLE_WORDS.finditer(text):
        k = tm.start() - 1
        while k >= 0 and text[k] == " ":
            k -= 1
        before = by_end.get(k + 1)
        if before is None or k + 1 == tm.start():
            continue
        m = _TO.match(text, tm.start(), min(len(text), tm.start() + 160))
        if m is None or _MORE.match(text, m.end()) or _TITLE_WORDS.search(m.group("title"), 1):
            continue
        after = by_start.get(m.start("n"))
        if after is None or after.e != m.end("n"):
            continue
        title = re.sub(r"\s+", " ", m.group("title")).strip(" ,")
        kind = re.sub(r"\s+", " ", m.group("kind")).lower()
        n1, n2 = ctx.num(block, before, exact=True), ctx.num(block, after, exact=True)
        ctx.add("facts", {
            "key": f"so_{award_key(title)}_{slug(kind)}"[:60], "label": f"{title} (số được tặng / số {kind} nhận)",
            "confidence": "inferred",
            "reading": (f"“{before.text} {title}” cho “{after.text} {kind}”: mỗi {kind} nhận một danh hiệu, nên hai số là "
                        f"một (one title per recipient: both count the same)"),
            "mentions": [{"value": n1, "where": f"số {title}", "src": n1.src},
                         {"value": n2, "where": f"số {kind} được tặng", "src": n2.src}]})

