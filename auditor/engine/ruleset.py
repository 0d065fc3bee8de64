"""Rules are data: `rules/*.yaml`, validated against `schemas/rule.schema.json` on load.

The format is defined by the pydantic models of `rule_model.py`. A rule file already
validated (`rulecache.py`) is read through `lean.py` against the plan generated from those
models, without importing pydantic; the objects are the same either way (`lean.Lean`
objects with the models' fields: `RuleSpec`, `Example`, `Text` below)."""

from __future__ import annotations

import os
from functools import lru_cache

from auditor import checks
from auditor.engine import jmes
from auditor.engine.template import TemplateError, compile_template
from auditor.files.yamlio import load_yaml, yaml_error
from auditor.model.lean import plan
from auditor.numeric import limits
from auditor.numeric.formula import FormulaError, tree
from auditor.records import dataclass

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any


class RuleError(Exception):
    """A rule file is broken: a usage error (exit 2). `str()` is the English message; `vi` the
    Vietnamese one (a library's technical detail, quoted as it is, is the same in both)."""

    def __init__(self, en: str, vi: str | None = None) -> None:
        super().__init__(en)
        self.vi = vi if vi is not None else en


_PLAN = plan("rule")
RuleSpec: Any = _PLAN.classes["RuleSpec"]
Example: Any = _PLAN.classes["Example"]
Text: Any = _PLAN.classes["Text"]


@dataclass(frozen=True)
class Ruleset:
    """The rules loaded from a folder, sorted by id, and the highest version of their files."""

    rules: tuple[RuleSpec, ...]
    version: str

    def get(self, rule_id: str) -> RuleSpec | None:
        return next((r for r in self.rules if r.id == rule_id), None)


def rules_dir() -> Path:
    from pathlib import Path

    return Path(_shipped_rules())


def _shipped_rules() -> str:
    """`rules_dir()` as a string (a run's start does not import pathlib)."""
    from auditor.files.paths import is_dir

    package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    src = os.path.join(os.path.dirname(package), "rules")
    if is_dir(src):
        return src
    return os.path.join(package, "rules_data")  # installed (non-editable): packaged by pyproject's package-dir


