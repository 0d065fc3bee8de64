"""The resident process (`audit daemon`): a command handed to it gives the same output, exit
code and files as the same command run on its own, in the caller's folder, environment and
terminal; Ctrl+C reaches it; anything unexpected falls back to running the command itself."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from auditor.resident import client, protocol, server

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
AUDIT = [sys.executable, "-m", "auditor"]

pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or not hasattr(__import__("socket"), "AF_UNIX"),
                                reason="the resident process needs fork and Unix sockets")


def _env(daemon_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AUDIT_DAEMON", "PYTEST_"))}
    env.update(AUDIT_DAEMON_DIR=str(daemon_dir), NO_COLOR="1", **extra)
    return env


def _audit(args: list[str], env: dict[str, str], cwd: Path, stdin: bytes | None = None) -> tuple[int, str, str]:
    p = subprocess.run([*AUDIT, *args], env=env, cwd=cwd, input=stdin, capture_output=True, timeout=120)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def _served(env: dict[str, str]) -> int:
    p = subprocess.run([*AUDIT, "daemon", "status"], env=env, capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stdout + p.stderr
    return int(p.stdout.split(" lệnh / commands")[0].rsplit(" ", 1)[1])


@pytest.fixture(scope="module")
def daemon(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    d = tmp_path_factory.mktemp("daemon")
    d.chmod(0o700)
    env = _env(d)
    p = subprocess.run([*AUDIT, "daemon", "start", "--idle-minutes", "5"], env=env, capture_output=True, text=True,
                       timeout=120)
    assert p.returncode == 0, p.stdout + p.stderr
    assert "Started the resident process" in p.stdout
    try:
        yield env
    finally:
        subprocess.run([*AUDIT, "daemon", "stop"], env=env, capture_output=True, timeout=60)


@pytest.fixture()
def work(tmp_path: Path) -> Path:
    """A folder of the caller's own: a broken report, a config file, relative paths."""
    (tmp_path / "broken.json").write_text('{"meta": {"unit": "x"', "utf-8")
    (tmp_path / "seed.json").write_bytes((FIXTURES / "seed_000_but_son_2022.json").read_bytes())
    return tmp_path


CASES = {
    "a seed with findings": ["seed.json"],
    "the clean example": [str(FIXTURES / "example.json")],
    "json output": ["seed.json", "-f", "json", "--lang", "en"],
    "concise, only some rules": ["seed.json", "-f", "concise", "--select", "SUM,PCT"],
    "a broken report": ["broken.json"],
    "a missing file": ["nothing-here.json"],
    "an unknown rule": ["seed.json", "--select", "NOPE999"],
    "a Word file": [str(FIXTURES / "dong_hoa_2023.docx"), "-f", "concise"],
    "the rules": ["rules", "--lang", "en"],
    "a rule explained": ["explain", "SUM001"],
    "the version": ["--version"],
    "help": ["--help"],
}


@pytest.mark.parametrize("args", CASES.values(), ids=CASES.keys())
def test_same_result_through_the_resident_process(daemon: dict[str, str], work: Path, args: list[str]) -> None:
    before = _served(daemon)
    through = _audit(args, daemon, work)
    assert _served(daemon) == before + 1  # it really was handed over
    alone = _audit(args, {**daemon, "AUDIT_DAEMON": "0"}, work)
    assert _served(daemon) == before + 1  # and AUDIT_DAEMON=0 really ran it alone
    assert through == alone


