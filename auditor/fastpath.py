"""The common `audit FILE …` without importing click (issue 16: start-up).

click is the command line (`cli.py`): help, errors, every command and option are its own. But
importing it and building the command tree is about a sixth of a one-report run (click, `inspect`
for the options' help, `uuid` for its types …). So `launch.run` first gives the command line to
`parse` here, which understands only `audit [check] PATH… [OPTIONS of check]` written as click
reads it (`--opt value`, `--opt=value`, short options clustered or with their value attached, `--`,
options and paths in any order, the last value of an option winning) with values click would accept
as they are. For anything else — any other command, `-h`/`--help`, `--version`, an unknown or
hidden option, a missing or malformed value, a value click's types would refuse or convert (a path
that is a folder or unreadable, `-j 0` or `-j ' 2'`, an unknown format), no path, a first word
that may be a mistyped command, shell completion — it declines before doing anything, and click
runs the command as always. What it accepts gives `workflows/check.run_check` exactly the
parameters click would give it (`tests/test_fastpath.py`: a hypothesis property over generated
command lines, valid and invalid, against click's own parsing; and both paths run end to end on
the same commands, comparing stdout, stderr and exit code).

Errors found while the command runs (an unknown rule, a broken configuration …) and the ways out
that click handles (Ctrl+C, a closed pipe) are shown with click's own classes, imported then:
those are not the common path."""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from typing import Any

# `audit`'s commands (`cli.main`; a test compares): a first word that names one is that command
COMMANDS = ("check", "compare", "config", "daemon", "explain", "extract", "rules", "schema", "serve")

# `audit check`'s options this parser knows → their parameter (`cli.check`, `config_cli.check_options`;
# a test compares with click's command). Not here: -h/--help and the hidden --rules-dir.
OPTIONS = {"-f": "fmt", "--format": "fmt", "--output-format": "fmt", "-o": "output_file", "--output-file": "output_file",
           "--select": "select", "--ignore": "ignore", "--fail-on": "fail_on", "--lang": "lang",
           "--summary": "summary_file", "--statistics": "statistics", "-j": "jobs", "--jobs": "jobs",
           "--strict": "strict", "--color": "color", "-q": "quiet", "--quiet": "quiet",
           "--include-document": "include_document",
           **{f"--{n}-output": f"{n.replace('-', '_')}_output"
              for n in ("json", "json-lines", "sarif", "junit", "gitlab", "github", "markdown", "html")},
           "--config": "config_file", "--isolated": "isolated", "--extend-select": "extend_select",
           "--per-file-ignores": "per_file_ignores", "--baseline": "baseline_file", "--no-baseline": "no_baseline",
           "--write-baseline": "write_baseline", "--update-baseline": "update_baseline"}
FLAGS = frozenset({"statistics", "strict", "quiet", "include_document", "isolated", "no_baseline", "update_baseline"})
MULTIPLE = frozenset({"select", "ignore", "extend_select", "per_file_ignores"})
PATHS = frozenset({"output_file", "summary_file", "config_file", "baseline_file", "write_baseline",
                   *(p for p in OPTIONS.values() if p.endswith("_output"))})
CHOICES = {"fail_on": ("error", "warning", "info", "never"), "lang": ("vi", "en"),
           "color": ("auto", "always", "never")}  # (fmt: the output formats, `output.RENDERERS`)
# what click gives a parameter not on the command line
DEFAULTS: dict[str, Any] = {p: None for p in OPTIONS.values()}
DEFAULTS.update({p: False for p in FLAGS}, **{p: () for p in MULTIPLE}, fmt="full", fail_on="warning", lang="vi",
                color="auto", rules_dir=None)
GIVEN = ("lang", "fmt", "fail_on", "strict")  # `config.CLI_PARAMS`: a configuration file fills those not given

if TYPE_CHECKING:
    Parsed = tuple[dict[str, Any], frozenset[str]]


