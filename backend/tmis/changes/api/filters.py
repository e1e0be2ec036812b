from __future__ import annotations

from django.db.models import QuerySet
from django_filters import rest_framework as filters

from tmis.core.filters import FilterSet

from ..models import ChangeState, Kind, TeacherChange
from ..selectors import DIRECTIONS


class ChangeFilter(FilterSet):
    direction = filters.ChoiceFilter(
        choices=[(d, d) for d in DIRECTIONS],
        method="_direction",
        help_text="`in`: transfers into the caller's subtree (待调入); `out`: its teachers transferring out (待调出); "
        "`all` (default): every change the caller sees.",
    )
    state = filters.ChoiceFilter(choices=ChangeState.choices)
    kind = filters.ChoiceFilter(choices=Kind.choices)
    teacher = filters.NumberFilter(
        field_name="teacher_id", min_value=1, max_value=2**63 - 1, help_text="One archive's changes (its 变动 tab)."
    )

    class Meta:
        model = TeacherChange
        fields = ["direction", "state", "kind", "teacher"]

    def _direction(self, queryset: QuerySet[TeacherChange], name: str, value: str) -> QuerySet[TeacherChange]:
        return queryset  # the view's selector applies it (changes_for)
