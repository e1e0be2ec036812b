"""A school's own sheet against the template (`make bench`, issue 19): the same BENCH_IMPORT_ROWS teachers (default
100,000) as the template workbook of `bench_imports.py`, and again as a school makes its sheet — a merged title row,
a note and a blank row above the headers, the headers written by their synonyms (身份证号码, 出生年月日 …) or with
a stray space and without the * marks, no hidden code row. Both are checked by dry runs in a child process exactly as
the worker runs them (read, find the header, match the columns, parse and validate every row, look the ID documents
up; nothing is written, so the runs can alternate on one database), alternately, BENCH_RUNS times each; the target
is the messy sheet within 5 % of the template (medians).

    BENCH_IMPORT_ROWS=100000 .venv/bin/python -m tmis.devdb --database tmis_bench_imports --fresh -- \\
        .venv/bin/python tests/bench/bench_messy_import.py
"""

from __future__ import annotations

import datetime as dt
import statistics
import uuid
from pathlib import Path
from typing import Any

from bench_imports import setup
from bench_setup import size  # sets Django up
from child_process import run_child
from django.conf import settings
from import_workbook import Catalogue, generate

ROWS = size("BENCH_IMPORT_ROWS", 100_000, 800)
RUNS = size("BENCH_RUNS", 3, 1)
TARGET_RATIO = 1.05
IMPORT_CHILD = str(Path(__file__).with_name("bench_imports.py"))


def messy_copy(template: Path, target: Path) -> int:
    """The template's rows as a school's sheet (see the module's docstring); returns the header row (1-based)."""
    import xlsxwriter
    from python_calamine import CalamineWorkbook

    from tmis.catalog.synonyms import header_synonyms

    synonyms = header_synonyms()
    rows = CalamineWorkbook.from_path(str(template)).get_sheet_by_name("教师基本信息").iter_rows()
    names, codes = [str(c) for c in next(rows)], [str(c) for c in next(rows)]
    headers = []
    for index, (name, code) in enumerate(zip(names, codes, strict=True)):
        plain = name.lstrip("*")
        found = synonyms.get(code, ())
        headers.append(found[0] if found and index % 3 != 2 else f" {plain} ")
    book = xlsxwriter.Workbook(str(target), {"constant_memory": True, "strings_to_numbers": False})
    sheet = book.add_worksheet("Sheet1")
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.merge_range(0, 0, 0, len(headers) - 1, "城关区 2026 年教师基本信息汇总表")
    sheet.write(1, 0, "说明：各校于 12 月 10 日前报送；带颜色的列为必填。")
    sheet.write_row(3, 0, headers)
    for number, cells in enumerate(rows, start=4):
        for column, cell in enumerate(cells):
            if cell is None or cell == "":
                continue
            if isinstance(cell, dt.datetime | dt.date):
                day = cell if isinstance(cell, dt.datetime) else dt.datetime(cell.year, cell.month, cell.day)
                sheet.write_datetime(number, column, day, date_format)
            else:
                sheet.write(number, column, cell)
    book.close()
    return 4


def dry_run(path: Path, county: Any, filler: Any) -> tuple[float, Any]:
    from tmis.imports.models import ImportJob

    job = ImportJob.objects.create(
        owner=filler,
        organisation=county,
        org_path=county.path,
        file_name=path.name,
        file_path=str(path.relative_to(settings.TMIS_FILES_DIR)),
        file_size=path.stat().st_size,
        dry_run=True,
    )
    result = run_child(IMPORT_CHILD, ["--run-import", str(job.pk)])
    job.refresh_from_db()
    assert job.state == "done", (job.state, job.error_code, job.error_message)
    return result["seconds"], job


def main() -> None:
    county, filler, schools = setup()
    catalogue = Catalogue(county, schools)
    folder = Path(settings.TMIS_FILES_DIR) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    template = folder / f"bench-template-{uuid.uuid4().hex}.xlsx"
    messy = folder / f"bench-messy-{uuid.uuid4().hex}.xlsx"
    try:
        generate(catalogue, template, rows=ROWS, sample=0)
        header_row = messy_copy(template, messy)
        times: dict[str, list[float]] = {"template": [], "messy": []}
        jobs: dict[str, Any] = {}
        for _run in range(RUNS):
            for label, path in (("template", template), ("messy", messy)):
                seconds, jobs[label] = dry_run(path, county, filler)
                times[label].append(seconds)
    finally:
        template.unlink(missing_ok=True)
        messy.unlink(missing_ok=True)
    plain, school = jobs["template"], jobs["messy"]
    assert school.layout["header_row"] == header_row and not school.layout["needs_mapping"], school.layout
    assert (school.rows_valid, school.rows_failed) == (plain.rows_valid, plain.rows_failed), (
        (school.rows_valid, school.rows_failed),
        (plain.rows_valid, plain.rows_failed),
    )
    sources: dict[str, int] = {}
    for column in school.layout["columns"]:
        sources[column["source"]] = sources.get(column["source"], 0) + 1
    print(f"{ROWS:,} rows; the school's sheet: header on row {header_row}, columns matched by {sources}")
    print("| sheet | dry-run seconds (each run) | median | rows/s |")
    print("|---|---|---|---|")
    for label, found in times.items():
        median = statistics.median(found)
        print(f"| {label} | {' / '.join(f'{s:.2f}' for s in found)} | {median:.2f} | {ROWS / median:,.0f} |")
    ratio = statistics.median(times["messy"]) / statistics.median(times["template"])
    met = "yes" if ratio <= TARGET_RATIO else "no"
    print(f"| issue 19 target: the school's sheet ≤ {TARGET_RATIO:.2f}× the template | {ratio:.3f}× | {met} |")


if __name__ == "__main__":
    main()
