from __future__ import annotations

import django_filters
from django.db.models import QuerySet

from tmis.core.filters import FilterSet

from .models import Level, Organisation
from .selectors import organisation_search


class OrganisationFilter(FilterSet):
    level = django_filters.ChoiceFilter(choices=Level.choices)
    parent = django_filters.CharFilter(field_name="parent__code", help_text="Code of the parent unit.")
    code = django_filters.CharFilter(field_name="code", help_text="Exact code.")
    name = django_filters.CharFilter(field_name="name", lookup_expr="startswith", help_text="Name prefix.")
    q = django_filters.CharFilter(method="search", help_text="Digits: code prefix; otherwise name substring.")
    school_stage = django_filters.CharFilter()

    class Meta:
        model = Organisation
        fields = ["level", "parent", "code", "name", "q", "school_stage"]

    def search(self, queryset: QuerySet[Organisation], name: str, value: str) -> QuerySet[Organisation]:
        return organisation_search(queryset=queryset, text=value)
