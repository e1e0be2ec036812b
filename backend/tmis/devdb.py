"""Run a command against TMIS's database.

    python -m tmis.devdb [--database NAME] [--fresh] -- COMMAND [ARGS...]

With DATABASE_URL set, the command runs against that server (the database name may be replaced with
--database). Without it, an embedded PostgreSQL (the `pgserver` package) is started with its data under
var/pg/ (kept between runs), DATABASE_URL is set for the command, and the server is stopped when the
command ends — also on Ctrl-C. --fresh drops and recreates the database first (used by the browser tests).
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

import psycopg
from psycopg import sql

REPO_DIR = Path(__file__).resolve().parent.parent.parent
DEFAULT_DATABASE = "tmis"


def _with_database(url: str, database: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + database))


def _ensure_database(url: str, database: str, *, fresh: bool) -> None:
    admin_url = _with_database(url, "postgres")
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone()
        if exists and fresh:
            conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [database])
            conn.execute(sql.SQL("DROP DATABASE {}").format(sql.Identifier(database)))
            exists = None
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))


def _run(command: list[str], env: dict[str, str]) -> int:
    child = subprocess.Popen(command, env=env)

    def forward(signum: int, _frame: object) -> None:
        if child.poll() is None:
            child.send_signal(signum)

    signal.signal(signal.SIGINT, forward)
    signal.signal(signal.SIGTERM, forward)
    return child.wait()


def _forget_dead_handles(server: Any) -> None:
    """pgserver keeps the pids of processes using the server and stops it when the last one leaves. A process
    killed outright (SIGKILL) never leaves, and the server would run on for ever: drop pids no longer alive."""
    import psutil

    with server._lock:
        handles = server.global_process_id_list
        alive = [pid for pid in handles.get() if pid == os.getpid() or psutil.pid_exists(pid)]
        handles.put(alive)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tmis.devdb", description=__doc__.splitlines()[0])
    parser.add_argument("--database", help="database name (default: from DATABASE_URL, else 'tmis')")
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the database first")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command given")

    env = dict(os.environ)
    if url := env.get("DATABASE_URL"):
        if args.database:
            url = _with_database(url, args.database)
            _ensure_database(url, args.database, fresh=args.fresh)
        elif args.fresh:
            parser.error("--fresh needs --database when DATABASE_URL is set")
        env["DATABASE_URL"] = url
        return _run(command, env)

    import warnings

    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
    import pgserver  # only needed for the embedded server

    pgdata = Path(env.get("TMIS_VAR_DIR", REPO_DIR / "var")) / "pg"
    pgdata.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(pgdata, cleanup_mode="stop")
    try:
        info = server.get_postmaster_info()
        socket_dir = str(info.socket_dir) if info.socket_dir else None
        database = args.database or DEFAULT_DATABASE
        if socket_dir:
            url = f"postgresql://postgres@{quote(socket_dir, safe='')}/{database}"
        else:  # pragma: no cover - pgserver uses a TCP port only where Unix sockets are missing
            url = f"postgresql://postgres@127.0.0.1:{info.port}/{database}"
        _ensure_database(url, database, fresh=args.fresh)
        env["DATABASE_URL"] = url
        return _run(command, env)
    finally:
        _forget_dead_handles(server)
        server.cleanup()  # stops PostgreSQL when this was the last live handle


if __name__ == "__main__":
    sys.exit(main())
