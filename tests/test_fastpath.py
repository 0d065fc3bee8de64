"""The command line's fast path (`auditor/fastpath.py`): `audit FILE …` run without importing click
gives exactly what click gives. Its parser either declines a command line or yields the very
parameters click gives `audit check` (a property over generated command lines, valid and invalid,
against click's own parsing, with a configuration file that fills the options not given); both
paths run end to end on the same commands with the same stdout, stderr, exit code and files; and
its `echo` writes what `click.echo` writes."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner
from hypothesis import event, given, settings
from hypothesis import strategies as st

from auditor import cli, fastpath
from auditor.errors import ConfigError
from auditor.output.echo import echo
from auditor.workflows.config import CLI_PARAMS, OPTION_PARAMS, resolve_settings

ROOT = Path(__file__).resolve().parent.parent
SEED = str(ROOT / "fixtures" / "seed_000_but_son_2022.json")
EXAMPLE = str(ROOT / "fixtures" / "example.json")


def _check_command() -> click.Command:
    cmd = cli.main.get_command(click.Context(cli.main), "check")
    assert cmd is not None
    return cmd


# ------------------------------------------------------------------- the tables are click's

def test_the_commands_and_options_are_those_of_the_click_command() -> None:
    assert tuple(cli.main.list_commands(click.Context(cli.main))) == fastpath.COMMANDS
    check = _check_command()
    known: dict[str, str] = {}
    for p in check.params:
        if not isinstance(p, click.Option) or p.name in ("help", "rules_dir"):
            continue
        for opt in (*p.opts, *p.secondary_opts):
            known[opt] = p.name  # type: ignore[assignment]
        assert (p.name in fastpath.FLAGS) == bool(p.is_flag), p.name
        assert (p.name in fastpath.MULTIPLE) == bool(p.multiple), p.name
        assert (p.name in fastpath.PATHS) == isinstance(p.type, click.Path), p.name
        if isinstance(p.type, click.Choice) and p.name != "fmt":
            assert tuple(p.type.choices) == fastpath.CHOICES[p.name]
    assert known == fastpath.OPTIONS
    assert set(fastpath.GIVEN) == set(CLI_PARAMS.values())
    # the defaults: what click gives when only a path is written
    ctx = check.make_context("check", ["report.json"], parent=click.Context(cli.main))
    parsed = fastpath.parse(["report.json"])
    assert parsed is not None
    assert parsed[0] == ctx.params and parsed[1] == frozenset()


def test_the_common_command_lines_are_taken() -> None:
    for argv in (["r.json"], ["check", "r.json"], ["r.json", "-f", "json"], ["-fjson", "r.json"],
                 ["a.json", "b.docx", "-o", "out.txt", "--select", "PCT,SUM", "--ignore=CMP006"],
                 ["r.json", "-q", "--lang", "en", "--fail-on", "never", "-j", "2"], ["--", "-odd.json"],
                 ["r.json", "--sarif-output", "x.sarif", "--statistics", "--color", "never"]):
        assert fastpath.parse(argv) is not None, argv
    for argv in ([], ["rules"], ["--help"], ["r.json", "-h"], ["r.json", "--version"], ["r.json", "--rules-dir", "x"],
                 ["r.json", "-f"], ["r.json", "-f", "nope"], ["r.json", "-j", "0"], ["r.json", "-j", "+2"],
                 ["r.json", "--quiet=1"], ["r.json", "--unknown"], ["-q"], ["explian", "r.json"], ["report"]):
        assert fastpath.parse(argv) is None, argv


# -------------------------------------------------- the parser against click, generated argv

class _Captured(Exception):
    def __init__(self, cfg: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        super().__init__("captured")
        self.cfg, self.args, self.kwargs = cfg, args, kwargs


_PARAM_ORDER = ("paths", "fmt", "output_file", "select", "ignore", "fail_on", "lang", "rules_dir", "summary_file",
                "statistics", "jobs", "strict", "color", "quiet", "include_document")


def _click_params(argv: list[str]) -> tuple[Any, dict[str, Any]] | SystemExit:
    """What click hands `run_check` for `argv` (the settings and every parameter by name), or how
    it stopped (the exit code and what it wrote)."""
    def capture(cfg: Any, *args: Any, **kwargs: Any) -> None:
        raise _Captured(cfg, args, kwargs)

    original = cli.run_check
    cli.run_check = capture  # type: ignore[assignment]
    try:
        r = CliRunner().invoke(cli.main, argv, catch_exceptions=True)
    finally:
        cli.run_check = original  # type: ignore[assignment]
    if isinstance(r.exception, _Captured):
        return r.exception.cfg, {**dict(zip(_PARAM_ORDER, r.exception.args)), **r.exception.kwargs}
    return SystemExit(r.exit_code, r.output)


VALUES = ["json", "concise", "full", "html", "sarif", "nope", "JSON", "", "-", "--", "en", "vi", "fr", "never",
          "error", "info", "warning", "always", "auto", "1", "2", "0", "01", "-1", " 2", "1_0", "٣", "PCT,SUM", "pct",
          "CMP006", "*.json:PCT001", "out.txt", "a folder", "unreadable.txt", "existing.txt", "rep.json", "x=y",
          "-q", "--quiet", "-fjson", "a\\b"]
OPTION_WORDS = [*fastpath.OPTIONS, "-h", "--help", "--version", "--rules-dir", "-x", "--nope", "--form", "--format-x",
                "---format", "-", "--", "--="]
FIRST = ["check", "rules", "explain", "serv", "chek", "rep.json", "a folder", "existing.txt", "report", "x:y",
         "-q", "-f", "--help", "-h", "--version", "--", "-"]


@st.composite
def argvs(draw: st.DrawFn) -> list[str]:
    words: list[str] = []
    if draw(st.booleans()):
        words.append(draw(st.sampled_from(FIRST)))
    for _ in range(draw(st.integers(0, 7))):
        kind = draw(st.sampled_from([0, 0, 1, 1, 1, 7, 7, 7, 2, 2, 3, 4, 5, 6]))
        if kind == 7:  # an option and a value click takes for it, as two words or one
            opt = draw(st.sampled_from(sorted(fastpath.OPTIONS)))
            param = fastpath.OPTIONS[opt]
            good = (["json", "concise", "sarif", "html"] if param == "fmt"
                    else list(fastpath.CHOICES[param]) if param in fastpath.CHOICES
                    else ["1", "2", "12"] if param == "jobs"
                    else ["out.txt", "existing.txt", "-", "rep.json"] if param in fastpath.PATHS
                    else ["PCT,SUM", "CMP006", "*.json:PCT001", ""])
            if param in fastpath.FLAGS:
                words.append(opt)
            elif draw(st.booleans()) and opt.startswith("--"):
                words.append(f"{opt}={draw(st.sampled_from(good))}")
            else:
                words += [opt, draw(st.sampled_from(good))]
        elif kind == 0:  # a path
            words.append(draw(st.sampled_from(["rep.json", "b.docx", "existing.txt", "a folder", "-", "x:y", "d/r.json"])))
        elif kind == 1:  # an option and a value as two words
            words += [draw(st.sampled_from(OPTION_WORDS)), draw(st.sampled_from(VALUES))]
        elif kind == 2:  # --opt=value
            words.append(f"{draw(st.sampled_from(OPTION_WORDS))}={draw(st.sampled_from(VALUES))}")
        elif kind == 3:  # an option alone
            words.append(draw(st.sampled_from(OPTION_WORDS)))
        elif kind == 4:  # short options clustered, maybe with a value attached
            letters = draw(st.lists(st.sampled_from("qfjoxh"), min_size=1, max_size=4))
            words.append("-" + "".join(letters) + draw(st.sampled_from(["", "json", "2", "0", "=json"])))
        elif kind == 5:
            words.append("--")
        else:  # anything at all
            words.append(draw(st.text(st.sampled_from("-=qfjo.json x"), max_size=8)))
    return words


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A working folder with a file, a folder, an unreadable file, and a configuration that fills
    the options a command line does not give (so that which were given is checked too)."""
    d = tmp_path_factory.mktemp("fastpath")
    (d / "existing.txt").write_text("x", "utf-8")
    (d / "rep.json").write_text("{}", "utf-8")
    (d / "a folder").mkdir()
    (d / "d").mkdir()
    unreadable = d / "unreadable.txt"
    unreadable.write_text("x", "utf-8")
    unreadable.chmod(0)
    (d / "audit.toml").write_text('lang = "en"\noutput-format = "concise"\nfail-on = "error"\nstrict = true\n',
                                  "utf-8")
    return d


