"""Valid data read without pydantic: the fast path of `audit` on a report, and of loading rules.

Importing pydantic and building its models is about half of `audit report.json` (start-up
included). The formats are still defined by the pydantic models (`model.Report`,
`rule_model.RuleFile`, the single sources of truth): `python -m auditor.generate` writes a
plain description of them, a *plan* (`auditor/data/*_plan.json`: every field with its type,
bounds and default), next to the JSON Schemas, and a test fails when a plan drifts from its
models. This module validates data against a plan and builds `Lean` objects: the same
attributes, in the same order, with the same values as the models would have.

It accepts only what it is sure of. At the first value pydantic might read differently (a
wrong type, a missing or unknown field, a bound, a text where a number is expected, a date
written another way …) it gives up (`validate` returns None) and the caller validates with
pydantic, which gives the exact messages. Tests check on the seeds and on generated variants
that whatever this module accepts, pydantic accepts with the same result.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from functools import cache

from auditor.model.numinput import JsonNumberText, coerce_num, day_problem, fill_num

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

_DATA = os.path.join(os.path.dirname(os.path.dirname(os.path.realpath(__file__))), "data")  # (no pathlib at start)
_INT_TEXT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class Bail(Exception):
    """Not sure: let pydantic decide."""


class Lean:
    """An object read against a plan: fields in `__dict__`, in the model's order."""

    # field name -> True when the value is always plain (str, int, bool, None): what the view
    # of the rules copies as it is (facts.build_view)
    __lean_plain__: dict[str, bool] = {}

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.__dict__ == self.__dict__

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items())
        return f"{type(self).__name__}({args})"

    def model_copy(self, *, update: dict[str, Any] | None = None) -> Lean:
        new = object.__new__(type(self))
        new.__dict__ = {**self.__dict__, **(update or {})}
        return new

    def model_dump(self, *, mode: str = "python", exclude: set[str] | None = None,
                   exclude_none: bool = False) -> dict[str, Any]:
        return {k: _dump(v, mode, exclude_none) for k, v in self.__dict__.items()
                if not (exclude and k in exclude) and not (exclude_none and v is None)}

    @property
    def ok(self) -> bool:  # Num.ok
        return self.__dict__.get("value") is not None


def _dump(v: Any, mode: str, exclude_none: bool) -> Any:
    if isinstance(v, Lean):
        return v.model_dump(mode=mode, exclude_none=exclude_none)
    if isinstance(v, list):
        return [_dump(x, mode, exclude_none) for x in v]
    if isinstance(v, dict):
        return {k: _dump(x, mode, exclude_none) for k, x in v.items()}
    if mode == "json" and isinstance(v, Decimal):
        return str(v)
    if mode == "json" and isinstance(v, dt.date):
        return v.isoformat()
    return v


if TYPE_CHECKING:
    Check = Callable[[Any], Any]


