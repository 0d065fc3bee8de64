"""The rough edges a new user hits on a terminal (issue 14): the progress bar (stderr, never on a
line of findings, hidden when not a terminal), colours (`--color`, NO_COLOR), `--quiet`, the
one-line summary of `-o`, “did you mean” for commands and rule ids."""

from __future__ import annotations

import os
import re
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import invoke, write

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "seed_001_hoang_kim_2024h1.json"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
AUDIT = [sys.executable, "-m", "auditor"]


def _pty(cmd: list[str], env: dict[str, str], cwd: Path | None = None) -> tuple[int, str]:
    """Run `cmd` with stdin, stdout and stderr on one pseudo-terminal (as in a terminal window)."""
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 200, 0, 0))
    p = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=cwd, close_fds=True)
    os.close(slave)
    out = b""
    while True:
        r, _, _ = select.select([master], [], [], 0.2)
        if r:
            try:
                data = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            if not data:
                break
            out += data
        elif p.poll() is not None:
            break
    p.wait(timeout=120)
    os.close(master)
    return p.returncode, out.decode("utf-8", "replace")


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update(TERM="xterm-256color", PYTHONIOENCODING="utf-8", **extra)
    return env


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """120 reports: enough for the progress bar and for a streamed run (output file by file)."""
    d = tmp_path_factory.mktemp("many")
    data = SEED.read_bytes()
    for i in range(120):
        (d / f"r{i:03d}.json").write_bytes(data)
    return d


# ------------------------------------------------------------------------------- progress bar


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_progress_bar_never_shares_a_line_with_findings(many: Path) -> None:
    code, out = _pty([*AUDIT, str(many), "-f", "concise"], _env())
    assert code == 1
    assert "Đang kiểm tra" in out  # the bar was shown on the terminal
    fragments = [ANSI.sub("", x) for x in re.split(r"[\r\n]", out)]
    findings = [x for x in fragments if re.search(r" [A-Z]{2,5}\d{3} \[(error|warning|info)\]", x)]
    assert len(findings) == 120 * 9  # seed 001's 9 findings (11 before grouping: docs/findings.md)
    for x in findings:  # each finding on a line of its own, from its first character
        assert x.startswith(str(many)), x[:200]
    last = fragments.index(next(x for x in fragments if x.startswith("Tìm thấy")))
    assert not any("Đang kiểm tra" in x for x in fragments[last:])  # removed at the end


def test_no_progress_bar_and_no_colour_when_not_a_terminal(many: Path) -> None:
    p = subprocess.run([*AUDIT, str(many), "-f", "concise"], capture_output=True, env=_env(), timeout=120)
    assert p.returncode == 1
    assert p.stderr == b""
    assert b"\x1b[" not in p.stdout


# ------------------------------------------------------------------------------------ colours


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_colours_on_a_terminal_honour_no_color_and_the_option() -> None:
    code, out = _pty([*AUDIT, str(SEED), "-f", "concise"], _env())
    assert code == 1 and "\x1b[1;31m[error]" in out
    code, out = _pty([*AUDIT, str(SEED)], _env())
    assert re.search(r"\x1b\[1;31m\s*LỖI \(2\)", out)
    for env, args in ((_env(NO_COLOR="1"), []), (_env(), ["--color", "never"])):
        code, out = _pty([*AUDIT, str(SEED), "-f", "concise", *args], env)
        assert code == 1 and "[error]" in out and "\x1b[" not in out
    p = subprocess.run([*AUDIT, str(SEED), "-f", "concise", "--color", "always"], capture_output=True,
                       env=_env(NO_COLOR="1"), timeout=60)
    assert b"\x1b[1;31m[error]" in p.stdout  # an explicit choice wins
    plain = subprocess.run([*AUDIT, str(SEED), "-f", "concise"], capture_output=True, env=_env(), timeout=60)
    assert ANSI.sub("", p.stdout.decode()) == plain.stdout.decode()  # colour changes no character


