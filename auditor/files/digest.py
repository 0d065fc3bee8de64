"""Hashes without loading OpenSSL when a run hashes little (issue 16, start-up).

`hashlib` loads OpenSSL (`_hashlib`, libcrypto): ~11 M instructions and, in wall time, about as
much as importing `inspect` (the library's pages and relocations), at every start. A run on one
report hashes ~0,5 MB: the rule files and the format's modules (cache keys), the report (its
SHA-256 is printed by some outputs), the findings' fingerprints. The interpreter's own hash
modules (`_sha256`/`_sha2`, `_blake2`) are plain extension modules, loaded in a fraction of that;
a digest is the same whichever code computes it (a test compares them).

- `sha256(data)`: SHA-256, where the value is part of an output (the report's hash,
  fingerprints). The built-in code is ~7× slower than OpenSSL's on large inputs, so a run over
  many files calls `use_openssl()` once (`batch`): each report is then hashed by OpenSSL.
- `key(data)`: the hex digest that names cache entries (rules, patterns, dataclass code): only
  its value for the same input matters, so it is BLAKE2b, several times faster than the built-in
  SHA-256 (the rule files alone are ~220 KB).
"""

from __future__ import annotations

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from typing import Any


try:  # Python 3.12+
    from _sha2 import sha256 as _builtin_sha256  # type: ignore[import-not-found]
except ImportError:
    try:
        from _sha256 import sha256 as _builtin_sha256  # type: ignore[import-not-found,no-redef]
    except ImportError:  # a build without the built-in hashes: hashlib's
        _builtin_sha256 = None  # type: ignore[assignment]
try:
    from _blake2 import blake2b as _blake2b
except ImportError:
    _blake2b = None  # type: ignore[assignment]

_sha256: Any = _builtin_sha256


def use_openssl() -> None:
    """Hash with `hashlib` (OpenSSL) from now on: for runs that hash many reports."""
    global _sha256
    import hashlib

    _sha256 = hashlib.sha256


def sha256(data: bytes = b"") -> Any:
    """A SHA-256 hash object of `data` (`.update`, `.hexdigest`)."""
    if _sha256 is None:
        use_openssl()
    return _sha256(data)


def key(data: bytes) -> str:
    """The hex digest naming a cache entry for `data` (64 characters)."""
    if _blake2b is None:
        import hashlib

        return hashlib.blake2b(data, digest_size=32).hexdigest()
    return _blake2b(data, digest_size=32).hexdigest()
