"""Helpers of the training-credits tests: claims filed and decided over HTTP, approved claims written as rows (for
tests of the counting, where many varied claims matter more than each one's review), the rules set over HTTP."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from tmis.accounts.models import User
from tmis.teachers.models import Teacher
from tmis.training.models import Claim, ClaimState
from tmis.training.rules import rules_for
from tmis.training.standings import recount

CLAIMS = "/api/v1/training/claims/"
REVIEWS = "/api/v1/reviews/"
PROGRAMMES = "/api/v1/training/programmes/"
COMPLIANCE = "/api/v1/training/compliance/"
SCHOOL_A, SCHOOL_A2, SCHOOL_B = "2162010201", "3162010202", "2162010301"

#: The national defaults as a PUT body of the rules endpoint (a test overrides what it is about).
RULES_BODY: dict[str, Any] = {
    "cycle_start_year": 2021,
    "cycle_years": 5,
    "required_hours": 360,
    "new_teacher_hours": 120,
    "hours_per_credit": "10",
    "credit_ratios": {},
    "quotas": [],
    "yearly_caps": {},
}


def rules_url(province: str = "620000") -> str:
    return f"/api/v1/training/rules/{province}/"


def set_rules(client_for, login: str = "demo-province", province: str = "620000", **overrides: Any):
    return client_for(login).put(rules_url(province), RULES_BODY | overrides, format="json")


def transcript_url(teacher: Teacher) -> str:
    return f"/api/v1/teachers/{teacher.pk}/training/transcript/"


def file_claim(client_for, teacher: Teacher, login: str = "demo-school-a", **more: Any) -> dict:
    body = {
        "teacher": teacher.pk,
        "kind": "research",
        "title": "县级课题研究",
        "hours": 40,
        "date": "2026-03-01",
    } | more
    filed = client_for(login).post(CLAIMS, body, format="json")
    assert filed.status_code == 201, filed.json()
    return filed.json()


def decide(client_for, claim_id: int, logins: Iterable[str], action: str = "approve", **body: Any) -> None:
    submission = client_for("demo-county-a").get(f"{CLAIMS}{claim_id}/").json()["submission"]
    for login in logins:
        decided = client_for(login).post(f"{REVIEWS}{submission}/{action}/", body or None, format="json")
        assert decided.status_code == 200, (login, decided.json())


def approve(client_for, claim_id: int) -> None:
    """The default chain of a claim of 城关区第一实验小学: its school's reviewer, then 城关区."""
    decide(client_for, claim_id, ["demo-school-a-reviewer", "demo-county-a"])


def approved_rows(teacher: Teacher, entries: Iterable[tuple], *, state: str = ClaimState.APPROVED) -> list[Claim]:
    """Claims written as rows, approved (credits by the province's rules in force) unless `state` says otherwise,
    and the teacher's standing recounted. Each entry: (kind, level, form, hours, date ISO)."""
    rules = rules_for(teacher.province_code)
    actor = User.objects.get(username="demo-school-a")
    claims = [
        Claim.objects.create(
            teacher=teacher,
            school_id=teacher.school_id,
            kind=kind,
            title=f"{kind} {date}",
            level=level,
            form=form,
            hours=hours,
            date=dt.date.fromisoformat(date),
            state=state,
            credits=rules.credits(hours, form) if state == ClaimState.APPROVED else None,
            created_by=actor,
        )
        for kind, level, form, hours, date in entries
    ]
    recount([teacher.pk])
    return claims
