"""The assignment tallies (`AssignmentTally`): per plan and school of origin, the live assignments counted. A write
that adds, removes, starts or ends an assignment recounts its (plan, school) pair in the same transaction; the
nightly job recounts a province from the assignments, so a tally can never drift for longer than a day."""

from __future__ import annotations

from django.db import connection, transaction

_COUNTED = """
    SELECT a.plan_id, a.from_school_id, min(a.from_path), p.year, count(*), count(*) FILTER (WHERE a.backbone),
           count(*) FILTER (WHERE a.state = 'started'), count(*) FILTER (WHERE a.state = 'completed')
    FROM rotation_assignment a JOIN rotation_plan p ON p.id = a.plan_id
    WHERE a.state <> 'cancelled' AND {where}
    GROUP BY a.plan_id, a.from_school_id, p.year
    ON CONFLICT (plan_id, school_id) DO UPDATE SET
        org_path = EXCLUDED.org_path, year = EXCLUDED.year, assignments = EXCLUDED.assignments,
        backbone = EXCLUDED.backbone, started = EXCLUDED.started, completed = EXCLUDED.completed
"""
_INSERT = """
    INSERT INTO rotation_assignment_tally (plan_id, school_id, org_path, year, assignments, backbone, started,
                                           completed)
"""


def recount(*, plan_id: int, school_id: int) -> None:
    """The tally of one plan's assignments from one school, counted again (inside the caller's transaction)."""
    params = {"plan": plan_id, "school": school_id}
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM rotation_assignment_tally WHERE plan_id = %(plan)s AND school_id = %(school)s", params
        )
        cursor.execute(
            _INSERT + _COUNTED.format(where="a.plan_id = %(plan)s AND a.from_school_id = %(school)s"), params
        )


def rebuild(*, prefix: str, year: int) -> int:
    """Every tally of `year` under an organisation path counted again from the assignments, in one transaction.
    Returns the number of (plan, school) rows."""
    params = {"prefix": prefix + "%", "year": year}
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM rotation_assignment_tally WHERE year = %(year)s AND org_path LIKE %(prefix)s", params
        )
        cursor.execute(_INSERT + _COUNTED.format(where="p.year = %(year)s AND a.from_path LIKE %(prefix)s"), params)
        return cursor.rowcount
