"""Findings and run results: what the engine produces and every renderer consumes.

Plain slotted dataclasses, not pydantic models: a batch creates tens of thousands of them and
ships them from worker processes to the main one, and building nine pydantic models cost a
tenth of the start-up of `audit` on one report. Pydantic still describes them: the JSON
Schema (`schemas/findings.schema.json`, generated from `RunResult`) and reading a findings
file back (`audit compare`) go through a `TypeAdapter`, built only when needed. Field
descriptions are attribute docstrings (`use_attribute_docstrings`)."""

from __future__ import annotations

from functools import lru_cache

from auditor.files import digest
from auditor.model.severity import SEVERITY_RANK  # noqa: F401  (re-exported)
from auditor.records import dataclass, field

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from typing import Any, Literal

    from auditor.model.severity import Severity

# 2: findings grouped by culprit (`consequences`, `link`), error localization
# (`localization`), a concrete `fix` and the reason for the severity (`severity_note`). A
# version-1 file is still read (the new fields are optional).
FINDINGS_FORMAT_VERSION = 2

# read by pydantic (TypeAdapter) for the schema and for validating a findings file
_CONFIG = {"extra": "forbid", "use_attribute_docstrings": True}
_record = dataclass(slots=True, kw_only=True)


class _Record:
    __slots__ = ()
    __pydantic_config__ = _CONFIG

    def to_json(self) -> dict[str, Any]:
        """The record as `-f json` writes it: plain JSON types, None fields left out."""
        return to_json(self)


@_record
class Text(_Record):
    vi: str
    en: str


@_record
class SourceLoc(_Record):
    """Where a value came from in the original document (the report's `src`)."""

    line: int | None = None
    """Line in a text document (1-based)."""
    paragraph: int | None = None
    """Paragraph number in a .docx (1-based)."""
    table: int | None = None
    """Table number in the document (1-based)."""
    row: int | None = None
    """Table row (1-based)."""
    column: int | None = None
    """Table column (1-based)."""
    start: int | None = None
    """Character offset where the text starts."""
    end: int | None = None
    """Character offset where the text ends."""
    quote: str | None = None
    """The sentence or cell the value was read from."""
    page: int | None = None
    """Page of a PDF or an image (1-based); `line` then counts the lines of that page."""
    ocr: bool | None = None
    """True when the text was read by OCR from a scan (uncertain)."""
    image: str | None = None
    """For a value read by OCR: a small picture of its place on the scan (data: URI, PNG)."""


_LOC_FIELDS = ("line", "paragraph", "table", "row", "column", "start", "end", "quote", "page", "ocr", "image")
_LOC_KEYS = frozenset(_LOC_FIELDS)


def source_loc(v: Any) -> SourceLoc | None:
    """The `src` of a report item (its view dict, or the object itself) as a finding's
    SourceLoc; None when there is none or it is not one."""
    if v is None or isinstance(v, SourceLoc):
        return v
    d = v if isinstance(v, dict) else getattr(v, "__dict__", None)
    if not isinstance(d, dict):
        return None
    if d.keys() == _LOC_KEYS:  # the report's own SourceLoc object: all its fields, nothing else
        return SourceLoc(**d)
    fields = {k: x for k, x in d.items() if not k.startswith("$")}
    if not set(fields) <= set(_LOC_FIELDS):
        return None
    return SourceLoc(**fields)


@_record
class Evidence(_Record):
    role: str
    """stated, operand, mention …"""
    text: str
    """The value as written in the report."""
    value: str | None = None
    """Exact value (plain decimal)."""
    unit: str | None = None
    pointer: str | None = None
    src: SourceLoc | None = None


@_record
class Hint(_Record):
    pointer: str
    written: str
    suggested: str
    message: Text


@_record
class Culprit(_Record):
    """A written value that error localization points at, with the repair the relations allow."""

    pointer: str
    written: str
    """The value as written."""
    label: Text | None = None
    """What the value is (“% kế hoạch · Sản lượng lương thực”)."""
    suggested: str | None = None
    """The value that makes the relations hold, written like the original: the one the
    relations determine, or the one keystroke away among those they allow; null when they
    leave a range."""
    low: str | None = None
    """Lowest value that makes the relations hold, when they leave a range (or a bound)."""
    high: str | None = None
    """Highest value that makes the relations hold, when they leave a range (or a bound)."""
    typo: Literal["swap", "digit", "separator", "dropped", "extra"] | None = None
    """How `suggested` is one keystroke away from `written`: two digits swapped, one digit
    changed, comma for dot (or back), a digit dropped, a digit too many."""


