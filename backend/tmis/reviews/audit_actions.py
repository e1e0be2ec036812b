"""What the auditor's screen calls the events this app records beyond the shared ones (tmis.audit.actions)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tmis.audit.actions import SUBJECTS, register_action


def register() -> None:
    register_action("review_settings.update", _("Review settings changed"))
    SUBJECTS.setdefault("review_settings", _("Review settings"))
