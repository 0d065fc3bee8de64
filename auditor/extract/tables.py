"""Tables: indicator tables (TT · Chỉ tiêu · ĐVT · value columns · Ghi chú) and award tables.

* Header rows are the rows before the first data row; a row of column numbers
  (“A B I 2 3 4 5=4/2*100 6=4/3*100 7=3-4 8”) is kept as each column's `number`.
* A header cell spanning several columns (a merged cell in .docx; an empty cell to its right in
  text) gives its label to the columns under it: “Kết quả thực hiện / 6 tháng đầu năm / So với
  cùng kỳ (%)”.
* Column keys come from the labels (KH, thực hiện, cùng kỳ, % …, còn phải thực hiện), then the
  number row's formulas confirm them: in “5=4/2*100”, when 5 is a % of the same period, 4 is the
  actual and 2 the same period. A “thực hiện” column of an earlier year is the same period (ck).
* Rows: a Roman numeral with a name and no values is a group (“I Về kinh tế (11 chỉ tiêu)”, the
  count in brackets is a count claim); “-” rows are parts of the row above; a ditto mark (")
  repeats the unit above; a text in a value cell (“Duy trì 100%”, “6/6”, “đạt”) is a status or a
  note, never a number; the Ghi chú cell is the note.
"""

from __future__ import annotations

import re
from typing import Any

from auditor.extract.context import Ctx
from auditor.extract.document import Cell, TableBlock, loc_of
from auditor.extract.rows import column_key, folded_words, is_data_row, is_numrow

_FORMULA = re.compile(r"^\(?\s*(\d{1,2})\s*=\s*(\d{1,2})\s*([/\-])\s*(\d{1,2})(?:\s*[*x×]\s*100)?\s*\)?$")
_NUMBER_CELL = re.compile(r"^\s*([+\-−]?(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?|\d+\.\d+))\s*(%?)\s*$")
_DITTO = {'"', "”", "“", "''", "nt", "-nt-", "〃", "„"}
_COUNT_IN_GROUP = re.compile(r"\(\s*(\d+)\s*chỉ\s*tiêu\s*\)", re.I)

# Names other modules import (the row tests now live in `rows`).
_f = folded_words
_is_numrow = is_numrow
_is_data_row = is_data_row
__all__ = ["column_key", "extract_tables"]


def _grid(tb: TableBlock) -> list[list[Cell]]:
    width = max(len(r) for r in tb.rows)
    rows = []
    for r in tb.rows:
        rows.append(r + [Cell(type(r[0].text)("", [], r[0].text.origin))] * (width - len(r)) if r else [])
    return rows


def extract_tables(ctx: Ctx) -> None:
    k = 0
    for i in ctx.L.body:
        b = ctx.doc.blocks[i]
        if not isinstance(b, TableBlock) or not b.rows:
            continue
        k += 1
        _table(ctx, i, b, k)


