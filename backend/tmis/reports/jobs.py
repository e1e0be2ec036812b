"""The summary tables follow the archive: every minute the writes since the last run (`refresh`); every night a
full rebuild (what no `change_seq` stamps — a school's class or kind changing — and the year's age bands)."""

from __future__ import annotations

from asgiref.sync import sync_to_async
from procrastinate.contrib.django import app

from .refresh import rebuild, refresh


@app.periodic(cron="* * * * *")
@app.task(name="reports.refresh_summary", queue="maintenance", queueing_lock="reports_refresh")
async def refresh_summary(timestamp: int) -> None:
    await sync_to_async(refresh)()


@app.periodic(cron="17 2 * * *")  # 02:17 every night
@app.task(name="reports.rebuild_summary", queue="maintenance", queueing_lock="reports_rebuild")
async def rebuild_summary(timestamp: int) -> None:
    await sync_to_async(rebuild)()
