"""Training credits (学时/学分, DOMAIN §5 and decision 6): programmes, claims and their review, the rules of each
province, and the standings that compliance reads.

- A `Programme` (培训项目) is run by an organisation at any level and seen by its subtree and the levels above.
- A `Claim` (学时申报) is hours a teacher earned: filed by the school and reviewed (the engine's `training_claim`
  kind), or made approved at once when a programme's owner confirms its completion list. An approved claim writes
  the archive's 国内培训 record (`record`): this app is the only writer of that group.
- `TrainingRules` are a province's rules, versioned: every change is a new row; the highest version is in force.
- `Standing` is one teacher's position in one cycle (hours counted after caps, required, quotas met), recomputed
  set-based for the teachers whose claims were decided; `SchoolTally` sums the standings per school for the
  roll-ups (`refresh.py`).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tmis.core.scope import ScopedQuerySet


def ancestor_paths(path: str) -> list[str]:
    """The materialised paths above `path` (itself excluded)."""
    codes = [code for code in path.strip("/").split("/") if code]
    return ["/" + "/".join(codes[:n]) + "/" for n in range(1, len(codes))]


class ProgrammeQuerySet(ScopedQuerySet):
    """A programme is seen by its organisation's subtree (whose teachers attend it) and by the levels above."""

    scope_path_fields = ("org_path",)

    def visible_to(self, user: object) -> ProgrammeQuerySet:
        path = getattr(user, "scope_path", None) if getattr(user, "is_authenticated", False) else None
        if not path:
            return self.none()
        return self.filter(Q(org_path__startswith=path) | Q(org_path__in=ancestor_paths(path)))


class Programme(models.Model):
    """培训项目: run by one organisation (国家级 … 校本 by its `level`, the 培训类别 code table)."""

    organisation = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    org_path = models.CharField(max_length=255, db_collation="C", help_text="The organisation's path (scope).")
    name = models.CharField(max_length=100)
    level = models.CharField(max_length=10, help_text="培训类别 (code table `training-category`): 国家级 … 校本.")
    form = models.CharField(max_length=10, help_text="培训方式 (code table `training-form`): 集中面授, 网络研修 …")
    subject = models.CharField(max_length=10, blank=True, default="", help_text="学科 (code table `teaching-course`).")
    stage = models.CharField(max_length=10, blank=True, default="", help_text="学段 (code table `teaching-stage`).")
    hours = models.PositiveIntegerField(help_text="学时 a participant who completes it earns.")
    start_date = models.DateField()
    end_date = models.DateField()
    provider = models.CharField(max_length=100, blank=True, default="", help_text="培训机构名称.")
    capacity = models.PositiveIntegerField(null=True, blank=True)
    description = models.TextField(blank=True, default="", max_length=5000)
    created_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    etag_version_field = "updated_at"
    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["org_path", "id"], name="programme_scope_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="programme_dates_order")
        ]

    def __str__(self) -> str:
        return self.name


class Participant(models.Model):
    """A teacher on a programme's enrolment or completion list (uploaded from Excel). `hours` set = completed;
    `claim` set = confirmed by the programme's owner (an approved claim)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="participants")
    teacher = models.ForeignKey("teachers.Teacher", on_delete=models.CASCADE, related_name="+")
    hours = models.PositiveIntegerField(null=True, blank=True, help_text="Hours completed; null = enrolled only.")
    completed_on = models.DateField(null=True, blank=True)
    claim = models.OneToOneField("Claim", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    added_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["programme", "teacher"], name="participant_once")]

    def __str__(self) -> str:
        return f"teacher {self.teacher_id} on programme {self.programme_id}"


class ClaimKind(models.TextChoices):
    PROGRAMME = "programme", _("Programme hours")
    DEGREE = "degree", _("Degree study")
    SCHOOL_BASED = "school_based", _("School-based study")
    PUBLICATION = "publication", _("Paper or book")
    EXCHANGE = "exchange", _("Academic exchange")
    RESEARCH = "research", _("Research project")
    SELF_STUDY = "self_study", _("Self-directed study")
    OTHER = "other", _("Other")


class ClaimState(models.TextChoices):
    """A claim follows its review item; `approved` also for a confirmed completion (no review)."""

    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ClaimSource(models.TextChoices):
    FILED = "filed", _("Filed and reviewed")
    COMPLETION = "completion", _("Programme completion")


class ClaimQuerySet(ScopedQuerySet):
    """A claim goes where its teacher goes (a transfer carries the hours): scoped by the teacher's path."""

    scope_path_fields = ("teacher__org_path",)


