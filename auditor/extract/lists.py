"""Indicator lists written as numbered paragraphs:

    1. Tổng giá trị sản xuất: 1.896 tỷ đồng = 115,6% KH
    Trong đó:
    1.1. Giá trị sản xuất nông nghiệp: 170 tỷ đồng = 114,9% KH
    2. Tốc độ tăng trưởng giá trị sản xuất: 16 % = 100%KH=102,75%CK
    3. Cơ cấu kinh tế:
    - Nông nghiệp- thủy sản: 9%;
    4. Tổng sản lượng lương thực có hạt 3.747 tấn = 101,3%KH
    24. Tỷ lệ gia đình công nhận danh hiệu văn hóa: đạt 90,6%= 105,3KH
    26. Thị trấn đạt ATTP: duy trì

A run of numbered items is an indicator list when most items read “name[:] value …”; items
“1.1” are parts of “1”, bullets are parts of the item above them. Values: the first plain
number is the actual (th) with its unit; a percent followed by KH/kế hoạch/dự toán is % of plan,
by CK/cùng kỳ % of the same period. A short text instead of a number is the status.
"""

from __future__ import annotations

import re

from auditor.extract.context import Ctx
from auditor.extract.document import Para
from auditor.extract.layout import Numbering
from auditor.extract.scan import Tok
from auditor.extract.vn import fold

_CONNECTOR = re.compile(r"^(?:Trong\s+đó|Bao\s+gồm|Gồm|Cụ\s+thể|Chia\s+ra)\s*[:.,]?\s*", re.I)
_TRAIL = re.compile(r"[\s:=,.;]*(?:\b(?:ước\s+)?đạt|\blà|\bđược)?[\s:=,.;]*$", re.I)
_STATUS_PAREN = re.compile(r"\(([^()\d]{2,80})\)")
_FRACTION_AT = None
_SECTOR = {
    "agri": ("nong", "lam", "thuy san", "ngu nghiep", "chan nuoi", "trong trot"),
    "ind": ("cong nghiep", "cn", "xay dung", "xd", "xdcb", "ttcn", "tieu thu cong"),
    "serv": ("dich vu", "thuong mai", "tm", "dv", "tmdv", "du lich"),
}


def sector(label: str) -> str | None:
    f = " " + re.sub(r"[^a-z0-9]+", " ", fold(label)) + " "
    hits = [k for k, words in _SECTOR.items() if any(f" {w} " in f for w in words)]
    # “Công nghiệp – TTCN – XDCB” is one sector; “Nông, lâm, thủy sản” too.
    return hits[0] if len(hits) == 1 else None


def sectors_without_taxes(ctx: Ctx) -> None:
    """“khu vực nông lâm nghiệp và thuỷ sản chiếm 34,86%, công nghiệp - xây dựng chiếm 24,23% và dịch vụ
    chiếm 36,49%” (95,58%): GRDP is its three sectors plus product taxes less subsidies, which reports often
    leave out. Shares that are only economic sectors, none of them taxes, are some of the whole's parts:
    they must not exceed 100%, but may fall short of it. (Only the three sectors: a list that leaves one
    of them out falls short of 100% for want of it, and is held to 100%.)"""
    for st in ctx.out.get("structures", []):
        labels = [str(sh.get("label") or "") for sh in st.get("shares", [])]
        kinds = [sector(lb) for lb in labels]
        if len(kinds) == 3 and set(kinds) == {"agri", "ind", "serv"} \
                and not any(re.search(r"\bthuế\b", lb, re.I) for lb in labels) and "complete" not in st:
            st["complete"] = False


