"""The tool's dataclasses made from generated methods (auditor/records, issue 16: start-up): the
generated file is what the generator writes from the classes as they are now, every class of
`auditor.records` is made from it (none left to the real `dataclasses`), and each behaves as the
class the real `dataclasses` makes from the same definition."""

from __future__ import annotations

import copy
import dataclasses
import importlib
import inspect
import pickle
from decimal import Decimal
from typing import Any

import pytest

from auditor import records
from auditor.records import writer


def _all_classes() -> dict[str, type]:
    out = {}
    for m in writer.modules():
        mod = importlib.import_module(m)
        for key in records.ORIGINALS:
            if key.startswith(m + "."):
                obj: Any = mod
                for part in key[len(m) + 1:].split("."):
                    obj = getattr(obj, part)
                out[key] = obj
    return out


CLASSES = _all_classes()


def test_the_generated_file_is_up_to_date() -> None:
    text, skipped = writer.generated_source()
    with open(writer.GENERATED, encoding="utf-8") as f:
        assert f.read() == text, "auditor/records/_generated.py is stale: run `python -m auditor.generate`"
    assert skipped == {}  # a class the generator cannot make: see `writer.why_not`


def test_every_class_is_made_from_the_generated_methods() -> None:
    assert len(CLASSES) >= 42  # the JSON path's
    assert records.FALLBACKS == []
    for key, cls in CLASSES.items():
        assert "__record_fields__" in cls.__dict__, key
        assert isinstance(cls.__dict__["__dataclass_fields__"], records._Lazy), key


def _sample(real: type, n: int) -> dict[str, Any]:
    """Values for every field without a default (and some with one), distinct per n."""
    out: dict[str, Any] = {}
    for i, f in enumerate(dataclasses.fields(real)):
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING or (i + n) % 2:
            out[f.name] = (f"v{n}", n, Decimal(n), (n,), None)[(i + n) % 5]
    return out


@pytest.mark.parametrize("key", sorted(CLASSES))
def test_a_class_behaves_as_dataclasses_makes_it(key: str) -> None:
    cls, real = CLASSES[key], records.real_class(key)
    # what introspection sees: the same fields and parameters, signature, docstring, slots
    assert [(f.name, f.type, f.default, f.default_factory, f.kw_only) for f in dataclasses.fields(cls)] == \
        [(f.name, f.type, f.default, f.default_factory, f.kw_only) for f in dataclasses.fields(real)]
    assert repr(cls.__dataclass_params__) == repr(real.__dataclass_params__)  # type: ignore[attr-defined]
    assert dataclasses.is_dataclass(cls)
    assert str(inspect.signature(cls)) == str(inspect.signature(real))
    assert cls.__doc__ == real.__doc__
    assert cls.__match_args__ == real.__match_args__  # type: ignore[attr-defined]
    assert cls.__dict__.get("__slots__") == real.__dict__.get("__slots__")
    assert cls.__qualname__ == real.__qualname__ and cls.__module__ == real.__module__
    assert (cls.__hash__ is None) == (real.__hash__ is None)
    for name in records.field_names(cls):  # class attributes: plain defaults kept, factories' removed
        assert (name in cls.__dict__) == (name in real.__dict__), name
        if name in cls.__dict__ and not inspect.ismemberdescriptor(cls.__dict__[name]):
            assert cls.__dict__[name] == real.__dict__[name]
    frozen = real.__dataclass_params__.frozen  # type: ignore[attr-defined]
    for n in (1, 2):
        args = _sample(real, n)
        a, b, r = cls(**args), cls(**args), real(**args)
        # the same state, repr (with the class's name) and equality, within a class and not across
        assert [getattr(a, f) for f in records.field_names(cls)] == [getattr(r, f.name) for f in dataclasses.fields(r)]
        assert repr(a) == repr(r)
        assert a == b and not (a != b) and a != r and a.__eq__(r) is NotImplemented
        other = cls(**_sample(real, n + 2))
        assert (a == other) == (r == real(**_sample(real, n + 2)))
        if frozen:
            assert hash(a) == hash(b) == hash(r)
            with pytest.raises(dataclasses.FrozenInstanceError):
                setattr(a, records.field_names(cls)[0], 1)
            with pytest.raises(dataclasses.FrozenInstanceError):
                delattr(a, records.field_names(cls)[0])
        else:
            with pytest.raises(TypeError):
                hash(a)
            setattr(a, records.field_names(cls)[0], "changed")
            assert getattr(a, records.field_names(cls)[0]) == "changed" and a != b
            setattr(a, records.field_names(cls)[0], getattr(b, records.field_names(cls)[0]))
        # copies: replace (ours and the module's), copy, deepcopy, pickle
        changed = records.replace(a)
        assert changed == a and changed is not a
        assert dataclasses.replace(a) == a and dataclasses.asdict(a) == dataclasses.asdict(r)
        for fn in (copy.copy, copy.deepcopy):
            assert _outcome(fn, a) == _outcome(fn, r)  # (an exception's fields are not its args: both fail)
        if not issubclass(cls, BaseException):  # (the real one is a copy, not importable: not pickled)
            assert pickle.loads(pickle.dumps(a)) == a


