"""Keeping the summary tables current (ARCHITECTURE §9): set-based SQL, never a Python loop over teachers.

`refresh()` reads the archives written since the last run (`change_seq`, deletions by their tombstones), subtracts
what each contributed last time (`TeacherFact`) and adds what it contributes now, per school, then per every
organisation above it — one `INSERT … ON CONFLICT` of the differences. It is idempotent per teacher, so each run
re-reads a short overlap below its cursor: a write whose transaction committed after a run had read past its
`change_seq` is caught by the next run. `rebuild()` recomputes everything (a new year's age bands; the nightly job,
which also catches changes no `change_seq` stamps, such as a school's urban/rural class).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from tmis.teachers.selectors import latest_change_seq

from .dimensions import DIMENSIONS, cell_keys, full_time_sql
from .models import RefreshState
from .paths import ancestors_join

#: change_seq values below the cursor read again by each run (idempotent): writes committed late are not missed.
OVERLAP = 2_000


@dataclass(frozen=True)
class RefreshResult:
    teachers: int  # archives re-read
    cells: int  # summary rows changed
    rebuilt: bool


def _facts_sql(where: str) -> str:
    """The current facts of the teachers `where` selects (active archives only: leavers count nowhere)."""
    values = ", ".join(f"'{key}', {dimension.sql}" for key, dimension in DIMENSIONS.items())
    return f"""
        SELECT t.id AS teacher_id, t.school_id, s.school_stage AS school_type, {full_time_sql()} AS fulltime,
               jsonb_build_object({values}) AS values
        FROM teachers_teacher t JOIN orgs_organisation s ON s.id = t.school_id
        WHERE t.active AND {where}
    """


def _cells_sql(signed: str) -> str:
    """Differences per school × school kind × 专任 × dimension value from rows (school_id, school_type, fulltime,
    values, sign), spread to every organisation above the school (its path's prefixes) and summed."""
    cells = ", ".join(
        "('{key}', {first}, {second})".format(
            key=key,
            first=f"f.values->>'{first}'" if first else "''",
            second=f"f.values->>'{second}'" if second else "''",
        )
        for key, first, second in cell_keys()
    )
    return f"""
        WITH signed AS ({signed}),
        cells AS (
            SELECT f.school_id, f.school_type, f.fulltime, c.dimension, c.value, c.value2, sum(f.sign) AS delta
            FROM signed f CROSS JOIN LATERAL (VALUES {cells}) AS c(dimension, value, value2)
            GROUP BY 1, 2, 3, 4, 5, 6
            HAVING sum(f.sign) <> 0
        ),
        schools AS (SELECT DISTINCT school_id FROM cells),
        ancestors AS (
            SELECT s.id AS school_id, a.id AS organisation_id, a.parent_id
            FROM schools JOIN orgs_organisation s ON s.id = schools.school_id {ancestors_join("s.path")}
        )
        INSERT INTO reports_summary
            (organisation_id, parent_id, school_type, fulltime, dimension, value, value2, count)
        SELECT a.organisation_id, a.parent_id, c.school_type, c.fulltime, c.dimension, c.value, c.value2, sum(c.delta)
        FROM cells c JOIN ancestors a ON a.school_id = c.school_id
        GROUP BY 1, 2, 3, 4, 5, 6, 7
        HAVING sum(c.delta) <> 0
        ON CONFLICT (organisation_id, dimension, school_type, fulltime, value, value2)
        DO UPDATE SET count = reports_summary.count + EXCLUDED.count
        RETURNING id, count
    """


def _apply(signed: str, params: dict) -> int:
    """Add the signed facts' differences to the summary; drop the cells that fell to zero. Returns cells changed."""
    with connection.cursor() as cursor:
        cursor.execute(_cells_sql(signed), params)
        rows = cursor.fetchall()
        empty = [cell_id for cell_id, count in rows if count == 0]
        if empty:
            cursor.execute("DELETE FROM reports_summary WHERE id = ANY(%s)", [empty])
    return len(rows)


def _state() -> RefreshState:
    RefreshState.objects.get_or_create(pk=1)
    return RefreshState.objects.select_for_update().get(pk=1)


def refresh(*, today: dt.date | None = None) -> RefreshResult:
    """Apply the archives written since the last run (and a short overlap before it). One run at a time (the
    state row is locked); a new year's first run rebuilds (the age bands move)."""
    year = (today or timezone.localdate()).year
    with transaction.atomic():
        state = _state()
        if state.age_year != year:
            return _rebuild(state, year)
        upper = latest_change_seq()
        params = {"lower": max(state.last_seq - OVERLAP, 0), "upper": upper, "year": year}
        with connection.cursor() as cursor:
            # ON COMMIT DROP ends them with the transaction; inside an outer one (a test, a caller's) drop them first
            cursor.execute("DROP TABLE IF EXISTS report_changed, report_new")
            cursor.execute(
                """
                CREATE TEMP TABLE report_changed ON COMMIT DROP AS
                SELECT id FROM teachers_teacher WHERE change_seq > %(lower)s AND change_seq <= %(upper)s
                UNION
                SELECT teacher_id FROM teachers_deletedteacher WHERE change_seq > %(lower)s AND change_seq <= %(upper)s
                """,
                params,
            )
            teachers = cursor.rowcount
            cursor.execute(
                "CREATE TEMP TABLE report_new ON COMMIT DROP AS "
                + _facts_sql("t.id IN (SELECT id FROM report_changed)"),
                params,
            )
        signed = """
            SELECT school_id, school_type, fulltime, values, 1 AS sign FROM report_new
            UNION ALL
            SELECT school_id, school_type, fulltime, values, -1 FROM reports_teacher_fact
            WHERE teacher_id IN (SELECT id FROM report_changed)
        """
        cells = _apply(signed, params)
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM reports_teacher_fact WHERE teacher_id IN (SELECT id FROM report_changed)")
            cursor.execute(
                "INSERT INTO reports_teacher_fact (teacher_id, school_id, school_type, fulltime, values) "
                "SELECT teacher_id, school_id, school_type, fulltime, values FROM report_new"
            )
        state.last_seq, state.refreshed_at = max(upper, state.last_seq), timezone.now()
        state.save()
    return RefreshResult(teachers=teachers, cells=cells, rebuilt=False)


def rebuild(*, today: dt.date | None = None) -> RefreshResult:
    """Recompute every fact and every summary row from the archive."""
    year = (today or timezone.localdate()).year
    with transaction.atomic():
        return _rebuild(_state(), year)


def _rebuild(state: RefreshState, year: int) -> RefreshResult:
    upper = latest_change_seq()
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE reports_teacher_fact, reports_summary")
        cursor.execute(
            "INSERT INTO reports_teacher_fact (teacher_id, school_id, school_type, fulltime, values) "
            + _facts_sql("true"),
            {"year": year},
        )
        teachers = cursor.rowcount
    cells = _apply(
        "SELECT school_id, school_type, fulltime, values, 1 AS sign FROM reports_teacher_fact", {"year": year}
    )
    now = timezone.now()
    state.last_seq, state.age_year, state.refreshed_at, state.rebuilt_at = upper, year, now, now
    state.save()
    return RefreshResult(teachers=teachers, cells=cells, rebuilt=True)
