"""The quality tables (问题数据) on the province-scale archive (`make bench`, after bench_teachers.py on its database):
a full rebuild over 1,000,000 archives, the incremental refresh after CHANGES archives were written (a year typed
wrong here and there, a new title, one in ten moved to another school — stamped as every write is), and the reads
(a county's worklist page, the province's summary per city, `problem_counts` for every organisation).

The bench archive is all approved and holds records of only some groups, so the required-groups rule (Q005) flags
every archive: the rebuild writes a million issues — the worst case. Prints the rebuild's time once and the
refresh's p50/p95 over RUNS rounds. TMIS_BENCH_SMOKE=1: tiny.
"""

from __future__ import annotations

import time

from bench_setup import size  # sets Django up
from django.core.management import call_command
from django.db import connection
from rest_framework.test import APIClient
from stats import percentile

from tmis.accounts.models import User
from tmis.accounts.tokens import tokens_for
from tmis.orgs.models import Organisation
from tmis.quality.models import QualityIssue
from tmis.quality.refresh import rebuild, refresh
from tmis.quality.selectors import problem_counts
from tmis.reports.refresh import refresh as refresh_reports

CHANGES = size("BENCH_QUALITY_CHANGES", 10_000, 50)
RUNS = size("BENCH_QUALITY_RUNS", 5, 2)
READS = size("BENCH_QUALITY_READS", 30, 3)


def _write_changes(count: int, round_: int) -> int:
    """`count` random current archives rewritten: one in three with 进本校年月 before 参加工作年月, one in five with a
    正高级 title at grade 8, one in ten moved to another school of the province; each stamped with the next
    change_seq."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH picked AS (
                SELECT id, row_number() OVER () AS n FROM teachers_teacher
                WHERE active AND id %% 89 = %(round)s ORDER BY random() LIMIT %(count)s
            ),
            schools AS (SELECT array_agg(id) AS ids FROM orgs_organisation WHERE level = 'school'
                        AND province_code = '620000')
            UPDATE teachers_teacher t
            SET work_start_month = (extract(year FROM t.birth_date)::int + 22)::text || '-09',
                school_entry_month = (extract(year FROM t.birth_date)::int + CASE WHEN p.n %% 3 = 0 THEN 21 ELSE 25 END)
                                     ::text || '-09',
                current_professional_title = CASE WHEN p.n %% 5 = 0 THEN '061' ELSE '063' END,
                current_post_grade = '108',
                school_id = CASE WHEN p.n %% 10 = 0 THEN s.ids[1 + (p.n * 7919) %% array_length(s.ids, 1)]
                                 ELSE t.school_id END,
                change_seq = nextval('teacher_change_seq')
            FROM picked p, schools s
            WHERE t.id = p.id
            """,
            {"count": count, "round": round_ % 89},
        )
        written = cursor.rowcount
        cursor.execute(
            "UPDATE teachers_teacher t SET org_path = s.path FROM orgs_organisation s "
            "WHERE s.id = t.school_id AND t.org_path <> s.path"
        )
    return written


def _client(username: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens_for(User.objects.get(username=username)).access_token}")
    return client


def _timed(fn) -> tuple[float, float]:
    samples = []
    for _ in range(READS):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return percentile(samples, 50) * 1000, percentile(samples, 95) * 1000


def main() -> None:
    call_command("migrate", verbosity=0)
    refresh_reports()  # the score's denominator
    started = time.perf_counter()
    built = rebuild()
    rebuild_s = time.perf_counter() - started
    print(f"| rebuild: {built.teachers:,} archives → {built.issues:,} issues | {rebuild_s:.1f} s |")
    started = time.perf_counter()
    idle = refresh()
    print(
        f"| refresh with nothing new (re-reads its overlap: {idle.teachers:,} archives) | "
        f"{time.perf_counter() - started:.2f} s |"
    )
    samples = []
    for round_ in range(RUNS):
        written = _write_changes(CHANGES, round_)
        started = time.perf_counter()
        result = refresh()
        samples.append(time.perf_counter() - started)
        assert result.teachers >= written > 0, (result, written)
    print("| request | p50 | p95 |")
    print("|---|---|---|")
    print(
        f"| refresh after {CHANGES:,} changed archives ({RUNS} rounds) | {percentile(samples, 50):.2f} s "
        f"| {percentile(samples, 95):.2f} s |"
    )
    refresh_reports()
    county, province = _client("demo-county-a"), _client("demo-province")
    for label, fn in (
        ("county: first worklist page (50 issues)", lambda: county.get("/api/v1/quality/issues/")),
        ("province: summary per city with scores", lambda: province.get("/api/v1/quality/summary/")),
    ):
        response = fn()
        assert response.status_code == 200, response.content[:300]
        p50, p95 = _timed(fn)
        print(f"| {label} ({READS} runs) | {p50:.1f} ms | {p95:.1f} ms |")
    ids = list(Organisation.objects.values_list("id", flat=True))
    p50, p95 = _timed(lambda: problem_counts(ids))
    print(f"| problem_counts for all {len(ids):,} organisations ({READS} runs) | {p50:.1f} ms | {p95:.1f} ms |")
    print(f"issues now: {QualityIssue.objects.count():,}")


if __name__ == "__main__":
    main()
