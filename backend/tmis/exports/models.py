"""An export: teacher archives matching the list's filters, written to a file the user downloads once."""

from __future__ import annotations

from django.db import models

from tmis.core.models import Job, JobState


class ExportState(models.TextChoices):
    """Every job's states (`JobState`) and one of exports' own: the file was handed over (and removed)."""

    QUEUED = JobState.QUEUED.value, JobState.QUEUED.label
    RUNNING = JobState.RUNNING.value, JobState.RUNNING.label
    DONE = JobState.DONE.value, JobState.DONE.label
    FAILED = JobState.FAILED.value, JobState.FAILED.label
    CANCELLED = JobState.CANCELLED.value, JobState.CANCELLED.label
    DOWNLOADED = "downloaded", "已下载"


class ExportFormat(models.TextChoices):
    XLSX = "xlsx", "Excel (.xlsx)"
    CSV = "csv", "CSV (UTF-8)"


class ExportJob(Job):
    """One export of the teacher list (a job: state, progress in rows written of `progress_total` … are `Job`'s;
    the organisation is the owner's, whose scope applies)."""

    count_fields = {"rows_written": "progress_done"}

    state = models.CharField(max_length=10, choices=ExportState.choices, default=ExportState.QUEUED)
    filters = models.JSONField(default=dict, blank=True, help_text="The teacher list's filters.")
    fields = models.JSONField(default=list, help_text="Indicator codes, in column order.")
    format = models.CharField(max_length=4, choices=ExportFormat.choices, default=ExportFormat.XLSX)
    full_id = models.BooleanField(default=False, help_text="Unmasked ID numbers (teachers.view_id).")
    groups = models.JSONField(
        default=list,
        blank=True,
        help_text='Many-valued groups with a sheet each (codes, or ["all"]): the whole archive (XLSX only).',
    )
    file_path = models.CharField(max_length=255, blank=True, default="")
    file_size = models.PositiveBigIntegerField(null=True, blank=True)
    downloaded_at = models.DateTimeField(null=True, blank=True)

    class Meta(Job.Meta):
        indexes = [*Job.Meta.indexes, models.Index(fields=["owner", "-id"], name="export_owner_idx")]

    def __str__(self) -> str:
        return f"export {self.pk}"
