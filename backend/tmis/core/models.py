"""The one job model (ARCHITECTURE §7a): an abstract base that every background job's model derives from.

`tmis.core` is an installed app, so its abstract models live here; being abstract, they create no table and need no
migration of core: each concrete job (`imports.ImportJob`, `exports.ExportJob`, the snapshots and sync pulls to
come) has its own table with these columns plus its typed counts. The lifecycle that moves a job through its states
is `tmis.core.job_services`; the kinds register in `tmis.core.job_kinds`.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from tmis.core.scope import OwnedQuerySet


class JobState(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "处理中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"
    CANCELLED = "cancelled", "已取消"


#: A job in one of these is being worked on (or waits for a worker); the others are final.
ACTIVE_STATES = (JobState.QUEUED, JobState.RUNNING)


def job_percent(state: str, done: int, total: int | None) -> float:
    """Work done, 0–100: 100 once done (whatever was counted), else the units done of the total."""
    if state not in ACTIVE_STATES and state not in (JobState.FAILED, JobState.CANCELLED):
        return 100.0
    if not total:
        return 0.0
    return round(min(done, total) * 100 / total, 1)


class Job(models.Model):
    """What every background job has: owner and scope, state, progress, timings, error, attempts, cancellation.

    Concrete models add their input and their counts as typed columns and name the counts in `count_fields` (the
    `/jobs/` list shows them as a small dict)."""

    #: The counts `GET /jobs/` shows (`counts`): name → typed column of the concrete model.
    count_fields: ClassVar[dict[str, str]] = {}

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    org_path = models.CharField(max_length=255, db_collation="C", help_text="The organisation's path: the scope.")
    title = models.CharField(max_length=255, default="", help_text="What a person reads: a file name, a description.")
    language = models.CharField(max_length=10, default="zh-hans", help_text="The owner's language: of its messages.")
    state = models.CharField(max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    progress_total = models.PositiveIntegerField(null=True, blank=True, help_text="Units of work, once known.")
    progress_done = models.PositiveIntegerField(default=0, help_text="Units of work done and committed.")
    error_code = models.CharField(max_length=40, blank=True, default="")
    error_message = models.CharField(max_length=500, blank=True, default="", help_text="In the owner's language.")
    attempts = models.PositiveSmallIntegerField(default=0, help_text="Starts, retries included.")
    cancel_requested_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    timings = models.JSONField(default=dict, blank=True, help_text="Seconds per step.")

    objects = OwnedQuerySet.as_manager()

    class Meta:
        abstract = True
        indexes = [models.Index(fields=["owner", "-created_at", "-id"], name="%(app_label)s_%(class)s_recent")]

    @property
    def percent(self) -> float:
        return job_percent(self.state, self.progress_done, self.progress_total)

    @property
    def is_active(self) -> bool:
        return self.state in ACTIVE_STATES


class IdempotentRequest(models.Model):
    """A POST sent with an `Idempotency-Key` (`tmis.core.idempotency`): the first answer, replayed for 24 hours to
    the same user sending the same key with the same request; while the first is running the key is taken."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64, help_text="SHA-256 of the method, path, query and body.")
    status = models.PositiveSmallIntegerField(null=True, help_text="Null while the first request runs.")
    content_type = models.CharField(max_length=100, blank=True, default="")
    location = models.CharField(max_length=500, blank=True, default="")
    body = models.BinaryField(default=bytes)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="idempotent_request_key")]
        indexes = [models.Index(fields=["created_at"], name="idempotent_request_age")]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.key}"