def split_name_value(ctx: Ctx, block: int, text: str, start: int) -> tuple[int, int, int] | None:
    """(name_end, values_start, values_end) or None when the item does not read name → value."""
    depth = 0
    colon = None
    for k in range(start, len(text)):
        ch = text[k]
        if ch in "(“\"":
            depth += 1
        elif ch in ")”" and depth:
            depth -= 1
        elif ch == ":" and depth == 0:
            colon = k
            break
    toks = [t for t in ctx.toks(block) if t.s >= start and t.kind == "value"]
    if colon is not None:
        vals = text[colon + 1:].strip()
        if len(vals) <= 90:
            return colon, colon + 1, len(text)
        return None
    first = next((t for t in toks if t.unit or t.pct), None)
    if first is None:
        return None
    # the name must not be long prose
    if first.s - start > 160:
        return None
    return first.s, first.s, len(text)


def _fraction_rx():
    from auditor.extract.vn import NUM

    return re.compile(rf"(?<![\w/.,])(?P<a>{NUM})\s*/\s*(?P<b>{NUM})(?![\d/])")


def parse_values(ctx: Ctx, block: int, a: int, b: int) -> dict:
    global _FRACTION_AT
    if _FRACTION_AT is None:
        _FRACTION_AT = _fraction_rx()
    text = ctx.doc.blocks[block].text
    toks = [t for t in ctx.toks(block) if a <= t.s < b and t.kind == "value"]
    res: dict = {"values": {}, "unit": None, "status": None, "used": []}
    th: Tok | None = None
    for t in toks:
        if t.pct and re.search(r"(?:tăng|giảm)\s*(?:thêm)?\s*$", text[max(a, t.s - 12):t.s], re.I):
            continue  # “tăng 9,8% so với cùng kỳ” is a growth rate, not a % of the same period
        if t.pct and t.rel is None and th is not None and re.search(r"/\s*$", text[a:th.s]):
            continue
        if t.pct and t.rel == "kh" and "pct_kh" not in res["values"]:
            res["values"]["pct_kh"] = ctx.num(block, t, percent=True)
        elif t.pct and t.rel == "ck" and "pct_ck" not in res["values"]:
            res["values"]["pct_ck"] = ctx.num(block, t, percent=True)
        elif th is None and t.rel is None and "pct_kh" not in res["values"]:
            th = t
            res["values"]["th"] = ctx.num(block, t, percent=t.pct)
            res["unit"] = t.unit
    # “3.120/3.250 hộ, đạt 96%”: the actual is the numerator (the rate is read with the rates)
    fm = _FRACTION_AT.search(text, a, b)
    if fm and ("th" not in res["values"] or res["values"]["th"].percent):
        res["values"].pop("th", None)
        from auditor.extract.vn import UNIT_RE

        um = UNIT_RE.match(text, fm.end())
        res["values"]["th"] = ctx.num(block, (fm.start("a"), fm.end("a")))
        res["unit"] = um.group("unit").strip() if um else None
    rest = text[a:b]
    m = _STATUS_PAREN.search(rest)
    if m:
        res["status"] = m.group(1).strip()
    elif not toks:
        s = rest.strip(" :;.,")
        if s and len(s) <= 80 and not any(c.isdigit() for c in s):
            res["status"] = s
    return res


def extract_lists(ctx: Ctx) -> None:
    L = ctx.L
    blocks = ctx.doc.blocks
    runs: list[list[int]] = []
    cur: list[int] = []
    cur_sec = None
    for i in L.body:
        b = blocks[i]
        sec = L.section_of.get(i)
        n = L.items.get(i)
        is_item = n is not None and n.kind == "arabic"
        is_bullet = n is not None and n.kind == "bullet"
        is_conn = isinstance(b, Para) and bool(_CONNECTOR.match(b.text.strip()))
        if cur and (sec is not cur_sec or i in L.headings or not isinstance(b, Para)):
            runs.append(cur)
            cur = []
        if is_item:
            if not cur:
                cur_sec = sec
            cur.append(i)
        elif cur and (is_bullet or is_conn):
            cur.append(i)
        elif cur:
            runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    k = 0
    for run in runs:
        items = [i for i in run if L.items.get(i) is not None and L.items[i].kind == "arabic"]
        if len(items) < 2:
            continue
        ok = [i for i in items if split_name_value(ctx, i, blocks[i].text, L.items[i].rest_start) is not None]
        if len(ok) * 10 < len(items) * 6:
            continue
        k += 1
        _build_list(ctx, run, k)


