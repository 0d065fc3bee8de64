"""Severities, kept in a module with no heavy imports so the CLI starts fast."""

from typing import Literal

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK: dict[str, int] = {"info": 1, "warning": 2, "error": 3}

# What a check may say about the evidence of a finding, for the severity policy
# (auditor/engine/policy.py, docs/findings.md).
QUALIFIERS = ("truncated", "approximate", "inferred", "hidden_base", "convention", "unit_dependent", "draft", "cosmetic")
