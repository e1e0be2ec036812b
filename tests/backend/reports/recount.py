"""The brute-force recount the summary tables are checked against: every current teacher's values computed in
Python from its row, counted for every organisation above its school — written apart from the refresh's SQL."""

from __future__ import annotations

from collections import Counter

from tmis.orgs.models import Organisation
from tmis.teachers.models import Teacher

KINDERGARTEN, VOCATIONAL = "kindergarten", "secondary_vocational"


def _age_band(teacher: Teacher, year: int) -> str:
    age = year - teacher.birth_date.year
    if age < 25:
        return "lt25"
    if age >= 60:
        return "ge60"
    low = age // 5 * 5
    return f"{low}-{low + 4}"


def _staff_category(teacher: Teacher, stage: str) -> str:
    if not teacher.staff_category:
        return ""
    table = {KINDERGARTEN: "staff-category-kindergarten", VOCATIONAL: "staff-category-vocational"}.get(
        stage, "staff-category"
    )
    return f"{table}:{teacher.staff_category}"


def values_of(teacher: Teacher, school: Organisation, year: int) -> dict[str, str]:
    ethnicity = "" if not teacher.ethnicity else ("han" if teacher.ethnicity == "01" else "minority")
    return {
        "gender": teacher.gender,
        "age_band": _age_band(teacher, year),
        "ethnicity": ethnicity,
        "political_status": teacher.political_status[0] if teacher.political_status else "",
        "education": teacher.highest_education,
        "title": teacher.current_professional_title,
        "post_level": teacher.current_post_grade,
        "staff_category": _staff_category(teacher, school.school_stage),
        "employment_status": teacher.employment_status,
        "personnel_status": teacher.personnel_status,
        "urban_rural": school.urban_rural,
        "record_state": teacher.record_state,
    }


def recount(year: int) -> Counter:
    """(organisation id, dimension, school kind, 专任, value, value2) → count, zero cells left out."""
    orgs = {org.path: org for org in Organisation.objects.all()}
    counts: Counter = Counter()
    for teacher in Teacher.objects.filter(active=True).select_related("school"):
        school = teacher.school
        stage = school.school_stage
        full_time = teacher.staff_category == ("04" if stage == KINDERGARTEN else "A1")
        values = values_of(teacher, school, year)
        cells = [("total", "", "")] + [(key, value, "") for key, value in values.items()]
        cells.append(("gender.age_band", values["gender"], values["age_band"]))
        parts = school.path.strip("/").split("/")
        ancestors = [orgs["/" + "/".join(parts[:i]) + "/"] for i in range(1, len(parts) + 1)]
        for org in ancestors:
            for dimension, value, value2 in cells:
                counts[(org.pk, dimension, stage, full_time, value, value2)] += 1
    return counts
