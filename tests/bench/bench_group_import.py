"""The many-valued groups' import (`make bench`, issue 19): a workbook of BENCH_GROUP_TEACHERS teachers (default
10,000) × BENCH_GROUP_RECORDS records each (default 10), spread over every importable group sheet of the county's
catalogue (学习经历, 年度考核 …), one record per row keyed by 全国教师编号 (every tenth teacher's rows by 身份证件号),
values written as names, as the whole-archive export writes them. The teachers are first imported as drafts from
the template (`bench_imports`' generator). The group import runs in a child process exactly as the worker runs it
(append mode, every record written), BENCH_RUNS times on the same teachers; the target is ≥ 20,000 records/s over
the job's own time (started → finished: the child's Python start-up is not the import's).

    .venv/bin/python -m tmis.devdb --database tmis_bench_imports --fresh -- \\
        .venv/bin/python tests/bench/bench_group_import.py
"""

from __future__ import annotations

import statistics
import sys
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the tests' factories: a valid record of each group

from bench_imports import setup
from bench_setup import size  # sets Django up
from child_process import run_child
from django.conf import settings
from import_workbook import Catalogue, generate
from progress_watch import ProgressWatch

from tests.factories.teachers import required_record

TEACHERS = size("BENCH_GROUP_TEACHERS", 10_000, 300)
RECORDS = size("BENCH_GROUP_RECORDS", 10, 3)
RUNS = size("BENCH_RUNS", 3, 1)
TARGET_RECORDS_PER_S = 20_000
IMPORT_CHILD = str(Path(__file__).with_name("bench_imports.py"))


def run_job(path: Path, county: Any, filler: Any, **options: Any) -> Any:
    from tmis.imports.models import ImportJob

    job = ImportJob.objects.create(
        owner=filler,
        organisation=county,
        org_path=county.path,
        file_name=path.name,
        file_path=str(path.relative_to(settings.TMIS_FILES_DIR)),
        file_size=path.stat().st_size,
        **options,
    )
    with ProgressWatch(ImportJob, job.pk, extra=("opened_percent",)) as watch:
        run_child(IMPORT_CHILD, ["--run-import", str(job.pk)])
    job.refresh_from_db()
    job.progress_line = watch.line()
    assert job.state == "done", (job.state, job.error_code, job.error_message)
    return job


def sample_value(field: Any, names: dict[str, str], index: int) -> Any:
    """A value of a field (stored form), varied by `index`."""
    kind = field.data_type
    codes = [c for c in (field.codes or names) if c in names] or list(names)
    if kind == "code":
        return codes[index % len(codes)] if codes else ""
    if kind == "multi_code":
        return [codes[index % len(codes)]] if codes else []
    if kind == "boolean":
        return index % 2 == 0
    if kind == "integer":
        return 2000 + index % 25
    if kind == "decimal":
        return 1000 + index % 5000
    if kind == "year_month":
        return f"{2000 + index % 25}-{1 + index % 12:02d}"
    if kind == "date":
        return f"{2000 + index % 25}-{1 + index % 12:02d}-{1 + index % 28:02d}"
    return f"记录{index % 97}"


def valid_record(group: Any, names: dict[str, dict[str, str]]) -> dict[str, Any]:
    """A record of the group that passes its catalogue: the required fields (`required_record`), then every other
    field whose sample value keeps it valid (the group's rules make some fields exclusive)."""
    from tmis.catalog.validation import validate_row

    record = required_record(group)
    for field in group.fields:
        if field.code in record:
            continue
        trial = record | {field.code: sample_value(field, names.get(field.code, {}), 0)}
        if not validate_row(group, trial):
            record = trial
    return record


