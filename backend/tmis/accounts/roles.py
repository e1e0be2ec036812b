"""Roles, the capabilities they grant, and which roles a manager may hand out (ARCHITECTURE §4).

Capabilities are what views declare (`permission = "orgs.view"`); roles are what admins assign.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    FILLER = "filler", _("Filler")
    REVIEWER = "reviewer", _("Reviewer")
    ADMIN = "admin", _("Administrator")
    VIEWER = "viewer", _("Viewer")
    SYSADMIN = "sysadmin", _("System administrator")
    SECADMIN = "secadmin", _("Security administrator")
    AUDITOR = "auditor", _("Security auditor")
    SERVICE = "service", _("Service account")
    TEACHER = "teacher", _("Teacher")


#: Review capabilities: `reviews.view` (the review items and progress in one's scope), `reviews.submit` (submit and
#: withdraw one's own items), `reviews.decide` (the queue, approve, return). A subject kind may name its own
#: capabilities in `tmis.reviews.registry.SubjectKind`.
#:
#: 三员分立 (GB/T 22239-2019 level 3, docs/SECURITY-audit.md): three administrators, none of whom sees teacher data.
#: - `sysadmin` (系统管理员): accounts (open, rename, deactivate — `users.manage`) and configuration (organisations,
#:   the province catalogue, review chains — `orgs.manage`, `catalog.manage`). Opens an account with the roles the
#:   organisation asked for; changing the roles of an existing account is not theirs (`roles.assign`).
#: - `secadmin` (安全管理员): roles and permissions (`roles.assign`: `PUT /users/{id}/roles/`), the security settings
#:   (`security.view`), the full-ID alerts, and account recovery: clearing login delays and issuing temporary
#:   passwords (`users.unlock`; a business administrator holds it for its subtree too).
#:   The secadmin also issues and revokes the API tokens of service accounts in its subtree (`tokens.manage`).
#: - `auditor` (审计管理员): reads the audit trail (`audit.view`) and nothing else (their own profile).
#:
#: Work plans and working groups (`tmis.workplans`): `workplans.view` with `reports.view`; `workplans.manage` (file the
#: own organisation's plan and group) for the business administrator.
#:
#: Training credits (`tmis.training`): `training.view` (programmes, claims, compliance, transcripts) for every business
#: role but the teacher; `training.claim` (file claims for the teachers of one's scope) for the filler; deciding claims
#: is `reviews.decide`; `training.manage` (run programmes, confirm completion lists, correct approved claims, set the
#: province's rules) for the business administrator.
#:
#: Exchange rotation (`tmis.rotation`): `rotation.view` (eligibility lists, plans, assignments, targets) for every
#: business role but the teacher; `rotation.manage` (a county's plan and its assignments, the province's rules) for the
#: business administrator; deciding a plan is `reviews.decide`.
CAPABILITIES: dict[str, frozenset[str]] = {
    Role.FILLER: frozenset(
        {
            "orgs.view",
            "teachers.view",
            "teachers.change",
            "teachers.view_id",
            "reviews.view",
            "reviews.submit",
            "reports.view",
            "quality.view",
            "workplans.view",
            "training.view",
            "training.claim",
            "rotation.view",
        }
    ),
    Role.REVIEWER: frozenset(
        {
            "orgs.view",
            "teachers.view",
            "reviews.decide",
            "teachers.view_id",
            "reviews.view",
            "reports.view",
            "quality.view",
            "workplans.view",
            "training.view",
            "rotation.view",
        }
    ),
    Role.VIEWER: frozenset(
        {
            "orgs.view",
            "teachers.view",
            "reports.view",
            "reviews.view",
            "quality.view",
            "workplans.view",
            "training.view",
            "rotation.view",
        }
    ),
    # The business administrator of a level (管理): the accounts and roles of its subtree, as delegated downwards.
    Role.ADMIN: frozenset(
        {
            "orgs.view",
            "orgs.manage",
            "users.view",
            "users.manage",
            "users.unlock",
            "roles.assign",
            "teachers.view",
            "reports.view",
            "reports.snapshot",
            "headcounts.manage",
            "quality.view",
            "workplans.view",
            "workplans.manage",
            "training.view",
            "training.manage",
            "rotation.view",
            "rotation.manage",
            "catalog.manage",
            "reviews.view",
        }
    ),
    Role.SYSADMIN: frozenset({"orgs.view", "orgs.manage", "users.view", "users.manage", "catalog.manage"}),
    Role.SECADMIN: frozenset(
        {"orgs.view", "users.view", "users.unlock", "roles.assign", "security.view", "tokens.manage"}
    ),
    Role.AUDITOR: frozenset({"audit.view"}),
    Role.SERVICE: frozenset({"orgs.view", "teachers.view", "sync.pull", "reviews.view"}),
    Role.TEACHER: frozenset({"self.view"}),
}

BUSINESS_ROLES = frozenset({Role.ADMIN, Role.REVIEWER, Role.FILLER, Role.VIEWER, Role.TEACHER})
#: 三员分立: the three separated administrators never share an account with each other or business roles.
SEPARATED_ROLES = frozenset({Role.SYSADMIN, Role.SECADMIN, Role.AUDITOR})
#: Capabilities that reach teacher data; none of the three separated administrators holds one (a test checks it).
TEACHER_DATA_CAPABILITIES = frozenset(
    {
        "teachers.view",
        "teachers.change",
        "teachers.view_id",
        "reviews.view",
        "reviews.submit",
        "reviews.decide",
        "quality.view",  # the worklist names teachers
        "training.view",  # claims, transcripts and compliance lists name teachers
        "training.claim",
        "rotation.view",  # eligibility lists and plans name teachers
        "rotation.manage",
    }
)

#: Which roles each managing role may grant (and so whose accounts it manages). No one grants a role above their own
#: through the API; the three separated administrators are created with the `create_user` management command.
GRANTABLE: dict[str, frozenset[str]] = {
    Role.ADMIN: BUSINESS_ROLES,
    Role.SYSADMIN: BUSINESS_ROLES | {Role.SERVICE},
    Role.SECADMIN: BUSINESS_ROLES | {Role.SERVICE},
}


def separation_conflict(roles: Iterable[str]) -> bool:
    """Whether a set of roles breaks 三员分立: a separated administrator's role together with any other role."""
    held = set(roles)
    return bool(held & SEPARATED_ROLES) and len(held) > 1


def capabilities_for(roles: Iterable[str]) -> frozenset[str]:
    out: set[str] = set()
    for role in roles:
        out |= CAPABILITIES.get(role, frozenset())
    return frozenset(out)


def grantable_by(roles: Iterable[str]) -> frozenset[str]:
    out: set[str] = set()
    for role in roles:
        out |= GRANTABLE.get(role, frozenset())
    return frozenset(out)
