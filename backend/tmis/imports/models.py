"""An import: one uploaded spreadsheet of teacher archives, processed by a background job (ARCHITECTURE §8)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from tmis.core.scope import OwnedQuerySet


class ImportState(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "处理中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"


class ImportMode(models.TextChoices):
    CREATE = "create", "只新增"
    UPSERT = "upsert", "新增并更新"


class ImportJob(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    org_path = models.CharField(max_length=255, db_collation="C")
    file_name = models.CharField(max_length=255)
    file_path = models.CharField(max_length=255, help_text="Under TMIS_FILES_DIR.")
    file_size = models.PositiveBigIntegerField()
    dry_run = models.BooleanField(default=False)
    strict = models.BooleanField(default=False)
    mode = models.CharField(max_length=10, choices=ImportMode.choices, default=ImportMode.CREATE)
    language = models.CharField(max_length=10, default="zh-hans", help_text="The uploader's language: of the problems.")
    state = models.CharField(max_length=10, choices=ImportState.choices, default=ImportState.QUEUED)
    error_code = models.CharField(max_length=40, blank=True, default="")
    error_message = models.CharField(max_length=500, blank=True, default="")
    rows_total = models.PositiveIntegerField(null=True, blank=True, help_text="Data rows in the file, once counted.")
    rows_read = models.PositiveIntegerField(default=0)
    rows_valid = models.PositiveIntegerField(default=0)
    rows_written = models.PositiveIntegerField(default=0)
    rows_updated = models.PositiveIntegerField(default=0)
    rows_failed = models.PositiveIntegerField(default=0)
    rows_warned = models.PositiveIntegerField(default=0)
    checkpoint = models.PositiveIntegerField(
        default=0, help_text="Data rows handled and committed; a restarted job continues after them."
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    timings = models.JSONField(default=dict, blank=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["owner", "-id"], name="import_owner_idx")]

    def __str__(self) -> str:
        return f"import {self.pk} ({self.file_name})"

    @property
    def percent(self) -> float:
        if self.state == ImportState.DONE:
            return 100.0
        if not self.rows_total:
            return 0.0
        return round(min(self.rows_read, self.rows_total) * 100 / self.rows_total, 1)


class Severity(models.TextChoices):
    ERROR = "error", "错误"
    WARNING = "warning", "警告"


class ImportProblem(models.Model):
    """One problem of one cell (or of a whole row, `column` empty) found by an import."""

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="problems")
    row = models.PositiveIntegerField(help_text="Row number in the sheet (1 = the header row).")
    column = models.CharField(max_length=100, blank=True, default="", help_text="The column's header.")
    field = models.CharField(max_length=80, blank=True, default="", help_text="Indicator code.")
    value = models.CharField(max_length=200, blank=True, default="")
    code = models.CharField(max_length=40)
    message = models.CharField(max_length=500)
    severity = models.CharField(max_length=10, choices=Severity.choices, default=Severity.ERROR)

    class Meta:
        indexes = [models.Index(fields=["job", "severity", "row", "id"], name="import_problem_idx")]

    def __str__(self) -> str:
        return f"row {self.row} {self.field}: {self.code}"
