"""Run every pattern over a document and assemble the `Report`; list the numbers left over."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from auditor.extract import objects, relations
from auditor.extract.awards import extract_award_recipients, extract_awards
from auditor.extract.context import Ctx, MentionCand
from auditor.extract.contributions import contributions
from auditor.extract.document import Document, Para, TableBlock, loc_of
from auditor.extract.headline import headline_restated
from auditor.extract.layout import analyse, infer_period, infer_unit, join_continuations
from auditor.extract.links import link, totals_facts
from auditor.extract.lists import extract_lists, sectors_without_taxes
from auditor.extract.named_lists import named_lists
from auditor.extract.named_sums import named_sums
from auditor.extract.payouts import payouts
from auditor.extract.plan_before import plans_stated_before
from auditor.extract.prose import (
    change_statements,
    council,
    count_claims,
    differences,
    link_changes,
    narrative_mentions,
    products,
    prose_structures,
    raise_totals,
)
from auditor.extract.rankings import rankings
from auditor.extract.refs import anniversaries_dated_elsewhere, appendices, calendar_mentions, citations
from auditor.extract.spans import Spans
from auditor.extract.spelled import spelled_numbers
from auditor.extract.stocks import balances
from auditor.extract.tables import extract_tables
from auditor.extract.totals import cross_tabs, totals
from auditor.extract.trailing_totals import total_line, trailing_totals
from auditor.extract.vn import ANY_NUMBER
from auditor.extract.weekdays import weekday_mentions
from auditor.extract.written_dates import written_dates
from auditor.files.rxgate import DIGIT, may_match
from auditor.model.lean import is_model
from auditor.records import dataclass, field

if TYPE_CHECKING:  # (pydantic is not imported by a run: the objects are the report plan's)
    from auditor.model import report as M


@dataclass
class Unparsed:
    """A number of the document that is not in the report."""

    text: str
    reason: str                 # see explain._REASONS
    src: M.SourceLoc
    context: str = ""


# a photo's caption: “… Ảnh: Như Nguyện”, “(Ảnh: TL)”
_CAPTION_END = re.compile(r"(?<![\w])Ảnh\s*:\s*[^.\n]{1,40}\)?\.?\s*$")


@dataclass
class NumberProblem:
    """A number of the document the reader could not read (NUM001) or read only after a repair
    it reports (NUM002: a dot decimal, a stray space, thousands written as a word)."""

    rule: str
    vi: str
    en: str
    src: M.SourceLoc
    text: str


@dataclass
class Dropped:
    """An item the passes found that the report format refuses, with the models' reason."""
    kind: str
    item: Any
    error: str


@dataclass
class Built:
    """The report assembled from a document, with what was left out of it."""
    report: M.Report | None
    unparsed: list[Unparsed] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # (rule, vi, en)
    number_problems: list[NumberProblem] = field(default_factory=list)
    meta_locs: dict[str, M.SourceLoc | None] = field(default_factory=dict)


_ITEM_MODELS: dict[str, str] = {
    "sections": "Section", "tables": "Table", "indicators": "Indicator", "totals": "Total",
    "structures": "Structure", "rates": "Rate", "products": "Product", "payouts": "Payout", "differences": "Difference",
    "changes": "Change", "balances": "Balance", "facts": "Fact", "counts": "CountClaim", "named_lists": "NamedList",
    "rankings": "Ranking", "spelled": "Spelled",
    "awards": "Award",
    "references": "DocRef", "mentions": "CalendarMention", "appendices": "Appendix",
}


