"""The quality tables follow the archive: every two minutes the writes since the last run (`refresh`), every night a
full rebuild (the age rules move with the date; a school moved in the tree stamps no archive)."""

from __future__ import annotations

from asgiref.sync import sync_to_async
from procrastinate.contrib.django import app

from .refresh import rebuild, refresh


@app.periodic(cron="*/2 * * * *")
@app.task(name="quality.refresh_issues", queue="maintenance", queueing_lock="quality_refresh")
async def refresh_issues(timestamp: int) -> None:
    await sync_to_async(refresh)()


@app.periodic(cron="47 2 * * *")  # 02:47 every night, after the reports' rebuild
@app.task(name="quality.rebuild_issues", queue="maintenance", queueing_lock="quality_rebuild")
async def rebuild_issues(timestamp: int) -> None:
    await sync_to_async(rebuild)()
