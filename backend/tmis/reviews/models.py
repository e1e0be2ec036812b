"""The one review engine (ARCHITECTURE §7): per province and kind, the ordered levels that approve; a Submission
moves through them one Decision at a time. Subjects (a teacher's archive, a change request, later transfers,
training credits, rotation) plug in through `tmis.reviews.registry`; the engine knows none of them."""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tmis.core.scope import ScopedQuerySet
from tmis.orgs.models import Organisation

from . import registry

#: Levels in the order a submission climbs them (defined with the registry of kinds).
LEVEL_ORDER = registry.LEVEL_ORDER


class State(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_STATES = (State.SUBMITTED, State.IN_REVIEW)


class ReviewFlow(models.Model):
    """A province's chain for one kind. Submissions copy the chain when they start, so a change applies to new
    submissions only."""

    province = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30, help_text="A registered subject kind (`tmis.reviews.registry`).")
    levels = ArrayField(models.CharField(max_length=10))
    updated_by = models.ForeignKey("accounts.User", null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    etag_version_field = "updated_at"  # tmis.core.etag; a chain still at its default has no row: "default"

    class Meta:
        constraints = [models.UniqueConstraint(fields=["province", "kind"], name="review_flow_once")]

    def __str__(self) -> str:
        return f"{self.kind}: {' → '.join(self.levels)}"


class SubmissionQuerySet(ScopedQuerySet):
    #: the origin's subtree, and for a two-sided chain (a transfer) the second origin's subtree too
    scope_path_fields = ("org_path", "second_path")


class Submission(models.Model):
    kind = models.CharField(max_length=30, help_text="A registered subject kind (`tmis.reviews.registry`).")
    subject_type = models.CharField(max_length=30, help_text="What is reviewed, e.g. `teacher`.")
    subject_id = models.BigIntegerField()
    subject_label = models.CharField(max_length=100, help_text="For queues: e.g. the teacher's name.")
    school = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    org_path = models.CharField(max_length=255, db_collation="C", help_text="The school's path (scope).")
    second_path = models.CharField(
        max_length=255,
        db_collation="C",
        blank=True,
        default="",
        help_text="A two-sided chain (a transfer): the second origin's path, whose subtree sees the item too.",
    )
    step_levels = ArrayField(models.CharField(max_length=10), help_text="The chain, copied at submission.")
    step_orgs = ArrayField(models.BigIntegerField(), help_text="The organisation deciding each step.")
    current_step = models.PositiveSmallIntegerField(default=0)
    current_org = models.ForeignKey(
        Organisation, null=True, on_delete=models.PROTECT, related_name="+", help_text="Who decides now."
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.SUBMITTED)
    round = models.PositiveSmallIntegerField(default=1, help_text="1, then +1 for each resubmission.")
    payload = models.JSONField(default=dict, blank=True, help_text="Change requests: the diff and its base.")
    submitted_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    return_reason = models.CharField(max_length=500, blank=True, default="")

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(
                fields=["current_org", "submitted_at"], name="submission_queue_idx", condition=Q(state__in=OPEN_STATES)
            ),
            models.Index(fields=["subject_type", "subject_id", "id"], name="submission_subject_idx"),
            models.Index(fields=["submitted_by", "submitted_at"], name="submission_mine_idx"),
            models.Index(fields=["second_path"], name="submission_second_path_idx", condition=~Q(second_path="")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["subject_type", "subject_id"], condition=Q(state__in=OPEN_STATES), name="one_open_submission"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.state})"


class Action(models.TextChoices):
    SUBMIT = "submit", _("Submitted")
    APPROVE = "approve", _("Approved")
    RETURN = "return", _("Returned")
    WITHDRAW = "withdraw", _("Withdrawn")


class Decision(models.Model):
    """One event of a submission's history: each submit, approval, return and withdrawal, with who and when."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="decisions")
    round = models.PositiveSmallIntegerField()
    step = models.PositiveSmallIntegerField(null=True, help_text="The step decided (approve / return).")
    level = models.CharField(max_length=10, blank=True, default="")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The organisation of the step decided; of the submitter for a submit or withdraw.",
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    actor = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=500, blank=True, default="")
    at = models.DateTimeField()
    by_proxy = models.BooleanField(
        default=False, help_text="Decided by a level above because the step's organisation had no active reviewer."
    )
    acting_organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The organisation that decided by proxy (null when the step's own organisation decided).",
    )

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            # Single use: one decision per step of a round, so two reviewers racing yield one decision.
            models.UniqueConstraint(
                fields=["submission", "round", "step"],
                condition=Q(action__in=["approve", "return"]),
                name="one_decision_per_step",
            )
        ]

    def __str__(self) -> str:
        return f"{self.action} of submission {self.submission_id} (round {self.round}, step {self.step})"


#: Days an open item may wait before it is overdue, where a province has not set its own.
DEFAULT_OVERDUE_DAYS = 7


class ReviewSettings(models.Model):
    """A province's review settings: after how many days an open item counts as overdue (flagged upwards)."""

    province = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="+")
    overdue_days = models.PositiveSmallIntegerField(default=DEFAULT_OVERDUE_DAYS)
    updated_by = models.ForeignKey("accounts.User", null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    etag_version_field = "updated_at"

    def __str__(self) -> str:
        return f"{self.province_id}: {self.overdue_days} d"
