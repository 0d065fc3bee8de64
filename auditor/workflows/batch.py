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
- `stream_check`: a big run (`STREAM_MIN` files or more) in a line format (`full`, `concise`,
  `json-lines`, or `--statistics`) is written file by file as the results come in, and keeps
  only a line per file: its memory does not grow with the number of findings. Formats that
  describe the whole run at once (json, sarif, junit, gitlab, github, markdown, html) and the
  baseline and per-file-ignores options keep every finding until the end (~9 KB each).
"""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor.errors import UsageError
from auditor.model.severity import SEVERITY_RANK
from auditor.output.common import FAIL_RANK
from auditor.output.summary import (
    count_rules,
    finding_rows,
    merge_rule_counts,
    render_statistics,
    render_summary_table,
    summary_kind,
    write_summary,
)

if TYPE_CHECKING:
    from auditor.engine.ruleset import Ruleset, RuleSpec
    from auditor.model.findings import FileResult, Finding, RunResult
    from auditor.workflows.pipeline import FileAudit

PARALLEL_MIN = 50  # fewer files than this: one process (a pool costs more than it saves)
PROGRESS_MIN = 20  # fewer files than this: no progress bar
STREAM_MIN = 100  # from this many files, line formats are written file by file (see stream_check)
STREAM_FORMATS = ("full", "concise", "json-lines")


class BatchError(UsageError):
    """A usage problem with the files to audit (exit 2): `.vi` and `.en` messages."""


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
    found: dict[str, str] = {}  # normalised path -> the path as given (shown in the output)

    def add(p: Path | str) -> None:
        s = str(p)
        found.setdefault(s if s == "-" else os.path.normpath(s), s)

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
    return sorted(((shown, shown) for shown in found.values()), key=lambda kv: _sort_path(os.path.normpath(kv[0])))


def _sort_path(p: str) -> tuple[str, ...]:
    """Sort by path components, so that `a/b.json` comes before `a-b/c.json` on every OS."""
    return tuple(Path(p).parts)


# ------------------------------------------------------------------------------ audit files

# Set in each worker process by `_init_worker` (inherited when the pool forks).
_WORKER: dict[str, Any] = {}


def _init_worker(ruleset: Ruleset, rules: list[RuleSpec], keep_passed: bool,
                 finish: Finish | None = None, keep_document: bool = False) -> None:
    _WORKER.update(ruleset=ruleset, rules=rules, keep_passed=keep_passed, finish=finish,
                   keep_document=keep_document)


class Finish:
    """What a worker does with a file's findings in a streamed run (`stream_check`): write
    the file's part of the output and count the findings per rule, so that only that text and
    the counts travel back to the main process, which then has nothing left to do per file."""

    def __init__(self, fmt: str, lang: str, tool: Any, statistics: bool = False, rows: bool = False) -> None:
        self.fmt, self.lang, self.tool, self.statistics = fmt, lang, tool, statistics
        self.rows = rows  # the findings' rows of the xlsx summary (a few strings each)


class Piece:
    """A file of a streamed run: its result without the findings, its part of the output and
    its findings per rule."""

    __slots__ = ("file", "stats", "text", "per_rule", "rows")

    def __init__(self, file: FileResult, stats: Any, text: str, per_rule: dict[str, dict[str, Any]],
                 rows: list[list[Any]] | None = None) -> None:
        self.file, self.stats, self.text, self.per_rule = file, stats, text, per_rule
        self.rows = rows or []


def _finish(a: FileAudit, f: Finish) -> Piece:
    per_rule: dict[str, dict[str, Any]] = {}
    count_rules(per_rule, a.findings, f.lang)
    rows = finding_rows(a.file, a.findings, f.lang) if f.rows else None
    return Piece(a.file, a.stats, "" if f.statistics else render_piece(f, a.file, a.findings), per_rule, rows)


def render_piece(f: Finish, fr: FileResult, findings: list[Finding]) -> str:
    """A file's part of a streamed output (the same text as the usual run writes for it)."""
    if f.fmt == "json-lines":
        from auditor.model.findings import RunResult
        from auditor.output.json_lines import render_json_lines

        return render_json_lines(RunResult(tool=f.tool, findings=findings), f.lang) if findings else ""
    if f.fmt == "concise":
        from auditor.output.concise import concise_line

        return "".join(concise_line(x, f.lang) + "\n" for x in findings)
    from auditor.output.full import full_file_block

    return "\n".join(full_file_block(fr, findings, f.lang)) + "\n"


