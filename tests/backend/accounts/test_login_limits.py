"""Login rate limit and lockout (issue 13): keyed on the real client address, 30/min across workers, Retry-After on
every 429, a lockout that does not extend itself and cannot be used to keep someone else out."""

from __future__ import annotations

import contextlib
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core.cache import caches
from django.core.cache.backends import locmem
from django.utils import timezone
from rest_framework.test import APIClient

from tmis.audit.models import AccessLog

pytestmark = pytest.mark.django_db

PROXY = "10.9.0.1"


@pytest.fixture(autouse=True)
def _demo_on(settings):
    settings.TMIS_DEMO = True


def login(api: APIClient, username: str, password: str = "Demo@2016", **extra: str):
    return api.post("/api/v1/auth/token/", {"username": username, "password": password}, format="json", **extra)


def test_a_new_x_forwarded_for_per_request_does_not_bypass_the_rate_limit(api):
    statuses = [login(api, f"nobody{i}", "x", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}").status_code for i in range(40)]
    assert statuses.count(401) == 30
    assert statuses[30:] == [429] * 10


def test_the_limit_is_exactly_30_per_minute(api):
    statuses = [login(api, f"nobody{i}", "x").status_code for i in range(31)]
    assert statuses[:30] == [401] * 30
    assert statuses[30] == 429


def test_the_count_is_shared_between_worker_processes(api, settings):
    """Two gunicorn workers each kept their own in-memory count: 60/min instead of 30. A fresh process's memory is
    emulated by dropping the local-memory caches."""
    for i in range(20):
        login(api, f"nobody{i}", "x")
    locmem._caches.clear()  # the memory of every local-memory cache in this process …
    for alias in settings.CACHES:  # … and the connections holding it
        with contextlib.suppress(AttributeError):
            del caches[alias]
    statuses = [login(api, f"other{i}", "x").status_code for i in range(11)]
    assert statuses[:10] == [401] * 10
    assert statuses[10] == 429


def test_through_a_trusted_proxy_the_limit_keys_on_the_real_client(api, settings):
    settings.TMIS_TRUSTED_PROXIES = [PROXY]
    for i in range(30):
        login(api, f"nobody{i}", "x", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert login(api, "nobody-a", "x", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 429
    # Another client behind the same proxy still has its own 30.
    assert login(api, "nobody-b", "x", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.6").status_code == 401
    # A client's own X-Forwarded-For entries left of the proxy's are not believed.
    spoofed = login(api, "nobody-c", "x", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5")
    assert spoofed.status_code == 429


def test_a_throttled_login_says_when_to_retry(api):
    for i in range(30):
        login(api, f"nobody{i}", "x")
    response = login(api, "nobody-else", "x")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert response.json()["retry_after"] == int(response["Retry-After"])


def test_a_lockout_says_when_to_retry(api):
    for _ in range(5):
        response = login(api, "demo-county-b", "wrong")
    assert response.status_code == 429
    assert response.json()["code"] == "login_locked"
    assert 14 * 60 < int(response["Retry-After"]) <= 15 * 60
    assert response.json()["retry_after"] == int(response["Retry-After"])


def test_attempts_during_a_lockout_do_not_extend_it(api):
    for _ in range(5):
        login(api, "demo-county-b", "wrong")
    AccessAttempt.objects.filter(username="demo-county-b").update(attempt_time=timezone.now() - timedelta(minutes=10))
    again = login(api, "demo-county-b", "wrong")
    assert again.status_code == 429
    assert int(again["Retry-After"]) <= 5 * 60
    AccessAttempt.objects.filter(username="demo-county-b").update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert login(api, "demo-county-b").status_code == 200


def test_an_attacker_cannot_lock_a_named_user_out_from_another_address(api, settings):
    """Behind the production proxy every client had the proxy's address: five failures from anyone locked the user
    for everyone. The lockout is per username and real client address."""
    settings.TMIS_TRUSTED_PROXIES = [PROXY]
    attacker = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.66"}
    for _ in range(6):
        assert login(api, "demo-county-b", "wrong", **attacker).status_code in (401, 429)
    assert login(api, "demo-county-b", **attacker).status_code == 429
    victim = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    assert login(api, "demo-county-b", **victim).status_code == 200


def test_an_untrusted_peer_cannot_escape_its_lockout_with_x_forwarded_for(api):
    for i in range(5):
        login(api, "demo-county-b", "wrong", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}")
    assert login(api, "demo-county-b", HTTP_X_FORWARDED_FOR="198.51.100.99").status_code == 429


def test_login_events_are_in_the_audit_trail(api):
    start = AccessLog.objects.order_by("-id").values_list("id", flat=True).first() or 0  # the demo's own events
    assert login(api, "demo-county-a").status_code == 200
    for _ in range(5):
        login(api, "demo-county-b", "wrong")
    login(api, "demo-county-b", "wrong")
    events = list(AccessLog.objects.filter(id__gt=start).order_by("id").values_list("action", "username", "address"))
    assert events[0] == ("auth.login", "demo-county-a", "127.0.0.1")
    assert events[1:6] == [("auth.login_failed", "demo-county-b", "127.0.0.1")] * 5
    assert ("auth.lockout", "demo-county-b", "127.0.0.1") in events
    assert events[-1][:2] == ("auth.login_failed", "demo-county-b")
    failure = AccessLog.objects.filter(action="auth.login_failed").last()
    assert failure.user_id is None and failure.detail["reason"] == "locked"