# ------------------------------------------------------------------------- -o, --quiet, -f html


def test_output_file_prints_one_line_with_the_counts(tmp_path: Path) -> None:
    out = tmp_path / "bao_cao.html"
    r = invoke(str(SEED), "-f", "html", "-o", str(out))
    assert r.exit_code == 1 and out.stat().st_size > 10_000
    assert r.stdout == ""
    assert r.stderr == f"Đã ghi {out}: 2 lỗi, 4 cảnh báo, 3 thông tin trong 1 tệp (không đạt).\n"
    r = invoke(str(ROOT / "fixtures" / "example.json"), "-o", str(tmp_path / "x.txt"), "--lang", "en",
               "--sarif-output", str(tmp_path / "x.sarif"))
    assert r.exit_code == 0
    assert r.stderr == f"Wrote {tmp_path / 'x.txt'}, {tmp_path / 'x.sarif'}: 0 errors, 0 warnings, 0 infos in 1 file (pass).\n"
    r = invoke(str(SEED), "-f", "html", "-o", str(out), "--quiet")
    assert r.exit_code == 1 and r.stderr == "" and r.stdout == ""


def test_output_file_line_in_a_streamed_run(many: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "all.txt"
    r = invoke(str(many), "-f", "concise", "-o", str(out))
    assert r.exit_code == 1
    assert r.stderr == f"Đã ghi {out}: 240 lỗi, 480 cảnh báo, 360 thông tin trong 120 tệp (không đạt).\n"
    assert out.read_text("utf-8").count("[error]") == 240


def test_quiet_prints_the_findings_only(tmp_path: Path) -> None:
    full = invoke(str(SEED), str(ROOT / "fixtures" / "example.json"))
    quiet = invoke(str(SEED), str(ROOT / "fixtures" / "example.json"), "--quiet")
    assert "Tìm thấy" in full.stdout and "Tổng hợp theo tệp" in full.stdout
    assert "Tìm thấy" not in quiet.stdout and "Tổng hợp theo tệp" not in quiet.stdout
    assert quiet.exit_code == full.exit_code == 1
    assert quiet.stdout.strip() and quiet.stdout in full.stdout
    c = invoke(str(SEED), "-f", "concise", "-q").stdout.splitlines()
    assert len(c) == 9 and all(" [" in x for x in c)


# ------------------------------------------------------------------------------ did you mean


def test_a_mistyped_command_is_not_read_as_a_file(tmp_path: Path) -> None:
    r = invoke("chek", "f")
    assert r.exit_code == 2
    assert "Không có lệnh “chek”" in r.output and "“check”" in r.output and "Did you mean “check”" in r.output
    for word, meant in (("explian", "explain"), ("rule", "rules"), ("comapre", "compare"), ("conifg", "config")):
        r = invoke(word, "x")
        assert r.exit_code == 2 and f"“{meant}”" in r.output, (word, r.output)
    # a file that has such a name is still a file
    os.chdir(tmp_path)
    try:
        shutil.copy(SEED, tmp_path / "chek")
        r = invoke("chek", "-f", "concise")
        assert r.exit_code == 1 and "chek:" in r.stdout
    finally:
        os.chdir(ROOT)
    assert invoke("not_a_file_at_all.json").exit_code == 2  # still “no such file”


def test_unknown_rule_ids_get_suggestions(tmp_path: Path) -> None:
    r = invoke("explain", "PCT01")
    assert r.exit_code == 2 and "“PCT001”" in r.output and "Did you mean" in r.output
    r = invoke(str(SEED), "--select", "SUM01")
    assert r.exit_code == 2 and "“SUM001”" in r.output
    write(tmp_path / "audit.toml", 'select = ["VAL01"]\n')
    r = invoke(str(SEED), "--config", str(tmp_path / "audit.toml"))
    assert r.exit_code == 2 and "“VAL001”" in r.output
