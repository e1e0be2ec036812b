"""The writing half of the import pipeline: one batch of parsed rows → one transaction.

A batch's new archives (one COPY), its updates (a savepoint each), its problems and the job's counters and checkpoint
commit together, so a crash loses at most the batch in flight, which the restarted job does again from the
checkpoint: no row is written twice. A bad row never blocks the others: a conflicting insert falls back to a
savepoint per row. Every written row carries the uploader and the import in its history (pghistory context).

A batch is written in two steps. `prepare` (the pipeline's thread) looks up the batch's ID documents, sorts its rows
into new archives, updates and conflicts, and has psycopg format the new archives as COPY data; `commit` sends it
all in one transaction. `write_all` runs the commits in a writer thread with its own connection, so PostgreSQL's
work on a batch (index insertions, history rows, foreign-key checks at commit) overlaps the parsing of the next one;
the thread's own Python is a handful of calls a batch, so the two threads seldom wait for each other's GIL. (A first
writer thread that also formatted the rows gained nothing: 43.2 s against 43.1 s for 100,000 rows.)
"""

from __future__ import annotations

import queue
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import TracebackType

import pghistory
from django.db import IntegrityError, connection, transaction
from django.utils import translation

from tmis.core import crypto
from tmis.core.errors import AppError
from tmis.core.etag import Precondition
from tmis.core.messages import stored_of
from tmis.core.scope import path_in_scope
from tmis.teachers.bulk import teachers_bulk_create, teachers_copy_rows, teachers_copy_write
from tmis.teachers.models import Teacher
from tmis.teachers.services import teacher_conflict, teacher_update

from .models import ImportJob, ImportMode, ImportProblem, Severity
from .rows import ParsedRow, Problem


@dataclass
class PreparedBatch:
    batch: list[ParsedRow]
    last_index: int  # the checkpoint the batch reaches
    creates: list[ParsedRow] = field(default_factory=list)
    updates: list[tuple[ParsedRow, Teacher]] = field(default_factory=list)
    copy_data: bytes = b""
    seconds: float = 0.0


JOB_COUNTERS = [
    "progress_done",
    "rows_failed",
    "rows_valid",
    "rows_written",
    "rows_updated",
    "rows_warned",
    "checkpoint",
]


