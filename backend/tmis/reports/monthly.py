"""The monthly deployment progress report (月报表, decision 8): a snapshot of every organisation's figures per
school kind, taken from the summary tables (brought up to date first) in one set-based statement, then never changed
(the tables refuse UPDATE and DELETE). Rates are computed when read."""

from __future__ import annotations

import json
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tmis.core.errors import AppError
from tmis.orgs.models import Level

from .contributions import SCHOOL_FIGURES, SchoolFigure, org_texts, school_figures
from .models import MonthlySnapshot
from .paths import ancestors_join
from .refresh import refresh


def _rows_sql(figures: dict[str, SchoolFigure]) -> str:
    """The per-school figures from the summary's record-state cells (and the figures other apps register: the
    statistics headcount, the flagged archives) summed up every school's path, per school kind and for every kind
    (''), the latter with the accounts issued in the subtree and the organisation's contact."""
    joins = " ".join(
        f"LEFT JOIN ({figures[column].sql}) x_{column} ON x_{column}.school_id = s.id"
        for column in SCHOOL_FIGURES
        if column in figures
    )

    def missing(column: str) -> str:
        figure = figures.get(column)
        return "NULL::bigint" if figure is None or figure.missing is None else str(int(figure.missing))

    per_school = ", ".join(
        f"coalesce(max(x_{column}.value), {missing(column)}) AS {column}"
        if column in figures
        else f"NULL::bigint AS {column}"
        for column in SCHOOL_FIGURES
    )
    summed = ", ".join(f"sum(s.{column}) AS {column}" for column in SCHOOL_FIGURES)
    columns = ", ".join(SCHOOL_FIGURES)
    taken = ", ".join(f"f.{column}" for column in SCHOOL_FIGURES)
    zeros = ", ".join(missing(column) for column in SCHOOL_FIGURES)
    return f"""
    WITH schools AS (
        SELECT s.id, s.path, s.school_stage,
               coalesce(sum(c.count), 0) AS collected,
               coalesce(sum(c.count) FILTER (WHERE c.value <> 'draft'), 0) AS submitted,
               coalesce(sum(c.count) FILTER (WHERE c.value = 'approved'), 0) AS approved,
               coalesce(sum(c.count) FILTER (WHERE c.value = 'returned'), 0) AS returned,
               {per_school}
        FROM orgs_organisation s
        LEFT JOIN reports_summary c ON c.organisation_id = s.id AND c.dimension = 'record_state'
        {joins}
        WHERE s.level = 'school'
        GROUP BY s.id
    ),
    figures AS (
        SELECT a.id AS organisation_id, a.parent_id, s.school_stage, grouping(s.school_stage) AS every_kind,
               count(*) AS schools_expected,
               count(*) FILTER (WHERE s.submitted > 0) AS schools_submitted,
               count(*) FILTER (WHERE s.collected > 0 AND s.approved = s.collected) AS schools_approved,
               sum(s.collected) AS collected, sum(s.submitted) AS submitted, sum(s.approved) AS approved,
               sum(s.returned) AS returned, {summed}
        FROM schools s {ancestors_join("s.path")}
        GROUP BY GROUPING SETS ((a.id, a.parent_id, s.school_stage), (a.id, a.parent_id))
    ),
    accounts AS (
        SELECT a.id AS organisation_id, count(*) AS accounts
        FROM accounts_user u JOIN orgs_organisation o ON o.id = u.organisation_id {ancestors_join("o.path")}
        WHERE u.is_active
        GROUP BY a.id
    ),
    contacts AS (
        SELECT key::bigint AS organisation_id, value AS contact FROM jsonb_each_text(%(contacts)s::jsonb)
    )
    INSERT INTO reports_snapshotrow
        (snapshot_id, organisation_id, parent_id, school_type, schools_expected, schools_submitted, schools_approved,
         collected, submitted, approved, returned, accounts, {columns}, contact)
    SELECT %(snapshot)s, f.organisation_id, f.parent_id,
           CASE WHEN f.every_kind = 1 THEN '' ELSE coalesce(nullif(f.school_stage, ''), 'other') END,
           f.schools_expected, f.schools_submitted, f.schools_approved, f.collected, f.submitted, f.approved,
           f.returned, CASE WHEN f.every_kind = 1 THEN coalesce(u.accounts, 0) END, {taken},
           CASE WHEN f.every_kind = 1 THEN coalesce(k.contact, '') ELSE '' END
    FROM figures f LEFT JOIN accounts u ON u.organisation_id = f.organisation_id
    LEFT JOIN contacts k ON k.organisation_id = f.organisation_id
    UNION ALL  -- regions without schools yet: zeros, their accounts and contact
    SELECT %(snapshot)s, o.id, o.parent_id, '', 0, 0, 0, 0, 0, 0, 0, coalesce(u.accounts, 0), {zeros},
           coalesce(k.contact, '')
    FROM orgs_organisation o LEFT JOIN accounts u ON u.organisation_id = o.id
    LEFT JOIN contacts k ON k.organisation_id = o.id
    WHERE o.level <> 'school' AND NOT EXISTS (SELECT 1 FROM figures f WHERE f.organisation_id = o.id)
"""


def current_period() -> str:
    return timezone.localdate().strftime("%Y-%m")


def snapshot_on_demand(*, actor: Any) -> MonthlySnapshot:
    """A central or province administrator takes the current month's report now (the job takes it on the 1st)."""
    level = getattr(getattr(actor, "organisation", None), "level", None)
    if level not in (Level.CENTRAL, Level.PROVINCE):
        raise AppError(
            _("Only the Ministry or a province takes a monthly report on demand."),
            code="permission_denied",
            status_code=403,
        )
    return take_snapshot(actor=actor)


@transaction.atomic
def take_snapshot(*, actor: Any = None, period: str | None = None) -> MonthlySnapshot:
    """Bring the summary up to date, then copy every organisation's figures into a new snapshot of `period` (the
    month it reports; by default the current one)."""
    refresh()
    figures = school_figures()
    for figure in figures.values():
        if figure.prepare is not None:
            figure.prepare()
    snapshot = MonthlySnapshot.objects.create(period=period or current_period(), taken_by=actor)
    contacts = {str(org_id): text for org_id, text in org_texts("contact").items() if text}
    params = {"snapshot": snapshot.pk, "year": int(snapshot.period[:4]), "contacts": json.dumps(contacts)}
    with connection.cursor() as cursor:
        cursor.execute(_rows_sql(figures), params)
    return snapshot
