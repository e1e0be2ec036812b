"""Import pipeline at county scale (`make bench`, issue 6): a generated template workbook of BENCH_IMPORT_ROWS teachers
(default 100,000; 1 % bad rows) imported end to end by `run_import` in a child process — rows/s and peak RSS — then
the same rows loaded by raw COPY (the physical limit), by per-row DRF saves and by django-import-export
(BENCH_SAMPLE rows each, default 2,000).

    BENCH_IMPORT_ROWS=100000 .venv/bin/python -m tmis.devdb --database tmis_bench_imports --fresh -- \
        .venv/bin/python tests/bench/bench_imports.py

The workbook: `import_workbook.py`; the comparisons: `import_comparisons.py`. TMIS_BENCH_SMOKE=1: 800 rows, 20 of
them compared (django-import-export only if it is installed).
BENCH_PROFILE=/tmp/import.prof also profiles the import child (cProfile; its top functions are printed).
The child is `bench_imports.py --run-import JOB_ID`: django.setup() and run_import, nothing else.
"""

from __future__ import annotations

import io
import json
import os
import sys
import uuid
from pathlib import Path
from typing import Any

from bench_setup import size  # sets Django up
from child_process import CHILD_MARK, SAMPLE_SECONDS, peak_kb, run_child
from django.conf import settings
from django.db import connection
from import_comparisons import archive_copy, calamine_read, compare, drf_saves, forget, import_export, raw_copy, stored
from import_workbook import COUNTY, Catalogue, Generated, generate
from progress_watch import ProgressWatch

ROWS = size("BENCH_IMPORT_ROWS", 100_000, 800)
SAMPLE = size("BENCH_SAMPLE", 2_000, 20)
PROFILE = os.environ.get("BENCH_PROFILE", "")
FILLER = "bench-county-filler"
TARGET_ROWS_PER_S = 10_000
TARGET_RSS_MB = 500


# --- the import, end to end in a child process ---------------------------------------------------------------------


def run_import_child(job_id: int) -> None:
    """`--run-import JOB_ID`: the job as the worker runs it. Reports its own peak RSS (VmHWM, this address space
    only: getrusage's ru_maxrss would also count the parent's memory at the time of the exec)."""
    from tmis.imports.pipeline import run_import

    connection.close()
    if PROFILE:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.runcall(run_import, job_id)
        profiler.dump_stats(PROFILE)
        stats = pstats.Stats(profiler, stream=sys.stdout).strip_dirs()
        stats.sort_stats("tottime").print_stats(25)
        stats.sort_stats("cumulative").print_stats(30)
    else:
        run_import(job_id)
    print(CHILD_MARK + json.dumps({"peak_kb": peak_kb()}), flush=True)


def import_end_to_end(generated: Generated, county: Any, filler: Any) -> dict[str, Any]:
    from tmis.imports.models import ImportJob

    relative = generated.path.relative_to(settings.TMIS_FILES_DIR)
    job = ImportJob.objects.create(
        owner=filler,
        organisation=county,
        org_path=county.path,
        file_name=f"城关区教师{ROWS}.xlsx",
        file_path=str(relative),
        file_size=generated.path.stat().st_size,
    )
    with ProgressWatch(ImportJob, job.pk, extra=("opened_percent",)) as watch:
        result = run_child(__file__, ["--run-import", str(job.pk)])
    job.refresh_from_db()
    return result | {"job": job, "progress": watch.line()}


# --- the run -------------------------------------------------------------------------------------------------------


def setup() -> tuple[Any, Any, list[Any]]:
    from django.core.management import call_command

    from tmis.accounts.models import User
    from tmis.accounts.services import user_create
    from tmis.core.scope import SYSTEM
    from tmis.orgs.models import Organisation

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    county = Organisation.objects.get(code=COUNTY)
    filler = User.objects.filter(username=FILLER).first() or user_create(
        actor=SYSTEM,
        username=FILLER,
        password=f"Bench-{uuid.uuid4().hex[:12]}!",
        organisation_code=COUNTY,
        roles=["filler"],
        display_name="城关区教育局填报员（基准测试）",
    )
    schools = list(Organisation.objects.filter(level="school", path__startswith=county.path).order_by("code"))
    return county, filler, schools