def _validate_semantics(rule: RuleSpec, where: str, bounds: bool = True) -> None:
    """The checks the schema cannot make. `bounds`: also hold every selector and message to the
    limits (depth, functions, template fields): skipped for a rule file read from the cache,
    whose key holds the limits and the code that checked them (see `_cache_key`)."""
    if not checks.known(rule.check):
        raise RuleError(f"{where}: rule {rule.id}: unknown check kind {rule.check!r} "
                        f"(known: {', '.join(checks.names())})",
                        f"{where}: quy tắc {rule.id}: loại kiểm tra {rule.check!r} không có "
                        f"(các loại có: {', '.join(checks.names())})")
    if rule.check != "input" and not rule.scope:
        raise RuleError(f"{where}: rule {rule.id}: a scope is required",
                        f"{where}: quy tắc {rule.id}: thiếu phạm vi (scope)")
    if rule.scope and bounds:
        _check_selection(rule.scope, "scope", rule, where)
    elif rule.scope:
        bad = jmes.syntax_error(rule.scope)
        if bad is not None:
            raise RuleError(f"{where}: rule {rule.id}: bad scope {rule.scope!r}: {bad}",
                            f"{where}: quy tắc {rule.id}: phạm vi (scope) {rule.scope!r} viết sai: {bad}")
    if bounds:
        # The parameters that are selectors into the report: every string that reads as a
        # JMESPath (the kinds' lists of selector parameters live in their families, which a
        # run imports only when one of its rules needs them; a literal option reads as a
        # plain field, well within the bounds).
        variants = next(iter(rule.for_each.values())) if rule.for_each else [None]
        for name, value in rule.params.items():
            if name in ("assert", "conditions"):  # formulas, checked below
                continue
            for variant in variants:
                _check_selectors(value, name, rule, where, variant)
    exprs = []
    if "assert" in rule.params:
        exprs.append(rule.params["assert"])
    conditions = rule.params.get("conditions") or {}
    exprs.extend(conditions.values() if isinstance(conditions, dict) else [conditions])
    for e in exprs:
        try:
            tree(str(e))
        except FormulaError as err:
            raise RuleError(f"{where}: rule {rule.id}: {err}",
                            f"{where}: quy tắc {rule.id}: công thức viết sai: {err}") from None
    from auditor.model.severity import QUALIFIERS

    unknown = sorted(set(rule.severity_when or {}) - set(QUALIFIERS))
    if unknown:
        raise RuleError(f"{where}: rule {rule.id}: unknown qualifier(s) in severity_when: {', '.join(unknown)} "
                        f"(known: {', '.join(QUALIFIERS)})",
                        f"{where}: quy tắc {rule.id}: severity_when có điều kiện không biết: {', '.join(unknown)} "
                        f"(các điều kiện có: {', '.join(QUALIFIERS)})")
    for lang in ("vi", "en") if bounds else ():
        try:
            compile_template(getattr(rule.message, lang))
        except TemplateError as err:
            raise RuleError(f"{where}: rule {rule.id}: message.{lang}: {err}",
                            f"{where}: quy tắc {rule.id}: mẫu thông báo message.{lang} viết sai: {err}") from None
    for example in rule.examples:
        given = [x for x in (example.report, example.raw, getattr(example, "document", None)) if x is not None]
        if len(given) != 1:
            raise RuleError(f"{where}: rule {rule.id}: an example needs exactly one of report / raw / document",
                            f"{where}: quy tắc {rule.id}: mỗi ví dụ cần đúng một trong report / raw / document")
    if not any(e.expect == "pass" for e in rule.examples) or not any(
            e.expect != "pass" for e in rule.examples):
        raise RuleError(f"{where}: rule {rule.id}: needs a passing and a failing example",
                        f"{where}: quy tắc {rule.id}: cần một ví dụ đạt và một ví dụ không đạt")


def _check_selectors(value: Any, name: str, rule: RuleSpec, where: str, variant: str | None) -> None:
    """A parameter: a JMESPath (on the item, or on the report after “$.”), a dict or list of
    them, or a literal (a string that does not read as a JMESPath is left to the check)."""
    if isinstance(value, dict):
        for k, v in value.items():
            _check_selectors(v, f"{name}.{k}", rule, where, variant)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _check_selectors(v, f"{name}[{i}]", rule, where, variant)
    elif isinstance(value, str):
        expr = value[2:] if value.startswith("$.") else value
        if rule.for_each and variant is not None:
            (placeholder,) = rule.for_each
            expr = expr.replace("{" + placeholder + "}", str(variant))
        _check_selection(expr, f"params.{name}", rule, where, literal_ok=True)


def _check_selection(expr: str, what: str, rule: RuleSpec, where: str, literal_ok: bool = False) -> None:
    """A JMESPath a rule uses: well formed (unless `literal_ok`: a parameter that does not read as
    one is a literal), at most `limits.expression_depth` levels deep, and without the functions
    that can make a result far larger than its input."""
    from jmespath.exceptions import JMESPathError

    from auditor.engine.jmes import UNBOUNDED_FUNCTIONS, expression_depth, functions_of

    try:
        parsed = jmes.parse(expr)
    except JMESPathError as e:
        if literal_ok:
            return
        raise _bad_selection(where, rule, what, expr, e) from None
    except (RecursionError, MemoryError, ValueError, TypeError) as e:
        raise _bad_selection(where, rule, what, expr, e) from None
    depth, lim = expression_depth(parsed), limits.current().expression_depth
    if depth > lim:
        raise RuleError(f"{where}: rule {rule.id}: {what} {_shown(expr)} is nested {depth} levels deep (at most "
                        f"{lim}; configuration key {limits.key_of('expression_depth')})",
                        f"{where}: quy tắc {rule.id}: {what} {_shown(expr)} lồng {depth} cấp (tối đa {lim}; "
                        f"khóa cấu hình {limits.key_of('expression_depth')})")
    bad = sorted(functions_of(parsed) & UNBOUNDED_FUNCTIONS)
    if bad:
        raise RuleError(f"{where}: rule {rule.id}: {what} {_shown(expr)} calls {', '.join(bad)}(), which rule "
                        "selections may not use (its result is not bounded by its input)",
                        f"{where}: quy tắc {rule.id}: {what} {_shown(expr)} gọi {', '.join(bad)}(), hàm mà biểu "
                        "thức chọn của quy tắc không được dùng (kết quả không bị giới hạn bởi đầu vào)")


