"""Batch runs: many reports in one `audit` call.

- `collect_files`: the report files named by the arguments: files, folders (every supported
  document below them, `SUPPORTED_SUFFIXES`) and glob patterns (`reports/*.json`,
  `**/*.json`), expanded here as well, for shells that do not (Windows, quoted arguments, CI
  `with:` blocks); links followed without loops, each file once, only regular files read (a
  named pipe in a folder is listed as skipped).
- `audit_files`: audits them one by one and yields one `FileAudit` per file, in the order
  given (sorted). Nothing but the findings and counts is kept of a report, so memory does not
  grow with the size of the reports. From `PARALLEL_MIN` files on, the work is spread over the
  machine's cores (`ProcessPoolExecutor`, chunks of files); the results are the same, in the
  same order, as a serial run. An unreadable or invalid file is a finding about that file and
  the run goes on; so is a bug raised while auditing one file (its INT001 finding, exit 2 at
  the end), and a document found in a folder that is not a report is listed as skipped.
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
import stat
import sys
from collections.abc import Callable, Iterator, Sequence

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

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from typing import Any

    from auditor.engine.ruleset import Ruleset, RuleSpec
    from auditor.model.findings import FileResult, Finding, RunResult
    from auditor.workflows.pipeline import FileAudit

PARALLEL_MIN = 50  # fewer files than this: one process (a pool costs more than it saves)
# From this many files on, reports are hashed by OpenSSL (`digest.use_openssl`): loading it costs
# about what hashing ten reports with the interpreter's built-in SHA-256 costs more than with it.
OPENSSL_MIN = 10
# From this many files on, rule variants run as straight-line code (`runner.use_straight_runs`):
# importing the generated module and making the plans with it costs ~2,4 M instructions once, and
# each report then costs ~1,3 M fewer (on the seeds: one report +1,1 M, two the same, three −1,0 M);
# a single `audit FILE` never pays for it.
STRAIGHT_MIN = 3
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

# What a folder (or a glob matching a folder) means: every document of these kinds below it.
# One constant, so that a new reader (PDF) adds its suffix here.
SUPPORTED_SUFFIXES: tuple[str, ...] = (".json", ".docx", ".pdf", ".txt", ".md", ".markdown")


class Found(str):
    """A path found by expanding a folder or a glob, not named by the user: a document in it that
    turns out not to be a report (a README, notes) is listed as skipped, not audited."""

    __slots__ = ()


class Skipped(str):
    """An entry of the run that is not read, with the reason (`vi`, `en`): a named pipe, a device
    or a broken link found in a folder. It is listed, never silently dropped."""

    def __new__(cls, path: str, vi: str, en: str) -> Skipped:
        obj = super().__new__(cls, path)
        obj.vi, obj.en = vi, en
        return obj

    def __reduce__(self) -> tuple[Any, ...]:  # (sent to worker processes)
        return (Skipped, (str(self), self.vi, self.en))


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def _walk(folder: str, visited: set[tuple[int, int]]) -> Iterator[tuple[str, os.stat_result | None, str | None]]:
    """(path, stat, error) of every entry below `folder` (not hidden ones), folders included,
    following links to folders but never into a folder already walked (`visited`, by device and
    inode): a link loop, or two links to one folder, is walked once. A broken link gives its
    error instead of a stat."""
    stack = [folder]
    while stack:
        d = stack.pop()
        try:
            with os.scandir(d) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as e:
            yield d, None, e.strerror or str(e)
            continue
        below: list[str] = []
        for e in entries:
            if _is_hidden(e.name):
                continue
            try:
                st = os.stat(e.path)
            except OSError as err:
                yield e.path, None, err.strerror or str(err)
                continue
            if stat.S_ISDIR(st.st_mode):
                key = (st.st_dev, st.st_ino)
                if key in visited:
                    continue
                visited.add(key)
                below.append(e.path)
            yield e.path, st, None
        stack.extend(reversed(below))  # depth first, in name order


def _skip_reason(path: str, st: os.stat_result | None, error: str | None) -> Skipped:
    from auditor.read.input_file import kind_of

    if st is None:
        return Skipped(path, f"Bỏ qua: không đọc được ({error}).", f"Skipped: cannot be read ({error}).")
    vi, en = kind_of(st.st_mode)
    return Skipped(path, f"Bỏ qua: đây là {vi}, không phải một tệp thường.",
                   f"Skipped: this is {en}, not a regular file.")


def _supported(path: str) -> bool:
    return path.lower().endswith(SUPPORTED_SUFFIXES)


def _documents_below(folder: str, visited: set[tuple[int, int]]) -> Iterator[str]:
    """Every supported document below `folder` (a `Found` path), and a `Skipped` entry for a
    supported name that is not a regular file (a named pipe, a device, a broken link)."""
    for path, st, error in _walk(folder, visited):
        if not _supported(path):
            continue
        if st is not None and stat.S_ISREG(st.st_mode):
            yield Found(path)
        elif st is None or not stat.S_ISDIR(st.st_mode):
            yield _skip_reason(path, st, error)


def _pattern_matches(pattern: str, visited: set[tuple[int, int]]) -> Iterator[tuple[str, os.stat_result]]:
    """The paths a glob pattern matches, with their stat. `**` (any depth) is matched on a walk
    of the pattern's fixed leading folder that never follows a link loop (`glob.glob` would, for
    ever); a pattern without it is left to `glob.glob`, which does not descend."""
    if "**" not in pattern:
        for m in sorted(glob.glob(pattern)):
            try:
                yield m, os.stat(m)
            except OSError:
                continue
        return
    from pathlib import Path

    from auditor.workflows.config import _glob_regex

    parts = Path(pattern).parts
    fixed = 0
    while fixed < len(parts) - 1 and not glob.has_magic(parts[fixed]):
        fixed += 1
    base = str(Path(*parts[:fixed])) if fixed else "."
    rx = _glob_regex("/".join(parts[fixed:]))
    try:
        st = os.stat(base)
    except OSError:
        return
    visited.add((st.st_dev, st.st_ino))
    for path, pst, _error in _walk(base, visited):
        rel = Path(os.path.relpath(path, base)).as_posix()
        if pst is not None and rx.match(rel):
            yield (path if fixed else rel), pst


def collect_files(paths: Sequence[str]) -> list[tuple[str, str]]:
    """(path, display name) of every document named by `paths`, each file once (two paths to
    one file, through a link or `..`, are one), sorted by path. A folder means every supported
    document below it (`SUPPORTED_SUFFIXES`, hidden names left out, links followed but never
    round a loop); a pattern with `*`, `?` or `[` is expanded (`**` crosses folders), a folder it
    matches meaning its documents. Paths found in folders and patterns are `Found`; a named pipe,
    device or broken link found there is a `Skipped` entry with its reason. A missing file, a
    named file that is not a regular file, or a folder or pattern that yields nothing is a
    `BatchError` (a usage error, exit 2). `-` is kept as is (standard input)."""
    found: dict[Any, str] = {}  # the file's identity (device, inode) -> the path as given
    visited: set[tuple[int, int]] = set()  # folders already walked

    def add(p: str, st: os.stat_result | None) -> bool:
        key: Any = (st.st_dev, st.st_ino) if st is not None and stat.S_ISREG(st.st_mode) else os.path.normpath(p)
        if p == "-":
            key = "-"
        if key in found:
            return False
        found[key] = p
        return True

    def expand_folder(folder: str) -> int:
        st = os.stat(folder)
        key = (st.st_dev, st.st_ino)
        if key in visited:
            return 1  # walked already (given twice, or below another folder given): not empty
        visited.add(key)
        n = 0
        for doc in _documents_below(folder, visited):
            n += 1
            add(doc, None if isinstance(doc, Skipped) else _stat(doc))
        return n

    for p in paths:
        if p == "-":
            add(p, None)
            continue
        try:
            st = os.stat(p)
        except OSError as e:
            if glob.has_magic(p):
                hits = 0
                for m, mst in _pattern_matches(p, visited):
                    if stat.S_ISDIR(mst.st_mode):
                        hits += expand_folder(m)
                    elif stat.S_ISREG(mst.st_mode):
                        hits += 1
                        add(Found(m), mst)
                    elif _supported(m):
                        hits += 1
                        add(_skip_reason(m, mst, None), None)
                if not hits:
                    raise BatchError(f"Không có tệp nào khớp mẫu: {p}", f"No file matches the pattern: {p}") from None
                continue
            if isinstance(e, FileNotFoundError):  # (a broken link too)
                raise BatchError(f"Không tìm thấy tệp: {p}", f"No such file: {p}") from None
            raise BatchError(f"Không đọc được {p}: {e.strerror or e}", f"Cannot read {p}: {e.strerror or e}") from None
        if stat.S_ISDIR(st.st_mode):
            if not expand_folder(p):
                kinds = ", ".join(SUPPORTED_SUFFIXES)
                raise BatchError(f"Thư mục {p} không có tài liệu nào để kiểm tra ({kinds}).",
                                 f"The folder {p} holds no document to audit ({kinds}).")
        elif stat.S_ISREG(st.st_mode):
            add(p, st)
        else:
            from auditor.read.input_file import kind_of

            vi, en = kind_of(st.st_mode)
            raise BatchError(f"{p} không phải một tệp thường mà là {vi}: không đọc.",
                             f"{p} is not a regular file but {en}: not read.")
    out = [(shown, str(shown)) for shown in found.values()]
    if len(out) > 1:  # (one file: nothing to sort, and pathlib is not imported)
        out.sort(key=lambda kv: _sort_path(os.path.normpath(kv[0])))
    return out


def _stat(path: str) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


def _sort_path(p: str) -> tuple[str, ...]:
    """Sort by path components, so that `a/b.json` comes before `a-b/c.json` on every OS."""
    from pathlib import Path

    return tuple(Path(p).parts)


# ------------------------------------------------------------------------------ audit files

# Set in each worker process by `_init_worker` (inherited when the pool forks).
_WORKER: dict[str, Any] = {}


def _init_worker(ruleset: Ruleset, rules: list[RuleSpec], keep_passed: bool,
                 finish: Finish | None = None, keep_document: bool = False, run_limits: Any = None,
                 straight: bool = False) -> None:
    _WORKER.update(ruleset=ruleset, rules=rules, keep_passed=keep_passed, finish=finish,
                   keep_document=keep_document)
    if straight:  # (inherited when the pool forks; a spawned worker is switched here)
        from auditor.engine.runner import use_straight_runs

        use_straight_runs()
    if run_limits is not None:  # (inherited when the pool forks; sent when it spawns)
        from auditor.numeric import limits

        limits.configure(run_limits)


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
    """One file's audit, isolated: a `Skipped` entry is listed with its reason, and a bug raised
    while auditing the file becomes its INT001 finding (pipeline.audit_isolated) instead of
    stopping the run."""
    from auditor.workflows.pipeline import audit_file, audit_isolated, skipped_audit

    if isinstance(path, Skipped):
        a = skipped_audit(display, path.vi, path.en)
    else:
        # a streamed run (`finish`) prints no input's SHA-256 (its formats, tail and summaries
        # do not show it): not computed
        a = audit_isolated(lambda: audit_file(path, ruleset, rules, display, keep_document,
                                              only_reports=isinstance(path, Found),
                                              digest=finish is None), display, ruleset)
    if not keep_passed:
        a.passed = []
    if finish is None:
        return a
    try:
        return _finish(a, finish)
    except Exception as e:  # noqa: BLE001 - writing this file's part failed: a bug, in its place
        from auditor.workflows.pipeline import internal_error_audit

        return _finish(internal_error_audit(display, e, ruleset), finish)


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
    if len(files) >= OPENSSL_MIN:
        from auditor.files import digest

        digest.use_openssl()  # (before the workers are forked: they inherit it)
    straight = len(files) >= STRAIGHT_MIN
    if straight:
        from auditor.engine.runner import use_straight_runs

        use_straight_runs()  # (likewise; a spawned worker is told by `_init_worker`)
    jobs = default_jobs() if jobs is None else max(1, jobs)
    if jobs == 1 or len(files) < PARALLEL_MIN:
        for path, display in files:
            yield _audit_one(path, display, ruleset, rules, keep_passed, finish, keep_document)
            if progress:
                progress(1)
        return
    from concurrent.futures import ProcessPoolExecutor

    from auditor.numeric import limits

    chunks = _chunks(files, jobs)
    with ProcessPoolExecutor(max_workers=min(jobs, len(chunks)), mp_context=_pool_context(),
                             initializer=_init_worker,
                             initargs=(ruleset, rules, keep_passed, finish, keep_document, limits.current(),
                                       straight)) as ex:
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
    from auditor import __version__
    from auditor.model.findings import RunResult, Stats, ToolInfo
    from auditor.output.echo import echo  # (click.echo's output, without importing click)

    tool = ToolInfo(name="auditor", version=__version__, ruleset=ruleset.version)
    xlsx = bool(summary_file) and summary_kind(summary_file) == ".xlsx"  # type: ignore[arg-type]
    finish = Finish(fmt, lang, tool, statistics, rows=xlsx)  # each file's text is written by the workers
    rows: list[list[Any]] = []
    rr = RunResult(tool=tool, stats=Stats(), fail_on=fail_on)  # type: ignore[arg-type]
    per_rule: dict[str, dict[str, Any]] = {}
    from contextlib import ExitStack

    from auditor.output.write import ENCODING_ERRORS, atomic_path, printable, write_text

    with ExitStack() as stack:
        fh = None
        if output_file and not statistics:
            # written whole or not at all: to a temporary file, renamed at the end (output/write.py)
            tmp = stack.enter_context(atomic_path(output_file))
            fh = stack.enter_context(open(tmp, "w", encoding="utf-8", errors=ENCODING_ERRORS))

        def emit(text: str) -> None:
            if not text:
                return
            if fh is not None:
                fh.write(text)
                return
            text = printable(text)  # a lone surrogate as \\ud800, never a crash
            if color:
                from auditor.output.terminal import colorize

                text = colorize(text, fmt)
            if bar is not None:  # above the bar, never on its line
                bar.print(text)
            else:
                echo(text, nl=False, color=color or None)

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
                    write_text(output_file, text)
                else:
                    echo(printable(text), nl=False)
            elif fmt in ("full", "concise") and not quiet:
                from auditor.output.common import summary_line

                tail = [render_summary_table(rr, lang)] if fmt == "full" and len(rr.files) > 1 else []
                emit("\n".join([*tail, summary_line(rr, lang)]) + "\n")
        finally:
            if bar is not None:
                bar.__exit__(None, None, None)
    failed = False
    if summary_file:
        try:
            write_summary(rr, summary_file, lang, per_rule, rows if xlsx else None)
        except UsageError as e:
            echo(printable(f"{e.vi}\n{e.en}"), err=True)
            failed = True
    if done is not None and not failed:
        done(rr)
    skipped = [fr for fr in rr.files if fr.status == "skipped"]
    if rr.files and len(skipped) == len(rr.files):
        raise BatchError("Không có báo cáo nào để kiểm tra: " + "; ".join(
            f"{fr.path}: {fr.note.vi if fr.note else ''}" for fr in skipped[:5]),
            "No report to audit: " + "; ".join(f"{fr.path}: {fr.note.en if fr.note else ''}" for fr in skipped[:5]))
    internal = sum(1 for fr in rr.files if fr.status == "error")
    if internal:
        echo(f"Lỗi nội bộ ở {internal} tệp (INT001); các tệp khác và mọi kết quả đã được ghi.\n"
                   f"Internal error in {internal} file(s) (INT001); the other files and every output were written.",
                   err=True)
    if internal or failed:
        return 2
    threshold = FAIL_RANK.get(fail_on, 2)
    failing = any(fr.counts.get(s, 0) for fr in rr.files for s, r in SEVERITY_RANK.items() if r >= threshold)
    return 1 if failing else 0
