"""Configuration: `[tool.audit]` in `pyproject.toml`, or the top-level keys of `audit.toml` /
`.audit.toml`.

Discovery (ruff-style): starting in the **current working directory** and going up to the
filesystem root, the first directory that holds a configuration file wins: `.audit.toml`, then
`audit.toml`, then `pyproject.toml` *with* a `[tool.audit]` table (a `pyproject.toml` without
one is skipped). Only that file is read: there is no merging of several files and no user-level
fallback, so a run does not depend on the machine. `--config PATH` reads that file instead;
`--isolated` reads none. Command-line flags override the file.

Relative paths in a file (`baseline`, `per-file-ignores` globs) are relative to the directory of
that file. Unknown keys, unknown rule ids or prefixes and wrong values are usage errors (exit 2)
with a message in Vietnamese and English naming the key and the file.

Nothing in a submitted report can change the configuration: the report format has no field for
it (an extra top-level key such as `"ignore"` is rejected as INP004).

This module is imported by the CLI at start-up: pydantic and tomllib are imported lazily, and click
not at all (its options and the `audit config` command are in `config_cli.py`).
"""

from __future__ import annotations

import functools
import json
import os
import re

from auditor.errors import ConfigError, rule_suggestions
from auditor.numeric import limits as run_limits
from auditor.records import dataclass, field

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from collections.abc import Collection
    from pathlib import Path
    from typing import Any

    from auditor.engine.ruleset import Ruleset, RuleSpec
    from auditor.model.findings import RunResult

CONFIG_NAMES = (".audit.toml", "audit.toml", "pyproject.toml")
META_KEY = "auditor.config"
SEVERITY_LEVELS = ("error", "warning", "info", "off")
FAIL_ON_LEVELS = ("error", "warning", "info", "never")
KEYS = ("select", "extend-select", "ignore", "per-file-ignores", "severity", "rules", "lang",
        "output-format", "fail-on", "baseline", "strict", "limits")
# config key -> parameter of `audit check`; applied only when the flag was not given.
CLI_PARAMS = {"lang": "lang", "output-format": "fmt", "fail-on": "fail_on", "strict": "strict"}
DEFAULTS: dict[str, Any] = {"select": ["ALL"], "extend-select": [], "ignore": [], "per-file-ignores": {},
                            "severity": {}, "rules": {}, "lang": "vi", "output-format": "full",
                            "fail-on": "warning", "baseline": None, "strict": False,
                            # the limits that keep a run bounded (numeric/limits.py, docs/limits.md)
                            "limits": {k: getattr(run_limits.DEFAULTS, f) for k, (f, _) in run_limits.KEYS.items()}}


# ------------------------------------------------------------------------------- the model

def _model() -> type:
    """The pydantic model of the table (built lazily: pydantic is slow to import)."""
    return _build_model()


@functools.lru_cache(maxsize=1)
def _build_model() -> type:
    # (pydantic reads the annotations below in this scope: the module imports `Any` for type checkers only)
    from typing import Any, Literal  # noqa: F401

    from pydantic import BaseModel, ConfigDict, Field, field_validator

    class AuditConfig(BaseModel):
        """`[tool.audit]`: every key is optional; unknown keys are rejected."""

        model_config = ConfigDict(extra="forbid")

        select: list[str] | None = Field(None, description="Rule ids or prefixes to run; ALL = every rule.")
        extend_select: list[str] | None = Field(None, alias="extend-select")
        ignore: list[str] | None = None
        per_file_ignores: dict[str, list[str]] | None = Field(None, alias="per-file-ignores")
        severity: dict[str, Literal["error", "warning", "info", "off"]] | None = None
        rules: dict[str, dict[str, Any]] | None = Field(
            None, description="Parameters per rule id or prefix, merged into the rule's params.")
        lang: Literal["vi", "en"] | None = None
        output_format: str | None = Field(None, alias="output-format")
        fail_on: Literal["error", "warning", "info", "never"] | None = Field(None, alias="fail-on")
        baseline: str | None = None
        strict: bool | None = None
        limits: dict[str, float] | None = Field(
            None, description="Limits that keep a run bounded (digits, file-size-mb, docx-member-mb, docx-ratio, "
            "findings-per-rule, expression-depth, selection-items, template-width); see docs/limits.md.")

        @field_validator("limits", mode="before")
        @classmethod
        def _limits(cls, v: Any) -> Any:
            if isinstance(v, dict):
                run_limits.from_config(v)  # ValueError naming the key and the bounds
            return v

        @field_validator("select", "extend_select", "ignore")
        @classmethod
        def _upper(cls, v: list[str] | None) -> list[str] | None:
            return [c.strip().upper() for c in v] if v is not None else None

        @field_validator("per_file_ignores")
        @classmethod
        def _upper_pfi(cls, v: dict[str, list[str]] | None) -> dict[str, list[str]] | None:
            return {k: [c.strip().upper() for c in codes] for k, codes in v.items()} if v is not None else None

        @field_validator("severity", "rules")
        @classmethod
        def _upper_keys(cls, v: dict[str, Any] | None) -> dict[str, Any] | None:
            return {k.strip().upper(): x for k, x in v.items()} if v is not None else None

    return AuditConfig


