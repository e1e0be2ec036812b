"""What the auditor's screen calls the events this app records (tmis.audit.actions)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tmis.audit.actions import SUBJECTS, register_action

register_action("training.programme_create", _("Training programme created"))
register_action("training.programme_update", _("Training programme changed"))
register_action("training.programme_delete", _("Training programme deleted"))
register_action("training.completions_import", _("Programme list uploaded"))
register_action("training.completions_confirm", _("Programme completions confirmed"))
register_action("training.claim_evidence", _("Training claim evidence attached"))
register_action("training.claim_correct", _("Training claim corrected"))
register_action("training.rules_set", _("Training rules changed"))
register_action("training.transcript_download", _("Training transcript downloaded"))
SUBJECTS.setdefault("training_programme", _("Training programme"))
SUBJECTS.setdefault("training_claim", _("Training claim"))
SUBJECTS.setdefault("training_rules", _("Training rules"))
