"""YAML reading in one place: libyaml when present (several times faster), and PyYAML imported
only when a YAML file is actually read (most runs read rules from the cache, see rulecache)."""

from __future__ import annotations

from importlib import resources
from typing import Any


def load_yaml(text: str) -> Any:
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def load_data(name: str) -> Any:
    """A registry shipped in auditor/data/."""
    return load_yaml(resources.files("auditor.data").joinpath(name).read_text("utf-8"))


def yaml_error() -> type[Exception]:
    import yaml

    return yaml.YAMLError
