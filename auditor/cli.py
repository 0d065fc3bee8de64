"""The `audit` command line. Exit codes: 0 nothing at or above --fail-on, 1 findings at or
above it, 2 usage or internal error. No traceback reaches the user."""

from __future__ import annotations

import json
import os
import sys
from typing import Any

from auditor.files import codecache, rxcache

rxcache.load()  # first: the patterns of click and of the modules below come compiled (see there)
codecache.install()  # and the code of their dataclasses (see there)

import click

from auditor import __version__
from auditor.errors import ConfigError, UsageError, did_you_mean, rule_suggestions
from auditor.fastpath import leave, start_command
from auditor.output import RENDERERS
from auditor.workflows.check import (  # noqa: F401 - (also this module's names, as they were)
    EXTRA_OUTPUTS,
    FAIL_ON,
    color_enabled,
    colorize,
    findings_only,
    internal_errors,
    run_check,
    written_line,
)
from auditor.workflows.config_cli import check_options, config_cmd
from auditor.workflows.config_cli import current as current_config


class UsageFailure(click.ClickException):
    exit_code = 2

    def __init__(self, vi: str, en: str) -> None:
        super().__init__(f"{vi}\n{en}")


class DefaultGroup(click.Group):
    """`audit report.json` means `audit check report.json` (ruff ≤ 0.4 style). Commands in
    `LAZY` are imported only when used (start-up time of the main command)."""

    LAZY = {"compare": ("auditor.workflows.compare", "compare_cmd"),
            "serve": ("auditor.web.command", "serve_cmd"),  # the web stack only for `audit serve`
            "daemon": ("auditor.resident.command", "daemon_cmd")}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.LAZY})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.LAZY and name not in self.commands:
            import importlib

            module, attr = self.LAZY[name]
            self.add_command(getattr(importlib.import_module(module), attr), name)
        return super().get_command(ctx, name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ConfigError as e:  # (errors.py has no click: the fast path runs without it)
            raise UsageFailure(e.vi, e.en) from None

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in self.LAZY \
                and args[0] not in ("--help", "-h", "--version"):
            self._not_a_command(ctx, args[0])
            args = ["check", *args]
        return super().parse_args(ctx, args)

    def _not_a_command(self, ctx: click.Context, word: str) -> None:
        """`audit chek f`: a word that is no file and looks like a command mistyped is a usage
        error with the command it is closest to, not a file name."""
        import glob

        if word.startswith("-") or word == "-" or os.path.exists(word) or glob.has_magic(word) \
                or any(c in word for c in "/\\.:"):
            return
        vi, en = did_you_mean(word, self.list_commands(ctx))
        if vi:
            raise UsageFailure(f"Không có lệnh “{word}” (và không có tệp nào tên như vậy).{vi}",
                               f"No command “{word}” (and no file of that name).{en}")


def _load_ruleset(rules_dir: str | None) -> Any:
    from auditor.workflows.check import load_ruleset

    return load_ruleset(rules_dir)  # (a broken rule file: ConfigError, shown as UsageFailure by the group)


def _collect(paths: tuple[str, ...]) -> list[tuple[str, str]]:
    """(path, display name) of every report file: files, folders (*.json below) and globs."""
    from auditor.workflows.batch import collect_files

    try:
        return collect_files(paths)
    except UsageError as e:
        raise UsageFailure(e.vi, e.en) from None


class _FormatChoice(click.Choice):
    """The output formats, read from `output.FORMATS` when an option is parsed (so that a format
    added there is accepted without touching the CLI)."""

    def __init__(self) -> None:
        super().__init__(list(RENDERERS))

    @property  # type: ignore[override]
    def choices(self) -> list[str]:
        return list(RENDERERS)

    @choices.setter
    def choices(self, value: object) -> None:  # set by click.Choice.__init__; always read live
        pass


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="audit", message="%(prog)s %(version)s")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Kiểm tra báo cáo thi đua, khen thưởng / Audit reports on thi đua, khen thưởng.

    \b
    audit report.json              kiểm tra một báo cáo / audit a report
    audit rules                    danh sách quy tắc / list the rules
    audit explain SUM001           giải thích một quy tắc / explain a rule
    audit schema                   định dạng báo cáo / the report JSON Schema
    """
    if ctx.invoked_subcommand != "check":
        import gc

        gc.enable()  # `check` turns it back on itself, once its imports are done


def extra_output_options(f: Any) -> Any:
    """`--sarif-output FILE` and the like (semgrep style): CI gets the terminal output, SARIF and
    JUnit from one run."""
    for name in reversed(EXTRA_OUTPUTS):
        f = click.option(f"--{name}-output", f"{name.replace('-', '_')}_output",
                         type=click.Path(dir_okay=False), default=None,
                         help=f"Also write the {name} format to FILE.")(f)
    return f


@main.command("check")
@click.argument("paths", nargs=-1, required=True)
@click.option("-f", "--format", "--output-format", "fmt", default="full",
              type=_FormatChoice(), show_default=True, help="Output format.")
@click.option("-o", "--output-file", type=click.Path(dir_okay=False), help="Write the output to a file.")
@click.option("--select", multiple=True, help="Rule ids or prefixes to run (comma separated; ALL).")
@click.option("--ignore", multiple=True, help="Rule ids or prefixes to skip (comma separated).")
@click.option("--fail-on", type=click.Choice(list(FAIL_ON)), default="warning", show_default=True,
              help="Lowest severity that makes the exit code 1.")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True)
@click.option("--rules-dir", type=click.Path(file_okay=False, exists=True), hidden=True)
@click.option("--summary", "summary_file", type=click.Path(dir_okay=False),
              help="Also write a table per file (unit, period, counts, status) to FILE.csv or FILE.xlsx.")
@click.option("--statistics", is_flag=True, help="Show the number of findings per rule instead of the findings.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Processes for big batches (default: every core; used from 50 files on).")
@click.option("--strict", is_flag=True,
              help="Also run the rules tagged strict (off by default, e.g. LEG004).")
@click.option("--color", "color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colours on a terminal (auto: unless NO_COLOR is set or the output is not a terminal).")
@click.option("-q", "--quiet", is_flag=True,
              help="Print the findings only: no progress bar, no totals, no “written” line.")
@click.option("--include-document", is_flag=True,
              help="Put the document as written (paragraphs, tables, lines) into the json output "
                   "(the html output always shows it, with the findings marked).")
@extra_output_options  # --sarif-output FILE, --junit-output FILE …: more formats in the same run
@check_options  # --config, --isolated, --extend-select, --per-file-ignores, --baseline … (config.py)
def check(paths: tuple[str, ...], fmt: str, output_file: str | None, select: tuple[str, ...],
          ignore: tuple[str, ...], fail_on: str, lang: str, rules_dir: str | None,
          summary_file: str | None, statistics: bool, jobs: int | None, strict: bool,
          color: str, quiet: bool, include_document: bool, **extra_outputs: str | None) -> None:
    """Kiểm tra báo cáo / audit reports (files, folders of documents, glob patterns)."""
    # (the body is `workflows/check.py`'s, which the fast path of `auditor/fastpath.py` calls too)
    run_check(current_config(), paths, fmt, output_file, select, ignore, fail_on, lang, rules_dir, summary_file,
              statistics, jobs, strict, color, quiet, include_document, **extra_outputs)


@main.command("rules")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True)
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "json"]), default="table")
def rules_cmd(lang: str, fmt: str) -> None:
    """Danh sách quy tắc / list the rules."""
    from tabulate import tabulate

    ruleset = _load_ruleset(None)
    if fmt == "json":
        click.echo(json.dumps([r.model_dump(mode="json", exclude={"examples"}) for r in ruleset.rules],
                              ensure_ascii=False, indent=2))
        return
    rows = [[r.id, r.family, r.severity, r.title.vi if lang == "vi" else r.title.en] for r in ruleset.rules]
    headers = ["Mã", "Nhóm", "Mức", "Tên"] if lang == "vi" else ["Id", "Family", "Severity", "Title"]
    click.echo(tabulate(rows, headers=headers, tablefmt="simple"))
    click.echo(f"\n{len(rows)} " + ("quy tắc" if lang == "vi" else "rules") + f" · ruleset {ruleset.version}")


@main.command("explain")
@click.argument("rule_id")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True)
def explain(rule_id: str, lang: str) -> None:
    """Giải thích một quy tắc / explain a rule (what it checks, why, examples)."""
    from auditor.workflows.explain import rule_page

    ruleset = _load_ruleset(None)
    rule = ruleset.get(rule_id.upper())
    if rule is None:
        vi, en = rule_suggestions(rule_id, [r.id for r in ruleset.rules])
        raise UsageFailure(f"Không có quy tắc “{rule_id}”.{vi} Xem `audit rules`.",
                           f"No rule “{rule_id}”.{en} See `audit rules`.")
    click.echo(rule_page(rule, ruleset, lang))


@main.command("schema")
@click.option("--kind", type=click.Choice(["report", "findings", "rule"]), default="report", show_default=True)
def schema_cmd(kind: str) -> None:
    """In JSON Schema / print a JSON Schema (report format, findings output, rule files)."""
    from auditor.model.schemas import schema_text

    click.echo(schema_text(kind), nl=False)


main.add_command(config_cmd)  # `audit config`: the effective configuration (config.py)
# `audit compare OLD NEW` (follow-up of two submissions, compare.py) is in DefaultGroup.LAZY.


@main.command("extract")
@click.argument("path")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False),
              help="Write the report (JSON) to this file instead of standard output.")
@click.option("--explain", is_flag=True,
              help="List every number of the document that is not in the report, with its place.")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True)
def extract_cmd(path: str, output: str | None, explain: bool, lang: str) -> None:
    """Đọc .docx/.txt/.md thành báo cáo JSON / read a .docx, .txt or .md into the report format."""
    from pathlib import Path

    from auditor.extract import extract
    from auditor.extract.explain import explain_text, report_json

    if not Path(path).exists():
        raise UsageFailure(f"Không tìm thấy tệp: {path}", f"No such file: {path}")
    ex = extract(path)
    for p in ex.problems:
        click.echo(f"{path}: {p.rule_id} {p.vi if lang == 'vi' else p.en}", err=True)
    if ex.report is None:
        sys.exit(1)
    text = report_json(ex.report)
    if output:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as e:
            raise UsageFailure(f"Không ghi được tệp {output}: {e.strerror or e}.",
                               f"Cannot write {output}: {e.strerror or e}.") from None
    else:
        click.echo(text, nl=False)
    if explain:
        click.echo(explain_text(ex, lang), err=not output, nl=False)
    if any(not p.rule_id.startswith("NUM") for p in ex.problems):
        sys.exit(1)


def run() -> None:
    """Entry point (through `auditor.launch`): no traceback ever reaches the user."""
    _leave(main_once())


def main_once() -> int:
    """Run the command in `sys.argv` once; its exit code. The resident process calls this in
    each of its children (`auditor.resident`)."""
    start_command()  # (the environment, the cycle collector, the streams: as the fast path does)
    code = _run()
    rxcache.save()  # (only when this run compiled patterns the file lacks: the first, or a new path)
    codecache.save()  # (the same for the dataclasses' code)
    derived = sys.modules.get("auditor.files.derived")  # (imported by a document's reading only)
    if derived is not None:
        derived.save()  # (only when this run built values the file lacks: files/derived.py)
    return code


def _run() -> int:
    try:
        main(standalone_mode=False, prog_name="audit")  # also as `python -m auditor`, and in the resident process
    except click.exceptions.Exit as e:
        return e.exit_code
    except click.ClickException as e:
        e.show()
        return 2 if isinstance(e, click.UsageError) else e.exit_code
    except click.exceptions.Abort:
        click.echo("Đã hủy. / Aborted.", err=True)
        return 2
    except KeyboardInterrupt:
        return 130
    except SystemExit as e:
        if e.code is None or isinstance(e.code, int):
            return e.code or 0
        click.echo(str(e.code), err=True)
        return 1
    except BaseException as e:  # noqa: BLE001 - last line of defence
        click.echo(f"Lỗi nội bộ / internal error: {type(e).__name__}: {e}", err=True)
        return 2
    return 0


_leave = leave  # (fastpath.py: the way out of both paths)
