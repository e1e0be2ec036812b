"""Who may rotate (DOMAIN decision 7), judged set-based in SQL from the archive: compulsory-education teachers
(任教学段 of the latest 教育教学 record; without one, the school's 办学类型) with at least `min_years` at the current
school (进本校年月) on 1 September of the year, not within `retirement_window_years` of retirement (birth date and
the retirement age of the gender), not away from the school (人员状态 other than 100 or 205 交流轮岗). One query
judges a county of 20,000 teachers; the same text, grouped per school, rebuilds the tallies the targets read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .rules import COMPULSORY_SCHOOL_TYPES, FEMALE, MALE, Rules

REASONS = ("not_compulsory", "away", "no_entry_month", "too_few_years", "near_retirement")

_JUDGED = """
WITH base AS (
    SELECT t.id, t.name, t.teacher_no, t.gender, t.birth_date, t.school_id, t.org_path, t.school_entry_month,
           coalesce(t.backbone_teacher, false) AS backbone, t.personnel_status, s.code AS school_code,
           s.name AS school_name, s.school_type, latest.teaching_stages AS stages
    FROM teachers_teacher t
    JOIN orgs_organisation s ON s.id = t.school_id AND s.path LIKE %(prefix)s
    LEFT JOIN LATERAL (
        SELECT r.teaching_stages FROM teachers_teachingrecord r WHERE r.teacher_id = t.id
        ORDER BY r.teaching_year DESC NULLS LAST, r.id DESC LIMIT 1
    ) latest ON true
    WHERE t.org_path LIKE %(prefix)s AND t.active
), judged AS MATERIALIZED (
    SELECT base.*, CASE
        WHEN NOT coalesce(CASE WHEN stages IS NULL OR cardinality(stages) = 0
                               THEN school_type = ANY(%(school_types)s::varchar[])
                               ELSE stages && %(stages)s::varchar[] END, false) THEN 'not_compulsory'
        WHEN personnel_status NOT IN ('', '100', '205') THEN 'away'
        WHEN school_entry_month = '' THEN 'no_entry_month'
        WHEN school_entry_month > %(latest_entry)s THEN 'too_few_years'
        WHEN birth_date < CASE WHEN gender = %(female)s THEN %(born_female)s::date ELSE %(born_male)s::date END
            THEN 'near_retirement'
        ELSE '' END AS reason
    FROM base
)
"""


def _params(prefix: str, year: int, rules: Rules) -> dict[str, Any]:
    return {
        "prefix": prefix + "%",
        "school_types": COMPULSORY_SCHOOL_TYPES,
        "stages": list(rules.stages),
        "latest_entry": rules.latest_entry_month(year),
        "female": FEMALE,
        "born_female": rules.born_before_is_near_retirement(year, FEMALE),
        "born_male": rules.born_before_is_near_retirement(year, MALE),
    }


def reason_text(reason: str, row: dict[str, Any], year: int, rules: Rules) -> str:
    """Why a teacher is not eligible, in the reader's language ("" when eligible)."""
    if reason == "not_compulsory":
        return _("Does not teach in compulsory education (primary or junior secondary).")
    if reason == "away":
        return _("Not serving at the school now (personnel status).")
    if reason == "no_entry_month":
        return _("The month of joining this school is not filled in.")
    if reason == "too_few_years":
        return _("At this school since %(month)s: fewer than %(years)s years on %(date)s.") % {
            "month": row["school_entry_month"],
            "years": rules.min_years,
            "date": rules.reference_date(year).isoformat(),
        }
    if reason == "near_retirement":
        return _("Retires within %(years)s years of %(date)s.") % {
            "years": rules.retirement_window_years,
            "date": rules.reference_date(year).isoformat(),
        }
    return ""


