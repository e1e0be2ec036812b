"""What each audit action and subject is called (shown to the auditor, never the code). An app that records an action
of its own may register its label here (`register_action`) from its AppConfig.ready(); an unknown action shows its
code."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

ACTIONS: dict[str, Promise | str] = {
    # personal data
    "teacher.id_number.view": _("Full ID number viewed"),
    "teachers.export": _("Teachers exported"),
    # imports
    "import.start": _("Import started"),
    "import.finish": _("Import finished"),
    # review decisions
    "review.submit": _("Submitted for review"),
    "review.approve": _("Review approved"),
    "review.return": _("Review returned"),
    "review.withdraw": _("Submission withdrawn"),
    # configuration
    "catalog.draft_save": _("Catalogue draft saved"),
    "catalog.draft_discard": _("Catalogue draft discarded"),
    "catalog.publish": _("Catalogue published"),
    "flow.update": _("Review chain changed"),
    "org.create": _("Organisation created"),
    "org.update": _("Organisation changed"),
    "org.move": _("Organisation moved"),
    "org.close": _("Organisation closed"),
    # the audit trail itself
    "audit.export": _("Audit log exported"),
    "audit.purge": _("Audit log purged"),
    "audit.full_id_alert": _("Full-ID alert raised"),
}

SUBJECTS: dict[str, Promise | str] = {
    "teacher": _("Teacher"),
    "export": _("Export"),
    "import": _("Import"),
    "submission": _("Review item"),
    "catalogue": _("Catalogue"),
    "flow": _("Review chain"),
    "organisation": _("Organisation"),
    "user": _("Account"),
    "audit": _("Audit log"),
}


def register_action(key: str, label: Promise | str) -> None:
    ACTIONS[key] = label


def action_label(key: str) -> str:
    return str(ACTIONS.get(key, key))


def subject_label(key: str) -> str:
    return str(SUBJECTS.get(key, key)) if key else ""
