"""`GET /jobs/` (every kind, the caller's own, newest first, one query a page) and `POST /jobs/{kind}/{id}/cancel/`."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from rest_framework.test import APIClient

from tests.factories.accounts import UserFactory
from tests.factories.imports import PLAIN_HEADERS, plain_row, xlsx_bytes
from tests.factories.jobs import ExportJobFactory, ImportJobFactory
from tmis.exports.models import ExportJob
from tmis.imports.models import ImportJob
from tmis.imports.writer import BatchWriter
from tmis.orgs.models import Organisation
from tmis.teachers.models import Teacher

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 11, 30, 8, 0, tzinfo=dt.UTC)


def at(job, minutes: float):
    """Sets the job's creation time (auto_now_add otherwise)."""
    type(job).objects.filter(pk=job.pk).update(created_at=T0 + dt.timedelta(minutes=minutes))
    return job


@pytest.fixture
def clerk():
    return UserFactory(organisation=Organisation.objects.get(code="620102"), roles=["filler"])


def walk(client, **params) -> list[dict]:
    rows, url, query = [], "/api/v1/jobs/", params
    while url:
        response = client.get(url, query)
        assert response.status_code == 200, response.json()
        body = response.json()
        rows += body["results"]
        url, query = body["next"], None
    return rows


def test_own_jobs_of_every_kind_newest_first(client_for, clerk):
    done = at(ImportJobFactory(owner=clerk, state="done", progress_total=10, progress_done=10, rows_written=9), 1)
    ImportJob.objects.filter(pk=done.pk).update(rows_failed=1, finished_at=T0)
    running = at(ExportJobFactory(owner=clerk, state="running", progress_total=200, progress_done=50), 3)
    failed = at(ImportJobFactory(owner=clerk, state="failed", error_code="empty", error_message="文件是空的。"), 2)
    exported = at(ExportJobFactory(owner=clerk, state="done", progress_total=5, progress_done=5), 4)
    # someone else's jobs: a colleague in the same county, a user of another county, the clerk's county admin
    colleague = UserFactory(organisation=clerk.organisation, roles=["filler"])
    elsewhere = UserFactory(organisation=Organisation.objects.get(code="620103"), roles=["filler"])
    for other in (colleague, elsewhere):
        at(ImportJobFactory(owner=other), 5)
        at(ExportJobFactory(owner=other), 6)

    rows = walk(client_for(clerk))
    assert [(r["kind"], r["id"]) for r in rows] == [
        ("export", exported.pk),
        ("export", running.pk),
        ("import", failed.pk),
        ("import", done.pk),
    ]
    first, second, third, fourth = rows
    assert first["links"] == {
        "detail": f"/api/v1/exports/{exported.pk}/",
        "download": f"/api/v1/exports/{exported.pk}/download/",
    }
    assert (first["state"], first["percent"], first["counts"]) == ("done", 100.0, {"rows_written": 5})
    assert (second["state"], second["percent"], second["links"]) == (
        "running",
        25.0,
        {"detail": f"/api/v1/exports/{running.pk}/"},
    )
    assert (third["error_code"], third["error_message"], third["finished_at"]) == ("empty", "文件是空的。", None)
    assert fourth["title"] == done.file_name and fourth["finished_at"] is not None
    assert fourth["counts"] == {
        "rows_valid": 0,
        "rows_written": 9,
        "rows_updated": 0,
        "rows_failed": 1,
        "rows_warned": 0,
    }
    assert fourth["links"]["result"] == f"/api/v1/imports/{done.pk}/report.xlsx/"
    assert set(first) == {
        "kind",
        "id",
        "state",
        "percent",
        "title",
        "counts",
        "cancel_requested",
        "created_at",
        "started_at",
        "finished_at",
        "error_code",
        "error_message",
        "links",
    }
    # nobody else sees them: not the colleague, not another county's user, not the county's admin above
    for other in (colleague, elsewhere, "demo-county-a", "demo-central"):
        ids = {(r["kind"], r["id"]) for r in walk(client_for(other))}
        assert not ids & {(r["kind"], r["id"]) for r in rows}
    assert len(walk(client_for(colleague))) == 2


def test_one_query_a_page_however_many_jobs(client_for, clerk, django_assert_num_queries):
    client = client_for(clerk)
    for minute in range(3):
        at(ImportJobFactory(owner=clerk), minute)
        at(ExportJobFactory(owner=clerk), minute)
    with django_assert_num_queries(2):  # the caller, the page (one UNION ALL of every kind)
        assert len(client.get("/api/v1/jobs/").json()["results"]) == 6
    for minute in range(3, 30):
        at(ImportJobFactory(owner=clerk), minute)
        at(ExportJobFactory(owner=clerk), minute)
    with django_assert_num_queries(2):
        assert len(client.get("/api/v1/jobs/", {"page_size": 50}).json()["results"]) == 50


