"""The incremental refresh leaves exactly what a rebuild computes — after creations, updates, moves, leavers and
deletions — and keeps when each finding was first seen."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.core.management import call_command

from tmis.quality.models import QualityIssue
from tmis.quality.refresh import rebuild, refresh
from tmis.quality.selectors import problem_counts
from tmis.teachers.models import DeletedTeacher
from tmis.teachers.writes import change_seqs

from .helpers import OTHER_COUNTY_SCHOOL, OTHER_SCHOOL, SCHOOL, TODAY, archive, findings, school, state, update

pytestmark = pytest.mark.django_db
SCHOOLS = (SCHOOL, OTHER_SCHOOL, OTHER_COUNTY_SCHOOL)
NAMES = ("王芳", "李静", "张伟")


def _random_values(rng: random.Random) -> dict:
    birth = dt.date(rng.choice((1925, 1970, 1985, 1990, 2012)), rng.randint(1, 2), 1 + rng.randint(0, 1))
    return {
        "name": rng.choice(NAMES),
        "birth_date": birth,
        "work_start_month": rng.choice(("", "2000-01", "2008-09", "1990-02")),
        "school_entry_month": rng.choice(("", "2005-09", "2012-09")),
        "record_state": rng.choice(("draft", "approved")),
        "current_professional_title": rng.choice(("", "061", "062", "063")),
        "current_post_grade": rng.choice(("", "103", "106", "109")),
    }


def _delete(teacher) -> None:
    """What deleting a draft leaves: the tombstone with the next change_seq."""
    DeletedTeacher.objects.create(teacher_id=teacher.pk, org_path=teacher.org_path, change_seq=change_seqs(1)[0])
    teacher.delete()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_refresh_equals_rebuild_after_random_writes(seed):
    rng = random.Random(seed)
    teachers = [archive(rng.choice(SCHOOLS), **_random_values(rng)) for _ in range(40)]
    rebuild(today=TODAY)
    for _round in range(3):
        for _ in range(15):
            action = rng.random()
            if action < 0.25:
                teachers.append(archive(rng.choice(SCHOOLS), **_random_values(rng)))
            elif action < 0.75 and teachers:
                teacher = rng.choice(teachers)
                values = _random_values(rng) if rng.random() < 0.7 else {}
                if rng.random() < 0.3:  # moved to another school
                    target = school(rng.choice(SCHOOLS))
                    values |= {"school": target, "org_path": target.path}
                if rng.random() < 0.1:
                    values["active"] = False  # left
                update(teacher, **values)
            elif teachers:
                teacher = teachers.pop(rng.randrange(len(teachers)))
                _delete(teacher)
        refresh(today=TODAY)
        incremental = state()
        rebuild(today=TODAY)
        assert state() == incremental
        assert incremental[0], "the random archives should break some rules"


def test_leaving_a_duplicate_group_clears_the_other_member():
    first = archive(name="王芳", birth_date=dt.date(1980, 1, 2))
    second = archive(OTHER_SCHOOL, name="王芳", birth_date=dt.date(1980, 1, 2))
    rebuild(today=TODAY)
    assert (second.pk, "Q004") in findings(second)
    update(first, name="王小芳")  # only the first changes
    refresh(today=TODAY)
    assert not findings()
    county = school().parent
    assert problem_counts([county.pk, county.parent_id]) == {county.pk: 0, county.parent_id: 0}


def test_a_refresh_keeps_when_a_finding_was_first_seen_and_counts_once_per_archive():
    teacher = archive(birth_date=dt.date(1920, 1, 1), work_start_month="1940-01", school_entry_month="1939-01")
    rebuild(today=TODAY)
    first_seen = dt.datetime(2026, 1, 5, 8, 0, tzinfo=dt.UTC)
    QualityIssue.objects.update(found_at=first_seen)  # (a test runs in one transaction: now() never moves)
    update(teacher, remarks="touched")
    refresh(today=TODAY)
    assert QualityIssue.objects.get(teacher_id=teacher.pk, rule="Q001").found_at == first_seen
    rebuild(today=TODAY)
    assert QualityIssue.objects.get(teacher_id=teacher.pk, rule="Q003").found_at == first_seen
    assert rules_count(teacher) == 2  # Q001 and Q003
    where = school()
    assert problem_counts([where.pk, where.parent_id]) == {where.pk: 1, where.parent_id: 1}
    refresh(today=TODAY)  # idempotent: the overlap reads it again
    assert problem_counts([where.pk]) == {where.pk: 1}


def rules_count(teacher) -> int:
    return QualityIssue.objects.filter(teacher_id=teacher.pk).count()


def test_the_command_refreshes_and_rebuilds(capsys):
    archive(birth_date=dt.date(1920, 1, 1))
    call_command("refresh_quality", "--rebuild")
    assert "1 issues found" in capsys.readouterr().out
    call_command("refresh_quality")
    assert "quality:" in capsys.readouterr().out
