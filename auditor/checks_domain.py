"""Check kinds for awards, units, counts and completeness."""

from __future__ import annotations