def test_cursor_walks_every_job_once_across_kinds_and_equal_times(client_for, clerk):
    made = []
    for minute in (1, 1, 2, 2, 2, 3):  # jobs of both kinds created at the same instant
        made.append(("import", at(ImportJobFactory(owner=clerk), minute).pk, minute))
        made.append(("export", at(ExportJobFactory(owner=clerk), minute).pk, minute))
    expected = [(kind, pk) for kind, pk, _m in sorted(made, key=lambda m: (-m[2], m[0], -m[1]))]
    for size in (1, 2, 5, 100):
        assert [(r["kind"], r["id"]) for r in walk(client_for(clerk), page_size=size)] == expected
    response = client_for(clerk).get("/api/v1/jobs/", {"cursor": "not-a-cursor"})
    assert (response.status_code, list(response.json()["errors"])) == (400, ["cursor"])


def test_filters_by_kind_and_state(client_for, clerk):
    ImportJobFactory(owner=clerk, state="running")
    ImportJobFactory(owner=clerk, state="done")
    ExportJobFactory(owner=clerk, state="queued")
    ExportJobFactory(owner=clerk, state="downloaded")
    client = client_for(clerk)
    assert {r["kind"] for r in walk(client, kind="export")} == {"export"}
    active = walk(client, state="queued,running")
    assert sorted((r["kind"], r["state"]) for r in active) == [("export", "queued"), ("import", "running")]
    assert [r["state"] for r in walk(client, kind="export", state="downloaded")] == ["downloaded"]
    for bad in ({"kind": "snapshot"}, {"state": "lost"}):
        response = client.get("/api/v1/jobs/", bad)
        assert (response.status_code, list(response.json()["errors"])) == (400, list(bad))
    assert client_for("demo-school-a").get("/api/v1/jobs/").status_code == 200
    assert APIClient().get("/api/v1/jobs/").status_code == 401


def test_cancel_a_queued_job_at_once(client_for, clerk):
    job = ExportJobFactory(owner=clerk)
    client = client_for(clerk)
    assert (
        client_for(UserFactory(organisation=clerk.organisation))
        .post(f"/api/v1/jobs/export/{job.pk}/cancel/")
        .status_code
        == 404
    )
    assert client.post(f"/api/v1/jobs/import/{job.pk}/cancel/").status_code == 404  # the kind is part of the key
    assert client.post(f"/api/v1/jobs/snapshot/{job.pk}/cancel/").status_code == 404
    response = client.post(f"/api/v1/jobs/export/{job.pk}/cancel/")
    assert response.status_code == 200, response.json()
    assert (response.json()["state"], response.json()["cancel_requested"]) == ("cancelled", True)
    job.refresh_from_db()
    assert job.state == "cancelled" and job.finished_at is not None
    again = client.post(f"/api/v1/jobs/export/{job.pk}/cancel/")
    assert (again.status_code, again.json()["code"]) == (409, "job_ended")
    # its task finds it ended and does nothing
    from tmis.exports.writer import run_export

    run_export(job.pk)
    job.refresh_from_db()
    assert (job.state, job.attempts, job.file_path) == ("cancelled", 0, "")


def test_cancel_a_running_import_stops_at_its_next_batch_and_keeps_what_it_saved(client_for, monkeypatch):
    filler = client_for("demo-school-a")
    commit = BatchWriter.commit
    answers: list[dict] = []

    def commit_then_cancel(self, prepared):
        commit(self, prepared)
        if not answers:  # the clerk presses cancel while the first batch is being saved
            response = filler.post(f"/api/v1/jobs/import/{self.job.pk}/cancel/")
            assert response.status_code == 200, response.json()
            answers.append(response.json())

    monkeypatch.setattr(BatchWriter, "commit", commit_then_cancel)
    content = xlsx_bytes(PLAIN_HEADERS, [plain_row(30_000 + i) for i in range(2500)])  # three batches
    response = filler.post("/api/v1/imports/", {"file": SimpleUploadedFile("t.xlsx", content)}, format="multipart")
    assert response.status_code == 202, response.json()
    assert (answers[0]["state"], answers[0]["cancel_requested"]) == ("running", True)
    job = filler.get(f"/api/v1/imports/{response.json()['id']}/").json()
    assert (job["state"], job["rows_read"], job["rows_written"]) == ("cancelled", 1000, 1000), job
    assert Teacher.objects.filter(name__startswith="教师3").count() == 1000
    assert ImportJob.objects.get(pk=job["id"]).finished_at <= timezone.now()
    [row] = walk(filler, kind="import", state="cancelled")
    assert (row["id"], row["percent"], row["counts"]["rows_written"]) == (job["id"], 40.0, 1000)


def test_exports_list_keeps_its_shape(client_for):
    """The kinds' own endpoints keep their fields (rows_total / rows_written are the base's progress columns)."""
    filler = client_for("demo-school-a")
    response = filler.post("/api/v1/exports/", {"filters": {"q": "无此人"}, "format": "csv"}, format="json")
    assert response.status_code == 202, response.json()
    body = filler.get(f"/api/v1/exports/{response.json()['id']}/").json()
    assert (body["state"], body["rows_total"], body["rows_written"], body["percent"]) == ("done", 0, 0, 100.0)
    assert ExportJob.objects.get(pk=body["id"]).title == "教师名单“无此人”（CSV）"
