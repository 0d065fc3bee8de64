"""`audit serve`: start the reviewers' web page on this machine (uvicorn), until Ctrl+C.

It listens on 127.0.0.1 (this machine only) unless `--host` says otherwise, keeps uploads in a
temporary folder that it deletes when it stops, and needs no network: every page, style and
script is in the package."""

from __future__ import annotations

import atexit
import signal
import socket
import sys
import tempfile
from pathlib import Path
from typing import Any

import click

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def allowed(host: str, port: int) -> tuple[set[str], set[str]]:
    """The Host headers and Origins this server answers to."""
    names = {host}
    if host in LOOPBACK or host in ("0.0.0.0", "::"):
        names |= {"127.0.0.1", "localhost", "[::1]"}
    if host in ("0.0.0.0", "::"):  # every interface: the machine's own names and addresses
        names |= {socket.gethostname()}
        try:
            names |= {a[4][0] for a in socket.getaddrinfo(socket.gethostname(), None)}
        except OSError:
            pass
    names = {f"[{n}]" if ":" in n and not n.startswith("[") else n for n in names}
    hosts = {f"{n}:{port}".lower() for n in names}
    if port == 80:
        hosts |= {n.lower() for n in names}
    origins = {f"http://{h}" for h in hosts}
    return hosts, origins


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(64)
    sock.set_inheritable(True)
    return sock


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (127.0.0.1: this machine only).")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="Port (0: any free port).")
@click.option("--open/--no-open", "open_browser", default=True, show_default=True,
              help="Open the page in the web browser.")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True)
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None,
              help="Lowest severity that makes a file fail (default: the configuration's, else warning).")
@click.option("--strict", is_flag=True, help="Also run the rules tagged strict.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, exists=True), default=None,
              help="Read this configuration file instead of discovering one.")
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
def serve_cmd(host: str, port: int, open_browser: bool, lang: str, fail_on: str | None, strict: bool,
              config_file: str | None, isolated: bool) -> None:
    """Trang web cho người rà soát / a local web page for reviewers (drop files, read the findings in place)."""
    import uvicorn

    from auditor.engine.ruleset import RuleError, drop_strict, load_rules
    from auditor.errors import ConfigError
    from auditor.web.app import create_app
    from auditor.web.batches import Auditor
    from auditor.web.uploads import remove_tree
    from auditor.workflows.config import Settings, load_config

    cfg = load_config(Path(config_file) if config_file else None, isolated=isolated)
    settings = Settings(config=cfg, lang=lang)
    try:
        ruleset = settings.apply(load_rules())
    except RuleError as e:
        raise ConfigError(f"Tệp quy tắc bị lỗi: {e.vi}", f"Broken rule file: {e}") from None
    rules = drop_strict(settings.select_rules(ruleset, None, None), strict=strict or bool(cfg.values.get("strict")))
    fail_on = fail_on or cfg.values.get("fail-on") or "warning"

    try:
        sock = _bind(host, port)
    except OSError as e:
        raise ConfigError(f"Không mở được cổng {host}:{port}: {e.strerror or e}. Hãy thử --port khác.",
                          f"Cannot listen on {host}:{port}: {e.strerror or e}. Try another --port.") from None
    port = sock.getsockname()[1]
    workdir = Path(tempfile.mkdtemp(prefix="audit-serve-"))
    atexit.register(remove_tree, workdir)  # also on an unexpected exit
    hosts, origins = allowed(host, port)
    app = create_app(workdir, Auditor(ruleset, rules, fail_on), hosts=hosts, origins=origins, lang=lang)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else shown}:{port}/"
    if lang == "vi":
        click.echo(f"Trang kiểm tra báo cáo: {url}  (Ctrl+C để dừng)")
        click.echo(f"Tệp tải lên được giữ tạm tại {workdir} và bị xóa khi dừng.")
    else:
        click.echo(f"Report audit page: {url}  (Ctrl+C to stop)")
        click.echo(f"Uploads are kept in {workdir} and deleted when it stops.")
    if host not in LOOPBACK:
        click.echo("Cảnh báo: máy khác trong mạng cũng mở được trang này. / Warning: other machines on the "
                   "network can open this page.", err=True)
    sys.stdout.flush()
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, server_header=False,
                                           date_header=False, proxy_headers=False, lifespan="off"))
    if open_browser:
        _open_later(url)
    # uvicorn stops on Ctrl+C and on SIGTERM, then raises the signal again for the handler that
    # was there before it: for SIGTERM, this one, so that the folder is still removed below.
    previous = signal.signal(signal.SIGTERM, _terminated)
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
        remove_tree(workdir)
        signal.signal(signal.SIGTERM, previous)


def _terminated(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signum)


def _open_later(url: str) -> Any:
    import threading
    import webbrowser

    t = threading.Timer(0.8, lambda: webbrowser.open(url))
    t.daemon = True
    t.start()
    return t
