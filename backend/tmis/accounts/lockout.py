"""Progressive delays after failed logins, counted per account, per address and per account@address separately.

- A counter's first few failures are free (TMIS_LOGIN_PAIR_FAILURES for one account at one address,
  TMIS_LOGIN_ACCOUNT_FAILURES for the account from anywhere, TMIS_LOGIN_ADDRESS_FAILURES for one address trying any
  account — a school's NAT shares it); each failure past them makes the next attempt wait 1 s, 2 s, 4 s … up to
  TMIS_LOGIN_MAX_DELAY (15 minutes). Attempts during a delay are refused (429 `login_locked`, Retry-After) without
  being checked or counted, so they do not extend it.
- The per-address and per-pair delays stop a single attacker; the account-wide delay slows one spread over many
  addresses. An address that logged into the account in the last TMIS_LOGIN_KNOWN_ADDRESS_DAYS is exempt from the
  account-wide delay (and does not feed it): an attacker elsewhere never keeps the owner out of their usual place.
- A success clears the account's and the pair's counters; a counter quiet for TMIS_LOGIN_FAILURE_WINDOW_HOURS starts
  again from zero. An administrator may clear an account's counters (`login_unlock`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import KnownLoginAddress, LoginDelay

ACCOUNT, ADDRESS, PAIR = "account", "address", "pair"


@dataclass(frozen=True)
class Counter:
    kind: str
    key: str
    username: str = ""
    address: str = ""


def _free(kind: str) -> int:
    return {
        ACCOUNT: settings.TMIS_LOGIN_ACCOUNT_FAILURES,
        ADDRESS: settings.TMIS_LOGIN_ADDRESS_FAILURES,
        PAIR: settings.TMIS_LOGIN_PAIR_FAILURES,
    }[kind]


def delay_after(kind: str, failures: int) -> int:
    """Seconds the next attempt waits after `failures` failures of a counter (0: none)."""
    over = failures - _free(kind)
    if over < 0:
        return 0
    return min(settings.TMIS_LOGIN_MAX_DELAY, 2 ** min(over, 30))


def _window_start(now: datetime) -> datetime:
    return now - timedelta(hours=settings.TMIS_LOGIN_FAILURE_WINDOW_HOURS)


def address_known(*, username: str, address: str | None) -> bool:
    """Whether this address logged into the account recently (exempt from the account-wide delay)."""
    if not address:
        return False
    since = timezone.now() - timedelta(days=settings.TMIS_LOGIN_KNOWN_ADDRESS_DAYS)
    return KnownLoginAddress.objects.filter(username=username, address=address, last_success_at__gte=since).exists()


def _counters(username: str, address: str | None) -> list[Counter]:
    address = address or ""
    counters = [Counter(PAIR, f"{username}@{address}", username, address)]
    if address:
        counters.append(Counter(ADDRESS, address, "", address))
    if not address_known(username=username, address=address):
        counters.append(Counter(ACCOUNT, username, username, ""))
    return counters


def _keys_filter(counters: list[Counter]) -> Q:
    query = Q(pk__in=[])
    for counter in counters:
        query |= Q(kind=counter.kind, key=counter.key)
    return query


def login_wait(*, username: str, address: str | None) -> int:
    """Seconds before this username may try again from this address (0: now)."""
    if not settings.TMIS_LOGIN_DELAYS:
        return 0
    now = timezone.now()
    until = (
        LoginDelay.objects.filter(_keys_filter(_counters(username, address)), locked_until__gt=now)
        .order_by("-locked_until")
        .values_list("locked_until", flat=True)
        .first()
    )
    return max(1, math.ceil((until - now).total_seconds())) if until else 0


@transaction.atomic
def login_failed(*, username: str, address: str | None) -> int:
    """Count a failed password or code on every counter it concerns; the delay the next attempt now waits."""
    if not settings.TMIS_LOGIN_DELAYS:
        return 0
    now = timezone.now()
    wait = 0
    for counter in _counters(username, address):
        row, _created = LoginDelay.objects.select_for_update().get_or_create(
            kind=counter.kind,
            key=counter.key[:200],
            defaults={"username": counter.username, "address": counter.address, "last_failure_at": now},
        )
        if row.last_failure_at < _window_start(now):
            row.failures = 0
        row.failures += 1
        row.last_failure_at = now
        seconds = delay_after(counter.kind, row.failures)
        row.locked_until = now + timedelta(seconds=seconds) if seconds else None
        row.save()
        wait = max(wait, seconds)
    return wait


def login_succeeded(*, username: str, address: str | None) -> None:
    """The account's and this pair's counters start again; the address is remembered as the owner's."""
    if not settings.TMIS_LOGIN_DELAYS:
        return
    address = address or ""
    LoginDelay.objects.filter(Q(kind=ACCOUNT, key=username) | Q(kind=PAIR, key=f"{username}@{address}")).delete()
    if address:
        KnownLoginAddress.objects.update_or_create(
            username=username, address=address, defaults={"last_success_at": timezone.now()}
        )


def login_unlock(*, username: str) -> int:
    """An administrator clears the account's counters (account-wide and per address); how many there were."""
    deleted, _rows = LoginDelay.objects.filter(username=username).delete()
    return deleted


def delays_current() -> QuerySet[LoginDelay]:
    """Account and pair counters that delay, or delayed, an attempt within the failure window."""
    now = timezone.now()
    return LoginDelay.objects.filter(
        kind__in=[ACCOUNT, PAIR], locked_until__isnull=False, last_failure_at__gte=_window_start(now)
    )


def locked_message(seconds: int) -> str:
    if seconds < 60:
        return _("Too many failed logins. Try again in %(seconds)d seconds.") % {"seconds": seconds}
    minutes = max(1, math.ceil(seconds / 60))
    return _("Too many failed logins. Try again in %(minutes)d minutes.") % {"minutes": minutes}
