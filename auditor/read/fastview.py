"""A valid report read in one pass into both its objects and the rules' view.

`lean.Plan` reads a report into objects, and `facts.build_view` then walks them again to make
the view the rules query. The functions of `auditor/read/_fastview.py`, one per model, generated
here from the same plan (by `python -m auditor.generate`, so that no run pays for compiling
them), do both at once: they check each value (inline for text, whole numbers, booleans and
literals), build the object and its view dict, and make each number's fact with the unit
`facts.build_view` would give it. Whatever they are not sure of raises `Bail`, and the reader
falls back to `lean.Plan`, then to pydantic.

Tests compare, on the fixtures, the rule examples and generated variants, the objects with
pydantic's and the view with `facts.build_view`'s; and the committed module with what this
generator gives for the committed plan.
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation

from auditor.model.facts import _FIELD_UNITS, _PERCENT_FIELDS
from auditor.model.lean import Bail, load_plan

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from typing import Any

_SIMPLE = ("str", "int", "bool", "lit")


def __getattr__(name: str) -> Any:
    """`GENERATED`, the generated module's file (a `Path`, made when asked for: a run's start
    does not import pathlib)."""
    if name == "GENERATED":
        from pathlib import Path

        return Path(__file__).resolve().parent / "_fastview.py"
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _inline(spec: list[Any], optional: bool, target: str, ind: str, consts: dict[str, Any], name: str) -> list[str]:
    """Source lines checking `x` (a value of a plain kind) and storing it in `target`."""
    kind = spec[0]
    none_ok = "x is None or " if optional else ""
    if kind == "str":
        if len(spec) > 1 and spec[1]:
            consts[f"P_{name}"] = f"re.compile({spec[1]!r}).search"
            return [f"{ind}if not ({none_ok}(type(x) is str and P_{name}(x) and not x.endswith('\\n'))):",
                    f"{ind}    raise Bail", f"{ind}{target} = x"]
        return [f"{ind}if not ({none_ok}type(x) is str):", f"{ind}    raise Bail", f"{ind}{target} = x"]
    if kind == "bool":
        return [f"{ind}if not ({none_ok}type(x) is bool):", f"{ind}    raise Bail", f"{ind}{target} = x"]
    if kind == "lit":
        consts[f"L_{name}"] = f"frozenset({sorted(spec[1])!r})"
        return [f"{ind}if not ({none_ok}(type(x) is str and x in L_{name})):", f"{ind}    raise Bail",
                f"{ind}{target} = x"]
    if kind == "int":
        ge, le = spec[1], spec[2]
        tests = ([f"x < {ge!r}"] if ge is not None else []) + ([f"x > {le!r}"] if le is not None else [])
        bounds = " or ".join(tests)
        lines = [f"{ind}if type(x) is JsonNumberText and INT(x):", f"{ind}    x = int(x)",
                 f"{ind}elif type(x) is not int:"]
        lines += ([f"{ind}    if x is not None:", f"{ind}        raise Bail"] if optional else [f"{ind}    raise Bail"])
        if bounds:
            lines += [f"{ind}if {'x is not None and ' if optional else ''}({bounds}):", f"{ind}    raise Bail"]
        return lines + [f"{ind}{target} = x"]
    raise ValueError(kind)


def _decimal_lines(var: str, ind: str) -> list[str]:
    """Source lines setting `n` to the Decimal `var` stands for, as pydantic reads it
    (a Decimal, a JSON number's text, an int, or a text without blanks around it)."""
    return [f"{ind}t = type({var})",
            f"{ind}if t is Decimal:", f"{ind}    n = {var}",
            f"{ind}elif t is JsonNumberText or t is int or (t is str and {var} == {var}.strip()):",
            f"{ind}    n = Decimal({var})", f"{ind}else:", f"{ind}    raise Bail",
            f"{ind}if not n.is_finite():", f"{ind}    raise Bail"]


class _Generator:
    """Writes the source of `auditor/read/_fastview.py` from the report plan."""

    def __init__(self, raw_plan: dict[str, Any]) -> None:
        self.raw = raw_plan
        self.models = set(raw_plan["models"])

    def source(self) -> str:
        consts: dict[str, str] = {}  # name -> Python expression, defined at module level
        body: list[str] = []
        for name, m in self.raw["models"].items():
            consts[f"C_{name}"] = f"_PLAN.classes[{name!r}]"
            body += self._model(name, m, consts)
            if m.get("before") == "num":
                # the helper's fast path sets these fields itself: refuse a number model without them
                kinds = {f[0]: f[1] for f in m["fields"]}
                defaults = {f[0]: f[2] for f in m["fields"]}
                if not ({"text", "value", "decimals", "percent", "readings"} <= set(kinds)
                        and kinds.get("src") == ["opt", ["model", "SourceLoc"]]
                        and defaults.get("unit") == ["val", None] and defaults.get("exact") == ["val", None]):
                    raise TypeError(f"{name}: a number model the fast view does not know")
                body += _NUM_HELPER.format(m=name).splitlines()
        head = [
            '"""Generated by `python -m auditor.generate` from auditor/data/report_plan.json (see',
            'auditor/fastview.py): do not edit. A test fails when it differs from what the plan gives."""',
            "# ruff: noqa",
            "",
            "import datetime as _dt",
            "import re",
            "from decimal import Decimal",
            "",
            "from auditor.model.facts import Fact, fact_of",
            "from auditor.model.lean import _INT_TEXT, _ISO_DATE, Bail, plan",
            "from auditor.model.numinput import JsonNumberText, coerce_num, day_problem, fill_num, vn_fields as VN",
            "from auditor.model.units import is_count_unit as COUNT",
            "",
            "_PLAN = plan('report')",
            "INT = _INT_TEXT.fullmatch",
            "ISO = _ISO_DATE.fullmatch",
            "new = object.__new__",
            "date_from = _dt.date.fromisoformat",
        ]
        head += [f"{k} = {v}" for k, v in consts.items()]
        return "\n".join(head + ["", ""] + body).rstrip() + "\n"

    def _model(self, name: str, m: dict[str, Any], consts: dict[str, Any]) -> list[str]:  # noqa: C901
        fields = m["fields"]
        names = [f[0] for f in fields]
        template: dict[str, Any] = {}
        required = []
        for fname, _spec, default in fields:
            template[fname] = None
            if default[0] == "req":
                required.append(fname)
            elif default[0] == "val":
                template[fname] = default[1]
            elif default[0] == "dec":
                template[fname] = Decimal(default[1])
        consts[f"T_{name}"] = repr(template)
        consts[f"R_{name}"] = f"frozenset({sorted(required)!r})"
        has_unit = "unit" in names
        L = [f"def m_{name}(v, ptr, unit, wv=True):"]  # wv: also make the view
        if m.get("before") == "num":
            L.append("    v = fill_num(v)")
        L += ["    if type(v) is not dict:", "        raise Bail"]
        if name == "SourceLoc":
            L += self._line_only(m, consts)
        if required:
            L += [f"    if not R_{name}.issubset(v):", "        raise Bail"]
        L.append(f"    d = T_{name}.copy()")
        all_plain = all((f[1][1] if f[1][0] == "opt" else f[1])[0] in _SIMPLE for f in fields)
        if not all_plain:
            L.append("    w = {}")  # views of the non-plain fields given
        if has_unit:
            L += ["    cu = v.get('unit')", "    if type(cu) is not str:", "        cu = unit"]
        else:
            L.append("    cu = unit")
        if name == "Total":
            L += ["    au = v.get('amount_unit')", "    if type(au) is not str:", "        au = None"]
        L.append("    for k, x in v.items():")
        first = True
        # Plain fields checked alike (most often: optional text) share one branch, a set lookup,
        # instead of one comparison each in the chain below.
        alike: dict[tuple[str, bool], list[str]] = {}
        for fname, spec, _default in fields:
            optional = spec[0] == "opt"
            inner = spec[1] if optional else spec
            if inner[0] in _SIMPLE:
                alike.setdefault((json.dumps(inner), optional), []).append(fname)
        grouped: set[str] = set()
        for gi, ((inner_json, optional), fnames) in enumerate(g for g in alike.items() if len(g[1]) > 1):
            consts[f"G_{name}_{gi}"] = f"frozenset({sorted(fnames)!r})"
            L.append(f"        {'if' if first else 'elif'} k in G_{name}_{gi}:")
            first = False
            L += _inline(json.loads(inner_json), optional, "d[k]", "            ", consts, f"{name}_g{gi}")
            grouped.update(fnames)
        post: list[str] = []  # defaults that need a fresh object, and views of defaults
        for fname, spec, default in fields:
            if fname in grouped:
                continue
            L.append(f"        {'if' if first else 'elif'} k == {fname!r}:")
            first = False
            optional = spec[0] == "opt"
            inner = spec[1] if optional else spec
            kind = inner[0]
            ptr = f"ptr + {'/' + fname!r}"
            ind = "            "
            if kind in _SIMPLE:
                L += _inline(inner, optional, f"d[{fname!r}]", ind, consts, f"{name}_{fname}")
                continue
            if optional:
                L += [f"{ind}if x is None:", f"{ind}    continue"]
            if kind == "model":
                L += [f"{ind}d[{fname!r}], w[{fname!r}] = m_{inner[1]}(x, {ptr}, cu, wv)"]
            elif kind == "num":
                L += [f"{ind}d[{fname!r}], w[{fname!r}] = "
                      f"{self._num_call(name, fname, inner[1], 'x', ptr)}"]
            elif kind == "dec":
                L += _decimal_lines("x", ind) + [f"{ind}d[{fname!r}] = n", f"{ind}w[{fname!r}] = str(n)"]
            elif kind == "date":
                L += [f"{ind}if type(x) is not str or not ISO(x):", f"{ind}    raise Bail",
                      f"{ind}n = date_from(x)", f"{ind}d[{fname!r}] = n", f"{ind}w[{fname!r}] = n.isoformat()"]
            elif kind == "list":
                item, min_len = inner[1], inner[2]
                L += [f"{ind}if type(x) is not list or len(x) < {min_len}:", f"{ind}    raise Bail",
                      f"{ind}p = {ptr}"]
                ik = item[0]
                if ik == "str":
                    L += [f"{ind}for y in x:", f"{ind}    if type(y) is not str:", f"{ind}        raise Bail",
                          f"{ind}d[{fname!r}] = list(x)", f"{ind}w[{fname!r}] = list(x)"]
                elif ik == "model" or (ik == "num" and fname == "factors"):
                    call = (f"m_{item[1]}(y, f'{{p}}/{{i}}', cu, wv)" if ik == "model" else
                            self._num_call(name, fname, item[1], "y", "f" + repr("{p}/{i}"), factor=True))
                    L += [f"{ind}objs, views = [], []",
                          f"{ind}for i, y in enumerate(x):",
                          f"{ind}    o, vw = {call}",
                          f"{ind}    objs.append(o)", f"{ind}    views.append(vw)",
                          f"{ind}d[{fname!r}] = objs", f"{ind}w[{fname!r}] = views"]
                elif ik == "dec":
                    L += [f"{ind}objs = []", f"{ind}for y in x:", *_decimal_lines("y", ind + "    "),
                          f"{ind}    objs.append(n)",
                          f"{ind}d[{fname!r}] = objs", f"{ind}w[{fname!r}] = [str(n) for n in objs]"]
                else:
                    raise TypeError(f"{name}.{fname}: list of {item!r} is not known to the fast view")
            else:
                raise TypeError(f"{name}.{fname}: {kind} is not known to the fast view")
            # defaults of non-plain fields: fresh objects, and their views
            if default[0] == "factory":
                target = default[1]
                if target == "list":
                    post += [f"    if {fname!r} not in v:", f"        d[{fname!r}] = []", f"        w[{fname!r}] = []"]
                elif target in self.models:
                    post += [f"    if {fname!r} not in v:",
                             f"        d[{fname!r}], w[{fname!r}] = m_{target}({{}}, {ptr}, cu, wv)"]
                else:
                    raise TypeError(f"{name}.{fname}: default {default!r} is not known to the fast view")
            elif default[0] == "dec":
                post += [f"    if {fname!r} not in v:", f"        w[{fname!r}] = str(d[{fname!r}])"]
        L += ["        else:", "            raise Bail"]
        L += post
        if m.get("after") == "day":
            L += ["    if day_problem(d['day'], d['month'], d['year']):", "        raise Bail"]
        L += [f"    o = new(C_{name})", "    o.__dict__ = d", "    if not wv:", "        return o, None",
              "    view = {'$ptr': ptr, **d}"]
        if not all_plain:
            L.append("    view.update(w)")
        if name == "Total":
            # (as facts.build_view: the amounts of the parts are in the amount unit)
            L += ["    for i, part in enumerate(d['parts']):",
                  "        if part.amount is not None:",
                  "            view['parts'][i]['amount']['$fact'] = "
                  "fact_of(part.amount, f'{ptr}/parts/{i}/amount', au, False)"]
        L += ["    return o, view", ""]
        return L

    @staticmethod
    def _line_only(m: dict[str, Any], consts: dict[str, str]) -> list[str]:
        """Source lines reading a place that is only a line, `{"line": 143}`: the place of
        almost every value of a JSON report (~170 a report; read by the loop below, ~1,7 M
        instructions a report, a seventh of reading it). Each line's text is checked and turned
        into a number once per process (`LINES`); the object and its view are those the loop
        makes: the template's copy with the line set, no other field given."""
        fields = {f[0]: (f[1], f[2]) for f in m["fields"]}
        if fields.get("line") != (["opt", ["int", 1, None]], ["val", None]) or \
                not all(spec[0] == "opt" and spec[1][0] in _SIMPLE for spec, _ in fields.values()):
            raise TypeError("SourceLoc: a place the fast view's line-only path does not know")
        consts["LINES"] = "{}  # a line's JSON text -> the line, once per process (at most 4.096)"
        return ["    if len(v) == 1:",
                "        x = v.get('line')",
                "        if type(x) is JsonNumberText:",
                "            n = LINES.get(x)",
                "            if n is None and len(x) <= 9 and INT(x) and int(x) >= 1:",
                "                if len(LINES) >= 4096:",
                "                    LINES.clear()",
                "                n = LINES[x] = int(x)",
                "            if n is not None:",
                "                d = T_SourceLoc.copy()",
                "                d['line'] = n",
                "                o = new(C_SourceLoc)",
                "                o.__dict__ = d",
                "                if not wv:",
                "                    return o, None",
                "                return o, {'$ptr': ptr, **d}"]

    def _num_call(self, model: str, fname: str, num_model: str, arg: str, ptr_expr: str,
                  factor: bool = False) -> str:
        """An expression giving (Num object, its view) for a number field."""
        if factor:
            unit, percent = "None", False
        else:
            percent = fname in _PERCENT_FIELDS
            fixed = "%" if percent else _FIELD_UNITS.get((model, fname))
            if fixed is not None:
                unit = repr(fixed)
            elif model == "Total" and fname == "total_amount":
                unit = "au"
            else:
                unit = "cu"
        return f"num_{num_model}({arg}, {ptr_expr}, {unit}, {percent})"


_NUM_HELPER = '''
def num_{m}(x, p, u, percent):
    c = x if type(x) is dict else coerce_num(x)
    if type(c) is not dict:
        raise Bail
    t = c.get("text")
    n = len(c)
    if type(t) is str and (n == 1 or (n == 2 and "src" in c)):
        # The usual number, {{"text": "1.896"}} with or without its src: what fill_num and
        # m_{m} would make of it, and the fact facts.fact_of would give it (no unit or exact
        # of its own), without copying and looping (most numbers of a report).
        q = VN(t)
        if q is not None:
            value, decimals, pct, whole = q
            d = T_{m}.copy()
            d["text"] = t
            d["value"] = value
            d["decimals"] = decimals
            d["percent"] = pct
            d["readings"] = []
            src = None
            if n == 2 and c["src"] is not None:
                src, _ = m_SourceLoc(c["src"], p + "/src", None, False)
                d["src"] = src
            o = new(C_{m})
            o.__dict__ = d
            exact = not percent and not pct and decimals <= 0 and whole and COUNT(u)
            return o, {{"$ptr": p, "$fact": Fact(value, decimals, exact, t.strip(), p, u, src), "text": t}}
    o, _ = m_{m}(c, p, None, False)
    return o, {{"$ptr": p, "$fact": fact_of(o, p, u, percent), "text": o.text}}
'''


def generated_source() -> str:
    """The source of `auditor/read/_fastview.py` for the committed report plan."""
    return _Generator(load_plan("report")).source()


def read(raw: Any) -> tuple[Any, dict[str, Any]] | None:
    """(report object, the rules' view) of a valid report, or None when the slower readers
    must decide."""
    from auditor.read._fastview import m_Report

    try:
        return m_Report(raw, "", None)
    except (Bail, RecursionError, InvalidOperation, ValueError, TypeError, OverflowError,
            KeyError, IndexError, AttributeError):  # never a crash: the slower readers decide
        return None
