"""The audit trail's daily purge (docs/SECURITY-audit.md): events older than TMIS_AUDIT_RETENTION_DAYS go, and the
purge records how many it removed."""

from __future__ import annotations

from asgiref.sync import sync_to_async
from procrastinate.contrib.django import app

from .services import audit_purge


@app.periodic(cron="17 3 * * *")  # 03:17 every day, a quiet hour
@app.task(name="maintenance.audit_purge", queue="maintenance", queueing_lock="audit_purge")
async def audit_purge_daily(timestamp: int) -> None:
    await sync_to_async(audit_purge)()
