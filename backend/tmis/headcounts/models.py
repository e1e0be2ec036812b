"""The education statistics headcount (教育事业统计) an administrator enters per school and year: 专任教师数 and
教职工数. The monthly report's "teachers expected" and every collection rate's denominator come from it (decision 8).

The reports join the table by name in SQL (`headcounts_schoolheadcount`: school_id, year, fulltime, staff); rolled up
over a subtree by the schools' `orgs_organisation.path` (see `selectors.expected_by_org`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from tmis.core.scope import ScopedQuerySet

#: Years a figure may be entered for (the education statistics began long before TMIS; next year's plan allowed).
FIRST_YEAR = 2000


class SchoolHeadcountQuerySet(ScopedQuerySet):
    scope_path_fields = ("school__path",)


class SchoolHeadcount(models.Model):
    """One school's statistics figures of one year (unique per school and year)."""

    school = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.CASCADE,
        related_name="headcounts",
        limit_choices_to={"level": "school"},
        help_text="A school (level school).",
    )
    year = models.PositiveSmallIntegerField(help_text="The statistics year (年度).")
    fulltime = models.PositiveIntegerField(help_text="专任教师数: full-time teachers in the statistics.")
    staff = models.PositiveIntegerField(help_text="教职工数: all staff in the statistics (≥ fulltime).")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = SchoolHeadcountQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["school", "year"], name="headcount_school_year_uniq"),
            models.CheckConstraint(condition=Q(staff__gte=F("fulltime")), name="headcount_staff_ge_fulltime"),
            models.CheckConstraint(condition=Q(year__gte=FIRST_YEAR), name="headcount_year_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.school_id} {self.year}: {self.fulltime}/{self.staff}"
