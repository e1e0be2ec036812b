"""Login rate limit (issue 13: keyed on the real client address, 30/min across workers, Retry-After on every 429) and
the progressive delays after failed logins (issue 14: per account, per address and per account@address; a delay that
does not extend itself, and an attacker elsewhere never keeps the owner out of their usual address)."""

from __future__ import annotations

import contextlib
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.core.cache.backends import locmem
from django.utils import timezone
from rest_framework.test import APIClient

from tmis.accounts.models import LoginDelay
from tmis.audit.models import AccessLog

pytestmark = pytest.mark.django_db

PROXY = "10.9.0.1"


@pytest.fixture(autouse=True)
def _demo_on(settings):
    settings.TMIS_DEMO = True


@pytest.fixture
def _many_failures_per_address(settings):
    """The rate-limit tests fail 30 logins from one address: more than its free failures."""
    settings.TMIS_LOGIN_ADDRESS_FAILURES = 1000


def expire_delays() -> None:
    """Time passes: every running delay is over (the counts stay)."""
    LoginDelay.objects.update(locked_until=timezone.now() - timedelta(seconds=1))


def login(api: APIClient, username: str, password: str = "Demo@2016", **extra: str):
    return api.post("/api/v1/auth/token/", {"username": username, "password": password}, format="json", **extra)


@pytest.mark.usefixtures("_many_failures_per_address")
def test_a_new_x_forwarded_for_per_request_does_not_bypass_the_rate_limit(api):
    statuses = [login(api, f"nobody{i}", "x", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}").status_code for i in range(40)]
    assert statuses.count(401) == 30
    assert statuses[30:] == [429] * 10


@pytest.mark.usefixtures("_many_failures_per_address")
def test_the_limit_is_exactly_30_per_minute(api):
    statuses = [login(api, f"nobody{i}", "x").status_code for i in range(31)]
    assert statuses[:30] == [401] * 30
    assert statuses[30] == 429


@pytest.mark.usefixtures("_many_failures_per_address")
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


@pytest.mark.usefixtures("_many_failures_per_address")
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


@pytest.mark.usefixtures("_many_failures_per_address")
def test_a_throttled_login_says_when_to_retry(api):
    for i in range(30):
        login(api, f"nobody{i}", "x")
    response = login(api, "nobody-else", "x")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert response.json()["retry_after"] == int(response["Retry-After"])


def test_failures_past_the_free_ones_delay_the_next_attempt_progressively(api):
    first = [login(api, "demo-county-b", "wrong") for _ in range(3)]
    assert [r.status_code for r in first] == [401, 401, 401]
    assert "retry_after" not in first[1].json()
    assert first[2].json()["retry_after"] == 1  # the third failure: the next attempt waits a second
    locked = login(api, "demo-county-b")  # even the right password, during the delay
    assert locked.status_code == 429
    assert locked.json()["code"] == "login_locked"
    assert locked["Retry-After"] == "1" and locked.json()["retry_after"] == 1
    delays = []
    for _ in range(4):
        expire_delays()
        delays.append(login(api, "demo-county-b", "wrong").json()["retry_after"])
    assert delays == [2, 4, 8, 16]


def test_the_delay_is_capped_at_fifteen_minutes(api):
    for _ in range(3):
        login(api, "demo-county-b", "wrong")
    LoginDelay.objects.filter(kind="pair").update(failures=40)
    expire_delays()
    assert login(api, "demo-county-b", "wrong").json()["retry_after"] == 15 * 60
    locked = login(api, "demo-county-b")
    assert locked.status_code == 429
    assert 14 * 60 < int(locked["Retry-After"]) <= 15 * 60
    assert "15" in login(api, "demo-county-b", HTTP_ACCEPT_LANGUAGE="en").json()["message"]


def test_attempts_during_a_delay_do_not_extend_it(api):
    for _ in range(4):
        expire_delays()
        login(api, "demo-county-b", "wrong")
    before = list(LoginDelay.objects.order_by("kind").values_list("kind", "failures", "locked_until"))
    for _ in range(3):
        assert login(api, "demo-county-b", "wrong").status_code == 429
    assert list(LoginDelay.objects.order_by("kind").values_list("kind", "failures", "locked_until")) == before
    expire_delays()
    assert login(api, "demo-county-b").status_code == 200


def test_a_success_starts_the_count_again(api):
    for _ in range(2):
        login(api, "demo-county-b", "wrong")
    assert login(api, "demo-county-b").status_code == 200
    statuses = [login(api, "demo-county-b", "wrong").status_code for _ in range(2)]
    assert statuses == [401, 401]
    assert LoginDelay.objects.get(kind="pair", key="demo-county-b@127.0.0.1").failures == 2


def test_one_users_failures_do_not_delay_others_behind_the_same_address(api):
    """A school's NAT: one teacher's mistyped passwords must not keep the colleagues out."""
    for _ in range(4):
        expire_delays()
        login(api, "demo-county-b", "wrong")
    assert login(api, "demo-county-b").status_code == 429
    assert login(api, "demo-county-a").status_code == 200


def test_an_attacker_elsewhere_never_keeps_the_owner_out_of_a_known_address(api, settings):
    settings.TMIS_TRUSTED_PROXIES = [PROXY]
    office = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    assert login(api, "demo-county-b", **office).status_code == 200  # the owner's usual place
    for i in range(30):  # an attacker spread over many addresses
        expire_delays()
        attacker = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"203.0.113.{i}"}
        login(api, "demo-county-b", "wrong", **attacker)
    account = LoginDelay.objects.get(kind="account", key="demo-county-b")
    assert account.failures == 30 and account.locked_until > timezone.now()
    assert login(api, "demo-county-b", **office).status_code == 200  # exempt from the account-wide delay
    # From a new place the owner waits for the account-wide delay, at most fifteen minutes.
    for i in range(30):
        expire_delays()
        login(api, "demo-county-b", "wrong", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"203.0.113.{i}")
    new_place = login(api, "demo-county-b", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="192.0.2.44")
    assert new_place.status_code == 429
    assert int(new_place["Retry-After"]) <= 15 * 60


