"""Keeping the quality tables current (as `tmis.reports.refresh` keeps the summary): set-based SQL, never a Python
loop over archives.

`refresh()` re-evaluates the archives written since the last run (`change_seq`, deletions by their tombstones, and
a short overlap below the cursor for writes that committed late): their issues are deleted and found again by every
per-archive rule; for the cross-archive rule (Q004) every group such an archive is in now or was in before is
re-evaluated whole. The counts per organisation get the differences — issues per rule, and archives flagged by at
least one — added at the school and at every organisation above it. Idempotent: re-reading an archive changes
nothing. `rebuild()` recomputes everything (the nightly job: the age rules move with the date, and a school moved
in the tree stamps no archive).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from tmis.teachers.selectors import latest_change_seq

from . import cross
from .models import QualityState
from .rules import RULES

#: change_seq values below the cursor read again by each run (idempotent): writes committed late are not missed.
OVERLAP = 2_000

_COLUMNS = "teacher_id, school_id, org_path, rule, detail, group_key"


@dataclass(frozen=True)
class RefreshResult:
    teachers: int  # archives re-read (changed ones, and members of the cross-archive groups they touched)
    issues: int  # issues found among them (or in all, for a rebuild)
    rebuilt: bool


def _ancestors_join(path: str) -> str:
    """Every organisation on a materialised path, as `a` (the organisation itself included) — the idiom of
    `tmis.reports.paths.ancestors_join`, which this app, below reports, may not import."""
    return f"""
    CROSS JOIN LATERAL generate_series(2, array_length(string_to_array({path}, '/'), 1) - 1) AS i
    JOIN orgs_organisation a ON a.path = array_to_string((string_to_array({path}, '/'))[1:i], '/') || '/'
    """


def _findings_sql(where: str, cross_sql: str) -> str:
    """Every rule's findings on the archives `where` selects (and the cross rule's from `cross_sql`), with the
    archive's school and path: rows of `_COLUMNS`."""
    parts = [
        f"SELECT f.teacher_id, '{rule.code}' AS rule, f.detail, '' AS group_key FROM ({rule.sql(where)}) f"
        for rule in RULES.values()
        if not rule.cross
    ]
    parts.append(f"SELECT f.teacher_id, '{cross.CODE}', f.detail, f.group_key FROM ({cross_sql}) f")
    union = "\nUNION ALL\n".join(parts)
    return f"""
        SELECT f.teacher_id, t.school_id, t.org_path, f.rule, f.detail, f.group_key
        FROM ({union}) f JOIN teachers_teacher t ON t.id = f.teacher_id
    """


def _count(signed: str) -> None:
    """Add signed rows (school_id, rule, sign) to the counts of the school and every organisation above it; drop
    the counts that fell to zero."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH cells AS (
                SELECT school_id, rule, sum(sign) AS delta FROM ({signed}) signed
                GROUP BY 1, 2 HAVING sum(sign) <> 0
            ),
            ancestors AS (
                SELECT s.id AS school_id, a.id AS organisation_id, a.parent_id
                FROM (SELECT DISTINCT school_id FROM cells) c JOIN orgs_organisation s ON s.id = c.school_id
                {_ancestors_join("s.path")}
            )
            INSERT INTO quality_count (organisation_id, parent_id, rule, count)
            SELECT a.organisation_id, a.parent_id, c.rule, sum(c.delta)
            FROM cells c JOIN ancestors a ON a.school_id = c.school_id
            GROUP BY 1, 2, 3 HAVING sum(c.delta) <> 0
            ON CONFLICT (organisation_id, rule) DO UPDATE SET count = quality_count.count + EXCLUDED.count
            RETURNING id, count
            """
        )
        empty = [row_id for row_id, count in cursor.fetchall() if count == 0]
        if empty:
            cursor.execute("DELETE FROM quality_count WHERE id = ANY(%s)", [empty])


def _state() -> QualityState:
    QualityState.objects.get_or_create(pk=1)
    return QualityState.objects.select_for_update().get(pk=1)


def _temp(cursor, name: str, select: str, params: dict | None = None) -> int:  # noqa: ANN001 - a DB-API cursor
    """A temporary table of a query's rows, analysed (its size steers the plans that join it); returns its rows.
    ON COMMIT DROP ends it with the transaction; inside an outer one (a test, a caller's) it is dropped first."""
    cursor.execute(f"DROP TABLE IF EXISTS {name}")
    cursor.execute(f"CREATE TEMP TABLE {name} ON COMMIT DROP AS {select}", params)
    rows = cursor.rowcount
    cursor.execute(f"ANALYZE {name}")
    return rows


