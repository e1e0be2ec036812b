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
    scope_path_field = "organisation__path"


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

    etag_version_field = "version"  # tmis.core.etag

    USERNAME_FIELD = "username"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        indexes = [models.Index(fields=["organisation", "username"], name="user_org_username_idx")]

    def __str__(self) -> str:
        return self.username

    @property
    def scope_path(self) -> str | None:
        return self.organisation.path if self.organisation_id else None

    @property
    def capabilities(self) -> frozenset[str]:
        return capabilities_for(self.roles)

    def has_capability(self, capability: str) -> bool:
        return self.is_active and capability in self.capabilities
