"""Check kinds for the report's period and dates: headings, column labels, plan section, report date, documents and data dates."""

from __future__ import annotations
