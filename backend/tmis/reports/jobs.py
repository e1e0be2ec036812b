"""The summary tables follow the archive: every minute the writes since the last run (`refresh`); every night a
full rebuild (what no `change_seq` stamps — a school's class or kind changing — and the year's age bands); on the
1st of each month the monthly report's snapshot of the month just ended."""

from __future__ import annotations

import datetime as dt

from asgiref.sync import sync_to_async
from django.utils import timezone
from procrastinate.contrib.django import app

from .monthly import take_snapshot
from .refresh import rebuild, refresh


@app.periodic(cron="* * * * *")
@app.task(name="reports.refresh_summary", queue="maintenance", queueing_lock="reports_refresh")
async def refresh_summary(timestamp: int) -> None:
    await sync_to_async(refresh)()


@app.periodic(cron="17 2 * * *")  # 02:17 every night
@app.task(name="reports.rebuild_summary", queue="maintenance", queueing_lock="reports_rebuild")
async def rebuild_summary(timestamp: int) -> None:
    await sync_to_async(rebuild)()


@app.periodic(cron="5 1 1 * *")  # 01:05 on the 1st of every month: the month just ended
@app.task(name="reports.monthly_snapshot", queue="maintenance", queueing_lock="reports_monthly")
async def monthly_snapshot(timestamp: int) -> None:
    await sync_to_async(take_snapshot)(period=previous_month(timestamp))


def previous_month(timestamp: int) -> str:
    """The month before the one `timestamp` (the job's scheduled time, local) falls in: the report of the 1st."""
    day = dt.datetime.fromtimestamp(timestamp, tz=timezone.get_current_timezone()).date().replace(day=1)
    return (day - dt.timedelta(days=1)).strftime("%Y-%m")