def _bad_selection(where: str, rule: Any, what: str, expr: str, e: BaseException) -> RuleError:
    return RuleError(f"{where}: rule {rule.id}: bad {what} {_shown(expr)}: {type(e).__name__}: {e}",
                     f"{where}: quy tắc {rule.id}: {what} {_shown(expr)} viết sai: {type(e).__name__}: {e}")


def _unreadable(path: str | Path, e: BaseException) -> RuleError:
    return RuleError(f"{path}: cannot read rule file: {e}", f"{path}: không đọc được tệp quy tắc: {e}")


def _shown(expr: str) -> str:
    return repr(expr if len(expr) <= 80 else expr[:80] + "…")


def load_rule_file(path: str | Path, raw: bytes | None = None) -> Any:
    """The rule file as a Lean `RuleFile` (version, description, rules). `raw`: its bytes, when
    the caller has read them."""
    import io

    from auditor.files import cache as rulecache

    if raw is None:
        try:
            with open(path, "rb") as fh:  # (`Path.read_bytes`, for a path given as a string too)
                raw = fh.read()
        except OSError as e:
            raise _unreadable(path, e) from None
    # Entries are keyed by the file's bytes, hashed once; the text is decoded only on a miss
    # (what `read_text` does: the same decoder and newline translation, from these bytes).
    key = rulecache.content_key(raw)
    # A file already validated skips YAML, jsonschema and pydantic (rulecache.py, lean.py).
    data = rulecache.get("", _cache_key(), key=key)
    if not rulecache.is_miss(data):
        rf = _PLAN.validate(data)
        if rf is not None:
            trees = rulecache.get("", _schema_key() + _TREES_KEY, key=key)
            jmes.remember(trees)
            try:
                rf = _checked(rf, path, bounds=False)
            except RuleError:  # a damaged entry: read the file itself below
                pass
            else:
                if rulecache.is_miss(trees):
                    rulecache.put("", _schema_key() + _TREES_KEY, _trees(rf), key=key)
                return rf
    try:
        text = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8").read()
    except UnicodeDecodeError as e:
        raise _unreadable(path, e) from None
    from pydantic import ValidationError

    from auditor.model.rule import RuleFile

    try:
        data = _parse_and_validate(path, text)
        model = RuleFile.model_validate(data)
        rf = _checked(_PLAN.adopt(model), path)
    except ValidationError as e:
        raise RuleError(f"{path}: {e}", f"{path}: tệp quy tắc không đúng định dạng: {e}") from None
    except (RecursionError, MemoryError) as e:  # a rule file nested beyond what can be read
        raise RuleError(f"{path}: nested too deeply to be read ({type(e).__name__}); rule ids in the file: "
                        f"{_ids_in(text)}",
                        f"{path}: lồng quá sâu, không đọc được ({type(e).__name__}); các mã quy tắc trong tệp: "
                        f"{_ids_in(text)}") from None
    rulecache.put(text, _cache_key(), data, key=key)  # only what the model and the checks accepted
    rulecache.put(text, _schema_key() + _TREES_KEY, _trees(rf), key=key)
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
            try:
                if t not in out and jmes.syntax_error(t) is None:
                    out[t] = jmes.parse(t)
            except (RecursionError, MemoryError, ValueError, TypeError):  # (held to the bounds when read)
                continue
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