def _table(ctx: Ctx, block: int, tb: TableBlock, k: int) -> None:
    rows = _grid(tb)
    texts = [[c.s for c in r] for r in rows]
    first_data = next((r for r, cells in enumerate(texts) if _is_data_row(cells)), None)
    if first_data is None:
        return
    header_rows = [r for r in range(first_data) if not _is_numrow(texts[r])]
    numrow = next((r for r in range(first_data) if _is_numrow(texts[r])), None)
    width = len(rows[0])
    labels: list[str] = []
    for c in range(width):
        parts: list[str] = []
        for r in header_rows:
            t = _header_text(rows, texts, header_rows, r, c, tb.explicit_spans)
            if t and (not parts or parts[-1] != t):
                parts.append(t)
        labels.append(" / ".join(parts))
    numbers = [texts[numrow][c].strip() if numrow is not None else "" for c in range(width)]
    keys = [column_key(lbl, ctx.year) if lbl else None for lbl in labels]
    if "name" not in keys and width > 1:
        keys[1] = "name"
    if "code" not in keys and width > 0 and keys[0] is None:
        keys[0] = "code"
    _refine_with_formulas(keys, numbers)
    _bare_rate_column(keys, labels)
    inferred_pct = _named_level(keys, labels)
    sec = ctx.L.section_of.get(block)
    if _is_award_table(labels):
        _award_table(ctx, tb, rows, texts, first_data, keys, labels, sec)
        return
    tid = f"t{k}"
    if _breakdown_table(ctx, tb, rows, texts, first_data, header_rows, numrow, keys, labels, numbers, sec, tid):
        return
    if _list_table(ctx, block, tb, rows, texts, first_data, header_rows, numrow, keys, labels, numbers, sec, tid):
        return
    ctx.add("tables", {
        "id": tid, "title": sec.heading if sec else None, "section": sec.id if sec else None,
        "columns": [{"key": keys[c] if keys[c] in ("ck", "kh", "th", "pct_ck", "pct_kh", "remaining") else None,
                     "label": labels[c] or f"({c + 1})", "number": numbers[c] or None} for c in range(width)],
        "src": loc_of([rows[0][0].text], 0, 1) if rows[0] else None})
    for r in header_rows + ([numrow] if numrow is not None else []):
        for c in range(width):
            ctx.mark_label(("cell", tb.number, r, c), 0, len(texts[r][c]))
    group = ctx.__dict__.setdefault("_last_group", None)
    parent: dict | None = None
    last_unit = None
    for r in range(first_data, len(rows)):
        cells = texts[r]
        if not any(x.strip() for x in cells):
            continue
        code = cells[keys.index("code")].strip() if "code" in keys else ""
        name = cells[keys.index("name")].strip() if "name" in keys else ""
        if not name:
            continue
        key_ = lambda c: ("cell", tb.number, r, c)  # noqa: E731
        ctx.mark_label(key_(keys.index("name")), 0, len(name))
        if "code" in keys:
            ctx.mark_label(key_(keys.index("code")), 0, len(code))
        values: dict[str, Any] = {}
        statuses: list[str] = []
        unkeyed: list[str] = []
        note = None
        unit = None
        for c, kk in enumerate(keys):
            t = cells[c].strip()
            if kk == "unit":
                unit = t or None
                # a ditto mark, or a unit cell merged down over several rows (Word, HTML rowspan)
                if unit in _DITTO or (unit and unit.strip('"”“ ') == "") or (
                        unit is None and rows[r][c].vmerge_from is not None):
                    unit = last_unit
                continue
            if kk == "note":
                note = t or None
                continue
            if kk in ("code", "name") or not t:
                continue
            m = _NUMBER_CELL.match(t)
            if kk in ("ck", "kh", "th", "pct_ck", "pct_kh", "remaining") and m:
                pct = bool(m.group(2)) or kk.startswith("pct")
                values[kk] = ctx.cell_num(rows[r][c], key_(c), m.group(1), m.start(1), m.end(1),
                                          percent=pct)
            elif kk in ("ck", "kh", "th", "pct_ck", "pct_kh", "remaining"):
                statuses.append((labels[c], t))
                ctx.mark_label(key_(c), 0, len(t))
            elif kk is None and m:
                # a number in a column whose role is not known (“Số lượng”): kept as a note, so that the
                # row is not reported as having no data (CMP004); no rule uses it
                unkeyed.append(f"{labels[c] or f'({c + 1})'}: “{t}”")
        if "note" in keys:
            ctx.mark_label(key_(keys.index("note")), 0, len(cells[keys.index("note")]))
        if unit is not None:
            last_unit = unit
        is_roman = bool(re.fullmatch(r"[IVX]{1,5}\.?", code))
        if is_roman and not values:
            gm = _COUNT_IN_GROUP.search(name)
            group = re.sub(r"\s*\(.*?\)\s*$", "", name).strip() or name
            ctx._last_group = group
            if gm:
                c = keys.index("name")
                ctx.add("counts", {"id": f"{tid}:group_{code.strip('.')}", "label": name,
                                   "stated": ctx.cell_num(rows[r][c], key_(c), gm.group(1), gm.start(1), gm.end(1),
                                                          exact=True),
                                   "of": {"group": group}, "condition": "all",
                                   "section": sec.id if sec else None})
            continue
        status = None
        notes: list[str] = []
        if statuses:
            lbl, t = statuses[0]
            if re.search(r"[A-Za-zÀ-ỹđĐ]", t) and not re.fullmatch(r"[\d\s/.,%]+", t) and (values or not note):
                status = t
            else:
                notes.append(f"{lbl}: “{t}”")
            if status is None and re.search(r"[A-Za-zÀ-ỹđĐ]", t) and not (values or not note):
                notes.append(f"{lbl}: “{t}”")
            for lbl, t in statuses[1:]:
                notes.append(f"{lbl}: “{t}”")
        if note and status is None and (not values or "th" not in values):
            status = note
        if status is None and unit and not values and re.search(r"[a-zà-ỹ]", unit, re.I) and unit.lower() in (
                "duy trì", "đạt", "không", "có"):
            status = unit
        full_note = "; ".join(([note] if note else []) + notes + unkeyed) or None
        ind = {"id": f"{tid}:{code or r}", "code": code or None, "name": name, "group": group,
               "unit": unit, "values": values, "status": status, "note": full_note, "table": tid,
               "section": sec.id if sec else None, "parts": [],
               "src": loc_of([rows[r][keys.index("name")].text], 0, max(1, len(name)))}
        if inferred_pct is not None and "pct_kh" in values:
            ind["confidence"] = "inferred"
            ind["reading"] = (f"bảng có hai cột thực hiện: dòng được đọc với cột “{labels[keys.index('th')]}” và coi cột "
                              f"“{labels[inferred_pct]}” là % kế hoạch của cột đó (the table has two actual columns: the row "
                              f"is read with the last, and the percent column that names it as its percent of plan)")
        # a part written with its dash in the name cell, the number cell left empty (“| | - Dịch vụ |”)
        # (not under a rate, “Tốc độ tăng GRDP (%)”: the sectors' rates are no parts of it)
        bullet = not code and bool(_BULLET_NAME.match(name)) and parent is not None and not _RATE_ROW.search(
            f"{parent['name']} {parent.get('unit') or ''}")
        if (code in ("-", "+", "–", "•", "*") or bullet) and parent is not None:
            ind["id"] = f"{parent['id']}-{len(parent['parts']) + 1}"
            ind["group"] = None
            parent["parts"].append(ind)
        else:
            parent = ind
            ctx.add("indicators", ind)
    _total_row(ctx, tid)
    # parts: a structure (“Cơ cấu …”) is complete; otherwise partial
    for ind in [x for x in ctx.out["indicators"] if x.get("table") == tid]:
        if ind["parts"]:
            cc = bool(re.search(r"\bcơ\s*cấu\b", ind["name"], re.I))
            ind["parts_complete"] = True if cc or ind.pop("_total_row", False) else False
            if cc:
                col = next((kk for kk in ("th", "kh", "ck") if all(kk in p["values"] for p in ind["parts"])), None)
                if col:
                    ctx.add("structures", {
                        "id": f"{ind['id']}:co_cau", "label": ind["name"] + (f" ({col.upper()})" if col != "th" else ""),
                        "section": ind.get("section"), "src": ind.get("src"),
                        "shares": [{"label": p["name"], "share": p["values"][col], "src": p.get("src")}
                                   for p in ind["parts"]]})


