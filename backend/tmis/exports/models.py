"""An export: teacher archives matching the list's filters, written to a file the user downloads once."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from tmis.core.scope import OwnedQuerySet


class ExportState(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "处理中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"
    DOWNLOADED = "downloaded", "已下载"


class ExportFormat(models.TextChoices):
    XLSX = "xlsx", "Excel (.xlsx)"
    CSV = "csv", "CSV (UTF-8)"


class ExportJob(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    org_path = models.CharField(max_length=255, db_collation="C", help_text="The owner's scope when asked.")
    filters = models.JSONField(default=dict, blank=True, help_text="The teacher list's filters.")
    fields = models.JSONField(default=list, help_text="Indicator codes, in column order.")
    format = models.CharField(max_length=4, choices=ExportFormat.choices, default=ExportFormat.XLSX)
    full_id = models.BooleanField(default=False, help_text="Unmasked ID numbers (teachers.view_id).")
    state = models.CharField(max_length=10, choices=ExportState.choices, default=ExportState.QUEUED)
    error_message = models.CharField(max_length=500, blank=True, default="")
    rows_written = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField(null=True, blank=True)
    file_path = models.CharField(max_length=255, blank=True, default="")
    file_size = models.PositiveBigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    downloaded_at = models.DateTimeField(null=True, blank=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["owner", "-id"], name="export_owner_idx")]

    def __str__(self) -> str:
        return f"export {self.pk}"

    @property
    def percent(self) -> float:
        if self.state in (ExportState.DONE, ExportState.DOWNLOADED):
            return 100.0
        if not self.rows_total:
            return 0.0
        return round(min(self.rows_written, self.rows_total) * 100 / self.rows_total, 1)
