"""Start the resident process in the background (no click: `AUDIT_DAEMON=auto` starts it from
the entry point of an ordinary command)."""

import os
import subprocess
import sys

from auditor.resident import protocol

DEFAULT_IDLE_MINUTES = 30


class SpawnError(Exception):
    def __init__(self, vi: str, en: str) -> None:
        super().__init__(en)
        self.vi, self.en = vi, en


def spawn(path: str, idle_minutes: float) -> "subprocess.Popen[bytes]":
    """Start `serve_main` on `path` in a session of its own, its output in `<socket>.log` next to
    the socket; the process (it may exit at once when another one already serves `path`)."""
    d = os.path.dirname(path)
    try:
        os.makedirs(d, mode=0o700, exist_ok=True)
    except OSError as e:
        raise SpawnError(f"Không tạo được thư mục {d}: {e.strerror}.", f"Cannot create {d}: {e.strerror}.") from None
    if not protocol.private_dir(d):
        raise SpawnError(f"Thư mục {d} không phải của riêng người dùng này (quyền 0700); chọn thư mục khác bằng "
                         "AUDIT_DAEMON_DIR.",
                         f"{d} is not private to this user (mode 0700); choose another with AUDIT_DAEMON_DIR.")
    with open(protocol.beside(path, ".log"), "wb") as out:
        return subprocess.Popen(
            # -P and the package's own folder first: the same code as this command's, whatever
            # the current folder holds (`python -c` would put it first on the path)
            [sys.executable, "-P", "-c", "import sys; sys.path.insert(0, sys.argv[1]); "
             "from auditor.launch import serve_main; sys.exit(serve_main(sys.argv[2:]))",
             os.path.dirname(protocol.PACKAGE_DIR), path, str(idle_minutes * 60)],
            stdin=subprocess.DEVNULL, stdout=out, stderr=out, start_new_session=True, close_fds=True)
