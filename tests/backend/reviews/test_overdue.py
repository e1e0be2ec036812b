"""Overdue (超期): a province sets the days; items waiting longer are flagged in the queue and counted upwards."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories.teachers import add_required_records, complete_payload
from tmis.audit.models import AccessLog
from tmis.reviews.models import Submission

pytestmark = pytest.mark.django_db
REVIEWS = "/api/v1/reviews/"
SETTINGS = "/api/v1/reviews/settings/"


def _submitted(client, name: str, school: str, days_ago: int) -> int:
    created = client.post("/api/v1/teachers/", complete_payload(school=school, name=name, gender="1"), format="json")
    add_required_records(created.json()["id"])
    submitted = client.post(f"/api/v1/teachers/{created.json()['id']}/submit/")
    assert submitted.status_code == 201, submitted.json()
    Submission.objects.filter(pk=submitted.json()["id"]).update(submitted_at=timezone.now() - timedelta(days=days_ago))
    return submitted.json()["id"]


def test_the_province_sets_the_overdue_days(client_for):
    province = client_for("demo-province")
    read = province.get(SETTINGS)
    assert read.status_code == 200 and read.json()["overdue_days"] == 7 and read.json()["province_name"]
    assert province.patch(SETTINGS, {"overdue_days": 3}, format="json").status_code == 428
    changed = province.patch(SETTINGS, {"overdue_days": 3}, format="json", HTTP_IF_MATCH=read["ETag"])
    assert changed.status_code == 200, changed.json()
    assert changed.json()["overdue_days"] == 3
    assert AccessLog.objects.filter(action="review_settings.update").exists()
    bad = province.patch(SETTINGS, {"overdue_days": 0}, format="json", HTTP_IF_MATCH=changed["ETag"])
    assert bad.status_code == 400
    # A county reads its province's value and may not change it; a filler may not either.
    county = client_for("demo-county-a")
    assert county.get(SETTINGS).json()["overdue_days"] == 3
    assert county.patch(SETTINGS, {"overdue_days": 9}, format="json", HTTP_IF_MATCH=changed["ETag"]).status_code == 403
    filler = client_for("demo-school-a")
    assert filler.patch(SETTINGS, {"overdue_days": 9}, format="json", HTTP_IF_MATCH=changed["ETag"]).status_code == 403


def test_overdue_items_are_flagged_and_counted(client_for, school_b_unattended):
    filler = client_for("demo-school-b")
    old = _submitted(filler, "周八", "2162010301", 10)
    new = _submitted(filler, "吴九", "2162010301", 1)
    county = client_for("demo-county-b")
    rows = {row["id"]: row for row in county.get(REVIEWS).json()["results"]}
    assert rows[old]["overdue"] is True and rows[old]["waiting_days"] == 10
    assert rows[new]["overdue"] is False and rows[new]["waiting_days"] == 1
    assert [row["id"] for row in county.get(REVIEWS, {"overdue": "true"}).json()["results"]] == [old]
    progress = client_for("demo-province").get(f"{REVIEWS}progress/").json()
    assert progress["overdue_days"] == 7
    assert progress["overdue_by_level"] == {"school": 1}
    assert progress["unattended_by_level"]["school"] >= 2