class Claim(models.Model):
    teacher = models.ForeignKey("teachers.Teacher", on_delete=models.CASCADE, related_name="+")
    school = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="+", help_text="The school that filed it."
    )
    kind = models.CharField(max_length=20, choices=ClaimKind.choices)
    source = models.CharField(max_length=12, choices=ClaimSource.choices, default=ClaimSource.FILED)
    programme = models.ForeignKey(Programme, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=100, help_text="培训项目名称 (a programme's name for programme hours).")
    provider = models.CharField(max_length=100, blank=True, default="")
    level = models.CharField(max_length=10, help_text="培训类别 (code table `training-category`).")
    form = models.CharField(max_length=10, help_text="培训方式 (code table `training-form`).")
    hours = models.PositiveIntegerField()
    credits = models.DecimalField(
        max_digits=7, decimal_places=2, null=True, blank=True, help_text="学分, by the province's ratio at approval."
    )
    date = models.DateField(help_text="When the hours were earned (the cycle is this date's).")
    note = models.CharField(max_length=500, blank=True, default="")
    state = models.CharField(max_length=10, choices=ClaimState.choices, default=ClaimState.SUBMITTED)
    evidence_name = models.CharField(max_length=200, blank=True, default="")
    evidence_path = models.CharField(max_length=255, blank=True, default="")
    record = models.OneToOneField(
        "teachers.TrainingRecord",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The archive's 国内培训 record the approval wrote.",
    )
    created_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    etag_version_field = "updated_at"
    objects = ClaimQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["teacher", "date"], name="claim_teacher_idx"),
            models.Index(fields=["school", "state", "-id"], name="claim_school_state_idx"),
        ]
        constraints = [models.CheckConstraint(condition=Q(hours__gt=0), name="claim_hours_positive")]

    def __str__(self) -> str:
        return f"{self.title}: {self.hours} h of teacher {self.teacher_id}"


class Correction(models.Model):
    """An administrator's correction of an approved claim (hours, date, level, form, title), with its reason."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="corrections")
    changes = models.JSONField(help_text="field → [old, new]")
    reason = models.CharField(max_length=500)
    actor = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"correction of claim {self.claim_id}"


class TrainingRules(models.Model):
    """One version of a province's rules. Never changed: a change is the next version (the highest is in force)."""

    province = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField()
    cycle_start_year = models.PositiveSmallIntegerField(help_text="The first year of one cycle (2021).")
    cycle_years = models.PositiveSmallIntegerField(help_text="Years per cycle (5).")
    required_hours = models.PositiveIntegerField(help_text="学时 per cycle (360; 240 selectable).")
    new_teacher_hours = models.PositiveIntegerField(help_text="学时 of a new teacher's first year (120).")
    hours_per_credit = models.DecimalField(max_digits=6, decimal_places=2, help_text="学时 per 学分 (10).")
    credit_ratios = models.JSONField(default=dict, blank=True, help_text="培训方式 code → 学时 per 学分.")
    quotas = models.JSONField(default=list, blank=True, help_text="[{levels: [培训类别 codes], min_share: 0.5}]")
    yearly_caps = models.JSONField(default=dict, blank=True, help_text="claim kind → most 学时 counted per year.")
    note = models.CharField(max_length=500, blank=True, default="")
    created_by = models.ForeignKey("accounts.User", null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["province", "version"], name="training_rules_version")]

    def __str__(self) -> str:
        return f"training rules v{self.version} of {self.province_id}"


class Standing(models.Model):
    """One teacher's hours in one cycle, as the rules count them; a teacher with no approved hours has no row."""

    teacher_id = models.BigIntegerField()
    cycle_start = models.PositiveSmallIntegerField()
    cycle_end = models.PositiveSmallIntegerField()
    school_id = models.BigIntegerField()
    org_path = models.CharField(max_length=255, db_collation="C")
    active = models.BooleanField()
    hours = models.IntegerField(help_text="Approved 学时, as claimed.")
    counted = models.IntegerField(help_text="学时 counted: each kind's yearly cap applied.")
    credits = models.DecimalField(max_digits=9, decimal_places=2)
    required = models.IntegerField()
    by_level = models.JSONField(help_text="培训类别 code → approved 学时.")
    quotas_met = models.BooleanField()
    compliant = models.BooleanField(help_text="counted ≥ required and every quota met.")

    class Meta:
        db_table = "training_standing"
        constraints = [models.UniqueConstraint(fields=["teacher_id", "cycle_start"], name="standing_once")]
        indexes = [models.Index(fields=["school_id", "cycle_start"], name="standing_school_idx")]

    def __str__(self) -> str:
        return f"teacher {self.teacher_id} in {self.cycle_start}: {self.counted}/{self.required}"


class SchoolTally(models.Model):
    """A school's standings of one cycle summed (active teachers only); `on_track` as of `as_of`."""

    school_id = models.BigIntegerField()
    cycle_start = models.PositiveSmallIntegerField()
    org_path = models.CharField(max_length=255, db_collation="C")
    teachers = models.IntegerField(help_text="Teachers with approved hours in the cycle.")
    compliant = models.IntegerField()
    on_track = models.IntegerField(help_text="Not yet compliant, but at or above the pace of the cycle.")
    hours = models.BigIntegerField()
    counted = models.BigIntegerField()
    credits = models.DecimalField(max_digits=14, decimal_places=2)
    as_of = models.DateField()

    class Meta:
        db_table = "training_school_tally"
        constraints = [models.UniqueConstraint(fields=["school_id", "cycle_start"], name="tally_once")]
        indexes = [models.Index(fields=["cycle_start", "org_path"], name="tally_scope_idx")]

    def __str__(self) -> str:
        return f"school {self.school_id} in {self.cycle_start}"


class TallyState(models.Model):
    """The refresh's cursor (one row): the archive's `change_seq` read up to, and the day the paces are of."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_seq = models.BigIntegerField(default=0)
    as_of = models.DateField(null=True)
    refreshed_at = models.DateTimeField(null=True)

    class Meta:
        db_table = "training_tally_state"

    def __str__(self) -> str:
        return f"training tallies to change_seq {self.last_seq}"
