"""Background tasks of exports (procrastinate; see tmis.core.jobs)."""

from __future__ import annotations

from procrastinate.contrib.django import app


@app.task(name="exports.run", queue="exports")
def export_run(export_id: int) -> None:
    from .writer import run_export  # tasks are discovered at start-up; the writer loads when a job runs

    run_export(export_id)