@_record
class Confirmation(_Record):
    """A value of the failing relations that relations which hold confirm."""

    pointer: str
    written: str
    label: Text | None = None
    rules: list[str] = field(default_factory=list)
    """The rules whose relations hold with this value and would break if it changed."""


@_record
class Localization(_Record):
    """Which written value is likely wrong (Fellegi–Holt error localization over every relation
    the rules evaluated; docs/findings.md)."""

    verdict: Literal["named", "undetermined", "several"]
    """named: one value explains every failing relation of the group at the least weight;
    undetermined: several values would, equally (the report does not tell which one is wrong);
    several: no single value does, the least set has two (one per culprit)."""
    culprits: list[Culprit] = field(default_factory=list)
    """named: the value; several: the values; undetermined: the candidates, equally likely."""
    confirmed: list[Confirmation] = field(default_factory=list)
    message: Text


@_record
class Finding(_Record):
    rule_id: str
    severity: Severity
    title: Text
    message: Text
    file: str
    pointer: str
    """JSON Pointer (RFC 6901) of the value at fault."""
    item: str | None = None
    """The item the finding is about (indicator, total …)."""
    related: list[str] = field(default_factory=list)
    """Pointers of the other values involved."""
    src: SourceLoc | None = None
    """Place in the original document, when known."""
    line: int | None = None
    """Line in the input file (JSON text) of the value."""
    column: int | None = None
    stated: str | None = None
    expected: str | None = None
    formula: str | None = None
    imbalance: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    hints: list[Hint] = field(default_factory=list)
    legal_basis: list[str] = field(default_factory=list)
    fingerprint: str
    baseline_state: Literal["new", "unchanged", "updated", "absent"] | None = None
    """With a baseline (SARIF baselineState): new = not recorded in it, unchanged = recorded
    (known); null when no baseline was used."""
    suppressed: bool | None = None
    """True when the baseline (or an accepted entry) covers the finding: it is shown but does
    not count for the exit code."""
    justification: str | None = None
    """Why the finding was accepted (baseline `accepted`)."""
    fix: Text | None = None
    """What to change, concretely, with the suggested value when one is determined."""
    severity_note: Text | None = None
    """Why the finding has this severity under the severity policy (docs/findings.md), when a
    reading or convention lowered it."""
    localization: Localization | None = None
    """Which value is likely wrong (on a primary finding of failing relations)."""
    consequences: list[Finding] | None = None
    """Other findings explained by the same defect: failing relations with the same culprit,
    other rules on the same value or phrase, the same problem at other places. They keep
    their rule, pointer and fingerprint, and are counted once, with this finding."""
    link: Literal["culprit", "place", "repeat"] | None = None
    """On a consequence, why it is grouped: culprit = it fails because of the primary's
    culprit; place = another rule on the same value or phrase; repeat = the same problem
    stated again elsewhere."""


@_record
class PassedCheck(_Record):
    rule_id: str
    pointer: str
    """JSON Pointer of the item the check was evaluated on."""


@_record
class DocPiece(_Record):
    """A piece of the original document as written: a line of a text file, a paragraph of a
    .docx, a table cell, a line of a JSON file."""

    text: str
    page: int | None = None
    """Page of a PDF or an image (1-based); `line` then counts that page's lines."""
    line: int | None = None
    """Line in a text document or a JSON file (1-based)."""
    paragraph: int | None = None
    """Paragraph number in a .docx (1-based)."""
    table: int | None = None
    row: int | None = None
    column: int | None = None
    span: int | None = None
    """Columns a merged table cell covers (more than one)."""


@_record
class DocBlock(_Record):
    kind: Literal["paragraph", "heading", "table", "code"]
    """paragraph or heading: its pieces in order; table: its cells row by row; code: the lines
    of a JSON file."""
    pieces: list[DocPiece] = field(default_factory=list)
    level: int | None = None
    """Heading level, when the document marks one."""


