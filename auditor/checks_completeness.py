"""Check kinds for completeness and identity: blank fields, signatory, appendices, the unit's own name."""

from __future__ import annotations
