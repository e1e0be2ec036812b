"""A teacher's changes on the archive's timeline: the submit of each change with its description and the kind's
name, its decisions; and after a transfer the receiving school reads the whole history — the reviews made at the
former school included (the archive follows the teacher)."""

from __future__ import annotations

import pytest

from tmis.teachers.models import Teacher

from .support import CHANGES, SCHOOL_A, SCHOOL_B, approve_all, approved_teacher, document_of

pytestmark = pytest.mark.django_db


def _timeline(client, teacher: Teacher) -> list[dict]:
    response = client.get(f"/api/v1/teachers/{teacher.pk}/timeline/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200, response.content[:300]
    return response.json()


def test_a_transfer_is_on_the_timeline_and_the_new_school_reads_the_old_reviews(client_for):
    teacher = approved_teacher(client_for, SCHOOL_A)
    before = [e for e in _timeline(client_for("demo-school-a"), teacher) if e["kind"] == "teacher_info"]
    assert [e["action"] for e in before] == ["submit", "approve", "approve"]
    assert before[0]["kind_name"] and before[0]["diff"] is None
    body = {
        "kind": "transfer",
        **document_of(teacher),
        "to_school": SCHOOL_B,
        "effective_date": "2026-09-01",
        "reason": "工作需要，调入本校任教",
    }
    applied = client_for("demo-school-b").post(CHANGES, body, format="json").json()
    logins = ["demo-school-b-reviewer", "demo-county-b", "demo-school-a-reviewer", "demo-county-a"]
    approve_all(client_for, applied["submission"], logins)

    entries = _timeline(client_for("demo-school-b"), teacher)
    transfer = [e for e in entries if e["kind"] == "transfer"]
    assert [e["action"] for e in transfer] == ["submit", "approve", "approve", "approve", "approve"]
    submit = transfer[0]
    assert submit["kind_name"] == "调动"
    change = submit["diff"]["change"]
    assert change["kind_name"] == "调动" and change["to_school_name"] == "兰州市七里河区建兰路小学"
    assert change["from_school_name"] and change["effective_date"] == "2026-09-01"
    assert all(e["diff"] is None for e in transfer[1:])
    # The reviews made at the former school come with the archive.
    assert [e["action"] for e in entries if e["kind"] == "teacher_info"] == ["submit", "approve", "approve"]
    # The sending school no longer reads the archive, nor its timeline.
    assert client_for("demo-school-a").get(f"/api/v1/teachers/{teacher.pk}/timeline/").status_code == 404


def test_a_leave_and_its_return_are_on_the_timeline(client_for):
    teacher = approved_teacher(client_for, SCHOOL_A)
    leave = client_for("demo-school-a").post(
        CHANGES,
        {
            "kind": "leave",
            "teacher": teacher.pk,
            "personnel_status": "204",
            "effective_date": "2026-10-01",
            "end_date": "2027-01-31",
            "reason": "产假，按规定休假",
        },
        format="json",
    )
    assert leave.status_code == 201, leave.json()
    entries = _timeline(client_for("demo-school-a"), teacher)
    submit = next(e for e in entries if e["kind"] == "teacher_status" and e["action"] == "submit")
    assert submit["diff"]["change"]["kind"] == "leave" and submit["diff"]["change"]["end_date"] == "2027-01-31"
