"""Read a report file: bytes -> text -> JSON (exact numbers) -> validated `Report`.

Every problem becomes an `InputProblem` with a JSON Pointer (or line/column) and a plain
message in Vietnamese and English. Nothing here raises for bad input.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from functools import lru_cache

from auditor.files.digest import sha256
from auditor.model.facts import escape_pointer_token
from auditor.model.lean import is_model, plan
from auditor.model.numinput import (
    JsonNumberText,
    conflicts_seen,
    explicit_value_conflict,
    problems_seen,
    reset_problem_flag,
)
from auditor.numeric import limits
from auditor.numeric.notation import non_ascii_digits
from auditor.read.fastview import read as read_fast
from auditor.read.input_file import InputRefused, read_input, too_large
from auditor.read.sourcemap import LazyPositions, duplicate_keys, loads_with_spans, lookup_positions
from auditor.records import dataclass, field

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

    from auditor.model.report import Report


@dataclass
class InputProblem:
    """A problem of the input itself (unreadable, invalid JSON, not the report format …), with its place."""

    rule_id: str
    pointer: str
    vi: str
    en: str
    line: int | None = None
    column: int | None = None
    text: str | None = None


@dataclass
class ReadResult:
    """What reading one input gave: the report (or None) and the problems found on the way."""

    path: str
    report: Report | None = None
    problems: list[InputProblem] = field(default_factory=list)
    sha256: str | None = None
    text: str | None = None
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    view: dict[str, Any] | None = None  # the rules' view, when the reader made it (fastview.py)
    extracted: bool = False  # read from a document (.docx/.txt/.md): values linked by its reader
    # Documents (.docx, .txt …, auditor/extract): where an item lies in the document, for a
    # pointer (`locate(pointer) -> SourceLoc | None`), and the document as written (`document()`
    # -> findings.DocumentText), made only when asked for.
    locate: Callable[[str], Any] | None = None
    document: Callable[[], Any] | None = None


def read_report(path: str | Path, *, digest: bool = True) -> ReadResult:
    """Read and validate a JSON report. `digest`: compute the file's SHA-256 (`res.sha256`);
    a run whose outputs never print it (a streamed run: `batch.stream_check`) passes False,
    and the hash (under valgrind ~1,7 M instructions a report, a third of the JSON parse) is
    not computed. Everything else read is the same either way."""
    res = ReadResult(str(path))
    try:
        data = read_input(_opened_as(path))
    except InputRefused as e:
        res.problems.append(InputProblem(e.rule_id, "", e.vi, e.en))
        return res
    except OSError as e:
        res.problems.append(InputProblem(
            "INP001", "", f"Không đọc được tệp: {e.strerror or e}.", f"Cannot read the file: {e.strerror or e}."))
        return res
    if digest:
        res.sha256 = sha256(data).hexdigest()
    return parse_report_bytes(data, res)


def _opened_as(path: str | Path) -> str | Path:
    """What to open for `path`: the file `Path(path)` names. A path written plainly names the same
    file as a string (pathlib not imported at start); one that pathlib would shorten (a final
    `/` or `.`, "" for "."), or one on a system with other separators, is opened as before, through
    pathlib."""
    if type(path) is str and (path == "-" or (os.name == "posix" and path and not path.endswith(("/", "/."))
                                               and "/./" not in path)):
        return path
    from pathlib import Path

    return Path(path) if str(path) != "-" else "-"


def parse_report_bytes(data: bytes, res: ReadResult | None = None) -> ReadResult:
    res = res or ReadResult("<bytes>", sha256=sha256(data).hexdigest())
    if len(data) > limits.current().file_size:  # (read_input refuses a file before reading it)
        e = too_large(len(data))
        res.problems.append(InputProblem(e.rule_id, "", e.vi, e.en))
        return res
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
        _REPEATED[0] = False
        try:  # a report: an object, parsed noting where its members lie (for the positions)
            raw, spans = loads_with_spans(text, decoder.scan_once)
        except Exception:  # anything else: the decoder's own result or error
            _REPEATED[0] = False
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
    # (mapped only if needed; a walk to some pointers stops early when no key is repeated)
    res.positions = LazyPositions(text, spans, unique_keys=spans is not None and not _REPEATED[0])  # type: ignore[assignment]
    if isinstance(raw, dict):
        if _REPEATED[0] or spans is None:
            _report_duplicates(text, res)
        if ("\\ud" in text or "\\uD" in text) and _surrogate_escape().search(text):
            _report_surrogates(raw, res)
    return validate_data(raw, res)


# Set by the decoder's object hook when an object of the text repeats a key.
_REPEATED = [False]


def _pairs(pairs: list[tuple[str, Any]], dict: type = dict, len: Any = len) -> dict[str, Any]:
    """The decoder's object hook: the object, noting when a key was repeated (the names bound
    as defaults: it runs for every object of every report)."""
    d = dict(pairs)
    if len(d) != len(pairs):
        _REPEATED[0] = True
    return d


def _report_duplicates(text: str, res: ReadResult) -> None:
    """INP006 for every key written twice in one object: `json.loads` would keep the last value
    silently (a second `"indicators": []` would drop every indicator)."""
    for ptr, (l1, c1), (l2, c2) in duplicate_keys(text):
        key = ptr.rsplit("/", 1)[-1].replace("~1", "/").replace("~0", "~")
        res.problems.append(InputProblem(
            "INP006", ptr,
            f"Khóa “{_visible(key)}” được ghi hai lần trong cùng một đối tượng ({ptr}): lần đầu ở dòng {l1}, "
            f"cột {c1}; lần sau ở dòng {l2}, cột {c2}. Chỉ giá trị ghi sau được đọc.",
            f"The key “{_visible(key)}” is written twice in one object ({ptr}): first at line {l1}, column "
            f"{c1}; again at line {l2}, column {c2}. Only the later value is read.",
            l2, c2))


# A JSON escape of half a UTF-16 pair (\ud800 … \udfff): the only way a JSON text in UTF-8 can
# hold a lone surrogate (a pair, \ud83d\ude00, decodes to one character and is fine).
@lru_cache(maxsize=1)
def _surrogate_escape() -> re.Pattern[str]:
    return re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


@lru_cache(maxsize=1)
def _surrogate() -> re.Pattern[str]:  # (compiled when first needed: start-up pays for no regex)
    return re.compile("[\ud800-\udfff]")


def _visible(s: str, n: int = 60) -> str:
    r"""A text for a message: lone surrogates written as \udXXX, cut after n characters."""
    t = s if len(s) <= n else s[:n] + "…"
    if t.isascii():
        return t
    return _surrogate().sub(lambda m: f"\\u{ord(m.group()):04x}", t)


def _report_surrogates(raw: Any, res: ReadResult) -> None:
    r"""INP007 for every string (or key) holding a lone surrogate: not a character, it cannot be
    written in UTF-8. The text is kept; every output shows it escaped (\ud800)."""
    stack: list[tuple[Any, str]] = [(raw, "")]
    while stack:
        obj, ptr = stack.pop()
        if isinstance(obj, dict):
            for k, v in reversed(list(obj.items())):
                p = f"{ptr}/{k.replace('~', '~0').replace('/', '~1')}"
                if _surrogate().search(k):
                    _surrogate_problem(res, p, k)
                stack.append((v, p))
        elif isinstance(obj, list):
            for i in range(len(obj) - 1, -1, -1):
                stack.append((obj[i], f"{ptr}/{i}"))
        elif isinstance(obj, str) and _surrogate().search(obj):
            _surrogate_problem(res, ptr, obj)


def _surrogate_problem(res: ReadResult, ptr: str, s: str) -> None:
    chars = ", ".join(dict.fromkeys(f"\\u{ord(c):04x} (U+{ord(c):04X})" for c in _surrogate().findall(s)))
    line, col = res.positions.get(ptr, (None, None))
    res.problems.append(InputProblem(
        "INP007", ptr,
        f"Chuỗi “{_visible(s)}” có {chars}: nửa của một cặp UTF-16, không phải một ký tự. Văn bản được giữ "
        "nguyên; kết quả ghi ký tự này dạng \\uXXXX.",
        f"The string “{_visible(s)}” holds {chars}: half of a UTF-16 pair, not a character. The text is kept "
        "as written; the output shows the character as \\uXXXX.",
        line, col, _visible(s)))


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in JSON")


@lru_cache(maxsize=1)
def _decoder() -> json.JSONDecoder:
    """One decoder for every report (what json.loads builds anew at each call): numbers kept
    as their text, NaN and Infinity refused."""
    return json.JSONDecoder(parse_float=JsonNumberText, parse_int=JsonNumberText,
                            parse_constant=_reject_constant, object_pairs_hook=_pairs)


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
    """Validate the JSON of a report (`raw`, as read with exact numbers) into `res.report`,
    adding the input problems (INP004, the numbers' NUM00x, INP008) to `res.problems`."""
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
    conflicts = conflicts_seen()
    if not problems_seen() and not conflicts:
        return res
    found: list[tuple[str, Any, Any]] = []  # (pointer, number, value given) of the numbers to report
    for ptr, num in _nums(report, ""):
        if num.problem:
            found.append((ptr, num, None))
        elif conflicts:
            given = _given_value(raw, ptr)
            if given is not None and explicit_value_conflict(given[0], given[1]):
                found.append((ptr, num, given))
    # their positions at once: the walk goes only down to them (not the whole text per number)
    pos = lookup_positions(res.positions, [ptr for ptr, _, _ in found])
    for ptr, num, given in found:
        line, col = pos.get(ptr, (None, None))
        if given is None:
            res.problems.append(num_problem(ptr, num, line, col))
            continue
        shown = _visible(str(given[1]), 40)
        res.problems.append(InputProblem(
            "INP008", ptr,
            f"Số ghi là “{_visible(num.text)}” nhưng giá trị ghi kèm là {shown}: công cụ dùng số được viết "
            f"({num.text.strip()}), không dùng {shown}.",
            f"The number is written “{_visible(num.text)}” but the value given with it is {shown}: the tool "
            f"uses the written number ({num.text.strip()}), not {shown}.",
            line, col, num.text))
    return res


def num_problem(ptr: str, num: Any, line: int | None, col: int | None) -> InputProblem:
    """The finding for a number whose text is not read: NUM003 for digits other than 0–9,
    NUM004 beyond the digit limit, NUM001 otherwise (not a number, ambiguous). (The reading
    that failed, Vietnamese notation or a JSON number, is known by its message: the limit's
    message names its configuration key.)"""
    en = num.problem_en or num.problem
    if isinstance(num.text, str) and non_ascii_digits(num.text):
        rule = "NUM003"
    elif limits.key_of("digits") in en:
        rule = "NUM004"
    else:
        rule = "NUM001"
    return InputProblem(rule, ptr, num.problem, en, line, col, num.text)


def _given_value(raw: Any, ptr: str) -> tuple[Any, Any] | None:
    """(text, value) of the number object at `ptr` in the JSON as read, when it gave both."""
    node = raw
    for token in ptr.split("/")[1:]:
        key = token.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict):
            node = node.get(key)
        elif isinstance(node, list) and key.isdigit() and int(key) < len(node):
            node = node[int(key)]
        else:
            return None
    if isinstance(node, dict) and isinstance(node.get("text"), str) and node.get("value") is not None:
        return node["text"], node["value"]
    return None


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


