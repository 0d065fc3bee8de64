"""Batch runs: many reports in one `audit` call.

- `collect_files`: the report files named by the arguments: files, folders (every `*.json`
  below them) and glob patterns (`reports/*.json`, `**/*.json`), expanded here as well, for
  shells that do not (Windows, quoted arguments, CI `with:` blocks).
- `audit_files`: audits them one by one and yields one `FileAudit` per file, in the order
  given (sorted). Nothing but the findings and counts is kept of a report, so memory does not
  grow with the size of the reports. From `PARALLEL_MIN` files on, the work is spread over the
  machine's cores (`ProcessPoolExecutor`, chunks of files); the results are the same, in the
  same order, as a serial run. An unreadable or invalid file is a finding about that file and
  the run goes on.
- `summary_rows` / `render_summary_table` / `write_summary`: one row per file (unit, period,
  errors, warnings, infos, status), printed at the end of `full` output for multi-file runs and
  written by `--summary FILE.csv|FILE.xlsx` (pandas, imported only there).
- `statistics` / `render_statistics`: findings per rule, like `ruff --statistics`.
"""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .severity import SEVERITY_RANK

if TYPE_CHECKING:
    from .findings import RunResult
    from .pipeline import FileAudit
    from .rules import RuleSpec, Ruleset

PARALLEL_MIN = 50  # fewer files than this: one process (a pool costs more than it saves)
PROGRESS_MIN = 20  # fewer files than this: no progress bar
FAIL_RANK = {"error": 3, "warning": 2, "info": 1, "never": 99}


class BatchError(Exception):
    """A usage problem with the arguments (exit 2): `.vi` and `.en` messages."""

    def __init__(self, vi: str, en: str) -> None:
        super().__init__(vi, en)
        self.vi, self.en = vi, en


class FileEngineError(BatchError):
    """A rule failed on one file because of a bug (exit 2), raised in a worker or here."""

    def __init__(self, display: str, message: str) -> None:
        Exception.__init__(self, display, message)
        self.display, self.message = display, message
        self.vi = f"Lỗi nội bộ khi kiểm tra {display}: {message}"
        self.en = f"Internal error while auditing {display}: {message}"


# ------------------------------------------------------------------------------ collect files


def _json_below(folder: Path) -> list[Path]:
    return sorted(x for x in folder.rglob("*.json") if x.is_file())


def collect_files(paths: Sequence[str]) -> list[tuple[str, str]]:
    """(path, display name) of every report named by `paths`, without duplicates, sorted by
    path. A folder means its `*.json`, recursively; a pattern with `*`, `?` or `[` is
    expanded (`**` crosses folders). A missing file, or a pattern that matches nothing, is a
    `BatchError`. `-` is kept as is (standard input)."""
    found: dict[str, str] = {}

    def add(p: Path | str) -> None:
        s = str(p)
        found.setdefault(s, s)

    for p in paths:
        path = Path(p)
        if p == "-":
            add(p)
        elif path.is_dir():
            for x in _json_below(path):
                add(x)
        elif path.exists():
            add(p)
        elif glob.has_magic(p):
            matches = sorted(glob.glob(p, recursive=True))
            hits = 0
            for m in matches:
                mp = Path(m)
                if mp.is_dir():
                    for x in _json_below(mp):
                        add(x)
                        hits += 1
                elif mp.is_file():
                    add(m)
                    hits += 1
            if not hits:
                raise BatchError(f"Không có tệp nào khớp mẫu: {p}", f"No file matches the pattern: {p}")
        else:
            raise BatchError(f"Không tìm thấy tệp: {p}", f"No such file: {p}")
    return sorted(found.items(), key=lambda kv: _sort_path(kv[0]))


def _sort_path(p: str) -> tuple[str, ...]:
    """Sort by path components, so that `a/b.json` comes before `a-b/c.json` on every OS."""
    return tuple(Path(p).parts)


# ------------------------------------------------------------------------------ audit files

# Set in each worker process by `_init_worker` (inherited when the pool forks).
_WORKER: dict[str, Any] = {}


def _init_worker(ruleset: Ruleset, rules: list[RuleSpec], keep_passed: bool) -> None:
    _WORKER.update(ruleset=ruleset, rules=rules, keep_passed=keep_passed)


def _audit_one(path: str, display: str, ruleset: Ruleset, rules: list[RuleSpec],
               keep_passed: bool) -> FileAudit:
    from .engine import EngineError
    from .pipeline import audit_file

    try:
        a = audit_file(path, ruleset, rules, display)
    except EngineError as e:
        raise FileEngineError(display, str(e)) from None
    if not keep_passed:
        a.passed = []
    return a


