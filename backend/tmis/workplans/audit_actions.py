"""What the auditor's screen calls the events this app records (tmis.audit.actions)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tmis.audit.actions import SUBJECTS, register_action

register_action("workplan.create", _("Work plan created"))
register_action("workplan.update", _("Work plan changed"))
register_action("workplan.delete", _("Work plan deleted"))
register_action("milestone.create", _("Milestone added"))
register_action("milestone.update", _("Milestone changed"))
register_action("milestone.delete", _("Milestone deleted"))
register_action("groupmember.create", _("Working-group member added"))
register_action("groupmember.update", _("Working-group member changed"))
register_action("groupmember.delete", _("Working-group member removed"))
SUBJECTS.setdefault("work_plan", _("Work plan"))
SUBJECTS.setdefault("milestone", _("Milestone"))
SUBJECTS.setdefault("group_member", _("Working-group member"))
