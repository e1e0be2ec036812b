"""The browser's refresh token is an HttpOnly cookie (issue 14): set on login when asked, used by the refresh with
cross-site checks, cleared by the logout; integrators keep the refresh token in the JSON body."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

ORIGIN = "http://testserver"
SPA = {"HTTP_X_REFRESH_COOKIE": "1", "HTTP_ORIGIN": ORIGIN}


@pytest.fixture(autouse=True)
def _demo_on(settings):
    settings.TMIS_DEMO = True


def browser_login() -> tuple[APIClient, dict]:
    client = APIClient()
    response = client.post(
        "/api/v1/auth/token/", {"username": "demo-city", "password": "Demo@2016"}, format="json", **SPA
    )
    assert response.status_code == 200, response.json()
    return client, response


def test_a_browser_login_puts_the_refresh_token_in_an_http_only_strict_cookie():
    _client, response = browser_login()
    body = response.json()
    assert body["access"] and "refresh" not in body
    cookie = response.cookies["tmis_refresh"]
    assert cookie.value
    assert cookie["httponly"] and cookie["samesite"] == "Strict" and cookie["path"] == "/api/v1/auth/"
    assert not cookie["secure"]  # plain http (the tests); over https it is Secure
    secure = APIClient().post(
        "/api/v1/auth/token/",
        {"username": "demo-city", "password": "Demo@2016"},
        format="json",
        secure=True,
        **{**SPA, "HTTP_ORIGIN": "https://testserver"},
    )
    assert secure.cookies["tmis_refresh"]["secure"]


def test_the_refresh_uses_the_cookie_and_rotates_it():
    client, response = browser_login()
    first = response.cookies["tmis_refresh"].value
    refreshed = client.post("/api/v1/auth/token/refresh/", {}, format="json", **SPA)
    assert refreshed.status_code == 200, refreshed.json()
    assert refreshed.json()["access"] and "refresh" not in refreshed.json()
    assert refreshed.cookies["tmis_refresh"].value not in ("", first)
    client.cookies["tmis_refresh"] = first  # the rotated-away token is dead
    dead = client.post("/api/v1/auth/token/refresh/", {}, format="json", **SPA)
    assert dead.status_code == 401, dead.json()


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": ORIGIN},  # no custom header: a form or simple request from elsewhere
        {"HTTP_X_REFRESH_COOKIE": "1", "HTTP_ORIGIN": "http://evil.example"},
        {"HTTP_X_REFRESH_COOKIE": "1"},  # no Origin
    ],
)
def test_a_cookie_refresh_without_the_header_and_our_origin_is_refused(headers):
    client, _response = browser_login()
    refused = client.post("/api/v1/auth/token/refresh/", {}, format="json", **headers)
    assert refused.status_code == 403
    assert refused.json()["code"] == "csrf_failed"
    logout = client.post("/api/v1/auth/logout/", {}, format="json", **headers)
    assert logout.status_code == 403


def test_logout_revokes_the_cookie_token_and_clears_the_cookie():
    client, response = browser_login()
    token = response.cookies["tmis_refresh"].value
    out = client.post("/api/v1/auth/logout/", {}, format="json", **SPA)
    assert out.status_code == 204
    assert out.cookies["tmis_refresh"].value == "" and out.cookies["tmis_refresh"]["max-age"] == 0
    client.cookies["tmis_refresh"] = token
    assert client.post("/api/v1/auth/token/refresh/", {}, format="json", **SPA).status_code == 401


def test_integrators_keep_the_json_body_refresh():
    api = APIClient()
    tokens = api.post("/api/v1/auth/token/", {"username": "demo-city", "password": "Demo@2016"}, format="json")
    assert "tmis_refresh" not in tokens.cookies
    body = tokens.json()
    rotated = api.post("/api/v1/auth/token/refresh/", {"refresh": body["refresh"]}, format="json")
    assert rotated.status_code == 200 and rotated.json()["refresh"]
    assert api.post("/api/v1/auth/logout/", {"refresh": rotated.json()["refresh"]}, format="json").status_code == 204