@settings(max_examples=int(os.environ.get("FASTPATH_EXAMPLES", "1000")))
@given(argv=argvs())
def test_the_parser_declines_or_gives_exactly_what_click_gives(folder: Path, argv: list[str]) -> None:
    here = os.getcwd()
    os.chdir(folder)
    try:
        fast = fastpath.parse(argv)
        if fast is None:
            event("declined")
            return
        event("taken")
        params, given_ = fast
        clicked = _click_params(argv)
        options = {k: params.pop(k) for k in OPTION_PARAMS}
        try:
            mine = resolve_settings(options, params, given_)
        except ConfigError as e:  # (--update-baseline without a baseline …): click stops with the same
            assert isinstance(clicked, SystemExit) and clicked.args == (2, f"Error: {e.message}\n"), argv
            return
        assert not isinstance(clicked, BaseException), (argv, clicked)
        cfg, kwargs = clicked
        assert params == kwargs, argv
        assert mine == cfg, argv
    finally:
        os.chdir(here)


def test_the_property_sees_both_outcomes(folder: Path) -> None:
    # the generator makes command lines the parser takes and ones it declines, and the comparison
    # can fail: a parser that took `-j 0` would be caught (click refuses it)
    here = os.getcwd()
    os.chdir(folder)
    try:
        assert isinstance(_click_params(["rep.json", "-j", "0"]), BaseException)
        cfg, kwargs = _click_params(["rep.json", "-f", "json"])  # type: ignore[misc]
        assert kwargs["fmt"] == "json" and kwargs["lang"] == "en"  # the configuration filled --lang
    finally:
        os.chdir(here)