def build(doc: Document) -> Built:
    join_continuations(doc)
    L = analyse(doc)
    meta = L.meta
    date_year = (meta.get("date") or {}).get("year")
    period = infer_period(meta.get("title") or "", date_year, meta.get("act"))
    if not meta.get("title"):
        # a page without a “BÁO CÁO” header: its headline or body names the period, and a
        # “(Trích báo cáo số … ngày …)” names the report it quotes
        from auditor.extract.period import estimates, page_period, source_report

        src = source_report(doc)
        if src is not None and not meta.get("number") and not meta.get("date"):
            meta["number"], meta["date"], meta["number_loc"], meta["date_loc"] = (
                src["number"], src["date"], src["loc"], src["loc"])
            date_year = src["date"]["year"]
        found = page_period(doc, L.header_blocks)
        if found is not None and period.get("kind") == "other" and period.get("year") in (None, found.get("year")):
            period = found
    if period.get("year") is not None:
        from auditor.extract.period import estimates

        period["estimates"] = estimates(doc)
    pre = next((s for s in L.sections if s.id == "preamble"), None)
    unit = infer_unit(doc, meta, "\n".join(pre.text) if pre else "")  # a name never runs over a paragraph
    ctx = Ctx(doc, L, period.get("year"))
    blocks = doc.blocks
    body_paras = [i for i in L.body if isinstance(blocks[i], Para)]

    # 1. citations first: their numbers and dates are not quantities
    for i in body_paras:
        citations(ctx, i)
    # 2. indicator lists and tables
    extract_lists(ctx)
    list_blocks = ctx.list_blocks
    extract_tables(ctx)
    for ind in list(ctx.out["indicators"]):
        _indicator_cands(ctx, ind)
    # 3. prose
    results_tables = _results_tables(ctx)
    rates: list[dict] = []
    changes: list[dict] = []
    for k, i in enumerate(body_paras):
        p = blocks[i]
        if i in L.headings:
            ctx.mark_label(i, 0, len(p.text))
            continue
        if i in list_blocks:
            rates.extend(relations.read(ctx, i, only_fractions=True))   # “3.120/3.250 hộ, đạt 96%” in a list item
            continue
        council(ctx, i)
        rates.extend(relations.read(ctx, i))
        prose_structures(ctx, i)
        following = _following_bullets(ctx, body_paras, k)
        prev = body_paras[k - 1] if k > 0 else None
        if prev is not None and k > 1 and _CAPTION_END.search(ctx.doc.blocks[prev].text):
            prev = body_paras[k - 2]  # (“… đạt 596,5 tỷ đồng. Ảnh: Như Nguyện”: a photo's caption between)
        totals(ctx, i, following, prev)
        trailing_totals(ctx, i)
        total_line(ctx, i, _preceding_items(ctx, body_paras, k))
        contributions(ctx, i)
        raise_totals(ctx, i)
        balances(ctx, i)
        differences(ctx, i)
        changes.extend(change_statements(ctx, i))
        products(ctx, i)
        payouts(ctx, i)
        extract_awards(ctx, i)
        extract_award_recipients(ctx, i)
        count_claims(ctx, i, results_tables)
        named_lists(ctx, i)
        rankings(ctx, i)
        spelled_numbers(ctx, i)
        narrative_mentions(ctx, i)
    for i in body_paras:
        calendar_mentions(ctx, i)
        weekday_mentions(ctx, i)
        written_dates(ctx, i)
    anniversaries_dated_elsewhere(ctx)
    relations.finish(ctx, rates)
    plans_stated_before(ctx)
    cross_tabs(ctx)
    named_sums(ctx)
    headline_restated(ctx)
    link_changes(ctx, changes)
    sectors_without_taxes(ctx)
    link(ctx)
    totals_facts(ctx)
    appendices(ctx)
    if ctx.council is not None and ctx.council_decision is not None:
        ctx.council["decision"] = ctx.council_decision

    # 4. assemble
    built = Built(None)
    sections = [{"id": s.id, "number": s.number, "heading": s.heading, "level": s.level, "part": s.part,
                 "text": s.text, "src": s.src} for s in L.sections]
    title = meta.get("title") or ""
    meta_out: dict[str, Any] = {
        "issuer": unit["issuer"], "unit": unit["unit"], "number": meta.get("number"),
        "place": meta.get("place"), "date": meta.get("date"), "title": title,
        "period": {k: v for k, v in period.items() if v is not None},
        "answers": [_strip_private(a) for a in ctx.out.get("answers", [])],
        "signatory": L.signatory, "recipients": L.recipients,
    }
    data: dict[str, Any] = {"meta": meta_out}
    data["sections"] = sections
    for kind in ("tables", "indicators", "totals", "structures", "rates", "products", "payouts", "differences", "changes",
                 "balances", "facts", "counts", "named_lists", "rankings", "spelled", "awards", "references", "mentions",
                 "appendices"):
        items = []
        for it in ctx.out.get(kind, []):
            it = _strip_private(it)
            obj, error = objects.item(_ITEM_MODELS[kind], it)
            if obj is None:
                built.dropped.append(Dropped(kind, it, error or ""))
                continue
            items.append(obj)
        data[kind] = items
    if ctx.council is not None:
        obj, error = objects.item("Council", _strip_private(ctx.council))
        if obj is not None:
            data["council"] = obj
        else:
            built.dropped.append(Dropped("council", ctx.council, error or ""))
    built.report, msg = objects.report(data)
    if built.report is None:
        # The meta is the only part that can still fail (e.g. an impossible date): keep it minimal.
        built.problems.append(("INP005", f"Không dựng được phần đầu báo cáo: {msg}",
                               f"Could not build the report header: {msg}"))
        data["meta"]["date"] = None
        data["meta"]["answers"] = []
        built.report, _ = objects.report(data)
    nums = _nums_of(built.report) if built.report is not None else []  # (walked once for both)
    built.unparsed = _leftovers(ctx, L, built.report, nums)
    little = little_read(built.unparsed, len(nums))
    if little is not None:
        built.problems.append(little)
    from auditor.extract.labels import label_unit_problems
    from auditor.extract.unitless import unitless_changes

    built.number_problems = _number_problems(ctx) + [NumberProblem(*p) for p in label_unit_problems(ctx)] + \
        [NumberProblem(*p) for p in unitless_changes(ctx)]
    built.meta_locs = {"/meta/date": meta.get("date_loc"), "/meta/title": meta.get("title_loc"),
                       "/meta/number": meta.get("number_loc"), "/meta/place": meta.get("date_loc")}
    return built


