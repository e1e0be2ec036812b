from __future__ import annotations

import datetime as dt

import django_filters
from django.db.models import Q, QuerySet

from tmis.core.filters import FilterSet, IsoDateTimeFilter
from tmis.orgs.models import SchoolStage
from tmis.orgs.selectors import organisation_in_scope

from . import identity
from .models import RecordState, Teacher
from .writes import id_dedup_key

MAX_AGE = 150


class TeacherFilter(FilterSet):
    school = django_filters.CharFilter(field_name="school__code", help_text="Exact school code.")
    org = django_filters.CharFilter(method="filter_org", help_text="Organisation code: every school below it.")
    name = django_filters.CharFilter(field_name="name", lookup_expr="startswith", help_text="Name prefix.")
    q = django_filters.CharFilter(method="search", help_text="Name substring, full pinyin or initials prefix.")
    id_number = django_filters.CharFilter(method="filter_id", help_text="Exact ID number (looked up by digest).")
    id_type = django_filters.CharFilter(method="qualifies_id", help_text="Document type of id_number (default 1).")
    teacher_no = django_filters.CharFilter()
    gender = django_filters.CharFilter()
    record_state = django_filters.ChoiceFilter(choices=RecordState.choices)
    school_stage = django_filters.ChoiceFilter(field_name="school__school_stage", choices=SchoolStage.choices)
    age_min = django_filters.NumberFilter(
        method="filter_age_min", min_value=0, max_value=MAX_AGE, help_text="At least this old today (0-150)."
    )
    age_max = django_filters.NumberFilter(
        method="filter_age_max", min_value=0, max_value=MAX_AGE, help_text="At most this old today (0-150)."
    )
    ethnicity = django_filters.CharFilter()
    highest_education = django_filters.CharFilter(help_text="最高学历 code.")
    current_professional_title = django_filters.CharFilter(help_text="现任专业技术职务 code.")
    personnel_status = django_filters.CharFilter(help_text="人员状态 code (employment status).")
    updated_since = IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte")

    class Meta:
        model = Teacher
        fields = [
            "school",
            "org",
            "name",
            "q",
            "id_number",
            "id_type",
            "teacher_no",
            "gender",
            "record_state",
            "updated_since",
        ]

    def filter_org(self, queryset: QuerySet[Teacher], name: str, value: str) -> QuerySet[Teacher]:
        org = organisation_in_scope(user=self.request.user, code=value)
        return queryset.filter(org_path__startswith=org.path) if org else queryset.none()

    def search(self, queryset: QuerySet[Teacher], name: str, value: str) -> QuerySet[Teacher]:
        text = value.strip().lower()
        if not text:
            return queryset
        if text.isascii():
            return queryset.filter(Q(name_pinyin__startswith=text) | Q(name_initials__startswith=text))
        return queryset.filter(name__contains=value.strip())

    def qualifies_id(self, queryset: QuerySet[Teacher], name: str, value: str) -> QuerySet[Teacher]:
        return queryset  # read by filter_id

    def filter_id(self, queryset: QuerySet[Teacher], name: str, value: str) -> QuerySet[Teacher]:
        id_type = self.data.get("id_type") or identity.RESIDENT_ID
        return queryset.filter(id_digest=id_dedup_key(id_type, value))

    def filter_age_min(self, queryset: QuerySet[Teacher], name: str, value: float) -> QuerySet[Teacher]:
        return queryset.filter(birth_date__lte=_years_ago(int(value)))

    def filter_age_max(self, queryset: QuerySet[Teacher], name: str, value: float) -> QuerySet[Teacher]:
        return queryset.filter(birth_date__gt=_years_ago(int(value) + 1))


def _years_ago(years: int) -> dt.date:
    today = dt.date.today()
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)
