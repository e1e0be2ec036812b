"""Teacher changes (教师变动, DOMAIN §4 and decision 5): transfers, temporary states (secondment, leave …), leaving and
return. Each change is one row, reviewed through the engine (`tmis.reviews`); it touches the archive only when the
last level approves. The row is also what the sending school keeps of a teacher who transferred out."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tmis.core.scope import ScopedQuerySet
from tmis.orgs.models import Organisation
from tmis.reviews.models import State


class Kind(models.TextChoices):
    TRANSFER = "transfer", _("Transfer")
    SECONDMENT = "secondment", _("Secondment")
    LEAVE = "leave", _("Leave")
    RETIRE = "retire", _("Retirement")
    RETIRE_CADRE = "retire_cadre", _("Retirement (veteran cadre)")
    RESIGN = "resign", _("Resignation")
    LEAVE_JOB = "leave_job", _("Leaving the post")
    DISMISS = "dismiss", _("Dismissal")
    CONTRACT_END = "contract_end", _("End of contract")
    DEATH = "death", _("Death")
    MISSING = "missing", _("Whereabouts unknown")
    RETURN = "return", _("Return")


#: A change's state is its review's (the engine's states: submitted, in review, approved, returned, withdrawn).
ChangeState = State


class ChangeQuerySet(ScopedQuerySet):
    #: both sides: the subtree of the school the teacher belonged to when the change was made, and of the school a
    #: transfer goes to
    scope_path_fields = ("from_path", "to_path")


class TeacherChange(models.Model):
    kind = models.CharField(max_length=15, choices=Kind.choices)
    state = models.CharField(max_length=10, choices=ChangeState.choices, default=ChangeState.SUBMITTED)
    teacher = models.ForeignKey("teachers.Teacher", on_delete=models.PROTECT, related_name="+")
    teacher_no = models.CharField(max_length=16, db_collation="C")
    teacher_name = models.CharField(max_length=50)
    name_masked = models.CharField(max_length=50, help_text="What the receiving side sees before completion.")
    from_school = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    from_path = models.CharField(max_length=255, db_collation="C")
    to_school = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    to_path = models.CharField(max_length=255, db_collation="C", blank=True, default="")
    effective_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    reason = models.CharField(max_length=500)
    personnel_status = models.CharField(
        max_length=3, blank=True, default="", help_text="人员状态 the change sets (secondment, leave)."
    )
    employment_status = models.CharField(
        max_length=2, blank=True, default="", help_text="教职工当前状态 the change sets (leaving, return)."
    )
    submission = models.OneToOneField(
        "reviews.Submission", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True, help_text="A temporary state ended (end date or return).")

    objects = ChangeQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["from_path", "id"], name="change_from_idx"),
            models.Index(fields=["to_path", "id"], name="change_to_idx", condition=~Q(to_path="")),
            models.Index(fields=["teacher", "id"], name="change_teacher_idx"),
            # The daily job: approved temporary states whose end date has come.
            models.Index(
                fields=["end_date"],
                name="change_ending_idx",
                condition=Q(state="approved", ended_at__isnull=True, end_date__isnull=False),
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["teacher"], condition=Q(state__in=["submitted", "in_review"]), name="one_open_change"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} of {self.teacher_no} ({self.state})"

    @property
    def two_sided(self) -> bool:
        return self.to_school_id is not None and self.to_school_id != self.from_school_id
