"""What the auditor's screen calls the events this app records (tmis.audit.actions; never the code)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tmis.audit.actions import register_action

ACCOUNT_ACTIONS = {
    "auth.login": _("Logged in"),
    "auth.login_failed": _("Login failed"),
    "auth.lockout": _("Login locked after failures"),
    "auth.logout": _("Logged out"),
    "auth.tokens_revoked": _("Sessions revoked"),
    "auth.password_change": _("Password changed"),
    "auth.password_reset": _("Password reset by an administrator"),
    "auth.totp_enrol": _("Second factor turned on"),
    "auth.totp_disable": _("Second factor turned off"),
    "auth.totp_reset": _("Second factor reset by an administrator"),
    "user.roles_change": _("Roles changed"),
    "user.activation_change": _("Account activated or deactivated"),
    "user.unlock": _("Login delays cleared by an administrator"),
    "token.create": _("API token created"),
    "token.revoke": _("API token revoked"),
}


def register() -> None:
    for key, label in ACCOUNT_ACTIONS.items():
        register_action(key, label)
