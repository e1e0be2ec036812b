"""What the auditor's screen calls the events this app records (tmis.audit.actions)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tmis.audit.actions import SUBJECTS, register_action

register_action("headcount.set", _("Statistics headcount entered"))
register_action("headcount.delete", _("Statistics headcount removed"))
register_action("headcount.import", _("Statistics headcounts imported"))
SUBJECTS.setdefault("headcount", _("Statistics headcount"))