def main() -> None:
    county, filler, schools = setup()
    catalogue = Catalogue(county, schools)
    target = Path(settings.TMIS_FILES_DIR) / "imports" / f"bench-{uuid.uuid4().hex}.xlsx"
    target.parent.mkdir(parents=True, exist_ok=True)
    print(f"county {county.code} {county.name}; schools in the file: {', '.join(catalogue.by_school)}")
    for note in catalogue.skipped:
        print(f"  left out (its required codes are not in the county template's lists): {note}")
    try:
        generated = generate(catalogue, target, rows=ROWS, sample=SAMPLE)
        size_mb = target.stat().st_size / 1024 / 1024
        bad_total = sum(generated.bad.values())
        print(
            f"workbook: {ROWS:,} rows × {len(generated.codes)} columns, {size_mb:.1f} MB, generated in "
            f"{generated.seconds:.1f} s (not part of the import figure); bad rows {bad_total:,} "
            f"({', '.join(f'{k} {v}' for k, v in sorted(generated.bad.items()))})"
        )
        pipeline = import_end_to_end(generated, county, filler)
        read_seconds = calamine_read(target, ROWS)
    finally:
        target.unlink(missing_ok=True)
    job = pipeline["job"]
    seconds, peak = pipeline["seconds"], pipeline["peak_mb"]
    print(
        f"import job {job.pk}: state {job.state} {job.error_code}; rows_total {job.progress_total:,}, written "
        f"{job.rows_written:,}, failed {job.rows_failed:,}, warned {job.rows_warned:,} (expected {bad_total:,} "
        f"failed)"
    )
    from django.db.models import Count

    from tmis.imports.models import ImportProblem

    found = ImportProblem.objects.filter(job=job).values_list("severity", "code").annotate(n=Count("id"))
    print(f"  problems by code: {', '.join(f'{severity} {code} {n}' for severity, code, n in sorted(found))}")
    job_seconds = (job.finished_at - job.started_at).total_seconds()
    print(
        f"  child wall {seconds:.1f} s = job {job_seconds:.1f} s + start-up {seconds - job_seconds:.1f} s; timings "
        f"{json.dumps(job.timings)} (read, then parsing and writing side by side: the writer thread commits a batch "
        "while the next is parsed, so they add up to more than the job)"
    )
    print(
        f"  peak RSS {peak:.0f} MB: import process {pipeline['own_mb']:.0f} MB (VmHWM), its process tree "
        f"({pipeline['processes']} processes at most) {pipeline['tree_mb']:.0f} MB "
        f"RSS summed ({pipeline['pss_mb']:.0f} MB PSS; sampled every {SAMPLE_SECONDS} s)"
    )
    print(f"  {pipeline['progress']}")
    assert job.state == "done", (job.state, job.error_code, job.error_message)
    assert job.progress_total == ROWS, job.progress_total
    assert job.rows_written + job.rows_failed == ROWS, (job.rows_written, job.rows_failed)
    assert job.rows_failed == bad_total, (job.rows_failed, bad_total)

    copy_seconds = raw_copy(generated)
    archive_rows, archive_seconds = archive_copy(filler)
    digests = [s["_digest"] for s in generated.samples]
    reference = stored(digests)
    assert len(reference) == len(digests), "the pipeline did not write every sample row"
    forget(digests)
    drf_seconds = drf_saves(generated.samples, filler)
    drf_note = compare("DRF", reference, digests)
    forget(digests)
    iie_seconds, iie_label = import_export(generated.samples, filler)
    iie_note = compare("django-import-export", reference, digests) if iie_seconds else iie_label
    if iie_seconds is None:
        print(f"django-import-export: {iie_label}")

    pipeline_rate = ROWS / seconds
    cases = [
        ("raw COPY of the cell texts into an UNLOGGED table (physical limit)", ROWS, copy_seconds, ""),
        ("python-calamine: load the workbook and walk its rows, nothing else", ROWS, read_seconds, "reading floor"),
        (
            "COPY of the written archives' stored rows into the archive table, 1,000 a transaction",
            archive_rows,
            archive_seconds,
            "writing floor: 13 indexes, history trigger, FK checks",
        ),
        ("**import pipeline, end to end** (child process: start-up, read, validate, write)", ROWS, seconds, ""),
        ("per-row DRF saves: POST /api/v1/teachers/ (APIClient, JWT)", len(digests), drf_seconds, drf_note),
        (iie_label + " ModelResource, import_data", len(digests), iie_seconds, iie_note),
    ]
    print()
    print("| method | rows | seconds | rows/s | ratio to the pipeline | note |")
    print("|---|---|---|---|---|---|")
    for label, rows, secs, note in cases:
        if secs:
            ratio = rows / secs / pipeline_rate
            print(f"| {label} | {rows:,} | {secs:.2f} | {rows / secs:,.0f} | {ratio:.3g}× | {note} |")
        else:
            print(f"| {label} | {rows:,} | — | — | — | {note} |")
    print()
    print("| issue 6 target | measured | met |")
    print("|---|---|---|")
    met = "yes" if pipeline_rate >= TARGET_ROWS_PER_S else "no"
    print(f"| ≥ {TARGET_ROWS_PER_S:,} rows/s end to end | {pipeline_rate:,.0f} rows/s | {met} |")
    print(f"| peak RSS < {TARGET_RSS_MB} MB | {peak:.0f} MB | {'yes' if peak < TARGET_RSS_MB else 'no'} |")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--run-import":
        run_import_child(int(sys.argv[2]))
    else:
        main()