# ------------------------------------------------------------------------------- discovery

@dataclass
class Config:
    """The options of one configuration file (or none), with where they came from."""

    path: Path | None = None          # the file; None: defaults (no file found, or --isolated)
    table: str | None = None          # "[tool.audit]" for pyproject.toml
    values: dict[str, Any] = field(default_factory=dict)  # keys as written (kebab-case), set ones only
    isolated: bool = False

    @property
    def root(self) -> Path:
        """Directory relative paths in the file are resolved against."""
        from pathlib import Path

        return self.path.parent if self.path else Path.cwd()

    def get(self, key: str) -> Any:
        return self.values.get(key, DEFAULTS.get(key))

    def source(self, lang: str = "en") -> str:
        if self.path is None:
            if self.isolated:
                return "(--isolated: không đọc tệp cấu hình)" if lang == "vi" else "(--isolated: no configuration file)"
            return ("(không có tệp cấu hình: dùng mặc định)" if lang == "vi"
                    else "(no configuration file: defaults)")
        return f"{self.path}" + (f" {self.table}" if self.table else "")


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except OSError as e:
        raise ConfigError(f"Không đọc được tệp cấu hình {path}: {e.strerror or e}.",
                          f"Cannot read the configuration file {path}: {e.strerror or e}.") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"Tệp cấu hình {path} không phải TOML hợp lệ: {e}.",
                          f"The configuration file {path} is not valid TOML: {e}.") from None


def _table(path: Path) -> tuple[dict[str, Any] | None, str | None]:
    """The audit table of a file; None for a pyproject.toml without [tool.audit]."""
    if path.name == "pyproject.toml" and not _mentions_audit(path):
        return None, None  # most projects' pyproject.toml: not parsed at every run
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        tool = data.get("tool")
        if not isinstance(tool, dict) or "audit" not in tool:
            return None, None
        table = tool["audit"]
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.audit] phải là một bảng.", f"{path}: [tool.audit] must be a table.")
        return table, "[tool.audit]"
    return data, None


def _mentions_audit(path: Path) -> bool:
    """Whether a pyproject.toml has the word "audit" at all (a [tool.audit] table, or keys
    under tool.audit, name it; one written only with escapes in quoted keys is not read)."""
    try:
        return b"audit" in path.read_bytes()
    except OSError:
        return True  # let the reader say why it cannot be read


def discover(start: Path | None = None) -> Path | None:
    """The nearest configuration file, from `start` (default: the working directory) upward.
    Looked for with strings: pathlib is imported only when a file is there (a run's start)."""
    from auditor.files.paths import is_file

    # `(start or Path.cwd()).resolve()`
    directory = str(start.resolve()) if start is not None else os.path.realpath(os.getcwd())
    while True:  # the folder, then its parents (`Path.parents`)
        for name in CONFIG_NAMES:
            p = os.path.join(directory, name)
            if not is_file(p):
                continue
            from pathlib import Path

            if name == "pyproject.toml" and _table(Path(p))[0] is None:
                continue
            return Path(p)
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def load_config(path: Path | None = None, *, isolated: bool = False, start: Path | None = None) -> Config:
    """Read the configuration: `path` if given, else the nearest file; none when isolated."""
    if isolated:
        return Config(isolated=True)
    if path is not None:
        if not path.is_file():
            raise ConfigError(f"Không tìm thấy tệp cấu hình: {path}", f"No such configuration file: {path}")
    else:
        path = discover(start)
        if path is None:
            return Config()
    path = path.resolve()
    table, name = _table(path)
    if table is None:  # --config pyproject.toml without [tool.audit]: nothing configured
        return Config(path=path, table="[tool.audit]")
    return Config(path=path, table=name, values=_validate(table, path, name))