def _build_list(ctx: Ctx, run: list[int], k: int) -> None:
    L = ctx.L
    blocks = ctx.doc.blocks
    ctx.list_blocks.update(run)
    sec = L.section_of.get(run[0])
    num = (sec.number or "") if sec else ""
    tid = "list_" + (re.sub(r"[^0-9]+", "_", num).strip("_") or str(k))
    if any(t["id"] == tid for t in ctx.out["tables"]):
        tid = f"{tid}_{k}"
    ctx.add("tables", {"id": tid, "title": sec.heading if sec else None, "section": sec.id if sec else None,
                       "columns": [{"key": "th", "label": "Kết quả thực hiện"},
                                   {"key": "pct_kh", "label": "% KH"}, {"key": "pct_ck", "label": "% CK"}],
                       "src": blocks[run[0]].loc(0, len(blocks[run[0]].text))})
    top_depth = min(L.items[i].depth for i in run if L.items.get(i) and L.items[i].kind == "arabic")
    top: list[dict] = []
    parent: dict | None = None
    for i in run:
        p = blocks[i]
        n: Numbering | None = L.items.get(i)
        if n is None:   # connector (“Trong đó:”), possibly with its parts on the same line
            if parent is not None:
                parent["_trong_do"] = True
                m = _CONNECTOR.match(p.text)
                for part in _inline_parts(ctx, i, m.end() if m else 0, len(p.text), parent):
                    parent["parts"].append(part)
            continue
        ind = _item(ctx, i, p, n, tid, sec)
        if ind is None:
            continue
        if ind.pop("_inline", None):
            pass
        if n.kind == "arabic" and n.depth == top_depth:
            top.append(ind)
            parent, _sub_parent = ind, None
        elif n.kind == "arabic" and parent is not None and n.value[:top_depth] == tuple(
                int(x) for x in parent["code"].split(".")):
            ind["id"] = f"{tid}:{ind['code']}"
            parent["parts"].append(ind)
        elif n.kind == "bullet" and parent is not None:
            host = parent
            ind["code"] = "-"
            ind["id"] = f"{host['id']}-{len(host['parts']) + 1}"
            host["parts"].append(ind)
        else:
            top.append(ind)
    for ind in top:
        _finish(ind)
        if ctx.part(run[0]) == "plan" and not ind.get("values") and not ind.get("parts") and not ind.get("status"):
            continue  # (a task of the plan with no figure — “3. Chuẩn bị tổ chức Ngày hội …” — is no indicator)
        ctx.add("indicators", ind)
    _structures_from_list(ctx, top, sec)


def _item(ctx: Ctx, i: int, p: Para, n: Numbering, tid: str, sec) -> dict | None:
    text = p.text
    split = split_name_value(ctx, i, text, n.rest_start)
    ctx.mark_label(i, 0, n.rest_start)
    if split is None:
        name_end, vs, ve = len(text), len(text), len(text)
    else:
        name_end, vs, ve = split
    name = text[n.rest_start:name_end]
    name = _TRAIL.sub("", name).strip()
    if not name:
        return None
    ctx.mark_label(i, n.rest_start, name_end)
    code = n.label.rstrip(".) ") if n.kind == "arabic" else "-"
    ind = {"id": f"{tid}:{code}", "code": code, "name": name, "unit": None, "values": {}, "status": None,
           "table": tid, "section": sec.id if sec else None, "parts": [],
           "src": p.loc(n.rest_start, max(name_end, n.rest_start + 1)), "_block": i}
    # “Cơ cấu kinh tế: thương mại - dịch vụ 60%; công nghiệp - xây dựng 35,1%; …”: parts inline
    if split is not None and text[vs:ve].count(";") >= 1:
        inline = _inline_parts(ctx, i, vs, ve, ind)
        if len(inline) >= 2:
            ind["parts"] = inline
            ind["unit"] = inline[0].get("unit") if all(x.get("unit") == inline[0].get("unit") for x in inline) else None
            return ind
    vals = parse_values(ctx, i, vs, ve)
    ind.update(unit=vals["unit"], values=vals["values"], status=vals["status"])
    return ind


