"""An import: one uploaded spreadsheet of teacher archives, processed by a background job (ARCHITECTURE §8)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from tmis.core.models import Job, JobState

ImportState = JobState  # an import's states are every job's: queued, running, done, failed, cancelled


class ImportMode(models.TextChoices):
    CREATE = "create", "只新增"
    UPSERT = "upsert", "新增并更新"


class GroupMode(models.TextChoices):
    """What a group sheet's rows do to a teacher's records of the group."""

    APPEND = "append", "追加"
    REPLACE = "replace", "替换"


class ImportJob(Job):
    """One upload's import (a job: state, progress in rows read of `progress_total`, timings … are `Job`'s)."""

    count_fields = {name: name for name in ("rows_valid", "rows_written", "rows_updated", "rows_failed", "rows_warned")}

    file_name = models.CharField(max_length=255)
    file_path = models.CharField(max_length=255, help_text="Under TMIS_FILES_DIR.")
    file_size = models.PositiveBigIntegerField()
    dry_run = models.BooleanField(default=False)
    strict = models.BooleanField(default=False)
    mode = models.CharField(max_length=10, choices=ImportMode.choices, default=ImportMode.CREATE)
    group_mode = models.CharField(
        max_length=10,
        choices=GroupMode.choices,
        default=GroupMode.APPEND,
        help_text="Group sheets: add rows to a teacher's records, or put them in place of his records of the group.",
    )
    rows_valid = models.PositiveIntegerField(default=0)
    rows_written = models.PositiveIntegerField(default=0)
    rows_updated = models.PositiveIntegerField(default=0)
    rows_failed = models.PositiveIntegerField(default=0)
    rows_warned = models.PositiveIntegerField(default=0)
    opened_percent = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="How far the file's opening has got before its rows are imported, in percent: its sheets loaded "
        "(weighed by their unpacked size; estimated within a large sheet while it loads), then the first pass over "
        "the basic sheet's rows; null until the job starts opening it.",
    )
    checkpoint = models.PositiveIntegerField(
        default=0, help_text="Data rows handled and committed; a restarted job continues after them."
    )
    mapping = models.JSONField(
        default=dict, blank=True, help_text="The upload's column mapping: header → indicator code ('' to ignore)."
    )
    layout = models.JSONField(
        default=dict,
        blank=True,
        help_text="What the job found in the file: header row, every column's indicator and confidence, absent "
        "columns, whether a mapping is needed.",
    )

    class Meta(Job.Meta):
        indexes = [*Job.Meta.indexes, models.Index(fields=["owner", "-id"], name="import_owner_idx")]

    def __str__(self) -> str:
        return f"import {self.pk} ({self.file_name})"


class Severity(models.TextChoices):
    ERROR = "error", "错误"
    WARNING = "warning", "警告"


class ImportProblem(models.Model):
    """One problem of one cell (or of a whole row, `column` empty) found by an import."""

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="problems")
    sheet = models.CharField(
        max_length=31, blank=True, default="", help_text="The sheet's name: a group sheet's, empty for the basic one."
    )
    row = models.PositiveIntegerField(help_text="Row number in the sheet (1 = the header row).")
    column = models.CharField(max_length=100, blank=True, default="", help_text="The column's header.")
    field = models.CharField(max_length=80, blank=True, default="", help_text="Indicator code.")
    value = models.CharField(max_length=200, blank=True, default="")
    code = models.CharField(max_length=40)
    message = models.CharField(max_length=500, help_text="In the uploader's language, as found.")
    params = models.JSONField(
        default=dict, blank=True, help_text="The message's msgid and parameters: rendered in the reader's language."
    )
    severity = models.CharField(max_length=10, choices=Severity.choices, default=Severity.ERROR)

    class Meta:
        indexes = [models.Index(fields=["job", "severity", "row", "id"], name="import_problem_idx")]

    def __str__(self) -> str:
        return f"row {self.row} {self.field}: {self.code}"


class ColumnMapping(models.Model):
    """A mapping of a sheet's headers to indicators, remembered per organisation for the next upload with the same
    headers (`signature`: a digest of the normalised header row)."""

    organisation = models.ForeignKey("orgs.Organisation", on_delete=models.CASCADE, related_name="+")
    signature = models.CharField(max_length=64)
    mapping = models.JSONField(default=dict)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "signature"], name="import_mapping_unique"),
        ]

    def __str__(self) -> str:
        return f"mapping {self.signature[:8]} of {self.organisation_id}"
