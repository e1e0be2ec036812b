"""Keeping the standings and the school tallies current: set-based SQL per province (its rules as parameters),
never a Python loop over teachers.

- `recount(teacher_ids)`: the standings of these teachers, recomputed from their approved claims — after a claim is
  approved or corrected, a completion list confirmed, an archive moved (`refresh`) — and the tallies of every school
  they were or are in.
- `refresh()`: the archives written since the last run (`change_seq`: a transfer, a leaving, a new 参加工作年月)
  that have standings are recounted. Periodic, like the report summaries.
- `rebuild()`: every standing and tally again (a province's new rules; nightly, because the pace of a cycle moves
  with the date).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from tmis.teachers.selectors import latest_change_seq

from .models import TallyState
from .rules import Rules, rules_for

#: change_seq values below the cursor read again by each refresh (idempotent): writes committed late are not missed.
OVERLAP = 2_000

_STANDINGS = """
WITH t AS (
    SELECT id, school_id, org_path, active,
           CASE WHEN work_start_month ~ '^[0-9]{{4}}' THEN left(work_start_month, 4)::int END AS work_year
    FROM teachers_teacher WHERE province_code = %(province)s AND {teachers}
),
c AS (
    SELECT c.teacher_id, c.kind, c.level, c.hours, coalesce(c.credits, 0) AS credits,
           extract(year FROM c.date)::int AS year,
           (%(anchor)s + floor((extract(year FROM c.date)::int - %(anchor)s)::numeric / %(years)s) * %(years)s)::int
               AS cycle_start
    FROM training_claim c JOIN t ON t.id = c.teacher_id
    WHERE c.state = 'approved'
),
capped AS (
    SELECT teacher_id, cycle_start, sum(hours) AS hours,
           least(sum(hours), coalesce((%(caps)s::jsonb ->> kind)::int, sum(hours))) AS counted
    FROM c GROUP BY teacher_id, cycle_start, kind, year
),
totals AS (
    SELECT teacher_id, cycle_start, sum(hours)::int AS hours, sum(counted)::int AS counted
    FROM capped GROUP BY 1, 2
),
levels AS (
    SELECT teacher_id, cycle_start, jsonb_object_agg(level, hours) AS by_level, sum(credits) AS credits
    FROM (SELECT teacher_id, cycle_start, level, sum(hours) AS hours, sum(credits) AS credits FROM c GROUP BY 1, 2, 3) l
    GROUP BY 1, 2
),
owed AS (
    SELECT tot.*, l.by_level, l.credits, t.school_id, t.org_path, t.active,
           CASE WHEN t.work_year BETWEEN tot.cycle_start AND tot.cycle_start + %(years)s - 1
                THEN least(%(required)s, %(new)s + round(
                    %(required)s * (tot.cycle_start + %(years)s - 1 - t.work_year)::numeric / %(years)s))::int
                ELSE %(required)s END AS required
    FROM totals tot JOIN levels l USING (teacher_id, cycle_start) JOIN t ON t.id = tot.teacher_id
)
INSERT INTO training_standing (teacher_id, cycle_start, cycle_end, school_id, org_path, active, hours, counted,
                               credits, required, by_level, quotas_met, compliant)
SELECT teacher_id, cycle_start, cycle_start + %(years)s - 1, school_id, org_path, active, hours, counted, credits,
       required, by_level, quotas_met, quotas_met AND counted >= required
FROM (
    SELECT o.*, NOT EXISTS (
        SELECT 1 FROM jsonb_array_elements(%(quotas)s::jsonb) q
        WHERE least(o.counted, (
            SELECT coalesce(sum((o.by_level ->> code)::int), 0) FROM jsonb_array_elements_text(q -> 'levels') code
        )) < (q ->> 'min_share')::numeric * o.required
    ) AS quotas_met
    FROM owed o
) judged
RETURNING school_id
"""

_TALLIES = """
INSERT INTO training_school_tally (school_id, cycle_start, org_path, teachers, compliant, on_track, hours, counted,
                                   credits, as_of)
SELECT s.school_id, s.cycle_start, o.path, count(*), count(*) FILTER (WHERE s.compliant),
       count(*) FILTER (WHERE NOT s.compliant AND s.counted >= s.required * least(1, greatest(0,
           (%(today)s::date - make_date(s.cycle_start, 1, 1))::numeric
           / (make_date(s.cycle_end + 1, 1, 1) - make_date(s.cycle_start, 1, 1))))),
       sum(s.hours), sum(s.counted), sum(s.credits), %(today)s