_BULLET_NAME = re.compile(r"^[-+–•]\s+\S")
_RATE_ROW = re.compile(r"%|‰|\b(?:tốc\s+độ|tỷ\s+lệ|tỉ\s+lệ|bình\s+quân)\b", re.I)


def _named_level(keys: list[str | None], labels: list[str]) -> int | None:
    """Two actual columns (“TH / 9 tháng năm 2021”, “TH / Ước TH năm 2021”): a row holds one actual, the
    last (as before), so a percent of plan that names the other one (“So sánh (%) / 9 tháng/ KH năm
    2021”) is left unread rather than paired with it. A percent column is never an actual: “So sánh (%)
    / Ước TH năm 2021” beside such a percent of plan, under the same label, is the named actual's
    percent of plan — a reading: its column is returned, so that its rows are marked inferred."""
    ths = [c for c, k in enumerate(keys) if k == "th"]
    if len(ths) < 2:
        return None
    pct_named = [c for c in ths if "%" in labels[c]]
    for c in pct_named:
        keys[c] = None
    ths = [c for c in ths if keys[c] == "th"]
    if len(ths) < 2:
        return None

    def words(c: int) -> set[str]:
        return set(_f(labels[c].split(" / ")[-1]).split())

    common = set.intersection(*(words(c) for c in ths))
    own = {c: words(c) - common for c in ths}

    def names(c: int) -> int | None:
        said = words(c)
        hit = [t for t in ths if own[t] and own[t] <= said]
        return hit[0] if len(hit) == 1 else None

    kept = ths[-1]
    for c in ths[:-1]:
        keys[c] = None
    pcts = [c for c, k in enumerate(keys) if k == "pct_kh"]
    for c in pcts:
        if names(c) is not None and names(c) != kept:
            keys[c] = None
    if any(keys[c] == "pct_kh" for c in pcts):
        return None
    group = {labels[c].split(" / ")[0] for c in pcts if " / " in labels[c]}
    mine = [c for c in pct_named if names(c) == kept and " / " in labels[c] and labels[c].split(" / ")[0] in group]
    if len(mine) != 1:
        return None
    keys[mine[0]] = "pct_kh"
    return mine[0]


