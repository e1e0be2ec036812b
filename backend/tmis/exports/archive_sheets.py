"""The many-valued groups' sheets of a whole-archive export (`imports.group_sheets`, the format the group import
reads): per group one query, in teacher then record order, read by a server-side cursor — the teachers' key values
(ID number, 全国教师编号, 姓名) come with each record by a join, so nothing is read per teacher. ID numbers are
masked unless the export is of full ones."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet

from tmis.catalog.effective import EffectiveCatalogue
from tmis.core import crypto
from tmis.imports.group_sheets import KEY_COLUMNS, GroupSheet, group_sheets
from tmis.imports.template import Names, cell_writer
from tmis.teachers.models import GROUP_MODELS, Teacher
from tmis.teachers.writes import ID_CONTEXT

ALL_GROUPS = "all"
CHUNK = 2000


def exported_sheets(catalogue: EffectiveCatalogue) -> list[GroupSheet]:
    """The groups an export may have a sheet for: the catalogue's many-valued ones (owned ones included), but not a
    group the catalogue has no indicator of (nothing but the key columns; its import would make empty records)."""
    return [sheet for sheet in group_sheets(catalogue) if sheet.fields]


def export_group_codes(catalogue: EffectiveCatalogue) -> list[str]:
    return [sheet.code for sheet in exported_sheets(catalogue)]


def export_group_sheets(catalogue: EffectiveCatalogue, codes: list[str]) -> list[GroupSheet]:
    """The sheets of the groups asked for (`["all"]`: every one), in catalogue order."""
    if not codes:
        return []
    sheets = exported_sheets(catalogue)
    return sheets if ALL_GROUPS in codes else [sheet for sheet in sheets if sheet.code in set(codes)]


def group_headers(sheet: GroupSheet) -> list[tuple[str, str]]:
    """(Chinese name, indicator code) of every column: the key columns, then the group's."""
    return [(field.name, field.code) for field in sheet.columns]


def _records(sheet: GroupSheet, teachers: QuerySet[Teacher]) -> QuerySet[Any]:
    return GROUP_MODELS[sheet.code].objects.filter(teacher_id__in=teachers.order_by().values("pk"))


def group_record_counts(sheets: list[GroupSheet], teachers: QuerySet[Teacher]) -> list[int]:
    """How many records each sheet will have (the job's progress counts them)."""
    return [_records(sheet, teachers).count() for sheet in sheets]


def group_rows(sheet: GroupSheet, teachers: QuerySet[Teacher], *, names: Names, full_id: bool) -> Iterator[list[str]]:
    """The sheet's rows: one per record of the teachers, ordered by teacher then record; values as people read them
    (`template.cell_writer`: code names, 是/否, ISO dates)."""
    keys = ["teacher_id", "teacher__id_cipher" if full_id else "teacher__id_masked", "teacher__id_key"]
    keys += ["teacher__teacher_no", "teacher__name"]
    selects = [f"extra__{field.code}" if field.extension else field.code for field in sheet.fields]
    writers = [cell_writer(field, {c: n for c, n, _en in names.get(field.code, [])}) for field in sheet.fields]
    key_writers = [cell_writer(field, {}) for field in KEY_COLUMNS]  # id_number, teacher_no, name
    queryset = _records(sheet, teachers).order_by("teacher_id", "id").values_list(*keys, *selects)
    last_teacher, id_number = None, ""
    for values in queryset.iterator(chunk_size=CHUNK):
        if values[0] != last_teacher:  # one decryption per teacher, not per record
            last_teacher = values[0]
            if full_id:
                id_number = crypto.decrypt(values[2], bytes(values[1]), context=ID_CONTEXT) if values[1] else ""
            else:
                id_number = values[1] or ""
        row = [key_writers[0](id_number), key_writers[1](values[3]), key_writers[2](values[4])]
        row += [writer(value) if value is not None else "" for writer, value in zip(writers, values[5:], strict=True)]
        yield row
