"""Idempotency-Key on API POSTs (issue 20): a retried POST gets the first answer, not a second export."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tmis.accounts.models import User
from tmis.core import idempotency
from tmis.core.models import IdempotentRequest
from tmis.exports.models import ExportJob
from tmis.orgs.models import Organisation

pytestmark = pytest.mark.django_db

SCHOOL = {
    "parent": "620102",
    "name": "幂等测试幼儿园",
    "level": "school",
    "code": "1162010288",
    "school_type": "111",
    "sponsor": "11",
    "urban_rural": "111",
}


def create_school(client, key: str | None, body: dict | None = None):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key is not None else {}
    return client.post("/api/v1/orgs/", body or SCHOOL, format="json", HTTP_ACCEPT_LANGUAGE="en", **headers)


def test_a_retried_post_gets_the_first_answer_and_writes_once(client_for):
    client = client_for("demo-county-a")
    first = create_school(client, "retry-1")
    assert first.status_code == 201, first.json()
    again = create_school(client, "retry-1")
    assert again.status_code == 201 and again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true" and "Idempotent-Replayed" not in first
    assert Organisation.objects.filter(name=SCHOOL["name"]).count() == 1


def test_a_retried_export_runs_once(client_for):
    client = client_for("demo-school-a")
    before = ExportJob.objects.count()
    body = {"format": "csv"}
    answers = [client.post("/api/v1/exports/", body, format="json", HTTP_IDEMPOTENCY_KEY="export-7") for _ in range(3)]
    assert {a.status_code for a in answers} == {202}, [a.content for a in answers]
    assert len({a.json()["id"] for a in answers}) == 1
    assert ExportJob.objects.count() == before + 1


def test_the_same_key_for_another_request_is_refused(client_for):
    client = client_for("demo-county-a")
    assert create_school(client, "k-2").status_code == 201
    other = create_school(client, "k-2", {**SCHOOL, "name": "另一所小学", "code": "1162010287"})
    assert other.status_code == 422 and other.json()["code"] == "idempotency_key_reused"
    assert not Organisation.objects.filter(name="另一所小学").exists()


def test_a_key_is_the_users_own(client_for):
    assert create_school(client_for("demo-county-a"), "shared").status_code == 201
    other = create_school(client_for("demo-city"), "shared", {**SCHOOL, "code": "1162010286", "name": "又一所小学"})
    assert other.status_code == 201, other.json()
    assert "Idempotent-Replayed" not in other


def test_an_error_answer_is_replayed_too(client_for):
    client = client_for("demo-county-a")
    bad = {**SCHOOL, "name": ""}
    first = create_school(client, "bad-1", bad)
    assert first.status_code == 400
    again = create_school(client, "bad-1", bad)
    assert again.status_code == 400 and again.json() == first.json() and again["Idempotent-Replayed"] == "true"


def test_a_running_first_request_holds_its_key_and_an_abandoned_one_frees_it(client_for):
    client = client_for("demo-county-a")
    user = User.objects.get(username="demo-county-a")
    assert create_school(client, "busy").status_code == 201
    record = IdempotentRequest.objects.get(user=user, key="busy")
    record.status = None
    record.save()
    running = create_school(client, "busy")
    assert running.status_code == 409 and running.json()["code"] == "idempotency_in_progress"
    assert running["Retry-After"] == "1"
    IdempotentRequest.objects.filter(pk=record.pk).update(
        created_at=timezone.now() - timedelta(seconds=idempotency.ABANDONED_SECONDS + 1)
    )
    rerun = create_school(client, "busy")
    assert rerun.status_code == 409 and rerun.json()["code"] != "idempotency_in_progress", (
        rerun.json()
    )  # ran again: the code is taken


@pytest.mark.parametrize("key", ["", "x" * 256, "键", "a\tb"])
def test_a_malformed_key_is_refused(client_for, key):
    response = create_school(client_for("demo-county-a"), key)
    assert response.status_code == 400 and response.json()["code"] == "invalid_idempotency_key"
    assert not Organisation.objects.filter(name=SCHOOL["name"]).exists()


def test_old_keys_are_forgotten(client_for):
    client = client_for("demo-county-a")
    assert create_school(client, "old").status_code == 201
    IdempotentRequest.objects.filter(key="old").update(created_at=timezone.now() - timedelta(hours=25))
    create_school(client, "new", {**SCHOOL, "code": "1162010285", "name": "新学校"})
    assert not IdempotentRequest.objects.filter(key="old").exists()


def test_without_a_key_nothing_changes(client_for):
    client = client_for("demo-county-a")
    assert create_school(client, None).status_code == 201
    assert not IdempotentRequest.objects.exists()


def test_a_request_that_did_not_run_frees_its_key(api):
    response = api.post("/api/v1/orgs/", SCHOOL, format="json", HTTP_IDEMPOTENCY_KEY="anon")
    assert response.status_code == 401
    assert not IdempotentRequest.objects.exists()
