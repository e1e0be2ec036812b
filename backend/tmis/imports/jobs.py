"""Background tasks of imports (procrastinate; see tmis.core.jobs)."""

from __future__ import annotations

from procrastinate.contrib.django import app


@app.task(name="imports.run", queue="imports")
def import_run(import_id: int) -> None:
    from .pipeline import run_import  # tasks are discovered at start-up; the pipeline loads when a job runs

    run_import(import_id)