def _where(path: Path, table: str | None) -> str:
    return f"{path}" + (f" {table}" if table else "")


def _validate(table: dict[str, Any], path: Path, name: str | None) -> dict[str, Any]:
    from pydantic import ValidationError

    model = _model()
    where = _where(path, name)
    try:
        m = model.model_validate(table)
    except ValidationError as e:
        err = e.errors(include_url=False)[0]
        loc = ".".join(str(p) for p in err["loc"])
        if err["type"] == "extra_forbidden":
            key = str(err["loc"][-1])
            import difflib  # (only to suggest a key: not at every start)

            close = difflib.get_close_matches(key, KEYS, n=1)
            hint_vi = f" Có phải “{close[0]}”?" if close else ""
            hint_en = f" Did you mean “{close[0]}”?" if close else ""
            raise ConfigError(
                f"Khóa cấu hình không hợp lệ “{key}” trong {where}.{hint_vi} Các khóa hợp lệ: {', '.join(KEYS)}.",
                f"Unknown configuration key “{key}” in {where}.{hint_en} Valid keys: {', '.join(KEYS)}.") from None
        raise ConfigError(f"Giá trị không hợp lệ cho “{loc}” trong {where}: {err['msg']}.",
                          f"Invalid value for “{loc}” in {where}: {err['msg']}.") from None
    out = {k: v for k, v in m.model_dump(by_alias=True).items() if v is not None}
    if "limits" in out:  # kept as written (whole numbers stay whole)
        out["limits"] = {k: (int(x) if float(x).is_integer() else x) for k, x in out["limits"].items()}
    return out


# ------------------------------------------------------------------------- applying it

def _matches(rule_id: str, codes: list[str]) -> bool:
    return any(c == "ALL" or rule_id.startswith(c) for c in codes)


