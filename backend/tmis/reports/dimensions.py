"""The dimensions of the summary tables (issue 16, ARCHITECTURE §9): what each counts by, as a SQL expression over
one teacher row `t` and its school `s`, and where a value's name comes from. Data, not scattered ifs: a report, the
refresh and the brute-force test all read this registry.

Values are stored as the code (a code table's) or as a small fixed key (age bands, 汉族/少数民族); '' is "not
filled". 教职工类别 is stored as `<table>:<code>` because kindergartens and vocational schools have tables of their
own whose codes overlap the general one's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tmis.orgs.models import SchoolStage
from tmis.teachers.filters import FULL_TIME_TEACHER, FULL_TIME_TEACHER_DEFAULT
from tmis.teachers.models import RecordState

#: 专任教师: the 教职工类别 code of a full-time teacher in each school kind's table (decision 1), as the teacher list's
#: filter has it.
FULL_TIME_CODES = {str(stage): code for stage, code in FULL_TIME_TEACHER.items()}
FULL_TIME_DEFAULT = FULL_TIME_TEACHER_DEFAULT

#: 教职工类别's table per school kind, where it is not the general `staff-category` (catalogue: code_table_by_stage).
STAFF_CATEGORY_TABLES = {
    SchoolStage.KINDERGARTEN.value: "staff-category-kindergarten",
    SchoolStage.SECONDARY_VOCATIONAL.value: "staff-category-vocational",
}

#: 5-year age bands by age in the reference year (the year's age: reference year − year of birth).
AGE_BANDS = ("lt25", "25-29", "30-34", "35-39", "40-44", "45-49", "50-54", "55-59", "ge60")


def _age_band_sql() -> str:
    age = "(%(year)s - extract(year from t.birth_date)::int)"
    return (
        f"CASE WHEN {age} < 25 THEN 'lt25' WHEN {age} >= 60 THEN 'ge60' "
        f"ELSE ((5 * ({age} / 5))::text || '-' || (5 * ({age} / 5) + 4)::text) END"
    )


def _staff_category_sql() -> str:
    cases = " ".join(f"WHEN '{stage}' THEN '{table}:'" for stage, table in STAFF_CATEGORY_TABLES.items())
    table = f"(CASE s.school_stage {cases} ELSE 'staff-category:' END)"
    return f"CASE WHEN t.staff_category = '' THEN '' ELSE {table} || t.staff_category END"


def full_time_sql() -> str:
    """Whether the teacher is 专任教师 (the `staff=fulltime` filter of every report)."""
    cases = " ".join(f"WHEN '{stage}' THEN t.staff_category = '{code}'" for stage, code in FULL_TIME_CODES.items())
    return f"(CASE s.school_stage {cases} ELSE t.staff_category = '{FULL_TIME_DEFAULT}' END)"


@dataclass(frozen=True)
class Dimension:
    key: str
    label: str | Promise
    sql: str  # over `t` (teachers_teacher) and `s` (the school, orgs_organisation)
    code_table: str | None = None  # the code table naming its values
    fixed: dict[str, str | Promise] = field(default_factory=dict)  # names of fixed keys


DIMENSIONS: dict[str, Dimension] = {
    d.key: d
    for d in (
        Dimension("gender", _("Gender"), "t.gender", code_table="gender"),
        Dimension(
            "age_band",
            _("Age band"),
            _age_band_sql(),
            fixed={"lt25": _("Under 25"), "ge60": _("60 and over")} | {band: band for band in AGE_BANDS[1:-1]},
        ),
        Dimension(
            "ethnicity",
            _("Ethnicity"),
            "CASE WHEN t.ethnicity = '' THEN '' WHEN t.ethnicity = '01' THEN 'han' ELSE 'minority' END",
            fixed={"han": _("Han"), "minority": _("Ethnic minorities")},
        ),
        Dimension("political_status", _("Political status"), "coalesce(t.political_status[1], '')", "political-status"),
        Dimension("education", _("Highest education"), "t.highest_education", code_table="education"),
        Dimension("title", _("Professional title"), "t.current_professional_title", code_table="professional-title"),
        Dimension("post_level", _("Post level"), "t.current_post_grade", code_table="post-grade"),
        Dimension("staff_category", _("Staff category"), _staff_category_sql()),
        Dimension(
            "employment_status", _("Employment status"), "t.employment_status", code_table="staff-current-status"
        ),
        Dimension("personnel_status", _("Personnel status"), "t.personnel_status", code_table="personnel-status"),
        Dimension("urban_rural", _("Urban or rural"), "s.urban_rural", code_table="urban-rural"),
        Dimension(
            "record_state",
            _("Record state"),
            "t.record_state",
            fixed={state.value: state.label for state in RecordState},
        ),
    )
}

#: Combinations kept besides the single dimensions (each costs rows in every organisation): the age pyramid.
PAIRS: tuple[tuple[str, str], ...] = (("gender", "age_band"),)

#: The school kinds a report can be limited to (`school_type`), with their names.
SCHOOL_TYPES = {stage.value: stage.label for stage in SchoolStage}


def pair_key(first: str, second: str) -> str:
    return f"{first}.{second}"


def cell_keys() -> list[tuple[str, str, str]]:
    """(stored dimension key, first value's dimension, second value's dimension or ''): every single dimension, every
    kept pair and `total` (one row per school kind and staff kind: the headcount)."""
    singles = [(key, key, "") for key in DIMENSIONS]
    pairs = [(pair_key(a, b), a, b) for a, b in PAIRS]
    return [("total", "", ""), *singles, *pairs]
