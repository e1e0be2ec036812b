"""Summary tables (ARCHITECTURE §9): counts per organisation (every level) × school kind × 专任教师 or not ×
dimension value, kept current from `change_seq` by `refresh.py` — reports read them, never the archive.

`TeacherFact` holds what each current teacher last contributed, so that a refresh subtracts the old contribution
and adds the new one (idempotent: a teacher refreshed twice adds nothing)."""

from __future__ import annotations

import pgtrigger
from django.db import models


class TeacherFact(models.Model):
    """One current (active) teacher's dimension values at the last refresh."""

    teacher_id = models.BigIntegerField(primary_key=True)
    school_id = models.BigIntegerField()
    school_type = models.CharField(max_length=24)
    fulltime = models.BooleanField()
    #: dimension key → value, in the order of `dimensions.DIMENSIONS`
    values = models.JSONField()

    class Meta:
        db_table = "reports_teacher_fact"

    def __str__(self) -> str:
        return f"facts of teacher {self.teacher_id}"


class SummaryCount(models.Model):
    """How many current teachers of one organisation's subtree (of one school kind, 专任 or not) have a value (or,
    for a pair, a combination of values) of one dimension. `total` counts them all."""

    id = models.BigAutoField(primary_key=True)
    organisation_id = models.BigIntegerField()
    parent_id = models.BigIntegerField(null=True, help_text="The organisation's parent: the drill-down's key.")
    school_type = models.CharField(max_length=24)
    fulltime = models.BooleanField()
    dimension = models.CharField(max_length=40, db_collation="C")
    value = models.CharField(max_length=60, db_collation="C")
    value2 = models.CharField(max_length=60, db_collation="C", default="")
    count = models.BigIntegerField()

    class Meta:
        db_table = "reports_summary"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation_id", "dimension", "school_type", "fulltime", "value", "value2"],
                name="summary_cell_uniq",
            )
        ]
        indexes = [
            models.Index(fields=["parent_id", "dimension"], name="summary_children_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.dimension}={self.value}/{self.value2}: {self.count}"


class RefreshState(models.Model):
    """The refresh's cursor (a single row): the highest `change_seq` applied, and the reference year of the age
    bands (a new year rebuilds)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_seq = models.BigIntegerField(default=0)
    age_year = models.PositiveSmallIntegerField(default=0)
    refreshed_at = models.DateTimeField(null=True)
    rebuilt_at = models.DateTimeField(null=True)

    class Meta:
        db_table = "reports_refresh_state"

    def __str__(self) -> str:
        return f"summary refreshed to change_seq {self.last_seq}"


#: Snapshots are append-only in the database itself: an UPDATE or DELETE of a row is refused (pgtrigger).
IMMUTABLE = pgtrigger.Protect(name="immutable", operation=pgtrigger.Update | pgtrigger.Delete)


class MonthlySnapshot(models.Model):
    """The monthly deployment progress report (月报表, decision 8) as it stood when taken: on the 1st of each month
    by the periodic job, or on demand by a central or province administrator. Append-only."""

    period = models.CharField(max_length=7, db_collation="C", help_text="YYYY-MM: the month it reports.")
    taken_at = models.DateTimeField(auto_now_add=True)
    taken_by = models.ForeignKey("accounts.User", null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        indexes = [models.Index(fields=["period", "-taken_at"], name="snapshot_period_idx")]
        triggers = [IMMUTABLE]

    def __str__(self) -> str:
        return f"月报 {self.period} ({self.taken_at:%Y-%m-%d %H:%M})"


class SnapshotRow(models.Model):
    """One organisation's figures in a snapshot, per school kind ('' = every kind, with the accounts issued)."""

    id = models.BigAutoField(primary_key=True)
    snapshot = models.ForeignKey(MonthlySnapshot, on_delete=models.PROTECT, related_name="rows")
    organisation_id = models.BigIntegerField()
    parent_id = models.BigIntegerField(null=True)
    school_type = models.CharField(max_length=24, blank=True)
    schools_expected = models.IntegerField(help_text="Schools that should report (应报学校数).")
    schools_submitted = models.IntegerField(help_text="Schools with at least one archive sent for review.")
    schools_approved = models.IntegerField(help_text="Schools whose every archive is approved (at least one).")
    collected = models.IntegerField(help_text="Current archives (已采集).")
    submitted = models.IntegerField(help_text="Archives sent for review: submitted, in review, approved, returned.")
    approved = models.IntegerField()
    returned = models.IntegerField()
    accounts = models.IntegerField(null=True, help_text="Active accounts issued in the subtree ('' rows only).")
    teachers_expected = models.IntegerField(
        null=True, help_text="The statistics headcount (教职工) of the schools that have one; null: none entered."
    )
    problems = models.IntegerField(null=True, help_text="Archives with a data-quality issue (问题数据).")
    contact = models.CharField(max_length=200, blank=True, help_text="The working group's contact ('' rows only).")

    class Meta:
        indexes = [
            models.Index(fields=["snapshot", "parent_id"], name="snapshot_children_idx"),
            models.Index(fields=["snapshot", "organisation_id"], name="snapshot_org_idx"),
        ]
        triggers = [IMMUTABLE]

    def __str__(self) -> str:
        return f"snapshot {self.snapshot_id} org {self.organisation_id} {self.school_type or 'all'}"
