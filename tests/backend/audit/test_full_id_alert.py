"""More than TMIS_FULL_ID_ALERT_PER_HOUR full ID numbers seen by one user within an hour alerts the security
administrators over that user (once per user per hour), and the alert is itself an audit event."""

from __future__ import annotations

import pytest

from tests.factories.teachers import complete_payload
from tmis.audit.models import AccessLog
from tmis.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def teachers(client_for) -> list[int]:
    filler = client_for("demo-school-a")
    return [
        filler.post("/api/v1/teachers/", complete_payload(name=f"告警{n}"), format="json").json()["id"]
        for n in range(4)
    ]


def _alerts_to(username: str) -> list[Notification]:
    return list(Notification.objects.filter(user__username=username, kind="security_alert"))


def test_alert_once_per_user_per_hour(client_for, teachers, settings):
    settings.TMIS_FULL_ID_ALERT_PER_HOUR = 2
    reviewer = client_for("demo-school-a-reviewer")
    for teacher in teachers[:2]:
        assert reviewer.get(f"/api/v1/teachers/{teacher}/id-number/").status_code == 200
    assert not _alerts_to("demo-secadmin")  # at the threshold, not over it
    for teacher in teachers[2:]:
        assert reviewer.get(f"/api/v1/teachers/{teacher}/id-number/").status_code == 200
    # The Ministry's and the province's security administrators are over the reviewer; each is told once.
    for secadmin in ("demo-secadmin", "demo-province-secadmin"):
        (alert,) = _alerts_to(secadmin)
        assert "城关区第一实验小学审核员" in alert.message and "3" in alert.message
    assert not _alerts_to("demo-sysadmin") and not _alerts_to("demo-auditor")
    (event,) = AccessLog.objects.filter(action="audit.full_id_alert")
    assert event.username == "demo-school-a-reviewer" and event.subject_type == "user"
    assert event.detail == {"count": 3, "limit": 2, "notified": 2}


def test_full_id_exports_count_their_rows(client_for, teachers, settings):
    settings.TMIS_FULL_ID_ALERT_PER_HOUR = 3
    county = client_for("demo-county-a")
    response = county.post(
        "/api/v1/exports/", {"filters": {"q": "告警"}, "fields": ["name", "id_number"], "full_id": True}, format="json"
    )
    assert response.status_code == 202, response.json()
    assert len(_alerts_to("demo-province-secadmin")) == 1
    assert AccessLog.objects.get(action="audit.full_id_alert").detail["count"] == 4


def test_no_alert_under_the_threshold(client_for, teachers, settings):
    settings.TMIS_FULL_ID_ALERT_PER_HOUR = 50
    reviewer = client_for("demo-school-a-reviewer")
    for teacher in teachers:
        reviewer.get(f"/api/v1/teachers/{teacher}/id-number/")
    assert not Notification.objects.filter(kind="security_alert").exists()
    assert not AccessLog.objects.filter(action="audit.full_id_alert").exists()
