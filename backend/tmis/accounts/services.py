"""Account writes: who may create whom, with which roles, where."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import status

from tmis.audit.services import audit_record
from tmis.core.errors import AppError, field_error
from tmis.core.etag import Precondition, lock_current
from tmis.orgs.models import Level, Organisation
from tmis.orgs.selectors import organisation_in_scope

from .models import PasswordHistory, User
from .roles import SEPARATED_ROLES, Role, grantable_by
from .sessions import tokens_revoke
from .totp import totp_reset


def roles_not_assignable() -> AppError:
    """403: roles are given only by someone with `roles.assign` (三员分立: not the system administrator)."""
    return AppError(
        _("Roles are assigned by the security administrator."),
        code="roles_not_assignable",
        status_code=status.HTTP_403_FORBIDDEN,
    )


def self_change_forbidden() -> AppError:
    """403: an administrator's recovery actions are for others; one's own password changes on the profile page."""
    return AppError(
        _("Change your own password on your profile page."),
        code="self_change_forbidden",
        status_code=status.HTTP_403_FORBIDDEN,
    )


def _check_roles(actor: Any, roles: Sequence[str]) -> list[str]:
    roles = list(dict.fromkeys(roles))
    if not actor.has_capability("roles.assign"):
        # 三员分立: whoever opens accounts without `roles.assign` (the system administrator) opens them without roles;
        # the security administrator gives them their roles. Otherwise a sysadmin could open a filler's account with a
        # password of their own choosing and read teacher data through it.
        if roles:
            raise roles_not_assignable()
        return []
    if not roles:
        raise field_error("roles", "required", _("Give the user at least one role."))
    allowed = grantable_by(actor.roles)
    beyond = [role for role in roles if role not in allowed]
    if beyond:
        raise field_error(
            "roles",
            "role_not_grantable",
            _("You cannot grant the role(s): %(roles)s.") % {"roles": ", ".join(beyond)},
        )
    if len(set(roles) & SEPARATED_ROLES) and len(roles) > 1:
        raise field_error(
            "roles", "roles_separated", _("System, security and audit administrators hold no other role.")
        )
    return roles


def _check_password(password: str, user: User | None = None, field: str = "password") -> None:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise AppError(
            _("The submitted data is invalid."),
            errors={
                field: [
                    {"code": e.code or "invalid", "message": str(e.message % (e.params or {}))} for e in exc.error_list
                ]
            },
        ) from exc


def set_password(user: User, password: str) -> None:
    """Set (caller saves) and remember the hash: the history validator refuses the last few again."""
    user.set_password(password)
    user.password_changed_at = timezone.now()
    if user.pk:
        PasswordHistory.objects.create(user=user, password=user.password, created_at=user.password_changed_at)


def _resolve_organisation(actor: Any, code: str) -> Organisation:
    organisation = organisation_in_scope(user=actor, code=code)
    if organisation is None:
        raise field_error("organisation", "not_found", _("No organisation with this code in your scope."))
    return organisation


def _check_role_level(roles: Sequence[str], organisation: Organisation) -> None:
    if Role.TEACHER in roles and organisation.level != Level.SCHOOL:
        raise field_error("roles", "teacher_needs_school", _("A teacher account belongs to a school."))


def ensure_manageable(actor: Any, user: User) -> None:
    if not set(user.roles) <= grantable_by(actor.roles):
        raise AppError(
            _("You cannot manage a user whose roles you cannot grant."),
            code="user_not_manageable",
            status_code=status.HTTP_403_FORBIDDEN,
        )


@transaction.atomic
def user_create(
    *,
    actor: Any,
    username: str,
    password: str,
    organisation_code: str,
    roles: Sequence[str],
    display_name: str = "",
    is_demo: bool = False,
) -> User:
    organisation = _resolve_organisation(actor, organisation_code)
    roles = _check_roles(actor, roles)
    _check_role_level(roles, organisation)
    user = User(
        username=username.strip(),
        display_name=display_name.strip(),
        organisation=organisation,
        roles=roles,
        is_demo=is_demo,
        # Whoever opens the account chose its password: the owner replaces it at the first login (demo accounts
        # excepted: everyone logs in with them).
        password_must_change=not is_demo,
    )
    _check_password(password, user)
    user.set_password(password)
    user.password_changed_at = timezone.now()
    try:
        with transaction.atomic():
            user.save()
            PasswordHistory.objects.create(user=user, password=user.password, created_at=user.password_changed_at)
    except IntegrityError as exc:
        raise AppError(
            _("The username %(username)s is taken.") % {"username": username},
            code="duplicate_username",
            status_code=status.HTTP_409_CONFLICT,
            errors={"username": [{"code": "duplicate", "message": _("This username is taken.")}]},
        ) from exc
    return user


@transaction.atomic
def user_update(
    *,
    actor: Any,
    user: User,
    display_name: str | None = None,
    roles: Sequence[str] | None = None,
    is_active: bool | None = None,
    password: str | None = None,
    precondition: Precondition | None = None,
) -> User:
    lock_current(user, precondition)  # If-Match, compared under the row lock
    ensure_manageable(actor, user)
    if roles is not None and set(roles) != set(user.roles) and not actor.has_capability("roles.assign"):
        raise roles_not_assignable()
    if roles is not None and set(roles) == set(user.roles):
        roles = None  # the same roles sent back by a form: nothing to check or change
    if user.pk == actor.pk and (roles is not None or is_active is False):
        raise AppError(
            _("You cannot change your own roles or deactivate yourself."),
            code="self_change_forbidden",
            status_code=status.HTTP_403_FORBIDDEN,
        )
    revoke: list[str] = []
    if display_name is not None:
        user.display_name = display_name.strip()
    if roles is not None:
        before = list(user.roles)
        user.roles = _check_roles(actor, roles)
        _check_role_level(user.roles, user.organisation)
        if set(before) != set(user.roles):
            revoke.append("roles_change")
            audit_record(
                action="user.roles_change",
                actor=actor,
                subject_type="user",
                subject_id=user.pk,
                detail={"username": user.username, "before": before, "after": list(user.roles)},
            )
    if is_active is not None and is_active != user.is_active:
        user.is_active = is_active
        revoke.append("activation_change")
        audit_record(
            action="user.activation_change",
            actor=actor,
            subject_type="user",
            subject_id=user.pk,
            detail={"username": user.username, "is_active": is_active},
        )
    if password:
        _check_password(password, user)
        set_password(user, password)
        user.password_must_change = not user.is_demo  # the owner replaces what the administrator chose
        revoke.append("password_reset")
        audit_record(
            action="auth.password_reset",
            actor=actor,
            subject_type="user",
            subject_id=user.pk,
            detail={"username": user.username},
        )
    if revoke:
        tokens_revoke(user=user, actor=actor, reason=",".join(revoke), save=False)
    user.version += 1
    user.save()
    return user


@transaction.atomic
def password_change(*, user: User, old_password: str, new_password: str) -> User:
    """The user changes their own password (knowing the old one): every session of theirs ends, the caller issues
    a new one."""
    user = User.objects.select_for_update().select_related("organisation").get(pk=user.pk)
    if not user.check_password(old_password):
        raise field_error("old_password", "wrong_password", _("The current password is wrong."))
    if old_password == new_password:
        raise field_error("new_password", "password_unchanged", _("The new password must differ from the current one."))
    _check_password(new_password, user, field="new_password")
    set_password(user, new_password)
    user.password_must_change = False
    user.password_temporary_until = None
    tokens_revoke(user=user, actor=user, reason="password_change", save=False)
    user.version += 1
    user.save()
    audit_record(action="auth.password_change", actor=user, subject_type="user", subject_id=user.pk)
    return user


def user_totp_reset(*, actor: Any, user: User) -> None:
    """An admin who may manage the user removes their second factor (see tmis.accounts.totp.totp_reset)."""
    ensure_manageable(actor, user)
    if user.pk == actor.pk:
        raise AppError(
            _("Turn your own second factor off on your profile page."),
            code="self_change_forbidden",
            status_code=status.HTTP_403_FORBIDDEN,
        )
    totp_reset(actor=actor, user=user)