def parse(argv: list[str]) -> Parsed | None:
    """The parameters click would give `audit check` for this command line (`paths` and every
    option, converted) and which of `GIVEN` were on it; None when this parser does not fully
    understand the command line (click then runs it)."""
    if not argv:
        return None
    first = argv[0]
    if first == "check":
        args = argv[1:]
    elif first in COMMANDS or first in ("--help", "-h", "--version"):
        return None
    elif first.startswith("-") or any(c in first for c in "/\\.:") or os.path.exists(first):
        args = argv  # (`cli.DefaultGroup`: a path, or an option of `check`)
    else:
        return None  # maybe a command mistyped (click suggests one) or a glob: click decides
    raw: dict[str, Any] = {}  # parameter -> last value as written (flags: True; multiple: the list)
    paths: list[str] = []
    i, n = 0, len(args)
    while i < n:
        arg = args[i]
        i += 1
        if arg == "--":  # the rest are paths, whatever they look like
            paths.extend(args[i:])
            break
        if arg[:1] != "-" or len(arg) == 1:  # a path ("-": standard input)
            paths.append(arg)
            continue
        if arg[:2] == "--":
            name, eq, attached = arg.partition("=")
            param = OPTIONS.get(name)
            if param is None:
                return None
            if param in FLAGS:
                if eq:
                    return None  # (click: the option does not take a value)
                raw[param] = True
                continue
            if not eq:
                if i >= n:
                    return None  # (click: the option requires an argument)
                attached = args[i]
                i += 1
            _store(raw, param, attached)
            continue
        # short options, clustered (`-qf json`, `-fjson`): as click reads them, one letter at a time
        for k in range(1, len(arg)):
            param = OPTIONS.get("-" + arg[k])
            if param is None:
                return None
            if param in FLAGS:
                raw[param] = True
                continue
            if k + 1 < len(arg):  # the rest of the word is the value
                value = arg[k + 1:]
            elif i < n:
                value = args[i]
                i += 1
            else:
                return None
            _store(raw, param, value)
            break
    if not paths:
        return None  # (click: missing argument)
    params = dict(DEFAULTS)
    for param, value in raw.items():
        converted = _convert(param, value)
        if converted is None:
            return None
        params[param] = converted
    params["paths"] = tuple(paths)
    return params, frozenset(p for p in GIVEN if p in raw)


def _store(raw: dict[str, Any], param: str, value: str) -> None:
    if param in MULTIPLE:
        raw.setdefault(param, []).append(value)
    else:
        raw[param] = value  # the last one wins; only it is converted, as in click


def _convert(param: str, value: Any) -> Any:
    """The value click's type gives for this written value; None when click would refuse it or
    this cannot tell (the command line goes to click)."""
    if param in FLAGS:
        return True
    if param in MULTIPLE:
        return tuple(value)
    if param == "fmt":
        from auditor.output import RENDERERS

        return value if value in RENDERERS else None
    if param in CHOICES:
        return value if value in CHOICES[param] else None
    if param == "jobs":  # click.IntRange(min=1): int(value); only plain digits here
        return int(value) if value.isascii() and value.isdigit() and int(value) >= 1 else None
    if param in PATHS:  # click.Path(dir_okay=False): an existing folder or unreadable file is refused
        if "\0" in value:
            return None
        try:
            st = os.stat(value)
        except OSError:
            return value  # (not there: fine, it is written later)
        except ValueError:
            return None  # (a name the system cannot take: click's error)
        import stat

        if stat.S_ISDIR(st.st_mode) or not os.access(value, os.R_OK):
            return None
        return value
    return None


