"""Where the resident process listens and how its messages are framed.

Imported by every `audit` command (through `client`), so it imports only modules the
interpreter has already loaded (`os`, `sys`, `marshal`).

The socket lives in a folder of the user's own (`AUDIT_DAEMON_DIR`, else
`$XDG_RUNTIME_DIR/auditor`, else `/tmp/auditor-<uid>`), mode 0700; its name is a hash of the
installation (package folder, environment, version), so two installations never share one and
an upgrade never talks to the old code. A message is 4 bytes of length (big-endian) and a
`marshal`led dict: the peer is the same user (checked on both sides), never the network."""

import marshal
import os
import sys

from auditor import __version__

TYPE_CHECKING = False  # (`typing` itself would cost every command more than this module)
if TYPE_CHECKING:
    from collections.abc import Callable

    Recv = Callable[[int], bytes]

_HEADER = 4
MAX_MESSAGE = 16 * 1024 * 1024  # a command line and an environment; more is not a request of ours
PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _fnv(text: str) -> str:
    """A stable 64-bit hash (FNV-1a) in a few lines: `hashlib` would cost more than the rest."""
    h = 0xCBF29CE484222325
    for b in text.encode("utf-8", "surrogatepass"):
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}"


def install_key() -> str:
    """This installation: the package folder, the environment (`sys.prefix`, the same whichever
    name of its interpreter ran the command) and the version."""
    return _fnv(f"{PACKAGE_DIR}\0{sys.prefix}\0{__version__}")


def socket_dir() -> str:
    explicit = os.environ.get("AUDIT_DAEMON_DIR")
    if explicit:
        return explicit
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and os.path.isdir(runtime):
        return os.path.join(runtime, "auditor")
    return os.path.join("/tmp", f"auditor-{os.getuid()}")


def socket_path(folder: str | None = None) -> str:
    return os.path.join(folder or socket_dir(), f"{install_key()}.sock")


def beside(sock: str, suffix: str) -> str:
    """The lock (".lock") or log (".log") file next to a socket."""
    return sock[:-len(".sock")] + suffix if sock.endswith(".sock") else sock + suffix


def private_dir(path: str) -> bool:
    """The folder is ours and nobody else can write or read in it: a socket another user put
    there would otherwise receive our command line, environment and terminal."""
    try:
        st = os.lstat(path)
    except OSError:
        return False
    import stat

    return stat.S_ISDIR(st.st_mode) and st.st_uid == os.getuid() and not st.st_mode & 0o077


def encode(message: dict[str, object]) -> bytes:
    body = marshal.dumps(message)
    return len(body).to_bytes(_HEADER, "big") + body


def read_exact(recv: "Recv", n: int, first: bytes = b"") -> bytes | None:
    """`n` bytes from `recv` (a socket's), after `first`; None when the peer closed first."""
    data = bytearray(first)
    while len(data) < n:
        chunk = recv(min(n - len(data), 1 << 20))
        if not chunk:
            return None
        data += chunk
    return bytes(data)


def decode(recv: "Recv", first: bytes = b"") -> dict[str, object] | None:
    """The next message (`first`: bytes already received); None at the end of the stream or
    on anything that is not one of our messages."""
    head = read_exact(recv, _HEADER, first[:_HEADER])
    if head is None:
        return None
    size = int.from_bytes(head, "big")
    if size > MAX_MESSAGE:
        return None
    body = read_exact(recv, size, first[_HEADER:])
    if body is None:
        return None
    try:
        message = marshal.loads(body)
    except (ValueError, EOFError, TypeError):
        return None
    return message if isinstance(message, dict) else None