def _bare_rate_column(keys: list[str | None], labels: list[str]) -> None:
    """“Dự toán năm | Ước thực hiện 6 tháng | Tỷ lệ (%)”: in a table with one plan and one actual column and
    no other rate or earlier-period column, a rate column that names nothing is actual / plan."""
    if keys.count("kh") != 1 or keys.count("th") != 1 or any(k in ("pct_kh", "pct_ck", "ck") for k in keys):
        return
    bare = [c for c, lbl in enumerate(labels) if keys[c] is None
            and re.fullmatch(r"\s*(?:tỷ\s+lệ|tỉ\s+lệ)?\s*(?:\(?\s*%\s*\)?)?\s*", lbl, re.I) and lbl.strip()]
    if len(bare) == 1:
        keys[bare[0]] = "pct_kh"


def _total_row(ctx: Ctx, tid: str) -> None:
    """A last row “Tổng cộng” (“Cộng”, “Tổng số”) with no number of its own under rows numbered 1, 2, … n is
    their total: its values are the sum of theirs, column by column (SUM001)."""
    rows = [x for x in ctx.out["indicators"] if x.get("table") == tid]
    if len(rows) < 3:
        return
    total, items = rows[-1], rows[:-1]
    if total.get("code") or not _TOTAL_LABEL.match(_f(total["name"])) or not total["values"]:
        return
    if [x.get("code") for x in items] != [str(k + 1) for k in range(len(items))] and \
            [x.get("code") for x in items] != [f"{k + 1}." for k in range(len(items))]:
        return
    if any(re.match(r"\s*trong\s+(?:đó|số)", x["name"], re.I) for x in items):
        return
    units = {(x.get("unit") or "").strip().lower() for x in [total, *items]} - {""}
    if len(units) > 1:
        return
    ids = {id(x) for x in items}
    ctx.out["indicators"] = [x for x in ctx.out["indicators"] if id(x) not in ids]
    total["parts"] = items + total["parts"]
    total["_total_row"] = True


def _header_text(rows, texts, header_rows, r, c, explicit: bool) -> str:
    t = texts[r][c].strip()
    if t:
        return t
    cell = rows[r][c]
    if explicit:
        if cell.span_from is not None:
            return texts[r][cell.span_from - 1].strip()
        if cell.vmerge_from is not None:
            return texts[cell.vmerge_from - 1][c].strip()
        return ""
    # Text tables: an empty header cell continues the label on its left when the rows below
    # split that label into columns (a horizontally merged cell).
    deeper = [rr for rr in header_rows if rr > r]
    if not deeper or not any(texts[rr][c].strip() for rr in deeper):
        return ""
    for cc in range(c - 1, -1, -1):
        if texts[r][cc].strip():
            if any(texts[rr][cc].strip() for rr in deeper):
                return texts[r][cc].strip()
            return ""
    return ""


def _refine_with_formulas(keys: list[str | None], numbers: list[str]) -> None:
    col_of = {n.strip().strip("$"): i for i, n in enumerate(numbers) if re.fullmatch(r"\$?\d{1,2}\$?", n.strip())}
    for i, n in enumerate(numbers):
        m = _FORMULA.match(n.strip().strip("$"))
        if not m:
            continue
        me, a, op, b = m.group(1), m.group(2), m.group(3), m.group(4)
        ia, ib = col_of.get(a), col_of.get(b)
        if ia is None or ib is None:
            continue
        col_of.setdefault(me, i)
        if op == "/" and keys[i] == "pct_kh":
            keys[ia] = keys[ia] or "th"
            keys[ib] = "kh" if keys[ib] in (None, "th", "ck") and keys[ia] == "th" else keys[ib]
        elif op == "/" and keys[i] == "pct_ck":
            keys[ia] = keys[ia] or "th"
            keys[ib] = "ck" if keys[ib] in (None, "th") and keys[ia] == "th" and keys.count("th") > 1 else keys[ib]
        elif op == "-" and keys[i] in (None, "remaining"):
            keys[i] = "remaining"


