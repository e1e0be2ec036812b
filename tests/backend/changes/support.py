"""Approved archives to change, and the steps of a change's review, over the real HTTP stack."""

from __future__ import annotations

from tests.factories.teachers import complete_archive
from tmis.teachers.models import Teacher
from tmis.teachers.writes import id_number_of

CHANGES = "/api/v1/changes/"
REVIEWS = "/api/v1/reviews/"
SCHOOL_A, SCHOOL_B, SCHOOL_BJ = "2162010201", "2162010301", "2111010101"

#: The logins that review an archive at each school: (filler, school reviewer, county reviewer).
SIDES = {
    SCHOOL_A: ("demo-school-a", "demo-school-a-reviewer", "demo-county-a"),
    SCHOOL_B: ("demo-school-b", "demo-school-b-reviewer", "demo-county-b"),
    SCHOOL_BJ: ("demo-school-bj", "demo-school-bj-reviewer", "demo-county-bj"),
}


def approved_teacher(client_for, school: str = SCHOOL_A, **overrides: object) -> Teacher:
    """A complete archive submitted by the school's filler and approved by its school and county reviewers."""
    filler, school_reviewer, county_reviewer = SIDES[school]
    teacher_id = complete_archive(client_for(filler), school, **overrides)
    submitted = client_for(filler).post(f"/api/v1/teachers/{teacher_id}/submit/")
    assert submitted.status_code == 201, submitted.json()
    submission = submitted.json()["id"]
    for reviewer in (school_reviewer, county_reviewer):
        decided = client_for(reviewer).post(f"{REVIEWS}{submission}/approve/")
        assert decided.status_code == 200, decided.json()
    return Teacher.objects.get(pk=teacher_id)


def document_of(teacher: Teacher) -> dict[str, str]:
    return {"id_type": teacher.id_type, "id_number": id_number_of(teacher)}


def approve_all(client_for, submission: int, logins: list[str]) -> None:
    for login in logins:
        decided = client_for(login).post(f"{REVIEWS}{submission}/approve/")
        assert decided.status_code == 200, (login, decided.json())