def _audit_one(path: str, display: str, ruleset: Ruleset, rules: list[RuleSpec],
               keep_passed: bool, finish: Finish | None = None, keep_document: bool = False) -> FileAudit | Piece:
    from auditor.engine.runner import EngineError
    from auditor.workflows.pipeline import audit_file

    try:
        a = audit_file(path, ruleset, rules, display, keep_document)
    except EngineError as e:
        raise FileEngineError(display, str(e)) from None
    if not keep_passed:
        a.passed = []
    return a if finish is None else _finish(a, finish)


def _audit_chunk(chunk: list[tuple[str, str]]) -> list[FileAudit | Piece]:
    w = _WORKER
    return [_audit_one(p, d, w["ruleset"], w["rules"], w["keep_passed"], w["finish"], w["keep_document"])
            for p, d in chunk]


def _chunks(files: list[tuple[str, str]], jobs: int) -> list[list[tuple[str, str]]]:
    """Chunks that shrink as the run goes on ("guided" scheduling): up to 32 files at first,
    so that the sending of tasks stays negligible, down to 2 at the end, so that no core
    waits long for the other to finish its last chunk."""
    out, i, n = [], 0, len(files)
    while i < n:
        size = max(2, min(32, (n - i) // (jobs * 4)))
        out.append(files[i:i + size])
        i += size
    return out


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
                progress: Callable[[int], None] | None = None,
                finish: Finish | None = None, keep_document: bool = False) -> Iterator[Any]:
    """Audit `files` and yield their `FileAudit`s (with `finish`: their `Piece`s) in the same
    order. `jobs`: processes to use (default: the cores available; a run of fewer than
    `PARALLEL_MIN` files uses one). `progress(n)` is called after every n files done. Raises
    `FileEngineError`."""
    jobs = default_jobs() if jobs is None else max(1, jobs)
    if jobs == 1 or len(files) < PARALLEL_MIN:
        for path, display in files:
            yield _audit_one(path, display, ruleset, rules, keep_passed, finish, keep_document)
            if progress:
                progress(1)
        return
    from concurrent.futures import ProcessPoolExecutor

    chunks = _chunks(files, jobs)
    with ProcessPoolExecutor(max_workers=min(jobs, len(chunks)), mp_context=_pool_context(),
                             initializer=_init_worker, initargs=(ruleset, rules, keep_passed, finish, keep_document)) as ex:
        # map() keeps the order of the chunks whatever order they finish in.
        for done in ex.map(_audit_chunk, chunks):
            yield from done
            if progress:
                progress(len(done))


def audit_paths(paths: Sequence[str], ruleset: Ruleset, rules: list[RuleSpec], *,
                jobs: int | None = None, keep_passed: bool = False, lang: str = "vi",
                files: list[tuple[str, str]] | None = None, keep_document: bool = False,
                quiet: bool = False) -> RunResult:
    """What `audit check PATHS` does before rendering: collect the files (unless `files` are
    given), audit them (with a progress bar on a terminal, unless `quiet`), combine. Raises
    `BatchError`."""
    from auditor.workflows.pipeline import combine

    files = collect_files(paths) if files is None else files
    bar = progress_bar(len(files), lang, quiet)
    if bar is None:
        return combine(audit_files(files, ruleset, rules, jobs=jobs, keep_passed=keep_passed,
                                   keep_document=keep_document), ruleset, keep_passed=keep_passed)
    with bar:
        return combine(audit_files(files, ruleset, rules, jobs=jobs, keep_passed=keep_passed,
                                   progress=bar.update, keep_document=keep_document),
                       ruleset, keep_passed=keep_passed)


def progress_bar(n: int, lang: str = "vi", quiet: bool = False) -> Any:
    """A progress bar on stderr (output/terminal.py), or None when stderr is not a terminal,
    the run is small or `quiet`. Use as a context manager; `bar.update(n)`, `bar.print(text)`
    for output while it is shown."""
    if quiet or n < PROGRESS_MIN or not sys.stderr.isatty():
        return None
    from auditor.output.terminal import Progress

    return Progress.maybe(n, lang, minimum=PROGRESS_MIN, quiet=quiet)


# --------------------------------------------------------------------------------- summaries













# -------------------------------------------------------------------------------- statistics










# -------------------------------------------------------------------------------- streaming


def _whole_run(cfg: Any) -> bool:
    """Whether the configuration needs every finding at the end (baseline, per-file-ignores)."""
    if cfg is None:
        return False
    conf = getattr(cfg, "config", None)
    pfi = conf.get("per-file-ignores") if conf is not None and hasattr(conf, "get") else None
    return bool(pfi or getattr(cfg, "per_file_ignores", None) or getattr(cfg, "baseline", None)
                or getattr(cfg, "write_baseline", None) or getattr(cfg, "update_baseline", False))


def stream_check(files: list[tuple[str, str]], ruleset: Ruleset, rules: list[RuleSpec], cfg: Any = None, *,
                 fmt: str, lang: str = "vi", fail_on: str = "warning", statistics: bool = False,
                 summary_file: str | None = None, output_file: str | None = None,
                 jobs: int | None = None, quiet: bool = False, color: bool = False,
                 done: Callable[[RunResult], None] | None = None) -> int | None:
    """`audit check` for a big run in a line format: audit, write each file's part of the
    output at once, keep only the per-file summary and the per-rule counts; then the tail
    (table per file, totals), `--summary`. Returns the exit code, or None when the run must be
    done whole (small run, other format, baseline or per-file-ignores): the caller then does
    the usual run. The output is the same, byte for byte, as the usual run's (`quiet`: without
    the tail; `color`: the terminal's colours). `done(run_result)` is called once the outputs
    are written (the CLI's one-line summary)."""
    if len(files) < STREAM_MIN or (not statistics and fmt not in STREAM_FORMATS) or _whole_run(cfg):
        return None
    if summary_file:
        summary_kind(summary_file)  # a wrong name is an error before the run, not after it
    import click

    from auditor import __version__
    from auditor.model.findings import RunResult, Stats, ToolInfo

    tool = ToolInfo(name="auditor", version=__version__, ruleset=ruleset.version)
    xlsx = bool(summary_file) and summary_kind(summary_file) == ".xlsx"  # type: ignore[arg-type]
    finish = Finish(fmt, lang, tool, statistics, rows=xlsx)  # each file's text is written by the workers
    rows: list[list[Any]] = []
    rr = RunResult(tool=tool, stats=Stats(), fail_on=fail_on)  # type: ignore[arg-type]
    per_rule: dict[str, dict[str, Any]] = {}
    fh = open(output_file, "w", encoding="utf-8") if output_file and not statistics else None  # noqa: SIM115

    def emit(text: str) -> None:
        if not text:
            return
        if fh is not None:
            fh.write(text)
            return
        if color:
            from auditor.output.terminal import colorize

            text = colorize(text, fmt)
        if bar is not None:  # above the bar, never on its line
            bar.print(text)
        else:
            click.echo(text, nl=False, color=color or None)

    bar = progress_bar(len(files), lang, quiet)
    try:
        if bar is not None:
            bar.__enter__()
        for a in audit_files(files, ruleset, rules, jobs=jobs, progress=bar.update if bar else None,
                             finish=finish):
            rr.files.append(a.file)
            for k in ("evaluated", "passed", "failed", "skipped"):
                setattr(rr.stats, k, getattr(rr.stats, k) + getattr(a.stats, k))
            rr.stats.rules = max(rr.stats.rules, a.stats.rules)
            merge_rule_counts(per_rule, a.per_rule)
            rows.extend(a.rows)
            emit(a.text)
            # nothing of the file is kept but its FileResult
        if bar is not None:
            bar.__exit__(None, None, None)
            bar = None
        for s in ("error", "warning", "info"):
            rr.summary[s] = sum(fr.counts.get(s, 0) for fr in rr.files)
        rr.summary["files"] = len(rr.files)
        if statistics:
            text = render_statistics(rr, lang, "json" if fmt == "json" else "text", per_rule)
            if output_file:
                Path(output_file).write_text(text, encoding="utf-8")
            else:
                click.echo(text, nl=False)
        elif fmt in ("full", "concise") and not quiet:
            from auditor.output.common import summary_line

            tail = [render_summary_table(rr, lang)] if fmt == "full" and len(rr.files) > 1 else []
            emit("\n".join([*tail, summary_line(rr, lang)]) + "\n")
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
        if fh is not None:
            fh.close()
    if summary_file:
        write_summary(rr, summary_file, lang, per_rule, rows if xlsx else None)
    if done is not None:
        done(rr)
    threshold = FAIL_RANK.get(fail_on, 2)
    failing = any(fr.counts.get(s, 0) for fr in rr.files for s, r in SEVERITY_RANK.items() if r >= threshold)
    return 1 if failing else 0