def _is_award_table(labels: list[str]) -> bool:
    f = [_f(x) for x in labels]
    return any(" tap the " in x for x in f) and any(" ca nhan " in x for x in f) and any(
        " danh hieu " in x or " hinh thuc " in x or " khen thuong " in x for x in f)


# a total row's title, a row-total column's header (“Tổng cộng”, “Cộng”, “Tổng số”)
_TOTAL_LABEL = re.compile(r"^ (?:tong cong|tong so|tong|cong)(?: so)? $")
_ROW_NO = re.compile(r"^\s*\d{1,3}\s*\.?\s*$")


def _award_table(ctx: Ctx, tb: TableBlock, rows, texts, first_data, keys, labels, sec) -> None:
    """Award counts by title, one row per title: collectives and individuals. A “Tổng cộng” row is
    the sum of the rows above it, column by column, and a “Cộng” column the sum of a row's
    collectives and individuals (each a total with its parts, SUM002); only when the rows are one
    flat list (numbered 1, 2, 3 … or not at all: sub-rows would be counted twice)."""
    from auditor.extract.awards import award_key

    fl = [_f(x) for x in labels]
    ci = next((i for i, x in enumerate(fl) if " tap the " in x), None)
    ii = next((i for i, x in enumerate(fl) if " ca nhan " in x), None)
    ti = next((i for i, x in enumerate(fl) if " danh hieu " in x or " hinh thuc " in x), 1)
    yi = next((i for i, x in enumerate(fl) if x.strip() == "nam"), None)
    si = next((i for i, x in enumerate(fl) if _TOTAL_LABEL.match(x) and i not in (ci, ii, ti)), None)
    award_rows: list[tuple[int, dict[str, Any]]] = []   # (row, {column: Num})
    total_row: tuple[int, dict[str, Any]] | None = None
    flat = True
    for r in range(first_data, len(rows)):
        title = texts[r][ti].strip()
        if not title:
            continue
        cells: dict[int, Any] = {}
        for col in (ci, ii, si):
            if col is None:
                continue
            m = _NUMBER_CELL.match(texts[r][col])
            if m and not m.group(2):
                cells[col] = ctx.cell_num(rows[r][col], ("cell", tb.number, r, col), m.group(1), m.start(1),
                                          m.end(1), exact=True)
        ctx.mark_label(("cell", tb.number, r, ti), 0, len(title))
        if _TOTAL_LABEL.match(_f(title)):
            total_row = (r, cells) if total_row is None and r > first_data else total_row
            continue
        if total_row is not None:
            flat = False  # rows after the total: another block of the table
        if ti > 0 and texts[r][0].strip() and not _ROW_NO.match(texts[r][0]):
            flat = False  # “1.1”, “a”, “-”: sub-rows
        aw: dict[str, Any] = {"title": title, "key": award_key(title), "section": sec.id if sec else None,
                              "src": loc_of([rows[r][ti].text], 0, max(1, len(title)))}
        if yi is not None and re.fullmatch(r"\d{4}", texts[r][yi].strip()):
            aw["year"] = int(texts[r][yi].strip())
            ctx.mark_label(("cell", tb.number, r, yi), 0, 4)
        elif ctx.year:
            aw["year"] = ctx.year
        for col, fld in ((ci, "collectives"), (ii, "individuals")):
            if col is not None and col in cells:
                aw[fld] = cells[col]
        if "collectives" in aw or "individuals" in aw:
            ctx.add("awards", aw)
            award_rows.append((r, cells))
    _award_totals(ctx, tb, texts, labels, sec, award_rows, total_row if flat else None, ci, ii, si, ti)