def _checked(rf: Any, path: str | Path, bounds: bool = True) -> Any:
    """The semantic checks (check kinds, scopes, formulas, templates, examples) of a validated
    file."""
    for r in rf.rules:
        try:
            _validate_semantics(r, str(path), bounds)
        except (RecursionError, MemoryError) as e:
            raise RuleError(f"{path}: rule {r.id}: nested too deeply to be checked ({type(e).__name__})",
                            f"{path}: quy tắc {r.id}: lồng quá sâu, không kiểm tra được ({type(e).__name__})") from None
    return rf


def _ids_in(text: str) -> str:
    import re

    ids = list(dict.fromkeys(re.findall(r"\bid:\s*[\"']?([A-Z]{2,6}[0-9]{3})", text)))
    return ", ".join(ids[:10]) + (" …" if len(ids) > 10 else "") if ids else "(none found)"


def _parse_and_validate(path: str | Path, text: str) -> Any:
    import jsonschema

    try:
        data = load_yaml(text, aliases=False)  # a rule folder may come from elsewhere
    except yaml_error() as e:
        raise _unreadable(path, e) from None
    validator = jsonschema.Draft202012Validator(_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        e = errors[0]
        loc = "/" + "/".join(str(p) for p in e.absolute_path)
        raise RuleError(f"{path}: {loc}: {e.message}", f"{path}: tại {loc}, không đúng lược đồ quy tắc: {e.message}")
    return data


@lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    from auditor.model.schemas import rule_schema

    return rule_schema()


def _cache_key() -> str:
    """What a cached rule file was checked against: the rule format and the code (`_schema_key`),
    and the limits its expressions and messages were held to."""
    lim = limits.current()
    return f"{_schema_key()}:{lim.expression_depth}:{lim.template_width}"


@lru_cache(maxsize=1)
def _schema_key() -> str:
    """What the rule format is made of: the plan generated from the models (which changes with
    them), the fast reader and this module. Generating the schema itself to hash it cost a
    fifth of loading the rules at every start; any change to these files misses the cache,
    which is all it needs."""
    from auditor.engine import jmes, template
    from auditor.files import digest
    from auditor.model import lean, severity
    from auditor.numeric import formula

    parts = []
    for module_file in (__file__, severity.__file__, lean.__file__, lean.plan_file("rule"), jmes.__file__,
                        template.__file__, formula.__file__):
        with open(module_file, "rb") as fh:
            parts.append(fh.read())
    return digest.key(b"".join(parts))


def load_rules(directory: str | None = None) -> Ruleset:
    """The rules of a folder (default: the shipped ones), checked under the limits in force
    (cached per folder and limits)."""
    return _load_rules(directory, limits.current())


@lru_cache(maxsize=8)
def _load_rules(directory: str | None, _limits: Any) -> Ruleset:
    d, files = _rule_files(directory)
    if not files:
        raise RuleError(f"no rule files in {d}", f"không có tệp quy tắc nào trong {d}")
    raws: list[bytes | None] = []
    for f in files:
        try:
            with open(f, "rb") as fh:
                raws.append(fh.read())
        except OSError:  # refused below, in the files' order, by `load_rule_file`
            raws.append(None)
    where = _plan_entry(files, raws)
    if where is not None:
        kept = _kept_plan(where)
        if kept is not None:
            return kept
    rules: list[RuleSpec] = []
    versions: list[str] = []
    seen: dict[str, str] = {}
    trees: dict[str, Any] = {}
    for f, raw in zip(files, raws):
        rf = load_rule_file(f, raw)
        if where is not None:
            trees.update(_trees(rf))
        versions.append(rf.version)
        for r in rf.rules:
            if r.id in seen:
                raise RuleError(f"{f}: rule id {r.id} is also defined in {seen[r.id]}",
                                f"{f}: mã quy tắc {r.id} đã được định nghĩa trong {seen[r.id]}")
            seen[r.id] = os.path.basename(f)
            rules.append(r)
    rules.sort(key=lambda r: r.id)
    ruleset = Ruleset(tuple(rules), max(versions))
    if where is not None:
        _keep_plan(where, ruleset, trees)
    return ruleset


# One rule plan: the finished rules of a folder, kept in the cache folder as one marshalled file
# (issue 16, start-up). Loading the rule files one by one from their cache entries (JSON read,
# each file validated against the plan of the format, semantic checks) cost ~38 M instructions at
# every start; the one file is read with `marshal` and its objects made as they were.
_PLAN_FORMAT = 1


def _plan_entry(files: list[Any], raws: list[bytes | None]) -> str | None:
    """Where the plan of these rule files is kept: a name made of their bytes (in their order),
    what checked them (`_cache_key`: the format, the code, the limits), the tool's version and
    the interpreter (marshal's format is its own). None without a cache folder, or when a file
    could not be read (it is then refused as without a cache)."""
    import sys

    from auditor import __version__
    from auditor.files import cache as rulecache
    from auditor.files import digest

    d = rulecache.cache_dir()
    if d is None or any(raw is None for raw in raws):
        return None
    parts = [str(_PLAN_FORMAT), __version__, _cache_key(), sys.version, str(sys.hexversion)]
    parts += [f"{os.path.basename(f)}:{rulecache.content_key(raw)}" for f, raw in zip(files, raws)]  # type: ignore[arg-type]
    name = digest.key("\x00".join(parts).encode("utf-8"))
    return os.path.join(d, "rules", f"plan-{name[:40]}.marshal")


def _keep_plan(where: str, ruleset: Ruleset, trees: dict[str, Any]) -> None:
    """Keep the rules just loaded and checked, with the parsed trees of their expressions."""
    import marshal

    from auditor.files import cache as rulecache

    try:
        payload = marshal.dumps((ruleset.version, [_PLAN.freeze(r, "RuleSpec") for r in ruleset.rules], trees))
    except ValueError:  # a value marshal cannot write (not in a rule file that validated): not kept
        return
    rulecache.write_checked(where, payload)


def _kept_plan(where: str) -> Ruleset | None:
    """The rules kept at `where`, or None when there are none or they cannot be used (a damaged
    or foreign file; a rule whose check kind this process does not know). The rules were checked
    by the code and limits the file's name is made of, which check them alike again; the one thing
    that may differ in this process is the registry of check kinds (code may register kinds of its
    own), so each rule's kind is looked up again."""
    import marshal

    from auditor.files import cache as rulecache

    payload = rulecache.read_checked(where)
    if payload is None:
        return None
    try:
        version, frozen, trees = marshal.loads(payload)
        rules = tuple(_PLAN.thaw(r, "RuleSpec") for r in frozen)
        if type(version) is not str or type(trees) is not dict:
            return None
    except Exception:  # noqa: BLE001 - anything a file of another shape raises: read the rule files
        return None
    if not all(checks.known(r.check) for r in rules):
        return None
    jmes.remember(trees)
    return Ruleset(rules, version)


def _rule_files(directory: str | None) -> tuple[Any, list[Any]]:
    """The folder and its rule files, sorted (files only: a named pipe would block the run). A
    folder given by the user is listed by pathlib (its messages show the paths as pathlib writes
    them); the shipped one as strings, which is the same list without importing pathlib."""
    if directory:
        from pathlib import Path

        d = Path(directory)
        return d, sorted(f for f in d.glob("*.yaml") if f.is_file())
    from auditor.files.paths import is_file

    shipped = _shipped_rules()
    # (`Path.glob("*.yaml")`: every name ending so, hidden ones too, in the system's case rules;
    # sorted as paths are, by their case-folded form where the system folds case)
    names = [os.path.join(shipped, n) for n in os.listdir(shipped) if os.path.normcase(n).endswith(".yaml")]
    return shipped, sorted((f for f in names if is_file(f)), key=os.path.normcase)


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
