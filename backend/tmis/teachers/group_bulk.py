"""Bulk writes of many-valued group records (imports): a batch of checked records of one group → one DELETE (the
records they replace) and one INSERT, and every touched archive stamped once — what `group_records.group_record_save`
does record by record. Only for archives that may be written at once (never approved, not in review): the caller
sorts the others out first. Row-history triggers fire as for any write, with the caller's history context."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection, models
from django.db.models.expressions import RawSQL
from django.utils import timezone
from psycopg.types.json import Jsonb

from .checks import group_record_columns
from .models import GROUP_MODELS, GroupRecord, Teacher
from .writes import actor_id


@dataclass
class GroupRecordRow:
    """One checked record: its archive and the values of the group's columns (`extra`: province extensions)."""

    teacher_id: int
    province_code: str
    values: dict[str, Any]
    extra: dict[str, Any]


def group_records_bulk_write(
    *, actor: Any, records: dict[str, list[GroupRecordRow]], replace: dict[str, set[int]] | None = None
) -> int:
    """Per group (code → checked records): deletes the group's records of the archives `replace` names for it and
    inserts the records by COPY; then stamps every archive touched once (the next change sequence, a new version,
    who wrote it). The caller runs it in a transaction and has checked that the archives may be written (never
    approved, not in review, no change open). Returns how many records were inserted."""
    replace = replace or {}
    touched: set[int] = set()
    for group_code in {*records, *replace}:
        model = GROUP_MODELS[group_code]
        if replace.get(group_code):
            model.objects.filter(teacher_id__in=replace[group_code]).delete()
            touched |= replace[group_code]
        if records.get(group_code):
            _copy(model, records[group_code])
            touched |= {row.teacher_id for row in records[group_code]}
    if touched:
        Teacher.objects.filter(pk__in=touched).update(
            change_seq=RawSQL("nextval('teacher_change_seq')", []),
            version=models.F("version") + 1,
            updated_by=actor if actor_id(actor) else None,
        )
    return sum(len(rows) for rows in records.values())


def _copy(model: type[GroupRecord], rows: list[GroupRecordRow]) -> None:
    """The records by one COPY (the row-history triggers fire per row, with the transaction's history context, as
    for any insert); a column a row leaves out gets the model's default."""
    columns = group_record_columns(model)
    fields = [model._meta.get_field(name) for name in columns]
    defaults = [f.get_default() for f in fields]
    decimals = {i for i, f in enumerate(fields) if isinstance(f, models.DecimalField)}
    names = ["teacher_id", "province_code", "extra", "created_at", "updated_at", *columns]
    sql = "COPY {} ({}) FROM STDIN".format(
        model._meta.db_table, ", ".join(f'"{model._meta.get_field(n).column}"' for n in names)
    )
    now = timezone.now()
    with connection.cursor() as cursor:
        # A WITH statement carries pghistory's context (user, import) into this transaction, the COPY included.
        cursor.execute("WITH history_context AS (SELECT 1) SELECT 1")
        with connection.wrap_database_errors, cursor.cursor.copy(sql) as copy:
            for row in rows:
                values = [row.values.get(name, default) for name, default in zip(columns, defaults, strict=True)]
                for index in decimals:
                    if isinstance(values[index], float | int):
                        values[index] = Decimal(str(values[index]))
                copy.write_row([row.teacher_id, row.province_code, Jsonb(row.extra), now, now, *values])
