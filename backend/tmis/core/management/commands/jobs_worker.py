"""`manage.py jobs_worker`: run background jobs (imports, exports …) until stopped."""

from __future__ import annotations

import asyncio
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from procrastinate.contrib.django import app

from tmis.core.jobs import QUEUES, check_stalled_jobs


class Command(BaseCommand):
    help = (
        "Run the background job worker (first giving the jobs of dead workers back to the queue and failing the "
        "jobs that nothing will run)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--once", action="store_true", help="Stop when the queues are empty (tests, cron).")

    def handle(self, *args: Any, once: bool = False, **options: Any) -> None:
        heartbeat = settings.TMIS_JOB_HEARTBEAT_SECONDS

        async def main() -> None:
            async with app.open_async():
                requeued, failed = await check_stalled_jobs()
                if requeued or failed:
                    self.stderr.write(f"requeued {requeued} stalled job(s), failed {failed} stuck job(s)")
                await app.run_worker_async(
                    queues=list(QUEUES),
                    concurrency=1,
                    wait=not once,
                    update_heartbeat_interval=heartbeat,
                    stalled_worker_timeout=heartbeat * 3,
                    fetch_job_polling_interval=settings.TMIS_JOB_POLL_SECONDS,
                    install_signal_handlers=True,
                )

        with app.replace_connector(app.connector.get_worker_connector()):
            asyncio.run(main())
