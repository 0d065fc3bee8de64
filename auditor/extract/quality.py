"""Measured extraction quality.

    python -m auditor.extract.quality                  # each seed against its hand-made fixture
    python -m auditor.extract.quality --corpus DIR     # the reader and the rules on a gold corpus

Seeds against fixtures:

* Facts compared: every number of the report, keyed by (item type, field, text as written), and
  the non-numeric facts (header fields, section headings, citations, calendar mentions,
  appendices). Precision = matched / extracted, recall = matched / in the fixture.
* Findings parity: the rules run on the fixture and on the extracted report; findings are
  compared by (rule, severity, the values they quote).
* `docx_from_text` turns a seed's text back into a Word file (paragraphs, bold, real tables with
  merged header cells) so the .docx path is measured on the same content.
"""

from __future__ import annotations

import io
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from auditor.extract.vn import fold
from auditor.model.report import JsonNumberText, Num, Report

TYPES = ("meta", "sections", "indicators", "totals", "structures", "rates", "differences", "facts",
         "counts", "awards", "council", "references", "mentions", "appendices")


def _t(n: Num | None) -> str | None:
    if n is None:
        return None
    return re.sub(r"\s|%|\\", "", n.text)


def facts_of(r: Report) -> dict[str, Counter]:
    out: dict[str, Counter] = {k: Counter() for k in TYPES}
    m = r.meta
    for k, v in (("number", m.number), ("place", m.place), ("date", m.date.text if m.date else None),
                 ("title", m.title), ("period", f"{m.period.kind} {m.period.year}"),
                 ("unit", f"{m.unit.kind} {fold(m.unit.name)}"), ("district", m.unit.district),
                 ("province", m.unit.province), ("issuer", m.issuer),
                 ("signatory", m.signatory.name if m.signatory else None)):
        if v:
            out["meta"][(k, fold(str(v)))] += 1
    for a in m.answers:
        out["meta"][("answers", a.number)] += 1
    out["meta"][("recipients", len(m.recipients))] += 1 if m.recipients else 0
    for s in r.sections:
        out["sections"][(fold(s.number or ""), fold(s.heading)[:40])] += 1

    def ind(i: Any) -> None:
        for f in ("ck", "kh", "th", "pct_ck", "pct_kh", "remaining"):
            v = getattr(i.values, f)
            if v is not None:
                out["indicators"][(f, _t(v))] += 1
        for p in i.parts:
            ind(p)
    for i in r.indicators:
        ind(i)
    for t in r.totals:
        for f in ("total", "total_amount"):
            if getattr(t, f) is not None:
                out["totals"][(f, _t(getattr(t, f)))] += 1
        for p in t.parts:
            out["totals"][("part", _t(p.value))] += 1
            if p.amount is not None:
                out["totals"][("amount", _t(p.amount))] += 1
    for s in r.structures:
        if s.total_value is not None:
            out["structures"][("total_value", _t(s.total_value))] += 1
        for sh in s.shares:
            out["structures"][("share", _t(sh.share))] += 1
            if sh.value is not None:
                out["structures"][("value", _t(sh.value))] += 1
    for x in r.rates:
        for f in ("numerator", "denominator", "percent"):
            if getattr(x, f) is not None:
                out["rates"][(f, _t(getattr(x, f)))] += 1
        if x.base:
            out["rates"][("has_base", _t(x.numerator))] += 1
    for d in r.differences:
        for f in ("minuend", "subtrahend", "result"):
            if getattr(d, f) is not None:
                out["differences"][(f, _t(getattr(d, f)))] += 1
    for f in r.facts:
        out["facts"][tuple(sorted(_t(mm.value) for mm in f.mentions))] += 1
    for c in r.counts:
        out["counts"][(c.condition, _t(c.stated))] += 1
    for a in r.awards:
        for f in ("collectives", "individuals", "direct_worker_share"):
            if getattr(a, f) is not None:
                out["awards"][(a.key, a.year, f, _t(getattr(a, f)))] += 1
    if r.council is not None:
        for f in ("members", "chair", "vice_chairs", "others"):
            if getattr(r.council, f) is not None:
                out["council"][(f, _t(getattr(r.council, f)))] += 1
        if r.council.decision is not None:
            out["council"][("decision", r.council.decision.number)] += 1
    for ref in r.references:
        if ref.number:
            out["references"][(ref.number, ref.date.year if ref.date else None)] += 1
    for mn in r.mentions:
        out["mentions"][(mn.kind, mn.start_year, mn.end_year, mn.number, mn.event)] += 1
    for ap in r.appendices:
        out["appendices"][(fold(ap.label), ap.present)] += 1
    return out


