"""Background tasks of exports (procrastinate; see tmis.core.jobs)."""

from __future__ import annotations

from procrastinate.contrib.django import app

from tmis.core.jobs import TRANSIENT_RETRY


@app.task(name="exports.run", queue="exports", retry=TRANSIENT_RETRY)
def export_run(job_id: int) -> None:
    from .writer import run_export  # tasks are discovered at start-up; the writer loads when a job runs

    run_export(job_id)