def group_workbook(county: Any, teachers: list[tuple[str, str, str]], target: Path) -> tuple[int, list[str]]:
    """The group workbook (see the module's docstring); returns (records, the groups' codes)."""
    import xlsxwriter

    from tmis.catalog.selectors import effective_for_organisation
    from tmis.imports.group_sheets import group_sheets
    from tmis.imports.template import cell_writer, code_names

    catalogue, tables = effective_for_organisation(organisation=county)
    names = {code: {c: n for c, n, _en in items} for code, items in code_names(catalogue, tables).items()}
    sheets = group_sheets(catalogue, importable=True)
    records = {sheet.code: valid_record(sheet.group, names) for sheet in sheets}
    writers = {f.code: cell_writer(f, names.get(f.code, {})) for sheet in sheets for f in sheet.fields}
    book = xlsxwriter.Workbook(
        str(target),
        {"constant_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False},
    )
    written = 0
    for position, sheet in enumerate(sheets):
        out = book.add_worksheet(sheet.name)
        out.write_row(0, 0, [f.name for f in sheet.columns])
        out.write_row(1, 0, [f.code for f in sheet.columns])
        out.set_row(1, None, None, {"hidden": True})
        row = 2
        for number, (teacher_no, id_number, name) in enumerate(teachers):
            # RECORDS records per teacher, dealt over the sheets in turn
            count = sum(1 for r in range(RECORDS) if (number + r) % len(sheets) == position)
            for _copy in range(count):
                keys = [id_number, "", name] if number % 10 == 0 else ["", teacher_no, name]
                record = records[sheet.code]
                values = [
                    (f"{record[f.code]}{number}" if f.data_type == "text" else writers[f.code](record[f.code]))
                    if f.code in record
                    else ""
                    for f in sheet.fields
                ]
                for column, cell in enumerate([*keys, *values]):
                    if cell:
                        out.write_string(row, column, cell)
                row += 1
                written += 1
    book.close()
    return written, [s.code for s in sheets]


def main() -> None:
    from tmis.core import crypto
    from tmis.teachers.models import Teacher
    from tmis.teachers.writes import ID_CONTEXT

    county, filler, schools = setup()
    folder = Path(settings.TMIS_FILES_DIR) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    basic = folder / f"bench-group-basic-{uuid.uuid4().hex}.xlsx"
    groups = folder / f"bench-groups-{uuid.uuid4().hex}.xlsx"
    try:
        generate(Catalogue(county, schools), basic, rows=TEACHERS, sample=0)
        first = run_job(basic, county, filler)
        drafts = Teacher.objects.filter(history_import_ids(first.pk)).order_by("id")
        teachers = [
            (t.teacher_no, crypto.decrypt(t.id_key, bytes(t.id_cipher), context=ID_CONTEXT), t.name)
            for t in drafts.only("teacher_no", "id_key", "id_cipher", "name")
        ]
        records, codes = group_workbook(county, teachers, groups)
        jobs = [run_job(groups, county, filler) for _run in range(RUNS)]
    finally:
        basic.unlink(missing_ok=True)
        groups.unlink(missing_ok=True)
    seconds = [(job.finished_at - job.started_at).total_seconds() for job in jobs]
    for job in jobs:
        found = list(job.problems.filter(severity="error").values_list("sheet", "row", "column", "message")[:5])
        assert (job.rows_written, job.rows_failed) == (records, 0), (job.rows_written, job.rows_failed, records, found)
    median = statistics.median(seconds)
    rate = records / median
    met = "yes" if rate >= TARGET_RECORDS_PER_S else "no"
    print(f"{len(teachers):,} teachers × {RECORDS} records = {records:,} records over {len(codes)} group sheets")
    print("| group import | seconds (each run) | median | records/s | target | met |")
    print("|---|---|---|---|---|---|")
    runs = " / ".join(f"{s:.2f}" for s in seconds)
    print(
        f"| append, keyed by teacher number | {runs} | {median:.2f} | {rate:,.0f} "
        f"| ≥ {TARGET_RECORDS_PER_S:,} | {met} |"
    )
    print(f"timings of the last run: {jobs[-1].timings}")
    for number, job in enumerate(jobs, 1):
        print(f"run {number}: {job.progress_line}")


def history_import_ids(job_id: int) -> Any:
    """The archives an import job created (their first history event carries the job)."""
    from django.db.models import Q

    from tmis.imports.models import ImportJob

    job = ImportJob.objects.get(pk=job_id)
    assert job.started_at is not None and job.finished_at is not None
    return Q(created_at__gte=job.started_at, created_at__lte=job.finished_at, org_path__startswith=job.org_path)


if __name__ == "__main__":
    main()
