"""Archives written straight to the table (as the reports' tests do) and the findings the quality tables hold."""

from __future__ import annotations

import datetime as dt

from tests.factories.teachers import TeacherRowFactory
from tmis.orgs.models import Organisation
from tmis.quality.models import QualityCount, QualityIssue
from tmis.quality.rules import required_groups
from tmis.teachers.models import GROUP_MODELS, Teacher
from tmis.teachers.writes import stamp_change

TODAY = dt.date(2026, 6, 15)
SCHOOL, OTHER_SCHOOL, OTHER_COUNTY_SCHOOL = "2162010201", "3162010202", "2162010301"


def school(code: str = SCHOOL) -> Organisation:
    return Organisation.objects.get(code=code)


def archive(code: str = SCHOOL, **values: object) -> Teacher:
    """A current draft archive with plausible dates (clean for every rule) unless `values` say otherwise."""
    where = school(code)
    defaults: dict[str, object] = {
        "birth_date": dt.date(1985, 3, 12),
        "work_start_month": "2008-09",
        "school_entry_month": "2012-09",
    }
    return TeacherRowFactory(
        school=where, org_path=where.path, province_code=where.province_code, **(defaults | values)
    )


def update(teacher: Teacher, **values: object) -> Teacher:
    """Change an archive as a write does: new values and the next change_seq."""
    for key, value in values.items():
        setattr(teacher, key, value)
    teacher.save()
    stamp_change(teacher)
    teacher.refresh_from_db()
    return teacher


def fill_required_groups(teacher: Teacher) -> None:
    """One (bare) record in every group the school kind requires."""
    for group in required_groups()[teacher.school.school_stage]:
        GROUP_MODELS[group].objects.create(teacher=teacher, province_code=teacher.province_code)


def findings(teacher: Teacher | None = None) -> dict[tuple[int, str], dict]:
    """(teacher id, rule) → detail, of one archive or all."""
    issues = QualityIssue.objects.all()
    if teacher is not None:
        issues = issues.filter(teacher_id=teacher.pk)
    return {(i.teacher_id, i.rule): i.detail for i in issues}


def rules_of(teacher: Teacher) -> set[str]:
    return {rule for (_teacher, rule) in findings(teacher)}


def state() -> tuple[set, set]:
    """Everything the tables hold, comparable between a refresh and a rebuild."""
    issues = {
        (i.teacher_id, i.school_id, i.org_path, i.rule, str(sorted(i.detail.items())), i.group_key)
        for i in QualityIssue.objects.all()
    }
    counts = {(c.organisation_id, c.parent_id, c.rule, c.count) for c in QualityCount.objects.all()}
    return issues, counts
