"""How far an import has got in opening its file, before its rows are counted (issue 19: progress moves at least
once a second on a large file).

python-calamine loads a worksheet in one call (about 3 s for 100,000 rows of the template, 140 MB of XML) and says
nothing while it works, so the percent is measured between sheets and estimated within one: each sheet weighs its
unpacked XML, and while it loads a timer thread moves the percent at the rate calamine reads (LOAD_BYTES_PER_SECOND),
never past ESTIMATE_CAP of the sheet until the load has really ended. Then the basic sheet's first pass over its rows
(ID documents twice in the file) weighs FIRST_PASS_SHARE of the loading and moves the percent every PASS_ROWS rows.
The percent is `ImportJob.opened_percent`; the rows' progress (`progress_done` of `progress_total`) starts after it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

from .group_sheets import GroupSheet
from .models import ImportJob
from .sheets import sheet_bytes

#: calamine's pace on the 2-CPU reference machine (142 MB of worksheet XML loaded in 2.7–2.9 s), kept low so that a
#: slower machine's estimate is not ahead of the load for long.
LOAD_BYTES_PER_SECOND = 40_000_000
#: Of a sheet, the most the estimate claims before its load has ended.
ESTIMATE_CAP = 0.9
TICK_SECONDS = 0.25
#: Below this a sheet loads in well under a second: no timer thread for it.
SMALL_SHEET_BYTES = 8_000_000
#: The first pass over the basic sheet's rows against the loading of every sheet (100,000 template rows: about 1 s
#: against 3 s).
FIRST_PASS_SHARE = 0.3
PASS_ROWS = 5_000


class OpeningProgress:
    """The percent of a job's sheets opened; `loading(name)` around each sheet's opening."""

    def __init__(self, job: ImportJob, sizes: Mapping[str, int], names: list[str], *, first_pass: bool) -> None:
        self.job = job
        known = [sizes[name] for name in names if name in sizes]
        fallback = max(known, default=1)
        self._sizes = {name: max(1, sizes.get(name, fallback)) for name in names}
        loading = sum(self._sizes.values()) or 1
        self._pass = int(loading * FIRST_PASS_SHARE) if first_pass else 0
        self._total = loading + self._pass
        self._loaded = 0
        self._percent = -1

    def passed(self, rows: int, of: int) -> None:
        """The first pass has read `rows` of the basic sheet's `of` rows (reported every PASS_ROWS and at the end)."""
        if rows == of or not rows % PASS_ROWS:
            self._report(self._loaded + (self._pass * rows) // max(1, of))

    def done(self) -> None:
        """Everything before the rows' progress is over (a workbook of group sheets only, or no basic rows)."""
        self._report(self._total)

    @contextmanager
    def loading(self, name: str) -> Iterator[None]:
        size = self._sizes.get(name, 1)
        # A timer thread writes through its own connection: only when this one holds no open transaction (a job run
        # inline in a transaction keeps the job row locked, and the thread would wait for it).
        timed = size >= SMALL_SHEET_BYTES and not connection.in_atomic_block
        stop = threading.Event()
        thread = threading.Thread(target=self._tick, args=(size, stop), daemon=True) if timed else None
        if thread is not None:
            thread.start()
        try:
            yield
        finally:
            stop.set()
            if thread is not None:
                thread.join()
        self._loaded += size
        self._report(self._loaded)

    def _tick(self, size: int, stop: threading.Event) -> None:
        started = time.perf_counter()
        try:
            while not stop.wait(TICK_SECONDS):
                estimate = min((time.perf_counter() - started) * LOAD_BYTES_PER_SECOND, size * ESTIMATE_CAP)
                self._report(self._loaded + int(estimate))
        finally:
            connection.close()

    def _report(self, loaded: int) -> None:
        percent = min(100, loaded * 100 // self._total)
        if percent != self._percent:
            self._percent = self.job.opened_percent = percent
            ImportJob.objects.filter(pk=self.job.pk).update(opened_percent=percent)


def opening_progress(
    job: ImportJob, path: Path, basic: str | None, planned: list[tuple[str, GroupSheet]]
) -> OpeningProgress:
    """The opening of a job's file: its basic sheet (None: none) and the group sheets it will load, each weighing
    what loading it unpacks (a CSV file: its size)."""
    sizes = sheet_bytes(path)
    if "" in sizes and basic is not None:
        sizes = {basic: sizes[""]}
    names = ([basic] if basic is not None else []) + [name for name, group in planned if not group.owned]
    return OpeningProgress(job, sizes, names, first_pass=basic is not None)
