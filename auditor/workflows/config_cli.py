"""The command-line side of the configuration (`config.py`): the options `audit check` takes for it,
and `audit config`. Kept apart so that `config.py` does not import click: the common `audit FILE`
runs without it (`auditor/fastpath.py`)."""

from __future__ import annotations

import functools
import json
from typing import Any

import click

from auditor.errors import ConfigError
from auditor.workflows.config import (
    CLI_PARAMS,
    KEYS,
    META_KEY,
    OPTION_PARAMS,
    Config,
    Settings,
    _path,
    _toml_value,
    effective,
    load_config,
    render_effective,
    resolve_settings,
)

_CHECK_OPTIONS = [
    click.option("--config", "config_file", type=click.Path(dir_okay=False),
                 help="Configuration file to use (instead of the nearest audit.toml / pyproject.toml)."),
    click.option("--isolated", is_flag=True, help="Ignore every configuration file."),
    click.option("--extend-select", multiple=True, help="Rule ids or prefixes to add to the selection."),
    click.option("--per-file-ignores", "per_file_ignores", multiple=True, metavar="GLOB:CODES",
                 help="Ignore rules for matching files (relative to the working directory)."),
    click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False),
                 help="Baseline file: findings recorded in it are known and do not fail the run."),
    click.option("--no-baseline", is_flag=True, help="Ignore the baseline set in the configuration."),
    click.option("--write-baseline", "write_baseline", type=click.Path(dir_okay=False), metavar="FILE",
                 help="Record every current finding in FILE, then exit 0."),
    click.option("--update-baseline", is_flag=True,
                 help="With a baseline: remove entries that no longer occur (never adds)."),
]


def given_params(ctx: click.Context) -> set[str]:
    """The parameters of `CLI_PARAMS` given on the command line (a configuration file fills the
    others)."""
    out = set()
    for param in CLI_PARAMS.values():
        src = ctx.get_parameter_source(param)
        if src is not None and src.name not in ("DEFAULT", "DEFAULT_MAP"):
            out.add(param)
    return out


def check_options(fn: Any) -> Any:
    """Decorator for `audit check`: adds the configuration and baseline options, reads the
    configuration, lets it fill the flags that were not given (--lang, --output-format,
    --fail-on, --strict) and leaves the `Settings` for `current()`."""

    @functools.wraps(fn)
    def wrapper(**kwargs: Any) -> Any:
        mine = {k: kwargs.pop(k, None) for k in OPTION_PARAMS}
        ctx = click.get_current_context()
        ctx.meta[META_KEY] = resolve_settings(mine, kwargs, given_params(ctx))
        return fn(**kwargs)

    for opt in reversed(_CHECK_OPTIONS):
        wrapper = opt(wrapper)
    return wrapper


def current() -> Settings:
    """The settings `check_options` resolved for the running command (defaults outside one)."""
    ctx = click.get_current_context(silent=True)
    s = ctx.meta.get(META_KEY) if ctx is not None else None
    return s if s is not None else Settings(config=Config())


@click.command("config")
@click.argument("key", required=False)
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Configuration file to read.")
@click.option("--isolated", is_flag=True, help="Ignore every configuration file (show the defaults).")
@click.option("-f", "--format", "fmt", type=click.Choice(["toml", "json"]), default="toml", show_default=True)
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True)
def config_cmd(key: str | None, config_file: str | None, isolated: bool, fmt: str, lang: str) -> None:
    """Cấu hình đang dùng / print the effective configuration and the file it came from."""
    cfg = load_config(_path(config_file), isolated=isolated)
    if cfg.values:  # codes must name rules: the same check as `audit check`
        from auditor.engine.ruleset import RuleError, load_rules

        try:
            ruleset = load_rules(None)
        except RuleError as e:
            raise ConfigError(f"Tệp quy tắc bị lỗi: {e.vi}", f"Broken rule file: {e}") from None
        Settings(config=cfg).apply(ruleset)
        if "output-format" in cfg.values:
            from auditor.output import RENDERERS

            if cfg.values["output-format"] not in RENDERERS:
                raise ConfigError(f"Giá trị không hợp lệ cho “output-format” trong {cfg.source('vi')}.",
                                  f"Invalid value for “output-format” in {cfg.source('en')}.")
    if key is not None:
        if key not in KEYS:
            raise ConfigError(f"Không có khóa cấu hình “{key}”. Các khóa: {', '.join(KEYS)}.",
                              f"No configuration key “{key}”. Keys: {', '.join(KEYS)}.")
        value = effective(cfg).get(key)
        click.echo(json.dumps(value, ensure_ascii=False) if fmt == "json" else _toml_value(value))
        return
    click.echo(render_effective(cfg, fmt, lang), nl=False)
