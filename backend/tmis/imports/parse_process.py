"""Entry points of an import's parse processes. Importable before Django is set up (a spawned process unpickles
these functions first), so Django and the pipeline are loaded inside `start`.

A failing `start` must not raise: multiprocessing would replace the process and run `start` again, forever. The
failure is kept and raised by `run`, which fails the job in the main process."""

from __future__ import annotations

import traceback
from collections.abc import Iterator
from typing import Any

_failure: str | None = None


def chunks(rows: Iterator[tuple[int, list[object]]], size: int) -> Iterator[list[tuple[int, list[object]]]]:
    chunk: list[tuple[int, list[object]]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class ParseProcess:
    """The state of one parse process: the job, its columns (mapped as the main process maps them), the in-file
    duplicates. Built by `start` once Django is set up."""

    current: ParseProcess | None = None

    def __init__(
        self, job_id: int, headers: list[str], codes: list[str] | None, formulas: set, twice: dict[int, list[int]]
    ) -> None:
        from django.utils import translation

        from tmis.catalog.selectors import effective_for_organisation

        from .columns import map_columns
        from .models import ImportJob
        from .pipeline import Importer
        from .sheets import Sheet
        from .template import code_names, template_fields

        job = ImportJob.objects.select_related("owner__organisation", "organisation").get(pk=job_id)
        translation.activate(job.language)
        self.importer = Importer(job)
        self.importer._formulas = formulas
        catalogue, tables = effective_for_organisation(organisation=job.organisation)
        header_only = Sheet(name="", headers=headers, codes=codes, first_data_row=0, formula_cells=formulas)
        self.columns = map_columns(header_only, template_fields(catalogue), code_names(catalogue, tables))
        self.twice = twice

    def parse(self, chunk: list[tuple[int, list[object]]]) -> list[tuple]:
        out = []
        for row in self.importer.parse_batch(chunk, self.columns, self.twice):
            number = row.number
            problems = [(p.column, p.field, p.value, p.code, str(p.message), p.severity) for p in row.problems]
            checked = row.checked
            flat = None
            if checked is not None:
                flat = (
                    checked.school.pk,
                    checked.values,
                    checked.extra,
                    checked.number,
                    checked.version,
                    checked.errors,
                    checked.warnings,
                )
            out.append((number, problems, flat))
        return out


def start(*args: Any) -> None:
    global _failure
    try:
        import django

        django.setup()
        ParseProcess.current = ParseProcess(*args)
    except Exception:
        _failure = traceback.format_exc()


def run(chunk: list[tuple[int, list[object]]]) -> list[tuple]:
    if _failure is not None:
        raise RuntimeError(f"the parse process did not start:\n{_failure}")
    assert ParseProcess.current is not None, "start() runs first in every parse process"
    return ParseProcess.current.parse(chunk)
