"""Password policy (issue 13): the rules from an endpoint, no reuse of the last five, optional expiry forcing a change
at login, self-service change."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from tests.factories.accounts import PASSWORD, UserFactory
from tmis.accounts.models import User

pytestmark = pytest.mark.django_db


def login(username: str, password: str = PASSWORD):
    return APIClient().post("/api/v1/auth/token/", {"username": username, "password": password}, format="json")


def change(tokens: dict, old: str, new: str):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens['access']}")
    return client.post("/api/v1/auth/password/", {"old_password": old, "new_password": new}, format="json")


def test_the_policy_is_served_in_the_requests_language():
    zh = APIClient().get("/api/v1/auth/password/policy/", HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert zh.status_code == 200
    body = zh.json()
    assert body["min_length"] == 8 and body["history"] == 5 and body["max_age_days"] == 0
    assert "至少 8 个字符。" in body["rules"]
    assert any("5" in rule for rule in body["rules"])  # the history rule
    en = APIClient().get("/api/v1/auth/password/policy/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert "At least 8 characters." in en["rules"]


def test_changing_ones_password_needs_the_old_one_and_follows_the_rules():
    user = UserFactory()
    tokens = login(user.username).json()
    wrong = change(tokens, "not-it", "Another#Pass1")
    assert wrong.status_code == 400
    assert wrong.json()["errors"]["old_password"][0]["code"] == "wrong_password"
    weak = change(tokens, PASSWORD, "abc")
    assert weak.status_code == 400
    assert "new_password" in weak.json()["errors"]
    assert change(tokens, PASSWORD, "Another#Pass1").status_code == 200
    assert login(user.username, "Another#Pass1").status_code == 200


def test_the_last_five_passwords_cannot_be_chosen_again():
    user = UserFactory()
    passwords = [PASSWORD] + [f"Rotate#{n}Pass" for n in range(1, 6)]
    tokens = login(user.username).json()
    for old, new in itertools.pairwise(passwords):
        response = change(tokens, old, new)
        assert response.status_code == 200, response.json()
        tokens = response.json()
    for reused in passwords[1:]:  # the current one and the four before it
        response = change(tokens, passwords[-1], reused)
        assert response.status_code == 400
        codes = {e["code"] for e in response.json()["errors"]["new_password"]}
        assert codes & {"password_reused", "password_unchanged"}
    assert change(tokens, passwords[-1], passwords[0]).status_code == 200  # six back: allowed again


def test_an_admin_reset_may_not_reuse_a_recent_password(client_for):
    user = UserFactory()  # in 城关区, demo-county-a's county
    user.set_password(PASSWORD)
    user.save()
    admin = client_for("demo-county-a")
    etag = admin.get(f"/api/v1/users/{user.pk}/")["ETag"]
    response = admin.patch(f"/api/v1/users/{user.pk}/", {"password": PASSWORD}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 400
    assert response.json()["errors"]["password"][0]["code"] == "password_reused"


def test_an_expired_password_must_be_changed_at_login(settings):
    settings.TMIS_PASSWORD_MAX_AGE_DAYS = 90
    user = UserFactory()
    User.objects.filter(pk=user.pk).update(password_changed_at=timezone.now() - timedelta(days=91))
    refused = login(user.username)
    assert refused.status_code == 403
    body = refused.json()
    assert body["code"] == "password_expired"
    assert "access" not in body and body["challenge"]
    # The challenge is no session.
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {body['challenge']}")
    assert client.get("/api/v1/auth/me/").status_code == 401
    changed = APIClient().post(
        "/api/v1/auth/password/",
        {"challenge": body["challenge"], "old_password": PASSWORD, "new_password": "Renewed#2027"},
        format="json",
    )
    assert changed.status_code == 200, changed.json()
    assert changed.json()["access"]
    assert login(user.username, "Renewed#2027").status_code == 200
    # A fresh password passes; me says when it expires.
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {changed.json()['access']}")
    assert client.get("/api/v1/auth/me/").json()["password_expires_at"]


def test_an_expired_passwords_challenge_needs_the_old_password(settings):
    settings.TMIS_PASSWORD_MAX_AGE_DAYS = 30
    user = UserFactory()
    User.objects.filter(pk=user.pk).update(password_changed_at=timezone.now() - timedelta(days=31))
    challenge = login(user.username).json()["challenge"]
    response = APIClient().post(
        "/api/v1/auth/password/",
        {"challenge": challenge, "old_password": "guess", "new_password": "Renewed#2027"},
        format="json",
    )
    assert response.status_code == 400
    bogus = APIClient().post(
        "/api/v1/auth/password/",
        {"challenge": challenge + "x", "old_password": PASSWORD, "new_password": "Renewed#2027"},
        format="json",
    )
    assert bogus.status_code == 401 and bogus.json()["code"] == "challenge_invalid"


def test_without_expiry_configured_old_passwords_keep_working():
    user = UserFactory()
    User.objects.filter(pk=user.pk).update(password_changed_at=timezone.now() - timedelta(days=3650))
    assert login(user.username).status_code == 200
