"""The import of the many-valued groups' sheets (`group_sheets`: one sheet per group, a record per row keyed by
身份证件号 or 全国教师编号), after the basic sheet of the same workbook — the one pipeline's second half.

Each sheet's headers are matched like the basic sheet's (`columns.map_columns`: names, synonyms, the hidden code row),
its cells read by the same `CellReader`s and its records checked by the catalogue validator of the teacher's school
kind. A row's archive must lie under the import's organisation and may be written at once (a draft or returned
archive, no open change or review); an approved archive's records change only through a change request, made in the
archive. `group_mode` says what a teacher's rows do: `append` adds them to the teacher's records; `replace` puts them
in place of the teacher's records of the group — and a teacher any of whose rows of the sheet fails keeps his records
as they were (every row of his is reported), so nothing already saved is lost to a typo.

A sheet's rows are read whole, sorted into teachers (in the order they first appear) and written in batches of whole
teachers: one transaction each with its problems, counters and the job's checkpoint (rows of all sheets, after the
basic sheet's), so a restarted job continues after the last batch committed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

import pghistory
from django.db import connection, transaction
from django.utils import translation
from django.utils.translation import gettext_noop

from tmis.catalog.selectors import effective_for_organisation
from tmis.catalog.validation import group_validator
from tmis.core.errors import AppError
from tmis.core.job_services import job_checkpoint, job_progress
from tmis.core.messages import Message
from tmis.teachers import identity
from tmis.teachers.checks import json_value
from tmis.teachers.group_bulk import GroupRecordRow, group_records_bulk_write
from tmis.teachers.group_records import group_records_import_request
from tmis.teachers.models import Teacher
from tmis.teachers.services import ensure_editable
from tmis.teachers.writes import id_dedup_key

from .catalogues import Catalogues
from .columns import CellReader, HeaderIndex, map_columns, value_names
from .group_reading import GroupRow, OpenedSheet, field_names, layout_names, open_group_sheet, read_group_row
from .group_sheets import ID_NUMBER, NAME, ROW_KEYS, TEACHER_NO, GroupSheet
from .models import GroupMode, ImportJob, Severity
from .opening import OpeningProgress
from .rows import Problem
from .sheets import Sheet
from .template import code_names
from .writer import BatchWriter

BATCH_ROWS = 2000  # rows of whole teachers per transaction (a COPY per group)
#: What the group import reads of an archive (its keys, its school, whether it may be written).
LOOKUP_FIELDS = (
    "id",
    "teacher_no",
    "id_digest",
    "name",
    "province_code",
    "org_path",
    "record_state",
    "ever_approved",
    "pending_change",
    "open_change",
    "active",
    "school",
)


class GroupImporter:
    """The group sheets of one import job: opened first (their rows count in the job's total), imported after the
    basic sheet."""

    def __init__(self, job: ImportJob, planned: list[tuple[str, GroupSheet]], timings: dict[str, float]) -> None:
        self.job = job
        self.actor = job.owner
        self.planned = planned
        self.timings = timings
        self.catalogues = Catalogues()
        self.opened: list[OpenedSheet] = []
        self._progress: tuple[int, int, int] = (0, 0, 0)  # the basic sheet's rows, half rows read, group rows
        self.layouts: list[dict[str, Any]] = []
        self.writer = BatchWriter(job, timings)
        self.replace = job.group_mode == GroupMode.REPLACE
        self._headers: dict[str, dict[str, str]] = {}  # sheet → indicator code → the sheet's header
        self._found: dict[tuple[str, str], Teacher | None] = {}
        self._looked_ids: set[str] = set()
        self._looked_numbers: set[str] = set()
        catalogue, tables = effective_for_organisation(organisation=job.organisation)
        self._names = value_names(catalogue, tables)
        self._id_types = [code for code, _n, _e in code_names(catalogue, tables).get("id_type", [])] or ["1"]

    def open(self, opening: OpeningProgress) -> int:
        """Opens every group sheet (refusing the file as `open_sheet` does) and returns their data rows; `opening`
        hears of each sheet's load."""
        from .pipeline import file_path  # the one place a job's file is found

        total = 0
        for name, group_sheet in self.planned:
            if group_sheet.owned:
                self.opened.append(OpenedSheet(name, group_sheet, None))
                self.layouts.append({"sheet": name, **layout_names(group_sheet), "skipped": "owned", "rows": 0})
                continue
            with opening.loading(name):
                sheet = open_group_sheet(file_path(self.job), name, group_sheet)
            self.opened.append(OpenedSheet(name, group_sheet, sheet))
            total += sheet.row_count
        return total

    def run(self, *, skip: int, before: int) -> None:
        """Imports every opened sheet; `skip`: the rows of the group sheets a crashed run committed already, `before`:
        the basic sheet's rows. Every sheet is read first, then the rows are written in batches of whole teachers
        (every group of a teacher in one transaction: the archive is stamped once). Progress: READ_SHARE of a row when
        its sheet has been read, half a row when its archive has been looked up, the rest when it is written
        (`_done`)."""
        with translation.override(self.job.language):  # problems in the uploader's language
            started = time.perf_counter()
            rows: list[GroupRow] = []
            total = sum(opened.sheet.row_count for opened in self.opened if opened.sheet is not None)
            self._progress = (before, 0, total)
            for opened in self.opened:
                if opened.sheet is not None:
                    rows += self._sheet(opened, opened.sheet)
                    self._progress = (before, self._progress[1] + int(opened.sheet.row_count * READ_SHARE), total)
                    if not skip:
                        job_progress(job=self.job, done=self._done(0))
            read = self._progress[1]

            def looked(share: float) -> None:  # of the archives looked up
                self._progress = (before, read + int((total // 2 - read) * share), total)
                if not skip:
                    job_progress(job=self.job, done=self._done(0))

            ordered = self._by_teacher(rows, looked)[skip:]
            self.timings["validate"] = round(self.timings.get("validate", 0.0) + time.perf_counter() - started, 3)
            self.job.layout = {**(self.job.layout or {}), "groups": self.layouts}
            self.job.save(update_fields=["layout"])
            start = 0
            while start < len(ordered):
                end = min(start + BATCH_ROWS, len(ordered))
                while end < len(ordered) and ordered[end].teacher_pk is not None:
                    if ordered[end].teacher_pk != ordered[end - 1].teacher_pk:
                        break
                    end += 1  # a teacher's rows stay in one batch
                job_checkpoint(job=self.job)  # a cancelled import stops here
                self._batch(ordered[start:end])
                start = end

    def _done(self, written: int) -> int:
        """The job's progress when `written` rows of the group sheets are written: the basic sheet's rows, the half
        rows credited for reading the sheets, and the rest in proportion to the rows written."""
        before, read, total = self._progress
        return before + read + ((written * (total - read)) // total if total else 0)

    # -- reading ---------------------------------------------------------------------------------------------------
    def _sheet(self, opened: OpenedSheet, sheet: Sheet) -> list[GroupRow]:
        group_sheet = opened.group_sheet
        index = HeaderIndex(list(group_sheet.columns))
        columns, matches = map_columns(sheet, index, self._names)
        mapped = {c.field.code for c in columns if c.field is not None}
        layout = {
            "sheet": opened.name,
            **layout_names(group_sheet),
            "rows": sheet.row_count,
            "header_row": sheet.header_row,
            "columns": [{**asdict(m), **field_names(index.fields.get(m.field or ""))} for m in matches],
            "missing": [] if mapped & set(ROW_KEYS) else list(ROW_KEYS),
            "skipped": "",
        }
        self.layouts.append(layout)
        readers = [CellReader(c, c.names) for c in columns if c.field is not None]
        headers = {f.code: f.name for f in group_sheet.columns} | {r.code: r.column.header for r in readers}
        self._headers[opened.name] = headers
        rows = [read_group_row(opened.name, group_sheet.code, number, cells, readers) for number, cells in sheet.rows()]
        if layout["missing"]:
            for row in rows:
                row.parsed.problems.append(self._problem("", ID_NUMBER, "", "missing_key", Message(_NO_KEY_COLUMN)))
        return rows

    def _by_teacher(self, rows: list[GroupRow], looked: Callable[[float], None]) -> list[GroupRow]:
        """The rows with their archives found (those of one teacher together, in the order teachers first appear);
        a row whose archive is not found under the import's organisation says so. `looked`: hears the share of the
        archives looked up, after each query."""
        found = self._teachers(rows, looked)
        by_teacher: dict[int, list[GroupRow]] = {}
        unmatched: list[GroupRow] = []
        for row in rows:
            teacher = found.get(("id", row.id_number)) if row.id_number else None
            if teacher is None and row.teacher_no:
                teacher = found.get(("no", row.teacher_no))
            if teacher is None:
                if not (ID_NUMBER in row.bad_fields or any(p.code == "missing_key" for p in row.parsed.problems)):
                    row.parsed.problems.append(self._not_found(row))
                unmatched.append(row)
                continue
            row.teacher = teacher
            by_teacher.setdefault(teacher.pk, []).append(row)
        return [row for rows_of in by_teacher.values() for row in rows_of] + unmatched

    def _not_found(self, row: GroupRow) -> Problem:
        """Why a row has no archive: no key, an ID number that cannot be one, or none under the organisation (which
        says nothing of archives elsewhere)."""
        if row.id_number and len(row.id_number) == 18 and identity.problem(identity.RESIDENT_ID, row.id_number):
            message = Message(_INVALID_ID)
            return self._problem(
                self._headers[row.parsed.sheet][ID_NUMBER], ID_NUMBER, row.id_number, "invalid_id_number", message
            )
        if row.id_number or row.teacher_no:
            key = ID_NUMBER if row.id_number else TEACHER_NO
            shown = row.id_number or row.teacher_no
            return self._problem(
                self._headers[row.parsed.sheet][key], key, shown, "teacher_not_found", Message(_NOT_FOUND)
            )
        return self._problem("", ID_NUMBER, "", "teacher_not_found", Message(_NO_KEY))

    def _teachers(self, rows: list[GroupRow], looked: Callable[[float], None]) -> dict[tuple[str, str], Teacher | None]:
        """The archives the rows name, under the import's organisation and visible to its owner: (id, number) and
        (no, teacher number) → archive (None: none). ID numbers are looked up by their digest under every document
        type. Each key is looked up once per job (a teacher's rows of every sheet share it)."""
        found = self._found
        digests: dict[str, str] = {}
        for number in {row.id_number for row in rows if row.id_number} - self._looked_ids:
            for kind in self._id_types:
                digests[id_dedup_key(kind, number)] = number
            self._looked_ids.add(number)
            found[("id", number)] = None
        numbers = {row.teacher_no for row in rows if row.teacher_no} - self._looked_numbers
        self._looked_numbers |= numbers
        found.update({("no", number): found.get(("no", number)) for number in numbers})
        scope = (
            Teacher.objects.visible_to(self.actor)
            .filter(org_path__startswith=self.job.org_path)
            .select_related("school")
            .only(*LOOKUP_FIELDS)
        )
        # Two look-ups, each by its own index (an OR of the two would scan the table).
        digest_list, number_list = list(digests), list(numbers)
        keys = len(digest_list) + len(number_list)
        for start in range(0, len(digest_list), LOOKUP_KEYS):
            for teacher in scope.filter(id_digest__in=digest_list[start : start + LOOKUP_KEYS]):
                found[("id", digests[teacher.id_digest])] = found[("no", teacher.teacher_no)] = teacher
            looked(min(len(digest_list), start + LOOKUP_KEYS) / keys)
        for start in range(0, len(number_list), LOOKUP_KEYS):
            for teacher in scope.filter(teacher_no__in=number_list[start : start + LOOKUP_KEYS]):
                found[("no", teacher.teacher_no)] = teacher
            looked((len(digest_list) + min(len(number_list), start + LOOKUP_KEYS)) / keys)
        looked(1.0)
        return found

    # -- checking and writing --------------------------------------------------------------------------------------
    def _batch(self, batch: list[GroupRow]) -> None:
        """Checks a batch of whole teachers' rows and writes them with their problems, counters and checkpoint."""
        started = time.perf_counter()
        self._check(batch)
        writable = [row for row in batch if row.teacher is not None and not row.parsed.failed]
        if self.replace:  # a teacher with a failed row of a group keeps his records of it: none of his rows is written
            blocked = {(row.teacher.pk, row.group) for row in batch if row.teacher is not None and row.parsed.failed}
            for row in writable:
                if row.teacher is not None and (row.teacher.pk, row.group) in blocked:
                    row.parsed.problems.append(self._problem("", "", "", "teacher_rows_failed", Message(_KEPT)))
            writable = [row for row in writable if row.teacher and (row.teacher.pk, row.group) not in blocked]
        records: dict[str, list[GroupRecordRow]] = {}
        requests: dict[int, list[GroupRow]] = {}  # approved archives: their rows become one change request each
        for row in writable:
            if row.teacher is None:
                continue
            if row.teacher.ever_approved:
                requests.setdefault(row.teacher.pk, []).append(row)
                continue
            record = GroupRecordRow(row.teacher.pk, row.teacher.province_code, row.values, row.extra)
            records.setdefault(row.group, []).append(record)
        replaced = {code: {r.teacher_id for r in rows} for code, rows in records.items()} if self.replace else {}
        with transaction.atomic(), pghistory.context(user=self.actor.pk, import_job=self.job.pk):
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit = off")  # the batch commits with its checkpoint
            written = sum(len(rows) for rows in records.values())
            if records and not self.job.dry_run:
                written = group_records_bulk_write(actor=self.actor, records=records, replace=replaced)
            requested = sum(self._request(rows) for rows in requests.values())
            parsed = [row.parsed for row in batch]
            seconds = time.perf_counter() - started  # checking and writing (the problems' insert is in "write" too)
            reached = self.job.checkpoint + len(batch)
            done = self._done(reached - self._progress[0])
            self.writer.record_batch(parsed, {"created": written, "updated": requested}, reached, seconds, done)

    def _request(self, rows: list[GroupRow]) -> int:
        """An approved archive's rows as one change request (every group of them); returns the rows it holds. A
        refusal (someone opened a change meanwhile) fails the rows."""
        teacher = rows[0].teacher
        assert teacher is not None
        by_group: dict[str, list[dict[str, Any]]] = {}
        for row in rows:
            data = {k: json_value(v) for k, v in row.values.items()} | {"extra": dict(row.extra)}
            by_group.setdefault(row.group, []).append(data)
        mode = self.job.group_mode
        imports = [{"group": group, "mode": mode, "data": data} for group, data in by_group.items()]
        if not self.job.dry_run:
            try:
                with transaction.atomic():
                    group_records_import_request(actor=self.actor, teacher=teacher, imports=imports)
            except AppError as error:
                for row in rows:
                    row.parsed.problems.append(self._problem("", "", "", error.code or "refused", str(error.detail)))
                return 0
        for row in rows:
            message = Message(_WOULD_REQUEST if self.job.dry_run else _REQUESTED)
            row.parsed.problems.append(self._problem("", "", "", "change_requested", message, Severity.WARNING))
        return len(rows)

    def _check(self, batch: list[GroupRow]) -> None:
        """Each row's archive may be written, its name agrees, and its record passes the catalogue of the teacher's
        school kind (one validator run per kind)."""
        editable: dict[int, tuple[str, str] | None] = {}
        by_kind: dict[int, tuple[Any, list[GroupRow]]] = {}
        for row in batch:
            teacher = row.teacher
            if teacher is None:
                continue
            if teacher.pk not in editable:
                editable[teacher.pk] = self._editable(teacher)
            refused = editable[teacher.pk]
            if refused is not None:
                row.parsed.problems.append(self._problem("", "", "", *refused))
                continue
            if row.name and row.name != teacher.name:
                message = Message(_NAME_DIFFERS, {"name": teacher.name})
                problem = self._problem(NAME_HEADER, NAME, row.name, "name_differs", message, Severity.WARNING)
                row.parsed.problems.append(problem)
            group = self.catalogues.of(teacher.school).group(row.group)
            if group is not None:
                by_kind.setdefault(id(group), (group, []))[1].append(row)
        level = Severity.ERROR if self.job.strict else None
        for group, rows in by_kind.values():
            fields = {f.code for f in group.fields}
            data = [
                {k: json_value(v) for k, v in row.values.items() if k in fields}
                | {k: v for k, v in row.extra.items() if k in fields}
                for row in rows
            ]
            headers = {f.code: f.name for f in group.fields}
            for row, found in zip(rows, group_validator(group).validate_many(data), strict=True):
                for code, issues in found.items():
                    code = code.removeprefix("extra.")
                    if code in row.bad_fields:
                        continue
                    severity = level or Severity.WARNING  # as on the basic sheet: warnings unless strict
                    value = str(row.values.get(code, row.extra.get(code, "")))[:200]
                    for issue in issues:
                        row.parsed.problems.append(
                            Problem(headers.get(code, code), code, value, issue["code"], issue["message"], severity)
                        )

    def _editable(self, teacher: Teacher) -> tuple[str, str] | None:
        """(problem code, message) when the archive's records may not be written by the import."""
        try:
            ensure_editable(teacher)
        except AppError as error:
            return error.code or "not_editable", str(error.detail)
        return None

    @staticmethod
    def _problem(
        column: str, code: str, value: str, problem: str, message: Any, severity: str = Severity.ERROR
    ) -> Problem:
        return Problem(column, code, value, problem, message, severity)


NAME_HEADER = "姓名"
_NO_KEY_COLUMN = gettext_noop(
    "The sheet has no 身份证件号 or 全国教师编号 column: no row can be matched to its teacher."
)
_INVALID_ID = gettext_noop("This is not a valid resident ID number: check its digits and its last character.")
_NO_KEY = gettext_noop("Write the teacher's ID number or national teacher number.")
_NOT_FOUND = gettext_noop("No teacher archive under your organisation has this ID number or teacher number.")
_KEPT = gettext_noop(
    "Another row of this teacher in this sheet has an error; with replace, the teacher's records were kept as they "
    "were. Correct it and import again."
)
_REQUESTED = gettext_noop(
    "The archive is approved: its records from this file wait for review as a change request; they apply when it is "
    "approved."
)
#: Of a group row's progress, what reading and checking it is (then looking its archive up, to half a row, and writing
#: it). The shares keep the bar moving between the steps; the time is mostly the writing's (bench_group_import).
READ_SHARE = 0.4
LOOKUP_KEYS = 2000  # keys of archives per query
_WOULD_REQUEST = gettext_noop(
    "The archive is approved: importing this file would submit its records for review as a change request (this was "
    "a check only: nothing was submitted)."
)
_NAME_DIFFERS = gettext_noop("The archive's name is %(name)s, not the name in this row: check the ID number.")
