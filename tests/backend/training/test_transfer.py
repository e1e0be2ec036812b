"""A transfer carries the hours (DOMAIN decision 6): a teacher's approved claims follow the archive to the new
school through the changes module's own flow; after the periodic `standings.refresh()` they count at the new school's
tally and not at the old one's, the transcript is the same, and the new school's claim list shows them."""

from __future__ import annotations

import pytest

from tests.backend.changes.support import SCHOOL_A, SCHOOL_B, approve_all, approved_teacher, document_of
from tmis.training import standings
from tmis.training.models import SchoolTally, Standing

from .support import CLAIMS, COMPLIANCE, approve, file_claim, transcript_url

pytestmark = pytest.mark.django_db


def _tally(code: str) -> tuple[int, int] | None:
    row = SchoolTally.objects.filter(school_id=_school_id(code), cycle_start=2026).first()
    return (row.teachers, row.hours) if row else None


def _school_id(code: str) -> int:
    from tmis.orgs.models import Organisation

    return Organisation.objects.get(code=code).pk


def _school_row(client_for, login: str, county: str, school: str) -> dict:
    body = client_for(login).get(f"{COMPLIANCE}?org={county}").json()
    return next(row for row in body["children"] if row["organisation"]["code"] == school)


def _without_time(body: dict) -> dict:
    return {key: value for key, value in body.items() if key not in ("generated_at", "teacher")} | {
        "teacher": {k: v for k, v in body["teacher"].items() if k != "school"}
    }


def test_a_transfer_carries_the_hours(client_for):
    teacher = approved_teacher(client_for, SCHOOL_A)
    claims = [
        file_claim(client_for, teacher, hours=40, date="2026-03-01")["id"],
        file_claim(client_for, teacher, hours=24, date="2025-10-01", title="网络研修")["id"],
    ]
    for claim in claims:
        approve(client_for, claim)
    before = client_for("demo-school-a").get(transcript_url(teacher)).json()
    assert _tally(SCHOOL_A) == (1, 40) and _tally(SCHOOL_B) is None

    applied = client_for("demo-school-b").post(
        "/api/v1/changes/",
        {
            "kind": "transfer",
            **document_of(teacher),
            "to_school": SCHOOL_B,
            "effective_date": "2026-09-01",
            "reason": "工作需要，调入本校任教",
        },
        format="json",
    )
    assert applied.status_code == 201, applied.json()
    approve_all(
        client_for,
        applied.json()["submission"],
        ["demo-school-b-reviewer", "demo-county-b", "demo-school-a-reviewer", "demo-county-a"],
    )
    # Until the refresh, the standing is where the claims were approved.
    assert Standing.objects.get(teacher_id=teacher.pk, cycle_start=2026).school_id == _school_id(SCHOOL_A)

    assert standings.refresh() >= 1
    assert set(Standing.objects.filter(teacher_id=teacher.pk).values_list("school_id", flat=True)) == {
        _school_id(SCHOOL_B)
    }
    assert _tally(SCHOOL_B) == (1, 40) and _tally(SCHOOL_A) is None
    new = _school_row(client_for, "demo-county-b", "620103", SCHOOL_B)
    old = _school_row(client_for, "demo-county-a", "620102", SCHOOL_A)
    assert (new["with_hours"], new["hours"], old["with_hours"], old["hours"]) == (1, 40, 0, 0)
    older = client_for("demo-county-b").get(f"{COMPLIANCE}?org=620103&cycle=2021-2025").json()["organisation"]
    assert (older["with_hours"], older["hours"]) == (1, 24)
    assert (
        client_for("demo-county-a").get(f"{COMPLIANCE}?org=620102&cycle=2021-2025").json()["organisation"]["hours"] == 0
    )

    # The transcript is the same (but for the school's name), read now by the new school.
    after = client_for("demo-school-b").get(transcript_url(teacher))
    assert after.status_code == 200
    assert _without_time(after.json()) == _without_time(before)
    assert after.json()["teacher"]["school"] == "兰州市七里河区建兰路小学"
    assert client_for("demo-school-a").get(transcript_url(teacher)).status_code == 404

    listed = client_for("demo-school-b").get(f"{CLAIMS}?teacher={teacher.pk}").json()["results"]
    assert sorted(row["id"] for row in listed) == sorted(claims)
    assert client_for("demo-school-a").get(f"{CLAIMS}?teacher={teacher.pk}").json()["results"] == []
    assert client_for("demo-school-a").get(f"{CLAIMS}{claims[0]}/").status_code == 404
    assert standings.refresh() >= 0 and _tally(SCHOOL_B) == (1, 40)  # idempotent
