"""Demo teacher changes for `make run` (run after load_demo_reviews): transfers from 城关区第一实验小学 in every state
— waiting at the receiving school, in review at the sending school, completed, returned, withdrawn, and one to 北京
waiting at its province — plus a retirement and a secondment. Idempotent: nothing is done once any change exists."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from tmis.accounts.models import User
from tmis.reviews import services as engine
from tmis.reviews.models import Action
from tmis.teachers.models import RecordState, Teacher
from tmis.teachers.writes import id_number_of

from .models import TeacherChange
from .services import ChangeRequest, change_create

SENDING = "2162010201"
#: (what happens, applicant, receiving school, the reviewers who approve, then who returns, if anyone)
TRANSFERS = [
    ("waiting", "demo-school-b", "2162010301", [], None),
    ("at_sending_school", "demo-school-b", "2162010301", ["demo-school-b-reviewer", "demo-county-b"], None),
    (
        "completed",
        "demo-school-b",
        "2162010301",
        ["demo-school-b-reviewer", "demo-county-b", "demo-school-a-reviewer", "demo-county-a"],
        None,
    ),
    ("returned", "demo-school-b", "2162010301", ["demo-school-b-reviewer", "demo-county-b"], "demo-school-a-reviewer"),
    ("withdrawn", "demo-school-b", "2162010301", [], None),
    ("to_beijing", "demo-school-bj", "2111010101", ["demo-school-bj-reviewer", "demo-county-bj"], None),
]
REASON = "工作需要，申请调入本校任教。"
RETURN_REASON = "该教师承担毕业班教学任务，本学期末前不宜调动。"


def _user(username: str) -> User:
    return User.objects.select_related("organisation").get(username=username)


@transaction.atomic
def load_demo_changes() -> int:
    """Returns how many changes were made."""
    if TeacherChange.objects.exists():
        return 0
    candidates = list(
        Teacher.objects.filter(
            school__code=SENDING, record_state=RecordState.APPROVED, pending_change=False, open_change__isnull=True
        ).order_by("-id")[: len(TRANSFERS) + 2]
    )
    if len(candidates) < len(TRANSFERS) + 2:
        return 0
    today = dt.date.today()
    made = 0
    for (plan, applicant, school, approvers, returner), teacher in zip(TRANSFERS, candidates, strict=False):
        change = change_create(
            actor=_user(applicant),
            request=ChangeRequest(
                kind="transfer",
                id_type=teacher.id_type,
                id_number=id_number_of(teacher),
                to_school=school,
                effective_date=today + dt.timedelta(days=30),
                reason=REASON,
            ),
        )
        submission = change.submission_id
        assert submission is not None
        for reviewer in approvers:
            engine.decide(actor=_user(reviewer), submission_id=submission, action=Action.APPROVE)
        if returner:
            engine.decide(actor=_user(returner), submission_id=submission, action=Action.RETURN, reason=RETURN_REASON)
        if plan == "withdrawn":
            engine.withdraw(actor=_user(applicant), submission_id=submission)
        made += 1
    retiring, lent = candidates[len(TRANSFERS)], candidates[len(TRANSFERS) + 1]
    filler = _user("demo-school-a")
    for request in (
        ChangeRequest(kind="retire", teacher=retiring.pk, effective_date=today, reason="达到法定退休年龄"),
        ChangeRequest(
            kind="secondment",
            teacher=lent.pk,
            personnel_status="201",
            effective_date=today,
            end_date=today + dt.timedelta(days=180),
            reason="借调至区教育局工作半年",
        ),
    ):
        change = change_create(actor=filler, request=request)
        for reviewer in ("demo-school-a-reviewer", "demo-county-a"):
            engine.decide(actor=_user(reviewer), submission_id=change.submission_id, action=Action.APPROVE)
        made += 1
    return made
