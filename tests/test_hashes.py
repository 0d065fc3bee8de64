"""`files/digest.py`: the interpreter's built-in hashes give the digests `hashlib` gives, so a run
that does not load OpenSSL prints the same report hashes and fingerprints."""

from __future__ import annotations

import hashlib
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from auditor.files import digest
from auditor.model.findings import fingerprint

ROOT = Path(__file__).resolve().parent.parent


@given(st.binary(max_size=5000), st.binary(max_size=300))
def test_sha256_is_hashlibs(data: bytes, more: bytes) -> None:
    h = digest.sha256(data)
    h.update(more)
    assert h.hexdigest() == hashlib.sha256(data + more).hexdigest()
    assert digest.key(data) == hashlib.blake2b(data, digest_size=32).hexdigest()


def test_the_seeds_hash_alike_both_ways(monkeypatch) -> None:  # noqa: ANN001 - pytest fixture
    seeds = sorted((ROOT / "fixtures").glob("*.json"))
    assert seeds
    builtin = [digest.sha256(p.read_bytes()).hexdigest() for p in seeds]
    monkeypatch.setattr(digest, "_sha256", digest._sha256)  # restored after the test
    digest.use_openssl()
    assert digest._sha256 is hashlib.sha256
    assert [digest.sha256(p.read_bytes()).hexdigest() for p in seeds] == builtin
    assert builtin == [hashlib.sha256(p.read_bytes()).hexdigest() for p in seeds]


@given(st.lists(st.text(max_size=40), min_size=1, max_size=5))
def test_fingerprints_are_sha256_of_the_parts(parts: list[str]) -> None:
    joined = "\x1f".join(parts).encode("utf-8", "surrogatepass")
    assert fingerprint(*parts) == hashlib.sha256(joined).hexdigest()[:20]


def test_a_run_over_many_files_hashes_with_openssl_and_alike(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    from auditor.engine.ruleset import load_rules
    from auditor.workflows import batch

    monkeypatch.setattr(digest, "_sha256", digest._sha256)  # restored after the test
    seed = (ROOT / "fixtures" / "example.json").read_bytes()
    paths = []
    for i in range(batch.OPENSSL_MIN):
        p = tmp_path / f"r{i:02}.json"
        p.write_bytes(seed.replace(b"{", b"{" + b" " * i, 1))  # other bytes, the same report
        paths.append(p)
    ruleset = load_rules(None)
    few = batch.audit_paths([str(paths[0])], ruleset, list(ruleset.rules), jobs=1, quiet=True)
    assert digest._sha256 is not hashlib.sha256 or digest._builtin_sha256 is None
    many = batch.audit_paths([str(tmp_path)], ruleset, list(ruleset.rules), jobs=1, quiet=True)
    assert digest._sha256 is hashlib.sha256
    assert [fr.sha256 for fr in many.files] == [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths]
    assert many.files[0].sha256 == few.files[0].sha256
