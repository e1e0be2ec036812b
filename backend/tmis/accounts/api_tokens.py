"""API tokens: machine credentials for integrations and service accounts (docs/API.md, "Tokens").

- A token is created once and its key shown once (`tmis_` + 43 random URL-safe characters, 256 bits); only the key's
  SHA-256 is stored. The key has the entropy of a random secret, so a fast hash is the right one (a slow password
  hash would cost every request without making a 256-bit key harder to guess).
- It acts as its user, narrowed: to the capabilities named when it was made (and still held by the user — a role
  taken away later is taken from the token too) and to its organisation's subtree (the user's own organisation or
  one below it). What the user does as their organisation — decide a review step, file the organisation's plan — the
  token does too, but only on what lies in its subtree.
- It expires (at most TMIS_API_TOKEN_MAX_DAYS after its creation), may be revoked, and records its last use.
- Every use counts against its rate (requests per minute, a fixed window): one UPDATE … RETURNING on the token's row,
  which also records the last use; the answer carries `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset`,
  and a request over the rate is a 429 with Retry-After.
- A token never issues tokens: creating one needs a login (JWT), so a leaked key cannot make itself permanent.
- Users make tokens for themselves; whoever holds `tokens.manage` (the security administrator) makes and revokes
  tokens of the service accounts in their subtree. Creation and revocation are in the audit trail.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import AuthenticationFailed, Throttled

from tmis.audit.services import audit_record
from tmis.core.errors import AppError, field_error
from tmis.orgs.models import Organisation
from tmis.orgs.selectors import organisation_in_scope

from .models import ApiToken, User
from .roles import Role

KEY_PREFIX = "tmis_"
#: The characters of a key kept in clear to recognise it in a list (the prefix and six random characters).
SHOWN_CHARACTERS = 11
MAX_RATE = 100_000


def key_digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    key: str  # shown once, never stored


@dataclass(frozen=True)
class RateState:
    limit: int
    remaining: int
    reset: int  # seconds until the window ends
    exceeded: bool  # this request is over the rate

    def headers(self) -> dict[str, str]:
        return {
            "RateLimit-Limit": str(self.limit),
            "RateLimit-Remaining": str(self.remaining),
            "RateLimit-Reset": str(self.reset),
        }


def tokens_cannot_issue() -> AppError:
    return AppError(
        _("An API token cannot create or revoke tokens: log in to manage them."),
        code="token_cannot_issue",
        status_code=status.HTTP_403_FORBIDDEN,
    )


def _owner(actor: Any, user: User | None) -> User:
    if user is None or user.pk == actor.pk:
        return actor
    if not actor.has_capability("tokens.manage"):
        raise AppError(
            _("Only the security administrator makes tokens for other accounts."),
            code="permission_denied",
            status_code=status.HTTP_403_FORBIDDEN,
        )
    if Role.SERVICE not in user.roles:
        raise field_error(
            "user", "not_service_account", _("Tokens for other accounts are made for service accounts only.")
        )
    return user


def _check_capabilities(owner: User, capabilities: Sequence[str]) -> list[str]:
    wanted = sorted(set(capabilities))
    if not wanted:
        raise field_error("capabilities", "required", _("Name at least one capability the token may use."))
    missing = [name for name in wanted if name not in owner.capabilities]
    if missing:
        raise field_error(
            "capabilities",
            "not_held",
            _("%(user)s does not hold: %(names)s.") % {"user": owner.username, "names": ", ".join(missing)},
        )
    return wanted


def _check_organisation(actor: Any, owner: User, code: str | None) -> Organisation:
    if not code:
        return owner.organisation
    organisation = organisation_in_scope(user=actor, code=code)
    if organisation is None or not organisation.path.startswith(owner.organisation.path):
        raise field_error(
            "organisation",
            "outside_scope",
            _("The token's organisation must be %(org)s or one below it.") % {"org": owner.organisation.name},
        )
    return organisation


def _check_expiry(expires_at: dt.datetime, now: dt.datetime) -> dt.datetime:
    days = settings.TMIS_API_TOKEN_MAX_DAYS
    if expires_at <= now:
        raise field_error("expires_at", "in_the_past", _("The expiry must lie in the future."))
    if expires_at > now + dt.timedelta(days=days):
        raise field_error("expires_at", "too_far", _("A token lives at most %(days)d days.") % {"days": days})
    return expires_at


@transaction.atomic
def token_create(
    *,
    actor: Any,
    name: str,
    capabilities: Sequence[str],
    expires_at: dt.datetime,
    organisation_code: str | None = None,
    user: User | None = None,
    rate_limit: int | None = None,
) -> IssuedToken:
    """A new token for the actor (or, for `tokens.manage`, a service account in scope); its key, shown once."""
    if actor.token_capabilities is not None:
        raise tokens_cannot_issue()
    owner = _owner(actor, user)
    now = timezone.now()
    rate = settings.TMIS_API_TOKEN_RATE if rate_limit is None else rate_limit
    if not 1 <= rate <= MAX_RATE:
        raise field_error(
            "rate_limit", "out_of_range", _("Between 1 and %(max)d requests a minute.") % {"max": MAX_RATE}
        )
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=owner,
        name=name.strip(),
        prefix=key[:SHOWN_CHARACTERS],
        digest=key_digest(key),
        capabilities=_check_capabilities(owner, capabilities),
        organisation=_check_organisation(actor, owner, organisation_code),
        expires_at=_check_expiry(expires_at, now),
        rate_limit=rate,
        created_at=now,
        created_by=actor,
    )
    audit_record(
        action="token.create",
        actor=actor,
        subject_type="api_token",
        subject_id=token.pk,
        detail={
            "name": token.name,
            "user": owner.username,
            "capabilities": token.capabilities,
            "organisation": token.organisation.code,
            "expires_at": token.expires_at.isoformat(),
        },
    )
    return IssuedToken(token=token, key=key)


@transaction.atomic
def token_revoke(*, actor: Any, token: ApiToken) -> ApiToken:
    """Revokes the token at once (its next request is a 401). Revoking a revoked token changes nothing."""
    if actor.token_capabilities is not None:
        raise tokens_cannot_issue()
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.revoked_by = actor
        token.save(update_fields=["revoked_at", "revoked_by"])
        audit_record(
            action="token.revoke",
            actor=actor,
            subject_type="api_token",
            subject_id=token.pk,
            detail={"name": token.name, "user": token.user.username},
        )
    return token


def _count_use(token: ApiToken, now: dt.datetime, address: str | None) -> int:
    """Counts this request in the token's current minute and records the use; the count so far this minute."""
    window = now.replace(second=0, microsecond=0)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""UPDATE {ApiToken._meta.db_table}
                   SET window_count = CASE WHEN window_start = %s THEN window_count + 1 ELSE 1 END,
                       window_start = %s, last_used_at = %s, last_used_address = %s
                 WHERE id = %s
             RETURNING window_count""",
            [window, window, now, (address or "")[:45], token.pk],
        )
        row = cursor.fetchone()
    return int(row[0]) if row else 1


def token_authenticate(*, key: str, address: str | None) -> tuple[User, ApiToken, RateState]:
    """The user a key stands for, narrowed to the token; a 401 for an unknown, revoked or expired key or an inactive
    user, a 429 (RateLimit headers set by the caller from the state) over the token's rate."""
    token = ApiToken.objects.select_related("user__organisation", "organisation").filter(digest=key_digest(key)).first()
    if token is None:
        raise AuthenticationFailed(_("This API token is not known."), code="token_unknown")
    now = timezone.now()
    if token.revoked_at is not None:
        raise AuthenticationFailed(_("This API token was revoked."), code="token_revoked")
    if token.expires_at <= now:
        raise AuthenticationFailed(_("This API token has expired."), code="token_expired")
    user = token.user
    if not user.is_active:
        raise AuthenticationFailed(_("User not found"), code="user_not_found")
    if not token.organisation.path.startswith(user.organisation.path):  # the user has moved since
        raise AuthenticationFailed(_("This API token's organisation is no longer the user's."), code="token_revoked")
    count = _count_use(token, now, address)
    window_end = now.replace(second=0, microsecond=0) + dt.timedelta(minutes=1)
    reset = max(1, math.ceil((window_end - now).total_seconds()))
    state = RateState(
        limit=token.rate_limit,
        remaining=max(0, token.rate_limit - count),
        reset=reset,
        exceeded=count > token.rate_limit,
    )
    user.token_capabilities = frozenset(token.capabilities)
    user.token_organisation = token.organisation
    return user, token, state


def rate_exceeded(state: RateState) -> Throttled:
    return Throttled(wait=state.reset, detail=_("This API token's rate is used up for this minute."))
