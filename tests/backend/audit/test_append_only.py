"""The audit log is append-only in the database (a trigger refuses UPDATE and DELETE, whoever runs them) and over HTTP
(no operation writes it); the retention purge is the one path that removes rows, only those older than the
retention (never fewer than 180 days), and it records how many it removed."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.utils import timezone

from tmis.audit.models import AccessLog
from tmis.audit.services import audit_purge, audit_record

pytestmark = pytest.mark.django_db


def _insert_at(days_ago: int, action: str = "teachers.export") -> int:
    """An event dated `days_ago` days back (INSERT is allowed; its time is set at insert, never changed after)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO audit_accesslog (at, username, organisation_path, action, subject_type, subject_id,"
            " request_id, detail) VALUES (now() - make_interval(days => %s), 'old', '', %s, '', '', '', '{}')"
            " RETURNING id",
            [days_ago, action],
        )
        return cursor.fetchone()[0]


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_accesslog SET username = 'forged' WHERE id = %s",
        "UPDATE audit_accesslog SET at = now() - interval '1000 days' WHERE id = %s",
        "DELETE FROM audit_accesslog WHERE id = %s",
    ],
)
def test_sql_update_and_delete_are_refused(statement):
    event = audit_record(action="teacher.id_number.view", username="someone", subject_type="teacher", subject_id=1)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, [event.pk])
    assert AccessLog.objects.get(pk=event.pk).username == "someone"


def test_the_orm_cannot_change_or_delete_an_event_either():
    event = audit_record(action="teachers.export", username="someone")
    event.username = "forged"
    with pytest.raises(DatabaseError), transaction.atomic():
        event.save()
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessLog.objects.filter(pk=event.pk).delete()
    assert AccessLog.objects.filter(pk=event.pk, username="someone").exists()


def test_the_purge_switch_does_not_open_young_rows():
    """Even with the purge's session variables set by hand (and a retention of 1 day asked), rows younger than 180
    days stay."""
    young = _insert_at(179)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('tmis.audit_purge', 'on', true), set_config('tmis.audit_retention_days', '1', true)"
        )
        cursor.execute("DELETE FROM audit_accesslog WHERE id = %s", [young])
    assert AccessLog.objects.filter(pk=young).exists()


def test_the_purge_removes_only_rows_past_the_retention_and_is_logged(settings):
    settings.TMIS_AUDIT_RETENTION_DAYS = 200
    old, older, kept = _insert_at(201), _insert_at(400), _insert_at(199)
    recent = audit_record(action="teachers.export", username="recent")
    removed = audit_purge()
    assert removed == 2
    assert not AccessLog.objects.filter(pk__in=[old, older]).exists()
    assert AccessLog.objects.filter(pk__in=[kept, recent.pk]).count() == 2
    event = AccessLog.objects.filter(action="audit.purge").latest("id")
    assert event.detail["removed"] == 2 and event.detail["retention_days"] == 200
    # The switch is off again after the purge's transaction.
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_accesslog WHERE id = %s", [kept])


def test_the_daily_purge_task_is_registered():
    from procrastinate.contrib.django import app

    from tmis.audit import jobs

    assert jobs.audit_purge_daily.name == "maintenance.audit_purge"
    periodic = [task.task.name for task in app.periodic_registry.periodic_tasks.values()]
    assert "maintenance.audit_purge" in periodic


def test_a_retention_under_180_days_is_refused():
    env = os.environ | {"TMIS_AUDIT_RETENTION_DAYS": "179", "DJANGO_SETTINGS_MODULE": "tmis.settings"}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "TMIS_AUDIT_RETENTION_DAYS must be at least 180" in result.stderr


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_no_api_writes_the_audit_log(client_for, method):
    event = audit_record(action="teachers.export", username="someone")
    auditor = client_for("demo-auditor")
    for url in ("/api/v1/audit/events/", f"/api/v1/audit/events/{event.pk}/"):
        response = getattr(auditor, method)(url, {"username": "forged"}, format="json")
        assert response.status_code == 405, (method, url, response.status_code)
    assert AccessLog.objects.get(pk=event.pk).username == "someone"
    assert timezone.now() - AccessLog.objects.get(pk=event.pk).at < dt.timedelta(minutes=5)