def years_at_school(entry_month: str, on: dt.date) -> int | None:
    """Whole years from 进本校年月 to `on` (None when the month is missing or malformed)."""
    try:
        year, month = int(entry_month[:4]), int(entry_month[5:7])
    except ValueError:
        return None
    months = (on.year - year) * 12 + (on.month - month)
    return max(months // 12, 0)


def _summary_columns(over: str = "") -> str:
    """The summary's counts (teachers, eligible, eligible backbone, each reason) as aggregates, or with `over` as
    window aggregates."""
    conditions = ["", "reason = ''", "reason = '' AND backbone", *(f"reason = '{reason}'" for reason in REASONS)]
    return ", ".join(f"count(*){f' FILTER (WHERE {condition})' if condition else ''}{over}" for condition in conditions)


def _summary_of(row: tuple[Any, ...] | list[Any]) -> dict[str, Any]:
    return {
        "teachers": row[0],
        "eligible": row[1],
        "eligible_backbone": row[2],
        "reasons": dict(zip(REASONS, row[3:], strict=True)),
    }


def summary(*, prefix: str, year: int, rules: Rules) -> dict[str, Any]:
    """Teachers, eligible, eligible backbone and each reason's count under an organisation path (one query)."""
    with connection.cursor() as cursor:
        cursor.execute(_JUDGED + f"SELECT {_summary_columns()} FROM judged", _params(prefix, year, rules))
        return _summary_of(cursor.fetchone())


FILTERS = {
    "eligible": "(reason = '') = %(eligible)s",
    "reason": "reason = %(reason)s",
    "backbone": "backbone = %(backbone)s",
    "school": "school_code = %(school)s",
    "q": "(name LIKE %(q)s OR teacher_no LIKE %(q)s)",
}
_PAGE_COLUMNS = (
    "id, name, teacher_no, gender, birth_date, school_code, school_name, school_entry_month, backbone, reason"
)
_PAGE_WIDTH = len(_PAGE_COLUMNS.split(","))


@dataclass(frozen=True)
class JudgedPage:
    """One page of judged teachers, how many match the filters, and the summary of all of them."""

    count: int
    rows: list[dict[str, Any]]
    summary: dict[str, Any]


def judged_page(
    *, prefix: str, year: int, rules: Rules, filters: dict[str, Any], offset: int, limit: int
) -> JudgedPage:
    """One page of the judged teachers (by school, then name), how many match the filters and the summary of the
    whole organisation — one statement judging each teacher once (window counts over the judged rows)."""
    params = _params(prefix, year, rules) | {"offset": offset, "limit": limit}
    where = ["true"]
    for key, clause in FILTERS.items():
        if filters.get(key) not in (None, ""):
            where.append(clause)
            params[key] = filters[key] + "%" if key == "q" else filters[key]
    statement = (
        _JUDGED
        + f"""
        , matched AS (SELECT judged.*, ({" AND ".join(where)}) AS matched FROM judged)
        SELECT {_PAGE_COLUMNS}, {_summary_columns(" OVER ()")}, count(*) FILTER (WHERE matched) OVER ()
        FROM matched ORDER BY matched DESC, school_code, name, id OFFSET %(offset)s LIMIT %(limit)s
        """
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        columns = [col.name for col in cursor.description][:_PAGE_WIDTH]
        fetched = cursor.fetchall()
        counts_only = not fetched and offset > 0
        if counts_only:  # past the organisation's last teacher: its counts, from the first row
            cursor.execute(statement, params | {"offset": 0, "limit": 1})
            fetched = cursor.fetchall()
    if not fetched:  # nobody to judge
        return JudgedPage(count=0, rows=[], summary=_summary_of([0] * (3 + len(REASONS))))
    first = fetched[0]
    total = first[-1]
    on_page = [] if counts_only else fetched[: max(total - offset, 0)]  # the matched rows come first
    rows = [dict(zip(columns, values[:_PAGE_WIDTH], strict=True)) for values in on_page]
    return JudgedPage(count=total, rows=rows, summary=_summary_of(first[_PAGE_WIDTH:-1]))


def judge_teacher_ids(*, prefix: str, year: int, rules: Rules, teacher_ids: list[int]) -> dict[int, str]:
    """The reason ("" = eligible) of each of some teachers under `prefix` (absent: not a current teacher there)."""
    params = _params(prefix, year, rules) | {"ids": teacher_ids}
    with connection.cursor() as cursor:
        cursor.execute(_JUDGED + "SELECT id, reason FROM judged WHERE id = ANY(%(ids)s)", params)
        return dict(cursor.fetchall())


def rebuild_tallies(*, prefix: str, year: int, rules: Rules) -> int:
    """Every school's eligible count for `year` under `prefix` (a province: its own rules), replaced in one
    transaction. Returns the number of schools."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM rotation_eligibility_tally WHERE year = %s AND org_path LIKE %s", [year, prefix + "%"]
        )
        cursor.execute(
            _JUDGED
            + """
            INSERT INTO rotation_eligibility_tally (year, school_id, org_path, teachers, eligible, eligible_backbone,
                                                    as_of)
            SELECT %(year)s, school_id, min(org_path), count(*), count(*) FILTER (WHERE reason = ''),
                   count(*) FILTER (WHERE reason = '' AND backbone), %(now)s
            FROM judged GROUP BY school_id
            """,
            _params(prefix, year, rules) | {"year": year, "now": timezone.now()},
        )
        return cursor.rowcount