def _award_totals(ctx: Ctx, tb: TableBlock, texts, labels, sec, award_rows, total_row, ci, ii, si, ti) -> None:
    def add(label: str, unit: str | None, total: Any, parts: list[tuple[str, Any]], where: str) -> None:
        n = len(ctx.out["totals"])
        ctx.add("totals", {
            "id": f"{sec.id if sec else 'doc'}:total_{n + 1}", "label": label, "unit": unit, "total": total,
            "parts": [{"label": lb, "value": v} for lb, v in parts], "complete": True,
            "section": sec.id if sec else None, "src": total.get("src") if isinstance(total, dict) else None,
            "confidence": "explicit", "reading": where})

    units = {ci: "tập thể", ii: "cá nhân", si: None}
    if si is not None and ci is not None and ii is not None:
        for r, cells in [*award_rows, *([total_row] if total_row else [])]:
            if si in cells and ci in cells and ii in cells:
                add(f"{texts[r][ti].strip()}: {labels[si].strip()}", None, cells[si],
                    [(labels[ci].strip(), cells[ci]), (labels[ii].strip(), cells[ii])],
                    "cột tổng của một dòng bảng khen thưởng (a row's total column in an award table)")
    if total_row is None or len(award_rows) < 2:
        return
    r_total, tot_cells = total_row
    for col in (ci, ii, si):
        if col is None or col not in tot_cells:
            continue
        parts = [(texts[r][ti].strip(), cells[col]) for r, cells in award_rows if col in cells]
        if len(parts) >= 2:
            add(f"{texts[r_total][ti].strip()}: {labels[col].strip()}", units[col], tot_cells[col], parts,
                "dòng tổng cộng của bảng khen thưởng (the total row of an award table)")


# ---------------------------------------------------------------------------- breakdown tables
# A table of counts by unit (thôn, xóm, tổ, trường …): rows are the units, columns are counts and
# their rates, a “Tổng cộng” row the whole:
#
#     TT | Thôn      | Tổng số hộ | Số hộ đạt GĐVH | Tỷ lệ (%)
#     1  | Thôn Đông | 320        | 300            | 93,75
#     …  | Tổng cộng | 1.000      | 910            | 91,0

_RATE_HEAD = re.compile(r" (?:ty le|%) ")
# (a change, or a share of the column's total — “Tỷ trọng (%)”, “Cơ cấu (%)” — not of the row's whole)
_CHANGE_HEAD = re.compile(r" (?:tang|giam|so voi|so sanh|chenh lech|toc do|ty trong|co cau) ")
_WHOLE_HEAD = re.compile(r"^ (?:tong so|tong) ")
_COUNT_CELL = re.compile(r"^\s*(?:\d{1,3}(?:\.\d{3})+|\d+)\s*$")
_PLAN_KEYS = ("ck", "kh", "th", "pct_ck", "pct_kh", "remaining")
_RATE_WORDS = frozenset(("ty", "le", "%", "so", "dat", "phan", "tram"))


def _plain_table(ctx: Ctx, rows, labels, numbers, sec, tid: str) -> None:
    """The table as an item of its own (its columns' labels, no plan or actual keys): where its cells'
    findings point."""
    ctx.add("tables", {
        "id": tid, "title": sec.heading if sec else None, "section": sec.id if sec else None,
        "columns": [{"key": None, "label": labels[c] or f"({c + 1})", "number": numbers[c] or None}
                    for c in range(len(labels))],
        "src": loc_of([rows[0][0].text], 0, 1) if rows[0] else None})


