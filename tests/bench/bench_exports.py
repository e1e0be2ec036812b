"""Export at province scale (`make bench`, issue 6): every teacher the province admin sees, all default columns, to
XLSX (and CSV with BENCH_EXPORT_CSV=1) by `run_export` in a child process — rows/s, peak RSS and file size.

Runs on the database bench_teachers.py loaded (never fresh):

    .venv/bin/python -m tmis.devdb --database tmis_bench_teachers -- .venv/bin/python tests/bench/bench_exports.py

BENCH_EXPORT_ROWS (default 1,000,000) is the size the figure is meant for: a database with fewer teachers is said so
and exported as it is. The file is deleted afterwards. BENCH_PROFILE=/tmp/export.prof profiles the export child.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from bench_setup import size  # sets Django up
from child_process import CHILD_MARK, peak_kb, run_child
from django.conf import settings
from django.db import connection

ROWS = size("BENCH_EXPORT_ROWS", 1_000_000, 2_000)
CSV = os.environ.get("BENCH_EXPORT_CSV") == "1"
PROFILE = os.environ.get("BENCH_PROFILE", "")
USER = "demo-province"
TARGET_RSS_MB = 300


def run_export_child(export_id: int) -> None:
    """`--run-export EXPORT_ID`: the job as the worker runs it; reports its own peak RSS (VmHWM)."""
    import json

    from tmis.exports.writer import run_export

    connection.close()
    if PROFILE:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.runcall(run_export, export_id)
        profiler.dump_stats(PROFILE)
        pstats.Stats(profiler, stream=sys.stdout).strip_dirs().sort_stats("tottime").print_stats(25)
    else:
        run_export(export_id)
    print(CHILD_MARK + json.dumps({"peak_kb": peak_kb()}), flush=True)


def export(user: Any, fmt: str) -> dict[str, Any]:
    from tmis.exports.models import ExportJob
    from tmis.exports.services import export_columns

    job = ExportJob.objects.create(
        owner=user,
        organisation=user.organisation,
        org_path=user.scope_path,
        filters={},
        fields=[code for code, _name in export_columns(user)],
        format=fmt,
    )
    result = run_child(__file__, ["--run-export", str(job.pk)])
    job.refresh_from_db()
    assert job.state == "done", (job.state, job.error_message)
    path = Path(settings.TMIS_FILES_DIR) / job.file_path
    size = path.stat().st_size
    path.unlink()
    return result | {"job": job, "size_mb": size / 1024 / 1024}


def main() -> None:
    from django.core.management import call_command

    from tmis.accounts.models import User
    from tmis.teachers.models import Teacher

    call_command("migrate", verbosity=0)
    user = User.objects.select_related("organisation").get(username=USER)
    visible = Teacher.objects.visible_to(user).count()
    if visible < ROWS:
        print(
            f"note: {USER} sees {visible:,} teachers, fewer than BENCH_EXPORT_ROWS={ROWS:,} "
            f"(load them with bench_teachers.py); exporting the {visible:,} there are"
        )
    else:
        print(f"{USER} sees {visible:,} teachers")
    runs = [("xlsx", export(user, "xlsx"))]
    if CSV:
        runs.append(("csv", export(user, "csv")))
    print()
    print(
        f"| export (all default columns, no filter) | rows | seconds | rows/s | peak RSS MB (< {TARGET_RSS_MB}) | met "
        "| file MB |"
    )
    print("|---|---|---|---|---|---|---|")
    for fmt, run in runs:
        job, seconds, peak = run["job"], run["seconds"], run["peak_mb"]
        assert job.progress_done == visible, (job.progress_done, visible)
        columns = len(job.fields)
        met = "yes" if peak < TARGET_RSS_MB else "no"
        print(
            f"| {fmt.upper()}, {columns} columns (child process, end to end) | {job.progress_done:,} | {seconds:.1f} | "
            f"{job.progress_done / seconds:,.0f} | {peak:.0f} | {met} | {run['size_mb']:.1f} |"
        )
    for fmt, run in runs:
        job = run["job"]
        job_seconds = (job.finished_at - job.started_at).total_seconds()
        print(
            f"{fmt}: job {job_seconds:.1f} s ({job.progress_done / job_seconds:,.0f} rows/s) + start-up "
            f"{run['seconds'] - job_seconds:.1f} s; export process {run['own_mb']:.0f} MB (VmHWM), "
            f"process tree {run['tree_mb']:.0f} MB RSS ({run['pss_mb']:.0f} MB PSS)"
        )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--run-export":
        run_export_child(int(sys.argv[2]))
    else:
        main()
