"""Exchange rotation on the province-scale archive (`make bench`, after bench_teachers.py on its database): the
eligibility of a county and of a 20,000-teacher area judged (the list's one statement, through the selector and through
HTTP), the province's tallies rebuilt (the nightly job), and the targets of 甘肃 rolled up (the selector and HTTP).

The teachers bench leaves 进本校年月 and 骨干教师 empty and writes no 教育教学 records, so once, with the triggers off
(as the loader writes), every teacher of the province gets an entry month between 2000 and 2025, one in seven is a
backbone teacher and each has two 教育教学 records; and every county gets an approved plan of the year whose
assignments are about 4 % of its teachers, by one INSERT … SELECT. A later run finds them. TMIS_BENCH_SMOKE=1: tiny.
"""

from __future__ import annotations

import datetime as dt
import time

from bench_setup import size  # sets Django up
from django.core.management import call_command
from django.db import connection
from django.db.backends.utils import CursorWrapper
from rest_framework.test import APIClient
from stats import timed

from tmis.accounts.models import User
from tmis.accounts.tokens import tokens_for
from tmis.orgs.models import Organisation
from tmis.rotation.eligibility import judged_page, summary
from tmis.rotation.jobs import rebuild_province_tallies
from tmis.rotation.rules import rules_for
from tmis.rotation.selectors import default_year, targets
from tmis.teachers.models import GROUP_MODELS

PROVINCE = "620000"
READS = size("BENCH_ROTATION_READS", 50, 3)
NOTE = "bench: generated plan"


def _prepare(year: int, actor: User) -> str:
    """Entry months and backbone teachers of the province, and an approved plan per county (once)."""
    notes = []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM teachers_teacher WHERE province_code = %s AND school_entry_month = ''", [PROVINCE]
        )
        if cursor.fetchone()[0]:
            started = time.perf_counter()
            cursor.execute("SET session_replication_role = replica")  # no history events: a bench load, not edits
            cursor.execute(
                """
                UPDATE teachers_teacher SET school_entry_month = (2000 + id %% 26)::text || '-09',
                                            backbone_teacher = (id %% 7 = 0)
                WHERE province_code = %s
                """,
                [PROVINCE],
            )
            cursor.execute("SET session_replication_role = DEFAULT")
            cursor.execute("ANALYZE teachers_teacher")
            notes.append(f"entry months and backbone teachers written: {time.perf_counter() - started:.1f} s")
        cursor.execute("SELECT EXISTS (SELECT 1 FROM teachers_teachingrecord WHERE province_code = %s)", [PROVINCE])
        if not cursor.fetchone()[0]:
            started = time.perf_counter()
            written = _teaching_records(cursor)
            notes.append(f"{written:,} 教育教学 records written: {time.perf_counter() - started:.1f} s")
        cursor.execute("SELECT count(*) FROM rotation_plan WHERE note = %s AND year = %s", [NOTE, year])
        if not cursor.fetchone()[0]:
            started = time.perf_counter()
            cursor.execute(
                """
                INSERT INTO rotation_plan (county_id, org_path, year, state, note, created_by_id, created_at,
                                           updated_at, approved_at)
                SELECT id, path, %(year)s, 'approved', %(note)s, %(actor)s, now(), now(), now()
                FROM orgs_organisation c WHERE level = 'county' AND province_code = %(province)s
                  AND NOT EXISTS (SELECT 1 FROM rotation_plan p WHERE p.county_id = c.id AND p.year = %(year)s)
                """,
                {"year": year, "note": NOTE, "actor": actor.pk, "province": PROVINCE},
            )
            # 10 % of the teachers who joined their school by the year's limit, to another school of the county.
            cursor.execute(
                """
                INSERT INTO rotation_assignment (plan_id, teacher_id, from_school_id, from_path, to_school_id, to_path,
                    rotation_type, transfers_relation, flow_category, backbone, start_date, end_date, state,
                    created_by_id, created_at, updated_at)
                SELECT p.id, t.id, t.school_id, t.org_path, other.id, other.path, '1', false, '2',
                       coalesce(t.backbone_teacher, false), make_date(%(year)s, 9, 1), make_date(%(year)s + 1, 7, 15),
                       CASE WHEN t.id %% 3 = 0 THEN 'planned' ELSE 'started' END, %(actor)s, now(), now()
                FROM teachers_teacher t
                JOIN orgs_organisation s ON s.id = t.school_id
                JOIN rotation_plan p ON p.county_id = s.parent_id AND p.year = %(year)s AND p.note = %(note)s
                CROSS JOIN LATERAL (
                    SELECT o.id, o.path FROM orgs_organisation o
                    WHERE o.parent_id = s.parent_id AND o.level = 'school' AND o.id <> s.id LIMIT 1
                ) other
                WHERE t.province_code = %(province)s AND t.active AND t.id %% 100 < 4
                """,
                {"year": year, "note": NOTE, "actor": actor.pk, "province": PROVINCE},
            )
            notes.append(f"{cursor.rowcount:,} assignments generated: {time.perf_counter() - started:.1f} s")
            cursor.execute("ANALYZE rotation_assignment")
    return "; ".join(notes)


