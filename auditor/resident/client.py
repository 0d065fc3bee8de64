"""Hand a command to the resident process, when one runs for this installation.

Every `audit` imports this before anything else, so it costs one `stat` when no resident
process runs, and imports only what the interpreter has already loaded or builds in (`_socket`,
`_signal`). Anything unexpected before the resident process has started the command (no
socket, a refused connection, a process of another version, a folder that is not private)
returns None, and the command runs here as usual: the resident process can make a command
faster, never different or broken."""

import _socket
import os
import sys

from auditor.resident import protocol

# commands that stay in this process: `daemon` manages the resident process itself; `serve`
# runs until Ctrl+C and owns its terminal
LOCAL_COMMANDS = ("daemon", "serve")
_FORWARDED_SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT")
_START_TIMEOUT = 30.0  # seconds for the resident process to take the command


def available() -> bool:
    """A system where a resident process can run (fork, Unix sockets, passing descriptors)."""
    return hasattr(os, "fork") and hasattr(os, "getuid") and hasattr(_socket, "AF_UNIX") \
        and hasattr(_socket, "SCM_RIGHTS")


def _setting() -> str:
    return os.environ.get("AUDIT_DAEMON", "").strip().lower()


def enabled(argv: list[str]) -> bool:
    if not available() or _setting() in ("0", "off", "no", "false"):
        return False
    return not (argv and argv[0] in LOCAL_COMMANDS)


def start_if_asked() -> None:
    """`AUDIT_DAEMON=auto`: no resident process answered, so start one in the background for the
    next commands (this one runs on its own). One per installation: a second start exits at once."""
    if _setting() != "auto":
        return
    path = protocol.socket_path()
    if ask("status", path) is not None:
        return  # one runs but did not take this command (another environment): leave it
    try:
        from auditor.resident.spawn import DEFAULT_IDLE_MINUTES, SpawnError, spawn

        spawn(path, float(os.environ.get("AUDIT_DAEMON_IDLE_MINUTES") or DEFAULT_IDLE_MINUTES))
    except (SpawnError, OSError, ValueError):
        pass  # the command runs anyway; `audit daemon start` says what is wrong


def _streams() -> list[tuple[str, str, bool]] | None:
    """Encoding, errors and line buffering of this process's stdin, stdout and stderr, which the
    resident process gives the command's own streams; None when one is missing (closed)."""
    out = []
    for s in (sys.stdin, sys.stdout, sys.stderr):
        if s is None:
            return None
        out.append((getattr(s, "encoding", None) or "utf-8", getattr(s, "errors", None) or "strict",
                    bool(getattr(s, "line_buffering", False))))
    return out


def connect(path: str | None = None) -> _socket.socket | None:
    """A connected socket to the resident process, or None."""
    if not available():
        return None
    path = path or protocol.socket_path()
    if not os.path.exists(path) or not protocol.private_dir(os.path.dirname(path)):
        return None
    s = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    try:
        s.connect(path)
    except OSError:
        s.close()
        return None
    return s


def ask(op: str, path: str | None = None) -> dict[str, object] | None:
    """A short exchange (`status`, `stop`): the answer, or None when nothing answers."""
    s = connect(path)
    if s is None:
        return None
    try:
        s.settimeout(10)
        s.sendall(protocol.encode({"op": op, "key": protocol.install_key()}))
        return protocol.decode(s.recv)
    except OSError:
        return None
    finally:
        s.close()


def forward(argv: list[str]) -> int | None:
    """Run `audit argv` in the resident process, with this process's terminal (its standard
    streams are passed over the socket), folder, environment and umask; the command's exit
    code, or None when it could not be handed over (then run it here)."""
    streams = _streams()
    if streams is None:
        return None
    try:
        for fd in (0, 1, 2):
            os.fstat(fd)
    except OSError:
        return None  # a closed standard stream cannot be passed
    s = connect()
    if s is None:
        return None
    mask = os.umask(0o022)
    os.umask(mask)
    try:
        cwd = os.getcwd()
    except OSError:  # a folder removed under the shell: the command says so itself, here
        s.close()
        return None
    request = {"op": "run", "key": protocol.install_key(), "argv": [sys.argv[0], *argv], "cwd": cwd,
               "env": dict(os.environ), "umask": mask, "streams": streams,
               "flags": tuple(sys.flags), "xoptions": dict(sys._xoptions)}
    fds = b"".join(fd.to_bytes(4, sys.byteorder) for fd in (0, 1, 2))
    try:
        # a resident process that does not answer (stopped, swamped) must not hang the command:
        # past this, it runs here (a child that then finds us gone cannot send its “ok” and
        # does not start)
        s.settimeout(_START_TIMEOUT)
        data = protocol.encode(request)
        sent = s.sendmsg([data], [(_socket.SOL_SOCKET, _socket.SCM_RIGHTS, fds)])
        if sent < len(data):
            s.sendall(data[sent:])
        started = protocol.decode(s.recv)
    except (OSError, ValueError):
        s.close()
        return None
    if not started or not started.get("ok") or not isinstance(started.get("pid"), int):
        s.close()
        return None  # another version, a stale process, a folder it cannot enter: run here
    _forward_signals(started["pid"])
    s.settimeout(None)  # the command takes as long as it takes
    try:
        done = protocol.decode(s.recv)
    except OSError:
        done = None
    s.close()
    if done is None or not isinstance(done.get("exit"), int):
        sys.stderr.write("Lỗi nội bộ: tiến trình thường trú (audit daemon) dừng trước khi xong lệnh.\n"
                         "Internal error: the resident process (audit daemon) stopped before the command "
                         "finished.\n")
        sys.stderr.flush()
        return 2
    return done["exit"]


def _forward_signals(pid: int) -> None:
    """Ctrl+C and the like reach this process (the terminal's foreground): pass them on to the
    process running the command, which answers them as `audit` always does."""
    import _signal

    def handler(signum: int, _frame: object) -> None:
        try:
            os.kill(pid, signum)
        except OSError:
            pass

    for name in _FORWARDED_SIGNALS:
        num = getattr(_signal, name, None)
        if num is not None:
            _signal.signal(num, handler)