class BatchWriter:
    """Writes batches of one import job (the job's counters are this object's to change while it runs)."""

    def __init__(self, job: ImportJob, timings: dict[str, float]) -> None:
        self.job = job
        self.actor = job.owner
        self.timings = timings

    def write(self, batch: list[ParsedRow], last_index: int) -> None:
        self.commit(self.prepare(batch, last_index))

    def prepare(self, batch: list[ParsedRow], last_index: int) -> PreparedBatch:
        """The batch sorted into new archives (formatted as COPY data), updates and conflicts (their problems noted)."""
        started = time.perf_counter()
        prepared = PreparedBatch(batch, last_index)
        good = [row for row in batch if not row.failed and row.checked is not None]
        existing = {
            t.id_digest: t
            for t in Teacher.objects.select_related("school").filter(id_digest__in=[r.checked.digest for r in good])
        }
        with translation.override(self.job.language):  # problems in the uploader's language
            for row in good:
                found = existing.get(row.checked.digest)
                if found is None:
                    prepared.creates.append(row)
                elif self.job.mode == ImportMode.UPSERT and path_in_scope(found.org_path, self.actor):
                    prepared.updates.append((row, found))
                else:
                    conflict = teacher_conflict(actor=self.actor, existing=found)
                    row.problems.append(Problem("", "id_number", "", conflict.code, str(conflict.detail)))
        if prepared.creates and not self.job.dry_run:
            prepared.copy_data = teachers_copy_rows(actor=self.actor, rows=[r.checked for r in prepared.creates])
        prepared.seconds = time.perf_counter() - started
        return prepared

    def commit(self, prepared: PreparedBatch) -> None:
        """One transaction: the new archives, the updates, the problems, the counters and the checkpoint."""
        started = time.perf_counter()
        counts = {"created": 0, "updated": 0}
        with (
            translation.override(self.job.language),
            transaction.atomic(),
            pghistory.context(user=self.actor.pk, import_job=self.job.pk),
        ):
            with connection.cursor() as cursor:
                # The batch and the job's checkpoint commit together: a batch lost in a crash is done again from
                # the checkpoint, so the import gives up nothing by not waiting for the disk at each commit. (The
                # statement also carries pghistory's context into this transaction.)
                cursor.execute("SET LOCAL synchronous_commit = off")
            if not self.job.dry_run:
                counts["created"] = self._create(prepared)
                counts["updated"] = self._update(prepared.updates)
            else:
                counts["created"], counts["updated"] = len(prepared.creates), len(prepared.updates)
            seconds = prepared.seconds + time.perf_counter() - started
            self.record_batch(prepared.batch, counts, prepared.last_index, seconds)

    def _create(self, prepared: PreparedBatch) -> int:
        rows = prepared.creates
        if not rows:
            return 0
        try:
            with transaction.atomic():
                teachers_copy_write(prepared.copy_data)
            return len(rows)
        except IntegrityError:  # someone registered one of these documents meanwhile: row by row
            written = 0
            for row in rows:
                try:
                    with transaction.atomic():
                        teachers_bulk_create(actor=self.actor, rows=[row.checked])
                    written += 1
                except IntegrityError:
                    found = Teacher.objects.select_related("school").get(id_digest=row.checked.digest)
                    conflict = teacher_conflict(actor=self.actor, existing=found)
                    row.problems.append(Problem("", "id_number", "", conflict.code, str(conflict.detail)))
            return written

    def _update(self, rows: list[tuple[ParsedRow, Teacher]]) -> int:
        written = 0
        for row, teacher in rows:
            checked = row.checked
            data = dict(checked.values) | {"extra": teacher.extra | checked.extra}
            try:
                with transaction.atomic():
                    teacher_update(
                        actor=self.actor, teacher_id=teacher.pk, precondition=Precondition.of(teacher), data=data
                    )
                written += 1
            except AppError as error:
                details = [f"{key}: {e['message']}" for key, issues in (error.errors or {}).items() for e in issues]
                message = "；".join([str(error.detail), *details])
                row.problems.append(Problem("", "", "", error.code, message))
        return written

    def record_batch(
        self, batch: list[ParsedRow], counts: dict[str, int], last_index: int, seconds: float, done: int | None = None
    ) -> None:
        """`done`: the job's progress after the batch, when it is not one unit a row (group sheets)."""
        job = self.job
        problems = [
            ImportProblem(
                job=job,
                sheet=row.sheet,
                row=row.number,
                column=p.column[:100],
                field=p.field[:80],
                value=(crypto.mask(p.value) if p.field == "id_number" and p.value else p.value)[:200],
                code=p.code[:40],
                message=str(p.message)[:500],
                params=stored_of(p.message),
                severity=p.severity,
            )
            for row in batch
            for p in row.problems
        ]
        ImportProblem.objects.bulk_create(problems, batch_size=2000)
        failed = sum(1 for row in batch if row.failed)
        job.progress_done = job.progress_done + len(batch) if done is None else done  # rows read
        job.rows_failed += failed
        job.rows_valid += len(batch) - failed
        job.rows_written += counts["created"]
        job.rows_updated += counts["updated"]
        job.rows_warned += sum(
            1 for row in batch if not row.failed and any(p.severity == Severity.WARNING for p in row.problems)
        )
        job.checkpoint = last_index
        self.timings["write"] = round(self.timings.get("write", 0.0) + seconds, 3)
        job.timings = dict(self.timings)
        job.save(update_fields=[*JOB_COUNTERS, "timings"])


def write_all(writer: BatchWriter, batches: Iterable[tuple[list[ParsedRow], int]], *, threaded: bool) -> None:
    """Writes (batch, checkpoint) pairs in order: here, or with the commits in a writer thread (at most two batches
    wait for it, so memory stays bounded when parsing runs ahead of the database)."""
    if not threaded:
        for batch, last_index in batches:
            writer.write(batch, last_index)
        return
    with _short_switch_interval(), WriterThread(writer.commit) as thread:
        for batch, last_index in batches:
            thread.put(writer.prepare(batch, last_index))


@contextmanager
def _short_switch_interval(seconds: float = 0.001) -> Iterator[None]:
    """The writer thread wakes from the database and needs the GIL for a few calls: with CPython's default of 5 ms it
    would often wait for the parsing thread that long."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(min(before, seconds))
    try:
        yield
    finally:
        sys.setswitchinterval(before)


class WriterThread:
    """A thread with its own database connection that commits each prepared batch put, in order."""

    STOP = None

    def __init__(self, commit: Callable[[PreparedBatch], None]) -> None:
        self._commit = commit
        self._queue: queue.Queue[PreparedBatch | None] = queue.Queue(maxsize=2)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="import-writer", daemon=True)

    def __enter__(self) -> WriterThread:
        self._thread.start()
        return self

    def put(self, prepared: PreparedBatch) -> None:
        while True:
            self._raise_if_failed()
            try:
                self._queue.put(prepared, timeout=0.5)
                return
            except queue.Full:
                continue

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        while self._thread.is_alive():  # a writer that failed has stopped taking batches
            try:
                self._queue.put(self.STOP, timeout=0.5)
                break
            except queue.Full:
                continue
        self._thread.join()
        if kind is None:
            self._raise_if_failed()

    def _raise_if_failed(self) -> None:
        if self._error is not None:
            raise self._error

    def _run(self) -> None:
        try:
            while (prepared := self._queue.get()) is not self.STOP:
                self._commit(prepared)
        except BaseException as error:  # handed to the pipeline's thread, which fails the job
            self._error = error
        finally:
            connection.close()  # this thread's own connection