def _glob_regex(pattern: str) -> re.Pattern[str]:
    """A path glob: `*` and `?` stay inside one folder, `**/` spans any number of folders."""
    out, i = [], 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[":
            j = pattern.find("]", i + 1)
            if j == -1:
                out.append(re.escape(c))
            else:
                body = pattern[i + 1:j]
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append(f"[{body}]")
                i = j
        else:
            out.append(re.escape(c))
        i += 1
    return re.compile("".join(out) + r"\Z")


def _path(name: str | None) -> Path | None:
    """A `--config FILE` as a Path (pathlib imported only then)."""
    if not name:
        return None
    from pathlib import Path

    return Path(name)


def glob_match(pattern: str, path: str, root: str | Path) -> bool:
    """ruff's rule: a pattern with a `/` is matched against the path relative to `root` (the
    configuration file's folder); a pattern without one also matches the file name alone."""
    from pathlib import Path

    rx = _glob_regex(pattern.replace("\\", "/").removeprefix("./"))
    candidates = {path.replace("\\", "/").removeprefix("./")}
    try:
        rel = os.path.relpath(os.path.abspath(path), root)
        candidates.add(Path(rel).as_posix())
    except ValueError:
        pass
    if "/" not in pattern:
        candidates.add(Path(path).name)
    return any(rx.match(c) for c in candidates)


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for k, v in extra.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


@dataclass
class Settings:
    """What `audit check` runs with: the configuration file plus the command line."""

    config: Config
    extend_select: list[str] = field(default_factory=list)      # from the command line
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)  # from the command line
    baseline: str | None = None       # path as given (CLI) or resolved (config)
    write_baseline: str | None = None
    update_baseline: bool = False
    lang: str = "vi"                  # for notes on stderr
    _ruleset: Any = None              # the rule set `apply` returned

    # -- rules
    def _check_codes(self, ruleset: Ruleset, codes: list[str], key: str, allow_all: bool = True) -> None:
        known = [r.id for r in ruleset.rules]
        for c in codes:
            if (c == "ALL" and allow_all) or any(k.startswith(c) for k in known):
                continue
            where = _where(self.config.path, self.config.table) if self.config.path else "?"
            vi, en = rule_suggestions(c, known)
            raise ConfigError(f"Không có quy tắc nào khớp “{c}” (khóa “{key}” trong {where}).{vi}",
                              f"No rule matches “{c}” (key “{key}” in {where}).{en}")

    def apply(self, ruleset: Ruleset) -> Ruleset:
        """The rule set with the configured severities and parameters (copies; the cached rule
        set is not touched). Codes are checked against it: an unknown id or prefix is exit 2."""
        from auditor.engine.ruleset import Ruleset as _Ruleset

        c = self.config
        for key in ("select", "extend-select", "ignore"):
            if key in c.values:
                self._check_codes(ruleset, c.values[key], key)
        for glob, codes in c.get("per-file-ignores").items():
            self._check_codes(ruleset, codes, f"per-file-ignores.{glob}")
        severity: dict[str, str] = c.get("severity")
        params: dict[str, dict[str, Any]] = c.get("rules")
        self._check_codes(ruleset, list(severity), "severity", allow_all=False)
        self._check_codes(ruleset, list(params), "rules", allow_all=False)
        self._ruleset = ruleset
        if not severity and not params:
            return ruleset
        rules = []
        for r in ruleset.rules:
            update: dict[str, Any] = {}
            # the most specific code wins: a rule id over a prefix, a longer prefix over a shorter
            sev = [s for code, s in sorted(severity.items(), key=lambda x: len(x[0])) if r.id.startswith(code)]
            if sev and sev[-1] != "off":
                update["severity"] = sev[-1]
                update["severity_when"] = {}  # a configured severity wins over the policy's
            merged = r.params
            for code, p in sorted(params.items(), key=lambda x: len(x[0])):
                if r.id.startswith(code):
                    merged = _merge(merged, p)
            if merged is not r.params:
                update["params"] = merged
            rules.append(r.model_copy(update=update) if update else r)
        self._ruleset = _Ruleset(tuple(rules), ruleset.version)
        return self._ruleset

    def select_rules(self, ruleset: Ruleset, select: list[str] | None, ignore: list[str] | None) -> list[RuleSpec]:
        """ruff's layering: the file's select/extend-select/ignore (and severity = "off"), then
        the command line's; a `--select` on the command line replaces everything before it."""
        self._check_codes(ruleset, self.extend_select, "--extend-select")
        c = self.config
        off = [code for code, s in c.get("severity").items() if s == "off"]
        layers = [(c.values.get("select"), c.get("extend-select"), [*c.get("ignore"), *off]),
                  (select or None, self.extend_select, ignore or [])]
        chosen: set[str] = {r.id for r in ruleset.rules}
        for sel, ext, ign in layers:
            if sel is not None:
                chosen = {r.id for r in ruleset.rules if _matches(r.id, sel)}
            chosen |= {r.id for r in ruleset.rules if _matches(r.id, ext)}
            chosen -= {r.id for r in ruleset.rules if _matches(r.id, ign)}
        return [r for r in ruleset.rules if r.id in chosen]

    def rules_for(self, path: str, rules: list[RuleSpec]) -> list[RuleSpec]:
        """The rules for one file, after `per-file-ignores` (file's, then command line's)."""
        ignored: list[str] = []
        for glob, codes in self.config.get("per-file-ignores").items():
            if glob_match(glob, path, self.config.root):
                ignored.extend(codes)
        for glob, codes in self.per_file_ignores.items():
            if glob_match(glob, path, os.getcwd()):
                ignored.extend(codes)
        if not ignored:
            return rules
        return [r for r in rules if not _matches(r.id, ignored)]

    # -- after the run
    def drop_ignored(self, rr: RunResult, input_rules: set[str] | None = None) -> int:
        """Remove the findings `per-file-ignores` switches off for their file (the run audits
        every file with the same rules; their checks are not counted as failed either)."""
        if not self.config.get("per-file-ignores") and not self.per_file_ignores:
            return 0
        ids = sorted({f.rule_id for f in rr.findings})
        cache: dict[str, set[str]] = {}
        keep = []
        for f in rr.findings:
            if f.file not in cache:
                cache[f.file] = set(ids) - {r.id for r in self.rules_for(f.file, _Stub.of(ids))}
            if f.rule_id in cache[f.file]:
                if f.rule_id not in (input_rules or set()):
                    rr.stats.failed = max(rr.stats.failed - 1, 0)
                    rr.stats.evaluated = max(rr.stats.evaluated - 1, 0)
                continue
            keep.append(f)
        dropped = len(rr.findings) - len(keep)
        rr.findings = keep
        return dropped

    def finish(self, rr: RunResult) -> RunResult:
        """After the run: `per-file-ignores`, then the baseline options (see `baseline.py`)."""
        input_rules = {r.id for r in self._ruleset.rules if r.check == "input"} if self._ruleset else set()
        if self.drop_ignored(rr, input_rules):
            from auditor.workflows.baseline import refresh_summary

            live = {f.file for f in rr.findings}
            for fr in rr.files:
                if fr.status == "findings" and fr.path not in live:
                    fr.status = "ok"
            refresh_summary(rr, rr.summary.get("baselined", 0))
        if not (self.write_baseline or self.baseline):
            return rr  # (nothing to do: baseline.py is not even imported)
        from auditor.workflows.baseline import apply_options

        return apply_options(rr, self)


