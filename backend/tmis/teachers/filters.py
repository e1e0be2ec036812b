from __future__ import annotations

import datetime as dt

import django_filters
from django.db.models import Q, QuerySet

from tmis.core.filters import FilterSet, IsoDateTimeFilter
from tmis.orgs.models import SchoolStage
from tmis.orgs.selectors import organisation_in_scope

from . import identity
from .models import RecordState, Teacher
from .writes import ID_PREFIX_MIN, id_dedup_key, id_prefix_key

MAX_AGE = 150
#: `?status=`: the list shows current teachers unless asked otherwise.
STATUSES = ("current", "left", "all")

#: The coded indicators of 基本信息 (one code each; 政治面貌 holds several) and its yes/no ones: each is a filter of
#: the list by its stored code (`?ethnicity=01`, `?backbone_teacher=true`). The SPA offers them by name.
CODED_FIELDS = (
    "gender",
    "nationality",
    "ethnicity",
    "marital_status",
    "health",
    "highest_education",
    "highest_degree_level",
    "highest_degree",
    "staff_source",
    "staff_category",
    "employment_form",
    "contract_status",
    "current_post_category",
    "current_post_grade",
    "current_professional_title",
    "it_ability",
    "free_normal_student",
    "grassroots_project",
    "mental_health_teacher",
    "enterprise_work_duration",
    "learning_origin",
    "personnel_status",
)
MULTI_CODED_FIELDS = ("political_status",)
BOOLEAN_FIELDS = (
    "on_establishment",
    "normal_major_graduate",
    "special_ed_trained",
    "special_ed_certificate",
    "special_ed_major_graduate",
    "preschool_major_graduate",
    "preschool_trained",
    "special_grade_teacher",
    "backbone_teacher",
    "dual_qualified_teacher",
    "vocational_skill_certificate",
    "new_hire",
)
#: 专任教师 in the 教职工类别 code table of each school kind (kindergartens have their own table; every other kind's
#: tables code it A1).
FULL_TIME_TEACHER = {SchoolStage.KINDERGARTEN: "04"}
FULL_TIME_TEACHER_DEFAULT = "A1"


def full_time_teacher_q() -> Q:
    """专任教师: the 教职工类别 code of a full-time teacher in the school kind's own table (decision 1)."""
    kinds = list(FULL_TIME_TEACHER)
    condition = Q(staff_category=FULL_TIME_TEACHER_DEFAULT) & ~Q(school__school_stage__in=kinds)
    for kind, code in FULL_TIME_TEACHER.items():
        condition |= Q(staff_category=code, school__school_stage=kind)
    return condition


_CodedFilters = type(
    "_CodedFilters",
    (FilterSet,),
    {
        **{name: django_filters.CharFilter(help_text=f"`{name}` code.") for name in CODED_FIELDS},
        **{
            name: django_filters.CharFilter(method="filter_contains", help_text=f"`{name}` code.")
            for name in MULTI_CODED_FIELDS
        },
        **{name: django_filters.BooleanFilter(help_text=f"`{name}` (true/false).") for name in BOOLEAN_FIELDS},
    },
)


class TeacherFilter(_CodedFilters):
    school = django_filters.CharFilter(field_name="school__code", help_text="Exact school code.")
    org = django_filters.CharFilter(method="filter_org", help_text="Organisation code: every school below it.")
    name = django_filters.CharFilter(field_name="name", lookup_expr="startswith", help_text="Name prefix.")
    q = django_filters.CharFilter(method="search", help_text="Name substring, full pinyin or initials prefix.")
    id_number = django_filters.CharFilter(method="filter_id", help_text="Exact ID number (looked up by digest).")
    id_type = django_filters.CharFilter(method="qualifies_id", help_text="Document type of id_number (default 1).")
    id_prefix = django_filters.CharFilter(
        method="filter_id_prefix",
        min_length=ID_PREFIX_MIN,
        max_length=40,
        help_text="The ID number's first 6 or more characters (any document type; looked up in a blind index).",
    )
    teacher_no = django_filters.CharFilter()
    record_state = django_filters.ChoiceFilter(choices=RecordState.choices)
    school_stage = django_filters.ChoiceFilter(field_name="school__school_stage", choices=SchoolStage.choices)
    age_min = django_filters.NumberFilter(
        method="filter_age_min", min_value=0, max_value=MAX_AGE, help_text="At least this old today (0-150)."
    )
    age_max = django_filters.NumberFilter(
        method="filter_age_max", min_value=0, max_value=MAX_AGE, help_text="At most this old today (0-150)."
    )
    full_time_teacher = django_filters.BooleanFilter(
        method="filter_full_time_teacher", help_text="专任教师 (教职工类别 of the school kind's code table)."
    )
    updated_since = IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte")
    status = django_filters.ChoiceFilter(
        choices=[(s, s) for s in STATUSES],
        method="filter_status",
        help_text="`current` (default): teachers serving; `left`: inactive archives (retired, resigned … kept "
        "read-only); `all`: both.",
    )
    employment_status = django_filters.CharFilter(help_text="教职工当前状态 code (set by teacher changes).")

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

    def filter_queryset(self, queryset: QuerySet[Teacher]) -> QuerySet[Teacher]:
        queryset = super().filter_queryset(queryset)
        return queryset if "status" in self.data else queryset.filter(active=True)

    def filter_status(self, queryset: QuerySet[Teacher], name: str, value: str) -> QuerySet[Teacher]:
        if value == "all":
            return queryset
        return queryset.filter(active=value != "left")

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

    def filter_id_prefix(self, queryset: QuerySet[Teacher], name: str, value: str) -> QuerySet[Teacher]:
        return queryset.filter(id_prefixes__contains=[id_prefix_key(value)])

    def filter_contains(self, queryset: QuerySet[Teacher], name: str, value: str) -> QuerySet[Teacher]:
        return queryset.filter(**{f"{name}__contains": [value]})

    def filter_full_time_teacher(self, queryset: QuerySet[Teacher], name: str, value: bool | None) -> QuerySet[Teacher]:
        if value is None:
            return queryset
        return queryset.filter(full_time_teacher_q()) if value else queryset.exclude(full_time_teacher_q())

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
