"""Changes of the own side: secondment and leave (temporary, ended by their end date or a return), leaving (the
archive becomes inactive: kept, read-only, out of the current list, still found by the look-up) and return."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories.teachers import teacher_payload
from tmis.changes.services import end_due_states
from tmis.teachers.models import Teacher

from .support import CHANGES, SCHOOL_A, SCHOOL_B, approve_all, approved_teacher, document_of

pytestmark = pytest.mark.django_db
OWN_SIDE = ["demo-school-a-reviewer", "demo-county-a"]


def _own(client_for, teacher: Teacher, kind: str, **more: object) -> dict:
    applied = client_for("demo-school-a").post(
        CHANGES,
        {"kind": kind, "teacher": teacher.pk, "effective_date": "2026-09-01", "reason": "按规定办理"} | more,
        format="json",
    )
    assert applied.status_code == 201, applied.json()
    return applied.json()


def test_retirement_then_re_employment(client_for):
    teacher = approved_teacher(client_for, SCHOOL_A)
    retired = _own(client_for, teacher, "retire")
    assert retired["state"] == "submitted" and retired["name"] == teacher.name
    approve_all(client_for, retired["submission"], OWN_SIDE)
    left = Teacher.objects.get(pk=teacher.pk)
    assert (left.active, left.employment_status, left.teacher_no) == (False, "01", teacher.teacher_no)
    filler = client_for("demo-school-a")
    # Kept, read-only, in no current list, still found by the look-up and the dedup check.
    assert filler.get(f"/api/v1/teachers/{teacher.pk}/").status_code == 200
    current = [t["id"] for t in filler.get("/api/v1/teachers/?school=2162010201&page_size=500").json()["results"]]
    assert teacher.pk not in current
    gone = [t["id"] for t in filler.get("/api/v1/teachers/?school=2162010201&status=left").json()["results"]]
    assert gone == [teacher.pk] or teacher.pk in gone
    edit = filler.patch(
        f"/api/v1/teachers/{teacher.pk}/",
        {"remarks": "x"},
        format="json",
        HTTP_IF_MATCH=f'"{teacher.pk}-v{left.version}"',
    )
    assert edit.status_code == 409 and edit.json()["code"] == "inactive"
    found = client_for("demo-school-b").get("/api/v1/teachers/lookup/", document_of(teacher)).json()
    assert found["found"] and found["active"] is False
    again = filler.post("/api/v1/teachers/", teacher_payload(SCHOOL_A, **document_of(teacher)), format="json")
    assert again.status_code == 409
    # 返聘 at the same school re-activates the archive.
    back = _own(client_for, left, "return")
    approve_all(client_for, back["submission"], OWN_SIDE)
    returned = Teacher.objects.get(pk=teacher.pk)
    assert (returned.active, returned.employment_status, returned.personnel_status) == (True, "04", "100")


def test_a_transfer_of_someone_who_left_needs_a_return_first(client_for):
    teacher = approved_teacher(client_for, SCHOOL_A)
    approve_all(client_for, _own(client_for, teacher, "resign")["submission"], OWN_SIDE)
    refused = client_for("demo-school-b").post(
        CHANGES,
        {
            "kind": "transfer",
            **document_of(teacher),
            "to_school": SCHOOL_B,
            "effective_date": "2026-09-01",
            "reason": "调入",
        },
        format="json",
    )
    assert refused.status_code == 409 and refused.json()["code"] == "inactive"
    # A return at another school is a transfer: both sides review it, and the archive moves and re-activates.
    elsewhere = client_for("demo-school-b").post(
        CHANGES,
        {
            "kind": "return",
            **document_of(teacher),
            "to_school": SCHOOL_B,
            "effective_date": "2026-10-01",
            "reason": "重新聘用",
        },
        format="json",
    )
    assert elsewhere.status_code == 201, elsewhere.json()
    approve_all(
        client_for,
        elsewhere.json()["submission"],
        ["demo-school-b-reviewer", "demo-county-b", "demo-school-a-reviewer", "demo-county-a"],
    )
    moved = Teacher.objects.select_related("school").get(pk=teacher.pk)
    assert (moved.school.code, moved.active, moved.employment_status) == (SCHOOL_B, True, "11")


def test_a_secondment_ends_on_its_end_date(client_for):
    teacher = approved_teacher(client_for, SCHOOL_A)
    lent = _own(client_for, teacher, "secondment", personnel_status="201", end_date="2026-12-31")
    approve_all(client_for, lent["submission"], OWN_SIDE)
    assert Teacher.objects.get(pk=teacher.pk).personnel_status == "201"
    assert Teacher.objects.get(pk=teacher.pk).school_id == teacher.school_id  # the school of record stays
    assert end_due_states(today=dt.date(2026, 12, 31)) == 0  # still away on its last day
    assert end_due_states(today=dt.date(2027, 1, 1)) == 1
    assert Teacher.objects.get(pk=teacher.pk).personnel_status == "100"
    assert end_due_states(today=dt.date(2027, 1, 2)) == 0  # once


def test_a_leave_ends_by_a_return(client_for):
    teacher = approved_teacher(client_for, SCHOOL_A)
    approve_all(client_for, _own(client_for, teacher, "leave", personnel_status="204")["submission"], OWN_SIDE)
    twice = client_for("demo-school-a").post(
        CHANGES,
        {
            "kind": "leave",
            "teacher": teacher.pk,
            "personnel_status": "203",
            "effective_date": "2026-10-01",
            "reason": "病假",
        },
        format="json",
    )
    assert twice.status_code == 409 and twice.json()["code"] == "already_away"
    approve_all(client_for, _own(client_for, teacher, "return")["submission"], OWN_SIDE)
    assert Teacher.objects.get(pk=teacher.pk).personnel_status == "100"


def test_bad_status_changes_say_which_field(client_for):
    teacher = approved_teacher(client_for, SCHOOL_A)
    filler = client_for("demo-school-a")

    def post(**body: object):
        return filler.post(
            CHANGES,
            {"teacher": teacher.pk, "effective_date": "2026-09-01", "reason": "按规定办理"} | body,
            format="json",
        )

    assert (
        post(kind="leave", personnel_status="205").json()["errors"]["personnel_status"][0]["code"] == "invalid_choice"
    )
    assert post(kind="secondment", personnel_status="201", end_date="2026-01-01").json()["errors"]["end_date"]
    assert post(kind="retire", end_date="2027-01-01").json()["errors"]["end_date"][0]["code"] == "not_allowed"
    assert post(kind="return").json()["code"] == "not_away"
    assert post(kind="teleport").status_code == 400
    other = client_for("demo-school-b").post(
        CHANGES,
        {"kind": "retire", "teacher": teacher.pk, "effective_date": "2026-09-01", "reason": "到龄"},
        format="json",
    )
    assert other.status_code == 404  # another county's teacher


def test_the_personnel_status_is_set_only_by_changes(client_for):
    teacher = approved_teacher(client_for, SCHOOL_A)
    changed = client_for("demo-school-a").patch(
        f"/api/v1/teachers/{teacher.pk}/",
        {"personnel_status": "203"},
        format="json",
        HTTP_IF_MATCH=f'"{teacher.pk}-v{teacher.version}"',
    )
    assert changed.status_code == 400
    assert changed.json()["errors"]["personnel_status"][0]["code"] == "set_by_changes"