# A document of which most numbers were not read (INP010): at least this many numbers that match
# no pattern, making at least 3 in 5 of the numbers written. On the 123 texts and Word files of
# the corpora and the seeds, the documents the reader follows stay at or below 20 such numbers and
# 1 in 2; the ones it does not follow (tables in a layout it does not know) are at 32–173 and 3 in 4
# or more.
_LITTLE_READ_MIN = 20


def little_read(unparsed: list[Unparsed], in_report: int) -> tuple[str, str, str] | None:
    """INP010 (rule, vi, en) when most of a document's numbers were not read, else None."""
    missed = sum(1 for u in unparsed if u.reason == "not_recognised")
    written = in_report + len(unparsed)
    if missed < _LITTLE_READ_MIN or missed * 5 < written * 3:
        return None
    return ("INP010",
            f"Công cụ không đọc được phần lớn số liệu của tài liệu: {missed} trong {written} số được viết không "
            "thuộc mẫu câu hay bảng nào công cụ nhận ra, nên hầu hết các kiểm tra không chạy được. Không có "
            "phát hiện không có nghĩa là báo cáo đúng. `audit extract --explain` liệt kê các số chưa đọc.",
            f"The tool could not read most of the document's figures: {missed} of the {written} numbers written "
            "match no sentence pattern or table it recognises, so most checks could not run. No findings does "
            "not mean the report is correct. `audit extract --explain` lists the numbers not read.")


def _strip_private(it: Any) -> Any:
    if isinstance(it, dict):
        return {k: _strip_private(v) for k, v in it.items() if not k.startswith("_")}
    if isinstance(it, list):
        return [_strip_private(v) for v in it]
    return it


def _indicator_cands(ctx: Ctx, ind: dict, parent: dict | None = None) -> None:
    th = ind.get("values", {}).get("th")
    block = None
    sec = next((s for s in ctx.L.sections if s.id == ind.get("section")), None)
    part = sec.part if sec else None
    if th is not None and ind.get("table"):
        code = ind.get("code")
        where = f"chỉ tiêu {code}" if code and code != "-" else f"“{ind['name']}”"
        if sec is not None:
            where += f" (mục {(sec.number or sec.heading).rstrip('.')})"
        ctx.cands.append(MentionCand(th, ind.get("unit") or (parent or {}).get("unit"), ind["name"], where,
                                     ind.get("section"), part, block if block is not None else -1,
                                     f"ind:{(parent or ind)['id']}", kind="indicator", year=ctx.year,
                                     extra={"table": ind.get("table")}))
    for p in ind.get("parts", []):
        _indicator_cands(ctx, p, parent or ind)


