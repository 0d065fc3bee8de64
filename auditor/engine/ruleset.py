"""Rules are data: `rules/*.yaml`, validated against `schemas/rule.schema.json` on load.

The format is defined by the pydantic models of `rule_model.py`. A rule file already
validated (`rulecache.py`) is read through `lean.py` against the plan generated from those
models, without importing pydantic; the objects are the same either way (`lean.Lean`
objects with the models' fields: `RuleSpec`, `Example`, `Text` below)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from auditor import checks
from auditor.engine import jmes
from auditor.files.yamlio import load_yaml, yaml_error
from auditor.model.lean import plan
from auditor.numeric.formula import FormulaError, parse


class RuleError(Exception):
    """A rule file is broken: a usage error (exit 2)."""


_PLAN = plan("rule")
RuleSpec: Any = _PLAN.classes["RuleSpec"]
Example: Any = _PLAN.classes["Example"]
Text: Any = _PLAN.classes["Text"]


@dataclass(frozen=True)
class Ruleset:
    rules: tuple[RuleSpec, ...]
    version: str

    def get(self, rule_id: str) -> RuleSpec | None:
        return next((r for r in self.rules if r.id == rule_id), None)


def rules_dir() -> Path:
    package = Path(__file__).resolve().parent.parent
    src = package.parent / "rules"
    if src.is_dir():
        return src
    return package / "rules_data"  # installed (non-editable): packaged by pyproject's package-dir


def _validate_semantics(rule: RuleSpec, where: str) -> None:
    if not checks.known(rule.check):
        raise RuleError(f"{where}: rule {rule.id}: unknown check kind {rule.check!r} "
                        f"(known: {', '.join(checks.names())})")
    if rule.check != "input" and not rule.scope:
        raise RuleError(f"{where}: rule {rule.id}: a scope is required")
    bad = jmes.syntax_error(rule.scope) if rule.scope else None
    if bad is not None:
        raise RuleError(f"{where}: rule {rule.id}: bad scope {rule.scope!r}: {bad}")
    exprs = []
    if "assert" in rule.params:
        exprs.append(rule.params["assert"])
    exprs.extend((rule.params.get("conditions") or {}).values())
    for e in exprs:
        try:
            parse(str(e))
        except FormulaError as err:
            raise RuleError(f"{where}: rule {rule.id}: {err}") from None
    for example in rule.examples:
        given = [x for x in (example.report, example.raw, getattr(example, "document", None)) if x is not None]
        if len(given) != 1:
            raise RuleError(f"{where}: rule {rule.id}: an example needs exactly one of report / raw / document")
    if not any(e.expect == "pass" for e in rule.examples) or not any(
            e.expect != "pass" for e in rule.examples):
        raise RuleError(f"{where}: rule {rule.id}: needs a passing and a failing example")


def load_rule_file(path: Path) -> Any:
    """The rule file as a Lean `RuleFile` (version, description, rules)."""
    from auditor.files import cache as rulecache

    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise RuleError(f"{path}: cannot read rule file: {e}") from None
    # A file already validated skips YAML, jsonschema and pydantic (rulecache.py, lean.py).
    data = rulecache.get(text, _schema_key())
    if not rulecache.is_miss(data):
        rf = _PLAN.validate(data)
        if rf is not None:
            trees = rulecache.get(text, _schema_key() + _TREES_KEY)
            jmes.remember(trees)
            try:
                rf = _checked(rf, path)
            except RuleError:  # a damaged entry: read the file itself below
                pass
            else:
                if rulecache.is_miss(trees):
                    rulecache.put(text, _schema_key() + _TREES_KEY, _trees(rf))
                return rf
    data = _parse_and_validate(path, text)
    from pydantic import ValidationError

    from auditor.model.rule import RuleFile

    try:
        model = RuleFile.model_validate(data)
    except ValidationError as e:
        raise RuleError(f"{path}: {e}") from None
    rf = _checked(_PLAN.adopt(model), path)
    rulecache.put(text, _schema_key(), data)  # only what the model and the checks accepted
    rulecache.put(text, _schema_key() + _TREES_KEY, _trees(rf))
    return rf


# The parsed trees of a rule file's JMESPath expressions are cached next to the file's data, so
# that a run does not import `jmespath` and parse them again (see `jmes.remember`).
_TREES_KEY = "/jmespath-trees"


def _trees(rf: Any) -> dict[str, Any]:
    """The parsed trees of the expressions the engine may compile for these rules: scopes and
    the parameters that parse as JMESPath (with each `for_each` value put in; literal
    options that do not parse are left out)."""
    out: dict[str, Any] = {}
    for r in rf.rules:
        texts: list[str] = [r.scope] if r.scope else []
        _strings(r.params, texts)
        for name, values in (r.for_each or {}).items():
            texts += [t.replace("{" + name + "}", str(v)) for t in list(texts) if "{" + name + "}" in t
                      for v in values]
        for t in texts:
            t = t[2:] if t.startswith("$.") else t
            if t not in out and jmes.syntax_error(t) is None:
                out[t] = jmes.parse(t)
    return out


def _strings(v: Any, out: list[str]) -> None:
    if isinstance(v, str):
        out.append(v)
    elif isinstance(v, dict):
        for x in v.values():
            _strings(x, out)
    elif isinstance(v, list):
        for x in v:
            _strings(x, out)


def _checked(rf: Any, path: Path) -> Any:
    """The semantic checks (check kinds, scopes, formulas, examples) of a validated file."""
    for r in rf.rules:
        _validate_semantics(r, str(path))
    return rf


def _parse_and_validate(path: Path, text: str) -> Any:
    import jsonschema

    try:
        data = load_yaml(text)
    except yaml_error() as e:
        raise RuleError(f"{path}: cannot read rule file: {e}") from None
    validator = jsonschema.Draft202012Validator(_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        e = errors[0]
        loc = "/" + "/".join(str(p) for p in e.absolute_path)
        raise RuleError(f"{path}: {loc}: {e.message}")
    return data


@lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    from auditor.model.schemas import rule_schema

    return rule_schema()


@lru_cache(maxsize=1)
def _schema_key() -> str:
    """What the rule format is made of: the plan generated from the models (which changes with
    them), the fast reader and this module. Generating the schema itself to hash it cost a
    fifth of loading the rules at every start; any change to these files misses the cache,
    which is all it needs."""
    import hashlib

    from auditor.model import lean, severity

    h = hashlib.sha256()
    for module_file in (__file__, severity.__file__, lean.__file__, lean.plan_path("rule")):
        h.update(Path(module_file).read_bytes())
    return h.hexdigest()


@lru_cache(maxsize=8)
def load_rules(directory: str | None = None) -> Ruleset:
    d = Path(directory) if directory else rules_dir()
    files = sorted(d.glob("*.yaml"))
    if not files:
        raise RuleError(f"no rule files in {d}")
    rules: list[RuleSpec] = []
    versions: list[str] = []
    seen: dict[str, str] = {}
    for f in files:
        rf = load_rule_file(f)
        versions.append(rf.version)
        for r in rf.rules:
            if r.id in seen:
                raise RuleError(f"{f}: rule id {r.id} is also defined in {seen[r.id]}")
            seen[r.id] = f.name
            rules.append(r)
    rules.sort(key=lambda r: r.id)
    return Ruleset(tuple(rules), max(versions))


STRICT_TAG = "strict"


def drop_strict(rules: list[RuleSpec], *, strict: bool = False,
                select: list[str] | None = None) -> list[RuleSpec]:
    """Rules tagged `strict` are off by default (like ruff's preview rules): they run with
    `--strict`, or when selected by their exact id (`--select LEG004`), never by a prefix."""
    if strict:
        return list(rules)
    exact = set(select or [])
    return [r for r in rules if STRICT_TAG not in r.tags or r.id in exact]


def select_rules(ruleset: Ruleset, select: list[str] | None, ignore: list[str] | None,
                 *, strict: bool = False) -> list[RuleSpec]:
    """ruff-style selection: ids or prefixes; ALL selects everything (except rules tagged
    strict, see `drop_strict`)."""
    def matches(rule_id: str, codes: list[str]) -> bool:
        return any(c == "ALL" or rule_id.startswith(c) for c in codes)

    out = []
    for r in ruleset.rules:
        if select and not matches(r.id, select):
            continue
        if ignore and matches(r.id, ignore):
            continue
        out.append(r)
    return drop_strict(out, strict=strict, select=select)
