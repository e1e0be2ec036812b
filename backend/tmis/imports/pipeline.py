"""The one import pipeline (ARCHITECTURE §8): file → rows → normalise → validate → dedup → write in batches.

- Reads with python-calamine (`sheets`), normalises each cell by its indicator's type (`normalise`), validates with
  the catalogue validator through `teachers.services.teacher_check` — the rules of a single create, no second
  validator. A row whose key information and school are valid is saved as a draft; its other catalogue problems are
  warnings (errors with `strict`).
- Dedup: the file is read once first to find ID documents that occur twice (both rows fail); each batch then asks the
  database for the batch's digests at once. An archive in the uploader's scope is updated only with `mode=upsert`
  (through `teacher_update`, so an approved archive gets a change request); elsewhere the archive rule's 409 applies.
- Writes (`writer`): a batch is one transaction with the job's checkpoint (no row is written twice after a crash),
  committed by a writer thread while the next batch is parsed.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tmis.catalog.effective import Field
from tmis.catalog.selectors import effective_for_organisation
from tmis.core.job_services import job_checkpoint, job_progress, job_run
from tmis.core.messages import Message
from tmis.orgs.models import Level, Organisation
from tmis.teachers import identity
from tmis.teachers.checks import KEY_FIELDS, teachers_check
from tmis.teachers.writes import id_dedup_key

from .audit_events import import_audit_finish
from .catalogues import Catalogues
from .code_values import CodeNames
from .columns import PROBLEM, VALUE, CellReader, Column, ColumnMatch, HeaderIndex, map_columns, value_names
from .group_import import GroupImporter
from .group_reading import open_group_sheet, plan_workbook
from .mappings import mapping_recall, mapping_remember
from .models import ImportJob, Severity
from .normalise import clean_text
from .opening import OpeningProgress, opening_progress
from .rows import ParsedRow, Problem
from .sheets import Sheet, SheetProblem, data_sheet_names, open_sheet
from .template import SCHOOL_COLUMN, TEMPLATE_SHEET, template_fields
from .writer import BatchWriter, write_all

logger = logging.getLogger(__name__)

BATCH_ROWS = 1000
NO_NAMES: dict[str, CodeNames] = {}  # rows without a school read with the import organisation's code lists


def file_path(job: ImportJob) -> Path:
    return Path(settings.TMIS_FILES_DIR) / job.file_path


def _open(job: ImportJob, fields: list[Field], index: HeaderIndex, sheet_name: str = TEMPLATE_SHEET) -> Sheet:
    known = {SCHOOL_COLUMN[0], *(f.code for f in fields)}
    return open_sheet(
        file_path(job),
        known_codes=known,
        preferred_sheet=sheet_name,
        max_rows=settings.TMIS_IMPORT_MAX_ROWS,
        known_headers=index.keys,
    )


def plan(job: ImportJob) -> tuple[str | None, list]:
    """The job's basic sheet (None: the workbook holds group sheets only) and its group sheets."""
    catalogue, _tables = effective_for_organisation(organisation=job.organisation)
    return plan_workbook(data_sheet_names(file_path(job)), catalogue)


def _names(f: Field | None, code: str | None = None) -> dict[str, str]:
    """An indicator's names as the layout keeps them (the reader's language is chosen when it is read)."""
    if code == SCHOOL_COLUMN[0]:
        return {"field_name": SCHOOL_COLUMN[1], "field_name_en": "School code"}
    if f is None:
        return {"field_name": "", "field_name_en": ""}
    return {"field_name": f.name, "field_name_en": f.name_en or f.name}


def job_sheet(job: ImportJob) -> Sheet:
    """The job's sheet as its import reads it (the same header row, found by the same known headers)."""
    catalogue, _tables = effective_for_organisation(organisation=job.organisation)
    fields = template_fields(catalogue)
    basic, _groups = plan(job)
    return _open(job, fields, HeaderIndex(fields), basic or TEMPLATE_SHEET)


def job_sheets(job: ImportJob) -> list[tuple[str, Sheet]]:
    """Every sheet the job read, as (the name its problems carry: "" for the basic sheet, Sheet): the basic sheet
    first, then the group sheets (not those of groups a module owns)."""
    basic, planned = plan(job)
    out: list[tuple[str, Sheet]] = [("", job_sheet(job))] if basic is not None else []
    path = file_path(job)
    out += [(name, open_group_sheet(path, name, group)) for name, group in planned if not group.owned]
    return out