def _audit_chunk(chunk: list[tuple[str, str]]) -> list[FileAudit]:
    w = _WORKER
    return [_audit_one(p, d, w["ruleset"], w["rules"], w["keep_passed"]) for p, d in chunk]


def _chunks(files: list[tuple[str, str]], jobs: int) -> list[list[tuple[str, str]]]:
    # Small enough to balance the cores and keep the progress bar moving, large enough that
    # the pickling of each task stays negligible.
    size = max(4, min(64, len(files) // (jobs * 8) or 1))
    return [files[i:i + size] for i in range(0, len(files), size)]


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _pool_context() -> Any:
    import multiprocessing as mp

    # fork: the workers start at once with the rules already loaded and validated.
    if sys.platform.startswith("linux") and "fork" in mp.get_all_start_methods():
        return mp.get_context("fork")
    return mp.get_context()


def audit_files(files: list[tuple[str, str]], ruleset: Ruleset, rules: list[RuleSpec], *,
                jobs: int | None = None, keep_passed: bool = False,
                progress: Callable[[int], None] | None = None) -> Iterator[FileAudit]:
    """Audit `files` and yield their `FileAudit`s in the same order. `jobs`: processes to use
    (default: the cores available; a run of fewer than `PARALLEL_MIN` files uses one).
    `progress(n)` is called after every n files done. Raises `FileEngineError`."""
    jobs = default_jobs() if jobs is None else max(1, jobs)
    if jobs == 1 or len(files) < PARALLEL_MIN:
        for path, display in files:
            yield _audit_one(path, display, ruleset, rules, keep_passed)
            if progress:
                progress(1)
        return
    from concurrent.futures import ProcessPoolExecutor

    chunks = _chunks(files, jobs)
    with ProcessPoolExecutor(max_workers=min(jobs, len(chunks)), mp_context=_pool_context(),
                             initializer=_init_worker, initargs=(ruleset, rules, keep_passed)) as ex:
        # map() keeps the order of the chunks whatever order they finish in.
        for done in ex.map(_audit_chunk, chunks):
            yield from done
            if progress:
                progress(len(done))


def audit_paths(paths: Sequence[str], ruleset: Ruleset, rules: list[RuleSpec], *,
                jobs: int | None = None, keep_passed: bool = False, lang: str = "vi") -> RunResult:
    """What `audit check PATHS` does before rendering: collect the files, audit them (with a
    progress bar on a terminal), combine. Raises `BatchError` (a usage error, exit 2)."""
    from .pipeline import combine

    files = collect_files(paths)
    bar = progress_bar(len(files), lang)
    if bar is None:
        return combine(audit_files(files, ruleset, rules, jobs=jobs, keep_passed=keep_passed),
                       ruleset, keep_passed=keep_passed)
    with bar:
        return combine(audit_files(files, ruleset, rules, jobs=jobs, keep_passed=keep_passed,
                                   progress=bar.update), ruleset, keep_passed=keep_passed)


def progress_bar(n: int, lang: str = "vi") -> Any:
    """A click progress bar on stderr, or None when stderr is not a terminal or the run is
    small. Use as a context manager; `bar.update(n)`."""
    if n < PROGRESS_MIN or not sys.stderr.isatty():
        return None
    import click

    label = "Đang kiểm tra" if lang == "vi" else "Auditing"
    return click.progressbar(length=n, label=label, file=sys.stderr, show_pos=True, show_eta=True,
                             item_show_func=None)


# --------------------------------------------------------------------------------- summaries

_STATUS = {
    "vi": {"ok": "đạt", "fail": "không đạt", "notes": "đạt (có lưu ý)", "invalid": "sai định dạng",
           "unreadable": "không đọc được"},
    "en": {"ok": "pass", "fail": "fail", "notes": "pass (with notes)", "invalid": "invalid",
           "unreadable": "unreadable"},
}
_HEAD = {
    "vi": ["Tệp", "Đơn vị", "Kỳ báo cáo", "Lỗi", "Cảnh báo", "Thông tin", "Kết luận"],
    "en": ["File", "Unit", "Period", "Errors", "Warnings", "Infos", "Status"],
}


def file_status(status: str, counts: dict[str, int], fail_on: str = "warning") -> str:
    """ok | fail | notes | invalid | unreadable, with the same threshold as the exit code."""
    if status in ("invalid", "unreadable"):
        return status
    threshold = FAIL_RANK.get(fail_on, 2)
    if any(counts.get(s, 0) for s, r in SEVERITY_RANK.items() if r >= threshold):
        return "fail"
    if any(counts.values()):
        return "notes"
    return "ok"


def summary_rows(rr: RunResult, lang: str = "vi") -> list[list[Any]]:
    """[file, unit, period, errors, warnings, infos, status] per file of the run."""
    words = _STATUS[lang]
    rows = []
    for fr in rr.files:
        c = fr.counts
        rows.append([fr.path, fr.unit or "", fr.period or "", c.get("error", 0), c.get("warning", 0),
                     c.get("info", 0), words[file_status(fr.status, c, rr.fail_on)]])
    return rows


def render_summary_table(rr: RunResult, lang: str = "vi") -> str:
    """The per-file table printed at the end of `full` output (multi-file runs)."""
    from tabulate import tabulate

    title = "Tổng hợp theo tệp" if lang == "vi" else "Summary by file"
    table = tabulate(summary_rows(rr, lang), headers=_HEAD[lang], tablefmt="simple",
                     colalign=("left", "left", "left", "right", "right", "right", "left"),
                     maxcolwidths=[None, 30, 24, None, None, None, None])
    return f"{title}\n{table}\n"


def write_summary(rr: RunResult, out: str, lang: str = "vi") -> None:
    """Write the per-file table to `out`: `.csv` (UTF-8 with a BOM, so that Excel shows the
    Vietnamese letters) or `.xlsx` (two sheets: files and rules). Raises `BatchError`."""
    suffix = Path(out).suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise BatchError(f"--summary phải là tệp .csv hoặc .xlsx: {out}",
                         f"--summary must be a .csv or .xlsx file: {out}")
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is a dependency
        raise BatchError("Cần cài pandas để ghi --summary.", "pandas is needed for --summary.") from None
    df = pd.DataFrame(summary_rows(rr, lang), columns=_HEAD[lang])
    try:
        if suffix == ".csv":
            df.to_csv(out, index=False, encoding="utf-8-sig")
            return
        stats = pd.DataFrame([[s["count"], s["code"], s["severity"], s["name"]] for s in statistics(rr, lang)],
                             columns=(["Số lần", "Mã", "Mức", "Tên"] if lang == "vi"
                                      else ["Count", "Code", "Severity", "Title"]))
        with pd.ExcelWriter(out, engine="openpyxl") as xw:
            sheet_files = "Tệp" if lang == "vi" else "Files"
            sheet_rules = "Quy tắc" if lang == "vi" else "Rules"
            df.to_excel(xw, sheet_name=sheet_files, index=False)
            stats.to_excel(xw, sheet_name=sheet_rules, index=False)
            for name, frame in ((sheet_files, df), (sheet_rules, stats)):
                ws = xw.sheets[name]
                ws.freeze_panes = "A2"
                for i, col in enumerate(frame.columns):
                    width = max([len(str(col))] + [len(str(v)) for v in frame[col].head(500)])
                    ws.column_dimensions[ws.cell(row=1, column=i + 1).column_letter].width = min(width + 2, 70)
    except OSError as e:
        raise BatchError(f"Không ghi được {out}: {e.strerror or e}", f"Cannot write {out}: {e.strerror or e}") from None


# -------------------------------------------------------------------------------- statistics


def statistics(rr: RunResult, lang: str = "vi") -> list[dict[str, Any]]:
    """Findings per rule, most frequent first (then by code): {count, code, name, severity}."""
    per: dict[str, dict[str, Any]] = {}
    for f in rr.findings:
        if getattr(f, "suppressed", False):  # baselined or accepted: not reported
            continue
        s = per.get(f.rule_id)
        if s is None:
            s = per[f.rule_id] = {"count": 0, "code": f.rule_id,
                                  "name": f.title.vi if lang == "vi" else f.title.en,
                                  "severity": f.severity}
        s["count"] += 1
        if SEVERITY_RANK[f.severity] > SEVERITY_RANK[s["severity"]]:
            s["severity"] = f.severity
    return sorted(per.values(), key=lambda s: (-s["count"], s["code"]))


def render_statistics(rr: RunResult, lang: str = "vi", fmt: str = "text") -> str:
    """`--statistics`: `count  code  [severity]  title` lines (ruff), or a JSON array."""
    import json

    stats = statistics(rr, lang)
    if fmt == "json":
        return json.dumps(stats, ensure_ascii=False, indent=2) + "\n"
    if not stats:
        return ("Không có phát hiện nào." if lang == "vi" else "No findings.") + "\n"
    w = max(len(str(s["count"])) for s in stats)
    cw = max(len(s["code"]) for s in stats)
    sw = max(len(s["severity"]) for s in stats) + 2
    return "".join(f"{s['count']:>{w}}  {s['code']:<{cw}}  {'[' + s['severity'] + ']':<{sw}}  {s['name']}\n"
                   for s in stats)
