"""Real-world spreadsheets (issue 19): every case of the corpus uploaded over HTTP by a school's filler, into
PostgreSQL. Every fixable row imports, every bad row is reported on the right column, nothing else is lost."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict

import pytest

from tests.backend.imports.corpus import Case, cases
from tests.backend.imports.test_import_api import finished, problems, upload
from tmis.teachers.models import Teacher

pytestmark = pytest.mark.django_db

CASES = {case.name: case for case in cases()}


@pytest.fixture
def filler(client_for):
    return client_for("demo-school-a")


@pytest.fixture
def select(client_for):
    """The province selects optional indicators (published over the API): they are in its schools' template."""

    def publish(codes: tuple[str, ...]) -> None:
        if not codes:
            return
        province = client_for("demo-province")
        draft = {"selected": {code: {"required": False} for code in codes}, "extensions": [], "code_tables": []}
        response = province.put("/api/v1/catalog/provinces/620000/draft/", draft, format="json", HTTP_IF_NONE_MATCH="*")
        assert response.status_code in (200, 201), response.json()
        assert province.post("/api/v1/catalog/provinces/620000/publish/").status_code == 200

    return publish


def run(client, case: Case, **fields) -> dict:
    if case.mapping is not None:
        fields["mapping"] = json.dumps(case.mapping, ensure_ascii=False)
    return finished(client, upload(client, case.content, case.filename, **fields))


def found_errors(client, job: dict) -> dict[int, set[tuple[str, str]]]:
    by_row: dict[int, set[tuple[str, str]]] = defaultdict(set)
    for problem in problems(client, job, severity="error"):
        by_row[problem["row"]].add((problem["field"], problem["code"]))
    return dict(by_row)


def explained(client, job: dict) -> list[tuple]:
    return [(p["row"], p["field"], p["code"], p["value"], p["message"]) for p in problems(client, job)]


def check_layout(case: Case, job: dict) -> None:
    layout = job["layout"]
    assert layout["needs_mapping"] is case.needs_mapping, layout
    if case.header_row is not None:
        assert layout["header_row"] == case.header_row, layout
    if case.two_row_header:
        assert layout["two_row_header"] is True, layout
    if case.needs_mapping:
        assert set(layout["missing"]) == set(case.missing), layout
    mapped = {column["index"]: (column["field"], column["source"]) for column in layout["columns"]}
    for index, code in case.columns.items():
        assert mapped.get(index) == code, (index, code, layout["columns"])


def check_rows(client, case: Case, job: dict) -> None:
    """Every row's outcome: the failed ones reported with exactly their problems, the others saved."""
    expected = {row.number: set(row.fails) for row in case.failed}
    assert found_errors(client, job) == expected, explained(client, job)
    messages = defaultdict(str)
    for problem in problems(client, job, severity="error"):
        messages[problem["row"]] += problem["message"]
    for row in case.failed:
        assert row.hint in messages[row.number], (row.hint, messages[row.number])
    counts = (job["rows_written"], job["rows_failed"])
    assert counts == (len(case.imported), len(case.failed)), (job, explained(client, job))
    if not case.needs_mapping:
        assert job["rows_total"] == len(case.rows), job
    names = [row.name for row in case.rows]
    saved = {t.name: t for t in Teacher.objects.filter(name__in=names)}
    assert set(saved) == {row.name for row in case.imported}, explained(client, job)
    for row in case.imported:
        teacher = saved[row.name]
        assert teacher.school.code == "2162010201" and teacher.record_state == "draft"
        for code, value in row.values.items():
            stored = getattr(teacher, code)
            if isinstance(value, dt.date):
                stored = stored if isinstance(stored, dt.date) else dt.date.fromisoformat(stored)
            assert stored == value, (row.name, code, stored, value)


@pytest.mark.parametrize("name", list(CASES))
def test_corpus_case(filler, select, name):
    case = CASES[name]
    select(case.selected)
    if case.prelude is not None:
        job = run(filler, case.prelude)
        assert job["state"] == "done", job
        check_layout(case.prelude, job)
        check_rows(filler, case.prelude, job)
    job = run(filler, case)
    assert job["state"] == "done", job
    check_layout(case, job)
    check_rows(filler, case, job)


def test_corpus_has_every_kind_of_mess():
    assert len(CASES) >= 25
    rows = [row for case in CASES.values() for row in case.rows]
    assert any(row.fails for row in rows) and any(not row.fails for row in rows)
    assert all(3 <= len(case.rows) <= 8 for case in CASES.values())
    for case in CASES.values():
        if not case.needs_mapping:
            assert case.imported and case.failed, f"{case.name} mixes good and bad rows"
    assert {name.rsplit(".", 1)[-1] for name in (c.filename for c in CASES.values())} == {"xlsx", "csv"}


def test_dry_run_of_a_messy_sheet_writes_nothing(filler, select):
    case = CASES["two_row_header"]
    select(case.selected)
    before = Teacher.objects.count()
    job = run(filler, case, dry_run=True)
    assert (job["state"], job["dry_run"]) == ("done", True), job
    check_layout(case, job)
    assert (job["rows_valid"], job["rows_failed"]) == (len(case.imported), len(case.failed)), job
    assert found_errors(filler, job) == {row.number: set(row.fails) for row in case.failed}
    assert Teacher.objects.count() == before
    assert not Teacher.objects.filter(name__in=[row.name for row in case.rows]).exists()