# --------------------------------------------------------------------------------- end to end

_FAST = """
import os, sys
from auditor import fastpath
code = fastpath.run(sys.argv[1:])
if code is None:
    os._exit(99)
with open(os.environ["FASTPATH_PROBE"], "w") as fh:
    fh.write(json.dumps(["click"] if "click" in sys.modules else []))
fastpath.leave(code)
""".replace("import os, sys", "import json, os, sys")

_CLICK = """
import sys
sys.argv[0] = "audit"
from auditor.cli import run
run()
"""

BROKEN = '{"meta": {"unit": '


def _run(code: str, args: list[str], cwd: Path, env: dict[str, str], stdin: bytes | None = None
         ) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, cwd=cwd, env=env,
                          input=stdin, timeout=120)


CASES: list[tuple[str, list[str], bool]] = [  # (name, argv with {seed} {example} {out}, errors shown)
    ("findings", ["{seed}"], False),
    ("clean", ["{example}"], False),
    ("check word", ["check", "{example}", "-q"], False),
    ("json", ["{seed}", "-f", "json"], False),
    ("concise en quiet", ["-fconcise", "--lang=en", "-q", "{seed}"], False),
    ("statistics", ["{seed}", "{example}", "--statistics"], False),
    ("select", ["{seed}", "--select", "PCT,SUM", "--ignore", "PCT005"], False),
    ("output file", ["{seed}", "-o", "{out}/out.txt", "--sarif-output", "{out}/run.sarif"], False),
    ("html", ["{seed}", "-f", "html", "-o", "{out}/r.html"], False),
    ("fail on never", ["{seed}", "--fail-on", "never", "-j", "1"], False),
    ("after --", ["--", "{seed}"], False),
    ("stdin", ["-", "-f", "concise"], False),
    ("broken file", ["{out}/broken.json"], False),
    ("missing file", ["{out}/nothing.json"], True),
    ("unknown rule", ["{seed}", "--select", "XYZ9"], True),
    ("bad config", ["{seed}", "--config", "{out}/bad.toml"], True),
    ("configured", ["{seed}", "--config", "{out}/good.toml"], False),
    ("write baseline", ["{seed}", "--write-baseline", "{out}/base.json"], False),
    ("baseline", ["{seed}", "--baseline", "{out}/base.json"], False),
]