def refresh(*, today: dt.date | None = None) -> RefreshResult:
    """Re-evaluate the archives written since the last run (and a short overlap before it). One run at a time (the
    state row is locked); the first run ever rebuilds."""
    today = today or timezone.localdate()
    with transaction.atomic():
        state = _state()
        if state.rebuilt_at is None:
            return _rebuild(state, today)
        upper = latest_change_seq()
        params = {"lower": max(state.last_seq - OVERLAP, 0), "upper": upper, "today": today}
        with connection.cursor() as cursor:
            _temp(
                cursor,
                "quality_changed",
                "SELECT id FROM teachers_teacher WHERE change_seq > %(lower)s AND change_seq <= %(upper)s "
                "UNION SELECT teacher_id FROM teachers_deletedteacher "
                "WHERE change_seq > %(lower)s AND change_seq <= %(upper)s",
                params,
            )
            _temp(cursor, "quality_keys", cross.touched_keys_sql("quality_changed"))
            # The findings now: every rule on the changed archives, the cross rule on the touched groups.
            issues = _temp(
                cursor,
                "quality_new",
                _findings_sql("t.id IN (SELECT id FROM quality_changed)", cross.groups_sql("quality_keys")),
                params,
            )
            # The findings before, taken out: the changed archives' issues and the touched groups' Q004 issues.
            cursor.execute("DROP TABLE IF EXISTS quality_old")
            cursor.execute("CREATE TEMP TABLE quality_old ON COMMIT DROP AS SELECT * FROM quality_issue LIMIT 0")
            cursor.execute(
                """
                WITH gone AS (
                    DELETE FROM quality_issue q WHERE q.teacher_id IN (SELECT id FROM quality_changed) RETURNING q.*
                )
                INSERT INTO quality_old SELECT * FROM gone
                """
            )
            cursor.execute(
                f"""
                WITH gone AS (
                    DELETE FROM quality_issue q
                    WHERE q.rule = '{cross.CODE}' AND q.group_key IN (SELECT group_key FROM quality_keys)
                    RETURNING q.*
                )
                INSERT INTO quality_old SELECT * FROM gone
                """
            )
            cursor.execute("ANALYZE quality_old")
            cursor.execute(
                "SELECT count(*) FROM (SELECT id FROM quality_changed UNION "
                "SELECT teacher_id FROM quality_new UNION SELECT teacher_id FROM quality_old) read"
            )
            teachers = int(cursor.fetchone()[0])
        _count(_signed_sql())
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                INSERT INTO quality_issue ({_COLUMNS}, found_at)
                SELECT n.teacher_id, n.school_id, n.org_path, n.rule, n.detail, n.group_key,
                       coalesce(o.found_at, now())
                FROM quality_new n LEFT JOIN quality_old o ON o.teacher_id = n.teacher_id AND o.rule = n.rule
                """
            )
        state.last_seq, state.refreshed_at = max(upper, state.last_seq), timezone.now()
        state.save()
    return RefreshResult(teachers=teachers, issues=issues, rebuilt=False)


def _signed_sql() -> str:
    """The count differences of a refresh, read after the old findings were taken out and before the new ones go
    in: −1/+1 per issue (per rule), and per archive whose flagged state or school changed (rule ''). An archive
    keeps issues outside the re-evaluated ones only when it did not change itself (a member of a touched group),
    so its school is the same before and after."""
    return """
        SELECT school_id, rule, -1 AS sign FROM quality_old
        UNION ALL
        SELECT school_id, rule, 1 FROM quality_new
        UNION ALL
        SELECT school_id, '', sign FROM (
            SELECT DISTINCT ON (teacher_id, sign) teacher_id, school_id, sign FROM (
                SELECT teacher_id, school_id, -1 AS sign, 0 AS pick FROM quality_old
                UNION ALL
                SELECT teacher_id, school_id, 1, 0 FROM quality_new
                UNION ALL
                SELECT q.teacher_id, q.school_id, s.sign, 1 FROM quality_issue q
                CROSS JOIN (VALUES (-1), (1)) AS s(sign)
                WHERE q.teacher_id IN (SELECT teacher_id FROM quality_old UNION SELECT teacher_id FROM quality_new)
            ) flagged ORDER BY teacher_id, sign, pick
        ) per_archive
    """


def rebuild(*, today: dt.date | None = None) -> RefreshResult:
    """Recompute every issue and every count from the archive."""
    today = today or timezone.localdate()
    with transaction.atomic():
        return _rebuild(_state(), today)


def _rebuild(state: QualityState, today: dt.date) -> RefreshResult:
    upper = latest_change_seq()
    params = {"today": today}
    with connection.cursor() as cursor:
        # Every archive at once: hashes and sorts of a million rows stay in memory (this transaction only).
        cursor.execute("SET LOCAL work_mem = '128MB'")
        # When each finding was first seen survives the rebuild.
        _temp(cursor, "quality_seen", "SELECT teacher_id, rule, found_at FROM quality_issue")
        cursor.execute("TRUNCATE quality_issue, quality_count")
        cursor.execute(
            f"""
            INSERT INTO quality_issue ({_COLUMNS}, found_at)
            SELECT f.teacher_id, f.school_id, f.org_path, f.rule, f.detail, f.group_key, coalesce(seen.found_at, now())
            FROM ({_findings_sql("true", cross.full_sql())}) f
            LEFT JOIN quality_seen seen ON seen.teacher_id = f.teacher_id AND seen.rule = f.rule
            """,
            params,
        )
        issues = cursor.rowcount
        cursor.execute("SELECT count(*) FROM teachers_teacher WHERE active")
        teachers = int(cursor.fetchone()[0])
    _count(
        "SELECT school_id, rule, 1 AS sign FROM quality_issue "
        "UNION ALL SELECT school_id, '', 1 FROM (SELECT DISTINCT teacher_id, school_id FROM quality_issue) flagged"
    )
    with connection.cursor() as cursor:  # fresh statistics: the next refresh's plans join these tables
        cursor.execute("ANALYZE quality_issue")
        cursor.execute("ANALYZE quality_count")
    now = timezone.now()
    state.last_seq, state.refreshed_at, state.rebuilt_at, state.reference_date = upper, now, now, today
    state.save()
    return RefreshResult(teachers=teachers, issues=issues, rebuilt=True)
