"""Exchange rotation (交流轮岗, DOMAIN §5 and decision 7): each province's rules, a county's yearly plan of
assignments (reviewed county → city by the engine's `rotation_plan` kind), and the per-school tallies of eligible
teachers that the targets read.

- `RotationRules` are a province's rules, versioned: every change is a new row; the highest version is in force.
- A `Plan` is one county's plan for one school year; its `Assignment`s move a teacher from one school to another
  for a period. An assignment is seen from both schools' subtrees (like a transfer).
- `EligibilityTally` counts the eligible (and eligible backbone) teachers of each school for a year: rebuilt every
  night and after a rules change, so the province's targets are a `GROUP BY` over a few thousand rows.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tmis.core.scope import ScopedQuerySet


class RotationRules(models.Model):
    """One version of a province's rules. Never changed: a change is the next version (the highest is in force)."""

    province = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField()
    min_years = models.PositiveSmallIntegerField(help_text="Years at the current school that make one eligible (6).")
    retirement_window_years = models.PositiveSmallIntegerField(help_text="Within this many years of retirement: not.")
    retirement_age_male = models.PositiveSmallIntegerField()
    retirement_age_female = models.PositiveSmallIntegerField()
    target_share = models.DecimalField(max_digits=4, decimal_places=3, help_text="Share of the eligible (0.10).")
    backbone_share = models.DecimalField(max_digits=4, decimal_places=3, help_text="Backbone share of those (0.20).")
    stages = models.JSONField(default=list, help_text="任教学段 codes of compulsory education.")
    note = models.CharField(max_length=500, blank=True, default="")
    created_by = models.ForeignKey("accounts.User", null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["province", "version"], name="rotation_rules_version")]

    def __str__(self) -> str:
        return f"rotation rules v{self.version} of {self.province_id}"


class PlanState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")
    WITHDRAWN = "withdrawn", _("Withdrawn")


#: A plan's assignments may be changed in these states (the county's own, before and after a review round).
EDITABLE_STATES = (PlanState.DRAFT, PlanState.RETURNED, PlanState.WITHDRAWN)


class PlanQuerySet(ScopedQuerySet):
    """A county's plan is seen by the county's subtree and the levels above."""

    scope_path_fields = ("org_path",)


class Plan(models.Model):
    """A county's rotation plan for one year (the school year starting in September of `year`)."""

    county = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    org_path = models.CharField(max_length=255, db_collation="C", help_text="The county's path (scope).")
    year = models.PositiveSmallIntegerField()
    state = models.CharField(max_length=10, choices=PlanState.choices, default=PlanState.DRAFT)
    note = models.CharField(max_length=1000, blank=True, default="")
    submission = models.ForeignKey(
        "reviews.Submission", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    approved_at = models.DateTimeField(null=True, blank=True)

    etag_version_field = "updated_at"
    objects = PlanQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["county", "year"], name="rotation_one_plan_a_year")]
        indexes = [models.Index(fields=["org_path", "year"], name="rotation_plan_scope_idx")]

    def __str__(self) -> str:
        return f"rotation plan {self.year} of {self.county_id}"


class AssignmentState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    STARTED = "started", _("In progress")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class AssignmentQuerySet(ScopedQuerySet):
    """Seen from the sending and from the receiving school's subtree."""

    scope_path_fields = ("from_path", "to_path")


class Assignment(models.Model):
    """One teacher's rotation: from the school of record to another school for a period. Started on `start_date`
    and ended on `end_date` by the daily job (`lifecycle`), once its plan is approved."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="assignments")
    teacher = models.ForeignKey("teachers.Teacher", on_delete=models.PROTECT, related_name="+")
    from_school = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    from_path = models.CharField(max_length=255, db_collation="C")
    to_school = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    to_path = models.CharField(max_length=255, db_collation="C")
    rotation_type = models.CharField(max_length=10, help_text="交流轮岗类型 (code table `rotation-type`).")
    transfers_relation = models.BooleanField(help_text="是否调动人事关系: the end is a transfer to the school.")
    flow_category = models.CharField(max_length=2, help_text="教师流动类别 (from the schools' 城乡分类).")
    backbone = models.BooleanField(help_text="骨干教师 when assigned (from the archive).")
    start_date = models.DateField()
    end_date = models.DateField()
    state = models.CharField(max_length=10, choices=AssignmentState.choices, default=AssignmentState.PLANNED)
    record = models.ForeignKey(
        "teachers.RotationRecord", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    transfer = models.ForeignKey(
        "changes.TeacherChange", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    etag_version_field = "updated_at"
    objects = AssignmentQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "teacher"], name="rotation_once_a_plan"),
            models.CheckConstraint(condition=Q(end_date__gt=models.F("start_date")), name="rotation_dates_order"),
            models.CheckConstraint(condition=~Q(from_school=models.F("to_school")), name="rotation_other_school"),
        ]
        indexes = [
            models.Index(fields=["from_path", "id"], name="rotation_from_idx"),
            models.Index(fields=["to_path", "id"], name="rotation_to_idx"),
            models.Index(fields=["teacher", "id"], name="rotation_teacher_idx2"),
            # The daily job: assignments of approved plans whose start or end has come.
            models.Index(fields=["start_date"], name="rotation_due_start_idx", condition=Q(state="planned")),
            models.Index(fields=["end_date"], name="rotation_due_end_idx", condition=Q(state="started")),
        ]

    def __str__(self) -> str:
        return f"rotation of teacher {self.teacher_id} ({self.state})"


class EligibilityTally(models.Model):
    """One school's eligible teachers for one year (rebuilt set-based; never per request)."""

    year = models.PositiveSmallIntegerField()
    school_id = models.BigIntegerField()
    org_path = models.CharField(max_length=255, db_collation="C")
    teachers = models.IntegerField(help_text="Current teachers of the school.")
    eligible = models.IntegerField()
    eligible_backbone = models.IntegerField()
    as_of = models.DateTimeField()

    class Meta:
        db_table = "rotation_eligibility_tally"
        constraints = [models.UniqueConstraint(fields=["year", "school_id"], name="rotation_tally_key")]
        indexes = [models.Index(fields=["year", "org_path"], name="rotation_tally_scope_idx")]

    def __str__(self) -> str:
        return f"eligibility {self.year} of school {self.school_id}"


class AssignmentTally(models.Model):
    """A plan's live (not cancelled) assignments from one school: how many, backbone, started, completed. Kept by
    `tallies.recount` in the transaction of every write that changes them, so the targets of a province sum a few
    thousand rows instead of its assignments."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+")
    school_id = models.BigIntegerField(help_text="The school the teachers rotate from.")
    org_path = models.CharField(max_length=255, db_collation="C")
    year = models.PositiveSmallIntegerField()
    assignments = models.IntegerField()
    backbone = models.IntegerField()
    started = models.IntegerField()
    completed = models.IntegerField()

    class Meta:
        db_table = "rotation_assignment_tally"
        constraints = [models.UniqueConstraint(fields=["plan", "school_id"], name="rotation_assignment_tally_key")]
        indexes = [models.Index(fields=["year", "org_path"], name="rotation_atally_scope_idx")]

    def __str__(self) -> str:
        return f"assignments of plan {self.plan_id} from school {self.school_id}"
