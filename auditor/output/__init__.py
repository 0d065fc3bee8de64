"""Render a run result: one module per output format (as ruff keeps one emitter per file).

Every renderer has the signature `fn(run_result, lang) -> str`. `RENDERERS` maps a format's
name to its renderer and imports a format's module only when that format is used, so that
`audit --help` and a run in the default format pay for no other format.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from auditor.model.findings import RunResult

Renderer = Callable[["RunResult", str], str]

# format name -> (module, function); the order is the order `--help` lists them in
FORMATS: dict[str, tuple[str, str]] = {
    "full": ("auditor.output.full", "render_full"),
    "concise": ("auditor.output.concise", "render_concise"),
    "json": ("auditor.output.json_report", "render_json"),
    "json-lines": ("auditor.output.json_lines", "render_json_lines"),
    "sarif": ("auditor.output.sarif", "render_sarif"),
    "junit": ("auditor.output.junit", "render_junit"),
    "gitlab": ("auditor.output.gitlab", "render_gitlab"),
    "github": ("auditor.output.github", "render_github"),
    "markdown": ("auditor.output.markdown", "render_markdown"),
    "html": ("auditor.output.html", "render_html"),
}


class _Renderers(Mapping[str, Renderer]):
    def __getitem__(self, name: str) -> Renderer:
        module, attr = FORMATS[name]
        return getattr(importlib.import_module(module), attr)  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[str]:
        return iter(FORMATS)

    def __len__(self) -> int:
        return len(FORMATS)


RENDERERS: Mapping[str, Renderer] = _Renderers()
