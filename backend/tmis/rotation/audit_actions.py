"""What the auditor's screen calls the events this app records (tmis.audit.actions)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tmis.audit.actions import SUBJECTS, register_action

register_action("rotation.plan_create", _("Rotation plan created"))
register_action("rotation.plan_delete", _("Rotation plan deleted"))
register_action("rotation.assignment_add", _("Rotation assignment added"))
register_action("rotation.assignment_change", _("Rotation assignment changed"))
register_action("rotation.assignment_remove", _("Rotation assignment removed"))
register_action("rotation.rules_set", _("Rotation rules changed"))
SUBJECTS.setdefault("rotation_plan", _("Rotation plan"))
SUBJECTS.setdefault("rotation_assignment", _("Rotation assignment"))
SUBJECTS.setdefault("rotation_rules", _("Rotation rules"))
