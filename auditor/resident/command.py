"""`audit daemon start|stop|status`: the resident process of this installation."""

from __future__ import annotations

import os
import sys
import time

import click

from auditor.resident import client, protocol
from auditor.resident.spawn import DEFAULT_IDLE_MINUTES, SpawnError, spawn

_RUNNING = "Tiến trình thường trú đang chạy / The resident process is running"
_NONE = "Không có tiến trình thường trú nào / No resident process is running."
_START_WAIT = 60.0  # seconds: loading everything takes ~1 s, more on a busy machine


@click.group("daemon")
def daemon_cmd() -> None:
    """Tiến trình thường trú: mỗi lệnh `audit` bớt phần khởi động / a resident process that
    takes the start-up off every `audit` command.

    \b
    audit daemon start     nạp sẵn công cụ / load the tool once and wait for commands
    audit daemon status    đang chạy? / is it running?
    audit daemon stop      dừng / stop it

    While it runs, `audit …` hands each command to a fresh copy of it (same output, exit code,
    folder, environment and terminal). It stops by itself after --idle-minutes without a
    command, and when the installation changes. AUDIT_DAEMON=0 runs a command without it;
    AUDIT_DAEMON=auto starts one, when none runs, from any command (which runs on its own)."""


def _describe(st: dict[str, object]) -> str:
    since = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(float(st.get("started", 0))))  # type: ignore[arg-type]
    idle = float(st.get("idle", 0)) / 60  # type: ignore[arg-type]
    return (f"pid {st.get('pid')}, audit {st.get('version')}, từ / since {since}, "
            f"{st.get('served')} lệnh / commands, dừng sau / stops after {idle:g} min idle\n"
            f"socket: {st.get('socket')}")


@daemon_cmd.command("start")
@click.option("--idle-minutes", type=click.FloatRange(min=0.05), default=DEFAULT_IDLE_MINUTES, show_default=True,
              help="Stop after this many minutes without a command.")
def start_cmd(idle_minutes: float) -> None:
    """Khởi động / start the resident process (nothing happens if it runs already)."""
    if not client.available():
        raise click.ClickException("Hệ thống này không chạy được tiến trình thường trú (cần fork và Unix socket).\n"
                                   "A resident process cannot run on this system (it needs fork and Unix sockets).")
    path = protocol.socket_path()
    if _running(path, _RUNNING):
        return
    try:
        proc = spawn(path, idle_minutes)
    except SpawnError as e:
        raise click.ClickException(f"{e.vi}\n{e.en}") from None
    deadline = time.monotonic() + _START_WAIT
    while time.monotonic() < deadline:
        if _running(path, "Đã khởi động tiến trình thường trú / Started the resident process"):
            return
        if proc.poll() is not None:  # it left: another start won the race, or it failed
            if _running(path, _RUNNING):
                return
            break
        time.sleep(0.05)
    log = protocol.beside(path, ".log")
    raise click.ClickException(f"Không khởi động được tiến trình thường trú; xem {log}.\n"
                               f"The resident process did not start; see {log}.")


def _running(path: str | None, said: str) -> bool:
    """Whether a resident process answers on `path`; if so, `said` and its description are printed."""
    st = client.ask("status", path)
    if not st or not st.get("ok"):
        return False
    click.echo(f"{said}: {_describe(st)}")
    return True


@daemon_cmd.command("status")
def status_cmd() -> None:
    """Đang chạy không / is it running (exit 1 when not)."""
    if not _running(None, _RUNNING):
        click.echo(_NONE)
        sys.exit(1)


@daemon_cmd.command("stop")
def stop_cmd() -> None:
    """Dừng / stop the resident process (commands then run in their own process)."""
    st = client.ask("stop")
    if not st or not st.get("ok"):
        click.echo(_NONE)
        return
    path = protocol.socket_path()
    deadline = time.monotonic() + 10
    while os.path.exists(path) and time.monotonic() < deadline:
        time.sleep(0.02)
    click.echo(f"Đã dừng tiến trình thường trú (pid {st.get('pid')}) / Stopped the resident process.")
