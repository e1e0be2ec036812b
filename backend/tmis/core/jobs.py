"""Background jobs: procrastinate on the same PostgreSQL (ARCHITECTURE §1, §7a). Each app declares its tasks in
`jobs.py` (autodiscovered) and registers its kind (`tmis.core.job_kinds`); jobs move through their states by
`tmis.core.job_services`; `manage.py jobs_worker` runs them.

- `enqueue` defers the task when the caller's transaction commits (`transaction.on_commit`): a worker never picks up
  a job whose row it cannot see yet, and a rolled-back start enqueues nothing. `TMIS_JOBS_INLINE` (tests) runs the
  task at once, in the caller's transaction.
- Transient database errors (deadlock, serialization failure, lock timeout, a lost connection) are retried: the
  start in-process with backoff (`retrying`), the whole task by procrastinate (`TRANSIENT_RETRY`).
- A worker that dies mid-job leaves it in `doing`; the next worker to start, and a periodic task in every running
  worker, give such stalled jobs (no heartbeat for `TMIS_JOB_STALLED_SECONDS`) back to the queue, then fail the
  jobs that no worker will run any more (`job_services.jobs_fail_stuck`) with a reason their owner reads. Tasks
  are written to be run again: each commits its progress with its writes and continues after it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import InterfaceError, OperationalError, connection, transaction
from procrastinate import BaseRetryStrategy, RetryDecision
from procrastinate.contrib.django import app

logger = logging.getLogger(__name__)

QUEUES = ("imports", "exports", "maintenance")
#: deadlock_detected, serialization_failure, lock_not_available, admin/crash shutdown, cannot_connect_now
TRANSIENT_SQLSTATES = frozenset({"40P01", "40001", "55P03", "57P01", "57P02", "57P03"})

T = TypeVar("T")


def is_transient(error: BaseException) -> bool:
    """A database error that the same statement may not meet again: worth retrying."""
    if not isinstance(error, OperationalError | InterfaceError):
        return False
    cause = error.__cause__
    sqlstate = getattr(cause, "sqlstate", None)
    if sqlstate is None:
        return True  # no answer from the server: the connection was lost
    return sqlstate in TRANSIENT_SQLSTATES or sqlstate.startswith("08")  # class 08: connection exception


def retrying(work: Callable[[], T], *, attempts: int | None = None, first_wait: float | None = None) -> T:
    """Runs `work` (one transaction), again after a transient database error: waits first_wait, 2×, 4× … seconds
    between at most `attempts` tries, then lets the last error through."""
    attempts = attempts or settings.TMIS_JOB_START_ATTEMPTS
    wait = settings.TMIS_JOB_RETRY_WAIT_SECONDS if first_wait is None else first_wait
    for attempt in range(1, attempts + 1):
        try:
            return work()
        except (OperationalError, InterfaceError) as error:
            if attempt == attempts or not is_transient(error):
                raise
            logger.warning("transient database error (attempt %d of %d): %s", attempt, attempts, error)
            if not connection.in_atomic_block:
                connection.close_if_unusable_or_obsolete()  # a lost connection is opened again by the next query
            time.sleep(wait * 2 ** (attempt - 1))
    raise AssertionError("unreachable")


class TransientRetry(BaseRetryStrategy):
    """procrastinate's retry of a task: only after a transient database error, with exponential backoff."""

    def __init__(self, max_attempts: int, first_wait: float) -> None:
        self.max_attempts = max_attempts
        self.first_wait = first_wait

    def get_retry_decision(self, *, exception: BaseException, job: Any) -> RetryDecision | None:
        if job.attempts + 1 >= self.max_attempts or not is_transient(exception):
            return None
        return RetryDecision(retry_in={"seconds": self.first_wait * 2**job.attempts})


TRANSIENT_RETRY = TransientRetry(settings.TMIS_JOB_TASK_ATTEMPTS, settings.TMIS_JOB_RETRY_WAIT_SECONDS * 10)


def enqueue(task: Any, **kwargs: Any) -> None:
    """Queue a task when the current transaction commits (or, with TMIS_JOBS_INLINE, run it now)."""
    if settings.TMIS_JOBS_INLINE:
        task(**kwargs)
    else:
        transaction.on_commit(lambda: task.defer(**kwargs))


async def requeue_stalled_jobs() -> int:
    """Put the jobs of dead workers back in their queue. Returns how many."""
    jobs = await app.job_manager.get_stalled_jobs(seconds_since_heartbeat=settings.TMIS_JOB_STALLED_SECONDS)
    count = 0
    for job in jobs:
        logger.warning("requeueing stalled job %s (%s)", job.id, job.task_name)
        await app.job_manager.retry_job(job)
        count += 1
    return count


async def check_stalled_jobs() -> tuple[int, int]:
    """The worker's stall check: (jobs requeued, jobs failed because nothing will run them)."""
    from tmis.core.job_services import jobs_fail_stuck  # the lifecycle imports this module

    requeued = await requeue_stalled_jobs()
    failed = await sync_to_async(jobs_fail_stuck)()
    return requeued, failed


@app.periodic(cron="* * * * *")
@app.task(name="maintenance.requeue_stalled", queue="maintenance", queueing_lock="requeue_stalled")
async def requeue_stalled(timestamp: int) -> None:
    await check_stalled_jobs()