def _inline_parts(ctx: Ctx, block: int, a: int, b: int, parent: dict) -> list[dict]:
    """Parts written on one line: “a 1.470 tỷ đồng; b 860 tỷ đồng; c 120 tỷ đồng.”"""
    text = ctx.doc.blocks[block].text
    out = []
    pos = a
    for seg in re.split(r"(;)", text[a:b]) + [";"]:
        if seg == ";":
            continue
        s0 = pos
        pos += len(seg) + 1
        toks = [t for t in ctx.toks(block) if s0 <= t.s < s0 + len(seg) and t.kind == "value"]
        if len(toks) != 1:
            continue
        t = toks[0]
        label = text[s0:t.s].strip(" :,;.-–+")
        label = _TRAIL.sub("", label).strip()
        if not label:
            continue
        ctx.mark_label(block, s0, t.s)
        k = len(parent["parts"]) + len(out) + 1
        out.append({"id": f"{parent['id']}-{k}", "code": "-", "name": label, "unit": t.unit,
                    "values": {"th": ctx.num(block, t, percent=t.pct)}, "table": parent.get("table"),
                    "section": parent.get("section"), "parts": [], "src": ctx.loc(block, s0, t.ue)})
    return out


def _finish(ind: dict) -> None:
    if ind["parts"]:
        if re.search(r"\bcơ\s*cấu\b", ind["name"], re.I):
            ind["parts_complete"] = True
        else:
            ind["parts_complete"] = False
    ind.pop("_trong_do", None)
    for p in ind["parts"]:
        _finish(p)
    ind.pop("_block", None)


def _structures_from_list(ctx: Ctx, top: list[dict], sec) -> None:
    """“Cơ cấu kinh tế” with % parts is a structure; when the list also gives the sector values
    (an indicator with as many parts, matching sector by sector), they are its values and that
    indicator's parts are complete."""
    for ind in top:
        if not re.search(r"\bcơ\s*cấu\b", ind["name"], re.I) or len(ind["parts"]) < 2:
            continue
        shares = [p for p in ind["parts"] if "th" in p["values"]]
        if len(shares) < 2:
            continue
        st = {"id": f"{ind['id']}:co_cau", "label": ind["name"], "section": ind.get("section"),
              "shares": [{"label": p["name"], "share": p["values"]["th"], "src": p.get("src")} for p in shares],
              "src": ind.get("src")}
        owner = _sector_owner(top, ind, shares)
        total_share = _sum_texts([p["values"]["th"] for p in shares])
        if owner is not None and total_share is not None and abs(total_share - 100) <= 1:
            # a structure that adds up to 100 % confirms the sectors are the whole
            whole, pairs = owner
            st["unit"] = whole.get("unit")
            st["total_value"] = whole["values"]["th"]
            for s, part in zip(st["shares"], pairs):
                s["value"] = part["values"]["th"]
            whole["parts_complete"] = True
        ctx.add("structures", st)


def _sector_owner(top: list[dict], cc: dict, shares: list[dict]) -> tuple[dict, list[dict]] | None:
    want = [sector(s["name"]) for s in shares]
    if None in want or len(set(want)) != len(want):
        return None
    for ind in top:
        if ind is cc or "th" not in ind["values"] or len(ind["parts"]) != len(shares):
            continue
        if (ind.get("unit") or "").strip() == "%":
            continue
        got = {sector(p["name"]): p for p in ind["parts"] if "th" in p["values"]}
        if set(got) == set(want):
            return ind, [got[w] for w in want]
    return None


def _sum_texts(nums: list) -> float | None:
    try:
        return float(sum(n.value for n in nums))
    except (TypeError, AttributeError):
        return None


