"""The standings follow the archive: every two minutes the archives written since the last run (`refresh`: a
transfer moves a teacher's hours to the new school's tally, a leaving takes them out); every night a full rebuild
(the pace of a cycle moves with the date, a school moved in the tree stamps no archive)."""

from __future__ import annotations

from asgiref.sync import sync_to_async
from procrastinate.contrib.django import app

from tmis.core.jobs import TRANSIENT_RETRY

from .standings import rebuild, refresh


@app.periodic(cron="*/2 * * * *")
@app.task(name="training.refresh_standings", queue="maintenance", queueing_lock="training_refresh")
async def refresh_standings(timestamp: int) -> None:
    await sync_to_async(refresh)()


@app.periodic(cron="53 2 * * *")  # 02:53 every night, after the reports' and the quality rebuilds
@app.task(name="training.rebuild_standings", queue="maintenance", queueing_lock="training_rebuild")
async def rebuild_standings(timestamp: int) -> None:
    await sync_to_async(rebuild)()


@app.task(name="training.rebuild_province", queue="maintenance", retry=TRANSIENT_RETRY)
def rebuild_province(province: str) -> None:
    """Every standing of one province by its new rules (a rules change: ~35 s at 1,000,000 teachers, so never inside
    the request that changed them)."""
    rebuild(province=province)
