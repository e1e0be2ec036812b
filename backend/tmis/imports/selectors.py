"""Reads of imports."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from .models import ImportJob, ImportProblem


def import_jobs_of(*, user: Any) -> QuerySet[ImportJob]:
    return ImportJob.objects.owned_by(user).select_related("organisation")


def import_problems(*, job: ImportJob, severity: str | None = None) -> QuerySet[ImportProblem]:
    problems = ImportProblem.objects.filter(job=job)
    return problems.filter(severity=severity) if severity else problems
