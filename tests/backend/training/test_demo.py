"""`make run`'s training credits: 甘肃's rules, a programme at each level with its list confirmed, claims of
城关区第一实验小学 approved, returned and waiting; loaded once; 城关区's compliance shows the hours."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from tmis.changes.demo import load_demo_changes
from tmis.reviews.models import Submission
from tmis.teachers.demo import load_demo_teachers
from tmis.teachers.demo_reviews import load_demo_reviews
from tmis.teachers.models import Teacher
from tmis.teachers.models.groups import TrainingRecord
from tmis.training.demo import FILED, KINDERGARTEN, QUALITY_SCHOOLS, SCHOOL_A, load_demo_training
from tmis.training.models import Claim, Participant, Programme, TrainingRules
from tmis.training.rules import rules_for

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, ...]:
    return (
        TrainingRules.objects.count(),
        Programme.objects.count(),
        Participant.objects.count(),
        Claim.objects.count(),
        TrainingRecord.objects.count(),
        Submission.objects.filter(kind="training_claim").count(),
    )


@pytest.fixture
def demo():
    load_demo_teachers(per_school=36)
    load_demo_reviews()
    load_demo_changes()


def test_loads_every_part_once(demo):
    added = load_demo_training()
    assert added["rules"] == 1 and added["programmes"] == 4 and added["completions"] > 100
    assert (added["approved"], added["returned"], added["waiting"]) == (4, 1, 3)
    before = _counts()
    assert load_demo_training() == dict.fromkeys(added, 0)
    assert _counts() == before

    rules = TrainingRules.objects.get(province__code="620000")
    assert (rules.version, rules.required_hours, rules.cycle_years, rules.cycle_start_year) == (1, 360, 5, 2021)
    levels = dict(Programme.objects.values_list("organisation__code", "level"))
    assert levels == {"620000": "2", "620100": "3", "620102": "4", KINDERGARTEN: "5"}
    filed = Claim.objects.filter(source="filed")
    assert dict(filed.values_list("state").annotate(n=Count("id"))) == {"approved": 4, "returned": 1, "submitted": 3}
    assert filed.count() == len(FILED) and set(filed.values_list("school__code", flat=True)) == {SCHOOL_A}
    waiting = Submission.objects.filter(kind="training_claim", state="submitted")
    assert {s.step_levels[s.current_step] for s in waiting} == {"school"}  # none left in the county's queue
    # Every approved claim wrote its archive record; none of the data-quality demo's schools was touched, nor the
    # first archive of any school (the browser tests open it).
    approved = Claim.objects.filter(state="approved")
    assert not approved.filter(record__isnull=True).exists()
    assert not Claim.objects.filter(school__code__in=QUALITY_SCHOOLS).exists()
    firsts = [
        Teacher.objects.filter(school=school).order_by("id").values_list("id", flat=True).first()
        for school in Teacher.objects.values_list("school", flat=True).distinct()
    ]
    assert not Claim.objects.filter(teacher_id__in=firsts).exists()


def test_county_compliance_shows_the_hours(demo, client_for):
    call_command("load_demo_training", verbosity=0)
    cycle = "{}-{}".format(*rules_for("620000").cycle_of(timezone.localdate().year))
    body = client_for("demo-county-a").get("/api/v1/training/compliance/", {"org": "620102", "cycle": cycle}).json()
    county = body["organisation"]
    assert county["with_hours"] > 30 and county["hours"] > 5000 and county["compliant"] > 0
    schools = {row["organisation"]["code"]: row for row in body["children"]}
    kindergarten, school_a = schools[KINDERGARTEN], schools[SCHOOL_A]
    assert kindergarten["compliant"] > 0 and kindergarten["on_track"] > 0
    # 城关区第一实验小学: the province's and the county's programmes and the approved filed claims (40+20+16+30).
    assert school_a["with_hours"] > 0 and school_a["hours"] >= 106
