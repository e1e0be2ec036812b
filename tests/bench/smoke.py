"""Every bench once at a tiny size (TMIS_BENCH_SMOKE=1: the same code paths as `make bench`, in seconds), so that a
refactor that breaks a bench fails `make test` (`make bench-smoke`).

Run under tmis.devdb, whose DATABASE_URL names a scratch database: it is migrated once (with the demo data) and
serves as the template from which each bench gets a fresh database of its own (CREATE DATABASE … TEMPLATE, a file
copy: migrating once costs a minute, copying a second). The exports bench runs on the teachers bench's copy, as in
`make bench`.

    .venv/bin/python -m tmis.devdb --database tmis_bench_smoke -- .venv/bin/python tests/bench/smoke.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

HERE = Path(__file__).resolve().parent
MANAGE = HERE.parents[1] / "backend" / "manage.py"
# Each group runs in order on one fresh copy of the template.
GROUPS = [
    ["bench_orgs.py", "bench_reports_national.py"],
    ["bench_catalog.py"],
    [
        "bench_teachers.py",
        "bench_exports.py",
        "bench_changes.py",
        "bench_feed.py",
        "bench_reports_province.py",
        "bench_quality.py",
        "bench_training.py",
        "bench_rotation.py",
    ],
    ["bench_imports.py"],
    ["bench_messy_import.py"],
    ["bench_group_import.py"],
    ["bench_crypto.py"],
]


def with_database(url: str, database: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path="/" + database))


def run(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True)
    return time.perf_counter() - started


def copy_of(admin_url: str, template: str, name: str, *, drop_only: bool = False) -> None:
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        if not drop_only:
            conn.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(name), sql.Identifier(template))
            )


def main() -> int:
    url = os.environ["DATABASE_URL"]
    template = urlsplit(url).path.lstrip("/")
    admin_url = with_database(url, "postgres")
    env = dict(os.environ, TMIS_BENCH_SMOKE="1")
    timings: list[tuple[str, float]] = []
    print(f"bench smoke: migrating the template database {template}", flush=True)
    seconds = run([sys.executable, str(MANAGE), "migrate", "--no-input", "-v0"], env)
    seconds += run([sys.executable, str(MANAGE), "load_demo", "-v0"], env)
    timings.append(("migrate and demo data (once)", seconds))
    failed = []
    for number, group in enumerate(GROUPS, start=1):
        name = f"{template}_{number}"
        copy_of(admin_url, template, name)
        bench_env = env | {"DATABASE_URL": with_database(url, name)}
        try:
            for script in group:
                print(f"\n=== {script} (smoke, database {name})", flush=True)
                try:
                    timings.append((script, run([sys.executable, str(HERE / script)], bench_env)))
                except subprocess.CalledProcessError as error:
                    failed.append(f"{script} (exit {error.returncode})")
                    break  # the rest of the group needs what this one left
        finally:
            copy_of(admin_url, template, name, drop_only=True)
    print("\n| bench smoke | seconds |\n|---|---|")
    for label, seconds in timings:
        print(f"| {label} | {seconds:.1f} |")
    if failed:
        print(f"bench smoke FAILED: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
