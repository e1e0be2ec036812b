"""What the auditor's screen calls the events this app records (tmis.audit.actions)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tmis.audit.actions import SUBJECTS, register_action

register_action("change.create", _("Teacher change applied for"))
register_action("teacher.lookup", _("Teacher looked up by ID document"))
SUBJECTS.setdefault("teacher_change", _("Teacher change"))
