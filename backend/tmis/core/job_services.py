"""The one lifecycle of every background job (ARCHITECTURE §7a):

    job_submit (on commit) → job_start → work, reporting job_progress / job_checkpoint → job_finish | job_fail
                                                                     ↘ cancelled (job_cancel)

`job_run` is that sequence around a kind's work function; a task of a kind is `job_run(model=…, job_id=…,
work=…)`. The work raises `JobError(code, message)` for a failure its owner should read; an unexpected exception
fails the job with a generic message (and is logged); a transient database error is left to procrastinate's retry
(the job stays `running` and the next attempt continues after what was committed).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, TextField
from django.db.models.fields.json import KT
from django.db.models.functions import Cast
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from procrastinate.contrib.django.models import ProcrastinateJob
from rest_framework import status

from tmis.core.errors import AppError
from tmis.core.job_kinds import job_kind_of, job_kinds
from tmis.core.jobs import enqueue, is_transient, retrying
from tmis.core.models import ACTIVE_STATES, Job, JobState

logger = logging.getLogger(__name__)

J = TypeVar("J", bound=Job)
#: procrastinate statuses of a job that a worker will still run (or runs now)
ALIVE = ("todo", "doing")


class JobError(Exception):
    """The job cannot go on: it fails with this code and a message its owner reads."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class JobCancelled(Exception):
    """Raised at a checkpoint of a running job whose owner asked to cancel it."""


def job_submit(*, job: Job) -> None:
    """Queues the job's task when the caller's transaction commits (the row and the task commit together)."""
    enqueue(job_kind_of(type(job)).task, job_id=job.pk)


def job_start(*, model: type[J], job_id: int) -> J | None:
    """Marks the job running (one attempt more) and returns it with its owner and organisation loaded; None when it
    has ended meanwhile (finished, failed, cancelled). Locks the job's row only — never the joined user or
    organisation rows, which other transactions update — and tries again after a transient database error."""

    def start() -> J | None:
        with transaction.atomic():
            job = (
                model.objects.select_for_update(of=("self",))
                .select_related("owner__organisation", "organisation")
                .get(pk=job_id)
            )
            if job.state not in ACTIVE_STATES:
                return None
            now = timezone.now()
            if job.cancel_requested_at is not None:  # asked while it ran; a worker died before the checkpoint
                job.state, job.finished_at = JobState.CANCELLED, now
                job.save(update_fields=["state", "finished_at"])
                return None
            job.state = JobState.RUNNING
            job.attempts += 1
            job.started_at = job.started_at or now
            job.save(update_fields=["state", "attempts", "started_at"])
            return job

    return retrying(start)


def job_progress(*, job: Job, done: int | None = None, total: int | None = None, **counts: Any) -> None:
    """Records progress (units done of the total) and any typed counts of the concrete job, then stops the work
    if its owner asked to cancel (`JobCancelled`): what was committed before stays."""
    fields: dict[str, Any] = dict(counts)
    if done is not None:
        fields["progress_done"] = job.progress_done = done
    if total is not None:
        fields["progress_total"] = job.progress_total = total
    for name, value in counts.items():
        setattr(job, name, value)
    if fields:
        type(job).objects.filter(pk=job.pk).update(**fields)
    job_checkpoint(job=job)


def job_checkpoint(*, job: Job) -> None:
    """A place where the work may stop: raises `JobCancelled` if the owner asked to cancel (one indexed read)."""
    if type(job).objects.filter(pk=job.pk, cancel_requested_at__isnull=False).exists():
        raise JobCancelled


def job_finish(*, job: Job, **fields: Any) -> None:
    """The job is done; `fields` are the concrete job's results (a file, final counts)."""
    _end(job, JobState.DONE, **fields)


def job_fail(*, job: Job, code: str, message: str) -> None:
    """The job failed with a code and a message in its owner's language (the caller translates it)."""
    _end(job, JobState.FAILED, error_code=code[:40], error_message=str(message)[:500])


def _end(job: Job, state: str, **fields: Any) -> None:
    fields |= {"state": state, "finished_at": timezone.now()}
    type(job).objects.filter(pk=job.pk, state__in=ACTIVE_STATES).update(**fields)
    for name, value in fields.items():
        setattr(job, name, value)


def job_run(*, model: type[J], job_id: int, work: Callable[[J], dict[str, Any] | None]) -> None:
    """Runs one job of a kind through its lifecycle (the body of the kind's task); safe to call again after a
    crash or a retry: a job that has ended is left alone, a running one continues."""
    job = job_start(model=model, job_id=job_id)
    if job is None:
        return
    with translation.override(job.language):  # its messages in its owner's language
        try:
            results = work(job) or {}
        except JobCancelled:
            _end(job, JobState.CANCELLED)
            return
        except JobError as error:
            job_fail(job=job, code=error.code, message=error.message)
            return
        except Exception as error:
            if is_transient(error):
                logger.warning("%s %s: transient database error, left to the task's retry", model.__name__, job_id)
                raise
            logger.exception("%s %s failed", model.__name__, job_id)
            job_fail(job=job, code="internal_error", message=_("The job stopped on an unexpected error."))
            raise
        job_finish(job=job, **results)


def job_cancel(*, job: J) -> J:
    """Cancels a job: a queued one at once (its task will find it ended), a running one at its next checkpoint
    (what it committed stays). 409 for a job that has ended."""
    with transaction.atomic():
        locked = type(job).objects.select_for_update(of=("self",)).get(pk=job.pk)
        now = timezone.now()
        if locked.state == JobState.QUEUED:
            locked.state, locked.finished_at = JobState.CANCELLED, now
            locked.cancel_requested_at = now
            locked.save(update_fields=["state", "finished_at", "cancel_requested_at"])
        elif locked.state == JobState.RUNNING:
            locked.cancel_requested_at = locked.cancel_requested_at or now
            locked.save(update_fields=["cancel_requested_at"])
        else:
            raise AppError(
                _("This job has ended; there is nothing to cancel."),
                code="job_ended",
                status_code=status.HTTP_409_CONFLICT,
            )
    return locked


def jobs_fail_stuck(*, grace_seconds: float | None = None) -> int:
    """The worker's stall check: fails every queued or running job that no worker will run any more (its task
    was never queued, or procrastinate gave up on it after its retries), with a reason its owner reads. Jobs
    younger than the grace period are left alone (their task is queued when their transaction commits)."""
    grace = settings.TMIS_JOB_STALLED_SECONDS if grace_seconds is None else grace_seconds
    cutoff = timezone.now() - dt.timedelta(seconds=grace)
    failed = 0
    for kind in job_kinds().values():
        alive = ProcrastinateJob.objects.annotate(job_key=KT("args__job_id")).filter(
            task_name=kind.task_name,
            status__in=ALIVE,
            job_key=Cast(OuterRef("pk"), output_field=TextField()),
        )
        stuck = kind.model.objects.filter(state__in=ACTIVE_STATES, created_at__lt=cutoff).exclude(Exists(alive))
        for job in stuck.only("pk", "state", "language"):
            with translation.override(job.language):
                if job.state == JobState.QUEUED:
                    job_fail(job=job, code="not_started", message=_("The job could not be started. Start it again."))
                else:
                    message = _("The job stopped and could not be resumed. Start it again; what it saved is kept.")
                    job_fail(job=job, code="stopped", message=message)
            logger.warning("failed stuck %s job %s (was %s)", kind.key, job.pk, job.state)
            failed += 1
    return failed
