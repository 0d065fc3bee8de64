"""The registry of legal and party documents (`auditor/data/legal_documents.yaml`).

Numbers are looked up after normalisation, because reports write the same number in many
ways: "91/2017/NĐ-CP", "91/2017/ND-CP", "số 91/2017/NĐ - CP", "05-CT/TW", "5-CT/TƯ".
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache

from auditor.files.yamlio import data_path, load_data
from auditor.records import dataclass

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from typing import Any

REQUIRED_KEYS = ("number", "kind", "issuer", "title", "date", "source")
OPTIONAL_KEYS = ("effective", "replaced_by", "replaced_from", "date_verified",
                 "replaced_verified", "note")


class RegistryError(Exception):
    """The registry file is malformed (a bug in the data, not in a report)."""


@dataclass(frozen=True)
class LegalDoc:
    """A legal document the registry knows: number, kind, issuer, title, date."""
    number: str
    kind: str
    issuer: str
    title: str
    date: dt.date | None
    source: str
    effective: dt.date | None = None
    replaced_by: str | None = None
    replaced_from: dt.date | None = None
    # False when the sources disagree or are secondary: rules then do not assert the date.
    date_verified: bool = True
    replaced_verified: bool = True
    note: str | None = None

    @property
    def key(self) -> str:
        return normalize_number(self.number)

    @property
    def has_year(self) -> bool:
        return number_has_year(self.number)

    def citation(self) -> str:
        """How a report would cite it: "Nghị định 91/2017/NĐ-CP"."""
        return f"{self.kind} {self.number}"


_DASHES = "‐‑‒–—−"


@lru_cache(maxsize=4096)  # pure; the same few hundred numbers are looked up in every report
def normalize_number(number: str | None) -> str:
    """A lookup key for a document number: upper case, "Đ" → "D", "TƯ" → "TW", no accents,
    no spaces, dashes or dots, no leading "số", no leading zeros in the first number.
    "số 05-CT/TƯ" and "5-CT/TW" give the same key; so do "91/2017/NĐ-CP" and "91/2017/ND-CP"."""
    if not number:
        return ""
    s = unicodedata.normalize("NFC", number).strip().upper()
    s = re.sub(r"^SỐ\s*[:.]?\s*", "", s)
    # Party documents write the Central Committee as "TW" or "TƯ" (trung ương); "TU" alone
    # is a provincial party committee (tỉnh ủy), so TƯ must be mapped before accents go.
    s = s.replace("TƯ", "TW").replace("Đ", "D")
    s = "".join(ch for ch in unicodedata.normalize("NFD", s) if not unicodedata.combining(ch))
    for ch in _DASHES:
        s = s.replace(ch, "-")
    s = re.sub(r"[\s.\-_]", "", s)
    s = re.sub(r"^0+(?=\d)", "", s)
    return s


_YEAR_IN_NUMBER = re.compile(r"^\s*\d+\s*/\s*((?:19|20)\d{2})\s*/")


def number_year(number: str | None) -> int | None:
    """The year written in a state normative document's number ("91/2017/NĐ-CP" → 2017);
    party documents, letters and individual decisions carry none."""
    if not number:
        return None
    m = _YEAR_IN_NUMBER.match(number)
    return int(m.group(1)) if m else None


def number_has_year(number: str | None) -> bool:
    return number_year(number) is not None


def _date(v: Any, where: str) -> dt.date | None:
    if v is None:
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    try:
        return dt.date.fromisoformat(str(v))
    except ValueError:
        raise RegistryError(f"{where}: not an ISO date: {v!r}") from None


def parse_rows(rows: list[dict[str, Any]]) -> dict[str, LegalDoc]:
    """Validate registry rows and index them by normalised number."""
    out: dict[str, LegalDoc] = {}
    for i, row in enumerate(rows):
        where = f"legal_documents.yaml row {i} ({row.get('number')!r})"
        missing = [k for k in REQUIRED_KEYS if k not in row]
        if missing:
            raise RegistryError(f"{where}: missing {', '.join(missing)}")
        unknown = set(row) - set(REQUIRED_KEYS) - set(OPTIONAL_KEYS)
        if unknown:
            raise RegistryError(f"{where}: unknown keys {', '.join(sorted(unknown))}")
        doc = LegalDoc(
            number=str(row["number"]), kind=str(row["kind"]), issuer=str(row["issuer"]),
            title=str(row["title"]), date=_date(row["date"], where), source=str(row["source"]),
            effective=_date(row.get("effective"), where),
            replaced_by=str(row["replaced_by"]) if row.get("replaced_by") else None,
            replaced_from=_date(row.get("replaced_from"), where),
            date_verified=bool(row.get("date_verified", True)),
            replaced_verified=bool(row.get("replaced_verified", True)),
            note=row.get("note"),
        )
        if doc.date is None and doc.date_verified:
            raise RegistryError(f"{where}: a null date must be marked date_verified: false")
        if bool(doc.replaced_by) != bool(doc.replaced_from):
            raise RegistryError(f"{where}: replaced_by and replaced_from go together")
        if doc.key in out:
            raise RegistryError(f"{where}: duplicate number (same key as {out[doc.key].number!r})")
        out[doc.key] = doc
    for doc in out.values():
        if doc.replaced_by and normalize_number(doc.replaced_by) not in out:
            raise RegistryError(f"{doc.number}: replaced_by {doc.replaced_by!r} is not in the registry")
    return out


@lru_cache(maxsize=1)
def legal_registry() -> dict[str, LegalDoc]:
    """All documents, keyed by normalised number (read once; kept ready in the cache folder:
    `files/tables.py`)."""
    from auditor.files import tables

    return tables.kept("legal", (data_path("legal_documents.yaml"), __file__, tables.module_file("auditor.files.yamlio")),
                       _build, _freeze, _valid, _thaw)


def _build() -> dict[str, LegalDoc]:
    return parse_rows(load_data("legal_documents.yaml")["documents"])


def _ordinal(d: dt.date | None) -> int | None:
    return None if d is None else d.toordinal()


def _day(n: int | None) -> dt.date | None:
    return None if n is None else dt.date.fromordinal(n)


def _freeze(reg: dict[str, LegalDoc]) -> tuple[tuple[Any, ...], ...]:
    """The registry as marshal data: (key, then every field, dates as ordinals) per document."""
    return tuple((k, d.number, d.kind, d.issuer, d.title, _ordinal(d.date), d.source, _ordinal(d.effective),
                  d.replaced_by, _ordinal(d.replaced_from), d.date_verified, d.replaced_verified, d.note)
                 for k, d in reg.items())


def _valid(data: Any) -> bool:
    from auditor.files.tables import BOOL, OPT_INT, OPT_STR, STR, rows

    return rows(data, STR, STR, STR, STR, STR, OPT_INT, STR, OPT_INT, OPT_STR, OPT_INT, BOOL, BOOL, OPT_STR)


def _thaw(data: tuple[tuple[Any, ...], ...]) -> dict[str, LegalDoc]:
    return {k: LegalDoc(number, kind, issuer, title, _day(date), source, _day(effective), replaced_by,
                        _day(replaced_from), date_verified, replaced_verified, note)
            for (k, number, kind, issuer, title, date, source, effective, replaced_by, replaced_from,
                 date_verified, replaced_verified, note) in data}


def lookup(number: str | None) -> LegalDoc | None:
    if not number:
        return None
    return legal_registry().get(normalize_number(number))


def documents_dated(day: dt.date) -> list[LegalDoc]:
    """Documents of the registry issued on that day (verified dates only)."""
    return [d for d in legal_registry().values() if d.date == day and d.date_verified]


def in_force_successor(doc: LegalDoc, on: dt.date) -> LegalDoc | None:
    """Follow replaced_by from `doc` to the document in force on `on` (None if the chain
    breaks or loops)."""
    seen: set[str] = set()
    cur: LegalDoc | None = doc
    while cur is not None and cur.replaced_by and cur.replaced_from and cur.replaced_from <= on:
        if cur.key in seen:
            return None
        seen.add(cur.key)
        cur = lookup(cur.replaced_by)
    return None if cur is doc else cur
