"""Sessions end when they should (issue 13): a password change or reset, deactivation or a role change revokes the
user's access and refresh tokens; refreshing never extends a session past its login's lifetime."""

from __future__ import annotations

from datetime import timedelta

import jwt
import pytest
from django.conf import settings as django_settings
from rest_framework.test import APIClient

from tests.factories.accounts import PASSWORD, UserFactory
from tmis.audit.models import AccessLog

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Fresh#Pass2027"


def login(username: str, password: str = PASSWORD) -> dict[str, str]:
    response = APIClient().post("/api/v1/auth/token/", {"username": username, "password": password}, format="json")
    assert response.status_code == 200, response.json()
    return response.json()


def bearer(access: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    return client


def refresh(token: str):
    return APIClient().post("/api/v1/auth/token/refresh/", {"refresh": token}, format="json")


def assert_revoked(tokens: dict[str, str]) -> None:
    me = bearer(tokens["access"]).get("/api/v1/auth/me/")
    assert me.status_code == 401
    assert me.json()["code"] == "token_revoked"
    assert refresh(tokens["refresh"]).status_code == 401


@pytest.fixture
def victim():
    return UserFactory(username="session-user", roles=["filler"])


def admin_patch(user, body: dict) -> None:
    admin = bearer(login_demo("demo-county-a")["access"])
    etag = admin.get(f"/api/v1/users/{user.pk}/")["ETag"]
    response = admin.patch(f"/api/v1/users/{user.pk}/", body, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 200, response.json()


def login_demo(username: str) -> dict[str, str]:
    return login(username, "Demo@2016")


@pytest.fixture(autouse=True)
def _demo_on(settings):
    settings.TMIS_DEMO = True


def test_an_admin_password_reset_ends_the_users_sessions(victim):
    tokens = login(victim.username)
    assert bearer(tokens["access"]).get("/api/v1/auth/me/").status_code == 200
    admin_patch(victim, {"password": NEW_PASSWORD})
    assert_revoked(tokens)
    assert AccessLog.objects.filter(action="auth.password_reset", subject_id=str(victim.pk)).exists()
    assert AccessLog.objects.filter(action="auth.tokens_revoked", subject_id=str(victim.pk)).exists()
    body = {"username": victim.username, "password": NEW_PASSWORD}
    after = APIClient().post("/api/v1/auth/token/", body, format="json")
    assert after.json()["code"] == "password_change_required"  # the owner replaces what the administrator chose


def test_deactivation_ends_the_users_sessions(victim):
    tokens = login(victim.username)
    admin_patch(victim, {"is_active": False})
    assert_revoked_or_inactive = bearer(tokens["access"]).get("/api/v1/auth/me/")
    assert assert_revoked_or_inactive.status_code == 401
    assert refresh(tokens["refresh"]).status_code == 401
    admin_patch(victim, {"is_active": True})
    assert_revoked(tokens)  # reactivated: the old tokens stay dead
    event = AccessLog.objects.filter(action="user.activation_change", subject_id=str(victim.pk)).first()
    assert event.detail["is_active"] is False and event.username == "demo-county-a"


def test_a_role_change_ends_the_users_sessions(victim):
    tokens = login(victim.username)
    admin_patch(victim, {"display_name": "新名字"})  # other changes leave sessions alone
    assert bearer(tokens["access"]).get("/api/v1/auth/me/").status_code == 200
    admin_patch(victim, {"roles": ["viewer"]})
    assert_revoked(tokens)
    event = AccessLog.objects.get(action="user.roles_change", subject_id=str(victim.pk))
    assert event.detail["before"] == ["filler"] and event.detail["after"] == ["viewer"]


def test_changing_ones_own_password_ends_the_other_sessions(victim):
    other = login(victim.username)
    current = login(victim.username)
    response = bearer(current["access"]).post(
        "/api/v1/auth/password/", {"old_password": PASSWORD, "new_password": NEW_PASSWORD}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert_revoked(other)
    assert_revoked(current)
    fresh = response.json()
    assert bearer(fresh["access"]).get("/api/v1/auth/me/").status_code == 200
    assert refresh(fresh["refresh"]).status_code == 200
    assert AccessLog.objects.filter(action="auth.password_change", user=victim).exists()


def test_logout_everywhere_ends_every_session(victim):
    one, two = login(victim.username), login(victim.username)
    assert bearer(one["access"]).post("/api/v1/auth/logout/all/").status_code == 204
    assert_revoked(one)
    assert_revoked(two)


def test_logout_is_recorded(victim):
    tokens = login(victim.username)
    assert APIClient().post("/api/v1/auth/logout/", {"refresh": tokens["refresh"]}, format="json").status_code == 204
    assert AccessLog.objects.filter(action="auth.logout", user=victim).exists()


def test_refreshing_does_not_extend_the_session(victim, settings):
    lifetime = django_settings.SIMPLE_JWT["REFRESH_TOKEN_LIFETIME"]
    tokens = login(victim.username)
    first = jwt.decode(tokens["refresh"], options={"verify_signature": False})
    token = tokens["refresh"]
    for _ in range(3):
        response = refresh(token)
        assert response.status_code == 200
        token = response.json()["refresh"]
        claims = jwt.decode(token, options={"verify_signature": False})
        assert claims["exp"] == first["exp"]  # not iat + lifetime again
        assert claims["auth_time"] == first["auth_time"] == first["iat"]
        access = jwt.decode(response.json()["access"], options={"verify_signature": False})
        assert access["exp"] <= first["exp"]
    assert first["exp"] - first["iat"] == int(lifetime / timedelta(seconds=1))


def test_a_session_past_its_lifetime_cannot_be_refreshed(victim, settings):
    tokens = login(victim.username)
    claims = jwt.decode(tokens["refresh"], options={"verify_signature": False})
    # A refresh token whose login was longer ago than the lifetime (signed with the real key): refused.
    lifetime = int(django_settings.SIMPLE_JWT["REFRESH_TOKEN_LIFETIME"] / timedelta(seconds=1))
    from rest_framework_simplejwt.tokens import RefreshToken

    old = RefreshToken(tokens["refresh"])
    old["auth_time"] = claims["iat"] - lifetime - 10
    rotated = refresh(str(old))
    assert rotated.status_code == 401
