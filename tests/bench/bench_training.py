"""Training credits on the province-scale archive (`make bench`, after bench_teachers.py on its database): the
standings and school tallies of 1,000,000 teachers rebuilt, the compliance roll-up of 甘肃 read (the selector alone
and through HTTP), and a programme's completion list of BATCH teachers confirmed (`completions_confirm`: BATCH
approved claims, archive records, standings and tallies recounted).

The claims are generated once by one `INSERT … SELECT` (approved, as filed claims leave them after review; no archive
records: compliance reads the claims, the standings and the tallies, never the 国内培训 records): for SHARE of the
province's current teachers 1–4 claims each, about half of them in the current cycle, the rest over 2021–2025;
one teacher in twenty has a 360-hour claim of the current cycle (compliant).
A later run finds them and only rebuilds. TMIS_BENCH_SMOKE=1: tiny.
"""

from __future__ import annotations

import datetime as dt
import time

from bench_setup import size  # sets Django up
from django.core.management import call_command
from django.db import connection
from rest_framework.test import APIClient
from stats import percentile, timed

from tmis.accounts.models import User
from tmis.accounts.tokens import tokens_for
from tmis.orgs.models import Organisation
from tmis.reports.refresh import refresh as refresh_reports
from tmis.training.completions import completions_confirm
from tmis.training.models import Claim, Participant, SchoolTally, Standing
from tmis.training.programmes import programme_create
from tmis.training.rules import rules_for
from tmis.training.selectors import compliance
from tmis.training.standings import rebuild

PROVINCE = "620000"
SHARE = size("BENCH_TRAINING_SHARE", 80, 80)  # per cent of the current teachers with claims
READS = size("BENCH_TRAINING_READS", 50, 3)
BATCH = size("BENCH_TRAINING_BATCH", 1_000, 50)
RUNS = size("BENCH_TRAINING_RUNS", 5, 2)
TITLE = "bench: generated claim"


