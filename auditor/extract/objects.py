"""The report objects the document readers build, without pydantic.

The extractor makes each number (`Num`), each place (`SourceLoc`) and finally the `Report` as
the plain objects of the report plan (`model/lean.py`), the objects the JSON reader gives the
rules: importing pydantic and building its models was a third of reading a .txt or .docx. The
pydantic models stay the definition of the format: whatever the plan is not sure of (a value of
a type it does not know, a bound …) is handed to them, which accept it (and the object is then
adopted as the plan's) or explain why not (the item is dropped, the header is an INP005
finding), exactly as when every object went through them.
"""

from __future__ import annotations

from typing import Any

from auditor.model.lean import Lean, is_model, plan
from auditor.model.numinput import fill_num

_LOC_FIELDS = ("line", "paragraph", "table", "row", "column", "start", "end", "quote", "page", "ocr", "image")


def source_loc(**fields: Any) -> Lean:
    """A `SourceLoc` (a bound broken, e.g. a line 0, raises as the model does)."""
    obj = plan("report").build(fields, "SourceLoc")
    if obj is None:
        from auditor.model.report import SourceLoc  # pydantic: says what is wrong (raises)

        obj = plan("report").adopt(SourceLoc(**fields))
    return obj


def place(line: Any, paragraph: Any, table: Any, row: Any, column: Any, start: Any, end: Any, quote: Any,
          page: Any, ocr: Any, image: Any) -> Lean:
    """`source_loc(line=line, …, image=image)`, every field given. The places a document's reader
    makes are all of one kind (each number an `int` within its bound or None, the quote and the
    picture texts or None, `ocr` a `bool` or None): for them the plan's object is made here at
    once, with the fields in the model's order, as the plan's builder makes it (its generic
    checks: ~30.000 instructions a place, ~370 places in a seed). Anything else goes to
    `source_loc`. (tests/test_place_fast_path.py compares the two.)"""
    if ((line is None or (type(line) is int and line >= 1))
            and (paragraph is None or (type(paragraph) is int and paragraph >= 1))
            and (table is None or (type(table) is int and table >= 1))
            and (row is None or (type(row) is int and row >= 1))
            and (column is None or (type(column) is int and column >= 1))
            and (start is None or (type(start) is int and start >= 0))
            and (end is None or (type(end) is int and end >= 0))
            and (quote is None or type(quote) is str)
            and (page is None or (type(page) is int and page >= 1))
            and (ocr is None or type(ocr) is bool)
            and (image is None or type(image) is str)):
        obj = _new(_loc_class())
        obj.__dict__ = {"line": line, "paragraph": paragraph, "table": table, "row": row, "column": column,
                        "start": start, "end": end, "quote": quote, "page": page, "ocr": ocr, "image": image}
        return obj
    return source_loc(line=line, paragraph=paragraph, table=table, row=row, column=column, start=start, end=end,
                      quote=quote, page=page, ocr=ocr, image=image)


_new = object.__new__
_LOC: list[type] = []  # the plan's SourceLoc class, once the plan is built


def _loc_class() -> type:
    if not _LOC:
        _LOC.append(plan("report").classes["SourceLoc"])
    return _LOC[0]


def num(data: dict[str, Any], repaired: bool = False) -> Lean:
    """A `Num` from the reader's fields (text, src, unit …), filled from its text as the model
    fills it (`repaired`: the reader's value of an off-standard form, kept as given)."""
    obj = plan("report").build(fill_num(data, repaired=repaired), "Num")
    if obj is None:
        from auditor.model.report import Num  # pydantic: says what is wrong (raises) or accepts

        obj = plan("report").adopt(Num.model_validate(data, context={"repaired_number": True} if repaired else None))
    return obj


def item(kind_model: str, it: Any) -> tuple[Any, str | None]:
    """(the item as a plan object, None), or (None, why the model refuses it)."""
    obj = plan("report").validate(it, kind_model)
    if obj is not None:
        return obj, None
    from pydantic import ValidationError  # only for what the plan is not sure of

    from auditor.model import report as M

    try:
        model_obj = getattr(M, kind_model).model_validate(plain(it), context={"repaired_number": True})
    except ValidationError as e:
        return None, str(e.errors(include_url=False)[:2]) if kind_model != "Council" else str(e)
    return keep_nums(plan("report").adopt(model_obj), it), None


def report(data: dict[str, Any]) -> tuple[Any, str | None]:
    """(the `Report`, None), or (None, the models' message on what is wrong)."""
    obj = plan("report").validate(data, "Report")
    if obj is not None:
        return obj, None
    from pydantic import ValidationError

    from auditor.model.report import Report

    try:
        model_obj = Report.model_validate(plain(data), context={"repaired_number": True})
    except ValidationError as e:
        return None, e.errors(include_url=False)[0]["msg"]
    return keep_nums(plan("report").adopt(model_obj), data), None


def plain(obj: Any) -> Any:
    """Plan objects as the dicts of their fields, for the models. Every `Num` in them is filled
    already: validated with `repaired_number`, the models keep each one's fields as they are."""
    if isinstance(obj, Lean):
        return {k: plain(v) for k, v in obj.__dict__.items()}
    if isinstance(obj, dict):
        return {k: plain(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [plain(v) for v in obj]
    if isinstance(obj, tuple):
        return tuple(plain(v) for v in obj)
    return obj


def keep_nums(new: Any, old: Any) -> Any:
    """`new` (adopted from the models) with each `Num` replaced by the object at the same place
    in `old`: the reader knows its numbers by identity (where each was read)."""
    olds: dict[tuple, Any] = {}
    _nums(old, (), olds)
    if not olds:
        return new
    return _replace(new, (), olds)


def _nums(obj: Any, path: tuple, out: dict[tuple, Any]) -> None:
    if is_model(obj):
        if type(obj).__name__ == "Num":
            out[path] = obj
            return
        for k, v in obj.__dict__.items():
            _nums(v, (*path, k), out)
    elif isinstance(obj, dict):
        for k, v in obj.items():
            _nums(v, (*path, k), out)
    elif isinstance(obj, list | tuple):
        for i, v in enumerate(obj):
            _nums(v, (*path, i), out)


def _replace(obj: Any, path: tuple, olds: dict[tuple, Any]) -> Any:
    if isinstance(obj, Lean):
        if type(obj).__name__ == "Num":
            old = olds.get(path)
            return old if old is not None and old == obj else obj
        obj.__dict__ = {k: _replace(v, (*path, k), olds) for k, v in obj.__dict__.items()}
        return obj
    if isinstance(obj, list):
        return [_replace(v, (*path, i), olds) for i, v in enumerate(obj)]
    if isinstance(obj, dict):
        return {k: _replace(v, (*path, k), olds) for k, v in obj.items()}
    return obj
