"""Write the plan of a pydantic model (for `lean.py`): its fields, types, bounds, defaults.

Run by `python -m auditor.generate` with the JSON Schemas; a test fails when a committed plan
drifts from the models. A type this does not know is an error here, at build time, so a new
kind of field cannot slip past the fast reader unnoticed.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from decimal import Decimal
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

# model validators the fast reader knows, by function name
_VALIDATORS = {("before", "_fill"): "num", ("after", "_valid_day"): "day"}


def plan_of(root: type[BaseModel]) -> dict[str, Any]:
    models: dict[str, Any] = {}
    _model(root, models)
    return {"root": root.__name__, "models": models}


def _model(cls: type[BaseModel], models: dict[str, Any]) -> str:
    name = cls.__name__
    if name in models:
        if models[name]["_cls"] is not cls:  # type: ignore[index]
            raise TypeError(f"two models named {name}")
        return name
    entry: dict[str, Any] = {"_cls": cls, "fields": []}
    models[name] = entry
    if cls.model_config.get("extra") != "forbid":
        raise TypeError(f"{name}: the fast reader needs extra='forbid'")
    decorators = cls.__pydantic_decorators__
    if decorators.field_validators or decorators.field_serializers or decorators.model_serializers:
        raise TypeError(f"{name}: field validators are not known to the fast reader")
    for d in decorators.model_validators.values():
        kind = _VALIDATORS.get((d.info.mode, d.cls_var_name))
        if kind is None:
            raise TypeError(f"{name}: model validator {d.cls_var_name} is not known to the fast reader")
        entry["before" if d.info.mode == "before" else "after"] = kind
    for fname, info in cls.model_fields.items():
        if info.alias not in (None, fname) or info.validation_alias not in (None, fname):
            raise TypeError(f"{name}.{fname}: aliases are not known to the fast reader")
        spec = _spec(info.annotation, list(info.metadata), models)
        entry["fields"].append([fname, spec, _default(info, models)])
    models[name] = entry
    return name


def _constraints(metadata: list[Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for m in metadata:
        for attr in ("ge", "le", "min_length", "pattern"):
            v = getattr(m, attr, None)
            if v is not None:
                out[attr] = v
        for attr in ("gt", "lt", "max_length", "multiple_of", "strict", "max_digits", "decimal_places"):
            if getattr(m, attr, None) is not None:
                raise TypeError(f"constraint {attr} is not known to the fast reader")
    return out


def _is_num_input(metadata: list[Any]) -> bool:
    return any(type(m).__name__ == "BeforeValidator" and getattr(m.func, "__name__", "") == "_coerce_num"
               for m in metadata)


def _spec(tp: Any, metadata: list[Any], models: dict[str, Any]) -> list[Any]:  # noqa: C901
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        inner, *extra = typing.get_args(tp)
        return _spec(inner, metadata + list(extra), models)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) != len(typing.get_args(tp)) - 1 or len(args) != 1:
            raise TypeError(f"union {tp} is not known to the fast reader")
        return ["opt", _spec(args[0], metadata, models)]
    c = _constraints([m for m in metadata if not _is_num_input([m])])
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        target = _model(tp, models)
        if c:
            raise TypeError(f"constraints on a model field ({tp}) are not known to the fast reader")
        return ["num", target] if _is_num_input(metadata) else ["model", target]
    if _is_num_input(metadata):
        raise TypeError("a number input that is not a model")
    if origin is list:
        (item,) = typing.get_args(tp)
        return ["list", _spec(item, [], models), c.pop("min_length", 0)] + _none_left(c)
    if origin is dict:
        key, value = typing.get_args(tp)
        if key is not str or c:
            raise TypeError(f"{tp} is not known to the fast reader")
        return ["dict", _spec(value, [], models)]
    if origin is typing.Literal:
        values = list(typing.get_args(tp))
        if not all(type(v) is str for v in values) or c:
            raise TypeError(f"{tp} is not known to the fast reader")
        return ["lit", values]
    if tp is str:
        return ["str", c.pop("pattern", None)] + _none_left(c)
    if tp is int:
        return ["int", c.pop("ge", None), c.pop("le", None)] + _none_left(c)
    if tp is bool:
        return ["bool"] + _none_left(c)
    if tp is Decimal:
        return ["dec"] + _none_left(c)
    if tp is dt.date:
        return ["date"] + _none_left(c)
    if tp is Any:
        return ["any"] + _none_left(c)
    raise TypeError(f"type {tp!r} is not known to the fast reader")


def _none_left(c: dict[str, Any]) -> list[Any]:
    if c:
        raise TypeError(f"constraints {sorted(c)} are not known to the fast reader here")
    return []


def _default(info: Any, models: dict[str, Any]) -> list[Any]:
    if info.default_factory is not None:
        f = info.default_factory
        if f is list:
            return ["factory", "list"]
        if f is dict:
            return ["factory", "dict"]
        if isinstance(f, type) and issubclass(f, BaseModel):
            return ["factory", _model(f, models)]
        raise TypeError(f"default factory {f!r} is not known to the fast reader")
    if info.default is PydanticUndefined:
        return ["req"]
    d = info.default
    if isinstance(d, Decimal):
        return ["dec", str(d)]
    if d is None or type(d) in (str, int, bool):
        return ["val", d]
    raise TypeError(f"default {d!r} is not known to the fast reader")


def plan_text(root: type[BaseModel]) -> str:
    p = plan_of(root)
    for m in p["models"].values():
        m.pop("_cls")
    return json_text(p)


def json_text(p: dict[str, Any]) -> str:
    """One line per field: a diff of a plan reads like a diff of the model."""
    import json

    def dump(v: Any) -> str:
        return json.dumps(v, ensure_ascii=False)

    lines = ["{", f' "root": {dump(p["root"])},', ' "models": {']
    names = list(p["models"])
    for i, name in enumerate(names):
        m = p["models"][name]
        head = {k: v for k, v in m.items() if k != "fields"}
        lines.append(f'  {dump(name)}: {{{", ".join(f"{dump(k)}: {dump(v)}" for k, v in head.items())}'
                     + (", " if head else "") + '"fields": [')
        for j, f in enumerate(m["fields"]):
            lines.append(f"   {dump(f)}" + ("," if j < len(m["fields"]) - 1 else ""))
        lines.append("  ]}" + ("," if i < len(names) - 1 else ""))
    lines += [" }", "}"]
    return "\n".join(lines) + "\n"
