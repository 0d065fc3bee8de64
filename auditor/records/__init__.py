"""The tool's dataclasses, made without the `dataclasses` module at start (issue 16: start-up).

A JSON run creates 42 dataclasses (findings, facts, the engine's records). `dataclasses` imports
`inspect` (with `ast`, `dis`, `tokenize` …: ~37 M instructions) and writes, compiles and runs the
methods of each class at every start (~33 M with the kept code of `files/codecache.py`): together
about a sixth of a one-report run. The classes are still written as dataclasses — this module's
`dataclass` and `field` take the same arguments the tool uses — and those definitions stay the
source of truth: `python -m auditor.generate` runs the real `dataclasses` on each of them and
writes the methods it makes as plain Python into `_generated.py`. At import, `dataclass` checks
that the class is the one the methods were generated from (its fields, their annotations and
defaults, its parameters, the special methods it defines itself) and attaches them; a class that
differs, or that the generator does not handle, is made by the real `dataclasses`, as before
(`tests/test_records.py` fails then, and compares every generated class with what `dataclasses`
makes of the same definition: methods, signature, docstring, slots, equality, hashing, freezing,
pickling).

What only `dataclasses` knows is there when asked: `__dataclass_fields__` and
`__dataclass_params__` are computed on first access, by running the real `dataclasses` on a copy
of the class's definition, so `dataclasses.fields`, `replace`, `asdict`, `is_dataclass` and
pydantic (the findings' schema, reading a findings file back) see the same fields as before. The
tool's own code uses `replace` and `field_names` below, which do not import `dataclasses`.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, TypeVar

    T = TypeVar("T")

# the arguments of `dataclass` this module knows, in the order of a class's spec
PARAMS = ("frozen", "slots", "kw_only")
# special names a class may define itself that change what `dataclasses` makes of it: the
# generator handles only `__init__` (kept, as `dataclasses` keeps it)
SPECIALS = ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__", "__match_args__",
            "__post_init__", "__slots__", "__lt__", "__le__", "__gt__", "__ge__")

# module.qualname -> (name, bases, namespace as written, params): what the real dataclass is made from
ORIGINALS: dict[str, tuple[str, tuple[type, ...], dict[str, Any], tuple[bool, ...]]] = {}
# module.qualname of the classes made by the real `dataclasses` (not generated, or changed since)
FALLBACKS: list[str] = []
_MISSING = object()


class Field:
    """What `field(default_factory=…)` gives in a class body (`dataclasses.field` when the real
    module makes the class)."""

    __slots__ = ("default_factory",)

    def __init__(self, default_factory: Callable[[], Any]) -> None:
        self.default_factory = default_factory


def field(*, default_factory: Callable[[], Any]) -> Any:
    """`dataclasses.field(default_factory=…)`: the only form the tool uses."""
    return Field(default_factory)


def dataclass(cls: type[T] | None = None, /, *, frozen: bool = False, slots: bool = False,
              kw_only: bool = False) -> Any:
    """`dataclasses.dataclass` with these arguments (the others at their defaults)."""

    def wrap(c: type[T]) -> type[T]:
        return _make(c, (frozen, slots, kw_only))

    return wrap if cls is None else wrap(cls)


def spec(cls: type, params: tuple[bool, ...]) -> tuple[Any, ...]:
    """What the generated methods of a class depend on, from its definition: its parameters, the
    special names it defines, whether it has a docstring, and each annotated name with its
    annotation and default (`repr` of a value, `module.qualname` of a factory)."""
    d = cls.__dict__
    out = []
    for name, ann in d.get("__annotations__", {}).items():
        v = getattr(cls, name, _MISSING)  # (as `dataclasses` reads a default: inherited too)
        if v is _MISSING:
            out.append((name, ann))
        elif type(v) is Field:
            f = v.default_factory
            out.append((name, ann, "factory", f"{getattr(f, '__module__', '')}.{getattr(f, '__qualname__', '')}"))
        else:
            out.append((name, ann, "default", repr(v)))
    own = tuple(n for n in SPECIALS if n in d)
    bases = tuple(f"{b.__module__}.{b.__qualname__}" for b in cls.__bases__)
    return (params, own, bool(d.get("__doc__")), bases, tuple(out))


_CLASSES: dict[str, Any] | None = None


def _entries() -> dict[str, Any]:
    global _CLASSES
    if _CLASSES is None:
        try:
            from auditor.records._generated import CLASSES
        except ImportError:  # (being written by the generator)
            return {}
        _CLASSES = CLASSES
    return _CLASSES


def _make(cls: type[T], params: tuple[bool, ...]) -> type[T]:
    key = f"{cls.__module__}.{cls.__qualname__}"
    ns = dict(cls.__dict__)
    ORIGINALS[key] = (cls.__name__, cls.__bases__, ns, params)
    entry = _entries().get(key)
    # a base that is a dataclass gives fields: only the real module knows how to merge them
    plain_bases = not any("__dataclass_fields__" in b.__dict__ or "__record_fields__" in b.__dict__
                          for b in cls.__mro__[1:])
    if entry is None or not plain_bases or entry[0] != spec(cls, params):
        FALLBACKS.append(key)
        return _real(key, cls)
    _, doc, names, match_args, build = entry
    d = cls.__dict__
    values = []
    for name in names:  # (fields with a default or factory, in order)
        v = d[name] if name in d else getattr(cls, name)
        values.append(v.default_factory if type(v) is Field else v)
        if type(v) is Field:  # as `dataclasses` does: no class attribute for a factory's field
            delattr(cls, name)
    methods = build(cls, *values)
    qualname, module = cls.__qualname__, cls.__module__
    for name, fn in methods.items():
        if name in d:  # `dataclasses` keeps what the class defines (Fact's own __init__)
            continue
        if fn is not None:
            fn.__qualname__ = f"{qualname}.{fn.__name__}"
            fn.__module__ = module
        setattr(cls, name, fn)
    if doc is not None and not d.get("__doc__"):
        cls.__doc__ = doc
    if "__match_args__" not in d:
        cls.__match_args__ = match_args  # type: ignore[attr-defined]
    fields = tuple(n for n, *_ in entry[0][-1])
    cls.__record_fields__ = fields  # type: ignore[attr-defined]
    cls.__dataclass_fields__ = _Lazy(key, 0)  # type: ignore[attr-defined]
    cls.__dataclass_params__ = _Lazy(key, 1)  # type: ignore[attr-defined]
    if params[1]:  # slots
        cls = _with_slots(cls, fields)
    return cls


def _with_slots(cls: type[T], fields: tuple[str, ...]) -> type[T]:
    """`dataclasses._add_slots` (no frozen class, no weakref slot: the generator makes neither)."""
    cls_dict = dict(cls.__dict__)
    inherited = {s for b in cls.__mro__[1:-1] for s in _slots_of(b)}
    cls_dict["__slots__"] = tuple(f for f in fields if f not in inherited)
    for name in fields:
        cls_dict.pop(name, None)
    cls_dict.pop("__dict__", None)
    cls_dict.pop("__weakref__", None)
    qualname = cls.__qualname__
    new = type(cls)(cls.__name__, cls.__bases__, cls_dict)
    new.__qualname__ = qualname
    return new


def _slots_of(cls: type) -> tuple[str, ...]:
    s = cls.__dict__.get("__slots__")
    if s is None:
        return ()
    return (s,) if isinstance(s, str) else tuple(s)


def real_class(key: str) -> type:
    """What the real `dataclasses` makes of the class `key` as written (a copy: the tool's class
    is not touched)."""
    import dataclasses

    name, bases, ns, params = ORIGINALS[key]
    ns = {k: dataclasses.field(default_factory=v.default_factory) if type(v) is Field else v
          for k, v in ns.items() if k not in ("__dict__", "__weakref__")}
    return dataclasses.dataclass(**dict(zip(PARAMS, params)))(type(name, bases, ns))  # type: ignore[no-any-return]


def _real(key: str, cls: type[T]) -> type[T]:
    import dataclasses

    for name, v in list(cls.__dict__.items()):
        if type(v) is Field:
            setattr(cls, name, dataclasses.field(default_factory=v.default_factory))
    made = dataclasses.dataclass(**dict(zip(PARAMS, ORIGINALS[key][3])))(cls)
    made.__record_fields__ = tuple(f.name for f in dataclasses.fields(made))  # type: ignore[attr-defined]
    return made  # type: ignore[no-any-return]


class _Lazy:
    """`__dataclass_fields__` (0) or `__dataclass_params__` (1) of a generated class, made by the
    real `dataclasses` when first read: only introspection asks (pydantic, `dataclasses.fields` …)."""

    __slots__ = ("key", "which", "value")

    def __init__(self, key: str, which: int) -> None:
        self.key, self.which, self.value = key, which, _MISSING

    def __get__(self, obj: Any, owner: Any = None) -> Any:
        if self.value is _MISSING:
            made = real_class(self.key)
            self.value = made.__dataclass_fields__ if self.which == 0 else made.__dataclass_params__  # type: ignore[attr-defined]
        return self.value


def field_names(obj: Any) -> tuple[str, ...]:
    """The fields of a record (class or instance), in order, without importing `dataclasses`."""
    names = getattr(obj, "__record_fields__", None)
    if names is not None:
        return names  # type: ignore[no-any-return]
    import dataclasses

    return tuple(f.name for f in dataclasses.fields(obj))


def replace(obj: T, /, **changes: Any) -> T:
    """`dataclasses.replace` for the tool's records (all fields are `__init__` parameters)."""
    names = getattr(type(obj), "__record_fields__", None)
    if names is None:
        import dataclasses

        return dataclasses.replace(obj, **changes)  # type: ignore[type-var]
    for name in names:
        if name not in changes:
            changes[name] = getattr(obj, name)
    return obj.__class__(**changes)

