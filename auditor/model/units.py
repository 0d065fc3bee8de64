"""Units as written ("Tr. đồng", "tỷ đồng", "hộ"): which are exact counts, how scales convert."""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from functools import lru_cache

from auditor.files.yamlio import data_path, load_data
from auditor.records import dataclass

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from typing import Any


def normalize_unit(unit: str | None) -> str | None:
    if unit is None:
        return None
    u = unicodedata.normalize("NFC", unit).lower()
    for ch in " .\u00a0\t":
        u = u.replace(ch, "")
    return u or None


@dataclass(frozen=True)
class UnitInfo:
    """What a unit is: a count of things or not, its dimension and its factor to the dimension's base."""

    count: bool
    dimension: str | None
    factor: Decimal | None


@lru_cache(maxsize=1)
def _registry() -> tuple[frozenset[str], dict[str, tuple[str, Decimal]]]:
    """The count units and the scales (kept ready in the cache folder: `files/tables.py`)."""
    from auditor.files import tables

    return tables.kept("units", (data_path("units.yaml"), __file__, tables.module_file("auditor.files.yamlio")),
                       _build, _freeze, _valid, _thaw)


def _freeze(reg: tuple[frozenset[str], dict[str, tuple[str, Decimal]]]) -> Any:
    counts, scales = reg
    return counts, tuple((name, dim, str(factor)) for name, (dim, factor) in scales.items())


def _valid(data: Any) -> bool:
    from auditor.files.tables import STR, rows

    return (type(data) is tuple and len(data) == 2 and type(data[0]) is frozenset
            and set(map(type, data[0])) <= STR and rows(data[1], STR, STR, STR))


def _thaw(data: Any) -> tuple[frozenset[str], dict[str, tuple[str, Decimal]]]:
    counts, scales = data
    return counts, {name: (dim, Decimal(factor)) for name, dim, factor in scales}


def _build() -> tuple[frozenset[str], dict[str, tuple[str, Decimal]]]:
    data = load_data("units.yaml")
    counts = frozenset(normalize_unit(u) or "" for u in data["count"])
    scales: dict[str, tuple[str, Decimal]] = {}
    for dim, spec in data["scales"].items():
        for name, factor in spec["units"].items():
            scales[normalize_unit(str(name)) or ""] = (dim, Decimal(str(factor)))
    return counts, scales


@lru_cache(maxsize=512)
def unit_info(unit: str | None) -> UnitInfo:
    u = normalize_unit(unit)
    if u is None:
        return UnitInfo(False, None, None)
    counts, scales = _registry()
    dim = scales.get(u)
    return UnitInfo(u in counts, dim[0] if dim else None, dim[1] if dim else None)


def is_count_unit(unit: str | None) -> bool:
    return unit_info(unit).count


def conversion(from_unit: str | None, to_unit: str | None) -> Decimal | None:
    """Factor f with value_in_to = value_in_from × f, or None when not convertible."""
    if normalize_unit(from_unit) == normalize_unit(to_unit):
        return Decimal(1)
    a, b = unit_info(from_unit), unit_info(to_unit)
    if a.dimension and a.dimension == b.dimension and a.factor and b.factor:
        return a.factor / b.factor
    return None
