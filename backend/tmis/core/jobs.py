"""Background jobs: procrastinate on the same PostgreSQL (ARCHITECTURE §1). Each app declares its tasks in `jobs.py`
(autodiscovered); web code enqueues through `enqueue`, and `manage.py jobs_worker` runs them.

- Deferring goes through Django's own connection, so a job and the rows that describe it commit together.
- `TMIS_JOBS_INLINE` (tests) runs a task at once in the caller, inside the caller's transaction.
- A worker that dies mid-job leaves it in `doing`; the next worker to start, and a periodic task in every running
  worker, give such stalled jobs (no heartbeat for `TMIS_JOB_STALLED_SECONDS`) back to the queue. Tasks are written
  to be run again: each commits its progress with its writes and continues after it.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from procrastinate.contrib.django import app

logger = logging.getLogger(__name__)

QUEUES = ("imports", "exports", "maintenance")


def enqueue(task: Any, **kwargs: Any) -> None:
    """Queue a task (or, with TMIS_JOBS_INLINE, run it now)."""
    if settings.TMIS_JOBS_INLINE:
        task(**kwargs)
    else:
        task.defer(**kwargs)


async def requeue_stalled_jobs() -> int:
    """Put the jobs of dead workers back in their queue. Returns how many."""
    jobs = await app.job_manager.get_stalled_jobs(seconds_since_heartbeat=settings.TMIS_JOB_STALLED_SECONDS)
    count = 0
    for job in jobs:
        logger.warning("requeueing stalled job %s (%s)", job.id, job.task_name)
        await app.job_manager.retry_job(job)
        count += 1
    return count


@app.periodic(cron="* * * * *")
@app.task(name="maintenance.requeue_stalled", queue="maintenance", queueing_lock="requeue_stalled")
async def requeue_stalled(timestamp: int) -> None:
    await requeue_stalled_jobs()
