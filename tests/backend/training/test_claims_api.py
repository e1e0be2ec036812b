"""`/api/v1/training/claims/`: filing one and many, what is refused (another county's teacher, a programme not run
for the teacher, a future date, a leaver), a returned claim changed and resubmitted, an administrator's correction
with its reason, the evidence file, scope, and a list whose query count does not grow with its rows."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from tests.factories.accounts import UserFactory
from tests.factories.teachers import TeacherRowFactory
from tmis.orgs.models import Organisation
from tmis.reviews.models import Submission
from tmis.teachers.models.groups import TrainingRecord
from tmis.training.models import Claim, Correction, Programme

from .support import CLAIMS, PROGRAMMES, SCHOOL_A2, SCHOOL_B, approve, decide, file_claim

pytestmark = pytest.mark.django_db


def _county_programme(client_for, hours: int = 24) -> dict:
    created = client_for("demo-county-a").post(
        PROGRAMMES,
        {"name": "城关区班主任培训", "form": "1", "hours": hours, "start_date": "2026-03-01", "end_date": "2026-04-30"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    return created.json()


def _teacher_at(code: str, **more):
    return TeacherRowFactory(school=Organisation.objects.get(code=code), **more)


def test_bulk_gives_one_result_per_entry(client_for):
    programme = _county_programme(client_for)
    first, second = TeacherRowFactory(), TeacherRowFactory()
    other_county = _teacher_at(SCHOOL_B)
    answered = client_for("demo-school-a").post(
        f"{CLAIMS}bulk/",
        {
            "kind": "programme",
            "programme": programme["id"],
            "hours": 20,
            "teachers": [
                {"teacher": first.pk},
                {"teacher": other_county.pk},
                {"teacher": second.pk, "hours": 24},
                {"teacher": first.pk},
            ],
        },
        format="json",
    )
    assert answered.status_code == 200, answered.json()
    results = answered.json()
    assert [(r["teacher"], r["ok"], r["code"]) for r in results] == [
        (first.pk, True, ""),
        (other_county.pk, False, "not_found"),
        (second.pk, True, ""),
        (first.pk, False, "duplicate_claim"),
    ]
    filed = {c.teacher_id: c for c in Claim.objects.all()}
    assert set(filed) == {first.pk, second.pk}
    assert (filed[first.pk].hours, filed[second.pk].hours, filed[first.pk].level) == (20, 24, "4")
    assert results[0]["claim"] == filed[first.pk].pk and results[1]["claim"] is None
    assert Submission.objects.filter(subject_type="training_claim").count() == 2


def test_refusals_of_a_single_claim(client_for):
    teacher = TeacherRowFactory()
    school = client_for("demo-school-a")
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    refused = school.post(
        CLAIMS, {"teacher": teacher.pk, "kind": "research", "title": "课题", "hours": 10, "date": future}, format="json"
    )
    assert refused.status_code == 400 and refused.json()["errors"]["date"][0]["code"] == "future"

    other = _teacher_at(SCHOOL_B)
    refused = school.post(
        CLAIMS, {"teacher": other.pk, "kind": "research", "title": "课题", "hours": 10}, format="json"
    )
    assert refused.status_code == 400 and refused.json()["errors"]["teacher"][0]["code"] == "not_found"

    gone = TeacherRowFactory(active=False)
    refused = school.post(
        CLAIMS,
        {"teacher": gone.pk, "kind": "research", "title": "课题", "hours": 10, "date": "2026-03-01"},
        format="json",
    )
    assert refused.status_code == 409 and refused.json()["code"] == "inactive"

    programme = _county_programme(client_for, hours=24)
    above = school.post(
        CLAIMS, {"teacher": teacher.pk, "kind": "programme", "programme": programme["id"], "hours": 30}, format="json"
    )
    assert above.status_code == 400 and above.json()["errors"]["hours"][0]["code"] == "above_programme"
    assert not Claim.objects.exists()


def test_a_programme_not_run_for_the_teacher(client_for):
    """A county-level filler sees the programme of one of its schools; a teacher of another school cannot claim it."""
    UserFactory(username="county-filler", organisation=Organisation.objects.get(code="620102"), roles=["filler"])
    other_school = Organisation.objects.get(code=SCHOOL_A2)
    programme = Programme.objects.create(
        organisation=other_school,
        org_path=other_school.path,
        name="育才初中校本研修",
        level="5",
        form="4",
        hours=20,
        start_date=dt.date(2026, 3, 1),
        end_date=dt.date(2026, 4, 1),
        created_by_id=UserFactory().pk,
    )
    teacher = TeacherRowFactory()  # of 第一实验小学
    refused = client_for("county-filler").post(
        CLAIMS, {"teacher": teacher.pk, "kind": "programme", "programme": programme.pk}, format="json"
    )
    assert refused.status_code == 400 and refused.json()["errors"]["programme"][0]["code"] == "not_for_teacher"
    own = _teacher_at(SCHOOL_A2)
    accepted = client_for("county-filler").post(
        CLAIMS, {"teacher": own.pk, "kind": "programme", "programme": programme.pk}, format="json"
    )
    assert accepted.status_code == 201, accepted.json()
    assert (accepted.json()["hours"], accepted.json()["level"], accepted.json()["date"]) == (20, "5", "2026-04-01")
    # A school's filler does not see another school's programme at all.
    hidden = client_for("demo-school-a").post(
        CLAIMS, {"teacher": teacher.pk, "kind": "programme", "programme": programme.pk}, format="json"
    )
    assert hidden.status_code == 400 and hidden.json()["errors"]["programme"][0]["code"] == "not_found"


def test_a_returned_claim_is_changed_and_resubmitted(client_for):
    teacher = TeacherRowFactory()
    claim = file_claim(client_for, teacher, hours=40)
    decide(client_for, claim["id"], ["demo-school-a-reviewer"], action="return", reason="学时与证明不符")
    school = client_for("demo-school-a")
    current = school.get(f"{CLAIMS}{claim['id']}/")
    assert current.json()["state"] == "returned"
    changed = school.patch(
        f"{CLAIMS}{claim['id']}/", {"hours": 32, "note": "已按证明修改"}, format="json", HTTP_IF_MATCH=current["ETag"]
    )
    assert changed.status_code == 200, changed.json()
    assert (changed.json()["state"], changed.json()["hours"], changed.json()["note"]) == (
        "submitted",
        32,
        "已按证明修改",
    )
    submission = Submission.objects.get(pk=changed.json()["submission"])
    assert (submission.round, submission.state, submission.payload["claim"]["hours"]) == (2, "submitted", 32)
    again = school.patch(f"{CLAIMS}{claim['id']}/", {"hours": 30}, format="json", HTTP_IF_MATCH=changed["ETag"])
    assert again.status_code == 409 and again.json()["code"] == "not_returned"
    stale = school.patch(f"{CLAIMS}{claim['id']}/", {"hours": 30}, format="json", HTTP_IF_MATCH=current["ETag"])
    assert stale.status_code == 412


def test_a_correction_with_its_reason(client_for):
    teacher = TeacherRowFactory()
    claim = file_claim(client_for, teacher, hours=40)
    approve(client_for, claim["id"])
    url = f"{CLAIMS}{claim['id']}/correct/"
    assert (
        client_for("demo-school-a").post(url, {"hours": 30, "reason": "学时登记有误"}, format="json").status_code == 403
    )
    no_reason = client_for("demo-county-a").post(url, {"hours": 30}, format="json")
    assert no_reason.status_code == 400 and "reason" in no_reason.json()["errors"]
    short = client_for("demo-county-a").post(url, {"hours": 30, "reason": "错"}, format="json")
    assert short.status_code == 400 and short.json()["errors"]["reason"][0]["code"] == "min_length"
    assert not Correction.objects.exists() and Claim.objects.get(pk=claim["id"]).hours == 40

    corrected = client_for("demo-county-a").post(url, {"hours": 30, "reason": "学时登记有误"}, format="json")
    assert corrected.status_code == 200, corrected.json()
    body = corrected.json()
    assert (body["hours"], body["credits"]) == (30, "3.00")
    assert [(c["changes"], c["reason"]) for c in body["corrections"]] == [({"hours": ["40", "30"]}, "学时登记有误")]
    record = TrainingRecord.objects.get(pk=Claim.objects.get(pk=claim["id"]).record_id)
    assert (record.training_hours, record.training_credits) == (30, 3)
    transcript = client_for("demo-school-a").get(f"/api/v1/teachers/{teacher.pk}/training/transcript/").json()
    assert transcript["cycles"][0]["counted"] == 30 and transcript["claims"][0]["corrected"] is True
    unchanged = client_for("demo-county-a").post(url, {"hours": 30, "reason": "再次确认学时"}, format="json")
    assert unchanged.status_code == 400 and unchanged.json()["code"] == "no_change"


def test_evidence(client_for):
    teacher = TeacherRowFactory()
    claim = file_claim(client_for, teacher)
    url = f"{CLAIMS}{claim['id']}/evidence/"
    school = client_for("demo-school-a")
    assert school.get(url).status_code == 404

    def upload(name: str, content: bytes):
        file = io.BytesIO(content)
        file.name = name
        return school.post(url, {"file": file}, format="multipart")

    refused = upload("setup.exe", b"MZ\x90\x00")
    assert refused.status_code == 400 and refused.json()["errors"]["file"][0]["code"] == "unsupported_file"
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    attached = upload("结业证书.pdf", pdf)
    assert attached.status_code == 200, attached.json()
    assert (attached.json()["has_evidence"], attached.json()["evidence_name"]) == (True, "结业证书.pdf")
    read = client_for("demo-county-a").get(url)
    assert read.status_code == 200 and read["Content-Type"] == "application/pdf"
    assert b"".join(read.streaming_content) == pdf
    assert client_for("demo-county-b").get(url).status_code == 404


def test_another_county_sees_nothing(client_for):
    teacher = TeacherRowFactory()
    claim = file_claim(client_for, teacher)
    for login in ("demo-school-b", "demo-county-b", "demo-province-bj"):
        assert client_for(login).get(f"{CLAIMS}{claim['id']}/").status_code == 404, login
        assert client_for(login).get(CLAIMS).json()["results"] == [], login
    for login in ("demo-school-a", "demo-county-a", "demo-city", "demo-province"):
        assert client_for(login).get(f"{CLAIMS}{claim['id']}/").status_code == 200, login


def test_the_list_reads_a_page_in_a_fixed_number_of_queries(client_for, django_assert_max_num_queries):
    programme = Programme.objects.get(pk=_county_programme(client_for)["id"])
    actor = Organisation.objects.get(code="2162010201")
    teachers = [TeacherRowFactory() for _ in range(50)]
    Claim.objects.bulk_create(
        Claim(
            teacher=teacher,
            school=actor,
            kind="programme" if index % 2 else "research",
            programme=programme if index % 2 else None,
            title="课题",
            level="4",
            form="1",
            hours=10,
            date=dt.date(2026, 3, 1),
            created_by_id=programme.created_by_id,
        )
        for index, teacher in enumerate(teachers)
    )
    school = client_for("demo-school-a")
    school.get(CLAIMS)  # the login's first request reads its user once
    with django_assert_max_num_queries(8):
        listed = school.get(f"{CLAIMS}?page_size=50")
    assert listed.status_code == 200 and len(listed.json()["results"]) == 50
    assert {row["programme_name"] for row in listed.json()["results"]} == {None, "城关区班主任培训"}