@dataclass(frozen=True)
class _Stub:
    """Just enough of a RuleSpec for `rules_for` on rule ids."""

    id: str

    @staticmethod
    def of(ids: list[str]) -> list[Any]:
        return [_Stub(i) for i in ids]


# ------------------------------------------------------------------------------ CLI glue

def _pfi_option(values: tuple[str, ...]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for v in values:
        glob, sep, codes = v.rpartition(":")
        if not sep or not glob:
            raise ConfigError(f"--per-file-ignores cần dạng GLOB:MÃ,MÃ, nhận được “{v}”.",
                              f"--per-file-ignores needs GLOB:CODE,CODE, got “{v}”.")
        out.setdefault(glob, []).extend(c.strip().upper() for c in codes.split(",") if c.strip())
    return out


def _split(values: tuple[str, ...]) -> list[str]:
    return [c.strip().upper() for v in values for c in v.split(",") if c.strip()]


# the parameters of `audit check` that `resolve_settings` takes (its configuration and baseline options)
OPTION_PARAMS = ("config_file", "isolated", "extend_select", "per_file_ignores", "baseline_file", "no_baseline",
                 "write_baseline", "update_baseline")


def resolve_settings(options: dict[str, Any], kwargs: dict[str, Any], given: Collection[str]) -> Settings:
    """What `audit check` runs with: read the configuration that `options` (the configuration and
    baseline options of the command line: `config_file`, `isolated`, `extend_select`,
    `per_file_ignores`, `baseline_file`, `no_baseline`, `write_baseline`, `update_baseline`)
    point to, let it fill in `kwargs` the parameters of `CLI_PARAMS` not `given` on the command
    line (--lang, --output-format, --fail-on, --strict), and set the run's limits. Without click:
    the click command (`config_cli.check_options`) and the fast path (`auditor/fastpath.py`) both
    call it."""
    cfg = load_config(_path(options.get("config_file")), isolated=bool(options.get("isolated")))
    # the run's limits: the defaults, or what [tool.audit.limits] sets (before rules are loaded)
    run_limits.configure(run_limits.from_config(cfg.values.get("limits") or {}))
    for key, param in CLI_PARAMS.items():
        if key not in cfg.values:
            continue
        if param not in kwargs:
            raise ConfigError(f"Khóa “{key}” trong {_where(cfg.path, cfg.table)} không được hỗ trợ "
                              f"(lệnh check không có tùy chọn tương ứng).",
                              f"Key “{key}” in {_where(cfg.path, cfg.table)} is not supported "
                              f"(the check command has no such option).")
        if param not in given:
            value = cfg.values[key]
            if key == "output-format":
                from auditor.output import RENDERERS

                if value not in RENDERERS:
                    raise ConfigError(
                        f"Giá trị không hợp lệ cho “output-format” trong {_where(cfg.path, cfg.table)}: "
                        f"“{value}” (chọn một trong: {', '.join(RENDERERS)}).",
                        f"Invalid value for “output-format” in {_where(cfg.path, cfg.table)}: "
                        f"“{value}” (choose from: {', '.join(RENDERERS)}).")
            kwargs[param] = value
    baseline = options.get("baseline_file")
    if baseline is None and not options.get("no_baseline") and cfg.values.get("baseline"):
        baseline = str(cfg.root / cfg.values["baseline"])
    settings = Settings(config=cfg, extend_select=_split(options.get("extend_select") or ()),
                        per_file_ignores=_pfi_option(options.get("per_file_ignores") or ()),
                        baseline=baseline, write_baseline=options.get("write_baseline"),
                        update_baseline=bool(options.get("update_baseline")),
                        lang=kwargs.get("lang") if kwargs.get("lang") in ("vi", "en") else "vi")
    if settings.update_baseline and not settings.baseline:
        raise ConfigError("--update-baseline cần một baseline (--baseline FILE hoặc khóa “baseline”).",
                          "--update-baseline needs a baseline (--baseline FILE or the “baseline” key).")
    if settings.update_baseline and settings.write_baseline:
        raise ConfigError("Không dùng --update-baseline cùng --write-baseline.",
                          "--update-baseline and --write-baseline cannot be combined.")
    return settings


# --------------------------------------------------------------------------- audit config

def _toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{_toml_key(k)} = {_toml_value(x)}" for k, x in v.items()) + " }" if v else "{}"
    if v is None:
        return '""'
    return json.dumps(str(v), ensure_ascii=False)