def test_the_callers_folder_config_and_output_files(daemon: dict[str, str], work: Path) -> None:
    """A configuration file and relative output paths are the caller's folder's, not the
    resident process's; the files written are the same."""
    (work / "pyproject.toml").write_text(textwrap.dedent("""\
        [tool.audit]
        ignore = ["NUM"]
        fail-on = "error"
        """), "utf-8")
    before = _served(daemon)
    code, out, err = _audit(["seed.json", "-o", "out.json", "-f", "json", "--sarif-output", "out.sarif"], daemon, work)
    assert _served(daemon) == before + 1
    through = ((work / "out.json").read_bytes(), (work / "out.sarif").read_bytes())
    code2, out2, err2 = _audit(["seed.json", "-o", "out.json", "-f", "json", "--sarif-output", "out.sarif"],
                               {**daemon, "AUDIT_DAEMON": "0"}, work)
    assert (code, out, err) == (code2, out2, err2)
    assert through == ((work / "out.json").read_bytes(), (work / "out.sarif").read_bytes())
    assert b'"NUM' not in through[0]  # the config in the caller's folder was applied


def test_the_callers_environment_and_stdin(daemon: dict[str, str], work: Path) -> None:
    seed = (work / "seed.json").read_bytes()
    env = {**daemon, "AUDIT_DAEMON": "1"}
    through = _audit(["-", "-f", "concise"], env, work, stdin=seed)
    alone = _audit(["-", "-f", "concise"], {**daemon, "AUDIT_DAEMON": "0"}, work, stdin=seed)
    assert through == alone and through[0] == 1 and "[error]" in through[1]
    # the caller's environment reaches the command: FORCE_COLOR colours even a pipe
    env = {k: v for k, v in daemon.items() if k != "NO_COLOR"}
    before = _served(daemon)
    coloured = _audit(["seed.json", "-f", "concise"], {**env, "FORCE_COLOR": "1"}, work)
    plain = _audit(["seed.json", "-f", "concise"], env, work)
    assert _served(daemon) == before + 2
    assert "\x1b[" in coloured[1] and "\x1b[" not in plain[1]
    assert coloured == _audit(["seed.json", "-f", "concise"], {**env, "FORCE_COLOR": "1", "AUDIT_DAEMON": "0"}, work)