class Plan:
    """The compiled plan of one format: a Lean class and a validator per model."""

    def __init__(self, plan: dict[str, Any]) -> None:
        self.raw = plan
        self.classes: dict[str, type[Lean]] = {}
        self._validators: dict[str, Check] = {}
        self._optional: dict[str, Check] = {}  # the same, also taking None
        self._fields: dict[str, dict[str, Check]] = {}  # per model, filled after all exist
        self._built: dict[str, Check] = {}  # the same without the model's `before` step
        self._thawers: dict[str, Check] = {}  # per model, made when first used (`thaw`)
        for name, m in plan["models"].items():
            plain = {f[0]: _plain_spec(f[1]) for f in m["fields"]}
            self.classes[name] = type(name, (Lean,), {"__lean_plain__": plain, "__module__": __name__})
        # The validators are made when first used: a JSON run reads its report with the generated
        # reader (`read/_fastview.py`), which needs only the classes, and its rules from the rule
        # plan (`engine/ruleset.py`): making the report plan's validators at every start was ~7 M
        # instructions (issue 16).
        self._ready = False

    def _prepare(self) -> None:
        plan = self.raw
        for name in plan["models"]:
            self._fields[name] = {}
            self._validators[name], self._optional[name] = self._model(name)
        for name, m in plan["models"].items():  # models refer to each other (and to themselves)
            self._fields[name].update({f[0]: self._spec(f[1]) for f in m["fields"]})
        self._ready = True

    @property
    def root(self) -> Check:
        """The validator of the plan's root model."""
        if not self._ready:
            self._prepare()
        return self._validators[self.raw["root"]]

    def validate(self, data: Any, model: str | None = None) -> Any:
        """The Lean object for `data`, or None when pydantic must decide."""
        if not self._ready:
            self._prepare()
        check = self._validators[model or self.raw["root"]]
        try:
            return check(data)
        except (Bail, RecursionError, InvalidOperation, ValueError, TypeError, OverflowError):
            return None

    def build(self, data: Any, model: str) -> Any:
        """The Lean object for `data` whose `before` step was already done by the caller (a
        document reader's number, filled by `fill_num` with what it knows of the number), or None
        when pydantic must decide."""
        if not self._ready:
            self._prepare()
        try:
            return self._built[model](data)
        except (Bail, RecursionError, InvalidOperation, ValueError, TypeError, OverflowError):
            return None

    def adopt(self, obj: Any) -> Any:
        """A pydantic model object (already validated) as the Lean object of the same fields."""
        if hasattr(type(obj), "__pydantic_fields__"):
            new = object.__new__(self.classes[type(obj).__name__])
            new.__dict__ = {k: self.adopt(v) for k, v in obj.__dict__.items()}
            return new
        if isinstance(obj, list):
            return [self.adopt(v) for v in obj]
        if isinstance(obj, dict):
            return {k: self.adopt(v) for k, v in obj.items()}
        return obj

    def freeze(self, obj: Any, model: str) -> dict[str, Any]:
        """A Lean object of `model` as plain data `marshal` can write (`thaw` reverses it): its
        fields in the model's order, objects inside frozen alike. Raises ValueError for an object
        that is not exactly the model's fields (then nothing is kept)."""
        if type(obj) is not self.classes[model]:
            raise ValueError(f"not a {model}: {type(obj).__name__}")
        names = [f[0] for f in self.raw["models"][model]["fields"]]
        if list(obj.__dict__) != names:
            raise ValueError(f"{model}: fields {list(obj.__dict__)}")
        out = dict(obj.__dict__)
        for name, spec in self._nested(model):
            out[name] = self._freeze_value(out[name], spec)
        return out

    def _freeze_value(self, v: Any, spec: list[Any]) -> Any:
        kind = spec[0]
        if kind == "opt":
            return None if v is None else self._freeze_value(v, spec[1])
        if kind in ("model", "num"):
            return self.freeze(v, spec[1])
        if kind == "list":
            return [self._freeze_value(x, spec[1]) for x in v]
        return {k: self._freeze_value(x, spec[1]) for k, x in v.items()}  # "dict"

    def thaw(self, data: Any, model: str) -> Any:
        """The Lean object `freeze` made `data` from (its dicts become the objects' own). Data of
        another shape raises (ValueError, TypeError, KeyError …: the caller's cache entry is then
        ignored); the values are taken as they are, so `data` must come from `freeze` of this plan
        (the rule plan's file is checked whole: `files.cache.read_checked`)."""
        thaw = self._thawers.get(model)
        if thaw is None:
            thaw = self._thawer(model)
        return thaw(data)

    def _thawer(self, model: str) -> Check:
        n = len(self.raw["models"][model]["fields"])
        cls, new = self.classes[model], object.__new__
        nested: list[tuple[str, Check]] = []

        def thaw(d: Any) -> Lean:
            if type(d) is not dict or len(d) != n:
                raise ValueError(f"not a frozen {model}")
            for name, inner in nested:
                d[name] = inner(d[name])
            obj = new(cls)
            obj.__dict__ = d
            return obj
        self._thawers[model] = thaw  # before its fields': models may hold themselves
        nested.extend((name, self._thaw_value(spec)) for name, spec in self._nested(model))
        return thaw

    def _thaw_value(self, spec: list[Any]) -> Check:
        kind = spec[0]
        if kind == "opt":
            inner = self._thaw_value(spec[1])
            return lambda v: None if v is None else inner(v)
        if kind in ("model", "num"):
            return self._thawers.get(spec[1]) or self._thawer(spec[1])
        inner = self._thaw_value(spec[1])
        if kind == "list":
            return lambda v: [inner(x) for x in v]
        return lambda v: {k: inner(x) for k, x in v.items()}  # "dict"

    def _nested(self, model: str) -> list[tuple[str, list[Any]]]:
        """The fields of `model` (name, spec) whose values may hold Lean objects: the others are
        plain values, frozen and thawed as they are."""
        return [(f[0], f[1]) for f in self.raw["models"][model]["fields"] if _holds_models(f[1])]

    def _model(self, name: str) -> tuple[Check, Check]:
        m = self.raw["models"][name]
        cls = self.classes[name]
        checks = self._fields[name]
        # Every field in the model's order, with its default where that is a shared immutable
        # value; a copy of this is filled with the given fields (the order stays the model's).
        template: dict[str, Any] = {}
        fresh: list[tuple[str, Callable[[], Any]]] = []  # list, dict and model defaults
        required: set[str] = set()
        for fname, _spec, default in m["fields"]:
            kind = default[0]
            template[fname] = None
            if kind == "req":
                required.add(fname)
            elif kind == "factory":
                fresh.append((fname, self._default(default)))
            else:
                template[fname] = self._default(default)()
        required_fields = frozenset(required)
        # Text fields take most values: checked inline below, without a call (hot path).
        text_fields = frozenset(f[0] for f in m["fields"]
                                if f[1][:2] == ["str", None] or f[1] == ["opt", ["str", None]])
        before, after = m.get("before"), m.get("after")
        new = object.__new__

        def check(v: Any) -> Lean:
            if before == "num":
                v = fill_num(v)
            return build(v)

        def build(v: Any) -> Lean:
            if type(v) is cls:
                return v  # built against this plan already: kept as it is (as pydantic keeps an instance)
            if type(v) is not dict or not required_fields.issubset(v):
                raise Bail
            d = template.copy()
            for k, x in v.items():
                if type(x) is str and k in text_fields:
                    d[k] = x
                    continue
                c = checks.get(k)
                if c is None:  # a field the format does not have
                    raise Bail
                d[k] = c(x)
            for fname, factory in fresh:
                if fname not in v:
                    d[fname] = factory()
            if after == "day" and day_problem(d["day"], d["month"], d["year"]):
                raise Bail
            obj = new(cls)
            obj.__dict__ = d
            return obj

        def check_optional(v: Any) -> Lean | None:
            return None if v is None else check(v)
        self._built[name] = build
        return check, check_optional

    def _default(self, spec: list[Any]) -> Callable[[], Any]:
        kind = spec[0]
        if kind == "req":
            def required() -> Any:
                raise Bail
            return required
        if kind == "val":
            value = spec[1]
            return lambda: value
        if kind == "dec":
            value = Decimal(spec[1])
            return lambda: value
        if kind == "factory":
            target = spec[1]
            if target == "list":
                return list
            if target == "dict":
                return dict
            return lambda: self._validators[target]({})
        raise ValueError(f"unknown default {spec!r}")

    def _spec(self, spec: list[Any], optional: bool = False) -> Check:  # noqa: C901 - one branch per kind
        """The check of one field's value (None let through when `optional`)."""
        kind = spec[0]
        if kind == "opt":
            return self._spec(spec[1], optional=True)
        if kind == "str":
            pattern = re.compile(spec[1]) if len(spec) > 1 and spec[1] else None

            def s(v: Any) -> str | None:
                if type(v) is str:
                    # (Python's `$` also matches before a final newline, pydantic's does not)
                    if pattern is not None and (not pattern.search(v) or v.endswith("\n")):
                        raise Bail
                    return v
                if v is None and optional:
                    return None
                raise Bail
            return s
        if kind == "int":
            ge, le = spec[1], spec[2]

            def i(v: Any) -> int | None:
                t = type(v)
                if t is JsonNumberText and _INT_TEXT.fullmatch(v):
                    v = int(v)
                elif t is not int:
                    if v is None and optional:
                        return None
                    raise Bail
                if (ge is not None and v < ge) or (le is not None and v > le):
                    raise Bail
                return v
            return i
        if kind == "bool":
            def b(v: Any) -> bool | None:
                if type(v) is bool or (v is None and optional):
                    return v
                raise Bail
            return b
        if kind == "dec":
            def dec(v: Any) -> Decimal | None:
                t = type(v)
                if t is Decimal:
                    d = v
                elif t is JsonNumberText or t is int or (t is str and v == v.strip()):
                    d = Decimal(v)  # (as pydantic reads a text: "1_000", "+1", ".5" alike)
                elif v is None and optional:
                    return None
                else:
                    raise Bail
                if not d.is_finite():
                    raise Bail
                return d
            return dec
        if kind == "date":
            def date(v: Any) -> dt.date | None:
                if type(v) is str and _ISO_DATE.fullmatch(v):
                    return dt.date.fromisoformat(v)
                if v is None and optional:
                    return None
                raise Bail
            return date
        if kind == "any":
            return _plain_json
        if kind == "lit":
            allowed = frozenset(spec[1])

            def lit(v: Any) -> str | None:
                if type(v) is str and v in allowed:
                    return v
                if v is None and optional:
                    return None
                raise Bail
            return lit
        if kind == "model":
            return (self._optional if optional else self._validators)[spec[1]]
        if kind == "num":
            model = self._validators[spec[1]]
            num_cls = self.classes[spec[1]]

            def num(v: Any) -> Lean | None:
                if v is None and optional:
                    return None
                if type(v) is num_cls:
                    return v  # already built (a document reader's number)
                c = coerce_num(v)
                if type(c) is not dict:
                    raise Bail
                return model(c)
            return num
        if kind == "list":
            inner = self._spec(spec[1])
            min_len = spec[2]

            def lst(v: Any) -> list[Any] | None:
                if type(v) is list and len(v) >= min_len:
                    return [inner(x) for x in v]
                if v is None and optional:
                    return None
                raise Bail
            return lst
        if kind == "dict":
            inner = self._spec(spec[1])

            def dct(v: Any) -> dict[str, Any] | None:
                if type(v) is not dict:
                    if v is None and optional:
                        return None
                    raise Bail
                out = {}
                for k, x in v.items():
                    if type(k) is not str:
                        raise Bail
                    out[k] = inner(x)
                return out
            return dct
        raise ValueError(f"unknown spec {spec!r}")


