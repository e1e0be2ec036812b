"""The summary tables on the province-scale archive (`make bench`, after bench_teachers.py on its database):
a full rebuild of 1,000,000 teachers, the incremental refresh after CHANGES archives were written (approved,
a new title, a move to another school — stamped as every write is), and the monthly report's snapshot — with a
statistics headcount for every school and the data-quality worklist brought up to date first (its own incremental
refresh after the changes is part of the snapshot's time, as in the monthly job).

Prints the rebuild's time once and the refresh's p50/p95 over RUNS rounds. TMIS_BENCH_SMOKE=1: tiny.
"""

from __future__ import annotations

import time

from bench_setup import size  # sets Django up
from django.core.management import call_command
from django.db import connection
from stats import percentile

from tmis.quality.refresh import rebuild as rebuild_quality
from tmis.reports.monthly import take_snapshot
from tmis.reports.refresh import rebuild, refresh

CHANGES = size("BENCH_REPORT_CHANGES", 10_000, 50)
RUNS = size("BENCH_REPORT_RUNS", 5, 2)


def _write_changes(count: int, round_: int) -> int:
    """`count` random current archives approved with a new title (one in ten moved to another school of the
    province), each stamped with the next change_seq — what as many approved changes leave behind."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH picked AS (
                SELECT id, row_number() OVER () AS n FROM teachers_teacher
                WHERE active AND id %% 97 = %(round)s ORDER BY random() LIMIT %(count)s
            ),
            schools AS (SELECT array_agg(id) AS ids FROM orgs_organisation WHERE level = 'school'
                        AND province_code = '620000')
            UPDATE teachers_teacher t
            SET record_state = 'approved',
                current_professional_title = (ARRAY['0', '011', '012', '013', '020'])[1 + (p.n %% 5)],
                school_id = CASE WHEN p.n %% 10 = 0 THEN s.ids[1 + (p.n * 7919) %% array_length(s.ids, 1)]
                                 ELSE t.school_id END,
                change_seq = nextval('teacher_change_seq')
            FROM picked p, schools s
            WHERE t.id = p.id
            """,
            {"count": count, "round": round_ % 97},
        )
        written = cursor.rowcount
        cursor.execute(
            "UPDATE teachers_teacher t SET org_path = s.path FROM orgs_organisation s "
            "WHERE s.id = t.school_id AND t.org_path <> s.path"
        )
    return written


def _headcounts(year: int) -> None:
    """A statistics headcount for every school of the database (what the monthly report joins)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO headcounts_schoolheadcount (school_id, year, fulltime, staff, updated_at)
            SELECT id, %(year)s, 30 + id %% 10, 45 + id %% 15, now() FROM orgs_organisation WHERE level = 'school'
            ON CONFLICT (school_id, year) DO NOTHING
            """,
            {"year": year},
        )


def main() -> None:
    call_command("migrate", verbosity=0)
    _headcounts(2026)
    rebuild_quality()  # untimed: the worklist as the nightly job leaves it
    started = time.perf_counter()
    built = rebuild()
    rebuild_s = time.perf_counter() - started
    print(f"| rebuild: {built.teachers:,} teachers → {built.cells:,} summary rows | {rebuild_s:.1f} s |")
    samples = []
    for round_ in range(RUNS):
        written = _write_changes(CHANGES, round_)
        started = time.perf_counter()
        result = refresh()
        samples.append(time.perf_counter() - started)
        assert result.teachers >= written > 0, (result, written)
    print("| request | p50 s | p95 s |")
    print("|---|---|---|")
    print(
        f"| refresh after {CHANGES:,} changed archives ({RUNS} rounds) | {percentile(samples, 50):.2f} "
        f"| {percentile(samples, 95):.2f} |"
    )
    snapshots = []
    for _ in range(RUNS):
        started = time.perf_counter()
        take_snapshot(period="2026-11")
        snapshots.append(time.perf_counter() - started)
    print(
        f"| the province's monthly snapshot ({RUNS} runs) | {percentile(snapshots, 50):.2f} "
        f"| {percentile(snapshots, 95):.2f} |"
    )


if __name__ == "__main__":
    main()
