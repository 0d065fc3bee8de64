"""YAML reading in one place: libyaml when present (several times faster), and PyYAML imported
only when a YAML file is actually read (most runs read rules from the cache, see rulecache)."""

from __future__ import annotations

import datetime as dt
import os
from functools import lru_cache

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from typing import Any

# The shipped registries (auditor/data/), read as files: `importlib.resources` would import
# zipfile, tempfile, shutil and more at every start (a tenth of a one-report run), for a
# package that is installed as files anyway. It remains the way in when it is not.
_DATA = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data")


def load_yaml(text: str, *, cached: bool = False, aliases: bool = True) -> Any:
    """Parse YAML. `cached`: for the shipped registries, keep the parsed data as JSON in the
    rule cache (keyed by the exact text and the tool version), so a run need not import PyYAML.
    Dates are stored as {"$date": "YYYY-MM-DD"}; other data JSON cannot hold exactly is simply
    not cached. `aliases=False` (rule files, which may come from elsewhere): an alias (`*name`)
    is an error, since a few lines of them expand to gigabytes (“billion laughs”)."""
    if cached:
        from auditor.files import cache as rulecache

        hit = rulecache.get(text, "data")
        if not rulecache.is_miss(hit):
            return _decode(hit)
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    if not aliases and "&" in text and "*" in text:  # (an alias needs an anchor: most texts skip this)
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.AliasEvent):
                raise _alias_error()(f"YAML aliases (*{event.anchor}) are not allowed in rule files",
                                     event.start_mark)
    data = yaml.load(text, Loader=loader)
    if cached:
        try:
            rulecache.put(text, "data", _encode(data))
        except _Uncacheable:
            pass
    return data


class _Uncacheable(Exception):
    pass


@lru_cache(maxsize=1)
def _alias_error() -> Any:
    """The error for an alias in a rule file: a YAMLError (made when PyYAML is imported)."""
    import yaml

    class AliasRefused(yaml.MarkedYAMLError):
        def __init__(self, problem: str, mark: Any) -> None:
            super().__init__(problem=problem, problem_mark=mark)

    return AliasRefused


def _encode(v: Any) -> Any:
    if isinstance(v, dict):
        if "$date" in v:  # would read back as a date: keep such data out of the cache
            raise _Uncacheable
        return {k: _encode(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_encode(x) for x in v]
    if isinstance(v, dt.date) and not isinstance(v, dt.datetime):
        return {"$date": v.isoformat()}
    return v


def _decode(v: Any) -> Any:
    if isinstance(v, dict):
        if len(v) == 1 and "$date" in v:
            return dt.date.fromisoformat(v["$date"])
        return {k: _decode(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_decode(x) for x in v]
    return v


def data_path(name: str) -> str:
    """Where a file shipped in auditor/data/ is when the package is installed as files."""
    return os.path.join(_DATA, name)


def data_text(name: str) -> str:
    """The text of a file shipped in auditor/data/."""
    try:
        with open(os.path.join(_DATA, name), encoding="utf-8") as fh:
            return fh.read()
    except FileNotFoundError:  # not installed as files (a zip): through the import system
        from importlib import resources

        return resources.files("auditor.data").joinpath(name).read_text("utf-8")


def load_data(name: str) -> Any:
    """A registry shipped in auditor/data/."""
    return load_yaml(data_text(name), cached=True)


def yaml_error() -> type[Exception]:
    import yaml

    return yaml.YAMLError
