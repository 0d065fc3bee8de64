"""A run whose outputs never print the input's SHA-256 (a streamed run) does not compute it
(`read_report(..., digest=False)`, `pipeline.audit_file(..., digest=False)`): everything else
it reads and finds is the same as with the hash. (The streamed run's bytes against the usual
run's, which hashes: `test_batch.test_streamed_output_is_the_usual_output`.)"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.engine.ruleset import load_rules
from auditor.model.findings import to_json
from auditor.read.json_reader import read_report
from auditor.workflows import batch, pipeline

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted((ROOT / "fixtures").glob("*.json"))


def _read_alike(a: object, b: object) -> None:
    assert a.problems == b.problems  # type: ignore[attr-defined]
    assert (a.report is None) == (b.report is None)  # type: ignore[attr-defined]
    assert a.view == b.view  # type: ignore[attr-defined]
    assert a.text == b.text  # type: ignore[attr-defined]


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_read_without_digest_is_the_same_read(path: Path) -> None:
    with_hash, without = read_report(path), read_report(path, digest=False)
    assert with_hash.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert without.sha256 is None
    _read_alike(with_hash, without)


@pytest.fixture(scope="module")
def ruleset():  # type: ignore[no-untyped-def]
    return load_rules()


def _audit_json(path: Path, ruleset, digest: bool) -> str:  # type: ignore[no-untyped-def]
    a = pipeline.audit_file(str(path), ruleset, list(ruleset.rules), digest=digest)
    fr = to_json(a.file)
    fr.pop("sha256", None)  # (left out when None)
    return json.dumps([fr, [to_json(f) for f in a.findings], to_json(a.stats), a.passed],
                      ensure_ascii=False, sort_keys=True)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_audit_without_digest_finds_the_same(path: Path, ruleset) -> None:  # type: ignore[no-untyped-def]
    assert _audit_json(path, ruleset, True) == _audit_json(path, ruleset, False)
    assert pipeline.audit_file(str(path), ruleset, [], digest=False).file.sha256 is None


@settings(max_examples=15, deadline=None)
@given(text=st.one_of(st.text(max_size=40), st.sampled_from(["{}", "[]", '{"meta": 1}', "{\"a\": 1, \"a\": 2}"])))
def test_damaged_input_reads_the_same_without_digest(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    p = tmp_path_factory.mktemp("d") / "r.json"
    p.write_text(text, "utf-8", errors="surrogatepass")
    _read_alike(read_report(p), read_report(p, digest=False))


def test_a_streamed_run_does_not_hash_and_the_usual_run_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             ruleset) -> None:  # type: ignore[no-untyped-def]
    src = (ROOT / "fixtures" / "example.json").read_text("utf-8")
    files = []
    for i in range(3):
        p = tmp_path / f"r{i}.json"
        p.write_text(src, "utf-8")
        files.append((str(p), p.name))
    finish = batch.Finish("concise", "vi", None)
    streamed = list(batch.audit_files(files, ruleset, list(ruleset.rules), jobs=1, finish=finish))
    assert [piece.file.sha256 for piece in streamed] == [None] * 3
    usual = list(batch.audit_files(files, ruleset, list(ruleset.rules), jobs=1))
    assert [a.file.sha256 for a in usual] == [hashlib.sha256(src.encode()).hexdigest()] * 3