def _results_tables(ctx: Ctx) -> str | None:
    ids = []
    for t in ctx.out["tables"]:
        sec = next((s for s in ctx.L.sections if s.id == t.get("section")), None)
        if sec is not None and sec.part == "results" and any(i.get("table") == t["id"] for i in ctx.out["indicators"]):
            ids.append(t["id"])
    return ids[0] if len(ids) == 1 else None


def _following_bullets(ctx: Ctx, body_paras: list[int], k: int) -> list[int]:
    out = []
    for j in body_paras[k + 1:]:
        n = ctx.L.items.get(j)
        if n is not None and n.kind == "bullet" and j not in ctx.L.headings:
            out.append(j)
        else:
            break
    return out


def _preceding_items(ctx: Ctx, body_paras: list[int], k: int) -> list[int]:
    """The run of list items right before paragraph `k` (bullets, “a)”, “1.” …), none of them a
    heading. Items of several kinds are all kept: a total line after them reads them only when they
    are of one kind (sub-items detail an item: summing the last group alone would be wrong)."""
    out: list[int] = []
    for j in reversed(body_paras[:k]):
        n = ctx.L.items.get(j)
        if n is None or j in ctx.L.headings or n.kind not in ("bullet", "alpha", "arabic"):
            break
        out.append(j)
    return out[::-1]


def _covered(spans: Spans, a: int, b: int) -> bool:
    return spans.overlaps(a, b)


def _reported(ctx: Ctx, L, report: M.Report | None, nums: list[M.Num] | None = None) -> dict[Any, list[tuple[int, int]]]:
    """(block or cell → spans) that ended in the report: the places of its numbers, and the spans
    of items made of numbers (citations, calendar mentions, appendices, the header)."""
    out: dict[Any, list[tuple[int, int]]] = {k: list(v) for k, v in ctx.item_spans.items()}
    for block, a, b in L.meta_spans:
        out.setdefault(block, []).append((a, b))
    if report is None:
        return out
    for num in _nums_of(report) if nums is None else nums:
        place = ctx.num_place.get(id(num))
        if place is not None:
            out.setdefault(place[0], []).append((place[1], place[2]))
    return out


def _nums_of(obj: Any) -> list[M.Num]:
    out: list[M.Num] = []
    stack = [obj]
    while stack:
        o = stack.pop()
        if is_model(o):  # a plan object (or, from the models, a pydantic one: the same fields)
            if type(o).__name__ == "Num":
                out.append(o)
            else:  # (the leaves, texts and values, hold no number: not stacked)
                stack.extend([v for v in o.__dict__.values() if type(v) not in _LEAVES])
        elif isinstance(o, list):
            stack.extend([v for v in o if type(v) not in _LEAVES])
    return out


_LEAVES = frozenset((str, int, float, bool, type(None), Decimal))


_REASON_OF_FORM = {
    "docno": "document_number", "date": "date", "time": "date", "month": "date", "year": "year",
    "years": "year", "period": "year", "phone": "phone", "numbering": "numbering", "label": "in_name",
    "code": "in_name", "counter": "counter", "rating": "counter", "rank": "ordinal", "ordinal": "ordinal",
    "criterion": "ordinal", "duration": "duration", "malformed": "unreadable", "threshold": "threshold", "nodate": "date",
}