def _teaching_records(cursor: CursorWrapper) -> int:
    """教育教学 records as a school keeps them: every teacher of the province has two (2024 and 2025; eligibility
    reads 任教学段 from the latest): by teacher 60 % teach 小学, 20 % 初中, 10 % 高中 and 10 % have no 学段 filled
    in (judged by the school's 办学类型). One INSERT … SELECT with the triggers off, as the loader writes."""
    blank = [
        field.column
        for field in GROUP_MODELS["teaching"]._meta.concrete_fields
        if not field.null and field.column not in _TEACHING_SET and not field.primary_key
    ]
    columns = ", ".join([*_TEACHING_SET, *blank])
    values = ", ".join(["''"] * len(blank))
    cursor.execute("SET session_replication_role = replica")
    cursor.execute(
        f"""
        INSERT INTO teachers_teachingrecord ({columns})
        SELECT t.id, t.province_code, '{{}}'::jsonb, now(), now(), y.year,
               CASE WHEN t.id %% 10 < 6 THEN ARRAY['2'] WHEN t.id %% 10 < 8 THEN ARRAY['3']
                    WHEN t.id %% 10 = 8 THEN ARRAY['4'] ELSE ARRAY[]::varchar[] END::varchar[],
               ARRAY[]::varchar[], {values}
        FROM teachers_teacher t CROSS JOIN (VALUES (2024), (2025)) y(year)
        WHERE t.province_code = %s
        """,
        [PROVINCE],
    )
    written = cursor.rowcount
    cursor.execute("SET session_replication_role = DEFAULT")
    cursor.execute("ANALYZE teachers_teachingrecord")
    return written


#: The columns `_teaching_records` fills with values; every other non-null column gets ''.
_TEACHING_SET = (
    "teacher_id",
    "province_code",
    "extra",
    "created_at",
    "updated_at",
    "teaching_year",
    "teaching_stages",
    "teaching_courses",
)


def _client(user: User) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens_for(user).access_token}")
    return client


def _largest_county() -> tuple[Organisation, int]:
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT split_part(org_path, '/', 5) AS county, count(*) FROM teachers_teacher
            WHERE province_code = %s AND active GROUP BY 1 ORDER BY 2 DESC LIMIT 1
            """,
            [PROVINCE],
        )
        code, count = cursor.fetchone()
    return Organisation.objects.get(code=code), count


def _twenty_thousand() -> tuple[Organisation, int]:
    """The smallest city holding at least 20,000 teachers (no county of the bench holds that many), else the
    largest city."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT split_part(org_path, '/', 4) AS city, count(*) FROM teachers_teacher
            WHERE province_code = %s AND active GROUP BY 1 ORDER BY (count(*) >= 20000) DESC, 2 LIMIT 1
            """,
            [PROVINCE],
        )
        code, count = cursor.fetchone()
    return Organisation.objects.get(code=code), count


def main() -> None:
    call_command("migrate", verbosity=0)
    year = default_year(dt.date.today())
    admin = User.objects.select_related("organisation").get(username="demo-province")
    province = Organisation.objects.get(code=PROVINCE)
    rules = rules_for(PROVINCE)
    prepared = _prepare(year, admin)
    if prepared:
        print(f"| setup (once) | {prepared} |")

    print("| what | p50 ms | p95 ms |")
    print("|---|---|---|")
    for organisation, teachers in (_largest_county(), _twenty_thousand()):

        def judge(org: Organisation = organisation) -> None:
            judged_page(prefix=org.path, year=year, rules=rules, filters={"eligible": True}, offset=0, limit=50)

        judged = summary(prefix=organisation.path, year=year, rules=rules)
        p50, p95 = timed(judge, READS)
        print(
            f"| eligibility of {organisation.name} ({teachers:,} teachers, {judged['eligible']:,} eligible): "
            f"summary and first page, one statement ({READS} runs) | {p50:.1f} | {p95:.1f} |"
        )
    client = _client(admin)
    for organisation, teachers in (_largest_county(),):  # the list is by county or school (a city: 400)
        url = f"/api/v1/rotation/eligible/?org={organisation.code}&year={year}&eligible=true"
        response = client.get(url)
        assert response.status_code == 200, response.content[:300]
        p50, p95 = timed(lambda url=url: client.get(url), READS)
        label = f"`GET rotation/eligible/?org={organisation.code}&eligible=true`"
        print(f"| {label} ({teachers:,} teachers, {READS} runs) | {p50:.1f} | {p95:.1f} |")

    started = time.perf_counter()
    schools = rebuild_province_tallies(PROVINCE)
    label = f"tallies rebuilt: {schools:,} school-years of 甘肃 (this year and next; nightly)"
    print(f"| {label} | {time.perf_counter() - started:.1f} s | |")
    rolled = targets(organisation=province, year=year, rules=rules)["organisation"]
    assert rolled["eligible"] > 0 and rolled["teachers"] > 0, rolled
    p50, p95 = timed(lambda: targets(organisation=province, year=year, rules=rules), READS)
    print(f"| `targets(620000)`: 甘肃 and its cities ({READS} runs) | {p50:.1f} | {p95:.1f} |")
    url = f"/api/v1/rotation/targets/?org={PROVINCE}&year={year}"
    assert client.get(url).status_code == 200
    p50, p95 = timed(lambda: client.get(url), READS)
    print(f"| `GET rotation/targets/?org=620000` as demo-province ({READS} runs) | {p50:.1f} | {p95:.1f} |")
    print(
        f"甘肃 {year}: {rolled['teachers']:,} teachers, {rolled['eligible']:,} eligible, target {rolled['target']:,} "
        f"(backbone {rolled['backbone_target']:,}), planned {rolled['planned']:,}, started {rolled['started']:,}, "
        f"counties meeting both {rolled['counties_met']} of {rolled['counties']}"
    )


if __name__ == "__main__":
    main()