@pytest.mark.parametrize(("name", "argv", "error"), CASES, ids=[c[0] for c in CASES])
def test_both_paths_give_the_same_output_exit_code_and_files(tmp_path: Path, name: str, argv: list[str],
                                                              error: bool) -> None:
    # (SOURCE_DATE_EPOCH: the HTML report states when it was made, to the minute; two runs a minute apart on a
    # loaded machine would differ there and nowhere else)
    env = {**os.environ, "AUDIT_DAEMON": "0", "AUDIT_CACHE_DIR": str(tmp_path / "cache"), "SOURCE_DATE_EPOCH": "1765000000"}
    outputs = {}
    for path, code in (("fast", _FAST), ("click", _CLICK)):
        out = tmp_path / path
        out.mkdir()
        (out / "broken.json").write_text(BROKEN, "utf-8")
        (out / "bad.toml").write_text('select = ["NOPE9"]\n', "utf-8")
        (out / "good.toml").write_text('lang = "en"\nignore = ["CMP"]\n', "utf-8")
        if name == "baseline":  # a baseline written by the same path
            _run(code, [SEED, "--write-baseline", str(out / "base.json")], tmp_path, {**env, "FASTPATH_PROBE": os.devnull})
        args = [a.format(seed=SEED, example=EXAMPLE, out=out) for a in argv]
        probe = tmp_path / f"{path}.probe"
        proc = _run(code, args, tmp_path, {**env, "FASTPATH_PROBE": str(probe)},
                    stdin=Path(SEED).read_bytes() if "-" in argv else None)
        if path == "fast":
            assert proc.returncode != 99, "the fast path declined"
            assert json.loads(probe.read_text("utf-8")) == (["click"] if error else []), proc.stderr
        files = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
        text = (proc.stdout + proc.stderr).replace(bytes(out), b"OUT")
        outputs[path] = (proc.returncode, text.replace(b"OUT", b""), proc.stderr.replace(bytes(out), b""),
                         {k: v.replace(bytes(out), b"") for k, v in files.items()})
    assert outputs["fast"] == outputs["click"]
    assert b"Traceback" not in outputs["fast"][1]


def test_a_closed_pipe_ends_both_paths_alike(tmp_path: Path) -> None:
    # the output of many reports into a pipe closed at once: exit code 1, nothing on stderr (click's way)
    seeds = sorted(str(p) for p in (ROOT / "fixtures").glob("seed_*.json"))
    env = {**os.environ, "AUDIT_DAEMON": "0", "AUDIT_CACHE_DIR": str(tmp_path / "cache"),
           "FASTPATH_PROBE": os.devnull}
    got = []
    for code in (_FAST, _CLICK):
        proc = subprocess.Popen([sys.executable, "-c", code, *seeds, *seeds, "-f", "json"], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, cwd=tmp_path, env=env)
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()
        err = proc.stderr.read()
        got.append((proc.wait(timeout=120), err))
    assert got[0] == got[1]


# ------------------------------------------------------------------------------------- echo

@settings(max_examples=200)
@given(text=st.text(st.sampled_from("aá\x1b[31m;0\n \u00e9\ud800"), max_size=12), nl=st.booleans(),
       err=st.booleans(), color=st.sampled_from([None, True, False]),
       stream=st.sampled_from([("utf-8", "strict"), ("utf-8", "backslashreplace"), ("ascii", "strict"),
                               ("latin-1", "replace"), ("utf-16", "strict")]))
def test_echo_writes_what_click_echo_writes(text: str, nl: bool, err: bool, color: bool | None,
                                            stream: tuple[str, str]) -> None:
    written = []
    for fn in (echo, click.echo):
        raw = io.BytesIO()
        wrapper = io.TextIOWrapper(raw, encoding=stream[0], errors=stream[1], write_through=True)
        saved = sys.stdout, sys.stderr
        sys.stdout = sys.stderr = wrapper
        try:
            fn(text, err=err, nl=nl, color=color)
            outcome: Any = raw.getvalue()
        except Exception as e:  # noqa: BLE001 - the same failure both ways
            outcome = type(e)
        finally:
            sys.stdout, sys.stderr = saved
        written.append(outcome)
    assert written[0] == written[1]
