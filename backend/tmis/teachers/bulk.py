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

from tmis.core import crypto

from . import numbers
from .models import Teacher
from .pinyin import name_pinyin
from .services import ID_CONTEXT, CheckedTeacher, number_prefix

_COPY_FIELDS = [f for f in Teacher._meta.concrete_fields if not f.primary_key]
_COPY_SQL = "COPY teachers_teacher ({}) FROM STDIN".format(", ".join(f'"{f.column}"' for f in _COPY_FIELDS))


#: What COPY writes for the columns a new archive leaves at their defaults (computed once, not per row).
_COPY_DEFAULTS = {f.attname: f.get_default() for f in _COPY_FIELDS}
_COPY_ATTNAMES = tuple(f.attname for f in _COPY_FIELDS)


def _copy_row(checked: CheckedTeacher, *, teacher_no: str, change_seq: int, by: int | None, now: dt.datetime) -> list:
    """A new archive as the row COPY writes: what `_new_teacher` + `save()` would store, without a model instance."""
    school, number = checked.school, checked.number
    key_id, cipher = crypto.encrypt(number, context=ID_CONTEXT)
    pinyin, initials = name_pinyin(checked.values["name"])
    given = _COPY_DEFAULTS | checked.values
    given.update(
        teacher_no=teacher_no,
        school_id=school.pk,
        org_path=school.path,
        province_code=school.province_code,
        id_key=key_id,
        id_cipher=cipher,
        id_digest=checked.digest,
        id_masked=crypto.mask(number),
        extra=Jsonb(checked.extra),
        name_pinyin=pinyin,
        name_initials=initials,
        catalogue_version=checked.version,
        change_seq=change_seq,
        created_by_id=by,
        updated_by_id=by,
        created_at=now,
        updated_at=now,
    )
    return [given[name] for name in _COPY_ATTNAMES]


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
    by = actor.pk if getattr(actor, "pk", None) else None
    now = timezone.now()
    data = io.BytesIO()
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval('teacher_change_seq') FROM generate_series(1, %s)", [len(rows)])
        sequence = [value for (value,) in cursor.fetchall()]
        formatter = cursor.cursor.connection.cursor()  # a cursor that ran nothing: psycopg formats, sends nothing
        with Copy(formatter, writer=FileWriter(data)) as copy:
            for checked, teacher_no, change_seq in zip(rows, teacher_nos, sequence, strict=True):
                copy.write_row(_copy_row(checked, teacher_no=teacher_no, change_seq=change_seq, by=by, now=now))
    return data.getvalue()


def teachers_copy_write(data: bytes) -> None:
    """Writes COPY data made by `teachers_copy_rows` into the archive table (in the caller's transaction). A document
    registered meanwhile raises Django's IntegrityError (psycopg's own error, unwrapped, would escape the callers'
    fallbacks)."""
    with connection.cursor() as cursor, connection.wrap_database_errors, cursor.cursor.copy(_COPY_SQL) as copy:
        copy.write(data)