def test_the_per_address_delay_stops_one_attacker_trying_many_accounts(api, settings):
    settings.TMIS_LOGIN_ADDRESS_FAILURES = 10
    statuses = [login(api, f"victim{i}", "guess").status_code for i in range(10)]
    assert statuses == [401] * 10
    assert login(api, "demo-county-a").status_code == 429  # the tenth failure delayed this address
    assert LoginDelay.objects.get(kind="address", key="127.0.0.1").failures == 10


def test_an_untrusted_peer_cannot_escape_its_delay_with_x_forwarded_for(api):
    for i in range(3):
        login(api, "demo-county-b", "wrong", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}")
    assert login(api, "demo-county-b", HTTP_X_FORWARDED_FOR="198.51.100.99").status_code == 429


def test_login_events_are_in_the_audit_trail(api):
    start = AccessLog.objects.order_by("-id").values_list("id", flat=True).first() or 0  # the demo's own events
    assert login(api, "demo-county-a").status_code == 200
    for _ in range(3):
        login(api, "demo-county-b", "wrong")
    login(api, "demo-county-b", "wrong")
    events = list(AccessLog.objects.filter(id__gt=start).order_by("id").values_list("action", "username", "address"))
    assert events[0] == ("auth.login", "demo-county-a", "127.0.0.1")
    assert events[1:3] == [("auth.login_failed", "demo-county-b", "127.0.0.1")] * 2
    assert ("auth.lockout", "demo-county-b", "127.0.0.1") in events
    assert events[-1][:2] == ("auth.login_failed", "demo-county-b")
    failure = AccessLog.objects.filter(action="auth.login_failed").last()
    assert failure.user_id is None and failure.detail["reason"] == "locked"
    assert AccessLog.objects.filter(action="auth.lockout").last().detail == {"seconds": 1}
