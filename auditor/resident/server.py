"""The resident process: loaded once, it forks a copy of itself for each command.

The parent only accepts connections, checks who and what is asking, and forks; it never runs
an audit, so every command starts from the same loaded state, and nothing one command leaves
behind (a cache, a counter) reaches the next. The child takes the client's standard streams
(passed over the socket), folder, environment, umask and command line, runs the command and
sends back its exit code.

It stops by itself after `idle` seconds without a command, on `audit daemon stop`, and as soon
as a file of the installation changes (an upgrade or an edit: the next command then runs in
its own process, and `audit daemon start` loads the new code)."""

from __future__ import annotations

import gc
import io
import os
import signal
import socket
import sys
import time
from collections.abc import Callable
from typing import Any

from auditor import __version__
from auditor.resident import protocol

_REQUEST_TIMEOUT = 5.0  # a client sends its request at once; a silent one is not kept waiting
_ORPHAN_CHECK = 5.0  # how often a waiting spare looks whether its parent still lives


def fingerprint(folders: list[str]) -> dict[str, tuple[int, int]]:
    """(modification time, size) of every file in these folders (not below them): what the
    loaded code and rules were read from."""
    out: dict[str, tuple[int, int]] = {}
    for d in folders:
        try:
            entries = list(os.scandir(d))
        except OSError:
            continue
        for e in entries:
            try:
                if e.is_file():
                    st = e.stat()
                    out[e.path] = (st.st_mtime_ns, st.st_size)
            except OSError:
                continue
    return out


def loaded_folders(extra: list[str]) -> list[str]:
    """The folders of the tool's loaded modules, and `extra` (rules, data)."""
    dirs = set(extra)
    for name, mod in list(sys.modules.items()):
        if name == "auditor" or name.startswith("auditor."):
            f = getattr(mod, "__file__", None)
            if f:
                dirs.add(os.path.dirname(os.path.abspath(f)))
    return sorted(dirs)


