"""Background tasks of imports (procrastinate; see tmis.core.jobs)."""

from __future__ import annotations

from procrastinate.contrib.django import app

from tmis.core.jobs import TRANSIENT_RETRY


@app.task(name="imports.run", queue="imports", retry=TRANSIENT_RETRY)
def import_run(job_id: int) -> None:
    from .pipeline import run_import  # tasks are discovered at start-up; the pipeline loads when a job runs

    run_import(job_id)
