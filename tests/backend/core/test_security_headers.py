"""Security headers on every kind of response (docs/SECURITY.md): the SPA's index as WhiteNoise serves it (`/`),
a client route (`/login`, Django's view), an API response, a static asset and the API docs page — and the TLS
settings that `TMIS_HTTPS=1` switches on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[3]
INDEX = '<!doctype html><html><head><script type="module" src="/assets/app.js"></script></head></html>'


@pytest.fixture
def spa_build(settings, tmp_path) -> Path:
    """A built SPA for WhiteNoise to serve: index.html and one hashed asset. WhiteNoise reads its settings when the
    middleware is built, which a fresh test client does on its first request."""
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text(INDEX)
    (tmp_path / "assets" / "app.js").write_text("console.log('tmis')")
    settings.FRONTEND_DIST = tmp_path
    settings.WHITENOISE_ROOT = tmp_path
    return tmp_path


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parsed: dict[str, list[str]] = {}
    for part in filter(None, (p.strip() for p in policy.split(";"))):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def assert_protected(response) -> None:
    assert response.get("X-Frame-Options") == "DENY", dict(response.headers)
    assert "Content-Security-Policy" in response, dict(response.headers)
    policy = directives(response)
    assert policy["frame-ancestors"] == ["'none'"]
    scripts = policy.get("script-src", policy.get("default-src"))
    assert scripts == ["'self'"], policy  # no 'unsafe-inline', no 'unsafe-eval', no other origin
    assert policy["object-src"] == ["'none'"]
    assert response.get("X-Content-Type-Options") == "nosniff"
    assert "Access-Control-Allow-Origin" not in response


def test_the_spa_index_served_by_whitenoise_cannot_be_framed(spa_build):
    response = Client().get("/")
    assert response.status_code == 200
    assert b"/assets/app.js" in b"".join(response.streaming_content)
    assert_protected(response)


def test_a_client_route_cannot_be_framed(spa_build):
    response = Client().get("/login")
    assert response.status_code == 200
    assert_protected(response)


def test_api_responses_carry_the_policy(client_for):
    response = client_for("demo-county-a").get("/api/v1/orgs/620102/")
    assert response.status_code == 200
    assert_protected(response)


def test_static_assets_carry_the_policy_and_no_cors_wildcard(spa_build):
    client = Client()
    asset = client.get("/assets/app.js", HTTP_ORIGIN="https://evil.example")
    assert asset.status_code == 200
    assert_protected(asset)
    swagger = client.get("/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")
    assert swagger.status_code == 200
    assert_protected(swagger)


def test_the_docs_page_has_no_inline_script(spa_build):
    client = Client()
    page = client.get("/api/v1/docs/")
    assert page.status_code == 200
    assert_protected(page)
    html = page.content.decode()
    # Every <script> has a src: the policy ('self' only) would block an inline one.
    assert html.count("<script") == html.count("<script src=") >= 3
    script = client.get("/api/v1/docs/?script=")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert b"SwaggerUIBundle" in script.content


def read_settings(**env: str) -> dict:
    """Settings as a fresh process computes them from the environment."""
    code = (
        "import json, django; django.setup(); from django.conf import settings as s;"
        "print(json.dumps({n: getattr(s, n, None) for n in ('SECURE_HSTS_SECONDS', 'SECURE_SSL_REDIRECT',"
        " 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'LANGUAGE_COOKIE_SECURE', 'SECURE_PROXY_SSL_HEADER')}))"
    )
    environment = dict(os.environ, PYTHONPATH=str(REPO / "backend"), DJANGO_SETTINGS_MODULE="tmis.settings")
    for name in ("TMIS_HTTPS", "TMIS_SSL_REDIRECT", "TMIS_TRUSTED_PROXIES", "TMIS_HSTS_SECONDS"):
        environment.pop(name, None)
    environment.update(env)
    out = subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_https_settings_are_off_by_default_and_on_with_tmis_https():
    plain = read_settings()
    assert not plain["SECURE_HSTS_SECONDS"]
    assert not plain["SESSION_COOKIE_SECURE"] and not plain["CSRF_COOKIE_SECURE"]
    assert plain["SECURE_PROXY_SSL_HEADER"] is None

    tls = read_settings(TMIS_HTTPS="1")
    assert tls["SECURE_HSTS_SECONDS"] >= 31_536_000  # a year
    assert tls["SESSION_COOKIE_SECURE"] and tls["CSRF_COOKIE_SECURE"] and tls["LANGUAGE_COOKIE_SECURE"]
    assert not tls["SECURE_SSL_REDIRECT"]  # optional: the proxy usually redirects
    assert tls["SECURE_PROXY_SSL_HEADER"] is None  # no trusted proxy: no forwarded scheme is believed

    proxied = read_settings(TMIS_HTTPS="1", TMIS_TRUSTED_PROXIES="10.0.0.0/8", TMIS_SSL_REDIRECT="1")
    assert proxied["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert proxied["SECURE_SSL_REDIRECT"] is True


@pytest.fixture
def https_behind_proxy(settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.TMIS_TRUSTED_PROXIES = ["10.0.0.0/8"]


def test_hsts_over_tls_from_a_trusted_proxy(https_behind_proxy, api):
    response = api.get("/api/v1/health/", REMOTE_ADDR="10.1.2.3", HTTP_X_FORWARDED_PROTO="https")
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    direct = api.get("/api/v1/health/", secure=True)
    assert "Strict-Transport-Security" in direct


def test_a_client_cannot_claim_tls_by_header(https_behind_proxy, api):
    """X-Forwarded-Proto is believed only from TMIS_TRUSTED_PROXIES, like X-Forwarded-For."""
    response = api.get("/api/v1/health/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200
    assert "Strict-Transport-Security" not in response


def test_gunicorn_trusts_forwarded_headers_from_the_same_proxies(monkeypatch):
    """gunicorn sets the WSGI scheme from X-Forwarded-Proto only for forwarded_allow_ips: the same list as Django's."""
    import runpy

    monkeypatch.setenv("TMIS_TRUSTED_PROXIES", "10.0.0.0/8,192.168.1.5")
    conf = runpy.run_path(str(REPO / "infra" / "gunicorn.conf.py"))
    assert conf["forwarded_allow_ips"] == "10.0.0.0/8,192.168.1.5"
    monkeypatch.delenv("TMIS_TRUSTED_PROXIES")
    assert runpy.run_path(str(REPO / "infra" / "gunicorn.conf.py"))["forwarded_allow_ips"] == ""
