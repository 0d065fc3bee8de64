"""The one rule plan (`engine/ruleset.py`, issue 16): a warm run takes the finished rules of a
folder from one file of the cache folder. It must give exactly the rules the files give, and be
ignored — the rule files read as without it — when it is damaged, was made by other code or from
other files, or holds a rule whose check kind this process does not know."""

from __future__ import annotations

import glob
import marshal
import shutil
from pathlib import Path

import pytest

from auditor import checks
from auditor.engine import jmes, ruleset
from auditor.engine.ruleset import RuleError, load_rules, rules_dir, select_rules
from auditor.files import cache as rulecache


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("AUDIT_CACHE_DIR", str(folder))
    monkeypatch.delenv("AUDIT_NO_CACHE", raising=False)
    ruleset._load_rules.cache_clear()
    yield folder
    ruleset._load_rules.cache_clear()


def _plans(cache: Path) -> list[str]:
    return sorted(glob.glob(str(cache / "rules" / "plan-*.marshal")))


def _fresh(directory: str | None = None) -> ruleset.Ruleset:
    """The rules loaded again in this process (the process's own memo cleared)."""
    ruleset._load_rules.cache_clear()
    return load_rules(directory)


def _without_cache(monkeypatch: pytest.MonkeyPatch, directory: str | None = None) -> ruleset.Ruleset:
    with monkeypatch.context() as m:
        m.setenv("AUDIT_NO_CACHE", "1")
        return _fresh(directory)


def _files_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*a: object, **k: object) -> None:
        raise AssertionError("a rule file was loaded: the plan was not used")
    monkeypatch.setattr(ruleset, "load_rule_file", refuse)


