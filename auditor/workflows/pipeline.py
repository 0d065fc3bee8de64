"""One file through the whole flow: read -> validate -> run rules -> findings."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

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
from auditor.numeric import limits
from auditor.read.json_reader import InputProblem, ReadResult, read_report
from auditor.read.sourcemap import lookup_positions
from auditor.records import dataclass, field

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from typing import Any


@dataclass
class FileAudit:
    """The audit of one file: its result, findings and counts."""

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
    fix = None
    if spec is not None and spec.fix:
        shown = p.text or ""
        fix = Text(vi=spec.fix.vi.replace("{stated}", shown), en=spec.fix.en.replace("{stated}", shown))
    return Finding(
        rule_id=p.rule_id, severity=severity, title=title, message=Text(vi=p.vi, en=p.en),
        file=file, pointer=p.pointer, line=p.line, column=p.column, stated=p.text,
        legal_basis=list(spec.legal_basis) if spec else [],
        fingerprint=fingerprint(p.rule_id, p.pointer, p.text or "", p.en), fix=fix,
    )


def audit_read(res: ReadResult, ruleset: Ruleset, rules: list[RuleSpec], display: str,
               keep_document: bool = False) -> FileAudit:
    selected = {r.id for r in rules}
    findings = _input_findings([p for p in res.problems if p.rule_id in selected], ruleset, display)
    stats = Stats()
    passed: list[tuple[str, str]] = []
    unit = period = None
    if res.report is not None:
        out = run_rules(res.report, rules, display, view=res.view, inferred_links=res.extracted)
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
        # a rule the report made go beyond a limit was not run: said, whatever the selection
        findings.extend(_input_finding(InputProblem("INP009", "", vi, en), ruleset.get("INP009"), display)
                        for _rule, vi, en in out.beyond_limits)
        if findings:  # which value is wrong, and one finding per defect (engine/localize, grouping)
            from auditor.engine.grouping import group_findings
            from auditor.engine.localize import localize

            comps = localize(out, out.view)
            findings = group_findings(findings, comps, rules, sort_key)
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


def _input_findings(problems: list[InputProblem], ruleset: Ruleset, display: str) -> list[Finding]:
    """The input problems as findings, at most `limits.findings_per_rule` of one rule (100.000
    unknown keys would otherwise be 100.000 findings), the rest summed up in one."""
    cap = limits.current().findings_per_rule
    out: list[Finding] = []
    made: dict[str, int] = {}
    for p in problems:
        n = made[p.rule_id] = made.get(p.rule_id, 0) + 1
        if n <= cap:
            out.append(_input_finding(p, ruleset.get(p.rule_id), display))
    key = limits.key_of("findings_per_rule")
    for rule_id, n in made.items():
        if n > cap:
            more = n - cap
            out.append(_input_finding(InputProblem(
                rule_id, "",
                f"Còn {more} phát hiện khác của quy tắc {rule_id} trong tệp này không được liệt kê (tối đa {cap} "
                f"phát hiện của một quy tắc trong một tệp; khóa cấu hình {key}).",
                f"{more} more findings of rule {rule_id} in this file are not listed (at most {cap} findings of "
                f"one rule in one file; configuration key {key})."), ruleset.get(rule_id), display))
    return out


def sort_key(f: Finding) -> tuple:
    return (f.file, -SEVERITY_RANK[f.severity], f.line or 0, f.pointer, f.rule_id, f.fingerprint)


def audit_file(path: str, ruleset: Ruleset, rules: list[RuleSpec], display: str | None = None,
               keep_document: bool = False, *, only_reports: bool = False, digest: bool = True) -> FileAudit:
    """Read and audit one file. `only_reports`: a document (not JSON) in which nothing of a
    report is found (a README, notes) is listed as skipped with the reason instead of audited;
    for files found in a folder or by a pattern (a file the user names is always audited).
    `digest=False`: a JSON report's SHA-256 is not computed (`FileResult.sha256` stays None),
    for runs whose outputs do not print it (`read_report`)."""
    with collector_paused():  # (collections would cost more the larger the report: see there)
        # read and audited in a call of its own, so that the report and its view are freed
        # before the collector runs again (else its first collection walks all of them)
        return _read_and_audit(path, ruleset, rules, display or path, keep_document, only_reports, digest)


def _read_and_audit(path: str, ruleset: Ruleset, rules: list[RuleSpec], display: str,
                    keep_document: bool, only_reports: bool, digest: bool = True) -> FileAudit:
    res = read_any(path, digest=digest)
    if only_reports:
        why = not_a_report(res, path)
        if why is not None:
            return skipped_audit(display, *why)
    return audit_read(res, ruleset, rules, display, keep_document)


INTERNAL_RULE = "INT001"


def skipped_audit(display: str, vi: str, en: str) -> FileAudit:
    """A file of the run that is listed, with the reason, but not audited."""
    return FileAudit(FileResult(path=display, status="skipped", note=Text(vi=vi, en=en),
                                counts={"error": 0, "warning": 0, "info": 0}))


def internal_error_audit(display: str, exc: BaseException, ruleset: Ruleset | None = None) -> FileAudit:
    """What a bug raised while auditing one file becomes: that file's INT001 finding, naming the
    file, the exception and where it was raised, so that the other files' results and every
    output are still written (the run then exits 2: a bug is not the report's fault)."""
    import traceback

    name = type(exc).__name__
    text = " ".join(str(exc).split())
    text = text if len(text) <= 300 else text[:300] + "…"
    origin = exc.__cause__ or exc  # (an EngineError names the rule; its cause, where it broke)
    frames = [f for f in traceback.extract_tb(origin.__traceback__) if "auditor" in f.filename.replace("\\", "/")]
    where = ""
    if frames:
        f = frames[-1]
        parts = f.filename.replace("\\", "/").split("/")
        at = len(parts) - 1 - parts[::-1].index("auditor") if "auditor" in parts else len(parts) - 1
        where = "/".join(parts[at:]) + f":{f.lineno}"
    at_vi, at_en = (f" (tại {where})", f" (at {where})") if where else ("", "")
    spec = ruleset.get(INTERNAL_RULE) if ruleset is not None else None
    title = Text(vi=spec.title.vi, en=spec.title.en) if spec else Text(vi="Lỗi nội bộ", en="Internal error")
    finding = Finding(
        rule_id=INTERNAL_RULE, severity="error", title=title,
        message=Text(
            vi=f"Lỗi nội bộ khi kiểm tra {display}: {name}: {text}{at_vi}. Đây là lỗi của công cụ, không phải của "
               "báo cáo; các tệp khác vẫn được kiểm tra. Xin gửi tệp này cho nhóm phát triển.",
            en=f"Internal error while auditing {display}: {name}: {text}{at_en}. This is a bug in the tool, not a "
               "fault of the report; the other files were still audited. Please send this file to the developers."),
        file=display, pointer="", fingerprint=fingerprint(INTERNAL_RULE, display, name),
        fix=Text(vi=spec.fix.vi, en=spec.fix.en) if spec is not None and spec.fix else None)
    fr = FileResult(path=display, status="error", counts={"error": 1, "warning": 0, "info": 0})
    return FileAudit(fr, [finding])


def audit_isolated(fn: Callable[[], FileAudit], display: str, ruleset: Ruleset | None = None) -> FileAudit:
    """`fn()`, or, should it raise (a bug: input problems are findings, never exceptions), that
    file's INT001 audit. An interrupt (Ctrl+C) still stops the run."""
    try:
        return fn()
    except Exception as e:  # noqa: BLE001 - one file's bug must not lose the batch
        return internal_error_audit(display, e, ruleset)


_REPORT_ITEMS = ("indicators", "totals", "structures", "rates", "products", "payouts", "differences", "counts",
                 "named_lists", "rankings", "spelled", "awards", "facts", "council")
_VN_LETTERS = "[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]"


def not_a_report(res: ReadResult, path: str) -> tuple[str, str] | None:
    """Why a document is not a report, or None. Only documents (a JSON file is a report by its
    format): one in which the reader found no title, no period and no figure of a report
    (notes), or whose text is not Vietnamese (a README in English)."""
    if str(path).lower().endswith(".json") or res.report is None:
        return None
    r = res.report
    words = " ".join([r.meta.title or "", *(" ".join([s.heading, *s.text]) for s in (r.sections or []))]).split()
    letters = [w for w in words if any(ch.isalpha() for ch in w)]
    if len(letters) >= 30 and sum(1 for w in letters if re.search(_VN_LETTERS, w, re.I)) < 0.2 * len(letters):
        return ("Bỏ qua: không phải báo cáo (văn bản không viết bằng tiếng Việt).",
                "Skipped: not a report (the text is not in Vietnamese).")
    has_items = any(getattr(r, k, None) for k in _REPORT_ITEMS)
    if not has_items and not (r.meta.title or "").strip() and r.meta.period.year is None:
        return ("Bỏ qua: không phải báo cáo (không thấy tiêu đề, kỳ báo cáo hay số liệu nào).",
                "Skipped: not a report (no title, period or figures found in it).")
    return None


def read_any(path: str, *, digest: bool = True) -> ReadResult:
    """JSON reports through the reader; .docx/.txt/.md (and .doc, .pdf … for a clear message)
    through the extractor (auditor/extract), imported only then. `digest=False`: a JSON
    report's SHA-256 is not computed (a document's extractor computes its own as before)."""
    if not str(path).lower().endswith(".json") and path != "-":
        from auditor.extract import is_document, read_document

        if is_document(path):
            return read_document(path)
    return read_report(path, digest=digest)


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