def _breakdown_table(ctx: Ctx, tb: TableBlock, rows, texts, first_data, header_rows, numrow, keys, labels, numbers,
                     sec, tid: str) -> bool:
    """Read a table of counts by unit (above): each count column's “Tổng cộng” cell is the sum of the
    rows (SUM002), and a rate column is its count over the whole's count, row by row (PCT003). Only a
    table without plan or actual columns, whose rows are one flat list (numbered 1, 2, 3 … or not at
    all), with counts in at least two columns of every row. True when read."""
    if any(k in _PLAN_KEYS for k in keys) or "name" not in keys:
        return False
    ni = keys.index("name")
    ci = keys.index("code") if "code" in keys else None
    data = [r for r in range(first_data, len(rows)) if texts[r][ni].strip()]
    if len(data) < 3 or any(ci is not None and texts[r][ci].strip() and not _ROW_NO.match(texts[r][ci]) for r in data):
        return False
    fl = [_f(x) for x in labels]
    counts = [c for c in range(len(labels)) if c not in (ni, ci) and not _RATE_HEAD.search(fl[c])
              and not _CHANGE_HEAD.search(fl[c]) and all(_COUNT_CELL.match(texts[r][c]) for r in data)]
    rates = [c for c in range(len(labels)) if c not in (ni, ci) and _RATE_HEAD.search(fl[c])
             and not _CHANGE_HEAD.search(fl[c]) and all(_NUMBER_CELL.match(texts[r][c]) for r in data)]
    totals = [r for r in data if _TOTAL_LABEL.match(_f(texts[r][ni])) or re.match(r"^ toan (?:xa|phuong|thi tran|huyen) $",
                                                                                      _f(texts[r][ni]))]
    if len(totals) > 1 or (totals and totals[0] not in (data[0], data[-1])):
        return False
    if not counts or (len(counts) < 2 and not rates and not totals):
        return False
    _plain_table(ctx, rows, labels, numbers, sec, tid)
    for r in header_rows + ([numrow] if numrow is not None else []):
        for c in range(len(labels)):
            ctx.mark_label(("cell", tb.number, r, c), 0, len(texts[r][c]))
    nums: dict[tuple[int, int], Any] = {}
    for r in data:
        ctx.mark_label(("cell", tb.number, r, ni), 0, len(texts[r][ni]))
        if ci is not None:
            ctx.mark_label(("cell", tb.number, r, ci), 0, len(texts[r][ci]))
        for c in (*counts, *rates):
            m = _NUMBER_CELL.match(texts[r][c])
            if m:
                nums[(r, c)] = ctx.cell_num(rows[r][c], ("cell", tb.number, r, c), m.group(1), m.start(1), m.end(1),
                                            exact=c in counts, percent=c in rates)
    sid = sec.id if sec else None
    parts_rows = [r for r in data if r not in totals]
    for c in counts if totals else []:
        n = len(ctx.out["totals"])
        ctx.add("totals", {
            "id": f"{tid}:total_{n + 1}", "label": labels[c], "unit": None, "total": nums[(totals[0], c)],
            "parts": [{"label": texts[r][ni].strip(), "value": nums[(r, c)]} for r in parts_rows], "complete": True,
            "section": sid, "src": nums[(totals[0], c)].src, "confidence": "explicit",
            "reading": "dòng tổng cộng của bảng theo đơn vị (the total row of a table by unit)"})
    for c in rates:
        pair = _rate_columns(c, counts, fl, [[nums[(r, x)] for x in counts] for r in data])
        if pair is None:
            continue
        num_c, den_c, how = pair
        for r in data:
            n = len(ctx.out["rates"])
            ctx.add("rates", {
                "id": f"{tid}:rate_{n + 1}", "label": f"{texts[r][ni].strip()}: {labels[c]}",
                "numerator": nums[(r, num_c)], "denominator": nums[(r, den_c)], "percent": nums[(r, c)],
                "section": sid, "src": nums[(r, c)].src, "confidence": how,
                "reading": f"cột “{labels[c]}” = “{labels[num_c]}” / “{labels[den_c]}” (the rate column over its "
                           "count and the whole's count)"})
    return True


def _rate_columns(c: int, counts: list[int], fl: list[str], values: list[list[Any]]) -> tuple[int, int, str] | None:
    """(numerator column, denominator column, confidence) of the rate column `c`: the whole is the one
    count column headed “Tổng số …”, the count is the count column right before the rate; with two
    count columns and no such header, the one never smaller is the whole (a reading)."""
    wholes = [x for x in counts if _WHOLE_HEAD.search(fl[x])]
    before = [x for x in counts if x < c]
    if len(wholes) == 1:
        # the count the rate names (“Tỷ lệ hộ nghèo” → “Số hộ nghèo”, not “Số khẩu nghèo”), else the one right
        # before it when the rate names nothing (“Tỷ lệ (%)”)
        named = set(fl[c].split()) - _RATE_WORDS
        if named:
            score = {x: len(named & set(fl[x].split())) for x in counts if x != wholes[0]}
            best = max(score.values(), default=0)
            top = [x for x, v in score.items() if v == best]
            if best > 0 and len(top) == 1:
                return top[0], wholes[0], "explicit"
            return None
        if before and before[-1] != wholes[0]:
            return before[-1], wholes[0], "explicit"
        return None
    if len(counts) == 2 and not wholes:
        a, b = counts
        col = {x: [row[counts.index(x)].value for row in values] for x in counts}
        if all(p <= q for p, q in zip(col[a], col[b])):
            return a, b, "inferred"
        if all(q <= p for p, q in zip(col[a], col[b])):
            return b, a, "inferred"
    return None


