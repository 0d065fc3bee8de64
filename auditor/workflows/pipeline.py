"""One file through the whole flow: read -> validate -> run rules -> findings."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from auditor import __version__
from auditor.engine.ruleset import Ruleset, RuleSpec
from auditor.engine.runner import collector_paused, run_rules
from auditor.model.findings import (
    SEVERITY_RANK,
    DocumentText,
    FileResult,
    Finding,
    PassedCheck,
    RunResult,
    Stats,
    Text,
    ToolInfo,
    fingerprint,
    source_loc,
)
from auditor.read.json_reader import InputProblem, ReadResult, read_report
from auditor.read.sourcemap import lookup_positions


@dataclass
class FileAudit:
    file: FileResult
    findings: list[Finding] = field(default_factory=list)
    stats: Stats = field(default_factory=Stats)
    # (rule id, item pointer) of every check that passed; `combine(..., keep_passed=True)`
    # carries them into `FileResult.passed` for the printable report.
    passed: list[tuple[str, str]] = field(default_factory=list)
    # the document as written (`combine(..., keep_document=True)` puts it in `FileResult.document`)
    document: DocumentText | None = None


def _input_finding(p: InputProblem, spec: RuleSpec | None, file: str) -> Finding:
    title = Text(vi=spec.title.vi, en=spec.title.en) if spec else Text(vi="Lỗi đầu vào", en="Input problem")
    severity = spec.severity if spec else "error"
    return Finding(
        rule_id=p.rule_id, severity=severity, title=title, message=Text(vi=p.vi, en=p.en),
        file=file, pointer=p.pointer, line=p.line, column=p.column, stated=p.text,
        legal_basis=list(spec.legal_basis) if spec else [],
        fingerprint=fingerprint(p.rule_id, p.pointer, p.text or "", p.en),
    )


def audit_read(res: ReadResult, ruleset: Ruleset, rules: list[RuleSpec], display: str,
               keep_document: bool = False) -> FileAudit:
    selected = {r.id for r in rules}
    findings = [_input_finding(p, ruleset.get(p.rule_id), display)
                for p in res.problems if p.rule_id in selected]
    stats = Stats()
    passed: list[tuple[str, str]] = []
    unit = period = None
    if res.report is not None:
        out = run_rules(res.report, rules, display, view=res.view)
        stats = out.stats.as_stats()
        passed = out.passed
        # positions of the findings only: a report without findings is never source-mapped
        pos = lookup_positions(res.positions, [f.pointer for f in out.findings if f.line is None])
        for f in out.findings:
            if f.line is None and f.pointer in pos:
                f.line, f.column = pos[f.pointer]
        if res.locate is not None:  # a document: every finding gets its place in it
            place_in_document(out.findings, res.locate)
        findings.extend(out.findings)
        m = res.report.meta
        unit = m.issuer or m.unit.name
        kind_vi = {"year": "năm", "half_year": "6 tháng", "nine_months": "9 tháng", "quarter": "quý",
                   "month": "tháng", "other": "kỳ"}[m.period.kind]
        period = m.period.label or " ".join(str(x) for x in (kind_vi, m.period.year) if x)
    findings.sort(key=sort_key)
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    if res.report is None:
        status = "unreadable" if any(p.rule_id in ("INP001", "INP002") for p in res.problems) else "invalid"
    else:
        status = "findings" if findings else "ok"
    fr = FileResult(path=display, sha256=res.sha256, status=status, unit=unit, period=period, counts=counts)
    return FileAudit(fr, findings, stats, passed, document_of(res) if keep_document else None)


def place_in_document(findings: list[Finding], locate: Callable[[str], Any]) -> None:
    """Findings about a document (.docx, .txt …): a finding without a place of its own gets
    the place of its item (or of the nearest enclosing item that has one); one read from a
    text file gets that file's line and column, so every output format can point at it."""
    for f in findings:
        if f.src is None:
            f.src = source_loc(locate(f.pointer))
        if f.line is None and f.src is not None and f.src.line is not None and not getattr(f.src, "page", None):
            f.line, f.column = f.src.line, (f.src.start or 0) + 1  # a PDF's lines are not the file's


def document_of(res: ReadResult) -> DocumentText | None:
    """The audited document as written: the extractor's for a document, else the JSON's."""
    if res.document is not None:
        return res.document()  # type: ignore[no-any-return]
    if res.report is None and res.text is None:
        return None
    from auditor.read.docview import json_document

    return json_document(res)


def sort_key(f: Finding) -> tuple:
    return (f.file, -SEVERITY_RANK[f.severity], f.line or 0, f.pointer, f.rule_id, f.fingerprint)


def audit_file(path: str, ruleset: Ruleset, rules: list[RuleSpec], display: str | None = None,
               keep_document: bool = False) -> FileAudit:
    with collector_paused():  # (collections would cost more the larger the report: see there)
        return audit_read(read_any(path), ruleset, rules, display or path, keep_document)


def read_any(path: str) -> ReadResult:
    """JSON reports through the reader; .docx/.txt/.md (and .doc, .pdf … for a clear message)
    through the extractor (auditor/extract), imported only then."""
    if not str(path).lower().endswith(".json") and path != "-":
        from auditor.extract import is_document, read_document

        if is_document(path):
            return read_document(path)
    return read_report(path)


def combine(audits: Iterable[FileAudit], ruleset: Ruleset, *, keep_passed: bool = False) -> RunResult:
    """One run result from file audits (consumed one by one: a generator streams). A file's
    document, when its audit kept one, goes into its `FileResult`."""
    rr = RunResult(tool=ToolInfo(name="auditor", version=__version__, ruleset=ruleset.version))
    for a in audits:
        if keep_passed:
            a.file.passed = [PassedCheck(rule_id=r, pointer=p) for r, p in a.passed]
        if a.document is not None:
            a.file.document = a.document
        rr.files.append(a.file)
        rr.findings.extend(a.findings)
        for k in ("evaluated", "passed", "failed", "skipped"):
            setattr(rr.stats, k, getattr(rr.stats, k) + getattr(a.stats, k))
        rr.stats.rules = max(rr.stats.rules, a.stats.rules)
    rr.summary = {s: sum(1 for f in rr.findings if f.severity == s) for s in ("error", "warning", "info")}
    rr.summary["files"] = len(rr.files)
    return rr
