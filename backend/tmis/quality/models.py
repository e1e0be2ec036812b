"""问题数据 (data quality, DOMAIN.md §3.1 and decision 8): the archives the quality rules (`rules.py`) flag, kept
current from `change_seq` by `refresh.py` — the worklist and the counts read these tables, never the archive.

`QualityIssue` is one rule's finding on one archive; `QualityCount` holds, per organisation (every level), how many
issues each rule has in its subtree and (rule '') how many archives carry at least one — the drill-down's and the
monthly report's figures, summed up the tree by the refresh as the reports' summary is."""

from __future__ import annotations

from django.db import models

from tmis.core.scope import ScopedQuerySet

#: `QualityCount.rule` of the row counting flagged archives (archives with at least one issue).
FLAGGED = ""


class QualityIssueQuerySet(ScopedQuerySet):
    scope_path_fields = ("org_path",)


class QualityIssue(models.Model):
    """One rule's finding on one current archive, with what its message says (`detail`: the placeholders' values,
    codes where the message names a code)."""

    id = models.BigAutoField(primary_key=True)
    # No database constraints: the refresh replaces rows by set-based SQL and learns of deletions by tombstones.
    teacher = models.ForeignKey(
        "teachers.Teacher", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+", db_index=False
    )
    school = models.ForeignKey(
        "orgs.Organisation", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+", db_index=False
    )
    org_path = models.CharField(max_length=255, db_collation="C", help_text="The school's path (scope filter).")
    rule = models.CharField(max_length=8, db_collation="C", help_text="The rule's code (rules.RULES), e.g. Q001.")
    detail = models.JSONField(default=dict, help_text="The values of the rule's message placeholders.")
    group_key = models.CharField(
        max_length=300,
        blank=True,
        default="",
        db_collation="C",
        help_text="Cross-archive rules: the group the archive was found in (re-evaluated when any member changes).",
    )
    found_at = models.DateTimeField(help_text="When the rule first found this (kept while the finding stands).")

    objects = QualityIssueQuerySet.as_manager()

    class Meta:
        db_table = "quality_issue"
        constraints = [models.UniqueConstraint(fields=["teacher", "rule"], name="quality_issue_teacher_rule_uniq")]
        indexes = [
            models.Index(fields=["school", "rule", "id"], name="quality_issue_school_idx"),
            models.Index(fields=["org_path", "id"], name="quality_issue_scope_idx"),
            models.Index(fields=["group_key"], name="quality_issue_group_idx", condition=~models.Q(group_key="")),
        ]

    def __str__(self) -> str:
        return f"{self.rule} on teacher {self.teacher_id}"


class QualityCount(models.Model):
    """Issues of one rule (or, rule '', archives with at least one issue) in one organisation's subtree."""

    id = models.BigAutoField(primary_key=True)
    organisation_id = models.BigIntegerField()
    parent_id = models.BigIntegerField(null=True, help_text="The organisation's parent: the drill-down's key.")
    rule = models.CharField(max_length=8, db_collation="C", blank=True)
    count = models.BigIntegerField()

    class Meta:
        db_table = "quality_count"
        constraints = [models.UniqueConstraint(fields=["organisation_id", "rule"], name="quality_count_uniq")]
        indexes = [models.Index(fields=["parent_id"], name="quality_count_children_idx")]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.rule or 'flagged'}: {self.count}"


class QualityState(models.Model):
    """The refresh's cursor (a single row): the highest `change_seq` applied; the reference date of the age rules
    at the last rebuild."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_seq = models.BigIntegerField(default=0)
    refreshed_at = models.DateTimeField(null=True)
    rebuilt_at = models.DateTimeField(null=True)
    reference_date = models.DateField(null=True)

    class Meta:
        db_table = "quality_state"

    def __str__(self) -> str:
        return f"quality refreshed to change_seq {self.last_seq}"
