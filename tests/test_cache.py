"""The start-up cache (rulecache.py, yamlio.py): a hit gives exactly what parsing gives, a
damaged or foreign entry is ignored, and AUDIT_NO_CACHE turns it off."""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path

import pytest

from auditor.engine.ruleset import RuleError, load_rule_file, rules_dir
from auditor.files import cache as rulecache
from auditor.files import yamlio

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
    assert len(_entries(cache)) == 2  # the file's data, and the parsed trees of its expressions
    hit = load_rule_file(path)
    assert hit == miss


def test_a_damaged_rule_entry_falls_back_to_the_file(cache: Path) -> None:
    # A cache entry can only make a run faster: one that does not hold a valid rule file is
    # ignored and the file is read and validated again.
    path = sorted(rules_dir().glob("*.yaml"))[0]
    good = load_rule_file(path)
    (entry,) = [e for e in _entries(cache) if '"rules"' in e.read_text("utf-8")]
    for damaged in ('{"version": "1", "rules": [{"id": "bad"}]}', '{"rules": 3}', "[]",
                    '{"version": "1", "rules": [{"id": "X001", "check": "nope", "scope": "@"}]}'):
        entry.write_text(damaged, "utf-8")
        assert load_rule_file(path) == good, damaged
    assert rulecache.is_miss(rulecache.get("never stored", "x"))


def test_a_rule_file_the_model_refuses_is_never_cached(cache: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    text = sorted(rules_dir().glob("*.yaml"))[0].read_text("utf-8")
    bad.write_text(text.replace("severity: error", "severity: fatal", 1), "utf-8")
    assert "severity: fatal" in bad.read_text("utf-8")
    with pytest.raises(RuleError):
        load_rule_file(bad)
    assert _entries(cache) == []


def test_the_parsed_expressions_come_from_the_cache(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rule file from the cache brings the parsed trees of its JMESPath expressions: the
    engine compiles them without parsing (and without importing jmespath); a damaged tree is
    parsed again, and selects what the parser's tree selects."""
    from auditor.engine import jmes

    path = rules_dir() / "calendar.yaml"
    load_rule_file(path)  # miss: stores the data and the trees
    monkeypatch.setattr(jmes, "_TREES", {})
    monkeypatch.setattr(jmes, "_REMEMBERED", set())
    rf = load_rule_file(path)  # hit
    scopes = {r.scope for r in rf.rules}
    assert scopes <= set(jmes._TREES) and scopes <= jmes._REMEMBERED
    expr = "mentions[?kind=='anniversary']"
    data = {"mentions": [{"kind": "anniversary", "n": 1}, {"kind": "term", "n": 2}]}
    assert jmes.compile_expression(expr)(data) == [{"kind": "anniversary", "n": 1}]
    jmes._TREES[expr] = {"type": "filter_projection", "children": "damaged"}
    assert jmes.compile_expression(expr)(data) == [{"kind": "anniversary", "n": 1}]
    assert expr not in jmes._REMEMBERED  # parsed again


def test_a_rule_file_is_keyed_by_its_bytes_and_read_as_read_text_reads_it(cache: Path, tmp_path: Path) -> None:
    # The entries are named from the file's bytes (hashed once); the text is decoded only on a
    # miss, by the same decoder and newline translation as `Path.read_text`: CRLF or CR line
    # ends give the same rules, from the file and from the cache, and their own entries.
    src = sorted(rules_dir().glob("*.yaml"))[0]
    text = src.read_text("utf-8")
    lf = load_rule_file(src)
    for ends in ("\r\n", "\r"):
        other = tmp_path / f"rules_{len(ends)}.yaml"
        other.write_bytes(text.replace("\n", ends).encode("utf-8"))
        n = len(_entries(cache))
        assert load_rule_file(other) == lf
        assert len(_entries(cache)) == n + 2  # other bytes: other entries
        assert load_rule_file(other) == lf  # from them


def test_an_undecodable_rule_file_is_refused_with_the_decoders_message(cache: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    raw = sorted(rules_dir().glob("*.yaml"))[0].read_bytes() + b"\n# \xff\n"
    bad.write_bytes(raw)
    with pytest.raises(UnicodeDecodeError) as decoded:
        bad.read_text("utf-8")
    with pytest.raises(RuleError) as refused:
        load_rule_file(bad)
    assert str(decoded.value) in str(refused.value)
    assert _entries(cache) == []
