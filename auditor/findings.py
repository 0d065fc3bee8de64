"""Findings and run results: what the engine produces and every renderer consumes.
`schemas/findings.schema.json` is generated from `RunResult`."""

from __future__ import annotations

import hashlib
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .model import SourceLoc
from .severity import SEVERITY_RANK, Severity  # noqa: F401  (re-exported)

FINDINGS_FORMAT_VERSION = 1


class _M(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Text(_M):
    vi: str
    en: str


class Evidence(_M):
    role: str = Field(description="stated, operand, mention …")
    text: str = Field(description="The value as written in the report.")
    value: str | None = Field(None, description="Exact value (plain decimal).")
    unit: str | None = None
    pointer: str | None = None
    src: SourceLoc | None = None


class Hint(_M):
    pointer: str
    written: str
    suggested: str
    message: Text


class Finding(_M):
    rule_id: str
    severity: Severity
    title: Text
    message: Text
    file: str
    pointer: str = Field(description="JSON Pointer (RFC 6901) of the value at fault.")
    item: str | None = Field(None, description="The item the finding is about (indicator, total …).")
    related: list[str] = Field(default_factory=list, description="Pointers of the other values involved.")
    src: SourceLoc | None = Field(None, description="Place in the original document, when known.")
    line: int | None = Field(None, description="Line in the input file (JSON text) of the value.")
    column: int | None = None
    stated: str | None = None
    expected: str | None = None
    formula: str | None = None
    imbalance: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)
    hints: list[Hint] = Field(default_factory=list)
    legal_basis: list[str] = Field(default_factory=list)
    fingerprint: str
    baseline_state: Literal["new", "unchanged", "updated", "absent"] | None = Field(
        None, description="With a baseline (SARIF baselineState): new = not recorded in it, "
        "unchanged = recorded (known); null when no baseline was used.")
    suppressed: bool | None = Field(
        None, description="True when the baseline (or an accepted entry) covers the finding: it is "
        "shown but does not count for the exit code.")
    justification: str | None = Field(None, description="Why the finding was accepted (baseline `accepted`).")


class PassedCheck(_M):
    rule_id: str
    pointer: str = Field(description="JSON Pointer of the item the check was evaluated on.")


class FileResult(_M):
    path: str
    sha256: str | None = None
    status: Literal["ok", "findings", "invalid", "unreadable"]
    unit: str | None = None
    period: str | None = None
    counts: dict[str, int] = Field(default_factory=dict)
    passed: list[PassedCheck] | None = Field(
        None, description="Checks evaluated on this file that passed (rule id, pointer of the item); "
        "present only when asked for (the printable report lists them).")


class Stats(_M):
    evaluated: int = 0
    passed: int = 0
    failed: int = 0
    skipped: int = 0
    rules: int = 0


class ToolInfo(_M):
    name: str
    version: str
    ruleset: str


class RunResult(_M):
    """The documented JSON output of `audit -f json`."""

    version: int = FINDINGS_FORMAT_VERSION
    tool: ToolInfo
    files: list[FileResult] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    stats: Stats = Field(default_factory=Stats)
    summary: dict[str, int] = Field(default_factory=dict)
    fail_on: Literal["error", "warning", "info", "never"] = Field(
        "warning", description="Lowest severity that fails the run (exit code 1); renderers such as "
        "JUnit count as failures exactly the findings at or above it.")


def fingerprint(*parts: str) -> str:
    h = hashlib.sha256("\x1f".join(parts).encode("utf-8"))
    return h.hexdigest()[:20]
