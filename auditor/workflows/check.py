"""`audit check`: audit files, folders and globs and write the outputs, once the command line is
parsed. Without click: the click command (`cli.check`) and the fast path of the common command
lines (`auditor/fastpath.py`) both call `run_check` with the same parameters. Output goes through
`output.echo.echo`, which writes exactly what `click.echo` writes (and calls it where it would
write something else). A usage error is a `ConfigError` (shown as click shows its own errors, exit
2); an exit code other than 0 is `SystemExit`."""

from __future__ import annotations

import sys

from auditor.errors import ConfigError, UsageError, rule_suggestions
from auditor.model.severity import SEVERITY_RANK
from auditor.output import RENDERERS
from auditor.output.echo import echo

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from typing import Any

    from auditor.workflows.config import Settings

FAIL_ON = {"error": 3, "warning": 2, "info": 1, "never": 99}
EXTRA_OUTPUTS = ("json", "json-lines", "sarif", "junit", "gitlab", "github", "markdown", "html")


def _codes(values: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for v in values:
        out.extend(c.strip().upper() for c in v.split(",") if c.strip())
    return out


def _quiet_gc() -> None:
    """Called once the rules are loaded. Everything loaded so far (modules, rules, registries)
    lives as long as the run: move it out of the cycle collector's sight (`gc.freeze`), so
    collections scan only a report's own objects and forked workers do not copy the frozen
    pages. The thresholds stay the default: raising them (tried: 20.000) doubled the peak
    memory of a batch for no measurable gain."""
    import gc

    gc.freeze()
    gc.enable()  # the command turned it off for the imports


def color_enabled(mode: str) -> bool:
    from auditor.output.terminal import color_enabled as enabled  # rich is imported only to colour

    return enabled(mode, sys.stdout)


def colorize(text: str, fmt: str) -> str:
    from auditor.output.terminal import colorize as paint

    return paint(text, fmt)


def findings_only(rr: Any, fmt: str, lang: str) -> str:
    """`--quiet`: the findings of `full` or `concise` output without the totals and tables."""
    if fmt == "concise":
        from auditor.output.concise import concise_line

        return "".join(concise_line(f, lang) + "\n" for f in rr.findings)
    from auditor.output.common import findings_by_file
    from auditor.output.full import full_file_block

    by_file = findings_by_file(rr)
    lines = [x for fr in rr.files if by_file.get(fr.path) for x in full_file_block(fr, by_file[fr.path], lang)]
    return "\n".join(lines) + "\n" if lines else ""


def written_line(paths: list[str], rr: Any, lang: str) -> str:
    """“Đã ghi bao_cao.html: 2 lỗi, 1 cảnh báo, 0 thông tin trong 1 tệp (không đạt).”"""
    from auditor.output.common import counts_text
    from auditor.output.summary import file_status

    # from the files' counts: a streamed run keeps no findings (baselined ones are not counted)
    failing = any(file_status(fr.status, fr.counts, rr.fail_on) in ("fail", "invalid", "unreadable")
                  for fr in rr.files)
    names = ", ".join(paths)
    if lang == "vi":
        return f"Đã ghi {names}: {counts_text(rr, lang)} ({'không đạt' if failing else 'đạt'})."
    return f"Wrote {names}: {counts_text(rr, lang)} ({'fail' if failing else 'pass'})."


def load_ruleset(rules_dir: str | None) -> Any:
    """The rule set (the shipped rules, or those of `rules_dir`); a broken rule file is a usage
    error."""
    from auditor.engine.ruleset import RuleError, load_rules

    try:
        return load_rules(rules_dir)
    except RuleError as e:
        raise ConfigError(f"Tệp quy tắc bị lỗi: {e.vi}", f"Broken rule file: {e}") from None


def internal_errors(rr: Any) -> int:
    """Files whose audit a bug stopped (their INT001 finding)."""
    return sum(1 for fr in rr.files if fr.status == "error")


def run_check(cfg: Settings, paths: tuple[str, ...], fmt: str, output_file: str | None, select: tuple[str, ...],
              ignore: tuple[str, ...], fail_on: str, lang: str, rules_dir: str | None,
              summary_file: str | None, statistics: bool, jobs: int | None, strict: bool,
              color: str, quiet: bool, include_document: bool, **extra_outputs: str | None) -> None:
    """Audit `paths` with the settings `cfg` (the configuration file and its options, resolved by
    `config.resolve_settings`) and the other parameters of `audit check` as click gives them."""
    extras = {k[:-len("_output")].replace("_", "-"): v for k, v in extra_outputs.items() if v}
    ruleset = cfg.apply(load_ruleset(rules_dir))
    sel, ign = _codes(select), _codes(ignore)
    known = [r.id for r in ruleset.rules]
    for c in sel + ign:
        if c != "ALL" and not any(k.startswith(c) for k in known):
            vi, en = rule_suggestions(c, known)
            raise ConfigError(f"Không có quy tắc nào khớp “{c}”.{vi}", f"No rule matches “{c}”.{en}")
    rules = cfg.select_rules(ruleset, sel, ign)
    from auditor.engine.ruleset import drop_strict

    rules = drop_strict(rules, strict=strict, select=sel)  # rules tagged strict: --strict only
    from auditor.read.json_reader import prepare

    prepare()
    _quiet_gc()
    from auditor.output.summary import render_statistics, write_summary
    from auditor.output.write import printable, write_text
    from auditor.workflows.batch import audit_paths, collect_files, stream_check

    colored = not output_file and fmt in ("full", "concise") and not statistics and color_enabled(color)
    written = [p for p in (output_file, *extras.values(), summary_file) if p]

    def done(run: Any) -> None:  # one line on stderr naming what was written, with the counts
        if written and not quiet:
            echo(written_line(written, run, lang), err=True)

    try:  # files, folders and globs, audited file by file (in parallel for big batches)
        files = collect_files(paths)
        keep_document = include_document or "html" in {fmt, *extras}
        if not extras and not keep_document:  # extra outputs need the whole run in memory
            code = stream_check(files, ruleset, rules, cfg, fmt=fmt, lang=lang, fail_on=fail_on, jobs=jobs,
                                statistics=statistics, summary_file=summary_file, output_file=output_file,
                                quiet=quiet, color=colored, done=done)
            if code is not None:  # a big run in a line format, written file by file: flat memory
                sys.exit(code)
        keep_passed = bool({fmt, *extras} & {"html", "markdown"})
        rr = audit_paths(paths, ruleset, rules, jobs=jobs, keep_passed=keep_passed, lang=lang, files=files,
                         keep_document=keep_document, quiet=quiet)
        internal = internal_errors(rr)  # counted before per-file-ignores or a baseline could hide them
        rr = cfg.finish(rr)  # per-file-ignores, --baseline / --write-baseline / --update-baseline
        rr.fail_on = fail_on  # type: ignore[assignment]
    except UsageError as e:
        raise ConfigError(e.vi, e.en) from None
    failed: list[str] = []  # outputs that could not be written (each one is tried)
    if summary_file:
        try:
            write_summary(rr, summary_file, lang)
        except UsageError as e:
            failed.append(f"{e.vi}\n{e.en}")
    text: str | None = None
    requested = [(fmt, output_file, True), *((f, p, False) for f, p in extras.items())]
    for f, path, main_output in requested:
        try:
            content = (render_statistics(rr, lang, "json" if fmt == "json" else "text") if statistics and main_output
                       else findings_only(rr, fmt, lang)
                       if main_output and quiet and fmt in ("full", "concise") and not output_file
                       else RENDERERS[f](rr, lang))
        except Exception as e:  # noqa: BLE001 - a renderer's bug: the other outputs are still written
            failed.append(f"Lỗi nội bộ khi tạo định dạng {f} / internal error rendering {f}: {type(e).__name__}: {e}")
            internal += 1
            continue
        if main_output and path is None:
            text = content
            continue
        try:
            write_text(path, content)  # whole or not at all (output/write.py)
        except UsageError as e:
            failed.append(f"{e.vi}\n{e.en}")
    if text is not None and not output_file:
        text = printable(text)  # a lone surrogate as \\ud800, never a crash
        echo(colorize(text, fmt) if colored else text, nl=False, color=colored or None)
    for message in failed:
        echo(printable(message), err=True)
    if not failed:
        done(rr)
    skipped = [fr for fr in rr.files if fr.status == "skipped"]
    if rr.files and len(skipped) == len(rr.files):
        raise ConfigError(
            "Không có báo cáo nào để kiểm tra: " + "; ".join(f"{fr.path}: {fr.note.vi if fr.note else ''}"
                                                         for fr in skipped[:5]),
            "No report to audit: " + "; ".join(f"{fr.path}: {fr.note.en if fr.note else ''}" for fr in skipped[:5]))
    if internal:
        echo(f"Lỗi nội bộ ở {internal} tệp (INT001); các tệp khác và mọi kết quả đã được ghi.\n"
             f"Internal error in {internal} file(s) (INT001); the other files and every output were written.",
             err=True)
        sys.exit(2)
    if failed:
        sys.exit(2)
    threshold = FAIL_ON[fail_on]
    if any(SEVERITY_RANK[f.severity] >= threshold for f in rr.findings if not f.suppressed):
        sys.exit(1)
