"""Catalogue validator throughput (`make bench`): rows of the basic group per second, one process.

Imports (issue 6) must reach 10,000 rows/s end to end, so the validator has to be well above that.
"""

from __future__ import annotations

import time

from bench_setup import size  # sets Django up
from django.core.management import call_command
from stats import percentile

from tmis.catalog import jsonschema_doc
from tmis.catalog.selectors import effective_for_organisation
from tmis.catalog.validation import group_validator, validate_row
from tmis.core import idnumbers
from tmis.orgs.models import Organisation

ROWS = size("BENCH_ROWS", 20_000, 500)
RUNS = size("BENCH_RUNS", 5, 1)


def filler(schema: dict) -> object:
    """A valid value for any other required field."""
    if "enum" in schema:
        return schema["enum"][0]
    return {"boolean": False, "integer": 1, "number": 1}.get(schema.get("type"), "2008-09")


def rows(required: dict[str, dict]) -> list[dict]:
    base = {code: filler(schema) for code, schema in required.items()}
    out = []
    for n in range(ROWS):
        first17 = f"620102198{n % 10}0312{n % 1000:03d}"
        row = base | {
            "name": f"教师{n}",
            "gender": "1" if n % 2 else "2",
            "nationality": "156",
            "id_type": "1",
            "id_number": first17 + idnumbers.check_char(first17),
            "birth_date": f"198{n % 10}-03-12",
            "ethnicity": "01",
            "political_status": ["13"],
            "work_start_month": "2008-09",
            "school_entry_month": "2010-09",
            "on_establishment": True,
            "personnel_status": "100",
            "grassroots_project": "0",  # 否: the project's dates, required by a rule for a project, stay empty
        }
        if n % 100 == 0:  # 1% bad rows
            row["birth_date"] = "1985-02-30"
        out.append(row)
    return out


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    catalogue, _ = effective_for_organisation(organisation=Organisation.objects.get(code="2162010201"))
    basic = catalogue.group("basic")
    schema = jsonschema_doc.group_schema(basic)
    data = rows({code: schema["properties"][code] for code in schema["required"]})
    runs = []
    for _ in range(RUNS):
        started = time.perf_counter()
        bad = sum(1 for row in data if validate_row(basic, row))
        runs.append(time.perf_counter() - started)
    assert bad == len(range(0, ROWS, 100)), bad  # exactly the rows made bad
    median = percentile(runs, 50)
    print(
        f"validator, basic group ({len(basic.fields)} fields), {ROWS:,} rows with {bad} invalid, one row a call: "
        f"median {median:.2f} s = {ROWS / median:,.0f} rows/s ({RUNS} runs)"
    )
    validator = group_validator(basic)
    runs = []
    for _ in range(RUNS):
        started = time.perf_counter()
        bad = sum(
            1
            for start in range(0, ROWS, 1000)
            for errors in validator.validate_many(data[start : start + 1000])
            if errors
        )
        runs.append(time.perf_counter() - started)
    assert bad == len(range(0, ROWS, 100)), bad
    median = percentile(runs, 50)
    print(
        f"validator, the same rows 1,000 a call (validate_many, as imports check them), {bad} invalid: "
        f"median {median:.2f} s = {ROWS / median:,.0f} rows/s ({RUNS} runs)"
    )


if __name__ == "__main__":
    main()
