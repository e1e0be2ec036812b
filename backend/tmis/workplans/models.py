"""Deployment work plans (附件1) with their milestones, and working groups (附件2, decision 9).

Both belong to one organisation and are *visible upwards*: the organisation itself, every unit below it (its subtree,
the one scope rule of ARCHITECTURE §3) and every unit above it (the Ministry reads every province's plan; a county
reads its province's). Only the owning organisation's administrators change them (services.py)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tmis.core.scope import ScopedQuerySet


def ancestor_paths(path: str) -> list[str]:
    """The materialised paths above `path` (itself excluded): /000000/620000/620100/ → /000000/, /000000/620000/."""
    codes = [code for code in path.strip("/").split("/") if code]
    return ["/" + "/".join(codes[:n]) + "/" for n in range(1, len(codes))]


class UpwardsQuerySet(ScopedQuerySet):
    """`visible_to(user)`: the rows of the caller's subtree (the one scope rule) and of the organisations above it."""

    scope_path_fields = ("organisation__path",)

    @classmethod
    def upwards_condition(cls, path: str) -> Q:
        """In the subtree of `path`, or owned by an organisation above it."""
        return cls.scope_condition(path) | Q(**{f"{cls.scope_path_fields[0]}__in": ancestor_paths(path)})

    def visible_to(self, user: object) -> UpwardsQuerySet:
        path = (
            getattr(user, "scope_path", None) if user is not None and getattr(user, "is_authenticated", False) else None
        )
        if not path:
            return self.none()
        return self.filter(self.upwards_condition(path))


class WorkPlan(models.Model):
    """An organisation's deployment work plan for a year (one per organisation and year)."""

    organisation = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(help_text="The year the plan deploys the system in.")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, default="", max_length=5000, help_text="Notes, aims, arrangements.")
    created_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    etag_version_field = "updated_at"
    objects = UpwardsQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], name="workplan_one_per_year")]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"


class MilestoneQuerySet(UpwardsQuerySet):
    scope_path_fields = ("plan__organisation__path",)


class Milestone(models.Model):
    """A step of a plan: due by a date, done on a date (null: not yet). Overdue = due before today, not done."""

    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=200)
    due_date = models.DateField()
    done_date = models.DateField(null=True, blank=True)
    owner = models.CharField(
        max_length=100, blank=True, default="", help_text="Who answers for it: a person or office."
    )
    sort_order = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    etag_version_field = "updated_at"
    objects = MilestoneQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["due_date"], name="milestone_open_due_idx", condition=Q(done_date__isnull=True)),
        ]

    def __str__(self) -> str:
        return self.title


class GroupRole(models.TextChoices):
    LEADER = "leader", _("Group leader")
    DEPUTY = "deputy", _("Deputy leader")
    LIAISON = "liaison", _("Liaison")
    TECHNICAL = "technical", _("Technical lead")
    MEMBER = "member", _("Member")


class GroupMember(models.Model):
    """One member of an organisation's working group (附件2)."""

    organisation = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=50)
    unit = models.CharField(max_length=100, blank=True, default="", help_text="单位: where the member works.")
    post = models.CharField(max_length=100, blank=True, default="", help_text="职务.")
    role = models.CharField(max_length=10, choices=GroupRole.choices, default=GroupRole.MEMBER)
    office_phone = models.CharField(max_length=30, blank=True, default="")
    mobile = models.CharField(max_length=20, blank=True, default="")
    email = models.EmailField(max_length=100, blank=True, default="")
    sort_order = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    etag_version_field = "updated_at"
    objects = UpwardsQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["organisation", "sort_order", "id"], name="groupmember_org_idx")]

    def __str__(self) -> str:
        return f"{self.name} ({self.role})"