def compare(extracted: Report, fixture: Report) -> dict[str, tuple[int, int, int]]:
    """Per type: (matched, extracted, in fixture)."""
    a, b = facts_of(extracted), facts_of(fixture)
    res = {}
    for k in TYPES:
        m = sum((a[k] & b[k]).values())
        res[k] = (m, sum(a[k].values()), sum(b[k].values()))
    return res


def diff(extracted: Report, fixture: Report, kind: str) -> tuple[list, list]:
    a, b = facts_of(extracted)[kind], facts_of(fixture)[kind]
    return sorted((a - b).elements(), key=str), sorted((b - a).elements(), key=str)


def load_fixture(path: str | Path) -> Report:
    raw = json.loads(Path(path).read_text("utf-8"), parse_float=JsonNumberText, parse_int=JsonNumberText)
    return Report.model_validate(raw)


# ---------------------------------------------------------------------------- findings parity

def _ev(text: str) -> str:
    """A value as written; a quoted phrase (a mention, a title) is reduced to its numbers."""
    s = re.sub(r"\s|%", "", text)
    if re.search(r"[^\W\d_]{3,}", s):
        return ",".join(re.findall(r"\d+", s)) or s
    return s


def finding_key(f: Any) -> tuple:
    vals = tuple(sorted(_ev(e.text) for e in f.evidence)) or (_ev(f.stated or ""),)
    return (f.rule_id, f.severity, vals)


def audit_report(report: Report, name: str) -> list:
    from auditor.engine.ruleset import load_rules
    from auditor.engine.runner import run_rules

    rs = load_rules()
    rules = [r for r in rs.rules if r.family != "input"]
    return run_rules(report, rules, name).findings


def parity(extracted: Report, fixture: Report) -> tuple[list, list, list]:
    """(reproduced, missing from the extraction, new in the extraction) finding keys."""
    fa = Counter(finding_key(f) for f in audit_report(extracted, "extracted"))
    fb = Counter(finding_key(f) for f in audit_report(fixture, "fixture"))
    return sorted((fa & fb).elements()), sorted((fb - fa).elements()), sorted((fa - fb).elements())


# ---------------------------------------------------------------------------- .docx from text

def docx_from_text(text: str) -> bytes:
    """A Word file with the seed's content: one paragraph per line (Markdown bold as bold runs,
    LaTeX and HTML remnants undone), tab-separated lines as real tables whose header cells are
    merged where the text leaves them empty."""
    import docx
    from docx.shared import Pt

    from auditor.extract.document import MappedText, Origin
    from auditor.extract.text import _PIPE_SEP, _split_cells, clean, looks_like_header

    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Times New Roman"
    st.font.size = Pt(13)
    lines = text.replace("\r\n", "\n").split("\n")
    i = 0
    while i < len(lines):
        raw = lines[i]
        cells = _split_cells(raw)
        if cells is not None:
            rows: list[list[str]] = []
            while i < len(lines):
                c = _split_cells(lines[i])
                if c is None and rows and _PIPE_SEP.match(lines[i]):
                    i += 1
                    continue
                if c is None:
                    if not lines[i].strip() and i + 1 < len(lines) and "\t" in lines[i + 1] and not (
                            rows and looks_like_header([x for x, _ in _split_cells(lines[i + 1]) or []])):
                        i += 1
                        continue
                    break
                if rows and looks_like_header([x for x, _ in c]) and not lines[i - 1].strip():
                    break
                rows.append([clean(MappedText.of(x, Origin(x)), markdown=True)[0].text for x, _ in c])
                i += 1
            _add_table(d, rows)
            continue
        if raw.strip():
            cleaned = clean(MappedText.of(raw, Origin(raw)), markdown=True)[0].text
            p = d.add_paragraph()
            run = p.add_run(cleaned)
            run.bold = "**" in raw
        i += 1
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _add_table(d: Any, rows: list[list[str]]) -> None:
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    t = d.add_table(rows=len(rows), cols=width)
    t.style = "Table Grid"
    from auditor.extract.tables import _is_data_row, _is_numrow

    header = 0
    while header < len(rows) and not _is_data_row(rows[header]) and not _is_numrow(rows[header]):
        header += 1
    for r, row in enumerate(rows):
        for c, val in enumerate(row):
            t.cell(r, c).text = val
    # merge header cells the text leaves empty: horizontally under a spanning label, vertically
    # below a label whose column has no sub-header
    for r in range(header):
        c = 0
        while c < width:
            if rows[r][c] and r + 1 < header:
                end = c
                while end + 1 < width and not rows[r][end + 1] and any(rows[rr][end + 1] for rr in range(r + 1, header)):
                    end += 1
                if end > c:
                    t.cell(r, c).merge(t.cell(r, end))
                    t.cell(r, c).text = rows[r][c]
                c = end + 1
            else:
                c += 1
    for c in range(width):
        if rows[0][c] and header > 1 and not any(rows[rr][c] for rr in range(1, header)):
            left_span = any(rows[0][cc] for cc in range(c)) and False
            if not left_span:
                try:
                    a = t.cell(0, c)
                    a.merge(t.cell(header - 1, c))
                    a.text = rows[0][c]
                except Exception:  # noqa: BLE001 - an irregular grid: leave it unmerged
                    pass


