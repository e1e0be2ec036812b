"""Accounts people can recover (issue 14): the security administrator sees the accounts failed logins delay and
clears them; temporary passwords an administrator issues force a change at the next login."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tmis.accounts.models import LoginDelay
from tmis.audit.models import AccessLog

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _demo_on(settings):
    settings.TMIS_DEMO = True


def login(username: str, password: str = "Demo@2016", **extra: str):
    return APIClient().post("/api/v1/auth/token/", {"username": username, "password": password}, format="json", **extra)


def delay(username: str) -> None:
    for _ in range(3):
        login(username, "wrong")


def test_the_security_administrator_sees_delayed_accounts_and_unlocks_them(client_for):
    delay("demo-school-a")
    assert login("demo-school-a").status_code == 429
    secadmin = client_for("demo-province-secadmin")
    listed = secadmin.get("/api/v1/users/lockouts/")
    assert listed.status_code == 200, listed.json()
    [entry] = listed.json()
    assert entry["user"]["username"] == "demo-school-a"
    assert entry["failures"] == 3 and entry["addresses"] == ["127.0.0.1"] and entry["retry_after"] >= 1
    user_id = entry["user"]["id"]
    assert secadmin.post(f"/api/v1/users/{user_id}/unlock/").status_code == 204
    assert not LoginDelay.objects.filter(username="demo-school-a").exists()
    assert secadmin.get("/api/v1/users/lockouts/").json() == []
    assert login("demo-school-a").status_code == 200
    event = AccessLog.objects.filter(action="user.unlock").get()
    assert event.username == "demo-province-secadmin" and event.subject_id == str(user_id)


def test_lockouts_stay_in_scope(client_for):
    delay("demo-school-a")  # 城关区
    assert client_for("demo-county-b").get("/api/v1/users/lockouts/").json() == []  # another county's admin
    assert [e["user"]["username"] for e in client_for("demo-county-a").get("/api/v1/users/lockouts/").json()] == [
        "demo-school-a"
    ]


@pytest.mark.parametrize("username", ["demo-sysadmin", "demo-auditor", "demo-school-a"])
def test_only_who_may_unlock_sees_or_clears_delays(client_for, username):
    delay("demo-county-b")
    client = client_for(username)
    assert client.get("/api/v1/users/lockouts/").status_code == 403
    from tmis.accounts.models import User

    target = User.objects.get(username="demo-county-b")
    assert client.post(f"/api/v1/users/{target.pk}/unlock/").status_code in (403, 404)
    assert LoginDelay.objects.filter(username="demo-county-b").exists()


def test_a_temporary_password_is_shown_once_and_must_be_changed_at_the_next_login(client_for):
    from tmis.accounts.models import User

    target = User.objects.get(username="demo-school-a")
    delay("demo-school-a")
    old_session = client_for(target)
    response = client_for("demo-province-secadmin").post(f"/api/v1/users/{target.pk}/password-reset/")
    assert response.status_code == 200, response.json()
    temporary = response.json()["temporary_password"]
    assert len(temporary) >= 12 and response.json()["expires_at"]
    assert old_session.get("/api/v1/auth/me/").status_code == 401  # every session of the user ended
    assert login("demo-school-a").status_code == 401  # the old password is gone; the delays were cleared
    refused = login("demo-school-a", temporary)
    assert refused.status_code == 403
    assert refused.json()["code"] == "password_change_required"
    challenge = refused.json()["challenge"]
    changed = APIClient().post(
        "/api/v1/auth/password/",
        {"old_password": temporary, "new_password": "Chosen#Anew26", "challenge": challenge},
        format="json",
    )
    assert changed.status_code == 200, changed.json()
    assert changed.json()["access"]
    assert login("demo-school-a", "Chosen#Anew26").status_code == 200
    event = AccessLog.objects.filter(action="auth.password_reset").get()
    assert event.detail == {"username": "demo-school-a", "temporary": True}
    assert temporary not in str(event.detail)


def test_a_temporary_password_expires_after_72_hours(client_for):
    from datetime import timedelta

    from django.utils import timezone

    from tmis.accounts.models import User

    target = User.objects.get(username="demo-school-a")
    temporary = client_for("demo-county-a").post(f"/api/v1/users/{target.pk}/password-reset/").json()
    User.objects.filter(pk=target.pk).update(password_temporary_until=timezone.now() - timedelta(minutes=1))
    refused = login("demo-school-a", temporary["temporary_password"])
    assert refused.status_code == 401
    assert refused.json()["code"] == "temporary_password_expired"


def test_an_account_an_administrator_opens_changes_its_password_at_the_first_login(client_for):
    created = client_for("demo-county-a").post(
        "/api/v1/users/",
        {
            "username": "new-filler",
            "display_name": "新填报员",
            "password": "Str0ng!pass",
            "roles": ["filler"],
            "organisation": "2162010201",
        },
        format="json",
    )
    assert created.status_code == 201
    assert created.json()["password_must_change"] is True
    assert login("new-filler", "Str0ng!pass").json()["code"] == "password_change_required"
    assert login("demo-school-a").status_code == 200  # demo accounts are never forced


@pytest.mark.parametrize("username", ["demo-sysadmin", "demo-auditor", "demo-school-a"])
def test_only_who_may_unlock_resets_passwords(client_for, username):
    from tmis.accounts.models import User

    target = User.objects.get(username="demo-county-b")
    assert client_for(username).post(f"/api/v1/users/{target.pk}/password-reset/").status_code in (403, 404)
    assert User.objects.get(pk=target.pk).password == target.password
