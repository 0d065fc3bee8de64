"""Check kinds for periods, dates and calendar arithmetic in prose."""

from __future__ import annotations
