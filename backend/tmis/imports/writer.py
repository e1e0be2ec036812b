"""The writing half of the import pipeline: one batch of parsed rows → one transaction.

A batch's new archives (one COPY), its updates (a savepoint each), its problems and the job's counters and checkpoint
commit together, so a crash loses at most the batch in flight, which the restarted job does again from the
checkpoint: no row is written twice. A bad row never blocks the others: a conflicting insert falls back to a
savepoint per row. Every written row carries the uploader and the import in its history (pghistory context).

(A writer thread on its own connection, so that PostgreSQL's end-of-batch work — history rows, foreign-key checks at
commit — would overlap the parsing of the next batch, was measured and dropped: both threads need the GIL for their
Python, and 100,000 rows took the same time, 43 s, with it as without.)
"""

from __future__ import annotations

import time

import pghistory
from django.db import IntegrityError, connection, transaction
from django.utils import translation

from tmis.core import crypto
from tmis.core.errors import AppError
from tmis.core.scope import path_in_scope
from tmis.teachers.models import Teacher
from tmis.teachers.services import teacher_conflict, teacher_update, teachers_bulk_create

from .models import ImportJob, ImportMode, ImportProblem, Severity
from .rows import ParsedRow, Problem

JOB_COUNTERS = ["rows_read", "rows_failed", "rows_valid", "rows_written", "rows_updated", "rows_warned", "checkpoint"]


class BatchWriter:
    """Writes batches of one import job (the job's counters are this object's to change while it runs)."""

    def __init__(self, job: ImportJob, timings: dict[str, float]) -> None:
        self.job = job
        self.actor = job.owner
        self.timings = timings

    def write(self, batch: list[ParsedRow], last_index: int) -> None:
        with translation.override(self.job.language):  # problems in the uploader's language
            self._write(batch, last_index)

    def _write(self, batch: list[ParsedRow], last_index: int) -> None:
        started = time.perf_counter()
        good = [row for row in batch if not row.failed and row.checked is not None]
        existing = {
            t.id_digest: t
            for t in Teacher.objects.select_related("school").filter(id_digest__in=[r.checked.digest for r in good])
        }
        creates: list[ParsedRow] = []
        updates: list[tuple[ParsedRow, Teacher]] = []
        for row in good:
            found = existing.get(row.checked.digest)
            if found is None:
                creates.append(row)
            elif self.job.mode == ImportMode.UPSERT and path_in_scope(found.org_path, self.actor):
                updates.append((row, found))
            else:
                conflict = teacher_conflict(actor=self.actor, existing=found)
                row.problems.append(Problem("", "id_number", "", conflict.code, str(conflict.detail)))
        counts = {"created": 0, "updated": 0}
        with transaction.atomic(), pghistory.context(user=self.actor.pk, import_job=self.job.pk):
            with connection.cursor() as cursor:
                # The batch and the job's checkpoint commit together: a batch lost in a crash is done again from
                # the checkpoint, so the import gives up nothing by not waiting for the disk at each commit.
                cursor.execute("SET LOCAL synchronous_commit = off")
            if not self.job.dry_run:
                counts["created"] = self._create(creates)
                counts["updated"] = self._update(updates)
            else:
                counts["created"], counts["updated"] = len(creates), len(updates)
            self._record(batch, counts, last_index, time.perf_counter() - started)

    def _create(self, rows: list[ParsedRow]) -> int:
        if not rows:
            return 0
        try:
            with transaction.atomic():
                teachers_bulk_create(actor=self.actor, rows=[r.checked for r in rows])
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
                    teacher_update(actor=self.actor, teacher_id=teacher.pk, expected_version=teacher.version, data=data)
                written += 1
            except AppError as error:
                details = [f"{key}: {e['message']}" for key, issues in (error.errors or {}).items() for e in issues]
                message = "；".join([str(error.detail), *details])
                row.problems.append(Problem("", "", "", error.code, message))
        return written

    def _record(self, batch: list[ParsedRow], counts: dict[str, int], last_index: int, seconds: float) -> None:
        job = self.job
        problems = [
            ImportProblem(
                job=job,
                row=row.number,
                column=p.column[:100],
                field=p.field[:80],
                value=(crypto.mask(p.value) if p.field == "id_number" and p.value else p.value)[:200],
                code=p.code[:40],
                message=str(p.message)[:500],
                severity=p.severity,
            )
            for row in batch
            for p in row.problems
        ]
        ImportProblem.objects.bulk_create(problems, batch_size=2000)
        failed = sum(1 for row in batch if row.failed)
        job.rows_read += len(batch)
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