def _plain_json(v: Any) -> Any:
    """`Any` as pydantic keeps it: the value itself. Only plain JSON values are let through."""
    t = type(v)
    if t is dict:
        for k, x in v.items():
            if type(k) is not str:
                raise Bail
            _plain_json(x)
    elif t is list:
        for x in v:
            _plain_json(x)
    elif t not in (str, int, bool, float, type(None)):
        raise Bail
    return v


def _holds_models(spec: list[Any]) -> bool:
    """A field of this spec may hold Lean objects (a model, or a list, dict or option of them)."""
    if spec[0] in ("model", "num"):
        return True
    if spec[0] in ("opt", "list", "dict"):
        return _holds_models(spec[1])
    return False


def _plain_spec(spec: list[Any]) -> bool:
    if spec[0] == "opt":
        return _plain_spec(spec[1])
    return spec[0] in ("str", "int", "bool", "lit")


def plan_path(kind: str) -> Path:
    from pathlib import Path

    return Path(plan_file(kind))


def plan_file(kind: str) -> str:
    """The plan's file (`plan_path` as a string, for a run's start: no pathlib)."""
    return os.path.join(_DATA, f"{kind}_plan.json")


def load_plan(kind: str) -> dict[str, Any]:
    with open(plan_file(kind), encoding="utf-8") as fh:
        return json.load(fh)


@cache
def plan(kind: str) -> Plan:
    """The compiled plan of `report` or `rule` (built once per process)."""
    return Plan(load_plan(kind))


def is_model(obj: Any) -> bool:
    """A report object: a Lean object or a pydantic model (without importing pydantic)."""
    return isinstance(obj, Lean) or hasattr(type(obj), "__pydantic_fields__")
