"""An assignment's life over HTTP, moved by the daily job (`lifecycle.advance(today=…)`): a county plan made,
filled, submitted and approved county → city through /api/v1/reviews/; on the start date 人员状态 205, a 交流轮岗
record and read access (never edit) for the receiving school; on the end date 100, the record closed and the access
gone — or, when 是否调动人事关系 = 1, a completed transfer to the receiving school."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tmis.changes.models import TeacherChange
from tmis.rotation.lifecycle import advance
from tmis.teachers.models import ArchiveReadGrant, Teacher

from .support import (
    ASSIGNMENTS,
    CITY_REVIEWER,
    COUNTY_REVIEWER,
    JUNIOR_A,
    MAKER,
    PLANS,
    REVIEWS,
    SCHOOL_A,
    add,
    org,
    plan_year,
    submit_and_approve,
    teacher_at,
)

pytestmark = pytest.mark.django_db

RECEIVERS = ("demo-school-a", "demo-school-a-reviewer")  # 第一实验小学's users


def _approved_plan(client_for, teacher: Teacher, **more) -> tuple[dict, dict]:
    """The plan made by 城关区's administrator with the teacher's assignment to 第一实验小学, submitted and approved
    by the county's and then the city's reviewer. Returns (plan, assignment)."""
    admin = client_for(MAKER)
    plan = admin.post(PLANS, {"year": plan_year()}, format="json").json()
    added = add(client_for, plan["id"], teacher, **more)
    assert added.status_code == 201, added.json()
    submitted = admin.post(f"{PLANS}{plan['id']}/submit/")
    assert submitted.status_code == 201, submitted.json()
    submission = submitted.json()["id"]
    assert admin.get(f"{PLANS}{plan['id']}/").json()["state"] in ("submitted", "in_review")
    # The city cannot decide before the county has.
    assert client_for(CITY_REVIEWER).post(f"{REVIEWS}{submission}/approve/").status_code in (403, 404, 409)
    assert client_for(COUNTY_REVIEWER).post(f"{REVIEWS}{submission}/approve/").status_code == 200
    assert admin.get(f"{PLANS}{plan['id']}/").json()["state"] != "approved"
    assert client_for(CITY_REVIEWER).post(f"{REVIEWS}{submission}/approve/").status_code == 200
    plan = admin.get(f"{PLANS}{plan['id']}/").json()
    assert plan["state"] == "approved" and plan["approved_at"]
    return plan, added.json()


def _reads(client_for, login: str, teacher: Teacher) -> dict[str, int]:
    client = client_for(login)
    base = f"/api/v1/teachers/{teacher.pk}/"
    return {
        "retrieve": client.get(base).status_code,
        "archive": client.get(f"{base}archive/").status_code,
        "timeline": client.get(f"{base}timeline/").status_code,
        "rotation": client.get(f"{base}rotation/").status_code,
        "work": client.get(f"{base}work/").status_code,
    }


def _in_list(client_for, login: str, teacher: Teacher) -> bool:
    listed = client_for(login).get(f"/api/v1/teachers/?name={teacher.name}&status=all")
    assert listed.status_code == 200, listed.json()
    return teacher.pk in {row["id"] for row in listed.json()["results"]}


def _rotation_records(client_for, teacher: Teacher) -> list[dict]:
    archive = client_for("demo-county-a").get(f"/api/v1/teachers/{teacher.pk}/archive/")
    assert archive.status_code == 200
    return archive.json()["groups"]["rotation"]


ALL_READS = {"retrieve": 200, "archive": 200, "timeline": 200, "rotation": 200, "work": 200}
NO_READS = dict.fromkeys(ALL_READS, 404)


def test_a_rotation_starts_and_ends_on_its_dates(client_for):
    teacher = teacher_at(JUNIOR_A, name="轮岗张老师")
    year = plan_year()
    start, end = dt.date(year, 9, 1), dt.date(year + 1, 7, 10)
    _plan, assignment = _approved_plan(client_for, teacher)
    assert assignment["from_school"]["code"] == JUNIOR_A and assignment["to_school"]["code"] == SCHOOL_A
    assert assignment["state"] == "planned" and assignment["flow_category"] == "2"  # town → town (城乡分类 111)
    assert assignment["rotation_type_name"] and assignment["flow_category_name"]

    # The day before the start: nothing.
    assert advance(today=start - dt.timedelta(days=1)) == {"started": 0, "ended": 0}
    teacher.refresh_from_db()
    assert teacher.personnel_status == "100" and _rotation_records(client_for, teacher) == []
    for login in RECEIVERS:
        assert _reads(client_for, login, teacher) == NO_READS, login

    # The start date: 205, a record, and read access for the receiving school.
    assert advance(today=start) == {"started": 1, "ended": 0}
    teacher.refresh_from_db()
    assert (teacher.personnel_status, teacher.school.code) == ("205", JUNIOR_A)
    [record] = _rotation_records(client_for, teacher)
    assert record["rotation_type"] == "1" and record["rotation_transfers_relation"] is False
    assert (record["rotation_start_month"], record["rotation_end_month"]) == (f"{year}-09", "")
    assert (record["rotation_origin_unit"], record["rotation_unit"]) == (org(JUNIOR_A).name, org(SCHOOL_A).name)
    for login in RECEIVERS:
        assert _reads(client_for, login, teacher) == ALL_READS, login
        assert not _in_list(client_for, login, teacher), login  # read one by one, never listed as the school's own
    receiver = client_for("demo-school-a")
    shown = receiver.get(f"/api/v1/teachers/{teacher.pk}/")
    assert shown.json()["teacher_no"] == teacher.teacher_no and shown.json()["personnel_status"] == "205"
    listed = receiver.get(f"/api/v1/teachers/{teacher.pk}/rotation/").json()["results"]
    assert [row["id"] for row in listed] == [record["id"]]
    assert _reads(client_for, "demo-school-b", teacher) == NO_READS  # a school with no part in it
    seen = receiver.get(f"{ASSIGNMENTS}{assignment['id']}/")
    assert seen.status_code == 200 and seen.json()["state"] == "started"
    assert advance(today=start) == {"started": 0, "ended": 0}  # the job runs again the same day: nothing twice
    assert len(_rotation_records(client_for, teacher)) == 1

    # The day before the end: still on rotation, still readable.
    assert advance(today=end - dt.timedelta(days=1)) == {"started": 0, "ended": 0}
    assert _reads(client_for, "demo-school-a", teacher) == ALL_READS

    # The end date: 100 again, the record closed, the access gone.
    assert advance(today=end) == {"started": 0, "ended": 1}
    teacher.refresh_from_db()
    assert (teacher.personnel_status, teacher.school.code) == ("100", JUNIOR_A)
    [record] = _rotation_records(client_for, teacher)
    assert (record["rotation_start_month"], record["rotation_end_month"]) == (f"{year}-09", f"{year + 1}-07")
    for login in RECEIVERS:
        assert _reads(client_for, login, teacher) == NO_READS, login
    assert not ArchiveReadGrant.objects.filter(teacher=teacher).exists()
    done = client_for(MAKER).get(f"{ASSIGNMENTS}{assignment['id']}/").json()
    assert done["state"] == "completed" and done["started_at"] and done["ended_at"]
    assert not TeacherChange.objects.filter(teacher=teacher).exists()  # no transfer without 是否调动人事关系


def test_the_receiving_school_never_edits(client_for):
    teacher = teacher_at(JUNIOR_A, name="只读李老师")
    year = plan_year()
    _approved_plan(client_for, teacher)
    advance(today=dt.date(year, 9, 1))
    for login in ("demo-school-a",):  # the receiving school's filler holds teachers.change for its own archives
        client = client_for(login)
        base = f"/api/v1/teachers/{teacher.pk}/"
        shown = client.get(base)
        assert shown.status_code == 200
        etag = shown["ETag"]
        patched = client.patch(base, {"name": "改名"}, format="json", HTTP_IF_MATCH=etag)
        assert patched.status_code == 404, patched.json()
        assert client.post(f"{base}submit/").status_code == 404
        created = client.post(f"{base}work/", {"work_unit": "某校", "work_start": "2010-09"}, format="json")
        assert created.status_code == 404, created.json()
        [record] = client.get(f"{base}rotation/").json()["results"]
        one = client.get(f"{base}rotation/{record['id']}/")
        assert one.status_code == 200
        changed = client.patch(
            f"{base}rotation/{record['id']}/", {"rotation_unit": "x"}, format="json", HTTP_IF_MATCH=one["ETag"]
        )
        assert changed.status_code == 404, changed.json()
        removed = client.delete(f"{base}rotation/{record['id']}/", HTTP_IF_MATCH=one["ETag"])
        assert removed.status_code == 404
    teacher.refresh_from_db()
    assert teacher.name == "只读李老师" and teacher.personnel_status == "205"


def test_an_assignment_moving_the_relation_ends_as_a_completed_transfer(client_for):
    teacher = teacher_at(JUNIOR_A, name="调动王老师")
    number = teacher.teacher_no
    year = plan_year()
    start, end = dt.date(year, 9, 1), dt.date(year + 1, 7, 10)
    _plan, assignment = _approved_plan(client_for, teacher, transfers_relation=True, rotation_type="2")
    assert advance(today=start) == {"started": 1, "ended": 0}
    teacher.refresh_from_db()
    assert (teacher.personnel_status, teacher.school.code) == ("205", JUNIOR_A)
    assert not _in_list(client_for, "demo-school-a", teacher)

    assert advance(today=end) == {"started": 0, "ended": 1}
    teacher.refresh_from_db()
    school_a = org(SCHOOL_A)
    assert (teacher.school_id, teacher.org_path, teacher.teacher_no) == (school_a.pk, school_a.path, number)
    assert teacher.personnel_status == "100" and teacher.active
    change = TeacherChange.objects.get(teacher=teacher)
    assert (change.kind, change.state) == ("transfer", "approved")
    assert (change.from_school.code, change.to_school.code, change.teacher_no) == (JUNIOR_A, SCHOOL_A, number)
    assert change.effective_date == end
    # The archive is now the receiving school's own: listed, and read through its scope (no grant left).
    assert _in_list(client_for, "demo-school-a", teacher)
    assert not ArchiveReadGrant.objects.filter(teacher=teacher).exists()
    archive = client_for("demo-school-a").get(f"/api/v1/teachers/{teacher.pk}/archive/").json()
    assert archive["teacher_no"] == number
    [record] = archive["groups"]["rotation"]
    assert record["rotation_transfers_relation"] is True and record["rotation_end_month"] == f"{year + 1}-07"
    done = client_for(MAKER).get(f"{ASSIGNMENTS}{assignment['id']}/").json()
    assert done["state"] == "completed"


def test_the_dates_of_a_plan_not_approved_do_nothing(client_for):
    teacher = teacher_at(JUNIOR_A, name="草稿赵老师")
    plan = client_for(MAKER).post(PLANS, {"year": plan_year()}, format="json").json()
    assert add(client_for, plan["id"], teacher).status_code == 201
    year = plan_year()
    # A plan not approved never starts, whatever the date.
    assert advance(today=dt.date(year + 1, 8, 1)) == {"started": 0, "ended": 0}
    teacher.refresh_from_db()
    assert teacher.personnel_status == "100"


def test_a_plan_approved_after_its_dates_starts_and_ends_on_approval(client_for):
    """Assignments whose start (and end) date has already come when the plan is approved start (and end) at once."""
    today = timezone.localdate()
    began = today - dt.timedelta(days=100)
    running = teacher_at(JUNIOR_A, name="已开始吴老师")
    finished = teacher_at(JUNIOR_A, name="已结束郑老师")
    admin = client_for(MAKER)
    plan = admin.post(PLANS, {"year": began.year}, format="json").json()
    for teacher, end in ((running, today + dt.timedelta(days=100)), (finished, today - dt.timedelta(days=10))):
        added = add(client_for, plan["id"], teacher, start_date=began.isoformat(), end_date=end.isoformat())
        assert added.status_code == 201, added.json()
    submit_and_approve(client_for, plan["id"])
    running.refresh_from_db()
    finished.refresh_from_db()
    assert (running.personnel_status, finished.personnel_status) == ("205", "100")
    assert _reads(client_for, "demo-school-a", running) == ALL_READS
    assert _reads(client_for, "demo-school-a", finished) == NO_READS
    [record] = _rotation_records(client_for, finished)
    assert record["rotation_end_month"] == (today - dt.timedelta(days=10)).strftime("%Y-%m")
    states = {row["teacher"]: row["state"] for row in admin.get(f"{PLANS}{plan['id']}/assignments/").json()}
    assert states == {running.pk: "started", finished.pk: "completed"}
