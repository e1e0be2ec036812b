"""Accounts: one user belongs to exactly one organisation and holds roles."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone

from tmis.core.scope import ScopedQuerySet
from tmis.orgs.models import Organisation

from .roles import Role, capabilities_for


class UserQuerySet(ScopedQuerySet):
    scope_path_fields = ("organisation__path",)


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):  # type: ignore[misc]
    use_in_migrations = True

    def create_user(self, username: str, password: str | None = None, **fields: object) -> User:
        user = self.model(username=username, **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user


class User(AbstractBaseUser):
    username = models.CharField(max_length=64, unique=True)
    display_name = models.CharField(max_length=100, blank=True, default="")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="users")
    roles = ArrayField(models.CharField(max_length=16, choices=Role.choices), default=list, blank=True)
    is_active = models.BooleanField(default=True)
    is_demo = models.BooleanField(default=False, help_text="Demo logins work only while DEBUG or TMIS_DEMO is on.")
    date_joined = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1, help_text="Advanced by every change of the account (its ETag).")
    token_version = models.PositiveIntegerField(
        default=1,
        help_text="Carried in every token (claim `tv`); advancing it revokes all the user's access and refresh tokens.",
    )
    password_changed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the password was last set (expiry counts from here)."
    )
    password_must_change = models.BooleanField(
        default=False, help_text="The password was set by an administrator: the next login must change it."
    )
    password_temporary_until = models.DateTimeField(
        null=True, blank=True, help_text="A temporary password is refused after this moment."
    )
    totp_secret = models.CharField(
        max_length=64, blank=True, default="", help_text="Base32 TOTP secret; empty when no second factor."
    )
    totp_confirmed = models.BooleanField(default=False, help_text="The second factor is on (enrolment confirmed).")
    totp_last_counter = models.BigIntegerField(
        default=0, help_text="Time step of the last accepted code: a code is never accepted twice."
    )

    etag_version_field = "version"  # tmis.core.etag

    USERNAME_FIELD = "username"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        indexes = [models.Index(fields=["organisation", "username"], name="user_org_username_idx")]

    def __str__(self) -> str:
        return self.username

    #: Set on the request's user when an API token authenticated it (tmis.accounts.api_tokens): the token narrows what
    #: the user may do (its capabilities) and see (its organisation's subtree). Never stored.
    token_capabilities: frozenset[str] | None = None
    token_organisation: Organisation | None = None

    @property
    def scope_organisation(self) -> Organisation:
        """The organisation whose subtree this request sees: the token's when a token narrowed it, else the user's."""
        return self.token_organisation or self.organisation

    @property
    def scope_path(self) -> str | None:
        if self.token_organisation is not None:
            return self.token_organisation.path
        return self.organisation.path if self.organisation_id else None

    @property
    def capabilities(self) -> frozenset[str]:
        held = capabilities_for(self.roles)
        return held if self.token_capabilities is None else held & self.token_capabilities

    def has_capability(self, capability: str) -> bool:
        return self.is_active and capability in self.capabilities


class PasswordHistory(models.Model):
    """Hashes of a user's earlier passwords: the last TMIS_PASSWORD_HISTORY of them cannot be chosen again."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="password_history")
    password = models.CharField(max_length=128, help_text="The hash, as in User.password.")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["user", "-created_at"], name="pwhistory_user_idx")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.created_at:%Y-%m-%d}"


class RateLimitEntry(models.Model):
    """The table of the `rate_limit` cache (Django's DatabaseCache): login throttle counts shared by every worker
    process (each gunicorn worker's local memory counted its own 30/min). A model, so that migrations create it."""

    cache_key = models.CharField(max_length=255, primary_key=True)
    value = models.TextField()
    expires = models.DateTimeField(db_index=True)

    class Meta:
        db_table = "tmis_rate_limit_cache"

    def __str__(self) -> str:
        return self.cache_key


class LoginDelay(models.Model):
    """Failed logins of one counter (tmis.accounts.lockout): an account, an address, or an account at an address."""

    kind = models.CharField(max_length=8, help_text="account, address or pair.")
    key = models.CharField(max_length=200, help_text="The username, the address, or username@address.")
    username = models.CharField(max_length=64, blank=True, default="", help_text="Empty for an address counter.")
    address = models.CharField(max_length=45, blank=True, default="", help_text="Empty for an account counter.")
    failures = models.PositiveIntegerField(default=0)
    last_failure_at = models.DateTimeField()
    locked_until = models.DateTimeField(null=True, blank=True, help_text="No attempt is checked before this moment.")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="login_delay_kind_key_uniq")]
        indexes = [models.Index(fields=["username"], name="login_delay_username_idx")]

    def __str__(self) -> str:
        return f"{self.kind} {self.key}"


class KnownLoginAddress(models.Model):
    """An address the account logged in from: exempt from the account-wide delay for a while (lockout)."""

    username = models.CharField(max_length=64)
    address = models.CharField(max_length=45)
    last_success_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["username", "address"], name="known_address_uniq")]

    def __str__(self) -> str:
        return f"{self.username}@{self.address}"


class ApiToken(models.Model):
    """A machine credential (tmis.accounts.api_tokens): sent as `Authorization: Token <key>`, it acts as its user,
    narrowed to its capabilities and its organisation's subtree. Only the key's SHA-256 is kept; the key is shown
    once, when the token is created."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=16, help_text="The key's first characters, to recognise it in lists.")
    digest = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the key, hex.")
    capabilities = ArrayField(models.CharField(max_length=32), default=list)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    expires_at = models.DateTimeField()
    rate_limit = models.PositiveIntegerField(default=600, help_text="Requests per minute.")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    last_used_at = models.DateTimeField(null=True, blank=True)
    last_used_address = models.CharField(max_length=45, blank=True, default="")
    window_start = models.DateTimeField(null=True, blank=True, help_text="The minute the rate counter counts.")
    window_count = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["user", "-created_at"], name="apitoken_user_idx")]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
