"""The start-up cache (rulecache.py, yamlio.py): a hit gives exactly what parsing gives, a
damaged or foreign entry is ignored, and AUDIT_NO_CACHE turns it off."""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path

import pytest

from auditor import rulecache, yamlio
from auditor.rules import load_rule_file, rules_dir

DATA_FILES = sorted(p.name for p in resources.files("auditor.data").iterdir() if p.name.endswith(".yaml"))


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AUDIT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("AUDIT_NO_CACHE", raising=False)
    return tmp_path


def _entries(cache: Path) -> list[Path]:
    return sorted(cache.rglob("*.json"))


@pytest.mark.parametrize("name", DATA_FILES)
def test_a_registry_from_the_cache_equals_the_parsed_yaml(name: str, cache: Path) -> None:
    text = resources.files("auditor.data").joinpath(name).read_text("utf-8")
    parsed = yamlio.load_yaml(text)  # not cached
    assert _entries(cache) == []
    first = yamlio.load_yaml(text, cached=True)  # miss: parses and stores
    assert len(_entries(cache)) == 1
    second = yamlio.load_yaml(text, cached=True)  # hit
    assert first == parsed
    assert second == parsed


def test_dates_survive_the_cache(cache: Path) -> None:
    text = "a: 2024-01-01\nb: [2023-12-31, '2024-01-01', {'$date': x}]\n"
    yamlio.load_yaml(text, cached=True)
    hit = yamlio.load_yaml(text, cached=True)
    assert hit["a"] == dt.date(2024, 1, 1)
    assert hit["b"][0] == dt.date(2023, 12, 31)
    assert hit["b"][1] == "2024-01-01"  # a quoted date stays a string


def test_a_damaged_entry_is_ignored(cache: Path) -> None:
    text = "k: [1, 2]\n"
    yamlio.load_yaml(text, cached=True)
    (entry,) = _entries(cache)
    entry.write_text("{not json", "utf-8")
    assert yamlio.load_yaml(text, cached=True) == {"k": [1, 2]}


def test_no_cache_writes_nothing(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUDIT_NO_CACHE", "1")
    assert yamlio.load_yaml("k: 1\n", cached=True) == {"k": 1}
    assert _entries(cache) == []


def test_an_edited_text_misses(cache: Path) -> None:
    yamlio.load_yaml("k: 1\n", cached=True)
    assert yamlio.load_yaml("k: 2\n", cached=True) == {"k": 2}
    assert len(_entries(cache)) == 2


@pytest.mark.parametrize("path", sorted(rules_dir().glob("*.yaml")), ids=lambda p: p.name)
def test_a_rule_file_from_the_cache_equals_the_validated_file(path: Path, cache: Path) -> None:
    miss = load_rule_file(path)
    assert len(_entries(cache)) == 1
    hit = load_rule_file(path)
    assert hit == miss


def test_a_cached_rule_is_still_checked_by_the_model(cache: Path, tmp_path: Path) -> None:
    # A cache entry can only make a run faster: one that the model refuses is an error.
    path = sorted(rules_dir().glob("*.yaml"))[0]
    load_rule_file(path)
    (entry,) = _entries(cache)
    entry.write_text('{"version": "1", "rules": [{"id": "bad"}]}', "utf-8")
    with pytest.raises(Exception):  # noqa: B017 - pydantic's ValidationError or RuleError
        load_rule_file(path)
    assert rulecache.is_miss(rulecache.get("never stored", "x"))