def _leftovers(ctx: Ctx, L, report: M.Report | None = None, nums: list[M.Num] | None = None) -> list[Unparsed]:
    out: list[Unparsed] = []
    blocks = ctx.doc.blocks
    reported = _reported(ctx, L, report, nums)
    for i, b in enumerate(blocks):
        if isinstance(b, Para):
            text = b.text
            if not ctx.ntoks(i):
                # no digit (every digit is in a token): only a superscript power can be listed
                for m in _POWER.finditer(text):
                    out.append(Unparsed(m.group(0), "unit", b.loc(m.start(), m.end()), _ctx_snip(text, m.start(), m.end())))
                continue
            rep = Spans(reported.get(i, []))
            labels = Spans(ctx.labels.get(i, []))
            header = i in L.header_blocks or i not in L.section_of
            for t in ctx.ntoks(i):
                pieces = t.parts if t.parts else [(t.s, t.e, t.text)]
                for a, e, txt in pieces:
                    if _covered(rep, a, e):
                        if len(b.pieces) > 1:
                            # a number of the report written over two lines (“4.042” / “tỷ 930 triệu đồng”):
                            # its place is its first line; the digits of the next are listed with it
                            first = b.loc(a, a + 1)
                            for m in ANY_NUMBER.finditer(text, a, e):
                                at = b.loc(m.start(), m.end())
                                if (at.line, at.paragraph) != (first.line, first.paragraph):
                                    out.append(Unparsed(m.group(0), "continued", at,
                                                        _ctx_snip(text, m.start(), m.end())))
                        continue
                    reason = _REASON_OF_FORM.get(t.form)
                    if reason is None:
                        if _covered(labels, a, e):
                            reason = "in_name"
                        elif header:
                            reason = "in_name"
                        elif t.unit or t.pct:
                            reason = "quantity"
                        else:
                            reason = "not_recognised"
                    first_loc = b.loc(a, e)
                    out.append(Unparsed(txt.strip(), reason, first_loc, _ctx_snip(text, a, e)))
                    if "\n" in txt or len(b.pieces) > 1:
                        # a date or a number broken over two lines of the source (“ngày 22” / “tháng 11 năm
                        # 2019”): its numbers on the later line are listed at their own place
                        for m in ANY_NUMBER.finditer(text, a, e):
                            at = b.loc(m.start(), m.end())
                            if (at.line, at.paragraph) != (first_loc.line, first_loc.paragraph):
                                out.append(Unparsed(m.group(0), reason, at, _ctx_snip(text, m.start(), m.end())))
            for a0, e0 in ctx.item_spans.get(i, ()):
                # an item running over several lines of the source (a cited document's title
                # broken across lines): its place is its first line; the numbers of its title on
                # the next lines are listed as part of its name
                first = None  # (its place built only for an item with a number)
                for m in ANY_NUMBER.finditer(text, a0, e0):
                    if first is None:
                        first_loc = b.loc(a0, a0 + 1)
                        first = (first_loc.line, first_loc.paragraph)
                    at = b.loc(m.start(), m.end())
                    if (at.line, at.paragraph) != first:   # another line (.txt) or paragraph (.docx)
                        out.append(Unparsed(m.group(0), "in_name", at, _ctx_snip(text, m.start(), m.end())))
            toks = Spans([(t.s, t.e) for t in ctx.ntoks(i)])
            for m in _POWER.finditer(text):
                out.append(Unparsed(m.group(0), "unit", b.loc(m.start(), m.end()), _ctx_snip(text, m.start(), m.end())))
            for m in _GLUED.finditer(text):
                # “500m2”: the reader took “m2” as the unit of 500; its digit is listed
                if not _covered(toks, m.start(), m.end()) and not _covered(rep, m.start(), m.end()):
                    out.append(Unparsed(m.group(0), "unit", b.loc(m.start(), m.end()), _ctx_snip(text, m.start(), m.end())))
        elif isinstance(b, TableBlock):
            for r, row in enumerate(b.rows):
                for c, cell in enumerate(row):
                    if not may_match(cell.s, _CELL_NEEDS):
                        continue  # (no digit: neither pattern below has a match)
                    key = ("cell", b.number, r, c)
                    used = Spans(reported.get(key, []))
                    labels = Spans(ctx.labels.get(key, []))
                    for m in ANY_NUMBER.finditer(cell.s):
                        a, e = m.start(), m.end()
                        if _covered(used, a, e):
                            continue
                        reason = "in_name" if _covered(labels, a, e) else "not_recognised"
                        out.append(Unparsed(m.group(0), reason, loc_of([cell.text], a, e), cell.s))
                    for m in _GLUED.finditer(cell.s):
                        if not _covered(used, m.start(), m.end()):
                            out.append(Unparsed(m.group(0), "unit", loc_of([cell.text], m.start(), m.end()), cell.s))
    for block, a, e in L.meta_spans:
        # the header's date over two lines (“Bắc Ninh, ngày 20” / “tháng 9 năm 2021”): its place is its first
        # line; the numbers of the next one are listed as the date's
        b = blocks[block]
        if not isinstance(b, Para) or len(b.pieces) < 2:
            continue
        first = b.loc(a, a + 1).line
        for m in ANY_NUMBER.finditer(b.text, a, e):
            at = b.loc(m.start(), m.end())
            if at.line != first:
                out.append(Unparsed(m.group(0), "date", at, _ctx_snip(b.text, m.start(), m.end())))
    for line, a, e, raw in ctx.doc.markup:  # (“<source data-srcset=…?width=768…>”: removed, listed)
        for m in _DIGITS.finditer(raw, a, e):  # (every run of digits, those glued to letters too: “EM9bC”)
            out.append(Unparsed(m.group(0), "markup", objects.source_loc(line=line, start=m.start(), end=m.end(),
                                                                         quote=raw[:2000]),
                                _ctx_snip(raw, m.start(), m.end())))
    return out


