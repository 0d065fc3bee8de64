"""The format of rule files (`rules/*.yaml`): the pydantic models, the single source of truth
of `schemas/rule.schema.json` and of the fast reader's plan (`auditor/data/rule_plan.json`).

Imported only to validate a rule file that is not in the cache, and to generate the schema;
a run reads cached rules through `lean.py`, without pydantic (see `rules.py`)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from auditor.model.severity import QUALIFIERS, Severity  # noqa: F401  (re-exported)


class Text(BaseModel):
    # a model of its own, not `findings.Text` (a plain dataclass): pydantic builds a model's
    # schema once, a dataclass's anew in every field that uses it

    model_config = ConfigDict(extra="forbid", title="Text")
    vi: str
    en: str


class Example(BaseModel):
    model_config = ConfigDict(extra="forbid")
    expect: Literal["pass", "fail", "info"] = Field(
        description="pass: the rule raises nothing; fail: it raises a finding at its severity; "
        "info: it raises an info finding (e.g. truncation).")
    severity: Severity | None = Field(
        None, description="The severity the finding must have (the severity policy may lower the "
        "rule's severity for this example's evidence).")
    title: str | None = None
    report: dict[str, Any] | None = Field(None, description="Report fragment merged onto a minimal report.")
    raw: str | None = Field(None, description="Raw file content, for input rules.")
    encoding: str = Field("utf-8", description="Encoding used to turn `raw` into bytes.")
    document: str | None = Field(
        None, description="A text document read by the document reader (.txt), for rules about how a "
        "document's text is read.")
    params: dict[str, Any] | None = Field(
        None, description="Parameters overriding the rule's for this example (as a configuration would).")


class RuleSpec(BaseModel):
    """One rule: metadata, a scope that selects items, and a check kind with parameters."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[A-Z]{2,6}[0-9]{3}$")
    family: str
    title: Text
    severity: Severity
    scope: str | None = Field(None, description="JMESPath selecting the items the rule applies to.")
    group_by: str | None = Field(None, description="Field to group selected items by.")
    check: str
    params: dict[str, Any] = Field(default_factory=dict)
    for_each: dict[str, list[str]] | None = Field(
        None, description="Run the rule once per value, substituting {name} in string "
        "parameters, e.g. {col: [th, kh, ck]} with total: values.{col}.")
    severity_when: dict[str, Severity] | None = Field(
        None, description="Severity policy (docs/findings.md): the highest severity of a finding "
        "whose evidence carries a qualifier (truncated, approximate, inferred, hidden_base, "
        "convention, unit_dependent, draft, cosmetic), e.g. {approximate: warning}. Merged over the default "
        "policy (truncated, draft, cosmetic: info; approximate, inferred, hidden_base, "
        "convention, unit_dependent: warning); {} fixes every finding at `severity` (as a severity set in "
        "the configuration does).")
    message: Text
    rationale: Text
    fix: Text | None = Field(
        None, description="How to fix a finding, concretely; a template with the finding's "
        "parameters ({stated}, {expected} …), followed by the suggested value when one is found.")
    legal_basis: list[str] = Field(default_factory=list)
    examples: list[Example] = Field(min_length=2)
    since: str = "0.1.0"
    tags: list[str] = Field(default_factory=list)


class RuleFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: str
    description: str | None = None
    rules: list[RuleSpec]
