"""Transfers (调动), pull model (DOMAIN §4, decision 5): the receiving school applies with the ID document; the
receiving school and county, then the sending school and county approve; the archive follows the teacher, the
number never changes, nothing is deleted."""

from __future__ import annotations

import pytest

from tmis.changes.models import TeacherChange
from tmis.reviews.models import Submission
from tmis.teachers.models import GROUP_MODELS, Teacher

from .support import CHANGES, REVIEWS, SCHOOL_A, SCHOOL_B, SCHOOL_BJ, approve_all, approved_teacher, document_of

pytestmark = pytest.mark.django_db


def _apply(client, teacher: Teacher, to_school: str, **more: object):
    body = {
        "kind": "transfer",
        **document_of(teacher),
        "to_school": to_school,
        "effective_date": "2026-09-01",
        "reason": "工作需要，调入本校任教",
    } | more
    return client.post(CHANGES, body, format="json")


def _records(teacher_id: int) -> dict[str, list[int]]:
    return {
        code: list(model.objects.filter(teacher_id=teacher_id).order_by("id").values_list("id", flat=True))
        for code, model in GROUP_MODELS.items()
    }


def test_a_transfer_between_two_counties_end_to_end(client_for):
    teacher = approved_teacher(client_for, SCHOOL_A)
    number, records = teacher.teacher_no, _records(teacher.pk)
    applied = _apply(client_for("demo-school-b"), teacher, SCHOOL_B)
    assert applied.status_code == 201, applied.json()
    change = applied.json()
    assert change["kind"] == "transfer" and change["state"] == "submitted"
    assert change["teacher_no"] == number
    assert change["name"] == "张*" and change["side"] == "receiving"  # nothing personal before completion
    submission = Submission.objects.get(pk=change["submission"])
    assert submission.step_levels == ["school", "county", "school", "county"]
    school_b = submission.school_id
    assert submission.step_orgs[0] == school_b and submission.step_orgs[2] == teacher.school_id
    # The receiving side cannot open the archive; the queue item shows only the masked name.
    receiving_reviewer = client_for("demo-school-b-reviewer")
    assert receiving_reviewer.get(f"/api/v1/teachers/{teacher.pk}/").status_code == 404
    item = receiving_reviewer.get(f"{REVIEWS}{submission.pk}/").json()
    assert item["subject"]["name"] == "张*"
    assert item["diff"]["change"]["to_school_name"] == "兰州市七里河区建兰路小学"
    # While open, neither school can edit the archive except through the change.
    edit = client_for("demo-school-a").patch(
        f"/api/v1/teachers/{teacher.pk}/",
        {"remarks": "x"},
        format="json",
        HTTP_IF_MATCH=f'"{teacher.pk}-v{teacher.version}"',
    )
    assert edit.status_code == 409 and edit.json()["code"] == "change_open"
    assert edit.json()["open_change"] == change["id"]

    approve_all(
        client_for,
        submission.pk,
        ["demo-school-b-reviewer", "demo-county-b", "demo-school-a-reviewer", "demo-county-a"],
    )
    moved = Teacher.objects.select_related("school").get(pk=teacher.pk)
    assert moved.school.code == SCHOOL_B and moved.org_path == moved.school.path
    assert moved.teacher_no == number  # the number never changes
    assert moved.open_change is None and moved.personnel_status == "100" and moved.staff_source == "30"
    assert moved.school_entry_month == "2026-09"
    assert moved.change_seq > teacher.change_seq
    after = _records(teacher.pk)
    for code, ids in records.items():
        assert set(ids) <= set(after[code]), code  # every record moved with the archive
    # The sending side keeps only the transferred-out line, and gets 404 on the archive.
    sending = client_for("demo-school-a")
    assert sending.get(f"/api/v1/teachers/{teacher.pk}/").status_code == 404
    line = sending.get(f"{CHANGES}?direction=out").json()["results"][0]
    assert line["id"] == change["id"] and line["state"] == "approved"
    assert line["name"] == teacher.name and line["teacher_no"] == number
    assert line["to_school_name"] == "兰州市七里河区建兰路小学" and line["to_province_name"] == "甘肃省"
    # The receiving side now has the teacher, by full name.
    receiving = client_for("demo-school-b")
    assert receiving.get(f"/api/v1/teachers/{teacher.pk}/").status_code == 200
    assert receiving.get(f"{CHANGES}{change['id']}/").json()["name"] == teacher.name


