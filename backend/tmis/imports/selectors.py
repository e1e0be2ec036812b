"""Reads of imports."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Max, Min, QuerySet
from django.utils import translation

from tmis.catalog.selectors import effective_for_organisation
from tmis.orgs.models import Level, Organisation
from tmis.teachers.checks import KEY_FIELDS

from .models import ImportJob, ImportProblem
from .template import SCHOOL_COLUMN, template_fields


def import_jobs_of(*, user: Any) -> QuerySet[ImportJob]:
    return ImportJob.objects.owned_by(user).select_related("organisation")


def import_problems(*, job: ImportJob, severity: str | None = None) -> QuerySet[ImportProblem]:
    problems = ImportProblem.objects.filter(job=job)
    return problems.filter(severity=severity) if severity else problems


def import_problem_groups(*, job: ImportJob) -> list[dict[str, Any]]:
    """The job's problems grouped by column and code, most frequent first: how many, the first and last row, and
    one message as an example (one GROUP BY over the job's problems)."""
    return list(
        ImportProblem.objects.filter(job=job)
        .values("column", "field", "code", "severity")
        .annotate(count=Count("id"), first_row=Min("row"), last_row=Max("row"), example=Min("message"))
        .order_by("-count", "column", "code")
    )


def import_fields(*, organisation: Organisation) -> list[dict[str, Any]]:
    """The columns an import into the organisation reads: 学校代码 (a key column for a region), then the template's
    indicators, with names in the reader's language."""
    catalogue, _tables = effective_for_organisation(organisation=organisation)
    english = (translation.get_language() or "").startswith("en")
    region = organisation.level != Level.SCHOOL
    school = {"field": SCHOOL_COLUMN[0], "name": "School code" if english else SCHOOL_COLUMN[1]}
    return [
        {**school, "required": region, "key": region},
        *(
            {
                "field": f.code,
                "name": (f.name_en or f.name) if english else f.name,
                "required": f.required,
                "key": f.code in KEY_FIELDS,
            }
            for f in template_fields(catalogue)
        ),
    ]