# Digits that are part of a name rather than a number: a unit's exponent written as a superscript
# (“m²”, the document reader turns “m<sup>2</sup>” into it) and, in a table cell, digits glued to
# the letters before them (“m2”, “CO2”), which the number pattern of cells does not take.
_POWER = re.compile(r"[²³]")
# (the digit first, the letter before it looked back at from after it: `re` then skips to the
# next digit in one step instead of testing what precedes every character)
_GLUED = re.compile(r"\d(?<=[^\W\d_]\d)\d*")
_CELL_NEEDS = ((DIGIT,),)  # what every match of ANY_NUMBER and _GLUED holds (tests/test_rxgate.py)
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


_REPAIRS = {
    "dot_decimal": ("viết dấu chấm thập phân; đã đọc là {v}", "written with a decimal dot; read as {v}"),
    "en_grouped": ("viết theo kiểu tiếng Anh (dấu phẩy tách hàng nghìn, dấu chấm thập phân); đã đọc là {v}",
                   "written the English way (commas group thousands, a dot marks decimals); read as {v}"),
    "stray_space": ("bị tách bởi một dấu cách sau dấu phẩy; đã đọc là {v}", "split by a space after its comma; read as {v}"),
    "words": ("viết hàng nghìn bằng chữ; đã đọc là {v}", "thousands written as a word; read as {v}"),
    "scaled": ("viết hàng nghìn bằng chữ (độ chính xác hàng trăm); đã đọc là {v}",
               "thousands written as a word (precise to hundreds); read as {v}"),
    "no_percent": ("viết thiếu dấu “%” trước “kế hoạch”/“dự toán”; đã đọc là {v}% kế hoạch",
                   "written without its “%” before “kế hoạch”/“dự toán”; read as {v}% of plan"),
}


_NOTATION = 3   # this many dot decimals in one paragraph or table: the notation of that block


