"""Nothing stuck with nobody able to act: while 建兰路小学 (demo-school-b's school) has no active school reviewer,
its step is 无人审核 for 七里河区 (and every level above), which decides it by proxy; a step with a reviewer stays
its own."""

import pytest

from tests.factories.teachers import add_required_records, complete_payload
from tmis.accounts.models import User
from tmis.audit.models import AccessLog
from tmis.reviews.models import Decision, Submission

pytestmark = pytest.mark.django_db
TEACHERS = "/api/v1/teachers/"
REVIEWS = "/api/v1/reviews/"


def _submit(client, name: str, school: str = "2162010201") -> dict:
    created = client.post(TEACHERS, complete_payload(school=school, name=name, gender="1"), format="json")
    assert created.status_code == 201, created.json()
    add_required_records(created.json()["id"])
    submitted = client.post(f"{TEACHERS}{created.json()['id']}/submit/")
    assert submitted.status_code == 201, submitted.json()
    return submitted.json()


def test_an_unattended_school_step_is_decided_by_proxy_from_the_county(client_for, school_b_unattended):
    filler = client_for("demo-school-b")
    county = client_for("demo-county-b")
    submitted = _submit(filler, "赵敏", school="2162010301")
    # The filler is told who will review, and that nobody can yet.
    assert submitted["current_org_name"] == "兰州市七里河区建兰路小学" or "建兰路小学" in submitted["current_org_name"]
    assert submitted["unattended"] is True and submitted["level"] == "school"

    queue = county.get(REVIEWS).json()["results"]
    item = next(row for row in queue if row["id"] == submitted["id"])
    assert item["unattended"] is True and item["level"] == "school"
    assert [row["id"] for row in county.get(REVIEWS, {"unattended": "true"}).json()["results"]] == [submitted["id"]]
    assert submitted["id"] not in [row["id"] for row in county.get(REVIEWS, {"unattended": "false"}).json()["results"]]

    approved = county.post(f"{REVIEWS}{submitted['id']}/approve/")
    assert approved.status_code == 200, approved.json()
    body = approved.json()
    assert body["level"] == "county" and body["unattended"] is False
    proxy = next(d for d in body["decisions"] if d["action"] == "approve")
    assert proxy["by_proxy"] is True and proxy["level"] == "school"
    assert "建兰路小学" in proxy["organisation_name"] and proxy["acting_organisation_name"] == "七里河区"
    event = AccessLog.objects.filter(action="review.approve", subject_id=str(submitted["id"])).latest("id")
    assert event.detail["by_proxy"] is True and event.detail["acting_organisation"] == "620103"
    # Now the county's own step: decided normally, no proxy.
    final = county.post(f"{REVIEWS}{submitted['id']}/approve/")
    assert final.status_code == 200 and final.json()["state"] == "approved"
    assert Decision.objects.filter(submission_id=submitted["id"], by_proxy=False, action="approve").count() == 1


def test_a_step_with_a_reviewer_is_refused_to_the_level_above(client_for):
    submitted = _submit(client_for("demo-school-a"), "钱多")
    assert submitted["unattended"] is False and "实验小学" in submitted["current_org_name"]
    county = client_for("demo-county-a")
    assert submitted["id"] not in [row["id"] for row in county.get(REVIEWS).json()["results"]]
    refused = county.post(f"{REVIEWS}{submitted['id']}/approve/")
    assert refused.status_code == 409 and refused.json()["code"] == "step_attended"
    returned = county.post(f"{REVIEWS}{submitted['id']}/return/", {"reason": "请补充联系方式"}, format="json")
    assert returned.status_code == 409 and returned.json()["code"] == "step_attended"
    # Another county, out of scope: not found.
    assert client_for("demo-county-b").post(f"{REVIEWS}{submitted['id']}/approve/").status_code == 404
    assert Submission.objects.get(pk=submitted["id"]).current_step == 0


def test_a_deactivated_reviewer_leaves_the_step_unattended(client_for, django_assert_max_num_queries):

    submitted = _submit(client_for("demo-school-a"), "孙丽")
    User.objects.filter(username="demo-school-a-reviewer").update(is_active=False)
    county = client_for("demo-county-a")
    with django_assert_max_num_queries(12):
        rows = county.get(REVIEWS, {"unattended": "true"}).json()["results"]
    assert [row["id"] for row in rows] == [submitted["id"]]
    returned = county.post(f"{REVIEWS}{submitted['id']}/return/", {"reason": "请补充学习经历"}, format="json")
    assert returned.status_code == 200 and returned.json()["state"] == "returned"
    timeline = client_for("demo-school-a").get(f"{TEACHERS}{submitted['subject']['id']}/timeline/").json()
    assert timeline  # the proxy return is in the archive's history
