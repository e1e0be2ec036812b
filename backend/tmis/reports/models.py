"""Summary tables (ARCHITECTURE §9): counts per organisation (every level) × school kind × 专任教师 or not ×
dimension value, kept current from `change_seq` by `refresh.py` — reports read them, never the archive.

`TeacherFact` holds what each current teacher last contributed, so that a refresh subtracts the old contribution
and adds the new one (idempotent: a teacher refreshed twice adds nothing)."""

from __future__ import annotations

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
