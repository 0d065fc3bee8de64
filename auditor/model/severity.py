"""Severities, kept in a module with no heavy imports so the CLI starts fast."""

from __future__ import annotations

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from typing import Literal

    Severity = Literal["error", "warning", "info"]

SEVERITY_RANK: dict[str, int] = {"info": 1, "warning": 2, "error": 3}

# What a check may say about the evidence of a finding, for the severity policy
# (auditor/engine/policy.py, docs/findings.md).
QUALIFIERS = ("truncated", "approximate", "inferred", "hidden_base", "convention", "unit_dependent", "draft", "cosmetic")


def __getattr__(name: str) -> object:
    # `Severity` is made when asked for (by the pydantic models and the findings' schema, which
    # read it): a run's start does not import `typing` (issue 16)
    if name == "Severity":
        from typing import Literal

        globals()["Severity"] = alias = Literal["error", "warning", "info"]
        return alias
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