def _preview(v: Any) -> str:
    """The start of a value as JSON, for a message. A value nested deeper than `json.dumps` can
    recurse (a hostile report nested a thousand levels: found by the fuzz harness) is shown
    one level deep."""
    try:
        return json.dumps(v, ensure_ascii=False, default=str)[:60]
    except (RecursionError, ValueError):
        def atom(x: Any) -> str:
            if isinstance(x, (dict, list)):
                return ("{…}" if x else "{}") if isinstance(x, dict) else ("[…]" if x else "[]")
            try:
                return json.dumps(x, ensure_ascii=False, default=str)[:60]
            except (RecursionError, ValueError):
                return type(x).__name__
        if isinstance(v, dict):
            return ("{" + ", ".join(f"{atom(str(k))}: {atom(x)}" for k, x in list(v.items())[:4]) + "}")[:60]
        if isinstance(v, list):
            return ("[" + ", ".join(atom(x) for x in v[:4]) + "]")[:60]
        return atom(v)


def _explain(err: dict[str, Any]) -> tuple[str, str]:
    t = err["type"]
    field_name = next((str(p) for p in reversed(err["loc"]) if isinstance(p, str)), "")
    ctx = err.get("ctx") or {}
    inp = err.get("input")
    shown = _preview(inp) if inp is not None else "null"
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
