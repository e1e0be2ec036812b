"""Bulk writes of new archives (imports): checked rows → COPY data → the archive table, without model instances.

The rows are formatted by psycopg (`FileWriter`, no server round trip) where the caller parses, and written where it
commits — the import writes them from its writer thread. What a row stores is what `teacher_create` would store."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.db import connection
from django.utils import timezone
from psycopg.copy import Copy, FileWriter
from psycopg.types.json import Jsonb

from . import numbers
from .models import Teacher
from .writes import ARCHIVE_ROW_COLUMNS, CheckedTeacher, actor_id, archive_row, change_seqs, number_prefix

_COPY_SQL = "COPY teachers_teacher ({}) FROM STDIN".format(
    ", ".join(f'"{Teacher._meta.get_field(name).column}"' for name in ARCHIVE_ROW_COLUMNS)
)


def copy_values(
    checked: CheckedTeacher, *, teacher_no: str, change_seq: int, by_id: int | None, now: dt.datetime
) -> list:
    """A new archive as the values COPY writes, in `ARCHIVE_ROW_COLUMNS` order: the row `writes.archive_row`
    builds (what `teacher_create` stores), with its JSON as psycopg's Jsonb."""
    row = archive_row(checked, teacher_no=teacher_no, by_id=by_id, change_seq=change_seq, now=now)
    row["extra"] = Jsonb(row["extra"])
    return [row[name] for name in ARCHIVE_ROW_COLUMNS]


def teachers_bulk_create(*, actor: Any, rows: list[CheckedTeacher]) -> int:
    """Inserts checked new archives by COPY (imports). Row-history triggers fire as for any insert, with the caller's
    history context. The caller runs it in a transaction (or savepoint) and has ruled out known duplicates; a
    concurrent one raises IntegrityError for the whole batch. Returns how many were inserted."""
    if not rows:
        return 0
    with connection.cursor() as cursor:
        # A WITH statement, not a bare SELECT: pghistory attaches its history context (user, import) to statements
        # that may write, and the context then holds for this transaction — the COPY below included.
        cursor.execute("WITH history_context AS (SELECT 1) SELECT 1")
    teachers_copy_write(teachers_copy_rows(actor=actor, rows=rows))
    return len(rows)


def teachers_copy_rows(*, actor: Any, rows: list[CheckedTeacher]) -> bytes:
    """New archives as COPY data (text format, formatted by psycopg without a server round trip): their teacher
    numbers and change-sequence values are taken now, one round trip each (numbers are never reused: a batch that is
    not written leaves a gap, as any sequence does)."""
    year = dt.date.today().year
    by_prefix: dict[str, list[int]] = {}
    for index, checked in enumerate(rows):
        by_prefix.setdefault(number_prefix(checked.school), []).append(index)
    teacher_nos: list[str] = [""] * len(rows)
    for prefix, indexes in by_prefix.items():
        allocated = numbers.allocate_many(prefix=prefix, year=year, count=len(indexes))
        for index, number in zip(indexes, allocated, strict=True):
            teacher_nos[index] = number
    by = actor_id(actor)
    now = timezone.now()
    data = io.BytesIO()
    sequence = change_seqs(len(rows))
    with connection.cursor() as cursor:
        formatter = cursor.cursor.connection.cursor()  # a cursor that ran nothing: psycopg formats, sends nothing
        with Copy(formatter, writer=FileWriter(data)) as copy:
            for checked, teacher_no, change_seq in zip(rows, teacher_nos, sequence, strict=True):
                copy.write_row(copy_values(checked, teacher_no=teacher_no, change_seq=change_seq, by_id=by, now=now))
    return data.getvalue()


def teachers_copy_write(data: bytes) -> None:
    """Writes COPY data made by `teachers_copy_rows` into the archive table (in the caller's transaction). A document
    registered meanwhile raises Django's IntegrityError (psycopg's own error, unwrapped, would escape the callers'
    fallbacks)."""
    with connection.cursor() as cursor, connection.wrap_database_errors, cursor.cursor.copy(_COPY_SQL) as copy:
        copy.write(data)