FROM training_standing s JOIN orgs_organisation o ON o.id = s.school_id
WHERE s.active AND {schools}
GROUP BY s.school_id, s.cycle_start, o.path
"""


def _rule_params(rules: Rules, province: str) -> dict[str, object]:
    return {
        "province": province,
        "anchor": rules.cycle_start_year,
        "years": rules.cycle_years,
        "required": rules.required_hours,
        "new": rules.new_teacher_hours,
        "caps": json.dumps(rules.yearly_caps),
        "quotas": json.dumps([{**q, "min_share": str(Decimal(str(q["min_share"])))} for q in rules.quotas]),
    }


def _tallies(schools: set[int] | None, today: dt.date) -> None:
    """The tallies of these schools (None: all) summed again from the standings."""
    with connection.cursor() as cursor:
        if schools is None:
            cursor.execute("DELETE FROM training_school_tally")
            cursor.execute(_TALLIES.format(schools="TRUE"), {"today": today})
        elif schools:
            ids = sorted(schools)
            cursor.execute("DELETE FROM training_school_tally WHERE school_id = ANY(%(ids)s)", {"ids": ids})
            cursor.execute(_TALLIES.format(schools="s.school_id = ANY(%(ids)s)"), {"today": today, "ids": ids})


def _provinces_of(teacher_ids: list[int]) -> dict[str, list[int]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT province_code, array_agg(id) FROM teachers_teacher WHERE id = ANY(%s) GROUP BY 1", [teacher_ids]
        )
        return dict(cursor.fetchall())


@transaction.atomic
def recount(teacher_ids: Iterable[int], *, today: dt.date | None = None) -> None:
    """Recompute the standings of these teachers (every cycle) and the tallies of their schools, before and after."""
    ids = sorted(set(teacher_ids))
    if not ids:
        return
    schools: set[int] = set()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM training_standing WHERE teacher_id = ANY(%s) RETURNING school_id", [ids])
        schools |= {row[0] for row in cursor.fetchall()}
        for province, members in _provinces_of(ids).items():
            params = _rule_params(rules_for(province), province) | {"ids": members}
            cursor.execute(_STANDINGS.format(teachers="id = ANY(%(ids)s)"), params)
            schools |= {row[0] for row in cursor.fetchall()}
    _tallies(schools, today or timezone.localdate())


@transaction.atomic
def rebuild(*, province: str | None = None, today: dt.date | None = None) -> None:
    """Every standing of a province (None: of every province) and every tally, again."""
    today = today or timezone.localdate()
    with connection.cursor() as cursor:
        if province is None:
            cursor.execute("SELECT DISTINCT province_code FROM teachers_teacher")
            provinces = [row[0] for row in cursor.fetchall()]
            cursor.execute("DELETE FROM training_standing")
        else:
            provinces = [province]
            cursor.execute(
                "DELETE FROM training_standing s USING teachers_teacher t "
                "WHERE t.id = s.teacher_id AND t.province_code = %s",
                [province],
            )
        for code in provinces:
            cursor.execute(_STANDINGS.format(teachers="TRUE"), _rule_params(rules_for(code), code))
    _tallies(None, today)
    state = _state()
    state.as_of, state.refreshed_at = today, timezone.now()
    state.save()


def _state() -> TallyState:
    TallyState.objects.get_or_create(pk=1)
    return TallyState.objects.select_for_update().get(pk=1)


def refresh(*, today: dt.date | None = None) -> int:
    """Recount the teachers with standings whose archives were written since the last run (and a short overlap);
    on a new day every tally's pace too. Returns how many teachers were recounted."""
    today = today or timezone.localdate()
    with transaction.atomic():
        state = _state()
        upper = latest_change_seq()
        params = [max(state.last_seq - OVERLAP, 0), upper]
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT s.teacher_id FROM training_standing s JOIN teachers_teacher t ON t.id = s.teacher_id "
                "WHERE t.change_seq > %s AND t.change_seq <= %s "
                "UNION SELECT teacher_id FROM teachers_deletedteacher WHERE change_seq > %s AND change_seq <= %s",
                params + params,
            )
            changed = [row[0] for row in cursor.fetchall()]
        recount(changed, today=today)
        if state.as_of != today:
            _tallies(None, today)
            state.as_of = today
        state.last_seq, state.refreshed_at = max(upper, state.last_seq), timezone.now()
        state.save()
    return len(changed)