def _number_problems(ctx: Ctx) -> list[NumberProblem]:
    out: list[NumberProblem] = []
    # cells: a table written with dot decimals throughout (a database export: “63379.00”) is one
    # note for the table, a stray one a note for its cell
    by_table: dict[Any, list] = {}
    for key, loc, text, num in ctx.cell_repairs:
        by_table.setdefault(key[1] if isinstance(key, tuple) else key, []).append((loc, text, num))
    for table, cells in by_table.items():
        if len(cells) >= _NOTATION:
            loc, text, num = cells[0]
            out.append(NumberProblem(
                "NUM002", f"Bảng {table} viết số bằng dấu chấm thập phân ({len(cells)} số, ví dụ “{text}” đã đọc là "
                f"{_shown_num(num)}), như dữ liệu xuất từ cơ sở dữ liệu; các số đã được đọc theo cách đó.",
                f"Table {table} writes its numbers with a decimal dot ({len(cells)} numbers, e.g. “{text}” read as "
                f"{_shown_num(num)}), as a database export does; they were read that way.", loc, text))
            continue
        for loc, text, num in cells:
            out.append(_repair_problem("dot_decimal", text, _shown_num(num) if num.value is not None else None, loc))
    for i, b in enumerate(ctx.doc.blocks):
        if not isinstance(b, Para):
            continue
        dots = [t for t in ctx.ntoks(i) if t.repaired == "dot_decimal" and t.value_text is not None]
        if len(dots) >= _NOTATION:
            t = next((x for x in dots if _shown_value(x) is not None), dots[0])
            out.append(NumberProblem(
                "NUM002", f"Đoạn này viết số bằng dấu chấm thập phân ({len(dots)} số, ví dụ “{t.text}” đã đọc là "
                f"{_shown_value(t) or t.text}); các số đã được đọc theo cách đó.",
                f"This paragraph writes its numbers with a decimal dot ({len(dots)} numbers, e.g. “{t.text}” read as "
                f"{_shown_value(t) or t.text}); they were read that way.", b.loc(t.s, t.e), t.text))
        for t in ctx.ntoks(i):
            if len(dots) >= _NOTATION and t in dots:
                continue
            if t.form == "malformed":
                out.append(NumberProblem(
                    "NUM001", f"“{t.text}” không phải là một số viết đúng (ví dụ 87,5% hay 1.234); công cụ không đoán "
                    "giá trị, các kiểm tra cần số này bị bỏ qua.",
                    f"“{t.text}” is not a well-formed number (e.g. 87,5% or 1.234); the tool does not guess its "
                    "value and the checks that need it are skipped.", b.loc(t.s, t.e), t.text))
            elif t.repaired in _REPAIRS and (t.value_text is not None or t.repaired in ("scaled", "no_percent")):
                out.append(_repair_problem(t.repaired, t.text, _shown_value(t), b.loc(t.s, t.e)))
    return out


_LAST_MARK = re.compile(r"[.,](?=[^.,]*$)")


def _repair_problem(kind: str, text: str, shown: str | None, loc: Any) -> NumberProblem:
    """NUM002 for one number read after a repair; `shown` None: the repaired form still has no
    value (more digits than the limit), which the message says instead of a reading."""
    if shown is None:
        from auditor.numeric import limits

        lim, key = limits.current().digits, limits.key_of("digits")
        what_vi, what_en = _REPAIRS[kind][0].split(";")[0], _REPAIRS[kind][1].split(";")[0]
        sides = _LAST_MARK.split(text, maxsplit=1)  # the integer part and the decimals
        too_long = max(sum(c.isdigit() for c in side) for side in sides) > lim
        long_vi = f" có hơn {lim} chữ số ở một phía dấu thập phân (khóa cấu hình {key}) nên" if too_long else ""
        long_en = f" has more than {lim} digits on one side of its decimal mark (configuration key {key}), so it" \
            if too_long else ""
        return NumberProblem(
            "NUM002", f"Số “{text}” {what_vi}, nhưng{long_vi} không được đọc giá trị; các kiểm tra cần số này bị bỏ qua.",
            f"The number “{text}” is {what_en}, but it{long_en} was not given a value; the checks that need it are "
            "skipped.", loc, text)
    vi, en = _REPAIRS[kind]
    return NumberProblem("NUM002", f"Số “{text}” {vi.format(v=shown)}.", f"The number “{text}” is {en.format(v=shown)}.",
                         loc, text)


def _shown_num(n: M.Num) -> str:
    from auditor.numeric.notation import format_vn

    return format_vn(n.value, max(n.decimals or 0, 0)) if n.value is not None else n.text


def _shown_value(t) -> str | None:
    from auditor.extract.vn import make_num
    from auditor.numeric.notation import format_vn

    n = make_num(t.text, None, value_text=t.value_text, scale=3 if t.repaired == "scaled" else 0)
    if n.value is None:
        return None
    return format_vn(n.value, max(n.decimals or 0, 0))


def _ctx_snip(text: str, a: int, e: int) -> str:
    x, y = max(0, a - 35), min(len(text), e + 35)
    return ("…" if x else "") + text[x:y] + ("…" if y < len(text) else "")
