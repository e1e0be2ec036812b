"""The import's writing half: a batch is looked up and formatted first (`prepare`), then committed in one transaction
(`commit`, in a writer thread when the job runs in a worker). A document someone registers in between fails only
its own row; the rest of the batch is written."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.imports import PLAIN_HEADERS, plain_row, xlsx_bytes
from tests.factories.teachers import complete_payload
from tmis.imports.writer import BatchWriter
from tmis.teachers.models import Teacher

pytestmark = pytest.mark.django_db

SCHOOL = "2162010201"


def test_a_document_registered_between_prepare_and_commit_fails_only_its_row(client_for, monkeypatch):
    filler = client_for("demo-school-a")
    rows = [plain_row(i) for i in range(700, 706)]
    taken = rows[2]
    registered: list[dict] = []
    commit = BatchWriter.commit

    def register_then_commit(self, prepared):
        # Another clerk registers the third row's teacher after the batch was looked up and formatted.
        payload = complete_payload(
            SCHOOL, name="抢先登记", id_number=taken[5], birth_date=taken[6], gender="1" if taken[2] == "男" else "2"
        )
        response = filler.post("/api/v1/teachers/", payload, format="json")
        assert response.status_code == 201, response.json()
        registered.append(response.json())
        return commit(self, prepared)

    monkeypatch.setattr(BatchWriter, "commit", register_then_commit)
    content = xlsx_bytes(PLAIN_HEADERS, rows)
    response = filler.post("/api/v1/imports/", {"file": SimpleUploadedFile("t.xlsx", content)}, format="multipart")
    assert response.status_code == 202, response.json()
    job = filler.get(f"/api/v1/imports/{response.json()['id']}/").json()

    assert (job["state"], job["rows_written"], job["rows_failed"]) == ("done", 5, 1), job
    errors = filler.get(f"/api/v1/imports/{job['id']}/errors/", {"severity": "error"}).json()["results"]
    assert [(e["row"], e["code"]) for e in errors] == [(4, "duplicate_id_document")]
    assert registered[0]["teacher_no"] in errors[0]["message"]
    names = set(Teacher.objects.filter(name__startswith="教师007").values_list("name", flat=True))
    assert names == {f"教师{i:05d}" for i in range(700, 706)} - {"教师00702"}
    assert Teacher.objects.filter(name="抢先登记").count() == 1


def test_re_importing_registered_rows_costs_the_same_queries_for_5_rows_as_for_50(client_for):
    """A clerk uploads the same file twice: every row is a conflict with an archive in her scope, named in the
    problem — without a query per row."""
    filler = client_for("demo-school-a")
    rows = [plain_row(i) for i in range(800, 850)]

    def upload(part: list[list[object]]) -> dict:
        content = xlsx_bytes(PLAIN_HEADERS, part)
        response = filler.post("/api/v1/imports/", {"file": SimpleUploadedFile("t.xlsx", content)}, format="multipart")
        assert response.status_code == 202, response.json()
        return filler.get(f"/api/v1/imports/{response.json()['id']}/").json()

    assert upload(rows)["rows_written"] == 50

    def queries_for(count: int) -> int:
        with CaptureQueriesContext(connection) as queries:
            job = upload(rows[:count])
        assert (job["rows_written"], job["rows_failed"]) == (0, count), job
        return len(queries)

    assert queries_for(5) == queries_for(50)