class Server:
    def __init__(self, path: str, idle: float, run_one: Callable[[], int], folders: list[str],
                 startup_env: dict[str, str] | None = None) -> None:
        self.path = path
        self.idle = idle
        self.run_one = run_one
        self.folders = folders
        self.files = fingerprint(folders)
        self.started = time.time()
        self.startup_env = dict(os.environ) if startup_env is None else startup_env
        self.served = 0
        self.sock: socket.socket | None = None
        self.inode: int | None = None
        self.lock_fd: int | None = None

    # ------------------------------------------------------------------ life
    def bind(self) -> bool:
        """Take the installation's lock and socket; False when another process has them."""
        import fcntl

        d = os.path.dirname(self.path)
        os.makedirs(d, mode=0o700, exist_ok=True)
        if not protocol.private_dir(d):
            raise OSError(f"{d} is not a private folder of this user")
        self.lock_fd = os.open(protocol.beside(self.path, ".lock"), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(self.lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(self.lock_fd)
            self.lock_fd = None
            return False
        try:
            os.unlink(self.path)  # a socket left by a process that was killed
        except FileNotFoundError:
            pass
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.bind(self.path)
        os.chmod(self.path, 0o600)
        self.sock.listen(64)
        self.inode = os.stat(self.path).st_ino
        return True

    def close(self) -> None:
        try:
            if self.inode is not None and os.stat(self.path).st_ino == self.inode:
                os.unlink(self.path)
        except OSError:
            pass
        if self.sock is not None:
            self.sock.close()

    def stale(self) -> bool:
        return fingerprint(self.folders) != self.files

    def serve(self) -> None:
        """Keep one spare child ready: forked and warmed before a command arrives, it takes the
        next connection, tells the parent (which forks the next spare) and serves it."""
        assert self.sock is not None
        signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the system
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the terminal that started it is not its owner
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
        import select

        spare = 0
        quick_deaths = 0
        try:
            while True:
                r, w = os.pipe()
                born = time.monotonic()
                spare = os.fork()
                if spare == 0:  # never returns
                    os.close(r)
                    self._spare(w)
                os.close(w)
                try:
                    while True:
                        try:
                            ready, _, _ = select.select([r], [], [], self.idle)
                        except InterruptedError:
                            continue
                        break
                    if not ready:
                        return  # idle long enough
                    note = os.read(r, 1)
                finally:
                    os.close(r)
                spare = 0
                if note == b"r":
                    self.served += 1
                elif note == b"s":
                    return  # stopped, or the files changed under it
                elif note == b"":  # the spare died before taking a connection
                    quick_deaths = quick_deaths + 1 if time.monotonic() - born < 1 else 0
                    if quick_deaths >= 3:
                        return  # something is wrong with this process: commands run on their own
        finally:
            if spare:
                try:
                    os.kill(spare, signal.SIGTERM)
                except OSError:
                    pass
            self.close()

    def _spare(self, notify: int) -> None:
        """The spare child: warm, wait for a connection, tell the parent what it took, serve it."""
        code = 0
        try:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            if self.lock_fd is not None:
                os.close(self.lock_fd)  # the lock is the parent's: it ends with the parent
                self.lock_fd = None
            prefault()
            assert self.sock is not None
            parent = os.getppid()
            self.sock.settimeout(_ORPHAN_CHECK)
            while True:
                try:
                    conn, _ = self.sock.accept()
                    break
                except (InterruptedError, TimeoutError):
                    if os.getppid() != parent:
                        os._exit(0)  # the parent was killed: its socket is gone, nobody will connect
                    continue
            self.handle(conn, notify)
        except BaseException:  # noqa: BLE001 - a spare that fails is replaced by the parent
            code = 1
        os._exit(code)

    # ------------------------------------------------------------------ one connection
    def handle(self, conn: socket.socket, notify: int) -> None:
        """Serve one connection; tell the parent (`notify`) "r" for a command, "s" to stop, and
        "a" for anything else, before the command runs (the parent then forks the next spare)."""
        fds: list[int] = []
        note = b"a"
        try:
            creds = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12)
            if int.from_bytes(creds[4:8], sys.byteorder) != os.getuid():
                return  # another user: not served
            conn.settimeout(_REQUEST_TIMEOUT)
            first, fds, _flags, _addr = socket.recv_fds(conn, 4, 3)
            request = protocol.decode(conn.recv, first)
            if request is None or request.get("key") != protocol.install_key():
                self._send(conn, {"ok": False, "why": "not ours"})
                return
            op = request.get("op")
            if op == "status":
                self._send(conn, self.status())
                return
            if op == "stop":
                note = b"s"
                self._send(conn, {"ok": True, "pid": os.getppid()})
                return
            if op != "run" or len(fds) != 3:
                self._send(conn, {"ok": False, "why": "bad request"})
                return
            if not same_interpreter(request, self.startup_env):
                self._send(conn, {"ok": False, "why": "interpreter"})
                return
            if self.stale():
                note = b"s"  # the files changed under it: let the next start load them
                self._send(conn, {"ok": False, "why": "stale"})
                return
            note = b"r"
            os.write(notify, note)
            os.close(notify)
            notify = -1
            self._child(conn, fds, request)  # never returns
        except OSError:
            return
        finally:
            if notify >= 0:
                try:
                    os.write(notify, note)
                except OSError:
                    pass

    def status(self) -> dict[str, Any]:
        return {"ok": True, "pid": os.getppid(), "version": __version__, "package": protocol.PACKAGE_DIR,
                "python": sys.executable, "started": self.started, "served": self.served,
                "idle": self.idle, "socket": self.path}

    @staticmethod
    def _send(conn: socket.socket, message: dict[str, Any]) -> None:
        conn.sendall(protocol.encode(message))

    def _child(self, conn: socket.socket, fds: list[int], request: dict[str, Any]) -> None:
        code = 2
        try:
            if self.sock is not None:
                self.sock.close()
            if self.lock_fd is not None:
                os.close(self.lock_fd)
            for sig in (signal.SIGCHLD, signal.SIGTERM, signal.SIGHUP):
                signal.signal(sig, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.default_int_handler)
            try:
                take_over(fds, request)
            except (OSError, ValueError, TypeError, KeyError):
                self._send(conn, {"ok": False, "why": "setup"})  # the client runs the command itself
                os._exit(0)
            conn.settimeout(None)
            self._send(conn, {"ok": True, "pid": os.getpid()})
            code = self.run_one()
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else 1
        except BaseException:  # noqa: BLE001 - the client must get an answer
            code = 2
        finally:
            try:
                for stream in (sys.stdout, sys.stderr):
                    stream.flush()
            except (OSError, ValueError):
                pass
            try:
                self._send(conn, {"exit": code})
            except OSError:
                pass
            os._exit(code)


# what the interpreter reads once, at start: a command whose environment or flags set them
# otherwise (a hash seed, UTF-8 mode, a module path, a locale, -X importtime …) cannot be run
# by this process as it asks, so it runs on its own
_STARTUP_VARIABLES = ("PYTHON", "LC_", "LANG")


def same_interpreter(request: dict[str, Any], startup_env: dict[str, str]) -> bool:
    env = request.get("env")
    if not isinstance(env, dict):
        return False
    for name in {*env, *startup_env}:
        if name.startswith(_STARTUP_VARIABLES) and env.get(name) != startup_env.get(name):
            return False
    names = getattr(type(sys.flags), "__match_args__", ())
    mine = {n: v for n, v in zip(names, sys.flags) if n != "safe_path"}  # (it was started with -P)
    theirs = {n: v for n, v in zip(names, request.get("flags") or ()) if n != "safe_path"}
    return bool(names) and mine == theirs and request.get("xoptions") == dict(sys._xoptions)


def prefault() -> None:
    """Touch every object the collector knows (its reference count is written), so the pages
    shared with the parent are copied now, while the spare waits, rather than one by one during
    a command (a tenth of a command's time, measured)."""
    gc.unfreeze()
    objects = gc.get_objects()
    del objects
    gc.freeze()


def take_over(fds: list[int], request: dict[str, Any]) -> None:
    """Become the client's process: its standard streams, folder, environment, umask and
    command line."""
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
    os.chdir(request["cwd"])
    env = request["env"]
    os.environ.clear()
    os.environ.update(env)
    if hasattr(time, "tzset"):
        time.tzset()  # TZ may differ from the resident process's
    os.umask(int(request["umask"]))
    sys.argv = list(request["argv"])
    new = []
    for fd, (mode, (encoding, errors, line_buffering)) in enumerate(zip(("rb", "wb", "wb"), request["streams"])):
        new.append(io.TextIOWrapper(open(fd, mode, closefd=False), encoding=encoding, errors=errors,
                                    line_buffering=bool(line_buffering)))
    sys.stdin, sys.stdout, sys.stderr = new
    sys.__stdin__, sys.__stdout__, sys.__stderr__ = new


def serve_forever(path: str, idle: float, run_one: Callable[[], int], extra_folders: list[str],
                  startup_env: dict[str, str] | None = None) -> int:
    """Run the resident process on `path` until idle, stopped or stale: 0, or 1 when another
    process already serves this installation. `startup_env`: the environment it started with
    (before loading changed it), which a command's must match (`same_interpreter`)."""
    gc.collect()
    gc.freeze()  # the loaded state is shared with every child, untouched (copy-on-write)
    server = Server(path, idle, run_one, loaded_folders(extra_folders), startup_env)
    if not server.bind():
        return 1
    server.serve()
    return 0