# ---------------------------------------------------------------------------- report table

SEEDS = [
    ("000_11283473c0855b4c", "seed_000_but_son_2022"),
    ("001_3cdedf276bc2b5a6", "seed_001_hoang_kim_2024h1"),
    ("003_03026f8b928707b4", "seed_003_trung_khanh_2022"),
]


def measure(seeds_dir: Path, fixtures_dir: Path) -> list[dict]:
    from auditor.extract import extract_bytes

    out = []
    for seed, fx in SEEDS:
        text_bytes = (seeds_dir / f"{seed}.txt").read_bytes()
        fixture = load_fixture(fixtures_dir / f"{fx}.json")
        docx_bytes = docx_from_text(text_bytes.decode("utf-8"))
        for kind, data, name in (("txt", text_bytes, f"{seed}.txt"), ("docx", docx_bytes, f"{seed}.docx")):
            t0 = time.perf_counter()
            ex = extract_bytes(data, name)
            secs = time.perf_counter() - t0
            cmp = compare(ex.report, fixture)
            rep, miss, new = parity(ex.report, fixture)
            out.append({"seed": seed, "fixture": fx, "input": kind, "seconds": secs, "compare": cmp,
                        "reproduced": rep, "missing": miss, "new": new,
                        "unparsed": sum(1 for u in ex.unparsed if u.reason == "not_recognised")})
    return out


def _pr(m: int, e: int, f: int) -> str:
    p = f"{100 * m / e:.0f}" if e else "–"
    r = f"{100 * m / f:.0f}" if f else "–"
    return f"{p}/{r}"


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(
        prog="python -m auditor.extract.quality",
        description="Đo chất lượng bộ đọc văn bản / measure the text reader: on the seeds (default) "
                    "or, with --corpus, on a folder of texts with hand-made gold (texts/ + gold.jsonl).")
    ap.add_argument("seeds", nargs="?", type=Path, help="folder of seed texts (default: fixtures/seeds)")
    ap.add_argument("--corpus", type=Path, metavar="DIR", help="a gold corpus folder")
    ap.add_argument("-v", "--verbose", action="store_true", help="every finding, not only the misses")
    args = ap.parse_args(list(argv or []))
    if args.corpus is not None:
        from auditor.extract.corpus import main as corpus_main

        return corpus_main([str(args.corpus)] + (["--verbose"] if args.verbose else []))
    root = Path(__file__).resolve().parents[2]
    seeds = args.seeds or root / "fixtures" / "seeds"
    if not seeds.is_dir():
        print(f"{seeds}: không phải thư mục / not a folder", file=sys.stderr)
        return 2
    rows = measure(seeds, root / "fixtures")
    cols = [k for k in TYPES]
    print("| seed | input | " + " | ".join(cols) + " | all numbers | time (s) |")
    print("|---|---|" + "---|" * (len(cols) + 2))
    for r in rows:
        c = r["compare"]
        num_types = [k for k in cols if k not in ("meta", "sections", "references", "mentions", "appendices")]
        tot = [sum(c[k][i] for k in num_types) for i in range(3)]
        print(f"| {r['seed'][:3]} | {r['input']} | " + " | ".join(_pr(*c[k]) for k in cols)
              + f" | {_pr(*tot)} ({tot[0]} of {tot[2]}; {tot[1]} extracted) | {r['seconds']:.3f} |")
    print()
    for r in rows:
        print(f"{r['seed'][:3]} {r['input']}: findings reproduced {len(r['reproduced'])}, "
              f"missing {len(r['missing'])}, new {len(r['new'])}, unrecognised numbers {r['unparsed']}")
        for k in r["missing"]:
            print("   missing:", k)
        for k in r["new"]:
            print("   new:    ", k)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
