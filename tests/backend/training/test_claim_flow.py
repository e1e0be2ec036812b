"""The claim flow over HTTP: the school files, its reviewer and the county approve, the archive's 国内培训 shows the
hours and the compliance counts move; a returned claim counts nothing."""

from __future__ import annotations

import pytest

from tests.factories.teachers import TeacherRowFactory
from tmis.teachers.models.groups import TrainingRecord
from tmis.training.models import Claim

pytestmark = pytest.mark.django_db
CLAIMS = "/api/v1/training/claims/"
REVIEWS = "/api/v1/reviews/"


def _file(client_for, teacher, **more) -> dict:
    body = {
        "teacher": teacher.pk,
        "kind": "research",
        "title": "县级课题研究",
        "hours": 40,
        "date": "2026-03-01",
    } | more
    filed = client_for("demo-school-a").post(CLAIMS, body, format="json")
    assert filed.status_code == 201, filed.json()
    return filed.json()


def _submission(client_for, claim_id: int) -> int:
    return client_for("demo-school-a").get(f"{CLAIMS}{claim_id}/").json()["submission"]


def _school_compliance(client_for) -> dict:
    county = client_for("demo-county-a").get("/api/v1/training/compliance/?org=620102&cycle=2026-2030").json()
    return next(row for row in county["children"] if row["organisation"]["code"] == "2162010201")


def test_filed_reviewed_approved_written_counted(client_for):
    teacher = TeacherRowFactory(work_start_month="2010-09")
    before = _school_compliance(client_for)
    claim = _file(client_for, teacher)
    archive = f"/api/v1/teachers/{teacher.pk}/training/"
    assert client_for("demo-school-a").get(archive).json()["results"] == []  # nothing before the approval
    assert claim["state"] == "submitted" and claim["level_name"] == "其他" and claim["credits"] is None
    submission = _submission(client_for, claim["id"])
    for reviewer in ("demo-school-a-reviewer", "demo-county-a"):
        decided = client_for(reviewer).post(f"{REVIEWS}{submission}/approve/")
        assert decided.status_code == 200, decided.json()
    approved = Claim.objects.get(pk=claim["id"])
    assert approved.state == "approved" and str(approved.credits) == "4.00"
    record = TrainingRecord.objects.get(pk=approved.record_id)
    assert (record.training_hours, record.training_credits, record.training_year) == (40, 4, 2026)
    transcript = client_for("demo-school-a").get(f"/api/v1/teachers/{teacher.pk}/training/transcript/").json()
    current = transcript["cycles"][0]
    assert (current["cycle"], current["counted"], current["required"], current["missing"]) == (
        "2026-2030",
        40,
        360,
        320,
    )
    [shown] = client_for("demo-school-a").get(archive).json()["results"]  # the archive's 国内培训, over HTTP
    assert (shown["training_hours"], shown["training_year"], shown["training_project"]) == (40, 2026, "县级课题研究")
    after = _school_compliance(client_for)
    assert (after["with_hours"], after["hours"]) == (before["with_hours"] + 1, before["hours"] + 40)


def test_returned_claim_counts_nothing(client_for):
    teacher = TeacherRowFactory()
    claim = _file(client_for, teacher)
    submission = _submission(client_for, claim["id"])
    returned = client_for("demo-school-a-reviewer").post(f"{REVIEWS}{submission}/return/", {"reason": "证明材料不全"})
    assert returned.status_code == 200, returned.json()
    assert Claim.objects.get(pk=claim["id"]).state == "returned"
    transcript = client_for("demo-school-a").get(f"/api/v1/teachers/{teacher.pk}/training/transcript/").json()
    assert transcript["claims"] == [] and transcript["cycles"][0]["counted"] == 0


def test_archive_group_is_not_edited_by_hand(client_for):
    teacher = TeacherRowFactory()
    refused = client_for("demo-school-a").post(
        f"/api/v1/teachers/{teacher.pk}/training/",
        {
            "training_year": 2026,
            "training_category": "4",
            "training_project": "x",
            "training_form": "1",
            "training_hours": 10,
        },
        format="json",
    )
    assert refused.status_code == 409 and refused.json()["code"] == "group_owned"
