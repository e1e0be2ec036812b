"""The optional second factor (TOTP, issue 13): enrol with a confirmation code, a second login step, disable with
password and code, the policy for admins and reviewers, an admin's reset for a lost device."""

from __future__ import annotations

from datetime import datetime

import pyotp
import pytest
from rest_framework.test import APIClient

from tests.factories.accounts import PASSWORD, UserFactory
from tmis.accounts.models import User
from tmis.audit.models import AccessLog

pytestmark = pytest.mark.django_db


def login(username: str, password: str = PASSWORD, **extra: str):
    return APIClient().post("/api/v1/auth/token/", {"username": username, "password": password}, format="json", **extra)


def bearer(access: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    return client


def code_for(secret: str, offset: int = 0) -> str:
    totp = pyotp.TOTP(secret)
    return totp.generate_otp(totp.timecode(datetime.now()) + offset)


def enrol(user: User) -> str:
    client = bearer(login(user.username).json()["access"])
    started = client.post("/api/v1/auth/totp/", {}, format="json")
    assert started.status_code == 200, started.json()
    secret = started.json()["secret"]
    assert started.json()["otpauth_uri"].startswith("otpauth://totp/")
    assert client.post("/api/v1/auth/totp/confirm/", {"code": "000000"}, format="json").status_code == 400
    confirmed = client.post("/api/v1/auth/totp/confirm/", {"code": code_for(secret, -1)}, format="json")
    assert confirmed.status_code == 200, confirmed.json()
    return secret


def test_enrolment_then_login_asks_for_the_code():
    user = UserFactory(roles=["admin"])
    secret = enrol(user)
    assert bearer(login(user.username).json().get("access", "")).get("/api/v1/auth/me/").status_code == 401
    first = login(user.username).json()
    assert first["totp_required"] is True and "access" not in first
    assert login(user.username, "wrong").status_code == 401  # the password step is no weaker
    step = APIClient().post("/api/v1/auth/token/totp/", {"challenge": first["challenge"], "code": code_for(secret)})
    assert step.status_code == 200, step.json()
    me = bearer(step.json()["access"]).get("/api/v1/auth/me/").json()
    assert me["totp_enabled"] is True
    # The same code is never accepted twice.
    again = APIClient().post("/api/v1/auth/token/totp/", {"challenge": first["challenge"], "code": code_for(secret)})
    assert again.status_code == 401 and again.json()["code"] == "totp_invalid"
    actions = set(AccessLog.objects.filter(user=user).values_list("action", flat=True))
    assert {"auth.totp_enrol", "auth.login"} <= actions


def test_wrong_codes_lock_the_login_like_wrong_passwords():
    user = UserFactory(roles=["reviewer"])
    enrol(user)
    challenge = login(user.username).json()["challenge"]
    statuses = [
        APIClient().post("/api/v1/auth/token/totp/", {"challenge": challenge, "code": "123456"}).status_code
        for _ in range(5)
    ]
    assert statuses[-1] == 429
    assert AccessLog.objects.filter(action="auth.login_failed", username=user.username, detail__reason="totp").exists()


def test_a_forged_challenge_is_refused():
    user = UserFactory(roles=["admin"])
    enrol(user)
    response = APIClient().post("/api/v1/auth/token/totp/", {"challenge": "x:y:z", "code": "123456"})
    assert response.status_code == 401 and response.json()["code"] == "challenge_invalid"


def test_disabling_needs_password_and_code():
    user = UserFactory(roles=["admin"])
    secret = enrol(user)
    challenge = login(user.username).json()["challenge"]
    access = (
        APIClient()
        .post("/api/v1/auth/token/totp/", {"challenge": challenge, "code": code_for(secret)})
        .json()["access"]
    )
    client = bearer(access)
    assert (
        client.post("/api/v1/auth/totp/disable/", {"password": "wrong", "code": code_for(secret, 1)}).status_code == 400
    )
    response = client.post("/api/v1/auth/totp/disable/", {"password": PASSWORD, "code": code_for(secret, 1)})
    assert response.status_code == 204
    assert "access" in login(user.username).json()
    assert AccessLog.objects.filter(action="auth.totp_disable", user=user).exists()


def test_the_policy_can_require_a_second_factor_of_admins_and_reviewers(settings):
    settings.TMIS_TOTP_REQUIRED = True
    filler = UserFactory(roles=["filler"])
    assert "access" in login(filler.username).json()
    admin = UserFactory(roles=["admin"])
    refused = login(admin.username)
    assert refused.status_code == 403
    assert refused.json()["code"] == "totp_enrolment_required"
    challenge = refused.json()["challenge"]
    started = APIClient().post("/api/v1/auth/totp/", {"challenge": challenge}, format="json")
    assert started.status_code == 200
    secret = started.json()["secret"]
    done = APIClient().post(
        "/api/v1/auth/totp/confirm/", {"challenge": challenge, "code": code_for(secret)}, format="json"
    )
    assert done.status_code == 200, done.json()
    assert bearer(done.json()["access"]).get("/api/v1/auth/me/").json()["totp_required"] is True
    # Required: cannot be turned off.
    off = bearer(done.json()["access"]).post(
        "/api/v1/auth/totp/disable/", {"password": PASSWORD, "code": code_for(secret, 1)}
    )
    assert off.status_code == 403


def test_an_admin_resets_a_lost_second_factor_and_the_sessions_end(client_for):
    user = UserFactory(roles=["filler"])
    secret = enrol(user)
    challenge = login(user.username).json()["challenge"]
    session = APIClient().post("/api/v1/auth/token/totp/", {"challenge": challenge, "code": code_for(secret)}).json()
    assert client_for("demo-school-b").post(f"/api/v1/users/{user.pk}/totp-reset/").status_code in (403, 404)
    response = client_for("demo-county-a").post(f"/api/v1/users/{user.pk}/totp-reset/")
    assert response.status_code == 204, response.json()
    assert bearer(session["access"]).get("/api/v1/auth/me/").status_code == 401
    assert "access" in login(user.username).json()  # no second step any more
    event = AccessLog.objects.get(action="auth.totp_reset", subject_id=str(user.pk))
    assert event.username == "demo-county-a"