def _toml_key(k: str) -> str:
    return k if re.fullmatch(r"[A-Za-z0-9_-]+", k) else json.dumps(k, ensure_ascii=False)


def effective(cfg: Config) -> dict[str, Any]:
    """Every key with its effective value (the file's, else the default); unset ones omitted."""
    out: dict[str, Any] = {}
    for key in KEYS:
        if key == "limits":
            out[key] = {**DEFAULTS["limits"], **cfg.values.get("limits", {})}
        elif key in cfg.values:
            out[key] = cfg.values[key]
        elif key in DEFAULTS and DEFAULTS[key] is not None:
            out[key] = DEFAULTS[key]
    return out


def render_effective(cfg: Config, fmt: str = "toml", lang: str = "vi") -> str:
    eff = effective(cfg)
    if fmt == "json":
        doc = {"file": str(cfg.path) if cfg.path else None, "table": cfg.table, "isolated": cfg.isolated,
               "root": str(cfg.root), "set": sorted(cfg.values), "config": eff}
        if eff.get("baseline"):
            doc["baseline_path"] = str(cfg.root / eff["baseline"])
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    head = "# Cấu hình từ" if lang == "vi" else "# Configuration from"
    lines = [f"{head}: {cfg.source(lang)}",
             "# " + ("(mặc định) = không đặt trong tệp" if lang == "vi" else "(default) = not set in the file"),
             *(["[tool.audit]"] if cfg.table == "[tool.audit]" else [])]
    tables: list[str] = []
    for key, v in eff.items():
        mark = "" if key in cfg.values else ("  # (mặc định)" if lang == "vi" else "  # (default)")
        if isinstance(v, dict) and v and key in ("per-file-ignores", "severity", "rules", "limits"):
            prefix = "tool.audit." if cfg.table == "[tool.audit]" else ""
            if key == "rules":
                for code, params in v.items():
                    tables += ["", f"[{prefix}rules.{_toml_key(code)}]"]
                    tables += [f"{_toml_key(k)} = {_toml_value(x)}" for k, x in params.items()]
            else:
                tables += ["", f"[{prefix}{key}]"]
                tables += [f"{_toml_key(k)} = {_toml_value(x)}" for k, x in v.items()]
            continue
        lines.append(f"{key} = {_toml_value(v)}{mark}")
    if eff.get("baseline"):
        lines.append(f"# baseline → {cfg.root / eff['baseline']}")
    return "\n".join(lines + tables) + "\n"
