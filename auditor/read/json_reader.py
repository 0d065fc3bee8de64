"""Read a report file: bytes -> text -> JSON (exact numbers) -> validated `Report`.

Every problem becomes an `InputProblem` with a JSON Pointer (or line/column) and a plain
message in Vietnamese and English. Nothing here raises for bad input.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor.model.facts import escape_pointer_token
from auditor.model.lean import is_model, plan
from auditor.model.numinput import JsonNumberText, problems_seen, reset_problem_flag
from auditor.read.fastview import read as read_fast
from auditor.read.sourcemap import LazyPositions, loads_with_spans

if TYPE_CHECKING:
    from auditor.model.report import Report


@dataclass
class InputProblem:
    rule_id: str
    pointer: str
    vi: str
    en: str
    line: int | None = None
    column: int | None = None
    text: str | None = None


@dataclass
class ReadResult:
    path: str
    report: Report | None = None
    problems: list[InputProblem] = field(default_factory=list)
    sha256: str | None = None
    text: str | None = None
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    view: dict[str, Any] | None = None  # the rules' view, when the reader made it (fastview.py)
    # Documents (.docx, .txt …, auditor/extract): where an item lies in the document, for a
    # pointer (`locate(pointer) -> SourceLoc | None`), and the document as written (`document()`
    # -> findings.DocumentText), made only when asked for.
    locate: Callable[[str], Any] | None = None
    document: Callable[[], Any] | None = None


def read_report(path: str | Path) -> ReadResult:
    p = Path(path)
    res = ReadResult(str(path))
    try:
        data = sys.stdin.buffer.read() if str(path) == "-" else p.read_bytes()
    except OSError as e:
        res.problems.append(InputProblem(
            "INP001", "", f"Không đọc được tệp: {e.strerror or e}.", f"Cannot read the file: {e.strerror or e}."))
        return res
    res.sha256 = hashlib.sha256(data).hexdigest()
    return parse_report_bytes(data, res)


def parse_report_bytes(data: bytes, res: ReadResult | None = None) -> ReadResult:
    res = res or ReadResult("<bytes>", sha256=hashlib.sha256(data).hexdigest())
    from auditor.read.sniff import sniff_for_json  # stdlib only: a .doc, PDF, .docx … gets a clear INP005

    bad = sniff_for_json(data)
    if bad is not None:
        res.problems.append(InputProblem(bad.rule_id, "", bad.vi, bad.en))
        return res
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        res.problems.append(InputProblem(
            "INP001", "",
            f"Tệp không phải UTF-8 (byte lỗi ở vị trí {e.start}). Hãy lưu lại tệp với mã hóa UTF-8.",
            f"The file is not UTF-8 (bad byte at offset {e.start}). Save it again as UTF-8."))
        return res
    return parse_report_text(text, res)


def parse_report_text(text: str, res: ReadResult | None = None) -> ReadResult:
    res = res or ReadResult("<text>")
    res.text = text
    if not text.strip():
        res.problems.append(InputProblem("INP002", "", "Tệp rỗng.", "The file is empty."))
        return res
    try:
        if text.startswith("\ufeff"):  # as json.loads says it
            raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
        decoder = _decoder()
        try:  # a report: an object, parsed noting where its members lie (for the positions)
            raw, spans = loads_with_spans(text, decoder.scan_once)
        except Exception:  # anything else: the decoder's own result or error
            raw, spans = decoder.decode(text), None
    except json.JSONDecodeError as e:
        res.problems.append(InputProblem(
            "INP003", "", f"JSON không hợp lệ ở dòng {e.lineno}, cột {e.colno}: {_vi_json(e.msg)}.",
            f"Invalid JSON at line {e.lineno}, column {e.colno}: {e.msg}.", e.lineno, e.colno))
        return res
    except (ValueError, RecursionError) as e:
        res.problems.append(InputProblem(
            "INP003", "", f"JSON không hợp lệ: {e}.", f"Invalid JSON: {e}."))
        return res
    res.positions = LazyPositions(text, spans)  # type: ignore[assignment]  # mapped only if needed
    return validate_data(raw, res)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in JSON")


@lru_cache(maxsize=1)
def _decoder() -> json.JSONDecoder:
    """One decoder for every report (what json.loads builds anew at each call): numbers kept
    as their text, NaN and Infinity refused."""
    return json.JSONDecoder(parse_float=JsonNumberText, parse_int=JsonNumberText,
                            parse_constant=_reject_constant)


_JSON_MSG_VI = {
    "Expecting value": "thiếu giá trị",
    "Expecting property name enclosed in double quotes": "tên trường phải đặt trong dấu ngoặc kép",
    "Expecting ',' delimiter": "thiếu dấu phẩy",
    "Expecting ':' delimiter": "thiếu dấu hai chấm",
    "Extra data": "có dữ liệu thừa sau khi kết thúc",
    "Unterminated string starting at": "chuỗi chưa được đóng",
    "Invalid control character at": "ký tự điều khiển không hợp lệ",
}


def _vi_json(msg: str) -> str:
    for k, v in _JSON_MSG_VI.items():
        if msg.startswith(k):
            return v
    return msg


def prepare() -> None:
    """Build the report reader now rather than at the first report: `check` calls this before
    forking its worker processes, which then share it instead of each building its own."""
    plan("report")
    from auditor.read import _fastview  # noqa: F401


def validate_data(raw: Any, res: ReadResult) -> ReadResult:
    if not isinstance(raw, dict):
        res.problems.append(InputProblem(
            "INP004", "", "Báo cáo phải là một đối tượng JSON ({...}).",
            "A report must be a JSON object ({...})."))
        return res
    reset_problem_flag()
    # A valid report is read without pydantic, with the rules' view made in the same pass
    # (fastview.py); what that reader is not sure of goes to the models themselves, which
    # also explain what is wrong. (A middle reader, lean.Plan.validate, used to sit between
    # the two: on 3.000 generated variants it accepted nothing the one-pass reader refused,
    # so it was removed from this path; it still reads cached rule files.)
    fast = read_fast(raw)
    if fast is not None:
        report, res.view = fast
    else:
        reset_problem_flag()
        report = _validate_with_models(raw, res)
        if report is None:
            return res
    res.report = report
    if not problems_seen():
        return res
    for ptr, num in _nums(report, ""):
        if num.problem:
            line, col = res.positions.get(ptr, (None, None))
            res.problems.append(InputProblem("NUM001", ptr, num.problem, num.problem_en or num.problem,
                                             line, col, num.text))
    return res


def _validate_with_models(raw: dict[str, Any], res: ReadResult) -> Report | None:
    from pydantic import ValidationError

    from auditor.model.report import Report

    reset_problem_flag()
    try:
        return Report.model_validate(raw)
    except ValidationError as e:
        for err in e.errors(include_url=False):
            ptr = _pointer(err["loc"])
            vi, en = _explain(err)
            line, col = res.positions.get(ptr, (None, None))
            res.problems.append(InputProblem("INP004", ptr, vi, en, line, col))
    except RecursionError:
        res.problems.append(InputProblem("INP004", "", "Báo cáo lồng quá sâu.", "The report is nested too deeply."))
    return None


def _nums(obj: Any, ptr: str) -> Any:
    if obj.__class__.__name__ == "Num" and is_model(obj):
        yield ptr, obj
    elif is_model(obj):
        for name, value in obj.__dict__.items():
            yield from _nums(value, f"{ptr}/{escape_pointer_token(name)}")
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _nums(v, f"{ptr}/{i}")


def _pointer(loc: tuple[Any, ...]) -> str:
    parts = []
    for p in loc:
        if isinstance(p, int):
            parts.append(str(p))
        elif isinstance(p, str) and not p.startswith(("function-", "json-or-python", "union[")) \
                and p not in ("Num", "str", "int", "float", "Decimal", "bool", "list", "dict", "date",
                              "is-instance[JsonNumberText]", "lax-or-strict"):
            parts.append(escape_pointer_token(p))
    return "".join("/" + p for p in parts)


def _explain(err: dict[str, Any]) -> tuple[str, str]:
    t = err["type"]
    field_name = next((str(p) for p in reversed(err["loc"]) if isinstance(p, str)), "")
    ctx = err.get("ctx") or {}
    inp = err.get("input")
    shown = json.dumps(inp, ensure_ascii=False, default=str)[:60] if inp is not None else "null"
    if t == "missing":
        return (f"Thiếu trường bắt buộc “{field_name}”.", f"Required field “{field_name}” is missing.")
    if t == "extra_forbidden":
        return (f"Trường “{field_name}” không có trong định dạng báo cáo.",
                f"Field “{field_name}” is not part of the report format.")
    if t in ("string_type",):
        return (f"“{field_name}” phải là chuỗi, nhận được {shown}.", f"“{field_name}” must be a string, got {shown}.")
    if t in ("int_parsing", "int_type", "int_from_float"):
        return (f"“{field_name}” phải là số nguyên, nhận được {shown}.",
                f"“{field_name}” must be a whole number, got {shown}.")
    if t in ("bool_type", "bool_parsing"):
        return (f"“{field_name}” phải là true hoặc false, nhận được {shown}.",
                f"“{field_name}” must be true or false, got {shown}.")
    if t in ("list_type",):
        return (f"“{field_name}” phải là một danh sách [...], nhận được {shown}.",
                f"“{field_name}” must be a list [...], got {shown}.")
    if t == "model_type" and ctx.get("class_name") == "Num":
        return (f"“{field_name}” phải là một số (số JSON hoặc chuỗi như “1.896”, “70,2”), nhận được {shown}.",
                f"“{field_name}” must be a number (a JSON number or a string such as “1.896”, “70,2”), got {shown}.")
    if t in ("model_type", "dict_type", "model_attributes_type"):
        return (f"“{field_name}” phải là một đối tượng {{...}}, nhận được {shown}.",
                f"“{field_name}” must be an object {{...}}, got {shown}.")
    if t == "literal_error":
        exp = ctx.get("expected", "")
        return (f"“{field_name}” phải là một trong: {exp}; nhận được {shown}.",
                f"“{field_name}” must be one of: {exp}; got {shown}.")
    if t in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return (f"“{field_name}” = {shown} nằm ngoài khoảng cho phép ({err['msg']}).",
                f"“{field_name}” = {shown} is out of range ({err['msg']}).")
    if t.startswith("date"):
        return (f"“{field_name}” phải là ngày dạng YYYY-MM-DD, nhận được {shown}.",
                f"“{field_name}” must be a date YYYY-MM-DD, got {shown}.")
    if t.startswith("decimal"):
        return (f"“{field_name}” phải là số, nhận được {shown}.", f"“{field_name}” must be a number, got {shown}.")
    if t == "value_error":
        msg = str(ctx.get("error", err["msg"]))
        return (f"Giá trị không hợp lệ ở “{field_name}”: {msg}.", f"Invalid value at “{field_name}”: {msg}.")
    return (f"Giá trị không hợp lệ ở “{field_name}”: {err['msg']}.", f"Invalid value at “{field_name}”: {err['msg']}.")
