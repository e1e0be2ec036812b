"""A real worker: a job whose start keeps failing on a transient database error is retried (in-process, then by
procrastinate) and, when the retries are spent, failed by the worker's stall check with a reason its owner reads,
instead of staying `queued` for ever (issue 13, "a job stuck forever")."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from procrastinate.contrib.django.models import ProcrastinateJob

from tests.backend.imports.test_worker import start_worker, worker_env
from tests.factories.imports import PLAIN_HEADERS, plain_row, xlsx_bytes
from tmis.imports.models import ImportJob

ALWAYS_DEADLOCKED = """
    CREATE FUNCTION test_deadlocked_start() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'deadlock detected' USING ERRCODE = '40P01';
    END $$;
    CREATE TRIGGER test_deadlocked_start BEFORE UPDATE ON imports_importjob FOR EACH ROW
        WHEN (OLD.state = 'queued' AND NEW.state = 'running') EXECUTE FUNCTION test_deadlocked_start();
"""
UNDO = """
    DROP TRIGGER IF EXISTS test_deadlocked_start ON imports_importjob;
    DROP FUNCTION IF EXISTS test_deadlocked_start();
"""


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_job_that_keeps_failing_to_start_ends_failed_with_a_message(demo_logins, client_for, settings):
    settings.TMIS_JOBS_INLINE = False
    client = client_for("demo-school-a")
    content = xlsx_bytes(PLAIN_HEADERS, [plain_row(50_000)])
    response = client.post("/api/v1/imports/", {"file": SimpleUploadedFile("t.xlsx", content)}, format="multipart")
    assert response.status_code == 202, response.json()
    job_id = response.json()["id"]
    task = ProcrastinateJob.objects.filter(task_name="imports.run", args__job_id=job_id)
    assert task.get().status == "todo"  # queued when the start committed

    env = worker_env(Path(settings.TMIS_FILES_DIR)) | {
        "TMIS_JOB_START_ATTEMPTS": "2",  # two tries in-process …
        "TMIS_JOB_TASK_ATTEMPTS": "2",  # … in each of two runs of the task
        "TMIS_JOB_RETRY_WAIT_SECONDS": "0.01",
    }
    with connection.cursor() as cursor:
        cursor.execute(ALWAYS_DEADLOCKED)
    try:
        deadline = time.monotonic() + 60
        # Meanwhile no stall check may end the job, however slowly the workers start on a busy machine (a 2 s grace
        # did once, under load): it is the check of the last worker below that this test is about.
        retrying = env | {"TMIS_JOB_STALLED_SECONDS": "600"}
        while task.get().status != "failed":  # procrastinate retries the task once, later: run workers till then
            assert time.monotonic() < deadline, task.get().status
            worker = start_worker(retrying, "--once")
            _out, err = worker.communicate(timeout=60)
            assert worker.returncode == 0, err.decode()
            time.sleep(0.2)
        assert task.get().attempts == 2
        job = ImportJob.objects.get(pk=job_id)
        assert (job.state, job.error_code) == ("queued", "")  # without the stall check: queued for ever

        time.sleep(float(env["TMIS_JOB_STALLED_SECONDS"]))  # past the grace period of a new job
        worker = start_worker(env, "--once")  # a worker's start-up runs the stall check
        _out, err = worker.communicate(timeout=60)
        assert worker.returncode == 0, err.decode()
        assert "failed 1 stuck job" in err.decode()
    finally:
        with connection.cursor() as cursor:
            cursor.execute(UNDO)
    body = client.get(f"/api/v1/imports/{job_id}/").json()
    assert (body["state"], body["error_code"]) == ("failed", "not_started")
    assert body["error_message"] == "任务未能启动，请重新发起。"
    [row] = client.get("/api/v1/jobs/").json()["results"]
    assert (row["state"], row["error_message"]) == ("failed", "任务未能启动，请重新发起。")
