"""The reader and the rules measured on a corpus of real texts with hand-made gold.

    python -m auditor.extract.quality --corpus tests/data/corpus [--verbose]

A corpus is a folder with `texts/*.txt` and `gold.jsonl` (one relation per line: `id`, `file`,
`kind`, `numbers` as written, `verdict` pass/I/W/E; see tests/data/corpus/README.md). Each text
is read and audited exactly as `audit FILE.txt` would (input findings included), and scored on the
findings as that command shows them: one defect, one finding (a primary finding with the findings
grouped under it, shown at the primary's severity). Then:

* a gold row is **found** when an error or a warning quotes all of the row's numbers as written
  (in its evidence, its stated or expected value, or its message; “16/29” is quoted when both 16
  and 29 are). A row without numbers (a period or completeness defect) is found by an error or
  warning of the matching family;
* a finding **matches** a row on the same condition (any severity), through itself or one of the
  findings grouped under it; a finding shown as an error or a warning that matches no E, W or I
  row is a **false alarm**;
* **severity agreement**, printed with the recall: for every E, W or I row a finding matches, the
  severity shown of the finding about it (the one quoting the fewest other numbers) against the
  gold verdict (E → error, W → warning, I → info); also given before grouping (each rule's own
  finding at its own severity);
* **numbers accounted**: every number of the text (a simple scan of digit runs, not the reader's
  tokenizer) is in the report or listed by `--explain` (`auditor.extract.accounting`).
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from auditor.extract.accounting import Accounting, account

_EXPECTED = {"E": "error", "W": "warning", "I": "info"}
# Rows without numbers: the families whose findings can be about them.
_EMPTY_ROW_FAMILIES = {"period": {"period", "completeness"}, "count": {"count"}, "legal": {"legal"},
                       "term": {"calendar"}, "anniversary": {"calendar"}}


@dataclass
class TextResult:
    file: str
    findings: list[Any]
    accounting: Accounting
    seconds: float
    crashed: str | None = None


@dataclass
class CorpusResult:
    texts: list[TextResult] = field(default_factory=list)
    gold: list[dict] = field(default_factory=list)
    families: dict[str, str] = field(default_factory=dict)


def audit_bytes(data: bytes, name: str) -> tuple[Any, list[Any]]:
    """(ExtractResult, findings) as `audit FILE` shows them: input findings, then the rules run
    on a report read from a document (the relations its reader linked count as inferred), each
    finding placed in the document, then localized and grouped into primary findings with their
    consequences (`workflows.pipeline.audit_read` does the same; a test keeps the two equal)."""
    from auditor.engine.grouping import group_findings
    from auditor.engine.localize import localize
    from auditor.engine.ruleset import load_rules
    from auditor.engine.runner import run_rules
    from auditor.extract import extract_bytes, to_read_result
    from auditor.model.findings import SEVERITY_RANK, Finding, Text, fingerprint, source_loc

    rs = load_rules()
    ex = extract_bytes(data, name)
    rr = to_read_result(ex)
    findings: list[Any] = []
    for p in rr.problems:
        spec = rs.get(p.rule_id)
        fix = None
        if spec is not None and spec.fix:
            fix = Text(vi=spec.fix.vi.replace("{stated}", p.text or ""), en=spec.fix.en.replace("{stated}", p.text or ""))
        findings.append(Finding(
            rule_id=p.rule_id, severity=spec.severity if spec else "error",
            title=Text(vi=spec.title.vi, en=spec.title.en) if spec else Text(vi="", en=""),
            message=Text(vi=p.vi, en=p.en), file=name, pointer=p.pointer, line=p.line, column=p.column,
            stated=p.text, legal_basis=list(spec.legal_basis) if spec else [],
            fingerprint=fingerprint(p.rule_id, p.pointer, p.text or "", p.en), fix=fix))
    if rr.report is not None:
        out = run_rules(rr.report, rs.rules, name, view=rr.view, inferred_links=rr.extracted)
        for f in out.findings:  # (as `pipeline.place_in_document`)
            if f.src is None and rr.locate is not None:
                f.src = source_loc(rr.locate(f.pointer))
            if f.line is None and f.src is not None and f.src.line is not None and not getattr(f.src, "page", None):
                f.line, f.column = f.src.line, (f.src.start or 0) + 1
        findings.extend(out.findings)
        if findings:
            def key(f: Finding) -> tuple:  # (as `pipeline.sort_key`)
                return (f.file, -SEVERITY_RANK[f.severity], f.line or 0, f.pointer, f.rule_id, f.fingerprint)

            findings = group_findings(findings, localize(out, out.view), rs.rules, key)
    return ex, findings


def members(f: Any) -> list[Any]:
    """A finding as the user sees it: the primary and the findings grouped under it."""
    return [f, *(f.consequences or [])]


def _norm(s: str) -> str:
    return re.sub(r"[\s%\u00a0]", "", s).replace("–", "-").replace("—", "-").strip(".,;:")


def quoted(f: Any) -> set[str]:
    """The numbers a finding quotes, normalised (spaces and “%” removed)."""
    out: set[str] = set()
    texts = [e.text for e in f.evidence] + [f.stated or "", f.expected or ""]
    for t in texts:
        if t:
            out.add(_norm(t))
    for tok in re.split(r"[\s;:()“”\"'«»\[\]]+", f.message.vi):
        n = _norm(tok)
        if n:
            out.add(n)
            out.update(x for x in re.split(r"[/=×+]", n) if x)
            # a number glued to its unit in a quoted snippet (“248,6ha/232ha”) is quoted as written
            out.update(_norm(x) for x in _DIGITS.findall(n))
    return out


_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def quotes_all(f: Any, numbers: list[str], q: set[str] | None = None) -> bool:
    q = quoted(f) if q is None else q
    for n in numbers:
        k = _norm(n)
        if k in q or k and k[0] in "+-−" and k[1:] in q:  # (“(-7,25%)”: the sign is written apart from the figure)
            continue
        parts = k.split("/")
        if len(parts) == 2 and all(re.fullmatch(r"[\d.,]+", x) for x in parts) and all(x in q for x in parts):
            continue
        return False
    return True


def matches(f: Any, row: dict, family: str, q: set[str] | None = None) -> bool:
    if row["numbers"]:
        return quotes_all(f, row["numbers"], q)
    return family in _EMPTY_ROW_FAMILIES.get(row["kind"], set())


def measure(corpus: Path) -> CorpusResult:
    from auditor.engine.ruleset import load_rules

    res = CorpusResult()
    res.gold = [json.loads(line) for line in (corpus / "gold.jsonl").read_text("utf-8").splitlines() if line.strip()]
    res.families = {r.id: r.family for r in load_rules().rules}
    for path in sorted((corpus / "texts").glob("*.txt")):
        data = path.read_bytes()
        t0 = time.perf_counter()
        try:
            ex, findings = audit_bytes(data, path.name)
        except Exception as e:  # noqa: BLE001 - a crash is a measured outcome, not a stop
            res.texts.append(TextResult(path.name, [], Accounting(), time.perf_counter() - t0, repr(e)))
            continue
        secs = time.perf_counter() - t0
        # a text of the corpus the reader could not read (INP005, INT001) is the reader failing on it: an
        # exception it caught is a crash all the same
        failed = next((f for f in findings for m in members(f) if m.rule_id in ("INP005", "INT001")), None)
        res.texts.append(TextResult(path.name, findings, account(ex, data.decode("utf-8", "replace")), secs,
                                    failed.message.en if failed is not None else None))
    return res


@dataclass
class Summary:
    by_kind: dict[str, list[int]]              # kind -> [E/W rows, found]
    found: list[str]
    missed: list[dict]
    false_alarms: list[tuple[str, Any]]        # (file, finding shown)
    agreement: list[tuple[dict, str]]          # (row, severity shown)
    i_rows: list[int]                          # [I rows, matched]
    # (row, severity) of the findings before grouping (each rule's own finding, as the rules
    # raised it): what the severity policy gives each relation, before one defect is one finding
    agreement_raw: list[tuple[dict, str]] = field(default_factory=list)


_RANK = {"info": 0, "warning": 1, "error": 2}


def _best(row: dict, shown: list[tuple[str, list[tuple[Any, set[str], str]]]]) -> str | None:
    """The severity shown for a row: among the findings shown (each a severity and its members:
    finding, quoted numbers, family), those with a member about the row; the one whose matching
    member quotes the fewest other numbers is the finding about this relation (the most severe
    of equals)."""
    hits = []
    for sev, ms in shown:
        sizes = [len(q) for f, q, fm in ms if matches(f, row, fm, q)]
        if sizes:
            hits.append((min(sizes), sev))
    if not hits:
        return None
    best = min(n for n, _ in hits)
    return max((sev for n, sev in hits if n == best), key=_RANK.__getitem__)


def summarise(res: CorpusResult) -> Summary:
    """The figures of a corpus, on the findings as the user sees them: a primary finding and
    the findings grouped under it (its consequences) are one finding, shown at the primary's
    severity; the row it is about may be the primary's or a consequence's."""
    rows_by_file: dict[str, list[dict]] = defaultdict(list)
    for g in res.gold:
        rows_by_file[g["file"]].append(g)
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    found, missed, false_alarms, agreement, raw = [], [], [], [], []
    i_rows = [0, 0]
    for t in res.texts:
        rows = rows_by_file.get(t.file, [])
        shown = [(f.severity, [(m, quoted(m), res.families.get(m.rule_id, "input")) for m in members(f)])
                 for f in t.findings]
        # before grouping: every finding on its own, at its own severity
        flat = [(m.severity, [(m, q, fm)]) for _, ms in shown for m, q, fm in ms]
        for row in rows:
            sev = _best(row, shown)
            if row["verdict"] in ("E", "W"):
                by_kind[row["kind"]][0] += 1
                if any(s in ("error", "warning") and any(matches(m, row, fm, q) for m, q, fm in ms)
                       for s, ms in shown):
                    by_kind[row["kind"]][1] += 1
                    found.append(row["id"])
                else:
                    missed.append(row)
            if row["verdict"] == "I":
                i_rows[0] += 1
                i_rows[1] += sev is not None
            if row["verdict"] in _EXPECTED and sev is not None:
                agreement.append((row, sev))
                raw_sev = _best(row, flat)
                if raw_sev is not None:
                    raw.append((row, raw_sev))
        bad_rows = [r for r in rows if r["verdict"] in ("E", "W", "I")]
        for f, (sev, ms) in zip(t.findings, shown):
            if sev not in ("error", "warning"):
                continue
            if not any(matches(m, r, fm, q) for r in bad_rows for m, q, fm in ms):
                false_alarms.append((t.file, f))
    return Summary(dict(by_kind), found, missed, false_alarms, agreement, i_rows, raw)


def _agreement(pairs: list[tuple[dict, str]]) -> tuple[int, int]:
    return sum(1 for row, sev in pairs if _EXPECTED[row["verdict"]] == sev), len(pairs)


def render(res: CorpusResult, verbose: bool = False) -> str:
    s = summarise(res)
    out: list[str] = []
    n = len(res.texts)
    out.append(f"Corpus: {n} texts, {len(res.gold)} gold rows "
               f"({sum(1 for g in res.gold if g['verdict'] in ('E', 'W'))} E/W, "
               f"{s.i_rows[0]} I, {sum(1 for g in res.gold if g['verdict'] == 'pass')} pass)")
    out.append("")
    out.append("Gold E/W rows found at error or warning, per kind:")
    tot = [0, 0]
    for kind in sorted(s.by_kind):
        a, b = s.by_kind[kind]
        tot[0] += a
        tot[1] += b
        out.append(f"  {kind:<14} {b:>3} / {a:<3}")
    pct = 100 * tot[1] / tot[0] if tot[0] else 0.0
    out.append(f"  {'all':<14} {tot[1]:>3} / {tot[0]:<3} ({pct:.0f}%)")
    agree, n_agree = _agreement(s.agreement)
    out.append("")
    out.append(f"Severity agreement on matched E/W/I rows (E→error, W→warning, I→info), findings as shown "
               f"(grouped): {agree} / {n_agree}" + (f" ({100 * agree / n_agree:.0f}%)" if n_agree else "")
               + f"; recall {tot[1]} / {tot[0]}" + (f" ({pct:.0f}%)" if tot[0] else ""))
    by_v: dict[str, Counter] = defaultdict(Counter)
    for row, sev in s.agreement:
        by_v[row["verdict"]][sev] += 1
    for v in ("E", "W", "I"):
        if by_v[v]:
            out.append(f"  {v}: " + ", ".join(f"{k} {c}" for k, c in sorted(by_v[v].items())))
    raw_agree, n_raw = _agreement(s.agreement_raw)
    out.append(f"  before grouping (each rule's own finding): {raw_agree} / {n_raw}"
               + (f" ({100 * raw_agree / n_raw:.0f}%)" if n_raw else ""))
    if verbose:
        for row, sev in s.agreement:
            if _EXPECTED[row["verdict"]] != sev:
                out.append(f"  disagrees: {row['id']} {row['verdict']} shown {sev}: {row['quote'][:80]}")
    out.append(f"I rows matched by any finding: {s.i_rows[1]} / {s.i_rows[0]}")
    errs = [x for x in s.false_alarms if x[1].severity == "error"]
    warns = [x for x in s.false_alarms if x[1].severity == "warning"]
    out.append("")
    out.append(f"False alarms (errors and warnings matching no E/W/I row): {len(errs)} errors, "
               f"{len(warns)} warnings")
    for file, f in errs + warns:
        out.append(f"  {file[:3]} {f.rule_id} {f.severity}: {f.message.vi[:200]}")
    out.append("")
    out.append("Missed E/W rows:")
    for row in s.missed:
        out.append(f"  {row['id']} {row['kind']} {row['verdict']} {row['numbers']}: {row['quote'][:90]}")
    acc = [t.accounting for t in res.texts]
    written = sum(a.written for a in acc)
    used = sum(a.used for a in acc)
    listed = sum(a.listed for a in acc)
    missing = sum(len(a.missing) for a in acc)
    out.append("")
    out.append(f"Numbers accounted: {used + listed} / {written} written "
               f"({used} in the report, {listed} listed by --explain, {missing} missing)")
    for t in res.texts:
        for line, num, ctx in t.accounting.missing[: (20 if verbose else 3)]:
            out.append(f"  missing {t.file[:3]}:{line} {num!r}: {ctx[:100]}")
    crashes = [t for t in res.texts if t.crashed]
    secs = [t.seconds for t in res.texts]
    out.append("")
    out.append(f"Crashes: {len(crashes)}" + "".join(f"\n  {t.file}: {t.crashed}" for t in crashes))
    out.append(f"Time: {sum(secs):.2f} s for {n} texts (slowest {max(secs, default=0):.3f} s)")
    if verbose:
        out.append("")
        for t in res.texts:
            for f in t.findings:
                out.append(f"  {t.file[:3]} {f.rule_id} {f.severity}: {f.message.vi[:160]}")
                for c in f.consequences or []:
                    out.append(f"      ↳ {c.rule_id} ({c.link}, {c.severity}): {c.message.vi[:150]}")
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    verbose = "--verbose" in argv or "-v" in argv
    args = [a for a in argv if not a.startswith("-")]
    if not args:
        print("usage: python -m auditor.extract.quality --corpus DIR [--verbose]", file=sys.stderr)
        return 2
    corpus = Path(args[0])
    if not (corpus / "gold.jsonl").is_file() or not (corpus / "texts").is_dir():
        print(f"{corpus}: không phải thư mục corpus (cần texts/ và gold.jsonl) / "
              f"not a corpus folder (needs texts/ and gold.jsonl)", file=sys.stderr)
        return 2
    res = measure(corpus)
    sys.stdout.write(render(res, verbose))
    return 0