def _interrupted(env: dict[str, str], cwd: Path, started: object) -> tuple[int, bytes, bytes]:
    p = subprocess.Popen([*AUDIT, "-"], env=env, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    started()  # type: ignore[operator]
    p.send_signal(signal.SIGINT)
    # stdin stays open until the command has ended: closing it would race the signal (an empty
    # report read to its end, then the interrupt)
    p.wait(timeout=60)
    assert p.stdout is not None and p.stderr is not None and p.stdin is not None
    out, err = p.stdout.read(), p.stderr.read()
    p.stdin.close()
    p.stdout.close()
    p.stderr.close()
    return p.returncode, out, err


def test_ctrl_c_reaches_the_command(daemon: dict[str, str], work: Path) -> None:
    """The command waits on stdin; Ctrl+C (SIGINT to the `audit` the terminal runs) stops it
    as it stops `audit` alone: “Aborted”, exit 2."""
    before = _served(daemon)

    def handed_over() -> None:
        deadline = time.monotonic() + 60
        while _served(daemon) == before and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(2.0)  # (it is reading stdin by now, even on a busy machine)

    code, out, err = _interrupted(daemon, work, handed_over)
    assert _served(daemon) == before + 1
    # what `audit -` alone answers to Ctrl+C (click's Abort): not compared run for run here, as
    # a process of its own may still be importing when the signal comes
    assert (code, out, err.decode()) == (2, b"", "\nĐã hủy. / Aborted.\n")


def test_interpreter_settings_it_cannot_honour_run_alone(daemon: dict[str, str], work: Path) -> None:
    """A hash seed, UTF-8 mode or a module path is fixed when an interpreter starts: a command
    asking for other ones than the resident process has runs on its own, as asked."""
    before = _served(daemon)
    for env, flags in (({"PYTHONHASHSEED": "0"}, []), ({"PYTHONUTF8": "1"}, []), ({}, ["-X", "utf8"]),
                       ({"PYTHONPATH": str(work)}, [])):
        p = subprocess.run([sys.executable, *flags, "-m", "auditor", "seed.json", "-f", "concise"],
                           env={**daemon, **env}, cwd=work, capture_output=True, timeout=120)
        assert p.returncode == 1 and b"[error]" in p.stdout, (env, flags)
    assert _served(daemon) == before
    assert server.same_interpreter({"env": dict(os.environ), "flags": tuple(sys.flags),
                                    "xoptions": dict(sys._xoptions)}, dict(os.environ))


def test_status_and_stop(tmp_path: Path, work: Path) -> None:
    d = tmp_path / "d"
    env = _env(d)
    assert subprocess.run([*AUDIT, "daemon", "status"], env=env, capture_output=True, timeout=60).returncode == 1
    assert subprocess.run([*AUDIT, "daemon", "start"], env=env, capture_output=True, timeout=120).returncode == 0
    again = subprocess.run([*AUDIT, "daemon", "start"], env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0 and "is running" in again.stdout  # one per installation
    assert subprocess.run([*AUDIT, "daemon", "stop"], env=env, capture_output=True, timeout=60).returncode == 0
    assert not Path(protocol.socket_path(str(d))).exists()
    assert subprocess.run([*AUDIT, "daemon", "status"], env=env, capture_output=True, timeout=60).returncode == 1
    code, out, _ = _audit(["seed.json", "-f", "concise"], env, work)  # runs on its own
    assert code == 1 and "[error]" in out


def test_no_resident_process_costs_a_stat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUDIT_DAEMON_DIR", str(tmp_path / "none"))
    assert client.forward(["x.json"]) is None


def test_a_folder_others_can_write_is_never_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A socket in a folder another user could have made (or can write) might not be ours: the
    command, its environment and terminal are never handed to it."""
    d = tmp_path / "shared"
    d.mkdir()
    d.chmod(0o777)
    monkeypatch.setenv("AUDIT_DAEMON_DIR", str(d))
    import socket

    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind(protocol.socket_path())
    s.listen(1)
    try:
        assert not protocol.private_dir(str(d))
        assert client.connect() is None
        d.chmod(0o700)
        assert protocol.private_dir(str(d))
        c = client.connect()
        assert c is not None
        c.close()
    finally:
        s.close()


def test_fingerprint_sees_a_change(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("x = 1\n")
    before = server.fingerprint([str(tmp_path)])
    assert server.fingerprint([str(tmp_path)]) == before
    (tmp_path / "a.py").write_text("x = 22\n")  # another size
    assert server.fingerprint([str(tmp_path)]) != before
    after = server.fingerprint([str(tmp_path)])
    (tmp_path / "b.yaml").write_text("")
    assert server.fingerprint([str(tmp_path)]) != after


STALE_SERVER = """
import sys
from auditor.resident.server import serve_forever
sys.exit(serve_forever(sys.argv[1], 60, lambda: 7, [sys.argv[2]]))
"""


def test_a_changed_installation_is_not_served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When a file the resident process loaded changes, it runs no more commands (the command
    runs on its own) and stops."""
    d = tmp_path / "d"
    watched = tmp_path / "rules"
    watched.mkdir()
    (watched / "r.yaml").write_text("a: 1\n")
    monkeypatch.setenv("AUDIT_DAEMON_DIR", str(d))
    path = protocol.socket_path()
    proc = subprocess.Popen([sys.executable, "-c", STALE_SERVER, path, str(watched)], env={**os.environ})
    try:
        deadline = time.monotonic() + 60
        while client.ask("status") is None and time.monotonic() < deadline:
            time.sleep(0.05)
        def forward() -> str:  # from a process started as the server was
            return subprocess.run([sys.executable, "-c", "from auditor.resident import client; "
                                   "print(client.forward(['x']))"], env={**os.environ}, capture_output=True,
                                  text=True, timeout=60).stdout.strip()

        assert forward() == "7"  # served: the server's command says 7
        (watched / "r.yaml").write_text("a: 22\n")
        assert forward() == "None"  # not served: run it here
        assert proc.wait(timeout=60) == 0
        assert not Path(path).exists()
    finally:
        if proc.poll() is None:
            proc.kill()


def test_handing_over_imports_next_to_nothing() -> None:
    """Every `audit` imports the entry point and the client before it knows whether a resident
    process runs: beyond what the interpreter loaded at start, only the tool's own small modules
    and `_socket` (no `re`, `typing`, `socket`, `signal`, `json`, click …)."""
    code = ("import sys; before = set(sys.modules); import auditor.launch, auditor.resident.client; "
            "print(' '.join(sorted(set(sys.modules) - before)))")
    added = set(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                               cwd=ROOT).stdout.split())
    assert added - {"_socket"} <= {"auditor", "auditor.launch", "auditor.resident", "auditor.resident.client",
                                    "auditor.resident.protocol"}, added
    assert (ROOT / "bin" / "audit").read_text("utf-8").splitlines()[-1] == "run()"
    assert "import re" not in (ROOT / "bin" / "audit").read_text("utf-8")


def test_a_spare_whose_parent_was_killed_goes_away(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Killed with SIGKILL, the resident process cannot stop its waiting spare; the spare sees it
    and leaves (no process is left behind holding a socket nobody can reach)."""
    if not Path("/proc/self/task").exists():
        pytest.skip("needs /proc to find the spare")
    d = tmp_path / "d"
    watched = tmp_path / "rules"
    watched.mkdir()
    monkeypatch.setenv("AUDIT_DAEMON_DIR", str(d))
    path = protocol.socket_path()
    proc = subprocess.Popen([sys.executable, "-c", STALE_SERVER, path, str(watched)], env={**os.environ})
    try:
        deadline = time.monotonic() + 60
        spares: list[int] = []
        while time.monotonic() < deadline and not spares:
            try:
                spares = [int(x) for x in
                          Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()]
            except OSError:
                pass
            time.sleep(0.05)
        assert spares, "no spare was forked"
        proc.kill()
        proc.wait(timeout=30)
        def alive(pid: int) -> bool:  # (a zombie waiting for init to reap it is gone)
            try:
                return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()[0] != "Z"
            except (OSError, IndexError):
                return False

        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and alive(spares[0]):
            time.sleep(0.1)
        assert not alive(spares[0])
    finally:
        if proc.poll() is None:
            proc.kill()


def test_auto_starts_one_for_the_next_commands(tmp_path: Path, work: Path) -> None:
    """AUDIT_DAEMON=auto: a command that finds no resident process runs on its own and starts
    one; the next commands are handed to it."""
    d = tmp_path / "auto"
    env = _env(d, AUDIT_DAEMON="auto")
    try:
        first = _audit(["seed.json", "-f", "concise"], env, work)
        assert first[0] == 1 and "[error]" in first[1]
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if subprocess.run([*AUDIT, "daemon", "status"], env=env, capture_output=True, timeout=60).returncode == 0:
                break
            time.sleep(0.2)
        before = _served(env)
        assert _audit(["seed.json", "-f", "concise"], env, work) == first
        assert _served(env) == before + 1
    finally:
        subprocess.run([*AUDIT, "daemon", "stop"], env=env, capture_output=True, timeout=60)


def test_a_resident_process_that_does_not_answer_is_not_waited_for(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A socket that accepts connections but never answers (a stopped process): the command is
    not handed over, after the start timeout, and runs on its own."""
    d = tmp_path / "d"
    d.mkdir(mode=0o700)
    monkeypatch.setenv("AUDIT_DAEMON_DIR", str(d))
    monkeypatch.setattr(client, "_START_TIMEOUT", 0.5)
    import socket

    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind(protocol.socket_path())
    s.listen(4)  # (connections wait in the backlog: nobody accepts them)
    try:
        t0 = time.monotonic()
        assert client.forward(["x.json"]) is None
        assert time.monotonic() - t0 < 10
    finally:
        s.close()
