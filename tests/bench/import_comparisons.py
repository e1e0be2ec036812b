"""What the import bench compares the pipeline with (`bench_imports.py`), on the same rows: raw COPY of the cell
texts (the physical limit), python-calamine alone (the reading floor), COPY of the stored rows into the archive table
(the writing floor), per-row saves through the API, and django-import-export.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path
from typing import Any

from django.db import connection
from import_workbook import Generated


def raw_copy(generated: Generated) -> float:
    """The sheet's cell texts (every column as text) into an UNLOGGED table by COPY: the physical limit."""
    import psycopg
    from psycopg import sql

    columns = [f"c{n:02d}_{code}" for n, code in enumerate(generated.codes)]
    with psycopg.connect(os.environ["DATABASE_URL"]) as conn:
        conn.execute("DROP TABLE IF EXISTS bench_import_raw")
        conn.execute(
            sql.SQL("CREATE UNLOGGED TABLE bench_import_raw ({})").format(
                sql.SQL(", ").join(sql.SQL("{} text").format(sql.Identifier(c)) for c in columns)
            )
        )
        conn.commit()
        started = time.perf_counter()
        with conn.cursor() as cursor, cursor.copy(sql.SQL("COPY bench_import_raw FROM STDIN")) as copy:
            for row in generated.cells:
                copy.write_row(row)
        conn.commit()
        seconds = time.perf_counter() - started
        (count,) = conn.execute("SELECT count(*) FROM bench_import_raw").fetchone()
        assert count == generated.rows, count
        conn.execute("DROP TABLE bench_import_raw")
        conn.commit()
    return seconds


def calamine_read(path: Path, rows: int) -> float:
    """The workbook loaded by python-calamine and its rows walked, nothing else: the reading floor."""
    from python_calamine import CalamineWorkbook

    started = time.perf_counter()
    with CalamineWorkbook.from_path(str(path)) as workbook:
        count = sum(1 for _row in workbook.get_sheet_by_name("教师基本信息").iter_rows())
    assert count == rows + 2, count
    return time.perf_counter() - started


def archive_copy(filler: Any) -> tuple[int, float]:
    """The imported archives written again by COPY of their stored rows, batched as the pipeline batches them (1,000 a
    transaction, synchronous_commit off) into the real table — its 13 indexes, the row-history trigger, the
    foreign-key checks at commit: PostgreSQL's own time for the import's writes, with no Python work before it."""
    import psycopg

    from tmis.teachers.models import Teacher

    columns = ", ".join(f'"{f.column}"' for f in Teacher._meta.concrete_fields)
    with psycopg.connect(os.environ["DATABASE_URL"]) as conn:
        data = bytearray()
        mine = f"created_by_id = {int(filler.pk)}"
        query = f"COPY (SELECT {columns} FROM teachers_teacher WHERE {mine} ORDER BY id) TO STDOUT"
        with conn.cursor().copy(query) as copy:
            for chunk in copy:
                data += chunk
        lines = bytes(data).split(b"\n")[:-1]
        conn.execute("DELETE FROM teachers_teacher WHERE created_by_id = %s", [filler.pk])
        conn.commit()
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE teachers_teacher")
        conn.autocommit = False
        started = time.perf_counter()
        for start in range(0, len(lines), 1000):
            with conn.transaction():
                conn.execute("SET LOCAL synchronous_commit = off")
                with conn.cursor().copy(f"COPY teachers_teacher ({columns}) FROM STDIN") as copy:
                    copy.write(b"\n".join(lines[start : start + 1000]) + b"\n")
        seconds = time.perf_counter() - started
    return len(lines), seconds


STORED_EXCLUDE = {"id", "teacher_no", "id_key", "id_cipher", "change_seq", "created_at", "updated_at", "version"}


def stored(digests: list[str]) -> dict[str, dict[str, Any]]:
    """What the archive holds for these ID documents (all but numbers, ciphertext and stamps)."""
    from tmis.teachers.models import Teacher

    names = [f.attname for f in Teacher._meta.concrete_fields if f.name not in STORED_EXCLUDE]
    return {row["id_digest"]: row for row in Teacher.objects.filter(id_digest__in=digests).values(*names)}


def forget(digests: list[str]) -> None:
    from tmis.teachers.models import Teacher

    Teacher.objects.filter(id_digest__in=digests).delete()


def compare(label: str, reference: dict[str, dict[str, Any]], digests: list[str]) -> str:
    got = stored(digests)
    differing = [d for d in digests if got.get(d) != reference.get(d)]
    if not differing:
        return "same archives as the pipeline's"
    first = differing[0]
    changed = {
        k: (reference.get(first, {}).get(k), got.get(first, {}).get(k))
        for k in set(reference.get(first, {})) | set(got.get(first, {}))
        if reference.get(first, {}).get(k) != got.get(first, {}).get(k)
    }
    print(f"  {label}: {len(differing)} of {len(digests)} archives differ from the pipeline's, e.g. {changed}")
    return f"{len(differing)} archives differ from the pipeline's"


def drf_saves(samples: list[dict[str, Any]], filler: Any) -> float:
    from rest_framework.test import APIClient
    from rest_framework_simplejwt.tokens import RefreshToken

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {RefreshToken.for_user(filler).access_token}")
    payloads = [{k: v for k, v in s.items() if k != "_digest"} for s in samples]
    started = time.perf_counter()
    for payload in payloads:
        response = client.post("/api/v1/teachers/", payload, format="json")
        assert response.status_code == 201, (response.status_code, response.content[:500])
    return time.perf_counter() - started