# ---------------------------------------------------------------------------- list tables
# A table that only lists names (people, collectives, documents), announced by the paragraph before it:
#
#     Chủ tịch UBND xã tặng Giấy khen cho 4 cá nhân …, gồm:
#     TT | Họ và tên     | Chức vụ, đơn vị
#     1  | Nguyễn Văn An | Trưởng thôn Đông …

_YEAR_CELL = re.compile(r"^\s*(?:19|20)\d\d\s*$")
_GROUP_NO = re.compile(r"^\s*(?:[IVX]{1,4}|[a-zđ])\s*[.)]?\s*$", re.I)
_ANNOUNCES = re.compile(r"(?::|(?<![\w])(?:gồm(?:\s+có)?|như\s+sau|danh\s+sách(?:\s+kèm\s+theo)?|cụ\s+thể)\s*[:.]?)\s*\)?\s*$",
                        re.I)


def _list_table(ctx: Ctx, block: int, tb: TableBlock, rows, texts, first_data, header_rows, numrow, keys, labels,
                numbers, sec, tid: str) -> bool:
    """A table without a number outside its row numbers is a list of names, not indicators without
    data (each would be a false CMP004). When the paragraph right before it announces them with one
    count (“tặng Giấy khen cho 4 cá nhân …, gồm:”), the rows are that count's names (CNT002). True when
    read."""
    if any(k in _PLAN_KEYS for k in keys) or "name" not in keys:
        return False
    ni = keys.index("name")
    ci = keys.index("code") if "code" in keys else None
    data = [r for r in range(first_data, len(rows)) if any(x.strip() for x in texts[r])]
    if not data or any(_NUMBER_CELL.match(texts[r][c]) and not _YEAR_CELL.match(texts[r][c])
                       for r in data for c in range(len(labels)) if c != ci):
        return False  # (a year of birth is not a quantity)
    codes = [texts[r][ci].strip() for r in data] if ci is not None else []
    if any(x and not _ROW_NO.match(x) and not _GROUP_NO.match(x) for x in codes):
        return False
    _plain_table(ctx, rows, labels, numbers, sec, tid)
    for r in [*header_rows, *([numrow] if numrow is not None else []), *data]:
        for c in range(len(labels)):
            ctx.mark_label(("cell", tb.number, r, c), 0, len(texts[r][c]))
    if not any(_GROUP_NO.match(x) for x in codes):  # (group rows “I. Tập thể”, “II. Cá nhân”: not one list)
        _announced_list(ctx, block, [texts[r][ni].strip() for r in data if texts[r][ni].strip()], sec)
    return True


def _announced_list(ctx: Ctx, block: int, names: list[str], sec) -> None:
    from auditor.extract.document import Para
    from auditor.extract.vn import is_count_unit

    body = ctx.L.body
    at = body.index(block) if block in body else -1
    if at <= 0 or not isinstance(ctx.doc.blocks[body[at - 1]], Para) or body[at - 1] in ctx.L.headings:
        return
    pb = body[at - 1]
    text = ctx.doc.blocks[pb].text
    if not _ANNOUNCES.search(text):
        return
    counts = [(t, r) for t, r in zip(ctx.ntoks(pb), ctx.roles(pb)) if t.form == "number" and not t.pct
              and is_count_unit(t.unit) and r is not None and r.kind in ("level", "remainder")]
    if len(counts) != 1:
        return  # “4 tập thể và 5 cá nhân, gồm:”: which rows are which is not said
    t = counts[0][0]
    ctx.add("named_lists", {
        "id": f"{sec.id if sec else 'doc'}:list_{len(ctx.out['named_lists']) + 1}", "label": t.unit,
        "stated": ctx.num(pb, t, exact=True), "names": names, "joined": False, "section": sec.id if sec else None,
        "src": ctx.doc.blocks[pb].loc(t.start, t.end), "confidence": "explicit",
        "reading": f"“{t.text} {t.unit}” rồi bảng kể tên ngay sau đó (the table right after lists them: {len(names)})"})