def _outcome(fn: Any, obj: Any) -> Any:
    """What a copy gives: its fields, or the exception's type."""
    try:
        made = fn(obj)
    except Exception as e:  # noqa: BLE001
        return type(e)
    assert made is not obj
    return [getattr(made, f.name) for f in dataclasses.fields(obj)]


def test_the_methods_are_named_as_dataclasses_names_them() -> None:
    from auditor.model.findings import Finding, Text

    assert Text.__init__.__qualname__ == "Text.__init__" and Text.__repr__.__qualname__ == "Text.__repr__"
    assert Finding.__init__.__module__ == "auditor.model.findings"


def test_a_repr_that_meets_its_object_again_stops() -> None:
    from auditor.engine.localize import Component

    c = Component.__new__(Component)
    for f in records.field_names(Component):
        setattr(c, f, [])
    c.repairs.append(c)  # type: ignore[attr-defined]
    assert "repairs=[...]" in repr(c)


def test_a_default_factory_gives_each_object_its_own() -> None:
    from auditor.model.findings import Finding, Text

    t = Text(vi="a", en="b")
    one = Finding(rule_id="X", severity="error", title=t, message=t, file="f", pointer="", fingerprint="x")
    two = Finding(rule_id="X", severity="error", title=t, message=t, file="f", pointer="", fingerprint="x")
    one.related.append("/a")
    assert two.related == [] and one != two
    assert "related" not in Finding.__dict__ or inspect.ismemberdescriptor(Finding.__dict__["related"])


def _define(params: dict[str, Any], body: dict[str, Any]) -> type:
    ns = {"__module__": __name__, "__qualname__": "Made", "__annotations__": {"a": "int", "b": "str"},
          **body}
    return records.dataclass(**params)(type("Made", (), ns))


def test_a_class_that_differs_from_the_generated_one_is_made_by_dataclasses(monkeypatch: pytest.MonkeyPatch) -> None:
    """The generated methods are used only for the class they were made from: another default, an
    annotation or a parameter changed (a class edited without running the generator) and the real
    `dataclasses` makes it, correctly."""
    base = {"b": "x"}
    _define({}, base)  # (made by `dataclasses`: not generated)
    monkeypatch.setattr(records, "FALLBACKS", [])
    key = f"{__name__}.Made"
    text, _ = writer.class_source(key, records.real_class(key), 0)
    scope: dict[str, Any] = {}
    exec(compile(writer._HEADER + "\n" + text, "<generated>", "exec"), scope)  # noqa: S102 - the generator's text
    entry = (records.spec(writer._shadow_of(key), (False, False, False)), None, ("b",), ("a", "b"), scope["_c0"])
    monkeypatch.setitem(records._entries(), key, entry)
    same = _define({}, base)
    assert records.FALLBACKS == [] and "__record_fields__" in same.__dict__ and same(1).b == "x"
    for params, body, b in (({}, {"b": "y"}, "y"), ({"frozen": True}, base, "x"),
                            ({}, {**base, "__doc__": "Doc."}, "x"), ({}, {"b": records.field(default_factory=str)}, "")):
        other = _define(params, body)
        assert records.FALLBACKS[-1] == key
        assert isinstance(other.__dict__["__dataclass_fields__"], dict)  # the real module's
        assert other(1).b == b and records.replace(other(1), a=2).a == 2