def test_a_cross_province_transfer_climbs_both_provinces(client_for):
    teacher = approved_teacher(client_for, SCHOOL_A)
    applied = _apply(client_for("demo-school-bj"), teacher, SCHOOL_BJ)
    assert applied.status_code == 201, applied.json()
    submission = Submission.objects.get(pk=applied.json()["submission"])
    assert submission.step_levels == ["school", "county", "province", "school", "county", "province"]
    approve_all(
        client_for,
        submission.pk,
        [
            "demo-school-bj-reviewer",
            "demo-county-bj",
            "demo-province-bj",
            "demo-school-a-reviewer",
            "demo-county-a",
            "demo-province",
        ],
    )
    moved = Teacher.objects.get(pk=teacher.pk)
    assert moved.province_code == "110000" and moved.teacher_no == teacher.teacher_no
    assert all(
        set(model.objects.filter(teacher_id=teacher.pk).values_list("province_code", flat=True)) <= {"110000"}
        for model in GROUP_MODELS.values()
    )
    assert client_for("demo-province").get(f"/api/v1/teachers/{teacher.pk}/").status_code == 404
    assert client_for("demo-province-bj").get(f"/api/v1/teachers/{teacher.pk}/").status_code == 200


def test_a_returned_transfer_leaves_every_row_as_it_was(client_for):
    teacher = approved_teacher(client_for, SCHOOL_A)
    before_row = Teacher.objects.filter(pk=teacher.pk).values().get()
    records = _records(teacher.pk)
    applied = _apply(client_for("demo-school-b"), teacher, SCHOOL_B)
    submission = applied.json()["submission"]
    approve_all(client_for, submission, ["demo-school-b-reviewer", "demo-county-b"])
    returned = client_for("demo-school-a-reviewer").post(
        f"{REVIEWS}{submission}/return/", {"reason": "该教师本学期不宜调动"}, format="json"
    )
    assert returned.status_code == 200, returned.json()
    after_row = Teacher.objects.filter(pk=teacher.pk).values().get()
    assert after_row == before_row
    assert _records(teacher.pk) == records
    assert TeacherChange.objects.get(pk=applied.json()["id"]).state == "returned"


def test_a_withdrawn_transfer_unlocks_the_archive(client_for):
    teacher = approved_teacher(client_for, SCHOOL_A)
    applicant = client_for("demo-school-b")
    applied = _apply(applicant, teacher, SCHOOL_B)
    withdrawn = applicant.post(f"{REVIEWS}{applied.json()['submission']}/withdraw/")
    assert withdrawn.status_code == 200, withdrawn.json()
    assert Teacher.objects.get(pk=teacher.pk).open_change is None
    assert _apply(applicant, teacher, SCHOOL_B).status_code == 201  # may apply again


def test_two_concurrent_changes_for_one_teacher_one_wins(client_for):
    teacher = approved_teacher(client_for, SCHOOL_A)
    first = _apply(client_for("demo-school-b"), teacher, SCHOOL_B)
    second = _apply(client_for("demo-school-bj"), teacher, SCHOOL_BJ)
    assert first.status_code == 201
    assert second.status_code == 409 and second.json()["code"] == "change_open"
    assert second.json()["open_change"] == first.json()["id"]
    retire = client_for("demo-school-a").post(
        CHANGES,
        {"kind": "retire", "teacher": teacher.pk, "effective_date": "2026-09-01", "reason": "到龄退休"},
        format="json",
    )
    assert retire.status_code == 409 and retire.json()["open_change"] == first.json()["id"]


def test_bad_applications_say_what_is_wrong(client_for):
    teacher = approved_teacher(client_for, SCHOOL_A)
    applicant = client_for("demo-school-b")
    same = _apply(client_for("demo-school-a"), teacher, SCHOOL_A)
    assert same.status_code == 400 and "to_school" in same.json()["errors"]
    other_county = _apply(applicant, teacher, "2162010202")  # a school outside the applicant's scope
    assert other_county.status_code == 400 and other_county.json()["errors"]["to_school"][0]["code"] == "not_found"
    unknown = _apply(applicant, teacher, SCHOOL_B, id_number="620102198503120000")
    assert unknown.status_code == 404
    no_reason = _apply(applicant, teacher, SCHOOL_B, reason="")
    assert no_reason.status_code == 400 and "reason" in no_reason.json()["errors"]
    draft = client_for("demo-school-a").post(
        "/api/v1/teachers/", {**document_of(teacher)}, format="json"
    )  # nationwide dedup still refuses a second registration
    assert draft.status_code in (400, 409)


def test_completing_a_transfer_reads_and_writes_a_bounded_number_of_rows(client_for, django_assert_max_num_queries):
    teacher = approved_teacher(client_for, SCHOOL_A)
    submission = _apply(client_for("demo-school-b"), teacher, SCHOOL_B).json()["submission"]
    approve_all(client_for, submission, ["demo-school-b-reviewer", "demo-county-b", "demo-school-a-reviewer"])
    last = client_for("demo-county-a")
    # Whatever the archive holds: the records move with the teacher's path, not one by one.
    with django_assert_max_num_queries(21):
        assert last.post(f"{REVIEWS}{submission}/approve/").status_code == 200
