"""The daily end of temporary states: approved secondments and leaves whose end date has passed (services)."""

from __future__ import annotations

from asgiref.sync import sync_to_async
from procrastinate.contrib.django import app

from .services import end_due_states


@app.periodic(cron="7 1 * * *")  # 01:07 every day, after midnight: the states that ended yesterday
@app.task(name="maintenance.end_temporary_states", queue="maintenance", queueing_lock="end_temporary_states")
async def end_temporary_states_daily(timestamp: int) -> None:
    await sync_to_async(end_due_states)()