def protected_values(checked: Any, *, actor: Any, teacher_no: str) -> dict[str, Any]:
    """The columns of a new archive that no import row sets, built from public pieces as the services build them
    (the comparison with the pipeline's stored rows shows that they agree)."""
    from tmis.core import crypto
    from tmis.teachers.pinyin import name_pinyin
    from tmis.teachers.writes import ID_CONTEXT

    key_id, cipher = crypto.encrypt(checked.number, context=ID_CONTEXT)
    pinyin, initials = name_pinyin(checked.values["name"])
    school = checked.school
    return {
        "teacher_no": teacher_no,
        "school": school,
        "org_path": school.path,
        "province_code": school.province_code,
        "id_key": key_id,
        "id_cipher": cipher,
        "id_digest": checked.digest,
        "id_masked": crypto.mask(checked.number),
        "extra": checked.extra,
        "name_pinyin": pinyin,
        "name_initials": initials,
        "catalogue_version": checked.version,
        "created_by": actor,
        "updated_by": actor,
    }


def import_export(samples: list[dict[str, Any]], filler: Any) -> tuple[float | None, str]:
    """django-import-export: a ModelResource whose hooks check each row with teacher_check and fill the protected
    columns (`protected_values`), fed a tablib Dataset built in memory (its import speed alone, no file)."""
    try:
        import import_export
        import tablib
        from import_export import fields, resources, widgets
    except ImportError as error:
        return None, f"django-import-export is not installed ({error}); `pip install -e './backend[dev,bench]'`"
    from django.core.exceptions import ValidationError

    from tmis.imports.pipeline import Catalogues
    from tmis.orgs.models import Organisation
    from tmis.teachers import numbers
    from tmis.teachers.checks import COLUMN_FIELDS, teacher_check
    from tmis.teachers.models import Teacher
    from tmis.teachers.writes import number_prefix

    codes = [c for c in dict.fromkeys(k for s in samples for k in s) if c in COLUMN_FIELDS]
    kinds = {f.name: f.get_internal_type() for f in Teacher._meta.concrete_fields}
    year = dt.date.today().year

    class TeacherResource(resources.ModelResource):
        school = fields.Field(
            attribute="school", column_name="school", widget=widgets.ForeignKeyWidget(Organisation, "code")
        )

        class Meta:
            model = Teacher
            fields = ("school", "id_digest", *codes)
            import_id_fields = ("id_digest",)  # 一人一号: an existing archive is looked up by its ID document

        def __init__(self) -> None:
            super().__init__()
            self.catalogues = Catalogues()
            self.schools = {
                s.code: s for s in Organisation.objects.filter(level="school", code__in={s["school"] for s in samples})
            }
            self.checked: dict[str, Any] = {}

        def before_import_row(self, row: dict[str, Any], **kwargs: Any) -> None:
            school = self.schools[row["school"]]
            data: dict[str, Any] = {"id_number": row["id_number"]}
            for code in codes:
                value = row.get(code)
                if value in (None, ""):
                    continue
                if kinds[code] == "DateField":
                    value = dt.date.fromisoformat(value)
                elif kinds[code] == "ArrayField":
                    value = value.split(",")
                data[code] = value
            checked = teacher_check(school=school, data=data, catalogue=self.catalogues.of(school))
            if checked.errors:
                raise ValidationError({k: [e["message"] for e in v] for k, v in checked.errors.items()})
            row["id_digest"] = checked.digest
            self.checked[checked.digest] = checked

        def before_save_instance(self, instance: Teacher, row: dict[str, Any], **kwargs: Any) -> None:
            checked = self.checked.pop(instance.id_digest)
            number = numbers.allocate(prefix=number_prefix(checked.school), year=year)
            for name, value in protected_values(checked, actor=filler, teacher_no=number).items():
                setattr(instance, name, value)
            with connection.cursor() as cursor:  # teacher_create's _stamp_change
                cursor.execute("SELECT nextval('teacher_change_seq')")
                (instance.change_seq,) = cursor.fetchone()

    headers = ["school", "id_number", "id_digest", *codes]
    dataset = tablib.Dataset(headers=headers)
    for s in samples:
        row = []
        for code in headers:
            value = s.get(code, "")
            row.append(",".join(value) if isinstance(value, list) else value)
        dataset.append(row)
    try:
        resource = TeacherResource()
        started = time.perf_counter()
        result = resource.import_data(dataset, dry_run=False, use_transactions=True)
        seconds = time.perf_counter() - started
    except Exception as error:  # any failure of the library on this Django is the result
        return None, f"django-import-export {import_export.__version__} failed: {type(error).__name__}: {error}"
    if result.has_errors() or result.has_validation_errors():
        first = (result.base_errors or [e for _n, errors in result.row_errors() for e in errors] or [None])[0]
        invalid = result.invalid_rows[:1]
        return None, (
            f"django-import-export {import_export.__version__}: {result.totals} — "
            f"{getattr(first, 'error', '') or (invalid[0].error_dict if invalid else '')}"
        )
    assert result.totals["new"] == len(samples), result.totals
    return seconds, f"django-import-export {import_export.__version__}"
