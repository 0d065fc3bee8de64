"""A cache of rule files that passed schema validation, so that a run does not parse YAML and
import `jsonschema` (~0.15 s together) every time it starts.

An entry is the parsed content of one rule file, stored as JSON under a key made of the file's
exact content (a BLAKE2b hash of its bytes, or of a text as UTF-8), the rule format
(`rules._schema_key`) and the tool version: any edit of the file, of the format or of the tool
misses the cache, and the file is parsed and validated
again. Only data the model and the semantic checks of `rules.py` accepted is stored, and a hit
is checked again, against the plan generated from the model (`lean.py`, without importing
pydantic) and by the semantic checks: an entry that fails them is ignored and the file is read
again, so a cache entry can make a run faster but never accept a rule the code would refuse.

Where: `$AUDIT_CACHE_DIR`, else `$XDG_CACHE_HOME/auditor`, else `~/.cache/auditor`.
`AUDIT_NO_CACHE=1` turns it off. A cache that cannot be read or written is ignored silently.
"""

from __future__ import annotations

import os

from auditor import __version__
from auditor.files import digest

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from typing import Any

_MISS = object()


def cache_dir() -> str | None:
    if os.environ.get("AUDIT_NO_CACHE", "").strip() not in ("", "0"):
        return None
    explicit = os.environ.get("AUDIT_CACHE_DIR")
    if explicit:
        return explicit
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "auditor")


def content_key(content: str | bytes) -> str:
    """What names a file's entries: the hash of its exact content (the bytes as read, or a text
    as UTF-8; `digest.key`). Computed once per file, then combined with each entry's `schema_key`: a rule
    file has two entries (its data and its expressions' trees), and hashing its whole text
    for each cost ~3 M instructions a run."""
    return digest.key(content if type(content) is bytes else content.encode("utf-8"))  # type: ignore[union-attr]


def _entry(text: str, schema_key: str, key: str | None = None) -> str | None:
    d = cache_dir()
    if d is None:
        return None
    name = digest.key(f"{__version__}\x00{schema_key}\x00{key if key is not None else content_key(text)}".encode())
    return os.path.join(d, "rules", f"{name[:40]}.json")


def get(text: str, schema_key: str, *, key: str | None = None) -> Any:
    """The validated data of a rule file with this text, or `MISS`. `key`: the text's
    `content_key`, when the caller has it (the text is then not hashed again)."""
    p = _entry(text, schema_key, key)
    if p is None:
        return _MISS
    import json  # (here: `files/bundle.py` asks for `cache_dir` before the modules it serves are imported)

    try:
        with open(p, encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError):
        return _MISS


def put(text: str, schema_key: str, data: Any, *, key: str | None = None) -> None:
    """Remember that a rule file with this text validated to `data` (JSON-able)."""
    p = _entry(text, schema_key, key)
    if p is None:
        return
    import json

    try:
        payload = json.dumps(data, ensure_ascii=False)
    except (TypeError, ValueError):  # YAML can hold what JSON cannot (dates …): do not cache
        return
    if json.loads(payload) != data:  # e.g. integer keys would come back as strings
        return
    try:
        import tempfile  # (only when an entry is written: not at every start)

        os.makedirs(os.path.dirname(p), exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(p), prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(payload)
        os.replace(tmp, p)  # atomic: concurrent runs never see half a file
    except OSError:
        try:
            os.unlink(tmp)  # type: ignore[possibly-undefined]
        except (OSError, NameError):
            pass


def is_miss(value: Any) -> bool:
    return value is _MISS


def write_marshal(path: str, data: object) -> bool:
    """Write `data` with `marshal` to `path` atomically (a concurrent run reads the old file or
    the new one, never half of one); False when it cannot be written (the caller then only loses
    the saving). Used by the kept patterns (`rxcache`) and the kept dataclass code (`codecache`)."""
    import marshal

    try:
        payload = marshal.dumps(data)
    except ValueError:  # a value marshal cannot write
        return False
    return write_atomic(path, payload)


# A checked file begins with the `digest.key` of the rest (64 hex characters): any damage to it
# is seen, not only what makes the rest unreadable.
_CHECK = 64


def read_checked(path: str) -> bytes | None:
    """What `write_checked` wrote to `path`, or None when it is absent, unreadable or damaged."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError:
        return None
    payload = raw[_CHECK:]
    if len(raw) < _CHECK or digest.key(payload).encode("ascii") != raw[:_CHECK]:
        return None
    return payload


def write_checked(path: str, payload: bytes) -> bool:
    """Write `payload` to `path` atomically, behind its digest (`read_checked`)."""
    return write_atomic(path, digest.key(payload).encode("ascii") + payload)


def write_atomic(path: str, payload: bytes) -> bool:
    """Write `payload` to `path` atomically; False when it cannot be written."""
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(tmp, "wb") as fh:
            fh.write(payload)
        os.replace(tmp, path)
    except (OSError, ValueError):
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return False
    return True