def start_command() -> None:
    """What every command does first (`cli.main_once` too)."""
    # pydantic looks for third-party plugins in every installed package's metadata when it
    # builds the first model; the tool uses none, and the scan is a good part of start-up.
    # (A user who sets the variable keeps their value.)
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # Importing pydantic and building the models allocates a lot and frees almost nothing:
    # the cycle collector would only scan it again and again (3% of a one-report run).
    # `check` turns it back on after loading the rules (`_quiet_gc`), other commands at once.
    import gc

    gc.disable()
    for stream in (sys.stdout, sys.stderr):
        # a lone surrogate in a report's text or a file name is printed as \ud800, never a crash
        try:
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            pass


def run(argv: list[str]) -> int | None:
    """Run `audit ARGV` here if `parse` understands it: its exit code; None when it does not
    (nothing was done: click runs the command)."""
    if os.name == "nt" or os.environ.get("_AUDIT_COMPLETE"):
        return None  # (click expands wildcards on Windows; shell completion is click's)
    from auditor.files import codecache, rxcache

    rxcache.load()  # first, as `cli` does: the patterns of the modules below come compiled
    codecache.install()  # and the code of their dataclasses
    parsed = parse(argv)
    if parsed is None:
        return None
    params, given = parsed
    start_command()
    code = _run_check(params, given)
    rxcache.save()  # (only when this run compiled patterns the file lacks)
    codecache.save()
    derived = sys.modules.get("auditor.files.derived")  # (imported by a document's reading only)
    if derived is not None:
        derived.save()  # (only when this run built values the file lacks: files/derived.py)
    from auditor.files import bundle

    bundle.save()  # (only when this run imported modules the file lacks, or found it stale)
    return code


def _run_check(params: dict[str, Any], given: frozenset[str]) -> int:
    """`workflows/check.run_check` with the exit code and messages `cli._run` gives for the
    click command: each way out as click and `cli._run` handle it."""
    from auditor.errors import ConfigError

    try:
        from auditor.workflows.check import run_check
        from auditor.workflows.config import OPTION_PARAMS, resolve_settings

        options = {k: params.pop(k) for k in OPTION_PARAMS}
        settings = resolve_settings(options, params, given)
        run_check(settings, **params)
    except ConfigError as e:  # click: `UsageFailure` (cli.DefaultGroup.invoke), shown by `cli._run`
        import click

        click.ClickException(e.message).show()
        return 2
    except (EOFError, KeyboardInterrupt):  # click: a blank line, then `Abort`, which `cli._run` reports
        import click

        click.echo(file=sys.stderr)
        click.echo("Đã hủy. / Aborted.", err=True)
        return 2
    except SystemExit as e:
        if e.code is None or isinstance(e.code, int):
            return e.code or 0
        import click

        click.echo(str(e.code), err=True)
        return 1
    except OSError as e:
        import errno

        if e.errno != errno.EPIPE:
            return _internal(e)
        # click: nothing more is written to a closed pipe, and the exit code is 1
        from click.utils import _PacifyFlushWrapper

        sys.stdout = _PacifyFlushWrapper(sys.stdout)  # type: ignore[assignment]
        sys.stderr = _PacifyFlushWrapper(sys.stderr)  # type: ignore[assignment]
        return 1
    except BaseException as e:  # noqa: BLE001 - last line of defence, as `cli._run`
        return _internal(e)
    return 0


def _internal(e: BaseException) -> int:
    import click

    click.echo(f"Lỗi nội bộ / internal error: {type(e).__name__}: {e}", err=True)
    return 2


def leave(code: int) -> None:
    """Exit without tearing the interpreter down: freeing every module, model and rule one by
    one costs about 4% of a one-report run and serves no purpose once the output is written
    and flushed. Output files are closed by then (`with` blocks). Where something may still
    need a clean shutdown (a stream that fails to flush, worker processes), exit normally;
    `AUDIT_CLEAN_EXIT=1` asks for that always (e.g. for coverage tools, which write at exit)."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        sys.exit(code)
    if "multiprocessing" in sys.modules or os.environ.get("AUDIT_CLEAN_EXIT"):
        sys.exit(code)
    os._exit(code)