class Schools:
    """Schools by code, inside the import's organisation (one query per new code)."""

    def __init__(self, job: ImportJob) -> None:
        self.job = job
        self._cache: dict[str, Organisation | None] = {}

    def get(self, code: str) -> Organisation | None:
        if code not in self._cache:
            self._cache[code] = Organisation.objects.filter(
                code=code, level=Level.SCHOOL, path__startswith=self.job.org_path
            ).first()
        return self._cache[code]


class Importer:
    """One run of one import job (a restarted job makes a new one and continues from the checkpoint)."""

    def __init__(self, job: ImportJob) -> None:
        self.job = job
        self.actor = job.owner
        self.catalogues = Catalogues()
        self.schools = Schools(job)
        self.default_school = job.organisation if job.organisation.level == Level.SCHOOL else None
        self.timings: dict[str, float] = dict(job.timings or {})
        self._readers_by_kind: dict[int, list[CellReader]] = {}
        self._absent_required: set[str] = set()

    def _clock(self, name: str, since: float) -> float:
        now = time.perf_counter()
        self.timings[name] = round(self.timings.get(name, 0.0) + now - since, 3)
        return now

    # -- reading ---------------------------------------------------------------------------------------------------
    def open(self, sheet_name: str = TEMPLATE_SHEET) -> tuple[Sheet, list[Column]] | None:
        """The sheet and the columns to read; None when a key column is missing (the job's `layout` then holds the
        columns found, with proposals, for someone to map)."""
        # The columns are the template's for the import's organisation (a county's: every school kind's fields).
        catalogue, tables = effective_for_organisation(organisation=self.job.organisation)
        fields = template_fields(catalogue)
        index = HeaderIndex(fields)
        sheet = _open(self.job, fields, index, sheet_name)
        columns, matches = map_columns(sheet, index, value_names(catalogue, tables), self._mapping(sheet))
        mapped = {c.field.code if c.field else SCHOOL_COLUMN[0] for c in columns}
        missing = [f for f in fields if f.code in KEY_FIELDS and f.code not in mapped]
        if self.default_school is None and SCHOOL_COLUMN[0] not in mapped:
            missing.insert(0, None)  # a region's rows need their school
        self._layout(sheet, matches, fields, mapped, missing)
        return None if missing else (sheet, columns)

    def _mapping(self, sheet: Sheet) -> dict[str, str]:
        """The upload's mapping (remembered for the owner's organisation), else the one remembered for these
        headers."""
        organisation_id = self.job.owner.organisation_id
        if self.job.mapping:
            mapping_remember(
                organisation_id=organisation_id, headers=sheet.headers, mapping=self.job.mapping, actor=self.actor
            )
            return dict(self.job.mapping)
        return mapping_recall(organisation_id=organisation_id, headers=sheet.headers)

    def _layout(
        self, sheet: Sheet, matches: list[ColumnMatch], fields: list[Field], mapped: set[str], missing: list
    ) -> None:
        """What was found, kept on the job for the dry run's answer, the report and the mapping step."""
        absent = [f for f in fields if f.code not in mapped]
        by_code = {f.code: f for f in fields}
        self._absent_required = {f.code for f in absent if f.required}
        self.job.layout = {
            "sheet": sheet.name,
            "header_row": sheet.header_row,
            "first_data_row": sheet.first_data_row,
            "two_row_header": sheet.two_row_header,
            "columns": [{**asdict(match), **_names(by_code.get(match.field or ""), match.field)} for match in matches],
            "absent": [
                {"field": f.code, "required": f.required, **_names(f)} for f in absent if f.code not in KEY_FIELDS
            ],
            "missing": [f.code if f is not None else SCHOOL_COLUMN[0] for f in missing],
            "needs_mapping": bool(missing),
        }
        self.job.save(update_fields=["layout"])

    def duplicates_in_file(
        self, sheet: Sheet, columns: list[Column], opening: OpeningProgress
    ) -> tuple[int, dict[int, list[int]]]:
        """First pass: rows per ID document. Returns (data rows, row → the other rows with the same document)."""
        id_type = next((c for c in columns if c.field and c.field.code == "id_type"), None)
        id_number = next((c for c in columns if c.field and c.field.code == "id_number"), None)
        seen: dict[str, list[int]] = {}
        total = 0
        kinds = CellReader(id_type) if id_type is not None else None  # each distinct type cell read once
        numbers = CellReader(id_number) if id_number is not None else None
        for number, cells in sheet.rows():
            total += 1
            opening.passed(total, sheet.row_count)
            if kinds is None or numbers is None or id_number is None or id_type is None:
                continue
            kind, read = kinds.read(cells[id_type.index]), numbers.read(cells[id_number.index])
            if kind[0] != VALUE or read[0] != VALUE:
                continue  # blank or unreadable (an ID Excel rounded): the row fails on its own
            text = identity.normalise(str(read[1]))
            if text:
                seen.setdefault(id_dedup_key(str(kind[1]), text), []).append(number)
        twice: dict[int, list[int]] = {}
        for rows in seen.values():
            if len(rows) > 1:
                for row in rows:
                    twice[row] = [other for other in rows if other != row]
        return total, twice

    def _readers(self, columns: list[Column], school: Organisation | None) -> list[CellReader]:
        """The cell readers for a school's rows: one set per kind of school (its code lists), shared by its rows."""
        names = self.catalogues.names_of(school) if school is not None else NO_NAMES
        found = self._readers_by_kind.get(id(names))
        if found is None:
            found = self._readers_by_kind[id(names)] = [
                CellReader(c, (names.get(c.field.code) if c.field else None) or c.names) for c in columns
            ]
        return found

    def parse_batch(
        self, chunk: list[tuple[int, list[object]]], columns: list[Column], twice: dict[int, list[int]]
    ) -> list[ParsedRow]:
        """Parses and checks a batch of rows: each row's cells first, then the rows of each school checked together
        (`teachers_check`, the rules of a single create)."""
        parsed: list[ParsedRow] = []
        by_school: dict[int, tuple[Organisation, list[tuple[ParsedRow, dict[str, Any], set[str]]]]] = {}
        for number, cells in chunk:
            row, school, data, bad_fields = self._read_row(number, cells, columns, twice)
            parsed.append(row)
            if school is not None:
                by_school.setdefault(school.pk, (school, []))[1].append((row, data, bad_fields))
        headers = {c.field.code: c.header for c in columns if c.field is not None}
        level = Severity.ERROR if self.job.strict else None
        for school, items in by_school.values():
            checked_rows = teachers_check(
                school=school, rows=[data for _row, data, _bad in items], catalogue=self.catalogues.of(school)
            )
            for (row, data, bad_fields), checked in zip(items, checked_rows, strict=True):
                for severity, found in ((Severity.ERROR, checked.errors), (Severity.WARNING, checked.warnings)):
                    for key, issues in found.items():
                        code = key.removeprefix("extra.")
                        if code in bad_fields:
                            continue  # the cell's own problem says it already
                        if code in self._absent_required and severity == Severity.WARNING and level is None:
                            continue  # an absent column is one warning of the job, not one per row
                        value = str(data.get(code, data["extra"].get(code, "")))[:200]
                        for issue in issues:
                            problem = Problem(
                                headers.get(code, code), code, value, issue["code"], issue["message"], level or severity
                            )
                            row.problems.append(problem)
                row.checked = checked
        return parsed

    def _read_row(
        self, number: int, cells: list[object], columns: list[Column], twice: dict[int, list[int]]
    ) -> tuple[ParsedRow, Organisation | None, dict[str, Any], set[str]]:
        """A row's cells read as values (data, with extensions under "extra"), its school and the fields whose cells
        could not be read; the cells' problems are in the row already."""
        row = ParsedRow(number)
        data: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        school_code = next((clean_text(cells[c.index]) for c in columns if c.field is None), "")
        school = self.schools.get(school_code) if school_code else self.default_school
        bad_fields: set[str] = set()
        formulas = self._formulas
        for reader in self._readers(columns, school):
            if formulas and (number, reader.index) in formulas:
                shown = clean_text(cells[reader.index])[:200]
                message = Message(
                    gettext_noop("A formula is not accepted; type the value."),
                )
                row.problems.append(Problem(reader.column.header, reader.code, shown, "formula", message))
                bad_fields.add(reader.code)
                continue
            outcome = reader.read(cells[reader.index])
            if outcome[0] == VALUE:
                (extra if reader.extension else data)[reader.code] = outcome[1]
            elif outcome[0] == PROBLEM:
                row.problems.append(Problem(reader.column.header, reader.code, *outcome[1:]))
                bad_fields.add(reader.code)
        if number in twice:
            others = "、".join(str(r) for r in twice[number])
            row.problems.append(
                Problem(
                    self._header_of(columns, "id_number"),
                    "id_number",
                    "",
                    "duplicate_in_file",
                    Message(
                        gettext_noop("The same ID document is also in row %(rows)s of this file."), {"rows": others}
                    ),
                )
            )
        if school is None:
            message = (
                Message(
                    gettext_noop("No school with code %(code)s under %(org)s."),
                    {"code": school_code, "org": self.job.organisation.name},
                )
                if school_code
                else Message(
                    gettext_noop("Write the school's code."),
                )
            )
            row.problems.append(Problem(SCHOOL_COLUMN[1], SCHOOL_COLUMN[0], school_code, "school", message))
        data["extra"] = extra
        return row, school, data, bad_fields

    @staticmethod
    def _header_of(columns: list[Column], code: str) -> str:
        return next((c.header for c in columns if c.field and c.field.code == code), code)

    # -- the run ---------------------------------------------------------------------------------------------------
    def run(self) -> None:
        started = time.perf_counter()
        basic, planned = plan(self.job)
        opening = opening_progress(self.job, file_path(self.job), basic, planned)
        groups = GroupImporter(self.job, planned, self.timings)
        group_rows = groups.open(opening)
        total = 0
        if basic is not None:
            with opening.loading(basic):
                opened = self.open(basic)
            if opened is None:
                return  # a key column is missing: nothing is read until someone maps the columns
            sheet, columns = opened
            total = sheet.row_count
        if total + group_rows == 0:
            raise SheetProblem("no_rows", _("The sheet has headers but no rows of teachers."))
        job_progress(job=self.job, total=total + group_rows)  # known before the first pass: progress moves at once
        if not total:
            opening.done()  # no first pass
        if basic is not None and total:
            self._formulas = sheet.formula_cells
            _count, twice = self.duplicates_in_file(sheet, columns, opening)
            self._clock("read", started)
            rows = self._rows_after_checkpoint(sheet)
            batches = self._parsed(rows, columns, twice)
            # Inside a transaction (a job run inline) another connection could not see this one's rows: commit here.
            threaded = not connection.in_atomic_block and not self.job.dry_run
            write_all(BatchWriter(self.job, self.timings), self._numbered(batches), threaded=threaded)
        if planned:
            groups.run(skip=max(0, self.job.checkpoint - total), before=total)

    def _numbered(self, batches: Iterator[list[ParsedRow]]) -> Iterator[tuple[list[ParsedRow], int]]:
        """Each batch with the checkpoint it reaches (rows done so far); parsing time counted as "validate"."""
        done = self.job.checkpoint
        clock = time.perf_counter()
        for batch in batches:
            self._clock("validate", clock)
            done += len(batch)
            yield batch, done
            clock = time.perf_counter()

    def _parsed(
        self, rows: Iterator[tuple[int, list[object]]], columns: list[Column], twice: dict[int, list[int]]
    ) -> Iterator[list[ParsedRow]]:
        for chunk in chunks(rows, BATCH_ROWS):
            job_checkpoint(job=self.job)  # a cancelled import stops here; the batches committed stay
            yield self.parse_batch(chunk, columns, twice)

    def _rows_after_checkpoint(self, sheet: Sheet) -> Iterator[tuple[int, list[object]]]:
        skip = self.job.checkpoint
        for position, item in enumerate(sheet.rows()):
            if position >= skip:
                yield item


def chunks(rows: Iterator[tuple[int, list[object]]], size: int) -> Iterator[list[tuple[int, list[object]]]]:
    chunk: list[tuple[int, list[object]]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run_import(job_id: int) -> None:
    """The job: run (or continue) one import through the job lifecycle (`core.job_services.job_run`): a file
    that cannot be imported fails it with the `SheetProblem`'s code and message; problems are stored in the
    uploader's language. Safe to call again after a crash."""
    try:
        job_run(model=ImportJob, job_id=job_id, work=lambda job: Importer(job).run())
    finally:
        import_audit_finish(job_id=job_id)