@_record
class DocumentText(_Record):
    """The audited document as written, for showing findings in place (the HTML report,
    `audit serve`): present only when asked for (`--include-document`)."""

    kind: str
    """docx, text, markdown (read by the extractor), json (the file's own text) or quotes (the
    sentences the report's `src` quote)."""
    blocks: list[DocBlock] = field(default_factory=list)
    truncated: bool | None = None
    """True when the document was too long to keep whole (only its beginning is kept)."""


@_record
class FileResult(_Record):
    path: str
    sha256: str | None = None
    status: Literal["ok", "findings", "invalid", "unreadable", "skipped", "error"]
    """skipped: listed but not audited (not a report, not a regular file; see `note`); error: a bug
    stopped its audit (its INT001 finding says which)."""
    note: Text | None = None
    """Why the file was skipped."""
    unit: str | None = None
    period: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    passed: list[PassedCheck] | None = None
    """Checks evaluated on this file that passed (rule id, pointer of the item); present only
    when asked for (the printable report lists them)."""
    document: DocumentText | None = None
    """The document as written (paragraphs, tables, lines), present only when asked for."""


@_record
class Stats(_Record):
    evaluated: int = 0
    passed: int = 0
    failed: int = 0
    skipped: int = 0
    rules: int = 0


@_record
class ToolInfo(_Record):
    name: str
    version: str
    ruleset: str


@_record
class RunResult(_Record):
    """The documented JSON output of `audit -f json`."""

    version: int = FINDINGS_FORMAT_VERSION
    tool: ToolInfo
    files: list[FileResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    stats: Stats = field(default_factory=Stats)
    summary: dict[str, int] = field(default_factory=dict)
    fail_on: Literal["error", "warning", "info", "never"] = "warning"
    """Lowest severity that fails the run (exit code 1); renderers such as JUnit count as
    failures exactly the findings at or above it."""


_PLAIN = frozenset({str, int, bool, float})


def to_json(obj: Any) -> Any:
    """Records, lists and dicts as plain JSON values; a record's None fields are left out
    (`exclude_none`), empty lists kept."""
    if isinstance(obj, _Record):
        out: dict[str, Any] = {}
        for name in obj.__record_fields__:  # type: ignore[attr-defined]  (auditor.records)
            v = getattr(obj, name)
            if v is not None:
                out[name] = v if v.__class__ in _PLAIN else to_json(v)
        return out
    if isinstance(obj, list | tuple):
        return [to_json(v) for v in obj]
    if isinstance(obj, dict):
        return {k: to_json(v) for k, v in obj.items()}
    if hasattr(obj, "model_dump"):
        return obj.model_dump(mode="json", exclude_none=True)
    return obj


@lru_cache(maxsize=1)
def _run_result_adapter() -> Any:
    import typing

    from pydantic import TypeAdapter

    from auditor.model import severity

    # pydantic reads the fields' annotations in this module's namespace: the names a run's start
    # imports only for type checkers (it does not import `typing`, issue 16) are put there first
    globals().update(Any=typing.Any, Literal=typing.Literal, Severity=severity.Severity)
    return TypeAdapter(RunResult)


def validate_run_result(raw: Any) -> RunResult:
    """A findings file (`audit -f json`) read back; raises pydantic's ValidationError."""
    return _run_result_adapter().validate_python(raw)


def run_result_schema() -> dict[str, Any]:
    return _one_line(_run_result_adapter().json_schema(mode="serialization"))


def _one_line(node: Any) -> Any:
    """Attribute docstrings wrap at the source's line length; descriptions are one line."""
    if isinstance(node, dict):
        return {k: " ".join(v.split()) if k == "description" and isinstance(v, str) else _one_line(v)
                for k, v in node.items()}
    if isinstance(node, list):
        return [_one_line(v) for v in node]
    return node


def fingerprint(*parts: str) -> str:
    # surrogatepass: a lone surrogate in a report's text (INP007) still gives a fingerprint,
    # and the same one as any valid text would (UTF-8 is unchanged for those)
    h = digest.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:20]
