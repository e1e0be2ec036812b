"""Role assignment under 三员分立 (docs/SECURITY-audit.md).

- The security administrator (and a business administrator inside its subtree) assigns roles: `user_roles_assign`,
  behind `PUT /users/{id}/roles/` (`roles.assign`). It goes through `services.user_update`, so that a role change
  meets the same rules (grantable roles, manageable accounts, no change of one's own roles, the If-Match check) and
  the same consequences (token revocation, the audit event) as every other account change.
- The system administrator opens and deactivates accounts (`users.manage`) but gives no roles: an account it opens
  has none (and so reaches nothing) until the security administrator assigns them; `services.user_create` and
  `services.user_update` refuse roles from anyone without `roles.assign`, and `role_change_check` guards the PUT.
- The three separated administrators are created outside the API only (`create_user`, the demo loader):
  `separated_admin_create`, which refuses any second role.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tmis.core.errors import field_error
from tmis.core.etag import Precondition
from tmis.orgs.models import Organisation

from .models import User
from .roles import separation_conflict
from .services import roles_not_assignable, user_update


def role_change_check(*, actor: Any) -> None:
    """403 unless the actor may change roles of existing accounts (the system administrator may not)."""
    if not actor.has_capability("roles.assign"):
        raise roles_not_assignable()


def user_roles_assign(
    *, actor: Any, user: User, roles: Sequence[str], precondition: Precondition | None = None
) -> User:
    role_change_check(actor=actor)
    return user_update(actor=actor, user=user, roles=roles, precondition=precondition)


@transaction.atomic
def separated_admin_create(
    *,
    username: str,
    password: str,
    organisation: Organisation,
    roles: Sequence[str],
    display_name: str = "",
    is_demo: bool = False,
) -> User:
    """Create an account from the command line; a separated administrator's role is the account's only role."""
    roles = list(dict.fromkeys(roles))
    if separation_conflict(roles):
        raise field_error(
            "roles", "roles_separated", _("System, security and audit administrators hold no other role.")
        )
    if not roles:
        raise field_error("roles", "required", _("Give the user at least one role."))
    user = User.objects.create_user(
        username, password, organisation=organisation, roles=roles, display_name=display_name, is_demo=is_demo
    )
    return user