def _generate_claims(actor: User, today: dt.date) -> int:
    """The approved claims of SHARE % of the province's current teachers (1 to 4 each), once."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM training_claim WHERE title = %s", [TITLE])
        if cursor.fetchone()[0]:
            return 0
        cursor.execute(
            """
            INSERT INTO training_claim (teacher_id, school_id, kind, source, programme_id, title, provider, level,
                                        form, hours, credits, date, note, state, evidence_name, evidence_path,
                                        record_id, created_by_id, created_at, approved_at, updated_at)
            SELECT t.id, t.school_id,
                   (ARRAY['school_based','research','self_study','exchange','other'])[1 + (t.id + g) %% 5],
                   'filed', NULL, %(title)s, '', (ARRAY['1','2','3','4','5'])[1 + (t.id * 7 + g) %% 5],
                   (ARRAY['1','2','3','4'])[1 + (t.id + g) %% 4], h.hours, h.hours / 10.0,
                   least(make_date((CASE WHEN (t.id + g) %% 2 = 0 THEN %(year)s
                                         ELSE 2021 + (t.id * 13 + g * 7) %% 5 END)::int,
                                   (1 + (t.id + g) %% 12)::int, (1 + (t.id * 3 + g) %% 28)::int), %(today)s::date),
                   '', 'approved', '', '', NULL, %(actor)s, now(), now(), now()
            FROM teachers_teacher t
            CROSS JOIN LATERAL generate_series(1, 1 + t.id %% 4) g
            CROSS JOIN LATERAL (
                SELECT CASE WHEN t.id %% 20 = 1 AND g = 1 THEN 360  -- a degree study: compliant at once
                            ELSE (ARRAY[24, 40, 60, 90, 120])[1 + (t.id * 5 + g) %% 5] END AS hours
            ) h
            WHERE t.province_code = %(province)s AND t.active AND t.id %% 100 < %(share)s
            """,
            {
                "title": TITLE,
                "year": today.year,
                "today": today,
                "actor": actor.pk,
                "province": PROVINCE,
                "share": SHARE,
            },
        )
        written = cursor.rowcount
        cursor.execute("ANALYZE training_claim")
    return written


def _client(user: User) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens_for(user).access_token}")
    return client


def _completion_list(actor: User, run: int, today: dt.date) -> object:
    """A province programme with BATCH random current teachers of the province completed (not yet confirmed)."""
    programme = programme_create(
        actor=actor,
        name=f"bench: completion list {run} ({time.time_ns()})"[:100],
        form="1",
        hours=40,
        start_date=today - dt.timedelta(days=30),
        end_date=today - dt.timedelta(days=28),
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id FROM teachers_teacher WHERE province_code = %s AND active ORDER BY random() LIMIT %s",
            [PROVINCE, BATCH],
        )
        teachers = [row[0] for row in cursor.fetchall()]
    Participant.objects.bulk_create(
        [Participant(programme=programme, teacher_id=teacher, hours=40) for teacher in teachers], batch_size=2000
    )
    return programme


def main() -> None:
    call_command("migrate", verbosity=0)
    today = dt.date.today()
    province_admin = User.objects.select_related("organisation").get(username="demo-province")
    province = Organisation.objects.get(code=PROVINCE)
    started = time.perf_counter()
    written = _generate_claims(province_admin, today)
    if written:
        print(
            f"| claims generated: {written:,} (one INSERT … SELECT, ANALYZE) | {time.perf_counter() - started:.1f} s |"
        )
    started = time.perf_counter()
    refresh_reports()  # the compliance roll-up's current teachers come from the report summaries
    print(f"| report summaries brought up to date (not part of any figure) | {time.perf_counter() - started:.1f} s |")

    started = time.perf_counter()
    rebuild(province=PROVINCE)
    rebuild_s = time.perf_counter() - started
    rules = rules_for(PROVINCE)
    cycle = rules.cycle_of(today.year)[0]
    print(
        f"| rebuild: {Claim.objects.filter(state='approved').count():,} approved claims → "
        f"{Standing.objects.count():,} standings, {SchoolTally.objects.count():,} school tallies | {rebuild_s:.1f} s |"
    )

    print("| request | p50 ms | p95 ms |")
    print("|---|---|---|")
    rolled = compliance(organisation=province, cycle_start=cycle, rules=rules)["organisation"]
    assert rolled["with_hours"] > 0 and rolled["teachers"] > 0, rolled
    p50, p95 = timed(lambda: compliance(organisation=province, cycle_start=cycle, rules=rules), READS)
    print(f"| `compliance(620000)`: 甘肃 and its cities ({READS} runs) | {p50:.1f} | {p95:.1f} |")
    client = _client(province_admin)
    url = f"/api/v1/training/compliance/?org={PROVINCE}&cycle={cycle}-{cycle + rules.cycle_years - 1}"
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    p50, p95 = timed(lambda: client.get(url), READS)
    print(f"| `GET training/compliance/?org=620000` as demo-province ({READS} runs) | {p50:.1f} | {p95:.1f} |")
    county = Organisation.objects.filter(parent__parent=province, level="county").order_by("code").first()
    county_url = f"/api/v1/training/compliance/?org={county.code}"
    assert client.get(county_url).status_code == 200
    p50, p95 = timed(lambda: client.get(county_url), READS)
    label = f"`GET training/compliance/?org={county.code}`: a county and its schools"
    print(f"| {label} ({READS} runs) | {p50:.1f} | {p95:.1f} |")
    print(
        f"甘肃 {rules.cycle_of(today.year)}: {rolled['teachers']:,} teachers, {rolled['with_hours']:,} with hours, "
        f"{rolled['compliant']:,} compliant, {rolled['on_track']:,} on track, {rolled['behind']:,} behind"
    )

    samples = []
    for run in range(RUNS):
        programme = _completion_list(province_admin, run, today)
        started = time.perf_counter()
        result = completions_confirm(actor=province_admin, programme=programme)
        samples.append(time.perf_counter() - started)
        assert result["confirmed"] == BATCH, result
    print(
        f"| `completions_confirm`: {BATCH:,} completed participants → approved claims ({RUNS} runs) | "
        f"median {percentile(samples, 50):.2f} s | max {max(samples):.2f} s |"
    )
    print("runs: " + ", ".join(f"{s:.2f} s" for s in samples))


if __name__ == "__main__":
    main()
