"""Check kinds for legal and administrative references."""

from __future__ import annotations
