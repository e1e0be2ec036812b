"""The summary tables (issue 16): after random archives and random changes between refreshes, every cell equals a
brute-force recount (`recount.py`); the API's summary and drill-down read them with names, in scope."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

import pytest
from django.db.models import F

from tests.factories.orgs import SchoolFactory
from tests.factories.teachers import TeacherRowFactory
from tmis.core.scope import SYSTEM
from tmis.orgs.models import Level, Organisation
from tmis.reports.models import SummaryCount
from tmis.reports.refresh import rebuild, refresh
from tmis.teachers.models import RecordState, Teacher
from tmis.teachers.services import teacher_delete
from tmis.teachers.writes import stamp_change

from .recount import recount

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 3)
CHOICES = {
    "gender": ["1", "2"],
    "ethnicity": ["01", "01", "02", "03", ""],
    "political_status": [["01"], ["03"], ["13"], []],
    "highest_education": ["11", "21", "31", "41", ""],
    "current_professional_title": ["0", "011", "012", ""],
    "current_post_grade": ["1", "5", "10", ""],
    "staff_category": ["A1", "A1", "04", "B1", ""],
    "personnel_status": ["100", "100", "201", ""],
    "employment_status": ["11", "11", "12"],
    "record_state": [state.value for state in RecordState],
}


def _random_values(rng: random.Random) -> dict:
    values = {field: rng.choice(options) for field, options in CHOICES.items()}
    values["birth_date"] = dt.date(rng.randint(1958, 2003), rng.randint(1, 12), rng.randint(1, 28))
    return values


def _schools(rng: random.Random) -> list[Organisation]:
    """Demo schools plus a kindergarten and a vocational school in another county."""
    extra = [
        SchoolFactory(school_type="111", urban_rural="220"),
        SchoolFactory(school_type="361", parent=Organisation.objects.get(code="620103"), urban_rural="111"),
    ]
    return list(Organisation.objects.filter(level=Level.SCHOOL).order_by("code")) + extra


def _table() -> Counter:
    return Counter(
        {
            (c.organisation_id, c.dimension, c.school_type, c.fulltime, c.value, c.value2): c.count
            for c in SummaryCount.objects.all()
        }
    )


def _assert_matches_recount() -> None:
    expected, stored = recount(TODAY.year), _table()
    assert +expected == stored, {
        "missing": list((expected - stored).items())[:5],
        "extra": list((stored - expected).items())[:5],
    }


def test_every_cell_equals_a_brute_force_recount_through_random_changes():
    rng = random.Random(16)
    schools = _schools(rng)
    teachers = [TeacherRowFactory(school=rng.choice(schools), **_random_values(rng)) for _ in range(240)]
    for teacher in teachers:  # the factory's school sets the path
        Teacher.objects.filter(pk=teacher.pk).update(org_path=teacher.school.path)
    assert refresh(today=TODAY).rebuilt  # the first run of the year builds
    _assert_matches_recount()
    for round_ in range(3):
        for teacher in rng.sample(teachers, 40):  # edits
            Teacher.objects.filter(pk=teacher.pk).update(**_random_values(rng))
            stamp_change(teacher)
        for teacher in rng.sample(teachers, 8):  # moves to another school
            school = rng.choice(schools)
            Teacher.objects.filter(pk=teacher.pk).update(school=school, org_path=school.path)
            stamp_change(teacher)
        for teacher in rng.sample(teachers, 4):  # leaving, or coming back
            Teacher.objects.filter(pk=teacher.pk).update(active=~F("active"))
            stamp_change(teacher)
        drafts = [t for t in teachers if Teacher.objects.filter(pk=t.pk, record_state=RecordState.DRAFT).exists()]
        for teacher in drafts[:3]:  # deleted drafts (tombstones)
            teacher_delete(actor=SYSTEM, teacher=Teacher.objects.get(pk=teacher.pk))
            teachers.remove(teacher)
        teachers += [TeacherRowFactory(school=rng.choice(schools), **_random_values(rng)) for _ in range(5)]
        for teacher in teachers[-5:]:
            Teacher.objects.filter(pk=teacher.pk).update(org_path=teacher.school.path)
        result = refresh(today=TODAY)
        assert not result.rebuilt and result.teachers > 0, round_
        _assert_matches_recount()
    again = refresh(today=TODAY)  # idempotent: the overlap re-reads, nothing changes
    assert again.cells == 0
    _assert_matches_recount()
    before = _table()
    rebuild(today=TODAY)
    assert _table() == before  # a rebuild finds what the increments kept


def test_a_new_year_rebuilds_the_age_bands():
    TeacherRowFactory(birth_date=dt.date(2002, 6, 1))  # 24 in 2026, 25 in 2027
    refresh(today=TODAY)
    assert +recount(2026) == _table() != +recount(2027)
    assert refresh(today=dt.date(2027, 1, 1)).rebuilt
    assert +recount(2027) == _table()
