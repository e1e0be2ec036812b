"""Demo review states for `make run`: the teachers of 城关区第一实验小学 in every state a reviewer or filler meets —
approved, in review at the county, waiting at the school, returned with a reason, drafts, and approved archives
with an open change request (one of key information, climbing to the province). Idempotent: nothing is done
once any of those teachers has been submitted."""

from __future__ import annotations

from django.db import transaction

from tmis.accounts.models import User
from tmis.core.etag import Precondition
from tmis.reviews import services as engine
from tmis.reviews.models import Action, Submission

from .models import Teacher
from .reviewing import teacher_submit
from .services import teacher_update

SCHOOL = "2162010201"
#: (how many, what happens) in the order of the school's teachers.
PLAN = [
    (20, "approved"),
    (5, "at_county"),
    (5, "at_school"),
    (3, "returned"),
]
RETURN_REASONS = [
    "学习经历缺少毕业院校，请补充。",
    "参加工作年月与学习经历不符，请核对。",
    "教职工类别填写有误，请核对。",
]


def load_demo_reviews() -> int:
    """Returns how many teachers were put through review."""
    teachers = list(Teacher.objects.filter(school__code=SCHOOL).order_by("id"))
    if (
        not teachers
        or Submission.objects.filter(subject_type="teacher", subject_id__in=[t.pk for t in teachers]).exists()
    ):
        return 0
    users = {u.username: u for u in User.objects.filter(username__startswith="demo-")}
    filler, school, county = users["demo-school-a"], users["demo-school-a-reviewer"], users["demo-county-a"]
    done = 0
    position = 0
    with transaction.atomic():
        for count, outcome in PLAN:
            for teacher in teachers[position : position + count]:
                submission = teacher_submit(actor=filler, teacher_id=teacher.pk)
                if outcome in {"approved", "at_county"}:
                    engine.decide(actor=school, submission_id=submission.pk, action=Action.APPROVE)
                if outcome == "approved":
                    engine.decide(actor=county, submission_id=submission.pk, action=Action.APPROVE)
                if outcome == "returned":
                    reason = RETURN_REASONS[done % len(RETURN_REASONS)]
                    engine.decide(actor=school, submission_id=submission.pk, action=Action.RETURN, reason=reason)
                done += 1
            position += count
        approved = teachers[:20]
        # Open change requests on approved archives: two ordinary ones waiting at the school, one of key information
        # already past the school and the county, waiting at the province.
        # (an indicator of the catalogue in force: 政治面貌, a teacher who joined the party as a probationary member)
        joined = [t for t in approved if t.political_status != ["01"]][:2]
        for teacher in joined:
            teacher.refresh_from_db()
            party = {"political_status": ["02"]}
            teacher_update(actor=filler, teacher_id=teacher.pk, precondition=Precondition.of(teacher), data=party)
        key = next(t for t in approved if t not in joined)
        key.refresh_from_db()
        teacher_update(
            actor=filler, teacher_id=key.pk, precondition=Precondition.of(key), data={"name": key.name + "敏"}
        )
        change = Submission.objects.filter(subject_id=key.pk, kind="teacher_key_change").get()
        for reviewer in (school, county):
            engine.decide(actor=reviewer, submission_id=change.pk, action=Action.APPROVE)
    return done