def test_a_warm_load_takes_the_plan_and_gives_the_rules_of_the_files(cache: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    expected = _without_cache(monkeypatch)
    assert _plans(cache) == []
    first = _fresh()  # miss: the files, then the plan written
    (plan,) = _plans(cache)
    with monkeypatch.context() as m:
        _files_not_read(m)
        m.setattr(jmes, "_TREES", {})
        m.setattr(jmes, "_REMEMBERED", set())
        warm = _fresh()
        scopes = {r.scope for r in warm.rules if r.scope}
        assert scopes <= jmes._REMEMBERED  # the expressions' trees come with it
    assert warm == first == expected
    for a, b in zip(warm.rules, expected.rules):
        # the same objects field by field, in the same order, of the same classes
        assert type(a) is type(b) and list(a.__dict__) == list(b.__dict__)
        assert repr(a) == repr(b) and a.model_dump(mode="json") == b.model_dump(mode="json")
        assert [type(e) for e in a.examples] == [type(e) for e in b.examples]
    assert warm.rules[0].title is not expected.rules[0].title  # made anew, not shared
    assert _plans(cache) == [plan]


def test_select_and_ignore_work_from_the_plan(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = _without_cache(monkeypatch)
    _fresh()
    _files_not_read(monkeypatch)
    warm = _fresh()
    for select, ignore, strict in ((None, None, False), (["PCT"], ["PCT005"], False), (["ALL"], ["SUM", "LEG"], True),
                                   (["LEG004"], None, False)):
        got = [r.id for r in select_rules(warm, select, ignore, strict=strict)]
        assert got == [r.id for r in select_rules(expected, select, ignore, strict=strict)]
        assert got


def _damaged(raw: bytes) -> list[bytes]:
    """The plan's file damaged in several ways: cut, emptied, a letter of a message changed
    (still readable by marshal: only the file's digest tells), another payload behind a digest
    that does not match, and well-checked files of another shape."""
    header, payload = raw[:64], raw[64:]
    i = payload.index("Danh hiệu".encode())
    letter = payload[:i] + b"X" + payload[i + 1:]
    assert marshal.loads(letter) != marshal.loads(payload)
    return [raw[: len(raw) // 2], b"", raw[:10], header + letter, b"0" * 64 + payload, header + payload[:-1]]


def _checked(payload: bytes) -> bytes:
    from auditor.files import digest

    return digest.key(payload).encode() + payload


def test_a_damaged_or_foreign_plan_is_ignored(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = _without_cache(monkeypatch)
    _fresh()
    (plan,) = _plans(cache)
    raw = Path(plan).read_bytes()
    version, frozen, trees = marshal.loads(raw[64:])
    short = dict(frozen[0])
    del short["tags"]
    foreign = [_checked(marshal.dumps(x)) for x in (
        "x", (version, frozen), (version, frozen[:1] + [short] + frozen[2:], trees), (1, frozen, trees),
        (version, frozen[:1] + [(1, 2)], trees), (version, frozen, []))]
    for bad in _damaged(raw) + foreign:
        Path(plan).write_bytes(bad)
        assert _fresh() == expected
        assert ruleset._kept_plan(plan) == expected  # written again from the files
    with monkeypatch.context() as m:  # and now taken again
        _files_not_read(m)
        assert _fresh() == expected


def test_other_code_or_another_interpreter_has_its_own_plan(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    import auditor

    _fresh()
    (plan,) = _plans(cache)
    monkeypatch.setattr(auditor, "__version__", auditor.__version__ + ".1")
    _fresh()
    assert len(_plans(cache)) == 2
    monkeypatch.setattr(sys, "version", sys.version + " (other)")
    _fresh()
    assert len(_plans(cache)) == 3
    monkeypatch.setattr(ruleset, "_cache_key", lambda: "another format")
    _fresh()
    assert len(_plans(cache)) == 4


def _copy_rules(tmp_path: Path) -> Path:
    folder = tmp_path / "rules"
    shutil.copytree(rules_dir(), folder, ignore=shutil.ignore_patterns("*.md", "__*"))
    return folder


def test_an_edited_rule_file_is_read_again(cache: Path, tmp_path: Path) -> None:
    folder = _copy_rules(tmp_path)
    before = _fresh(str(folder))
    rule = before.rules[0]
    (path,) = [p for p in folder.glob("*.yaml") if f"id: {rule.id}\n" in p.read_text("utf-8")]
    text = path.read_text("utf-8")
    old = rule.message.en
    assert text.count(old) == 1
    path.write_text(text.replace(old, "Edited: " + old), "utf-8")
    after = _fresh(str(folder))
    assert after.get(rule.id).message.en == "Edited: " + old
    assert len(_plans(cache)) == 2
    path.write_text(text, "utf-8")  # back as it was: its plan again
    assert _fresh(str(folder)) == before
    assert len(_plans(cache)) == 2


def test_a_file_added_or_removed_changes_the_plan(cache: Path, tmp_path: Path) -> None:
    folder = _copy_rules(tmp_path)
    whole = _fresh(str(folder))
    first = sorted(folder.glob("*.yaml"))[0]
    ids = {r.id for r in ruleset.load_rule_file(first).rules}
    moved = tmp_path / first.name
    first.rename(moved)
    assert {r.id for r in _fresh(str(folder)).rules} == {r.id for r in whole.rules} - ids
    moved.rename(first)
    assert _fresh(str(folder)) == whole


def test_a_rule_whose_kind_this_process_does_not_know_is_refused(cache: Path, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    # The plan was made where code had registered a kind of its own; here it has not: the rule
    # files are read, and refused as they are without a cache.
    folder = _copy_rules(tmp_path)
    path = sorted(folder.glob("*.yaml"))[0]
    text = path.read_text("utf-8")
    kind = ruleset.load_rule_file(path).rules[0].check
    assert text.count(f"check: {kind}\n") >= 1
    path.write_text(text.replace(f"check: {kind}\n", "check: toy_kind\n", 1), "utf-8")
    with monkeypatch.context() as m:
        m.setitem(checks.REGISTRY, "toy_kind", checks.REGISTRY.get(kind) or checks.kind(kind))
        assert any(r.check == "toy_kind" for r in _fresh(str(folder)).rules)
    assert len(_plans(cache)) == 1
    with pytest.raises(RuleError, match="toy_kind"):
        _fresh(str(folder))


def test_an_unreadable_rule_file_is_refused_as_without_a_plan(cache: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _copy_rules(tmp_path)
    _fresh(str(folder))
    path = sorted(folder.glob("*.yaml"))[-1]
    real_open = open

    def refusing(file: object, *a: object, **k: object) -> object:  # (as root, no mode refuses a read)
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *a, **k)  # type: ignore[call-overload]
    monkeypatch.setattr(ruleset, "open", refusing, raising=False)
    with pytest.raises(RuleError, match="cannot read rule file"):
        _fresh(str(folder))


def test_no_cache_writes_no_plan(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _without_cache(monkeypatch)
    assert not cache.exists() or _plans(cache) == []


def test_a_plan_that_cannot_be_written_is_only_a_loss_of_speed(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache.mkdir(parents=True)
    (cache / "rules").write_text("not a folder", "utf-8")
    expected = _without_cache(monkeypatch)
    assert _fresh() == expected
    assert rulecache.read_checked(str(cache / "rules" / "plan-x.marshal")) is None
